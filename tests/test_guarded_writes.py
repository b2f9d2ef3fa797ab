"""Every write checks the role itself, at the moment of writing (issue 10, item 1; network/access.py).

Each core writer is called as a viewer, as an anonymous visitor (no identity), as an admin with no identity and with
no actor at all: each is refused with ``PermissionDeniedError`` and not one byte under the data folder (``.history``
included) changes. The change log's ``who`` is the actor's identity, never empty.
"""

from __future__ import annotations

import hashlib
import shutil
import sys
from pathlib import Path
from typing import Callable

import pytest

from core_helpers import ADMIN, EDITOR, SMALL_FILES, TODAY, VIEWER, load, write_directory
from network import access, cli, consortium, editing, importing, matching, personal_data, storage, views
from network.access import Actor
from network.errors import PermissionDeniedError, UsageError
from network.rules import Member

sys.path.insert(0, str(Path(__file__).parent))
from test_importing import MAPPING, SOURCE, plan  # noqa: E402

# Slow as a module: each writer runs against a directory with a history of saves (~1 s CPU a test). The full run (`-m
# ""`, CI) has every test; the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

PERSON = "anna-exempel"
#: Every writer is tried with the first two; every kind of refused actor is tried on the first few writers.
REFUSED = [
    pytest.param(VIEWER, id="viewer"),
    pytest.param(Actor("", "viewer"), id="anonymous"),
    pytest.param(Actor("", "admin"), id="admin-without-identity"),
    pytest.param(Actor("  ", "editor"), id="editor-with-blank-identity"),
    pytest.param(Actor("someone@else.se", ""), id="not-signed-in"),
    pytest.param(None, id="no-actor"),
]


def everything(folder: Path) -> dict[str, str]:
    """Every file under the folder, ``.history`` included, and the SHA-256 of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def _history_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = write_directory(tmp_path_factory.mktemp("template") / "data", SMALL_FILES)
    snapshot = storage.load(folder)
    result = editing.update_entity(snapshot.tables, PERSON, {"phone": "+46 70 123 45 67"}, today=TODAY)
    storage.save(folder, result.changed_tables(), snapshot.fingerprint, summary=result.summary, actor=ADMIN)
    return folder


@pytest.fixture
def history_dir(_history_template: Path, tmp_path: Path) -> Path:
    """The small directory after one save by an admin: it has a backup and a change log to protect."""
    return Path(shutil.copytree(_history_template, tmp_path / "data", symlinks=True))


def _writers(folder: Path, tmp_path: Path) -> dict[str, Callable[[object], object]]:
    """Each core writer, as a call that takes the actor (what it needs is prepared inside the call, by reading)."""
    source = tmp_path / "partners.csv"
    source.write_bytes(SOURCE.encode("utf-8"))
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(MAPPING, "utf-8")
    members = [Member("region-orebro", "coordinator"), Member("comune-x")]

    def save(actor, action: str):
        snapshot = storage.load(folder)
        edit = editing.update_entity(snapshot.tables, "comune-x", {"city": "Xville"}, today=TODAY)
        return storage.save(
            folder, edit.changed_tables(), snapshot.fingerprint, summary="x", actor=actor, action=action
        )

    writers: dict[str, Callable[[object], object]] = {
        f"save-{action}": (lambda a, action=action: save(a, action)) for action in access.SAVE_ACTIONS
    }
    writers.update(
        {
            "restore": lambda a: storage.restore(
                folder, storage.backups(folder)[0].id, storage.fingerprint(folder), actor=a
            ),
            "erase_person": lambda a: storage.erase_person(folder, PERSON, actor=a),
            "recover": lambda a: storage.recover(folder, actor=a),
            "personal_data.erase": lambda a: personal_data.erase(folder, PERSON, None, actor=a),
            "save_as_project": lambda a: consortium.save_as_project(
                folder, load(folder), "Moving Borders", "", members, actor=a, today=TODAY
            ),
            "importing.commit": lambda a: importing.commit(plan(folder, source), actor=a),
            "run_import": lambda a: importing.run_import(folder, source, mapping, actor=a, today=TODAY),
            "matching.merge": lambda a: matching.merge(folder, "comune-x", "lille-theatre", actor=a),
            "matching.decide": lambda a: matching.decide(folder, "comune-x", "lille-theatre", "different", actor=a),
            "views.save_view": lambda a: views.save_view(folder, "Our view", "explore", "?focus=comune-x", actor=a),
        }
    )
    return writers


WRITERS = [
    "save-edit",
    "save-consortium",
    "save-import",
    "save-restore",
    "save-erase",
    "restore",
    "erase_person",
    "recover",
    "personal_data.erase",
    "save_as_project",
    "importing.commit",
    "run_import",
    "save-merge",
    "save-match-decision",
    "matching.merge",
    "matching.decide",
    "save-view",
    "views.save_view",
]


def _refused(folder: Path, tmp_path: Path, writer: str, actor) -> None:
    call = _writers(folder, tmp_path)[writer]
    before = everything(folder)
    with pytest.raises(PermissionDeniedError) as refused:
        call(actor)
    assert everything(folder) == before
    assert "Nothing was written" in str(refused.value) and refused.value.needed in access.ROLES


@pytest.mark.parametrize("writer", WRITERS)
@pytest.mark.parametrize("actor", REFUSED[:2])
def test_each_writer_refuses_a_viewer_and_writes_nothing(history_dir: Path, tmp_path: Path, writer, actor) -> None:
    _refused(history_dir, tmp_path, writer, actor)


@pytest.mark.parametrize("writer", ["save-edit", "restore", "personal_data.erase", "save_as_project"])
@pytest.mark.parametrize("actor", REFUSED[2:])
def test_no_identity_no_role_or_no_actor_is_refused(history_dir: Path, tmp_path: Path, writer, actor) -> None:
    _refused(history_dir, tmp_path, writer, actor)


@pytest.mark.smoke
def test_the_writers_list_is_complete(history_dir: Path, tmp_path: Path) -> None:
    assert sorted(_writers(history_dir, tmp_path)) == sorted(WRITERS)


@pytest.mark.parametrize("writer", ["save-restore", "save-erase", "restore", "erase_person", "personal_data.erase"])
def test_an_editor_may_not_restore_or_erase(history_dir: Path, tmp_path: Path, writer: str) -> None:
    call = _writers(history_dir, tmp_path)[writer]
    before = everything(history_dir)
    with pytest.raises(PermissionDeniedError, match="admin"):
        call(EDITOR)
    assert everything(history_dir) == before


@pytest.mark.parametrize(
    "writer", ["save-edit", "save-consortium", "save-import", "save_as_project", "importing.commit"]
)
def test_an_editor_may_edit_and_import_and_is_named_in_the_log(history_dir: Path, tmp_path: Path, writer: str) -> None:
    _writers(history_dir, tmp_path)[writer](EDITOR)
    assert storage.changes(history_dir)[0]["who"] == EDITOR.identity


@pytest.mark.smoke
def test_an_unknown_save_action_is_refused_not_guessed(history_dir: Path) -> None:
    snapshot = storage.load(history_dir)
    with pytest.raises(UsageError, match="Unknown save action"):
        storage.save(history_dir, {}, snapshot.fingerprint, summary="x", actor=ADMIN, action="sneak")


def test_the_log_never_has_an_empty_who(history_dir: Path, tmp_path: Path) -> None:
    writers = _writers(history_dir, tmp_path)
    writers["restore"](ADMIN)
    writers["erase_person"](ADMIN)
    assert all(entry.get("who") for entry in storage.changes(history_dir))


@pytest.mark.smoke
def test_the_local_identity_is_network_user_else_the_login_name(monkeypatch) -> None:
    monkeypatch.setenv("NETWORK_USER", "kim.lokal")
    assert access.local_identity() == "kim.lokal" and access.local_actor() == Actor("kim.lokal", "admin")
    monkeypatch.delenv("NETWORK_USER")
    monkeypatch.setattr(access.getpass, "getuser", lambda: "osuser")
    assert access.local_identity() == "osuser"
    monkeypatch.setattr(access.getpass, "getuser", lambda: "")
    with pytest.raises(UsageError, match="NETWORK_USER"):
        access.local_identity()


def test_the_command_line_records_the_login_name(small_dir: Path, tmp_path: Path, monkeypatch) -> None:
    monkeypatch.delenv("NETWORK_USER", raising=False)
    monkeypatch.setattr(access.getpass, "getuser", lambda: "osuser")
    source = tmp_path / "partners.csv"
    source.write_bytes(SOURCE.encode("utf-8"))
    mapping = tmp_path / "mapping.toml"
    mapping.write_text(MAPPING, "utf-8")
    assert cli.main(["import", str(source), "--mapping", str(mapping), "--data", str(small_dir)]) == cli.EXIT_OK
    assert storage.changes(small_dir)[0]["who"] == "osuser"
