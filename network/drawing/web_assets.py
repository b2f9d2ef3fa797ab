"""The graph view's browser files (``static/graph/``): vis-network (vendored, with its licences) and our own
``graph.js`` and ``graph.css``.

They live in the app's ``static/`` folder because that is the one folder Streamlit serves as plain files
(``server.enableStaticServing``): the dashboard lets the browser load them once, by URL, and the HTML export inlines
the very same files, so there is one copy of each. Readers are cached: the files do not change while running.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from pathlib import Path

__all__ = ["ASSET_DIR", "VIS_NETWORK_VERSION", "asset_version", "graph_css", "graph_js", "vis_network_js"]

VIS_NETWORK_VERSION = "9.1.2"
#: ``<repository>/static/graph``: served by the dashboard as ``app/static/graph/<file>``.
ASSET_DIR = Path(__file__).resolve().parents[2] / "static" / "graph"


def _read(name: str) -> str:
    text = (ASSET_DIR / name).read_text(encoding="utf-8")
    if "</script" in text.lower():  # would end an inline <script> early in the exported page
        raise RuntimeError(f"{ASSET_DIR / name} contains '</script' and cannot be inlined safely")
    return text


@lru_cache(maxsize=1)
def vis_network_js() -> str:
    """vis-network's standalone UMD build (defines ``window.vis``)."""
    return _read("vis-network.min.js")


@lru_cache(maxsize=1)
def graph_js() -> str:
    """Our drawing code (defines ``window.networkGraph``)."""
    return _read("graph.js")


@lru_cache(maxsize=1)
def graph_css() -> str:
    return _read("graph.css")


@lru_cache(maxsize=8)
def asset_version(name: str) -> str:
    """A short content hash, added to the file's URL so a changed file is never taken from a stale browser cache."""
    return hashlib.sha256((ASSET_DIR / name).read_bytes()).hexdigest()[:12]
