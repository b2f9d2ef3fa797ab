"""Personal data (network/personal_data.py): the legal-basis report, the subject-access export, erasure."""

from __future__ import annotations

import io
import json
import shutil
from pathlib import Path

import openpyxl
import pytest

from core_helpers import ADMIN, EDITOR
from network import editing, load_directory, personal_data, schema, storage
from network.access import Actor
from network.errors import ConflictError, NotFoundError, UsageError

# Slow as a module: each test saves, exports or erases through the safe save path. The full run (`-m ""`, CI) has
# every test; the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

FIXTURE = Path(__file__).parent / "fixtures" / "dashboard"
PERSON = "anna-exempel"
SECRETS = ("anna.exempel@example.org", "+46 70 000 00 01", "Met at the inspiration day", "Anna Exempel")


@pytest.fixture(scope="module")
def saved_folder(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The fixture with history: two saved edits that hold the person's data, so backups exist. Made once per module
    (each save validates the whole directory); ``folder`` gives each test its own copy."""
    path = Path(shutil.copytree(FIXTURE, tmp_path_factory.mktemp("personal-data") / "data"))
    for values in ({"role": "Director"}, {"phone": "+46 70 000 00 09"}):
        snapshot = storage.load(path)
        result = editing.update_entity(snapshot.tables, PERSON, values)
        storage.save(
            path,
            result.changed_tables(),
            snapshot.fingerprint,
            summary=result.summary,
            actor=Actor("ed@region.se", "admin"),
        )
    return path


@pytest.fixture
def folder(saved_folder: Path, tmp_path: Path) -> Path:
    """A copy of ``saved_folder`` (files, backups and change log) that the test may change."""
    return Path(shutil.copytree(saved_folder, tmp_path / "data"))


def _everything(path: Path) -> str:
    """Every byte under the folder (files, backups, change log) as text."""
    return "\n".join(p.read_bytes().decode("utf-8", "replace") for p in sorted(path.rglob("*")) if p.is_file())


@pytest.mark.smoke
def test_legal_basis_is_a_documented_people_column() -> None:
    column = schema.PEOPLE.column("legal_basis")
    assert column.vocabulary == schema.LEGAL_BASES
    assert "consent" in column.vocabulary and "legitimate-interest" in column.vocabulary
    assert "`legal_basis`" in (Path(__file__).parents[1] / "docs" / "data-format.md").read_text("utf-8")


@pytest.mark.smoke
def test_the_report_lists_people_without_a_legal_basis(tmp_path: Path) -> None:
    assert personal_data.people_without_legal_basis(load_directory(FIXTURE)) == ["anna-exempel", "marco-esempio"]
    path = Path(shutil.copytree(FIXTURE, tmp_path / "data"))
    snapshot = storage.load(path)
    result = editing.update_entity(snapshot.tables, PERSON, {"legal_basis": "consent"})
    assert result.ok, result.errors
    storage.save(path, result.changed_tables(), snapshot.fingerprint, summary=result.summary, actor=EDITOR)
    assert personal_data.people_without_legal_basis(load_directory(path)) == ["marco-esempio"]


def test_the_sample_data_has_a_legal_basis_for_everyone() -> None:
    assert personal_data.people_without_legal_basis(load_directory(Path(__file__).parents[1] / "data")) == []


def test_the_export_holds_the_row_the_relations_and_the_change_log(folder: Path) -> None:
    data = personal_data.person_data(folder, PERSON)
    assert data["person"]["email"] == "anna.exempel@example.org"
    assert data["person"]["role"] == "Director"
    assert data["relations"] and all(PERSON in (r["source"], r["target"]) for r in data["relations"])
    assert len(data["changes"]) == 2
    assert data["changes"][0]["changes"][0]["after"]["role"] == "Director"
    parsed = json.loads(personal_data.person_json(data))
    assert parsed == json.loads(json.dumps(data))
    book = openpyxl.load_workbook(io.BytesIO(personal_data.person_xlsx(data)), read_only=True)
    assert book.sheetnames == ["person", "relations", "changes"]
    cells = [c for row in book["person"].iter_rows(values_only=True) for c in row]
    assert "anna.exempel@example.org" in cells


def test_the_export_of_someone_else_does_not_hold_this_person(folder: Path) -> None:
    data = personal_data.person_data(folder, "marco-esempio")
    text = personal_data.person_json(data).decode("utf-8")
    assert "anna.exempel@example.org" not in text and "+46 70 000 00 09" not in text


def test_an_unknown_person_is_not_found(folder: Path) -> None:
    with pytest.raises(NotFoundError):
        personal_data.person_data(folder, "nobody-here")
    with pytest.raises(NotFoundError):
        personal_data.erase(folder, "nobody-here", None, actor=ADMIN)


def test_erasure_removes_the_person_everywhere_and_logs_only_that_it_happened(folder: Path) -> None:
    assert all(s in _everything(folder) for s in SECRETS)
    result = personal_data.erase(folder, PERSON, storage.fingerprint(folder), actor=Actor("ad@region.se", "admin"))
    assert result.files_changed and result.backup_files >= 2 and result.log_entries >= 2
    everything = _everything(folder)
    for secret in (*SECRETS, PERSON, "+46 70 000 00 09"):
        assert secret not in everything, secret
    directory = load_directory(folder)
    assert PERSON not in directory and "marco-esempio" in directory
    last = storage.changes(folder)[0]
    assert last["action"] == "erase" and last["who"] == "ad@region.se"
    assert not directory.report.errors


def test_erasure_is_refused_if_someone_saved_first(folder: Path) -> None:
    stale = storage.fingerprint(folder)
    snapshot = storage.load(folder)
    result = editing.update_entity(snapshot.tables, "comune-x", {"city": "Other"})
    storage.save(folder, result.changed_tables(), snapshot.fingerprint, summary=result.summary, actor=EDITOR)
    with pytest.raises(ConflictError):
        personal_data.erase(folder, PERSON, stale, actor=ADMIN)
    assert PERSON in load_directory(folder)


def test_an_erasure_that_stopped_half_way_can_be_finished(folder: Path) -> None:
    snapshot = storage.load(folder)
    result = editing.delete_entity(snapshot.tables, PERSON)
    storage.save(folder, result.changed_tables(), snapshot.fingerprint, summary=result.summary, actor=EDITOR)
    assert "anna.exempel@example.org" in _everything(folder)  # still in backups and the log
    personal_data.erase(folder, PERSON, None, actor=ADMIN)
    assert "anna.exempel@example.org" not in _everything(folder)


def test_a_workbook_cannot_be_erased_from(tmp_path: Path) -> None:
    book = tmp_path / "directory.xlsx"
    book.write_bytes(b"PK")
    with pytest.raises(UsageError):
        personal_data.erase(book, PERSON, None, actor=ADMIN)


@pytest.mark.parametrize(
    ("typed", "shown"),
    [
        ('=HYPERLINK("http://x")', '\'=HYPERLINK("http://x")'),
        ("\t=1+1", "'\t=1+1"),
        ("\r=1+1", "'\r=1+1"),
        ("@SUM(A1)", "'@SUM(A1)"),
        ("-cmd", "'-cmd"),
        ("-12.5", "-12.5"),
        ("+46", "+46"),
        ("plain", "plain"),
    ],
)
def test_the_subject_access_workbook_defuses_formulas_and_keeps_numbers(folder: Path, typed: str, shown: str) -> None:
    """The same rule as the CSV export (network/formulas.py): tab and CR count, plain numbers stay as written."""
    data = personal_data.person_data(folder, PERSON)
    data["person"]["notes"] = typed
    book = openpyxl.load_workbook(io.BytesIO(personal_data.person_xlsx(data)), read_only=True)
    values = dict(row for row in book["person"].iter_rows(min_row=2, values_only=True))
    assert values["notes"] == shown.replace("\r", "\n")  # XML reads a carriage return back as a line feed
