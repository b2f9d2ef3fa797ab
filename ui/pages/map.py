"""Map: organisations per country (choropleth) and a dot for every organisation with coordinates, offline.

Drawn with pydeck over the bundled Natural Earth countries (``network/geo.py``) and no base map
(``map_provider=None``), so nothing is fetched from a tile server. The same filters as Explore apply, to the whole
directory or to the entities within the radius of a focus. Clicking a dot selects it (``on_select``) and shows its
profile; the list below the map does the same without a mouse.
"""

from __future__ import annotations

import json
import weakref
from functools import lru_cache

import pandas as pd
import streamlit as st

from network import geo
from network.directory import Directory
from network.queries import ViewFilter, ego_nodes
from ui.i18n import current_language, t
from ui.profile import show_profile
from ui.saved_views import saved_views_panel
from ui.state import fingerprint, get_directory
from ui.urlstate import Param, View, dump_flag, flag, int_in, known_id, one_of
from ui.widgets import (
    FILTER_NAMES,
    country_label,
    entity_label,
    entity_picker,
    filter_controls,
    filter_key,
    filter_params,
    show_notes,
)

__all__ = ["render", "view_of", "map_nodes", "layer_data", "deck"]

_SCOPES = ("all", "focus")
_POINT_COLOUR = [213, 94, 0, 210]  # the organisation orange-red of the Okabe–Ito palette, over blue countries


def view_of(directory: Directory) -> View:
    return View(
        "map",
        [
            Param("scope", "all", one_of(_SCOPES)),
            Param("focus", directory.home, known_id(directory)),
            Param("radius", 2, int_in(1, 3)),
            *filter_params(directory),
            Param("points", True, flag, dump_flag),
            Param("org", None, known_id(directory)),
        ],
    )


def map_nodes(directory: Directory, flt: ViewFilter, focus: str | None = None, radius: int = 1) -> list[str]:
    """The organisations the map counts: those the filter keeps, in the whole directory or around ``focus``."""
    nodes = directory.graph.nodes
    if focus is not None:
        around = ego_nodes(directory, focus, radius, flt)
        return [n for n in around if nodes[n].get("kind") == "organisation"]
    if flt.kinds is None and flt.countries is None and flt.themes is None:  # node_ok keeps every organisation:
        # its table's ids, without testing 170,000 entities against no filter
        table = directory.tables.get("organisation")
        return [] if table is None else [i for i in table["id"].tolist() if i in nodes]
    return [n for n, a in nodes(data=True) if a.get("kind") == "organisation" and flt.node_ok(a)]


@st.cache_resource(show_spinner=False, max_entries=16)
def _layers(
    fp: str, key: tuple, language: str, _directory: Directory, _nodes: list[str]
) -> tuple[dict, list, list[str]]:
    """The map's two layers, once per data version, view and language. ``st.cache_resource``: the same objects for
    every rerun (``cache_data`` unpickled a copy of 60,000 points on each); nothing changes them afterwards."""
    return layer_data(_directory, _nodes)


def layer_data(directory: Directory, nodes: list[str]) -> tuple[dict, list[dict], list[str]]:
    """The countries (with counts, colours and tooltips), the dots in the current language and the dots' ids; only
    what the browser needs goes into the chart, in short keys, since all of it is sent as JSON (60,000 dots:
    bench/bench_map_browser.py times the page).

    A dot is ``{"p": [lon, lat], "t": tooltip}``: the position as deck.gl reads it and the only text. Its id stays on
    the server: a click sends back the dot's index in the layer (``_clicked``), and ``ids[index]`` is the
    organisation (an id in every dot was a third of the bytes)."""
    names = {
        feature["properties"]["iso"]: country_label(feature["properties"]["iso"])
        for feature in geo.countries_geojson()["features"]
        if feature["properties"]["iso"]
    }
    countries = geo.choropleth(directory, nodes, names=names)
    for feature in countries["features"]:
        props = feature["properties"]
        props["tip"] = t("map.tooltip", label=props["label"], count=props["count"])
    placed = geo.points(directory, nodes)
    points = [
        {
            "p": [round(point["lon"], 5), round(point["lat"], 5)],  # about a metre: more digits are only bytes
            "t": f"{point['name']} ({names.get(point['country']) or country_label(point['country'])})",
        }
        for point in placed
    ]
    return countries, points, [point["id"] for point in placed]


@st.cache_resource(show_spinner=False, max_entries=16)
def _chart(fp: str, key: tuple, language: str, show_points: bool, _countries: dict, _points: list):
    """The chart, once per data version, view, language and dots on/off: its JSON (megabytes for 60,000 dots) is written
    once and every rerun sends the same text (``deck``'s JSON is kept with it)."""
    return deck(_countries, _points, show_points)


@st.cache_resource(show_spinner=False, max_entries=16)
def _map_nodes(fp: str, key: tuple, _directory: Directory, _flt: ViewFilter) -> list[str]:
    """``map_nodes`` once per data version and view (``key``: scope, focus, radius, filters): it tests every
    entity against the filter, 60,000 and more, and was run on every rerun."""
    _scope, focus, radius, _ = key
    return map_nodes(_directory, _flt, focus, radius)


@st.cache_resource(show_spinner=False, max_entries=16)
def _per_country(fp: str, key: tuple, _directory: Directory, _nodes: list[str]) -> dict[str, int]:
    return geo.partners_per_country(_directory, _nodes)


@st.cache_resource(show_spinner=False, max_entries=4)
def _labels(fp: str, language: str, _directory: Directory) -> dict[str, str]:
    """How the picker names each organisation ("Name (Organisation)"), once per data version and language: the
    list holds every organisation on the map, and naming 60,000 of them took a large part of each rerun."""
    return {i: entity_label(_directory, i) for i in _directory.tables.get("organisation", {"id": []})["id"]}


def deck(countries: dict, points: list, show_points: bool):
    """The pydeck chart: countries coloured by their count and, optionally, the organisations' dots (clickable).

    The countries are not pickable: with a pickable GeoJsonLayer on the chart, Streamlit 1.67 never sends a click
    on a dot to the script (measured in headless Chromium; tests/browser/test_map_browser.py). The counts per
    country are in the table below the map instead of a tooltip.

    ``map_provider=None`` with pydeck's default ``map_style`` writes its "no style" marker, which Streamlit's front
    end removes: no base map, nothing fetched. (``map_style=None`` or "" would make Streamlit add Carto's tiles.)"""
    import pydeck as pdk

    layers = [
        pdk.Layer(
            "GeoJsonLayer",
            data=countries,
            id="countries",
            pickable=False,
            stroked=True,
            filled=True,
            get_fill_color="properties.fill",
            get_line_color=[255, 255, 255, 255],
            line_width_min_pixels=0.5,
        )
    ]
    if show_points and points:
        layers.append(
            pdk.Layer(
                "ScatterplotLayer",
                data=points,
                id="organisations",
                pickable=True,
                get_position="p",
                get_radius=3000,
                radius_min_pixels=3,
                radius_max_pixels=12,
                get_fill_color=_POINT_COLOUR,
                get_line_color=[31, 41, 51],
                line_width_min_pixels=0.5,
                stroked=True,
                auto_highlight=True,
            )
        )
    return _compact_deck()(
        layers=layers,
        map_provider=None,
        views=[pdk.View("MapView", controller=True)],
        initial_view_state=pdk.ViewState(latitude=54.0, longitude=15.0, zoom=2.6),
        tooltip={"text": "{t}"},
    )


@lru_cache(maxsize=1)
def _compact_deck():
    """``pydeck.Deck`` whose JSON (what ``st.pydeck_chart`` sends) is compact and written once per chart.

    pydeck writes it with ``indent=2``, which makes Python's JSON encoder take its pure-Python path: for 60,000
    dots that was most of the map's 4.7 s and half of its 16 MB. The same objects, keys sorted as pydeck sorts
    them, without indentation, go through the C encoder (docs/performance.md, "Insights and the map"). The text is
    kept on the chart: the page keeps its charts (``_chart``) and nothing changes one after it is made."""
    import pydeck as pdk
    from pydeck.bindings.json_tools import default_serialize

    texts: weakref.WeakKeyDictionary = weakref.WeakKeyDictionary()  # not an attribute: pydeck would write it out

    class CompactDeck(pdk.Deck):
        def to_json(self) -> str:
            text = texts.get(self)
            if text is None:
                text = texts[self] = json.dumps(self, sort_keys=True, default=default_serialize, separators=(",", ":"))
            return text

    return CompactDeck


def _clicked(event) -> int | None:
    """The index of the clicked dot in the dots' layer (``layer_data``'s ids say which organisation it is)."""
    try:
        chosen = event.selection["indices"].get("organisations") or []
    except (AttributeError, KeyError, TypeError):
        return None
    return chosen[0] if chosen and isinstance(chosen[0], int) else None


def render() -> None:
    directory = get_directory()
    view = view_of(directory)
    notes = view.restore()
    st.title(t("map.title"), anchor=False)
    st.caption(t("map.intro"))
    show_notes(notes)
    left, middle, right = st.columns([1, 2, 1])
    scope = left.radio(
        t("map.scope"),
        _SCOPES,
        key=view.key("scope"),
        format_func=lambda s: t(f"map.scope.{s}"),
        help=t("map.scope_help"),
    )
    focus = None
    if scope == "focus":
        with middle:
            focus = entity_picker(
                directory,
                view.key("focus"),
                label=t("explore.focus"),
                help=t("explore.focus_help"),
                suggestions=[s for s in (directory.home,) if s],
            )
        radius = right.slider(t("explore.radius"), 1, 3, key=view.key("radius"), help=t("explore.radius_help"))
    else:
        radius = 1
    on = sum(bool(view.value(name)) for name in FILTER_NAMES)
    with st.expander(
        t("filter.title") + (f" ({t('filter.active_count', n=on)})" if on else ""),
        icon=":material/filter_list:",
        expanded=bool(on),
    ):
        st.caption(t("map.filters_note"))
        flt, last = filter_controls(directory, view)
        with last:
            show_points = st.toggle(t("map.points"), key=view.key("points"), help=t("map.points_help"))
    key = (scope, focus, int(radius), filter_key(flt))
    nodes = _map_nodes(fingerprint(directory), key, directory, flt)
    if not nodes:
        st.info(t("map.no_orgs"))
        saved_views_panel(directory, "map")
        view.save()
        return
    countries, points, ids = _layers(fingerprint(directory), key, current_language(), directory, nodes)
    try:
        event = st.pydeck_chart(
            _chart(fingerprint(directory), key, current_language(), bool(show_points), countries, points),
            on_select="rerun",
            selection_mode="single-object",
            key="map.deck",
            height=560,
        )
    except ImportError as exc:
        st.info(t("map.unavailable", detail=type(exc).__name__))
        event = None
    if not points:
        st.caption(t("map.no_points"))
    clicked = _clicked(event)
    # the chart keeps its selection across reruns (and across a change of view): apply a click once, so the list
    # below can still choose another and a selection kept from another view does not choose for the user
    if clicked is not None and clicked != st.session_state.get("map.last_click") and 0 <= clicked < len(ids):
        st.session_state[view.key("org")] = ids[clicked]
    st.session_state["map.last_click"] = clicked
    table, profile = st.columns([1, 2])
    with table:
        counts = _per_country(fingerprint(directory), key, directory, nodes)
        frame = pd.DataFrame(
            {t("map.col.country"): [country_label(c) for c in counts], t("map.col.count"): list(counts.values())}
        )
        st.caption(t("map.counts"))
        st.dataframe(frame, hide_index=True, height=300)
    with profile:
        if ids:
            if st.session_state.get(view.key("org")) not in ids:
                st.session_state[view.key("org")] = None
            labels = _labels(fingerprint(directory), current_language(), directory)
            chosen = st.selectbox(
                t("map.pick"),
                ids,
                key=view.key("org"),
                format_func=lambda i: labels.get(i) or entity_label(directory, i),
                help=t("map.pick_help"),
                placeholder=t("picker.placeholder"),
            )
            if chosen:
                st.caption(t("map.clicked"))
                with st.container(border=True):
                    show_profile(directory, chosen, compact=True)
    saved_views_panel(directory, "map")
    view.save()


if __name__ == "__main__":
    render()
