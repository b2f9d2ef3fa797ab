"""Loading the directory for the dashboard: once per data version, shared by every session, never crashing.

The loaded ``Directory`` is cached with ``st.cache_resource`` under a cheap *stamp* of the input files (their names,
sizes and modification times), computed on every rerun. Saving a CSV in Excel changes the stamp, so the next rerun
loads the new version; nothing is re-read while the files stay the same. The directory is shared between sessions
and must never be changed by a page: per-user state lives in ``st.session_state`` and widget keys.

A folder that cannot be read at all shows a message that says what to do, never a traceback. Problems *in* the data
do not stop anything: the valid rows load, and the Overview page lists the report.

The warm-start cache on disk is the core's (``network/cache.py`` decides where it lives and whether a folder is
safe to use); when it refuses the folder, the page says why once per session and the load goes on without it.
"""

from __future__ import annotations

import gc
import logging
import os
from pathlib import Path

import streamlit as st

from network import DataSourceError, NetworkError, cache, load_directory
from network.directory import Directory
from network.queries import stats
from network.reading import source_files

from .failures import failure_detail
from .i18n import error_text, t, tm

__all__ = [
    "DATA_ENV",
    "data_path",
    "data_stamp",
    "get_directory",
    "preload_directory",
    "fingerprint",
    "cache_folder",
    "usable_cache_folder",
    "directory_stats",
    "give_back_memory",
    "give_back_if_grown",
    "use_system_allocator",
]

#: The environment variable that points the dashboard at a folder of CSV files or an .xlsx workbook.
DATA_ENV = "NETWORK_DATA"
_REPO = Path(__file__).resolve().parent.parent
_log = logging.getLogger("network.ui.state")


def data_path() -> Path:
    """``$NETWORK_DATA`` if set, else the bundled ``data/`` folder next to ``network_app.py``."""
    chosen = os.environ.get(DATA_ENV, "").strip()
    return Path(chosen).expanduser() if chosen else _REPO / "data"


def data_stamp(path: Path) -> str:
    """A cheap fingerprint of the input files (name, size, mtime): it changes when any file is saved."""
    if not path.exists():
        raise DataSourceError(f"{path} does not exist.")
    parts = []
    for file in source_files(path):
        info = file.stat()
        parts.append(f"{file.name}:{info.st_size}:{info.st_mtime_ns}")
    return f"{path.resolve()}|{'|'.join(parts)}"


#: Session-state key: the cache refusals this session has already been told about.
_TOLD_KEY = "_cache_refusals_shown"


def usable_cache_folder() -> Path | None:
    """The core's cache folder, or None when the core refuses it, telling nobody: for the server's start, outside
    any session (``cache_folder`` tells each session why)."""
    folder = cache.default_cache_dir()
    return folder if cache.check_cache_dir(folder) is None else None


def cache_folder() -> Path | None:
    """The core's cache folder (``cache.default_cache_dir``), or None when the core refuses it.

    A refusal (another user's folder, a link, writable by others) is shown once per session, translated, with the
    fix; the directory is then loaded without a disk cache.
    """
    folder = cache.default_cache_dir()
    refusal = cache.check_cache_dir(folder)
    if refusal is None:
        return folder
    told = st.session_state.setdefault(_TOLD_KEY, set())
    if (str(refusal.folder), refusal.reason) not in told:
        told.add((str(refusal.folder), refusal.reason))
        st.warning(
            tm(
                f"state.cache_refused.{refusal.reason}",
                folder=str(refusal.folder),
                owner=str(refusal.owner),
                mode=f"{refusal.mode or 0:04o}",
            )
            + " "
            + tm("state.cache_refused_fix", folder=str(refusal.folder), env=cache.CACHE_ENV)
        )
    return None


@st.cache_resource(max_entries=4, show_spinner=False)
def _load(path: str, stamp: str, cache_dir: str | None) -> Directory:
    """Load one version of the directory (``stamp`` is only the cache key)."""
    use_system_allocator()
    gc.unfreeze()  # what earlier loads kept out of collections can be collected again once it is garbage
    directory = load_directory(path, cache_dir=cache_dir)
    give_back_memory(collect=True)  # collects
    gc.freeze()  # keep_out_of_collections, without a second collection
    return directory


def keep_out_of_collections() -> None:
    """Collect, then move every object alive now out of the cyclic collector's reach (``gc.freeze``).

    Why: Streamlit runs a full collection after every script run (``runner.postScriptGC``), and a full collection
    walks every container alive: with 60,000 organisations and 200,000 relations that is 0.35–0.42 s of server
    CPU after every page run and every click (docs/performance.md). Frozen objects are still freed by reference
    counting when nothing holds them; only cycles among them wait for the next load, which unfreezes first
    (``_load``). Called after a load and after the graph of a warm start is built."""
    gc.collect()
    gc.freeze()


def use_system_allocator() -> None:
    """Let Arrow (the tables' text columns, and Streamlit sending tables) allocate with the C library's malloc
    instead of its bundled mimalloc, unless ``$ARROW_DEFAULT_MEMORY_POOL`` chooses a pool.

    Why: mimalloc keeps the segments a load's temporaries used even after ``release_unused``; glibc's free memory
    ``give_back_memory`` does hand back (``malloc_trim``). Loading the 60,000-organisation directory without a
    cache and giving memory back left a process at 490 MB with mimalloc, 376 MB with malloc, in the same CPU time
    (``docs/performance.md``, issue 12). Arrow's C++ default pool is fixed once pyarrow is loaded (Streamlit loads
    it before the app), so this sets the pool pyarrow's own calls and pandas use; it takes effect for allocations
    made after it and is the same on every call."""
    if os.environ.get("ARROW_DEFAULT_MEMORY_POOL"):
        return
    try:
        import pyarrow
    except ImportError:  # pandas without Arrow: nothing to choose
        return
    pyarrow.set_memory_pool(pyarrow.system_memory_pool())


def give_back_memory(collect: bool = False) -> None:
    """Return the memory a load or a big page table freed to the system. Reading and validating 60,000
    organisations allocates a few hundred MB that is free again afterwards, but glibc keeps it in the server's
    arenas (the server stayed about 200 MB larger after a cold load than after a warm one), and Arrow's own pool
    (mimalloc) keeps what the text columns' temporaries used: about 70 MB after Overview's first tables.

    ``collect``: ``gc.collect`` first, for the cycles a load leaves (a full collection walks every graph
    attribute dict: tenths of a second, so not after each page table, whose temporaries refcounting frees)."""
    import ctypes
    import ctypes.util
    import gc

    if collect:
        gc.collect()
    try:
        import pyarrow

        pyarrow.default_memory_pool().release_unused()
    except (ImportError, AttributeError):  # an older pyarrow without release_unused
        pass
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6")
        libc.malloc_trim(0)
    except (OSError, AttributeError):  # not glibc (macOS, musl, Windows): nothing to give back this way
        pass


#: The server's resident memory (bytes) after the last ``give_back_if_grown`` that gave memory back.
_resident_after_trim = [0]
#: How much the server must have grown since then before a rerun's end gives memory back (a trim costs ~50 ms).
_TRIM_AFTER_GROWTH = 32 * 1024 * 1024


def _resident_bytes() -> int:
    """The server's resident memory from /proc (Linux; 0 elsewhere, where nothing is trimmed)."""
    try:
        with open("/proc/self/statm", "rb") as statm:
            return int(statm.read().split()[1]) * os.sysconf("SC_PAGE_SIZE")
    except (OSError, ValueError, IndexError, AttributeError):
        return 0


def give_back_if_grown() -> None:
    """At the end of a rerun: give memory back (``give_back_memory``) if the server grew by 32 MB or more since
    the last time. Sending a page's tables (Arrow, in Arrow's own pool) and building its words leave tens of MB
    free but held; the server measured 655 MB after the first Overview of a 60,000-organisation directory, most
    of it held this way. A rerun that allocated little costs one read of /proc/self/statm."""
    resident = _resident_bytes()
    if resident and resident - _resident_after_trim[0] >= _TRIM_AFTER_GROWTH:
        give_back_memory()
        _resident_after_trim[0] = _resident_bytes()


def _show_source_error(path: Path, detail: str) -> None:
    st.error(f"**{t('state.source_error_title')}**")
    st.write(tm("state.source_error", path=str(path)))
    st.write(t("state.source_error_fix"))
    st.caption(tm("state.source_error_detail", detail=detail))


def get_directory() -> Directory:
    """The loaded directory for this rerun. Stops the page with a friendly message if it cannot be read."""
    path = data_path()
    try:
        stamp = data_stamp(path)
        folder = cache_folder()
        with st.spinner(t("state.loading")):
            return _load(str(path), stamp, None if folder is None else str(folder))
    except DataSourceError as exc:
        _show_source_error(path, error_text(exc))
    except (NetworkError, OSError) as exc:  # a file locked by Excel, removed while reading, unreadable
        st.error(tm("state.read_error", path=str(path), detail=type(exc).__name__))
    st.stop()
    raise AssertionError("st.stop() returned")  # pragma: no cover


def preload_directory() -> Directory | None:
    """Load the directory into the same process-wide cache ``get_directory`` reads, outside any page and session:
    the server calls this once at start (``ui.server``), before it accepts the first page, so the first visitor's
    run finds the directory loaded. None if it cannot be read now.

    The key is the same as a page's (the path, the files' stamp, the cache folder), so a page still checks the
    stamp on every rerun and a folder changed since the start is loaded again, never served stale. A cache folder
    the core refuses is left out here as it is in ``cache_folder`` (which tells each session why). Never raises:
    a folder that cannot be read is logged by exception type and stack only (no path, message or cell value,
    which may hold personal data) and left for the first page to explain, as it always did."""
    path = data_path()
    try:
        stamp = data_stamp(path)
        folder = usable_cache_folder()
        return _load(str(path), stamp, str(folder) if folder is not None else None)
    except Exception as exc:  # noqa: BLE001 - the server must start whatever the folder holds
        _log.warning(
            "The directory could not be prepared at start; the first page will say why:\n%s", failure_detail(exc)
        )
        return None


def fingerprint(directory: Directory) -> str:
    """The content hash of the loaded data: the key for every cached render of it."""
    return directory.fingerprint or str(id(directory))


@st.cache_resource(max_entries=4, show_spinner=False)
def _stats(fp: str, _directory: Directory) -> dict:
    return stats(_directory)


def directory_stats(directory: Directory) -> dict:
    """``network.queries.stats`` once per data version: the sidebar shows it on every page, and counting the
    relations walks every edge (0.1–0.3 s at 200,000). ``st.cache_resource``, not ``cache_data``: the same dict
    for every rerun, nothing pickled; callers only read it."""
    return _stats(fingerprint(directory), directory)
