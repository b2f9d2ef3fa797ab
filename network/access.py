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

The *mode* says where roles come from at all (``server_mode``): with sign-in configured, from the file; without it,
a dashboard bound to loopback is one person's own tool (single-user, admin), and one bound to any other address is
read-only for everyone (viewer) until sign-in is set up. This module never imports Streamlit: ``ui/auth.py`` asks
Streamlit for the address, the secrets and the signed-in user and calls these functions.
"""

from __future__ import annotations

import ipaddress
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from .errors import UsageError

__all__ = [
    "ROLES",
    "ACTIONS",
    "RoleConfig",
    "AccessConfigError",
    "allows",
    "role_config",
    "load_role_file",
    "is_loopback",
    "server_mode",
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
        raise AccessConfigError(
            f"{source}: [roles] {where} = {value!r} is not a role. Use one of: {', '.join(ROLES)}.")
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
        raise AccessConfigError(f"{path.name} is not valid TOML ({exc}). Fix the file; until then everyone is a "
                                "viewer.") from exc
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


def server_mode(address: str | None, sign_in_configured: bool) -> str:
    """``sign-in`` when sign-in is configured; else ``single-user`` on loopback, ``read-only`` elsewhere."""
    if sign_in_configured:
        return SIGN_IN
    return SINGLE_USER if is_loopback(address) else READ_ONLY
