"""Fixtures shared by all tests. Plain helpers live in core_helpers.py (import them from there: a module named
`conftest` is ambiguous when several folders have one)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from core_helpers import FIXTURES, SMALL_FILES, TODAY, load, write_directory, write_workbook  # noqa: F401
from network.directory import Directory


@pytest.fixture(autouse=True, scope="session")
def _cache_in_a_temporary_folder(tmp_path_factory: pytest.TempPathFactory):
    """The CLI keeps loaded directories in $NETWORK_CACHE_DIR (network/cache.py): not in the user's home in tests."""
    previous = os.environ.get("NETWORK_CACHE_DIR")
    os.environ["NETWORK_CACHE_DIR"] = str(tmp_path_factory.mktemp("network-cache"))
    yield
    if previous is None:
        os.environ.pop("NETWORK_CACHE_DIR", None)
    else:
        os.environ["NETWORK_CACHE_DIR"] = previous


@pytest.fixture
def small_files() -> dict[str, str | bytes]:
    """A fresh copy of ``SMALL_FILES`` that a test may change before writing it."""
    return dict(SMALL_FILES)


@pytest.fixture
def small_dir(tmp_path: Path) -> Path:
    """The folder of the small, valid directory."""
    return write_directory(tmp_path / "small", SMALL_FILES)


@pytest.fixture(scope="session")
def small(tmp_path_factory: pytest.TempPathFactory) -> Directory:
    """The small directory, loaded once per test session (with ``TODAY`` as today). Read it; do not change it."""
    return load(write_directory(tmp_path_factory.mktemp("small"), SMALL_FILES))
