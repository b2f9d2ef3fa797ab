"""Does an import leave the other sessions running? The longest pause another thread sees while an import runs.

    python bench/bench_import_fairness.py                 # 50,000 generated rows, into an empty folder
    python bench/bench_import_fairness.py --rows 144726

Streamlit runs each session's script in its own thread of one process, so an import blocks the others only where
it holds the interpreter lock (GIL) for long: a C call that does not release it. This runs ``read_table`` and
``plan_import`` (a dry run: read, map, match, validate) on a generated partner list in a worker thread, with a
mapping that also applies a pattern (``patterns.py``, which releases the GIL), while the main thread plays another
session: it sleeps 1 ms again and again and records how late it wakes. The figures are the longest and the 99th
percentile wake-up delay during the import, next to the same with nothing running (the machine's own noise);
Python itself hands the GIL over every 5 ms
(``sys.getswitchinterval()``), so delays near that mean nothing holds it longer.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import threading
import time
import tomllib
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from network import importing  # noqa: E402
from network.import_mapping import parse_mapping  # noqa: E402

MAPPING = """
[organisation]
name = { column = "Project Partner", pattern = '^\\s*(.+?)\\s*$' }
country = "Country code"
city = "Town"
[group]
kind = "project"
key = ["Programme", "Acronym"]
name = "Acronym"
programme = "Programme"
[relation]
type = "partner_in"
role = "Lead Partner"
role_map = { Yes = "coordinator", No = "partner" }
"""


def generate(rows: int) -> bytes:
    countries = ["SE", "DE", "IT", "FR", "ES", "PL", "FI", "EL", "UK", "NL"]
    lines = ["Programme;Acronym;Project Partner;Lead Partner;Town;Country code"]
    for i in range(rows):
        lines.append(
            f"Interreg {i % 7};PRJ{i // 5};Partner organisation {i % (rows // 3 + 1)};"
            f"{'Yes' if i % 5 == 0 else 'No'};Town {i % 997};{countries[i % len(countries)]}"
        )
    return ("\n".join(lines) + "\n").encode()


def heartbeat(until: threading.Event | float) -> list[float]:
    """Sleep 1 ms again and again until the event is set (or for that many seconds); each wake-up's delay."""
    delays: list[float] = []
    end = time.perf_counter() + until if isinstance(until, float) else None
    while not (until.is_set() if end is None else time.perf_counter() > end):
        before = time.perf_counter()
        time.sleep(0.001)
        delays.append(time.perf_counter() - before - 0.001)
    return sorted(delays)


def summary(delays: list[float]) -> dict[str, float]:
    return {
        "max_ms": delays[-1] * 1000,
        "p99_ms": delays[int(len(delays) * 0.99)] * 1000,
        "median_ms": statistics.median(delays) * 1000,
    }


def run(rows: int) -> dict[str, float]:
    data = generate(rows)
    mapping = parse_mapping(tomllib.loads(MAPPING), "bench.toml")
    done = threading.Event()
    result: dict[str, float] = {}

    def work() -> None:
        started = time.perf_counter()
        with tempfile.TemporaryDirectory() as folder:
            table = importing.read_table(data, "partners.csv")
            plan = importing.plan_import(Path(folder) / "new", table, mapping)
        result["seconds"] = time.perf_counter() - started
        result["imported"] = plan.report.rows_imported
        done.set()

    worker = threading.Thread(target=work)
    worker.start()
    delays = heartbeat(done)
    worker.join()
    result.update(summary(delays))
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--rows", type=int, default=50_000)
    args = parser.parse_args()
    idle = summary(heartbeat(5.0))
    print(
        f"baseline (nothing else running in this process, 5 s): wake-up delay median {idle['median_ms']:.1f} ms, "
        f"p99 {idle['p99_ms']:.1f} ms, max {idle['max_ms']:.1f} ms"
    )
    figures = run(args.rows)
    print(
        f"rows {args.rows:,}; imported {figures['imported']:,.0f}; import {figures['seconds']:.1f} s; "
        f"other thread's wake-up delay: median {figures['median_ms']:.1f} ms, p99 {figures['p99_ms']:.1f} ms, "
        f"max {figures['max_ms']:.1f} ms (switch interval {sys.getswitchinterval() * 1000:.0f} ms)"
    )


if __name__ == "__main__":
    main()
