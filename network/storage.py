"""The safe save path: every change to a directory folder is written here, and nothing is ever lost.

A save (``save``) happens under a lock file (``.history/write.lock``, the ``filelock`` package) and

1. checks that the files are still the version the change was based on (the *fingerprint*, a content hash, that
   ``load`` returned and that ``Directory.fingerprint`` also carries). If someone else saved first, or a person
   saved a file from Excel, the save is refused with ``ConflictError`` and nothing is written; the caller still
   holds its edit and can re-apply it to the new version (``editing.apply``);
2. copies the current files to a timestamped backup ``.history/backups/<stamp>/`` (unchanged files are hard links
   to the previous backup, so a backup costs only what changed); the newest ``keep_backups`` are kept;
3. writes each changed table to a temporary file in the same folder, flushes it to disk (``fsync``) and moves it
   over the old file with ``os.replace``, which is atomic. Excel does not take the lock, so the backup must hold
   exactly the bytes the check read, and immediately before each replacement the file must still hold them; if a
   file changed (saved from Excel), the files already replaced are put back, the save is refused with
   ``ConflictError`` and the other program's file is left as it wrote it. A journal (``.history/pending.json``)
   names the backup and what the save wrote while files are being replaced: if the replace fails, the files already
   replaced are put back from the backup at once; if the process dies, the next save (or ``recover``) puts back
   those that still hold what the save wrote. Either way the folder holds the previous version or the new one,
   never a mix and never a half-written file;
4. appends one JSON line to the change log ``.history/changes.jsonl``: when, who, what changed, with the before
   and after values of each changed row (large changes such as imports record counts only; the backup holds the
   before).

Every function here that writes (``save``, ``restore``, ``erase_person``, ``recover``) takes a required ``actor``
(``network.access.Actor``) and checks it itself with ``access.authorize`` before it reads, locks or writes
anything: a viewer, an anonymous visitor or an actor without an identity is refused with
``PermissionDeniedError`` and not one byte under the folder changes. The change log's ``who`` is
``actor.identity``, never empty.

Personal data in the history is kept findable so that it can be erased (issue 7): each change-log entry lists the
ids of the people whose rows it contains under ``subjects``, and ``erase_person`` removes a person (every id they
had; ``network.erasure`` holds the matching rules) from every log entry, every backup and every backup's manifest.

Only folders of CSV files are written. A workbook (``.xlsx``) directory is read-only here: ``save`` refuses it with a
message that says how to convert it (``convert_workbook``, ``python -m network convert``). Rewriting a workbook
would drop its formatting, formulas and other sheets, which staff would not expect from "save".

CSV is written in the project's format: UTF-8 (with a byte-order mark only if the file had one), comma-separated,
the header in the order of ``schema.py`` followed by any extra columns the file had, the rows in their original
order (new rows at the end), and the file's own line ends (``\\n`` unless it used ``\\r\\n``).
"""

from __future__ import annotations

import csv
import datetime as dt
import filecmp
import hashlib
import io
import json
import os
import re
import shutil
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping, Sequence

import numpy as np
import pandas as pd
from filelock import FileLock, Timeout

from . import access, erasure, messages, reading, schema
from .access import Actor
from .atomic import fsync_dir, write_atomically, write_temp
from .errors import ConflictError, NetworkError, UsageError
from .messages import Message, message
from .ids import norm_id, norm_ids
from .problems import Problem
from .schema import DirectoryConfig, Table

__all__ = [
    "Snapshot",
    "SaveResult",
    "Backup",
    "SaveError",
    "Tables",
    "load",
    "empty_snapshot",
    "fingerprint",
    "require_folder",
    "writable",
    "save",
    "restore",
    "backups",
    "changes",
    "recover",
    "erase_person",
    "ERASE_LOG_SUMMARY",
    "table_bytes",
    "empty_table",
    "conform",
    "convert_workbook",
    "history_dir",
    "key_columns",
    "DEFAULT_KEEP_BACKUPS",
]

#: Table file name ("organisations.csv") → its rows as strings; the index is the spreadsheet row (header = 1).
Tables = dict[str, pd.DataFrame]

HISTORY = ".history"
BACKUPS = "backups"
CHANGES = "changes.jsonl"
LOCK = "write.lock"
JOURNAL = "pending.json"
MANIFEST = "backup.json"
DEFAULT_KEEP_BACKUPS = 20
#: Seconds to wait for another save to finish before giving up with a message.
LOCK_TIMEOUT = 30.0
#: Above this many changed rows a change-log entry records counts only (the backup holds the rows).
MAX_LOGGED_ROWS = 500
_STAMP = re.compile(r"^\d{8}T\d{6}\.\d{6}Z(?:-\d+)?$")


class SaveError(NetworkError):
    """A save could not be completed (disk full, no permission); the previous files were kept."""


@dataclass(frozen=True)
class Snapshot:
    """One consistent version of a directory's files, as raw strings: what an edit starts from."""

    path: Path
    #: Every table of the format (missing files as empty tables), raw strings as written, schema columns first.
    tables: Tables
    fingerprint: str
    config: DirectoryConfig
    #: Table files that exist on disk (the others are empty here and written only when they get rows).
    existing: frozenset[str]
    #: Problems found while reading (unreadable rows, unknown files); validation problems come from ``editing``.
    problems: tuple[Problem, ...] = ()

    @property
    def writable(self) -> bool:
        """True for a folder of CSV files; a workbook is read-only (see the module docs)."""
        return writable(self.path)


@dataclass(frozen=True)
class SaveResult:
    """What a save or restore did."""

    fingerprint: str
    changed: bool
    files: tuple[str, ...] = ()
    backup: str = ""
    entry: str = ""


@dataclass(frozen=True)
class Backup:
    """One backup: the files as they were before the save that made it."""

    id: str
    when: dt.datetime
    files: tuple[str, ...]
    summary: str = ""
    who: str | None = None
    size: int = 0
    #: The summary as codes with parameters (``network.messages``), for the dashboard's language; () for old ones.
    notes: tuple[Message, ...] = ()


# --- paths -----------------------------------------------------------------------------------------------------


def history_dir(path: str | Path) -> Path:
    """``<folder>/.history``: backups, the change log and the lock file live here."""
    return Path(path) / HISTORY


def _backups_dir(path: Path) -> Path:
    return history_dir(path) / BACKUPS


def writable(path: str | Path) -> bool:
    """Whether edits can be saved to this directory: a folder of CSV files can, a workbook cannot (see the module
    docs). Known from the path alone, before any file is read."""
    return Path(path).is_dir()


def require_folder(path: Path) -> None:
    """Refuse to write anything but a folder of CSV files: a workbook is converted first (``convert``)."""
    if path.is_file() and path.suffix.lower() == ".xlsx":
        raise UsageError(message("save.workbook", name=path.name, path=path))
    if not path.is_dir():
        raise UsageError(message("save.not-a-folder", path=path))


# --- reading ---------------------------------------------------------------------------------------------------


def fingerprint(path: str | Path) -> str:
    """The content hash of the directory's files: the same value ``load_directory`` gives ``Directory.fingerprint``.

    It changes whenever any file changes, also when a person saves a CSV from Excel while the dashboard runs.
    """
    path = Path(path)
    return reading.fingerprint(path) if path.exists() else ""


def empty_table(table: Table) -> pd.DataFrame:
    """A table with the format's columns and no rows."""
    frame = pd.DataFrame({c: pd.Series([], dtype=object) for c in table.column_names})
    frame.index = pd.RangeIndex(2, 2, name=reading.ROW_INDEX)
    return frame


#: The dtype of the column labels ``conform`` makes (pandas' default for a list of strings).
_LABELS = pd.Index(["id"]).dtype


def _conformed(frame: pd.DataFrame, table: Table) -> bool:
    """Whether ``frame`` is already what ``conform`` makes of it: the format's columns in order and nothing else,
    labelled as ``conform`` labels them, each of ``object`` strings (no missing cell). An import's tables pass
    through ``conform`` several times (planning, the CSV bytes, the change log's diff); checking a column's values
    is a quarter of converting it."""
    names = table.column_names
    return (
        list(frame.columns) == list(names)
        and frame.columns.dtype == _LABELS
        and all(
            frame[c].dtype == object
            and pd.api.types.infer_dtype(frame[c].to_numpy(), skipna=False) in ("string", "empty")
            for c in names
        )
    )


def conform(frame: pd.DataFrame, table: Table) -> pd.DataFrame:
    """A table as storage keeps it: schema columns first (missing ones added empty), extra columns after, as plain
    ``object`` strings."""
    if _conformed(frame, table):
        return frame.copy(deep=False)  # the same cells; a change to either copy is not seen in the other
    extra = [c for c in frame.columns if c not in table.column_names]
    out = pd.DataFrame(index=frame.index)
    for name in (*table.column_names, *extra):
        out[name] = _text_column(frame[name]) if name in frame.columns else pd.Series("", frame.index, dtype=object)
    return out


def _text_column(column: pd.Series) -> pd.Series:
    """A column as ``object`` values with "" for a missing cell. A text column as the readers give it (Arrow-backed
    ``str``) is filled in Arrow, and each distinct value becomes one Python string that every cell with it shares:
    ids, countries, types and dates repeat (200,000 relations hold 60,000 distinct ids in a column), and making a
    string per cell was most of ``load``'s time and memory on 60,000 organisations (docs/performance.md, eleventh
    session)."""
    if isinstance(column.dtype, pd.StringDtype):
        codes, distinct = pd.factorize(column.fillna(""))
        values = np.asarray(distinct.astype(object), dtype=object)[codes]
        return pd.Series(values, index=column.index, name=column.name, dtype=object)
    return column.astype(object).fillna("").astype(object)


def empty_snapshot(path: str | Path) -> Snapshot:
    """The snapshot of a directory that does not exist yet (a dry-run import into a new folder)."""
    return Snapshot(Path(path), {t.file: empty_table(t) for t in schema.TABLES}, "", DirectoryConfig(), frozenset())


def load(path: str | Path, attempts: int = 5) -> Snapshot:
    """Read the directory's files as raw strings, with the fingerprint of exactly the bytes that were read.

    If a file changes while it is read (fingerprint before and after differ), it is read again, so the tables and
    the fingerprint always belong together and a save based on them cannot hide someone else's change.
    """
    path = Path(path)
    for _ in range(attempts):
        before = fingerprint(path)
        source = reading.read_source(path)
        if source.fingerprint == before:
            break
    else:
        raise ConflictError(message("save.kept-changing", path=path))
    tables: Tables = {}
    for table in schema.TABLES:
        raw = source.tables.get(table.file)
        tables[table.file] = conform(raw.frame, table) if raw is not None else empty_table(table)
    existing = frozenset(source.tables)
    return Snapshot(path, tables, source.fingerprint, source.config, existing, tuple(source.problems))


# --- writing CSV -----------------------------------------------------------------------------------------------


def table_bytes(frame: pd.DataFrame, table: Table, like: bytes | None = None) -> bytes:
    """A table as CSV bytes in the project's format, keeping the BOM and line ends of ``like`` (the old file)."""
    frame = conform(frame, table)
    eol = "\r\n" if like and b"\r\n" in like.split(b"\n", 1)[0] + b"\n" else "\n"
    buffer = io.StringIO(newline="")
    writer = csv.writer(buffer, lineterminator=eol)
    writer.writerow(list(frame.columns))
    writer.writerows(frame.to_numpy(dtype=object).tolist())
    bom = "\ufeff" if like is not None and like.startswith(b"\xef\xbb\xbf") else ""
    return (bom + buffer.getvalue()).encode("utf-8")


# --- the lock, the journal and recovery ------------------------------------------------------------------------


def _lock(path: Path) -> FileLock:
    history = history_dir(path)
    try:
        history.mkdir(parents=True, exist_ok=True)
    except OSError as exc:
        raise SaveError(message("save.no-history-folder", folder=history, detail=exc)) from exc
    return FileLock(str(history / LOCK), timeout=LOCK_TIMEOUT)


class _Locked:
    """``with _Locked(path):`` holds the write lock, with a clear message when another save takes too long."""

    def __init__(self, path: Path) -> None:
        self.lock = _lock(path)

    def __enter__(self) -> None:
        try:
            self.lock.acquire()
        except Timeout as exc:
            raise ConflictError(message("save.lock-busy", seconds=f"{LOCK_TIMEOUT:.0f}")) from exc
        except OSError as exc:
            raise SaveError(message("save.lock-failed", file=self.lock.lock_file, detail=exc)) from exc

    def __exit__(self, *exc: object) -> None:
        self.lock.release()


def recover(path: str | Path, *, actor: Actor) -> bool:
    """Finish an interrupted save by putting back the files it had begun to replace. True if there was one.

    Called by every save and restore before anything else; safe to call at any time (it takes the lock). It
    writes, so it needs a role that may edit.
    """
    access.authorize(actor, "edit")
    path = Path(path)
    with _Locked(path):
        return _recover_locked(path, actor.identity)


def _recover_locked(path: Path, who: str) -> bool:
    journal = history_dir(path) / JOURNAL
    for stale in path.glob(".*.tmp"):  # temporary files of a save that died before its journal
        stale.unlink(missing_ok=True)
    for stale in _backups_dir(path).glob(".incomplete-*"):
        shutil.rmtree(stale, ignore_errors=True)
    if not journal.exists():
        return False
    try:
        pending = json.loads(journal.read_text("utf-8"))
        backup = _backups_dir(path) / pending["backup"]
        _put_back(path, backup, pending["files"], pending.get("written"))
    except (OSError, ValueError, KeyError) as exc:
        raise SaveError(message("save.recover-failed", detail=exc, folder=_backups_dir(path))) from exc
    _append_log(
        path,
        {
            "action": "recover",
            "summary": messages.english("change.recover", {}),
            "notes": messages.to_records([message("change.recover")]),
            "backup": pending["backup"],
            "who": who,
        },
    )
    journal.unlink()
    fsync_dir(journal.parent)
    return True


def _digest(data: bytes | None) -> str | None:
    return None if data is None else hashlib.blake2b(data, digest_size=16).hexdigest()


def _read_or_none(file: Path) -> bytes | None:
    try:
        return file.read_bytes()
    except FileNotFoundError:
        return None


def _put_back(path: Path, backup: Path, files: list[str], written: Mapping[str, str | None] | None = None) -> None:
    """Make each of ``files`` in the folder what it is in ``backup`` (absent if the backup does not have it).

    With ``written`` (file → digest of what the save wrote there, None for a file it removed), only the files that
    still hold what the save wrote are put back: a file another program (Excel) wrote meanwhile is left as it is.
    """
    for name in files:
        saved, current = backup / name, path / name
        if written is not None and (name not in written or _digest(_read_or_none(current)) != written[name]):
            continue
        if saved.exists():
            data = saved.read_bytes()
            if not current.exists() or current.read_bytes() != data:  # only what the save had replaced
                write_atomically(current, data)
        else:
            current.unlink(missing_ok=True)


# --- backups ---------------------------------------------------------------------------------------------------


def _stamp(now: dt.datetime) -> str:
    return now.astimezone(dt.timezone.utc).strftime("%Y%m%dT%H%M%S.%fZ")


def _new_backup_id(path: Path, now: dt.datetime) -> str:
    base = _stamp(now)
    name, n = base, 1
    while (_backups_dir(path) / name).exists():
        n += 1
        name = f"{base}-{n}"
    return name


def _make_backup(path: Path, backup_id: str, meta: dict[str, Any]) -> Path:
    """Copy every file of the directory into a new backup (hard links for files equal to the newest backup).

    The files are ``reading.source_files``: a symbolic link that leads out of the folder is never followed or
    copied (it would put a system file into the backups); a link inside the folder is copied as the file it names.
    """
    root = _backups_dir(path)
    root.mkdir(parents=True, exist_ok=True)
    newest = _backup_ids(path)[-1:] or []
    previous = root / newest[0] if newest else None
    temp = root / f".incomplete-{backup_id}"
    temp.mkdir()
    names = []
    for file in reading.source_files(path):
        names.append(file.name)
        old = previous / file.name if previous else None
        if old is not None and old.exists() and filecmp.cmp(old, file, shallow=False):
            try:
                os.link(old, temp / file.name)
                continue
            except OSError:
                pass
        shutil.copy2(file, temp / file.name)
    (temp / MANIFEST).write_text(json.dumps({**meta, "files": names}, ensure_ascii=False), "utf-8")
    for file in temp.iterdir():
        with open(file, "rb") as handle:
            os.fsync(handle.fileno())
    final = root / backup_id
    os.replace(temp, final)
    fsync_dir(root)
    return final


def _backup_ids(path: Path) -> list[str]:
    root = _backups_dir(path)
    if not root.is_dir():
        return []
    return sorted(p.name for p in root.iterdir() if p.is_dir() and _STAMP.match(p.name))


def backups(path: str | Path) -> list[Backup]:
    """Every backup of the directory, newest first."""
    path = Path(path)
    found = []
    for backup_id in reversed(_backup_ids(path)):
        folder = _backups_dir(path) / backup_id
        try:
            meta = json.loads((folder / MANIFEST).read_text("utf-8"))
        except (OSError, ValueError):
            meta = {}
        files = tuple(sorted(p.name for p in folder.iterdir() if p.name != MANIFEST))
        when = dt.datetime.strptime(backup_id[:23], "%Y%m%dT%H%M%S.%fZ").replace(tzinfo=dt.timezone.utc)
        size = sum((folder / f).stat().st_size for f in files)
        found.append(
            Backup(
                backup_id,
                when,
                files,
                meta.get("summary", ""),
                meta.get("who"),
                size,
                tuple(messages.from_records(meta.get("notes"))),
            )
        )
    return found


def _prune(path: Path, keep: int) -> None:
    ids = _backup_ids(path)
    for old in ids[: max(0, len(ids) - keep)]:
        shutil.rmtree(_backups_dir(path) / old, ignore_errors=True)


def _keep_backups(path: Path, keep: int | None) -> int:
    """How many backups to keep: the argument, else $NETWORK_KEEP_BACKUPS, else [history] keep_backups in
    directory.toml, else 20."""
    if keep is None and os.environ.get("NETWORK_KEEP_BACKUPS", "").strip().isdigit():
        keep = int(os.environ["NETWORK_KEEP_BACKUPS"])
    if keep is None:
        config = path / reading.CONFIG_FILE
        if config.exists():
            with config.open("rb") as handle:
                extra = reading.read_config(handle)[0].extra
            value = extra.get("history", {}).get("keep_backups") if isinstance(extra.get("history"), dict) else None
            keep = value if isinstance(value, int) else None
    return max(1, keep if keep is not None else DEFAULT_KEEP_BACKUPS)


# --- the change log --------------------------------------------------------------------------------------------


def _now() -> dt.datetime:
    return dt.datetime.now(dt.timezone.utc)


def _append_log(path: Path, entry: dict[str, Any]) -> str:
    now = _now()
    entry = {"id": entry.get("id") or _stamp(now), "when": now.isoformat(timespec="seconds"), **entry}
    line = json.dumps(entry, ensure_ascii=False, default=str) + "\n"
    log = history_dir(path) / CHANGES
    with open(log, "a", encoding="utf-8") as handle:
        handle.write(line)
        handle.flush()
        os.fsync(handle.fileno())
    return entry["id"]


def changes(path: str | Path, limit: int | None = None) -> list[dict[str, Any]]:
    """The change log's entries, newest first (``limit`` of them). A damaged line is skipped, not fatal."""
    log = history_dir(Path(path)) / CHANGES
    if not log.exists():
        return []
    entries = []
    for line in log.read_text("utf-8").splitlines():
        try:
            entries.append(json.loads(line))
        except ValueError:
            continue
    entries.reverse()
    return entries[:limit] if limit else entries


def key_columns(table: Table) -> tuple[str, ...]:
    """The columns that identify a row: ``id`` for entities, source-relation-target-since for relations, the
    first column for lookup tables (``group`` in country_groups.csv)."""
    if table.is_entity:
        return ("id",)
    if table.kind == "relation":
        return schema.RELATION_KEY
    return (table.columns[0].name,)


def _aligned(old: pd.DataFrame, new: pd.DataFrame, table: Table) -> tuple[pd.DataFrame, pd.DataFrame]:
    old, new = conform(old, table), conform(new, table)
    columns = list(dict.fromkeys([*old.columns, *new.columns]))
    return old.reindex(columns=columns, fill_value=""), new.reindex(columns=columns, fill_value="")


def _hashes(frame: pd.DataFrame) -> np.ndarray:
    """One hash per row, as a plain array: compared element by element, a Series would box every value."""
    # categorize=False: most columns are nearly unique, so factorising them first only costs time.
    return pd.util.hash_pandas_object(frame, index=False, categorize=False).to_numpy()


def _same_positions(old: pd.DataFrame, new: pd.DataFrame) -> np.ndarray:
    """For each position below both lengths: whether row ``i`` of ``old`` and row ``i`` of ``new`` (aligned, same
    columns) hold the same strings in every column. An import keeps the old rows in place and appends, so nearly
    every row is such a pair; comparing them cell by cell is far cheaper than hashing them (equal strings, mostly
    the same objects). A column that is not all strings in both counts as different (its rows are hashed, as
    ``hash_pandas_object`` hashes mixed values by their text)."""
    n = min(len(old), len(new))
    same = np.ones(n, dtype=bool)
    for column in old.columns:
        a = old[column].to_numpy(dtype=object)[:n]
        b = new[column].to_numpy(dtype=object)[:n]
        if (
            pd.api.types.infer_dtype(a, skipna=False) != "string"
            or pd.api.types.infer_dtype(b, skipna=False) != "string"
        ):
            return np.zeros(n, dtype=bool)
        same &= a == b
    return same


def _others(same: np.ndarray, length: int) -> np.ndarray:
    """The positions of a frame of ``length`` rows that ``same`` (a prefix of them) does not mark."""
    return np.flatnonzero(~np.concatenate([same, np.zeros(length - len(same), dtype=bool)]))


def _hashes_at(frame: pd.DataFrame, rows: np.ndarray) -> np.ndarray:
    """``_hashes(frame)`` at ``rows``, 0 elsewhere: only those rows are hashed."""
    found = np.zeros(len(frame), dtype=np.uint64)
    if len(rows):
        found[rows] = _hashes(frame.iloc[rows])
    return found


def _surplus(mine: np.ndarray, other: np.ndarray) -> np.ndarray:
    """Positions in ``mine`` of the rows it holds more often than ``other`` (by row hash): of the rows hashed
    ``h``, the first ``count in mine - count in other`` of them, in order."""
    values, inverse, counts = np.unique(mine, return_inverse=True, return_counts=True)
    where = np.searchsorted(values, other)
    hit = where < len(values)
    hit[hit] = values[where[hit]] == other[hit]
    in_other = np.bincount(where[hit], minlength=len(values))
    rank = pd.Series(inverse).groupby(inverse, sort=False).cumcount().to_numpy()
    return np.flatnonzero(rank < (counts - in_other)[inverse])


def _keys(frame: pd.DataFrame, table: Table) -> list[str]:
    """Every row's key (``_key_at`` of each row), made column by column."""
    parts = [norm_ids(frame[c]).tolist() for c in key_columns(table)]
    return parts[0] if len(parts) == 1 else [" ".join(values) for values in zip(*parts)]


def _key_at(frame: pd.DataFrame, table: Table, position: int) -> str:
    """The key the change log names a row by: ``norm_id`` of each key column, joined by a space."""
    return " ".join(norm_id(frame[c].iat[position]) for c in key_columns(table))


def _record(frame: pd.DataFrame, position: int) -> dict[str, str]:
    return {c: str(v) for c, v in zip(frame.columns, frame.iloc[position].to_numpy(dtype=object))}


def _diff_table(table: Table, old: pd.DataFrame, new: pd.DataFrame, detail: int) -> tuple[list[dict], Counter]:
    """Rows added, removed and changed (by id for entities; whole rows for relations), with before and after.

    Counting is vectorised (row hashes), so a 150,000-row import is counted in a moment; the rows themselves are
    listed only when there are at most ``detail`` of them.
    """
    old, new = _aligned(old, new, table)
    # Rows equal at the same position in both are neither added, removed nor changed, so only the other rows are
    # hashed and compared. For entities with unique keys such a row's key is at that position in both (another row
    # with it would be a second copy), so the other rows' keys meet only each other's. For whole-row comparison
    # (relations) the counts are the same without such pairs (each takes one row of a hash from both sides), but
    # which copy of a repeated row is listed may not be: when the rows are listed, every row is hashed, as before.
    same = _same_positions(old, new)
    rest_old, rest_new = _others(same, len(old)), _others(same, len(new))
    old_hash, new_hash = _hashes_at(old, rest_old), _hashes_at(new, rest_new)
    counts: Counter = Counter()
    positions: list[tuple[str, int, int]] = []  # (op, position in old, position in new)
    # Relations are compared as whole rows, so their keys are made only for the rows listed.
    old_keys, new_keys = (_keys(old, table), _keys(new, table)) if table.kind != "relation" else ([], [])
    unique = table.kind != "relation" and len(set(old_keys)) == len(old_keys) and len(set(new_keys)) == len(new_keys)
    if unique:
        old_at = {old_keys[i]: i for i in rest_old.tolist()}
        new_at = {new_keys[j]: j for j in rest_new.tolist()}
        for key, j in new_at.items():
            i = old_at.get(key)
            if i is None:
                positions.append(("add", -1, j))
            elif old_hash[i] != new_hash[j]:
                positions.append(("update", i, j))
        positions += [("remove", i, -1) for key, i in old_at.items() if key not in new_at]
    else:
        added = rest_new[_surplus(new_hash[rest_new], old_hash[rest_old])]
        removed = rest_old[_surplus(old_hash[rest_old], new_hash[rest_new])]
        if same.any() and len(added) + len(removed) <= detail:
            old_hash, new_hash = _hashes(old), _hashes(new)
            added, removed = _surplus(new_hash, old_hash), _surplus(old_hash, new_hash)
        positions += [("add", -1, int(j)) for j in added]
        positions += [("remove", int(i), -1) for i in removed]
    counts.update({"add": "added", "update": "updated", "remove": "removed"}[op] for op, _, _ in positions)
    if len(positions) > detail:
        return [], counts
    found = []
    for op, i, j in positions:
        if op == "add":
            found.append(
                {"table": table.file, "op": op, "key": _key_at(new, table, j), "after": _filled(_record(new, j))}
            )
        elif op == "remove":
            found.append(
                {"table": table.file, "op": op, "key": _key_at(old, table, i), "before": _filled(_record(old, i))}
            )
        else:
            before, after = _record(old, i), _record(new, j)
            changed = [c for c in after if before.get(c, "") != after[c]]
            found.append(
                {
                    "table": table.file,
                    "op": op,
                    "key": _key_at(new, table, j),
                    "before": {c: before.get(c, "") for c in changed},
                    "after": {c: after[c] for c in changed},
                }
            )
    return found, counts


def _filled(row: dict[str, str]) -> dict[str, str]:
    return {k: v for k, v in row.items() if v != ""}


def _person_ids(*frames: pd.DataFrame) -> set[str]:
    ids: set[str] = set()
    for frame in frames:
        if "id" in frame.columns:
            ids.update(norm_ids(frame["id"]))
    ids.discard("")
    return ids


def _subjects(rows: list[dict], people: set[str]) -> list[str]:
    """The people whose data a change-log entry holds: their own rows, and relations that name them."""
    found: set[str] = set()
    for change in rows:
        values = {**change.get("before", {}), **change.get("after", {})}
        if change["table"] == schema.PEOPLE.file:
            found.add(change["key"])
            found.update(norm_id(v) for k, v in values.items() if k == "id")
        elif change["table"] == schema.RELATIONS_TABLE.file:
            found.update(norm_id(v) for k, v in values.items() if k in ("source", "target") and norm_id(v) in people)
    return sorted(found)


def _describe_changes(old: Tables, new: Tables, people: set[str]) -> dict[str, Any]:
    rows: list[dict] = []
    counts: dict[str, dict[str, int]] = {}
    logged = True
    for name, frame in new.items():
        table = schema.table_for_file(name)
        found, counted = _diff_table(table, old.get(name, empty_table(table)), frame, MAX_LOGGED_ROWS)
        rows += found
        logged &= len(found) == sum(counted.values())
        if counted:
            counts[name] = dict(counted)
    if not logged or len(rows) > MAX_LOGGED_ROWS:
        return {"counts": counts, "rows_logged": False}
    return {"counts": counts, "rows_logged": True, "changes": rows, "subjects": _subjects(rows, people)}


# --- saving ----------------------------------------------------------------------------------------------------


def _known_tables(before: Mapping[str, pd.DataFrame] | None, seen: Mapping[str, bytes]) -> Tables:
    """The tables of ``before`` whose file the version check read under that name (``seen``); see ``save``."""
    return {name: frame for name, frame in (before or {}).items() if name in seen}


def _current_tables(path: Path, names: list[str], known: Mapping[str, pd.DataFrame] | None = None) -> Tables:
    """The tables ``names`` as the files hold them now; ``known``: tables already read from exactly these files."""
    found: Tables = {}
    for name in names:
        if known is not None and name in known:
            found[name] = known[name]
            continue
        table = schema.table_for_file(name)
        file = path / name
        if file.exists():
            with file.open("rb") as handle:
                raw, _ = reading.read_csv(handle, table, name)
            found[name] = conform(raw.frame, table)
        else:
            found[name] = empty_table(table)
    return found


def _read_state(path: Path) -> dict[str, bytes]:
    """Every file of the directory, read once: what a save checks and then compares against before each replace."""
    return {file.name: file.read_bytes() for file in reading.source_files(path)}


def _state_fingerprint(state: Mapping[str, bytes]) -> str:
    """``fingerprint`` of the files as read into ``state`` (the same hash, without reading them again)."""
    digest = hashlib.blake2b(digest_size=16)
    for name in sorted(state):
        digest.update(name.encode())
        digest.update(state[name])
    return digest.hexdigest()


def _check_base(path: Path, base: str | None) -> dict[str, bytes]:
    """Refuse if the files are not the version ``base``; return the files as checked (name → bytes)."""
    state = _read_state(path)
    if base is not None and _state_fingerprint(state) != base:
        raise ConflictError(message("save.newer-on-disk"))
    return state


#: A test seam, off by default: called with each file just before a save or restore compares and replaces it (after
#: the version check, under the lock). Tests write the file "from Excel" here; nothing in the tool sets it.
before_replace: Callable[[Path], None] | None = None


class _OutsideWrite(Exception):
    """A file changed between the version check and its replacement: another program wrote it (Excel)."""


def _unchanged_since_check(target: Path, seen: bytes | None) -> None:
    """Raise ``_OutsideWrite`` unless ``target`` still holds exactly the bytes the check saw (None: absent)."""
    if before_replace is not None:
        before_replace(target)
    if _read_or_none(target) != seen:
        raise _OutsideWrite(target.name)


def _outside_write_error(name: str) -> ConflictError:
    """``name``: the file (or files, comma-separated) another program changed; empty when it is not known."""
    if not name:
        return ConflictError(message("save.changed-outside.unnamed"))
    return ConflictError(message("save.changed-outside", name=name))


def _backup_matches(folder: Path, seen: Mapping[str, bytes]) -> bool:
    """True if the backup holds exactly the files the check saw (so it is the version the save started from)."""
    names = {p.name for p in folder.iterdir() if p.name != MANIFEST}
    return names == set(seen) and all((folder / name).read_bytes() == data for name, data in seen.items())


def _mark_refused(folder: Path) -> None:
    """A backup made for a save that was then refused: its manifest says so (it still holds the version before)."""
    manifest = folder / MANIFEST
    try:
        meta = json.loads(manifest.read_text("utf-8"))
        meta.update(action="refused", summary="Before a save that was refused: a file changed during it.")
        write_atomically(manifest, json.dumps(meta, ensure_ascii=False).encode("utf-8"))
    except (OSError, ValueError, AttributeError):
        pass


def save(
    path: str | Path,
    tables: Mapping[str, pd.DataFrame],
    base: str | None,
    *,
    summary: str,
    actor: Actor,
    action: str = "edit",
    details: Mapping[str, Any] | None = None,
    keep_backups: int | None = None,
    notes: Sequence[Message] = (),
    before: Mapping[str, pd.DataFrame] | None = None,
) -> SaveResult:
    """Write the given tables (file name → rows) safely; see the module docs for the steps.

    ``actor`` must have a role that allows ``action`` (``access.SAVE_ACTIONS``: edit and consortium need editor,
    import editor, restore and erase admin); it is checked first, and ``actor.identity`` is recorded in the change
    log. ``base`` is the fingerprint of the version the change was made on (``Snapshot.fingerprint``); ``None``
    skips the check (only for tools that hold the lock some other way). Tables whose bytes would not change are not
    written; if nothing changes, nothing happens (no backup, no log entry). Raises ``PermissionDeniedError`` for an
    actor who may not, ``ConflictError`` if the files changed since ``base``, ``SaveError`` if the disk refused the
    write (the previous files are then intact), ``UsageError`` for a workbook or an unknown ``action``.
    ``notes`` say the ``summary`` as codes with parameters (``network.messages``; ids only, like the summary), so
    the dashboard can show the change log in the reader's language. ``before``: the tables of version ``base`` as
    the caller already read them (``Snapshot.tables`` of the snapshot whose fingerprint is ``base``); the change is
    then described from them instead of parsing the same files again. Used only with a ``base`` that the check
    confirmed, and only for files the check found under that name, so they are the tables of exactly those bytes.
    """
    if action not in access.SAVE_ACTIONS:
        raise UsageError(message("save.unknown-action", action=action, actions=", ".join(access.SAVE_ACTIONS)))
    access.authorize(actor, access.SAVE_ACTIONS[action])
    path = Path(path)
    require_folder(path)
    for name in tables:
        if schema.table_for_file(name) is None or not name.endswith(".csv"):
            raise UsageError(message("save.not-a-table", name=name, files=", ".join(t.file for t in schema.TABLES)))
    with _Locked(path):
        _recover_locked(path, actor.identity)
        seen = _check_base(path, base)
        pending: dict[str, bytes] = {}
        for name, frame in tables.items():
            old = seen.get(name)
            data = table_bytes(frame, schema.table_for_file(name), old)
            if data != old:
                pending[name] = data
        if not pending:
            return SaveResult(fingerprint(path), changed=False)
        known = _known_tables(before if base is not None else None, seen)
        old_tables = _current_tables(path, sorted(pending), known)
        people = _person_ids(
            _current_tables(path, [schema.PEOPLE.file], known)[schema.PEOPLE.file],
            tables.get(schema.PEOPLE.file, empty_table(schema.PEOPLE)),
        )
        described = _describe_changes(old_tables, {n: tables[n] for n in sorted(pending)}, people)
        return _commit(
            path,
            pending,
            action=action,
            summary=summary,
            who=actor.identity,
            details=details,
            described=described,
            keep=_keep_backups(path, keep_backups),
            seen=seen,
            notes=notes,
        )


def _commit(
    path: Path,
    pending: dict[str, bytes],
    *,
    action: str,
    summary: str,
    who: str,
    details: Mapping[str, Any] | None,
    described: dict[str, Any],
    keep: int,
    remove: tuple[str, ...] = (),
    seen: Mapping[str, bytes] | None = None,
    notes: Sequence[Message] = (),
) -> SaveResult:
    """Backup, journal, replace, log, prune: the write itself. The caller holds the lock.

    ``seen`` are the files as the version check read them. The backup must hold exactly them, and immediately
    before each file is replaced (or removed) it must still hold them: Excel does not take the lock, so a file saved
    from Excel after the check is detected here. Then the files already replaced are put back, the save is refused
    with ``ConflictError`` and the other program's file stays as it wrote it.
    """
    now = _now()
    backup_id = _new_backup_id(path, now)
    try:
        folder = _make_backup(
            path,
            backup_id,
            {
                "summary": summary,
                "who": who,
                "action": action,
                **({"notes": messages.to_records(notes)} if notes else {}),
            },
        )
    except OSError as exc:
        shutil.rmtree(_backups_dir(path) / f".incomplete-{backup_id}", ignore_errors=True)
        raise SaveError(message("save.backup-failed", detail=exc)) from exc
    if seen is not None and not _backup_matches(folder, seen):  # a file changed between the check and the copy
        shutil.rmtree(folder, ignore_errors=True)
        changed = sorted(
            n for n in {*seen, *(p.name for p in reading.source_files(path))} if _read_or_none(path / n) != seen.get(n)
        )
        raise _outside_write_error(", ".join(changed))
    files = sorted(pending) + sorted(remove)
    written = {name: _digest(pending.get(name)) for name in files}
    replaced: list[str] = []
    temps: dict[str, Path] = {}
    journal = history_dir(path) / JOURNAL
    try:
        for name, data in pending.items():
            temps[name] = write_temp(path, name, data)
        write_atomically(journal, json.dumps({"backup": backup_id, "files": files, "written": written}).encode())
        for name in sorted(pending):
            if seen is not None:
                _unchanged_since_check(path / name, seen.get(name))
            os.replace(temps[name], path / name)
            replaced.append(name)
            del temps[name]
        for name in remove:
            if seen is not None:
                _unchanged_since_check(path / name, seen.get(name))
            (path / name).unlink(missing_ok=True)
            replaced.append(name)
        fsync_dir(path)
        entry = _append_log(
            path,
            {
                "id": backup_id,
                "who": who,
                "action": action,
                "summary": summary,
                **({"notes": messages.to_records(notes)} if notes else {}),
                "backup": backup_id,
                "files": files,
                **described,
                **({"details": dict(details)} if details else {}),
            },
        )
    except BaseException as exc:
        for temp in temps.values():
            temp.unlink(missing_ok=True)
        try:
            _put_back(path, _backups_dir(path) / backup_id, files, written)
            journal.unlink(missing_ok=True)
        except BaseException:  # leave the journal: the next save or recover() puts the files back
            pass
        if isinstance(exc, _OutsideWrite):
            _mark_refused(_backups_dir(path) / backup_id)
            raise _outside_write_error(str(exc)) from None
        if isinstance(exc, Exception):
            raise SaveError(message("save.write-failed", detail=exc)) from exc
        raise
    journal.unlink(missing_ok=True)
    fsync_dir(journal.parent)
    _prune(path, keep)
    return SaveResult(fingerprint(path), changed=True, files=tuple(files), backup=backup_id, entry=entry)


def restore(
    path: str | Path, backup_id: str, base: str | None, *, actor: Actor, keep_backups: int | None = None
) -> SaveResult:
    """Make the directory's files exactly (byte for byte) what they were in a backup.

    Only for an ``actor`` whose role may restore (admin), checked first. The current files are backed up first, so
    a restore can itself be undone. ``backup_id`` must be one listed by ``backups``; it is never used as a path
    otherwise.
    """
    access.authorize(actor, "restore")
    path = Path(path)
    require_folder(path)
    if backup_id not in _backup_ids(path):
        raise UsageError(message("save.no-backup", backup=backup_id))
    with _Locked(path):
        _recover_locked(path, actor.identity)
        current = _check_base(path, base)
        folder = _backups_dir(path) / backup_id
        saved = {p.name: p.read_bytes() for p in folder.iterdir() if p.name != MANIFEST}
        pending = {name: data for name, data in saved.items() if current.get(name) != data}
        remove = tuple(sorted(name for name in current if name not in saved))
        if not pending and not remove:
            return SaveResult(fingerprint(path), changed=False)
        names = sorted(n for n in {*pending, *remove} if schema.table_for_file(n) is not None and n.endswith(".csv"))
        old = _current_tables(path, names)
        new = {}
        for name in names:
            table = schema.table_for_file(name)
            if name in saved:
                raw, _ = reading.read_csv(io.BytesIO(saved[name]), table, name)
                new[name] = conform(raw.frame, table)
            else:
                new[name] = empty_table(table)
        people = _person_ids(
            old.get(schema.PEOPLE.file, empty_table(schema.PEOPLE)),
            new.get(schema.PEOPLE.file, empty_table(schema.PEOPLE)),
        )
        described = _describe_changes(old, new, people)
        restored = message("change.restore", backup=backup_id)
        return _commit(
            path,
            pending,
            action="restore",
            summary=restored.text,
            notes=[restored],
            who=actor.identity,
            details={"restored": backup_id},
            described=described,
            keep=_keep_backups(path, keep_backups),
            remove=remove,
            seen=current,
        )


# --- personal data ---------------------------------------------------------------------------------------------


def erase_person(
    path: str | Path,
    person_id: str | Iterable[str],
    *,
    actor: Actor,
    known: Iterable[Mapping[str, object]] = (),
    dry_run: bool = False,
) -> dict[str, int]:
    """Remove one person from the history: every backup's files and manifest, and every change-log entry.

    ``person_id`` is one id or every id the person ever had (``erasure.aliases`` follows renames; the caller
    passes them all). Ids match exactly (``erasure.mentions``), never as a substring. ``known`` are versions of the
    person's row the caller holds (the row in the files before deleting it); the e-mail addresses, names and phone
    numbers of every version found here are added, so that a summary that names the person, and a ``who`` that is
    the person, are found too (see ``erasure.Subject``).

    Only for an ``actor`` whose role may erase (admin), checked before anything is read or written.

    The person's rows in the current files are removed by an ordinary edit (``editing.delete_entity``) saved with
    ``save``; this function is the second half of an erasure (GDPR art. 17). It records that an erasure happened,
    without the person's id, name or e-mail. ``dry_run`` changes nothing and returns what would change.
    Returns counts: ``log_entries``, ``backup_files`` (CSV files in backups) and ``manifests`` changed.
    """
    access.authorize(actor, "erase")
    path = Path(path)
    require_folder(path)
    ids = {norm_id(person_id)} if isinstance(person_id, str) else {norm_id(i) for i in person_id}
    if dry_run:
        return _erase_history(path, ids, known, who=actor.identity, write=False)
    with _Locked(path):
        return _erase_history(path, ids, known, who=actor.identity, write=True)


#: The tables of a backup that hold a person's rows, and the columns that name them.
_PERSON_COLUMNS = ((schema.PEOPLE, ("id",)), (schema.RELATIONS_TABLE, ("source", "target")))


def _read_log_lines(path: Path) -> list[str]:
    log = history_dir(path) / CHANGES
    return log.read_text("utf-8").splitlines() if log.exists() else []


def _parse(line: str) -> dict[str, Any] | None:
    try:
        entry = json.loads(line)
    except ValueError:
        return None
    return entry if isinstance(entry, dict) else None


def _backup_table(folder: Path, table: Table) -> tuple[bytes, pd.DataFrame] | None:
    file = folder / table.file
    if not file.is_file():
        return None
    data = file.read_bytes()
    raw, _ = reading.read_csv(io.BytesIO(data), table, table.file)
    return data, conform(raw.frame, table)


def _person_rows(frame: pd.DataFrame, columns: tuple[str, ...], ids: set[str]) -> pd.Series:
    hit = pd.Series(False, index=frame.index)
    for column in columns:
        hit |= norm_ids(frame[column]).isin(ids)
    return hit


def _subject(path: Path, ids: set[str], lines: list[str], known: Iterable[Mapping[str, object]]) -> erasure.Subject:
    """Everything that identifies the person: their ids, and the e-mail, name and phone of every version of their
    row (given, in the log, in every backup)."""
    subject = erasure.Subject(set(ids))
    for row in known:
        subject.learn(row)
    for entry in filter(None, map(_parse, lines)):
        for change in entry.get("changes", []) or []:
            if isinstance(change, dict) and change.get("table") == schema.PEOPLE.file and erasure.mentions(change, ids):
                subject.learn(change.get("before", {}))
                subject.learn(change.get("after", {}))
    for backup_id in _backup_ids(path):
        found = _backup_table(_backups_dir(path) / backup_id, schema.PEOPLE)
        if found is not None:
            frame = found[1]
            for row in frame.loc[_person_rows(frame, ("id",), ids)].to_dict("records"):
                subject.learn(row)
    return subject


def _erase_history(
    path: Path, ids: set[str], known: Iterable[Mapping[str, object]], *, who: str | None, write: bool
) -> dict[str, int]:
    lines = _read_log_lines(path)
    subject = _subject(path, ids, lines, known)
    counts = {"log_entries": 0, "backup_files": 0, "manifests": 0}
    out = []
    for line in lines:
        entry = _parse(line)
        cleaned = erasure.scrub_entry(entry, subject) if entry is not None else None
        if cleaned is not None and cleaned != entry:
            cleaned["erased"] = cleaned.get("erased", 0) + 1
            counts["log_entries"] += 1
            line = json.dumps(cleaned, ensure_ascii=False, default=str)
        out.append(line)
    if write and counts["log_entries"]:
        write_atomically(history_dir(path) / CHANGES, ("\n".join(out) + "\n").encode("utf-8") if out else b"")
    for backup_id in _backup_ids(path):
        folder = _backups_dir(path) / backup_id
        manifest = folder / MANIFEST
        try:
            meta = json.loads(manifest.read_text("utf-8"))
        except (OSError, ValueError):
            meta = None
        if isinstance(meta, dict) and (cleaned := erasure.scrub_manifest(meta, subject)) != meta:
            counts["manifests"] += 1
            if write:
                write_atomically(manifest, json.dumps(cleaned, ensure_ascii=False).encode("utf-8"))
        for table, columns in _PERSON_COLUMNS:
            found = _backup_table(folder, table)
            if found is None:
                continue
            data, frame = found
            hit = _person_rows(frame, columns, ids)
            if hit.any():
                counts["backup_files"] += 1
                if write:  # replaced, not rewritten in place: a backup hard-linked to it is cleaned in its own turn
                    write_atomically(folder / table.file, table_bytes(frame.loc[~hit], table, data))
    if write:  # an admin who erases themselves is not named by the erasure's own line either
        who = erasure.ERASED_WHO if subject.is_who(who) else who
        _append_log(
            path,
            {
                "action": "erase",
                "who": who,
                "summary": ERASE_LOG_SUMMARY,
                "counts": counts,
                "notes": messages.to_records([message("change.erase-history")]),
            },
        )
    return counts


#: The one change-log line an erasure leaves: no id, no name, no e-mail.
ERASE_LOG_SUMMARY = message("change.erase-history").text


# --- workbooks -------------------------------------------------------------------------------------------------


def convert_workbook(book: str | Path, folder: str | Path) -> list[str]:
    """Write a workbook directory's sheets as CSV files into ``folder`` (which must not hold a directory yet)."""
    book, folder = Path(book), Path(folder)
    if folder.exists() and any(reading.source_files(folder)):
        raise UsageError(message("save.convert-not-empty", folder=folder))
    source = reading.read_source(book)
    if not source.tables:
        raise UsageError(
            message("save.convert-no-sheets", name=book.name, sheets=", ".join(t.sheet for t in schema.TABLES))
        )
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, raw in source.tables.items():
        write_atomically(folder / name, table_bytes(raw.frame, raw.table))
        written.append(name)
    return sorted(written)
