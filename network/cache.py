"""A warm start: the loaded directory kept on disk, used again while its files are unchanged.

Loading a million relations means reading, validating and building a graph: tens of seconds. When the files have
not changed since the last load, ``load_directory(path, cache_dir=...)`` reads the result of that load back
instead, in a few seconds. The CLI and the dashboard use the cache by default (``--no-cache`` turns it off in the
CLI); library callers opt in.

The key: the content of the files (``reading.fingerprint``: a hash of every byte of every file), the code that
loads them (a hash of this package's modules and the versions of the libraries that shape the result) and the date
(validation warns about rows not verified for three years, which depends on the day). Any change to any of these is
a miss, and the directory is loaded from the files as usual and stored again.

Where, and who may write there. This module alone decides where the cache lives and whether a folder may hold it.
A cache file holds the whole directory, contact details included, and what is read from it is shown as the data,
so the folder must be this user's alone:

- ``$NETWORK_CACHE_DIR``, else ``$XDG_CACHE_HOME/network``, else ``~/.cache/network``: per user, never the shared
  temporary folder, never inside the data folder (a cache directory there is ignored). Created with mode 0700.
- The folder is opened without following a symbolic link and checked on the open handle: owned by this user, not
  writable by group or others. Otherwise it is refused (``check_cache_dir`` returns a ``CacheRefusal`` that says
  why and how to fix it; the dashboard and the CLI show it), nothing is read or written there and the load works
  without a cache. Files are then opened relative to that handle, so the folder cannot be swapped in between.
- A cache file is written as mode 0600 (a temporary file, then renamed: a crash never leaves half a file and a
  second reader never sees one). Before reading, the open file is checked too: a regular file, not a link, owned
  by this user, no access for group or others; anything else is a miss.
- The format cannot run code (``cache_format``: Arrow IPC tables and JSON, no pickle). A damaged or foreign file
  is a miss, never an error. Older pickle caches (``directory-*.cache``) are never read; they are deleted when the
  same directory is stored again, by ``forget`` and by ``forget_all``.

``forget(path)`` removes every cached copy of one data path (the GDPR erasure uses it), ``forget_all()`` every
cache file. On a system without POSIX owners and ``dir_fd`` (Windows), there is no cache.
"""

from __future__ import annotations

import datetime as dt
import errno
import hashlib
import logging
import os
import secrets
import stat
import sys
import tempfile
import zlib
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO, Literal

import pyarrow as pa

from .source_files import fingerprint

if TYPE_CHECKING:
    from .directory import Directory

__all__ = [
    "CACHE_ENV",
    "FORMAT_VERSION",
    "CacheRefusal",
    "default_cache_dir",
    "check_cache_dir",
    "cache_key",
    "cache_file",
    "load_cached",
    "store",
    "forget",
    "forget_all",
    "PART_KINDS",
    "part_key",
    "store_part",
    "load_part",
]

#: The environment variable that chooses the cache directory.
CACHE_ENV = "NETWORK_CACHE_DIR"
#: Bumped whenever the layout of a cache file changes (2: nodes carry aliases; 3: Arrow IPC and JSON instead of a
#: pickle).
FORMAT_VERSION = 4
_PREFIX = "directory-"
_SUFFIX = ".arrow-cache"
#: Format 1 (a pickle): never read, only deleted.
_LEGACY_SUFFIX = ".cache"
_TEMPORARY = ".tmp-"
#: Where the dashboard used to keep its pickles (the shared temporary folder): ``forget`` cleans it too.
_LEGACY_FOLDER_NAME = "network-cache"
_SUPPORTED = hasattr(os, "geteuid") and os.open in os.supports_dir_fd and hasattr(os, "O_NOFOLLOW")
_FOLDER_FLAGS = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0) | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_READ_FLAGS = os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0) | getattr(os, "O_NONBLOCK", 0)
_WRITE_FLAGS = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_CLOEXEC", 0)
_log = logging.getLogger(__name__)
_told: set[tuple[str, str]] = set()

Reason = Literal["not-owner", "symlink", "writable-by-others", "not-a-folder"]


@dataclass(frozen=True)
class CacheRefusal:
    """Why a cache folder is not used. ``str()`` is the English message; the dashboard translates by ``reason``."""

    folder: Path
    reason: Reason
    #: The folder's owner (user id) and permission bits, when it could be looked at.
    owner: int | None = None
    mode: int | None = None

    def __str__(self) -> str:
        where = f"The cache folder {self.folder}"
        why = {
            "not-owner": f"{where} belongs to another user (user id {self.owner}), who could plant files in it.",
            "symlink": f"{where} is a symbolic link, which another user could point somewhere else.",
            "writable-by-others": f"{where} can be written by other users (permissions {self.mode:04o}), who could "
            f"plant files in it."
            if self.mode is not None
            else f"{where} is writable by others.",
            "not-a-folder": f"{where} is not a folder.",
        }[self.reason]
        fix = (
            f"chmod 700 '{self.folder}'" if self.reason == "writable-by-others" else f"remove or rename '{self.folder}'"
        )
        return (
            f"{why} The warm-start cache is off: loading works, only slower. To fix it, {fix}, or set "
            f"{CACHE_ENV} to a folder of your own (the default is ~/.cache/network)."
        )


class _Refused(Exception):
    def __init__(self, refusal: CacheRefusal) -> None:
        super().__init__(str(refusal))
        self.refusal = refusal


def default_cache_dir() -> Path:
    """``$NETWORK_CACHE_DIR``, else ``$XDG_CACHE_HOME/network``, else ``~/.cache/network``."""
    chosen = os.environ.get(CACHE_ENV, "").strip()
    if chosen:
        return Path(chosen).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base).expanduser() / "network"


def check_cache_dir(cache_dir: str | Path | None = None) -> CacheRefusal | None:
    """Make the cache folder if it is missing (mode 0700) and say whether it may be used: None, or why not.

    A folder that cannot be made (a read-only disk) is not refused: storing then fails quietly, as a miss does.
    """
    if not _SUPPORTED:
        return None
    folder = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
    try:
        os.close(_open_folder(folder, create=True))
    except _Refused as refused:
        _tell(refused.refusal)
        return refused.refusal
    except OSError:
        pass
    return None


@lru_cache(maxsize=1)
def _code_version() -> str:
    """A hash of this package's modules and the versions of everything that shapes a loaded directory. The versions
    are read from the installed packages' metadata, not by importing them: a warm partner search decides whether
    its stored index is current without importing pandas or networkx."""
    from importlib import metadata

    def version(name: str) -> str:
        try:
            return metadata.version(name)
        except metadata.PackageNotFoundError:
            return ""

    digest = hashlib.blake2b(digest_size=16)
    libraries = " ".join(version(name) for name in ("pandas", "numpy", "pyarrow", "networkx", "pycountry"))
    digest.update(f"{FORMAT_VERSION} {sys.version} {libraries}".encode())
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


def _slot(path: str | Path) -> str:
    """The part of a cache file's name that stands for one data path (the same in format 1 and 2)."""
    return hashlib.blake2b(str(Path(path).resolve()).encode(), digest_size=12).hexdigest()


def cache_file(path: str | Path, cache_dir: str | Path) -> Path | None:
    """The one cache file for the directory at ``path``, or None when ``cache_dir`` lies inside its data folder."""
    folder, resolved = _data_folder(Path(path)), Path(cache_dir).expanduser().resolve()
    if resolved == folder or folder in resolved.parents:
        return None
    return Path(cache_dir).expanduser() / f"{_PREFIX}{_slot(path)}{_SUFFIX}"


# --- the folder and its files ----------------------------------------------------------------------------------


def _open_folder(folder: Path, create: bool) -> int:
    """A handle on ``folder`` after checking it is this user's own: a folder, not a link, not writable by others.

    Raises ``_Refused`` when it is not; ``OSError`` when it is missing (and not ``create``) or cannot be made.
    """
    if create:
        try:
            os.makedirs(folder, mode=0o700, exist_ok=True)
        except FileExistsError:
            pass  # a file or a dangling link: opening it below says which
    try:
        handle = os.open(folder, _FOLDER_FLAGS)
    except OSError as exc:
        if exc.errno in (errno.ELOOP, errno.ENOTDIR, errno.EMLINK):
            raise _Refused(CacheRefusal(folder, "symlink" if folder.is_symlink() else "not-a-folder")) from exc
        raise
    info = os.fstat(handle)
    reason: Reason | None = None
    if info.st_uid != os.geteuid():
        reason = "not-owner"
    elif info.st_mode & (stat.S_IWGRP | stat.S_IWOTH):
        reason = "writable-by-others"
    if reason is not None:
        os.close(handle)
        raise _Refused(CacheRefusal(folder, reason, info.st_uid, stat.S_IMODE(info.st_mode)))
    return handle


def _tell(refusal: CacheRefusal) -> None:
    """Log a refusal once per folder and reason (the log holds no personal data: a folder and a reason)."""
    if (str(refusal.folder), refusal.reason) not in _told:
        _told.add((str(refusal.folder), refusal.reason))
        _log.warning("%s", refusal)


def _open_own_file(name: str, folder: int) -> tuple[BinaryIO, int] | None:
    """The file for reading, with its size, if it is this user's private regular file; else None (a miss)."""
    try:
        handle = os.open(name, _READ_FLAGS, dir_fd=folder)
    except OSError:
        return None  # missing, or a symbolic link (O_NOFOLLOW)
    info = os.fstat(handle)
    if not stat.S_ISREG(info.st_mode) or info.st_uid != os.geteuid() or info.st_mode & 0o077:
        os.close(handle)
        _log.warning("Ignored the cache file %s: not a private file of this user.", name)
        return None
    return os.fdopen(handle, "rb"), info.st_size


def _usable_folder(cache_dir: str | Path, create: bool) -> int | None:
    """``_open_folder`` for a read or a write that simply goes without the cache when the folder cannot be used:
    a refused folder is told once (``_tell``), a missing or unmakeable one is silent; None in both cases."""
    try:
        return _open_folder(Path(cache_dir).expanduser(), create=create)
    except _Refused as refused:
        _tell(refused.refusal)
        return None
    except OSError:
        return None


def load_cached(path: str | Path, cache_dir: str | Path, today: dt.date | None = None) -> dict[str, Any] | None:
    """The cached directory for ``path`` if its files, the code and the day are unchanged, as ``Directory``'s
    keyword arguments (``directory.load_directory`` makes the ``Directory``: this module does not import it at run
    time, so there is no import cycle); else None."""
    target = cache_file(path, cache_dir)
    if target is None or not _SUPPORTED:
        return None
    folder = _usable_folder(cache_dir, create=False)
    if folder is None:
        return None
    try:
        from . import cache_format  # here: it imports pandas and networkx, which a part's reader never needs

        opened = _open_own_file(target.name, folder)
        if opened is None:
            return None
        handle, size = opened
        with handle:
            stored_key = cache_format.read_key(handle)
            if stored_key is None or stored_key != cache_key(fingerprint(path), today):
                return None
            return cache_format.read(handle, size, Path(path))
    except Exception:  # noqa: BLE001 - a damaged cache file of any kind is only a miss
        return None
    finally:
        os.close(folder)


def store(directory: "Directory", cache_dir: str | Path, today: dt.date | None = None) -> Path | None:
    """Write ``directory`` to the cache (atomically, mode 0600). Returns the file, or None if it was not written."""
    target = cache_file(directory.path, cache_dir)
    if target is None or not directory.fingerprint or not _SUPPORTED:
        return None
    folder = _usable_folder(cache_dir, create=True)
    if folder is None:
        return None
    slot = _slot(directory.path)
    temporary = f"{_TEMPORARY}{slot}-{secrets.token_hex(6)}"
    try:
        from . import cache_format

        handle = os.open(temporary, _WRITE_FLAGS, 0o600, dir_fd=folder)
        with os.fdopen(handle, "wb") as output:
            cache_format.write(output, cache_key(directory.fingerprint, today), directory)
        os.replace(temporary, target.name, src_dir_fd=folder, dst_dir_fd=folder)
        _remove(folder, [f"{_PREFIX}{slot}{_LEGACY_SUFFIX}"])  # its pickle of format 1, if any
        return target
    except Exception:  # noqa: BLE001 - a value the format cannot hold, a full disk: no cache, the load goes on
        _remove(folder, [temporary])
        return None
    finally:
        os.close(folder)


# --- parts: what other modules prepare from a directory, kept beside it -------------------------------------

#: The kinds of part a data path may have beside its directory (``<kind>-<slot>.arrow-cache``): ``names``, the
#: matching forms of its organisations' names; ``matcher-records`` and ``matcher-postings``, the matcher of one
#: version of its files (both ``matching.form_cache``); ``partners``, the partner finder's prepared index
#: (``partner_cache``); ``pairs-<kind>``, the candidate pairs of one version of its files (``matching.stored_pairs``).
#: A part's pickle of an older version (``<kind>-<slot>.cache``) is never read, only deleted.
PART_KINDS = (
    "names",
    "matcher-records",
    "matcher-postings",
    "partners",
    "pairs-organisation",
    "pairs-network",
    "pairs-project",
)
_PART_MAGIC = b"network-cache-part arrow 1\n"


def part_key(*parts: str) -> str:
    """A key for a part: the code (as for the directory) and whatever else the part depends on (no day: a part
    that does not depend on the date stays valid across days)."""
    return hashlib.blake2b(" ".join((_code_version(), *parts)).encode(), digest_size=20).hexdigest()


def _part_name(kind: str, path: str | Path) -> str:
    if kind not in PART_KINDS:
        raise ValueError(f"unknown cache part kind {kind!r}")
    return f"{kind}-{_slot(path)}{_SUFFIX}"


def _part_folder(path: str | Path, cache_dir: str | Path, *, create: bool) -> int | None:
    """The checked cache folder (an open descriptor) for a part of the directory at ``path``, or None when parts
    are not kept (no cache for this path, no Arrow IPC here, a refused folder)."""
    if cache_file(path, cache_dir) is None or not _SUPPORTED:
        return None
    return _usable_folder(cache_dir, create=create)


def store_part(path: str | Path, cache_dir: str | Path, kind: str, key: str, table: pa.Table) -> Path | None:
    """Keep ``table`` as the ``kind`` part of the directory at ``path`` under ``key``, on the same terms as
    ``store`` (this user's checked folder, mode 0600, written whole then renamed; Arrow IPC, no pickle). Returns
    the file, or None when it was not written (no cache here, a refused folder, a full disk)."""
    name = _part_name(kind, path)
    folder = _part_folder(path, cache_dir, create=True)
    if folder is None:
        return None
    temporary = f"{_TEMPORARY}{_slot(path)}-{secrets.token_hex(6)}"
    try:
        sink = pa.BufferOutputStream()
        with pa.ipc.new_stream(sink, table.schema) as writer:
            writer.write_table(table)
        data = sink.getvalue()
        handle = os.open(temporary, _WRITE_FLAGS, 0o600, dir_fd=folder)
        with os.fdopen(handle, "wb") as output:
            output.write(_PART_MAGIC + key.encode("ascii") + b"\n")
            output.write(zlib.crc32(data).to_bytes(4, "little"))
            output.write(data)
        os.replace(temporary, name, src_dir_fd=folder, dst_dir_fd=folder)
        _remove(folder, [f"{kind}-{_slot(path)}{_LEGACY_SUFFIX}"])  # a pickle of an older version, if any
        return Path(cache_dir).expanduser() / name
    except Exception:  # noqa: BLE001 - like store: no part, the work goes on
        _remove(folder, [temporary])
        return None
    finally:
        os.close(folder)


def _read_part(path: str | Path, cache_dir: str | Path, kind: str, key: str, *, body: bool) -> bytes | None:
    """The stored ``kind`` part's body (CRC checked) if its header names ``key``, else None; with ``body=False``
    only the header is read (an empty ``bytes`` when it matches). Any failure is a miss."""
    name = _part_name(kind, path)
    folder = _part_folder(path, cache_dir, create=False)
    if folder is None:
        return None
    try:
        opened = _open_own_file(name, folder)
        if opened is None:
            return None
        handle, _size = opened
        with handle:
            if handle.read(len(_PART_MAGIC)) != _PART_MAGIC or handle.readline(200) != key.encode("ascii") + b"\n":
                return None
            if not body:
                return b""
            crc = int.from_bytes(handle.read(4), "little")
            data = handle.read()
        return data if zlib.crc32(data) == crc else None
    except Exception:  # noqa: BLE001 - a damaged part of any kind is only a miss
        return None
    finally:
        os.close(folder)


def has_part(path: str | Path, cache_dir: str | Path, kind: str, key: str) -> bool:
    """Whether a ``kind`` part of the directory at ``path`` is stored under ``key``, from its header alone (a few
    bytes, not the table): for deciding whether work that would store it is needed. ``load_part`` still checks the
    whole file when it is read."""
    return _read_part(path, cache_dir, kind, key, body=False) is not None


def load_part(path: str | Path, cache_dir: str | Path, kind: str, key: str) -> pa.Table | None:
    """The ``kind`` part of the directory at ``path`` if it was stored under ``key``; else None. A missing,
    foreign, damaged or not private file is a miss, never an error (checked as ``load_cached`` does)."""
    data = _read_part(path, cache_dir, kind, key, body=True)
    if data is None:
        return None
    try:
        table = pa.ipc.open_stream(pa.py_buffer(data)).read_all()
        table.validate(full=True)
        return table
    except Exception:  # noqa: BLE001 - a damaged part of any kind is only a miss
        return None


# --- forgetting ------------------------------------------------------------------------------------------------


def forget(path: str | Path, cache_dir: str | Path | None = None) -> int:
    """Remove every cached copy of the directory at ``path``; return how many files were removed.

    Without ``cache_dir``: the default folder and the shared temporary folder where older versions of the
    dashboard kept their pickles. Only folders that pass the same checks as for caching are touched.
    """
    slot = _slot(path)
    names = {f"{_PREFIX}{slot}{_SUFFIX}", f"{_PREFIX}{slot}{_LEGACY_SUFFIX}"}
    names |= {_part_name(kind, path) for kind in PART_KINDS} | {f"{kind}-{slot}{_LEGACY_SUFFIX}" for kind in PART_KINDS}
    return _forget_where(cache_dir, lambda name: name in names or name.startswith(f"{_TEMPORARY}{slot}-"))


def forget_all(cache_dir: str | Path | None = None) -> int:
    """Remove every cache file (of any data path, any format, and leftover temporary files); return the count.

    Other files in the folder are left alone (``$NETWORK_CACHE_DIR`` may name a folder that holds more).
    """

    def ours(name: str) -> bool:
        return name.startswith(_TEMPORARY) or (
            name.startswith((_PREFIX, *(f"{kind}-" for kind in PART_KINDS)))
            and name.endswith((_SUFFIX, _LEGACY_SUFFIX))
        )

    return _forget_where(cache_dir, ours)


def _forget_where(cache_dir: str | Path | None, chosen) -> int:
    if not _SUPPORTED:
        return 0
    if cache_dir is not None:
        folders = [Path(cache_dir).expanduser()]
    else:
        folders = [default_cache_dir(), Path(tempfile.gettempdir()) / _LEGACY_FOLDER_NAME]
    removed = 0
    for place in dict.fromkeys(folders):
        try:
            folder = _open_folder(place, create=False)
        except (_Refused, OSError):
            continue  # missing, or not ours: nothing of ours was written there
        try:
            removed += _remove(folder, [name for name in os.listdir(folder) if chosen(name)])
        finally:
            os.close(folder)
    return removed


def _remove(folder: int, names: list[str]) -> int:
    removed = 0
    for name in names:
        try:
            os.unlink(name, dir_fd=folder)
            removed += 1
        except FileNotFoundError:
            pass
        except OSError as exc:
            _log.warning("Could not remove the cache file %s: %s", name, exc.strerror)
    return removed
