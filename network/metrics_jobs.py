"""Computing the metrics once per version of the data, in the background, and keeping the result.

On a large directory the measures take tens of seconds, so they run in a daemon thread: the first caller starts
the job, every later caller (another user, the next rerun) gets the same job and can show its progress, and nobody
waits. The result is kept in memory per data fingerprint and, when a folder is given, in a small gzipped JSON file
there (``metrics-<fingerprint>.json.gz``), so a restart reads it back in well under a second. The job also works out
the report's whole-graph walks (``insights.report_basis``) and stores them with the metrics, so the report built
from stored metrics does not walk a million relations again.

The thread is plain Python: it shares the interpreter with the dashboard, which stays responsive because the
interpreter switches threads every few milliseconds (measured in bench/bench_insights.py).
"""

from __future__ import annotations

import gzip
import json
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import write_atomically
from .insights import report_basis
from .metrics import Metrics, compute_metrics

if TYPE_CHECKING:
    from .directory import Directory

__all__ = ["MetricsJob", "metrics_job", "metrics_now", "load_metrics", "save_metrics", "metrics_file"]

_log = logging.getLogger(__name__)
_FORMAT = 2  # 2: with the report basis


@dataclass
class MetricsJob:
    """One computation: its progress while running, then its result (or that it failed)."""

    fingerprint: str
    step: str = "waiting"
    done: float = 0.0
    result: Metrics | None = None
    failed: bool = False
    finished: threading.Event = field(default_factory=threading.Event)

    def progress(self, step: str, done: float) -> None:
        self.step, self.done = step, done

    def wait(self, timeout: float | None = None) -> Metrics | None:
        self.finished.wait(timeout)
        return self.result


_jobs: dict[str, MetricsJob] = {}
_lock = threading.Lock()
#: Jobs kept in memory (older data versions are dropped first).
_KEEP = 4


def metrics_file(folder: str | Path, fingerprint: str) -> Path:
    safe = "".join(c for c in fingerprint if c.isalnum())[:64] or "unknown"
    return Path(folder) / f"metrics-{safe}.json.gz"


def save_metrics(metrics: Metrics, folder: str | Path) -> Path:
    """Write ``metrics`` atomically (a temporary file, then a rename) and return the file."""
    target = metrics_file(folder, metrics.fingerprint)
    target.parent.mkdir(parents=True, exist_ok=True)
    payload = json.dumps({"format": _FORMAT, "metrics": metrics.to_dict()}, separators=(",", ":")).encode()
    write_atomically(target, gzip.compress(payload, compresslevel=5))
    return target


def load_metrics(folder: str | Path, fingerprint: str) -> Metrics | None:
    """The stored metrics of this data version, or None (missing, another format, unreadable)."""
    source = metrics_file(folder, fingerprint)
    try:
        stored = json.loads(gzip.decompress(source.read_bytes()))
        if stored.get("format") != _FORMAT or stored["metrics"].get("fingerprint") != fingerprint:
            return None
        return Metrics.from_dict(stored["metrics"])
    except (OSError, ValueError, KeyError, TypeError):
        return None


def _run(job: MetricsJob, directory: "Directory", cache_dir: str | Path | None) -> None:
    try:
        result = compute_metrics(
            directory.graph, fingerprint=job.fingerprint, home=directory.home, progress=job.progress
        )
        job.progress("report", 0.99)
        result.report_basis = report_basis(directory, result)  # the report's whole-graph walks, done once here
        job.result = result
        job.progress("done", 1.0)
        if cache_dir is not None:
            try:
                save_metrics(job.result, cache_dir)
            except OSError as exc:  # a full or read-only disk: the result stays in memory
                _log.warning("metrics not stored in the cache folder: %s", type(exc).__name__)
    except Exception as exc:  # noqa: BLE001 - a failed job is reported, never raised in another user's page
        _log.error("metrics computation failed: %s", type(exc).__name__)
        job.failed = True
    finally:
        job.finished.set()


def metrics_job(directory: "Directory", cache_dir: str | Path | None = None, *, background: bool = True) -> MetricsJob:
    """The job for this version of the data: finished at once if known (memory or ``cache_dir``), else started."""
    fingerprint = directory.fingerprint or f"id-{id(directory)}"
    with _lock:
        job = _jobs.get(fingerprint)
        if job is not None and not job.failed:
            return job
        job = MetricsJob(fingerprint)
        stored = load_metrics(cache_dir, fingerprint) if cache_dir is not None else None
        if stored is not None:
            job.result, job.step, job.done = stored, "done", 1.0
            job.finished.set()
        _jobs[fingerprint] = job
        while len(_jobs) > _KEEP:
            _jobs.pop(next(iter(_jobs)))
    if not job.finished.is_set():
        if background:
            threading.Thread(
                target=_run, args=(job, directory, cache_dir), name=f"metrics-{fingerprint[:8]}", daemon=True
            ).start()
        else:
            _run(job, directory, cache_dir)
    return job


def metrics_now(directory: "Directory", cache_dir: str | Path | None = None) -> Metrics:
    """The metrics, computed in this thread if needed (the CLI and tests)."""
    job = metrics_job(directory, cache_dir, background=False)
    job.wait()
    if job.result is None:
        raise RuntimeError("The network measures could not be computed; see the log for the error type.")
    return job.result
