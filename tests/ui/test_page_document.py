"""Each page document tells Streamlit's frontend where the server is (``ui/page_document.py``): a link to a page
other than the first connects without first trying the page's path as the server's base (404, then 100 ms)."""

from __future__ import annotations

import asyncio
import json
import shutil
import subprocess

import pytest

from ui.page_document import PageDocument, backend_script, preload_script, style_tag

DOCUMENT = b'<!DOCTYPE html><html lang="en"><head><meta charset="UTF-8" /><title>Streamlit</title></head></html>'


def _serve(status: int, headers: list[tuple[bytes, bytes]], body: bytes, seen: list[dict]):
    async def app(scope, receive, send) -> None:
        seen.append(dict(scope))
        await send({"type": "http.response.start", "status": status, "headers": headers})
        half = len(body) // 2
        await send({"type": "http.response.body", "body": body[:half], "more_body": True})
        await send({"type": "http.response.body", "body": body[half:], "more_body": False})

    return app


def _get(
    app,
    path: str = "/explore",
    accept: bytes = b"text/html,application/xhtml+xml,*/*;q=0.8",
    base: str = "",
    preload: tuple[str, ...] = (),
    modules: tuple[str, ...] = (),
    style: str = "",
):
    scope = {
        "type": "http",
        "method": "GET",
        "path": path,
        "headers": [(b"accept", accept), (b"accept-encoding", b"gzip, br")],
    }
    sent: list[dict] = []

    async def receive():
        return {"type": "http.request", "body": b"", "more_body": False}

    async def send(message):
        sent.append(message)

    asyncio.run(
        PageDocument(
            app, base_path=lambda: base, preload=lambda: list(preload), modules=lambda: modules, style=lambda: style
        )(scope, receive, send)
    )
    start = next(m for m in sent if m["type"] == "http.response.start")
    body = b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body")
    return start, body


HTML = [
    (b"content-type", b"text/html; charset=utf-8"),
    (b"content-length", str(len(DOCUMENT)).encode()),
    (b"etag", b'"x"'),
]


def test_a_page_document_says_where_the_server_is():
    seen: list[dict] = []
    start, body = _get(_serve(200, HTML, DOCUMENT, seen))
    script = backend_script("").encode()
    assert body == DOCUMENT.replace(b"<head>", b"<head>" + script, 1)  # first in the head: before Streamlit's code
    headers = dict(start["headers"])
    assert headers[b"content-length"] == str(len(body)).encode() and b"etag" not in headers
    assert all(k != b"accept-encoding" for k, _ in seen[0]["headers"])  # asked uncompressed, to be read here


def test_the_base_path_is_the_servers_setting_and_cannot_close_the_script():
    assert '"/network"' in backend_script("network/")
    hostile = backend_script("</script><script>alert(1)</script>")
    assert hostile.count("</script>") == 1 and hostile.endswith("</script>")
    value = hostile.split("window.location.origin+", 1)[1].split("});", 1)[0]
    assert json.loads(value.replace("<\\/", "</")) == "/</script><script>alert(1)</script>"


def test_a_page_document_carries_the_print_rules_in_its_head():
    """The print rules are in the document itself, not an ``st.html`` element of every run: no element code and no
    sanitiser for the browser to load and run before the first graph."""
    css = "@media print { .stButton { display: none; } }"
    _, body = _get(_serve(200, HTML, DOCUMENT, []), style=css)
    assert body == DOCUMENT.replace(b"<head>", (f"<head>{backend_script('')}<style>{css}</style>").encode(), 1)
    assert style_tag("") == style_tag("  \n") == ""
    hostile = style_tag("a{}</style><script>alert(1)</script>")
    assert hostile.count("</style>") == 1 and hostile.endswith("</style>") and "<script>" in hostile  # inert CSS text


def test_the_server_gives_every_document_the_apps_print_rules():
    from ui import server

    css = server._print_css()
    assert css.lstrip().startswith("/*") and "@media print" in css and "@page" in css
    middleware = server.middleware()[0]
    assert middleware.kwargs["style"] is server._print_css


@pytest.mark.parametrize(
    ("status", "headers", "accept"),
    [
        (200, [(b"content-type", b"application/javascript")], b"text/html"),  # not a document
        (200, [(b"content-type", b"text/html"), (b"content-encoding", b"gzip")], b"text/html"),  # compressed anyway
        (404, [(b"content-type", b"text/html")], b"text/html"),  # not found
        (200, [(b"content-type", b"text/html")], b"*/*"),  # a script or data request, not a navigation
    ],
)
def test_everything_else_passes_through_as_it_came(status, headers, accept):
    seen: list[dict] = []
    start, body = _get(_serve(status, headers, DOCUMENT, seen), accept=accept)
    assert body == DOCUMENT and start["status"] == status and start["headers"] == headers
    if accept == b"*/*":
        assert (b"accept-encoding", b"gzip, br") in seen[0]["headers"]  # compression left alone


def test_a_websocket_and_other_methods_are_not_touched():
    seen: list[dict] = []
    app = _serve(200, HTML, DOCUMENT, seen)
    for scope in ({"type": "websocket", "path": "/_stcore/stream", "headers": []}, {"type": "http", "method": "POST"}):

        async def receive():
            return {}

        sent: list[dict] = []

        async def send(message, sent=sent):
            sent.append(message)

        asyncio.run(PageDocument(app, base_path=lambda: "")(dict(scope), receive, send))
        assert b"".join(m.get("body", b"") for m in sent if m["type"] == "http.response.body") == DOCUMENT


def test_a_page_document_loads_the_graphs_files_once_it_has_settled():
    """The graph's files, in order, after the server's address; stored where Explore's component looks, so it finds
    them loaded (``static/graph/component.js``)."""
    urls = ("/app/static/graph/vis-network.min.js?v=1", "/app/static/graph/graph.js?v=2")
    _, body = _get(_serve(200, HTML, DOCUMENT, []), preload=urls)
    scripts = backend_script("") + preload_script(list(urls))
    assert body == DOCUMENT.replace(b"<head>", b"<head>" + scripts.encode(), 1)
    preload = preload_script(list(urls))
    assert preload.index(urls[0]) < preload.index(urls[1])
    assert "window.__networkGraphLoads" in preload and "__networkGraphLoads" in _component_js()
    assert "data-test-script-state" in preload and "requestIdleCallback" in preload  # settled, then idle
    assert preload_script([]) == preload_script([], ()) == ""


def test_a_page_document_imports_the_elements_code_beside_streamlits_entry_bundle():
    """Streamlit's element code is imported at the address its own entry bundle imports it from (the same module,
    so the browser runs it once), before the graph's files; the imports are kept for whoever waits on them."""
    modules = ("Selectbox.abc123.js", "Button.def456.js")
    _, body = _get(_serve(200, HTML, DOCUMENT, []), preload=("/g.js",), modules=modules)
    script = preload_script(["/g.js"], modules)
    assert body == DOCUMENT.replace(b"<head>", b"<head>" + (backend_script("") + script).encode(), 1)
    assert script.index(json.dumps(list(modules))) > script.index('"/g.js"')  # the arguments: urls, then modules
    assert "new URL(name,entry.src)" in script and "/static/js/index." in script
    assert script.index("import(") < script.index("createElement('script')")
    assert "window.__networkElementLoads" in script
    assert preload_script([], modules).count("<script>") == 1  # elements alone, no graph files


def test_a_file_address_cannot_close_the_preload_script():
    hostile = preload_script(["</script><script>alert(1)</script>"], ["</script><script>alert(2)</script>"])
    assert hostile.count("</script>") == 1 and hostile.endswith("</script>")


@pytest.mark.skipif(shutil.which("node") is None, reason="needs node to parse the script")
def test_the_preload_script_is_valid_javascript(tmp_path):
    script = preload_script(["/a.js", "/b.js"], ["Button.x1.js"]).removeprefix("<script>").removesuffix("</script>")
    (tmp_path / "preload.js").write_text(script, encoding="utf-8")
    subprocess.run(["node", "--check", str(tmp_path / "preload.js")], check=True, capture_output=True)


def _component_js() -> str:
    from network.drawing.web_assets import ASSET_DIR

    return (ASSET_DIR / "component.js").read_text(encoding="utf-8")
