"""The Matches page (AppTest): pairs side by side with reasons; merge, not the same, later; empty state; escaping."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest
from dashboard_helpers import ROOT, TIMEOUT, all_text, assert_ok
from streamlit.testing.v1 import AppTest

from network import storage
from ui.i18n import EN, SV
from ui.pages import matches as matches_page

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

PAGE = "ui/pages/matches.py"


def _add_duplicate(folder: Path, name: str = "UAB CIVITTA <b>x</b>") -> None:
    """Two rows that are one organisation: 'CIVITTA <b>x</b>' and the same with a legal form in front."""
    path = folder / "organisations.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    blank = {c: "" for c in frame.columns}
    rows = [
        dict(blank, id="civitta", name="CIVITTA <b>x</b>", type="company", country="LT", city="Vilnius"),
        dict(
            blank,
            id="pic-949732142",
            name=name,
            type="company",
            country="LT",
            city="Vilnius",
            website="https://civitta.example.org",
        ),
    ]
    pd.concat([frame, pd.DataFrame(rows)], ignore_index=True).to_csv(path, index=False)


@pytest.fixture
def open_matches(monkeypatch: pytest.MonkeyPatch, tmp_path: Path):
    def open_(data: Path) -> AppTest:
        monkeypatch.setenv("NETWORK_DATA", str(data))
        monkeypatch.setenv("NETWORK_CACHE_DIR", str(tmp_path / "cache"))
        at = AppTest.from_file(str(ROOT / "network_app.py"), default_timeout=TIMEOUT)
        at.run()
        return at.switch_page(PAGE).run()

    return open_


def test_empty_state_says_what_to_do(open_matches, data_copy: Path) -> None:
    at = open_matches(data_copy)
    assert_ok(at)
    assert at.title[0].value == SV["page.matches"]
    at = at.slider(key="matches.min_score").set_value(1.0).run()
    assert SV["matches.empty"] in [i.value for i in at.info]


@pytest.mark.smoke
def test_a_pair_is_shown_side_by_side_with_reasons_and_merged(open_matches, data_copy: Path) -> None:
    _add_duplicate(data_copy)
    at = open_matches(data_copy)
    assert_ok(at)
    headings = [h.value for h in at.subheader]
    assert "CIVITTA \\<b\\>x\\</b\\>" in headings  # names are escaped: shown as written, never as HTML
    assert "<b>" not in "".join(headings)
    assert "'UAB'" in all_text(at)  # the reason names the legal form that was removed
    # each side's fields in words, not codes: the type and the country in Swedish
    sides = [d.value for d in at.dataframe if SV["matches.col.field"] in d.value.columns]
    values = next(
        dict(zip(f[SV["matches.col.field"]], f[SV["matches.col.value"]]))
        for f in sides
        if "civitta" in f[SV["matches.col.value"]].tolist()
    )
    assert values[SV["col.type"]] == SV["value.company"] and values[SV["col.country"]] == "Litauen"
    assert at.button(key="matches.merge").help == SV["matches.merge_help"]
    assert at.radio(key="matches.keep.civitta.pic-949732142").help
    at.radio(key="matches.keep.civitta.pic-949732142").set_value("civitta")
    at = at.button(key="matches.merge").click().run()
    assert_ok(at)
    snapshot = storage.load(data_copy)
    orgs = snapshot.tables["organisations.csv"]
    assert "pic-949732142" not in orgs["id"].tolist()
    kept = orgs[orgs["id"] == "civitta"].iloc[0]
    assert kept["aliases"] == "UAB CIVITTA <b>x</b>" and kept["website"] == "https://civitta.example.org"
    assert kept["pic"] == "949732142"
    decisions = snapshot.tables["matches.csv"]
    assert decisions[["a", "b", "decision"]].values.tolist() == [["civitta", "pic-949732142", "same"]]
    assert len(storage.changes(data_copy)) == 1


def test_not_the_same_is_remembered_and_later_only_hides(open_matches, data_copy: Path) -> None:
    _add_duplicate(data_copy, name="CIVITTA <b>x</b> UAB")
    at = open_matches(data_copy)
    at = at.button(key="matches.later").click().run()
    assert_ok(at)
    assert SV["matches.empty_later"] in [i.value for i in at.info]
    at = at.button(key="matches.show_later").click().run()
    at = at.button(key="matches.different").click().run()
    assert_ok(at)
    decisions = storage.load(data_copy).tables["matches.csv"]
    assert decisions["decision"].tolist() == ["different"]
    at = AppTest.from_file(str(ROOT / "network_app.py"), default_timeout=TIMEOUT)
    at.run()
    at = at.switch_page(PAGE).run()
    assert SV["matches.empty"] in [i.value for i in at.info]  # the rejected pair never comes back


def test_english(open_matches, data_copy: Path) -> None:
    _add_duplicate(data_copy)
    at = open_matches(data_copy)
    at.query_params["lang"] = "en"
    at = AppTest.from_file(str(ROOT / "network_app.py"), default_timeout=TIMEOUT)
    at.query_params["lang"] = "en"
    at.run()
    at = at.switch_page(PAGE).run()
    assert_ok(at)
    assert at.title[0].value == EN["page.matches"]
    assert at.button(key="matches.different").label == EN["matches.different"]


def test_moving_the_threshold_filters_the_pairs_found_once(
    open_matches, data_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A higher threshold filters the pairs already found; only a lower one than any searched searches again; what
    is shown always equals ``Matcher.pairs`` at that threshold."""
    from network.matching import Matcher

    _add_duplicate(data_copy)
    path = data_copy / "organisations.csv"  # and a row no other test has, so these files' pairs are not cached yet
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    extra = dict({c: "" for c in frame.columns}, id="thresholds-test", name="Threshold Test Org", country="SE")
    pd.concat([frame, pd.DataFrame([extra])], ignore_index=True).to_csv(path, index=False)
    calls: list[float] = []
    original = Matcher.pairs

    def counted(self, min_score: float = 0.6):
        calls.append(min_score)
        return original(self, min_score)

    monkeypatch.setattr(Matcher, "pairs", counted)
    at = open_matches(data_copy)
    tables = storage.load(data_copy).tables
    counts = []
    for score in (0.6, 0.8, 0.95, 1.0, 0.5, 0.7, 0.3):
        at = at.slider(key="matches.min_score").set_value(score).run()
        assert_ok(at)
        expected = original(Matcher(tables, "organisation"), score)
        said = all_text(at)
        if expected:
            assert SV["matches.count"].format(count=len(expected), later=0) in said, score
            assert expected[0].name_a in said.replace("\\", "")  # the best pair first
        else:
            assert SV["matches.empty"] in said
        counts.append(len(expected))
    assert counts[0] > counts[3] == 0  # the thresholds did filter something
    assert calls == [0.6, 0.5, matches_page.LOWEST_SCORE]  # searched again only below any score searched before
