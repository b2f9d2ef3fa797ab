"""Explore: an interactive picture of the network around one entity, with filters and a profile beside it.

Run by ``st.navigation`` as a script (see ``ui/app.py``); ``render()`` draws the page. The view (focus, radius,
filters, cap, the profiled node) lives in the URL, so a link opens the same picture. A session's first run (the
landing) sends the page's title and the graph alone; the profile, the controls, the exports and the frame's sidebar
parts come once the browser has drawn the graph (``LANDED``).
"""

from __future__ import annotations

import datetime as dt

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from network.directory import Directory
from network.queries import ViewFilter
from network.timeline import year_range
from ui.app import EXPLORE_LANDED, hold_frame
from ui.colouring import colour_control, colour_param
from ui.explore_view import CAP_ENV, MAX_CAP, build_view, default_cap, drawing, view_graph
from ui.export_widgets import export_buttons
from ui.graphview import show_graph
from ui.i18n import current_language, in_language, t
from ui.profile import show_profile
from ui.saved_views import saved_views_panel
from ui.sections import lazy_section
from ui.state import fingerprint, get_directory
from ui.urlstate import Param, View, int_in, known_id
from ui.widgets import (
    FILTER_NAMES,
    entity_label,
    entity_picker,
    filter_controls,
    filter_params,
    set_entity,
    show_notes,
    view_filter,
)

__all__ = ["render", "view_of", "CAP_ENV", "FILTERS_OPEN", "LANDED", "build_view"]

#: The choices of "steps from the focus".
RADII = (1, 2, 3)
#: The session-state key of the filter section's open state (``st.expander``; tests open it with this).
FILTERS_OPEN = "explore.filters_open"
#: The session flag set once the landing's graph has been drawn (the graph's component reports it): until then the
#: page sends the graph and the profile's text only, not the controls (tests set it to see the whole page at once).
LANDED = EXPLORE_LANDED
#: The height (px) the side column's controls take, kept free on the landing so nothing moves when they come.
CONTROLS_HEIGHT = 328


def view_of(directory: Directory) -> View:
    """The page's URL parameters: focus, radius, the filters, the cap and the profiled node."""
    return View(
        "explore",
        [
            Param("focus", directory.home, known_id(directory)),
            Param("radius", 1, int_in(RADII[0], RADII[-1])),
            *filter_params(directory),
            Param("max", default_cap(), int_in(10, MAX_CAP)),
            Param("node", None, known_id(directory)),
            colour_param(),
            Param("year", None, int_in(1000, 3000)),
        ],
    )


def _trim_message(shown: int, total: int, edges: int) -> None:
    if total > shown:
        st.warning(
            t("explore.showing", shown=shown, total=total, rule=t("explore.trim_rule")), icon=":material/filter_alt:"
        )
    else:
        st.caption(t("explore.showing_all", shown=shown, edges=edges))


def count_filters_in(view: View) -> int:
    """How many filters are on (before the widgets are drawn, from their state), the year included."""
    return sum(bool(view.value(name)) for name in FILTER_NAMES) + (view.value("year") is not None)


def _refocus(view: View, node: str) -> None:
    set_entity(view.key("focus"), node)


def _profile(view: View, node: str) -> None:
    """A click on an entity in the graph: its profile opens beside it (and the URL names it)."""
    st.session_state[view.key("node")] = node


def _profile_panel(directory: Directory, view: View, graph, focus: str, *, landing: bool = False) -> None:
    """The profile of the chosen entity under a list of the entities in view. On the landing (``landing``) nothing
    yet: the profile comes with the rest of the page once the graph is drawn."""
    names = sorted(graph.nodes, key=lambda n: (n != focus, directory.name_of(n).lower(), n))
    key, last_focus = view.key("node"), "_explore.last_focus"
    if st.session_state.get(key) not in names or st.session_state.get(last_focus, focus) != focus:
        st.session_state[key] = focus  # a new focus: show its profile
    st.session_state[last_focus] = focus
    if landing:
        return
    with in_language(current_language()):  # a hub's 1,400 labels: the session's language read once, not per label
        labels = {i: entity_label(directory, i) for i in names}
    node = st.selectbox(
        t("explore.profile_of"),
        names,
        key=key,
        format_func=labels.__getitem__,
        help=t("explore.profile_of_help"),
    )
    if node != focus:
        st.button(
            t("explore.refocus"),
            key=view.key("refocus"),
            help=t("explore.refocus_help"),
            on_click=_refocus,
            args=(view, node),
            icon=":material/center_focus_strong:",
        )
    with st.container(border=True):
        show_profile(directory, node, compact=True)


@st.cache_resource(show_spinner=False, max_entries=4)
def _year_range(fp: str, today: dt.date, _directory: Directory) -> tuple[int, int] | None:
    """``network.timeline.year_range`` once per data version and day: it reads the date of every relation
    (200,000 at the issue's size) and was run on every rerun."""
    return year_range(_directory, today)


def _year_control(directory: Directory, view: View, flt: ViewFilter, *, draw: bool = True) -> ViewFilter:
    """The year slider: the network as it was in one year (relations active then; undated ones kept). It is in the
    filter section; ``draw=False`` (the section closed) applies the URL's or the session's year without widgets."""
    years = _year_range(fingerprint(directory), dt.date.today(), directory)
    key = view.key("year")
    if years is None:
        st.session_state[key] = None
        return flt
    low, high = years
    if not draw:
        year = st.session_state.get(key)
        if year is None:
            return flt
        year = year if isinstance(year, int) and low <= year <= high else high
        st.session_state[key] = year  # kept as the session's own value (the slider is not drawn in this run)
        return ViewFilter(
            kinds=flt.kinds, relations=flt.relations, countries=flt.countries, themes=flt.themes, active_on=str(year)
        )
    on = st.toggle(
        t("year.toggle"),
        value=st.session_state.get(key) is not None,
        key="_explore.year_on",
        help=t("year.toggle_help"),
    )
    if not on:
        st.session_state[key] = None
        return flt
    if not isinstance(st.session_state.get(key), int) or not low <= st.session_state[key] <= high:
        st.session_state[key] = high
    year = st.slider(t("year.slider"), low, high, key=key, help=t("year.slider_help"))
    return ViewFilter(
        kinds=flt.kinds, relations=flt.relations, countries=flt.countries, themes=flt.themes, active_on=str(year)
    )


def _landing(directory: Directory, view: View) -> bool:
    """Whether this run is the landing: the session's first Explore run with a focus to draw, before its graph has
    been drawn. The browser shows each element only once the code of the page's last new element type is in
    (React's Suspense, docs/performance.md, "Graph in the dashboard"), and the browser draws every element that
    has arrived before the graph's component can start (docs/performance.md, ninth session). So the landing sends
    the page's title and the graph alone, and asks the frame to leave its sidebar parts and banner out
    (``ui.app.hold_frame``; the page menu is left out of a session's first Explore run too, ``ui.app._menu_held``);
    the profile, the controls (text box, select boxes, buttons, page links: ~35 script files), the exports and the
    frame come in the run the graph's component asks for once it has drawn (``_landed``)."""
    landing = not st.session_state.get(LANDED) and view.value("focus") in directory
    if landing:
        hold_frame()
    return landing


def _landed() -> None:
    """The landing's graph has been drawn: from now on every run sends the whole page."""
    st.session_state[LANDED] = True


def _landing_view(directory: Directory, view: View) -> tuple[str, int, ViewFilter, int, str]:
    """The view the landing draws (focus, radius, filter, cap, colour), from the URL's and the session's values,
    kept as the session's own (the widgets that own them are not drawn in this run)."""
    for name in ("focus", "radius", *FILTER_NAMES, "max", "colour"):
        st.session_state[view.key(name)] = view.value(name)
    flt = _year_control(directory, view, view_filter(view), draw=False)
    return view.value("focus"), view.value("radius"), flt, view.value("max"), view.value("colour") or "kind"


def _controls(directory: Directory, view: View) -> tuple[str | None, int, ViewFilter, int, str]:
    """The side column's controls: the focus picker, the steps, the filter section and the colouring."""
    focus = entity_picker(
        directory,
        view.key("focus"),
        label=t("explore.focus"),
        help=t("explore.focus_help"),
        suggestions=[s for s in (directory.home,) if s],
    )
    # Three buttons, not a slider: a slider's script files (with moment.js and numbro, 0.13 MB in seven files)
    # were the browser's to fetch from this server before the graph could appear.
    radius = st.segmented_control(
        t("explore.radius"), RADII, key=view.key("radius"), help=t("explore.radius_help"), required=True
    )
    on = count_filters_in(view)
    title = t("filter.title") + (f" ({t('filter.active_count', n=on)})" if on else "")
    # The filter widgets are made only while their section is open (opening it reruns the page): closed, the
    # view's filter comes from the URL's and the session's values, and the browser has a dozen widgets fewer
    # to load and draw before the graph (see docs/performance.md, "Graph in the dashboard").
    section = lazy_section(title, icon=":material/filter_list:", expanded=bool(on), key=FILTERS_OPEN)
    if section.open:
        with section:
            flt, last = filter_controls(directory, view)
            with last:
                cap = st.number_input(
                    t("filter.cap"),
                    min_value=10,
                    max_value=MAX_CAP,
                    step=100,
                    key=view.key("max"),
                    help=t("filter.cap_help"),
                )
            flt = _year_control(directory, view, flt)
    else:
        flt, cap = view_filter(view), view.value("max")
        for name in (*FILTER_NAMES, "max"):  # kept as the session's own values (Streamlit drops the state of
            st.session_state[view.key(name)] = view.value(name)  # a widget not drawn in a run)
        flt = _year_control(directory, view, flt, draw=False)
    return focus, radius, flt, cap, colour_control(view)


def render() -> None:
    directory = get_directory()
    view = view_of(directory)
    notes = view.restore()
    head = st.container()  # the title and the notes (``_head``), filled after the graph
    if not directory.graph.number_of_nodes():
        _head(head, notes)
        st.info(t("explore.no_focus"))
        view.save()
        return
    # The graph on the left from the top of the page (on a 1280x720 screen it is all on the first screen); the
    # controls and the profile on the right.
    draw, side = st.columns([3, 2])
    landing = _landing(directory, view)
    with side:
        if landing:
            focus, radius, flt, cap, mode = _landing_view(directory, view)
            st.container(height=CONTROLS_HEIGHT, border=False)  # the controls' place
        else:
            focus, radius, flt, cap, mode = _controls(directory, view)
    if focus is None:
        _head(head, notes)
        with draw:
            st.info(t("explore.pick_focus"))
        saved_views_panel(directory, "explore")
        view.save()
        return
    try:
        graph, total = view_graph(directory, focus, radius, flt, int(cap))
    except ImportError as exc:
        _head(head, notes)
        if landing:  # no graph to wait for: the whole page at once
            _landed()
            st.rerun()
        with draw:
            st.info(t("explore.unavailable", detail=type(exc).__name__))
        view.save()
        return
    with draw:
        if graph.number_of_nodes() <= 1:
            st.info(t("explore.empty"))
        # the drawing's arguments as ``ui.explore_view.prepare`` makes them for the default view at the start
        args = drawing(directory, graph, total, focus, radius, flt, int(cap), mode)
        graph_slot = st.container()  # filled by the fragment below
        below = st.container()  # the trimming note, the hint and the exports: after the graph, as ``_head``
    with side:
        profile_slot = st.container()
    _graph_and_profile(
        directory,
        view,
        graph,
        focus,
        graph_slot,
        profile_slot,
        landing,
        args,
    )
    _head(head, notes)
    if not landing:  # the landing sends the graph alone (``_landing``)
        with below:
            _trim_message(graph.number_of_nodes(), total, graph.number_of_edges())
            st.caption(t("explore.graph_hint") + " " + t("explore.legend_shape"))
            export_buttons(
                directory,
                graph,
                view_key=args["view_key"],
                focus=focus,
                total=total,
                key="explore.export",
                title=args["title"],
                lazy=True,
            )
        saved_views_panel(directory, "explore")
    view.save(skip=("node",) if view.value("node") == focus else ())


def _head(head: DeltaGenerator, notes: list[str]) -> None:
    """The page's title, its introduction and the notes about the link, in their place at the top (``head``). Sent
    after the graph: the browser draws elements in the order they come, so the graph is not held back by them."""
    with head:
        st.title(t("explore.title"), anchor=False)
        st.caption(t("explore.intro"))
        show_notes(notes)


@st.fragment
def _graph_and_profile(
    directory: Directory, view: View, graph, focus: str, graph_slot, profile_slot, landing: bool, drawing: dict
):
    """The graph and the profile beside it, as one fragment: a click on an entity (or a choice in the profile's
    list) reruns only this, not the page's controls, filters and exports (a whole rerun took seconds in the
    browser). A new focus (a double-click, "put it in the centre") needs the whole page, so it reruns the app.
    The arguments are the last full run's: a fragment rerun gets the same graph and focus. On the landing the
    component reports its first drawing (``_landed``), and that fragment rerun reruns the app: the whole page."""
    if view.value("focus") != focus or (landing and st.session_state.get(LANDED)):
        st.rerun()
    with graph_slot:
        show_graph(
            directory,
            graph,
            key="explore.graph",
            on_select=lambda node: _profile(view, node),
            on_focus=lambda node: _refocus(view, node),
            on_drawn=_landed if landing else None,
            **drawing,
        )
    with profile_slot:
        _profile_panel(directory, view, graph, focus, landing=landing)
    view.save(skip=("node",) if view.value("node") == focus else ())


if __name__ == "__main__":
    render()
