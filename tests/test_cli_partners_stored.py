"""``python -m network partners`` answered from the stored partner index: the same output as a search on the loaded
directory, a fall-back to loading it whenever the stored index is stale, damaged or missing, and no pandas or
networkx in the process when it is current (issue 11: the warm command ≤ 1 s)."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from network import partners_cli
from network.cli import main
from network.partner_cache import stored_partner_index
from partners_data import write

ROOT = Path(__file__).resolve().parent.parent

#: Programmes, themes and options across the search: rules with and without an eligible group, themes found in
#: tags, project texts and networks, the draft consortium, filters, weights, paging, flagged candidates.
QUERIES: tuple[tuple[str, ...], ...] = (
    ("--programme", "creative-europe-small", "--theme", "dance", "--top", "5"),
    ("--programme", "interreg-europe", "--theme", "culture,social economy", "--format", "json"),
    ("--theme", "dans", "--any-theme", "--top", "8", "--offset", "2"),
    ("--programme", "erasmus-ka220", "--include-ineligible", "--weight", "reach=4", "--format", "json"),
    ("--programme", "creative-europe-small", "--consortium", "region-orebro:coordinator", "--country", "ES,PT,IT"),
    ("--programme", "horizon-europe-ria", "--experienced", "--since", "2015", "--top", "3"),
)


class _Loads:
    """Counts the loads of the directory by the ``partners`` command (the real loader is called every time)."""

    def __init__(self) -> None:
        self.count = 0
        self.real = partners_cli.open_directory

    def __call__(self, args):
        self.count += 1
        return self.real(args)


@pytest.fixture()
def sample(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, _Loads]:
    """A copy of the sample directory, its own cache folder, and a count of the directory loads."""
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(".history"))
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(tmp_path / "cache"))
    loads = _Loads()
    monkeypatch.setattr(partners_cli, "open_directory", loads)
    return data, loads


def _run(capsys: pytest.CaptureFixture, data: Path, *args: str, cache: bool = True) -> tuple[int, str, str]:
    code = main(["--data", str(data), *(() if cache else ("--no-cache",)), "partners", *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_the_stored_index_answers_as_the_small_directory_does(capsys, tmp_path: Path, monkeypatch) -> None:
    """The quick check (the hand-made directory of ``partners_data``); the sample's follows, marked slow."""
    data = write(tmp_path / "data")
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(tmp_path / "cache"))
    loads = _Loads()
    monkeypatch.setattr(partners_cli, "open_directory", loads)
    queries = (
        ("--programme", "ce-small", "--theme", "dance", "--top", "3"),
        ("--programme", "interreg-europe", "--include-ineligible", "--consortium", "teatro-sur", "--format", "json"),
        ("--theme", "social economy", "--any-theme", "--weight", "networks=3"),
    )
    expected = [_run(capsys, data, *query, cache=False) for query in queries]
    _run(capsys, data, *queries[0])
    answered = [_run(capsys, data, *query) for query in queries]
    assert loads.count == len(queries) + 1
    assert answered == expected
    assert "Via Anna Exempel, who knows Pedro Ruiz (Director) there." in answered[0][1]


@pytest.mark.slow
def test_the_stored_index_answers_as_the_loaded_directory_does(capsys, sample) -> None:
    data, loads = sample
    expected = [_run(capsys, data, *query, cache=False) for query in QUERIES]  # no cache at all: the full path
    assert loads.count == len(QUERIES)
    assert all(code == 0 for code, _, _ in expected)
    _run(capsys, data, *QUERIES[0])  # loads the directory and stores the index
    assert loads.count == len(QUERIES) + 1
    assert stored_partner_index(data, os.environ["NETWORK_CACHE_DIR"]) is not None
    answered = [_run(capsys, data, *query) for query in QUERIES]
    assert loads.count == len(QUERIES) + 1, "every answer came from the stored index, none loaded the directory"
    assert answered == expected
    assert json.loads(answered[1][1])["candidates"], "the JSON query finds someone: the comparison is not empty"


def test_a_changed_directory_is_loaded_again_and_the_answer_shows_the_change(capsys, sample) -> None:
    data, loads = sample
    query = ("--programme", "creative-europe-small", "--theme", "dance", "--top", "3", "--format", "json")
    _run(capsys, data, *query)
    first = json.loads(_run(capsys, data, *query)[1])["candidates"][0]
    assert loads.count == 1
    organisations = data / "organisations.csv"
    text = organisations.read_text(encoding="utf-8")
    assert text.count(f",{first['name']},") == 1
    organisations.write_text(text.replace(f",{first['name']},", ",Renamed After Storing,"), encoding="utf-8")
    assert stored_partner_index(data, os.environ["NETWORK_CACHE_DIR"]) is None, "a stale index is never used"
    changed = json.loads(_run(capsys, data, *query)[1])["candidates"][0]
    assert loads.count == 2
    assert changed["id"] == first["id"] and changed["name"] == "Renamed After Storing"


@pytest.mark.parametrize("damage", ["cut", "garbage", "missing"])
def test_a_damaged_or_missing_index_falls_back_to_loading(capsys, sample, damage: str) -> None:
    data, loads = sample
    query = ("--programme", "interreg-europe", "--theme", "culture")
    expected = _run(capsys, data, *query)
    stored = next(Path(os.environ["NETWORK_CACHE_DIR"]).glob("partners-*"))
    if damage == "cut":
        stored.write_bytes(stored.read_bytes()[: stored.stat().st_size // 2])
    elif damage == "garbage":
        stored.write_bytes(b"network-cache-part arrow 1\n" + os.urandom(4096))
    else:
        stored.unlink()
    assert stored_partner_index(data, os.environ["NETWORK_CACHE_DIR"]) is None
    assert _run(capsys, data, *query) == expected
    assert loads.count == 2


def test_an_unknown_id_is_told_with_the_directory_s_suggestions(capsys, sample) -> None:
    data, loads = sample
    _run(capsys, data, "--programme", "interreg-europe")
    expected = _run(capsys, data, "--exclude", "region-orebr", cache=False)
    code, out, err = _run(capsys, data, "--exclude", "region-orebr")
    assert (code, out, err) == expected and code == 2
    assert "Did you mean region-orebro" in err


_WRAPPER = """
import sys
from network.cli import main
code = main(sys.argv[1:])
print("heavy:", ",".join(m for m in ("pandas", "networkx", "network.directory") if m in sys.modules), file=sys.stderr)
sys.exit(code)
"""


def test_a_current_index_answers_without_pandas_or_networkx(tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns(".history"))
    env = {**os.environ, "NETWORK_CACHE_DIR": str(tmp_path / "cache"), "PYTHONPATH": str(ROOT)}
    command = [sys.executable, "-c", _WRAPPER, "--data", str(data), "partners", "--programme", "interreg-europe"]
    runs = [subprocess.run(command, capture_output=True, text=True, cwd=ROOT, env=env, timeout=300) for _ in "12"]
    assert [r.returncode for r in runs] == [0, 0]
    assert "heavy: pandas,networkx,network.directory" in runs[0].stderr, "the first run loads the directory"
    assert "heavy: \n" in runs[1].stderr or runs[1].stderr.rstrip().endswith("heavy:"), runs[1].stderr
    assert runs[1].stdout == runs[0].stdout
