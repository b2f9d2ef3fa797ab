"""Work done once per distinct value of a column, not once per row: the one helper for it.

A million relations repeat a few types, dates and roles, and a few hundred thousand ids; a 144,726-row import file
repeats its countries and programmes. Functions that pandas must run in Python (regexes with ``\\s``, Unicode
normalisation, parsing dates, folding names) then run once per distinct value, with the same result.
"""

from __future__ import annotations

from typing import Any, Callable, Sequence

import numpy as np
import pandas as pd

__all__ = ["per_value", "per_value_columns", "each_distinct", "each_distinct_batch"]

#: Below this many rows, computing a column's checks once per distinct value saves nothing.
PER_VALUE_MIN_ROWS = 5000


def per_value(series: pd.Series, func: Callable[[pd.Series], pd.Series]) -> pd.Series:
    """``func(series)`` for an element-wise, vectorised ``func``, computed once per distinct value when values
    repeat (validation's column checks). Small or mostly distinct columns are passed to ``func`` whole."""
    if len(series) < PER_VALUE_MIN_ROWS:
        return func(series)
    codes, uniques = pd.factorize(series, use_na_sentinel=False)
    if 2 * len(uniques) > len(series):
        return func(series)
    result = func(pd.Series(uniques, dtype=series.dtype, name=series.name)).take(codes)
    result.index = series.index
    return result


def per_value_columns(columns: Sequence[pd.Series], func: Callable[[pd.Series], pd.Series]) -> list[pd.Series]:
    """``per_value(column, func)`` for each of ``columns``, computed in one call of ``func`` when they are small.

    pandas costs about the same per operation for 12 cells as for a thousand (0.1-1 ms), so the ten columns of a
    small table cost ten times what one column holding all their cells does: small columns of one dtype are joined,
    ``func`` (element-wise) runs once, and its result is cut back into columns, each with its own index and name.
    Large columns go through ``per_value`` one by one, as before."""
    if len(columns) < 2 or sum(map(len, columns)) >= PER_VALUE_MIN_ROWS or len({c.dtype for c in columns}) > 1:
        return [per_value(column, func) for column in columns]
    filled = [column for column in columns if len(column)]
    if not filled:
        return [func(column) for column in columns]
    result = func(pd.concat(filled, ignore_index=True))
    parts, start = [], 0
    for column in columns:
        if not len(column):  # its own call: the joined result's dtype comes from values an empty column lacks
            parts.append(func(column))
            continue
        part = result.iloc[start : start + len(column)]
        part.index, part.name = column.index, column.name
        parts.append(part)
        start += len(column)
    return parts


def each_distinct_batch(series: pd.Series, func: Callable[[list[Any]], Sequence[Any]]) -> pd.Series:
    """``func`` called once with the distinct values (and ``""`` for an empty cell), its results spread back
    over the rows. The result holds plain Python objects (``object``): pandas' Arrow strings are slow to build and
    to iterate value by value, which the importer does a lot."""
    codes, uniques = pd.factorize(series.to_numpy(dtype=object))
    results = np.empty(len(uniques) + 1, dtype=object)
    results[:] = list(func([*uniques, ""]))  # the last one is for code -1: a missing value
    return pd.Series(results[codes], index=series.index, dtype=object)


def each_distinct(series: pd.Series, func: Callable[[str], Any]) -> pd.Series:
    """``func`` applied once per distinct value of ``series`` (see ``each_distinct_batch``)."""
    return each_distinct_batch(series, lambda values: [func(v) for v in values])
