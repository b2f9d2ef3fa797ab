"""compute_layout: deterministic, inside [-1, 1], focus in the middle, components apart; trim_graph's rule."""

from __future__ import annotations

import random

import networkx as nx
import pytest

from network.drawing.layout import TRIM_RULE, compute_layout, trim_graph


def directory_like(n: int, seed: int = 1) -> nx.MultiDiGraph:
    """A graph shaped like the directory: a few hub networks and programmes, projects, organisations, people."""
    rnd = random.Random(seed)
    graph = nx.MultiDiGraph()
    counts = {"network": max(2, n // 40), "programme": max(1, n // 100), "project": max(2, n // 8)}
    counts["organisation"] = max(3, n * 2 // 5)
    counts["person"] = n - sum(counts.values())
    ids = {}
    for kind, count in counts.items():
        ids[kind] = [f"{kind}-{i:05d}" for i in range(count)]
        graph.add_nodes_from((i, {"kind": kind, "name": f"{kind} {i}"}) for i in ids[kind])
    for org in ids["organisation"]:
        graph.add_edge(org, rnd.choice(ids["network"][:3] + ids["network"]), key="member_of")
    for project in ids["project"]:
        graph.add_edge(project, rnd.choice(ids["programme"]), key="funded_by")
        for org in rnd.sample(ids["organisation"], 3):
            graph.add_edge(org, project, key="partner_in")
    for person in ids["person"]:
        graph.add_edge(person, rnd.choice(ids["organisation"]), key="works_at")
    return graph


def test_positions_cover_every_node_inside_the_unit_box():
    graph = directory_like(300)
    pos = compute_layout(graph)
    assert set(pos) == set(graph.nodes)
    values = [abs(c) for xy in pos.values() for c in xy]
    assert max(values) <= 1.0
    assert max(values) == pytest.approx(1.0)  # scaled to use the box, not a speck in the middle
    assert all(isinstance(c, float) for xy in pos.values() for c in xy)


def test_layout_is_deterministic_and_ignores_insertion_order():
    graph = directory_like(400)
    shuffled = nx.MultiDiGraph()
    nodes = list(graph.nodes(data=True))
    random.Random(3).shuffle(nodes)
    shuffled.add_nodes_from(nodes)
    edges = list(graph.edges(keys=True, data=True))
    random.Random(4).shuffle(edges)
    shuffled.add_edges_from(edges)
    first = compute_layout(graph, seed=7)
    assert compute_layout(graph, seed=7) == first
    assert compute_layout(shuffled, seed=7) == first


def test_focus_is_at_the_centre():
    graph = directory_like(300)
    focus = "organisation-00010"
    pos = compute_layout(graph, focus=focus)
    assert pos[focus] == (0.0, 0.0)
    assert max(abs(c) for xy in pos.values() for c in xy) == pytest.approx(1.0)


def test_neighbours_end_up_closer_than_strangers():
    graph = directory_like(500)
    pos = compute_layout(graph)

    def dist(a, b):
        return ((pos[a][0] - pos[b][0]) ** 2 + (pos[a][1] - pos[b][1]) ** 2) ** 0.5

    edges = [(u, v) for u, v in graph.edges()]
    nodes = sorted(graph.nodes)
    rnd = random.Random(5)
    strangers = [tuple(rnd.sample(nodes, 2)) for _ in range(2000)]
    mean_edge = sum(dist(u, v) for u, v in edges) / len(edges)
    mean_random = sum(dist(u, v) for u, v in strangers) / len(strangers)
    assert mean_edge < 0.35 * mean_random


def test_nodes_do_not_pile_up():
    star = nx.MultiDiGraph()
    star.add_edges_from((f"leaf-{i:03d}", "hub", "member_of") for i in range(300))
    pos = compute_layout(star)
    points = sorted(pos.values())
    assert len(set(points)) == len(points)
    nearest = min(
        ((a[0] - b[0]) ** 2 + (a[1] - b[1]) ** 2) ** 0.5 for i, a in enumerate(points) for b in points[i + 1 : i + 40]
    )
    assert nearest > 0.005


def test_components_are_packed_side_by_side_without_overlap():
    graph = nx.MultiDiGraph()
    for c in range(5):
        nx.add_path(graph, [f"c{c}-{i}" for i in range(3 + 4 * c)], key="knows")
    graph.add_nodes_from(f"alone-{i}" for i in range(10))
    pos = compute_layout(graph, focus="c1-0")
    assert pos["c1-0"] == (0.0, 0.0)
    boxes = []
    for component in nx.connected_components(graph.to_undirected(as_view=True)):
        xs = [pos[n][0] for n in component]
        ys = [pos[n][1] for n in component]
        boxes.append((min(xs), min(ys), max(xs), max(ys)))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            apart = a[2] < b[0] or b[2] < a[0] or a[3] < b[1] or b[3] < a[1]
            assert apart, (a, b)


@pytest.mark.parametrize("nodes", [[], ["only"], ["a", "b"]])
def test_tiny_graphs(nodes):
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(nodes)
    if len(nodes) == 2:
        graph.add_edge("a", "b", key="knows")
    pos = compute_layout(graph, focus=nodes[0] if nodes else None)
    assert set(pos) == set(nodes)
    assert all(-1 <= c <= 1 for xy in pos.values() for c in xy)
    if nodes:
        assert pos[nodes[0]] == (0.0, 0.0)


def test_self_loops_parallel_edges_and_plain_graphs_are_fine():
    graph = nx.Graph()
    graph.add_edges_from([("a", "a"), ("a", "b"), ("b", "c")])
    assert set(compute_layout(graph)) == {"a", "b", "c"}
    multi = nx.MultiDiGraph()
    multi.add_edge("a", "b", key="member_of")
    multi.add_edge("b", "a", key="collaborates_with")
    assert set(compute_layout(multi)) == {"a", "b"}


def test_two_thousand_nodes_are_laid_out_in_the_box():
    """A graph the size of a large view: every node placed, inside the box, no two on the same spot. How fast is
    measured by bench/bench_view.py (target 2 s on two cores, figures in docs/performance.md), not here."""
    graph = directory_like(2000)
    pos = compute_layout(graph)
    assert set(pos) == set(graph.nodes)
    assert all(-1 <= c <= 1 for xy in pos.values() for c in xy)
    assert len(set(pos.values())) == len(pos)


# --- trim_graph --------------------------------------------------------------------------------------------------


def _hubs() -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    graph.add_node("focus", kind="organisation", name="The focus")
    for hub, size in (("hub-a", 5), ("hub-b", 4), ("hub-c", 4), ("hub-d", 1)):
        for i in range(size):
            graph.add_edge(f"{hub}-leaf-{i}", hub, key="member_of")
    graph.nodes["hub-b"]["name"] = "B"
    graph.add_edge("focus", "hub-d", key="member_of")
    return graph


def test_trim_keeps_focus_then_highest_degree_ties_by_id():
    graph = _hubs()
    trimmed, total = trim_graph(graph, 4, keep=["focus"])
    assert total == graph.number_of_nodes()
    # degrees: hub-a 5, hub-b 4, hub-c 4 (tie: by id), hub-d 2, then leaves 1
    assert set(trimmed) == {"focus", "hub-a", "hub-b", "hub-c"}
    assert trimmed.nodes["hub-b"]["name"] == "B"
    trimmed, _ = trim_graph(graph, 3)
    assert set(trimmed) == {"hub-a", "hub-b", "hub-c"}


def test_trim_keeps_relations_among_kept_nodes():
    graph = _hubs()
    trimmed, _ = trim_graph(graph, 5, keep=["hub-a-leaf-0"])
    assert trimmed.has_edge("hub-a-leaf-0", "hub-a", key="member_of")
    assert trimmed is not graph
    assert graph.number_of_nodes() == 19  # the input is untouched


def test_trim_within_the_cap_returns_the_graph_itself():
    graph = _hubs()
    trimmed, total = trim_graph(graph, 100, keep=["focus"])
    assert trimmed is graph
    assert total == 19


def test_trim_edge_cases():
    graph = _hubs()
    assert trim_graph(graph, 0)[0].number_of_nodes() == 0
    trimmed, _ = trim_graph(graph, 1, keep=["missing", "hub-d-leaf-0", "focus"])
    assert set(trimmed) == {"hub-d-leaf-0"}
    with pytest.raises(ValueError):
        trim_graph(graph, -1)
    assert TRIM_RULE.endswith(".") and "focus" in TRIM_RULE
