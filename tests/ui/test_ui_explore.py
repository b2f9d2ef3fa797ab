"""Explore: the focus picker, radius and filters change the view; the URL restores it; the profile beside it."""

from __future__ import annotations

import re

from dashboard_helpers import FIXTURE, all_text, assert_ok

from network import load_directory
from network.queries import ViewFilter, ego_network
from ui.i18n import SV
from ui.widgets import escape_markdown


def _in_view(at) -> tuple[int, int]:
    """(entities, relations) from the "N entities and M relations in view" caption."""
    pattern = re.escape(SV["explore.showing_all"]).replace(r"\{shown\}", r"(\d+)").replace(r"\{edges\}", r"(\d+)")
    for text in all_text(at).splitlines():
        found = re.fullmatch(pattern, text)
        if found:
            return int(found.group(1)), int(found.group(2))
    raise AssertionError("no 'in view' caption")


def _expected(focus: str, radius: int, flt: ViewFilter | None = None) -> tuple[int, int]:
    graph = ego_network(load_directory(FIXTURE), focus, radius, flt)
    return graph.number_of_nodes(), graph.number_of_edges()


def _graph_html(at) -> str:
    frames = [e for e in at.get("iframe")]
    assert frames, "no graph drawn"
    return frames[0].proto.srcdoc


def test_the_home_organisation_is_the_default_focus(open_page):
    at = open_page("explore")
    assert_ok(at)
    assert at.selectbox(key="explore.focus.pick").value == "region-orebro"
    assert _in_view(at) == _expected("region-orebro", 1)
    assert at.selectbox(key="explore.node").value == "region-orebro"
    assert at.subheader[0].value == "Region Örebro län"


def test_the_graph_is_drawn_in_an_iframe_with_the_nodes_of_the_view(open_page):
    at = open_page("explore")
    html = _graph_html(at)
    assert "vis.Network" in html
    assert not re.search(r"<(script|link)[^>]+(src|href)=", html)  # everything inline, nothing fetched
    for node in ego_network(load_directory(FIXTURE), "region-orebro", 1).nodes:
        assert f'"id": "{node}"' in html


def test_search_finds_orebro_without_the_accent(open_page):
    at = open_page("explore", {"focus": "reves"})
    assert at.selectbox(key="explore.focus.pick").value == "reves"
    at.text_input(key="explore.focus.q").set_value("Dansresidens Orebro").run()
    assert_ok(at)
    assert at.selectbox(key="explore.focus.pick").value == "dansresidens"
    assert at.query_params["focus"] == "dansresidens"
    assert _in_view(at) == _expected("dansresidens", 1)


def test_radius_changes_the_view_and_the_url(open_page):
    at = open_page("explore")
    one = _in_view(at)
    at.slider(key="explore.radius").set_value(2).run()
    assert_ok(at)
    assert _in_view(at) == _expected("region-orebro", 2)
    assert _in_view(at)[0] > one[0]
    assert at.query_params["radius"] == "2"


def test_filters_change_the_view(open_page):
    at = open_page("explore", {"radius": "2"})
    at.multiselect(key="explore.kinds").set_value(["organisation", "network"]).run()
    assert_ok(at)
    assert _in_view(at) == _expected("region-orebro", 2, ViewFilter(kinds=frozenset({"organisation", "network"})))
    assert at.query_params["kinds"] == "organisation,network"
    at.button(key="explore.reset").click().run()
    assert _in_view(at) == _expected("region-orebro", 2)
    assert "kinds" not in at.query_params


def test_only_relations_active_on_a_date(open_page):
    at = open_page("explore", {"focus": "reves", "on": "2019-06-01"})
    assert_ok(at)
    assert _in_view(at) == _expected("reves", 1, ViewFilter(active_on="2019-06-01"))
    assert _in_view(at) != _expected("reves", 1)  # Théâtre de Lille left REVES in 2018


def test_a_link_restores_the_view(open_page):
    params = {"focus": "reves", "radius": "2", "countries": "SE,IT", "node": "comune-x"}
    at = open_page("explore", params)
    assert_ok(at)
    assert at.selectbox(key="explore.focus.pick").value == "reves"
    assert at.slider(key="explore.radius").value == 2
    assert at.multiselect(key="explore.countries").value == ["IT", "SE"]
    assert at.selectbox(key="explore.node").value == "comune-x"
    assert at.subheader[0].value == "Comune di X"
    assert dict(at.query_params) == {"focus": "reves", "radius": "2", "countries": "IT,SE", "node": "comune-x"}


def test_bad_values_in_a_link_are_ignored_with_a_note(open_page):
    at = open_page("explore", {"focus": "nobody", "radius": "9", "kinds": "organisation,planet"})
    assert_ok(at)
    warning = "\n".join(w.value for w in at.warning)
    for value in ("nobody", "9", "planet"):
        assert value in warning
    assert at.selectbox(key="explore.focus.pick").value == "region-orebro"
    assert at.slider(key="explore.radius").value == 1
    assert at.multiselect(key="explore.kinds").value == ["organisation"]


def test_the_profile_of_a_node_in_view_and_putting_it_in_the_centre(open_page):
    at = open_page("explore")
    assert "REVES (Nätverk)" in at.selectbox(key="explore.node").options
    at.selectbox(key="explore.node").set_value("reves").run()
    assert at.subheader[0].value == "REVES"
    assert at.query_params["node"] == "reves"
    at.button(key="explore.refocus").click().run()
    assert_ok(at)
    assert at.selectbox(key="explore.focus.pick").value == "reves"
    assert at.query_params["focus"] == "reves"
    assert "node" not in at.query_params
    assert _in_view(at) == _expected("reves", 1)


def test_a_cap_trims_the_view_and_says_so(open_page):
    at = open_page("explore", {"radius": "3", "max": "10"})
    assert_ok(at)
    total = _expected("region-orebro", 3)[0]
    message = SV["explore.showing"].format(shown=10, total=total, rule=SV["explore.trim_rule"])
    assert message in [w.value for w in at.warning]


def test_the_xss_name_is_escaped_in_the_profile(open_page):
    at = open_page("explore", {"focus": "xss-org"})
    assert_ok(at)
    assert at.subheader[0].value == escape_markdown("<img src=x onerror=alert(1)>")
    assert "<script>" in all_text(at)  # the description, as plain text (st.text)
    assert [t for t in at.text if "<script>" in t.value]


def test_english_labels(open_page):
    at = open_page("explore")
    at.get_by_key("lang").set_value("en").run()
    assert at.title[0].value == "Explore the network"
    assert at.slider(key="explore.radius").label == "Steps from the focus"
