"""Who is using the dashboard and what they may do: ``current_role()``, ``can(action)``, ``require(action)``, and
``actor()``, the user every write is made as.

The rules are in ``network/access.py`` (roles, actions, the ``[roles]`` file, the server's mode, the request's
origin); this module asks Streamlit for the facts they need:

- is sign-in configured, and can it be trusted? (an ``[auth]`` section in Streamlit's secrets files, option
  ``secrets.files``; a file that cannot be parsed or a placeholder ``cookie_secret`` makes the dashboard read-only
  for everyone, with an error that names the file and the fix);
- who is signed in? (``st.user``; the e-mail address is the identity);
- which address does the server listen on? (``st.get_option("server.address")``);
- how was the page opened? (``st.context.headers``: ``Host``, ``Origin`` and proxy headers).

With sign-in configured, a visitor who is not signed in sees only the sign-in button. The role of a signed-in
identity comes from ``[roles]`` in ``network.toml`` next to the app (or ``$NETWORK_ROLES_FILE``), else from
``[roles]`` in the secrets; a broken role file means nobody has more than viewer rights, and says so. Without
sign-in the dashboard is single-user (admin) only when bound to loopback *and* opened as ``localhost``,
``127.0.0.1`` or ``[::1]`` from this computer's browser; otherwise it is read-only (viewer), with a banner that says
why.

Writes: pages pass ``actor()`` to the core's writers, which check the role themselves (``network.access.authorize``).
``actor()`` works the role out afresh at the moment of the write, so a role taken away in the role file applies to
the very next click. A refusal is shown with ``denied_message`` (Swedish or English), never as a traceback.

Tests: AppTest cannot sign in through a real provider and sends no request headers. Tests replace
``sign_in_configured``, ``signed_in_user``, ``server_address``, ``request_headers`` and ``config_problems`` in this
module with ``monkeypatch.setattr`` (the app runs in the test's process, so the script sees the patched functions;
see ``tests/ui/access_helpers.py``); nothing in the running app reads an identity from the environment (except the
single-user name, ``$NETWORK_USER``), the URL or the session.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import streamlit as st

from network import access
from network.access import AccessConfigError, Actor, RoleConfig
from network.errors import PermissionDeniedError, UsageError

from .i18n import t, tm

__all__ = [
    "Who",
    "ROLES_FILE_ENV",
    "roles_file",
    "sign_in_configured",
    "signed_in_user",
    "server_address",
    "request_headers",
    "config_problems",
    "current",
    "actor",
    "denied_message",
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
    #: Why the dashboard is read-only: ``address``, ``host``, ``origin``, ``proxy``, ``config`` (see
    #: ``network.access.ModeDecision``), and the offending value.
    reason: str = ""
    detail: str = ""


def roles_file() -> Path:
    chosen = os.environ.get(ROLES_FILE_ENV, "").strip()
    return Path(chosen).expanduser() if chosen else _REPO / "network.toml"


def _secrets_files() -> list[str]:
    """Where Streamlit reads secrets (option ``secrets.files``: ``~/.streamlit/secrets.toml`` and
    ``./.streamlit/secrets.toml`` unless changed)."""
    try:
        return [str(p) for p in st.get_option("secrets.files") or []]
    except Exception:  # noqa: BLE001 - an unknown option in another Streamlit version: its default places
        return [str(Path.home() / ".streamlit" / "secrets.toml"), str(Path.cwd() / ".streamlit" / "secrets.toml")]


def _secrets_section(name: str):
    """One section of Streamlit's secrets, or None when there is no secrets file at all.

    Only called when ``access.secrets_problems`` found every secrets file readable; if Streamlit still cannot read
    them (a file changed in between), that is a configuration problem (``config_problems``), never "no sign-in".
    """
    try:
        return st.secrets.get(name) if name in st.secrets else None
    except FileNotFoundError:  # StreamlitSecretNotFoundError: no secrets file anywhere (or one broken just now)
        if any(Path(p).expanduser().exists() for p in _secrets_files()):
            raise
        return None


def sign_in_configured() -> bool:
    """True when the secrets have an ``[auth]`` section (Streamlit's OpenID Connect settings)."""
    return bool(_secrets_section("auth"))


def config_problems() -> list[str]:
    """Configuration that cannot be used, each with the file and the fix: a secrets file that cannot be parsed,
    a placeholder or short ``[auth] cookie_secret``. Any of these makes the dashboard read-only for everyone."""
    files = _secrets_files()
    problems = access.secrets_problems(files)
    if problems:
        return problems
    try:
        auth = _secrets_section("auth")
    except Exception as exc:  # noqa: BLE001 - whatever Streamlit could not read is broken configuration
        return [
            f"The secrets ({', '.join(files)}) cannot be read ({type(exc).__name__}). Check the files and "
            "reload the page; until then the dashboard is read-only for everyone."
        ]
    if auth:
        existing = [p for p in files if Path(p).expanduser().is_file()]
        problem = access.cookie_secret_problem(auth, source=existing[-1] if existing else "secrets.toml")
        if problem:
            return [problem]
    return []


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


def request_headers() -> dict[str, list[str]]:
    """The headers of the request that opened this session (lower-case name → every value sent)."""
    headers = st.context.headers
    return {str(name).lower(): list(headers.get_all(name)) for name in headers}


def _role_config() -> tuple[RoleConfig, str]:
    """The role configuration and a problem to show ("" if none). The role file wins over the secrets. A broken
    file gives a configuration in which nobody has more than viewer rights."""
    try:
        found = access.load_role_file(roles_file())
        if found is None:
            found = access.role_config(_secrets_section("roles"), source="secrets.toml")
        return found, ""
    except AccessConfigError as exc:
        return RoleConfig(default="viewer", source="error"), str(exc)
    except Exception as exc:  # noqa: BLE001 - secrets that became unreadable since config_problems looked
        return RoleConfig(default="viewer", source="error"), f"secrets.toml cannot be read ({type(exc).__name__})."


def _single_user_name() -> str:
    try:
        return access.local_identity()
    except UsageError:
        return ""


def current() -> Who:
    """This session's user, worked out on every call (a change to a configuration file applies at once)."""
    problems = config_problems()
    decision = access.decide_mode(server_address(), not problems and sign_in_configured(), request_headers(), problems)
    mode = decision.mode
    if mode == access.SINGLE_USER:
        config, problem = _role_config()
        if problem:  # a broken role file: nobody gets more than viewer rights, whatever the mode
            return Who(access.READ_ONLY, None, "viewer", problem=problem, reason="config")
        return Who(mode, _single_user_name() or None, "admin")
    if mode == access.READ_ONLY:
        return Who(mode, None, "viewer", reason=decision.reason, detail=decision.detail)
    user = signed_in_user()
    if user is None:
        return Who(mode, None, "", signed_in=False)
    config, problem = _role_config()
    return Who(mode, user[0], config.role_for(user[0]), signed_in=True, problem=problem)


def actor() -> Actor:
    """The user a write is made as, worked out afresh now (mode, sign-in and role file read again), to hand to the
    core's writers, which check it themselves. A visitor with no identity gets an empty one, which every writer
    refuses."""
    who = current()
    return Actor(who.identity or "", who.role)


def denied_message(exc: PermissionDeniedError) -> str:
    """A refused write, in the chosen language: which role it needs and what to do."""
    needed = exc.needed or "editor"
    return t("auth.write_denied", role=t(f"auth.role.{needed}"))


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
        st.dataframe(
            [
                {t("auth.col.identity"): identity, t("auth.col.role"): t(f"auth.role.{role}")}
                for identity, role in sorted(config.users.items())
            ],
            hide_index=True,
            key="auth.roles",
        )


def _read_only_banner(who: Who) -> None:
    """Why the dashboard is read-only, and how to change that."""
    if who.reason == "config":
        if not who.problem:
            for line in who.detail.splitlines():
                st.error(tm("auth.config_broken", detail=line), icon=":material/error:")
        st.warning(t("auth.read_only_config"), icon=":material/lock:")
    elif who.reason in ("host", "origin", "proxy"):
        st.warning(tm(f"auth.read_only_{who.reason}", value=who.detail or "-"), icon=":material/lock:")
    else:
        st.warning(t("auth.read_only_banner"), icon=":material/lock:")


def access_frame() -> None:
    """In the app frame, before the page: the sign-in screen, the read-only banner, who is signed in.

    Stops the run for a visitor who must sign in first.
    """
    who = current()
    if who.mode == access.SIGN_IN and not who.signed_in:
        st.title(t("app.title"), anchor=False)
        st.info(t("auth.sign_in_needed"))
        st.button(
            t("auth.sign_in"), on_click=st.login, type="primary", help=t("auth.sign_in_help"), icon=":material/login:"
        )
        st.stop()
    if who.mode == access.READ_ONLY:
        _read_only_banner(who)
    if who.problem:
        st.error(tm("auth.config_problem", detail=who.problem))
    with st.sidebar:
        if who.mode == access.SIGN_IN:
            st.caption(tm("auth.signed_in_as", who=who.identity or "", role=t(f"auth.role.{who.role}")))
            st.button(
                t("auth.sign_out"),
                on_click=st.logout,
                key="auth.sign_out",
                help=t("auth.sign_out_help"),
                icon=":material/logout:",
            )
            if access.allows(who.role, "manage_roles"):
                _roles_view()
        else:
            st.caption(t(f"auth.mode.{who.mode}", role=t(f"auth.role.{who.role}")))
