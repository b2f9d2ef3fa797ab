"""Links between the dashboard's pages: every name opens that entity's profile, and each profile leads on to the
graph, the ways from the home organisation and similar partners.

The links are real addresses built from the pages' URL parameters (``ui/urlstate.py``: the Directory page shows
the profile of ``?kind=…&id=…``, Explore centres on ``?focus=…``, Connections reads ``?from=…&to=…``, Partners
``?themes=…&types=…&like=…``), so they open in a new tab, can be copied and shared, and land on the same view in
the chosen language. This module owns those addresses; ``ui.safe_text.md_page_link`` turns one into Markdown with
the name escaped. A dataframe shows a name that is a link with ``name_column`` (the name travels in the address
as ``name=…``, first, so the column shows it and sorts by it; the page ignores it).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from urllib.parse import quote, urlencode

import streamlit as st

from network import schema
from network.directory import Directory

from .i18n import DEFAULT_LANGUAGE, LANGUAGE_KEY, current_language
from .safe_text import escape_markdown, md_page_link

__all__ = [
    "NAME_PATTERN",
    "PROFILE_PAGE",
    "connections_params",
    "encode",
    "explore_params",
    "name_column",
    "page_params",
    "page_url",
    "profile_link",
    "profile_url",
    "profile_urls",
    "similar_params",
]

#: The page that shows one entity's whole profile (``?kind=…&id=…``).
PROFILE_PAGE = "directory"
#: The part of a profile address a link column shows (its first capture group, decoded): the name.
NAME_PATTERN = r"^[a-z_]+\?name=([^&#]*)"


#: Percent-encoding as ``urllib.parse.quote(text, safe="")`` does it, one table lookup per byte (in C: a table of
#: 100,000 names is encoded in a moment, where ``quote`` takes seconds).
_UNRESERVED = frozenset(b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_.-~")
_ENCODED = {byte: chr(byte) if byte in _UNRESERVED else f"%{byte:02X}" for byte in range(256)}


def encode(text: str) -> str:
    """``text`` percent-encoded for a URL parameter: only letters, digits and ``_.-~`` stay as they are."""
    return text.encode("utf-8").decode("latin-1").translate(_ENCODED)


def page_params(params: Mapping[str, str | None]) -> dict[str, str]:
    """The parameters without empty ones, plus the chosen language (so a link opens in the language it was seen in)."""
    found = {key: str(value) for key, value in params.items() if value not in (None, "")}
    language = current_language()  # the session's, or the one ``in_language`` fixed for a whole table or profile
    if language != DEFAULT_LANGUAGE:
        found[LANGUAGE_KEY] = language
    return found


def page_url(page: str, params: Mapping[str, str | None]) -> str:
    """``page?a=1&b=2``, every value percent-encoded (spaces as ``%20``; no character Markdown would read)."""
    query = urlencode(page_params(params), quote_via=quote, safe="")
    return f"{page}?{query}" if query else page


def profile_url(directory: Directory, entity_id: str, *, named: bool = False) -> str:
    """The address of the entity's profile (``named``: with its name first, for ``name_column``)."""
    return profile_urls(directory, [entity_id], named=named)[0] or page_url(PROFILE_PAGE, {"id": entity_id})


def profile_urls(directory: Directory, ids: Iterable[str], *, named: bool = True) -> list[str | None]:
    """``profile_url`` for many entities at once (a table's column of 100,000 names), None for an unknown id."""
    suffix = "".join(f"&{key}={encode(value)}" for key, value in page_params({}).items())
    stored = directory.pending_graph  # a graph not built yet (Overview's few links): asked without building it
    nodes = directory.graph.nodes if stored is None else None
    found: list[str | None] = []
    for entity_id in ids:
        if entity_id not in (nodes if stored is None else stored):
            found.append(None)
            continue
        if nodes is not None:
            attrs = nodes[entity_id]
            name, kind = attrs.get("name") or entity_id, attrs.get("kind", "")
        else:
            name, kind = directory.name_of(entity_id) or entity_id, directory.kind_of(entity_id)
        first = f"name={encode(name)}&" if named else ""
        found.append(f"{PROFILE_PAGE}?{first}kind={encode(kind)}&id={encode(entity_id)}{suffix}")
    return found


def profile_link(directory: Directory, entity_id: str, text: str | None = None) -> str:
    """The entity's name (or ``text``) as a Markdown link to its profile; plain escaped text for an unknown id."""
    if entity_id not in directory:
        return escape_markdown(text if text is not None else entity_id)
    return md_page_link(profile_url(directory, entity_id), text if text is not None else directory.name_of(entity_id))


def explore_params(entity_id: str) -> dict[str, str]:
    """Explore's parameters for a picture centred on the entity ("show in graph")."""
    return page_params({"focus": entity_id})


def connections_params(directory: Directory, entity_id: str) -> dict[str, str]:
    """Connections' parameters for the ways from the home organisation to the entity ("how are we connected")."""
    return page_params({"from": directory.home, "to": entity_id})


def similar_params(directory: Directory, entity_id: str) -> dict[str, str]:
    """The partner finder's parameters for organisations like this one: its themes and (for an organisation) its
    type, and ``like`` so that the finder leaves the organisation itself out and says what the search is like."""
    record = directory.record(entity_id)
    themes = [v for v in (record.get("themes") or "").split(schema.LIST_SEPARATOR) if v]
    params: dict[str, str | None] = {"section": "find", "themes": ",".join(themes)}
    if record["kind"] == "organisation":
        params.update(types=record.get("type") or None, like=entity_id)
    return page_params(params)


def name_column(label: str, help: str | None = None) -> st.column_config.Column:
    """A dataframe column of profile addresses (``profile_url(..., named=True)``) that shows the names as links."""
    return st.column_config.LinkColumn(label, help=help, display_text=NAME_PATTERN)
