"""Validating the rows an import adds or changes, with the problems a validation of the whole directory finds there.

An import needs to know the problems of its own rows only (which new rows to leave out, which updates to refuse,
which warnings to count); validating all 400,000 rows of a large directory for that took about 5 s of every
import. Most checks look at one row's own cells. A few tie a row to others, and ``validation.py`` owns them all:

- a duplicate id: every entity row with the same id (the first keeps it, the message names it);
- a reference (``people.organisation``, ``projects.programme``, a relation's ``source`` and ``target``): the rows
  with that id (whether one is valid and of which kind; the first one with an error), and for an id no row has,
  every id close enough to be suggested (``validation.CLOSE_ID``);
- a repeated relation: every relation row with the same source and target;
- a near-duplicate name: every organisation whose name has the same key (all organisations when the file is small
  enough for matching's full normalisation, ``validation.quick_names``);
- country groups, match decisions and views: their whole (small) files.

``tied_rows`` follows these ties from the rows asked about, and from the rows found, until nothing new is tied;
``validate_rows`` runs ``validation.validate`` itself on just those rows (their row numbers kept) and keeps the
problems of the rows asked about. To find the ties it computes, for every row, only the cells the ties compare, as
validation cleans them (ids and references through ``validation.cleaned_cells``, lower case; the keys of names,
``matching.names.quick_keys``, which cleaning does not change). ``tests/test_validation_rows.py`` compares the result with a whole validation.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import replace

import pandas as pd
from rapidfuzz import fuzz, process

from . import schema
from .problems import Problem
from .reading import RawSource
from .validation import CLOSE_ID, cleaned_cells, quick_names, validate

__all__ = ["validate_rows", "tied_rows"]

#: A row as (table file, row number as Excel shows it).
Row = tuple[str, int]


def validate_rows(source: RawSource, rows: Mapping[str, Iterable[int]], today: dt.date | None = None) -> list[Problem]:
    """The problems ``validation.validate(source)`` finds on ``rows`` (table file → row numbers), in its order.

    Problems of other rows, of a whole file (row 1: its columns) or of ``directory.toml`` are not reported.
    """
    asked = {file: set(numbers) for file, numbers in rows.items()}
    needed = tied_rows(source, asked)
    tables = {}
    for file, raw in source.tables.items():
        frame = raw.frame
        if not raw.table.lookup:
            frame = frame[frame.index.isin(sorted(needed.get(file, ())))]
        tables[file] = replace(raw, frame=frame)
    organisations = source.tables.get(schema.ORGANISATIONS.file)
    _, problems = validate(
        replace(source, tables=tables),
        today,
        organisation_rows=0 if organisations is None else len(organisations.frame),
    )
    wanted = {
        (source.tables[file].source, row) for file, numbers in asked.items() if file in source.tables for row in numbers
    }
    return [p for p in problems if (p.file, p.row) in wanted]


def tied_rows(source: RawSource, rows: Mapping[str, Iterable[int]]) -> dict[str, set[int]]:
    """``rows`` and every row validation ties them to (see the module's docstring), by table file; lookup tables
    are not listed (they are always validated whole)."""
    ties = _Ties(source)
    needed: dict[str, set[int]] = {file: set() for file in source.tables}
    relations = schema.RELATIONS_TABLE.file
    work: list[Row] = []
    for file, numbers in rows.items():
        raw = source.tables.get(file)
        if raw is None or raw.table.lookup:
            continue
        present = [row for row in numbers if row in raw.frame.index]
        if file == relations:
            needed[file].update(ties.same_pair(present))
        else:
            work.extend((file, row) for row in present)
    for row in needed.get(relations, ()):
        for column in ("source", "target"):
            work.extend(ties.referred(ties.refs[(relations, column)].get(row, "")))
    while work:
        file, row = work.pop()
        if row in needed[file]:
            continue
        needed[file].add(row)
        work.extend(ties.of_entity(file, row))
    return needed


class _Ties:
    """The cells the ties compare, for every row, and the rows that share them."""

    def __init__(self, source: RawSource) -> None:
        self.source = source
        self.ids: dict[str, dict[int, str]] = {}  # file → row → id (cleaned, lower case)
        self.by_id: dict[str, list[Row]] = {}
        for table in schema.ENTITY_TABLES:
            column = self._loose(table, "id")
            self.ids[table.file] = column
            for row, value in column.items():
                if value:
                    self.by_id.setdefault(value, []).append((table.file, row))
        self.refs: dict[tuple[str, str], dict[int, str]] = {
            (table.file, column.name): self._loose(table, column.name) for table, column in schema.reference_columns()
        }
        self._known: list[str] | None = None
        self._names: dict[str, list[int]] | None = None  # name key → organisation rows; "" → all (a small file)
        self._name_of: dict[int, str] = {}
        self._listed: set[str] = set()  # the name keys whose group has been listed (``_same_name``)

    def _frame(self, table: schema.Table) -> pd.DataFrame | None:
        raw = self.source.tables.get(table.file)
        return None if raw is None else raw.frame

    def _loose(self, table: schema.Table, name: str) -> dict[int, str]:
        """row → the cell as validation cleans it, in lower case (an id's own check lowers only a valid id, so
        two cells equal there are equal here: the ties found are never fewer)."""
        frame = self._frame(table)
        if frame is None or name not in frame.columns or not len(frame):
            return {}
        cells = cleaned_cells(frame[name].astype(str), table.column(name)).str.lower()
        return dict(zip(frame.index.tolist(), cells.tolist()))

    def same_pair(self, rows: list[int]) -> set[int]:
        """Relation rows with the same source and target as one of ``rows`` (``rows`` included)."""
        if not rows:
            return set()
        file = schema.RELATIONS_TABLE.file
        frame = self._frame(schema.RELATIONS_TABLE)
        assert frame is not None
        sources, targets = self.refs[(file, "source")], self.refs[(file, "target")]
        pairs = {(sources.get(row, ""), targets.get(row, "")) for row in rows}
        found = set(rows)
        found.update(row for row in frame.index.tolist() if (sources.get(row, ""), targets.get(row, "")) in pairs)
        return found

    def referred(self, value: str) -> list[Row]:
        """The entity rows a reference to ``value`` depends on: those with that id, or, when none has it, those
        whose id could be suggested for it (rapidfuzz's ratio is never below difflib's, as in
        ``validation._close_matches``)."""
        if not value:
            return []
        if value in self.by_id:
            return self.by_id[value]
        if self._known is None:
            self._known = list(self.by_id)
        close = process.extract(
            value, self._known, scorer=fuzz.ratio, processor=None, score_cutoff=CLOSE_ID * 100 - 1, limit=None
        )
        return [row for found, _, _ in close for row in self.by_id[found]]

    def of_entity(self, file: str, row: int) -> list[Row]:
        """The rows an entity row is tied to: its id's, its references', and (organisations) its name's."""
        tied = list(self.by_id.get(self.ids[file].get(row, ""), ()))
        for (table_file, _column), values in self.refs.items():
            if table_file == file:
                tied.extend(self.referred(values.get(row, "")))
        if file == schema.ORGANISATIONS.file:
            tied.extend((file, other) for other in self._same_name(row))
        return tied

    def _same_name(self, row: int) -> list[int]:
        """The organisation rows with ``row``'s name key, only the first time that key is asked for: every row of
        a group is tied to every other, so listing the group once ties them all. (In a file small enough for the
        full normalisation every organisation is in one group; listing it again for each of them made 8,000 ×
        8,000 ties, 25 s of an update import of keep.eu's 1,891 projects.)"""
        if self._names is None:
            self._names = self._name_groups()
        key = self._name_of.get(row, "")
        if key in self._listed:
            return []
        self._listed.add(key)
        return self._names.get(key, [])

    def _name_groups(self) -> dict[str, list[int]]:
        from .matching.names import quick_keys

        table = schema.ORGANISATIONS
        frame = self._frame(table)
        if frame is None or not len(frame):
            return {}
        rows = frame.index.tolist()
        if not quick_names(len(frame)):
            return {"": rows}
        # The names as written: their keys are those of the names as validation cleans them (white space, NFC and
        # non-breaking spaces change no key; tests/test_fast_paths.py checks every code point), without the cleaning.
        keys = quick_keys(frame["name"].astype(str).tolist()) if "name" in frame else [""] * len(rows)
        groups: dict[str, list[int]] = {}
        for row, key in zip(rows, keys):
            if key:
                self._name_of[row] = key
                groups.setdefault(key, []).append(row)
        return groups
