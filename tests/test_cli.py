"""The command line: exact validate output, exit codes, JSON output, where the data comes from, personal data."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from core_helpers import FIXTURES, SMALL_FILES, write_directory, write_workbook
from network.cli import EXIT_DATA, EXIT_OK, EXIT_USAGE, main

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture(autouse=True)
def _no_ambient_data(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    """Tests choose their data explicitly: no $NETWORK_DATA from the environment, no data/ in the working dir.

    The CLI loads with the real ``load_directory`` and its warm-start cache ($NETWORK_CACHE_DIR, one folder for the
    session: see tests/conftest.py), as it does for a user: the first question about a folder fills the cache."""
    monkeypatch.delenv("NETWORK_DATA", raising=False)
    monkeypatch.chdir(tmp_path)


@pytest.fixture(scope="module")
def small_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The small directory, written once for this module (the CLI only reads it)."""
    return write_directory(tmp_path_factory.mktemp("cli") / "small", SMALL_FILES)


def run(capsys: pytest.CaptureFixture, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


# --- validate --------------------------------------------------------------------------------------------------


def test_validate_clean(capsys, small_dir: Path) -> None:
    code, out, _ = run(capsys, "validate", str(small_dir))
    assert code == EXIT_OK
    assert out == (
        "No problems found. Loaded 5 organisations, 2 networks, 2 projects, 1 programmes, 2 people, 13 relations.\n"
    )


def test_validate_exact_output_for_a_bad_fixture(capsys) -> None:
    code, out, _ = run(capsys, "validate", str(FIXTURES / "bad" / "until-before-since"))
    assert code == EXIT_DATA
    assert out == (
        "relations.csv:2:until: error: until (2019) is before since (2020-05). Swap the two dates or correct one.\n"
        "1 error, 0 warnings. Loaded 1 organisations, 1 networks, 0 projects, 0 programmes, 0 people, "
        "0 relations.\n"
        "Left out: relations.csv:2: the relation region-orebro member_of reves is not shown, because the row has errors.\n"
    )


def test_validate_lists_problems_sorted_by_file_and_row(capsys, tmp_path: Path) -> None:
    folder = write_directory(
        tmp_path / "d",
        {
            "relations.csv": "source,relation,target\nb-org,collaborates_with,a-org\nb-org,collaborates_with,a-org\n",
            "organisations.csv": "id,name,type,country\na-org,A,ngo,SE\nb-org,B,ngo,Sverige\nc-org,C,ngo,SE\n",
        },
    )
    code, out, _ = run(capsys, "validate", str(folder))
    assert code == EXIT_DATA
    assert out.splitlines() == [
        "organisations.csv:3:country: error: 'Sverige' is not a country code. Use the two-letter ISO 3166-1 code "
        "(SE, DE, GR). For Sverige, write SE.",
        "relations.csv:2:source: error: 'b-org' is defined in organisations.csv row 3, which has errors. Fix that "
        "row first.",
        "relations.csv:3:source: error: 'b-org' is defined in organisations.csv row 3, which has errors. Fix that "
        "row first.",
        "3 errors, 0 warnings. Loaded 2 organisations, 0 networks, 0 projects, 0 programmes, 0 people, 0 relations.",
        "Left out: organisations.csv:3: organisation 'B' is not shown, because the row has errors. It takes 2 "
        "relations with it.",
    ]


def test_validate_warnings_only_exit_0(capsys) -> None:
    code, out, _ = run(capsys, "validate", str(FIXTURES / "bad" / "stale-verified"))
    assert code == EXIT_OK
    assert out.startswith("organisations.csv:2:verified: warning: Last verified 2022-05-31")
    assert "0 errors, 1 warning." in out


def test_validate_json(capsys) -> None:
    code, out, _ = run(capsys, "validate", str(FIXTURES / "bad" / "duplicate-id"), "--format", "json")
    assert code == EXIT_DATA
    data = json.loads(out)
    assert data["errors"] == 1 and data["warnings"] == 0
    [problem] = data["problems"]
    assert {k: problem[k] for k in ("severity", "file", "row", "column", "value", "code")} == {
        "severity": "error",
        "file": "networks.csv",
        "row": 3,
        "column": "id",
        "value": "region-orebro",
        "code": "duplicate-id",
    }
    assert "organisations.csv row 2" in problem["message"]


def test_validate_json_hides_people_email(capsys) -> None:
    code, out, _ = run(capsys, "validate", str(FIXTURES / "bad" / "bad-email-of-person"), "--format", "json")
    assert code == EXIT_DATA
    assert "anna.exempel" not in out
    assert json.loads(out)["problems"][0]["value"] == "(hidden)"


def test_validate_missing_path_is_a_usage_error(capsys, tmp_path: Path) -> None:
    code, out, err = run(capsys, "validate", str(tmp_path / "nowhere"))
    assert code == EXIT_USAGE
    assert out == "" and "does not exist" in err and err.startswith("error: ")


def test_validate_workbook_path(capsys, tmp_path: Path) -> None:
    book = write_workbook(tmp_path / "book.xlsx", SMALL_FILES)
    code, out, _ = run(capsys, "validate", str(book))
    assert code == EXIT_OK and out.startswith("No problems found. Loaded 5 organisations")


# --- where the data comes from ---------------------------------------------------------------------------------


@pytest.fixture
def three_dirs(tmp_path: Path) -> dict[str, Path]:
    """Three directories whose names say which one was read, plus data/ in the working directory."""
    made = {}
    for label in ("positional", "option", "environment", "default"):
        files = {"directory.toml": f'name = "{label}"\n', "organisations.csv": "id,name,type,country\na,A,ngo,SE\n"}
        folder = tmp_path / ("data" if label == "default" else label)
        made[label] = write_directory(folder, files)
    return made


def _name_read(capsys, *argv: str) -> str:
    code, out, _ = run(capsys, *argv, "--format", "json")
    assert code == EXIT_OK
    return json.loads(out)["name"]


def test_path_resolution_order(capsys, monkeypatch, three_dirs: dict[str, Path]) -> None:
    assert _name_read(capsys, "stats") == "default"  # data/ in the working directory
    monkeypatch.setenv("NETWORK_DATA", str(three_dirs["environment"]))
    assert _name_read(capsys, "stats") == "environment"
    assert _name_read(capsys, "--data", str(three_dirs["option"]), "stats") == "option"
    assert _name_read(capsys, "stats", "--data", str(three_dirs["option"])) == "option"
    code, out, _ = run(
        capsys, "--data", str(three_dirs["option"]), "validate", str(three_dirs["positional"]), "--format", "json"
    )
    assert json.loads(out)["path"] == str(three_dirs["positional"])


def test_default_data_missing(capsys) -> None:
    code, _, err = run(capsys, "stats")
    assert code == EXIT_USAGE and "data does not exist" in err


# --- stats, search, show, path ---------------------------------------------------------------------------------


def test_stats(capsys, small_dir: Path) -> None:
    code, out, _ = run(capsys, "--data", str(small_dir), "stats")
    assert code == EXIT_OK
    lines = out.splitlines()
    assert lines[0] == "Testkatalog: 12 entities, 13 relations"
    assert "  organisation: 5" in lines and "  member_of: 4" in lines and "  SE: 2" in lines
    assert lines[-1] == "Problems: 0 errors, 0 warnings"
    code, out, _ = run(capsys, "--data", str(small_dir), "stats", "--format", "json")
    data = json.loads(out)
    assert data["by_kind"]["organisation"] == 5 and data["by_relation"]["partner_in"] == 3
    assert data["by_country"] == {"SE": 2, "FR": 1, "GR": 1, "IT": 1}


def test_search(capsys, small_dir: Path) -> None:
    code, out, _ = run(capsys, "--data", str(small_dir), "search", "Örebo län")
    assert code == EXIT_OK
    assert out.splitlines()[0].split("\t")[:3] == ["region-orebro", "organisation", "Region Örebro län"]
    code, out, _ = run(
        capsys, "--data", str(small_dir), "search", "orebro", "--kind", "organisation", "--format", "json"
    )
    hits = json.loads(out)
    assert [h["id"] for h in hits] == ["region-orebro", "dansresidens"]  # the home organisation first
    assert set(hits[0]) >= {"id", "name", "kind", "score", "match"}
    code, out, _ = run(capsys, "--data", str(small_dir), "search", "Xylophone Zzz")
    assert code == EXIT_OK and out == "No match for 'Xylophone Zzz'.\n"


def test_search_order_is_the_dashboards(capsys, small_dir: Path) -> None:
    """The CLI lists hits in the order the dashboard's picker offers them: one ranking (network.search.search)."""
    from network import load_directory
    from network.search import search

    code, out, _ = run(capsys, "--data", str(small_dir), "search", "e", "--limit", "50", "--format", "json")
    assert code == EXIT_OK
    assert [h["id"] for h in json.loads(out)] == [h.id for h in search(load_directory(small_dir), "e", limit=50)]


def test_search_bad_kind_is_a_usage_error(capsys, small_dir: Path) -> None:
    code, out, err = run(capsys, "--data", str(small_dir), "search", "x", "--kind", "organization")
    assert code == EXIT_USAGE and out == ""
    assert "Unknown kind 'organization'" in err and "organisation" in err


def test_show(capsys, small_dir: Path) -> None:
    code, out, _ = run(capsys, "--data", str(small_dir), "show", "reves")
    assert code == EXIT_OK
    lines = out.splitlines()
    assert lines[0] == "REVES (network, networks.csv row 2)"
    assert "Relations (3):" in lines
    assert "  ← member of Region Örebro län [region-orebro]" in lines
    code, out, _ = run(capsys, "--data", str(small_dir), "show", "reves", "--format", "json")
    data = json.loads(out)
    assert data["record"]["id"] == "reves" and data["record"]["row"] == 2
    assert {(r["id"], r["relation"], r["direction"]) for r in data["relations"]} == {
        ("region-orebro", "member_of", "in"),
        ("comune-x", "member_of", "in"),
        ("lille-theatre", "member_of", "in"),
    }
    assert next(r for r in data["relations"] if r["id"] == "lille-theatre")["until"] == "2018"


def test_show_hides_contact_details_unless_asked(capsys, small_dir: Path) -> None:
    secrets = ("anna.exempel@example.org", "+46 70 000 00 01", "Met at the inspiration day.")
    for fmt in ("text", "json"):
        code, out, _ = run(capsys, "--data", str(small_dir), "show", "anna-exempel", "--format", fmt)
        assert code == EXIT_OK and "Anna Exempel" in out
        assert not any(s in out for s in secrets), out
    code, out, _ = run(
        capsys, "--data", str(small_dir), "show", "anna-exempel", "--format", "json", "--include-contact-details"
    )
    record = json.loads(out)["record"]
    assert (record["email"], record["phone"], record["notes"]) == secrets
    code, out, _ = run(capsys, "--data", str(small_dir), "show", "anna-exempel", "--include-contact-details")
    assert all(s in out for s in secrets)
    # An organisation's functional e-mail is not personal data.
    code, out, _ = run(capsys, "--data", str(small_dir), "show", "region-orebro")
    assert "info@example.org" in out


def test_show_unknown_id_is_a_usage_error(capsys, small_dir: Path) -> None:
    code, out, err = run(capsys, "--data", str(small_dir), "show", "region-orebr")
    assert code == EXIT_USAGE and out == ""
    assert "no entity with id 'region-orebr'" in err and "region-orebro" in err


def test_path(capsys, small_dir: Path) -> None:
    code, out, _ = run(capsys, "--data", str(small_dir), "path", "region-orebro", "comune-x", "--k", "3")
    assert code == EXIT_OK
    lines = out.splitlines()
    assert len(lines) == 3
    assert (
        "1. Region Örebro län — member of → REVES ← member of — Comune di X" in lines[:2]
        or "2. Region Örebro län — member of → REVES ← member of — Comune di X" in lines[:2]
    )
    assert lines[2] == (
        "3. Region Örebro län ← works at — Anna Exempel — knows — Marco Esempio — works at → Comune di X"
    )
    code, out, _ = run(
        capsys, "--data", str(small_dir), "path", "region-orebro", "comune-x", "--k", "2", "--format", "json"
    )
    paths = json.loads(out)
    assert [p["length"] for p in paths] == [2, 2]
    via_reves = next(p for p in paths if p["steps"][0]["target"] == "reves")
    assert via_reves["sentence"] == "Region Örebro län — member of → REVES ← member of — Comune di X"
    assert via_reves["steps"] == [
        {"source": "region-orebro", "relation": "member_of", "target": "reves", "forward": True},
        {"source": "reves", "relation": "member_of", "target": "comune-x", "forward": False},
    ]


def test_path_not_connected_and_unknown(capsys, small_dir: Path) -> None:
    code, out, _ = run(capsys, "--data", str(small_dir), "path", "heritage-idea", "reves")
    assert code == EXIT_OK and out == "No connection between heritage-idea and reves.\n"
    code, out, err = run(capsys, "--data", str(small_dir), "path", "region-orebro", "nowhere-at-all")
    assert code == EXIT_USAGE and "nowhere-at-all" in err


def test_commands_on_data_with_errors_note_it_on_stderr(capsys) -> None:
    code, out, err = run(capsys, "--data", str(FIXTURES / "bad" / "unknown-country"), "stats")
    assert code == EXIT_OK
    assert "1 error(s)" in err and "validate" in err
    assert out.startswith("Network directory: 0 entities")


def test_usage_errors_from_argparse(capsys) -> None:
    for argv in ([], ["no-such-command"], ["stats", "--format", "xml"], ["path", "only-one"]):
        with pytest.raises(SystemExit) as caught:
            main(argv)
        assert caught.value.code == EXIT_USAGE, argv
    capsys.readouterr()


def test_schema_command(capsys) -> None:
    code, out, _ = run(capsys, "schema")
    assert code == EXIT_OK and out.startswith("# The data format\n")


def test_python_dash_m_network(small_dir: Path, tmp_path: Path) -> None:
    env = {k: v for k, v in os.environ.items() if k != "NETWORK_DATA"}
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    bad = FIXTURES / "bad" / "unknown-id-in-relation"
    result = subprocess.run(
        [sys.executable, "-m", "network", "validate", str(bad)],
        cwd=tmp_path,
        env=env,
        capture_output=True,
        text=True,
        encoding="utf-8",
        timeout=60,
    )
    assert result.returncode == EXIT_DATA, result.stderr
    assert result.stdout.splitlines()[0] == (
        "relations.csv:2:target: error: There is no entity with id 'revs'. Did you mean 'reves'?"
    )
    assert result.stdout.splitlines()[1].startswith("1 error, 0 warnings.")  # then what the error leaves out
    assert result.stderr == ""


def test_registering_the_commands_imports_no_command_only_library():
    """`python -m network partners` must not pay for matching, insights or the GDPR tools, nor for pandas and
    networkx when it answers from the stored partner index: the command modules import those inside their command
    functions, so building the parser leaves them out of ``sys.modules``."""
    code = (
        "import sys\n"
        "from network.cli import build_parser\n"
        "build_parser()\n"
        "heavy = ('network.matching', 'network.insights', 'network.metrics_jobs', 'network.personal_data',\n"
        "         'pandas', 'networkx', 'network.directory')\n"
        "print(','.join(m for m in heavy if m in sys.modules))\n"
    )
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, env=env, check=True)
    assert done.stdout.strip() == ""


def test_help_imports_neither_pandas_nor_networkx():
    """``python -m network --help`` (and ``import network``) stay light: the package names its API lazily."""
    code = (
        "import sys, contextlib, io\n"
        "import network\n"
        "from network.cli import main\n"
        "with contextlib.suppress(SystemExit), contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['--help'])\n"
        "print(','.join(m for m in ('pandas', 'networkx') if m in sys.modules))\n"
        "print(network.load_directory.__module__)\n"
    )
    root = Path(__file__).resolve().parents[1]
    env = {**os.environ, "PYTHONPATH": str(root)}
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=root, env=env, check=True)
    assert done.stdout.splitlines() == ["", "network.directory"]
