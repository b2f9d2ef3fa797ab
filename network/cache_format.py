"""The warm-start cache's file format: a loaded ``Directory`` as Arrow tables and JSON, so reading it runs no code.

Why not pickle: unpickling calls whatever the file names, so a cache file written by anyone else is their code
running as the dashboard's user. Arrow IPC and JSON are data only: reading them builds arrays, strings and numbers.
(pyarrow ≥ 14 no longer unpickles "Python extension types" from IPC metadata; the pandas metadata Arrow keeps is
JSON naming dtypes and the index.) ``cache.py`` decides where a file may be read and written; this module only
turns a directory into bytes and back.

One file, written front to back:

- ``MAGIC`` (the format's name and version, one line), then the cache key (one line): a different key is a miss
  found by reading two lines;
- the parts, each a complete Arrow IPC stream: every entity table (``table:<kind>``), ``relations``, every lookup
  table (``lookup:<kind>``), the report's ``problems`` and ``dropped`` rows, and the graph as arrays (``nodes``, ``edges``, ``pred``);
- an index (JSON: each part's name, offset, length and CRC-32, plus the small fields: config, sources, fingerprint, graph
  attributes, the layout of the attribute columns), then the index's length in 8 bytes.

The graph: ``nodes`` has the ids in networkx's order and one dictionary-encoded column per node attribute (absent
= null) and each row's key order; ``edges`` has one row per edge in successor order (source and target as positions in ``nodes``, key,
attributes); ``pred`` lists the (source, target) pairs in the order networkx's predecessor dicts hold them,
so the rebuilt graph iterates in-edges in the same order as the one that was stored.
Attribute values may be ``str``, ``int``, ``float``, ``bool`` or tuples of ``str``; anything else raises
``Unsupported`` and that directory is simply not cached.

Reading checks each part's CRC-32 (a changed byte anywhere; 0.04 s per 100 MB) and every Arrow table in full
(offsets, UTF-8, dictionary codes); any damage raises ``ValueError`` or an Arrow error, which ``cache.py`` treats as
a miss.
"""

from __future__ import annotations

import dataclasses
import json
import zlib
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, NamedTuple

import networkx as nx
import numpy as np
import pandas as pd
import pyarrow as pa

from .dropped import Dropped, DroppedRow, LostRow
from .gc_pause import gc_paused
from .nx_fast import graph_from_dicts
from .problems import Problem, Report
from .schema import DirectoryConfig
from .stored_graph import AttributeColumns, StoredGraph

if TYPE_CHECKING:
    from .directory import Directory

__all__ = [
    "MAGIC",
    "Unsupported",
    "GraphArrays",
    "write",
    "read_key",
    "read",
    "graph_arrays",
    "graph_from_arrays",
    "graph_from_arrays_public",
]

#: The first line of every cache file; the number is the layout's version.
MAGIC = b"network-directory-cache arrow 2\n"
_LENGTH_BYTES = 8
_SCALARS: dict[type, pa.DataType] = {str: pa.string(), bool: pa.bool_(), int: pa.int64(), float: pa.float64()}
_NOT_STORED = ("path", "loaded_at", "graph", "config", "tables", "relations", "report", "lookups", "_memos")


class Unsupported(TypeError):
    """The directory holds a value this format cannot store (then it is not cached, nothing else happens)."""


class GraphArrays(NamedTuple):
    """A MultiDiGraph as flat lists: what is stored, and what both graph builders start from.

    Edges are in successor order (networkx's ``edges(keys=True)``): grouped by source in node order, then by
    target, then key. A *pair* is one (source, target) with all its keys; ``pred_pairs`` lists the pairs in the
    order networkx's predecessor dicts hold them (grouped by target in node order).
    """

    ids: list
    node_attrs: list[dict]
    #: Positions in ``ids`` (numpy int arrays), one per edge.
    sources: np.ndarray
    targets: np.ndarray
    keys: list
    edge_attrs: list[dict]
    #: Pair numbers (in successor order, from 0) in predecessor order.
    pred_pairs: np.ndarray
    graph_attrs: dict


# --- writing ---------------------------------------------------------------------------------------------------


def write(handle: BinaryIO, key: str, directory: "Directory") -> None:
    """Write ``directory`` under ``key`` to ``handle`` (a new, empty file opened for binary writing)."""
    handle.write(MAGIC + key.encode("ascii") + b"\n")
    index: list[list] = []
    node_layout, edge_layout = {}, {}
    for name, table in _tables(directory, node_layout, edge_layout):
        sink = pa.BufferOutputStream()  # one part at a time in memory, not the whole file
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        data = sink.getvalue()
        offset = handle.tell()
        handle.write(data)
        index.append([name, offset, handle.tell() - offset, zlib.crc32(data)])
    meta = {
        "parts": index,
        "config": _json_safe(dataclasses.asdict(directory.config)),
        "graph": _json_safe(dict(directory.graph.graph)),
        "nodes": node_layout,
        "edges": edge_layout,
        "tables": list(directory.tables),
        "lookups": list(directory.lookups),
    }
    fields = [f.name for f in dataclasses.fields(directory) if f.init and f.name not in _NOT_STORED]
    meta.update({name: _json_safe(getattr(directory, name)) for name in fields}, fields=fields)
    encoded = json.dumps(meta, ensure_ascii=False).encode("utf-8")
    handle.write(encoded + len(encoded).to_bytes(_LENGTH_BYTES, "little"))


def _tables(directory: "Directory", node_layout: dict, edge_layout: dict):
    """Every part as (name, Arrow table); the graph's column layouts are filled in on the way."""
    for kind, frame in directory.tables.items():
        yield f"table:{kind}", _frame_table(frame)
    yield "relations", _frame_table(directory.relations)
    for kind, frame in directory.lookups.items():
        yield f"lookup:{kind}", _frame_table(frame)
    yield "problems", _problem_table(directory.report.problems)
    yield "dropped", _dropped_table(directory.report.dropped or Dropped())
    arrays = graph_arrays(directory.graph)
    yield "nodes", _attribute_table({"id": _typed(arrays.ids)}, arrays.node_attrs, node_layout)
    ends = {
        "source": pa.array(arrays.sources, pa.int32()),
        "target": pa.array(arrays.targets, pa.int32()),
        "key": _dictionary(arrays.keys, None, edge_layout.setdefault("key", {})),
    }
    yield "edges", _attribute_table(ends, arrays.edge_attrs, edge_layout)
    yield "pred", pa.table({"pair": pa.array(arrays.pred_pairs, pa.int32())})


def _frame_table(frame: pd.DataFrame) -> pa.Table:
    try:
        return pa.Table.from_pandas(frame)  # its index (a RangeIndex only as metadata) and dtypes come back
    except (pa.ArrowInvalid, pa.ArrowTypeError) as exc:
        raise Unsupported(str(exc)) from exc


def _problem_table(problems: list[Problem]) -> pa.Table:
    names = [f.name for f in dataclasses.fields(Problem)]
    columns = {name: [getattr(p, name) for p in problems] for name in names}
    columns["params"] = [json.dumps(dict(p.params), ensure_ascii=False) for p in problems]  # pairs of text, as JSON
    return pa.table(
        {name: _typed(values, pa.int64() if name == "row" else pa.string()) for name, values in columns.items()}
    )


_DROPPED = ("file", "row", "kind", "id", "name", "cause", "code")
_LOST = ("file", "row", "kind", "column", "value", "relation")


def _dropped_table(dropped: Dropped) -> pa.Table:
    """One line per row a dropped row took along (``lost_*``), or one with null ``lost_*`` if it took none."""
    lines = [(row, lost) for row in dropped for lost in (row.lost or (None,))]
    columns = {
        name: _typed([getattr(row, name) for row, _ in lines], pa.int64() if name == "row" else None)
        for name in _DROPPED
    }
    columns.update(
        {
            f"lost_{name}": _typed(
                [getattr(lost, name) if lost else None for _, lost in lines], pa.int64() if name == "row" else None
            )
            for name in _LOST
        }
    )
    return pa.table(columns)


def _typed(values: list, kind: pa.DataType | None = None) -> pa.Array:
    """An Arrow array of exactly these values: only ``str`` (or ``kind``) and None, nothing converted."""
    kind = kind or pa.string()
    wanted = {scalar for scalar, arrow in _SCALARS.items() if arrow == kind}
    if any(v is not None and type(v) not in wanted for v in values):
        raise Unsupported(f"a value that is not {kind}")
    return pa.array(values, kind)


def graph_arrays(graph: nx.MultiDiGraph) -> GraphArrays:
    """The graph as flat lists, read through networkx's public API (nodes, edges, in-edges, graph attributes)."""
    ids, node_attrs = [], []
    for node, attrs in graph.nodes(data=True):
        ids.append(node)
        node_attrs.append(attrs)
    position = {node: i for i, node in enumerate(ids)}
    sources, targets, keys, edge_attrs = [], [], [], []
    pairs: dict[tuple, int] = {}
    for u, v, key, attrs in graph.edges(keys=True, data=True):  # successor order
        if (u, v) not in pairs:
            pairs[(u, v)] = len(pairs)
        sources.append(position[u])
        targets.append(position[v])
        keys.append(key)
        edge_attrs.append(attrs)
    pred_pairs, previous = [], None
    for u, v in graph.in_edges():  # predecessor order; a pair's keys come one after the other
        if (u, v) != previous:
            pred_pairs.append(pairs[(u, v)])
            previous = (u, v)
    return GraphArrays(
        ids,
        node_attrs,
        np.asarray(sources, dtype=np.int64),
        np.asarray(targets, dtype=np.int64),
        keys,
        edge_attrs,
        np.asarray(pred_pairs, dtype=np.int64),
        dict(graph.graph),
    )


def _attribute_table(columns: dict[str, pa.Array], rows: list[dict], layout: dict) -> pa.Table:
    """``columns``, one dictionary-encoded column per attribute name (absent = null) and ``layout``: the number
    of each row's key order, so every dict comes back with its keys in the order they had."""
    values: dict[Any, tuple[int, list[int], list]] = {}
    orders: dict[tuple[int, ...], int] = {}
    groups = []
    for position, attrs in enumerate(rows):
        order = []
        for name, value in attrs.items():
            found = values.get(name)
            if found is None:
                found = values[name] = (len(values), [], [])
            found[1].append(position)
            found[2].append(value)
            order.append(found[0])
        groups.append(orders.setdefault(tuple(order), len(orders)))
    if any(type(name) is not str for name in values):
        raise Unsupported("an attribute name that is not a string")
    layout["attrs"] = []
    layout["orders"] = [list(order) for order in orders]
    for number, (name, (_, positions, present)) in enumerate(values.items()):
        column = {"name": name}
        layout["attrs"].append(column)
        cells: list = [None] * len(rows)
        for position, value in zip(positions, present):
            cells[position] = value
        columns[f"a{number}"] = _dictionary(cells, np.asarray(positions, dtype=np.int64), column)
    columns["layout"] = pa.array(groups, pa.int32())
    return pa.table(columns)


def _dictionary(cells: list, filled: np.ndarray | None, layout: dict) -> pa.DictionaryArray:
    """The cells as a dictionary array; only the positions in ``filled`` hold a value (all of them if None)."""
    mask = np.zeros(len(cells), dtype=bool)  # True: absent
    if filled is not None:
        mask[:] = True
        mask[filled] = False
    holder = np.fromiter(cells, dtype=object, count=len(cells))  # 1-D even when every cell is a tuple of one length
    codes, uniques = pd.factorize(holder[~mask], use_na_sentinel=False)
    kinds = {type(u) for u in uniques}
    if len(kinds) > 1:
        raise Unsupported(f"values of several types in one attribute: {sorted(k.__name__ for k in kinds)}")
    kind = kinds.pop() if kinds else str
    if kind is tuple:
        if any(type(item) is not str for u in uniques for item in u):
            raise Unsupported("a tuple that holds something other than strings")
        dictionary = pa.array([list(u) for u in uniques], pa.list_(pa.string()))
    elif kind in _SCALARS:
        dictionary = pa.array(list(uniques), _SCALARS[kind])
    else:
        raise Unsupported(f"a value of type {kind.__name__}")
    layout["tuple"] = kind is tuple
    indices = np.full(len(cells), -1, dtype=np.int32)
    indices[~mask] = codes
    return pa.DictionaryArray.from_arrays(pa.array(indices, mask=indices < 0), dictionary)


def _json_safe(value: Any) -> Any:
    """``value`` if JSON gives it back unchanged (no dates, tuples or other types turned into something else)."""
    if json.loads(json.dumps(value)) != value or not _plain(value):
        raise Unsupported("a field that JSON cannot keep exactly")
    return value


def _plain(value: Any) -> bool:
    if isinstance(value, dict):
        return all(type(k) is str and _plain(v) for k, v in value.items())
    if isinstance(value, list):
        return all(_plain(v) for v in value)
    return value is None or type(value) in (str, int, float, bool)


# --- reading ---------------------------------------------------------------------------------------------------


def read_key(handle: BinaryIO) -> str | None:
    """The key the file was stored under, or None when it is not a cache file of this format."""
    if handle.read(len(MAGIC)) != MAGIC:
        return None
    line = handle.readline(200)
    return line[:-1].decode("ascii", "replace") if line.endswith(b"\n") else None


def read(handle: BinaryIO, size: int, path: Path) -> dict[str, Any]:
    """The directory in the file (``size`` bytes) after ``read_key``, as ``Directory``'s keyword arguments
    (``Directory(**fields)``; this module does not import ``directory.py``, which imports the cache); ``ValueError``
    or an Arrow error if damaged. Its ``graph`` is a ``StoredGraph``: the networkx graph is made when a reader
    first needs it (``Directory.graph``), from arrays checked here."""
    meta = _index(handle, size)
    parts = {name: (offset, length, crc) for name, offset, length, crc in meta["parts"]}

    def table(name: str) -> pa.Table:
        offset, length, crc = parts[name]
        handle.seek(offset)
        data = handle.read(length)
        if len(data) != length or zlib.crc32(data) != crc:
            raise ValueError("the part is damaged (its length or checksum differs from the index)")
        loaded = pa.ipc.open_stream(pa.py_buffer(data)).read_all()
        loaded.validate(full=True)
        return loaded

    with gc_paused():
        tables = {kind: table(f"table:{kind}").to_pandas() for kind in meta["tables"]}
        relations = table("relations").to_pandas()
        lookups = {kind: table(f"lookup:{kind}").to_pandas() for kind in meta["lookups"]}
        report = Report(_problems(table("problems")), _dropped(table("dropped")))
        graph = _stored_graph(table("nodes"), table("edges"), table("pred"), meta)
    fields = {name: meta[name] for name in meta["fields"]}
    return dict(
        path=path,
        config=DirectoryConfig(**meta["config"]),
        tables=tables,
        relations=relations,
        graph=graph,
        report=report,
        lookups=lookups,
        **fields,
    )


def _index(handle: BinaryIO, size: int) -> dict:
    if size < len(MAGIC) + _LENGTH_BYTES:
        raise ValueError("too short to be a cache file")
    handle.seek(size - _LENGTH_BYTES)
    length = int.from_bytes(handle.read(_LENGTH_BYTES), "little")
    if not 0 < length < size - _LENGTH_BYTES:
        raise ValueError("the index length is out of range")
    handle.seek(size - _LENGTH_BYTES - length)
    meta = json.loads(handle.read(length).decode("utf-8"))
    if not isinstance(meta, dict) or not isinstance(meta.get("parts"), list):
        raise ValueError("the index is not an index")
    return meta


def _problems(table: pa.Table) -> list[Problem]:
    names = [f.name for f in dataclasses.fields(Problem)]
    columns = [table.column(name).to_pylist() for name in names]
    at = names.index("params")
    columns[at] = [_params(text) for text in columns[at]]
    return [Problem(*values) for values in zip(*columns)]


def _params(text: str) -> tuple[tuple[str, str], ...]:
    """A problem's parameters back from their JSON: an object of text only (anything else is a broken cache)."""
    found = json.loads(text)
    if not isinstance(found, dict) or not all(isinstance(v, str) for v in found.values()):
        raise ValueError("a problem's parameters are not text")
    return tuple(found.items())


def _dropped(table: pa.Table) -> Dropped:
    columns = {name: table.column(name).to_pylist() for name in (*_DROPPED, *(f"lost_{n}" for n in _LOST))}
    rows: list[DroppedRow] = []
    lost: list[LostRow] = []
    for i in range(table.num_rows):
        head = tuple(columns[name][i] for name in _DROPPED)
        if columns["lost_file"][i] is not None:
            lost.append(LostRow(*(columns[f"lost_{name}"][i] for name in _LOST)))
        last = i + 1 == table.num_rows or tuple(columns[name][i + 1] for name in _DROPPED) != head
        if last:
            file, row, kind, id_, name, cause, code = head
            rows.append(DroppedRow(file, row, kind, id_, name, tuple(lost), cause, code))
            lost = []
    return Dropped(rows)


def _stored_graph(nodes: pa.Table, edges: pa.Table, pred: pa.Table, meta: dict) -> StoredGraph:
    """The graph's arrays, checked now for everything ``graph_from_arrays`` would refuse (so a damaged file is a
    miss here, not an error when a page later builds the graph); the attribute columns are decoded on first use."""
    ids = nodes.column("id").to_pylist()
    if len(set(ids)) != len(ids):
        raise ValueError("a node id is stored twice")
    sources = _positions(edges.column("source"), len(ids))
    targets = _positions(edges.column("target"), len(ids))
    keys = _decoded(edges.column("key"), meta["edges"]["key"])
    pred_pairs = _positions(pred.column("pair"), edges.num_rows)
    _check_pairs(sources, targets, pred_pairs, len(ids))
    orders = meta["nodes"]["orders"], meta["edges"]["orders"]
    for order, layout in zip(orders, (meta["nodes"], meta["edges"])):
        if any(not 0 <= i < len(layout["attrs"]) for row in order for i in row):
            raise ValueError("a key order names a column that is not there")
    _positions(nodes.column("layout"), len(orders[0]))
    _positions(edges.column("layout"), len(orders[1]))
    return StoredGraph(
        ids,
        sources,
        targets,
        keys,
        pred_pairs,
        meta["graph"],
        nodes=lambda: _attribute_columns(nodes, meta["nodes"]),
        edges=lambda: _attribute_columns(edges, meta["edges"]),
        build=_build_stored,
        node_column=lambda name: _attribute_column(nodes, meta["nodes"], name),
    )


def _check_pairs(sources: np.ndarray, targets: np.ndarray, pred_pairs: np.ndarray, count: int) -> None:
    """The checks of ``graph_from_arrays`` and ``_grouped`` on the ends alone: edges grouped by source in node
    order, each (source, target) pair in one run, and the predecessor order a permutation of the pairs that is
    grouped by target in node order."""
    if len(sources) != len(targets):
        raise ValueError("the edge columns differ in length")
    if len(sources) and np.any(np.diff(sources) < 0):
        raise ValueError("the pairs are not in node order")
    starts = np.flatnonzero(np.diff(sources, prepend=-1) | np.diff(targets, prepend=-1)) if len(sources) else sources
    pairs = sources[starts] * max(count, 1) + targets[starts]
    if len(np.unique(pairs)) != len(pairs):
        raise ValueError("a pair is stored twice")
    if len(pred_pairs) != len(starts) or np.any(np.bincount(pred_pairs, minlength=len(starts)) != 1):
        raise ValueError("the predecessor order is not a permutation of the pairs")
    if len(pred_pairs) and np.any(np.diff(targets[starts][pred_pairs]) < 0):
        raise ValueError("the pairs are not in node order")


def _build_stored(stored: StoredGraph) -> nx.MultiDiGraph:
    """``graph_from_arrays`` of a ``StoredGraph``'s arrays (its ``build``)."""
    with gc_paused():
        arrays = GraphArrays(
            stored.ids,
            stored.node_columns().dicts(),
            stored.sources,
            stored.targets,
            stored.keys.tolist(),
            stored.edge_columns().dicts(),
            stored.pred_pairs,
            stored.graph_attrs,
        )
        return graph_from_arrays(arrays)


def _positions(column: pa.ChunkedArray, count: int) -> np.ndarray:
    """Positions into a list of ``count`` items, checked (numpy would read a negative one from the end)."""
    positions = column.to_numpy().astype(np.int64)
    if column.null_count or (len(positions) and (positions.min() < 0 or positions.max() >= count)):
        raise ValueError("a stored position is out of range")
    return positions


def _decoded(column: pa.ChunkedArray, layout: dict) -> np.ndarray:
    """The cells of a dictionary column as an object array; absent cells hold None (the key orders say which)."""
    array = column.combine_chunks() if column.num_chunks != 1 else column.chunk(0)
    uniques = array.dictionary.to_pylist()
    lookup = np.empty(len(uniques) + 1, dtype=object)  # the last one stands for "absent"
    if layout.get("tuple"):
        for i, unique in enumerate(uniques):
            lookup[i] = tuple(unique)
    else:
        lookup[:-1] = uniques
    codes = array.indices.fill_null(-1).to_numpy()
    return lookup[codes]


def _attribute_column(table: pa.Table, layout: dict, name: str) -> np.ndarray | None:
    """One attribute's column, decoded (``AttributeColumns.column`` without decoding every other column)."""
    for number, column in enumerate(layout["attrs"]):
        if column["name"] == name:
            return _decoded(table.column(f"a{number}"), column)
    return None


def _attribute_columns(table: pa.Table, layout: dict) -> AttributeColumns:
    names = [column["name"] for column in layout["attrs"]]
    values = [_decoded(table.column(f"a{number}"), column) for number, column in enumerate(layout["attrs"])]
    orders = layout["orders"]
    if any(not 0 <= i < len(names) for order in orders for i in order):
        raise ValueError("a key order names a column that is not there")
    groups = _positions(table.column("layout"), len(orders))
    return AttributeColumns(names, values, groups, dict(enumerate(orders)))


def graph_from_arrays(arrays: GraphArrays) -> nx.MultiDiGraph:
    """The graph, made by filling networkx's dicts directly (``nx_fast.graph_from_dicts``).

    ``graph_from_arrays_public`` makes the same graph with ``add_nodes_from`` and ``add_edges_from`` (a test
    checks that they are equal). This one is several times faster, because whole successor and predecessor dicts
    are made at once for each node (``dict(zip(...))``) instead of edge by edge, and it also keeps the order of
    the predecessor dicts, which the public API cannot set apart from the successors'.
    """
    ids = arrays.ids
    if len(set(ids)) != len(ids):
        raise ValueError("a node id is stored twice")
    sources, targets, size = arrays.sources, arrays.targets, len(arrays.keys)
    if not len(sources) == len(targets) == size == len(arrays.edge_attrs):
        raise ValueError("the edge columns differ in length")
    starts = np.flatnonzero(np.diff(sources, prepend=-1) | np.diff(targets, prepend=-1)) if size else sources[:0]
    ends = np.append(starts[1:], size) if size else starts
    keyed = np.empty(len(starts), dtype=object)  # per pair: {key: attrs, ...}, the dict succ and pred share
    keys, attrs = arrays.keys, arrays.edge_attrs
    single = ends - starts == 1  # one key per pair, the usual case: made without slicing
    key_array, attr_array = np.empty(size, dtype=object), np.empty(size, dtype=object)
    key_array[:], attr_array[:] = keys, attrs
    chosen = starts[single]
    keyed[single] = [{key: row} for key, row in zip(key_array[chosen].tolist(), attr_array[chosen].tolist())]
    keyed[~single] = [
        dict(zip(keys[s:e], attrs[s:e])) for s, e in zip(starts[~single].tolist(), ends[~single].tolist())
    ]
    id_array = np.empty(len(ids), dtype=object)
    id_array[:] = ids
    succ = _grouped(ids, sources[starts], id_array[targets[starts]], keyed)
    order = arrays.pred_pairs
    if len(order) != len(starts) or np.any(np.bincount(order, minlength=len(starts)) != 1):
        raise ValueError("the predecessor order is not a permutation of the pairs")
    pred = _grouped(ids, targets[starts][order], id_array[sources[starts][order]], keyed[order])
    return graph_from_dicts(zip(ids, arrays.node_attrs), succ, pred, arrays.graph_attrs)


def _grouped(ids: list, owners: np.ndarray, others: np.ndarray, keyed: np.ndarray) -> dict:
    """``{id: {other: keyed, ...}}`` for every node, from pairs already grouped by owner in node order."""
    if len(owners) and np.any(np.diff(owners) < 0):
        raise ValueError("the pairs are not in node order")
    adjacency = {node: {} for node in ids}
    starts = np.flatnonzero(np.diff(owners, prepend=-1))
    groups = list(map(slice, starts.tolist(), np.append(starts[1:], len(owners)).tolist()))
    others, keyed = others.tolist(), keyed.tolist()
    made = map(dict, map(zip, map(others.__getitem__, groups), map(keyed.__getitem__, groups)))  # the loop in C
    adjacency.update(zip(map(ids.__getitem__, owners[starts].tolist()), made))  # keeps the node order
    if sum(map(len, adjacency.values())) != len(owners):
        raise ValueError("a pair is stored twice")
    return adjacency


def graph_from_arrays_public(arrays: GraphArrays) -> nx.MultiDiGraph:
    """The same graph through networkx's public API (the reference ``graph_from_arrays`` is tested against)."""
    graph = nx.MultiDiGraph(**arrays.graph_attrs)
    graph.add_nodes_from(zip(arrays.ids, arrays.node_attrs))
    ids = arrays.ids
    graph.add_edges_from(
        (ids[u], ids[v], key, attrs)
        for u, v, key, attrs in zip(arrays.sources.tolist(), arrays.targets.tolist(), arrays.keys, arrays.edge_attrs)
    )
    return graph
