"""Personal data in the dashboard (AppTest): the legal-basis report, the person export, erasure by an admin."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from dashboard_helpers import all_text, assert_ok, frames

from access_helpers import EMAIL
from network import load_directory
from ui import person_tools
from ui.i18n import SV

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow


def test_editors_see_the_people_without_a_legal_basis(app) -> None:
    at = app("ed@region.se")
    assert_ok(at)
    assert SV["overview.legal_basis"] in [s.value for s in at.subheader]
    assert SV["overview.legal_basis_count"].format(count=2) in all_text(at)
    table = [f for f in frames(at) if "id" in f.columns and "marco-esempio" in set(f["id"])]
    assert table and set(table[0]["id"]) == {"anna-exempel", "marco-esempio"}


@pytest.mark.smoke
def test_viewers_do_not_see_the_legal_basis_report(app) -> None:
    at = app("nobody@else.se")
    assert_ok(at)
    assert SV["overview.legal_basis"] not in [s.value for s in at.subheader]


def test_the_profile_offers_the_export_and_it_holds_the_person(app, data_copy: Path) -> None:
    at = app("ed@region.se", "ui/pages/directory.py", {"kind": "person", "id": "anna-exempel"})
    assert_ok(at)
    keys = {b.key for b in at.get("download_button")}
    assert {"person.export.json.anna-exempel", "person.export.xlsx.anna-exempel"} <= keys
    exported = json.loads(person_tools._export("anna-exempel", "json"))  # what the deferred download returns
    assert exported["person"]["email"] == EMAIL
    assert person_tools._export("anna-exempel", "xlsx")[:2] == b"PK"


def test_an_admin_erases_a_person_after_typing_the_id(app, data_copy: Path) -> None:
    at = app("ad@region.se", "ui/pages/directory.py", {"kind": "person", "id": "anna-exempel"})
    assert_ok(at)
    button = at.button(key="person.erase.anna-exempel")
    assert button.disabled
    at.text_input(key="person.erase.confirm.anna-exempel").set_value("marco-esempio").run()
    assert at.button(key="person.erase.anna-exempel").disabled
    at.text_input(key="person.erase.confirm.anna-exempel").set_value("anna-exempel").run()
    at = at.button(key="person.erase.anna-exempel").click().run()
    assert_ok(at)
    assert "anna-exempel" not in load_directory(data_copy)
    assert any(SV["person.erased"].split("{")[0] in s.value for s in at.success)
    for file in data_copy.rglob("*"):
        if file.is_file():
            assert EMAIL.encode() not in file.read_bytes(), file


def test_an_erasure_clears_every_cache_that_holds_the_person(app, data_copy: Path, tmp_path: Path) -> None:
    from ui import state

    at = app("ad@region.se", "ui/pages/directory.py", {"kind": "person", "id": "anna-exempel"})
    assert_ok(at)
    stamp = state.data_stamp(data_copy)  # the key the loaded directory is cached under in st.cache_resource
    disk = [p for p in (tmp_path / "cache").rglob("*") if p.is_file()]
    assert any(EMAIL.encode() in p.read_bytes() for p in disk)  # the warm-start cache holds her before
    at.text_input(key="person.erase.confirm.anna-exempel").set_value("anna-exempel").run()
    at = at.button(key="person.erase.anna-exempel").click().run()
    assert_ok(at)
    folder = state.cache_folder()
    cached = state._load(str(data_copy), stamp, None if folder is None else str(folder))  # a hit: the old one, with her
    assert "anna-exempel" not in cached
    for file in (tmp_path / "cache").rglob("*"):
        if file.is_file():
            assert EMAIL.encode() not in file.read_bytes(), file
