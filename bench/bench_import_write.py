"""The written import of keep.eu into a 100,000-organisation directory, split into the plan and the write (issue 11).

    python bench/bench_import_write.py                      # the directory bench_import.py --only keep-into-big made
    python bench/bench_import_write.py --folder DIR --cache CACHE --code OTHER_TREE
    python bench/bench_import_write.py --cold --result DIR    # empty cache folder first; keep the written folder

Copies the synthetic directory (default bench/out/import/synthetic-100000, made by ``bench_import.py --only
keep-into-big``) to bench/out/import-write/work and runs ``importing.run_import`` as the CLI does (``--match auto``,
the warm-start cache folder ``--cache``), printing wall and CPU seconds of the whole import and of its write step (from
the progress step "write": ``commit`` → ``storage.save``), with the load average. Run it twice: the first run after a
code change builds and stores the matcher (the cache key includes the code). ``--code`` runs another tree's
``network`` package (e.g. ``git archive`` of an older commit unpacked), for before/after figures on the same data.
``--cold`` empties the cache folder first (the import then builds the matcher from scratch, as the first import after
a code change does); ``--result`` copies the written folder (CSV files and change log) there, to compare two runs.
"""

from __future__ import annotations

import argparse
import os
import shutil
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REALDATA = Path(os.environ.get("NETWORK_REALDATA", ROOT.parent / "shared" / "realdata"))
SOURCE = REALDATA / "keep-interreg-2014-2020" / "keep_closed_1420_Partnership.csv"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--folder", type=Path, default=ROOT / "bench" / "out" / "import" / "synthetic-100000")
    parser.add_argument("--cache", type=Path, default=ROOT / "bench" / "out" / "import-write" / "cache")
    parser.add_argument("--code", type=Path, default=ROOT, help="the tree whose network package is run")
    parser.add_argument("--cold", action="store_true", help="empty the cache folder first")
    parser.add_argument("--result", type=Path, help="copy the written folder here (replacing it)")
    args = parser.parse_args(argv)
    if not SOURCE.is_file() or not args.folder.is_dir():
        print(f"needs {SOURCE} and {args.folder} (bench/bench_import.py --only keep-into-big makes it)")
        return 1
    if args.cold:
        shutil.rmtree(args.cache, ignore_errors=True)
    sys.path.insert(0, str(args.code))
    from network import importing  # noqa: PLC0415  (the tree chosen above)
    from network.access import Actor  # noqa: PLC0415

    work = ROOT / "bench" / "out" / "import-write" / "work"
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(args.folder, work, ignore=shutil.ignore_patterns(".history"))
    marks: dict[str, tuple[float, float]] = {}

    def step(name: str, _done: float) -> None:
        marks.setdefault(name, (time.perf_counter(), time.process_time()))

    wall, cpu = time.perf_counter(), time.process_time()
    report = importing.run_import(
        work,
        SOURCE,
        args.code / "mappings" / "keep-interreg-partners.toml",
        actor=Actor("bench", "editor"),
        match="auto",
        cache_dir=args.cache,
        progress=step,
    )
    end_wall, end_cpu = time.perf_counter(), time.process_time()
    write_wall, write_cpu = marks["write"]
    print(
        f"import {end_wall - wall:.1f} s wall / {end_cpu - cpu:.1f} s CPU; "
        f"of it the write {end_wall - write_wall:.1f} / {end_cpu - write_cpu:.1f}; "
        f"created {report.organisations_created}, matched {report.organisations_auto_matched}; "
        f"load average {os.getloadavg()[0]:.1f} ({importing.__file__}{', cold' if args.cold else ''})"
    )
    if args.result:
        shutil.rmtree(args.result, ignore_errors=True)
        shutil.copytree(work, args.result)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
