"""What the dropped-row accounting (network/dropped.py) costs inside validation, on a generated directory with errors.

    python bench/bench_dropped.py                                  # 20k organisations, 200k relations, 1% bad
    python bench/bench_dropped.py --orgs 100000 --relations 1000000 --bad 0.01

The directory comes from ``bench/generate.py`` (kept under ``bench/out/``); then a fraction ``--bad`` of the project
and organisation rows get a date that is not a date, so they and every relation naming them are left out. The run
reads and validates it once, timing ``dropped.account`` (the whole accounting) apart from the rest of ``validate``,
and prints how many rows were dropped and what they took along.
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

from network import validation  # noqa: E402
from network.reading import read_source  # noqa: E402


def _break(path: Path, file: str, column: str, every: int) -> int:
    """Write ``2024-13-45`` into ``column`` of every ``every``-th row of ``file``; returns how many rows."""
    with (path / file).open(encoding="utf-8", newline="") as handle:
        rows = list(csv.DictReader(handle))
    broken = 0
    for i, row in enumerate(rows):
        if i % every == 0:
            row[column] = "2024-13-45"
            broken += 1
    with (path / file).open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)
    return broken


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=20000)
    parser.add_argument("--relations", type=int, default=200000)
    parser.add_argument("--bad", type=float, default=0.01, help="fraction of project and organisation rows broken")
    args = parser.parse_args(argv)
    path = ROOT / "bench" / "out" / f"dropped-{args.orgs}-{args.relations}-{args.bad}"
    generate(path, args.orgs, args.orgs // 5, args.orgs // 2, args.relations)
    every = max(1, round(1 / args.bad))
    broken = _break(path, "projects.csv", "start", every) + _break(path, "organisations.csv", "verified", every)
    spent: list[float] = []
    original = validation.account

    def timed(*a, **k):
        started = time.perf_counter()
        try:
            return original(*a, **k)
        finally:
            spent.append(time.perf_counter() - started)

    validation.account = timed
    source = read_source(path)
    started = time.perf_counter()
    data, problems = validation.validate(source)
    total = time.perf_counter() - started
    counts = data.dropped.counts()
    print(
        f"{args.orgs:,} organisations, {args.relations:,} relations, {broken:,} rows broken: "
        f"{len(problems):,} problems, dropped {dict(counts)}"
    )
    print(
        f"validate: {total:.2f} s, of which the dropped-row accounting: {spent[0]:.3f} s "
        f"({100 * spent[0] / total:.1f} %)"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
