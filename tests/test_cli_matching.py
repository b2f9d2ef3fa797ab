"""The matching commands: matches (text and JSON), merge (dry run and real), not-same; exit codes."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pandas as pd
import pytest

from network import storage
from network.cli import EXIT_DATA, EXIT_OK, EXIT_USAGE, main

# Slow as a module: each command loads, matches and may merge and save (~1 s CPU a test). The full run (`-m ""`, CI)
# has every test; the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The sample directory with one network listed twice: by its acronym and by its full name."""
    monkeypatch.delenv("NETWORK_DATA", raising=False)
    monkeypatch.setenv("NETWORK_USER", "tester")
    path = Path(shutil.copytree(ROOT / "data", tmp_path / "data"))
    networks = pd.read_csv(path / "networks.csv", dtype=str, keep_default_na=False)
    row = {c: "" for c in networks.columns}
    row.update(id="reves-list", name="REVES", type="association")
    pd.concat([networks, pd.DataFrame([row])], ignore_index=True).to_csv(path / "networks.csv", index=False)
    relations = (path / "relations.csv").read_text(encoding="utf-8")
    (path / "relations.csv").write_text(relations + "nora-kommun,member_of,reves-list,,2019,,,,\n", encoding="utf-8")
    return path


def _json(capsys: pytest.CaptureFixture, *argv: str) -> object:
    assert main(list(argv)) == EXIT_OK
    return json.loads(capsys.readouterr().out)


@pytest.mark.smoke
def test_matches_lists_pairs_with_score_and_reasons(folder: Path, capsys: pytest.CaptureFixture) -> None:
    found = _json(capsys, "--data", str(folder), "matches", "--kind", "network", "--format", "json")
    assert [(p["a"], p["b"]) for p in found] == [("reves", "reves-list")]
    assert set(found[0]) >= {"a", "b", "score", "reasons"} and 0.6 <= found[0]["score"] < 1
    assert found[0]["reasons"][0]["code"] == "acronym" and "acronym" in found[0]["reasons"][0]["text"]
    assert main(["--data", str(folder), "matches", "--kind", "network"]) == EXIT_OK
    text = capsys.readouterr().out
    assert "reves-list 'REVES'" in text and "python -m network merge KEEP DROP" in text
    assert (
        _json(capsys, "--data", str(folder), "matches", "--kind", "network", "--min-score", "0.99", "--format", "json")
        == []
    )


def test_matches_rejects_a_bad_score(folder: Path, capsys: pytest.CaptureFixture) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--data", str(folder), "matches", "--min-score", "high"])
    assert exit_.value.code == EXIT_USAGE
    assert "'high' is not a number" in capsys.readouterr().err


def test_merge_dry_run_then_merge(folder: Path, capsys: pytest.CaptureFixture) -> None:
    before = storage.fingerprint(folder)
    shown = _json(capsys, "--data", str(folder), "merge", "reves", "reves-list", "--dry-run", "--format", "json")
    assert shown["ok"] and shown["dry_run"] and storage.fingerprint(folder) == before
    assert any("now name reves" in line for line in shown["effects"])
    assert main(["--data", str(folder), "merge", "reves", "reves-list"]) == EXIT_OK
    assert "Merged reves-list into reves" in capsys.readouterr().out
    tables = storage.load(folder).tables
    assert "reves-list" not in tables["networks.csv"]["id"].tolist()
    assert tables["networks.csv"].set_index("id").loc["reves", "aliases"] == "REVES"
    rel = tables["relations.csv"]
    assert ((rel["source"] == "nora-kommun") & (rel["target"] == "reves")).any()
    entry = storage.changes(folder)[-1]
    assert entry["action"] == "merge" and entry["who"] == "tester" and len(storage.changes(folder)) == 1
    assert _json(capsys, "--data", str(folder), "matches", "--kind", "network", "--format", "json") == []


def test_merge_of_unknown_or_mismatched_ids_is_a_usage_error(folder: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["--data", str(folder), "merge", "reves", "nothing-here"]) == EXIT_USAGE
    assert "There is no entity with id 'nothing-here'" in capsys.readouterr().err
    assert main(["--data", str(folder), "merge", "reves", "region-orebro"]) == EXIT_USAGE
    assert "only rows of the same kind" in capsys.readouterr().err


def test_merge_refused_by_validation_writes_nothing(folder: Path, capsys: pytest.CaptureFixture) -> None:
    networks = pd.read_csv(folder / "networks.csv", dtype=str, keep_default_na=False)
    networks.loc[networks["id"] == "reves-list", "website"] = "javascript:alert(1)"  # an error the merge would copy
    networks.loc[networks["id"] == "reves", "website"] = ""
    networks.to_csv(folder / "networks.csv", index=False)
    before = storage.fingerprint(folder)
    assert main(["--data", str(folder), "merge", "reves", "reves-list"]) == EXIT_DATA
    out = capsys.readouterr().out
    assert "refused; nothing was written" in out and "networks.csv row" in out and "website" in out
    assert storage.fingerprint(folder) == before


def test_not_same_is_remembered(folder: Path, capsys: pytest.CaptureFixture) -> None:
    assert main(["--data", str(folder), "not-same", "reves", "reves-list", "--note", "checked"]) == EXIT_OK
    assert "will not be suggested again" in capsys.readouterr().out
    assert _json(capsys, "--data", str(folder), "matches", "--kind", "network", "--format", "json") == []
    assert main(["--data", str(folder), "not-same", "reves", "REVES"]) == EXIT_USAGE
