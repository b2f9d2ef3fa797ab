"""The candidate pairs kept in the cache folder (``network.matching.stored_pairs``): read back and filtered by any
threshold, they are exactly ``Matcher.pairs`` at that threshold (same pairs, order, scores and reasons); they are
found once per version of the files; another version, a lower threshold than stored or a damaged file is a miss."""

from __future__ import annotations

import shutil
from pathlib import Path

import pandas as pd
import pytest

from network import schema, storage
from network.matching import Matcher
from network.matching.stored_pairs import (
    LOWEST_SCORE,
    StoredPairs,
    has_pairs,
    load_pairs,
    pairs_from_table,
    pairs_table,
    prepare_pairs,
    store_pairs,
)

REPO = Path(__file__).resolve().parent.parent
SITE = "https://civitta.example.org"
THRESHOLDS = (LOWEST_SCORE, 0.45, 0.6, 0.8, 0.95, 1.0)


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    """The sample directory with a few rows that are one organisation under other names (so every threshold keeps
    something different)."""
    folder = tmp_path / "data"
    shutil.copytree(REPO / "data", folder)
    path = folder / "organisations.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    blank = {c: "" for c in frame.columns}
    rows = [
        dict(blank, id="civitta", name="CIVITTA", type="company", country="LT", city="Vilnius", website=SITE),
        dict(blank, id="pic-949732142", name="UAB CIVITTA", type="company", country="LT", city="Vilnius", website=SITE),
        dict(blank, id="civ-ee", name="Civitta Eesti", type="company", country="EE", city="Tallinn"),
    ]
    pd.concat([frame, pd.DataFrame(rows)], ignore_index=True).to_csv(path, index=False)
    return folder


def _cache(tmp_path: Path) -> Path:
    folder = tmp_path / "cache"
    folder.mkdir(mode=0o700)
    return folder


def test_stored_pairs_equal_matcher_pairs_at_every_threshold(sample: Path, tmp_path: Path) -> None:
    cache_dir, snapshot = _cache(tmp_path), storage.load(sample)
    for kind in schema.MATCH_KINDS:
        assert prepare_pairs(sample, cache_dir, snapshot.fingerprint, snapshot.tables, kind)
        for score in THRESHOLDS:
            expected = Matcher(snapshot.tables, kind).pairs(min_score=score)
            stored = load_pairs(sample, cache_dir, snapshot.fingerprint, kind, score)
            assert stored is not None
            assert list(stored) == expected, (kind, score)
            assert len(stored) == len(expected)
            assert stored.keys() == [(p.a, p.b) for p in expected]
            if expected:
                assert stored[0] == expected[0] and stored[-1] == expected[-1]
                assert stored[1:3] == expected[1:3]
    lowest = Matcher(snapshot.tables).pairs(min_score=LOWEST_SCORE)
    assert len(lowest) > len(Matcher(snapshot.tables).pairs()) > 0  # the thresholds do filter something
    assert any(p.reasons for p in lowest)


def test_a_table_of_pairs_reads_back_equal(sample: Path) -> None:
    tables = storage.load(sample).tables
    found = Matcher(tables).pairs(min_score=LOWEST_SCORE)
    table = pairs_table(found, LOWEST_SCORE)
    assert pairs_from_table(table, LOWEST_SCORE) == found
    assert list(StoredPairs(table).at_least(0.6)) == [p for p in found if p.score >= 0.6]
    with pytest.raises(IndexError):
        StoredPairs(table)[len(found)]


def test_pairs_are_found_once_per_version(sample: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    cache_dir, snapshot = _cache(tmp_path), storage.load(sample)
    assert not has_pairs(sample, cache_dir, snapshot.fingerprint, "organisation")
    assert prepare_pairs(sample, cache_dir, snapshot.fingerprint, snapshot.tables, "organisation")
    assert has_pairs(sample, cache_dir, snapshot.fingerprint, "organisation")

    def refuse(self, min_score: float = 0.6):
        raise AssertionError("the pairs were searched again, not read")

    monkeypatch.setattr(Matcher, "pairs", refuse)
    assert prepare_pairs(sample, cache_dir, snapshot.fingerprint, snapshot.tables, "organisation")
    assert load_pairs(sample, cache_dir, snapshot.fingerprint, "organisation", 0.6) is not None


def test_another_version_a_lower_threshold_or_a_damaged_file_is_a_miss(sample: Path, tmp_path: Path) -> None:
    cache_dir, snapshot = _cache(tmp_path), storage.load(sample)
    found = Matcher(snapshot.tables).pairs(min_score=0.6)
    assert store_pairs(sample, cache_dir, snapshot.fingerprint, "organisation", 0.6, found) is not None
    assert list(load_pairs(sample, cache_dir, snapshot.fingerprint, "organisation", 0.6)) == found
    assert load_pairs(sample, cache_dir, snapshot.fingerprint, "organisation", 0.5) is None  # stored from 0.6 only
    assert load_pairs(sample, cache_dir, "another version", "organisation", 0.6) is None
    assert load_pairs(sample, cache_dir, snapshot.fingerprint, "network", 0.6) is None
    assert load_pairs(sample, None, snapshot.fingerprint, "organisation", 0.6) is None
    part = next(cache_dir.glob("pairs-organisation-*"))
    data = bytearray(part.read_bytes())
    data[-20] ^= 0xFF
    part.write_bytes(bytes(data))
    assert load_pairs(sample, cache_dir, snapshot.fingerprint, "organisation", 0.6) is None


def test_a_decision_makes_a_new_version(sample: Path, tmp_path: Path) -> None:
    """matches.csv is part of the fingerprint: a pair decided "different" is not read back from the old version."""
    cache_dir, snapshot = _cache(tmp_path), storage.load(sample)
    assert prepare_pairs(sample, cache_dir, snapshot.fingerprint, snapshot.tables, "organisation")
    (sample / schema.MATCHES.file).write_text(
        "a,b,decision,kind\ncivitta,pic-949732142,different,organisation\n", encoding="utf-8"
    )
    after = storage.load(sample)
    assert after.fingerprint != snapshot.fingerprint
    assert load_pairs(sample, cache_dir, after.fingerprint, "organisation", LOWEST_SCORE) is None
    assert prepare_pairs(sample, cache_dir, after.fingerprint, after.tables, "organisation")
    stored = load_pairs(sample, cache_dir, after.fingerprint, "organisation", LOWEST_SCORE)
    assert list(stored) == Matcher(after.tables).pairs(min_score=LOWEST_SCORE)
    assert ("civitta", "pic-949732142") not in stored.keys()
