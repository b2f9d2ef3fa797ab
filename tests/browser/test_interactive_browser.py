"""The rendered graph page in headless Chromium: it draws offline, every node arrives, XSS names stay text, a click
reaches the parent window, and "Download PNG" saves the canvas at 2x or more.

Skipped when /usr/bin/chromium is missing, except in CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import struct
from pathlib import Path
from urllib.parse import urlsplit

import browser_helpers
import networkx as nx
import pytest

from network.drawing.interactive import render_interactive

#: The page is a file here (no server): file: URLs are local too.
LOCAL_SCHEMES = browser_helpers.LOCAL_SCHEMES | {"file"}
XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_HREF = '<a href="javascript:alert(2)">x</a><script>alert(3)</script>'

#: Where a node is on the page (CSS pixels), from vis-network's canvas coordinates.
NODE_XY = """id => {
  const p = window.__network.canvasToDOM(window.__network.getPosition(id));
  const r = document.getElementById('mynetwork').getBoundingClientRect();
  return [p.x + r.left, p.y + r.top];
}"""

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _graph() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("hub", kind="network", name="REVES")
    for i in range(150):
        kind = ("organisation", "person", "project")[i % 3]
        graph.add_node(f"n{i:03d}", kind=kind, name=f"Entity {i} Örebro")
        relation = {"organisation": "member_of", "person": "knows", "project": "partner_in"}[kind]
        source, target = (f"n{i:03d}", "hub") if kind != "project" else ("n000", f"n{i:03d}")
        graph.add_edge(source, target, key=relation if kind != "person" else "represents")
    graph.add_node("xss", kind="organisation", name=XSS_IMG)
    graph.add_node("xss-href", kind="network", name=XSS_HREF)
    graph.add_edge("xss", "hub", key="member_of")
    graph.add_edge("xss-href", "hub", key="part_of")
    return graph


def _hover_text(page, frame, node_id: str) -> str:
    """Move the mouse onto a node and return its tooltip's text (checking it holds no markup)."""
    x, y = frame.evaluate(NODE_XY, node_id)
    page.mouse.move(x - 40, y - 40)
    page.mouse.move(x, y, steps=4)
    frame.wait_for_function("() => { const t = document.querySelector('.vis-tooltip');"
                            " return t && t.style.visibility === 'visible'; }", timeout=5000)
    # innerText turns line breaks into <br>; anything else would be markup from the data
    tags = frame.evaluate("[...document.querySelector('.vis-tooltip').querySelectorAll('*')].map(e => e.tagName)")
    assert set(tags) <= {"BR"}, tags
    return frame.evaluate("document.querySelector('.vis-tooltip').innerText")


def test_graph_page_draws_offline_and_safely(tmp_path, browser):
    graph = _graph()
    view = tmp_path / "view.html"
    view.write_text(render_interactive(graph, focus="hub", download_name="graph.png"), encoding="utf-8")
    (tmp_path / "parent.html").write_text(
        "<!DOCTYPE html><html><body style='margin:0'><script>window.__messages = [];"
        " addEventListener('message', e => window.__messages.push(e.data));</script>"
        "<iframe id='view' src='view.html' style='border:0;width:900px;height:700px'></iframe></body></html>",
        encoding="utf-8")
    external, dialogs, errors = [], [], []

    context = browser.new_context(viewport={"width": 1000, "height": 760}, accept_downloads=True)
    try:
        def guard(route):
            if urlsplit(route.request.url).scheme in LOCAL_SCHEMES:
                route.continue_()
            else:
                route.abort()

        context.route("**/*", guard)
        page = context.new_page()
        page.on("request", lambda r: urlsplit(r.url).scheme not in LOCAL_SCHEMES and external.append(r.url))
        page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
        page.on("pageerror", lambda e: errors.append(str(e)))
        page.on("console", lambda m: m.type == "error" and errors.append(m.text))

        # 1. The page on its own: draws, every node is in the DataSet, names are text.
        page.goto(view.as_uri())
        page.wait_for_function("window.__networkReady === true", timeout=30_000)
        assert page.evaluate("window.__networkNodeCount") == graph.number_of_nodes()
        assert page.evaluate("window.__networkEdgeCount") == graph.number_of_edges()
        assert page.is_hidden("#loadingBar")
        assert page.evaluate("document.querySelectorAll('#mynetwork canvas').length") == 1
        assert _hover_text(page, page.main_frame, "xss").startswith(XSS_IMG)
        assert _hover_text(page, page.main_frame, "xss-href").startswith(XSS_HREF)
        assert page.evaluate("document.querySelectorAll('img, iframe, a[href]').length") == 0

        # 2. Inside a parent page: a click on a node posts its id; the PNG is the canvas at >= 2x.
        page.goto((tmp_path / "parent.html").as_uri())
        frame = page.frame_locator("#view")
        inner = page.frame(url=view.as_uri())
        inner.wait_for_function("window.__networkReady === true", timeout=30_000)
        x, y = inner.evaluate(NODE_XY, "hub")
        page.mouse.click(x, y)  # the iframe is at (0, 0) of the parent
        page.wait_for_function("window.__messages.length > 0", timeout=5000)
        assert page.evaluate("window.__messages") == [{"type": "network:select", "id": "hub"}]
        css_width = inner.evaluate("document.querySelector('#mynetwork canvas').clientWidth")
        with page.expect_download() as download_info:
            frame.locator("#downloadPng").click()
        download = download_info.value
        assert download.suggested_filename == "graph.png"
        png = Path(download.path()).read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", png[16:24])
        assert width >= 2 * css_width and height >= 2 * 600
    finally:
        context.close()

    assert dialogs == [], f"a script in a name ran: {dialogs}"
    assert external == [], f"requests left the machine: {external}"
    assert errors == [], errors
