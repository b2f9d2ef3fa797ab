"""The command line: ``python -m network COMMAND``. Exit codes: 0 ok, 1 data errors, 2 usage errors.

Each command is a small function that calls the library and prints; errors are translated to messages and exit
codes once, in ``main``. The data path comes from PATH, else ``--data``, else ``$NETWORK_DATA``, else ``data/``.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path
from typing import Callable, Sequence

from . import insights_cli, matching_cli, partners_cli, person_cli, schema
from .cli_support import (
    EXIT_DATA,
    EXIT_OK,
    EXIT_USAGE,
    Command,
    add_format,
    cli_actor,
    data_path,
    emit,
    open_directory,
    progress_bar,
    write_output,
)
from .countries import normalise_code
from .errors import DataSourceError, NetworkError, NotFoundError, UsageError

__all__ = ["main", "build_parser", "commands", "command", "EXTENSIONS", "EXIT_OK", "EXIT_DATA", "EXIT_USAGE"]

#: The modules that add sub-commands, in the order of ``--help``: each has ``add_parsers(sub)`` and ``COMMANDS``
#: (name → function). A new command module is added here; nothing registers itself by being imported.
EXTENSIONS = (partners_cli, person_cli, matching_cli, insights_cli)

#: People's columns that are personal contact data (``schema.Column.contact``): shown only with
#: --include-contact-details. An organisation's functional e-mail is not personal data and is shown.
CONTACT_COLUMNS = schema.PEOPLE.contact_columns

_COMMANDS: dict[str, Command] = {}


def command(name: str) -> Callable[[Command], Command]:
    """Register a command function under ``name``."""

    def register(func: Command) -> Command:
        _COMMANDS[name] = func
        return func

    return register


@command("validate")
def cmd_validate(args: argparse.Namespace) -> int:
    directory = open_directory(args)
    report = directory.report
    problems = report.sorted()
    if args.format == "json":
        emit(
            args,
            {
                "path": str(data_path(args)),
                "errors": len(report.errors),
                "warnings": len(report.warnings),
                "problems": [p.to_dict() for p in problems],
                "dropped": [d.to_dict() for d in report.dropped or ()],
            },
            "",
        )
    else:
        for problem in problems:
            print(problem)
        counts = ", ".join(f"{len(directory.tables[t.kind])} {t.sheet}" for t in schema.ENTITY_TABLES)
        print(f"{report.summary()} Loaded {counts}, {directory.graph.number_of_edges()} relations.")
        for dropped in report.dropped.roots() if report.dropped else ():  # after the problems: parsers stop there
            print(f"Left out: {dropped.message}")
    return EXIT_DATA if report.errors else EXIT_OK


@command("stats")
def cmd_stats(args: argparse.Namespace) -> int:
    from .queries import stats  # here, as in every command: queries and search import networkx

    numbers = stats(open_directory(args))
    lines = [f"{numbers['name']}: {numbers['entities']} entities, {numbers['relations']} relations"]
    lines += [f"  {kind}: {count}" for kind, count in numbers["by_kind"].items()]
    lines.append("Relations:")
    lines += [f"  {rel}: {count}" for rel, count in numbers["by_relation"].items()]
    lines.append("Organisations by country:")
    lines += [f"  {code}: {count}" for code, count in numbers["by_country"].items()]
    lines.append(f"Problems: {numbers['errors']} errors, {numbers['warnings']} warnings")
    emit(args, numbers, "\n".join(lines))
    return EXIT_OK


@command("search")
def cmd_search(args: argparse.Namespace) -> int:
    from .search import search

    kinds = _kinds_option(args.kind)
    hits = search(open_directory(args), args.text, kinds=kinds, limit=args.limit)
    text = "\n".join(f"{h.id}\t{h.kind}\t{h.name}\t{h.score:g}" for h in hits) or f"No match for '{args.text}'."
    emit(args, [h.__dict__ for h in hits], text)
    return EXIT_OK


def _kinds_option(kinds: list[str] | None) -> list[str] | None:
    for kind in kinds or []:
        if kind not in schema.KINDS:
            raise UsageError(f"Unknown kind '{kind}'. Kinds: {', '.join(schema.KINDS)}.")
    return kinds


@command("show")
def cmd_show(args: argparse.Namespace) -> int:
    from .queries import neighbours, relation_label

    directory = open_directory(args)
    record = directory.record(args.id)
    if record["kind"] == "person" and not args.include_contact_details:
        record = {k: v for k, v in record.items() if k not in CONTACT_COLUMNS}
    links = neighbours(directory, args.id)
    payload = {
        "record": record,
        "relations": [
            {
                "relation": n.relation,
                "direction": "out" if n.outgoing else "in",
                "id": n.id,
                "name": directory.name_of(n.id),
                **{k: v for k, v in n.attrs.items() if k in ("role", "since", "until")},
            }
            for n in links
        ],
    }
    lines = [f"{record['name']} ({record['kind']}, {directory.sources.get(record['kind'], '')} row {record['row']})"]
    lines += [f"  {key}: {value}" for key, value in record.items() if value and key not in ("name", "kind", "row")]
    lines.append(f"Relations ({len(links)}):")
    for n in links:
        arrow = "→" if n.outgoing else "←"
        lines.append(f"  {arrow} {relation_label(n.relation)} {directory.name_of(n.id)} [{n.id}]")
    emit(args, payload, "\n".join(lines))
    return EXIT_OK


@command("path")
def cmd_path(args: argparse.Namespace) -> int:
    from .queries import describe_path, shortest_paths

    directory = open_directory(args)
    paths = shortest_paths(directory, args.source, args.target, k=args.k)
    payload = [
        {"length": len(p), "sentence": describe_path(directory, p), "steps": [s.__dict__ for s in p.steps]}
        for p in paths
    ]
    if paths:
        text = "\n".join(f"{i}. {describe_path(directory, p)}" for i, p in enumerate(paths, start=1))
    else:
        text = f"No connection between {args.source} and {args.target}."
    emit(args, payload, text)
    return EXIT_OK


@command("schema")
def cmd_schema(args: argparse.Namespace) -> int:
    from .docs import format_markdown  # the format's documentation, generated from schema.py

    print(format_markdown(), end="")  # it ends with a newline already; the file must equal this output
    return EXIT_OK


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m network", description="Partner-network directory tools.")
    parser.add_argument("--data", help="directory folder or .xlsx workbook (default: $NETWORK_DATA or data/)")
    parser.add_argument(
        "--no-cache",
        action="store_true",
        help="load from the files without the warm-start cache ($NETWORK_CACHE_DIR, else "
        "~/.cache/network), and do not write it",
    )
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("validate", help="check the data and list every problem")
    p.add_argument("path", nargs="?", help="folder or .xlsx (default: --data)")
    add_format(p)
    p = sub.add_parser("stats", help="counts by kind, relation and country")
    add_format(p)
    p = sub.add_parser("search", help="find entities by name (ignores accents, tolerates typos)")
    p.add_argument("text")
    p.add_argument("--kind", action="append", help="only this kind (repeatable)")
    p.add_argument("--limit", type=int, default=10, help="how many results (default 10)")
    add_format(p)
    p = sub.add_parser("show", help="one entity's row and relations")
    p.add_argument("id")
    p.add_argument("--include-contact-details", action="store_true", help="show people's e-mail, phone and notes")
    add_format(p)
    p = sub.add_parser("path", help="how two entities are connected: the k shortest paths")
    p.add_argument("source")
    p.add_argument("target")
    p.add_argument("--k", type=int, default=3, help="how many paths (default 3)")
    add_format(p)
    sub.add_parser("schema", help="print the data format as Markdown (docs/data-format.md)")
    _add_export_parser(sub)
    _add_import_parsers(sub)
    for module in EXTENSIONS:
        module.add_parsers(sub)
    for name, command_parser in sub.choices.items():  # `stats --data X` works as well as `--data X stats`
        if name != "schema" and "--data" not in command_parser._option_string_actions:
            command_parser.add_argument("--data", default=argparse.SUPPRESS, help="same as --data before COMMAND")
        if name != "schema" and "--no-cache" not in command_parser._option_string_actions:
            command_parser.add_argument(
                "--no-cache", action="store_true", default=argparse.SUPPRESS, help="same as --no-cache before COMMAND"
            )
    return parser


def commands() -> dict[str, Command]:
    """Every command by name: this module's (``@command``) and those of the ``EXTENSIONS`` modules."""
    found = dict(_COMMANDS)
    for module in EXTENSIONS:
        found.update(module.COMMANDS)
    return found


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return commands()[args.command](args)
    except NotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (UsageError, DataSourceError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except NetworkError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_DATA
    except BrokenPipeError:  # `python -m network ... | head` closed the pipe: not an error
        sys.stderr.close()
        return EXIT_OK


# --- export (pictures and data files; see network/export.py) ----------------------------------------------------


def _list_option(values: list[str] | None) -> frozenset[str] | None:
    """``--kinds organisation network`` or ``--kinds organisation,network`` (repeatable) as a set; None if absent."""
    if not values:
        return None
    return frozenset(v.strip() for value in values for v in value.split(",") if v.strip())


def _export_filter(args: argparse.Namespace):
    from .queries import ViewFilter

    kinds = _list_option(args.kinds)
    _kinds_option(sorted(kinds or ()))
    relations = _list_option(args.relations)
    unknown = sorted((relations or frozenset()) - set(schema.RELATION_TYPES))
    if unknown:
        raise UsageError(f"Unknown relation type '{unknown[0]}'. Types: {', '.join(schema.RELATION_TYPES)}.")
    countries = _list_option(args.countries)
    return ViewFilter(
        kinds=kinds,
        relations=relations,
        themes=_list_option(args.themes),
        countries=frozenset(normalise_code(c) for c in countries) if countries else None,
    )


def _export_format(args: argparse.Namespace) -> str:
    from .export_formats import FORMATS

    fmt = (args.format or Path(args.output).suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        what = (
            f"Unknown export format '{args.format}'."
            if args.format
            else f"The format cannot be told from the file name {Path(args.output).name}."
        )
        raise UsageError(f"{what} Use --format with one of: {', '.join(FORMATS)}.")
    return fmt


@command("export")
def cmd_export(args: argparse.Namespace) -> int:
    from .export import ExportRequest, export

    fmt = _export_format(args)
    request = ExportRequest(
        fmt,
        focus=args.focus,
        radius=args.radius,
        flt=_export_filter(args),
        hide_people=args.hide_people,
        include_contact_details=args.include_contact_details,
        width_px=args.width,
        height_px=args.height,
        dpi=args.dpi,
        table=args.table,
        delimiter=args.delimiter,
        title=args.title or "",
        max_nodes=args.max_nodes if args.max_nodes > 0 else None,
    )
    directory = open_directory(args)
    if args.focus is not None:
        directory.kind_of(args.focus)  # an unknown id: a clear error with suggestions, before any work
    data = export(directory, request, progress=progress_bar())
    write_output(args.output, data)
    if args.output != "-":
        print(f"Wrote {args.output} ({fmt}, {len(data):,} bytes).")
    return EXIT_OK


def _add_export_parser(sub: argparse._SubParsersAction) -> None:
    from .export_formats import FORMATS, TABLE_CHOICES

    p = sub.add_parser(
        "export",
        help="write a picture (png, svg, pdf) or data file (html, graphml, gexf, xlsx, "
        "csv, geojson for the map) of a view or the whole directory",
    )
    p.add_argument("--focus", metavar="ID", help="the entity in the middle of the view (default: the whole directory)")
    p.add_argument("--radius", type=int, default=1, help="steps from the focus (default 1)")
    p.add_argument("--kinds", nargs="+", metavar="KIND", help=f"only these kinds ({', '.join(schema.KINDS)})")
    p.add_argument("--relations", nargs="+", metavar="TYPE", help="only these relation types")
    p.add_argument("--countries", nargs="+", metavar="CODE", help="only these countries (ISO codes: SE DE)")
    p.add_argument("--themes", nargs="+", metavar="THEME", help="only entities with one of these themes")
    p.add_argument(
        "--include-contact-details",
        action="store_true",
        help="include people's e-mail, phone and notes and organisations' e-mail (personal data: left out by default)",
    )
    p.add_argument("--hide-people", action="store_true", help="leave people out of the view")
    p.add_argument("--format", help=f"one of {', '.join(FORMATS)} (default: from the file name)")
    p.add_argument("-o", "--output", required=True, metavar="FILE", help="the file to write ('-' for stdout)")
    p.add_argument("--width", type=int, default=2400, metavar="PX", help="picture width in pixels (default 2400)")
    p.add_argument("--height", type=int, metavar="PX", help="picture height in pixels (default: 3/4 of the width)")
    p.add_argument("--dpi", type=int, default=300, help="dots per inch; 300 or more for print (default 300)")
    p.add_argument(
        "--table",
        choices=TABLE_CHOICES,
        default="entities",
        help="for csv: every entity of the view in one table (default) or one file of the format",
    )
    p.add_argument(
        "--delimiter",
        choices=(",", ";"),
        default=",",
        help="for csv: the separator (';' for Excel with Swedish settings; default ',')",
    )
    p.add_argument(
        "--max-nodes",
        type=int,
        default=2000,
        metavar="N",
        help="pictures and html: draw at most N entities, the best connected (default 2000; 0 = all)",
    )
    p.add_argument("--title", help="the picture's title (default: the focus and radius, or the directory's name)")


# --- import and convert (other people's lists; workbooks to folders; see network/importing.py) ------------------


@command("import")
def cmd_import(args: argparse.Namespace) -> int:
    from .cache import check_cache_dir, default_cache_dir
    from .importing import run_import

    # Matching keeps the forms of the names in the warm-start cache between imports (unless --no-cache; a refused
    # folder is logged by the cache module and the import goes on without it).
    cache_dir = None if getattr(args, "no_cache", False) else default_cache_dir()
    if cache_dir is not None and check_cache_dir(cache_dir) is not None:
        cache_dir = None
    data = data_path(args)
    if not args.dry_run and not data.exists() and data.parent.is_dir():
        data.mkdir()  # importing into a new directory
    report = run_import(
        data,
        args.source,
        args.mapping,
        sheet=args.sheet or "",
        dry_run=args.dry_run,
        actor=cli_actor(args),
        progress=progress_bar(),
        update=args.update or args.overwrite,
        overwrite=args.overwrite,
        match=args.match,
        cache_dir=cache_dir,
    )
    emit(args, report.to_dict(), report.text())
    return EXIT_OK


@command("convert")
def cmd_convert(args: argparse.Namespace) -> int:
    from .storage import convert_workbook

    written = convert_workbook(args.workbook, args.folder)
    emit(
        args,
        {"folder": args.folder, "files": written},
        f"Wrote {', '.join(written)} to {args.folder}. Use that folder from now on (--data or NETWORK_DATA).",
    )
    return EXIT_OK


def _add_import_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("import", help="import a foreign list (CSV, CSV.gz or an XLSX sheet) with a mapping file")
    p.add_argument("source", help="the file to import: .csv (any encoding and delimiter), .csv.gz or .xlsx")
    p.add_argument(
        "--mapping",
        required=True,
        metavar="MAPPING.toml",
        help="which columns fill which fields (see mappings/ and docs/editing.md)",
    )
    p.add_argument("--sheet", help="the sheet to read from an .xlsx (default: the mapping's, else the first)")
    p.add_argument(
        "--data",
        default=argparse.SUPPRESS,
        help="the directory folder to import into (default: $NETWORK_DATA or data/)",
    )
    p.add_argument("--dry-run", action="store_true", help="only report what would change; write nothing")
    p.add_argument(
        "--update",
        action="store_true",
        help="also fill empty fields of rows that already exist (and "
        "names such as 'PIC 999999999'); filled fields that differ are only reported",
    )
    p.add_argument(
        "--overwrite",
        action="store_true",
        help="with --update: also replace filled fields where the source says something else (implies --update)",
    )
    p.add_argument(
        "--match",
        choices=("auto", "review", "off"),
        default="auto",
        help="organisations with no exact match (same id, or same name and country): 'auto' takes one as "
        "an existing organisation when matching is sure (score 0.95 or more, docs/matching.md) and lists "
        "weaker candidates; 'review' only lists them; 'off' compares exact names only (default: auto)",
    )
    p.add_argument("--who", help="the name the change log records (default: $NETWORK_USER or your login name)")
    add_format(p)
    p = sub.add_parser("convert", help="write an .xlsx directory's sheets as CSV files into a folder (to edit it)")
    p.add_argument("workbook", help="the .xlsx directory")
    p.add_argument("folder", help="a new or empty folder for the CSV files")
    add_format(p)
