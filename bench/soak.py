"""Soak test of the safe save path: many editors, one folder, random kills; then prove nothing was lost.

    python bench/soak.py                                  # 6 editors × 60 edits, about 12 kills
    python bench/soak.py --editors 12 --edits 200 --seed 7 --keep bench/out/soak

N editor *processes* share one copy of ``tests/fixtures/dashboard``. Each one loops: read the files
(``storage.load``), make a random edit with ``network.editing`` and save it with ``storage.save`` based on the version
it read. Edits are

- valid: add an organisation with a unique id (``soak-<editor>-<n>``) — it must be there at the end if acknowledged;
- invalid: the same with an unknown country code — ``editing`` must refuse it with problems, and it must be absent;
- stale: saved on a version read before an earlier save of the same editor — ``ConflictError`` unless nothing changed
  in between, and if refused it must be absent.

Each editor writes a journal (one JSON line per step, flushed and fsynced): ``try`` before the save, then ``ack``,
``invalid`` (with the problems it was shown) or ``conflict``. Kills come two ways: an editor may kill itself with
``os._exit`` at a random point *inside* a save (before or after one of its file replacements, patched in), and the
parent SIGKILLs random editors at random moments; every killed editor is replaced by a new one.

Checks at the end (after ``storage.recover``): every acknowledged id is in organisations.csv; no refused id is; every
id in the data was tried by someone; every CSV in the folder and in every backup parses, the directory loads with no
errors, and every change-log line is JSON; every step an editor took ended in ack/invalid/conflict or a recorded kill
("reported"). The result line is what ``docs/reliability.md`` records. Exit code 1 if anything was lost.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import random
import shutil
import signal
import sys
import tempfile
import time
from dataclasses import asdict, dataclass, field
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from network import editing, load_directory, reading, schema, storage  # noqa: E402
from network.access import Actor  # noqa: E402
from network.errors import ConflictError, NetworkError  # noqa: E402

#: The soak's editors write as administrators named after their process; recovery runs as this one.
EDITOR = Actor("soak", "admin")

FIXTURE = ROOT / "tests" / "fixtures" / "dashboard"

__all__ = ["SoakResult", "soak", "check", "main"]


@dataclass
class SoakResult:
    editors: int = 0
    edits: int = 0
    acknowledged: int = 0
    invalid_refused: int = 0
    conflicts_refused: int = 0
    killed_in_save: int = 0
    killed_from_outside: int = 0
    lost: int = 0
    refused_but_present: int = 0
    unknown_present: int = 0
    unreported: int = 0
    corrupt_files: list[str] = field(default_factory=list)
    damaged_log_lines: int = 0
    load_errors: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not (
            self.lost
            or self.refused_but_present
            or self.unknown_present
            or self.unreported
            or self.corrupt_files
            or self.load_errors
        )


def _journal(path: Path, entry: dict) -> None:
    with open(path, "a", encoding="utf-8") as handle:
        handle.write(json.dumps(entry) + "\n")
        handle.flush()
        os.fsync(handle.fileno())


def _self_killing_replace(chance: float, rng: random.Random, journal: Path):
    """``os.replace`` that sometimes kills the process just before or just after replacing a file."""
    real = os.replace

    def replace(src, dst, *args, **kwargs):
        if rng.random() < chance / 2:
            _journal(journal, {"step": "killed-in-save"})
            os._exit(137)
        real(src, dst, *args, **kwargs)
        if rng.random() < chance / 2:
            _journal(journal, {"step": "killed-in-save"})
            os._exit(137)

    return replace


def _editor(folder: str, name: str, edits: int, seed: int, kill_chance: float, journal_dir: str) -> None:
    """One editor process: ``edits`` random edits, each step journalled."""
    rng = random.Random(seed)
    journal = Path(journal_dir) / f"{name}.jsonl"
    os.replace = _self_killing_replace(kill_chance, rng, journal)  # only in this process
    older = None
    for number in range(edits):
        snapshot = storage.load(folder)
        kind = rng.choices(["valid", "invalid", "stale"], weights=[6, 2, 2])[0]
        base_snapshot = older if kind == "stale" and older is not None else snapshot
        older = snapshot
        entity_id = f"soak-{name}-{number}"
        country = "XX" if kind == "invalid" else rng.choice(["SE", "IT", "DE", "FR", "ES", "PL"])
        values = {"id": entity_id, "name": f"Soak {name} {number}", "type": "ngo", "country": country}
        _journal(journal, {"step": "try", "id": entity_id, "kind": kind})
        result = editing.add_entity(base_snapshot.tables, "organisation", values, config=base_snapshot.config)
        if not result.ok:
            _journal(journal, {"step": "invalid", "id": entity_id, "problems": [p.message for p in result.errors]})
            continue
        try:
            saved = storage.save(
                folder,
                result.changed_tables(),
                base_snapshot.fingerprint,
                summary=result.summary,
                actor=Actor(name, "admin"),
            )
        except ConflictError as exc:
            _journal(journal, {"step": "conflict", "id": entity_id, "message": str(exc)[:80]})
            continue
        except NetworkError as exc:
            _journal(journal, {"step": "error", "id": entity_id, "message": str(exc)[:200]})
            continue
        _journal(journal, {"step": "ack", "id": entity_id, "backup": saved.backup})
    _journal(journal, {"step": "done"})


def _read_journals(journal_dir: Path) -> list[list[dict]]:
    found = []
    for file in sorted(journal_dir.glob("*.jsonl")):
        lines = []
        for line in file.read_text("utf-8").splitlines():
            try:
                lines.append(json.loads(line))
            except ValueError:
                pass  # a line cut by a kill
        found.append(lines)
    return found


def _parses(path: Path, table) -> bool:
    try:
        with open(path, "rb") as handle:
            reading.read_csv(handle, table, path.name)
        return True
    except Exception:  # noqa: BLE001 - any failure to read is corruption here
        return False


def check(folder: Path, journal_dir: Path, result: SoakResult) -> SoakResult:
    """The end-of-run checks (see the module docs); fills in ``result``."""
    storage.recover(folder, actor=EDITOR)
    snapshot = storage.load(folder)
    present = set(snapshot.tables[schema.ORGANISATIONS.file]["id"].astype(str))
    present_soak = {i for i in present if i.startswith("soak-")}
    tried, acked, refused = set(), set(), set()
    for lines in _read_journals(journal_dir):
        pending = None
        for entry in lines:
            step = entry["step"]
            if step == "try":
                if pending is not None:
                    result.unreported += 1
                pending = entry["id"]
                tried.add(entry["id"])
            elif step == "ack":
                acked.add(entry["id"])
                result.acknowledged += 1
                pending = None
            elif step in ("invalid", "conflict"):
                refused.add(entry["id"])
                result.invalid_refused += step == "invalid"
                result.conflicts_refused += step == "conflict"
                if step == "invalid" and not entry.get("problems"):
                    result.unreported += 1
                pending = None
            elif step == "error":
                pending = None
            elif step == "killed-in-save":
                result.killed_in_save += 1
                pending = None
        result.edits += len([e for e in lines if e["step"] == "try"])
    result.lost = len(acked - present_soak)
    result.refused_but_present = len(refused & present_soak)
    result.unknown_present = len(present_soak - tried)
    for file in sorted(folder.glob("*.csv")):
        table = schema.table_for_file(file.name)
        if table is not None and not _parses(file, table):
            result.corrupt_files.append(str(file.relative_to(folder)))
    for backup in sorted((storage.history_dir(folder) / "backups").glob("*")):
        for file in sorted(backup.glob("*.csv")):
            table = schema.table_for_file(file.name)
            if table is not None and not _parses(file, table):
                result.corrupt_files.append(str(file.relative_to(folder)))
    log = storage.history_dir(folder) / "changes.jsonl"
    if log.exists():
        for line in log.read_text("utf-8").splitlines():
            try:
                json.loads(line)
            except ValueError:
                result.damaged_log_lines += 1
    result.load_errors = len(load_directory(folder).report.errors)
    return result


def soak(
    folder: Path,
    *,
    editors: int = 6,
    edits: int = 60,
    seed: int = 1,
    kill_chance: float = 0.03,
    outside_kills: int = 6,
    journal_dir: Path | None = None,
) -> SoakResult:
    """Run the soak on ``folder`` (a directory folder that may be changed) and check it."""
    start = time.perf_counter()
    rng = random.Random(seed)
    journal_dir = journal_dir or Path(tempfile.mkdtemp(prefix="soak-journal-"))
    journal_dir.mkdir(parents=True, exist_ok=True)
    context = mp.get_context("fork")
    result = SoakResult(editors=editors)
    counter = 0

    def start_editor(remaining: int) -> mp.Process:
        nonlocal counter
        counter += 1
        process = context.Process(
            target=_editor,
            args=(str(folder), f"e{counter}", remaining, rng.randrange(2**31), kill_chance, str(journal_dir)),
            daemon=True,
        )
        process.start()
        return process

    running = [start_editor(edits) for _ in range(editors)]
    kills_left, replacements_left = outside_kills, editors * 4
    while any(p.is_alive() for p in running):
        time.sleep(rng.uniform(0.05, 0.4))
        alive = [p for p in running if p.is_alive()]
        if kills_left and alive and rng.random() < 0.5:
            victim = rng.choice(alive)
            os.kill(victim.pid, signal.SIGKILL)
            result.killed_from_outside += 1
            kills_left -= 1
        still = []
        for process in running:  # a killed editor is replaced by a new one with a quarter of the edits
            if process.is_alive():
                still.append(process)
                continue
            process.join()
            if process.exitcode != 0 and replacements_left:
                replacements_left -= 1
                still.append(start_editor(max(1, edits // 4)))
        running = still
    check(folder, journal_dir, result)
    result.seconds = round(time.perf_counter() - start, 1)
    return result


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--editors", type=int, default=6)
    parser.add_argument("--edits", type=int, default=60, help="edits per editor (a replacement editor does a quarter)")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--kill-chance", type=float, default=0.03, help="chance per file replacement of a self-kill")
    parser.add_argument("--outside-kills", type=int, default=6, help="how many times the parent SIGKILLs an editor")
    parser.add_argument("--keep", type=Path, help="run in this folder (emptied first) and keep it")
    args = parser.parse_args(argv)
    work = args.keep or Path(tempfile.mkdtemp(prefix="soak-"))
    if work.exists():
        shutil.rmtree(work)
    folder = Path(shutil.copytree(FIXTURE, work / "data"))
    result = soak(
        folder,
        editors=args.editors,
        edits=args.edits,
        seed=args.seed,
        kill_chance=args.kill_chance,
        outside_kills=args.outside_kills,
        journal_dir=work / "journals",
    )
    print(json.dumps(asdict(result)))
    print(
        f"editors={result.editors} edits={result.edits} acknowledged={result.acknowledged} "
        f"refused(invalid)={result.invalid_refused} refused(conflict)={result.conflicts_refused} "
        f"kills={result.killed_in_save + result.killed_from_outside} (in save {result.killed_in_save}, "
        f"from outside {result.killed_from_outside}) lost={result.lost} corrupt={len(result.corrupt_files)} "
        f"unreported={result.unreported} time={result.seconds}s -> {'OK' if result.ok else 'FAILED'}"
    )
    if not args.keep:
        shutil.rmtree(work, ignore_errors=True)
    return 0 if result.ok else 1


if __name__ == "__main__":
    sys.exit(main())
