"""The graph in the browser: the dashboard's Explore page against a naive one-file pandas + pyvis app
(``bench/naive_app.py``) on the same data, same machine, same run, measured with Playwright and Debian's Chromium.

    python bench/bench_graph_ui.py [--data data] [--focus reves] [--repeat 5] [--tree OTHER_CHECKOUT] [--unrouted]

- **first graph**: from ``page.goto`` of an Explore link (``/explore?focus=…``; the naive app: ``/?focus=…``) to the
  first complete draw of the canvas (``window.__networkReady``, set on vis-network's ``afterDrawing``), a fresh
  browser context (empty cache) each time; both servers get one visit first, so neither pays for its start.
- **the first graph's timeline**: for those visits, by the page's own clock, the websocket's opening, its first
  message, the first message with the graph (the component's element; the naive app's frame with its page),
  ``ng-component`` (the component's code runs), the static files in, ``ng-draw`` and the first draw, per app.
- **graph → whole page** (the dashboard): from that draw to the moment the page's controls are all shown (the
  focus picker's text box and the profile's page links in the page, no element's skeleton left), by the page's own
  clock (``WHOLE_PAGE``): Explore's landing sends its controls once the graph has been drawn.
- **click → profile**: a click on an entity in the drawn graph until its profile heading is visible beside it
  (and the URL names it), as Playwright sees it and by the page's own clock (from the pointer going down to the
  DOM change that adds the heading).
- **focus change**: a double-click on an entity until the graph is redrawn around it; the bytes the browser
  received over Streamlit's websocket meanwhile, and how many times ``vis-network.min.js`` was requested.

``--tree`` also serves another checkout of the project (say, ``git archive <commit>`` unpacked under bench/out/),
from its own folder with its own settings, and times its first graph and clicks in the same run, alternating, so a
change can be compared before → after on the same machine load.

Every request of the page normally passes Playwright's request router (which aborts any request off this machine):
each waits on this Python process, which costs a page with many requests (the dashboard's ~100 script files) more
than one with few. ``--unrouted`` leaves the router out and starts Chromium so it resolves no host but 127.0.0.1
(nothing leaves the machine either way); docs/performance.md gives both.

Prints a Markdown table (medians and all runs) for docs/performance.md. Needs /usr/bin/chromium and pyvis for the
naive app (without pyvis it builds the same page by hand; the report says which).
"""

from __future__ import annotations

import argparse
import importlib.util
import os
import statistics
import sys
import time
from contextlib import ExitStack, contextmanager
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from dashboard_server import CHROMIUM, serve  # noqa: E402 - bench/ is on the path only now
from dashboard_server import CHROMIUM_ARGS as ARGS  # noqa: E402

#: In the page, from the click (pointerdown) to the DOM change that shows the profile's heading: the browser's own
#: clock, without Playwright's polling (which a loaded machine slows down too).
WATCH_HEADING = """name => {
  delete window.__headingShownAt; delete window.__clickedAt;
  document.addEventListener("pointerdown", () => { window.__clickedAt = performance.now(); },
    {once: true, capture: true});
  const shown = () => [...document.querySelectorAll("h3")].some(h => h.textContent.trim() === name);
  const observer = new MutationObserver(() => {
    if (window.__clickedAt !== undefined && shown()) {
      window.__headingShownAt = performance.now(); observer.disconnect(); }
  });
  observer.observe(document.body, {childList: true, subtree: true, characterData: true});
}"""
#: In the page, from its start: when the whole Explore page is first shown (``window.__wholePageAt``).
WHOLE_PAGE = """(() => {
  const whole = () => document.querySelector('[data-testid="stTextInput"] input') !== null
    && document.querySelector('[data-testid="stPageLink"]') !== null
    && document.querySelector('[data-testid="stSkeleton"]') === null;
  const observer = new MutationObserver(() => {
    if (whole()) { window.__wholePageAt = performance.now(); observer.disconnect(); }
  });
  document.addEventListener("DOMContentLoaded", () =>
    observer.observe(document.body, {childList: true, subtree: true}));
})();"""
#: Before any page script: the moments of the first graph's timeline on the page's clock (``window.__split``): the
#: websocket open, its first message, the first message that carries the graph (the component's element, or the
#: naive app's frame with its page); in the naive app's frame, its first draw on the top page's clock.
SPLIT = """(() => {
  if (window !== window.top) {
    (function wait() {
      const n = window.network;
      if (!n) { setTimeout(wait, 5); return; }
      n.once("afterDrawing", () => { window.top.__split.ready = performance.timeOrigin + performance.now()
        - window.top.performance.timeOrigin; });
    })();
    return;
  }
  const split = window.__split = {};
  const Native = window.WebSocket;
  window.WebSocket = function (...args) {
    const ws = new Native(...args);
    ws.addEventListener("open", () => { if (split.ws_open === undefined) split.ws_open = performance.now(); });
    ws.addEventListener("message", (e) => {
      const now = performance.now();
      if (split.ws_first === undefined) split.ws_first = now;
      if (split.graph_message !== undefined || !(e.data instanceof ArrayBuffer)) return;
      const text = new TextDecoder("latin1").decode(e.data);
      if (text.includes("network_graph") || text.includes("__networkReady")) split.graph_message = now;
    });
    return ws;
  };
  window.WebSocket.prototype = Native.prototype;
  Object.assign(window.WebSocket, {CONNECTING: 0, OPEN: 1, CLOSING: 2, CLOSED: 3});
})();"""
#: After the first draw: the timeline's moments (ms from the navigation's start; null where an app has none).
SPLIT_COLLECT = """() => {
  const s = window.__split || {};
  const mark = (name) => { const m = performance.getEntriesByName(name, "mark")[0]; return m ? m.startTime : null; };
  const assets = performance.getEntriesByType("resource").filter((e) => e.name.includes("/app/static/graph/"));
  return {ws_open: s.ws_open, ws_first: s.ws_first, graph_message: s.graph_message,
    component: mark("ng-component"), assets: assets.length ? Math.max(...assets.map((e) => e.responseEnd)) : null,
    draw: mark("ng-draw"), ready: window.__networkReadyAt !== undefined ? window.__networkReadyAt : s.ready};
}"""
#: The timeline's moments, in order, with what the table calls them.
SPLIT_MOMENTS = (
    ("ws_open", "websocket open"),
    ("ws_first", "first message"),
    ("graph_message", "first message with the graph (component / naive frame)"),
    ("component", "`ng-component` (component's code runs)"),
    ("assets", "vis-network.min.js and graph.js in"),
    ("draw", "`ng-draw` (graph.js starts drawing)"),
    ("ready", "first draw (`__networkReady`)"),
)
NODE_XY = """id => { const n = window.__network, p = n.canvasToDOM(n.getPosition(id));
  const r = n.body.container.getBoundingClientRect(); return [p.x + r.left, p.y + r.top]; }"""


def tree_server(tree: Path):
    """``bench/dashboard_server.py`` of another checkout of the project (say, the code before a change): its
    ``serve`` runs that checkout's app from that checkout's folder, so with its own ``.streamlit/config.toml``."""
    spec = importlib.util.spec_from_file_location(
        f"dashboard_server_{tree.name}", tree / "bench" / "dashboard_server.py"
    )
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


@contextmanager
def _serve(script: Path, data: Path, work: Path, extra: list[str]):
    """``script`` under ``streamlit run`` (``dashboard_server.serve``, shared with the browser tests); yields its URL."""
    cache, log = work / f"cache-{script.stem}", work / f"streamlit-{script.stem}.log"
    with serve(data, cache, log, script=script, extra=extra) as (url, _process):
        yield url


#: ``--unrouted``: the browser resolves no host but this machine's loopback address, so nothing leaves the machine
#: without Playwright's request router (which makes every request of the page wait on this Python process).
UNROUTED_ARGS = ["--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1"]
ROUTED = [True]


def _context(browser):
    context = browser.new_context(viewport={"width": 1280, "height": 720}, service_workers="block")
    if not ROUTED[0]:
        return context
    context.route(
        "**/*",
        lambda route: (
            route.continue_()
            if route.request.url.startswith(("http://127.0.0.1", "data:", "blob:", "about:"))
            else route.abort()
        ),
    )
    return context


def _first_graph(
    browser, url: str, in_frame: bool, whole: list[float] | None = None, split: list[dict] | None = None
) -> float:
    """Seconds to the first graph; with ``whole``, appends the seconds from that graph to the whole page; with
    ``split``, the timeline's moments (``SPLIT_MOMENTS``, ms on the page's clock)."""
    context = _context(browser)
    try:
        if whole is not None:
            context.add_init_script(WHOLE_PAGE)
        if split is not None:
            context.add_init_script(SPLIT)
        page = context.new_page()
        start = time.perf_counter()
        page.goto(url)
        if in_frame:  # the naive app's graph is in st.iframe's frame
            while True:
                frames = [f for f in page.frames if f != page.main_frame]
                if any(f.evaluate("window.__networkReady === true") for f in frames):
                    break
                page.wait_for_timeout(10)  # (lets Playwright answer the routed requests meanwhile)
        else:
            page.wait_for_function("window.__networkReady === true", timeout=300_000, polling=10)
        took = time.perf_counter() - start
        if split is not None:
            page.wait_for_function(
                "(window.__split || {}).ready !== undefined || window.__networkReadyAt !== undefined"
            )
            split.append(page.evaluate(SPLIT_COLLECT))
        if whole is not None:
            page.wait_for_function("window.__wholePageAt !== undefined", timeout=300_000)
            whole.append(max(0.0, page.evaluate("(window.__wholePageAt - window.__networkReadyAt) / 1000")))
        return took
    finally:
        context.close()


def _interaction(browser, base: str, focus: str, select: str, refocus: str) -> dict:
    """Click → profile, then double-click → redrawn, with websocket bytes and vis-network requests."""
    from network import load_directory

    directory = load_directory(os.environ["NETWORK_DATA"])
    context = _context(browser)
    try:
        page = context.new_page()
        requests: list[str] = []
        received = [0]
        page.on("request", lambda r: requests.append(r.url))
        page.on(
            "websocket",
            lambda ws: ws.on(
                "framereceived",
                lambda f: received.__setitem__(0, received[0] + len(f if isinstance(f, (bytes, str)) else b"")),
            ),
        )
        page.goto(f"{base}/explore?focus={focus}")
        page.wait_for_function("window.__networkReady === true", timeout=300_000, polling=10)
        page.get_by_test_id("stTextInput").first.wait_for(timeout=60_000)  # the whole page (the landing's controls)
        page.wait_for_timeout(500)
        first_bytes = received[0]
        x, y = page.evaluate(NODE_XY, select)
        page.evaluate(WATCH_HEADING, directory.name_of(select))
        start = time.perf_counter()
        page.mouse.click(x, y)
        page.get_by_role("heading", name=directory.name_of(select), exact=True).wait_for(timeout=60_000)
        click_s = time.perf_counter() - start
        page.wait_for_function("window.__headingShownAt !== undefined", timeout=60_000)
        click_page_s = page.evaluate("(window.__headingShownAt - window.__clickedAt) / 1000")
        page.wait_for_function(f"() => new URLSearchParams(location.search).get('node') === {select!r}", timeout=60_000)
        page.wait_for_timeout(500)
        before = received[0]
        x, y = page.evaluate(NODE_XY, refocus)
        start = time.perf_counter()
        page.mouse.dblclick(x, y)
        wanted = "null" if refocus == directory.home else repr(refocus)  # the home focus is left out of the URL
        page.wait_for_function(f"() => new URLSearchParams(location.search).get('focus') === {wanted}", timeout=60_000)
        page.wait_for_function(
            f"window.__networkReady === true && window.__network.getPositions()[{refocus!r}]"
            " !== undefined && window.__networkNodeCount > 1",
            timeout=300_000,
            polling=10,
        )
        refocus_s = time.perf_counter() - start
        page.wait_for_timeout(1000)
        return {
            "click_s": click_s,
            "click_page_s": click_page_s,
            "refocus_s": refocus_s,
            "refocus_bytes": received[0] - before,
            "first_bytes": first_bytes,
            "vis_requests": sum("vis-network.min.js" in u for u in requests),
        }
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--data", default=str(ROOT / "data"))
    parser.add_argument("--focus", default="reves")
    parser.add_argument("--select", default="region-orebro", help="the entity clicked (in the focus's view)")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument(
        "--tree", help="also time the first graph of another checkout (e.g. before a change), alternating with both"
    )
    parser.add_argument(
        "--unrouted",
        action="store_true",
        help="no Playwright request router: the browser resolves no host but 127.0.0.1 (see UNROUTED_ARGS)",
    )
    args = parser.parse_args()
    os.environ["NETWORK_DATA"] = str(Path(args.data).resolve())
    load_before = os.getloadavg()[0]
    from playwright.sync_api import sync_playwright

    try:
        import pyvis  # noqa: F401

        naive_kind = "pyvis 0.3.2"
    except ImportError:
        naive_kind = "vis-network by hand (pyvis not installed)"
    work = ROOT / "bench" / "out"
    work.mkdir(parents=True, exist_ok=True)
    data = Path(args.data).resolve()
    with ExitStack() as stack:
        app = stack.enter_context(_serve(ROOT / "network_app.py", data, work, []))
        naive = stack.enter_context(_serve(ROOT / "bench" / "naive_app.py", data, work, ["--", str(data)]))
        other = None
        if args.tree:
            tree = Path(args.tree).resolve()
            cache, log = work / f"cache-{tree.name}", work / f"streamlit-{tree.name}.log"
            other, _process = stack.enter_context(tree_server(tree).serve(data, cache, log))
        playwright = stack.enter_context(sync_playwright())
        ROUTED[0] = not args.unrouted
        extra_args = UNROUTED_ARGS if args.unrouted else []
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=[*ARGS, *extra_args], headless=True)
        ours_url, naive_url = f"{app}/explore?focus={args.focus}", f"{naive}/?focus={args.focus}"
        other_url = f"{other}/explore?focus={args.focus}" if other else None
        _first_graph(browser, ours_url, False), _first_graph(browser, naive_url, True)  # warm both servers
        if other_url:
            _first_graph(browser, other_url, False)
        ours, theirs, others, ours_whole, others_whole = [], [], [], [], []
        splits: dict[str, list[dict]] = {"dashboard": [], "naive app": [], "other checkout": []}
        for _ in range(args.repeat):  # alternate, so both see the same machine load
            ours.append(_first_graph(browser, ours_url, False, ours_whole, splits["dashboard"]))
            theirs.append(_first_graph(browser, naive_url, True, split=splits["naive app"]))
            if other_url:
                others.append(_first_graph(browser, other_url, False, others_whole, splits["other checkout"]))
        runs = [_interaction(browser, app, args.focus, args.select, args.select) for _ in range(args.repeat)]
        others_runs = [
            _interaction(browser, other, args.focus, args.select, args.select)
            for _ in range(args.repeat if other else 0)
        ]
        browser.close()
    load = os.getloadavg()[0]
    routing = "unrouted" if args.unrouted else "every request through Playwright's router"
    print(
        f"data {data.name}, focus {args.focus}, {args.repeat} runs each, load average {load_before:.1f} before, "
        f"{load:.1f} after; "
        f"naive app: {naive_kind}; {routing}\n"
    )
    print("| measure | median | runs |\n|---|---:|---|")

    def row(name: str, values: list[float], unit: str = "s", digits: int = 2) -> None:
        shown = ", ".join(f"{v:.{digits}f}" for v in values)
        print(f"| {name} | {statistics.median(values):.{digits}f} {unit} | {shown} |")

    row("first graph, Explore link (dashboard)", ours)
    row("first graph, same link (naive pandas + pyvis app)", theirs)
    row("first graph → whole page (browser clock)", ours_whole)
    row("click → profile visible", [r["click_s"] for r in runs])
    row("click → profile heading in the page (browser clock)", [r["click_page_s"] for r in runs])
    row("double-click → redrawn around it", [r["refocus_s"] for r in runs])
    row("websocket bytes received for that focus change", [r["refocus_bytes"] / 1000 for r in runs], "kB", 1)
    row("websocket bytes received for the first page", [r["first_bytes"] / 1000 for r in runs], "kB", 1)
    print(f"\nvis-network.min.js requests per visit (focus change included): {[r['vis_requests'] for r in runs]}")
    _print_split({name: visits for name, visits in splits.items() if visits})
    if others:
        print(f"\nThe other checkout ({args.tree}), in the same run:\n")
        print("| measure | median | runs |\n|---|---:|---|")
        row("first graph, Explore link (other checkout)", others)
        row("first graph → whole page (browser clock)", others_whole)
        row("click → profile visible", [r["click_s"] for r in others_runs])
        row("click → profile heading in the page (browser clock)", [r["click_page_s"] for r in others_runs])
        row("double-click → redrawn around it", [r["refocus_s"] for r in others_runs])


def _print_split(splits: dict[str, list[dict]]) -> None:
    """The first graph's timeline: per app, the median of each moment (ms from the navigation's start), and the
    median step from the moment before (the first-graph visits above; the page's own clock)."""

    def median(values: list) -> float | None:
        values = [v for v in values if v is not None]
        return statistics.median(values) if values else None

    print("\nThe first graph's timeline (medians, ms from the navigation's start; in brackets the median step from")
    print("the moment before):\n")
    print("| moment | " + " | ".join(splits) + " |\n|---|" + "---:|" * len(splits))
    for index, (key, name) in enumerate(SPLIT_MOMENTS):
        cells = []
        for visits in splits.values():
            at = median([v.get(key) for v in visits])
            previous = next(
                (k for k, _ in reversed(SPLIT_MOMENTS[:index]) if any(v.get(k) is not None for v in visits)), None
            )
            steps = [
                v[key] - v[previous]
                for v in visits
                if previous and v.get(key) is not None and v.get(previous) is not None
            ]
            cells.append("" if at is None else f"{at:.0f}" + (f" (+{median(steps):.0f})" if steps else ""))
        print(f"| {name} | " + " | ".join(cells) + " |")


if __name__ == "__main__":
    main()
