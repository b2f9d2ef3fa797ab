"""On a person's profile: "export everything about this person" (editors) and "erase this person" (admins).

The work is done by ``network.personal_data``; this module draws the buttons, checks the role (``ui.auth``) and
reports the outcome. The export is made only when the button is pressed (a deferred download), so opening a
profile reads nothing extra. The erasure asks for the person's id to be typed as confirmation; afterwards every
Streamlit cache is cleared (the loaded directory and every render of it hold the person) and the folder's on-disk
warm-start cache is deleted.
"""

from __future__ import annotations

import streamlit as st

from network import personal_data
from network.directory import Directory
from network.errors import ConflictError, NetworkError, PermissionDeniedError

from .auth import actor, can, denied_message
from .i18n import error_text, t, tm
from .state import cache_folder, data_path

__all__ = ["person_tools", "show_erasure_note", "NOTE_KEY"]

#: Session key of the message shown after an erasure (the rerun that follows it no longer has the profile).
NOTE_KEY = "person._note"
_XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _export(person_id: str, fmt: str) -> bytes:
    data = personal_data.person_data(data_path(), person_id)
    return personal_data.person_json(data) if fmt == "json" else personal_data.person_xlsx(data)


def _erase(directory: Directory, person_id: str) -> None:
    try:
        result = personal_data.erase(
            data_path(),
            person_id,
            directory.fingerprint or None,
            actor=actor(),
            cache_dirs=[f for f in (cache_folder(),) if f is not None],
        )
        # Every loaded copy of the directory (st.cache_resource) and every render made from it (st.cache_data) still
        # holds the person: drop them all, in every session, so nothing shows or serves the erased data.
        st.cache_resource.clear()
        st.cache_data.clear()
        st.session_state[NOTE_KEY] = (
            "success",
            t("person.erased", backups=result.backup_files, entries=result.log_entries),
        )
    except PermissionDeniedError as exc:
        st.session_state[NOTE_KEY] = ("error", denied_message(exc))
    except ConflictError:
        st.session_state[NOTE_KEY] = ("error", t("person.erase_conflict"))
    except NetworkError as exc:  # the core's messages name ids at most, never a person's data
        st.session_state[NOTE_KEY] = ("error", tm("person.erase_failed", detail=error_text(exc)))


def show_erasure_note() -> None:
    """In the app frame: the outcome of an erasure made in the previous run."""
    kind, text = st.session_state.pop(NOTE_KEY, (None, ""))
    if kind:
        getattr(st, kind)(text)


def person_tools(directory: Directory, person_id: str) -> None:
    """The export buttons (``export_person``) and the erasure (``erase``) for one person."""
    if not can("export_person"):
        return
    with st.expander(t("person.export"), icon=":material/download:"):
        st.caption(t("person.export_help"))
        left, right = st.columns(2)
        left.download_button(
            t("person.export_json"),
            data=lambda: _export(person_id, "json"),
            file_name=f"person-{person_id}.json",
            mime="application/json",
            key=f"person.export.json.{person_id}",
            help=t("person.export_help"),
            on_click="ignore",
        )
        right.download_button(
            t("person.export_xlsx"),
            data=lambda: _export(person_id, "xlsx"),
            file_name=f"person-{person_id}.xlsx",
            mime=_XLSX,
            key=f"person.export.xlsx.{person_id}",
            help=t("person.export_help"),
            on_click="ignore",
        )
    if not can("erase"):
        return
    with st.expander(t("person.erase"), icon=":material/person_remove:"):
        if not data_path().is_dir():
            st.info(t("person.erase_workbook"))
            return
        relations = sum(1 for _ in directory.graph.in_edges(person_id)) + sum(
            1 for _ in directory.graph.out_edges(person_id)
        )
        st.markdown(tm("person.erase_intro", name=directory.name_of(person_id), relations=relations))
        typed = st.text_input(
            tm("person.erase_confirm", id=person_id),
            key=f"person.erase.confirm.{person_id}",
            help=t("person.erase_confirm_help"),
        )
        if st.button(
            t("person.erase_button"),
            key=f"person.erase.{person_id}",
            type="primary",
            disabled=typed.strip().lower() != person_id.strip().lower(),
            help=t("person.erase_help"),
            icon=":material/delete_forever:",
        ):
            _erase(directory, person_id)
            st.rerun()
