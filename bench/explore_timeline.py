"""Explore's click, step by step on the page's clock, right after the first load or once the warm-up has ended.

    python bench/explore_timeline.py --data bench/out/pages-60000-200000 [--wait-warmup] [--label X] [--json F]

The same server, browser, first load and sidebar click as ``bench/bench_pages.py --pages overview,explore`` (its
``Server``, ``_settle``, ``WarmupWatch``), and for the Explore click, in ms after it by the page's own clock
(``performance.now``):

- every websocket message in (its size) and out (the browser's rerun requests: the ``drawn`` report is one);
- every change of the app's script state (``data-test-script-state``: ``running`` / ``notRunning``);
- ``ng-component`` (the graph's component code ran), ``ng-draw`` and the first complete draw (``__networkReadyAt``);
- the controls shown (the focus picker's select box, which the landing leaves out until the graph is drawn);
- every file the page fetched (``fetch``: its name and how long it took, at the time it started; a script file
  fetched after the click is element code the page had to wait for);
- when ``bench_pages.py``'s rule saw the page settled, and the server's CPU (/proc) at each 50 ms sample;
- with ``--py-spy FILE``, the server's threads sampled by py-spy (speedscope format) from 1 s before the click.

Why: ``bench_pages.py`` counts a page settled once its script has stopped for 0.5 s with the title shown; Explore's
landing is two runs (the graph, then the controls once the browser has drawn it), so whether that rule ends after
the first run or the second depends on how long the browser takes to draw, not on the page. This shows which.
A diagnostic, not a test.
"""

from __future__ import annotations

import argparse
import json
import os
import signal
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_pages import Server, WarmupWatch, _cpu_s, _nav_link, _settle, _titles  # noqa: E402 - bench/ on the path now
from dashboard_server import chromium  # noqa: E402

#: Before any page script: the page's timeline in ``window.__tl`` ([ms, what, detail]).
TIMELINE_JS = """(() => {
  const tl = (window.__tl = []);
  const note = (what, detail) => tl.push([performance.now(), what, detail === undefined ? "" : String(detail)]);
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new Native(...args);
    ws.addEventListener("message", (e) => {
      const d = e.data;
      note("ws in", d && (d.byteLength !== undefined ? d.byteLength : (d.size !== undefined ? d.size : d.length)));
    });
    const send = ws.send.bind(ws);
    ws.send = (d) => { note("ws out", d && (d.byteLength !== undefined ? d.byteLength : d.length)); return send(d); };
    return ws;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  let state = null, controls = false, skeleton = null;
  const look = () => {
    const app = document.querySelector('[data-testid="stApp"]');
    const now = app && app.getAttribute("data-test-script-state");
    if (now !== state) { state = now; note("script", now); }
    const has = !!document.querySelector('[data-testid="stMain"] [data-testid="stSelectbox"]');
    if (has !== controls) { controls = has; note("controls", has ? "shown" : "gone"); }
    const sk = document.querySelectorAll('[data-testid="stSkeleton"]').length;
    if (sk !== skeleton) { skeleton = sk; note("skeletons", sk); }
  };
  document.addEventListener("DOMContentLoaded", () => new MutationObserver(look).observe(document.documentElement,
    {childList: true, subtree: true, attributes: true, attributeFilter: ["data-test-script-state"]}));
  new PerformanceObserver((list) => list.getEntries().forEach((e) => tl.push([e.startTime, "fetch",
    e.name.split("/").pop().split("?")[0].slice(0, 40) + " " + Math.round(e.responseEnd - e.startTime) + "ms"])))
    .observe({type: "resource"});
  const mark = performance.mark.bind(performance);
  performance.mark = (name, ...rest) => { note("mark", name); return mark(name, ...rest); };
})();"""
WHOLE_JS = """() => window.__networkReady === true
    && !!document.querySelector('[data-testid="stMain"] [data-testid="stSelectbox"]')"""


class CpuSampler(threading.Thread):
    """The server's CPU seconds every ``step`` seconds, with ``time.perf_counter`` (to line up with the click)."""

    def __init__(self, pid: int, step: float = 0.05) -> None:
        super().__init__(daemon=True)
        self.pid, self.step = pid, step
        self.samples: list[tuple[float, float]] = []
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.is_set():
            self.samples.append((time.perf_counter(), _cpu_s(self.pid)))
            time.sleep(self.step)


def measure(data: Path, wait_warmup: bool, quiet: float, timeout: float, py_spy: Path | None = None) -> dict:
    from playwright.sync_api import sync_playwright

    titles = _titles()
    out: dict = {}
    with tempfile.TemporaryDirectory(prefix="explore-tl-") as work, sync_playwright() as playwright:
        cache, log = Path(work) / "cache", Path(work) / "streamlit.log"
        with chromium(playwright, log) as browser, Server(data, cache, log) as server:
            pid = server.process.pid  # type: ignore[union-attr]
            context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
            context.add_init_script(TIMELINE_JS)
            page = context.new_page()
            started = time.perf_counter()
            page.goto(server.url + "/")
            out["first load"] = _settle(page, titles["overview"], started, quiet, timeout)
            watch = WarmupWatch(pid)
            watch.start()
            if wait_warmup:
                watch.join()
                out["warm-up wall"] = watch.wall
            sampler = CpuSampler(pid)
            sampler.start()
            spy = None
            if py_spy is not None:  # the server's threads sampled from now until the page is whole
                spy = subprocess.Popen(
                    [
                        str(Path(sys.executable).parent / "py-spy"),
                        "record",
                        "-p",
                        str(pid),
                        "-o",
                        str(py_spy),
                        "--format",
                        "speedscope",
                        "--threads",
                        "--rate",
                        "200",
                        "--nonblocking",
                    ],
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.DEVNULL,
                )
                spied = time.perf_counter()
                time.sleep(1.0)
            before = page.evaluate("() => window.__tl.length")
            clicked_ms = page.evaluate("() => performance.now()")
            out["click, epoch ms"] = page.evaluate("() => performance.timeOrigin") + clicked_ms
            started, cpu = time.perf_counter(), _cpu_s(pid)
            if spy is not None:
                out["py-spy started before the click"] = started - spied
            _nav_link(page, "explore").click()
            out["settled (bench_pages rule)"] = _settle(page, titles["explore"], started, quiet, timeout)
            out["settled, server CPU"] = _cpu_s(pid) - cpu
            page.wait_for_function(WHOLE_JS, timeout=timeout * 1000, polling=50)
            out["graph drawn (page clock)"] = (page.evaluate("() => window.__networkReadyAt") - clicked_ms) / 1000
            time.sleep(1.0)
            out["server CPU, until 1 s after the whole page"] = _cpu_s(pid) - cpu
            if spy is not None:
                spy.send_signal(signal.SIGINT)
                spy.wait(timeout=60)
            sampler.stop.set()
            sampler.join()
            events = page.evaluate("(n) => window.__tl.slice(n)", before)
            events.sort(key=lambda event: event[0])  # a fetch is noted when it ends, at the time it started
            out["timeline"] = [[round(ms - clicked_ms), what, detail] for ms, what, detail in events]
            out.update(phases(out["timeline"]))
            out["server CPU samples"] = [
                [round((at - started) * 1000), round(used - cpu, 3)] for at, used in sampler.samples if at >= started
            ]
            context.close()
        watch.join(timeout=1)
    return out


def phases(timeline: list) -> dict[str, float]:
    """The landing's steps in seconds after the click, by the page's clock: the landing's run seen ended, the graph
    drawn (``ng-draw`` + its first draw), the ``drawn`` report sent, the second run seen ended, the controls shown,
    and the whole page (the later of the last two and the last skeleton gone)."""
    found: dict[str, float] = {}
    drew = False
    for ms, what, detail in timeline:
        at = ms / 1000
        if what == "script" and detail == "notRunning":
            found.setdefault("landing's run ended", at)
            found["last run ended"] = at
        elif what == "mark" and detail == "ng-draw":
            drew = True
        elif what == "ws out" and drew:
            found.setdefault("drawn report sent", at)
        elif what == "controls" and detail == "shown":
            found.setdefault("controls shown", at)
        elif what == "skeletons" and detail == "0":
            found["last skeleton gone"] = at
    ends = [found[k] for k in ("last run ended", "controls shown", "last skeleton gone") if k in found]
    if ends:
        found["whole page (page clock)"] = max(ends)
    return found


def _print(out: dict) -> None:
    for label, value in out.items():
        if isinstance(value, float):
            print(f"  {label:<28} {value:7.2f} s")
    print("  timeline (ms after the click; server CPU used since the click in brackets):")
    samples = out["server CPU samples"]
    for ms, what, detail in out["timeline"]:
        used = max((c for at, c in samples if at <= ms), default=0.0)
        print(f"    {ms:6d}  {what:<10} {detail:<14} [{used:.2f} s]")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--wait-warmup", action="store_true", help="click Explore once the warm-up has ended")
    parser.add_argument("--quiet", type=float, default=0.5)
    parser.add_argument("--timeout", type=float, default=900)
    parser.add_argument("--label", default="")
    parser.add_argument("--json", type=Path)
    parser.add_argument("--py-spy", type=Path, help="also sample the server with py-spy into this speedscope file")
    args = parser.parse_args(argv)
    when = "once the warm-up has ended" if args.wait_warmup else "right after the first load"
    print(f"{args.label or 'run'}: Explore {when} (load average {os.getloadavg()[0]:.1f})", flush=True)
    out = measure(args.data, args.wait_warmup, args.quiet, args.timeout, args.py_spy)
    _print(out)
    print(f"load average after: {os.getloadavg()[0]:.1f}")
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"label": args.label, "wait_warmup": args.wait_warmup, **out}, indent=2))
    return 0


if __name__ == "__main__":
    sys.exit(main())
