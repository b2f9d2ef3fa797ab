"""Sections whose contents are made only while they are open, and that keep their state when their title changes.

A closed ``st.expander(..., on_change="rerun")`` sends nothing of its contents (``section.open`` is False), so the
browser has those widgets' code to fetch and draw only once the user opens it (docs/performance.md, "Graph in the
dashboard"). Streamlit identifies an expander by its title as well as its key, so a new title (another language, a
count in the title) made a new, closed section; ``lazy_section`` remembers whether it was open.
"""

from __future__ import annotations

import streamlit as st

__all__ = ["lazy_section"]


def lazy_section(label: str, *, key: str, icon: str, expanded: bool = False):
    """An expander made with ``on_change="rerun"`` (opening or closing it reruns the page; fill it only while
    ``.open``). It opens if it was open in the last run, or if ``expanded`` (say, a link with filters on)."""
    memory = f"_{key}.was_open"
    section = st.expander(
        label, icon=icon, key=key, on_change="rerun", expanded=bool(st.session_state.get(memory)) or expanded
    )
    st.session_state[memory] = bool(section.open)
    return section
