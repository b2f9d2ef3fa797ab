"""A warm start for the partner finder: its per-directory index kept on disk next to the directory cache.

A partner search on the combined real directory (the sample plus keep.eu and CORDIS: 42,000 organisations, 33,000
projects, 150,000 relations) spends most of its time preparing what does not depend on the query: the organisations
as arrays, the latest dated contact, the graph as integer arrays and the search from the home organisation, the
participations and the folded texts the themes are looked for in. The CLI starts a new process for every search, so
without this it would prepare all of that every time. ``warm_partner_index`` stores the prepared index the first
time and reads it back while the files, the code and the day are unchanged (the home organisation is in
``directory.toml``, one of the files).

The index holds everything a search reads (``partners.PartnerIndex``), so ``stored_partner_index`` gives a
search without the directory: the CLI's ``partners`` command answers from it when it is current, deciding that from
the files' content hash (``source_files.fingerprint``) without importing pandas or networkx or loading the
directory; when it is not, the command loads the directory as before and stores the index again.

The file is the ``partners`` part of ``cache.py`` (``partners-<slot>.arrow-cache`` beside the directory's cache:
this user's checked folder, mode 0600, written whole then renamed; a damaged or foreign file is a miss, never an
error). Its format cannot run code: ``PartnerIndex.state`` is plain containers, numpy and Arrow arrays and pandas
indexes; every array goes into one Arrow table (a column each) and the structure around them is JSON in the
table's metadata (``encode``/``decode``). Anything else raises ``Unsupported`` and the index is then not stored.
(A pandas index is kept too, for other callers of the format; the partner index holds none, so reading it back
never imports pandas.)
An older pickle of the index (``partners-<slot>.cache``) is never read; it is deleted when the index is stored.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np
import pyarrow as pa

from . import cache
from .arrow_numpy import as_numpy
from .gc_pause import gc_paused
from .partners import PartnerIndex, partner_index
from .source_files import fingerprint

if TYPE_CHECKING:
    from .directory import Directory

__all__ = [
    "warm_partner_index",
    "stored_partner_index",
    "has_stored_partner_index",
    "partner_cache_file",
    "encode",
    "decode",
    "Unsupported",
]

_KIND = "partners"
_TREE = b"tree"
#: Lists of plain strings or integers at least this long go into an Arrow column rather than the JSON.
_LONG = 16


class Unsupported(TypeError):
    """A value the format cannot keep exactly (the index is then not stored; nothing else happens)."""


def partner_cache_file(directory: "Directory", cache_dir: str | Path) -> Path | None:
    """Where the partner index of ``directory`` is kept (None when the cache would lie inside the data folder)."""
    target = cache.cache_file(directory.path, cache_dir)
    return None if target is None else target.with_name(target.name.replace("directory-", f"{_KIND}-", 1))


def _key(content_fingerprint: str, today: dt.date | None) -> str:
    """The files' content, the code and the day (the home organisation is in the files)."""
    return cache.part_key(cache.cache_key(content_fingerprint, today), _KIND)


def stored_partner_index(path: str | Path, cache_dir: str | Path, today: dt.date | None = None) -> PartnerIndex | None:
    """The partner index stored for the directory at ``path`` if it is current (the files, the code and the day
    unchanged: the files are hashed whole, as for the directory cache), on its own (``index.directory`` is None);
    else None. A missing, stale, damaged or foreign file is None, never an error."""
    if not Path(path).exists() or cache.cache_file(path, cache_dir) is None:
        return None
    table = cache.load_part(path, cache_dir, _KIND, _key(fingerprint(path), today))
    if table is None:
        return None
    try:
        with gc_paused():
            return PartnerIndex.restore(decode(table))
    except Exception:  # noqa: BLE001 - a damaged or foreign file is only a miss
        return None


def has_stored_partner_index(
    directory: "Directory", cache_dir: str | Path | None, today: dt.date | None = None
) -> bool:
    """Whether the cache folder already holds the partner index for this data version, code and day (the file's
    header only): a server restarted on unchanged data need not prepare it again."""
    if not cache_dir or not directory.fingerprint:
        return False
    return cache.has_part(directory.path, cache_dir, _KIND, _key(directory.fingerprint, today))


def warm_partner_index(
    directory: "Directory", cache_dir: str | Path | None, today: dt.date | None = None
) -> PartnerIndex:
    """The directory's partner index: the one it holds when current, else read from the cache when that is
    current, else built, prepared and stored (so a page may call this on every rerun: the disk is read once)."""
    if not cache_dir or not directory.fingerprint or partner_cache_file(directory, cache_dir) is None:
        return partner_index(directory)
    return partner_index(directory, lambda: _read_or_build(directory, cache_dir, today))


def _read_or_build(directory: "Directory", cache_dir: str | Path, today: dt.date | None) -> PartnerIndex:
    key = _key(directory.fingerprint, today)
    table = cache.load_part(directory.path, cache_dir, _KIND, key)
    if table is not None:
        try:
            with gc_paused():
                return PartnerIndex.restore(decode(table), directory)
        except Exception:  # noqa: BLE001 - a damaged or foreign file is only a miss
            pass
    index = PartnerIndex(directory)
    index.prepare()
    try:
        stored = encode(index.state())
    except (Unsupported, pa.ArrowException, TypeError, ValueError):
        return index  # a value the format cannot keep: no cache, the search goes on
    cache.store_part(directory.path, cache_dir, _KIND, key, stored)
    return index


# --- the format ------------------------------------------------------------------------------------------------


def encode(value: Any) -> pa.Table:
    """``value`` as one Arrow table: a column per array, the structure as JSON in the metadata."""
    arrays: list[pa.Array] = []
    tree = _encode(value, arrays)
    columns = {
        f"a{i}": pa.ListArray.from_arrays(pa.array([0, len(a)], pa.int32()), a) if len(a) < 2**31 else _too_big()
        for i, a in enumerate(arrays)
    }
    table = pa.table(columns) if columns else pa.table({"_": pa.array([0], pa.int8())})
    return table.replace_schema_metadata({_TREE: json.dumps(tree, ensure_ascii=False).encode("utf-8")})


def _too_big() -> pa.Array:
    raise Unsupported("an array too long for one Arrow list")


def decode(table: pa.Table) -> Any:
    """What ``encode`` stored."""
    arrays = (
        [table.column(f"a{i}").chunk(0).values for i in range(table.num_columns)] if "a0" in table.schema.names else []
    )
    tree = json.loads(table.schema.metadata[_TREE].decode("utf-8"))
    return _decode(tree, arrays)


def _add(arrays: list[pa.Array], array: pa.Array) -> int:
    arrays.append(array)
    return len(arrays) - 1


def _strings(values: list) -> pa.Array:
    if not all(type(v) is str for v in values):
        raise Unsupported("a list of strings holds something else")
    return pa.array(values, pa.string())


def _encode(value: Any, arrays: list[pa.Array]) -> Any:
    kind = type(value)
    if value is None or kind in (str, bool, int, float):
        return value
    if kind in (np.int64, np.int32, np.int8, np.float64, np.bool_):
        return ["scalar", str(value.dtype), value.item()]
    if isinstance(value, np.ndarray):
        return _encode_array(value, arrays)
    if isinstance(value, pa.Array):
        return ["arrow", _add(arrays, value)]
    if type(value).__module__.startswith("pandas"):
        import pandas as pd  # only a caller that stores a pandas index has pandas loaded already

        if not isinstance(value, pd.Index):
            raise Unsupported(f"a {kind.__name__} in the partner index")
        if isinstance(value, pd.MultiIndex) or not isinstance(value.name, (str, type(None))):
            raise Unsupported("an index this format does not keep")
        return ["index", _encode_array(value.to_numpy(dtype=object), arrays), str(value.dtype), value.name]
    if kind in (list, tuple, frozenset):
        items = sorted(value) if kind is frozenset else list(value)
        name = kind.__name__
        if len(items) >= _LONG and all(type(v) is str for v in items):
            return ["strings", name, _add(arrays, _strings(items))]
        if len(items) >= _LONG and all(type(v) is int for v in items):
            return ["ints", name, _add(arrays, pa.array(items, pa.int64()))]
        if len(items) >= _LONG and all(type(v) is tuple and all(type(w) is str for w in v) for v in items):
            # many short tuples of strings (each organisation's themes): one Arrow list column, not JSON
            return ["string-tuples", name, _add(arrays, pa.array(items, pa.list_(pa.string())))]
        return [name, [_encode(v, arrays) for v in items]]
    if kind is dict:
        return ["dict", _encode(list(value), arrays), _encode(list(value.values()), arrays)]
    raise Unsupported(f"a {kind.__name__} in the partner index")


def _encode_array(array: np.ndarray, arrays: list[pa.Array]) -> list:
    if array.ndim != 1:
        raise Unsupported("an array of more than one dimension")
    dtype = array.dtype
    if dtype.kind == "b":  # as bytes: Arrow packs booleans into bits, and unpacking them imports pandas
        return ["array", dtype.str, _add(arrays, pa.array(array.view(np.uint8)))]
    if dtype.kind in "iuf":
        return ["array", dtype.str, _add(arrays, pa.array(array))]
    if dtype.kind == "M":
        return ["array", dtype.str, _add(arrays, pa.array(array.view(np.int64)))]
    if dtype.kind == "O":
        return ["array", "object", _add(arrays, _strings(array.tolist()))]
    raise Unsupported(f"an array of {dtype}")


def _decode(node: Any, arrays: list[pa.Array]) -> Any:
    if not isinstance(node, list):
        return node
    tag = node[0]
    if tag == "scalar":
        return np.dtype(node[1]).type(node[2])
    if tag == "array":
        return _decode_array(node, arrays)
    if tag == "arrow":
        return arrays[node[1]]
    if tag == "index":
        import pandas as pd

        values = _decode_array(node[1], arrays)
        return pd.Index(values, dtype=object if node[2] == "object" else node[2], name=node[3])
    if tag == "strings":
        return _container(node[1], _shared_strings(arrays[node[2]]).tolist())
    if tag == "ints":
        return _container(node[1], arrays[node[2]].to_pylist())
    if tag == "string-tuples":
        listed = arrays[node[2]]
        flat = _shared_strings(listed.values).tolist()
        ends = as_numpy(listed.offsets, np.int32).tolist()
        return _container(node[1], [tuple(flat[a:b]) for a, b in zip(ends, ends[1:])])
    if tag in ("list", "tuple", "frozenset"):
        return _container(tag, [_decode(v, arrays) for v in node[1]])
    if tag == "dict":
        return dict(zip(_decode(node[1], arrays), _decode(node[2], arrays)))
    raise ValueError(f"unknown node {tag!r}")


def _shared_strings(array: pa.Array) -> np.ndarray:
    """The strings of ``array`` as an object array in which equal strings are one object. Types, countries, NUTS
    codes, dates and themes repeat across 60,000 organisations; a string per row made ~16 MB of copies in the
    dashboard's server (docs/performance.md, thirteenth session). Read through a dictionary encoding: each distinct
    string is made once, which is also quicker than a string per row. Not ``to_numpy``: for strings it imports
    pandas."""
    encoded = array.dictionary_encode()
    distinct = np.empty(len(encoded.dictionary), dtype=object)
    distinct[:] = encoded.dictionary.to_pylist()
    return distinct[as_numpy(encoded.indices, np.int32)]


def _container(name: str, items: list) -> Any:
    return {"list": list, "tuple": tuple, "frozenset": frozenset}[name](items)


def _decode_array(node: list, arrays: list[pa.Array]) -> np.ndarray:
    _, dtype, position = node
    array = arrays[position]
    if dtype == "object":
        return _shared_strings(array)
    wanted = np.dtype(dtype)
    if wanted.kind == "M":
        return as_numpy(array, np.int64).view(wanted)
    if wanted.kind == "b":
        return as_numpy(array, np.uint8).view(bool)
    return as_numpy(array, wanted)
