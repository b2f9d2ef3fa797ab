"""How fast is a partner search on the combined real directory, warm, from the command line?

    python bench/bench_partners_realdata.py                 # 5 runs of each query
    python bench/bench_partners_realdata.py --repeat 10

The directory is the sample (data/) with keep.eu's partner list and all 144,726 CORDIS participations imported through
the shipped mappings (about 42,600 organisations, 33,300 projects, 153,700 relations), written once into
``bench/out/realdata-combined`` (git-ignored) and reused. It needs ../shared/realdata (or $NETWORK_REALDATA).

Timed, each in a fresh process with warm caches (the directory cache and the partner-index cache already written by
a first, untimed run), for three queries (Interreg Europe + culture, Horizon Europe RIA + culture, Creative Europe
small without a theme):

- ``cli``: the wall time of the whole ``python -m network partners ... --top 10`` command (interpreter start and
  library imports included);
- ``search``: inside one process, the partner search itself after the warm load: reading the partner index back
  (``partner_cache.warm_partner_index``) plus ``find_partners_page`` with its reasons. Target: ≤ 1 s.

With ``--page``, the dashboard's Partners page instead (Streamlit's AppTest, in a fresh process per run with the
same warm disk caches; the app's first page, Overview, loads the directory and is not timed): ``page, first``
is the first run of the Partners page with the query in the link (the partner index read from the cache folder,
the search, the page drawn), ``page, rerun`` the same page run again (what a click costs; the index is held).

Each figure is the median wall time and, in brackets, the CPU time the process used: on a shared machine the wall
time grows with the load average (printed) while the CPU time stays close to what an idle machine would take.

Results go in docs/performance.md ("Partner search on the combined real directory").
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

__all__ = ["prepare", "main", "QUERIES"]

REALDATA = Path(os.environ.get("NETWORK_REALDATA") or ROOT.parent / "shared" / "realdata")
QUERIES = (
    ("interreg-europe", "culture"),
    ("horizon-europe-ria", "culture"),
    ("creative-europe-small", ""),
)
TARGET_S = 1.0


def prepare(out: Path) -> Path:
    """The combined directory: the sample plus keep.eu and CORDIS, imported once."""
    from network import importing
    from network.access import Actor

    if (out / "relations.csv").exists():
        return out
    shutil.rmtree(out, ignore_errors=True)
    shutil.copytree(ROOT / "data", out)
    for source, mapping in (
        (REALDATA / "keep-interreg-2014-2020" / "keep_closed_1420_Partnership.csv", "keep-interreg-partners.toml"),
        (REALDATA / "cordis-h2020" / "h2020.csv.gz", "cordis-h2020.toml"),
    ):
        print(f"importing {source.name} ...", flush=True)
        importing.run_import(out, source, ROOT / "mappings" / mapping, actor=Actor("bench", "editor"))
    return out


def _search_once(data: Path, cache: Path, programme: str, theme: str) -> tuple[float, float]:
    """In this process: the warm load (not timed), then the partner index and the search (timed: wall and CPU)."""
    from network import load_directory
    from network.partner_cache import warm_partner_index
    from network.partners import PartnerQuery, find_partners_page

    directory = load_directory(data, cache_dir=cache)
    started, cpu = time.perf_counter(), time.process_time()
    warm_partner_index(directory, cache)
    find_partners_page(directory, PartnerQuery(programme=programme, themes=(theme,) if theme else (), top=10))
    return time.perf_counter() - started, time.process_time() - cpu


def _cli(data: Path, cache: Path, programme: str, theme: str) -> tuple[float, float]:
    """The whole command in a new process: wall time and the CPU time it used (user + system)."""
    command = [
        sys.executable,
        "-m",
        "network",
        "--data",
        str(data),
        "partners",
        "--programme",
        programme,
        "--top",
        "10",
    ] + (["--theme", theme] if theme else [])
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(
        command,
        cwd=ROOT,
        env={**os.environ, "NETWORK_CACHE_DIR": str(cache)},
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def _page_once(data: Path, cache: Path, programme: str, theme: str) -> tuple[float, float, float, float]:
    """In this process: the app's first page (not timed), then the Partners page with the query and a rerun."""
    os.environ.update(NETWORK_DATA=str(data), NETWORK_CACHE_DIR=str(cache))
    from streamlit.testing.v1 import AppTest

    at = AppTest.from_file(str(ROOT / "network_app.py"), default_timeout=600)
    at.run()
    at.query_params.clear()
    at.query_params.update({"programme": programme, **({"themes": theme} if theme else {})})
    figures = []
    for step in (lambda: at.switch_page("ui/pages/partners.py").run(), lambda: at.run()):
        started, cpu = time.perf_counter(), time.process_time()
        step()
        figures += [time.perf_counter() - started, time.process_time() - cpu]
        if at.exception:
            raise SystemExit(f"the page failed: {at.exception[0].value}")
    return tuple(figures)  # type: ignore[return-value]


def _pages(data: Path, cache: Path, repeat: int) -> None:
    print("| query | page, first: wall (CPU) | page, rerun: wall (CPU) |")
    print("| --- | --- | --- |")
    for programme, theme in QUERIES:
        runs = []
        for _ in range(repeat):
            result = subprocess.run(
                [sys.executable, __file__, "--page-once", str(data), str(cache), programme, theme],
                capture_output=True,
                text=True,
                check=True,
            )
            runs.append([float(x) for x in result.stdout.strip().splitlines()[-1].split()])
        first = _median([(r[0], r[1]) for r in runs])
        rerun = _median([(r[2], r[3]) for r in runs])
        print(f"| {programme}" + (f" --theme {theme}" if theme else "") + f" | {first} | {rerun} |", flush=True)


def _median(runs: list[tuple[float, float]]) -> str:
    return f"{statistics.median(r[0] for r in runs):.2f} ({statistics.median(r[1] for r in runs):.2f})"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--out", type=Path, default=ROOT / "bench" / "out" / "realdata-combined")
    parser.add_argument("--page", action="store_true", help="time the dashboard's Partners page instead")
    args = parser.parse_args(argv)
    if not REALDATA.is_dir():
        print(f"{REALDATA} is not present: nothing to measure.")
        return 0
    data = prepare(args.out)
    cache = args.out.parent / "realdata-combined-cache"
    for programme, theme in QUERIES:  # the first run writes both caches
        _cli(data, cache, programme, theme)
    print(f"load average {os.getloadavg()[0]:.1f}; {args.repeat} runs each; medians in seconds, wall (CPU)")
    if args.page:
        _pages(data, cache, args.repeat)
        print(f"load average {os.getloadavg()[0]:.1f} at the end")
        return 0
    print("| query | cli: whole command | search: partner index + query |")
    print("| --- | --- | --- |")
    for programme, theme in QUERIES:
        cli = [_cli(data, cache, programme, theme) for _ in range(args.repeat)]
        search = []
        for _ in range(args.repeat):
            result = subprocess.run(
                [sys.executable, __file__, "--search-once", str(data), str(cache), programme, theme],
                capture_output=True,
                text=True,
                check=True,
            )
            wall, cpu = result.stdout.strip().splitlines()[-1].split()
            search.append((float(wall), float(cpu)))
        label = f"{programme}" + (f" --theme {theme}" if theme else "")
        print(f"| {label} | {_median(cli)} | **{_median(search)}** |")
    print(f"load average {os.getloadavg()[0]:.1f} at the end")
    return 0


if __name__ == "__main__":
    if len(sys.argv) == 6 and sys.argv[1] == "--page-once":
        figures = _page_once(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4], sys.argv[5])
        print(" ".join(f"{x:.4f}" for x in figures))
        sys.exit(0)
    if len(sys.argv) == 6 and sys.argv[1] == "--search-once":
        wall, cpu = _search_once(Path(sys.argv[2]), Path(sys.argv[3]), sys.argv[4], sys.argv[5])
        print(f"{wall:.4f} {cpu:.4f}")
        sys.exit(0)
    sys.exit(main())
