"""The first graph of an Explore link for several checkouts of the project and the naive one-file app, alternating
in one run, so a change is compared with the code before it under the same machine load.

    python bench/first_graph_ab.py --trees /path/to/before,/path/to/after [--repeat 8] [--data data]

Each checkout (``git worktree add`` or ``git archive`` unpacked) serves its own ``network_app.py`` with its own
settings (``bench_graph_ui.tree_server``); the naive app (``bench/naive_app.py``) is this checkout's. Every server
gets one visit first. Then, ``--repeat`` times, each app's first graph is timed in a new browser context (empty
cache), in an order that rotates each round: from ``page.goto`` of ``/explore?focus=…`` (the naive app:
``/?focus=…``) to vis-network's first complete draw, unrouted (``bench_graph_ui.UNROUTED_ARGS``). Prints, per app,
the median and mean and every run, and the medians of the timeline's moments (ms from the navigation): websocket
open, the message with the graph, the component's code running, the first draw. ``bench_graph_ui.py`` gives the
clicks and the whole page; this script only the first graph, with more runs for the same time.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import bench_graph_ui as graph_ui  # noqa: E402 - bench/ is on the path only now

MOMENTS = (("ws_open", "websocket open"), ("graph_message", "graph message"), ("component", "component"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trees", required=True, help="comma-separated checkouts of the project")
    parser.add_argument("--repeat", type=int, default=8)
    parser.add_argument("--data", default=str(ROOT / "data"))
    parser.add_argument("--focus", default="reves")
    args = parser.parse_args()
    data = Path(args.data).resolve()
    os.environ["NETWORK_DATA"] = str(data)
    work = ROOT / "bench" / "out" / "first-graph-ab"
    work.mkdir(parents=True, exist_ok=True)
    load_before = os.getloadavg()[0]
    from playwright.sync_api import sync_playwright

    times: dict[str, list[float]] = {}
    splits: dict[str, list[dict]] = {}
    with ExitStack() as stack:
        urls: dict[str, tuple[str, bool]] = {}
        for tree in (Path(p).resolve() for p in args.trees.split(",")):
            name = f"{tree.name} ({tree})"
            serve = graph_ui.tree_server(tree).serve
            url, _ = stack.enter_context(serve(data, work / f"cache-{tree.name}", work / f"log-{tree.name}.log"))
            urls[name] = (f"{url}/explore?focus={args.focus}", False)
        naive = stack.enter_context(graph_ui._serve(ROOT / "bench" / "naive_app.py", data, work, ["--", str(data)]))
        urls["naive app"] = (f"{naive}/?focus={args.focus}", True)
        playwright = stack.enter_context(sync_playwright())
        graph_ui.ROUTED[0] = False
        browser = playwright.chromium.launch(
            executable_path=graph_ui.CHROMIUM, args=[*graph_ui.ARGS, *graph_ui.UNROUTED_ARGS], headless=True
        )
        for url, in_frame in urls.values():  # one visit each first: no server pays for its start
            graph_ui._first_graph(browser, url, in_frame)
        for round_ in range(args.repeat):
            names = list(urls)
            for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
                url, in_frame = urls[name]
                split = splits.setdefault(name, [])
                times.setdefault(name, []).append(graph_ui._first_graph(browser, url, in_frame, split=split))
        browser.close()
    print(
        f"data {data.name}, focus {args.focus}, {args.repeat} runs each, load average {load_before:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after; unrouted\n"
    )
    print("| app | median | mean | " + " | ".join(label for _, label in MOMENTS) + " | runs |")
    print("|---|---:|---:|" + "---:|" * len(MOMENTS) + "---|")
    for name, values in times.items():
        moments = []
        for key, _ in MOMENTS:
            seen = [s[key] for s in splits[name] if s.get(key) is not None]
            moments.append(f"{statistics.median(seen):.0f}" if seen else "")
        runs = ", ".join(f"{v:.2f}" for v in values)
        print(
            f"| {name} | {statistics.median(values):.2f} s | {statistics.mean(values):.2f} s | "
            + " | ".join(moments)
            + f" | {runs} |"
        )


if __name__ == "__main__":
    main()
