"""Insights: the answers the Insights page, the CLI (``python -m network insights``) and exports share.

Built from the directory and its ``Metrics`` (see ``metrics.py``), in plain data (dataclasses of ids, names and
numbers), so the page can translate every sentence and the CLI can print JSON:

- brokers: the entities with the highest betweenness, with how many groups (communities) they connect and how many
  of those groups have no other link between them;
- communities: size, main themes and countries, best-known members;
- stale partners: organisations and networks near the home organisation whose row was not verified for three
  years or whose relations all ended more than three years ago;
- missing countries: countries eligible for a programme in which the directory has no organisation;
- missing themes: themes in the directory that no entity near the home organisation works on;
- reach: how many entities the home organisation reaches in 1, 2, 3… steps.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections import Counter, deque
from dataclasses import asdict, astuple, dataclass, field
from typing import TYPE_CHECKING

import networkx as nx

from . import schema
from .countries import country_name
from .metrics import Metrics
from .nx_fast import node_attrs, succ_pred

if TYPE_CHECKING:
    from .directory import Directory

__all__ = [
    "Broker",
    "Community",
    "StalePartner",
    "MissingCountry",
    "Insights",
    "brokers",
    "community_summaries",
    "stale_partners",
    "missing_countries",
    "missing_themes",
    "reach",
    "build_insights",
    "report_basis",
    "RECENT_YEARS",
]

#: A partner is "out of touch" when nothing about it was verified or active for this many years.
RECENT_YEARS = schema.STALE_AFTER_DAYS // 365
#: Partners are the organisations and networks this many steps from the home organisation or closer.
PARTNER_RADIUS = 2
_PARTNER_KINDS = ("organisation", "network")


@dataclass(frozen=True)
class Broker:
    id: str
    name: str
    kind: str
    betweenness: float
    degree: int
    community: int
    #: How many communities its neighbours (and itself) belong to.
    groups: int
    #: How many pairs of those communities have no link between them except through this entity.
    unlinked_pairs: int
    constraint: float | None = None
    effective_size: float | None = None


@dataclass(frozen=True)
class Community:
    number: int
    size: int
    themes: list[tuple[str, int]]
    countries: list[tuple[str, int]]
    #: The best-known members (most links): (id, name).
    members: list[tuple[str, str]]

    @property
    def id(self) -> str:
        return f"community-{self.number + 1}"

    @property
    def name(self) -> str:
        return f"Group {self.number + 1}"


@dataclass(frozen=True)
class StalePartner:
    id: str
    name: str
    kind: str
    distance: int
    verified: str
    last_active: str
    #: ``not-verified`` (verified missing or older than RECENT_YEARS) and/or ``no-recent-relation``.
    reasons: tuple[str, ...]


@dataclass(frozen=True)
class MissingCountry:
    id: str  # the ISO code
    name: str
    programmes: tuple[str, ...]


@dataclass
class Insights:
    brokers: list[Broker] = field(default_factory=list)
    communities: list[Community] = field(default_factory=list)
    stale: list[StalePartner] = field(default_factory=list)
    missing_countries: list[MissingCountry] = field(default_factory=list)
    missing_themes: list[str] = field(default_factory=list)
    #: Distance from the home organisation → entities at that distance, by kind.
    reach: dict[int, dict[str, int]] = field(default_factory=dict)
    home: str = ""
    sampled_sources: int = 0

    def to_json(self) -> dict:
        """The CLI's JSON: every list of entities as objects with ``id`` and ``name``."""
        return {
            "home": self.home,
            "brokers": [asdict(b) for b in self.brokers],
            "communities": [
                {
                    "id": c.id,
                    "name": c.name,
                    "number": c.number + 1,
                    "size": c.size,
                    "themes": [t for t, _ in c.themes],
                    "countries": [k for k, _ in c.countries],
                    "members": [{"id": i, "name": n} for i, n in c.members],
                }
                for c in self.communities
            ],
            "stale": [{**asdict(s), "reasons": list(s.reasons)} for s in self.stale],
            "missing_countries": [
                {"id": m.id, "name": m.name, "programmes": list(m.programmes)} for m in self.missing_countries
            ],
            "missing_themes": list(self.missing_themes),
            "reach": {str(d): counts for d, counts in self.reach.items()},
            "betweenness_sampled_from": self.sampled_sources,
        }


def _name(directory: "Directory", node: str) -> str:
    return str(directory.graph.nodes[node].get("name") or node)


def _neighbours(graph: nx.MultiDiGraph, node: str) -> set[str]:
    return set(graph.successors(node)).union(graph.predecessors(node)) - {node}


def _community_links(graph: nx.MultiDiGraph, community: dict[str, int]) -> Counter:
    """How many links join each pair of communities (pairs as sorted tuples), each linked pair of entities once."""
    links: Counter = Counter()
    for u, targets in graph.adjacency():
        cu = community.get(u)
        for v in targets:
            cv = community.get(v)
            if cu is not None and cv is not None and cu != cv and not (str(v) < str(u) and graph.has_edge(v, u)):
                links[(min(cu, cv), max(cu, cv))] += 1
    return links


def _broker_ranking(directory: "Directory", metrics: Metrics, top: int) -> list[str]:
    """The ``top`` entities by betweenness, people left out (the tool is about organisations' reach)."""
    attrs, between = node_attrs(directory.graph), metrics.betweenness  # NodeView look-ups cost 4 times more
    return heapq.nsmallest(
        top,
        (n for n, b in between.items() if b > 0 and n in attrs and attrs[n].get("kind") != "person"),
        key=lambda n: (-between[n], n),
    )


def brokers(
    directory: "Directory",
    metrics: Metrics,
    top: int = 10,
    links: Counter | None = None,
    ranked: list[str] | None = None,
    known: list[Broker] | None = None,
) -> list[Broker]:
    """The ``top`` entities by betweenness (people left out: the tool is about organisations' reach), explained.

    ``links`` (community pair → links) is what ``_community_links`` gives, ``ranked`` the ids in order (at least
    ``top`` of them, or all there are) and ``known`` the first of them explained; the report passes the stored ones
    (a hub with 17,000 neighbours takes tens of milliseconds to explain)."""
    graph, community = directory.graph, metrics.community
    links = _community_links(graph, community) if links is None else links
    ranked = _broker_ranking(directory, metrics, top) if ranked is None else ranked[:top]
    found = list((known or [])[: len(ranked)])
    for node in ranked[len(found) :]:
        own = community.get(node, -1)
        around = _neighbours(graph, node)
        groups = {community[n] for n in around if n in community} | {own}
        via_me: Counter = Counter(community[n] for n in around if community.get(n, own) != own)
        unlinked = 0
        for a, b in itertools.combinations(sorted(groups), 2):
            other = links.get((a, b), 0) - (via_me[b if a == own else a] if own in (a, b) else 0)
            unlinked += other <= 0
        found.append(
            Broker(
                node,
                _name(directory, node),
                graph.nodes[node].get("kind", ""),
                round(metrics.betweenness[node], 6),
                metrics.degree.get(node, 0),
                own,
                len(groups),
                unlinked,
                metrics.constraint.get(node),
                metrics.effective_size.get(node),
            )
        )
    return found


def _most_common(counts: Counter, n: int = 3) -> list[tuple[str, int]]:
    """The ``n`` largest counts, ties by value (``Counter.most_common`` keeps insertion order, which varies)."""
    return sorted(counts.items(), key=lambda item: (-item[1], item[0]))[:n]


def community_summaries(
    directory: "Directory", metrics: Metrics, top: int = 10, members: int = 5, min_size: int = 2
) -> list[Community]:
    """The ``top`` largest communities (of at least ``min_size`` entities) with their themes and countries."""
    nodes = node_attrs(directory.graph)  # the graph's own dict: NodeView look-ups cost 4 times more
    groups: dict[int, list[str]] = {}
    for node, number in metrics.community.items():
        if node in nodes:
            groups.setdefault(number, []).append(node)
    found = []
    for number in sorted(groups, key=lambda k: (-len(groups[k]), k)):
        group = groups[number]
        if len(group) < min_size or len(found) >= top:
            break
        themes = Counter(t for n in group for t in nodes[n].get("themes", ()))
        countries = Counter(nodes[n]["country"] for n in group if nodes[n].get("country"))
        best = heapq.nsmallest(
            members,
            (n for n in group if nodes[n].get("kind") != "person"),
            key=lambda n: (-metrics.degree.get(n, 0), n),
        )
        found.append(
            Community(
                number,
                len(group),
                _most_common(themes),
                _most_common(countries),
                [(n, _name(directory, n)) for n in best],
            )
        )
    return found


def distances(directory: "Directory", limit: int | None = None) -> dict[str, int]:
    """Steps from the home organisation to every entity it reaches (relations in either direction)."""
    home = directory.home
    if not home:
        return {}
    graph, seen, queue = directory.graph, {home: 0}, deque([home])
    succ, pred = succ_pred(graph)
    while queue:
        node = queue.popleft()
        if limit is not None and seen[node] >= limit:
            continue
        for other in itertools.chain(succ[node], pred[node]):
            if other not in seen:
                seen[other] = seen[node] + 1
                queue.append(other)
    return seen


def reach(directory: "Directory", around: dict[str, int] | None = None) -> dict[int, dict[str, int]]:
    """Distance → {kind: count} for everything the home organisation reaches."""
    around = distances(directory) if around is None else around
    counts: dict[int, Counter] = {}
    for node, steps in around.items():
        if steps:
            counts.setdefault(steps, Counter())[directory.graph.nodes[node].get("kind", "")] += 1
    return {d: dict(sorted(counts[d].items())) for d in sorted(counts)}


def _year_ago(today: dt.date, years: int) -> str:
    return (today - dt.timedelta(days=365 * years)).isoformat()


#: ``_last_active``'s answer for an entity with a relation that has begun and not ended: active today.
_OPEN = "*"


def _last_active(graph: nx.MultiDiGraph, node: str) -> str:
    """The last day any relation of ``node`` was active, ``_OPEN`` if one still is, "" if no relation has dates.

    Independent of the day, so it can be worked out with the metrics and stored (``report_basis``)."""
    latest = ""
    for u, v in itertools.chain(
        ((node, v) for v in graph.successors(node)), ((u, node) for u in graph.predecessors(node))
    ):
        for attrs in graph.get_edge_data(u, v).values():
            periods = attrs.get("periods") or f"{attrs.get('since', '')}/{attrs.get('until', '')}"
            for period in periods.split("|"):
                since, _, until = period.partition("/")
                if until:
                    latest = max(latest, until)
                elif since:  # begun, not ended: still active
                    return _OPEN
    return latest


def _near_partners(directory: "Directory", around: dict[str, int]) -> dict[str, tuple[int, str]]:
    """Organisations and networks 1..PARTNER_RADIUS steps from home → (steps, ``_last_active``)."""
    graph, found = directory.graph, {}
    for node, steps in around.items():
        if steps and steps <= PARTNER_RADIUS and graph.nodes[node].get("kind") in _PARTNER_KINDS:
            found[node] = (steps, _last_active(graph, node))
    return found


def stale_partners(
    directory: "Directory",
    today: dt.date | None = None,
    around: dict[str, int] | None = None,
    partners: dict[str, tuple[int, str]] | None = None,
) -> list[StalePartner]:
    """Partners near the home organisation we may have lost touch with, oldest first.

    ``partners`` is ``_near_partners``' answer (the report passes the stored one); else it is worked out from
    ``around`` (steps from home)."""
    today = today or dt.date.today()
    cutoff, now = _year_ago(today, RECENT_YEARS), today.isoformat()
    if partners is None:
        partners = _near_partners(directory, distances(directory, PARTNER_RADIUS) if around is None else around)
    nodes, found = node_attrs(directory.graph), []
    for node, (steps, last) in partners.items():
        attrs = nodes[node]
        verified = str(attrs.get("verified") or "")
        last = now if last == _OPEN else last
        reasons = []
        if not verified or verified < cutoff:
            reasons.append("not-verified")
        if last and last < cutoff:
            reasons.append("no-recent-relation")
        if reasons:
            found.append(
                StalePartner(node, _name(directory, node), attrs["kind"], steps, verified, last, tuple(reasons))
            )
    return sorted(found, key=lambda s: (-len(s.reasons), s.verified or "0", s.last_active, s.id))


def missing_countries(directory: "Directory", programme: str | None = None) -> list[MissingCountry]:
    """Countries eligible for a programme (or for any programme with a country group) without any organisation."""
    from .rules import country_groups, programme_rules

    groups = country_groups(directory)
    have = set(directory.tables["organisation"]["country"].unique()) if "organisation" in directory.tables else set()
    wanted: dict[str, list[str]] = {}
    for rule in programme_rules(directory):
        if (programme and rule.programme != programme) or rule.eligible_group not in groups:
            continue
        for code in groups[rule.eligible_group].countries:
            if code not in have:
                wanted.setdefault(code, []).append(rule.programme)
    return [MissingCountry(code, country_name(code), tuple(sorted(set(p)))) for code, p in sorted(wanted.items())]


def missing_themes(directory: "Directory", around: dict[str, int] | None = None) -> list[str]:
    """Themes used in the directory that no organisation or network near the home organisation has."""
    nodes = directory.graph.nodes
    around = distances(directory, PARTNER_RADIUS) if around is None else around
    if not around:
        return []
    everywhere = {t for _, a in nodes(data=True) for t in a.get("themes", ())}
    near = {t for n in around if nodes[n].get("kind") in _PARTNER_KINDS for t in nodes[n].get("themes", ())}
    return sorted(everywhere - near)


#: How many brokers (in order) and community summaries the stored basis keeps: a report asking for more (the CLI's
#: ``--top``) works them out afresh.
RANKED = 100
#: How many of the ranked brokers the basis keeps explained (the page and the CLI show 10 by default).
EXPLAINED = 25


def _stale_from_basis(directory: "Directory", near: dict, today: dt.date | None) -> list[StalePartner]:
    """``stale_partners`` from the stored partners (steps, last active day, verified), compared as arrays: the
    report checks about 95,000 partners near home at 1,000,000 relations, and only the stale ones become objects."""
    import numpy as np

    today = today or dt.date.today()
    cutoff, now = _year_ago(today, RECENT_YEARS), today.isoformat()
    verified, last = np.array(near["verified"], dtype=str), np.array(near["last"], dtype=str)
    last = np.where(last == _OPEN, now, last)
    unverified = (verified == "") | (verified < cutoff)
    quiet = (last != "") & (last < cutoff)
    nodes, ids, steps, found = node_attrs(directory.graph), near["ids"], near["steps"], []
    for i in np.flatnonzero(unverified | quiet).tolist():
        node = ids[i]
        reasons = ("not-verified",) * bool(unverified[i]) + ("no-recent-relation",) * bool(quiet[i])
        found.append(
            StalePartner(
                node, _name(directory, node), nodes[node]["kind"], steps[i], str(verified[i]), str(last[i]), reasons
            )
        )
    return sorted(found, key=lambda s: (-len(s.reasons), s.verified or "0", s.last_active, s.id))


def _community_rows(found: list[Community]) -> list[list]:
    """The summaries as JSON lists (so the basis in memory equals the one read back from the file)."""
    return [
        [c.number, c.size, *([list(pair) for pair in pairs] for pairs in (c.themes, c.countries, c.members))]
        for c in found
    ]


def _stored_communities(rows: list[list], top: int) -> list[Community]:
    return [
        Community(number, size, [tuple(x) for x in themes], [tuple(x) for x in countries], [tuple(x) for x in members])
        for number, size, themes, countries, members in rows[:top]
    ]


def report_basis(directory: "Directory", metrics: Metrics) -> dict:
    """What the report needs that walks the whole graph, as plain JSON data, worked out once with the metrics.

    At 1,000,000 relations these walks (links between communities, steps from home, the last active day of every
    partner near home) take seconds, and ranking the brokers and summing up the communities goes over every entity;
    the metrics job stores all of it next to the metrics, so the report from stored metrics only looks at the
    partners near home (docs/performance.md). None of it depends on the day or the report's options.
    """
    around = distances(directory)
    near = {n: d for n, d in around.items() if d <= PARTNER_RADIUS}
    partners = _near_partners(directory, near)
    nodes, ranked = node_attrs(directory.graph), _broker_ranking(directory, metrics, RANKED)
    links = _community_links(directory.graph, metrics.community)  # once: the brokers and the stored links use it
    return {
        "home": directory.home or "",
        "brokers": ranked,
        "explained": [list(astuple(b)) for b in brokers(directory, metrics, EXPLAINED, links=links, ranked=ranked)],
        "communities": _community_rows(community_summaries(directory, metrics, RANKED)),
        "community_links": [[a, b, n] for (a, b), n in sorted(links.items())],
        "reach": [[d, counts] for d, counts in reach(directory, around).items()],
        "partners": {
            "ids": list(partners),
            "steps": [p[0] for p in partners.values()],
            "last": [p[1] for p in partners.values()],
            "verified": [str(nodes[n].get("verified") or "") for n in partners],
        },
        "missing_themes": missing_themes(directory, near),
    }


def _basis(directory: "Directory", metrics: Metrics) -> dict:
    """The stored basis when it was made for this data and home, else a fresh one."""
    stored = metrics.report_basis
    if (
        stored
        and "explained" in stored
        and metrics.fingerprint
        and metrics.fingerprint == directory.fingerprint
        and stored.get("home") == (directory.home or "")
    ):
        return stored
    return report_basis(directory, metrics)


def build_insights(
    directory: "Directory", metrics: Metrics, top: int = 10, today: dt.date | None = None, programme: str | None = None
) -> Insights:
    """Every insight of the directory, from its metrics (and the report basis stored with them, if any)."""
    basis = _basis(directory, metrics)
    links = Counter({(a, b): n for a, b, n in basis["community_links"]})
    ranked, groups = basis["brokers"], basis["communities"]
    known = [Broker(*row) for row in basis["explained"]]
    return Insights(  # the stored rankings hold RANKED entries, or all there are when fewer
        brokers=(
            brokers(directory, metrics, top, links, ranked, known)
            if top <= len(ranked) or len(ranked) < RANKED
            else brokers(directory, metrics, top, links, known=known)
        ),
        communities=(
            _stored_communities(groups, top)
            if top <= len(groups) or len(groups) < RANKED
            else community_summaries(directory, metrics, top)
        ),
        stale=_stale_from_basis(directory, basis["partners"], today),
        missing_countries=missing_countries(directory, programme),
        missing_themes=list(basis["missing_themes"]),
        reach={int(d): dict(counts) for d, counts in basis["reach"]},
        home=directory.home or "",
        sampled_sources=metrics.sampled_sources,
    )
