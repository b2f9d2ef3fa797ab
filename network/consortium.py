"""A draft consortium kept: the list to share (CSV/XLSX), the graph to show, and saving it as a project.

A consortium is a list of ``Member`` (organisation id and role). This module turns it into

- a table, one row per member, with how the home organisation knows each one (``member_table``), for the
  dashboard and for the CSV/XLSX list (``network.export.to_csv`` / ``to_xlsx``: formula-safe, no contact data);
- the entities to draw: the members and the ways from the home organisation to them (``graph_nodes``);
- the rows of a project with status ``in-preparation`` and a ``partner_in`` relation per member
  (``project_rows``), saved through the safe save path (``storage.save``, via ``editing``) by ``save_as_project``.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import TYPE_CHECKING, Mapping, Sequence

import pandas as pd

from . import schema
from .errors import UsageError
from .messages import message
from .partners import describe, way_from_home
from .rules import ConsortiumCheck, Member, Sentence

if TYPE_CHECKING:
    from .access import Actor
    from .directory import Directory
    from .storage import SaveResult

__all__ = [
    "member_table",
    "graph_nodes",
    "graph_edges",
    "project_rows",
    "save_as_project",
    "MEMBER_COLUMNS",
    "SAVED_STATUS",
]

MEMBER_COLUMNS = ("role", "id", "name", "type", "country", "city", "counts", "how_we_know")
#: The status a saved consortium gets: an application being prepared.
SAVED_STATUS = "in-preparation"


def member_table(
    directory: "Directory",
    members: Sequence[Member],
    check: ConsortiumCheck | None = None,
    templates: Mapping[str, str] | None = None,
    language: str = "en",
) -> pd.DataFrame:
    """One row per member: role, id, name, type, country, city, whether it counts, how we know it (in words)."""
    counted = set(check.counted) if check is not None else None
    rows = []
    for member in members:
        record = directory.record(member.id)
        way: Sentence = way_from_home(directory, member.id)[1]
        rows.append(
            {
                "role": member.role,
                "id": member.id,
                "name": record.get("name", member.id),
                "type": record.get("type", ""),
                "country": record.get("country", ""),
                "city": record.get("city", ""),
                "counts": "" if counted is None else ("yes" if member.id in counted else "no"),
                "how_we_know": describe(way, templates, language),
            }
        )
    return pd.DataFrame(rows, columns=list(MEMBER_COLUMNS))


def graph_nodes(directory: "Directory", members: Sequence[Member]) -> list[str]:
    """The members, the home organisation and every entity on the way from home to a member (no duplicates)."""
    nodes: list[str] = [directory.home] if directory.home else []
    for member in members:
        nodes.extend(way_from_home(directory, member.id)[0] or (member.id,))
    return list(dict.fromkeys(nodes))


def graph_edges(directory: "Directory", members: Sequence[Member]) -> list[tuple[str, str]]:
    """The pairs of entities each way steps between (for highlighting)."""
    pairs = []
    for member in members:
        path = way_from_home(directory, member.id)[0]
        pairs.extend(zip(path, path[1:]))
    return list(dict.fromkeys(pairs))


def project_rows(
    directory: "Directory",
    name: str,
    programme: str,
    members: Sequence[Member],
    *,
    themes: Sequence[str] = (),
    project_id: str = "",
    description: str = "",
    today: dt.date | None = None,
) -> tuple[dict[str, str], list[dict[str, str]]]:
    """The projects.csv row (status in-preparation) and one relations.csv ``partner_in`` row per member."""
    if not name.strip():
        raise UsageError("Give the project a name (a working title is fine).")
    if not members:
        raise UsageError("The consortium is empty: add at least one organisation before saving it.")
    from .editing import suggest_id  # local: editing pulls in storage, which only saving needs

    tables = {
        t.file: directory.tables.get(t.kind, pd.DataFrame(columns=list(t.column_names))) for t in schema.ENTITY_TABLES
    }
    project_id = project_id.strip() or suggest_id(tables, name)
    today = today or dt.date.today()
    project = {column: "" for column in schema.PROJECTS.column_names}
    project.update(
        id=project_id,
        name=name.strip(),
        programme=programme,
        status=SAVED_STATUS,
        themes="|".join(dict.fromkeys(t for t in themes if t)),
        description=description or f"Consortium drafted with the partner finder on {today.isoformat()}.",
        verified=today.isoformat(),
    )
    relations = []
    for member in members:
        row = {column: "" for column in schema.RELATIONS_TABLE.column_names}
        row.update(
            source=member.id,
            relation="partner_in",
            target=project_id,
            role=member.role,
            note="draft consortium (in preparation)",
            verified=today.isoformat(),
        )
        relations.append(row)
    return project, relations


def save_as_project(
    path: str | Path,
    directory: "Directory",
    name: str,
    programme: str,
    members: Sequence[Member],
    *,
    themes: Sequence[str] = (),
    project_id: str = "",
    actor: "Actor",
    today: dt.date | None = None,
) -> tuple[str, "SaveResult"]:
    """Save the consortium as a project (status in-preparation) and its partner_in relations, safely.

    Only for an ``actor`` whose role may edit (editor or admin), checked before anything is read
    (``PermissionDeniedError``): the page hides the button from others, and this check holds whatever led here.

    The change is checked like any edit (``editing``) and written by ``storage.save`` with the directory's
    fingerprint as base, so a save after someone else's change is refused with ``ConflictError`` and nothing is
    lost. Returns the project id and the save result. Raises ``UsageError`` with the problems if the rows are
    refused.
    """
    from . import access, editing, storage

    access.authorize(actor, "edit")
    project, relations = project_rows(
        directory, name, programme, members, themes=themes, project_id=project_id, today=today
    )
    snapshot = storage.load(path)
    if directory.fingerprint and snapshot.fingerprint != directory.fingerprint:
        from .errors import ConflictError

        raise ConflictError(
            "The files changed after the dashboard loaded them. Reload the page; your consortium "
            "stays in the builder, then save again."
        )
    # The project and its relations in one edit, validated once; the files' problems as they are were found when
    # the directory was loaded (the same files: the fingerprints are equal), so they are not found again.
    edits = [
        editing.Edit("add", "project", project["id"], project),
        *(editing.Edit("add_relation", "relation", values=row) for row in relations),
    ]
    before = directory.report.problems if directory.fingerprint else None
    result = editing.apply_all(snapshot.tables, edits, before=before, config=snapshot.config, today=today)
    _refuse(result)
    tables = result.tables
    changed = {
        schema.PROJECTS.file: tables[schema.PROJECTS.file],
        schema.RELATIONS_TABLE.file: tables[schema.RELATIONS_TABLE.file],
    }
    said = (
        message("change.consortium", id=project["id"], count=len(relations), programme=programme)
        if programme
        else message("change.consortium.no-programme", id=project["id"], count=len(relations))
    )
    saved = storage.save(
        path, changed, snapshot.fingerprint, actor=actor, action="consortium", summary=said.text, notes=[said]
    )
    return project["id"], saved


def _refuse(result) -> None:
    if not result.ok:
        raise UsageError(
            "The project could not be saved: " + "; ".join(f"{p.location}: {p.message}" for p in result.errors)
        )
