"""``import --match auto|review|off`` (issue 11): an imported organisation with no exact match is compared with the
directory's by ``network.matching``; ``auto`` takes it as the existing one only when matching is sure, and every
other candidate is listed for review with its score and reasons."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from core_helpers import EDITOR, TODAY, load
from network import cli, importing
from network.errors import UsageError
from network.import_mapping import parse_mapping

# Slow as a module: each import matches against, validates and saves the sample directory (~1.6 s CPU a test). The
# full run (`-m ""`, CI) has every test; the tests marked smoke stay in the fast run (docs/development.md, "Marking
# slow").
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent

SOURCE = (
    "Programme;Acronym;Partner;Country\n"
    "Interreg Europe;CULT-BRIDGE;OREBRO UNIVERSITY;SE\n"  # Örebro universitet: sure (same words, accents)
    "Interreg Europe;CULT-BRIDGE;REGION OREBRO COUNTY;SE\n"  # Region Örebro län: sure ("County" = "län")
    "Interreg Europe;CULT-BRIDGE;Central Sweden EU Office;BE\n"  # Central Sweden European Office: only alike
    "Interreg Europe;CULT-BRIDGE;Teatro Nuovo di Esempio;IT\n"  # nothing like it in the directory
)
MAPPING = parse_mapping(
    {
        "organisation": {"name": "Partner", "country": "Country"},
        "group": {
            "kind": "project",
            "key": ["Programme", "Acronym"],
            "name": "Acronym",
            "programme": "Programme",
            "status": {"value": "completed"},
        },
        "relation": {"type": "partner_in"},
    },
    "mapping.toml",
)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return Path(shutil.copytree(REPO / "data", tmp_path / "data"))


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "partners.csv"
    path.write_text(SOURCE, "utf-8")
    return path


def _plan(data: Path, source: Path, match: str) -> importing.ImportPlan:
    return importing.plan_import(data, importing.read_table(source), MAPPING, today=TODAY, match=match)


def test_auto_takes_sure_matches_as_the_existing_organisation_and_lists_the_rest(sample: Path, source: Path) -> None:
    report = _plan(sample, source, "auto").report
    taken = {m.name: m.candidate for m in report.match_suggestions if m.merged}
    review = {m.name: m.candidate for m in report.match_suggestions if not m.merged}
    assert taken == {"OREBRO UNIVERSITY": "orebro-universitet", "REGION OREBRO COUNTY": "region-orebro"}
    assert review == {"Central Sweden EU Office": "central-sweden"}
    assert report.organisations_auto_matched == 2
    assert report.organisations_created == 2  # the EU office (to review) and the theatre
    assert report.organisations_matched == 2
    reasons = {m.name: m.reasons for m in report.match_suggestions}
    assert any("another language" in r.text for r in reasons["OREBRO UNIVERSITY"])
    assert all(0 < m.score <= 1 for m in report.match_suggestions)


def test_the_relations_of_an_auto_match_join_the_existing_organisation(sample: Path, source: Path) -> None:
    importing.run_import(sample, source, MAPPING, actor=EDITOR, today=TODAY, match="auto")
    directory = load(sample)
    assert not directory.report.errors
    names = {directory.name_of(n) for n in directory.graph.nodes if directory.kind_of(n) == "organisation"}
    assert "OREBRO UNIVERSITY" not in names and "REGION OREBRO COUNTY" not in names
    projects = [t for _, t, k in directory.graph.out_edges("orebro-universitet", keys=True) if k == "partner_in"]
    assert any(directory.name_of(p) == "CULT-BRIDGE" for p in projects)


def test_review_only_lists_and_off_compares_exact_names_only(sample: Path, source: Path) -> None:
    review = _plan(sample, source, "review").report
    assert review.organisations_auto_matched == 0 and review.organisations_created == 4
    assert {m.candidate for m in review.match_suggestions} == {"orebro-universitet", "region-orebro", "central-sweden"}
    assert not any(m.merged for m in review.match_suggestions)
    off = _plan(sample, source, "off").report
    assert off.match_suggestions == [] and off.organisations_created == 4


def test_importing_again_changes_nothing(sample: Path, source: Path) -> None:
    importing.run_import(sample, source, MAPPING, actor=EDITOR, today=TODAY, match="auto")
    again = importing.run_import(sample, source, MAPPING, actor=EDITOR, today=TODAY, match="auto")
    assert again.changes == 0


def test_a_pair_decided_different_is_never_taken_automatically(sample: Path, tmp_path: Path) -> None:
    from network.matching import decide

    source = tmp_path / "pic.csv"
    source.write_text("Programme;Acronym;Partner;Country;PIC\nH2020;X;OREBRO UNIVERSITY;SE;999650088\n", "utf-8")
    mapping = parse_mapping(
        {
            "organisation": {"name": "Partner", "country": "Country", "id": {"template": "pic-{PIC}"}},
            "group": {
                "kind": "project",
                "key": ["Programme", "Acronym"],
                "name": "Acronym",
                "programme": "Programme",
                "status": {"value": "completed"},
            },
            "relation": {"type": "partner_in"},
        },
        "pic.toml",
    )
    plan = importing.plan_import(sample, importing.read_table(source), mapping, today=TODAY, match="auto")
    assert [m.candidate for m in plan.report.match_suggestions if m.merged] == ["orebro-universitet"]
    decide(sample, "orebro-universitet", "pic-999650088", "different", actor=EDITOR)
    plan = importing.plan_import(sample, importing.read_table(source), mapping, today=TODAY, match="auto")
    assert not any(m.candidate == "orebro-universitet" for m in plan.report.match_suggestions)
    assert plan.report.organisations_created == 1


@pytest.mark.smoke
def test_an_unknown_mode_is_a_usage_error(sample: Path, source: Path) -> None:
    with pytest.raises(UsageError, match="--match is one of auto, review, off"):
        _plan(sample, source, "sometimes")


def test_the_cli_defaults_to_auto_and_reports_the_matches(
    sample: Path, source: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(
        '[organisation]\nname = "Partner"\ncountry = "Country"\n\n[group]\nkind = "project"\n'
        'key = ["Programme", "Acronym"]\nname = "Acronym"\nprogramme = "Programme"\n'
        'status = { value = "completed" }\n\n[relation]\ntype = "partner_in"\n',
        "utf-8",
    )
    code = cli.main(
        ["import", str(source), "--mapping", str(mapping), "--data", str(sample), "--dry-run", "--format", "json"]
    )
    assert code == cli.EXIT_OK
    out = json.loads(capsys.readouterr().out)
    assert out["match"] == "auto" and out["organisations_auto_matched"] == 2
    assert all(r["code"] and r["text"] for m in out["match_suggestions"] for r in m["reasons"])
    assert {m["candidate"] for m in out["match_suggestions"]} == {
        "orebro-universitet",
        "region-orebro",
        "central-sweden",
    }
    cli.main(["import", str(source), "--mapping", str(mapping), "--data", str(sample), "--dry-run"])
    text = capsys.readouterr().out
    assert "2 organisations were taken as existing ones" in text and "python -m network matches" in text
