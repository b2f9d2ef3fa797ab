"""Finding one person in the history: every id they ever had, and whether a log entry, a row or a text names them.

The right to erasure (GDPR art. 17) must reach everything the tool keeps: the files, every backup, the backups'
manifests and the change log. This module holds the matching rules, in one place, for ``storage.erase_person``
(which rewrites the history) and ``personal_data`` (which exports and erases):

- **Ids match exactly, as tokens.** An id is a slug (``schema.ID_PATTERN``); a text names the id only if one of its
  slug-shaped words *is* the id. Erasing person ``or`` therefore leaves "Changed organisation region-orebro (city)"
  alone (a substring match rewrote it).
- **Renames are followed both ways** (``aliases``). A person renamed from ``sara-berg`` to ``sara-lund`` has rows
  under both ids in backups and in the log; erasing either id erases both. A rename is recognised from the log's
  "Renamed id A to B" summaries and from a people row removed and another added in the same entry that share an
  e-mail address or a name (``update_entity`` with a new id logs it that way).
- **A subject** (``Subject``) is what identifies the person in free text: their ids, e-mail addresses, names and
  phone numbers, gathered from every version of their row. ``names`` says whether a text mentions any of them;
  a summary that does is replaced by a neutral one, and a ``who`` equal to one of them is replaced too.

Nothing here reads or writes files; nothing here logs.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Iterable, Mapping

from . import schema
from .messages import ENGLISH
from .ids import norm_id

__all__ = [
    "Subject",
    "id_tokens",
    "mentions",
    "rename_pairs",
    "aliases",
    "scrub",
    "scrub_entry",
    "scrub_manifest",
    "ERASED_SUMMARY",
    "ERASED_WHO",
    "ERASED_VALUE",
]

#: What replaces a summary (in the log or a backup's manifest) that named an erased person.
ERASED_SUMMARY = ENGLISH["change.erased"]
#: What replaces ``who`` when the editor was the erased person (``who`` is never left empty).
ERASED_WHO = "(erased person)"
#: What replaces any other text of the history that named an erased person.
ERASED_VALUE = "(erased)"

PEOPLE = schema.PEOPLE.file
RELATIONS = schema.RELATIONS_TABLE.file
_TOKEN = re.compile(r"[a-z0-9][a-z0-9._-]*")
_RENAMED = re.compile(r"renamed id (\S+) to (\S+)", re.IGNORECASE)
_CHANGED_PERSON = re.compile(r"changed person (\S+) \(([^)]*)\)", re.IGNORECASE)


def _fold(text: object) -> str:
    return unicodedata.normalize("NFC", str(text)).casefold()


def id_tokens(text: object) -> set[str]:
    """The slug-shaped words of a text, each also without trailing punctuation ("anna." → "anna", "anna.")."""
    found = set()
    for token in _TOKEN.findall(_fold(text)):
        found.add(token)
        found.add(token.rstrip("._-"))
    found.discard("")
    return found


@dataclass
class Subject:
    """One person as the history knows them: every id, e-mail address, name and phone number they had."""

    ids: set[str]
    emails: set[str] = field(default_factory=set)
    names: set[str] = field(default_factory=set)
    phones: set[str] = field(default_factory=set)

    def learn(self, row: Mapping[str, object]) -> None:
        """Add the identifying values of one version of the person's row (a people.csv row or a log's before/after)."""
        for column, bucket in (("email", self.emails), ("name", self.names), ("phone", self.phones)):
            value = _fold(row.get(column, "")).strip()
            if len(value) >= 3:  # never a one- or two-letter fragment that would match everywhere
                bucket.add(value)

    def owns_row(self, row: Mapping[str, object]) -> bool:
        """True for a people row of this person (by id)."""
        return norm_id(row.get("id", "")) in self.ids

    def names_text(self, text: object, *, by_name: bool = True) -> bool:
        """True if ``text`` names the person: one of their ids as a whole word, or their e-mail, phone or name.

        ``by_name=False`` skips the name (for other people's and organisations' free text, where a shared first
        name must not count).
        """
        if not isinstance(text, str) or not text:
            return False
        if id_tokens(text) & self.ids:
            return True
        folded = _fold(text)
        needles = self.emails | self.phones | (self.names if by_name else set())
        return any(needle in folded for needle in needles)

    def is_who(self, who: object) -> bool:
        """True if a change log's or manifest's ``who`` is this person (e-mail, id or name, exactly)."""
        if not isinstance(who, str) or not who.strip():
            return False
        folded = _fold(who).strip()
        return folded in self.emails or folded in self.names or norm_id(who) in self.ids


def _values(change: Mapping[str, Any]) -> dict[str, Any]:
    return {**change.get("before", {}), **change.get("after", {})}


def mentions(change: Mapping[str, Any], ids: Iterable[str]) -> bool:
    """True if one changed row of a log entry is the person's: their people row, or a relation that names them.

    Ids are compared exactly (``norm_id``); the row's key counts too (a relation's key is "source relation target
    since", so an update that did not change the source still names it).
    """
    ids = {norm_id(i) for i in ids}
    values = _values(change)
    table = change.get("table")
    if table == PEOPLE:
        return norm_id(change.get("key", "")) in ids or norm_id(values.get("id", "")) in ids
    if table == RELATIONS:
        key = str(change.get("key", "")).split(" ")
        ends = {norm_id(values.get(c, "")) for c in ("source", "target")}
        ends.update(norm_id(key[i]) for i in (0, 2) if len(key) > i)
        return bool(ends & ids)
    return False


def _people_changes(entry: Mapping[str, Any], op: str) -> dict[str, dict[str, Any]]:
    side = "before" if op == "remove" else "after"
    return {
        norm_id(c.get("key", "")): dict(c.get(side, {}))
        for c in entry.get("changes", []) or []
        if isinstance(c, dict) and c.get("table") == PEOPLE and c.get("op") == op
    }


def _same_person(before: Mapping[str, Any], after: Mapping[str, Any]) -> bool:
    for column in ("email", "name"):
        old, new = _fold(before.get(column, "")).strip(), _fold(after.get(column, "")).strip()
        if old and old == new:
            return True
    return False


def rename_pairs(entries: Iterable[Mapping[str, Any]]) -> list[tuple[str, str]]:
    """Every (old id, new id) the change log records, from its summaries and from its people rows."""
    pairs: list[tuple[str, str]] = []
    for entry in entries:
        summary = str(entry.get("summary", ""))
        for old, new in _RENAMED.findall(summary):
            pairs.append((norm_id(old), norm_id(new.rstrip(";,"))))
        removed, added = _people_changes(entry, "remove"), _people_changes(entry, "add")
        unpaired = dict(added)
        for old, before in removed.items():
            same = [new for new, after in unpaired.items() if _same_person(before, after)]
            if len(same) == 1:
                pairs.append((old, same[0]))
                unpaired.pop(same[0])
        for old, columns in _CHANGED_PERSON.findall(summary):  # "Changed person a (id, phone)": a new id
            if "id" in [c.strip() for c in columns.split(",")] and norm_id(old) in removed and len(unpaired) == 1:
                pairs.append((norm_id(old), next(iter(unpaired))))
    return pairs


def aliases(person_id: str, pairs: Iterable[tuple[str, str]]) -> set[str]:
    """Every id connected to ``person_id`` by renames, backwards and forwards (``rename_pairs``)."""
    pairs = list(pairs)
    found = {norm_id(person_id)}
    grew = True
    while grew:
        grew = False
        for old, new in pairs:
            if (old in found) != (new in found):
                found.update((old, new))
                grew = True
    found.discard("")
    return found


#: Keys of a log entry or manifest that never hold a person's data (structure, stamps, counts).
_STRUCTURAL = frozenset({"id", "when", "action", "backup", "files", "counts", "rows_logged", "erased"})


def scrub(value: Any, subject: Subject, *, by_name: bool = True) -> Any:
    """``value`` (text, or lists and dicts of it) with every text that names the person replaced by
    ``ERASED_VALUE``."""
    if isinstance(value, str):
        return ERASED_VALUE if subject.names_text(value, by_name=by_name) else value
    if isinstance(value, dict):
        return {k: scrub(v, subject, by_name=by_name) for k, v in value.items()}
    if isinstance(value, list):
        return [scrub(v, subject, by_name=by_name) for v in value]
    return value


def _scrub_common(record: dict[str, Any], subject: Subject) -> None:
    """Summary, who and every other non-structural field of a log entry or a manifest, in place."""
    if subject.names_text(record.get("summary")):
        record["summary"] = ERASED_SUMMARY
        record.pop("notes", None)  # the summary as codes (network.messages) names them too: the erased summary stays
    if subject.is_who(record.get("who")):
        record["who"] = ERASED_WHO
    for key in [k for k in record if k not in _STRUCTURAL | {"summary", "who", "changes", "subjects"}]:
        record[key] = scrub(record[key], subject)


def scrub_entry(entry: Mapping[str, Any], subject: Subject) -> dict[str, Any]:
    """A change-log entry without the person: their rows and relations dropped, their id out of ``subjects``, a
    summary or ``who`` that names them replaced, their e-mail or phone blanked in other rows' values.

    Returns a new dict; equal to ``entry`` when the entry did not concern the person.
    """
    out = dict(entry)
    kept = []
    for change in entry.get("changes", []) or []:
        if isinstance(change, dict) and mentions(change, subject.ids):
            continue
        if isinstance(change, dict):  # another row: their e-mail or phone typed into one of its fields
            change = {
                **change,
                **{side: scrub(change[side], subject, by_name=False) for side in ("before", "after") if side in change},
            }
        kept.append(change)
    if "changes" in entry:
        out["changes"] = kept
    if "subjects" in entry:
        out["subjects"] = [s for s in entry.get("subjects", []) if norm_id(s) not in subject.ids]
    _scrub_common(out, subject)
    return out


def scrub_manifest(meta: Mapping[str, Any], subject: Subject) -> dict[str, Any]:
    """A backup's manifest (``backup.json``: summary, who, action, files) without the person."""
    out = dict(meta)
    _scrub_common(out, subject)
    return out
