"""Fixtures for the dashboard's AppTest tests: open a page on a fixture directory (see ``dashboard_helpers``)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from access_helpers import app  # noqa: F401 - the roles fixture (an app with a signed-in user) for every test here
from dashboard_helpers import FIXTURE, PAGE_FILES, ROOT, TIMEOUT, OpenPage

import ui.auth
from ui.pages.explore import LANDED

#: The request headers of a browser on this computer that opened http://localhost:8501.
LOCAL_HEADERS = {"host": ["localhost:8501"], "origin": ["http://localhost:8501"]}


@pytest.fixture(autouse=True)
def _opened_from_this_computer(monkeypatch: pytest.MonkeyPatch) -> None:
    """AppTest sends no request headers, and single-user mode trusts only a request whose Host (and Origin) is
    localhost: every dashboard test is, unless it says otherwise, a browser on this computer (see ui/auth.py)."""
    monkeypatch.setattr(ui.auth, "request_headers", lambda: LOCAL_HEADERS)


@pytest.fixture
def open_page(monkeypatch: pytest.MonkeyPatch, shared_cache_dir: Path) -> OpenPage:
    """``open_page("explore", {"focus": "reves"})``: the app on ``data`` (default: the fixture), on that page.

    The warm-start cache folder is the session's (``shared_cache_dir``), so the fixture is validated once per worker
    and later tests read it back, as the dashboard does on a warm start; Streamlit's ``cache_resource`` keys the
    loaded directory on that folder too, so the same folder lets later runs on the same data reuse it. A test that
    needs its own folder sets ``NETWORK_CACHE_DIR`` before it opens a page."""
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(shared_cache_dir))
    monkeypatch.delenv("NETWORK_MAX_NODES", raising=False)

    def open_(page: str = "overview", params: dict[str, str] | None = None, data: Path = FIXTURE) -> AppTest:
        monkeypatch.setenv("NETWORK_DATA", str(data))
        at = AppTest.from_file(str(ROOT / "network_app.py"), default_timeout=TIMEOUT)
        at.session_state[LANDED] = True  # Explore's whole page at once (no browser to report its graph drawn)
        if page == "overview":
            at.query_params.update(params or {})
            return at.run()
        at.run()  # AppTest learns the registered pages on the first run
        at.query_params.clear()
        at.query_params.update(params or {})
        return at.switch_page(PAGE_FILES[page]).run()

    return open_


@pytest.fixture
def data_copy(tmp_path: Path) -> Path:
    """A copy of the fixture directory that a test may change."""
    return Path(shutil.copytree(FIXTURE, tmp_path / "data"))
