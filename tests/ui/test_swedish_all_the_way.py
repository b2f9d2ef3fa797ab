"""Swedish all the way: every page, opened in Swedish on a directory with broken rows, shows no English sentence.

Every text element is collected (titles, Markdown, captions, alerts, widget labels, help, options, metrics, table
headings and cells). Values that come from the data files (names, descriptions, ids, the column names of the
files) are removed first: data keeps its own language. What is left is searched for English function words that
never occur in Swedish text. Streamlit's own texts that are drawn by the browser (the file uploader's "Drag and
drop file here") are not in AppTest's tree, so this test cannot see them: see ui/widgets.py's uploader caption.
"""

from __future__ import annotations

import csv
import re
import shutil
from pathlib import Path
from typing import Iterator

import pytest
from dashboard_helpers import FIXTURE, ROOT, TIMEOUT, assert_ok
from partners_data import write as write_partners_data
from streamlit.testing.v1 import AppTest

from ui.i18n import SV

pytestmark = pytest.mark.slow

#: English words that do not occur in Swedish text (not "by", "be", "in", "at", "man": those are Swedish words).
ENGLISH_WORDS = (
    "the",
    "is",
    "not",
    "and",
    "with",
    "which",
    "should",
    "this",
    "that",
    "are",
    "was",
    "were",
    "has",
    "have",
    "been",
    "from",
    "into",
    "your",
    "you",
    "there",
    "their",
    "would",
    "could",
    "does",
    "of",
    "to",
    "it",
    "or",
    "an",
    "no",
    "only",
    "must",
    "will",
    "cannot",
    "here",
    "what",
    "when",
    "where",
)
#: The words in lower case or capitalised ("The"), not in capitals: NO, IS and IT are country codes.
ENGLISH = re.compile(
    r"(?<![\w.@/|-])(" + "|".join(w for word in ENGLISH_WORDS for w in (word, word.capitalize())) + r")(?![\w@/|-])"
)

BROKEN_ROWS = (
    "broken,Trasig förening,association,Sverige,Örebro,,,,,,,2025-01-01\n"
    "broken-date,Fel datum,associaton,SE,Örebro,,,,,,,2025-31-01\n"
    "Bad Id,Dålig rad,ngo,SE,Örebro,,,,,,,2015-01-01\n"
    "athens-lab,Dubblett,ngo,GR,Athens,,,,,,,2025-01-01\n"
    "no-country,Utan land,ngo,,Örebro,,,,,,,2025-01-01\n"
)
#: An import whose rows have an unknown country, no name and no country: the skipped rows say why.
UPLOAD = (
    "Programme;Acronym;Project Partner;Lead Partner;Town;Country code;Legal Status\n"
    "Interreg Europe;DANCE;Teatro Nuovo;No;Torino;SP;private\n"
    "Interreg Europe;DANCE;;No;X;DE;public\n"
    "Interreg Europe;DANCE;Ohne Land;No;X;;public\n"
).encode("utf-8")


@pytest.fixture
def broken(tmp_path: Path) -> Path:
    data = Path(shutil.copytree(FIXTURE, tmp_path / "data"))
    with (data / "organisations.csv").open("a", encoding="utf-8") as handle:
        handle.write(BROKEN_ROWS)
    return data


def _data_values(folders: list[Path], extra: bytes = b"") -> list[str]:
    """Every cell and header of the data files (and the upload), and their |-separated parts, longest first."""
    found: set[str] = set()
    texts = [p.read_text(encoding="utf-8") for folder in folders for p in folder.glob("*.csv")]
    texts += [extra.decode("utf-8")] if extra else []
    for text in texts:
        delimiter = ";" if text.count(";") > text.count(",") else ","
        for row in csv.reader(text.splitlines(), delimiter=delimiter):
            for cell in row:
                found.update(v.strip() for v in [cell, *cell.split("|")] if len(v.strip()) > 1)
    return sorted(found, key=len, reverse=True)


def _texts(node: object) -> Iterator[str]:
    """Every string an element shows: value, label, help, placeholder, options; then its children's."""
    proto = getattr(node, "proto", None)
    for attr in ("value", "label", "help", "placeholder", "body", "caption"):
        try:
            value = getattr(node, attr)
        except Exception:  # noqa: BLE001, S112 - an element without that attribute (AppTest raises various errors)
            continue
        if isinstance(value, str):
            yield value
    for attr in ("options",):
        if proto is not None and hasattr(proto, attr):
            yield from (str(option) for option in getattr(proto, attr))
    for child in getattr(node, "children", {}).values():
        yield from _texts(child)


def _shown(at: AppTest) -> list[str]:
    found = list(_texts(at._tree))
    for table in at.dataframe:
        frame = table.value
        found += [str(c) for c in frame.columns]
        found += [str(v) for c in frame.columns for v in frame[c].astype(str).tolist()]
    return found


def english_in(at: AppTest, data: list[str]) -> list[str]:
    """The texts that still hold an English word once the data's own values (whole words) are taken out."""
    values = re.compile(r"(?<!\w)(" + "|".join(map(re.escape, data)) + r")(?!\w)") if data else None
    hits = []
    for text in dict.fromkeys(_shown(at)):
        if re.fullmatch(r"\s*<style>.*</style>\s*", text, re.S):
            continue  # a style sheet of the dashboard's own (printing, the upload box): nothing a user reads
        plain = text.replace("\\", "")  # Markdown escapes
        plain = values.sub(" ", plain) if values else plain
        plain = re.sub(r"https?://\S+|\S+@\S+|\S+\.(csv|toml|xlsx)\b|python -m network \S+", " ", plain)
        if ENGLISH.search(plain):
            hits.append(text)
    return hits


def _open(monkeypatch: pytest.MonkeyPatch, data: Path, page: str, params: dict[str, str] | None = None) -> AppTest:
    monkeypatch.setenv("NETWORK_DATA", str(data))
    at = AppTest.from_file(str(ROOT / "network_app.py"), default_timeout=TIMEOUT)
    at.run()
    if page != "overview":
        at.query_params.clear()
        at.query_params.update(params or {})
        at = at.switch_page(f"ui/pages/{page}.py").run()
    assert_ok(at)
    return at


PAGES = [
    ("overview", {}),
    ("explore", {"focus": "region-orebro"}),
    ("directory", {}),
    ("connections", {"from": "region-orebro", "to": "athens-lab"}),
    ("insights", {}),
    ("map", {}),
    ("matches", {}),
]


@pytest.mark.parametrize(("page", "params"), PAGES, ids=[p for p, _ in PAGES])
def test_a_page_on_a_broken_directory_speaks_swedish(monkeypatch, tmp_path: Path, broken: Path, page, params):
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(tmp_path / "cache"))
    at = _open(monkeypatch, broken, page, params)
    assert not english_in(at, _data_values([broken]))


def test_the_edit_page_its_forms_and_history_speak_swedish(monkeypatch, tmp_path: Path, broken: Path):
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(tmp_path / "cache"))
    data = _data_values([broken])
    at = _open(monkeypatch, broken, "edit")
    at.selectbox(key="edit.kind").set_value("organisation").run()
    at.text_input(key="edit.entity.organisation.q").set_value("comune").run()
    assert_ok(at)
    assert not english_in(at, data)  # the form, its help, and what deleting would also change
    at.get_by_key("edit.f.entity.organisation.comune-x.city").set_value("Y")
    [save] = [b for b in at.button if b.label == SV["edit.save"] and b.proto.is_form_submitter]
    at = save.click().run()
    assert_ok(at)
    saved = [s.value for s in at.success]
    assert saved and "Comune di X" in saved[0] and "Changed" not in saved[0], saved  # a name, not an id; Swedish
    assert not english_in(at, data)
    at = at.radio(key="edit.section").set_value("history").run()
    assert_ok(at)
    shown = "\n".join(m.value for m in at.markdown)  # the change log in words, names linked to profiles
    # the broken directory has a duplicate id, so the save is logged as rows removed and added (no before → after)
    assert "organisation [Comune di X]" in shown and SV["history.action.edit"] in shown, shown
    assert not english_in(at, data)


def test_an_import_with_bad_rows_says_why_in_swedish(monkeypatch, tmp_path: Path, broken: Path):
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(tmp_path / "cache"))
    data = _data_values([broken], UPLOAD)
    at = _open(monkeypatch, broken, "import_page")
    at = at.file_uploader(key="import.file").set_value(("partners.csv", UPLOAD, "text/csv")).run()
    at = at.button(key="import.preview").click().run()
    assert_ok(at)
    reasons = [
        str(v) for d in at.dataframe for c in d.value.columns if c == SV["import.col.reason"] for v in d.value[c]
    ]
    assert any("är inget land" in r for r in reasons), reasons  # 'SP' in Country code is not a country
    assert not english_in(at, data)


def test_the_partners_page_speaks_swedish(monkeypatch, tmp_path: Path):
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(tmp_path / "cache"))
    data = write_partners_data(tmp_path / "partners")
    at = _open(
        monkeypatch,
        data,
        "partners",
        {
            "programme": "ce-small",
            "themes": "dance",
            "section": "consortium",
            "members": "region-orebro:coordinator,teatro-sur",
        },
    )
    assert not english_in(at, _data_values([data]))


def test_the_detector_finds_english():
    class Fake:
        def __init__(self, texts):
            self._tree, self.dataframe = type("T", (), {"value": texts[0], "children": {}})(), []

    assert english_in(Fake(["'SP' in Land is not a country"]), [])
    assert not english_in(Fake(["'SP' i Land är inget land"]), [])
    assert not english_in(Fake(["The county region. är inget datum"]), ["The county region."])
