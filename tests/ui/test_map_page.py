"""The Map page: counts per country from the core, dots for organisations with coordinates, the same filters as
Explore, a profile for the chosen dot, and an empty state that says what to do."""

from __future__ import annotations

import json

import pytest
from dashboard_helpers import all_text, assert_ok

from network import geo, load_directory
from ui.i18n import SV

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow


def _with_coordinates(folder) -> None:
    """Give two organisations coordinates, one written with decimal commas (quoted, as Excel writes it)."""
    path = folder / "organisations.csv"
    lines = path.read_text("utf-8").splitlines()
    lines[0] += ",lat,lon"
    for i, line in enumerate(lines[1:], start=1):
        if line.startswith("region-orebro,"):
            lines[i] += ',"59,2741","15,2066"'
        elif line.startswith("athens-lab,"):
            lines[i] += ",37.98,23.73"
        else:
            lines[i] += ",,"
    path.write_text("\n".join(lines) + "\n", "utf-8")


def _deck(at) -> dict:
    charts = at.get("deck_gl_json_chart")
    assert charts, "no map drawn"
    return json.loads(charts[0].proto.json)


@pytest.mark.smoke
def test_countries_are_coloured_by_the_number_of_organisations(open_page, data_copy):
    _with_coordinates(data_copy)
    at = open_page("map", data=data_copy)
    assert_ok(at)
    spec = _deck(at)
    # No base map: pydeck's "no style" marker, which Streamlit's front end drops; an empty style would make it fetch
    # the default Carto tiles (the browser test checks that no request leaves the computer).
    assert spec.get("mapStyle") == "__MAP_STYLE__" and not spec.get("mapProvider")
    layers = {layer["id"]: layer for layer in spec["layers"]}
    counts = {f["properties"]["iso"]: f["properties"]["count"] for f in layers["countries"]["data"]["features"]}
    expected = geo.partners_per_country(load_directory(data_copy))
    assert expected and all(counts[code] == n for code, n in expected.items())
    points = {p["t"]: tuple(p["p"]) for p in layers["organisations"]["data"]}  # [lon, lat], as deck.gl reads them
    assert points == {
        "Region Örebro län (Sverige)": (15.2066, 59.2741),
        "Athens Culture Lab (Grekland)": (23.73, 37.98),
    }
    assert layers["organisations"]["getPosition"] == "@@=p"
    assert json.loads(at.get("deck_gl_json_chart")[0].proto.tooltip) == {"text": "{t}"}


def test_the_chart_is_written_once_and_kept(data_copy):
    from ui.pages.map import deck, layer_data, map_nodes

    from network.queries import ViewFilter

    _with_coordinates(data_copy)
    directory = load_directory(data_copy)
    everything = map_nodes(directory, ViewFilter())
    assert sorted(everything) == sorted(directory.tables["organisation"]["id"])
    countries, points, ids = layer_data(directory, everything)
    assert sorted(ids) == ["athens-lab", "region-orebro"] and all(set(p) == {"p", "t"} for p in points)
    chart = deck(countries, points, True)
    text = chart.to_json()
    assert chart.to_json() is text  # the same text, not written again (ui/pages/map.py keeps the chart per view)
    assert "networkJson" not in text and json.loads(text)["layers"][1]["id"] == "organisations"


def test_filters_are_the_same_as_in_explore(open_page, data_copy):
    _with_coordinates(data_copy)
    at = open_page("map", {"countries": "GR"}, data=data_copy)
    assert_ok(at)
    layers = {layer["id"]: layer for layer in _deck(at)["layers"]}
    counts = {f["properties"]["iso"]: f["properties"]["count"] for f in layers["countries"]["data"]["features"]}
    assert counts["GR"] >= 1 and counts["SE"] == 0
    assert [p["t"] for p in layers["organisations"]["data"]] == ["Athens Culture Lab (Grekland)"]


def test_choosing_a_dot_shows_its_profile(open_page, data_copy):
    _with_coordinates(data_copy)
    at = open_page("map", data=data_copy)
    at = at.selectbox(key="map.org").set_value("athens-lab").run()
    assert_ok(at)
    assert SV["map.clicked"] in all_text(at)
    assert "Athens Culture Lab" in all_text(at)


def test_without_coordinates_the_page_says_how_to_add_them(open_page):
    at = open_page("map")
    assert_ok(at)
    assert SV["map.no_points"] in all_text(at)


def test_no_matching_organisations_says_what_to_do(open_page):
    at = open_page("map", {"countries": "NO"})
    assert_ok(at)
    assert SV["map.no_orgs"] in all_text(at) or SV["url.ignored"].split("{")[0] in all_text(at)
