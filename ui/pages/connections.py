"""Connections: "how are we connected to X?" The k shortest ways between two entities, as sentences and a picture.

Run by ``st.navigation`` as a script (see ``ui/app.py``); ``render()`` draws the page. From, To and k live in the URL.
"""

from __future__ import annotations

import streamlit as st

from network.directory import Directory
from network.queries import Path, ViewFilter, describe_path, induced_view, shortest_paths
from ui.export_widgets import export_buttons
from ui.graphview import show_graph
from ui.i18n import relation_label, t, tm
from ui.links import profile_link
from ui.state import get_directory
from ui.urlstate import Param, View, int_in
from ui.widgets import entity_picker, escape_markdown, set_entity, show_notes

__all__ = ["render", "view_of", "sentences", "linked_sentences", "path_edges"]

MAX_WAYS = 5


def view_of(directory: Directory) -> View:
    def known(text: str) -> str:
        if text.strip() not in directory:
            raise ValueError(text)
        return text.strip()

    return View(
        "connections",
        [
            Param("from", directory.home, known),
            Param("to", None, known),
            Param("k", 3, int_in(1, MAX_WAYS)),
        ],
    )


def sentences(directory: Directory, paths: list[Path]) -> list[str]:
    """Each way as a sentence in the chosen language: "Region Örebro län — member of → REVES ← member of — …"."""
    return [describe_path(directory, path, label=relation_label) for path in paths]


def linked_sentences(directory: Directory, paths: list[Path]) -> list[str]:
    """The sentences as Markdown: relation words escaped, each name a link to its profile."""

    def words(relation):
        return escape_markdown(relation_label(relation))

    def named(node):
        return profile_link(directory, node)

    return [describe_path(directory, path, label=words, name=named) for path in paths]


def path_edges(paths: list[Path]) -> list[tuple[str, str]]:
    """The pairs of entities the ways step between (the drawing highlights every relation of each pair)."""
    return list(dict.fromkeys((step.source, step.target) for path in paths for step in path.steps))


def _swap(view: View) -> None:
    source, target = view.value("from"), view.value("to")
    set_entity(view.key("from"), target)
    set_entity(view.key("to"), source)


def _ways(directory: Directory, paths: list[Path]) -> None:
    st.success(t("connections.found_one") if len(paths) == 1 else t("connections.found", n=len(paths)))
    for number, (path, sentence) in enumerate(zip(paths, linked_sentences(directory, paths)), start=1):
        with st.container(border=True, gap=None):
            heading = (
                t("connections.way_one", i=number)
                if len(path) == 1
                else t("connections.way", i=number, steps=len(path))
            )
            st.caption(heading)
            st.markdown(f"**{sentence}**")
    st.caption(t("connections.reading"))


def render() -> None:
    directory = get_directory()
    view = view_of(directory)
    notes = view.restore()
    st.title(t("connections.title"), anchor=False)
    st.caption(t("connections.intro"))
    show_notes(notes)
    left, middle, right = st.columns([5, 5, 2])
    with left:
        source = entity_picker(
            directory,
            view.key("from"),
            label=t("connections.from"),
            help=t("connections.from_help"),
            suggestions=[s for s in (directory.home,) if s],
        )
    with middle:
        target = entity_picker(directory, view.key("to"), label=t("connections.to"), help=t("connections.to_help"))
    with right:
        k = st.slider(t("connections.k"), 1, MAX_WAYS, key=view.key("k"), help=t("connections.k_help"))
        st.button(
            t("connections.swap"),
            key=view.key("swap"),
            help=t("connections.swap_help"),
            on_click=_swap,
            args=(view,),
            icon=":material/swap_horiz:",
        )
    if not source or not target:
        st.info(t("connections.pick_to"))
        view.save()
        return
    if source == target:
        st.info(t("connections.same"))
        view.save()
        return
    paths = shortest_paths(directory, source, target, k=k)
    if not paths:
        st.warning(tm("connections.none", source=directory.name_of(source), target=directory.name_of(target)))
        view.save()
        return
    _ways(directory, paths)
    st.subheader(t("connections.graph"), anchor=False)
    nodes = list(dict.fromkeys(node for path in paths for node in path.nodes))
    graph = induced_view(directory.graph, nodes, ViewFilter())
    show_graph(
        directory,
        graph,
        view_key=("connections", source, target, k),
        focus=None,
        highlight_nodes=nodes,
        highlight_edges=path_edges(paths),
        height=480,
    )
    export_buttons(
        directory,
        graph,
        view_key=("connections", source, target, k),
        focus=source,
        key="connections.export",
        title=t("export.connections_title", source=directory.name_of(source), target=directory.name_of(target)),
    )
    view.save()


if __name__ == "__main__":
    render()
