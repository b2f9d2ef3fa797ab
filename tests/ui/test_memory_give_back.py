"""The server hands back memory it holds free (``ui.state.give_back_if_grown``): only after it grew by the
threshold since the last time, so a rerun that allocated little costs one read of /proc."""

from __future__ import annotations

import pytest

import ui.state as state


def test_memory_is_given_back_only_after_the_server_grew_by_the_threshold(monkeypatch: pytest.MonkeyPatch) -> None:
    resident = [500 * 2**20]
    calls: list[bool] = []
    monkeypatch.setattr(state, "_resident_bytes", lambda: resident[0])
    monkeypatch.setattr(state, "give_back_memory", lambda collect=False: calls.append(collect))
    monkeypatch.setattr(state, "_resident_after_trim", [resident[0]])
    resident[0] += state._TRIM_AFTER_GROWTH - 1
    state.give_back_if_grown()
    assert calls == []  # grew by less than the threshold: nothing done
    resident[0] += 1
    state.give_back_if_grown()
    assert calls == [False]  # no full garbage collection at the end of a rerun
    assert state._resident_after_trim[0] == resident[0]
    state.give_back_if_grown()
    assert calls == [False]  # measured again after giving back: not again until it grows


def test_nothing_is_given_back_where_the_resident_size_is_unknown(monkeypatch: pytest.MonkeyPatch) -> None:
    calls: list[bool] = []
    monkeypatch.setattr(state, "_resident_bytes", lambda: 0)
    monkeypatch.setattr(state, "give_back_memory", lambda collect=False: calls.append(collect))
    state.give_back_if_grown()
    assert calls == []


def test_give_back_memory_runs_here() -> None:
    state.give_back_memory(collect=True)  # glibc and pyarrow here: must not raise
    assert state._resident_bytes() > 0


def test_arrow_text_is_allocated_where_give_back_can_return_it(monkeypatch: pytest.MonkeyPatch) -> None:
    """Arrow's mimalloc kept ~110 MB a cold 60,000-organisation load freed; malloc's free memory malloc_trim returns."""
    pyarrow = pytest.importorskip("pyarrow")
    import pandas as pd

    before = pyarrow.default_memory_pool()
    try:
        monkeypatch.setenv("ARROW_DEFAULT_MEMORY_POOL", "jemalloc")
        pyarrow.set_memory_pool(pyarrow.mimalloc_memory_pool())
        state.use_system_allocator()
        assert pyarrow.default_memory_pool().backend_name == "mimalloc"  # a pool the operator chose is kept
        monkeypatch.delenv("ARROW_DEFAULT_MEMORY_POOL")
        state.use_system_allocator()
        assert pyarrow.default_memory_pool().backend_name == "system"
        held = pyarrow.system_memory_pool().bytes_allocated()
        column = pd.Series([f"organisation {i}" for i in range(10_000)], dtype="str")
        assert pyarrow.system_memory_pool().bytes_allocated() > held  # pandas' Arrow text comes from malloc now
        del column
    finally:
        pyarrow.set_memory_pool(before)
