"""End-to-end fixtures: the dashboard under `streamlit run` on a free loopback port, and headless Chromium.

Plain helpers live in browser_helpers.py (import them from there, not from conftest)."""

from __future__ import annotations
import os
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass, field
from pathlib import Path
from typing import Iterator
from urllib.parse import urlsplit
import pytest

from browser_helpers import (  # noqa: F401
    CHROMIUM,
    CHROMIUM_ARGS,
    FIXTURE,
    LOCAL_SCHEMES,
    LOOPBACK,
    RESULTS,
    ROOT,
    START_TIMEOUT_S,
    Visit,
    _free_port,
    _healthy,
    is_local,
    require_chromium,
)


@pytest.fixture(scope="session")
def dashboard(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The base URL of the dashboard running on the fixture directory."""
    require_chromium()
    work = tmp_path_factory.mktemp("dashboard")
    port = _free_port()
    url = f"http://127.0.0.1:{port}"
    env = {**os.environ, "NETWORK_DATA": str(FIXTURE), "NETWORK_CACHE_DIR": str(work / "cache")}
    env.pop("NETWORK_MAX_NODES", None)
    log_path = work / "streamlit.log"
    with log_path.open("wb") as log:
        process = subprocess.Popen(
            [sys.executable, "-m", "streamlit", "run", str(ROOT / "network_app.py"), "--server.headless", "true",
             "--server.address", "127.0.0.1", "--server.port", str(port), "--browser.gatherUsageStats", "false"],
            cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + START_TIMEOUT_S
        while not _healthy(url):
            if process.poll() is not None or time.monotonic() > deadline:
                pytest.fail(f"streamlit did not start:\n{log_path.read_text(errors='replace')[-3000:]}")
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait(timeout=10)


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
    context = browser.new_context(viewport={"width": 1400, "height": 1800}, service_workers="block")
    visit = Visit(page=None, base=dashboard)
    context.on("request", lambda request: visit.requests.append(request.url))
    page = context.new_page()
    page.on("dialog", lambda dialog: (visit.dialogs.append(dialog.message), dialog.dismiss()))
    visit.page = page
    try:
        yield visit
    finally:
        context.close()
