"""Markdown and HTML payloads for every text field, and the directory ``tests/fixtures/markdown`` that holds them.

Shared by the AppTest test (``tests/ui/test_markdown_injection.py``) and the browser test
(``tests/browser/test_xss_browser.py``). Every payload points at ``evil.test``; the link columns (website, url,
reference, email) of the rows that load hold ``ok.example.org`` addresses, so a link or picture that reaches
``evil.test`` can only have been made from text that is not a link column. Run this module to write the fixture
again after a change (``python tests/markdown_payloads.py``); ``test_fixture_covers_every_text_column`` checks that
every text column of every table holds a payload in every row.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

from network import schema

__all__ = [
    "FIXTURE",
    "EVIL_HOST",
    "INLINE",
    "BLOCK",
    "HEADING",
    "SETEXT",
    "MARKERS",
    "TEXT_TYPES",
    "LINK_TYPES",
    "link_values",
    "write_fixture",
]

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "markdown"
EVIL_HOST = "evil.test"
#: The heading payloads' words: if they are ever in a heading without their ``#`` / ``===``, data made a heading.
HEADING = "VARNING-RUBRIK"
SETEXT = "VARNING-SETEXT"
#: One line with every inline attack: picture, links, autolink, bare URL and e-mail, HTML, colour directive,
#: icons, emoji, LaTeX, emphasis, code, entity, typography.
INLINE = (
    f"# {HEADING} ![px](https://{EVIL_HOST}/px.png) [Logga in igen](https://{EVIL_HOST}/login) "
    f"<https://{EVIL_HOST}/auto> https://{EVIL_HOST}/bare www.{EVIL_HOST} evil@{EVIL_HOST} "
    f'<img src="https://{EVIL_HOST}/img.png" onerror="console.error(\'xss-ran\')"> '
    f"<img src=x onerror=\"console.error('xss-ran')\"> :red[VARNING] :material/skull: :streamlit: :skull: "
    f"$\\LaTeX$ **fet** _kursiv_ ~~struken~~ `kod` &lt;b&gt; a -> b [ref][r]\n\n[r]: https://{EVIL_HOST}/ref"
)
#: Several lines: headings (ATX and setext), a table, a quote, a list, a code block, a block formula.
BLOCK = (
    f"# {HEADING}\n\n{SETEXT}\n===\n\n| a | b |\n|---|---|\n| c | d |\n\n> citat\n\n- lista\n\n"
    f"    kodblock\n\n$$\\LaTeX$$\n\n{INLINE}"
)
#: Distinct words of the payloads, used to find them in what a page shows.
MARKERS = (HEADING, SETEXT, EVIL_HOST)
#: Column types that hold free text (a payload in every row); link types hold addresses.
TEXT_TYPES = (schema.TEXT, schema.NAME)
LINK_TYPES = (schema.URL, schema.REFERENCE, schema.EMAIL)
_MULTILINE = ("description", "notes", "note", "rule_note")


def _text(column: str, label: str) -> str:
    """The payload for one text cell: the block for free-text columns, one line (with the row's label, so names
    stay distinct) for the others."""
    if column in _MULTILINE:
        return BLOCK
    return INLINE.replace("# ", f"# {label} ", 1) if column == "name" else INLINE


#: The rows that load: every non-text column holds a valid value; link columns hold ok.example.org addresses.
_ROWS: dict[str, list[dict[str, str]]] = {
    "organisations.csv": [
        {
            "id": "region-orebro",
            "type": "region",
            "country": "SE",
            "themes": "culture|social-economy",
            "website": "https://ok.example.org/region",
            "email": "info@ok.example.org",
            "reference": "https://ok.example.org/region-ref",
            "verified": "2025-01-10",
        },
        {
            "id": "md-org",
            "type": "ngo",
            "country": "DE",
            "themes": "culture",
            "website": "https://ok.example.org/org",
            "reference": "",
            "verified": "2020-01-10",
        },
        {"id": "md-org-2", "type": "municipality", "country": "IT", "themes": "culture", "verified": "2025-02-01"},
        {"id": "md-org-3", "type": "theatre", "country": "FR", "themes": "culture|dance"},
    ],
    "networks.csv": [
        {
            "id": "md-net",
            "type": "association",
            "scope": "european",
            "website": "https://ok.example.org/net",
            "themes": "culture",
            "reference": "https://ok.example.org/net-ref",
            "verified": "2025-02-01",
        },
    ],
    "programmes.csv": [
        {
            "id": "md-prog",
            "family": "creative-europe",
            "min_partners": "3",
            "min_countries": "3",
            "min_eu_countries": "3",
            "eligible_group": "md-group",
            "max_months": "48",
            "url": "https://ok.example.org/prog",
            "reference": "",
            "verified": "2025-03-01",
        },
    ],
    "projects.csv": [
        {
            "id": "md-project",
            "programme": "md-prog",
            "status": "running",
            "start": "2023-09-01",
            "end": "2026-08-31",
            "budget_eur": "200000",
            "themes": "dance|culture",
            "website": "https://ok.example.org/project",
            "verified": "2025-01-15",
        },
    ],
    "people.csv": [
        {
            "id": "md-person",
            "organisation": "region-orebro",
            "email": "md.person@ok.example.org",
            "languages": "sv|en",
            "themes": "culture",
            "legal_basis": "consent",
            "verified": "2025-01-10",
        },
        {
            "id": "md-person-2",
            "organisation": "md-org",
            "email": "md.person2@ok.example.org",
            "languages": "en",
            "themes": "culture",
            "verified": "2019-01-10",
        },
    ],
    "relations.csv": [
        {
            "source": "region-orebro",
            "relation": "member_of",
            "target": "md-net",
            "since": "2001",
            "reference": "https://ok.example.org/rel",
            "verified": "2025-01-10",
        },
        {"source": "md-org", "relation": "member_of", "target": "md-net", "since": "2015-03", "verified": "2019-01-01"},
        {"source": "region-orebro", "relation": "partner_in", "target": "md-project", "since": "2023-09-01"},
        {"source": "md-org", "relation": "partner_in", "target": "md-project"},
        {"source": "md-org-2", "relation": "partner_in", "target": "md-project"},
        {"source": "md-person", "relation": "knows", "target": "md-person-2"},
        {"source": "md-person", "relation": "represents", "target": "region-orebro"},
        {"source": "md-org-3", "relation": "collaborates_with", "target": "md-org"},
    ],
    "country_groups.csv": [
        {"group": "md-group", "countries": "SE|DE|IT|FR|GR", "reference": "", "verified": "2025-01-01"},
    ],
}
#: Rows with a payload in a checked column: validation refuses or warns, and its message quotes the value.
_BAD_ROWS: dict[str, list[dict[str, str]]] = {
    "organisations.csv": [
        {"id": "md-bad-country", "type": "ngo", "country": INLINE},
        {"id": "md-bad-email", "type": "ngo", "country": "SE", "email": INLINE},
        {"id": "md-bad-website", "type": "ngo", "country": "SE", "website": f"javascript:alert(1) {INLINE}"},
        {"id": "md-bad-date", "type": "ngo", "country": "SE", "verified": INLINE},
    ],
    "networks.csv": [{"id": "md-bad-type", "type": INLINE}],
    "relations.csv": [{"source": "md-org", "relation": "member_of", "target": "md-unknown"}],
}


def link_values() -> set[str]:
    """The addresses in link columns of the rows that load: the only links a page may make from data."""
    found = set()
    for file, rows in _ROWS.items():
        table = schema.table_for_file(file)
        for row in rows:
            for column in table.columns:
                if column.type in LINK_TYPES and row.get(column.name):
                    found.add(row[column.name])
    return found


def _table_text(file: str) -> str:
    table = schema.table_for_file(file)
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(table.column_names), lineterminator="\n")
    writer.writeheader()
    for number, row in enumerate(_ROWS.get(file, []) + _BAD_ROWS.get(file, []), start=1):
        full = {c: row.get(c, "") for c in table.column_names}
        for column in table.columns:
            if column.type in TEXT_TYPES and column.name not in row:
                full[column.name] = _text(column.name, f"{table.sheet[:3].upper()}{number}")
        writer.writerow(full)
    return out.getvalue()


def write_fixture(folder: Path = FIXTURE) -> Path:
    """Write the payload directory (every table, and ``directory.toml`` with a payload name) to ``folder``."""
    folder.mkdir(parents=True, exist_ok=True)
    for table in schema.TABLES:
        (folder / table.file).write_text(_table_text(table.file), "utf-8")
    name = INLINE.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    (folder / "directory.toml").write_text(f'name = "{name}"\nhome = "region-orebro"\n', "utf-8")
    return folder


if __name__ == "__main__":
    print(write_fixture())
