"""Download buttons for the view on the page: pictures (PNG, SVG, PDF) and data (HTML, GraphML, GEXF, XLSX, CSV).

The files are made only when a button is clicked (Streamlit's deferred download: the button shows a spinner while
the file is made, on a separate thread; the renderers are thread-safe) and kept per data version, view, options
and language, so nothing slows the page down until someone asks for a file and a second click is instant. The words in pictures and in the HTML
file follow the dashboard's language. People's contact details are left out unless "Include contact details" is
ticked; "Hide people" leaves people out altogether. The core does the work (``network.export``); this module only
draws controls.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from typing import Callable, Hashable

import networkx as nx
import pandas as pd
import streamlit as st

from network import schema
from network.directory import Directory
from network.export import MIME_TYPES, ExportRequest, contact_columns, export, to_csv, to_xlsx
from network.textnorm import slugify

from .auth import can
from .i18n import column_label, current_language, in_language, kind_label, relation_label, t, vocabulary_words
from .sections import lazy_section
from .state import fingerprint

__all__ = [
    "export_buttons",
    "table_downloads",
    "image_text",
    "image_caption",
    "interactive_labels",
    "table_frame",
    "csv_separator",
    "render_export",
    "PICTURES",
    "DATA",
]

PICTURES = ("png", "svg", "pdf")
DATA = ("html", "graphml", "gexf", "xlsx", "csv")
_DPI_CHOICES = (150, 300, 600)
_ICONS = {
    "png": ":material/image:",
    "svg": ":material/draw:",
    "pdf": ":material/picture_as_pdf:",
    "html": ":material/public:",
    "graphml": ":material/hub:",
    "gexf": ":material/hub:",
    "xlsx": ":material/table_view:",
    "csv": ":material/table_rows:",
}


def csv_separator(language: str | None = None) -> str:
    """``;`` for Swedish (what Excel with Swedish settings expects), ``,`` otherwise."""
    return ";" if (language or current_language()) == "sv" else ","


def _caption(directory: Directory, shown: int, total: int | None) -> str:
    parts = [
        t("export.caption", date=directory.data_date, source=directory.name)
        if directory.data_date
        else t("export.caption_nodate", source=directory.name)
    ]
    if total is not None and total > shown:
        parts.append(t("export.caption_trimmed", shown=shown, total=total))
    return " · ".join(parts)


def image_caption(directory: Directory, shown: int, total: int | None = None) -> str:
    """A picture's caption (date, source, how much is shown) in the dashboard's language, without importing the
    picture code (``image_text`` does: matplotlib, over a second of CPU on a page's first visit)."""
    return _caption(directory, shown, total)


def image_text(directory: Directory, title: str, shown: int, total: int | None = None):
    """The words of a picture in the dashboard's language: title, caption (date, source), legend names."""
    from network.drawing.static import ImageText

    return ImageText(
        title=title,
        caption=_caption(directory, shown, total),
        kinds_heading=t("export.kinds_heading"),
        relations_heading=t("export.relations_heading"),
        kind_names={k: kind_label(k) for k in schema.KINDS},
        relation_names={r: relation_label(r) for r in schema.RELATION_TYPES},
        empty=t("export.empty"),
    )


def interactive_labels():
    """The exported HTML page's words (legend, search box) in the dashboard's language."""
    from network.drawing.interactive import Labels

    return Labels(
        kinds={k: kind_label(k) for k in schema.KINDS},
        relations={r: relation_label(r) for r in schema.RELATION_TYPES},
        legend_title=t("explore.legend"),
        loading=t("explore.drawing"),
        download=t("explore.download"),
        download_help=t("explore.download_help"),
        search=t("export.search"),
        search_help=t("export.search_help"),
        lang=current_language(),
        values=vocabulary_words(),
    )


class _Files:
    """Made files, shared by every session (like ``st.cache_data``), newest kept. A plain lock-protected cache:
    the download thread has no script-run context, where Streamlit's caches would warn on every click."""

    def __init__(self, size: int = 24) -> None:
        self._size = size
        self._items: OrderedDict[Hashable, bytes] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, key: Hashable, make: Callable[[], bytes]) -> bytes:
        with self._lock:
            if key in self._items:
                self._items.move_to_end(key)
                return self._items[key]
        data = make()  # outside the lock: two different files can be made at once
        with self._lock:
            self._items[key] = data
            while len(self._items) > self._size:
                self._items.popitem(last=False)
        return data


_FILES = _Files()


def render_export(
    directory: Directory,
    graph: nx.MultiDiGraph,
    request: ExportRequest,
    *,
    view_key: Hashable,
    total: int | None = None,
    language: str | None = None,
) -> Callable[[], bytes]:
    """A function that makes the file (called when the button is clicked), cached per data version, view, options
    and language. The picture's words are made then too (in ``language``): making them imports matplotlib."""
    language = language or current_language()
    shown = graph.number_of_nodes()
    key = (fingerprint(directory), view_key, request, language, shown, total)

    def build() -> bytes:
        with in_language(language):
            text = image_text(directory, request.title, shown, total) if request.fmt in PICTURES else None
            labels = interactive_labels() if request.fmt == "html" else None
        return export(directory, request, graph=graph, text=text, labels=labels)

    def make() -> bytes:
        return _FILES.get(key, build)

    return make


def _options(key: str) -> tuple[bool, bool, int, int]:
    first, second = st.columns(2)
    allowed = can("see_contacts")  # ui/auth.py: contact details are for editors and admins
    contacts = (
        first.checkbox(
            t("export.contacts"), key=f"{key}.contacts", help=t("export.contacts_help"), disabled=not allowed
        )
        and allowed
    )
    hide = second.checkbox(t("export.hide_people"), key=f"{key}.hide_people", help=t("export.hide_people_help"))
    first, second = st.columns(2)
    width = first.number_input(
        t("export.width"),
        min_value=400,
        max_value=8000,
        value=2400,
        step=200,
        key=f"{key}.width",
        help=t("export.width_help"),
    )
    dpi = second.selectbox(t("export.dpi"), _DPI_CHOICES, index=1, key=f"{key}.dpi", help=t("export.dpi_help"))
    return contacts, hide, int(width), int(dpi)


def export_buttons(
    directory: Directory,
    graph: nx.MultiDiGraph,
    *,
    view_key: Hashable,
    focus: str | None = None,
    title: str = "",
    total: int | None = None,
    key: str = "export",
    lazy: bool = False,
) -> None:
    """An "Export" section with the options and one download button per format, for the view ``graph`` as shown
    (``total``: how many entities the view had before it was trimmed).

    ``lazy``: the section's contents are made only while it is open (opening it reruns the page; its open state is
    ``st.session_state[f"{key}.open"]``), so a page whose first picture should show quickly (Explore) does not
    send a dozen widgets and download buttons the user has not asked for."""
    if lazy:
        section = lazy_section(t("export.title"), icon=":material/download:", key=f"{key}.open")
        if not section.open:
            return
    else:
        section = st.expander(t("export.title"), icon=":material/download:")
    with section:
        st.caption(t("export.intro"))
        if graph.number_of_nodes() == 0:
            st.info(t("export.nothing"))
            return
        contacts, hide, width, dpi = _options(key)
        stem = slugify(title or directory.name)[:60]
        for heading, formats in ((t("export.pictures"), PICTURES), (t("export.data"), DATA)):
            st.markdown(f"**{heading}**")
            row = st.container(horizontal=True)  # wraps on narrow screens
            for fmt in formats:
                request = ExportRequest(
                    fmt,
                    focus=focus,
                    hide_people=hide,
                    include_contact_details=contacts,
                    public_only=not can("see_contacts"),
                    width_px=width,
                    dpi=dpi,
                    title=title,
                    delimiter=csv_separator(),
                )
                row.download_button(
                    t(f"export.button.{fmt}"),
                    data=render_export(directory, graph, request, view_key=view_key, total=total),
                    file_name=f"{stem}.{fmt}",
                    mime=MIME_TYPES[fmt],
                    key=f"{key}.{fmt}",
                    on_click="ignore",
                    help=t(f"export.help.{fmt}", separator=csv_separator()),
                    icon=_ICONS[fmt],
                )


# --- tables (the Directory page) -------------------------------------------------------------------------------


def table_frame(frame: pd.DataFrame, include_contact_details: bool = False) -> pd.DataFrame:
    """A table as shown, ready for a file: the id as the first column, lists as ``a|b``, headings in the user's
    language; contact columns only when asked for."""
    hidden = contact_columns("person", include_contact_details)
    out = frame.drop(columns=[c for c in hidden if c in frame.columns])
    out = out.rename_axis("id").reset_index() if out.index.name in (None, "id") else out.reset_index()

    def cell(value):
        if isinstance(value, (list, tuple)):
            return schema.LIST_SEPARATOR.join(str(v) for v in value)
        return "" if value is None or (isinstance(value, float) and value != value) else value

    out = out.apply(lambda column: column.map(cell))
    return out.rename(columns={c: column_label(c) for c in out.columns})


def table_downloads(
    frame: pd.DataFrame | Callable[[], pd.DataFrame],
    *,
    name: str,
    key: str,
    include_contact_details: bool = False,
) -> None:
    """CSV and Excel downloads of a table as shown (its rows, filters and columns). ``frame`` may be a function
    that makes the table: it is then called only when a download is asked for (a page that shows one page of a
    60,000-row selection need not build all of it on every run)."""
    row = st.container(horizontal=True)
    stem = slugify(name)[:60] or "table"
    separator = csv_separator()

    def table() -> pd.DataFrame:
        return table_frame(frame() if callable(frame) else frame, include_contact_details)

    def csv() -> bytes:
        return to_csv(table(), delimiter=separator)

    def xlsx() -> bytes:
        return to_xlsx({name[:31] or "table": table()}, title=name)

    row.download_button(
        t("export.table_csv"),
        data=csv,
        file_name=f"{stem}.csv",
        mime=MIME_TYPES["csv"],
        key=f"{key}.csv",
        on_click="ignore",
        icon=_ICONS["csv"],
        help=t("export.table_csv_help", separator=separator),
    )
    row.download_button(
        t("export.table_xlsx"),
        data=xlsx,
        file_name=f"{stem}.xlsx",
        mime=MIME_TYPES["xlsx"],
        key=f"{key}.xlsx",
        on_click="ignore",
        icon=_ICONS["xlsx"],
        help=t("export.table_xlsx_help"),
    )
