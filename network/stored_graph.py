"""The graph of a directory read from the warm-start cache, made into a networkx graph only when it is needed.

Why: turning the stored arrays into networkx's dicts is most of a warm start (about 1.3 s CPU of 1.7 s for
60,000 organisations and 200,000 relations), and the dashboard's first page (Overview) needs only the counts, a
few names and the home organisation's own relations. ``StoredGraph`` answers those from the stored arrays:
which ids exist, an entity's kind and name, one entity's relations (the rows of that entity only) and how many
relations of each type there are. ``graph()`` builds the whole graph, once, when any other reader asks
``Directory.graph`` for it (``directory.py``); from then on every question goes to the graph.

What it answers equals what the built graph says (``tests/test_stored_graph.py`` checks every id, relation and
count on the sample and on a generated directory). ``cache_format`` checks the arrays when it reads them, so
building later cannot fail on a damaged file.
"""

from __future__ import annotations

import threading
from collections import Counter
from typing import TYPE_CHECKING, Callable, Iterator, NamedTuple

import numpy as np

from .graph import dicts_from_columns

if TYPE_CHECKING:
    import networkx as nx

__all__ = ["AttributeColumns", "StoredGraph"]

#: Up to this many rows, ``AttributeColumns.dicts`` makes each dict in turn (grouping rows by layout first, as
#: ``dicts_from_columns`` does, pays off only for many rows: one entity's relations are usually a few dozen).
_FEW = 256


class AttributeColumns(NamedTuple):
    """Node or edge attributes as stored: one column per attribute name (None = absent) and, per row, the
    number of its key order (``orders``: the attribute numbers in the order the row's dict had them)."""

    names: list[str]
    values: list[np.ndarray]
    groups: np.ndarray
    orders: dict[int, list[int]]

    def dicts(self, rows: np.ndarray | None = None) -> list[dict]:
        """The attribute dicts of ``rows`` (positions; all rows if None), keys in their stored order."""
        if rows is None:
            return dicts_from_columns(self.names, self.values, self.groups, self.orders)
        if len(rows) > _FEW:
            return dicts_from_columns(self.names, [v[rows] for v in self.values], self.groups[rows], self.orders)
        names, values, orders = self.names, self.values, self.orders  # a few rows: one dict at a time is quicker
        return [{names[i]: values[i][row] for i in orders[group]} for row, group in zip(rows, self.groups[rows])]

    def column(self, name: str) -> np.ndarray | None:
        """One attribute for every row (None where a row does not have it), or None if no row has it."""
        return self.values[self.names.index(name)] if name in self.names else None


class StoredGraph:
    """A MultiDiGraph kept as the cache's arrays until ``graph()`` is called.

    ``ids`` are the nodes in networkx's order; ``sources``/``targets`` the edges' ends (positions in ``ids``) in
    successor order, ``keys`` their keys (relation types); ``pred_pairs`` the (source, target) pairs in the order
    of the predecessor dicts. ``nodes``/``edges`` give the attribute columns (decoded on first use);
    ``build`` makes the networkx graph from this object.
    """

    def __init__(
        self,
        ids: list[str],
        sources: np.ndarray,
        targets: np.ndarray,
        keys: np.ndarray,
        pred_pairs: np.ndarray,
        graph_attrs: dict,
        nodes: Callable[[], AttributeColumns],
        edges: Callable[[], AttributeColumns],
        build: Callable[["StoredGraph"], "nx.MultiDiGraph"],
        node_column: Callable[[str], np.ndarray | None],
    ) -> None:
        self.ids, self.sources, self.targets, self.keys = ids, sources, targets, keys
        self.pred_pairs, self.graph_attrs = pred_pairs, graph_attrs
        self._read_nodes, self._read_edges, self._build = nodes, edges, build
        self._read_node_column = node_column
        self._nodes: AttributeColumns | None = None
        self._edges: AttributeColumns | None = None
        self._position: dict[str, int] | None = None
        self._pred_rank: tuple[np.ndarray, ...] | None = None
        self._columns: dict[str, np.ndarray | None] = {}
        self._graph: nx.MultiDiGraph | None = None
        # Sessions run in threads: one builds, the others wait for it (a second build would double the time).
        self._lock = threading.RLock()

    # --- the whole graph -------------------------------------------------------------------------------------

    @property
    def built(self) -> bool:
        return self._graph is not None

    def graph(self) -> "nx.MultiDiGraph":
        """The networkx graph, built on the first call; the arrays are let go afterwards."""
        if self._graph is None:
            with self._lock:
                if self._graph is None:
                    self._graph = self._build(self)
                    self._nodes = self._edges = None
                    self._columns, self._pred_rank = {}, None
        return self._graph

    def node_columns(self) -> AttributeColumns:
        with self._lock:
            if self._nodes is None:
                self._nodes = self._read_nodes()
            return self._nodes

    def edge_columns(self) -> AttributeColumns:
        with self._lock:
            if self._edges is None:
                self._edges = self._read_edges()
            return self._edges

    # --- questions answered from the arrays ------------------------------------------------------------------

    def _positions(self) -> dict[str, int]:
        if self._position is None:
            self._position = {node: i for i, node in enumerate(self.ids)}
        return self._position

    def __contains__(self, node: object) -> bool:
        return node in self._positions()

    def node_value(self, node: str, name: str) -> object | None:
        """The node's attribute ``name`` (None when it has none): ``graph.nodes[node].get(name)``."""
        column = self._columns.get(name)
        if name not in self._columns:
            with self._lock:
                column = self._columns[name] = self._read_node_column(name)  # only this column is decoded
        return None if column is None else column[self._positions()[node]]

    def node_attrs(self, node: str) -> dict:
        """The node's attribute dict, as ``graph.nodes[node]`` holds it (a new dict)."""
        return self.node_columns().dicts(np.array([self._positions()[node]]))[0]

    def links(self, node: str) -> Iterator[tuple[str, str, bool, dict]]:
        """The node's relations as (other, relation, outgoing, attributes), in the order the graph's successor
        dicts and then its predecessor dicts hold them: what walking ``succ[node]`` then ``pred[node]`` gives."""
        at = self._positions()[node]
        by_target, sorted_targets, pair_of_row, rank = self._index()
        outgoing = np.arange(*np.searchsorted(self.sources, [at, at + 1]))  # edges are grouped by source
        incoming = by_target[slice(*np.searchsorted(sorted_targets, [at, at + 1]))]
        if len(incoming):
            incoming = incoming[np.lexsort((incoming, rank[pair_of_row[incoming]]))]
        rows = np.concatenate([outgoing, incoming])
        attrs = self.edge_columns().dicts(rows) if len(rows) else []
        ids, keys = self.ids, self.keys
        others = [*self.targets[outgoing].tolist(), *self.sources[incoming].tolist()]
        for i, (row, other) in enumerate(zip(rows.tolist(), others)):
            yield ids[other], keys[row], i < len(outgoing), attrs[i]

    def _index(self) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
        """Made once: the edge rows ordered by target and their targets (so one node's incoming rows are a range),
        each row's pair number, and each pair's place in the predecessor order."""
        with self._lock:
            if self._pred_rank is None:
                size = len(self.sources)
                new_pair = np.ones(size, dtype=bool)
                new_pair[1:] = (np.diff(self.sources) != 0) | (np.diff(self.targets) != 0)
                pair_of_row = np.cumsum(new_pair) - 1
                rank = np.empty(len(self.pred_pairs), dtype=np.int64)
                rank[self.pred_pairs] = np.arange(len(self.pred_pairs))
                by_target = np.argsort(self.targets, kind="stable")
                self._pred_rank = (by_target, self.targets[by_target], pair_of_row, rank)
            return self._pred_rank

    def relation_counts(self) -> Counter:
        """How many relations (edges) there are of each type: ``Counter`` of every edge key."""
        return Counter(self.keys.tolist())
