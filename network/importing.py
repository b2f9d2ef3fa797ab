"""Importing other people's lists: a foreign table + a mapping file → a plan (what would change) → a safe save.

Each row of the foreign table is one participation: an organisation, the project or network it belongs to and the
relation between them (a keep.eu partner row, a CORDIS participation, a line of a network's member list). The
mapping (``import_mapping.py``) says which columns fill which fields. ``plan_import`` works out, without writing
anything, which organisations, groups, programmes and relations are new, which already exist, and which rows are
skipped and why; ``commit`` writes the plan through ``storage.save`` (backup, change log, conflict check).

Matching and ids, so that importing the same file twice changes nothing the second time:

- an organisation is the same as an existing one when it has the same known id (``organisation.id`` in the
  mapping, e.g. ``pic-{pic}``) or the same normalised name (``textnorm.name_key``: case, accents, punctuation and
  legal forms ignored) in the same country. Within the file, rows with the same id or the same name key and country
  are one organisation (the first row's spelling is kept; the others are counted as merged);
- a new organisation's id is its known id, else a slug of its name and country (``region-orebro-lan-se``); a group's
  is its known id or a slug of its key columns; a programme's a slug of its name. If a slug is taken by something
  else, a short hash of the row's identity is added, which is the same on every run;
- a relation already exists when relations.csv has the same source, type, target and since;
- entities that already exist are not changed by an import (it only adds).

Values are normalised for the directory: countries ("DE Germany / DEUTSCHLAND", "EL", "UK" → DE, GR, GB), dates
("2015/10/27", "27.10.2015" → 2015-10-27), money written either way ("892,228.58", "758394.29", "1.234,50"), web
addresses, vocabularies (via ``*_map`` and ``default``). A value that cannot be read is left empty and counted in
the report; a row without an organisation name, a country or a group is skipped with the reason and its row number.
Every row is either imported or skipped, and the report says which.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import hashlib
import io
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Mapping

import numpy as np
import pandas as pd

from . import access, countries, reading, schema, storage
from .access import Actor
from .editing import validate_tables
from .errors import NetworkError, UsageError
from .import_mapping import ImportMapping, MappingError, Spec, load_mapping
from .problems import ERROR, WARNING, Problem
from .schema import Column, Table
from .textnorm import clean, fold, name_key, nfc, slugify

__all__ = [
    "ForeignTable",
    "ImportReport",
    "ImportPlan",
    "SkippedRow",
    "read_table",
    "read_lookups",
    "plan_import",
    "commit",
    "run_import",
    "normalise_date",
    "normalise_money",
    "normalise_country",
    "MAX_SOURCE_BYTES",
]

#: Sources larger than this (after unzipping) are refused: the importer holds the table in memory.
MAX_SOURCE_BYTES = 512 * 1024 * 1024
#: How many skipped rows and problems the text report lists (the JSON report has all skipped rows).
SHOWN = 20

Progress = Callable[[str, float], None]


# --- reading a foreign table -----------------------------------------------------------------------------------


@dataclass
class ForeignTable:
    """A foreign table's cells as strings. The index is the row number as a spreadsheet shows it (header = 1)."""

    name: str
    frame: pd.DataFrame
    #: Rows that could not be read as the header says (row number → reason).
    broken: dict[int, str] = field(default_factory=dict)

    @property
    def header(self) -> list[str]:
        return [str(c) for c in self.frame.columns]


def _unzip(data: bytes, name: str) -> tuple[bytes, str]:
    if name.lower().endswith(".gz"):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
                data = handle.read(MAX_SOURCE_BYTES + 1)
        except (OSError, EOFError) as exc:
            raise UsageError(f"{name} is not a readable gzip file ({exc}).") from exc
        name = name[:-3]
    if len(data) > MAX_SOURCE_BYTES:
        raise UsageError(f"{name} is larger than {MAX_SOURCE_BYTES // 2**20} MB; split it into smaller files.")
    return data, name


def _csv_table(data: bytes, name: str, delimiter: str, encoding: str) -> ForeignTable:
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise UsageError(f"{name} is not {encoding} ({exc}). Remove source.encoding from the mapping to let "
                             "the importer detect it.") from exc
        text = text.removeprefix("\ufeff")
    else:
        text = reading.decode(data)
    delimiter = delimiter or reading.sniff_delimiter(text)
    rows = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = next(rows, [])
    width = len(header)
    header = [nfc(h).replace("\ufeff", "").strip() for h in header]
    body, broken = [], {}
    for number, cells in enumerate(rows, start=2):
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            broken[number] = (f"the row has {len(cells)} cells but the header has {width} columns (a value "
                              "probably contains the delimiter)")
        body.append((cells + [""] * width)[:width])
    frame = pd.DataFrame(body, columns=_unique(header), dtype=object)
    frame.index = pd.RangeIndex(2, 2 + len(frame), name="row")
    return ForeignTable(name, frame, broken)


def _unique(header: list[str]) -> list[str]:
    """Header cells made unique (a repeated column gets " (2)"), empty ones named "column N"."""
    seen: Counter = Counter()
    out = []
    for i, cell in enumerate(header, start=1):
        cell = cell or f"column {i}"
        seen[cell] += 1
        out.append(cell if seen[cell] == 1 else f"{cell} ({seen[cell]})")
    return out


def _xlsx_table(data: bytes, name: str, sheet: str) -> ForeignTable:
    from openpyxl import load_workbook

    reading.check_workbook_archive(io.BytesIO(data), name)  # a zip bomb is refused before it is opened
    try:
        book = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise UsageError(f"{name} could not be opened as an Excel workbook ({type(exc).__name__}). Save it again "
                         "as .xlsx, or as CSV.") from exc
    try:
        names = book.sheetnames
        if sheet and sheet not in names:
            raise UsageError(f"{name} has no sheet '{sheet}'. Its sheets: {', '.join(names)}. Use --sheet NAME.")
        ws = book[sheet] if sheet else book.worksheets[0]
        if (ws.max_row or 0) > reading.MAX_WORKBOOK_ROWS or (ws.max_column or 0) > reading.MAX_WORKBOOK_COLUMNS:
            raise UsageError(f"The sheet {ws.title} of {name} is too large ({ws.max_row} rows × {ws.max_column} "
                             "columns). Save it as CSV and import that.")
        rows = ws.iter_rows(values_only=True)
        header = [nfc(reading._cell_text(v)).strip() for v in next(rows, ())]
        width = len(header)
        body = [([reading._cell_text(v) for v in row] + [""] * width)[:width] for row in rows]
    finally:
        book.close()
    frame = pd.DataFrame(body, columns=_unique(header), dtype=object)
    frame.index = pd.RangeIndex(2, 2 + len(frame), name="row")
    return ForeignTable(f"{name} › {ws.title}", frame)


def read_table(source: str | Path | bytes, name: str | None = None, *, sheet: str = "", delimiter: str = "",
               encoding: str = "") -> ForeignTable:
    """Read a foreign CSV (any common encoding and delimiter, optionally ``.gz``) or one sheet of an XLSX."""
    if isinstance(source, (str, Path)):
        path = Path(source)
        if not path.is_file():
            raise UsageError(f"{path} does not exist. Give the CSV or XLSX file to import.")
        data, name = path.read_bytes(), name or path.name
    else:
        data, name = source, name or "upload"
    data, inner = _unzip(data, name)
    if inner.lower().endswith((".xlsx", ".xlsm")):
        return _xlsx_table(data, inner, sheet)
    return _csv_table(data, inner, delimiter, encoding)


def read_lookups(mapping: ImportMapping, source: str | Path | None,
                 files: Mapping[str, bytes] | None = None) -> tuple[dict[str, ForeignTable], list[str]]:
    """The mapping's lookup tables: from ``files`` (name → bytes, e.g. uploads), else next to the source file.

    A missing optional lookup is noted (its fields stay empty); a missing required one is a ``MappingError``.
    """
    found, notes = {}, []
    folder = Path(source).parent if isinstance(source, (str, Path)) else None
    for name, lookup in mapping.lookups.items():
        if files and name in files:
            found[name] = read_table(files[name], lookup.file, sheet=lookup.sheet)
            continue
        path = Path(lookup.file)
        if not path.is_absolute() and folder is not None:
            path = folder / path
        if folder is not None and path.is_file():
            found[name] = read_table(path, sheet=lookup.sheet)
        elif lookup.optional:
            notes.append(f"lookup {name}: {lookup.file} was not found, so the fields that read it are empty")
        else:
            raise MappingError(f"{mapping.name}: lookups.{name}.file: {lookup.file} was not found next to the source "
                               "file. Put it there, or set optional = true.")
    return found, notes


# --- normalising values ----------------------------------------------------------------------------------------

_DATE_FORMATS = ("%Y-%m-%d", "%Y/%m/%d", "%Y.%m.%d", "%d/%m/%Y", "%d.%m.%Y", "%d-%m-%Y", "%Y%m%d")


def normalise_date(value: str) -> str | None:
    """``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY`` for a date written in a common way; None if it is not a date."""
    text = value.strip()
    if not text:
        return ""
    text = re.sub(r"[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?$", "", text)  # "2015-10-27 00:00:00"
    if re.fullmatch(schema.DATE_PATTERN, text) and len(text) < 10:
        return text
    for fmt in _DATE_FORMATS:
        try:
            return dt.datetime.strptime(text, fmt).date().isoformat()
        except ValueError:
            continue
    match = re.fullmatch(r"(\d{4})[/.](\d{1,2})", text)
    if match and 1 <= int(match.group(2)) <= 12:
        return f"{match.group(1)}-{int(match.group(2)):02d}"
    return None


def normalise_money(value: str) -> str | None:
    """Digits with a ``.`` decimal point for an amount written either way; None if it is not a number.

    "892,228.58" and "892.228,58" → "892228.58"; "758394.29" stays; "1 234,5" → "1234.5"; "€ 50000.0" → "50000".
    """
    text = re.sub(r"(?i)eur|€|\s|\u00a0|'", "", value)
    if not text:
        return ""
    negative = text.startswith("-")
    text = text.lstrip("+-")
    if not re.fullmatch(r"[\d.,]+", text) or not re.search(r"\d", text):
        return None
    if "," in text and "." in text:
        decimal = "," if text.rfind(",") > text.rfind(".") else "."
        thousands = "." if decimal == "," else ","
        text = text.replace(thousands, "").replace(decimal, ".")
    elif "," in text or "." in text:
        mark = "," if "," in text else "."
        parts = text.split(mark)
        if len(parts) > 2 or (mark == "," and len(parts[1]) == 3 and parts[0] not in ("", "0")):
            if not all(len(p) == 3 for p in parts[1:]):
                return None
            text = "".join(parts)  # thousands separators only
        else:
            text = parts[0] + "." + parts[1]
    if text.startswith("."):
        text = "0" + text
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    text = text.lstrip("0") or "0"
    if text.startswith("."):
        text = "0" + text
    return ("-" if negative and text != "0" else "") + text


def normalise_country(value: str) -> str | None:
    """An ISO code for "SE", "el", "UK", "Sweden", "Tyskland" or "DE Germany / DEUTSCHLAND"; None if unknown."""
    text = value.strip()
    if not text:
        return ""
    code = countries.normalise_code(text)
    if len(code) == 2 and countries.is_valid_code(code):
        return code
    return countries.guess_code(text)


def _integer(value: str) -> str | None:
    money = normalise_money(value)
    if money is None or money == "":
        return money
    return money if re.fullmatch(r"\d+", money) else None


_EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s.]+")


def _email(value: str) -> str | None:
    return value if not value or _EMAIL.fullmatch(value) else None


def _url(value: str) -> str | None:
    scheme = re.match(r"^([a-zA-Z][a-zA-Z0-9+.-]*):", value)
    if scheme and scheme.group(1).lower() not in ("http", "https"):
        return None
    return value


def _slug_value(value: str) -> str | None:
    lowered = value.strip().lower()
    if not lowered or re.fullmatch(schema.ID_PATTERN, lowered):
        return lowered
    slug = slugify(lowered)
    return None if slug == "x" else slug


#: Cells that mean "no value" in exported data ("NA" in CORDIS): empty in dates, numbers and links (not in
#: countries, where NA is Namibia).
NA_MARKERS = frozenset({"na", "n/a", "nan", "null", "none", "-", "--", "?"})
_NA_TYPES = frozenset({schema.DATE, schema.NUMBER, schema.INTEGER, schema.EMAIL, schema.URL, schema.REFERENCE})

_NORMALISERS: dict[str, Callable[[str], str | None]] = {
    schema.COUNTRY: normalise_country,
    schema.DATE: normalise_date,
    schema.NUMBER: normalise_money,
    schema.INTEGER: _integer,
    schema.EMAIL: _email,
    schema.URL: _url,
    schema.REFERENCE: _url,
    schema.ID: _slug_value,
    schema.REF: _slug_value,
}


def _by_unique(series: pd.Series, func: Callable[[str], Any]) -> pd.Series:
    """``func`` applied once per distinct value (a 144,726-row file has far fewer distinct values).

    The result keeps plain Python strings (``object``): pandas' Arrow strings are slow to build and to iterate
    value by value, which the importer does a lot.
    """
    codes, uniques = pd.factorize(series.to_numpy(dtype=object))
    results = np.empty(len(uniques) + 1, dtype=object)
    results[:-1] = [func(u) for u in uniques]
    results[-1] = func("")  # code -1: a missing value
    return pd.Series(results[codes], index=series.index, dtype=object)


# --- evaluating the mapping on the rows ------------------------------------------------------------------------


class _Rows:
    """The source rows and the lookups joined to them, with each field of the mapping evaluated as a column."""

    def __init__(self, table: ForeignTable, lookups: Mapping[str, ForeignTable], mapping: ImportMapping) -> None:
        self.frame = table.frame
        self.lookups = lookups
        self.mapping = mapping
        self.cache: dict[str, pd.Series] = {}
        self.lookup_hits: dict[str, int] = {}

    def column(self, name: str) -> pd.Series:
        if name in self.cache:
            return self.cache[name]
        prefix, dot, rest = name.partition(".")
        if dot and prefix in self.mapping.lookups and name not in self.frame.columns:
            values = self._lookup(prefix, rest)
        else:
            values = self.frame[name]
        series = _by_unique(values.astype(object).fillna(""), lambda v: clean(str(v)))
        self.cache[name] = series
        return series

    def _lookup(self, name: str, column: str) -> pd.Series:
        lookup = self.mapping.lookups[name]
        table = self.lookups.get(name)
        keys = self.column(lookup.on)
        if table is None:
            return pd.Series("", index=self.frame.index)
        frame = table.frame
        found: dict[str, str] = {}
        for key, value in zip(_ids_of(frame[lookup.key], lower=False), frame[column].to_numpy(dtype=object)):
            found.setdefault(key, value)
        self.lookup_hits.setdefault(name, int(_by_unique(keys, lambda k: k in found).sum()))
        return _by_unique(keys, lambda k: found.get(k, ""))

    def evaluate(self, spec: Spec) -> pd.Series:
        index = self.frame.index
        if spec.value is not None:
            values = pd.Series(spec.value, index=index, dtype=object)
        elif spec.column:
            values = self.column(spec.column)
        elif spec.columns:
            values = pd.Series("", index=index, dtype=object)
            for column in spec.columns:
                part = self.column(column)
                values = values.where(part == "", values.where(values == "", values + spec.separator) + part)
        elif spec.template:
            values = self._template(spec.template)
        else:
            values = pd.Series("", index=index, dtype=object)
        if spec.pattern:
            values = _extract(values, spec.pattern)
        if spec.map:
            values = _mapped(values, spec.map)
        if spec.fallback is not None:
            empty = values == ""
            if empty.any():
                values = values.where(~empty, self.evaluate(spec.fallback))
        if spec.default:
            values = values.where(values != "", spec.default)
        return values.astype(object)

    def _template(self, template: str) -> pd.Series:
        parts = re.split(r"\{([^{}]+)\}", template)
        values = pd.Series("", index=self.frame.index, dtype=object)
        missing = pd.Series(False, index=self.frame.index)
        for i, part in enumerate(parts):
            if i % 2:
                column = self.column(part)
                missing |= column == ""
                values = values + column
            else:
                values = values + part
        return values.where(~missing, "")


def _extract(values: pd.Series, pattern: str) -> pd.Series:
    compiled = re.compile(pattern)

    def first(value: str) -> str:
        match = compiled.search(value)
        if not match:
            return ""
        return (match.group(1) if compiled.groups else match.group(0)).strip()

    return _by_unique(values, first)


def _mapped(values: pd.Series, table: Mapping[str, str]) -> pd.Series:
    folded = {fold(k): v for k, v in table.items()}

    def look(value: str) -> str:
        if value in table:
            return table[value]
        return folded.get(fold(value), value)

    return _by_unique(values, look)


@dataclass
class _Field:
    """A field's normalised values, and the rows whose value could not be read (left empty)."""

    values: pd.Series
    bad: pd.Series
    raw: pd.Series


def _normalised(rows: _Rows, spec: Spec, column: Column | None) -> _Field:
    raw = rows.evaluate(spec)
    values = raw
    bad = pd.Series(False, index=raw.index)
    if column is None:
        return _Field(values, bad, raw)
    func = _NORMALISERS.get(column.type)
    if func is not None:
        markers = NA_MARKERS if column.type in _NA_TYPES else frozenset()
        done = _by_unique(raw, lambda v: "" if v.strip().lower() in markers else func(v))
        bad = done.isna() & (raw != "")
        values = done.fillna("").astype(object)
    elif column.type == schema.VOCAB:
        vocabulary = set(column.vocabulary)

        def word(value: str) -> str:
            normal = re.sub(r"[\s_]+", "-", value.lower())
            return normal if normal in vocabulary else (spec.default or value)

        values = _by_unique(raw, word)
    if spec.default:
        values = values.where(values != "", spec.default)
    return _Field(values.astype(object), bad, raw)


# --- the report and the plan -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SkippedRow:
    row: int
    reason: str


@dataclass
class ImportReport:
    """What an import does (or did): counts, skipped rows with reasons, values left empty, warnings."""

    source: str
    mapping: str
    group_kind: str
    relation_type: str
    rows_read: int = 0
    rows_imported: int = 0
    organisations_created: int = 0
    organisations_matched: int = 0
    #: Rows whose organisation had already appeared in the file under another spelling (merged into it).
    names_merged: int = 0
    groups_created: int = 0
    groups_matched: int = 0
    programmes_created: int = 0
    programmes_matched: int = 0
    relations_created: int = 0
    relations_existing: int = 0
    #: Rows that repeat a relation already given by an earlier row of the file (merged into it).
    duplicates_merged: int = 0
    skipped: list[SkippedRow] = field(default_factory=list)
    #: Values that could not be read and were left empty: "field: N values (rows ...)".
    emptied: dict[str, list[int]] = field(default_factory=dict)
    notes: list[str] = field(default_factory=list)
    lookups: dict[str, int] = field(default_factory=dict)
    warnings: dict[str, int] = field(default_factory=dict)
    warning_examples: list[str] = field(default_factory=list)
    dry_run: bool = True
    written: bool = False
    backup: str = ""
    files: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def changes(self) -> int:
        return self.organisations_created + self.groups_created + self.programmes_created + self.relations_created

    def counts(self) -> dict[str, Any]:
        """The numbers only (no row contents): for the change log and for tests."""
        return {k: v for k, v in self.to_dict().items() if isinstance(v, (int, float)) and not isinstance(v, bool)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source, "mapping": self.mapping, "group_kind": self.group_kind,
            "relation_type": self.relation_type, "rows_read": self.rows_read, "rows_imported": self.rows_imported,
            "rows_skipped": len(self.skipped), "organisations_created": self.organisations_created,
            "organisations_matched": self.organisations_matched, "names_merged": self.names_merged,
            "groups_created": self.groups_created, "groups_matched": self.groups_matched,
            "programmes_created": self.programmes_created, "programmes_matched": self.programmes_matched,
            "relations_created": self.relations_created, "relations_existing": self.relations_existing,
            "duplicates_merged": self.duplicates_merged,
            "skipped": [{"row": s.row, "reason": s.reason} for s in self.skipped],
            "emptied": {k: {"count": len(v), "rows": v[:SHOWN]} for k, v in self.emptied.items()},
            "notes": self.notes, "lookups": self.lookups, "warnings": self.warnings,
            "dry_run": self.dry_run, "written": self.written, "backup": self.backup, "files": list(self.files),
            "seconds": round(self.seconds, 2),
        }

    def text(self) -> str:
        """The report for people (the CLI prints it; the dashboard shows the same numbers)."""
        groups = f"{self.group_kind}s"
        head = "Dry run: nothing was written." if self.dry_run else (
            f"Written (backup {self.backup})." if self.written
            else "Nothing to write: the directory already has it all.")
        lines = [
            f"Import of {self.source} with {self.mapping}. {head}",
            f"Rows read: {self.rows_read:,}; imported: {self.rows_imported:,}; skipped: {len(self.skipped):,}.",
            f"Organisations: {self.organisations_created:,} created, {self.organisations_matched:,} matched to "
            f"existing ones; {self.names_merged:,} rows named an organisation already seen under another spelling.",
            f"{groups.capitalize()}: {self.groups_created:,} created, {self.groups_matched:,} matched."
            + (f" Programmes: {self.programmes_created:,} created, {self.programmes_matched:,} matched."
               if self.group_kind == "project" else ""),
            f"Relations ({self.relation_type}): {self.relations_created:,} created, {self.relations_existing:,} "
            f"already there; {self.duplicates_merged:,} duplicate rows merged.",
        ]
        for name, hits in self.lookups.items():
            lines.append(f"Lookup {name}: found for {hits:,} rows.")
        lines += [f"Note: {n}." for n in self.notes]
        for key, rows in self.emptied.items():
            shown = ", ".join(map(str, rows[:10])) + (" ..." if len(rows) > 10 else "")
            lines.append(f"Left empty: {len(rows):,} values of {key} could not be read (rows {shown}).")
        if self.warnings:
            lines.append("Warnings in the new rows: " + ", ".join(f"{c} {n:,}" for c, n in self.warnings.items())
                         + ".")
            lines += [f"  {w}" for w in self.warning_examples]
        if self.skipped:
            lines.append(f"Skipped rows ({len(self.skipped):,}):")
            lines += [f"  row {s.row}: {s.reason}" for s in self.skipped[:SHOWN]]
            if len(self.skipped) > SHOWN:
                lines.append(f"  ... and {len(self.skipped) - SHOWN:,} more (--format json lists them all).")
        return "\n".join(lines)


@dataclass
class ImportPlan:
    """The tables after the import (nothing written yet), which files change, and the report."""

    report: ImportReport
    tables: storage.Tables
    changed: tuple[str, ...]
    base: str  # the fingerprint of the directory the plan was made on
    path: Path

    def changed_tables(self) -> storage.Tables:
        return {name: self.tables[name] for name in self.changed}


# --- planning --------------------------------------------------------------------------------------------------


def _hash(text: str, size: int = 6) -> str:
    return hashlib.blake2b(text.encode("utf-8"), digest_size=8).hexdigest()[:size]


def _slug(text: str, suffix: str = "") -> str:
    base = slugify(text)[:60].strip("-")
    if base in ("", "x"):  # a name in another script (Cyrillic, Greek): no letters survive; use a hash
        base = "org-" + _hash(fold(text), 8) if text else "x"
    return f"{base}-{suffix}" if suffix else base


class _Ids:
    """Every id in the directory (with its kind and name) and the ids this import has claimed."""

    def __init__(self, tables: Mapping[str, pd.DataFrame]) -> None:
        self.kind: dict[str, str] = {}
        self.name: dict[str, str] = {}
        for table in schema.ENTITY_TABLES:
            frame = tables[table.file]
            for entity_id, name in zip(_ids_of(frame["id"]), frame["name"].to_numpy(dtype=object)):
                if entity_id and entity_id not in self.kind:
                    self.kind[entity_id], self.name[entity_id] = table.kind, name
        self.claimed: set[str] = set()

    def same(self, entity_id: str, kind: str, name: str) -> bool:
        """An existing entity of this kind and name, not yet claimed by another row of this import."""
        return (entity_id not in self.claimed and self.kind.get(entity_id) == kind
                and fold(self.name.get(entity_id, "")) == fold(name))

    def free(self, base: str, identity: str, kind: str, name: str) -> tuple[str, bool]:
        """``(id, exists)``: base, or base-<hash of identity> when base is taken by something else."""
        if self.same(base, kind, name):
            return base, True
        if base not in self.kind and base not in self.claimed:
            return base, False
        hashed = f"{base}-{_hash(identity)}"
        candidate, n = hashed, 1
        while True:
            if self.same(candidate, kind, name):
                return candidate, True
            if candidate not in self.kind and candidate not in self.claimed:
                return candidate, False
            n += 1
            candidate = f"{hashed}-{n}"


def _name_index(frame: pd.DataFrame, with_country: bool) -> dict[str, str]:
    """name key (and country) → id of the first entity with it."""
    index: dict[str, str] = {}
    if not len(frame):
        return index
    keys = _by_unique(frame["name"], _key_of_name)
    if with_country:
        keys = keys + "|" + _by_unique(frame["country"], lambda c: normalise_country(str(c)) or str(c).strip())
    for key, entity_id in zip(keys, _ids_of(frame["id"])):
        index.setdefault(key, entity_id)
    return index


def _ids_of(series: pd.Series, lower: bool = True) -> list[str]:
    """Cells as plain, trimmed (and lower-cased) Python strings: fast to iterate, unlike Arrow strings."""
    values = series.to_numpy(dtype=object)
    if lower:
        return [str(v).strip().lower() for v in values]
    return [str(v).strip() for v in values]


def _key_of_name(name: str) -> str:
    return name_key(name) or fold(name)


@dataclass
class _Resolved:
    ids: dict[str, str]  # identity → id
    created: list[str]  # identities created, in order of first row
    matched: set[str]  # existing ids matched


def _first_rows(identity: pd.Series, kept: pd.Series) -> pd.Series:
    """The first kept row number of each identity, in row order."""
    chosen = identity[kept]
    return chosen[~chosen.duplicated()]


def _firsts(identity: pd.Series, kept: pd.Series, *columns: pd.Series | None) -> zip:
    """(identity, value of each column) for the first kept row of each identity, as plain Python values."""
    first = _first_rows(identity, kept)
    arrays = [first.to_numpy()] + [(c.loc[first.index].to_numpy() if c is not None else [None] * len(first))
                                   for c in columns]
    return zip(*arrays)


def _resolve_organisations(ids: _Ids, tables: Mapping[str, pd.DataFrame], identity: pd.Series, kept: pd.Series,
                           name: pd.Series, country: pd.Series, known: pd.Series) -> _Resolved:
    by_name = _name_index(tables[schema.ORGANISATIONS.file], with_country=True)
    resolved = _Resolved({}, [], set())
    for ident, explicit, the_name, the_country in _firsts(identity, kept, known, name, country):
        if explicit and ids.kind.get(explicit) == "organisation":
            entity_id, exists = explicit, True
        elif (match := by_name.get(f"{_key_of_name(the_name)}|{the_country}")) is not None:
            entity_id, exists = match, True
        else:
            base = explicit or _slug(the_name, the_country.lower())
            entity_id, exists = ids.free(base, ident, "organisation", the_name)
        _claim(ids, resolved, ident, entity_id, exists)
    return resolved


def _claim(ids: _Ids, resolved: _Resolved, ident: str, entity_id: str, exists: bool) -> None:
    resolved.ids[ident] = entity_id
    if exists:
        resolved.matched.add(entity_id)
    elif entity_id not in ids.claimed:
        resolved.created.append(ident)
    ids.claimed.add(entity_id)


def _resolve_groups(ids: _Ids, tables: Mapping[str, pd.DataFrame], kind: str, identity: pd.Series, kept: pd.Series,
                    name: pd.Series, key: pd.Series, known: pd.Series, programme: pd.Series | None) -> _Resolved:
    frame = tables[schema.table_for_kind(kind).file]
    by_name: dict[str, str] = {}
    if len(frame):
        names = _by_unique(frame["name"], _key_of_name)
        if kind == "project":
            names = names + "|" + pd.Series(_ids_of(frame["programme"]), index=frame.index, dtype=object)
        for k, entity_id in zip(names, _ids_of(frame["id"])):
            by_name.setdefault(k, entity_id)
    resolved = _Resolved({}, [], set())
    for ident, explicit, the_name, the_key, the_programme in _firsts(identity, kept, known, name, key, programme):
        name_lookup = _key_of_name(the_name) + (f"|{the_programme}" if programme is not None else "")
        if explicit and ids.kind.get(explicit) == kind:
            entity_id, exists = explicit, True
        else:
            base = explicit or _slug(the_key)
            entity_id, exists = ids.free(base, ident, kind, the_name)
            match = by_name.get(name_lookup)
            if not exists and match is not None and match not in ids.claimed:
                entity_id, exists = match, True
        _claim(ids, resolved, ident, entity_id, exists)
    return resolved


def _resolve_programmes(ids: _Ids, tables: Mapping[str, pd.DataFrame], identity: pd.Series, kept: pd.Series,
                        name: pd.Series, known: pd.Series) -> _Resolved:
    by_name = _name_index(tables[schema.PROGRAMMES.file], with_country=False)
    resolved = _Resolved({}, [], set())
    for ident, explicit, the_name in _firsts(identity, kept, known, name):
        if explicit and ids.kind.get(explicit) == "programme":
            entity_id, exists = explicit, True
        elif (match := by_name.get(_key_of_name(the_name))) is not None:
            entity_id, exists = match, True
        else:
            entity_id, exists = ids.free(explicit or _slug(the_name), ident, "programme", the_name)
        # programmes are shared by many rows: claiming would stop the next identity matching the same one
        resolved.ids[ident] = entity_id
        if exists:
            resolved.matched.add(entity_id)
        elif entity_id not in ids.claimed:
            resolved.created.append(ident)
            ids.claimed.add(entity_id)
    return resolved


def _fields(rows: _Rows, specs: Mapping[str, Spec], table: Table, report: ImportReport, section: str,
            kept: pd.Series) -> dict[str, pd.Series]:
    """Evaluate and normalise a section's fields; values that cannot be read are emptied and reported."""
    out: dict[str, pd.Series] = {}
    for key, spec in specs.items():
        column = table.column(key) if key in table.column_names else (
            Column("id", schema.ID) if key == "id" else None)
        found = _normalised(rows, spec, column)
        bad = found.bad & kept
        if bad.any() and key not in ("country",):
            report.emptied[f"{section}.{key}"] = [int(r) for r in bad.index[bad]]
        out[key] = found.values
        out[f"__raw_{key}"] = found.raw
        out[f"__bad_{key}"] = found.bad
    return out


def _derive_status(start: pd.Series, end: pd.Series, today: dt.date) -> pd.Series:
    """A project's status from its dates: completed if it has ended, running if it has started, else granted."""
    now = today.isoformat()
    ended = (end != "") & (end.str.slice(0, 10) < now)
    started = (start != "") & (start.str.slice(0, 10) <= now)
    status = pd.Series("granted", index=start.index, dtype=object)
    status = status.where(~started, "running")
    return status.where(~ended, "completed")


def _skip(reasons: pd.Series, mask: pd.Series, reason: str | pd.Series) -> None:
    """Give ``reason`` to the rows in ``mask`` that have no reason yet."""
    todo = mask & (reasons == "")
    if todo.any():
        reasons[todo] = reason[todo] if isinstance(reason, pd.Series) else reason


def _columns_text(spec: Spec) -> str:
    used = spec.columns_used()
    return ", ".join(used) if used else "(a constant)"


def _entity_rows(table: Table, fields: Mapping[str, pd.Series], rows: list[int], ids: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame({c: (fields[c].loc[rows].to_numpy() if c in fields else "") for c in table.column_names},
                         index=range(len(rows)), dtype=object)
    frame["id"] = ids
    return frame


def plan_import(data: str | Path | storage.Snapshot, table: ForeignTable, mapping: ImportMapping, *,
                lookups: Mapping[str, ForeignTable] | None = None, notes: list[str] | None = None,
                progress: Progress | None = None, today: dt.date | None = None) -> ImportPlan:
    """Work out what importing ``table`` with ``mapping`` would change in the directory; nothing is written."""
    started = dt.datetime.now()
    step = progress or (lambda _s, _f: None)
    if isinstance(data, storage.Snapshot):
        snapshot = data
    else:
        snapshot = storage.load(data) if Path(data).exists() else storage.empty_snapshot(data)
    today = today or dt.date.today()
    lookups = dict(lookups or {})
    mapping.check_columns(table.header, {name: t.header for name, t in lookups.items()})
    report = ImportReport(table.name, mapping.name, mapping.group_kind, mapping.relation_type)
    report.notes += list(notes or [])
    report.rows_read = len(table.frame)
    step("map", 0.2)
    extra_skips: dict[int, str] = {}
    for _ in range(3):
        built = _build(snapshot, table, mapping, lookups, report, extra_skips, today)
        step("validate", 0.6)
        valid, problems = validate_tables(built.tables, config=snapshot.config, today=today)
        bad = _bad_new_rows(built, problems)
        if not bad:
            break
        extra_skips.update(bad)
    else:
        raise NetworkError("The import could not be made valid; nothing was written. Check the mapping's fields.")
    _count_warnings(built, problems, report)
    report.seconds = (dt.datetime.now() - started).total_seconds()
    step("done", 1.0)
    return ImportPlan(report, built.tables, built.changed, snapshot.fingerprint, snapshot.path)


@dataclass
class _Built:
    tables: storage.Tables
    changed: tuple[str, ...]
    #: file → first row number of the rows this import appended
    first_new: dict[str, int]
    #: row number in the source → (organisation id, group id, relation key) it produced
    produced: pd.DataFrame


def _build(snapshot: storage.Snapshot, table: ForeignTable, mapping: ImportMapping,
           lookups: Mapping[str, ForeignTable], report: ImportReport, extra_skips: Mapping[int, str],
           today: dt.date) -> _Built:
    rows = _Rows(table, lookups, mapping)
    index = table.frame.index
    reasons = pd.Series("", index=index, dtype=object)
    report.emptied.clear()
    report.skipped.clear()
    blank = pd.Series(True, index=index)
    for column in table.frame.columns:
        blank &= _by_unique(table.frame[column], lambda v: str(v).strip()) == ""
    _skip(reasons, blank, "the row is empty")
    if table.broken:
        broken = pd.Series(table.broken, dtype=object).reindex(index).fillna("")
        _skip(reasons, broken != "", broken)
    kept = reasons == ""
    org = _fields(rows, mapping.organisation, schema.ORGANISATIONS, report, "organisation", kept)
    kind_table = schema.table_for_kind(mapping.group_kind)
    group = _fields(rows, {k: v for k, v in mapping.group.items() if k != "programme"}, kind_table, report,
                    "group", kept)
    relation = _fields(rows, mapping.relation, schema.RELATIONS_TABLE, report, "relation", kept)
    programme = _fields(rows, mapping.programme, schema.PROGRAMMES, report, "programme", kept) \
        if mapping.group_kind == "project" and "name" in mapping.programme else {}
    spec_name, spec_country = mapping.organisation["name"], mapping.organisation["country"]
    _skip(reasons, org["name"] == "", f"no organisation name (column {_columns_text(spec_name)} is empty)")
    _skip(reasons, org["__bad_country"],
          "'" + org["__raw_country"].astype(str) + f"' in {_columns_text(spec_country)} is not a country")
    _skip(reasons, org["country"] == "", f"no country (column {_columns_text(spec_country)} is empty)")
    key_spec = mapping.group.get("key", mapping.group["name"])
    key = rows.evaluate(key_spec)
    _skip(reasons, key == "", f"no {mapping.group_kind} (column {_columns_text(key_spec)} is empty)")
    _skip(reasons, group["name"] == "",
          f"no {mapping.group_kind} name (column {_columns_text(mapping.group['name'])} is empty)")
    if extra_skips:
        extra = pd.Series(dict(extra_skips), dtype=object).reindex(index).fillna("")
        _skip(reasons, extra != "", extra)
    kept = reasons == ""
    ids = _Ids(snapshot.tables)
    # organisations
    known_org = org.get("id", pd.Series("", index=index, dtype=object))
    org_identity = ("id:" + known_org).where(known_org != "",
                                             "nk:" + _by_unique(org["name"], _key_of_name) + "|" + org["country"])
    orgs = _resolve_organisations(ids, snapshot.tables, org_identity, kept, org["name"], org["country"], known_org)
    first_org = _first_rows(org_identity, kept)
    first_name = dict(zip(first_org.to_numpy(), org["name"][first_org.index].to_numpy()))
    report.names_merged = int((kept & (org["name"] != org_identity.map(first_name))).sum())
    # programmes (projects only)
    programme_id = pd.Series("", index=index, dtype=object)
    progs = _Resolved({}, [], set())
    if programme:
        known_prog = programme.get("id", pd.Series("", index=index, dtype=object))
        has_prog = kept & (programme["name"] != "")
        prog_identity = ("id:" + known_prog).where(known_prog != "", "k:" + _by_unique(programme["name"], fold))
        progs = _resolve_programmes(ids, snapshot.tables, prog_identity, has_prog, programme["name"], known_prog)
        programme_id = prog_identity.map(progs.ids).where(has_prog, "").fillna("")
    # groups
    known_group = group.get("id", pd.Series("", index=index, dtype=object))
    group_identity = ("id:" + known_group).where(known_group != "", "k:" + _by_unique(key, fold))
    groups = _resolve_groups(ids, snapshot.tables, mapping.group_kind, group_identity, kept, group["name"], key,
                             known_group, programme_id if programme else None)
    org_id = org_identity.map(orgs.ids).fillna("")
    group_id = group_identity.map(groups.ids).fillna("")
    # relations
    empty = pd.Series("", index=index, dtype=object)
    rel_fields = {c: relation.get(c, empty) for c in schema.RELATIONS_TABLE.column_names}
    rel_fields.update(source=org_id, relation=pd.Series(mapping.relation_type, index=index, dtype=object),
                      target=group_id)
    rel_fields["role"] = _by_unique(rel_fields["role"], str.lower)
    rel_key = (org_id + "\x1f" + mapping.relation_type + "\x1f" + group_id + "\x1f"
               + _by_unique(rel_fields["since"], str.lower))
    existing = _relation_keys(snapshot.tables[schema.RELATIONS_TABLE.file])
    is_existing = rel_key.isin(existing) & kept
    first = kept & ~rel_key.where(kept).duplicated()
    new_relation = first & ~is_existing
    # counts
    report.rows_imported = int(kept.sum())
    report.skipped = [SkippedRow(int(r), str(reasons[r])) for r in index[~kept]]
    report.organisations_created, report.organisations_matched = len(orgs.created), len(orgs.matched)
    report.groups_created, report.groups_matched = len(groups.created), len(groups.matched)
    report.programmes_created, report.programmes_matched = len(progs.created), len(progs.matched)
    report.relations_created = int(new_relation.sum())
    report.relations_existing = int((first & is_existing).sum())
    report.duplicates_merged = int((kept & ~first).sum())
    report.lookups = dict(rows.lookup_hits)
    # the new tables
    tables = dict(snapshot.tables)
    changed, first_new = [], {}
    row_of = {ident: row for row, ident in first_org.items()}
    additions: dict[str, pd.DataFrame] = {}
    org_rows = [row_of[i] for i in orgs.created]
    additions[schema.ORGANISATIONS.file] = _entity_rows(schema.ORGANISATIONS, org, org_rows,
                                                        [orgs.ids[i] for i in orgs.created])
    if programme:
        prog_first = {ident: row for row, ident in _first_rows(prog_identity, has_prog).items()}
        prog_rows = [prog_first[i] for i in progs.created]
        additions[schema.PROGRAMMES.file] = _entity_rows(schema.PROGRAMMES, programme, prog_rows,
                                                         [progs.ids[i] for i in progs.created])
    group_first = {ident: row for row, ident in _first_rows(group_identity, kept).items()}
    group_rows = [group_first[i] for i in groups.created]
    group_fields = dict(group)
    if mapping.group_kind == "project":
        group_fields["programme"] = programme_id
        if "status" not in mapping.group:
            group_fields["status"] = _derive_status(group.get("start", pd.Series("", index=index)).astype(str),
                                                    group.get("end", pd.Series("", index=index)).astype(str), today)
    additions[kind_table.file] = _entity_rows(kind_table, group_fields, group_rows,
                                              [groups.ids[i] for i in groups.created])
    for name in (schema.ORGANISATIONS.file, schema.NETWORKS.file):
        if name in additions and len(additions[name]):  # type is required: "other" when the source has none
            additions[name]["type"] = additions[name]["type"].where(additions[name]["type"] != "", "other")
    rel_frame = pd.DataFrame({c: rel_fields[c][new_relation].to_numpy() for c in schema.RELATIONS_TABLE.column_names},
                             dtype=object)
    additions[schema.RELATIONS_TABLE.file] = rel_frame
    for name, added in additions.items():
        if not len(added):
            continue
        table_ = schema.table_for_file(name)
        old = storage.conform(tables[name], table_)
        first_new[name] = 2 + len(old)
        merged = pd.concat([old, storage.conform(added, table_)], ignore_index=True).fillna("")
        merged.index = pd.RangeIndex(2, 2 + len(merged), name=reading.ROW_INDEX)
        tables[name] = merged
        changed.append(name)
    produced = pd.DataFrame({"org": org_id, "group": group_id, "programme": programme_id, "kept": kept})
    return _Built(tables, tuple(sorted(changed)), first_new, produced)


def _relation_keys(frame: pd.DataFrame) -> set[str]:
    if not len(frame):
        return set()
    parts = [_ids_of(frame[c]) for c in ("source", "relation", "target", "since")]
    return {"\x1f".join(values) for values in zip(*parts)}


def _bad_new_rows(built: _Built, problems: list[Problem]) -> dict[int, str]:
    """Source rows to skip because an entity or relation they made has an error, with the error's message."""
    bad_ids: dict[str, str] = {}
    bad_relation_rows: dict[int, str] = {}
    for problem in problems:
        first = built.first_new.get(problem.file)
        if problem.severity != ERROR or first is None or problem.row is None or problem.row < first:
            continue
        frame = built.tables[problem.file]
        message = f"{problem.column} '{problem.value}': {problem.message}"
        if problem.file == schema.RELATIONS_TABLE.file:
            row = frame.loc[problem.row]
            bad_relation_rows[problem.row] = message
            bad_ids.setdefault(f"rel:{row['source']}>{row['target']}", message)
        else:
            bad_ids.setdefault(str(frame.loc[problem.row, "id"]).strip().lower(), message)
    if not bad_ids:
        return {}
    produced = built.produced
    skips: dict[int, str] = {}
    for row, org_id, group_id, programme_id, kept in produced.itertuples(name=None):
        if not kept:
            continue
        for key in (org_id, group_id, programme_id, f"rel:{org_id}>{group_id}"):
            if key in bad_ids:
                skips[int(row)] = bad_ids[key]
                break
    if not skips:  # an error that no row explains: stop rather than loop
        raise NetworkError("The import would add rows with errors: " + "; ".join(list(bad_ids.values())[:3]))
    return skips


def _count_warnings(built: _Built, problems: list[Problem], report: ImportReport) -> None:
    counts: Counter = Counter()
    examples: list[str] = []
    for problem in problems:
        first = built.first_new.get(problem.file)
        if problem.severity != WARNING or first is None or problem.row is None or problem.row < first:
            continue
        counts[problem.code] += 1
        if len(examples) < 5:
            examples.append(str(problem))
    report.warnings = dict(counts.most_common())
    report.warning_examples = examples


# --- committing ------------------------------------------------------------------------------------------------


def commit(plan: ImportPlan, *, actor: Actor, keep_backups: int | None = None) -> ImportReport:
    """Write a plan through the safe save path. Only for an ``actor`` whose role may import (checked first:
    ``PermissionDeniedError``); refused with ``ConflictError`` if the directory changed since the plan."""
    access.authorize(actor, "import")
    report = plan.report
    report.dry_run = False
    if not plan.changed:
        return report
    result = storage.save(plan.path, plan.changed_tables(), plan.base, actor=actor, action="import",
                          summary=f"Imported {report.source} with {report.mapping}",
                          details=report.counts() | {"source": report.source, "mapping": report.mapping},
                          keep_backups=keep_backups)
    report.written, report.backup, report.files = result.changed, result.backup, result.files
    return report


def run_import(data: str | Path, source: str | Path, mapping: str | Path | ImportMapping, *, sheet: str = "",
               actor: Actor, dry_run: bool = False, progress: Progress | None = None,
               today: dt.date | None = None) -> ImportReport:
    """Read, plan and (unless ``dry_run``) write as ``actor``: what ``python -m network import`` does. The role is
    checked before the file is read, unless it is a dry run (which writes nothing)."""
    if not dry_run:
        access.authorize(actor, "import")
    started = dt.datetime.now()
    step = progress or (lambda _s, _f: None)
    if not isinstance(mapping, ImportMapping):
        mapping = load_mapping(mapping)
    data = Path(data)
    if not dry_run:
        storage._require_folder(data)
    step("read", 0.0)
    table = read_table(source, sheet=sheet or mapping.sheet, delimiter=mapping.delimiter, encoding=mapping.encoding)
    lookups, notes = read_lookups(mapping, source)
    plan = plan_import(data, table, mapping, lookups=lookups, notes=notes,
                       progress=lambda s, f: step(s, 0.1 + 0.7 * f), today=today)
    report = plan.report
    if not dry_run:
        step("write", 0.85)
        report = commit(plan, actor=actor)
    report.seconds = (dt.datetime.now() - started).total_seconds()
    step("done", 1.0)
    return report
