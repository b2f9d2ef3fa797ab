"""The partner finder's warm start: the prepared index read back gives the same answers; anything odd is a miss."""

from __future__ import annotations

from pathlib import Path

from network import load_directory
from network.partner_cache import partner_cache_file, warm_partner_index
from network.partners import PartnerQuery, find_partners, partner_index
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
    expected = _answers(directory)
    warm_partner_index(directory, cache, today=TODAY)
    target = partner_cache_file(directory, cache)
    target.write_bytes(target.read_bytes()[:200])  # cut short
    again = load_directory(data, today=TODAY)
    warm_partner_index(again, cache, today=TODAY)
    assert _answers(again) == expected
    (data / "directory.toml").write_text('name = "Partner test"\nhome = "kis"\n', encoding="utf-8")
    other = load_directory(data, today=TODAY)
    assert warm_partner_index(other, cache, today=TODAY).home_view("kis").home == "kis"


def test_no_cache_dir_builds_in_memory(tmp_path: Path) -> None:
    directory = load_directory(write(tmp_path / "data"), today=TODAY)
    assert warm_partner_index(directory, None) is partner_index(directory)
