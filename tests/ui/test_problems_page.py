"""Data problems on every page (issue 12 item 6): a banner names the errors and what they leave out and links to
the Data problems page, which lists each dropped row with why and what it took along."""

from __future__ import annotations

from pathlib import Path

import pytest
from dashboard_helpers import ROOT, TIMEOUT, all_text, assert_ok, frame_with, graph_data, graph_event
from streamlit.testing.v1 import AppTest

from ui.app import PAGES, page_file
from ui.i18n import EN, SV

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

DUPLICATE_NAME = "**Dubblett** <b>x</b> [länk](https://evil.example)"


@pytest.fixture
def broken(data_copy: Path) -> Path:
    """The fixture with a bad date on the project Dance Bridges (3 relations name it) and a duplicate row whose name
    is Markdown and HTML."""
    projects = data_copy / "projects.csv"
    text = projects.read_text("utf-8")
    assert "2023-09-01,2026-08-31" in text
    projects.write_text(text.replace("2023-09-01,2026-08-31", "2023-13-45,2026-08-31"), "utf-8")
    organisations = data_copy / "organisations.csv"
    with organisations.open("a", encoding="utf-8") as handle:
        handle.write(f'comune-x,"{DUPLICATE_NAME}",municipality,IT,X,,,,,,,\n')
    return data_copy


def _open(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data: Path, page: str | None = None, lang: str = "sv"
) -> AppTest:
    monkeypatch.setenv("NETWORK_DATA", str(data))
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(tmp_path / "cache"))
    at = AppTest.from_file(str(ROOT / "network_app.py"), default_timeout=TIMEOUT)
    at.query_params["lang"] = lang
    at.run()
    if page is not None:
        at.switch_page(page).run()
    return at


def _banner(at: AppTest) -> list[str]:
    return [e.value for e in at.error if SV["problems.show"] not in e.value]


def _links(at: AppTest) -> list[str]:
    return [p.proto.label for p in at.get("page_link")]


def test_every_page_shows_the_banner_with_a_link(monkeypatch, tmp_path, broken) -> None:
    expected = "5 fel: 1 organisation, 1 projekt och 4 relationer visas inte."
    for spec in PAGES:
        at = _open(monkeypatch, tmp_path, broken, page_file(spec))
        assert_ok(at)
        if spec.name == "explore":  # its landing sends the graph alone; the frame comes once the graph is drawn
            assert expected not in [e.value for e in at.error]
            at = graph_event(at, "drawn", graph_data(at)["version"])
            assert_ok(at)
        assert expected in [e.value for e in at.error], (spec.name, [e.value for e in at.error])
        if spec.name == "problems":
            assert SV["problems.show"] not in _links(at)  # the list does not link to itself
        else:
            assert SV["problems.show"] in _links(at), spec.name


def test_the_banner_is_in_english_too(monkeypatch, tmp_path, broken) -> None:
    at = _open(monkeypatch, tmp_path, broken, lang="en")
    assert "5 errors: 1 organisation, 1 project and 4 relations are not shown." in [e.value for e in at.error]
    assert EN["problems.show"] in _links(at)


def test_no_banner_when_the_data_has_no_errors(monkeypatch, tmp_path, data_copy) -> None:
    at = _open(monkeypatch, tmp_path, data_copy)
    assert_ok(at)
    assert not at.error and SV["problems.show"] not in _links(at)


@pytest.mark.smoke
def test_the_page_lists_each_dropped_row_with_what_it_took(monkeypatch, tmp_path, broken) -> None:
    at = _open(monkeypatch, tmp_path, broken, "ui/pages/problems.py")
    assert_ok(at)
    roots = frame_with(at, SV["problems.col.took"])
    where = roots[SV["problems.col.where"]].tolist()
    assert where == ["organisations.csv:9", "projects.csv:2"]
    project = roots.iloc[1]
    assert project[SV["problems.col.name"]] == "Dance Bridges"
    assert project[SV["problems.col.kind"]] == SV["kind.project"]
    assert "2023-13-45" in project[SV["problems.col.why"]] and SV["problem.bad-date"] in project[SV["problems.col.why"]]
    took = project[SV["problems.col.took"]]
    assert took.startswith("4 relationer:") and "relations.csv:5:target" in took and "projects.csv:2:programme" in took
    duplicate = roots.iloc[0]
    assert duplicate[SV["problems.col.name"]] == DUPLICATE_NAME  # shown as written, in a table cell
    assert duplicate[SV["problems.col.took"]] == SV["problems.took_nothing"]
    dependents = frame_with(at, SV["problems.col.because"])
    assert sorted(dependents[SV["problems.col.where"]]) == ["relations.csv:5", "relations.csv:6", "relations.csv:7"]
    assert set(dependents[SV["problems.col.because"]]) == {"projects.csv:2"}


def test_values_from_the_data_are_never_markdown(monkeypatch, tmp_path, broken) -> None:
    at = _open(monkeypatch, tmp_path, broken, "ui/pages/problems.py")
    text = all_text(at)
    assert "**Dubblett**" not in text and "<b>x</b>" not in text  # only in table cells, which are plain text
    assert "[länk](https://evil.example)" not in text


def test_the_sidebar_points_to_the_page(monkeypatch, tmp_path, broken) -> None:
    at = _open(monkeypatch, tmp_path, broken)
    assert any(SV["page.problems"] in c.value for c in at.sidebar.caption)
