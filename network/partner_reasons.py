"""The partner finder's reasons about evidence: where a theme came from, experience in the call's programme line
(and in the programme before it), coordination. Sentences are data (``rules.Sentence``: a code and its
parameters); ``partners.describe`` and the dashboard put them in words. Kept apart from the ranking
(``partners.py``) so that each module stays readable. Everything here reads the partner index alone (names,
acronyms, programmes and the words of a row are kept on it), so a stored index gives the same reasons.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from . import themes as vocabulary
from .partner_evidence import SOURCES, ThemeEvidence
from .rules import Sentence
from .textnorm import fold

if TYPE_CHECKING:
    from .partners import PartnerIndex, ThemeMatch

__all__ = ["FAMILY_NAMES", "evidence_reasons", "programme_reasons", "coordinator_reason", "short_name"]

#: How a programme family is called in reasons ("Partner in 3 earlier Interreg projects").
FAMILY_NAMES = {
    "creative-europe": "Creative Europe",
    "erasmus-plus": "Erasmus+",
    "horizon-europe": "Horizon Europe",
    "horizon-2020": "Horizon 2020",
    "interreg": "Interreg",
    "cerv": "CERV",
    "europe-for-citizens": "Europe for Citizens",
    "esf-plus": "ESF+",
}


def evidence_reasons(index: "PartnerIndex", themes: "ThemeMatch | None", position: int) -> list[Sentence]:
    """For each asked theme not matched by the organisation's own tags: where the theme came from."""
    if themes is None:
        return []
    found: list[Sentence] = []
    own = set(index.themes[position])
    relevant = 0
    for evidence in themes.evidence:
        relevant += int(evidence.relevant[position])
        code = int(evidence.source[position])
        if code < 0 or SOURCES[code] == "tag" or own & set(evidence.tags):
            continue
        source = SOURCES[code]
        params: dict[str, object] = {"themes": evidence.tags[:1]}
        ref = str(evidence.ref[position])
        if source in ("project-topics", "project-text", "programme") and ref:
            params["project"] = short_name(index, ref)
            programme = _programme_of(index, ref)
            params["programme"] = index.name_of(programme) if programme in index else programme
        if source == "network" and ref:
            params["network"] = short_name(index, ref)
        if source in ("own-text", "project-text"):
            params["word"] = _found_word(index, evidence, ref if source == "project-text" else index.ids[position])
        if source == "project-text" and not params.get("word"):
            source = "project-topics-text"  # matched, but the words cannot be quoted: say so without a quote
        found.append(Sentence(f"theme-{source}", params))
    if relevant >= 2:
        found.append(Sentence("relevant-projects", {"count": relevant}))
    return found


def _programme_of(index: "PartnerIndex", project: str) -> str:
    return index.evidence.programme_of(project)


def _found_word(index: "PartnerIndex", evidence: ThemeEvidence, entity: str) -> str:
    """The word of the entity's name, acronym or description that made the theme match, as written there
    ("Dansens", not the folded "dansens")."""
    text = index.written(entity)  # the row's words: nodes hold no description
    for tag in evidence.tags:
        word = vocabulary.matched_word(tag, text)
        if word:
            return _as_written(text, word)
    return ""


def _as_written(text: str, folded: str) -> str:
    """The words of ``text`` that fold to ``folded`` (up to four words), else ``folded`` itself."""
    tokens = re.findall(r"\w+", text)
    size = len(folded.split())
    for i in range(len(tokens) - size + 1):
        if fold(" ".join(tokens[i : i + size])) == folded:
            return " ".join(tokens[i : i + size])
    return folded


def _programme_label(index: "PartnerIndex", programme: str) -> str:
    """What a programme is called in a reason: its family's name (Interreg, Horizon 2020), else its own name."""
    if programme not in index:
        return programme
    return FAMILY_NAMES.get(index.programme_family(programme)) or index.name_of(programme) or programme


def programme_reasons(index: "PartnerIndex", programme_key: str, position: int) -> list[Sentence]:
    """Earlier funded projects in the call's programme line, grouped by what their programme is called: the same
    as the call ("earlier Interreg projects") or the programme before it ("Horizon 2020 projects, the programme
    before Horizon Europe"). Each project is named with its programme when that says more."""
    if not programme_key:
        return []
    counts, pairs = index.programme_history(programme_key)
    if not counts[position]:
        return []
    rows = index.evidence.projects_of(pairs, position, limit=int(counts[position]))
    call_label = _programme_label(index, programme_key)
    project_ids = index.evidence.project_ids
    grouped: dict[str, list[str]] = {}
    for row in rows:
        project = project_ids[row]
        programme = str(index.evidence.project_programme[row])
        grouped.setdefault(_programme_label(index, programme), []).append(project)
    sentences = []
    for label, projects in sorted(grouped.items(), key=lambda item: (item[0] != call_label, -len(item[1]))):
        named = tuple(_project_with_programme(index, p, label, programme_key) for p in projects[:3])
        if label == call_label:
            sentences.append(
                Sentence("programme-projects", {"count": len(projects), "programme": label, "projects": named})
            )
        else:
            sentences.append(
                Sentence(
                    "lineage-projects",
                    {"count": len(projects), "programme": label, "call": call_label, "projects": named},
                )
            )
    return sentences


def _project_with_programme(index: "PartnerIndex", project: str, label: str, call: str) -> str:
    """ "CASE (2014 - 2020 INTERREG VB Baltic Sea)": the project and, when it was not in the call's own programme and
    its programme's name says more than the label, that programme."""
    name = short_name(index, project)
    programme = _programme_of(index, project)
    programme_name = index.name_of(programme) if programme and programme in index else ""
    if programme != call and programme_name and programme_name != label and programme_name not in name:
        return f"{name} ({programme_name})"
    return name


def coordinator_reason(index: "PartnerIndex", position: int) -> Sentence | None:
    count = int(index.evidence.coordinated[position])
    return Sentence("coordinator-experience", {"count": count}) if count else None


def short_name(index: "PartnerIndex", entity: str) -> str:
    """What a project or network is called in a reason: its acronym, else its name."""
    return index.short_name(entity)
