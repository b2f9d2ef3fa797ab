"""End-to-end helpers (fixtures are in conftest.py): the dashboard under ``streamlit run`` on a free loopback port, and headless Chromium.

The server is started once per test session on ``tests/fixtures/dashboard`` (which has an organisation named
``<img src=x onerror=alert(1)>``) and stopped at the end. Each test gets a new tab (in its module's browser context,
``shared_context``) that records every request of every frame and every JavaScript dialog, so a test can check that
nothing left the computer and no injected script ran. The tests are skipped when /usr/bin/chromium is missing,
except in CI (``CI=true``).
"""

from __future__ import annotations

import os
import sys
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterator
from urllib.parse import urlsplit

import pytest

ROOT = Path(__file__).resolve().parents[2]
# The dashboard's start is shared with the browser benchmarks: one home, bench/dashboard_server.py.
if str(ROOT / "bench") not in sys.path:
    sys.path.insert(0, str(ROOT / "bench"))

from dashboard_server import CHROMIUM, CHROMIUM_ARGS, DashboardStartError, serve  # noqa: E402, F401 - conftest uses CHROMIUM_ARGS

FIXTURE = ROOT / "tests" / "fixtures" / "dashboard"
RESULTS = ROOT / "test-results"
START_TIMEOUT_S = 120
START_ATTEMPTS = 3
#: How long a test waits for a state of the app (a script run to finish, the URL to change): generous, because on a
#: loaded machine (CI, two test workers) one run can take tens of seconds.
STATE_TIMEOUT_MS = 120_000
LOOPBACK = {"127.0.0.1", "localhost", "::1", "[::1]"}
LOCAL_SCHEMES = {"data", "blob", "about"}
#: Where a node of the drawn graph is on the page (CSS pixels), from vis-network's canvas coordinates.
NODE_XY = """id => {
  const n = window.__network, p = n.canvasToDOM(n.getPosition(id));
  const r = n.body.container.getBoundingClientRect();
  return [p.x + r.left, p.y + r.top];
}"""


def require_chromium() -> None:
    """Skip without Chromium, except in CI, where a missing browser is a failure."""
    if not Path(CHROMIUM).exists():
        if os.environ.get("CI", "").lower() == "true":
            pytest.fail(f"{CHROMIUM} is missing; CI must install chromium (apt-get install chromium)")
        pytest.skip(f"{CHROMIUM} is not installed")


def is_local(url: str) -> bool:
    parts = urlsplit(url)
    return parts.scheme in LOCAL_SCHEMES or (parts.hostname or "") in LOOPBACK


@dataclass
class Visit:
    """One browser tab on the dashboard, with everything it requested and every dialog it tried to open."""

    page: object
    base: str
    requests: list[str] = field(default_factory=list)
    dialogs: list[str] = field(default_factory=list)
    #: Uncaught page errors, and the console messages that ``open_visit``'s ``console`` predicate picks.
    errors: list[str] = field(default_factory=list)

    def open(self, path: str, heading: str) -> None:
        """Go to ``path`` and wait until the page's title (``heading``) shows and the script has finished."""
        self.page.goto(self.base + path)
        self.page.get_by_role("heading", name=heading, level=1).wait_for(timeout=STATE_TIMEOUT_MS)
        self.settle()

    def settle(self) -> None:
        """Wait until the app's script run has finished (the app's ``data-test-script-state`` is ``notRunning``; the
        status widget says "Running" only after a delay, and the frame's sidebar parts come after the page's title):
        a click during a run may be lost, and what the run writes is on the page only after it. Under load a run can take
        far longer than a text should take to appear, so tests wait for this state, then for the text briefly."""
        self.page.wait_for_function(
            "() => document.querySelector('[data-testid=\"stApp\"]')?.getAttribute('data-test-script-state')"
            " === 'notRunning'",
            timeout=STATE_TIMEOUT_MS,
        )

    def wait_for_url(self, condition: str) -> None:
        """Wait until ``condition`` (JavaScript, with ``params`` the page's URLSearchParams) holds, then settle: the
        pages keep their state in the URL, so this waits for what a click changed rather than for its text."""
        self.page.wait_for_function(
            f"() => {{ const params = new URLSearchParams(location.search); return {condition}; }}",
            timeout=STATE_TIMEOUT_MS,
        )
        self.settle()

    def graph_frame(self):
        """The frame that holds the graph once vis-network has drawn it (the loading message is gone). The graph is
        a component in the page itself (``ui/graphview.py``), so this is the page's main frame; ``window.__network``
        is the drawn network."""
        frame = self.page.main_frame
        frame.wait_for_function("window.__networkReady === true", timeout=STATE_TIMEOUT_MS)
        frame.wait_for_selector(".ng-root[data-ready=true] .ng-loading", state="hidden", timeout=5_000)
        return frame

    def node_xy(self, node: str) -> tuple[float, float]:
        """Where an entity of the drawn graph is on the page (CSS pixels)."""
        return tuple(self.page.evaluate(NODE_XY, node))

    def screenshot(self, name: str) -> Path:
        RESULTS.mkdir(exist_ok=True)
        path = RESULTS / f"dashboard-{name}.png"
        self.page.screenshot(path=str(path))
        return path

    def check_safe(self) -> None:
        """No request left loopback, and no dialog opened (an injected script would open one)."""
        outside = sorted({u for u in self.requests if not is_local(u)})
        assert not outside, f"requests left the computer: {outside}"
        assert not self.dialogs, f"a script opened a dialog: {self.dialogs}"


@contextmanager
def open_visit(
    browser, base: str, *, console: Callable[[Any], bool] | None = None, context: Any = None
) -> Iterator["Visit"]:
    """A fresh tab on the dashboard at ``base`` that records every request, every page error and the console
    messages ``console`` picks (none without it), and dismisses dialogs. In a fresh browser context, or in
    ``context`` (``shared_context``): a module whose tests each open one page shares one, so the dashboard's
    scripts are fetched and compiled once (each fresh context fetched and compiled them again, ~2 s a test)."""
    own = context is None
    if own:
        context = new_context(browser)
    visit = Visit(page=None, base=base)
    page = context.new_page()
    page.on("request", lambda request: visit.requests.append(request.url))
    page.on("dialog", lambda dialog: (visit.dialogs.append(dialog.message), dialog.dismiss()))
    page.on("pageerror", lambda error: visit.errors.append(str(error)))
    if console is not None:
        page.on("console", lambda message: visit.errors.append(message.text) if console(message) else None)
    visit.page = page
    try:
        yield visit
    finally:
        page.close()
        if own:
            context.close()


def new_context(browser) -> Any:
    """A browser context as every visit uses: a tall window, no service workers."""
    return browser.new_context(viewport={"width": 1400, "height": 1800}, service_workers="block")


@contextmanager
def shared_context(browser) -> Iterator[Any]:
    """One browser context for a module's visits (``open_visit(..., context=...)``): its cookies, storage and HTTP
    cache are shared, so use it only where tests do not depend on a clean browser."""
    context = new_context(browser)
    try:
        yield context
    finally:
        context.close()


@contextmanager
def run_dashboard(data: Path, work: Path) -> Iterator[str]:
    """``streamlit run network_app.py`` on ``data`` at a free loopback port; yields the base URL, stops it after.

    The start itself (free port, retries when another worker's server took the port, health check) is
    ``bench/dashboard_server.serve``, shared with the browser benchmarks; here a failed start fails the test."""
    try:
        with serve(
            data, work / "cache", work / "streamlit.log", attempts=START_ATTEMPTS, start_timeout_s=START_TIMEOUT_S
        ) as (url, _process):
            yield url
    except DashboardStartError as error:
        pytest.fail(str(error))
