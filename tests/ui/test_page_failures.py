"""The page edge (issue 10, item 4): an unexpected error inside a page shows a reference number, never a traceback,
and the log gets the error's type and stack under that reference but not its message (which may hold personal
data); hostile uploads on the Import page get a clear message."""

from __future__ import annotations

import logging
import re
import sys
from pathlib import Path

import pytest
import streamlit as st
from dashboard_helpers import ROOT, TIMEOUT, all_text, assert_ok
from streamlit.testing.v1 import AppTest

import network.queries
import ui.profile  # noqa: F401  (bound to the real `neighbours` before a test patches it; see below)
from ui.i18n import EN, SV

sys.path.insert(0, str(ROOT / "tests"))
from hostile_builders import billion_laughs, inline, wide_csv, xlsx  # noqa: E402
from markdown_audit import visible_text

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

IMPORT_PAGE = "ui/pages/import_page.py"
PRIVATE = "anna.exempel@example.org"


@pytest.mark.smoke
def test_an_error_inside_a_page_shows_a_reference_and_no_traceback(
    open_page, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
) -> None:
    def broken(*args: object, **kwargs: object) -> None:
        raise RuntimeError(f"a message that quotes data: {PRIVATE}")

    # Only the page script sees the patch: a module that does `from network.queries import neighbours` while the
    # patch is in place would keep `broken` for the rest of the session (ui.profile is imported above for that).
    monkeypatch.setattr(network.queries, "neighbours", broken)
    st.cache_resource.clear()  # Overview keeps its tables per data version: an earlier test's must not hide the error
    with caplog.at_level(logging.ERROR, logger="network.ui.failures"):
        at = open_page("overview")
    assert_ok(at)  # nothing reached Streamlit's own exception display
    [error] = [e.value for e in at.error if "E-" in e.value]
    reference = re.search(r"E-[0-9A-F]{8}", error).group(0)
    assert error == SV["app.failure"].format(reference=reference)
    assert "Traceback" not in all_text(at) and PRIVATE not in all_text(at)
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert reference in logged and "RuntimeError" in logged and "overview.py" in logged
    assert PRIVATE not in logged
    assert EN["app.failure"] != SV["app.failure"] and "{reference}" in EN["app.failure"]


@pytest.fixture
def import_page(monkeypatch: pytest.MonkeyPatch, data_copy: Path):
    def open_() -> AppTest:
        monkeypatch.setenv("NETWORK_DATA", str(data_copy))
        at = AppTest.from_file(str(ROOT / "network_app.py"), default_timeout=TIMEOUT)
        at.run()
        return at.switch_page(IMPORT_PAGE).run()

    return open_


@pytest.mark.parametrize(
    ("name", "data", "expected"),
    [
        ("partners.csv", wide_csv(), "100,000 kolumner"),  # in Swedish, as the page speaks
        ("partners.xlsx", xlsx('<row r="50000000">' + inline("A50000000", "x") + "</row>"), "rad 50,000,000"),
        (
            "bomb.xlsx",
            xlsx('<row r="1">' + inline("A1", "&lol9;") + "</row>", prolog=billion_laughs()),
            "entitetsdefinitioner",
        ),
    ],
    ids=["100k-columns", "row-50-million", "entity-bomb"],
)
def test_a_hostile_upload_gets_a_clear_message(import_page, name: str, data: bytes, expected: str) -> None:
    at = import_page().file_uploader(key="import.file").set_value((name, data, "application/octet-stream")).run()
    assert_ok(at)
    [error] = [visible_text(e.value) for e in at.error]  # as the reader sees it: no Markdown escapes
    assert expected in error and name in error and "Traceback" not in all_text(at)
