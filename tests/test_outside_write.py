"""Issue 10, item 7: a file saved from Excel (which does not take the lock) after a save's version check is never
overwritten. ``storage.before_replace`` (a test seam, off by default) writes the file in the window between the
check and each replacement."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from network import editing, storage
from network.errors import ConflictError
from core_helpers import ADMIN, EDITOR

# Slow as a module: each test runs a full save with a simulated outside write (~1.4 s CPU a test). The full run (`-m
# ""`, CI) has every test; the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "dashboard"
EXCEL = b"id,name,type,country\r\nfrom-excel,Saved from Excel,ngo,SE\r\n"


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    return Path(shutil.copytree(FIXTURE, tmp_path / "data"))


def _files(path: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(path.glob("*.csv"))}


def _rename(path: Path) -> tuple[storage.Snapshot, editing.EditResult]:
    """An edit that replaces three files: organisations.csv, people.csv and relations.csv, in that order."""
    snapshot = storage.load(path)
    result = editing.rename_id(snapshot.tables, "region-orebro", "region-orebro-lan")
    assert result.changed == ("organisations.csv", "people.csv", "relations.csv")
    return snapshot, result


def _excel_writes(monkeypatch: pytest.MonkeyPatch, at: int) -> list[str]:
    """Make "Excel" write the file that is about to be replaced the ``at``-th time (1-based)."""
    calls: list[str] = []

    def hook(target: Path) -> None:
        calls.append(target.name)
        if len(calls) == at:
            target.write_bytes(EXCEL)

    monkeypatch.setattr(storage, "before_replace", hook)
    return calls


@pytest.mark.parametrize("at", [1, 2, 3])
def test_a_file_written_after_the_check_is_kept_and_the_save_refused(folder: Path, monkeypatch, at: int) -> None:
    before = _files(folder)
    snapshot, result = _rename(folder)
    calls = _excel_writes(monkeypatch, at)
    with pytest.raises(ConflictError, match="changed by another program"):
        storage.save(folder, result.changed_tables(), snapshot.fingerprint, summary=result.summary, actor=EDITOR)
    written = calls[at - 1]
    after = _files(folder)
    assert after[written] == EXCEL  # the outside write is intact
    assert {n: d for n, d in after.items() if n != written} == {n: d for n, d in before.items() if n != written}
    [backup] = storage.backups(folder)  # it holds the version the save started from, byte for byte
    backup_dir = storage.history_dir(folder) / "backups" / backup.id
    assert {n: (backup_dir / n).read_bytes() for n in before} == before
    assert storage.changes(folder) == []  # nothing was saved, so nothing is logged
    assert not (storage.history_dir(folder) / "pending.json").exists()
    assert not list(folder.glob(".*.tmp"))


@pytest.mark.smoke
def test_without_an_outside_write_the_seam_sees_every_replacement(folder: Path, monkeypatch) -> None:
    snapshot, result = _rename(folder)
    calls: list[str] = []
    monkeypatch.setattr(storage, "before_replace", lambda target: calls.append(target.name))
    saved = storage.save(folder, result.changed_tables(), snapshot.fingerprint, summary=result.summary, actor=EDITOR)
    assert saved.changed and calls == list(result.changed)
    assert b"region-orebro-lan" in (folder / "relations.csv").read_bytes()


def test_a_file_written_between_the_check_and_the_backup_is_refused(folder: Path, monkeypatch) -> None:
    snapshot, result = _rename(folder)
    real = storage._make_backup

    def late_excel(path: Path, backup_id: str, meta: dict) -> Path:
        (path / "people.csv").write_bytes(EXCEL)
        return real(path, backup_id, meta)

    monkeypatch.setattr(storage, "_make_backup", late_excel)
    with pytest.raises(ConflictError, match="people.csv"):
        storage.save(folder, result.changed_tables(), snapshot.fingerprint, summary=result.summary, actor=EDITOR)
    assert (folder / "people.csv").read_bytes() == EXCEL
    assert storage.backups(folder) == []  # a backup of the outside version would not be the checked version


def test_a_restore_does_not_overwrite_an_outside_write(folder: Path, monkeypatch) -> None:
    snapshot, result = _rename(folder)
    saved = storage.save(folder, result.changed_tables(), snapshot.fingerprint, summary=result.summary, actor=EDITOR)
    current = _files(folder)
    _excel_writes(monkeypatch, 2)
    with pytest.raises(ConflictError):
        storage.restore(folder, saved.backup, storage.fingerprint(folder), actor=ADMIN)
    after = _files(folder)
    assert after["people.csv"] == EXCEL
    assert {n: d for n, d in after.items() if n != "people.csv"} == {
        n: d for n, d in current.items() if n != "people.csv"
    }


def test_recovery_after_a_crash_leaves_an_outside_write_alone(folder: Path, monkeypatch) -> None:
    """A save killed after its first replacement, then Excel writes the next file: recover puts back only the
    file the save wrote."""
    before = _files(folder)
    snapshot, result = _rename(folder)

    class Killed(BaseException):
        pass

    def hook(target: Path) -> None:
        if target.name == "people.csv":
            target.write_bytes(EXCEL)
            raise Killed

    monkeypatch.setattr(storage, "before_replace", hook)

    def died(*args: object, **kwargs: object) -> None:  # the process died: nothing was put back, the journal stays
        raise OSError("killed")

    monkeypatch.setattr(storage, "_put_back", died)
    with pytest.raises(Killed):
        storage.save(folder, result.changed_tables(), snapshot.fingerprint, summary=result.summary, actor=EDITOR)
    monkeypatch.undo()
    assert (folder / "organisations.csv").read_bytes() != before["organisations.csv"]  # half a save
    assert storage.recover(folder, actor=EDITOR)
    after = _files(folder)
    assert after["people.csv"] == EXCEL and after["organisations.csv"] == before["organisations.csv"]
