"""No page writes for a viewer or an anonymous visitor (issue 10, item 1), and a refused write is a message.

Each test walks one page as a signed-in viewer, as an anonymous visitor of a read-only server (bound to 0.0.0.0,
no sign-in) and as a page that reached a loopback server through DNS rebinding: it fills every text field, ticks
every box, clicks every button and submits every form it finds (again after each click, until none is new), and
proves by hashing every file under the data folder (``.history`` included) that not one byte changed. The Edit and
Import pages are not in a viewer's menu, so they are also run as scripts of their own, as a hand-typed URL would.
The pages in the menu are opened from their address (``app(..., by_url=True)``: one run, not the overview first), as
the reported link was; the walks click the same buttons either way.
"""

from __future__ import annotations

import hashlib
import shutil
from pathlib import Path
from typing import Callable

import pytest
from dashboard_helpers import FIXTURE, ROOT, TIMEOUT, all_text, assert_ok
from streamlit.testing.v1 import AppTest

from ui.app import PAGES, page_file
from ui.i18n import SV

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

#: A signed-in viewer, an anonymous visitor of a server bound to 0.0.0.0 without sign-in, and a page that reached a
#: loopback server through DNS rebinding (item 3: it must get read-only, not admin).
WHO = ["nobody@else.se", "read-only", "rebinding"]
#: The URL of the reported hole: the consortium builder with two members, "Spara som projekt" below it.
CONSORTIUM = {"section": "consortium", "members": "region-orebro,comune-x,athens-lab,lille-theatre"}
#: At most this many clicks per page, and how many clicks deep a walk goes from the opened page.
MAX_CLICKS = 24
MAX_DEPTH = 2


@pytest.fixture(scope="module")
def _module_folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """A copy of the fixture and a warm-start cache folder, one of each per module, for the tests that prove a
    viewer writes nothing: each hashes the folder before and after its own walk, so a write fails the test that made
    it, and the folder is loaded and validated once per module instead of once per test. The tests in which an
    editor writes use their own copy (``data_copy``)."""
    root = tmp_path_factory.mktemp("guarded")
    return Path(shutil.copytree(FIXTURE, root / "data")), root / "cache"


@pytest.fixture
def shared_data(_module_folders: tuple[Path, Path], app, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The module's folder, opened by ``app`` in place of the copy it set up for this test (hence ``app`` first)."""
    data, cache_dir = _module_folders
    monkeypatch.setenv("NETWORK_DATA", str(data))
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(cache_dir))
    return data


def data_hashes(folder: Path) -> dict[str, str]:
    """Every file under the data folder, ``.history`` included, and the SHA-256 of its bytes."""
    return {
        str(p.relative_to(folder)): hashlib.sha256(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


def _button_id(button) -> str:
    return f"{button.key or ''}|{button.label}"


def _fill(at: AppTest) -> None:
    """Type into every empty text field and tick every box (confirmations included)."""
    for box in at.text_input:
        if not box.disabled and not box.value:
            box.set_value("viewer-was-here")  # valid as a name and as an id, so a form would be accepted
    for box in at.checkbox:
        if not box.disabled:
            box.check()


def _click(at: AppTest, button_id: str) -> bool:
    found = [b for b in at.button if not b.disabled and _button_id(b) == button_id]
    if not found:
        return False
    _fill(at)
    found[0].click()
    at.run()
    assert_ok(at)
    return True


def _ids(at: AppTest) -> list[str]:
    return [_button_id(b) for b in at.button if not b.disabled]


def poke_everything(open_page: Callable[[], AppTest], opened: AppTest | None = None) -> list[str]:
    """Click every button and submit every form the page shows, each from a freshly opened page (so that one click,
    such as removing a consortium member, cannot hide another, such as saving), and those that only appear after a
    click from the state that shows them, up to ``MAX_DEPTH`` clicks deep. Returns the buttons clicked.

    ``opened``: the page as ``open_page`` has just opened it, not clicked yet (the test's own first look at it), so
    the list of its buttons is read from it instead of opening the page once more."""
    clicked: list[str] = []
    first = _ids(opened if opened is not None else open_page())
    seen = set(first)
    frontier: list[tuple[tuple[str, ...], list[str]]] = [((), first)]
    while frontier:
        path, ids = frontier.pop(0)
        for button_id in ids:
            if len(clicked) >= MAX_CLICKS:
                return clicked
            at = open_page()
            if not (all(_click(at, step) for step in path) and _click(at, button_id)):
                continue
            clicked.append(button_id)
            if len(path) + 1 < MAX_DEPTH:
                new = [i for i in _ids(at) if i not in seen]
                seen.update(new)
                if new:
                    frontier.append(((*path, button_id), new))
    return clicked


@pytest.mark.parametrize("who", WHO[:2])
#: Partners (the consortium URL, every control clicked) takes ~17 s CPU per viewer: slow, run in CI.
@pytest.mark.parametrize(
    "spec",
    [pytest.param(s, marks=pytest.mark.slow) if s.name == "partners" else s for s in PAGES if s.requires == "read"],
    ids=lambda s: s.name,
)
def test_no_page_in_the_menu_writes_for_a_viewer(app, shared_data: Path, who: str, spec) -> None:
    before = data_hashes(shared_data)

    def open_page() -> AppTest:
        return app(who, page_file(spec), CONSORTIUM if spec.name == "partners" else None, by_url=True)

    at = open_page()
    assert_ok(at)
    clicked = poke_everything(open_page, at)
    assert clicked or not at.button  # the walk did click what the page offers
    assert data_hashes(shared_data) == before


@pytest.mark.parametrize("who", WHO)
@pytest.mark.parametrize("spec", [s for s in PAGES if s.requires != "read"], ids=lambda s: s.name)
def test_a_writing_page_opened_by_hand_writes_nothing_for_a_viewer(app, shared_data: Path, who: str, spec) -> None:
    before = data_hashes(shared_data)
    app(who)

    def open_page() -> AppTest:
        return AppTest.from_file(str(ROOT / page_file(spec)), default_timeout=TIMEOUT).run()

    at = open_page()
    assert_ok(at)
    poke_everything(open_page, at)
    assert SV["auth.denied"].format(role=SV["auth.role.editor"]) in all_text(at)
    assert data_hashes(shared_data) == before


@pytest.mark.slow  # clicks every control of the Partners page: ~17 s CPU
def test_the_consortium_url_writes_nothing_through_dns_rebinding(app, shared_data: Path) -> None:
    before = data_hashes(shared_data)
    assert poke_everything(lambda: app("rebinding", "ui/pages/partners.py", CONSORTIUM, by_url=True))
    assert data_hashes(shared_data) == before


@pytest.mark.parametrize("who", WHO)
def test_the_consortium_save_is_not_offered_to_a_viewer(app, shared_data: Path, who: str) -> None:
    """The reported hole: /partners?section=consortium&members=... then "Spara som projekt"."""
    at = app(who, "ui/pages/partners.py", CONSORTIUM, by_url=True)
    assert_ok(at)
    assert not [b for b in at.button if b.key == "partners.save_submit"]
    assert SV["partners.save_needs_editor"].format(role=SV["auth.role.editor"]) in all_text(at)


@pytest.mark.slow  # > 5 s CPU
def test_an_editor_still_saves_the_consortium_and_the_log_names_her(app, data_copy: Path) -> None:
    """The walk above can fail: for an editor the same clicks do write (and ``who`` is her e-mail)."""
    from network import storage

    at = app("ed@region.se", "ui/pages/partners.py", CONSORTIUM)
    at.text_input(key="partners.save_name").set_value("Moving Borders")
    at.button(key="partners.save_submit").click().run()
    assert_ok(at)
    assert [e["who"] for e in storage.changes(data_copy)] == ["ed@region.se"]


@pytest.mark.smoke
def test_a_role_taken_away_before_the_click_is_refused_with_a_message(app, data_copy: Path, monkeypatch) -> None:
    """The role is read at the moment of writing: the form was shown to an editor, the role file then changed."""
    import os

    at = app("ed@region.se", "ui/pages/partners.py", CONSORTIUM)
    before = data_hashes(data_copy)
    Path(os.environ["NETWORK_ROLES_FILE"]).write_text('[roles]\ndefault = "viewer"\n', "utf-8")
    at.text_input(key="partners.save_name").set_value("Too late")
    at.button(key="partners.save_submit").click().run()
    assert_ok(at)
    assert data_hashes(data_copy) == before
    assert SV["partners.save_needs_editor"].format(role=SV["auth.role.editor"]) in all_text(at)


@pytest.mark.slow  # > 5 s CPU
def test_single_user_saves_record_a_name(app, data_copy: Path, monkeypatch) -> None:
    """``who`` is never empty: single-user mode records $NETWORK_USER (else the login name)."""
    from network import storage

    monkeypatch.setenv("NETWORK_USER", "kim.lokal")
    at = app("single-user", "ui/pages/partners.py", CONSORTIUM)
    at.text_input(key="partners.save_name").set_value("Moving Borders")
    at.button(key="partners.save_submit").click().run()
    assert_ok(at)
    assert [e["who"] for e in storage.changes(data_copy)] == ["kim.lokal"]
