"""Roles, actions, the role file and the server's mode (network/access.py)."""

from __future__ import annotations

from pathlib import Path

import pytest

from network import access
from network.access import AccessConfigError


@pytest.mark.parametrize(
    "role, allowed",
    [
        ("viewer", {"read"}),
        ("editor", {"read", "see_contacts", "edit", "import", "export_person", "personal_data_report"}),
        ("admin", set(access.ACTIONS)),
        ("", set()),
        ("root", set()),
        (None, set()),
    ],
)
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


@pytest.mark.parametrize("text", ['[roles]\n"a@b.se" = "superuser"\n', "[roles]\ndefault = 3\n", "[roles\n"])
def test_a_bad_role_file_is_refused_with_a_message(tmp_path: Path, text: str) -> None:
    file = tmp_path / "network.toml"
    file.write_text(text, "utf-8")
    with pytest.raises(AccessConfigError, match="network.toml"):
        access.load_role_file(file)


def test_a_missing_file_or_section_gives_none(tmp_path: Path) -> None:
    assert access.load_role_file(tmp_path / "absent.toml") is None
    (tmp_path / "other.toml").write_text("[other]\nx = 1\n", "utf-8")
    assert access.load_role_file(tmp_path / "other.toml") is None


@pytest.mark.parametrize(
    "address, loopback",
    [
        ("127.0.0.1", True),
        ("127.1.2.3", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("", False),
        (None, False),
        ("10.0.0.5", False),
        ("::", False),
        ("intranet.region.se", False),
    ],
)
def test_loopback_addresses(address, loopback) -> None:
    assert access.is_loopback(address) is loopback


LOCAL = {"host": "localhost:8501", "origin": "http://localhost:8501"}


def test_the_mode_follows_sign_in_and_address() -> None:
    assert access.decide_mode("127.0.0.1", False, LOCAL).mode == access.SINGLE_USER
    assert access.decide_mode("0.0.0.0", False, LOCAL) == access.ModeDecision(access.READ_ONLY, "address", "0.0.0.0")
    assert access.decide_mode(None, False, LOCAL).mode == access.READ_ONLY
    assert access.decide_mode("0.0.0.0", True, LOCAL).mode == access.SIGN_IN
    assert access.decide_mode("127.0.0.1", True, LOCAL).mode == access.SIGN_IN


# --- where a request comes from (issue 10, item 3) --------------------------------------------------------------

REBINDING = {"host": "rebind.attacker.test:8501", "origin": "http://rebind.attacker.test:8501"}


@pytest.mark.parametrize(
    "host", ["localhost", "localhost:8501", "LOCALHOST:8501", "127.0.0.1", "127.0.0.1:80", "[::1]", "[::1]:8501"]
)
def test_local_host_headers(host) -> None:
    assert access.host_is_local(host)


@pytest.mark.parametrize(
    "host",
    [
        "rebind.attacker.test:8501",
        "localhost.attacker.test",
        "127.0.0.2:8501",
        "0.0.0.0:8501",
        "::1",
        "[::1",
        "localhost:http",
        "intranet.region.se",
        "localhost.",
        "",
        None,
        "localhost:8501, evil.test",
    ],
)
def test_other_host_headers(host) -> None:
    assert not access.host_is_local(host)


def test_dns_rebinding_gets_read_only() -> None:
    decision = access.decide_mode("127.0.0.1", False, REBINDING)
    assert decision == access.ModeDecision(access.READ_ONLY, "host", "rebind.attacker.test:8501")


@pytest.mark.parametrize(
    "origin",
    [
        "http://evil.test",
        "http://evil.test:8501",
        "null",
        "http://localhost:3000",
        "file://",
        "https://localhost.attacker.test:8501",
    ],
)
def test_an_origin_from_another_page_gets_read_only(origin) -> None:
    decision = access.decide_mode("127.0.0.1", False, {"host": "localhost:8501", "origin": origin})
    assert (decision.mode, decision.reason, decision.detail) == (access.READ_ONLY, "origin", origin)


@pytest.mark.parametrize("header", ["X-Forwarded-For", "Forwarded", "X-Real-IP", "X-Forwarded-Host"])
def test_a_reverse_proxy_gets_read_only(header) -> None:
    decision = access.decide_mode("127.0.0.1", False, {"Host": "127.0.0.1:8501", header: "10.0.0.7"})
    assert (decision.mode, decision.reason) == (access.READ_ONLY, "proxy")


def test_every_copy_of_a_repeated_host_must_be_local() -> None:
    headers = {"host": ["localhost:8501", "rebind.attacker.test:8501"]}
    assert access.decide_mode("127.0.0.1", False, headers).mode == access.READ_ONLY


def test_no_host_header_is_not_trusted() -> None:
    assert access.decide_mode("127.0.0.1", False, {}).reason == "host"
    assert access.decide_mode("127.0.0.1", False, None).reason == "host"


@pytest.mark.parametrize(
    "headers",
    [
        {"Host": "localhost:8501", "Origin": "http://localhost:8501"},
        {"host": "127.0.0.1:8501", "origin": "http://127.0.0.1:8501"},
        {"host": ["[::1]:8501"], "origin": ["http://[::1]:8501"]},
        {"host": "localhost:8501"},  # no Origin sent
    ],
)
def test_a_browser_on_this_computer_is_single_user(headers) -> None:
    assert access.decide_mode("127.0.0.1", False, headers) == access.ModeDecision(access.SINGLE_USER)


# --- configuration that cannot be used --------------------------------------------------------------------------


def test_a_secrets_file_that_cannot_be_parsed_is_a_problem_naming_it(tmp_path: Path) -> None:
    broken = tmp_path / ".streamlit" / "secrets.toml"
    broken.parent.mkdir()
    broken.write_text('[auth]\nclient_id = "abc\n', "utf-8")
    absent = tmp_path / "home" / "secrets.toml"
    [problem] = access.secrets_problems([absent, broken])
    assert str(broken) in problem and "read-only" in problem
    decision = access.decide_mode("127.0.0.1", False, LOCAL, [problem])
    assert (decision.mode, decision.reason) == (access.READ_ONLY, "config")


def test_absent_or_good_secrets_files_are_no_problem(tmp_path: Path) -> None:
    good = tmp_path / "secrets.toml"
    good.write_text('[auth]\ncookie_secret = "x"\n', "utf-8")
    assert access.secrets_problems([tmp_path / "absent.toml", good]) == []


def test_a_secrets_path_that_is_neither_file_nor_folder_is_a_problem(tmp_path: Path) -> None:
    assert access.secrets_problems([tmp_path / "secrets.txt"])
    (tmp_path / "k8s").mkdir()
    (tmp_path / "k8s" / "loose-file").write_text("x")
    assert access.secrets_problems([tmp_path / "k8s"])


DOCS_PLACEHOLDER = "a long random string: python -c 'import secrets; print(secrets.token_urlsafe(48))'"


@pytest.mark.parametrize(
    "secret",
    [
        DOCS_PLACEHOLDER,
        "xxx",
        "changeme",
        "short-but-random-9Qz",
        "a" * 64,
        "abcdefghijklmnopqrstuvwxyz0123456789",
        "my-cookie-secret-for-the-network-app",
        None,
        "",
        12345678901234567890123456789012,
    ],
)
def test_a_placeholder_or_short_cookie_secret_is_refused_with_the_command(secret) -> None:
    problem = access.cookie_secret_problem({"cookie_secret": secret} if secret is not None else {})
    assert problem and access.GENERATE_SECRET in problem


def test_a_generated_cookie_secret_is_accepted() -> None:
    import secrets

    for _ in range(200):
        assert access.cookie_secret_problem({"cookie_secret": secrets.token_urlsafe(48)}) == ""
        assert access.cookie_secret_problem({"cookie_secret": secrets.token_hex(32)}) == ""
