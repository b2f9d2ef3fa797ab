"""A real browser on this computer gets single-user mode from a real server (issue 10, item 3).

The AppTest tests set the request headers by hand; this one proves that ``st.context.headers`` of a real
``streamlit run`` carry a ``Host`` and ``Origin`` that ``network.access.request_trust`` accepts for a browser on
127.0.0.1, so single-user mode still works where it should.
"""

from __future__ import annotations

import pytest

from browser_helpers import Visit
from ui.i18n import SV

pytestmark = [pytest.mark.browser, pytest.mark.slow]


def test_a_browser_on_this_computer_is_single_user(visit: Visit):
    visit.open("/", SV["overview.title"])
    single_user = SV["auth.mode.single-user"].split(":")[0]
    visit.page.get_by_text(single_user).first.wait_for()
    assert visit.page.get_by_text(SV["auth.read_only_banner"].split(":")[0]).count() == 0
