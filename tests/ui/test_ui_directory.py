"""Directory: tables per kind, search, filters, row selection opens a profile, contact details only on request."""

from __future__ import annotations

import pytest
from dashboard_helpers import all_text, assert_ok, shown_name

from ui.i18n import SV
from ui.safe_text import md_link
from ui.widgets import escape_markdown

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow


def _table(at):
    """The table with each profile link replaced by the name it shows."""
    tables = [e.value for e in at.dataframe if "name" in e.value.columns]
    assert tables, "no directory table"
    table = tables[0].copy()
    for column in ("name", "organisation", "programme"):
        if column in table:
            table[column] = table[column].map(shown_name)
    return table


@pytest.mark.smoke
def test_every_name_is_a_link_to_its_profile(open_page):
    at = open_page("directory")
    raw = next(e.value for e in at.dataframe if "name" in e.value.columns)
    assert "directory?name=Comune%20di%20X&kind=organisation&id=comune-x" in list(raw["name"])
    at.get_by_key("directory.kind").set_value("person").run()
    raw = next(e.value for e in at.dataframe if "name" in e.value.columns)
    assert "directory?name=Region%20%C3%96rebro%20l%C3%A4n&kind=organisation&id=region-orebro" in list(
        raw["organisation"]
    )


def _tick(at, kind: str, row: int):
    at.session_state[f"directory.table.{kind}"] = {"selection": {"rows": [row], "columns": [], "cells": []}}
    return at.run()


def test_the_organisations_table_shows_words_and_country_names(open_page):
    at = open_page("directory")
    assert_ok(at)
    table = _table(at)
    assert len(table) == 7
    row = table.loc[table["name"] == "Comune di X"].iloc[0]
    assert row["country"] == "Italien"
    assert row["type"] == SV["value.municipality"]
    assert row["website"] == "https://comune-x.example.org"
    assert SV["directory.rows"].format(shown=7, total=7) in all_text(at)


def test_each_kind_has_its_table(open_page):
    at = open_page("directory")
    for kind, rows in (("network", 2), ("project", 2), ("programme", 1), ("person", 2)):
        at.get_by_key("directory.kind").set_value(kind).run()
        assert_ok(at)
        assert len(_table(at)) == rows, kind
        assert at.query_params["kind"] == kind


def test_search_ignores_accents_and_finds_staff_by_organisation(open_page):
    at = open_page("directory")
    at.text_input(key="directory.q").set_value("orebro").run()
    assert sorted(_table(at)["name"]) == ["Dansresidens Örebro", "Kulturhuset Öst", "Region Örebro län"]
    at.get_by_key("directory.kind").set_value("person").run()
    assert list(_table(at)["name"]) == ["Anna Exempel"]


def test_search_tolerates_a_typo(open_page):
    at = open_page("directory")
    at.text_input(key="directory.q").set_value("Athnes Culture Lab").run()
    assert "Athens Culture Lab" in list(_table(at)["name"])


def test_type_and_country_filters(open_page):
    at = open_page("directory")
    at.multiselect(key="directory.countries").set_value(["SE"]).run()
    assert len(_table(at)) == 3
    at.multiselect(key="directory.types").set_value(["region"]).run()
    assert list(_table(at)["name"]) == ["Region Örebro län"]
    assert at.query_params["types"] == "region" and at.query_params["countries"] == "SE"


def test_ticking_a_row_opens_its_profile(open_page):
    at = open_page("directory")
    names = list(_table(at)["name"])
    at = _tick(at, "organisation", names.index("Comune di X"))
    assert_ok(at)
    assert at.subheader[0].value == "Comune di X"
    assert at.query_params["id"] == "comune-x"
    text = all_text(at)
    # the shortest ways from home, each name a link to its profile
    assert (
        "1. [Region Örebro län](directory?kind=organisation&id=region-orebro) — medlem i → "
        "[REVES](directory?kind=network&id=reves) ← medlem i — "
        "[Comune di X](directory?kind=organisation&id=comune-x)"
    ) in text
    assert escape_markdown("organisations.csv, rad 3") in text  # where to find it in Excel


def test_the_profile_selectbox_and_a_link_open_a_profile(open_page):
    at = open_page("directory", {"kind": "network", "id": "reves"})
    assert_ok(at)
    assert at.get_by_key("directory.kind").value == "network"
    assert at.subheader[0].value == "REVES"
    at.selectbox(key="directory.id").set_value("central-sweden").run()
    assert at.subheader[0].value == "Central Sweden EU office"


def test_a_bad_kind_in_a_link_is_ignored_with_a_note(open_page):
    at = open_page("directory", {"kind": "planets", "id": "nobody"})
    assert_ok(at)
    warning = "\n".join(w.value for w in at.warning)
    assert "planets" in warning and "nobody" in warning
    assert len(_table(at)) == 7


@pytest.mark.smoke
def test_contact_details_only_when_asked_for(open_page):
    at = open_page("directory", {"kind": "person", "id": "anna-exempel"})
    assert_ok(at)
    assert "email" not in _table(at).columns
    assert "anna.exempel@example.org" not in all_text(at)
    assert "Met at the inspiration day." not in all_text(at)
    assert SV["profile.contacts_hidden"] in all_text(at)
    at.toggle(key="directory.contacts").set_value(True).run()
    assert "anna.exempel@example.org" in list(_table(at)["email"])
    assert md_link("anna.exempel@example.org", email=True) in all_text(at)  # in the profile too, a mailto link
    assert "contacts" not in at.query_params  # personal data is never switched on by a link


def test_the_xss_name_shows_as_text(open_page):
    at = open_page("directory", {"id": "xss-org"})
    assert_ok(at)
    assert "<img src=x onerror=alert(1)>" in list(_table(at)["name"])
    assert not [m for m in at.markdown if m.proto.allow_html]
    link = _table(at).loc[_table(at)["name"] == "<img src=x onerror=alert(1)>", "website"].iloc[0]
    assert link == "https://example.org/a%28b%29"


def test_an_empty_kind_says_what_to_do(open_page, data_copy):
    (data_copy / "programmes.csv").write_text("id,name,family\n", encoding="utf-8")
    projects = data_copy / "projects.csv"
    projects.write_text(projects.read_text(encoding="utf-8").replace("creative-europe-small", ""), encoding="utf-8")
    at = open_page("directory", {"kind": "programme"}, data=data_copy)
    assert_ok(at)
    assert escape_markdown("programmes.csv") in "\n".join(i.value for i in at.info)


def _generated(folder, orgs: int):
    """A valid generated directory (bench/generate.py) with ``orgs`` organisations."""
    import importlib.util
    from pathlib import Path

    path = Path(__file__).resolve().parents[2] / "bench" / "generate.py"
    spec = importlib.util.spec_from_file_location("bench_generate", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    module.generate(folder, orgs, 20, 20, 2 * orgs)
    return folder


def test_a_long_table_is_shown_in_pages_and_the_profile_list_follows_the_page(open_page, tmp_path):
    from ui.pages.directory import PAGE_ROWS

    at = open_page("directory", data=_generated(tmp_path / "big", PAGE_ROWS + 300))
    assert_ok(at)
    first = _table(at)
    assert len(first) == PAGE_ROWS
    assert SV["directory.rows_page"].format(first=1, last=PAGE_ROWS, shown=PAGE_ROWS + 300) in all_text(at)
    assert len(at.selectbox(key="directory.id").options) == PAGE_ROWS
    at.number_input(key="directory.page.organisation").set_value(2).run()
    assert_ok(at)
    second = _table(at)
    assert len(second) == 300
    assert not set(second["name"]) & set(first["name"])
    assert SV["directory.rows_page"].format(
        first=PAGE_ROWS + 1, last=PAGE_ROWS + 300, shown=PAGE_ROWS + 300
    ) in all_text(at)
    at.text_input(key="directory.q").set_value(second["name"].iloc[0]).run()  # a search fits in one page
    assert_ok(at)
    assert len(_table(at)) < PAGE_ROWS
    assert not [w for w in at.number_input if w.key == "directory.page.organisation"]  # no page control


@pytest.mark.parametrize("kind", ["organisation", "network", "project", "programme", "person"])
def test_a_page_of_rows_is_shown_as_the_whole_table_shows_it(kind: str):
    """The Katalog builds only the rows of the page it shows (and the whole selection only for a download): the
    same cells, in the order asked for, as the whole table's rows."""
    from dashboard_helpers import FIXTURE

    from network import load_directory
    from ui.pages.directory import display_frame

    directory = load_directory(FIXTURE)
    ids = directory.tables[kind]["id"].tolist()
    some = ids[::-2]  # every other row, backwards
    assert some
    for contacts in (False, True):
        whole = display_frame(directory, kind, contacts)
        assert list(whole.index) == ids
        page = display_frame(directory, kind, contacts, some)
        assert list(page.index) == some and list(page.columns) == list(whole.columns)
        # the same cells; an empty one may be None or NaN (pandas infers a text column only if a row has text)
        assert _cells(page) == _cells(whole.loc[some])


def _cells(frame) -> list[list]:
    return [[None if not isinstance(v, list) and v != v or v is None else v for v in row] for row in frame.values]
