"""The dashboard in headless Chromium: every page opens, graphs draw every node offline, the XSS name stays text.

Each test saves a screenshot of its page to ``test-results/`` (a test artefact; the folder is git-ignored).
"""

from __future__ import annotations

import pytest

from browser_helpers import FIXTURE, Visit
from network import load_directory
from network.queries import ego_network, shortest_paths
from ui.i18n import SV

pytestmark = [pytest.mark.browser, pytest.mark.slow]

XSS = "<img src=x onerror=alert(1)>"


def _no_injected_image(visit: Visit, frame=None) -> None:
    for where in (visit.page, frame):
        if where is not None:
            assert where.locator('img[src="x"]').count() == 0


def test_overview(visit: Visit):
    visit.open("/", SV["overview.title"])
    visit.page.get_by_text(SV["overview.health"]).first.wait_for()
    networks = SV["overview.home_networks"].format(home="Region Örebro län")
    assert visit.page.get_by_role("heading", name=networks).count() == 1
    visit.screenshot("overview")
    visit.check_safe()


def test_explore_draws_every_node_and_shows_the_xss_name_as_text(visit: Visit):
    visit.open("/explore?focus=xss-org&radius=2", SV["explore.title"])
    frame = visit.graph_frame()
    expected = ego_network(load_directory(FIXTURE), "xss-org", 2).number_of_nodes()
    assert frame.evaluate("window.__networkNodeCount") == expected
    assert frame.evaluate("Object.keys(window.__network.body.nodes).length") == expected
    heading = visit.page.get_by_role("heading", name=XSS)
    assert heading.count() == 1 and heading.inner_text() == XSS
    _no_injected_image(visit, frame)
    visit.screenshot("explore")
    visit.check_safe()


def test_directory_profile(visit: Visit):
    visit.open("/directory?kind=organisation&id=xss-org", SV["directory.title"])
    visit.page.get_by_role("heading", name=XSS).wait_for()
    visit.page.locator('[data-testid="stDataFrame"]').first.wait_for()
    assert visit.page.get_by_text(SV["directory.rows"].format(shown=7, total=7)).count() == 1
    _no_injected_image(visit)
    visit.screenshot("directory")
    visit.check_safe()


def test_connections_highlights_the_ways(visit: Visit):
    visit.open("/connections?to=comune-x&k=3", SV["connections.title"])
    frame = visit.graph_frame()
    paths = shortest_paths(load_directory(FIXTURE), "region-orebro", "comune-x", k=3)
    expected = len({node for path in paths for node in path.nodes})
    assert frame.evaluate("window.__networkNodeCount") == expected
    assert visit.page.get_by_text("Region Örebro län — medlem i → REVES ← medlem i — Comune di X").count() == 1
    visit.screenshot("connections")
    visit.check_safe()
