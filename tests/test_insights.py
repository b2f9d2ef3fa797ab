"""Insights from the core: brokers explained, groups summarised, stale partners, missing countries and themes, reach,
and the CLI (`python -m network insights`, `export --format geojson`)."""

from __future__ import annotations

import datetime as dt
import json

import networkx as nx

from core_helpers import TODAY, load, write_directory
from network.cli import main
from network.insights import (
    brokers,
    build_insights,
    community_summaries,
    distances,
    missing_countries,
    reach,
    stale_partners,
)
from network.metrics import Metrics, compute_metrics


def _metrics(directory) -> Metrics:
    return compute_metrics(directory.graph, fingerprint=directory.fingerprint, home=directory.home)


def test_brokers_are_the_top_by_betweenness_without_people(small):
    metrics = _metrics(small)
    found = brokers(small, metrics, top=3)
    ranked = sorted(
        (n for n, v in metrics.betweenness.items() if v > 0 and small.kind_of(n) != "person"),
        key=lambda n: (-metrics.betweenness[n], n),
    )
    assert [b.id for b in found] == ranked[:3]
    assert all(b.kind != "person" for b in found)


def test_a_broker_between_unlinked_groups_is_counted(small):
    metrics = _metrics(small)
    # Put Region Örebro län in its own group and every neighbour in a group of its own: no other links between them
    around = set(small.graph.successors("region-orebro")) | set(small.graph.predecessors("region-orebro"))
    community = {n: 0 for n in small.graph.nodes}
    for number, node in enumerate(sorted(around), start=1):
        community[node] = number
    community["region-orebro"] = 99
    forced = Metrics(**{**metrics.to_dict(), "community": community})
    found = {b.id: b for b in brokers(small, forced, top=20)}
    home = found["region-orebro"]
    assert home.groups == len(around) + 1
    # pairs among the neighbours' groups that have no link except through region-orebro
    links = {
        frozenset((community[u], community[v]))
        for u, v in nx.Graph(small.graph).edges
        if community[u] != community[v] and "region-orebro" not in (u, v)
    }
    groups = sorted({community[n] for n in around} | {99})
    expected = sum(
        1 for i, a in enumerate(groups) for b in groups[i + 1 :] if frozenset((a, b)) not in links and 99 not in (a, b)
    )
    assert home.unlinked_pairs >= expected


def test_communities_are_summarised_by_size_with_themes_and_members(small):
    metrics = _metrics(small)
    found = community_summaries(small, metrics)
    sizes = [c.size for c in found]
    assert sizes == sorted(sizes, reverse=True)
    for c in found:
        members = [n for n, g in metrics.community.items() if g == c.number]
        assert c.size == len(members)
        assert {i for i, _ in c.members} <= set(members)


def test_stale_partners_are_old_or_inactive_and_near_home(small):
    found = {s.id: s for s in stale_partners(small, today=TODAY)}
    # lille-theatre's membership of REVES ended in 2018 and it was never verified
    assert found["lille-theatre"].reasons == ("not-verified", "no-recent-relation")
    assert "region-orebro" not in found
    near = distances(small, 2)
    assert all(near[s] <= 2 for s in found)


def test_stale_partners_move_with_today(small):
    assert not any("not-verified" in s.reasons and s.verified for s in stale_partners(small, today=dt.date(2025, 1, 1)))
    later = stale_partners(small, today=dt.date(2030, 1, 1))
    assert any(s.id == "reves" for s in later)


def test_missing_countries_compare_with_the_eligible_group(tmp_path, small_files):
    small_files["programmes.csv"] = (
        small_files["programmes.csv"]
        .replace("rule_note,url", "eligible_group,rule_note,url")
        .replace(",48,", ",48,eu,")
    )
    directory = load(write_directory(tmp_path / "d", small_files))
    found = {m.id: m for m in missing_countries(directory)}
    have = set(directory.tables["organisation"]["country"])
    assert "AT" in found and not have & set(found)
    assert found["AT"].programmes == ("creative-europe-small",)
    assert found["AT"].name == "Austria"


def test_reach_counts_every_entity_by_distance(small):
    around = nx.single_source_shortest_path_length(small.graph.to_undirected(as_view=True), "region-orebro")
    counts = reach(small)
    assert sum(sum(k.values()) for k in counts.values()) == len(around) - 1
    assert set(counts) == {d for d in around.values() if d}


def test_cli_insights_json_has_the_documented_keys(small_dir, capsys):
    assert main(["insights", "--data", str(small_dir), "--format", "json", "--top", "2"]) == 0
    payload = json.loads(capsys.readouterr().out)
    for key in ("brokers", "communities", "stale", "missing_countries"):
        assert isinstance(payload[key], list)
    assert len(payload["brokers"]) <= 2
    for item in payload["brokers"] + payload["communities"] + payload["stale"]:
        assert item["id"] and item["name"]


def test_cli_insights_text_and_bad_top(small_dir, capsys):
    assert main(["insights", "--data", str(small_dir)]) == 0
    assert "Brokers" in capsys.readouterr().out
    assert main(["insights", "--data", str(small_dir), "--top", "0"]) == 2


def test_cli_insights_matches_the_library(small_dir, capsys):
    assert main(["insights", "--data", str(small_dir), "--format", "json", "--no-cache"]) == 0
    payload = json.loads(capsys.readouterr().out)
    directory = load(small_dir)
    expected = build_insights(directory, _metrics(directory)).to_json()
    assert [b["id"] for b in payload["brokers"]] == [b["id"] for b in expected["brokers"]]


def test_cli_insights_json_is_kept_and_read_back(small_dir, tmp_path, monkeypatch, capsys):
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(tmp_path / "cache"))
    assert main(["insights", "--data", str(small_dir), "--format", "json"]) == 0
    first = capsys.readouterr().out
    kept = list((tmp_path / "cache").glob("insights-*.json"))
    assert len(kept) == 1 and kept[0].read_text("utf-8") == first
    kept[0].write_text('{"brokers": [], "marker": true}\n', "utf-8")  # proves the second answer is the kept one
    assert main(["insights", "--data", str(small_dir), "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["marker"] is True
    assert main(["insights", "--data", str(small_dir), "--format", "json", "--no-cache"]) == 0
    assert "marker" not in json.loads(capsys.readouterr().out)


def test_the_report_from_stored_metrics_equals_the_report_worked_out_afresh(small, tmp_path):
    from dataclasses import replace

    from network.metrics_jobs import load_metrics, metrics_now, save_metrics

    save_metrics(metrics_now(small), tmp_path)  # the job's result (maybe an earlier test's), through the file
    stored = load_metrics(tmp_path, small.fingerprint)
    assert stored is not None and stored.report_basis["partners"]["ids"]  # the job stored the basis with them
    fresh = replace(stored, report_basis={})
    for today in (TODAY, dt.date(2025, 1, 1), dt.date(2031, 6, 1)):
        for top in (1, 3, 10):
            assert (
                build_insights(small, stored, top=top, today=today).to_json()
                == build_insights(small, fresh, top=top, today=today).to_json()
            )


def test_a_stored_basis_is_used_only_for_its_own_data_and_home(small):
    from dataclasses import replace

    from network.insights import report_basis

    metrics = _metrics(small)
    basis = {**report_basis(small, metrics), "missing_themes": ["marker"]}
    assert build_insights(small, replace(metrics, report_basis=basis)).missing_themes == ["marker"]
    assert (
        "marker"
        not in build_insights(small, replace(metrics, report_basis={**basis, "home": "elsewhere"})).missing_themes
    )
    assert (
        "marker" not in build_insights(small, replace(metrics, report_basis=basis, fingerprint="other")).missing_themes
    )


def test_the_stored_rankings_give_the_brokers_and_groups_worked_out_directly(small, tmp_path, monkeypatch):
    """The basis keeps the first RANKED brokers and groups; a report asking for more works them out again."""
    import network.insights as insights
    from network.metrics_jobs import load_metrics, save_metrics

    for kept in (insights.RANKED, 2):
        monkeypatch.setattr(insights, "RANKED", kept)
        metrics = _metrics(small)
        metrics.report_basis = insights.report_basis(small, metrics)
        assert len(metrics.report_basis["brokers"]) == min(kept, len(brokers(small, metrics, top=1000)))
        save_metrics(metrics, tmp_path)
        stored = load_metrics(tmp_path, small.fingerprint)  # through the file, as the dashboard reads them
        assert stored == metrics
        for top in (1, 2, 3, 10):
            found = build_insights(small, stored, top=top, today=TODAY)
            assert found.brokers == brokers(small, metrics, top=top)
            assert found.communities == community_summaries(small, metrics, top=top)
        for today in (TODAY, dt.date(2025, 1, 1), dt.date(2031, 6, 1)):
            found = build_insights(small, stored, today=today).stale
            assert found == stale_partners(small, today) and found
