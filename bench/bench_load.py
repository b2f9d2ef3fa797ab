"""Load, validate, build and query times and peak memory, against a naive baseline, at several sizes.

    python bench/bench_load.py                          # sample data, 5k organisations, 100k organisations
    python bench/bench_load.py --sizes sample,small     # a quick run
    python bench/bench_load.py --sizes big --repeat 3   # medians of three runs of each load

Every measurement runs in a fresh Python process, so its peak memory (``ru_maxrss``) is its own, and no run warms
the next one's caches. Generated directories are kept under ``bench/out/`` (git-ignored) and made again only when
their parameters change. The figures are printed as a Markdown table (for ``docs/performance.md``) and saved as
JSON under ``bench/out/``.

What is measured, per size:
- naive: ``csv.DictReader`` over every file, one ``add_node`` per entity row and one ``add_edge`` per relation row
  into a networkx ``MultiDiGraph``, no validation, no cleaning, no checks.
- cold: ``load_directory(path)`` without a cache: read, validate (every check) and build, each step timed.
  ``ratio`` is cold / naive.
- cold + store: the same with a new cache directory: the first load after a change, which also writes the cache.
- warm: ``load_directory(path, cache_dir=...)`` with the files unchanged (a cache hit).
- queries on the warm directory, median over ``--queries`` random ones: search (names with accents dropped, a
  typo, a word), ego network of radius 1 and 2 around random entities, the 3 shortest paths between random pairs;
  and, reported apart, the same around the best-connected entities (hubs).
Import time (pandas, networkx: about half a second) is reported apart and not counted in load times.
"""

from __future__ import annotations

import argparse
import json
import os
import random
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "bench" / "out"

#: name → generator parameters (None: the bundled sample in data/).
SIZES: dict[str, dict | None] = {
    "sample": None,
    "small": {"orgs": 5_000, "projects": 1_000, "people": 2_500, "relations": 50_000},
    "medium": {"orgs": 30_000, "projects": 6_000, "people": 15_000, "relations": 300_000},
    "big": {"orgs": 100_000, "projects": 20_000, "people": 50_000, "relations": 1_000_000},
}
ENTITY_FILES = ("organisations.csv", "networks.csv", "projects.csv", "programmes.csv", "people.csv")


# --- the directories -------------------------------------------------------------------------------------------


def directory_for(size: str, seed: int) -> Path:
    """The folder for a size, generated if missing or made with other parameters."""
    params = SIZES[size]
    if params is None:
        return ROOT / "data"
    folder = OUT / f"{size}-seed{seed}"
    wanted = {**params, "seed": seed}
    marker = folder / ".params.json"
    if marker.exists() and json.loads(marker.read_text()) == wanted:
        return folder
    sys.path.insert(0, str(ROOT / "bench"))
    from generate import generate  # noqa: PLC0415 - only when a directory has to be made

    shutil.rmtree(folder, ignore_errors=True)
    started = time.perf_counter()
    generate(folder, params["orgs"], params["projects"], params["people"], params["relations"], seed)
    marker.write_text(json.dumps(wanted))
    print(f"generated {folder.relative_to(ROOT)} in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    return folder


# --- the measurements, each run in a child process -------------------------------------------------------------


def _peak_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # kilobytes on Linux


def child_naive(path: Path) -> dict:
    import csv

    import networkx as nx

    started = time.perf_counter()
    graph = nx.MultiDiGraph()
    for name in ENTITY_FILES:
        with (path / name).open(encoding="utf-8", newline="") as handle:
            for row in csv.DictReader(handle):
                graph.add_node(row["id"], **row)
    with (path / "relations.csv").open(encoding="utf-8", newline="") as handle:
        for row in csv.DictReader(handle):
            graph.add_edge(row["source"], row["target"], key=row["relation"], **row)
    took = time.perf_counter() - started
    return {"seconds": took, "peak_mb": _peak_mb(), "nodes": graph.number_of_nodes(), "edges": graph.number_of_edges()}


def _timed_load(path: Path, cache_dir: Path | None) -> tuple[object, dict]:
    from network import load_directory

    marks: list[tuple[str, float]] = []
    started = time.perf_counter()
    directory = load_directory(
        path, progress=lambda step, _done: marks.append((step, time.perf_counter())), cache_dir=cache_dir
    )
    ended = time.perf_counter()
    steps: dict[str, float] = {}
    for (step, at), (_next, after) in zip(marks, marks[1:]):
        name = {"cache": "lookup" if not steps else "store"}.get(step, step)  # the cache is looked up, then written
        steps[name] = after - at
    result = {
        "seconds": ended - started,
        "steps": steps,
        "peak_mb": _peak_mb(),
        "hit": "read" not in [step for step, _ in marks],
        "errors": len(directory.report.errors),
        "warnings": len(directory.report.warnings),
        "nodes": directory.graph.number_of_nodes(),
        "edges": directory.graph.number_of_edges(),
    }
    return directory, result


def child_load(path: Path, cache_dir: Path | None, queries: int, seed: int) -> dict:
    started = time.perf_counter()
    import network  # noqa: F401 - the import is timed apart

    imported = time.perf_counter() - started
    directory, result = _timed_load(path, cache_dir)
    result["import_seconds"] = imported
    if queries:
        import gc

        started = time.perf_counter()
        gc.collect()  # the one full collection that walks the new graph happens here, not inside a query
        collected = (time.perf_counter() - started) * 1000
        result["queries"] = {
            "full garbage collection after load": {"median_ms": collected},
            **run_queries(directory, queries, seed),
        }
    return result


# --- queries ---------------------------------------------------------------------------------------------------


def _typo(rng: random.Random, word: str) -> str:
    if len(word) < 5:
        return word
    i = rng.randrange(1, len(word) - 1)
    return word[:i] + word[i + 1 :]


def _search_texts(directory, rng: random.Random, count: int) -> list[str]:
    from network.textnorm import fold

    names = [attrs.get("name", node) for node, attrs in directory.graph.nodes(data=True)]
    texts = []
    for i in range(count):
        name = rng.choice(names)
        words = name.split()
        kind = i % 3
        if kind == 0:
            texts.append(fold(name))  # "Region Orebro lan": accents dropped
        elif kind == 1:
            texts.append(_typo(rng, max(words, key=len)))  # "Örebo": one letter missing
        else:
            texts.append(" ".join(words[:2]))  # the start of a name
    return texts


def _median_ms(func, args_list: list[tuple]) -> dict:
    times = []
    for args in args_list:
        started = time.perf_counter()
        func(*args)
        times.append((time.perf_counter() - started) * 1000)
    times.sort()
    return {
        "median_ms": statistics.median(times),
        "p90_ms": times[int(0.9 * (len(times) - 1))],
        "max_ms": times[-1],
        "n": len(times),
    }


def run_queries(directory, count: int, seed: int) -> dict:
    from network.queries import ego_nodes, ego_network, shortest_paths
    from network.search import search

    rng = random.Random(seed)
    graph = directory.graph
    nodes = list(graph.nodes)
    hubs = sorted(nodes, key=graph.degree, reverse=True)[:5]
    started = time.perf_counter()
    search(directory, "qzxv")  # the first search builds the name index and the fuzzy-match index: timed apart
    results: dict[str, dict] = {
        "first search (builds the index)": {"median_ms": (time.perf_counter() - started) * 1000}
    }
    results["search"] = _median_ms(lambda t: search(directory, t), [(t,) for t in _search_texts(directory, rng, count)])
    centers = [(rng.choice(nodes),) for _ in range(count)]
    results["ego network r=1"] = _median_ms(lambda c: ego_network(directory, c, 1), centers)
    results["ego network r=2"] = _median_ms(lambda c: ego_network(directory, c, 2), centers)
    pairs = [(rng.choice(nodes), rng.choice(nodes)) for _ in range(count)]
    results["3 shortest paths"] = _median_ms(lambda a, b: shortest_paths(directory, a, b, k=3), pairs)
    results["hub ego network r=1"] = _median_ms(lambda c: ego_network(directory, c, 1), [(h,) for h in hubs])
    results["hub ego nodes r=2"] = _median_ms(lambda c: ego_nodes(directory, c, 2), [(h,) for h in hubs])
    results["hub ego network r=2"] = _median_ms(lambda c: ego_network(directory, c, 2), [(h,) for h in hubs[:3]])
    results["hub 3 shortest paths"] = _median_ms(
        lambda a, b: shortest_paths(directory, a, b, k=3), [(h, rng.choice(nodes)) for h in hubs]
    )
    results["hub degrees"] = {"degrees": [graph.degree(h) for h in hubs]}
    results["hub ego r=2 sizes"] = {"nodes": [len(ego_nodes(directory, h, 2)) for h in hubs[:3]]}
    return results


# --- the parent ------------------------------------------------------------------------------------------------


def _run_child(args: list[str]) -> dict:
    done = subprocess.run([sys.executable, __file__, "--child", *args], capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise SystemExit(f"child {args} failed:\n{done.stderr}")
    return json.loads(done.stdout.strip().splitlines()[-1])


def _median_run(runs: list[dict]) -> dict:
    """The run with the median time (so its steps and memory belong together)."""
    return sorted(runs, key=lambda r: r["seconds"])[len(runs) // 2]


def measure(size: str, seed: int, repeat: int, queries: int, naive: bool) -> dict:
    path = directory_for(size, seed)
    cache_dir = OUT / f"cache-{size}"
    shutil.rmtree(cache_dir, ignore_errors=True)
    naive_runs, cold_runs = [], []
    for _ in range(repeat):  # interleaved, so a busy machine slows both alike
        if naive:
            naive_runs.append(_run_child(["naive", str(path)]))
        cold_runs.append(_run_child(["load", str(path), "", "0", str(seed)]))
    store = _run_child(["load", str(path), str(cache_dir), "0", str(seed)])
    warm_runs = [_run_child(["load", str(path), str(cache_dir), "0", str(seed)]) for _ in range(repeat)]
    warm_runs[-1] = _run_child(["load", str(path), str(cache_dir), str(queries), str(seed)])
    result = {
        "size": size,
        "path": str(path),
        "cold": _median_run(cold_runs),
        "store": store,
        "warm": _median_run(warm_runs),
        "queries": warm_runs[-1].get("queries", {}),
        "cold_all": [r["seconds"] for r in cold_runs],
        "warm_all": [r["seconds"] for r in warm_runs],
    }
    if naive:
        result["naive"] = _median_run(naive_runs)
        result["naive_all"] = [r["seconds"] for r in naive_runs]
        result["ratio"] = result["cold"]["seconds"] / result["naive"]["seconds"]
    files = [p for p in path.iterdir() if p.suffix in (".csv", ".toml")]
    result["megabytes"] = sum(p.stat().st_size for p in files) / 1e6
    shutil.rmtree(cache_dir, ignore_errors=True)
    return result


def _table(results: list[dict]) -> str:
    lines = [
        "| size | entities / relations (edges) | files | naive | cold: read + validate + build | ratio | "
        "peak (cold) | cold + store (peak) | warm | peak (warm) |",
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ]
    for r in results:
        cold, steps = r["cold"], r["cold"]["steps"]
        split = " + ".join(f"{steps.get(s, 0):.2f}" for s in ("read", "validate", "build"))
        naive = f"{r['naive']['seconds']:.2f} s ({r['naive']['peak_mb']:.0f} MB)" if "naive" in r else "-"
        ratio = f"{r['ratio']:.2f}" if "ratio" in r else "-"
        lines.append(
            f"| {r['size']} | {cold['nodes']:,} / {cold['edges']:,} | {r['megabytes']:.1f} MB | {naive} | "
            f"**{cold['seconds']:.2f} s** ({split}) | {ratio} | {cold['peak_mb']:.0f} MB | "
            f"{r['store']['seconds']:.2f} s ({r['store']['peak_mb']:.0f} MB) | "
            f"**{r['warm']['seconds']:.2f} s**{'' if r['warm']['hit'] else ' (miss!)'}"
            f" | {r['warm']['peak_mb']:.0f} MB |"
        )
    lines += ["", "| size | query | median | p90 | max |", "| --- | --- | --- | --- | --- |"]
    for r in results:
        for name, q in r["queries"].items():
            if "n" in q:
                lines.append(
                    f"| {r['size']} | {name} | {q['median_ms']:.1f} ms | {q['p90_ms']:.1f} ms | {q['max_ms']:.1f} ms |"
                )
            elif "median_ms" in q:  # measured once
                lines.append(f"| {r['size']} | {name} | {q['median_ms']:.1f} ms (once) | | |")
            else:
                lines.append(f"| {r['size']} | {name} | {q} | | |")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--sizes", default="sample,small,big", help=f"comma-separated, of {', '.join(SIZES)}")
    parser.add_argument("--seed", type=int, default=1, help="generator and query seed (default 1)")
    parser.add_argument("--repeat", type=int, default=1, help="runs of each load; the median is shown (default 1)")
    parser.add_argument("--queries", type=int, default=50, help="random queries of each type (default 50)")
    parser.add_argument("--no-naive", action="store_true", help="skip the naive baseline")
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    if args.child:
        sys.path.insert(0, str(ROOT))
        kind, path, *rest = args.child
        if kind == "naive":
            print(json.dumps(child_naive(Path(path))))
        else:
            cache_dir, queries, seed = rest
            print(json.dumps(child_load(Path(path), Path(cache_dir) if cache_dir else None, int(queries), int(seed))))
        return 0
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    unknown = [s for s in sizes if s not in SIZES]
    if unknown:
        parser.error(f"unknown size {', '.join(unknown)}; sizes: {', '.join(SIZES)}")
    results = []
    for size in sizes:
        print(f"measuring {size} ...", file=sys.stderr)
        results.append(measure(size, args.seed, max(1, args.repeat), args.queries, not args.no_naive))
    machine = {
        "nproc": os.cpu_count(),
        "python": sys.version.split()[0],
        "platform": sys.platform,
        "load_average": os.getloadavg(),
    }
    OUT.mkdir(parents=True, exist_ok=True)
    stamp = time.strftime("%Y%m%d-%H%M%S")
    (OUT / f"results-{stamp}.json").write_text(json.dumps({"machine": machine, "results": results}, indent=1))
    print(
        f"machine: {machine['nproc']} cores, Python {machine['python']}, load average before the end "
        f"{', '.join(f'{x:.1f}' for x in machine['load_average'])}"
    )
    print(_table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
