"""The change log read back as facts: who changed what and when, each row with its before and after values.

``storage`` writes one JSON line per save to ``.history/changes.jsonl`` (see its module docs); its ``summary`` is a
short English line with ids. This module turns an entry into ``Entry`` and ``RowChange`` records that name the
kind of entry, the entity or relation, and each changed column with its value before and after, so that the
dashboard can say them in words, in either language, with names instead of ids (``ui/history_view.py``). Reading
never fails on an odd line: missing fields become empty values.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from . import schema
from .ids import norm_id
from .messages import Message, from_records

__all__ = ["Entry", "FieldChange", "RowChange", "read_entries", "read_entry", "touching"]


@dataclass(frozen=True)
class FieldChange:
    """One column of one row: its value before the save and after it ("" for none)."""

    column: str
    before: str
    after: str


@dataclass(frozen=True)
class RowChange:
    """One row a save added (``add``), changed (``update``) or removed (``remove``)."""

    #: The schema kind of the row's file: "organisation", "relation", "country_group", ... ("" if unknown).
    kind: str
    file: str
    op: str
    #: The entity's id (entities), or the row's identifying columns (relations and lookup tables).
    key: str
    #: What is known of the row: after the save (added, changed), before it (removed). For a change, only the
    #: changed columns are in the log.
    values: dict[str, str]
    fields: tuple[FieldChange, ...]

    @property
    def entity_id(self) -> str | None:
        """The entity the row is, if it is an entity's row."""
        return (self.values.get("id") or self.key) if self.kind in schema.KINDS else None


@dataclass(frozen=True)
class Entry:
    """One save in the change log."""

    id: str
    when: dt.datetime | None
    #: The identity the save was made as ("" in logs written before identities were recorded).
    who: str
    action: str
    summary: str
    rows: tuple[RowChange, ...]
    #: Rows added, updated and removed per file (every save has them, large ones only these).
    counts: dict[str, dict[str, int]] = field(default_factory=dict)
    #: False when the save changed too many rows to list them (``rows`` is then empty; ``counts`` say how many).
    rows_logged: bool = True
    #: What the save did as codes with parameters (``network.messages``), for words in the reader's language;
    #: empty in logs written before saves had codes (``summary`` is then the English sentence).
    notes: tuple[Message, ...] = ()


def _text(value: Any) -> str:
    return "" if value is None else str(value)


def _when(value: Any) -> dt.datetime | None:
    try:
        return dt.datetime.fromisoformat(str(value))
    except ValueError:
        return None


def _kind(file: str) -> str:
    """The kind of the file's rows; "" for a file this version does not know (its rows are still listed)."""
    table = schema.table_for_file(file)
    return table.kind if table is not None else ""


def _row(change: Mapping[str, Any]) -> RowChange:
    before = {str(k): _text(v) for k, v in (change.get("before") or {}).items()}
    after = {str(k): _text(v) for k, v in (change.get("after") or {}).items()}
    op = str(change.get("op", ""))
    columns = list(dict.fromkeys([*before, *after]))
    fields = tuple(
        FieldChange(c, before.get(c, ""), after.get(c, "")) for c in columns if before.get(c, "") != after.get(c, "")
    )
    file = str(change.get("table", ""))
    return RowChange(
        _kind(file), file, op, str(change.get("key", "")), {**before, **after} if op != "remove" else before, fields
    )


def read_entry(raw: Mapping[str, Any]) -> Entry:
    """One change-log line (as ``storage.changes`` returns it) as an ``Entry``."""
    changes = raw.get("changes") if isinstance(raw.get("changes"), list) else []
    counts = raw.get("counts") if isinstance(raw.get("counts"), dict) else {}
    return Entry(
        id=_text(raw.get("id")),
        when=_when(raw.get("when", "")),
        who=_text(raw.get("who")).strip(),
        action=_text(raw.get("action")),
        summary=_text(raw.get("summary")),
        rows=tuple(_row(c) for c in changes if isinstance(c, dict)),
        counts={str(f): dict(c) for f, c in counts.items() if isinstance(c, dict)},
        rows_logged=bool(raw.get("rows_logged", True)),
        notes=tuple(from_records(raw.get("notes"))),
    )


def read_entries(raw: Iterable[Mapping[str, Any]]) -> list[Entry]:
    return [read_entry(r) for r in raw if isinstance(r, dict)]


def touching(entries: Iterable[Entry], entity_id: str) -> list[Entry]:
    """The entries that changed the entity's row or a relation that names it, each with only those rows."""
    wanted = norm_id(entity_id)
    found = []
    for entry in entries:
        rows = tuple(
            r
            for r in entry.rows
            if (r.entity_id or "").lower() == wanted
            or (
                r.kind == "relation"
                and wanted in (r.values.get("source", "").lower(), r.values.get("target", "").lower())
            )
        )
        if rows:
            found.append(
                Entry(
                    entry.id,
                    entry.when,
                    entry.who,
                    entry.action,
                    entry.summary,
                    rows,
                    entry.counts,
                    entry.rows_logged,
                    entry.notes,
                )
            )
    return found
