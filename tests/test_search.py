"""Search by name: ignores case and accents, tolerates typos, ranks exact > prefix > word > fuzzy."""

from __future__ import annotations

import pytest

from network.search import ELSEWHERE, HOME, NEIGHBOUR, SearchIndex, closest_ids, nearness, rank, search
from network.textnorm import clean, fold, name_key, slugify


@pytest.mark.parametrize(
    "query",
    [
        "Region Örebro län",
        "region örebro län",
        "REGION OREBRO LAN",
        "Orebro",
        "örebro",
        "ÖREBRO",
        "Örebo",
        "Orebo",
        "Regon Örebro",
        "region-orebro",
    ],
)
def test_finds_region_orebro(small, query: str) -> None:
    hits = search(small, query)
    assert hits, query
    assert "region-orebro" in [h.id for h in hits[:2]], (query, hits)


def test_typo_ranks_the_right_entity_first(small) -> None:
    assert search(small, "Örebo län")[0].id == "region-orebro"
    assert search(small, "Theatre de Lile")[0].id == "lille-theatre"
    assert search(small, "Dans Bridges")[0].id == "dance-bridges"


def test_ranking_exact_prefix_word_fuzzy(small) -> None:
    hit = search(small, "REVES")[0]
    assert (hit.id, hit.score, hit.match) == ("reves", 100.0, "name")
    prefix = search(small, "Region")[0]
    assert (prefix.id, prefix.score) == ("region-orebro", 95.0)
    words = search(small, "Örebro")
    # Both names contain the word "Örebro" (not at the start): equal score; the home organisation first.
    assert [h.id for h in words[:2]] == ["region-orebro", "dansresidens"]
    assert words[0].score == words[1].score == 90.0
    fuzzy = search(small, "Örebo")
    assert all(h.match == "fuzzy" and h.score < 80 for h in fuzzy)
    hits = search(small, "e", limit=50)
    keys = [rank(h.score, h.match, nearness(small.graph, small.home).get(h.id, ELSEWHERE)) for h in hits]
    assert keys == sorted(keys)


def test_acronym_and_id(small) -> None:
    assert search(small, "DB")[0].id == "dance-bridges"
    hit = search(small, "central-sweden")[0]
    assert (hit.id, hit.match) == ("central-sweden", "id")


def test_kinds_filter_and_limit(small) -> None:
    everything = {h.kind for h in search(small, "e", limit=50)}
    assert {"organisation", "network", "person"} <= everything
    people = search(small, "e", kinds=["person"], limit=50)
    assert people and {h.kind for h in people} == {"person"}
    assert {h.id for h in people} == {"anna-exempel", "marco-esempio"}
    assert len(search(small, "e", limit=3)) == 3
    assert search(small, "Örebro", kinds=["network"]) == []


def test_no_match_and_empty_query(small) -> None:
    assert search(small, "") == [] and search(small, "   ") == []
    assert search(small, "Xylophone Quartet Zzz") == []


def test_order_does_not_depend_on_the_order_of_the_rows(small) -> None:
    """Ties are ordered by name, then id: the same hits in the same order whatever order the rows were read in."""
    nodes = list(small.graph.nodes(data=True))
    forward, backward = SearchIndex(nodes), SearchIndex(nodes[::-1])
    for query in ("or", "e", "an", "da", "re"):
        hits = forward.search(query)
        assert len({h.score for h in hits}) < len(hits), f"{query!r} has no ties to order"
        assert backward.search(query) == hits
        keys = [(-h.score, fold(h.name), h.id) for h in hits]
        assert keys == sorted(keys)


def test_closest_ids(small) -> None:
    assert closest_ids(small, "region-orebr")[0] == "region-orebro"
    assert closest_ids(small, "REVS")[0] == "reves"
    assert closest_ids(small, "qqqqqqqqqq") == []


def test_index_on_plain_nodes() -> None:
    index = SearchIndex(
        [
            ("a", {"name": "Ålands kulturstiftelse", "kind": "organisation"}),
            ("b", {"name": "Kulturhuset", "kind": "organisation", "acronym": "KH"}),
            ("c", {"kind": "network"}),
        ]
    )
    assert index.search("alands")[0].id == "a"
    assert index.search("kh")[0].id == "b"
    assert index.search("c")[0].name == "c"  # a node without a name is found by id


def test_textnorm() -> None:
    assert fold("Örebro LÄN") == "orebro lan"
    assert fold("Øresund Straße Łódź") == "oresund strasse lodz"
    assert clean("  Region\u00a0Örebro \t län ") == "Region Örebro län"
    assert clean("O\u0308rebro") == "Örebro"
    assert name_key("Region Örebro län AB") == name_key("REGION OREBRO LÄN")
    assert slugify("Region Örebro län") == "region-orebro-lan"


def _index(*names: str) -> SearchIndex:
    return SearchIndex([(f"n{i}", {"name": name, "kind": "organisation"}) for i, name in enumerate(names)])


def test_home_and_its_neighbours_first_among_equal_matches() -> None:
    """ "Orebro" starts a word of all four names: the home, then its neighbour, then the others by name."""
    index = _index("Örebro kommun", "Örebro universitet", "Region Örebro län", "Partnerskapet i Örebro län")
    near = {"n2": HOME, "n3": NEIGHBOUR}
    assert [h.id for h in index.search("Orebro")] == ["n0", "n1", "n3", "n2"]  # without nearness: by score, name
    assert [h.id for h in index.search("Orebro", near=near)] == ["n2", "n3", "n0", "n1"]


def test_exact_match_beats_the_home_organisation() -> None:
    index = _index("Örebro kommun", "Region Örebro län")
    near = {"n1": HOME}
    assert index.search("orebro kommun", near=near)[0].id == "n0"
    # a match inside a word ranks below a word match, even for the home organisation
    inside = _index("Teaterhuset", "Huset", "Husets vänner")
    assert [h.id for h in inside.search("huset", near={"n0": HOME})] == ["n1", "n2", "n0"]


def test_nearness_of_the_small_directory(small) -> None:
    near = nearness(small.graph, small.home)
    assert near["region-orebro"] == HOME
    assert {i for i, v in near.items() if v == NEIGHBOUR} == {
        "reves",
        "central-sweden",
        "dance-bridges",
        "dansresidens",
        "anna-exempel",
    }
    assert nearness(small.graph, None) == {}


def test_limit_keeps_the_best_ranked() -> None:
    names = [f"Örebro förening {i:02d}" for i in range(30)] + ["Region Örebro län"]
    index = _index(*names)
    hits = index.search("orebro", limit=5, near={"n30": HOME})
    assert hits[0].id == "n30" and len(hits) == 5
    assert [h.id for h in hits[1:]] == ["n0", "n1", "n2", "n3"]
