"""Consortium rules as data and the consortium check: each rule with a consortium that just passes and one that just
fails (see ``partners_data`` for the directory)."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from network import load_directory
from network.errors import NotFoundError, UsageError
from network.partners import describe
from network.rules import (
    MET,
    NOT_MET,
    UNKNOWN,
    Member,
    check_consortium,
    country_groups,
    parse_member,
    programme_rules,
    render,
    rule_for,
)
from partners_data import EU, FILES, PROGRAMME_HEADER, TODAY, load, write


@pytest.fixture(scope="module")
def directory(tmp_path_factory: pytest.TempPathFactory):
    return load(write(tmp_path_factory.mktemp("rules")))


def check(directory, programme: str, *members: str, today: dt.date = TODAY):
    return check_consortium(directory, programme, [parse_member(m) for m in members], today=today)


def status(result, code: str) -> str:
    finding = result.finding(code)
    assert finding is not None, [f.code for f in result.findings]
    return finding.status


def text(result, code: str) -> str:
    return describe(result.finding(code).sentence)


def fix(result, code: str) -> str:
    return describe(result.finding(code).fix)


# --- rules from the data ---------------------------------------------------------------------------------------


def test_the_test_directory_loads_without_errors(directory) -> None:
    assert not directory.report.errors, [str(p) for p in directory.report.errors]


def test_rule_read_from_the_row(directory) -> None:
    rule = rule_for(directory, "ce-small")
    assert (rule.min_partners, rule.min_countries, rule.min_eu_countries) == (3, 3, None)
    assert rule.eligible_group == "creative" and rule.coordinator_min_age_years == 2 and rule.max_months == 48
    assert rule.counted_roles == ("coordinator", "partner")
    assert rule.call == "CREA-CULT-2025-COOP-1" and rule.reference == "https://culture.ec.europa.eu/calls"
    assert rule_for(directory, "erasmus-ka220").counted_roles == ("coordinator", "partner"), "empty means the default"


def test_only_programmes_with_a_rule_are_listed(directory) -> None:
    ids = [r.programme for r in programme_rules(directory)]
    assert "regional-grant" not in ids
    assert set(ids) == {"ce-small", "erasmus-ka220", "horizon-ria", "interreg-europe", "cerv-tt"}


def test_unknown_programme_and_wrong_kind(directory) -> None:
    with pytest.raises(NotFoundError) as raised:
        rule_for(directory, "ce-smal")
    assert "ce-small" in raised.value.suggestions
    with pytest.raises(UsageError, match="not a programme"):
        rule_for(directory, "teatro-sur")


def test_country_groups_from_the_file_and_built_in(directory) -> None:
    groups = country_groups(directory)
    assert "RS" in groups["creative"].countries and "TR" not in groups["creative"].countries
    assert len(groups["eu"].countries) == 27 and groups["eu"].builtin
    assert {"IS", "LI", "NO"} <= groups["eu+eea"].countries


def test_parse_member() -> None:
    assert parse_member("Teatro-Sur:Coordinator") == Member("teatro-sur", "coordinator")
    assert parse_member("teatro-sur") == Member("teatro-sur", "partner")
    with pytest.raises(UsageError, match="not a role"):
        parse_member("teatro-sur:lead")


# --- countries -------------------------------------------------------------------------------------------------


def test_min_countries_just_met(directory) -> None:
    result = check(directory, "ce-small", "region-orebro:coordinator", "teatro-sur", "danshuset-oslo")
    assert status(result, "min-countries") == MET
    assert text(result, "min-countries") == "3 of 3 countries (Norway, Spain, Sweden)."
    assert status(result, "min-partners") == MET
    assert result.eligible


def test_min_countries_just_not_met_two_partners_from_one_country(directory) -> None:
    result = check(directory, "ce-small", "region-orebro:coordinator", "teatro-sur", "flamenco-sevilla")
    assert status(result, "min-partners") == MET, "three partners ..."
    assert status(result, "min-countries") == NOT_MET, "... but only two countries"
    assert text(result, "min-countries") == "2 of 3 countries (Spain, Sweden)."
    assert fix(result, "min-countries") == "Add one partner from another eligible country."
    assert not result.eligible


def test_min_partners_and_a_fix_for_two_missing(directory) -> None:
    result = check(directory, "ce-small", "region-orebro:coordinator")
    assert text(result, "min-partners") == "1 of 3 partners that count (coordinator and partner)."
    assert fix(result, "min-partners") == "Add 2 more partners from eligible countries."
    assert fix(result, "min-countries") == "Add partners from 2 more eligible countries."


def test_more_than_required_reads_naturally(directory) -> None:
    result = check(directory, "ce-small", "region-orebro:coordinator", "teatro-sur", "danshuset-oslo", "comune-x")
    assert text(result, "min-countries") == "4 countries (Italy, Norway, Spain, Sweden); at least 3 needed."


# --- associated partners do not count ---------------------------------------------------------------------------


def test_associated_partner_is_not_counted(directory) -> None:
    counted = check(directory, "ce-small", "region-orebro:coordinator", "teatro-sur", "danshuset-oslo")
    associated = check(directory, "ce-small", "region-orebro:coordinator", "teatro-sur", "danshuset-oslo:associated")
    assert counted.eligible
    assert not associated.eligible
    assert text(associated, "min-partners") == "2 of 3 partners that count (coordinator and partner)."
    assert text(associated, "min-countries") == "2 of 3 countries (Spain, Sweden)."
    assert "danshuset-oslo" not in associated.counted
    assert text(associated, "not-counted") == (
        "Only coordinator and partner count toward the minimums; these do not: Danshuset Oslo (Norway)."
    )


def test_associated_partner_from_outside_the_group_is_allowed(directory) -> None:
    result = check(
        directory, "ce-small", "region-orebro:coordinator", "teatro-sur", "danshuset-oslo", "dance-usa:associated"
    )
    assert result.eligible
    assert status(result, "eligible-countries") == MET


# --- ineligible countries ----------------------------------------------------------------------------------------


def test_ineligible_country_fails_where_outside_countries_are_excluded(directory) -> None:
    result = check(directory, "ce-small", "region-orebro:coordinator", "teatro-sur", "danshuset-oslo", "dance-usa")
    assert status(result, "eligible-countries") == NOT_MET
    assert text(result, "eligible-countries") == (
        "Not in an eligible country (Creative Europe countries): Dance USA (United States)."
    )
    assert "associated partners" in fix(result, "eligible-countries")
    assert status(result, "min-countries") == MET, "the three eligible countries are still counted"


def test_outside_partner_takes_part_but_does_not_count_where_the_rule_says_so(directory) -> None:
    result = check(directory, "erasmus-ka220", "region-orebro:coordinator", "teatro-sur", "dance-usa")
    assert status(result, "min-countries") == NOT_MET
    assert text(result, "min-countries") == "2 of 3 countries (Spain, Sweden)."
    assert result.finding("eligible-countries") is None or status(result, "eligible-countries") == MET
    assert "Dance USA (United States)" in text(result, "not-counted-outside")
    passing = check(directory, "erasmus-ka220", "region-orebro:coordinator", "teatro-sur", "istanbul-dans", "dance-usa")
    assert passing.eligible, "Türkiye is associated to Erasmus+; the US partner may join without counting"


# --- EU member states --------------------------------------------------------------------------------------------


def test_min_eu_countries_just_not_met_and_just_met(directory) -> None:
    failing = check(directory, "horizon-ria", "danshuset-oslo:coordinator", "london-dance", "beograd-ples")
    assert status(failing, "min-countries") == MET
    assert status(failing, "min-eu-countries") == NOT_MET
    assert text(failing, "min-eu-countries") == "0 of 1 EU member states (–)."
    assert fix(failing, "min-eu-countries") == "Add one partner from another EU member state."
    passing = check(directory, "horizon-ria", "danshuset-oslo:coordinator", "london-dance", "teatro-sur")
    assert status(passing, "min-eu-countries") == MET
    assert passing.eligible


def test_min_eu_partners_counts_partners_not_countries(directory) -> None:
    failing = check(directory, "interreg-europe", "region-orebro:coordinator", "danshuset-oslo", "geneve-ville")
    assert status(failing, "min-eu-partners") == NOT_MET
    assert text(failing, "min-eu-partners") == "1 of 2 partners in EU member states."
    assert fix(failing, "min-eu-partners") == "Add one more partner from an EU member state."
    passing = check(directory, "interreg-europe", "region-orebro:coordinator", "kultur-wien", "geneve-ville")
    assert status(passing, "min-eu-partners") == MET
    assert passing.eligible


# --- the coordinator ---------------------------------------------------------------------------------------------


def test_coordinator_type_not_met(directory) -> None:
    result = check(directory, "interreg-europe", "teatro-sur:coordinator", "region-orebro", "kultur-wien")
    assert status(result, "coordinator-type") == NOT_MET
    assert text(result, "coordinator-type") == (
        "The coordinator must be a region, municipality or public body: Teatro del Sur is an ngo."
    )
    assert fix(result, "coordinator-type") == (
        "Choose a coordinator that is a region, municipality or public body, and make Teatro del Sur a partner."
    )
    swapped = check(directory, "interreg-europe", "region-orebro:coordinator", "teatro-sur", "kultur-wien")
    assert status(swapped, "coordinator-type") == MET and swapped.eligible


def test_no_coordinator_and_two_coordinators(directory) -> None:
    none = check(directory, "ce-small", "region-orebro", "teatro-sur", "danshuset-oslo")
    assert status(none, "coordinator") == NOT_MET and text(none, "coordinator") == "There is no coordinator."
    two = check(directory, "ce-small", "region-orebro:coordinator", "teatro-sur:coordinator", "danshuset-oslo")
    assert status(two, "coordinator") == NOT_MET
    assert "Region Örebro län (Sweden), Teatro del Sur (Spain)" in text(two, "coordinator")


def test_coordinator_country_must_be_in_the_coordinator_group(directory) -> None:
    result = check(directory, "erasmus-ka220", "dance-usa:coordinator", "teatro-sur", "istanbul-dans", "region-orebro")
    assert status(result, "coordinator-country") == NOT_MET
    assert text(result, "coordinator-country") == (
        "The coordinator must be in Erasmus+ programme countries: Dance USA is in United States."
    )


@pytest.mark.parametrize(("today", "expected"), [(dt.date(2026, 6, 30), MET), (dt.date(2026, 6, 29), NOT_MET)])
def test_coordinator_age_just_met_and_just_not_met(directory, today: dt.date, expected: str) -> None:
    """Tanz Berlin was founded in June 2024 ("2024-06" counts as the 30th): two years old on 2026-06-30."""
    result = check(directory, "ce-small", "tanz-berlin:coordinator", "teatro-sur", "danshuset-oslo", today=today)
    assert status(result, "coordinator-age") == expected
    assert "founded in 2024-06" in text(result, "coordinator-age")


def test_coordinator_age_unknown_without_a_founding_date(tmp_path: Path) -> None:
    files = dict(FILES)
    files["organisations.csv"] = files["organisations.csv"].replace(
        "teatro-sur,Teatro del Sur,ngo,ES,Sevilla,2010", "teatro-sur,Teatro del Sur,ngo,ES,Sevilla,"
    )
    directory = load(write(tmp_path, files))
    result = check(directory, "ce-small", "teatro-sur:coordinator", "region-orebro", "danshuset-oslo")
    assert status(result, "coordinator-age") == UNKNOWN
    assert result.eligible, "an unknown is a reminder, not a failure"
    assert "no founding date for Teatro del Sur" in text(result, "coordinator-age")


# --- partner types -----------------------------------------------------------------------------------------------


def test_partner_types(directory) -> None:
    passing = check(directory, "cerv-tt", "kultur-wien:coordinator", "comune-x")
    assert passing.eligible
    failing = check(directory, "cerv-tt", "kultur-wien:coordinator", "teatro-sur")
    assert status(failing, "partner-types") == NOT_MET
    assert text(failing, "partner-types") == "Only municipality may take part; not allowed: Teatro del Sur (Spain)."


# --- bad input ---------------------------------------------------------------------------------------------------


def test_members_must_be_known_organisations_listed_once(directory) -> None:
    with pytest.raises(NotFoundError):
        check(directory, "ce-small", "no-such-org")
    with pytest.raises(UsageError, match="organisations"):
        check(directory, "ce-small", "anna-exempel")
    with pytest.raises(UsageError, match="twice"):
        check(directory, "ce-small", "teatro-sur", "teatro-sur:coordinator")


def test_unknown_group_is_a_warning_and_the_check_says_it_cannot_tell(tmp_path: Path) -> None:
    files = dict(FILES)
    files["programmes.csv"] = PROGRAMME_HEADER + "p1,P1,other,,3,3,,,creativ,,,,,,,,,,,\n"
    directory = load(write(tmp_path, files))
    warnings = [p for p in directory.report.warnings if p.code == "unknown-group"]
    assert len(warnings) == 1 and "Did you mean 'creative'?" in warnings[0].message
    result = check(directory, "p1", "teatro-sur:coordinator")
    assert status(result, "group-unknown") == UNKNOWN


def test_group_file_problems_are_reported(tmp_path: Path) -> None:
    files = dict(FILES)
    files["country_groups.csv"] = (
        "group,name,countries\n"
        f"creative,Creative,{EU}\n"
        "creative,Again,SE\n"
        "broken,Broken,SE|XX\n"
        "eu+eea,EU and EEA,el|uk|se\n"
        "Bad Id!,Bad,SE\n"
    )
    files["programmes.csv"] = PROGRAMME_HEADER + "p1,P1,other,,3,3,,,eu+eea,nowhere,theatre|teater,,,,,lead,,,,\n"
    directory = load(write(tmp_path, files))
    found = {(p.file, p.row, p.column, p.code, p.severity) for p in directory.report.problems}
    assert ("country_groups.csv", 4, "countries", "bad-country", "error") in found
    assert ("country_groups.csv", 3, "group", "duplicate-id", "error") in found
    assert ("country_groups.csv", 6, "group", "bad-id", "error") in found
    assert ("programmes.csv", 2, "outside_countries", "unknown-value", "error") in found
    assert ("programmes.csv", 2, "counted_roles", "unknown-value", "error") in found
    assert ("programmes.csv", 2, "partner_types", "unknown-value", "warning") in found
    assert country_groups(directory)["eu+eea"].countries == {"GR", "GB", "SE"}, "EL and UK are normalised"


def test_without_a_group_file_the_built_in_groups_still_work(tmp_path: Path) -> None:
    files = {k: v for k, v in FILES.items() if k != "country_groups.csv"}
    files["programmes.csv"] = PROGRAMME_HEADER + "p1,P1,other,,2,2,,,eu,,,,,,,,,,,\n"
    directory = load_directory(write(tmp_path, files), today=TODAY)
    assert not [p for p in directory.report.problems if p.code == "unknown-group"]
    result = check(directory, "p1", "region-orebro:coordinator", "teatro-sur")
    assert result.eligible
    assert not check(directory, "p1", "region-orebro:coordinator", "danshuset-oslo").eligible


def test_render_falls_back_to_english_and_swedish_templates_fill_in(directory) -> None:
    result = check(directory, "ce-small", "region-orebro:coordinator", "teatro-sur", "flamenco-sevilla")
    sentence = result.finding("min-countries").sentence
    swedish = {"min-countries": "{count} av {required} länder ({countries})."}
    assert render(sentence, swedish, "sv") == "2 av 3 länder (Spanien, Sverige)."
    assert (
        render(result.finding("min-countries").fix, swedish, "sv", fallback=None)
        == "Add one partner from another eligible country."
    )
