"""Overview: what is in the directory, the networks the home organisation belongs to, and the health of the data.

Run by ``st.navigation`` as a script (see ``ui/app.py``); ``render()`` draws the page.
"""

from __future__ import annotations

import datetime as dt
import heapq
from collections import Counter

import numpy as np
import pandas as pd
import streamlit as st

from network import schema
from network.dates import period_end
from network.directory import Directory
from network.problems import ERROR, Problem
from network.queries import neighbours
from network.personal_data import hide_personal, people_without_legal_basis, personal_columns
from ui.auth import can
from ui.i18n import (
    current_language,
    in_language,
    kind_label,
    problem_label,
    problem_text,
    relation_phrase,
    t,
    tm,
    value_label,
)
from ui.links import name_column, profile_url
from ui.profile import period
from ui.state import data_path, directory_stats, fingerprint, get_directory, give_back_memory
from ui.urlstate import Param, View, one_of
from ui.widgets import country_label, show_notes

__all__ = ["render", "country_chart_spec", "home_networks", "problem_table", "verified_tables"]

#: The column that sorts each kind into types for the "By type" counts.
TYPE_COLUMNS = {"organisation": "type", "network": "type", "project": "status", "programme": "family"}
RECENT_SHOWN = 10
_NETWORK_RELATIONS = ("member_of", "coordinates", "part_of", "represents")


def home_networks(directory: Directory) -> list[dict]:
    """The networks the home organisation belongs to: directly, through its own units (``part_of`` it), or through
    its staff who represent it there. Each with the relation, the way ("via"), since and role."""
    home = directory.home
    if not home:
        return []
    kind_of = directory.kind_of  # not ``graph.nodes``: Overview leaves a graph read from the cache unbuilt
    units = {home: ""}
    queue = [home]
    while queue:  # the home's departments and offices (organisations that are part of it, at any depth)
        node = queue.pop()
        for link in neighbours(directory, node):
            if (
                link.relation == "part_of"
                and not link.outgoing
                and kind_of(link.id) == "organisation"
                and link.id not in units
            ):
                units[link.id] = directory.name_of(link.id)
                queue.append(link.id)
    members = dict(units)
    for unit in units:
        for link in neighbours(directory, unit):
            if kind_of(link.id) == "person" and link.relation == "works_at" and not link.outgoing:
                members.setdefault(link.id, directory.name_of(link.id))
    found: dict[tuple[str, str], dict] = {}
    for member, via in members.items():
        for link in neighbours(directory, member):
            if kind_of(link.id) != "network" or link.relation not in _NETWORK_RELATIONS:
                continue
            if not link.outgoing:
                continue
            key = (link.id, link.relation)
            if key in found and not via:
                found.pop(key)
            found.setdefault(
                key,
                {
                    "id": link.id,
                    "relation": link.relation,
                    "via": via,
                    "since": link.attrs.get("since", ""),
                    "until": link.attrs.get("until", ""),
                    "role": link.attrs.get("role", ""),
                },
            )
    return sorted(found.values(), key=lambda r: (bool(r["via"]), directory.name_of(r["id"]).lower()))


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
    frame = _networks_table(fingerprint(directory), current_language(), directory)
    if frame is None:
        st.info(tm("overview.home_networks_none", home_id=home))
        return
    st.dataframe(frame, hide_index=True, width="stretch", column_config={kind_label("network"): name_column(None)})


@st.cache_resource(show_spinner=False, max_entries=4)
def _networks_table(fp: str, language: str, _directory: Directory) -> pd.DataFrame | None:
    """The home organisation's networks as shown (None: none), once per data version and language: a home linked
    to hundreds of projects and networks took about half a second to walk on every rerun."""
    rows = home_networks(_directory)
    if not rows:
        return None
    with in_language(language):
        return _networks_frame(_directory, rows)


def _networks_frame(_directory: Directory, rows: list[dict]) -> pd.DataFrame:
    frame = pd.DataFrame(
        [
            {
                kind_label("network"): profile_url(_directory, r["id"], named=True),  # the name, a link to the profile
                t("overview.relation"): relation_phrase(r["relation"], True),
                t("overview.via"): r["via"],
                t("overview.since"): period(r["since"], r["until"]),
                t("overview.role"): value_label(r["role"]),
            }
            for r in rows
        ]
    )
    return frame.loc[:, [c for c in frame.columns if frame[c].astype(bool).any()]]


def _by_type(directory: Directory) -> None:
    st.subheader(t("overview.by_type"), anchor=False, help=t("overview.by_type_help"))
    kinds = [k for k in TYPE_COLUMNS if len(directory.tables.get(k, ()))]
    if not kinds:
        st.info(tm("overview.empty", path=str(data_path())))
        return
    tabs = st.tabs([kind_label(k, plural=True) for k in kinds])
    for tab, kind in zip(tabs, kinds):
        tab.dataframe(
            _type_counts(fingerprint(directory), kind, current_language(), directory), hide_index=True, width="stretch"
        )


@st.cache_resource(show_spinner=False, max_entries=16)
def _type_counts(fp: str, kind: str, language: str, _directory: Directory) -> pd.DataFrame:
    """How many rows of ``kind`` have each type, once per data version, kind and language (counting 60,000 rows
    on every rerun was a tenth of a second or more)."""
    values = Counter(v for v in _directory.tables[kind][TYPE_COLUMNS[kind]].tolist() if v)
    with in_language(language):
        return pd.DataFrame(
            [{t("overview.type"): value_label(v), t("overview.count"): n} for v, n in values.most_common()]
        )


def country_chart_spec(title_country: str, title_count: str, rows: int) -> dict:
    """The Vega-Lite spec of the countries chart: horizontal bars, the most common country first, the count on
    hover. Written out here rather than built by ``st.bar_chart``, which imports altair for it: 0.6 s of the
    server's first load on a 60,000-organisation directory (``docs/performance.md``, issue 12). The data's
    columns are always ``country`` and ``count``; the axis titles are the words in the user's language."""
    return {
        "mark": {"type": "bar"},
        "encoding": {
            "y": {"field": "country", "type": "nominal", "sort": "-x", "title": title_country},
            "x": {"field": "count", "type": "quantitative", "title": title_count, "axis": {"tickMinStep": 1}},
            "tooltip": [
                {"field": "country", "type": "nominal", "title": title_country},
                {"field": "count", "type": "quantitative", "title": title_count},
            ],
        },
        "height": max(160, 60 + 24 * rows),
    }


def _by_country(directory: Directory) -> None:
    st.subheader(t("overview.by_country"), anchor=False)
    counts = directory_stats(directory)["by_country"]
    if not counts:
        st.info(t("overview.by_country_none"))
        return
    frame = pd.DataFrame({"country": [country_label(c) for c in counts], "count": list(counts.values())})
    st.vega_lite_chart(
        frame,
        country_chart_spec(t("overview.country"), t("overview.count"), len(frame)),
        width="stretch",
    )


def problem_table(problems: list[Problem]) -> pd.DataFrame:
    """Problems as rows a person can follow in Excel: where (file:row:column), value, what to do."""
    severity = {level: t(f"problem.{level}") for level in {p.severity for p in problems}}
    columns = [t(f"overview.{name}") for name in ("severity", "file", "row", "column", "value", "message", "where")]
    rows = [(severity[p.severity], p.file, p.row, p.column, p.value, problem_text(p), p.location) for p in problems]
    return pd.DataFrame(rows, columns=columns) if rows else pd.DataFrame([])


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
    for label, has_errors, frame in _problem_groups(
        fingerprint(directory), current_language(), group_by, can("see_contacts"), directory
    ):
        icon = ":material/error:" if has_errors else ":material/warning:"
        with st.expander(tm("overview.problem_group", label=label, n=len(frame)), icon=icon, expanded=has_errors):
            st.dataframe(
                frame,
                hide_index=True,
                width="stretch",
                column_config={t("overview.message"): st.column_config.TextColumn(width="large")},
            )


@st.cache_resource(show_spinner=False, max_entries=8)
def _problem_groups(
    fp: str, language: str, group_by: str, personal: bool, _directory: Directory
) -> list[tuple[str, bool, pd.DataFrame]]:
    """The report's problems in groups (label, has errors, table), errors first, once per data version, language,
    grouping and role: a generated 60,000-organisation directory has thousands of warnings, and writing their
    messages took most of a second on every rerun. ``st.cache_resource``: shared, never changed by the page."""
    with in_language(language):
        return _grouped_problems(group_by, personal, _directory)


def _grouped_problems(group_by: str, personal: bool, _directory: Directory) -> list[tuple[str, bool, pd.DataFrame]]:
    problems = _directory.report.sorted()
    if not personal:  # ui/auth.py: a viewer sees where a person's row has a problem, not its values
        problems = hide_personal(problems, t("overview.hidden_value"), t("overview.hidden_message"))
    groups: dict[str, list[Problem]] = {}
    for problem in problems:
        label = problem_label(problem.code) if group_by == "code" else problem.file
        groups.setdefault(label, []).append(problem)
    ordered = sorted(groups.items(), key=lambda kv: (not any(p.severity == ERROR for p in kv[1]), kv[0]))
    return [(label, any(p.severity == ERROR for p in found), problem_table(found)) for label, found in ordered]


def verified_tables(
    directory: Directory, today: dt.date | None = None, *, personal: bool = True
) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """The most recently checked rows, the out-of-date ones (oldest first, relations too), and how many entities
    were never checked. ``personal=False`` (a viewer) leaves out kinds whose ``verified`` is personal data (people).

    Column at a time (masks and ``tolist``), not row by row: 280,000 rows and relations took over a second."""
    today = today or dt.date.today()
    cutoff = (today - dt.timedelta(days=schema.STALE_AFTER_DAYS)).isoformat()
    name, kind_col, verified_col, where = (
        t("overview.name"),
        t("overview.kind"),
        t("overview.verified_col"),
        t("overview.source"),
    )
    names: list[str] = []
    kinds: list[str] = []
    dates: list[str] = []
    wheres: list[str] = []
    never = 0
    for kind in schema.KINDS:
        frame = directory.tables.get(kind)
        if frame is None or "verified" not in frame or (not personal and "verified" in personal_columns(kind)):
            continue
        source, word = directory.sources.get(kind, kind), kind_label(kind)
        checked = frame["verified"].fillna("").astype(bool).to_numpy(dtype=bool)
        never += len(frame) - int(checked.sum())
        names += frame["name"][checked].tolist()
        dates += frame["verified"][checked].tolist()
        wheres += [f"{source}:{row}" for row in frame.index[checked].tolist()]
        kinds += [word] * int(checked.sum())
    # A relation is named ("A — member of → B") only if it is shown: naming all 200,000 took most of the page.
    # Its ends and origin are read only for the rows shown, too (``relation_rows``: positions in the table).
    first_relation = len(names)
    relations = directory.relations
    relation_rows = np.empty(0, dtype=np.int64)
    if "verified" in relations:
        relation_rows = _checked_relations(relations, directory.node_ids())
        dates += relations["verified"].iloc[relation_rows].tolist()
        names += [""] * len(relation_rows)
        kinds += [t("overview.relation")] * len(relation_rows)
    # Only the rows shown become a table: the ten latest (``nlargest`` is a stable sort, newest first, cut at ten)
    # and the stale ones, oldest first (a table of all 280,000, sorted, took a large part of the first Overview).
    latest = heapq.nlargest(RECENT_SHOWN, range(len(dates)), key=dates.__getitem__)
    last_day = {date: period_end(date) for date in set(dates)}  # each distinct partial date completed once
    stale = sorted((i for i, date in enumerate(dates) if last_day[date] < cutoff), key=dates.__getitem__)

    def table(rows: list[int]) -> pd.DataFrame:
        chosen = relations.iloc[[int(relation_rows[i - first_relation]) for i in rows if i >= first_relation]]
        origin = "origin" if "origin" in relations else "source"
        shown = zip(*(chosen[column].tolist() for column in ("source", "relation", "target", origin)))
        labels, places = [], []
        for i in rows:
            if i >= first_relation:
                source, relation, target, place = next(shown)
                labels.append(_relation_name(directory, source, relation, target))
                places.append(place)
            else:
                labels.append(names[i])
                places.append(wheres[i])
        return pd.DataFrame(
            {
                name: labels,
                kind_col: [kinds[i] for i in rows],
                verified_col: [dates[i] for i in rows],
                where: places,
            },
            index=rows,
        )

    return table(latest), table(stale), never


def _checked_relations(relations: pd.DataFrame, nodes: set[str]) -> np.ndarray:
    """The positions of the relations that have a ``verified`` date and whose two ends are entities, in order.

    In Arrow's compute functions: a text test and two set look-ups per relation in Python, on columns turned into
    lists first, took 0.4 s CPU at 200,000 relations (docs/performance.md, issue 12)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    known = pa.array(list(nodes), pa.string())

    def column(name: str) -> pa.Array:
        return pa.array(relations[name], pa.string())  # missing cells (NaN, None) become nulls

    keep = pc.and_(
        pc.and_(pc.not_equal(column("verified"), ""), pc.is_in(column("source"), value_set=known)),
        pc.is_in(column("target"), value_set=known),
    )
    return np.flatnonzero(keep.fill_null(False).to_numpy(zero_copy_only=False))


def _relation_name(directory: Directory, source: str, relation: str, target: str) -> str:
    return f"{directory.name_of(source)} — {relation_phrase(relation, True)} → {directory.name_of(target)}"


@st.cache_resource(show_spinner=False, max_entries=8)
def _verified_cached(
    fp: str, language: str, personal: bool, today: dt.date, _directory: Directory
) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """``verified_tables`` once per data version, language, role and day: it walks every row and every relation
    (a second on every rerun at 200,000 relations). Shared and read-only (``st.cache_resource``)."""
    with in_language(language):
        tables = verified_tables(_directory, today, personal=personal)
    give_back_memory()  # the temporaries of 280,000 rows
    return tables


def _verified(directory: Directory) -> None:
    years = schema.STALE_AFTER_DAYS // 365
    st.subheader(t("overview.verified"), anchor=False, help=t("overview.verified_help", years=years))
    recent, stale, never = _verified_cached(
        fingerprint(directory), current_language(), can("see_contacts"), dt.date.today(), directory
    )
    config = {
        t("overview.name"): st.column_config.TextColumn(width="large"),
        t("overview.kind"): st.column_config.TextColumn(width="small"),
        t("overview.verified_col"): st.column_config.TextColumn(width="small"),
    }
    stale_tab, recent_tab = st.tabs([f"{t('overview.stale', years=years)} ({len(stale)})", t("overview.recent")])
    with stale_tab:
        if len(stale):
            st.dataframe(stale, hide_index=True, width="stretch", column_config=config)
        else:
            st.success(t("overview.stale_none", years=years))
    with recent_tab:
        if len(recent):
            st.dataframe(recent, hide_index=True, width="stretch", column_config=config)
        else:
            st.info(t("overview.recent_none"))
    if never:
        st.caption(t("overview.never", n=never))


def _legal_basis(directory: Directory) -> None:
    """Editors and admins (``ui.auth``): the people with no GDPR legal basis, by name and organisation."""
    if not can("personal_data_report"):
        return
    st.subheader(t("overview.legal_basis"), anchor=False, help=t("overview.legal_basis_help"))
    missing = _legal_basis_table(fingerprint(directory), current_language(), directory)
    if missing.empty:
        st.success(t("overview.legal_basis_none"))
        return
    st.warning(t("overview.legal_basis_count", count=len(missing)))
    st.dataframe(missing, hide_index=True, width="stretch", key="overview.legal_basis_table")


@st.cache_resource(show_spinner=False, max_entries=4)
def _legal_basis_table(fp: str, language: str, _directory: Directory) -> pd.DataFrame:
    """The people with no legal basis, by name and organisation, once per data version and language: with
    thousands of them, reading each person's row (twice) took over ten seconds on every rerun."""
    with in_language(language):
        return _legal_basis_frame(_directory)


def _legal_basis_frame(_directory: Directory) -> pd.DataFrame:
    people = _directory.tables.get("person")
    organisation_of = (
        dict(zip(people["id"].tolist(), people["organisation"].tolist()))
        if people is not None and "organisation" in people
        else {}
    )
    rows = []
    name_column, organisation_column = t("profile.name"), kind_label("organisation")
    for i in people_without_legal_basis(_directory):
        organisation = organisation_of[i] if i in organisation_of else _directory.record(i).get("organisation", "")
        rows.append(
            {
                name_column: _directory.name_of(i),
                organisation_column: _directory.name_of(organisation) if organisation in _directory else "",
                "id": i,
            }
        )
    return pd.DataFrame(rows)


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
