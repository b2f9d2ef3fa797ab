"""Partners: find partners for an application, build the consortium and check it against the call's rule.

Run by ``st.navigation`` as a script (see ``ui/app.py``); ``render()`` draws the page. The core does the work
(``network.partners``, ``network.rules``, ``network.consortium``); this page draws controls and renders the
reasons and findings, which are data, in the chosen language. The call, the themes, the filters and the consortium
live in the URL, so a link opens the same search and the same draft consortium. The rule's call, year and source are
always shown, with the reminder that the official call text decides.
"""

from __future__ import annotations

from typing import Callable, Mapping

import streamlit as st

import datetime as dt

from network import schema, themes
from network.countries import country_name
from network.consortium import graph_edges, graph_nodes, member_table, project_rows, save_as_project
from network.directory import Directory
from network.errors import ConflictError, NetworkError, PermissionDeniedError
from network.export import to_csv
from network.partner_cache import warm_partner_index
from network.partners import Candidate, PartnerQuery, Weights, describe, find_partners_page, split_themes, suggest_fixes
from network.queries import ViewFilter, induced_view
from network.rules import (
    INFO,
    MET,
    NOT_MET,
    ConsortiumCheck,
    ConsortiumRule,
    Member,
    check_consortium,
    country_groups,
    parse_member,
    programme_rules,
)
from ui.partner_warmup import preparing as warmup_preparing, wait as wait_for_warmup
from ui.export_widgets import csv_separator, export_buttons, table_downloads
from ui.auth import actor, can, denied_message
from ui.graphview import show_graph
from ui.i18n import CATALOGUES, current_language, error_text, kind_label, relation_label, t, tm, value_label
from ui.state import cache_folder, data_path, get_directory
from ui.urlstate import PartlyValid, Param, View, flag, dump_flag, int_in, join, one_of, some_of
from ui.safe_text import escape_markdown, markdown_lines, md_link
from ui.widgets import country_label, entity_picker, facets, show_notes

__all__ = ["render", "view_of", "templates", "say", "members_of", "MEMBERS", "WEIGHT_KEY"]

MEMBERS = "members"
#: The two parts of the page; only the chosen one is drawn (a graph drawn while hidden would not fit its frame).
SECTIONS = ("find", "consortium")
#: Session keys of the weight sliders: ``partners.weight.<part>``.
WEIGHT_KEY = "partners.weight"
_ICONS = {MET: ":material/check_circle:", NOT_MET: ":material/cancel:", INFO: ":material/info:"}
_UNKNOWN_ICON = ":material/help:"
#: The years the period filter offers.
FIRST_YEAR = 2000
#: The most pages the page control offers (at 50 a page: 100,000 suggestions).
MAX_PAGES = 2000


# --- words -------------------------------------------------------------------------------------------------------


def templates(language: str | None = None) -> dict[str, str]:
    """The sentence templates of reasons and findings in the chosen language, with the words they use."""
    language = language or current_language()
    found = {key[len("reason.") :]: text for key, text in CATALOGUES[language].items() if key.startswith("reason.")}
    found.update({f"type.{v}": value_label(v) for v in schema.ORGANISATION_TYPES})
    found.update({f"role.{r}": value_label(r) for r in schema.PARTNER_ROLES})
    found.update({f"relation.{r}": relation_label(r) for r in schema.RELATION_TYPES})
    found.update({f"kind.{k}": kind_label(k).lower() for k in schema.KINDS})
    found.update({key: text for key, text in CATALOGUES[language].items() if key.startswith(("theme.", "group."))})
    return found


def _labels(prefix: str, language: str) -> Callable[[str], str]:
    """A format function fixed to one language (widgets keep their format function between reruns)."""
    catalogue, english = CATALOGUES[language], CATALOGUES["en"]

    def label(value: str) -> str:
        key = f"{prefix}.{value}"
        return catalogue.get(key) or english.get(key) or str(value).replace("-", " ")

    return label


def _countries(language: str) -> Callable[[str], str]:
    return lambda code: country_name(code, language) if code else ""


def say(sentence, words: Mapping[str, str] | None = None) -> str:
    """A reason or finding in the chosen language (English fills any gap)."""
    return describe(sentence, words if words is not None else templates(), current_language())


# --- the view (URL) ----------------------------------------------------------------------------------------------


def _members_param(directory: Directory):
    def parse(text: str) -> list[str]:
        kept, bad = [], []
        for item in text.split(","):
            try:
                member = parse_member(item)
            except NetworkError:
                bad.append(item)
                continue
            if (
                member.id in directory
                and directory.kind_of(member.id) == "organisation"
                and member.id not in {m.split(":")[0] for m in kept}
            ):
                kept.append(f"{member.id}:{member.role}")
            elif item.strip():
                bad.append(item)
        if bad:
            raise PartlyValid(kept, ", ".join(bad))
        return kept

    return parse


def view_of(directory: Directory, rules: list[ConsortiumRule]) -> View:
    home = (
        [f"{directory.home}:coordinator"]
        if directory.home and directory.kind_of(directory.home) == "organisation"
        else []
    )
    found = facets(directory)
    last_year = dt.date.today().year + 10
    return View(
        "partners",
        [
            Param("programme", rules[0].programme if rules else None, one_of([r.programme for r in rules])),
            Param("themes", [], some_of(_theme_options(directory)), join),
            Param("text", "", str.strip),
            Param("countries", [], some_of(found["countries"]), join),
            Param("types", [], some_of(schema.ORGANISATION_TYPES), join),
            Param("top", 10, int_in(1, 50)),
            Param("flag", False, flag, dump_flag),
            Param("any", False, flag, dump_flag),
            Param("nuts", "", str.strip),
            Param("exp", False, flag, dump_flag),
            Param("coord", False, flag, dump_flag),
            Param("period", False, flag, dump_flag),
            Param("since", FIRST_YEAR, int_in(FIRST_YEAR, last_year)),
            Param("until", dt.date.today().year, int_in(FIRST_YEAR, last_year)),
            Param("page", 1, int_in(1, MAX_PAGES)),
            Param(MEMBERS, home, _members_param(directory), join),
            Param("section", SECTIONS[0], one_of(SECTIONS)),
            Param("like", None, _organisation(directory)),
        ],
    )


def _organisation(directory: Directory) -> Callable[[str], str]:
    """``like``: the id of an organisation of the directory (a profile's "find similar partners" link)."""

    def parse(text: str) -> str:
        value = text.strip()
        if value not in directory or directory.kind_of(value) != "organisation":
            raise ValueError(text)
        return value

    return parse


def _like_note(directory: Directory, view: View) -> tuple[str, ...]:
    """Partners like one organisation: say so, offer to stop, and leave it out of its own suggestions."""
    like = view.value("like")
    if not like or like not in directory:
        return ()
    left, right = st.columns([5, 2], vertical_alignment="center")
    left.info(tm("partners.like", name=directory.name_of(like)), icon=":material/handshake:")
    right.button(
        t("partners.like_clear"),
        key="partners.like_clear",
        help=t("partners.like_clear_help"),
        on_click=view.set,
        args=("like", None),
        icon=":material/close:",
    )
    return (like,)


def members_of(view: View) -> list[Member]:
    return [parse_member(m) for m in view.value(MEMBERS) or []]


def _set_members(view: View, members: list[Member]) -> None:
    view.set(MEMBERS, [f"{m.id}:{m.role}" for m in members])


def _add(view: View, org: str, role: str) -> None:
    members = [m for m in members_of(view) if m.id != org]
    if role == "coordinator":
        members = [Member(m.id, "partner") if m.role == "coordinator" else m for m in members]
    _set_members(view, members + [Member(org, role)])


def _remove(view: View, org: str) -> None:
    _set_members(view, [m for m in members_of(view) if m.id != org])


def _change_role(view: View, org: str) -> None:
    role = st.session_state.get(f"partners.role.{org}", "partner")
    _set_members(view, [Member(m.id, role) if m.id == org else m for m in members_of(view)])


# --- the rule ------------------------------------------------------------------------------------------------------


def _rule_box(directory: Directory, rule: ConsortiumRule) -> None:
    with st.container(border=True):
        st.markdown(f"**{escape_markdown(rule.name)}**")
        if rule.rule_note:  # free text from programmes.csv: shown as written, never as Markdown
            st.markdown(markdown_lines(rule.rule_note))
        source = rule.reference or rule.url
        parts = [t("partners.rule_call", call=escape_markdown(rule.call or t("partners.rule_call_missing")))]
        if source:
            parts.append(t("partners.rule_source", link=md_link(source)))  # a link only for an http(s) address
        if rule.verified:
            parts.append(tm("partners.rule_checked", date=rule.verified))
        st.markdown(" · ".join(parts))
        group = country_groups(directory).get(rule.eligible_group)
        if group is not None:
            names = ", ".join(sorted(country_label(c) for c in group.countries))
            name = t(f"group.{group.id}") if group.name == CATALOGUES["en"].get(f"group.{group.id}") else group.name
            st.caption(tm("partners.rule_group", group=name, countries=names))  # a built-in group's name in words
        st.caption(t("partners.rule_decides"))


# --- the finder ----------------------------------------------------------------------------------------------------


def _weights() -> Weights:
    defaults = Weights()
    with st.expander(t("partners.weights"), icon=":material/tune:"):
        st.caption(t("partners.weights_help"))
        columns = st.columns(3)
        values = {}
        for i, part in enumerate(Weights.parts()):
            key = f"{WEIGHT_KEY}.{part}"
            st.session_state.setdefault(key, float(getattr(defaults, part)))
            values[part] = columns[i % 3].slider(
                t(f"partners.weight.{part}"), 0.0, 5.0, step=0.5, key=key, help=t(f"partners.weight_help.{part}")
            )
        st.button(
            t("partners.weights_reset"),
            key="partners.weights_reset",
            help=t("partners.weights_reset_help"),
            on_click=_reset_weights,
            icon=":material/restart_alt:",
        )
    return Weights(**values)


def _reset_weights() -> None:
    for part in Weights.parts():
        st.session_state[f"{WEIGHT_KEY}.{part}"] = float(getattr(Weights(), part))


def _eligible_countries(directory: Directory, rule: ConsortiumRule | None) -> list[str]:
    present = facets(directory)["countries"]
    group = country_groups(directory).get(rule.eligible_group) if rule and rule.eligible_group else None
    return [c for c in present if group is None or c in group.countries]


def _theme_options(directory: Directory) -> list[str]:
    """The themes on offer: those in the directory and those of the vocabulary (found in projects and texts too)."""
    return sorted(set(facets(directory)["themes"]) | set(themes.vocabulary()))


def _more_filters(view: View) -> dict:
    """NUTS regions, experience, coordination and period: the filters that matter once real data is imported."""
    with st.expander(t("partners.filters"), icon=":material/filter_list:"):
        st.caption(t("partners.filters_help"))
        left, right = st.columns(2)
        nuts = left.text_input(
            t("partners.nuts"),
            key=view.key("nuts"),
            help=t("partners.nuts_help"),
            placeholder=t("partners.nuts_placeholder"),
        )
        experienced = left.toggle(t("partners.experienced"), key=view.key("exp"), help=t("partners.experienced_help"))
        coordinators = left.toggle(
            t("partners.coordinators"), key=view.key("coord"), help=t("partners.coordinators_help")
        )
        period = right.toggle(t("partners.period_on"), key=view.key("period"), help=t("partners.period_on_help"))
        since = right.number_input(
            t("partners.period") + " ≥",
            FIRST_YEAR,
            dt.date.today().year + 10,
            key=view.key("since"),
            help=t("partners.period_help"),
            disabled=not period,
        )
        until = right.number_input(
            t("partners.period") + " ≤",
            FIRST_YEAR,
            dt.date.today().year + 10,
            key=view.key("until"),
            help=t("partners.period_help"),
            disabled=not period,
        )
    codes = tuple(c.strip() for c in nuts.replace(";", ",").split(",") if c.strip())
    return {
        "nuts": codes,
        "experienced": bool(experienced),
        "coordinators": bool(coordinators),
        "since": int(since) if period else None,
        "until": int(until) if period else None,
    }


def _query_controls(directory: Directory, view: View, rule: ConsortiumRule | None) -> PartnerQuery:
    exclude = _like_note(directory, view)
    language = current_language()
    first, second, third = st.columns(3)
    tags = first.multiselect(
        t("partners.themes"),
        _theme_options(directory),
        key=view.key("themes"),
        format_func=_labels("theme", language),
        help=t("partners.themes_help"),
        placeholder=t("partners.themes_any"),
    )
    text = first.text_input(
        t("partners.text"),
        key=view.key("text"),
        help=t("partners.text_help"),
        placeholder=t("partners.text_placeholder"),
    )
    options = sorted(set(_eligible_countries(directory, rule)) | set(view.value("countries") or []), key=country_label)
    wanted = second.multiselect(
        t("partners.countries"),
        options,
        key=view.key("countries"),
        format_func=_countries(language),
        help=t("partners.countries_help"),
        placeholder=t("partners.countries_any"),
    )
    types = second.multiselect(
        t("partners.types"),
        list(schema.ORGANISATION_TYPES),
        key=view.key("types"),
        format_func=_labels("value", language),
        help=t("partners.types_help"),
        placeholder=t("filter.all"),
    )
    top = third.slider(t("partners.top"), 1, 50, key=view.key("top"), help=t("partners.top_help"))
    flagged = third.toggle(t("partners.flag"), key=view.key("flag"), help=t("partners.flag_help"))
    any_theme = third.toggle(t("partners.any"), key=view.key("any"), help=t("partners.any_help"))
    filters = _more_filters(view)
    weights = _weights()
    page = int(view.value("page") or 1)
    return PartnerQuery(
        programme=rule.programme if rule else "",
        themes=tuple(tags) + split_themes(text),
        countries=tuple(wanted),
        types=tuple(types),
        top=int(top),
        consortium=tuple(members_of(view)),
        ineligible="flag" if flagged else "leave-out",
        require_theme=not any_theme,
        weights=weights,
        offset=(page - 1) * int(top),
        exclude=exclude,
        **filters,
    )


def _candidate_card(
    directory: Directory, view: View, rank: int, candidate: Candidate, words: Mapping[str, str], key: str
) -> None:
    in_consortium = candidate.id in {m.id for m in members_of(view)}
    with st.container(border=True):
        left, right = st.columns([5, 2])
        heading = tm(
            "partners.candidate",
            rank=rank,
            name=candidate.name,
            type=value_label(candidate.type),
            country=country_label(candidate.country),
        )
        left.markdown(heading)
        for flag_ in candidate.flags:
            left.warning(escape_markdown(say(flag_, words)), icon=":material/warning:")
        left.markdown("\n".join(f"- {escape_markdown(say(r, words))}" for r in candidate.reasons))
        right.metric(t("partners.score"), f"{candidate.score:g}", help=t("partners.score_help"))
        right.button(
            t("partners.add"),
            key=f"{key}.add.{candidate.id}",
            help=t("partners.add_help"),
            on_click=_add,
            args=(view, candidate.id, "partner"),
            disabled=in_consortium,
            icon=":material/group_add:",
        )
        right.button(
            t("partners.add_associated"),
            key=f"{key}.assoc.{candidate.id}",
            help=t("partners.add_associated_help"),
            on_click=_add,
            args=(view, candidate.id, "associated"),
            disabled=in_consortium,
        )


def _finder(directory: Directory, view: View, rule: ConsortiumRule | None, query: PartnerQuery) -> None:
    if not directory.home:
        st.caption(t("partners.no_home"))
    try:
        # The prepared index from the warm-start cache in a new server process (read once per data version and
        # then held on the directory); built and stored there when missing.
        if warmup_preparing(directory, "partners"):  # the warm-up after the first load: read, not built twice
            with st.spinner(t("partners.preparing"), show_time=True):
                wait_for_warmup(directory, stage="partners")
        warm_partner_index(directory, cache_folder())
        result = find_partners_page(directory, query)
    except NetworkError as exc:
        st.error(escape_markdown(error_text(exc)))
        return
    found = result.candidates
    pages = max(1, -(-result.total // query.top))
    if not result.total:
        st.info(t("partners.none_found"))
        return
    if not found:
        st.info(t("partners.past_end", total=f"{result.total:,}", pages=pages))
    else:
        st.caption(
            t("partners.showing", first=query.offset + 1, last=query.offset + len(found), total=f"{result.total:,}")
        )
    words = templates()
    for rank, candidate in enumerate(found, start=query.offset + 1):
        _candidate_card(directory, view, rank, candidate, words, key="partners.found")
    if pages > 1 or query.offset:
        st.number_input(
            t("partners.page"),
            1,
            min(MAX_PAGES, max(pages, int(view.value("page") or 1))),
            key=view.key("page"),
            help=t("partners.page_help"),
        )


# --- the consortium ------------------------------------------------------------------------------------------------


def _member_rows(directory: Directory, view: View, check: ConsortiumCheck | None) -> None:
    counted = set(check.counted) if check else set()
    roles = list(schema.PARTNER_ROLES)
    for member in members_of(view):
        left, middle, right = st.columns([6, 3, 1], vertical_alignment="center")
        record = directory.record(member.id)
        note = "" if member.id in counted or check is None else f" · {t('partners.not_counted')}"
        left.markdown(
            tm(
                "partners.member",
                name=record["name"],
                type=value_label(record["type"]),
                country=country_label(record["country"]),
            )
            + note
        )
        st.session_state[f"partners.role.{member.id}"] = member.role
        middle.selectbox(
            t("partners.role"),
            roles,
            key=f"partners.role.{member.id}",
            format_func=_labels("value", current_language()),
            on_change=_change_role,
            args=(view, member.id),
            label_visibility="collapsed",
            help=t("partners.role_help"),
        )
        right.button(
            t("partners.remove"),
            key=f"partners.remove.{member.id}",
            help=t("partners.remove_help"),
            on_click=_remove,
            args=(view, member.id),
            icon=":material/delete:",
        )


def _add_member(directory: Directory, view: View) -> None:
    with st.expander(t("partners.add_title"), icon=":material/add:"):
        chosen = entity_picker(
            directory, "partners.pick", label=t("partners.pick"), help=t("partners.pick_help"), kinds=["organisation"]
        )
        role = st.selectbox(
            t("partners.role"),
            list(schema.PARTNER_ROLES),
            index=1,
            key="partners.pick_role",
            format_func=_labels("value", current_language()),
            help=t("partners.role_help"),
        )
        st.button(
            t("partners.add_member"),
            key="partners.add_member",
            disabled=not chosen,
            on_click=_add,
            args=(view, chosen or "", role),
            help=t("partners.add_member_help"),
            icon=":material/group_add:",
        )


def _findings(directory: Directory, view: View, check: ConsortiumCheck, themes: tuple[str, ...]) -> None:
    words = templates()
    unmet = len(check.unmet)
    if check.eligible:
        st.success(t("partners.eligible"), icon=":material/verified:")
    else:
        st.error(t("partners.not_eligible", n=unmet), icon=":material/error:")
    suggestions = suggest_fixes(directory, check, themes, top=3) if unmet else {}
    for finding in check.findings:
        icon = _ICONS.get(finding.status, _UNKNOWN_ICON)
        status = t(f"partners.status.{finding.status}")
        st.markdown(f"{icon} **{status}**: {escape_markdown(say(finding.sentence, words))}")
        if finding.status == NOT_MET and finding.fix is not None:
            st.caption(f"→ {escape_markdown(say(finding.fix, words))}")
        for candidate in suggestions.get(finding.code, []):
            text = tm(
                "partners.suggestion",
                name=candidate.name,
                country=country_label(candidate.country),
                score=f"{candidate.score:g}",
            )  # a button label is Markdown too
            role = "coordinator" if finding.want is not None and finding.want.as_coordinator else "partner"
            st.button(
                text,
                key=f"partners.suggest.{finding.code}.{candidate.id}",
                on_click=_add,
                args=(view, candidate.id, role),
                help=t("partners.suggestion_help"),
                icon=":material/add:",
            )


def _graph(directory: Directory, members: list[Member], rule: ConsortiumRule) -> None:
    st.markdown(f"**{t('partners.graph')}**")
    st.caption(t("partners.graph_help"))
    nodes = graph_nodes(directory, members)
    graph = induced_view(directory.graph, nodes, ViewFilter())
    view_key = ("partners", tuple((m.id, m.role) for m in members))
    show_graph(
        directory,
        graph,
        view_key=view_key,
        focus=directory.home,
        highlight_nodes=[m.id for m in members],
        highlight_edges=graph_edges(directory, members),
        height=480,
    )
    export_buttons(
        directory,
        graph,
        view_key=view_key,
        focus=directory.home,
        key="partners.export",
        title=t("partners.export_title", programme=rule.name),
    )


def _table(directory: Directory, members: list[Member], check: ConsortiumCheck) -> None:
    frame = member_table(directory, members, check, templates(), current_language())
    frame["role"] = frame["role"].map(value_label)
    frame["type"] = frame["type"].map(value_label)
    frame["country"] = frame["country"].map(country_label)
    frame["counts"] = frame["counts"].map(lambda v: t(f"partners.counts.{v}") if v else "")
    shown = frame.set_index("id").rename(columns=lambda c: t(f"partners.col.{c}"))
    st.dataframe(shown, width="stretch", hide_index=True)  # names, not ids (the downloads keep the ids)
    table_downloads(shown, name=t("partners.file_name"), key="partners.table")


def _save(
    directory: Directory, view: View, members: list[Member], rule: ConsortiumRule, themes: tuple[str, ...]
) -> None:
    with st.expander(t("partners.save_title"), icon=":material/save:"):
        st.caption(t("partners.save_intro"))
        if not can("edit"):  # ui/auth.py: saving is for editors; the core refuses others too (save_as_project)
            st.info(t("partners.save_needs_editor", role=t("auth.role.editor")))
            _rows_download(directory, members, rule, themes)
            return
        with st.form("partners.save_form"):
            name = st.text_input(t("partners.save_name"), help=t("partners.save_name_help"), key="partners.save_name")
            project_id = st.text_input(t("partners.save_id"), help=t("partners.save_id_help"), key="partners.save_id")
            submitted = st.form_submit_button(
                t("partners.save"), help=t("partners.save_help"), icon=":material/save:", key="partners.save_submit"
            )
        if submitted:
            _save_now(directory, members, rule, themes, name, project_id)
        _rows_download(directory, members, rule, themes)


def _save_now(
    directory: Directory,
    members: list[Member],
    rule: ConsortiumRule,
    themes: tuple[str, ...],
    name: str,
    project_id: str,
) -> None:
    if not data_path().is_dir():
        st.warning(t("partners.save_readonly"))
        return
    try:
        saved_id, _ = save_as_project(
            data_path(), directory, name, rule.programme, members, themes=themes, project_id=project_id, actor=actor()
        )
    except PermissionDeniedError as exc:
        st.error(denied_message(exc))
    except ConflictError:
        st.error(t("partners.save_conflict"))
    except NetworkError as exc:
        st.error(tm("partners.save_refused", detail=error_text(exc)))
    else:
        st.success(tm("partners.saved", id=saved_id))


def _rows_download(directory: Directory, members: list[Member], rule: ConsortiumRule, themes: tuple[str, ...]) -> None:
    """The project and relation rows as CSV, for a workbook directory or for adding them by hand."""
    import pandas as pd

    try:
        project, relations = project_rows(
            directory, t("partners.draft_name", programme=rule.name), rule.programme, members, themes=themes
        )
    except NetworkError:
        return
    rows = pd.DataFrame(relations, columns=list(schema.RELATIONS_TABLE.column_names))
    first, second = st.columns(2)
    first.download_button(
        t("partners.rows_project"),
        to_csv(pd.DataFrame([project]), delimiter=csv_separator()),
        file_name="projects-row.csv",
        mime="text/csv",
        key="partners.rows_project",
        help=t("partners.rows_help"),
        on_click="ignore",
    )
    second.download_button(
        t("partners.rows_relations"),
        to_csv(rows, delimiter=csv_separator()),
        file_name="relations-rows.csv",
        mime="text/csv",
        key="partners.rows_relations",
        help=t("partners.rows_help"),
        on_click="ignore",
    )


def _consortium(directory: Directory, view: View, rule: ConsortiumRule, themes: tuple[str, ...]) -> None:
    members = members_of(view)
    check = None
    if members:
        try:
            check = check_consortium(directory, rule, members)
        except NetworkError as exc:
            st.error(escape_markdown(error_text(exc)))
    left, right = st.columns([1, 1])
    with left:
        st.markdown(f"**{t('partners.members_title')}**")
        if not members:
            st.info(t("partners.empty"))
        _member_rows(directory, view, check)
        _add_member(directory, view)
    with right:
        st.markdown(f"**{t('partners.check_title')}**")
        if check is not None:
            _findings(directory, view, check, themes)
        else:
            st.info(t("partners.check_empty"))
    if check is None:
        return
    _graph(directory, members, rule)
    _table(directory, members, check)
    _save(directory, view, members, rule, themes)


# --- the page --------------------------------------------------------------------------------------------------------


def render() -> None:
    directory = get_directory()
    rules = programme_rules(directory)
    view = view_of(directory, rules)
    notes = view.restore()
    st.title(t("partners.title"), anchor=False)
    st.caption(t("partners.intro"))
    show_notes(notes)
    if not rules:
        st.info(t("partners.no_rules"))
        view.save()
        return
    by_id = {r.programme: r for r in rules}
    programme = st.selectbox(
        t("partners.programme"),
        list(by_id),
        key=view.key("programme"),
        format_func=lambda p: by_id[p].name,
        help=t("partners.programme_help"),
    )
    rule = by_id[programme]
    _rule_box(directory, rule)
    section = st.radio(
        t("partners.section"),
        SECTIONS,
        key=view.key("section"),
        horizontal=True,
        format_func=_labels("partners.section", current_language()),
        help=t("partners.section_help"),
    )
    st.caption(t("partners.in_consortium", n=len(members_of(view))))
    if section == "find":
        query = _query_controls(directory, view, rule)
        _finder(directory, view, rule, query)
    else:
        themes = tuple(view.value("themes") or ()) + split_themes(view.value("text") or "")
        _consortium(directory, view, rule, themes)
    view.save()


if __name__ == "__main__":
    render()
