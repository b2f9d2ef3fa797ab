"""The Partners page (AppTest): the rule and its source, ranked suggestions with reasons in both languages, the
consortium builder with the live check, links that open the same view, and saving the consortium as a project."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from dashboard_helpers import ROOT, TIMEOUT, all_text, assert_ok
from partners_data import FILES, write

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

PAGE = "ui/pages/partners.py"


@pytest.fixture
def data(tmp_path: Path) -> Path:
    return write(tmp_path / "data")


@pytest.fixture
def open_partners(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(tmp_path / "cache"))

    def open_(data: Path, params: dict[str, str] | None = None) -> AppTest:
        monkeypatch.setenv("NETWORK_DATA", str(data))
        at = AppTest.from_file(str(ROOT / "network_app.py"), default_timeout=TIMEOUT)
        if params and "lang" in params:
            at.query_params["lang"] = params["lang"]  # the language is taken from the link on the first run
        at.run()
        at.query_params.clear()
        at.query_params.update(params or {})
        return at.switch_page(PAGE).run()

    return open_


@pytest.mark.smoke
def test_swedish_page_shows_the_rule_its_source_and_explained_suggestions(open_partners, data: Path) -> None:
    at = open_partners(data, {"programme": "ce-small", "themes": "dance"})
    assert_ok(at)
    text = all_text(at)
    assert "Partner till en ansökan" in text
    assert "CREA\\-CULT\\-2025\\-COOP\\-1" in text, "the call the rule was read from"
    assert "https://culture.ec.europa.eu/calls" in text, "the source"
    assert "den officiella utlysningstexten gäller" in text
    assert "Via Anna Exempel, som känner Pedro Ruiz \\(Director\\) där\\." in text
    assert "Partner i ett tidigare Creative Europe\\-projekt\\: DB\\." in text
    assert "**1. Danshuset Oslo**" in text


def test_english_page_and_the_check_of_a_consortium_from_the_link(open_partners, data: Path) -> None:
    at = open_partners(
        data,
        {
            "lang": "en",
            "programme": "ce-small",
            "section": "consortium",
            "members": "region-orebro:coordinator,teatro-sur,danshuset-oslo",
        },
    )
    assert_ok(at)
    text = all_text(at)
    assert "3 of 3 countries \\(Norway, Spain, Sweden\\)\\." in text
    assert [s.value for s in at.success][0].startswith("The consortium meets every requirement")
    table = [frame for frame in (d.value for d in at.dataframe) if "How we know them" in frame.columns][0]
    assert table.loc["teatro-sur", "How we know them"] == "Via Anna Exempel, who knows Pedro Ruiz (Director) there."
    assert table["Counts"].tolist() == ["yes", "yes", "yes"]


def test_adding_a_suggestion_updates_the_check(open_partners, data: Path) -> None:
    at = open_partners(
        data,
        {"lang": "en", "programme": "ce-small", "themes": "dance", "members": "region-orebro:coordinator,teatro-sur"},
    )
    assert "Members in the consortium: 2." in all_text(at)
    at.button(key="partners.found.add.danshuset-oslo").click().run()
    assert_ok(at)
    assert "Members in the consortium: 3." in all_text(at)
    at.radio(key="partners.section").set_value("consortium").run()
    assert_ok(at)
    assert "3 of 3 countries \\(Norway, Spain, Sweden\\)\\." in all_text(at)
    assert at.query_params["members"] == "region-orebro:coordinator,teatro-sur:partner,danshuset-oslo:partner"


def test_associated_partners_do_not_count_and_roles_can_change(open_partners, data: Path) -> None:
    at = open_partners(
        data,
        {
            "lang": "en",
            "programme": "ce-small",
            "section": "consortium",
            "members": "region-orebro:coordinator,teatro-sur,danshuset-oslo:associated",
        },
    )
    assert "2 of 3 partners that count \\(coordinator and partner\\)\\." in all_text(at)
    assert at.error, "not eligible"
    at.selectbox(key="partners.role.danshuset-oslo").set_value("partner").run()
    assert_ok(at)
    assert "3 of 3 partners that count" in all_text(at)
    at.button(key="partners.remove.teatro-sur").click().run()
    assert "2 of 3 partners that count" in all_text(at)


def test_a_suggestion_button_under_an_unmet_rule_adds_the_organisation(open_partners, data: Path) -> None:
    at = open_partners(
        data,
        {
            "lang": "en",
            "programme": "interreg-europe",
            "section": "consortium",
            "members": "teatro-sur:coordinator,region-orebro,kultur-wien",
        },
    )
    assert "The coordinator must be a region, municipality or public body\\: Teatro del Sur is an NGO\\." in all_text(
        at
    )
    at.button(key="partners.suggest.coordinator-type.comune-x").click().run()
    assert_ok(at)
    assert "comune-x:coordinator" in at.query_params["members"]
    assert "teatro-sur:partner" in at.query_params["members"], "the old coordinator becomes a partner"


def test_weights_change_the_ranking(open_partners, data: Path) -> None:
    at = open_partners(data, {"lang": "en", "programme": "ce-small", "themes": "dance"})
    first = [m.value for m in at.markdown if m.value.startswith("**1. ")][0]
    assert "Danshuset Oslo" in first
    for part in ("theme", "programme", "networks", "recency", "new_country"):
        at.slider(key=f"partners.weight.{part}").set_value(0.0)
    at.run()
    first = [m.value for m in at.markdown if m.value.startswith("**1. ")][0]
    assert "Ljubljana Lab" in first, "with only reach counting, the directly linked one comes first"


def test_bad_link_values_are_reported_not_fatal(open_partners, data: Path) -> None:
    at = open_partners(
        data, {"lang": "en", "programme": "ce-small", "section": "consortium", "members": "teatro-sur,nobody:partner"}
    )
    assert_ok(at)
    assert any("nobody" in w.value for w in at.warning)
    assert "Teatro del Sur" in all_text(at)


def test_save_the_consortium_as_a_project(open_partners, data: Path) -> None:
    at = open_partners(
        data,
        {
            "lang": "en",
            "programme": "ce-small",
            "section": "consortium",
            "members": "region-orebro:coordinator,teatro-sur,danshuset-oslo",
        },
    )
    at.text_input(key="partners.save_name").input("Moving Borders")
    at.button(key="partners.save_submit").click().run()
    assert_ok(at)
    assert any("Saved as project moving\\-borders" in s.value for s in at.success)  # escaped: Markdown
    projects = (data / "projects.csv").read_text(encoding="utf-8")
    assert "moving-borders,Moving Borders,,ce-small,in-preparation" in projects
    assert "teatro-sur,partner_in,moving-borders,partner" in (data / "relations.csv").read_text(encoding="utf-8")


def test_without_rules_the_page_says_what_to_do(open_partners, tmp_path: Path) -> None:
    files = {k: v for k, v in FILES.items() if k not in ("programmes.csv", "projects.csv")}
    at = open_partners(write(tmp_path / "norules", files), {"lang": "en"})
    assert_ok(at)
    assert any("No programme in the data has a consortium rule yet" in i.value for i in at.info)


def test_user_text_is_escaped(open_partners, tmp_path: Path) -> None:
    files = dict(FILES)
    files["organisations.csv"] += "evil,<img src=x onerror=alert(1)> **bold**,ngo,SE,X,2000,dance,\n"
    at = open_partners(
        write(tmp_path / "evil", files),
        {"lang": "en", "programme": "ce-small", "themes": "dance", "flag": "1", "top": "50"},
    )
    assert_ok(at)
    shown = [m.value for m in at.markdown if "img" in m.value]
    assert shown and all("\\<img" in v and "\\*\\*bold\\*\\*" in v for v in shown)


def test_pages_beyond_the_first_and_the_new_filters_from_the_link(open_partners, data: Path) -> None:
    """Paging: the count of all that match and a page control; the NUTS, experience and period filters."""
    at = open_partners(data, {"lang": "en", "programme": "ce-small", "themes": "dance", "top": "2", "page": "2"})
    assert_ok(at)
    text = all_text(at)
    assert "Showing 3–4 of" in text
    assert "**3. " in text and "**1. " not in text
    assert any(n.label == "Page" and n.value == 2 for n in at.number_input)
    at = open_partners(data, {"lang": "en", "programme": "ce-small", "themes": "dance", "exp": "1"})
    assert_ok(at)
    text = all_text(at)
    assert "Showing 1–2 of 2 that match" in text  # Danshuset Oslo and Tanz Berlin were in Dance Bridges
    at = open_partners(
        data, {"programme": "ce-small", "themes": "dance", "period": "1", "since": "2025", "until": "2026"}
    )
    assert_ok(at)
    assert "Ingen organisation matchar" in all_text(at)
