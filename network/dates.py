"""Partial dates ("2023", "2023-02", "2023-02-14") as the days they stand for: the one place that says so.

The data format allows ``YYYY``, ``YYYY-MM`` and ``YYYY-MM-DD`` (``schema.DATE_PATTERN``). Comparing such dates
needs a day: "2023-02" *starts* on 2023-02-01 and *ends* on 2023-02-28 (2024-02-29 in a leap year). Date order
checks, "active on" filters, stale rows, age rules and the partner finder's "last contact" all complete dates here,
so they cannot disagree about which day a month ends on. Values that are not partial dates (empty, a full date, or
text that validation reports as a bad date) are returned unchanged.
"""

from __future__ import annotations

import calendar
import datetime as dt
from functools import lru_cache

import pandas as pd

from .distinct import each_distinct

__all__ = ["latest_day", "period_end", "period_ends", "period_start", "period_starts"]


def period_start(date: str) -> str:
    """The first day a written date allows: "2023" → "2023-01-01", "2023-02" → "2023-02-01"."""
    if len(date) == 4:
        return date + "-01-01"
    if len(date) == 7:
        return date + "-01"
    return date


@lru_cache(maxsize=4096)
def period_end(date: str) -> str:
    """The last day a written date allows: "2023" → "2023-12-31", "2023-02" → "2023-02-28", "2024-02" →
    "2024-02-29". A month that is not a month ("2023-13") is returned unchanged (validation reports it)."""
    if len(date) == 4 and date.isdigit():
        return date + "-12-31"
    if len(date) == 7 and date[4] == "-" and date[:4].isdigit() and date[5:].isdigit() and 1 <= int(date[5:]) <= 12:
        return f"{date}-{calendar.monthrange(int(date[:4]), int(date[5:]))[1]:02d}"
    return date


def period_starts(series: pd.Series) -> pd.Series:
    """``period_start`` of every value of a column of strings, vectorised."""
    length = series.str.len()
    return series.where(length != 4, series + "-01-01").where(length != 7, series + "-01")


def period_ends(series: pd.Series) -> pd.Series:
    """``period_end`` of every value of a column of strings: only the partial dates are completed (once per
    distinct value, so a million relations with a few hundred distinct months cost a few hundred calls)."""
    partial = series.str.len().isin((4, 7))
    if not partial.any():
        return series
    out = series.copy()
    out[partial] = each_distinct(series[partial], lambda v: period_end(str(v))).to_numpy()
    return out


def latest_day(date: str) -> dt.date:
    """The latest day a written (valid) date allows, as a date: safe for "at least N years old" rules."""
    return dt.date.fromisoformat(period_end(date))
