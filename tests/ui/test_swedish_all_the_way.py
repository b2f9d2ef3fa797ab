"""Swedish all the way: every page, opened in Swedish on a directory with broken rows, shows no English sentence.

Every text element is collected (titles, Markdown, captions, alerts, widget labels, help, options, metrics, table
headings and cells). Values that come from the data files (names, descriptions, ids, the column names of the
files) are removed first: data keeps its own language. What is left is searched for English function words that
never occur in Swedish text. Streamlit's own texts that are drawn by the browser (the file uploader's "Drag and
drop file here") are not in AppTest's tree, so this test cannot see them: tests/browser/test_upload_words_browser.py
checks them in a browser. What the core says (problems, skipped rows, save and read failures, mapping errors, the
import's full report) comes as codes and must arrive here in Swedish too.
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

from ui.i18n import SV, os_error_words
from ui.pages.explore import LANDED
from ui.pages.import_page import report_text

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
    at.session_state[LANDED] = True  # Explore's whole page at once (no browser to report its graph drawn)
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
    [report] = [x.value for x in at.text]  # the full report (the CLI's lines), in Swedish, with the skipped rows
    assert "Rader som hoppades över (3):" in report and "  rad 2: 'SP' i Country code är inget land" in report, report
    assert report == report_text(at.session_state["import._plan"][1].report)


#: Mapping files a person may upload that cannot be used: a TOML syntax error and errors of the mapping itself.
BAD_MAPPINGS = [
    ('[organisation]\nname = "Project Partner\n', "är inte giltig TOML"),
    (
        '[organisation]\nname = "Project Partner"\ncountry = "Country code"\n[group]\nkind = "club"\n[relation]\ntype = "partner_in"\n',
        "group.kind",
    ),
    ('[organisation]\nname = "Project Partner"\n[grupp]\n', "okänd sektion"),
    ('[organisation]\nname = "Project Partner"\ncountry = "Country code"\ncolour = "x"\n', "har ingen nyckel"),
]


@pytest.mark.parametrize(("mapping", "said"), BAD_MAPPINGS, ids=["toml", "kind", "section", "key"])
def test_a_mapping_file_that_cannot_be_used_says_why_in_swedish(
    monkeypatch, tmp_path: Path, broken: Path, mapping, said
):
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(tmp_path / "cache"))
    data = _data_values([broken], UPLOAD)
    at = _open(monkeypatch, broken, "import_page")
    at = at.file_uploader(key="import.file").set_value(("partners.csv", UPLOAD, "text/csv")).run()
    at = at.radio(key="import.mode").set_value("file").run()
    at = at.file_uploader(key="import.mapping_file").set_value(("mapping.toml", mapping.encode(), "text/plain")).run()
    assert_ok(at)
    errors = [e.value.replace("\\", "") for e in at.error]  # Markdown escapes taken out
    assert any(said in e for e in errors), errors
    assert not english_in(at, data)


def test_a_file_that_cannot_be_read_says_why_in_swedish(monkeypatch, tmp_path: Path, broken: Path):
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(tmp_path / "cache"))
    at = _open(monkeypatch, broken, "import_page")
    at = (
        at.file_uploader(key="import.file").set_value(("partners.csv.gz", b"not gzip at all", "application/gzip")).run()
    )
    assert_ok(at)
    errors = [e.value.replace("\\", "") for e in at.error]
    assert any("är ingen läsbar gzip-fil" in e for e in errors), errors
    assert not english_in(at, _data_values([broken]))


def test_a_save_that_fails_says_why_in_swedish(monkeypatch, tmp_path: Path, broken: Path):
    """The disk refuses the save (here: .history is a file, so the history folder cannot be made; as root too)."""
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(tmp_path / "cache"))
    (broken / ".history").write_text("not a folder", "utf-8")
    at = _open(monkeypatch, broken, "edit")
    at.selectbox(key="edit.kind").set_value("organisation").run()
    at.text_input(key="edit.entity.organisation.q").set_value("comune").run()
    at.get_by_key("edit.f.entity.organisation.comune-x.city").set_value("Y")
    [save] = [b for b in at.button if b.label == SV["edit.save"] and b.proto.is_form_submitter]
    at = save.click().run()
    assert_ok(at)
    errors = [e.value for e in at.error]
    assert any("kunde inte skapas" in e and "skrivbar" in e and "den finns redan" in e for e in errors), errors
    assert not english_in(at, _data_values([broken]))


def test_an_edit_of_a_record_someone_else_deleted_says_so_in_swedish(monkeypatch, tmp_path: Path, broken: Path):
    """The Edit page's conflicts: someone else saved between opening the form and saving it (the edit is kept and
    offered again), then deleted the record before the kept edit is applied to their version."""
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(tmp_path / "cache"))
    data = _data_values([broken])
    at = _open(monkeypatch, broken, "edit")
    at.selectbox(key="edit.kind").set_value("organisation").run()
    at.text_input(key="edit.entity.organisation.q").set_value("comune").run()
    at.get_by_key("edit.f.entity.organisation.comune-x.city").set_value("Y")
    organisations = broken / "organisations.csv"
    rows = organisations.read_text("utf-8").splitlines(keepends=True)
    organisations.write_text("".join(rows) + "someone-else,Någon annans,ngo,SE,Örebro,,,,,,,2025-01-01\n", "utf-8")
    [save] = [b for b in at.button if b.label == SV["edit.save"] and b.proto.is_form_submitter]
    at = save.click().run()
    assert_ok(at)
    assert any(SV["edit.conflict_title"] in w.value for w in at.warning), [w.value for w in at.warning]
    assert not english_in(at, data)
    organisations.write_text("".join(r for r in rows if not r.startswith("comune-x,")), "utf-8")  # then deleted it
    at = at.button(key="edit.pending.apply").click().run()
    assert_ok(at)
    errors = [e.value.replace("\\", "") for e in at.error]
    assert any("Det finns ingen post med id 'comune-x'" in e for e in errors), errors
    assert not english_in(at, data)


def test_an_import_that_cannot_be_planned_says_why_in_swedish(monkeypatch, tmp_path: Path, broken: Path):
    """Planning errors that reach the Import page: a file of another type, a mapping naming a column the file does
    not have, and a lookup file the mapping needs but nobody gave."""
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(tmp_path / "cache"))
    data = _data_values([broken], UPLOAD)
    at = _open(monkeypatch, broken, "import_page")
    at = at.file_uploader(key="import.file").set_value(("partners.pdf", UPLOAD, "application/pdf")).run()
    assert_ok(at)
    errors = [e.value.replace("\\", "") for e in at.error]
    assert any("partners.pdf kan inte tas emot här" in e for e in errors), errors
    assert not english_in(at, data)
    at = at.file_uploader(key="import.file").set_value(("partners.csv", UPLOAD, "text/csv")).run()
    at = at.radio(key="import.mode").set_value("file").run()
    mapping = '[organisation]\nname = "Project Partner"\ncountry = "Country"\n[group]\nkind = "project"\n'
    mapping += 'name = "Acronym"\n[relation]\ntype = "partner_in"\n'
    at = at.file_uploader(key="import.mapping_file").set_value(("mapping.toml", mapping.encode(), "text/plain")).run()
    assert_ok(at)
    errors = [e.value.replace("\\", "") for e in at.error]
    assert any("som källfilen inte har" in e for e in errors), errors  # organisation.country names 'Country'
    assert not english_in(at, data)
    mapping = mapping.replace('"Country"', '"Country code"') + '[lookups.orgs]\nfile = "orgs.csv"\nkey = "id"\n'
    mapping += 'on = "Project Partner"\n'
    at = at.file_uploader(key="import.mapping_file").set_value(("mapping.toml", mapping.encode(), "text/plain")).run()
    at = at.button(key="import.preview").click().run()
    assert_ok(at)
    errors = [e.value.replace("\\", "") for e in at.error]
    assert any("hittades inte" in e and "orgs.csv" in e for e in errors), errors  # the lookup file was not given
    assert not english_in(at, data)


@pytest.mark.parametrize("page", ["problems", "overview"])
def test_a_directory_toml_that_is_not_toml_is_said_in_swedish(monkeypatch, tmp_path: Path, broken: Path, page):
    """tomllib's own words ("Expected '=' after a key in a key/value pair (at line 2, column 6)") become Swedish,
    with the line and column."""
    monkeypatch.setenv("NETWORK_CACHE_DIR", str(tmp_path / "cache"))
    (broken / "directory.toml").write_text('name = "Testkatalog"\nhome region-orebro\n', "utf-8")
    at = _open(monkeypatch, broken, page)
    shown = "\n".join(_shown(at)).replace("\\", "")
    if page == "problems":
        assert "Filen är inte giltig TOML: ett '=' saknas efter en nyckel (rad 2, tecken 6)" in shown, shown
    assert "Expected" not in shown
    assert not english_in(at, _data_values([broken]))


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


def test_an_operating_systems_error_inside_a_message_is_said_in_swedish():
    """A save the disk refused carries Python's words for the system's error; the reader gets the catalogue's."""
    said = os_error_words("[Errno 13] Permission denied: '/data/organisations.csv'")
    assert said == f"{SV['oserror.EACCES']}: '/data/organisations.csv'"
    assert os_error_words("[Errno 28] No space left on device") == SV["oserror.ENOSPC"]
    assert os_error_words("[Errno 61] No data available") == "[Errno 61] No data available"  # no words: as written


def test_the_detector_finds_english():
    class Fake:
        def __init__(self, texts):
            self._tree, self.dataframe = type("T", (), {"value": texts[0], "children": {}})(), []

    assert english_in(Fake(["'SP' in Land is not a country"]), [])
    assert not english_in(Fake(["'SP' i Land är inget land"]), [])
    assert not english_in(Fake(["The county region. är inget datum"]), ["The county region."])
    # what the dashboard showed before save and read failures, mapping errors and the report had codes
    assert english_in(
        Fake(["Kunde inte spara: The folder /d/.history could not be created ([Errno 17] File exists)."]), []
    )
    assert english_in(
        Fake(
            ["Mappningen kan inte användas: mapping.toml: unknown section [grupp]. Did you mean [group]? Sections: x."]
        ),
        [],
    )
    assert english_in(
        Fake(
            [
                "Filen kunde inte läsas: partners.csv.gz is not a readable gzip file: it is damaged, or not compressed with gzip."
            ]
        ),
        [],
    )
    assert english_in(Fake(["Import of partners.csv with mapping.toml. Dry run: nothing was written."]), [])
    assert not english_in(Fake(["Mappen /d/.history kunde inte skapas ([Errno 17] File exists)."]), [])
