"""Every fast path gives what the slow, public way gives, on random inputs (hypothesis).

The fast paths exist for speed (``docs/performance.md``): graphs built and walked through networkx's own dicts
(``network/nx_fast.py``), the bounded fuzzy search (``search._FuzzyIndex``), folding many names at once
(``textnorm.fold_many``), "did you mean" pre-filtered by rapidfuzz (``validation._close_matches``) and checks run
once per distinct value (``distinct.per_value``). Each test here computes the same answer the plain way (networkx's
public API and algorithms, ``rapidfuzz.process.extract``, ``difflib``, one call per item) and compares.
"""

from __future__ import annotations

import copy
import difflib
import importlib
import itertools
import os
import random
import unicodedata
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from unittest.mock import patch

import networkx as nx
import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from rapidfuzz import fuzz, process

from network import cache_format, distinct, importing, insights, metrics, nx_fast, queries, schema, textnorm, validation
from network import graph as graph_module
from network.directory import Directory
from network.problems import Report
from network.queries import ViewFilter
from network.schema import DirectoryConfig

search = importlib.import_module("network.search")  # `from network import search` is the function of that name
#: Examples per property: the hypothesis profile's (tests/conftest.py: 10 in a development run, 50 with CI=true);
#: FAST_PATH_EXAMPLES=5000 runs a long search for counter-examples (after changing a fast path).
FAST = (
    settings(max_examples=int(os.environ["FAST_PATH_EXAMPLES"]), deadline=None)
    if os.environ.get("FAST_PATH_EXAMPLES")
    else settings(deadline=None)
)

IDS = [f"n{i}" for i in range(9)]
KINDS = list(schema.KINDS)
RELATIONS = list(schema.RELATION_TYPES)[:5]
DATES = ["2001", "2005-06", "2010-01-15", "2020", "2024-12-31"]
COUNTRIES = ["SE", "DE", "FI"]
THEMES = ["health", "energy", "culture"]

periods = st.lists(st.tuples(st.sampled_from([""] + DATES), st.sampled_from([""] + DATES)), min_size=1, max_size=3).map(
    lambda pairs: "|".join(f"{a}/{b}" for a, b in pairs)
)
node_attrs = st.fixed_dictionaries(
    {"kind": st.sampled_from(KINDS)},
    optional={
        "name": st.sampled_from(["A", "B", "Örebro"]),
        "country": st.sampled_from(COUNTRIES),
        "themes": st.lists(st.sampled_from(THEMES), max_size=2, unique=True).map(tuple),
    },
)
edge_attrs = st.fixed_dictionaries(
    {},
    optional={
        "since": st.sampled_from(DATES),
        "until": st.sampled_from(DATES),
        "role": st.sampled_from(["lead", "partner"]),
        "periods": periods,
    },
)


class _Shown(nx.MultiDiGraph):
    """A MultiDiGraph that a failing example prints in full."""

    def __repr__(self) -> str:
        return f"graph(nodes={list(self.nodes(data=True))!r}, edges={list(self.edges(keys=True, data=True))!r})"


@st.composite
def graphs(draw, min_edges: int = 0, max_edges: int = 24) -> nx.MultiDiGraph:
    """A random MultiDiGraph built through the public API: parallel keys, self-loops, isolated nodes."""
    ids = draw(st.permutations(IDS))[: draw(st.integers(1, len(IDS)))]
    graph = _Shown()
    for node in ids:
        graph.add_node(node, **draw(node_attrs))
    edges = draw(
        st.lists(
            st.tuples(st.sampled_from(ids), st.sampled_from(ids), st.sampled_from(RELATIONS), edge_attrs),
            min_size=min_edges,
            max_size=max_edges,
        )
    )
    for u, v, key, attrs in edges:
        graph.add_edge(u, v, key, **attrs)
    return graph


def _maybe(values: list[str]) -> st.SearchStrategy:
    return st.none() | st.frozensets(st.sampled_from(values), max_size=len(values))


filters = st.just(ViewFilter()) | st.builds(
    ViewFilter,
    kinds=_maybe(KINDS),
    relations=_maybe(RELATIONS),
    countries=_maybe(COUNTRIES),
    themes=_maybe(THEMES),
    active_on=st.none() | st.sampled_from(["2003-02-01", "2012-06-30", "2021-05-05"]),
)


def _directory(graph: nx.MultiDiGraph, home: str = "") -> Directory:
    return Directory(
        path=Path("."),
        config=DirectoryConfig(home=home),
        tables={},
        relations=pd.DataFrame(),
        graph=graph,
        report=Report(),
    )


def _links(graph: nx.MultiDiGraph, flt: ViewFilter, always: set[str]) -> nx.Graph:
    """The public way to say what a view walks: an undirected simple graph of the relations the filter keeps,
    between the entities it keeps (and ``always``, the entities asked about)."""
    view = nx.subgraph_view(
        graph,
        filter_node=lambda n: n in always or flt.node_ok(graph.nodes[n]),
        filter_edge=lambda u, v, k: flt.edge_ok(k, graph.edges[u, v, k]),
    )
    simple = nx.Graph()
    simple.add_nodes_from(view)
    simple.add_edges_from((u, v) for u, v in view.edges() if u != v)
    return simple


def _listed(graph: nx.MultiDiGraph) -> tuple[list, list, list]:
    """Nodes, edges and in-edges in networkx's iteration order, attribute dicts with their key order."""
    return (
        [(n, list(a.items())) for n, a in graph.nodes(data=True)],
        [(u, v, k, list(a.items())) for u, v, k, a in graph.edges(keys=True, data=True)],
        [(u, v, k) for u, v, k in graph.in_edges(keys=True)],
    )


def _assert_same_graph(fast: nx.MultiDiGraph, public: nx.MultiDiGraph) -> None:
    assert _listed(fast) == _listed(public)
    assert fast.graph == public.graph
    succ, pred = nx_fast.succ_pred(fast)
    assert all(keyed is pred[v][u] for u in succ for v, keyed in succ[u].items())  # one key dict per pair


# --- graph building --------------------------------------------------------------------------------------------

rows = st.lists(st.tuples(st.sampled_from(IDS), node_attrs), max_size=10)
edge_rows = st.lists(
    st.tuples(
        st.sampled_from(IDS + ["x1", "x2"]), st.sampled_from(IDS + ["x1"]), st.sampled_from(RELATIONS), edge_attrs
    ),
    max_size=25,
)


def _public_build(nodes: list, edges: list, on_repeat) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph()
    for node, attrs in nodes:
        graph.add_node(node, **attrs)
    for u, v, key, attrs in edges:
        if graph.has_edge(u, v, key):
            on_repeat(graph.edges[u, v, key], attrs)
        else:
            graph.add_edge(u, v, key, **attrs)
    return graph


@FAST
@given(rows, edge_rows)
def test_graph_from_rows_equals_add_node_and_add_edge(nodes: list, edges: list) -> None:
    fast = nx_fast.graph_from_rows(copy.deepcopy(nodes), copy.deepcopy(edges), graph_module._add_period)
    _assert_same_graph(fast, _public_build(nodes, edges, graph_module._add_period))


cell = st.sampled_from(["", "", "a", "b|c", "Örebro", "2001"])


@st.composite
def valid_data(draw) -> validation.ValidData:
    """Tables as validation hands them on: string columns, empty cells as ""."""
    entities = {}
    ids = iter(draw(st.permutations(IDS)))
    for kind in draw(st.lists(st.sampled_from(KINDS), min_size=1, max_size=3, unique=True)):
        size = draw(st.integers(0, 3))
        columns = draw(st.lists(st.sampled_from(list(graph_module.NODE_FIELDS) + ["themes", "email"]), unique=True))
        frame = {"id": [next(ids) for _ in range(size)]}
        frame.update({c: draw(st.lists(cell, min_size=size, max_size=size)) for c in columns})
        entities[kind] = pd.DataFrame(frame, index=range(2, 2 + size))
    known = [i for frame in entities.values() for i in frame["id"]] or ["n0"]
    size = draw(st.integers(0, 12))
    columns = draw(st.lists(st.sampled_from(list(graph_module.EDGE_FIELDS)), unique=True))
    relations = {
        "source": draw(st.lists(st.sampled_from(known), min_size=size, max_size=size)),
        "relation": draw(st.lists(st.sampled_from(RELATIONS[:2]), min_size=size, max_size=size)),
        "target": draw(st.lists(st.sampled_from(known), min_size=size, max_size=size)),
    }
    relations.update({c: draw(st.lists(cell, min_size=size, max_size=size)) for c in columns})
    return validation.ValidData(entities, pd.DataFrame(relations, index=range(2, 2 + size)))


@FAST
@given(valid_data())
def test_build_graph_equals_adding_each_row_through_the_public_api(data: validation.ValidData) -> None:
    public = nx.MultiDiGraph()
    for kind, frame in data.entities.items():
        for row in frame.to_dict("records"):
            attrs = {"kind": kind, **{f: row[f] for f in graph_module.NODE_FIELDS if row.get(f)}}
            if "themes" in row:
                attrs["themes"] = tuple(row["themes"].split(schema.LIST_SEPARATOR)) if row["themes"] else ()
            public.add_node(row["id"], **attrs)
    edges = [
        (row["source"], row["target"], row["relation"], {f: row[f] for f in graph_module.EDGE_FIELDS if row.get(f)})
        for row in data.relations.to_dict("records")
    ]
    for u, v, key, attrs in edges:
        if public.has_edge(u, v, key):
            graph_module._add_period(public.edges[u, v, key], attrs)
        else:
            public.add_edge(u, v, key, **attrs)
    _assert_same_graph(graph_module.build_graph(data), public)


def test_build_graph_keeps_each_entity_id_once_and_no_origin_on_edges() -> None:
    """The memory the graph saves (issue 12): a relation's ends are the very strings that key its nodes, not
    copies (Arrow text gives new strings on every read), and the row's ``origin`` stays in the relations table."""
    text = "str"  # Arrow-backed text, as the directory's tables are
    entities = {
        "organisation": pd.DataFrame({"id": ["org-1", "org-2"], "name": ["A", "B"]}, dtype=text, index=[2, 3]),
        "project": pd.DataFrame({"id": ["p-1"], "name": ["P"]}, dtype=text, index=[2]),
    }
    relations = pd.DataFrame(
        {
            "source": ["org-1", "org-2", "org-1"],
            "relation": ["partner_of", "participant_in", "participant_in"],
            "target": ["org-2", "p-1", "p-1"],
            "since": ["2020", "", "2021"],
            validation.ORIGIN: ["relations.csv:2", "relations.csv:3", "relations.csv:4"],
        },
        dtype=text,
        index=[2, 3, 4],
    )
    graph = graph_module.build_graph(validation.ValidData(entities, relations))
    node_keys = {id(node) for node in nx_fast.node_attrs(graph)}
    succ, pred = nx_fast.succ_pred(graph)
    ends = [end for adjacency in (succ, pred) for neighbours in adjacency.values() for end in neighbours]
    assert len(ends) == 6 and all(id(end) in node_keys for end in ends)
    assert list(graph.edges(keys=True, data=True)) == [
        ("org-1", "org-2", "partner_of", {"since": "2020"}),
        ("org-1", "p-1", "participant_in", {"since": "2021"}),
        ("org-2", "p-1", "participant_in", {}),
    ]


@FAST
@given(graphs())
def test_the_cache_rebuilds_the_graph_it_stored(graph: nx.MultiDiGraph) -> None:
    arrays = cache_format.graph_arrays(graph)
    _assert_same_graph(cache_format.graph_from_arrays(arrays), graph)
    assert _listed(cache_format.graph_from_arrays_public(arrays))[:2] == _listed(graph)[:2]


# --- walking the graph -----------------------------------------------------------------------------------------


@FAST
@given(graphs(), filters, st.data())
def test_induced_copy_equals_the_public_subgraph_copied(graph: nx.MultiDiGraph, flt: ViewFilter, data) -> None:
    keep = data.draw(st.sets(st.sampled_from(list(graph))))
    fast = queries.induced_view(graph, keep, flt)
    public = nx.MultiDiGraph()
    public.add_nodes_from((n, dict(graph.nodes[n])) for n in keep)
    public.add_edges_from(
        (u, v, k, dict(a)) for u, v, k, a in graph.subgraph(keep).edges(keys=True, data=True) if flt.edge_ok(k, a)
    )
    assert dict(fast.nodes(data=True)) == dict(public.nodes(data=True))
    assert sorted(map(repr, fast.edges(keys=True, data=True))) == sorted(map(repr, public.edges(keys=True, data=True)))
    assert sorted(fast.in_edges(keys=True)) == sorted(public.in_edges(keys=True))
    assert all(fast.nodes[n] is not graph.nodes[n] for n in fast)  # copies: a view may change them
    assert all(a is not graph.edges[e] for *e, a in fast.edges(keys=True, data=True))
    succ, pred = nx_fast.succ_pred(fast)
    assert all(keyed is pred[v][u] for u in succ for v, keyed in succ[u].items())


@FAST
@given(graphs(), filters, st.integers(0, 3), st.data())
def test_ego_nodes_equal_networkx_breadth_first_search(
    graph: nx.MultiDiGraph, flt: ViewFilter, radius: int, data
) -> None:
    center = data.draw(st.sampled_from(list(graph)))
    fast = queries.ego_nodes(_directory(graph), center, radius, flt)
    assert fast == nx.single_source_shortest_path_length(_links(graph, flt, {center}), center, cutoff=radius)
    ego = queries.ego_network(_directory(graph), center, radius, flt)
    assert set(ego) == set(fast)


@FAST
@given(graphs(), st.sampled_from([None, 1, 2]), st.data())
def test_distances_from_home_equal_networkx_breadth_first_search(
    graph: nx.MultiDiGraph, limit: int | None, data
) -> None:
    home = data.draw(st.sampled_from(list(graph)))
    fast = insights.distances(_directory(graph, home), limit)
    assert fast == nx.single_source_shortest_path_length(_links(graph, ViewFilter(), set()), home, cutoff=limit)


@FAST
@given(graphs(), filters, st.data())
def test_bidirectional_search_finds_a_shortest_path(graph: nx.MultiDiGraph, flt: ViewFilter, data) -> None:
    source, target = data.draw(st.sampled_from(list(graph))), data.draw(st.sampled_from(list(graph)))
    blocked = data.draw(st.sets(st.sampled_from(list(graph))).map(lambda s: s - {source, target}))
    links = _links(graph, flt, {source, target})
    pairs = list(links.edges)
    blocked_pairs = {frozenset(p) for p in data.draw(st.lists(st.sampled_from(pairs)))} if pairs else set()
    public = nx.restricted_view(
        links, blocked, [tuple(p) for p in blocked_pairs] + [tuple(p)[::-1] for p in blocked_pairs]
    )
    found = queries._bidirectional_bfs(graph, source, target, flt, blocked, blocked_pairs)
    if not nx.has_path(public, source, target):
        assert found is None
        return
    assert found is not None and found[0] == source and found[-1] == target
    assert len(found) - 1 == nx.shortest_path_length(public, source, target)
    assert all(public.has_edge(a, b) for a, b in itertools.pairwise(found))


def test_a_path_between_entities_the_filter_hides_is_found_from_either_end() -> None:
    """The ends of a path are the entities asked about: the filter applies to what lies between them.

    (It used to apply to the far end too, so a path from A to a person under "organisations only" was missing
    while the path from the person to A was found.)
    """
    graph = nx.MultiDiGraph()
    graph.add_node("a", kind="organisation")
    graph.add_node("m", kind="organisation")
    graph.add_node("p", kind="person")
    graph.add_node("q", kind="person")
    graph.add_edge("p", "a", "works_at")
    graph.add_edge("a", "m", "member_of")
    graph.add_edge("q", "m", "works_at")
    organisations = ViewFilter(kinds=frozenset({"organisation"}))
    for source, target, length in (("a", "p", 1), ("p", "a", 1), ("p", "q", 3), ("q", "p", 3)):
        paths = queries._node_paths(graph, source, target, 3, organisations)
        assert [len(p) - 1 for p in paths] == [length], (source, target)
    assert queries._bidirectional_bfs(graph, "p", "q", ViewFilter(kinds=frozenset({"network"})), set(), set()) is None


@FAST
@given(graphs(min_edges=6, max_edges=30), filters, st.integers(1, 6), st.data())
def test_k_shortest_paths_equal_networkx_shortest_simple_paths(
    graph: nx.MultiDiGraph, flt: ViewFilter, k: int, data
) -> None:
    source = data.draw(st.sampled_from(list(graph)))
    target = data.draw(st.sampled_from([n for n in graph if n != source] or [source]))
    links = _links(graph, flt, {source, target})
    fast = queries._node_paths(graph, source, target, k, flt)
    try:
        public = list(itertools.islice(nx.shortest_simple_paths(links, source, target), k))
    except nx.NetworkXNoPath:
        public = []
    assert [len(p) for p in fast] == [len(p) for p in public]  # ties may be listed in another order
    assert len({tuple(p) for p in fast}) == len(fast)
    for path in fast:
        assert path[0] == source and path[-1] == target and len(set(path)) == len(path)
        assert all(links.has_edge(a, b) for a, b in itertools.pairwise(path))
    for path in queries.shortest_paths(_directory(graph), source, target, k, flt):
        for step in path.steps:  # the relation shown is one the filter keeps, in its real direction
            u, v = (step.source, step.target) if step.forward else (step.target, step.source)
            assert graph.has_edge(u, v, step.relation) and flt.edge_ok(step.relation, graph.edges[u, v, step.relation])


@FAST
@given(graphs(), st.data())
def test_projection_equals_networkx_undirected_simple_graph(graph: nx.MultiDiGraph, data) -> None:
    nodes = data.draw(st.none() | st.sets(st.sampled_from(list(graph))))
    part = graph if nodes is None else graph.subgraph(nodes)
    public = nx.Graph(part.to_undirected(as_view=True))
    public.remove_edges_from(list(nx.selfloop_edges(public)))
    fast = metrics.projection(graph, nodes)
    assert list(fast.nodes) == [n for n in graph if n in public]  # the graph's order (a subgraph view's may differ)
    assert {frozenset(e) for e in fast.edges} == {frozenset(e) for e in public.edges}


# --- text ------------------------------------------------------------------------------------------------------

WORDS = ["region", "orebro", "lan", "kommun", "reves", "universitet", "eurocities", "uni", "city", "of"]
typos = st.tuples(
    st.lists(st.sampled_from(WORDS), min_size=1, max_size=4),
    st.integers(0, 40),
    st.sampled_from(["", "x", "-", "ø", "/"]),
    st.booleans(),
)


def _typed(parts: tuple) -> str:
    """Words joined, one character replaced or dropped: names as people mistype them."""
    words, at, other, drop = parts
    text = " ".join(words)
    at %= len(text) + 1
    return text[:at] + ("" if drop else other) + text[at + 1 :]


keys = st.lists(typos.map(_typed) | st.text(alphabet="abcdeilnor -.'&/0ø", max_size=14), min_size=1, max_size=40)


@st.composite
def near_query(draw) -> tuple[list[str], str]:
    """A query and keys: random names, and the query's own words mistyped or reordered (scores near the cutoff)."""
    query = draw(typos.map(_typed) | st.text(alphabet="abcdeilnor -", min_size=1, max_size=12))
    words = query.split() or [query]
    near = st.tuples(
        st.lists(st.sampled_from(words + WORDS[:3]), min_size=1, max_size=4),
        st.integers(0, 40),
        st.sampled_from(["", "x", "a", " "]),
        st.booleans(),
    ).map(_typed)
    return draw(st.lists(near | keys.map(lambda k: k[0]), min_size=1, max_size=40)), query


@FAST
@given(near_query(), st.integers(1, 12), st.sampled_from([1, 2, 7, 1024]), st.sampled_from([1, 3, 8192]))
def test_fuzzy_index_equals_rapidfuzz_extract(
    names_query: tuple[list[str], str], limit: int, batch: int, build: int
) -> None:
    names, query = names_query
    # small batches: the early stop is taken too; small builds: the counts are made in several chunks
    with patch.object(search, "_BATCH", batch), patch.object(search, "_BUILD_KEYS", build):
        fast = search._FuzzyIndex(names).best(query, limit)
    public = process.extract(
        query, names, scorer=fuzz.WRatio, processor=None, score_cutoff=search._FUZZY_CUTOFF, limit=limit
    )
    assert fast == [(score, i) for _name, score, i in public]


def test_fuzzy_index_built_in_chunks_equals_one_pass() -> None:
    """The counts made ``_BUILD_KEYS`` keys at a time are those of one pass over every key (which needed ~130 MB of
    intermediate arrays at 78,000 names)."""
    names = [f"{a} {b} {c}{i}" for i, (a, b, c) in enumerate(itertools.product(WORDS, WORDS, "abcxyz"))]
    with patch.object(search, "_BUILD_KEYS", len(names) + 1):
        whole = search._FuzzyIndex(names)
    for build in (1, 7, 100):
        with patch.object(search, "_BUILD_KEYS", build):
            chunked = search._FuzzyIndex(names)
        for name in ("counts", "bigram_keys", "bigram_counts", "bigram_starts"):
            np.testing.assert_array_equal(getattr(chunked, name), getattr(whole, name), err_msg=f"{name}, {build}")


@FAST
@given(keys, st.text(alphabet="abcdeilnor -", min_size=1, max_size=12), st.sampled_from([1, 3, 8192]))
def test_fuzzy_bounds_are_never_below_the_score(names: list[str], query: str, build: int) -> None:
    with patch.object(search, "_BUILD_KEYS", build):
        bounds = search._FuzzyIndex(names).upper_bounds(query)
    for name, bound in zip(names, bounds.tolist()):
        assert fuzz.WRatio(query, name, processor=None) <= bound + 1e-9, name


awkward_text = st.text(
    alphabet=st.characters(codec="utf-8")
    | st.sampled_from(
        list("ÖöÅåÄäøØæÆßłŁđðþœıİΣσςﬁ") + ["\u00a0", "\t", "\n", "\x00", "\u0308", "\u2003", "\x1c", "\u0301", " "]
    ),
    max_size=12,
)


@FAST
@given(st.lists(awkward_text, max_size=12))
def test_fold_many_equals_folding_one_by_one(texts: list[str]) -> None:
    assert textnorm.fold_many(texts) == [textnorm.fold(t) for t in texts]


@FAST
@given(st.lists(awkward_text, max_size=12), st.lists(awkward_text, max_size=12))
def test_name_keys_kept_within_a_block_equal_keying_each_name(first: list[str], second: list[str]) -> None:
    """``textnorm.keys_kept``: a name keyed by an earlier call in the block (alone or among others) gets the key
    ``name_key`` gives it; outside the block nothing is kept."""
    with textnorm.keys_kept():
        assert textnorm.name_keys(first) == [textnorm.name_key(t) for t in first]
        both = [*second, *first, *second]
        assert textnorm.name_keys(both) == [textnorm.name_key(t) for t in both]
        with ThreadPoolExecutor(1) as pool:  # another thread's calls are not kept in this block
            assert pool.submit(lambda: getattr(textnorm._kept, "keys", None)).result() is None
    assert getattr(textnorm._kept, "keys", None) is None


def _fold_whole_text(text: str) -> str:
    """``textnorm.fold`` as it was before it folded character by character: the whole text decomposed at once."""
    if text.isascii():
        return textnorm._SPACES.sub(" ", text.lower()).strip()
    decomposed = unicodedata.normalize("NFKD", text.translate(textnorm._SPECIAL))
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return textnorm._SPACES.sub(" ", bare.lower()).strip()


@pytest.mark.slow  # 1.1 million code points: about 6 s
def test_fold_by_character_equals_folding_the_whole_text_for_every_code_point() -> None:
    codes = list(range(0x110000))
    for start in range(0, len(codes), 4096):  # in texts, so neighbours (combining marks, final sigma) meet
        text = "".join(map(chr, codes[start : start + 4096]))
        assert textnorm.fold(text) == _fold_whole_text(text), hex(start)
        assert textnorm.fold(text[::-1]) == _fold_whole_text(text[::-1]), hex(start)


def _clean_by_expression(text: str) -> str:
    """``textnorm.clean`` as it was: runs of white space replaced by one space with a regular expression."""
    return textnorm._SPACES.sub(" ", textnorm.nfc(text).replace("\u00a0", " ")).strip()


def test_clean_equals_the_regular_expression_way_for_every_code_point() -> None:
    for start in range(0, 0x110000, 8192):
        text = "".join(map(chr, range(start, min(start + 8192, 0x110000))))
        for variant in (text, text[::-1], f"  {text}\t\u2003"):
            assert textnorm.clean(variant) == _clean_by_expression(variant), hex(start)


@FAST
@given(st.lists(awkward_text, max_size=12).map("".join))
def test_clean_equals_the_regular_expression_way(text: str) -> None:
    assert textnorm.clean(text) == _clean_by_expression(text)


def _key_of_cleaned(text: str) -> str:
    return textnorm.name_key(validation._cleaned(pd.Series([text], dtype=object), _ORGANISATION_COLUMNS["name"])[0])


def test_a_name_key_is_that_of_the_name_validation_cleans_for_every_code_point() -> None:
    """``validation_rows`` finds near-duplicate ties from the names as written: cleaning (trimming, NFC, runs of
    white space and non-breaking spaces) changes no name key. (Surrogates left out: no decoded file holds them.)"""
    for start in range(0, 0x110000, 8192):
        text = "".join(chr(c) for c in range(start, min(start + 8192, 0x110000)) if not 0xD800 <= c < 0xE000)
        for variant in (text, text[::-1], f" \u00a0{text}\t\u2003 ", text.replace("a", "a\u00a0 \u0308")):
            assert textnorm.name_key(variant) == _key_of_cleaned(variant), hex(start)


@FAST
@given(
    st.lists(
        st.one_of(awkward_text, st.sampled_from([" ", "\u00a0", "\u0308", "o\u0308", "\t", "\u2003"])), max_size=12
    ).map("".join)
)
def test_a_name_key_is_that_of_the_name_validation_cleans(text: str) -> None:
    assert textnorm.name_key(text) == _key_of_cleaned(text)


@FAST
@given(st.lists(awkward_text, max_size=12).map("".join))
def test_fold_by_character_equals_folding_the_whole_text(text: str) -> None:
    assert textnorm.fold(text) == _fold_whole_text(text)
    assert textnorm.fold("Ö" + text) == _fold_whole_text("Ö" + text)  # not ASCII: the table is used


@FAST
@given(
    st.lists(st.one_of(st.text(alphabet="ab\x1f", max_size=4), st.none(), st.just(float("nan"))), max_size=12),
    st.sets(st.text(alphabet="ab\x1f", max_size=4), max_size=8),
    st.sampled_from(["str", "object"]),
)
def test_import_members_equal_isin(values: list, keys: set[str], dtype: str) -> None:
    series = pd.Series(values, dtype=dtype if dtype == "object" else "str", index=range(3, 3 + len(values)))
    assert importing._members(series, keys).equals(series.isin(keys))


@FAST
@given(
    st.text(alphabet="abcde-1", min_size=3, max_size=10),
    st.integers(0, 2**32),
    st.integers(1, 3),
    st.sampled_from([0.6, 0.7, 0.8]),
)
def test_close_matches_equal_difflib(word: str, seed: int, n: int, cutoff: float) -> None:
    rng = random.Random(seed)  # hypothesis draws the seed: drawing each of the ~1,000 choices through it is slow

    def variant() -> str:
        chars = list(word)
        for _ in range(rng.randint(0, 2 + len(word) // 2)):
            at = rng.randint(0, len(chars))
            chars[at : at + rng.randint(0, 1)] = rng.choice(["", rng.choice("abcde-1xy")])
        return "".join(chars)

    possibilities = [variant() for _ in range(rng.randint(101, 160))]  # over 100: the rapidfuzz pre-filter runs
    assert validation._close_matches(word, possibilities, n, cutoff) == difflib.get_close_matches(
        word, possibilities, n, cutoff
    )


_ORGANISATION_COLUMNS = {c.name: c for c in schema.ORGANISATIONS.columns}
ELEMENT_WISE = {
    "cleaned name": lambda s: validation._cleaned(s, _ORGANISATION_COLUMNS["name"]),
    "cleaned list": lambda s: validation._cleaned(s, _ORGANISATION_COLUMNS["themes"]),
    "bad dates": validation._bad_dates,
    "url scheme": lambda s: s.map(validation._scheme),
    "vocabulary": lambda s: s.str.lower().str.replace(r"[\s_-]+", "-", regex=True),
}
values = st.sampled_from(
    [
        "",
        " a ",
        "Örebro\u00a0län",
        "o\u0308",
        "2001",
        "2001-02-30",
        "2024-02-29",
        "2005-13",
        "https://x.se",
        "mailto:a@b",
        "member_of",
        "Member Of",
        "health | energy",
        "é",
    ]
)


@FAST
@given(st.lists(values, min_size=1, max_size=40), st.sampled_from(sorted(ELEMENT_WISE)), st.integers(0, 3))
def test_per_value_equals_the_function_on_every_row(cells: list[str], name: str, first_row: int) -> None:
    series = pd.Series(cells, index=range(first_row, first_row + len(cells)), name="column")
    func = ELEMENT_WISE[name]
    with patch.object(distinct, "PER_VALUE_MIN_ROWS", 0):  # the shortcut at any size
        fast = distinct.per_value(series, func)
    pd.testing.assert_series_equal(fast, func(series))


@FAST
@given(
    st.lists(st.lists(values, max_size=12), min_size=1, max_size=6),
    st.sampled_from(sorted(ELEMENT_WISE)),
    st.integers(0, 3),
    st.sampled_from(["str", object]),
)
def test_per_value_columns_equals_the_function_on_each_column(
    columns: list[list[str]], name: str, first: int, dtype
) -> None:
    """``per_value_columns`` joins small columns of one dtype, calls the function once and cuts the result back:
    each part must be what the function gives that column alone (its values, index, name and dtype)."""
    series = [
        pd.Series(cells, index=range(first + i, first + i + len(cells)), name=f"c{i}", dtype=dtype)
        for i, cells in enumerate(columns)
    ]
    func = ELEMENT_WISE[name]
    for fast, column in zip(distinct.per_value_columns(series, func), series, strict=True):
        pd.testing.assert_series_equal(fast, func(column))


def test_per_value_at_its_real_threshold() -> None:
    cells = (["2001", "", "2001-02-30", "x|y ", "https://a"] * 1200)[: distinct.PER_VALUE_MIN_ROWS + 7]
    series = pd.Series(cells, index=range(2, 2 + len(cells)), name="since")
    for func in ELEMENT_WISE.values():
        pd.testing.assert_series_equal(distinct.per_value(series, func), func(series))


def test_node_attrs_is_what_the_node_view_gives() -> None:
    graph = nx.MultiDiGraph()
    graph.add_node("a", kind="organisation", name="Å")
    graph.add_node("b")
    assert dict(nx_fast.node_attrs(graph)) == dict(graph.nodes(data=True))
    assert nx_fast.node_attrs(graph)["a"] is graph.nodes["a"]  # the same dict: nothing copied


def _conform_plainly(frame: pd.DataFrame, table: schema.Table) -> pd.DataFrame:
    """``storage.conform`` the plain way: every column to ``object``, then every missing cell filled at once."""
    extra = [c for c in frame.columns if c not in table.column_names]
    out = pd.DataFrame(index=frame.index)
    for name in (*table.column_names, *extra):
        out[name] = frame[name].astype(object) if name in frame.columns else ""
    return out.fillna("").astype(object)


cells = st.one_of(st.none(), st.just(float("nan")), st.sampled_from(["", "a", "Örebro", " x ", "1"]))


@FAST
@given(
    st.lists(st.sampled_from(["id", "name", "country", "extra", "notes"]), unique=True, max_size=5),
    st.integers(0, 6),
    st.data(),
)
def test_conform_of_arrow_text_equals_converting_every_cell(columns: list[str], size: int, data) -> None:
    """``storage._text_column`` fills an Arrow-backed text column in Arrow and makes one Python string per distinct
    value, shared by its cells; the plain way converts every cell, then fills the missing ones."""
    from network import storage

    table = schema.table_for_kind("organisation")
    frame = pd.DataFrame(
        {
            name: pd.Series(
                data.draw(st.lists(cells, min_size=size, max_size=size)),
                dtype=data.draw(st.sampled_from(["str", object])),
            )
            for name in columns
        },
        index=pd.RangeIndex(2, 2 + size),
    )
    expected, got = _conform_plainly(frame, table), storage.conform(frame, table)
    pd.testing.assert_frame_equal(got, expected, check_exact=True)
    assert got.columns.dtype == expected.columns.dtype
