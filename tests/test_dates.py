"""Partial dates end on the real last day of their month or year, everywhere (network/dates.py)."""

from __future__ import annotations

import datetime as dt

import pandas as pd
import pytest

from network.dates import latest_day, period_end, period_ends, period_start, period_starts


@pytest.mark.parametrize(
    ("written", "end"),
    [
        ("2023", "2023-12-31"),
        ("2023-01", "2023-01-31"),
        ("2023-02", "2023-02-28"),
        ("2024-02", "2024-02-29"),
        ("1900-02", "1900-02-28"),
        ("2000-02", "2000-02-29"),
        ("2023-04", "2023-04-30"),
        ("2023-12", "2023-12-31"),
        ("2023-04-05", "2023-04-05"),
        ("", ""),
        ("2023-13", "2023-13"),
        ("abcd", "abcd"),
    ],
)
def test_the_end_of_a_partial_date_is_the_real_end(written, end):
    assert period_end(written) == end
    assert period_ends(pd.Series([written, written, "2023"])).tolist() == [end, end, "2023-12-31"]


def test_starts():
    assert [period_start(d) for d in ("2023", "2023-02", "2023-02-14", "")] == [
        "2023-01-01",
        "2023-02-01",
        "2023-02-14",
        "",
    ]
    assert period_starts(pd.Series(["2023", "2023-02", ""])).tolist() == ["2023-01-01", "2023-02-01", ""]


def test_latest_day():
    assert latest_day("2024-02") == dt.date(2024, 2, 29)
    assert latest_day("2023") == dt.date(2023, 12, 31)
    assert latest_day("2023-06-15") == dt.date(2023, 6, 15)


def test_active_on_the_last_day_of_a_short_month_only():
    """queries.ViewFilter: a relation until 2023-04 is not active on 2023-04-31 (no such day) but is on 04-30."""
    from network.queries import ViewFilter

    attrs = {"since": "2020", "until": "2023-04"}
    assert ViewFilter(active_on="2023-04-30").edge_ok("member_of", attrs)
    assert not ViewFilter(active_on="2023-05-01").edge_ok("member_of", attrs)
    assert not ViewFilter(active_on="2023-04-31").edge_ok("member_of", attrs)
