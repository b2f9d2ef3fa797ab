"""Network measures: degree, betweenness, communities, brokerage, and the cut points around the home organisation.

Every measure works on the *undirected simple projection* of the directory's graph (one link between two entities
however many relations join them, directions ignored): who connects whom matters here, not which way a relation
is written. The measures are networkx's own functions, so a test can compare each with its reference:

- betweenness: exact on a view; on a large directory sampled from ``k`` sources with a fixed seed (the same data
  gives the same figures), because exact betweenness is O(nodes × links);
- communities: Louvain (networkx) or Leiden (igraph, large graphs) with a fixed seed, numbered by size (community 0 is the largest);
- Burt's constraint and effective size: computed for the candidate brokers only (the top entities by betweenness),
  since both are quadratic in a node's degree;
- bridges and articulation points: in the home organisation's neighbourhood (radius 2), where "if this link or
  entity went, part of our network would be cut off from us" is a question staff actually ask.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import asdict, dataclass, field
from typing import Any, Callable, Iterable

import networkx as nx

__all__ = [
    "Metrics",
    "MetricsProgress",
    "projection",
    "betweenness",
    "communities",
    "brokerage",
    "home_cut_points",
    "compute_metrics",
    "EXACT_BETWEENNESS_UP_TO",
    "SAMPLE_SOURCES",
    "SEED",
    "ENGINES",
]

#: Called with a step name and the fraction done (0..1).
MetricsProgress = Callable[[str, float], None]
#: Views and directories up to this many entities get exact betweenness; larger ones are sampled.
EXACT_BETWEENNESS_UP_TO = 5000
#: How many sources sampled betweenness starts from (see docs/performance.md for the time it takes).
SAMPLE_SOURCES = 64
#: The seed for sampling and Louvain: the same data gives the same numbers and groups.
SEED = 13
#: Above this many entities within two steps of home, cut points are looked for one step around it only.
HOME_AREA_LIMIT = 20000
#: Which library computes betweenness and communities: igraph when installed ("auto"), or one of them.
ENGINES = ("auto", "networkx", "igraph")
#: Brokerage (constraint, effective size) is computed for this many candidates, the top by betweenness.
BROKER_CANDIDATES = 200


@dataclass
class Metrics:
    """The measures of one version of the data (``fingerprint``), as plain dicts so they store as JSON."""

    fingerprint: str = ""
    degree: dict[str, int] = field(default_factory=dict)
    betweenness: dict[str, float] = field(default_factory=dict)
    #: How many sources betweenness was sampled from; 0 means exact.
    sampled_sources: int = 0
    #: Entity id → community number (0 = largest).
    community: dict[str, int] = field(default_factory=dict)
    constraint: dict[str, float] = field(default_factory=dict)
    effective_size: dict[str, float] = field(default_factory=dict)
    home: str = ""
    #: Links (pairs of ids) in the home's neighbourhood whose loss would cut part of it off.
    home_bridges: list[tuple[str, str]] = field(default_factory=list)
    #: Entities in the home's neighbourhood whose loss would cut part of it off from the home.
    home_articulation: list[str] = field(default_factory=list)
    seconds: float = 0.0
    #: What the report needs from whole-graph walks (``insights.report_basis``), stored by the metrics job so the
    #: report from stored metrics is quick; empty when not worked out (a view, or computed outside the job).
    report_basis: dict = field(default_factory=dict)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, data: dict) -> "Metrics":
        values = dict(data)
        values["home_bridges"] = [tuple(pair) for pair in values.get("home_bridges", ())]
        return cls(**values)

    @property
    def community_count(self) -> int:
        return len(set(self.community.values()))


def projection(graph: nx.Graph, nodes: Iterable[str] | None = None) -> nx.Graph:
    """The undirected simple graph of ``graph`` (or of the subgraph on ``nodes``): one link per joined pair, no loops.

    Built from the adjacency directly (``nx.Graph(multidigraph)`` copies every edge's attributes: far slower).
    """
    keep = None if nodes is None else set(nodes)
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes if keep is None else (n for n in graph.nodes if n in keep))
    simple.add_edges_from(
        (u, v)
        for u, targets in graph.adjacency()
        if keep is None or u in keep
        for v in targets
        if u != v and (keep is None or v in keep)
    )
    return simple


def _igraph():
    """The igraph module if installed (a C library: Louvain and betweenness 10-50× faster than networkx), else None."""
    try:
        import igraph
    except ImportError:
        return None
    return igraph


def _engine(engine: str):
    if engine not in ENGINES:
        raise ValueError(f"engine must be one of {', '.join(ENGINES)}, not {engine!r}")
    return None if engine == "networkx" else _igraph()


#: ``simple`` as igraph holds it: its nodes in order, node → index, and the igraph graph.
_Converted = tuple[list, dict, Any]


def _to_igraph(igraph, simple: nx.Graph) -> _Converted:
    nodes = list(simple.nodes)
    index = {n: i for i, n in enumerate(nodes)}
    return (
        nodes,
        index,
        igraph.Graph(n=len(nodes), edges=[(index[u], index[v]) for u, v in simple.edges], directed=False),
    )


def betweenness(
    simple: nx.Graph,
    exact_up_to: int = EXACT_BETWEENNESS_UP_TO,
    k: int = SAMPLE_SOURCES,
    seed: int = SEED,
    engine: str = "auto",
    converted: _Converted | None = None,
) -> tuple[dict[str, float], int]:
    """Normalised betweenness and how many sources it was sampled from (0: exact).

    The figures equal ``nx.betweenness_centrality(simple, k=k, seed=seed)`` (same sampled sources, same scaling;
    exact below ``exact_up_to`` nodes) whichever engine computes them; a test checks both. ``converted`` is
    ``simple`` as igraph holds it, when the caller has it already (``compute_metrics`` converts once for both
    measures).
    """
    n = simple.number_of_nodes()
    sampled = not (n <= exact_up_to or k >= n)
    # "auto": igraph only for large graphs; importing it costs more than networkx takes on a small one
    igraph = _engine(engine) if engine == "igraph" or sampled else None
    if igraph is None or n < 3:
        if not sampled:
            return nx.betweenness_centrality(simple, normalized=True), 0
        return nx.betweenness_centrality(simple, k=k, normalized=True, seed=seed), k
    nodes, index, graph = converted or _to_igraph(igraph, simple)
    if not sampled:
        raw = graph.betweenness(directed=False)
        return {v: 2.0 * raw[i] / ((n - 1) * (n - 2)) for i, v in enumerate(nodes)}, 0
    sources = random.Random(seed).sample(nodes, k)  # the sources networkx picks with the same seed
    raw = graph.betweenness(directed=False, sources=[index[s] for s in sources])
    chosen = set(sources)
    # networkx's scaling of a sample (endpoints excluded): sources are divided by k-1, the others by k
    return {v: 2.0 * raw[i] / ((k - (v in chosen)) * (n - 2)) for i, v in enumerate(nodes)}, k


_IGRAPH_RNG = threading.Lock()


def communities(
    simple: nx.Graph, seed: int = SEED, engine: str = "auto", converted: _Converted | None = None
) -> dict[str, int]:
    """Modularity communities (seeded), numbered by size, largest first; ties broken by the smallest member id.

    networkx's Louvain (``louvain_communities``) or igraph's Leiden with the modularity objective
    (``community_leiden``, two iterations; both give the same groups on clearly grouped data, a test checks, and
    Leiden's groups are connected, which Louvain's need not be). Not igraph's Louvain (``community_multilevel``): on
    the 1,000,000-relation benchmark directory it took 850 s and grows faster than the number of links, while
    Leiden takes about 8 s of CPU (docs/performance.md). "auto" uses igraph on large graphs only: on a small one
    importing igraph costs more than networkx takes.
    """
    large = simple.number_of_nodes() > EXACT_BETWEENNESS_UP_TO
    igraph = _engine(engine) if engine == "igraph" or (engine == "auto" and large) else None
    if simple.number_of_edges() == 0:
        groups = [{n} for n in simple.nodes]
    elif igraph is None:
        groups = nx.community.louvain_communities(simple, seed=seed)
    else:
        nodes, _, graph = converted or _to_igraph(igraph, simple)
        with _IGRAPH_RNG:  # igraph's random generator is global: seed it for this call only
            # Leiden draws one number per node and pass, so a Python generator's callbacks cost little here
            igraph.set_random_number_generator(random.Random(seed))
            try:
                membership = graph.community_leiden(objective_function="modularity", n_iterations=2).membership
            finally:
                igraph.set_random_number_generator(random)
        found: dict[int, set] = {}
        for node, group in zip(nodes, membership):
            found.setdefault(group, set()).add(node)
        groups = list(found.values())
    ordered = sorted(groups, key=lambda g: (-len(g), min(map(str, g))))
    return {node: number for number, group in enumerate(ordered) for node in group}


def brokerage(simple: nx.Graph, candidates: Iterable[str]) -> tuple[dict[str, float], dict[str, float]]:
    """Burt's constraint and effective size of ``candidates`` (isolated nodes have neither).

    The same figures as ``nx.constraint`` and ``nx.effective_size`` on an unweighted graph (a test compares them),
    by their closed forms: with ``d(x)`` the degree, every tie of ``i`` weighs ``1/d(i)``, so
    ``constraint(i) = Σ_j (1/d(i) + Σ_{q ∈ N(i) ∩ N(j)} 1/(d(i)·d(q)))²`` and
    ``effective_size(i) = n - 2t/n`` (``n`` neighbours, ``t`` links among them). networkx's general weighted
    version takes seconds for a couple of hundred nodes; this takes milliseconds.
    """
    adj = dict(simple.adjacency())  # node → its neighbours' dict, without a view object per look-up
    constraint: dict[str, float] = {}
    effective: dict[str, float] = {}
    for node in candidates:
        if node not in adj:
            continue
        around = set(adj[node]) - {node}
        size = len(around)
        if not size:
            continue
        total, ties = 0.0, 0
        for other in around:
            shared = around.intersection(adj[other])
            ties += len(shared)
            indirect = sum(1.0 / len(adj[q]) for q in shared)
            total += (1.0 + indirect) ** 2 / size**2
        constraint[node] = total
        effective[node] = size - ties / size  # ties counts each link among neighbours twice: 2t / n
    return constraint, effective


def home_cut_points(simple: nx.Graph, home: str | None, radius: int = 2) -> tuple[list[tuple[str, str]], list[str]]:
    """Bridges and articulation points of the home's neighbourhood (radius ``radius``), sorted."""
    if home is None or home == "" or home not in simple:
        return [], []
    # ``nx.ego_graph`` is this copy of the subgraph on the nodes within ``radius``; counting them first copies only
    # the neighbourhood used (the radius-2 copy of a big graph took 0.4 s of CPU and was thrown away)
    reached = nx.single_source_shortest_path_length(simple, home, cutoff=radius)
    if radius > 1 and len(reached) > HOME_AREA_LIMIT:  # hubs two steps away reach most of a big graph
        reached = nx.single_source_shortest_path_length(simple, home, cutoff=1)
    around = simple.subgraph(reached).copy()
    bridges = sorted(tuple(sorted(edge)) for edge in nx.bridges(around))
    points = sorted(n for n in nx.articulation_points(around) if n != home)
    return bridges, points


def compute_metrics(
    graph: nx.Graph,
    *,
    fingerprint: str = "",
    home: str | None = None,
    nodes: Iterable[str] | None = None,
    progress: MetricsProgress | None = None,
    sample_sources: int = SAMPLE_SOURCES,
    seed: int = SEED,
    engine: str = "auto",
) -> Metrics:
    """Every measure of ``graph`` (or of its subgraph on ``nodes``: a view), reporting progress as it goes."""
    step = progress or (lambda _name, _done: None)
    started = time.perf_counter()
    step("projection", 0.0)
    simple = projection(graph, nodes)
    step("degree", 0.1)
    degree = dict(simple.degree())
    # igraph computes both measures of a large graph ("auto"): convert the projection once for both (0.4 s of CPU
    # each time at 60,000 organisations); small graphs and networkx use ``simple`` itself
    large = simple.number_of_nodes() > EXACT_BETWEENNESS_UP_TO and sample_sources < simple.number_of_nodes()
    igraph = _engine(engine) if engine == "igraph" or (engine == "auto" and large) else None
    converted = _to_igraph(igraph, simple) if igraph is not None and simple.number_of_nodes() >= 3 else None
    step("communities", 0.15)
    community = communities(simple, seed=seed, engine=engine, converted=converted)
    step("betweenness", 0.45)
    between, sampled = betweenness(simple, k=sample_sources, seed=seed, engine=engine, converted=converted)
    step("brokerage", 0.85)
    top = sorted(between, key=lambda n: (-between[n], n))[:BROKER_CANDIDATES]
    constraint, effective = brokerage(simple, top)
    step("home", 0.95)
    bridges, points = home_cut_points(simple, home)
    step("done", 1.0)
    return Metrics(
        fingerprint=fingerprint,
        degree=degree,
        betweenness=between,
        sampled_sources=sampled,
        community=community,
        constraint=constraint,
        effective_size=effective,
        home=home or "",
        home_bridges=bridges,
        home_articulation=points,
        seconds=round(time.perf_counter() - started, 3),
    )
