"""Imports that update and enrich (--update, --overwrite), the sources' vocabularies, country names in the languages
of Europe, membership lists (since and until), and the real keep.eu and CORDIS files joined later."""

from __future__ import annotations

import gzip
import json
import os
import shutil
import tomllib
from pathlib import Path

import pytest

from core_helpers import EDITOR, SMALL_FILES, TODAY, load, write_directory
from network import cli, countries, importing, partners, rules, schema, vocabularies
from network.import_mapping import load_mapping, parse_mapping

# Slow as a module: imports run, validate and reload the directory several times (up to ~10 s CPU a test). The full
# run (`-m ""`, CI) has every test; the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

REPO = Path(__file__).resolve().parent.parent
REALDATA = Path(os.environ.get("NETWORK_REALDATA", REPO.parent / "shared" / "realdata"))
KEEP = REALDATA / "keep-interreg-2014-2020"
CORDIS = REALDATA / "cordis-h2020"


def run(data: Path, source: Path, mapping: str | Path, **options) -> importing.ImportReport:
    parsed = load_mapping(mapping) if isinstance(mapping, Path) else parse_mapping(tomllib.loads(mapping), "m.toml")
    options.setdefault("actor", EDITOR)
    return importing.run_import(data, source, parsed, today=TODAY, **options)


def csv_file(folder: Path, name: str, text: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / name
    path.write_text(text, "utf-8")
    return path


# --- vocabularies ------------------------------------------------------------------------------------------------


@pytest.mark.smoke
def test_every_synonym_names_a_directory_type() -> None:
    wrong = {w: t for w, t in vocabularies.ORGANISATION_TYPE_SYNONYMS.items() if t not in schema.ORGANISATION_TYPES}
    assert not wrong


@pytest.mark.parametrize(
    "word, kind",
    [
        ("Regional public authority", "region"),
        ("Local public authority", "municipality"),
        ("National public authority", "public-body"),
        ("Sectoral agency", "public-body"),
        ("Higher education and research", "university"),
        ("Education/training centre and school", "school"),
        ("Enterprise, except SME", "company"),
        ("SME", "company"),
        ("Business support organisation", "association"),
        ("Interest groups including NGOs", "ngo"),
        ("Infrastructure and (public) service provider", "public-body"),
        ("International organisation, EEIG under national law", "other"),
        ("HES", "university"),
        ("REC", "research-institute"),
        ("PRC", "company"),
        ("PUB", "public-body"),
        ("OTH", "other"),
        ("Public", "public-body"),
        ("private", "other"),
        ("n/a", "other"),
        ("City", "municipality"),
        ("Municipal Authority", "municipality"),
        ("Kommun", "municipality"),
        ("Comune", "municipality"),
        ("KOMMUN", "municipality"),
        ("Région", "region"),
        ("public-body", "public-body"),
    ],
)
def test_source_words_are_read_as_directory_types(word: str, kind: str) -> None:
    assert vocabularies.organisation_type(word) == kind


@pytest.mark.smoke
def test_an_unknown_word_is_not_guessed() -> None:
    assert vocabularies.organisation_type("Sports club") is None
    assert vocabularies.organisation_type("") is None


TYPES_SOURCE = (
    "Network,Member,Country,Type\n"
    "REVES,Tartu,Eesti,Municipal Authority\n"
    "REVES,Ciudad Real,España,City\n"
    "REVES,Club Atlético,España,Sports club\n"
    "REVES,Riga Sports,Latvija,Sports club\n"
    "REVES,Uppsala universitet,Sverige,Higher education and research\n"
)
TYPES_MAPPING = """
[organisation]
name = "Member"
country = "Country"
type = "Type"
[group]
kind = "network"
name = "Network"
[relation]
type = "member_of"
"""


def test_types_are_read_through_the_vocabularies_and_unknown_ones_kept_as_source_type(tmp_path: Path) -> None:
    data = write_directory(tmp_path / "d", SMALL_FILES)
    source = csv_file(tmp_path, "members.csv", TYPES_SOURCE)
    report = run(data, source, TYPES_MAPPING, dry_run=True)
    assert report.unmapped == {"organisation.type": {"Sports club": 2}}
    assert "Unknown values of organisation.type" in report.text() and "'Sports club' (2)" in report.text()
    assert report.to_dict()["unmapped"] == {"organisation.type": {"Sports club": 2}}
    run(data, source, TYPES_MAPPING)
    orgs = load(data).tables["organisation"].set_index("name")
    assert orgs.loc["Tartu", ["type", "source_type", "country"]].tolist() == [
        "municipality",
        "Municipal Authority",
        "EE",
    ]
    assert orgs.loc["Ciudad Real", ["type", "country"]].tolist() == ["municipality", "ES"]
    assert orgs.loc["Club Atlético", ["type", "source_type"]].tolist() == ["other", "Sports club"]
    assert orgs.loc["Uppsala universitet", ["type", "country"]].tolist() == ["university", "SE"]
    assert orgs.loc["Region Örebro län", "source_type"] == ""


def test_the_cli_lists_unmapped_values(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = write_directory(tmp_path / "d", SMALL_FILES)
    source = csv_file(tmp_path, "members.csv", TYPES_SOURCE)
    mapping = csv_file(tmp_path, "m.toml", TYPES_MAPPING)
    assert (
        cli.main(
            ["import", str(source), "--mapping", str(mapping), "--data", str(data), "--dry-run", "--format", "json"]
        )
        == 0
    )
    assert json.loads(capsys.readouterr().out)["unmapped"] == {"organisation.type": {"Sports club": 2}}


def test_a_stored_source_word_is_read_as_the_type_and_the_consortium_check_counts_it(tmp_path: Path) -> None:
    """'Tartu is a Municipal Authority' must not make town-twinning NOT MET: the word means municipality."""
    data = tmp_path / "d"
    shutil.copytree(REPO / "data", data)
    with (data / "organisations.csv").open("a", encoding="utf-8") as handle:
        handle.write("tartu,Tartu,Municipal Authority,EE,Tartu,,,,,,,\n")
    directory = load(data)
    warning = [
        p
        for p in directory.report.problems
        if p.file == "organisations.csv" and p.column == "type" and p.value == "Municipal Authority"
    ]
    assert warning and "read as 'municipality'" in warning[0].message and warning[0].severity == "warning"
    assert directory.tables["organisation"].set_index("id").loc["tartu", "type"] == "municipality"
    check = rules.check_consortium(
        directory,
        "cerv-town-twinning",
        [rules.Member("orebro-kommun", "coordinator"), rules.Member("tartu")],
        today=TODAY,
    )
    types = {f.code: f.status for f in check.findings}
    assert types.get("partner-types") == rules.MET


# --- countries --------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "name, code",
    [
        ("Sverige", "SE"),
        ("Deutschland", "DE"),
        ("España", "ES"),
        ("Italia", "IT"),
        ("Polska", "PL"),
        ("Suomi", "FI"),
        ("Norge", "NO"),
        ("Danmark", "DK"),
        ("Österreich", "AT"),
        ("Magyarország", "HU"),
        ("Česko", "CZ"),
        ("Ελλάδα", "GR"),
        ("Eesti", "EE"),
        ("Lietuva", "LT"),
        ("România", "RO"),
        ("Hrvatska", "HR"),
        ("Nederland", "NL"),
        ("Belgique", "BE"),
        ("Niemcy", "DE"),
        ("Tyskland", "DE"),
        ("Sweden", "SE"),
        ("DE Germany / DEUTSCHLAND", "DE"),
    ],
)
def test_country_names_in_the_languages_of_europe(name: str, code: str) -> None:
    assert countries.guess_code(name) == code
    assert importing.normalise_country(name) == code


def test_validation_suggests_the_code_for_a_name_in_another_language(tmp_path: Path) -> None:
    files = dict(SMALL_FILES)
    files["organisations.csv"] = files["organisations.csv"].replace(",ngo,GR,", ",ngo,Ελλάδα,")
    directory = load(write_directory(tmp_path / "d", files))
    assert any("write GR" in p.message for p in directory.report.errors)


# --- --update and --overwrite -------------------------------------------------------------------------------------

ENRICH_MAPPING = """
[organisation]
id = { template = "pic-{pic}" }
name = { column = "names.name", fallback = { template = "PIC {pic}" } }
country = "country"
city = "names.city"
website = "names.url"
type = "type"

[lookups.names]
file = "names.csv"
key = "pic"
on = "pic"
optional = true

[group]
kind = "project"
id = { template = "h2020-{rcn}" }
key = "rcn"
name = { template = "H2020 project {rcn}" }
programme = { value = "Horizon 2020" }
start = "start"
end = "end"

[relation]
type = "partner_in"
role = "role"
"""
PARTICIPATIONS = (
    "rcn,pic,role,type,country,start,end\n"
    "1001,900000001,coordinator,HES,SE,2016-01-01,2018-12-31\n"
    "1001,900000002,participant,PRC,DE,2016-01-01,2018-12-31\n"
    "1002,900000002,coordinator,PRC,DE,2017-01-01,2019-12-31\n"
    "1002,900000003,participant,OTH,EL,2017-01-01,2019-12-31\n"
)
NAMES = (
    "pic,name,city,url\n"
    "900000001,Örebro universitet,Örebro,https://www.oru.se\n"
    "900000002,Example GmbH,Berlin,https://example.de\n"
)


def test_names_joined_later_rename_placeholder_rows_with_update(tmp_path: Path) -> None:
    data = write_directory(tmp_path / "d", SMALL_FILES)
    source = csv_file(tmp_path / "src", "participations.csv", PARTICIPATIONS)
    first = run(data, source, ENRICH_MAPPING)
    assert first.organisations_created == 3 and first.fields_filled == 0
    orgs = load(data).tables["organisation"].set_index("id")
    assert orgs.loc["pic-900000001", "name"] == "PIC 900000001"
    csv_file(tmp_path / "src", "names.csv", NAMES)
    plain = run(data, source, ENRICH_MAPPING, dry_run=True)
    assert plain.changes == 0 and plain.fields_filled == 6  # 2 names, 2 cities, 2 websites could be filled
    assert "import with --update" in plain.text()
    preview = run(data, source, ENRICH_MAPPING, dry_run=True, update=True)
    assert (preview.fields_filled, preview.fields_differing, preview.organisations_created) == (6, 0, 0)
    assert load(data).tables["organisation"].set_index("id").loc["pic-900000001", "name"] == "PIC 900000001"
    done = run(data, source, ENRICH_MAPPING, update=True)
    assert done.written and done.rows_updated == 2
    orgs = load(data).tables["organisation"].set_index("id")
    assert orgs.loc["pic-900000001", ["name", "city", "website", "type", "source_type"]].tolist() == [
        "Örebro universitet",
        "Örebro",
        "https://www.oru.se",
        "university",
        "HES",
    ]
    assert orgs.loc["pic-900000003", "name"] == "PIC 900000003"  # the names file does not know it
    again = run(data, source, ENRICH_MAPPING, update=True)
    assert again.changes == 0 and not again.written and again.fields_filled == 0


def test_differing_fields_are_reported_and_changed_only_with_overwrite(tmp_path: Path) -> None:
    data = write_directory(tmp_path / "d", SMALL_FILES)
    source = csv_file(tmp_path / "src", "participations.csv", PARTICIPATIONS)
    csv_file(tmp_path / "src", "names.csv", NAMES)
    run(data, source, ENRICH_MAPPING)
    (tmp_path / "src" / "names.csv").write_text(NAMES.replace(",Berlin,", ",Potsdam,"), "utf-8")
    report = run(data, source, ENRICH_MAPPING, update=True)
    assert (report.fields_filled, report.fields_differing, report.fields_overwritten) == (0, 1, 0)
    difference = report.differences[0]
    assert (difference.file, difference.id, difference.column, difference.value, difference.source) == (
        "organisations.csv",
        "pic-900000002",
        "city",
        "Berlin",
        "Potsdam",
    )
    assert difference.row >= 2 and difference.source_row == 3
    assert "organisations.csv row" in report.text() and "'Berlin' in the directory" in report.text()
    assert load(data).tables["organisation"].set_index("id").loc["pic-900000002", "city"] == "Berlin"
    report = run(data, source, ENRICH_MAPPING, overwrite=True)
    assert report.fields_overwritten == 1 and report.written
    assert load(data).tables["organisation"].set_index("id").loc["pic-900000002", "city"] == "Potsdam"


@pytest.mark.smoke
def test_an_update_that_would_make_an_error_is_refused_and_said(tmp_path: Path) -> None:
    data = write_directory(tmp_path / "d", SMALL_FILES)
    source = csv_file(
        tmp_path / "src",
        "participations.csv",
        PARTICIPATIONS.replace("2017-01-01,2019-12-31", ",").replace(
            "1002,900000003,participant,OTH,EL,,", "1002,900000003,participant,OTH,EL,,"
        ),
    )
    run(data, source, ENRICH_MAPPING)
    bad = csv_file(
        tmp_path / "src2",
        "participations.csv",
        "rcn,pic,role,type,country,start,end\n1002,900000002,coordinator,PRC,DE,2020-01-01,2019-12-31\n",
    )
    report = run(data, bad, ENRICH_MAPPING, update=True)
    assert report.update_refused and report.update_refused[0].row == 2
    assert "end" in report.update_refused[0].reason and "before start" in report.update_refused[0].reason
    directory = load(data)
    assert not directory.report.errors
    assert directory.tables["project"].set_index("id").loc["h2020-1002", "start"] == ""


def test_the_cli_takes_update_and_overwrite(tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    data = write_directory(tmp_path / "d", SMALL_FILES)
    source = csv_file(tmp_path / "src", "participations.csv", PARTICIPATIONS)
    mapping = csv_file(tmp_path, "m.toml", ENRICH_MAPPING)
    assert cli.main(["import", str(source), "--mapping", str(mapping), "--data", str(data)]) == 0
    csv_file(tmp_path / "src", "names.csv", NAMES)
    capsys.readouterr()
    assert (
        cli.main(
            ["import", str(source), "--mapping", str(mapping), "--data", str(data), "--update", "--format", "json"]
        )
        == 0
    )
    out = json.loads(capsys.readouterr().out)
    assert (out["update"], out["fields_filled"], out["rows_updated"], out["written"]) == (True, 6, 2, True)


# --- keep.eu: the projects sheet enriches the projects of the partners sheet -------------------------------------

KEEP_PARTNERS = (
    "Programme;Acronym;Project Partner;Lead Partner;Town;Country;Legal Status;Country code;NUTS3 (or equivalent);"
    "Website\n"
    "Interreg Europe;CULTURE-X;Region Örebro län;Yes;Örebro;Sweden;public;SE Sweden / SVERIGE;SE124  / Örebro län;\n"
    "Interreg Europe;CULTURE-X;Tartu;No;Tartu;Estonia;Public;EE Estonia / EESTI;;\n"
    "Interreg Baltic;CULTURE-X;Tartu;Yes;Tartu;Estonia;public;EE Estonia / EESTI;;\n"
)
KEEP_PROJECTS_HEADER = (
    "Programme;Acronym;Project Name;Lead Partner;Town;Country;Budget;Thematic1;Thematic2;"
    "Thematic3;Description EN;Description 1;Project start;Project end;Website\n"
)
KEEP_PROJECTS = KEEP_PROJECTS_HEADER + (
    'Interreg Europe;CULTURE-X;Culture for regions;Region Örebro län;Örebro;Sweden;"892,228.58";Tourism;'
    "Cultural heritage and arts;;Culture as a driver.;Kultur som motor.;2016/04/01;2020/03/31;\n"
    "Interreg Baltic;CULTURE-X;;Tartu;Tartu;Estonia;758394.29;;;;;Kultuur.;2017/01/01;2019/12/31;\n"
)


def test_the_projects_sheet_adds_titles_themes_dates_and_descriptions(tmp_path: Path) -> None:
    data = write_directory(tmp_path / "d", SMALL_FILES)
    partners_file = csv_file(tmp_path, "partners.csv", KEEP_PARTNERS)
    projects_file = csv_file(tmp_path, "projects.csv", KEEP_PROJECTS)
    first = run(data, partners_file, REPO / "mappings" / "keep-interreg-partners.toml")
    assert first.groups_created == 2 and first.organisations_matched == 1
    preview = run(data, projects_file, REPO / "mappings" / "keep-interreg-projects.toml", dry_run=True)
    assert preview.groups_matched == 2 and preview.groups_created == 0 and preview.organisations_created == 0
    assert preview.relations_created == 0 and preview.fields_filled > 0 and preview.changes == 0
    report = run(data, projects_file, REPO / "mappings" / "keep-interreg-projects.toml", update=True)
    assert report.written and report.groups_created == 0
    projects = load(data).tables["project"].set_index("acronym")
    europe = projects[projects["programme"] == "interreg-europe"].iloc[0]
    assert (
        europe["name"],
        europe["themes"],
        europe["start"],
        europe["end"],
        europe["budget_eur"],
        europe["description"],
    ) == (
        "Culture for regions",
        "tourism|cultural-heritage-and-arts",
        "2016-04-01",
        "2020-03-31",
        "892228.58",
        "Culture as a driver.",
    )
    baltic = projects[projects["programme"] == "interreg-baltic"].iloc[0]
    assert (baltic["name"], baltic["description"], baltic["start"]) == ("CULTURE-X", "Kultuur.", "2017-01-01")
    again = run(data, projects_file, REPO / "mappings" / "keep-interreg-projects.toml", update=True)
    assert again.changes == 0 and again.fields_differing == 0
    partners_again = run(data, partners_file, REPO / "mappings" / "keep-interreg-partners.toml", update=True)
    assert partners_again.fields_differing == 0  # keep.eu's "public" says nothing against "region"
    assert "projects.csv" not in partners_again.files  # the acronym does not take the title's place again
    assert load(data).tables["organisation"].set_index("id").loc["region-orebro", ["type", "source_type"]].tolist() == [
        "region",
        "public",
    ]


# --- membership lists ---------------------------------------------------------------------------------------------

MEMBERS = "Member;Country;Year_of_Joining;Status\nTartu;Eesti;1993;Member\nCiudad Real;España;1999;Former Member\n"
MEMBERS_MAPPING = """
[organisation]
name = "Member"
country = "Country"
type = { value = "municipality" }
[group]
kind = "network"
name = { value = "REVES" }
[relation]
type = "member_of"
since = "Year_of_Joining"
ended = "Status"
"""


def test_a_former_member_gets_until_and_a_joining_year_is_since(tmp_path: Path) -> None:
    data = write_directory(tmp_path / "d", SMALL_FILES)
    source = csv_file(tmp_path, "members.csv", MEMBERS)
    report = run(data, source, MEMBERS_MAPPING)
    assert report.groups_matched == 1 and report.relations_created == 2
    directory = load(data)
    relations = directory.relations
    orgs = directory.tables["organisation"].set_index("name")
    tartu = relations[relations["source"] == orgs.loc["Tartu", "id"]].iloc[0]
    ciudad = relations[relations["source"] == orgs.loc["Ciudad Real", "id"]].iloc[0]
    assert (tartu["since"], tartu["until"]) == ("1993", "")
    assert (ciudad["since"], ciudad["until"]) == ("1999", TODAY.isoformat())
    assert "Former Member" in ciudad["note"]
    assert run(data, source, MEMBERS_MAPPING).changes == 0
    assert run(data, source, MEMBERS_MAPPING, update=True).changes == 0


def test_a_joining_year_is_not_a_dated_contact(tmp_path: Path) -> None:
    data = write_directory(tmp_path / "d", SMALL_FILES)
    run(data, csv_file(tmp_path, "members.csv", MEMBERS), MEMBERS_MAPPING)
    directory = load(data)
    tartu = directory.tables["organisation"].set_index("name").loc["Tartu", "id"]
    found = partners.find_partners(directory, partners.PartnerQuery(top=500), today=TODAY)
    reasons = [partners.describe(r) for c in found if c.id == tartu for r in c.reasons]
    assert reasons and not any("1993" in r for r in reasons)
    index = partners.partner_index(directory)
    assert index.last_contact_text[index.position[tartu]] == ""


# --- the real files ---------------------------------------------------------------------------------------------


@pytest.mark.realdata
@pytest.mark.skipif(not KEEP.is_dir(), reason="../shared/realdata/keep-interreg-2014-2020 is not present")
def test_keep_eu_projects_sheet_enriches_the_partner_import(tmp_path: Path) -> None:
    data = tmp_path / "keep"
    data.mkdir()
    run(data, KEEP / "keep_closed_1420_Partnership.csv", REPO / "mappings" / "keep-interreg-partners.toml")
    report = run(data, KEEP / "keep_closed_1420.xlsx", REPO / "mappings" / "keep-interreg-projects.toml", update=True)
    assert report.rows_read == 1891 and not report.skipped
    assert report.groups_created == 0 and report.groups_matched == 1852
    assert report.fields_filled > 9000 and len(report.update_refused) <= 5
    directory = load(data)
    assert not directory.report.errors
    projects = directory.tables["project"]
    assert (projects["themes"] != "").sum() >= 1800 and (projects["start"] != "").sum() >= 1800
    assert (projects["name"] != projects["acronym"]).sum() > 1300  # 179 projects have no name in keep.eu either
    again = run(
        data,
        KEEP / "keep_closed_1420.xlsx",
        REPO / "mappings" / "keep-interreg-projects.toml",
        update=True,
        dry_run=True,
    )
    assert again.changes == 0


@pytest.mark.realdata
@pytest.mark.skipif(not CORDIS.is_dir(), reason="../shared/realdata/cordis-h2020 is not present")
def test_cordis_names_file_joined_later_renames_pic_rows(tmp_path: Path) -> None:
    """A slice of the participations: imported without the names file, then again with it and --update."""
    head = gzip.open(CORDIS / "h2020.csv.gz", "rt", encoding="utf-8").readlines()[:4001]
    bare = csv_file(tmp_path / "bare", "h2020.csv", "".join(head))
    data = tmp_path / "d"
    data.mkdir()
    mapping = REPO / "mappings" / "cordis-h2020.toml"
    run(data, bare, mapping)
    placeholders = load(data).tables["organisation"]["name"].str.fullmatch(r"PIC \d+").sum()
    named = csv_file(tmp_path / "named", "h2020.csv", "".join(head))
    shutil.copy(CORDIS / "organizations_sample_2023.csv", named.parent)
    report = run(data, named, mapping, update=True)
    assert report.organisations_created == 0 and report.rows_updated > 50
    orgs = load(data).tables["organisation"]
    assert orgs["name"].str.fullmatch(r"PIC \d+").sum() == placeholders - report.rows_updated
    assert set(orgs["type"]) <= set(schema.ORGANISATION_TYPES)
    assert set(orgs["source_type"]) <= {"HES", "REC", "PRC", "PUB", "OTH", ""}


def test_a_type_filled_later_brings_its_source_word_along(tmp_path: Path) -> None:
    data = write_directory(tmp_path / "d", SMALL_FILES)
    run(data, csv_file(tmp_path, "members.csv", TYPES_SOURCE), TYPES_MAPPING)
    later = csv_file(
        tmp_path, "later.csv", "Network,Member,Country,Type\nREVES,Club Atlético,ES,SME\nREVES,Tartu,EE,Sports club\n"
    )
    report = run(data, later, TYPES_MAPPING, update=True)
    assert report.fields_differing == 0  # another source's word for the type is no difference
    orgs = load(data).tables["organisation"].set_index("name")
    assert orgs.loc["Club Atlético", ["type", "source_type"]].tolist() == ["company", "SME"]
    assert orgs.loc["Tartu", ["type", "source_type"]].tolist() == ["municipality", "Municipal Authority"]


@pytest.mark.smoke
def test_name_keys_at_once_equal_name_key_one_by_one() -> None:
    from network.textnorm import name_key, name_keys

    names = [
        "Region Örebro län",
        "The Agricultural Agency",
        "ÆØÅ Ltd",
        "Ελληνική Εταιρεία",
        "  ",
        "",
        "GmbH",
        "Straße e.V.",
        "Łódź Miasto",
        "o\u0308rebro",
        "UNIVERSITAETSKLINIKUM FREIBURG",
    ]
    assert name_keys(names) == [name_key(n) for n in names]


def test_the_write_describes_the_change_from_its_snapshot_as_from_the_files(tmp_path: Path) -> None:
    # run_import hands the save the snapshot its plan was made on, so the change log is not described by parsing the
    # files again; the entry (rows before and after, counts, people) must be the one the files give.
    from network import storage

    source = csv_file(tmp_path / "src", "participations.csv", PARTICIPATIONS)
    csv_file(tmp_path / "src", "names.csv", NAMES)
    folders = []
    for name in ("kept", "read"):
        data = write_directory(tmp_path / name, SMALL_FILES)
        run(data, source, ENRICH_MAPPING)
        (tmp_path / "src" / "names.csv").write_text(NAMES.replace(",Berlin,", ",Potsdam,"), "utf-8")
        folders.append(data)
        if name == "kept":
            report = run(data, source, ENRICH_MAPPING, overwrite=True)
        else:  # the plan, then the save reading the old tables from the files (no snapshot handed on)
            parsed = parse_mapping(tomllib.loads(ENRICH_MAPPING), "m.toml")
            table = importing.read_table(source, delimiter=parsed.delimiter, encoding=parsed.encoding)
            lookups, notes = importing.read_lookups(parsed, source)
            plan = importing.plan_import(
                data, table, parsed, lookups=lookups, notes=notes, today=TODAY, update=True, overwrite=True
            )
            report = importing.commit(plan, actor=EDITOR)
        assert report.written and report.fields_overwritten == 1
        (tmp_path / "src" / "names.csv").write_text(NAMES, "utf-8")

    def entry(data: Path) -> dict:
        found = storage.changes(data, limit=1)[0]
        for key in ("id", "when", "backup"):
            found.pop(key)
        found["details"].pop("seconds", None)
        return found

    kept, read = (entry(d) for d in folders)
    assert kept["changes"] and kept["rows_logged"]
    assert any(c["op"] == "update" and c["after"] == {"city": "Potsdam"} for c in kept["changes"])
    assert kept == read
    files = sorted(p.name for p in folders[0].glob("*.csv"))
    assert files == sorted(p.name for p in folders[1].glob("*.csv"))
    assert all((folders[0] / f).read_bytes() == (folders[1] / f).read_bytes() for f in files)
