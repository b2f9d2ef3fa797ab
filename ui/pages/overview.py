"""Overview: what is in the directory, the networks the home organisation belongs to, and the health of the data.

Run by ``st.navigation`` as a script (see ``ui/app.py``); ``render()`` draws the page.
"""

from __future__ import annotations

import datetime as dt

import pandas as pd
import streamlit as st

from network import schema
from network.directory import Directory
from ui.auth import can
from ui.export_widgets import table_downloads
from ui.i18n import current_language, kind_label, t, tm
from ui.links import name_column
from ui.sections import lazy_section
from ui.overview_tables import (
    COUNTRIES_SHOWN,
    SHOWN_ROWS,
    SUMMARY_ROWS,
    TYPE_COLUMNS,
    bar,
    home_networks,
    markdown_table,
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
    network = kind_label("network")
    _summary(frame, key="overview.networks", links=network, grid_config={network: name_column(None)})


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
            with tab:
                _summary(
                    type_counts(fingerprint(directory), kind, current_language(), directory),
                    key=f"overview.by_type.{kind}",
                )


def _by_country(directory: Directory) -> None:
    st.subheader(t("overview.by_country"), anchor=False)
    counts = directory_stats(directory)["by_country"]
    if not counts:
        st.info(t("overview.by_country_none"))
        return
    # A bar of block characters in each row, not a chart or a grid: the first page's only chart loaded the browser's
    # chart code (Vega), 0.3-0.9 s of the first load (docs/performance.md, seventh session); the whole list, with a
    # bar column, is a grid made when opened.
    country, count = t("overview.country"), t("overview.count")
    largest = max(counts.values())
    frame = pd.DataFrame({country: [country_label(c) for c in counts], count: list(counts.values())})
    shown = frame.head(COUNTRIES_SHOWN).assign(**{"": [bar(n, largest) for n in frame[count].head(COUNTRIES_SHOWN)]})
    _summary(
        frame,
        key="overview.by_country",
        shown=COUNTRIES_SHOWN,
        summary=shown,
        grid_config={count: st.column_config.ProgressColumn(count, min_value=0, max_value=largest, format="%d")},
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
        with section:  # no section in a section: the whole list is on the Data problems page
            st.markdown(markdown_table(frame.head(SUMMARY_ROWS)))
            if len(frame) > SUMMARY_ROWS:
                st.caption(t("overview.first_problems", shown=SUMMARY_ROWS, total=len(frame)))


def _summary(
    frame: pd.DataFrame,
    *,
    key: str,
    shown: int = SUMMARY_ROWS,
    summary: pd.DataFrame | None = None,
    links: str | None = None,
    grid_config: dict | None = None,
    download: str | None = None,
) -> None:
    """A table as Overview shows it: its first ``shown`` rows as Markdown (``markdown_table``: escaped, the column
    ``links`` as links to profiles; ``summary`` instead, to show them differently), and for a longer table a closed
    section with the whole list as a sortable data grid. With ``download`` (the file's name) the grid has the first
    ``SHOWN_ROWS`` rows (the long lists: thousands of rows) and the section the CSV and Excel downloads of all.
    The section's contents are made only while it is open (``lazy_section``), so the first page has no data grid
    (``ui.overview_tables.SUMMARY_ROWS``)."""
    st.markdown(markdown_table(frame.head(shown) if summary is None else summary, links=links))
    if len(frame) <= shown:
        return
    st.caption(t("overview.summary_rows", shown=shown, total=len(frame)))
    section = lazy_section(t("overview.whole_list", n=len(frame)), key=f"{key}.whole", icon=":material/table_rows:")
    if not section.open:
        return
    with section:
        grid = frame.head(SHOWN_ROWS) if download else frame
        st.dataframe(grid, hide_index=True, width="stretch", column_config=grid_config, key=f"{key}_table")
        if download:
            if len(frame) > SHOWN_ROWS:
                st.caption(t("overview.first_rows", shown=SHOWN_ROWS, total=len(frame)))
            table_downloads(frame, name=download, key=f"{key}_download")


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
            _recent(recent)
    if never:
        st.caption(t("overview.never", n=never))


def _stale(stale: pd.DataFrame, config: dict, years: int) -> None:
    if len(stale):
        _summary(stale, key="overview.stale", grid_config=config, download=t("overview.stale", years=years))
    else:
        st.success(t("overview.stale_none", years=years))


def _recent(recent: pd.DataFrame) -> None:
    if len(recent):
        st.markdown(markdown_table(recent))
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
    _summary(missing, key="overview.legal_basis", download=t("overview.legal_basis"))


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
