"""Property-based tests: random and mutated files never crash the loader.

Whatever bytes are in the files, ``load_directory`` either returns a directory with a report, or raises one of the
project's own errors (``NetworkError``). Anything else is a bug.
"""

from __future__ import annotations

import io
import tempfile
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from network import NetworkError, load_directory
from network.directory import Directory
from network.schema import TABLES

VALID = {
    "organisations.csv": "id,name,type,country\nregion-orebro,Region Örebro län,region,SE\nreves,REVES,ngo,BE\n",
    "networks.csv": "id,name,type\nreves-net,REVES network,association\n",
    "relations.csv": "source,relation,target,since\nregion-orebro,member_of,reves-net,2000\n",
}

cell = st.one_of(
    st.text(max_size=12),
    st.sampled_from(
        [
            "",
            " ",
            "\u00a0",
            ";",
            ",",
            '"',
            "\r\n",
            "=cmd()",
            "<img src=x onerror=alert(1)>",
            "javascript:alert(1)",
            "Ö",
            "2021-02-30",
            "EL",
            "9" * 40,
            "region-orebro",
            "member_of",
        ]
    ),
)
rows = st.lists(st.lists(cell, min_size=0, max_size=8), min_size=0, max_size=6)
encodings = st.sampled_from(["utf-8", "utf-8-sig", "cp1252", "latin-1", "utf-16"])
delimiters = st.sampled_from([",", ";", "\t", "|"])
file_names = st.sampled_from([t.file for t in TABLES] + ["other.csv", "directory.toml"])


def _render(table: list[list[str]], delimiter: str) -> str:
    return "\n".join(delimiter.join(row) for row in table)


def _load(files: dict[str, bytes]) -> None:
    with tempfile.TemporaryDirectory() as folder:
        for name, data in files.items():
            Path(folder, name).write_bytes(data)
        try:
            directory = load_directory(folder)
        except NetworkError:
            return
        _assert_consistent(directory)


def _assert_consistent(directory: Directory) -> None:
    """What a loaded directory promises whatever its input: every problem is a located, explained error or warning;
    the graph holds exactly the valid rows' ids, and only relations between them."""
    for problem in directory.report.problems:
        assert problem.severity in ("error", "warning"), problem
        assert problem.file and problem.message, problem
        assert problem.row is None or problem.row >= 1, problem
    ids = {str(i) for frame in directory.tables.values() for i in frame["id"]}
    assert set(directory.graph.nodes) == ids
    assert directory.graph.number_of_edges() == len(directory.relations)
    assert set(directory.relations["source"]) | set(directory.relations["target"]) <= ids


@pytest.mark.slow  # many loads of random files
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.dictionaries(file_names, st.binary(max_size=300), max_size=4))
def test_random_bytes_never_crash(files: dict[str, bytes]) -> None:
    _load(files)


@pytest.mark.slow  # many loads of random files
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(file_names, st.lists(st.text(max_size=8), min_size=1, max_size=8), rows, delimiters, encodings)
def test_random_tables_never_crash(name, header, body, delimiter, encoding) -> None:
    text = _render([header, *body], delimiter)
    try:
        data = text.encode(encoding)
    except UnicodeEncodeError:
        data = text.encode("utf-8")
    _load({**{k: v.encode() for k, v in VALID.items()}, name: data})


@pytest.mark.slow  # many loads of random files
@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.sampled_from(sorted(VALID)), st.data())
def test_mutated_valid_files_never_crash(name: str, data) -> None:
    original = bytearray(VALID[name].encode())
    for _ in range(data.draw(st.integers(1, 6))):
        position = data.draw(st.integers(0, len(original)))
        action = data.draw(st.sampled_from(["insert", "delete", "replace"]))
        byte = data.draw(st.integers(0, 255))
        if action == "insert":
            original.insert(position, byte)
        elif original and position < len(original):
            if action == "delete":
                del original[position]
            else:
                original[position] = byte
    _load({**{k: v.encode() for k, v in VALID.items()}, name: bytes(original)})


def _workbook(sheets: dict[str, list[list[object]]]) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for title, table in sheets.items():
        sheet = book.create_sheet(title[:31] or "x")
        for row in table:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


xlsx_cell = st.one_of(
    cell, st.integers(-(10**6), 10**6), st.floats(allow_nan=True), st.none(), st.booleans(), st.dates()
)


@pytest.mark.slow  # many loads of random files
@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.dictionaries(
        st.sampled_from([t.sheet for t in TABLES] + ["Sheet1"]),
        st.lists(st.lists(xlsx_cell, max_size=6), max_size=5),
        min_size=1,
        max_size=3,
    )
)
def test_random_workbooks_never_crash(sheets) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "directory.xlsx")
        try:
            path.write_bytes(_workbook(sheets))
        except Exception:  # openpyxl refuses some cell values (illegal characters): not our concern here
            return
        try:
            directory = load_directory(path)
        except NetworkError:
            return
        _assert_consistent(directory)


@pytest.mark.parametrize("data", [b"", b"PK\x03\x04garbage", b"\x00" * 100])
def test_broken_workbook_is_a_clear_error(tmp_path: Path, data: bytes) -> None:
    path = tmp_path / "book.xlsx"
    path.write_bytes(data)
    with pytest.raises(NetworkError, match="book.xlsx"):
        load_directory(path)
