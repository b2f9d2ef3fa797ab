"""How long ``python -m network matches`` takes over a 60,000-organisation directory (target: ≤ 60 s).

    python bench/bench_matching.py                  # 60,000 organisations
    python bench/bench_matching.py --orgs 20000

The directory is the synthetic one of ``bench/generate.py`` (Swedish and European names, many alike by design:
"Kulturhuset i Örebro", "Kulturföreningen i Örebro" ...) plus, when ../shared/realdata is present, every distinct
keep.eu partner and CORDIS organisation name (about 10,000 real names with their real spelling variants), so the
blocking meets the real mess. It times the whole command path: loading the tables, building the matcher, blocking
and scoring every candidate pair.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402

from network import countries, schema, storage  # noqa: E402
from network.matching import Matcher  # noqa: E402

REALDATA = ROOT.parent / "shared" / "realdata"
if not REALDATA.exists():
    REALDATA = Path("/work/shared/realdata")


def real_organisations() -> pd.DataFrame:
    """Distinct (name, country) of keep.eu partners and CORDIS organisations, as organisations.csv rows."""
    parts = []
    keep = REALDATA / "keep-interreg-2014-2020" / "keep_closed_1420_Partnership.csv"
    if keep.exists():
        frame = pd.read_csv(keep, sep=";", dtype=str, keep_default_na=False)
        parts.append(
            pd.DataFrame(
                {
                    "name": frame["Project Partner"],
                    "city": frame["Town"],
                    "country": frame["Country"].map(lambda v: countries.guess_code(v) or ""),
                    "website": frame["Website"],
                }
            )
        )
    cordis = REALDATA / "cordis-h2020" / "organizations_sample_2023.csv"
    if cordis.exists():
        frame = pd.read_csv(cordis, dtype=str, keep_default_na=False)
        parts.append(
            pd.DataFrame(
                {
                    "name": frame["name"],
                    "city": frame["city"],
                    "country": frame["country"].map(countries.normalise_code),
                    "website": frame["organizationURL"],
                    "pic": frame["organisationID"],
                    "vat": frame["vatNumber"],
                }
            )
        )
    if not parts:
        return pd.DataFrame(columns=["name"])
    real = pd.concat(parts, ignore_index=True).fillna("")
    real = real[real["name"].str.strip() != ""].drop_duplicates(["name", "country"]).reset_index(drop=True)
    real["id"] = [f"real-{i}" for i in range(len(real))]
    real["type"] = "other"
    return real


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--orgs", type=int, default=60000, help="organisations in all (default 60000)")
    args = parser.parse_args(argv)
    real = real_organisations()
    synthetic = max(0, args.orgs - len(real))
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "dir"
        generate(out, orgs=synthetic, projects=10, people=10, relations=100)
        orgs = pd.read_csv(out / schema.ORGANISATIONS.file, dtype=str, keep_default_na=False)
        both = pd.concat([orgs, real], ignore_index=True).fillna("").head(args.orgs)
        both.to_csv(out / schema.ORGANISATIONS.file, index=False)
        started, cpu = time.perf_counter(), time.process_time()
        snapshot = storage.load(out)
        loaded = time.perf_counter()
        matcher = Matcher(snapshot.tables)
        built = time.perf_counter()
        pairs = matcher.pairs()
        done, cpu = time.perf_counter(), time.process_time() - cpu
    auto = sum(1 for p in pairs if p.auto)
    print(
        f"{len(both):,} organisations ({len(real):,} real names): load {loaded - started:.1f} s, index "
        f"{built - loaded:.1f} s, pairs {done - built:.1f} s; total {done - started:.1f} s wall, {cpu:.1f} s CPU; "
        f"{len(pairs):,} candidate pairs ≥ 0.6, {auto:,} above the auto-merge threshold"
    )
    print(f"load average (1, 5, 15 min): {', '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} CPUs")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
