"""End-to-end fixtures: the dashboard under `streamlit run` on a free loopback port, and headless Chromium.

Plain helpers live in browser_helpers.py (import them from there, not from conftest)."""

from __future__ import annotations

from typing import Iterator

import pytest

from browser_helpers import CHROMIUM, CHROMIUM_ARGS, FIXTURE, Visit, open_visit, require_chromium, run_dashboard


@pytest.fixture(scope="session")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of the dashboard running on the fixture directory."""
    require_chromium()
    work = tmp_path_factory.mktemp("dashboard")
    with run_dashboard(FIXTURE, work) as url:
        yield url


@pytest.fixture(scope="module")
def browser():
    """Headless Chromium, one per test module (Playwright's sync API allows one instance at a time)."""
    require_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture
def visit(browser, dashboard: str) -> Iterator[Visit]:
    with open_visit(browser, dashboard) as visit:
        yield visit
