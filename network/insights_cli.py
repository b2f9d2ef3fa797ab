"""``python -m network insights``: brokers, communities, partners we lost touch with and missing countries.

    python -m network insights [--top N] [--programme ID] [--format json]

The measures are kept per data version in the cache folder (``metrics-<fingerprint>.arrow`` next to the
warm-start cache), and so is each JSON report (per data version, day, ``--top`` and ``--programme``), so asking
again on the same data reads the answer back; ``--no-cache`` computes everything again. JSON keys: ``brokers``, ``communities``, ``stale``, ``missing_countries`` (lists of objects with
``id`` and ``name``), plus ``missing_themes``, ``reach`` and ``home``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
from pathlib import Path
from typing import TYPE_CHECKING

from .atomic import write_atomically
from .cache import default_cache_dir
from .cli_support import EXIT_OK, Command, add_format, emit, open_directory
from .errors import UsageError
from .textnorm import slugify

if TYPE_CHECKING:  # insights and its metrics are imported inside cmd_insights: other commands do not pay for them
    from .insights import Insights

__all__ = ["COMMANDS", "add_parsers", "cmd_insights", "insight_lines"]


def insight_lines(found: Insights) -> list[str]:
    """The report as plain text lines (English, for the terminal)."""
    lines = ["Brokers (who connects groups):"]
    for b in found.brokers:
        lines.append(
            f"  {b.name} [{b.id}]: links {b.groups} groups, {b.unlinked_pairs} pairs of them have no "
            f"other link (betweenness {b.betweenness:.3f}, {b.degree} links)"
        )
    if found.sampled_sources:
        lines.append(f"  (betweenness estimated from {found.sampled_sources} sampled starting points)")
    lines.append("Communities:")
    for c in found.communities:
        themes = ", ".join(t for t, _ in c.themes) or "-"
        countries = ", ".join(k for k, _ in c.countries) or "-"
        members = ", ".join(n for _, n in c.members[:3])
        lines.append(f"  {c.name}: {c.size} entities; themes {themes}; countries {countries}; e.g. {members}")
    lines.append("Partners we may have lost touch with:")
    for s in found.stale:
        lines.append(
            f"  {s.name} [{s.id}]: {', '.join(s.reasons)} (verified {s.verified or 'never'}, "
            f"last active {s.last_active or 'unknown'})"
        )
    if not found.stale:
        lines.append("  none")
    lines.append("Eligible countries without any organisation in the directory:")
    lines.append("  " + (", ".join(f"{m.name} ({m.id})" for m in found.missing_countries) or "none"))
    if found.reach:
        lines.append(
            "Reach of the home organisation: "
            + "; ".join(f"{d} step{'s' if d > 1 else ''}: {sum(k.values())}" for d, k in found.reach.items())
        )
    return lines


def cmd_insights(args: argparse.Namespace) -> int:
    if args.top < 1:
        raise UsageError(f"--top must be 1 or more, not {args.top}.")
    directory = open_directory(args)
    if args.programme:
        directory.kind_of(args.programme)  # an unknown id: a clear error with suggestions
    cache_dir = None if getattr(args, "no_cache", False) else default_cache_dir()
    stored = _report_file(cache_dir, directory.fingerprint, args.top, args.programme)
    if args.format == "json" and stored is not None and stored.exists():  # the same question on the same data
        print(stored.read_text("utf-8"), end="")
        return EXIT_OK
    from .insights import build_insights
    from .metrics_jobs import metrics_now

    metrics = metrics_now(directory, cache_dir)
    found = build_insights(directory, metrics, top=args.top, programme=args.programme)
    payload = found.to_json()
    emit(args, payload, "\n".join(insight_lines(found)))
    if stored is not None:
        _store(stored, json.dumps(payload, ensure_ascii=False, indent=2, default=str) + "\n")
    return EXIT_OK


def _report_file(cache_dir: Path | None, fingerprint: str, top: int, programme: str | None) -> Path | None:
    """Where the JSON report of this question on this data version is kept (None without a cache or fingerprint).

    The report depends on today's date too (stale partners), so the day is part of the name."""
    if cache_dir is None or not fingerprint:
        return None
    safe = "".join(c for c in fingerprint if c.isalnum())[:64]
    name = f"insights-{safe}-{dt.date.today().isoformat()}-{top}-{slugify(programme or 'all')}.json"
    return Path(cache_dir) / name


def _store(target: Path, text: str) -> None:
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        write_atomically(target, text.encode("utf-8"))
    except OSError:  # a read-only or full cache folder: the report was printed, it is just not kept
        pass


def add_parsers(sub: argparse._SubParsersAction) -> None:
    p = sub.add_parser("insights", help="brokers, communities, partners we lost touch with, missing countries")
    p.add_argument("--top", type=int, default=10, help="how many brokers and communities (default 10)")
    p.add_argument(
        "--programme",
        metavar="ID",
        help="missing countries compared with this programme's eligible "
        "countries only (default: every programme with a country group)",
    )
    add_format(p)


#: This module's commands by name (``cli.EXTENSIONS`` lists the module).
COMMANDS: dict[str, Command] = {"insights": cmd_insights}
