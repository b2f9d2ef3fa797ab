"""Rows left out of every view because they have errors, and what each one took with it.

Validation leaves a row with an error out (``validation.py``), and with it every row that refers to its id: a
project with a bad date takes its ten relations along, a person whose organisation was left out goes too. A count
of errors does not tell a person that; this accounting does. For each dropped row it says where the row is (file,
row as Excel shows it), what it is (kind, id, name) and which other rows were left out because of it (file, row,
the column that names the id), plus the relations the row itself would have made (``projects.programme`` →
``funded_by``). The dashboard shows it on every page; the CLI can print it.

Each record carries a stable ``code`` and its parameters, so the dashboard says it in the user's language; the
English text here is the CLI's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from dataclasses import asdict, dataclass, field
from functools import lru_cache
from typing import NamedTuple

import pandas as pd

from . import schema
from .problems import ERROR, Problem
from .schema import Table

__all__ = ["RELATION", "Dropped", "DroppedRow", "LostRow", "TableRows", "account"]

#: The kind of a row of relations.csv (and of a relation a reference column would have made).
RELATION = "relation"


@dataclass(frozen=True)
class LostRow:
    """A row (or a relation a row would have made) that is not shown because of another, dropped row."""

    file: str
    row: int
    #: ``relation`` or an entity kind (a person whose organisation was dropped).
    kind: str
    #: The column that names the dropped row's id (``source``, ``target``, ``organisation``, ``programme``).
    column: str
    value: str
    #: For a relation a reference column makes (``works_at``, ``funded_by``): its type; else "".
    relation: str = ""

    @property
    def location(self) -> str:
        return f"{self.file}:{self.row}:{self.column}"


@dataclass(frozen=True)
class DroppedRow:
    """One row left out of every view, with the rows (and relations) it took along."""

    file: str
    row: int
    kind: str
    #: The row's id ("" for a relation row or a row without one).
    id: str
    #: The row's name (entities), or "source relation target" (relations); never contact details.
    name: str
    #: Rows left out because they refer to this row's id, and relations this row would have made itself.
    lost: tuple[LostRow, ...] = ()
    #: "file:row" of the dropped row this one refers to, when that reference is this row's only error (fix that
    #: row and this one comes back); "" otherwise.
    cause: str = ""
    code: str = "dropped-row"

    @property
    def location(self) -> str:
        return f"{self.file}:{self.row}"

    def to_dict(self) -> dict[str, object]:
        """For ``validate --format json``: the row, its code and parameters, the English message, what it took."""
        return {
            "location": self.location,
            "code": self.code,
            "params": self.params,
            "message": self.message,
            "lost": [{"location": lost.location, **asdict(lost)} for lost in self.lost],
        }

    def lost_counts(self) -> Counter:
        """How many rows of each kind this row took along (``relation`` counts the relations)."""
        return Counter(lost.kind for lost in self.lost)

    @property
    def params(self) -> dict[str, object]:
        """What the message needs, for a translation: where, what, and how many rows it took along."""
        counts = self.lost_counts()
        return {
            "file": self.file,
            "row": self.row,
            "kind": self.kind,
            "id": self.id,
            "name": self.name,
            "relations": counts.get(RELATION, 0),
            "entities": sum(n for k, n in counts.items() if k != RELATION),
            "cause": self.cause,
        }

    @property
    def message(self) -> str:
        """The English sentence (the CLI's): what is left out and what it takes along."""
        what = f"{self.kind} '{self.name or self.id}'" if self.kind != RELATION else f"the relation {self.name}"
        params = self.params
        took = []
        if params["entities"]:
            took.append(f"{params['entities']} other row{'s' * (params['entities'] != 1)}")
        if params["relations"]:
            took.append(f"{params['relations']} relation{'s' * (params['relations'] != 1)}")
        tail = f" It takes {' and '.join(took)} with it." if took else ""
        because = f" It refers to {self.cause}, which is left out: fix that row first." if self.cause else ""
        return f"{self.location}: {what} is not shown, because the row has errors.{tail}{because}"


@dataclass
class Dropped:
    """Every dropped row, in file and row order."""

    rows: list[DroppedRow] = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.rows)

    def __iter__(self):
        return iter(self.rows)

    def counts(self) -> Counter:
        """What is not shown, by kind: dropped rows, plus (under ``relation``) the relations that dropped entity
        rows would have made themselves. A relation row is counted once, however many rows it depends on."""
        counts = Counter(row.kind for row in self.rows)
        counts[RELATION] += sum(1 for row in self.rows for lost in row.lost if lost.relation)
        return +counts

    def roots(self) -> list[DroppedRow]:
        """The rows to fix first: those not left out only because they refer to another dropped row."""
        return [row for row in self.rows if not row.cause]

    def at(self, file: str, row: int) -> DroppedRow | None:
        for dropped in self.rows:
            if dropped.file == file and dropped.row == row:
                return dropped
        return None


class TableRows(NamedTuple):
    """One checked table as validation ends with it: cleaned cells, and which rows have errors."""

    table: Table
    source: str
    frame: pd.DataFrame
    bad: pd.Series


def account(tables: Iterable[TableRows], problems: Iterable[Problem]) -> Dropped:
    """The dropped rows of ``tables`` and, for each, the rows and relations it took along.

    Runs over the bad rows and the reference columns only (``isin`` on whole columns), so a million valid
    relations cost a fraction of a second.
    """
    tables = [t for t in tables if t.bad.any() or t.table.is_entity]
    if not any(t.bad.any() for t in tables):
        return Dropped()  # valid data (the usual case): nothing to look up
    valid_ids = _valid_ids(tables)
    owners = _owners(tables, valid_ids)
    only_references = _rows_with_only_reference_errors(problems)
    lost: dict[tuple[str, int], list[LostRow]] = {}
    causes: dict[tuple[str, int], str] = {}
    for rows in tables:
        for column in _reference_columns(rows.table):
            _attribute(rows, column, owners, lost, causes, only_references)
    dropped = []
    for rows in tables:
        if rows.bad.any():
            dropped += _dropped_rows(rows, lost, causes)
    return Dropped(dropped)


def _dropped_rows(
    rows: TableRows, lost: dict[tuple[str, int], list[LostRow]], causes: dict[tuple[str, int], str]
) -> list[DroppedRow]:
    """The table's bad rows as records; columns are read once each (not row by row: Arrow strings are slow so)."""
    frame = rows.frame.loc[rows.bad]
    size = len(frame)

    def cells(name: str) -> list[str]:
        return [_text(v) for v in frame[name].tolist()] if name in frame else [""] * size

    ids = cells("id")
    if rows.table.kind == RELATION:
        names = [" ".join(p).strip() for p in zip(cells("source"), cells("relation"), cells("target"))]
    else:
        names = cells("name") if rows.table.is_entity else [""] * size
    makes = [
        (column, [v.lower() for v in cells(column.name)])
        for column in _reference_columns(rows.table)
        if column.makes_relation
    ]
    found = []
    for i, row in enumerate(frame.index.tolist()):
        key = (rows.source, int(row))
        own = [
            LostRow(rows.source, int(row), RELATION, column.name, values[i], column.makes_relation)
            for column, values in makes
            if values[i]
        ]
        found.append(
            DroppedRow(
                rows.source,
                int(row),
                rows.table.kind,
                ids[i],
                names[i],
                tuple(lost.get(key, []) + own),
                causes.get(key, ""),
            )
        )
    return found


def _text(value: object) -> str:
    return "" if value is None or (isinstance(value, float) and pd.isna(value)) else str(value)


def _valid_ids(tables: list[TableRows]) -> set[str]:
    found: set[str] = set()
    for rows in tables:
        if rows.table.is_entity and "id" in rows.frame:
            found.update(rows.frame.loc[~rows.bad, "id"].str.lower().tolist())
    return found


def _owners(tables: list[TableRows], valid_ids: set[str]) -> dict[str, tuple[str, int]]:
    """id → (file, row) of the first dropped row that defines it, for ids no valid row defines."""
    owners: dict[str, tuple[str, int]] = {}
    for rows in tables:
        if not rows.table.is_entity or "id" not in rows.frame or not rows.bad.any():
            continue
        ids = rows.frame.loc[rows.bad, "id"].str.lower()
        for row, value in ids[ids != ""].items():
            if value not in valid_ids:
                owners.setdefault(value, (rows.source, int(row)))
    return owners


def _reference_columns(table: Table) -> list[schema.Column]:
    return _references_by_file().get(table.file, [])


@lru_cache(maxsize=1)
def _references_by_file() -> dict[str, list[schema.Column]]:  # a constant, made on first use
    found: dict[str, list[schema.Column]] = {}
    for owner, column in schema.reference_columns():
        found.setdefault(owner.file, []).append(column)
    return found


def _rows_with_only_reference_errors(problems: Iterable[Problem]) -> set[tuple[str, int]]:
    codes: dict[tuple[str, int], set[str]] = {}
    for problem in problems:
        if problem.severity == ERROR and problem.row is not None:
            codes.setdefault((problem.file, problem.row), set()).add(problem.code)
    return {key for key, found in codes.items() if found == {"unknown-id"}}


def _attribute(
    rows: TableRows,
    column: schema.Column,
    owners: dict[str, tuple[str, int]],
    lost: dict[tuple[str, int], list[LostRow]],
    causes: dict[tuple[str, int], str],
    only_references: set[tuple[str, int]],
) -> None:
    """Give each bad row that names a dropped id in ``column`` to that id's row (once per row: a relation whose
    source and target were both dropped goes to its source)."""
    if column.name not in rows.frame or not owners:
        return
    values = rows.frame.loc[rows.bad, column.name].str.lower()
    hits = values[values.isin(list(owners))]
    for row, value in zip(hits.index.tolist(), hits.tolist()):
        key = (rows.source, int(row))
        if key in causes:
            continue
        owner = owners[value]
        if owner == key:
            continue
        lost.setdefault(owner, []).append(LostRow(rows.source, int(row), rows.table.kind, column.name, value))
        # A row with errors of its own is listed under its owner and on its own too (cause ""): fixing the owner
        # alone does not bring it back.
        causes[key] = f"{owner[0]}:{owner[1]}" if key in only_references else ""
