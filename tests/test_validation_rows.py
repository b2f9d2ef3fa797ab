"""Validating some rows (``validation_rows.validate_rows``, what an import uses) finds exactly the problems a whole
validation finds on those rows: the same codes, files, rows, columns, values and messages, in the same order.

Compared on the sample directory, every fixture of ``tests/fixtures/bad``, imports made by hand (rows with errors,
duplicate ids, dangling and repeated relations, rows that fix an earlier problem, near-duplicate names, an update of
an existing row) and, with hypothesis, random directories whose ids, names and references collide often, with the
near-duplicate check both ways (``validation.quick_names``).
"""

from __future__ import annotations

import datetime as dt
import os
import random
from pathlib import Path

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from core_helpers import FIXTURES
from network import schema
from network.editing import problems_on_rows, validate_tables
from network.matching import names as matching_names
from network.reading import ROW_INDEX, RawSource, RawTable, read_source
from network.validation import validate
from network.validation_rows import tied_rows, validate_rows

# Slow as a module: each comparison validates a directory twice (~0.1-0.5 s CPU); the full run (CI) has them all.
pytestmark = pytest.mark.slow

TODAY = dt.date(2025, 6, 1)
#: Random directories per test; ``VALIDATION_ROWS_EXAMPLES=2000`` searches longer for a counter-example.
EXAMPLES = int(os.environ.get("VALIDATION_ROWS_EXAMPLES", "15"))
ROOT = Path(__file__).resolve().parent.parent
ORGS, RELS = schema.ORGANISATIONS.file, schema.RELATIONS_TABLE.file


def _whole(problems: list, rows: dict[str, list[int]]) -> list:
    wanted = {(file, row) for file, numbers in rows.items() for row in numbers}
    return [p for p in problems if (p.file, p.row) in wanted]


def _tables(folder: Path) -> dict[str, pd.DataFrame]:
    source = read_source(folder)
    return {name: raw.frame for name, raw in source.tables.items()}


def _append(tables: dict[str, pd.DataFrame], file: str, rows: list[dict[str, str]]) -> list[int]:
    """Add rows to a file as an import does (row numbers go on); returns their row numbers."""
    table = schema.table_for_file(file)
    old = tables.get(file, pd.DataFrame(columns=list(table.column_names)))
    columns = list(old.columns) or list(table.column_names)
    new = pd.DataFrame({c: [row.get(c, "") for row in rows] for c in columns}, dtype=object)
    merged = pd.concat([old, new], ignore_index=True).fillna("")
    merged.index = pd.RangeIndex(2, 2 + len(merged), name=ROW_INDEX)
    tables[file] = merged
    return list(range(2 + len(old), 2 + len(merged)))


def _same(tables: dict[str, pd.DataFrame], rows: dict[str, list[int]]) -> list:
    _, every = validate_tables(tables, today=TODAY)
    part = problems_on_rows(tables, rows, today=TODAY)
    assert part == _whole(every, rows)
    return part


def _every_row(tables: dict[str, pd.DataFrame]) -> dict[str, list[int]]:
    return {name: frame.index.tolist() for name, frame in tables.items() if not schema.table_for_file(name).lookup}


@pytest.mark.parametrize("folder", [ROOT / "data", *sorted(p for p in (FIXTURES / "bad").iterdir() if p.is_dir())])
def test_fixture_directories_row_by_row(folder: Path) -> None:
    """Every row of the directory, each row on its own, and random sets of rows."""
    source = read_source(folder)
    _, every = validate(source, TODAY)
    rows = {name: raw.frame.index.tolist() for name, raw in source.tables.items() if not raw.table.lookup}
    assert validate_rows(source, rows, TODAY) == _whole(every, rows)
    chooser = random.Random(folder.name)
    singles = [{name: [row]} for name, numbers in rows.items() for row in numbers]
    for asked in chooser.sample(singles, min(len(singles), 6)):
        assert validate_rows(source, asked, TODAY) == _whole(every, asked)
    for _ in range(3):
        asked = {name: [r for r in numbers if chooser.random() < 0.3] for name, numbers in rows.items()}
        assert validate_rows(source, asked, TODAY) == _whole(every, asked)


def test_an_import_with_bad_rows_into_the_sample() -> None:
    """New rows with errors, a duplicate id (of an old row and among the new), references to a bad row, to an unknown
    id close to a known one and to the wrong kind, a repeated relation, a near-duplicate name, and new rows that
    fix an old relation's dangling target."""
    tables = _tables(ROOT / "data")
    old_org = tables[ORGS]["id"].iloc[0]
    old_name = tables[ORGS]["name"].iloc[0]
    old_network = tables["networks.csv"]["id"].iloc[0]
    other_network = tables["networks.csv"]["id"].iloc[1]  # only a misspelling of it is referred to
    dangling = _append(tables, RELS, [{"source": old_org, "relation": "member_of", "target": "net-to-come"}])
    first_relation = tables[RELS].iloc[0].to_dict()
    orgs = _append(
        tables,
        ORGS,
        [
            {"id": "new-one", "name": "New One", "type": "ngo", "country": "SE"},
            {"id": old_org.upper(), "name": "Copy", "type": "ngo", "country": "SE"},
            {"id": "new-bad", "name": "Bad Country", "type": "ngo", "country": "Sweden"},
            {"id": "new-one", "name": "Again", "type": "ngo", "country": "SE"},
            {"id": "near", "name": old_name.upper(), "type": "city", "country": "SE"},
            {"id": "no-name", "name": "", "type": "ngo", "country": "SE", "verified": "31/12/2024"},
        ],
    )
    networks = _append(tables, "networks.csv", [{"id": "net-to-come", "name": "Net to come", "type": "association"}])
    relations = _append(
        tables,
        RELS,
        [
            {"source": "new-one", "relation": "member_of", "target": old_network},
            {"source": "new-bad", "relation": "member_of", "target": old_network},
            {"source": "new-one", "relation": "member_of", "target": other_network[:-1]},
            {"source": "new-one", "relation": "member_of", "target": "nothing-like-it-at-all"},
            {"source": "new-one", "relation": "works_at", "target": old_network},
            {"source": "new-one", "relation": "member_of", "target": old_network},
            {"source": "new-one", "relation": "member_of", "target": "new-one"},
            first_relation,
        ],
    )
    asked = {ORGS: orgs, "networks.csv": networks, RELS: relations}
    found = _same(tables, asked)
    codes = {p.code for p in found}
    assert any(p.code == "unknown-id" and p.key == "problem.unknown-id.close" for p in found)
    assert {"duplicate-id", "bad-country", "unknown-id", "duplicate-relation", "near-duplicate"} <= codes
    assert {"missing-value", "bad-date", "self-relation", "relation-not-allowed"} <= codes
    # the old relation whose target the import adds: no longer a problem
    _same(tables, {RELS: dangling})
    assert not problems_on_rows(tables, {RELS: dangling}, today=TODAY)


def test_an_update_of_an_existing_row() -> None:
    """A changed row (an end before its start, a country spelled out) and the rows that refer to it."""
    tables = _tables(ROOT / "data")
    projects = tables["projects.csv"].copy()
    projects.loc[projects.index[0], "end"] = "1999"
    projects.loc[projects.index[0], "start"] = "2020"
    tables["projects.csv"] = projects
    orgs = tables[ORGS].copy()
    orgs.loc[orgs.index[1], "country"] = "Sweden"
    tables[ORGS] = orgs
    asked = {"projects.csv": [int(projects.index[0])], ORGS: [int(orgs.index[1])]}
    assert {p.code for p in _same(tables, asked)} == {"date-order", "bad-country"}


# --- random directories ----------------------------------------------------------------------------------------

_IDS = ["a", "b", "B ", "ab", "abc", "abd", "x-1", "Bad Id", "", "org", "orgs", "net", "nett"]
_NAMES = [
    "Region Örebro län",
    "REGION OREBRO LAN",
    "Örebro kommun",
    "Acme AB",
    "ACME",
    "Foo",
    "",
    "Foo  Bar",
    "Foo Bar",
]
_RELATIONS = ["member_of", "partner_in", "part_of", "works_at", "knows", "friend_of"]


def _rows(draw, columns: dict[str, list[str]], most: int) -> list[dict[str, str]]:
    count = draw(st.integers(0, most))
    return [{name: draw(st.sampled_from(values)) for name, values in columns.items()} for _ in range(count)]


@st.composite
def directories(draw) -> dict[str, pd.DataFrame]:
    files = {
        ORGS: _rows(
            draw,
            {
                "id": _IDS,
                "name": _NAMES,
                "type": ["ngo", "landsting", "", "City"],
                "country": ["SE", "se", "Sweden", ""],
            },
            9,
        ),
        "networks.csv": _rows(draw, {"id": _IDS, "name": _NAMES, "type": ["association", ""]}, 4),
        "programmes.csv": _rows(draw, {"id": _IDS, "name": _NAMES}, 3),
        "projects.csv": _rows(
            draw, {"id": _IDS, "name": _NAMES, "status": ["running", "x"], "programme": _IDS, "start": ["2020", ""]}, 4
        ),
        "people.csv": _rows(draw, {"id": _IDS, "name": _NAMES, "organisation": _IDS}, 4),
        RELS: _rows(
            draw,
            {
                "source": _IDS,
                "relation": _RELATIONS,
                "target": _IDS,
                "since": ["", "2020", "2020-13"],
                "until": ["2019"],
            },
            12,
        ),
        "matches.csv": _rows(draw, {"a": _IDS, "b": _IDS, "decision": ["different", "same"]}, 2),
    }
    tables = {}
    for name, rows in files.items():
        columns = list(schema.table_for_file(name).column_names)
        frame = pd.DataFrame({c: [row.get(c, "") for row in rows] for c in columns}, dtype=object)
        frame.index = pd.RangeIndex(2, 2 + len(frame), name=ROW_INDEX)
        tables[name] = frame
    return tables


@pytest.mark.parametrize("most", [10_000, 4])
@settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(tables=directories(), data=st.data())
def test_random_directories(tables: dict[str, pd.DataFrame], data, most: int, monkeypatch) -> None:
    """Random rows asked about in random directories; with ``FULL_NORMALISE_MAX`` at 4 the near-duplicate check of
    a directory of more organisations groups by name keys (``quick_names``), also when fewer rows are asked about."""
    monkeypatch.setattr(matching_names, "FULL_NORMALISE_MAX", most)
    rows = _every_row(tables)
    asked = {name: [r for r in numbers if data.draw(st.booleans())] for name, numbers in rows.items()}
    _same(tables, asked)


def test_the_ties_are_needed() -> None:
    """Without its ties a row's problems differ (the comparison above can fail): a duplicate id alone is no
    duplicate, and a reference to an id only the whole directory has is unknown."""
    tables = _tables(ROOT / "data")
    old_org = tables[ORGS]["id"].iloc[0]
    orgs = _append(tables, ORGS, [{"id": old_org, "name": "Copy", "type": "ngo", "country": "SE"}])
    relations = _append(tables, RELS, [{"source": old_org, "relation": "knows", "target": "nobody-here"}])
    raw = {name: RawTable(schema.table_for_file(name), name, frame) for name, frame in tables.items()}
    needed = tied_rows(RawSource(ROOT / "data", raw, schema.DirectoryConfig(), []), {ORGS: orgs, RELS: relations})
    assert int(tables[ORGS].index[0]) in needed[ORGS]  # the first row with the id
    _, every = validate_tables(tables, today=TODAY)
    alone = {n: f.loc[f.index.isin(orgs if n == ORGS else relations if n == RELS else [])] for n, f in tables.items()}
    _, without = validate_tables(alone, today=TODAY)
    asked = {ORGS: orgs, RELS: relations}
    assert _whole(without, asked) != _whole(every, asked)


def test_a_plan_is_the_same_as_with_a_whole_validation(tmp_path: Path, monkeypatch) -> None:
    """An import plans alike whether it validates its rows or the whole directory: rows left out, an update refused
    (an end before the start of an existing project), warnings counted, the tables it would write."""
    import tomllib

    from network import importing
    from network.import_mapping import parse_mapping

    project = "Dance Bridges – Nordic-Baltic residencies for young choreographers"
    source = tmp_path / "s.csv"
    source.write_text(
        "org,country,pid,project,status,start,end,role\n"
        f"Region Örebro län,SE,dance-bridges-2022,{project},completed,2022-10-01,2020-01-01,\n"
        "New Org One,SE,new-project,New Project,running,2024,2025,lead\n"
        "Bad Status Org,SE,other-project,Other Project,finished,,,\n"
        "Somewhere Org,Atlantis,new-project,New Project,running,2024,2025,\n"
        "Region Orebro lan Regional utveckling AB,SE,new-project,New Project,running,2024,2025,\n",
        "utf-8",
    )
    mapping = parse_mapping(
        tomllib.loads(
            "[organisation]\nname='org'\ncountry='country'\n[group]\nkind='project'\nid={template='{pid}'}\nkey='pid'\nname='project'\n"
            "status='status'\nstart='start'\nend='end'\n[relation]\ntype='partner_in'\nrole='role'\n"
        ),
        "m.toml",
    )

    def plan() -> tuple[dict, dict]:
        table = importing.read_table(source)
        made = importing.plan_import(ROOT / "data", table, mapping, today=TODAY, update=True, overwrite=True)
        report = made.report.to_dict()
        report.pop("seconds", None)
        report["examples"] = made.report.warning_examples
        return report, {name: frame.to_dict("split") for name, frame in made.tables.items()}

    rows_only = plan()
    monkeypatch.setattr(importing, "problems_on_rows", lambda tables, rows, **kw: validate_tables(tables, **kw)[1])
    assert plan() == rows_only
    report = rows_only[0]
    assert report["update_refused"] and report["skipped"] and report["warnings"]
