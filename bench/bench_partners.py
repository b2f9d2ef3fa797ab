"""How fast is the partner search? A ranked, explained search over 100,000 organisations and 1,000,000 relations.

    python bench/bench_partners.py                    # 100,000 organisations, 1,000,000 relations, 30 queries
    python bench/bench_partners.py --orgs 5000 --relations 50000 --repeat 10

The directory is written by ``bench/generate.py`` (the benchmark engineer's generator; same seed, same bytes) into
``bench/out/partners-<orgs>-<relations>`` and reused when it is already there, plus this project's
``data/country_groups.csv`` and one programme row with a country group, so the eligibility filter runs too.

Timed, after loading (load time is reported, not part of the target):

- ``first``: the first query, which builds the per-directory index (organisations as arrays, themes, the latest
  dated contact, the breadth-first search from the home organisation, networks shared with it);
- ``query``: the median (and 90th percentile) of ``--repeat`` further queries with different themes, countries,
  types and draft consortia, each returning ``--top`` candidates with their reasons. Target: median < 300 ms.

Results go in docs/performance.md ("Partner search").
"""

from __future__ import annotations

import argparse
import csv
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from network import load_directory  # noqa: E402
from network.partners import PartnerQuery, find_partners, partner_index  # noqa: E402
from network.rules import Member  # noqa: E402

__all__ = ["prepare", "queries", "main"]

TARGET_MS = 300.0
PROGRAMME = "bench-creative-europe-small"


def prepare(orgs: int, relations: int, out: Path | None = None) -> Path:
    """The benchmark directory: generated once (bench/generate.py), then reused."""
    from generate import generate  # bench/generate.py, next to this file

    folder = out or ROOT / "bench" / "out" / f"partners-{orgs}-{relations}"
    if not (folder / "relations.csv").exists():
        print(f"writing {folder} ...", flush=True)
        generate(folder, orgs, max(1, orgs // 5), max(1, orgs // 2), relations)
    shutil.copy(ROOT / "data" / "country_groups.csv", folder / "country_groups.csv")
    _add_programme(folder / "programmes.csv")
    return folder


def _add_programme(path: Path) -> None:
    with path.open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    header = list(rows[0]) if rows else ["id", "name"]
    for column in ("family", "call", "min_partners", "min_countries", "eligible_group"):
        if column not in header:
            header.append(column)
    rows = [r for r in rows if r["id"] != PROGRAMME]
    rows.append(
        {
            "id": PROGRAMME,
            "name": "Benchmark: Creative Europe small-scale",
            "family": "creative-europe",
            "call": "benchmark",
            "min_partners": "3",
            "min_countries": "3",
            "eligible_group": "creative-europe-countries",
        }
    )
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=header, lineterminator="\n", restval="")
        writer.writeheader()
        writer.writerows(rows)


def queries(directory, repeat: int, top: int) -> list[PartnerQuery]:
    """Varied, realistic queries: one or two themes, some with countries or types, some with a draft consortium."""
    themes = (
        "dance",
        "theatre",
        "children-youth",
        "social-economy",
        "heritage",
        "music",
        "inclusion",
        "climate",
        "contemporary dance",
        "visual arts for young people",
    )
    frame = directory.tables["organisation"]
    sample = frame["id"].iloc[:: max(1, len(frame) // 50)].tolist()[:50]
    found = []
    for i in range(repeat):
        consortium = tuple(
            Member(org, "coordinator" if j == 0 else "partner")
            for j, org in enumerate(sample[i % 10 : i % 10 + (i % 4)])
        )
        found.append(
            PartnerQuery(
                programme=PROGRAMME if i % 3 else "creative-europe-small",
                themes=(themes[i % len(themes)],) + ((themes[(i + 3) % len(themes)],) if i % 2 else ()),
                countries=("DE", "PL", "ES") if i % 5 == 1 else (),
                types=("theatre", "association") if i % 5 == 2 else (),
                consortium=consortium,
                top=top,
            )
        )
    return found


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Benchmark the partner search.")
    parser.add_argument("--orgs", type=int, default=100_000, help="organisations (default 100,000)")
    parser.add_argument("--relations", type=int, default=1_000_000, help="relations (default 1,000,000)")
    parser.add_argument("--repeat", type=int, default=30, help="timed queries (default 30)")
    parser.add_argument("--top", type=int, default=10, help="candidates per query (default 10)")
    parser.add_argument("--out", type=Path, help="the directory folder (default bench/out/partners-ORGS-RELATIONS)")
    args = parser.parse_args(argv)
    folder = prepare(args.orgs, args.relations, args.out)
    started = time.perf_counter()
    directory = load_directory(folder)
    loaded = time.perf_counter() - started
    print(
        f"loaded {len(directory.tables['organisation']):,} organisations, "
        f"{directory.graph.number_of_edges():,} relations in {loaded:.1f} s "
        f"({len(directory.report.errors)} errors)",
        flush=True,
    )
    plan = queries(directory, args.repeat + 1, args.top)
    started = time.perf_counter()
    first = find_partners(directory, plan[0])
    first_ms = (time.perf_counter() - started) * 1000
    index = partner_index(directory)
    reached = int((index.home_view(directory.home).distance > 0).sum()) if directory.home else 0
    times = []
    shown = 0
    for query in plan[1:]:
        started = time.perf_counter()
        shown += len(find_partners(directory, query))
        times.append((time.perf_counter() - started) * 1000)
    median = statistics.median(times)
    p90 = sorted(times)[int(0.9 * (len(times) - 1))]
    print(
        f"first query (builds the index): {first_ms:,.0f} ms, {len(first)} candidates; "
        f"{reached:,} organisations within 3 steps of {directory.home}"
    )
    print(
        f"query: median {median:.0f} ms, p90 {p90:.0f} ms, max {max(times):.0f} ms over {len(times)} queries "
        f"({shown} candidates shown); target < {TARGET_MS:.0f} ms: {'met' if median < TARGET_MS else 'NOT met'}"
    )
    return 0 if median < TARGET_MS else 1


if __name__ == "__main__":
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    raise SystemExit(main())
