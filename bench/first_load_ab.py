"""The first load (Overview) on newly started servers of several checkouts of the project, alternating in one run,
so a change is compared with the code before it under the same machine load.

    python bench/first_load_ab.py --trees /path/to/before,/path/to/after --data bench/out/pages-60000-200000 [--rounds 4]
    python bench/first_load_ab.py --trees /path/to/checkout,bench/title_only_app.py --data D --wait-warmup

A "tree" that is a ``.py`` file is a Streamlit app run from this checkout (say, an app that only writes Overview's
title: the floor of a first load that Streamlit's own frontend sets). ``--wait-warmup``: before the visits, wait
until no server has a process of its own running (the dashboard's warm-up process, ``ui/partner_warmup.py``, ~90 s
of CPU beside the browser on a cache folder it has not filled yet), so the loads compare the pages, not the machine.

Each round starts one server per checkout on the same data (each with its own cache folder, warm after the first
round's start), waits until each is healthy and a few seconds more, then opens each server's first page in a new
browser context (the server's first visitor: what a server does once per process is in it), then once more (a second
visitor). Timed as ``bench_pages.py`` times a page: from ``page.goto`` until the page's title is shown, the script has
finished and nothing has changed for ``--quiet`` seconds. The server's CPU during the first visit is read from
/proc. The order of the checkouts alternates each round.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from contextlib import ExitStack
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

import bench_graph_ui as graph_ui  # noqa: E402 - bench/ is on the path only now
import bench_pages as pages  # noqa: E402


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def _serve(tree: Path):
    """``serve`` of the checkout ``tree`` (its app), or of this checkout for a ``.py`` app, with the app's path."""
    if tree.suffix == ".py":
        return graph_ui.tree_server(ROOT).serve, tree
    return graph_ui.tree_server(tree).serve, tree / "network_app.py"


def _visit(browser, url: str, title: str, quiet: float) -> float:
    context = browser.new_context(viewport={"width": 1280, "height": 720}, service_workers="block")
    try:
        page = context.new_page()
        started = time.perf_counter()
        page.goto(url + "/")
        return pages._settle(page, title, started, quiet, 120)
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--trees", required=True, help="comma-separated checkouts of the project")
    parser.add_argument("--data", required=True)
    parser.add_argument("--rounds", type=int, default=4)
    parser.add_argument("--quiet", type=float, default=0.5)
    parser.add_argument("--wait-warmup", action="store_true", help="visit only once no server has a process running")
    args = parser.parse_args()
    trees = [Path(p).resolve() for p in args.trees.split(",")]
    data = Path(args.data).resolve()
    title = pages._titles()["overview"]
    work = ROOT / "bench" / "out" / "first-load-ab"
    work.mkdir(parents=True, exist_ok=True)
    results = {tree: {"first": [], "second": [], "cpu": []} for tree in trees}
    load_before = os.getloadavg()[0]
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=graph_ui.CHROMIUM, args=[*graph_ui.ARGS, *graph_ui.UNROUTED_ARGS], headless=True
        )
        for round_ in range(args.rounds):
            order = trees if round_ % 2 == 0 else trees[::-1]
            with ExitStack() as stack:
                servers = {}
                for tree in order:
                    serve, script = _serve(tree)
                    cache, log = work / f"cache-{tree.name}", work / f"log-{tree.name}.log"
                    servers[tree] = stack.enter_context(serve(data, cache, log, script=script))
                waited = time.monotonic()
                while args.wait_warmup and any(pages._children(p.pid) for _, p in servers.values()):
                    if time.monotonic() - waited > 600:
                        raise TimeoutError("a server's own process ran for more than 10 minutes")
                    time.sleep(1)
                time.sleep(6)  # the servers' own work after their start (the warm-up process) settles
                for visit in ("first", "second"):
                    for tree in order:
                        url, process = servers[tree]
                        before = _cpu_s(process.pid)
                        results[tree][visit].append(_visit(browser, url, title, args.quiet))
                        if visit == "first":
                            results[tree]["cpu"].append(_cpu_s(process.pid) - before)
        browser.close()
    print(
        f"data {data.name}, {args.rounds} rounds, load average {load_before:.1f} before, "
        f"{os.getloadavg()[0]:.1f} after\n"
    )
    print("| checkout | first visitor (median) | its server CPU | second visitor (median) | first, all runs |")
    print("|---|---:|---:|---:|---|")
    for tree, values in results.items():
        runs = ", ".join(f"{v:.2f}" for v in values["first"])
        print(
            f"| {tree} | {statistics.median(values['first']):.2f} s | {statistics.median(values['cpu']):.2f} s | "
            f"{statistics.median(values['second']):.2f} s | {runs} |"
        )


if __name__ == "__main__":
    main()
