"""Where a page's wall time goes: the server, the websocket messages, or the browser's main thread.

    python bench/page_split.py --data bench/out/pages-60000-200000 --pages overview,explore,directory,insights
    python bench/page_split.py --data D --pages overview,explore,directory --idle 3 --json out.json

The same server, browser and clicks as ``bench/bench_pages.py`` (its ``Server``, ``_settle`` and sidebar links; an
empty cache folder, the first load, then each page by its sidebar link), and for every step, from the click until the
page has settled:

- **wall**: as ``bench_pages.py`` measures it (the quiet time after settling not counted); for Explore also when
  its graph was drawn and when the whole page (the controls, which the landing sends once the graph is drawn) had
  settled: ``bench_pages.py``'s settling can come between the landing's run and that one;
- **server CPU**: the streamlit process's user + system seconds meanwhile (/proc);
- **last message**: when the last websocket frame from the server before the page settled arrived, seconds after
  the click (Chromium's own clock: CDP ``Network.webSocketFrameReceived`` timestamps against
  ``Performance.getMetrics``' ``Timestamp``), and the bytes of those frames (binary frames at their decoded size);
- **browser**: Chromium's main-thread time meanwhile (CDP ``Performance.getMetrics``: ``TaskDuration``, and of it
  ``ScriptDuration``, ``LayoutDuration`` and ``RecalcStyleDuration``), the long tasks (> 50 ms, a
  ``PerformanceObserver``) and the script files fetched;
- **idle after**: the main thread's time in ``--idle`` seconds after the page settled, doing nothing (a page that
  keeps the browser busy, e.g. a graph still working, slows the next one).

A diagnostic, not a test: the figures go to ``docs/performance.md`` with the load they were taken at.
"""

from __future__ import annotations

import argparse
import base64
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_pages import Server, _cpu_s, _nav_link, _settle, _titles  # noqa: E402 - bench/ is on the path only now
from dashboard_server import chromium, end_of_run  # noqa: E402

LONG_TASKS_JS = """
window.__longTasks = [];
try {
  new PerformanceObserver((list) => {
    for (const e of list.getEntries()) window.__longTasks.push([e.startTime, e.duration]);
  }).observe({type: 'longtask', buffered: true});
} catch (e) {}
"""
#: Explore's whole page: its graph drawn and the focus picker (one of the controls the landing leaves out) there.
WHOLE_EXPLORE_JS = """() => window.__networkReady === true
    && !!document.querySelector('[data-testid="stMain"] [data-testid="stSelectbox"]')"""
METRICS = ("TaskDuration", "ScriptDuration", "LayoutDuration", "RecalcStyleDuration")


class Frames:
    """The websocket frames the page received (CDP events): (timestamp, bytes) each."""

    def __init__(self) -> None:
        self.seen: list[tuple[float, int]] = []

    def until(self, moment: float) -> tuple[int, int, float]:
        """(frames, bytes, the last one's timestamp) of those received up to ``moment`` (Chromium's clock)."""
        got = [(when, size) for when, size in self.seen if when <= moment]
        return len(got), sum(size for _, size in got), max((when for when, _ in got), default=0.0)

    def on_frame(self, event: dict) -> None:
        response = event.get("response", {})
        payload = response.get("payloadData", "")
        if response.get("opcode") == 2:  # binary: base64 in the event
            size = len(base64.b64decode(payload)) if payload else 0
        else:
            size = len(payload.encode("utf-8"))
        self.seen.append((float(event.get("timestamp", 0.0)), size))


def _metrics(cdp) -> dict[str, float]:
    return {m["name"]: m["value"] for m in cdp.send("Performance.getMetrics")["metrics"]}


def _step(
    page, cdp, frames: Frames, pid: int, action, title: str, quiet: float, timeout: float, idle: float, graph: bool
):
    """Run ``action`` (a click or a navigation) and measure until the page with ``title`` has settled (``graph``:
    also until its graph is drawn and the controls are there: "graph drawn", "whole page"; the browser and
    websocket figures then run to the whole page)."""
    before = _metrics(cdp)
    frames.seen.clear()
    tasks_before = page.evaluate("() => (window.__longTasks || []).length")
    resources_before = page.evaluate("() => performance.getEntriesByType('resource').length")
    clicked = page.evaluate("() => performance.now()")
    started, cpu = time.perf_counter(), _cpu_s(pid)
    action()
    wall = _settle(page, title, started, quiet, timeout)
    server_cpu = _cpu_s(pid) - cpu
    whole = {}
    if graph:  # Explore: the graph drawn, and its controls come in the run the drawing asks for (the landing)
        page.wait_for_function(WHOLE_EXPLORE_JS, timeout=timeout * 1000, polling=50)
        whole["graph drawn"] = (page.evaluate("() => window.__networkReadyAt") - clicked) / 1000
        whole["whole page"] = _settle(page, title, started, quiet, timeout)
        whole["whole page, server CPU"] = _cpu_s(pid) - cpu
    after = _metrics(cdp)
    settled = whole.get("whole page", wall)
    count, size, last = frames.until(before["Timestamp"] + settled + 0.05)  # up to the moment it settled
    row = {
        "wall": wall,
        "server CPU": server_cpu,
        "last message": (last - before["Timestamp"]) if last else float("nan"),
        "ws kB": size / 1000,
        "ws frames": count,
    }
    row.update(whole)
    for name in METRICS:
        row[f"browser {name.removesuffix('Duration').lower()}"] = after[name] - before[name]
    tasks = page.evaluate("(n) => (window.__longTasks || []).slice(n)", tasks_before)
    row["long tasks"] = len(tasks)
    row["longest task"] = max((d for _, d in tasks), default=0.0) / 1000
    row["script files"] = page.evaluate(
        "(n) => performance.getEntriesByType('resource').slice(n).filter(e => /\\.js(\\?|$)/.test(e.name)).length",
        resources_before,
    )
    if idle:
        quiet_before = _metrics(cdp)
        time.sleep(idle)
        row["idle after, browser task"] = _metrics(cdp)["TaskDuration"] - quiet_before["TaskDuration"]
    row["graph alive"] = float(bool(page.evaluate("() => !!window.__network")))
    return row


def measure(data: Path, pages: list[str], quiet: float, timeout: float, idle: float) -> dict[str, dict[str, float]]:
    from playwright.sync_api import sync_playwright

    titles = _titles()
    rows: dict[str, dict[str, float]] = {}
    with tempfile.TemporaryDirectory(prefix="page-split-") as work, sync_playwright() as playwright:
        cache, log = Path(work) / "cache", Path(work) / "streamlit.log"
        with chromium(playwright, log) as browser:
            with Server(data, cache, log) as server:
                pid = server.process.pid  # type: ignore[union-attr]
                context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
                context.add_init_script(LONG_TASKS_JS)
                page = context.new_page()
                cdp = context.new_cdp_session(page)
                cdp.send("Performance.enable", {"timeDomain": "timeTicks"})
                cdp.send("Network.enable")
                frames = Frames()
                cdp.on("Network.webSocketFrameReceived", frames.on_frame)
                steps = [("first load", pages[0], lambda: page.goto(server.url + "/"))]
                steps += [(name, name, (lambda n=name: _nav_link(page, n).click())) for name in pages[1:] + pages[:1]]
                for label, name, action in steps:
                    row = _step(page, cdp, frames, pid, action, titles[name], quiet, timeout, idle, name == "explore")
                    rows[label] = row
                    print(f"  {label:<11} " + ", ".join(f"{k} {v:.2f}" for k, v in row.items()), flush=True)
                context.close()
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--pages", default="overview,explore,directory,insights")
    parser.add_argument("--quiet", type=float, default=0.5)
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--idle", type=float, default=2.0, help="seconds to watch the idle browser after each page")
    parser.add_argument("--label", default="")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    pages = [p.strip() for p in args.pages.split(",") if p.strip()]
    print(f"{args.label or 'run'}: {args.data} (load average {os.getloadavg()[0]:.1f})", flush=True)
    rows = measure(args.data, pages, args.quiet, args.timeout, args.idle)
    end_of_run(args.json, {"label": args.label, "rows": rows})
    return 0


if __name__ == "__main__":
    sys.exit(main())
