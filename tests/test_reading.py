"""Reading real spreadsheets: encodings, delimiters, line ends, spaces, Unicode, headers, blank rows, workbooks.

Most tests write the small directory in some other dialect and check that it loads to exactly the same tables as
the plain UTF-8 CSV version.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import unicodedata
from pathlib import Path

import pandas as pd
import pytest

from core_helpers import SMALL_FILES, load, write_directory, write_workbook
from network import schema
from network.errors import DataSourceError
from network.reading import decode, read_csv, read_source, sniff_delimiter


def _rows(text: str) -> list[list[str]]:
    return list(csv.reader(io.StringIO(text, newline="")))


def _csv(rows: list[list[str]], delimiter: str = ",", newline: str = "\n") -> str:
    out = io.StringIO(newline="")
    csv.writer(out, delimiter=delimiter, lineterminator=newline).writerows(rows)
    return out.getvalue()


def _dialect(files: dict[str, str], delimiter: str = ",", newline: str = "\n") -> dict[str, str]:
    return {
        name: _csv(_rows(text), delimiter, newline) if name.endswith(".csv") else text for name, text in files.items()
    }


def _assert_same_tables(a, b) -> None:
    for kind in schema.KINDS:
        pd.testing.assert_frame_equal(a.tables[kind], b.tables[kind], check_dtype=False)
    pd.testing.assert_frame_equal(
        a.relations.drop(columns="origin"), b.relations.drop(columns="origin"), check_dtype=False
    )
    assert sorted(a.graph.edges(keys=True)) == sorted(b.graph.edges(keys=True))


def test_small_directory_is_clean(small) -> None:
    assert small.report.problems == []
    assert small.name == "Testkatalog" and small.home == "region-orebro"
    assert len(small.tables["organisation"]) == 5 and len(small.relations) == 13  # 10 rows + works_at ×2 + funded_by


@pytest.mark.parametrize("delimiter,newline", [(",", "\r\n"), (";", "\n"), ("\t", "\r\n")])
def test_delimiters_and_line_ends(tmp_path: Path, small, delimiter: str, newline: str) -> None:
    folder = write_directory(tmp_path / "d", _dialect(SMALL_FILES, delimiter, newline))
    other = load(folder)
    assert other.report.problems == []
    _assert_same_tables(small, other)


def test_mixed_line_ends(tmp_path: Path, small) -> None:
    files = dict(SMALL_FILES)
    lines = files["organisations.csv"].split("\n")
    files["organisations.csv"] = "\r\n".join(lines[:3]) + "\n" + "\n".join(lines[3:])
    assert "\r\n" in files["organisations.csv"] and "\n" in files["organisations.csv"].replace("\r\n", "")
    other = load(write_directory(tmp_path / "d", files))
    assert other.report.problems == []
    _assert_same_tables(small, other)


def test_utf8_bom(tmp_path: Path, small) -> None:
    files = {n: (b"\xef\xbb\xbf" + t.encode() if n.endswith(".csv") else t) for n, t in SMALL_FILES.items()}
    other = load(write_directory(tmp_path / "d", files))
    assert other.report.problems == []
    assert "id" in other.tables["organisation"].columns
    _assert_same_tables(small, other)


def test_windows_1252_with_semicolons(tmp_path: Path, small) -> None:
    """What Excel in Sweden writes with "CSV (semikolonavgränsad)": cp1252, ';', CRLF."""
    files = _dialect(SMALL_FILES, ";", "\r\n")
    encoded = {n: (t.encode("cp1252") if n.endswith(".csv") else t) for n, t in files.items()}
    assert "Örebro län".encode("cp1252") in encoded["organisations.csv"]  # one byte per letter
    assert "Örebro län".encode("utf-8") not in encoded["organisations.csv"]
    other = load(write_directory(tmp_path / "d", encoded))
    assert other.report.problems == []
    assert other.name_of("region-orebro") == "Region Örebro län"
    assert other.name_of("creative-europe-small") == "Creative Europe – small-scale cooperation"
    _assert_same_tables(small, other)


def test_decode() -> None:
    assert decode("Örebro".encode("utf-8-sig")) == "Örebro"
    assert decode("Örebro län".encode("cp1252")) == "Örebro län"
    assert decode(b"\x81\xd6") == "\x81Ö"  # bytes cp1252 cannot decode fall back to Latin-1, never an exception


def test_sniff_delimiter_ignores_quoted_delimiters() -> None:
    assert sniff_delimiter('id;name;"a,b,c"\n1;2;3') == ";"
    assert sniff_delimiter("id\tname\ttype\n") == "\t"
    assert sniff_delimiter("id,name\n") == ","
    assert sniff_delimiter("id\n") == ","


def test_stray_spaces_and_non_breaking_spaces(tmp_path: Path, small) -> None:
    rows = _rows(SMALL_FILES["organisations.csv"])
    rows[1] = [f" \u00a0{cell}\u00a0 " if cell else cell for cell in rows[1]]
    files = dict(SMALL_FILES, **{"organisations.csv": _csv(rows)})
    other = load(write_directory(tmp_path / "d", files))
    assert other.report.problems == []
    record = other.record("region-orebro")
    assert record["name"] == "Region Örebro län" and record["country"] == "SE" and record["type"] == "region"
    _assert_same_tables(small, other)


def test_decomposed_unicode_becomes_nfc(tmp_path: Path) -> None:
    decomposed = unicodedata.normalize("NFD", SMALL_FILES["organisations.csv"])
    assert decomposed != SMALL_FILES["organisations.csv"]
    files = dict(SMALL_FILES, **{"organisations.csv": decomposed})
    other = load(write_directory(tmp_path / "d", files))
    assert other.report.problems == []
    name = other.name_of("region-orebro")
    assert name == "Region Örebro län" and unicodedata.is_normalized("NFC", name)
    assert other.graph.nodes["lille-theatre"]["name"] == "Théâtre de Lille"
    assert other.search_index.search("Örebro län")[0].id == "region-orebro"


def test_column_names_any_case_trimmed_any_order(tmp_path: Path, small) -> None:
    rows = _rows(SMALL_FILES["organisations.csv"])
    order = list(reversed(range(len(rows[0]))))
    shuffled = [[row[i] for i in order] for row in rows]
    shuffled[0] = [f"  {name.upper()} " if i % 2 else name.title() for i, name in enumerate(shuffled[0])]
    files = dict(SMALL_FILES, **{"organisations.csv": _csv(shuffled, ";")})
    other = load(write_directory(tmp_path / "d", files))
    assert other.report.problems == []
    _assert_same_tables(small, other)


def test_blank_rows_skipped_and_row_numbers_match_excel(tmp_path: Path) -> None:
    text = (
        "id,name,type,country\n"  # row 1
        "a-org,A,region,SE\n"  # row 2
        ",,,\n"  # row 3: blank, as Excel exports it
        "\n"  # row 4: empty line
        'b-org,"B, with a\nnewline in a quoted cell",ngo,DE\n'  # row 5: one row in Excel despite the line break
        "c-org,C,ngo,Narnia\n"  # row 6: has an error, so its row number must be right
    )
    directory = load(write_directory(tmp_path / "d", {"organisations.csv": text}))
    frame = directory.tables["organisation"]
    assert frame.index.tolist() == [2, 5]
    assert directory.record("b-org")["row"] == 5
    assert directory.record("b-org")["name"] == "B, with a newline in a quoted cell"  # names fold white space
    [problem] = directory.report.problems
    assert (problem.file, problem.row, problem.column, problem.code) == (
        "organisations.csv",
        6,
        "country",
        "bad-country",
    )


def test_quoted_newline_kept_in_text_columns(small) -> None:
    assert small.record("region-orebro")["row"] == 2


def test_row_with_too_many_cells_is_reported_not_a_crash(tmp_path: Path) -> None:
    text = "id,name,type,country\na-org,A,region,SE\nb-org,B,ngo,DE,stray,cells\nc-org,C,ngo,FR\n"
    directory = load(write_directory(tmp_path / "d", {"organisations.csv": text}))
    [problem] = directory.report.problems
    assert (problem.severity, problem.file, problem.row, problem.code) == (
        "error",
        "organisations.csv",
        3,
        "extra-cells",
    )
    assert problem.value == "stray,cells"
    assert "6 cells" in problem.message and "4 columns" in problem.message
    assert sorted(directory.tables["organisation"]["id"]) == ["a-org", "c-org"]  # the broken row is left out


def test_too_many_cells_in_people_hides_the_values(tmp_path: Path) -> None:
    text = "id,name,email\nanna,Anna,anna@example.org,anna.private@example.org\n"
    directory = load(write_directory(tmp_path / "d", {"people.csv": text}))
    [problem] = directory.report.problems
    assert problem.code == "extra-cells"
    assert "anna.private" not in str(problem) and "anna.private" not in problem.value


def test_one_extra_cell_in_the_first_row_does_not_shift_columns(tmp_path: Path) -> None:
    """pandas would make the first column the index and shift every value left; the row must be reported."""
    text = "id,name,type,country\na-org,A,region,SE,oops\nb-org,B,ngo,DE\n"
    directory = load(write_directory(tmp_path / "d", {"organisations.csv": text}))
    [problem] = directory.report.problems
    assert (problem.row, problem.code, problem.value) == (2, "extra-cells", "oops")
    record = directory.record("b-org")
    assert {k: record[k] for k in ("id", "name", "type", "country", "city")} == {
        "id": "b-org",
        "name": "B",
        "type": "ngo",
        "country": "DE",
        "city": "",
    }
    assert "a-org" not in directory


def test_trailing_delimiter_on_every_row_is_harmless(tmp_path: Path) -> None:
    text = "id;name;type;country\r\na-org;A;region;SE;\r\nb-org;B;ngo;DE;\r\n"
    directory = load(write_directory(tmp_path / "d", {"organisations.csv": text}))
    assert directory.report.problems == []
    assert directory.record("a-org")["name"] == "A" and directory.record("b-org")["country"] == "DE"


def test_short_rows_are_padded(tmp_path: Path) -> None:
    text = "id,name,type,country,city\na-org,A,region,SE\n"
    directory = load(write_directory(tmp_path / "d", {"organisations.csv": text}))
    assert directory.report.problems == []
    assert directory.record("a-org")["city"] == ""


def test_read_csv_on_an_open_file() -> None:
    raw, problems = read_csv(io.BytesIO("ID ; Name ;Extra\nx;Y;z\n".encode("cp1252")), schema.NETWORKS)
    assert problems == []
    assert list(raw.frame.columns)[:2] == ["id", "name"]
    assert raw.unknown_columns == ["Extra"]
    assert raw.frame.index.tolist() == [2]


def test_unknown_file_is_a_warning(tmp_path: Path) -> None:
    files = dict(SMALL_FILES, **{"organization.csv": "id,name\n"})
    directory = load(write_directory(tmp_path / "d", files))
    [problem] = directory.report.problems
    assert (problem.severity, problem.file, problem.code) == ("warning", "organization.csv", "unknown-file")
    assert "organisations.csv" in problem.message


def test_missing_path_is_a_data_source_error(tmp_path: Path) -> None:
    with pytest.raises(DataSourceError, match="does not exist"):
        read_source(tmp_path / "nowhere")
    (tmp_path / "list.txt").write_text("x")
    with pytest.raises(DataSourceError, match="not a folder or an .xlsx"):
        read_source(tmp_path / "list.txt")


# --- workbooks -------------------------------------------------------------------------------------------------


def test_excel_cell_values_as_text() -> None:
    from network.reading import _cell_text

    assert _cell_text(3.0) == "3" and _cell_text(200000.0) == "200000" and _cell_text(2.5) == "2.5"
    assert _cell_text(dt.datetime(2024, 3, 31)) == "2024-03-31" and _cell_text(dt.date(2024, 3, 1)) == "2024-03-01"
    assert _cell_text(None) == "" and _cell_text(2001) == "2001"


def test_workbook_loads_the_same_directory(tmp_path: Path, small) -> None:
    book = write_workbook(tmp_path / "directory.xlsx", SMALL_FILES)
    from openpyxl import load_workbook

    stored = load_workbook(book)
    assert isinstance(stored["organisations"]["L2"].value, dt.datetime)  # a real Excel date
    assert stored["programmes"]["D2"].value == 3
    other = load(book)
    assert other.report.problems == []
    _assert_same_tables(small, other)
    assert other.record("creative-europe-small")["min_partners"] == "3"
    assert other.record("dance-bridges")["budget_eur"] == "200000"
    assert other.record("region-orebro")["verified"] == "2025-01-10"
    assert other.sources["organisation"] == "directory.xlsx › organisations"


def test_workbook_problems_name_the_sheet(tmp_path: Path) -> None:
    files = {"organisations.csv": "id,name,type,country\na-org,A,region,Sverige\n", "Notes.csv": "x\n"}
    directory = load(write_workbook(tmp_path / "book.xlsx", files))
    found = {(p.severity, p.file, p.row, p.column, p.code) for p in directory.report.problems}
    assert found == {
        ("error", "book.xlsx › organisations", 2, "country", "bad-country"),
        ("warning", "book.xlsx › Notes", None, "", "unknown-file"),
    }


def test_damaged_workbook_is_a_data_source_error(tmp_path: Path) -> None:
    (tmp_path / "broken.xlsx").write_bytes(b"PK\x03\x04 not really a zip")
    with pytest.raises(DataSourceError, match="could not be opened"):
        load(tmp_path / "broken.xlsx")


# --- directory.toml --------------------------------------------------------------------------------------------


def test_directory_toml_name_and_home(small) -> None:
    assert small.config.name == "Testkatalog"
    assert small.home == "region-orebro"


def test_without_directory_toml(tmp_path: Path) -> None:
    files = {k: v for k, v in SMALL_FILES.items() if k != "directory.toml"}
    directory = load(write_directory(tmp_path / "d", files))
    assert directory.report.problems == []
    assert directory.name == "Network directory" and directory.home is None


def test_broken_toml_is_an_error_problem_and_the_data_still_loads(tmp_path: Path) -> None:
    files = dict(SMALL_FILES, **{"directory.toml": 'name = "Unclosed\nhome = region-orebro\n'})
    directory = load(write_directory(tmp_path / "d", files))
    [problem] = directory.report.problems
    assert (problem.severity, problem.file, problem.code) == ("error", "directory.toml", "bad-config")
    assert 'home = "' in problem.message  # says how to write it
    assert len(directory.tables["organisation"]) == 5


def test_home_that_is_not_an_id_is_a_warning(tmp_path: Path) -> None:
    files = dict(SMALL_FILES, **{"directory.toml": 'name = "X"\nhome = "region-orebr"\n'})
    directory = load(write_directory(tmp_path / "d", files))
    [problem] = directory.report.problems
    assert (problem.severity, problem.file, problem.column, problem.code) == (
        "warning",
        "directory.toml",
        "home",
        "unknown-home",
    )
