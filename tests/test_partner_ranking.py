"""Ranking at scale: programme lineage, themes from evidence, ties broken by evidence, the new filters, paging.

Each test builds a tiny directory without a home organisation (so reach and shared networks are zero for everyone)
where two organisations differ in exactly one thing; the one that should win has the id that sorts *last*, so a
ranking that fell back to ids (alphabetical, for imported organisations) would fail.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from network import load_directory
from network.errors import UsageError
from network.partner_evidence import experience_programmes
from network.partners import PartnerQuery, describe, find_partners, find_partners_page, partner_index
from network.themes import resolve

TODAY = dt.date(2026, 1, 15)
PROGRAMMES = (
    "id,name,family,lineage,themes\n"
    "h2020-sc6,Horizon 2020 SC6,horizon-2020,horizon,culture|inclusion\n"
    "he-ria,Horizon Europe RIA,horizon-europe,horizon,\n"
    "grant,Regional grant,other,,\n"
    "other-grant,Another grant,other,,\n"
    "ie-1420,2014 - 2020 INTERREG EUROPE,interreg,interreg-europe,\n"
    "ie,Interreg Europe,interreg,interreg-europe,\n"
    "efc,Europe for Citizens,europe-for-citizens,citizens,\n"
    "cerv,CERV town twinning,cerv,citizens,\n"
)


def make(
    tmp_path: Path,
    orgs: list[str],
    projects: list[str] = (),
    partners: list[str] = (),
    networks: str = "id,name,type,themes\n",
    more_relations: list[str] = (),
):
    """orgs: "id,name,country,nuts,themes"; projects: "id,name,programme,status,start,end,themes";
    partners: "org,project,role"."""
    files = {
        "organisations.csv": "id,name,type,country,nuts,themes\n"
        + "".join(f"{o.split(',')[0]},{o.split(',')[1]},ngo,{','.join(o.split(',')[2:])}\n" for o in orgs),
        "projects.csv": "id,name,programme,status,start,end,themes\n" + "".join(p + "\n" for p in projects),
        "programmes.csv": PROGRAMMES,
        "networks.csv": networks,
        "relations.csv": "source,relation,target,role\n"
        + "".join(f"{p.split(',')[0]},partner_in,{p.split(',')[1]},{p.split(',')[2]}\n" for p in partners)
        + "".join(r + "\n" for r in more_relations),
    }
    for name, text in files.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    directory = load_directory(tmp_path, today=TODAY)
    assert not directory.report.errors, directory.report.errors
    return directory


def find(directory, **options):
    options.setdefault("top", 20)
    return find_partners(directory, PartnerQuery(**options), today=TODAY)


def ids(found) -> list[str]:
    return [c.id for c in found]


def words(found, org: str) -> list[str]:
    return [describe(r) for r in next(c for c in found if c.id == org).reasons]


# --- lineage ---------------------------------------------------------------------------------------------------


def test_experience_counts_across_the_lineage_and_says_which_programme(tmp_path: Path) -> None:
    d = make(
        tmp_path,
        ["a-new,New,DE,,", "z-h2020,Old hand,FR,,"],
        ["p1,Heritage Lab,h2020-sc6,completed,2018,2021,", "p2,Grant project,grant,completed,2020,2021,"],
        ["z-h2020,p1,coordinator", "a-new,p2,partner"],
    )
    assert experience_programmes(partner_index(d).programmes, "he-ria") == {"he-ria", "h2020-sc6"}
    found = find(d, programme="he-ria")
    assert ids(found) == ["z-h2020", "a-new"]
    assert (
        "Partner in a Horizon 2020 project, the programme before Horizon Europe: Heritage Lab (Horizon 2020 "
        "SC6)." in words(found, "z-h2020")
    )


def test_family_other_does_not_make_programmes_one(tmp_path: Path) -> None:
    """The shipped CORDIS mapping once gave H2020 the family "other": its projects then counted for a regional
    grant. A grant counts only its own projects now, and H2020 ones never."""
    d = make(
        tmp_path,
        ["a-grant,Grantee,DE,,", "z-h2020,Old hand,FR,,"],
        [
            "p1,Heritage Lab,h2020-sc6,completed,2018,2021,",
            "p2,Other grant project,other-grant,completed,,,",
            "p3,Grant project,grant,completed,2020,2021,",
        ],
        ["z-h2020,p1,partner", "z-h2020,p2,partner", "a-grant,p3,partner"],
    )
    assert experience_programmes(partner_index(d).programmes, "grant") == {"grant"}
    found = find(d, programme="grant")
    assert ids(found) == ["a-grant", "z-h2020"]
    assert not any("Horizon" in w or "earlier" in w for w in words(found, "z-h2020"))


def test_interreg_and_citizens_lineages(tmp_path: Path) -> None:
    d = make(
        tmp_path,
        ["a,A,DE,,", "z,Z,FR,,"],
        ["p1,Town twinning 2019,efc,completed,2019,2019,", "p2,Interreg project,ie-1420,completed,2016,2019,"],
        ["z,p1,partner", "z,p2,partner"],
    )
    assert "cerv" in experience_programmes(partner_index(d).programmes, "efc") and "ie-1420" in experience_programmes(
        partner_index(d).programmes, "ie"
    )
    assert ids(find(d, programme="cerv")) == ["z", "a"]
    said = words(find(d, programme="cerv"), "z")
    assert "Partner in a Europe for Citizens project, the programme before CERV: Town twinning 2019." in said
    assert "Partner in an earlier Interreg project: Interreg project (2014 - 2020 INTERREG EUROPE)." in words(
        find(d, programme="ie"), "z"
    )


# --- themes from evidence ----------------------------------------------------------------------------------------


def test_the_vocabulary_understands_swedish_and_synonyms() -> None:
    assert resolve("dans") == ("dance",)
    assert resolve("Kultur") == ("culture",)
    assert resolve("kulturarv") == ("cultural-heritage", "heritage")
    assert resolve("barn och unga") == ("children-youth",)
    assert resolve("something else") == ("something-else",)


def test_each_theme_says_where_it_came_from(tmp_path: Path) -> None:
    d = make(
        tmp_path,
        [
            "a-topic,Arts Centre,DE,,",
            "b-text,Dansens Hus,SE,,",
            "c-programme,Institute,FR,,",
            "d-network,Coop,IT,,",
            "e-none,Travail dans la ville,FR,,",
        ],
        ["p1,Moving Bodies,grant,completed,2020,2021,dance", "p2,Heritage Lab,h2020-sc6,completed,2018,2021,"],
        ["a-topic,p1,partner", "c-programme,p2,partner"],
        networks="id,name,type,themes\nreves,REVES,association,social-economy|dance\n",
        more_relations=["d-network,member_of,reves,"],
    )
    found = find(d, themes=("dans",))
    assert set(ids(found)) == {"a-topic", "b-text", "d-network"}  # French "dans" ("in") is not dance
    assert "Works on dance: a topic of its project Moving Bodies." in words(found, "a-topic")
    assert "Works on dance: its name or description says \u201cDansens\u201d." in words(found, "b-text")
    assert "Works on dance: member of REVES, a network on it." in words(found, "d-network")
    culture = find(d, themes=("culture",))
    assert "Works on culture: its project Heritage Lab was funded by Horizon 2020 SC6, which is about it." in words(
        culture, "c-programme"
    )
    assert "e-none" not in ids(culture)


def test_more_projects_on_the_theme_rank_higher(tmp_path: Path) -> None:
    d = make(
        tmp_path,
        ["a,A,DE,,", "z,Z,FR,,"],
        [
            "p1,Dance one,grant,completed,2020,2021,",
            "p2,Dance two,grant,completed,2020,2021,",
            "p3,Dance three,grant,completed,2020,2021,",
        ],
        ["a,p1,partner", "z,p2,partner", "z,p3,partner"],
    )
    found = find(d, themes=("dance",))
    assert ids(found) == ["z", "a"] and found[0].parts["theme"] > found[1].parts["theme"]
    assert "2 of its projects are about the themes asked." in words(found, "z")


# --- ties broken by evidence, never by name ------------------------------------------------------------------------


def test_tie_relevant_projects(tmp_path: Path) -> None:
    d = make(
        tmp_path,
        ["a,A,DE,,dance", "z,Z,FR,,dance"],
        [
            "p1,Dance one,grant,completed,2020,2021,dance",
            "p2,Dance two,grant,completed,2020,2021,dance",
            "p3,Dance three,grant,completed,2020,2021,dance",
        ],
        ["a,p1,partner", "z,p2,partner", "z,p3,partner"],
    )
    found = find(d, themes=("dance",))
    assert found[0].score == found[1].score and ids(found) == ["z", "a"]


def test_tie_coordinator_experience(tmp_path: Path) -> None:
    d = make(
        tmp_path,
        ["a,A,DE,,", "z,Z,FR,,"],
        ["p1,One,grant,completed,2020,2021,", "p2,Two,grant,completed,2020,2021,"],
        ["a,p1,partner", "z,p2,coordinator"],
    )
    found = find(d)
    assert found[0].score == found[1].score and ids(found) == ["z", "a"]
    assert "Coordinated a funded project." in words(found, "z")


def test_tie_recency(tmp_path: Path) -> None:
    d = make(
        tmp_path,
        ["a,A,DE,,", "z,Z,FR,,"],
        ["p1,Old,grant,completed,2016,2018,", "p2,New,grant,completed,2022,2024,"],
        ["a,p1,partner", "z,p2,partner"],
    )
    found = find(d)
    assert found[0].score == found[1].score and ids(found) == ["z", "a"]


def test_tie_programme_experience(tmp_path: Path) -> None:
    """Both have the full programme part (2 or more projects); the one with more projects comes first."""
    projects = [f"p{i},P{i},grant,completed,,," for i in range(5)]
    d = make(
        tmp_path,
        ["a,A,DE,,dance", "z,Z,FR,,dance"],
        projects,
        ["a,p0,partner", "a,p1,partner", "z,p2,partner", "z,p3,partner", "z,p4,partner"],
    )
    found = find(d, programme="grant", themes=("dance",))
    assert found[0].score == found[1].score and ids(found) == ["z", "a"]


def test_without_any_evidence_ties_fall_back_to_id(tmp_path: Path) -> None:
    d = make(tmp_path, ["b,B,DE,,", "a,A,FR,,"])
    assert ids(find(d)) == ["a", "b"]


# --- filters and paging ----------------------------------------------------------------------------------------


@pytest.fixture()
def spread(tmp_path: Path):
    return make(
        tmp_path,
        ["a-orebro,A,SE,SE124,", "b-berlin,B,DE,DE300,", "c-stockholm,C,SE,SE110,", "d-none,D,FR,,"],
        ["p1,One,ie-1420,completed,2015,2017,", "p2,Two,grant,completed,2021,2023,", "p3,Idea,ie,idea,2027,2029,"],
        ["a-orebro,p1,coordinator", "b-berlin,p2,partner", "c-stockholm,p3,partner"],
    )


def test_nuts_filter_takes_a_code_or_its_start(spread) -> None:
    assert set(ids(find(spread, nuts=("se1",)))) == {"a-orebro", "c-stockholm"}
    assert set(ids(find(spread, nuts=("SE12", "DE3")))) == {"a-orebro", "b-berlin"}
    with pytest.raises(UsageError, match="NUTS"):
        find(spread, nuts=("Örebro",))


def test_experience_and_coordinator_filters(spread) -> None:
    assert ids(find(spread, programme="ie", experienced=True)) == ["a-orebro"]  # a project idea is no experience
    assert set(ids(find(spread, experienced=True))) == {"a-orebro", "b-berlin"}  # no programme: any funded project
    assert ids(find(spread, coordinators=True)) == ["a-orebro"]


def test_period_filter(spread) -> None:
    assert ids(find(spread, since=2020)) == ["b-berlin"]
    assert ids(find(spread, until=2016)) == ["a-orebro"]
    assert set(ids(find(spread, since=2016, until=2022))) == {"a-orebro", "b-berlin"}
    with pytest.raises(UsageError, match="period"):
        find(spread, since=2022, until=2020)


def test_pages_go_beyond_the_first_and_count_all(spread) -> None:
    everyone = ids(find(spread, top=50))
    page = find_partners_page(spread, PartnerQuery(top=2, offset=2), today=TODAY)
    assert page.total == 4 and ids(page.candidates) == everyone[2:4]
    assert find_partners_page(spread, PartnerQuery(top=2, offset=4), today=TODAY).candidates == []
