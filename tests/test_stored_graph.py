"""A directory read from the warm-start cache answers from its stored graph, unbuilt, exactly as the built graph.

``network/stored_graph.py``: until something reads ``Directory.graph``, ids, kinds, names, ``queries.neighbours``
and ``queries.stats`` come from the cache's arrays. Each answer here is compared with the one the built graph
gives (the same directory, the same cache file, after ``graph`` is read), on the sample and on a generated
directory; and with a fresh load from the files.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import random
import sys
import threading
from pathlib import Path

import networkx as nx
import pytest

from network import load_directory
from network.directory import Directory
from network.queries import ViewFilter, neighbours, stats
from network.stored_graph import StoredGraph
from ui.links import profile_urls
from ui.pages.overview import home_networks, verified_tables

REPO = Path(__file__).resolve().parent.parent
SAMPLE = REPO / "data"
TODAY = dt.date(2026, 11, 29)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(REPO / "bench"))
    from generate import generate

    out = tmp_path_factory.mktemp("generated-stored") / "data"
    generate(out, orgs=3000, projects=300, people=200, relations=6000, seed=11)
    return out


def _warm(folder: Path, cache: Path) -> tuple[Directory, Directory]:
    """(a fresh load from the files that fills the cache, a load from that cache)."""
    fresh = load_directory(folder, cache_dir=cache, today=TODAY)
    warm = load_directory(folder, cache_dir=cache, today=TODAY)
    assert fresh.pending_graph is None and warm.pending_graph is not None
    return fresh, warm


def _links(directory: Directory, entity_id: str, flt: ViewFilter | None = None) -> list[tuple]:
    return [(n.id, n.relation, n.outgoing, n.attrs) for n in neighbours(directory, entity_id, flt)]


FILTERS = [
    None,
    ViewFilter(kinds=frozenset({"organisation", "network"})),
    ViewFilter(relations=frozenset({"member_of", "partner_in", "works_at"})),
    ViewFilter(countries=frozenset({"SE", "DE"}), active_on="2020-06-01"),
]


def _answers(directory: Directory, ids: list[str]) -> dict:
    """Everything the stored graph answers, for ``ids`` (and a few unknown ids)."""
    return {
        "ids": directory.node_ids(),
        "home": directory.home,
        "in": [i in directory for i in [*ids, "no-such-id", ""]],
        "kinds": [directory.kind_of(i) for i in ids],
        "names": [directory.name_of(i) for i in ids],
        "neighbours": [_links(directory, i, flt) for i in ids for flt in FILTERS],
        "stats": stats(directory),
        "home_networks": home_networks(directory),
        "urls": profile_urls(directory, [*ids, "no-such-id"]),
        "verified": verified_tables(directory, TODAY),
    }


def _same(left: dict, right: dict) -> None:
    for name in left:
        if name == "verified":
            for a, b in zip(left[name][:2], right[name][:2]):
                assert a.equals(b), name
            assert left[name][2] == right[name][2]
        else:
            assert left[name] == right[name], name


@pytest.mark.parametrize("which", ["sample", "generated"])
def test_the_unbuilt_graph_answers_as_the_built_one(which: str, generated: Path, tmp_path: Path) -> None:
    folder = SAMPLE if which == "sample" else generated
    fresh, warm = _warm(folder, tmp_path / "cache")
    every = list(fresh.graph)
    ids = every if len(every) <= 400 else random.Random(3).sample(every, 400)
    hubs = sorted(every, key=fresh.graph.degree, reverse=True)[:5]  # many relations in both directions
    ids = list(dict.fromkeys([*ids, *hubs, *([fresh.home] if fresh.home else [])]))
    unbuilt = _answers(warm, ids)
    assert warm.pending_graph is not None  # none of these built the graph
    assert sum(len(links) for links in unbuilt["neighbours"]) > len(ids)  # the comparison has relations in it
    _same(unbuilt, _answers(fresh, ids))
    warm.graph  # noqa: B018 - now build it: the same answers from the graph
    assert warm.pending_graph is None
    _same(unbuilt, _answers(warm, ids))


def test_the_built_graph_equals_the_one_loaded_from_the_files(tmp_path: Path, generated: Path) -> None:
    fresh, warm = _warm(generated, tmp_path / "cache")
    graph = warm.graph
    assert isinstance(graph, nx.MultiDiGraph) and warm.graph is graph  # built once
    assert list(graph.nodes(data=True)) == list(fresh.graph.nodes(data=True))
    assert list(graph.edges(keys=True, data=True)) == list(fresh.graph.edges(keys=True, data=True))
    assert list(graph.in_edges(keys=True)) == list(fresh.graph.in_edges(keys=True))
    assert graph.graph == fresh.graph.graph


def test_a_directory_made_with_a_graph_keeps_it(tmp_path: Path) -> None:
    fresh, warm = _warm(SAMPLE, tmp_path / "cache")
    assert dataclasses.replace(warm).graph is warm.graph  # a copy reads the graph: built once, shared
    copy = dataclasses.replace(warm, graph=fresh.graph)
    assert copy.graph is fresh.graph and copy.pending_graph is None
    with pytest.raises(TypeError):
        Directory(SAMPLE, fresh.config, fresh.tables, fresh.relations)  # type: ignore[call-arg]  # no default


def test_sessions_that_ask_at_once_share_one_build(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    _, warm = _warm(SAMPLE, tmp_path / "cache")
    stored = warm.pending_graph
    assert isinstance(stored, StoredGraph)
    builds = []
    original = stored._build

    def counted(source: StoredGraph) -> nx.MultiDiGraph:
        builds.append(1)
        return original(source)

    monkeypatch.setattr(stored, "_build", counted)
    graphs: list[nx.MultiDiGraph] = []
    threads = [threading.Thread(target=lambda: graphs.append(warm.graph)) for _ in range(4)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(builds) == 1 and all(g is graphs[0] for g in graphs)


def test_a_damaged_graph_is_a_miss_when_read_not_when_built(tmp_path: Path) -> None:
    """The checks ``graph_from_arrays`` makes are made when the cache file is read."""
    import numpy as np

    from network import cache_format

    _, warm = _warm(SAMPLE, tmp_path / "cache")
    stored = warm.pending_graph
    assert stored is not None
    good = (stored.sources, stored.targets, stored.pred_pairs)
    cache_format._check_pairs(*good, len(stored.ids))
    swapped = stored.pred_pairs.copy()
    swapped[[0, -1]] = swapped[[-1, 0]]
    unsorted = stored.sources[::-1].copy()
    doubled = np.append(stored.pred_pairs[:-1], stored.pred_pairs[0])
    for sources, targets, pred in [
        (stored.sources, stored.targets, swapped),
        (unsorted, stored.targets, stored.pred_pairs),
        (stored.sources, stored.targets, doubled),
    ]:
        with pytest.raises(ValueError):
            cache_format._check_pairs(sources, targets, pred, len(stored.ids))
