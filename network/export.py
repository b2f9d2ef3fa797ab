"""Exports of a view or the whole directory: GraphML, GEXF, XLSX, CSV, self-contained HTML, and (via
``drawing/static.py``) PNG, SVG and PDF pictures.

Every function returns ``bytes`` and writes nothing: the CLI writes the file, the dashboard hands the bytes to a
download button. Two rules hold for every format:

- **Personal data stays out unless asked for.** People's e-mail, phone and notes, and organisations' e-mail, are left
  out unless the caller passes ``include_contact_details=True``; so a default export contains no e-mail address.
- **Spreadsheets cannot run formulas from the data.** A text cell that starts with ``=``, ``+``, ``-``, ``@``, tab or
  carriage return (and is not a plain number such as ``-12.5``) is neutralised: in CSV it gets a leading ``'``; in
  XLSX it is stored as a text cell with Excel's own "quote prefix" flag, so the value itself is unchanged and a
  workbook exported from a directory loads back as the same directory.
"""

from __future__ import annotations

import csv
import io
import re
from dataclasses import dataclass
from typing import Iterable, Mapping

import networkx as nx
import pandas as pd

from . import schema
from .directory import Directory, Progress
from .errors import UsageError
from .export_formats import DATA_FORMATS, FORMATS, IMAGE_FORMATS, MIME_TYPES, TABLE_CHOICES
from .formulas import is_formula_like, neutralise
from .queries import ViewFilter, ego_network, induced_view
from .validation import ORIGIN

__all__ = [
    "FORMATS",
    "IMAGE_FORMATS",
    "DATA_FORMATS",
    "MIME_TYPES",
    "TABLE_CHOICES",
    "CONTACT_COLUMNS",
    "ExportRequest",
    "view_graph",
    "default_title",
    "default_caption",
    "contact_columns",
    "directory_tables",
    "entity_table",
    "is_formula_like",
    "neutralise",
    "to_csv",
    "to_xlsx",
    "file_graph",
    "to_graphml",
    "to_gexf",
    "to_html",
    "export",
]

#: Columns left out of exports unless contact details are asked for (``schema.Column.contact``). Organisations'
#: general addresses are left out too, so that a default export contains no e-mail address at all.
CONTACT_COLUMNS: dict[str, tuple[str, ...]] = {
    t.kind: t.contact_columns for t in schema.ENTITY_TABLES if t.contact_columns
}
#: Excel's limit; larger tables must go to CSV.
XLSX_MAX_ROWS = 1_048_575
_ILLEGAL_XML = re.compile(r"[\x00-\x08\x0b\x0c\x0e-\x1f]")
_SHEET_NAME = re.compile(r"[\[\]:*?/\\]")


def contact_columns(kind: str, include_contact_details: bool, public_only: bool = False) -> tuple[str, ...]:
    """The columns of ``kind`` to leave out: its contact columns, unless they were asked for. ``public_only`` (for
    a viewer, who may not see contact details): also every personal column (``schema.Table.personal_columns``:
    people's languages, themes, legal basis, verified)."""
    if public_only:
        hidden = set(schema.table_for_kind(kind).personal_columns) | set(CONTACT_COLUMNS.get(kind, ()))
        return tuple(c for c in schema.table_for_kind(kind).column_names if c in hidden)
    return () if include_contact_details else CONTACT_COLUMNS.get(kind, ())


# --- the view --------------------------------------------------------------------------------------------------


def view_graph(
    directory: Directory,
    focus: str | None = None,
    radius: int = 1,
    flt: ViewFilter | None = None,
    *,
    nodes: Iterable[str] | None = None,
    hide_people: bool = False,
) -> nx.MultiDiGraph:
    """The graph a picture or file shows: around ``focus``, or on the given ``nodes`` (a consortium), or everything.

    The whole directory without filters is ``directory.graph`` itself (not a copy), so callers must not change it.
    ``hide_people`` removes people (the focus stays if it is a person).
    """
    flt = flt or ViewFilter()
    if hide_people:
        kinds = flt.kinds if flt.kinds is not None else frozenset(schema.KINDS)
        flt = ViewFilter(kinds - {"person"}, flt.relations, flt.countries, flt.themes, flt.active_on)
    if focus is not None:
        return ego_network(directory, focus, radius, flt)
    if nodes is not None:
        chosen = [n for n in nodes if directory.kind_of(n)]  # kind_of raises NotFoundError for an unknown id
        return induced_view(directory.graph, [n for n in chosen if flt.node_ok(directory.graph.nodes[n])], flt)
    if flt.is_empty:
        return directory.graph
    graph = directory.graph
    return induced_view(graph, (n for n, attrs in graph.nodes(data=True) if flt.node_ok(attrs)), flt)


def default_title(directory: Directory, focus: str | None = None, radius: int = 1) -> str:
    """ "Region Örebro län: network within 2 steps", or the directory's name for the whole directory."""
    if focus is None:
        return directory.name
    steps = "1 step" if radius == 1 else f"{radius} steps"
    return f"{directory.name_of(focus)}: network within {steps}"


def default_caption(directory: Directory, shown: int | None = None, total: int | None = None) -> str:
    """ "Data as of 2025-03-01 · source: Testkatalog", with "showing 300 of 1,200 entities" when trimmed."""
    parts = [f"Data as of {directory.data_date}"] if directory.data_date else []
    if shown is not None and total is not None and shown < total:
        parts.append(f"showing {shown:,} of {total:,} entities")
    parts.append(f"source: {directory.name}")
    return " · ".join(parts)


# --- tables (XLSX and CSV) -------------------------------------------------------------------------------------


def _relation_rows(directory: Directory, graph: nx.MultiDiGraph) -> pd.DataFrame:
    """The rows of relations.csv whose relation is in ``graph``; relations made by reference columns are left out
    (the people and projects rows carry them)."""
    relations = directory.relations
    source = directory.sources.get("relation", schema.RELATIONS_TABLE.file)
    if ORIGIN in relations:
        relations = relations[relations[ORIGIN].str.startswith(source + ":")]
    if graph is not directory.graph:
        keep = [
            graph.has_edge(s, t, key=r)
            for s, r, t in zip(relations["source"], relations["relation"], relations["target"])
        ]
        relations = relations[keep] if len(relations) else relations
    return relations.loc[:, list(schema.RELATIONS_TABLE.column_names)].reset_index(drop=True)


def _entity_rows(
    directory: Directory, kind: str, graph: nx.MultiDiGraph, include_contact_details: bool, public_only: bool = False
) -> pd.DataFrame:
    table = schema.table_for_kind(kind)
    frame = directory.tables.get(kind)
    if frame is None:
        frame = pd.DataFrame({c: pd.Series([], dtype=str) for c in table.column_names})
    if graph is not directory.graph:
        frame = frame[frame["id"].isin(graph.nodes)].copy()
        for column in table.columns:  # a reference to an entity outside the view would not load: blank it
            if column.type == schema.REF and column.name in frame:
                frame.loc[~frame[column.name].isin(graph.nodes), column.name] = ""
    hidden = contact_columns(kind, include_contact_details, public_only)
    return frame.loc[:, [c for c in table.column_names if c not in hidden]].reset_index(drop=True)


def directory_tables(
    directory: Directory,
    graph: nx.MultiDiGraph | None = None,
    include_contact_details: bool = False,
    *,
    public_only: bool = False,
) -> dict[str, pd.DataFrame]:
    """Sheet name → rows, in the import format (``organisations``, ..., ``relations``, and lookup tables such as
    ``country_groups``), for ``graph`` or everything.

    For a view, references to entities outside it (a person's organisation, a project's programme) are blanked,
    so that the workbook still loads without errors. Lookup tables are always exported whole.
    """
    graph = directory.graph if graph is None else graph
    sheets = {
        t.sheet: _entity_rows(directory, t.kind, graph, include_contact_details, public_only)
        for t in schema.ENTITY_TABLES
    }
    sheets[schema.RELATIONS_TABLE.sheet] = _relation_rows(directory, graph)
    lookups = getattr(directory, "lookups", {}) or {}
    for table in getattr(schema, "LOOKUP_TABLES", ()):
        frame = lookups.get(table.kind)
        if frame is not None and len(frame):
            sheets[table.sheet] = frame.loc[:, [c for c in table.column_names if c in frame]].reset_index(drop=True)
    return sheets


def entity_table(
    directory: Directory,
    graph: nx.MultiDiGraph | None = None,
    include_contact_details: bool = False,
    *,
    public_only: bool = False,
) -> pd.DataFrame:
    """Every entity of the view in one table: ``kind`` and the union of the files' columns, in the format's order."""
    graph = directory.graph if graph is None else graph
    parts, columns = [], ["id", "kind"]
    for table in schema.ENTITY_TABLES:
        frame = _entity_rows(directory, table.kind, graph, include_contact_details, public_only)
        parts.append(frame.assign(kind=table.kind))
        columns += [c for c in frame.columns if c not in columns]
    joined = pd.concat(parts, ignore_index=True) if parts else pd.DataFrame(columns=columns)
    return joined.reindex(columns=columns).fillna("")


def _cell_text(value: object) -> str:
    if value is None or (isinstance(value, float) and value != value):
        return ""
    return str(neutralise(value))


def to_csv(frame: pd.DataFrame, *, delimiter: str = ",") -> bytes:
    """The table as CSV: UTF-8 with a BOM (so Excel shows å, ä, ö), Windows line ends, formula-like cells neutralised.

    Use ``delimiter=";"`` for Excel with Swedish (and most European) regional settings.
    """
    buffer = io.StringIO()
    writer = csv.writer(buffer, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([str(c) for c in frame.columns])
    for row in frame.itertuples(index=False, name=None):
        writer.writerow([_cell_text(v) for v in row])
    return ("\ufeff" + buffer.getvalue()).encode("utf-8")


# --- XLSX ------------------------------------------------------------------------------------------------------


def _numeric_columns(sheet: str) -> dict[str, type]:
    """Integer and number columns of an import sheet, written as numbers when that loses nothing."""
    table = schema.table_for_file(sheet)
    if table is None:
        return {}
    kinds = {schema.INTEGER: int, schema.NUMBER: float}
    return {c.name: kinds[c.type] for c in table.columns if c.type in kinds}


def _as_number(value: str, kind: type) -> int | float | str:
    """``"12"`` → 12, ``"12500.5"`` → 12500.5, but ``"012"`` or ``"12500.50"`` stay text (they would not read back
    the same)."""
    try:
        number = kind(value)
    except (TypeError, ValueError):
        return value
    shown = str(int(number)) if isinstance(number, float) and number.is_integer() else str(number)
    return number if shown == value else value


def _text_cell(sheet, value: str):
    """Text that openpyxl would otherwise store as a formula: a text cell with Excel's quote prefix."""
    from openpyxl.cell import WriteOnlyCell

    cell = WriteOnlyCell(sheet, value)
    cell.data_type = "s"
    cell.quotePrefix = True  # Excel keeps it as text even when the cell is edited
    return cell


def _xlsx_values(sheet, series: pd.Series, number: type | None) -> list:
    """One column's cells: empty → no cell, numbers (when exact) → numbers, formula-like text → protected text."""
    values = []
    for value in series.tolist():
        if value is None or value == "" or (isinstance(value, float) and value != value):
            values.append(None)
        elif isinstance(value, str):
            if number is not None:
                value = _as_number(value, number)
                if not isinstance(value, str):
                    values.append(value)
                    continue
            if _ILLEGAL_XML.search(value):
                value = _ILLEGAL_XML.sub("", value)
            values.append(_text_cell(sheet, value) if value.startswith("=") or is_formula_like(value) else value)
        else:
            values.append(value if isinstance(value, (int, float, bool)) else str(value))
    return values


def to_xlsx(
    sheets: Mapping[str, pd.DataFrame], *, title: str = "", description: str = "", progress: Progress | None = None
) -> bytes:
    """A workbook with one sheet per table (bold, frozen header row, filters). Nothing is ever a formula."""
    from openpyxl import Workbook
    from openpyxl.cell import WriteOnlyCell
    from openpyxl.styles import Font

    too_big = [name for name, frame in sheets.items() if len(frame) > XLSX_MAX_ROWS]
    if too_big:
        raise UsageError(
            f"{', '.join(too_big)} has more rows than Excel can hold ({XLSX_MAX_ROWS:,}). Export it as CSV instead."
        )
    book = Workbook(write_only=True)
    book.properties.title, book.properties.description, book.properties.creator = title, description, "network"
    total = sum(len(f) for f in sheets.values()) or 1
    done = 0
    for name, frame in sheets.items():
        sheet = book.create_sheet(_SHEET_NAME.sub(" ", name)[:31] or "sheet")
        sheet.freeze_panes = "A2"
        for i, column in enumerate(frame.columns):
            width = max([len(str(column))] + [len(str(v)) for v in frame[column].head(200)])
            sheet.column_dimensions[_column_letter(i)].width = min(60, max(8, width + 2))
        header = []
        for column in frame.columns:
            cell = WriteOnlyCell(sheet, str(column))
            cell.data_type, cell.font = "s", Font(bold=True)
            header.append(cell)
        sheet.append(header)
        numbers = _numeric_columns(name)
        columns = [_xlsx_values(sheet, frame.iloc[:, i], numbers.get(str(c))) for i, c in enumerate(frame.columns)]
        for row in zip(*columns):
            sheet.append(row)
        if len(frame.columns):
            sheet.auto_filter.ref = f"A1:{_column_letter(len(frame.columns) - 1)}{len(frame) + 1}"
        done += len(frame)
        if progress:
            progress("xlsx", done / total)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def _column_letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


# --- GraphML and GEXF ------------------------------------------------------------------------------------------


def _flat(value: object) -> object:
    """A value GraphML and GEXF can store: lists and tuples as ``a|b``; None is dropped by the caller."""
    if isinstance(value, (list, tuple, set, frozenset)):
        return schema.LIST_SEPARATOR.join(str(v) for v in value)
    if isinstance(value, (str, int, float, bool)):
        return value
    return str(value)


def _rgb(colour: str) -> tuple[int, int, int]:
    colour = colour.lstrip("#")
    return int(colour[0:2], 16), int(colour[2:4], 16), int(colour[4:6], 16)


def _contact_details(directory: Directory, node: str, kind: str) -> dict[str, str]:
    columns = CONTACT_COLUMNS.get(kind, ())
    if not columns or kind not in directory.tables:
        return {}
    record = directory.record(node)
    return {c: record[c] for c in columns if record.get(c)}


def file_graph(
    directory: Directory,
    graph: nx.MultiDiGraph | None = None,
    include_contact_details: bool = False,
    positions: Mapping[str, tuple[float, float]] | None = None,
    *,
    public_only: bool = False,
) -> nx.MultiDiGraph:
    """A copy of the view with flat attributes for Gephi and Cytoscape: ``label`` (the name), ``kind``, the node's
    fields (lists as ``a|b``), its colour as ``r``, ``g``, ``b`` and, when given, its position as ``x``, ``y``.
    Edges keep their relation type as the key and as the ``relation`` attribute."""
    from .drawing.style import kind_style

    graph = directory.graph if graph is None else graph
    out = nx.MultiDiGraph(name=directory.name, data_date=directory.data_date, source=directory.name)
    for node, attrs in graph.nodes(data=True):
        hidden = contact_columns(attrs.get("kind", ""), False, True) if public_only and attrs.get("kind") else ()
        flat = {k: _flat(v) for k, v in attrs.items() if v is not None and v != () and v != "" and k not in hidden}
        flat["label"] = str(attrs.get("name", node))
        flat["r"], flat["g"], flat["b"] = _rgb(kind_style(attrs.get("kind", "")).colour)
        if positions and node in positions:
            flat["x"], flat["y"] = (float(v) for v in positions[node])
        if include_contact_details:
            flat.update(_contact_details(directory, node, attrs.get("kind", "")))
        out.add_node(node, **flat)
    for source, target, relation, attrs in graph.edges(keys=True, data=True):
        flat = {k: _flat(v) for k, v in attrs.items() if v is not None and v != "" and k != ORIGIN}
        out.add_edge(source, target, key=relation, relation=relation, **flat)
    return out


def to_graphml(
    directory: Directory,
    graph: nx.MultiDiGraph | None = None,
    include_contact_details: bool = False,
    positions: Mapping[str, tuple[float, float]] | None = None,
    *,
    public_only: bool = False,
) -> bytes:
    """GraphML (UTF-8) that Gephi, Cytoscape, yEd and networkx open; Gephi reads ``r``/``g``/``b`` as the colour."""
    flat = file_graph(directory, graph, include_contact_details, positions, public_only=public_only)
    buffer = io.BytesIO()
    nx.write_graphml(flat, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


_GEXF_SHAPES = {"o": "disc", "D": "diamond", "s": "square", "^": "triangle", "*": "disc"}


def to_gexf(
    directory: Directory,
    graph: nx.MultiDiGraph | None = None,
    include_contact_details: bool = False,
    positions: Mapping[str, tuple[float, float]] | None = None,
    *,
    public_only: bool = False,
) -> bytes:
    """GEXF 1.2 (UTF-8) for Gephi, with each node's colour, shape and (when given) position as GEXF ``viz``."""
    from .drawing.style import kind_style

    flat = file_graph(directory, graph, include_contact_details, positions, public_only=public_only)
    for _node, attrs in flat.nodes(data=True):
        style = kind_style(attrs.get("kind", ""))
        viz = {
            "color": {"r": attrs["r"], "g": attrs["g"], "b": attrs["b"], "a": 1.0},
            "shape": _GEXF_SHAPES.get(style.marker, "disc"),
        }
        if "x" in attrs:
            viz["position"] = {"x": attrs["x"], "y": attrs["y"], "z": 0.0}
        attrs["viz"] = viz
    buffer = io.BytesIO()
    nx.write_gexf(flat, buffer, encoding="utf-8", prettyprint=True)
    return buffer.getvalue()


# --- self-contained HTML ---------------------------------------------------------------------------------------


def to_html(
    graph: nx.MultiDiGraph,
    *,
    positions: Mapping[str, tuple[float, float]] | None = None,
    focus: str | None = None,
    title: str = "",
    caption: str = "",
    labels=None,
    height_px: int = 800,
) -> bytes:
    """The interactive view as one HTML file (vis-network inlined, no CDN), with search and tooltips, as UTF-8
    bytes (encoded here, explicitly, whatever the platform's encoding). The title and caption (data date, source)
    go above the graph, escaped, and frame the page's "Download PNG" picture too.
    """
    import html as html_lib

    from .drawing.interactive import render_interactive

    options = {
        "positions": positions,
        "focus": focus,
        "physics": False,
        "search_box": True,
        "height_px": height_px,
        "title": title,
        "caption": caption,
    }
    if labels is not None:
        options["labels"] = labels
    page = render_interactive(graph, **options)
    if title or caption:
        header = (
            f"<header style=\"font-family:'DejaVu Sans',Arial,sans-serif;margin:8px 12px\">"
            f'<h1 style="font-size:20px;margin:0">{html_lib.escape(title)}</h1>'
            f'<p style="color:#52606D;font-size:13px;margin:2px 0 0">{html_lib.escape(caption)}</p></header>'
        )
        page = page.replace("<body>", "<body>\n" + header, 1)
    if title and "<title>" not in page:
        anchor = '<meta charset="utf-8">' if '<meta charset="utf-8">' in page else "<head>"
        page = page.replace(anchor, f"{anchor}\n<title>{html_lib.escape(title)}</title>", 1)
    return page.encode("utf-8")


# --- one entry point for the CLI and the dashboard -------------------------------------------------------------


@dataclass(frozen=True)
class ExportRequest:
    """What to export: the format, the view (focus and radius, or given nodes, or everything) and the options."""

    fmt: str
    focus: str | None = None
    radius: int = 1
    flt: ViewFilter | None = None
    #: A consortium or other chosen set of entities (used when there is no focus).
    nodes: tuple[str, ...] | None = None
    hide_people: bool = False
    include_contact_details: bool = False
    #: For a viewer (no see_contacts): leave out every personal column, not only contact details.
    public_only: bool = False
    width_px: int = 2400
    height_px: int | None = None
    dpi: int = 300
    #: For CSV: "entities", "relations" or a kind (see ``TABLE_CHOICES``).
    table: str = "entities"
    delimiter: str = ","
    #: For pictures and HTML: draw at most this many entities (the best connected; the focus always).
    max_nodes: int | None = None
    title: str = ""
    caption: str = ""


def _check(request: ExportRequest) -> None:
    if request.fmt not in FORMATS:
        raise UsageError(f"Unknown export format '{request.fmt}'. Use one of: {', '.join(FORMATS)}.")
    if request.fmt == "csv" and request.table not in TABLE_CHOICES:
        raise UsageError(f"Unknown table '{request.table}'. Use one of: {', '.join(TABLE_CHOICES)}.")
    if request.radius < 0:
        raise UsageError(f"The radius must be 0 or more, not {request.radius}.")


def _without_people(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    people = [n for n, kind in graph.nodes(data="kind") if kind == "person"]
    if not people:
        return graph
    graph = graph.copy()
    graph.remove_nodes_from(people)
    return graph


def _tables_export(directory: Directory, request: ExportRequest, graph: nx.MultiDiGraph, progress: Progress) -> bytes:
    if request.fmt == "xlsx":
        sheets = directory_tables(directory, graph, request.include_contact_details, public_only=request.public_only)
        return to_xlsx(
            sheets, title=request.title or directory.name, description=default_caption(directory), progress=progress
        )
    if request.table == "entities":
        frame = entity_table(directory, graph, request.include_contact_details, public_only=request.public_only)
    else:
        table = schema.table_for_file(request.table)
        sheets = directory_tables(directory, graph, request.include_contact_details, public_only=request.public_only)
        frame = sheets.get(table.sheet, pd.DataFrame(columns=list(table.column_names)))
    return to_csv(frame, delimiter=request.delimiter)


def export(
    directory: Directory,
    request: ExportRequest,
    *,
    graph: nx.MultiDiGraph | None = None,
    positions: Mapping[str, tuple[float, float]] | None = None,
    text=None,
    labels=None,
    progress: Progress | None = None,
) -> bytes:
    """The export as bytes. The view is ``graph`` when given (what the dashboard shows), else the request's view.

    ``positions`` (the dashboard's, when given) are reused for pictures, HTML, GraphML and GEXF; ``text`` is an
    ``ImageText`` with the words of a picture, ``labels`` the interactive view's ``Labels``, both in the user's
    language (default: English).
    """
    _check(request)
    step = progress or (lambda _name, _done: None)
    step("view", 0.05)
    if graph is None:
        graph = view_graph(
            directory, request.focus, request.radius, request.flt, nodes=request.nodes, hide_people=request.hide_people
        )
    elif request.hide_people:  # a view as shown: the others keep their places
        if positions is None and request.fmt in IMAGE_FORMATS + ("html",):
            from .drawing.layout import compute_layout

            positions = compute_layout(graph, focus=request.focus if request.focus in graph else None)
        graph = _without_people(graph)
    focus = request.focus if request.focus in graph else None
    if request.fmt == "geojson":  # the map's data: organisations per country and their points (network/geo.py)
        from .geo import to_geojson

        step("done", 1.0)
        return to_geojson(directory, graph.nodes)
    if request.fmt in ("xlsx", "csv"):
        data = _tables_export(directory, request, graph, step)
        step("done", 1.0)
        return data
    total = graph.number_of_nodes()
    if request.max_nodes is not None and request.fmt not in ("graphml", "gexf"):
        from .drawing.layout import trim_graph

        graph, total = trim_graph(graph, request.max_nodes, keep=(focus,) if focus else ())
    step("layout", 0.2)
    if positions is None and (request.fmt not in ("graphml", "gexf") or total <= 5000):
        from .drawing.layout import compute_layout

        positions = compute_layout(graph, focus=focus)
    step("render", 0.5)
    data = _render(directory, request, graph, positions, focus, total, text, labels)
    step("done", 1.0)
    return data


def _render(
    directory: Directory,
    request: ExportRequest,
    graph: nx.MultiDiGraph,
    positions: Mapping | None,
    focus: str | None,
    total: int,
    text,
    labels,
) -> bytes:
    if request.fmt == "graphml":
        return to_graphml(directory, graph, request.include_contact_details, positions, public_only=request.public_only)
    if request.fmt == "gexf":
        return to_gexf(directory, graph, request.include_contact_details, positions, public_only=request.public_only)
    title = request.title or default_title(directory, focus, request.radius)
    caption = request.caption or default_caption(directory, graph.number_of_nodes(), total)
    if request.fmt == "html":
        return to_html(graph, positions=positions, focus=focus, title=title, caption=caption, labels=labels)
    from .drawing.static import ImageText, render_image

    text = text or ImageText(title=title, caption=caption)
    return render_image(
        graph,
        request.fmt,
        text=text,
        positions=positions,
        focus=focus,
        width_px=request.width_px,
        height_px=request.height_px,
        dpi=request.dpi,
    )
