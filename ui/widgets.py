"""Controls shared by the pages: the entity search picker, the view filters, and small formatting helpers.

Every control has help text from ``i18n``. Entities are found with ``network.search`` (accents and capitals do not
matter, small typos are forgiven), so "Orebro" finds "Region Örebro län".
"""

from __future__ import annotations

import datetime as dt
from typing import Iterable, Sequence

import streamlit as st
from streamlit.delta_generator import DeltaGenerator

from network import schema
from network.countries import country_name
from network.directory import Directory
from network.personal_data import personal_columns
from network.queries import ViewFilter
from network.search import search

from .auth import can
from .i18n import current_language, escape_markdown, kind_label, relation_label, t, theme_label, tm
from .state import directory_stats, fingerprint
from .urlstate import Param, View, iso_date, join, some_of
from .urlstate import dump_date as _dump_date

__all__ = [
    "entity_label",
    "entity_picker",
    "set_entity",
    "facets",
    "filter_params",
    "filter_controls",
    "country_label",
    "show_notes",
    "filter_key",
    "view_filter",
    "FILTER_NAMES",
    "escape_markdown",
    "DEFAULT_CAP",
]

#: Views above this many nodes are trimmed (``NETWORK_MAX_NODES`` overrides it; the page has a control too).
DEFAULT_CAP = 2000
_SEARCH_LIMIT = 30


def entity_label(directory: Directory, entity_id: str) -> str:
    """ "Region Örebro län (Organisation)": how an entity is named in pickers."""
    if entity_id not in directory:
        return entity_id
    return t("picker.current", name=directory.name_of(entity_id), kind=kind_label(directory.kind_of(entity_id)))


def country_label(code: str) -> str:
    return country_name(code, current_language()) if code else ""


def set_entity(key: str, entity_id: str | None) -> None:
    """Choose an entity in a picker from code (a callback, or before the picker is drawn)."""
    st.session_state[key] = entity_id


def entity_picker(
    directory: Directory,
    key: str,
    *,
    label: str,
    help: str,
    suggestions: Sequence[str] = (),
    kinds: Iterable[str] | None = None,
) -> str | None:
    """A search box and a list of matches. The chosen id is kept in ``st.session_state[key]`` and returned.

    A new search picks its best match at once; the list below offers the other matches. With an empty search
    the list offers the current choice and ``suggestions`` (such as the home organisation). When the choice is
    changed from outside (a link, a "swap" or "put it in the centre" button), the search box is cleared.
    """
    query_key, pick_key, last_query_key, chosen_key = f"{key}.q", f"{key}.pick", f"_{key}.query", f"_{key}.chosen"
    current = st.session_state.get(key)
    if current not in directory:
        current = None
    if chosen_key not in st.session_state or st.session_state[chosen_key] != current:
        st.session_state[query_key] = ""
        st.session_state[last_query_key] = ""
        st.session_state.pop(pick_key, None)
    query = st.text_input(
        label, key=query_key, placeholder=t("picker.placeholder"), help=f"{help} {t('picker.search_help')}"
    )
    options: list[str] = []
    if query.strip():
        options = [hit.id for hit in search(directory, query, kinds=kinds, limit=_SEARCH_LIMIT)]
        if not options:
            st.caption(tm("picker.no_match", query=query))
    if not options:
        options = [i for i in dict.fromkeys([current, *suggestions]) if i and i in directory]
    if not options:
        st.caption(t("picker.none"))
        st.session_state[key] = st.session_state[chosen_key] = None
        return None
    if query.strip() and query != st.session_state.get(last_query_key):
        st.session_state[pick_key] = options[0]  # a new search: its best match
    elif st.session_state.get(pick_key) not in options:
        st.session_state[pick_key] = current if current in options else options[0]
    st.session_state[last_query_key] = query
    chosen = st.selectbox(
        t("picker.choose"),
        options,
        key=pick_key,
        format_func=lambda i: entity_label(directory, i),
        help=t("picker.choose_help"),
        label_visibility="collapsed",
    )
    st.session_state[key] = st.session_state[chosen_key] = chosen
    return chosen


@st.cache_data(show_spinner=False, max_entries=8)
def _facets(fp: str, public: bool, _directory: Directory) -> dict[str, list[str]]:
    graph = _directory.graph
    countries: set[str] = set()
    themes: set[str] = set()
    private = {k for k in schema.KINDS if "themes" in personal_columns(k)} if public else set()
    for _, attrs in graph.nodes(data=True):
        if attrs.get("country"):
            countries.add(attrs["country"])
        if attrs.get("kind") not in private:  # a viewer is not offered a theme only a person's row holds
            themes.update(attrs.get("themes", ()))
    # the relation types present, from the counts every page already has (walking 200,000 edges took seconds)
    relations = sorted(directory_stats(_directory)["by_relation"], key=list(schema.RELATION_TYPES).index)
    return {
        "countries": sorted(countries),
        "themes": sorted(themes),
        "relations": relations,
        "kinds": [k for k in schema.KINDS if len(_directory.tables.get(k, ()))],
    }


def facets(directory: Directory) -> dict[str, list[str]]:
    """The values the filters can offer: the countries, themes, relation types and kinds present in the data (for
    a viewer, without people's themes, which are personal data)."""
    return _facets(fingerprint(directory), not can("see_contacts"), directory)


def filter_params(directory: Directory) -> list[Param]:
    """The URL parameters of the view filters (kinds, rel, countries, themes, on)."""
    found = facets(directory)
    return [
        Param("kinds", [], some_of(schema.KINDS), join),
        Param("rel", [], some_of(schema.RELATION_TYPES), join),
        Param("countries", [], some_of(found["countries"]), join),
        Param("themes", [], some_of(found["themes"]), join),
        Param("on", None, iso_date, _dump_date),
    ]


FILTER_NAMES = ("kinds", "rel", "countries", "themes", "on")


def _reset(view: View) -> None:
    view.reset(FILTER_NAMES)


def filter_controls(directory: Directory, view: View) -> tuple[ViewFilter, DeltaGenerator]:
    """The filter widgets in three columns (their values come from ``view``).

    Returns the filter they describe and the last column, where a page may add controls of its own.
    """
    found = facets(directory)
    first, second, last = st.columns(3)
    kinds = first.multiselect(
        t("filter.kinds"),
        found["kinds"],
        key=view.key("kinds"),
        format_func=lambda k: kind_label(k, plural=True),
        help=t("filter.kinds_help"),
        placeholder=t("filter.all"),
    )
    relations = first.multiselect(
        t("filter.relations"),
        list(schema.RELATION_TYPES),
        key=view.key("rel"),
        format_func=relation_label,
        help=t("filter.relations_help"),
        placeholder=t("filter.all"),
    )
    countries = second.multiselect(
        t("filter.countries"),
        found["countries"],
        key=view.key("countries"),
        format_func=country_label,
        help=t("filter.countries_help"),
        placeholder=t("filter.all"),
    )
    themes = second.multiselect(
        t("filter.themes"),
        found["themes"],
        key=view.key("themes"),
        format_func=theme_label,
        help=t("filter.themes_help"),
        placeholder=t("filter.all"),
    )
    active_on = last.date_input(
        t("filter.active"),
        key=view.key("on"),
        help=t("filter.active_help"),
        min_value=dt.date(1900, 1, 1),
        max_value=dt.date(2100, 12, 31),
        format="YYYY-MM-DD",
    )
    second.button(
        t("filter.reset"),
        key=view.key("reset"),
        help=t("filter.reset_help"),
        on_click=_reset,
        args=(view,),
        icon=":material/restart_alt:",
    )
    return _view_filter(kinds, relations, countries, themes, active_on), last


def _view_filter(kinds, relations, countries, themes, active_on) -> ViewFilter:
    return ViewFilter(
        kinds=frozenset(kinds) if kinds else None,
        relations=frozenset(relations) if relations else None,
        countries=frozenset(countries) if countries else None,
        themes=frozenset(themes) if themes else None,
        active_on=active_on.isoformat() if isinstance(active_on, dt.date) else None,
    )


def view_filter(view: View) -> ViewFilter:
    """The filter the widgets of ``filter_controls`` would describe, from ``view``'s values alone: for a page that
    draws the filter widgets only when their section is open (Explore: fewer widgets before the graph shows)."""
    return _view_filter(*(view.value(name) for name in FILTER_NAMES))


def filter_key(flt: ViewFilter) -> tuple:
    """A stable, hashable key for a filter (sorted tuples), for caches."""
    return tuple(
        tuple(sorted(v)) if isinstance(v, frozenset) else v
        for v in (flt.kinds, flt.relations, flt.countries, flt.themes, flt.active_on)
    )


def show_notes(notes: Sequence[str]) -> None:
    """Say which parts of a link were ignored (bad values), so the view is never silently different."""
    if notes:
        st.warning(f"**{t('url.ignored_title')}**\n\n" + "\n".join(f"- {escape_markdown(n)}" for n in notes))
