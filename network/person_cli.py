"""The command line for a person's data under the GDPR (listed in ``cli.EXTENSIONS``): admin tasks without the dashboard.

    python -m network person export ID [--format json|xlsx] [-o FILE]   # right of access (art. 15)
    python -m network person erase ID --yes [--who NAME]               # right to erasure (art. 17)

Both follow renames (an earlier id finds the person) and print what they found or removed, counted per place:
rows in the data, relations, backup files and manifests, change-log entries, cached copies. They never print the
person's contact details, except inside the export itself (written to FILE, or to stdout when there is no ``-o``;
the counts then go to stderr). ``person erase`` without ``--yes`` changes nothing: it prints what it would remove and
exits 2. Exit codes as everywhere: 0 ok, 1 the save was refused (someone saved meanwhile), 2 usage (unknown id).
"""

from __future__ import annotations

import argparse
import sys
from typing import TYPE_CHECKING

from .cli_support import EXIT_OK, EXIT_USAGE, Command, cli_actor, data_path, write_output
from .errors import UsageError

if TYPE_CHECKING:  # personal_data (the save path, erasure) is imported inside the commands that use it
    from . import personal_data

__all__ = ["COMMANDS", "add_parsers", "cmd_person", "erasure_lines"]


def _export(args: argparse.Namespace) -> int:
    output = args.output or "-"
    if args.format == "xlsx" and output == "-" and sys.stdout.isatty():
        raise UsageError("An Excel file cannot be shown in the terminal. Add -o FILE.xlsx to write it to a file.")
    from . import personal_data

    data = personal_data.person_data(data_path(args), args.id)
    payload = personal_data.person_json(data) if args.format == "json" else personal_data.person_xlsx(data)
    write_output(output, payload)
    found = (
        f"Found for {args.id}: {1 if data['person'] else 0} row in people.csv, {len(data['relations'])} "
        f"relation(s), {len(data['changes'])} change-log entr{'y' if len(data['changes']) == 1 else 'ies'}."
    )
    wrote = f"Wrote {output} ({args.format}, {len(payload):,} bytes); it holds personal data: keep it safe."
    print(found if output == "-" else f"{found}\n{wrote}", file=sys.stderr if output == "-" else sys.stdout)
    return EXIT_OK


def erasure_lines(person_id: str, result: personal_data.ErasureResult) -> list[str]:
    """What an erasure removed (or would remove), per place; ids and counts only."""
    verb = "Would remove" if result.dry_run else "Removed"
    lines = [
        f"{verb} for {person_id} (ids it ever had: {', '.join(result.ids)}):",
        f"  data rows:    {result.people_rows} in people.csv",
        f"  relations:    {result.relations}",
        f"  backups:      {result.backup_files} file(s), {result.manifests} manifest(s)",
        f"  log entries:  {result.log_entries}",
        f"  caches:       {result.caches}",
    ]
    if result.reused:
        lines.append(
            f"  kept:         the id(s) {', '.join(result.reused)}, which this person once had, now belong "
            "to someone else; that person's data was left alone."
        )
    if result.dry_run:
        lines += [
            "  (plus the backup and the log entry that the deletion itself makes, cleaned at once)",
            "Nothing was changed. Run again with --yes to erase.",
        ]
    else:
        lines.append("Done. The change log keeps one line saying that an erasure happened, by whom and when.")
    return lines


def _erase(args: argparse.Namespace) -> int:
    from . import personal_data

    path = data_path(args)
    result = personal_data.erase(path, args.id, None, actor=cli_actor(args), dry_run=not args.yes)
    print("\n".join(erasure_lines(args.id, result)))
    return EXIT_OK if args.yes else EXIT_USAGE


def cmd_person(args: argparse.Namespace) -> int:
    return {"export": _export, "erase": _erase}[args.person_command](args)


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("person", help="export everything about a person, or erase them (GDPR; admin tasks)")
    actions = p.add_subparsers(dest="person_command", required=True, metavar="ACTION")
    e = actions.add_parser("export", help="everything held about one person: row, relations, change-log entries")
    e.add_argument("id", help="the person's id (an earlier id works too)")
    e.add_argument("--format", choices=("json", "xlsx"), default="json", help="json (default) or xlsx")
    e.add_argument("-o", "--output", metavar="FILE", help="the file to write (default: stdout)")
    r = actions.add_parser("erase", help="erase one person from the data, every backup, the change log and the caches")
    r.add_argument("id", help="the person's id (an earlier id works too)")
    r.add_argument("--yes", action="store_true", help="really erase; without it, only print what would be removed")
    r.add_argument("--who", help="the name the change log records (default: $NETWORK_USER or your login name)")
    for action in (e, r):
        action.add_argument("--data", default=argparse.SUPPRESS, help="same as --data before COMMAND")


#: This module's commands by name (``cli.EXTENSIONS`` lists the module).
COMMANDS: dict[str, Command] = {"person": cmd_person}
