"""``python -m network partners`` and ``python -m network consortium check``: output and exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from network.cli import main
from partners_data import write

ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="module")
def data(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write(tmp_path_factory.mktemp("cli-partners"))


def run(capsys: pytest.CaptureFixture, data: Path, *args: str) -> tuple[int, str, str]:
    code = main(["--data", str(data), *args])
    out, err = capsys.readouterr()
    return code, out, err


def test_partners_text(capsys, data: Path) -> None:
    code, out, _ = run(capsys, data, "partners", "--programme", "ce-small", "--theme", "dance", "--top", "3")
    assert code == 0
    assert "Creative Europe small" in out
    assert "rule read from CREA-CULT-2025-COOP-1" in out and "source: https://culture.ec.europa.eu/calls" in out
    assert "The official call text decides" in out
    assert "1. Danshuset Oslo [danshuset-oslo]" in out
    assert "3. Teatro del Sur [teatro-sur]" in out
    assert "- Via Anna Exempel, who knows Pedro Ruiz (Director) there." in out
    assert "  4. " not in out, "--top 3"


def test_partners_json(capsys, data: Path) -> None:
    code, out, _ = run(
        capsys,
        data,
        "partners",
        "--programme",
        "ce-small",
        "--theme",
        "dance",
        "--country",
        "ES,NO",
        "--format",
        "json",
    )
    assert code == 0
    payload = json.loads(out)
    assert [c["id"] for c in payload["candidates"]] == ["danshuset-oslo", "teatro-sur", "flamenco-sevilla"]
    assert payload["rule"]["call"] == "CREA-CULT-2025-COOP-1"
    assert payload["candidates"][1]["reasons"][0]["text"] == "Works on dance."


def test_partners_options(capsys, data: Path) -> None:
    code, out, _ = run(
        capsys,
        data,
        "partners",
        "--programme",
        "ce-small",
        "--theme",
        "dance",
        "--include-ineligible",
        "--type",
        "ngo",
        "--exclude",
        "teatro-sur",
        "--weight",
        "reach=0",
        "--format",
        "json",
    )
    assert code == 0
    found = json.loads(out)["candidates"]
    assert [c["id"] for c in found] == ["ljubljana-lab", "dance-usa", "london-dance"]
    assert found[1]["flags"][0]["code"] == "ineligible-country"
    assert json.loads(out)["weights"]["reach"] == 0


def test_partners_without_matches_says_what_to_do(capsys, data: Path) -> None:
    code, out, _ = run(capsys, data, "partners", "--theme", "astrophysics")
    assert code == 0 and "No organisation matches" in out


@pytest.mark.parametrize(
    "args",
    [
        ("partners", "--programme", "ce-smal"),
        ("partners", "--weight", "speed=3"),
        ("partners", "--weight", "theme=lots"),
        ("partners", "--country", "Spain"),
        ("partners", "--top", "0"),
        ("consortium", "check", "--programme", "ce-small", "teatro-sur:boss"),
        ("consortium", "check", "--programme", "ce-small", "no-such-org"),
        ("consortium", "check", "--programme", "nothing", "teatro-sur"),
    ],
)
def test_usage_errors_exit_2(capsys, data: Path, args: tuple[str, ...]) -> None:
    code, _, err = run(capsys, data, *args)
    assert code == 2
    assert err.startswith("error: ")


def test_consortium_check_eligible_exits_0(capsys, data: Path) -> None:
    code, out, _ = run(
        capsys,
        data,
        "consortium",
        "check",
        "--programme",
        "ce-small",
        "region-orebro:coordinator",
        "teatro-sur",
        "danshuset-oslo",
    )
    assert code == 0
    assert "[    met] 3 of 3 countries (Norway, Spain, Sweden)." in out
    assert "Result: meets every requirement" in out
    assert "The official call text decides" in out


def test_consortium_check_not_eligible_exits_1_with_fix_and_suggestions(capsys, data: Path) -> None:
    code, out, _ = run(
        capsys,
        data,
        "consortium",
        "check",
        "--programme",
        "ce-small",
        "region-orebro:coordinator",
        "teatro-sur",
        "flamenco-sevilla",
        "danshuset-oslo:associated",
        "--theme",
        "dance",
    )
    assert code == 1
    assert "[NOT MET] 2 of 3 countries (Spain, Sweden)." in out
    assert "→ Add one partner from another eligible country." in out
    assert "suggestion: Tanz Berlin [tanz-berlin]" in out
    assert "these do not: Danshuset Oslo (Norway)" in out
    assert "does NOT meet the rule (1 requirement not met)" in out


def test_consortium_check_json(capsys, data: Path) -> None:
    code, out, _ = run(
        capsys,
        data,
        "consortium",
        "check",
        "--programme",
        "interreg-europe",
        "teatro-sur:coordinator",
        "region-orebro",
        "kultur-wien",
        "--format",
        "json",
        "--suggest",
        "1",
    )
    assert code == 1
    payload = json.loads(out)
    assert payload["eligible"] is False
    finding = next(f for f in payload["findings"] if f["code"] == "coordinator-type")
    assert finding["status"] == "not-met"
    assert finding["text"] == (
        "The coordinator must be a region, municipality or public body: Teatro del Sur is an ngo."
    )
    assert [c["id"] for c in payload["suggestions"]["coordinator-type"]] == ["comune-x"]


def test_the_module_runs_as_a_program(data: Path) -> None:
    """The real entry point, once: the commands are registered when ``python -m network`` starts."""
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "network",
            "--data",
            str(data),
            "consortium",
            "check",
            "--programme",
            "cerv-tt",
            "kultur-wien:coordinator",
            "teatro-sur",
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 1, done.stderr
    assert "Only municipality may take part" in done.stdout
