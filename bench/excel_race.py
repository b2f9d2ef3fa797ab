"""Excel saves a file while the tool is saving: is the Excel write ever lost? (issue 10, item 7)

    python bench/excel_race.py --rounds 25 --seed 1

Excel does not take the tool's lock. Each round starts from the same generated directory (``bench/generate.py``
defaults, about 8 MB), prepares an edit that replaces three files (renaming the organisation with the most relations:
organisations.csv, people.csv, relations.csv) and saves it in a child process; after a random delay within the time
a save takes, the parent writes relations.csv "from Excel" (the file as it was, plus one marker row, written in
place). Outcomes per round:

- **refused**: the save saw the change (at the version check, or just before a replacement) and refused it;
- **saved-first**: the save finished before the Excel write (Excel's write then replaces the saved file, as any
  program that saves a file it read earlier does; the tool cannot prevent that);
- **lost**: the save went through *after* the Excel write and the marker row is gone. Must be 0.

Before the fix most such writes were lost (the issue saw 3 of 25; this script, 9 of 12 on a loaded machine). The
result line is what ``docs/reliability.md`` records.
"""

from __future__ import annotations

import argparse
import multiprocessing as mp
import random
import shutil
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from generate import generate  # noqa: E402  - bench/generate.py
from network.access import Actor  # noqa: E402
from network import editing, storage  # noqa: E402
from network.errors import ConflictError  # noqa: E402

__all__ = ["main"]


def _save(folder: str, tables: dict, base: str, summary: str, started, done) -> None:
    started.value = time.perf_counter()
    try:
        storage.save(folder, tables, base, summary=summary, actor=Actor("bench", "editor"))
    except ConflictError:
        sys.exit(3)
    done.value = time.perf_counter()


def _busiest_organisation(snapshot: storage.Snapshot) -> str:
    relations = snapshot.tables["relations.csv"]
    organisations = set(snapshot.tables["organisations.csv"]["id"])
    counts = relations["source"][relations["source"].isin(organisations)].value_counts()
    return str(counts.index[0])


def _round(
    pristine: Path, work: Path, edit: editing.EditResult, base: str, delay: float | None, number: int
) -> tuple[str, float]:
    """One save with one Excel write ``delay`` seconds after the save starts (None: no write). Returns the outcome
    and how long the save took."""
    shutil.rmtree(work, ignore_errors=True)
    shutil.copytree(pristine, work)
    target = work / "relations.csv"
    original = target.read_bytes()
    marker = f"excel-{number},knows,excel-{number},,,,,,\n".encode()
    context = mp.get_context("fork")
    started, done = context.Value("d", 0.0), context.Value("d", 0.0)
    child = context.Process(target=_save, args=(str(work), edit.changed_tables(), base, edit.summary, started, done))
    child.start()
    written_at = 0.0
    if delay is not None:
        while not started.value:
            time.sleep(0.001)
        time.sleep(max(0.0, started.value + delay - time.perf_counter()))
        written_at = time.perf_counter()
        with open(target, "r+b") as handle:  # in place, as a program that does not rename a temporary file would
            handle.write(original + marker)
            handle.truncate()
    child.join()
    seconds = (done.value - started.value) if done.value else 0.0
    if delay is None:
        return "no-write", seconds
    if child.exitcode == 3:
        return ("refused" if marker in target.read_bytes() else "lost"), seconds
    if done.value and done.value < written_at:
        return "saved-first", seconds
    return ("kept" if marker in target.read_bytes() else "lost"), seconds


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=25)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--keep", type=Path, help="work in this folder (the generated directory is kept there)")
    args = parser.parse_args(argv)
    base = args.keep or Path(tempfile.mkdtemp(prefix="excel-race-"))
    pristine = base / "pristine"
    if not pristine.exists():
        generate(pristine, orgs=5000, projects=1000, people=2500, relations=50000, seed=args.seed)
    size = sum(p.stat().st_size for p in pristine.glob("*.csv")) / 1e6
    snapshot = storage.load(pristine)  # the edit is made once; every round saves it on an identical copy
    edit = editing.rename_id(snapshot.tables, _busiest_organisation(snapshot), "renamed-by-bench")
    rng = random.Random(args.seed)
    _, save_time = _round(pristine, base / "work", edit, snapshot.fingerprint, None, 0)
    outcomes: Counter = Counter()
    for number in range(1, args.rounds + 1):
        delay = rng.uniform(0.0, max(0.05, save_time))
        outcomes[_round(pristine, base / "work", edit, snapshot.fingerprint, delay, number)[0]] += 1
    print(
        f"folder={size:.1f} MB save={save_time:.2f}s rounds={args.rounds} refused={outcomes['refused']} "
        f"saved-first={outcomes['saved-first']} kept={outcomes['kept']} lost={outcomes['lost']} "
        f"-> {'OK' if not outcomes['lost'] else 'FAILED'}"
    )
    if not args.keep:
        shutil.rmtree(base, ignore_errors=True)
    return 1 if outcomes["lost"] else 0


if __name__ == "__main__":
    sys.exit(main())
