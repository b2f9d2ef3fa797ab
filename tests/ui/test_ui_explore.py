"""Explore: the focus picker, radius and filters change the view; the URL restores it; the profile beside it."""

from __future__ import annotations

import re

import pytest
from dashboard_helpers import FIXTURE, PAGE_FILES, all_text, assert_ok, graph_data, graph_event

from network import load_directory
from network.queries import ViewFilter, ego_network
from ui.i18n import EN, SV
from ui.pages.explore import FILTERS_OPEN, LANDED
from ui.widgets import escape_markdown

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow


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


@pytest.mark.smoke
def test_the_home_organisation_is_the_default_focus(open_page):
    at = open_page("explore")
    assert_ok(at)
    assert at.selectbox(key="explore.focus.pick").value == "region-orebro"
    assert _in_view(at) == _expected("region-orebro", 1)
    assert at.selectbox(key="explore.node").value == "region-orebro"
    assert at.subheader[0].value == "Region Örebro län"


def test_the_graph_gets_the_views_data_and_loads_its_scripts_from_the_static_folder(open_page):
    at = open_page("explore")
    data = graph_data(at)
    ids = {n["id"] for n in data["spec"]["nodes"]}
    assert ids == set(ego_network(load_directory(FIXTURE), "region-orebro", 1).nodes)
    assert data["events"] is True and len(data["version"]) == 16
    # vis-network and graph.js come from the app's static folder, by URL (once per browser), never as data
    assert [a.split("?")[0] for a in data["assets"]] == [
        "/app/static/graph/vis-network.min.js",
        "/app/static/graph/graph.js",
    ]
    assert "vis.Network" not in str(data)
    assert data["spec"]["text"]["title"] == SV["export.image_title"].format(name="Region Örebro län", radius=1)
    assert data["spec"]["text"]["caption"]  # the date line of the downloaded PNG


def test_the_same_view_sends_the_same_data_again(open_page):
    at = open_page("explore")
    first = graph_data(at)["version"]
    at.selectbox(key="explore.node").set_value("reves").run()  # the profile changes, the picture does not
    assert graph_data(at)["version"] == first
    at.segmented_control(key="explore.radius").set_value(2).run()
    assert graph_data(at)["version"] != first


def _landing(open_page, params: dict[str, str]):
    """Explore as a new session's first page run shows it: before the browser has reported its graph drawn."""
    at = open_page("overview")
    at.session_state[LANDED] = False
    at.query_params.clear()
    at.query_params.update(params)
    return at.switch_page(PAGE_FILES["explore"]).run()


def _menu_asked() -> None:
    """An AppTest script: whether the frame would leave the page menu out for the address in the session state."""
    import streamlit as st

    from ui.app import _menu_held

    st.write(f"held={_menu_held(st.session_state['url'])}")


@pytest.mark.smoke
def test_the_menu_is_left_out_of_a_sessions_first_explore_run_only():
    """The navigation is made before the page is known, so the landing is told from the browser's address: the
    session's first run at .../explore (under a base path too), until Explore has landed; once per session."""
    from streamlit.testing.v1 import AppTest

    def asked(url, landed: bool = False, runs: int = 1) -> list[str]:
        at = AppTest.from_function(_menu_asked)
        at.session_state["url"] = url
        at.session_state[LANDED] = landed
        return [at.run().markdown[0].value for _ in range(runs)]

    assert asked("http://127.0.0.1:8501/explore", runs=2) == ["held=True", "held=False"]
    assert asked("http://example.org/network/explore/") == ["held=True"]
    assert asked("http://127.0.0.1:8501/explore", landed=True) == ["held=False"]
    for url in ("http://127.0.0.1:8501/", "http://127.0.0.1:8501/partners", "http://h/explorer", None):
        assert asked(url) == ["held=False"], url


def test_a_first_explore_run_that_does_not_land_runs_again_with_the_menu(
    open_page, data_copy, monkeypatch: pytest.MonkeyPatch
):
    """Without a home organisation and a focus, Explore's first run asks the user to pick one (no landing): the
    run that left the menu out is followed at once by one that has it."""
    import ui.app

    toml = data_copy / "directory.toml"
    toml.write_text(toml.read_text(encoding="utf-8").replace('home = "region-orebro"', ""), encoding="utf-8")
    at = open_page("overview", data=data_copy)
    at.session_state[LANDED] = False
    asked: list[bool] = []
    real = ui.app._menu_held

    def recorded(url):
        asked.append(real(url))
        return asked[-1]

    monkeypatch.setattr(ui.app, "_browser_url", lambda: "http://127.0.0.1:8501/explore")
    monkeypatch.setattr(ui.app, "_menu_held", recorded)
    at.query_params.clear()
    at = at.switch_page(PAGE_FILES["explore"]).run()
    assert_ok(at)
    assert asked == [True, False]  # left out once, then the run again, with it
    assert SV["explore.pick_focus"] in all_text(at)
    assert at.sidebar.segmented_control(key="lang").value == "sv"  # the whole frame


def test_the_landing_sends_the_graph_alone_and_the_rest_once_the_graph_is_drawn(open_page):
    at = _landing(open_page, {"focus": "reves", "radius": "2"})
    assert_ok(at)
    landing = graph_data(at)
    assert landing["drawn"] is True  # the component is asked to say when it has drawn
    assert {n["id"] for n in landing["spec"]["nodes"]} == set(ego_network(load_directory(FIXTURE), "reves", 2).nodes)
    assert [title.value for title in at.title] == [SV["explore.title"]]  # the page's title and the graph
    assert not at.subheader and not at.text_input and not at.selectbox  # no profile, picker or saved views yet
    assert not at.get("download_button") and not at.sidebar.segmented_control  # no exports, no language switch
    assert not at.session_state[LANDED]
    at = graph_event(at, "drawn", landing["version"])  # the component reports the version it drew
    assert_ok(at)
    assert at.session_state[LANDED]
    assert at.sidebar.segmented_control(key="lang").value == "sv"  # the frame's parts
    assert at.subheader[0].value == "REVES"  # the profile
    assert _in_view(at) == _expected("reves", 2)  # the caption under the graph
    assert at.selectbox(key="explore.focus.pick").value == "reves"  # the link's view, now with its controls
    assert at.segmented_control(key="explore.radius").value == 2
    assert at.selectbox(key="explore.node").value == "reves"
    assert at.text_input(key="explore.views.name") is not None  # the saved views (single-user mode edits)
    after = graph_data(at)
    assert after["drawn"] is False and after["version"] == landing["version"]  # the drawing is left alone
    assert after["spec"] is None  # and its data (the browser has it) is not sent again
    assert at.query_params["focus"] == "reves" and at.query_params["radius"] == "2"
    at = graph_event(at, "select", "region-orebro")  # a click: the profile's fragment, the same view
    assert at.subheader[0].value == "Region Örebro län"
    assert graph_data(at)["spec"] is None
    at.segmented_control(key="explore.radius").set_value(1).run()  # another view: its data
    assert {n["id"] for n in graph_data(at)["spec"]["nodes"]} == set(
        ego_network(load_directory(FIXTURE), "reves", 1).nodes
    )


def test_a_version_the_browser_lost_is_sent_again_when_it_asks(open_page):
    at = _landing(open_page, {"focus": "reves"})
    version = graph_data(at)["version"]
    at = graph_event(at, "drawn", version)
    assert graph_data(at)["spec"] is None
    at = graph_event(at, "missing", version)  # a new mount without the data (component.js asks)
    assert_ok(at)
    again = graph_data(at)
    assert again["version"] == version
    assert {n["id"] for n in again["spec"]["nodes"]} == set(ego_network(load_directory(FIXTURE), "reves", 1).nodes)


def test_a_click_in_the_graph_opens_the_profile_and_names_it_in_the_url(open_page):
    at = open_page("explore")
    version = graph_data(at)["version"]
    at = graph_event(at, "select", "reves")
    assert_ok(at)
    assert graph_data(at)["version"] == version and graph_data(at)["spec"] is None  # the browser has the view
    assert at.selectbox(key="explore.node").value == "reves"
    assert at.subheader[0].value == "REVES"
    assert at.query_params["node"] == "reves"
    assert at.selectbox(key="explore.focus.pick").value == "region-orebro"  # the focus stays


def test_a_double_click_in_the_graph_makes_it_the_focus(open_page):
    at = open_page("explore", {"node": "comune-x", "focus": "reves"})
    at = graph_event(at, "focus", "region-orebro")
    assert_ok(at)
    assert at.selectbox(key="explore.focus.pick").value == "region-orebro"
    assert at.query_params.get("focus") is None  # the default focus is left out of the URL
    assert "node" not in at.query_params  # a new focus shows its own profile
    assert at.subheader[0].value == "Region Örebro län"
    assert _in_view(at) == _expected("region-orebro", 1)
    assert {n["id"] for n in graph_data(at)["spec"]["nodes"]} == set(
        ego_network(load_directory(FIXTURE), "region-orebro", 1).nodes
    )


@pytest.mark.smoke
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
    at.segmented_control(key="explore.radius").set_value(2).run()
    assert_ok(at)
    assert _in_view(at) == _expected("region-orebro", 2)
    assert _in_view(at)[0] > one[0]
    assert at.query_params["radius"] == "2"


def _open_filters(at) -> None:
    """Open the filter section (its widgets exist only while it is open)."""
    at.session_state[FILTERS_OPEN] = True
    at.run()


def test_filters_change_the_view(open_page):
    at = open_page("explore", {"radius": "2"})
    assert not at.multiselect  # the filter section is closed: its widgets are made when it opens
    _open_filters(at)
    at.multiselect(key="explore.kinds").set_value(["organisation", "network"]).run()
    assert_ok(at)
    assert _in_view(at) == _expected("region-orebro", 2, ViewFilter(kinds=frozenset({"organisation", "network"})))
    assert at.query_params["kinds"] == "organisation,network"
    at.button(key="explore.reset").click().run()
    assert _in_view(at) == _expected("region-orebro", 2)
    assert "kinds" not in at.query_params


def test_the_filter_section_stays_open_while_its_title_changes(open_page):
    at = open_page("explore")
    _open_filters(at)
    at.multiselect(key="explore.kinds").set_value(["organisation"]).run()  # the title now counts one filter
    assert_ok(at)
    assert at.multiselect(key="explore.kinds").value == ["organisation"]
    at.button(key="explore.reset").click().run()  # and now none: the section is still open
    assert_ok(at)
    assert at.multiselect(key="explore.kinds").value == []
    at.get_by_key("lang").set_value("en").run()  # another language, another title
    assert_ok(at)
    assert at.multiselect(key="explore.kinds")


def test_a_closed_filter_section_keeps_its_filters(open_page):
    at = open_page("explore", {"radius": "2"})
    _open_filters(at)
    at.multiselect(key="explore.kinds").set_value(["organisation"]).run()
    filtered = _expected("region-orebro", 2, ViewFilter(kinds=frozenset({"organisation"})))
    assert _in_view(at) == filtered
    at.session_state[FILTERS_OPEN] = False
    at.segmented_control(key="explore.radius").set_value(2).run()
    at.run()
    assert_ok(at)
    assert not at.multiselect
    assert _in_view(at) == filtered
    assert at.query_params["kinds"] == "organisation"
    _open_filters(at)
    assert at.multiselect(key="explore.kinds").value == ["organisation"]


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
    assert at.segmented_control(key="explore.radius").value == 2
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
    assert at.segmented_control(key="explore.radius").value == 1
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
    assert at.segmented_control(key="explore.radius").label == "Steps from the focus"


def test_a_hubs_long_lists_are_made_only_when_opened_and_list_a_hundred_with_a_link_to_the_rest(open_page, data_copy):
    """A hub's profile beside the graph: a list longer than ``COMPACT_OPEN`` is a closed section whose bullets are
    not sent (thousands of them took the browser seconds, even closed); opened, it lists ``COMPACT_SHOWN`` and links
    to the full profile for the rest."""
    from ui.profile import COMPACT_OPEN, COMPACT_SHOWN

    extra = COMPACT_SHOWN + 7
    with (data_copy / "organisations.csv").open("a", encoding="utf-8") as file:
        file.writelines(f"hub-member-{i:03d},Hub Member {i:03d},ngo,SE,Örebro,,,,,,,\n" for i in range(extra))
    with (data_copy / "relations.csv").open("a", encoding="utf-8") as file:
        file.writelines(f"hub-member-{i:03d},member_of,reves,,2020,,,,\n" for i in range(extra))
    members = len(
        [line for line in (data_copy / "relations.csv").read_text().splitlines() if ",member_of,reves," in line]
    )
    assert members > COMPACT_SHOWN > COMPACT_OPEN
    at = open_page("explore", {"focus": "reves"}, data=data_copy)
    assert_ok(at)
    heading = f"{SV['profile.organisations']} ({members})"
    [section] = [e for e in at.expander if e.label == heading]
    assert "Hub Member 000" not in all_text(at)  # closed: no bullet sent
    at.session_state["profile.list.organisation"] = True
    at.run()
    assert_ok(at)
    [section] = [e for e in at.expander if e.label == heading]
    bullets = [line for m in section.markdown for line in m.value.splitlines() if line.startswith("- ")]
    assert len(bullets) == COMPACT_SHOWN
    rest = SV["profile.more_in_full"].split("{count}")[0] + str(members - COMPACT_SHOWN)
    assert any(m.value.startswith(rest) and "reves" in m.value for m in section.markdown)


def test_the_landing_keeps_the_chosen_language_while_it_leaves_the_switch_out(open_page):
    """The landing's run does not draw the language switch (``ui.app.hold_frame``); Streamlit drops the state of a
    widget not drawn in a run, so without ``keep_language`` the page came back in Swedish."""
    at = open_page("overview")
    at.sidebar.segmented_control(key="lang").set_value("en").run()  # the user chose English on the first page
    at.session_state[LANDED] = False
    at.query_params.update({"focus": "reves"})
    at = at.switch_page(PAGE_FILES["explore"]).run()
    assert_ok(at)
    assert [title.value for title in at.title] == [EN["explore.title"]] and not at.sidebar.segmented_control
    at = graph_event(at, "drawn", graph_data(at)["version"])
    assert_ok(at)
    assert at.sidebar.segmented_control(key="lang").value == "en"
    assert [title.value for title in at.title] == [EN["explore.title"]]


def test_the_servers_start_makes_the_default_view_a_landing_then_only_sends(open_page, monkeypatch):
    """``ui.app.prepare`` (the server's start) makes Explore's default view, home organisation and one step, with
    the keys the landing asks for: a session's first Explore then computes no positions and no data; the same view
    made by the page itself is the same data (the same version)."""
    import streamlit as st

    import network.drawing.interactive
    import network.drawing.layout
    import ui.app

    made: list[str] = []
    layout, spec = network.drawing.layout.compute_layout, network.drawing.interactive.graph_spec
    monkeypatch.setattr(
        network.drawing.layout, "compute_layout", lambda *a, **k: made.append("layout") or layout(*a, **k)
    )
    monkeypatch.setattr(network.drawing.interactive, "graph_spec", lambda *a, **k: made.append("spec") or spec(*a, **k))
    monkeypatch.setenv("NETWORK_DATA", str(FIXTURE))
    st.cache_data.clear()  # positions and data made by earlier tests
    ui.app.prepare()
    assert made == ["layout", "spec"]
    made.clear()
    at = _landing(open_page, {})
    assert_ok(at)
    prepared = graph_data(at)
    assert made == []  # positions and data came from the start
    assert {n["id"] for n in prepared["spec"]["nodes"]} == set(
        ego_network(load_directory(FIXTURE), "region-orebro", 1).nodes
    )
    st.cache_data.clear()
    at = _landing(open_page, {})
    assert made == ["layout", "spec"]  # without the start's, the landing makes them: the same data
    assert graph_data(at)["version"] == prepared["version"]
