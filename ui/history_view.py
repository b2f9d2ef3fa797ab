"""The change log in words: who saved, when, what kind of change, and for each row what it was before and after,
with names instead of ids and column labels instead of column names, in the chosen language.

The core reads the log (``network.changelog``); this module only words it. Values are shown as the profile shows
them (``ui.profile.fact_value``: countries, types and themes in words, names that link to profiles); people's
personal columns only for a user who may see contact details. Everything from the log is escaped for Markdown.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence

import streamlit as st

from network import schema
from network.changelog import Entry, FieldChange, RowChange
from network.directory import Directory
from network.personal_data import personal_columns

from .auth import can
from .i18n import change_text, column_label, kind_label, relation_label, t, value_label
from .links import profile_link
from .profile import fact_value
from .safe_text import WORD_JOINER, escape_markdown

#: A Markdown link and a backslash escape: a headline is plain text (a table cell).
_LINK = re.compile(r"\[((?:\\.|[^\]\\])*)\]\([^)]*\)")
_ESCAPE = re.compile(r"\\(.)")

__all__ = ["action_text", "entry_headline", "entry_markdown", "row_lines", "show_entries", "when_text", "who_text"]


def when_text(when: dt.datetime | None) -> str:
    """The local date and time of a save ("" if the log has none)."""
    return when.astimezone().strftime("%Y-%m-%d %H:%M") if when else ""


def who_text(who: str) -> str:
    """Who saved, as plain text: the identity, or "not recorded" for logs written before identities were kept."""
    return who or t("history.who_unknown")


def action_text(action: str) -> str:
    """The kind of save in words ("edit" → "Redigering"); an action this version does not know, as written."""
    key = f"history.action.{action}"
    text = t(key)
    return text if text != key else (action or t("history.action.unknown"))


def _entity_name(directory: Directory, row: RowChange) -> str:
    """The row's entity as Markdown: a link to its profile if it is still there, else its name (or id) as text."""
    entity_id = row.entity_id or row.key
    if entity_id in directory:
        return profile_link(directory, entity_id)
    return escape_markdown(row.values.get("name") or entity_id)


def _end(directory: Directory, value: str) -> str:
    return profile_link(directory, value) if value in directory else escape_markdown(value)


def _value(directory: Directory, kind: str, column: str, value: str) -> str:
    """One logged value in words (Markdown); an empty one as "(empty)"."""
    if not value:
        return t("history.empty")
    if kind in schema.KINDS and column in personal_columns(kind) and not can("see_contacts"):
        return t("history.hidden")
    if column in ("source", "target"):
        return _end(directory, value)
    if column == "relation":
        return escape_markdown(relation_label(value))
    if column == "role" and kind == "relation":
        return escape_markdown(value_label(value))
    return fact_value(directory, column, value)


def _field(directory: Directory, kind: str, change: FieldChange) -> str:
    return t(
        "history.field",
        column=escape_markdown(column_label(change.column)),
        before=_value(directory, kind, change.column, change.before),
        after=_value(directory, kind, change.column, change.after),
    )


def _relation(directory: Directory, values: dict[str, str]) -> str:
    """ "Region Örebro län — member of → REVES" (since 2001), names linked."""
    text = (
        f"{_end(directory, values.get('source', ''))} — "
        f"{escape_markdown(relation_label(values.get('relation', '')))} → {_end(directory, values.get('target', ''))}"
    )
    since, until = values.get("since", ""), values.get("until", "")
    if since or until:
        text += f" ({escape_markdown(f'{since} – {until}'.strip(' –') if since and until else since or until)})"
    return text


def row_lines(directory: Directory, row: RowChange) -> list[str]:
    """One row's change as Markdown: a sentence, then (for a change) one line per column with before → after."""
    if row.kind == "relation":
        head = (
            t(f"history.relation_{row.op}", relation=_relation(directory, row.values))
            if row.op in ("add", "remove")
            else t("history.relation_update", relation=_relation(directory, row.values))
        )
    elif row.kind in schema.KINDS:
        head = t(
            f"history.{row.op}", kind=escape_markdown(kind_label(row.kind).lower()), name=_entity_name(directory, row)
        )
    else:
        head = t(f"history.row_{row.op}", key=escape_markdown(row.key), file=escape_markdown(row.file))
    lines = [head]
    if row.op == "update":
        lines += [f"    - {_field(directory, row.kind, change)}" for change in row.fields]
    return lines


def _counts(entry: Entry) -> list[str]:
    return [
        t(
            "history.counts",
            file=escape_markdown(file),
            added=counts.get("added", 0),
            updated=counts.get("updated", 0),
            removed=counts.get("removed", 0),
        )
        for file, counts in entry.counts.items()
    ]


def _said(directory: Directory, entry: Entry, markdown: bool = False) -> str:
    """The save's own description (its codes, or the English summary of an old log) in the chosen language."""
    return change_text(
        entry.notes,
        entry.summary,
        markdown=markdown,
        name_of=lambda i: directory.name_of(i) if i in directory.graph else i,
    )


def entry_headline(directory: Directory, entry: Entry) -> str:
    """The save in one line of plain text for a list of backups: its first change in words, and how many more."""
    rows = entry.rows
    if not rows:
        return _said(directory, entry)
    first = _LINK.sub(r"\1", row_lines(directory, rows[0])[0])  # the links' words
    first = _ESCAPE.sub(r"\1", first).replace(WORD_JOINER, "")
    return first if len(rows) == 1 else t("history.and_more", first=first, n=len(rows) - 1)


def entry_markdown(directory: Directory, entry: Entry) -> str:
    """The whole save as Markdown: "**When** · who · action", then each row's change, or the counts."""
    head = " · ".join(
        part
        for part in (
            f"**{escape_markdown(when_text(entry.when))}**" if entry.when else "",
            escape_markdown(who_text(entry.who)),
            escape_markdown(action_text(entry.action)),
        )
        if part
    )
    lines = [head, ""]
    if entry.rows:
        for row in entry.rows:
            first, *rest = row_lines(directory, row)
            lines += [f"- {first}", *rest]
    else:
        lines += [f"- {line}" for line in _counts(entry)] or [f"- {_said(directory, entry, markdown=True)}"]
        if not entry.rows_logged:
            lines += ["", t("history.not_listed")]
    return "\n".join(lines)


def show_entries(directory: Directory, entries: Sequence[Entry], key: str) -> None:
    """The newest saves, each in a box, and a control to show more of them."""
    if len(entries) > 10:
        shown = st.number_input(
            t("history.shown"),
            min_value=1,
            max_value=len(entries),
            value=min(20, len(entries)),
            step=10,
            key=key,
            help=t("history.shown_help"),
        )
    else:
        shown = len(entries)
    for entry in entries[: int(shown)]:
        with st.container(border=True):
            st.markdown(entry_markdown(directory, entry))
