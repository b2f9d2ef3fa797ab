"""The Import page (AppTest): upload, columns guessed from the headers, preview, import; mapping files; limits."""

from __future__ import annotations

from pathlib import Path

import pytest
from dashboard_helpers import ROOT, TIMEOUT, all_text, assert_ok
from streamlit.testing.v1 import AppTest

from core_helpers import EDITOR
from network import editing, storage
from ui.i18n import SV

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

PAGE = "ui/pages/import_page.py"
SOURCE = (
    "Programme;Acronym;Project Partner;Lead Partner;Town;Country code;Legal Status\n"
    "Interreg Europe;DANCE;Region Örebro län;Yes;Örebro;SE Sweden / SVERIGE;public\n"
    "Interreg Europe;DANCE;Teatro Nuovo;No;Torino;IT Italy / ITALIA;private\n"
    "Interreg Europe;DANCE;;No;X;DE;public\n"
).encode("utf-8")


@pytest.fixture
def open_import(monkeypatch: pytest.MonkeyPatch, data_copy: Path):
    def open_() -> AppTest:
        monkeypatch.setenv("NETWORK_DATA", str(data_copy))
        at = AppTest.from_file(str(ROOT / "network_app.py"), default_timeout=TIMEOUT)
        at.run()
        return at.switch_page(PAGE).run()

    return open_


def _upload(at: AppTest, name: str = "partners.csv", data: bytes = SOURCE) -> AppTest:
    return at.file_uploader(key="import.file").set_value((name, data, "text/csv")).run()


def test_the_page_says_what_to_do_before_an_upload(open_import) -> None:
    at = open_import()
    assert_ok(at)
    assert at.title[0].value == SV["page.import"]
    assert SV["import.empty"] in [i.value for i in at.info]


@pytest.mark.smoke
def test_columns_are_guessed_previewed_and_imported(open_import, data_copy: Path) -> None:
    at = _upload(open_import())
    assert_ok(at)
    assert at.selectbox(key="import.f.project.organisation.name").value == "Project Partner"
    assert at.selectbox(key="import.f.project.organisation.country").value == "Country code"
    assert at.multiselect(key="import.f.project.group.key").value == ["Programme", "Acronym"]
    assert "Yes = coordinator" in at.text_area(key="import.f.project.role_map").value
    before = storage.fingerprint(data_copy)
    at = at.button(key="import.preview").click().run()
    assert_ok(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[SV["import.metric.rows"]] == "3" and metrics[SV["import.metric.skipped"]] == "1"
    assert metrics[SV["import.metric.orgs_new"]] == "1" and metrics[SV["import.metric.orgs_matched"]] == "1"
    assert storage.fingerprint(data_copy) == before  # a preview writes nothing
    skipped = [d.value for d in at.dataframe if SV["import.col.reason"] in d.value.columns][0]
    assert skipped[SV["import.col.row"]].tolist() == [4]
    at = at.button(key="import.commit").click().run()
    assert_ok(at)
    assert any("Importerat" in s.value for s in at.success)
    tables = storage.load(data_copy).tables
    relations = tables["relations.csv"]
    assert ((relations["source"] == "region-orebro") & (relations["role"] == "coordinator")).any()
    assert storage.changes(data_copy)[0]["action"] == "import"


def test_a_second_import_of_the_same_file_has_nothing_to_do(open_import, data_copy: Path) -> None:
    at = _upload(open_import())
    at = at.button(key="import.preview").click().run()
    at = at.button(key="import.commit").click().run()
    at = at.button(key="import.preview").click().run()
    assert_ok(at)
    assert SV["import.nothing"] in [s.value for s in at.success]
    assert len(storage.changes(data_copy)) == 1


def test_an_import_is_refused_if_someone_saved_after_the_preview(open_import, data_copy: Path) -> None:
    at = _upload(open_import())
    at = at.button(key="import.preview").click().run()
    snapshot = storage.load(data_copy)
    edit = editing.update_entity(snapshot.tables, "reves", {"scope": "nordic"})
    storage.save(data_copy, edit.changed_tables(), snapshot.fingerprint, summary=edit.summary, actor=EDITOR)
    at = at.button(key="import.commit").click().run()
    assert_ok(at)
    assert SV["import.conflict"] in [e.value for e in at.error]
    assert len(storage.changes(data_copy)) == 1


def test_a_bad_mapping_file_gives_a_message_not_a_traceback(open_import) -> None:
    at = _upload(open_import())
    at.radio(key="import.mode").set_value("file").run()
    bad = b'[organisation]\nnmae = "Project Partner"\n'
    at = at.file_uploader(key="import.mapping_file").set_value(("m.toml", bad, "application/toml")).run()
    assert_ok(at)
    shown = [e.value.replace("\\", "") for e in at.error]  # in Swedish, as the page speaks; no Markdown escapes
    assert any("har ingen nyckel 'nmae'" in e and "Menade du 'name'" in e for e in shown), shown


def test_a_ready_made_mapping_can_be_used(open_import) -> None:
    at = _upload(open_import())
    at.radio(key="import.mode").set_value("shipped").run()
    at.selectbox(key="import.shipped").set_value("keep-interreg-partners.toml").run()
    assert_ok(at)
    error = " ".join(e.value for e in at.error)
    assert "Country" in error or not error  # the small file lacks some keep.eu columns: said, not crashed


def test_an_upload_over_the_limit_is_refused(open_import, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NETWORK_MAX_UPLOAD_MB", "0.0001")
    at = _upload(open_import())
    assert_ok(at)
    assert any("python -m network import" in e.value for e in at.error)
    assert not at.button


def test_an_unreadable_workbook_is_reported(open_import) -> None:
    at = _upload(open_import(), "list.xlsx", b"not a workbook")
    assert_ok(at)
    assert at.error and "Traceback" not in all_text(at)


TYPED = (
    "Network;Member;Country;Type;Status\n"
    "REVES;Tartu linn;Eesti;Municipal Authority;Member\n"
    "REVES;Club Deportivo;España;Sports club;Former Member\n"
).encode("utf-8")


def test_the_preview_counts_filled_fields_and_lists_unknown_types(open_import, data_copy: Path) -> None:
    at = _upload(open_import(), "members.csv", TYPED)
    at = at.radio(key="import.kind").set_value("network").run()
    assert at.selectbox(key="import.f.network.relation.ended").value == "Status"
    at = at.selectbox(key="import.f.network.organisation.type").set_value("Type").run()
    at = at.button(key="import.preview").click().run()
    assert_ok(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[SV["import.metric.unmapped"]] == "1" and metrics[SV["import.metric.filled"]] == "0"
    unknown = [d.value for d in at.dataframe if SV["import.col.count"] in d.value.columns][0]
    assert unknown[SV["import.col.value"]].tolist() == ["Sports club"]
    at = at.button(key="import.commit").click().run()
    assert_ok(at)
    orgs = storage.load(data_copy).tables["organisations.csv"].set_index("name")
    assert orgs.loc["Tartu linn", ["type", "source_type", "country"]].tolist() == [
        "municipality",
        "Municipal Authority",
        "EE",
    ]
    assert orgs.loc["Club Deportivo", ["type", "source_type"]].tolist() == ["other", "Sports club"]
    relations = storage.load(data_copy).tables["relations.csv"]
    ended = relations[relations["source"] == orgs.loc["Club Deportivo", "id"]]
    assert ended["until"].tolist() != [""]


@pytest.mark.slow  # > 5 s CPU
def test_fill_in_existing_rows_is_a_checkbox_and_changes_the_preview(open_import, data_copy: Path) -> None:
    source = "Network;Member;Country;City\nREVES;Tartu linn;EE;\n".encode("utf-8")
    at = _upload(open_import(), "members.csv", source)
    at = at.radio(key="import.kind").set_value("network").run()
    at = at.button(key="import.preview").click().run()
    at = at.button(key="import.commit").click().run()
    at = _upload(at, "members2.csv", "Network;Member;Country;City\nREVES;Tartu linn;EE;Tartu\n".encode("utf-8"))
    at = at.radio(key="import.kind").set_value("network").run()
    at = at.button(key="import.preview").click().run()
    assert_ok(at)
    assert {m.label: m.value for m in at.metric}[SV["import.metric.filled"]] == "1"
    assert any(SV["import.could_fill"].split("{")[0] in i.value for i in at.info)
    at = at.checkbox(key="import.update").check().run()
    at = at.button(key="import.preview").click().run()
    assert {m.label: m.value for m in at.metric}[SV["import.metric.updated"]] == "1"
    at = at.button(key="import.commit").click().run()
    assert_ok(at)
    orgs = storage.load(data_copy).tables["organisations.csv"].set_index("name")
    assert orgs.loc["Tartu linn", "city"] == "Tartu"


MATCH_SOURCE = (
    "Programme;Acronym;Project Partner;Lead Partner;Town;Country code;Legal Status\n"
    "Interreg Europe;DANCE;REGION OREBRO COUNTY;Yes;Örebro;SE;public\n"
    "Interreg Europe;DANCE;Athens Cultural Lab;No;Athens;GR;public\n"
).encode("utf-8")


def test_matching_takes_sure_matches_and_lists_the_rest_with_reasons_in_swedish(open_import, data_copy: Path) -> None:
    at = _upload(open_import(), data=MATCH_SOURCE)
    assert at.selectbox(key="import.match").value == "auto"
    at = at.button(key="import.preview").click().run()
    assert_ok(at)
    metrics = {m.label: m.value for m in at.metric}
    assert metrics[SV["import.metric.auto_matched"]] == "1"
    table = [d.value for d in at.dataframe if SV["import.col.taken"] in d.value.columns][0]
    rows = dict(zip(table[SV["import.col.id"]], table[SV["import.col.taken"]]))
    assert rows == {"region-orebro": True, "athens-lab": False}
    why = " ".join(table[SV["import.col.why"]])
    assert why and "same name" not in why and "similar names" not in why  # the reasons are in Swedish
    at = at.selectbox(key="import.match").set_value("off").run()
    at = at.button(key="import.preview").click().run()
    metrics = {m.label: m.value for m in at.metric}
    assert SV["import.metric.auto_matched"] not in metrics and metrics[SV["import.metric.orgs_new"]] == "2"
