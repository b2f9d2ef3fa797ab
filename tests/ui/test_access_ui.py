"""Each role's permissions in the dashboard (AppTest), with the identity injected.

AppTest cannot sign in through a real OpenID Connect provider, so these tests replace ``ui.auth.sign_in_configured``,
``ui.auth.signed_in_user`` and ``ui.auth.server_address`` with ``monkeypatch`` (AppTest runs the app in this
process, so the app sees the patched functions) and point ``$NETWORK_ROLES_FILE`` at a role file in ``tmp_path``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from dashboard_helpers import ROOT, TIMEOUT, all_text, assert_ok
from streamlit.testing.v1 import AppTest

from access_helpers import EMAIL, PHONE
from network import storage
from network.access import Actor
from ui.i18n import SV

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow


def _edit_form_shown(at: AppTest) -> bool:
    return any(str(getattr(e, "key", "") or "").startswith("edit.") for e in at.selectbox)


@pytest.mark.smoke
def test_without_sign_in_only_the_sign_in_button_shows(app) -> None:
    at = app(None)
    assert_ok(at)
    assert [b.label for b in at.button] == [SV["auth.sign_in"]]
    assert SV["auth.sign_in_needed"] in all_text(at)
    assert "Region Örebro län" not in all_text(at)
    assert not at.dataframe


@pytest.mark.smoke
@pytest.mark.parametrize("who", ["nobody@else.se", "read-only"])
def test_a_viewer_has_no_edit_or_import_page(app, who) -> None:
    for page in ("ui/pages/edit.py", "ui/pages/import_page.py"):
        with pytest.raises(ValueError, match="Could not find a navigation page"):
            app(who, page)


@pytest.mark.parametrize("page", ["ui/pages/edit.py", "ui/pages/import_page.py"])
def test_the_edit_and_import_pages_check_the_role_themselves(app, page) -> None:
    """Defence in depth: run as a script of its own (not through the menu), the page still refuses a viewer."""
    app("nobody@else.se")
    at = AppTest.from_file(str(ROOT / page), default_timeout=TIMEOUT).run()
    assert_ok(at)
    assert not _edit_form_shown(at)
    assert not at.get("file_uploader")
    assert SV["auth.denied"].format(role=SV["auth.role.editor"]) in all_text(at)


def test_read_only_mode_says_so(app) -> None:
    at = app("read-only")
    assert_ok(at)
    assert SV["auth.read_only_banner"] in [w.value for w in at.warning]


def test_single_user_mode_is_admin_with_no_banner(app) -> None:
    at = app("single-user", "ui/pages/edit.py")
    assert_ok(at)
    assert SV["auth.read_only_banner"] not in all_text(at)
    assert _edit_form_shown(at)


@pytest.mark.parametrize("who", ["nobody@else.se", "read-only"])
def test_a_viewer_sees_people_by_name_and_role_only(app, who) -> None:
    at = app(who, "ui/pages/directory.py", {"kind": "person"})
    assert_ok(at)
    assert not [t for t in at.toggle if t.key == "directory.contacts"]
    [table] = [d.value for d in at.dataframe]
    assert set(table.columns) == {"name", "organisation", "role"}
    at.selectbox(key="directory.id").set_value("anna-exempel").run()
    assert_ok(at)
    text = all_text(at) + str([d.value.to_dict() for d in at.dataframe])
    assert EMAIL not in text and PHONE not in text and "Met at the inspiration day" not in text
    assert "Anna Exempel" in text
    assert not [b for b in at.get("download_button") if b.key.startswith("person.export")]
    assert not at.get("page_link") or all(p.proto.label != SV["edit.open"] for p in at.get("page_link"))


def test_an_editor_sees_contact_details_when_asked(app) -> None:
    at = app("ed@region.se", "ui/pages/directory.py", {"kind": "person"})
    assert_ok(at)
    assert EMAIL not in str([d.value.to_dict() for d in at.dataframe])
    at.toggle(key="directory.contacts").set_value(True).run()
    at.selectbox(key="directory.id").set_value("anna-exempel").run()
    assert_ok(at)
    assert EMAIL in all_text(at) + str([d.value.to_dict() for d in at.dataframe])
    assert len([b for b in at.get("download_button") if b.key.startswith("person.export")]) == 2
    assert "person.erase.anna-exempel" not in [b.key for b in at.button]


def test_an_editor_edits_and_the_change_log_names_them(app, data_copy: Path) -> None:
    at = app("ed@region.se", "ui/pages/edit.py")
    assert_ok(at)
    at.selectbox(key="edit.kind").set_value("organisation").run()
    at.text_input(key="edit.entity.organisation.q").set_value("comune").run()
    at.get_by_key("edit.f.entity.organisation.comune-x.city").set_value("Xville")
    [submit] = [b for b in at.button if b.label == SV["edit.save"] and b.proto.is_form_submitter]
    at = submit.click().run()
    assert_ok(at)
    [entry] = storage.changes(data_copy)
    assert entry["who"] == "ed@region.se"


def _with_a_backup(data_copy: Path) -> None:
    from network import editing

    snapshot = storage.load(data_copy)
    result = editing.update_entity(snapshot.tables, "comune-x", {"city": "Changed"})
    storage.save(
        data_copy, result.changed_tables(), snapshot.fingerprint, summary=result.summary, actor=Actor("kim", "admin")
    )


def test_only_an_admin_restores_backups(app, data_copy: Path) -> None:
    _with_a_backup(data_copy)
    at = app("ed@region.se", "ui/pages/edit.py")
    at.radio(key="edit.section").set_value("history").run()
    assert_ok(at)
    assert "edit.history.restore" not in [b.key for b in at.button]
    assert SV["auth.denied"].format(role=SV["auth.role.admin"]) in all_text(at)
    at = app("ad@region.se", "ui/pages/edit.py")
    at.radio(key="edit.section").set_value("history").run()
    assert_ok(at)
    assert "edit.history.restore" in [b.key for b in at.button]


def test_only_an_admin_can_erase_a_person(app) -> None:
    at = app("ad@region.se", "ui/pages/directory.py", {"kind": "person", "id": "anna-exempel"})
    assert_ok(at)
    assert "person.erase.anna-exempel" in [b.key for b in at.button]


def test_a_broken_role_file_makes_everyone_a_viewer_and_says_so(app, tmp_path: Path) -> None:
    (tmp_path / "network.toml").write_text('[roles]\n"ad@region.se" = "superuser"\n', "utf-8")
    at = app("ad@region.se")
    assert_ok(at)
    assert any("superuser" in e.value for e in at.error)
    with pytest.raises(ValueError, match="Could not find a navigation page"):
        at.switch_page("ui/pages/edit.py")


def test_the_signed_in_user_and_role_show_in_the_sidebar(app) -> None:
    at = app("ed@region.se")
    assert_ok(at)
    captions = [c.value for c in at.sidebar.caption]
    captions = [c.replace("\u2060", "") for c in captions]  # ui.safe_text splits "@" so it is no bare link
    assert any("ed@region" in c and SV["auth.role.editor"] in c for c in captions)
    assert "auth.sign_out" in [b.key for b in at.sidebar.button]


def test_only_an_admin_sees_the_roles(app) -> None:
    at = app("ad@region.se")
    assert_ok(at)
    [table] = [d.value for d in at.sidebar.dataframe]
    assert set(table[SV["auth.col.identity"]]) == {"ed@region.se", "ad@region.se"}
    at = app("ed@region.se")
    assert not at.sidebar.dataframe


class _FakeUser(dict):
    """Stands in for ``st.user`` after a real OpenID Connect sign-in."""

    @property
    def is_logged_in(self) -> bool:
        return bool(self.get("is_logged_in"))


@pytest.mark.parametrize(
    "claims, expected",
    [
        ({"is_logged_in": True, "email": "Anna.Exempel@Region.se", "name": "Anna"}, ("anna.exempel@region.se", "Anna")),
        ({"is_logged_in": True, "preferred_username": "bo@region.se"}, ("bo@region.se", "bo@region.se")),
        ({"is_logged_in": True, "name": "No Address"}, None),
        ({"is_logged_in": False, "email": "x@region.se"}, None),
    ],
)
def test_the_identity_is_the_signed_in_e_mail(monkeypatch: pytest.MonkeyPatch, claims, expected) -> None:
    import streamlit as st

    import ui.auth

    monkeypatch.setattr(st, "user", _FakeUser(claims))
    assert ui.auth.signed_in_user() == expected


def test_sign_in_is_configured_by_an_auth_section_in_the_secrets(monkeypatch: pytest.MonkeyPatch) -> None:
    import streamlit as st

    import ui.auth

    monkeypatch.setattr(st, "secrets", {"auth": {"client_id": "x"}})
    assert ui.auth.sign_in_configured()
    monkeypatch.setattr(st, "secrets", {"roles": {"default": "editor"}})
    assert not ui.auth.sign_in_configured()


def test_roles_can_live_in_the_secrets_when_there_is_no_role_file(
    monkeypatch: pytest.MonkeyPatch, tmp_path: Path
) -> None:
    import streamlit as st

    import ui.auth

    monkeypatch.setenv("NETWORK_ROLES_FILE", str(tmp_path / "absent.toml"))
    auth = {"client_id": "x", "cookie_secret": "3kD9_vQz-Lp0WmXa7YtR2bNcE5hUoJ8sGfKi4lVn1ZxC"}  # not a placeholder
    monkeypatch.setattr(st, "secrets", {"auth": auth, "roles": {"ed@region.se": "editor"}})
    monkeypatch.setattr(ui.auth, "signed_in_user", lambda: ("ed@region.se", "Ed"))
    assert ui.auth.current().role == "editor" and ui.auth.current().mode == "sign-in"
    monkeypatch.setattr(ui.auth, "signed_in_user", lambda: ("other@region.se", "Other"))
    assert ui.auth.current().role == "viewer"
