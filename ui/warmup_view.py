"""The warm-up process's progress on a page that waits for a part it prepares (``ui/partner_warmup.py``): Insights
for the measures, Matches for the candidate pairs. A status box with a bar, updated every ``POLL_SECONDS`` by a fragment
(not the whole page), that reruns the page once the part is ready."""

from __future__ import annotations

import streamlit as st

from network.directory import Directory

from . import partner_warmup
from .i18n import t

__all__ = ["show_warmup_progress", "POLL_SECONDS"]

#: How often the page looks at the process's progress. Not every second: Streamlit collects the whole heap after
#: every script run, fragments included (``runner.postScriptGC``), which took about 0.35 s of the server's CPU per
#: look with 60,000 organisations loaded, CPU the warm-up process itself then lacked: looking every second cost the
#: server 0.28 s of CPU per second of waiting, every 2 s 0.21 s (docs/performance.md).
POLL_SECONDS = 5.0


def show_warmup_progress(directory: Directory, stage: str, key: str) -> None:
    """The warm-up process's progress while it prepares ``stage`` (a status box with a bar, updated every ``POLL_SECONDS``);
    reruns the page once ``stage`` is done (or the process ended). ``key`` is the page's catalogue key that says what
    is being prepared."""

    box = st.status(t(key), expanded=True, state="running")
    with box:

        @st.fragment(run_every=POLL_SECONDS)
        def _poll() -> None:
            if not partner_warmup.preparing(directory, stage):
                st.rerun(scope="app")
            found = partner_warmup.progress(directory)
            current, fraction, finished = found if found is not None else (stage, 0.0, 0)
            overall = min(1.0, (finished + fraction) / len(partner_warmup.STAGES))
            st.progress(
                overall,
                text=t(
                    "warmup.progress",
                    step=t(f"warmup.stage.{current}") if current in partner_warmup.STAGES else current,
                    percent=int(overall * 100),
                ),
            )

        _poll()
    box.update(state="running")  # leaving the block marks it complete (a check mark); the process is still at work
