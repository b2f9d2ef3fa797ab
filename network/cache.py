"""A warm start: the loaded directory kept on disk, used again while its files are unchanged.

Loading a million relations means reading, validating and building a graph: tens of seconds. When the files have
not changed since the last load, ``load_directory(path, cache_dir=...)`` reads the result of that load back
instead, in a few seconds. The CLI uses the cache by default (``--no-cache`` turns it off); library callers opt in.

The cache is keyed by the content of the files (``reading.fingerprint``: a hash of every byte of every file), the
code that loads them (a hash of this package's modules and the versions of the libraries that shape the result) and
the date (validation warns about rows not verified for three years, which depends on the day). Any change to any of
these is a miss, and the directory is loaded from the files as usual and stored again.

Where: ``$NETWORK_CACHE_DIR``, else ``$XDG_CACHE_HOME/network``, else ``~/.cache/network``; never inside the data
folder (a cache directory there is ignored). One file per data path, replaced atomically (written to a temporary
file, then renamed), so a crash never leaves half a file and a second reader never sees one. A damaged or foreign
file is a miss, never an error. The file is a pickle, which can run code when read, so it is written only by this
user (mode 0600) in this user's own cache directory; do not point ``NETWORK_CACHE_DIR`` at a folder others can write.

What is stored: every field of the ``Directory`` except its path and load time (set again on a hit), with the graph
as networkx's own dicts (nodes, successors, predecessors), pickled with protocol 5 and read back with the garbage
collector paused. That is about three times faster than unpickling a whole ``MultiDiGraph`` with the collector
running; the tables' Arrow buffers are copied in one piece.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import os
import pickle
import sys
import tempfile
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from .graph import gc_paused
from .reading import fingerprint

if TYPE_CHECKING:
    from .directory import Directory

__all__ = ["default_cache_dir", "cache_key", "cache_file", "load_cached", "store", "forget", "CACHE_ENV",
           "FORMAT_VERSION"]

#: The environment variable that chooses the cache directory.
CACHE_ENV = "NETWORK_CACHE_DIR"
#: Bumped whenever the layout of a cache file changes.
FORMAT_VERSION = 2  # 2: nodes carry aliases (search finds other names)
_MAGIC = b"network-directory-cache\n"
#: Fields of Directory that are not stored: set again on every load.
_NOT_STORED = ("path", "loaded_at", "graph")


def default_cache_dir() -> Path:
    """``$NETWORK_CACHE_DIR``, else ``$XDG_CACHE_HOME/network``, else ``~/.cache/network``."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "network"


@lru_cache(maxsize=1)
def _code_version() -> str:
    """A hash of this package's modules and the versions of everything that shapes a loaded directory."""
    import numpy
    import pandas
    import pyarrow
    import pycountry

    digest = hashlib.blake2b(digest_size=16)
    digest.update(f"{FORMAT_VERSION} {sys.version} {pandas.__version__} {numpy.__version__} {pyarrow.__version__} "
                  f"{nx.__version__} {getattr(pycountry, '__version__', '')}".encode())
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.name.encode())
        digest.update(module.read_bytes())
    return digest.hexdigest()


def cache_key(content_fingerprint: str, today: dt.date | None = None) -> str:
    """The key a cached directory is stored under: its files' content, the code, and the day."""
    day = (today or dt.date.today()).isoformat()
    return hashlib.blake2b(f"{content_fingerprint} {_code_version()} {day}".encode(), digest_size=20).hexdigest()


def _data_folder(path: Path) -> Path:
    resolved = path.resolve()
    return resolved if resolved.is_dir() else resolved.parent


def cache_file(path: str | Path, cache_dir: str | Path) -> Path | None:
    """The one cache file for the directory at ``path``, or None when ``cache_dir`` lies inside its data folder."""
    folder, cache_dir = _data_folder(Path(path)), Path(cache_dir).expanduser().resolve()
    if cache_dir == folder or folder in cache_dir.parents:
        return None
    slot = hashlib.blake2b(str(Path(path).resolve()).encode(), digest_size=12).hexdigest()
    return cache_dir / f"directory-{slot}.cache"


def load_cached(path: str | Path, cache_dir: str | Path, today: dt.date | None = None) -> "Directory | None":
    """The cached directory for ``path`` if its files, the code and the day are unchanged; else None."""
    target = cache_file(path, cache_dir)
    if target is None:
        return None
    try:
        header = _MAGIC + cache_key(fingerprint(path), today).encode() + b"\n"
        with target.open("rb") as handle:
            if handle.read(len(header)) != header:
                return None
            with gc_paused():
                stored = pickle.load(handle)
        return _restore(stored, Path(path))
    except Exception:  # noqa: BLE001 - a missing, damaged or foreign cache file of any kind is only a miss
        return None


def store(directory: "Directory", cache_dir: str | Path, today: dt.date | None = None) -> Path | None:
    """Write ``directory`` to the cache (atomically). Returns the file, or None if it could not be written."""
    target = cache_file(directory.path, cache_dir)
    if target is None or not directory.fingerprint:
        return None
    header = _MAGIC + cache_key(directory.fingerprint, today).encode() + b"\n"
    temporary = None
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.NamedTemporaryFile("wb", dir=target.parent, prefix=".tmp-", delete=False) as handle:
            temporary = Path(handle.name)
            handle.write(header)
            pickle.dump(_payload(directory), handle, protocol=5)
        os.replace(temporary, target)
        return target
    except (OSError, pickle.PicklingError, TypeError, ValueError, AttributeError):
        if temporary is not None:
            temporary.unlink(missing_ok=True)
        return None


def _payload(directory: "Directory") -> dict:
    graph = directory.graph
    fields = {f.name: getattr(directory, f.name) for f in dataclasses.fields(directory) if f.name not in _NOT_STORED}
    return {"fields": fields, "graph": (graph.graph, graph._node, graph._succ, graph._pred)}


def _restore(stored: dict, path: Path) -> "Directory":
    from .directory import Directory  # here: directory.py imports this module

    graph_attrs, nodes, succ, pred = stored["graph"]
    graph = nx.MultiDiGraph()
    graph.graph.update(graph_attrs)
    graph._node, graph._succ, graph._pred = nodes, succ, pred  # networkx's own attributes; _adj follows _succ
    return Directory(path=path, graph=graph, **stored["fields"])


def forget(path: str | Path, cache_dir: str | Path | None = None) -> int:
    """Remove the cached copy of the directory at ``path`` (in ``cache_dir``, default ``default_cache_dir()``).

    Used after erasing a person (GDPR art. 17): the cache holds the whole directory, contact details included, and
    would otherwise keep the person until the next load overwrote it. Returns how many files were removed.
    """
    target = cache_file(path, cache_dir if cache_dir is not None else default_cache_dir())
    if target is None:
        return 0
    try:
        target.unlink()
    except FileNotFoundError:
        return 0
    return 1
