"""The server's start (``ui/server.py``): ``streamlit run network_app.py`` serves an ``st.App`` whose lifespan
prepares the first visit; the prepared directory is the one the pages read, a folder changed later is read again,
and nothing at the start can keep the server from starting or put data in the log."""

from __future__ import annotations

import asyncio
import logging
from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest
from streamlit.web.server.app_discovery import discover_asgi_app

from dashboard_helpers import ROOT, TIMEOUT, all_text

import network.search
import ui.app
import ui.overview_tables
import ui.server
from ui.i18n import SV
from ui.state import preload_directory


def _shown_directory() -> None:
    """An AppTest script: what ``get_directory`` gives a page (its object id and its organisations)."""
    import streamlit as st

    from ui.state import get_directory

    directory = get_directory()
    st.write(f"id={id(directory)}")
    st.write(f"organisations={len(directory.tables['organisation'])}")


def _page_sees(monkeypatch: pytest.MonkeyPatch) -> dict[str, int]:
    monkeypatch.setattr("ui.auth.request_headers", lambda: {"host": ["localhost:8501"]})
    at = AppTest.from_function(_shown_directory, default_timeout=TIMEOUT).run()
    assert not at.exception
    return dict((part.split("=")[0], int(part.split("=")[1])) for part in (m.value for m in at.markdown))


@pytest.fixture
def served(monkeypatch: pytest.MonkeyPatch, data_copy: Path, tmp_path: Path) -> Path:
    """A server's environment: the data folder (a copy the test may change) and its own cache folder."""
    monkeypatch.setenv("NETWORK_DATA", str(data_copy))
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(tmp_path / "cache"))
    return data_copy


def test_streamlit_run_serves_the_app_with_its_start():
    found = discover_asgi_app(ROOT / "network_app.py")
    assert found.is_asgi_app and found.import_string == "network_app:app"
    source = (ROOT / "network_app.py").read_text(encoding="utf-8")
    assert "lifespan=lifespan" in source and "from ui.server import lifespan" in source


def test_the_prepared_directory_is_the_one_the_first_page_reads(served: Path, monkeypatch: pytest.MonkeyPatch):
    ui.app.prepare()
    prepared = preload_directory()  # the same cache entry again: the same object
    assert prepared is not None and prepared.pending_graph is None  # the graph was built at the start
    assert _page_sees(monkeypatch) == {"id": id(prepared), "organisations": len(prepared.tables["organisation"])}


def test_the_first_search_finds_the_search_index_built_at_the_start(served: Path, monkeypatch: pytest.MonkeyPatch):
    """Building the typo-tolerant index took ~1 s of the first search (Explore, Edit's picker) at 60,000
    organisations; the start builds it once."""
    ui.app.prepare()
    prepared = preload_directory()
    assert prepared is not None and "search_index" in vars(prepared)
    built: list[int] = []
    real = network.search._FuzzyIndex.__init__
    monkeypatch.setattr(
        network.search._FuzzyIndex, "__init__", lambda self, keys: built.append(len(keys)) or real(self, keys)
    )
    assert network.search.search(prepared, "Dansresidns")  # a typo: the fuzzy part answers
    assert built == []


def test_overview_for_a_single_user_finds_its_tables_made_at_the_start(served: Path, monkeypatch: pytest.MonkeyPatch):
    ui.app.prepare()
    made: list[str] = []
    for name in ("home_networks", "verified_tables", "_grouped_problems", "_legal_basis_frame"):
        monkeypatch.setattr(ui.overview_tables, name, lambda *args, name=name, **kwargs: made.append(name))
    at = AppTest.from_file(str(ROOT / "network_app.py"), default_timeout=TIMEOUT).run()  # this computer: admin
    assert not at.exception
    assert made == []  # every table came from the start's preparations
    assert SV["overview.title"] in [title.value for title in at.title]


def test_a_folder_changed_after_the_start_is_read_again(served: Path, monkeypatch: pytest.MonkeyPatch):
    ui.app.prepare()
    prepared = preload_directory()
    assert prepared is not None
    organisations = served / "organisations.csv"
    organisations.write_text(
        organisations.read_text(encoding="utf-8") + "new-org,Ny förening,association,SE,Örebro,,,,,,,\n",
        encoding="utf-8",
    )
    seen = _page_sees(monkeypatch)
    assert seen["id"] != id(prepared)
    assert seen["organisations"] == len(prepared.tables["organisation"]) + 1


def test_a_folder_that_cannot_be_read_does_not_stop_the_start(
    served: Path, monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture, open_page, tmp_path: Path
):
    missing = tmp_path / "nowhere-ann.andersson@example.se"
    monkeypatch.setenv("NETWORK_DATA", str(missing))
    caplog.set_level(logging.DEBUG)
    ui.app.prepare()  # does not raise
    assert preload_directory() is None
    assert "could not be prepared" in caplog.text
    assert "ann.andersson" not in caplog.text  # no path, no message: types and stack frames only
    at = open_page("overview", data=missing)  # the first page explains it, as without the start
    assert not at.exception
    assert SV["state.source_error_title"] in all_text(at)


def test_a_failed_preparation_is_logged_without_its_message_and_the_server_starts(
    monkeypatch: pytest.MonkeyPatch, caplog: pytest.LogCaptureFixture
):
    def fails() -> None:
        message = "cell value " + "ann.andersson@example.se"  # the log shows the code's lines, not this value
        raise RuntimeError(message)

    monkeypatch.setattr(ui.app, "prepare", fails)
    caplog.set_level(logging.DEBUG)
    served: list[bool] = []

    async def start() -> None:
        async with ui.server.lifespan(None):
            served.append(True)

    asyncio.run(start())
    assert served == [True]
    assert "RuntimeError" in caplog.text and "ann.andersson" not in caplog.text


def test_the_start_does_the_once_per_process_work_of_the_first_run(served: Path, monkeypatch: pytest.MonkeyPatch):
    """Streamlit's check at a process's first element (``env_util.is_repl`` walks ``inspect.stack()``) resolved the
    real path of every loaded module's file in the first visitor's run; the sidebar's date read every row's date."""
    import inspect
    import os.path

    from streamlit.env_util import is_repl

    inspect.modulesbyfile.clear()  # as in a fresh server process: nothing looked up yet
    inspect._filesbymodname.clear()
    ui.app.prepare()
    prepared = preload_directory()
    assert prepared is not None and "data_date" in vars(prepared)  # computed at the start, not in the first run
    resolved: list[str] = []
    real = os.path.realpath
    monkeypatch.setattr(os.path, "realpath", lambda path, *args, **kwargs: resolved.append(path) or real(path))
    is_repl()  # what the first element of the first run does
    assert len(resolved) < 20, f"{len(resolved)} module paths resolved in the first run"


def test_the_pages_do_not_need_streamlit_magic():
    """``runner.magicEnabled = false`` (.streamlit/config.toml) saves rewriting each page's syntax tree at its first
    visit; no page may rely on magic (a bare expression shown as if written with ``st.write``)."""
    import ast
    import tomllib

    config = tomllib.loads((ROOT / ".streamlit" / "config.toml").read_text(encoding="utf-8"))
    assert config["runner"]["magicEnabled"] is False
    bare = []
    for path in [ROOT / "network_app.py", *sorted((ROOT / "ui" / "pages").glob("*.py"))]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            body = getattr(node, "body", None)
            for index, statement in enumerate(body if isinstance(body, list) else []):
                docstring = index == 0 and isinstance(getattr(statement, "value", None), ast.Constant)
                if isinstance(statement, ast.Expr) and not isinstance(statement.value, ast.Call) and not docstring:
                    bare.append(f"{path.name}:{statement.lineno}")
    assert bare == [], f"bare expressions that magic would have shown: {bare}"
