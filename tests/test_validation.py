"""Validation: every kind of problem, found where a person looks for it, all at once, without losing valid rows.

``tests/fixtures/bad/<case>/`` holds one small directory per kind of problem; ``CASES`` says exactly which problems
each must produce (severity, file, row as Excel shows it, column, code) and words its message must contain.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from core_helpers import FIXTURES, load, write_directory
from network.directory import Directory
from network.problems import Problem, Report

# Slow as a module: each test loads and validates a directory, often several times (~0.5 s CPU a load). The full run
# (`-m ""`, CI) has every test; the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

BAD = FIXTURES / "bad"
O, P, PJ, PG = "organisations.csv", "people.csv", "projects.csv", "programmes.csv"  # noqa: E741
N, R = "networks.csv", "relations.csv"

#: case → (every expected problem as (severity, file, row, column, code), words the first one's message contains)
CASES: dict[str, tuple[set[tuple], list[str]]] = {
    "missing-column": ({("error", O, 1, "country", "missing-column")}, ["no column 'country'", "Add a column"]),
    "missing-value": ({("error", O, 3, "name", "missing-value")}, ["name is required"]),
    "duplicate-id": (
        {("error", N, 3, "id", "duplicate-id")},
        ["'region-orebro'", "organisations.csv row 2", "networks.csv row 3"],
    ),
    "unknown-id-in-relation": ({("error", R, 2, "target", "unknown-id")}, ["'revs'", "Did you mean 'reves'?"]),
    "unknown-organisation-of-person": (
        {("error", P, 2, "organisation", "unknown-id")},
        ["'region-orebr'", "Did you mean 'region-orebro'?"],
    ),
    "unknown-programme-of-project": (
        {("error", PJ, 2, "programme", "unknown-id")},
        ["Did you mean 'creative-europe-small'?"],
    ),
    "reference-to-wrong-kind": (
        {("error", P, 2, "organisation", "unknown-id")},
        ["'reves' is a network", "organisation"],
    ),
    "relation-not-allowed": (
        {("error", R, 2, "relation", "relation-not-allowed")},
        ["partner_in", "organisation → project"],
    ),
    "part-of-across-kinds": (
        {("error", R, 2, "relation", "relation-not-allowed")},
        ["organisation → organisation", "network → network"],
    ),
    "unknown-relation-type": ({("error", R, 2, "relation", "unknown-value")}, ["'friend_of'", "member_of"]),
    "bad-date": ({("error", O, 2, "verified", "bad-date")}, ["'31/12/2024'", "YYYY-MM-DD"]),
    "until-before-since": ({("error", R, 2, "until", "date-order")}, ["until (2019) is before since (2020-05)"]),
    "end-before-start": ({("error", PJ, 2, "end", "date-order")}, ["end (2023-12-31) is before start (2024-05-01)"]),
    "unknown-country": ({("error", O, 2, "country", "bad-country")}, ["'Sweden'", "write SE"]),
    "bad-email": ({("error", O, 2, "email", "bad-email")}, ["name@example.org"]),
    "bad-email-of-person": ({("error", P, 2, "email", "bad-email")}, ["not an e-mail address"]),
    "bad-number": ({("error", PJ, 2, "budget_eur", "bad-number")}, ["'200 000 €' is not a number"]),
    "bad-whole-number": ({("error", PG, 2, "min_partners", "bad-number")}, ["'three' is not a whole number"]),
    "bad-id": ({("error", O, 2, "id", "bad-id")}, ["'Region Örebro'", "'region-orebro'"]),
    "javascript-url": ({("error", O, 2, "website", "bad-url")}, ["https://"]),
    "unknown-column": ({("warning", O, 1, "webiste", "unknown-column")}, ["Did you mean 'website'?"]),
    "unknown-type": ({("warning", O, 2, "type", "unknown-value")}, ["'landsting'", "region"]),
    "unknown-status": ({("error", PJ, 2, "status", "unknown-value")}, ["'approved'", "running"]),
    "unknown-role": ({("warning", R, 2, "role", "unknown-value")}, ["'lead'", "coordinator"]),
    "stale-verified": ({("warning", O, 2, "verified", "stale")}, ["2022-05-31", "3 years"]),
    "near-duplicate-names": (
        {("warning", O, 3, "name", "near-duplicate")},
        ["'REGION OREBRO LAN'", "'Region Örebro län' (row 2)"],
    ),
    "self-relation": ({("error", R, 2, "target", "self-relation")}, ["same entity"]),
    "duplicate-relation": ({("warning", R, 3, "relation", "duplicate-relation")}, ["written twice"]),
    "extra-cells": ({("error", O, 2, "", "extra-cells")}, ["6 cells", "4 columns", "double quotes"]),
    "broken-toml": ({("error", "directory.toml", None, "", "bad-config")}, ["not valid TOML", 'home = "']),
}


@pytest.mark.smoke
def test_every_fixture_folder_has_an_expectation() -> None:
    assert sorted(p.name for p in BAD.iterdir() if p.is_dir()) == sorted(CASES)


@lru_cache(maxsize=None)
def load_case(case: str) -> Directory:
    """Each fixture is loaded once per session (the tests only read the result)."""
    return load(BAD / case)


def _key(problem: Problem) -> tuple:
    return (problem.severity, problem.file, problem.row, problem.column, problem.code)


@pytest.mark.parametrize("case", sorted(CASES))
def test_bad_case(case: str) -> None:
    expected, words = CASES[case]
    directory = load_case(case)
    found = [_key(p) for p in directory.report.problems]
    assert sorted(found, key=str) == sorted(expected, key=str), [str(p) for p in directory.report.problems]
    first = next(p for p in directory.report.problems if _key(p) == sorted(expected, key=str)[0])
    for word in words:
        assert word in first.message, (word, first.message)
    assert directory.report.ok == (not any(e[0] == "error" for e in expected))


def test_bad_rows_are_left_out_of_the_graph() -> None:
    """Each fixture's bad row is the one named in the problem; no node or edge comes from it."""
    assert "comune-x" not in load_case("missing-value").graph
    assert "region-orebro" not in load_case("unknown-country").graph
    assert "anna-exempel" not in load_case("unknown-organisation-of-person").graph
    until = load_case("until-before-since")
    assert {"region-orebro", "reves"} <= set(until.graph) and until.graph.number_of_edges() == 0
    duplicate = load_case("duplicate-id")
    assert duplicate.kind_of("region-orebro") == "organisation"  # the first row keeps the id
    assert list(duplicate.tables["network"]["id"]) == ["reves"]
    # Warnings do not leave anything out.
    assert "region-orebro" in load_case("stale-verified").graph


@pytest.mark.smoke
def test_person_email_never_in_messages() -> None:
    directory = load_case("bad-email-of-person")
    [problem] = directory.report.problems
    assert "anna.exempel" not in problem.message and "anna.exempel" not in problem.value
    assert "anna.exempel" not in str(problem)


@pytest.mark.smoke
def test_errors_leave_out_only_their_rows(tmp_path: Path, small_files) -> None:
    small_files["organisations.csv"] = small_files["organisations.csv"].replace(
        "athens-lab,Athens Culture Lab,ngo,GR", "athens-lab,Athens Culture Lab,ngo,Greece"
    )
    small_files["relations.csv"] += "region-orebro,member_of,revs,,,,,,\n"
    directory = load(write_directory(tmp_path / "d", small_files))
    assert {_key(p) for p in directory.report.problems} == {
        ("error", O, 5, "country", "bad-country"),
        ("error", R, 7, "source", "unknown-id"),  # athens-lab partner_in: its source row has errors
        ("error", R, 12, "target", "unknown-id"),
    }
    message = next(p.message for p in directory.report.problems if p.row == 7)
    assert "organisations.csv row 5" in message and "Fix that row first" in message
    assert "athens-lab" not in directory.graph
    assert len(directory.tables["organisation"]) == 4
    assert directory.graph.number_of_nodes() == 11 and directory.graph.number_of_edges() == 12
    assert directory.graph.has_edge("region-orebro", "reves", "member_of")


def test_many_problems_are_all_reported_at_once(tmp_path: Path, small_files) -> None:
    small_files["organisations.csv"] = (
        small_files["organisations.csv"]
        .replace(",IT,X,", ",Italia,X,")
        .replace("2024-05-05", "05/05/2024")
        .replace("artist-residency", "residency")
        .replace("Théâtre de Lille,theatre,FR", "Théâtre de Lille,theatre,UK")
    )
    small_files["projects.csv"] = small_files["projects.csv"].replace(",idea,", ",dream,")
    small_files["people.csv"] = small_files["people.csv"].replace("marco.esempio@example.org", "marco at example")
    small_files["relations.csv"] += (
        "anna-exempel,knows,anna-exempel,,,,,,\nreves,partner_in,dance-bridges,,,,,,\n"
        "region-orebro,friend_of,reves,,,,,,\n"
    )
    directory = load(write_directory(tmp_path / "d", small_files))
    assert sorted(_key(p) for p in directory.report.problems) == sorted(
        [
            ("warning", O, 4, "type", "unknown-value"),
            ("error", O, 3, "country", "bad-country"),
            ("error", O, 4, "verified", "bad-date"),
            ("error", PJ, 3, "status", "unknown-value"),
            ("error", P, 3, "email", "bad-email"),
            ("error", P, 3, "organisation", "unknown-id"),  # comune-x: its own row has errors
            ("error", R, 3, "source", "unknown-id"),
            ("error", R, 6, "source", "unknown-id"),
            ("error", R, 8, "source", "unknown-id"),  # dansresidens: its row has errors
            ("error", R, 10, "target", "unknown-id"),  # marco-esempio: its row has errors
            ("error", R, 12, "target", "self-relation"),
            ("error", R, 13, "relation", "relation-not-allowed"),
            ("error", R, 14, "relation", "unknown-value"),
        ]
    )
    assert directory.graph.nodes["lille-theatre"]["country"] == "GB"  # UK is fine, normalised
    for problem in directory.report.problems:  # the bad address is personal data: in no message, in no value
        assert "marco at" not in problem.message and "at example" not in problem.message, problem
        assert "marco at" not in problem.value and "at example" not in problem.value, problem
    bad_email = next(p for p in directory.report.problems if p.code == "bad-email")
    assert bad_email.value == "(hidden)"
    summary = directory.report.summary()
    assert summary == f"{len(directory.report.errors)} errors, 1 warning."


def test_messages_never_contain_a_persons_email(tmp_path: Path) -> None:
    emails = ["anna.private@example.org", "bo.privat@example.org", "not-an-address", "x@y"]
    people = (
        "id,name,organisation,email,verified,phone\n"
        f"anna,Anna,nowhere,{emails[0]},2024-99-01,\n"  # unknown organisation, bad date
        f"anna,Anna Again,,{emails[1]},,\n"  # duplicate id
        f"BAD ID,Bo,,{emails[2]},,\n"  # bad id and bad email
        f"cecilia,Cecilia,,{emails[3]},2001-01-01,\n"  # bad email, stale
        f"dan,Dan,,{emails[0]},,,{emails[1]}\n"  # extra cell
    )
    directory = load(write_directory(tmp_path / "d", {"people.csv": people}))
    assert sorted(_key(p) for p in directory.report.problems) == sorted(
        [
            ("error", P, 2, "organisation", "unknown-id"),
            ("error", P, 2, "verified", "bad-date"),
            ("error", P, 3, "id", "duplicate-id"),
            ("error", P, 4, "id", "bad-id"),
            ("error", P, 4, "email", "bad-email"),
            ("error", P, 5, "email", "bad-email"),
            ("error", P, 6, "", "extra-cells"),
        ]
    )
    for problem in directory.report.problems:
        for email in emails:
            assert email not in problem.message, problem
            assert email not in problem.value, problem


def test_country_codes_are_normalised(tmp_path: Path) -> None:
    text = "id,name,type,country\na,A,ngo,EL\nb,B,ngo,uk\nc,C,ngo, se \nd,D,ngo,XK\n"
    directory = load(write_directory(tmp_path / "d", {"organisations.csv": text}))
    assert directory.report.problems == []
    assert [directory.graph.nodes[i]["country"] for i in "abcd"] == ["GR", "GB", "SE", "XK"]


def test_values_are_normalised(tmp_path: Path) -> None:
    files = {
        "organisations.csv": "id,name,type,country,website\nRegion-Orebro,Region Örebro län,Region,SE,"
        "www.regionorebrolan.se\nx,X,Public Body,SE,\n",
        "projects.csv": "id,name,status,themes\np,P,In preparation, dance |  theatre |\n",
        "relations.csv": "source,relation,target,role\nregion-orebro,Collaborates With,x,\n"
        "region-orebro,partner_in,p,Coordinator\n",
    }
    directory = load(write_directory(tmp_path / "d", files))
    assert directory.report.problems == []
    record = directory.record("region-orebro")
    assert record["type"] == "region" and record["website"] == "https://www.regionorebrolan.se"
    assert directory.record("x")["type"] == "public-body"
    assert directory.record("p")["status"] == "in-preparation"
    assert directory.graph.nodes["p"]["themes"] == ("dance", "theatre")
    assert directory.graph.has_edge("region-orebro", "x", "collaborates_with")
    assert directory.graph.edges["region-orebro", "p", "partner_in"]["role"] == "coordinator"


DATES = {
    "2024": True,
    "2024-02": True,
    "2024-02-29": True,
    "2023-02-29": False,
    "2024-13": False,
    "2024-00": False,
    "2024-1-5": False,
    "24-01-01": False,
    "2024-01-01 10:00": False,
    "31.12.2024": False,
}


def test_dates(tmp_path: Path) -> None:
    rows = "".join(f"p{i},P{i},idea,{date}\n" for i, date in enumerate(DATES))
    directory = load(write_directory(tmp_path / "d", {"projects.csv": "id,name,status,start\n" + rows}))
    flagged = {p.value for p in directory.report.problems if p.code == "bad-date"}
    assert flagged == {date for date, ok in DATES.items() if not ok}
    assert len(directory.report.problems) == len(flagged)
    loaded = set(directory.tables["project"]["start"])
    assert loaded == {date for date, ok in DATES.items() if ok}


def test_same_period_dates_are_in_order(tmp_path: Path) -> None:
    """until 2020 is not before since 2020-05: a year covers its months."""
    text = "id,name,status,start,end\np,P,running,2020-05,2020\nq,Q,running,2020-05-01,2020-05\n"
    directory = load(write_directory(tmp_path / "d", {"projects.csv": text}))
    assert directory.report.problems == []


def test_stale_depends_on_today(tmp_path: Path) -> None:
    import datetime as dt

    from network import load_directory

    folder = write_directory(
        tmp_path / "d", {"organisations.csv": "id,name,type,country,verified\na,A,ngo,SE,2021-01-01\n"}
    )
    assert load_directory(folder, today=dt.date(2023, 1, 1)).report.problems == []
    [problem] = load_directory(folder, today=dt.date(2024, 6, 1)).report.problems
    assert problem.code == "stale" and problem.severity == "warning"


def test_report_order_and_summary() -> None:
    report = Report()
    report.add(Problem("warning", "relations.csv", 3, "relation", "", "w", "duplicate-relation"))
    report.add(Problem("error", "organisations.csv", 5, "country", "Sverige", "e", "bad-country"))
    report.add(Problem("error", "organisations.csv", 2, "id", "", "e2", "bad-id"))
    assert [p.row for p in report.sorted()] == [2, 5, 3]
    assert report.summary() == "2 errors, 1 warning."
    assert not report.ok
    assert str(report.problems[1]) == "organisations.csv:5:country: error: e"
    assert Report().summary() == "No problems found." and Report().ok


def test_relations_to_a_row_left_out_are_left_out_too(tmp_path: Path, small_files) -> None:
    """Marco's organisation is unknown, so his row is left out, and so is the relation that names him."""
    small_files["people.csv"] = small_files["people.csv"].replace("Marco Esempio,comune-x", "Marco Esempio,comune-y")
    directory = load(write_directory(tmp_path / "d", small_files))
    assert {_key(p) for p in directory.report.problems} == {
        ("error", P, 3, "organisation", "unknown-id"),
        ("error", R, 10, "target", "unknown-id"),
    }
    assert "marco-esempio" not in directory.graph
    assert all("kind" in attrs for _, attrs in directory.graph.nodes(data=True))
