"""End-to-end fixtures: the dashboard under `streamlit run` on a free loopback port, and headless Chromium.

Plain helpers live in browser_helpers.py (import them from there, not from conftest)."""

from __future__ import annotations

from typing import Iterator

import pytest

from browser_helpers import (
    CHROMIUM,
    CHROMIUM_ARGS,
    FIXTURE,
    Visit,
    open_visit,
    require_chromium,
    run_dashboard,
    shared_context,
)


@pytest.fixture(scope="session")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of the dashboard running on the fixture directory."""
    require_chromium()
    work = tmp_path_factory.mktemp("dashboard")
    with run_dashboard(FIXTURE, work) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium, one per test module. Not one per session: while Playwright's sync API is open, the
    worker's main thread counts as running an event loop, so a later non-browser module in the same xdist worker
    could not call ``asyncio.run`` (``tests/ui/test_server_start.py`` failed so in CI)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def module_context(browser):
    """One browser context for the ``visit`` tabs of a test module (``browser_helpers.shared_context``): the
    dashboard's scripts are fetched and compiled once per module, not once per test. Each test still gets its own
    tab, so its own Streamlit session, requests, dialogs and errors."""
    with shared_context(browser) as context:
        yield context


@pytest.fixture
def visit(browser, dashboard: str, module_context) -> Iterator[Visit]:
    """A new tab on the session's dashboard, in the module's browser context."""
    with open_visit(browser, dashboard, context=module_context) as visit:
        yield visit
