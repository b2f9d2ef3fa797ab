"""The warm-start cache is this user's alone and cannot run code (issue 10, item 2; docs/security.md).

Before: the dashboard kept a pickle in ``$TMPDIR/network-cache``; another local user who made that folder first
could plant a file and run code as the dashboard's user. These tests plant files the way that user would (the
tests run as root, so ``os.chown`` can hand a folder or a file to another user id) and check that nothing planted
is read, nothing is written where others can write, and a pickle payload never runs.
"""

from __future__ import annotations

import ast
import dataclasses
import datetime as dt
import os
import pickle
import shutil
import stat
import tempfile
from pathlib import Path

import networkx as nx
import pytest

from core_helpers import FIXTURES, SMALL_FILES, TODAY, write_directory
from network import cache, cache_format, cli, load_directory
from network.directory import Directory
from test_cache import _same

# Slow as a module: each test loads and validates a directory, often several times (~0.5 s CPU a load). The full run
# (`-m ""`, CI) has every test; the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

OTHER_USER = 4242
needs_root = pytest.mark.skipif(os.geteuid() != 0, reason="giving a file to another user needs root")


def _load(path: Path, cache_dir: Path) -> tuple[Directory, list[str]]:
    steps: list[str] = []
    directory = load_directory(path, progress=lambda step, _done: steps.append(step), today=TODAY, cache_dir=cache_dir)
    return directory, steps


def _plant_valid_file(data: Path, folder: Path, tmp_path: Path) -> Path:
    """A genuine cache file for ``data``, made in a private folder and copied into ``folder`` (mode 0600, ours)."""
    private = tmp_path / "private-cache"
    load_directory(data, today=TODAY, cache_dir=private)
    source = cache.cache_file(data, private)
    planted = folder / source.name
    shutil.copyfile(source, planted)
    planted.chmod(0o600)
    assert _load(data, private)[1] == ["cache", "done"]  # the file itself is good: a hit where it was made
    return planted


def _listing(folder: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.lstat().st_size, p.lstat().st_mtime_ns) for p in folder.iterdir()}


# --- the folder ------------------------------------------------------------------------------------------------


@needs_root
def test_a_folder_of_another_user_is_refused_and_nothing_there_is_read_or_written(
    small_dir: Path, tmp_path: Path
) -> None:
    theirs = tmp_path / "theirs"
    theirs.mkdir(mode=0o700)
    _plant_valid_file(small_dir, theirs, tmp_path)  # would be a hit if the folder were trusted
    os.chown(theirs, OTHER_USER, OTHER_USER)
    before = _listing(theirs)
    refusal = cache.check_cache_dir(theirs)
    assert refusal is not None and refusal.reason == "not-owner" and refusal.owner == OTHER_USER
    assert str(theirs) in str(refusal) and "NETWORK_CACHE_DIR" in str(refusal)
    directory, steps = _load(small_dir, theirs)
    assert "read" in steps  # loaded from the files, the planted copy ignored
    _same(load_directory(small_dir, today=TODAY), directory)
    assert _listing(theirs) == before  # and nothing written there
    assert cache.forget(small_dir, theirs) == 0 and _listing(theirs) == before


@pytest.mark.parametrize("mode", [0o770, 0o707, 0o777, 0o1777])
def test_a_folder_others_can_write_is_refused(small_dir: Path, tmp_path: Path, mode: int) -> None:
    shared = tmp_path / "shared"
    shared.mkdir()
    _plant_valid_file(small_dir, shared, tmp_path)
    shared.chmod(mode)
    before = _listing(shared)
    refusal = cache.check_cache_dir(shared)
    assert refusal is not None and refusal.reason == "writable-by-others" and refusal.mode == mode
    assert f"chmod 700 '{shared}'" in str(refusal)
    directory, steps = _load(small_dir, shared)
    assert "read" in steps and directory.report.ok
    assert _listing(shared) == before


def test_a_folder_that_is_a_symbolic_link_is_refused(small_dir: Path, tmp_path: Path) -> None:
    real = tmp_path / "real"
    real.mkdir(mode=0o700)
    _plant_valid_file(small_dir, real, tmp_path)
    link = tmp_path / "link"
    link.symlink_to(real)
    before = _listing(real)
    refusal = cache.check_cache_dir(link)
    assert refusal is not None and refusal.reason == "symlink"
    directory, steps = _load(small_dir, link)
    assert "read" in steps and directory.report.ok
    assert _listing(real) == before
    assert _load(small_dir, real)[1] == ["cache", "done"]  # the same file through the real path is a hit


def test_a_file_where_the_folder_should_be_is_refused(small_dir: Path, tmp_path: Path) -> None:
    blocked = tmp_path / "a-file"
    blocked.write_text("not a folder")
    refusal = cache.check_cache_dir(blocked)
    assert refusal is not None and refusal.reason == "not-a-folder"
    assert _load(small_dir, blocked)[0].report.ok and blocked.read_text() == "not a folder"


def test_a_new_cache_folder_and_its_files_are_private(small_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "deep" / "cache"
    assert cache.check_cache_dir(folder) is None
    assert stat.S_IMODE(folder.stat().st_mode) == 0o700
    load_directory(small_dir, today=TODAY, cache_dir=folder)
    (stored,) = folder.iterdir()
    assert stat.S_IMODE(stored.stat().st_mode) == 0o600 and stored.stat().st_uid == os.geteuid()


def test_the_default_folder_is_per_user_and_never_the_shared_temporary_folder(monkeypatch, tmp_path: Path) -> None:
    monkeypatch.delenv(cache.CACHE_ENV, raising=False)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    monkeypatch.setattr(tempfile, "tempdir", None)
    assert cache.default_cache_dir() == Path.home() / ".cache" / "network"
    assert Path(tempfile.gettempdir()) not in cache.default_cache_dir().parents


@pytest.mark.smoke
def test_the_dashboard_has_no_cache_folder_of_its_own() -> None:
    """One helper owns the folder: ui/state.py asks network/cache.py and never builds a path itself."""
    source = (Path(__file__).resolve().parents[1] / "ui" / "state.py").read_text()
    assert "tempfile" not in source and "gettempdir" not in source
    assert "cache.default_cache_dir()" in source and "cache.check_cache_dir(" in source


# --- the files -------------------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "how",
    [
        "readable by group",
        "readable by others",
        pytest.param("another user's", marks=needs_root),
        "a symbolic link",
        "a fifo",
    ],
)
def test_a_cache_file_that_is_not_private_is_not_read(small_dir: Path, tmp_path: Path, how: str) -> None:
    folder = tmp_path / "cache"
    load_directory(small_dir, today=TODAY, cache_dir=folder)
    stored = cache.cache_file(small_dir, folder)
    elsewhere = tmp_path / "elsewhere"
    shutil.copyfile(stored, elsewhere)
    if how == "readable by group":
        stored.chmod(0o640)
    elif how == "readable by others":
        stored.chmod(0o604)
    elif how == "another user's":
        os.chown(stored, OTHER_USER, OTHER_USER)
    elif how == "a symbolic link":
        stored.unlink()
        stored.symlink_to(elsewhere)
    else:
        stored.unlink()
        os.mkfifo(stored, 0o600)  # opening it for reading must not hang
    directory, steps = _load(small_dir, folder)
    assert "read" in steps and directory.report.ok
    if how == "a symbolic link":
        assert not stored.is_symlink() and elsewhere.read_bytes() != b""  # replaced; its target left alone
    assert _load(small_dir, folder)[1] == ["cache", "done"]  # stored again as a private file: a hit


class _Payload:
    """Unpickling this writes a file: what a planted pickle could do, made harmless and visible."""

    def __init__(self, marker: Path) -> None:
        self.marker = marker

    def __reduce__(self):
        return Path.write_text, (self.marker, "code ran")


def test_a_planted_pickle_never_runs(small_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    load_directory(small_dir, today=TODAY, cache_dir=folder)
    marker = tmp_path / "marker"
    payload = pickle.dumps(_Payload(marker), protocol=5)
    proof = tmp_path / "proof"
    pickle.loads(pickle.dumps(_Payload(proof)))
    assert proof.read_text() == "code ran"  # the payload is live: unpickled, it runs
    stored = cache.cache_file(small_dir, folder)
    key_line = stored.read_bytes().split(b"\n")[1]
    legacy = stored.with_suffix(".cache")
    legacy.write_bytes(b"network-directory-cache\n" + key_line + b"\n" + payload)  # format 1's header
    for planted in (
        payload,
        cache_format.MAGIC + key_line + b"\n" + payload,
        cache_format.MAGIC + key_line + b"\n" + payload + stored.read_bytes()[-2000:],
    ):
        stored.write_bytes(planted)
        stored.chmod(0o600)
        directory, steps = _load(small_dir, folder)
        assert "read" in steps and not marker.exists()
        _same(load_directory(small_dir, today=TODAY), directory)
    assert not marker.exists()
    assert not legacy.exists()  # storing again deleted the old pickle of the same directory


@pytest.mark.smoke
def test_the_cache_modules_cannot_unpickle() -> None:
    """No pickle, marshal, shelve or eval anywhere in the code that reads a cache file."""
    root = Path(__file__).resolve().parents[1] / "network"
    for name in ("cache.py", "cache_format.py"):
        tree = ast.parse((root / name).read_text())
        imported = {
            alias.name
            for node in ast.walk(tree)
            if isinstance(node, (ast.Import, ast.ImportFrom))
            for alias in node.names
        } | {node.module for node in ast.walk(tree) if isinstance(node, ast.ImportFrom) and node.module}
        assert not imported & {"pickle", "_pickle", "marshal", "shelve", "dill", "joblib", "cloudpickle"}, name
        called = {
            node.func.id for node in ast.walk(tree) if isinstance(node, ast.Call) and isinstance(node.func, ast.Name)
        }
        assert not called & {"eval", "exec", "__import__"}, name


# --- the format ------------------------------------------------------------------------------------------------

_FIXTURE_DIRS = sorted(p for p in (FIXTURES / "bad").iterdir() if p.is_dir()) + [
    FIXTURES / "xss",
    FIXTURES / "dashboard",
]


@pytest.mark.parametrize("folder", _FIXTURE_DIRS, ids=lambda p: p.name)
def test_a_hit_equals_a_fresh_load_on_every_fixture(folder: Path, tmp_path: Path) -> None:
    data = Path(shutil.copytree(folder, tmp_path / "data"))
    fresh = load_directory(data, today=TODAY)
    assert cache.store(fresh, tmp_path / "cache", TODAY) is not None
    hit, steps = _load(data, tmp_path / "cache")
    assert steps == ["cache", "done"], folder.name
    _same(fresh, hit)
    assert [list(a) for _, a in hit.graph.nodes(data=True)] == [list(a) for _, a in fresh.graph.nodes(data=True)]
    assert [list(a) for *_, a in hit.graph.edges(keys=True, data=True)] == [
        list(a) for *_, a in fresh.graph.edges(keys=True, data=True)
    ]  # attribute order too
    assert [type(p.row) for p in hit.report.problems] == [type(p.row) for p in fresh.report.problems]


def _awkward_graph() -> nx.MultiDiGraph:
    """Several keys per pair, a self-loop, an isolated node, values of every kind the format keeps."""
    graph = nx.MultiDiGraph(name="test", version=2)
    graph.add_node("lonely")
    graph.add_node("a", kind="organisation", themes=("x", "y"), size=3, share=0.5, active=True)
    graph.add_node("b", kind="project", themes=("z", "w"))  # every tuple of one length: still one value each
    graph.add_edge("b", "a", key="partner_in", role="lead")
    graph.add_edge("a", "b", key="member_of", since="2001")
    graph.add_edge("a", "b", key="partner_in")
    graph.add_edge("a", "a", key="part_of", note="self")
    graph.add_edge("c", "a", key="member_of", periods="2000/2005|2010/")
    graph.add_edge("b", "c", key="funded_by", weight=1.5)
    return graph


def test_the_fast_graph_builder_equals_the_public_api_build() -> None:
    graph = _awkward_graph()
    arrays = cache_format.graph_arrays(graph)
    fast, public = cache_format.graph_from_arrays(arrays), cache_format.graph_from_arrays_public(arrays)
    for built in (fast, public):
        assert list(built.nodes(data=True)) == list(graph.nodes(data=True))
        assert list(built.edges(keys=True, data=True)) == list(graph.edges(keys=True, data=True))
        assert sorted(map(str, built.in_edges(keys=True, data=True))) == sorted(
            map(str, graph.in_edges(keys=True, data=True))
        )
        assert built.graph == graph.graph
    assert list(fast.in_edges(keys=True)) == list(graph.in_edges(keys=True))  # the predecessor order kept too
    fast.add_edge("a", "b", key="new")  # one dict per pair, shared by successors and predecessors, as networkx has it
    assert "new" in fast.pred["b"]["a"]
    fast.edges["a", "b", "member_of"]["since"] = "1999"
    assert fast.pred["b"]["a"]["member_of"]["since"] == "1999"


def test_a_directory_with_a_graph_round_trips(small: Directory, tmp_path: Path) -> None:
    """Through the file: the awkward graph in place of the small directory's."""
    directory = dataclasses.replace(small, graph=_awkward_graph())
    with (tmp_path / "file").open("wb") as handle:
        cache_format.write(handle, "k" * 40, directory)
    with (tmp_path / "file").open("rb") as handle:
        assert cache_format.read_key(handle) == "k" * 40
        back = Directory(**cache_format.read(handle, (tmp_path / "file").stat().st_size, small.path))
    assert list(back.graph.nodes(data=True)) == list(directory.graph.nodes(data=True))
    assert list(back.graph.edges(keys=True, data=True)) == list(directory.graph.edges(keys=True, data=True))
    assert list(back.graph.in_edges(keys=True)) == list(directory.graph.in_edges(keys=True))
    assert back.graph.graph == {"name": "test", "version": 2}


def test_a_value_the_format_cannot_keep_means_no_cache(small: Directory, tmp_path: Path) -> None:
    graph = small.graph.copy()
    graph.nodes[next(iter(graph))]["when"] = dt.date(2020, 1, 1)
    directory = dataclasses.replace(small, graph=graph)
    assert cache.store(directory, tmp_path / "cache", TODAY) is None
    assert list((tmp_path / "cache").iterdir()) == []  # no temporary file left


@pytest.mark.parametrize("where", [0.1, 0.3, 0.5, 0.7, 0.9, 0.999])
def test_one_changed_byte_anywhere_is_a_miss(small_dir: Path, tmp_path: Path, where: float) -> None:
    folder = tmp_path / "cache"
    load_directory(small_dir, today=TODAY, cache_dir=folder)
    stored = cache.cache_file(small_dir, folder)
    data = bytearray(stored.read_bytes())
    data[int(len(data) * where)] ^= 0x20
    stored.write_bytes(bytes(data))
    directory, steps = _load(small_dir, folder)
    assert "read" in steps
    _same(load_directory(small_dir, today=TODAY), directory)


# --- forgetting ------------------------------------------------------------------------------------------------


def test_forget_removes_every_copy_of_one_directory_and_nothing_else(small_dir: Path, tmp_path: Path) -> None:
    folder = tmp_path / "cache"
    other = write_directory(tmp_path / "other", SMALL_FILES)
    load_directory(small_dir, today=TODAY, cache_dir=folder)
    load_directory(other, today=TODAY, cache_dir=folder)
    stored = cache.cache_file(small_dir, folder)
    stored.with_suffix(".cache").write_bytes(b"an old pickle")
    slot = stored.name.removeprefix("directory-").removesuffix(".arrow-cache")
    (folder / f".tmp-{slot}-abc123").write_bytes(b"half a file")
    (folder / "notes.txt").write_text("not ours")
    assert cache.forget(small_dir, folder) == 3
    assert sorted(p.name for p in folder.iterdir()) == sorted([cache.cache_file(other, folder).name, "notes.txt"])
    assert cache.forget(small_dir, folder) == 0
    (folder / ".tmp-leftover").write_bytes(b"")
    assert cache.forget_all(folder) == 2
    assert [p.name for p in folder.iterdir()] == ["notes.txt"]


def test_forget_without_a_folder_cleans_the_default_and_the_old_temporary_one(
    small_dir: Path, tmp_path: Path, monkeypatch
) -> None:
    monkeypatch.setenv(cache.CACHE_ENV, str(tmp_path / "default"))
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path / "tmp"))
    old = tmp_path / "tmp" / "network-cache"
    old.mkdir(parents=True)
    load_directory(small_dir, today=TODAY, cache_dir=cache.default_cache_dir())
    legacy = old / cache.cache_file(small_dir, old).with_suffix(".cache").name
    legacy.write_bytes(b"an old pickle with contact details")
    assert cache.forget(small_dir) == 2
    assert list((tmp_path / "default").iterdir()) == [] and not legacy.exists()
    assert cache.forget_all() == 0


# --- telling the user ------------------------------------------------------------------------------------------


def test_the_cli_names_a_refused_folder_on_stderr_and_still_answers(
    small_dir: Path, tmp_path: Path, monkeypatch, capsys
) -> None:
    shared = tmp_path / "shared"
    shared.mkdir(mode=0o777)
    shared.chmod(0o777)
    monkeypatch.setenv(cache.CACHE_ENV, str(shared))
    code = cli.main(["--data", str(small_dir), "validate"])
    captured = capsys.readouterr()
    assert code == 0 and "can be written by other users" in captured.err and str(shared) in captured.err
    assert "Traceback" not in captured.err and "warning" not in captured.out
    assert list(shared.iterdir()) == []


def test_tuples_all_of_one_length_round_trip(small: Directory, tmp_path: Path) -> None:
    """Tuples that all have one length (which numpy likes to make 2-D) stay one value each."""
    graph = nx.MultiDiGraph()
    graph.add_node("a", themes=("x", "y"))
    graph.add_node("b", themes=("z", "w"))
    graph.add_edge("a", "b", key="member_of", pair=("1", "2"))
    directory = dataclasses.replace(small, graph=graph)
    with (tmp_path / "file").open("wb") as handle:
        cache_format.write(handle, "k" * 40, directory)
    with (tmp_path / "file").open("rb") as handle:
        cache_format.read_key(handle)
        back = Directory(**cache_format.read(handle, (tmp_path / "file").stat().st_size, small.path))
    assert list(back.graph.nodes(data=True)) == list(graph.nodes(data=True))
    assert list(back.graph.edges(keys=True, data=True)) == list(graph.edges(keys=True, data=True))
