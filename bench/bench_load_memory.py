"""Where a loaded directory's memory goes: ``load_directory`` in one plain process, Python objects and RSS.

    python bench/bench_load_memory.py bench/out/pages-60000-200000               # no cache: read, validate, build
    python bench/bench_load_memory.py bench/out/pages-60000-200000 --cache DIR   # warm (run once to fill DIR)
    python bench/bench_load_memory.py FOLDER --trace                              # + tracemalloc by line
    python bench/bench_load_memory.py FOLDER --malloc                             # Arrow on malloc, as the dashboard

Prints the CPU time of the load (``time.process_time``), the RSS before and after it once memory is given back the
way the dashboard does (``gc.collect``, Arrow's ``release_unused``, ``malloc_trim``: ``ui.state.give_back_memory``),
and with ``--trace`` the Python memory still traced after the load and the lines that made most of it. Much cheaper
than the dashboard run (``bench_pages.py``) for finding where the server's memory goes (issue 12).
"""

from __future__ import annotations

import argparse
import ctypes
import gc
import sys
import time
import tracemalloc
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def _rss_mb() -> float:
    with open("/proc/self/statm") as statm:
        return int(statm.read().split()[1]) * 4096 / 2**20


def _give_back() -> None:
    import pyarrow

    gc.collect()
    pyarrow.default_memory_pool().release_unused()
    ctypes.CDLL("libc.so.6").malloc_trim(0)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("data", type=Path, help="a directory folder (bench_pages.py generates the 60,000 one)")
    parser.add_argument("--cache", type=Path, help="a cache folder (a warm load once it holds this directory)")
    parser.add_argument("--trace", action="store_true", help="tracemalloc during the load (several times slower)")
    parser.add_argument("--malloc", action="store_true", help="Arrow allocates with malloc (ui.state)")
    parser.add_argument("--top", type=int, default=12, help="how many lines to list with --trace")
    args = parser.parse_args(argv)

    import pyarrow

    from network.directory import load_directory

    if args.malloc:
        pyarrow.set_memory_pool(pyarrow.system_memory_pool())
    _give_back()
    before = _rss_mb()
    if args.trace:
        tracemalloc.start()
    started = time.process_time()
    directory = load_directory(args.data, cache_dir=args.cache)
    cpu = time.process_time() - started
    _give_back()
    print(f"load_directory: {cpu:.2f} s CPU, RSS {before:.0f} -> {_rss_mb():.0f} MB after giving memory back")
    if args.trace:
        snapshot = tracemalloc.take_snapshot()
        traced, peak = tracemalloc.get_traced_memory()
        print(f"traced Python memory after the load: {traced / 2**20:.1f} MB (peak {peak / 2**20:.1f} MB)")
        for stat in snapshot.statistics("lineno")[: args.top]:
            frame = stat.traceback[0]
            print(
                f"{stat.size / 2**20:8.1f} MB {stat.count:9,d}  {frame.filename.split('site-packages/')[-1]}:{frame.lineno}"
            )
    graph = directory.graph
    print(f"{graph.number_of_nodes():,} nodes, {graph.number_of_edges():,} edges")
    return 0


if __name__ == "__main__":
    sys.exit(main())
