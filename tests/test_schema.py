"""The data format (network/schema.py): the files, columns and relation types the issue names."""

from __future__ import annotations

import pytest

from network import schema

EXPECTED_COLUMNS = {
    "organisations.csv": "id* name* type* country* city nuts themes website email description reference verified",
    "networks.csv": "id* name* type* scope website themes description reference verified",
    "projects.csv": "id* name* acronym programme status* start end budget_eur themes website description reference "
    "verified",
    "programmes.csv": "id* name* family min_partners min_countries min_eu_countries max_months rule_note url "
    "reference verified",
    "people.csv": "id* name* organisation role email phone languages themes notes verified",
    "relations.csv": "source* relation* target* role since until note reference verified",
}


@pytest.mark.parametrize("file", EXPECTED_COLUMNS)
def test_columns_and_required_columns(file: str) -> None:
    """The issue's columns are all there, in its order, and exactly its starred ones are required.

    Later issues may add optional columns (they are allowed between these); a new *required* column would break
    every existing file, so it fails here.
    """
    table = schema.table_for_file(file)
    assert table is not None
    expected = EXPECTED_COLUMNS[file].split()
    names = [c.name for c in table.columns]
    assert [n for n in names if n in {e.rstrip("*") for e in expected}] == [e.rstrip("*") for e in expected]
    assert set(table.required_columns) == {e.rstrip("*") for e in expected if e.endswith("*")}
    assert len(set(names)) == len(names), "a column name appears twice"


def test_every_entity_table_requires_id_and_name() -> None:
    assert [t.file for t in schema.ENTITY_TABLES] == [
        "organisations.csv",
        "networks.csv",
        "projects.csv",
        "programmes.csv",
        "people.csv",
    ]
    for table in schema.ENTITY_TABLES:
        assert table.column("id").required and table.column("id").type == schema.ID
        assert table.column("name").required and table.column("name").type == schema.NAME
    assert schema.KINDS == ("organisation", "network", "project", "programme", "person")


def test_table_lookup_by_file_or_sheet_name() -> None:
    assert schema.table_for_file(" Organisations.CSV ").kind == "organisation"
    assert schema.table_for_file("people").kind == "person"
    assert schema.table_for_file("persons.csv") is None
    assert schema.ORGANISATIONS.sheet == "organisations"


def test_vocabularies() -> None:
    status = schema.PROJECTS.column("status")
    assert status.vocabulary == ("idea", "in-preparation", "submitted", "granted", "rejected", "running", "completed")
    assert status.strict, "an unknown project status is an error"
    assert not schema.ORGANISATIONS.column("type").strict, "an unknown organisation type is only a warning"
    assert schema.RELATION_TYPES["partner_in"].roles == ("coordinator", "partner", "associated")


def test_reference_columns_make_relations() -> None:
    made = {(t.file, c.name): (c.ref_kinds, c.makes_relation) for t, c in schema.reference_columns() if t.is_entity}
    assert made == {
        ("projects.csv", "programme"): (("programme",), "funded_by"),
        ("people.csv", "organisation"): (("organisation",), "works_at"),
    }


O, N, PJ, PG, P = "organisation", "network", "project", "programme", "person"  # noqa: E741
#: (relation, source kind, target kind) → allowed; every pair of kinds is checked for every type.
ALLOWED = {
    "member_of": {(O, N), (O, O), (P, N), (P, O)},
    "works_at": {(P, O)},
    "represents": {(P, N), (P, O)},
    "partner_in": {(O, PJ)},
    "participates_in": {(P, PJ)},
    "funded_by": {(PJ, PG)},
    "collaborates_with": {(O, O)},
    "knows": {(P, P)},
    "part_of": {(O, O), (N, N)},
    "coordinates": {(O, N)},
}


def test_relation_types_are_the_ones_the_issue_lists() -> None:
    assert set(ALLOWED) <= set(schema.RELATION_TYPES)
    assert set(schema.RELATIONS_TABLE.column("relation").vocabulary) == set(schema.RELATION_TYPES)


@pytest.mark.parametrize("relation", sorted(ALLOWED))
def test_relation_allowed_between_kinds(relation: str) -> None:
    for source in schema.KINDS:
        for target in schema.KINDS:
            expected = (source, target) in ALLOWED[relation]
            assert schema.relation_allowed(relation, source, target) == expected, (relation, source, target)
    assert {(s, t) for r, s, t in schema.allowed_kind_pairs() if r == relation} == ALLOWED[relation]


def test_direction_and_undirected_types() -> None:
    undirected = {name for name, rel in schema.RELATION_TYPES.items() if not rel.directed}
    assert {"collaborates_with", "knows"} <= undirected
    assert not {"member_of", "works_at", "partner_in", "funded_by", "part_of", "coordinates"} & undirected
    # part_of never crosses between organisations and networks, in either direction.
    assert not schema.relation_allowed("part_of", O, N)
    assert not schema.relation_allowed("part_of", N, O)
    assert not schema.relation_allowed("no_such_type", O, O)


def test_patterns() -> None:
    import re

    for good in ("region-orebro", "reves", "pic-999999999", "a.b_c"):
        assert re.fullmatch(schema.ID_PATTERN, good)
    for bad in ("Region-Orebro", "-x", "region orebro", "örebro", ""):
        assert not re.fullmatch(schema.ID_PATTERN, bad)
    for good in ("2024", "2024-03", "2024-03-31"):
        assert re.fullmatch(schema.DATE_PATTERN, good)
    for bad in ("24", "2024-3", "31/03/2024", "2024-03-31T00:00"):
        assert not re.fullmatch(schema.DATE_PATTERN, bad)


def test_contact_columns_come_from_the_schema_only() -> None:
    """One source for which columns are contact details: the CLI, the exports and the dashboard derive from it."""
    from network import cli, export

    assert schema.PEOPLE.contact_columns == ("email", "phone", "notes")
    assert schema.table_for_kind("organisation").contact_columns == ("email",)
    assert export.CONTACT_COLUMNS == {"organisation": ("email",), "person": ("email", "phone", "notes")}
    assert cli.CONTACT_COLUMNS == schema.PEOPLE.contact_columns
    assert all(not t.contact_columns for t in schema.TABLES if t.kind not in ("organisation", "person"))
