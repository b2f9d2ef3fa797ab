"""Editing: pure functions on tables, validated with the rules of loading (network/editing.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core_helpers import TODAY, load, write_directory
from network import editing, storage
from network.errors import NotFoundError, UsageError

# Slow as a module: each edit is validated against the whole directory (~0.6 s CPU a test). The full run (`-m ""`, CI)
# has every test; the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def snapshot(small) -> storage.Snapshot:
    """The small directory (tests/conftest.py) as raw tables. Edits never change it (they work on copies)."""
    return storage.load(small.path)


@pytest.fixture(scope="module")
def before(snapshot: storage.Snapshot) -> list:
    """The problems of the unedited tables (as the dashboard caches them per fingerprint)."""
    return editing.validate_tables(snapshot.tables, today=TODAY)[1]


def run(snapshot: storage.Snapshot, before: list, function, *args) -> editing.EditResult:
    return function(snapshot.tables, *args, before=before, today=TODAY)


def row_of(result: editing.EditResult, file: str, entity_id: str) -> dict[str, str]:
    frame = result.tables[file]
    return frame[frame["id"] == entity_id].iloc[0].to_dict()


@pytest.mark.smoke
def test_an_update_changes_only_its_cells_and_normalises_them_as_loading_does(snapshot, before) -> None:
    original = snapshot.tables["organisations.csv"].copy()
    result = run(
        snapshot,
        before,
        editing.update_entity,
        "comune-x",
        {"country": "el", "website": "www.comune.example.org", "type": "Municipality"},
    )
    assert result.ok and result.changed == ("organisations.csv",)
    row = row_of(result, "organisations.csv", "comune-x")
    assert (row["country"], row["website"], row["type"]) == ("GR", "https://www.comune.example.org", "municipality")
    assert snapshot.tables["organisations.csv"].equals(original)  # the input is not changed
    others = result.tables["organisations.csv"]["id"] != "comune-x"
    assert result.tables["organisations.csv"][others].values.tolist() == original[others.values].values.tolist()


@pytest.mark.smoke
def test_a_change_with_errors_is_refused_with_the_problem_at_its_field(snapshot, before) -> None:
    result = run(snapshot, before, editing.update_entity, "comune-x", {"verified": "2024-13-45", "country": "Xx"})
    assert not result.ok
    fields = result.by_column()
    assert set(fields) == {"verified", "country"}
    assert fields["verified"][0].row == 3 and fields["verified"][0].file == "organisations.csv"
    assert "YYYY-MM-DD" in fields["verified"][0].message
    # the row's relations would point at a row with errors: reported apart, not at the form's fields
    assert {p.column for p in result.elsewhere} == {"source", "target", "organisation"}


def test_a_warning_does_not_refuse_but_is_returned(snapshot, before) -> None:
    result = run(snapshot, before, editing.update_entity, "comune-x", {"verified": "2015-01-01"})
    assert result.ok and [p.code for p in result.warnings] == ["stale"]


def test_adding_an_entity_makes_an_id_from_the_name(snapshot, before) -> None:
    result = run(
        snapshot,
        before,
        editing.add_entity,
        "organisation",
        {"name": "Kulturhuset Ängen", "type": "cultural-institution", "country": "SE"},
    )
    assert result.ok
    assert result.tables["organisations.csv"].iloc[-1]["id"] == "kulturhuset-angen"
    assert result.summary == "Added organisation kulturhuset-angen"


def test_adding_an_id_that_is_taken_is_refused(snapshot, before) -> None:
    result = run(
        snapshot, before, editing.add_entity, "network", {"id": "region-orebro", "name": "X", "type": "platform"}
    )
    assert not result.ok and "duplicate-id" in [p.code for p in result.errors]
    assert editing.suggest_id(snapshot.tables, "Region Örebro") == "region-orebro-2"


def test_adding_without_required_fields_is_refused(snapshot, before) -> None:
    result = run(snapshot, before, editing.add_entity, "project", {"id": "p1", "name": "P"})
    assert not result.ok and {p.column for p in result.errors} == {"status"}


def test_delete_effects_list_relations_and_references(snapshot) -> None:
    effects = editing.delete_effects(snapshot.tables, "region-orebro")
    assert effects.kind == "organisation"
    assert {(r["relation"], r.get("target")) for r in effects.relations} >= {
        ("member_of", "reves"),
        ("partner_in", "dance-bridges"),
    }
    assert len(effects.relations) == 5
    assert effects.references == (("people.csv", "anna-exempel", "organisation"),)
    assert len(effects.lines()) == effects.count == 6


def test_deleting_removes_the_entity_its_relations_and_references(snapshot, before) -> None:
    result = run(snapshot, before, editing.delete_entity, "region-orebro")
    assert result.ok, result.problems
    assert result.changed == ("organisations.csv", "people.csv", "relations.csv")
    relations = result.tables["relations.csv"]
    assert not ((relations["source"] == "region-orebro") | (relations["target"] == "region-orebro")).any()
    assert row_of(result, "people.csv", "anna-exempel")["organisation"] == ""
    assert len(result.effects) == 6
    assert not editing.validate_tables(result.tables, today=TODAY)[1]  # nothing dangles


def test_renaming_updates_every_reference(snapshot, before) -> None:
    result = run(snapshot, before, editing.rename_id, "creative-europe-small", "ce-small")
    assert result.ok, result.problems
    assert row_of(result, "projects.csv", "dance-bridges")["programme"] == "ce-small"
    result = run(snapshot, before, editing.rename_id, "comune-x", "comune-di-x")
    assert result.ok
    relations = result.tables["relations.csv"]
    assert (relations["source"] == "comune-di-x").sum() == 2 and not (relations["source"] == "comune-x").any()
    assert row_of(result, "people.csv", "marco-esempio")["organisation"] == "comune-di-x"
    assert result.summary == "Renamed id comune-x to comune-di-x"


def test_an_update_with_a_new_id_renames(snapshot, before) -> None:
    result = run(snapshot, before, editing.update_entity, "anna-exempel", {"id": "anna-e", "role": "Director"})
    assert result.ok
    assert row_of(result, "people.csv", "anna-e")["role"] == "Director"
    assert (result.tables["relations.csv"]["source"] == "anna-e").sum() == 2


def test_renaming_to_a_taken_or_bad_id_is_refused(snapshot, before) -> None:
    assert not run(snapshot, before, editing.rename_id, "comune-x", "reves").ok
    bad = run(snapshot, before, editing.rename_id, "comune-x", "Comune X!")
    assert not bad.ok and "bad-id" in {p.code for p in bad.errors}


def test_relations_are_added_updated_and_deleted_by_their_key(snapshot, before) -> None:
    added = run(
        snapshot,
        before,
        editing.add_relation,
        {"source": "athens-lab", "relation": "member_of", "target": "reves", "since": "2020"},
    )
    assert added.ok and added.tables["relations.csv"].iloc[-1]["target"] == "reves"
    match = {"source": "comune-x", "relation": "member_of", "target": "reves", "since": "2015-03"}
    updated = run(snapshot, before, editing.update_relation, match, {"until": "2024"})
    assert updated.ok
    frame = updated.tables["relations.csv"]
    assert frame[(frame["source"] == "comune-x") & (frame["relation"] == "member_of")].iloc[0]["until"] == "2024"
    deleted = run(snapshot, before, editing.delete_relation, match)
    assert deleted.ok and len(deleted.tables["relations.csv"]) == len(snapshot.tables["relations.csv"]) - 1
    with pytest.raises(NotFoundError, match="not in relations.csv"):
        run(snapshot, before, editing.delete_relation, {**match, "since": "1999"})


def test_a_relation_between_the_wrong_kinds_is_refused_at_its_field(snapshot, before) -> None:
    result = run(
        snapshot, before, editing.add_relation, {"source": "comune-x", "relation": "partner_in", "target": "reves"}
    )
    assert not result.ok and result.errors[0].column == "relation"
    result = run(
        snapshot, before, editing.add_relation, {"source": "comune-x", "relation": "member_of", "target": "nobody"}
    )
    assert not result.ok and result.errors[0].column == "target" and result.errors[0].code == "unknown-id"


def test_errors_already_in_the_data_do_not_block_an_unrelated_edit(tmp_path: Path, small_files: dict) -> None:
    files = dict(small_files)
    files["organisations.csv"] += "broken,Broken Org,ngo,XX,,,,,,,,\n"
    path = write_directory(tmp_path / "d", files)
    assert load(path).report.errors
    snapshot = storage.load(path)
    result = editing.update_entity(snapshot.tables, "reves", {"scope": "international"}, today=TODAY)
    assert result.ok
    fixed = editing.update_entity(snapshot.tables, "broken", {"name": "Still broken"}, today=TODAY)
    assert not fixed.ok and fixed.errors[0].column == "country"  # editing the row shows its error
    fixed = editing.update_entity(snapshot.tables, "broken", {"country": "DE"}, today=TODAY)
    assert fixed.ok


def test_an_edit_is_data_that_can_be_applied_again(snapshot, before) -> None:
    result = run(snapshot, before, editing.update_entity, "reves", {"scope": "nordic"})
    again = editing.apply(result.tables, result.edit, today=TODAY)
    assert again.ok and not again.changed  # already applied: nothing more changes
    assert result.edit.to_dict() == {
        "action": "update",
        "kind": "network",
        "id": "reves",
        "values": {"scope": "nordic"},
        "match": {},
    }


def test_several_edits_at_once_are_checked_together(snapshot, before) -> None:
    edits = [
        editing.Edit(
            "add", "organisation", "new-org", {"id": "new-org", "name": "New Org", "type": "ngo", "country": "SE"}
        ),
        editing.Edit(
            "add_relation", "relation", values={"source": "new-org", "relation": "member_of", "target": "reves"}
        ),
        editing.Edit("update", "network", "reves", {"scope": "european"}),
    ]
    result = editing.apply_all(snapshot.tables, edits, before=before, today=TODAY)
    assert result.ok, result.problems
    assert result.changed == ("organisations.csv", "relations.csv")
    refused = editing.apply_all(snapshot.tables, edits[1:], before=before, today=TODAY)
    assert not refused.ok  # the relation names an organisation that only the first edit adds


def test_unknown_things_are_usage_errors(snapshot, before) -> None:
    with pytest.raises(UsageError, match="no column"):
        run(snapshot, before, editing.update_entity, "reves", {"colour": "blue"})
    with pytest.raises(UsageError):
        editing.apply(snapshot.tables, editing.Edit("explode"))
    with pytest.raises(UsageError):
        editing.apply(snapshot.tables, editing.Edit("add", "spaceship", values={"id": "x"}))
    with pytest.raises(NotFoundError):
        run(snapshot, before, editing.delete_entity, "nobody")
