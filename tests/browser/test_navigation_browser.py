"""Navigation and printing in headless Chromium (issue 12, items 3 and 10): a name in a profile is a real link that
opens that profile (in a new tab, with the view in its address); the profile's "show in graph" link opens Explore
centred on it; printing hides the dashboard's frame and gives A4 pages.
"""

from __future__ import annotations

import pytest
from browser_helpers import RESULTS, STATE_TIMEOUT_MS, Visit

from ui.frontend_chunks import element_modules
from ui.i18n import SV

# Slow: a dashboard server and Chromium for three clicks (browser modules are slow; test_interactive_browser.py
# keeps one browser test in the fast run).
pytestmark = [pytest.mark.browser, pytest.mark.slow]


def _display(visit: Visit, selector: str) -> str:
    return visit.page.eval_on_selector(selector, "e => getComputedStyle(e).display")


def test_a_name_in_a_profile_opens_that_profile(visit: Visit):
    visit.open("/directory?kind=organisation&id=comune-x", SV["directory.title"])
    visit.page.get_by_role("heading", name="Comune di X").wait_for()
    # the first way from the home organisation: "Region Örebro län — medlem i → REVES ← medlem i — Comune di X"
    link = visit.page.locator('[data-testid="stMarkdownContainer"] a[href="directory?kind=network&id=reves"]').first
    assert link.inner_text() == "REVES"
    with visit.page.context.expect_page() as opened:
        link.click()
    tab = opened.value
    tab.get_by_role("heading", name="REVES").wait_for(timeout=30_000)
    assert tab.url.endswith("/directory?kind=network&id=reves")
    tab.close()
    visit.check_safe()


def test_show_in_graph_opens_explore_centred_on_the_profile(visit: Visit):
    visit.open("/directory?kind=network&id=reves", SV["directory.title"])
    visit.page.get_by_role("heading", name="REVES").wait_for()
    link = visit.page.locator('[data-testid="stPageLink-NavLink"]', has_text=SV["profile.show_graph"]).first
    assert link.get_attribute("href").endswith("explore?focus=reves")
    link.click()
    visit.page.get_by_role("heading", name=SV["explore.title"], level=1).wait_for(timeout=30_000)
    visit.graph_frame()
    assert "focus=reves" in visit.page.url
    visit.check_safe()


def test_printing_hides_the_frame_and_fits_a4(visit: Visit):
    visit.open("/explore?focus=region-orebro", SV["explore.title"])
    visit.graph_frame()
    sidebar = '[data-testid="stSidebar"]'
    assert _display(visit, sidebar) != "none"  # on screen the sidebar is there
    visit.page.get_by_text(SV["export.title"], exact=True).click()  # the export section's buttons: made when opened
    visit.page.locator(".stDownloadButton").first.wait_for(timeout=30_000)
    visit.graph_frame()
    visit.page.emulate_media(media="print")
    # Printing starts: the canvas is measured again at the print layout's width and drawn to fill it, at once. A
    # print is laid out without a rendering step, so vis-network's own resizing never runs: here the frame is made
    # narrower and printing starts in the same task, before any rendering step could resize the canvas.
    fills = """c => { const frame = c.closest(".ng-frame"); frame.style.width = "480px";
      window.dispatchEvent(new Event("beforeprint"));
      const sizes = [c.width / devicePixelRatio, c.parentElement.clientWidth];
      frame.style.width = ""; window.dispatchEvent(new Event("afterprint")); return sizes; }"""
    drawn, wide = visit.page.eval_on_selector(".ng-canvas canvas", fills)
    assert abs(drawn - wide) <= 1, (drawn, wide)
    assert _display(visit, sidebar) == "none"
    assert _display(visit, '[data-testid="stHeader"]') == "none"
    controls = ("stButton", "stDownloadButton", "stPageLink", "stTextInput", "stSelectbox", "stButtonGroup")
    assert all(visit.page.locator(f".{c}").count() > 0 for c in controls)  # on the page, and in print hidden:
    assert all(_display(visit, f".{c}") == "none" for c in controls)
    # the graph and the profile beside it are stacked, each the whole width of the page
    main = visit.page.eval_on_selector('[data-testid="stMainBlockContainer"]', "e => e.getBoundingClientRect().width")
    graph = visit.page.eval_on_selector(".ng-root", "e => e.getBoundingClientRect().width")
    assert graph >= 0.95 * main
    RESULTS.mkdir(exist_ok=True)
    pdf = visit.page.pdf(format="A4", print_background=True)
    (RESULTS / "print-explore.pdf").write_bytes(pdf)
    assert pdf.startswith(b"%PDF") and b"/MediaBox [0 0 595" in pdf  # A4: 595 × 842 points
    visit.check_safe()


def test_a_link_to_a_page_connects_to_the_server_at_once(visit: Visit):
    """The page document says where the server is (``ui/page_document.py``): the frontend asks the server's health
    once, at its root, not first under the page's path (``/explore/_stcore/health``: 404, then 100 ms later the root)."""
    visit.open("/explore?focus=reves", SV["explore.title"])
    asked = visit.page.evaluate(
        "performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
        ".filter(p => p.endsWith('/_stcore/health'))"
    )
    assert asked == ["/_stcore/health"]
    visit.check_safe()


def test_the_first_page_loads_the_graphs_files_once_it_has_settled(visit: Visit):
    """The page document loads vis-network and ``graph.js``, and Streamlit's code for the graph's component and the
    common controls, once the first page has settled (``ui/page_document.py``, ``ui/frontend_chunks.py``): the
    first Explore of the visit, controls and profile included, fetches no script file."""
    visit.open("/", SV["overview.title"])
    visit.page.wait_for_function(
        "() => Object.keys(window.__networkGraphLoads || {}).length === 2"
        f" && (window.__networkElementLoads || []).length === {len(element_modules())}",
        timeout=STATE_TIMEOUT_MS,
    )
    assert visit.page.evaluate(  # loaded, not failed (a failed element import is caught: it gives undefined)
        "() => Promise.all(Object.values(window.__networkGraphLoads))"
        ".then(() => Promise.all(window.__networkElementLoads)).then(all => all.every(m => m !== undefined))"
    )
    # room for every file the click fetches (the browser keeps 250 entries by default, then drops new ones)
    clicked = visit.page.evaluate(
        "() => { performance.setResourceTimingBufferSize(100000); return performance.now(); }"
    )
    visit.page.locator('[data-testid="stSidebarNav"] a[href$="/explore"]').click()
    visit.page.get_by_role("heading", name=SV["explore.title"], level=1).wait_for(timeout=STATE_TIMEOUT_MS)
    visit.graph_frame()
    visit.page.locator('[data-testid="stMain"] [data-testid="stSelectbox"]').first.wait_for(timeout=STATE_TIMEOUT_MS)
    visit.page.wait_for_function(
        "() => !document.querySelector('[data-testid=\"stSkeleton\"]')", timeout=STATE_TIMEOUT_MS
    )
    fetched = visit.page.evaluate(
        "performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)"
        ".filter(p => p.endsWith('/vis-network.min.js') || p.endsWith('/graph.js'))"
    )
    assert sorted(fetched) == ["/app/static/graph/graph.js", "/app/static/graph/vis-network.min.js"]  # once each
    scripts = visit.page.evaluate(
        "(after) => performance.getEntriesByType('resource').filter(e => e.startTime > after)"
        ".map(e => new URL(e.name).pathname).filter(p => p.endsWith('.js'))",
        clicked,
    )
    assert scripts == []  # Explore's controls and profile found their code loaded
    visit.check_safe()
