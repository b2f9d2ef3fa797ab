"""Fixtures shared by all tests. Plain helpers live in core_helpers.py (import them from there: a module named
`conftest` is ambiguous when several folders have one)."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Iterator

import pytest
from hypothesis import settings

from core_helpers import FIXTURES, SMALL_FILES, TODAY, load, state_of, write_directory, write_workbook  # noqa: F401
from network.directory import Directory

# Hypothesis profiles (tests/test_fast_paths.py, tests/test_hostile_input.py): "dev", the default, tries few examples
# per property so the fast run stays fast; "ci" (chosen when CI=true) tries as many as before. HYPOTHESIS_PROFILE
# picks one by name. A test's own ``@settings(max_examples=...)`` still wins over the profile.
settings.register_profile("dev", max_examples=10, deadline=None)
settings.register_profile("ci", max_examples=50, deadline=None)
settings.load_profile(
    os.environ.get("HYPOTHESIS_PROFILE") or ("ci" if os.environ.get("CI", "").lower() == "true" else "dev")
)


@pytest.fixture(scope="session")
def shared_cache_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """One warm-start cache folder (network/cache.py) for the whole session (per xdist worker): the CLI's and the
    dashboard tests' (``open_page``). A directory is kept per data path and used again while its content, the code
    and the day are unchanged, so tests that open the fixture folder again read it back (~25 ms) instead of
    validating it again (~0.5 s). A test that checks what is (not) in a cache folder uses its own."""
    return tmp_path_factory.mktemp("network-cache")


@pytest.fixture(autouse=True, scope="session")
def _cache_in_a_temporary_folder(shared_cache_dir: Path):
    """The CLI keeps loaded directories in $NETWORK_CACHE_DIR (network/cache.py): not in the user's home in tests."""
    previous = os.environ.get("NETWORK_CACHE_DIR")
    os.environ["NETWORK_CACHE_DIR"] = str(shared_cache_dir)
    # No partner warm-up process per dashboard test (ui/partner_warmup.py): its own tests turn it on.
    warmup = os.environ.get("NETWORK_PARTNER_WARMUP")
    os.environ["NETWORK_PARTNER_WARMUP"] = "0"
    yield
    if warmup is None:
        os.environ.pop("NETWORK_PARTNER_WARMUP", None)
    else:
        os.environ["NETWORK_PARTNER_WARMUP"] = warmup
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
def small(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Directory]:
    """The small directory, loaded once per test session (with ``TODAY`` as today). Read it; do not change it: a
    test that writes loads its own copy (``load(small_dir)``). Guarded: if any test changed it, the session ends with
    an error here (``core_helpers.state_of``; tests/test_shared_fixtures.py proves the guard sees a change)."""
    directory = load(write_directory(tmp_path_factory.mktemp("small"), SMALL_FILES))
    before = state_of(directory)
    yield directory
    assert state_of(directory) == before, (
        "a test changed the shared `small` directory (its tables, relations, graph or report); "
        "tests that change a directory must load their own copy with load(small_dir)"
    )
