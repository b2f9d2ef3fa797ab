"""Personal data under the GDPR: who lacks a legal basis, everything held about one person, and erasing a person.

- ``people_without_legal_basis``: the people whose ``legal_basis`` (people.csv) is empty, for the Overview report.
- ``person_data`` / ``person_json`` / ``person_xlsx``: a subject-access export (art. 15) of one person: their row
  with every column, the relations that name them, and the change-log entries that hold their data.
- ``erase``: the right to erasure (art. 17). Every id the person ever had is found first (``identify``: renames
  are followed both ways through the change log, ``network.erasure``). The person and their relations are deleted
  through the ordinary edit and save path (``editing.delete_entity`` + ``storage.save``: lock, version check,
  backup), then ``storage.erase_person`` removes them from every backup, every backup's manifest and every
  change-log entry (also as the entry's ``who``), including the backup and the entry that the deletion itself just
  made, and the warm-start cache of the folder is deleted (``cache.forget``). What remains in the log is that an
  erasure happened, by whom and when, without the person's id or data. ``erase(..., dry_run=True)`` only counts.

- ``personal_columns`` / ``hide_personal``: what a viewer (no ``see_contacts``) may not see: every column of
  people.csv but the public ones (``schema.PEOPLE.public_columns``), and every problem found in people.csv, whose
  value or message may quote a person's data typed into any column.

Nothing here logs or puts a person's data into an exception message: errors name ids at most.
"""

from __future__ import annotations

import io
import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path
from typing import Any, Iterable

import pandas as pd

from . import access, cache, editing, erasure, schema, storage
from .access import Actor
from .directory import Directory
from .errors import NotFoundError, UsageError
from .messages import message
from .formulas import neutralise_frame
from .ids import norm_id, norm_ids
from .problems import Problem

__all__ = [
    "people_without_legal_basis",
    "person_data",
    "person_json",
    "person_xlsx",
    "identify",
    "Identity",
    "erase",
    "ErasureResult",
    "ERASE_SUMMARY",
    "personal_columns",
    "is_about_a_person",
    "hide_personal",
]

#: The change-log summary of the deletion step of an erasure: no id, no name.
ERASE_SUMMARY = message("change.erase").text


def people_without_legal_basis(directory: Directory) -> list[str]:
    """Ids of the people with no ``legal_basis`` (all of them if the column is missing), in file order."""
    people = directory.tables.get("person")
    if people is None or not len(people):
        return []
    if "legal_basis" not in people.columns:
        return [str(i) for i in people["id"].tolist()]
    empty = people["legal_basis"].fillna("").astype(str).str.strip() == ""
    return [str(i) for i in people.loc[empty, "id"].tolist()]


def personal_columns(kind: str) -> tuple[str, ...]:
    """The columns of ``kind`` that are personal data (people: all but id, name, organisation and role)."""
    try:
        return schema.table_for_kind(kind).personal_columns
    except KeyError:
        return ()


def is_about_a_person(problem: Problem) -> bool:
    """Whether a problem is in a table of personal data (``people.csv``, or a workbook's ``people`` sheet, shown as
    ``book.xlsx › people``). Its value and message may quote anything typed in the row, in any column: an e-mail
    typed in the phone, notes or organisation column is still a person's e-mail."""
    for part in (problem.file, problem.file.rsplit("›", 1)[-1]):
        table = schema.table_for_file(part.strip().rsplit("/", 1)[-1])
        if table is not None:
            return bool(table.personal_columns)
    return False


def hide_personal(problems: list[Problem], hidden_value: str, hidden_message: str) -> list[Problem]:
    """The problems as a viewer may see them: where they are (file, row, column, code) and the severity, but for a
    row of personal data ``hidden_value`` and ``hidden_message`` instead of the value and the message (and no
    message code or parameters, which could quote the value)."""
    return [
        replace(p, value=hidden_value if p.value else "", message=hidden_message, key="", params=())
        if is_about_a_person(p)
        else p
        for p in problems
    ]


@dataclass(frozen=True)
class Identity:
    """One person across renames: every id they had, the one in the files now (if any), and ids they once had that
    another person holds now (``reused``: left alone, and reported)."""

    ids: frozenset[str]
    current: str | None
    reused: frozenset[str] = frozenset()


def _ids(frame: pd.DataFrame, column: str = "id") -> pd.Series:
    return norm_ids(frame[column])


def identify(people: pd.DataFrame, person_id: str, log: Iterable[dict[str, Any]]) -> Identity:
    """Every id of the person ``person_id`` names, following the change log's renames both ways.

    ``people`` is people.csv as it is now. If ``person_id`` is in it, that row is the person, and any other row
    whose id the person once had belongs to someone else (the id was reused): it is kept out. If ``person_id`` is an
    old id, the person's current id is found through the renames; two current rows would be a guess, so that is a
    ``UsageError`` naming the ids.
    """
    key = norm_id(person_id)
    live = set(_ids(people))
    found = erasure.aliases(key, erasure.rename_pairs(log))
    if key in live:
        reused = (found & live) - {key}
        return Identity(frozenset(found - reused), key, frozenset(reused))
    current = sorted(found & live)
    if len(current) > 1:
        raise UsageError(
            f"The id '{person_id}' was renamed to more than one id that is in people.csv now "
            f"({', '.join(current)}). Erase the current id of the person you mean."
        )
    return Identity(frozenset(found), current[0] if current else None)


def _named(relations: pd.DataFrame, ids: Iterable[str]) -> pd.Series:
    ids = set(ids)
    return _ids(relations, "source").isin(ids) | _ids(relations, "target").isin(ids)


def person_data(path: str | Path, person_id: str) -> dict[str, Any]:
    """Everything held about one person in the directory at ``path`` (a folder or a workbook).

    ``{"person": {column: value}, "relations": [rows], "changes": [log entries, only their parts about this
    person]}``. Renames are followed: the changes made under the person's earlier ids are included.
    Raises ``NotFoundError`` if the person is in neither the files nor the change log.
    """
    path = Path(path)
    snapshot = storage.load(path)
    people = snapshot.tables[schema.PEOPLE.file]
    log = list(reversed(storage.changes(path))) if path.is_dir() else []  # oldest first
    identity = identify(people, person_id, log)
    hit = _ids(people) == (identity.current or "")
    person = people.loc[hit].iloc[0].to_dict() if hit.any() else {}
    relations = snapshot.tables[schema.RELATIONS_TABLE.file]
    found_changes = []
    for entry in log:
        mine = [c for c in entry.get("changes", []) or [] if erasure.mentions(c, identity.ids)]
        if mine:
            found_changes.append(
                {k: entry.get(k) for k in ("id", "when", "who", "action", "summary") if k in entry} | {"changes": mine}
            )
    if not person and not found_changes:
        raise NotFoundError(f"There is no person with id '{person_id}'.")
    return {
        "person": {k: str(v) for k, v in person.items()},
        "relations": [
            {k: str(v) for k, v in row.items()}
            for row in relations.loc[_named(relations, identity.ids)].to_dict("records")
        ],
        "changes": found_changes,
    }


def person_json(data: dict[str, Any]) -> bytes:
    """``person_data`` as UTF-8 JSON (å, ä, ö kept as written)."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def person_xlsx(data: dict[str, Any]) -> bytes:
    """``person_data`` as a workbook: sheets ``person`` (column, value), ``relations`` and ``changes`` (one row
    per changed row, with its before and after values as JSON)."""
    person = pd.DataFrame({"column": list(data["person"]), "value": list(data["person"].values())})
    relations = pd.DataFrame(
        data["relations"], columns=list(schema.RELATIONS_TABLE.column_names) if not data["relations"] else None
    )
    rows = []
    for entry in data["changes"]:
        for change in entry.get("changes", []) or [{}]:
            rows.append(
                {
                    "when": entry.get("when", ""),
                    "who": entry.get("who") or "",
                    "action": entry.get("action", ""),
                    "summary": entry.get("summary", ""),
                    "table": change.get("table", ""),
                    "before": json.dumps(change.get("before", {}), ensure_ascii=False),
                    "after": json.dumps(change.get("after", {}), ensure_ascii=False),
                }
            )
    changes = pd.DataFrame(rows, columns=["when", "who", "action", "summary", "table", "before", "after"])
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, frame in (("person", person), ("relations", relations), ("changes", changes)):
            neutralise_frame(frame).to_excel(writer, sheet_name=name, index=False)
    return out.getvalue()


@dataclass(frozen=True)
class ErasureResult:
    """What an erasure did (or, for a dry run, would do), counted per place. Never the person's data."""

    files_changed: bool
    #: CSV files in backups that held the person's rows (people.csv, relations.csv).
    backup_files: int
    #: Change-log entries that held the person (rows, summary, subjects or who).
    log_entries: int
    #: The person's row in people.csv (1 or 0) and the relations that named them, in the current files.
    people_rows: int = 0
    relations: int = 0
    #: Backup manifests (backup.json) whose summary or who named the person.
    manifests: int = 0
    #: Cached copies of the loaded directory deleted (or, for a dry run, present).
    caches: int = 0
    #: Every id the person had (renames followed), and ids they once had that someone else holds now.
    ids: tuple[str, ...] = ()
    reused: tuple[str, ...] = ()
    dry_run: bool = False

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


def erase(
    path: str | Path,
    person_id: str,
    base: str | None,
    *,
    actor: Actor,
    dry_run: bool = False,
    cache_dirs: Iterable[str | Path] = (),
) -> ErasureResult:
    """Erase one person from the directory folder at ``path``: the files, the backups, the change log, the caches.

    ``person_id`` may be the person's current id or any earlier one (renames are followed, ``identify``).

    Only for an ``actor`` whose role may erase (admin): checked before anything is read (``PermissionDeniedError``).
    ``base`` is the fingerprint the user saw (``ConflictError`` if someone saved since). If the person is no longer
    in the files (an erasure that stopped half-way), only the history and the caches are cleaned. The warm-start
    cache is deleted in the default cache folder and in each of ``cache_dirs`` (the dashboard's). ``dry_run``
    changes nothing and counts what would be removed (the deletion's own backup and log entry not included).
    Raises ``UsageError`` for a workbook and ``NotFoundError`` for an id that is not a person anywhere.
    """
    access.authorize(actor, "erase")
    path = Path(path)
    if not path.is_dir():
        raise UsageError("Only a folder of CSV files can be changed; convert the workbook first.")
    snapshot = storage.load(path)
    people = snapshot.tables[schema.PEOPLE.file]
    identity = identify(people, person_id, reversed(storage.changes(path)))
    known = people.loc[_ids(people).isin(identity.ids)].to_dict("records")
    relations = int(_named(snapshot.tables[schema.RELATIONS_TABLE.file], identity.ids).sum())
    history = storage.erase_person(path, identity.ids, actor=actor, known=known, dry_run=True)
    if identity.current is None and not any(history.values()):
        raise NotFoundError(f"There is no person with id '{person_id}'.")
    folders = [None, *cache_dirs]
    changed = False
    if dry_run:
        caches = sum(1 for d in folders if (f := cache.cache_file(path, d or cache.default_cache_dir())) and f.exists())
    else:
        if identity.current is not None:
            result = editing.delete_entity(snapshot.tables, identity.current, config=snapshot.config)
            # The deletion is saved even if the data has other problems: erasure must not wait for them.
            saved = storage.save(
                path,
                result.changed_tables(),
                base if base is not None else snapshot.fingerprint,
                summary=ERASE_SUMMARY,
                actor=actor,
                action="erase",
                notes=[message("change.erase")],
            )
            changed = saved.changed
        history = storage.erase_person(path, identity.ids, actor=actor, known=known)
        caches = sum(cache.forget(path, d) for d in folders)
    return ErasureResult(
        changed,
        history["backup_files"],
        history["log_entries"],
        people_rows=int(identity.current is not None),
        relations=relations,
        manifests=history["manifests"],
        caches=caches,
        ids=tuple(sorted(identity.ids)),
        reused=tuple(sorted(identity.reused)),
        dry_run=dry_run,
    )
