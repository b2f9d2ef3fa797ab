"""Decisions that last: accepted and rejected pairs in ``matches.csv`` (``schema.MATCHES``), and merging.

A merge (``merge``) and a "not the same" (``decide``) are each one save through ``storage.save``: one backup, one
change-log entry, refused if someone else saved first. A merge goes through ``editing.merge_entities`` and is
validated like any edit; it also writes a "same" row to matches.csv so the decision stays readable after DROP's row
is gone. A "different" row makes ``Matcher`` leave the pair out for good.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Mapping

import pandas as pd

from .. import access, editing, schema, storage
from ..access import Actor
from ..editing import EditResult
from ..errors import NotFoundError, UsageError
from ..storage import SaveResult, Tables

__all__ = ["decision_row", "with_decision", "plan_merge", "merge", "decide"]

MATCHES = schema.MATCHES.file


def decision_row(
    a: str,
    b: str,
    decision: str,
    *,
    kind: str = "",
    name_a: str = "",
    name_b: str = "",
    score: float | None = None,
    who: str | None = None,
    note: str = "",
    today: dt.date | None = None,
) -> dict[str, str]:
    """One matches.csv row."""
    if decision not in schema.MATCH_DECISIONS:
        raise UsageError(f"A decision is one of {', '.join(schema.MATCH_DECISIONS)}, not '{decision}'.")
    return {
        "a": a,
        "b": b,
        "decision": decision,
        "kind": kind,
        "name_a": name_a,
        "name_b": name_b,
        "score": "" if score is None else f"{score:.3f}",
        "decided": (today or dt.date.today()).isoformat(),
        "by": who or "",
        "note": note,
    }


def with_decision(tables: Mapping[str, pd.DataFrame], row: Mapping[str, str]) -> pd.DataFrame:
    """matches.csv with ``row`` added; an earlier decision about the same pair (either order) is replaced."""
    frame = tables.get(MATCHES)
    frame = storage.empty_table(schema.MATCHES) if frame is None else storage.conform(frame, schema.MATCHES)
    pair = {row["a"].strip().lower(), row["b"].strip().lower()}
    same = (
        frame.apply(lambda r: {str(r["a"]).strip().lower(), str(r["b"]).strip().lower()} == pair, axis=1)
        if len(frame)
        else pd.Series([], dtype=bool)
    )
    kept = frame.loc[~same.astype(bool)] if len(frame) else frame
    out = pd.concat([kept, pd.DataFrame([dict(row)], dtype=object)], ignore_index=True).fillna("")
    out.index = pd.RangeIndex(2, 2 + len(out), name=frame.index.name or "row")
    return out


def _name(tables: Mapping[str, pd.DataFrame], entity_id: str) -> tuple[str, str]:
    table, position = editing.find_entity(tables, entity_id)
    return table.kind, str(tables[table.file].iloc[position]["name"])


def plan_merge(
    tables: Mapping[str, pd.DataFrame],
    keep: str,
    drop: str,
    *,
    who: str | None = None,
    score: float | None = None,
    note: str = "",
    today: dt.date | None = None,
    **options,
) -> EditResult:
    """The merge of DROP into KEEP on a copy of the tables, with its "same" row in matches.csv; nothing written.
    Raises ``NotFoundError`` for an unknown id, ``UsageError`` for ids of different kinds."""
    kind, keep_name = _name(tables, keep)
    _, drop_name = _name(tables, drop)
    if kind not in schema.MATCH_KINDS:
        raise UsageError(f"Only organisations, networks and projects can be merged; {keep} is a {kind}.")
    result = editing.merge_entities(tables, keep, drop, **options)
    row = decision_row(
        keep,
        drop,
        "same",
        kind=kind,
        name_a=keep_name,
        name_b=drop_name,
        score=score,
        who=who,
        note=note or "merged",
        today=today,
    )
    result.tables[MATCHES] = with_decision(result.tables, row)
    result.changed = tuple(sorted({*result.changed, MATCHES}))
    return result


def merge(
    path: str | Path,
    keep: str,
    drop: str,
    *,
    actor: Actor,
    dry_run: bool = False,
    score: float | None = None,
    note: str = "",
) -> tuple[EditResult, SaveResult | None]:
    """Merge DROP into KEEP in the directory at ``path``: one save (backup, one change-log entry). With
    ``dry_run`` nothing is written. The save is skipped when the merge is refused (``EditResult.ok`` false). Only
    for an ``actor`` who may edit (checked first, ``PermissionDeniedError``)."""
    if not dry_run:
        access.authorize(actor, "edit")
    snapshot = storage.load(path)
    result = plan_merge(snapshot.tables, keep, drop, who=actor.identity, score=score, note=note, config=snapshot.config)
    if dry_run or not result.ok:
        return result, None
    saved = storage.save(
        path,
        result.changed_tables(),
        snapshot.fingerprint,
        summary=result.summary,
        actor=actor,
        action="merge",
        details={"keep": keep, "drop": drop},
    )
    return result, saved


def decide(
    path: str | Path,
    a: str,
    b: str,
    decision: str,
    *,
    actor: Actor,
    kind: str = "",
    score: float | None = None,
    note: str = "",
    base: str | None = None,
) -> SaveResult:
    """Record a decision about a pair without merging (``different``: never suggest it again). Only for an
    ``actor`` who may edit (checked first, ``PermissionDeniedError``)."""
    access.authorize(actor, "edit")
    snapshot = storage.load(path)
    tables: Tables = snapshot.tables
    names = []
    for entity_id in (a, b):
        try:
            names.append(_name(tables, entity_id)[1])
        except NotFoundError:  # a decision about a row that is gone still stands
            names.append("")
    row = decision_row(
        a, b, decision, kind=kind, name_a=names[0], name_b=names[1], score=score, who=actor.identity, note=note
    )
    frame = with_decision(tables, row)
    summary = f"Decided {a} and {b} are {'the same' if decision == 'same' else 'different'}"
    return storage.save(
        path,
        {MATCHES: frame},
        snapshot.fingerprint if base is None else base,
        summary=summary,
        actor=actor,
        action="match-decision",
    )
