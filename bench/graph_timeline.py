"""Where the first graph's time goes: a timeline of one Explore link in the dashboard and in the naive app
(``bench/naive_app.py``), from Chromium's own clock, to find the critical path (docs/performance.md, "Graph in the
dashboard").

    python bench/graph_timeline.py [--data data] [--focus reves] [--repeat 3] [--unrouted]
                                   [--tree OTHER_CHECKOUT] [--env NAME=VALUE] [--dump FILE.json]

For each visit (fresh browser context, every server warmed by one visit first, the apps alternating) it prints the
medians, in milliseconds from the navigation's start: the page's HTML, Streamlit's bundle (the last of its first
scripts), the websocket's first message and the last before the graph was drawn, the script chunks fetched after
the first message (how many, how large, the last one's end), the component's assets (``vis-network.min.js``,
``graph.js``), the first contentful paint, the page's performance marks (Streamlit's ``running`` /
``notRunning``; ``ng-component`` when the component's code first runs, ``ng-loaded`` when vis-network and
``graph.js`` have run, ``ng-draw`` when ``graph.js`` starts drawing), the main thread's long tasks (their sum), the CPU time the server process and the browser's processes
used for the visit, and the first complete draw of the graph (``__networkReadyAt``; the naive app's in its frame,
converted to the page's clock). ``--tree`` adds another checkout (bench_graph_ui.tree_server), ``--env`` the
dashboard with an environment variable set (for experiments), ``--unrouted`` each visit again without Playwright's
request router (bench_graph_ui.UNROUTED_ARGS).
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
from contextlib import ExitStack
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from bench_graph_ui import UNROUTED_ARGS, _context, tree_server  # noqa: E402 - bench/ is on the path only now
from dashboard_server import CHROMIUM, serve  # noqa: E402
from dashboard_server import CHROMIUM_ARGS as ARGS  # noqa: E402

#: Before any page script: the websocket's messages and the long tasks, on the page's clock.
RECORD = """(() => {
  window.__ws = []; window.__long = [];
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new Native(...args);
    ws.addEventListener("message", (e) => {
      const size = e.data && (e.data.byteLength !== undefined ? e.data.byteLength : (e.data.size || e.data.length));
      window.__ws.push([performance.now(), size || 0]);
    });
    return ws;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
  try {
    new PerformanceObserver((list) => list.getEntries().forEach((e) => window.__long.push([e.startTime, e.duration])))
      .observe({type: "longtask", buffered: true});
  } catch (e) {}
  if (window === window.top) { return; }
  // In the naive app's frame: the first complete draw, on the top page's clock.
  (function wait() {
    const n = window.network;
    if (!n) { setTimeout(wait, 5); return; }
    n.once("afterDrawing", () => {
      window.top.__networkReadyAt = performance.timeOrigin + performance.now() - window.top.performance.timeOrigin;
    });
  })();
})();"""

COLLECT = """() => {
  const nav = performance.getEntriesByType("navigation")[0];
  const res = performance.getEntriesByType("resource").map((e) => [e.name, e.startTime, e.responseEnd,
    e.transferSize, e.initiatorType]);
  const fcp = performance.getEntriesByName("first-contentful-paint")[0];
  return {html: nav ? nav.responseEnd : null, dcl: nav ? nav.domContentLoadedEventEnd : null,
    res, ws: window.__ws, marks: performance.getEntriesByType("mark").map((m) => [m.name, m.startTime]), long: window.__long, fcp: fcp ? fcp.startTime : null, ready: window.__networkReadyAt};
}"""


def _cpu_s(pid: int) -> float:
    """The server process's CPU time (user + system) so far, from /proc."""
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _browser_cpu_s() -> dict[int, float]:
    """The CPU time (user + system) of every Chromium process started from this one, so far, by process id."""
    found = {}
    for child in psutil.Process().children(recursive=True):
        try:
            if "chrom" in child.name():
                times = child.cpu_times()
                found[child.pid] = times.user + times.system
        except psutil.Error:
            pass
    return found


def _visit(browser, url: str, pid: int, routed: bool = True) -> dict:
    """One visit. ``routed``: every request passes Playwright's router (as in bench_graph_ui.py, which aborts any
    request off this machine); otherwise the browser was started so it resolves no other host."""
    context = _context(browser) if routed else browser.new_context(viewport={"width": 1280, "height": 720})
    cpu, browser_cpu = _cpu_s(pid), _browser_cpu_s()
    try:
        context.add_init_script(RECORD)
        page = context.new_page()
        page.goto(url)
        page.wait_for_function("window.__networkReadyAt !== undefined", timeout=300_000, polling=10)
        after = _browser_cpu_s()  # (a process that ended meanwhile is left out; a new one counts in full)
        server_cpu = _cpu_s(pid) - cpu
        browser_cpu = sum(used - browser_cpu.get(child, 0.0) for child, used in after.items())
        page.wait_for_timeout(300)
        return {**page.evaluate(COLLECT), "server_cpu": server_cpu * 1000, "browser_cpu": browser_cpu * 1000}
    finally:
        context.close()


def _summary(raw: dict) -> dict[str, float]:
    ws = raw["ws"]
    first_ws = ws[0][0] if ws else float("nan")
    res = raw["res"]
    scripts = [r for r in res if r[0].endswith(".js") or ".js?" in r[0]]
    bundle = [r for r in scripts if r[1] < first_ws]
    later = [r for r in scripts if r[1] >= first_ws and "app/static" not in r[0]]
    assets = {name: r for r in res for name in ("vis-network", "graph.js") if name in r[0]}
    ready = raw["ready"]
    # the first run's messages: those before the first chunk fetched after the first message (or all up to ready)
    out = {
        "html": raw["html"],
        "bundle_n": len(bundle),
        "bundle_end": max((r[2] for r in bundle), default=float("nan")),
        "ws_first": first_ws,
        "ws_last_before_ready": max((t for t, _ in ws if t <= ready), default=float("nan")),
        "ws_kb_before_ready": sum(s for t, s in ws if t <= ready) / 1000,
        "chunks_after_ws": len(later),
        "chunks_kb": sum(r[3] for r in later) / 1000,
        "chunks_first_start": min((r[1] for r in later), default=float("nan")),
        "chunks_end": max((r[2] for r in later), default=float("nan")),
        "vis_start": assets["vis-network"][1] if "vis-network" in assets else float("nan"),
        "vis_end": assets["vis-network"][2] if "vis-network" in assets else float("nan"),
        "graphjs_end": assets["graph.js"][2] if "graph.js" in assets else float("nan"),
        "fcp": raw["fcp"] or float("nan"),
        **{name: at for name, at in reversed(raw.get("marks", []))},  # each mark's first time
        "long_ms": sum(d for s, d in raw["long"] if s < ready),
        "server_cpu_ms": raw["server_cpu"],
        "browser_cpu_ms": raw["browser_cpu"],
        "ready": ready,
    }
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(ROOT / "data"))
    parser.add_argument("--focus", default="reves")
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--tree", action="append", default=[], help="also another checkout of the project")
    parser.add_argument("--env", action="append", default=[], help="also the dashboard with NAME=VALUE set")
    parser.add_argument(
        "--unrouted", action="store_true", help="also each visit without Playwright's request router (see _visit)"
    )
    parser.add_argument("--dump", help="write every visit's raw timeline (JSON) here")
    args = parser.parse_args()
    os.environ["NETWORK_DATA"] = str(Path(args.data).resolve())
    from playwright.sync_api import sync_playwright

    work = ROOT / "bench" / "out"
    work.mkdir(parents=True, exist_ok=True)
    data = Path(args.data).resolve()
    load_before = os.getloadavg()[0]
    with ExitStack() as stack:
        urls = {}
        app, process = stack.enter_context(serve(data, work / "cache-network_app", work / "streamlit-network_app.log"))
        urls["dashboard"] = (f"{app}/explore?focus={args.focus}", process.pid)
        for tree in args.tree:  # another checkout (say, the code before a change), served from its own folder
            other = tree_server(Path(tree).resolve())
            app, process = stack.enter_context(
                other.serve(data, work / f"cache-{Path(tree).name}", work / f"streamlit-{Path(tree).name}.log")
            )
            urls[Path(tree).name] = (f"{app}/explore?focus={args.focus}", process.pid)
        for variant in args.env:  # the dashboard with NAME=VALUE in its environment (experiments)
            name, value = variant.split("=", 1)
            os.environ[name] = value
            try:
                app, process = stack.enter_context(
                    serve(data, work / f"cache-{value}", work / f"streamlit-{value}.log")
                )
            finally:
                del os.environ[name]
            urls[value] = (f"{app}/explore?focus={args.focus}", process.pid)
        naive, process = stack.enter_context(
            serve(
                data,
                work / "cache-naive_app",
                work / "streamlit-naive_app.log",
                script=ROOT / "bench" / "naive_app.py",
                extra=["--", str(data)],
            )
        )
        urls["naive"] = (f"{naive}/?focus={args.focus}", process.pid)
        playwright = stack.enter_context(sync_playwright())
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS, headless=True)
        unrouted = None
        if args.unrouted:  # the same visits without Playwright's router: no other host resolves at all
            unrouted = playwright.chromium.launch(
                executable_path=CHROMIUM,
                args=[*ARGS, *UNROUTED_ARGS],
                headless=True,
            )
        for url, pid in urls.values():
            _visit(browser, url, pid)  # warm every server
        raw: dict[str, list[dict]] = {name: [] for name in urls}
        if unrouted:
            raw.update({f"{name}, unrouted": [] for name in urls})
        for _ in range(args.repeat):  # alternate, so all see the same machine load
            for name, (url, pid) in urls.items():
                raw[name].append(_visit(browser, url, pid))
                if unrouted:
                    raw[f"{name}, unrouted"].append(_visit(unrouted, url, pid, routed=False))
        browser.close()
    load_after = os.getloadavg()[0]
    print(f"load average {load_before:.1f} before, {load_after:.1f} after; medians of {args.repeat}, ms\n")
    if args.dump:
        Path(args.dump).write_text(json.dumps(raw, indent=1), encoding="utf-8")
    rows = {name: [_summary(r) for r in visits] for name, visits in raw.items()}
    keys = list(dict.fromkeys(key for runs in rows.values() for r in runs for key in r))
    print("| moment | " + " | ".join(rows) + " |\n|---|" + "---:|" * len(rows))
    for key in keys:
        cells = [
            f"{statistics.median(r.get(key, float('nan')) for r in runs):.0f}" if key in runs[0] else ""
            for runs in rows.values()
        ]
        print(f"| {key} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
