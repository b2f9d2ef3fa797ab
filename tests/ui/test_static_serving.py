"""The app's static files are asked of Streamlit without ``Accept-Encoding`` (``ui/static_serving.py``), so its gzip
layer does not compress vis-network again on every request; every other request passes as it came."""

from __future__ import annotations

import asyncio

import pytest

from ui.static_serving import PlainStatic, is_app_static

GZIP = (b"accept-encoding", b"gzip, deflate, br")


def _through(path: str, base: str = "", kind: str = "http", root_path: str = "") -> dict:
    seen: list[dict] = []

    async def app(scope, receive, send) -> None:
        seen.append(dict(scope))

    async def receive():
        return {}

    async def send(message):
        return None

    scope = {"type": kind, "method": "GET", "path": path, "root_path": root_path, "headers": [GZIP, (b"x", b"1")]}
    asyncio.run(PlainStatic(app, base_path=lambda: base)(scope, receive, send))
    return seen[0]


@pytest.mark.parametrize(
    ("path", "base", "root_path"),
    [
        ("/app/static/graph/vis-network.min.js", "", ""),
        ("/app/static/graph/graph.js", "/", ""),
        ("/network/app/static/graph/graph.js", "network", ""),
        ("/network/app/static/graph/graph.js", "/network/", ""),
        ("/mount/app/static/graph/graph.js", "", "/mount"),
    ],
)
def test_the_apps_static_files_are_asked_for_uncompressed(path, base, root_path):
    scope = _through(path, base, root_path=root_path)
    assert scope["headers"] == [(b"x", b"1")]


@pytest.mark.parametrize(
    ("path", "base", "kind"),
    [
        ("/explore", "", "http"),  # a page document (``ui.page_document`` decides about those)
        ("/_stcore/health", "", "http"),
        ("/static/js/index.js", "", "http"),  # Streamlit's own bundles: it never compresses them anyway
        ("/media/abc.png", "", "http"),
        ("/app/static/graph/graph.js", "network", "http"),  # not under this server's base path
        ("/network/app/staticx/graph.js", "network", "http"),
        ("/_stcore/stream", "", "websocket"),
    ],
)
def test_everything_else_passes_as_it_came(path, base, kind):
    assert _through(path, base, kind)["headers"] == [GZIP, (b"x", b"1")]


def test_only_the_static_route_counts():
    assert is_app_static("/app/static/x.js") and not is_app_static("/app/staticky.js")
    assert not is_app_static("/other/app/static/x.js") and is_app_static("/other/app/static/x.js", "other")
