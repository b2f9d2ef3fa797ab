"""People's data hidden from viewers (issue 10, item 9): e-mail addresses typed into the wrong columns of people.csv
(phone, notes, languages, themes, legal basis, verified, organisation, an extra cell) must never reach a viewer,
whether the row loads or validation quotes the value in a problem. Every page is run as a viewer and as an
anonymous visitor of a read-only server, and every element's whole content (tables included) is searched; the
exports a viewer is offered are made and searched too. An editor still sees the values (so the test can fail).
"""

from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import pytest
from dashboard_helpers import FIXTURE, assert_ok, open_every_section

from network import load_directory, schema
from network.export import ExportRequest, export
from network.personal_data import hide_personal, is_about_a_person
from network.problems import Problem
from ui.safe_text import escape_markdown

# AppTest runs the whole app per test (~0.5-1.5 s CPU each): the module is in the full run (`-m ""`, CI);
# the tests marked smoke stay in the fast run (docs/development.md, "Marking slow").
pytestmark = pytest.mark.slow

#: One secret per column it was typed into, each an e-mail address.
SECRETS = {
    column: f"secret.{column}@example.org"
    for column in ("phone", "notes", "languages", "themes", "legal_basis", "verified", "organisation", "extra")
}
PEOPLE = (
    "id,name,organisation,role,email,phone,languages,themes,notes,legal_basis,verified\n"
    "anna-exempel,Anna Exempel,region-orebro,International coordinator,anna.exempel@example.org,"
    f"{SECRETS['phone']},{SECRETS['languages']},{SECRETS['themes']},{SECRETS['notes']},{SECRETS['legal_basis']},"
    "2025-01-10\n"
    "marco-esempio,Marco Esempio,comune-x,Project officer,marco.esempio@example.org,+39 000 0001,it|en,"
    f"social-economy,Secret note.,consent,{SECRETS['verified']}\n"
    f"eva-exempel,Eva Exempel,{SECRETS['organisation']},Officer,,,,,,consent,2025-01-10\n"
    f"olle-exempel,Olle Exempel,region-orebro,Officer,,,,,,consent,2025-01-10,{SECRETS['extra']}\n"
)
#: Each secret as it is sent: as written (a grid's cells, plain text) or escaped for Markdown (Overview's tables).
WRITTEN = {column: (secret.encode(), escape_markdown(secret).encode()) for column, secret in SECRETS.items()}
VISITS = [
    ("ui/pages/overview.py", {}),
    ("ui/pages/overview.py", {"group": "file"}),
    ("ui/pages/directory.py", {"kind": "person"}),
    ("ui/pages/directory.py", {"kind": "person", "id": "anna-exempel"}),
    ("ui/pages/directory.py", {"kind": "person", "q": "secret"}),
    ("ui/pages/explore.py", {"focus": "anna-exempel", "radius": "2"}),
    ("ui/pages/connections.py", {"from": "region-orebro", "to": "anna-exempel"}),
    ("ui/pages/partners.py", {}),
    ("ui/pages/problems.py", {}),
]


@pytest.fixture(scope="module")
def _leaky_folders(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fixture with ``PEOPLE`` as its people, and a warm-start cache folder: one of each per module. The pages
    only read it, so it is loaded and validated once (the dashboard's caches, as on a server that several users
    visit), not once per visit."""
    root = tmp_path_factory.mktemp("leaky")
    data = Path(shutil.copytree(FIXTURE, root / "data"))
    (data / "people.csv").write_text(PEOPLE, "utf-8")
    return data, root / "cache"


@pytest.fixture
def leaky(_leaky_folders: tuple[Path, Path], app, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The module's leaky folder, opened by ``app`` in place of the copy it set up for this test (hence ``app``
    first), with the module's cache folder."""
    data, cache_dir = _leaky_folders
    monkeypatch.setenv("NETWORK_DATA", str(data))
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(cache_dir))
    return data


def _leaks(at) -> list[str]:
    """Secrets anywhere in the run's elements: every field of every element, table data included."""
    found = set()

    def walk(node) -> None:
        proto = getattr(node, "proto", None)
        if proto is not None and hasattr(proto, "SerializeToString"):
            raw = proto.SerializeToString()
            found.update(c for c, forms in WRITTEN.items() if any(form in raw for form in forms))
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at._tree)
    return sorted(found)


@pytest.mark.parametrize("who", ["nobody@else.se", "read-only"])
@pytest.mark.parametrize("page, params", VISITS, ids=[f"{p.split('/')[-1]}-{'-'.join(v.values())}" for p, v in VISITS])
def test_a_viewer_never_sees_a_value_from_a_persons_row(app, leaky, who, page, params) -> None:
    at = app(who, page, params)
    if page.endswith("overview.py"):
        at = open_every_section(at)
    assert_ok(at)
    assert _leaks(at) == []


def test_an_editor_sees_them_so_the_test_can_fail(app, leaky) -> None:
    at = open_every_section(app("ed@region.se", "ui/pages/overview.py"))
    assert_ok(at)
    assert {"legal_basis", "verified", "organisation"} <= set(_leaks(at))
    at = app("ed@region.se", "ui/pages/directory.py", {"kind": "person", "id": "anna-exempel"})
    assert {"languages", "themes"} <= set(_leaks(at))


def _unpacked(data: bytes) -> bytes:
    """A workbook's XML parts, joined (text in an .xlsx is compressed); other files as they are."""
    if not data.startswith(b"PK"):
        return data
    with zipfile.ZipFile(io.BytesIO(data)) as book:
        return b"".join(book.read(name) for name in book.namelist())


@pytest.mark.smoke
@pytest.mark.parametrize("fmt", ["xlsx", "csv", "graphml", "gexf"])
def test_exports_offered_to_viewers_hold_no_personal_column(leaky, fmt) -> None:
    directory = load_directory(leaky)
    public = _unpacked(export(directory, ExportRequest(fmt, public_only=True)))
    assert not [c for c, s in SECRETS.items() if s.encode() in public]
    assert b"Anna Exempel" in public  # people stay, by name
    editor = _unpacked(export(directory, ExportRequest(fmt)))
    assert SECRETS["themes"].encode() in editor or fmt == "csv"


@pytest.mark.smoke
def test_personal_columns_come_from_the_schema() -> None:
    assert schema.PEOPLE.personal_columns == (
        "email",
        "phone",
        "languages",
        "themes",
        "notes",
        "legal_basis",
        "verified",
    )
    assert all(not t.personal_columns for t in schema.TABLES if t is not schema.PEOPLE)
    problem = Problem("error", "book.xlsx › people", 3, "organisation", "x@y.se", "There is no 'x@y.se'.")
    assert is_about_a_person(problem)
    hidden = hide_personal([problem, Problem("error", "organisations.csv", 2, "email", "v", "m")], "(h)", "m2")
    assert (hidden[0].value, hidden[0].message, hidden[0].row, hidden[0].column) == ("(h)", "m2", 3, "organisation")
    assert hidden[1].value == "v"
