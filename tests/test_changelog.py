"""The change log read back as facts (network.changelog): who, when, which rows, each column before and after."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from core_helpers import EDITOR

from network import changelog, editing, storage

# Slow as a module: each save validates the directory (~1.6 s CPU a test). The full run (`-m ""`, CI) has every test;
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow


def _save_two_changes(folder: Path) -> None:
    snapshot = storage.load(folder)
    result = editing.update_entity(snapshot.tables, "comune-x", {"city": "Milano"})
    storage.save(folder, result.changed_tables(), snapshot.fingerprint, summary=result.summary, actor=EDITOR)
    snapshot = storage.load(folder)
    tables = dict(snapshot.tables)
    relations = tables["relations.csv"]
    tables["relations.csv"] = relations[relations["source"] != "lille-theatre"]
    storage.save(folder, tables, snapshot.fingerprint, summary="removed", actor=EDITOR)


def test_a_save_read_back_with_before_and_after(small_dir: Path) -> None:
    _save_two_changes(small_dir)
    removal, edit = changelog.read_entries(storage.changes(small_dir))
    assert edit.who == EDITOR.identity and edit.action == "edit" and isinstance(edit.when, dt.datetime)
    (row,) = edit.rows
    assert (row.kind, row.op, row.entity_id) == ("organisation", "update", "comune-x")
    assert row.fields == (changelog.FieldChange("city", "X", "Milano"),)
    (gone,) = removal.rows
    assert (gone.kind, gone.op, gone.entity_id) == ("relation", "remove", None)
    assert (gone.values["source"], gone.values["relation"], gone.values["target"]) == (
        "lille-theatre",
        "member_of",
        "reves",
    )


def test_touching_keeps_the_rows_about_one_entity(small_dir: Path) -> None:
    _save_two_changes(small_dir)
    entries = changelog.read_entries(storage.changes(small_dir))
    assert [e.rows[0].op for e in changelog.touching(entries, "comune-x")] == ["update"]
    assert [e.rows[0].kind for e in changelog.touching(entries, "REVES")] == ["relation"]
    assert changelog.touching(entries, "athens-lab") == []


@pytest.mark.smoke
def test_old_or_odd_lines_do_not_fail() -> None:
    entry = changelog.read_entry(
        {
            "when": "not a date",
            "changes": [{"table": "unknown.csv", "op": "add", "key": "k", "after": {"a": 1}}, "junk"],
        }
    )
    assert entry.who == "" and entry.when is None and entry.action == ""
    (row,) = entry.rows
    assert (row.kind, row.file, row.values) == ("", "unknown.csv", {"a": "1"})
    counted = changelog.read_entry({"who": "x", "counts": {"organisations.csv": {"added": 5}}, "rows_logged": False})
    assert counted.rows == () and counted.counts == {"organisations.csv": {"added": 5}} and not counted.rows_logged
