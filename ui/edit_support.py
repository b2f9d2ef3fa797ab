"""What the Edit and Import pages share: the raw tables (cached per version of the files), saving with the conflict
check, and messages that survive the rerun after a save.

The pages never write files themselves: every change goes through ``network.editing`` (checked like loading) and
``network.storage.save`` (role check, lock, version check, backup, change log), made as ``ui.auth.actor()``, worked
out at the moment of saving. The snapshot is shared by every session and is never changed in place; edits work on
copies.
"""

from __future__ import annotations

from pathlib import Path
from typing import Callable, Sequence

import streamlit as st

from network import editing, storage
from network.errors import ConflictError, NetworkError, PermissionDeniedError
from network.problems import Problem
from network.schema import DirectoryConfig

from .auth import actor, denied_message
from .i18n import change_text, column_label, error_text, problem_text, t, tm
from .safe_text import escape_markdown
from .state import data_stamp, get_directory

__all__ = [
    "load_snapshot",
    "DeferredSnapshot",
    "SnapshotUnreadable",
    "baseline",
    "flash",
    "show_flash",
    "save_result",
    "show_pending",
    "show_refusal",
    "form_base",
    "forget_base",
    "field_problems",
    "problem_lines",
    "PROBLEMS_KEY",
    "PENDING_KEY",
]

#: Session keys: the problems of the last refused edit, the edit kept after a conflict, the message after a save.
PROBLEMS_KEY = "edit._problems"
PENDING_KEY = "edit._pending"
FLASH_KEY = "edit._flash"


@st.cache_resource(max_entries=2, show_spinner=False)
def _snapshot(path: str, stamp: str) -> storage.Snapshot:
    """The raw tables of one version of the files (``stamp`` is only the cache key)."""
    return storage.load(path)


@st.cache_resource(max_entries=2, show_spinner=False)
def _baseline(fingerprint: str, _snapshot: storage.Snapshot) -> list[Problem]:
    return editing.validate_tables(_snapshot.tables, config=_snapshot.config)[1]


def load_snapshot(path) -> storage.Snapshot:
    """The directory's files as raw tables, with their fingerprint: what an edit starts from."""
    return _snapshot(str(path), data_stamp(path))


class SnapshotUnreadable(Exception):
    """The files could not be read when a view first needed them (``DeferredSnapshot``); ``cause`` says why."""

    def __init__(self, path: Path, cause: Exception) -> None:
        super().__init__(str(cause))
        self.path = path
        self.cause = cause


class DeferredSnapshot:
    """The Edit page's snapshot, read the first time a view needs the tables, then the same for the whole run.

    The page's first view (pick a record) needs only the loaded directory, and reading 60,000 organisations' raw
    tables takes a second or more (docs/performance.md, twelfth session): the page opens at once and the tables are
    read when a form, the table editor or a kept edit needs them. It has the attributes of ``storage.Snapshot``
    that the page uses; a read that fails raises ``SnapshotUnreadable`` (the page shows it, translated).
    """

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        self._loaded: storage.Snapshot | None = None

    @property
    def writable(self) -> bool:
        return storage.writable(self.path)

    def snapshot(self) -> storage.Snapshot:
        if self._loaded is None:
            try:
                self._loaded = load_snapshot(self.path)
            except (NetworkError, OSError) as exc:  # a folder that is gone, a file locked by Excel
                raise SnapshotUnreadable(self.path, exc) from exc
        return self._loaded

    @property
    def tables(self) -> storage.Tables:
        return self.snapshot().tables

    @property
    def fingerprint(self) -> str:
        return self.snapshot().fingerprint

    @property
    def config(self) -> DirectoryConfig:
        return self.snapshot().config


#: What the shared helpers take: the Edit page's deferred snapshot or one already read (Matches, Import).
SnapshotLike = storage.Snapshot | DeferredSnapshot


def baseline(snapshot: SnapshotLike) -> list[Problem]:
    """The problems the files already have (so that only new ones refuse an edit); cached per version."""
    if isinstance(snapshot, DeferredSnapshot):
        snapshot = snapshot.snapshot()
    return _baseline(snapshot.fingerprint, snapshot)


def flash(kind: str, text: str) -> None:
    """A message to show at the top of the page after the rerun that follows a save. ``text`` is Markdown: build it
    with ``tm`` or ``escape_markdown`` when it holds names, values or an error's words."""
    st.session_state[FLASH_KEY] = (kind, text)


def show_flash() -> None:
    kind, text = st.session_state.pop(FLASH_KEY, (None, ""))
    if kind:
        getattr(st, kind)(text)


def id_names(edits: Sequence[editing.Edit] = ()) -> Callable[[str], str]:
    """id → name for messages about changes: the loaded directory's names, and the names the edits give (a new
    row is not in the directory yet); an id nobody knows stays the id."""
    given = {e.values["id"]: e.values["name"] for e in edits if e.values.get("id") and e.values.get("name")}
    directory = get_directory()

    def name_of(entity_id: str) -> str:
        if entity_id in given:
            return given[entity_id]
        return directory.name_of(entity_id) if entity_id in directory.graph else entity_id

    return name_of


def problem_lines(problems: Sequence[Problem]) -> list[str]:
    """Problems as lines a person can act on: where (file, row, column) and what to do."""
    return [
        f"{p.file} {t('edit.row')} {p.row} · {column_label(p.column) if p.column else ''}: {problem_text(p)}"
        for p in problems
    ]


def field_problems(form: str, column: str) -> None:
    """Under a form field: the messages of the last refused save of this form that concern this column."""
    stored = st.session_state.get(PROBLEMS_KEY)
    if not stored or stored.get("form") != form:
        return
    for problem in stored["by_column"].get(column, []):
        (st.error if problem.severity == "error" else st.warning)(
            problem_text(problem, markdown=True), icon=":material/error:"
        )


def _remember_problems(form: str, result: editing.EditResult) -> None:
    st.session_state[PROBLEMS_KEY] = {
        "form": form,
        "by_column": result.by_column(),
        "elsewhere": result.elsewhere,
        "unplaced": [],
    }


def form_base(form: str, snapshot: SnapshotLike, shown: object, first_key: str) -> tuple[str, object]:
    """The version a form was opened on: (fingerprint, what it showed), remembered while its widgets live.

    A form that has been open while someone else saved must be saved against the version its user saw, so that
    the save is refused (and the edit kept) instead of silently overwriting the other person's change.
    """
    base_key = f"edit._base.{form}"
    if first_key not in st.session_state or base_key not in st.session_state:
        st.session_state[base_key] = (snapshot.fingerprint, shown)
    return st.session_state[base_key]


def forget_base(form: str) -> None:
    st.session_state.pop(f"edit._base.{form}", None)


def save_result(
    snapshot: SnapshotLike,
    result: editing.EditResult,
    form: str,
    placed: Sequence[str] = (),
    base: str | None = None,
) -> bool:
    """Save an edit's result if it has no errors; otherwise keep its problems for the form. True if saved.

    ``base`` is the fingerprint of the version the user saw (default: the snapshot's). ``placed`` are the columns
    the form shows next to fields; problems in other columns are listed above the form. On a conflict the edits
    are kept in the session (``show_pending`` offers to apply them to the new version).
    """
    if not result.ok:
        _remember_problems(form, result)
        if placed:
            st.session_state[PROBLEMS_KEY]["unplaced"] = [p for p in result.problems if p.column not in placed]
        return False
    st.session_state.pop(PROBLEMS_KEY, None)
    if not result.changed:
        flash("info", t("edit.nothing_changed"))
        return False
    try:
        storage.save(
            snapshot.path,
            result.changed_tables(),
            base or snapshot.fingerprint,
            summary=result.summary,
            notes=result.notes,
            actor=actor(),
        )
    except PermissionDeniedError as exc:  # the role was taken away, or this is not an editor: nothing written
        flash("error", denied_message(exc))
        return False
    except ConflictError:
        st.session_state[PENDING_KEY] = list(result.edits)
        forget_base(form)
        return False
    except NetworkError as exc:
        flash("error", tm("edit.save_failed", detail=error_text(exc)))
        return False
    forget_base(form)
    message = t(
        "edit.saved", summary=change_text(result.notes, result.summary, markdown=True, name_of=id_names(result.edits))
    )
    if result.warnings:
        message += " " + t("edit.saved_warnings", count=len(result.warnings))
    flash("success", message)
    return True


def show_refusal(form: str) -> None:
    """Above a form: that the last save was refused, and the problems that have no field of their own."""
    stored = st.session_state.get(PROBLEMS_KEY)
    if not stored or stored.get("form") != form:
        return
    st.error(t("edit.refused"))
    lines = problem_lines(stored.get("unplaced", []))
    if stored.get("elsewhere") and not any(p.severity == "error" for ps in stored["by_column"].values() for p in ps):
        lines += [t("edit.refused_elsewhere")] + problem_lines(stored["elsewhere"])
    if lines:
        st.markdown("\n".join(f"- {_plain(line)}" for line in lines))


def _plain(text: str) -> str:
    return escape_markdown(text)


def show_pending(snapshot: SnapshotLike) -> None:
    """After a conflict: the message, the user's kept edit, and buttons to apply it to the new version or drop it."""
    pending = st.session_state.get(PENDING_KEY)
    if not pending:
        return
    summary = change_text([e.note() for e in pending], markdown=True, name_of=id_names(pending))
    st.warning(f"**{t('edit.conflict_title')}**\n\n{t('edit.conflict_kept', summary=summary)}", icon=":material/group:")
    apply, discard = st.columns(2)
    if apply.button(
        t("edit.conflict_apply"), key="edit.pending.apply", help=t("edit.conflict_apply_help"), type="primary"
    ):
        st.session_state.pop(PENDING_KEY, None)
        try:
            result = editing.apply_all(snapshot.tables, pending, before=baseline(snapshot), config=snapshot.config)
        except NetworkError as exc:  # the record was deleted or renamed meanwhile
            flash("error", tm("edit.conflict_gone", detail=error_text(exc)))
            st.rerun()
        if not save_result(snapshot, result, "pending") and not result.ok:
            flash("error", t("edit.refused") + " " + _plain(" ".join(problem_lines(result.errors))))
        st.rerun()
    if discard.button(t("edit.conflict_discard"), key="edit.pending.discard", help=t("edit.conflict_discard_help")):
        st.session_state.pop(PENDING_KEY, None)
        st.rerun()
