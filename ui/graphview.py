"""Drawing a view of the graph in the page: a Streamlit component (custom components v2) that reports clicks.

The browser loads vis-network and ``graph.js`` once, from the app's static folder (``server.enableStaticServing``,
``static/graph/``); each rerun sends only the view's data (``graph_spec``), and the same data again leaves the
drawing alone; once the browser has reported a version drawn (``on_drawn``) or sent a click from it, later runs of
that version send it without its data (the browser keeps the last few versions' data, and asks again if it lost
one). A click on an entity calls ``on_select(id)``, a double-click ``on_focus(id)``, before the rerun's widgets are
drawn (Streamlit callbacks), so a page can open a profile or change its focus in them.

Positions come from ``compute_layout`` (fast, no physics in the browser) and are cached per data version and view, so
switching the language or the highlighted path re-uses them; the data is cached per data version, view, language
and highlight. Graph objects are passed with a leading underscore so Streamlit does not hash them: the key
arguments (``fp``, ``view_key``) say which view they are.

Unlike the old ``st.iframe``, a v2 component runs in the page itself, so nothing from the data may ever become HTML:
``graph.js`` sets text with ``textContent`` and vis-network shows tooltips with ``innerText``
(``tests/test_interactive.py`` checks that the browser code has no ``innerHTML``).
"""

from __future__ import annotations

import hashlib
import json
from functools import lru_cache
from typing import Callable, Hashable, Iterable, Mapping, Sequence

import networkx as nx
import streamlit as st

from network import schema
from network.directory import Directory
from network.drawing.web_assets import ASSET_DIR, asset_version, graph_css

from .i18n import current_language, kind_label, relation_label, t, vocabulary_words
from .state import fingerprint

__all__ = ["COMPONENT_NAME", "GRAPH_HEIGHT", "asset_urls", "prepare_graph", "show_graph"]

GRAPH_HEIGHT = 560
COMPONENT_NAME = "network_graph"
#: The files the browser loads once, in this order, under the app's static URL.
_ASSETS = ("vis-network.min.js", "graph.js")


@lru_cache(maxsize=1)
def _component():
    return st.components.v2.component(
        COMPONENT_NAME, html="", css=graph_css(), js=(ASSET_DIR / "component.js").read_text(encoding="utf-8")
    )


def asset_urls() -> list[str]:
    """The static files' URLs, under ``server.baseUrlPath``, with a content hash against stale caches."""
    base = str(st.get_option("server.baseUrlPath") or "").strip("/")
    prefix = f"/{base}/" if base else "/"
    return [f"{prefix}app/static/graph/{name}?v={asset_version(name)}" for name in _ASSETS]


@st.cache_data(show_spinner=False, max_entries=64)
def _layout(fp: str, view_key: Hashable, focus: str | None, _graph: nx.MultiDiGraph) -> dict[str, tuple[float, float]]:
    from network.drawing.layout import compute_layout

    return compute_layout(_graph, focus=focus)


def _labels():
    from network.drawing.interactive import Labels

    return Labels(
        kinds={kind: kind_label(kind) for kind in schema.KINDS},
        relations={relation: relation_label(relation) for relation in schema.RELATION_TYPES},
        legend_title=t("explore.legend"),
        loading=t("explore.drawing"),
        download=t("explore.download"),
        download_help=t("explore.download_help"),
        more_leaves=t("explore.more_leaves"),
        open_group=t("explore.open_group"),
        failed=t("explore.failed"),
        lang=current_language(),
        values=vocabulary_words(),
    )


@st.cache_data(show_spinner=False, max_entries=64)
def _spec(
    fp: str,
    view_key: Hashable,
    language: str,
    focus: str | None,
    highlight_nodes: tuple,
    highlight_edges: tuple,
    height: int,
    _graph: nx.MultiDiGraph,
    _positions: dict[str, tuple[float, float]],
    colour_key: Hashable = "kind",
    _colours: Mapping[str, str] | None = None,
    colour_legend: tuple = (),
    colour_title: str = "",
    title: str = "",
    caption: str = "",
) -> tuple[dict, str]:
    """The view's data and a hash of it (the component redraws only when the hash changes)."""
    from network.drawing.interactive import graph_spec

    spec = graph_spec(
        _graph,
        positions=_positions,
        focus=focus,
        highlight_nodes=highlight_nodes,
        highlight_edges=highlight_edges,
        labels=_labels(),
        height_px=height,
        physics=False,
        node_colours=_colours,
        colour_legend=colour_legend,
        colour_title=colour_title,
        title=title,
        caption=caption,
        download_name="network.png",
    )
    text = json.dumps(spec, sort_keys=True, ensure_ascii=False)
    return spec, hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def _forward(key: str, event: str, handler: Callable[[str], None]) -> Callable[[], None]:
    """A component callback that passes the event's value (an entity id) to ``handler``. A click comes from a
    drawing, so the browser has the data last sent: later runs of that version are sent without it."""

    def callback() -> None:
        state = st.session_state.get(key)
        value = state.get(event) if isinstance(state, Mapping) else None
        if isinstance(value, str) and value:
            if st.session_state.get(_sent_key(key)):
                st.session_state[_held_key(key)] = st.session_state[_sent_key(key)]
            handler(value)

    return callback


def _made(
    directory: Directory,
    graph: nx.MultiDiGraph,
    view_key: Hashable,
    focus: str | None,
    highlight_nodes: Sequence[str],
    highlight_edges: Iterable[tuple[str, str]],
    height: int,
    colours: Mapping[str, str] | None,
    colour_key: Hashable,
    colour_legend: Sequence[tuple[str, str]],
    colour_title: str,
    title: str,
    caption: str,
) -> tuple[dict, str]:
    """The view's positions and data, from the caches (``_layout``, ``_spec``) or made now: what ``show_graph``
    sends and ``prepare_graph`` makes ahead. Raises ImportError without the drawing code."""
    fp = fingerprint(directory)
    positions = _layout(fp, view_key, focus, graph)
    return _spec(
        fp,
        view_key,
        current_language(),
        focus,
        tuple(highlight_nodes),
        tuple(highlight_edges),
        height,
        graph,
        positions,
        colour_key,
        colours,
        tuple(colour_legend),
        colour_title,
        title,
        caption,
    )


def prepare_graph(
    directory: Directory,
    graph: nx.MultiDiGraph,
    *,
    view_key: Hashable,
    focus: str | None,
    highlight_nodes: Sequence[str] = (),
    highlight_edges: Iterable[tuple[str, str]] = (),
    height: int = GRAPH_HEIGHT,
    colours: Mapping[str, str] | None = None,
    colour_key: Hashable = "kind",
    colour_legend: Sequence[tuple[str, str]] = (),
    colour_title: str = "",
    title: str = "",
    caption: str = "",
) -> None:
    """Make a view's positions and data now, with the arguments ``show_graph`` will get, so its first drawing finds
    them in the caches (the server's start makes Explore's default view: ``ui.explore_view.prepare``). Draws
    nothing; needs no session (the language is the session's or an ``in_language`` block's). Raises ImportError
    without the drawing code."""
    _made(
        directory,
        graph,
        view_key,
        focus,
        highlight_nodes,
        highlight_edges,
        height,
        colours,
        colour_key,
        colour_legend,
        colour_title,
        title,
        caption,
    )


def show_graph(
    directory: Directory,
    graph: nx.MultiDiGraph,
    *,
    view_key: Hashable,
    focus: str | None,
    highlight_nodes: Sequence[str] = (),
    highlight_edges: Iterable[tuple[str, str]] = (),
    height: int = GRAPH_HEIGHT,
    colours: Mapping[str, str] | None = None,
    colour_key: Hashable = "kind",
    colour_legend: Sequence[tuple[str, str]] = (),
    colour_title: str = "",
    key: str = "graph",
    title: str = "",
    caption: str = "",
    on_select: Callable[[str], None] | None = None,
    on_focus: Callable[[str], None] | None = None,
    on_drawn: Callable[[], None] | None = None,
) -> bool:
    """Draw ``graph`` (the view identified by ``view_key``). Returns False if drawing is unavailable.

    ``colours`` (id → hex, identified by ``colour_key`` for the cache) colour nodes by group or centrality, with
    ``colour_legend`` in the legend; without them nodes are coloured by kind. ``title`` and ``caption`` frame the
    downloaded PNG. ``on_select`` / ``on_focus`` get the id of an entity clicked / double-clicked (called as
    Streamlit callbacks, before the page's widgets); without them the graph sends nothing back. ``on_drawn`` is
    called once the browser has drawn this view (or failed to), in the rerun that report causes: a page can send
    its other elements only then (Explore's landing). ``key`` names the component (one per page)."""
    try:
        with st.spinner(t("explore.drawing")):
            spec, version = _made(
                directory,
                graph,
                view_key,
                focus,
                highlight_nodes,
                highlight_edges,
                height,
                colours,
                colour_key,
                colour_legend,
                colour_title,
                title,
                caption,
            )
    except ImportError as exc:
        st.info(t("explore.unavailable", detail=type(exc).__name__))
        return False
    callbacks = {}
    if on_select:
        callbacks["on_select_change"] = _forward(key, "select", on_select)
    if on_focus:
        callbacks["on_focus_change"] = _forward(key, "focus", on_focus)
    events = bool(callbacks)
    if on_drawn:
        callbacks["on_drawn_change"] = _drawn(key, on_drawn)
    callbacks["on_missing_change"] = _missing(key)
    held = st.session_state.get(_held_key(key)) == version
    st.session_state[_sent_key(key)] = version
    data = {
        "spec": None if held else spec,
        "version": version,
        "assets": asset_urls(),
        "events": events,
        "drawn": bool(on_drawn),
        "failed": spec["text"]["failed"],
    }
    _component()(key=key, data=data, width="stretch", height="content", **callbacks)
    return True


def _held_key(key: str) -> str:
    """The session-state key of the data version the browser has said it holds for the component ``key``."""
    return f"_graph.held.{key}"


def _sent_key(key: str) -> str:
    """The session-state key of the data version last sent to the component ``key``."""
    return f"_graph.sent.{key}"


def _drawn(key: str, handler: Callable[[], None]) -> Callable[[], None]:
    """The ``drawn`` report: its value is the version drawn, so later runs of the same view send it without its
    data (``spec`` None; ~0.9 MB around a hub of a 60,000-organisation directory, docs/performance.md); then
    ``handler``."""

    def callback() -> None:
        state = st.session_state.get(key)
        value = state.get("drawn") if isinstance(state, Mapping) else None
        if isinstance(value, str) and value:
            st.session_state[_held_key(key)] = value
        handler()

    return callback


def _missing(key: str) -> Callable[[], None]:
    """The browser was sent a version without its data and does not have it (a new mount that lost it): the
    rerun this report causes sends the data again."""

    def callback() -> None:
        st.session_state.pop(_held_key(key), None)

    return callback
