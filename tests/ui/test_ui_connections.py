"""Connections: the k shortest ways between two entities, as sentences and as a highlighted graph."""

from __future__ import annotations

import re

import pytest
from dashboard_helpers import assert_ok, graph_data

from ui.i18n import EN, SV
from ui.widgets import escape_markdown

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

VIA_REVES = "Region Örebro län — medlem i → REVES ← medlem i — Comune di X"
VIA_PROJECT = "Region Örebro län — partner i → Dance Bridges ← partner i — Comune di X"
VIA_PEOPLE = "Region Örebro län ← arbetar på — Anna Exempel — känner — Marco Esempio — arbetar på → Comune di X"


_LINK = re.compile(r"\[([^\]]*)\]\(([^)]*)\)")


def _ways(at) -> list[str]:
    """The sentences shown, unescaped, the links' words only."""
    return [
        _LINK.sub(r"\1", m.value.strip("*")).replace("\\", "")
        for m in at.markdown
        if m.value.startswith("**") and "—" in m.value
    ]


def _targets(at) -> list[list[str]]:
    """The addresses the names in each sentence link to."""
    return [
        [target for _, target in _LINK.findall(m.value)]
        for m in at.markdown
        if m.value.startswith("**") and "—" in m.value
    ]


def test_nothing_to_reach_yet_says_what_to_do(open_page):
    at = open_page("connections")
    assert_ok(at)
    assert at.selectbox(key="connections.from.pick").value == "region-orebro"
    assert SV["connections.pick_to"] in [i.value for i in at.info]


@pytest.mark.smoke
def test_the_shortest_ways_as_sentences(open_page):
    at = open_page("connections")
    at.text_input(key="connections.to.q").set_value("comune").run()
    assert_ok(at)
    assert at.selectbox(key="connections.to.pick").value == "comune-x"
    assert _ways(at) == [VIA_REVES, VIA_PROJECT, VIA_PEOPLE]
    assert at.query_params["to"] == "comune-x"
    # every name opens its profile (the Directory page's ?kind=…&id=…)
    assert _targets(at)[0] == [
        "directory?kind=organisation&id=region-orebro",
        "directory?kind=network&id=reves",
        "directory?kind=organisation&id=comune-x",
    ]


def test_k_changes_how_many_ways(open_page):
    at = open_page("connections", {"to": "comune-x", "k": "1"})
    assert _ways(at) == [VIA_REVES]
    at.slider(key="connections.k").set_value(2).run()
    assert _ways(at) == [VIA_REVES, VIA_PROJECT]
    assert at.query_params["k"] == "2"


def test_the_ways_are_highlighted_in_the_graph(open_page):
    at = open_page("connections", {"to": "comune-x"})
    data = graph_data(at)
    nodes = {n["id"]: n for n in data["spec"]["nodes"]}
    for node in ("region-orebro", "reves", "dance-bridges", "anna-exempel", "marco-esempio", "comune-x"):
        assert node in nodes
    assert "athens-lab" not in nodes  # only the entities on the ways
    assert sum(n.get("borderWidth") == 3 for n in nodes.values()) >= 5  # highlighted nodes
    assert data["events"] is False  # a click here changes nothing on the page, so nothing is sent


def test_swap(open_page):
    at = open_page("connections", {"to": "comune-x", "k": "1"})
    at.button(key="connections.swap").click().run()
    assert_ok(at)
    assert at.selectbox(key="connections.from.pick").value == "comune-x"
    assert at.selectbox(key="connections.to.pick").value == "region-orebro"
    assert _ways(at) == ["Comune di X — medlem i → REVES ← medlem i — Region Örebro län"]
    assert at.query_params["from"] == "comune-x"


def test_no_way_and_same_entity(open_page, data_copy):
    organisations = data_copy / "organisations.csv"
    organisations.write_text(
        organisations.read_text(encoding="utf-8") + "alone,Ensam förening,association,SE,Örebro,,,,,,,\n",
        encoding="utf-8",
    )
    at = open_page("connections", {"to": "alone"}, data=data_copy)
    assert_ok(at)
    expected = SV["connections.none"].format(source="Region Örebro län", target="Ensam förening")
    assert expected in [w.value for w in at.warning]
    at = open_page("connections", {"to": "region-orebro"}, data=data_copy)
    assert SV["connections.same"] in [i.value for i in at.info]


def test_a_bad_link_is_reported_and_english_sentences(open_page):
    at = open_page("connections", {"to": "comune-x", "k": "99", "from": "nobody"})
    assert_ok(at)
    warning = "\n".join(w.value for w in at.warning)
    assert "99" in warning and "nobody" in warning
    assert len(_ways(at)) == 3
    at.get_by_key("lang").set_value("en").run()
    assert _ways(at)[0] == "Region Örebro län — member of → REVES ← member of — Comune di X"
    assert at.title[0].value == EN["connections.title"]
    assert escape_markdown("<") == "\\<"
