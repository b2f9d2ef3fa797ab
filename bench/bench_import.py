"""Import benchmark: the whole keep.eu partner file and the CORDIS H2020 participations, dry run and writing.

    python bench/bench_import.py                    # both files, dry run and writing, into fresh folders
    python bench/bench_import.py --only cordis --repeat 3
    python bench/bench_import.py --only keep-into-big --big 100000   # keep.eu into a 100,000-organisation directory

Each case imports into a new, empty folder under bench/out/import/ (writing goes through the safe save path:
lock, backup, change log), then imports the same file again into the same folder (which must change nothing).
Times are wall-clock seconds from reading the source to the report (and the write). The real files come from
../shared/realdata (see its README); the script says so and stops if they are absent. Target (issue 6): CORDIS
under 30 s.

``keep-into-big`` imports keep.eu (Partners CSV, then the Projects sheet with --update, twice) into a copy of a
synthetic directory of ``--big`` organisations (bench/generate.py; written once under bench/out/import/), the case
of issue 11: import and matching into a 100,000-organisation directory within 30 s. NETWORK_REALDATA points to the
real files when they are not in ../shared/realdata. The imports use a warm-start cache folder (``--cache``, default
bench/out/import/cache) as the CLI does; ``--cold`` empties it first, ``--cache none`` uses none.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from network import importing, load_directory, storage  # noqa: E402
from network.access import Actor  # noqa: E402

#: The benchmark imports as an editor.
EDITOR = Actor("bench", "editor")

from generate import generate  # noqa: E402  (bench/generate.py)

REALDATA = Path(os.environ.get("NETWORK_REALDATA", ROOT.parent / "shared" / "realdata"))
CASES = {
    "keep-csv": (
        REALDATA / "keep-interreg-2014-2020" / "keep_closed_1420_Partnership.csv",
        ROOT / "mappings" / "keep-interreg-partners.toml",
        "",
    ),
    "keep-xlsx": (
        REALDATA / "keep-interreg-2014-2020" / "keep_closed_1420.xlsx",
        ROOT / "mappings" / "keep-interreg-partners.toml",
        "Partners",
    ),
    "cordis": (REALDATA / "cordis-h2020" / "h2020.csv.gz", ROOT / "mappings" / "cordis-h2020.toml", ""),
}


def _timed(function):
    started = time.perf_counter()
    result = function()
    return result, time.perf_counter() - started


def run_case(name: str, repeat: int, out: Path) -> dict:
    source, mapping, sheet = CASES[name]
    dry, write, again = [], [], []
    report = None
    for i in range(repeat):
        folder = out / f"{name}-{i}"
        shutil.rmtree(folder, ignore_errors=True)
        folder.mkdir(parents=True)
        report, seconds = _timed(
            lambda: importing.run_import(folder, source, mapping, sheet=sheet, dry_run=True, actor=EDITOR)
        )
        dry.append(seconds)
        report, seconds = _timed(lambda: importing.run_import(folder, source, mapping, sheet=sheet, actor=EDITOR))
        write.append(seconds)
        second, seconds = _timed(lambda: importing.run_import(folder, source, mapping, sheet=sheet, actor=EDITOR))
        again.append(seconds)
        assert second.changes == 0 and not second.written, "the second import changed something"
    directory, load_seconds = _timed(lambda: load_directory(folder))
    size = sum(p.stat().st_size for p in folder.glob("*.csv"))
    history = sum(p.stat().st_size for p in storage.history_dir(folder).rglob("*") if p.is_file())
    return {
        "case": name,
        "rows": report.rows_read,
        "skipped": len(report.skipped),
        "organisations": report.organisations_created,
        "groups": report.groups_created,
        "programmes": report.programmes_created,
        "relations": report.relations_created,
        "dry": statistics.median(dry),
        "write": statistics.median(write),
        "again": statistics.median(again),
        "load": load_seconds,
        "errors": len(directory.report.errors),
        "csv_mb": size / 2**20,
        "history_mb": history / 2**20,
    }


def _timed_cpu(function):
    """(result, wall seconds, CPU seconds of this process): on a shared machine the CPU time is the steadier figure."""
    started, cpu = time.perf_counter(), time.process_time()
    result = function()
    return result, time.perf_counter() - started, time.process_time() - cpu


def run_big(repeat: int, out: Path, size: int, match: str = "auto", cache_dir: Path | None = None) -> dict:
    """keep.eu's partners (dry run, then written; organisations matched as ``--match`` says, the CLI's default
    auto), its projects sheet with --update, and that again (which must change nothing). ``cache_dir``: the
    warm-start cache folder the imports use, as the CLI uses its own (matching's forms and matcher,
    ``network.matching.form_cache``); None: none."""
    base = out / f"synthetic-{size}"
    if not (base / "organisations.csv").is_file():
        generate(base, size, size // 5, size // 4, size * 3)
    partners, partners_mapping, _ = CASES["keep-csv"]
    projects = REALDATA / "keep-interreg-2014-2020" / "keep_closed_1420.xlsx"
    projects_mapping = ROOT / "mappings" / "keep-interreg-projects.toml"
    times: dict[str, list[tuple[float, float]]] = {"dry": [], "write": [], "projects": [], "again": []}
    for _ in range(repeat):
        folder = out / f"keep-into-{size}"
        shutil.rmtree(folder, ignore_errors=True)
        shutil.copytree(base, folder)
        report, *seconds = _timed_cpu(
            lambda: importing.run_import(
                folder, partners, partners_mapping, dry_run=True, actor=EDITOR, match=match, cache_dir=cache_dir
            )
        )
        times["dry"].append(tuple(seconds))
        report, *seconds = _timed_cpu(
            lambda: importing.run_import(
                folder, partners, partners_mapping, actor=EDITOR, match=match, cache_dir=cache_dir
            )
        )
        times["write"].append(tuple(seconds))
        enriched, *seconds = _timed_cpu(
            lambda: importing.run_import(
                folder, projects, projects_mapping, update=True, actor=EDITOR, cache_dir=cache_dir
            )
        )
        times["projects"].append(tuple(seconds))
        second, *seconds = _timed_cpu(
            lambda: importing.run_import(
                folder, projects, projects_mapping, update=True, actor=EDITOR, cache_dir=cache_dir
            )
        )
        times["again"].append(tuple(seconds))
        assert second.changes == 0, "the second --update of the projects sheet changed something"
    return {
        "size": size,
        "match": match,
        "auto_matched": report.organisations_auto_matched,
        "organisations": report.organisations_created,
        "relations": report.relations_created,
        "filled": enriched.fields_filled,
        **{k: (statistics.median(w for w, _ in v), statistics.median(c for _, c in v)) for k, v in times.items()},
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--only", choices=sorted(CASES) + ["keep-into-big"], action="append", help="run only this case (repeatable)"
    )
    parser.add_argument("--repeat", type=int, default=1, help="runs per case; the median is shown (default 1)")
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "import", help="where to import to")
    parser.add_argument(
        "--big",
        type=int,
        default=100_000,
        help="organisations in the synthetic directory of keep-into-big (default 100000)",
    )
    parser.add_argument(
        "--match",
        choices=importing.MATCH_MODES,
        default="auto",
        help="how keep-into-big matches organisations (default auto, as the CLI)",
    )
    parser.add_argument(
        "--cache",
        default=str(ROOT / "bench" / "out" / "import" / "cache"),
        help="the warm-start cache folder keep-into-big imports with (as the CLI does); 'none' for no cache",
    )
    parser.add_argument(
        "--cold", action="store_true", help="empty that cache folder first (the first dry run then builds everything)"
    )
    args = parser.parse_args(argv)
    cache_dir = None if args.cache == "none" else Path(args.cache)
    if cache_dir is not None:
        if args.cold:
            shutil.rmtree(cache_dir, ignore_errors=True)
        cache_dir.mkdir(mode=0o700, parents=True, exist_ok=True)
    if not REALDATA.is_dir():
        print(f"{REALDATA} is not present: the import benchmark needs the real files (see its README).")
        return 0
    if "keep-into-big" in (args.only or []):
        r = run_big(args.repeat, args.out, args.big, args.match, cache_dir)
        print(
            f"Seconds as wall / CPU. --match {r['match']}: {r['auto_matched']:,} organisations taken as existing. "
            f"Cache: {cache_dir or 'none'}{' (emptied first)' if args.cold else ''}; load average "
            f"{os.getloadavg()[0]:.1f}."
        )
        print(
            "| directory | organisations created | relations created | fields filled | partners dry run (s) | "
            "partners write (s) | projects --update (s) | projects --update again (s) |"
        )
        print("|---|--:|--:|--:|--:|--:|--:|--:|")
        cells = " | ".join(f"{r[k][0]:.1f} / {r[k][1]:.1f}" for k in ("dry", "write", "projects", "again"))
        print(
            f"| {r['size']:,} organisations | {r['organisations']:,} | {r['relations']:,} | {r['filled']:,} | "
            f"{cells} |",
            flush=True,
        )
        args.only = [c for c in args.only if c != "keep-into-big"]
        if not args.only:
            return 0
    print(
        "| case | rows | skipped | organisations | projects | programmes | relations | dry run (s) | "
        "write (s) | again (s) | load (s) | errors | CSV (MB) | history (MB) |"
    )
    print("|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|")
    for name in args.only or ["keep-csv", "keep-xlsx", "cordis"]:
        r = run_case(name, args.repeat, args.out)
        print(
            f"| {r['case']} | {r['rows']:,} | {r['skipped']:,} | {r['organisations']:,} | {r['groups']:,} | "
            f"{r['programmes']:,} | {r['relations']:,} | {r['dry']:.1f} | {r['write']:.1f} | {r['again']:.1f} | "
            f"{r['load']:.1f} | {r['errors']} | {r['csv_mb']:.1f} | {r['history_mb']:.1f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
