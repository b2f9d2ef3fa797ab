"""The import explains itself (issue 12 item 7): Swedish and English headers are guessed from one table of words,
the type preview counts what each source type becomes, and every skipped row has a code for a translation."""

from __future__ import annotations

from pathlib import Path

import pytest
from core_helpers import SMALL_FILES, TODAY, write_directory

from network import importing, messages
from network.import_mapping import HEADER_SYNONYMS, guess_kind, guess_mapping, header_key, parse_mapping

SWEDISH = ["Namn", "Land", "Roll", "Nätverk", "Typ", "Webbplats", "Ort", "E-post", "Medlem sedan"]
ENGLISH = ["Name", "Country", "Role", "Network", "Type", "Website", "City", "E-mail", "Member since"]


@pytest.mark.parametrize("header", [SWEDISH, ENGLISH, [h.upper() + ":" for h in SWEDISH]])
def test_swedish_and_english_headers_are_guessed(header: list[str]) -> None:
    assert guess_kind(header) == "network"
    guessed = guess_mapping(header, "network")
    name, country, role, network, kind, website, city, email, since = header
    assert guessed["organisation"] == {
        "name": name,
        "country": country,
        "type": kind,
        "website": website,
        "city": city,
        "email": email,
    }
    assert guessed["group"] == {"kind": "network", "name": network}
    assert guessed["relation"] == {"role": role, "since": since, "type": "member_of"}
    parse_mapping(guessed)  # a complete mapping: nothing left for the person to fill in


def test_the_kind_is_a_project_unless_the_header_speaks_of_networks() -> None:
    assert guess_kind(["Projekt", "Organisation", "Land"]) == "project"
    assert guess_kind(["Organisation", "Land"]) == "project"
    assert guess_kind(["Organisation", "Land", "Nätverk", "Projekt"]) == "project"
    assert guess_kind(["Organisation", "Land", "Nätverk"]) == "network"
    guessed = guess_mapping(["Projekt", "Organisation", "Land", "Program"], "project")
    assert guessed["group"]["name"] == "Projekt" and guessed["organisation"]["name"] == "Organisation"
    assert guessed["group"]["key"] == ["Program", "Projekt"]


def test_the_table_holds_each_word_once_per_field() -> None:
    for field, words in HEADER_SYNONYMS.items():
        keys = [header_key(w) for w in words]
        assert len(keys) == len(set(keys)), field
    assert header_key("Nätverk:") == header_key("natverk") == "natverk"
    assert header_key("E-post") == header_key("e_post") == "epost"


SOURCE = (
    "Namn;Land;Roll;Nätverk;Typ\n"
    "Kulturföreningen Ett;SE;medlem;REVES;Förening\n"
    "Kommun Två;SE;medlem;REVES;Kommun\n"
    "Kommun Tre;SE;medlem;REVES;kommun\n"
    "Okänd Fyra;Sverige?;medlem;REVES;Kommun\n"
    "Konstig Fem;DE;medlem;REVES;Något helt annat\n"
    "Tom Sex;DE;medlem;REVES;\n"
    ";SE;medlem;REVES;Kommun\n"
).encode()


def _plan(tmp_path: Path) -> tuple[importing.ForeignTable, importing.ImportPlan]:
    table = importing.read_table(SOURCE, "medlemmar.csv")
    mapping = parse_mapping(guess_mapping(table.header, guess_kind(table.header)))
    data = write_directory(tmp_path / "data", SMALL_FILES)
    return table, importing.plan_import(data, table, mapping, today=TODAY, match="off")


def test_the_type_preview_counts_each_value_and_shows_the_unknown_ones(tmp_path: Path) -> None:
    table = importing.read_table(SOURCE, "medlemmar.csv")
    mapping = parse_mapping(guess_mapping(table.header, "network"))
    readings = {(r.raw, r.type, r.known): r.rows for r in importing.type_preview(table, mapping)}
    assert readings == {
        ("Kommun", "municipality", True): 3,
        ("kommun", "municipality", True): 1,
        ("Förening", "association", True): 1,
        ("Något helt annat", "other", False): 1,
        ("", "other", False): 1,
    }
    assert sum(readings.values()) == len(table.frame)
    no_type = parse_mapping(
        {**guess_mapping(table.header, "network"), "organisation": {"name": "Namn", "country": "Land"}}
    )
    assert importing.type_preview(table, no_type) == []


def test_every_skipped_row_has_a_code_and_its_parameters(tmp_path: Path) -> None:
    _, plan = _plan(tmp_path)
    skipped = {s.row: s for s in plan.report.skipped}
    assert sorted(skipped) == [5, 8]
    assert skipped[5].code == "import.not-a-country" and dict(skipped[5].params) == {
        "columns": "Land",
        "value": "Sverige?",
    }
    assert skipped[5].reason == "'Sverige?' in Land is not a country"
    assert skipped[8].code == "import.no-organisation-name" and dict(skipped[8].params) == {"columns": "Namn"}
    for row in skipped.values():  # the English template with the parameters is the reason itself
        assert messages.english(row.code, row.params) == row.reason
    assert plan.report.to_dict()["skipped"][0]["code"] == "import.not-a-country"
