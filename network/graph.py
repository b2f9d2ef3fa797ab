"""Building the graph: valid rows become nodes, relations become edges keyed by their type.

Nodes carry what views filter and label on (kind, name, type, country, themes, status, dates); full rows stay in
the tables. Personal contact details (e-mail, phone, notes) are never put on the graph, so nothing drawn or
exported from it can leak them by accident.
"""

from __future__ import annotations

import itertools
from typing import Iterator, Mapping, Sequence

import networkx as nx
import numpy as np
import pandas as pd

from . import schema
from .gc_pause import gc_paused
from .nx_fast import graph_from_rows
from .validation import ValidData

__all__ = ["build_graph", "gc_paused", "dicts_from_columns", "NODE_FIELDS", "EDGE_FIELDS"]

#: Row fields copied onto nodes (when the kind has them and the cell is not empty).
NODE_FIELDS = (
    "name",
    "aliases",
    "type",
    "country",
    "city",
    "acronym",
    "status",
    "start",
    "end",
    "family",
    "role",
    "organisation",
    "verified",
)
#: Row fields copied onto edges (when not empty). Not ``origin`` (the file and row a relation was written in):
#: it is unique per row (216,000 strings, 14 MB on 200,000 relations) and only the relations table's readers
#: use it (export, Overview), so it stays in that table alone.
EDGE_FIELDS = ("role", "since", "until", "note", "reference", "verified")
_LIST_FIELDS = ("themes",)


def _shared(series: pd.Series, canonical: dict[str, str] | None = None) -> np.ndarray:
    """The column's values (an object array) in which equal strings are one object: less memory, faster caching.

    With ``canonical`` (text → the one object for it), each value is that object, added when new: the ends of
    the relations are then the very strings that key the nodes, not 2 more copies of each entity id.
    """
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    if canonical is None:
        return np.asarray(uniques, dtype=object)[codes]
    known = canonical.setdefault
    return np.asarray([known(text, text) for text in uniques.tolist()], dtype=object)[codes]


def _present(series: pd.Series) -> np.ndarray:
    """True where the cell is not empty (the truth value of the cell, as ``if value`` would say)."""
    if pd.api.types.is_string_dtype(series.dtype) and not series.hasnans:
        return (series != "").to_numpy(dtype=bool)
    return np.fromiter(map(bool, series.tolist()), dtype=bool, count=len(series))


def _row_dicts(frame: pd.DataFrame, fields: list[str], first: dict | None = None) -> list[dict]:
    """One dict per row of the non-empty ``fields`` (in that order), after the items of ``first``.

    Rows are grouped by which fields are filled (a bit pattern), so each group's dicts are made in C.
    """
    size = len(frame)
    if not fields:
        return [dict(first or {}) for _ in range(size)]
    values = [_shared(frame[f]) for f in fields]
    pattern = np.zeros(size, dtype=np.int64)
    for bit, filled in enumerate(_present(frame[f]) for f in fields):
        pattern |= filled.astype(np.int64) << bit
    layouts = {code: [i for i in range(len(fields)) if code >> i & 1] for code in _distinct(pattern)}
    return dicts_from_columns(fields, values, pattern, layouts, first)


def _distinct(groups: np.ndarray) -> list[int]:
    """The distinct values of a small non-negative integer array (bincount is much faster than unique)."""
    if not len(groups):
        return []
    if groups.max() < 1 << 16:
        return np.flatnonzero(np.bincount(groups)).tolist()
    return np.unique(groups).tolist()


def dicts_from_columns(
    names: list[str],
    values: list[np.ndarray],
    groups: np.ndarray,
    layouts: Mapping[int, Sequence[int]],
    first: dict | None = None,
) -> list[dict]:
    """One dict per row ``r``: the items of ``first``, then ``names[i]: values[i][r]`` for each ``i`` in
    ``layouts[groups[r]]``, in that order.

    Rows with the same layout are made together by ``dict(zip(...))`` in C instead of testing every cell in
    Python. Every row gets its own dict (they are mutable graph attributes). The graph builder groups rows by
    which fields are filled; the warm-start cache (``cache_format``) by the stored order of each row's keys.
    """
    size = len(groups)
    head = list((first or {}).items())
    head_names, head_values = [k for k, _ in head], [v for _, v in head]
    out = np.empty(size, dtype=object)
    for group in _distinct(groups):
        rows = np.flatnonzero(groups == group)
        chosen = layouts[group]
        keys = head_names + [names[i] for i in chosen]
        columns = [values[i][rows] for i in chosen]
        if columns:
            made = [dict(zip(keys, (*head_values, *cells))) for cells in zip(*columns)]
        else:
            made = [dict(zip(keys, head_values)) for _ in range(len(rows))]
        out[rows] = made
    return out.tolist()


def _node_attrs(frame: pd.DataFrame, kind: str, ids: dict[str, str]) -> list[tuple[str, dict]]:
    """The kind's nodes and their attribute dicts; each id is also put into ``ids`` (see ``_shared``)."""
    fields = [f for f in NODE_FIELDS if f in frame.columns]
    lists = [f for f in _LIST_FIELDS if f in frame.columns]
    attrs = _row_dicts(frame, fields, {"kind": kind})
    for name in lists:  # tuples are immutable, so rows with the same cell share one
        split = {text: tuple(text.split(schema.LIST_SEPARATOR)) if text else () for text in set(frame[name].tolist())}
        for row, text in zip(attrs, frame[name].tolist()):
            row[name] = split[text]
    known = ids.setdefault
    return list(zip([known(node, node) for node in frame["id"].tolist()], attrs))


def _edges(relations: pd.DataFrame, ids: dict[str, str]) -> Iterator[tuple[str, str, str, dict]]:
    fields = [f for f in EDGE_FIELDS if f in relations.columns]
    sources, targets = (_shared(relations[c], ids).tolist() for c in ("source", "target"))
    types = _shared(relations["relation"]).tolist()
    return zip(sources, targets, types, _row_dicts(relations, fields))


def _period(attrs: dict) -> str:
    return f"{attrs.get('since', '')}/{attrs.get('until', '')}"


def _add_period(edge: dict, again: dict) -> None:
    """A second row of the same relation between the same two entities (another period of membership, say).

    The edge keeps its first row's attributes; ``periods`` lists every row's ``since/until`` separated by ``|``
    ("2000/2005|2010/"), so views filtered on a date see the relation whenever any of its periods was active.
    """
    periods = edge.get("periods") or _period(edge)
    edge["periods"] = f"{periods}|{_period(again)}"


def build_graph(data: ValidData) -> nx.MultiDiGraph:
    """A MultiDiGraph: node attribute ``kind``; edge key = relation type; edge attributes from the row.

    The result is what ``add_node`` and ``add_edge`` would make, except that a repeated edge key keeps the first
    row's attributes and records every row's period (see ``_add_period``). The adjacency dicts are filled directly
    (``nx_fast.graph_from_rows``), with the garbage collector paused: a million relations take seconds instead of
    tens of seconds.
    """
    ids: dict[str, str] = {}  # every entity id once, shared by the node keys and the relations' ends
    with gc_paused():
        nodes = [_node_attrs(frame, kind, ids) for kind, frame in data.entities.items()]  # before the ends
        return graph_from_rows(itertools.chain.from_iterable(nodes), _edges(data.relations, ids), _add_period)
