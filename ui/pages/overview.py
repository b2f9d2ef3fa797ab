"""Overview: what is in the directory, the networks the home organisation belongs to, and the health of the data.

Run by ``st.navigation`` as a script (see ``ui/app.py``); ``render()`` draws the page.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from network import schema
from network.directory import Directory
from ui import overview_tables
from ui.auth import can
from ui.export_widgets import table_downloads
from ui.i18n import current_language, kind_label, t, tm
from ui.links import name_column
from ui.sections import lazy_section
from ui.overview_tables import (
    TYPE_COLUMNS,
    home_networks,
    legal_basis_table,
    networks_table,
    problem_groups,
    problem_table,
    type_counts,
    verified_cached,
    verified_tables,
)
from ui.state import data_path, directory_stats, fingerprint, get_directory
from ui.urlstate import Param, View, one_of
from ui.widgets import country_label, show_notes

# home_networks, problem_table and verified_tables: made in ui/overview_tables.py (with the cached tables the
# server's start prepares), named here too, where they were first.
__all__ = ["render", "home_networks", "problem_table", "verified_tables"]


def _counts(directory: Directory) -> None:
    st.subheader(t("overview.counts"), anchor=False)
    counts = directory_stats(directory)
    columns = st.columns(len(schema.KINDS) + 1)
    for column, kind in zip(columns, schema.KINDS):
        column.metric(
            kind_label(kind, plural=True),
            counts["by_kind"].get(kind, 0),
            border=True,
            help=t("overview.kind_help", file=schema.table_for_kind(kind).file),
        )
    columns[-1].metric(t("overview.relations"), counts["relations"], border=True, help=t("overview.relations_help"))


def _networks(directory: Directory) -> None:
    home = directory.home
    if not home:
        st.subheader(t("overview.home_networks", home="…"), anchor=False)
        st.info(t("overview.no_home"))
        return
    st.subheader(tm("overview.home_networks", home=directory.name_of(home)), anchor=False)
    frame = networks_table(fingerprint(directory), current_language(), directory)
    if frame is None:
        st.info(tm("overview.home_networks_none", home_id=home))
        return
    st.dataframe(frame, hide_index=True, width="stretch", column_config={kind_label("network"): name_column(None)})


def _by_type(directory: Directory) -> None:
    st.subheader(t("overview.by_type"), anchor=False, help=t("overview.by_type_help"))
    kinds = [k for k in TYPE_COLUMNS if len(directory.tables.get(k, ()))]
    if not kinds:
        st.info(tm("overview.empty", path=str(data_path())))
        return
    # Only the open tab's table is made and sent (choosing another reruns the page): every hidden tab's table was
    # a data grid for the browser to set up on the first page (docs/performance.md, ninth session).
    tabs = st.tabs([kind_label(k, plural=True) for k in kinds], key="overview.by_type", on_change="rerun")
    for tab, kind in zip(tabs, kinds):
        if tab.open is not False:
            tab.dataframe(
                type_counts(fingerprint(directory), kind, current_language(), directory),
                hide_index=True,
                width="stretch",
            )


def _by_country(directory: Directory) -> None:
    st.subheader(t("overview.by_country"), anchor=False)
    counts = directory_stats(directory)["by_country"]
    if not counts:
        st.info(t("overview.by_country_none"))
        return
    # A table with a bar in each row, not a chart: the first page's only chart loaded the browser's chart code
    # (Vega), 0.3-0.9 s of the first load at 60,000 organisations (docs/performance.md, seventh session).
    country, count = t("overview.country"), t("overview.count")
    frame = pd.DataFrame({country: [country_label(c) for c in counts], count: list(counts.values())})
    st.dataframe(
        frame,
        hide_index=True,
        width="stretch",
        key="overview.by_country_table",
        column_config={
            count: st.column_config.ProgressColumn(count, min_value=0, max_value=max(counts.values()), format="%d")
        },
    )


def _health(directory: Directory, view: View) -> None:
    st.subheader(t("overview.health"), anchor=False, help=t("overview.health_help"))
    report = directory.report
    if not len(report):
        st.success(t("overview.health_ok"))
        return
    errors, warnings = len(report.errors), len(report.warnings)
    (st.error if errors else st.warning)(t("overview.health_summary", errors=errors, warnings=warnings))
    st.page_link(
        "ui/pages/problems.py", label=t("problems.show"), icon=":material/arrow_forward:", help=t("problems.show_help")
    )
    group_by = st.segmented_control(
        t("overview.group_by"),
        ["code", "file"],
        key=view.key("group"),
        required=True,
        format_func=lambda g: t(f"overview.group.{g}"),
        help=t("overview.group_by_help"),
    )
    groups = problem_groups(fingerprint(directory), current_language(), group_by, can("see_contacts"), directory)
    for number, (label, has_errors, frame) in enumerate(groups):
        icon = ":material/error:" if has_errors else ":material/warning:"
        # Made only while open (``lazy_section``): a closed group's table was a data grid set up for nothing.
        section = lazy_section(
            tm("overview.problem_group", label=label, n=len(frame)),
            key=f"overview.problems.{group_by}.{number}",  # the same in both languages
            icon=icon,
            expanded=has_errors,
        )
        if not section.open:
            continue
        with section:
            _first_rows(frame, column_config={t("overview.message"): st.column_config.TextColumn(width="large")})
            if len(frame) > overview_tables.SHOWN_ROWS:
                st.caption(t("overview.first_problems", shown=overview_tables.SHOWN_ROWS, total=len(frame)))


def _first_rows(frame: pd.DataFrame, *, key: str | None = None, column_config: dict | None = None) -> None:
    """A long table's first ``SHOWN_ROWS`` rows (``ui.overview_tables``): Overview summarises; the caller says
    where the rest are."""
    st.dataframe(
        frame.head(overview_tables.SHOWN_ROWS), hide_index=True, width="stretch", key=key, column_config=column_config
    )


def _rest_to_download(frame: pd.DataFrame, *, name: str, key: str) -> None:
    """Under a table cut at ``SHOWN_ROWS``: how many are shown, and the whole list as CSV and Excel (made only when
    asked for)."""
    if len(frame) <= overview_tables.SHOWN_ROWS:
        return
    st.caption(t("overview.first_rows", shown=overview_tables.SHOWN_ROWS, total=len(frame)))
    table_downloads(frame, name=name, key=key)


def _verified(directory: Directory) -> None:
    years = schema.STALE_AFTER_DAYS // 365
    st.subheader(t("overview.verified"), anchor=False, help=t("overview.verified_help", years=years))
    recent, stale, never = verified_cached(
        fingerprint(directory), current_language(), can("see_contacts"), dt.date.today(), directory
    )
    config = {
        t("overview.name"): st.column_config.TextColumn(width="large"),
        t("overview.kind"): st.column_config.TextColumn(width="small"),
        t("overview.verified_col"): st.column_config.TextColumn(width="small"),
    }
    stale_tab, recent_tab = st.tabs(
        [f"{t('overview.stale', years=years)} ({len(stale)})", t("overview.recent")],
        key="overview.verified_tabs",
        on_change="rerun",  # only the open tab's table is sent, as in ``_by_type``
    )
    if stale_tab.open is not False:
        with stale_tab:
            _stale(stale, config, years)
    if recent_tab.open is not False:
        with recent_tab:
            _recent(recent, config)
    if never:
        st.caption(t("overview.never", n=never))


def _stale(stale: pd.DataFrame, config: dict, years: int) -> None:
    if len(stale):
        _first_rows(stale, column_config=config)
        _rest_to_download(stale, name=t("overview.stale", years=years), key="overview.stale_download")
    else:
        st.success(t("overview.stale_none", years=years))


def _recent(recent: pd.DataFrame, config: dict) -> None:
    if len(recent):
        st.dataframe(recent, hide_index=True, width="stretch", column_config=config)
    else:
        st.info(t("overview.recent_none"))


def _legal_basis(directory: Directory) -> None:
    """Editors and admins (``ui.auth``): the people with no GDPR legal basis, by name and organisation."""
    if not can("personal_data_report"):
        return
    st.subheader(t("overview.legal_basis"), anchor=False, help=t("overview.legal_basis_help"))
    missing = legal_basis_table(fingerprint(directory), current_language(), directory)
    if missing.empty:
        st.success(t("overview.legal_basis_none"))
        return
    st.warning(t("overview.legal_basis_count", count=len(missing)))
    _first_rows(missing, key="overview.legal_basis_table")
    _rest_to_download(missing, name=t("overview.legal_basis"), key="overview.legal_basis_download")


def render() -> None:
    directory = get_directory()
    view = View("overview", [Param("group", "code", one_of(["code", "file"]))])
    notes = view.restore()
    st.title(t("overview.title"), anchor=False)
    st.caption(t("overview.intro"))
    show_notes(notes)
    if not directory_stats(directory)["entities"]:
        st.info(tm("overview.empty", path=str(data_path())))
    _counts(directory)
    _networks(directory)
    left, right = st.columns(2)
    with left:
        _by_type(directory)
    with right:
        _by_country(directory)
    _health(directory, view)
    _verified(directory)
    _legal_basis(directory)
    view.save()


if __name__ == "__main__":
    render()
