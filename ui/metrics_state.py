"""The network measures for the dashboard: prepared once per data version, shared by every session.

``directory_metrics`` never waits: it returns the metrics when they are ready, else None. While the warm-up process
(``ui/partner_warmup.py``) is preparing them after the first load, nothing is computed in the server (the page waits
for the stored file); otherwise it starts the server's background job (``network.metrics_jobs``) if nobody has.
``show_progress`` draws the progress of whichever prepares them in a fragment that checks again every second and
reruns the page once the measures are ready, so the page fills in by itself while other users' pages are not held up.
"""

from __future__ import annotations

import streamlit as st

from network.directory import Directory
from network.metrics import Metrics
from network.metrics_jobs import MetricsJob, metrics_job

from . import partner_warmup
from .i18n import t
from .state import cache_folder
from .warmup_view import show_warmup_progress

__all__ = ["job_for", "directory_metrics", "show_progress"]

_STEP_KEYS = ("projection", "degree", "communities", "betweenness", "brokerage", "home", "done")


def job_for(directory: Directory) -> MetricsJob:
    return metrics_job(directory, cache_folder())  # the per-user cache folder, or None when it is refused


def _in_warmup(directory: Directory) -> bool:
    return partner_warmup.preparing(directory, "metrics")


def directory_metrics(directory: Directory) -> Metrics | None:
    if _in_warmup(directory):  # the warm-up process computes and stores them: read them once it has
        return None
    job = job_for(directory)
    return job.result if job.finished.is_set() else None


def show_progress(directory: Directory) -> None:
    """The measures' progress bar, updated every second; reruns the page when the measures are ready."""
    if _in_warmup(directory):
        show_warmup_progress(directory, "metrics", "insights.preparing")
        return
    job = job_for(directory)
    if job.failed:
        st.error(t("insights.failed"))
        return

    @st.fragment(run_every=1.0)
    def _poll() -> None:
        if job.finished.is_set():
            st.rerun(scope="app")
        st.progress(
            min(max(job.done, 0.0), 1.0), text=t("insights.computing", step=job.step, percent=int(job.done * 100))
        )

    _poll()
