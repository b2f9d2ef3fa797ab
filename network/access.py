"""Who may do what: roles, the actions each role allows, the role configuration file and the server's mode.

Three roles, each including the one before:

- ``viewer`` reads organisations, networks, projects and programmes, and sees people only by name and role;
- ``editor`` also sees contact details, edits, imports and exports what is known about a person;
- ``admin`` also restores backups, erases people and manages roles (the role file).

Roles come from one TOML table, ``[roles]``, either in ``network.toml`` next to the app or in Streamlit's
``.streamlit/secrets.toml``. ``default`` is the role of a signed-in identity that is not listed; every other key is
an identity (the e-mail address the sign-in provider returns, compared without regard to case) and its role::

    [roles]
    default = "viewer"
    "anna.exempel@region.se" = "admin"
    "johan.berglund@region.se" = "editor"

The *mode* says where roles come from at all (``decide_mode``): with sign-in configured, from the file; without it,
a dashboard bound to loopback *and opened as localhost* is one person's own tool (single-user, admin), and anything
else is read-only for everyone (viewer) until sign-in is set up. "Opened as localhost" is decided from the request
(``request_trust``): the ``Host`` header, and ``Origin`` where the browser sends it, must name ``localhost``,
``127.0.0.1`` or ``[::1]`` and no proxy header may be present; a page at ``http://rebind.attacker.test:8501`` whose
name resolves to 127.0.0.1 (DNS rebinding) or a reverse proxy therefore gets read-only, not admin.

Configuration that cannot be used never silently means "no sign-in": a secrets file that exists but cannot be parsed
(``secrets_problems``) or a placeholder ``[auth] cookie_secret`` (``cookie_secret_problem``) makes the dashboard
read-only for everyone, with an error that names the file and the fix.

Every write is checked by the core itself at the moment of writing: the writers (``storage.save``,
``storage.restore``, ``storage.erase_person``, ``personal_data.erase``, ``consortium.save_as_project``,
``importing.commit``) take a required ``actor`` (``Actor``: identity and role) and call ``authorize`` before they
touch anything, so no page, URL or button can write for a role that may not. This module never imports Streamlit:
``ui/auth.py`` asks Streamlit for the address, the headers, the secrets and the signed-in user and calls these
functions.
"""

from __future__ import annotations

import getpass
import ipaddress
import os
import re
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence
from urllib.parse import urlsplit

from .errors import PermissionDeniedError, UsageError

__all__ = [
    "ROLES",
    "ACTIONS",
    "RoleConfig",
    "AccessConfigError",
    "allows",
    "role_config",
    "load_role_file",
    "is_loopback",
    "Actor",
    "authorize",
    "SAVE_ACTIONS",
    "local_identity",
    "local_actor",
    "host_is_local",
    "origin_is_local",
    "request_trust",
    "secrets_problems",
    "cookie_secret_problem",
    "GENERATE_SECRET",
    "ModeDecision",
    "decide_mode",
    "SIGN_IN",
    "SINGLE_USER",
    "READ_ONLY",
]

#: The roles, weakest first: each role may do everything the ones before it may.
ROLES: tuple[str, ...] = ("viewer", "editor", "admin")

#: Every action the dashboard checks, and the weakest role that may do it.
ACTIONS: dict[str, str] = {
    "read": "viewer",  # organisations, networks, projects, programmes; people by name and role
    "see_contacts": "editor",  # people's e-mail, phone, notes and the other personal columns
    "edit": "editor",  # the Edit page: forms, the table editor
    "import": "editor",  # the Import page
    "export_person": "editor",  # "export everything about this person"
    "personal_data_report": "editor",  # people with no legal basis
    "restore": "admin",  # put a backup back
    "erase": "admin",  # erase a person from the data, the backups and the change log
    "manage_roles": "admin",  # see and change the role file
}

#: The modes of a running dashboard (see ``server_mode``).
SIGN_IN = "sign-in"
SINGLE_USER = "single-user"
READ_ONLY = "read-only"


class AccessConfigError(UsageError):
    """The role configuration cannot be used: a role that does not exist, a value that is not text."""


def allows(role: str | None, action: str) -> bool:
    """True if ``role`` may do ``action``. An unknown role may do nothing; an unknown action is a programming
    error (``KeyError``), so that a typo in a check never silently allows or refuses."""
    needed = ACTIONS[action]
    if role not in ROLES:
        return False
    return ROLES.index(role) >= ROLES.index(needed)


@dataclass(frozen=True)
class RoleConfig:
    """The ``[roles]`` table: the default role and each identity's role (identities in lower case)."""

    default: str = "viewer"
    users: Mapping[str, str] = field(default_factory=dict)
    source: str = ""

    def role_for(self, identity: str | None) -> str:
        """The role of a signed-in identity: its own if listed, else the default."""
        if identity:
            return self.users.get(identity.strip().lower(), self.default)
        return self.default


def _check_role(value: Any, where: str, source: str) -> str:
    if not isinstance(value, str) or value.strip().lower() not in ROLES:
        raise AccessConfigError(f"{source}: [roles] {where} = {value!r} is not a role. Use one of: {', '.join(ROLES)}.")
    return value.strip().lower()


def role_config(table: Mapping[str, Any] | None, source: str = "[roles]") -> RoleConfig:
    """Read a ``[roles]`` table (already parsed). ``None`` or an empty table: everyone signed in is a viewer."""
    if not table:
        return RoleConfig(source=source)
    if not isinstance(table, Mapping):
        raise AccessConfigError(f"{source}: [roles] must be a table of identity = role lines.")
    default = "viewer"
    users: dict[str, str] = {}
    for key, value in table.items():
        if key == "default":
            default = _check_role(value, "default", source)
        else:
            users[str(key).strip().lower()] = _check_role(value, f'"{key}"', source)
    return RoleConfig(default=default, users=users, source=source)


def load_role_file(path: str | Path) -> RoleConfig | None:
    """The ``[roles]`` table of a TOML file such as ``network.toml``; ``None`` if the file or the table is absent."""
    path = Path(path)
    if not path.is_file():
        return None
    try:
        data = tomllib.loads(path.read_text("utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise AccessConfigError(
            f"{path.name} is not valid TOML ({exc}). Fix the file; until then everyone is a viewer."
        ) from exc
    if "roles" not in data:
        return None
    return role_config(data["roles"], source=path.name)


def is_loopback(address: str | None) -> bool:
    """True for an address only this computer can reach (127.0.0.0/8, ::1, ``localhost``).

    An empty address means "every interface" to Streamlit, so it is not loopback.
    """
    text = (address or "").strip().strip("[]").lower()
    if not text:
        return False
    if text == "localhost":
        return True
    try:
        return ipaddress.ip_address(text).is_loopback
    except ValueError:
        return False


# --- who is writing: the actor and the check every writer makes -----------------------------------------------


@dataclass(frozen=True)
class Actor:
    """Who is writing: ``identity`` (the signed-in e-mail, or the local user's name in single-user mode and on the
    command line) as the change log records it, and ``role`` as it is *now*. Writers take one and check it with
    ``authorize`` themselves."""

    identity: str
    role: str


#: The ``action`` label of ``storage.save`` (what the change log records) → the action a role must allow.
SAVE_ACTIONS: dict[str, str] = {
    "edit": "edit",
    "consortium": "edit",
    "merge": "edit",
    "match-decision": "edit",
    "view": "edit",
    "import": "import",
    "restore": "restore",
    "erase": "erase",
}


def authorize(actor: Actor, action: str) -> None:
    """Refuse (``PermissionDeniedError``) unless ``actor`` may do ``action`` and has an identity to record.

    Every function that writes the data folder calls this first, before reading or locking anything, so a write
    is checked on the server at the moment of writing, whatever page or URL led there. An unknown action is a
    programming error (``KeyError``), never a silent yes.
    """
    needed = ACTIONS[action]
    if not isinstance(actor, Actor):
        raise PermissionDeniedError(
            f"Refused: '{action}' needs the {needed} role and no user was given. Nothing was written.", action, needed
        )
    if not allows(actor.role, action):
        raise PermissionDeniedError(
            f"Refused: '{action}' needs the {needed} role (you are {actor.role or 'not signed in'}). Nothing was "
            f"written. Ask an administrator for the {needed} role in the role file (docs/security.md).",
            action,
            needed,
        )
    if not str(actor.identity or "").strip():
        raise PermissionDeniedError(
            f"Refused: '{action}' needs a known user for the change log, and none was given. Nothing was written. "
            "Sign in, or set NETWORK_USER for a single-user dashboard or the command line.",
            action,
            needed,
        )


def local_identity() -> str:
    """The local user's name: ``$NETWORK_USER``, else the login name. Single-user mode and the command line record
    it (they run as the account that owns the files). Raises ``UsageError`` if neither is known."""
    name = os.environ.get("NETWORK_USER", "").strip()
    if not name:
        try:
            name = getpass.getuser().strip()
        except (KeyError, OSError, ImportError):
            name = ""
    if not name:
        raise UsageError("Your user name is not known. Set NETWORK_USER to the name the change log should record.")
    return name


def local_actor(identity: str | None = None) -> Actor:
    """The command line's actor: an administrator (it runs as the account that owns the files) named
    ``identity`` or ``local_identity()``."""
    return Actor((identity or "").strip() or local_identity(), "admin")


# --- where the request comes from: Host and Origin -----------------------------------------------------------

#: The only host names a single-user dashboard answers to with admin rights (any port).
LOCAL_HOSTS = frozenset({"localhost", "127.0.0.1", "::1"})
#: Headers that a reverse proxy adds: their presence means the request did not come from this computer's browser.
PROXY_HEADERS = ("forwarded", "x-forwarded-for", "x-forwarded-host", "x-forwarded-proto", "x-real-ip")
_HOST = re.compile(r"^(?:\[(?P<v6>[0-9A-Fa-f:.]+)\]|(?P<name>[^:\[\]]+))(?::(?P<port>\d{1,5}))?$")


def _split_host(value: str) -> tuple[str, str] | None:
    """``("localhost", "8501")`` from ``"localhost:8501"``; ``("::1", "")`` from ``"[::1]"``; None if malformed."""
    match = _HOST.match(value.strip())
    if not match:
        return None
    return (match["v6"] or match["name"]).lower(), match["port"] or ""


def host_is_local(value: str | None) -> bool:
    """True if a ``Host`` header names this computer: ``localhost``, ``127.0.0.1`` or ``[::1]``, with any port."""
    parts = _split_host(value or "")
    return parts is not None and parts[0] in LOCAL_HOSTS


def _origin_parts(value: str) -> tuple[str, str] | None:
    try:
        parts = urlsplit(value.strip())
        port = parts.port
    except ValueError:
        return None
    if parts.scheme not in ("http", "https") or not parts.hostname or parts.path not in ("", "/"):
        return None
    return parts.hostname.lower(), str(port) if port is not None else ""


def origin_is_local(value: str | None) -> bool:
    """True if an ``Origin`` header is an http(s) origin on ``localhost``, ``127.0.0.1`` or ``[::1]``.

    ``null`` (a sandboxed frame, a file) and anything malformed are not local."""
    parts = _origin_parts(value or "")
    return parts is not None and parts[0] in LOCAL_HOSTS


def _values(headers: Mapping[str, Any], name: str) -> list[str]:
    for key, value in headers.items():
        if str(key).lower() == name:
            return [str(v) for v in value] if isinstance(value, (list, tuple)) else [str(value)]
    return []


def request_trust(headers: Mapping[str, Any] | None) -> tuple[str, str]:
    """Whether a request comes from a browser on this computer: ``("", "")`` if so, else ``(reason, detail)``.

    ``headers`` maps a header name (any case) to its value or list of values (a header may be repeated: every
    copy must pass). Reasons: ``host`` (no ``Host``, or one that is not localhost: DNS rebinding, another name for
    this server), ``origin`` (the page that opened the connection is on another host, or another port than the
    ``Host``), ``proxy`` (a reverse proxy's headers). ``detail`` is the offending value, for the banner.
    """
    headers = headers or {}
    hosts = _values(headers, "host")
    if not hosts:
        return "host", ""
    for host in hosts:
        if not host_is_local(host):
            return "host", host
    for name in PROXY_HEADERS:
        found = _values(headers, name)
        if found:
            return "proxy", f"{name}: {found[0]}"
    target = _split_host(hosts[0])
    for origin in _values(headers, "origin"):
        if not origin_is_local(origin) or _origin_parts(origin) != target:
            return "origin", origin
    return "", ""


# --- configuration that cannot be used ---------------------------------------------------------------------------

#: The command that makes a good ``cookie_secret``.
GENERATE_SECRET = "python -c 'import secrets; print(secrets.token_urlsafe(48))'"
_MIN_SECRET = 32
#: Words of placeholder text (six letters or more, so that a real random secret contains one by chance with a
#: probability of about one in ten million).
_PLACEHOLDER_WORDS = (
    "secret",
    "random",
    "change",
    "example",
    "placeholder",
    "python",
    "token_",
    "password",
    "string",
    "cookie",
)


def secrets_problems(paths: Iterable[str | Path]) -> list[str]:
    """Why Streamlit's secrets files (option ``secrets.files``) cannot be used: one message per file that exists
    but cannot be read or parsed as TOML. An absent ``.toml`` file is fine (Streamlit looks in two places).

    Streamlit itself treats a secrets file with a syntax error like no file at all, which would switch sign-in
    off; the dashboard asks this first and stays read-only instead.
    """
    problems = []
    for entry in paths:
        path = Path(entry).expanduser()
        fix = (
            "Fix the file (it must be valid TOML: docs/security.md shows an example) or remove it, then reload "
            "the page. Until then the dashboard is read-only for everyone and nobody can sign in."
        )
        if str(entry).endswith(".toml"):
            if not path.exists() and not path.is_symlink():
                continue
            try:
                tomllib.loads(path.read_text("utf-8"))
            except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
                problems.append(f"The secrets file {path} cannot be used ({exc}). {fix}")
        elif path.is_dir():
            try:
                bad = [p.name for p in path.iterdir() if not p.is_dir()]
            except OSError as exc:
                problems.append(f"The secrets folder {path} cannot be read ({exc}). {fix}")
                continue
            if bad:
                problems.append(
                    f"The secrets folder {path} holds {bad[0]}, which is not a folder (each secret must "
                    f"be a folder of files). {fix}"
                )
        else:
            problems.append(f"The secrets path {path} is neither a .toml file nor a folder. {fix}")
    return problems


def _looks_random(text: str) -> bool:
    lowered = text.lower()
    if any(c.isspace() for c in text) or any(word in lowered for word in _PLACEHOLDER_WORDS):
        return False
    if len(set(text)) < 12:
        return False
    run = 1
    for a, b in zip(text, text[1:]):  # "abcdefghij...", "1234567890": a counting run is not random
        run = run + 1 if ord(b) - ord(a) in (1, -1) else 1
        # 10 in a row: a random hex secret has a run of 6 now and then (about one in 500), one of 10 about once
        # in 100 million; a typed one ("abcdefghijklmn...") has far longer runs
        if run >= 10:
            return False
    return True


def cookie_secret_problem(auth: Mapping[str, Any] | None, source: str = "secrets.toml") -> str:
    """Why ``[auth] cookie_secret`` cannot be trusted ("" if it can): missing, shorter than 32 characters, the
    placeholder text from the docs, or obviously not random. Anyone who knows the secret can forge a signed-in
    identity, so until it is fixed nobody signs in."""
    value = (auth or {}).get("cookie_secret")
    fix = (
        f"Generate one with {GENERATE_SECRET} and put it in [auth] cookie_secret in {source}; until then nobody "
        "can sign in and the dashboard is read-only."
    )
    if not isinstance(value, str) or not value.strip():
        return f"{source}: [auth] has no cookie_secret. {fix}"
    if len(value) < _MIN_SECRET:
        return f"{source}: [auth] cookie_secret is only {len(value)} characters (at least {_MIN_SECRET}). {fix}"
    if not _looks_random(value):
        return f"{source}: [auth] cookie_secret is a placeholder or not random. {fix}"
    return ""


# --- the mode ------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class ModeDecision:
    """The server's mode for one request, and why it is read-only: ``reason`` is ``address`` (not bound to
    loopback), ``host``, ``origin`` or ``proxy`` (see ``request_trust``) or ``config`` (a configuration file
    that cannot be used; ``detail`` holds its messages); "" when not read-only."""

    mode: str
    reason: str = ""
    detail: str = ""


def decide_mode(
    address: str | None, sign_in_configured: bool, headers: Mapping[str, Any] | None, problems: Sequence[str] = ()
) -> ModeDecision:
    """The mode: read-only while any configuration problem stands; else sign-in when it is configured; else
    single-user only for a server bound to loopback *and* a request from a browser on this computer; else
    read-only."""
    if problems:
        return ModeDecision(READ_ONLY, "config", "\n".join(problems))
    if sign_in_configured:
        return ModeDecision(SIGN_IN)
    if not is_loopback(address):
        return ModeDecision(READ_ONLY, "address", address or "")
    reason, detail = request_trust(headers)
    if reason:
        return ModeDecision(READ_ONLY, reason, detail)
    return ModeDecision(SINGLE_USER)
