"""Which of Streamlit's frontend files hold the code of an element type, so a page can load them before they are
needed.

Streamlit's frontend (a Vite build in ``streamlit/static``) loads the code of each element type (a select box, a
text box, a button, a custom component) the first time a page shows one: its entry bundle (``static/js/index.*.js``,
named in ``index.html``) holds one ``import(`./Name.hash.js`)`` per type, and the file's own imports follow. Until
that code has arrived and run, the element is a grey placeholder, and React shows the next ones at most every
500 ms. Explore's second run (the controls and the profile, once the graph is drawn) was the first to show a select
box, a text box and a button: 28 files, fetched and run while the browser was drawing the graph, 0.4 s of the
page's 2 s right after the first load (docs/performance.md, "Eleventh session").

The file names carry a content hash and change with every Streamlit release, so they are read from the installed
Streamlit, never written down. This module is the only place that knows the layout of Streamlit's build; a layout
it does not find gives no files (the page then loads the code when it needs it, as before), and
``tests/ui/test_frontend_chunks.py`` fails on a Streamlit whose build no longer names every type below.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

__all__ = ["ELEMENTS", "element_modules", "entry_bundle", "static_dir"]

#: The element types whose code the page documents load once the first page has settled, in this order: the
#: graph's custom component first (Explore's landing), then the controls and the profile's buttons and page links
#: of Explore's second run (also on most other pages).
ELEMENTS = ("BidiComponent", "Selectbox", "TextInput", "Button", "PageLink")

_ENTRY = re.compile(r"""<script[^>]*\btype=["']module["'][^>]*\bsrc=["']\./(static/js/index\.[\w-]+\.js)["']""")


def static_dir() -> Path:
    """The folder Streamlit serves its frontend from (``index.html`` and ``static/``)."""
    import streamlit

    return Path(streamlit.__file__).resolve().parent / "static"


def entry_bundle(static: Path) -> Path | None:
    """The frontend's entry bundle, as ``index.html`` loads it; None when the document names none."""
    try:
        found = _ENTRY.search((static / "index.html").read_text("utf-8"))
    except OSError:
        return None
    return static / found.group(1) if found else None


@functools.lru_cache(maxsize=4)
def element_modules(names: tuple[str, ...] = ELEMENTS, static: Path | None = None) -> tuple[str, ...]:
    """The files (names beside the entry bundle, ``Selectbox.7rsxE6LC.js``) the entry bundle imports for the
    element types ``names``, in that order; a type it does not import is left out. Read once per process."""
    bundle = entry_bundle(static or static_dir())
    try:
        code = bundle.read_text("utf-8") if bundle else ""
    except OSError:
        return ()
    found = []
    for name in names:
        match = re.search(r"import\(`\./(" + re.escape(name) + r"\.[\w-]+\.js)`\)", code)
        if match and (bundle.parent / match.group(1)).is_file():  # type: ignore[union-attr]
            found.append(match.group(1))
    return tuple(found)
