"""Computing the metrics once per version of the data, in the background, and keeping the result.

On a large directory the measures take tens of seconds, so they run in a daemon thread: the first caller starts
the job, every later caller (another user, the next rerun) gets the same job and can show its progress, and nobody
waits. The result is kept in memory per data fingerprint and, when a folder is given, in an Arrow file there
(``metrics-<fingerprint>.arrow``), so a restart reads it back in about 0.2 s of CPU at 170,000 entities. The job
also works out the report's whole-graph walks and rankings (``insights.report_basis``) and stores them with the
metrics, so the report built from stored metrics does not walk a million relations again.

The thread is plain Python: it shares the interpreter with the dashboard, which stays responsive because the
interpreter switches threads every few milliseconds (measured in bench/bench_insights.py).
"""

from __future__ import annotations

import itertools
import json
import logging
import threading
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import write_atomically
from .insights import report_basis
from .metrics import Metrics, MetricsProgress, compute_metrics

if TYPE_CHECKING:
    from .directory import Directory

__all__ = [
    "MetricsJob",
    "metrics_job",
    "metrics_now",
    "load_metrics",
    "save_metrics",
    "metrics_file",
    "has_stored_metrics",
]

_log = logging.getLogger(__name__)
_FORMAT = 3  # 2: with the report basis; 3: Arrow columns, the basis with the report's rankings


@dataclass
class MetricsJob:
    """One computation: its progress while running, then its result (or that it failed)."""

    fingerprint: str
    step: str = "waiting"
    done: float = 0.0
    result: Metrics | None = None
    failed: bool = False
    finished: threading.Event = field(default_factory=threading.Event)
    #: Told every step too (the dashboard's warm-up process passes its progress on to the server).
    listener: MetricsProgress | None = None

    def progress(self, step: str, done: float) -> None:
        self.step, self.done = step, done
        if self.listener is not None:
            self.listener(step, done)

    def wait(self, timeout: float | None = None) -> Metrics | None:
        self.finished.wait(timeout)
        return self.result


_jobs: dict[str, MetricsJob] = {}
_lock = threading.Lock()
#: Jobs kept in memory (older data versions are dropped first).
_KEEP = 4


def metrics_file(folder: str | Path, fingerprint: str) -> Path:
    safe = "".join(c for c in fingerprint if c.isalnum())[:64] or "unknown"
    return Path(folder) / f"metrics-{safe}.arrow"


#: The per-entity measures, stored as Arrow columns (id, then one column per measure; null where a measure has no
#: value for that entity). Everything else (the brokerage of the candidates, the cut points, the report basis) is
#: small or already list-shaped and goes into the file's metadata as JSON.
_COLUMNS = ("degree", "betweenness", "community")


def has_stored_metrics(folder: str | Path | None, fingerprint: str) -> bool:
    """Whether a metrics file of this data version is in ``folder`` (its name only; ``load_metrics`` checks it)."""
    return folder is not None and bool(fingerprint) and metrics_file(folder, fingerprint).is_file()


def save_metrics(metrics: Metrics, folder: str | Path) -> Path:
    """Write ``metrics`` atomically (a temporary file, then a rename) and return the file.

    An Arrow IPC file, not JSON: at 170,000 entities the gzipped JSON of three id → number dicts took 0.86 s to read
    back, the Arrow columns about 0.2 s (docs/performance.md). Data only, like the warm-start cache
    (``cache_format.py``): reading it runs no code."""
    import pyarrow as pa

    target = metrics_file(folder, metrics.fingerprint)
    target.parent.mkdir(parents=True, exist_ok=True)
    values = metrics.to_dict()
    columns = {name: values.pop(name) for name in _COLUMNS}
    ids = list(dict.fromkeys(itertools.chain.from_iterable(columns.values())))
    arrays = {"id": pa.array(ids, pa.string())}
    for name, kind in zip(_COLUMNS, (pa.int64(), pa.float64(), pa.int64())):
        measure = columns[name]
        arrays[name] = pa.array([measure.get(i) for i in ids], kind)
    meta = {"format": _FORMAT, "metrics": values}
    table = pa.table(arrays).replace_schema_metadata({b"network": json.dumps(meta, separators=(",", ":")).encode()})
    codec = "zstd" if pa.Codec.is_available("zstd") else None
    sink = pa.BufferOutputStream()
    with pa.ipc.new_file(sink, table.schema, options=pa.ipc.IpcWriteOptions(compression=codec)) as writer:
        writer.write_table(table)
    write_atomically(target, sink.getvalue().to_pybytes())
    return target


def load_metrics(folder: str | Path, fingerprint: str) -> Metrics | None:
    """The stored metrics of this data version, or None (missing, another format, unreadable)."""
    import pyarrow as pa

    source = metrics_file(folder, fingerprint)
    try:
        table = pa.ipc.open_file(pa.BufferReader(source.read_bytes())).read_all()
        table.validate(full=True)
        stored = json.loads(table.schema.metadata[b"network"])
        if stored.get("format") != _FORMAT or stored["metrics"].get("fingerprint") != fingerprint:
            return None
        values = stored["metrics"]
        ids = table.column("id").to_pylist()
        for name in _COLUMNS:
            column = table.column(name)
            if column.null_count:
                values[name] = {i: v for i, v in zip(ids, column.to_pylist()) if v is not None}
            else:
                values[name] = dict(zip(ids, column.to_pylist()))
        return Metrics.from_dict(values)
    except (OSError, ValueError, KeyError, TypeError, pa.ArrowException):
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


def metrics_job(
    directory: "Directory",
    cache_dir: str | Path | None = None,
    *,
    background: bool = True,
    progress: MetricsProgress | None = None,
) -> MetricsJob:
    """The job for this version of the data: finished at once if known (memory or ``cache_dir``), else started
    (telling ``progress`` each step, if given)."""
    fingerprint = directory.fingerprint or f"id-{id(directory)}"
    with _lock:
        job = _jobs.get(fingerprint)
        if job is not None and not job.failed:
            return job
        job = MetricsJob(fingerprint, listener=progress)
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


def metrics_now(
    directory: "Directory", cache_dir: str | Path | None = None, progress: MetricsProgress | None = None
) -> Metrics:
    """The metrics, computed in this thread if needed (the CLI, tests and the dashboard's warm-up process)."""
    job = metrics_job(directory, cache_dir, background=False, progress=progress)
    job.wait()
    if job.result is None:
        raise RuntimeError("The network measures could not be computed; see the log for the error type.")
    return job.result
