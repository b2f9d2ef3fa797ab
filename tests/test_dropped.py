"""Dropped rows: every row left out because of errors is listed with what it took along (network/dropped.py)."""

from __future__ import annotations

from pathlib import Path

import pytest
from core_helpers import SMALL_FILES, TODAY, load, write_directory

from network import cache, load_directory
from network.dropped import RELATION

# Slow as a module: each test loads and validates a directory, often several times (~0.5 s CPU a load). The full run
# (`-m ""`, CI) has every test; the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

PJ, O, R, P = "projects.csv", "organisations.csv", "relations.csv", "people.csv"  # noqa: E741 - short names of the four files


def _broken(tmp_path: Path, **changes: tuple[str, str]) -> Path:
    """The small directory with ``file=(old, new)`` text replacements."""
    files = dict(SMALL_FILES)
    for name, (old, new) in changes.items():
        name = name.replace("_", ".")
        assert old in files[name], old
        files[name] = files[name].replace(old, new)
    return write_directory(tmp_path / "data", files)


@pytest.mark.smoke
def test_a_project_with_a_bad_date_takes_its_relations_along(tmp_path: Path) -> None:
    path = _broken(tmp_path, projects_csv=("2023-09-01,2026-08-31", "2023-13-45,2026-08-31"))
    directory = load(path)
    dropped = directory.report.dropped
    project = dropped.at(PJ, 2)
    assert project is not None and project.id == "dance-bridges" and project.name == "Dance Bridges"
    assert project.kind == "project" and not project.cause
    # relations.csv rows 5, 6, 7 name dance-bridges as their target; its programme column makes funded_by
    took = {(lost.file, lost.row, lost.column) for lost in project.lost}
    assert took == {(R, 5, "target"), (R, 6, "target"), (R, 7, "target"), (PJ, 2, "programme")}
    assert project.lost_counts() == {RELATION: 4}
    assert [lost.relation for lost in project.lost if lost.file == PJ] == ["funded_by"]
    # each of those relations is listed too, as left out only because of the project
    for row in (5, 6, 7):
        relation = dropped.at(R, row)
        assert relation is not None and relation.cause == f"{PJ}:2" and relation.kind == RELATION
    assert [r.location for r in dropped.roots()] == [f"{PJ}:2"]
    assert dropped.counts() == {"project": 1, RELATION: 4}
    assert "Dance Bridges" in project.message and "4 relations" in project.message
    assert project.params["relations"] == 4 and project.params["row"] == 2


def test_a_dropped_organisation_takes_its_people_and_their_relations(tmp_path: Path) -> None:
    old = "comune-x,Comune di X,municipality,IT"
    path = _broken(tmp_path, organisations_csv=(old, old.replace(",IT", ",Italy")))
    dropped = load(path).report.dropped
    org = dropped.at(O, 3)
    assert org is not None and org.id == "comune-x"
    took = {(lost.file, lost.row, lost.kind) for lost in org.lost}
    # the person who works there (people.csv row 3), two relations with comune-x as source
    assert {(P, 3, "person"), (R, 3, RELATION), (R, 6, RELATION)} <= took
    marco = dropped.at(P, 3)
    assert marco is not None and marco.cause == f"{O}:3"
    # Marco's own relations go with Marco (people.csv row 3 → works_at; relations row 10 knows him)
    assert {(lost.file, lost.row) for lost in marco.lost} >= {(P, 3), (R, 10)}


def test_a_duplicate_row_is_listed_and_takes_nothing(tmp_path: Path) -> None:
    row = "athens-lab,Athens Culture Lab,ngo,GR,Athens,,culture|heritage,,,Fictional.,,2024-03-01\n"
    path = _broken(tmp_path, organisations_csv=(row, row + row.replace("Athens Culture Lab", "Athens Lab Again")))
    dropped = load(path).report.dropped
    assert [(d.location, d.id, d.name, d.lost) for d in dropped] == [(f"{O}:6", "athens-lab", "Athens Lab Again", ())]
    assert dropped.counts() == {"organisation": 1}


def test_a_relation_row_with_its_own_error_is_its_own_root(tmp_path: Path) -> None:
    path = _broken(
        tmp_path,
        relations_csv=(
            "dansresidens,collaborates_with,region-orebro,,2019",
            "dansresidens,collaborates_with,region-orebro,,20x9",
        ),
    )
    dropped = load(path).report.dropped
    assert [(d.location, d.kind, d.cause) for d in dropped] == [(f"{R}:8", RELATION, "")]
    assert dropped.roots()[0].name == "dansresidens collaborates_with region-orebro"


@pytest.mark.smoke
def test_valid_data_drops_nothing(small_dir: Path) -> None:
    dropped = load(small_dir).report.dropped
    assert dropped is not None and len(dropped) == 0 and not dropped.counts()


def test_the_warm_cache_keeps_the_accounting(tmp_path: Path) -> None:
    path = _broken(tmp_path, projects_csv=("2023-09-01,2026-08-31", "2023-13-45,2026-08-31"))
    cold = load_directory(path, today=TODAY, cache_dir=tmp_path / "cache").report.dropped
    warm = cache.load_cached(path, tmp_path / "cache", TODAY)
    assert warm is not None, "the second load must come from the cache"
    assert warm["report"].dropped is not None and warm["report"].dropped.rows == cold.rows
    assert len(cold) == 4


def test_validate_prints_what_each_dropped_row_takes_along(tmp_path: Path, capsys) -> None:
    import json

    from network.cli import main

    path = _broken(tmp_path, projects_csv=("2023-09-01,2026-08-31", "2023-13-45,2026-08-31"))
    assert main(["--data", str(path), "validate", "--no-cache"]) == 1
    out = capsys.readouterr().out
    assert (
        "Left out: projects.csv:2: project 'Dance Bridges' is not shown, because the row has errors. It takes 4 relations "
        "with it." in out
    )
    assert main(["--data", str(path), "validate", "--no-cache", "--format", "json"]) == 1
    found = json.loads(capsys.readouterr().out)["dropped"]
    assert [d["location"] for d in found] == ["projects.csv:2", "relations.csv:5", "relations.csv:6", "relations.csv:7"]
    assert found[1]["params"]["cause"] == "projects.csv:2" and len(found[0]["lost"]) == 4
