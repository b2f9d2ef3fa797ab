"""A regular expression in an uploaded mapping must not freeze the server (issue 10, item 5).

Python's ``re`` holds the interpreter lock for a whole match, so one catastrophic pattern stopped every session for
minutes. Mapping patterns now run through ``network/patterns.py``: a time limit per search and per field, and the
lock released while matching. These tests prove both: the import stops with a message naming the key, the pattern
and the row, and another thread keeps counting while the pattern runs.
"""

from __future__ import annotations

import threading
from pathlib import Path

import pytest

from network import importing, patterns
from network.import_mapping import MappingError, parse_mapping

CATASTROPHIC = r"^(a|aa)+$"  # backtracks exponentially, in re and in regex alike
CELL = "a" * 40 + "!"


def _mapping(pattern: str) -> object:
    return parse_mapping(
        {
            "organisation": {"name": {"column": "Name", "pattern": pattern}, "country": "Country"},
            "group": {"kind": "network", "name": "Network"},
            "relation": {"type": "member_of"},
        },
        "hostile.toml",
    )


def _table(cell: str) -> importing.ForeignTable:
    text = f"Name,Country,Network\nRegion Örebro län,SE,REVES\n{cell},SE,REVES\n"
    return importing.read_table(text.encode(), "members.csv")


@pytest.fixture
def quick(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(patterns, "MATCH_TIMEOUT_SECONDS", 0.3)


def test_the_pattern_of_the_issue_no_longer_backtracks(small_dir: Path) -> None:
    # ^(a+)+$ on a 31-character cell took 35 s with re; the regex engine answers at once.
    report = importing.plan_import(small_dir, _table("a" * 31 + "!"), _mapping(r"^(a+)+$")).report
    assert report.rows_read == 2 and [s.row for s in report.skipped] == [2, 3]  # neither name matches


def test_a_pattern_that_runs_out_of_time_stops_the_import_naming_key_pattern_and_row(quick, small_dir: Path) -> None:
    with pytest.raises(MappingError) as info:
        importing.plan_import(small_dir, _table(CELL), _mapping(CATASTROPHIC))
    message = str(info.value)
    assert "hostile.toml: organisation.name.pattern" in message
    assert CATASTROPHIC in message and "on row 3" in message and "nothing was written" in message


def test_other_threads_keep_running_while_a_pattern_runs(quick) -> None:
    searcher = patterns.Searcher(CATASTROPHIC)  # compiled before counting: only the search is measured
    count, stop = [0], threading.Event()

    def counter() -> None:
        while not stop.is_set():
            count[0] += 1

    thread = threading.Thread(target=counter)
    thread.start()
    try:
        before = count[0]
        with pytest.raises(patterns.PatternTimeout):
            searcher.first(CELL)
        during = count[0] - before
    finally:
        stop.set()
        thread.join()
    # A search that held the interpreter lock (re) would let the counter advance by nothing at all.
    assert during > 10_000


def test_an_invalid_pattern_is_refused_when_the_mapping_is_read() -> None:
    with pytest.raises(MappingError, match="organisation.name.pattern is not a valid regular expression"):
        _mapping("(unclosed")
