"""Editing a directory: pure functions from tables to tables, each change checked with the rules of loading.

An ``Edit`` describes one change (add, update, delete or rename an entity; add, update or delete a relation) as
plain data, so that it can be shown, logged, kept while someone else's save is merged, and applied again to a newer
version of the files. ``apply`` makes the change on a copy of the tables (nothing is written; ``storage.save``
writes) and validates the result with ``validation.validate``, exactly as loading does. The change is refused
(``EditResult.ok`` is false) when it leaves an error in a row it touched or adds an error anywhere else; the
problems name the file, row and column so the dashboard can show each message next to its field. Errors that were
already in the data elsewhere do not block an unrelated edit.

Deleting an entity also deletes its relations and empties the reference columns that name it
(``people.organisation``, ``projects.programme``); ``delete_effects`` lists all of that before anyone confirms.
Renaming an id updates every reference: relations' source and target and the reference columns.

    >>> snapshot = storage.load("data")
    >>> result = update_entity(snapshot.tables, "region-orebro", {"city": "Örebro"})
    >>> if result.ok:
    ...     storage.save("data", result.changed_tables(), snapshot.fingerprint, summary=result.summary)
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import pandas as pd

from . import schema
from .errors import NotFoundError, UsageError
from .messages import Message
from .messages import message as note
from .ids import norm_id, norm_ids
from .problems import ERROR, WARNING, Problem
from .reading import ROW_INDEX, RawSource, RawTable
from .schema import DirectoryConfig, Table
from .storage import Tables, empty_table, key_columns
from .textnorm import slugify
from .validation import ValidData, validate
from .validation_rows import validate_rows

__all__ = [
    "Edit",
    "EditResult",
    "Effects",
    "ACTIONS",
    "apply",
    "apply_all",
    "add_entity",
    "update_entity",
    "delete_entity",
    "rename_id",
    "add_relation",
    "update_relation",
    "delete_relation",
    "delete_effects",
    "merge_entities",
    "find_entity",
    "find_relation",
    "suggest_id",
    "validate_tables",
    "problems_on_rows",
    "error_keys",
]

ACTIONS = ("add", "update", "delete", "rename", "add_relation", "update_relation", "delete_relation", "merge")
RELATIONS = schema.RELATIONS_TABLE.file
#: The columns that identify a relation row (``schema.RELATION_KEY``, as validation's duplicate check uses).
RELATION_KEY = schema.RELATION_KEY


@dataclass(frozen=True)
class Edit:
    """One change, as data. ``id`` names the entity (update, delete, rename); ``match`` names the relation row
    (its source, relation, target and since as they were); ``values`` are the new cell values by column."""

    action: str
    kind: str = ""
    id: str = ""
    values: Mapping[str, str] = field(default_factory=dict)
    match: Mapping[str, str] = field(default_factory=dict)

    def describe(self) -> str:
        """A one-line summary for the change log, with ids only (no names or contact details)."""
        return self.note().text if self.action in ACTIONS else self.action

    def note(self) -> Message:
        """The change as a code with parameters (ids and column names only), for the dashboard's language."""
        kind, fields = self.kind or "entity", ", ".join(sorted(self.values))
        if self.action == "add":
            return note("change.add", kind=kind, id=self.values.get("id", ""))
        if self.action in ("update", "delete"):
            return note(f"change.{self.action}", kind=kind, id=self.id, fields=fields)
        if self.action == "rename":
            return note("change.rename", id=self.id, new_id=self.values.get("id", ""))
        if self.action == "merge":
            return note("change.merge", kind=kind, drop=self.values.get("drop", ""), id=self.id)
        row = self.values if self.action == "add_relation" else self.match
        return note(
            f"change.{self.action}", fields=fields, **{c: str(row.get(c, "")) for c in ("source", "relation", "target")}
        )

    def to_dict(self) -> dict[str, Any]:
        return {k: (dict(v) if isinstance(v, Mapping) else v) for k, v in asdict(self).items()}


@dataclass(frozen=True)
class Effects:
    """What else deleting an entity changes: relations that go, and reference cells that are emptied."""

    entity: str
    kind: str
    #: Rows of relations.csv that name the entity (source, relation, target, role, since, until, ...).
    relations: tuple[dict[str, str], ...] = ()
    #: Cells that name it: (file, id of the row, column), e.g. ("people.csv", "anna-exempel", "organisation").
    references: tuple[tuple[str, str, str], ...] = ()

    @property
    def count(self) -> int:
        return len(self.relations) + len(self.references)

    def lines(self) -> list[str]:
        """The effects in words, one per line (the CLI's English)."""
        return [said.text for said in self.notes()]

    def notes(self) -> list[Message]:
        """The effects as codes with parameters, one per line (the dashboard shows them before asking for
        confirmation, in its language)."""
        out = [
            note("effect.relation-deleted", **{c: str(r.get(c, "")) for c in ("source", "relation", "target")})
            for r in self.relations
        ]
        out += [
            note("effect.reference-emptied", file=file, column=column, id=row_id)
            for file, row_id, column in self.references
        ]
        return out


@dataclass
class EditResult:
    """The tables after an edit (or several), which files change, and the problems that refuse it (or only warn)."""

    edits: tuple[Edit, ...]
    tables: Tables
    changed: tuple[str, ...]
    problems: list[Problem]
    #: What else the edit changed, in words (relations deleted, references renamed or emptied).
    effects: list[str] = field(default_factory=list)
    #: Rows (spreadsheet row numbers) the edit wrote, by file.
    touched: dict[str, list[int]] = field(default_factory=dict)
    #: New errors in rows the edit did not write (a reference that would dangle, a duplicate it causes).
    elsewhere: list[Problem] = field(default_factory=list)

    @property
    def errors(self) -> list[Problem]:
        """Every error that refuses the edit: in the edited rows, then elsewhere."""
        return [p for p in (*self.problems, *self.elsewhere) if p.severity == ERROR]

    @property
    def warnings(self) -> list[Problem]:
        return [p for p in self.problems if p.severity == WARNING]

    @property
    def ok(self) -> bool:
        return not self.errors

    @property
    def edit(self) -> Edit:
        """The edit (the first, for several)."""
        return self.edits[0]

    @property
    def summary(self) -> str:
        """For the change log: the edits in words, ids only."""
        if len(self.edits) <= 3:
            return "; ".join(e.describe() for e in self.edits)
        return f"{len(self.edits)} edits: " + "; ".join(e.describe() for e in self.edits[:3]) + "; ..."

    @property
    def notes(self) -> list[Message]:
        """The edits as codes with parameters (the first three, then how many more), for ``storage.save(notes=)``."""
        shown = [e.note() for e in self.edits[:3]]
        return shown + ([note("change.more", count=len(self.edits) - 3)] if len(self.edits) > 3 else [])

    def changed_tables(self) -> Tables:
        """Only the tables that change: what to hand to ``storage.save``."""
        return {name: self.tables[name] for name in self.changed}

    def by_column(self) -> dict[str, list[Problem]]:
        """Problems on the edited rows, by column: for messages next to the form's fields."""
        found: dict[str, list[Problem]] = {}
        for problem in self.problems:
            found.setdefault(problem.column, []).append(problem)
        return found


# --- validation ------------------------------------------------------------------------------------------------


def validate_tables(
    tables: Mapping[str, pd.DataFrame], *, config: DirectoryConfig | None = None, today: dt.date | None = None
) -> tuple[ValidData, list[Problem]]:
    """Validate tables held in memory exactly as ``load_directory`` validates files."""
    raw = {}
    for name, frame in tables.items():
        table = schema.table_for_file(name)
        raw[name] = RawTable(table, name, frame)
    source = RawSource(Path("."), raw, config or DirectoryConfig(), [])
    return validate(source, today=today)


def problems_on_rows(
    tables: Mapping[str, pd.DataFrame],
    rows: Mapping[str, Iterable[int]],
    *,
    config: DirectoryConfig | None = None,
    today: dt.date | None = None,
) -> list[Problem]:
    """The problems ``validate_tables`` finds on ``rows`` (file → row numbers), validating only them and the rows
    its checks tie them to (``validation_rows``)."""
    raw = {name: RawTable(schema.table_for_file(name), name, frame) for name, frame in tables.items()}
    return validate_rows(RawSource(Path("."), raw, config or DirectoryConfig(), []), rows, today=today)


def _row_identity(tables: Mapping[str, pd.DataFrame], problem: Problem) -> tuple:
    """What a problem is about, independent of row numbers: (file, the row's id or relation key, column, code)."""
    frame = tables.get(problem.file)
    if frame is None or problem.row is None or problem.row not in frame.index or problem.row < 2:
        return (problem.file, problem.row, problem.column, problem.code)
    row = frame.loc[problem.row]
    table = schema.table_for_file(problem.file)
    key = tuple(norm_id(row.get(c, "")) for c in key_columns(table)) if table else problem.row
    return (problem.file, key, problem.column, problem.code)


def error_keys(tables: Mapping[str, pd.DataFrame], problems: Iterable[Problem]) -> set[tuple]:
    """The errors of ``problems`` as row-number-free keys, to tell new errors from ones already in the data."""
    return {_row_identity(tables, p) for p in problems if p.severity == ERROR}


# --- finding ---------------------------------------------------------------------------------------------------


def find_entity(tables: Mapping[str, pd.DataFrame], entity_id: str) -> tuple[Table, int]:
    """The table and position (0-based) of the entity with this id. Raises ``NotFoundError``."""
    key = norm_id(entity_id)
    for table in schema.ENTITY_TABLES:
        frame = tables.get(table.file)
        if frame is None or not len(frame):
            continue
        hits = (norm_ids(frame["id"]) == key).to_numpy().nonzero()[0]
        if len(hits):
            return table, int(hits[0])
    raise NotFoundError(note("edit.no-entity", id=entity_id))


def find_relation(tables: Mapping[str, pd.DataFrame], match: Mapping[str, str]) -> int:
    """The position (0-based) of the first relation row whose source, relation, target and since equal ``match``."""
    frame = tables.get(RELATIONS, empty_table(schema.RELATIONS_TABLE))
    mask = pd.Series(True, index=frame.index)
    for column in RELATION_KEY:
        if column in match:
            mask &= norm_ids(frame[column]) == norm_id(match[column])
    hits = mask.to_numpy().nonzero()[0]
    if not len(hits):
        raise NotFoundError(
            note("edit.no-relation", **{c: str(match.get(c, "")) for c in ("source", "relation", "target")})
        )
    return int(hits[0])


def suggest_id(tables: Mapping[str, pd.DataFrame], name: str, suffix: str = "") -> str:
    """A free id from a name ("Region Örebro län" → "region-orebro-lan"), with ``-2``, ``-3`` ... if it is taken."""
    base = slugify(f"{name} {suffix}".strip())[:60].strip("-") or "x"
    taken = _all_ids(tables)
    candidate, n = base, 1
    while candidate in taken:
        n += 1
        candidate = f"{base}-{n}"
    return candidate


def _all_ids(tables: Mapping[str, pd.DataFrame]) -> set[str]:
    ids: set[str] = set()
    for table in schema.ENTITY_TABLES:
        frame = tables.get(table.file)
        if frame is not None and len(frame):
            ids.update(norm_ids(frame["id"]))
    return ids


def delete_effects(tables: Mapping[str, pd.DataFrame], entity_id: str) -> Effects:
    """What else deleting this entity would change (nothing is changed)."""
    table, _ = find_entity(tables, entity_id)
    key = norm_id(entity_id)
    relations = tables.get(RELATIONS, empty_table(schema.RELATIONS_TABLE))
    hit = (norm_ids(relations["source"]) == key) | (norm_ids(relations["target"]) == key)
    rows = tuple({k: v for k, v in row.items() if v != ""} for row in relations.loc[hit].to_dict("records"))
    references = []
    for ref_table, column in schema.reference_columns():
        frame = tables.get(ref_table.file)
        if not ref_table.is_entity or frame is None or not len(frame):
            continue
        refs = frame[norm_ids(frame[column.name]) == key]
        references += [(ref_table.file, str(row_id), column.name) for row_id in refs["id"]]
    return Effects(key, table.kind, rows, tuple(references))


# --- applying --------------------------------------------------------------------------------------------------


class _Work:
    """The tables being changed: copies made on first write, rows remembered as touched."""

    def __init__(self, tables: Mapping[str, pd.DataFrame]) -> None:
        self.tables: Tables = {t.file: tables.get(t.file, empty_table(t)) for t in schema.TABLES}
        self.copied: set[str] = set()
        self.touched: dict[str, set[object]] = {}  # file → row keys (id, or relation key tuple)
        self.effects: list[str] = []

    def frame(self, name: str) -> pd.DataFrame:
        if name not in self.copied:
            self.tables[name] = self.tables[name].copy()
            self.copied.add(name)
        return self.tables[name]

    def set_frame(self, name: str, frame: pd.DataFrame) -> None:
        frame = frame.copy()
        frame.index = pd.RangeIndex(2, 2 + len(frame), name=ROW_INDEX)
        self.tables[name] = frame
        self.copied.add(name)

    def touch(self, name: str, position: int) -> None:
        row = self.tables[name].iloc[position]
        self.touched.setdefault(name, set()).add(_key_of(name, row))


def _key_of(name: str, row: pd.Series) -> object:
    if name == RELATIONS:
        return tuple(norm_id(row.get(c, "")) for c in RELATION_KEY)
    return norm_id(row.get("id", ""))


def _clean_values(table: Table, frame: pd.DataFrame, values: Mapping[str, object]) -> dict[str, str]:
    known = set(table.column_names) | set(frame.columns)
    unknown = [c for c in values if c not in known]
    if unknown:
        raise UsageError(
            note(
                "edit.unknown-column",
                file=table.file,
                unknown=", ".join(repr(c) for c in unknown),
                columns=", ".join(table.column_names),
            )
        )
    return {c: "" if v is None else str(v).strip() for c, v in values.items()}


def _append(work: _Work, table: Table, values: Mapping[str, str]) -> None:
    frame = work.tables[table.file]
    row = {c: values.get(c, "") for c in frame.columns}
    extra = {c: v for c, v in values.items() if c not in frame.columns}
    new = pd.concat([frame, pd.DataFrame([{**row, **extra}], dtype=object)], ignore_index=True).fillna("")
    work.set_frame(table.file, new)
    work.touch(table.file, len(new) - 1)


def _set_cells(work: _Work, name: str, position: int, values: Mapping[str, str]) -> None:
    frame = work.frame(name)
    for column, value in values.items():
        if column not in frame.columns:
            frame[column] = ""
        frame.iloc[position, frame.columns.get_loc(column)] = value
    work.touch(name, position)


def _add(work: _Work, edit: Edit) -> None:
    if edit.kind not in schema.KINDS:
        raise UsageError(note("edit.unknown-kind", value=edit.kind, kinds=", ".join(schema.KINDS)))
    table = schema.table_for_kind(edit.kind)
    values = _clean_values(table, work.tables[table.file], edit.values)
    _append(work, table, values)


def _update(work: _Work, edit: Edit) -> None:
    table, position = find_entity(work.tables, edit.id)
    values = _clean_values(table, work.tables[table.file], edit.values)
    new_id = values.pop("id", None)
    if new_id is not None and norm_id(new_id) != norm_id(edit.id):
        _rename(work, Edit("rename", table.kind, edit.id, {"id": new_id}))
        table, position = find_entity(work.tables, new_id)
    _set_cells(work, table.file, position, values)


def _delete(work: _Work, edit: Edit) -> None:
    table, position = find_entity(work.tables, edit.id)
    effects = delete_effects(work.tables, edit.id)
    frame = work.tables[table.file]
    work.set_frame(table.file, frame.drop(frame.index[position]))
    if effects.relations:
        relations = work.tables[RELATIONS]
        key = effects.entity
        keep = (norm_ids(relations["source"]) != key) & (norm_ids(relations["target"]) != key)
        work.set_frame(RELATIONS, relations.loc[keep])
    for _file, row_id, column in effects.references:
        ref_table, ref_position = find_entity(work.tables, row_id)
        _set_cells(work, ref_table.file, ref_position, {column: ""})
    work.effects += effects.lines()


def _rename(work: _Work, edit: Edit) -> None:
    table, position = find_entity(work.tables, edit.id)
    old = norm_id(edit.id)
    new = str(edit.values.get("id", "")).strip()
    if not new:
        raise UsageError(note("edit.no-new-id"))
    if norm_id(new) != old and norm_id(new) in _all_ids(work.tables):
        work.effects.append(f"the id {new} is already used")
    _set_cells(work, table.file, position, {"id": new})
    relations = work.tables[RELATIONS]
    count = 0
    for column in ("source", "target"):
        hit = norm_ids(relations[column]) == old
        if hit.any():
            frame = work.frame(RELATIONS)
            frame.loc[hit, column] = new
            count += int(hit.sum())
            for position_hit in hit.to_numpy().nonzero()[0]:
                work.touch(RELATIONS, int(position_hit))
    if count:
        work.effects.append(f"{count} relation cell(s) now name {new}")
    for ref_table, column in schema.reference_columns():
        if not ref_table.is_entity:
            continue
        frame = work.tables[ref_table.file]
        if not len(frame):
            continue
        hit = norm_ids(frame[column.name]) == old
        for position_hit in hit.to_numpy().nonzero()[0]:
            _set_cells(work, ref_table.file, int(position_hit), {column.name: new})
            row_id = work.tables[ref_table.file].iloc[position_hit]["id"]
            work.effects.append(f"{ref_table.file}: {column.name} of {row_id} now names {new}")


def _add_relation(work: _Work, edit: Edit) -> None:
    table = schema.RELATIONS_TABLE
    _append(work, table, _clean_values(table, work.tables[RELATIONS], edit.values))


def _update_relation(work: _Work, edit: Edit) -> None:
    position = find_relation(work.tables, edit.match)
    _set_cells(work, RELATIONS, position, _clean_values(schema.RELATIONS_TABLE, work.tables[RELATIONS], edit.values))


def _delete_relation(work: _Work, edit: Edit) -> None:
    position = find_relation(work.tables, edit.match)
    frame = work.tables[RELATIONS]
    work.set_frame(RELATIONS, frame.drop(frame.index[position]))


#: Columns a merge never fills from the dropped row: the id, the name (it becomes an alias) and the aliases (merged).
_MERGE_OWN = ("id", "name", "aliases")


def _merged_aliases(keep: pd.Series, drop: pd.Series) -> str:
    """KEEP's aliases, then DROP's name and aliases, without repeats (compared folded) and without KEEP's name."""
    from .textnorm import fold

    names = [a for a in str(keep.get("aliases", "")).split(schema.LIST_SEPARATOR)]
    names += [str(drop.get("name", ""))] + str(drop.get("aliases", "")).split(schema.LIST_SEPARATOR)
    seen = {fold(str(keep.get("name", "")))}
    out = []
    for name in (n.strip() for n in names):
        if name and fold(name) not in seen:
            seen.add(fold(name))
            out.append(name)
    return schema.LIST_SEPARATOR.join(out)


def _merge(work: _Work, edit: Edit) -> None:
    """Merge the entity ``values["drop"]`` into ``edit.id``: KEEP's empty cells are filled from DROP, DROP's name
    becomes an alias, relations and references that named DROP name KEEP (relations that become a loop or a
    repeat are removed), and DROP's row goes."""
    keep_table, keep_at = find_entity(work.tables, edit.id)
    drop_id = str(edit.values.get("drop", "")).strip()
    drop_table, drop_at = find_entity(work.tables, drop_id)
    if norm_id(drop_id) == norm_id(edit.id):
        raise UsageError(note("edit.merge-same"))
    if keep_table.kind != drop_table.kind:
        raise UsageError(
            note("edit.merge-kinds", id=edit.id, kind=keep_table.kind, drop=drop_id, other_kind=drop_table.kind)
        )
    keep_row = work.tables[keep_table.file].iloc[keep_at]
    drop_row = work.tables[keep_table.file].iloc[drop_at]
    filled = {
        c: str(drop_row[c])
        for c in work.tables[keep_table.file].columns
        if c not in _MERGE_OWN and str(keep_row.get(c, "")).strip() == "" and str(drop_row[c]).strip() != ""
    }
    if "aliases" in work.tables[keep_table.file].columns:
        filled["aliases"] = _merged_aliases(keep_row, drop_row)
    pic = re.fullmatch(r"pic-(\d{9})", norm_id(drop_id))
    if (
        pic
        and "pic" in work.tables[keep_table.file].columns
        and not str(keep_row.get("pic", "")).strip()
        and "pic" not in filled
    ):
        filled["pic"] = pic.group(1)  # a CORDIS row's PIC lives in its id: keep it, so re-imports find KEEP
    columns = [c for c in sorted(filled) if c != "aliases"]
    if columns:
        work.effects.append(f"{edit.id}: empty {', '.join(columns)} filled from {drop_id}")
    keep_id = str(keep_row["id"])
    old = norm_id(drop_id)
    relations = work.tables[RELATIONS]
    hit_any = pd.Series(False, index=relations.index)
    if len(relations):
        repointed = relations.copy()
        for column in ("source", "target"):
            hit = norm_ids(repointed[column]) == old
            repointed.loc[hit, column] = keep_id
            hit_any |= hit
        if hit_any.any():
            loop = norm_ids(repointed["source"]) == norm_ids(repointed["target"])
            key = repointed[list(RELATION_KEY)].apply(norm_ids)
            repeat = key.duplicated(keep="first") & hit_any
            removed = int((loop & hit_any).sum() + (repeat & ~loop).sum())
            kept = repointed.loc[~((loop & hit_any) | repeat)]
            work.set_frame(RELATIONS, kept)
            work.effects.append(
                f"{int(hit_any.sum())} relation(s) of {drop_id} now name {keep_id}"
                + (f"; {removed} that became a loop or a repeat removed" if removed else "")
            )
            frame = work.tables[RELATIONS]
            for position in (
                (frame[["source", "target"]].apply(norm_ids) == norm_id(keep_id)).any(axis=1).to_numpy().nonzero()[0]
            ):
                work.touch(RELATIONS, int(position))
    for ref_table, column in schema.reference_columns():
        if not ref_table.is_entity or not len(work.tables[ref_table.file]):
            continue
        hit = norm_ids(work.tables[ref_table.file][column.name]) == old
        for position in hit.to_numpy().nonzero()[0]:
            _set_cells(work, ref_table.file, int(position), {column.name: keep_id})
            row_id = work.tables[ref_table.file].iloc[position]["id"]
            work.effects.append(f"{ref_table.file}: {column.name} of {row_id} now names {keep_id}")
    frame = work.tables[keep_table.file]
    work.set_frame(keep_table.file, frame.drop(frame.index[drop_at]))
    _, keep_at = find_entity(work.tables, keep_id)
    _set_cells(work, keep_table.file, keep_at, filled)
    work.effects.append(f"{drop_id} removed (its name is kept as an alias of {keep_id})")


_APPLY = {
    "add": _add,
    "update": _update,
    "delete": _delete,
    "rename": _rename,
    "add_relation": _add_relation,
    "update_relation": _update_relation,
    "delete_relation": _delete_relation,
    "merge": _merge,
}


def _touched_rows(work: _Work) -> dict[str, list[int]]:
    """Spreadsheet row numbers of the touched rows, in the tables after the edit."""
    rows: dict[str, list[int]] = {}
    for name, keys in work.touched.items():
        frame = work.tables[name]
        if not len(frame):
            continue
        if name == RELATIONS:
            key_series = pd.Series(list(zip(*(norm_ids(frame[c]) for c in RELATION_KEY))), index=frame.index)
        else:
            key_series = norm_ids(frame["id"])
        hit = key_series.isin(list(keys))
        rows[name] = [int(r) for r in frame.index[hit.to_numpy()]]
    return rows


def _normalise_touched(work: _Work, data: ValidData, touched: dict[str, list[int]]) -> None:
    """Write back what validation normalised in the edited rows ("el" → "GR", "www.x.org" → "https://www.x.org")."""
    for table in schema.ENTITY_TABLES:
        rows = touched.get(table.file)
        valid = data.entities.get(table.kind)
        if not rows or valid is None:
            continue
        rows = [r for r in rows if r in valid.index]
        if rows:
            frame = work.frame(table.file)
            columns = list(table.column_names)
            frame.loc[rows, columns] = valid.loc[rows, columns].astype(object).to_numpy()


def apply(
    tables: Mapping[str, pd.DataFrame],
    edit: Edit,
    *,
    before: Sequence[Problem] | None = None,
    config: DirectoryConfig | None = None,
    today: dt.date | None = None,
) -> EditResult:
    """Make ``edit`` on a copy of ``tables`` and validate the result.

    ``before`` are the problems of ``tables`` as they are (computed here if not given; the dashboard caches them
    per fingerprint). Raises ``NotFoundError`` when the edit names an entity or relation that is not there and
    ``UsageError`` for an unknown action, kind or column; problems in the values are returned, not raised.
    """
    return apply_all(tables, [edit], before=before, config=config, today=today)


def apply_all(
    tables: Mapping[str, pd.DataFrame],
    edits: Sequence[Edit],
    *,
    before: Sequence[Problem] | None = None,
    config: DirectoryConfig | None = None,
    today: dt.date | None = None,
) -> EditResult:
    """Make several edits one after the other (the rows changed in one ``st.data_editor``) and validate once:
    they are saved together or not at all."""
    if not edits:
        raise UsageError(note("edit.nothing"))
    for edit in edits:
        if edit.action not in _APPLY:
            raise UsageError(note("edit.unknown-action", action=edit.action, actions=", ".join(ACTIONS)))
    work = _Work(tables)
    original = dict(work.tables)
    for edit in edits:
        _APPLY[edit.action](work, edit)
    if before is None:
        before = validate_tables(original, config=config, today=today)[1]
    data, after = validate_tables(work.tables, config=config, today=today)
    touched = _touched_rows(work)
    old_errors = error_keys(original, before)
    problems, elsewhere = [], []
    for problem in after:
        if problem.row in touched.get(problem.file, ()):
            problems.append(problem)
        elif problem.severity == ERROR and _row_identity(work.tables, problem) not in old_errors:
            elsewhere.append(problem)
    if not any(p.severity == ERROR for p in (*problems, *elsewhere)):
        _normalise_touched(work, data, touched)
    changed = tuple(name for name in work.copied if not work.tables[name].equals(original[name]))
    return EditResult(tuple(edits), work.tables, tuple(sorted(changed)), problems, work.effects, touched, elsewhere)


# --- the same, one function per edit -----------------------------------------------------------------------------


def add_entity(tables: Mapping[str, pd.DataFrame], kind: str, values: Mapping[str, str], **options: Any) -> EditResult:
    """Add an entity of ``kind``. Without an id, one is made from the name (``suggest_id``)."""
    values = dict(values)
    if not str(values.get("id", "")).strip() and str(values.get("name", "")).strip():
        values["id"] = suggest_id(tables, str(values["name"]))
    return apply(tables, Edit("add", kind, str(values.get("id", "")), values), **options)


def update_entity(
    tables: Mapping[str, pd.DataFrame], entity_id: str, values: Mapping[str, str], **options: Any
) -> EditResult:
    """Change some cells of an entity. A new ``id`` among the values renames it (every reference follows)."""
    table, _ = find_entity(tables, entity_id)
    return apply(tables, Edit("update", table.kind, entity_id, dict(values)), **options)


def delete_entity(tables: Mapping[str, pd.DataFrame], entity_id: str, **options: Any) -> EditResult:
    """Delete an entity, its relations and the references to it (see ``delete_effects``)."""
    table, _ = find_entity(tables, entity_id)
    return apply(tables, Edit("delete", table.kind, entity_id), **options)


def rename_id(tables: Mapping[str, pd.DataFrame], old_id: str, new_id: str, **options: Any) -> EditResult:
    """Give an entity a new id and update every reference to it."""
    table, _ = find_entity(tables, old_id)
    return apply(tables, Edit("rename", table.kind, old_id, {"id": new_id}), **options)


def merge_entities(tables: Mapping[str, pd.DataFrame], keep_id: str, drop_id: str, **options: Any) -> EditResult:
    """Merge ``drop_id`` into ``keep_id`` (same kind): see ``_merge``. Nothing is written; ``storage.save`` writes."""
    table, _ = find_entity(tables, keep_id)
    return apply(tables, Edit("merge", table.kind, keep_id, {"drop": drop_id}), **options)


def add_relation(tables: Mapping[str, pd.DataFrame], values: Mapping[str, str], **options: Any) -> EditResult:
    return apply(tables, Edit("add_relation", "relation", values=dict(values)), **options)


def update_relation(
    tables: Mapping[str, pd.DataFrame], match: Mapping[str, str], values: Mapping[str, str], **options: Any
) -> EditResult:
    return apply(tables, Edit("update_relation", "relation", values=dict(values), match=_match(match)), **options)


def delete_relation(tables: Mapping[str, pd.DataFrame], match: Mapping[str, str], **options: Any) -> EditResult:
    return apply(tables, Edit("delete_relation", "relation", match=_match(match)), **options)


def _match(row: Mapping[str, str]) -> dict[str, str]:
    return {c: str(row.get(c, "") or "") for c in RELATION_KEY}
