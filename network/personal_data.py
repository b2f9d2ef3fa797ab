"""Personal data under the GDPR: who lacks a legal basis, everything held about one person, and erasing a person.

- ``people_without_legal_basis``: the people whose ``legal_basis`` (people.csv) is empty, for the Overview report.
- ``person_data`` / ``person_json`` / ``person_xlsx``: a subject-access export (art. 15) of one person: their row
  with every column, the relations that name them, and the change-log entries that hold their data.
- ``erase``: the right to erasure (art. 17). The person and their relations are deleted through the ordinary
  edit and save path (``editing.delete_entity`` + ``storage.save``: lock, version check, backup), then
  ``storage.erase_person`` removes them from every backup and every change-log entry, including the backup and the
  entry that the deletion itself just made. What remains in the log is that an erasure happened, by whom and when,
  without the person's id or data.

Nothing here logs or puts a person's data into an exception message: errors name ids at most.
"""

from __future__ import annotations

import io
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pandas as pd

from . import access, editing, schema, storage
from .access import Actor
from .directory import Directory
from .errors import NotFoundError, UsageError

__all__ = [
    "people_without_legal_basis",
    "person_data",
    "person_json",
    "person_xlsx",
    "erase",
    "ErasureResult",
    "ERASE_SUMMARY",
]

#: The change-log summary of the deletion step of an erasure: no id, no name.
ERASE_SUMMARY = "Erased a person (GDPR art. 17)."


def people_without_legal_basis(directory: Directory) -> list[str]:
    """Ids of the people with no ``legal_basis`` (all of them if the column is missing), in file order."""
    people = directory.tables.get("person")
    if people is None or not len(people):
        return []
    if "legal_basis" not in people.columns:
        return [str(i) for i in people["id"].tolist()]
    empty = people["legal_basis"].fillna("").astype(str).str.strip() == ""
    return [str(i) for i in people.loc[empty, "id"].tolist()]


def _key(person_id: str) -> str:
    return person_id.strip().lower()


def _mentions(change: dict[str, Any], key: str) -> bool:
    values = {**change.get("before", {}), **change.get("after", {})}
    if change.get("table") == schema.PEOPLE.file:
        return change.get("key") == key or str(values.get("id", "")).strip().lower() == key
    return any(str(values.get(c, "")).strip().lower() == key for c in ("source", "target"))


def person_data(path: str | Path, person_id: str) -> dict[str, Any]:
    """Everything held about one person in the directory at ``path`` (a folder or a workbook).

    ``{"person": {column: value}, "relations": [rows], "changes": [log entries, only their parts about this
    person]}``. Raises ``NotFoundError`` if the person is in neither the files nor the change log.
    """
    path = Path(path)
    key = _key(person_id)
    snapshot = storage.load(path)
    people = snapshot.tables[schema.PEOPLE.file]
    hit = people["id"].astype(str).str.strip().str.lower() == key
    person = people.loc[hit].iloc[0].to_dict() if hit.any() else {}
    relations = snapshot.tables[schema.RELATIONS_TABLE.file]
    named = (relations["source"].astype(str).str.strip().str.lower() == key) | (
        relations["target"].astype(str).str.strip().str.lower() == key)
    found_changes = []
    if path.is_dir():
        for entry in reversed(storage.changes(path)):  # oldest first
            if key not in entry.get("subjects", []):
                continue
            mine = [c for c in entry.get("changes", []) if _mentions(c, key)]
            found_changes.append({k: entry.get(k) for k in ("id", "when", "who", "action", "summary") if k in entry}
                                 | {"changes": mine})
    if not person and not found_changes:
        raise NotFoundError(f"There is no person with id '{person_id}'.")
    return {
        "person": {k: str(v) for k, v in person.items()},
        "relations": [{k: str(v) for k, v in row.items()} for row in relations.loc[named].to_dict("records")],
        "changes": found_changes,
    }


def person_json(data: dict[str, Any]) -> bytes:
    """``person_data`` as UTF-8 JSON (å, ä, ö kept as written)."""
    return json.dumps(data, ensure_ascii=False, indent=2, default=str).encode("utf-8")


def person_xlsx(data: dict[str, Any]) -> bytes:
    """``person_data`` as a workbook: sheets ``person`` (column, value), ``relations`` and ``changes`` (one row
    per changed row, with its before and after values as JSON)."""
    person = pd.DataFrame({"column": list(data["person"]), "value": list(data["person"].values())})
    relations = pd.DataFrame(data["relations"], columns=list(schema.RELATIONS_TABLE.column_names)
                             if not data["relations"] else None)
    rows = []
    for entry in data["changes"]:
        for change in entry.get("changes", []) or [{}]:
            rows.append({"when": entry.get("when", ""), "who": entry.get("who") or "",
                         "action": entry.get("action", ""),
                         "summary": entry.get("summary", ""), "table": change.get("table", ""),
                         "before": json.dumps(change.get("before", {}), ensure_ascii=False),
                         "after": json.dumps(change.get("after", {}), ensure_ascii=False)})
    changes = pd.DataFrame(rows, columns=["when", "who", "action", "summary", "table", "before", "after"])
    out = io.BytesIO()
    with pd.ExcelWriter(out, engine="openpyxl") as writer:
        for name, frame in (("person", person), ("relations", relations), ("changes", changes)):
            _defuse(frame).to_excel(writer, sheet_name=name, index=False)
    return out.getvalue()


def _defuse(frame: pd.DataFrame) -> pd.DataFrame:
    """Text that Excel would run as a formula (=, +, -, @ first) gets a leading apostrophe, so it stays text."""
    def cell(value: object) -> object:
        if isinstance(value, str) and value[:1] in ("=", "+", "-", "@"):
            return "'" + value
        return value
    return frame.map(cell) if len(frame) else frame


@dataclass(frozen=True)
class ErasureResult:
    """What an erasure did: whether the files changed, and how many backup files and log entries were cleaned."""

    files_changed: bool
    backup_files: int
    log_entries: int


def erase(path: str | Path, person_id: str, base: str | None, *, actor: Actor) -> ErasureResult:
    """Erase one person from the directory folder at ``path``: the files, the backups and the change log.

    Only for an ``actor`` whose role may erase (admin): checked before anything is read (``PermissionDeniedError``).
    ``base`` is the fingerprint the user saw (``ConflictError`` if someone saved since). If the person is no longer
    in the files (an erasure that stopped half-way), only the history is cleaned. Raises ``UsageError`` for a
    workbook and ``NotFoundError`` for an id that is not a person anywhere.
    """
    access.authorize(actor, "erase")
    path = Path(path)
    if not path.is_dir():
        raise UsageError("Only a folder of CSV files can be changed; convert the workbook first.")
    key = _key(person_id)
    snapshot = storage.load(path)
    people = snapshot.tables[schema.PEOPLE.file]
    in_files = bool((people["id"].astype(str).str.strip().str.lower() == key).any())
    in_history = any(key in e.get("subjects", []) for e in storage.changes(path))
    if not in_files and not in_history:
        raise NotFoundError(f"There is no person with id '{person_id}'.")
    changed = False
    if in_files:
        result = editing.delete_entity(snapshot.tables, key, config=snapshot.config)
        # The deletion is saved even if the data has other problems: erasure must not wait for them.
        saved = storage.save(path, result.changed_tables(), base if base is not None else snapshot.fingerprint,
                             summary=ERASE_SUMMARY, actor=actor, action="erase")
        changed = saved.changed
    counts = storage.erase_person(path, key, actor=actor)
    return ErasureResult(changed, counts["backup_files"], counts["log_entries"])
