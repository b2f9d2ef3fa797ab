"""The partner finder's warm start: the prepared index read back gives the same answers; anything odd is a miss."""

from __future__ import annotations

import datetime as dt
import pickle
from pathlib import Path

import numpy as np
import pandas as pd
import pyarrow as pa
import pytest

from network import load_directory
from network.partner_cache import (
    Unsupported,
    decode,
    encode,
    has_stored_partner_index,
    partner_cache_file,
    stored_partner_index,
    warm_partner_index,
)
from network.partners import PartnerQuery, find_partners, partner_index, search_page
from partners_data import TODAY, write

QUERIES = (
    PartnerQuery(programme="ce-small", themes=("dance",)),
    PartnerQuery(programme="interreg-europe"),
    PartnerQuery(themes=("dans", "social economy")),
)


def _answers(directory) -> list:
    return [[(c.id, c.score, c.reasons, c.path) for c in find_partners(directory, q, today=TODAY)] for q in QUERIES]


def test_a_stored_index_gives_the_same_answers(tmp_path: Path) -> None:
    data, cache = write(tmp_path / "data"), tmp_path / "cache"
    fresh = load_directory(data, today=TODAY)
    expected = _answers(fresh)
    first = load_directory(data, today=TODAY)
    warm_partner_index(first, cache, today=TODAY)
    target = partner_cache_file(first, cache)
    assert target is not None and target.is_file()
    second = load_directory(data, today=TODAY)
    restored = warm_partner_index(second, cache, today=TODAY)
    assert restored is partner_index(second) and restored.directory is second
    assert _answers(second) == expected


def test_a_damaged_file_or_another_home_is_a_miss(tmp_path: Path) -> None:
    data, cache = write(tmp_path / "data"), tmp_path / "cache"
    directory = load_directory(data, today=TODAY)
    warm_partner_index(directory, cache, today=TODAY)  # first: a directory holding an index is not stored again
    expected = _answers(directory)
    target = partner_cache_file(directory, cache)
    target.write_bytes(target.read_bytes()[:200])  # cut short
    again = load_directory(data, today=TODAY)
    warm_partner_index(again, cache, today=TODAY)
    assert _answers(again) == expected
    (data / "directory.toml").write_text('name = "Partner test"\nhome = "kis"\n', encoding="utf-8")
    other = load_directory(data, today=TODAY)
    assert warm_partner_index(other, cache, today=TODAY).home_view("kis").home == "kis"


def test_the_index_a_directory_holds_is_used_without_reading_the_disk(tmp_path: Path) -> None:
    data, cache = write(tmp_path / "data"), tmp_path / "cache"
    directory = load_directory(data, today=TODAY)
    first = warm_partner_index(directory, cache, today=TODAY)
    partner_cache_file(directory, cache).write_bytes(b"damaged")  # would be a miss if it were read again
    assert warm_partner_index(directory, cache, today=TODAY) is first


def test_no_cache_dir_builds_in_memory(tmp_path: Path) -> None:
    directory = load_directory(write(tmp_path / "data"), today=TODAY)
    assert warm_partner_index(directory, None) is partner_index(directory)


def _same(a, b) -> bool:
    """Deep equality that also compares dtypes of arrays and indexes and the kinds of containers."""
    if type(a) is not type(b):
        return False
    if isinstance(a, np.ndarray):
        return a.dtype == b.dtype and a.shape == b.shape and bool(np.all((a == b) | ((a != a) & (b != b))))
    if isinstance(a, pd.Index):
        return a.dtype == b.dtype and a.name == b.name and a.equals(b)
    if isinstance(a, pa.Array):
        return a.equals(b)
    if isinstance(a, dict):
        return list(a) == list(b) and all(_same(a[k], b[k]) for k in a)
    if isinstance(a, (list, tuple)):
        return len(a) == len(b) and all(_same(x, y) for x, y in zip(a, b))
    return a == b


def test_the_stored_state_is_data_and_reads_back_equal(tmp_path: Path) -> None:
    directory = load_directory(write(tmp_path / "data"), today=TODAY)
    index = partner_index(directory)
    index.prepare()
    find_partners(directory, QUERIES[0], today=TODAY)  # an experience and a programme line in the state too
    state = index.state()
    assert state["_evidence"]["_experience"] and state["_lines"] and state["_homes"]
    table = encode(state)
    assert isinstance(table, pa.Table)
    assert _same(decode(table), state)
    with pytest.raises(Unsupported):
        encode({"x": object()})
    with pytest.raises(Unsupported):
        encode({"x": np.array(["a", None], dtype=object)})


def test_no_pickle_is_read_or_left(tmp_path: Path) -> None:
    data, cache = write(tmp_path / "data"), tmp_path / "cache"
    directory = load_directory(data, today=TODAY)
    cache.mkdir(mode=0o700)
    legacy = partner_cache_file(directory, cache).with_suffix(".cache")
    legacy.write_bytes(b"network-partner-index\n" + pickle.dumps({"x": 1}))
    warm_partner_index(directory, cache, today=TODAY)
    assert not legacy.exists()
    assert partner_cache_file(directory, cache).read_bytes().startswith(b"network-cache-part arrow")


def test_the_stored_index_answers_on_its_own_and_only_for_its_day(tmp_path: Path) -> None:
    data, cache = write(tmp_path / "data"), tmp_path / "cache"
    directory = load_directory(data, today=TODAY)
    warm_partner_index(directory, cache, today=TODAY)
    expected = [[(c.id, c.score, c.reasons, c.path) for c in find_partners(directory, q, today=TODAY)] for q in QUERIES]
    stored = stored_partner_index(data, cache, today=TODAY)
    assert stored is not None and stored.directory is None
    answers = [[(c.id, c.score, c.reasons, c.path) for c in search_page(stored, q, TODAY).candidates] for q in QUERIES]
    assert answers == expected and all(answers)
    assert stored_partner_index(data, cache, today=TODAY + dt.timedelta(days=1)) is None, "another day: stale"
    assert stored_partner_index(tmp_path / "elsewhere", cache, today=TODAY) is None


def test_whether_a_current_index_is_stored_is_told_from_the_header(tmp_path: Path) -> None:
    data, cache = write(tmp_path / "data"), tmp_path / "cache"
    directory = load_directory(data, today=TODAY)
    assert not has_stored_partner_index(directory, cache, today=TODAY)
    assert not has_stored_partner_index(directory, None, today=TODAY)
    warm_partner_index(directory, cache, today=TODAY)
    assert has_stored_partner_index(directory, cache, today=TODAY)
    assert not has_stored_partner_index(directory, cache, today=TODAY + dt.timedelta(days=1))  # another day
    (data / "directory.toml").write_text('name = "Partner test"\nhome = "kis"\n', encoding="utf-8")
    assert not has_stored_partner_index(load_directory(data, today=TODAY), cache, today=TODAY)  # other files
    target = partner_cache_file(directory, cache)
    target.write_bytes(b"not a part" + target.read_bytes()[20:])
    assert not has_stored_partner_index(directory, cache, today=TODAY)  # a foreign file


def test_repeated_strings_read_back_as_one_object_each() -> None:
    """Types, countries, dates and themes repeat across the organisations: read back, each distinct string is one
    object (a string per row was ~16 MB of copies in the dashboard's server), and the values are as stored."""
    kinds = ["municipality", "university", "ngo", "municipality", ""] * 8
    themes = [("dance", "culture"), (), ("culture",), ("dance", "culture"), ("é", "")] * 8
    state = {
        "types": np.array(kinds, dtype=object),
        "empty": np.array([], dtype=object),
        "names": list(kinds),
        "themes": themes,
        "tuple": tuple(kinds),
    }
    back = decode(encode(state))
    assert back["types"].dtype == object and back["types"].tolist() == kinds
    assert back["empty"].dtype == object and len(back["empty"]) == 0
    assert back["names"] == kinds and back["themes"] == themes and back["tuple"] == tuple(kinds)
    assert isinstance(back["tuple"], tuple) and all(isinstance(t, tuple) for t in back["themes"])
    for values in (back["types"].tolist(), back["names"], [w for t in back["themes"] for w in t]):
        assert len({id(v) for v in values}) == len(set(values)), values
