"""The page's HTML document tells Streamlit's frontend where the server is, so a link to a page connects at once,
and loads the graph's files and the common elements' code once the page has settled, so the first Explore after
another page is whole sooner.

Streamlit's frontend does not know the server's base address. Opened at ``/explore?focus=reves``, it first tries
``/explore/`` as the base: it asks ``/explore/_stcore/health`` (404), waits 100 ms, and only then tries ``/``. That
was 0.10–0.25 s before the websocket opened, on every link to a page other than the first (Explore's links from
profiles, a shared address), and most of why the first graph's websocket opened later than a one-file app's at
``/`` (docs/performance.md, ninth session).

The frontend reads its host settings from ``window.__streamlit`` when its code starts (Streamlit's documented hook
for hosting it elsewhere). So every page document gets, at the top of its ``<head>``, a small inline script that
sets ``BACKEND_BASE_URL`` to this server's own address: the origin the browser loaded the page from, plus
``server.baseUrlPath``. Nothing from the request reaches the document; the base path is the server's setting,
JSON-encoded with ``</`` escaped.

Every document also carries the app's print rules (``ui/print.css``, ``style_tag``) in its ``<head>``. They used
to be sent with each run as an ``st.html`` element, whose code (and DOMPurify's, 30 kB) the browser loaded, ran and
sanitised the style with before it drew the first graph (docs/performance.md, thirteenth session).

A second small script (``preload_script``) loads, on the page the user opened first, what the visit's first Explore
would otherwise fetch and run on the main thread it needs, but only once that page has settled (the app's script
has finished and no element is still loading its code, twice in a row 200 ms apart) and then when the browser is
idle: earlier, on the first load, it held the page's own work back (docs/performance.md, "The Explore link's
document loading the graph's files").

- Streamlit's code for the graph's custom component, the select box, the text box, the button and the page link
  (``ui.frontend_chunks``): 28 files that Explore's controls and profile waited for, 0.4 s of its whole page
  (docs/performance.md, "Eleventh session"). Each is imported (``import()``) at the address Streamlit's own entry
  bundle imports it from, so the browser's module map has it when Streamlit asks; the imports are kept in
  ``window.__networkElementLoads``.
- The graph's files (vis-network and ``graph.js``, ``ui.graphview.asset_urls``), which Explore's component loads
  and runs when it first mounts (~0.15 s, 0.5 MB of script). Each load is stored where the component looks
  (``window.__networkGraphLoads``, ``static/graph/component.js``), so nothing is loaded twice; a page where the
  component has started already is left alone.

This is an ASGI middleware given to ``st.App`` (Streamlit's public ``middleware`` argument, ``network_app.py``).
It reads a response only when the request asks for HTML (a browser's navigation), asks Streamlit for that document
uncompressed, and changes it only when it is a complete ``200`` HTML document with a ``<head>``. Script files,
the websocket and everything else pass through untouched.
"""

from __future__ import annotations

import json
from typing import Any, Awaitable, Callable, MutableMapping, Sequence

__all__ = ["PageDocument", "backend_script", "preload_script", "style_tag"]

Scope = MutableMapping[str, Any]
Message = MutableMapping[str, Any]
Receive = Callable[[], Awaitable[Message]]
Send = Callable[[Message], Awaitable[None]]
App = Callable[[Scope, Receive, Send], Awaitable[None]]

_HEAD = b"<head>"


def backend_script(base_path: str) -> str:
    """The inline script: the frontend's host settings with ``BACKEND_BASE_URL`` set to this page's origin and the
    server's base path (``server.baseUrlPath``), keeping any other setting already there."""
    path = "/" + base_path.strip("/")
    data = json.dumps(path).replace("</", "<\\/")
    return (
        "<script>window.__streamlit=Object.assign({},window.__streamlit,"
        "{BACKEND_BASE_URL:window.location.origin+" + data + "});</script>"
    )


def style_tag(css: str) -> str:
    """The app's own stylesheet (the print rules, ``ui/print.css``) as a ``<style>`` element; empty for no rules.
    ``</`` is escaped (``<\\/`` means the same in CSS), so the text cannot close the element."""
    return "<style>" + css.replace("</", "<\\/") + "</style>" if css.strip() else ""


def preload_script(urls: list[str], modules: Sequence[str] = ()) -> str:
    """The inline script that, once the page has settled and the browser is idle, imports ``modules`` (Streamlit's
    element code, file names beside its entry bundle, ``ui.frontend_chunks``) and loads ``urls`` (the graph's files,
    in order) where Explore's component finds them (see the module's docstring). Empty when there is nothing."""
    if not urls and not modules:
        return ""
    data = json.dumps(urls).replace("</", "<\\/")
    names = json.dumps(list(modules)).replace("</", "<\\/")
    return (
        "<script>(function(urls,modules){"
        "function settled(){var app=document.querySelector('[data-testid=\"stApp\"]');"
        "return !!app&&app.getAttribute('data-test-script-state')==='notRunning'"
        "&&!document.querySelector('[data-testid=\"stSkeleton\"]');}"
        'function load(){var entry=document.querySelector(\'script[type="module"][src*="/static/js/index."]\');'
        "var imports=(window.__networkElementLoads=window.__networkElementLoads||[]);"
        "if(entry)modules.forEach(function(name){"
        "imports.push(import(new URL(name,entry.src).href).catch(function(){}));});"
        "var loads=(window.__networkGraphLoads=window.__networkGraphLoads||{});"
        "urls.forEach(function(url){if(loads[url])return;"
        "loads[url]=new Promise(function(resolve,reject){var s=document.createElement('script');"
        "s.src=url;s.async=false;s.onload=resolve;"
        "s.onerror=function(){delete loads[url];reject(new Error(url));};document.head.appendChild(s);});"
        "loads[url].catch(function(){});});}"
        "window.addEventListener('load',function(){var calm=0;var timer=setInterval(function(){"
        "calm=settled()?calm+1:0;if(calm<2)return;clearInterval(timer);"
        "if(window.requestIdleCallback)window.requestIdleCallback(load,{timeout:2000});else setTimeout(load,0);"
        "},200);});})(" + data + "," + names + ");</script>"
    )


class PageDocument:
    """ASGI middleware: each page document says where the server is, carries the print rules and loads the graph's
    files once settled (see the module's docstring).

    ``base_path``, ``preload`` (the graph's files' addresses), ``modules`` and ``style`` (the print rules) are called
    once per document, so a changed ``server.baseUrlPath`` is picked up."""

    def __init__(
        self,
        app: App,
        base_path: Callable[[], str],
        preload: Callable[[], list[str]] = list,
        modules: Callable[[], Sequence[str]] = tuple,
        style: Callable[[], str] = str,
    ):
        self.app = app
        self.base_path = base_path
        self.preload = preload
        self.modules = modules
        self.style = style

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope.get("type") != "http" or scope.get("method") != "GET" or not _asks_for_html(scope):
            await self.app(scope, receive, send)
            return
        # Uncompressed, so the document can be read and changed here (a few kB, on this computer's loopback).
        scope = dict(scope, headers=[(k, v) for k, v in scope.get("headers", []) if k.lower() != b"accept-encoding"])
        started: Message | None = None
        body: list[bytes] = []

        async def keep(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                if _is_document(message):
                    started = message
                    return
                await send(message)
                return
            if message["type"] != "http.response.body" or started is None:
                await send(message)
                return
            body.append(message.get("body", b""))
            if not message.get("more_body", False):
                await self._answer(started, b"".join(body), send)

        await self.app(scope, receive, keep)

    async def _answer(self, started: Message, body: bytes, send: Send) -> None:
        headers = list(started.get("headers", []))
        at = body.find(_HEAD)
        if at >= 0:
            at += len(_HEAD)
            scripts = (
                backend_script(self.base_path())
                + style_tag(self.style())
                + preload_script(self.preload(), self.modules())
            )
            body = body[:at] + scripts.encode("utf-8") + body[at:]
            drop = (b"content-length", b"etag", b"last-modified")
            headers = [(k, v) for k, v in headers if k.lower() not in drop]
            headers.append((b"content-length", str(len(body)).encode("ascii")))
        await send(dict(started, headers=headers))
        await send({"type": "http.response.body", "body": body, "more_body": False})


def _asks_for_html(scope: Scope) -> bool:
    """A browser's navigation asks for ``text/html`` first; its script, style and data requests do not."""
    accept = b",".join(v for k, v in scope.get("headers", []) if k.lower() == b"accept")
    return b"text/html" in accept


def _is_document(start: Message) -> bool:
    """A complete, uncompressed ``200`` HTML answer (anything else passes through as it came)."""
    headers = [(k.lower(), v) for k, v in start.get("headers", [])]
    kinds = [v for k, v in headers if k == b"content-type"]
    encoded = any(k == b"content-encoding" for k, _ in headers)
    return start.get("status") == 200 and bool(kinds) and kinds[0].startswith(b"text/html") and not encoded
