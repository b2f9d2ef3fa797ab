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

from .toml_syntax import WORDS as TOML_WORDS

__all__ = ["ENGLISH", "Message", "message", "english", "placeholders", "to_records", "from_records"]

_FIX_DATE = "Write it as YYYY-MM-DD (2024-03-31), YYYY-MM or YYYY."
_FIX_TOML = 'Check quotes and brackets on that line (text values go in double quotes: name = "Project Partner").'
_RAISE_LIMIT = "An administrator can raise the limit with the environment variable {variable}."
_CONFIG = 'Write it as: name = "Our directory" and home = "our-organisation-id", one per line.'
_DISK = "Check that the disk has space and the folder is writable, then save again."

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
    "problem.bad-config": "The file is not valid TOML ({detail}). " + _CONFIG,
    **{
        f"problem.bad-config.{code}": f"The file is not valid TOML ({words} (at line {{line}}, column {{column}})). "
        + _CONFIG
        for code, words in TOML_WORDS.items()
    },
    "problem.bad-config.type": "name and home must be text in double quotes.",
    "problem.outside-link": "This file is a link to a file outside the data folder, so it was not read (a link could "
    "show a system file to everyone). Put a copy of the file itself in the folder instead of "
    "the link.",
    # --- what deleting an entity also changes (network.editing.Effects) ------------------------------------------
    "effect.relation-deleted": "relation {source} {relation} {target} is deleted",
    "effect.reference-emptied": "{file}: {column} of {id} is emptied",
    # --- an edit that cannot be made (network.editing); nothing was changed ---------------------------------------
    "edit.no-entity": "There is no entity with id '{id}'. It may have been renamed or deleted by someone else: "
    "reload and look it up again.",
    "edit.no-relation": "The relation {source} {relation} {target} is not in relations.csv any more. Someone may have "
    "changed or deleted it: reload and look again.",
    "edit.unknown-column": "{file} has no column {unknown}. Columns: {columns}.",
    "edit.unknown-kind": "Unknown kind '{value}'. Kinds: {kinds}.",
    "edit.no-new-id": "Give the new id.",
    "edit.merge-same": "Give two different ids: the one to keep and the one to merge into it.",
    "edit.merge-kinds": "{id} is a {kind} and {drop} a {other_kind}: only rows of the same kind can be merged.",
    "edit.nothing": "There is no edit to make.",
    "edit.unknown-action": "Unknown edit '{action}'. Edits: {actions}.",
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
    # --- an import that cannot be planned (network.importing); nothing was written -------------------------------
    "import.bad-match-mode": "--match is one of {modes}, not '{mode}'.",
    "import.not-valid": "The import could not be made valid; nothing was written. Check the mapping's fields.",
    "import.rows-with-errors": "The import would add rows with errors: {reasons}",
    # --- notes of an import, and its report line by line (network.importing.ImportReport.lines) -------------------
    "import.note.blank-rows": "{count} empty rows were ignored",
    "import.note.lookup-missing": "lookup {name}: {file} was not found, so the fields that read it are empty",
    "report.head.dry-run": "Import of {source} with {mapping}. Dry run: nothing was written.",
    "report.head.written": "Import of {source} with {mapping}. Written (backup {backup}).",
    "report.head.nothing": "Import of {source} with {mapping}. Nothing to write: the directory already has it all.",
    "report.rows": "Rows read: {read}; imported: {imported}; skipped: {skipped}.",
    "report.organisations": "Organisations: {created} created, {matched} matched to existing ones; {merged} rows "
    "named an organisation already seen under another spelling.",
    "report.groups.project": "Projects: {created} created, {matched} matched. Programmes: {programmes_created} "
    "created, {programmes_matched} matched.",
    "report.groups.network": "Networks: {created} created, {matched} matched.",
    "report.relations": "Relations ({relation}): {created} created, {existing} already there; {merged} duplicate rows "
    "merged.",
    "report.existing.nothing": "Existing rows: the source has no value for their empty fields, and none that differs.",
    "report.existing.could-fill": "Existing rows: the source could fill {filled} empty fields, and {differing} filled "
    "fields differ from it. Nothing of that is changed; import with --update to fill them (and --overwrite to take "
    "the source's values).",
    "report.existing.filled.overwritten": "Existing rows: {filled} empty fields filled in {rows} rows; {differing} "
    "filled fields differ from the source, {overwritten} of them overwritten.",
    "report.existing.filled.kept": "Existing rows: {filled} empty fields filled in {rows} rows; {differing} filled "
    "fields differ from the source (kept: --overwrite takes the source's values, or edit them).",
    "report.difference": "  {file} row {row} ({id}), {column}: '{value}' in the directory, '{source}' in the source "
    "(row {source_row})",
    "report.update-refused": "Rows not used to update an existing row, because the result would have an error "
    "({count}; correct the value in the source or in the directory):",
    "report.row-reason": "  row {row}: {reason}",
    "report.more-differences": "  ... and {count} more (--format json lists {listed}).",
    "report.more": "  ... and {count} more (--format json lists them all).",
    "report.match.auto": "Matching: {count} organisations were taken as existing ones under another name (score 0.95 "
    "or more; see the reasons below).",
    "report.match.review": "Matching: {count} new organisations may be existing ones; they were added as new. Review "
    "them with `python -m network matches` (merge or 'not the same') or on the Matches page.",
    "report.match.taken": "  row {row}: '{name}' ({country}) taken as {candidate} '{candidate_name}' (score {score}: "
    "{reasons})",
    "report.match.may-be": "  row {row}: '{name}' ({country}) may be {candidate} '{candidate_name}' (score {score}: "
    "{reasons})",
    "report.lookup": "Lookup {name}: found for {hits} rows.",
    "report.unmapped": "Unknown values of {key}, read as other (the word is kept in source_type): {shown}. Map them "
    "in the mapping (type_map) or add them to network/vocabularies.py.",
    "report.unmapped.more": "Unknown values of {key}, read as other (the word is kept in source_type): {shown} and "
    "{count} more. Map them in the mapping (type_map) or add them to network/vocabularies.py.",
    "report.note": "Note: {note}.",
    "report.emptied": "Left empty: {count} values of {key} could not be read (rows {rows}).",
    "report.warnings": "Warnings in the new rows: {counts}.",
    "report.warning": "  {problem}",
    "report.skipped": "Skipped rows ({count}):",
    # --- a mapping that does not fit the uploaded file (network.import_mapping) -------------------------------------
    "mapping.missing-column": "{mapping}: {key} names the column '{column}', which the source does not have. Its "
    "columns are: {header}.",
    "mapping.missing-column.close": "{mapping}: {key} names the column '{column}', which the source does not have. "
    "Did you mean '{close}'? Its columns are: {header}.",
    "mapping.missing-lookup-column": "{mapping}: {key} names the column '{column}', which the lookup file {file} "
    "does not have. Its columns are: {header}.",
    "mapping.missing-lookup-column.close": "{mapping}: {key} names the column '{column}', which the lookup file "
    "{file} does not have. Did you mean '{close}'? Its columns are: {header}.",
    # --- a mapping file that cannot be used (network.import_mapping: MappingError) ------------------------------
    "mapping.missing-file": "The mapping file {path} does not exist. Give the path to a .toml mapping file (see "
    "mappings/ for examples).",
    "mapping.bad-toml": "{mapping} is not valid TOML: {detail}. " + _FIX_TOML,
    # tomllib's common syntax errors (network.toml_syntax.WORDS), with the line and column: its words in English
    **{
        f"mapping.bad-toml.{code}": f"{{mapping}} is not valid TOML: {words} (at line {{line}}, column {{column}}). "
        + _FIX_TOML
        for code, words in TOML_WORDS.items()
    },
    "mapping.unknown-key": "{mapping}: [{section}] has no key '{key}'. Keys there: {keys}.",
    "mapping.unknown-key.close": "{mapping}: [{section}] has no key '{key}'. Did you mean '{close}'? Keys there: "
    "{keys}.",
    "mapping.not-text": "{mapping}: {where} must be text in double quotes, not {found}.",
    "mapping.empty-column": "{mapping}: {where} is empty. Write the column's name, or remove the key.",
    "mapping.bad-column-list": '{mapping}: {where} must be a list of column names, like ["Programme", "Acronym"].',
    "mapping.bad-field": "{mapping}: {where} must be a column name, a list of columns or an inline table such as "
    '{{ value = "completed" }}.',
    "mapping.several-sources": "{mapping}: {where} has {found}; give only one of column, columns, template and value.",
    "mapping.no-source": "{mapping}: {where} needs one of column, columns, template or value.",
    "mapping.bad-columns": "{mapping}: {where}.columns must be a list of column names.",
    "mapping.bad-map": '{mapping}: {where} must be an inline table such as {{ Yes = "coordinator" }}.',
    "mapping.bad-pattern": "{mapping}: {where}.pattern is not a valid regular expression ({detail}).",
    "mapping.template-without-column": "{mapping}: {where}.template has no column in braces; write for example "
    '"pic-{{pic}}", or use value = "..." for a constant.',
    "mapping.not-a-section": "{mapping}: [{section}] must be a section (a line [{section}] followed by key = value "
    "lines).",
    "mapping.map-without-field": '{mapping}: [{section}] has {key} but no {field}. Add {field} = "a column" or '
    "remove {key}.",
    "mapping.bad-lookups": "{mapping}: lookups must be sections like [lookups.orgs] with file, key and on.",
    "mapping.bad-lookup-name": "{mapping}: [{where}]: a lookup's name is letters, digits and _ only.",
    "mapping.bad-lookup": "{mapping}: [{where}] must be a section with file, key and on.",
    "mapping.lookup-needs": '{mapping}: [{where}] needs {key} = "..." (file: the file to join, next to the '
    "source; key: its key column; on: the source column to look up).",
    "mapping.bad-optional": "{mapping}: {where}.optional must be true or false.",
    "mapping.unknown-section": "{mapping}: unknown section [{section}]. Sections: {sections}.",
    "mapping.unknown-section.close": "{mapping}: unknown section [{section}]. Did you mean [{close}]? Sections: "
    "{sections}.",
    "mapping.missing-section": "{mapping}: the section [{section}] is missing. A mapping needs [organisation], "
    "[group] and [relation]; see mappings/ for examples.",
    "mapping.bad-group-kind": '{mapping}: group.kind must be "project" or "network" (it is {found}).',
    "mapping.not-a-group-field": "{mapping}: group.{key} is not a field of a {kind}. Fields: {columns}.",
    "mapping.missing-organisation-name": "{mapping}: organisation.name is missing: name the column that holds the "
    "organisation's name.",
    "mapping.missing-organisation-country": "{mapping}: organisation.country is missing: name the column that holds "
    "the organisation's country.",
    "mapping.missing-group-name": "{mapping}: group.name is missing: name the column (or columns) that hold the "
    "{kind}'s name.",
    "mapping.bad-relation-type": "{mapping}: relation.type must be one of {types} (it is {found}).",
    "mapping.relation-not-allowed": "{mapping}: relation.type {type} cannot join an organisation to a {kind}. Use "
    "{types}.",
    "mapping.bad-source": "{mapping}: [source] must be a section with sheet, delimiter or encoding.",
    "mapping.bad-delimiter": '{mapping}: source.delimiter must be one character such as ";" or ",".',
    "mapping.bad-encoding": "{mapping}: source.encoding {found} is not an encoding Python knows (utf-8, cp1252, "
    "latin-1, ...).",
    "mapping.lookup-not-found": "{mapping}: lookups.{name}.file: {file} was not found next to the source file. Put "
    "it there, or set optional = true.",
    "mapping.pattern-timeout": "{mapping}: {where}.pattern '{pattern}' took longer than {seconds} s on row {row} "
    "(value '{value}', {chars} characters), so the import was stopped and nothing was written. The pattern "
    "backtracks too much: avoid a repetition inside a repetition such as (a+)+ or (a|aa)+, or anchor it to fewer "
    "characters.",
    # --- a file that cannot be read (network.reading, network.importing) -------------------------------------------
    "read.missing": "{path} does not exist. Give a folder of CSV files or an .xlsx workbook.",
    "read.not-a-folder": "{path} is not a folder or an .xlsx workbook. Give the folder that holds the CSV files.",
    "read.bad-limit-setting": "{variable}={value} is not a whole number above 0. Set it to a number such as "
    "{example}, or unset it.",
    "read.too-large.columns": "{source} is too large to read: its header has {width} columns (the limit is "
    "{limit}). Delete the empty columns at the right of the sheet, or split the file into several. " + _RAISE_LIMIT,
    "read.too-large.rows": "{source} is too large to read: it goes on to row {row} (the limit is {limit}). Delete "
    "the empty rows at the bottom, or split the file into several. " + _RAISE_LIMIT,
    "read.too-large.cells": "{source} is too large to read: it has more than {cells} cells (the limit is {limit}). "
    "Split the file into several, or delete columns you do not need. " + _RAISE_LIMIT,
    "read.too-large.value": "{source} is too large to read: row {row}, column {column} holds {chars} characters "
    "(the limit is {limit}). Shorten that value (keep long texts in a document and link to it). " + _RAISE_LIMIT,
    "read.too-large.csv-value": "{source} is too large to read: a value is longer than {chars} characters (the "
    "limit is {limit}). Shorten that value, or look for a stray double quote that starts a value and never ends "
    "it. " + _RAISE_LIMIT,
    "read.too-large.csv-value-row": "{source} is too large to read: row {row} holds a value longer than {chars} "
    "characters (the limit is {limit}). Shorten that value, or look for a stray double quote that starts a value "
    "and never ends it. " + _RAISE_LIMIT,
    "read.too-large.far-cell": "{source} is too large to read: cell {cell} holds a value, in column {number} (the "
    "limit is {limit}). Delete that cell (and any others far to the right), or split the sheet. " + _RAISE_LIMIT,
    "read.workbook-too-large": "{source} is too large to open: it would unpack to {size} MB (the limit is {limit} "
    "MB). Split it, or save its sheets as CSV files.",
    "read.damaged-sheet": "{source} could not be read: the sheet is damaged or holds XML that is not allowed (for "
    "example entity definitions) ({detail}). Open it in Excel and save it again as .xlsx, or save it as CSV.",
    "read.damaged-workbook": "{source} could not be opened as an Excel workbook ({detail}): it is damaged, or it "
    "holds XML that a workbook must not have (entity definitions). Open it in Excel and save it again as .xlsx, or "
    "save its sheets as CSV files.",
    "read.upload-missing": "{path} does not exist. Give the CSV or XLSX file to import.",
    "read.bad-gzip": "{name} is not a readable gzip file: it is damaged, or not compressed with gzip. Upload the file "
    "itself (without .gz), or compress it again.",
    "read.upload-too-large": "{name} is larger than {limit} MB; split it into smaller files.",
    "read.bad-encoding": "{name} is not {encoding}: line {line} holds the byte {byte}, which {encoding} does not "
    "have. Remove source.encoding from the mapping to let the importer detect it.",
    "read.no-sheet": "{name} has no sheet '{sheet}'. Its sheets: {sheets}. Use --sheet NAME.",
    # --- a save that was refused or failed (network.storage); nothing was lost ------------------------------------
    "save.workbook": "{name} is an Excel workbook, which the tool does not overwrite (its formatting and other sheets "
    "would be lost). Convert it once to a folder of CSV files with 'python -m network convert {path} FOLDER' and use "
    "that folder (set NETWORK_DATA or --data to it).",
    "save.not-a-folder": "{path} is not a folder. Give the folder that holds the directory's CSV files.",
    "save.kept-changing": "The files in {path} kept changing while they were read. Wait a moment and try again.",
    "save.no-history-folder": "The folder {folder} could not be created ({detail}). The data folder must be "
    "writable to save: check its permissions.",
    "save.lock-busy": "Another save has held the lock for more than {seconds} seconds. Nothing was written; try again "
    "in a moment. If no one is saving, delete .history/write.lock.",
    "save.lock-failed": "The lock file {file} could not be taken ({detail}). The data folder must be writable to "
    "save: check its permissions.",
    "save.recover-failed": "An interrupted save could not be undone automatically ({detail}). The files before it are "
    "in {folder}; restore the newest backup.",
    "save.newer-on-disk": "Someone else saved these files after you opened them (or a file was changed in Excel). "
    "Your change was not saved, so nothing of theirs was overwritten. Your change is kept: reload, check it against "
    "their version and save it again.",
    "save.changed-outside": "{name} was changed by another program (Excel?) while your change was being saved. Your "
    "change was not saved, and the other program's version of {name} is kept as it is; the files as they were before "
    "are in the newest backup. Your change is kept: reload, check it against the new version and save it again.",
    "save.changed-outside.unnamed": "A file was changed by another program (Excel?) while your change was being "
    "saved. Your change was not saved, and the other program's version is kept as it is; the files as they were "
    "before are in the newest backup. Your change is kept: reload, check it against the new version and save it "
    "again.",
    "save.unknown-action": "Unknown save action '{action}'. Use one of: {actions}.",
    "save.not-a-table": "'{name}' is not a table of the format ({files}).",
    "save.backup-failed": "The backup of the current files could not be made ({detail}), so nothing was written. "
    + _DISK,
    "save.write-failed": "The files could not be written ({detail}). Nothing was changed: the previous version is "
    "still in place. " + _DISK,
    "save.no-backup": "There is no backup '{backup}'. Choose one from the list of backups.",
    "save.convert-not-empty": "{folder} already holds directory files. Choose an empty or new folder.",
    "save.convert-no-sheets": "{name} has no sheets named like the directory's files ({sheets}).",
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
