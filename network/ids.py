"""How ids are compared: trimmed and lower case, the one rule for every lookup of a row by id.

Validation stores ids in lower case (``schema.ID_PATTERN``), but what a person types, what an edit form sends and
what older files or change-log entries hold may differ in case or surrounding spaces. Every place that finds a row
by id (editing, storage's change log, erasure, the dashboard's edit pages) compares through these two functions.
"""

from __future__ import annotations

import pandas as pd

__all__ = ["norm_id", "norm_ids"]


def norm_id(value: object) -> str:
    """An id as compared everywhere: ``" Region-Orebro "`` → ``"region-orebro"``; None → ``""``."""
    return str(value if value is not None else "").strip().lower()


def norm_ids(series: pd.Series) -> pd.Series:
    """``norm_id`` of every cell of a column, vectorised."""
    return series.astype(str).str.strip().str.lower()
