"""Building the graph: valid rows become nodes, relations become edges keyed by their type.

Nodes carry what views filter and label on (kind, name, type, country, themes, status, dates); full rows stay in
the tables. Personal contact details (e-mail, phone, notes) are never put on the graph, so nothing drawn or
exported from it can leak them by accident.
"""

from __future__ import annotations

from typing import Iterator

import networkx as nx
import pandas as pd

from . import schema
from .validation import ORIGIN, ValidData

__all__ = ["build_graph", "NODE_FIELDS", "EDGE_FIELDS"]

#: Row fields copied onto nodes (when the kind has them and the cell is not empty).
NODE_FIELDS = ("name", "type", "country", "city", "acronym", "status", "start", "end", "family", "role",
               "organisation", "verified")
#: Row fields copied onto edges (when not empty).
EDGE_FIELDS = ("role", "since", "until", "note", "reference", "verified", ORIGIN)
_LIST_FIELDS = ("themes",)


def _node_attrs(frame: pd.DataFrame, kind: str) -> Iterator[tuple[str, dict]]:
    fields = [f for f in NODE_FIELDS if f in frame.columns]
    lists = [f for f in _LIST_FIELDS if f in frame.columns]
    columns = [frame[f].tolist() for f in fields]
    list_columns = [frame[f].tolist() for f in lists]
    for i, node_id in enumerate(frame["id"].tolist()):
        attrs = {"kind": kind}
        for name, values in zip(fields, columns):
            if values[i]:
                attrs[name] = values[i]
        for name, values in zip(lists, list_columns):
            attrs[name] = tuple(values[i].split(schema.LIST_SEPARATOR)) if values[i] else ()
        yield node_id, attrs


def _edges(relations: pd.DataFrame) -> Iterator[tuple[str, str, str, dict]]:
    fields = [f for f in EDGE_FIELDS if f in relations.columns]
    columns = [relations[f].tolist() for f in fields]
    sources, types, targets = (relations[c].tolist() for c in ("source", "relation", "target"))
    for i, (source, relation, target) in enumerate(zip(sources, types, targets)):
        attrs = {name: values[i] for name, values in zip(fields, columns) if values[i]}
        yield source, target, relation, attrs


def build_graph(data: ValidData) -> nx.MultiDiGraph:
    """A MultiDiGraph: node attribute ``kind``; edge key = relation type; edge attributes from the row."""
    graph = nx.MultiDiGraph()
    for kind, frame in data.entities.items():
        graph.add_nodes_from(_node_attrs(frame, kind))
    graph.add_edges_from(_edges(data.relations))
    return graph
