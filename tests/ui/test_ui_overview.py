"""Overview: counts, our networks, data health (with bad data), recently checked and stale rows."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pandas as pd
import pytest
from dashboard_helpers import FIXTURE, all_text, assert_ok, frame_with, frames, open_every_section

from network import load_directory
from network.queries import stats
from ui import overview_tables
from ui.i18n import EN, SV, escape_markdown
from ui.pages.overview import home_networks, verified_tables

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow


def _metrics(at) -> dict[str, str]:
    return {m.label: m.value for m in at.metric}


@pytest.mark.smoke
def test_counts_by_kind(open_page):
    at = open_page("overview")
    assert_ok(at)
    metrics = _metrics(at)
    assert metrics[SV["kinds.organisation"]] == "7"
    assert metrics[SV["kinds.network"]] == "2"
    assert metrics[SV["kinds.person"]] == "2"
    assert metrics[SV["overview.relations"]] == "15"


def test_the_networks_we_belong_to(open_page):
    at = open_page("overview")
    table = frame_with(at, SV["kind.network"])
    assert sorted(table[SV["kind.network"]]) == ["Central Sweden EU office", "REVES"]
    row = list(table[SV["kind.network"]]).index("REVES")
    assert table.attrs["links"][(row, SV["kind.network"])] == "directory?kind=network&id=reves"  # its profile
    assert set(table[SV["overview.relation"]]) == {SV["rel.member_of"]}


def test_networks_through_units_and_staff(data_copy: Path):
    people = data_copy / "people.csv"
    people.write_text(
        people.read_text(encoding="utf-8").replace(
            "anna-exempel,Anna Exempel,region-orebro", "anna-exempel,Anna Exempel,region-orebro"
        ),
        encoding="utf-8",
    )
    relations = data_copy / "relations.csv"
    relations.write_text(
        relations.read_text(encoding="utf-8")
        + "anna-exempel,represents,central-sweden,,,,,,\n"
        + "kulturhuset,part_of,region-orebro,,,,,,\n"
        + "kulturhuset,member_of,reves,,,,,,\n",
        encoding="utf-8",
    )
    directory = load_directory(data_copy)
    rows = {(r["id"], r["relation"]): r["via"] for r in home_networks(directory)}
    assert rows[("reves", "member_of")] == ""  # direct membership wins over the unit's
    assert rows[("central-sweden", "represents")] == "Anna Exempel"


def test_counts_and_tables_follow_the_language(open_page):
    at = open_page("overview")
    at.get_by_key("lang").set_value("en").run()
    assert _metrics(at)[EN["kinds.organisation"]] == "7"
    table = frame_with(at, EN["kind.network"])
    assert set(table[EN["overview.relation"]]) == {EN["rel.member_of"]}


def test_data_health_lists_every_problem_with_file_row_and_column(open_page, data_copy: Path):
    organisations = data_copy / "organisations.csv"
    organisations.write_text(
        organisations.read_text(encoding="utf-8")
        + "broken,Trasig förening,association,Sverige,Örebro,,,,,,,2025-01-01\n"
        + "broken-date,Fel datum,association,SE,Örebro,,,,,,,2025-31-01\n",
        encoding="utf-8",
    )
    at = open_page("overview", data=data_copy)
    assert_ok(at)
    text = all_text(at)
    assert SV["overview.health_summary"].format(errors=2, warnings=0).split(" (")[0] in text
    assert _metrics(at)[SV["kinds.organisation"]] == "7"  # every valid row still loads
    problems = [f for f in frames(at) if SV["overview.where"] in f.columns]
    where = set().union(*(set(f[SV["overview.where"]]) for f in problems))
    assert "organisations.csv:9:country" in where
    assert "organisations.csv:10:verified" in where
    headings = [e.label for e in at.expander]
    assert any(SV["problem.bad-country"] in h for h in headings)


def test_grouping_by_file_and_from_the_link(open_page, data_copy: Path):
    relations = data_copy / "relations.csv"
    relations.write_text(
        relations.read_text(encoding="utf-8") + "region-orebro,member_of,nobody,,,,,,\n", encoding="utf-8"
    )
    at = open_page("overview", data=data_copy)
    assert any(SV["problem.unknown-id"] in e.label for e in at.expander)
    at.get_by_key("overview.group").set_value("file").run()
    assert any(e.label.startswith(escape_markdown("relations.csv")) for e in at.expander)
    assert at.query_params["group"] == "file"
    at = open_page("overview", {"group": "file"}, data=data_copy)
    assert any(e.label.startswith(escape_markdown("relations.csv")) for e in at.expander)
    at = open_page("overview", {"group": "everything"}, data=data_copy)
    assert "everything" in all_text(at)
    assert any(SV["problem.unknown-id"] in e.label for e in at.expander)


def test_recent_and_stale_rows(data_copy: Path):
    directory = load_directory(data_copy)
    recent, stale, never = verified_tables(directory, today=dt.date(2025, 6, 1))
    assert recent[SV["overview.verified_col"]].iloc[0] == "2025-04-01"
    assert len(stale) == 0
    assert never == 2  # lille-theatre and heritage-idea
    recent, stale, never = verified_tables(directory, today=dt.date(2030, 1, 1))
    assert len(stale) == 13  # every row with a verified date (12 entities, 1 relation), oldest first
    assert "Region Örebro län — medlem i → REVES" in set(stale[SV["overview.name"]])
    assert stale[SV["overview.verified_col"]].is_monotonic_increasing


def test_an_empty_directory_says_what_to_do(open_page, tmp_path: Path):
    empty = tmp_path / "empty"
    empty.mkdir()
    at = open_page("overview", data=empty)
    assert_ok(at)
    assert "organisations.csv" in all_text(at)


def test_no_verified_date_anywhere_gives_empty_tables():
    """A directory where nothing was ever checked: both tables empty, every entity counted as never checked."""
    directory = load_directory(Path(__file__).resolve().parent.parent / "fixtures" / "bad" / "unknown-relation-type")
    recent, stale, never = verified_tables(directory, today=dt.date(2030, 1, 1))
    assert recent.empty and stale.empty
    assert never == sum(len(frame) for frame in directory.tables.values()) == 2


@pytest.mark.smoke
def test_countries_in_words_with_a_bar_each(open_page):
    """Organisations by country: a table (the first page loads no chart code), the country names in the user's
    language, the most common first, each count with a bar."""
    from ui.i18n import in_language
    from ui.widgets import country_label

    at = open_page("overview")
    assert_ok(at)
    (shown,) = [f for f in frames(at) if SV["overview.country"] in f.columns]
    assert not at.get("vega_lite_chart")
    counts = stats(load_directory(FIXTURE))["by_country"]
    with in_language("sv"):
        expected = {country_label(code): n for code, n in counts.items()}
    assert dict(zip(shown[SV["overview.country"]], shown[SV["overview.count"]])) == expected
    assert shown[SV["overview.count"]].is_monotonic_decreasing
    assert "Sverige" in expected
    bars = [len(b) for b in shown[""]]  # the bar: as long as the count allows, the largest BAR_WIDTH characters
    assert bars[0] == overview_tables.BAR_WIDTH and bars == sorted(bars, reverse=True) and min(bars) >= 1


def test_overview_from_a_warm_cache_does_not_build_the_graph(open_page, monkeypatch, tmp_path: Path):
    """The first page of a new server answers from the stored graph (``Directory.pending_graph``); the graph is
    built when a page that needs it opens (Explore). docs/performance.md, issue 12: most of a warm start."""
    from ui.state import _load, data_stamp

    cache = tmp_path / "cache"
    load_directory(FIXTURE, cache_dir=cache)  # a load before: the cache folder is warm
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(cache))
    monkeypatch.setattr("ui.app._build_graph_soon", lambda directory: None)  # the background build: see below
    at = open_page("overview")
    assert_ok(at)
    directory = _load(str(FIXTURE), data_stamp(FIXTURE), str(cache))  # the server's loaded directory
    assert directory.pending_graph is not None
    assert _metrics(at)[SV["overview.relations"]] == "15"
    assert sorted(frame_with(at, SV["kind.network"])[SV["kind.network"]]) == [
        "Central Sweden EU office",
        "REVES",
    ]
    at.switch_page("ui/pages/explore.py").run()
    assert_ok(at)
    assert directory.pending_graph is None


def test_the_graph_is_built_in_the_background_after_the_first_page(open_page, monkeypatch, tmp_path: Path):
    """After the first page of a warm start the dashboard builds the graph in a background thread, so the first
    graph page does not wait for it; the graph equals the one a load from the files builds."""
    import gc
    import threading

    import networkx as nx

    from ui.state import _load, data_stamp

    cache = tmp_path / "cache"
    load_directory(FIXTURE, cache_dir=cache)
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(cache))
    at = open_page("overview")
    assert_ok(at)
    for thread in threading.enumerate():
        if thread.name == "warm-up-graph":
            thread.join(timeout=60)
    directory = _load(str(FIXTURE), data_stamp(FIXTURE), str(cache))
    assert directory.pending_graph is None
    # Kept out of the full collection Streamlit runs after every script run (ui/state.keep_out_of_collections).
    tracked = {id(o) for o in gc.get_objects()}
    assert id(directory.graph._adj) not in tracked and id(directory.tables["organisation"]) not in tracked
    fresh = load_directory(FIXTURE).graph
    assert nx.utils.edges_equal(directory.graph.edges(keys=True, data=True), fresh.edges(keys=True, data=True))
    assert dict(directory.graph.nodes(data=True)) == dict(fresh.nodes(data=True))


def test_checked_relations_are_those_the_row_by_row_rule_keeps(tmp_path: Path):
    """``_checked_relations`` (Arrow's compute functions) keeps what a test per relation keeps: a ``verified``
    text that is not empty, both ends entities; on the fixture and on a frame with every kind of missing cell."""
    import numpy as np

    from ui.overview_tables import _checked_relations

    def by_rows(frame: pd.DataFrame, nodes: set[str]) -> list[int]:
        cells = zip(frame["verified"].tolist(), frame["source"].tolist(), frame["target"].tolist())
        return [i for i, (v, a, b) in enumerate(cells) if isinstance(v, str) and v != "" and a in nodes and b in nodes]

    directory = load_directory(FIXTURE)
    nodes = set(directory.graph)
    assert _checked_relations(directory.relations, nodes).tolist() == by_rows(directory.relations, nodes)
    assert len(by_rows(directory.relations, nodes))  # the fixture has checked relations
    awkward = pd.DataFrame(
        {
            "source": ["a", "a", "x", "a", None, "b", "a", "b"],
            "target": ["b", "b", "b", "zz", "b", "a", "b", float("nan")],
            "verified": ["2024-01", "", "2024", "2024", "2024", None, float("nan"), "2023"],
        },
        dtype=object,
    )
    for frame in (awkward, awkward.astype("str"), awkward.astype("string")):
        found = _checked_relations(frame, {"a", "b", "x"})
        assert found.dtype.kind == "i" and found.tolist() == by_rows(frame, {"a", "b", "x"}) == [0, 2]
    assert _checked_relations(awkward.iloc[:0], {"a"}).tolist() == [] == list(np.empty(0))


def test_long_tables_show_their_first_rows_and_the_whole_list_when_asked(open_page, data_copy: Path, monkeypatch):
    """Overview summarises: each table shows its first ``SUMMARY_ROWS`` as Markdown, says how many there are, and
    offers the whole list in a section made only when opened (a sortable grid, the first ``SHOWN_ROWS`` of a long
    list, and its downloads); a problem group points to the Data problems page (no section in a section)."""
    monkeypatch.setattr(overview_tables, "SUMMARY_ROWS", 1)
    monkeypatch.setattr(overview_tables, "SHOWN_ROWS", 2)
    organisations = data_copy / "organisations.csv"
    organisations.write_text(
        organisations.read_text(encoding="utf-8")
        + "".join(f"broken-{i},Trasig {i},association,Sverige,Örebro,,,,,,,2025-01-01\n" for i in range(3)),
        encoding="utf-8",
    )
    orgs = pd.read_csv(organisations, dtype=str, keep_default_na=False)
    orgs["verified"] = "2020-01-01"  # out of date, every one
    orgs.to_csv(organisations, index=False)
    people = pd.read_csv(data_copy / "people.csv", dtype=str, keep_default_na=False)
    people["legal_basis"] = ""
    people.to_csv(data_copy / "people.csv", index=False)
    stale = verified_tables(load_directory(data_copy), today=dt.date.today())[1]
    assert len(stale) > 2
    at = open_page("overview", data=data_copy)
    assert_ok(at)
    text = all_text(at)
    assert not at.dataframe and not at.get("download_button")  # no grid and no download until asked for
    problems = [f for f in frames(at) if SV["overview.where"] in f.columns]
    assert problems and {len(f) for f in problems} == {1}  # the bad countries
    assert SV["overview.first_problems"].format(shown=1, total=3) in text
    for total in (len(stale), len(people)):
        assert SV["overview.summary_rows"].format(shown=1, total=total) in text
        assert SV["overview.whole_list"].format(n=total) in [e.label for e in at.expander]
    at = open_every_section(at)
    assert_ok(at)
    grids = [g.value for g in at.dataframe]
    stale_grid = [g for g in grids if SV["overview.verified_col"] in g.columns]
    people_grid = [g for g in grids if "id" in g.columns and "anna-exempel" in set(g["id"])]
    assert [len(g) for g in stale_grid + people_grid] == [2, 2]  # SHOWN_ROWS each
    assert SV["overview.first_rows"].format(shown=2, total=len(stale)) in all_text(at)
    keys = {b.key for b in at.get("download_button")}
    assert {"overview.stale_download.csv", "overview.legal_basis_download.xlsx"} <= keys


def test_a_short_table_has_no_whole_list(open_page):
    """A table no longer than ``SUMMARY_ROWS`` is shown whole: no caption, no section, no grid."""
    at = open_page("overview")
    assert_ok(at)
    assert len(frame_with(at, SV["kind.network"])) == 2
    assert not [e for e in at.expander if e.label.startswith(SV["overview.whole_list"].split("{")[0])]
    assert not at.dataframe


def test_the_whole_list_is_a_sortable_grid_with_every_row(open_page, monkeypatch):
    """The networks' and countries' whole lists are grids with every row (their names as links, their counts as
    bars); only the long lists are cut at ``SHOWN_ROWS``."""
    monkeypatch.setattr(overview_tables, "SUMMARY_ROWS", 1)
    monkeypatch.setattr(overview_tables, "COUNTRIES_SHOWN", 1)
    monkeypatch.setattr(overview_tables, "SHOWN_ROWS", 1)
    at = open_every_section(open_page("overview"))
    assert_ok(at)
    (networks,) = [g.value for g in at.dataframe if SV["kind.network"] in g.value.columns]
    assert "directory?name=REVES&kind=network&id=reves" in list(networks[SV["kind.network"]]) and len(networks) == 2
    (countries,) = [g.value for g in at.dataframe if SV["overview.country"] in g.value.columns]
    assert len(countries) == len(stats(load_directory(FIXTURE))["by_country"]) > 1


def test_markdown_tables_escape_every_cell_and_link_only_profiles():
    """A name with Markdown and a table's own syntax (``|``) in it stays one cell of plain text; a profile
    address becomes a link with the name as its words; numbers are right-aligned."""
    frame = pd.DataFrame(
        {
            "Namn": ["directory?name=A%7Cb&kind=network&id=a", "[x](https://evil.test) | # h", None],
            "Antal": [3, 2, 1],
        }
    )
    text = overview_tables.markdown_table(frame, links="Namn")
    lines = text.splitlines()
    assert lines[0] == "| Namn | Antal |" and lines[1] == "| --- | ---: |"
    assert lines[2].startswith("| [A\\|b](directory?kind=network&id=a) |")  # the name in the words, not the address
    assert "\\[x\\]\\(https" in lines[3] and "\\| \\# h" in lines[3]
    assert lines[4] == "|  | 1 |"
    hostile = overview_tables.markdown_table(pd.DataFrame({"Namn": ["javascript:alert(1)"]}), links="Namn")
    assert "](" not in hostile and "alert" in hostile  # not a profile address: text, no link


def test_a_bar_is_as_long_as_its_share():
    assert overview_tables.bar(10, 10) == "█" * overview_tables.BAR_WIDTH
    assert overview_tables.bar(5, 10) == "█" * (overview_tables.BAR_WIDTH // 2)
    assert len(overview_tables.bar(1, 10)) == overview_tables.BAR_WIDTH // 10 + 1  # a whole and a part
    assert overview_tables.bar(1, 1000) == "▏"  # the smallest count still shows
    assert overview_tables.bar(0, 10) == overview_tables.bar(3, 0) == ""


def test_only_the_open_tab_has_its_table_made(open_page):
    """The tabs send only the open tab's table (choosing another reruns the page): each hidden tab's table was a
    data grid for the browser to set up on the first page."""
    at = open_page("overview")
    assert_ok(at)
    tabs = {tab.label: tab for tab in at.tabs}
    assert len(tabs[SV["kinds.organisation"]].markdown) == 1 and len(tabs[SV["kinds.network"]].markdown) == 0
    assert len(tabs[SV["overview.recent"]].markdown) == 0
    at.session_state["overview.by_type"] = SV["kinds.network"]  # what a click on the tab sets
    at.session_state["overview.verified_tabs"] = SV["overview.recent"]
    at.run()
    tabs = {tab.label: tab for tab in at.tabs}
    assert len(tabs[SV["kinds.organisation"]].markdown) == 0
    networks = tabs[SV["kinds.network"]].markdown
    assert len(networks) == 1 and "|" in networks[0].value
    assert len(tabs[SV["overview.recent"]].markdown) == 1
