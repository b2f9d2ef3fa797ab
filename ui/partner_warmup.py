"""The partner finder's index prepared in a separate, low-priority process right after the dashboard's first load,
so the Partners page's first visit reads it from the warm-start cache instead of building it.

Why a process and not a thread: preparing the index for 60,000 organisations takes ~4 s of CPU, most of it Python
holding the interpreter lock; in a thread of the server it would slow every page the user opens meanwhile. The
process (``python -m ui.partner_warmup DATA CACHE``, ``os.nice(19)``) loads the directory from the cache the server
has just written and calls the core's ``network.partner_cache.warm_partner_index``, which stores the index there (or
only reads it back when it is already current). It costs that process's memory (the directory once more, a few
hundred MB, for a few seconds) and nothing in the server. If the user opens Partners before it is done, the page
waits for it (``wait``) rather than building the same index at the same time; if it failed, the page builds the
index itself, as it always did.

No Streamlit here: the server side is two functions the app and the Partners page call; the process side is
``main``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from network.directory import Directory

__all__ = ["WARMUP_ENV", "start", "wait", "running", "main"]

_ROOT = Path(__file__).resolve().parent.parent
#: ``NETWORK_PARTNER_WARMUP=0`` turns the warm-up off (a server short of memory; the test suite, whose many small
#: directories would each start one): Partners then builds the index on its first visit, as before.
WARMUP_ENV = "NETWORK_PARTNER_WARMUP"
#: How long the Partners page waits for a warm-up still at work before building the index itself (seconds).
WAIT_SECONDS = 120.0
#: The warm-up process per data version (the directory's fingerprint) and cache folder, started at most once per
#: server (None: it could not be started).
_started: dict[tuple[str, str], subprocess.Popen | None] = {}
_lock = threading.Lock()


def start(directory: "Directory", data_path: Path, cache_dir: Path | None) -> bool:
    """Start the warm-up for this data version unless it was started before, the index is stored already, the
    directory has no fingerprint, or there is no usable cache folder (``None``: the core refused it, so nothing could be stored). True if started.
    The partner code is imported only here and in the process: the first page does not need it."""
    from network.partner_cache import has_stored_partner_index, partner_cache_file

    fingerprint = directory.fingerprint
    if os.environ.get(WARMUP_ENV, "").strip() == "0":
        return False
    if not fingerprint or cache_dir is None or partner_cache_file(directory, cache_dir) is None:
        return False
    if has_stored_partner_index(directory, cache_dir):  # a restart on unchanged data: nothing to prepare
        return False
    key = (fingerprint, str(cache_dir))
    with _lock:
        if key in _started:
            return False
        try:
            _started[key] = subprocess.Popen(
                [sys.executable, "-m", "ui.partner_warmup", str(data_path), str(cache_dir)],
                cwd=_ROOT,  # ``-m`` puts this tree first on the path: the same code as the server's
                stdin=subprocess.DEVNULL,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,  # nothing of the data reaches a log; a failure only means no warm start
                close_fds=True,
            )
        except OSError:  # no interpreter to start (a frozen app, a sandbox): the page builds the index itself
            _started[key] = None  # tried once, not again
            return False
    return True


def _processes(directory: "Directory") -> list[subprocess.Popen]:
    with _lock:
        return [p for (fp, _), p in _started.items() if p is not None and fp == directory.fingerprint]


def running(directory: "Directory") -> bool:
    """Whether a warm-up for this data version is still at work."""
    return any(process.poll() is None for process in _processes(directory))


def wait(directory: "Directory", timeout: float = WAIT_SECONDS) -> None:
    """Wait until this data version's warm-up has finished (at most ``timeout`` seconds); at once if none runs."""
    for process in _processes(directory):
        try:
            process.wait(timeout)
        except subprocess.TimeoutExpired:  # still at work: the page goes on and builds the index itself
            pass


def main(argv: list[str] | None = None) -> int:
    """The warm-up process: load the directory (from the warm-start cache) and prepare and store its partner index.
    Exit status 0 when the index is in the cache folder afterwards."""
    from network import load_directory
    from network.partner_cache import partner_cache_file, warm_partner_index

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 2:
        print("usage: python -m ui.partner_warmup DATA CACHE_DIR", file=sys.stderr)
        return 2
    if hasattr(os, "nice"):
        os.nice(19)  # the server and the user's pages first
    data_path, cache_dir = args
    directory = load_directory(data_path, cache_dir=cache_dir)
    warm_partner_index(directory, cache_dir)
    stored = partner_cache_file(directory, cache_dir)
    return 0 if stored is not None and stored.exists() else 1


if __name__ == "__main__":
    sys.exit(main())
