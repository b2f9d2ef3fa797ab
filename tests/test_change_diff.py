"""The change log's diff of a table skips the rows that are equal at the same position in the old and new table
(``storage._same_positions``); it must describe every change exactly as hashing and comparing every row did.

Each test computes the description both ways: as the save does, and with ``_same_positions`` marking no row (every
row hashed and compared: the way before the shortcut), on random old tables and new tables made from them by
updates, removals, insertions, appends and repeated rows (hypothesis), and requires the same rows, order and counts.
``storage.conform`` returns a frame that is already conformed as it is (``storage._conformed``): the same frame as
converting it, on random frames.
"""

from __future__ import annotations

import os
from unittest.mock import patch

import numpy as np
import pandas as pd
from hypothesis import given, settings
from hypothesis import strategies as st

from network import schema, storage

FAST = (
    settings(max_examples=int(os.environ["FAST_PATH_EXAMPLES"]), deadline=None)
    if os.environ.get("FAST_PATH_EXAMPLES")
    else settings(deadline=None)
)

IDS = [f"o{i}" for i in range(8)] + ["O1 ", " o2"]  # ids that norm_id makes equal to others
NAMES = ["A", "B", "Örebro", ""]


def _every_row_hashed(old: pd.DataFrame, new: pd.DataFrame) -> np.ndarray:
    return np.zeros(min(len(old), len(new)), dtype=bool)


def _both_ways(table: schema.Table, old: pd.DataFrame, new: pd.DataFrame, detail: int) -> tuple:
    fast = storage._diff_table(table, old, new, detail)
    with patch.object(storage, "_same_positions", _every_row_hashed):
        slow = storage._diff_table(table, old, new, detail)
    return fast, slow


entity_rows = st.lists(
    st.tuples(st.sampled_from(IDS), st.sampled_from(NAMES), st.sampled_from(["SE", "DE", ""])), max_size=12
)
relation_rows = st.lists(
    st.tuples(st.sampled_from(IDS[:4]), st.sampled_from(IDS[:4]), st.sampled_from(["partner", "member"])),
    max_size=12,
)
# an edit of the old rows: (operation, position, row) applied in turn
edits = st.lists(
    st.tuples(st.sampled_from(["update", "remove", "insert", "append", "repeat"]), st.integers(0, 20)), max_size=6
)


def _edited(rows: list[tuple], ops: list[tuple[str, int]], fresh: list[tuple]) -> list[tuple]:
    out = list(rows)
    for n, (op, at) in enumerate(ops):
        row = fresh[n % len(fresh)] if fresh else ("o9", "Z", "FI")[: len(rows[0]) if rows else 3]
        if op == "append" or not out:
            out.append(row)
        elif op == "update":
            out[at % len(out)] = row
        elif op == "remove":
            del out[at % len(out)]
        elif op == "insert":
            out.insert(at % len(out), row)
        else:
            out.append(out[at % len(out)])
    return out


def _frame(rows: list[tuple], columns: tuple[str, ...]) -> pd.DataFrame:
    return pd.DataFrame([list(r) for r in rows], columns=list(columns), dtype=object)


@FAST
@given(entity_rows, edits, entity_rows, st.sampled_from([0, 2, 1000]))
def test_an_entity_table_is_described_as_from_every_row(old_rows, ops, fresh, detail) -> None:
    columns = ("id", "name", "country")
    old = _frame(old_rows, columns)
    new = _frame(_edited(old_rows, ops, fresh), columns)
    fast, slow = _both_ways(schema.ORGANISATIONS, old, new, detail)
    assert fast == slow


@FAST
@given(relation_rows, edits, relation_rows, st.sampled_from([0, 2, 1000]))
def test_a_relation_table_is_described_as_from_every_row(old_rows, ops, fresh, detail) -> None:
    columns = ("source", "target", "type")
    old = _frame(old_rows, columns)
    new = _frame(_edited(old_rows, ops, fresh), columns)
    fast, slow = _both_ways(schema.RELATIONS_TABLE, old, new, detail)
    assert fast == slow


def test_an_import_that_appends_to_a_large_table_is_counted_without_listing() -> None:
    """More changes than are listed: the counts alone, the same both ways (relations with a repeated row too)."""
    old = _frame([(f"o{i}", f"o{i + 1}", "partner") for i in range(300)] * 2, ("source", "target", "type"))
    new = pd.concat([old, old.iloc[:50], _frame([("x", "y", "member")] * 5, tuple(old.columns))], ignore_index=True)
    new.iloc[7, 2] = "member"
    fast, slow = _both_ways(schema.RELATIONS_TABLE, old, new, 10)
    assert fast == slow
    # 49 repeated rows (row 7's copy is now the only one besides row 307), 5 new, row 7 as "member"
    assert fast[0] == [] and dict(fast[1]) == {"added": 55}


def test_a_cell_that_is_not_a_string_is_compared_as_before() -> None:
    """``hash_pandas_object`` hashes mixed values by their text; 1 and 1.0 are equal in Python but not as text."""
    old = _frame([("o1", "A", 1), ("o2", "B", "SE")], ("id", "name", "country"))
    new = _frame([("o1", "A", 1.0), ("o2", "B", "SE")], ("id", "name", "country"))
    fast, slow = _both_ways(schema.ORGANISATIONS, old, new, 10)
    assert fast == slow


CELLS = st.one_of(st.sampled_from(["", "a", "Örebro", " x "]), st.none(), st.just(float("nan")), st.integers(0, 3))


@FAST
@given(
    st.lists(st.sampled_from(["id", "name", "country", "extra"]), min_size=1, max_size=4, unique=True),
    st.lists(st.lists(CELLS, min_size=4, max_size=4), max_size=5),
    st.sampled_from([object, "str"]),
    st.booleans(),
)
def test_conform_returns_a_conformed_frame_as_converting_it(columns, rows, dtype, all_columns) -> None:
    names = list(schema.NETWORKS.column_names) if all_columns else columns
    data = {c: [r[i % 4] for r in rows] for i, c in enumerate(names)}
    frame = pd.DataFrame(data, columns=names).astype(dtype)
    for candidate in (frame, storage.conform(frame, schema.NETWORKS)):  # a raw frame, and a conformed one
        fast = storage.conform(candidate, schema.NETWORKS)
        with patch.object(storage, "_conformed", lambda *_: False):
            slow = storage.conform(candidate, schema.NETWORKS)
        pd.testing.assert_frame_equal(fast, slow, check_exact=True, check_column_type=True, check_index_type=True)
        assert [type(v) for v in fast.to_numpy().ravel()] == [type(v) for v in slow.to_numpy().ravel()]
