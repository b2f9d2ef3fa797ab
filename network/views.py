"""Saved views: a named Explore or Map view (focus, radius, filters, colouring) kept in the directory's views.csv,
so colleagues open the same picture from a list instead of a long link.

A view is its page and its settings as a link's query string (``focus=region-orebro&radius=2&colour=community``),
exactly what the page puts in the browser's address bar; opening a view restores it like opening a link, and the
page ignores (and says so) any value that no longer fits the data. Writes go through ``storage.save`` (lock,
backup, change log), so a saved view can be undone like any edit. Who may save is the caller's decision (the
dashboard requires the ``edit`` role); anybody who can read the directory can open a view.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import parse_qsl, urlencode

import pandas as pd

from . import schema, storage
from .access import Actor
from .errors import NotFoundError, UsageError
from .messages import Message, message
from .textnorm import slugify

if TYPE_CHECKING:
    from .directory import Directory

__all__ = [
    "SavedView",
    "VIEW_PAGES",
    "saved_views",
    "read_views",
    "save_view",
    "rename_view",
    "delete_view",
    "view_link",
    "new_view_id",
    "clean_query",
    "MAX_QUERY",
]

#: The pages a view can open.
VIEW_PAGES = ("explore", "map")
#: The longest query string kept (a view is settings, not data).
MAX_QUERY = 4000
_FILE = schema.VIEWS.file


@dataclass(frozen=True)
class SavedView:
    view: str
    name: str
    page: str
    query: str = ""
    note: str = ""
    verified: str = ""


def clean_query(query: str) -> str:
    """The query string re-encoded (``?`` dropped, empty values and the language left out, keys sorted as given).

    Raises ``UsageError`` if it is too long or not a query string."""
    text = query.strip().lstrip("?")
    if len(text) > MAX_QUERY:
        raise UsageError(
            f"The view's settings are {len(text)} characters long; at most {MAX_QUERY} are kept. "
            "Remove some filters and save again."
        )
    try:
        pairs = parse_qsl(text, keep_blank_values=False, strict_parsing=bool(text))
    except ValueError as exc:
        raise UsageError(f"'{text[:80]}' is not a link's query string (name=value&name=value).") from exc
    return urlencode([(k, v) for k, v in pairs if k != "lang"])


def _from_frame(frame: pd.DataFrame | None) -> list[SavedView]:
    if frame is None or frame.empty:
        return []
    rows = frame.fillna("").astype(str).to_dict("records")
    views = [
        SavedView(**{k: r.get(k, "") for k in ("view", "name", "page", "query", "note", "verified")})
        for r in rows
        if r.get("view")
    ]
    return sorted(views, key=lambda v: (v.name.casefold(), v.view))


def saved_views(directory: "Directory") -> list[SavedView]:
    """The views of the loaded directory (valid rows of views.csv), by name."""
    return [v for v in _from_frame(directory.lookups.get("view")) if v.page in VIEW_PAGES]


def read_views(path: str | Path) -> list[SavedView]:
    """The views as the files hold them now (for a page that has just saved one)."""
    return _from_frame(storage.load(path).tables[_FILE])


def new_view_id(name: str, taken: set[str]) -> str:
    """A slug of ``name`` not in ``taken`` ("REVES members" → reves-members, reves-members-2, …)."""
    base = slugify(name)[:60].strip("-") or "view"
    candidate, number = base, 2
    while candidate in taken:
        candidate, number = f"{base}-{number}", number + 1
    return candidate


def _write(path: str | Path, frame: pd.DataFrame, base: str, said: Message, actor: Actor) -> storage.SaveResult:
    """Every views.csv change goes through the safe save, which checks ``actor``'s role itself (edit)."""
    return storage.save(path, {_FILE: frame}, base, summary=said.text, notes=[said], actor=actor, action="view")


def _rows(views: list[SavedView]) -> pd.DataFrame:
    frame = pd.DataFrame([asdict(v) for v in views], columns=list(schema.VIEWS.column_names), dtype=object)
    frame.index = pd.RangeIndex(2, 2 + len(frame))
    return frame


def save_view(
    path: str | Path,
    name: str,
    page: str,
    query: str,
    *,
    note: str = "",
    view_id: str | None = None,
    actor: Actor,
    today: dt.date | None = None,
) -> SavedView:
    """Add a view (or replace the one with ``view_id``) and return it as saved."""
    name = " ".join(name.split())
    if not name:
        raise UsageError("A saved view needs a name. Type one, such as 'REVES members in the Nordics'.")
    if page not in VIEW_PAGES:
        raise UsageError(f"'{page}' is not a page a view can open ({', '.join(VIEW_PAGES)}).")
    snapshot = storage.load(path)
    views = _from_frame(snapshot.tables[_FILE])
    taken = {v.view for v in views}
    chosen = view_id if view_id in taken else new_view_id(name, taken)
    saved = SavedView(chosen, name, page, clean_query(query), note.strip(), (today or dt.date.today()).isoformat())
    views = [v for v in views if v.view != chosen] + [saved]
    _write(path, _rows(views), snapshot.fingerprint, message("change.view-saved", view=chosen), actor)
    return saved


def _existing(views: list[SavedView], view_id: str) -> SavedView:
    for view in views:
        if view.view == view_id:
            return view
    raise NotFoundError(
        f"There is no saved view '{view_id}' in views.csv; it may have been deleted by a colleague.", []
    )


def rename_view(path: str | Path, view_id: str, name: str, *, actor: Actor) -> SavedView:
    """Give a view a new name (its id, and so its links, stay)."""
    snapshot = storage.load(path)
    views = _from_frame(snapshot.tables[_FILE])
    old = _existing(views, view_id)
    name = " ".join(name.split())
    if not name:
        raise UsageError("A saved view needs a name. Type one, such as 'REVES members in the Nordics'.")
    renamed = SavedView(old.view, name, old.page, old.query, old.note, old.verified)
    _write(
        path,
        _rows([renamed if v.view == view_id else v for v in views]),
        snapshot.fingerprint,
        message("change.view-renamed", view=view_id),
        actor,
    )
    return renamed


def delete_view(path: str | Path, view_id: str, *, actor: Actor) -> None:
    """Remove a view (a backup keeps it, like every change)."""
    snapshot = storage.load(path)
    views = _from_frame(snapshot.tables[_FILE])
    _existing(views, view_id)
    _write(
        path,
        _rows([v for v in views if v.view != view_id]),
        snapshot.fingerprint,
        message("change.view-deleted", view=view_id),
        actor,
    )


def view_link(view: SavedView, base_url: str = "") -> str:
    """The view as a link: ``<base_url>/<page>?<query>`` (relative when ``base_url`` is empty)."""
    query = f"?{view.query}" if view.query else ""
    return f"{base_url.rstrip('/')}/{view.page}{query}"
