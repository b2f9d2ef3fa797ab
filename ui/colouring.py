"""Colour by kind, group (community) or centrality in the Explore graph: the control, and the colours it means.

Groups are the whole directory's communities (the Insights page's "Group 3" is the same colour here); while they are
still being computed, nodes keep their kind's colour and the page says so. Centrality is betweenness measured
exactly on the view being shown (cached per data version and view).
"""

from __future__ import annotations

from typing import Hashable, Mapping

import networkx as nx
import streamlit as st

from network.directory import Directory
from network.drawing import style
from network.metrics import betweenness, projection

from .i18n import t
from .metrics_state import directory_metrics
from .state import fingerprint
from .urlstate import Param, View, one_of

__all__ = ["COLOUR_MODES", "colour_param", "colour_control", "view_colours", "Colouring"]

COLOUR_MODES = ("kind", "community", "centrality")
#: Legend rows for groups: the largest ones by name, the rest as "other groups".
_LEGEND_GROUPS = len(style.GROUP_COLOURS)

Colouring = tuple[Mapping[str, str] | None, tuple[tuple[str, str], ...], str]


def colour_param() -> Param:
    return Param("colour", "kind", one_of(COLOUR_MODES))


def colour_control(view: View) -> str:
    return (
        st.segmented_control(
            t("colour.by"),
            COLOUR_MODES,
            key=view.key("colour"),
            help=t("colour.by_help"),
            format_func=lambda mode: t(f"colour.{mode}"),
        )
        or "kind"
    )


@st.cache_data(show_spinner=False, max_entries=32)
def _view_betweenness(fp: str, view_key: Hashable, _graph: nx.MultiDiGraph) -> dict[str, float]:
    values, _ = betweenness(projection(_graph), exact_up_to=_graph.number_of_nodes() + 1)
    return values


def view_colours(directory: Directory, graph: nx.MultiDiGraph, mode: str, view_key: Hashable) -> Colouring:
    """(node → colour, legend rows, legend title) for ``mode``; (None, (), "") means colour by kind."""
    if mode == "community":
        metrics = directory_metrics(directory)
        if metrics is None:
            st.caption(t("colour.waiting"))
            return None, (), ""
        groups = {n: metrics.community.get(n, -1) for n in graph.nodes}
        colours = {n: style.group_colour(g) for n, g in groups.items()}
        present = sorted({g for g in groups.values() if 0 <= g < _LEGEND_GROUPS})
        legend = [(t("insights.community_name", number=g + 1), style.group_colour(g)) for g in present]
        if any(g < 0 or g >= _LEGEND_GROUPS for g in groups.values()):
            legend.append((t("colour.other_groups"), style.OTHER_GROUP))
        return colours, tuple(legend), t("colour.legend_community")
    if mode == "centrality":
        values = _view_betweenness(fingerprint(directory), view_key, graph)
        largest = max(values.values(), default=0.0)
        colours = {n: style.centrality_colour(values.get(n, 0.0), largest) for n in graph.nodes}
        ramp = style.CENTRALITY_RAMP
        legend = ((t("colour.low"), ramp[0]), ("", ramp[len(ramp) // 2]), (t("colour.high"), ramp[-1]))
        return colours, legend, t("colour.legend_centrality")
    return None, (), ""
