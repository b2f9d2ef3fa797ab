"""The ``app`` fixture for tests of roles (see ``test_access_ui``): the app on a copy of the fixture directory with an
injected identity. AppTest cannot sign in through a real OpenID Connect provider, so the fixture replaces
``ui.auth.sign_in_configured``, ``ui.auth.signed_in_user`` and ``ui.auth.server_address`` with ``monkeypatch`` (AppTest
runs the app in the test's process, so the app sees the patched functions) and points ``$NETWORK_ROLES_FILE`` at a
role file in ``tmp_path``. ``ui.auth.request_headers`` is patched too: AppTest sends no headers, and single-user mode
needs a localhost ``Host``.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from dashboard_helpers import ROOT, TIMEOUT
from streamlit.testing.v1 import AppTest

import ui.auth
from ui.app import PAGES, page_file
from ui.pages.explore import LANDED

__all__ = ["ROLES", "EMAIL", "PHONE", "REBINDING", "app", "open_by_url"]

ROLES = '[roles]\ndefault = "viewer"\n"ed@region.se" = "editor"\n"ad@region.se" = "admin"\n'
EMAIL = "anna.exempel@example.org"  # a person's e-mail in the fixture
PHONE = "+46 70 000 00 01"
#: The headers of a page at http://rebind.attacker.test:8501 whose name resolves to 127.0.0.1 (DNS rebinding).
REBINDING = {"host": ["rebind.attacker.test:8501"], "origin": ["http://rebind.attacker.test:8501"]}
LOCAL = {"host": ["localhost:8501"], "origin": ["http://localhost:8501"]}


@pytest.fixture
def app(monkeypatch: pytest.MonkeyPatch, tmp_path: Path, data_copy: Path):
    """``app(identity, page="overview")``: the app on a copy of the fixture, signed in as ``identity``.

    ``identity=None``: sign-in configured but nobody signed in. ``identity="single-user"`` / ``"read-only"``: no
    sign-in, bound to loopback / to every interface. ``"rebinding"``: bound to loopback, opened through DNS
    rebinding (``REBINDING`` headers). ``by_url=True``: the page opened from its address in one run
    (``open_by_url``), not from the menu after the overview."""
    roles = tmp_path / "network.toml"
    roles.write_text(ROLES, "utf-8")
    monkeypatch.setenv("NETWORK_ROLES_FILE", str(roles))
    monkeypatch.setenv("NETWORK_DATA", str(data_copy))
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.delenv("NETWORK_USER", raising=False)

    def open_(identity: str | None, page: str = "", params: dict | None = None, *, by_url: bool = False) -> AppTest:
        monkeypatch.setattr(ui.auth, "request_headers", lambda: REBINDING if identity == "rebinding" else LOCAL)
        if identity in ("single-user", "rebinding"):
            monkeypatch.setattr(ui.auth, "server_address", lambda: "127.0.0.1")
            monkeypatch.setattr(ui.auth, "sign_in_configured", lambda: False)
        elif identity == "read-only":
            monkeypatch.setattr(ui.auth, "server_address", lambda: "0.0.0.0")
            monkeypatch.setattr(ui.auth, "sign_in_configured", lambda: False)
        else:
            monkeypatch.setattr(ui.auth, "sign_in_configured", lambda: True)
            monkeypatch.setattr(ui.auth, "signed_in_user", lambda: (identity, "Test User") if identity else None)
        at = AppTest.from_file(str(ROOT / "network_app.py"), default_timeout=TIMEOUT)
        at.session_state[LANDED] = True  # Explore's whole page at once (no browser to report its graph drawn)
        if page and by_url:
            return open_by_url(at, page, params)
        at.run()
        if page:
            at.query_params.update(params or {})
            at.switch_page(page).run()
        return at

    return open_


def open_by_url(at: AppTest, page: str, params: dict | None = None) -> AppTest:
    """The page opened from its address (``/partners?section=...`` typed or pasted): one run, straight onto the
    page, instead of the overview first and then the page from the menu (half the runs of a fresh visit). Before the
    first run AppTest finds the page by its file name, which is the page's ``url_path`` for every page whose file is
    ``ui/pages/<name>.py``; for another file it would silently open the default page, hence the check."""
    if page not in {page_file(spec) for spec in PAGES if page_file(spec) == f"ui/pages/{spec.name}.py"}:
        raise ValueError(f"{page} is not ui/pages/<url_path>.py: open it from the menu (by_url=False)")
    at.query_params.update(params or {})
    return at.switch_page(page).run()
