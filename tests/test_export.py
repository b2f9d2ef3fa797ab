"""Data exports (``network/export.py``): GraphML, GEXF, XLSX, CSV and HTML, personal data and formula injection."""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zipfile
from pathlib import Path

import networkx as nx
import pytest
from openpyxl import load_workbook

from network import NotFoundError, UsageError, load_directory, schema
from network.export import (
    FORMATS,
    ExportRequest,
    default_caption,
    directory_tables,
    entity_table,
    export,
    file_graph,
    is_formula_like,
    neutralise,
    to_csv,
    to_html,
    to_xlsx,
    view_graph,
)
from network.queries import ViewFilter

EMAIL = re.compile(rb"[\w.+-]+@[\w-]+\.[\w.-]+")
TODAY = dt.date(2025, 6, 1)  # as in conftest.py (imported by fixture only: "conftest" names differ per folder)


def write_directory(path: Path, files: dict[str, str]) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (path / name).write_bytes(text.encode("utf-8"))
    return path


def load(path: Path):
    return load_directory(path, today=TODAY)


PEOPLE_EMAILS = (b"anna.exempel@example.org", b"marco.esempio@example.org")


def _edges(graph: nx.MultiDiGraph) -> list[tuple]:
    """Every edge with its key and attributes, except ``origin`` (where it was written: file and row) and
    ``relation`` (the key again, as an attribute in files)."""
    return sorted(
        (u, v, k, tuple(sorted((a, b) for a, b in attrs.items() if a not in ("origin", "relation"))))
        for u, v, k, attrs in graph.edges(keys=True, data=True)
    )


def _tables_equal(first, second) -> None:
    assert set(first.tables) == set(second.tables)
    for kind in first.tables:
        a, b = first.tables[kind].reset_index(drop=True), second.tables[kind].reset_index(drop=True)
        assert a.equals(b), kind


def _all_text(data: bytes, fmt: str) -> bytes:
    """The text inside a file: XLSX is unzipped; PNG is checked as it is (metadata is plain text)."""
    if fmt == "xlsx":
        book = zipfile.ZipFile(io.BytesIO(data))
        return b"\n".join(book.read(name) for name in book.namelist())
    return data


# --- GraphML and GEXF --------------------------------------------------------------------------------------------


def test_graphml_reads_back_with_the_same_nodes_edges_and_attributes(small):
    from network.drawing.layout import compute_layout

    data = export(small, ExportRequest("graphml"))
    back = nx.read_graphml(io.BytesIO(data), force_multigraph=True)
    expected = file_graph(small, positions=compute_layout(small.graph))  # small views get the dashboard's x, y
    assert set(back.nodes) == set(small.graph.nodes)
    assert dict(back.nodes(data=True)) == dict(expected.nodes(data=True))
    assert _edges(back) == _edges(expected)
    assert back.nodes["region-orebro"]["kind"] == "organisation"
    assert back.nodes["region-orebro"]["themes"] == "culture|social-economy"
    assert back.nodes["region-orebro"]["label"] == "Region Örebro län"
    relations = {(u, v, k): attrs for u, v, k, attrs in back.edges(keys=True, data=True)}
    assert relations[("region-orebro", "dance-bridges", "partner_in")]["role"] == "coordinator"
    assert relations[("region-orebro", "dance-bridges", "partner_in")]["relation"] == "partner_in"


def test_graph_file_attributes_match_the_directory(small):
    flat = file_graph(small)
    for node, attrs in small.graph.nodes(data=True):
        for name, value in attrs.items():
            expected = "|".join(value) if isinstance(value, tuple) else value
            if expected != "":
                assert flat.nodes[node][name] == expected
    assert _edges(flat) == _edges(small.graph)


def test_multi_edges_keep_their_relation(small_files, tmp_path):
    small_files["relations.csv"] += "region-orebro,part_of,reves,,,,,,\n"  # not allowed: org → network
    small_files["relations.csv"] += "region-orebro,coordinates,central-sweden,,,,,,\n"
    directory = load(write_directory(tmp_path / "d", small_files))
    back = nx.read_graphml(io.BytesIO(export(directory, ExportRequest("graphml"))), force_multigraph=True)
    assert {k for k in back["region-orebro"]["central-sweden"]} == {"member_of", "coordinates"}


def test_gexf_reads_back_with_kinds_colours_and_relations(small):
    data = export(small, ExportRequest("gexf", focus="region-orebro", radius=2))
    back = nx.read_gexf(io.BytesIO(data))
    view = view_graph(small, "region-orebro", 2)
    assert set(back.nodes) == set(view.nodes)
    assert back.nodes["reves"]["kind"] == "network" and back.nodes["reves"]["label"] == "REVES"
    assert back.nodes["anna-exempel"]["role"] == "International coordinator"
    assert back.nodes["region-orebro"]["viz"]["color"] == {"r": 0, "g": 114, "b": 178, "a": 1.0}
    assert "position" in back.nodes["region-orebro"]["viz"]
    edges = {(u, v, attrs["relation"]) for u, v, attrs in back.edges(data=True)}
    assert edges == {(u, v, k) for u, v, k in view.edges(keys=True)}


# --- XLSX --------------------------------------------------------------------------------------------------------


def test_xlsx_round_trip_gives_the_same_directory(small_files, tmp_path):
    # Text that looks like a formula must come back unchanged (it is stored as text, with Excel's quote prefix).
    small_files["organisations.csv"] = small_files["organisations.csv"].replace(
        "Fictional.,,2024-05-05", '"=HYPERLINK(""http://evil.example"",""click"")",,2024-05-05'
    )
    small_files["relations.csv"] += "athens-lab,collaborates_with,lille-theatre,,,,-not sure-,@home,\n"
    original = load(write_directory(tmp_path / "csv", small_files))
    assert not original.report.errors
    data = export(original, ExportRequest("xlsx", include_contact_details=True))
    (tmp_path / "book.xlsx").write_bytes(data)
    back = load(tmp_path / "book.xlsx")
    assert not back.report.problems
    _tables_equal(original, back)
    assert dict(back.graph.nodes(data=True)) == dict(original.graph.nodes(data=True))
    assert _edges(back.graph) == _edges(original.graph)
    assert back.relations.drop(columns="origin").equals(original.relations.drop(columns="origin"))


def test_xlsx_has_the_import_format(small):
    book = load_workbook(io.BytesIO(export(small, ExportRequest("xlsx", include_contact_details=True))))
    for table in schema.ENTITY_TABLES + (schema.RELATIONS_TABLE,):
        sheet = book[table.sheet]
        assert [c.value for c in sheet[1]] == list(table.column_names)
    assert book["people"].max_row == 3 and book["relations"].max_row == 1 + 10  # derived relations not repeated
    budget = [row for row in book["projects"].iter_rows(min_row=2, values_only=True) if row[0] == "dance-bridges"][0]
    assert budget[schema.PROJECTS.column_names.index("budget_eur")] == 200000  # a number Excel can sum


def test_xlsx_cells_that_look_like_formulas_are_text(small_files, tmp_path):
    small_files["networks.csv"] = small_files["networks.csv"].replace("The EU office in Brussels.", "=1+1")
    directory = load(write_directory(tmp_path / "d", small_files))
    book = load_workbook(io.BytesIO(export(directory, ExportRequest("xlsx"))))
    [cell] = [c for row in book["networks"].iter_rows() for c in row if c.value == "=1+1"]
    assert cell.data_type == "s" and cell.quotePrefix
    raw = _all_text(export(directory, ExportRequest("xlsx")), "xlsx")
    assert b"<f>" not in raw  # no formula anywhere in the workbook


def test_default_xlsx_leaves_out_contact_details_and_still_loads(small, tmp_path):
    data = export(small, ExportRequest("xlsx"))
    book = load_workbook(io.BytesIO(data))
    assert "email" not in [c.value for c in book["people"][1]]
    assert "phone" not in [c.value for c in book["people"][1]]
    assert "notes" not in [c.value for c in book["people"][1]]
    assert "email" not in [c.value for c in book["organisations"][1]]
    (tmp_path / "book.xlsx").write_bytes(data)
    back = load(tmp_path / "book.xlsx")
    assert not back.report.errors
    assert set(back.graph.nodes) == set(small.graph.nodes)


def test_xlsx_of_a_view_holds_its_rows_and_loads_without_errors(small, tmp_path):
    flt = ViewFilter(kinds=frozenset({"organisation", "network", "person"}))
    data = export(small, ExportRequest("xlsx", focus="comune-x", radius=1, flt=flt))
    (tmp_path / "view.xlsx").write_bytes(data)
    back = load(tmp_path / "view.xlsx")
    assert not back.report.errors
    assert set(back.graph.nodes) == set(view_graph(small, "comune-x", 1, flt).nodes)
    assert "dance-bridges" not in back.graph


def test_lookup_tables_are_exported_too(small_files, tmp_path):
    table = schema.LOOKUP_TABLES[0]  # the country groups; the format must have lookup tables
    row = {c: "" for c in table.column_names}
    row.update({table.column_names[0]: "nordic", "name": "Nordic countries", "countries": "SE|NO|DK|FI|IS"})
    small_files[table.file] = ",".join(row) + "\n" + ",".join(row.values()) + "\n"
    directory = load(write_directory(tmp_path / "d", small_files))
    sheets = directory_tables(directory)
    assert list(sheets[table.sheet][table.column_names[0]]) == ["nordic"]


def test_xlsx_refuses_tables_excel_cannot_hold(monkeypatch):
    import network.export as export_module
    import pandas as pd

    monkeypatch.setattr(export_module, "XLSX_MAX_ROWS", 2)
    with pytest.raises(UsageError, match="CSV"):
        to_xlsx({"relations": pd.DataFrame({"a": ["1", "2", "3"]})})


# --- CSV ---------------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "value, expected",
    [
        ("=1+1", "'=1+1"),
        ("+46 70 000", "'+46 70 000"),
        ("-cmd", "'-cmd"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("\tx", "'\tx"),
        ("\rx", "'\rx"),
        ("-", "'-"),
        ("-12.5", "-12.5"),
        ("+3", "+3"),
        ("12", "12"),
        ("Region Örebro län", "Region Örebro län"),
        ("a=b", "a=b"),
        ("", ""),
        (-5, -5),
        (3.5, 3.5),
    ],
)
def test_formula_like_cells_are_neutralised(value, expected):
    assert neutralise(value) == expected
    assert is_formula_like(value) == (expected != value)


def test_csv_is_utf8_with_bom_and_neutralised(small_files, tmp_path):
    small_files["networks.csv"] = small_files["networks.csv"].replace("The EU office in Brussels.", "=1+1")
    directory = load(write_directory(tmp_path / "d", small_files))
    data = export(directory, ExportRequest("csv", table="networks"))
    assert data.startswith(b"\xef\xbb\xbf")
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))
    assert {r["id"]: r["description"] for r in rows}["central-sweden"] == "'=1+1"
    assert list(rows[0]) == list(schema.NETWORKS.column_names)


def test_csv_entities_table_and_separator(small):
    data = export(small, ExportRequest("csv", focus="region-orebro", radius=1, delimiter=";"))
    rows = list(csv.DictReader(io.StringIO(data.decode("utf-8-sig")), delimiter=";"))
    assert {r["id"] for r in rows} == set(view_graph(small, "region-orebro", 1).nodes)
    assert {r["id"]: r["kind"] for r in rows}["reves"] == "network"
    assert "Region Örebro län" in data.decode("utf-8-sig")
    frame = entity_table(small)
    assert list(frame.columns[:3]) == ["id", "kind", "name"] and len(frame) == small.graph.number_of_nodes()


def test_csv_of_any_table():
    import pandas as pd

    frame = pd.DataFrame({"Namn": ["Örebro", "=evil()"], "Budget": [-5, 12.5], "Tom": [None, float("nan")]})
    text = to_csv(frame).decode("utf-8-sig")
    assert text.splitlines() == ["Namn,Budget,Tom", "Örebro,-5.0,", "'=evil(),12.5,"]


# --- personal data -----------------------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_default_exports_contain_no_email_address(small, fmt):
    for request in (ExportRequest(fmt), ExportRequest(fmt, focus="anna-exempel", radius=2)):
        text = _all_text(export(small, request), fmt)
        # PNG pixels are binary: a regex can match random bytes there, so look for the known addresses instead.
        assert fmt == "png" or not EMAIL.findall(text), (fmt, request.focus)
        assert b"@example.org" not in text and not any(email in text for email in PEOPLE_EMAILS)
        assert b"+46 70" not in text and b"Met at the inspiration day" not in text


@pytest.mark.parametrize("fmt", ("graphml", "gexf", "xlsx", "csv"))
def test_contact_details_when_asked_for(small, fmt):
    text = _all_text(export(small, ExportRequest(fmt, include_contact_details=True, table="people")), fmt)
    assert all(email in text for email in PEOPLE_EMAILS)


@pytest.mark.parametrize("fmt", ("png", "svg", "pdf", "html"))
def test_pictures_never_show_contact_details(small, fmt):
    text = _all_text(export(small, ExportRequest(fmt, include_contact_details=True, width_px=800)), fmt)
    assert not any(email in text for email in PEOPLE_EMAILS)


@pytest.mark.parametrize("fmt", ("svg", "graphml", "csv", "xlsx", "html"))
def test_people_can_be_hidden(small, fmt):
    text = _all_text(export(small, ExportRequest(fmt, focus="region-orebro", radius=2, hide_people=True)), fmt)
    assert b"Anna Exempel" not in text and b"Marco Esempio" not in text
    assert "Region Örebro län".encode() in text


def test_hiding_people_keeps_the_other_positions(small):
    from network.drawing.layout import compute_layout

    graph = view_graph(small, "region-orebro", 2)
    positions = compute_layout(graph, focus="region-orebro")
    shown = export(small, ExportRequest("svg", focus="region-orebro", hide_people=True), graph=graph)
    kept = export(
        small, ExportRequest("svg", focus="region-orebro", hide_people=True), graph=graph, positions=positions
    )
    assert shown == kept


# --- HTML --------------------------------------------------------------------------------------------------------


def test_html_is_one_utf8_file_with_search_and_no_outside_references(small):
    data = export(small, ExportRequest("html", focus="region-orebro", radius=2, title="<b>Örebro</b> & co"))
    page = data.decode("utf-8")
    assert '<meta charset="utf-8">' in page and "region-orebro" in page
    assert "Örebro".encode("utf-8") in data  # the heading, written as UTF-8 whatever the platform
    assert '"search_box":true' in page  # graph.js adds the search box (the page's data asks for it)
    assert '"title":"\\u003cb\\u003eÖrebro\\u003c/b\\u003e \\u0026 co"' in page  # the PNG's title, as data
    assert "&lt;b&gt;Örebro&lt;/b&gt; &amp; co" in page and "<b>Örebro</b>" not in page
    assert not re.search(r"""<(script|link|img|iframe)[^>]+(src|href)\s*=\s*["']?(https?:)?//""", page)
    assert "cdn" not in page.lower().replace("cdn_resources", "")


def test_to_html_takes_given_positions(small):
    graph = view_graph(small, "reves", 1)
    page = to_html(graph, positions={n: (i, 0) for i, n in enumerate(sorted(graph))}, focus="reves")
    assert page.startswith(b"<!DOCTYPE html>")


# --- views and requests ------------------------------------------------------------------------------------------


def test_views(small):
    assert view_graph(small) is small.graph
    consortium = view_graph(small, nodes=["region-orebro", "comune-x", "athens-lab", "dance-bridges"])
    assert consortium.number_of_edges() == 3
    with pytest.raises(NotFoundError):
        view_graph(small, nodes=["region-orebro", "nobody"])
    only = view_graph(small, flt=ViewFilter(kinds=frozenset({"network"})))
    assert set(only.nodes) == {"reves", "central-sweden"}
    assert "anna-exempel" not in view_graph(small, hide_people=True)


def test_bad_requests(small):
    with pytest.raises(UsageError, match="format"):
        export(small, ExportRequest("bmp"))
    with pytest.raises(UsageError, match="table"):
        export(small, ExportRequest("csv", table="nonsense"))
    with pytest.raises(NotFoundError, match="region-orebro"):
        export(small, ExportRequest("png", focus="region-orebo"))


def test_caption_has_the_data_date_and_the_source(small):
    caption = default_caption(small, 10, 20)
    assert small.data_date in caption and "source: Testkatalog" in caption and "10 of 20" in caption


def test_exports_write_nothing(small, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    for fmt in FORMATS:
        assert isinstance(export(small, ExportRequest(fmt, width_px=600)), bytes)
    assert list(Path(tmp_path).iterdir()) == []


def test_the_fixture_has_the_addresses_the_privacy_tests_look_for(small_files):
    assert all(email.decode() in small_files["people.csv"] for email in PEOPLE_EMAILS)
    assert "@" in small_files["organisations.csv"]
