"""Where the warm first load goes: the browser's script files (which, how big, when), its main thread, the server.

    python bench/first_load_split.py --data bench/out/pages-60000-200000 --repeat 3
    python bench/first_load_split.py --data D --repeat 3 --json out.json --label after

One server on an empty cache folder fills it (its start prepares the first visit, ``ui/server.py``) and is stopped
before any page is opened; then, ``--repeat`` times, a new server on that warm cache and a new browser context open
the dashboard's root, as ``bench/bench_pages.py``'s "first load, warm cache, new server" does (its ``Server`` and
``_settle``), and for each load:

- **wall** until Overview has settled (``_settle``: the quiet time not counted), the server's CPU meanwhile, and
  the CPU of all Chromium's processes (/proc, user + system) meanwhile (the quiet time of ``_settle`` included);
- **DOMContentLoaded**, and when the first websocket message arrived (Chromium's clock, CDP);
- the browser's main thread (CDP ``Performance.getMetrics``: task, script, layout, style seconds) and its long tasks;
- every script file fetched (Resource Timing): how many, their decoded bytes, and those fetched *after*
  ``DOMContentLoaded`` — the frontend's lazily loaded chunks the page's elements asked for (the data grid,
  charts, ...), each with its size and when it arrived; ``--chunks`` prints them;
- ``--profile``: V8's sampling CPU profile of the load (1 ms), its self time summed by script file and by function
  (the 40 largest), to see whose code the main thread ran.

A diagnostic, not a test: figures go to ``docs/performance.md`` with the load they were taken at.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from bench_pages import Server, _children, _cpu_s, _settle, _titles  # noqa: E402 - bench/ is on the path only now
from dashboard_server import chromium, end_of_run  # noqa: E402
from page_split import LONG_TASKS_JS, METRICS, _metrics  # noqa: E402

RESOURCES_JS = """() => {
    const dcl = performance.getEntriesByType('navigation')[0].domContentLoadedEventEnd;
    return [dcl, performance.getEntriesByType('resource')
        .filter(e => /\\.js(\\?|$)/.test(e.name))
        .map(e => [e.name.split('/').pop(), e.decodedBodySize, e.startTime, e.responseEnd])];
}"""


def _browser_cpu_s() -> float:
    """CPU seconds used so far by this process's Chromium processes (the browser, its renderers and helpers): the
    browser's work, which a busy machine inflates much less than its wall time."""
    total, queue = 0.0, _children(os.getpid())
    while queue:
        pid = queue.pop()
        try:
            queue += _children(pid)
            if Path(f"/proc/{pid}/comm").read_text().startswith("chrom"):
                total += _cpu_s(pid)
        except OSError:
            pass  # ended meanwhile
    return total


def _by_file(profile: dict) -> dict[str, float]:
    """Seconds of a V8 CPU profile (CDP ``Profiler.stop``) by the script file of each sample's function (self
    time), and by ``file:function`` for the heaviest functions."""
    nodes = {node["id"]: node for node in profile["nodes"]}
    deltas = profile.get("timeDeltas", [])
    totals: dict[str, float] = {}
    for sample, delta in zip(profile.get("samples", []), deltas[1:] + [0]):
        frame = nodes[sample]["callFrame"]
        name = frame.get("url", "").split("/")[-1].split("?")[0] or frame.get("functionName") or "(other)"
        function = f"{name}:{frame.get('functionName') or '(anonymous)'}"
        totals[name] = totals.get(name, 0.0) + delta / 1e6
        totals["fn " + function] = totals.get("fn " + function, 0.0) + delta / 1e6
    return totals


def _load(
    browser, data: Path, cache: Path, log: Path, title: str, quiet: float, timeout: float, profile: bool = False
) -> dict:
    """One warm first load in a new server and a new browser context (``profile``: with V8's CPU profiler on)."""
    with Server(data, cache, log) as server:
        pid = server.process.pid  # type: ignore[union-attr]
        context = browser.new_context(viewport={"width": 1400, "height": 1000}, service_workers="block")
        context.add_init_script(LONG_TASKS_JS)
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Performance.enable", {"timeDomain": "timeTicks"})
        cdp.send("Network.enable")
        first_frame: list[float] = []
        cdp.on("Network.webSocketFrameReceived", lambda e: first_frame or first_frame.append(float(e["timestamp"])))
        if profile:
            cdp.send("Profiler.enable")
            cdp.send("Profiler.setSamplingInterval", {"interval": 1000})
            cdp.send("Profiler.start")
        before = _metrics(cdp)
        started, cpu, browser_cpu = time.perf_counter(), _cpu_s(pid), _browser_cpu_s()
        page.goto(server.url + "/")
        wall = _settle(page, title, started, quiet, timeout)
        server_cpu = _cpu_s(pid) - cpu
        browser_cpu = _browser_cpu_s() - browser_cpu
        after = _metrics(cdp)
        profiled = _by_file(cdp.send("Profiler.stop")["profile"]) if profile else {}
        dcl, scripts = page.evaluate(RESOURCES_JS)
        tasks = page.evaluate("() => window.__longTasks || []")
        elements = page.evaluate("() => document.querySelectorAll('[data-testid=\"stElementContainer\"]').length")
        context.close()
    late = [s for s in scripts if s[2] >= dcl]
    row = {
        "wall": wall,
        "server CPU": server_cpu,
        "browser CPU": browser_cpu,
        "DOMContentLoaded": dcl / 1000,
        "first ws message": (first_frame[0] - before["Timestamp"]) if first_frame else float("nan"),
        "script files": len(scripts),
        "script kB": sum(s[1] for s in scripts) / 1000,
        "late script files": len(late),
        "late script kB": sum(s[1] for s in late) / 1000,
        "long tasks": len(tasks),
        "long tasks s": sum(d for _, d in tasks) / 1000,
        "elements": elements,
    }
    for name in METRICS:
        row[f"browser {name.removesuffix('Duration').lower()}"] = after[name] - before[name]
    row["late chunks"] = [(name, round(size / 1000, 1), round(end / 1000, 2)) for name, size, _, end in late]
    row["profile"] = dict(sorted(profiled.items(), key=lambda kv: -kv[1])[:40])
    return row


def measure(data: Path, repeat: int, quiet: float, timeout: float, chunks: bool, profile: bool = False) -> list[dict]:
    from playwright.sync_api import sync_playwright

    title = _titles()["overview"]
    rows = []
    with tempfile.TemporaryDirectory(prefix="first-load-") as work, sync_playwright() as playwright:
        cache, log = Path(work) / "cache", Path(work) / "streamlit.log"
        with chromium(playwright, log) as browser:
            with Server(data, cache, log) as server:  # fills the cache folder at its start
                print(f"  cache filled: start {server.start_s:.2f} s", flush=True)
            for _ in range(repeat):
                row = _load(browser, data, cache, log, title, quiet, timeout, profile)
                rows.append(row)
                print(
                    "  " + ", ".join(f"{k} {v:.2f}" for k, v in row.items() if isinstance(v, float | int)), flush=True
                )
                if chunks:
                    for name, size, end in row["late chunks"]:
                        print(f"    {name:<40} {size:8.1f} kB  at {end:5.2f} s", flush=True)
                for name, seconds in row["profile"].items():
                    print(f"    {name[:70]:<70} {seconds:6.3f} s", flush=True)
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, required=True)
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--quiet", type=float, default=0.5)
    parser.add_argument("--timeout", type=float, default=300)
    parser.add_argument("--chunks", action="store_true", help="list the script files fetched after DOMContentLoaded")
    parser.add_argument("--profile", action="store_true", help="V8's CPU profile of the load, by script file")
    parser.add_argument("--label", default="")
    parser.add_argument("--json", type=Path)
    args = parser.parse_args(argv)
    print(f"{args.label or 'run'}: {args.data} (load average {os.getloadavg()[0]:.1f})", flush=True)
    rows = measure(args.data, args.repeat, args.quiet, args.timeout, args.chunks, args.profile)
    end_of_run(args.json, {"label": args.label, "rows": rows})
    return 0


if __name__ == "__main__":
    sys.exit(main())
