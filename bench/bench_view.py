"""How fast is the graph view? Layout, HTML rendering, and page load to the first complete draw in headless Chromium.

    python bench/bench_view.py                 # 60, 500 and 2,000 nodes drawn; 10,000 laid out only
    python bench/bench_view.py --repeat 5 --sizes 500 2000 --layout-only 10000 20000

For each size it builds a directory-shaped graph (hub networks and programmes, projects with a few partners,
organisations, people; names with å, ä, ö), then times, taking the median of ``--repeat`` runs:

- ``layout``: ``compute_layout`` (server side, what the dashboard caches per view);
- ``spring`` (with ``--spring``): networkx ``spring_layout``, for comparison;
- ``render``: ``render_interactive`` with those positions (the HTML string, vis-network inlined);
- ``draw``: from navigation start to ``window.__networkReady`` (the first complete draw) in a fresh page of
  headless Chromium (``/usr/bin/chromium``), as ``performance.now()`` reports it inside the page; ``wall`` is the
  same seen from Python (``page.goto`` to ready), which adds Playwright's round trips.

Targets (issue 3): 500-node view drawn in under 1 s, 2,000-node view in under 2 s, layout of 2,000 nodes under 2 s.
Results go in docs/performance.md ("Graph view"). The HTML pages are written to a temporary folder and deleted.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from pathlib import Path

import networkx as nx

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from network.drawing.interactive import render_interactive  # noqa: E402
from network.drawing.layout import compute_layout  # noqa: E402

sys.path.insert(0, str(Path(__file__).resolve().parent))
from dashboard_server import CHROMIUM, CHROMIUM_ARGS  # noqa: E402  (the one list of Chromium's switches)

__all__ = ["directory_graph", "main"]

_PLACES = ("Örebro", "Västerås", "Malmö", "Göteborg", "Łódź", "København", "Málaga", "Köln", "Brașov", "Tartu")
_WORDS = ("Kultur", "Dans", "Musik", "Teater", "Konst", "Förening", "Centrum", "Akademi", "Lab", "Forum")


def directory_graph(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """A graph of ``n`` nodes shaped like the directory, with a power-law-ish spread of memberships."""
    rnd = random.Random(seed)
    graph = nx.MultiDiGraph()
    counts = {"network": max(2, n // 40), "programme": max(1, n // 100), "project": max(2, n // 8)}
    counts["organisation"] = max(3, n * 2 // 5)
    counts["person"] = max(0, n - sum(counts.values()))
    ids: dict[str, list[str]] = {}
    for kind, count in counts.items():
        ids[kind] = [f"{kind}-{i:05d}" for i in range(count)]
        for i, node in enumerate(ids[kind]):
            name = f"{rnd.choice(_WORDS)} {rnd.choice(_PLACES)} {i}"
            attrs = {"kind": kind, "name": name, "country": rnd.choice(("SE", "SE", "PL", "DK", "ES", "DE"))}
            if kind == "person":
                attrs = {"kind": kind, "name": f"Anna Åström {i}", "role": "Coordinator"}
            graph.add_node(node, **attrs)
    popularity = [1 / (i + 1) for i in range(len(ids["network"]))]
    for org in ids["organisation"]:
        for network in set(rnd.choices(ids["network"], popularity, k=rnd.randint(0, 2))):
            graph.add_edge(org, network, key="member_of")
        if rnd.random() < 0.1:
            graph.add_edge(org, rnd.choice(ids["organisation"]), key="collaborates_with")
    for project in ids["project"]:
        graph.add_edge(
            project,
            rnd.choices(ids["programme"], [1 / (i + 1) for i in range(len(ids["programme"]))])[0],
            key="funded_by",
        )
        for org in rnd.sample(ids["organisation"], min(len(ids["organisation"]), rnd.randint(1, 5))):
            graph.add_edge(org, project, key="partner_in")
    for person in ids["person"]:
        graph.add_edge(person, rnd.choice(ids["organisation"]), key="works_at")
        if rnd.random() < 0.2:
            graph.add_edge(person, rnd.choice(ids["person"]), key="knows")
    return graph


def _timed(func, repeat: int):
    times, result = [], None
    for _ in range(repeat):
        start = time.perf_counter()
        result = func()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def _draw_times(browser, path: Path, repeat: int) -> tuple[float, float, int]:
    """Median (in-page ms to first draw, wall s) over fresh pages; and the node count the page reports."""
    in_page, wall, count = [], [], 0
    for _ in range(repeat):
        page = browser.new_page(viewport={"width": 1280, "height": 760})
        page.route(
            "**/*",
            lambda route: route.continue_() if route.request.url.startswith(("file:", "data:")) else route.abort(),
        )
        start = time.perf_counter()
        page.goto(path.as_uri())
        page.wait_for_function("window.__networkReady === true", timeout=300_000, polling=10)
        wall.append(time.perf_counter() - start)
        in_page.append(page.evaluate("window.__networkReadyAt") / 1000)
        count = page.evaluate("window.__networkNodeCount")
        page.close()
    return statistics.median(in_page), statistics.median(wall), count


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[60, 500, 2000], help="views to lay out and draw")
    parser.add_argument("--layout-only", type=int, nargs="*", default=[10000], help="sizes to lay out only")
    parser.add_argument("--repeat", type=int, default=3, help="runs per figure (the median is shown)")
    parser.add_argument("--no-browser", action="store_true", help="skip the Chromium draw timings")
    parser.add_argument(
        "--spring",
        action="store_true",
        help="also time networkx spring_layout (the old way) on the drawn sizes, once each",
    )
    args = parser.parse_args(argv)

    rows = []
    with tempfile.TemporaryDirectory(prefix="bench_view_") as tmp:
        browser = playwright = None
        if not args.no_browser:
            from playwright.sync_api import sync_playwright

            playwright = sync_playwright().start()
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            for n in sorted(set(args.sizes) | set(args.layout_only)):
                graph = directory_graph(n)
                focus = "network-00000"
                layout_s, positions = _timed(lambda: compute_layout(graph, focus=focus), args.repeat)
                row = {"nodes": n, "edges": graph.number_of_edges(), "layout": layout_s}
                if args.spring and n in args.sizes:
                    row["spring"], _ = _timed(lambda: nx.spring_layout(nx.Graph(graph.to_undirected()), seed=7), 1)
                if n in args.sizes:
                    render_s, page = _timed(
                        lambda: render_interactive(graph, positions=positions, focus=focus), args.repeat
                    )
                    row.update(render=render_s, size_mb=len(page.encode()) / 1e6)
                    if browser is not None:
                        path = Path(tmp) / f"view-{n}.html"
                        path.write_text(page, encoding="utf-8")
                        draw, wall, count = _draw_times(browser, path, args.repeat)
                        assert count == n, f"the page drew {count} nodes, not {n}"
                        row.update(draw=draw, wall=wall)
                rows.append(row)
                _print_row(row, header=len(rows) == 1)
        finally:
            if browser is not None:
                browser.close()
                playwright.stop()
    return 0


def _print_row(row: dict, header: bool) -> None:
    columns = (
        ("nodes", "{:>7,}"),
        ("edges", "{:>7,}"),
        ("layout", "{:>8.2f}"),
        ("spring", "{:>8.2f}"),
        ("render", "{:>8.2f}"),
        ("size_mb", "{:>8.2f}"),
        ("draw", "{:>8.2f}"),
        ("wall", "{:>8.2f}"),
    )
    if header:
        print(" | ".join(f"{name:>8}" for name, _ in columns) + "   (seconds; size in MB; median of runs)")
    print(
        " | ".join(f"{fmt.format(row[name]):>8}" if name in row else f"{'-':>8}" for name, fmt in columns), flush=True
    )


if __name__ == "__main__":
    sys.exit(main())
