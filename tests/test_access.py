"""Roles, actions, the role file and the server's mode (network/access.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from network import access
from network.access import AccessConfigError


@pytest.mark.parametrize("role, allowed", [
    ("viewer", {"read"}),
    ("editor", {"read", "see_contacts", "edit", "import", "export_person", "personal_data_report"}),
    ("admin", set(access.ACTIONS)),
    ("", set()),
    ("root", set()),
    (None, set()),
])
def test_each_role_allows_exactly_its_actions(role, allowed) -> None:
    assert {a for a in access.ACTIONS if access.allows(role, a)} == allowed


def test_an_unknown_action_is_an_error_not_a_refusal() -> None:
    with pytest.raises(KeyError):
        access.allows("admin", "delete_everything")


def test_the_role_file_maps_identities_case_insensitively(tmp_path: Path) -> None:
    file = tmp_path / "network.toml"
    file.write_text('[roles]\ndefault = "viewer"\n"Anna@Region.se" = "admin"\n"bo@region.se" = "Editor"\n', "utf-8")
    config = access.load_role_file(file)
    assert config.role_for("anna@region.se") == "admin"
    assert config.role_for(" BO@region.se ") == "editor"
    assert config.role_for("someone@else.se") == "viewer"
    assert config.role_for(None) == "viewer"


def test_the_default_role_can_be_changed() -> None:
    assert access.role_config({"default": "editor"}).role_for("x@y.se") == "editor"
    assert access.role_config(None).role_for("x@y.se") == "viewer"


@pytest.mark.parametrize("text", ['[roles]\n"a@b.se" = "superuser"\n', '[roles]\ndefault = 3\n', '[roles\n'])
def test_a_bad_role_file_is_refused_with_a_message(tmp_path: Path, text: str) -> None:
    file = tmp_path / "network.toml"
    file.write_text(text, "utf-8")
    with pytest.raises(AccessConfigError, match="network.toml"):
        access.load_role_file(file)


def test_a_missing_file_or_section_gives_none(tmp_path: Path) -> None:
    assert access.load_role_file(tmp_path / "absent.toml") is None
    (tmp_path / "other.toml").write_text("[other]\nx = 1\n", "utf-8")
    assert access.load_role_file(tmp_path / "other.toml") is None


@pytest.mark.parametrize("address, loopback", [
    ("127.0.0.1", True), ("127.1.2.3", True), ("localhost", True), ("::1", True), ("[::1]", True),
    ("0.0.0.0", False), ("", False), (None, False), ("10.0.0.5", False), ("::", False), ("intranet.region.se", False),
])
def test_loopback_addresses(address, loopback) -> None:
    assert access.is_loopback(address) is loopback


LOCAL = {"host": "localhost:8501", "origin": "http://localhost:8501"}


def test_the_mode_follows_sign_in_and_address() -> None:
    assert access.decide_mode("127.0.0.1", False, LOCAL).mode == access.SINGLE_USER
    assert access.decide_mode("0.0.0.0", False, LOCAL) == access.ModeDecision(access.READ_ONLY, "address", "0.0.0.0")
    assert access.decide_mode(None, False, LOCAL).mode == access.READ_ONLY
    assert access.decide_mode("0.0.0.0", True, LOCAL).mode == access.SIGN_IN
    assert access.decide_mode("127.0.0.1", True, LOCAL).mode == access.SIGN_IN
