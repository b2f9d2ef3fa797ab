"""The partner index prepared after the first load (ui/partner_warmup.py): the process stores it where the Partners
page reads it, the page's search on the read index equals one on a freshly built index, and the app starts the
process once per data version and cache folder (not when ``NETWORK_PARTNER_WARMUP=0``)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from dashboard_helpers import FIXTURE, ROOT, assert_ok

from network import load_directory
from network.partner_cache import has_stored_partner_index, partner_cache_file, warm_partner_index
from network.partners import PartnerIndex, PartnerQuery, find_partners
from ui import partner_warmup

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


def test_turned_off(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    cache = _cache(tmp_path)
    monkeypatch.setenv(partner_warmup.WARMUP_ENV, "0")
    directory = load_directory(FIXTURE, cache_dir=cache)
    assert not partner_warmup.start(directory, FIXTURE, cache)
    assert not partner_warmup.running(directory)


def test_not_without_a_cache_folder(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv(partner_warmup.WARMUP_ENV, "1")
    assert not partner_warmup.start(load_directory(FIXTURE), FIXTURE, None)


def test_not_when_the_index_is_stored_already(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    """A server restarted on unchanged data starts no process (it would load the directory to find nothing to do)."""
    cache = _cache(tmp_path)
    monkeypatch.setenv(partner_warmup.WARMUP_ENV, "1")
    directory = load_directory(FIXTURE, cache_dir=cache)
    assert not has_stored_partner_index(directory, cache)
    warm_partner_index(directory, cache)  # stored, as the process or the page would
    assert has_stored_partner_index(directory, cache)
    assert not partner_warmup.start(load_directory(FIXTURE, cache_dir=cache), FIXTURE, cache)
    assert not partner_warmup.running(directory)


@pytest.mark.parametrize("at_work", [True, False])
def test_the_page_waits_only_for_a_warm_up_at_work(monkeypatch: pytest.MonkeyPatch, open_page, at_work: bool):
    """While the process prepares the index the page waits for it (under a spinner that says so); otherwise not."""
    waited: list[object] = []
    monkeypatch.setattr(partner_warmup, "running", lambda directory: at_work)
    monkeypatch.setattr(partner_warmup, "wait", lambda directory, timeout=0: waited.append(directory))
    at = open_page("overview").switch_page("ui/pages/partners.py").run()
    assert_ok(at)
    assert at.markdown or at.caption  # the page was drawn (its suggestions or what to do next)
    assert bool(waited) is at_work
