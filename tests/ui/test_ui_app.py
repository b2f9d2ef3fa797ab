"""The dashboard frame: navigation, the language switch, loading, and data that cannot be read."""

from __future__ import annotations

from pathlib import Path

import pytest

from dashboard_helpers import FIXTURE, PAGE_FILES, ROOT, all_text, assert_ok

from ui import app
from ui.i18n import EN, SV

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow


@pytest.mark.smoke
def test_every_page_runs_on_the_fixture(open_page):
    for page in PAGE_FILES:
        at = open_page(page)
        assert_ok(at)
        assert at.title[0].value == SV[f"{page}.title"]


@pytest.mark.slow  # every page on the sample data: > 5 s CPU
def test_every_page_runs_on_the_sample_data(open_page):
    for page in PAGE_FILES:
        at = open_page(page, data=ROOT / "data")
        assert_ok(at)
        assert not at.error, [e.value for e in at.error]


def test_the_language_switch_changes_the_labels(open_page):
    at = open_page("overview")
    assert at.title[0].value == SV["overview.title"]
    assert at.get_by_key("lang").value == "sv"
    at.get_by_key("lang").set_value("en").run()
    assert_ok(at)
    assert at.title[0].value == EN["overview.title"]
    assert [m.label for m in at.metric][0] == EN["kinds.organisation"]
    assert at.query_params["lang"] == "en"


def test_the_language_comes_from_the_link_and_a_bad_one_is_reported(open_page):
    at = open_page("overview", {"lang": "en"})
    assert at.title[0].value == EN["overview.title"]
    at = open_page("overview", {"lang": "xx"})
    assert at.title[0].value == SV["overview.title"]
    assert "xx" in all_text(at)


def test_a_missing_folder_shows_what_to_do_instead_of_a_traceback(open_page, tmp_path: Path):
    at = open_page("overview", data=tmp_path / "nowhere")
    assert_ok(at)
    text = all_text(at)
    assert SV["state.source_error_title"] in text
    assert "NETWORK_DATA" in text


def test_a_csv_saved_again_is_picked_up_on_the_next_rerun(open_page, data_copy: Path):
    at = open_page("overview", data=data_copy)
    assert [m.value for m in at.metric][0] == "7"
    organisations = data_copy / "organisations.csv"
    organisations.write_text(
        organisations.read_text(encoding="utf-8") + "new-org,Ny förening,association,SE,Örebro,,,,,,,\n",
        encoding="utf-8",
    )
    at.run()
    assert [m.value for m in at.metric][0] == "8"


def test_pages_are_registered_in_one_list_and_a_missing_file_is_skipped(monkeypatch, open_page):
    names = [spec.name for spec in app.PAGES]
    assert names[:4] == ["overview", "explore", "directory", "connections"]
    assert all((ROOT / app.page_file(spec)).is_file() for spec in app.PAGES)
    monkeypatch.setattr(app, "PAGES", [*app.PAGES, app.PageSpec("not-written-yet", ":material/help:")])
    assert app.page_file(app.PAGES[-1]) == "ui/pages/not-written-yet.py"
    at = open_page("overview")
    assert_ok(at)
    assert at.title[0].value == SV["overview.title"]


def test_no_element_renders_raw_html(open_page):
    for page in PAGE_FILES:
        at = open_page(page, {"id": "xss-org", "kind": "organisation", "focus": "xss-org", "to": "xss-org"})
        assert_ok(at)
        assert not [m for m in at.markdown if m.proto.allow_html], page
        assert "<img src=x onerror=alert(1)>" not in "".join(m.value for m in at.markdown)


@pytest.mark.smoke
def test_fixture_is_there():
    assert (FIXTURE / "organisations.csv").is_file()


def test_a_page_is_as_it_was_left_after_visiting_another(open_page):
    at = open_page("explore")
    at.segmented_control(key="explore.radius").set_value(2).run()
    at.switch_page(PAGE_FILES["directory"]).run()
    at.get_by_key("directory.kind").set_value("network").run()
    at.query_params.clear()  # following a menu link drops the other page's parameters
    at.switch_page(PAGE_FILES["explore"]).run()
    assert_ok(at)
    assert at.segmented_control(key="explore.radius").value == 2
    assert at.query_params["radius"] == "2"
    at.switch_page(PAGE_FILES["directory"]).run()
    assert at.get_by_key("directory.kind").value == "network"


def test_without_a_home_organisation_the_pages_say_what_to_do(open_page, data_copy: Path):
    (data_copy / "directory.toml").write_text('name = "Utan hem"\n', encoding="utf-8")
    at = open_page("overview", data=data_copy)
    assert_ok(at)
    assert SV["overview.no_home"] in [i.value for i in at.info]
    at = open_page("explore", data=data_copy)
    assert_ok(at)
    assert SV["explore.pick_focus"] in [i.value for i in at.info]
    at.text_input(key="explore.focus.q").set_value("reves").run()
    assert at.subheader[0].value == "REVES"


def test_a_refused_cache_folder_is_explained_once_in_the_chosen_language(open_page, monkeypatch, tmp_path: Path):
    """A cache folder others can write (issue 10, item 2): said once per session, in Swedish or English, with the
    fix; the data still loads; nothing is written there."""
    shared = tmp_path / "shared"
    shared.mkdir()
    shared.chmod(0o777)
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(shared))
    swedish = SV["state.cache_refused.writable-by-others"].split("{")[0]
    at = open_page("overview")
    assert_ok(at)
    assert [w.value for w in at.warning if swedish in w.value and "chmod 700" in w.value]
    assert [m.value for m in at.metric][0] == "7"  # loaded all the same
    at.run()
    assert_ok(at)
    assert not [w.value for w in at.warning if swedish in w.value]  # once per session
    english = EN["state.cache_refused.writable-by-others"].split("{")[0]
    at = open_page("overview", {"lang": "en"})
    assert [w.value for w in at.warning if english in w.value and "NETWORK\\_CACHE\\_DIR" in w.value]
    assert list(shared.iterdir()) == []
