"""The partner finder: who should we apply with? Ranked, explained suggestions for a call.

Each candidate organisation gets a score from six parts, each between 0 and 1 and multiplied by a weight
(``Weights``, documented in docs/partners.md): theme evidence, earlier projects in the call's programme line (same
programme, family or lineage), networks shared with the home organisation, how the home organisation can reach it
(the shortest path), how recent the last dated contact is, and whether it adds a country the consortium lacks. What
organisations have done (participations, programme experience, where a theme came from) is ``partner_evidence``; the
reasons about it are ``partner_reasons``. The reasons are data (``Sentence``: a code and its parameters);
``describe`` renders them in English, the dashboard in Swedish or English. Candidates from countries the call does
not allow are left out, or flagged when asked. Equal scores are ordered by evidence (``TIE_BREAKS``) and only then by
id, so the same inputs always give the same ranking, and never an alphabetical one.

Speed: everything that does not depend on the query is computed once per loaded directory and kept on it
(``partner_index``; the CLI also keeps it on disk, ``partner_cache``): the organisations as arrays, theme →
organisations, the latest dated contact of each organisation, participations and folded texts, and one
breadth-first search from the home organisation (depth 3) that gives every candidate's distance and the way to it.
A query is then a few vectorised operations over all organisations plus the reasons for the few shown.

The index also holds what the search and its reasons read of the directory besides that: every node's id, kind
and name (a project's acronym, a person's role, the words of its row), the programmes' rows and the country groups.
So ``search_page`` runs on the index alone, built from a directory (``find_partners_page``) or read back from the
cache without loading the directory (``partner_cache.stored_partner_index``: the CLI's warm path). Pandas is
imported only where the index is built, never by a search.
"""

from __future__ import annotations

import datetime as dt
import re
from collections import deque
from dataclasses import dataclass, field, fields, replace
from typing import TYPE_CHECKING, Callable, Iterable, Mapping, Sequence

import numpy as np
import pyarrow as pa

from . import countries, rules, schema, themes as vocabulary
from .errors import NotFoundError, UsageError
from .partner_evidence import FUNDED_STATUSES, Evidence, ThemeEvidence, experience_programmes
from .partner_reasons import FAMILY_NAMES, coordinator_reason, evidence_reasons, programme_reasons, short_name
from .rules import ConsortiumCheck, ConsortiumRule, CountryGroup, Member, Sentence
from .textnorm import fold, slugify

if TYPE_CHECKING:
    import pandas as pd

    from .directory import Directory

__all__ = [
    "Weights",
    "PartnerQuery",
    "Candidate",
    "ThemeMatch",
    "PartnerIndex",
    "partner_index",
    "find_partners",
    "find_partners_page",
    "search_page",
    "install_index",
    "PartnerPage",
    "TIE_BREAKS",
    "suggest_fixes",
    "describe",
    "split_themes",
    "ENGLISH",
    "FAMILY_NAMES",
    "MAX_DEPTH",
    "FUNDED_STATUSES",
    "LASTING_RELATIONS",
    "with_weights",
    "way_from_home",
]

#: How far the search from the home organisation looks (steps); further candidates count as not reachable.
MAX_DEPTH = 3
#: Equal scores are ordered by this evidence, in this order (most first), and only then by id (see docs/partners.md).
TIE_BREAKS = ("relevant projects", "coordinator experience", "recency", "programme experience")
#: Points for the reach part by distance (1 = directly linked).
REACH_POINTS = {1: 1.0, 2: 2 / 3, 3: 1 / 3}
#: Funded projects in the call's programme line that give the full programme part (fewer give a share).
PROGRAMME_FULL = 2.0
#: Recency: (at most this many days since the last dated contact, points). Older dated contacts get the last value.
RECENCY_STEPS = ((365, 1.0), (2 * 365, 0.75), (3 * 365, 0.5), (5 * 365, 0.25))
RECENCY_OLD = 0.1
#: Relations that last (a membership, a unit of an organisation, a job): their since and until are not contacts.
LASTING_RELATIONS = ("member_of", "part_of", "works_at", "represents", "coordinates")
#: Kinds a path may go through, in order of preference when two ways are equally short (people first: a person
#: who knows someone there is the most useful introduction). Programmes are never a way: sharing a funder is not
#: a connection.
_VIA_PREFERENCE = {"person": 0, "network": 1, "organisation": 2, "project": 3}
_WORD = re.compile(r"[a-z0-9]+")
_STOP_WORDS = frozenset({"and", "och", "for", "the", "of", "in", "med", "av", "till", "with", "to"})


@dataclass(frozen=True)
class Weights:
    """How much each part of the score counts. Each part is between 0 and 1; the score is the weighted average × 100.

    A weight of 0 switches a part off. The defaults favour theme fit and experience in the call's programme line
    equally (an experienced stranger can be as good a partner as a known organisation new to the programme), then
    being able to reach the organisation and the networks shared with it.
    """

    theme: float = 3.0
    programme: float = 3.0
    networks: float = 1.5
    reach: float = 1.5
    recency: float = 1.0
    new_country: float = 1.0

    def __post_init__(self) -> None:
        for f in fields(self):
            value = getattr(self, f.name)
            if not isinstance(value, (int, float)) or value < 0:
                raise UsageError(f"The weight {f.name} must be a number of 0 or more, not {value!r}.")

    @property
    def total(self) -> float:
        return sum(getattr(self, f.name) for f in fields(self))

    @classmethod
    def parts(cls) -> tuple[str, ...]:
        return tuple(f.name for f in fields(cls))


@dataclass(frozen=True)
class PartnerQuery:
    """What we look for. Empty means "no restriction": any theme, any eligible country, any type."""

    programme: str = ""
    #: Theme tags (dance, children-youth) or free text ("contemporary dance"); matched ignoring case and accents.
    themes: tuple[str, ...] = ()
    #: Wanted countries (ISO codes). Empty: any eligible country.
    countries: tuple[str, ...] = ()
    #: Countries not wanted (for example those already in the consortium).
    not_countries: tuple[str, ...] = ()
    types: tuple[str, ...] = ()
    exclude: tuple[str, ...] = ()
    top: int = 10
    #: The draft consortium; its members are not suggested and its countries count as covered. When empty, the
    #: home organisation's country counts as covered (we apply from there).
    consortium: tuple[Member, ...] = ()
    #: "leave-out" (default) or "flag": what to do with candidates the call does not allow.
    ineligible: str = "leave-out"
    #: With themes given, only organisations that match at least one of them.
    require_theme: bool = True
    weights: Weights = field(default_factory=Weights)
    #: Only organisations whose NUTS code starts with one of these (SE12, DE3, ITC4); case does not matter.
    nuts: tuple[str, ...] = ()
    #: Only organisations with funded projects in the call's programme, its family or its lineage (with no
    #: programme: any funded project).
    experienced: bool = False
    #: Only organisations that coordinated at least one funded project.
    coordinators: bool = False
    #: Only organisations that took part in a funded project running (at least partly) in these years.
    since: int | None = None
    until: int | None = None
    #: Skip this many of the best (paging: the second page of 50 has offset 50).
    offset: int = 0


@dataclass(frozen=True)
class Candidate:
    """One suggestion: who, the score (0–100), the points per part, and the reasons in order of weight."""

    id: str
    name: str
    type: str
    country: str
    score: float
    parts: Mapping[str, float]
    reasons: tuple[Sentence, ...]
    #: False when the call does not allow it (only with ``ineligible="flag"``); see ``flags``.
    eligible: bool = True
    #: Whether it would count toward the call's minimums.
    counts: bool = True
    flags: tuple[Sentence, ...] = ()
    #: The way from the home organisation: node ids from the home side to the candidate (empty if not reachable).
    path: tuple[str, ...] = ()
    distance: int | None = None

    def to_dict(self, templates: Mapping[str, str] | None = None, language: str = "en") -> dict:
        """A JSON-ready form with the reasons both as text and as data."""
        return {
            "id": self.id,
            "name": self.name,
            "type": self.type,
            "country": self.country,
            "score": self.score,
            "parts": dict(self.parts),
            "eligible": self.eligible,
            "counts": self.counts,
            "distance": self.distance,
            "path": list(self.path),
            "reasons": [
                {"code": r.code, "text": describe(r, templates, language), "params": _plain(r.params)}
                for r in self.reasons
            ],
            "flags": [
                {"code": r.code, "text": describe(r, templates, language), "params": _plain(r.params)}
                for r in self.flags
            ],
        }


def _plain(params: Mapping[str, object]) -> dict:
    def plain(value: object) -> object:
        return [plain(v) for v in value] if isinstance(value, (tuple, list, frozenset, set)) else value

    return {key: plain(value) for key, value in params.items()}


# --- English -----------------------------------------------------------------------------------------------------

ENGLISH: dict[str, str] = {
    **rules.ENGLISH,
    "theme": "Works on {themes}.",
    "theme-related": "Related themes: {themes}.",
    "programme-projects": "Partner in {count} earlier {programme} projects: {projects}.",
    "programme-projects.one": "Partner in an earlier {programme} project: {projects}.",
    "lineage-projects": "Partner in {count} {programme} projects, the programme before {call}: {projects}.",
    "lineage-projects.one": "Partner in a {programme} project, the programme before {call}: {projects}.",
    "coordinator-experience": "Coordinated {count} funded projects.",
    "coordinator-experience.one": "Coordinated a funded project.",
    "theme-project-topics": "Works on {themes}: a topic of its project {project}.",
    "theme-project-text": "Works on {themes}: its project {project} is about it (\u201c{word}\u201d).",
    "theme-project-topics-text": "Works on {themes}: its project {project} is about it.",
    "theme-own-text": "Works on {themes}: its name or description says \u201c{word}\u201d.",
    "theme-programme": "Works on {themes}: its project {project} was funded by {programme}, which is about it.",
    "theme-network": "Works on {themes}: member of {network}, a network on it.",
    "relevant-projects": "{count} of its projects are about the themes asked.",
    "relevant-projects.one": "One of its projects is about the themes asked.",
    "shared-networks": "Shares {count} networks with {home}: {networks}.",
    "shared-networks.one": "Shares a network with {home}: {networks}.",
    "reach-direct": "Directly linked to {home} ({relation}).",
    "reach-via": "Reachable via {path} ({steps} steps from {home}).",
    "reach-person": "Via {via}, who knows {contact} ({role}) there.",
    "reach-person-direct": "Via {contact} ({role}), who has a link to {home}.",
    "reach-none": "No known way to reach it within 3 steps.",
    "reach-home": "Part of {home}.",
    "recent-contact": "Last dated contact {date}.",
    "old-contact": "Latest dated contact {date}: check that it is still current.",
    "new-country": "Adds a country the consortium lacks: {country}.",
    "country-covered": "{country} is already in the consortium.",
    "outside-not-counted": "{country} is not in {group}: it may take part but does not count toward the minimums.",
    "ineligible-country": "Not eligible: {country} is not in {group}.",
    "ineligible-type": "Not eligible: only {types} may take part.",
}


ENGLISH.update({f"theme.{tag}": name for tag, name in vocabulary.labels("en").items()})


def describe(sentence: Sentence, templates: Mapping[str, str] | None = None, language: str = "en") -> str:
    """A reason or finding in words: English by default, or with the caller's templates (English fills gaps)."""
    return rules.render(sentence, templates or ENGLISH, language, fallback=ENGLISH)


#: Words that join two themes in a phrase someone types ("dans och teater", "music and dance").
_JOINERS = re.compile(r"\s+(?:and|och|samt|or|eller|&|\+)\s+", re.IGNORECASE)


def split_themes(text: str) -> tuple[str, ...]:
    """Themes typed as free text: "dance, children & youth | theatre" → ("dance", "children & youth", "theatre").

    People describe what they look for in words ("dans och teater"), not in lists, so a part joined by "och",
    "and", "&" … is also split, but only where the whole part is not one theme of the vocabulary ("barn och unga"
    is children and youth) and at least one piece is; otherwise the part stays as typed.
    """
    parts = (t.strip() for t in re.split(r"[,;|\n]", text))
    return tuple(piece for part in parts if part for piece in _split_joined(part))


def _split_joined(part: str) -> tuple[str, ...]:
    pieces = tuple(p.strip() for p in _JOINERS.split(part) if p.strip())
    if len(pieces) < 2 or _in_vocabulary(part) or not any(_in_vocabulary(p) for p in pieces):
        return (part,)
    return pieces


def _in_vocabulary(text: str) -> bool:
    known = vocabulary.vocabulary()
    return any(tag in known for tag in vocabulary.resolve(text))


# --- the per-directory index ---------------------------------------------------------------------------------------


def _tag_words(tag: str) -> frozenset[str]:
    return frozenset(w for w in _WORD.findall(fold(tag)) if len(w) >= 3 and w not in _STOP_WORDS)


@dataclass
class _HomeView:
    """What depends on the home organisation: who "we" are, distances, the way there, shared networks."""

    home: str
    group: frozenset[str]
    distance: np.ndarray  # per organisation position: 0 = not reached within MAX_DEPTH, else 1..MAX_DEPTH
    #: Per graph node (``_Arrays.nodes`` order): the step before it on the chosen shortest way (-1: none), and
    #: its distance (-1: not reached; 0: the home side).
    parent: np.ndarray
    depth: np.ndarray
    shared: np.ndarray  # number of shared networks per organisation position
    shared_networks: "_Lists"


@dataclass
class _Lists:
    """Per organisation position, a sorted tuple of ids, stored as two parallel sorted arrays (fast to build)."""

    positions: np.ndarray
    values: np.ndarray

    def get(self, position: int) -> tuple[str, ...]:
        left, right = np.searchsorted(self.positions, [position, position + 1])
        return tuple(self.values[left:right].tolist())

    @classmethod
    def build(cls, positions: np.ndarray, values: np.ndarray) -> "_Lists":
        order = np.lexsort((values, positions))
        return cls(positions[order], values[order])


class _Arrays:
    """The graph as integer arrays: every relation in both directions (CSR), each node's kind and preference rank;
    and what the reasons say about a node: its name, its acronym, a person's role, the words of its row."""

    def __init__(self, directory: "Directory") -> None:
        import pandas as pd  # only where the index is built: a search on a stored index needs no pandas

        graph = directory.graph
        node_index = pd.Index(list(graph.nodes), dtype=object)
        self.nodes = node_index.to_numpy(dtype=object)
        kinds = pd.Series([attrs.get("kind", "") for _, attrs in graph.nodes(data=True)], dtype=object)
        # kinds and relation types as small integer codes: read back from the cache without a string per node
        codes, names = pd.factorize(kinds)
        self.kind_codes, self.kind_names = codes.astype(np.int8), names.tolist()
        self.names = pa.array([str(attrs.get("name", node)) for node, attrs in graph.nodes(data=True)], pa.string())
        self.acronyms = {node: str(attrs["acronym"]) for node, attrs in graph.nodes(data=True) if attrs.get("acronym")}
        self.roles = {
            node: str(attrs["role"])
            for node, attrs in graph.nodes(data=True)
            if attrs.get("kind") == "person" and attrs.get("role")
        }
        self.written = pa.array(_written(directory, self.nodes), pa.string())
        relations = directory.relations
        source = node_index.get_indexer(relations["source"].to_numpy(dtype=object))  # same dtype: the fast path
        target = node_index.get_indexer(relations["target"].to_numpy(dtype=object))
        keep = (source >= 0) & (target >= 0)
        self.source, self.target = source[keep], target[keep]
        codes, names = pd.factorize(relations["relation"].to_numpy(dtype=object)[keep])
        self.relation_codes, self.relation_names = codes.astype(np.int8), names.tolist()
        both_from = np.concatenate([self.source, self.target])
        both_to = np.concatenate([self.target, self.source])
        order = np.argsort(both_from, kind="stable")
        self.neighbours = both_to[order]
        self.offsets = np.concatenate([[0], np.cumsum(np.bincount(both_from, minlength=len(self.nodes)))])
        # Preference among equally short ways: a person, a network, an organisation, a project; then the id.
        preference = kinds.map(_VIA_PREFERENCE).fillna(9).to_numpy(dtype=np.int64)
        self.by_id = np.argsort(self.nodes, kind="stable")  # also finds a node by its id (``position``)
        id_rank = np.empty(len(self.nodes), dtype=np.int64)
        id_rank[self.by_id] = np.arange(len(self.nodes))
        self.rank = preference * len(self.nodes) + id_rank
        self.onwards = ~self.of_kind("programme")  # a programme is reached, but never a way onwards

    def of_kind(self, kind: str) -> np.ndarray:
        """A mask over the nodes: is it of ``kind``?"""
        return self.kind_codes == (self.kind_names.index(kind) if kind in self.kind_names else -2)

    def of_relation(self, relation: str) -> np.ndarray:
        """A mask over the relations: is it of type ``relation``?"""
        names = self.relation_names
        return self.relation_codes == (names.index(relation) if relation in names else -2)

    def position(self, node: str) -> int | None:
        """The position of ``node`` (an id) among the nodes, by binary search on the ids in order; None if absent."""
        at = int(np.searchsorted(self.nodes, node, sorter=self.by_id))
        if at < len(self.nodes) and self.nodes[self.by_id[at]] == node:
            return int(self.by_id[at])
        return None

    def breadth_first(self, sources: np.ndarray, depth: int) -> tuple[np.ndarray, np.ndarray]:
        """One level-by-level search from all ``sources`` at once, vectorised. Returns each node's parent on a
        shortest way (-1 if none) and its distance (-1 if not reached within ``depth``).

        Among equally short ways the parent is the most useful introduction (see ``_VIA_PREFERENCE``), then the
        smallest id, so the answer never depends on the order of the files.
        """
        parent = np.full(len(self.nodes), -1, dtype=np.int64)
        distance = np.full(len(self.nodes), -1, dtype=np.int8)
        distance[sources] = 0
        frontier = sources[self.onwards[sources]]
        for level in range(1, depth + 1):
            counts = self.offsets[frontier + 1] - self.offsets[frontier]
            total = int(counts.sum())
            if total == 0:
                break
            starts = np.repeat(self.offsets[frontier] - np.cumsum(counts) + counts, counts)
            via = np.repeat(frontier, counts)
            reached = self.neighbours[starts + np.arange(total)]
            new = distance[reached] < 0
            via, reached = via[new], reached[new]
            order = np.lexsort((self.rank[via], reached))
            via, reached = via[order], reached[order]
            first = np.ones(len(reached), dtype=bool)
            first[1:] = reached[1:] != reached[:-1]
            parent[reached[first]] = via[first]
            distance[reached[first]] = level
            frontier = reached[first][self.onwards[reached[first]]]
        return parent, distance


def _written(directory: "Directory", nodes: np.ndarray) -> list[str]:
    """Per node, the name, acronym and description of its row joined as a theme reason quotes them from."""
    written = dict.fromkeys(nodes.tolist(), " .  . ")
    for frame in directory.tables.values():
        if "id" not in frame:
            continue
        cells = [frame[k].tolist() if k in frame else [""] * len(frame) for k in ("name", "acronym", "description")]
        for node, *values in zip(frame["id"].tolist(), *cells):
            if node in written:
                written[node] = " . ".join(str(v or "") for v in values)
    return list(written.values())


def _programme_rows(directory: "Directory") -> dict[str, dict[str, str]]:
    """The rows of programmes.csv by id, every cell as text (their rules, families, lineages, themes)."""
    frame = directory.tables.get("programme")
    if frame is None or not len(frame):
        return {}
    return {str(row["id"]): {k: str(v or "") for k, v in row.items()} for row in frame.to_dict("records")}


def _group_fields(directory: "Directory") -> dict[str, dict]:
    """The country groups (``rules.country_groups``) as plain fields, to be kept with the index."""
    return {
        gid: {**vars(group), "countries": sorted(group.countries)}
        for gid, group in rules.country_groups(directory).items()
    }


class PartnerIndex:
    """Everything the partner search needs that does not depend on the query, built once per directory.

    ``directory`` is None for an index read back from the cache on its own (``partner_cache``): everything a search
    reads is then on the index (see the module docs); only an unknown id's error lacks the "did you mean".
    """

    def __init__(self, directory: "Directory") -> None:
        import pandas as pd  # only where the index is built

        self.directory: "Directory | None" = directory
        self.home: str = directory.home or ""
        self.programmes = _programme_rows(directory)
        self.groups = _group_fields(directory)
        #: How many errors the data has (rows left out): the CLI notes it, loaded or not.
        self.data_errors = len(directory.report.errors)
        frame = directory.tables["organisation"].sort_values("id", kind="stable")
        self.ids: list[str] = frame["id"].tolist()
        self.position = {org: i for i, org in enumerate(self.ids)}
        column = {name: frame[name].to_numpy(dtype=object) for name in ("name", "type", "country", "themes")}
        self.names: list[str] = column["name"].tolist()
        self.types = column["type"]
        self.countries = column["country"]
        # Integer codes, so that "in these countries / of these types" is one table look-up per organisation.
        self._type_codes, types = pd.factorize(frame["type"])
        self._country_codes, codes = pd.factorize(frame["country"])
        self._type_values, self._country_values = types.to_numpy(dtype=object), codes.to_numpy(dtype=object)
        self.themes: list[tuple[str, ...]] = [tuple(t.split("|")) if t else () for t in column["themes"].tolist()]
        nuts = frame["nuts"] if "nuts" in frame else pd.Series("", index=frame.index)
        self.nuts = nuts.fillna("").astype(str).str.upper().to_numpy(dtype=object)
        self.tag_positions = self._tags()
        self.tag_words = {tag: _tag_words(tag) for tag in self.tag_positions}
        self.last_contact, self.last_contact_text = self._last_contacts(directory, frame)
        self._evidence: Evidence | None = None
        self._lines: dict[str, frozenset[str]] = {}  # call programme → the programmes of its line
        self._homes: dict[str, _HomeView] = {}
        self._arrays: _Arrays | None = None
        self._group_objects: dict[str, CountryGroup] | None = None

    # -- what the search reads of the directory, kept on the index --

    def _position(self, entity: str) -> int | None:
        return self.arrays.position(entity)

    def _at(self, entity: str) -> int:
        """The position of ``entity`` among the graph's nodes; NotFoundError if there is none."""
        found = self._position(entity)
        if found is None:
            if self.directory is not None:
                self.directory.kind_of(entity)  # raises NotFoundError with the closest ids
            raise NotFoundError(f"There is no entity with id '{entity}'.")
        return found

    def __contains__(self, entity: object) -> bool:
        return isinstance(entity, str) and self._position(entity) is not None

    def kind_of(self, entity: str) -> str:
        arrays = self.arrays
        return str(arrays.kind_names[arrays.kind_codes[self._at(entity)]])

    def name_of(self, entity: str) -> str:
        return str(self.arrays.names[self._at(entity)].as_py())

    def short_name(self, entity: str) -> str:
        """What a project or network is called in a reason: its acronym, else its name."""
        return self.arrays.acronyms.get(entity) or self.name_of(entity)

    def role_of(self, person: str) -> str:
        return self.arrays.roles.get(person, "")

    def written(self, entity: str) -> str:
        """The name, acronym and description of the entity's row (" .  . " for an unknown id)."""
        return str(self.arrays.written[self._at(entity)].as_py()) if entity in self else " .  . "

    def relation_between(self, a: str, b: str) -> str:
        """The relation joining two neighbours (in either direction), the first in the format's order."""
        arrays, x, y = self.arrays, self._at(a), self._at(b)
        forward = np.flatnonzero((arrays.source == x) & (arrays.target == y))
        backward = np.flatnonzero((arrays.source == y) & (arrays.target == x))
        found = [arrays.relation_names[arrays.relation_codes[i]] for i in (*forward.tolist(), *backward.tolist())]
        order = list(schema.RELATION_TYPES)
        return min(found, key=lambda r: order.index(r) if r in order else 99) if found else ""

    def rule_for(self, programme: str) -> ConsortiumRule:
        """The rule of one programme (``rules.rule_for``, from the programme's row kept on the index)."""
        if self.kind_of(programme) != "programme":  # kind_of raises NotFoundError for an unknown id
            if self.directory is not None:
                rules.rule_for(self.directory, programme)  # raises the UsageError that lists the programmes
            raise UsageError(f"'{programme}' is a {self.kind_of(programme)}, not a programme.")
        return rules.rule_from_row(self.programmes.get(programme, {"id": programme}))

    def country_groups(self) -> dict[str, CountryGroup]:
        """The directory's country groups by id (``rules.country_groups``)."""
        if self._group_objects is None:
            self._group_objects = {
                gid: CountryGroup(**{**fields, "countries": frozenset(fields["countries"])})
                for gid, fields in self.groups.items()
            }
        return self._group_objects

    def programme_family(self, programme: str) -> str:
        return self.programmes.get(programme, {}).get("family", "")

    # -- masks --

    def types_in(self, wanted: Iterable[str]) -> np.ndarray:
        """A mask over the organisations: is its type one of ``wanted``?"""
        return _member(self._type_codes, self._type_values, wanted)

    def countries_in(self, wanted: Iterable[str]) -> np.ndarray:
        """A mask over the organisations: is its country one of ``wanted``?"""
        return _member(self._country_codes, self._country_values, wanted)

    def _tags(self) -> dict[str, np.ndarray]:
        found: dict[str, list[int]] = {}
        for i, tags in enumerate(self.themes):
            for tag in tags:
                found.setdefault(tag, []).append(i)
        return {tag: np.asarray(positions, dtype=np.int64) for tag, positions in found.items()}

    def _last_contacts(self, directory: "Directory", frame: "pd.DataFrame") -> tuple[np.ndarray, list[str]]:
        """The newest date of each organisation: its own ``verified`` and the since/until/verified of its relations.

        A lasting relation's dates (``LASTING_RELATIONS``: a membership's joining year, when it ended) say when it
        began or ended, not when anyone was in touch: only its ``verified`` counts. The newest value of each column
        is taken per organisation first (fast on a million relations) and only then completed to a day ("2019" as
        since → 2019-01-01, as until or verified → 2019-12-31).
        """
        import pandas as pd

        from .dates import period_ends, period_starts

        relations = directory.relations
        if len(relations):
            lasting = relations["relation"].isin(LASTING_RELATIONS).to_numpy()
            if lasting.any():
                relations = relations.assign(
                    since=relations["since"].where(~lasting, ""), until=relations["until"].where(~lasting, "")
                )
        columns = ["since", "until", "verified"]
        newest = pd.DataFrame(
            {"until": "", "since": "", "verified": frame["verified"].astype(str).to_numpy()},
            index=pd.Index(frame["id"].to_numpy(dtype=object)),
        )
        dated = relations
        if len(relations):  # most imported relations carry no date: drop them before anything else
            dated = relations[(relations["since"] != "") | (relations["until"] != "") | (relations["verified"] != "")]
        if len(dated):
            sides = [dated[[side, *columns]].set_axis(["id", *columns], axis=1) for side in ("source", "target")]
            both = pd.concat(sides, ignore_index=True)
            known = pd.Index(self.ids, dtype=object).get_indexer(both["id"].to_numpy(dtype=object)) >= 0
            grouped = both[known].groupby("id", sort=False)[columns].max()
            newest = pd.concat([newest, grouped.astype(str)]).groupby(level=0, sort=False).max()
        newest = newest.reindex(self.ids).fillna("")
        completed = np.maximum.reduce(
            [
                period_starts(newest["since"]).to_numpy(dtype=object),
                period_ends(newest["until"]).to_numpy(dtype=object),
                period_ends(newest["verified"]).to_numpy(dtype=object),
            ]
        )
        text = [str(v) for v in completed]
        days = pd.to_datetime(pd.Series(text, dtype=object), format="%Y-%m-%d", errors="coerce")
        return days.to_numpy(dtype="datetime64[D]"), text

    # -- a warm start (partner_cache.py) --

    def prepare(self) -> None:
        """Build everything a query may need that does not depend on it (for storing in the warm-start cache)."""
        self.arrays  # noqa: B018 - built now: the nodes' names and kinds are needed without a home too
        if self.home:
            self.home_view(self.home)
        self.evidence.prepare()

    def state(self) -> dict:
        """What ``restore`` needs: everything but the directory, as plain containers and numpy and Arrow arrays
        (``partner_cache`` stores them as Arrow and JSON, no pickle): the home views and the graph arrays as dicts
        of their fields."""
        skipped = ("directory", "_evidence", "_homes", "_arrays", "_group_objects")
        state = {k: v for k, v in self.__dict__.items() if k not in skipped}
        state["_homes"] = {
            home: {**vars(view), "shared_networks": vars(view.shared_networks)} for home, view in self._homes.items()
        }
        state["_arrays"] = dict(vars(self._arrays)) if self._arrays is not None else None
        state["_evidence"] = self._evidence.state() if self._evidence is not None else None
        return state

    @classmethod
    def restore(cls, state: dict, directory: "Directory | None" = None) -> "PartnerIndex":
        """The index ``state`` describes; ``directory`` None: a search on the stored index alone."""
        index = cls.__new__(cls)
        index.__dict__.update(state)
        index.directory = directory
        index._group_objects = None
        index._homes = {
            home: _HomeView(**{**fields, "shared_networks": _Lists(**fields["shared_networks"])})
            for home, fields in state["_homes"].items()
        }
        if state.get("_arrays") is not None:
            arrays = _Arrays.__new__(_Arrays)
            arrays.__dict__.update(state["_arrays"])
            index._arrays = arrays
        if state.get("_evidence") is not None:
            index._evidence = Evidence.restore(state["_evidence"], index.ids, index.programmes, directory)
        return index

    # -- what organisations have done --

    @property
    def evidence(self) -> Evidence:
        """Participations, programme experience and theme evidence (``partner_evidence``), built on first use."""
        if self._evidence is None:
            self._evidence = Evidence(self._directory(), self.ids, self.programmes)
        return self._evidence

    def programme_history(self, programme: str) -> tuple[np.ndarray, tuple[np.ndarray, np.ndarray]]:
        """Per organisation: how many funded projects it took part in that count as experience for a call in
        ``programme`` (same programme, family or lineage), and the (organisation, project row) pairs."""
        chosen = self._lines.get(programme)
        if chosen is None:
            chosen = self._lines[programme] = experience_programmes(self.programmes, programme)
        counts, orgs, projects = self.evidence.experience(chosen)
        return counts, (orgs, projects)

    # -- the home organisation --

    def home_view(self, home: str) -> _HomeView:
        if home not in self._homes:
            self._homes[home] = self._build_home(home)
        return self._homes[home]

    @property
    def arrays(self) -> _Arrays:
        if self._arrays is None:
            self._arrays = _Arrays(self._directory())
        return self._arrays

    def _directory(self) -> "Directory":
        """The directory, for what is built from it on first use (a stored index was prepared: never needed)."""
        if self.directory is None:
            raise RuntimeError("the partner index was read back without being prepared")
        return self.directory

    def _home_group(self, home: str) -> frozenset[str]:
        """The home organisation and its units (organisations ``part_of`` it, at any depth): they are "us"."""
        graph = self._directory().graph
        found, queue = {home}, deque([home])
        while queue:
            node = queue.popleft()
            for unit in graph.predecessors(node):
                if (
                    unit not in found
                    and graph.has_edge(unit, node, "part_of")
                    and graph.nodes[unit].get("kind") == "organisation"
                ):
                    found.add(unit)
                    queue.append(unit)
        return frozenset(found)

    def _build_home(self, home: str) -> _HomeView:
        import pandas as pd

        arrays = self.arrays
        nodes = pd.Index(arrays.nodes, dtype=object)
        group = self._home_group(home) if home in self else frozenset()
        sources = nodes.get_indexer(sorted(group))
        parent, depth = arrays.breadth_first(sources[sources >= 0], MAX_DEPTH)
        org_nodes = nodes.get_indexer(self.ids)
        distance = np.where(org_nodes >= 0, depth[org_nodes], 0).clip(min=0).astype(np.int8)
        shared, lists = self._shared_networks(sources[sources >= 0], group)
        return _HomeView(home, group, distance, parent, depth, shared, lists)

    def _shared_networks(self, sources: np.ndarray, group: frozenset[str]) -> tuple[np.ndarray, _Lists]:
        """Networks the home side belongs to (itself, its units, or its staff), and which candidates are in them."""
        import pandas as pd

        arrays = self.arrays
        home_side = np.zeros(len(arrays.nodes), dtype=bool)
        home_side[sources] = True
        staff = arrays.of_relation("works_at") & home_side[arrays.target]
        home_side[arrays.source[staff]] = True
        is_network = arrays.of_kind("network")
        networks = np.zeros(len(arrays.nodes), dtype=bool)
        networks[arrays.target[home_side[arrays.source] & is_network[arrays.target]]] = True
        networks[arrays.source[home_side[arrays.target] & is_network[arrays.source]]] = True
        node_position = np.full(len(arrays.nodes), -1, dtype=np.int64)
        org_nodes = pd.Index(arrays.nodes, dtype=object).get_indexer(self.ids)
        node_position[org_nodes[org_nodes >= 0]] = np.flatnonzero(org_nodes >= 0)
        node_position[sources] = -1  # we do not share networks with ourselves
        pairs = []
        for member, network in ((arrays.source, arrays.target), (arrays.target, arrays.source)):
            hit = networks[network] & (node_position[member] >= 0)
            pairs.append(pd.DataFrame({"position": node_position[member[hit]], "network": network[hit]}))
        both = pd.concat(pairs, ignore_index=True).drop_duplicates()
        counts = np.bincount(both["position"].to_numpy(), minlength=len(self.ids)).astype(np.int32)
        ids = arrays.nodes[both["network"].to_numpy()]
        return counts, _Lists.build(both["position"].to_numpy(), ids)


def _member(codes: np.ndarray, values: np.ndarray, wanted: Iterable[str]) -> np.ndarray:
    table = np.zeros(len(values) + 1, dtype=bool)  # the last entry is for code -1 (an empty cell)
    code = {value: i for i, value in enumerate(values.tolist())}
    table[[code[w] for w in wanted if w in code]] = True
    return table[codes]


def _index_key(directory: "Directory") -> tuple:
    return (directory.fingerprint, id(directory.graph), len(directory.graph))  # all O(1)


def partner_index(directory: "Directory", build: Callable[[], PartnerIndex] | None = None) -> PartnerIndex:
    """The directory's partner index, built on first use and kept on the directory (rebuilt if its graph changed).
    ``build`` makes it when there is none (``partner_cache`` reads it back from disk); default: ``PartnerIndex``."""
    return directory.memo("partner_index", _index_key(directory), build or (lambda: PartnerIndex(directory)))


def install_index(directory: "Directory", index: PartnerIndex) -> None:
    """Use ``index`` (read back from the warm-start cache) as the directory's partner index."""
    directory.remember("partner_index", _index_key(directory), index)


# --- the search ----------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ThemeMatch:
    """How the asked themes matched: per organisation the theme part, and what to say about it."""

    score: np.ndarray
    #: (tag, "exact" | "related") pairs of the organisations' own tags that matched.
    matched: list[tuple[str, str]]
    #: Per asked theme, its evidence (own text, projects, programmes, networks).
    evidence: tuple[ThemeEvidence, ...]
    #: Per organisation: how many of its projects are about an asked theme (summed over the themes).
    relevant: np.ndarray


def _theme_scores(index: PartnerIndex, themes: Sequence[str]) -> ThemeMatch:
    """Per organisation, the mean over the asked themes of the best evidence: 1 for its own tag or a project's
    topic, ¾ for its own or a project's words, ½ for a programme, a network or a tag sharing a word."""
    n = len(index.ids)
    if not themes:
        return ThemeMatch(np.zeros(n), [], (), np.zeros(n, dtype=np.int32))
    total = np.zeros(n)
    relevant = np.zeros(n, dtype=np.int32)
    matched: list[tuple[str, str]] = []  # (tag, "exact" | "related")
    found = []
    for theme in themes:
        tags = set(vocabulary.resolve(theme)) | {slugify(theme)}
        words = _tag_words(theme)
        score = np.zeros(n)
        for tag, tag_words in index.tag_words.items():
            if tag not in tags and words and tag_words and words & tag_words:
                score[index.tag_positions[tag]] = np.maximum(score[index.tag_positions[tag]], 0.5)
                matched.append((tag, "related"))
        for tag in sorted(tags):
            if tag in index.tag_positions:
                score[index.tag_positions[tag]] = 1.0
                matched.append((tag, "exact"))
        evidence = index.evidence.theme(theme, index.tag_positions)
        found.append(evidence)
        relevant += evidence.relevant
        total += np.maximum(score, evidence.score)
    return ThemeMatch(total / len(themes), matched, tuple(found), relevant)


def _recency(index: PartnerIndex, today: dt.date) -> tuple[np.ndarray, np.ndarray]:
    age = (np.datetime64(today, "D") - index.last_contact).astype("timedelta64[D]").astype(float)
    known = ~np.isnat(index.last_contact)
    age = np.where(known, np.maximum(age, 0), np.inf)
    points = np.where(known, RECENCY_OLD, 0.0)
    for limit, value in reversed(RECENCY_STEPS):
        points = np.where(age <= limit, value, points)
    return points, age


@dataclass(frozen=True)
class _Context:
    index: PartnerIndex
    rule: ConsortiumRule | None
    group: rules.CountryGroup | None
    home: _HomeView | None
    covered: frozenset[str]
    programme_key: str
    matched: list[tuple[str, str]]
    themes: ThemeMatch | None = None


@dataclass(frozen=True)
class PartnerPage:
    """One page of suggestions and how many organisations matched in all (for paging)."""

    candidates: list[Candidate]
    total: int
    offset: int


def _covered(index: PartnerIndex, consortium: Sequence[Member]) -> frozenset[str]:
    if consortium:
        return frozenset(index.countries[index.position[m.id]] for m in consortium if m.id in index.position)
    home = index.home
    return frozenset([index.countries[index.position[home]]]) if home in index.position else frozenset()


def _validate(index: PartnerIndex, query: PartnerQuery) -> None:
    if query.top < 1:
        raise UsageError(f"top must be 1 or more, not {query.top}.")
    if query.offset < 0:
        raise UsageError(f"offset must be 0 or more, not {query.offset}.")
    if query.ineligible not in ("leave-out", "flag"):
        raise UsageError(f"ineligible must be 'leave-out' or 'flag', not '{query.ineligible}'.")
    if query.since is not None and query.until is not None and query.since > query.until:
        raise UsageError(
            f"The period starts after it ends ({query.since}–{query.until}): give the earlier year "
            "first, such as --since 2014 --until 2020."
        )
    for code in query.nuts:
        if not re.fullmatch(r"[A-Za-z]{2}[0-9A-Za-z]{0,3}", code.strip()):
            raise UsageError(f"'{code}' is not a NUTS code. Write a code or its start, such as SE12 or DE3.")
    for code in (*query.countries, *query.not_countries):
        if not countries.is_valid_code(countries.normalise_code(code)):
            guess = countries.guess_code(code)
            hint = f" For {code}, write {guess}." if guess else ""
            raise UsageError(f"'{code}' is not a country code. Use two-letter ISO codes such as ES or DE.{hint}")
    for kind_id in (*query.exclude, *(m.id for m in query.consortium)):
        index.kind_of(kind_id)  # raises NotFoundError (with suggestions when the directory is at hand)


def find_partners(directory: "Directory", query: PartnerQuery, today: dt.date | None = None) -> list[Candidate]:
    """The best ``query.top`` candidates for the query (after ``query.offset``), best first, with reasons."""
    return find_partners_page(directory, query, today).candidates


def find_partners_page(directory: "Directory", query: PartnerQuery, today: dt.date | None = None) -> PartnerPage:
    """Like ``find_partners``, with the number of organisations that matched, so that a page can offer the next.

    Ranked by score; equal scores by evidence (``TIE_BREAKS``): projects about the asked themes (without themes:
    projects in the call's programme line), funded projects coordinated, the newest date (a dated contact or the
    end of a funded project), projects in the call's programme line; only when all of that is equal, by id.
    """
    return search_page(partner_index(directory), query, today)


def search_page(index: PartnerIndex, query: PartnerQuery, today: dt.date | None = None) -> PartnerPage:
    """``find_partners_page`` on a partner index: one built from a loaded directory, or one read back from the
    cache on its own (``partner_cache.stored_partner_index``), which answers without loading the directory."""
    _validate(index, query)
    today = today or dt.date.today()
    rule = index.rule_for(query.programme) if query.programme else None
    group = index.country_groups().get(rule.eligible_group) if rule and rule.eligible_group else None
    home = index.home_view(index.home) if index.home else None
    if not index.ids:
        return PartnerPage([], 0, query.offset)
    n = len(index.ids)
    in_group = index.countries_in(group.countries) if group else np.ones(n, dtype=bool)
    type_ok = index.types_in(rule.partner_types) if rule and rule.partner_types else np.ones(n, dtype=bool)
    allowed = type_ok & (in_group | bool(rule and rule.outside_countries == "not-counted"))
    theme = _theme_scores(index, query.themes)
    key = rule.programme if rule else ""
    history = index.programme_history(key)[0] if key else np.zeros(n, dtype=np.int32)
    mask = _wanted(index, query, home, history) & (allowed if query.ineligible == "leave-out" else True)
    if query.themes and query.require_theme:
        mask &= theme.score > 0
    positions = np.flatnonzero(mask)
    if not len(positions):
        return PartnerPage([], 0, query.offset)
    covered = _covered(index, query.consortium)
    parts = _parts(index, home, history, theme.score, covered, in_group, today)
    weights = query.weights
    score = sum(getattr(weights, name) * values for name, values in parts.items()) * (100.0 / (weights.total or 1))
    evidence = index.evidence
    relevant = theme.relevant if query.themes else history
    newest = np.maximum(
        np.where(np.isnat(index.last_contact), -1, index.last_contact.astype(np.int64)), evidence.newest_project
    )
    p = positions
    order = np.lexsort(
        (p, -history[p], -newest[p], -evidence.coordinated[p], -relevant[p], -np.round(score[p], 6), ~allowed[p])
    )
    chosen = p[order][query.offset : query.offset + query.top]
    context = _Context(index, rule, group, home, covered, key, theme.matched, theme)
    found = [
        _candidate(
            context,
            int(i),
            parts,
            weights,
            float(score[i]),
            bool(allowed[i]),
            bool(in_group[i]),
            bool(type_ok[i]),
            today,
        )
        for i in chosen
    ]
    return PartnerPage(found, len(positions), query.offset)


def _wanted(index: PartnerIndex, query: PartnerQuery, home: _HomeView | None, history: np.ndarray) -> np.ndarray:
    """The query's own filters: not excluded, not us, not already in; the wanted countries, types, NUTS regions,
    experience and period."""
    mask = np.ones(len(index.ids), dtype=bool)
    for org in (*query.exclude, *(m.id for m in query.consortium), *(home.group if home else ())):
        if org in index.position:
            mask[index.position[org]] = False
    if query.types:
        mask &= index.types_in(query.types)
    if query.countries:
        mask &= index.countries_in(countries.normalise_code(c) for c in query.countries)
    if query.not_countries:
        mask &= ~index.countries_in(countries.normalise_code(c) for c in query.not_countries)
    if query.nuts:
        starts = tuple(code.strip().upper() for code in query.nuts)
        mask &= np.fromiter(
            (bool(code) and code.startswith(starts) for code in index.nuts), dtype=bool, count=len(index.ids)
        )
    if query.experienced:
        mask &= (history > 0) if query.programme else (index.evidence.funded_count > 0)
    if query.coordinators:
        mask &= index.evidence.coordinated > 0
    if query.since is not None or query.until is not None:
        mask &= index.evidence.took_part_between(query.since, query.until)
    return mask


def _parts(
    index: PartnerIndex,
    home: _HomeView | None,
    history: np.ndarray,
    theme: np.ndarray,
    covered: frozenset[str],
    in_group: np.ndarray,
    today: dt.date,
) -> dict[str, np.ndarray]:
    """The six parts of the score, each between 0 and 1, for every organisation (see docs/partners.md)."""
    n = len(index.ids)
    return {
        "theme": theme,
        "programme": np.minimum(history / PROGRAMME_FULL, 1.0),
        "networks": np.minimum(home.shared / 2.0, 1.0) if home else np.zeros(n),
        "reach": np.select([home.distance == d for d in REACH_POINTS], list(REACH_POINTS.values()), 0.0)
        if home
        else np.zeros(n),
        "recency": _recency(index, today)[0],
        "new_country": (~index.countries_in(covered) & in_group).astype(float),
    }


# --- reasons -----------------------------------------------------------------------------------------------------


def _candidate(
    context: _Context,
    position: int,
    parts: dict[str, np.ndarray],
    weights: Weights,
    score: float,
    allowed: bool,
    in_group: bool,
    type_ok: bool,
    today: dt.date,
) -> Candidate:
    index = context.index
    org = index.ids[position]
    points = {
        name: round(float(values[position]) * getattr(weights, name) * 100 / (weights.total or 1.0), 2)
        for name, values in parts.items()
    }
    reasons: list[tuple[float, int, Sentence]] = []

    def add(part: str, order: int, sentence: Sentence | None) -> None:
        if sentence is not None:
            reasons.append((points.get(part, 0.0), order, sentence))

    add("theme", 0, _theme_reason(index, position, context.matched))
    for sentence in evidence_reasons(index, context.themes, position):
        add("theme", 1, sentence)
    add("theme", 1, _related_reason(index, position, context.matched))
    for sentence in programme_reasons(index, context.programme_key, position):
        add("programme", 2, sentence)
    add("programme", 3, coordinator_reason(index, position))
    add("networks", 3, _network_reason(context, position))
    path = _path(context, org)
    add("reach", 4, _reach_reason(context, path) if context.home else None)
    add("recency", 5, _recency_reason(index, position, today))
    country = index.countries[position]
    if in_group and country not in context.covered:
        add("new_country", 6, Sentence("new-country", {"country": country}))
    elif in_group:
        add("new_country", 6, Sentence("country-covered", {"country": country}))
    reasons.sort(key=lambda r: (-r[0], r[1]))
    flags = _flags(context, country, in_group, type_ok)
    return Candidate(
        org,
        index.names[position],
        str(index.types[position]),
        country,
        round(score, 1),
        points,
        tuple(r[2] for r in reasons),
        allowed,
        in_group and type_ok,
        flags,
        path,
        len(path) - 1 if path else None,
    )


def _theme_reason(index: PartnerIndex, position: int, matched: list[tuple[str, str]]) -> Sentence | None:
    tags = index.themes[position]
    exact = tuple(dict.fromkeys(t for t, how in matched if how == "exact" and t in tags))
    return Sentence("theme", {"themes": exact}) if exact else None


def _related_reason(index: PartnerIndex, position: int, matched: list[tuple[str, str]]) -> Sentence | None:
    tags = index.themes[position]
    exact = {t for t, how in matched if how == "exact"}
    related = tuple(dict.fromkeys(t for t, how in matched if how == "related" and t in tags and t not in exact))
    return Sentence("theme-related", {"themes": related}) if related else None


def _network_reason(context: _Context, position: int) -> Sentence | None:
    if context.home is None:
        return None
    networks = context.home.shared_networks.get(position)
    if not networks:
        return None
    return Sentence(
        "shared-networks",
        {
            "count": len(networks),
            "home": context.index.name_of(context.home.home),
            "networks": tuple(short_name(context.index, n) for n in networks[:3]),
        },
    )


def _path(context: _Context, org: str) -> tuple[str, ...]:
    """The chosen shortest way from the home side to ``org`` (node ids, home side first); empty if none."""
    home = context.home
    if home is None:
        return ()
    index = context.index
    nodes = index.arrays.nodes
    node = index._at(org) if org in index else -1
    if node < 0 or home.depth[node] < 0:
        return ()
    way = [node]
    while home.depth[way[-1]] > 0:
        way.append(int(home.parent[way[-1]]))
    return tuple(nodes[i] for i in reversed(way))


def _reach_reason(context: _Context, path: tuple[str, ...]) -> Sentence:
    index = context.index
    home_name = index.name_of(context.home.home)  # type: ignore[union-attr]
    if not path:
        return Sentence("reach-none", {"home": home_name})
    home_name = index.name_of(path[0])  # the home organisation or the unit of it the way starts from
    if len(path) == 2:
        return Sentence("reach-direct", {"home": home_name, "relation": index.relation_between(path[0], path[1])})
    via, target = path[1:-1], path[-1]
    last = via[-1]
    kinds = [index.kind_of(v) for v in via]
    if kinds[-1] == "person" and index.relation_between(last, target) in ("works_at", "represents"):
        role = index.role_of(last)
        if len(via) >= 2 and kinds[-2] == "person" and index.relation_between(via[-2], last) == "knows":
            return Sentence(
                "reach-person",
                {
                    "via": index.name_of(via[-2]),
                    "contact": index.name_of(last),
                    "role": role or "?",
                    "home": home_name,
                },
            )
        if len(via) == 1:
            return Sentence(
                "reach-person-direct", {"contact": index.name_of(last), "role": role or "?", "home": home_name}
            )
    return Sentence(
        "reach-via",
        {
            "path": tuple((index.name_of(v), k) for v, k in zip(via, kinds)),
            "steps": len(path) - 1,
            "home": home_name,
        },
    )


def _recency_reason(index: PartnerIndex, position: int, today: dt.date) -> Sentence | None:
    date = index.last_contact_text[position]
    if not date:
        return None
    age = (today - dt.date.fromisoformat(date)).days
    return Sentence("recent-contact" if age <= 3 * 365 else "old-contact", {"date": date})


def _flags(context: _Context, country: str, in_group: bool, type_ok: bool) -> tuple[Sentence, ...]:
    flags = []
    group_name = context.group.name if context.group else ""
    if not in_group:
        code = (
            "outside-not-counted"
            if context.rule and context.rule.outside_countries == "not-counted"
            else "ineligible-country"
        )
        flags.append(Sentence(code, {"country": country, "group": group_name}))
    if not type_ok and context.rule:
        flags.append(Sentence("ineligible-type", {"types": context.rule.partner_types}))
    return tuple(flags)


def way_from_home(directory: "Directory", org: str) -> tuple[tuple[str, ...], Sentence]:
    """How the home organisation reaches ``org``: the entities on the way (home side first) and the sentence."""
    directory.kind_of(org)  # raises NotFoundError for an unknown id
    index = partner_index(directory)
    home = index.home_view(index.home) if index.home else None
    if home is None:
        return (), Sentence("reach-none", {"home": ""})
    if org in home.group:
        return (org,), Sentence("reach-home", {"home": index.name_of(home.home)})
    context = _Context(index, None, None, home, frozenset(), "", [])
    path = _path(context, org)
    return path, _reach_reason(context, path)


# --- suggestions for an unmet consortium rule ------------------------------------------------------------------


def suggest_fixes(
    directory: "Directory",
    check: ConsortiumCheck,
    themes: Sequence[str] = (),
    top: int = 3,
    weights: Weights | None = None,
    today: dt.date | None = None,
) -> dict[str, list[Candidate]]:
    """For each unmet finding that more or other partners would fix, the best candidates (by finding code)."""
    found: dict[str, list[Candidate]] = {}
    members = tuple(check.members)
    unmet = {f.code for f in check.unmet}
    for finding in check.unmet:
        want = finding.want
        if want is None or (want.countries is not None and not want.countries):
            continue
        if finding.code == "min-partners" and unmet & {"min-countries", "min-eu-countries", "min-eu-partners"}:
            continue  # a partner from a new country (or an EU one) fixes both: one list of suggestions is enough
        query = PartnerQuery(
            programme=check.rule.programme,
            themes=tuple(themes),
            countries=tuple(sorted(want.countries)) if want.countries is not None else (),
            not_countries=tuple(sorted(want.not_countries)),
            types=tuple(want.types),
            top=top,
            consortium=members,
            weights=weights or Weights(),
        )
        found[finding.code] = find_partners(directory, query, today)
    return found


def with_weights(query: PartnerQuery, **weights: float) -> PartnerQuery:
    """The same query with some weights changed (``with_weights(q, theme=5)``)."""
    return replace(query, weights=replace(query.weights, **weights))
