"""Drawing a view of the graph in the page: layout and HTML are cached, the HTML goes into ``st.iframe``.

Positions come from ``compute_layout`` (fast, no physics in the browser) and are cached per data version and view, so
switching the language or the highlighted path re-uses them; the HTML is cached per data version, view, language
and highlight. Graph objects are passed with a leading underscore so Streamlit does not hash them: the key
arguments (``fp``, ``view_key``) say which view they are.
"""

from __future__ import annotations

from typing import Hashable, Iterable, Mapping, Sequence

import networkx as nx
import streamlit as st

from network import schema
from network.directory import Directory

from .i18n import current_language, kind_label, relation_label, t, vocabulary_words
from .state import fingerprint

__all__ = ["show_graph", "GRAPH_HEIGHT"]

GRAPH_HEIGHT = 640


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
        lang=current_language(),
        values=vocabulary_words(),
    )


@st.cache_data(show_spinner=False, max_entries=64)
def _html(fp: str, view_key: Hashable, language: str, focus: str | None, highlight_nodes: tuple,
          highlight_edges: tuple, height: int, _graph: nx.MultiDiGraph,
          _positions: dict[str, tuple[float, float]], colour_key: Hashable = "kind",
          _colours: Mapping[str, str] | None = None, colour_legend: tuple = (), colour_title: str = "") -> str:
    from network.drawing.interactive import render_interactive

    return render_interactive(_graph, positions=_positions, focus=focus, highlight_nodes=highlight_nodes,
                              highlight_edges=highlight_edges, labels=_labels(), height_px=height, physics=False,
                              node_colours=_colours, colour_legend=colour_legend, colour_title=colour_title)


def show_graph(directory: Directory, graph: nx.MultiDiGraph, *, view_key: Hashable, focus: str | None,
               highlight_nodes: Sequence[str] = (), highlight_edges: Iterable[tuple[str, str]] = (),
               height: int = GRAPH_HEIGHT, colours: Mapping[str, str] | None = None, colour_key: Hashable = "kind",
               colour_legend: Sequence[tuple[str, str]] = (), colour_title: str = "") -> bool:
    """Draw ``graph`` (the view identified by ``view_key``) in an iframe. Returns False if drawing is unavailable.

    ``colours`` (id → hex, identified by ``colour_key`` for the cache) colour nodes by group or centrality, with
    ``colour_legend`` in the legend; without them nodes are coloured by kind."""
    fp = fingerprint(directory)
    try:
        with st.spinner(t("explore.drawing")):
            positions = _layout(fp, view_key, focus, graph)
            html = _html(fp, view_key, current_language(), focus, tuple(highlight_nodes), tuple(highlight_edges),
                         height, graph, positions, colour_key, colours, tuple(colour_legend), colour_title)
    except ImportError as exc:
        st.info(t("explore.unavailable", detail=type(exc).__name__))
        return False
    name = directory.name_of(focus) if focus and focus in directory else ""
    st.iframe(html, height=height + 20, alt=t("explore.graph_alt", name=name))
    return True
