"""The graph and the questions asked of it: records, neighbours, ego networks, paths, statistics.

The small directory (tests/conftest.py) has three ways from Region Örebro län to Comune di X: through REVES, through
the project Dance Bridges, and through Anna Exempel, who knows Marco Esempio.
"""

from __future__ import annotations

import networkx as nx
import pytest

from network import NotFoundError, schema
from network.queries import (
    Step,
    ViewFilter,
    describe_path,
    ego_network,
    ego_nodes,
    neighbours,
    relation_label,
    shortest_paths,
    stats,
)

# --- the graph -------------------------------------------------------------------------------------------------


def test_graph_nodes_have_kind(small) -> None:
    graph = small.graph
    assert isinstance(graph, nx.MultiDiGraph)
    kinds = {node: attrs["kind"] for node, attrs in graph.nodes(data=True)}
    assert kinds["region-orebro"] == "organisation" and kinds["reves"] == "network"
    assert kinds["dance-bridges"] == "project" and kinds["creative-europe-small"] == "programme"
    assert kinds["anna-exempel"] == "person"
    assert set(kinds.values()) <= set(schema.KINDS)
    assert graph.number_of_nodes() == 12


def _origins(directory, source: str, relation: str, target: str) -> list[str]:
    """Where the relations table says these rows were written (file, row and, for a reference column, column)."""
    rows = directory.relations
    chosen = (rows["source"] == source) & (rows["relation"] == relation) & (rows["target"] == target)
    return rows.loc[chosen, "origin"].tolist()


def test_graph_edges_keyed_by_relation_with_row_attributes(small) -> None:
    graph = small.graph
    assert all(key in schema.RELATION_TYPES for _, _, key in graph.edges(keys=True))
    edge = graph.edges["region-orebro", "reves", "member_of"]
    assert edge["since"] == "2001" and edge["note"] == "Member for over 20 years."
    assert edge["reference"] == "https://www.revesnetwork.eu" and edge["verified"] == "2025-01-10"
    assert "origin" not in edge  # where the row was written is in the relations table only (memory, issue 12)
    assert _origins(small, "region-orebro", "member_of", "reves") == ["relations.csv:2"]
    assert "until" not in edge  # empty cells are not copied
    assert graph.edges["region-orebro", "dance-bridges", "partner_in"]["role"] == "coordinator"
    assert graph.edges["lille-theatre", "reves", "member_of"]["until"] == "2018"


def test_graph_relations_made_from_reference_columns(small) -> None:
    graph = small.graph
    assert graph.has_edge("anna-exempel", "region-orebro", "works_at")
    assert _origins(small, "anna-exempel", "works_at", "region-orebro") == ["people.csv:2:organisation"]
    assert graph.has_edge("marco-esempio", "comune-x", "works_at")
    assert graph.has_edge("dance-bridges", "creative-europe-small", "funded_by")
    assert not graph.has_edge("heritage-idea", "creative-europe-small")  # no programme, no edge
    # Two relations between the same pair are two edges with different keys.
    assert set(graph["anna-exempel"]["region-orebro"]) == {"works_at", "represents"}


def test_graph_has_no_contact_details(small) -> None:
    for _, attrs in small.graph.nodes(data=True):
        assert not {"email", "phone", "notes"} & set(attrs)
    text = repr(list(small.graph.nodes(data=True))) + repr(list(small.graph.edges(data=True)))
    for secret in ("anna.exempel@example.org", "+46 70 000 00 01", "Secret note", "info@example.org"):
        assert secret not in text


def test_graph_list_attributes(small) -> None:
    assert small.graph.nodes["dansresidens"]["themes"] == ("dance", "children-youth")
    assert small.graph.nodes["creative-europe-small"].get("themes", ()) == ()


# --- get by id -------------------------------------------------------------------------------------------------


def test_record(small) -> None:
    record = small.record("comune-x")
    assert record["kind"] == "organisation" and record["row"] == 3
    assert record["name"] == "Comune di X" and record["country"] == "IT" and record["nuts"] == ""
    assert set(schema.ORGANISATIONS.column_names) <= set(record)
    person = small.record("marco-esempio")
    assert person["email"] == "marco.esempio@example.org"  # the full row is available to the library
    assert small.kind_of("reves") == "network" and small.name_of("reves") == "REVES"
    assert "reves" in small and "nothing" not in small


def test_not_found_with_suggestions(small) -> None:
    with pytest.raises(NotFoundError) as caught:
        small.record("region-orebr")
    assert "region-orebro" in caught.value.suggestions
    assert "Did you mean" in str(caught.value) and "region-orebr'" in str(caught.value)
    with pytest.raises(KeyError):  # NotFoundError is also a KeyError
        small.kind_of("zzzzzz")


# --- neighbours and ego networks ---------------------------------------------------------------------------------


def test_neighbours_both_directions(small) -> None:
    found = {(n.id, n.relation, n.outgoing) for n in neighbours(small, "reves")}
    assert found == {
        ("region-orebro", "member_of", False),
        ("comune-x", "member_of", False),
        ("lille-theatre", "member_of", False),
    }
    around = {(n.id, n.relation, n.outgoing) for n in neighbours(small, "region-orebro")}
    assert ("reves", "member_of", True) in around
    assert ("dansresidens", "collaborates_with", False) in around
    assert ("anna-exempel", "works_at", False) in around and ("anna-exempel", "represents", False) in around
    assert len(around) == 6


def test_neighbours_sorted_and_filtered(small) -> None:
    relations = [n.relation for n in neighbours(small, "region-orebro")]
    order = list(schema.RELATION_TYPES)
    assert relations == sorted(relations, key=order.index)
    only = neighbours(small, "region-orebro", ViewFilter(kinds=frozenset({"network"})))
    assert [n.id for n in only] == ["central-sweden", "reves"]  # sorted by name within a relation
    with pytest.raises(NotFoundError):
        neighbours(small, "no-such-id")


def test_ego_radius(small) -> None:
    one = ego_nodes(small, "reves", 1)
    assert one == {"reves": 0, "region-orebro": 1, "comune-x": 1, "lille-theatre": 1}
    two = ego_nodes(small, "reves", 2)
    assert two["dance-bridges"] == 2 and two["anna-exempel"] == 2 and two["marco-esempio"] == 2
    assert "creative-europe-small" not in two and "athens-lab" not in two
    assert ego_nodes(small, "reves", 0) == {"reves": 0}


def test_ego_network_is_a_subgraph_copy(small) -> None:
    sub = ego_network(small, "reves", 1)
    assert set(sub) == {"reves", "region-orebro", "comune-x", "lille-theatre"}
    assert sub.nodes["reves"]["kind"] == "network"
    assert set(sub.edges(keys=True)) == {
        ("region-orebro", "reves", "member_of"),
        ("comune-x", "reves", "member_of"),
        ("lille-theatre", "reves", "member_of"),
    }
    sub.remove_node("reves")
    assert "reves" in small.graph


def test_ego_filters(small) -> None:
    def ego(**kw) -> set[str]:
        return set(ego_nodes(small, "region-orebro", 2, ViewFilter(**kw)))

    assert ego(kinds=frozenset({"organisation", "network"})) == {
        "region-orebro",
        "reves",
        "central-sweden",
        "dansresidens",
        "comune-x",
        "lille-theatre",
    }
    assert ego(relations=frozenset({"partner_in"})) == {"region-orebro", "dance-bridges", "comune-x", "athens-lab"}
    # Entities without a country (projects) pass a country filter; Comune di X (IT) does not.
    assert ego(relations=frozenset({"partner_in"}), countries=frozenset({"GR"})) == {
        "region-orebro",
        "dance-bridges",
        "athens-lab",
    }
    only_se = ego(countries=frozenset({"SE"}), kinds=frozenset({"organisation", "network"}))
    assert only_se == {"region-orebro", "reves", "central-sweden", "dansresidens"}  # networks have no country
    # Programmes have no themes column, so a theme filter keeps them.
    assert ego(themes=frozenset({"dance"})) == {
        "region-orebro",
        "dansresidens",
        "dance-bridges",
        "creative-europe-small",
    }
    # Lille left REVES in 2018: active in 2015, not in 2024.
    assert "lille-theatre" in ego(active_on="2015-06-01")
    assert "lille-theatre" not in ego(active_on="2024-06-01")
    # Athens joined Dance Bridges in 2024-01; Comune di X joined REVES in 2015-03.
    assert "athens-lab" not in ego(active_on="2023-12-31") and "athens-lab" in ego(active_on="2024-01-15")
    assert "comune-x" in ego(active_on="2015-03-10", relations=frozenset({"member_of"}))
    assert "comune-x" not in ego(active_on="2015-02-28", relations=frozenset({"member_of"}))


def test_view_filter_edge_dates() -> None:
    flt = ViewFilter(active_on="2020-06-15")
    assert flt.edge_ok("member_of", {})
    assert flt.edge_ok("member_of", {"since": "2020", "until": "2020"})
    assert flt.edge_ok("member_of", {"since": "2020-06", "until": "2020-06"})
    assert not flt.edge_ok("member_of", {"since": "2020-07"})
    assert not flt.edge_ok("member_of", {"until": "2020-05"})
    assert not flt.edge_ok("member_of", {"until": "2019"})


# --- paths -----------------------------------------------------------------------------------------------------


def test_shortest_paths_k(small) -> None:
    paths = shortest_paths(small, "region-orebro", "comune-x", k=3)
    assert [len(p) for p in paths] == [2, 2, 3]
    assert {p.nodes[1] for p in paths[:2]} == {"reves", "dance-bridges"}
    assert paths[2].nodes == ("region-orebro", "anna-exempel", "marco-esempio", "comune-x")
    assert len({p.nodes for p in paths}) == 3, "paths are distinct"
    assert [len(p) for p in shortest_paths(small, "region-orebro", "comune-x", k=1)] == [2]
    assert len(shortest_paths(small, "region-orebro", "comune-x", k=10)) >= 3


def test_path_steps_have_relation_and_direction(small) -> None:
    paths = shortest_paths(small, "region-orebro", "comune-x", k=3)
    via_reves = next(p for p in paths if "reves" in p.nodes)
    assert via_reves.steps == (
        Step("region-orebro", "member_of", "reves", True),
        Step("reves", "member_of", "comune-x", False),
    )
    via_people = paths[2]
    assert via_people.steps == (
        Step("region-orebro", "works_at", "anna-exempel", False),
        Step("anna-exempel", "knows", "marco-esempio", True),
        Step("marco-esempio", "works_at", "comune-x", True),
    )


def test_describe_path(small) -> None:
    paths = shortest_paths(small, "region-orebro", "comune-x", k=3)
    sentences = [describe_path(small, p) for p in paths]
    assert "Region Örebro län — member of → REVES ← member of — Comune di X" in sentences
    assert "Region Örebro län — partner in → Dance Bridges ← partner in — Comune di X" in sentences
    assert sentences[2] == (
        "Region Örebro län ← works at — Anna Exempel — knows — Marco Esempio — works at → Comune di X"
    )
    assert relation_label("collaborates_with") == "collaborates with"


def test_path_filters_and_edge_cases(small) -> None:
    members = shortest_paths(
        small, "region-orebro", "comune-x", k=3, flt=ViewFilter(relations=frozenset({"member_of"}))
    )
    assert [describe_path(small, p) for p in members] == [
        "Region Örebro län — member of → REVES ← member of — Comune di X"
    ]
    assert shortest_paths(small, "heritage-idea", "reves") == []  # not connected
    [itself] = shortest_paths(small, "reves", "reves")
    assert itself.nodes == ("reves",) and describe_path(small, itself) == "REVES"
    with pytest.raises(NotFoundError):
        shortest_paths(small, "region-orebro", "comune-y")


def test_undirected_step_written_the_other_way(small) -> None:
    [path] = shortest_paths(small, "region-orebro", "dansresidens", k=1)
    assert path.steps == (Step("region-orebro", "collaborates_with", "dansresidens", False),)
    assert describe_path(small, path) == "Region Örebro län — collaborates with — Dansresidens Örebro"


# --- statistics ------------------------------------------------------------------------------------------------


def test_stats(small) -> None:
    numbers = stats(small)
    assert numbers["name"] == "Testkatalog"
    assert numbers["entities"] == 12 and numbers["relations"] == 13
    assert numbers["by_kind"] == {"organisation": 5, "network": 2, "project": 2, "programme": 1, "person": 2}
    assert numbers["by_type"]["organisation"] == {
        "artist-residency": 1,
        "municipality": 1,
        "ngo": 1,
        "region": 1,
        "theatre": 1,
    }
    assert numbers["by_type"]["network"] == {"association": 1, "eu-office": 1}
    assert numbers["by_country"] == {"SE": 2, "FR": 1, "GR": 1, "IT": 1}
    assert list(numbers["by_country"])[0] == "SE"
    assert numbers["by_relation"] == {
        "member_of": 4,
        "partner_in": 3,
        "works_at": 2,
        "collaborates_with": 1,
        "funded_by": 1,
        "knows": 1,
        "represents": 1,
    }
    assert numbers["errors"] == 0 and numbers["warnings"] == 0


def test_a_relation_written_for_two_periods_keeps_both(tmp_path) -> None:
    from core_helpers import load, write_directory
    from network.queries import ViewFilter, ego_nodes

    folder = write_directory(
        tmp_path / "periods",
        {
            "organisations.csv": "id,name,type,country\na,Alpha,ngo,SE\n",
            "networks.csv": "id,name,type\nn,Net,association\n",
            "relations.csv": "source,relation,target,since,until\na,member_of,n,2000,2005\na,member_of,n,2010,\n",
        },
    )
    directory = load(folder)
    edge = directory.graph.edges["a", "n", "member_of"]
    assert (edge["since"], edge.get("until")) == ("2000", "2005")  # the first row's attributes, not a mix
    assert edge["periods"] == "2000/2005|2010/"
    assert "n" in ego_nodes(directory, "a", 1, ViewFilter(active_on="2003-01-01"))
    assert "n" in ego_nodes(directory, "a", 1, ViewFilter(active_on="2020-01-01"))
    assert "n" not in ego_nodes(directory, "a", 1, ViewFilter(active_on="2007-06-01"))
