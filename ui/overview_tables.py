"""Overview's tables, each made once per data version and language (and role, day or grouping where they
depend on it) and shared by every session (``st.cache_resource``): the home organisation's networks, the counts by
type, the problems in groups, the recently checked and out-of-date rows, the people with no legal basis.

Why a module and not the page: ``ui/pages/overview.py`` runs as a script (``__main__``), so its cached functions
could only be filled by a page's run. Here they can also be filled at the server's start (``prepare``, called by
``ui.app.prepare``), for the view most visitors get first: a single user on this computer (admin), in the default
language, the problems grouped by code. A visitor with another role, language or grouping gets theirs made on
their first run, as before; a changed folder is a new data version, made on its first run too.
"""

from __future__ import annotations

import datetime as dt
import heapq
import math
import re
from collections import Counter
from urllib.parse import unquote

import numpy as np
import pandas as pd
import streamlit as st

# ``queries.neighbours`` read at each call, as the page script did (tests/ui/test_page_failures.py patches it).
from network import access, queries, schema
from network.dates import period_end
from network.directory import Directory
from network.problems import ERROR, Problem
from network.personal_data import hide_personal, people_without_legal_basis, personal_columns

from .i18n import (
    DEFAULT_LANGUAGE,
    in_language,
    kind_label,
    problem_label,
    problem_text,
    relation_phrase,
    t,
    value_label,
)
from .links import NAME_PATTERN, profile_url
from .profile import period
from .safe_text import escape_markdown, md_page_link
from .state import fingerprint, give_back_memory

__all__ = [
    "TYPE_COLUMNS",
    "RECENT_SHOWN",
    "SHOWN_ROWS",
    "SUMMARY_ROWS",
    "COUNTRIES_SHOWN",
    "markdown_table",
    "bar",
    "home_networks",
    "networks_table",
    "type_counts",
    "problem_table",
    "problem_groups",
    "verified_tables",
    "verified_cached",
    "legal_basis_table",
    "prepare",
]

#: The column that sorts each kind into types for the "By type" counts.
TYPE_COLUMNS = {"organisation": "type", "network": "type", "project": "status", "programme": "family"}
RECENT_SHOWN = 10
#: The rows each of Overview's long tables shows (a problem group, the out-of-date rows, the people without a legal
#: basis); the rest are on the Problems page or in the table's download. Overview is a summary, and every row it
#: shows is sent to the browser on every visit: at 60,000 organisations 5,539 out-of-date rows (twice: as problems
#: and as rows) and 6,000 people made 2.6 MB and seconds of the browser's work on the first page
#: (docs/performance.md, "Overview's long tables cut short").
SHOWN_ROWS = 100
#: The rows each of Overview's tables shows on the page itself, as Markdown (``markdown_table``); a longer table's
#: whole list is one click away, in a section made only when opened. The first page then draws no data grid: the
#: first grid on a page made the browser load and set up Streamlit's grid and Arrow code (~1.5 MB of script), and
#: its hundreds of rows, ~0.7 s of a warm first load at 60,000 organisations (docs/performance.md, tenth session).
SUMMARY_ROWS = 10
#: The countries "Organisations by country" shows on the page (the most organisations first).
COUNTRIES_SHOWN = 15
#: The widest bar ``bar`` draws, in characters, and the block characters for eighths of one.
BAR_WIDTH = 12
_EIGHTHS = " ▏▎▍▌▋▊▉"
_NAMED_ADDRESS = re.compile(NAME_PATTERN)
_NETWORK_RELATIONS = ("member_of", "coordinates", "part_of", "represents")


def markdown_table(frame: pd.DataFrame, *, links: str | None = None) -> str:
    """``frame`` as a Markdown (GFM) table, for a summary of a few rows: every heading and cell escaped
    (``ui.safe_text``), numbers right-aligned, and the names in the column ``links`` (profile addresses with the name
    first, as ``ui.links.profile_url(..., named=True)`` makes them for a ``name_column``) links to their profiles.

    Why not ``st.dataframe`` on the page itself: see ``SUMMARY_ROWS``. A Markdown table is drawn by the frontend's
    own Markdown code (loaded for every page's headings anyway) and prints on paper as it is shown. Keep it short:
    the browser parses and lays out Markdown row by row, and a few hundred rows cost more than a grid."""
    if not len(frame.columns):
        return ""
    numeric = [pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c]) for c in frame]
    lines = [
        "| " + " | ".join(escape_markdown(c) for c in frame.columns) + " |",
        "| " + " | ".join("---:" if n else "---" for n in numeric) + " |",
    ]
    cells = [frame[c].tolist() for c in frame.columns]
    for row in range(len(frame)):
        shown = [_link_cell(v[row]) if c == links else _cell(v[row]) for c, v in zip(frame.columns, cells)]
        lines.append("| " + " | ".join(shown) + " |")
    return "\n".join(lines)


def _cell(value: object) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return ""
    return escape_markdown(value)


def _link_cell(value: object) -> str:
    """A named profile address as a link with the name as its words (other values: escaped text)."""
    found = _NAMED_ADDRESS.match(value) if isinstance(value, str) else None
    if not found:
        return _cell(value)
    # The link without its ``name=``: the name is the link's words; in the address (which the page ignores) it would
    # only carry the data's text into an address (tests/browser/test_xss_browser.py looks for that).
    page = value.partition("?")[0]
    return md_page_link(f"{page}?{value[found.end() :].lstrip('&')}", unquote(found.group(1)))


def bar(count: int, largest: int) -> str:
    """``count`` as a bar of block characters, ``BAR_WIDTH`` wide for ``largest`` (in eighths of a character): a
    chart in a table cell, with no chart or grid code for the browser to load, that prints as it is shown."""
    if largest <= 0 or count <= 0:
        return ""
    eighths = max(1, round(count / largest * BAR_WIDTH * 8))
    full, part = divmod(eighths, 8)
    return "█" * full + (_EIGHTHS[part] if part else "")


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
        for link in queries.neighbours(directory, node):
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
        for link in queries.neighbours(directory, unit):
            if kind_of(link.id) == "person" and link.relation == "works_at" and not link.outgoing:
                members.setdefault(link.id, directory.name_of(link.id))
    found: dict[tuple[str, str], dict] = {}
    for member, via in members.items():
        for link in queries.neighbours(directory, member):
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


@st.cache_resource(show_spinner=False, max_entries=4)
def networks_table(fp: str, language: str, _directory: Directory) -> pd.DataFrame | None:
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


@st.cache_resource(show_spinner=False, max_entries=16)
def type_counts(fp: str, kind: str, language: str, _directory: Directory) -> pd.DataFrame:
    """How many rows of ``kind`` have each type, once per data version, kind and language (counting 60,000 rows
    on every rerun was a tenth of a second or more)."""
    values = Counter(v for v in _directory.tables[kind][TYPE_COLUMNS[kind]].tolist() if v)
    with in_language(language):
        return pd.DataFrame(
            [{t("overview.type"): value_label(v), t("overview.count"): n} for v, n in values.most_common()]
        )


def problem_table(problems: list[Problem]) -> pd.DataFrame:
    """Problems as rows a person can follow in Excel: where (file:row:column), value, what to do."""
    severity = {level: t(f"problem.{level}") for level in {p.severity for p in problems}}
    columns = [t(f"overview.{name}") for name in ("severity", "file", "row", "column", "value", "message", "where")]
    rows = [(severity[p.severity], p.file, p.row, p.column, p.value, problem_text(p), p.location) for p in problems]
    return pd.DataFrame(rows, columns=columns) if rows else pd.DataFrame([])


@st.cache_resource(show_spinner=False, max_entries=8)
def problem_groups(
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
def verified_cached(
    fp: str, language: str, personal: bool, today: dt.date, _directory: Directory
) -> tuple[pd.DataFrame, pd.DataFrame, int]:
    """``verified_tables`` once per data version, language, role and day: it walks every row and every relation
    (a second on every rerun at 200,000 relations). Shared and read-only (``st.cache_resource``)."""
    with in_language(language):
        tables = verified_tables(_directory, today, personal=personal)
    give_back_memory()  # the temporaries of 280,000 rows
    return tables


@st.cache_resource(show_spinner=False, max_entries=4)
def legal_basis_table(fp: str, language: str, _directory: Directory) -> pd.DataFrame:
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


def prepare(directory: Directory, role: str = "admin", language: str = DEFAULT_LANGUAGE) -> None:
    """Make Overview's tables for ``role`` in ``language``, as the page's first run would (the same functions and
    arguments, so the page finds them made): at the server's start, for a single user on this computer."""
    fp = fingerprint(directory)
    personal = access.allows(role, "see_contacts")
    networks_table(fp, language, directory)
    for kind in TYPE_COLUMNS:
        if len(directory.tables.get(kind, ())):
            type_counts(fp, kind, language, directory)
    problem_groups(fp, language, "code", personal, directory)
    verified_cached(fp, language, personal, dt.date.today(), directory)
    if access.allows(role, "personal_data_report"):
        legal_basis_table(fp, language, directory)
