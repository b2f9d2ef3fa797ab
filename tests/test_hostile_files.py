"""Hostile files: zip bombs and workbooks that claim huge dimensions are refused with a message, uploaded file names
are never paths, and a backup is restored only by an id from the backup folder."""

from __future__ import annotations

import io
import re
import shutil
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook

from core_helpers import ADMIN
from network import importing, load_directory, reading, storage
from network.errors import DataSourceError, NetworkError, UsageError

FIXTURE = Path(__file__).parent / "fixtures" / "dashboard"


def _workbook(sheet: str = "organisations") -> bytes:
    book = Workbook()
    ws = book.active
    ws.title = sheet
    ws.append(["id", "name", "type", "country"])
    ws.append(["a-org", "A Org", "ngo", "SE"])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def _rewrite_sheet(data: bytes, change) -> bytes:
    """The workbook with its first sheet's XML passed through ``change`` (bytes → bytes or an iterable of chunks)."""
    source = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        for info in source.infolist():
            body = source.read(info.filename)
            if info.filename == "xl/worksheets/sheet1.xml":
                body = change(body)
            target.writestr(info.filename, body)
    return out.getvalue()


def _bomb(padding_mb: int) -> bytes:
    """A real zip bomb: a sheet padded with megabytes of spaces that compress about a thousand times."""
    padding = b" " * (padding_mb << 20)
    return _rewrite_sheet(_workbook(), lambda xml: xml.replace(b"<sheetData>", b"<sheetData>" + padding))


@pytest.fixture
def small_limit(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(reading, "MAX_WORKBOOK_UNZIPPED_BYTES", 8 << 20)


def test_a_zip_bomb_is_refused_before_it_is_opened(small_limit, tmp_path: Path) -> None:
    bomb = _bomb(16)
    assert len(bomb) < 200_000  # a small upload ...
    book = tmp_path / "directory.xlsx"
    book.write_bytes(bomb)
    with pytest.raises(DataSourceError, match="too large to open.*unpack"):
        load_directory(book)
    with pytest.raises(NetworkError, match="too large to open"):
        importing.read_table(bomb, "partners.xlsx")


def test_a_real_size_bomb_is_refused_at_the_default_limit() -> None:
    data = _rewrite_sheet(_workbook(), lambda xml: xml)
    # The archive declares more than the limit: only its directory is read, nothing is unpacked.
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        assert sum(i.file_size for i in archive.infolist()) < reading.MAX_WORKBOOK_UNZIPPED_BYTES
    big = io.BytesIO()
    with zipfile.ZipFile(big, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as target:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            for info in source.infolist():
                target.writestr(info.filename, source.read(info.filename))
        with target.open("xl/padding.bin", "w", force_zip64=True) as handle:
            chunk = bytes(1 << 20)
            for _ in range((reading.MAX_WORKBOOK_UNZIPPED_BYTES >> 20) + 1):
                handle.write(chunk)
    with pytest.raises(DataSourceError, match="too large to open"):
        reading.check_workbook_archive(io.BytesIO(big.getvalue()), "bomb.xlsx")


def test_a_workbook_that_claims_huge_dimensions_is_read_by_its_cells(tmp_path: Path) -> None:
    # The dimension tag is never trusted: the two rows the sheet holds are read, nothing is padded to XFD3000000.
    huge = _rewrite_sheet(
        _workbook(), lambda xml: re.sub(rb'<dimension ref="[^"]*"', b'<dimension ref="A1:XFD3000000"', xml)
    )
    book = tmp_path / "directory.xlsx"
    book.write_bytes(huge)
    directory = load_directory(book)
    assert not [p for p in directory.report.problems if p.code == "too-large"]
    assert "a-org" in directory
    table = importing.read_table(huge, "partners.xlsx")
    assert table.header == ["id", "name", "type", "country"] and table.frame["id"].tolist() == ["a-org"]


def test_a_sheet_without_a_size_tag_stops_at_the_row_limit(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    monkeypatch.setattr(reading, "MAX_ROWS", 1)
    monkeypatch.setattr(reading, "MAX_CELLS", 3)  # the header (4 cells) is read; the first data row is one too many
    plain = _rewrite_sheet(_workbook(), lambda xml: re.sub(rb"<dimension [^>]*/>", b"", xml))
    book = tmp_path / "directory.xlsx"
    book.write_bytes(plain)
    assert any(p.code == "too-large" for p in load_directory(book).report.problems)
    monkeypatch.setattr(reading, "MAX_CELLS", 100)
    monkeypatch.setattr(reading, "MAX_ROWS", 0)
    assert any(p.code == "too-large" for p in load_directory(book).report.problems)


def test_an_uploaded_file_name_is_never_a_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(tmp_path)
    table = importing.read_table(b"name,country\nA,SE\n", "../../../etc/passwd.csv")
    assert list(table.frame["name"]) == ["A"]  # the bytes were read; the name is only a label
    assert not any(tmp_path.rglob("*"))  # and nothing was written anywhere


@pytest.mark.parametrize(
    "name",
    ["../../etc/passwd", "/etc/passwd", "..", ".", "backups", "../backups/x", "20250101T000000.000000Z/../../..", ""],
)
def test_a_backup_is_restored_only_from_the_backup_folder(tmp_path: Path, name: str) -> None:
    folder = Path(shutil.copytree(FIXTURE, tmp_path / "data"))
    before = {p.name: p.read_bytes() for p in folder.glob("*.csv")}
    with pytest.raises(UsageError, match="no backup"):
        storage.restore(folder, name, storage.fingerprint(folder), actor=ADMIN)
    assert {p.name: p.read_bytes() for p in folder.glob("*.csv")} == before


def test_the_upload_limit_is_20_mb_in_the_server_and_the_import_page(monkeypatch: pytest.MonkeyPatch) -> None:
    import tomllib

    config = tomllib.loads((Path(__file__).parents[1] / ".streamlit" / "config.toml").read_text("utf-8"))
    assert config["server"]["maxUploadSize"] == 20
    monkeypatch.delenv("NETWORK_MAX_UPLOAD_MB", raising=False)
    from ui.pages.import_page import upload_limit_mb

    assert upload_limit_mb() == 20
