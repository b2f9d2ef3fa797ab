"""A short run of the soak test (bench/soak.py): editor processes, one folder, kills inside saves and from outside;
every acknowledged edit is present, no refused one is, nothing is corrupt, every refusal was reported."""

from __future__ import annotations

import importlib.util
import shutil
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]


def _soak_module():
    spec = importlib.util.spec_from_file_location("soak", ROOT / "bench" / "soak.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules["soak"] = module
    spec.loader.exec_module(module)
    return module


@pytest.mark.slow  # editor processes, saves killed and restarted
@pytest.mark.skipif(sys.platform == "win32", reason="uses fork and SIGKILL")
def test_a_short_soak_loses_nothing(tmp_path: Path) -> None:
    soak = _soak_module()
    folder = Path(shutil.copytree(soak.FIXTURE, tmp_path / "data"))
    result = soak.soak(
        folder, editors=3, edits=5, seed=3, kill_chance=0.2, outside_kills=1, journal_dir=tmp_path / "journals"
    )
    assert result.ok, result
    assert result.edits >= 5 and result.acknowledged >= 1
    assert result.killed_in_save + result.killed_from_outside >= 1
    assert result.lost == 0 and not result.corrupt_files


def test_the_checks_catch_a_lost_edit(tmp_path: Path) -> None:
    """The check must be able to fail: an acknowledged id that is not in the data counts as lost."""
    soak = _soak_module()
    folder = Path(shutil.copytree(soak.FIXTURE, tmp_path / "data"))
    journals = tmp_path / "journals"
    journals.mkdir()
    (journals / "e1.jsonl").write_text(
        '{"step": "try", "id": "soak-e1-0", "kind": "valid"}\n'
        '{"step": "ack", "id": "soak-e1-0"}\n'
        '{"step": "try", "id": "soak-e1-1", "kind": "valid"}\n'
        '{"step": "try", "id": "soak-e1-2", "kind": "valid"}\n',
        "utf-8",
    )
    (folder / "organisations.csv").write_bytes((folder / "organisations.csv").read_bytes()[:-40])
    result = soak.check(folder, journals, soak.SoakResult())
    assert result.lost == 1 and result.unreported == 1
    assert not result.ok
