"""Import: upload another organisation's list, say which columns hold what (with guesses from the headers), preview
what would change, then import it.

Run by ``st.navigation`` as a script (see ``ui/app.py``); ``render()`` draws the page. The work is
``network.importing`` (the same as ``python -m network import``): nothing is written until "Import", and then
through the safe save path (backup, change log, refused if someone saved after the preview).
"""

from __future__ import annotations


import hashlib
import os
import tomllib
from pathlib import Path
from typing import Any

import pandas as pd
import streamlit as st

from network import importing, schema, storage
from network.errors import ConflictError, NetworkError, PermissionDeniedError
from network.import_mapping import (
    GROUP_KINDS,
    ImportMapping,
    guess_kind,
    guess_mapping,
    load_mapping,
    parse_mapping,
    to_toml,
)
from ui.auth import actor, denied_message, require
from ui.edit_support import flash, show_flash
from ui.failures import report_failure
from network.messages import Message
from ui.i18n import (
    core_text,
    error_text,
    match_reason_text,
    problem_label,
    problem_text,
    relation_label,
    skipped_text,
    t,
    tm,
    value_label,
)
from ui.safe_text import escape_markdown
from ui.state import data_path

__all__ = [
    "render",
    "upload_limit_mb",
    "mapping_from_choices",
    "missing_fields",
    "type_table",
    "report_text",
    "uploader_style",
    "wrong_type",
    "FIELDS",
    "SOURCE_TYPES",
    "LOOKUP_TYPES",
    "MAPPING_TYPES",
]

_REPO = Path(__file__).resolve().parents[2]
MAPPINGS = _REPO / "mappings"
PLAN_KEY = "import._plan"
#: Session-state key: the rows the last import skipped (row, why), shown after the rerun that follows it.
RESULT_KEY = "import._skipped"
#: The file names each upload box takes. The boxes accept every file and the page checks the name itself
#: (``wrong_type``): Streamlit would refuse another type in the browser with English words ("application/pdf files
#: are not allowed.") shown only when the mouse is over the file.
SOURCE_TYPES = (".csv", ".txt", ".tsv", ".gz", ".xlsx")
LOOKUP_TYPES = (".csv", ".txt", ".gz", ".xlsx")
MAPPING_TYPES = (".toml",)
#: The fields offered in "Pick columns": (section, key, required).
FIELDS: tuple[tuple[str, str, bool], ...] = (
    ("organisation", "name", True),
    ("organisation", "country", True),
    ("organisation", "city", False),
    ("organisation", "type", False),
    ("organisation", "website", False),
    ("organisation", "email", False),
    ("group", "name", True),
    ("group", "programme", False),
    ("relation", "role", False),
    ("relation", "since", False),
    ("relation", "ended", False),
)


def upload_limit_mb() -> float:
    """The largest upload this page reads: $NETWORK_MAX_UPLOAD_MB, else 20 MB (bigger files: the command line)."""
    try:
        return float(os.environ.get("NETWORK_MAX_UPLOAD_MB", "20"))
    except ValueError:
        return 20.0


@st.cache_data(max_entries=4, show_spinner=False)
def _sheets(digest: str, data: bytes, name: str) -> list[str]:
    import io

    from network.reading import workbook_sheets

    return workbook_sheets(io.BytesIO(data), name)  # zip bombs, damaged files: DataSourceError with a message


@st.cache_data(max_entries=4, show_spinner=False)
def _read(digest: str, data: bytes, name: str, sheet: str) -> importing.ForeignTable:
    return importing.read_table(data, name, sheet=sheet)


# --- the mapping -----------------------------------------------------------------------------------------------


def _role_map(text: str) -> dict[str, str]:
    found = {}
    for line in text.splitlines():
        if "=" in line:
            value, role = line.split("=", 1)
            if value.strip() and role.strip():
                found[value.strip()] = role.strip()
    return found


def mapping_from_choices(
    kind: str, choices: dict[tuple[str, str], Any], relation_type: str, role_map: dict[str, str]
) -> dict[str, Any]:
    """The mapping (as TOML data) that the "Pick columns" controls describe."""
    data: dict[str, Any] = {"organisation": {}, "group": {"kind": kind}, "relation": {"type": relation_type}}
    for (section, key), column in choices.items():
        if column:
            data[section][key] = column
    key_columns = choices.get(("group", "key")) or []
    if key_columns:
        data["group"]["key"] = list(key_columns)
    if kind != "project":
        data["group"].pop("programme", None)
    if role_map and "role" in data["relation"]:
        data["relation"]["role_map"] = role_map
    return data


def missing_fields(kind: str, choices: dict[tuple[str, str], Any]) -> list[tuple[str, str]]:
    """The required fields (``FIELDS``) the person has not given a column yet."""
    return [
        (section, key)
        for section, key, required in FIELDS
        if required and not choices.get((section, key)) and not (kind == "network" and key == "programme")
    ]


def _pick_columns(header: list[str]) -> tuple[dict[str, Any] | None, str]:
    kind = st.radio(
        t("import.kind"),
        GROUP_KINDS,
        key="import.kind",
        horizontal=True,
        index=GROUP_KINDS.index(guess_kind(header)),
        format_func=lambda k: t(f"import.kind.{k}"),
        help=t("import.kind_help"),
    )
    guessed = guess_mapping(header, kind)
    options = ["", *header]
    choices: dict[tuple[str, str], Any] = {}
    left, right = st.columns(2)
    for i, (section, key, required) in enumerate(FIELDS):
        if (kind == "network" and key == "programme") or (kind == "project" and key == "ended"):
            continue
        guess = guessed.get(section, {}).get(key, "")
        column = left if i % 2 == 0 else right
        label = t(f"import.field.{section}.{key}") + (" *" if required else "")
        choices[(section, key)] = column.selectbox(
            label,
            options,
            index=options.index(guess) if guess in options else 0,
            key=f"import.f.{kind}.{section}.{key}",
            format_func=lambda v: v or t("import.none"),
            help=t(f"import.field_help.{section}.{key}"),
        )
    default_key = [c for c in guessed.get("group", {}).get("key", []) if c in header]
    choices[("group", "key")] = st.multiselect(
        t("import.field.group.key"),
        header,
        default=default_key,
        key=f"import.f.{kind}.group.key",
        help=t("import.field_help.group.key"),
    )
    types = [r for r in schema.RELATION_TYPES if schema.relation_allowed(r, "organisation", kind)]
    relation_type = st.selectbox(
        t("import.relation_type"),
        types,
        key=f"import.f.{kind}.relation.type",
        format_func=relation_label,
        help=t("import.relation_type_help"),
    )
    default_roles = "\n".join(f"{k} = {v}" for k, v in guessed.get("relation", {}).get("role_map", {}).items())
    roles = st.text_area(
        t("import.role_map"), default_roles, key=f"import.f.{kind}.role_map", height=80, help=t("import.role_map_help")
    )
    missing = missing_fields(kind, choices)
    if missing:  # not an error: the person has not chosen yet
        st.info(tm("import.pick_missing", fields=", ".join(t(f"import.field.{s}.{k}") for s, k in missing)))
        return None, ""
    data = mapping_from_choices(kind, choices, relation_type, _role_map(roles))
    return data, to_toml(data)


def _mapping(header: list[str]) -> ImportMapping | None:
    mode = st.radio(
        t("import.mapping"),
        ("pick", "file", "shipped"),
        key="import.mode",
        horizontal=True,
        format_func=lambda m: t(f"import.mapping.{m}"),
        help=t("import.mapping_help"),
    )
    try:
        if mode == "pick":
            data, text = _pick_columns(header)
            if data is None:
                return None
            st.download_button(
                t("import.mapping_download"),
                text.encode("utf-8"),
                "mapping.toml",
                mime="application/toml",
                key="import.mapping_download",
                help=t("import.mapping_download_help"),
                icon=":material/download:",
            )
            return parse_mapping(tomllib.loads(text), "mapping.toml")
        if mode == "file":
            uploaded = st.file_uploader(
                t("import.mapping_file"), type=None, key="import.mapping_file", help=t("import.mapping_file_help")
            )
            if uploaded is None:
                st.info(t("import.mapping_file_empty"))
                return None
            if wrong_type(uploaded.name, MAPPING_TYPES):
                return None
            return load_mapping(uploaded.getvalue(), "mapping.toml")
        shipped = sorted(p.name for p in MAPPINGS.glob("*.toml"))
        if not shipped:
            st.info(t("import.shipped_none"))
            return None
        name = st.selectbox(t("import.shipped"), shipped, key="import.shipped", help=t("import.shipped_help"))
        return load_mapping(MAPPINGS / name)
    except NetworkError as exc:
        st.error(tm("import.mapping_error", detail=error_text(exc)))
        return None


def _lookups(mapping: ImportMapping) -> dict[str, bytes]:
    files: dict[str, bytes] = {}
    for name, lookup in mapping.lookups.items():
        uploaded = st.file_uploader(
            tm("import.lookup", name=name, file=lookup.file),
            type=None,
            key=f"import.lookup.{name}",
            help=t("import.lookup_help"),
        )
        if uploaded is not None and not wrong_type(uploaded.name, LOOKUP_TYPES):
            files[name] = uploaded.getvalue()
    return files


# --- what the types become -------------------------------------------------------------------------------------


def type_table(readings: list[importing.TypeReading]) -> pd.DataFrame:
    """Each type word of the file, what it becomes in the directory and in how many rows; unknown ones say so."""
    return pd.DataFrame(
        [
            {
                t("import.types.col.raw"): r.raw or t("import.types.empty"),
                t("import.types.col.type"): value_label(r.type),
                t("import.types.col.rows"): r.rows,
                t("import.types.col.note"): "" if r.known else t("import.types.unknown", type=value_label(r.type)),
            }
            for r in readings
        ],
        columns=[t(f"import.types.col.{c}") for c in ("raw", "type", "rows", "note")],
    )


def _types(table: importing.ForeignTable, mapping: ImportMapping, files: dict[str, bytes]) -> None:
    """Before the preview: how the organisation types of the file are read (new organisations get these)."""
    if "type" not in mapping.organisation:
        return
    try:
        lookups, _ = importing.read_lookups(mapping, None, files)
        readings = importing.type_preview(table, mapping, lookups)
    except NetworkError:  # a lookup file not given yet, a pattern that ran out of time: the preview says it
        return
    if not readings:
        return
    unknown = sum(r.rows for r in readings if not r.known)
    with st.expander(tm("import.types", n=len(readings)), icon=":material/category:", expanded=bool(unknown)):
        if unknown:
            st.warning(t("import.types.unknown_rows", n=unknown, type=value_label("other")))
        st.dataframe(type_table(readings), hide_index=True, width="stretch", key="import.types")


# --- preview and import ----------------------------------------------------------------------------------------


def _skipped_table(skipped: list[importing.SkippedRow]) -> pd.DataFrame:
    return pd.DataFrame(
        [{t("import.col.row"): s.row, t("import.col.reason"): skipped_text(s)} for s in skipped],
        columns=[t("import.col.row"), t("import.col.reason")],
    )


def _show_result() -> None:
    """After an import: every row that was not imported, and why (the success message counts them)."""
    skipped = st.session_state.pop(RESULT_KEY, None)
    if skipped:
        st.markdown(f"**{t('import.skipped_rows')}**")
        st.dataframe(_skipped_table(skipped), hide_index=True, width="stretch", key="import.result_skipped")


def _show_report(report: importing.ImportReport) -> None:
    cols = st.columns(4)
    cols[0].metric(t("import.metric.rows"), f"{report.rows_read:,}", help=t("import.metric.rows_help"))
    cols[1].metric(t("import.metric.imported"), f"{report.rows_imported:,}", help=t("import.metric.imported_help"))
    cols[2].metric(t("import.metric.skipped"), f"{len(report.skipped):,}", help=t("import.metric.skipped_help"))
    cols[3].metric(
        t("import.metric.duplicates"), f"{report.duplicates_merged:,}", help=t("import.metric.duplicates_help")
    )
    cols = st.columns(4)
    cols[0].metric(
        t("import.metric.orgs_new"), f"{report.organisations_created:,}", help=t("import.metric.orgs_new_help")
    )
    cols[1].metric(
        t("import.metric.orgs_matched"), f"{report.organisations_matched:,}", help=t("import.metric.orgs_matched_help")
    )
    cols[2].metric(t("import.metric.groups_new"), f"{report.groups_created:,}", help=t("import.metric.groups_new_help"))
    cols[3].metric(
        t("import.metric.relations_new"), f"{report.relations_created:,}", help=t("import.metric.relations_new_help")
    )
    cols = st.columns(4)
    cols[0].metric(t("import.metric.filled"), f"{report.fields_filled:,}", help=t("import.metric.filled_help"))
    cols[1].metric(t("import.metric.differing"), f"{report.fields_differing:,}", help=t("import.metric.differing_help"))
    cols[2].metric(t("import.metric.updated"), f"{report.rows_updated:,}", help=t("import.metric.updated_help"))
    cols[3].metric(
        t("import.metric.unmapped"),
        f"{sum(sum(v.values()) for v in report.unmapped.values()):,}",
        help=t("import.metric.unmapped_help"),
    )
    if report.fields_filled and not report.update:
        st.info(t("import.could_fill", filled=f"{report.fields_filled:,}"))
    _show_matches(report)
    if report.unmapped:
        st.markdown(f"**{t('import.unmapped')}**")
        st.dataframe(
            pd.DataFrame(
                [
                    {t("import.col.field"): key, t("import.col.value"): value, t("import.col.count"): count}
                    for key, values in report.unmapped.items()
                    for value, count in values.items()
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    if report.differences:
        st.markdown(f"**{t('import.differences')}**")
        st.dataframe(
            pd.DataFrame(
                [
                    {
                        t("import.col.file"): d.file,
                        t("import.col.row"): d.row,
                        t("import.col.id"): d.id,
                        t("import.col.column"): d.column,
                        t("import.col.directory"): d.value,
                        t("import.col.source"): d.source,
                        t("import.col.source_row"): d.source_row,
                    }
                    for d in report.differences
                ]
            ),
            hide_index=True,
            width="stretch",
        )
    if report.update_refused:
        st.markdown(f"**{t('import.refused')}**")
        st.dataframe(
            pd.DataFrame(
                [{t("import.col.row"): s.row, t("import.col.reason"): skipped_text(s)} for s in report.update_refused]
            ),
            hide_index=True,
            width="stretch",
        )
    if report.skipped:
        st.markdown(f"**{t('import.skipped_rows')}**")
        st.dataframe(_skipped_table(report.skipped), hide_index=True, width="stretch", key="import.skipped")
    with st.expander(t("import.report"), icon=":material/description:"):
        said = report_text(report)  # the CLI's report, line by line, in the chosen language
        st.text(said)
        st.download_button(
            t("import.report_download"),
            said,
            file_name="import-report.txt",
            mime="text/plain",
            key="import.report.download",
            help=t("import.report_download_help"),
            icon=":material/download:",
        )


def report_text(report: importing.ImportReport) -> str:
    """The import's full report in the chosen language: the lines ``python -m network import`` prints in English
    (``ImportReport.lines``: codes with parameters), with the skipped rows' reasons, the warnings, the notes and
    matching's reasons they hold said in the chosen language too. Plain text (shown with ``st.text``, downloaded)."""
    said = []
    for line in report.lines():
        values = dict(line.note.params)
        if line.skipped is not None:
            values["reason"] = skipped_text(line.skipped)
        if line.problem is not None:
            values["problem"] = problem_text(line.problem)
        if line.reasons:
            values["reasons"] = "; ".join(match_reason_text(reason, markdown=False) for reason in line.reasons)
        if line.said is not None:
            values["note"] = core_text(line.said, line.said.text)
        if line.counts:
            values["counts"] = ", ".join(f"{problem_label(code)} {count:,}" for code, count in line.counts)
        said.append(core_text(Message(line.note.code, tuple(values.items())), line.text))
    return "\n".join(said)


def _show_matches(report: importing.ImportReport) -> None:
    """The organisations matching took as existing ones, and those it only suggests, with score and reasons."""
    if not report.match_suggestions:
        return
    st.metric(
        t("import.metric.auto_matched"),
        f"{report.organisations_auto_matched:,}",
        help=t("import.metric.auto_matched_help"),
    )
    st.markdown(f"**{t('import.matches')}**", help=t("import.matches_help"))
    st.dataframe(
        pd.DataFrame(
            [
                {
                    t("import.col.row"): m.row,
                    t("import.col.name"): m.name,
                    t("import.col.candidate"): m.candidate_name,
                    t("import.col.id"): m.candidate,
                    t("import.col.score"): m.score,
                    t("import.col.taken"): m.merged,
                    t("import.col.why"): "; ".join(match_reason_text(r) for r in m.reasons),
                }
                for m in report.match_suggestions
            ]
        ),
        hide_index=True,
        width="stretch",
        key="import.matches",
    )


def _preview(
    path: Path,
    table: importing.ForeignTable,
    mapping: ImportMapping,
    files: dict[str, bytes],
    signature: str,
    update: bool = False,
    overwrite: bool = False,
    match: str = "auto",
) -> None:
    with st.status(t("import.previewing"), expanded=True) as status:
        bar = st.progress(0.0, text=t("import.step.read"))

        def step(name: str, done: float) -> None:
            bar.progress(
                min(1.0, done), text=t(f"import.step.{name}") if name in ("read", "map", "validate", "done") else name
            )

        try:
            lookups, notes = importing.read_lookups(mapping, None, files)
            plan = importing.plan_import(
                path,
                table,
                mapping,
                lookups=lookups,
                notes=notes,
                progress=step,
                update=update or overwrite,
                overwrite=overwrite,
                match=match,
            )
        except NetworkError as exc:  # a pattern that ran out of time names the key, the pattern and the row
            status.update(label=t("import.failed"), state="error")
            st.error(escape_markdown(error_text(exc)))
            return
        except Exception as exc:  # noqa: BLE001 - anything else: a reference number, never a traceback
            status.update(label=t("import.failed"), state="error")
            report_failure(exc)
            return
        status.update(label=t("import.previewed"), state="complete", expanded=False)
    st.session_state[PLAN_KEY] = (signature, plan)


def wrong_type(name: str, types: tuple[str, ...]) -> bool:
    """Whether the uploaded file ``name`` is not one of ``types`` (file name endings); if so, say so in the chosen
    language, with the types the box takes."""
    if Path(name).name.lower().endswith(types):
        return False
    st.error(tm("import.wrong_type", name=Path(name).name, types=", ".join(types)))
    return True


def uploader_style(limit: float, refused_limit: float | None = None) -> str:
    """The style sheet that puts the chosen language's words in the upload boxes.

    Streamlit 1.67 draws the boxes' own words in English in the browser ("Upload", "200MB per file • CSV", and
    "Drag and drop a file here" while a file is dragged over the box), with no parameter or setting to change them
    (streamlit/streamlit#13500 asks for one). So the style sheet hides them and shows ours instead, in both
    languages (the English limit is this page's, not Streamlit's 200 MB). The selectors rest on the boxes' test ids,
    which Streamlit's own tests use, and on the drag-over overlay being the dropzone's only child ``div`` without a
    test id that holds just a ``span``; tests/browser/test_upload_words_browser.py checks all three in Chromium.

    A file the browser refuses (larger than ``server.maxUploadSize``, ``refused_limit`` MB; or two files dropped
    at once) shows as a red chip whose reason Streamlit says in English ("File must be 20.0MB or smaller.") in a
    tooltip while the mouse is over the chip, and in an alert for screen readers. The boxes take every file type
    (the page checks the type itself, ``wrong_type``), so size and count are the only reasons left: the sheet
    replaces both texts with ours, which names both. The tooltip is drawn outside the box, so its rule applies
    only while a file chip of an upload box is under the mouse or has the focus.
    """
    if refused_limit is None:
        refused_limit = float(st.get_option("server.maxUploadSize"))
    button, limit_text, drop = (
        _css_string(t(key, limit=f"{limit:g}"))
        for key in ("import.uploader_button", "import.uploader_limit", "import.uploader_drop")
    )
    refused = _css_string(t("import.uploader_refused", limit=f"{refused_limit:g}"))
    zone = '[data-testid="stFileUploaderDropzone"]'
    overlay = f"{zone} > div:not([data-testid]):has(> span:only-child)"
    chip = '[data-testid="stFileUploader"] [data-testid="stTooltipErrorHoverTarget"]'
    tooltip = f'body:has({chip}:hover, {chip}:focus-within) [data-testid="stTooltipErrorContent"]'
    alert = '[data-testid="stFileChip"] > span[role="alert"]'
    return f"""<style>
{zone} button > * {{ display: none; }}
{zone} button::after {{ content: {button}; }}
[data-testid="stFileUploaderDropzoneInstructions"] > * {{ display: none; }}
[data-testid="stFileUploaderDropzoneInstructions"]::after {{ content: {limit_text}; font-size: 0.875rem; }}
{overlay} > span {{ display: none; }}
{overlay}::after {{ content: {drop}; font-size: 0.875rem; font-weight: 600; }}
{tooltip} {{ font-size: 0; }}
{alert} {{ visibility: hidden; font-size: 0; }}
{tooltip}::after, {alert}::after {{ visibility: visible; content: {refused}; font-size: 0.875rem; }}
</style>"""


def _uploader_words(limit: float) -> None:
    """The upload boxes speak the chosen language (``uploader_style``)."""
    st.html(uploader_style(limit))


def _css_string(text: str) -> str:
    """Text as a CSS string: quotes and backslashes escaped, and no "<" (it could end the style element)."""
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"').replace("<", "\\3c ") + '"'


def render() -> None:
    st.title(t("page.import"))
    if not require("import"):  # ui/auth.py: editors and admins only
        return
    st.caption(t("import.intro"))
    show_flash()
    _show_result()
    path = data_path()
    limit = upload_limit_mb()
    _uploader_words(limit)
    uploaded = st.file_uploader(
        t("import.upload"),
        type=None,
        key="import.file",
        help=t("import.upload_help", limit=f"{limit:g}"),
    )
    if uploaded is None:
        st.session_state.pop(PLAN_KEY, None)
        st.info(t("import.empty"))
        return
    if wrong_type(uploaded.name, SOURCE_TYPES):
        st.session_state.pop(PLAN_KEY, None)
        return
    if uploaded.size > limit * 2**20:
        st.error(t("import.too_large", size=f"{uploaded.size / 2**20:.1f}", limit=f"{limit:g}"))
        return
    name, data = Path(uploaded.name).name, uploaded.getvalue()
    digest = hashlib.blake2b(data, digest_size=16).hexdigest()
    sheet = ""
    if name.lower().endswith(".xlsx"):
        try:
            sheet = st.selectbox(
                t("import.sheet"), _sheets(digest, data, name), key="import.sheet", help=t("import.sheet_help")
            )
        except NetworkError as exc:  # too large to open (a zip bomb), damaged, entity bomb: the message says so
            st.error(tm("import.read_error", detail=error_text(exc)))
            return
        except Exception as exc:  # noqa: BLE001 - anything else: a reference number, never a traceback
            report_failure(exc)
            return
    try:
        table = _read(digest, data, name, sheet)
    except NetworkError as exc:  # beyond a limit (reading.Limits), damaged, an entity bomb: the message says which
        st.error(tm("import.read_error", detail=error_text(exc)))
        return
    except Exception as exc:  # noqa: BLE001 - anything else: a reference number, never a traceback
        report_failure(exc)
        return
    st.caption(t("import.rows", rows=f"{len(table.frame):,}", columns=len(table.header)))
    st.dataframe(table.frame.head(10), width="stretch")
    mapping = _mapping(table.header)
    if mapping is None:
        return
    try:
        mapping.check_columns(table.header)
    except NetworkError as exc:
        st.error(tm("import.mapping_error", detail=error_text(exc)))
        return
    files = _lookups(mapping)
    _types(table, mapping, files)
    update = st.checkbox(t("import.update"), key="import.update", help=t("import.update_help"))
    overwrite = (
        st.checkbox(t("import.overwrite"), key="import.overwrite", disabled=not update, help=t("import.overwrite_help"))
        and update
    )
    match = st.selectbox(
        t("import.match"),
        importing.MATCH_MODES,
        key="import.match",
        format_func=lambda mode: t(f"import.match.{mode}"),
        help=t("import.match_help"),
    )
    signature = "|".join(
        [
            digest,
            sheet,
            repr(mapping),
            f"update={update}",
            f"overwrite={overwrite}",
            f"match={match}",
            *sorted(f"{k}:{len(v)}" for k, v in files.items()),
        ]
    )
    if st.button(
        t("import.preview"),
        key="import.preview",
        type="primary",
        help=t("import.preview_help"),
        icon=":material/preview:",
    ):
        _preview(path, table, mapping, files, signature, update, overwrite, match)
    stored = st.session_state.get(PLAN_KEY)
    if not stored:
        return
    if stored[0] != signature:
        st.info(t("import.stale_preview"))
        return
    plan: importing.ImportPlan = stored[1]
    _show_report(plan.report)
    if not plan.changed:
        st.success(t("import.nothing"))
        return
    writable = storage.writable(path)
    if not writable:
        st.info(tm("edit.workbook", path=str(path)))
    if st.button(
        t("import.commit"),
        key="import.commit",
        type="primary",
        disabled=not writable,
        help=t("import.commit_help"),
        icon=":material/upload:",
    ):
        try:
            report = importing.commit(plan, actor=actor())
            skipped = len(report.skipped)
            tail = (
                (
                    " "
                    + t(
                        "import.committed_skipped" if skipped != 1 else "import.committed_skipped_one", n=f"{skipped:,}"
                    )
                )
                if skipped
                else ""
            )
            flash("success", t("import.committed", created=f"{report.changes:,}") + tail)
            st.session_state[RESULT_KEY] = list(report.skipped)
        except PermissionDeniedError as exc:
            flash("error", denied_message(exc))
        except ConflictError:
            flash("error", t("import.conflict"))
        except NetworkError as exc:
            flash("error", tm("edit.save_failed", detail=error_text(exc)))
        st.session_state.pop(PLAN_KEY, None)
        st.rerun()


if __name__ == "__main__":
    render()
