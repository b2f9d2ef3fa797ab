"""Hostile uploads (issue 10, item 4): small files that a reader which pads rows or trusts a sheet's size would
turn into gigabytes, XML entity bombs and a 10 MB value. Each is refused with a message that names the file, the
limit and the fix, by the importer and by the directory loader alike, and the refusal happens in bounded memory:
the parse runs in a child process whose address space is capped at 1.5 GB (a padding reader dies there with
MemoryError, the streaming one refuses cleanly)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from hostile_builders import billion_laughs, inline, wide_csv, xlsx

from network import importing, load_directory, reading
from network.errors import DataSourceError, LimitError, NetworkError

# Slow as a module: huge hostile files are read to their limits (up to ~10 s CPU a test). The full run (`-m ""`, CI)
# has every test; the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
ADDRESS_SPACE = 1536 << 20

#: Run in a child process: read ``path`` as an import source and as a directory, capped at 1.5 GB of address space.
_PROBE = """
import resource, sys
from pathlib import Path
import openpyxl, pandas, pyarrow.csv  # loaded before the cap: only the parse is measured
from network import importing, load_directory
from network.errors import NetworkError

resource.setrlimit(resource.RLIMIT_AS, ({cap}, {cap}))
how, path = sys.argv[1], Path(sys.argv[2])
try:
    if how == "import":
        table = importing.read_table(path)
        print("READ", len(table.frame))
    else:
        directory = load_directory(path)
        print("READ", [p.message for p in directory.report.problems if p.code == "too-large"])
except NetworkError as exc:
    print("REFUSED", exc)
"""


def _bounded(how: str, path: Path) -> str:
    """What the child printed; the test fails if it died (MemoryError, killed) instead of answering."""
    done = subprocess.run(
        [sys.executable, "-c", _PROBE.format(cap=ADDRESS_SPACE), how, str(path)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    return done.stdout


def _row_50_million() -> bytes:
    """Issue 10's 5 KB workbook: one row, numbered 50,000,000, and no dimension tag."""
    return xlsx('<row r="50000000">' + inline("A50000000", "x") + "</row>")


def test_a_row_numbered_50_million_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    upload = tmp_path / "partners.xlsx"
    upload.write_bytes(_row_50_million())
    assert len(upload.read_bytes()) < 5000
    out = _bounded("import", upload)
    assert out.startswith("REFUSED") and "row 50,000,000" in out and "NETWORK_MAX_ROWS" in out
    book = tmp_path / "directory.xlsx"
    book.write_bytes(_row_50_million())
    out = _bounded("load", book)
    assert "row 50,000,000" in out and "the limit is 2,000,000" in out


def test_an_empty_cell_at_xfd_does_not_widen_the_rows(tmp_path: Path) -> None:
    # A styled but empty cell at the last column, then 100,000 rows: a reader that pads to the widest row builds
    # 1.6 billion cells; the streaming reader keeps the two columns that hold values.
    rows = ['<row r="1">' + inline("A1", "name") + inline("B1", "country") + '<c r="XFD1" s="1"/></row>']
    rows += [
        f'<row r="{n}">' + inline(f"A{n}", f"Org {n}") + inline(f"B{n}", "SE") + "</row>" for n in range(2, 100_002)
    ]
    upload = tmp_path / "partners.xlsx"
    upload.write_bytes(xlsx("".join(rows), sheet="partners"))
    assert _bounded("import", upload).split() == ["READ", "100000"]


@pytest.mark.smoke
def test_a_value_at_column_xfd_is_refused_with_its_cell(tmp_path: Path) -> None:
    data = xlsx(
        '<row r="1">'
        + inline("A1", "name")
        + inline("XFD1", "x")
        + "</row>"
        + '<row r="2">'
        + inline("A2", "A")
        + "</row>"
    )
    with pytest.raises(LimitError, match=r"cell XFD1 holds a value, in column 16,384 \(the limit is 1,000\)") as info:
        importing.read_table(data, "partners.xlsx")
    assert info.value.row == 1 and info.value.column == "XFD"
    book = tmp_path / "directory.xlsx"
    book.write_bytes(data)
    [problem] = [p for p in load_directory(book).report.problems if p.code == "too-large"]
    assert "XFD1" in problem.message and problem.file == "directory.xlsx › organisations"


def test_a_100k_column_csv_with_blank_lines_is_refused_in_bounded_memory(tmp_path: Path) -> None:
    upload = tmp_path / "partners.csv"
    upload.write_bytes(wide_csv())
    assert len(upload.read_bytes()) < 710_000
    out = _bounded("import", upload)
    assert out.startswith("REFUSED") and "100,000 columns" in out and "NETWORK_MAX_COLUMNS" in out
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "organisations.csv").write_bytes(wide_csv())
    out = _bounded("load", folder)
    assert out.startswith("REFUSED") and "organisations.csv" in out and "100,000 columns" in out


def test_blank_lines_under_a_wide_header_are_skipped_not_padded(tmp_path: Path) -> None:
    # 300 columns over 100,000 blank lines is 30 million cells if padded, more than the limit: the loader streams
    # the file instead, keeps the one real row and its number as Excel shows it.
    header = ["id", "name", "type", "country"] + [f"extra{i}" for i in range(296)]
    text = ",".join(header) + "\n" + "\n" * 100_000 + "a-org,A Org,ngo,SE" + "," * 296 + "\n"
    raw, _ = reading.read_csv(__import__("io").BytesIO(text.encode()), reading.schema.ORGANISATIONS)
    assert raw.frame.index.tolist() == [100_002] and raw.frame.loc[100_002, "name"] == "A Org"
    table = importing.read_table(text.encode(), "partners.csv")
    assert table.frame.index.tolist() == [100_002] and table.blank_rows == 100_000


@pytest.mark.smoke
def test_the_limits_are_set_in_one_place_for_the_loader_and_the_importer(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "organisations.csv").write_text("id,name,type,country\na-org,A Org,ngo,SE\n", "utf-8")
    monkeypatch.setenv("NETWORK_MAX_COLUMNS", "3")
    with pytest.raises(LimitError, match="4 columns.*the limit is 3.*NETWORK_MAX_COLUMNS"):
        load_directory(folder)
    with pytest.raises(LimitError, match="4 columns"):
        importing.read_table(folder / "organisations.csv")
    with pytest.raises(LimitError, match="in column 4 .the limit is 3"):  # a workbook too
        importing.read_table(xlsx('<row r="1">' + "".join(inline(f"{c}1", c) for c in "ABCD") + "</row>"), "a.xlsx")
    monkeypatch.setenv("NETWORK_MAX_COLUMNS", "lots")
    with pytest.raises(DataSourceError, match="NETWORK_MAX_COLUMNS='lots' is not a whole number"):
        load_directory(folder)
    monkeypatch.delenv("NETWORK_MAX_COLUMNS")
    small = reading.Limits(rows=1, columns=10, cells=100, field_chars=100)
    with pytest.raises(LimitError, match="row 3"):  # passed by a caller
        importing.read_table(b"name,country\nA,SE\nB,SE\n", "p.csv", limits=small)


@pytest.mark.parametrize("where", ["sheet", "shared strings"])
def test_an_xml_entity_bomb_is_refused_with_a_message(where: str, tmp_path: Path) -> None:
    if where == "sheet":
        data = xlsx('<row r="1">' + inline("A1", "&lol9;") + "</row>", prolog=billion_laughs())
    else:
        data = xlsx('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared=["&lol9;"], shared_prolog=billion_laughs())
    with pytest.raises(NetworkError, match="could not be opened.*entity definitions"):
        importing.read_table(data, "partners.xlsx")
    book = tmp_path / "directory.xlsx"
    book.write_bytes(data)
    with pytest.raises(DataSourceError, match="directory.xlsx could not be opened"):
        load_directory(book)


def test_a_10_mb_value_is_refused_with_its_row_and_column(tmp_path: Path) -> None:
    big = "x" * (10 << 20)
    csv_text = f"name,country,notes\nA,SE,short\nB,SE,{big}\n".encode()
    with pytest.raises(
        LimitError, match=r"row 3 holds a value longer than 100,000 characters.*NETWORK_MAX_FIELD_CHARS"
    ):
        importing.read_table(csv_text, "partners.csv")
    folder = tmp_path / "data"
    folder.mkdir()
    (folder / "organisations.csv").write_text(f"id,name,type,country,notes\na,A,ngo,SE,{big}\n", "utf-8")
    with pytest.raises(LimitError, match=r"organisations.csv .*row 2, column notes holds 10,485,760"):
        load_directory(folder)
    quoted = f'id,name,type,country,notes\na,A,ngo,SE,"{big}\n'  # an unclosed quote swallows the rest
    (folder / "organisations.csv").write_text(quoted, "utf-8")
    with pytest.raises(LimitError, match="organisations.csv is too large to read: a value is longer than"):
        load_directory(folder)
    sheet = xlsx('<row r="1">' + inline("A1", "name") + '</row><row r="2">' + inline("A2", big) + "</row>")
    with pytest.raises(LimitError, match=r"row 2, column A holds 10,485,760 characters"):
        importing.read_table(sheet, "partners.xlsx")
