"""Work done once: saving a consortium and planning an import validate the directory as few times as they must.

Validation is counted by wrapping the module attribute the code calls (``editing.validate_tables`` for edits,
``importing.problems_on_rows`` for imports, which validate only the rows they add or change) with a counting
function; the real validation still runs.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from core_helpers import EDITOR, SMALL_FILES, TODAY, load, write_directory
from network import consortium, editing, importing
from network.rules import Member
from test_import_update import ENRICH_MAPPING, PARTICIPATIONS, csv_file, run

# Slow as a module: a consortium save and imports, each validating the directory. The full run (`-m ""`, CI) has every
# test; the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow


def _count(monkeypatch: pytest.MonkeyPatch, module: object, name: str = "validate_tables") -> list[int]:
    calls: list[int] = []
    real = getattr(module, name)

    def counting(*args, **kwargs):
        calls.append(1)
        return real(*args, **kwargs)

    monkeypatch.setattr(module, name, counting)
    return calls


@pytest.mark.smoke
def test_saving_a_consortium_validates_the_directory_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """It used to validate twice per member (the project, then each relation, each edit before and after)."""
    data = write_directory(tmp_path / "d", SMALL_FILES)
    directory = load(data)
    members = [Member("region-orebro", "coordinator"), Member("comune-x"), Member("lille-theatre")]
    calls = _count(monkeypatch, editing)
    project_id, saved = consortium.save_as_project(
        data, directory, "Moving Borders", "", members, actor=EDITOR, today=TODAY
    )
    assert len(calls) == 1
    after = load(data)
    assert after.kind_of(project_id) == "project" and not after.report.errors
    partners = after.relations[(after.relations["target"] == project_id)]
    assert sorted(partners["source"]) == ["comune-x", "lille-theatre", "region-orebro"]


def test_a_clean_import_is_validated_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    data = write_directory(tmp_path / "d", SMALL_FILES)
    source = csv_file(tmp_path / "src", "participations.csv", PARTICIPATIONS)
    calls = _count(monkeypatch, importing, "problems_on_rows")
    report = run(data, source, ENRICH_MAPPING)
    assert len(calls) == 1 and report.rows_read == 4


def test_refused_updates_and_bad_new_rows_are_left_out_in_one_more_pass(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An update that would make an error and a new row with an error: found in the same validation, so the plan
    is validated twice (it was three times: once per kind of row to leave out)."""
    data = write_directory(tmp_path / "d", SMALL_FILES)
    first = csv_file(tmp_path / "src", "participations.csv", PARTICIPATIONS.replace("2017-01-01,2019-12-31", ","))
    run(data, first, ENRICH_MAPPING)
    bad = csv_file(
        tmp_path / "src2",
        "participations.csv",
        "rcn,pic,role,type,country,start,end\n"
        "1002,900000002,coordinator,PRC,DE,2020-01-01,2019-12-31\n"  # would give h2020-1002 an error
        "1003,900000004,coordinator,PRC,DE,2021-01-01,2019-12-31\n"  # a new project ending before it starts
        "1004,900000005,coordinator,PRC,DE,2020-01-01,2021-12-31\n",
    )  # fine
    calls = _count(monkeypatch, importing, "problems_on_rows")
    report = run(data, bad, ENRICH_MAPPING, update=True)
    assert len(calls) == 2
    assert [r.row for r in report.update_refused] == [2]
    directory = load(data)
    assert not directory.report.errors
    assert "h2020-1004" in directory and "h2020-1003" not in directory and "pic-900000004" not in directory
