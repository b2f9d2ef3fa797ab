"""The Edit page (AppTest): forms with errors at their fields, deleting with confirmation, conflicts, the table
editor, backups and restore. Every test works on a copy of the fixture directory (``data_copy``)."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from access_helpers import open_by_url
from dashboard_helpers import ROOT, TIMEOUT, all_text, assert_ok
from streamlit.testing.v1 import AppTest

from network import access, editing, schema, storage
from network.access import Actor
from network.errors import NotFoundError
from network.messages import message
from ui import edit_support
from ui.i18n import SV
from ui.safe_text import escape_markdown

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

PAGE = "ui/pages/edit.py"


def open_at(monkeypatch: pytest.MonkeyPatch, data: Path, page: str = PAGE) -> AppTest:
    """The page opened from its address, in one run (``access_helpers.open_by_url``)."""
    monkeypatch.setenv("NETWORK_DATA", str(data))
    monkeypatch.delenv("NETWORK_USER", raising=False)
    return open_by_url(AppTest.from_file(str(ROOT / "network_app.py"), default_timeout=TIMEOUT), page)


@pytest.fixture
def open_edit(monkeypatch: pytest.MonkeyPatch, data_copy: Path):
    """The Edit page on a copy of the fixture directory."""
    return lambda: open_at(monkeypatch, data_copy)


def _choose(at, kind: str, query: str):
    """Search for an entity in the form's picker (its best match is chosen)."""
    at.selectbox(key="edit.kind").set_value(kind).run()
    at.text_input(key=f"edit.entity.{kind}.q").set_value(query).run()
    return at


def _field(at, form: str, column: str):
    return at.get_by_key(f"edit.f.{form}.{column}")


def _submit(at, label: str = SV["edit.save"]):
    [button] = [b for b in at.button if b.label == label and b.proto.is_form_submitter]
    return button.click().run()


def _record(path: Path, entity_id: str) -> dict:
    frame = storage.load(path).tables
    table, position = editing.find_entity(frame, entity_id)
    return frame[table.file].iloc[position].to_dict()


def test_the_page_opens_on_the_entity_form(open_edit) -> None:
    at = open_edit()
    assert_ok(at)
    assert at.title[0].value == SV["page.edit"]
    assert SV["edit.pick_first"].format(kind="organisation") in all_text(at)


def test_the_first_view_reads_no_table_and_the_form_reads_them_once(open_edit, monkeypatch) -> None:
    """The picker needs only the loaded directory; the raw tables (a second or more on 60,000 organisations) are
    read when a form opens, once per run (docs/performance.md, twelfth session)."""
    reads: list[str] = []
    real = edit_support.load_snapshot
    monkeypatch.setattr(edit_support, "load_snapshot", lambda path: reads.append(str(path)) or real(path))
    at = open_edit()
    assert_ok(at)
    assert SV["edit.pick_first"].format(kind="organisation") in all_text(at)
    assert reads == []
    at = _choose(at, "organisation", "comune")
    assert_ok(at)
    assert _field(at, "entity.organisation.comune-x", "city").value == "X"
    assert len(reads) == 1


def test_files_that_cannot_be_read_when_a_form_opens_give_the_message_not_a_traceback(
    open_edit, monkeypatch, data_copy: Path
) -> None:
    at = open_edit()

    def locked(path):
        raise PermissionError(13, "Permission denied", str(Path(path) / "organisations.csv"))

    monkeypatch.setattr(edit_support, "load_snapshot", locked)
    at = _choose(at, "organisation", "comune")
    assert_ok(at)
    [error] = at.error
    assert error.value.startswith(SV["state.read_error"].split("{path}")[0])
    assert escape_markdown("organisations.csv") in error.value
    assert not at.get("form")


@pytest.mark.smoke
def test_a_change_is_saved_with_a_backup_and_a_log_entry(open_edit, data_copy: Path) -> None:
    at = _choose(open_edit(), "organisation", "comune")
    _field(at, "entity.organisation.comune-x", "city").set_value("Xville")
    at = _submit(at)
    assert_ok(at)
    assert _record(data_copy, "comune-x")["city"] == "Xville"
    assert any("Sparat" in s.value for s in at.success)
    assert storage.changes(data_copy)[0]["summary"] == "Changed organisation comune-x (city)"
    assert len(storage.backups(data_copy)) == 1


def test_a_change_with_errors_is_refused_and_the_message_is_at_the_field(open_edit, data_copy: Path) -> None:
    before = (data_copy / "organisations.csv").read_bytes()
    at = _choose(open_edit(), "organisation", "comune")
    _field(at, "entity.organisation.comune-x", "verified").set_value("31/31/2024")
    at = _submit(at)
    assert_ok(at)
    assert SV["edit.refused"] in [e.value for e in at.error]
    assert any("ÅÅÅÅ\\-MM\\-DD" in e.value for e in at.error)  # the message, in Swedish, escaped for Markdown
    assert (data_copy / "organisations.csv").read_bytes() == before
    assert storage.changes(data_copy) == []
    # the form keeps the user's value to correct
    assert _field(at, "entity.organisation.comune-x", "verified").value == "31/31/2024"


def test_adding_an_organisation(open_edit, data_copy: Path) -> None:
    at = open_edit()
    at.radio(key="edit.mode").set_value("add").run()
    form = "entity.organisation.+"
    _field(at, form, "name").set_value("Kulturhuset Norr")
    _field(at, form, "type").set_value("cultural-institution")
    _field(at, form, "country").set_value("se")
    at = _submit(at, SV["edit.add"])
    assert_ok(at)
    record = _record(data_copy, "kulturhuset-norr")
    assert (record["name"], record["country"]) == ("Kulturhuset Norr", "SE")


def test_deleting_shows_what_else_changes_and_needs_confirmation(open_edit, data_copy: Path) -> None:
    at = _choose(open_edit(), "organisation", "comune")
    text = all_text(at).replace("\\", "")  # the lines are Markdown-escaped
    assert "Comune di X medlem i REVES tas bort" in text  # in Swedish, with names (ids only when unknown)
    assert "people.csv: organisation för Marco Esempio töms" in text
    delete = at.button(key="edit.del.comune-x")
    assert delete.disabled
    at.checkbox(key="edit.del.sure.comune-x").check().run()
    at = at.button(key="edit.del.comune-x").click().run()
    assert_ok(at)
    tables = storage.load(data_copy).tables
    assert "comune-x" not in tables["organisations.csv"]["id"].tolist()
    assert not (tables["relations.csv"][["source", "target"]] == "comune-x").any().any()


def test_renaming_an_id_from_the_form_updates_every_reference(open_edit, data_copy: Path) -> None:
    at = _choose(open_edit(), "organisation", "comune")
    _field(at, "entity.organisation.comune-x", "id").set_value("comune-di-x")
    at = _submit(at)
    assert_ok(at)
    tables = storage.load(data_copy).tables
    assert (tables["relations.csv"]["source"] == "comune-di-x").sum() >= 2
    assert "comune-di-x" in tables["people.csv"]["organisation"].tolist()


@pytest.mark.slow  # > 5 s CPU
def test_when_someone_else_saved_first_the_edit_is_refused_kept_and_can_be_applied(open_edit, data_copy: Path) -> None:
    at = _choose(open_edit(), "organisation", "comune")
    _field(at, "entity.organisation.comune-x", "city").set_value("Mine")
    # meanwhile, another session saves a change to the same organisation
    other = storage.load(data_copy)
    theirs = editing.update_entity(other.tables, "comune-x", {"nuts": "ITC11"})
    storage.save(
        data_copy, theirs.changed_tables(), other.fingerprint, summary=theirs.summary, actor=Actor("other", "admin")
    )
    at = _submit(at)
    assert_ok(at)
    assert SV["edit.conflict_title"] in all_text(at)
    assert "Ändrade organisation Comune di X (Ort)" in all_text(at).replace("\\", "")  # the kept edit, in words
    assert _record(data_copy, "comune-x")["city"] != "Mine"  # nothing of theirs was overwritten
    at = at.button(key="edit.pending.apply").click().run()
    assert_ok(at)
    record = _record(data_copy, "comune-x")
    assert (record["city"], record["nuts"]) == ("Mine", "ITC11")
    # single-user mode records $NETWORK_USER, else the login name: never None (issue 10)
    assert [e["who"] for e in storage.changes(data_copy)] == [access.local_identity(), "other"]


def test_a_record_deleted_by_someone_else_while_open_keeps_what_was_typed(open_edit, data_copy: Path) -> None:
    at = _choose(open_edit(), "organisation", "comune")
    _field(at, "entity.organisation.comune-x", "city").set_value("Mine")
    # meanwhile, another session deletes the organisation
    other = storage.load(data_copy)
    theirs = editing.delete_entity(other.tables, "comune-x")
    storage.save(
        data_copy, theirs.changed_tables(), other.fingerprint, summary=theirs.summary, actor=Actor("other", "admin")
    )
    at = _submit(at)
    assert_ok(at)
    said = all_text(at).replace("\\", "")
    assert SV["edit.vanished"].split("{id}")[1][:40] in said  # said, in Swedish, not silently forgotten
    [shown] = [d.value for d in at.dataframe if SV["edit.vanished_value"] in d.value.columns]
    assert dict(zip(*[shown[c].tolist() for c in shown.columns]))["Ort"] == "Mine"  # what was typed, to copy
    with pytest.raises(NotFoundError):  # and the record was not brought back
        editing.find_entity(storage.load(data_copy).tables, "comune-x")
    at = at.button(key="edit.vanished.close.organisation").click().run()
    assert SV["edit.vanished"].split("{id}")[1][:40] not in all_text(at).replace("\\", "")


@pytest.mark.slow  # > 5 s CPU
def test_relations_can_be_added_and_deleted(open_edit, data_copy: Path) -> None:
    at = open_edit()
    at.radio(key="edit.section").set_value("relation").run()
    at.text_input(key="edit.rel.entity.q").set_value("athens").run()
    at.text_input(key="edit.rel.target.q").set_value("REVES").run()
    assert_ok(at)
    form = "add.rel.athens-lab"
    at.selectbox(key=f"edit.f.{form}.relation").set_value("member_of")
    _field(at, form, "since").set_value("2021")
    at = _submit(at, SV["edit.add"])
    assert_ok(at)
    relations = storage.load(data_copy).tables["relations.csv"]
    added = relations[(relations["source"] == "athens-lab") & (relations["target"] == "reves")]
    assert added["since"].tolist() == ["2021"]
    # delete it again: choose it, confirm
    choice = at.selectbox(key="edit.rel.choice")
    choice.select_index([i for i, text in enumerate(choice.options) if "2021" in text][0]).run()
    form = "rel.athens-lab|member_of|reves|2021"
    at.checkbox(key=f"edit.rel.sure.{form}").check().run()
    at = at.button(key=f"edit.rel.del.{form}").click().run()
    assert_ok(at)
    relations = storage.load(data_copy).tables["relations.csv"]
    assert not ((relations["source"] == "athens-lab") & (relations["target"] == "reves")).any()


def test_the_table_editor_turns_cell_edits_into_checked_edits() -> None:
    from ui.pages import edit as page  # noqa: F401 - imported for grid_edits only (render needs a session)

    shown = pd.DataFrame({"id": ["a", "b"], "name": ["A", "B"], "type": ["ngo", "ngo"], "country": ["SE", "SE"]})
    state = {"edited_rows": {1: {"name": "Bee"}}, "added_rows": [{"id": "c", "name": "C"}, {}], "deleted_rows": [0]}
    edits = page.grid_edits(schema.ORGANISATIONS, shown, state)
    assert [(e.action, e.id, dict(e.values)) for e in edits] == [
        ("update", "b", {"name": "Bee"}),
        ("add", "c", {"id": "c", "name": "C"}),
        ("delete", "a", {}),
    ]
    relations = pd.DataFrame({"source": ["a"], "relation": ["member_of"], "target": ["n"], "since": [""]})
    [edit] = page.grid_edits(schema.RELATIONS_TABLE, relations, {"edited_rows": {0: {"since": "2020"}}})
    assert edit.action == "update_relation" and edit.match == {
        "source": "a",
        "relation": "member_of",
        "target": "n",
        "since": "",
    }


def test_a_deletion_lists_its_first_effects_and_how_many_more() -> None:
    """The home organisation of a real-sized directory has over a thousand relations: the delete block lists the
    first ``EFFECTS_SHOWN`` by name, in Swedish, then how many more (the confirmation says the total)."""
    from ui.pages import edit as page  # noqa: F401 - render needs a session

    effects = [
        message("effect.relation-deleted", source="comune-x", relation="partner_in", target=f"p{i}") for i in range(25)
    ]
    looked_up: list[str] = []
    lines = page.effect_lines(effects, lambda i: looked_up.append(i) or f"Name of {i}")
    assert len(lines) == page.EFFECTS_SHOWN + 1
    assert lines[0].startswith("- ") and "Name of p0" in lines[0]
    assert lines[-1] == "- " + SV["edit.delete_effects_more"].format(count=25 - page.EFFECTS_SHOWN)
    assert f"p{page.EFFECTS_SHOWN}" not in looked_up  # only the lines shown are worded
    assert len(page.effect_lines(effects[:3], str)) == 3  # no "more" line when all are shown


def test_the_table_editor_shows_the_rows_and_a_filter(open_edit, data_copy: Path) -> None:
    """AppTest cannot type into st.data_editor; ``grid_edits`` above and test_editing cover what Save does."""
    at = open_edit()
    at.radio(key="edit.section").set_value("table").run()
    assert_ok(at)
    assert len(at.data_editor[0].value) == len(storage.load(data_copy).tables["organisations.csv"])
    at.text_input(key="edit.grid.filter").set_value("örebro").run()
    assert set(at.data_editor[0].value["id"]) >= {"region-orebro", "dansresidens"}
    at = at.button(key="edit.grid.save").click().run()
    assert SV["edit.grid.nothing"] in [i.value for i in at.info]
    assert storage.changes(data_copy) == []


def test_backups_are_listed_and_one_can_be_restored_byte_for_byte(open_edit, data_copy: Path) -> None:
    original = (data_copy / "organisations.csv").read_bytes()
    snapshot = storage.load(data_copy)
    result = editing.update_entity(snapshot.tables, "comune-x", {"city": "Changed"})
    storage.save(
        data_copy, result.changed_tables(), snapshot.fingerprint, summary=result.summary, actor=Actor("kim", "admin")
    )
    at = open_edit()
    at.radio(key="edit.section").set_value("history").run()
    assert_ok(at)
    listed = pd.concat([d.value for d in at.dataframe])
    assert "Ändrade organisation Comune di X:" in listed.astype(str).to_numpy().ravel().tolist()
    restore = at.button(key="edit.history.restore")
    assert restore.disabled
    choice = at.selectbox(key="edit.history.choice").value
    at.checkbox(key=f"edit.history.sure.{choice}").check().run()
    at = at.button(key="edit.history.restore").click().run()
    assert_ok(at)
    assert (data_copy / "organisations.csv").read_bytes() == original
    assert storage.changes(data_copy)[0]["action"] == "restore"


def test_the_change_log_says_who_when_and_what_in_words(open_edit, data_copy: Path) -> None:
    """Issue 12, item 9: names instead of ids, column labels, values before and after, who saved it."""
    snapshot = storage.load(data_copy)
    result = editing.update_entity(snapshot.tables, "comune-x", {"city": "Milano", "country": "FR"})
    storage.save(
        data_copy,
        result.changed_tables(),
        snapshot.fingerprint,
        summary=result.summary,
        actor=Actor("kim@example.org", "admin"),
    )
    snapshot = storage.load(data_copy)
    tables = dict(snapshot.tables)
    relations = tables["relations.csv"]
    tables["relations.csv"] = relations[~((relations["source"] == "comune-x") & (relations["target"] == "reves"))]
    storage.save(
        data_copy, tables, snapshot.fingerprint, summary="removed a relation", actor=Actor("kim@example.org", "admin")
    )
    at = open_edit()
    at.radio(key="edit.section").set_value("history").run()
    assert_ok(at)
    text = all_text(at)
    assert escape_markdown("kim@example.org") in text and "redigering" in text and SV["history.who_unknown"] not in text
    assert (
        "Ändrade organisation [Comune di X](directory?kind=organisation&id=comune-x):\n"
        "    - Land: Italien → Frankrike\n    - Ort: X → Milano"
    ) in text
    assert (
        "Tog bort relationen [Comune di X](directory?kind=organisation&id=comune-x) — medlem i → "
        "[REVES](directory?kind=network&id=reves) (2015\\-03)"
    ) in text
    at.get_by_key("lang").set_value("en").run()
    text = all_text(at)
    assert "Changed the organisation [Comune di X](directory?kind=organisation&id=comune-x&lang=en):" in text
    assert "    - City: X → Milano" in text


def test_a_workbook_directory_is_read_only_here(
    monkeypatch: pytest.MonkeyPatch, data_copy: Path, tmp_path: Path
) -> None:
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, frame in storage.load(data_copy).tables.items():
        if (data_copy / name).exists():
            sheet = book.create_sheet(name.removesuffix(".csv"))
            sheet.append(list(frame.columns))
            for row in frame.itertuples(index=False):
                sheet.append(list(row))
    book.save(tmp_path / "book.xlsx")
    at = open_at(monkeypatch, tmp_path / "book.xlsx")
    assert_ok(at)
    assert "python -m network convert" in all_text(at)


def test_a_folder_that_is_gone_is_explained_not_called_a_workbook(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    at = open_at(monkeypatch, tmp_path / "gone")
    assert_ok(at)
    assert SV["state.source_error_title"] in all_text(at)
    assert "python -m network convert" not in all_text(at)


def test_the_directory_profile_links_to_its_form(monkeypatch: pytest.MonkeyPatch, data_copy: Path) -> None:
    at = open_at(monkeypatch, data_copy, "ui/pages/directory.py")
    at.selectbox(key="directory.id").set_value("comune-x").run()
    assert_ok(at)
    [link] = [p for p in at.get("page_link") if p.proto.label == SV["edit.open"]]
    assert "id=comune-x" in link.proto.page or link.proto.query_string == "id=comune-x"
    at.query_params["id"] = "comune-x"
    at = at.switch_page(PAGE).run()
    assert_ok(at)
    assert at.get_by_key("edit.f.entity.organisation.comune-x.city").value == "X"
