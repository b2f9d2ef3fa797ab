"""Messages as codes with parameters: the core says *what* happened, a reader's language says it in words.

The core never builds a sentence for the dashboard. It records a :class:`Message` (a code from :data:`ENGLISH` and
its parameters as text); the CLI prints the English template filled in (``Message.text``), and the dashboard looks
the same code up in its catalogue (``ui/locales/<language>.toml``, key ``core.<code>``) and fills in the same
parameters. This table is the one source of the English text: the dashboard's English catalogue is built from it,
and a test proves that every code here has a Swedish entry with the same placeholders.

Codes are ``<area>.<what>`` (``problem.bad-date``, ``change.edited``); a variant of one problem is a longer code
(``problem.unknown-value.close`` when there is a close match to suggest).
"""

from __future__ import annotations

from dataclasses import dataclass
from collections.abc import Iterable, Mapping

__all__ = ["ENGLISH", "Message", "message", "english", "placeholders", "to_records", "from_records"]

_FIX_DATE = "Write it as YYYY-MM-DD (2024-03-31), YYYY-MM or YYYY."

ENGLISH: dict[str, str] = {
    # --- problems in the data (network.validation, network.reading) ----------------------------------------------
    "problem.missing-column": "The header row has no column '{column}', which is required, so none of the {rows} rows "
    "can load. Add a column named {column} to row 1 (columns: {columns}).",
    "problem.unknown-column": "Unknown column '{value}' is ignored. Remove it or rename it to a column of the format "
    "(columns: {columns}).",
    "problem.unknown-column.close": "Unknown column '{value}' is ignored. Did you mean '{close}'? Rename it (columns: "
    "{columns}).",
    "problem.missing-value": "{column} is required. Fill it in.",
    "problem.bad-id": "'{value}' is not a valid id: use lower-case letters, digits and hyphens only, for example "
    "'{example}'.",
    "problem.bad-group-id": "'{value}' is not a valid group id: use lower-case letters, digits, - and + only, for "
    "example '{example}'.",
    "problem.bad-country": "'{value}' is not a country code. Use the two-letter ISO 3166-1 code (SE, DE, GR).",
    "problem.bad-country.guess": "'{value}' is not a country code. Use the two-letter ISO 3166-1 code (SE, DE, GR). "
    "For {value}, write {guess}.",
    "problem.bad-country-list": "{codes}: not a country code. Write two-letter ISO 3166-1 codes separated by | "
    "(SE|NO|IS).",
    "problem.bad-date": "'{value}' is not a date. " + _FIX_DATE,
    "problem.bad-email": "This is not an e-mail address. Write it as name@example.org, one address per cell.",
    "problem.bad-url": "Only http:// and https:// links are allowed here. Write the full web address.",
    "problem.bad-url.bare": "This does not look like a web address. Write it as https://example.org.",
    "problem.bad-number": "'{value}' is not a number. Write digits only, without spaces or currency (12500 or "
    "12500.50).",
    "problem.bad-number.whole": "'{value}' is not a whole number. Write digits only, without spaces or currency "
    "(12500).",
    "problem.unknown-value": "'{value}' is not a known {column}. Known values: {known}.",
    "problem.unknown-value.close": "'{value}' is not a known {column}. Did you mean '{close}'? Known values: {known}.",
    "problem.unknown-value.synonym": "'{value}' is not a known {column}; it is read as '{read_as}' (a word sources "
    "use for it). Write {read_as}.",
    "problem.unknown-role": "'{value}' is not a usual role here. Use coordinator, partner or associated.",
    "problem.bad-coordinate": "'{value}' is not a {column} in decimal degrees between {low} and {high}. Write it like "
    "59.2753 (or 59,2753), or leave the cell empty.",
    "problem.date-order": "{end} ({value}) is before {start} ({first}). Swap the two dates or correct one.",
    "problem.stale": "Last verified {value}, more than {years} years ago. Check the row and set verified to today's "
    "date.",
    "problem.duplicate-id": "The id '{value}' is already used in {first_file} row {first_row}; {file} row {row} uses "
    "it again. Ids must be unique across all files: give one of the two rows another id.",
    "problem.unknown-id.bad-row": "'{value}' is defined in {other_file} row {other_row}, which has errors. Fix that "
    "row first.",
    "problem.unknown-id.wrong-kind": "'{value}' is a {kind}, but this column takes only ids of kind "
    "{kinds}. Check that you have the right id.",
    "problem.unknown-id": "There is no entity with id '{value}'. Add it to its file first, or correct the id.",
    "problem.unknown-id.close": "There is no entity with id '{value}'. Did you mean '{close}'?",
    "problem.relation-not-allowed": "{value} cannot join these two kinds. It joins only {pairs}: check the direction "
    "(swap source and target) or the type.",
    "problem.self-relation": "source and target are the same entity. A relation joins two different entities.",
    "problem.duplicate-relation": "The same relation (source, relation, target, since) is written twice; only the "
    "first row is used. Delete this row or give it a different since date.",
    "problem.near-duplicate": "'{value}' looks like the same organisation as '{other}' (row {other_row}). If it is, "
    "merge the two rows (python -m network merge KEEP DROP, or the Matches page); if not, "
    "record that they are different there and this warning goes away.",
    "problem.unknown-list-value": "'{items}' is not a known value of {column}. Known values: {known}.",
    "problem.unknown-list-value.close": "'{items}' is not a known value of {column}. Did you mean '{close}'? Known "
    "values: {known}.",
    "problem.duplicate-group": "The group '{value}' is defined twice; only the first row is used. Delete this row or "
    "give it another id.",
    "problem.unknown-group": "'{value}' is not a country group. Add it to country_groups.csv or use one of: {known}. "
    "Until then the consortium check cannot tell which countries {column} allows.",
    "problem.unknown-group.close": "'{value}' is not a country group. Did you mean '{close}'? Add it to "
    "country_groups.csv or use one of: {known}. Until then the consortium check "
    "cannot tell which countries {column} allows.",
    "problem.unknown-home": "The home organisation is not an id in the directory; the tool cannot show how 'we' are "
    "connected. Set home to the id of your own organisation.",
    "problem.extra-cells": "This row has {cells} cells but the header has {width} columns; the extra cells were "
    "ignored. A value probably contains the delimiter: put it in double quotes or remove the "
    "stray delimiter.",
    "problem.unknown-file": "This file is not part of the directory format and was ignored. The files are: {files}.",
    "problem.unknown-file.close": "This file is not part of the directory format and was ignored. Did you mean "
    "{close}? The files are: {files}.",
    "problem.bad-config": 'The file is not valid TOML ({detail}). Write it as: name = "Our directory" and home = '
    '"our-organisation-id", one per line.',
    "problem.bad-config.type": "name and home must be text in double quotes.",
    "problem.outside-link": "This file is a link to a file outside the data folder, so it was not read (a link could "
    "show a system file to everyone). Put a copy of the file itself in the folder instead of "
    "the link.",
    # --- what deleting an entity also changes (network.editing.Effects) ------------------------------------------
    "effect.relation-deleted": "relation {source} {relation} {target} is deleted",
    "effect.reference-emptied": "{file}: {column} of {id} is emptied",
    # --- why an import leaves a source row out (network.importing) ----------------------------------------------
    "import.extra-cells": "the row has {cells} cells but the header has {width} columns (a value probably contains "
    "the delimiter)",
    "import.empty-row": "the row is empty",
    "import.no-organisation-name": "no organisation name (column {columns} is empty)",
    "import.no-organisation-name.constant": "no organisation name (the mapping gives a constant that is empty)",
    "import.not-a-country": "'{value}' in {columns} is not a country",
    "import.no-country": "no country (column {columns} is empty)",
    "import.no-country.constant": "no country (the mapping gives a constant that is empty)",
    "import.no-group": "no {kind} (column {columns} is empty)",
    "import.no-group.constant": "no {kind} (the mapping gives a constant that is empty)",
    "import.no-group-name": "no {kind} name (column {columns} is empty)",
    "import.no-group-name.constant": "no {kind} name (the mapping gives a constant that is empty)",
    "import.problem": "{detail}",
    # --- a mapping that does not fit the uploaded file (network.import_mapping) -------------------------------------
    "mapping.missing-column": "{mapping}: {key} names the column '{column}', which the source does not have. Its "
    "columns are: {header}.",
    "mapping.missing-column.close": "{mapping}: {key} names the column '{column}', which the source does not have. "
    "Did you mean '{close}'? Its columns are: {header}.",
    "mapping.missing-lookup-column": "{mapping}: {key} names the column '{column}', which the lookup file {file} "
    "does not have. Its columns are: {header}.",
    "mapping.missing-lookup-column.close": "{mapping}: {key} names the column '{column}', which the lookup file "
    "{file} does not have. Did you mean '{close}'? Its columns are: {header}.",
    # --- changes, for the change log and the save confirmation (network.editing, network.storage) -----------------
    # Ids only (the log never holds names); the dashboard shows the names of the ids it knows.
    "change.add": "Added {kind} {id}",
    "change.update": "Changed {kind} {id} ({fields})",
    "change.delete": "Deleted {kind} {id} and its relations",
    "change.rename": "Renamed id {id} to {new_id}",
    "change.add_relation": "Added relation {source} {relation} {target}",
    "change.update_relation": "Changed relation {source} {relation} {target} ({fields})",
    "change.delete_relation": "Deleted relation {source} {relation} {target}",
    "change.merge": "Merged {kind} {drop} into {id}",
    "change.more": "and {count} more edits",
    "change.consortium": "Saved consortium as project {id} ({count} partners, {programme})",
    "change.consortium.no-programme": "Saved consortium as project {id} ({count} partners, no programme)",
    "change.import": "Imported {source} with {mapping}",
    "change.match-different": "Decided {a} and {b} are different",
    "change.view-saved": "saved view '{view}'",
    "change.view-renamed": "renamed view '{view}'",
    "change.view-deleted": "deleted view '{view}'",
    "change.restore": "Restored the backup of {backup}",
    "change.recover": "An interrupted save was undone; the files are as before it.",
    "change.erase": "Erased a person (GDPR art. 17).",
    "change.erased": "A change concerning a person who was later erased.",
    "change.erase-history": "A person was erased from the data's history (log entries and backups).",
}


@dataclass(frozen=True)
class Message:
    """A code from :data:`ENGLISH` and its parameters (text): what the core says, before a language says it."""

    code: str
    params: tuple[tuple[str, str], ...] = ()

    @property
    def values(self) -> dict[str, str]:
        return dict(self.params)

    @property
    def text(self) -> str:
        """The English sentence (the CLI's text)."""
        return english(self.code, self.values)

    def __str__(self) -> str:
        return self.text


def message(code: str, **params: object) -> Message:
    """``message("problem.bad-date", value="2025-31-01")``; an unknown code fails at once (a test catches typos)."""
    if code not in ENGLISH:
        raise KeyError(f"no English template for the message code {code!r}: add it to network.messages.ENGLISH")
    return Message(code, tuple((name, str(value)) for name, value in params.items()))


def english(code: str, params: Mapping[str, str]) -> str:
    """The English template of ``code`` filled in with ``params``; the code itself when there is none."""
    template = ENGLISH.get(code)
    return template.format(**params) if template else code


def placeholders(template: str) -> set[str]:
    """The ``{names}`` a template uses (a translation must use the same ones)."""
    import string

    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def to_records(notes: Iterable[Message]) -> list[dict[str, object]]:
    """Messages as JSON-ready records (``{"code": ..., "params": {...}}``), for the change log and backups."""
    return [{"code": note.code, "params": dict(note.params)} for note in notes]


def from_records(records: object) -> list[Message]:
    """Messages back from :func:`to_records`; anything that is not such a record is skipped (an old or edited log)."""
    found: list[Message] = []
    for record in records if isinstance(records, list) else []:
        if isinstance(record, dict) and isinstance(record.get("code"), str) and isinstance(record.get("params"), dict):
            found.append(Message(record["code"], tuple((str(k), str(v)) for k, v in record["params"].items())))
    return found
