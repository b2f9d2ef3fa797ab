"""The app's own static files (``static/``: vis-network, ``graph.js``) are served uncompressed, as Streamlit serves
its own frontend bundles.

Streamlit's server passes every answer but its own ``/static/`` bundles and the root document through Starlette's
gzip middleware, which compresses the body again on every request and keeps nothing. vis-network is 0.5 MB of
script: py-spy showed its compression on the server's event loop in each new browser's first Explore, while the
graph waited for that file (it is requested when the graph's component first runs; docs/performance.md,
thirteenth session). Streamlit's reasoning for its own bundles holds for these
files too: they are fetched once per browser (content-hashed addresses), the server is usually this computer or a
local network, and a reverse proxy in front of it compresses and caches them anyway.

This is an ASGI middleware given to ``st.App`` (``ui.server.middleware``); user middleware wraps Streamlit's, so
dropping the request's ``Accept-Encoding`` here makes the gzip layer pass the file through untouched. Every other
request is left as it came.
"""

from __future__ import annotations

from typing import Callable

from .page_document import App, Receive, Scope, Send

__all__ = ["PlainStatic", "is_app_static"]

#: Where Streamlit serves the app's ``static/`` folder (``server.enableStaticServing``), under the base path.
ROUTE = "app/static/"


def is_app_static(path: str, base_path: str = "", root_path: str = "") -> bool:
    """Whether ``path`` (a request's, with any ``root_path`` mount and ``server.baseUrlPath`` before it) is a file
    of the app's static folder."""
    if root_path and path.startswith(root_path.rstrip("/") + "/"):
        path = path[len(root_path.rstrip("/")) :]
    base = base_path.strip("/")
    prefix = f"/{base}/{ROUTE}" if base else f"/{ROUTE}"
    return path.startswith(prefix)


class PlainStatic:
    """ASGI middleware: a request for a file of the app's static folder reaches Streamlit without
    ``Accept-Encoding``, so it is answered uncompressed (see the module's docstring). ``base_path`` is called per
    request, so a changed ``server.baseUrlPath`` is picked up."""

    def __init__(self, app: App, base_path: Callable[[], str]):
        self.app = app
        self.base_path = base_path

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") == "http" and is_app_static(
            str(scope.get("path", "")), self.base_path(), str(scope.get("root_path", ""))
        ):
            headers = [(k, v) for k, v in scope.get("headers", []) if k.lower() != b"accept-encoding"]
            scope = dict(scope, headers=headers)
        await self.app(scope, receive, send)
