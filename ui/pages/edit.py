"""Edit: add, change, rename and delete organisations, networks, projects, programmes, people and relations; edit a
whole table; restore backups.

Run by ``st.navigation`` as a script (see ``ui/app.py``); ``render()`` draws the page. Every save goes through
``network.editing`` (checked with the same rules as loading: a change with errors is refused and its messages are
shown next to the fields) and ``network.storage.save`` (a backup, the change log, and a refusal if someone else saved
first, with the user's change kept to apply again).
"""

from __future__ import annotations

import datetime as dt
from typing import Callable, Sequence

import pandas as pd
import streamlit as st

from network import changelog, editing, schema, storage
from network.ids import norm_id, norm_ids
from network.errors import NetworkError, PermissionDeniedError
from network.messages import Message
from network.schema import Column, Table
from ui.auth import actor, denied_message, require
from ui.edit_support import (
    PENDING_KEY,
    PROBLEMS_KEY,
    baseline,
    field_problems,
    flash,
    forget_base,
    form_base,
    id_names,
    DeferredSnapshot,
    SnapshotUnreadable,
    problem_lines,
    save_result,
    show_flash,
    show_pending,
    show_refusal,
)
from ui.history_view import entry_headline, show_entries, who_text
from ui.i18n import (
    change_text,
    column_help,
    column_label,
    core_text,
    error_text,
    kind_label,
    relation_label,
    t,
    tm,
    value_label,
)
from ui.state import data_path, get_directory
from ui.widgets import entity_picker, escape_markdown

__all__ = ["render", "grid_edits", "effect_lines", "GRID_ROWS", "EFFECTS_SHOWN"]

#: The table editor shows at most this many rows (a filter finds the others).
GRID_ROWS = 300
#: The delete block lists this many of what else a deletion changes, then how many more (the home organisation of
#: a real-sized directory has over a thousand relations; the confirmation says the total).
EFFECTS_SHOWN = 20
_LONG_TEXT = {"description", "notes", "rule_note", "note"}
_SECTIONS = ("entity", "relation", "table", "history")
_SELECT_KEY = "edit._select"


# --- fields ----------------------------------------------------------------------------------------------------


def _names_of(snapshot: DeferredSnapshot, kinds: tuple[str, ...]) -> dict[str, str]:
    """id → name of the rows of these kinds, by name: a reference is chosen by the name people know."""
    found: dict[str, str] = {}
    for kind in kinds:
        frame = snapshot.tables[schema.table_for_kind(kind).file]
        found.update({str(i).strip(): str(n).strip() for i, n in zip(frame["id"], frame["name"]) if str(i).strip()})
    return dict(sorted(found.items(), key=lambda item: (item[1] or item[0]).casefold()))


def _ids_of(snapshot: DeferredSnapshot, kinds: tuple[str, ...]) -> list[str]:
    ids: list[str] = []
    for kind in kinds:
        frame = snapshot.tables[schema.table_for_kind(kind).file]
        ids += [str(i).strip() for i in frame["id"] if str(i).strip()]
    return ids


def _field(column: Column, value: str, snapshot: DeferredSnapshot, key: str, kind: str) -> str:
    """One form field for a column of ``kind``'s file, with the column's help; returns the value as text."""
    label = column_label(column.name) + (" *" if column.required else "")
    help_text = (column_help(kind, column.name) or column.help) + (
        " " + t("edit.id_help") if column.type == schema.ID else ""
    )
    if column.type == schema.VOCAB:
        options = ["", *column.vocabulary] + ([value] if value and value not in column.vocabulary else [])
        return st.selectbox(
            label,
            options,
            index=options.index(value),
            key=key,
            help=help_text,
            format_func=lambda v: value_label(v) if v else t("edit.empty_choice"),
        )
    if column.type == schema.REF and column.ref_kinds and len(_ids_of(snapshot, column.ref_kinds)) <= 5000:
        names = _names_of(snapshot, column.ref_kinds)
        options = ["", *names]
        if value and value not in options:
            options.append(value)
        return st.selectbox(
            label,
            options,
            index=options.index(value),
            key=key,
            help=help_text,
            format_func=lambda v: (f"{names[v]} ({v})" if names.get(v) else v) if v else t("edit.empty_choice"),
        )
    if column.name in _LONG_TEXT:
        return st.text_area(label, value, key=key, help=help_text, height=80)
    return st.text_input(label, value, key=key, help=help_text)


def _row(frame: pd.DataFrame, entity_id: str) -> dict[str, str]:
    hits = frame[norm_ids(frame["id"]) == norm_id(entity_id)]
    return {c: str(v) for c, v in hits.iloc[0].items()} if len(hits) else {}


# --- entities --------------------------------------------------------------------------------------------------


def _entity_section(snapshot: DeferredSnapshot) -> None:
    if _SELECT_KEY in st.session_state:  # an entity just added, renamed or deleted: open it (or nothing)
        kind, entity_id = st.session_state.pop(_SELECT_KEY)
        st.session_state[f"edit.entity.{kind}"] = entity_id
        st.session_state["edit.mode"] = "change"
    kind = st.selectbox(t("edit.kind"), schema.KINDS, key="edit.kind", format_func=kind_label, help=t("edit.kind_help"))
    table = schema.table_for_kind(kind)
    mode = st.radio(
        t("edit.mode"),
        ("change", "add"),
        key="edit.mode",
        horizontal=True,
        format_func=lambda m: t(f"edit.mode.{m}"),
        help=t("edit.mode_help"),
    )
    if mode == "add":
        _entity_form(snapshot, table, None)
        return
    directory = get_directory()
    _notice_vanished(directory, table)
    chosen = entity_picker(
        directory,
        f"edit.entity.{kind}",
        label=t("edit.pick", kind=kind_label(kind).lower()),
        help=t("edit.pick_help"),
        kinds=[kind],
    )
    if not chosen:
        st.info(t("edit.pick_first", kind=kind_label(kind).lower()))
        return
    _entity_form(snapshot, table, chosen)
    _delete_block(snapshot, table, chosen)


def _notice_vanished(directory, table: Table) -> None:
    """The record whose form was open is gone (someone else deleted it or changed its id): say so, and show what
    was typed in its form so nothing is lost without a word (the picker alone would just forget the choice).

    The typed values stay until the user closes the notice."""
    lost_key = f"edit.vanished.{table.kind}"
    open_id = st.session_state.get(f"edit.entity.{table.kind}")
    if open_id and open_id not in directory:
        prefix = f"edit.f.entity.{table.kind}.{open_id}."
        typed = {k[len(prefix) :]: v for k, v in st.session_state.items() if str(k).startswith(prefix)}
        st.session_state[lost_key] = (open_id, {c: str(v) for c, v in typed.items() if str(v or "").strip()})
        for key in [k for k in st.session_state if str(k).startswith(prefix)]:
            del st.session_state[key]
    if lost_key not in st.session_state:
        return
    lost_id, typed = st.session_state[lost_key]
    st.warning(tm("edit.vanished", id=lost_id), icon=":material/warning:")
    if typed:
        names = {c.name: column_label(c.name) for c in table.columns}
        st.dataframe(
            pd.DataFrame(
                {
                    t("edit.vanished_field"): [names.get(c, c) for c in typed],
                    t("edit.vanished_value"): list(typed.values()),
                }
            ),
            hide_index=True,
            key=f"edit.vanished.table.{table.kind}",
        )
    if st.button(t("edit.vanished_close"), key=f"edit.vanished.close.{table.kind}", help=t("edit.vanished_close_help")):
        del st.session_state[lost_key]
        st.rerun()


def _entity_form(snapshot: DeferredSnapshot, table: Table, entity_id: str | None) -> None:
    frame = snapshot.tables[table.file]
    current = _row(frame, entity_id) if entity_id else {}
    if entity_id and not current:
        st.warning(tm("edit.gone", id=entity_id))
        return
    form = f"entity.{table.kind}.{entity_id or '+'}"
    base, seen = form_base(form, snapshot, current, f"edit.f.{form}.{table.columns[0].name}")
    show_refusal(form)
    with st.form(key=f"edit.form.{form}", border=True):
        values: dict[str, str] = {}
        for column in table.columns:
            values[column.name] = _field(
                column, current.get(column.name, ""), snapshot, key=f"edit.f.{form}.{column.name}", kind=table.kind
            )
            field_problems(form, column.name)
        label = t("edit.save") if entity_id else t("edit.add")
        submitted = st.form_submit_button(label, type="primary", help=t("edit.save_help"))
    if not submitted:
        return
    options = dict(before=baseline(snapshot), config=snapshot.config)
    if entity_id:
        changed = {c: v for c, v in values.items() if v.strip() != seen.get(c, "").strip()}
        if not changed:
            flash("info", t("edit.nothing_changed"))
            st.rerun()
        try:
            result = editing.update_entity(snapshot.tables, entity_id, changed, **options)
        except NetworkError as exc:  # renamed or deleted by someone else meanwhile
            flash("error", tm("edit.conflict_gone", detail=error_text(exc)))
            forget_base(form)
            st.rerun()
    else:
        result = editing.add_entity(snapshot.tables, table.kind, values, **options)
    if save_result(snapshot, result, form, placed=table.column_names, base=base):
        new_id = str(values.get("id") or result.tables[table.file].iloc[-1]["id"]).strip().lower()
        if new_id != entity_id:
            st.session_state[_SELECT_KEY] = (table.kind, new_id)
        for key in [k for k in st.session_state if str(k).startswith(f"edit.f.{form}.")]:
            del st.session_state[key]
    st.rerun()


def effect_lines(notes: Sequence[Message], name_of: Callable[[str], str], shown: int = EFFECTS_SHOWN) -> list[str]:
    """What else a deletion changes, as Markdown list lines in the chosen language: the first ``shown``, then how
    many more. Names are looked up with ``name_of`` (one ``id_names()`` for every line: a lookup per line re-checked
    the directory's files for each of the home organisation's 1,246 relations: most of 3.2 s on 60,000
    organisations)."""
    lines = [f"- {core_text(said, markdown=True, name_of=name_of)}" for said in notes[:shown]]
    if len(notes) > shown:
        lines.append(f"- {t('edit.delete_effects_more', count=len(notes) - shown)}")
    return lines


def _delete_block(snapshot: DeferredSnapshot, table: Table, entity_id: str) -> None:
    name = _row(snapshot.tables[table.file], entity_id).get("name", entity_id)
    with st.expander(t("edit.delete_title", kind=kind_label(table.kind).lower()), icon=":material/delete:"):
        effects = editing.delete_effects(snapshot.tables, entity_id)
        if effects.count:
            lines = effect_lines(effects.notes(), id_names())
            st.markdown(t("edit.delete_effects", name=escape_markdown(name)) + "\n" + "\n".join(lines))
        else:
            st.caption(t("edit.delete_nothing_else"))
        sure = st.checkbox(
            tm("edit.delete_confirm", name=name, count=effects.count),
            key=f"edit.del.sure.{entity_id}",
            help=t("edit.delete_confirm_help"),
        )
        if st.button(
            t("edit.delete"),
            key=f"edit.del.{entity_id}",
            disabled=not sure,
            type="primary",
            help=t("edit.delete_help"),
            icon=":material/delete:",
        ):
            result = editing.delete_entity(
                snapshot.tables, entity_id, before=baseline(snapshot), config=snapshot.config
            )
            if save_result(snapshot, result, f"delete.{entity_id}"):
                st.session_state[_SELECT_KEY] = (table.kind, None)
            elif not result.ok:
                flash("error", t("edit.refused") + " " + escape_markdown(" ".join(problem_lines(result.errors))))
            st.rerun()


# --- relations -------------------------------------------------------------------------------------------------


def _relation_label(row: dict[str, str], entity_id: str) -> str:
    outgoing = row.get("source", "").strip().lower() == entity_id.lower()
    other = row.get("target") if outgoing else row.get("source")
    arrow = "→" if outgoing else "←"
    since = f" ({row['since']})" if row.get("since") else ""
    return f"{arrow} {relation_label(row.get('relation', ''))} {other}{since}"


def _relation_section(snapshot: DeferredSnapshot) -> None:
    directory = get_directory()
    entity_id = entity_picker(directory, "edit.rel.entity", label=t("edit.rel.pick"), help=t("edit.rel.pick_help"))
    if not entity_id:
        st.info(t("edit.rel.pick_first"))
        return
    relations = snapshot.tables[schema.RELATIONS_TABLE.file]
    key = entity_id.lower()
    mine = relations[(norm_ids(relations["source"]) == key) | (norm_ids(relations["target"]) == key)]
    rows = [{c: str(v) for c, v in row.items()} for row in mine.to_dict("records")]
    st.caption(t("edit.rel.derived_note"))
    if rows:
        position = st.selectbox(
            t("edit.rel.choose"),
            list(range(len(rows))),
            key="edit.rel.choice",
            format_func=lambda i: _relation_label(rows[i], entity_id),
            help=t("edit.rel.choose_help"),
        )
        _relation_form(snapshot, rows[position], entity_id)
    else:
        st.info(tm("edit.rel.none", name=directory.name_of(entity_id)))
    _add_relation_form(snapshot, directory, entity_id)


def _relation_inputs(snapshot: DeferredSnapshot, form: str, row: dict[str, str], types: list[str]) -> dict[str, str]:
    values = {}
    current = row.get("relation", "")
    options = types + ([current] if current and current not in types else [])
    values["relation"] = st.selectbox(
        column_label("relation"),
        options,
        key=f"edit.f.{form}.relation",
        index=options.index(current) if current in options else 0,
        format_func=relation_label,
        help=t("edit.rel.type_help"),
    )
    field_problems(form, "relation")
    for column in schema.RELATIONS_TABLE.columns:
        if column.name in ("relation",):
            continue
        if column.name in ("source", "target") and form.startswith("add"):
            continue
        values[column.name] = _field(
            column, row.get(column.name, ""), snapshot, key=f"edit.f.{form}.{column.name}", kind="relation"
        )
        field_problems(form, column.name)
    return values


def _relation_form(snapshot: DeferredSnapshot, row: dict[str, str], entity_id: str) -> None:
    match = {c: row.get(c, "") for c in editing.RELATION_KEY}
    form = "rel." + "|".join(match.values())
    base, row = form_base(form, snapshot, row, f"edit.f.{form}.relation")
    show_refusal(form)
    with st.form(key=f"edit.form.{form}"):
        st.markdown(f"**{t('edit.rel.change_title')}**")
        values = _relation_inputs(snapshot, form, row, list(schema.RELATION_TYPES))
        submitted = st.form_submit_button(t("edit.save"), type="primary", help=t("edit.save_help"))
    if submitted:
        changed = {c: v for c, v in values.items() if v.strip() != row.get(c, "").strip()}
        if not changed:
            flash("info", t("edit.nothing_changed"))
        else:
            try:
                result = editing.update_relation(
                    snapshot.tables, match, changed, before=baseline(snapshot), config=snapshot.config
                )
                save_result(snapshot, result, form, placed=schema.RELATIONS_TABLE.column_names, base=base)
            except NetworkError as exc:
                flash("error", tm("edit.conflict_gone", detail=error_text(exc)))
                forget_base(form)
        st.rerun()
    sure = st.checkbox(t("edit.rel.delete_confirm"), key=f"edit.rel.sure.{form}", help=t("edit.delete_confirm_help"))
    if st.button(
        t("edit.rel.delete"),
        key=f"edit.rel.del.{form}",
        disabled=not sure,
        icon=":material/delete:",
        help=t("edit.delete_help"),
    ):
        try:
            result = editing.delete_relation(snapshot.tables, match, before=baseline(snapshot), config=snapshot.config)
            save_result(snapshot, result, form, base=base)
        except NetworkError as exc:
            flash("error", tm("edit.conflict_gone", detail=error_text(exc)))
        st.rerun()


def _add_relation_form(snapshot: DeferredSnapshot, directory, entity_id: str) -> None:
    st.subheader(tm("edit.rel.add_title", name=directory.name_of(entity_id)))
    target = entity_picker(directory, "edit.rel.target", label=t("edit.rel.target"), help=t("edit.rel.target_help"))
    source_kind = directory.kind_of(entity_id)
    target_kind = directory.kind_of(target) if target else None
    types = [
        r
        for r in schema.RELATION_TYPES
        if target_kind is None
        or schema.relation_allowed(r, source_kind, target_kind)
        or schema.relation_allowed(r, target_kind, source_kind)
    ]
    form = f"add.rel.{entity_id}"
    show_refusal(form)
    with st.form(key=f"edit.form.{form}"):
        values = _relation_inputs(snapshot, form, {}, types or list(schema.RELATION_TYPES))
        submitted = st.form_submit_button(t("edit.add"), type="primary", help=t("edit.save_help"))
    if submitted:
        if not target:
            flash("warning", t("edit.rel.target_first"))
            st.rerun()
        source, other = entity_id, target
        if (
            target_kind
            and not schema.relation_allowed(values["relation"], source_kind, target_kind)
            and schema.relation_allowed(values["relation"], target_kind, source_kind)
        ):
            source, other = target, entity_id  # "has member" read from the network: the member is the source
        result = editing.add_relation(
            snapshot.tables,
            {**values, "source": source, "target": other},
            before=baseline(snapshot),
            config=snapshot.config,
        )
        if save_result(snapshot, result, form, placed=schema.RELATIONS_TABLE.column_names):
            for key in [k for k in st.session_state if str(k).startswith(f"edit.f.{form}.")]:
                del st.session_state[key]
        st.rerun()


# --- the table editor ------------------------------------------------------------------------------------------


def grid_edits(table: Table, shown: pd.DataFrame, state: dict) -> list[editing.Edit]:
    """The edits that an ``st.data_editor`` state (edited, added and deleted rows of ``shown``) stands for."""
    edits: list[editing.Edit] = []
    columns = list(shown.columns)

    def clean(values: dict) -> dict[str, str]:
        return {
            c: "" if v is None or (isinstance(v, float) and pd.isna(v)) else str(v)
            for c, v in values.items()
            if c in columns
        }

    for position, values in (state.get("edited_rows") or {}).items():
        row = shown.iloc[int(position)]
        values = clean(values)
        if table.kind == "relation":
            match = {c: str(row[c]) for c in editing.RELATION_KEY}
            edits.append(editing.Edit("update_relation", "relation", values=values, match=match))
        else:
            edits.append(editing.Edit("update", table.kind, str(row["id"]), values))
    for values in state.get("added_rows") or []:
        values = clean(values)
        if not any(v.strip() for v in values.values()):
            continue
        action = "add_relation" if table.kind == "relation" else "add"
        edits.append(editing.Edit(action, table.kind, values.get("id", ""), values))
    for position in state.get("deleted_rows") or []:
        row = shown.iloc[int(position)]
        if table.kind == "relation":
            edits.append(
                editing.Edit("delete_relation", "relation", match={c: str(row[c]) for c in editing.RELATION_KEY})
            )
        else:
            edits.append(editing.Edit("delete", table.kind, str(row["id"])))
    return edits


def _table_section(snapshot: DeferredSnapshot) -> None:
    tables = [*schema.ENTITY_TABLES, schema.RELATIONS_TABLE]
    table = st.selectbox(
        t("edit.grid.table"),
        tables,
        key="edit.grid.table",
        help=t("edit.grid.table_help"),
        format_func=lambda tb: kind_label(tb.kind, plural=True) if tb.is_entity else t("edit.grid.relations"),
    )
    frame = snapshot.tables[table.file]
    query = st.text_input(t("edit.grid.filter"), key="edit.grid.filter", help=t("edit.grid.filter_help"))
    shown = frame
    if query.strip():
        text = frame.astype(str).apply(lambda c: c.str.lower()).agg(" ".join, axis=1)
        shown = frame[text.str.contains(query.strip().lower(), regex=False)]
    shown = shown.head(GRID_ROWS).reset_index(drop=True)
    key = f"edit.grid.{table.file}.{query.strip()}"
    form = f"grid.{table.file}.{query.strip()}"
    base, shown = form_base(form, snapshot, shown, key)  # the rows as the user first saw them
    st.caption(t("edit.grid.shown", shown=len(shown), total=len(frame)) + " " + t("edit.grid.help"))
    st.data_editor(
        shown,
        key=key,
        num_rows="dynamic",
        hide_index=True,
        width="stretch",
        column_config={
            c: st.column_config.TextColumn(column_label(c), help=table.column(c).help)
            for c in shown.columns
            if c in table.column_names
        },
    )
    show_refusal(form)
    stored = st.session_state.get(PROBLEMS_KEY)
    if stored and stored.get("form") == form:
        lines = problem_lines([p for ps in stored["by_column"].values() for p in ps])
        st.markdown("\n".join(f"- {escape_markdown(line)}" for line in lines))
    if st.button(t("edit.grid.save"), key="edit.grid.save", type="primary", help=t("edit.grid.save_help")):
        edits = grid_edits(table, shown, st.session_state.get(key) or {})
        if not edits:
            flash("info", t("edit.grid.nothing"))
            st.rerun()
        try:
            result = editing.apply_all(snapshot.tables, edits, before=baseline(snapshot), config=snapshot.config)
        except NetworkError as exc:
            flash("error", escape_markdown(error_text(exc)))
            st.rerun()
        if save_result(snapshot, result, form, base=base) or st.session_state.get(PENDING_KEY):
            st.session_state.pop(key, None)  # saved, or kept as a pending edit: the grid starts afresh
        st.rerun()


# --- backups and the change log --------------------------------------------------------------------------------


def _when(value: dt.datetime | str) -> str:
    if isinstance(value, str):
        try:
            value = dt.datetime.fromisoformat(value)
        except ValueError:
            return value
    return value.astimezone().strftime("%Y-%m-%d %H:%M:%S")


def _history_section(snapshot: DeferredSnapshot) -> None:
    directory = get_directory()
    entries = changelog.read_entries(storage.changes(snapshot.path, limit=500))
    by_backup = {entry.id: entry for entry in entries}  # a save's log entry has its backup's id
    name_of = id_names()  # one lookup for every backup, not a get_directory() each

    def what(backup: storage.Backup) -> str:
        """A backup's change in the chosen language: its log entry's headline, else its own summary with names."""
        entry = by_backup.get(backup.id)
        return entry_headline(directory, entry) if entry else change_text(backup.notes, backup.summary, name_of=name_of)

    st.subheader(t("edit.history.backups"))
    found = storage.backups(snapshot.path)
    if not found:
        st.info(t("edit.history.none"))
    else:
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("edit.col.when"): _when(b.when),
                        t("edit.col.what"): what(b),
                        t("edit.col.who"): who_text(b.who or ""),
                        t("edit.col.size"): f"{b.size / 1024:,.0f} kB",
                    }
                    for b in found
                ]
            ),
            hide_index=True,
            width="stretch",
        )
        ids = [b.id for b in found]
        labels = {b.id: f"{_when(b.when)} · {what(b)}" for b in found}
        chosen = st.selectbox(
            t("edit.history.choose"),
            ids,
            key="edit.history.choice",
            format_func=labels.get,
            help=t("edit.history.choose_help"),
        )
        if not require("restore"):  # ui/auth.py: restoring a backup is for admins
            chosen = None
    if found and chosen:
        sure = st.checkbox(
            t("edit.history.restore_confirm"),
            key=f"edit.history.sure.{chosen}",
            help=t("edit.history.restore_confirm_help"),
        )
        if st.button(
            t("edit.history.restore"),
            key="edit.history.restore",
            disabled=not sure,
            type="primary",
            help=t("edit.history.restore_help"),
            icon=":material/restore:",
        ):
            try:
                storage.restore(snapshot.path, chosen, snapshot.fingerprint, actor=actor())
                flash("success", tm("edit.history.restored", when=labels[chosen]))
            except PermissionDeniedError as exc:
                flash("error", denied_message(exc))
            except NetworkError as exc:
                flash("error", escape_markdown(error_text(exc)))
            st.rerun()
    st.subheader(t("edit.history.log"))
    if not entries:
        st.info(t("edit.history.log_empty"))
        return
    show_entries(directory, entries, key="edit.history.shown")


# --- the page --------------------------------------------------------------------------------------------------


def render() -> None:
    st.title(t("page.edit"))
    if not require("edit"):  # ui/auth.py: editors and admins only
        return
    path = data_path()
    if path.exists() and not storage.writable(path):  # a folder that is gone: the picker's load explains it
        st.info(tm("edit.workbook", path=str(path)))
        return
    st.caption(t("edit.intro"))
    snapshot = DeferredSnapshot(path)  # read when a view first needs the tables, not to show the picker
    try:
        _sections(snapshot)
    except SnapshotUnreadable as exc:
        st.error(tm("state.read_error", path=str(exc.path), detail=error_text(exc.cause)))


def _sections(snapshot: DeferredSnapshot) -> None:
    _open_from_link(snapshot)
    show_flash()
    show_pending(snapshot)
    section = st.radio(
        t("edit.section"),
        _SECTIONS,
        key="edit.section",
        horizontal=True,
        format_func=lambda s: t(f"edit.section.{s}"),
        help=t("edit.section_help"),
    )
    if section == "entity":
        _entity_section(snapshot)
    elif section == "relation":
        _relation_section(snapshot)
    elif section == "table":
        _table_section(snapshot)
    else:
        _history_section(snapshot)


def _open_from_link(snapshot: DeferredSnapshot) -> None:
    """``/edit?id=region-orebro`` (the Directory's "Edit" link) opens that entity's form."""
    wanted = st.query_params.get("id")
    if not wanted:
        return
    del st.query_params["id"]
    try:
        table, _ = editing.find_entity(snapshot.tables, wanted)
    except NetworkError:
        return
    st.session_state["edit.section"] = "entity"
    st.session_state["edit.kind"] = table.kind
    st.session_state[_SELECT_KEY] = (table.kind, wanted.strip().lower())


if __name__ == "__main__":
    render()
