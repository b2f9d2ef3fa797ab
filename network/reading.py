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
import itertools
import tomllib
import warnings
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import BinaryIO, Iterable

import pandas as pd

from . import schema
from .errors import DataSourceError
from .problems import ERROR, WARNING, Problem
from .schema import DirectoryConfig, Table

__all__ = ["RawTable", "RawSource", "read_csv", "read_workbook", "check_workbook_archive", "read_source", "decode",
           "sniff_delimiter", "source_files", "fingerprint"]

CONFIG_FILE = "directory.toml"
ROW_INDEX = "row"
#: Workbooks larger than this are refused rather than opened (a zip bomb must not take the server down).
MAX_WORKBOOK_ROWS = 2_000_000
MAX_WORKBOOK_COLUMNS = 200
#: A workbook (a zip archive) whose parts would unpack to more than this is refused before it is opened: a sheet's
#: declared dimensions can lie or be missing, the archive's sizes bound what unpacking can produce.
MAX_WORKBOOK_UNZIPPED_BYTES = 512 * 1024 * 1024


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
    rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    header, body = rows[0], rows[1:]
    width = len(header)
    problems = []
    for number, cells in enumerate(body, start=2):
        extra = [c for c in cells[width:] if c.strip()]
        if extra:
            problems.append(
                Problem(
                    ERROR,
                    source,
                    number,
                    "",
                    delimiter.join(extra)[:80],
                    f"This row has {len(cells)} cells but the header has {width} columns; the extra cells were "
                    "ignored. A value probably contains the delimiter: put it in double quotes or remove the "
                    "stray delimiter.",
                    "extra-cells",
                )
            )
    padded = [(cells + [""] * width)[:width] for cells in body]
    return pd.DataFrame(padded, columns=header, dtype=str), problems


def _conform(frame: pd.DataFrame, table: Table, source: str) -> RawTable:
    """Match headers to the format (case-insensitively, trimmed), number rows as Excel does, drop blank rows."""
    frame = frame.copy()
    written = [str(c) for c in frame.columns]
    frame.columns = [_normalise_header(c) for c in written]
    frame = frame.loc[:, ~pd.Index(frame.columns).duplicated()]
    frame = frame.loc[:, [c for c in frame.columns if c and not c.startswith("unnamed:")]]
    known = set(table.column_names)
    unknown = [w for w, c in zip(written, [_normalise_header(c) for c in written]) if c and c not in known]
    unknown = [u for u in unknown if not _normalise_header(u).startswith("unnamed:")]
    frame = frame.astype(str)
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
            convert_options=pa_csv.ConvertOptions(column_types={name: pa.string() for name in header},
                                                  strings_can_be_null=False, quoted_strings_can_be_null=False),
        )
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        return None
    if parsed.column_names != header:
        return None
    return pd.DataFrame({name: pd.Series(parsed.column(i), dtype=str) for i, name in enumerate(header)})


def read_csv(file: BinaryIO, table: Table, source: str | None = None) -> tuple[RawTable, list[Problem]]:
    """Read one CSV file (an open binary file) as the given table."""
    data = file.read()
    name = source or table.file
    frame = _frame_from_utf8(data)
    if frame is not None:
        problems: list[Problem] = []
    else:
        frame, problems = _frame_from_text(decode(data), name)
    if table.kind == "person":  # stray cells of people.csv may be e-mail addresses or notes: keep them out
        problems = [replace(p, value="(hidden)") for p in problems]
    return _conform(frame, table, name), problems


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
            f"{source} is too large to open: it would unpack to {total / 2**20:,.0f} MB (the limit is "
            f"{MAX_WORKBOOK_UNZIPPED_BYTES / 2**20:,.0f} MB). Split it, or save its sheets as CSV files.")


def read_workbook(file: BinaryIO, source: str) -> tuple[dict[str, RawTable], list[Problem]]:
    """Read every sheet of a workbook whose name is a table of the format (``organisations``, ...)."""
    from openpyxl import load_workbook  # imported here: only workbooks need it

    check_workbook_archive(file, source)
    try:
        book = load_workbook(file, read_only=True, data_only=True)
    except Exception as exc:  # openpyxl raises many types for a damaged file
        raise DataSourceError(
            f"{source} could not be opened as an Excel workbook ({type(exc).__name__}). Save it again from Excel "
            "as .xlsx, or export each sheet as CSV into a folder."
        ) from exc
    tables: dict[str, RawTable] = {}
    problems: list[Problem] = []
    try:
        for sheet in book.worksheets:
            table = schema.table_for_file(sheet.title)
            if table is None:
                problems.append(_unknown_file_problem(f"{source} › {sheet.title}", sheet.title))
                continue
            if (sheet.max_row or 0) > MAX_WORKBOOK_ROWS or (sheet.max_column or 0) > MAX_WORKBOOK_COLUMNS:
                problems.append(
                    Problem(ERROR, f"{source} › {sheet.title}", None, "", "",
                            f"The sheet is too large to read ({sheet.max_row} rows × {sheet.max_column} columns; "
                            f"the limit is {MAX_WORKBOOK_ROWS} × {MAX_WORKBOOK_COLUMNS}). Split it, or save it as CSV.",
                            "too-large")
                )
                continue
            # At most one row more than the limit is read: a sheet without (or with a false) size tag stops here.
            rows = [[_cell_text(v) for v in row]
                    for row in itertools.islice(sheet.iter_rows(values_only=True), MAX_WORKBOOK_ROWS + 1)]
            if len(rows) > MAX_WORKBOOK_ROWS:
                problems.append(
                    Problem(ERROR, f"{source} › {sheet.title}", None, "", "",
                            f"The sheet is too large to read (more than {MAX_WORKBOOK_ROWS} rows). Split it, or "
                            "save it as CSV.", "too-large"))
                continue
            header, body = (rows[0], rows[1:]) if rows else ([], [])
            width = len(header)
            frame = pd.DataFrame([(r + [""] * width)[:width] for r in body], columns=header, dtype=str)
            name = f"{source} › {sheet.title}"
            tables[table.file] = _conform(frame, table, name)
    finally:
        book.close()
    return tables, problems


def _unknown_file_problem(source: str, name: str) -> Problem:
    expected = ", ".join(t.file for t in schema.TABLES)
    close = difflib.get_close_matches(name.lower(), [t.file for t in schema.TABLES] + [t.sheet for t in schema.TABLES], 1)
    hint = f" Did you mean {close[0]}?" if close else ""
    return Problem(
        WARNING, source, None, "", name,
        f"This file is not part of the directory format and was ignored.{hint} The files are: {expected}.",
        "unknown-file",
    )


def read_config(file: BinaryIO, source: str = CONFIG_FILE) -> tuple[DirectoryConfig, list[Problem]]:
    """Read ``directory.toml``: the directory's name and its home organisation."""
    try:
        data = tomllib.loads(decode(file.read()))
    except tomllib.TOMLDecodeError as exc:
        return DirectoryConfig(), [
            Problem(ERROR, source, None, "", "", f"The file is not valid TOML ({exc}). Write it as: "
                    'name = "Our directory" and home = "our-organisation-id", one per line.', "bad-config")
        ]
    problems = []
    name, home = data.get("name", DirectoryConfig.name), data.get("home", "")
    if not isinstance(name, str) or not isinstance(home, str):
        problems.append(Problem(ERROR, source, None, "name" if not isinstance(name, str) else "home", str(name),
                                "name and home must be text in double quotes.", "bad-config"))
        name, home = DirectoryConfig.name, ""
    extra = {k: v for k, v in data.items() if k not in ("name", "home")}
    return DirectoryConfig(name=name, home=home.strip(), extra=extra), problems


def _fingerprint(paths: Iterable[Path]) -> str:
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(paths):
        digest.update(path.name.encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()


def fingerprint(path: str | Path) -> str:
    """A content hash of the directory at ``path``: changes whenever any byte of any of its files changes."""
    return _fingerprint(source_files(Path(path)))


def source_files(path: Path) -> list[Path]:
    """The files that make up the directory at ``path`` (for fingerprints and change detection)."""
    if path.is_file():
        return [path]
    return sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in (".csv", ".toml"))


def read_source(path: str | Path) -> RawSource:
    """Read a directory folder (CSV files and ``directory.toml``) or one ``.xlsx`` workbook."""
    path = Path(path)
    if not path.exists():
        raise DataSourceError(f"{path} does not exist. Give a folder of CSV files or an .xlsx workbook.")
    files = source_files(path) if (path.is_dir() or path.suffix.lower() == ".xlsx") else []
    if path.is_file():
        if path.suffix.lower() != ".xlsx":
            raise DataSourceError(f"{path} is not a folder or an .xlsx workbook. Give the folder that holds the CSV files.")
        with path.open("rb") as handle:
            tables, problems = read_workbook(handle, path.name)
        return RawSource(path, tables, DirectoryConfig(), problems, _fingerprint(files), files)
    tables, problems = {}, []
    config = DirectoryConfig()
    digest = hashlib.blake2b(digest_size=16)  # the same as _fingerprint(files), without reading each file twice
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
        raw, found = read_csv(io.BytesIO(data), table, file.name)
        tables[table.file] = raw
        problems.extend(found)
    return RawSource(path, tables, config, problems, digest.hexdigest(), files)
