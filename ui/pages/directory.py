"""Directory: a searchable, sortable, filterable table per kind; ticking a row (or choosing it) opens its profile.

Run by ``st.navigation`` as a script (see ``ui/app.py``); ``render()`` draws the page. The kind, the search, the
filters and the open profile live in the URL. People's e-mail and phone appear only with "Show contact details" on,
which is never put in the URL.
"""

from __future__ import annotations

from typing import Callable

import pandas as pd
import streamlit as st

from network import schema
from network.directory import Directory
from network.personal_data import personal_columns
from network.search import search
from network.textnorm import fold
from ui.export_widgets import table_downloads
from ui.i18n import column_label, current_language, in_language, kind_label, t, theme_label, tm, value_label
from ui.auth import can
from ui.links import name_column, profile_urls
from ui.profile import safe_url, show_profile
from ui.state import data_path, fingerprint, get_directory, give_back_memory
from ui.urlstate import Param, View, one_of, some_of, join
from ui.widgets import country_label, entity_label, show_notes

__all__ = ["render", "COLUMNS", "display_frame", "matching_ids", "view_of"]

#: The columns each kind's table shows, in order (the profile shows every column).
COLUMNS: dict[str, tuple[str, ...]] = {
    "organisation": ("name", "type", "country", "city", "themes", "website", "verified"),
    "network": ("name", "type", "scope", "themes", "website", "verified"),
    "project": ("name", "acronym", "status", "programme", "start", "end", "budget_eur", "themes", "verified"),
    "programme": ("name", "family", "min_partners", "min_countries", "max_months", "url", "verified"),
    "person": ("name", "organisation", "role", "languages", "themes", "verified"),
}
#: The contact details the people table adds when "Show contact details" is on (``schema.Column.contact``; notes
#: are long, so they stay in the profile).
CONTACT_COLUMNS = tuple(c for c in schema.PEOPLE.contact_columns if c != "notes")
#: The column each kind can be filtered by in "Type" (its vocabulary).
TYPE_COLUMNS = {"organisation": "type", "network": "type", "project": "status", "programme": "family"}
_SEARCHED = ("name", "acronym", "city", "id", "themes", "role", "type", "status", "family")
_NUMBERS = ("budget_eur", "min_partners", "min_countries", "min_eu_countries", "max_months")
_LINKS = ("website", "url")
_LISTS = ("themes", "languages")
#: Columns whose values repeat (vocabularies, countries, references): ``_display`` words each distinct value once.
_REPEATED = frozenset({"country", "type", "status", "family", "scope", "organisation", "programme"})
#: Rows the table shows at a time. Sending and drawing a 60,000-row table (and a 60,000-entry "profile of" list)
#: took seconds on every rerun; a longer selection is shown in pages (search or filter to narrow it). The CSV and
#: Excel downloads still hold every row of the selection. 500, not 2,000: the table shows about 15 rows on screen, and
#: a page's words, profile addresses, picker labels and bytes grow with it (0.7 MB per Katalog run at 2,000).
PAGE_ROWS = 500


def _all_type_values() -> list[str]:
    values: list[str] = []
    for kind, column in TYPE_COLUMNS.items():
        values += [v for v in schema.table_for_kind(kind).column(column).vocabulary if v not in values]
    return values


def view_of(directory: Directory) -> View:
    # the distinct values (pandas), not a Python set over 60,000 rows in every run
    countries = sorted(directory.tables.get("organisation", pd.DataFrame({"country": []}))["country"].unique().tolist())

    def known(text: str) -> str:
        if text.strip() not in directory:
            raise ValueError(text)
        return text.strip()

    return View(
        "directory",
        [
            Param("kind", "organisation", one_of(schema.KINDS)),
            Param("q", "", str),
            Param("types", [], some_of(_all_type_values()), join),
            Param("countries", [], some_of(countries), join),
            Param("id", None, known),
        ],
    )


@st.cache_resource(show_spinner=False, max_entries=32)
def _haystacks(fp: str, kind: str, public: bool, _directory: Directory) -> pd.Series:
    """Each row's searchable text, folded (no accents, lower case), by id. ``public``: personal columns are not
    searched (a viewer could otherwise find people by, say, their themes).

    ``st.cache_resource``: one Series per data version shared by every rerun and session (``cache_data`` would
    unpickle a copy of 60,000 strings on every rerun); callers only read it."""
    frame = _directory.tables[kind]
    hidden = personal_columns(kind) if public else ()
    parts = [frame[c] for c in _SEARCHED if c in frame and c not in hidden]
    for column in ("organisation", "programme"):  # the names behind references, so "Orebro" finds its staff
        if column in frame:
            parts.append(frame[column].map(lambda v: _directory.name_of(v) if v in _directory else v))
    text = parts[0].str.cat(parts[1:], sep=" ") if parts else pd.Series("", index=frame.index)
    return pd.Series([fold(v.replace("|", " ").replace("-", " ")) for v in text], index=frame["id"].tolist())


def matching_ids(directory: Directory, kind: str, query: str) -> list[str]:
    """Ids of ``kind`` whose text contains the query (accents ignored); if none does, the closest names."""
    haystack = _haystacks(fingerprint(directory), kind, not can("see_contacts"), directory)
    needle = fold(query.replace("-", " "))
    if not needle:
        return haystack.index.tolist()
    found = haystack.index[haystack.str.contains(needle, regex=False)].tolist()
    if found:
        return found
    return [hit.id for hit in search(directory, query, kinds=[kind], limit=50)]


def _display_value(column: str, value: str, directory: Directory):
    if column == "country":
        return country_label(value)
    if column in ("type", "status", "family", "scope"):
        return value_label(value)
    if column in ("organisation", "programme"):
        return directory.name_of(value) if value and value in directory else value
    if column == "themes":
        return [theme_label(v) for v in value.split(schema.LIST_SEPARATOR) if v]
    if column == "languages":
        return [v for v in value.split(schema.LIST_SEPARATOR) if v]
    if column in _LINKS:
        return safe_url(value)
    if column in _NUMBERS:
        return pd.to_numeric(value, errors="coerce") if value else None
    return value


@st.cache_resource(show_spinner=False, max_entries=8)
def _positions(fp: str, kind: str, _directory: Directory) -> dict[str, int]:
    """id → position in the kind's table, once per data version (shared, read-only)."""
    return {entity_id: i for i, entity_id in enumerate(_directory.tables[kind]["id"].tolist())}


@st.cache_resource(show_spinner=False, max_entries=32)
def _display(
    fp: str, kind: str, ids: tuple[str, ...], language: str, contacts: bool, _directory: Directory
) -> pd.DataFrame:
    """The rows ``ids`` of the kind's table as shown, once per data version, language and rows: the page the table
    shows (2,000 rows at most), not all 60,000 of a large directory, whose words, theme lists and links took most
    of the Katalog's first visit (docs/performance.md, issue 12). ``st.cache_resource``: the same frame for every
    rerun on that page; callers never change it."""
    positions = _positions(fp, kind, _directory)
    with in_language(language):  # thousands of words: the language once, not a session look-up for each
        table = _display_table(kind, contacts, _directory, [positions[i] for i in ids])
    if len(ids) > PAGE_ROWS:
        give_back_memory()  # the temporaries of a whole large table
    return table


def _display_table(
    kind: str, contacts: bool, _directory: Directory, positions: list[int] | None = None
) -> pd.DataFrame:
    """The table as shown: all its rows, or the rows at ``positions`` in that order."""
    frame = _directory.tables[kind]
    if positions is not None:
        frame = frame.iloc[positions]
    columns = [c for c in COLUMNS[kind] if c in frame]
    if kind == "person" and contacts:
        columns[3:3] = [c for c in CONTACT_COLUMNS if c in frame]
    out = pd.DataFrame(index=frame["id"].tolist())
    for column in columns:
        values = frame[column].tolist()
        # Each distinct value put in words once (countries, types, theme lists, empty links repeat across 60,000
        # rows); rows with the same value share it, as the frame is never changed.
        words = {v: _display_value(column, v, _directory) for v in set(values)}
        out[column] = [words[v] for v in values]
    if "reference" in frame:
        values = frame["reference"].tolist()
        words = {v: safe_url(v) for v in set(values)}
        out["reference"] = [words[v] for v in values]
    return out


def _visible(frame: pd.DataFrame, kind: str, public: bool) -> pd.DataFrame:
    """A viewer (``public``) sees no personal column (``schema.PEOPLE.public_columns``)."""
    if not public:
        return frame
    hidden = personal_columns(kind)
    return frame.loc[:, [c for c in frame.columns if c not in hidden]]


def display_frame(
    directory: Directory, kind: str, contacts: bool = False, ids: list[str] | None = None
) -> pd.DataFrame:
    """The kind's table as shown (``ids``: only those rows, in that order; default: all): words instead of codes,
    country names, links; indexed by id.

    A viewer (``ui.auth``: no ``see_contacts``) sees no personal column (``schema.PEOPLE.public_columns``: people
    by name, organisation and role only)."""
    if ids is None:
        ids = directory.tables[kind]["id"].tolist()
    frame = _display(fingerprint(directory), kind, tuple(ids), current_language(), contacts, directory)
    return _visible(frame, kind, not can("see_contacts"))


def _whole_selection(directory: Directory, kind: str, contacts: bool, ids: list[str]) -> Callable[[], pd.DataFrame]:
    """The rows of the whole selection as shown, made only when a download is asked for (the page shows one page of
    them). The language and the role are read now, in the page's run."""
    language, public = current_language(), not can("see_contacts")
    positions = _positions(fingerprint(directory), kind, directory)

    def frame() -> pd.DataFrame:
        wanted = [positions[i] for i in ids]  # here, not in every run: 60,000 look-ups for a download not asked for
        with in_language(language):
            return _visible(_display_table(kind, contacts, directory, wanted), kind, public)

    return frame


#: Columns whose names are links to profiles: the row's own name, and the entries it refers to.
_NAME_LINKS = ("name", "organisation", "programme")


@st.cache_resource(show_spinner=False, max_entries=32)
def _link_columns(fp: str, kind: str, ids: tuple[str, ...], language: str, _directory: Directory) -> pd.DataFrame:
    """The profile addresses of the rows ``ids`` (a page of the table), by id: the row's own name, and the entries
    it refers to (``ui.links``; the language is in each address, hence in the key). ``st.cache_resource``: shared
    and read-only (``_linked`` selects rows, which copies), not unpickled per rerun."""
    positions = _positions(fp, kind, _directory)  # once: a cached call per row was 2,000 cache look-ups (~0.5 s)
    frame = _directory.tables[kind].iloc[[positions[i] for i in ids]]
    with in_language(language):
        out = pd.DataFrame({"name": profile_urls(_directory, list(ids))}, index=list(ids))
        for column in ("organisation", "programme"):
            if column in frame:
                out[column] = profile_urls(_directory, frame[column].tolist())
    return out


def _linked(directory: Directory, kind: str, shown: pd.DataFrame) -> pd.DataFrame:
    """The table as shown on screen: each name a link to its profile (downloads keep the plain names); a reference
    to an entry that is not in the directory stays as written."""
    ids = tuple(shown.index.tolist())
    links = _link_columns(fingerprint(directory), kind, ids, current_language(), directory)
    shown = shown.copy()
    for column in links.columns:
        if column in shown:
            shown[column] = [link or value or None for link, value in zip(links[column], shown[column])]
    return shown


def _column_config(frame: pd.DataFrame) -> dict:
    config = {}
    for column in frame.columns:
        label = column_label(column)
        if column in _NAME_LINKS:
            config[column] = name_column(label)
        elif column in _LINKS or column == "reference":
            config[column] = st.column_config.LinkColumn(label, display_text=r"https?://(?:www\.)?([^/]+)")
        elif column in _LISTS:
            config[column] = st.column_config.ListColumn(label)
        elif column == "budget_eur":
            config[column] = st.column_config.NumberColumn(label, format="localized")
        elif column in _NUMBERS:
            config[column] = st.column_config.NumberColumn(label, format="%d")
        else:
            config[column] = st.column_config.TextColumn(label)
    return config


def _sanitise(key: str, options: list[str]) -> None:
    """Drop remembered choices that this table cannot offer (after switching kind)."""
    value = st.session_state.get(key) or []
    st.session_state[key] = [v for v in value if v in options]


def _filters(directory: Directory, view: View, kind: str) -> tuple[str, list[str], list[str]]:
    frame = directory.tables[kind]
    search_col, type_col, country_col = st.columns([2, 1, 1])
    query = search_col.text_input(
        t("directory.search"),
        key=view.key("q"),
        help=t("directory.search_help"),
        placeholder=t("directory.search_placeholder"),
        icon=":material/search:",
    )
    types: list[str] = []
    if kind in TYPE_COLUMNS:
        present = set(frame[TYPE_COLUMNS[kind]].unique().tolist())
        vocabulary = schema.table_for_kind(kind).column(TYPE_COLUMNS[kind]).vocabulary
        options = [v for v in vocabulary if v in present] + sorted(present - set(vocabulary) - {""})
        _sanitise(view.key("types"), options)
        types = type_col.multiselect(
            column_label(TYPE_COLUMNS[kind]),
            options,
            key=view.key("types"),
            format_func=value_label,
            help=t("directory.type_help"),
            placeholder=t("filter.all"),
        )
    else:
        _sanitise(view.key("types"), [])
    countries: list[str] = []
    if "country" in frame:
        options = sorted(set(frame["country"].unique().tolist()) - {""}, key=country_label)
        _sanitise(view.key("countries"), options)
        countries = country_col.multiselect(
            t("filter.countries"),
            options,
            key=view.key("countries"),
            format_func=country_label,
            help=t("filter.countries_help"),
            placeholder=t("filter.all"),
        )
    else:
        _sanitise(view.key("countries"), [])
    return query, types, countries


def _rows(directory: Directory, kind: str, query: str, types: list[str], countries: list[str]) -> list[str]:
    frame = directory.tables[kind]
    keep = pd.Series(True, index=frame["id"].tolist())
    if types:
        keep &= frame[TYPE_COLUMNS[kind]].isin(types).to_numpy()
    if countries:
        keep &= frame["country"].isin(countries).to_numpy()
    ids = keep.index[keep].tolist()
    if query.strip():
        wanted = matching_ids(directory, kind, query)
        allowed = set(ids)
        ids = [i for i in wanted if i in allowed]
    return ids


def _page(kind: str, ids: list[str]) -> list[str]:
    """The rows of the page chosen (all of them when they fit in one), with a page control when there are more."""
    pages = -(-len(ids) // PAGE_ROWS)
    if pages <= 1:
        return ids
    key = f"directory.page.{kind}"
    if not isinstance(st.session_state.get(key), int) or not 1 <= st.session_state[key] <= pages:
        st.session_state[key] = 1
    left, right = st.columns([1, 3], vertical_alignment="bottom")
    number = left.number_input(
        t("directory.page", pages=pages),
        min_value=1,
        max_value=pages,
        step=1,
        key=key,
        help=t("directory.page_help", rows=PAGE_ROWS),
    )
    start = (int(number) - 1) * PAGE_ROWS
    shown = ids[start : start + PAGE_ROWS]
    right.caption(t("directory.rows_page", first=start + 1, last=start + len(shown), shown=len(ids)))
    return shown


def _table(directory: Directory, view: View, kind: str, ids: list[str], contacts: bool) -> str | None:
    """The table; returns the id of a row the user has just ticked, if any."""
    shown = _linked(directory, kind, display_frame(directory, kind, contacts, ids))
    event = st.dataframe(
        shown,
        hide_index=True,
        width="stretch",
        height=min(560, 38 + 35 * max(len(shown), 1)),
        column_config=_column_config(shown),
        on_select="rerun",
        selection_mode="single-row",
        placeholder="",
        key=f"directory.table.{kind}",
    )
    rows = tuple(event.selection.rows) if event is not None else ()
    last_key = f"_directory.selected.{kind}"
    if rows != st.session_state.get(last_key):
        st.session_state[last_key] = rows
        if rows and rows[0] < len(ids):
            return ids[rows[0]]
    return None


def _kind_choice(directory: Directory, view: View) -> str:
    counts = {kind: len(directory.tables.get(kind, ())) for kind in schema.KINDS}
    return st.segmented_control(
        t("directory.kind"),
        list(schema.KINDS),
        key=view.key("kind"),
        required=True,
        format_func=lambda k: f"{kind_label(k, plural=True)} ({counts[k]})",
        help=t("directory.kind_help"),
    )


def render() -> None:
    directory = get_directory()
    view = view_of(directory)
    notes = view.restore()
    st.title(t("directory.title"), anchor=False)
    st.caption(t("directory.intro"))
    show_notes(notes)
    kind = _kind_choice(directory, view) or "organisation"
    total = len(directory.tables.get(kind, ()))
    if not total:
        st.info(
            tm(
                "directory.empty_kind",
                kinds=kind_label(kind, plural=True).lower(),
                file=schema.table_for_kind(kind).file,
                path=str(data_path()),
            )
        )
        _sanitise(view.key("types"), [])
        _sanitise(view.key("countries"), [])
        view.save()
        return
    query, types, countries = _filters(directory, view, kind)
    contacts = False
    if kind == "person" and can("see_contacts"):  # ui/auth.py: contact details are for editors
        contacts = st.toggle(t("directory.contacts"), key="directory.contacts", help=t("directory.contacts_help"))
    ids = _rows(directory, kind, query, types, countries)
    st.caption(t("directory.rows", shown=len(ids), total=total))
    ticked = None
    page_ids = _page(kind, ids)
    if ids:
        ticked = _table(directory, view, kind, page_ids, contacts)
        table_downloads(
            _whole_selection(directory, kind, contacts, ids),
            name=kind_label(kind, plural=True),
            key=f"directory.export.{kind}",
            include_contact_details=contacts,
        )
    else:
        st.info(t("directory.no_rows"))
    profile_key = view.key("id")
    if ticked:
        st.session_state[profile_key] = ticked
    current = st.session_state.get(profile_key)
    options = list(dict.fromkeys(([current] if current in directory else []) + page_ids))
    if current not in options:
        st.session_state[profile_key] = None
    with in_language(current_language()):  # 2,000 labels: the session's language read once, not 4,000 times
        labels = {i: entity_label(directory, i) for i in options}
    st.selectbox(
        t("directory.profile_of"),
        options,
        key=profile_key,
        index=None,
        format_func=labels.__getitem__,
        help=t("directory.profile_of_help"),
        placeholder=t("directory.pick_row"),
    )
    chosen = st.session_state.get(profile_key)
    if chosen:
        with st.container(border=True):
            show_profile(directory, chosen, show_contacts=contacts)
        if can("edit"):
            st.page_link(
                "ui/pages/edit.py",
                label=t("edit.open"),
                icon=":material/edit:",
                query_params={"id": chosen},
                help=t("edit.open_help"),
            )
    view.save()


if __name__ == "__main__":
    render()
