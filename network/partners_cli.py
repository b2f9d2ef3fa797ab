"""The command line for the partner finder and the consortium check (listed in ``cli.EXTENSIONS``).

    python -m network partners --programme creative-europe-small --theme dance --top 10 [--format json]
    python -m network consortium check --programme creative-europe-small region-orebro:coordinator teatro-x ...

``consortium check`` exits 0 when the consortium meets every requirement of the rule, 1 when it does not, and 2
for a usage error (unknown programme or organisation, a bad role). The rule is the one recorded in programmes.csv,
read from the call it names; the official call text decides.

``partners`` answers from the partner index stored in the cache folder (``partner_cache.stored_partner_index``)
when it is current for these files, this code and this day: without loading the directory and without importing
pandas or networkx, which is most of a warm command's time. Otherwise (no index yet, the files changed, ``--no-cache``,
or an id the index does not know, whose error message needs the directory's "did you mean") it loads the directory
as before and stores the index for the next time. Both ways run the same search (``partners.search_page``).
"""

from __future__ import annotations

import argparse
from typing import Sequence

from . import rules
from .cache import default_cache_dir
from .cli_support import EXIT_DATA, EXIT_OK, Command, add_format, data_path, emit, note_errors, open_directory
from .countries import country_name, normalise_code
from .errors import NetworkError, UsageError
from .partner_cache import stored_partner_index, warm_partner_index
from .partners import (
    TIE_BREAKS,
    Candidate,
    PartnerIndex,
    PartnerPage,
    PartnerQuery,
    Weights,
    describe,
    search_page,
    split_themes,
    suggest_fixes,
)
from .rules import ConsortiumCheck, ConsortiumRule

__all__ = ["COMMANDS", "add_parsers", "cmd_partners", "cmd_consortium", "rule_lines", "rule_payload"]

_STATUS_WORDS = {rules.MET: "met", rules.NOT_MET: "NOT MET", rules.UNKNOWN: "check", rules.INFO: "note"}


def _many(values: Sequence[str] | None) -> tuple[str, ...]:
    """Repeatable options that also take comma-separated values: --country ES --country PT,IT."""
    return tuple(v.strip() for value in values or () for v in value.split(",") if v.strip())


def _weights(values: Sequence[str] | None) -> Weights:
    changes: dict[str, float] = {}
    for value in values or ():
        name, _, number = value.partition("=")
        name = name.strip().replace("-", "_")
        if name not in Weights.parts():
            raise UsageError(f"Unknown weight '{name}'. Weights: {', '.join(Weights.parts())} (--weight theme=5).")
        try:
            changes[name] = float(number)
        except ValueError:
            raise UsageError(f"--weight {value}: write a number after '=', such as --weight {name}=2.") from None
    return Weights(**changes)


def rule_lines(rule: ConsortiumRule) -> list[str]:
    """The rule's origin, always shown with its results: the call it was read from, the source, the caveat."""
    lines = [rule.name]
    origin = [f"rule read from {rule.call}" if rule.call else "the call is not recorded"]
    if rule.verified:
        origin.append(f"checked {rule.verified}")
    lines.append(f"  {'; '.join(origin)}; source: {rule.reference or rule.url or 'not recorded'}")
    lines.append("  The official call text decides: check the rule there before you apply.")
    return lines


def rule_payload(rule: ConsortiumRule) -> dict:
    return {key: (list(value) if isinstance(value, tuple) else value) for key, value in rule.__dict__.items()}


def _candidate_lines(rank: int, candidate: Candidate) -> list[str]:
    where = country_name(candidate.country) if candidate.country else "?"
    flag = "" if candidate.eligible else "  [not eligible]"
    lines = [
        f"{rank:>3}. {candidate.name} [{candidate.id}] · {candidate.type} · {where} · score {candidate.score:g}{flag}"
    ]
    lines += [f"       ! {describe(f)}" for f in candidate.flags]
    lines += [f"       - {describe(r)}" for r in candidate.reasons]
    return lines


def _search(args: argparse.Namespace, query: PartnerQuery) -> tuple[PartnerIndex, PartnerPage]:
    """The index and the page of suggestions: from the stored index when it is current, else from the loaded
    directory (which stores the index again)."""
    cache_dir = None if getattr(args, "no_cache", False) else default_cache_dir()
    stored = stored_partner_index(data_path(args), cache_dir) if cache_dir is not None else None
    if stored is not None:
        try:
            page = search_page(stored, query)
        except NetworkError:  # an unknown id or programme: the loaded directory says it with the closest ids
            pass
        else:
            note_errors(stored.data_errors)
            return stored, page
    index = warm_partner_index(open_directory(args), cache_dir)
    return index, search_page(index, query)


def cmd_partners(args: argparse.Namespace) -> int:
    query = PartnerQuery(
        programme=args.programme or "",
        themes=tuple(t for v in args.theme or () for t in split_themes(v)),
        countries=tuple(normalise_code(c) for c in _many(args.country)),
        types=_many(args.type),
        exclude=_many(args.exclude),
        top=args.top,
        consortium=tuple(rules.parse_member(m) for m in _many(args.consortium)),
        ineligible="flag" if args.include_ineligible else "leave-out",
        require_theme=not args.any_theme,
        weights=_weights(args.weight),
        nuts=_many(args.nuts),
        experienced=args.experienced,
        coordinators=args.coordinators,
        since=args.since,
        until=args.until,
        offset=args.offset,
    )
    index, page = _search(args, query)
    found = page.candidates
    rule = index.rule_for(query.programme) if query.programme else None
    lines = rule_lines(rule) if rule else ["Partner suggestions (no programme chosen: any country)"]
    for rank, candidate in enumerate(found, start=query.offset + 1):
        lines += _candidate_lines(rank, candidate)
    if found:
        last = query.offset + len(found)
        more = f"; the next with --offset {last}" if last < page.total else ""
        lines.append(
            f"Showing {query.offset + 1}–{last} of {page.total:,} that match{more}. Equal scores are "
            f"ordered by {', '.join(TIE_BREAKS)}."
        )
    elif page.total:
        lines.append(f"Only {page.total:,} organisations match: --offset {query.offset} is past the end.")
    else:
        lines.append(
            "No organisation matches. Try fewer filters (another theme, --any-theme, more countries, "
            "no --nuts, --experienced, --coordinators or period) or add organisations to the directory."
        )
    payload = {
        "programme": query.programme,
        "rule": rule_payload(rule) if rule else None,
        "weights": query.weights.__dict__,
        "total": page.total,
        "offset": page.offset,
        "candidates": [c.to_dict() for c in found],
    }
    emit(args, payload, "\n".join(lines))
    return EXIT_OK


def _check_lines(check: ConsortiumCheck, suggestions: dict[str, list[Candidate]]) -> list[str]:
    lines = rule_lines(check.rule)
    for finding in check.findings:
        lines.append(f"  [{_STATUS_WORDS[finding.status]:>7}] {describe(finding.sentence)}")
        if finding.status == rules.NOT_MET and finding.fix is not None:
            lines.append(f"            → {describe(finding.fix)}")
        for candidate in suggestions.get(finding.code, []):
            lines.append(
                f"              suggestion: {candidate.name} [{candidate.id}] "
                f"({country_name(candidate.country)}, score {candidate.score:g})"
            )
    unmet = len(check.unmet)
    lines.append(
        "Result: meets every requirement of the rule as recorded."
        if check.eligible
        else f"Result: does NOT meet the rule ({unmet} requirement{'s' * (unmet != 1)} not met)."
    )
    return lines


def cmd_consortium(args: argparse.Namespace) -> int:
    if args.consortium_command != "check":  # pragma: no cover - argparse allows only "check"
        raise UsageError("Use: python -m network consortium check --programme ID ORG_ID[:ROLE] ...")
    members = [rules.parse_member(m) for m in args.members]
    directory = open_directory(args)
    check = rules.check_consortium(directory, args.programme, members)
    themes = tuple(t for v in args.theme or () for t in split_themes(v))
    suggestions = suggest_fixes(directory, check, themes, top=args.suggest) if args.suggest > 0 else {}
    payload = {
        "programme": check.rule.programme,
        "rule": rule_payload(check.rule),
        "eligible": check.eligible,
        "members": [{"id": m.id, "role": m.role} for m in check.members],
        "counted": list(check.counted),
        "findings": [
            {
                "code": f.code,
                "status": f.status,
                "text": describe(f.sentence),
                "fix": describe(f.fix) if f.fix else None,
            }
            for f in check.findings
        ],
        "suggestions": {code: [c.to_dict() for c in found] for code, found in suggestions.items()},
    }
    emit(args, payload, "\n".join(_check_lines(check, suggestions)))
    return EXIT_OK if check.eligible else EXIT_DATA


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("partners", help="suggest partners for an application, ranked and explained")
    p.add_argument(
        "--programme",
        metavar="ID",
        help="the programme (call type) id, such as creative-europe-small; "
        "its rule decides which countries are eligible",
    )
    p.add_argument(
        "--theme", action="append", metavar="THEME", help="a theme tag or words (repeatable; commas separate several)"
    )
    p.add_argument(
        "--country",
        action="append",
        metavar="CODE",
        help="only these countries (ISO codes; default: any eligible country)",
    )
    p.add_argument("--type", action="append", metavar="TYPE", help="only these organisation types")
    p.add_argument("--exclude", action="append", metavar="ID", help="leave these organisations out")
    p.add_argument(
        "--consortium",
        action="append",
        metavar="ID[:ROLE]",
        help="the draft consortium: its members are not suggested and its countries count as covered",
    )
    p.add_argument("--top", type=int, default=10, help="how many suggestions (default 10)")
    p.add_argument(
        "--include-ineligible",
        action="store_true",
        help="show organisations the call does not allow too, flagged, after the others",
    )
    p.add_argument(
        "--any-theme",
        action="store_true",
        help="also suggest organisations that match none of the themes (ranked lower)",
    )
    p.add_argument(
        "--weight",
        action="append",
        metavar="NAME=N",
        help=f"change a scoring weight, such as --weight theme=5 ({', '.join(Weights.parts())}; see docs/partners.md)",
    )
    p.add_argument(
        "--nuts",
        action="append",
        metavar="CODE",
        help="only organisations in these NUTS regions: a "
        "code or its start (SE12, DE3; repeatable; commas separate several)",
    )
    p.add_argument(
        "--experienced",
        action="store_true",
        help="only organisations with funded projects in the "
        "call's programme, its family or its lineage (Horizon 2020 for Horizon Europe)",
    )
    p.add_argument("--coordinators", action="store_true", help="only organisations that coordinated a funded project")
    p.add_argument(
        "--since",
        type=int,
        metavar="YEAR",
        help="only organisations in a funded project that ran in or after this year",
    )
    p.add_argument(
        "--until",
        type=int,
        metavar="YEAR",
        help="only organisations in a funded project that ran in or before this year",
    )
    p.add_argument(
        "--offset", type=int, default=0, metavar="N", help="skip the N best (the next page: --offset 10 with --top 10)"
    )
    add_format(p)
    p = sub.add_parser("consortium", help="check a draft consortium against a programme's rule")
    actions = p.add_subparsers(dest="consortium_command", required=True, metavar="ACTION")
    c = actions.add_parser(
        "check", help="each requirement met or not, what is missing, who could fix it (exit 0: eligible, 1: not)"
    )
    c.add_argument("--programme", required=True, metavar="ID", help="the programme (call type) id")
    c.add_argument(
        "members",
        nargs="+",
        metavar="ORG_ID[:ROLE]",
        help="organisations, each with its role: coordinator, partner (default) or associated",
    )
    c.add_argument("--theme", action="append", metavar="THEME", help="themes for the suggestions (repeatable)")
    c.add_argument(
        "--suggest", type=int, default=3, metavar="N", help="suggestions per unmet requirement (default 3; 0 for none)"
    )
    c.add_argument("--data", default=argparse.SUPPRESS, help="same as --data before COMMAND")
    add_format(c)


#: This module's commands by name (``cli.EXTENSIONS`` lists the module).
COMMANDS: dict[str, Command] = {"partners": cmd_partners, "consortium": cmd_consortium}
