"""The partner finder: ranking, the reasons in words, eligibility, weights, determinism, suggestions (see
``partners_data`` for the directory and why each organisation ranks where it does)."""

from __future__ import annotations

from pathlib import Path

import pytest

from core_helpers import EDITOR
from network import load_directory
from network.access import Actor
from network.consortium import graph_nodes, member_table, project_rows, save_as_project
from network.errors import ConflictError, NotFoundError, UsageError
from network.partners import (
    Candidate,
    PartnerQuery,
    Weights,
    describe,
    find_partners,
    partner_index,
    split_themes,
    suggest_fixes,
    way_from_home,
    with_weights,
)
from network.rules import Member, check_consortium, parse_member
from partners_data import FILES, TODAY, load, write


@pytest.fixture(scope="module")
def directory(tmp_path_factory: pytest.TempPathFactory):
    return load(write(tmp_path_factory.mktemp("partners")))


def find(directory, **options) -> list[Candidate]:
    options.setdefault("top", 20)
    return find_partners(directory, PartnerQuery(**options), today=TODAY)


def ids(found: list[Candidate]) -> list[str]:
    return [c.id for c in found]


def reasons(found: list[Candidate], org: str) -> list[str]:
    return [describe(r) for r in next(c for c in found if c.id == org).reasons]


# --- the reasons, in words ----------------------------------------------------------------------------------------


def test_reach_through_a_person_who_knows_the_director(directory) -> None:
    found = find(directory, programme="ce-small", themes=("dance",))
    assert "Via Anna Exempel, who knows Pedro Ruiz (Director) there." in reasons(found, "teatro-sur")
    assert "Works on dance." in reasons(found, "teatro-sur")
    teatro = next(c for c in found if c.id == "teatro-sur")
    assert teatro.path == ("region-orebro", "anna-exempel", "pedro-ruiz", "teatro-sur") and teatro.distance == 3


def test_earlier_projects_in_the_same_programme_count_only_when_funded(directory) -> None:
    found = find(directory, programme="ce-small", themes=("dance",))
    assert "Partner in an earlier Creative Europe project: DB." in reasons(found, "tanz-berlin")
    assert not any("earlier" in r for r in reasons(found, "ljubljana-lab")), "a project idea is not a project"
    assert "Reachable via Dance Bridges (project) (2 steps from Region Örebro län)." in reasons(found, "tanz-berlin")


def test_shared_networks_and_direct_links(directory) -> None:
    found = find(directory, programme="ce-small", themes=("social-economy",))
    assert "Shares a network with Region Örebro län: REVES." in reasons(found, "comune-x")
    found = find(directory, programme="ce-small", themes=("dance",))
    assert "Directly linked to KIS (collaborates with)." in reasons(found, "ljubljana-lab"), (
        "the region's unit counts as the region"
    )


def test_related_theme_recency_and_new_country(directory) -> None:
    found = find(directory, programme="ce-small", themes=("dance",))
    ljubljana = reasons(found, "ljubljana-lab")
    assert "Related themes: contemporary-dance." in ljubljana
    assert "Last dated contact 2025-06-01." in ljubljana
    assert "Adds a country the consortium lacks: Slovenia." in ljubljana
    assert "No known way to reach it within 3 steps." in reasons(found, "alpha-dans")


def test_old_contact_is_flagged_in_words(directory) -> None:
    found = find(directory, themes=("theatre",))
    assert "Latest dated contact 2023-01-10: check that it is still current." in reasons(found, "kultur-wien")


def test_reasons_are_ordered_by_their_points(directory) -> None:
    teatro = next(c for c in find(directory, programme="ce-small", themes=("dance",)) if c.id == "teatro-sur")
    points = {"theme": teatro.parts["theme"], "reach": teatro.parts["reach"]}
    assert teatro.reasons[0].code == "theme" and points["theme"] > points["reach"]


# --- the ranking -------------------------------------------------------------------------------------------------


def test_ranking_and_ties_broken_by_id(directory) -> None:
    found = find(directory, programme="ce-small", themes=("dance",))
    assert ids(found) == [
        "danshuset-oslo",
        "tanz-berlin",
        "teatro-sur",
        "ljubljana-lab",
        "alpha-dans",
        "beograd-ples",
        "beta-dans",
        "flamenco-sevilla",
    ]
    assert found[0].score == found[1].score, "Oslo and Berlin tie; ids decide"
    assert found[4].score == found[5].score == found[6].score == found[7].score


def test_same_inputs_same_ranking_also_on_a_fresh_load(directory, tmp_path: Path) -> None:
    first = [(c.id, c.score, c.reasons) for c in find(directory, programme="ce-small", themes=("dance",))]
    again = load(write(tmp_path))
    second = [(c.id, c.score, c.reasons) for c in find(again, programme="ce-small", themes=("dance",))]
    assert first == second


def test_file_order_does_not_change_the_ranking(directory, tmp_path: Path) -> None:
    files = dict(FILES)
    header, *rows = files["organisations.csv"].strip().split("\n")
    files["organisations.csv"] = "\n".join([header, *reversed(rows)]) + "\n"
    header, *rows = files["relations.csv"].strip().split("\n")
    files["relations.csv"] = "\n".join([header, *reversed(rows)]) + "\n"
    shuffled = load(write(tmp_path, files))
    query = dict(programme="ce-small", themes=("dance",))
    assert [(c.id, c.score, c.path) for c in find(shuffled, **query)] == [
        (c.id, c.score, c.path) for c in find(directory, **query)
    ]


def test_weights_change_the_ranking_and_are_checked(directory) -> None:
    default = ids(find(directory, programme="ce-small", themes=("dance",)))
    reach_only = ids(
        find(
            directory,
            programme="ce-small",
            themes=("dance",),
            weights=Weights(theme=0, programme=0, networks=0, reach=1, recency=0, new_country=0),
        )
    )
    assert reach_only[0] == "ljubljana-lab", "the only one directly linked"
    assert default[0] != reach_only[0]
    with pytest.raises(UsageError, match="weight theme"):
        Weights(theme=-1)
    query = with_weights(PartnerQuery(programme="ce-small"), reach=5)
    assert query.weights.reach == 5 and query.weights.theme == Weights().theme


def test_scores_are_0_to_100(directory) -> None:
    for candidate in find(directory, programme="ce-small", themes=("dance",)):
        assert 0 <= candidate.score <= 100
        assert candidate.score == pytest.approx(sum(candidate.parts.values()), abs=0.1)


# --- eligibility and filters ---------------------------------------------------------------------------------------


def test_ineligible_countries_are_left_out_or_flagged_last(directory) -> None:
    assert "dance-usa" not in ids(find(directory, programme="ce-small", themes=("dance",)))
    flagged = find(directory, programme="ce-small", themes=("dance",), ineligible="flag")
    assert ids(flagged)[-3:] == ["dance-usa", "istanbul-dans", "london-dance"]
    usa = flagged[-3]
    assert not usa.eligible and not usa.counts
    assert [describe(f) for f in usa.flags] == ["Not eligible: United States is not in Creative Europe countries."]


def test_outside_countries_that_may_join_without_counting_are_flagged(directory) -> None:
    found = find(directory, programme="erasmus-ka220", themes=("dance",))
    usa = next(c for c in found if c.id == "dance-usa")
    assert usa.eligible and not usa.counts
    assert describe(usa.flags[0]) == (
        "United States is not in Erasmus+ programme countries: it may take part but does not count toward the minimums."
    )
    assert usa.parts["new_country"] == 0


def test_themes_filter_unless_any_theme_is_asked(directory) -> None:
    assert "comune-x" not in ids(find(directory, themes=("dance",)))
    broad = find(directory, themes=("dance",), require_theme=False)
    assert "comune-x" in ids(broad)
    assert ids(broad).index("comune-x") > ids(broad).index("teatro-sur")


def test_free_text_themes_fold_accents_and_case(directory) -> None:
    assert split_themes("Dance, children & youth | Teater") == ("Dance", "children & youth", "Teater")
    assert split_themes("dans och teater") == ("dans", "teater")  # two themes joined in a sentence
    assert split_themes("Music and dance, barn och unga") == ("Music", "dance", "barn och unga")  # one theme
    assert split_themes("children and youth") == ("children and youth",)
    assert split_themes("rock and roll") == ("rock and roll",)  # no piece is a theme: kept as typed
    joined = find(directory, themes=split_themes("dans och teater"))
    assert "teatro-sur" in ids(joined)
    found = find(directory, themes=("Dánce",))
    assert "teatro-sur" in ids(found)
    synonym = find(directory, themes=("youth",))  # the vocabulary knows "youth" as children-youth
    assert ids(synonym) == ["tanz-berlin"]
    assert reasons(synonym, "tanz-berlin")[0] == "Works on children and youth."
    related = find(directory, themes=("contemporary",))  # not in the vocabulary: shares a word with a tag
    assert ids(related) == ["ljubljana-lab"]
    assert "Related themes: contemporary-dance." in reasons(related, "ljubljana-lab")


def test_countries_types_and_exclusions(directory) -> None:
    assert set(ids(find(directory, themes=("dance",), countries=("es",)))) == {"teatro-sur", "flamenco-sevilla"}
    assert ids(find(directory, themes=("dance",), types=("ngo",), countries=("ES", "SI"))) == [
        "teatro-sur",
        "ljubljana-lab",
    ]
    assert "teatro-sur" not in ids(find(directory, themes=("dance",), exclude=("teatro-sur",)))
    assert not {"region-orebro", "kis"} & set(ids(find(directory, themes=("dance", "culture")))), "we are not partners"
    with pytest.raises(UsageError, match="not a country code"):
        find(directory, countries=("Spain",))
    with pytest.raises(NotFoundError):
        find(directory, exclude=("teatro-sr",))


def test_consortium_members_are_not_suggested_and_their_countries_are_covered(directory) -> None:
    found = find(
        directory,
        programme="ce-small",
        themes=("dance",),
        consortium=(Member("region-orebro", "coordinator"), Member("teatro-sur")),
    )
    assert "teatro-sur" not in ids(found)
    assert "Spain is already in the consortium." in reasons(found, "flamenco-sevilla")
    assert next(c for c in found if c.id == "flamenco-sevilla").parts["new_country"] == 0


def test_partner_types_of_the_rule_leave_others_out(directory) -> None:
    found = find(directory, programme="cerv-tt", require_theme=False)
    assert ids(found) == ["kultur-wien", "comune-x"], "only municipalities; Wien's contact is the more recent"


# --- the index ------------------------------------------------------------------------------------------------------


def test_index_is_built_once_per_directory_and_again_when_its_graph_changes(tmp_path: Path) -> None:
    directory = load(write(tmp_path, FILES))
    first = partner_index(directory)
    assert partner_index(directory) is first, "kept on the directory"
    assert partner_index(load(write(tmp_path / "again", FILES))) is not first, "each directory has its own"
    directory.graph.add_node("new-org", kind="organisation", name="New org", country="SE")
    rebuilt = partner_index(directory)
    assert rebuilt is not first, "a changed graph gets a new index"
    assert partner_index(directory) is rebuilt


def test_a_directory_without_home_still_ranks(tmp_path: Path) -> None:
    files = dict(FILES, **{"directory.toml": 'name = "No home"\n'})
    directory = load(write(tmp_path, files))
    found = find(directory, themes=("dance",))
    assert found and all(c.parts["reach"] == 0 and c.parts["networks"] == 0 for c in found)


def test_an_empty_directory_gives_nothing(tmp_path: Path) -> None:
    directory = load_directory(write(tmp_path, {"organisations.csv": "id,name,type,country\n"}))
    assert find_partners(directory, PartnerQuery(themes=("dance",))) == []


# --- suggestions, the consortium list and saving -------------------------------------------------------------------


def test_suggestions_fix_the_missing_country(directory) -> None:
    members = [Member("region-orebro", "coordinator"), Member("teatro-sur"), Member("flamenco-sevilla")]
    result = check_consortium(directory, "ce-small", members, today=TODAY)
    found = suggest_fixes(directory, result, themes=("dance",), top=3, today=TODAY)
    assert set(found) == {"min-countries"}
    assert ids(found["min-countries"]) == ["danshuset-oslo", "tanz-berlin", "ljubljana-lab"]
    assert all(c.country not in ("SE", "ES") for c in found["min-countries"])


def test_suggestions_for_the_coordinator_type(directory) -> None:
    members = [parse_member(m) for m in ("teatro-sur:coordinator", "region-orebro", "kultur-wien")]
    result = check_consortium(directory, "interreg-europe", members, today=TODAY)
    found = suggest_fixes(directory, result, top=5, today=TODAY)
    assert ids(found["coordinator-type"]) == ["comune-x", "geneve-ville"]


def test_way_from_home_and_member_table(directory) -> None:
    assert way_from_home(directory, "kis")[1].code == "reach-home"
    members = [Member("region-orebro", "coordinator"), Member("teatro-sur"), Member("danshuset-oslo", "associated")]
    result = check_consortium(directory, "ce-small", members, today=TODAY)
    table = member_table(directory, members, result)
    assert table["counts"].tolist() == ["yes", "yes", "no"]
    assert table.loc[1, "how_we_know"] == "Via Anna Exempel, who knows Pedro Ruiz (Director) there."
    assert set(graph_nodes(directory, members)) == {
        "region-orebro",
        "anna-exempel",
        "pedro-ruiz",
        "teatro-sur",
        "dance-bridges",
        "danshuset-oslo",
    }


def test_project_rows(directory) -> None:
    project, relations = project_rows(
        directory,
        "Dance Bridges",
        "ce-small",
        [Member("region-orebro", "coordinator"), Member("teatro-sur")],
        themes=("dance",),
        today=TODAY,
    )
    assert project["id"] == "dance-bridges-2", "the id is free"
    assert project["status"] == "in-preparation" and project["programme"] == "ce-small"
    assert [(r["source"], r["role"], r["target"]) for r in relations] == [
        ("region-orebro", "coordinator", "dance-bridges-2"),
        ("teatro-sur", "partner", "dance-bridges-2"),
    ]
    with pytest.raises(UsageError):
        project_rows(directory, " ", "ce-small", [Member("teatro-sur")])


def test_save_as_project_writes_through_the_safe_save_path(tmp_path: Path) -> None:
    path = write(tmp_path / "data")
    directory = load(path)
    members = [Member("region-orebro", "coordinator"), Member("teatro-sur"), Member("danshuset-oslo")]
    project_id, saved = save_as_project(
        path,
        directory,
        "Moving Borders",
        "ce-small",
        members,
        themes=("dance",),
        actor=Actor("test", "admin"),
        today=TODAY,
    )
    assert saved.changed and saved.backup
    again = load(path)
    assert again.record(project_id)["status"] == "in-preparation"
    roles = {(r.source, r.role) for r in again.relations.itertuples() if r.target == project_id}
    assert roles == {("region-orebro", "coordinator"), ("teatro-sur", "partner"), ("danshuset-oslo", "partner")}
    assert not again.report.errors
    with pytest.raises(ConflictError):
        save_as_project(path, directory, "Stale", "ce-small", members, today=TODAY, actor=EDITOR)


def test_candidate_to_dict_is_plain_data(directory) -> None:
    import json

    best = find(directory, programme="ce-small", themes=("dance",))[0]
    data = best.to_dict()
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["reasons"][0] == {"code": "theme", "text": "Works on dance.", "params": {"themes": ["dance"]}}
    assert (data["id"], data["score"], data["parts"], data["path"]) == (
        best.id,
        best.score,
        best.parts,
        list(best.path),
    )
    assert len(data["reasons"]) == len(best.reasons) and len(data["flags"]) == len(best.flags)
