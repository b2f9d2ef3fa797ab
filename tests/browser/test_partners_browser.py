"""The Partners page in headless Chromium: suggestions with reasons, adding one to the consortium, the live check,
the consortium graph drawn offline, and the XSS organisation name shown as text (no dialog, no injected image).

Saves a screenshot to ``test-results/dashboard-partners.png``.
"""

from __future__ import annotations

import pytest

from browser_helpers import Visit
from ui.i18n import SV

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_find_a_partner_add_it_and_see_the_check(visit: Visit):
    """Waits for the app's state (the script run finished, the consortium in the URL), then checks the text: under
    load a run can take longer than any sensible wait for a text."""
    visit.open("/partners?themes=culture&members=region-orebro:coordinator", SV["partners.title"])
    page = visit.page
    page.get_by_text(SV["partners.rule_decides"]).wait_for()
    page.get_by_text(f"Arbetar med {SV.get('theme.culture', 'culture')}.").first.wait_for()
    page.get_by_text("<img src=x onerror=alert(1)>").first.wait_for()  # the XSS name is shown as text
    page.get_by_role("button", name=SV["partners.add"]).first.click()
    visit.wait_for_url("(params.get('members') || '').split(',').length === 2")
    page.get_by_text(SV["partners.in_consortium"].format(n=2)).wait_for()
    page.get_by_text(SV["partners.section.consortium"], exact=True).click()
    visit.wait_for_url("params.get('section') === 'consortium'")
    page.get_by_text(SV["partners.members_title"], exact=True).wait_for()
    page.get_by_text("2 av 3 partner som räknas").first.wait_for()
    page.get_by_text(SV["partners.not_eligible"].format(n=3)).wait_for()
    frame = visit.graph_frame()
    assert frame.evaluate("window.__networkNodeCount") >= 2, "the home organisation and the new partner"
    assert page.locator('img[src="x"]').count() == 0
    visit.screenshot("partners")
    visit.check_safe()
