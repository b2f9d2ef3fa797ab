""" "Bound to loopback = admin" only for a browser on this computer, and broken configuration is never "no sign-in"
(issue 10, item 3; the decisions are in network/access.py and tested there, these run the dashboard).

AppTest sends no request headers: the tests set them through ``ui.auth.request_headers`` (see conftest.py). The
secrets tests point Streamlit's own option ``secrets.files`` at a file in ``tmp_path``, so the dashboard and
``st.secrets`` read the same file, as in a real server.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from dashboard_helpers import ROOT, TIMEOUT, all_text, assert_ok
from streamlit import config
from streamlit.runtime.secrets import secrets_singleton
from streamlit.testing.v1 import AppTest

import ui.auth
from network import access
from ui.i18n import SV, escape_markdown

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

GOOD_AUTH = (
    '[auth]\nredirect_uri = "http://localhost:8501/oauth2callback"\ncookie_secret = "{secret}"\n'
    'client_id = "id"\nclient_secret = "secret-value"\n'
    'server_metadata_url = "https://login.example.org/.well-known/openid-configuration"\n'
)
PLACEHOLDER = "a long random string: python -c 'import secrets; print(secrets.token_urlsafe(48))'"


@pytest.fixture
def dashboard(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data_copy: Path):
    """``dashboard(headers)``: the app bound to 127.0.0.1, opened with these request headers."""
    monkeypatch.setenv("NETWORK_DATA", str(data_copy))
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("NETWORK_ROLES_FILE", str(tmp_path / "no-roles.toml"))
    monkeypatch.setenv("NETWORK_USER", "kim.lokal")
    monkeypatch.setattr(ui.auth, "server_address", lambda: "127.0.0.1")

    def open_(headers: dict | None = None) -> AppTest:
        if headers is not None:
            monkeypatch.setattr(ui.auth, "request_headers", lambda: headers)
        return AppTest.from_file(str(ROOT / "network_app.py"), default_timeout=TIMEOUT).run()

    return open_


@pytest.fixture
def secrets_file(tmp_path: Path):
    """``secrets_file(text)``: Streamlit's secrets come from this text only (option ``secrets.files``)."""
    old = config.get_option("secrets.files")
    path = tmp_path / ".streamlit" / "secrets.toml"

    def use(text: str) -> Path:
        path.parent.mkdir(exist_ok=True)
        path.write_text(text, "utf-8")
        config.set_option("secrets.files", [str(path)])
        secrets_singleton._reset()
        return path

    yield use
    config.set_option("secrets.files", old)
    secrets_singleton._reset()


def _pages(at: AppTest) -> set[str]:
    try:
        at.switch_page("ui/pages/edit.py").run()
    except ValueError:  # not in the menu
        return set()
    return {"edit"} if any(str(e.key or "").startswith("edit.") for e in at.selectbox) else set()


def _warnings(at: AppTest) -> str:
    return "\n".join(w.value for w in at.warning)


def test_a_browser_on_this_computer_is_single_user_admin(dashboard) -> None:
    at = dashboard({"host": ["[::1]:8501"], "origin": ["http://[::1]:8501"]})
    assert_ok(at)
    assert SV["auth.mode.single-user"].format(role=SV["auth.role.admin"]) in all_text(at)
    assert _pages(at) == {"edit"}


@pytest.mark.smoke
def test_dns_rebinding_gets_read_only_with_the_reason(dashboard) -> None:
    at = dashboard({"host": ["rebind.attacker.test:8501"], "origin": ["http://rebind.attacker.test:8501"]})
    assert_ok(at)
    assert SV["auth.read_only_host"].format(value=escape_markdown("rebind.attacker.test:8501")) in _warnings(at)
    assert _pages(at) == set()


def test_an_origin_from_another_host_gets_read_only(dashboard) -> None:
    at = dashboard({"host": ["localhost:8501"], "origin": ["http://evil.test"]})
    assert_ok(at)
    assert SV["auth.read_only_origin"].format(value=escape_markdown("http://evil.test")) in _warnings(at)
    assert _pages(at) == set()


def test_a_proxy_on_the_same_host_gets_read_only(dashboard) -> None:
    at = dashboard({"host": ["127.0.0.1:8501"], "x-forwarded-for": ["10.1.2.3"]})
    assert_ok(at)
    assert SV["auth.read_only_proxy"].split("(")[0] in _warnings(at)
    assert _pages(at) == set()


def test_a_broken_secrets_file_is_an_error_and_read_only(dashboard, secrets_file) -> None:
    path = secrets_file('[auth]\nredirect_uri = "http://localhost:8501/oauth2callback\n')  # unterminated string
    at = dashboard()
    assert_ok(at)
    errors = "\n".join(e.value for e in at.error)
    assert escape_markdown(str(path)) in errors and SV["auth.config_broken"].split(":")[0] in errors
    assert SV["auth.read_only_config"] in _warnings(at)
    assert SV["auth.sign_in"] not in [b.label for b in at.button]
    assert _pages(at) == set()


def test_a_placeholder_cookie_secret_is_refused_with_the_command(dashboard, secrets_file) -> None:
    secrets_file(GOOD_AUTH.format(secret=PLACEHOLDER.replace("'", "\\u0027")))
    at = dashboard()
    assert_ok(at)
    errors = "\n".join(e.value for e in at.error)
    assert escape_markdown(access.GENERATE_SECRET) in errors
    assert SV["auth.read_only_config"] in _warnings(at)
    assert SV["auth.sign_in"] not in [b.label for b in at.button]  # nobody signs in until it is fixed
    assert _pages(at) == set()


def test_a_good_cookie_secret_offers_sign_in(dashboard, secrets_file) -> None:
    """The two tests above can fail: with a generated secret the same file turns sign-in on."""
    import secrets

    secrets_file(GOOD_AUTH.format(secret=secrets.token_urlsafe(48)))
    at = dashboard()
    assert_ok(at)
    assert [b.label for b in at.button] == [SV["auth.sign_in"]]
    assert not at.error


def test_a_broken_role_file_gives_nobody_more_than_viewer_rights(dashboard, tmp_path, monkeypatch) -> None:
    roles = tmp_path / "network.toml"
    roles.write_text("[roles\n", "utf-8")
    monkeypatch.setenv("NETWORK_ROLES_FILE", str(roles))
    at = dashboard()
    assert_ok(at)
    assert escape_markdown("network.toml") in "\n".join(e.value for e in at.error)
    assert _pages(at) == set()
