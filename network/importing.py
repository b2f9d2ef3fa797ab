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
- a project is also the same as an existing one with the same acronym in the same programme (keep.eu's projects
  sheet names by title what its partner sheet named by acronym);
- a relation already exists when relations.csv has the same source, type, target and since;
- rows that already exist are not changed unless ``update``: then their empty fields are filled (a placeholder name
  such as "PIC 999999999" or a project named by its acronym counts as empty, and so does the type ``other``), and
  filled fields where the source says something else are reported as differences and replaced only with
  ``overwrite``. Without ``update`` the report still counts what could be filled. An update that would give an
  existing row an error (an end before its start) is not made, and the report says which source row and why.

Organisation types go through the sources' vocabularies (``vocabularies.py``: Interreg partner types, CORDIS
activity types, keep.eu legal status, "City", "Kommun", "Comune" …); an unknown word becomes ``other``, the word is
kept in ``source_type``, and the report lists unknown words with counts. A relation whose ``ended`` field says it
ended ("Former Member") gets ``until`` = the import date when the source gives no end date.

Values are normalised for the directory: countries ("DE Germany / DEUTSCHLAND", "EL", "UK" → DE, GR, GB), dates
("2015/10/27", "27.10.2015" → 2015-10-27), money written either way ("892,228.58", "758394.29", "1.234,50"), web
addresses, vocabularies (via ``*_map`` and ``default``). A value that cannot be read is left empty and counted in
the report; a row without an organisation name, a country or a group is skipped with the reason and its row number.
Every row is either imported or skipped, and the report says which; empty rows are not read (``reading.CsvRows``,
``reading.read_sheet``) and only counted in a note.
"""

from __future__ import annotations

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

from . import access, countries, reading, schema, storage, vocabularies
from .access import Actor
from .distinct import each_distinct, each_distinct_batch
from .editing import problems_on_rows
from .errors import NetworkError, UsageError
from .gc_pause import gc_paused
from .import_mapping import ImportMapping, MappingError, Spec, load_mapping
from .messages import Message, message
from .patterns import PatternTimeout, Searcher
from .problems import ERROR, WARNING, Problem
from .schema import Column, Table
from .textnorm import clean, fold, fold_many, keys_kept, name_key, name_keys, nfc, slugify

__all__ = [
    "MATCH_MODES",
    "MatchSuggestion",
    "ForeignTable",
    "ImportReport",
    "ReportLine",
    "ImportPlan",
    "SkippedRow",
    "TypeReading",
    "type_preview",
    "Difference",
    "is_placeholder_name",
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
#: How many differences between existing rows and the source a report keeps (all are counted).
MAX_DIFFERENCES = 1000

Progress = Callable[[str, float], None]


# --- reading a foreign table -----------------------------------------------------------------------------------


@dataclass
class ForeignTable:
    """A foreign table's cells as strings. The index is the row number as a spreadsheet shows it (header = 1)."""

    name: str
    frame: pd.DataFrame
    #: Rows that could not be read as the header says (row number → reason).
    broken: dict[int, Message] = field(default_factory=dict)
    #: Blank rows: skipped while reading (never stored or padded), counted for the report.
    blank_rows: int = 0

    @property
    def header(self) -> list[str]:
        return [str(c) for c in self.frame.columns]


def _unzip(data: bytes, name: str) -> tuple[bytes, str]:
    if name.lower().endswith(".gz"):
        try:
            with gzip.GzipFile(fileobj=io.BytesIO(data)) as handle:
                data = handle.read(MAX_SOURCE_BYTES + 1)
        except (OSError, EOFError) as exc:
            raise UsageError(message("read.bad-gzip", name=name)) from exc
        name = name[:-3]
    if len(data) > MAX_SOURCE_BYTES:
        raise UsageError(message("read.upload-too-large", name=name, limit=MAX_SOURCE_BYTES // 2**20))
    return data, name


def _csv_table(data: bytes, name: str, delimiter: str, encoding: str, limits: reading.Limits) -> ForeignTable:
    """Stream the rows, within ``limits`` (the directory loader's): blank rows are counted and skipped, never padded
    to the header's width; rows, cells and value lengths are counted as they come."""
    if encoding:
        try:
            text = data.decode(encoding)
        except UnicodeDecodeError as exc:
            line = data[: exc.start].count(b"\n") + 1
            said = message(
                "read.bad-encoding", name=name, encoding=encoding, line=line, byte=f"0x{data[exc.start]:02x}"
            )
            raise UsageError(said) from exc
        text = text.removeprefix("\ufeff")
    else:
        text = reading.decode(data)
    delimiter = delimiter or reading.sniff_delimiter(text)
    rows = reading.CsvRows(text, delimiter, name, limits)
    width = rows.width
    names = _unique([nfc(h).replace("\ufeff", "").strip() for h in rows.header])
    body, numbers, broken = [], [], {}
    for number, cells in rows:
        if len(cells) > width and any(c.strip() for c in cells[width:]):
            broken[number] = message("import.extra-cells", cells=len(cells), width=width)
        body.append((cells + [""] * width)[:width])
        numbers.append(number)
    frame = pd.DataFrame(body, columns=names, dtype=object, index=pd.Index(numbers, dtype="int64", name="row"))
    return ForeignTable(name, frame, broken, rows.blank_rows)


def _unique(header: list[str]) -> list[str]:
    """Header cells made unique (a repeated column gets " (2)"), empty ones named "column N"."""
    seen: Counter = Counter()
    out = []
    for i, cell in enumerate(header, start=1):
        cell = cell or f"column {i}"
        seen[cell] += 1
        out.append(cell if seen[cell] == 1 else f"{cell} ({seen[cell]})")
    return out


def _xlsx_table(data: bytes, name: str, sheet: str, limits: reading.Limits) -> ForeignTable:
    """One sheet, streamed cell by cell within ``limits`` (``reading.read_sheet``, as the directory loader)."""
    book = reading.open_workbook(io.BytesIO(data), name)  # zip bombs and damaged files refused with a message
    try:
        names = book.sheetnames
        if sheet and sheet not in names:
            raise UsageError(message("read.no-sheet", name=name, sheet=sheet, sheets=", ".join(names)))
        ws = book[sheet] if sheet else book.worksheets[0]
        source = f"{name} › {ws.title}"
        header, frame, blank = reading.read_sheet(book, ws, source, limits)
    finally:
        book.close()
    header = [nfc(h).strip() for h in header]
    frame.columns = _unique(header + [""] * (len(frame.columns) - len(header)))
    return ForeignTable(source, frame.astype(object), blank_rows=blank)


def read_table(
    source: str | Path | bytes,
    name: str | None = None,
    *,
    sheet: str = "",
    delimiter: str = "",
    encoding: str = "",
    limits: reading.Limits | None = None,
) -> ForeignTable:
    """Read a foreign CSV (any common encoding and delimiter, optionally ``.gz``) or one sheet of an XLSX.

    The same limits as the directory loader (``reading.Limits``) apply; beyond one: ``LimitError``.
    """
    limits = limits or reading.Limits.current()
    if isinstance(source, (str, Path)):
        path = Path(source)
        if not path.is_file():
            raise UsageError(message("read.upload-missing", path=path))
        data, name = path.read_bytes(), name or path.name
    else:
        data, name = source, name or "upload"
    data, inner = _unzip(data, name)
    if inner.lower().endswith((".xlsx", ".xlsm")):
        return _xlsx_table(data, inner, sheet, limits)
    return _csv_table(data, inner, delimiter, encoding, limits)


def read_lookups(
    mapping: ImportMapping, source: str | Path | None, files: Mapping[str, bytes] | None = None
) -> tuple[dict[str, ForeignTable], list[Message]]:
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
            notes.append(message("import.note.lookup-missing", name=name, file=lookup.file))
        else:
            raise MappingError(message("mapping.lookup-not-found", mapping=mapping.name, name=name, file=lookup.file))
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


def normalise_coordinate(value: str) -> str | None:
    """Decimal degrees with a point: "59,2753" → "59.2753" (a comma is always the decimal mark here, never a
    thousands separator, unlike amounts); None if it is not a number."""
    text = value.strip().replace("\u00a0", "").replace(" ", "").replace(",", ".")
    if not text:
        return ""
    return text if re.fullmatch(r"-?\d+(?:\.\d+)?", text) else None


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


def _list_value(value: str) -> str:
    """A list cell as the directory writes it: items separated by ``|``, each a slug, each once
    ("Tourism|Cultural heritage and arts" → "tourism|cultural-heritage-and-arts")."""
    items = [slugify(item) for item in value.split(schema.LIST_SEPARATOR) if item.strip()]
    return schema.LIST_SEPARATOR.join(dict.fromkeys(i for i in items if i != "x"))


#: Cells that mean "no value" in exported data ("NA" in CORDIS): empty in dates, numbers and links (not in
#: countries, where NA is Namibia).
NA_MARKERS = frozenset({"na", "n/a", "nan", "null", "none", "-", "--", "?"})
_NA_TYPES = frozenset(
    {schema.DATE, schema.NUMBER, schema.COORDINATE, schema.INTEGER, schema.EMAIL, schema.URL, schema.REFERENCE}
)

_NORMALISERS: dict[str, Callable[[str], str | None]] = {
    schema.COUNTRY: normalise_country,
    schema.DATE: normalise_date,
    schema.NUMBER: normalise_money,
    schema.COORDINATE: normalise_coordinate,
    schema.INTEGER: _integer,
    schema.EMAIL: _email,
    schema.URL: _url,
    schema.REFERENCE: _url,
    schema.ID: _slug_value,
    schema.REF: _slug_value,
    schema.LIST: _list_value,
}


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
        series = each_distinct(values.astype(object).fillna(""), lambda v: clean(str(v)))
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
        self.lookup_hits.setdefault(name, int(each_distinct(keys, lambda k: k in found).sum()))
        return each_distinct(keys, lambda k: found.get(k, ""))

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
            values = _extract(values, spec, self.mapping.name)
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


def _extract(values: pd.Series, spec: Spec, mapping: str) -> pd.Series:
    """The pattern's first group (or whole match) of each value, searched with a time limit (``patterns.py``).

    A search that runs out of time stops the import with a ``MappingError`` naming the key, the pattern and the
    first row that holds the value; other sessions keep running meanwhile (the search releases the GIL).
    """
    searcher = Searcher(spec.pattern)
    codes, uniques = pd.factorize(values.to_numpy(dtype=object))
    results = np.empty(len(uniques) + 1, dtype=object)
    for code, value in enumerate(uniques):
        try:
            results[code] = searcher.first(value)
        except PatternTimeout as exc:
            row = int(values.index[np.flatnonzero(codes == code)[0]])
            shown = value if len(value) <= 60 else value[:57] + "..."
            raise MappingError(
                message(
                    "mapping.pattern-timeout",
                    mapping=mapping,
                    where=spec.where,
                    pattern=spec.pattern,
                    seconds=f"{exc.seconds:g}",
                    row=row,
                    value=shown,
                    chars=f"{len(value):,}",
                )
            ) from exc
    results[-1] = searcher.first("")  # code -1: a missing value
    return pd.Series(results[codes], index=values.index, dtype=object)


def _mapped(values: pd.Series, table: Mapping[str, str]) -> pd.Series:
    folded = {fold(k): v for k, v in table.items()}

    def look(value: str) -> str:
        if value in table:
            return table[value]
        return folded.get(fold(value), value)

    return each_distinct(values, look)


@dataclass
class _Field:
    """A field's normalised values, and the rows whose value could not be read (left empty)."""

    values: pd.Series
    bad: pd.Series
    raw: pd.Series
    #: Values of a vocabulary that neither are one of its words nor a known synonym (read as ``other``).
    unknown: pd.Series | None = None


def _normalised(rows: _Rows, spec: Spec, column: Column | None, table: Table | None = None) -> _Field:
    raw = rows.evaluate(spec)
    values = raw
    bad = pd.Series(False, index=raw.index)
    if column is None:
        return _Field(values, bad, raw)
    if table is schema.ORGANISATIONS and column.name == "type":
        return _organisation_type(raw, spec)
    func = _NORMALISERS.get(column.type)
    if func is not None:
        markers = NA_MARKERS if column.type in _NA_TYPES else frozenset()
        done = each_distinct(raw, lambda v: "" if v.strip().lower() in markers else func(v))
        bad = done.isna() & (raw != "")
        values = done.fillna("").astype(object)
    elif column.type == schema.VOCAB:
        vocabulary = set(column.vocabulary)

        def word(value: str) -> str:
            normal = re.sub(r"[\s_]+", "-", value.lower())
            return normal if normal in vocabulary else (spec.default or value)

        values = each_distinct(raw, word)
    if spec.default:
        values = values.where(values != "", spec.default)
    return _Field(values.astype(object), bad, raw)


def _organisation_type(raw: pd.Series, spec: Spec) -> _Field:
    """Types through the sources' vocabularies (``vocabularies.py``): "Regional public authority" → region, "HES" →
    university, "Comune" → municipality; an unknown word → the mapping's default, else ``other`` (and the word is
    kept in ``source_type``)."""
    read = each_distinct(raw, lambda v: vocabularies.organisation_type(v) or "")
    unknown = (read == "") & (raw != "")
    values = read.where(~unknown, spec.default or "other")
    return _Field(values.astype(object), pd.Series(False, index=raw.index), raw, unknown)


def _source_type(field: _Field) -> pd.Series:
    """The source's own word for the type, where it is not the directory's word itself."""
    same = each_distinct(field.raw, vocabularies.type_key) == each_distinct(field.values, vocabularies.type_key)
    return field.raw.where(~same, "").astype(object)


@dataclass(frozen=True)
class TypeReading:
    """How the rows' own word for the organisation type is read: ``raw`` → ``type`` in ``rows`` rows. ``known`` is
    False when the word is none of the directory's types nor a synonym (``vocabularies.py``): such rows get the
    mapping's default, else ``other``, and a person should map the word (type_map) instead."""

    raw: str
    type: str
    rows: int
    known: bool


def type_preview(
    table: ForeignTable, mapping: ImportMapping, lookups: Mapping[str, ForeignTable] | None = None
) -> list[TypeReading]:
    """Each distinct organisation type value of the source and the directory type it becomes, most rows first: what
    an import would do with the types, shown before it is made (an empty list when the mapping has no type)."""
    spec = mapping.organisation.get("type")
    if spec is None:
        return []
    raw = _Rows(table, lookups or {}, mapping).evaluate(spec)
    found = _organisation_type(raw, spec)
    values = found.values.where(found.values != "", "other")  # a new organisation's type is required: "other"
    unknown = found.unknown if found.unknown is not None else pd.Series(False, index=raw.index)
    unknown = unknown | (raw == "")
    counted = pd.DataFrame({"raw": raw, "type": values, "unknown": unknown}).value_counts(sort=False)
    readings = [TypeReading(str(r), str(t), int(n), not bool(u)) for (r, t, u), n in counted.items()]
    return sorted(readings, key=lambda r: (-r.rows, r.raw))


# --- the report and the plan -----------------------------------------------------------------------------------


@dataclass(frozen=True)
class SkippedRow:
    """A source row left out (or not used to update), and why: ``reason`` in English (the CLI's report), ``note``
    the same as a code with parameters (``network.messages``) for the dashboard's language."""

    row: int
    reason: str
    note: Message | None = None

    @classmethod
    def of(cls, row: int, note: Message) -> SkippedRow:
        return cls(row, _reason_text(note), note)

    @property
    def code(self) -> str:
        """The reason's code in ``network.messages`` (empty for a reason said only in English)."""
        return self.note.code if self.note else ""

    @property
    def params(self) -> dict[str, str]:
        """The reason's parameters, for a translation of ``code``."""
        return dict(self.note.params) if self.note else {}


def _reason_text(note: Message) -> str:
    """The English reason; a problem of the data is said with the column and value it is about."""
    values = note.values
    if "at_column" in values:
        return f"{values['at_column']} '{values['at_value']}': {note.text}"
    return note.text


def _problem_reason(problem: Problem) -> Message:
    """Why a source row is refused, when a row it made has an error: the problem's message, with where."""
    base = Message(problem.key, problem.params) if problem.key else message("import.problem", detail=problem.message)
    return Message(
        base.code,
        base.params
        + (
            ("at_column", problem.column),
            ("at_value", problem.value),
            ("at_file", problem.file),
            ("at_row", str(problem.row)),
        ),
    )


@dataclass(frozen=True)
class Difference:
    """A filled field of an existing row that the source gives another value (kept unless ``overwrite``)."""

    file: str
    row: int  # as a spreadsheet shows it (header = 1)
    id: str
    column: str
    value: str  # the directory's
    source: str  # the source's
    source_row: int

    def note(self) -> Message:
        """The difference as a report line (``report.difference``; indented under its heading)."""
        return message(
            "report.difference",
            file=self.file,
            row=self.row,
            id=self.id,
            column=self.column,
            value=self.value,
            source=self.source,
            source_row=self.source_row,
        )

    def text(self) -> str:
        return self.note().text.strip()


#: How an import compares organisations that have no exact match (same known id, or same name and country) with
#: the directory's: ``auto`` takes one as an existing organisation when matching scores the pair at least
#: ``matching.AUTO_MERGE_THRESHOLD`` (precision 1.0 on the labelled pairs, docs/matching.md) and lists weaker
#: candidates for review; ``review`` only lists them; ``off`` compares exact names only.
MATCH_MODES = ("auto", "review", "off")


@dataclass(frozen=True)
class MatchSuggestion:
    """An imported organisation that matching found alike to an existing one, with the score and the reasons."""

    row: int
    name: str
    country: str
    candidate: str
    candidate_name: str
    score: float
    #: ``matching.Reason`` objects: a code and parameters the dashboard translates, and the English text.
    reasons: tuple[Any, ...]
    #: True when the import took it as the existing organisation (``--match auto`` above the threshold).
    merged: bool

    def to_dict(self) -> dict[str, Any]:
        return {
            **{k: v for k, v in vars(self).items() if k != "reasons"},
            "reasons": [r.to_dict() for r in self.reasons],
        }


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
    #: Notes on the import (empty rows ignored, an optional lookup not found), as codes with parameters.
    notes: list[Message] = field(default_factory=list)
    lookups: dict[str, int] = field(default_factory=dict)
    warnings: dict[str, int] = field(default_factory=dict)
    #: The first warnings of the new rows (``network.problems.Problem``).
    warning_examples: list[Problem] = field(default_factory=list)
    #: Values of a vocabulary (organisation.type) that are not known: field → value → rows (read as "other").
    unmapped: dict[str, dict[str, int]] = field(default_factory=dict)
    #: --update: fill empty fields of existing rows; --overwrite: also replace differing ones.
    update: bool = False
    overwrite: bool = False
    #: Empty fields (or placeholder names such as "PIC 999999999") of existing rows the source fills.
    fields_filled: int = 0
    #: Filled fields of existing rows where the source says something else (kept unless overwrite).
    fields_differing: int = 0
    fields_overwritten: int = 0
    #: Existing rows that get at least one field (filled or overwritten).
    rows_updated: int = 0
    differences: list[Difference] = field(default_factory=list)
    #: Source rows not used to update an existing row, because the result would have an error (and why).
    update_refused: list[SkippedRow] = field(default_factory=list)
    #: How organisations without an exact match are compared with the directory's (``MATCH_MODES``).
    match: str = "off"
    #: Organisations taken as an existing one because matching scored them as the same (``--match auto``).
    organisations_auto_matched: int = 0
    #: Organisations that may be an existing one, for a person to decide (and those merged automatically).
    match_suggestions: list[MatchSuggestion] = field(default_factory=list)
    dry_run: bool = True
    written: bool = False
    backup: str = ""
    files: tuple[str, ...] = ()
    seconds: float = 0.0

    @property
    def changes(self) -> int:
        """New rows, plus fields changed in existing rows (only with update)."""
        updated = (self.fields_filled + self.fields_overwritten) if self.update else 0
        return (
            self.organisations_created
            + self.groups_created
            + self.programmes_created
            + self.relations_created
            + updated
        )

    def counts(self) -> dict[str, Any]:
        """The numbers only (no row contents): for the change log and for tests."""
        return {k: v for k, v in self.to_dict().items() if isinstance(v, (int, float)) and not isinstance(v, bool)}

    def to_dict(self) -> dict[str, Any]:
        return {
            "source": self.source,
            "mapping": self.mapping,
            "group_kind": self.group_kind,
            "relation_type": self.relation_type,
            "rows_read": self.rows_read,
            "rows_imported": self.rows_imported,
            "rows_skipped": len(self.skipped),
            "organisations_created": self.organisations_created,
            "organisations_matched": self.organisations_matched,
            "names_merged": self.names_merged,
            "groups_created": self.groups_created,
            "groups_matched": self.groups_matched,
            "programmes_created": self.programmes_created,
            "programmes_matched": self.programmes_matched,
            "relations_created": self.relations_created,
            "relations_existing": self.relations_existing,
            "duplicates_merged": self.duplicates_merged,
            "update": self.update,
            "overwrite": self.overwrite,
            "fields_filled": self.fields_filled,
            "fields_differing": self.fields_differing,
            "fields_overwritten": self.fields_overwritten,
            "rows_updated": self.rows_updated,
            "differences": [vars(d) for d in self.differences],
            "update_refused": [{"row": s.row, "reason": s.reason} for s in self.update_refused],
            "unmapped": self.unmapped,
            "match": self.match,
            "organisations_auto_matched": self.organisations_auto_matched,
            "match_suggestions": [m.to_dict() for m in self.match_suggestions],
            "skipped": [
                {"row": s.row, "reason": s.reason, "code": s.code, "params": dict(s.params)} for s in self.skipped
            ],
            "emptied": {k: {"count": len(v), "rows": v[:SHOWN]} for k, v in self.emptied.items()},
            "notes": [n.text for n in self.notes],
            "lookups": self.lookups,
            "warnings": self.warnings,
            "dry_run": self.dry_run,
            "written": self.written,
            "backup": self.backup,
            "files": list(self.files),
            "seconds": round(self.seconds, 2),
        }

    def text(self) -> str:
        """The report for people, in English (the CLI prints it; the dashboard says the same ``lines``)."""
        return "\n".join(line.text for line in self.lines())

    def lines(self) -> list[ReportLine]:
        """The report line by line, as codes with parameters: the dashboard says it in the reader's language."""
        said = message
        if self.dry_run:
            head = said("report.head.dry-run", source=self.source, mapping=self.mapping)
        elif self.written:
            head = said("report.head.written", source=self.source, mapping=self.mapping, backup=self.backup)
        else:
            head = said("report.head.nothing", source=self.source, mapping=self.mapping)
        groups = {"created": f"{self.groups_created:,}", "matched": f"{self.groups_matched:,}"}
        if self.group_kind == "project":
            groups |= {
                "programmes_created": f"{self.programmes_created:,}",
                "programmes_matched": f"{self.programmes_matched:,}",
            }
        lines = [
            ReportLine(head),
            ReportLine(
                said(
                    "report.rows",
                    read=f"{self.rows_read:,}",
                    imported=f"{self.rows_imported:,}",
                    skipped=f"{len(self.skipped):,}",
                )
            ),
            ReportLine(
                said(
                    "report.organisations",
                    created=f"{self.organisations_created:,}",
                    matched=f"{self.organisations_matched:,}",
                    merged=f"{self.names_merged:,}",
                )
            ),
            ReportLine(said(f"report.groups.{'project' if self.group_kind == 'project' else 'network'}", **groups)),
            ReportLine(
                said(
                    "report.relations",
                    relation=self.relation_type,
                    created=f"{self.relations_created:,}",
                    existing=f"{self.relations_existing:,}",
                    merged=f"{self.duplicates_merged:,}",
                )
            ),
        ]
        lines += self._update_lines()
        lines += self._match_lines()
        for name, hits in self.lookups.items():
            lines.append(ReportLine(said("report.lookup", name=name, hits=f"{hits:,}")))
        for key, values in self.unmapped.items():
            shown = ", ".join(f"'{v}' ({n:,})" for v, n in list(values.items())[:SHOWN])
            if len(values) > SHOWN:
                lines.append(
                    ReportLine(said("report.unmapped.more", key=key, shown=shown, count=f"{len(values) - SHOWN:,}"))
                )
            else:
                lines.append(ReportLine(said("report.unmapped", key=key, shown=shown)))
        lines += [ReportLine(said("report.note", note=n.text), said=n) for n in self.notes]
        for key, rows in self.emptied.items():
            shown = ", ".join(map(str, rows[:10])) + (" ..." if len(rows) > 10 else "")
            lines.append(ReportLine(said("report.emptied", count=f"{len(rows):,}", key=key, rows=shown)))
        if self.warnings:
            counts = tuple(self.warnings.items())
            text = ", ".join(f"{c} {n:,}" for c, n in counts)
            lines.append(ReportLine(said("report.warnings", counts=text), counts=counts))
            lines += [ReportLine(said("report.warning", problem=str(p)), problem=p) for p in self.warning_examples]
        if self.skipped:
            lines.append(ReportLine(said("report.skipped", count=f"{len(self.skipped):,}")))
            lines += [_row_line(s) for s in self.skipped[:SHOWN]]
            if len(self.skipped) > SHOWN:
                lines.append(ReportLine(said("report.more", count=f"{len(self.skipped) - SHOWN:,}")))
        return lines

    def _match_lines(self) -> list[ReportLine]:
        if self.match == "off":
            return []
        review = [m for m in self.match_suggestions if not m.merged]
        lines = []
        if self.organisations_auto_matched:
            lines.append(ReportLine(message("report.match.auto", count=f"{self.organisations_auto_matched:,}")))
        if review:
            lines.append(ReportLine(message("report.match.review", count=f"{len(review):,}")))
        for m in self.match_suggestions[:SHOWN]:
            note = message(
                "report.match.taken" if m.merged else "report.match.may-be",
                row=m.row,
                name=m.name,
                country=m.country,
                candidate=m.candidate,
                candidate_name=m.candidate_name,
                score=f"{m.score:.2f}",
                reasons="; ".join(r.text for r in m.reasons),
            )
            lines.append(ReportLine(note, reasons=tuple(m.reasons)))
        if len(self.match_suggestions) > SHOWN:
            lines.append(ReportLine(message("report.more", count=f"{len(self.match_suggestions) - SHOWN:,}")))
        return lines

    def _update_lines(self) -> list[ReportLine]:
        if not (self.fields_filled or self.fields_differing):
            if not (self.organisations_matched or self.groups_matched or self.relations_existing):
                return []
            return [ReportLine(message("report.existing.nothing"))]
        filled, differing = f"{self.fields_filled:,}", f"{self.fields_differing:,}"
        if not self.update:
            return [ReportLine(message("report.existing.could-fill", filled=filled, differing=differing))]
        if self.overwrite:
            head = message(
                "report.existing.filled.overwritten",
                filled=filled,
                rows=f"{self.rows_updated:,}",
                differing=differing,
                overwritten=f"{self.fields_overwritten:,}",
            )
        else:
            head = message(
                "report.existing.filled.kept", filled=filled, rows=f"{self.rows_updated:,}", differing=differing
            )
        lines = [ReportLine(head)]
        lines += [ReportLine(d.note()) for d in self.differences[:SHOWN]]
        if self.update_refused:
            lines.append(ReportLine(message("report.update-refused", count=f"{len(self.update_refused):,}")))
            lines += [_row_line(s) for s in self.update_refused[:SHOWN]]
        if self.fields_differing > SHOWN:
            lines.append(
                ReportLine(
                    message(
                        "report.more-differences",
                        count=f"{self.fields_differing - SHOWN:,}",
                        listed=f"{min(self.fields_differing, MAX_DIFFERENCES):,}",
                    )
                )
            )
        return lines


@dataclass(frozen=True)
class ReportLine:
    """One line of an import's report (``ImportReport.lines``): a code with parameters (``network.messages``).

    Some lines hold what the core has already said in codes of its own, which the dashboard says in its language in
    place of the English parameter: a skipped row's reason (``skipped``, for ``{reason}``), a warning (``problem``,
    for ``{problem}``), the reasons matching gave (``reasons``: ``matching.Reason``, for ``{reasons}``), a note
    (``said``, for ``{note}``) and warning counts by problem code (``counts``, for ``{counts}``).
    """

    note: Message
    skipped: SkippedRow | None = None
    problem: Problem | None = None
    reasons: tuple[Any, ...] = ()
    said: Message | None = None
    counts: tuple[tuple[str, int], ...] = ()

    @property
    def text(self) -> str:
        """The line in English (the CLI's)."""
        return self.note.text


def _row_line(skipped: SkippedRow) -> ReportLine:
    return ReportLine(message("report.row-reason", row=skipped.row, reason=skipped.reason), skipped=skipped)


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
        return (
            entity_id not in self.claimed
            and self.kind.get(entity_id) == kind
            and fold(self.name.get(entity_id, "")) == fold(name)
        )

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
    keys = _keys_of_names(frame["name"])
    if with_country:
        keys = keys + "|" + each_distinct(frame["country"], lambda c: normalise_country(str(c)) or str(c).strip())
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


def _keys_of_names(names: pd.Series) -> pd.Series:
    """``_key_of_name`` of every name, folded all at once (a 100,000-organisation directory in a fraction of a
    second rather than seconds one by one)."""

    def keys(uniques: list) -> list[str]:
        texts = [str(u) for u in uniques]
        return [key or fold(text) for key, text in zip(name_keys(texts), texts)]  # fold: only the few without a key

    return each_distinct_batch(names, keys)


@dataclass
class _Resolved:
    ids: dict[str, str]  # identity → id
    created: list[str]  # identities created, in order of first row
    matched: set[str]  # existing ids matched
    suggestions: list[MatchSuggestion] = field(default_factory=list)


class _OrgMatching:
    """Matching (``network.matching``) of the organisations an import would create against the directory's, for
    ``--match auto|review``. The matcher indexes every existing organisation, so it is built on first need and once
    per plan (``plan_import`` may build the tables several times)."""

    #: The organisation fields matching reads besides name and country.
    FIELDS = ("city", "website", "pic", "vat")

    def __init__(
        self,
        mode: str,
        tables: Mapping[str, pd.DataFrame],
        path: str | Path | None = None,
        cache_dir: str | Path | None = None,
        fingerprint: str = "",
    ) -> None:
        if mode not in MATCH_MODES:
            raise UsageError(message("import.bad-match-mode", mode=mode, modes=", ".join(MATCH_MODES)))
        self.mode = mode
        self._tables = tables
        self._matcher: Any = None
        # The warm start (``matching.form_cache``): the matcher of these files, else the names' forms of the last
        # import into ``path``.
        self._warm = (path, cache_dir) if path is not None and cache_dir is not None else None
        self._fingerprint = fingerprint

    def best(self, row: Mapping[str, str]):
        """The best existing organisation for ``row`` (a ``matching.Candidate``), or None."""
        if self._matcher is None:
            self._matcher = self._build()
        return self._matcher.best(row)

    def _build(self) -> Any:
        # here: matching imports editing, which imports this package's modules
        from .matching import Matcher
        from .matching.form_cache import load_forms, load_matcher, store_forms, store_matcher

        if self._warm is None:
            return Matcher(self._tables, "organisation")
        found = load_matcher(*self._warm, self._fingerprint, self._tables, "organisation")
        if found is not None:
            return found
        known = load_forms(*self._warm)
        matcher = Matcher(self._tables, "organisation")
        forms = [form for record in matcher.records for form in record.forms]
        if len({f.name for f in forms}) > known:
            store_forms(*self._warm, forms)
        store_matcher(*self._warm, self._fingerprint, matcher)
        return matcher


def _first_rows(identity: pd.Series, kept: pd.Series) -> pd.Series:
    """The first kept row number of each identity, in row order."""
    chosen = identity[kept]
    return chosen[~chosen.duplicated()]


def _firsts(identity: pd.Series, kept: pd.Series, *columns: pd.Series | None) -> zip:
    """(identity, value of each column) for the first kept row of each identity, as plain Python values."""
    first = _first_rows(identity, kept)
    arrays = [first.to_numpy()] + [
        (c.loc[first.index].to_numpy() if c is not None else [None] * len(first)) for c in columns
    ]
    return zip(*arrays)


def _resolve_organisations(
    ids: _Ids,
    tables: Mapping[str, pd.DataFrame],
    identity: pd.Series,
    kept: pd.Series,
    name: pd.Series,
    country: pd.Series,
    known: pd.Series,
    matching: _OrgMatching | None = None,
    fields: Mapping[str, pd.Series] | None = None,
) -> _Resolved:
    """The id of each organisation identity: an existing one with the same known id, else with the same name and
    country, else (``matching``) one that matching scores as the same, else a new one."""
    by_name = _name_index(tables[schema.ORGANISATIONS.file], with_country=True)
    resolved = _Resolved({}, [], set())
    extra = [c for c in _OrgMatching.FIELDS if fields is not None and c in fields] if matching else []
    first_row = {ident: int(row) for row, ident in _first_rows(identity, kept).items()}
    for ident, explicit, the_name, the_country, *values in _firsts(
        identity, kept, known, name, country, *(fields[c] for c in extra)
    ):
        if explicit and ids.kind.get(explicit) == "organisation":
            entity_id, exists = explicit, True
        elif (match := by_name.get(f"{_key_of_name(the_name)}|{the_country}")) is not None:
            entity_id, exists = match, True
        elif (
            matching is not None
            and (
                found := _fuzzy(
                    matching,
                    ids,
                    resolved,
                    first_row[ident],
                    the_name,
                    the_country,
                    {"id": explicit or "", **dict(zip(extra, values))},
                )
            )
            is not None
        ):
            entity_id, exists = found, True
        else:
            base = explicit or _slug(the_name, the_country.lower())
            entity_id, exists = ids.free(base, ident, "organisation", the_name)
        _claim(ids, resolved, ident, entity_id, exists)
    return resolved


def _fuzzy(
    matching: _OrgMatching, ids: _Ids, resolved: _Resolved, row: int, name: str, country: str, values: Mapping[str, Any]
) -> str | None:
    """An existing organisation matching takes this one as (``auto`` above the threshold), else None; every
    candidate it finds is noted in ``resolved.suggestions`` with its score and reasons."""
    candidate = matching.best({"name": name, "country": country, **{k: str(v or "") for k, v in values.items()}})
    existing = candidate.b.strip().lower() if candidate is not None else ""
    if candidate is None or ids.kind.get(existing) != "organisation":
        return None
    merged = matching.mode == "auto" and candidate.auto
    resolved.suggestions.append(
        MatchSuggestion(
            row, name, country, existing, candidate.name_b, round(candidate.score, 3), tuple(candidate.reasons), merged
        )
    )
    return existing if merged else None


def _claim(ids: _Ids, resolved: _Resolved, ident: str, entity_id: str, exists: bool) -> None:
    resolved.ids[ident] = entity_id
    if exists:
        resolved.matched.add(entity_id)
    elif entity_id not in ids.claimed:
        resolved.created.append(ident)
    ids.claimed.add(entity_id)


def _resolve_groups(
    ids: _Ids,
    tables: Mapping[str, pd.DataFrame],
    kind: str,
    identity: pd.Series,
    kept: pd.Series,
    name: pd.Series,
    key: pd.Series,
    known: pd.Series,
    programme: pd.Series | None,
    acronym: pd.Series | None = None,
) -> _Resolved:
    """Ids for the groups: a known id, else the same name (and programme), else, for projects, the same acronym
    in the same programme (keep.eu's project sheet names by title what its partner sheet named by acronym)."""
    frame = tables[schema.table_for_kind(kind).file]
    by_name: dict[str, str] = {}
    by_acronym: dict[str, str] = {}
    if len(frame):
        names = _keys_of_names(frame["name"])
        if kind == "project":
            programmes = pd.Series(_ids_of(frame["programme"]), index=frame.index, dtype=object)
            names = names + "|" + programmes
            acronyms = each_distinct(frame["acronym"].astype(object).fillna(""), fold)
            for k, entity_id in zip(acronyms + "|" + programmes, _ids_of(frame["id"])):
                if not k.startswith("|"):
                    by_acronym.setdefault(k, entity_id)
        for k, entity_id in zip(names, _ids_of(frame["id"])):
            by_name.setdefault(k, entity_id)
    resolved = _Resolved({}, [], set())
    for ident, explicit, the_name, the_key, the_programme, the_acronym in _firsts(
        identity, kept, known, name, key, programme, acronym
    ):
        name_lookup = _key_of_name(the_name) + (f"|{the_programme}" if programme is not None else "")
        same_acronym = by_acronym.get(f"{fold(the_acronym)}|{the_programme}") if the_acronym else None
        if explicit and ids.kind.get(explicit) == kind:
            entity_id, exists = explicit, True
        elif same_acronym is not None and same_acronym not in ids.claimed:
            entity_id, exists = same_acronym, True  # a title may change (or repeat); acronym + programme do not
        else:
            base = explicit or _slug(the_key)
            entity_id, exists = ids.free(base, ident, kind, the_name)
            match = by_name.get(name_lookup)
            if not exists and match is not None and match not in ids.claimed:
                entity_id, exists = match, True
        _claim(ids, resolved, ident, entity_id, exists)
    return resolved


def _resolve_programmes(
    ids: _Ids,
    tables: Mapping[str, pd.DataFrame],
    identity: pd.Series,
    kept: pd.Series,
    name: pd.Series,
    known: pd.Series,
) -> _Resolved:
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


# --- updating existing rows (--update, --overwrite) ---------------------------------------------------------------

#: Columns that are only filled, never reported as differing: where a row's facts come from, when someone checked,
#: and the source's own word for the type (each source has its own).
_FILL_ONLY = frozenset({"reference", "verified", "source_type"})
#: A column that changes with another: where the import changes ``type``, ``source_type`` is the new source's word.
_FOLLOWS = {"source_type": "type"}
_MADE_UP_NAME = re.compile(r"(?i)(pic|h2020 project|horizon 2020 project) \d+")
#: Words a membership list uses for a membership that ended (``[relation] ended``; also yes/true/1).
_ENDED_WORDS = frozenset(
    {
        "former member",
        "former",
        "ended",
        "left",
        "inactive",
        "resigned",
        "expelled",
        "past member",
        "tidigare medlem",
        "fore detta medlem",
        "utträdd",
        "uttradd",
        "avslutad",
        "yes",
        "true",
        "1",
        "x",
        "ja",
    }
)


def is_placeholder_name(name: str, acronym: str = "") -> bool:
    """A name made up for want of a real one: "PIC 999999999", "H2020 project 221856", or a project named by its
    acronym (keep.eu's partner list has no titles). It counts as empty: ``--update`` puts a real name in its place."""
    text = name.strip()
    return bool(_MADE_UP_NAME.fullmatch(text)) or (bool(acronym.strip()) and fold(text) == fold(acronym))


def _ended(
    relation: Mapping[str, pd.Series], rel_fields: dict[str, pd.Series], source: str, today: dt.date
) -> pd.Series:
    """Relations whose status says they ended ("Former Member") and that have no ``until``: until becomes the
    import date (it ended on or before it) and the note says so. Returns those rows."""
    index = rel_fields["until"].index
    if "ended" not in relation:
        return pd.Series(False, index=index)
    ended = each_distinct(relation["ended"], lambda v: fold(v) in _ENDED_WORDS)
    inferred = ended & (rel_fields["until"] == "")
    if inferred.any():
        date = today.isoformat()
        rel_fields["until"] = rel_fields["until"].where(~inferred, date)
        note = "Ended on or before " + date + ": " + source + " lists it as '" + relation["ended"] + "'."
        rel_fields["note"] = rel_fields["note"].where(~(inferred & (rel_fields["note"] == "")), note)
    return inferred


@dataclass
class _Targets:
    positions: np.ndarray  # positions of the existing rows in their file
    labels: list[str]  # their ids (for messages)
    source_rows: list[int]  # the source row that names each

    def without(self, rows: Mapping[int, str]) -> _Targets:
        keep = [i for i, row in enumerate(self.source_rows) if row not in rows]
        return _Targets(self.positions[keep], [self.labels[i] for i in keep], [self.source_rows[i] for i in keep])


def _existing_rows(frame: pd.DataFrame, resolved: _Resolved, first_rows: pd.Series) -> _Targets:
    """The existing rows this import matched, each with the first source row that matched it."""
    chosen: dict[str, int] = {}
    for row, ident in first_rows.items():
        entity_id = resolved.ids.get(ident)
        if entity_id in resolved.matched and entity_id not in chosen:
            chosen[entity_id] = int(row)
    where: dict[str, int] = {}
    if chosen:
        for i, entity_id in enumerate(_ids_of(frame["id"])):
            if entity_id in chosen:
                where.setdefault(entity_id, i)
    found = [e for e in chosen if e in where]
    return _Targets(np.array([where[e] for e in found], dtype=np.int64), found, [chosen[e] for e in found])


def _existing_relations(frame: pd.DataFrame, key: pd.Series, existing: pd.Series) -> _Targets:
    """The existing relations the source repeats (same source, type, target and since)."""
    wanted = dict(zip(key[existing].to_numpy(), existing.index[existing]))
    if not wanted or not len(frame):
        return _Targets(np.zeros(0, dtype=np.int64), [], [])
    parts = [_ids_of(frame[c]) for c in schema.RELATION_KEY]
    positions, labels, rows = [], [], []
    for i, values in enumerate(zip(*parts)):
        joined = "\x1f".join(values)
        if joined in wanted:
            positions.append(i)
            labels.append(f"{values[0]} {values[1]} {values[2]}")
            rows.append(int(wanted.pop(joined)))
    return _Targets(np.array(positions, dtype=np.int64), labels, rows)


def _same(column: str, old: np.ndarray, new: np.ndarray) -> np.ndarray:
    if column == "name":
        return np.array([_key_of_name(a) == _key_of_name(b) for a, b in zip(old, new)], dtype=bool)
    return np.array(fold_many(old.tolist()), dtype=object) == np.array(fold_many(new.tolist()), dtype=object)


def _update_rows(
    frame: pd.DataFrame,
    table: Table,
    values: Mapping[str, pd.Series],
    positions: np.ndarray,
    labels: list[str],
    source_rows: list[int],
    columns: list[str],
    soft: Mapping[str, pd.Series],
    report: ImportReport,
    origin: dict[tuple[str, int], int],
) -> pd.DataFrame | None:
    """Count (and with ``report.update`` make) the changes the source brings to existing rows.

    An empty field, a placeholder name or the type ``other`` is *filled*; a filled field where the source says
    something else *differs* and is replaced only with ``report.overwrite``. ``soft`` marks source values that only
    fill (an until the import inferred from "Former Member"). Returns the new frame, or None if nothing changed.
    """
    if not len(positions) or not columns:
        return None
    frame = storage.conform(frame, table)
    touched = np.zeros(len(positions), dtype=bool)
    taken: dict[str, np.ndarray] = {}
    columns = sorted(columns, key=lambda c: c in _FOLLOWS)  # a leader before the column that follows it
    acronyms = frame["acronym"].to_numpy(dtype=object)[positions] if "acronym" in frame.columns else None
    for column in columns:
        old = np.array([str(v).strip() for v in frame[column].to_numpy(dtype=object)[positions]], dtype=object)
        new = np.array([str(v).strip() for v in values[column].loc[source_rows].to_numpy(dtype=object)], dtype=object)
        has_new = new != ""
        if column == "type":
            has_new &= (new != "other") & ~np.array(
                [vocabularies.is_broader(n, o) for n, o in zip(new, old)], dtype=bool
            )
            empty = (old == "") | (old == "other")
        elif column == "name":
            acronym = acronyms if acronyms is not None else np.full(len(old), "", dtype=object)
            empty = np.array([is_placeholder_name(o, str(a)) for o, a in zip(old, acronym)], dtype=bool)
            has_new &= ~np.array([is_placeholder_name(n, str(a)) for n, a in zip(new, acronym)], dtype=bool)
        else:
            empty = old == ""
        fill = empty & has_new & (old != new)
        differ = ~empty & has_new & ~_same(column, old, new)
        if column in _FILL_ONLY:
            differ[:] = False
        if column in soft:
            differ &= ~soft[column].loc[source_rows].to_numpy(dtype=bool)
        report.fields_filled += int(fill.sum())
        report.fields_differing += int(differ.sum())
        for i in np.flatnonzero(differ)[: max(0, MAX_DIFFERENCES - len(report.differences))]:
            report.differences.append(
                Difference(table.file, int(positions[i]) + 2, labels[i], column, old[i], new[i], source_rows[i])
            )
        take = fill | differ if report.overwrite else fill
        if report.overwrite:
            report.fields_overwritten += int(differ.sum())
        if column in _FOLLOWS and _FOLLOWS[column] in taken:
            take = take | (taken[_FOLLOWS[column]] & (old != new))
        taken[column] = take
        if report.update and take.any():
            cells = frame[column].to_numpy(dtype=object).copy()
            cells[positions[take]] = new[take]
            frame[column] = cells
            touched |= take
    report.rows_updated += int(touched.sum())
    for i in np.flatnonzero(touched):
        origin[(table.file, int(positions[i]) + 2)] = source_rows[i]
    return frame if touched.any() else None


def _fields(
    rows: _Rows, specs: Mapping[str, Spec], table: Table, report: ImportReport, section: str, kept: pd.Series
) -> dict[str, pd.Series]:
    """Evaluate and normalise a section's fields; values that cannot be read are emptied and reported."""
    out: dict[str, pd.Series] = {}
    for key, spec in specs.items():
        column = table.column(key) if key in table.column_names else (Column("id", schema.ID) if key == "id" else None)
        found = _normalised(rows, spec, column, table)
        bad = found.bad & kept
        if bad.any() and key not in ("country",):
            report.emptied[f"{section}.{key}"] = [int(r) for r in bad.index[bad]]
        if found.unknown is not None:
            unknown = found.raw[found.unknown & kept]
            if len(unknown):
                report.unmapped[f"{section}.{key}"] = {str(k): int(v) for k, v in unknown.value_counts().items()}
            if table is schema.ORGANISATIONS and key == "type" and "source_type" not in specs:
                out["source_type"] = _source_type(found)
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


def _skip(reasons: pd.Series, mask: pd.Series, reason: Message | pd.Series) -> None:
    """Give ``reason`` (a message, or one per row) to the rows in ``mask`` that have no reason yet."""
    todo = mask & reasons.isna()
    if todo.any():
        reasons[todo] = (
            reason[todo]
            if isinstance(reason, pd.Series)
            else pd.Series([reason] * int(todo.sum()), index=todo.index[todo], dtype=object)
        )


def _columns_text(spec: Spec) -> str:
    used = spec.columns_used()
    return ", ".join(used) if used else "(a constant)"


def _empty_column(code: str, spec: Spec, **params: str) -> Message:
    """Why a row is skipped when a column the mapping needs is empty: the columns by name, or a constant."""
    used = spec.columns_used()
    return message(code, columns=", ".join(used), **params) if used else message(f"{code}.constant", **params)


def _entity_rows(table: Table, fields: Mapping[str, pd.Series], rows: list[int], ids: list[str]) -> pd.DataFrame:
    frame = pd.DataFrame(
        {c: (fields[c].loc[rows].to_numpy() if c in fields else "") for c in table.column_names},
        index=range(len(rows)),
        dtype=object,
    )
    frame["id"] = ids
    return frame


def plan_import(
    data: str | Path | storage.Snapshot,
    table: ForeignTable,
    mapping: ImportMapping,
    *,
    lookups: Mapping[str, ForeignTable] | None = None,
    notes: list[Message] | None = None,
    progress: Progress | None = None,
    today: dt.date | None = None,
    update: bool = False,
    overwrite: bool = False,
    match: str = "off",
    cache_dir: str | Path | None = None,
) -> ImportPlan:
    """Work out what importing ``table`` with ``mapping`` would change in the directory; nothing is written.

    Existing rows are only counted (fields the source could fill, fields where it differs) unless ``update``:
    then their empty fields (and placeholder names) are filled, and with ``overwrite`` differing fields are
    replaced by the source's values too.

    ``match`` (``MATCH_MODES``): how an organisation with no exact match is compared with the directory's —
    ``auto`` takes it as an existing one when matching is sure (``matching.AUTO_MERGE_THRESHOLD``) and lists the
    rest in ``report.match_suggestions``; ``review`` only lists them; ``off`` compares exact names only.
    ``cache_dir``: the warm-start cache folder (``cache.py``) where matching keeps the forms of the names between
    imports (``matching.form_cache``); None (the default for library callers) keeps nothing.
    """
    started = dt.datetime.now()
    step = progress or (lambda _s, _f: None)
    if isinstance(data, storage.Snapshot):
        snapshot = data
    else:
        snapshot = storage.load(data) if Path(data).exists() else storage.empty_snapshot(data)
    today = today or dt.date.today()
    lookups = dict(lookups or {})
    mapping.check_columns(table.header, {name: t.header for name, t in lookups.items()})
    report = ImportReport(
        table.name,
        mapping.name,
        mapping.group_kind,
        mapping.relation_type,
        update=update or overwrite,
        overwrite=overwrite,
    )
    report.notes += list(notes or [])
    report.rows_read = len(table.frame)
    if table.blank_rows:
        report.notes.append(message("import.note.blank-rows", count=f"{table.blank_rows:,}"))
    step("map", 0.2)
    matching = _OrgMatching(match, snapshot.tables, snapshot.path, cache_dir, snapshot.fingerprint)
    extra_skips: dict[int, Message] = {}
    no_update: dict[int, Message] = {}
    # Built and validated once; only when rows must be left out (an update that would give an existing row an
    # error, new rows with errors) is it built and validated again without them. Both kinds are found in the same
    # pass: an update only fills fields of an existing row (never its id), so it cannot cause a new row's error.
    # keys_kept: the organisations' name keys made for the exact-name index are those validation's near-duplicate
    # ties need too (most of the names are the same), so each distinct name is keyed once. gc_paused: the matcher
    # makes millions of lasting objects (records, name forms, postings) and every full run of the cyclic collector
    # walked them all, about 15 % of a cold import's CPU; the whole import leaves under a thousand objects to it.
    with keys_kept(), gc_paused():
        for _ in range(5):
            built = _build(snapshot, table, mapping, lookups, report, extra_skips, today, no_update, matching)
            step("validate", 0.6)
            problems = problems_on_rows(built.tables, _rows_made(built), config=snapshot.config, today=today)
            refused = _bad_updates(built, problems)
            bad = _bad_new_rows(built, problems)
            if not refused and not bad:
                break
            no_update.update(refused)
            extra_skips.update(bad)
        else:
            raise NetworkError(message("import.not-valid"))
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
    #: (file, row) of an existing row this import changed → the source row whose values it took
    origin: dict[tuple[str, int], int] = field(default_factory=dict)


def _build(
    snapshot: storage.Snapshot,
    table: ForeignTable,
    mapping: ImportMapping,
    lookups: Mapping[str, ForeignTable],
    report: ImportReport,
    extra_skips: Mapping[int, Message],
    today: dt.date,
    no_update: Mapping[int, Message] | None = None,
    matching: _OrgMatching | None = None,
) -> _Built:
    rows = _Rows(table, lookups, mapping)
    index = table.frame.index
    reasons = pd.Series(None, index=index, dtype=object)  # a Message for each skipped row
    report.emptied.clear()
    report.skipped.clear()
    report.unmapped.clear()
    report.differences.clear()
    report.fields_filled = report.fields_differing = report.fields_overwritten = report.rows_updated = 0
    report.update_refused = [SkippedRow.of(int(r), reason) for r, reason in sorted((no_update or {}).items())]
    origin: dict[tuple[str, int], int] = {}
    blank = pd.Series(True, index=index)
    for column in table.frame.columns:
        blank &= each_distinct(table.frame[column], lambda v: str(v).strip()) == ""
    _skip(reasons, blank, message("import.empty-row"))
    if table.broken:
        broken = pd.Series(table.broken, dtype=object).reindex(index)
        _skip(reasons, broken.notna(), broken)
    kept = reasons.isna()
    org = _fields(rows, mapping.organisation, schema.ORGANISATIONS, report, "organisation", kept)
    kind_table = schema.table_for_kind(mapping.group_kind)
    group = _fields(
        rows, {k: v for k, v in mapping.group.items() if k != "programme"}, kind_table, report, "group", kept
    )
    relation = _fields(rows, mapping.relation, schema.RELATIONS_TABLE, report, "relation", kept)
    programme = (
        _fields(rows, mapping.programme, schema.PROGRAMMES, report, "programme", kept)
        if mapping.group_kind == "project" and "name" in mapping.programme
        else {}
    )
    spec_name, spec_country = mapping.organisation["name"], mapping.organisation["country"]
    _skip(reasons, org["name"] == "", _empty_column("import.no-organisation-name", spec_name))
    bad_country = org["__bad_country"].astype(bool) & reasons.isna()
    if bad_country.any():
        columns = _columns_text(spec_country)
        _skip(
            reasons,
            bad_country,
            org["__raw_country"][bad_country].map(
                lambda value: message("import.not-a-country", value=value, columns=columns)
            ),
        )
    _skip(reasons, org["country"] == "", _empty_column("import.no-country", spec_country))
    key_spec = mapping.group.get("key", mapping.group["name"])
    key = rows.evaluate(key_spec)
    _skip(reasons, key == "", _empty_column("import.no-group", key_spec, kind=mapping.group_kind))
    _skip(
        reasons,
        group["name"] == "",
        _empty_column("import.no-group-name", mapping.group["name"], kind=mapping.group_kind),
    )
    if extra_skips:
        extra = pd.Series(dict(extra_skips), dtype=object).reindex(index)
        _skip(reasons, extra.notna(), extra)
    kept = reasons.isna()
    ids = _Ids(snapshot.tables)
    # organisations
    known_org = org.get("id", pd.Series("", index=index, dtype=object))
    org_identity = ("id:" + known_org).where(
        known_org != "", "nk:" + each_distinct(org["name"], _key_of_name) + "|" + org["country"]
    )
    orgs = _resolve_organisations(
        ids,
        snapshot.tables,
        org_identity,
        kept,
        org["name"],
        org["country"],
        known_org,
        matching if matching is not None and matching.mode != "off" else None,
        org,
    )
    report.match = matching.mode if matching is not None else "off"
    report.match_suggestions = orgs.suggestions
    report.organisations_auto_matched = sum(1 for m in orgs.suggestions if m.merged)
    first_org = _first_rows(org_identity, kept)
    first_name = dict(zip(first_org.to_numpy(), org["name"][first_org.index].to_numpy()))
    report.names_merged = int((kept & (org["name"] != org_identity.map(first_name))).sum())
    # programmes (projects only)
    programme_id = pd.Series("", index=index, dtype=object)
    progs = _Resolved({}, [], set())
    if programme:
        known_prog = programme.get("id", pd.Series("", index=index, dtype=object))
        has_prog = kept & (programme["name"] != "")
        prog_identity = ("id:" + known_prog).where(known_prog != "", "k:" + each_distinct(programme["name"], fold))
        progs = _resolve_programmes(ids, snapshot.tables, prog_identity, has_prog, programme["name"], known_prog)
        programme_id = prog_identity.map(progs.ids).astype(object).where(has_prog, "").fillna("")
    # groups
    known_group = group.get("id", pd.Series("", index=index, dtype=object))
    group_identity = ("id:" + known_group).where(known_group != "", "k:" + each_distinct(key, fold))
    groups = _resolve_groups(
        ids,
        snapshot.tables,
        mapping.group_kind,
        group_identity,
        kept,
        group["name"],
        key,
        known_group,
        programme_id if programme else None,
        group.get("acronym"),
    )
    # object before filling: with no row kept the maps are empty, and an empty map gives a float (NaN) series
    org_id = org_identity.map(orgs.ids).astype(object).fillna("")
    group_id = group_identity.map(groups.ids).astype(object).fillna("")
    # relations
    empty = pd.Series("", index=index, dtype=object)
    rel_fields = {c: relation.get(c, empty) for c in schema.RELATIONS_TABLE.column_names}
    rel_fields.update(
        source=org_id, relation=pd.Series(mapping.relation_type, index=index, dtype=object), target=group_id
    )
    rel_fields["role"] = each_distinct(rel_fields["role"], str.lower)
    inferred_until = _ended(relation, rel_fields, report.source, today)
    rel_key = (
        org_id
        + "\x1f"
        + mapping.relation_type
        + "\x1f"
        + group_id
        + "\x1f"
        + each_distinct(rel_fields["since"], str.lower)
    )
    existing = _relation_keys(snapshot.tables[schema.RELATIONS_TABLE.file])
    is_existing = _members(rel_key, existing) & kept
    first = kept & ~rel_key.where(kept).duplicated()
    new_relation = first & ~is_existing
    # counts
    report.rows_imported = int(kept.sum())
    report.skipped = [SkippedRow.of(int(r), reasons[r]) for r in index[~kept]]
    report.organisations_created, report.organisations_matched = len(orgs.created), len(orgs.matched)
    report.groups_created, report.groups_matched = len(groups.created), len(groups.matched)
    report.programmes_created, report.programmes_matched = len(progs.created), len(progs.matched)
    report.relations_created = int(new_relation.sum())
    report.relations_existing = int((first & is_existing).sum())
    report.duplicates_merged = int((kept & ~first).sum())
    report.lookups = dict(rows.lookup_hits)
    # the existing rows the source names: count what it could fill or change; change it if asked
    tables = dict(snapshot.tables)
    changed, first_new = [], {}
    org_columns = [
        c
        for c in dict.fromkeys((*mapping.organisation, "source_type"))
        if c in org and c in schema.ORGANISATIONS.column_names and c != "id"
    ]
    group_fields = dict(group)
    if mapping.group_kind == "project":
        group_fields["programme"] = programme_id
    group_columns = [c for c in mapping.group if c in kind_table.column_names and c != "id"]
    rel_columns = [c for c in mapping.relation if c in ("role", "until", "note", "reference", "verified")]
    if "ended" in mapping.relation:
        rel_columns += [c for c in ("until", "note") if c not in rel_columns]
    updates = (
        (
            schema.ORGANISATIONS,
            org,
            _existing_rows(tables[schema.ORGANISATIONS.file], orgs, _first_rows(org_identity, kept)),
            org_columns,
            {},
        ),
        (
            kind_table,
            group_fields,
            _existing_rows(tables[kind_table.file], groups, _first_rows(group_identity, kept)),
            group_columns,
            {},
        ),
        (
            schema.RELATIONS_TABLE,
            rel_fields,
            _existing_relations(tables[schema.RELATIONS_TABLE.file], rel_key, first & is_existing),
            rel_columns,
            {"until": inferred_until, "note": inferred_until},
        ),
    )
    for table_, values, targets, columns, soft in updates:
        if no_update:
            targets = targets.without(no_update)
        updated = _update_rows(
            tables[table_.file],
            table_,
            values,
            targets.positions,
            targets.labels,
            targets.source_rows,
            columns,
            soft,
            report,
            origin,
        )
        if updated is not None:
            tables[table_.file] = updated
            changed.append(table_.file)
    # the new tables
    row_of = {ident: row for row, ident in first_org.items()}
    additions: dict[str, pd.DataFrame] = {}
    org_rows = [row_of[i] for i in orgs.created]
    additions[schema.ORGANISATIONS.file] = _entity_rows(
        schema.ORGANISATIONS, org, org_rows, [orgs.ids[i] for i in orgs.created]
    )
    if programme:
        prog_first = {ident: row for row, ident in _first_rows(prog_identity, has_prog).items()}
        prog_rows = [prog_first[i] for i in progs.created]
        additions[schema.PROGRAMMES.file] = _entity_rows(
            schema.PROGRAMMES, programme, prog_rows, [progs.ids[i] for i in progs.created]
        )
    group_first = {ident: row for row, ident in _first_rows(group_identity, kept).items()}
    group_rows = [group_first[i] for i in groups.created]
    if mapping.group_kind == "project":
        if "status" not in mapping.group:
            group_fields["status"] = _derive_status(
                group.get("start", pd.Series("", index=index)).astype(str),
                group.get("end", pd.Series("", index=index)).astype(str),
                today,
            )
    additions[kind_table.file] = _entity_rows(
        kind_table, group_fields, group_rows, [groups.ids[i] for i in groups.created]
    )
    for name in (schema.ORGANISATIONS.file, schema.NETWORKS.file):
        if name in additions and len(additions[name]):  # type is required: "other" when the source has none
            additions[name]["type"] = additions[name]["type"].where(additions[name]["type"] != "", "other")
    rel_frame = pd.DataFrame(
        {c: rel_fields[c][new_relation].to_numpy() for c in schema.RELATIONS_TABLE.column_names}, dtype=object
    )
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
        if name not in changed:
            changed.append(name)
    produced = pd.DataFrame({"org": org_id, "group": group_id, "programme": programme_id, "kept": kept})
    return _Built(tables, tuple(sorted(changed)), first_new, produced, origin)


def _members(values: pd.Series, keys: set[str]) -> pd.Series:
    """``values.isin(keys)`` for a set of strings, looked up one value at a time: pandas' ``isin`` first turns the
    set into an array of Arrow strings (3 s of CPU for the 300,000 relation keys of a large directory, against
    milliseconds for the few thousand values of an import). A value that is not a string (a missing one) is not in
    it, as with ``isin``."""
    found = np.fromiter((isinstance(v, str) and v in keys for v in values.to_numpy(dtype=object)), bool, len(values))
    return pd.Series(found, index=values.index)


def _relation_keys(frame: pd.DataFrame) -> set[str]:
    """The key of every existing relation: its ``RELATION_KEY`` cells trimmed, lower case and joined (each distinct
    cell value once: a 300,000-relation table has far fewer distinct ids, types and dates than cells)."""
    if not len(frame):
        return set()
    parts = [
        each_distinct_batch(frame[c], lambda values: [str(v).strip().lower() for v in values])
        for c in schema.RELATION_KEY
    ]
    joined = parts[0]
    for part in parts[1:]:
        joined = joined + "\x1f" + part
    return set(joined.tolist())


def _rows_made(built: _Built) -> dict[str, list[int]]:
    """The rows this import appended or changed, by file: the only rows whose problems the plan reads
    (``_bad_updates``, ``_bad_new_rows``, ``_count_warnings``)."""
    rows: dict[str, list[int]] = {}
    for name, first in built.first_new.items():
        rows[name] = list(range(first, 2 + len(built.tables[name])))
    for name, row in built.origin:
        rows.setdefault(name, []).append(row)
    return rows


def _bad_updates(built: _Built, problems: list[Problem]) -> dict[int, Message]:
    """Source rows whose values would give an existing row an error (an end before the start): not used to update."""
    refused: dict[int, Message] = {}
    for problem in problems:
        source_row = built.origin.get((problem.file, problem.row)) if problem.row is not None else None
        if problem.severity == ERROR and source_row is not None:
            refused.setdefault(source_row, _problem_reason(problem))
    return refused


def _bad_new_rows(built: _Built, problems: list[Problem]) -> dict[int, Message]:
    """Source rows to skip because an entity or relation they made has an error, with the error's message."""
    bad_ids: dict[str, Message] = {}
    bad_relation_rows: dict[int, Message] = {}
    for problem in problems:
        first = built.first_new.get(problem.file)
        if problem.severity != ERROR or first is None or problem.row is None or problem.row < first:
            continue
        frame = built.tables[problem.file]
        said = _problem_reason(problem)
        if problem.file == schema.RELATIONS_TABLE.file:
            row = frame.loc[problem.row]
            bad_relation_rows[problem.row] = said
            bad_ids.setdefault(f"rel:{row['source']}>{row['target']}", said)
        else:
            bad_ids.setdefault(str(frame.loc[problem.row, "id"]).strip().lower(), said)
    if not bad_ids:
        return {}
    produced = built.produced
    skips: dict[int, Message] = {}
    for row, org_id, group_id, programme_id, kept in produced.itertuples(name=None):
        if not kept:
            continue
        for key in (org_id, group_id, programme_id, f"rel:{org_id}>{group_id}"):
            if key in bad_ids:
                skips[int(row)] = bad_ids[key]
                break
    if not skips:  # an error that no row explains: stop rather than loop
        reasons = list(bad_ids.values())[:3]
        said = message("import.rows-with-errors", reasons="; ".join(_reason_text(reason) for reason in reasons))
        raise NetworkError(said, parts={"reasons": reasons})
    return skips


def _count_warnings(built: _Built, problems: list[Problem], report: ImportReport) -> None:
    counts: Counter = Counter()
    examples: list[Problem] = []
    for problem in problems:
        first = built.first_new.get(problem.file)
        if problem.severity != WARNING or first is None or problem.row is None or problem.row < first:
            continue
        counts[problem.code] += 1
        if len(examples) < 5:
            examples.append(problem)
    report.warnings = dict(counts.most_common())
    report.warning_examples = examples


# --- committing ------------------------------------------------------------------------------------------------


def commit(
    plan: ImportPlan, *, actor: Actor, keep_backups: int | None = None, before: storage.Tables | None = None
) -> ImportReport:
    """Write a plan through the safe save path. Only for an ``actor`` whose role may import (checked first:
    ``PermissionDeniedError``); refused with ``ConflictError`` if the directory changed since the plan.
    ``before``: the tables of the snapshot the plan was made on, if the caller still has them (``storage.save``
    then describes the change from them instead of reading the files a second time)."""
    access.authorize(actor, "import")
    report = plan.report
    report.dry_run = False
    if not plan.changed:
        return report
    with gc_paused():  # the CSV rows as lists, 100,000s of them (see plan_import)
        result = storage.save(
            plan.path,
            plan.changed_tables(),
            plan.base,
            actor=actor,
            action="import",
            summary=(said := message("change.import", source=report.source, mapping=report.mapping)).text,
            notes=[said],
            details=report.counts() | {"source": report.source, "mapping": report.mapping},
            keep_backups=keep_backups,
            before=before,
        )
    report.written, report.backup, report.files = result.changed, result.backup, result.files
    return report


def run_import(
    data: str | Path,
    source: str | Path,
    mapping: str | Path | ImportMapping,
    *,
    sheet: str = "",
    actor: Actor,
    dry_run: bool = False,
    progress: Progress | None = None,
    today: dt.date | None = None,
    update: bool = False,
    overwrite: bool = False,
    match: str = "off",
    cache_dir: str | Path | None = None,
) -> ImportReport:
    """Read, plan and (unless ``dry_run``) write as ``actor``: what ``python -m network import`` does. The role is
    checked before the file is read, unless it is a dry run (which writes nothing). ``match`` and ``cache_dir``:
    see ``plan_import``."""
    if not dry_run:
        access.authorize(actor, "import")
    started = dt.datetime.now()
    step = progress or (lambda _s, _f: None)
    if not isinstance(mapping, ImportMapping):
        mapping = load_mapping(mapping)
    data = Path(data)
    if not dry_run:
        storage.require_folder(data)
    step("read", 0.0)
    table = read_table(source, sheet=sheet or mapping.sheet, delimiter=mapping.delimiter, encoding=mapping.encoding)
    lookups, notes = read_lookups(mapping, source)
    # A write keeps the snapshot the plan is made on: the save describes the change against it, not re-reading it.
    snapshot = None if dry_run else storage.load(data)
    plan = plan_import(
        snapshot if snapshot is not None else data,
        table,
        mapping,
        lookups=lookups,
        notes=notes,
        progress=lambda s, f: step(s, 0.1 + 0.7 * f),
        today=today,
        update=update,
        overwrite=overwrite,
        match=match,
        cache_dir=cache_dir,
    )
    report = plan.report
    if not dry_run:
        step("write", 0.85)
        report = commit(plan, actor=actor, before=snapshot.tables if snapshot is not None else None)
    report.seconds = (dt.datetime.now() - started).total_seconds()
    step("done", 1.0)
    return report
