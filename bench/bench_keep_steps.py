"""keep.eu's real files into an empty folder, step by step, in CPU and wall seconds.

    NETWORK_REALDATA=../shared/realdata python bench/bench_keep_steps.py

The steps of ``tests/test_import_update.py::test_keep_eu_projects_sheet_enriches_the_partner_import``: the partner
list (8,621 rows), then the Projects sheet with ``--update`` (1,891 rows), loading the result, and the Projects
sheet again as a dry run. An empty folder and an empty cache folder (a temporary one), so every run is a first run.
"""

from __future__ import annotations

import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REALDATA = Path(os.environ.get("NETWORK_REALDATA") or ROOT.parent / "shared" / "realdata")
KEEP = REALDATA / "keep-interreg-2014-2020"
MAPPINGS = ROOT / "mappings"


def main() -> int:
    if not KEEP.is_dir():
        print(f"{KEEP} is not there: set NETWORK_REALDATA to the folder with keep-interreg-2014-2020", file=sys.stderr)
        return 2
    with tempfile.TemporaryDirectory() as work:
        os.environ["NETWORK_CACHE_DIR"] = str(Path(work) / "cache")
        import datetime as dt

        from network import importing, load_directory
        from network.access import Actor
        from network.import_mapping import load_mapping

        today, actor = dt.date(2026, 11, 28), Actor("bench@example.org", "editor")
        data = Path(work) / "data"
        data.mkdir()

        def run(source: Path, mapping: str, **options) -> None:
            importing.run_import(data, source, load_mapping(MAPPINGS / mapping), today=today, actor=actor, **options)

        projects = KEEP / "keep_closed_1420.xlsx"
        steps = [
            (
                "partner list into an empty folder",
                lambda: run(KEEP / "keep_closed_1420_Partnership.csv", "keep-interreg-partners.toml"),
            ),
            ("Projects sheet, --update", lambda: run(projects, "keep-interreg-projects.toml", update=True)),
            ("loading the result", lambda: load_directory(data, today=today)),
            (
                "Projects sheet again, --dry-run",
                lambda: run(projects, "keep-interreg-projects.toml", update=True, dry_run=True),
            ),
        ]
        for label, step in steps:
            cpu, wall = time.process_time(), time.perf_counter()
            step()
            print(
                f"{label:40} {time.process_time() - cpu:6.1f} s CPU {time.perf_counter() - wall:6.1f} s wall",
                flush=True,
            )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
