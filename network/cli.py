"""The command line: ``python -m network COMMAND``. Exit codes: 0 ok, 1 data errors, 2 usage errors.

Each command is a small function that calls the library and prints; errors are translated to messages and exit
codes once, in ``main``. The data path comes from PATH, else ``--data``, else ``$NETWORK_DATA``, else ``data/``.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path
from typing import Callable, Sequence

from . import schema
from .directory import Directory, load_directory
from .errors import DataSourceError, NetworkError, NotFoundError, UsageError
from .queries import describe_path, neighbours, relation_label, shortest_paths, stats
from .search import search

__all__ = ["main", "build_parser", "EXIT_OK", "EXIT_DATA", "EXIT_USAGE"]

EXIT_OK, EXIT_DATA, EXIT_USAGE = 0, 1, 2
#: People's columns that are personal contact data: shown only with --include-contact-details.
CONTACT_COLUMNS = ("email", "phone", "notes")

Command = Callable[[argparse.Namespace], int]
_COMMANDS: dict[str, Command] = {}


def command(name: str) -> Callable[[Command], Command]:
    """Register a command function under ``name``."""
    def register(func: Command) -> Command:
        _COMMANDS[name] = func
        return func
    return register


def _emit(args: argparse.Namespace, payload: object, text: str) -> None:
    if getattr(args, "format", "text") == "json":
        print(json.dumps(payload, ensure_ascii=False, indent=2, default=str))
    else:
        print(text)


def data_path(args: argparse.Namespace) -> Path:
    chosen = getattr(args, "path", None) or args.data or os.environ.get("NETWORK_DATA") or "data"
    return Path(chosen)


def _progress_bar() -> Callable[[str, float], None] | None:
    """A one-line progress bar on stderr, only when a person is watching (stderr is a terminal)."""
    if not sys.stderr.isatty():
        return None

    def draw(step: str, done: float) -> None:
        filled = int(done * 30)
        sys.stderr.write(f"\r{step:<10} [{'#' * filled}{'.' * (30 - filled)}] {done:4.0%}")
        if done >= 1.0:
            sys.stderr.write("\r" + " " * 60 + "\r")
        sys.stderr.flush()
    return draw


def open_directory(args: argparse.Namespace) -> Directory:
    directory = load_directory(data_path(args), progress=_progress_bar())
    errors = len(directory.report.errors)
    if errors and args.command != "validate":
        print(f"note: the data has {errors} error(s); rows with errors are left out. "
              f"Run 'python -m network validate' to list them.", file=sys.stderr)
    return directory


@command("validate")
def cmd_validate(args: argparse.Namespace) -> int:
    directory = open_directory(args)
    report = directory.report
    problems = report.sorted()
    if args.format == "json":
        _emit(args, {"path": str(data_path(args)), "errors": len(report.errors), "warnings": len(report.warnings),
                     "problems": [p.to_dict() for p in problems]}, "")
    else:
        for problem in problems:
            print(problem)
        counts = ", ".join(f"{len(directory.tables[t.kind])} {t.sheet}" for t in schema.ENTITY_TABLES)
        print(f"{report.summary()} Loaded {counts}, {directory.graph.number_of_edges()} relations.")
    return EXIT_DATA if report.errors else EXIT_OK


@command("stats")
def cmd_stats(args: argparse.Namespace) -> int:
    numbers = stats(open_directory(args))
    lines = [f"{numbers['name']}: {numbers['entities']} entities, {numbers['relations']} relations"]
    lines += [f"  {kind}: {count}" for kind, count in numbers["by_kind"].items()]
    lines.append("Relations:")
    lines += [f"  {rel}: {count}" for rel, count in numbers["by_relation"].items()]
    lines.append("Organisations by country:")
    lines += [f"  {code}: {count}" for code, count in numbers["by_country"].items()]
    lines.append(f"Problems: {numbers['errors']} errors, {numbers['warnings']} warnings")
    _emit(args, numbers, "\n".join(lines))
    return EXIT_OK


@command("search")
def cmd_search(args: argparse.Namespace) -> int:
    kinds = _kinds_option(args.kind)
    hits = search(open_directory(args), args.text, kinds=kinds, limit=args.limit)
    text = "\n".join(f"{h.id}\t{h.kind}\t{h.name}\t{h.score:g}" for h in hits) or f"No match for '{args.text}'."
    _emit(args, [h.__dict__ for h in hits], text)
    return EXIT_OK


def _kinds_option(kinds: list[str] | None) -> list[str] | None:
    for kind in kinds or []:
        if kind not in schema.KINDS:
            raise UsageError(f"Unknown kind '{kind}'. Kinds: {', '.join(schema.KINDS)}.")
    return kinds


@command("show")
def cmd_show(args: argparse.Namespace) -> int:
    directory = open_directory(args)
    record = directory.record(args.id)
    if record["kind"] == "person" and not args.include_contact_details:
        record = {k: v for k, v in record.items() if k not in CONTACT_COLUMNS}
    links = neighbours(directory, args.id)
    payload = {"record": record, "relations": [
        {"relation": n.relation, "direction": "out" if n.outgoing else "in", "id": n.id,
         "name": directory.name_of(n.id), **{k: v for k, v in n.attrs.items() if k in ("role", "since", "until")}}
        for n in links]}
    lines = [f"{record['name']} ({record['kind']}, {directory.sources.get(record['kind'], '')} row {record['row']})"]
    lines += [f"  {key}: {value}" for key, value in record.items() if value and key not in ("name", "kind", "row")]
    lines.append(f"Relations ({len(links)}):")
    for n in links:
        arrow = "→" if n.outgoing else "←"
        lines.append(f"  {arrow} {relation_label(n.relation)} {directory.name_of(n.id)} [{n.id}]")
    _emit(args, payload, "\n".join(lines))
    return EXIT_OK


@command("path")
def cmd_path(args: argparse.Namespace) -> int:
    directory = open_directory(args)
    paths = shortest_paths(directory, args.source, args.target, k=args.k)
    payload = [{"length": len(p), "sentence": describe_path(directory, p),
                "steps": [s.__dict__ for s in p.steps]} for p in paths]
    if paths:
        text = "\n".join(f"{i}. {describe_path(directory, p)}" for i, p in enumerate(paths, start=1))
    else:
        text = f"No connection between {args.source} and {args.target}."
    _emit(args, payload, text)
    return EXIT_OK


@command("schema")
def cmd_schema(args: argparse.Namespace) -> int:
    from .docs import format_markdown  # the format's documentation, generated from schema.py

    print(format_markdown())
    return EXIT_OK


def _add_format(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--format", choices=("text", "json"), default="text", help="output format (default: text)")


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="python -m network", description="Partner-network directory tools.")
    parser.add_argument("--data", help="directory folder or .xlsx workbook (default: $NETWORK_DATA or data/)")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    p = sub.add_parser("validate", help="check the data and list every problem")
    p.add_argument("path", nargs="?", help="folder or .xlsx (default: --data)")
    _add_format(p)
    p = sub.add_parser("stats", help="counts by kind, relation and country")
    _add_format(p)
    p = sub.add_parser("search", help="find entities by name (ignores accents, tolerates typos)")
    p.add_argument("text")
    p.add_argument("--kind", action="append", help="only this kind (repeatable)")
    p.add_argument("--limit", type=int, default=10, help="how many results (default 10)")
    _add_format(p)
    p = sub.add_parser("show", help="one entity's row and relations")
    p.add_argument("id")
    p.add_argument("--include-contact-details", action="store_true", help="show people's e-mail, phone and notes")
    _add_format(p)
    p = sub.add_parser("path", help="how two entities are connected: the k shortest paths")
    p.add_argument("source")
    p.add_argument("target")
    p.add_argument("--k", type=int, default=3, help="how many paths (default 3)")
    _add_format(p)
    sub.add_parser("schema", help="print the data format as Markdown (docs/data-format.md)")
    for extend in _EXTENSIONS:
        extend(sub)
    return parser


#: Functions that add more sub-commands (partners, export, import); each registers its commands with @command.
_EXTENSIONS: list[Callable[[argparse._SubParsersAction], None]] = []


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return _COMMANDS[args.command](args)
    except NotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except (UsageError, DataSourceError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_USAGE
    except NetworkError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_DATA
