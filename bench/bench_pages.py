"""How quickly each dashboard page settles in a real browser on a real-sized directory, and the server's memory.

    python bench/bench_pages.py                       # generates 60,000 organisations / 200,000 relations once
    python bench/bench_pages.py --data FOLDER         # an existing directory instead
    python bench/bench_pages.py --label before --json bench/out/pages-before.json

It starts ``streamlit run network_app.py`` on a free loopback port with ``NETWORK_DATA`` pointing at the directory
and an empty cache folder, drives headless Chromium (``/usr/bin/chromium --no-sandbox``) with Playwright and
measures, from the click (or the navigation) until the page has *settled*: the page's title is drawn, the script
has finished (the app's ``data-test-script-state`` is ``notRunning``; the status widget shows "Running" only after
a delay, so a page could look done while its script still worked), no skeleton is left, and that has held for
``--quiet`` seconds (the quiet time is not counted):

- **first load**: opening the dashboard in a new tab with an empty cache folder (reads, validates, builds);
- every other page, in menu order, then back to the first, by clicking its link in the sidebar (one session, as
  a user would); for Explore also its **whole page** (graph drawn, controls there): its landing is two runs, the
  graph and then the controls once the browser has drawn it, and the rule above ends after the first when the
  browser's report comes more than ``--quiet`` after it, after the second otherwise;
- **first load, warm**: a second server on the same cache folder, a new tab (the disk cache is used);
- **server start**, for both servers: from starting the process until its health check answers, with the CPU it
  used until then (the server prepares the first visit before it answers: ``ui/server.py``);
- with each, the CPU time the server used meanwhile (/proc: user + system), which a busy machine inflates less;
- the server's peak resident memory (``VmHWM`` of the streamlit process, from /proc) after all the pages;
- the preparations after the first load (``ui/partner_warmup.py``, a process of the server's): how long they took from
  the process's start to its end, its CPU time and peak memory (read from /proc every 0.1 s while it runs, so the
  CPU may be short by up to 0.1 s). With ``--wait-warmup`` the pages are visited only once it has ended (a user who
  opens them a minute later); without it right after the first load, and a page that shows the preparations'
  progress when it settles is marked so, with the time until its content replaced the progress ("until ready").

Why a browser and not AppTest: the issue's figures are what a person waits for, which includes sending the page
over the websocket and drawing it (a 60,000-row table costs more in the browser than in Python).
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import subprocess
import sys
import tempfile
import threading
import time
import tomllib
from contextlib import ExitStack
from pathlib import Path
from typing import Self

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from dashboard_server import chromium, serve  # noqa: E402 - bench/ is on the path only now

#: The pages in menu order (``ui.app.PAGES``), with the catalogue key of the title each one draws.
PAGES = [
    ("overview", "overview.title"),
    ("explore", "explore.title"),
    ("directory", "directory.title"),
    ("connections", "connections.title"),
    ("partners", "partners.title"),
    ("edit", "page.edit"),
    ("import", "page.import"),
    ("insights", "insights.title"),
    ("map", "map.title"),
    ("matches", "page.matches"),
    ("problems", "problems.title"),
]
SETTLED_JS = """([title]) => {
    const app = document.querySelector('[data-testid="stApp"]');
    if (!app || app.getAttribute('data-test-script-state') !== 'notRunning') return false;
    const status = document.querySelector('[data-testid="stStatusWidget"]');
    if (status && /Running|Kör/.test(status.innerText)) return false;
    if (document.querySelector('[data-testid="stSkeleton"]')) return false;
    return [...document.querySelectorAll('h1')].some(h => h.innerText.trim() === title);
}"""


def _peak_rss_mb(pid: int) -> float:
    """The process's peak resident set (VmHWM), in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1]) / 1024
    return float("nan")


def _cpu_s(pid: int) -> float:
    """CPU seconds (user + system, all threads) the process has used: on a shared, busy machine the wall times
    grow with the load, this much less."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _children(pid: int) -> list[int]:
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        try:
            found += [int(c) for c in (task / "children").read_text().split()]
        except OSError:
            pass
    return found


def _warmup_pid(server: int) -> int | None:
    """The server's warm-up process (``python -m ui.partner_warmup``), if one runs."""
    for child in _children(server):
        try:
            if b"ui.partner_warmup" in Path(f"/proc/{child}/cmdline").read_bytes():
                return child
        except OSError:
            pass
    return None


class WarmupWatch(threading.Thread):
    """Follows the server's warm-up process from the first load until it ends: its wall time (from the process's
    own start), CPU time (user + system, last reading before it ended) and peak RSS."""

    def __init__(self, server: int) -> None:
        super().__init__(daemon=True)
        self.server = server
        self.seen = False
        self.wall = self.cpu = self.peak = float("nan")

    def run(self) -> None:
        child, deadline = None, time.monotonic() + 10
        while child is None and time.monotonic() < deadline:  # started at the end of the first page's run
            child = _warmup_pid(self.server)
            time.sleep(0.05)
        if child is None:
            return
        self.seen = True
        ticks = os.sysconf("SC_CLK_TCK")
        try:
            fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
            began = float(fields[19]) / ticks  # seconds after boot
        except OSError:
            return
        while True:
            try:
                fields = Path(f"/proc/{child}/stat").read_text().rsplit(")", 1)[1].split()
                if fields[0] == "Z":  # ended, not yet reaped by the server
                    break
                self.cpu = (int(fields[11]) + int(fields[12])) / ticks
                self.peak = _peak_rss_mb(child)
            except (OSError, ValueError):
                break
            time.sleep(0.1)
        self.wall = float(Path("/proc/uptime").read_text().split()[0]) - began


PROGRESS_JS = "() => !!document.querySelector('[data-testid=\"stProgress\"]')"
#: Explore's whole page: its graph drawn and the focus picker there (the landing sends the controls only in the run
#: the graph's drawing asks for).
WHOLE_EXPLORE_JS = """() => window.__networkReady === true
    && !!document.querySelector('[data-testid="stMain"] [data-testid="stSelectbox"]')"""


def _rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return float("nan")


class Server:
    """``streamlit run network_app.py`` on a free loopback port (a context manager; the start is
    ``dashboard_server.serve``, shared with the browser tests)."""

    def __init__(self, data: Path, cache: Path, log: Path) -> None:
        self.data, self.cache, self.log = data, cache, log
        self.url = ""
        self.process: subprocess.Popen | None = None
        self._serving: ExitStack | None = None
        #: Seconds from starting the process until its health check answered, and the CPU it used until then.
        self.start_s = self.start_cpu_s = float("nan")

    def __enter__(self) -> Self:
        self._serving = ExitStack()
        started = time.perf_counter()
        self.url, self.process = self._serving.enter_context(serve(self.data, self.cache, self.log))
        self.start_s = time.perf_counter() - started
        self.start_cpu_s = _cpu_s(self.process.pid)
        return self

    def __exit__(self, *exc: object) -> None:
        assert self._serving is not None
        self._serving.close()


def _settle(page, title: str, started: float, quiet: float, timeout: float) -> float:
    """Seconds from ``started`` until the page shows ``title`` and has stopped running for ``quiet`` seconds."""
    deadline = started + timeout
    while True:
        remaining = max(0.1, deadline - time.perf_counter())
        page.wait_for_function(SETTLED_JS, arg=[title], timeout=remaining * 1000, polling=50)
        settled = time.perf_counter()
        if time.perf_counter() > deadline:
            raise TimeoutError(title)
        still = True
        while time.perf_counter() - settled < quiet:
            time.sleep(0.05)
            if not page.evaluate(SETTLED_JS, [title]):
                still = False
                break
        if still:
            return settled - started


def _whole_explore(
    page, title: str, started: float, cpu: float, pid: int, quiet: float, timeout: float, results: dict[str, float]
) -> str:
    """Explore's whole page, after the rule's figure: the landing sends the graph, and the controls only in the run
    the browser's report of its drawing causes. When that report comes within ``--quiet`` of the landing's end the
    rule's figure is the whole page; later, it is the landing alone (the graph not yet drawn). Which one depends on
    the browser's speed, not the page's, so the whole page is measured too (docs/performance.md, "Explore after the
    warm-up")."""
    whole = bool(page.evaluate(WHOLE_EXPLORE_JS))
    results["explore, rule ended at the landing (1 = yes)"] = float(not whole)
    if whole:
        results["explore, whole page"] = results["explore"]
        results["explore, whole page, server CPU"] = results["explore, server CPU"]
    else:
        page.wait_for_function(WHOLE_EXPLORE_JS, timeout=timeout * 1000, polling=50)
        results["explore, whole page"] = _settle(page, title, started, quiet, timeout)
        results["explore, whole page, server CPU"] = _cpu_s(pid) - cpu
    return (
        f"; whole page {results['explore, whole page']:.2f} s, server CPU "
        f"{results['explore, whole page, server CPU']:.2f} s" + ("" if whole else " (the rule ended at the landing)")
    )


def _edit_form(page, data: Path, title: str, pid: int, quiet: float, timeout: float, results: dict[str, float]) -> str:
    """Edit's first form, right after the page: the page shows the picker from the loaded directory, and this is
    the step that reads the raw tables (``ui.edit_support.DeferredSnapshot``). It searches for the directory's
    second organisation (the first is the home organisation, which other steps may have opened)."""
    with (data / "organisations.csv").open(encoding="utf-8-sig", newline="") as file:
        rows = csv.DictReader(file)
        next(rows)
        query = next(rows)["name"]
    box = page.locator(".st-key-edit-entity-organisation-q input")
    started, cpu = time.perf_counter(), _cpu_s(pid)
    box.fill(query)
    box.press("Enter")
    page.get_by_test_id("stForm").first.wait_for(timeout=timeout * 1000)
    results["edit, a form opened"] = _settle(page, title, started, quiet, timeout)
    results["edit, a form opened, server CPU"] = _cpu_s(pid) - cpu
    return (
        f"; a form opened {results['edit, a form opened']:.2f} s, server CPU "
        f"{results['edit, a form opened, server CPU']:.2f} s"
    )


def _nav_link(page, name: str):
    """The sidebar link to a page (the default page's link is the app's root)."""
    if name == PAGES[0][0]:
        return page.locator('[data-testid="stSidebarNav"] a').first
    return page.locator(f'[data-testid="stSidebarNav"] a[href$="/{name}"]')


def _titles() -> dict[str, str]:
    catalogue = tomllib.loads((ROOT / "ui" / "locales" / "sv.toml").read_text(encoding="utf-8"))
    return {name: catalogue[key] for name, key in PAGES}


def measure(data: Path, quiet: float, timeout: float, pages: list[str], wait_warmup: bool = False) -> dict[str, float]:
    """One run: returns {label: seconds or MB}."""
    from playwright.sync_api import sync_playwright

    titles = _titles()
    results: dict[str, float] = {}
    with tempfile.TemporaryDirectory(prefix="bench-pages-") as work, sync_playwright() as playwright:
        cache, log = Path(work) / "cache", Path(work) / "streamlit.log"
        with chromium(playwright, log) as browser:
            with Server(data, cache, log) as server:
                pid = server.process.pid  # type: ignore[union-attr]
                results["server start, empty cache (until healthy)"] = server.start_s
                results["server start, empty cache, server CPU"] = server.start_cpu_s
                results["server idle RSS (MB)"] = _rss_mb(pid)
                print(f"  server start {server.start_s:6.2f} s, server CPU {server.start_cpu_s:5.2f} s", flush=True)
                context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
                page = context.new_page()
                started, cpu = time.perf_counter(), _cpu_s(pid)
                page.goto(server.url + "/")
                results["first load (cold cache)"] = _settle(page, titles["overview"], started, quiet, timeout)
                results["first load (cold cache), server CPU"] = _cpu_s(pid) - cpu
                results["RSS after first load (MB)"] = _rss_mb(pid)
                print(
                    f"  first load   {results['first load (cold cache)']:6.2f} s, server CPU "
                    f"{results['first load (cold cache), server CPU']:5.2f} s  (RSS {_rss_mb(pid):5.0f} MB)",
                    flush=True,
                )
                watch = WarmupWatch(pid)
                watch.start()
                if wait_warmup:
                    watch.join()
                    results["server CPU while the preparations ran"] = (
                        _cpu_s(pid) - cpu - results["first load (cold cache), server CPU"]
                    )
                    print(
                        f"  preparations {watch.wall:6.2f} s, their CPU {watch.cpu:5.2f} s (peak RSS "
                        f"{watch.peak:5.0f} MB); the pages are visited now",
                        flush=True,
                    )
                # the first page is open already: visit the others, then come back to it
                for name in pages[1:] + pages[:1]:
                    started, cpu = time.perf_counter(), _cpu_s(pid)
                    _nav_link(page, name).click()
                    results[name] = _settle(page, titles[name], started, quiet, timeout)
                    results[f"{name}, server CPU"] = _cpu_s(pid) - cpu
                    note = ""
                    if name == "explore":  # two runs: the rule above may end after the landing's, or the second's
                        note = _whole_explore(page, titles[name], started, cpu, pid, quiet, timeout, results)
                    if name == "edit":
                        note = _edit_form(page, data, titles[name], pid, quiet, timeout, results)
                    if page.evaluate(PROGRESS_JS):  # settled showing the preparations' progress, not its content
                        results[f"{name}, showed progress (1 = yes)"] = 1.0
                        page.wait_for_function(
                            f"() => !({PROGRESS_JS.removeprefix('() => ')})", timeout=timeout * 1000, polling=100
                        )
                        results[f"{name}, until ready"] = _settle(page, titles[name], started, quiet, timeout)
                        results[f"{name}, until ready, server CPU"] = _cpu_s(pid) - cpu
                        note += (
                            f"; showed progress, ready after {results[f'{name}, until ready']:.2f} s, server CPU "
                            f"{results[f'{name}, until ready, server CPU']:.2f} s"
                        )
                    print(
                        f"  {name:<12} {results[name]:6.2f} s, server CPU {results[f'{name}, server CPU']:5.2f} s"
                        f"  (RSS {_rss_mb(pid):5.0f} MB){note}",
                        flush=True,
                    )
                watch.join()
                if watch.seen:
                    results["preparations after the first load (warm-up process), wall"] = watch.wall
                    results["preparations, their CPU"] = watch.cpu
                    results["preparations, peak RSS (MB)"] = watch.peak
                results["server peak RSS (MB)"] = _peak_rss_mb(pid)
                results["server RSS at the end (MB)"] = _rss_mb(pid)
                context.close()
            with Server(data, cache, log) as server:
                context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
                page = context.new_page()
                pid = server.process.pid  # type: ignore[union-attr]
                results["server start, warm cache (until healthy)"] = server.start_s
                results["server start, warm cache, server CPU"] = server.start_cpu_s
                started, cpu = time.perf_counter(), _cpu_s(pid)
                page.goto(server.url + "/")
                results["first load (warm cache, new server)"] = _settle(
                    page, titles["overview"], started, quiet, timeout
                )
                results["first load (warm cache, new server), server CPU"] = _cpu_s(pid) - cpu
                results["peak RSS, warm start (MB)"] = _peak_rss_mb(pid)
                results["warm start started preparations (1 = yes)"] = float(_warmup_pid(pid) is not None)
                context.close()
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, help="an existing directory (default: generate 60,000 / 200,000)")
    parser.add_argument("--orgs", type=int, default=60_000)
    parser.add_argument("--relations", type=int, default=200_000)
    parser.add_argument("--quiet", type=float, default=0.5, help="seconds the page must stay settled (default 0.5)")
    parser.add_argument("--timeout", type=float, default=900, help="seconds before a page counts as stuck")
    parser.add_argument("--pages", default=",".join(name for name, _ in PAGES), help="comma-separated page names")
    parser.add_argument("--label", default="", help="a name for this run in the output")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument(
        "--wait-warmup",
        action="store_true",
        help="visit the pages only once the preparations after the first load have ended (default: at once)",
    )
    args = parser.parse_args(argv)
    data = args.data
    if data is None:
        data = ROOT / "bench" / "out" / f"pages-{args.orgs}-{args.relations}"
        if not (data / "relations.csv").exists():
            from generate import generate  # bench/generate.py, next to this file

            generate(data, args.orgs, args.orgs // 5, args.orgs // 10, args.relations)
    pages = [name.strip() for name in args.pages.split(",") if name.strip()]
    when = "once the preparations have ended" if args.wait_warmup else "right after the first load"
    print(f"{args.label or 'run'}: {data}, pages {when} (load average {os.getloadavg()[0]:.1f})", flush=True)
    results = measure(data, args.quiet, args.timeout, pages, args.wait_warmup)
    width = max(len(label) for label in results)
    print(f"\n{'step':<{width}}  {args.label or 'value':>10}")
    for label, value in results.items():
        unit = "" if "MB" in label or "1 = yes" in label else " s"
        print(f"{label:<{width}}  {value:8.2f}{unit}")
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(
            json.dumps(
                {"label": args.label, "data": str(data), "wait_warmup": args.wait_warmup, "results": results}, indent=2
            )
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
