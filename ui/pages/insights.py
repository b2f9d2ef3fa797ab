"""Insights: brokers, groups, partners we lost touch with, what we lack, our reach, and how the network grew.

Run by ``st.navigation`` as a script (see ``ui/app.py``); ``render()`` draws the page. The measures come from a
background job per data version (``ui/metrics_state.py``): until they are ready the page shows progress and the
timeline, which needs no measures. Every named entity can be opened in the graph (Explore) or its profile
(Directory) through the chooser at the bottom of the page.
"""

from __future__ import annotations

import pandas as pd
import streamlit as st

from network.countries import country_name
from network.directory import Directory
from network.insights import RECENT_YEARS, Insights, build_insights
from network.metrics import Metrics
from network.nx_fast import succ_pred
from network.rules import programme_rules
from network.timeline import timeline
from ui.i18n import current_language, kind_label, relation_label, t, theme_label, tm
from ui.links import explore_params, page_params, profile_link
from ui.metrics_state import directory_metrics, show_progress
from ui.safe_text import escape_markdown
from ui.state import fingerprint, get_directory
from ui.widgets import entity_label

__all__ = ["render", "timeline_chart_spec"]


@st.cache_data(show_spinner=False, max_entries=8)
def _insights(fp: str, top: int, programme: str | None, _directory: Directory, _metrics: Metrics) -> Insights:
    return build_insights(_directory, _metrics, top=top, programme=programme)


def _brokers(directory: Directory, found: Insights, mentioned: dict[str, None]) -> None:
    st.subheader(t("insights.brokers"), anchor=False, help=t("insights.brokers_help"))
    if not found.brokers:
        st.info(t("insights.none_brokers"))
        return
    for b in found.brokers:
        mentioned[b.id] = None
        key = "insights.broker_line" if b.unlinked_pairs else "insights.broker_line_linked"
        st.markdown(
            t(
                key,
                name=profile_link(directory, b.id, b.name),
                kind=escape_markdown(kind_label(b.kind)),
                groups=b.groups,
                unlinked=b.unlinked_pairs,
            )
        )
        constraint = f"{b.constraint:.2f}" if b.constraint is not None else "–"
        st.caption(
            t("insights.broker_detail", betweenness=f"{b.betweenness:.3f}", degree=b.degree, constraint=constraint)
        )
    if found.sampled_sources:
        st.caption(t("insights.sampled", sources=found.sampled_sources))


def _communities(found: Insights, mentioned: dict[str, None]) -> None:
    st.subheader(t("insights.communities"), anchor=False, help=t("insights.communities_help"))
    if not found.communities:
        st.info(t("insights.none_communities"))
        return
    language = current_language()
    for c in found.communities:
        themes = ", ".join(theme_label(x) for x, _ in c.themes) or "–"
        countries = ", ".join(country_name(x, language) for x, _ in c.countries) or "–"
        st.markdown(
            tm(
                "insights.community_line",
                name=t("insights.community_name", number=c.number + 1),
                size=c.size,
                themes=themes,
                countries=countries,
            )
        )
        st.caption(tm("insights.community_members", members=", ".join(name for _, name in c.members)))
        mentioned.update((i, None) for i, _ in c.members)


def _stale(directory: Directory, found: Insights, mentioned: dict[str, None]) -> None:
    home = directory.name_of(directory.home) if directory.home else ""
    st.subheader(t("insights.stale"), anchor=False, help=t("insights.stale_help", home=home, years=RECENT_YEARS))
    if not directory.home:
        st.info(t("insights.no_home"))
        return
    if not found.stale:
        st.success(t("insights.none_stale"))
        return
    for s in found.stale[:30]:
        mentioned[s.id] = None
        reasons = []
        for reason in s.reasons:
            if reason == "not-verified" and not s.verified:
                reasons.append(t("insights.stale_reason.not-verified-never"))
            else:
                reasons.append(t(f"insights.stale_reason.{reason}", verified=s.verified, last=s.last_active))
        st.markdown(
            t(
                "insights.stale_line",
                name=profile_link(directory, s.id, s.name),
                kind=escape_markdown(kind_label(s.kind)),
                distance=s.distance,
                reasons=escape_markdown("; ".join(reasons)),
            )
        )
    if len(found.stale) > 30:
        st.caption(f"… +{len(found.stale) - 30}")


def _missing(directory: Directory, metrics: Metrics) -> None:
    st.subheader(t("insights.missing"), anchor=False, help=t("insights.missing_help"))
    rules = [r for r in programme_rules(directory) if r.eligible_group]
    if not rules:
        st.info(t("insights.no_programmes"))
        return
    names = {r.programme: r.name for r in rules}
    choice = st.selectbox(
        t("insights.programme"),
        [""] + list(names),
        key="insights.programme",
        format_func=lambda p: names.get(p) or t("insights.programme_all"),
        help=t("insights.programme_help"),
    )
    found = _insights(fingerprint(directory), 10, choice or None, directory, metrics)
    language = current_language()
    if found.missing_countries:
        st.markdown(
            tm(
                "insights.missing_countries",
                countries=", ".join(country_name(m.id, language) for m in found.missing_countries),
            )
        )
    else:
        st.success(t("insights.none_missing"))
    if found.missing_themes:
        st.markdown(tm("insights.missing_themes", themes=", ".join(theme_label(x) for x in found.missing_themes)))
    elif directory.home:
        st.caption(t("insights.none_missing_themes"))


def _reach(directory: Directory, found: Insights) -> None:
    if not directory.home:
        return
    st.subheader(
        t("insights.reach"), anchor=False, help=t("insights.reach_help", home=directory.name_of(directory.home))
    )
    for steps, kinds in found.reach.items():
        detail = ", ".join(f"{count} {kind_label(kind, plural=count != 1).lower()}" for kind, count in kinds.items())
        st.markdown(tm("insights.reach_line", steps=steps, count=sum(kinds.values()), kinds=detail))


def _open_item(directory: Directory, mentioned: dict[str, None]) -> None:
    items = [i for i in mentioned if i in directory]
    if not items:
        return
    st.subheader(t("insights.open"), anchor=False)
    chosen = st.selectbox(
        t("insights.open"),
        items,
        key="insights.open",
        label_visibility="collapsed",
        format_func=lambda i: entity_label(directory, i),
        help=t("insights.open_help"),
    )
    left, right = st.columns(2)
    left.page_link(
        "ui/pages/explore.py",
        label=t("insights.open_graph"),
        icon=":material/hub:",
        query_params=explore_params(chosen),
        help=t("insights.open_graph_help"),
    )
    right.page_link(
        "ui/pages/directory.py",
        label=t("insights.open_profile"),
        icon=":material/badge:",
        query_params=page_params({"kind": directory.kind_of(chosen), "id": chosen}),
        help=t("insights.open_profile_help"),
    )


@st.cache_data(show_spinner=False, max_entries=4)
def _timeline(fp: str, _directory: Directory):
    return timeline(_directory)


def timeline_chart_spec(year_title: str, count_title: str, stacked: bool) -> dict:
    """The Vega-Lite spec of one timeline chart: a bar per year, ``stacked`` by series (a colour each, with a
    legend). Written out here rather than built by ``st.bar_chart``, which imports altair and validates each chart
    with it: about half a second of the server's CPU for the first Insights page on a new server (docs/performance.md,
    issue 12). The data's columns are always ``year``, ``count`` and (stacked) ``series``; the titles are the words
    in the user's language."""
    tooltip = [
        {"field": "year", "type": "ordinal", "title": year_title},
        {"field": "count", "type": "quantitative", "title": count_title},
    ]
    encoding: dict = {
        "x": {"field": "year", "type": "ordinal", "title": year_title},
        "y": {"field": "count", "type": "quantitative", "title": count_title, "stack": "zero"},
        "tooltip": tooltip,
    }
    if stacked:
        encoding["color"] = {"field": "series", "type": "nominal", "title": None}
        tooltip.insert(1, {"field": "series", "type": "nominal", "title": None})
    return {"mark": {"type": "bar"}, "encoding": encoding}


def _bars(counts: pd.DataFrame | pd.Series) -> None:
    """One timeline chart: ``counts`` has a row per year (its index) and a column per series (a Series: one)."""
    stacked = isinstance(counts, pd.DataFrame)
    frame = counts.to_frame("count") if not stacked else counts
    if stacked:
        frame = frame.rename_axis(columns="series").stack().rename("count").reset_index()
        frame.columns = ["year", "series", "count"]
        frame = frame[frame["count"] > 0]
    else:
        frame = frame.reset_index()
        frame.columns = ["year", "count"]
    frame["year"] = frame["year"].astype(str)
    st.vega_lite_chart(
        frame, timeline_chart_spec(t("insights.tl_year"), t("insights.tl_count"), stacked), width="stretch"
    )


def _timeline_section(directory: Directory) -> None:
    st.subheader(t("insights.timeline"), anchor=False, help=t("insights.timeline_help"))
    found = _timeline(fingerprint(directory), directory)
    if found.relations.empty and found.projects.empty and found.new_partners.empty:
        st.info(t("insights.tl_empty"))
        return
    if not found.relations.empty:
        st.caption(t("insights.tl_relations"))
        _bars(found.relations.rename(columns=relation_label))
        if found.undated_relations:
            st.caption(t("insights.tl_undated", count=found.undated_relations))
    if not found.projects.empty:
        st.caption(t("insights.tl_projects"))
        _bars(found.projects.rename(columns=lambda p: directory.name_of(p) if p in directory else p))
    if not found.new_partners.empty:
        st.caption(t("insights.tl_new"))
        _bars(found.new_partners)


def render() -> None:
    directory = get_directory()
    st.title(t("insights.title"), anchor=False)
    st.caption(t("insights.intro"))
    if not any(succ_pred(directory.graph)[0].values()):  # no relation (``number_of_edges`` counts them all: 0.4 s)
        st.info(t("insights.empty"))
        return
    metrics = directory_metrics(directory)
    mentioned: dict[str, None] = {}
    if metrics is None:
        show_progress(directory)
    else:
        found = _insights(fingerprint(directory), 10, None, directory, metrics)
        left, right = st.columns(2)
        with left:
            _brokers(directory, found, mentioned)
            _stale(directory, found, mentioned)
        with right:
            _communities(found, mentioned)
            _missing(directory, metrics)
            _reach(directory, found)
        _open_item(directory, mentioned)
    _timeline_section(directory)


if __name__ == "__main__":
    render()
