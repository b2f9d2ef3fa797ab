"""What the pages need, prepared in a process of its own (ui/partner_warmup.py): the process stores the partner index,
the network measures and the candidate pairs where the pages read them, each equal to a fresh computation; the
server's start (or the first page of a new data version) starts the process once per data version and cache folder
(not when ``NETWORK_PARTNER_WARMUP=0``, nor when everything is stored already); the pages read the stored parts
instead of computing them, and while the process is at work they show its progress instead of computing the same
thing at the same time."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from dashboard_helpers import FIXTURE, ROOT, all_text, assert_ok

from network import load_directory, metrics_jobs, schema, storage
from network.matching import Matcher
from network.matching.stored_pairs import LOWEST_SCORE, load_pairs, prepare_pairs
from network.metrics_jobs import load_metrics, metrics_now, save_metrics
from network.partner_cache import has_stored_partner_index, partner_cache_file, warm_partner_index
from network.partners import PartnerIndex, PartnerQuery, find_partners
from ui import partner_warmup
from ui.i18n import SV

pytestmark = pytest.mark.slow  # a process of its own (imports and a load: 2-4 s)


def _cache(tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    return folder


def _no_building(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(self) -> None:
        raise AssertionError("the index was built, not read from the cache")

    monkeypatch.setattr(PartnerIndex, "prepare", refuse)


def test_the_process_stores_the_index_the_page_reads(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    cache = _cache(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "ui.partner_warmup", str(FIXTURE), str(cache)], cwd=ROOT, capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()
    fresh = load_directory(FIXTURE)
    expected = find_partners(fresh, PartnerQuery(themes=("culture",), top=50))

    directory = load_directory(FIXTURE, cache_dir=cache)
    assert partner_cache_file(directory, cache).exists()
    _no_building(monkeypatch)
    warm_partner_index(directory, cache)  # read back: building would fail
    found = find_partners(directory, PartnerQuery(themes=("culture",), top=50))
    assert [(c.id, c.score) for c in found] == [(c.id, c.score) for c in expected]
    assert found  # the query finds someone in the fixture, so the comparison means something

    # the measures and the report's basis: those a fresh computation gives (the seconds it took aside)
    stored = load_metrics(cache, directory.fingerprint)
    assert stored is not None
    computed = metrics_now(fresh)
    stored.seconds = computed.seconds
    assert stored.to_dict() == computed.to_dict()
    # the candidate pairs of every kind at the Matches page's lowest score, each threshold filtering them
    snapshot = storage.load(FIXTURE)
    for kind in schema.MATCH_KINDS:
        for score in (LOWEST_SCORE, 0.6):
            pairs = load_pairs(FIXTURE, cache, snapshot.fingerprint, kind, score)
            assert pairs is not None, kind
            assert list(pairs) == Matcher(snapshot.tables, kind).pairs(min_score=score)


def test_the_process_says_how_to_call_it():
    done = subprocess.run([sys.executable, "-m", "ui.partner_warmup"], cwd=ROOT, capture_output=True, text=True)
    assert done.returncode == 2
    assert "usage" in done.stderr


def test_the_app_starts_it_once_after_the_first_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_page):
    cache = _cache(tmp_path)
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(cache))
    monkeypatch.setenv(partner_warmup.WARMUP_ENV, "1")
    at = open_page("overview")
    assert_ok(at)
    directory = load_directory(FIXTURE, cache_dir=cache)
    partner_warmup.wait(directory)
    assert not partner_warmup.running(directory)
    assert partner_cache_file(directory, cache).exists()
    assert not partner_warmup.start(directory, FIXTURE, cache)  # started already for this data and folder

    at.switch_page("ui/pages/partners.py").run()  # the page reads the stored index
    assert_ok(at)


def test_the_server_start_starts_it_before_the_first_page(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """``ui.app.prepare`` (the server's start) starts the process as soon as the directory is loaded, so Partners
    opened right after the first load finds the index prepared; the first page's run then starts nothing more."""
    import ui.app

    cache = _cache(tmp_path)
    monkeypatch.setenv("NETWORK_DATA", str(FIXTURE))
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(cache))
    monkeypatch.setenv(partner_warmup.WARMUP_ENV, "1")
    monkeypatch.setattr(partner_warmup, "_started", {})  # no other test's runs for the same data
    ui.app.prepare()
    directory = load_directory(FIXTURE, cache_dir=cache)
    assert partner_warmup.running(directory) or partner_cache_file(directory, cache).exists()
    # the process that prepares is the one started before the directory was loaded (its imports done meanwhile)
    assert [run.process.args[3] for run in partner_warmup._runs(directory)] == ["--wait"]
    assert not partner_warmup._early  # adopted, nothing left waiting
    partner_warmup.wait(directory)
    assert partner_cache_file(directory, cache).exists()
    assert not partner_warmup.start(directory, FIXTURE, cache)  # started already for this data and folder


def test_start_adopts_the_process_started_before_the_load(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    cache = _cache(tmp_path)
    monkeypatch.setenv(partner_warmup.WARMUP_ENV, "1")
    monkeypatch.setattr(partner_warmup, "_early", {})
    monkeypatch.setattr(partner_warmup, "_started", {})  # no other test's runs for the same data
    partner_warmup.prestart(FIXTURE, cache)
    partner_warmup.prestart(FIXTURE, cache)  # at most one per data and cache folder
    (early,) = partner_warmup._early.values()
    directory = load_directory(FIXTURE, cache_dir=cache)
    assert partner_warmup.start(directory, FIXTURE, cache)
    assert [run.process.pid for run in partner_warmup._runs(directory)] == [early.pid]
    partner_warmup.wait(directory)
    assert early.wait(timeout=120) == 0
    assert partner_cache_file(directory, cache).exists()


def test_an_early_process_nobody_adopts_ends_without_work(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    cache = _cache(tmp_path)
    monkeypatch.setenv(partner_warmup.WARMUP_ENV, "1")
    monkeypatch.setattr(partner_warmup, "_early", {})
    partner_warmup.prestart(FIXTURE, cache)
    (early,) = partner_warmup._early.values()
    partner_warmup.release()
    assert early.wait(timeout=120) == 0
    assert not partner_warmup._early and not list(cache.iterdir())  # nothing loaded, nothing stored


def test_no_early_process_when_turned_off_or_without_a_cache_folder(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setattr(partner_warmup, "_early", {})
    monkeypatch.setattr(partner_warmup.subprocess, "Popen", _no_process)  # a start would raise here
    monkeypatch.setenv(partner_warmup.WARMUP_ENV, "0")
    partner_warmup.prestart(FIXTURE, _cache(tmp_path))
    monkeypatch.setenv(partner_warmup.WARMUP_ENV, "1")
    partner_warmup.prestart(FIXTURE, None)
    assert not partner_warmup._early
    partner_warmup.prestart(FIXTURE, tmp_path / "cache")  # the process cannot start: nothing kept, nothing raised
    assert not partner_warmup._early


def test_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    cache = _cache(tmp_path)
    monkeypatch.setenv(partner_warmup.WARMUP_ENV, "0")
    directory = load_directory(FIXTURE, cache_dir=cache)
    assert not partner_warmup.start(directory, FIXTURE, cache)
    assert not partner_warmup.running(directory)


def test_not_without_a_cache_folder(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(partner_warmup.WARMUP_ENV, "1")
    assert not partner_warmup.start(load_directory(FIXTURE), FIXTURE, None)


def test_not_when_everything_is_stored_already(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A server restarted on unchanged data starts no process (it would load the directory to find nothing to do)."""
    cache = _cache(tmp_path)
    monkeypatch.setenv(partner_warmup.WARMUP_ENV, "1")
    started: list[list[str]] = []
    monkeypatch.setattr(partner_warmup.subprocess, "Popen", lambda args, **_: started.append(args) or _no_process())
    directory = load_directory(FIXTURE, cache_dir=cache)
    assert not has_stored_partner_index(directory, cache)
    warm_partner_index(directory, cache)  # stored, as the process or the page would
    save_metrics(metrics_now(directory), cache)
    snapshot = storage.load(FIXTURE)
    for kind in schema.MATCH_KINDS:
        assert prepare_pairs(FIXTURE, cache, snapshot.fingerprint, snapshot.tables, kind)
    assert not partner_warmup.start(load_directory(FIXTURE, cache_dir=cache), FIXTURE, cache)
    assert not started and not partner_warmup.running(directory)


def test_started_when_a_part_is_missing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """The partner index alone is not everything: the measures and the pairs are still to be prepared."""
    cache = _cache(tmp_path)
    monkeypatch.setenv(partner_warmup.WARMUP_ENV, "1")
    started: list[list[str]] = []
    monkeypatch.setattr(partner_warmup.subprocess, "Popen", lambda args, **_: started.append(args) or _no_process())
    directory = load_directory(FIXTURE, cache_dir=cache)
    warm_partner_index(directory, cache)
    assert not partner_warmup.start(directory, FIXTURE, cache)  # tried: this test lets no process start
    assert started and started[0][1:3] == ["-m", "ui.partner_warmup"]


def _no_process(*_args, **_kwargs):
    raise OSError("no process in this test")


@pytest.mark.parametrize("at_work", [True, False])
def test_the_page_waits_only_for_a_warm_up_at_work(monkeypatch: pytest.MonkeyPatch, open_page, at_work: bool):
    """While the process prepares the index the page waits for it (under a spinner that says so); otherwise not."""
    waited: list[object] = []
    monkeypatch.setattr(partner_warmup, "preparing", lambda directory, stage: at_work and stage == "partners")
    monkeypatch.setattr(partner_warmup, "wait", lambda directory, timeout=0, stage=None: waited.append(stage))
    at = open_page("overview").switch_page("ui/pages/partners.py").run()
    assert_ok(at)
    assert at.markdown or at.caption  # the page was drawn (its suggestions or what to do next)
    assert waited == (["partners"] if at_work else [])  # only for its own part, not the measures or the pairs


def _unique_copy(tmp_path: Path) -> Path:
    """A copy of the fixture with its own content hash, so nothing of another test's run of it is in memory."""
    folder = Path(shutil.copytree(FIXTURE, tmp_path / "data"))
    with open(folder / "directory.toml", "a", encoding="utf-8") as toml:
        toml.write(f"\n# {tmp_path.name}\n")
    return folder


def _refuse(*_args, **_kwargs):
    raise AssertionError("computed in the server, not read from the cache folder")


def test_the_pages_read_what_the_process_prepared(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_page):
    data, cache = _unique_copy(tmp_path), _cache(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "ui.partner_warmup", str(data), str(cache)], cwd=ROOT, capture_output=True
    )
    assert done.returncode == 0, done.stderr.decode()
    tables = storage.load(data).tables
    expected = {score: Matcher(tables).pairs(min_score=score) for score in (0.6, LOWEST_SCORE)}
    assert expected[LOWEST_SCORE], "the fixture has pairs at the lowest score"
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(cache))
    monkeypatch.setattr(metrics_jobs, "compute_metrics", _refuse)
    monkeypatch.setattr(Matcher, "pairs", _refuse)
    at = open_page("insights", data=data)
    assert_ok(at)
    text = all_text(at)
    assert SV["insights.brokers"] in text and SV["insights.preparing"] not in text  # the measures, at once
    at = at.switch_page("ui/pages/matches.py").run()
    for score in (0.6, LOWEST_SCORE):  # the default, then lower: read again, not searched
        at = at.slider(key="matches.min_score").set_value(score).run()
        assert_ok(at)
        text = all_text(at)
        if expected[score]:
            assert SV["matches.count"].format(count=len(expected[score]), later=0) in text, score
            assert expected[score][0].name_a in text.replace("\\", "")  # the best pair first
        else:
            assert SV["matches.empty"] in text


@pytest.mark.parametrize("language", ["sv", "en"])
def test_while_the_process_prepares_the_pages_show_its_progress(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, open_page, language: str
):
    """Nothing is computed in the server while the process prepares it; the page says so, with the process's
    progress, in the user's language."""
    from ui.i18n import EN

    words = SV if language == "sv" else EN
    data, cache = _unique_copy(tmp_path), _cache(tmp_path)
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(cache))
    monkeypatch.setattr(partner_warmup, "preparing", lambda directory, stage: stage != "partners")
    monkeypatch.setattr(partner_warmup, "progress", lambda directory: ("metrics", 0.5, 1))
    monkeypatch.setattr(metrics_jobs, "compute_metrics", _refuse)
    monkeypatch.setattr(Matcher, "pairs", _refuse)
    at = open_page("overview", {"lang": language}, data=data).switch_page("ui/pages/insights.py").run()
    assert_ok(at)
    said = words["warmup.progress"].format(step=words["warmup.stage.metrics"], percent=30)  # (1 stage + 0.5) of 5
    assert _progress(at) == [said]
    assert words["insights.preparing"] in _status_labels(at)
    # still at work: the box shows a spinner, not the check mark of a finished task
    assert [s.state for s in at.get("status") if s.label == words["insights.preparing"]] == ["running"]
    assert words["insights.brokers"] not in all_text(at)
    at = at.switch_page("ui/pages/matches.py").run()
    assert_ok(at)
    assert _progress(at) == [said]
    assert words["matches.preparing"] in _status_labels(at)
    assert not at.button  # no pair, no search: the page waits for the process


def _progress(at) -> list[str]:
    """The texts of the page's progress bars."""
    return [element.proto.text for element in at.get("progress")]


def _status_labels(at) -> list[str]:
    """The labels of the page's status boxes (``st.status``)."""
    return [element.label for element in at.status]
