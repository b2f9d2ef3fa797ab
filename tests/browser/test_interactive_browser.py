"""The exported graph page in headless Chromium: it draws offline, every node arrives, XSS names stay text, the legend
is under the drawing, a group of leaves opens on a click, and "Download PNG" saves the view at 2x or more with its
title, legend and caption.

Skipped when /usr/bin/chromium is missing, except in CI (CI=true), where that is a failure.
"""

from __future__ import annotations

import struct
from pathlib import Path
from urllib.parse import urlsplit

import networkx as nx
import pytest

from browser_helpers import NODE_XY

from network.drawing.interactive import render_interactive

LOCAL_SCHEMES = {"file", "data", "about", "blob"}
XSS_IMG = "<img src=x onerror=alert(1)>"
XSS_HREF = '<a href="javascript:alert(2)">x</a><script>alert(3)</script>'

pytestmark = pytest.mark.browser


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
    frame.wait_for_function(
        "() => { const t = document.querySelector('.vis-tooltip'); return t && t.style.visibility === 'visible'; }",
        timeout=5000,
    )
    # innerText turns line breaks into <br>; anything else would be markup from the data
    tags = frame.evaluate("[...document.querySelector('.vis-tooltip').querySelectorAll('*')].map(e => e.tagName)")
    assert set(tags) <= {"BR"}, tags
    return frame.evaluate("document.querySelector('.vis-tooltip').innerText")


def _box(page, selector: str) -> dict:
    return page.locator(selector).bounding_box()


def test_graph_page_draws_offline_and_safely(tmp_path, browser):
    """``browser``: the shared headless Chromium of tests/browser/conftest.py (skipped without it, except in CI)."""
    graph = _graph()
    view = tmp_path / "view.html"
    view.write_text(
        render_interactive(
            graph, focus="hub", download_name="graph.png", title="Around REVES", caption="Data of 2026-11-20 · Sample"
        ),
        encoding="utf-8",
    )
    external, dialogs, errors = [], [], []

    context = browser.new_context(viewport={"width": 1000, "height": 900}, accept_downloads=True)
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

        # 1. Draws, every node is in the data, names are text.
        page.goto(view.as_uri())
        page.wait_for_function("window.__networkReady === true", timeout=30_000)
        assert page.evaluate("window.__networkNodeCount") == graph.number_of_nodes()
        assert page.evaluate("window.__networkEdgeCount") == graph.number_of_edges()
        assert page.is_hidden(".ng-loading")
        assert page.evaluate("document.querySelectorAll('.ng-canvas canvas').length") == 1
        assert _hover_text(page, page.main_frame, "xss").startswith(XSS_IMG)
        assert _hover_text(page, page.main_frame, "xss-href").startswith(XSS_HREF)
        assert page.evaluate("document.querySelectorAll('img, iframe, a[href]').length") == 0

        # 2. The legend is under the drawing, never over it; every entity drawn is inside the frame, labels too.
        drawing, legend = _box(page, ".ng-frame"), _box(page, ".ng-legend")
        assert legend["y"] >= drawing["y"] + drawing["height"] - 1
        inside = page.evaluate("""() => { const n = window.__network, r = n.body.container.getBoundingClientRect();
            return Object.keys(n.getPositions()).every(id => { const b = n.getBoundingBox(id);
              const a = n.canvasToDOM({x: b.left, y: b.top}), z = n.canvasToDOM({x: b.right, y: b.bottom});
              return a.x >= 0 && a.y >= 0 && z.x <= r.width && z.y <= r.height; }); }""")
        assert inside, "a node or its label is cut off at the edge"

        # 3. The 150 leaves of the hub: a few shown, the rest in one group that opens on a click. The grouped ones
        # are given to vis-network only then (making them as nodes to hide them cost the browser seconds on a hub).
        drawn = page.evaluate("Object.keys(window.__network.getPositions())")
        assert "group:hub" in drawn and len(drawn) < 20
        assert page.evaluate("window.__network.body.data.nodes.length") == len(drawn)
        x, y = page.evaluate(NODE_XY, "group:hub")
        page.mouse.click(x, y)
        page.wait_for_function("Object.keys(window.__network.getPositions()).length > 100", timeout=5000)

        # 4. The PNG: the drawing at >= 2x, with the title above and the legend and caption under it.
        css_width = page.evaluate("document.querySelector('.ng-canvas canvas').clientWidth")
        css_height = page.evaluate("document.querySelector('.ng-canvas canvas').clientHeight")
        with page.expect_download() as download_info:
            page.locator(".ng-download").click()
        download = download_info.value
        assert download.suggested_filename == "graph.png"
        png = Path(download.path()).read_bytes()
        assert png[:8] == b"\x89PNG\r\n\x1a\n"
        width, height = struct.unpack(">II", png[16:24])
        assert width >= 2 * css_width and height >= 2 * (css_height + 26 + 2 * 20)  # title, 2 legend rows
        framed = page.evaluate("""() => { const n = window.__network, c = window.networkGraph.picture(n,
            n.body.container, JSON.parse(document.getElementById('graph-data').textContent));
            const x = c.getContext('2d'), r = Math.max(2, window.devicePixelRatio || 1);
            const top = 40 * r, bottom = top + n.body.container.clientHeight * r;  // where the drawing is
            const dark = (y0, y1) => { const d = x.getImageData(0, y0, c.width, y1 - y0).data;
              for (let i = 0; i < d.length; i += 4) { if (d[i] < 100) { return true; } } return false; };
            return {title: dark(0, top), below: dark(bottom + 1, c.height)}; }""")
        assert framed == {"title": True, "below": True}  # text above and under the drawing
    finally:
        context.close()

    assert dialogs == [], f"a script in a name ran: {dialogs}"
    assert external == [], f"requests left the machine: {external}"
    assert errors == [], errors


def test_search_finds_an_entity_in_a_closed_group_by_selecting_the_group(tmp_path, browser):
    """The exported page's search box: a match among a group's members (not given to vis-network until the group is
    opened) selects the group; a match drawn on its own selects that entity."""
    view = tmp_path / "view.html"
    view.write_text(render_interactive(_graph(), focus="hub", search_box=True), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1000, "height": 900})
    try:
        page.goto(view.as_uri())
        page.wait_for_function("window.__networkReady === true", timeout=30_000)
        drawn = page.evaluate("Object.keys(window.__network.getPositions())")
        assert "n147" not in drawn and "group:hub" in drawn  # n147 (an organisation) is one of the hub's grouped leaves
        page.locator(".ng-search").fill("Entity 147 ")
        assert page.evaluate("window.__network.getSelectedNodes()") == ["group:hub"]
        page.locator(".ng-search").fill("REVES")
        assert page.evaluate("window.__network.getSelectedNodes()") == ["hub"]
    finally:
        page.close()
