"""The command line for matching (listed in ``cli.EXTENSIONS``).

    python -m network matches [--kind organisation|network|project] [--min-score 0.6] [--limit 50] [--format json]
    python -m network merge KEEP DROP [--dry-run] [--who NAME]
    python -m network not-same A B [--who NAME]

``matches`` lists candidate pairs, best first (JSON: a list of objects with ``a``, ``b``, ``score``, ``reasons``
and the two names). ``merge`` merges DROP into KEEP through the safe save path (one backup, one change-log entry);
``not-same`` records that two rows are different so the pair is never suggested again. Both write matches.csv.
"""

from __future__ import annotations

import argparse

from . import schema
from .cli_support import EXIT_DATA, EXIT_OK, Command, add_format, cli_actor, data_path, emit
from .errors import UsageError

# The matcher and storage (the whole save path) are imported inside the commands, not here: every
# ``python -m network`` command registers these parsers, and only matches/merge/not-same need them.

__all__ = ["COMMANDS", "add_parsers", "cmd_matches", "cmd_merge", "cmd_not_same"]


def _score(value: str) -> float:
    try:
        score = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"'{value}' is not a number: write a score from 0 to 1, such as 0.8") from None
    if not 0 <= score <= 1:
        raise argparse.ArgumentTypeError(f"{value} is outside 0..1: write a score from 0 to 1, such as 0.8")
    return score


def cmd_matches(args: argparse.Namespace) -> int:
    from . import storage
    from .matching import SUGGEST_THRESHOLD, Matcher

    min_score = SUGGEST_THRESHOLD if args.min_score is None else args.min_score
    snapshot = storage.load(data_path(args))
    pairs = Matcher(snapshot.tables, args.kind).pairs(min_score=min_score)
    shown = pairs[: args.limit] if args.limit else pairs
    payload = [
        {
            "a": c.a,
            "b": c.b,
            "score": c.score,
            "reasons": [r.to_dict() for r in c.reasons],
            "name_a": c.name_a,
            "name_b": c.name_b,
            "auto": c.auto,
        }
        for c in shown
    ]
    if not pairs:
        text = (
            f"No {args.kind} pairs score {min_score} or more: nothing looks like a duplicate. "
            "Lower --min-score to see weaker candidates."
        )
    else:
        lines = [
            f"{len(pairs)} candidate pair(s), best first"
            + (f" (showing {len(shown)}; --limit 0 shows all)" if len(shown) < len(pairs) else "")
            + ":"
        ]
        for c in shown:
            lines.append(f"{c.score:.2f}{' auto' if c.auto else '     '}  {c.a} '{c.name_a}'  ~  {c.b} '{c.name_b}'")
            lines.append("        " + "; ".join(r.text for r in c.reasons))
        lines.append(
            "Merge a pair with: python -m network merge KEEP DROP (add --dry-run to see what changes); "
            "record a pair that is not the same with: python -m network not-same A B"
        )
        text = "\n".join(lines)
    emit(args, payload, text)
    return EXIT_OK


def cmd_merge(args: argparse.Namespace) -> int:
    from .matching import merge

    result, saved = merge(data_path(args), args.keep, args.drop, actor=cli_actor(args), dry_run=args.dry_run)
    payload = {
        "ok": result.ok,
        "dry_run": args.dry_run,
        "summary": result.summary,
        "effects": result.effects,
        "errors": [p.to_dict() for p in result.errors],
        "backup": saved.backup if saved else "",
    }
    if not result.ok:
        lines = [f"The merge of {args.drop} into {args.keep} was refused; nothing was written:"]
        lines += [f"  {p.file} row {p.row}, {p.column}: {p.message}" for p in result.errors]
        emit(args, payload, "\n".join(lines))
        return EXIT_DATA
    head = (
        f"Dry run: merging {args.drop} into {args.keep} would change:"
        if args.dry_run
        else f"Merged {args.drop} into {args.keep} (backup {saved.backup if saved else '-'}):"
    )
    emit(args, payload, "\n".join([head, *[f"  {line}" for line in result.effects]]))
    return EXIT_OK


def cmd_not_same(args: argparse.Namespace) -> int:
    if args.a.strip().lower() == args.b.strip().lower():
        raise UsageError("Give two different ids.")
    from .matching import decide

    saved = decide(data_path(args), args.a, args.b, "different", actor=cli_actor(args), note=args.note or "")
    emit(
        args,
        {"a": args.a, "b": args.b, "decision": "different", "backup": saved.backup},
        f"Recorded that {args.a} and {args.b} are different; the pair will not be suggested again.",
    )
    return EXIT_OK


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("matches", help="list pairs of rows that may be the same organisation (or network, project)")
    p.add_argument(
        "--kind", choices=schema.MATCH_KINDS, default="organisation", help="what to compare (default: organisation)"
    )
    p.add_argument(
        "--min-score",
        type=_score,
        default=None,
        help="show pairs scoring at least this, 0 to 1 (default: the score from which matching suggests a pair "
        "for review, matching.SUGGEST_THRESHOLD)",
    )
    p.add_argument("--limit", type=int, default=0, help="show at most this many pairs (default: all)")
    add_format(p)
    p = sub.add_parser(
        "merge", help="merge DROP into KEEP: relations re-pointed, empty fields filled, DROP's name kept as an alias"
    )
    p.add_argument("keep", metavar="KEEP", help="the id of the row to keep")
    p.add_argument("drop", metavar="DROP", help="the id of the row merged into KEEP (it is removed)")
    p.add_argument("--dry-run", action="store_true", help="only show what would change; write nothing")
    p.add_argument("--who", help="the name the change log records (default: $NETWORK_USER or your login name)")
    add_format(p)
    p = sub.add_parser("not-same", help="record that two rows are different, so matches never suggests them again")
    p.add_argument("a", metavar="A", help="the id of one row")
    p.add_argument("b", metavar="B", help="the id of the other row")
    p.add_argument("--note", help="why, in a few words")
    p.add_argument("--who", help="the name the change log records (default: $NETWORK_USER or your login name)")
    add_format(p)


#: This module's commands by name (``cli.EXTENSIONS`` lists the module).
COMMANDS: dict[str, Command] = {"matches": cmd_matches, "merge": cmd_merge, "not-same": cmd_not_same}
