"""The server's start: the first visitor's preparations done before the server accepts a page.

``streamlit run network_app.py`` finds ``app = st.App(...)`` in ``network_app.py`` (Streamlit reads the file's
syntax, ``streamlit.web.server.app_discovery``) and serves that app with uvicorn, under the same settings
(``.streamlit/config.toml`` and the command line's flags) and the same routes as a plain script. The app's lifespan
(``lifespan`` below) runs ``ui.app.prepare`` before the server answers anything, its health check included: the
imports, the directory in the process-wide cache, Overview's tables, the graph and the drawing code. The first
visitor's run then mostly draws the page (docs/performance.md, "Prepared at the server's start").

The price is a later start: the server answers its first request once the preparations are done (a few seconds
from a warm cache folder, the whole first load when the cache folder is empty). A data folder that cannot be read
does not stop the start: ``prepare`` logs the failure (exception types and stack frames only) and the first page
explains it, as it always did. An unexpected failure of the preparations is logged the same way and the server
starts anyway: each page then does the work itself, as without this module.
"""

from __future__ import annotations

import asyncio
import functools
import logging
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any, AsyncIterator

__all__ = ["lifespan", "middleware"]

_log = logging.getLogger("network.ui.server")


def _prepare() -> None:
    try:
        from .app import prepare
        from .frontend_chunks import element_modules

        prepare()
        element_modules()  # Streamlit's build read once here, not on the first page document's request
    except Exception as exc:  # noqa: BLE001 - a failed preparation must never keep the server from starting
        from .failures import failure_detail

        _log.warning("The preparations at start failed; each page prepares itself:\n%s", failure_detail(exc))


@asynccontextmanager
async def lifespan(_app: Any) -> AsyncIterator[None]:
    """``st.App``'s lifespan: prepare in a worker thread (the event loop stays free to handle a stop signal), then
    serve."""
    await asyncio.to_thread(_prepare)
    yield


def middleware() -> list[Any]:
    """``st.App``'s middleware: each page document tells the frontend where the server is, so a link to a page
    other than the first connects without a failed try first, carries the print rules, and loads the graph's files
    and the common elements' code once the page has settled (``ui.page_document``); the app's static files are
    served uncompressed, as Streamlit serves its own bundles (``ui.static_serving``)."""
    from starlette.middleware import Middleware

    from .page_document import PageDocument
    from .static_serving import PlainStatic

    return [
        Middleware(
            PageDocument, base_path=_base_path, preload=_graph_files, modules=_element_modules, style=_print_css
        ),
        Middleware(PlainStatic, base_path=_base_path),
    ]


@functools.lru_cache(maxsize=1)
def _print_css() -> str:
    """The print rules every page document carries (``ui/print.css``): printing any page gives a clean A4 (no
    sidebar, header or buttons; graph and profile across the page width). Read once per process."""
    return (Path(__file__).resolve().parent / "print.css").read_text(encoding="utf-8")


def _graph_files() -> list[str]:
    """The graph's files as Explore's component loads them (``ui.graphview.asset_urls``: base path, content hash)."""
    from .graphview import asset_urls

    return asset_urls()


def _element_modules() -> tuple[str, ...]:
    """Streamlit's code for the graph's component and the common controls (``ui.frontend_chunks``)."""
    from .frontend_chunks import element_modules

    return element_modules()


def _base_path() -> str:
    import streamlit as st

    return str(st.get_option("server.baseUrlPath") or "")
