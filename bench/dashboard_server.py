"""The one way tests and benchmarks start the dashboard: ``streamlit run`` on a free loopback port, and Chromium.

The browser tests (``tests/browser/browser_helpers.run_dashboard``) and the browser benchmarks
(``bench/bench_pages.py``, ``bench/bench_graph_ui.py``) all need the same thing: a headless server on a port no one
else has, answering its health check, stopped afterwards. It lives here, in ``bench/`` and free of pytest, so the
benchmarks can import it without the test suite and the tests import it from here (``browser_helpers`` puts
``bench/`` on ``sys.path``); a failure is a ``DashboardStartError`` that the tests turn into a test failure.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator, Sequence

__all__ = [
    "ROOT",
    "end_of_run",
    "APP",
    "CHROMIUM",
    "CHROMIUM_ARGS",
    "DashboardStartError",
    "free_port",
    "healthy",
    "serve",
    "stop",
]

ROOT = Path(__file__).resolve().parent.parent
#: The dashboard's entry script.
APP = ROOT / "network_app.py"
#: Debian's Chromium, and the switches that keep it headless, sandbox-free (containers) and off the network.
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


class DashboardStartError(RuntimeError):
    """The server did not become healthy; the message ends with the tail of its log."""


def free_port() -> int:
    """A loopback port free right now (another process may still take it before the server binds it)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def healthy(url: str) -> bool:
    """Whether a Streamlit server answers its health check at ``url``."""
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as response:
            return response.status == 200
    except OSError:
        return False


def stop(process: subprocess.Popen) -> None:
    """Terminate ``process`` and wait for it; kill it if it does not stop in 10 s."""
    if process.poll() is not None:
        return
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait(timeout=10)


def _log_tail(log_path: Path) -> str:
    return log_path.read_text(errors="replace")[-3000:] if log_path.exists() else "(no log)"


@contextmanager
def chromium(playwright, log_path: Path) -> Iterator[object]:
    """Headless Debian Chromium for a benchmark run, closed after it. When the run fails, the tail of the dashboard's
    log goes to standard error first: the cause is the server's more often than the browser's."""
    browser = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
    try:
        yield browser
    except Exception:
        print(_log_tail(log_path), file=sys.stderr)
        raise
    finally:
        browser.close()


@contextmanager
def serve(
    data: Path,
    cache: Path,
    log_path: Path,
    *,
    script: Path = APP,
    extra: Sequence[str] = (),
    attempts: int = 3,
    start_timeout_s: float = 120,
) -> Iterator[tuple[str, subprocess.Popen]]:
    """``streamlit run script`` on ``data`` (``NETWORK_DATA``) with its cache in ``cache``, on a free loopback port;
    yields ``(base URL, process)`` and stops the server after.

    Parallel test workers (pytest-xdist) each start their own servers: a port found free can be taken by another
    worker's server before this one binds it, so a server that exits before it is healthy is started again on
    another port (and a health answer counts only while this process runs, never another server on the same port).
    The log (``log_path``) is appended to, so it keeps every attempt."""
    env = {**os.environ, "NETWORK_DATA": str(data), "NETWORK_CACHE_DIR": str(cache)}
    env.pop("NETWORK_MAX_NODES", None)
    for attempt in range(attempts):
        port = free_port()
        url = f"http://127.0.0.1:{port}"
        with log_path.open("ab") as log:
            process = subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "streamlit",
                    "run",
                    str(script),
                    "--server.headless",
                    "true",
                    "--server.address",
                    "127.0.0.1",
                    "--server.port",
                    str(port),
                    "--browser.gatherUsageStats",
                    "false",
                    *extra,
                ],
                cwd=ROOT,
                env=env,
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        try:
            deadline = time.monotonic() + start_timeout_s
            while process.poll() is None and not (healthy(url) and process.poll() is None):
                if time.monotonic() > deadline:
                    raise DashboardStartError(
                        f"{script.name} did not start in {start_timeout_s:.0f} s:\n{_log_tail(log_path)}"
                    )
                time.sleep(0.2)
            if process.poll() is None:
                yield url, process
                return
            if attempt == attempts - 1:
                raise DashboardStartError(f"{script.name} did not start:\n{_log_tail(log_path)}")
        finally:
            stop(process)


def end_of_run(json_path: Path | None, payload: dict) -> None:
    """The end of a benchmark's run: the load average after it, and its figures as JSON when asked for
    (``--json``)."""
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    if json_path:
        json_path.parent.mkdir(parents=True, exist_ok=True)
        json_path.write_text(json.dumps(payload, indent=2))
