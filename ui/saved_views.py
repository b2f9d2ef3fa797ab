"""The saved-views panel (Explore and Map): open a colleague's view, copy its link, save, rename or delete.

Views live in the directory's views.csv (``network.views``); saving needs the ``edit`` role, opening does not.
What is saved is the page's current link (its query string), so a saved view opens exactly like its link.
"""

from __future__ import annotations

from urllib.parse import parse_qsl

import streamlit as st

from network import views
from network.directory import Directory
from network.errors import ConflictError, NetworkError, PermissionDeniedError

from .auth import actor, can, denied_message
from .edit_support import flash, show_flash
from .i18n import error_text, escape_markdown, t, tm
from .state import data_path

__all__ = ["saved_views_panel", "PAGE_FILES"]

PAGE_FILES = {"explore": "ui/pages/explore.py", "map": "ui/pages/map.py"}


def _write(action, *args, done: str, label: str) -> None:
    """Run a views.csv writer; on success show ``done`` (with ``label``) after the rerun, else say why not."""
    try:
        action(data_path(), *args, actor=actor())
    except PermissionDeniedError as exc:  # the role was taken away, or not an editor: nothing written
        st.error(denied_message(exc))
        return
    except ConflictError:
        st.error(t("views.conflict"))
        return
    except NetworkError as exc:  # a bad name or settings, a disk that refused: the message says what to do
        st.error(tm("views.failed", detail=error_text(exc)))
        return
    flash("success", tm(done, name=label))
    st.rerun()


def saved_views_panel(directory: Directory, page: str) -> None:
    """The panel, in an expander. ``page`` is the page it is on (explore or map)."""
    found = views.saved_views(directory)
    with st.expander(t("views.title") + (f" ({len(found)})" if found else ""), icon=":material/bookmarks:"):
        show_flash()
        st.caption(t("views.help"))
        chosen = None
        if found:
            by_id = {v.view: v for v in found}
            picked = st.selectbox(
                t("views.open"),
                list(by_id),
                key=f"{page}.views.pick",
                help=t("views.open_help"),
                format_func=lambda i: f"{by_id[i].name} ({t(f'page.{by_id[i].page}')})",
            )
            chosen = by_id[picked]
            st.page_link(
                PAGE_FILES[chosen.page],
                label=chosen.name,
                icon=":material/open_in_browser:",
                query_params=parse_qsl(chosen.query),
                help=t("views.open_help"),
            )
            st.caption(tm("views.link", link=views.view_link(chosen)))
            if chosen.note:
                st.caption(escape_markdown(chosen.note))
        else:
            st.info(t("views.none"))
        if not can("edit"):
            st.caption(t("views.edit_needed"))
            return
        if not data_path().is_dir():
            st.caption(t("views.workbook"))
            return
        name = st.text_input(
            t("views.save_name"), key=f"{page}.views.name", max_chars=120, help=t("views.save_name_help")
        )
        if st.button(
            t("views.save"),
            key=f"{page}.views.save",
            help=t("views.save_help"),
            icon=":material/bookmark_add:",
            disabled=not name.strip(),
        ):
            _write(views.save_view, name, page, _query_now(), done="views.saved", label=name)
        if chosen is not None:
            new_name = st.text_input(
                t("views.rename"), key=f"{page}.views.rename", max_chars=120, help=t("views.rename_help")
            )
            left, right = st.columns(2)
            if left.button(
                t("views.rename_button"),
                key=f"{page}.views.rename_button",
                disabled=not new_name.strip(),
                help=t("views.rename_button_help"),
            ):
                _write(views.rename_view, chosen.view, new_name, done="views.saved", label=new_name)
            if right.button(
                t("views.delete"), key=f"{page}.views.delete", help=t("views.delete_help"), icon=":material/delete:"
            ):
                _write(views.delete_view, chosen.view, done="views.deleted", label=chosen.name)


def _query_now() -> str:
    from urllib.parse import urlencode

    return views.clean_query(urlencode(st.query_params.to_dict()))
