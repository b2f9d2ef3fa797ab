"""Shared fixtures: a small, valid directory written to a temporary folder, and a helper to write others.

``small_dir`` is a folder of CSV files that validates with no errors and no warnings (given ``TODAY``), small enough
to reason about by hand: two paths join Region Örebro län to Comune di X (through REVES and through the project
Dance Bridges) and a third goes through two people who know each other. Tests that need a variant copy
``SMALL_FILES``, change one file and write it with ``write_directory``.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
from pathlib import Path

from network import load_directory, schema
from network.access import Actor
from network.directory import Directory

__all__ = [
    "TODAY",
    "SMALL_FILES",
    "write_directory",
    "write_workbook",
    "load",
    "FIXTURES",
    "EDITOR",
    "ADMIN",
    "VIEWER",
    "state_of",
]

#: The users tests write as: every core writer takes an ``actor`` and checks its role itself.
EDITOR = Actor("editor@example.org", "editor")
ADMIN = Actor("admin@example.org", "admin")
VIEWER = Actor("viewer@example.org", "viewer")

#: A fixed "today" so that stale-`verified` warnings do not depend on when the tests run.
TODAY = dt.date(2025, 6, 1)
FIXTURES = Path(__file__).parent / "fixtures"

SMALL_FILES: dict[str, str] = {
    "directory.toml": 'name = "Testkatalog"\nhome = "region-orebro"\n',
    "organisations.csv": (
        "id,name,type,country,city,nuts,themes,website,email,description,reference,verified\n"
        "region-orebro,Region Örebro län,region,SE,Örebro,SE124,culture|social-economy,"
        "https://www.regionorebrolan.se,info@example.org,The county region.,https://www.regionorebrolan.se,2025-01-10\n"
        "comune-x,Comune di X,municipality,IT,X,,social-economy,https://comune-x.example.org,,Fictional.,,2024-11-02\n"
        "dansresidens,Dansresidens Örebro,artist-residency,SE,Örebro,,dance|children-youth,,,Fictional.,,2024-05-05\n"
        "athens-lab,Athens Culture Lab,ngo,GR,Athens,,culture|heritage,,,Fictional.,,2024-03-01\n"
        "lille-theatre,Théâtre de Lille,theatre,FR,Lille,,theatre,,,Fictional.,,\n"
    ),
    "networks.csv": (
        "id,name,type,scope,website,themes,description,reference,verified\n"
        "reves,REVES,association,european,https://www.revesnetwork.eu,social-economy,European network of cities "
        "and regions for the social economy.,https://www.revesnetwork.eu,2025-02-01\n"
        "central-sweden,Central Sweden EU office,eu-office,regional,,culture,The EU office in Brussels.,,2025-02-01\n"
    ),
    "projects.csv": (
        "id,name,acronym,programme,status,start,end,budget_eur,themes,website,description,reference,verified\n"
        "dance-bridges,Dance Bridges,DB,creative-europe-small,running,2023-09-01,2026-08-31,200000,dance|culture,,"
        "Fictional.,,2025-01-15\n"
        "heritage-idea,Heritage Voices,HV,,idea,,,,heritage,,Fictional.,,\n"
    ),
    "programmes.csv": (
        "id,name,family,min_partners,min_countries,min_eu_countries,max_months,rule_note,url,reference,verified\n"
        "creative-europe-small,Creative Europe – small-scale cooperation,creative-europe,3,3,3,48,"
        "At least 3 partners from 3 countries.,https://culture.ec.europa.eu,,2025-03-01\n"
    ),
    "people.csv": (
        "id,name,organisation,role,email,phone,languages,themes,notes,verified\n"
        "anna-exempel,Anna Exempel,region-orebro,International coordinator,anna.exempel@example.org,"
        "+46 70 000 00 01,sv|en,culture,Met at the inspiration day.,2025-01-10\n"
        "marco-esempio,Marco Esempio,comune-x,Project officer,marco.esempio@example.org,+39 000 0001,it|en,"
        "social-economy,Secret note.,2025-01-10\n"
    ),
    "relations.csv": (
        "source,relation,target,role,since,until,note,reference,verified\n"
        "region-orebro,member_of,reves,,2001,,Member for over 20 years.,https://www.revesnetwork.eu,2025-01-10\n"
        "comune-x,member_of,reves,,2015-03,,,,\n"
        "region-orebro,member_of,central-sweden,,2010,,,,\n"
        "region-orebro,partner_in,dance-bridges,coordinator,2023-09-01,,,,\n"
        "comune-x,partner_in,dance-bridges,partner,2023-09-01,,,,\n"
        "athens-lab,partner_in,dance-bridges,associated,2024-01,,,,\n"
        "dansresidens,collaborates_with,region-orebro,,2019,,,,\n"
        "lille-theatre,member_of,reves,,2012,2018,,,\n"
        "anna-exempel,knows,marco-esempio,,,,,,\n"
        "anna-exempel,represents,region-orebro,,,,,,\n"
    ),
}


def write_directory(path: Path, files: dict[str, str | bytes]) -> Path:
    """Write ``files`` (name → text or bytes) into the folder ``path`` (created if needed); returns ``path``.

    Text is written as UTF-8 exactly as given (no newline translation), so tests control line ends and encodings.
    """
    path.mkdir(parents=True, exist_ok=True)
    for name, content in files.items():
        data = content if isinstance(content, bytes) else content.encode("utf-8")
        (path / name).write_bytes(data)
    return path


_DATE_COLUMNS = {c.name for t in schema.TABLES for c in t.columns if c.type == schema.DATE}
_NUMBER_COLUMNS = {c.name for t in schema.TABLES for c in t.columns if c.type in (schema.INTEGER, schema.NUMBER)}


def _excel_value(column: str, text: str) -> object:
    """What Excel stores: real dates for full dates, floats for numbers (Excel has no integers)."""
    if not text:
        return None
    if column in _DATE_COLUMNS and len(text) == 10:
        return dt.date.fromisoformat(text)
    if column in _NUMBER_COLUMNS:
        try:
            return float(text)
        except ValueError:
            return text
    return text


def write_workbook(path: Path, files: dict[str, str]) -> Path:
    """Write the CSV texts of ``files`` as one .xlsx workbook, one sheet per file, the way Excel stores them:
    full dates as real dates and numbers as numbers. Other files (directory.toml) are skipped."""
    from openpyxl import Workbook

    book = Workbook()
    book.remove(book.active)
    for name, text in files.items():
        if not name.endswith(".csv"):
            continue
        sheet = book.create_sheet(name.removesuffix(".csv"))
        header, *body = list(csv.reader(io.StringIO(text, newline="")))
        sheet.append(header)
        for row in body:
            sheet.append([_excel_value(c, v) for c, v in zip(header, row)])
    book.save(path)
    return path


def load(path: Path) -> Directory:
    """Load a directory as the tests do: with the fixed ``TODAY``."""
    return load_directory(path, today=TODAY)


def state_of(directory: Directory) -> str:
    """A digest of everything a test could change in a loaded directory: its tables, relations and lookups (every
    column, dtype, index and cell), every node and edge of the graph with its attributes, the report, the config,
    the sources and the fingerprint. The session-wide ``small`` fixture compares it before and after the session:
    a test that changes the shared directory fails there instead of changing what later tests see."""
    digest = hashlib.sha256()

    def frame(name: str, table) -> None:
        digest.update(
            repr(
                (name, list(table.columns), [str(t) for t in table.dtypes], table.index.tolist(), table.values.tolist())
            ).encode()
        )

    for name, table in sorted(directory.tables.items()):
        frame(f"table:{name}", table)
    frame("relations", directory.relations)
    for name, table in sorted(directory.lookups.items()):
        frame(f"lookup:{name}", table)
    graph = directory.graph
    digest.update(repr(sorted((str(n), sorted(d.items())) for n, d in graph.nodes(data=True))).encode())
    digest.update(
        repr(
            sorted((str(u), str(v), str(k), sorted(d.items())) for u, v, k, d in graph.edges(keys=True, data=True))
        ).encode()
    )
    digest.update(
        repr((directory.report, directory.config, sorted(directory.sources.items()), directory.fingerprint)).encode()
    )
    digest.update(repr((directory.path, graph.graph)).encode())
    return digest.hexdigest()
