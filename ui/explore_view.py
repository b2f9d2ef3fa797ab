"""Explore's view: the trimmed graph around a focus and what its drawing needs, for the page and the server's start.

The Explore page (``ui/pages/explore.py``) is a script Streamlit runs as ``__main__``, so a cache defined there is
keyed under that name and cannot be filled from anywhere else. The view's cache lives here instead, with the one
function that turns a view into the drawing's arguments, so ``prepare`` can make the default view at the server's
start (``ui.app.prepare``) with the very keys the page's landing asks for: a session's first Explore then finds its
graph, positions and data made (about 0.35 s of the landing's 0.7 s of server CPU on 60,000 organisations and
200,000 relations, docs/performance.md, "Explore after the warm-up").
"""

from __future__ import annotations

import os
from typing import Hashable

import streamlit as st

from network.directory import Directory
from network.queries import ViewFilter, ego_network

from .colouring import view_colours
from .export_widgets import image_caption
from .graphview import prepare_graph
from .i18n import DEFAULT_LANGUAGE, in_language, t
from .state import fingerprint
from .widgets import DEFAULT_CAP, filter_key

__all__ = ["CAP_ENV", "MAX_CAP", "build_view", "default_cap", "drawing", "prepare", "view_graph", "view_key"]

#: Environment variable for the default node cap of a view.
CAP_ENV = "NETWORK_MAX_NODES"
MAX_CAP = 20000
#: The colouring a view has unless the link or the user chooses another (``ui.colouring.colour_param``'s default).
DEFAULT_COLOUR = "kind"


def default_cap() -> int:
    """The node cap of a view without one in its link: ``$NETWORK_MAX_NODES`` (10..20,000) or ``DEFAULT_CAP``."""
    try:
        return max(10, min(MAX_CAP, int(os.environ.get(CAP_ENV, DEFAULT_CAP))))
    except ValueError:
        return DEFAULT_CAP


def build_view(directory: Directory, focus: str, radius: int, flt: ViewFilter, cap: int):
    """The trimmed graph around ``focus`` and the number of nodes it had before trimming."""
    from network.drawing.layout import trim_graph

    graph = ego_network(directory, focus, radius, flt)
    return trim_graph(graph, cap, keep=(focus,))


@st.cache_resource(show_spinner=False, max_entries=16)
def _view(fp: str, focus: str, radius: int, flt_key: tuple, cap: int, _directory: Directory, _flt: ViewFilter):
    """``build_view`` once per data version and view: around a hub the ego network and its trimming took most of
    every rerun (a slider moved elsewhere, a profile opened). The graph is shared and never changed afterwards."""
    return build_view(_directory, focus, radius, _flt, cap)


def view_graph(directory: Directory, focus: str, radius: int, flt: ViewFilter, cap: int):
    """``build_view``, cached per data version and view (shared by every session)."""
    return _view(fingerprint(directory), focus, radius, filter_key(flt), int(cap), directory, flt)


def view_key(focus: str, radius: int, flt: ViewFilter, cap: int) -> Hashable:
    """What identifies a view in the drawing's and the exports' caches."""
    return ("explore", focus, radius, filter_key(flt), int(cap))


def drawing(
    directory: Directory, graph, total: int, focus: str, radius: int, flt: ViewFilter, cap: int, mode: str
) -> dict:
    """The arguments ``show_graph`` draws the view with (its key, colours, legend, the picture's title and caption),
    in the language of the session or of an ``in_language`` block."""
    key = view_key(focus, radius, flt, cap)
    colours, legend, legend_title = view_colours(directory, graph, mode, key)
    return dict(
        view_key=key,
        focus=focus,
        colours=colours,
        colour_key=(mode, len(colours or ())),
        colour_legend=legend,
        colour_title=legend_title,
        title=t("export.image_title", name=directory.name_of(focus), radius=radius),
        caption=image_caption(directory, graph.number_of_nodes(), total),
    )


def prepare(directory: Directory, language: str = DEFAULT_LANGUAGE) -> bool:
    """Make Explore's default view as a session's landing would ask for it: the home organisation, one step, no
    filter, the default cap, coloured by kind, in ``language``: its graph, positions and data (``prepare_graph``).
    For the server's start (``ui.app.prepare``), outside any session; a link with another view, or English, finds
    the parts that do not depend on it (the graph; the positions) or makes its own. False when there is no home
    organisation to draw or the drawing code is missing."""
    focus = directory.home
    if not focus or focus not in directory:
        return False
    flt, cap = ViewFilter(), default_cap()
    try:
        with in_language(language):
            graph, total = view_graph(directory, focus, 1, flt, cap)
            prepare_graph(directory, graph, **drawing(directory, graph, total, focus, 1, flt, cap, DEFAULT_COLOUR))
    except ImportError:  # no drawing code (scipy missing): the page says so on its own
        return False
    return True
