"""The real server's start (``ui/server.py``): ``streamlit run network_app.py`` prepares the first visit before it
answers, with a clean log; a folder it cannot read still gives a running server and the friendly page."""

from __future__ import annotations

from pathlib import Path

import pytest

from browser_helpers import FIXTURE, open_visit, run_dashboard
from ui.i18n import SV

pytestmark = [pytest.mark.browser, pytest.mark.slow]

#: What the server's log must never hold after a start: a traceback, Streamlit's warning for its calls made outside
#: a page's run, or the preparations' failure.
NOT_IN_LOG = ("Traceback", "missing ScriptRunContext", "preparations at start failed")


def test_the_server_prepares_the_first_visit_and_logs_nothing_wrong(browser, tmp_path: Path):
    with run_dashboard(FIXTURE, tmp_path) as url, open_visit(browser, url) as visit:
        visit.open("/", SV["overview.title"])
        assert visit.errors == []
    log = (tmp_path / "streamlit.log").read_text(errors="replace")
    assert [text for text in NOT_IN_LOG if text in log] == []
    assert "could not be prepared" not in log


def test_a_folder_it_cannot_read_still_starts_the_server_with_the_friendly_page(browser, tmp_path: Path):
    missing = tmp_path / "nowhere-ann.andersson@example.se"
    with run_dashboard(missing, tmp_path) as url, open_visit(browser, url) as visit:
        visit.page.goto(url + "/")
        visit.page.get_by_text(SV["state.source_error_title"]).first.wait_for()
    log = (tmp_path / "streamlit.log").read_text(errors="replace")
    assert "could not be prepared" in log  # logged by exception type and stack frames only
    assert "ann.andersson" not in log
    assert [text for text in NOT_IN_LOG if text in log] == []
