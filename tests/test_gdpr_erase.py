"""Issue 10, item 6: erasing a person reaches every id they had, every backup, manifest, log entry (also ``who``)
and cache, and matches ids exactly. Driven through the CLI (``python -m network person erase ID --yes``)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from network import cli, editing, erasure, load_directory, personal_data, storage
from network.access import Actor

# Slow as a module: a history of saves and backups (built once per module, copied per test) and loads, ~1-2 s CPU a
# test. The full run (`-m ""`, CI) has every test; the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "dashboard"
NAME, EMAIL, PHONE, PHONE_2 = "Åsa Berg-Ström", "Asa.Berg@example.org", "+46 70 111 22 33", "+46 70 111 22 44"
NOTES = "Met at the Örebro fair; prefers Fridays"
OLD_ID, NEW_ID = "asa-berg", "asa-lund"
ADMIN = "admin@region.se"


def _save(path: Path, make, who: str = "ed@region.se") -> None:
    snapshot = storage.load(path)
    result = make(snapshot.tables)
    assert result.ok, result.errors
    storage.save(
        path, result.changed_tables(), snapshot.fingerprint, summary=result.summary, actor=Actor(who, "editor")
    )


def _forms(secret: str) -> set[bytes]:
    """Every way the text can be stored: as written, lower and upper case, JSON-escaped (\\u00e5), and the phone's
    digits alone."""
    forms = {secret, secret.lower(), secret.upper(), json.dumps(secret)[1:-1], json.dumps(secret.lower())[1:-1]}
    found = {f.encode("utf-8") for f in forms} | {f.encode("utf-16-le") for f in forms}
    if secret.startswith("+"):
        found.add(secret.replace(" ", "").encode())
    return found


def _every_byte(*folders: Path) -> dict[Path, bytes]:
    return {p: p.read_bytes() for folder in folders for p in sorted(folder.rglob("*")) if p.is_file()}


def _traces(files: dict[Path, bytes], secrets: tuple[str, ...]) -> list[tuple[str, str]]:
    return [
        (str(path), secret)
        for path, data in files.items()
        for secret in secrets
        for form in _forms(secret)
        if form in data
    ]


@pytest.fixture(scope="module")
def saved_history(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder where the person was added, edited, renamed and was ``who`` of an edit: six saves (each validates
    the whole directory), made once per module; ``history`` gives each test its own copy."""
    path = Path(shutil.copytree(FIXTURE, tmp_path_factory.mktemp("gdpr-history") / "data"))
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("NETWORK_CACHE_DIR", str(path.parent / "cache"))  # not the session's: the copies fill their own
        _save(
            path,
            lambda t: editing.add_entity(
                t,
                "person",
                {
                    "id": OLD_ID,
                    "name": NAME,
                    "organisation": "region-orebro",
                    "email": EMAIL,
                    "phone": PHONE,
                    "notes": NOTES,
                },
            ),
        )
        _save(
            path, lambda t: editing.add_relation(t, {"source": OLD_ID, "relation": "knows", "target": "marco-esempio"})
        )
        _save(path, lambda t: editing.update_entity(t, OLD_ID, {"phone": PHONE_2}))
        _save(path, lambda t: editing.rename_id(t, OLD_ID, NEW_ID))
        _save(path, lambda t: editing.update_entity(t, "comune-x", {"city": "Roma"}), who=EMAIL.lower())
        _save(path, lambda t: editing.update_entity(t, "region-orebro", {"city": "Kumla"}))
    return path


@pytest.fixture
def history(saved_history: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """A copy of ``saved_history`` (data and ``.history``) that the test may erase from, and its own load cache: the
    warm-start cache is kept per data folder's path, so it is filled here, for the copy."""
    cache_dir = tmp_path / "cache"
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(cache_dir))
    path = Path(shutil.copytree(saved_history, tmp_path / "data"))
    assert cli.main(["--data", str(path), "stats"]) == 0  # fills the warm-start cache
    return path, cache_dir


def test_the_person_is_everywhere_before_the_erasure(history: tuple[Path, Path]) -> None:
    """The check below can fail: every secret is in the data, the history and the cache first."""
    path, cache_dir = history
    files = _every_byte(path, cache_dir)
    for secret in (NAME, EMAIL, PHONE, PHONE_2, NOTES, OLD_ID, NEW_ID):
        assert any(f in data for data in files.values() for f in _forms(secret)), secret
    cached = [data for p, data in files.items() if cache_dir in p.parents]
    assert cached and any(form in data for data in cached for form in _forms(EMAIL))
    assert len(storage.backups(path)) >= 3


def test_without_yes_nothing_changes_and_the_counts_are_printed(history: tuple[Path, Path], capsys) -> None:
    path, cache_dir = history
    before = _every_byte(path, cache_dir)
    assert cli.main(["person", "erase", OLD_ID, "--data", str(path)]) == cli.EXIT_USAGE
    out = capsys.readouterr().out
    assert _every_byte(path, cache_dir) == before
    assert f"ids it ever had: {OLD_ID}, {NEW_ID}" in out and "data rows:    1" in out and "caches:       1" in out
    assert "--yes" in out
    assert not _traces({Path("stdout"): out.encode()}, (NAME, EMAIL, PHONE, PHONE_2, NOTES))


def test_erasing_after_a_rename_leaves_no_trace_in_any_file(history: tuple[Path, Path], capsys) -> None:
    path, cache_dir = history
    assert cli.main(["person", "erase", NEW_ID, "--yes", "--who", ADMIN, "--data", str(path)]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert "relations:    1" in out and "log entries:" in out and "backups:" in out
    assert not _traces({Path("stdout"): out.encode()}, (NAME, EMAIL, PHONE, PHONE_2, NOTES))
    files = _every_byte(path, cache_dir)
    assert any(storage.history_dir(path) in p.parents for p in files)  # the history is still there, cleaned
    assert _traces(files, (NAME, EMAIL, PHONE, PHONE_2, NOTES, "Fridays", OLD_ID, NEW_ID)) == []
    directory = load_directory(path)
    assert "marco-esempio" in directory and NEW_ID not in directory and not directory.report.errors
    log = storage.changes(path)
    assert log[0]["action"] == "erase" and log[0]["who"] == ADMIN
    edited_by_her = [e for e in log if e["summary"] == "Changed organisation comune-x (city)"]
    assert edited_by_her and edited_by_her[0]["who"] == erasure.ERASED_WHO  # her edit stays, without her
    assert edited_by_her[0]["changes"][0]["after"] == {"city": "Roma"}
    assert any(e["summary"] == "Changed organisation region-orebro (city)" and e["who"] == "ed@region.se" for e in log)
    for backup in storage.backups(path):  # every backup still loads
        assert not load_directory(storage.history_dir(path) / "backups" / backup.id).report.errors


def test_an_earlier_id_finds_the_person_and_export_follows_renames(
    history: tuple[Path, Path], tmp_path: Path, capsys
) -> None:
    path, _ = history
    target = tmp_path / "asa.json"
    assert cli.main(["person", "export", OLD_ID, "-o", str(target), "--data", str(path)]) == cli.EXIT_OK
    out = capsys.readouterr().out
    assert EMAIL not in out and PHONE_2 not in out and "1 row in people.csv" in out
    exported = json.loads(target.read_text("utf-8"))
    assert exported["person"]["id"] == NEW_ID and exported["person"]["phone"] == PHONE_2
    assert len(exported["changes"]) >= 4  # added, relation, phone, rename: across both ids
    assert (
        cli.main(["person", "export", NEW_ID, "--format", "xlsx", "-o", str(tmp_path / "a.xlsx"), "--data", str(path)])
        == cli.EXIT_OK
    )
    assert (tmp_path / "a.xlsx").read_bytes()[:2] == b"PK"
    assert cli.main(["person", "erase", OLD_ID, "--yes", "--data", str(path)]) == cli.EXIT_OK
    assert _traces(_every_byte(path), (NAME, EMAIL, PHONE, NOTES, NEW_ID)) == []
    assert cli.main(["person", "erase", OLD_ID, "--yes", "--data", str(path)]) == cli.EXIT_USAGE  # gone: not found


def test_a_rename_made_by_editing_the_id_field_is_followed(tmp_path: Path) -> None:
    path = Path(shutil.copytree(FIXTURE, tmp_path / "data"))
    _save(path, lambda t: editing.update_entity(t, "anna-exempel", {"id": "anna-ny", "phone": "+46 70 999 88 77"}))
    identity = personal_data.identify(
        storage.load(path).tables["people.csv"], "anna-exempel", reversed(storage.changes(path))
    )
    assert identity.ids == {"anna-exempel", "anna-ny"} and identity.current == "anna-ny"
    personal_data.erase(path, "anna-ny", None, actor=Actor("Anna.Exempel@example.org", "admin"))  # she erases herself
    assert storage.changes(path)[0]["who"] == erasure.ERASED_WHO
    assert (
        _traces(_every_byte(path), ("anna.exempel@example.org", "+46 70 000 00 01", "+46 70 999 88 77", "Anna Exempel"))
        == []
    )


def test_erasing_person_or_leaves_other_entries_untouched(tmp_path: Path) -> None:
    path = Path(shutil.copytree(FIXTURE, tmp_path / "data"))
    _save(path, lambda t: editing.update_entity(t, "region-orebro", {"city": "Orebro"}))
    _save(
        path,
        lambda t: editing.add_entity(t, "person", {"id": "or", "name": "Ola Ring", "organisation": "region-orebro"}),
    )
    unrelated = next(e for e in storage.changes(path) if e["summary"] == "Changed organisation region-orebro (city)")
    personal_data.erase(path, "or", None, actor=Actor(ADMIN, "admin"))
    assert unrelated in storage.changes(path)  # byte for byte the same entry
    assert "Ola Ring" not in "".join(
        p.read_text("utf-8") for p in path.rglob("*") if p.is_file() and p.name != "write.lock"
    )


@pytest.mark.smoke
def test_ids_match_as_whole_words_only() -> None:
    subject = erasure.Subject({"or"})
    assert not subject.names_text("Changed organisation region-orebro (city)")
    assert subject.names_text("Added person or") and subject.names_text("Renamed id or to ola.")
    assert not erasure.mentions(
        {
            "table": "relations.csv",
            "op": "add",
            "key": "region-orebro member reves ",
            "after": {"source": "region-orebro", "target": "reves"},
        },
        {"or"},
    )
    assert erasure.mentions(
        {
            "table": "relations.csv",
            "op": "update",
            "key": "or knows marco-esempio ",
            "before": {"role": "a"},
            "after": {"role": "b"},
        },
        {"or"},
    )


def test_an_id_reused_by_someone_else_is_left_alone(tmp_path: Path) -> None:
    path = Path(shutil.copytree(FIXTURE, tmp_path / "data"))
    _save(path, lambda t: editing.rename_id(t, "anna-exempel", "anna-gift"))
    _save(
        path,
        lambda t: editing.add_entity(
            t, "person", {"id": "anna-exempel", "name": "Another Anna", "organisation": "region-orebro"}
        ),
    )
    result = personal_data.erase(path, "anna-gift", None, actor=Actor(ADMIN, "admin"))
    assert result.reused == ("anna-exempel",) and "anna-gift" in result.ids
    directory = load_directory(path)
    assert "anna-exempel" in directory and "anna-gift" not in directory
