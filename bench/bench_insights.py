"""Benchmark the insights: metrics per step, the report, the cache, and the map's data.

    python bench/bench_insights.py --orgs 100000 --relations 1000000     # the issue's size (run once: minutes)
    python bench/bench_insights.py --data data                          # the sample directory

Prints the time of each step of ``compute_metrics`` (projection, communities, betweenness, brokerage, home),
``build_insights``, storing and reading the metrics file, and building the map's layers (countries and points for
every organisation; the synthetic directory gets coordinates for 60 % of its organisations) with pydeck's JSON.
Also how long a 1 ms task waits while the metrics run in a background thread (the other users' share).
Figures go to docs/performance.md.
"""

from __future__ import annotations

import argparse
import shutil
import sys
import tempfile
import threading
import time
from pathlib import Path

import numpy as np
import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from network import load_directory  # noqa: E402
from network.insights import build_insights, report_basis  # noqa: E402
from network.metrics import Metrics, compute_metrics  # noqa: E402
from network.metrics_jobs import load_metrics, save_metrics  # noqa: E402


def prepare(orgs: int, relations: int) -> Path:
    from generate import generate  # bench/generate.py, next to this file

    folder = ROOT / "bench" / "out" / f"insights-{orgs}-{relations}"
    if not (folder / "relations.csv").exists():
        print(f"writing {folder} ...", flush=True)
        generate(folder, orgs, max(1, orgs // 5), max(1, orgs // 2), relations)
        _add_coordinates(folder / "organisations.csv")
    shutil.copy(ROOT / "data" / "country_groups.csv", folder / "country_groups.csv")
    return folder


def _add_coordinates(path: Path) -> None:
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    rng = np.random.default_rng(1)
    placed = rng.random(len(frame)) < 0.6
    frame["lat"] = np.where(placed, np.round(rng.uniform(36, 69, len(frame)), 4).astype(str), "")
    frame["lon"] = np.where(placed, np.round(rng.uniform(-9, 30, len(frame)), 4).astype(str), "")
    frame.to_csv(path, index=False)


def _latency_probe(stop: threading.Event, waits: list[float]) -> None:
    while not stop.is_set():
        start = time.perf_counter()
        time.sleep(0.001)
        sum(range(2000))
        waits.append(time.perf_counter() - start)
        time.sleep(0.05)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the insights and the map data.")
    parser.add_argument("--orgs", type=int, default=100_000)
    parser.add_argument("--relations", type=int, default=1_000_000)
    parser.add_argument("--data", type=Path, help="an existing directory instead of a generated one")
    parser.add_argument(
        "--reuse",
        action="store_true",
        help="keep the metrics in bench/out/metrics-cache and read them back next time (times only the report path)",
    )
    args = parser.parse_args(argv)
    folder = args.data or prepare(args.orgs, args.relations)
    started = time.perf_counter()
    directory = load_directory(folder, cache_dir=ROOT / "bench" / "out" / "cache")
    print(
        f"loaded {folder.name}: {directory.graph.number_of_nodes():,} entities, "
        f"{directory.graph.number_of_edges():,} links in {time.perf_counter() - started:.1f} s",
        flush=True,
    )

    kept = ROOT / "bench" / "out" / "metrics-cache"
    stored = load_metrics(kept, directory.fingerprint) if args.reuse else None
    if stored is None and args.reuse:
        stored = _older_file(kept, directory)
    if stored is not None:
        print(f"metrics read back from {kept} (not timed; --reuse)", flush=True)
        return _report_path(directory, stored)
    marks: list[tuple[str, float]] = []
    stop, waits = threading.Event(), []
    probe = threading.Thread(target=_latency_probe, args=(stop, waits), daemon=True)
    probe.start()
    started = time.perf_counter()
    metrics = compute_metrics(
        directory.graph,
        fingerprint=directory.fingerprint,
        home=directory.home,
        progress=lambda step, _done: marks.append((step, time.perf_counter())),
    )
    total = time.perf_counter() - started
    stop.set()
    probe.join()
    previous = started
    for step, at in marks:
        print(f"  until {step:<12} {at - previous:7.2f} s")
        previous = at
    print(
        f"metrics: {total:.1f} s ({metrics.community_count:,} communities, betweenness sampled from "
        f"{metrics.sampled_sources or 'all'} sources)"
    )
    if waits:
        print(
            f"another thread's 1 ms task meanwhile: median {np.median(waits) * 1000:.1f} ms, "
            f"max {max(waits) * 1000:.0f} ms ({len(waits)} probes)"
        )

    started, cpu = time.perf_counter(), time.process_time()
    metrics.report_basis = report_basis(directory, metrics)  # as the metrics job does (network/metrics_jobs.py)
    print(
        f"report basis (stored with the metrics): {time.perf_counter() - started:.2f} s "
        f"({time.process_time() - cpu:.2f} s CPU)"
    )
    if args.reuse:
        save_metrics(metrics, kept)
    return _report_path(directory, metrics)


def _older_file(kept: Path, directory) -> Metrics | None:
    """Metrics kept by an earlier version of this script (gzipped JSON, format 2): the measures are read back and
    the report basis worked out again with today's code, then stored in the current format."""
    import gzip
    import json

    safe = "".join(c for c in directory.fingerprint if c.isalnum())[:64]
    old = kept / f"metrics-{safe}.json.gz"
    if not old.exists():
        return None
    metrics = Metrics.from_dict(json.loads(gzip.decompress(old.read_bytes()))["metrics"])
    started, cpu = time.perf_counter(), time.process_time()
    metrics.report_basis = report_basis(directory, metrics)
    print(
        f"report basis (stored with the metrics): {time.perf_counter() - started:.2f} s "
        f"({time.process_time() - cpu:.2f} s CPU)"
    )
    save_metrics(metrics, kept)
    return metrics


def _report_path(directory, metrics) -> int:
    """Time the report from metrics in memory and from the stored file, then the map's layers."""

    started, cpu = time.perf_counter(), time.process_time()
    found = build_insights(directory, metrics, top=10)
    print(
        f"build_insights: {time.perf_counter() - started:.2f} s ({time.process_time() - cpu:.2f} s CPU; "
        f"{len(found.stale)} stale, {len(found.missing_countries)} missing countries)"
    )

    with tempfile.TemporaryDirectory() as cache:
        started = time.perf_counter()
        stored = save_metrics(metrics, cache)
        saved = time.perf_counter() - started
        print(f"cache: write {saved:.2f} s ({stored.stat().st_size / 1e6:.1f} MB)")
        cpus, expected = [], found.to_json()
        for _ in range(5):  # a full collection of the heap (about 2 s with this directory loaded) can land anywhere
            started, cpu = time.perf_counter(), time.process_time()
            again = load_metrics(cache, metrics.fingerprint)
            loaded, read_cpu = time.perf_counter() - started, time.process_time() - cpu
            report = build_insights(directory, again, top=10)
            cpus.append(time.process_time() - cpu)
            print(
                f"  read {loaded:.2f} s ({read_cpu:.2f} s CPU), read + report {time.perf_counter() - started:.2f} s "
                f"({cpus[-1]:.2f} s CPU)"
            )
            started, cpu = time.perf_counter(), time.process_time()
            answer = report.to_json()
            print(f"    the CLI's JSON of it (to_json): {time.process_time() - cpu:.2f} s CPU")
            assert answer == expected, "the report from the stored metrics differs"
        print(f"read + report from the cache: median {np.median(cpus):.2f} s CPU (of {len(cpus)})")

    from ui.pages.map import deck, layer_data, map_nodes  # the Map page's own code, without Streamlit's runtime
    from network.queries import ViewFilter

    started, cpu = time.perf_counter(), time.process_time()
    countries, points, _ids = layer_data(directory, map_nodes(directory, ViewFilter()))
    text = deck(countries, points, True).to_json()  # what st.pydeck_chart sends to the browser
    print(
        f"map layers: {len(points):,} points, {time.perf_counter() - started:.2f} s "
        f"({time.process_time() - cpu:.2f} s CPU) to build with the page's JSON ({len(text) / 1e6:.1f} MB)"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
