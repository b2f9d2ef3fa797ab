"""Data problems made visible: the banner every page shows when the data has errors, and the tables of the
Data problems page (``ui/pages/problems.py``).

The accounting is the core's (``network.dropped``: which rows were left out and what each took along); this
module only words it in the chosen language. Values from the data reach the page in data frames (shown as plain
text) or through ``tm`` (escaped), and a viewer sees where a person's row has a problem, not what it says.
"""

from __future__ import annotations

from collections import Counter

import pandas as pd
import streamlit as st

from network.directory import Directory
from network.dropped import RELATION, Dropped, DroppedRow
from network.personal_data import hide_personal
from network.problems import Problem

from .auth import can
from .i18n import column_label, kind_label, problem_label, problem_text, t, tm

__all__ = [
    "PAGE_FILE",
    "PAGE_NAME",
    "banner_text",
    "dependent_table",
    "dropped_table",
    "show_banner",
    "visible_problems",
    "what_is_not_shown",
]

#: The page the banner links to (see ``ui/app.py``'s PAGES).
PAGE_NAME = "problems"
PAGE_FILE = "ui/pages/problems.py"
#: Rows a dropped row took along that are named in its table cell; the rest are counted.
_NAMED = 10


def _amount(kind: str, count: int) -> str:
    """ "1 projekt", "10 relationer", "2 rader" (a lookup table's rows) in the chosen language."""
    if kind == RELATION:
        return t("problems.relations" if count != 1 else "problems.relation", n=count)
    label = kind_label(kind, plural=count != 1)
    if label == kind:  # not an entity kind: country groups, match decisions, saved views
        return t("problems.rows" if count != 1 else "problems.row", n=count)
    return f"{count} {label.lower()}"


def _joined(parts: list[str]) -> str:
    if len(parts) < 2:
        return "".join(parts)
    return f"{', '.join(parts[:-1])} {t('problems.and')} {parts[-1]}"


def what_is_not_shown(counts: Counter) -> str:
    """ "1 projekt och 10 relationer": what the dropped rows remove from every view, largest kinds first."""
    order = sorted(counts.items(), key=lambda kv: (kv[0] == RELATION, -kv[1], kv[0]))
    return _joined([_amount(kind, n) for kind, n in order])


def banner_text(directory: Directory) -> str:
    """The banner's sentence ("3 fel: 1 projekt och 10 relationer visas inte."), or "" when there are no errors."""
    errors = len(directory.report.errors)
    if not errors:
        return ""
    head = t("problems.errors" if errors != 1 else "problems.error", n=errors)
    counts = (directory.report.dropped or Dropped()).counts()
    if not counts:
        return t("problems.banner_nothing_left_out", errors=head)
    single = sum(counts.values()) == 1
    return t("problems.banner_one" if single else "problems.banner", errors=head, what=what_is_not_shown(counts))


def show_banner(directory: Directory, on_problems_page: bool = False) -> None:
    """On every page: the errors and what they leave out, with a link to the list (not on the list itself)."""
    text = banner_text(directory)
    if not text:
        return
    with st.container(key="data-problems-banner"):
        st.error(text, icon=":material/error:")
        if not on_problems_page:
            st.page_link(
                PAGE_FILE, label=t("problems.show"), icon=":material/arrow_forward:", help=t("problems.show_help")
            )


def visible_problems(problems: list[Problem]) -> list[Problem]:
    """The problems as this user may see them (ui/auth.py: a viewer does not see what a person's row says)."""
    if can("see_contacts"):
        return problems
    return hide_personal(problems, t("overview.hidden_value"), t("overview.hidden_message"))


def _why(problems: list[Problem]) -> str:
    """The row's errors: what kind, in which column, with which value; the core's advice on how to fix it."""
    return " · ".join(
        f"{problem_label(p.code)} ({column_label(p.column)}: '{p.value}'): {problem_text(p)}" for p in problems
    )


def _took(row: DroppedRow) -> str:
    if not row.lost:
        return t("problems.took_nothing")
    counts = row.lost_counts()
    named = ", ".join(lost.location for lost in row.lost[:_NAMED])
    more = t("problems.more", n=len(row.lost) - _NAMED) if len(row.lost) > _NAMED else ""
    return f"{what_is_not_shown(counts)}: {named}{more}"


def _errors_by_row(directory: Directory) -> dict[tuple[str, int], list[Problem]]:
    found: dict[tuple[str, int], list[Problem]] = {}
    for problem in visible_problems(directory.report.errors):
        if problem.row is not None:
            found.setdefault((problem.file, problem.row), []).append(problem)
    return found


def dropped_table(directory: Directory) -> pd.DataFrame:
    """The rows to fix first (those not left out only because of another row): where, what, why, what it took."""
    dropped = directory.report.dropped or Dropped()
    errors = _errors_by_row(directory)
    return pd.DataFrame(
        [
            {
                t("problems.col.where"): row.location,
                t("problems.col.kind"): _kind_text(row.kind),
                t("problems.col.name"): row.name or row.id,
                t("problems.col.why"): _why(errors.get((row.file, row.row), [])),
                t("problems.col.took"): _took(row),
            }
            for row in dropped.roots()
        ],
        columns=[t(f"problems.col.{c}") for c in ("where", "kind", "name", "why", "took")],
    )


def dependent_table(directory: Directory) -> pd.DataFrame:
    """The rows left out only because they refer to a dropped row: they come back when that row is fixed."""
    dropped = directory.report.dropped or Dropped()
    return pd.DataFrame(
        [
            {
                t("problems.col.where"): row.location,
                t("problems.col.kind"): _kind_text(row.kind),
                t("problems.col.name"): row.name or row.id,
                t("problems.col.because"): row.cause,
            }
            for row in dropped
            if row.cause
        ],
        columns=[t(f"problems.col.{c}") for c in ("where", "kind", "name", "because")],
    )


def _kind_text(kind: str) -> str:
    return t("problems.relation_kind") if kind == RELATION else kind_label(kind)


def show_summary(directory: Directory) -> None:
    """The page's head: what is left out, in one sentence (or that nothing is)."""
    report = directory.report
    if not report.errors:
        st.success(t("problems.none_left_out"))
        return
    st.error(banner_text(directory), icon=":material/error:")
    counts = (report.dropped or Dropped()).counts()
    if counts:
        st.caption(tm("problems.intro_left_out", what=what_is_not_shown(counts)))
