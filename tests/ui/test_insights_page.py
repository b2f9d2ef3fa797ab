"""The Insights page: brokers, groups, stale partners and the timeline from the core's numbers; the progress while
the measures are computed; every item can be opened in the graph or the profile."""

from __future__ import annotations

import pytest
from dashboard_helpers import FIXTURE, all_text, assert_ok

from network import load_directory
from network.insights import build_insights
from network.metrics_jobs import metrics_now
from ui.i18n import SV

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow


def _ready() -> tuple:
    """Compute the fixture's measures in this process, as the page's background job would (same registry)."""
    directory = load_directory(FIXTURE)
    metrics = metrics_now(directory)
    return directory, build_insights(directory, metrics)


@pytest.mark.smoke
def test_brokers_and_groups_are_listed_with_names_from_the_core(open_page):
    directory, found = _ready()
    at = open_page("insights")
    assert_ok(at)
    text = all_text(at)
    assert SV["insights.brokers"] in text
    assert found.brokers, "the fixture has brokers"
    for broker in found.brokers[:3]:
        assert broker.name.replace("-", "\\-") in text or broker.name in text
    assert SV["insights.community_name"].format(number=1) in text


def test_every_named_entity_can_be_opened_in_the_graph_or_its_profile(open_page):
    directory, found = _ready()
    at = open_page("insights")
    chooser = at.selectbox(key="insights.open")
    assert chooser.value == found.brokers[0].id
    other = found.communities[-1].members[-1][0]
    at = chooser.set_value(other).run()
    links = {e.proto.label: e.proto.query_string for e in at.get("page_link")}
    assert links[SV["insights.open_graph"]] == f"focus={other}"
    assert f"id={other}" in links[SV["insights.open_profile"]]


def test_the_timeline_is_drawn(open_page):
    """Three charts, each a Vega-Lite spec written by the page (``st.bar_chart`` imported and ran altair for them,
    ~0.5 s of server CPU): the data are the core's counts per year, the series named in the user's language, the
    titles the language's words."""
    import json

    import pyarrow as pa

    from network.timeline import timeline
    from ui.i18n import in_language, relation_label

    _ready()
    at = open_page("insights")
    assert SV["insights.timeline"] in all_text(at)
    charts = at.get("vega_lite_chart")
    assert len(charts) == 3
    specs = [json.loads(c.proto.spec) for c in charts]
    assert all(s["encoding"]["x"]["title"] == SV["insights.tl_year"] for s in specs)
    assert all(s["encoding"]["y"]["title"] == SV["insights.tl_count"] for s in specs)
    assert [("color" in s["encoding"]) for s in specs] == [True, True, False]  # the new partners: one series
    found = timeline(load_directory(FIXTURE))
    relations = pa.ipc.open_stream(charts[0].proto.data.data).read_pandas()
    with in_language("sv"):
        expected = {
            (str(year), relation_label(relation)): n for (year, relation), n in found.relations.stack().items() if n
        }
    assert {(y, s): n for y, s, n in zip(relations["year"], relations["series"], relations["count"])} == expected
    new = pa.ipc.open_stream(charts[2].proto.data.data).read_pandas()
    assert dict(zip(new["year"], new["count"])) == {str(y): n for y, n in found.new_partners.items()}


def test_english_page(open_page):
    _ready()
    at = open_page("insights")
    at.get_by_key("lang").set_value("en").run()
    assert_ok(at)
    assert "Brokers: who connects our groups" in all_text(at)


def test_missing_countries_compare_with_the_programmes_eligible_group(open_page, data_copy):
    programmes = data_copy / "programmes.csv"
    lines = programmes.read_text("utf-8").splitlines()
    lines[0] += ",eligible_group"
    lines[1] += ",eu"
    programmes.write_text("\n".join(lines) + "\n", "utf-8")
    directory = load_directory(data_copy)
    metrics_now(directory)
    at = open_page("insights", data=data_copy)
    assert_ok(at)
    select = at.selectbox(key="insights.programme")
    assert select.value == ""
    expected = build_insights(directory, metrics_now(directory)).missing_countries
    assert expected and "Österrike" in all_text(at)  # AT is in the EU and has no organisation in the fixture
    at = select.set_value("creative-europe-small").run()
    assert_ok(at)
    assert "Österrike" in all_text(at)


def test_without_relations_the_page_says_what_to_do(open_page, data_copy):
    (data_copy / "relations.csv").write_text("source,relation,target\n", "utf-8")
    for name in ("people.csv", "projects.csv"):
        (data_copy / name).unlink()
    at = open_page("insights", data=data_copy)
    assert_ok(at)
    assert SV["insights.empty"] in all_text(at) or SV["insights.none_brokers"] in all_text(at)
