"""An entity's profile: facts, networks, projects, people, partners, how the home organisation reaches it, and where
the facts come from. Used by the Explore and Directory pages.

User text is shown as plain text (tables, ``st.text``) or escaped before it goes into Markdown; links are made only
from http(s) addresses and to the dashboard's own pages (``ui.links``): every related entity's name, in lists,
tables and the ways from the home organisation, opens its profile, and the profile leads on to the graph, the
Connections page and the partner finder. People's e-mail, phone and notes appear only when ``show_contacts`` is on.
"""

from __future__ import annotations

import datetime as dt
from typing import Callable, Iterable

import pandas as pd
import streamlit as st

from network import schema
from network.directory import Directory
from network.personal_data import personal_columns
from network.queries import Neighbour, describe_path, neighbours, shortest_paths

from .auth import can
from .person_tools import person_tools
from .i18n import (
    column_label,
    current_language,
    in_language,
    kind_label,
    relation_label,
    relation_phrase,
    t,
    theme_label,
    tm,
    value_label,
)
from .links import connections_params, explore_params, name_column, profile_link, profile_url, similar_params
from .safe_text import escape_markdown, md_link, safe_url
from .sections import lazy_section
from .state import fingerprint
from .widgets import country_label

__all__ = [
    "show_profile",
    "fact_value",
    "fact_words",
    "safe_url",
    "md_link",
    "period",
    "CONTACT_COLUMNS",
    "PATHS_SHOWN",
]

#: People's contact details: shown only when the user (an editor) asks for them (``network.export``'s list).
CONTACT_COLUMNS = schema.PEOPLE.contact_columns
#: How many of the shortest ways from the home organisation a profile lists.
PATHS_SHOWN = 3
#: In a compact profile, longer lists are folded into a section made only while it is open.
COMPACT_OPEN = 8
#: How many entries an opened section of a compact profile lists; the rest are in the full profile (Katalog).
COMPACT_SHOWN = 100
#: The height (px) of the row of page links, kept free when the profile is shown without it (``actions=False``).
ACTIONS_HEIGHT = 56
#: Columns shown elsewhere in the profile (heading, provenance) or not at all in the facts.
_NOT_FACTS = {"id", "name", "kind", "row", "description", "reference", "verified"}
_VOCAB_COLUMNS = {"type", "status", "family", "scope", "outside_countries"}
_LIST_VALUE_COLUMNS = {"partner_types", "coordinator_types", "counted_roles"}
_SECTIONS = (
    ("network", "profile.networks"),
    ("project", "profile.projects"),
    ("organisation", "profile.organisations"),
    ("person", "profile.people"),
    ("programme", "profile.programmes"),
)


def period(since: str, until: str) -> str:
    if since and until:
        return f"{since} – {until}"
    if since:
        return f"{since} –"
    if until:
        return f"– {until}"
    return ""


def fact_words(column: str, value: str) -> str:
    """One value as plain text in words: a country code, a vocabulary value (type, status, role) or a theme in the
    chosen language, lists joined with commas; anything else as written. Tables show it as it is (the Matches
    page's side-by-side rows); ``fact_value`` escapes it for Markdown."""
    if column == "country":
        return country_label(value)
    if column in _VOCAB_COLUMNS:
        return value_label(value)
    if column in ("themes",):
        return ", ".join(theme_label(v) for v in value.split(schema.LIST_SEPARATOR))
    if column in _LIST_VALUE_COLUMNS:
        return ", ".join(value_label(v) for v in value.split(schema.LIST_SEPARATOR))
    if column == "languages":
        return ", ".join(value.split(schema.LIST_SEPARATOR))
    return value


def fact_value(directory: Directory, column: str, value: str) -> str:
    """One value as Markdown-safe text: codes and ids turned into words (names link to profiles), links for web
    addresses. The profile's facts and the change log (``ui/history_view.py``) show values this way."""
    if column in ("organisation", "programme") and value in directory:
        return profile_link(directory, value)
    if column in ("website", "url"):
        return md_link(value)
    if column == "budget_eur":
        return escape_markdown(_money(value))
    if column == "email":  # a link column: a mailto link (its words copy as written)
        return md_link(value, email=True)
    return escape_markdown(fact_words(column, value))


def _money(value: str) -> str:
    """12500.5 → "12 500,50 €" in Swedish, "12,500.50 €" in English; the value as written if it is not a number."""
    try:
        amount = float(value)
    except ValueError:
        return value
    text = f"{amount:,.2f}" if amount % 1 else f"{amount:,.0f}"
    if current_language() == "sv":
        text = text.replace(",", "\u00a0").replace(".", ",")
    return f"{text} €"


def _facts(directory: Directory, record: dict, show_contacts: bool) -> list[str]:
    lines = []
    hidden = record["kind"] == "person" and not show_contacts
    for column, value in record.items():
        if column in _NOT_FACTS or not isinstance(value, str) or not value:
            continue
        if not can("see_contacts") and column in personal_columns(record["kind"]):  # a viewer: public columns only
            continue
        if record["kind"] == "person" and column in CONTACT_COLUMNS and hidden:
            continue
        lines.append(f"- **{escape_markdown(column_label(column))}:** {fact_value(directory, column, value)}")
    return lines


def _neighbour_rows(directory: Directory, found: Iterable[Neighbour], show_contacts: bool) -> pd.DataFrame:
    """The related entities, one row each; the name column holds ids (``_section`` shows them as links)."""
    rows = []
    for link in found:
        row = {
            t("profile.name"): link.id,
            t("profile.relation"): relation_phrase(link.relation, link.outgoing),
            t("profile.role"): value_label(link.attrs.get("role", "")),
            t("profile.period"): period(link.attrs.get("since", ""), link.attrs.get("until", "")),
        }
        if directory.kind_of(link.id) == "person":
            person = directory.record(link.id)
            row[t("profile.role")] = row[t("profile.role")] or person.get("role", "")
            if show_contacts:
                row[column_label("email")] = person.get("email", "")
                row[column_label("phone")] = person.get("phone", "")
        rows.append(row)
    frame = pd.DataFrame(rows)
    return frame.loc[:, [c for c in frame.columns if frame[c].astype(bool).any() or c == t("profile.name")]]


def _project_partners(directory: Directory, entity_id: str, links: list[Neighbour]) -> pd.DataFrame:
    """For an organisation: the other organisations in the same projects, with the project (both as ids)."""
    rows = []
    for link in links:
        if link.relation != "partner_in" or not link.outgoing:
            continue
        for other in neighbours(directory, link.id):
            if other.id != entity_id and other.relation == "partner_in" and not other.outgoing:
                rows.append(
                    {
                        t("profile.name"): other.id,
                        column_label("country"): country_label(directory.graph.nodes[other.id].get("country", "")),
                        kind_label("project"): link.id,
                        t("profile.role"): value_label(other.attrs.get("role", "")),
                    }
                )
    return pd.DataFrame(rows)


@st.cache_resource(show_spinner=False, max_entries=256)
def _ways(fp: str, home: str, entity_id: str, _directory: Directory) -> list:
    """``shortest_paths`` from the home organisation once per data version and entity: Explore shows a profile on
    every click (a fragment rerun), and on a large directory the k shortest ways from a hub are the profile's
    slowest part. The paths are shared and never changed afterwards."""
    return shortest_paths(_directory, home, entity_id, k=PATHS_SHOWN)


def _paths(directory: Directory, entity_id: str) -> None:
    home = directory.home
    if not home:
        return
    home_name = directory.name_of(home)
    st.markdown(f"**{escape_markdown(t('profile.paths', home=home_name))}**")
    if entity_id == home:
        st.caption(t("profile.is_home"))
        return
    found = _ways(fingerprint(directory), home, entity_id, directory)
    if not found:
        st.caption(tm("profile.paths_none", home=home_name))
        return

    def words(relation):
        return escape_markdown(relation_label(relation))

    def named(node):
        return profile_link(directory, node)

    st.markdown(
        "\n".join(
            f"{number}. {describe_path(directory, path, label=words, name=named)}"
            for number, path in enumerate(found, start=1)
        )
    )


def _provenance(directory: Directory, record: dict) -> None:
    st.markdown(f"**{t('profile.provenance')}**")
    reference = record.get("reference") or ""
    verified = record.get("verified") or ""
    lines = []
    if "reference" in schema.table_for_kind(record["kind"]).column_names:  # people.csv has no reference column
        lines.append(
            f"- **{t('profile.reference')}:** "
            + (md_link(reference) if reference else escape_markdown(t("profile.no_reference")))
        )
    if "verified" in personal_columns(record["kind"]) and not can("see_contacts"):
        # a person's: personal data, like every column but id, name, organisation and role
        lines.append(f"- **{t('profile.verified')}:** {escape_markdown(t('profile.hidden'))}")
    elif verified:
        cutoff = (dt.date.today() - dt.timedelta(days=schema.STALE_AFTER_DAYS)).isoformat()
        note = f" ({t('profile.stale', years=schema.STALE_AFTER_DAYS // 365)})" if verified < cutoff else ""
        lines.append(f"- **{t('profile.verified')}:** {escape_markdown(verified + note)}")
    else:
        lines.append(f"- **{t('profile.verified')}:** {escape_markdown(t('profile.never_verified'))}")
    source = directory.sources.get(record["kind"], "")
    lines.append(f"- **{t('profile.row')}:** {escape_markdown(t('profile.row_value', file=source, row=record['row']))}")
    st.markdown("\n".join(lines))


def _bullets(directory: Directory, frame: pd.DataFrame, linked: tuple[str, ...]) -> str:
    """Table rows as Markdown bullets: "**Name** · relation · role · period" (every cell escaped; the ``linked``
    columns hold ids and become links to those profiles)."""
    lines = []
    for row in frame.to_dict("records"):
        cells = [
            profile_link(directory, str(value)) if column in linked else escape_markdown(value)
            for column, value in row.items()
            if value not in (None, "") and str(value)
        ]
        if cells:
            lines.append("- **" + cells[0] + "**" + "".join(f" · {c}" for c in cells[1:]))
    return "\n".join(lines)


def _section(
    directory: Directory,
    entity_id: str,
    name: str,
    title: str,
    count: int,
    rows: Callable[[], pd.DataFrame],
    compact: bool,
    linked: tuple[str, ...],
) -> None:
    """One list of ``count`` related entities (``rows`` makes their table): a table, or (``compact``, for narrow
    columns) bullets. The ``linked`` columns hold ids: their names are links to those profiles.

    A compact list longer than ``COMPACT_OPEN`` is folded into a section made only while it is open (``name`` keys
    it), listing at most ``COMPACT_SHOWN`` with a link to the full profile for the rest: a hub's profile in Explore
    had thousands of bullets in closed expanders, which the browser still parsed and laid out (1.2 MB and a 2.6 s
    task of Chromium's main thread for one run on a 60,000-organisation directory, docs/performance.md, issue 12)."""
    heading = f"{title} ({count})"
    if not compact:
        frame = rows()
        st.markdown(f"**{escape_markdown(heading)}**")
        shown = frame.copy()
        for column in linked:
            shown[column] = [profile_url(directory, i, named=True) if i in directory else i for i in shown[column]]
        st.dataframe(shown, hide_index=True, width="stretch", column_config={c: name_column(c) for c in linked})
    elif count > COMPACT_OPEN:
        section = lazy_section(heading, key=f"profile.list.{name}", icon=":material/list:")
        if section.open:
            with section:
                frame = rows()
                st.markdown(_bullets(directory, frame.head(COMPACT_SHOWN), linked))
                if len(frame) > COMPACT_SHOWN:
                    st.markdown(
                        t(
                            "profile.more_in_full",
                            count=len(frame) - COMPACT_SHOWN,
                            link=profile_link(directory, entity_id, t("profile.full_profile")),
                        )
                    )
    else:
        st.markdown(f"**{escape_markdown(heading)}**\n\n" + _bullets(directory, rows(), linked))


def _actions(directory: Directory, record: dict) -> None:
    """Where to go from the profile: the entity in the graph, the ways from the home organisation to it, and
    partners like it (real links with the pages' URL parameters: they open in a new tab too)."""
    entity_id, kind = record["id"], record["kind"]
    with st.container(horizontal=True, gap="small"):
        st.page_link(
            "ui/pages/explore.py",
            label=t("profile.show_graph"),
            help=t("profile.show_graph_help"),
            query_params=explore_params(entity_id),
            icon=":material/hub:",
            width="content",
        )
        if directory.home and entity_id != directory.home:
            st.page_link(
                "ui/pages/connections.py",
                label=t("profile.how_connected"),
                help=t("profile.how_connected_help"),
                query_params=connections_params(directory, entity_id),
                icon=":material/route:",
                width="content",
            )
        if kind == "organisation" or (kind != "person" and record.get("themes")):
            st.page_link(
                "ui/pages/partners.py",
                label=t("profile.similar"),
                help=t("profile.similar_help"),
                query_params=similar_params(directory, entity_id),
                icon=":material/handshake:",
                width="content",
            )


def show_profile(
    directory: Directory, entity_id: str, *, show_contacts: bool = False, compact: bool = False, actions: bool = True
) -> None:
    """The whole profile of one entity, in the current container (``compact``: lists instead of tables).

    ``actions=False`` leaves the row of page links (and a person's export buttons) out and keeps its place free:
    Explore's landing shows the profile's text first, its element types' code not yet loaded (``ui/pages/explore``).

    In the session's language fixed once (``in_language``): a hub's profile puts hundreds of related entities into
    words and links, and each ``t`` and each link asked the session for the language (12,000 look-ups, ~0.3 s of
    Explore's first visit on a 60,000-organisation directory, docs/performance.md, issue 12)."""
    with in_language(current_language()):
        _show_profile(directory, entity_id, show_contacts=show_contacts, compact=compact, actions=actions)


def _show_profile(directory: Directory, entity_id: str, *, show_contacts: bool, compact: bool, actions: bool) -> None:
    if entity_id not in directory:
        st.info(tm("profile.unknown", id=entity_id))
        return
    record = directory.record(entity_id)
    kind = record["kind"]
    show_contacts = show_contacts and can("see_contacts")  # ui/auth.py: contact details are for editors
    st.subheader(escape_markdown(record.get("name") or entity_id), anchor=False)
    kind_line = kind_label(kind)
    if record.get("type"):
        kind_line = t("profile.kind_line", kind=kind_line, type=value_label(record["type"]))
    st.caption(escape_markdown(kind_line))
    if actions:
        _actions(directory, record)
    else:
        st.container(height=ACTIONS_HEIGHT, border=False)  # the page links' place
    if record.get("description"):
        st.text(record["description"])
    facts = _facts(directory, record, show_contacts)
    if facts:
        st.markdown(f"**{t('profile.facts')}**\n\n" + "\n".join(facts))
    if kind == "person" and not show_contacts and any(record.get(c) for c in CONTACT_COLUMNS):
        st.caption(t("profile.contacts_hidden"))
    if kind == "person" and can("export_person") and actions:
        person_tools(directory, entity_id)
    links = neighbours(directory, entity_id)
    for section_kind, title in _SECTIONS:
        found = [link for link in links if directory.kind_of(link.id) == section_kind]
        if found:
            _section(
                directory,
                entity_id,
                section_kind,
                t(title),
                len(found),
                lambda found=found: _neighbour_rows(directory, found, show_contacts),
                compact,
                (t("profile.name"),),
            )
    if kind == "organisation":
        partners = _project_partners(directory, entity_id, links)
        if len(partners):
            _section(
                directory,
                entity_id,
                "project_partners",
                t("profile.project_partners"),
                len(partners),
                lambda: partners,
                compact,
                (t("profile.name"), kind_label("project")),
            )
    if not links:
        st.caption(t("profile.no_relations"))
    _paths(directory, entity_id)
    _provenance(directory, record)
