"""Explore's colour-by toggle and year slider, and saved views (saved by an editor, seen by a viewer)."""

from __future__ import annotations

import pytest
from dashboard_helpers import FIXTURE, all_text, assert_ok, graph_data

from network import load_directory, views
from network.metrics_jobs import metrics_now
from ui.i18n import SV

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow


def _html(at) -> str:
    """The graph's data as text (the legend's words are in it)."""
    import json

    return json.dumps(graph_data(at)["spec"]["legend"], ensure_ascii=False)


def test_colour_by_group_and_centrality_changes_the_legend(open_page):
    metrics_now(load_directory(FIXTURE))  # the groups, as the background job would have them
    at = open_page("explore", {"colour": "community"})
    assert_ok(at)
    html = _html(at)
    assert SV["colour.legend_community"] in html and SV["insights.community_name"].format(number=1) in html
    at = open_page("explore", {"colour": "centrality"})
    assert SV["colour.legend_centrality"] in _html(at)
    at = open_page("explore")
    assert SV["colour.legend_community"] not in _html(at)


def test_the_year_slider_shows_the_network_as_it_was(open_page):
    at = open_page("explore", {"year": "2005"})
    assert_ok(at)
    assert at.slider(key="explore.year").value == 2005
    assert at.query_params.get("year") in ("2005", ["2005"])


def test_the_year_is_in_the_filter_section_and_kept_while_it_is_closed(open_page):
    from ui.pages.explore import FILTERS_OPEN

    at = open_page("explore", {"year": "2005"})
    assert_ok(at)
    assert at.session_state[FILTERS_OPEN] is True  # a link with a year opens the section, as with any filter
    drawn_open = sorted(node["id"] for node in graph_data(at)["spec"]["nodes"])
    at.session_state[FILTERS_OPEN] = False
    at.run()
    assert_ok(at)
    assert not [s for s in at.slider if s.key == "explore.year"] and not at.toggle  # no year widgets drawn
    assert at.query_params.get("year") in ("2005", ["2005"])
    assert sorted(node["id"] for node in graph_data(at)["spec"]["nodes"]) == drawn_open
    [section] = [e for e in at.expander if e.label.startswith(SV["filter.title"])]
    assert SV["filter.active_count"].format(n=1) in section.label  # the year counts as a filter that is on


def test_an_editor_saves_a_view_and_a_viewer_opens_it(app, data_copy):
    at = app("ed@region.se", "ui/pages/explore.py", {"focus": "reves", "radius": "2"})
    assert_ok(at)
    at.text_input(key="explore.views.name").set_value("REVES i Europa").run()
    [button] = [b for b in at.button if b.key == "explore.views.save"]
    at = button.click().run()
    assert_ok(at)
    saved = views.read_views(data_copy)
    assert [(v.name, v.page) for v in saved] == [("REVES i Europa", "explore")]
    assert "focus=reves" in saved[0].query and "radius=2" in saved[0].query
    viewer = app("someone@region.se", "ui/pages/explore.py")
    assert_ok(viewer)
    assert viewer.selectbox(key="explore.views.pick").value == saved[0].view
    assert SV["views.edit_needed"] in all_text(viewer)
    assert not [b for b in viewer.button if b.key == "explore.views.save"]
