"""networkx's private dicts, read and filled directly: the only module that touches them.

Why: networkx keeps a ``MultiDiGraph`` as plain dicts (``_node``: node → attributes; ``_succ`` and ``_pred``:
node → neighbour → key → attributes, the inner key dict shared by both; ``_adj`` is ``_succ``). Its public API
wraps every step in a view object and builds edges one call at a time, which is what made the first graph build take
11.5 s for a million relations; filling the dicts directly (with the collector paused, ``graph.gc_paused``) brought
that to 3.4 s, and walking them directly keeps an ego network of radius 1 around a hub with 17,659 relations at
50 ms and 3 shortest paths on 1,000,000 relations at 8 ms (``docs/performance.md``, "What made it fast").

The price is a dependency on a layout networkx does not promise. So: every such access is here (a test greps the
tree for any other); ``check_internals`` runs when this module is imported and stops with ``LibraryInternalsError``,
naming the installed networkx version, if the layout is not the one assumed; and ``tests/test_fast_paths.py`` proves
on random graphs that each function here gives what networkx's public API gives. ``requirements.txt`` pins
networkx to ``TESTED_WITH``; raise the pin only after those tests pass with the new version.

Dicts returned by the readers are the graph's own: read them, never change them.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping

import networkx as nx

from .errors import LibraryInternalsError

__all__ = [
    "TESTED_WITH",
    "Adjacency",
    "check_internals",
    "graph_from_dicts",
    "graph_from_rows",
    "induced_copy",
    "node_attrs",
    "succ_pred",
]

#: The networkx version these fast paths were proven against (and that requirements.txt pins).
TESTED_WITH = "3.6.1"

#: node → neighbour → edge key → edge attributes (networkx's successor or predecessor dicts).
Adjacency = Mapping[Hashable, Mapping[Hashable, Mapping[Hashable, dict]]]


def succ_pred(graph: nx.MultiDiGraph) -> tuple[Adjacency, Adjacency]:
    """The graph's successor and predecessor dicts themselves, for walks that visit thousands of nodes.

    ``succ[u][v]`` is what ``graph.get_edge_data(u, v)`` returns and ``pred[v][u]`` the same dict; iterating
    ``succ[u]`` is ``graph.successors(u)``, ``pred[u]`` is ``graph.predecessors(u)``, without a view or a method
    call per step. Read only.
    """
    return graph._succ, graph._pred


def node_attrs(graph: nx.Graph) -> Mapping[Hashable, dict]:
    """The graph's node → attributes dict itself: ``node_attrs(g)[n]`` is ``g.nodes[n]``, without the NodeView
    look-up that costs about four times more in a loop over every entity (the insights report). Read only."""
    return graph._node


def graph_from_rows(
    nodes: Iterable[tuple[Hashable, dict]],
    edges: Iterable[tuple[Hashable, Hashable, Hashable, dict]],
    on_repeat: Callable[[dict, dict], None],
) -> nx.MultiDiGraph:
    """A new graph: what ``add_node(n, **attrs)`` for each node and then ``add_edge(u, v, key, **attrs)`` for each
    edge make, except that an edge whose ``(u, v, key)`` is already there calls ``on_repeat(its attrs, the new
    attrs)`` instead of updating it.

    The dicts given become the graph's own (not copied): pass fresh ones. A node named again updates its
    attributes (as ``add_node`` does); an edge's unknown end becomes a node without attributes. The caller pauses
    the garbage collector around a large build (``graph.gc_paused``).
    """
    graph = nx.MultiDiGraph()
    node_attrs, succ, pred = graph._node, graph._succ, graph._pred
    for node, attrs in nodes:
        if node in node_attrs:
            node_attrs[node].update(attrs)
        else:
            node_attrs[node], succ[node], pred[node] = attrs, {}, {}
    for u, v, key, attrs in edges:
        out = succ.get(u)
        if out is None:
            node_attrs[u], out, pred[u] = {}, {}, {}
            succ[u] = out
        if v not in succ:
            node_attrs[v], succ[v], pred[v] = {}, {}, {}
        keyed = out.get(v)
        if keyed is None:
            out[v] = pred[v][u] = {key: attrs}  # one key dict per pair, shared, as add_edge makes it
        elif key in keyed:
            on_repeat(keyed[key], attrs)
        else:
            keyed[key] = attrs
    return graph


def graph_from_dicts(
    node_attrs: Iterable[tuple[Hashable, dict]],
    succ: Mapping[Hashable, dict],
    pred: Mapping[Hashable, dict],
    graph_attrs: Mapping,
) -> nx.MultiDiGraph:
    """A new graph holding the given dicts themselves (made elsewhere in bulk, e.g. by the warm-start cache).

    The caller guarantees the layout ``succ_pred`` describes: every node of ``node_attrs`` has an entry (maybe
    empty) in both ``succ`` and ``pred``, in the same order, and ``pred[v][u]`` is the very dict ``succ[u][v]``.
    The predecessor dicts keep their own order, which the public API cannot set apart from the successors'.
    """
    graph = nx.MultiDiGraph()
    graph.graph.update(graph_attrs)
    graph._node.update(node_attrs)
    graph._succ.update(succ)  # in place: networkx's _adj is this same dict
    graph._pred.update(pred)
    return graph


def induced_copy(
    graph: nx.MultiDiGraph, nodes: Iterable[Hashable], edge_ok: Callable[[Hashable, dict], bool] | None = None
) -> nx.MultiDiGraph:
    """A new graph on ``nodes`` (in the iteration order of ``set(nodes)``) with copies of their attribute dicts and
    of every edge among them that ``edge_ok(key, attrs)`` accepts (every edge when it is ``None``).

    What ``add_nodes_from`` and ``add_edge`` would make from ``graph.subgraph(nodes)``, filled directly: an ego
    network of a hub has tens of thousands of relations.
    """
    sub = nx.MultiDiGraph()
    keep = set(nodes)
    source_nodes, source_succ = graph._node, graph._succ
    sub_nodes, sub_succ, sub_pred = sub._node, sub._succ, sub._pred
    for n in keep:
        sub_nodes[n], sub_succ[n], sub_pred[n] = dict(source_nodes[n]), {}, {}
    for node in keep:
        out = sub_succ[node]
        for other, keyed in source_succ[node].items():
            if other in keep:
                for key, attrs in keyed.items():
                    if edge_ok is None or edge_ok(key, attrs):
                        copied = out.get(other)
                        if copied is None:
                            copied = out[other] = sub_pred[other][node] = {}
                        copied[key] = dict(attrs)
    return sub


# --- the guard -------------------------------------------------------------------------------------------------


def _layout_problems() -> list[str]:
    """What differs from the layout the functions above assume (empty when nothing does)."""
    empty = nx.MultiDiGraph()
    missing = [name for name in ("_node", "_succ", "_pred", "_adj") if type(getattr(empty, name, None)) is not dict]
    if missing:
        return [f"MultiDiGraph has no plain dict {', '.join(missing)}"]
    if empty._adj is not empty._succ:
        return ["MultiDiGraph._adj is no longer the same dict as _succ"]
    public = nx.MultiDiGraph()
    public.add_node("a", x=1)
    public.add_edge("a", "b", key="k", y=2)
    public.add_edge("a", "b", key="j")
    public.add_edge("b", "b", key="k")
    problems = []
    if public._node["a"] is not public.nodes["a"] or public._node["b"] != {}:
        problems.append("_node does not map each node to its attribute dict")
    keyed = public._succ["a"].get("b")
    if type(keyed) is not dict or keyed is not public._pred["b"].get("a") or list(keyed) != ["k", "j"]:
        problems.append("_succ[u][v] is not one key dict shared with _pred[v][u]")
    elif keyed["k"] is not public.edges["a", "b", "k"] or type(keyed["k"]) is not dict:
        problems.append("_succ[u][v][key] is not the edge's attribute dict")
    if problems:
        return problems
    filled = graph_from_rows(
        [("a", {"x": 1})], [("a", "b", "k", {"y": 2}), ("a", "b", "j", {}), ("b", "b", "k", {})], lambda old, new: None
    )
    for graph in (public, filled):  # what networkx does next with a graph filled directly must still work
        graph.add_edge("c", "a", key="k")
        graph.remove_node("b")
    if (
        list(filled.nodes(data=True)) != list(public.nodes(data=True))
        or list(filled.edges(keys=True, data=True)) != list(public.edges(keys=True, data=True))
        or list(filled.in_edges(keys=True)) != list(public.in_edges(keys=True))
        or filled.number_of_edges() != public.number_of_edges()
        or dict(filled.degree) != dict(public.degree)
    ):
        problems.append("a graph filled directly does not behave like one built with add_node and add_edge")
    return problems


def check_internals() -> None:
    """Stop with ``LibraryInternalsError`` if networkx no longer stores graphs the way this module fills them."""
    problems = _layout_problems()
    if problems:
        raise LibraryInternalsError(
            f"networkx {nx.__version__} stores its graphs differently from networkx {TESTED_WITH}, which this "
            f"program's fast paths (network/nx_fast.py) were written for: {'; '.join(problems)}. Install "
            f"networkx=={TESTED_WITH} (pip install -r requirements.txt), or adapt network/nx_fast.py and run "
            "tests/test_fast_paths.py and tests/test_library_internals.py."
        )


check_internals()
