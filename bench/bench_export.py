"""How long exports take: pictures of a 1,000-node view, and data files of a view and of a bigger directory.

    python bench/bench_export.py                 # 1,000-node view; directory of 5,000 organisations / 50,000 relations
    python bench/bench_export.py --nodes 2000 --repeat 5

A synthetic directory (``bench/generate.py``, fixed seed) is written to a temporary folder and loaded. The view is
the whole small directory capped at ``--nodes`` entities with ``trim_graph`` (the dashboard's rule). Each step is
run ``--repeat`` times in this process and the median is printed; "layout" is ``compute_layout`` alone, "png" etc.
are ``render_image`` with those positions (as the dashboard passes them), and "png incl. layout" is
``export.export`` end to end. The target (issue 5): a 1,000-node PNG in under 5 s. Results go in
``docs/performance.md`` ("Export").
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from typing import Callable

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import generate  # noqa: E402

from network import load_directory  # noqa: E402
from network.drawing.layout import compute_layout, trim_graph  # noqa: E402
from network.drawing.static import render_image  # noqa: E402
from network.export import ExportRequest, export  # noqa: E402

__all__ = ["main"]

PNG_TARGET_ROW = "png incl. layout (export.export, whole directory capped)"


def _median(func: Callable[[], object], repeat: int) -> tuple[float, float, object]:
    """Median wall time and median CPU time of ``repeat`` runs, and the result. On a busy machine the CPU time is
    closer to what an idle one would measure (the work is single-threaded)."""
    wall, cpu, result = [], [], None
    for _ in range(repeat):
        started, started_cpu = time.perf_counter(), time.process_time()
        result = func()
        wall.append(time.perf_counter() - started)
        cpu.append(time.process_time() - started_cpu)
    return statistics.median(wall), statistics.median(cpu), result


def _size(data: object) -> str:
    return f"{len(data) / 1024:,.0f} KiB" if isinstance(data, bytes) else ""


def bench_view(folder: Path, nodes: int, repeat: int) -> list[tuple[str, float, float, str]]:
    """Pictures and files of a view of ``nodes`` entities."""
    generate(
        folder,
        orgs=int(nodes * 0.62),
        projects=int(nodes * 0.15),
        people=int(nodes * 0.2),
        relations=nodes * 4,
        networks=max(8, nodes // 60),
    )
    directory = load_directory(folder)
    graph, total = trim_graph(directory.graph, nodes)
    label = f"{graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} relations"
    rows = []
    wall, cpu, positions = _median(lambda: compute_layout(graph), repeat)
    rows.append((f"layout ({label})", wall, cpu, ""))
    for fmt in ("png", "svg", "pdf"):
        wall, cpu, data = _median(lambda f=fmt: render_image(graph, f, positions=positions), repeat)
        rows.append((f"{fmt}, 2400 px at 300 DPI, positions given", wall, cpu, _size(data)))
    wall, cpu, data = _median(lambda: render_image(graph, "png", positions=positions, width_px=4800, dpi=600), repeat)
    rows.append(("png, 4800 px at 600 DPI, positions given", wall, cpu, _size(data)))
    request = ExportRequest("png", max_nodes=nodes)
    wall, cpu, data = _median(lambda: export(directory, request), repeat)
    rows.append((PNG_TARGET_ROW, wall, cpu, _size(data)))
    for fmt in ("html", "graphml", "gexf", "xlsx", "csv"):
        request = ExportRequest(fmt, max_nodes=nodes)
        wall, cpu, data = _median(lambda r=request: export(directory, r, graph=graph, positions=positions), repeat)
        rows.append((f"{fmt} of the view", wall, cpu, _size(data)))
    return rows


def bench_directory(folder: Path, orgs: int, relations: int, repeat: int) -> list[tuple[str, float, float, str]]:
    """Data files of a whole, bigger directory (no pictures: they are capped at --max-nodes anyway)."""
    generate(folder, orgs=orgs, projects=orgs // 5, people=orgs // 2, relations=relations)
    directory = load_directory(folder)
    label = f"{directory.graph.number_of_nodes():,} entities, {relations:,} relations"
    rows = []
    for fmt in ("xlsx", "csv", "graphml", "gexf"):
        request = ExportRequest(fmt, table="relations")
        wall, cpu, data = _median(lambda r=request: export(directory, r), max(1, repeat // 2))
        rows.append((f"{fmt} of the whole directory ({label})", wall, cpu, _size(data)))
    return rows


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Time exports (pictures and data files).")
    parser.add_argument("--nodes", type=int, default=1000, help="entities in the view (default 1000)")
    parser.add_argument("--orgs", type=int, default=5000, help="organisations in the big directory (default 5000)")
    parser.add_argument("--relations", type=int, default=50000, help="relations in the big directory (default 50000)")
    parser.add_argument("--repeat", type=int, default=3, help="runs per step; the median is shown (default 3)")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory() as tmp:
        rows = bench_view(Path(tmp, "view"), args.nodes, args.repeat)
        if args.orgs > 0:
            rows += bench_directory(Path(tmp, "big"), args.orgs, args.relations, args.repeat)
    width = max(len(r[0]) for r in rows)
    print(f"{'step':<{width}}  {'wall':>8}  {'cpu':>8}  size")
    for name, wall, cpu, size in rows:
        print(f"{name:<{width}}  {wall:6.2f} s  {cpu:6.2f} s  {size}")
    png = next(wall for name, wall, _, _ in rows if name == PNG_TARGET_ROW)
    print(f"{args.nodes:,}-node PNG target (< 5 s wall, incl. layout): {'met' if png < 5 else 'NOT met'} ({png:.2f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
