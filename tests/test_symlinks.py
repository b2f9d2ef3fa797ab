"""Symbolic links in the data folder (issue 10, item 9): a link that leads out of the folder is never read, shown,
fingerprinted or copied into a backup, and is reported as an error; a link inside the folder is read as its file."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from network import load_directory, reading, storage
from core_helpers import EDITOR

FIXTURE = Path(__file__).parent / "fixtures" / "dashboard"
SECRET = "root:x:0:0:SECRET-FIRST-LINE"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURE, tmp_path / "data"))


def _every_byte(folder: Path) -> bytes:
    return b"".join(p.read_bytes() for p in folder.rglob("*") if p.is_file() and not p.is_symlink())


def _save_something(folder: Path) -> Path:
    """Save one changed table, which makes a backup of every file; returns the backup's folder."""
    snapshot = storage.load(folder)
    organisations = snapshot.tables["organisations.csv"].copy()
    organisations.iloc[0, organisations.columns.get_loc("name")] += " (edited)"
    result = storage.save(
        folder, {"organisations.csv": organisations}, snapshot.fingerprint, summary="test", actor=EDITOR
    )
    return storage.history_dir(folder) / "backups" / result.backup


def test_a_link_out_of_the_folder_is_refused_and_never_backed_up(folder: Path, tmp_path: Path) -> None:
    outside = tmp_path / "system" / "passwd"
    outside.parent.mkdir()
    outside.write_text(SECRET + "\nsecond line\n", "utf-8")
    (folder / "programmes.csv").unlink()
    (folder / "programmes.csv").symlink_to(outside)
    directory = load_directory(folder)
    [problem] = [p for p in directory.report.problems if p.code == "outside-link"]
    assert problem.file == "programmes.csv" and "outside the data folder" in problem.message
    assert SECRET not in "\n".join(str(p) for p in directory.report.problems)
    assert folder / "programmes.csv" not in reading.source_files(folder)
    assert reading.outside_links(folder) == [folder / "programmes.csv"]
    backup = _save_something(folder)
    assert not (backup / "programmes.csv").exists()
    assert SECRET.encode() not in _every_byte(storage.history_dir(folder))


def test_a_link_inside_the_folder_is_read_and_backed_up_as_its_file(folder: Path) -> None:
    (folder / "originals").mkdir()
    (folder / "organisations.csv").rename(folder / "originals" / "organisations.csv")
    (folder / "organisations.csv").symlink_to(Path("originals") / "organisations.csv")
    directory = load_directory(folder)
    assert not [p for p in directory.report.problems if p.code == "outside-link"]
    assert "region-orebro" in directory
    backup = _save_something(folder)
    copied = backup / "organisations.csv"
    assert copied.is_file() and not copied.is_symlink() and b"region-orebro" in copied.read_bytes()


def test_a_link_that_leads_nowhere_or_loops_is_refused(folder: Path) -> None:
    (folder / "networks.csv").unlink()
    (folder / "networks.csv").symlink_to(folder / "missing.csv")
    (folder / "extra.toml").symlink_to(folder / "extra.toml")
    problems = load_directory(folder).report.problems
    assert sorted(p.file for p in problems if p.code == "outside-link") == ["extra.toml", "networks.csv"]
