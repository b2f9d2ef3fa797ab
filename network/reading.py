"""Reading a directory from disk: CSV files in a folder, or sheets in one ``.xlsx`` workbook.

Reading only turns bytes into tables of strings, one per file, with the spreadsheet's row numbers as the index and
column names matched to the format. It does not judge values; ``validation.py`` does. Real spreadsheets are read
without being told their dialect: UTF-8 with or without BOM or Windows-1252, ``,`` or ``;`` or tab, any line ends.

The parsers take open files (``read_csv``, ``read_workbook``); ``read_source`` is the thin wrapper that opens paths.
"""

from __future__ import annotations

import csv
import datetime as dt
import difflib
import hashlib
import io
import os
import tomllib
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, BinaryIO, ClassVar, Iterator

import pandas as pd

from . import schema
from .errors import DataSourceError, LimitError
from .messages import message as note
from .problems import ERROR, WARNING, Problem
from .schema import DirectoryConfig, Table
from .source_files import fingerprint, fingerprint_of, outside_links, source_files
from .toml_syntax import syntax_error

__all__ = [
    "RawTable",
    "RawSource",
    "Limits",
    "CsvRows",
    "read_csv",
    "read_workbook",
    "read_sheet",
    "open_workbook",
    "workbook_sheets",
    "check_workbook_archive",
    "read_source",
    "decode",
    "sniff_delimiter",
    "source_files",
    "outside_links",
    "fingerprint",
]

CONFIG_FILE = "directory.toml"
ROW_INDEX = "row"

# --- limits: the one place that says how large a file may be -----------------------------------------------------
# The directory loader (``read_source``) and the importer (``importing.read_table``) read every table through these
# limits, counting while they stream, so a small hostile file (a sheet whose only row is numbered 50,000,000, a cell
# at column XFD, a CSV with a 100,000-column header and blank lines) is refused before it can take memory. Each can
# be raised with the environment variable named in ``Limits.ENV`` or passed as ``limits=`` by a caller.
#: Rows, counted by number as Excel shows them (header = row 1; blank rows count, they are not stored).
MAX_ROWS = 2_000_000
#: Columns: header cells, and the column of any cell that holds a value.
MAX_COLUMNS = 1_000
#: Cells kept in memory: non-blank rows × the table's width, and every cell a sheet's XML holds.
MAX_CELLS = 20_000_000
#: Characters in one value (Excel itself keeps at most 32,767 in a cell).
MAX_FIELD_CHARS = 100_000
#: A workbook (a zip archive) whose parts would unpack to more than this is refused before it is opened: a sheet's
#: declared dimensions can lie or be missing, the archive's sizes bound what unpacking can produce.
MAX_WORKBOOK_UNZIPPED_BYTES = 512 * 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How large a table read from a file may be. ``Limits.current()`` is what callers that pass none get."""

    rows: int = MAX_ROWS
    columns: int = MAX_COLUMNS
    cells: int = MAX_CELLS
    field_chars: int = MAX_FIELD_CHARS

    #: The environment variable that overrides each limit.
    ENV: ClassVar[dict[str, str]] = {
        "rows": "NETWORK_MAX_ROWS",
        "columns": "NETWORK_MAX_COLUMNS",
        "cells": "NETWORK_MAX_CELLS",
        "field_chars": "NETWORK_MAX_FIELD_CHARS",
    }

    @classmethod
    def current(cls) -> "Limits":
        """The module's limits (read now, so a test or a caller may change them), each overridden by its variable."""
        values = {"rows": MAX_ROWS, "columns": MAX_COLUMNS, "cells": MAX_CELLS, "field_chars": MAX_FIELD_CHARS}
        for name, variable in cls.ENV.items():
            text = os.environ.get(variable, "").strip().replace("_", "")
            if not text:
                continue
            if not text.isdigit() or int(text) < 1:
                raise DataSourceError(
                    note(
                        "read.bad-limit-setting",
                        variable=variable,
                        value=repr(os.environ[variable]),
                        example=values[name],
                    )
                )
            values[name] = int(text)
        return cls(**values)


def _too_large(
    what: str, source: str, limit: int, name: str, at_row: int | None = None, at_column: str = "", **found: object
) -> LimitError:
    """The refusal for one limit (``read.too-large.<what>``): what was found (``found``: the message's parameters),
    the limit, how to fix the file and how to raise the limit; ``at_row``/``at_column``: where, when one place is to
    blame."""
    said = note(f"read.too-large.{what}", source=source, limit=f"{limit:,}", variable=Limits.ENV[name], **found)
    return LimitError(said, at_row, at_column)


def _check_width(source: str, width: int, limits: Limits) -> None:
    if width > limits.columns:
        raise _too_large("columns", source, limits.columns, "columns", 1, width=f"{width:,}")


def _check_rows(source: str, row: int, limits: Limits) -> None:
    if row > limits.rows + 1:
        raise _too_large("rows", source, limits.rows, "rows", row, row=f"{row:,}")


def _check_cells(source: str, cells: int, limits: Limits) -> None:
    if cells > limits.cells:
        raise _too_large("cells", source, limits.cells, "cells", cells=f"{limits.cells:,}")


def _check_field(source: str, value: str, row: int, column: str, limits: Limits) -> None:
    if len(value) > limits.field_chars:
        raise _too_large(
            "value",
            source,
            limits.field_chars,
            "field_chars",
            row,
            column,
            row=f"{row:,}",
            column=column,
            chars=f"{len(value):,}",
        )


@dataclass
class RawTable:
    """One file's cells as strings. The index is the spreadsheet row number (header = row 1)."""

    table: Table
    source: str  # how messages name it: "organisations.csv" or "directory.xlsx › organisations"
    frame: pd.DataFrame
    #: Header cells that are not columns of the format, as written.
    unknown_columns: list[str] = field(default_factory=list)


@dataclass
class RawSource:
    """Everything read from one directory path, before validation."""

    path: Path
    tables: dict[str, RawTable]  # by table file name ("organisations.csv")
    config: DirectoryConfig
    problems: list[Problem]
    #: A fingerprint of every input file's bytes; changes whenever any file changes.
    fingerprint: str = ""
    files: list[Path] = field(default_factory=list)


def decode(data: bytes) -> str:
    """Bytes as text: UTF-8 (a BOM is dropped), else Windows-1252, else Latin-1 (which never fails)."""
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        return data.decode("latin-1")


def sniff_delimiter(text: str) -> str:
    """``;``, tab or ``,``: whichever the header line (outside quotes) has most of. Excel in Sweden writes ``;``."""
    header = text.split("\n", 1)[0]
    counts = {d: 0 for d in ",;\t"}
    quoted = False
    for ch in header:
        if ch == '"':
            quoted = not quoted
        elif not quoted and ch in counts:
            counts[ch] += 1
    best = max(counts, key=lambda d: (counts[d], d == ","))
    return best if counts[best] else ","


def _normalise_header(name: object) -> str:
    return str(name or "").replace("\ufeff", "").replace("\u00a0", " ").strip().lower()


def _frame_from_text(text: str, source: str) -> tuple[pd.DataFrame, list[Problem]]:
    delimiter = sniff_delimiter(text)
    try:
        # index_col=False: without it, a first data row with one cell too many silently becomes the index and
        # shifts every value one column left. pandas only warns then; the warning sends us to the ragged path.
        with warnings.catch_warnings():
            warnings.simplefilter("error", pd.errors.ParserWarning)
            frame = pd.read_csv(
                io.StringIO(text),
                sep=delimiter,
                dtype=str,
                keep_default_na=False,
                na_filter=False,
                skip_blank_lines=False,
                engine="c",
                index_col=False,
            )
        return frame, []
    except pd.errors.EmptyDataError:
        return pd.DataFrame(), []
    except (pd.errors.ParserError, pd.errors.ParserWarning):
        return _frame_from_ragged_text(text, delimiter, source)


def _frame_from_ragged_text(text: str, delimiter: str, source: str) -> tuple[pd.DataFrame, list[Problem]]:
    """The slow path for files whose rows have more cells than the header: keep what fits, report the rest."""
    try:
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    except csv.Error as exc:  # a value longer than csv's own limit (131,072 characters)
        raise _too_large(
            "csv-value", source, Limits.current().field_chars, "field_chars", chars=f"{csv.field_size_limit():,}"
        ) from exc
    header, body = rows[0], rows[1:]
    width = len(header)
    problems = []
    for number, cells in enumerate(body, start=2):
        extra = [c for c in cells[width:] if c.strip()]
        if extra:
            problems.append(
                Problem.of(
                    ERROR,
                    source,
                    number,
                    "",
                    delimiter.join(extra)[:80],
                    note("problem.extra-cells", cells=len(cells), width=width),
                    "extra-cells",
                )
            )
    padded = [(cells + [""] * width)[:width] for cells in body]
    return pd.DataFrame(padded, columns=header, dtype=str), problems


def _conform(frame: pd.DataFrame, table: Table, source: str, numbered: bool = False) -> RawTable:
    """Match headers to the format (case-insensitively, trimmed), number rows as Excel does, drop blank rows.

    ``numbered``: the frame's index already holds the row numbers (readers that skip blank rows while they stream).
    """
    frame = frame.copy()
    written = [str(c) for c in frame.columns]
    frame.columns = [_normalise_header(c) for c in written]
    frame = frame.loc[:, ~pd.Index(frame.columns).duplicated()]
    frame = frame.loc[:, [c for c in frame.columns if c and not c.startswith("unnamed:")]]
    known = set(table.column_names)
    unknown = [w for w, c in zip(written, [_normalise_header(c) for c in written]) if c and c not in known]
    unknown = [u for u in unknown if not _normalise_header(u).startswith("unnamed:")]
    frame = frame.astype(str)
    if numbered:
        frame.index = pd.Index(frame.index, dtype="int64", name=ROW_INDEX)
    else:
        frame.index = pd.RangeIndex(2, 2 + len(frame), name=ROW_INDEX)
    if len(frame.columns):
        blank = (frame == "").all(axis=1)
        if blank.any():
            frame = frame.loc[~blank]
    return RawTable(table, source, frame, unknown)


def _frame_from_utf8(data: bytes) -> pd.DataFrame | None:
    """The fast path for a plain UTF-8 file: pyarrow's multi-threaded parser, straight into Arrow strings.

    It reads exactly what the pandas parser in ``_frame_from_text`` reads (quotes, embedded line breaks, blank
    rows, any line ends), about ten times faster. Anything else gives None and takes the pandas path as before:
    another encoding, an empty or repeated header cell (pandas renames those), a row with too few or too many
    cells, a file pyarrow refuses.
    """
    import pyarrow as pa
    import pyarrow.csv as pa_csv

    body = data[3:] if data.startswith(b"\xef\xbb\xbf") else data
    try:
        body.decode("utf-8")  # what decode() tries first; anything else is read as before
        header_line = body.split(b"\n", 1)[0].decode("utf-8").removesuffix("\r")
        delimiter = sniff_delimiter(header_line)
        header = next(csv.reader([header_line], delimiter=delimiter))
    except (UnicodeDecodeError, csv.Error, StopIteration):
        return None
    if not all(header) or len(set(header)) != len(header) or "\r" in header_line:
        return None
    try:
        parsed = pa_csv.read_csv(
            io.BytesIO(body),
            parse_options=pa_csv.ParseOptions(delimiter=delimiter, newlines_in_values=True, ignore_empty_lines=False),
            convert_options=pa_csv.ConvertOptions(
                column_types={name: pa.string() for name in header},
                strings_can_be_null=False,
                quoted_strings_can_be_null=False,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    if parsed.column_names != header:
        return None
    return pd.DataFrame({name: pd.Series(parsed.column(i), dtype=str) for i, name in enumerate(header)})


def _csv_header_width(data: bytes) -> int:
    """How many cells the first line has (a quoted line break in a header cell is not expected)."""
    first = decode(data[: 1 << 20].split(b"\n", 1)[0]).removesuffix("\r")
    try:
        return len(next(csv.reader([first], delimiter=sniff_delimiter(first)), []))
    except csv.Error:
        return 0


class CsvRows:
    """A CSV text's rows, streamed within ``limits``: ``header``, then ``for number, cells in rows`` gives each
    non-blank row with its number as Excel shows it (header = 1). Blank rows are counted (``blank_rows``), never
    stored; rows are counted by number, values by length, cells as non-blank rows × the header's width. Beyond a
    limit: ``LimitError``. The directory loader and the importer both read CSV this way when it matters.
    """

    def __init__(self, text: str, delimiter: str, source: str, limits: Limits) -> None:
        if limits.field_chars >= csv.field_size_limit():
            csv.field_size_limit(limits.field_chars + 1)  # the limit is checked here, with a message
        self.source, self.limits = source, limits
        self.blank_rows = 0
        self._reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
        self.header: list[str] = self._next(1) or []
        self.width = len(self.header)
        _check_width(source, self.width, limits)

    def _next(self, number: int) -> list[str] | None:
        try:
            return next(self._reader, None)
        except csv.Error as exc:  # csv's own limit: the value's row is the one being read
            raise _too_large(
                "csv-value-row",
                self.source,
                self.limits.field_chars,
                "field_chars",
                number,
                row=f"{number:,}",
                chars=f"{self.limits.field_chars:,}",
            ) from exc

    def __iter__(self) -> Iterator[tuple[int, list[str]]]:
        source, limits, width = self.source, self.limits, self.width
        kept, number = 0, 2
        while (cells := self._next(number)) is not None:
            _check_rows(source, number, limits)
            if not any(cells):
                self.blank_rows += 1
            else:
                if max(map(len, cells)) > limits.field_chars:
                    for position, cell in enumerate(cells[:width]):
                        _check_field(source, cell, number, self.header[position], limits)
                    _check_field(source, max(cells, key=len), number, "(after the last column)", limits)
                kept += 1
                _check_cells(source, kept * width, limits)
                yield number, cells
            number += 1


def _frame_streamed(text: str, source: str, limits: Limits) -> tuple[pd.DataFrame, list[Problem]]:
    """The careful path for a file that could exceed the limits if it were parsed whole (``CsvRows``). The index is
    the row number; blank rows are not in the frame."""
    delimiter = sniff_delimiter(text)
    rows = CsvRows(text, delimiter, source, limits)
    width = rows.width
    body: list[list[str]] = []
    numbers: list[int] = []
    problems: list[Problem] = []
    for number, cells in rows:
        extra = [c for c in cells[width:] if c.strip()]
        if extra:
            problems.append(
                Problem.of(
                    ERROR,
                    source,
                    number,
                    "",
                    delimiter.join(extra)[:80],
                    note("problem.extra-cells", cells=len(cells), width=width),
                    "extra-cells",
                )
            )
        body.append((cells + [""] * width)[:width] if len(cells) != width else cells)
        numbers.append(number)
    frame = pd.DataFrame(body, columns=rows.header, dtype=str, index=pd.Index(numbers, dtype="int64", name=ROW_INDEX))
    return frame, problems


def _check_frame_fields(frame: pd.DataFrame, source: str, limits: Limits) -> None:
    """Refuse a value longer than the limit in a frame the fast parsers read (the row counts from 2)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    for position, column in enumerate(frame.columns):
        values = frame.iloc[:, position]
        if not len(values):
            continue
        try:  # Arrow strings (the fast parser's): measured in Arrow, without a copy
            longest = pc.max(pc.utf8_length(pa.array(values.array))).as_py() or 0
        except (pa.ArrowInvalid, pa.ArrowTypeError, TypeError):
            longest = values.str.len().max()
        if longest > limits.field_chars:
            where = int(values.str.len().to_numpy().argmax())
            _check_field(source, str(values.iloc[where]), where + 2, str(column), limits)


def read_csv(
    file: BinaryIO, table: Table, source: str | None = None, limits: Limits | None = None
) -> tuple[RawTable, list[Problem]]:
    """Read one CSV file (an open binary file) as the given table, within ``limits`` (``LimitError`` if not).

    The fast parsers keep every line, blank ones too, as a row of the header's width; they are used only when
    even that is within the cell limit. Otherwise (a wide header over many blank lines) the file is streamed.
    """
    limits = limits or Limits.current()
    data = file.read()
    name = source or table.file
    width = _csv_header_width(data)
    _check_width(name, width, limits)
    lines = data.count(b"\n") + 1
    if lines > limits.rows + 1 or lines * max(width, 1) > limits.cells:
        frame, problems = _frame_streamed(decode(data), name, limits)
        numbered = True
    else:
        frame = _frame_from_utf8(data)
        if frame is not None:
            problems: list[Problem] = []
        else:
            frame, problems = _frame_from_text(decode(data), name)
        if len(data) > limits.field_chars:
            _check_frame_fields(frame, name, limits)
        numbered = False
    if table.kind == "person":  # stray cells of people.csv may be e-mail addresses or notes: keep them out
        problems = [replace(p, value="(hidden)") for p in problems]
    return _conform(frame, table, name, numbered), problems


def _cell_text(value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        return value.date().isoformat() if value.time() == dt.time() else value.isoformat(sep=" ")
    if isinstance(value, dt.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def check_workbook_archive(file: BinaryIO, source: str) -> None:
    """Refuse a workbook that would unpack to more than ``MAX_WORKBOOK_UNZIPPED_BYTES`` (a zip bomb) with a
    ``DataSourceError`` that says so. Reads only the archive's directory; the file position is restored.

    Python's zip reader never unpacks a part beyond its declared size, so the declared sizes are a real bound.
    """
    import zipfile

    start = file.tell()
    try:
        with zipfile.ZipFile(file) as archive:
            total = sum(info.file_size for info in archive.infolist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return  # not a zip at all: the workbook reader reports it as damaged
    finally:
        file.seek(start)
    if total > MAX_WORKBOOK_UNZIPPED_BYTES:
        raise DataSourceError(
            note(
                "read.workbook-too-large",
                source=source,
                size=f"{total / 2**20:,.0f}",
                limit=f"{MAX_WORKBOOK_UNZIPPED_BYTES / 2**20:,.0f}",
            )
        )


def _column_letter(number: int) -> str:
    letters = ""
    while number > 0:
        number, rest = divmod(number - 1, 26)
        letters = chr(65 + rest) + letters
    return letters


def _sheet_cells(book: Any, sheet: Any) -> Iterator[tuple[int, int, object]]:
    """(row, column, value) of each cell the sheet's XML holds, one at a time.

    openpyxl's own row iterator pads: it yields an empty row for every missing row number and makes every row as
    wide as the widest, so a sheet whose only cell is A50000000 or XFD1 costs gigabytes. This reads the cells
    with openpyxl's cell parser (the same values, dates and shared strings) but from the XML stream itself, and
    drops each element once read, so memory does not grow with the sheet. XML is parsed by defusedxml when it is
    installed (it is in requirements.txt): entity expansion (billion laughs) is refused.
    """
    from openpyxl.worksheet._reader import CELL_TAG, ROW_TAG, WorkSheetParser
    from openpyxl.xml.functions import iterparse

    with sheet._get_source() as stream:  # the read-only sheet's part of the archive
        parser = WorkSheetParser(
            stream,
            sheet._shared_strings,
            data_only=True,
            epoch=book.epoch,
            date_formats=book._date_formats,
            timedelta_formats=book._timedelta_formats,
        )
        current_row = None
        parent = None
        for event, element in iterparse(stream, events=("start", "end")):
            if event == "start":
                if element.tag == ROW_TAG:
                    number = element.get("r")
                    parser.row_counter = int(number) if number else parser.row_counter + 1
                    parser.col_counter = 0
                    current_row = element
                elif parent is None and element.tag.endswith("}sheetData"):
                    parent = element
                continue
            if element.tag == CELL_TAG:
                cell = parser.parse_cell(element)
                yield cell["row"], cell["column"], cell["value"]
                element.clear()
                if current_row is not None and len(current_row) and current_row[-1] is element:
                    current_row.remove(element)
            elif element.tag == ROW_TAG:
                element.clear()
                if parent is not None and len(parent) and parent[-1] is element:
                    parent.remove(element)
                current_row = None


def read_sheet(book: Any, sheet: Any, source: str, limits: Limits | None = None) -> tuple[list[str], pd.DataFrame, int]:
    """One sheet of a workbook opened read-only: its header, its non-blank rows as strings (index = the row
    number as Excel shows it) and how many blank rows were skipped.

    Rows, columns, cells and value lengths are counted as the cells stream in; the sheet's dimension tag is never
    trusted. Beyond a limit: ``LimitError``. A damaged or unsafe sheet (bad XML, entities): ``DataSourceError``.
    """
    limits = limits or Limits.current()
    header: list[str] | None = None
    body: list[list[str]] = []
    numbers: list[int] = []
    width = 0
    cells_seen = 0
    last_row = 1
    row_number, values = 0, {}

    def flush() -> None:
        nonlocal header, width
        if not values:
            return
        cells = [""] * max(values)
        for column, text in values.items():
            cells[column - 1] = text
        if header is None:
            header = cells
            width = len(cells)
            _check_width(source, width, limits)
            return
        body.append(cells)
        numbers.append(row_number)
        width = max(width, len(cells))
        _check_cells(source, len(body) * width, limits)

    try:
        for row, column, value in _sheet_cells(book, sheet):
            cells_seen += 1
            if cells_seen > limits.cells:
                _check_cells(source, cells_seen, limits)
            if row != row_number:
                flush()
                row_number, values = row, {}
                _check_rows(source, row, limits)
                last_row = max(last_row, row)
            text = _cell_text(value)
            if not text:
                continue
            if column > limits.columns:
                raise _too_large(
                    "far-cell",
                    source,
                    limits.columns,
                    "columns",
                    row,
                    _column_letter(column),
                    cell=f"{_column_letter(column)}{row}",
                    number=f"{column:,}",
                )
            _check_field(source, text, row, _column_letter(column), limits)
            values[column] = text
        flush()
    except LimitError:
        raise
    except Exception as exc:  # noqa: BLE001 - openpyxl and the XML parser raise many types for a damaged file
        raise DataSourceError(note("read.damaged-sheet", source=source, detail=type(exc).__name__)) from exc
    header = header or []
    width = max(width, len(header))
    frame = pd.DataFrame(
        [cells + [""] * (width - len(cells)) for cells in body],
        columns=header + [""] * (width - len(header)),
        dtype=object,
        index=pd.Index(numbers, dtype="int64", name=ROW_INDEX),
    )
    if not len(frame.columns):
        frame = pd.DataFrame(index=pd.Index(numbers, dtype="int64", name=ROW_INDEX))
    return header, frame, max(0, last_row - 1 - len(body))


def open_workbook(file: BinaryIO, source: str) -> Any:
    """The workbook opened read-only (values, not formulas), after the zip-bomb check; ``DataSourceError`` with a
    message that says what to do if it is damaged or holds XML entity definitions (refused by defusedxml)."""
    from openpyxl import load_workbook  # imported here: only workbooks need it

    check_workbook_archive(file, source)
    try:
        return load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # noqa: BLE001 - openpyxl raises many types for a damaged file
        raise DataSourceError(note("read.damaged-workbook", source=source, detail=type(exc).__name__)) from exc


def workbook_sheets(file: BinaryIO, source: str) -> list[str]:
    """The names of a workbook's sheets (for a "which sheet?" choice), with ``open_workbook``'s checks."""
    book = open_workbook(file, source)
    try:
        return list(book.sheetnames)
    finally:
        book.close()


def read_workbook(
    file: BinaryIO, source: str, limits: Limits | None = None
) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read every sheet of a workbook whose name is a table of the format (``organisations``, ...).

    A sheet beyond ``limits`` is skipped with a "too-large" problem that says which limit and how to fix it.
    """
    limits = limits or Limits.current()
    book = open_workbook(file, source)
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    try:
        for sheet in book.worksheets:
            name = f"{source} › {sheet.title}"
            table = schema.table_for_file(sheet.title)
            if table is None:
                problems.append(_unknown_file_problem(name, sheet.title))
                continue
            try:
                _, frame, _ = read_sheet(book, sheet, name, limits)
            except LimitError as exc:
                key, params = (exc.note.code, exc.note.params) if exc.note else ("", ())
                problems.append(Problem(ERROR, name, exc.row, exc.column, "", str(exc), "too-large", key, params))
                continue
            tables[table.file] = _conform(frame, table, name, numbered=True)
    finally:
        book.close()
    return tables, problems


def _unknown_file_problem(source: str, name: str) -> Problem:
    expected = ", ".join(t.file for t in schema.TABLES)
    close = difflib.get_close_matches(
        name.lower(), [t.file for t in schema.TABLES] + [t.sheet for t in schema.TABLES], 1
    )
    said = (
        note("problem.unknown-file.close", close=close[0], files=expected)
        if close
        else note("problem.unknown-file", files=expected)
    )
    return Problem.of(WARNING, source, None, "", name, said, "unknown-file")


def read_config(file: BinaryIO, source: str = CONFIG_FILE) -> tuple[DirectoryConfig, list[Problem]]:
    """Read ``directory.toml``: the directory's name and its home organisation."""
    text = decode(file.read())
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:  # tomllib's words as a code with the place (toml_syntax), else as they are
        found = syntax_error(str(exc), text)
        said = note(f"problem.bad-config.{found[0]}", **found[1]) if found else note("problem.bad-config", detail=exc)
        return DirectoryConfig(), [Problem.of(ERROR, source, None, "", "", said, "bad-config")]
    problems = []
    name, home = data.get("name", DirectoryConfig.name), data.get("home", "")
    if not isinstance(name, str) or not isinstance(home, str):
        problems.append(
            Problem.of(
                ERROR,
                source,
                None,
                "name" if not isinstance(name, str) else "home",
                str(name),
                note("problem.bad-config.type"),
                "bad-config",
            )
        )
        name, home = DirectoryConfig.name, ""
    extra = {k: v for k, v in data.items() if k not in ("name", "home")}
    return DirectoryConfig(name=name, home=home.strip(), extra=extra), problems


def _outside_link_problem(link: Path) -> Problem:
    return Problem.of(ERROR, link.name, None, "", "", note("problem.outside-link"), "outside-link")


def read_source(path: str | Path, limits: Limits | None = None) -> RawSource:
    """Read a directory folder (CSV files and ``directory.toml``) or one ``.xlsx`` workbook, within ``limits``.

    A CSV file beyond a limit stops the load with ``LimitError``; a workbook's sheet beyond one is left out with a
    "too-large" problem. Both messages name the limit and the fix.
    """
    path = Path(path)
    limits = limits or Limits.current()
    if not path.exists():
        raise DataSourceError(note("read.missing", path=path))
    files = source_files(path) if (path.is_dir() or path.suffix.lower() == ".xlsx") else []
    if path.is_file():
        if path.suffix.lower() != ".xlsx":
            raise DataSourceError(note("read.not-a-folder", path=path))
        with path.open("rb") as handle:
            tables, problems = read_workbook(handle, path.name, limits)
        return RawSource(path, tables, DirectoryConfig(), problems, fingerprint_of(files), files)
    tables: dict[str, RawTable] = {}
    problems = [_outside_link_problem(link) for link in outside_links(path)]
    config = DirectoryConfig()
    digest = hashlib.blake2b(digest_size=16)  # the same as fingerprint_of(files), without reading each file twice
    for file in files:  # sorted, as _fingerprint hashes them
        data = file.read_bytes()
        digest.update(file.name.encode())
        digest.update(data)
        if file.name.lower() == CONFIG_FILE:
            config, found = read_config(io.BytesIO(data), file.name)
            problems.extend(found)
            continue
        if file.suffix.lower() != ".csv":
            continue
        table = schema.table_for_file(file.name)
        if table is None:
            problems.append(_unknown_file_problem(file.name, file.name))
            continue
        # Beyond a limit the whole load stops (LimitError): a folder read without one of its files could be saved
        # over it. A workbook is never written, so there only the sheet is left out.
        raw, found = read_csv(io.BytesIO(data), table, file.name, limits)
        tables[table.file] = raw
        problems.extend(found)
    return RawSource(path, tables, config, problems, digest.hexdigest(), files)
