"""The warm-start cache (network/cache.py): a hit gives the same directory, any change is a miss, damage is a miss."""

from __future__ import annotations

import datetime as dt
import os
from pathlib import Path

import pandas as pd
import pytest

from core_helpers import SMALL_FILES, TODAY, write_directory
from network import cache, load_directory
from network.directory import Directory

# Slow as a module: each test loads the directory cold and warm, up to three times (~1.3 s CPU a test). The full run
# (`-m ""`, CI) has every test; the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow


def _same(a: Directory, b: Directory) -> None:
    """Every part of two loaded directories is equal (Directory holds DataFrames, so == cannot say it)."""
    assert a.path == b.path and a.config == b.config and a.fingerprint == b.fingerprint
    assert a.sources == b.sources
    assert a.report.problems == b.report.problems
    assert list(a.tables) == list(b.tables)
    for kind in a.tables:
        pd.testing.assert_frame_equal(a.tables[kind], b.tables[kind])
    pd.testing.assert_frame_equal(a.relations, b.relations)
    assert list(a.lookups) == list(b.lookups)
    for kind in a.lookups:
        pd.testing.assert_frame_equal(a.lookups[kind], b.lookups[kind])
    assert list(a.graph.nodes(data=True)) == list(b.graph.nodes(data=True))
    assert list(a.graph.edges(keys=True, data=True)) == list(b.graph.edges(keys=True, data=True))
    assert list(a.graph.in_edges(keys=True)) == list(b.graph.in_edges(keys=True))
    assert a.graph.graph == b.graph.graph


def _load(path: Path, cache_dir: Path, steps: list[str] | None = None, today: dt.date = TODAY) -> Directory:
    progress = (lambda step, _done: steps.append(step)) if steps is not None else None
    return load_directory(path, progress=progress, today=today, cache_dir=cache_dir)


@pytest.fixture
def cache_dir(tmp_path: Path) -> Path:
    return tmp_path / "cache"


@pytest.mark.smoke
def test_a_hit_returns_an_equal_directory_without_reading_the_files(small_dir: Path, cache_dir: Path) -> None:
    first = _load(small_dir, cache_dir)
    steps: list[str] = []
    second = _load(small_dir, cache_dir, steps)
    assert "read" not in steps  # served from the cache
    _same(first, second)
    _same(load_directory(small_dir, today=TODAY), second)  # and equal to a load without any cache
    assert second.home == "region-orebro" and second.name_of("region-orebro") == "Region Örebro län"
    second.graph.add_edge("region-orebro", "comune-x", key="collaborates_with")  # the graph is a working graph


def test_without_cache_dir_nothing_is_written(small_dir: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "env-cache"))
    load_directory(small_dir, today=TODAY)
    assert not (tmp_path / "env-cache").exists()


@pytest.mark.parametrize("name", sorted(n for n in SMALL_FILES))
def test_any_byte_changed_in_any_file_is_a_miss(small_dir: Path, cache_dir: Path, name: str) -> None:
    _load(small_dir, cache_dir)
    target = small_dir / name
    data = bytearray(target.read_bytes())
    data[-2] = ord("Z") if data[-2] != ord("Z") else ord("Y")  # one byte, the size unchanged
    stat = target.stat()
    target.write_bytes(bytes(data))
    os.utime(target, ns=(stat.st_atime_ns, stat.st_mtime_ns))  # even with the old modification time
    steps: list[str] = []
    reloaded = _load(small_dir, cache_dir, steps)
    assert "read" in steps
    _same(load_directory(small_dir, today=TODAY), reloaded)


def test_an_added_file_is_a_miss(small_dir: Path, cache_dir: Path) -> None:
    _load(small_dir, cache_dir)
    (small_dir / "country_groups.csv").write_text("group,name,countries\nnordic,Nordic,SE|NO|DK|FI|IS\n")
    steps: list[str] = []
    reloaded = _load(small_dir, cache_dir, steps)
    assert "read" in steps and "nordic" in set(reloaded.lookups["country_group"]["group"])


def test_another_day_is_a_miss(small_dir: Path, cache_dir: Path) -> None:
    """Stale-row warnings depend on the date, so a cached report is only good for the day it was made."""
    _load(small_dir, cache_dir)
    steps: list[str] = []
    later = _load(small_dir, cache_dir, steps, today=TODAY + dt.timedelta(days=3 * 365))
    assert "read" in steps and any(p.code == "stale" for p in later.report.problems)


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty", "other key"])
def test_a_damaged_cache_file_is_ignored_and_replaced(small_dir: Path, cache_dir: Path, damage: str) -> None:
    _load(small_dir, cache_dir)
    (stored,) = cache_dir.iterdir()
    data = stored.read_bytes()
    if damage == "truncate":
        stored.write_bytes(data[: len(data) // 2])
    elif damage == "garbage":
        stored.write_bytes(data[:60] + b"\x00garbage" * 50)
    elif damage == "empty":
        stored.write_bytes(b"")
    else:
        stored.write_bytes(data.replace(data.split(b"\n")[1], b"0" * len(data.split(b"\n")[1]), 1))
    steps: list[str] = []
    reloaded = _load(small_dir, cache_dir, steps)
    assert "read" in steps
    _same(load_directory(small_dir, today=TODAY), reloaded)
    steps.clear()
    _load(small_dir, cache_dir, steps)  # rewritten, so the next load is a hit again
    assert "read" not in steps


def test_a_cache_inside_the_data_folder_is_never_written(small_dir: Path) -> None:
    inside = small_dir / ".cache"
    directory = load_directory(small_dir, today=TODAY, cache_dir=inside)
    assert not inside.exists() and directory.report.ok
    assert cache.cache_file(small_dir, small_dir) is None


def test_an_unwritable_cache_dir_does_not_stop_a_load(small_dir: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    directory = load_directory(small_dir, today=TODAY, cache_dir=blocked / "cache")
    assert directory.report.ok


def test_one_cache_file_per_directory_and_no_temporary_files_left(
    small_dir: Path, cache_dir: Path, tmp_path: Path
) -> None:
    other = write_directory(tmp_path / "other", SMALL_FILES)
    for _ in range(2):
        _load(small_dir, cache_dir)
        _load(other, cache_dir)
    names = sorted(p.name for p in cache_dir.iterdir())
    assert len(names) == 2 and not any(n.startswith(".tmp") for n in names)


@pytest.mark.smoke
def test_default_cache_dir_follows_the_environment(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "chosen"))
    assert cache.default_cache_dir() == tmp_path / "chosen"
    monkeypatch.delenv(cache.CACHE_ENV)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    assert cache.default_cache_dir() == tmp_path / "xdg" / "network"
    monkeypatch.delenv("XDG_CACHE_HOME")
    assert cache.default_cache_dir() == Path.home() / ".cache" / "network"
