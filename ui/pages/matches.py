"""Matches: review pairs of rows that may be the same organisation (or network, project), side by side.

Run by ``st.navigation`` as a script (see ``ui/app.py``); ``render()`` draws the page. The pairs come from
``network.matching.Matcher`` (cached per version of the files); "Merge" goes through ``network.matching.plan_merge``
(``editing.merge_entities``, validated like every edit) and ``storage.save`` (backup, change log, refusal if someone
else saved first); "Not the same" writes a decision to matches.csv so the pair never comes back; "Later" only
hides the pair for this session.
"""

from __future__ import annotations

import threading
from dataclasses import dataclass, field

import pandas as pd
import streamlit as st

from network import schema, storage
from network.messages import message
from network.ids import norm_id, norm_ids
from network.errors import ConflictError, NetworkError, PermissionDeniedError
from network.matching import SUGGEST_THRESHOLD, Candidate, Matcher, plan_merge
from network.matching.decisions import decision_row, with_decision
from network.matching.stored_pairs import LOWEST_SCORE, StoredPairs, load_pairs, pairs_table, store_pairs
from ui.auth import actor, denied_message, require
from ui.edit_support import baseline, flash, load_snapshot, problem_lines, save_result, show_flash
from ui.i18n import column_label, error_text, kind_label, match_reason_text, t
from ui.partner_warmup import preparing
from ui.profile import fact_words
from ui.state import cache_folder, data_path, get_directory
from ui.warmup_view import show_warmup_progress
from ui.widgets import escape_markdown

__all__ = ["render", "LOWEST_SCORE"]

_LATER_KEY = "matches._later"


@dataclass
class _Found:
    """The pairs found or read so far for one version of the files and kind: the lowest score and the pairs
    scoring at least that (one assignment, so they always belong together), and a lock so that two sessions never
    search for the same pairs at once (the second waits for the first and filters its pairs)."""

    searched: tuple[float, StoredPairs] | None = None
    lock: threading.Lock = field(default_factory=threading.Lock)


@st.cache_resource(max_entries=4, show_spinner=False)
def _found(fingerprint: str, kind: str) -> _Found:
    """The pairs of one version of the files (``fingerprint`` is the cache key) and kind."""
    return _Found()


def _pairs(fingerprint: str, kind: str, min_score: float, snapshot: storage.Snapshot) -> StoredPairs:
    """The pairs scoring at least ``min_score``, best first: what ``Matcher.pairs(min_score)`` gives.

    Finding them is the expensive part (about 26 s for 60,000 organisations) and costs about the same at any
    score (every blocked pair is scored; ``Matcher.pairs`` only filters by score), so a higher score filters the
    pairs already found instead of finding them again. A lower score than any so far reads the pairs the warm-up
    process stored at the slider's lowest score (``network.matching.stored_pairs``) and keeps those at least
    ``min_score``; only when none are stored does the page search (and store what it found for a restarted
    server). The pairs are kept as an Arrow table and decoded only where shown; keeping them at the slider's
    lowest score would hold ~7 times as many in the server (245,000 against 33,000 above 0.6 on 60,000
    organisations)."""
    found = _found(fingerprint, kind)
    with found.lock:
        searched = found.searched
        if searched is None or min_score < searched[0]:
            folder = cache_folder()
            stored = load_pairs(snapshot.path, folder, fingerprint, kind, min_score)
            if stored is None:
                found_now = Matcher(snapshot.tables, kind).pairs(min_score=min_score)
                store_pairs(snapshot.path, folder, fingerprint, kind, min_score, found_now)
                stored = StoredPairs(pairs_table(found_now, min_score))
            searched = found.searched = (min_score, stored)
    return searched[1].at_least(min_score)


def _ready(fingerprint: str, kind: str, min_score: float) -> bool:
    """Whether the pairs can be shown without a search: found already, or not being prepared by the warm-up
    process (which the page then waits for instead of searching at the same time)."""
    searched = _found(fingerprint, kind).searched
    if searched is not None and min_score >= searched[0]:
        return True
    directory = get_directory()
    return directory.fingerprint != fingerprint or not preparing(directory, f"pairs-{kind}")


def _row(snapshot: storage.Snapshot, kind: str, entity_id: str) -> dict[str, str]:
    frame = snapshot.tables[schema.table_for_kind(kind).file]
    hits = frame[norm_ids(frame["id"]) == norm_id(entity_id)]
    return {c: str(v) for c, v in hits.iloc[0].items()} if len(hits) else {}


def _side(snapshot: storage.Snapshot, kind: str, entity_id: str, name: str) -> None:
    """One row of the pair: its name (escaped) and its filled fields."""
    st.subheader(escape_markdown(name) or entity_id)
    row = _row(snapshot, kind, entity_id)
    shown = {column_label(c): fact_words(c, v) for c, v in row.items() if str(v).strip() and c != "name"}
    st.dataframe(
        pd.DataFrame({t("matches.col.field"): list(shown), t("matches.col.value"): list(shown.values())}),
        hide_index=True,
        width="stretch",
        key=f"matches.side.{entity_id}",
    )


def _merge(snapshot: storage.Snapshot, pair: Candidate, keep: str) -> None:
    drop = pair.b if keep == pair.a else pair.a
    try:
        result = plan_merge(
            snapshot.tables,
            keep,
            drop,
            who=actor().identity,
            score=pair.score,
            before=baseline(snapshot),
            config=snapshot.config,
        )
    except NetworkError as exc:
        flash("error", t("matches.merge_failed", detail=error_text(exc)))
        return
    if not save_result(snapshot, result, "matches"):
        if not result.ok:
            flash(
                "error",
                t("matches.merge_refused")
                + "\n\n"
                + "\n".join(f"- {escape_markdown(line)}" for line in problem_lines(result.errors)),
            )
        return
    _found.clear()  # the files changed: their pairs are another version's


def _not_same(snapshot: storage.Snapshot, pair: Candidate) -> None:
    try:
        who = actor()
        row = decision_row(
            pair.a,
            pair.b,
            "different",
            kind=pair.kind,
            name_a=pair.name_a,
            name_b=pair.name_b,
            score=pair.score,
            who=who.identity,
            note="matches page",
        )
        storage.save(
            snapshot.path,
            {schema.MATCHES.file: with_decision(snapshot.tables, row)},
            snapshot.fingerprint,
            summary=(said := message("change.match-different", a=pair.a, b=pair.b)).text,
            notes=[said],
            actor=who,
            action="match-decision",
        )
    except PermissionDeniedError as exc:  # the role was taken away, or not an editor: nothing written
        flash("error", denied_message(exc))
        return
    except ConflictError:
        flash("warning", t("matches.conflict"))
        return
    except NetworkError as exc:
        flash("error", t("matches.merge_failed", detail=error_text(exc)))
        return
    flash("success", t("matches.rejected", a=escape_markdown(pair.name_a), b=escape_markdown(pair.name_b)))
    _found.clear()  # the files changed: their pairs are another version's


def render() -> None:
    st.title(t("page.matches"))
    st.caption(t("page.help.matches"))
    if not require("edit"):
        return
    show_flash()
    snapshot = load_snapshot(data_path())
    left, right = st.columns(2)
    kind = left.selectbox(
        t("matches.kind"), schema.MATCH_KINDS, key="matches.kind", format_func=kind_label, help=t("matches.kind_help")
    )
    min_score = right.slider(
        t("matches.min_score"),
        LOWEST_SCORE,
        1.0,
        SUGGEST_THRESHOLD,
        0.05,
        key="matches.min_score",
        help=t("matches.min_score_help"),
    )
    later: set[tuple[str, str]] = st.session_state.setdefault(_LATER_KEY, set())
    if not _ready(snapshot.fingerprint, kind, float(min_score)):
        show_warmup_progress(get_directory(), f"pairs-{kind}", "matches.preparing")
        return
    with st.spinner(t("matches.working")):
        pairs = _pairs(snapshot.fingerprint, kind, float(min_score), snapshot)
    hidden = sum(1 for key in pairs.keys() if key in later) if later else 0
    pair = next((p for p in pairs if (p.a, p.b) not in later), None)  # decodes the pairs up to the first shown
    if pair is None:
        st.info(t("matches.empty_later") if len(pairs) else t("matches.empty"))
        if later and st.button(t("matches.show_later"), key="matches.show_later", help=t("matches.show_later_help")):
            later.clear()
            st.rerun()
        return
    st.caption(t("matches.count", count=len(pairs) - hidden, later=len(later)))
    st.metric(t("matches.score"), f"{pair.score:.2f}", help=t("matches.score_help"))
    st.markdown(t("matches.auto") if pair.auto else t("matches.review"))
    st.markdown("\n".join(f"- {match_reason_text(r)}" for r in pair.reasons))
    a_col, b_col = st.columns(2)
    with a_col:
        _side(snapshot, kind, pair.a, pair.name_a)
    with b_col:
        _side(snapshot, kind, pair.b, pair.name_b)
    keep = st.radio(
        t("matches.keep"),
        [pair.a, pair.b],
        key=f"matches.keep.{pair.a}.{pair.b}",
        horizontal=True,
        format_func=lambda i: f"{pair.name_a if i == pair.a else pair.name_b} ({i})",
        help=t("matches.keep_help"),
    )
    merge_col, different_col, later_col = st.columns(3)
    if merge_col.button(t("matches.merge"), key="matches.merge", type="primary", help=t("matches.merge_help")):
        _merge(snapshot, pair, keep)
        st.rerun()
    if different_col.button(t("matches.different"), key="matches.different", help=t("matches.different_help")):
        _not_same(snapshot, pair)
        st.rerun()
    if later_col.button(t("matches.later"), key="matches.later", help=t("matches.later_help")):
        later.add((pair.a, pair.b))
        st.rerun()


if __name__ == "__main__":
    render()
