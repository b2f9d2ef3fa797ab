"""Importing foreign lists with a mapping file (network/importing.py, network/import_mapping.py, the CLI)."""

from __future__ import annotations

import gzip
import json
import os
import tomllib
from pathlib import Path

import pytest

from core_helpers import EDITOR, TODAY, load, write_directory, write_workbook
from network.access import Actor
from network import cli, editing, importing, storage
from network.errors import ConflictError
from network.import_mapping import MappingError, guess_mapping, load_mapping, parse_mapping, to_toml

# Slow as a module: imports preview, validate and save the directory (~1 s CPU a test, up to ~5 s). The full run (`-m
# ""`, CI) has every test; the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
#: The real files (../shared/realdata); NETWORK_REALDATA points elsewhere (a worktree that is not next to shared/).
REALDATA = Path(os.environ.get("NETWORK_REALDATA", REPO.parent / "shared" / "realdata"))
KEEP = REALDATA / "keep-interreg-2014-2020"
CORDIS = REALDATA / "cordis-h2020"

SOURCE = (
    "Programme;Acronym;Project Partner;Lead Partner;Town;Country code;Legal Status;Start;Budget\n"
    'Interreg Europe;DANCE;Region Örebro län;Yes;Örebro;SE Sweden / SVERIGE;Public;2015/10/27;"892,228.58"\n'
    "Interreg Europe;DANCE;Athens Culture Lab;No;Athens;EL;private;2015/10/27;758394.29\n"
    "Interreg Europe;HERITAGE;Athens Culture Lab;Yes;Athens;EL Greece / ΕΛΛΑΔΑ;private;;\n"
    "Interreg Baltic;DANCE;Manchester Arts;No;Manchester;UK;n/a;27.10.2016;1.234,50\n"
    "Interreg Baltic;DANCE;;No;X;DE;public;;\n"
    "Interreg Baltic;DANCE;Nowhere Org;No;X;Atlantis;public;;\n"
    ";;;;;;;;\n"
    "Interreg Europe;;Some Org;No;Y;DE;public;;\n"
    "Interreg Europe;DANCE;REGION OREBRO LAN;No;Örebro;SE;public;;\n"
)
MAPPING = """
[organisation]
name = "Project Partner"
country = "Country code"      # values like "DE Germany / DEUTSCHLAND", "EL", "UK" are normalised
city = "Town"
type = "Legal Status"
type_map = { public = "public-body", private = "ngo", "n/a" = "other" }

[group]
kind = "project"
key = ["Programme", "Acronym"]
name = "Acronym"
programme = "Programme"
start = "Start"
budget_eur = "Budget"
status = { value = "completed" }

[relation]
type = "partner_in"
role = "Lead Partner"
role_map = { Yes = "coordinator", No = "partner" }
"""


@pytest.fixture
def source(tmp_path: Path) -> Path:
    path = tmp_path / "partners.csv"
    path.write_bytes(SOURCE.encode("utf-8"))
    return path


@pytest.fixture
def mapping_file(tmp_path: Path) -> Path:
    path = tmp_path / "mapping.toml"
    path.write_text(MAPPING, "utf-8")
    return path


def plan(data: Path, source: Path, mapping: str | Path = MAPPING) -> importing.ImportPlan:
    parsed = (
        load_mapping(mapping)
        if isinstance(mapping, Path)
        else parse_mapping(__import__("tomllib").loads(mapping), "mapping.toml")
    )
    table = importing.read_table(source)
    lookups, notes = importing.read_lookups(parsed, source)
    return importing.plan_import(data, table, parsed, lookups=lookups, notes=notes, today=TODAY)


# --- the plan --------------------------------------------------------------------------------------------------


@pytest.mark.smoke
def test_the_report_counts_what_is_created_matched_merged_and_skipped(small_dir: Path, source: Path) -> None:
    report = plan(small_dir, source).report
    assert report.rows_read == 8  # row 8 is blank: skipped while reading, counted in a note
    assert "1 empty rows were ignored" in [note.text for note in report.notes]
    assert (report.organisations_created, report.organisations_matched) == (1, 2)  # Manchester; Region, Athens
    assert (report.groups_created, report.programmes_created) == (3, 2)
    assert (report.relations_created, report.duplicates_merged) == (4, 1)
    assert report.names_merged == 1  # "REGION OREBRO LAN" is "Region Örebro län"
    assert {s.row: s.reason for s in report.skipped} == {
        6: "no organisation name (column Project Partner is empty)",
        7: "'Atlantis' in Country code is not a country",
        9: "no project name (column Acronym is empty)",
    }
    assert report.rows_imported + len(report.skipped) == report.rows_read


def test_values_are_normalised_for_the_directory(small_dir: Path, source: Path, small_files: dict) -> None:
    result = plan(small_dir, source)
    projects = result.tables["projects.csv"].set_index("id")
    dance = projects.loc["interreg-europe-dance"]
    assert (dance["name"], dance["programme"], dance["start"], dance["budget_eur"], dance["status"]) == (
        "DANCE",
        "interreg-europe",
        "2015-10-27",
        "892228.58",
        "completed",
    )
    baltic = projects.loc["interreg-baltic-dance"]
    assert (baltic["start"], baltic["budget_eur"]) == ("2016-10-27", "1234.5")
    orgs = result.tables["organisations.csv"].set_index("id")
    assert orgs.loc["manchester-arts-gb", ["country", "type", "city"]].tolist() == ["GB", "other", "Manchester"]
    relations = result.tables["relations.csv"]
    new = relations.iloc[len(small_files["relations.csv"].splitlines()) - 1 :]
    assert new[["source", "target", "role"]].values.tolist() == [
        ["region-orebro", "interreg-europe-dance", "coordinator"],
        ["athens-lab", "interreg-europe-dance", "partner"],
        ["athens-lab", "interreg-europe-heritage", "coordinator"],
        ["manchester-arts-gb", "interreg-baltic-dance", "partner"],
    ]
    valid, problems = editing.validate_tables(result.tables, today=TODAY)
    assert not [p for p in problems if p.severity == "error"]


def test_a_dry_run_writes_nothing_and_a_commit_writes_through_the_safe_save_path(
    small_dir: Path, source: Path, mapping_file: Path
) -> None:
    before = storage.fingerprint(small_dir)
    report = importing.run_import(small_dir, source, mapping_file, dry_run=True, today=TODAY, actor=EDITOR)
    assert report.dry_run and not report.written and storage.fingerprint(small_dir) == before
    report = importing.run_import(small_dir, source, mapping_file, actor=Actor("importer", "admin"), today=TODAY)
    assert report.written and report.backup
    entry = storage.changes(small_dir)[0]
    assert (entry["action"], entry["who"]) == ("import", "importer")
    assert entry["details"]["relations_created"] == 4 and entry["counts"]["relations.csv"] == {"added": 4}
    directory = load(small_dir)
    assert not directory.report.errors
    assert directory.record("interreg-europe-dance")["programme"] == "interreg-europe"


def test_importing_the_same_file_twice_changes_nothing_the_second_time(
    small_dir: Path, source: Path, mapping_file: Path
) -> None:
    importing.run_import(small_dir, source, mapping_file, today=TODAY, actor=EDITOR)
    after_first = {p.name: p.read_bytes() for p in small_dir.iterdir() if p.is_file()}
    report = importing.run_import(small_dir, source, mapping_file, today=TODAY, actor=EDITOR)
    assert not report.written and report.changes == 0
    assert (report.organisations_matched, report.groups_matched, report.relations_existing) == (3, 3, 4)
    assert {p.name: p.read_bytes() for p in small_dir.iterdir() if p.is_file()} == after_first
    assert len(storage.changes(small_dir)) == 1


def test_a_commit_is_refused_if_someone_saved_after_the_preview(small_dir: Path, source: Path) -> None:
    preview = plan(small_dir, source)
    snapshot = storage.load(small_dir)
    edit = editing.update_entity(snapshot.tables, "reves", {"scope": "nordic"}, today=TODAY)
    storage.save(small_dir, edit.changed_tables(), snapshot.fingerprint, summary=edit.summary, actor=EDITOR)
    with pytest.raises(ConflictError):
        importing.commit(preview, actor=EDITOR)
    assert load(small_dir).record("reves")["scope"] == "nordic"


def test_a_known_id_matches_before_the_name(small_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "pic.csv"
    source.write_text("pic,name,country,project\n123,Another Name,SE,P1\n456,Dansresidens Örebro,SE,P1\n", "utf-8")
    mapping = """
[organisation]
id = { template = "pic-{pic}" }
name = "name"
country = "country"
[group]
kind = "project"
name = "project"
[relation]
type = "partner_in"
"""
    first = plan(small_dir, source, mapping)
    importing.commit(first, actor=EDITOR)
    orgs = storage.load(small_dir).tables["organisations.csv"]
    assert "pic-123" in orgs["id"].tolist() and "pic-456" not in orgs["id"].tolist()  # 456 is dansresidens
    source.write_text("pic,name,country,project\n123,Renamed Since,SE,P1\n", "utf-8")
    again = plan(small_dir, source, mapping).report
    assert (again.organisations_created, again.organisations_matched, again.relations_created) == (0, 1, 0)


def test_ids_are_stable_slugs_and_other_scripts_get_a_hash(tmp_path: Path) -> None:
    data = write_directory(tmp_path / "d", {"directory.toml": 'name = "x"\n'})
    source = tmp_path / "s.csv"
    source.write_text(
        "org,country,net\nОбщина Бургас,BG,Net\nОбщина Варна,BG,Net\n"
        "Δήμος Αθηναίων,EL,Net\n"
        "Net Org,SE,Net\nNet Org,NO,Net\n",
        "utf-8",
    )
    mapping = """
[organisation]
name = "org"
country = "country"
[group]
kind = "network"
name = "net"
[relation]
type = "member_of"
"""
    ids = plan(data, source, mapping).tables["organisations.csv"]["id"].tolist()
    assert ids[3:] == ["net-org-se", "net-org-no"]
    assert all(i.startswith("org-") for i in ids[:3]) and len(set(ids)) == 5
    assert plan(data, source, mapping).tables["organisations.csv"]["id"].tolist() == ids  # the same every time
    networks = plan(data, source, mapping).tables["networks.csv"]
    assert networks[["id", "type"]].values.tolist() == [["net", "other"]]


def test_a_slug_taken_by_something_else_gets_a_hash_and_is_matched_again(small_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "s.csv"
    source.write_text("org,country,project\nComune di X,IT,reves\n", "utf-8")  # a project named like the network
    mapping = (
        "[organisation]\nname='org'\ncountry='country'\n[group]\nkind='project'\nname='project'\n"
        "[relation]\ntype='partner_in'\n"
    )
    first = plan(small_dir, source, mapping)
    new_id = first.tables["projects.csv"]["id"].iloc[-1]
    assert new_id.startswith("reves-") and len(new_id) == len("reves-") + 6
    importing.commit(first, actor=EDITOR)
    again = plan(small_dir, source, mapping).report
    assert (again.groups_created, again.groups_matched, again.relations_existing) == (0, 1, 1)


def test_rows_whose_values_fail_validation_are_skipped_with_the_message(small_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "s.csv"
    source.write_text("org,country,project,status\nGood Org,SE,P1,completed\nBad Status Org,SE,P2,finished\n", "utf-8")
    mapping = (
        "[organisation]\nname='org'\ncountry='country'\n[group]\nkind='project'\nname='project'\n"
        "status='status'\n[relation]\ntype='partner_in'\n"
    )
    report = plan(small_dir, source, mapping).report
    assert report.rows_imported == 1 and report.groups_created == 1
    [skipped] = report.skipped
    assert skipped.row == 3 and "'finished' is not a known status" in skipped.reason


def test_values_that_cannot_be_read_are_left_empty_and_reported(small_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "s.csv"
    source.write_text("org,country,project,start\nA Org,SE,P1,someday\nB Org,SE,P2,2020\n", "utf-8")
    mapping = (
        "[organisation]\nname='org'\ncountry='country'\n[group]\nkind='project'\nname='project'\n"
        "start='start'\n[relation]\ntype='partner_in'\n"
    )
    result = plan(small_dir, source, mapping)
    assert result.report.emptied == {"group.start": [2]}
    projects = result.tables["projects.csv"].set_index("id")
    assert projects.loc["p1", "start"] == "" and projects.loc["p2", "start"] == "2020"
    assert "Left empty: 1 values of group.start" in result.report.text()


# --- sources ---------------------------------------------------------------------------------------------------


def test_windows_1252_semicolons_gzip_and_xlsx_sources_read_alike(tmp_path: Path) -> None:
    rows = [["Namn", "Land"], ["Kulturförening Ängen", "Sverige"], ["Théâtre", "FR"]]
    text = "\r\n".join(";".join(r) for r in rows) + "\r\n"
    (tmp_path / "a.csv").write_bytes(text.encode("cp1252"))
    (tmp_path / "a.csv.gz").write_bytes(gzip.compress(text.encode("utf-8-sig")))
    from openpyxl import Workbook

    book = Workbook()
    book.active.title = "Other"
    sheet = book.create_sheet("Members")
    for row in rows:
        sheet.append(row)
    book.save(tmp_path / "a.xlsx")
    expected = rows[1:]
    assert importing.read_table(tmp_path / "a.csv").frame.values.tolist() == expected
    assert importing.read_table(tmp_path / "a.csv.gz").frame.values.tolist() == expected
    table = importing.read_table(tmp_path / "a.xlsx", sheet="Members")
    assert table.frame.values.tolist() == expected and table.name == "a.xlsx › Members"
    assert list(table.frame.index) == [2, 3]
    with pytest.raises(importing.UsageError, match="no sheet 'Nope'.*Other, Members"):
        importing.read_table(tmp_path / "a.xlsx", sheet="Nope")


def test_a_row_with_too_many_cells_is_skipped_with_a_reason(small_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "s.csv"
    source.write_text("org,country,project\nA Org,SE,P1\nB Org,SE,P2,extra\n", "utf-8")
    mapping = (
        "[organisation]\nname='org'\ncountry='country'\n[group]\nkind='project'\nname='project'\n"
        "[relation]\ntype='partner_in'\n"
    )
    report = plan(small_dir, source, mapping).report
    assert [(s.row, "4 cells" in s.reason) for s in report.skipped] == [(3, True)]


def test_lookups_join_other_files_and_a_missing_optional_one_is_noted(small_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "p.csv"
    source.write_text("pic,country,rcn\n1,SE,10\n2,DE,10\n", "utf-8")
    (tmp_path / "orgs.csv").write_text('"id","name"\n"1","Named Org"\n"1","Second Row Ignored"\n', "utf-8")
    mapping = """
[lookups.orgs]
file = "orgs.csv"
key = "id"
on = "pic"
[lookups.missing]
file = "nothere.csv"
key = "k"
on = "rcn"
optional = true
[organisation]
id = { template = "pic-{pic}" }
name = { column = "orgs.name", fallback = { template = "PIC {pic}" } }
country = "country"
description = "missing.text"
[group]
kind = "project"
name = { template = "Project {rcn}" }
[relation]
type = "partner_in"
"""
    result = plan(small_dir, source, mapping)
    orgs = result.tables["organisations.csv"].set_index("id")
    assert orgs.loc["pic-1", "name"] == "Named Org" and orgs.loc["pic-2", "name"] == "PIC 2"
    assert result.report.lookups == {"orgs": 1}
    assert "lookup missing: nothere.csv was not found" in result.report.notes[0].text
    required = mapping.replace("optional = true", "optional = false")
    with pytest.raises(MappingError, match="lookups.missing.file"):
        plan(small_dir, source, required)


# --- mapping files ---------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text, message",
    [
        ("[organisation\nname = 'x'", "not valid TOML"),
        (MAPPING + "\n[extra]\nx = 1\n", "unknown section \\[extra\\]"),
        (MAPPING.replace('city = "Town"', 'cty = "Town"'), "\\[organisation\\] has no key 'cty'. Did you mean 'city'"),
        (MAPPING.replace('country = "Country code"', ""), "organisation.country is missing"),
        (MAPPING.replace('kind = "project"', 'kind = "club"'), "group.kind must be"),
        (MAPPING.replace('type = "partner_in"', 'type = "likes"'), "relation.type must be one of"),
        (MAPPING.replace('type = "partner_in"', 'type = "member_of"'), "cannot join an organisation to a project"),
        (MAPPING.replace('role = "Lead Partner"\n', ""), "has role_map but no role"),
        (MAPPING.replace('name = "Acronym"', "name = 12.5\nscope = 'x'"), "group.scope is not a field of a project"),
        (MAPPING.replace('city = "Town"', 'city = { column = "Town", value = "x" }'), "give only one of"),
        (MAPPING.replace('city = "Town"', 'city = { column = "Town", pattern = "(" }'), "not a valid regular"),
        (MAPPING.replace('city = "Town"', 'city = { template = "no braces" }'), "has no column in braces"),
        (MAPPING.replace('city = "Town"', "city = true"), "organisation.city must be"),
    ],
)
def test_a_bad_mapping_gives_a_message_naming_the_key(tmp_path: Path, text: str, message: str) -> None:
    path = tmp_path / "bad.toml"
    path.write_text(text, "utf-8")
    with pytest.raises(MappingError, match=message):
        load_mapping(path)


def test_a_mapping_naming_a_column_the_source_lacks_says_which_key_and_suggests(small_dir: Path, source: Path) -> None:
    with pytest.raises(MappingError, match="organisation.city names the column 'Twn'.*Did you mean 'Town'"):
        plan(small_dir, source, MAPPING.replace('city = "Town"', 'city = "Twn"'))


@pytest.mark.smoke
def test_guessed_mappings_from_headers_are_valid_mappings() -> None:
    keep = [
        "Programme",
        "Acronym",
        "Project Partner",
        "Lead Partner",
        "Street",
        "Postal code",
        "Town",
        "Country",
        "Website",
        "Department",
        "Legal Status",
        "Country code",
    ]
    guessed = guess_mapping(keep)
    assert guessed["organisation"] == {
        "name": "Project Partner",
        "country": "Country code",
        "city": "Town",
        "type": "Legal Status",
        "website": "Website",
    }
    assert guessed["group"]["key"] == ["Programme", "Acronym"]
    assert guessed["relation"]["role_map"] == {"Yes": "coordinator", "No": "partner"}
    parsed = load_mapping(to_toml(guessed).encode("utf-8"), "guessed.toml")
    parsed.check_columns(keep)
    members = guess_mapping(["Member", "Land", "Member since"], kind="network")
    assert members["organisation"] == {"name": "Member", "country": "Land"}
    assert members["relation"] == {"since": "Member since", "type": "member_of"}


@pytest.mark.smoke
@pytest.mark.parametrize(
    "header",
    [
        "Partner\rname",
        'The "partner"',
        "Partner\\name",
        "Partner [name]",
        "]",
        "Partnerns namn – Örebro",
        "Lead\r\npartner",
        "a = b",
        "[organisation]",
    ],
)
def test_a_saved_mapping_reads_back_the_same_whatever_the_header(header: str) -> None:
    """to_toml (tomli-w) escapes every header: the hand-written writer produced invalid TOML for a carriage
    return. Headers are values (which column fills a field) and keys (the values of a role_map)."""
    mapping = {
        "organisation": {"name": header, "country": "Land"},
        "group": {"kind": "project", "name": "Acronym"},
        "relation": {"type": "partner_in", "role": "Lead", "role_map": {header: "coordinator", "No": "partner"}},
    }
    text = to_toml(mapping)
    assert tomllib.loads(text) == mapping
    parsed = load_mapping(text.encode("utf-8"), "saved.toml")
    parsed.check_columns([header, "Land", "Acronym", "Lead"])


@pytest.mark.smoke
@pytest.mark.parametrize(
    "value, expected",
    [
        ("2015/10/27", "2015-10-27"),
        ("27.10.2015", "2015-10-27"),
        ("2015-10-27 00:00:00", "2015-10-27"),
        ("2015", "2015"),
        ("2015-10", "2015-10"),
        ("27/10/2015", "2015-10-27"),
        ("someday", None),
        ("", ""),
    ],
)
def test_normalise_date(value: str, expected: str | None) -> None:
    assert importing.normalise_date(value) == expected


@pytest.mark.smoke
@pytest.mark.parametrize(
    "value, expected",
    [
        ("892,228.58", "892228.58"),
        ("758394.29", "758394.29"),
        ("1.234,50", "1234.5"),
        ("1 234 567", "1234567"),
        ("€ 50000.0", "50000"),
        ("12,5", "12.5"),
        ("1,000,000", "1000000"),
        ("-3.5", "-3.5"),
        ("abc", None),
        ("1,23,4", None),
        ("", ""),
    ],
)
def test_normalise_money(value: str, expected: str | None) -> None:
    assert importing.normalise_money(value) == expected


@pytest.mark.smoke
@pytest.mark.parametrize(
    "value, expected",
    [
        ("DE Germany / DEUTSCHLAND", "DE"),
        ("EL", "GR"),
        ("UK", "GB"),
        ("el", "GR"),
        ("Sweden", "SE"),
        ("RS  / Serbia", "RS"),
        ("Atlantis", None),
    ],
)
def test_normalise_country(value: str, expected: str | None) -> None:
    assert importing.normalise_country(value) == expected


# --- the command line ------------------------------------------------------------------------------------------


def test_the_cli_prints_the_report_and_writes_unless_dry_run(
    small_dir: Path, source: Path, mapping_file: Path, capsys: pytest.CaptureFixture
) -> None:
    args = ["import", str(source), "--mapping", str(mapping_file), "--data", str(small_dir)]
    assert cli.main(args + ["--dry-run", "--format", "json"]) == cli.EXIT_OK
    report = json.loads(capsys.readouterr().out)
    assert report["dry_run"] and report["relations_created"] == 4 and len(report["skipped"]) == 3
    assert storage.changes(small_dir) == []
    assert cli.main(args + ["--who", "tester"]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "Rows read: 8; imported: 5; skipped: 3." in out and "row 7: 'Atlantis'" in out
    assert storage.changes(small_dir)[0]["who"] == "tester"


def test_the_cli_reports_a_bad_mapping_without_a_traceback(
    small_dir: Path, source: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(MAPPING.replace("[relation]", "[relations]"), "utf-8")
    assert cli.main(["import", str(source), "--mapping", str(bad), "--data", str(small_dir)]) == cli.EXIT_USAGE
    err = capsys.readouterr().err
    assert "unknown section [relations]. Did you mean [relation]?" in err and "Traceback" not in err


def test_the_cli_converts_a_workbook_to_a_folder(
    tmp_path: Path, capsys: pytest.CaptureFixture, small_files: dict
) -> None:
    book = write_workbook(tmp_path / "b.xlsx", small_files)
    assert cli.main(["convert", str(book), str(tmp_path / "out")]) == cli.EXIT_OK
    assert "organisations.csv" in capsys.readouterr().out
    assert len(load(tmp_path / "out").tables["organisation"]) == 5


# --- the real files (skipped when ../shared/realdata is absent) -------------------------------------------------

realdata = pytest.mark.realdata


@realdata
@pytest.mark.skipif(not KEEP.is_dir(), reason="../shared/realdata/keep-interreg-2014-2020 is not present")
def test_keep_eu_partners_csv_imports_every_row_or_says_why(tmp_path: Path) -> None:
    mapping = REPO / "mappings" / "keep-interreg-partners.toml"
    data = tmp_path / "keep"
    data.mkdir()
    report = importing.run_import(data, KEEP / "keep_closed_1420_Partnership.csv", mapping, today=TODAY, actor=EDITOR)
    assert report.rows_read == 8621
    assert report.rows_imported + len(report.skipped) == report.rows_read
    assert all(s.reason for s in report.skipped)
    assert (report.programmes_created, report.groups_created) == (66, 1852)
    assert 6500 <= report.organisations_created <= 7100
    directory = load(data)
    assert not directory.report.errors
    assert len(directory.tables["project"]) == 1852 and len(directory.tables["programme"]) == 66
    again = importing.run_import(
        data, KEEP / "keep_closed_1420_Partnership.csv", mapping, dry_run=True, today=TODAY, actor=EDITOR
    )
    assert again.changes == 0 and again.relations_existing == report.relations_created


@realdata
@pytest.mark.skipif(not CORDIS.is_dir(), reason="../shared/realdata/cordis-h2020 is not present")
def test_cordis_participations_get_names_from_the_organisation_file(tmp_path: Path) -> None:
    """A slice of the 144,726 rows (the whole file is in bench/bench_import.py)."""
    mapping = load_mapping(REPO / "mappings" / "cordis-h2020.toml")
    source = CORDIS / "h2020.csv.gz"
    table = importing.read_table(source)
    assert len(table.frame) == 144726
    table.frame = table.frame.iloc[:3000]
    lookups, notes = importing.read_lookups(mapping, source)
    assert not notes
    result = importing.plan_import(tmp_path / "new", table, mapping, lookups=lookups, today=TODAY)
    report = result.report
    assert report.rows_imported == 3000 and not report.skipped
    orgs = result.tables["organisations.csv"]
    assert orgs["id"].str.fullmatch(r"pic-\d{9}").all()
    named = ~orgs["name"].str.startswith("PIC ")
    assert named.sum() > 100 and (~named).sum() > 100
    assert set(orgs["country"]) >= {"GR", "GB", "DE"}
    roles = set(result.tables["relations.csv"]["role"])
    assert roles <= {"coordinator", "partner", "associated"} and "coordinator" in roles
    assert set(result.tables["programmes.csv"]["name"]) >= {"Horizon 2020 ERC", "Horizon 2020 MSCA"}
    assert not [p for p in editing.validate_tables(result.tables, today=TODAY)[1] if p.severity == "error"]


def test_the_cli_does_not_write_into_a_workbook(
    tmp_path: Path, source: Path, mapping_file: Path, capsys: pytest.CaptureFixture, small_files: dict
) -> None:
    book = write_workbook(tmp_path / "b.xlsx", small_files)
    before = book.read_bytes()
    code = cli.main(["import", str(source), "--mapping", str(mapping_file), "--data", str(book)])
    assert code == cli.EXIT_USAGE and "convert" in capsys.readouterr().err
    assert book.read_bytes() == before
    assert (
        cli.main(["import", str(source), "--mapping", str(mapping_file), "--data", str(book), "--dry-run"])
        == cli.EXIT_OK
    )  # a preview against a workbook is fine


def test_na_means_empty_in_dates_and_numbers_but_namibia_in_countries(small_dir: Path, tmp_path: Path) -> None:
    source = tmp_path / "s.csv"
    source.write_text("org,country,project,start,cost\nWindhoek Arts,NA,P1,NA,NA\n", "utf-8")
    mapping = (
        "[organisation]\nname='org'\ncountry='country'\n[group]\nkind='project'\nname='project'\n"
        "start='start'\nbudget_eur='cost'\n[relation]\ntype='partner_in'\n"
    )
    result = plan(small_dir, source, mapping)
    assert result.report.emptied == {} and not result.report.skipped
    assert result.tables["organisations.csv"].iloc[-1]["country"] == "NA"
    assert result.tables["projects.csv"].iloc[-1][["start", "budget_eur"]].tolist() == ["", ""]
