"""The dashboard frame: page setup, the language switch, the navigation and the data summary in the sidebar.

To add a page, write ``ui/pages/<name>.py`` (a script that ends with ``render()``, see ``ui/pages/overview.py``),
add its title and help as ``page.<name>`` and ``page.help.<name>`` to both catalogues in ``ui/i18n.py``, and add
one line to ``PAGES`` below. The page's URL is ``/<name>``.
"""

from __future__ import annotations

import ast
import importlib
import io
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlsplit

import streamlit as st

from network.access import allows

from . import overview_tables
from .auth import access_frame, current_role
from .data_problems import PAGE_NAME as PROBLEMS_PAGE, show_banner
from .failures import guarded
from .person_tools import show_erasure_note
from .i18n import escape_markdown, keep_language, language_switch, t, tm
from .partner_warmup import prestart as prestart_partner_warmup
from .partner_warmup import release as release_partner_warmup
from .partner_warmup import start as start_partner_warmup
from .state import (
    cache_folder,
    data_path,
    directory_stats,
    get_directory,
    give_back_if_grown,
    keep_out_of_collections,
    preload_directory,
    usable_cache_folder,
)
from .urlstate import restore_language, write_language
from .widgets import show_notes

if TYPE_CHECKING:
    from network.directory import Directory

__all__ = ["EXPLORE_LANDED", "FRAME_HELD", "PageSpec", "PAGES", "hold_frame", "main", "page_file", "prepare"]

_ROOT = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class PageSpec:
    """One page: ``name`` is its URL path and the suffix of its i18n keys; ``file`` defaults to ui/pages/<name>.py."""

    name: str
    icon: str
    file: str = ""
    default: bool = False
    #: The action (``network.access.ACTIONS``) a user's role must allow for the page to be in the menu.
    requires: str = "read"


#: The pages, in menu order. Append one line to add a page.
PAGES: list[PageSpec] = [
    PageSpec("overview", ":material/dashboard:", default=True),
    PageSpec("explore", ":material/hub:"),
    PageSpec("directory", ":material/table_view:"),
    PageSpec("connections", ":material/route:"),
    PageSpec("partners", ":material/handshake:"),
    PageSpec("edit", ":material/edit:", requires="edit"),
    PageSpec("import", ":material/upload_file:", file="ui/pages/import_page.py", requires="import"),
    PageSpec("insights", ":material/insights:"),
    PageSpec("map", ":material/map:"),
    PageSpec("matches", ":material/join:", requires="edit"),
    PageSpec(PROBLEMS_PAGE, ":material/report:"),
]


def page_file(spec: PageSpec) -> str:
    """The page's script, relative to the entry point (as ``st.Page`` and ``AppTest.switch_page`` want it)."""
    return spec.file or f"ui/pages/{spec.name}.py"


def _pages() -> list[st.Page]:
    """The registered pages whose file exists (a page being added does not break the others) and that this
    user's role allows (the pages check the role again themselves). The role is worked out once for the menu,
    not once per page: each time reads the secrets and the role file again (eleven times were about a sixth of a
    first Explore run's time in the server, sampled with py-spy)."""
    role = current_role()
    return [
        st.Page(
            _ROOT / page_file(spec),
            title=t(f"page.{spec.name}"),
            icon=spec.icon,
            url_path=spec.name,
            default=spec.default,
            help=t(f"page.help.{spec.name}"),
        )
        for spec in PAGES
        if (_ROOT / page_file(spec)).is_file() and allows(role, spec.requires)
    ]


def _sidebar_summary() -> None:
    """The directory's name, size, date and problem count (in the sidebar: the caller's place)."""
    directory = get_directory()
    counts = directory_stats(directory)
    st.markdown(f"**{escape_markdown(directory.name)}**")
    values = dict(
        path=data_path().name or str(data_path()),
        entities=counts["entities"],
        relations=counts["relations"],
        date=directory.data_date,
    )
    st.caption(tm("app.data_caption" if directory.data_date else "app.data_caption_nodate", **values))
    if counts["errors"] or counts["warnings"]:
        st.caption(t("app.problems_badge", errors=counts["errors"], warnings=counts["warnings"]))
    st.caption(t("app.share_hint"))


@st.cache_resource(show_spinner=False)
def _favicon():
    """A small picture of a network (three dots and their links), drawn here so nothing is fetched."""
    import numpy as np

    size = 64
    y, x = np.mgrid[0:size, 0:size]
    image = np.zeros((size, size, 4), dtype=np.uint8)
    points = [(18, 20, (0x00, 0x72, 0xB2)), (46, 22, (0xE6, 0x9F, 0x00)), (32, 46, (0x00, 0x9E, 0x73))]
    for (ax, ay, _), (bx, by, _) in zip(points, points[1:] + points[:1]):
        length = np.hypot(bx - ax, by - ay)
        along = np.clip(((x - ax) * (bx - ax) + (y - ay) * (by - ay)) / length**2, 0, 1)
        near = np.hypot(x - (ax + along * (bx - ax)), y - (ay + along * (by - ay))) < 2.2
        image[near] = (0x55, 0x5F, 0x6B, 255)
    for cx, cy, colour in points:
        image[np.hypot(x - cx, y - cy) < 10] = (*colour, 255)
    from PIL import Image

    return Image.fromarray(image, "RGBA")


_warm_up_started = threading.Event()


def _import_drawing() -> None:
    """Import the drawing code (scipy and the layout code: ~0.5 s of CPU, a few seconds on a slow machine)."""
    try:
        import network.drawing.interactive  # noqa: F401
    except ImportError:  # the Explore page says the drawing is unavailable
        pass


def _warm_up() -> None:
    """Import the drawing code in the background once per server, so the first graph is not delayed by it (a
    server started by ``streamlit run`` has imported it at start already: ``prepare``)."""
    if _warm_up_started.is_set():
        return
    _warm_up_started.set()
    threading.Thread(target=_import_drawing, name="warm-up-drawing", daemon=True).start()


def _build_graph(directory: Directory) -> None:
    """Build the graph of a directory read from the warm-start cache (``Directory.pending_graph``) and keep its
    millions of dicts out of later full collections. Runs once, behind the stored graph's lock, however many
    threads ask."""
    if directory.pending_graph is None:
        return
    directory.graph  # noqa: B018  (reading it builds it)
    keep_out_of_collections()


def _build_graph_soon(directory: Directory) -> None:
    """Build the graph of a directory read from the warm-start cache in the background, after the first page.

    A warm start leaves the graph unbuilt (``Directory.pending_graph``) so Overview is shown without it; building
    it now, while the user reads the first page, means the first graph page does not wait ~1.2 s for it. A server
    started by ``streamlit run`` has built it at start already (``prepare``); this is for a new data version and
    for servers started another way."""
    if directory.pending_graph is None:
        return
    threading.Thread(target=_build_graph, args=(directory,), name="warm-up-graph", daemon=True).start()


def _first_page_imports() -> list[str]:
    """The modules the default page's script imports at its top (read from its source, so the list cannot go
    stale when the page changes)."""
    spec = next(spec for spec in PAGES if spec.default)
    tree = ast.parse((_ROOT / page_file(spec)).read_text(encoding="utf-8"))
    names: list[str] = []
    for node in tree.body:
        if isinstance(node, ast.Import):
            names += [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and not node.level and node.module != "__future__":
            names.append(node.module)
    return names


def prepare() -> None:
    """What the first visitor's run would do before it can draw anything, done once when the server starts
    (``ui.server.lifespan``, before the server accepts a page): import the first page's libraries and modules,
    load the directory into the cache every session reads (``ui.state.preload_directory``: the same key and the
    same stamp check, so a folder changed later is still loaded again), start the warm-up process for the pages'
    parts (``ui.partner_warmup``, which reads the cache just written), count it for the sidebar, make Overview's
    tables for a single user in the default language (``ui.overview_tables.prepare``), build the graph a warm
    start leaves unbuilt, build the search index with its typo-tolerant part (~1 s that the first search of a
    process spent at 60,000 organisations), import the drawing code, make Explore's default view in the default
    language (its graph, positions and data: ``ui.explore_view.prepare``, ~0.35 s of CPU a session's first Explore
    no longer spends), and do what Streamlit and the frame do once per process (the page icon's picture, the
    sidebar's date, Streamlit's first-element check: ``_warm_streamlit_checks``). The first run then mostly draws (first run of
    Overview at 60,000 organisations: ~0.55 → ~0.17 s of the script thread's CPU, docs/performance.md, ninth
    session).

    Never raises for a folder that cannot be read (the first page explains it, as before). Not called by
    AppTest or a plain script run: those start no server."""
    # First of all, on the other core, at low priority: the warm-up process does its imports while this one reads
    # the files, and waits until the directory is loaded (``partner_warmup.prestart``).
    prestart_partner_warmup(data_path(), usable_cache_folder())
    try:
        _prepare(_first_page_imports())
    finally:
        release_partner_warmup()  # the early process ends if nothing was for it (a restart on unchanged data)


def _prepare(imports: list[str]) -> None:
    for name in imports:
        importlib.import_module(name)
    _warm_streamlit_icons()
    directory = preload_directory()
    if directory is not None:
        # At once, on the other core, at low priority: a user who opens Partners right after the first load finds
        # the partner index prepared instead of waiting for a process started only then.
        start_partner_warmup(directory, data_path(), usable_cache_folder())
        release_partner_warmup()  # an early process it did not adopt ends now, not at the end of the start
        directory_stats(directory)
        directory.data_date  # noqa: B018  (the sidebar's "as of" date: the newest of every row's date, read once)
        overview_tables.prepare(directory)
        _build_graph(directory)
        directory.search_index.prepare()  # the first search (Explore, Edit's picker) does not build it
    _favicon().save(io.BytesIO(), format="PNG")  # Pillow's PNG writer imported, as the page's icon needs it
    _warm_up_started.set()
    _import_drawing()
    if directory is not None:
        # Explore's default view (home organisation, one step): a session's landing then only sends it. Imported
        # here: the frame itself does not need the drawing's modules.
        from .explore_view import prepare as prepare_explore

        prepare_explore(directory)
    _warm_streamlit_checks()  # last: after every import


def _warm_streamlit_checks() -> None:
    """Streamlit checks once per process, at the first element, whether it runs in a REPL (``env_util.is_repl``,
    through ``inspect.stack()``), and ``inspect`` then looks up the module of each frame's file: the first lookup
    resolves the real path of every module's file (thousands since the imports above), ~0.3 s of CPU in the first
    visitor's run. Done here once, after the imports, so those paths are known; the check itself stays."""
    try:
        from streamlit.env_util import is_repl

        is_repl()
    except (ImportError, AttributeError):  # pragma: no cover - another Streamlit version
        pass


def _warm_streamlit_icons() -> None:
    """The first alert (``st.warning``, ``st.error``…) of a process whose text is not plain ASCII (Swedish is not)
    imports Streamlit's emoji table and compiles its pattern: ~0.25 s of CPU in the first page's run when Overview
    shows a warning. Done here once instead, through Streamlit's own helper (a version without it only loses
    this)."""
    try:
        from streamlit.string_util import extract_leading_emoji

        extract_leading_emoji("Ö")
    except (ImportError, AttributeError):  # pragma: no cover - another Streamlit version
        pass


#: The session-state key of a page's request that this run's frame leave its sidebar parts out (``hold_frame``).
FRAME_HELD = "_frame.held"
#: The session flag Explore sets once its landing's graph has been drawn (``ui.pages.explore``; its ``LANDED``).
EXPLORE_LANDED = "explore.landed"
#: The session flag set by the run that left the page menu out (``_menu_held``): only one run per session does.
MENU_HELD = "_frame.menu_held"


def hold_frame() -> None:
    """For this run only, the frame leaves out the language switch, the sidebar's summary and the data-problems
    banner; the page's next run has them. For a run whose one element that matters is its first: Explore's landing,
    whose graph the browser could start only after drawing every element that had arrived before it (~0.3 s at load
    8, docs/performance.md, ninth session). The page must make sure a next run follows soon."""
    st.session_state[FRAME_HELD] = True


def _browser_url() -> str | None:
    """The page's address in the browser, without its query (``st.context.url``; None under AppTest)."""
    return st.context.url


def _menu_held(url: str | None) -> bool:
    """Whether this run leaves the page menu out: the session's first Explore run, a landing that sends its graph
    alone (``hold_frame``). Drawing the menu's links before the graph took ~0.1 s of the browser's main thread on
    the first graph's way (docs/performance.md, thirteenth session). The navigation is made before it knows the
    page, so the page is told from the browser's address ``url``. Once per session at most; a run that held the
    menu but was not a landing runs again at once (``main``)."""
    if st.session_state.get(MENU_HELD) or st.session_state.get(EXPLORE_LANDED):
        return False
    if not urlsplit(url or "").path.rstrip("/").endswith("/explore"):
        return False
    st.session_state[MENU_HELD] = True
    return True


def main() -> None:
    """Run one rerun of the dashboard: frame, navigation, then the chosen page."""
    notes = restore_language()
    # A local image: a ":material/…:" icon would make the browser fetch the favicon from fonts.gstatic.com.
    st.set_page_config(page_title=t("app.title"), page_icon=_favicon(), layout="wide")
    write_language()
    # The frame's places are made first and filled after the page: the browser draws the elements in the order they
    # come, and drawing the sidebar first held the page's first element (Explore's graph) back (docs/performance.md,
    # "Ninth session: where the first graph waited").
    switch_slot = st.sidebar.container()
    menu_held = False
    try:
        with guarded():  # the page edge: an unexpected error shows a reference number, never a traceback
            try:
                access_frame()
                summary_slot = st.sidebar.container()
                show_erasure_note()
                menu_held = _menu_held(_browser_url())
                page = st.navigation(_pages(), position="hidden" if menu_held else "sidebar")
                show_notes(notes)
                banner_slot = st.container()
                page.run()
            finally:  # also on a stopped run (the sign-in screen, a folder that cannot be read)
                held = bool(st.session_state.pop(FRAME_HELD, False))
                if held:
                    keep_language()
                else:
                    with switch_slot:
                        language_switch()
                    if menu_held:  # left out for a landing that did not come (or a run that stopped): run again
                        st.rerun()  # with it at once (the flag keeps the next run from leaving it out)
            if not held:
                with summary_slot:
                    _sidebar_summary()
                with banner_slot:
                    show_banner(get_directory(), on_problems_page=page.url_path == PROBLEMS_PAGE)
            # After the page, so its first run is not slowed: the drawing code for the first graph (it held the
            # interpreter lock for ~0.5 s of the first page's run when started before it), the graph itself when
            # a warm start left it unbuilt, and the partner index for Partners' first visit.
            _warm_up()
            _build_graph_soon(get_directory())
            start_partner_warmup(get_directory(), data_path(), cache_folder())
    finally:
        give_back_if_grown()  # what the page's tables and their sending left free but held
