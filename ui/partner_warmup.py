"""What the pages prepare once per data version, prepared instead in a separate, low-priority process, and kept in the
cache folder. The process starts with the server, before the directory is loaded (``prestart``, ``ui.app.prepare``):
it imports what the parts need while the server reads the files, then waits until the directory is loaded and
``start`` adopts it (or ``release`` lets it end: a restart on unchanged data), so a page opened right after the
first load finds its part ready; a data version the server first meets on a page (the folder changed since the
start) starts a process right after that page's run. The parts: the partner finder's index (Partners), the
network measures with the report's basis (Insights) and the candidate pairs of every kind at the Matches page's
lowest score (Matches).

Why a process and not a thread: on 60,000 organisations the partner index takes ~4 s of CPU, the measures ~10 s and
the pairs ~26 s, nearly all of it Python holding the interpreter lock; in a thread of the server it would slow every
page the user opens meanwhile. The process (``python -m ui.partner_warmup DATA CACHE``, ``os.nice(19)``) loads the
directory from the cache the server has just written and calls the core for each part, in this order (``STAGES``):
``network.partner_cache.warm_partner_index``, ``network.metrics_jobs.metrics_now`` and
``network.matching.stored_pairs.prepare_pairs``; each stores its result keyed by the files' content hash (which
covers matches.csv) and the code, or only checks that it is stored already. It costs that process's CPU and memory
(the directory once more, a few hundred MB) and nothing in the server. A restarted server on unchanged data reads
everything back and starts no process.

The process reports its progress on its standard output (``stage NAME FRACTION`` and ``done NAME CPU`` lines: names
of stages and numbers, never data), which a thread of the server reads, so a page opened meanwhile shows progress
(``progress``) and waits for the part it needs (``preparing``, ``wait``) instead of computing the same thing a second
time at once. If the process failed or a part is missing afterwards, the page computes it itself, as it always did.

No Streamlit here: the server side is the functions the app and the pages call; the process side is ``main``.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, TYPE_CHECKING

if TYPE_CHECKING:
    from network.directory import Directory

__all__ = ["WARMUP_ENV", "STAGES", "prestart", "release", "start", "wait", "running", "preparing", "progress", "main"]

_ROOT = Path(__file__).resolve().parent.parent
#: ``NETWORK_PARTNER_WARMUP=0`` turns the warm-up off (a server short of memory; the test suite, whose many small
#: directories would each start one): the pages then prepare what they need on their first visit, as before.
WARMUP_ENV = "NETWORK_PARTNER_WARMUP"
#: How long a page waits for a warm-up still at work before preparing its part itself (seconds).
WAIT_SECONDS = 120.0
#: The parts, in the order the process prepares them (the cheapest and most visited first).
STAGES = ("partners", "metrics", "pairs-organisation", "pairs-network", "pairs-project")


@dataclass
class _Run:
    """One warm-up process and what it has said so far."""

    process: subprocess.Popen
    stage: str = ""
    fraction: float = 0.0
    finished: set[str] = field(default_factory=set)
    said: threading.Event = field(default_factory=threading.Event)


#: The warm-up process per data version (the directory's fingerprint) and cache folder, started at most once per
#: server (None: it could not be started).
_started: dict[tuple[str, str], _Run | None] = {}
#: Processes started before the directory was loaded (``prestart``), per data folder and cache folder: their
#: imports done or under way, each waits on its standard input for ``go`` (``start`` adopts it) or its end
#: (``release``: nothing to do).
_early: dict[tuple[str, str], subprocess.Popen] = {}
_lock = threading.Lock()
#: What the parts need, imported by an early process while the server still loads the directory.
_PART_MODULES = (
    "network",
    "network.storage",
    "network.partners",
    "network.partner_cache",
    "network.metrics_jobs",
    "network.matching.stored_pairs",
)


def _everything_stored(directory: "Directory", data_path: Path, cache_dir: Path) -> bool:
    """Whether every part is stored for this data version already (a restart on unchanged data). The matching
    package is imported only when the partner index and the measures are stored (a restart), not on a first load."""
    from network.metrics_jobs import has_stored_metrics
    from network.partner_cache import has_stored_partner_index

    if not has_stored_partner_index(directory, cache_dir):
        return False
    if not has_stored_metrics(cache_dir, directory.fingerprint):
        return False
    from network.matching.stored_pairs import has_pairs
    from network.schema import MATCH_KINDS

    return all(has_pairs(data_path, cache_dir, directory.fingerprint, kind) for kind in MATCH_KINDS)


def _listen(run: _Run, stream: IO[str]) -> None:
    """Read the process's progress lines until it closes its output (the thread ends with the process)."""
    for line in stream:
        words = line.split()
        if len(words) == 3 and words[0] == "stage":
            try:
                run.stage, run.fraction = words[1], float(words[2])
            except ValueError:
                continue
        elif len(words) in (2, 3) and words[0] == "done":
            run.finished.add(words[1])
        run.said.set()
    stream.close()


def start(directory: "Directory", data_path: Path, cache_dir: Path | None) -> bool:
    """Start the warm-up for this data version unless it was started before, everything is stored already, the
    directory has no fingerprint, or there is no usable cache folder (``None``: the core refused it, so nothing
    could be stored). True if started. The partner code is imported only here and in the process: the first page
    does not need it."""
    from network.partner_cache import partner_cache_file

    fingerprint = directory.fingerprint
    if os.environ.get(WARMUP_ENV, "").strip() == "0":
        return False
    if not fingerprint or cache_dir is None or partner_cache_file(directory, cache_dir) is None:
        return False
    key = (fingerprint, str(cache_dir))
    with _lock:
        if key in _started:
            return False
        if _everything_stored(directory, data_path, cache_dir):  # a restart on unchanged data: nothing to prepare
            return False
        try:
            process = _adopt(data_path, cache_dir) or _spawn(data_path, cache_dir, early=False)
        except OSError:  # no interpreter to start (a frozen app, a sandbox): the pages prepare their parts
            _started[key] = None  # tried once, not again
            return False
        run = _started[key] = _Run(process)
    threading.Thread(target=_listen, args=(run, process.stdout), name="warmup-progress", daemon=True).start()
    return True


def prestart(data_path: Path, cache_dir: Path | None) -> None:
    """Start the process before the directory is loaded (the server's start, ``ui.app.prepare``): it imports what
    the parts need (~2.5 s of CPU on a slow machine, a third of the way to the partner index) while the server
    reads and validates the files, then waits for ``start`` to adopt it (or ``release`` to let it end). The
    partner index is then ready that much sooner after a new data version's first load. Not when turned off or
    without a usable cache folder; at most one per data and cache folder."""
    if os.environ.get(WARMUP_ENV, "").strip() == "0" or cache_dir is None:
        return
    key = (str(data_path), str(cache_dir))
    with _lock:
        if key in _early:
            return
        try:
            _early[key] = _spawn(data_path, cache_dir, early=True)
        except OSError:  # the pages prepare their parts, as without a warm-up
            return


def release() -> None:
    """Let every early process nobody adopted end (its input closed: it exits without work)."""
    with _lock:
        waiting = list(_early.values())
        _early.clear()
    for process in waiting:
        _close(process)


def _spawn(data_path: Path, cache_dir: Path, *, early: bool) -> subprocess.Popen:
    """The process (``OSError`` when it cannot start); an early one waits on its standard input."""
    return subprocess.Popen(
        [sys.executable, "-m", "ui.partner_warmup", *(["--wait"] if early else []), str(data_path), str(cache_dir)],
        cwd=_ROOT,  # ``-m`` puts this tree first on the path: the same code as the server's
        stdin=subprocess.PIPE if early else subprocess.DEVNULL,
        stdout=subprocess.PIPE,  # progress lines only (stage names and fractions)
        stderr=subprocess.DEVNULL,  # nothing of the data reaches a log; a failure only means no warm start
        close_fds=True,
        text=True,
    )


def _adopt(data_path: Path, cache_dir: Path) -> subprocess.Popen | None:
    """The early process for these folders, told to go (the caller holds ``_lock``); None when there is none or it
    has ended."""
    process = _early.pop((str(data_path), str(cache_dir)), None)
    if process is None or process.poll() is not None:
        return None
    try:
        process.stdin.write("go\n")  # type: ignore[union-attr]
        process.stdin.close()  # type: ignore[union-attr]
    except (OSError, ValueError):  # it ended meanwhile: start a new one
        return None
    return process


def _close(process: subprocess.Popen) -> None:
    try:
        process.stdin.close()  # type: ignore[union-attr]
    except (OSError, ValueError):
        pass


def _runs(directory: "Directory") -> list[_Run]:
    with _lock:
        return [r for (fp, _), r in _started.items() if r is not None and fp == directory.fingerprint]


def running(directory: "Directory") -> bool:
    """Whether a warm-up for this data version is still at work."""
    return any(run.process.poll() is None for run in _runs(directory))


def preparing(directory: "Directory", stage: str) -> bool:
    """Whether a warm-up still at work for this data version has yet to finish ``stage`` (one of ``STAGES``): the
    page then waits for it rather than computing the same thing at the same time."""
    return any(run.process.poll() is None and stage not in run.finished for run in _runs(directory))


def progress(directory: "Directory") -> tuple[str, float, int] | None:
    """The running warm-up's stage, the fraction of that stage done (0..1) and how many stages are finished; None
    when none runs for this data version."""
    for run in _runs(directory):
        if run.process.poll() is None:
            return run.stage or STAGES[0], min(max(run.fraction, 0.0), 1.0), len(run.finished)
    return None


def wait(directory: "Directory", timeout: float = WAIT_SECONDS, stage: str | None = None) -> None:
    """Wait until this data version's warm-up has finished ``stage`` (the whole process when None) or ended, at
    most ``timeout`` seconds; at once if none runs."""
    deadline = time.monotonic() + timeout
    for run in _runs(directory):
        while run.process.poll() is None and (stage is None or stage not in run.finished):
            left = deadline - time.monotonic()
            if left <= 0:  # still at work: the page goes on and prepares its part itself
                return
            run.said.clear()
            if run.process.poll() is not None or (stage is not None and stage in run.finished):
                break
            run.said.wait(min(left, 0.2))


def _say(*words: object) -> None:
    print(*words, flush=True)


def _stage(name: str, work) -> bool:
    """Run one stage, telling the server when it starts and ends; False when it failed (the page then prepares the
    part itself)."""
    _say("stage", name, "0.000")
    try:
        ok = bool(work())
    except Exception:  # noqa: BLE001 - a failed stage leaves its part to the page; the others still run
        ok = False
    _say("done", name, f"{time.process_time():.2f}")  # the process's CPU so far (bench/bench_pages.py, by hand)
    return ok


def _graph_parts(data_path: str, cache_dir: str) -> bool:
    """The parts made from the loaded directory: the partner index, then the measures. The directory is let go on
    return, before the pairs (which need the raw tables, not the graph) are prepared."""
    from network import load_directory
    from network.metrics_jobs import has_stored_metrics, metrics_now
    from network.partner_cache import partner_cache_file, warm_partner_index

    directory = load_directory(data_path, cache_dir=cache_dir)

    def partners() -> bool:
        warm_partner_index(directory, cache_dir)
        stored = partner_cache_file(directory, cache_dir)
        return stored is not None and stored.exists()

    def measures() -> bool:
        metrics_now(directory, cache_dir, progress=lambda _step, done: _say("stage", "metrics", f"{done:.3f}"))
        return has_stored_metrics(cache_dir, directory.fingerprint)

    ok = _stage("partners", partners)
    return _stage("metrics", measures) and ok


def main(argv: list[str] | None = None) -> int:
    """The warm-up process: load the directory (from the warm-start cache) and prepare and store every part.
    Exit status 0 when every part is in the cache folder afterwards. With ``--wait`` (``prestart``) it first
    imports what the parts need, then waits for ``go`` on its standard input; anything else ends it at once."""
    import gc
    import importlib

    args = list(sys.argv[1:] if argv is None else argv)
    early = args[:1] == ["--wait"]
    if early:
        args = args[1:]
    if len(args) != 2:
        print("usage: python -m ui.partner_warmup [--wait] DATA CACHE_DIR", file=sys.stderr)
        return 2
    if hasattr(os, "nice"):
        os.nice(19)  # the server and the user's pages first
    data_path, cache_dir = args
    for name in _PART_MODULES:
        importlib.import_module(name)
    if early and sys.stdin.readline().strip() != "go":  # the server had nothing for it to prepare
        return 0
    from network import storage
    from network.matching.stored_pairs import prepare_pairs
    from network.schema import MATCH_KINDS

    ok = _graph_parts(data_path, cache_dir)
    gc.collect()  # the directory's graph, before the tables are read
    snapshot = storage.load(data_path)
    for kind in MATCH_KINDS:
        stored = _stage(
            f"pairs-{kind}",
            lambda kind=kind: prepare_pairs(data_path, cache_dir, snapshot.fingerprint, snapshot.tables, kind),
        )
        ok = stored and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
