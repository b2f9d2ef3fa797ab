"""Who is using the dashboard and what they may do: ``current_role()``, ``can(action)``, ``require(action)``.

The rules are in ``network/access.py`` (roles, actions, the ``[roles]`` file, the server's mode); this module asks
Streamlit for the three facts they need:

- is sign-in configured? (an ``[auth]`` section in ``.streamlit/secrets.toml``, Streamlit's OpenID Connect support);
- who is signed in? (``st.user``; the e-mail address is the identity);
- which address does the server listen on? (``st.get_option("server.address")``).

With sign-in configured, a visitor who is not signed in sees only the sign-in button. The role of a signed-in
identity comes from ``[roles]`` in ``network.toml`` next to the app (or ``$NETWORK_ROLES_FILE``), else from
``[roles]`` in the secrets; a broken role file makes everyone a viewer and says so. Without sign-in the dashboard is
single-user (admin) on loopback and read-only (viewer) on any other address, with a banner that says why.

Tests: AppTest cannot sign in through a real provider. Tests replace ``sign_in_configured``, ``signed_in_user`` and
``server_address`` in this module with ``monkeypatch.setattr`` (the app runs in the test's process, so the script
sees the patched functions; see ``tests/ui/access_helpers.py``); nothing in the running app reads an identity from
the environment or the session.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from network import access
from network.access import AccessConfigError, RoleConfig

from .i18n import t, tm

__all__ = [
    "Who",
    "ROLES_FILE_ENV",
    "roles_file",
    "sign_in_configured",
    "signed_in_user",
    "server_address",
    "current",
    "current_role",
    "current_identity",
    "can",
    "require",
    "access_frame",
]

#: Points at the role file; default: ``network.toml`` next to ``network_app.py``.
ROLES_FILE_ENV = "NETWORK_ROLES_FILE"
_REPO = Path(__file__).resolve().parent.parent


@dataclass(frozen=True)
class Who:
    """This session's user: the mode, the identity (an e-mail address, or None), the role, and a configuration
    problem to show (if any)."""

    mode: str
    identity: str | None
    role: str
    signed_in: bool = False
    problem: str = ""


def roles_file() -> Path:
    chosen = os.environ.get(ROLES_FILE_ENV, "").strip()
    return Path(chosen).expanduser() if chosen else _REPO / "network.toml"


def _secrets_section(name: str):
    try:
        return st.secrets.get(name) if name in st.secrets else None
    except Exception:  # noqa: BLE001 - no secrets file, or an unreadable one: treated as not configured
        return None


def sign_in_configured() -> bool:
    """True when ``.streamlit/secrets.toml`` has an ``[auth]`` section (Streamlit's OpenID Connect settings)."""
    return bool(_secrets_section("auth"))


def signed_in_user() -> tuple[str, str] | None:
    """``(e-mail, display name)`` of the signed-in user, or None. Only meaningful when sign-in is configured."""
    try:
        if not st.user.is_logged_in:
            return None
        # Entra ID puts the e-mail in "email" only if that optional claim is configured; "preferred_username" is
        # the sign-in name (usually the same address).
        email = str(st.user.get("email") or st.user.get("preferred_username") or "").strip().lower()
        name = str(st.user.get("name") or email)
    except Exception:  # noqa: BLE001 - st.user without sign-in configured has no is_logged_in
        return None
    return (email, name) if email else None


def server_address() -> str | None:
    """The address the server listens on (``server.address``; empty means every interface)."""
    return st.get_option("server.address")


def _role_config() -> tuple[RoleConfig, str]:
    """The role configuration and a problem to show ("" if none). The role file wins over the secrets."""
    try:
        found = access.load_role_file(roles_file())
        if found is None:
            found = access.role_config(_secrets_section("roles"), source="secrets.toml")
        return found, ""
    except AccessConfigError as exc:
        return RoleConfig(default="viewer", source="error"), str(exc)


def current() -> Who:
    """This session's user, worked out on every rerun (a change to the role file applies at once)."""
    mode = access.server_mode(server_address(), sign_in_configured())
    if mode == access.SINGLE_USER:
        return Who(mode, os.environ.get("NETWORK_USER") or None, "admin")
    if mode == access.READ_ONLY:
        return Who(mode, None, "viewer")
    user = signed_in_user()
    if user is None:
        return Who(mode, None, "", signed_in=False)
    config, problem = _role_config()
    return Who(mode, user[0], config.role_for(user[0]), signed_in=True, problem=problem)


def current_role() -> str:
    """``viewer``, ``editor``, ``admin``, or "" for a visitor who has not signed in yet."""
    return current().role


def current_identity() -> str | None:
    """The identity the change log records: the signed-in e-mail, in single-user mode ``$NETWORK_USER``."""
    return current().identity


def can(action: str) -> bool:
    """True if this session's user may do ``action`` (see ``network.access.ACTIONS``)."""
    return access.allows(current_role(), action)


def require(action: str) -> bool:
    """For a page or a section: True if allowed, else shows why not (and what to do) and returns False."""
    if can(action):
        return True
    needed = access.ACTIONS[action]
    st.warning(t("auth.denied", role=t(f"auth.role.{needed}")))
    return False


def _roles_view() -> None:
    """For admins: who has which role, and where to change it (the role file is the one place roles live)."""
    config, _ = _role_config()
    with st.expander(t("auth.roles_title"), icon=":material/admin_panel_settings:"):
        source = str(roles_file()) if config.source == roles_file().name else config.source
        st.caption(tm("auth.roles_intro", source=source, default=t(f"auth.role.{config.default}")))
        st.dataframe([{t("auth.col.identity"): identity, t("auth.col.role"): t(f"auth.role.{role}")}
                      for identity, role in sorted(config.users.items())], hide_index=True, key="auth.roles")


def access_frame() -> None:
    """In the app frame, before the page: the sign-in screen, the read-only banner, who is signed in.

    Stops the run for a visitor who must sign in first.
    """
    who = current()
    if who.mode == access.SIGN_IN and not who.signed_in:
        st.title(t("app.title"), anchor=False)
        st.info(t("auth.sign_in_needed"))
        st.button(t("auth.sign_in"), on_click=st.login, type="primary", help=t("auth.sign_in_help"),
                  icon=":material/login:")
        st.stop()
    if who.mode == access.READ_ONLY:
        st.warning(t("auth.read_only_banner"), icon=":material/lock:")
    if who.problem:
        st.error(tm("auth.config_problem", detail=who.problem))
    with st.sidebar:
        if who.mode == access.SIGN_IN:
            st.caption(tm("auth.signed_in_as", who=who.identity or "", role=t(f"auth.role.{who.role}")))
            st.button(t("auth.sign_out"), on_click=st.logout, key="auth.sign_out", help=t("auth.sign_out_help"),
                      icon=":material/logout:")
            if access.allows(who.role, "manage_roles"):
                _roles_view()
        else:
            st.caption(t(f"auth.mode.{who.mode}", role=t(f"auth.role.{who.role}")))
