"""Every measure against networkx's own reference functions on small graphs, with both engines."""

from __future__ import annotations

import networkx as nx
import pytest

from network.metrics import Metrics, betweenness, brokerage, communities, compute_metrics, home_cut_points, projection
from network.metrics_jobs import load_metrics, metrics_job, metrics_now, save_metrics

ENGINES = [
    "networkx",
    pytest.param(
        "igraph",
        marks=pytest.mark.skipif(
            __import__("importlib").util.find_spec("igraph") is None, reason="igraph not installed"
        ),
    ),
]


def _graphs() -> list[nx.Graph]:
    karate = nx.Graph(nx.karate_club_graph().edges)
    random = nx.gnm_random_graph(120, 360, seed=7)
    tree = nx.balanced_tree(2, 4)
    with_isolate = nx.path_graph(6)
    with_isolate.add_node(99)
    return [karate, random, tree, with_isolate]


def _multi(graph: nx.Graph) -> nx.MultiDiGraph:
    """The graph as the directory holds it: directed, some pairs written both ways and twice, a self-loop."""
    multi = nx.MultiDiGraph()
    multi.add_nodes_from(graph.nodes)
    for i, (u, v) in enumerate(graph.edges):
        multi.add_edge(u, v, key="member_of")
        if i % 3 == 0:
            multi.add_edge(v, u, key="collaborates_with")
        if i % 5 == 0:
            multi.add_edge(u, v, key="knows")
    first = next(iter(graph.nodes))
    multi.add_edge(first, first, key="part_of")
    return multi


@pytest.mark.parametrize("graph", _graphs())
def test_the_projection_is_the_undirected_simple_graph(graph):
    simple = projection(_multi(graph))
    assert set(simple.nodes) == set(graph.nodes)
    assert {frozenset(e) for e in simple.edges} == {frozenset(e) for e in graph.edges}


def test_the_projection_of_a_view_keeps_only_its_nodes():
    graph = nx.path_graph(5)
    simple = projection(_multi(graph), nodes=[0, 1, 2])
    assert sorted(simple.edges) == [(0, 1), (1, 2)]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("graph", _graphs())
def test_exact_betweenness_equals_networkx(graph, engine):
    values, sampled = betweenness(graph, engine=engine)
    reference = nx.betweenness_centrality(graph, normalized=True)
    assert sampled == 0
    assert values == pytest.approx(reference, abs=1e-12)


@pytest.mark.parametrize("engine", ENGINES)
def test_sampled_betweenness_equals_networkx_with_the_same_seed(engine):
    graph = nx.gnm_random_graph(300, 900, seed=3)
    values, sampled = betweenness(graph, exact_up_to=10, k=40, seed=5, engine=engine)
    reference = nx.betweenness_centrality(graph, k=40, normalized=True, seed=5)
    assert sampled == 40
    assert values == pytest.approx(reference, abs=1e-12)


def _groups(assignment: dict) -> list[set]:
    found: dict[int, set] = {}
    for node, number in assignment.items():
        found.setdefault(number, set()).add(node)
    return list(found.values())


@pytest.mark.parametrize("engine", ENGINES)
def test_communities_find_planted_groups_like_networkx(engine):
    graph = nx.planted_partition_graph(4, 15, 0.9, 0.01, seed=2)
    found = communities(graph, engine=engine)
    reference = nx.community.louvain_communities(graph, seed=13)
    assert sorted(map(sorted, _groups(found))) == sorted(map(sorted, reference))


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("graph", _graphs())
def test_communities_partition_every_node_with_networkx_quality(graph, engine):
    found = communities(graph, engine=engine)
    assert set(found) == set(graph.nodes)
    sizes = [len(g) for g in sorted(_groups(found), key=lambda g: min(found[n] for n in g))]
    assert sizes == sorted(sizes, reverse=True)  # numbered by size: group 0 is the largest
    if graph.number_of_edges():
        ours = nx.community.modularity(graph, _groups(found))
        theirs = nx.community.modularity(graph, nx.community.louvain_communities(graph, seed=13))
        assert ours >= theirs - 0.03


@pytest.mark.parametrize("engine", ENGINES)
def test_the_same_data_gives_the_same_groups(engine):
    graph = nx.gnm_random_graph(200, 600, seed=11)
    assert communities(graph, seed=4, engine=engine) == communities(graph.copy(), seed=4, engine=engine)


@pytest.mark.parametrize("graph", _graphs())
def test_brokerage_equals_networkx_constraint_and_effective_size(graph):
    constraint, effective = brokerage(graph, list(graph.nodes))
    connected = [n for n in graph if graph.degree(n)]
    assert set(constraint) == set(connected)
    reference_c, reference_e = nx.constraint(graph), nx.effective_size(graph)
    assert constraint == pytest.approx({n: reference_c[n] for n in connected}, abs=1e-12)
    assert effective == pytest.approx({n: reference_e[n] for n in connected}, abs=1e-12)


def test_cut_points_around_home_equal_networkx_on_its_neighbourhood():
    graph = nx.barbell_graph(4, 2)  # two cliques joined by a path: bridges and articulation points
    graph.add_edge(0, 100)
    home = 0
    bridges, points = home_cut_points(graph, home)
    around = nx.ego_graph(graph, home, radius=2)
    assert bridges == sorted(tuple(sorted(e)) for e in nx.bridges(around))
    assert points == sorted(n for n in nx.articulation_points(around) if n != home)
    assert (0, 100) in bridges


def test_no_home_no_cut_points():
    assert home_cut_points(nx.path_graph(3), None) == ([], [])
    assert home_cut_points(nx.path_graph(3), "elsewhere") == ([], [])


def test_compute_metrics_reports_progress_and_degree(small):
    steps = []
    metrics = compute_metrics(small.graph, fingerprint="x", home=small.home, progress=lambda s, d: steps.append(d))
    assert steps[0] == 0.0 and steps[-1] == 1.0 and steps == sorted(steps)
    simple = projection(small.graph)
    assert metrics.degree == dict(simple.degree())
    assert metrics.home == "region-orebro"


def test_metrics_are_stored_and_read_back(small, tmp_path):
    metrics = compute_metrics(small.graph, fingerprint=small.fingerprint, home=small.home)
    save_metrics(metrics, tmp_path)
    again = load_metrics(tmp_path, small.fingerprint)
    assert isinstance(again, Metrics) and again == metrics
    assert load_metrics(tmp_path, "another-version") is None


def test_a_broken_metrics_file_is_ignored(small, tmp_path):
    metrics = compute_metrics(small.graph, fingerprint=small.fingerprint)
    path = save_metrics(metrics, tmp_path)
    path.write_bytes(b"not gzip")
    assert load_metrics(tmp_path, small.fingerprint) is None


def test_one_job_per_data_version_shared_by_every_caller(small, tmp_path):
    job = metrics_job(small, tmp_path)
    assert metrics_job(small, tmp_path) is job
    assert job.wait(60) is not None and job.done == 1.0
    assert metrics_now(small) is job.result


@pytest.mark.parametrize("limit", [20000, 6])
def test_cut_points_counted_first_equal_networkx_on_the_ego_graph(limit, monkeypatch):
    """The neighbourhood is counted before it is copied; the result is that of ``nx.ego_graph`` with the same
    fallback to one step when two steps reach more than ``HOME_AREA_LIMIT`` entities."""
    import network.metrics as metrics_module

    monkeypatch.setattr(metrics_module, "HOME_AREA_LIMIT", limit)
    graph = nx.barbell_graph(5, 3)
    graph.add_edges_from([(0, 100), (100, 101), (0, 102), (102, 103), (103, 104)])
    home = 0
    around = nx.ego_graph(graph, home, radius=2)
    if around.number_of_nodes() > limit:
        around = nx.ego_graph(graph, home, radius=1)
    assert home_cut_points(graph, home) == (
        sorted(tuple(sorted(e)) for e in nx.bridges(around)),
        sorted(n for n in nx.articulation_points(around) if n != home),
    )
    assert (0, 100) in home_cut_points(graph, home)[0]


@pytest.mark.parametrize("engine", ENGINES)
@pytest.mark.parametrize("exact_up_to", [100, 5000])
def test_compute_metrics_equals_each_measure_on_its_own(engine, exact_up_to, monkeypatch):
    """``compute_metrics`` converts a large graph for igraph once for both measures: the figures are those of each
    function called on its own, whether the graph counts as large (sampled betweenness, igraph) or not."""
    import network.metrics as metrics_module

    monkeypatch.setattr(metrics_module, "EXACT_BETWEENNESS_UP_TO", exact_up_to)
    graph = nx.gnm_random_graph(400, 1600, seed=5)
    multi = _multi(nx.relabel_nodes(graph, {n: f"n{n}" for n in graph}))
    simple = projection(multi)
    metrics = compute_metrics(multi, engine=engine, sample_sources=32)
    assert metrics.community == communities(simple, engine=engine)
    assert (metrics.betweenness, metrics.sampled_sources) == betweenness(simple, k=32, engine=engine)
