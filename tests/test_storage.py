"""The safe save path: atomic writes, backups, the change log, conflicts, crashes and restores (network/storage.py)."""

from __future__ import annotations

import json
import os
import threading
from pathlib import Path

import pandas as pd
import pytest

from core_helpers import ADMIN, EDITOR, TODAY, load, write_workbook
from network.access import Actor
from network import editing, storage
from network.errors import ConflictError, UsageError
from network.schema import PEOPLE, RELATIONS_TABLE, table_for_file

# Slow as a module: each test saves through the safe save path, which validates the whole directory, and reloads (~1.4
# s CPU a test). The full run (`-m ""`, CI) has every test; the tests marked smoke stay in the fast run
# (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow


_BEFORE: dict[str, list] = {}


def fast(snapshot: storage.Snapshot) -> dict:
    """Options for editing: a fixed today, and the problems of the unedited files computed once per version
    (each test starts from the same small directory, so its baseline is validated only once)."""
    if snapshot.fingerprint not in _BEFORE:
        _BEFORE[snapshot.fingerprint] = editing.validate_tables(snapshot.tables, today=TODAY)[1]
    return {"today": TODAY, "before": _BEFORE[snapshot.fingerprint]}


def files_of(path: Path) -> dict[str, bytes]:
    """Every file of a directory folder (not the history), as bytes."""
    return {p.name: p.read_bytes() for p in path.iterdir() if p.is_file()}


def edit_city(path: Path, city: str, entity: str = "region-orebro") -> editing.EditResult:
    snapshot = storage.load(path)
    result = editing.update_entity(snapshot.tables, entity, {"city": city}, **fast(snapshot))
    assert result.ok, result.problems
    return result


# --- fingerprints and reading ----------------------------------------------------------------------------------


def test_fingerprint_is_the_one_load_directory_gives(small_dir: Path) -> None:
    assert storage.fingerprint(small_dir) == load(small_dir).fingerprint == storage.load(small_dir).fingerprint


def test_a_file_saved_from_excel_changes_the_fingerprint(small_dir: Path, small_files: dict) -> None:
    """What the dashboard's fingerprint-keyed cache relies on to pick up a CSV edited in Excel."""
    before = storage.fingerprint(small_dir)
    text = small_files["organisations.csv"].replace("Comune di X", "Comune di Y")
    (small_dir / "organisations.csv").write_bytes(text.replace(",", ";").encode("cp1252", errors="replace"))
    after = storage.fingerprint(small_dir)
    assert after != before
    assert load(small_dir).fingerprint == after
    assert "Comune di Y" in storage.load(small_dir).tables["organisations.csv"]["name"].tolist()


def test_an_unedited_table_is_written_back_byte_for_byte(small_dir: Path) -> None:
    """A file in the project's format comes back unchanged; any other file is put in it once, then stays."""
    snapshot = storage.load(small_dir)
    assert snapshot.existing
    for name in snapshot.existing:
        frame, table = snapshot.tables[name], table_for_file(name)
        original = (small_dir / name).read_bytes()
        written = storage.table_bytes(frame, table, original)
        if original.split(b"\n", 1)[0].decode() == ",".join(table.column_names):
            assert written == original, name
        (small_dir / name).write_bytes(written)
    again = storage.load(small_dir)
    for name in again.existing:
        data = (small_dir / name).read_bytes()
        assert storage.table_bytes(again.tables[name], table_for_file(name), data) == data, name


def test_bom_and_crlf_of_a_file_are_kept(small_dir: Path, small_files: dict) -> None:
    text = small_files["organisations.csv"].replace("\n", "\r\n")
    (small_dir / "organisations.csv").write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    result = edit_city(small_dir, "Örebro stad")
    storage.save(
        small_dir, result.changed_tables(), storage.fingerprint(small_dir), summary=result.summary, actor=EDITOR
    )
    data = (small_dir / "organisations.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    assert "Örebro stad" in data.decode("utf-8-sig")


# --- round trips -----------------------------------------------------------------------------------------------


@pytest.mark.smoke
def test_edit_save_reload_gives_exactly_the_edit(small_dir: Path) -> None:
    before = files_of(small_dir)
    snapshot = storage.load(small_dir)
    result = editing.update_entity(
        snapshot.tables, "comune-x", {"city": "Xville", "themes": "dance|heritage"}, **fast(snapshot)
    )
    saved = storage.save(
        small_dir, result.changed_tables(), snapshot.fingerprint, summary=result.summary, actor=Actor("anna", "admin")
    )
    assert saved.changed and saved.files == ("organisations.csv",)
    after = files_of(small_dir)
    assert {n for n in after if after[n] != before[n]} == {"organisations.csv"}
    record = load(small_dir).record("comune-x")
    assert (record["city"], record["themes"]) == ("Xville", "dance|heritage")
    reloaded = storage.load(small_dir).tables["organisations.csv"]
    expected = snapshot.tables["organisations.csv"].copy()
    expected.loc[expected["id"] == "comune-x", ["city", "themes"]] = ["Xville", "dance|heritage"]
    assert reloaded.values.tolist() == expected.values.tolist()
    assert saved.fingerprint == storage.fingerprint(small_dir) != snapshot.fingerprint


def test_saving_nothing_new_writes_nothing(small_dir: Path) -> None:
    canonical = storage.table_bytes(
        storage.load(small_dir).tables["organisations.csv"], table_for_file("organisations.csv")
    )
    (small_dir / "organisations.csv").write_bytes(canonical)  # in the project's format, as the tool writes it
    snapshot = storage.load(small_dir)
    saved = storage.save(
        small_dir,
        {"organisations.csv": snapshot.tables["organisations.csv"]},
        snapshot.fingerprint,
        summary="no change",
        actor=EDITOR,
    )
    assert not saved.changed
    assert storage.backups(small_dir) == [] and storage.changes(small_dir) == []


def test_undo_from_a_backup_restores_the_files_byte_for_byte(small_dir: Path) -> None:
    original = files_of(small_dir)
    first = edit_city(small_dir, "One")
    saved = storage.save(small_dir, first.changed_tables(), storage.fingerprint(small_dir), summary="one", actor=EDITOR)
    snapshot = storage.load(small_dir)
    second = editing.delete_entity(snapshot.tables, "comune-x", **fast(snapshot))
    storage.save(small_dir, second.changed_tables(), snapshot.fingerprint, summary="two", actor=EDITOR)
    assert files_of(small_dir) != original
    restored = storage.restore(small_dir, saved.backup, storage.fingerprint(small_dir), actor=Actor("admin", "admin"))
    assert restored.changed
    assert files_of(small_dir) == original
    assert storage.changes(small_dir)[0]["action"] == "restore"
    # the restore made its own backup: it can be undone too
    undo = storage.restore(small_dir, restored.backup, storage.fingerprint(small_dir), actor=ADMIN)
    assert undo.changed and "comune-x" not in load(small_dir)


def test_a_restore_removes_a_file_the_backup_did_not_have(small_dir: Path) -> None:
    (small_dir / "networks.csv").unlink()
    snapshot = storage.load(small_dir)
    result = editing.add_entity(
        snapshot.tables, "network", {"id": "new-net", "name": "New", "type": "platform"}, **fast(snapshot)
    )
    saved = storage.save(small_dir, result.changed_tables(), snapshot.fingerprint, summary="add", actor=EDITOR)
    assert (small_dir / "networks.csv").exists()
    storage.restore(small_dir, saved.backup, storage.fingerprint(small_dir), actor=ADMIN)
    assert not (small_dir / "networks.csv").exists()


def test_only_listed_backups_can_be_restored(small_dir: Path) -> None:
    for name in ("../small", "20250101T000000.000000Z", ""):
        with pytest.raises(UsageError):
            storage.restore(small_dir, name, None, actor=ADMIN)


def test_backups_are_pruned_to_the_configured_count(small_dir: Path) -> None:
    for i in range(4):
        result = edit_city(small_dir, f"City {i}")
        storage.save(
            small_dir,
            result.changed_tables(),
            storage.fingerprint(small_dir),
            summary=f"edit {i}",
            keep_backups=2,
            actor=EDITOR,
        )
    kept = storage.backups(small_dir)
    assert len(kept) == 2
    assert [b.summary for b in kept] == ["edit 3", "edit 2"]
    assert len(storage.changes(small_dir)) == 4  # the log keeps everything


def test_the_backup_count_can_come_from_directory_toml(small_dir: Path) -> None:
    (small_dir / "directory.toml").write_text('name = "T"\nhome = "region-orebro"\n[history]\nkeep_backups = 1\n')
    for i in range(3):
        result = edit_city(small_dir, f"City {i}")
        storage.save(
            small_dir, result.changed_tables(), storage.fingerprint(small_dir), summary=f"edit {i}", actor=EDITOR
        )
    assert len(storage.backups(small_dir)) == 1


def test_the_change_log_says_when_who_what_before_and_after(small_dir: Path) -> None:
    result = edit_city(small_dir, "Lindesberg")
    storage.save(
        small_dir,
        result.changed_tables(),
        storage.fingerprint(small_dir),
        summary=result.summary,
        actor=Actor("anna@example.org", "admin"),
    )
    [entry] = storage.changes(small_dir)
    assert entry["who"] == "anna@example.org" and entry["when"] and entry["action"] == "edit"
    assert entry["summary"] == "Changed organisation region-orebro (city)"
    [change] = entry["changes"]
    assert change == {
        "table": "organisations.csv",
        "op": "update",
        "key": "region-orebro",
        "before": {"city": "Örebro"},
        "after": {"city": "Lindesberg"},
    }
    assert entry["subjects"] == []
    lines = (small_dir / ".history" / "changes.jsonl").read_text("utf-8").splitlines()
    assert len(lines) == 1 and json.loads(lines[0])["id"] == entry["id"]


def test_the_change_log_lists_the_people_whose_data_it_holds(small_dir: Path) -> None:
    snapshot = storage.load(small_dir)
    result = editing.delete_entity(snapshot.tables, "anna-exempel", **fast(snapshot))
    storage.save(small_dir, result.changed_tables(), snapshot.fingerprint, summary=result.summary, actor=EDITOR)
    entry = storage.changes(small_dir)[0]
    assert entry["subjects"] == ["anna-exempel", "marco-esempio"]  # "anna knows marco" was deleted too
    assert {c["table"] for c in entry["changes"]} == {"people.csv", "relations.csv"}


# --- concurrency -----------------------------------------------------------------------------------------------


@pytest.mark.smoke
def test_two_sessions_edit_the_same_record_the_second_is_refused_and_nothing_is_lost(small_dir: Path) -> None:
    session_a, session_b = storage.load(small_dir), storage.load(small_dir)
    edit_a = editing.update_entity(session_a.tables, "region-orebro", {"city": "A-stad"}, **fast(session_a))
    edit_b = editing.update_entity(session_b.tables, "region-orebro", {"city": "B-stad"}, **fast(session_b))
    storage.save(
        small_dir, edit_a.changed_tables(), session_a.fingerprint, summary=edit_a.summary, actor=Actor("a", "admin")
    )
    after_a = files_of(small_dir)
    with pytest.raises(ConflictError, match="Someone else saved"):
        storage.save(
            small_dir, edit_b.changed_tables(), session_b.fingerprint, summary=edit_b.summary, actor=Actor("b", "admin")
        )
    assert files_of(small_dir) == after_a  # A's save stands
    assert load(small_dir).record("region-orebro")["city"] == "A-stad"
    # B still has the edit, and re-applies it to the new version
    fresh = storage.load(small_dir)
    again = editing.apply(fresh.tables, edit_b.edit, **fast(fresh))
    assert again.ok
    storage.save(small_dir, again.changed_tables(), fresh.fingerprint, summary=again.summary, actor=Actor("b", "admin"))
    log = storage.changes(small_dir)
    assert [(e["who"], e["changes"][0]["after"]["city"]) for e in log] == [("b", "B-stad"), ("a", "A-stad")]
    assert log[0]["changes"][0]["before"]["city"] == "A-stad"


def test_two_sessions_edit_different_records_both_edits_end_up_saved(small_dir: Path) -> None:
    session_a, session_b = storage.load(small_dir), storage.load(small_dir)
    edit_a = editing.update_entity(session_a.tables, "region-orebro", {"city": "A-stad"}, **fast(session_a))
    edit_b = editing.update_entity(session_b.tables, "reves", {"scope": "international"}, **fast(session_b))
    storage.save(small_dir, edit_a.changed_tables(), session_a.fingerprint, summary=edit_a.summary, actor=EDITOR)
    with pytest.raises(ConflictError):  # the files changed, even though another record did
        storage.save(small_dir, edit_b.changed_tables(), session_b.fingerprint, summary=edit_b.summary, actor=EDITOR)
    fresh = storage.load(small_dir)
    again = editing.apply(fresh.tables, edit_b.edit, **fast(fresh))
    storage.save(small_dir, again.changed_tables(), fresh.fingerprint, summary=again.summary, actor=EDITOR)
    directory = load(small_dir)
    assert directory.record("region-orebro")["city"] == "A-stad"
    assert directory.record("reves")["scope"] == "international"


def test_concurrent_saves_on_one_version_exactly_one_wins(small_dir: Path) -> None:
    snapshot = storage.load(small_dir)
    edits = [
        editing.update_entity(snapshot.tables, "region-orebro", {"city": f"City {i}"}, **fast(snapshot))
        for i in range(4)
    ]
    outcomes: list[str] = []

    def run(result: editing.EditResult) -> None:
        try:
            storage.save(small_dir, result.changed_tables(), snapshot.fingerprint, summary=result.summary, actor=EDITOR)
            outcomes.append("saved")
        except ConflictError:
            outcomes.append("conflict")

    threads = [threading.Thread(target=run, args=(e,)) for e in edits]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert sorted(outcomes) == ["conflict", "conflict", "conflict", "saved"]
    assert len(storage.changes(small_dir)) == 1


def test_a_held_lock_gives_a_clear_message(small_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from filelock import FileLock

    monkeypatch.setattr(storage, "LOCK_TIMEOUT", 0.2)
    result = edit_city(small_dir, "Locked")
    held = FileLock(str(storage.history_dir(small_dir) / "write.lock"))
    done: list[Exception] = []

    def try_save() -> None:
        try:
            storage.save(small_dir, result.changed_tables(), storage.fingerprint(small_dir), summary="x", actor=EDITOR)
        except Exception as exc:  # noqa: BLE001 - the test inspects it
            done.append(exc)

    with held:
        thread = threading.Thread(target=try_save)
        thread.start()
        thread.join()
    assert done and isinstance(done[0], ConflictError) and "lock" in str(done[0])


# --- crashes ---------------------------------------------------------------------------------------------------


def _failing_replace(fail_on: str, real=os.replace):
    def replace(src, dst, *args, **kwargs):
        if Path(dst).name == fail_on:
            raise OSError(28, "No space left on device")
        return real(src, dst, *args, **kwargs)

    return replace


@pytest.mark.parametrize("fail_on", ["organisations.csv", "people.csv", "relations.csv"])
def test_a_failed_replace_leaves_the_previous_files_intact(
    small_dir: Path, monkeypatch: pytest.MonkeyPatch, fail_on: str
) -> None:
    """Deleting an organisation writes three files; whichever replace fails, the folder is as before."""
    original = files_of(small_dir)
    snapshot = storage.load(small_dir)
    result = editing.delete_entity(snapshot.tables, "region-orebro", **fast(snapshot))
    assert result.changed == ("organisations.csv", "people.csv", "relations.csv")
    monkeypatch.setattr(os, "replace", _failing_replace(fail_on))
    with pytest.raises(storage.SaveError, match="previous version is still in place"):
        storage.save(small_dir, result.changed_tables(), snapshot.fingerprint, summary=result.summary, actor=EDITOR)
    monkeypatch.undo()
    assert files_of(small_dir) == original
    assert not list(small_dir.glob(".*.tmp"))
    assert not (storage.history_dir(small_dir) / "pending.json").exists()
    assert storage.changes(small_dir) == []
    # and the same edit saves fine afterwards: the base is still valid
    storage.save(small_dir, result.changed_tables(), snapshot.fingerprint, summary=result.summary, actor=EDITOR)
    assert "region-orebro" not in load(small_dir)


def test_a_save_killed_half_way_is_undone_by_the_next_save(small_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The process dies after replacing one of three files (no chance to roll back): the journal repairs it."""
    original = files_of(small_dir)
    snapshot = storage.load(small_dir)
    result = editing.delete_entity(snapshot.tables, "region-orebro", **fast(snapshot))

    class Killed(BaseException):
        pass

    def die(*args, **kwargs):
        raise Killed()

    monkeypatch.setattr(
        os, "replace", lambda src, dst, real=os.replace: die() if Path(dst).name == "people.csv" else real(src, dst)
    )
    monkeypatch.setattr(storage, "_put_back", die)  # dead processes do not roll back
    with pytest.raises(Killed):
        storage.save(small_dir, result.changed_tables(), snapshot.fingerprint, summary=result.summary, actor=EDITOR)
    monkeypatch.undo()
    assert files_of(small_dir)["organisations.csv"] != original["organisations.csv"]  # half written
    assert (storage.history_dir(small_dir) / "pending.json").exists()
    assert storage.recover(small_dir, actor=EDITOR)
    assert files_of(small_dir) == original
    assert storage.changes(small_dir)[0]["action"] == "recover"
    assert not storage.recover(small_dir, actor=EDITOR)


def test_a_save_after_a_killed_save_recovers_first_then_checks_the_version(
    small_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    snapshot = storage.load(small_dir)
    result = editing.delete_entity(snapshot.tables, "region-orebro", **fast(snapshot))

    class Killed(BaseException):
        pass

    def die(*args, **kwargs):
        raise Killed()

    monkeypatch.setattr(
        os, "replace", lambda src, dst, real=os.replace: die() if Path(dst).name == "relations.csv" else real(src, dst)
    )
    monkeypatch.setattr(storage, "_put_back", die)
    with pytest.raises(Killed):
        storage.save(small_dir, result.changed_tables(), snapshot.fingerprint, summary=result.summary, actor=EDITOR)
    monkeypatch.undo()
    other = editing.update_entity(snapshot.tables, "reves", {"scope": "nordic"}, **fast(snapshot))
    storage.save(small_dir, other.changed_tables(), snapshot.fingerprint, summary=other.summary, actor=EDITOR)
    directory = load(small_dir)
    assert "region-orebro" in directory and directory.record("reves")["scope"] == "nordic"
    assert not directory.report.errors


# --- workbooks and personal data -------------------------------------------------------------------------------


def test_a_workbook_is_not_overwritten_and_the_message_says_how_to_convert(tmp_path: Path, small_files: dict) -> None:
    book = write_workbook(tmp_path / "book.xlsx", small_files)
    before = book.read_bytes()
    snapshot = storage.load(book)
    assert not snapshot.writable
    result = editing.update_entity(snapshot.tables, "region-orebro", {"city": "X"}, **fast(snapshot))
    with pytest.raises(UsageError, match="convert"):
        storage.save(book, result.changed_tables(), snapshot.fingerprint, summary="x", actor=EDITOR)
    assert book.read_bytes() == before
    written = storage.convert_workbook(book, tmp_path / "folder")
    assert "organisations.csv" in written
    assert load(tmp_path / "folder").record("region-orebro")["city"] == "Örebro"
    with pytest.raises(UsageError, match="already holds"):
        storage.convert_workbook(book, tmp_path / "folder")


def test_erasing_a_person_removes_them_from_the_log_and_every_backup(small_dir: Path) -> None:
    snapshot = storage.load(small_dir)
    phone = editing.update_entity(snapshot.tables, "anna-exempel", {"phone": "+46 70 123"}, **fast(snapshot))
    storage.save(small_dir, phone.changed_tables(), snapshot.fingerprint, summary=phone.summary, actor=EDITOR)
    unrelated = edit_city(small_dir, "Kumla")
    storage.save(
        small_dir, unrelated.changed_tables(), storage.fingerprint(small_dir), summary=unrelated.summary, actor=EDITOR
    )
    snapshot = storage.load(small_dir)
    gone = editing.delete_entity(snapshot.tables, "anna-exempel", **fast(snapshot))
    storage.save(small_dir, gone.changed_tables(), snapshot.fingerprint, summary=gone.summary, actor=EDITOR)
    counts = storage.erase_person(small_dir, "anna-exempel", actor=Actor("admin", "admin"))
    # three saves, three backups, each with a people.csv and a relations.csv that name her
    assert counts == {"log_entries": 2, "backup_files": 6, "manifests": 2}
    history = storage.history_dir(small_dir)
    for file in history.rglob("*"):
        if file.is_file() and file.name != "write.lock":
            text = file.read_text("utf-8", errors="replace")
            assert "anna" not in text.lower() and "+46 70" not in text, file
    log = storage.changes(small_dir)
    assert log[0]["action"] == "erase" and log[0]["who"] == "admin"
    assert any(e["summary"] == "Changed organisation region-orebro (city)" for e in log)  # others untouched
    # the backups still load
    for backup in storage.backups(small_dir):
        folder = history / "backups" / backup.id
        assert not load(folder).report.errors


def test_tables_that_are_not_part_of_the_format_are_refused(small_dir: Path) -> None:
    with pytest.raises(UsageError):
        storage.save(small_dir, {"../evil.csv": storage.empty_table(PEOPLE)}, None, summary="x", actor=EDITOR)
    with pytest.raises(UsageError):
        storage.save(
            small_dir, {"directory.toml": storage.empty_table(RELATIONS_TABLE)}, None, summary="x", actor=EDITOR
        )


def test_backups_listing(small_dir: Path) -> None:
    result = edit_city(small_dir, "Nora")
    saved = storage.save(
        small_dir, result.changed_tables(), storage.fingerprint(small_dir), summary="nora", actor=Actor("kim", "admin")
    )
    [backup] = storage.backups(small_dir)
    assert backup.id == saved.backup and backup.who == "kim" and backup.summary == "nora"
    assert "organisations.csv" in backup.files and backup.size > 0


def test_a_change_log_that_cannot_be_written_undoes_the_save(small_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    original = files_of(small_dir)
    result = edit_city(small_dir, "Unlogged")

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage, "_append_log", full_disk)
    with pytest.raises(storage.SaveError):
        storage.save(small_dir, result.changed_tables(), storage.fingerprint(small_dir), summary="x", actor=EDITOR)
    assert files_of(small_dir) == original
    assert not (storage.history_dir(small_dir) / "pending.json").exists()


def test_a_backup_that_cannot_be_made_stops_the_save_before_anything_is_written(
    small_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    original = files_of(small_dir)
    result = edit_city(small_dir, "No backup")

    def fail(*args, **kwargs):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(storage.shutil, "copy2", fail)
    with pytest.raises(storage.SaveError, match="backup"):
        storage.save(small_dir, result.changed_tables(), storage.fingerprint(small_dir), summary="x", actor=EDITOR)
    monkeypatch.undo()
    assert files_of(small_dir) == original
    assert storage.backups(small_dir) == [] and not list((storage.history_dir(small_dir) / "backups").iterdir())


def test_relations_repeated_added_and_removed_are_counted_as_rows(small_dir: Path) -> None:
    # Relations are compared as whole rows (a multiset): a row written three times where it was once is two added.
    snapshot = storage.load(small_dir)
    relations = snapshot.tables[RELATIONS_TABLE.file]
    changed = pd.concat([relations.iloc[1:], relations.iloc[[0, 0, 0]]], ignore_index=True)
    changed = changed[changed.index != 0]  # the old second row goes
    storage.save(small_dir, {RELATIONS_TABLE.file: changed}, snapshot.fingerprint, summary="s", actor=EDITOR)
    entry = storage.changes(small_dir)[0]
    assert entry["counts"] == {RELATIONS_TABLE.file: {"added": 2, "removed": 1}}
    first, second = relations.iloc[0], relations.iloc[1]
    assert [(c["op"], c["key"]) for c in entry["changes"]] == [
        ("add", " ".join(str(first[c]).strip().lower() for c in storage.key_columns(RELATIONS_TABLE))),
        ("add", " ".join(str(first[c]).strip().lower() for c in storage.key_columns(RELATIONS_TABLE))),
        ("remove", " ".join(str(second[c]).strip().lower() for c in storage.key_columns(RELATIONS_TABLE))),
    ]


def test_tables_handed_to_save_are_used_only_with_a_confirmed_version(small_dir: Path) -> None:
    # ``before`` stands for the files only when the version check confirmed ``base``; without a base the save reads
    # the files, so a wrong ``before`` cannot change what the change log says.
    result = edit_city(small_dir, "Lindesberg")
    wrong = {"organisations.csv": result.changed_tables()["organisations.csv"]}
    storage.save(small_dir, result.changed_tables(), None, summary=result.summary, actor=EDITOR, before=wrong)
    [change] = storage.changes(small_dir)[0]["changes"]
    assert (change["before"], change["after"]) == ({"city": "Örebro"}, {"city": "Lindesberg"})
