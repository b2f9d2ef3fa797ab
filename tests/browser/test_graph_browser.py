"""The graph component on Explore in headless Chromium at 1280x720: on the first screen, legend under it, a click
opens the profile and names it in the URL, a double-click makes it the focus, vis-network is loaded once, and no
request leaves this computer.

Saves screenshots to ``test-results/`` (git-ignored).
"""

from __future__ import annotations

import pytest
from browser_helpers import FIXTURE, Visit

from network import load_directory
from network.queries import ego_network
from ui.i18n import SV

pytestmark = [pytest.mark.browser, pytest.mark.slow]

SCREEN = {"width": 1280, "height": 720}


def _loads(visit: Visit, name: str) -> int:
    return sum(f"/app/static/graph/{name}" in url for url in visit.requests)


def test_click_opens_the_profile_and_double_click_makes_it_the_focus(visit: Visit):
    visit.page.set_viewport_size(SCREEN)
    visit.open("/explore", SV["explore.title"])
    frame = visit.graph_frame()
    expected = ego_network(load_directory(FIXTURE), "region-orebro", 1).number_of_nodes()
    assert frame.evaluate("window.__networkNodeCount") == expected
    # The page menu, left out of the landing (ui.app._menu_held), comes with the frame once the graph is drawn.
    menu = visit.page.locator('[data-testid="stSidebarNav"] a', has_text=SV["page.partners"])
    menu.wait_for(timeout=20_000)

    # The whole drawing is on the first screen, and the legend is under it, not over the nodes.
    drawing = visit.page.locator(".ng-frame").bounding_box()
    assert drawing["y"] >= 0 and drawing["y"] + drawing["height"] <= SCREEN["height"], drawing
    assert drawing["height"] >= 300 and drawing["width"] >= 400, drawing
    legend = visit.page.locator(".ng-legend").bounding_box()
    assert legend["y"] >= drawing["y"] + drawing["height"] - 1, (legend, drawing)
    visit.screenshot("graph-first-screen")

    # A click: the profile beside the graph and the URL name the entity; the focus stays.
    visit.page.mouse.click(*visit.node_xy("reves"))
    visit.page.get_by_role("heading", name="REVES", exact=True).wait_for(timeout=20_000)
    visit.page.wait_for_function("() => new URLSearchParams(location.search).get('node') === 'reves'", timeout=20_000)
    assert "focus=" not in visit.page.url

    # A double-click: it becomes the focus and the graph is redrawn around it, without loading vis-network again.
    visit.page.mouse.dblclick(*visit.node_xy("reves"))
    visit.page.wait_for_function("() => new URLSearchParams(location.search).get('focus') === 'reves'", timeout=20_000)
    around_reves = ego_network(load_directory(FIXTURE), "reves", 1).number_of_nodes()
    visit.page.wait_for_function(
        f"window.__networkReady === true && window.__networkNodeCount === {around_reves}", timeout=30_000
    )
    assert "node=" not in visit.page.url  # the new focus shows its own profile
    visit.page.get_by_role("heading", name="REVES", exact=True).wait_for(timeout=20_000)
    assert _loads(visit, "vis-network.min.js") == 1 and _loads(visit, "graph.js") == 1
    visit.screenshot("graph-refocused")
    visit.check_safe()


def test_the_graphs_files_come_uncompressed_and_the_page_documents_carry_the_print_rules(visit: Visit):
    """Through the real server's middleware: vis-network and ``graph.js`` are answered as they are on disk even to a
    browser that accepts gzip (Streamlit's gzip layer compressed vis-network again on every request, on the first
    graph's way; ``ui/static_serving.py``), and a page document has the print rules in its head."""
    from ui.graphview import ASSET_DIR

    for name in ("vis-network.min.js", "graph.js"):
        answer = visit.page.request.get(
            f"{visit.base}/app/static/graph/{name}", headers={"Accept-Encoding": "gzip, deflate, br"}
        )
        assert answer.ok and "content-encoding" not in answer.headers, answer.headers
        assert answer.body() == (ASSET_DIR / name).read_bytes()
    document = visit.page.request.get(f"{visit.base}/explore", headers={"Accept": "text/html"}).text()
    head = document.split("</head>", 1)[0]
    assert "<style>/* Printing a page" in head and "@media print" in head


#: A vis-network that never draws: every property is a function returning itself, so ``graph.js`` mounts it
#: without an error, but no "afterDrawing" ever comes (a drawing that hangs or throws inside vis-network).
NEVER_DRAWS = """
(function () {
  const stub = new Proxy(function () {}, {
    get: (target, name) => (name === Symbol.toPrimitive ? () => 0 : stub),
    apply: () => stub,
    construct: () => stub,
  });
  window.vis = stub;
})();
"""


def test_the_landing_gets_its_controls_even_when_the_graph_is_never_drawn(visit: Visit):
    """Explore's first run sends the controls only once the graph reports it has drawn (docs/performance.md,
    "a progressive landing"); if that report never comes, the component sends it a few seconds after mounting,
    so the focus picker and steps still appear."""
    visit.page.route(
        "**/app/static/graph/vis-network.min.js*",
        lambda route: route.fulfill(status=200, content_type="application/javascript", body=NEVER_DRAWS),
    )
    visit.page.set_viewport_size(SCREEN)
    visit.open("/explore?focus=reves", SV["explore.title"])
    visit.page.get_by_role("textbox", name=SV["explore.focus"]).wait_for(timeout=60_000)
    visit.page.get_by_text(SV["explore.radius"], exact=True).wait_for(timeout=10_000)
    assert visit.page.evaluate("window.__networkReady") is not True  # it really never drew
    visit.check_safe()


def test_the_view_data_is_sent_once_and_again_only_when_the_page_has_lost_it(visit: Visit):
    """Explore's landing sends the view's data; the run with the controls (after the graph is drawn) and a click do
    not send it again (the component keeps it, ``static/graph/component.js``); a page that lost it (a new mount
    with its store emptied) asks for it and draws it again."""
    sent: list[bytes] = []

    def frames(socket) -> None:
        socket.on("framereceived", lambda f: sent.append(f if isinstance(f, bytes) else f.encode("utf-8")))

    visit.page.on("websocket", frames)

    def with_data() -> int:  # the messages that carry a view's data (its legend is in no other message)
        return sum(b'"legend"' in message for message in sent)

    visit.page.set_viewport_size(SCREEN)
    visit.open("/explore", SV["explore.title"])
    visit.graph_frame()
    visit.page.get_by_role("textbox", name=SV["explore.focus"]).wait_for(timeout=60_000)  # the whole page
    visit.settle()
    assert with_data() == 1
    visit.page.mouse.click(*visit.node_xy("reves"))
    visit.page.get_by_role("heading", name="REVES", exact=True).wait_for(timeout=20_000)
    visit.settle()
    assert with_data() == 1

    visit.page.evaluate("window.__networkGraphSpecs.clear()")
    visit.page.get_by_role("link", name=SV["page.overview"]).first.click()
    visit.page.get_by_role("heading", name=SV["overview.title"], level=1).wait_for(timeout=60_000)
    visit.page.evaluate("window.__networkReady = false")
    visit.page.get_by_role("link", name=SV["page.explore"]).first.click()
    expected = ego_network(load_directory(FIXTURE), "region-orebro", 1).number_of_nodes()
    visit.page.wait_for_function(
        f"window.__networkReady === true && window.__networkNodeCount === {expected}", timeout=60_000
    )
    assert with_data() == 2
    visit.check_safe()
