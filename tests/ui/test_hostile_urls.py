"""Malformed and hostile query parameters on every page (AppTest): a bad value gives a note, never a traceback, and
is never run or followed. Each page gets every one of its parameters set to a different bad value in each run."""

from __future__ import annotations

import pytest
from dashboard_helpers import all_text, assert_ok

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

#: The parameters each page reads from its URL (see the pages' ``View``), and ``lang`` (every page).
PAGES: dict[str, tuple[str, ...]] = {
    "ui/pages/overview.py": ("group",),
    "ui/pages/explore.py": ("focus", "radius", "kinds", "rel", "countries", "themes", "on", "max", "node"),
    "ui/pages/directory.py": ("kind", "q", "types", "countries", "id"),
    "ui/pages/connections.py": ("from", "to", "k"),
    "ui/pages/partners.py": ("programme", "themes", "text", "countries", "types", "top", "flag", "any", "section"),
    "ui/pages/edit.py": ("id",),
    "ui/pages/import_page.py": ("mapping",),
}
BAD: tuple[str, ...] = (
    "<script>alert(1)</script>",
    "../../etc/passwd",
    "9" * 3000,
    "-1",
    "nan",
    "1e309",
    "2025-13-45",
    "a\x00b",
    ",,,;,",
    "javascript:alert(1)",
    "\u202eevil",
    "{{7*7}}",
)
RUNS = 3
#: A note for a bad value is expected where a page checks its parameters (free text such as q is just text).
CHECKED = {"ui/pages/explore.py", "ui/pages/connections.py", "ui/pages/overview.py", "ui/pages/directory.py"}


def _values(run: int, names: tuple[str, ...]) -> dict[str, str]:
    step = len(BAD) // RUNS
    return {name: BAD[(run * step + i) % len(BAD)] for i, name in enumerate(names)}


@pytest.mark.parametrize("page", list(PAGES))
def test_bad_query_parameters_give_a_note_not_a_traceback(app, page) -> None:
    for run in range(RUNS):
        params = _values(run, PAGES[page]) | {"lang": BAD[run]}
        at = app("single-user", page, params)
        assert_ok(at)
        assert not at.get("exception")
        text = all_text(at)
        assert "Traceback" not in text
        if page in CHECKED:
            assert "ignorerades" in text or "ignored" in text, (page, params)
        assert "9" * 100 not in text  # a long value is cut in the note
