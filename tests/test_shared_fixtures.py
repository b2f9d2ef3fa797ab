"""The session-wide ``small`` directory (tests/conftest.py) is shared read-only by many tests, which is what keeps the
fast run fast. Its guard, ``core_helpers.state_of``, is compared before and after the session; these tests prove the
guard notices each kind of change a test could make, on a copy of its own, never on the shared one."""

from __future__ import annotations

from copy import deepcopy

import pytest
from core_helpers import SMALL_FILES, load, state_of, write_directory

from network.directory import Directory
from network.problems import Problem


@pytest.fixture(scope="module")
def loaded(tmp_path_factory: pytest.TempPathFactory) -> Directory:
    """The small directory loaded once more, in a folder of its own (not the shared ``small``)."""
    return load(write_directory(tmp_path_factory.mktemp("copy"), SMALL_FILES))


@pytest.fixture
def copy(loaded: Directory) -> Directory:
    """A deep copy for one test to change (loading again for each test would cost ~0.5 s CPU)."""
    return deepcopy(loaded)


def test_the_same_files_give_the_same_state(loaded: Directory, copy: Directory, small: Directory) -> None:
    """A fresh load of the same files in another folder differs from the shared one only in its path; a deep copy
    has the same state as what it copies."""
    assert state_of(copy) == state_of(loaded)
    assert state_of(copy) != state_of(small)
    copy.path = small.path
    assert state_of(copy) == state_of(small)


def _set_cell(d: Directory) -> None:
    frame = d.tables["organisation"]
    frame.loc[frame.index[0], "city"] = "Elsewhere"


@pytest.mark.parametrize(
    "change",
    [
        _set_cell,
        lambda d: d.relations.__setitem__("note", "changed"),
        lambda d: d.graph.nodes["comune-x"].__setitem__("name", "Comune di Y"),
        lambda d: d.graph.add_edge("comune-x", "athens-lab", key="collaborates_with"),
        lambda d: d.graph.remove_node("lille-theatre"),
        lambda d: d.report.add(Problem("warning", "organisations.csv", 2, "name", "x", "a test added this")),
        lambda d: d.sources.clear(),
    ],
    ids=["table cell", "relation row", "node attribute", "edge", "node", "report", "sources"],
)
def test_the_guard_sees_every_kind_of_change(copy: Directory, change) -> None:
    before = state_of(copy)
    change(copy)
    assert state_of(copy) != before
