"""Data problems: what the errors leave out of every view and why, then every problem, where it is and how to fix it.

Every page links here from its banner (``ui/data_problems.py``) when the data has errors. Run by ``st.navigation``
as a script (see ``ui/app.py``); ``render()`` draws the page.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from network.directory import Directory
from network.problems import ERROR
from ui.auth import can
from ui.data_problems import dependent_table, dropped_table, show_summary, visible_problems
from ui.i18n import current_language, in_language, t, tm
from ui.pages.overview import problem_table
from ui.state import fingerprint, get_directory

__all__ = ["render"]


@st.cache_resource(show_spinner=False, max_entries=8)
def _tables(fp: str, language: str, personal: bool, _directory: Directory) -> tuple[pd.DataFrame, ...]:
    """The left-out rows, the rows left out because of them, and every problem, as shown: once per data version,
    language and role (``personal``: whether this user sees what a person's row says). A generated directory has
    thousands of problems, and putting them into words took seconds on every visit. Shared, read-only."""
    with in_language(language):
        problems = visible_problems(_directory.report.sorted())
        problems.sort(key=lambda p: p.severity != ERROR)  # errors first, each in file and row order
        return dropped_table(_directory), dependent_table(_directory), problem_table(problems)


def _shown(directory: Directory) -> tuple[pd.DataFrame, ...]:
    return _tables(fingerprint(directory), current_language(), can("see_contacts"), directory)


def _left_out() -> None:
    directory = get_directory()
    st.subheader(t("problems.left_out"), anchor="left-out", help=t("problems.left_out_help"))
    show_summary(directory)
    roots, dependents, _ = _shown(directory)
    if len(roots):
        st.dataframe(
            roots,
            hide_index=True,
            width="stretch",
            key="problems.dropped",
            column_config={
                t("problems.col.why"): st.column_config.TextColumn(width="large"),
                t("problems.col.took"): st.column_config.TextColumn(width="large"),
            },
        )
    if len(dependents):
        with st.expander(tm("problems.dependents", n=len(dependents)), icon=":material/link_off:"):
            st.caption(t("problems.dependents_help"))
            st.dataframe(dependents, hide_index=True, width="stretch", key="problems.dependent")


def _every_problem() -> None:
    directory = get_directory()
    report = directory.report
    st.subheader(t("problems.all"), anchor="all", help=t("overview.health_help"))
    if not len(report):
        st.success(t("overview.health_ok"))
        return
    st.caption(t("overview.health_summary", errors=len(report.errors), warnings=len(report.warnings)))
    st.dataframe(
        _shown(directory)[2],
        hide_index=True,
        width="stretch",
        key="problems.all",
        column_config={t("overview.message"): st.column_config.TextColumn(width="large")},
    )


def render() -> None:
    st.title(t("problems.title"), anchor=False)
    st.caption(t("problems.intro"))
    _left_out()
    _every_problem()


if __name__ == "__main__":
    render()
