"""Every string the dashboard shows, in Swedish (the default) and English, and the language switch.

One flat mapping per language, with the same keys (a test checks). Pages never hold text of their own: they call
``t("explore.showing", shown=3, total=9, rule=...)``. Names of kinds, relations, vocabulary values, columns and problem codes are here too, so a
table, a legend and a sentence about a path all speak the chosen language. Data keeps its own language (names,
descriptions); messages that come from the core's validation stay in English and are shown under a translated
heading.

Other pages add their keys to both mappings (``SV`` and ``EN``); ``t`` falls back to English, then to the key.
"""

from __future__ import annotations

from typing import Mapping

import streamlit as st

from network import themes
from .safe_text import escape_markdown

__all__ = [
    "match_reason_text",
    "LANGUAGES",
    "DEFAULT_LANGUAGE",
    "SV",
    "EN",
    "CATALOGUES",
    "LANGUAGE_KEY",
    "t",
    "current_language",
    "set_language",
    "kind_label",
    "relation_label",
    "relation_phrase",
    "value_label",
    "theme_label",
    "column_label",
    "problem_label",
    "language_switch",
    "tm",
    "escape_markdown",
]

LANGUAGES: dict[str, str] = {"sv": "Svenska", "en": "English"}
DEFAULT_LANGUAGE = "sv"
#: The session-state key of the language switch (also the query parameter name).
LANGUAGE_KEY = "lang"

EN: dict[str, str] = {
    # --- app frame ---------------------------------------------------------------------------------------------
    "app.title": "Partner network",
    "app.language": "Language",
    "app.language_help": "Choose the language of the dashboard. The data keeps its own language.",
    "app.data_caption": "Data: {path} · {entities} entities, {relations} relations · as of {date}",
    "app.data_caption_nodate": "Data: {path} · {entities} entities, {relations} relations",
    "app.problems_badge": "{errors} errors, {warnings} warnings in the data: see Overview → Data health",
    "app.share_hint": "Tip: the address in the browser bar opens this exact view, so you can send it by e-mail.",
    "app.failure": "Something went wrong and this step was stopped; nothing was saved. Try again, or tell the administrator the reference **{reference}** (it finds the details in the server log).",
    "page.overview": "Overview",
    "page.explore": "Explore the network",
    "page.directory": "Directory",
    "page.connections": "Connections",
    "page.help.overview": "Counts, the networks we belong to and the health of the data.",
    "page.help.explore": "An interactive picture of the network around one organisation, network or person.",
    "page.help.directory": "Searchable tables of everything in the directory, with a profile for each row.",
    "page.help.connections": "How are we connected to someone? The shortest ways between two entities.",
    # --- loading -----------------------------------------------------------------------------------------------
    "state.loading": "Reading the directory…",
    "state.source_error_title": "The directory could not be opened",
    "state.source_error": "The folder or workbook {path} could not be read.",
    "state.source_error_detail": "Details: {detail}",
    "state.source_error_fix": (
        "What to do: check that the folder exists and holds the CSV files (organisations.csv, networks.csv, …), "
        "or that the workbook is a .xlsx file that opens in Excel. To use another folder, start the dashboard "
        "with NETWORK_DATA=/path/to/folder. If a file is open in Excel, save it and reload this page."
    ),
    "state.read_error": "A file in {path} could not be read ({detail}). Close it in Excel, then reload the page.",
    "state.cache_refused.not-owner": (
        "The cache folder {folder} belongs to another user (user id {owner}), who could plant files in it, so the "
        "warm-start cache is off. The data is loaded from the files as usual, only slower."
    ),
    "state.cache_refused.symlink": (
        "The cache folder {folder} is a symbolic link, which another user could point elsewhere, so the warm-start "
        "cache is off. The data is loaded from the files as usual, only slower."
    ),
    "state.cache_refused.writable-by-others": (
        "The cache folder {folder} can be written by other users (permissions {mode}), so the warm-start cache is "
        "off. The data is loaded from the files as usual, only slower."
    ),
    "state.cache_refused.not-a-folder": (
        "The cache folder {folder} is not a folder, so the warm-start cache is off. The data is loaded from the "
        "files as usual, only slower."
    ),
    "state.cache_refused_fix": (
        "To fix it, the person who runs the dashboard removes {folder} (or makes it theirs alone: chmod 700) or sets "
        "{env} to a folder of their own, then restarts the dashboard."
    ),
    # --- query parameters --------------------------------------------------------------------------------------
    "url.ignored": "The link asked for {name} = “{value}”, which is not valid here, so it was ignored.",
    "url.ignored_title": "Part of the link could not be used",
    # --- shared widgets ----------------------------------------------------------------------------------------
    "picker.search_help": (
        "Type part of a name, acronym or id. Accents and capitals do not matter: “orebro” finds “Örebro”, and "
        "small typos are forgiven."
    ),
    "picker.placeholder": "Type a name, for example Orebro",
    "picker.choose": "Choose",
    "picker.choose_help": "The best matches for the search come first. Pick one to use it.",
    "picker.no_match": "Nothing matches “{query}”. Try fewer letters or another spelling.",
    "picker.current": "{name} ({kind})",
    "picker.none": "Nothing chosen yet: type a name in the search box above.",
    "filter.title": "Filters",
    "filter.all": "All",
    "filter.kinds": "Kinds",
    "filter.kinds_help": "Show only these kinds of entities. Leave empty to show all kinds.",
    "filter.relations": "Relation types",
    "filter.relations_help": "Follow only these kinds of relations. Leave empty to follow all of them.",
    "filter.countries": "Countries",
    "filter.countries_help": "Show only organisations in these countries (networks, projects and people are kept). "
                             "Leave empty for all countries.",
    "filter.themes": "Themes",
    "filter.themes_help": "Show only entities with at least one of these themes. Leave empty for all themes.",
    "filter.active": "Only relations active on",
    "filter.active_help": (
        "Hide relations that had not started yet or had already ended on this date. Leave empty to show "
        "relations from every period."
    ),
    "filter.cap": "Most nodes to draw",
    "filter.cap_help": (
        "Big pictures are slow to draw and hard to read. Above this number the picture keeps the focus and the "
        "best-connected entities."
    ),
    "filter.reset": "Reset filters",
    "filter.reset_help": "Show everything again: clear every filter on this page.",
    "filter.active_count": "{n} filters on",
    # --- overview ----------------------------------------------------------------------------------------------
    "overview.title": "Overview",
    "overview.intro": "What is in the directory, the networks we belong to, and what in the data needs attention.",
    "overview.counts": "In the directory",
    "overview.relations": "Relations",
    "overview.relations_help": "Links between entities: memberships, partnerships, employment, acquaintance.",
    "overview.kind_help": "Rows in {file} that loaded without errors.",
    "overview.home_networks": "Networks {home} belongs to",
    "overview.home_networks_none": (
        "No networks yet: add rows to relations.csv with source = {home_id}, relation = member_of and the "
        "network's id as target (add the network to networks.csv first)."
    ),
    "overview.no_home": (
        "No home organisation is set, so the dashboard cannot show “our” networks. Add a line "
        "home = \"your-organisation-id\" to directory.toml in the data folder."
    ),
    "overview.by_type": "By type",
    "overview.by_type_help": "How many of each type there are, for each kind.",
    "overview.by_country": "Organisations by country",
    "overview.by_country_none": "No organisations yet: add rows to organisations.csv.",
    "overview.empty": (
        "The directory is empty. Add rows to organisations.csv, networks.csv and the other files in {path} "
        "(see docs/data-format.md), then reload this page."
    ),
    "overview.count": "Count",
    "overview.type": "Type",
    "overview.kind": "Kind",
    "overview.country": "Country",
    "overview.health": "Data health",
    "overview.health_ok": "No problems found in the data. Well done!",
    "overview.health_summary": "{errors} errors (rows left out) and {warnings} warnings (rows loaded) were found.",
    "overview.health_help": (
        "Each problem names the file, the row as Excel shows it (the header is row 1) and the column, so you can "
        "find the cell and fix it. Rows with errors are left out until they are fixed."
    ),
    "overview.group_by": "Group problems by",
    "overview.group_by_help": "Show the problems grouped by what is wrong, or by the file they are in.",
    "overview.group.code": "What is wrong",
    "overview.group.file": "File",
    "overview.severity": "Severity",
    "overview.hidden_value": "(hidden: personal data)",
    "overview.hidden_message": (
        "A problem in a person's row. Its value is hidden because it may be personal data (an e-mail or phone "
        "number typed in the wrong column, for example); someone allowed to see contact details (an editor) sees "
        "it here and can fix the row."
    ),
    "overview.where": "Where (file:row:column)",
    "overview.file": "File",
    "overview.row": "Row",
    "overview.column": "Column",
    "overview.value": "Value",
    "overview.message": "What to do (in English)",
    "overview.problem_group": "{label}: {n}",
    "overview.verified": "Recently checked and out-of-date rows",
    "overview.verified_help": (
        "The verified column says when someone last checked a row. Rows not checked for {years} years are "
        "out of date: check them and set verified to today's date."
    ),
    "overview.recent": "Most recently checked",
    "overview.stale": "Out of date (not checked for {years} years)",
    "overview.stale_none": "No out-of-date rows: everything was checked within {years} years.",
    "overview.never": "{n} rows have never been checked (the verified column is empty).",
    "overview.recent_none": "No row has a verified date yet: fill in the verified column (YYYY-MM-DD).",
    "overview.name": "Name",
    "overview.verified_col": "Verified",
    "overview.source": "Where (file:row)",
    "overview.relation": "Relation",
    "overview.since": "Since",
    "overview.via": "Through",
    "overview.role": "Role",
    # --- explore -----------------------------------------------------------------------------------------------
    "explore.title": "Explore the network",
    "explore.intro": (
        "Pick an organisation, network, project or person to see who is around it. Drag to move, scroll to "
        "zoom, hover for details."
    ),
    "explore.focus": "Focus",
    "explore.focus_help": "The entity at the centre of the picture. It starts with the home organisation.",
    "explore.radius": "Steps from the focus",
    "explore.radius_help": (
        "1 shows direct relations only; 2 also the relations of those; 3 goes one step further (bigger pictures)."
    ),
    "explore.no_focus": "The directory has no entities yet: add rows to organisations.csv, then reload this page.",
    "explore.pick_focus": "Search for an entity above to see the network around it.",
    "explore.showing": "Showing {shown} of {total} nodes. {rule}",
    "explore.showing_all": "{shown} entities and {edges} relations in view.",
    "explore.trim_rule": "The focus is always kept; then the entities with the most relations are kept first.",
    "explore.empty": (
        "Only the focus is left: no relations pass the filters. Widen the filters (or reset them) or add more "
        "steps."
    ),
    "explore.drawing": "Drawing the network…",
    "explore.legend": "Legend",
    "explore.download": "Download PNG",
    "explore.download_help": "Save the picture as it is shown now, with its title, legend and date, as a PNG image "
                             "for a report or a presentation.",
    "explore.more_leaves": "{count} more linked to {name}",
    "explore.open_group": "Click to show them all.",
    "explore.failed": "The graph could not be drawn: its script did not load. Ask the administrator to turn on "
                      "server.enableStaticServing (it is on in the project's .streamlit/config.toml).",
    "explore.graph_hint": "Click an entity to see its profile; double-click it to put it in the centre.",
    "explore.legend_shape": "Colour and shape show the kind; bigger nodes have more relations; the focus is outlined.",
    "explore.profile_of": "Show the profile of",
    "explore.profile_of_help": (
        "Every entity in the picture. Pick one to see its profile here; the graph shows its name when you hover "
        "over it."
    ),
    "explore.refocus": "Put it in the centre",
    "explore.refocus_help": "Make this entity the focus of the picture.",
    "explore.unavailable": "The graph drawing is not available in this installation ({detail}).",
    "explore.graph_alt": "Network graph around {name}",
    # --- directory ---------------------------------------------------------------------------------------------
    "directory.title": "Directory",
    "directory.intro": (
        "Everything in the directory, one table per kind. Click a column header to sort, tick a row to open "
        "its profile."
    ),
    "directory.kind": "Show",
    "directory.kind_help": "Which table to show.",
    "directory.search": "Search in the table",
    "directory.search_help": (
        "Finds rows by name, acronym, city, id or theme. Accents and capitals do not matter (“orebro” finds "
        "“Örebro”)."
    ),
    "directory.search_placeholder": "For example: dance, Orebro, REVES",
    "directory.type_help": "Show only rows of these types. Leave empty for all.",
    "directory.rows": "{shown} of {total} rows",
    "directory.empty_kind": "No {kinds} yet: add rows to {file} in {path}, then reload this page.",
    "directory.no_rows": "No rows match. Clear the search or the filters above.",
    "directory.contacts": "Show contact details",
    "directory.contacts_help": (
        "People's e-mail addresses and phone numbers are personal data. Turn this on only when you need them, "
        "and do not copy them elsewhere."
    ),
    "directory.profile_of": "Open the profile of",
    "directory.profile_of_help": "Every row in the table above. Ticking a row in the table opens it too.",
    "directory.pick_row": "Tick a row in the table, or choose one above, to see its profile.",
    # --- connections -------------------------------------------------------------------------------------------
    "connections.title": "Connections",
    "connections.intro": (
        "How are we connected to someone? Pick two entities to see the shortest ways between them, as sentences "
        "and as a picture."
    ),
    "connections.from": "From",
    "connections.from_help": "Where the ways start. It starts with the home organisation.",
    "connections.to": "To",
    "connections.to_help": "The organisation, network, project or person you want to reach.",
    "connections.k": "How many ways",
    "connections.k_help": "Show up to this many of the shortest ways, shortest first.",
    "connections.pick_to": "Search for the entity you want to reach in the box “To”.",
    "connections.same": "From and To are the same entity: choose another one to reach.",
    "connections.none": (
        "There is no way from {source} to {target} in the directory. They may be connected in real life: add the "
        "relations you know to relations.csv."
    ),
    "connections.found": "{n} ways found, shortest first.",
    "connections.found_one": "1 way found.",
    "connections.way": "Way {i}: {steps} steps",
    "connections.way_one": "Way {i}: 1 step",
    "connections.reading": "Arrows show the direction of each relation as written in the data.",
    "connections.graph": "The ways as a picture",
    "connections.swap": "Swap",
    "connections.swap_help": "Swap From and To: start from the other end.",
    # --- profile -----------------------------------------------------------------------------------------------
    "profile.facts": "Facts",
    "profile.networks": "Networks",
    "profile.projects": "Projects",
    "profile.people": "People",
    "profile.organisations": "Organisations",
    "profile.programmes": "Programmes",
    "profile.project_partners": "Partners in the same projects",
    "profile.no_relations": "No relations recorded yet: add rows to relations.csv that name this id.",
    "profile.paths": "How {home} is connected to it",
    "profile.paths_none": "No way from {home} is recorded. Add relations to relations.csv to connect them.",
    "profile.is_home": "This is the home organisation.",
    "profile.provenance": "Source",
    "profile.reference": "Where the facts come from",
    "profile.verified": "Last checked",
    "profile.never_verified": "never (fill in the verified column)",
    "profile.hidden": "hidden (personal data)",
    "profile.stale": "more than {years} years ago: please check this row",
    "profile.row": "In the data",
    "profile.row_value": "{file}, row {row}",
    "profile.no_reference": "not given (fill in the reference column)",
    "profile.relation": "Relation",
    "profile.name": "Name",
    "profile.role": "Role",
    "profile.period": "Period",
    "profile.contacts_hidden": "Contact details are hidden. Turn on “Show contact details” to see them.",
    "profile.unknown": "“{id}” is not in the directory (any more). Choose another entity.",
    "profile.kind_line": "{kind} · {type}",
    # --- export ------------------------------------------------------------------------------------------------
    "export.title": "Export this view",
    "export.intro": (
        "Download the view as a picture for a report or slides (with title, legend, data date and source), or as "
        "data for Excel, Gephi or Cytoscape. Each file is made when you click its button."
    ),
    "export.nothing": "There is nothing in the view to export: choose a focus or widen the view first.",
    "export.contacts": "Include contact details",
    "export.contacts_help": (
        "Adds people's e-mail, phone and notes, and organisations' e-mail, to the data files (pictures never show "
        "them). This is personal data: include it only when the receiver needs it, and do not pass the file on."
    ),
    "export.hide_people": "Hide people",
    "export.hide_people_help": (
        "Leaves contact persons out of the pictures and files, for example for a public presentation. Without "
        "this, people are shown by name and role only."
    ),
    "export.width": "Picture width (pixels)",
    "export.width_help": (
        "The PNG's width in pixels; the height is three quarters of it. 2400 is sharp on slides. For print, the "
        "size in inches is the width divided by the DPI."
    ),
    "export.dpi": "Resolution (DPI)",
    "export.dpi_help": (
        "Dots per inch, stored in the PNG and used for the page size of SVG and PDF. Use 300 or more for print."
    ),
    "export.pictures": "Pictures",
    "export.data": "Data",
    "export.button.png": "PNG",
    "export.button.svg": "SVG",
    "export.button.pdf": "PDF",
    "export.button.html": "HTML",
    "export.button.graphml": "GraphML",
    "export.button.gexf": "GEXF",
    "export.button.xlsx": "Excel",
    "export.button.csv": "CSV",
    "export.help.png": "A picture with title, legend and caption, for Word, PowerPoint or a web page.",
    "export.help.svg": "A vector picture (text stays text), sharp at any size: for Inkscape, Illustrator, the web.",
    "export.help.pdf": "A vector PDF page, sharp in print and ready to attach to an application.",
    "export.help.html": "The interactive view as one file that opens offline in any browser, with search and tooltips.",
    "export.help.graphml": (
        "The network for Gephi, Cytoscape or yEd: entities with their kind and details, relations with their type."
    ),
    "export.help.gexf": "The network for Gephi, with the dashboard's colours, shapes and positions.",
    "export.help.xlsx": (
        "The rows of the entities in the view: one sheet per kind plus relations, in the same format as the "
        "import, so the workbook can be loaded again."
    ),
    "export.help.csv": "Every entity of the view in one table (UTF-8, separated by “{separator}”), for Excel.",
    "export.image_title": "{name}: the network within {radius} steps",
    "export.connections_title": "How {source} is connected to {target}",
    "export.caption": "Data as of {date} · source: {source}",
    "export.caption_nodate": "Source: {source}",
    "export.caption_trimmed": "showing {shown} of {total} entities",
    "export.kinds_heading": "Kinds",
    "export.relations_heading": "Relations",
    "export.empty": "Nothing to show: widen the view or clear some filters.",
    "export.search": "Search",
    "export.search_help": "Type part of a name: matching entities are selected and the view moves to the first.",
    "export.table_csv": "Download CSV",
    "export.table_csv_help": (
        "The rows and columns shown, as CSV (UTF-8, separated by “{separator}”) that Excel opens with å, ä, ö intact."
    ),
    "export.table_xlsx": "Download Excel",
    "export.table_xlsx_help": "The rows and columns shown, as an Excel workbook.",
    # --- kinds -------------------------------------------------------------------------------------------------
    "kind.organisation": "Organisation",
    "kind.network": "Network",
    "kind.project": "Project",
    "kind.programme": "Programme",
    "kind.person": "Person",
    "kinds.organisation": "Organisations",
    "kinds.network": "Networks",
    "kinds.project": "Projects",
    "kinds.programme": "Programmes",
    "kinds.person": "People",
    # --- relations (forward and inverse reading) ---------------------------------------------------------------
    "rel.member_of": "member of",
    "rel.works_at": "works at",
    "rel.represents": "represents",
    "rel.partner_in": "partner in",
    "rel.participates_in": "takes part in",
    "rel.funded_by": "funded by",
    "rel.collaborates_with": "collaborates with",
    "rel.knows": "knows",
    "rel.part_of": "part of",
    "rel.coordinates": "coordinates",
    "relinv.member_of": "has member",
    "relinv.works_at": "employs",
    "relinv.represents": "is represented by",
    "relinv.partner_in": "has partner",
    "relinv.participates_in": "has participant",
    "relinv.funded_by": "funds",
    "relinv.collaborates_with": "collaborates with",
    "relinv.knows": "knows",
    "relinv.part_of": "includes",
    "relinv.coordinates": "is coordinated by",
    # --- vocabulary values -------------------------------------------------------------------------------------
    "value.region": "region",
    "value.municipality": "municipality",
    "value.public-body": "public body",
    "value.eu-body": "EU body",
    "value.university": "university",
    "value.research-institute": "research institute",
    "value.school": "school",
    "value.cultural-institution": "cultural institution",
    "value.artist-residency": "artist residency",
    "value.museum": "museum",
    "value.theatre": "theatre",
    "value.library": "library",
    "value.ngo": "NGO",
    "value.association": "association",
    "value.foundation": "foundation",
    "value.social-enterprise": "social enterprise",
    "value.company": "company",
    "value.self-employed": "self-employed",
    "value.network-office": "network office",
    "value.other": "other",
    "value.expert-group": "expert group",
    "value.platform": "platform",
    "value.eu-office": "EU office",
    "value.informal": "informal network",
    "value.alliance": "alliance",
    "value.european": "European",
    "value.international": "international",
    "value.nordic": "Nordic",
    "value.national": "national",
    "value.regional": "regional",
    "value.local": "local",
    "value.idea": "idea",
    "value.in-preparation": "in preparation",
    "value.submitted": "submitted",
    "value.granted": "granted",
    "value.rejected": "rejected",
    "value.running": "running",
    "value.completed": "completed",
    "value.creative-europe": "Creative Europe",
    "value.erasmus-plus": "Erasmus+",
    "value.horizon-europe": "Horizon Europe",
    "value.interreg": "Interreg",
    "value.cerv": "CERV",
    "value.europe-for-citizens": "Europe for Citizens",
    "value.esf-plus": "ESF+",
    "value.coordinator": "coordinator",
    "value.partner": "partner",
    "value.associated": "associated partner",
    "value.excluded": "excluded",
    "value.not-counted": "may take part, not counted",
    # --- columns -----------------------------------------------------------------------------------------------
    "col.id": "Id",
    "col.name": "Name",
    "col.type": "Type",
    "col.source_type": "Type in the source",
    "col.country": "Country",
    "col.city": "City",
    "col.nuts": "NUTS region",
    "col.themes": "Themes",
    "col.website": "Website",
    "col.email": "E-mail",
    "col.description": "Description",
    "col.reference": "Source",
    "col.verified": "Verified",
    "col.scope": "Scope",
    "col.acronym": "Acronym",
    "col.aliases": "Other names",
    "col.pic": "PIC",
    "col.vat": "VAT number",
    "col.decision": "Decision",
    "col.name_a": "Name (a)",
    "col.name_b": "Name (b)",
    "col.decided": "Decided",
    "col.by": "By",
    "col.programme": "Programme",
    "col.status": "Status",
    "col.start": "Start",
    "col.end": "End",
    "col.budget_eur": "Budget (EUR)",
    "col.family": "Programme family",
    "col.min_partners": "Min. partners",
    "col.min_countries": "Min. countries",
    "col.min_eu_countries": "Min. EU countries",
    "col.max_months": "Max. months",
    "col.rule_note": "Consortium rule",
    "col.url": "Programme page",
    "col.organisation": "Organisation",
    "col.role": "Role",
    "col.phone": "Phone",
    "col.languages": "Languages",
    "col.notes": "Notes",
    "col.source": "Source",
    "col.relation": "Relation",
    "col.target": "Target",
    "col.since": "Since",
    "col.until": "Until",
    "col.note": "Note",
    "col.kind": "Kind",
    "col.founded": "Founded",
    "col.call": "Call",
    "col.min_eu_partners": "Min. partners in the EU",
    "col.eligible_group": "Eligible countries",
    "col.outside_countries": "Partners from other countries",
    "col.partner_types": "Who may be a partner",
    "col.coordinator_types": "Who may coordinate",
    "col.coordinator_group": "Coordinator's countries",
    "col.coordinator_min_age_years": "Coordinator's minimum age (years)",
    "col.counted_roles": "Roles that count",
    # --- problem codes -----------------------------------------------------------------------------------------
    "problem.error": "error",
    "problem.warning": "warning",
    "problem.bad-config": "directory.toml cannot be read",
    "problem.bad-country": "Country codes that are not valid",
    "problem.bad-date": "Dates that are not dates",
    "problem.bad-email": "E-mail addresses that are not valid",
    "problem.bad-id": "Ids that are not valid",
    "problem.bad-number": "Numbers that are not numbers",
    "problem.bad-url": "Web addresses that are not valid",
    "problem.date-order": "End dates before start dates",
    "problem.duplicate-id": "The same id used twice",
    "problem.duplicate-relation": "The same relation written twice",
    "problem.extra-cells": "Rows with too many cells",
    "problem.missing-column": "Required columns that are missing",
    "problem.missing-value": "Required cells that are empty",
    "problem.near-duplicate": "Organisations that may be duplicates",
    "problem.relation-not-allowed": "Relations that cannot join these kinds",
    "problem.self-relation": "Relations from an entity to itself",
    "problem.stale": "Rows not checked for a long time",
    "problem.too-large": "Sheets too large to read",
    "problem.outside-link": "Links to files outside the data folder (not read)",
    "problem.unknown-column": "Unknown columns (ignored)",
    "problem.unknown-file": "Unknown files (ignored)",
    "problem.unknown-home": "The home organisation is not in the directory",
    "problem.unknown-id": "References to ids that do not exist",
    "problem.unknown-value": "Values that are not in the list",
    "problem.unknown-group": "Country groups that do not exist",
    "problem.other": "Other problems",

    # --- partners (the partner finder and the consortium builder) -----------------------------------------------
    "page.partners": "Partners and consortium",
    "page.help.partners": "Find partners for an application and check the consortium against the call's rule.",
    "partners.title": "Partners for an application",
    "partners.intro": (
        "Choose the call, describe what you look for, and get organisations ranked with the reasons in words. Add "
        "them to the consortium: it is checked against the call's rule as you go."
    ),
    "partners.no_rules": (
        "No programme in the data has a consortium rule yet. Add the rule's columns (min_partners, min_countries, "
        "eligible_group ...) to programmes.csv; see the data format."
    ),
    "partners.programme": "Call",
    "partners.programme_help": "The programme and call type. Its rule decides which countries are eligible and what "
                               "the consortium needs.",
    "partners.rule_call": "Rule read from: {call}",
    "partners.rule_call_missing": "the call is not recorded",
    "partners.rule_source": "source: {link}",
    "partners.rule_checked": "checked {date}",
    "partners.rule_group": "Eligible countries ({group}): {countries}.",
    "partners.rule_decides": "Rules change from call to call: the official call text decides. Check the rule there "
                             "before you apply.",
    "partners.section": "Part of the page",
    "partners.section_help": "Find partners, or build and check the consortium.",
    "partners.section.find": "Find partners",
    "partners.section.consortium": "Consortium and check",
    "partners.in_consortium": "Members in the consortium: {n}.",
    "partners.themes": "Themes",
    "partners.themes_help": "Theme tags from the directory. Organisations that work on them rank first.",
    "partners.themes_any": "Any theme",
    "partners.text": "Or describe it in words",
    "partners.text_help": "Free text, several themes separated by commas (contemporary dance, youth). Capitals and "
                          "accents do not matter; related tags count half.",
    "partners.text_placeholder": "For example: dance, children",
    "partners.countries": "Countries",
    "partners.countries_help": "Only these countries. Leave empty for any country the call allows.",
    "partners.countries_any": "Any eligible country",
    "partners.types": "Types of organisation",
    "partners.types_help": "Only these types of organisation. Leave empty for all types.",
    "partners.top": "How many suggestions",
    "partners.top_help": "The number of organisations to show, best first.",
    "partners.flag": "Show ineligible ones too",
    "partners.flag_help": "Also list organisations the call does not allow, marked and after the others.",
    "partners.any": "Also without a matching theme",
    "partners.any_help": "With themes chosen, list organisations that match none of them too (they rank lower).",
    "partners.weights": "Weighting",
    "partners.weights_help": (
        "How much each part counts in the score (0 switches it off). The score is the weighted average of the "
        "parts, from 0 to 100; ties are broken by id, so the same choices always give the same list."
    ),
    "partners.weight.theme": "Theme match",
    "partners.weight.programme": "Earlier projects in the programme",
    "partners.weight.networks": "Shared networks",
    "partners.weight.reach": "How we can reach them",
    "partners.weight.recency": "Recent contact",
    "partners.weight.new_country": "New country for the consortium",
    "partners.weight_help.theme": "1 for each chosen theme the organisation has, ½ for a related tag; averaged.",
    "partners.weight_help.programme": "Funded projects of the same programme it was a partner in (2 or more: full).",
    "partners.weight_help.networks": "Networks it shares with us (2 or more: full).",
    "partners.weight_help.reach": "Directly linked: full; 2 steps: ⅔; 3 steps: ⅓; further: nothing.",
    "partners.weight_help.recency": "The newest date on it or its relations: within a year full, then less; none: "
                                    "nothing.",
    "partners.weight_help.new_country": "Full when its country is not in the consortium yet.",
    "partners.weights_reset": "Default weights",
    "partners.weights_reset_help": "Put every weight back to its default.",
    "partners.no_home": "The directory has no home organisation (directory.toml, home), so the reach and shared "
                        "networks parts are zero.",
    "partners.none_found": "No organisation matches. Choose fewer filters, other themes, or tick “Also without a "
                           "matching theme”.",
    "partners.found": "{n} suggestions, best first.",
    "partners.candidate": "**{rank}. {name}** · {type} · {country}",
    "partners.score": "Score",
    "partners.score_help": "0–100: the weighted average of the parts (see Weighting).",
    "partners.add": "Add as partner",
    "partners.add_help": "Put it in the consortium as a partner (it counts toward the minimums).",
    "partners.add_associated": "Add as associated",
    "partners.add_associated_help": "Put it in the consortium as an associated partner (it does not count toward "
                                    "the minimums where the call says so).",
    "partners.members_title": "The consortium",
    "partners.empty": "The consortium is empty. Add organisations from the suggestions or search below.",
    "partners.member": "**{name}** · {type} · {country}",
    "partners.not_counted": "does not count",
    "partners.role": "Role",
    "partners.role_help": "Coordinator (one per consortium), partner, or associated partner.",
    "partners.remove": "Remove",
    "partners.remove_help": "Take it out of the consortium.",
    "partners.add_title": "Add an organisation",
    "partners.pick": "Organisation",
    "partners.pick_help": "Any organisation in the directory.",
    "partners.add_member": "Add to the consortium",
    "partners.add_member_help": "Add the chosen organisation with the chosen role.",
    "partners.check_title": "Does it meet the rule?",
    "partners.check_empty": "Add organisations to see the check.",
    "partners.eligible": "The consortium meets every requirement of the rule as recorded. The official call text "
                         "decides.",
    "partners.not_eligible": "{n} requirement(s) not met yet. What is missing is under each one.",
    "partners.status.met": "Met",
    "partners.status.not-met": "Not met",
    "partners.status.unknown": "Check",
    "partners.status.info": "Note",
    "partners.suggestion": "Add {name} ({country}, score {score})",
    "partners.suggestion_help": "A suggestion from the partner finder that would help meet this requirement.",
    "partners.graph": "How we know the partners",
    "partners.graph_help": "The consortium and the shortest way from us to each member (highlighted).",
    "partners.export_title": "Consortium: {programme}",
    "partners.col.role": "Role",
    "partners.col.name": "Name",
    "partners.col.type": "Type",
    "partners.col.country": "Country",
    "partners.col.city": "City",
    "partners.col.counts": "Counts",
    "partners.col.how_we_know": "How we know them",
    "partners.counts.yes": "yes",
    "partners.counts.no": "no",
    "partners.file_name": "consortium",
    "partners.save_title": "Save as a project",
    "partners.save_intro": "Saves a project with status “in preparation” and a partner relation per member, through "
                           "the normal save (with a backup and the change log).",
    "partners.save_name": "Project name",
    "partners.save_name_help": "A working title is fine; you can change it later.",
    "partners.save_id": "Id (optional)",
    "partners.save_id_help": "Leave empty to make one from the name.",
    "partners.save": "Save the project",
    "partners.save_help": "Write the project and its partners to the directory's files.",
    "partners.saved": "Saved as project {id}. The page shows it after the next reload.",
    "partners.save_conflict": "Someone saved the files after this page loaded them, so nothing was written. Reload "
                              "the page (the consortium stays in the link) and save again.",
    "partners.save_refused": "The project could not be saved: {detail}",
    "partners.save_readonly": "This directory is a workbook, which the dashboard does not write. Download the rows "
                              "below and add them in Excel, or convert the workbook to a folder.",
    "partners.draft_name": "Application: {programme}",
    "partners.rows_project": "Project row (CSV)",
    "partners.rows_relations": "Partner rows (CSV)",
    "partners.rows_help": "The rows to paste into projects.csv and relations.csv by hand.",
    # --- edit (network/editing.py, network/storage.py) ----------------------------------------------------------
    "page.edit": "Edit",
    "page.help.edit": "Add, change and delete organisations, networks, projects, people and relations; restore backups.",
    "edit.intro": (
        "Changes are checked with the same rules as loading: a change with errors is not saved, and the message "
        "is shown at the field. Every save keeps a backup of the previous files and is written to the change log."
    ),
    "edit.workbook": (
        "The directory is an Excel workbook ({path}), which the dashboard does not overwrite (its formatting and "
        "other sheets would be lost). To edit here, convert it once to a folder of CSV files with "
        "“python -m network convert {path} FOLDER” and start the dashboard with NETWORK_DATA=FOLDER."
    ),
    "edit.section": "What to edit",
    "edit.section_help": "One entity with a form, its relations, a whole table at once, or the backups and history.",
    "edit.section.entity": "One entity",
    "edit.section.relation": "Relations",
    "edit.section.table": "Whole table",
    "edit.section.history": "Backups and history",
    "edit.kind": "Kind",
    "edit.kind_help": "Which kind of entity to add or change.",
    "edit.mode": "Action",
    "edit.mode_help": "Change (or delete) an existing entity, or add a new one.",
    "edit.mode.change": "Change or delete",
    "edit.mode.add": "Add new",
    "edit.pick": "Find the {kind}",
    "edit.pick_help": "Type part of the name; accents and capitals do not matter.",
    "edit.pick_first": "Search above for the {kind} to change, or choose “Add new”.",
    "edit.gone": "{id} is not in the files any more: someone may have renamed or deleted it. Search again.",
    "edit.empty_choice": "(empty)",
    "edit.id_help": "Changing the id renames the entity everywhere: its relations and references follow.",
    "edit.save": "Save",
    "edit.add": "Add",
    "edit.save_help": "Check the change and save it. Nothing is written if it has errors.",
    "edit.nothing_changed": "Nothing was changed, so nothing was saved.",
    "edit.saved": "Saved: {summary}. The previous files are kept as a backup.",
    "edit.saved_warnings": "Note: {count} warnings about the saved row; see Overview → Data health.",
    "edit.save_failed": "The change could not be saved: {detail}",
    "edit.refused": "Not saved: the change has errors. Correct the fields marked below and save again.",
    "edit.refused_elsewhere": "The change would also cause these errors elsewhere:",
    "edit.row": "row",
    "edit.conflict_title": "Someone else saved first",
    "edit.conflict_kept": (
        "The files changed after you opened them, so your change was not saved and nothing of theirs was "
        "overwritten. Your change is kept: {summary}. Apply it to the current version (it is checked again) or "
        "discard it."
    ),
    "edit.conflict_apply": "Apply my change to the current version",
    "edit.conflict_apply_help": "Make your change again on the files as they are now, check it and save it.",
    "edit.conflict_discard": "Discard my change",
    "edit.conflict_discard_help": "Forget your change and keep the current version.",
    "edit.conflict_gone": "Your change could not be applied to the current version: {detail}",
    "edit.delete_title": "Delete this {kind}",
    "edit.delete_effects": "Deleting {name} also changes:",
    "edit.delete_nothing_else": "Nothing else changes: it has no relations and nothing refers to it.",
    "edit.delete_confirm": "Yes, delete {name} and the {count} changes listed",
    "edit.delete_confirm_help": "Tick to confirm. A backup is kept, so a deletion can be undone under Backups and history.",
    "edit.delete": "Delete",
    "edit.delete_help": "Delete after confirming above.",
    "edit.rel.pick": "Whose relations",
    "edit.rel.pick_help": "Search for the organisation, network, project, programme or person whose relations to edit.",
    "edit.rel.pick_first": "Search above for the entity whose relations you want to change or add.",
    "edit.rel.derived_note": (
        "Employment (a person's organisation) and funding (a project's programme) are set in that person's or "
        "project's own form."
    ),
    "edit.rel.choose": "Relation to change",
    "edit.rel.choose_help": "The relations written in relations.csv that start or end here.",
    "edit.rel.none": "{name} has no relations in relations.csv yet. Add one below.",
    "edit.rel.change_title": "Change this relation",
    "edit.rel.delete_confirm": "Yes, delete this relation",
    "edit.rel.delete": "Delete relation",
    "edit.rel.add_title": "Add a relation for {name}",
    "edit.rel.target": "The other end",
    "edit.rel.target_help": "Search for the entity the relation joins; the list of types then offers only those that fit.",
    "edit.rel.target_first": "Choose the other end of the relation first.",
    "edit.rel.type_help": "The kind of relation. The direction is worked out from the two kinds.",
    "edit.grid.table": "Table",
    "edit.grid.table_help": "The file to edit as a table.",
    "edit.grid.relations": "Relations",
    "edit.grid.filter": "Show rows containing",
    "edit.grid.filter_help": "Only rows with this text in any cell; use it to find rows in a large table.",
    "edit.grid.shown": "Showing {shown} of {total} rows.",
    "edit.grid.help": (
        "Edit cells directly, add rows at the bottom, select rows and press the bin to delete them. Nothing is "
        "saved until you press Save changes."
    ),
    "edit.grid.save": "Save changes",
    "edit.grid.save_help": "Check all changes in the table together and save them, or none if any has errors.",
    "edit.grid.nothing": "There are no changes in the table to save.",
    "edit.history.backups": "Backups",
    "edit.history.none": "No backups yet: the first save makes one.",
    "edit.history.choose": "Backup to restore",
    "edit.history.choose_help": "Each backup holds the files as they were before the save listed.",
    "edit.history.restore_confirm": "Yes, make the files exactly what they were then",
    "edit.history.restore_confirm_help": "The current files are kept as a new backup, so a restore can be undone too.",
    "edit.history.restore": "Restore",
    "edit.history.restore_help": "Put back the chosen backup, byte for byte.",
    "edit.history.restored": "Restored the backup {when}. The files before the restore are kept as a new backup.",
    "edit.history.log": "Change log",
    "edit.history.log_empty": "No changes have been saved from the dashboard or the importer yet.",
    "edit.col.when": "When",
    "edit.col.who": "Who",
    "edit.col.what": "What",
    "edit.col.action": "Action",
    "edit.col.size": "Size",
    "edit.unknown_user": "unknown",
    "edit.open": "Edit this",
    "edit.open_help": "Open this entity's form on the Edit page: change, rename or delete it.",
    # --- import (network/importing.py) -------------------------------------------------------------------------
    "page.import": "Import",
    "page.help.import": "Import a list from elsewhere (keep.eu, CORDIS, a network's members) with a preview first.",
    "page.matches": "Matches",
    "page.help.matches": "Pairs of rows that may be the same organisation, network or project: merge them, or say they are not the same.",
    "matches.kind": "Compare",
    "matches.kind_help": "Which rows to look for duplicates among: organisations, networks or projects.",
    "matches.min_score": "Lowest score shown",
    "matches.min_score_help": "Pairs scoring at least this (0 to 1) are shown. 0.95 or more is almost certainly the same; lower it to see weaker candidates.",
    "matches.working": "Looking for pairs …",
    "matches.empty": "No pairs to review: nothing looks like a duplicate at this score. Lower the lowest score to see weaker candidates, or import more data first (Import page).",
    "matches.empty_later": "Every pair left is one you put off with Later. Show them again to decide.",
    "matches.show_later": "Show the pairs put off",
    "matches.show_later_help": "Bring back the pairs you chose Later for in this session.",
    "matches.count": "{count} pair(s) to review, best first ({later} put off for later).",
    "matches.score": "Score",
    "matches.score_help": "How sure the tool is that the two are the same, from 0 to 1, with the reasons below.",
    "matches.auto": "**Very likely the same** (an import would merge this pair automatically).",
    "matches.review": "**Possibly the same**: compare the two and decide.",
    "matches.col.field": "Field",
    "matches.col.value": "Value",
    "matches.keep": "Keep",
    "matches.keep_help": "The row that stays: the other one is merged into it. Its empty fields are filled from the other, the other's name becomes an alias, and all relations move to it.",
    "matches.merge": "Merge",
    "matches.merge_help": "Merge the two rows into the one chosen under Keep. A backup is made and the change is logged; it can be undone from Edit → History.",
    "matches.different": "Not the same",
    "matches.different_help": "Record that these are different organisations: the pair is never suggested again (saved in matches.csv).",
    "matches.later": "Later",
    "matches.later_help": "Skip this pair for now (only in this session); nothing is saved.",
    "matches.merge_refused": "The merge was refused; nothing was saved. Fix these problems first:",
    "matches.merge_failed": "The change could not be saved: {detail}",
    "matches.conflict": "Someone else saved the files in the meantime; nothing was saved. The page now shows their version: decide again.",
    "matches.rejected": "Recorded that '{a}' and '{b}' are not the same; the pair will not be suggested again.",
    "matches.reason.same-pic": "same PIC {pic}",
    "matches.reason.same-vat": "same VAT number {vat}",
    "matches.reason.same-name": "same name",
    "matches.reason.place-kind-differs": "one is a {a} body, the other a {b} one",
    "matches.reason.legal-form": "same name after removing the legal form '{form}'",
    "matches.reason.place-pattern": "same name after removing '{pattern}'",
    "matches.reason.same-word": "same words in another language ({words})",
    "matches.reason.transliteration": "same name apart from accents and spelling (ä = ae, ö = oe …)",
    "matches.reason.acronym-removed": "same name apart from the acronym {acronym}",
    "matches.reason.same-normalised-name": "same name after normalisation",
    "matches.reason.same-acronym": "same acronym {acronym} and similar names",
    "matches.reason.acronym": "'{acronym}' is the acronym of the other name",
    "matches.reason.part-of-name": "'{part}' is one part of the other name (a department, or the same body under a longer name)",
    "matches.reason.same-letters": "same name apart from spaces and punctuation",
    "matches.reason.extra-city": "same name apart from the city's name",
    "matches.reason.extra-generic-word": "same name apart from {words}",
    "matches.reason.extra-words": "one name adds {words}: perhaps a department or another body",
    "matches.reason.similar-name": "similar names ({similarity} % alike)",
    "matches.reason.no-names": "no names to compare",
    "matches.reason.different-country": "different countries ({a}, {b})",
    "matches.reason.different-pic": "different PICs ({a}, {b})",
    "matches.reason.different-vat": "different VAT numbers",
    "matches.reason.same-domain": "same website domain ({domain})",
    "matches.reason.different-city": "different cities ({a}, {b})",
    "matches.reason.different-type": "different types ({a}, {b})",
    "import.intro": (
        "Import another organisation's list: each row one organisation and the project or network it belongs to. "
        "Nothing is written until you press Import; existing organisations are matched by name and country."
    ),
    "import.upload": "The list to import",
    "import.upload_help": (
        "CSV (any encoding, separated by , or ; or tab), CSV.gz or Excel .xlsx, up to {limit} MB. Larger files: "
        "python -m network import FILE --mapping MAPPING.toml"
    ),
    "import.too_large": (
        "The file is {size} MB; the limit here is {limit} MB. Import it with the command line: "
        "python -m network import FILE --mapping MAPPING.toml"
    ),
    "import.empty": (
        "Upload the list to import. You then say which columns hold the organisation, the project or network "
        "and the role, see a preview of what would change, and import."
    ),
    "import.sheet": "Sheet",
    "import.sheet_help": "The sheet of the workbook that holds the list.",
    "import.read_error": "The file could not be read: {detail}",
    "import.rows": "{rows} rows, {columns} columns. The first rows:",
    "import.mapping": "How the columns are used",
    "import.mapping_help": (
        "Pick the columns here (guessed from the headers), upload a mapping file, or use one that comes with the "
        "tool (keep.eu, CORDIS)."
    ),
    "import.mapping.pick": "Pick columns",
    "import.mapping.file": "Upload a mapping file",
    "import.mapping.shipped": "Ready-made mapping",
    "import.mapping_file": "Mapping file (.toml)",
    "import.mapping_file_help": "A TOML file as described in docs/editing.md; see mappings/ for examples.",
    "import.mapping_file_empty": "Upload the mapping file, or pick the columns instead.",
    "import.shipped": "Mapping",
    "import.shipped_help": "The mapping files in the project's mappings/ folder.",
    "import.shipped_none": "There are no ready-made mappings in mappings/.",
    "import.mapping_download": "Download this mapping",
    "import.mapping_download_help": "Save the choices as a mapping file, to import the next list the same way.",
    "import.mapping_error": "The mapping cannot be used: {detail}",
    "import.kind": "Each row is a member of",
    "import.kind_help": "Partners of projects (keep.eu, CORDIS) or members of a network.",
    "import.kind.project": "a project",
    "import.kind.network": "a network",
    "import.none": "(not in the file)",
    "import.field.organisation.name": "Organisation's name",
    "import.field.organisation.country": "Country",
    "import.field.organisation.city": "City",
    "import.field.organisation.type": "Type of organisation",
    "import.field.organisation.website": "Website",
    "import.field.group.name": "Project or network name",
    "import.field.group.key": "Columns that identify the project or network",
    "import.field.group.programme": "Programme",
    "import.field.relation.role": "Role",
    "import.field.relation.since": "Member since",
    "import.field_help.organisation.name": "The column with the organisation's name (required).",
    "import.field_help.organisation.country": (
        "The column with the country (required): codes such as SE, EL, UK or names such as "
        "“DE Germany / DEUTSCHLAND” are understood."
    ),
    "import.field_help.organisation.city": "The column with the city or town.",
    "import.field_help.organisation.type": (
        "The column with the kind of organisation. Sources' words are understood (Regional public authority, "
        "SME, HES, City, Kommun, Comune …); unknown values become “other” and are listed in the preview."
    ),
    "import.field_help.organisation.website": "The column with the organisation's web address.",
    "import.field_help.group.name": "The column with the project's or network's name (required).",
    "import.field_help.group.key": (
        "If a name repeats (the same acronym in two programmes), choose several columns: together they identify it."
    ),
    "import.field_help.group.programme": "The column with the funding programme; new programmes are created.",
    "import.field_help.relation.role": "The column with the role, translated with the role values below.",
    "import.field_help.relation.since": "The column with the year or date the membership began.",
    "import.field.relation.ended": "Membership status",
    "import.field_help.relation.ended": (
        "The column that says whether a membership has ended (“Former Member”, former, ended, yes): such a "
        "membership gets an end date (until) and is no longer counted as current."
    ),
    "import.update": "Fill in existing rows",
    "import.update_help": (
        "Also fill empty fields of organisations, projects and relations that are already in the directory, and "
        "replace made-up names such as “PIC 999999999” or a project named by its acronym. Fields that are filled "
        "and differ from the file are only listed."
    ),
    "import.match": "Find the same organisation under another name",
    "import.match_help": (
        "Organisations in the file that have no exact match (same id, or same name and country) are compared with "
        "the directory's: spelling, accents, legal forms (AB, GmbH, UAB), “City of”, words in other languages. "
        "Automatic: when matching is sure (score 0.95 or more), the file's row is taken as the existing "
        "organisation; weaker candidates are added as new and listed for review. Only list: nothing is taken "
        "automatically. Off: exact names only."
    ),
    "import.match.auto": "Automatic, and list the uncertain ones",
    "import.match.review": "Only list candidates",
    "import.match.off": "Off (exact names only)",
    "import.metric.auto_matched": "Taken as existing",
    "import.metric.auto_matched_help": (
        "Organisations in the file that matching was sure are already in the directory under another name."
    ),
    "import.matches": "Organisations that may already be in the directory",
    "import.matches_help": (
        "“Taken as existing” rows join the existing organisation. The others were added as new: review them on "
        "the Matches page (merge, or mark as not the same)."
    ),
    "import.col.name": "Name in the file",
    "import.col.candidate": "In the directory",
    "import.col.score": "Score",
    "import.col.why": "Why",
    "import.col.taken": "Taken as existing",
    "import.overwrite": "Replace values that differ",
    "import.overwrite_help": "With “Fill in existing rows”: also replace filled fields with the file's values.",
    "import.metric.filled": "Fields to fill",
    "import.metric.filled_help": "Empty fields (or made-up names) of existing rows that the file fills.",
    "import.metric.differing": "Fields that differ",
    "import.metric.differing_help": "Filled fields of existing rows where the file says something else (listed below).",
    "import.metric.updated": "Existing rows updated",
    "import.metric.updated_help": "Rows already in the directory that get at least one value from the file.",
    "import.metric.unmapped": "Unknown types",
    "import.metric.unmapped_help": (
        "Rows whose type of organisation is not a known word: stored as “other”, the word kept in source_type."
    ),
    "import.could_fill": (
        "The file could fill {filled} empty fields of rows that already exist. Tick “Fill in existing rows” and "
        "preview again to fill them."
    ),
    "import.unmapped": (
        "Types of organisation the tool does not know (stored as “other”; the word is kept in source_type)"
    ),
    "import.differences": (
        "Filled fields where the file says something else (kept unless “Replace values that differ”)"
    ),
    "import.refused": "Rows not used to fill existing rows, because the result would have an error",
    "import.col.field": "Field",
    "import.col.value": "Value",
    "import.col.count": "Rows",
    "import.col.file": "File",
    "import.col.id": "Id",
    "import.col.column": "Column",
    "import.col.directory": "In the directory",
    "import.col.source": "In the file",
    "import.col.source_row": "Row in the file",
    "import.relation_type": "Relation",
    "import.relation_type_help": "What each row says about the organisation and the project or network.",
    "import.role_map": "Role values",
    "import.role_map_help": (
        "One per line: a value in the role column = coordinator, partner or associated. Example: Yes = coordinator."
    ),
    "import.lookup": "File for the lookup “{name}” ({file})",
    "import.lookup_help": "The mapping joins this file (for example organisation names by PIC). Without it, those fields stay empty.",
    "import.preview": "Preview",
    "import.preview_help": "Work out what would change, without writing anything.",
    "import.previewing": "Working out what would change…",
    "import.previewed": "Preview ready",
    "import.failed": "The preview failed",
    "import.step.read": "Reading",
    "import.step.map": "Matching organisations and projects",
    "import.step.validate": "Checking like loading",
    "import.step.done": "Done",
    "import.metric.rows": "Rows read",
    "import.metric.rows_help": "Rows in the file, without the header.",
    "import.metric.imported": "Rows imported",
    "import.metric.imported_help": "Rows that add something or are already in the directory.",
    "import.metric.skipped": "Rows skipped",
    "import.metric.skipped_help": "Rows that cannot be imported; the table below says why.",
    "import.metric.duplicates": "Duplicate rows merged",
    "import.metric.duplicates_help": "Rows that repeat a relation given by an earlier row.",
    "import.metric.orgs_new": "New organisations",
    "import.metric.orgs_new_help": "Organisations not yet in the directory.",
    "import.metric.orgs_matched": "Organisations matched",
    "import.metric.orgs_matched_help": (
        "Already in the directory (same name and country, or the same id): changed only with “Fill in existing rows”."
    ),
    "import.metric.groups_new": "New projects or networks",
    "import.metric.groups_new_help": "Projects or networks not yet in the directory.",
    "import.metric.relations_new": "New relations",
    "import.metric.relations_new_help": "Relations not yet in relations.csv.",
    "import.skipped_rows": "Skipped rows",
    "import.col.row": "Row",
    "import.col.reason": "Why",
    "import.report": "Full report",
    "import.nothing": "Nothing to import: the directory already has everything in this file.",
    "import.stale_preview": "The file or the mapping changed after the preview: press Preview again.",
    "import.commit": "Import",
    "import.commit_help": "Write the previewed changes (with a backup and a change-log entry).",
    "import.committed": "Imported: {created} new rows. The previous files are kept as a backup (Edit → Backups and history).",
    "import.conflict": "The directory changed after the preview (someone saved). Nothing was imported: press Preview again.",
}

SV: dict[str, str] = {
    # --- app frame ---------------------------------------------------------------------------------------------
    "app.title": "Partnernätverk",
    "app.language": "Språk",
    "app.language_help": "Välj språk för översikten. Uppgifterna behåller sitt eget språk.",
    "app.data_caption": "Data: {path} · {entities} poster, {relations} relationer · per {date}",
    "app.data_caption_nodate": "Data: {path} · {entities} poster, {relations} relationer",
    "app.problems_badge": "{errors} fel och {warnings} varningar i uppgifterna: se Översikt → Datakvalitet",
    "app.share_hint": "Tips: adressen i webbläsarens adressfält öppnar exakt den här vyn, så du kan skicka den med e-post.",
    "app.failure": "Något gick fel och det här steget avbröts; inget sparades. Försök igen, eller ge administratören referensen **{reference}** (den hittar detaljerna i serverns logg).",
    "page.overview": "Översikt",
    "page.explore": "Utforska nätverket",
    "page.directory": "Katalog",
    "page.connections": "Kopplingar",
    "page.help.overview": "Antal, nätverken vi är med i och uppgifternas kvalitet.",
    "page.help.explore": "En interaktiv bild av nätverket kring en organisation, ett nätverk eller en person.",
    "page.help.directory": "Sökbara tabeller över allt i katalogen, med en profil för varje rad.",
    "page.help.connections": "Hur är vi kopplade till någon? De kortaste vägarna mellan två poster.",
    # --- loading -----------------------------------------------------------------------------------------------
    "state.loading": "Läser katalogen…",
    "state.source_error_title": "Katalogen gick inte att öppna",
    "state.source_error": "Mappen eller arbetsboken {path} gick inte att läsa.",
    "state.source_error_detail": "Detaljer: {detail}",
    "state.source_error_fix": (
        "Gör så här: kontrollera att mappen finns och innehåller CSV-filerna (organisations.csv, networks.csv, …), "
        "eller att arbetsboken är en .xlsx-fil som går att öppna i Excel. Vill du använda en annan mapp, starta "
        "översikten med NETWORK_DATA=/sökväg/till/mappen. Är en fil öppen i Excel: spara den och ladda om sidan."
    ),
    "state.read_error": "En fil i {path} gick inte att läsa ({detail}). Stäng den i Excel och ladda om sidan.",
    "state.cache_refused.not-owner": (
        "Cachemappen {folder} tillhör en annan användare (användar-id {owner}), som skulle kunna lägga filer där, så "
        "snabbstartscachen är avstängd. Uppgifterna läses från filerna som vanligt, bara långsammare."
    ),
    "state.cache_refused.symlink": (
        "Cachemappen {folder} är en symbolisk länk, som en annan användare skulle kunna peka någon annanstans, så "
        "snabbstartscachen är avstängd. Uppgifterna läses från filerna som vanligt, bara långsammare."
    ),
    "state.cache_refused.writable-by-others": (
        "Cachemappen {folder} kan skrivas av andra användare (behörighet {mode}), så snabbstartscachen är avstängd. "
        "Uppgifterna läses från filerna som vanligt, bara långsammare."
    ),
    "state.cache_refused.not-a-folder": (
        "Cachemappen {folder} är inte en mapp, så snabbstartscachen är avstängd. Uppgifterna läses från filerna som "
        "vanligt, bara långsammare."
    ),
    "state.cache_refused_fix": (
        "Åtgärd: den som kör instrumentpanelen tar bort {folder} (eller gör den till sin egen: chmod 700) eller sätter "
        "{env} till en egen mapp och startar sedan om instrumentpanelen."
    ),
    # --- query parameters --------------------------------------------------------------------------------------
    "url.ignored": "Länken angav {name} = ”{value}”, som inte är giltigt här, så det ignorerades.",
    "url.ignored_title": "En del av länken kunde inte användas",
    # --- shared widgets ----------------------------------------------------------------------------------------
    "picker.search_help": (
        "Skriv en del av ett namn, en förkortning eller ett id. Accenter och versaler spelar ingen roll: "
        "”orebro” hittar ”Örebro”, och små stavfel förlåts."
    ),
    "picker.placeholder": "Skriv ett namn, till exempel Orebro",
    "picker.choose": "Välj",
    "picker.choose_help": "De bästa träffarna för sökningen kommer först. Välj en för att använda den.",
    "picker.no_match": "Inget matchar ”{query}”. Prova färre bokstäver eller en annan stavning.",
    "picker.current": "{name} ({kind})",
    "picker.none": "Inget valt än: skriv ett namn i sökrutan ovan.",
    "filter.title": "Filter",
    "filter.all": "Alla",
    "filter.kinds": "Slag",
    "filter.kinds_help": "Visa bara dessa slags poster. Lämna tomt för att visa alla.",
    "filter.relations": "Relationstyper",
    "filter.relations_help": "Följ bara dessa slags relationer. Lämna tomt för att följa alla.",
    "filter.countries": "Länder",
    "filter.countries_help": "Visa bara organisationer i dessa länder (nätverk, projekt och personer behålls). "
                             "Lämna tomt för alla länder.",
    "filter.themes": "Teman",
    "filter.themes_help": "Visa bara poster med minst ett av dessa teman. Lämna tomt för alla teman.",
    "filter.active": "Bara relationer som gällde den",
    "filter.active_help": (
        "Dölj relationer som inte hade börjat ännu eller redan hade upphört detta datum. Lämna tomt för att visa "
        "relationer från alla perioder."
    ),
    "filter.cap": "Högst antal noder att rita",
    "filter.cap_help": (
        "Stora bilder ritas långsamt och är svåra att läsa. Över detta antal behåller bilden fokus och de "
        "poster som har flest relationer."
    ),
    "filter.reset": "Återställ filter",
    "filter.reset_help": "Visa allt igen: rensa alla filter på den här sidan.",
    "filter.active_count": "{n} filter på",
    # --- overview ----------------------------------------------------------------------------------------------
    "overview.title": "Översikt",
    "overview.intro": "Vad katalogen innehåller, nätverken vi är med i och vad i uppgifterna som behöver ses över.",
    "overview.counts": "I katalogen",
    "overview.relations": "Relationer",
    "overview.relations_help": "Kopplingar mellan poster: medlemskap, partnerskap, anställning, bekantskap.",
    "overview.kind_help": "Rader i {file} som lästes in utan fel.",
    "overview.home_networks": "Nätverk som {home} är med i",
    "overview.home_networks_none": (
        "Inga nätverk än: lägg till rader i relations.csv med source = {home_id}, relation = member_of och "
        "nätverkets id som target (lägg först till nätverket i networks.csv)."
    ),
    "overview.no_home": (
        "Ingen hemorganisation är angiven, så översikten kan inte visa ”våra” nätverk. Lägg till raden "
        "home = \"er-organisations-id\" i directory.toml i datamappen."
    ),
    "overview.by_type": "Efter typ",
    "overview.by_type_help": "Hur många det finns av varje typ, för varje slag.",
    "overview.by_country": "Organisationer per land",
    "overview.by_country_none": "Inga organisationer än: lägg till rader i organisations.csv.",
    "overview.empty": (
        "Katalogen är tom. Lägg till rader i organisations.csv, networks.csv och de andra filerna i {path} "
        "(se docs/data-format.md) och ladda sedan om sidan."
    ),
    "overview.count": "Antal",
    "overview.type": "Typ",
    "overview.kind": "Slag",
    "overview.country": "Land",
    "overview.health": "Datakvalitet",
    "overview.health_ok": "Inga problem hittades i uppgifterna. Bra jobbat!",
    "overview.health_summary": "{errors} fel (raderna utelämnade) och {warnings} varningar (raderna inlästa) hittades.",
    "overview.health_help": (
        "Varje problem anger filen, raden som Excel visar den (rubrikraden är rad 1) och kolumnen, så att du hittar "
        "cellen och kan rätta den. Rader med fel utelämnas tills de är rättade."
    ),
    "overview.group_by": "Gruppera problemen efter",
    "overview.group_by_help": "Visa problemen grupperade efter vad som är fel, eller efter filen de finns i.",
    "overview.group.code": "Vad som är fel",
    "overview.group.file": "Fil",
    "overview.severity": "Allvar",
    "overview.hidden_value": "(dolt: personuppgift)",
    "overview.hidden_message": (
        "Ett problem på en persons rad. Värdet är dolt eftersom det kan vara en personuppgift (till exempel en "
        "e-postadress eller ett telefonnummer i fel kolumn); den som får se kontaktuppgifter (en redaktör) ser det "
        "här och kan rätta raden."
    ),
    "overview.where": "Var (fil:rad:kolumn)",
    "overview.file": "Fil",
    "overview.row": "Rad",
    "overview.column": "Kolumn",
    "overview.value": "Värde",
    "overview.message": "Vad du kan göra (på engelska)",
    "overview.problem_group": "{label}: {n}",
    "overview.verified": "Nyligen kontrollerade och inaktuella rader",
    "overview.verified_help": (
        "Kolumnen verified anger när någon senast kontrollerade en rad. Rader som inte kontrollerats på {years} år "
        "är inaktuella: kontrollera dem och sätt verified till dagens datum."
    ),
    "overview.recent": "Senast kontrollerade",
    "overview.stale": "Inaktuella (inte kontrollerade på {years} år)",
    "overview.stale_none": "Inga inaktuella rader: allt har kontrollerats inom {years} år.",
    "overview.never": "{n} rader har aldrig kontrollerats (kolumnen verified är tom).",
    "overview.recent_none": "Ingen rad har något verified-datum än: fyll i kolumnen verified (ÅÅÅÅ-MM-DD).",
    "overview.name": "Namn",
    "overview.verified_col": "Kontrollerad",
    "overview.source": "Var (fil:rad)",
    "overview.relation": "Relation",
    "overview.since": "Sedan",
    "overview.via": "Genom",
    "overview.role": "Roll",
    # --- explore -----------------------------------------------------------------------------------------------
    "explore.title": "Utforska nätverket",
    "explore.intro": (
        "Välj en organisation, ett nätverk, ett projekt eller en person för att se vilka som finns runt den. "
        "Dra för att flytta, scrolla för att zooma, håll muspekaren över en nod för detaljer."
    ),
    "explore.focus": "Fokus",
    "explore.focus_help": "Posten i mitten av bilden. Från början är det hemorganisationen.",
    "explore.radius": "Steg från fokus",
    "explore.radius_help": (
        "1 visar bara direkta relationer; 2 även deras relationer; 3 går ett steg till (större bilder)."
    ),
    "explore.no_focus": "Katalogen har inga poster än: lägg till rader i organisations.csv och ladda om sidan.",
    "explore.pick_focus": "Sök efter en post ovan för att se nätverket runt den.",
    "explore.showing": "Visar {shown} av {total} noder. {rule}",
    "explore.showing_all": "{shown} poster och {edges} relationer i bilden.",
    "explore.trim_rule": "Fokus behålls alltid; sedan behålls först de poster som har flest relationer.",
    "explore.empty": (
        "Bara fokus är kvar: inga relationer klarar filtren. Vidga filtren (eller återställ dem) eller lägg till "
        "fler steg."
    ),
    "explore.drawing": "Ritar nätverket…",
    "explore.legend": "Teckenförklaring",
    "explore.download": "Ladda ner PNG",
    "explore.download_help": "Spara bilden som den visas nu, med rubrik, teckenförklaring och datum, som en "
                             "PNG-bild till en rapport eller presentation.",
    "explore.more_leaves": "{count} till kopplade till {name}",
    "explore.open_group": "Klicka för att visa alla.",
    "explore.failed": "Nätverksbilden kunde inte ritas: dess skript laddades inte. Be administratören slå på "
                      "server.enableStaticServing (det är på i projektets .streamlit/config.toml).",
    "explore.graph_hint": "Klicka på en post för att se dess profil; dubbelklicka för att sätta den i centrum.",
    "explore.legend_shape": "Färg och form visar slaget; större noder har fler relationer; fokus har en ram.",
    "explore.profile_of": "Visa profilen för",
    "explore.profile_of_help": (
        "Alla poster i bilden. Välj en för att se dess profil här; grafen visar namnet när du håller muspekaren "
        "över noden."
    ),
    "explore.refocus": "Sätt den i mitten",
    "explore.refocus_help": "Gör den här posten till bildens fokus.",
    "explore.unavailable": "Nätverksbilden är inte tillgänglig i den här installationen ({detail}).",
    "explore.graph_alt": "Nätverksbild runt {name}",
    # --- directory ---------------------------------------------------------------------------------------------
    "directory.title": "Katalog",
    "directory.intro": (
        "Allt i katalogen, en tabell per slag. Klicka på en kolumnrubrik för att sortera, bocka för en rad för att "
        "öppna dess profil."
    ),
    "directory.kind": "Visa",
    "directory.kind_help": "Vilken tabell som ska visas.",
    "directory.search": "Sök i tabellen",
    "directory.search_help": (
        "Hittar rader efter namn, förkortning, ort, id eller tema. Accenter och versaler spelar ingen roll "
        "(”orebro” hittar ”Örebro”)."
    ),
    "directory.search_placeholder": "Till exempel: dans, Orebro, REVES",
    "directory.type_help": "Visa bara rader av dessa typer. Lämna tomt för alla.",
    "directory.rows": "{shown} av {total} rader",
    "directory.empty_kind": "Inga {kinds} än: lägg till rader i {file} i {path} och ladda om sidan.",
    "directory.no_rows": "Inga rader matchar. Rensa sökningen eller filtren ovan.",
    "directory.contacts": "Visa kontaktuppgifter",
    "directory.contacts_help": (
        "Personers e-postadresser och telefonnummer är personuppgifter. Slå på detta bara när du behöver dem, och "
        "kopiera dem inte vidare."
    ),
    "directory.profile_of": "Öppna profilen för",
    "directory.profile_of_help": "Alla rader i tabellen ovan. Att bocka för en rad i tabellen öppnar den också.",
    "directory.pick_row": "Bocka för en rad i tabellen, eller välj en ovan, för att se dess profil.",
    # --- connections -------------------------------------------------------------------------------------------
    "connections.title": "Kopplingar",
    "connections.intro": (
        "Hur är vi kopplade till någon? Välj två poster för att se de kortaste vägarna mellan dem, som meningar "
        "och som bild."
    ),
    "connections.from": "Från",
    "connections.from_help": "Där vägarna börjar. Från början är det hemorganisationen.",
    "connections.to": "Till",
    "connections.to_help": "Organisationen, nätverket, projektet eller personen du vill nå.",
    "connections.k": "Hur många vägar",
    "connections.k_help": "Visa upp till så här många av de kortaste vägarna, kortast först.",
    "connections.pick_to": "Sök efter posten du vill nå i rutan ”Till”.",
    "connections.same": "Från och Till är samma post: välj en annan att nå.",
    "connections.none": (
        "Det finns ingen väg från {source} till {target} i katalogen. De kan vara kopplade i verkligheten: lägg "
        "till relationerna du känner till i relations.csv."
    ),
    "connections.found": "{n} vägar hittades, kortast först.",
    "connections.found_one": "1 väg hittades.",
    "connections.way": "Väg {i}: {steps} steg",
    "connections.way_one": "Väg {i}: 1 steg",
    "connections.reading": "Pilarna visar åt vilket håll varje relation är skriven i uppgifterna.",
    "connections.graph": "Vägarna som bild",
    "connections.swap": "Byt plats",
    "connections.swap_help": "Byt plats på Från och Till: börja från andra hållet.",
    # --- profile -----------------------------------------------------------------------------------------------
    "profile.facts": "Fakta",
    "profile.networks": "Nätverk",
    "profile.projects": "Projekt",
    "profile.people": "Personer",
    "profile.organisations": "Organisationer",
    "profile.programmes": "Program",
    "profile.project_partners": "Partner i samma projekt",
    "profile.no_relations": "Inga relationer registrerade än: lägg till rader i relations.csv som anger detta id.",
    "profile.paths": "Så är {home} kopplad hit",
    "profile.paths_none": "Ingen väg från {home} finns registrerad. Lägg till relationer i relations.csv.",
    "profile.is_home": "Det här är hemorganisationen.",
    "profile.provenance": "Källa",
    "profile.reference": "Var uppgifterna kommer ifrån",
    "profile.verified": "Senast kontrollerad",
    "profile.never_verified": "aldrig (fyll i kolumnen verified)",
    "profile.hidden": "dolt (personuppgift)",
    "profile.stale": "för mer än {years} år sedan: kontrollera gärna raden",
    "profile.row": "I uppgifterna",
    "profile.row_value": "{file}, rad {row}",
    "profile.no_reference": "inte angiven (fyll i kolumnen reference)",
    "profile.relation": "Relation",
    "profile.name": "Namn",
    "profile.role": "Roll",
    "profile.period": "Period",
    "profile.contacts_hidden": "Kontaktuppgifterna är dolda. Slå på ”Visa kontaktuppgifter” för att se dem.",
    "profile.unknown": "”{id}” finns inte i katalogen (längre). Välj en annan post.",
    "profile.kind_line": "{kind} · {type}",
    # --- export ------------------------------------------------------------------------------------------------
    "export.title": "Exportera vyn",
    "export.intro": (
        "Ladda ner vyn som bild till en rapport eller presentation (med rubrik, teckenförklaring, datadatum och "
        "källa), eller som data för Excel, Gephi eller Cytoscape. Varje fil skapas när du klickar på dess knapp."
    ),
    "export.nothing": "Det finns inget i vyn att exportera: välj ett fokus eller vidga vyn först.",
    "export.contacts": "Ta med kontaktuppgifter",
    "export.contacts_help": (
        "Lägger till personers e-post, telefon och anteckningar, och organisationers e-post, i datafilerna (bilder "
        "visar dem aldrig). Det är personuppgifter: ta bara med dem när mottagaren behöver dem, och skicka inte "
        "filen vidare."
    ),
    "export.hide_people": "Dölj personer",
    "export.hide_people_help": (
        "Utelämnar kontaktpersoner i bilder och filer, till exempel för en offentlig presentation. Annars visas "
        "personer bara med namn och roll."
    ),
    "export.width": "Bildens bredd (pixlar)",
    "export.width_help": (
        "PNG-bildens bredd i pixlar; höjden är tre fjärdedelar av den. 2400 är skarpt i presentationer. För tryck "
        "är storleken i tum bredden delad med DPI."
    ),
    "export.dpi": "Upplösning (DPI)",
    "export.dpi_help": (
        "Punkter per tum, sparas i PNG-bilden och ger sidstorleken för SVG och PDF. Använd 300 eller mer för tryck."
    ),
    "export.pictures": "Bilder",
    "export.data": "Data",
    "export.button.png": "PNG",
    "export.button.svg": "SVG",
    "export.button.pdf": "PDF",
    "export.button.html": "HTML",
    "export.button.graphml": "GraphML",
    "export.button.gexf": "GEXF",
    "export.button.xlsx": "Excel",
    "export.button.csv": "CSV",
    "export.help.png": "En bild med rubrik, teckenförklaring och bildtext, för Word, PowerPoint eller webben.",
    "export.help.svg": "En vektorbild (texten förblir text), skarp i alla storlekar: för Inkscape, Illustrator, webben.",
    "export.help.pdf": "En PDF-sida i vektorformat, skarp i tryck och klar att bifoga en ansökan.",
    "export.help.html": "Den interaktiva vyn som en fil som öppnas utan internet i alla webbläsare, med sökruta och info.",
    "export.help.graphml": (
        "Nätverket för Gephi, Cytoscape eller yEd: poster med slag och uppgifter, relationer med sin typ."
    ),
    "export.help.gexf": "Nätverket för Gephi, med instrumentpanelens färger, former och placeringar.",
    "export.help.xlsx": (
        "Raderna för posterna i vyn: ett blad per slag plus relationer, i samma format som importen, så att "
        "arbetsboken kan läsas in igen."
    ),
    "export.help.csv": "Alla poster i vyn i en tabell (UTF-8, avgränsad med ”{separator}”), för Excel.",
    "export.image_title": "{name}: nätverket inom {radius} steg",
    "export.connections_title": "Hur {source} är kopplad till {target}",
    "export.caption": "Data per {date} · källa: {source}",
    "export.caption_nodate": "Källa: {source}",
    "export.caption_trimmed": "visar {shown} av {total} poster",
    "export.kinds_heading": "Slag",
    "export.relations_heading": "Relationer",
    "export.empty": "Inget att visa: vidga vyn eller ta bort några filter.",
    "export.search": "Sök",
    "export.search_help": "Skriv en del av ett namn: poster som matchar markeras och vyn flyttas till den första.",
    "export.table_csv": "Ladda ner CSV",
    "export.table_csv_help": (
        "Raderna och kolumnerna som visas, som CSV (UTF-8, avgränsad med ”{separator}”) som Excel öppnar med å, ä, ö."
    ),
    "export.table_xlsx": "Ladda ner Excel",
    "export.table_xlsx_help": "Raderna och kolumnerna som visas, som en Excel-arbetsbok.",
    # --- kinds -------------------------------------------------------------------------------------------------
    "kind.organisation": "Organisation",
    "kind.network": "Nätverk",
    "kind.project": "Projekt",
    "kind.programme": "Program",
    "kind.person": "Person",
    "kinds.organisation": "Organisationer",
    "kinds.network": "Nätverk",
    "kinds.project": "Projekt",
    "kinds.programme": "Program",
    "kinds.person": "Personer",
    # --- relations ---------------------------------------------------------------------------------------------
    "rel.member_of": "medlem i",
    "rel.works_at": "arbetar på",
    "rel.represents": "representerar",
    "rel.partner_in": "partner i",
    "rel.participates_in": "deltar i",
    "rel.funded_by": "finansieras av",
    "rel.collaborates_with": "samarbetar med",
    "rel.knows": "känner",
    "rel.part_of": "del av",
    "rel.coordinates": "samordnar",
    "relinv.member_of": "har medlemmen",
    "relinv.works_at": "har anställd",
    "relinv.represents": "representeras av",
    "relinv.partner_in": "har partnern",
    "relinv.participates_in": "har deltagaren",
    "relinv.funded_by": "finansierar",
    "relinv.collaborates_with": "samarbetar med",
    "relinv.knows": "känner",
    "relinv.part_of": "omfattar",
    "relinv.coordinates": "samordnas av",
    # --- vocabulary values -------------------------------------------------------------------------------------
    "value.region": "region",
    "value.municipality": "kommun",
    "value.public-body": "offentlig myndighet",
    "value.eu-body": "EU-organ",
    "value.university": "universitet",
    "value.research-institute": "forskningsinstitut",
    "value.school": "skola",
    "value.cultural-institution": "kulturinstitution",
    "value.artist-residency": "konstnärsresidens",
    "value.museum": "museum",
    "value.theatre": "teater",
    "value.library": "bibliotek",
    "value.ngo": "ideell organisation",
    "value.association": "förening",
    "value.foundation": "stiftelse",
    "value.social-enterprise": "socialt företag",
    "value.company": "företag",
    "value.self-employed": "egenföretagare",
    "value.network-office": "nätverkskansli",
    "value.other": "annat",
    "value.expert-group": "expertgrupp",
    "value.platform": "plattform",
    "value.eu-office": "EU-kontor",
    "value.informal": "informellt nätverk",
    "value.alliance": "allians",
    "value.european": "europeisk",
    "value.international": "internationell",
    "value.nordic": "nordisk",
    "value.national": "nationell",
    "value.regional": "regional",
    "value.local": "lokal",
    "value.idea": "idé",
    "value.in-preparation": "under förberedelse",
    "value.submitted": "inskickad",
    "value.granted": "beviljad",
    "value.rejected": "avslagen",
    "value.running": "pågående",
    "value.completed": "avslutad",
    "value.creative-europe": "Kreativa Europa",
    "value.erasmus-plus": "Erasmus+",
    "value.horizon-europe": "Horisont Europa",
    "value.interreg": "Interreg",
    "value.cerv": "CERV",
    "value.europe-for-citizens": "Europa för medborgarna",
    "value.esf-plus": "ESF+",
    "value.coordinator": "koordinator",
    "value.partner": "partner",
    "value.associated": "associerad partner",
    "value.excluded": "utesluts",
    "value.not-counted": "får delta, räknas inte",
    # --- themes ------------------------------------------------------------------------------------------------
    # --- columns -----------------------------------------------------------------------------------------------
    "col.id": "Id",
    "col.name": "Namn",
    "col.type": "Typ",
    "col.source_type": "Typ i källan",
    "col.country": "Land",
    "col.city": "Ort",
    "col.nuts": "NUTS-region",
    "col.themes": "Teman",
    "col.website": "Webbplats",
    "col.email": "E-post",
    "col.description": "Beskrivning",
    "col.reference": "Källa",
    "col.verified": "Kontrollerad",
    "col.scope": "Räckvidd",
    "col.acronym": "Förkortning",
    "col.aliases": "Andra namn",
    "col.pic": "PIC",
    "col.vat": "Momsregistreringsnummer",
    "col.decision": "Beslut",
    "col.name_a": "Namn (a)",
    "col.name_b": "Namn (b)",
    "col.decided": "Beslutat",
    "col.by": "Av",
    "col.programme": "Program",
    "col.status": "Status",
    "col.start": "Start",
    "col.end": "Slut",
    "col.budget_eur": "Budget (EUR)",
    "col.family": "Programfamilj",
    "col.min_partners": "Minst antal partner",
    "col.min_countries": "Minst antal länder",
    "col.min_eu_countries": "Minst antal EU-länder",
    "col.max_months": "Högst antal månader",
    "col.rule_note": "Regel för konsortiet",
    "col.url": "Programsida",
    "col.organisation": "Organisation",
    "col.role": "Roll",
    "col.phone": "Telefon",
    "col.languages": "Språk",
    "col.notes": "Anteckningar",
    "col.source": "Källa",
    "col.relation": "Relation",
    "col.target": "Mål",
    "col.since": "Sedan",
    "col.until": "Till och med",
    "col.note": "Anteckning",
    "col.kind": "Slag",
    "col.founded": "Grundad",
    "col.call": "Utlysning",
    "col.min_eu_partners": "Minst antal partner i EU",
    "col.eligible_group": "Behöriga länder",
    "col.outside_countries": "Partner från andra länder",
    "col.partner_types": "Vilka som får vara partner",
    "col.coordinator_types": "Vilka som får samordna",
    "col.coordinator_group": "Koordinatorns länder",
    "col.coordinator_min_age_years": "Koordinatorns lägsta ålder (år)",
    "col.counted_roles": "Roller som räknas",
    # --- problem codes -----------------------------------------------------------------------------------------
    "problem.error": "fel",
    "problem.warning": "varning",
    "problem.bad-config": "directory.toml går inte att läsa",
    "problem.bad-country": "Landskoder som inte är giltiga",
    "problem.bad-date": "Datum som inte är datum",
    "problem.bad-email": "E-postadresser som inte är giltiga",
    "problem.bad-id": "Id som inte är giltiga",
    "problem.bad-number": "Tal som inte är tal",
    "problem.bad-url": "Webbadresser som inte är giltiga",
    "problem.date-order": "Slutdatum före startdatum",
    "problem.duplicate-id": "Samma id använt två gånger",
    "problem.duplicate-relation": "Samma relation skriven två gånger",
    "problem.extra-cells": "Rader med för många celler",
    "problem.missing-column": "Obligatoriska kolumner som saknas",
    "problem.missing-value": "Obligatoriska celler som är tomma",
    "problem.near-duplicate": "Organisationer som kan vara dubbletter",
    "problem.relation-not-allowed": "Relationer som inte kan koppla ihop dessa slag",
    "problem.self-relation": "Relationer från en post till sig själv",
    "problem.stale": "Rader som inte kontrollerats på länge",
    "problem.too-large": "Blad som är för stora för att läsas",
    "problem.outside-link": "Länkar till filer utanför datamappen (lästes inte)",
    "problem.unknown-column": "Okända kolumner (ignoreras)",
    "problem.unknown-file": "Okända filer (ignoreras)",
    "problem.unknown-home": "Hemorganisationen finns inte i katalogen",
    "problem.unknown-id": "Hänvisningar till id som inte finns",
    "problem.unknown-value": "Värden som inte finns i listan",
    "problem.unknown-group": "Landgrupper som inte finns",
    "problem.other": "Andra problem",

    # --- partners (partnersök och konsortiebyggare) ----------------------------------------------------------------
    "page.partners": "Partner och konsortium",
    "page.help.partners": "Hitta partner till en ansökan och kontrollera konsortiet mot utlysningens regel.",
    "partners.title": "Partner till en ansökan",
    "partners.intro": (
        "Välj utlysning, beskriv vad du söker och få organisationer rangordnade med skälen i ord. Lägg till dem i "
        "konsortiet: det kontrolleras mot utlysningens regel medan du bygger."
    ),
    "partners.no_rules": (
        "Inget program i datan har någon konsortieregel ännu. Lägg till regelns kolumner (min_partners, "
        "min_countries, eligible_group …) i programmes.csv; se dataformatet."
    ),
    "partners.programme": "Utlysning",
    "partners.programme_help": "Programmet och typen av utlysning. Dess regel avgör vilka länder som får delta och "
                               "vad konsortiet behöver.",
    "partners.rule_call": "Regeln är hämtad från: {call}",
    "partners.rule_call_missing": "utlysningen är inte angiven",
    "partners.rule_source": "källa: {link}",
    "partners.rule_checked": "kontrollerad {date}",
    "partners.rule_group": "Länder som får delta ({group}): {countries}.",
    "partners.rule_decides": "Reglerna ändras mellan utlysningar: den officiella utlysningstexten gäller. Kontrollera "
                             "regeln där innan ni söker.",
    "partners.section": "Del av sidan",
    "partners.section_help": "Hitta partner, eller bygg och kontrollera konsortiet.",
    "partners.section.find": "Hitta partner",
    "partners.section.consortium": "Konsortium och kontroll",
    "partners.in_consortium": "Medlemmar i konsortiet: {n}.",
    "partners.themes": "Teman",
    "partners.themes_help": "Temataggar från katalogen. Organisationer som arbetar med dem kommer först.",
    "partners.themes_any": "Alla teman",
    "partners.text": "Eller beskriv med egna ord",
    "partners.text_help": "Fritext, flera teman åtskilda med komma (samtida dans, unga). Versaler och accenter spelar "
                          "ingen roll; närliggande taggar räknas till hälften.",
    "partners.text_placeholder": "Till exempel: dans, barn",
    "partners.countries": "Länder",
    "partners.countries_help": "Bara dessa länder. Lämna tomt för alla länder som utlysningen tillåter.",
    "partners.countries_any": "Alla länder som får delta",
    "partners.types": "Typer av organisation",
    "partners.types_help": "Bara dessa typer av organisation. Lämna tomt för alla typer.",
    "partners.top": "Antal förslag",
    "partners.top_help": "Hur många organisationer som visas, bästa först.",
    "partners.flag": "Visa även de som inte får delta",
    "partners.flag_help": "Visa även organisationer som utlysningen inte tillåter, markerade och sist.",
    "partners.any": "Även utan matchande tema",
    "partners.any_help": "När teman är valda: visa även organisationer som inte har något av dem (de hamnar lägre).",
    "partners.weights": "Viktning",
    "partners.weights_help": (
        "Hur mycket varje del väger i poängen (0 stänger av den). Poängen är det viktade medelvärdet av delarna, "
        "från 0 till 100; lika poäng ordnas efter id, så samma val ger alltid samma lista."
    ),
    "partners.weight.theme": "Tema",
    "partners.weight.programme": "Tidigare projekt i programmet",
    "partners.weight.networks": "Gemensamma nätverk",
    "partners.weight.reach": "Hur vi når dem",
    "partners.weight.recency": "Senaste kontakt",
    "partners.weight.new_country": "Nytt land i konsortiet",
    "partners.weight_help.theme": "1 för varje valt tema som organisationen har, ½ för en närliggande tagg; "
                                  "medelvärde.",
    "partners.weight_help.programme": "Beviljade projekt i samma program där den var partner (2 eller fler: fullt).",
    "partners.weight_help.networks": "Nätverk den delar med oss (2 eller fler: fullt).",
    "partners.weight_help.reach": "Direkt kopplad: fullt; 2 steg: ⅔; 3 steg: ⅓; längre: inget.",
    "partners.weight_help.recency": "Det senaste datumet på den eller dess relationer: inom ett år fullt, sedan "
                                    "mindre; inget datum: inget.",
    "partners.weight_help.new_country": "Fullt när dess land inte finns i konsortiet ännu.",
    "partners.weights_reset": "Standardvikter",
    "partners.weights_reset_help": "Sätt tillbaka alla vikter till standard.",
    "partners.no_home": "Katalogen har ingen hemorganisation (directory.toml, home), så delarna nåbarhet och "
                        "gemensamma nätverk blir noll.",
    "partners.none_found": "Ingen organisation matchar. Välj färre filter, andra teman eller kryssa i ”Även utan "
                           "matchande tema”.",
    "partners.found": "{n} förslag, bästa först.",
    "partners.candidate": "**{rank}. {name}** · {type} · {country}",
    "partners.score": "Poäng",
    "partners.score_help": "0–100: det viktade medelvärdet av delarna (se Viktning).",
    "partners.add": "Lägg till som partner",
    "partners.add_help": "Lägg till i konsortiet som partner (räknas mot minimikraven).",
    "partners.add_associated": "Lägg till som associerad",
    "partners.add_associated_help": "Lägg till i konsortiet som associerad partner (räknas inte mot minimikraven "
                                    "där utlysningen säger så).",
    "partners.members_title": "Konsortiet",
    "partners.empty": "Konsortiet är tomt. Lägg till organisationer från förslagen eller sök nedan.",
    "partners.member": "**{name}** · {type} · {country}",
    "partners.not_counted": "räknas inte",
    "partners.role": "Roll",
    "partners.role_help": "Koordinator (en per konsortium), partner eller associerad partner.",
    "partners.remove": "Ta bort",
    "partners.remove_help": "Ta bort den ur konsortiet.",
    "partners.add_title": "Lägg till en organisation",
    "partners.pick": "Organisation",
    "partners.pick_help": "Vilken organisation som helst i katalogen.",
    "partners.add_member": "Lägg till i konsortiet",
    "partners.add_member_help": "Lägg till den valda organisationen med den valda rollen.",
    "partners.check_title": "Uppfyller det regeln?",
    "partners.check_empty": "Lägg till organisationer för att se kontrollen.",
    "partners.eligible": "Konsortiet uppfyller alla krav i regeln som den är registrerad. Den officiella "
                         "utlysningstexten gäller.",
    "partners.not_eligible": "{n} krav är inte uppfyllda ännu. Vad som saknas står under varje krav.",
    "partners.status.met": "Uppfyllt",
    "partners.status.not-met": "Inte uppfyllt",
    "partners.status.unknown": "Kontrollera",
    "partners.status.info": "Obs",
    "partners.suggestion": "Lägg till {name} ({country}, poäng {score})",
    "partners.suggestion_help": "Ett förslag från partnersöket som skulle hjälpa att uppfylla kravet.",
    "partners.graph": "Hur vi känner partnerna",
    "partners.graph_help": "Konsortiet och den kortaste vägen från oss till varje medlem (markerad).",
    "partners.export_title": "Konsortium: {programme}",
    "partners.col.role": "Roll",
    "partners.col.name": "Namn",
    "partners.col.type": "Typ",
    "partners.col.country": "Land",
    "partners.col.city": "Ort",
    "partners.col.counts": "Räknas",
    "partners.col.how_we_know": "Hur vi känner dem",
    "partners.counts.yes": "ja",
    "partners.counts.no": "nej",
    "partners.file_name": "konsortium",
    "partners.save_title": "Spara som projekt",
    "partners.save_intro": "Sparar ett projekt med status ”under förberedelse” och en partnerrelation per medlem, "
                           "genom den vanliga sparfunktionen (med säkerhetskopia och ändringslogg).",
    "partners.save_name": "Projektets namn",
    "partners.save_name_help": "En arbetstitel räcker; den går att ändra senare.",
    "partners.save_id": "Id (valfritt)",
    "partners.save_id_help": "Lämna tomt så skapas ett från namnet.",
    "partners.save": "Spara projektet",
    "partners.save_help": "Skriv projektet och dess partner till katalogens filer.",
    "partners.saved": "Sparat som projekt {id}. Sidan visar det efter nästa omladdning.",
    "partners.save_conflict": "Någon sparade filerna efter att sidan läste in dem, så inget skrevs. Ladda om sidan "
                              "(konsortiet finns kvar i länken) och spara igen.",
    "partners.save_refused": "Projektet kunde inte sparas: {detail}",
    "partners.save_readonly": "Katalogen är en arbetsbok, som instrumentpanelen inte skriver i. Ladda ner raderna "
                              "nedan och lägg in dem i Excel, eller gör om arbetsboken till en mapp.",
    "partners.draft_name": "Ansökan: {programme}",
    "partners.rows_project": "Projektrad (CSV)",
    "partners.rows_relations": "Partnerrader (CSV)",
    "partners.rows_help": "Raderna att klistra in i projects.csv och relations.csv för hand.",
    # Skälen och kraven (mallar för network.partners / network.rules; samma platshållare som på engelska).
    "reason._or": " eller ",
    "reason._and": " och ",
    "reason.group-unknown": "Regeln anger landgruppen '{group}', som inte finns i country_groups.csv, så kraven på "
                            "länder kan inte kontrolleras.",
    "reason.eligible-countries.met": "Alla medlemmar som räknas finns i länder som får delta ({group}).",
    "reason.eligible-countries.not-met": "Inte i ett land som får delta ({group}): {members}.",
    "reason.eligible-countries.fix": "Byt ut dem mot organisationer från {group}, eller gör dem till associerade "
                                     "partner.",
    "reason.partner-types.met": "Alla medlemmar som räknas är av en typ som får delta ({types}).",
    "reason.partner-types.not-met": "Bara {types} får delta; inte tillåtna: {members}.",
    "reason.partner-types.fix": "Byt ut dem mot organisationer av dessa typer: {types}, eller gör dem till "
                                "associerade partner.",
    "reason.min-partners": "{count} av {required} partner som räknas ({roles}).",
    "reason.min-partners.more": "{count} partner som räknas ({roles}); minst {required} krävs.",
    "reason.min-partners.fix": "Lägg till {missing} partner till från länder som får delta.",
    "reason.min-partners.fix.one": "Lägg till en partner till från ett land som får delta.",
    "reason.min-countries": "{count} av {required} länder ({countries}).",
    "reason.min-countries.more": "{count} länder ({countries}); minst {required} krävs.",
    "reason.min-countries.fix": "Lägg till partner från {missing} länder till som får delta.",
    "reason.min-countries.fix.one": "Lägg till en partner från ett annat land som får delta.",
    "reason.min-eu-countries": "{count} av {required} EU-medlemsstater ({countries}).",
    "reason.min-eu-countries.more": "{count} EU-medlemsstater ({countries}); minst {required} krävs.",
    "reason.min-eu-countries.fix": "Lägg till partner från {missing} EU-medlemsstater till.",
    "reason.min-eu-countries.fix.one": "Lägg till en partner från en annan EU-medlemsstat.",
    "reason.min-eu-partners": "{count} av {required} partner i EU-medlemsstater.",
    "reason.min-eu-partners.more": "{count} partner i EU-medlemsstater; minst {required} krävs.",
    "reason.min-eu-partners.fix": "Lägg till {missing} partner till från EU-medlemsstater.",
    "reason.min-eu-partners.fix.one": "Lägg till en partner till från en EU-medlemsstat.",
    "reason.coordinator.none": "Det finns ingen koordinator.",
    "reason.coordinator.none.fix": "Välj en organisation som koordinator.",
    "reason.coordinator.several": "Ett konsortium har en koordinator; alla dessa är koordinatorer: {members}.",
    "reason.coordinator.several.fix": "Behåll en koordinator och gör de andra till partner.",
    "reason.coordinator.one": "Koordinator: {name}.",
    "reason.coordinator-type.met": "Koordinatorn måste vara {a_types}: {name} är {a_type}.",
    "reason.coordinator-type.not-met": "Koordinatorn måste vara {a_types}: {name} är {a_type}.",
    "reason.coordinator-type.fix": "Välj en koordinator som är {a_types}, och gör {name} till partner.",
    "reason.coordinator-country.met": "Koordinatorn finns i {country}, ett av {group}.",
    "reason.coordinator-country.not-met": "Koordinatorn måste finnas i {group}: {name} finns i {country}.",
    "reason.coordinator-country.fix": "Välj en koordinator från {group}, och gör {name} till partner.",
    "reason.coordinator-age.met": "Koordinatorn måste ha funnits i {years} år: {name} grundades {founded}.",
    "reason.coordinator-age.not-met": "Koordinatorn måste ha funnits i {years} år: {name} grundades {founded}.",
    "reason.coordinator-age.fix": "Välj en koordinator som har funnits i minst {years} år.",
    "reason.coordinator-age.unknown": "Koordinatorn måste ha funnits som juridisk person i {years} år; katalogen "
                                      "saknar grundandedatum för {name} (kolumnen founded): kontrollera det.",
    "reason.not-counted": "Bara {roles} räknas mot minimikraven; dessa räknas inte: {members}.",
    "reason.not-counted-outside": "Utanför {group}: får delta men räknas inte mot minimikraven: {members}.",
    "reason.max-months": "Projekt får vara högst {months} månader.",
    "reason.theme": "Arbetar med {themes}.",
    "reason.theme-related": "Närliggande teman: {themes}.",
    "reason.programme-projects": "Partner i {count} tidigare {programme}-projekt: {projects}.",
    "reason.programme-projects.one": "Partner i ett tidigare {programme}-projekt: {projects}.",
    "reason.shared-networks": "Delar {count} nätverk med {home}: {networks}.",
    "reason.shared-networks.one": "Delar ett nätverk med {home}: {networks}.",
    "reason.reach-direct": "Direkt kopplad till {home} ({relation}).",
    "reason.reach-via": "Nås via {path} ({steps} steg från {home}).",
    "reason.reach-person": "Via {via}, som känner {contact} ({role}) där.",
    "reason.reach-person-direct": "Via {contact} ({role}), som har en koppling till {home}.",
    "reason.reach-none": "Ingen känd väg dit inom 3 steg.",
    "reason.reach-home": "En del av {home}.",
    "reason.recent-contact": "Senaste daterade kontakt {date}.",
    "reason.old-contact": "Senaste daterade kontakt {date}: kontrollera att den fortfarande gäller.",
    "reason.new-country": "Tillför ett land som konsortiet saknar: {country}.",
    "reason.country-covered": "{country} finns redan i konsortiet.",
    "reason.outside-not-counted": "{country} ingår inte i {group}: får delta men räknas inte mot minimikraven.",
    "reason.ineligible-country": "Får inte delta: {country} ingår inte i {group}.",
    "reason.ineligible-type": "Får inte delta: bara {types} får delta.",
    # --- edit (network/editing.py, network/storage.py) ----------------------------------------------------------
    "page.edit": "Redigera",
    "page.help.edit": "Lägg till, ändra och ta bort organisationer, nätverk, projekt, personer och relationer; återställ säkerhetskopior.",
    "edit.intro": (
        "Ändringar kontrolleras med samma regler som vid inläsning: en ändring med fel sparas inte, och meddelandet "
        "visas vid fältet. Varje sparning behåller en säkerhetskopia av de tidigare filerna och skrivs i ändringsloggen."
    ),
    "edit.workbook": (
        "Katalogen är en Excel-arbetsbok ({path}), som instrumentpanelen inte skriver över (dess formatering och "
        "andra blad skulle gå förlorade). För att redigera här: gör om den en gång till en mapp med CSV-filer med "
        "”python -m network convert {path} MAPP” och starta instrumentpanelen med NETWORK_DATA=MAPP."
    ),
    "edit.section": "Vad vill du redigera",
    "edit.section_help": "En post i ett formulär, dess relationer, en hel tabell på en gång, eller säkerhetskopior och historik.",
    "edit.section.entity": "En post",
    "edit.section.relation": "Relationer",
    "edit.section.table": "Hel tabell",
    "edit.section.history": "Säkerhetskopior och historik",
    "edit.kind": "Slag",
    "edit.kind_help": "Vilket slags post du vill lägga till eller ändra.",
    "edit.mode": "Åtgärd",
    "edit.mode_help": "Ändra (eller ta bort) en befintlig post, eller lägg till en ny.",
    "edit.mode.change": "Ändra eller ta bort",
    "edit.mode.add": "Lägg till ny",
    "edit.pick": "Sök {kind}",
    "edit.pick_help": "Skriv en del av namnet; accenter och versaler spelar ingen roll.",
    "edit.pick_first": "Sök ovan efter den {kind} du vill ändra, eller välj ”Lägg till ny”.",
    "edit.gone": "{id} finns inte längre i filerna: någon kan ha bytt id eller tagit bort den. Sök igen.",
    "edit.empty_choice": "(tomt)",
    "edit.id_help": "Ändrar du id byts det överallt: relationer och hänvisningar följer med.",
    "edit.save": "Spara",
    "edit.add": "Lägg till",
    "edit.save_help": "Kontrollera ändringen och spara den. Inget skrivs om den har fel.",
    "edit.nothing_changed": "Inget ändrades, så inget sparades.",
    "edit.saved": "Sparat: {summary}. De tidigare filerna finns kvar som säkerhetskopia.",
    "edit.saved_warnings": "Obs: {count} varningar om den sparade raden; se Översikt → Datakvalitet.",
    "edit.save_failed": "Ändringen kunde inte sparas: {detail}",
    "edit.refused": "Inte sparat: ändringen har fel. Rätta de markerade fälten nedan och spara igen.",
    "edit.refused_elsewhere": "Ändringen skulle också ge de här felen på andra ställen:",
    "edit.row": "rad",
    "edit.conflict_title": "Någon annan sparade först",
    "edit.conflict_kept": (
        "Filerna ändrades efter att du öppnade dem, så din ändring sparades inte och inget av deras skrevs över. "
        "Din ändring finns kvar: {summary}. Gör den på den nuvarande versionen (den kontrolleras igen) eller släng den."
    ),
    "edit.conflict_apply": "Gör min ändring på den nuvarande versionen",
    "edit.conflict_apply_help": "Gör din ändring igen på filerna som de är nu, kontrollera den och spara.",
    "edit.conflict_discard": "Släng min ändring",
    "edit.conflict_discard_help": "Glöm din ändring och behåll den nuvarande versionen.",
    "edit.conflict_gone": "Din ändring kunde inte göras på den nuvarande versionen: {detail}",
    "edit.delete_title": "Ta bort denna {kind}",
    "edit.delete_effects": "Att ta bort {name} ändrar också:",
    "edit.delete_nothing_else": "Inget annat ändras: den har inga relationer och inget hänvisar till den.",
    "edit.delete_confirm": "Ja, ta bort {name} och de {count} ändringar som listas",
    "edit.delete_confirm_help": "Kryssa för att bekräfta. En säkerhetskopia sparas, så en borttagning kan ångras under Säkerhetskopior och historik.",
    "edit.delete": "Ta bort",
    "edit.delete_help": "Ta bort efter att ha bekräftat ovan.",
    "edit.rel.pick": "Vems relationer",
    "edit.rel.pick_help": "Sök efter organisationen, nätverket, projektet, programmet eller personen vars relationer du vill redigera.",
    "edit.rel.pick_first": "Sök ovan efter posten vars relationer du vill ändra eller lägga till.",
    "edit.rel.derived_note": (
        "Anställning (en persons organisation) och finansiering (ett projekts program) anges i personens eller "
        "projektets eget formulär."
    ),
    "edit.rel.choose": "Relation att ändra",
    "edit.rel.choose_help": "Relationerna i relations.csv som börjar eller slutar här.",
    "edit.rel.none": "{name} har inga relationer i relations.csv ännu. Lägg till en nedan.",
    "edit.rel.change_title": "Ändra relationen",
    "edit.rel.delete_confirm": "Ja, ta bort relationen",
    "edit.rel.delete": "Ta bort relationen",
    "edit.rel.add_title": "Lägg till en relation för {name}",
    "edit.rel.target": "Den andra parten",
    "edit.rel.target_help": "Sök efter posten som relationen kopplar till; listan med relationstyper visar då bara de som passar.",
    "edit.rel.target_first": "Välj först relationens andra part.",
    "edit.rel.type_help": "Slags relation. Riktningen avgörs av de två posternas slag.",
    "edit.grid.table": "Tabell",
    "edit.grid.table_help": "Filen som ska redigeras som tabell.",
    "edit.grid.relations": "Relationer",
    "edit.grid.filter": "Visa rader som innehåller",
    "edit.grid.filter_help": "Bara rader med denna text i någon cell; använd det för att hitta rader i en stor tabell.",
    "edit.grid.shown": "Visar {shown} av {total} rader.",
    "edit.grid.help": (
        "Ändra celler direkt, lägg till rader längst ned, markera rader och tryck på papperskorgen för att ta bort "
        "dem. Inget sparas förrän du trycker på Spara ändringar."
    ),
    "edit.grid.save": "Spara ändringar",
    "edit.grid.save_help": "Kontrollera alla ändringar i tabellen tillsammans och spara dem, eller inga om någon har fel.",
    "edit.grid.nothing": "Det finns inga ändringar i tabellen att spara.",
    "edit.history.backups": "Säkerhetskopior",
    "edit.history.none": "Inga säkerhetskopior ännu: den första sparningen gör en.",
    "edit.history.choose": "Säkerhetskopia att återställa",
    "edit.history.choose_help": "Varje säkerhetskopia innehåller filerna som de var före den sparning som anges.",
    "edit.history.restore_confirm": "Ja, gör filerna exakt som de var då",
    "edit.history.restore_confirm_help": "De nuvarande filerna sparas som en ny säkerhetskopia, så även en återställning kan ångras.",
    "edit.history.restore": "Återställ",
    "edit.history.restore_help": "Lägg tillbaka den valda säkerhetskopian, byte för byte.",
    "edit.history.restored": "Återställde säkerhetskopian {when}. Filerna före återställningen sparas som en ny säkerhetskopia.",
    "edit.history.log": "Ändringslogg",
    "edit.history.log_empty": "Inga ändringar har sparats från instrumentpanelen eller importen ännu.",
    "edit.col.when": "När",
    "edit.col.who": "Vem",
    "edit.col.what": "Vad",
    "edit.col.action": "Åtgärd",
    "edit.col.size": "Storlek",
    "edit.unknown_user": "okänd",
    "edit.open": "Redigera",
    "edit.open_help": "Öppna postens formulär på sidan Redigera: ändra, byt id eller ta bort.",
    # --- import (network/importing.py) -------------------------------------------------------------------------
    "page.import": "Importera",
    "page.help.import": "Importera en lista från annat håll (keep.eu, CORDIS, ett nätverks medlemmar), med förhandsvisning först.",
    "page.matches": "Dubbletter",
    "page.help.matches": "Par av rader som kan vara samma organisation, nätverk eller projekt: slå ihop dem, eller markera att de inte är samma.",
    "matches.kind": "Jämför",
    "matches.kind_help": "Bland vilka rader dubbletter ska sökas: organisationer, nätverk eller projekt.",
    "matches.min_score": "Lägsta poäng som visas",
    "matches.min_score_help": "Par med minst denna poäng (0 till 1) visas. 0,95 eller mer är nästan säkert samma; sänk den för att se svagare kandidater.",
    "matches.working": "Letar efter par …",
    "matches.empty": "Inga par att granska: inget ser ut som en dubblett vid denna poäng. Sänk lägsta poäng för att se svagare kandidater, eller importera mer data först (sidan Importera).",
    "matches.empty_later": "Alla par som är kvar har du skjutit upp med Senare. Visa dem igen för att bestämma.",
    "matches.show_later": "Visa uppskjutna par",
    "matches.show_later_help": "Ta fram paren du valde Senare för under den här sessionen.",
    "matches.count": "{count} par att granska, bästa först ({later} uppskjutna).",
    "matches.score": "Poäng",
    "matches.score_help": "Hur säkert verktyget är på att de två är samma, från 0 till 1, med skälen nedan.",
    "matches.auto": "**Mycket troligt samma** (en import skulle slå ihop detta par automatiskt).",
    "matches.review": "**Kanske samma**: jämför de två och bestäm.",
    "matches.col.field": "Fält",
    "matches.col.value": "Värde",
    "matches.keep": "Behåll",
    "matches.keep_help": "Raden som blir kvar: den andra slås ihop med den. Tomma fält fylls från den andra, den andras namn blir ett alternativt namn och alla relationer flyttas hit.",
    "matches.merge": "Slå ihop",
    "matches.merge_help": "Slå ihop de två raderna till den som valts under Behåll. En säkerhetskopia görs och ändringen loggas; den kan ångras under Redigera → Historik.",
    "matches.different": "Inte samma",
    "matches.different_help": "Markera att det är olika organisationer: paret föreslås aldrig igen (sparas i matches.csv).",
    "matches.later": "Senare",
    "matches.later_help": "Hoppa över paret tills vidare (bara under den här sessionen); inget sparas.",
    "matches.merge_refused": "Sammanslagningen nekades; inget sparades. Rätta först dessa problem:",
    "matches.merge_failed": "Ändringen kunde inte sparas: {detail}",
    "matches.conflict": "Någon annan sparade filerna under tiden; inget sparades. Sidan visar nu deras version: bestäm igen.",
    "matches.rejected": "Sparat att '{a}' och '{b}' inte är samma; paret föreslås inte igen.",
    "matches.reason.same-pic": "samma PIC {pic}",
    "matches.reason.same-vat": "samma momsregistreringsnummer {vat}",
    "matches.reason.same-name": "samma namn",
    "matches.reason.place-kind-differs": "den ena är ett {a} organ, den andra ett {b}",
    "matches.reason.legal-form": "samma namn när bolagsformen '{form}' tas bort",
    "matches.reason.place-pattern": "samma namn när '{pattern}' tas bort",
    "matches.reason.same-word": "samma ord på ett annat språk ({words})",
    "matches.reason.transliteration": "samma namn bortsett från accenter och stavning (ä = ae, ö = oe …)",
    "matches.reason.acronym-removed": "samma namn bortsett från förkortningen {acronym}",
    "matches.reason.same-normalised-name": "samma namn efter normalisering",
    "matches.reason.same-acronym": "samma förkortning {acronym} och liknande namn",
    "matches.reason.acronym": "'{acronym}' är förkortningen av det andra namnet",
    "matches.reason.part-of-name": "'{part}' är en del av det andra namnet (en avdelning, eller samma organ med ett längre namn)",
    "matches.reason.same-letters": "samma namn bortsett från mellanslag och skiljetecken",
    "matches.reason.extra-city": "samma namn bortsett från ortens namn",
    "matches.reason.extra-generic-word": "samma namn bortsett från {words}",
    "matches.reason.extra-words": "det ena namnet lägger till {words}: kanske en avdelning eller ett annat organ",
    "matches.reason.similar-name": "liknande namn ({similarity} % lika)",
    "matches.reason.no-names": "inga namn att jämföra",
    "matches.reason.different-country": "olika länder ({a}, {b})",
    "matches.reason.different-pic": "olika PIC ({a}, {b})",
    "matches.reason.different-vat": "olika momsregistreringsnummer",
    "matches.reason.same-domain": "samma webbdomän ({domain})",
    "matches.reason.different-city": "olika orter ({a}, {b})",
    "matches.reason.different-type": "olika typer ({a}, {b})",
    "import.intro": (
        "Importera någon annans lista: varje rad en organisation och projektet eller nätverket den hör till. Inget "
        "skrivs förrän du trycker på Importera; befintliga organisationer känns igen på namn och land."
    ),
    "import.upload": "Listan att importera",
    "import.upload_help": (
        "CSV (vilken teckenkodning som helst, avgränsad med , eller ; eller tabb), CSV.gz eller Excel .xlsx, upp "
        "till {limit} MB. Större filer: python -m network import FIL --mapping MAPPNING.toml"
    ),
    "import.too_large": (
        "Filen är {size} MB; gränsen här är {limit} MB. Importera den från kommandoraden: "
        "python -m network import FIL --mapping MAPPNING.toml"
    ),
    "import.empty": (
        "Ladda upp listan som ska importeras. Sedan anger du vilka kolumner som innehåller organisationen, "
        "projektet eller nätverket och rollen, ser en förhandsvisning av vad som skulle ändras, och importerar."
    ),
    "import.sheet": "Blad",
    "import.sheet_help": "Det blad i arbetsboken som innehåller listan.",
    "import.read_error": "Filen kunde inte läsas: {detail}",
    "import.rows": "{rows} rader, {columns} kolumner. De första raderna:",
    "import.mapping": "Hur kolumnerna används",
    "import.mapping_help": (
        "Välj kolumnerna här (gissade från rubrikerna), ladda upp en mappningsfil, eller använd en som följer med "
        "verktyget (keep.eu, CORDIS)."
    ),
    "import.mapping.pick": "Välj kolumner",
    "import.mapping.file": "Ladda upp en mappningsfil",
    "import.mapping.shipped": "Färdig mappning",
    "import.mapping_file": "Mappningsfil (.toml)",
    "import.mapping_file_help": "En TOML-fil enligt docs/editing.md; se mappings/ för exempel.",
    "import.mapping_file_empty": "Ladda upp mappningsfilen, eller välj kolumnerna i stället.",
    "import.shipped": "Mappning",
    "import.shipped_help": "Mappningsfilerna i projektets mapp mappings/.",
    "import.shipped_none": "Det finns inga färdiga mappningar i mappings/.",
    "import.mapping_download": "Ladda ned mappningen",
    "import.mapping_download_help": "Spara valen som en mappningsfil, för att importera nästa lista på samma sätt.",
    "import.mapping_error": "Mappningen kan inte användas: {detail}",
    "import.kind": "Varje rad är medlem i",
    "import.kind_help": "Partner i projekt (keep.eu, CORDIS) eller medlemmar i ett nätverk.",
    "import.kind.project": "ett projekt",
    "import.kind.network": "ett nätverk",
    "import.none": "(finns inte i filen)",
    "import.field.organisation.name": "Organisationens namn",
    "import.field.organisation.country": "Land",
    "import.field.organisation.city": "Ort",
    "import.field.organisation.type": "Slags organisation",
    "import.field.organisation.website": "Webbplats",
    "import.field.group.name": "Projektets eller nätverkets namn",
    "import.field.group.key": "Kolumner som tillsammans identifierar projektet eller nätverket",
    "import.field.group.programme": "Program",
    "import.field.relation.role": "Roll",
    "import.field.relation.since": "Medlem sedan",
    "import.field_help.organisation.name": "Kolumnen med organisationens namn (krävs).",
    "import.field_help.organisation.country": (
        "Kolumnen med landet (krävs): koder som SE, EL, UK eller namn som ”DE Germany / DEUTSCHLAND” förstås."
    ),
    "import.field_help.organisation.city": "Kolumnen med ort eller stad.",
    "import.field_help.organisation.type": (
        "Kolumnen med slags organisation. Källornas ord förstås (Regional public authority, SME, HES, City, Kommun, "
        "Comune …); okända värden blir ”annat” och listas i förhandsvisningen."
    ),
    "import.field_help.organisation.website": "Kolumnen med organisationens webbadress.",
    "import.field_help.group.name": "Kolumnen med projektets eller nätverkets namn (krävs).",
    "import.field_help.group.key": (
        "Om ett namn upprepas (samma akronym i två program), välj flera kolumner: tillsammans identifierar de det."
    ),
    "import.field_help.group.programme": "Kolumnen med finansieringsprogrammet; nya program skapas.",
    "import.field_help.relation.role": "Kolumnen med rollen, översatt med rollvärdena nedan.",
    "import.field_help.relation.since": "Kolumnen med året eller datumet då medlemskapet började.",
    "import.field.relation.ended": "Medlemsstatus",
    "import.field_help.relation.ended": (
        "Kolumnen som säger om ett medlemskap har upphört (”Former Member”, former, ended, yes): ett sådant "
        "medlemskap får ett slutdatum (until) och räknas inte längre som aktuellt."
    ),
    "import.update": "Fyll i befintliga rader",
    "import.update_help": (
        "Fyll också i tomma fält hos organisationer, projekt och relationer som redan finns i katalogen, och ersätt "
        "påhittade namn som ”PIC 999999999” eller ett projekt som bara heter sin akronym. Ifyllda fält som skiljer "
        "sig från filen listas bara."
    ),
    "import.match": "Hitta samma organisation under ett annat namn",
    "import.match_help": (
        "Organisationer i filen som inte har någon exakt träff (samma id, eller samma namn och land) jämförs med "
        "katalogens: stavning, accenter, bolagsformer (AB, GmbH, UAB), ”City of”, ord på andra språk. Automatiskt: "
        "när matchningen är säker (poäng 0,95 eller mer) räknas filens rad som den befintliga organisationen; "
        "osäkrare kandidater läggs till som nya och listas för granskning. Bara lista: inget tas automatiskt. "
        "Av: bara exakta namn."
    ),
    "import.match.auto": "Automatiskt, och lista de osäkra",
    "import.match.review": "Bara lista kandidater",
    "import.match.off": "Av (bara exakta namn)",
    "import.metric.auto_matched": "Räknade som befintliga",
    "import.metric.auto_matched_help": (
        "Organisationer i filen som matchningen var säker på redan finns i katalogen under ett annat namn."
    ),
    "import.matches": "Organisationer som kanske redan finns i katalogen",
    "import.matches_help": (
        "Rader som ”räknas som befintliga” kopplas till den befintliga organisationen. De andra lades till som nya: "
        "granska dem på sidan Dubbletter (slå ihop, eller markera som inte samma)."
    ),
    "import.col.name": "Namn i filen",
    "import.col.candidate": "I katalogen",
    "import.col.score": "Poäng",
    "import.col.why": "Varför",
    "import.col.taken": "Räknad som befintlig",
    "import.overwrite": "Ersätt värden som skiljer sig",
    "import.overwrite_help": "Med ”Fyll i befintliga rader”: ersätt också ifyllda fält med filens värden.",
    "import.metric.filled": "Fält att fylla i",
    "import.metric.filled_help": "Tomma fält (eller påhittade namn) i befintliga rader som filen fyller i.",
    "import.metric.differing": "Fält som skiljer sig",
    "import.metric.differing_help": "Ifyllda fält i befintliga rader där filen säger något annat (listas nedan).",
    "import.metric.updated": "Befintliga rader som uppdateras",
    "import.metric.updated_help": "Rader som redan finns i katalogen och får minst ett värde från filen.",
    "import.metric.unmapped": "Okända typer",
    "import.metric.unmapped_help": (
        "Rader vars organisationstyp inte är ett känt ord: sparas som ”other”, ordet behålls i source_type."
    ),
    "import.could_fill": (
        "Filen kan fylla i {filled} tomma fält i rader som redan finns. Kryssa i ”Fyll i befintliga rader” och "
        "förhandsvisa igen för att fylla i dem."
    ),
    "import.unmapped": (
        "Organisationstyper som verktyget inte känner till (sparas som ”other”; ordet behålls i source_type)"
    ),
    "import.differences": (
        "Ifyllda fält där filen säger något annat (behålls om inte ”Ersätt värden som skiljer sig”)"
    ),
    "import.refused": "Rader som inte används för att fylla i befintliga rader, eftersom resultatet skulle få fel",
    "import.col.field": "Fält",
    "import.col.value": "Värde",
    "import.col.count": "Rader",
    "import.col.file": "Fil",
    "import.col.id": "Id",
    "import.col.column": "Kolumn",
    "import.col.directory": "I katalogen",
    "import.col.source": "I filen",
    "import.col.source_row": "Rad i filen",
    "import.relation_type": "Relation",
    "import.relation_type_help": "Vad varje rad säger om organisationen och projektet eller nätverket.",
    "import.role_map": "Rollvärden",
    "import.role_map_help": (
        "Ett per rad: ett värde i rollkolumnen = coordinator, partner eller associated. Exempel: Yes = coordinator."
    ),
    "import.lookup": "Fil för uppslaget ”{name}” ({file})",
    "import.lookup_help": "Mappningen kopplar in denna fil (till exempel organisationsnamn via PIC). Utan den förblir de fälten tomma.",
    "import.preview": "Förhandsvisa",
    "import.preview_help": "Räkna ut vad som skulle ändras, utan att skriva något.",
    "import.previewing": "Räknar ut vad som skulle ändras…",
    "import.previewed": "Förhandsvisningen är klar",
    "import.failed": "Förhandsvisningen misslyckades",
    "import.step.read": "Läser",
    "import.step.map": "Matchar organisationer och projekt",
    "import.step.validate": "Kontrollerar som vid inläsning",
    "import.step.done": "Klart",
    "import.metric.rows": "Lästa rader",
    "import.metric.rows_help": "Rader i filen, utan rubrikraden.",
    "import.metric.imported": "Importerade rader",
    "import.metric.imported_help": "Rader som tillför något eller redan finns i katalogen.",
    "import.metric.skipped": "Hoppade över",
    "import.metric.skipped_help": "Rader som inte kan importeras; tabellen nedan säger varför.",
    "import.metric.duplicates": "Dubbletter sammanslagna",
    "import.metric.duplicates_help": "Rader som upprepar en relation från en tidigare rad.",
    "import.metric.orgs_new": "Nya organisationer",
    "import.metric.orgs_new_help": "Organisationer som inte finns i katalogen ännu.",
    "import.metric.orgs_matched": "Igenkända organisationer",
    "import.metric.orgs_matched_help": (
        "Finns redan i katalogen (samma namn och land, eller samma id): ändras bara med ”Fyll i befintliga rader”."
    ),
    "import.metric.groups_new": "Nya projekt eller nätverk",
    "import.metric.groups_new_help": "Projekt eller nätverk som inte finns i katalogen ännu.",
    "import.metric.relations_new": "Nya relationer",
    "import.metric.relations_new_help": "Relationer som inte finns i relations.csv ännu.",
    "import.skipped_rows": "Rader som hoppades över",
    "import.col.row": "Rad",
    "import.col.reason": "Varför",
    "import.report": "Hela rapporten",
    "import.nothing": "Inget att importera: katalogen har redan allt i den här filen.",
    "import.stale_preview": "Filen eller mappningen ändrades efter förhandsvisningen: tryck på Förhandsvisa igen.",
    "import.commit": "Importera",
    "import.commit_help": "Skriv de förhandsvisade ändringarna (med säkerhetskopia och en rad i ändringsloggen).",
    "import.committed": "Importerat: {created} nya rader. De tidigare filerna finns kvar som säkerhetskopia (Redigera → Säkerhetskopior och historik).",
    "import.conflict": "Katalogen ändrades efter förhandsvisningen (någon sparade). Inget importerades: tryck på Förhandsvisa igen.",
}


# --- access, personal data (issue 7) -----------------------------------------------------------------------------
EN.update({
    "auth.role.viewer": "viewer",
    "auth.role.editor": "editor",
    "auth.role.admin": "administrator",
    "auth.role.": "not signed in",
    "auth.denied": "This needs the {role} role. Ask an administrator to give you that role in the role file "
                   "(see docs/security.md).",
    "auth.sign_in_needed": "Sign in to see the partner network. You will be sent to your organisation's sign-in page "
                           "and back.",
    "auth.sign_in": "Sign in",
    "auth.sign_in_help": "Sign in with your work account.",
    "auth.sign_out": "Sign out",
    "auth.sign_out_help": "End your session in this browser.",
    "auth.signed_in_as": "Signed in as {who} ({role})",
    "auth.mode.single-user": "Single-user mode: only this computer can open the dashboard, so you can do everything "
                             "({role}).",
    "auth.mode.read-only": "Read-only: no sign-in is set up ({role}).",
    "auth.read_only_banner": "Read-only: this dashboard can be reached from other computers and no sign-in is set up, "
                             "so nobody can edit and contact details are hidden. To edit, set up sign-in "
                             "(docs/security.md) or run it on this computer only (server.address = \"127.0.0.1\").",
    "auth.config_problem": "The role file cannot be used, so everyone is a viewer until it is fixed: {detail}",
    "person.export": "Export everything about this person",
    "person.export_help": "Everything the directory holds about this person (their row, relations and change-log "
                          "entries), for a request under the GDPR.",
    "person.export_json": "Download as JSON",
    "person.export_xlsx": "Download as Excel",
    "person.erase": "Erase this person",
    "person.erase_help": "Removes the person and their relations from the files, the backups and the change log. "
                         "This cannot be undone.",
    "person.erase_intro": "Erasing removes {name} and their {relations} relations from the data, from every backup "
                          "and from the change log. The erasure itself is logged without any personal data.",
    "person.erase_confirm": "Type the person's id ({id}) to confirm",
    "person.erase_confirm_help": "A safeguard: erasing cannot be undone.",
    "person.erase_button": "Erase for good",
    "person.erased": "The person was erased from the data, {backups} backup files and {entries} change-log entries.",
    "person.erase_failed": "The person was not erased: {detail}",
    "person.erase_conflict": "Someone saved the files just now. Nothing was erased: try again.",
    "person.erase_workbook": "The data is a workbook, which the dashboard does not write. Convert it to a folder of "
                             "CSV files to erase people here.",
    "overview.legal_basis": "People without a legal basis",
    "overview.legal_basis_help": "Under the GDPR every person in the directory needs a legal basis (consent, "
                                 "legitimate interest, public task or contract). Fill in legal_basis in people.csv.",
    "overview.legal_basis_none": "Every person has a legal basis.",
    "overview.legal_basis_count": "{count} people have no legal basis recorded. Add one in the legal_basis column "
                                  "of people.csv (or on the Edit page).",
    "url.bad_value": "The link's {name} value could not be used and was ignored.",
    "auth.roles_title": "Roles",
    "auth.roles_intro": "Roles come from {source}. To change them, edit that file (see docs/security.md); changes "
                        "apply at the next click. Anyone signed in who is not listed is a {default}.",
    "auth.col.identity": "Signed-in identity",
    "auth.col.role": "Role",
    "col.legal_basis": "Legal basis",
    "value.consent": "consent",
    "value.legitimate-interest": "legitimate interest",
    "value.public-task": "public task",
    "value.contract": "contract",
    "value.legal-obligation": "legal obligation",
    "value.vital-interest": "vital interest",
})
SV.update({
    "auth.role.viewer": "läsare",
    "auth.role.editor": "redaktör",
    "auth.role.admin": "administratör",
    "auth.role.": "inte inloggad",
    "auth.denied": "Det här kräver rollen {role}. Be en administratör ge dig den rollen i rollfilen "
                   "(se docs/security.md).",
    "auth.sign_in_needed": "Logga in för att se partnernätverket. Du skickas till din organisations inloggningssida "
                           "och tillbaka.",
    "auth.sign_in": "Logga in",
    "auth.sign_in_help": "Logga in med ditt jobbkonto.",
    "auth.sign_out": "Logga ut",
    "auth.sign_out_help": "Avsluta sessionen i den här webbläsaren.",
    "auth.signed_in_as": "Inloggad som {who} ({role})",
    "auth.mode.single-user": "Enanvändarläge: bara den här datorn kan öppna instrumentpanelen, så du kan göra allt "
                             "({role}).",
    "auth.mode.read-only": "Skrivskyddat: ingen inloggning är konfigurerad ({role}).",
    "auth.read_only_banner": "Skrivskyddat: instrumentpanelen nås från andra datorer och ingen inloggning är "
                             "konfigurerad, så ingen kan redigera och kontaktuppgifter är dolda. För att redigera: "
                             "konfigurera inloggning (docs/security.md) eller kör den bara på den här datorn "
                             "(server.address = \"127.0.0.1\").",
    "auth.config_problem": "Rollfilen kan inte användas, så alla är läsare tills den är rättad: {detail}",
    "person.export": "Exportera allt om den här personen",
    "person.export_help": "Allt katalogen har om personen (raden, relationerna och ändringsloggens poster), till "
                          "exempel för en begäran enligt GDPR.",
    "person.export_json": "Ladda ner som JSON",
    "person.export_xlsx": "Ladda ner som Excel",
    "person.erase": "Radera den här personen",
    "person.erase_help": "Tar bort personen och hens relationer ur filerna, säkerhetskopiorna och ändringsloggen. "
                         "Det går inte att ångra.",
    "person.erase_intro": "Raderingen tar bort {name} och hens {relations} relationer ur data, ur alla "
                          "säkerhetskopior och ur ändringsloggen. Själva raderingen loggas utan personuppgifter.",
    "person.erase_confirm": "Skriv personens id ({id}) för att bekräfta",
    "person.erase_confirm_help": "En spärr: raderingen går inte att ångra.",
    "person.erase_button": "Radera för gott",
    "person.erased": "Personen raderades ur data, {backups} filer i säkerhetskopior och {entries} poster i "
                     "ändringsloggen.",
    "person.erase_failed": "Personen raderades inte: {detail}",
    "person.erase_conflict": "Någon sparade filerna just nu. Inget raderades: försök igen.",
    "person.erase_workbook": "Data är en arbetsbok, som instrumentpanelen inte skriver i. Konvertera den till en mapp "
                             "med CSV-filer för att radera personer här.",
    "overview.legal_basis": "Personer utan rättslig grund",
    "overview.legal_basis_help": "Enligt GDPR behöver varje person i katalogen en rättslig grund (samtycke, berättigat "
                                 "intresse, uppgift av allmänt intresse eller avtal). Fyll i legal_basis i people.csv.",
    "overview.legal_basis_none": "Alla personer har en rättslig grund.",
    "overview.legal_basis_count": "{count} personer saknar rättslig grund. Lägg till en i kolumnen legal_basis i "
                                  "people.csv (eller på sidan Redigera).",
    "url.bad_value": "Länkens värde för {name} kunde inte användas och ignorerades.",
    "auth.roles_title": "Roller",
    "auth.roles_intro": "Rollerna kommer från {source}. Ändra dem i den filen (se docs/security.md); ändringar gäller "
                        "vid nästa klick. Den som loggar in utan att stå med är {default}.",
    "auth.col.identity": "Inloggad identitet",
    "auth.col.role": "Roll",
    "col.legal_basis": "Rättslig grund",
    "value.consent": "samtycke",
    "value.legitimate-interest": "berättigat intresse",
    "value.public-task": "uppgift av allmänt intresse",
    "value.contract": "avtal",
    "value.legal-obligation": "rättslig förpliktelse",
    "value.vital-interest": "grundläggande intresse",
})

# --- guarded writes, where a request comes from, broken configuration (issue 10, sec-guard) -----------------------
EN.update({
    "auth.write_denied": "Not saved: this needs the {role} role, and you do not have it (now). Nothing was written. "
                         "Ask an administrator for that role in the role file (docs/security.md).",
    "auth.read_only_host": "Read-only: the dashboard was opened as {value}, not as localhost, 127.0.0.1 or [::1]. "
                           "Single-user mode trusts only a browser on this computer; a page under another name "
                           "(a proxy, a tunnel, another host name, or a page trying DNS rebinding) gets read-only. "
                           "Open http://localhost:8501 on this computer, or set up sign-in (docs/security.md).",
    "auth.read_only_origin": "Read-only: the connection was opened by a page from {value}, not from this dashboard "
                             "on this computer. Open http://localhost:8501 directly, or set up sign-in "
                             "(docs/security.md).",
    "auth.read_only_proxy": "Read-only: the request came through a proxy ({value}), so it may come from another "
                            "computer. Behind a proxy, set up sign-in (docs/security.md).",
    "auth.read_only_config": "Read-only for everyone until the configuration error above is fixed: nobody can sign "
                             "in or edit.",
    "auth.config_broken": "Configuration error: {detail}",
    "partners.save_needs_editor": "Saving the consortium as a project needs the {role} role. You can still download "
                                  "the rows below.",
})
SV.update({
    "auth.write_denied": "Inte sparat: det här kräver rollen {role}, och den har du inte (nu). Ingenting skrevs. "
                         "Be en administratör om den rollen i rollfilen (docs/security.md).",
    "auth.read_only_host": "Skrivskyddat: instrumentpanelen öppnades som {value}, inte som localhost, 127.0.0.1 "
                           "eller [::1]. Enanvändarläget litar bara på en webbläsare på den här datorn; en sida under "
                           "ett annat namn (en proxy, en tunnel, ett annat värdnamn eller en sida som försöker med "
                           "DNS rebinding) blir skrivskyddad. Öppna http://localhost:8501 på den här datorn, eller "
                           "konfigurera inloggning (docs/security.md).",
    "auth.read_only_origin": "Skrivskyddat: anslutningen öppnades av en sida från {value}, inte av den här "
                             "instrumentpanelen på den här datorn. Öppna http://localhost:8501 direkt, eller "
                             "konfigurera inloggning (docs/security.md).",
    "auth.read_only_proxy": "Skrivskyddat: begäran kom genom en proxy ({value}), så den kan komma från en annan "
                            "dator. Bakom en proxy: konfigurera inloggning (docs/security.md).",
    "auth.read_only_config": "Skrivskyddat för alla tills konfigurationsfelet ovan är rättat: ingen kan logga in "
                             "eller redigera.",
    "auth.config_broken": "Konfigurationsfel: {detail}",
    "partners.save_needs_editor": "Att spara konsortiet som projekt kräver rollen {role}. Du kan fortfarande ladda "
                                  "ner raderna nedan.",
})


# --- insights, map, colour by, saved views, timeline (issue 13) ----------------------------------------------------
EN.update({
    "page.insights": "Insights",
    "page.help.insights": "Who connects our groups, which groups exist, partners we lost touch with, countries we "
                          "lack, and how the network grew.",
    "page.map": "Map",
    "page.help.map": "Partners per country and organisations with coordinates, on a map that works offline.",
    "insights.title": "Insights",
    "insights.intro": "What the network's shape says: brokers between groups, the groups themselves, partners we may "
                      "have lost touch with and what we lack. Every name opens the graph or the profile.",
    "insights.computing": "Computing the network measures in the background ({step}, {percent} %). Other pages "
                          "work meanwhile; this page updates itself when they are ready.",
    "insights.failed": "The network measures could not be computed. Reload the page to try again; if it keeps "
                       "failing, tell the administrator (the server log has the error type).",
    "insights.empty": "The directory has no relations yet, so there is nothing to measure. Add relations "
                      "(relations.csv or the Edit page) and come back.",
    "insights.brokers": "Brokers: who connects our groups",
    "insights.brokers_help": "Entities on many shortest paths between others (betweenness), with how many groups "
                             "(communities) their links reach. Losing a broker can split the network.",
    "insights.broker_line": "**{name}** ({kind}) connects {groups} groups; {unlinked} pairs of them have no other "
                            "link.",
    "insights.broker_line_linked": "**{name}** ({kind}) connects {groups} groups that also have other links.",
    "insights.broker_detail": "Betweenness {betweenness} · {degree} links · constraint {constraint} (lower = more "
                              "brokerage)",
    "insights.sampled": "Betweenness on the whole directory is estimated from {sources} sampled starting points; "
                        "Explore's 'colour by centrality' measures a view exactly.",
    "insights.none_brokers": "No entity connects otherwise separate parts yet. Add relations between organisations "
                             "to see brokers.",
    "insights.communities": "Groups (communities)",
    "insights.communities_help": "Groups of entities more linked to each other than to the rest (Louvain method, "
                                 "the same data always gives the same groups).",
    "insights.community_line": "**{name}**: {size} entities · themes: {themes} · countries: {countries}",
    "insights.community_members": "Best known: {members}",
    "insights.community_name": "Group {number}",
    "insights.none_communities": "No groups of two or more entities yet. Add relations to see groups.",
    "insights.stale": "Partners we may have lost touch with",
    "insights.stale_help": "Organisations and networks within two steps of {home} whose row was not verified for "
                           "{years} years, or whose relations all ended more than {years} years ago.",
    "insights.stale_reason.not-verified": "not verified since {verified}",
    "insights.stale_reason.not-verified-never": "never verified",
    "insights.stale_reason.no-recent-relation": "last active {last}",
    "insights.stale_line": "**{name}** ({kind}, {distance} steps): {reasons}",
    "insights.none_stale": "Every partner near us was verified and active recently.",
    "insights.missing": "Countries and themes we lack",
    "insights.missing_help": "Countries eligible for a programme (its country group) with no organisation in the "
                             "directory; themes in the directory that no partner near us works on.",
    "insights.programme": "Compared with the programme",
    "insights.programme_help": "Which programme's eligible countries to compare with (programmes.csv, "
                               "eligible_group).",
    "insights.programme_all": "Any programme",
    "insights.missing_countries": "Eligible countries without any organisation: {countries}",
    "insights.none_missing": "Every eligible country has at least one organisation in the directory.",
    "insights.no_programmes": "No programme names a country group yet. Fill in eligible_group in programmes.csv to "
                              "compare.",
    "insights.missing_themes": "Themes no partner near us works on: {themes}",
    "insights.none_missing_themes": "Partners near us cover every theme in the directory.",
    "insights.reach": "Our reach",
    "insights.reach_help": "How many entities {home} reaches in one, two, three… steps (relations in either "
                           "direction).",
    "insights.reach_line": "{steps} steps: {count} ({kinds})",
    "insights.no_home": "Set home in directory.toml to the id of your own organisation to see partners we lost touch "
                        "with and our reach.",
    "insights.open": "Open an item",
    "insights.open_help": "Choose a broker, group member or partner above, then open it in the graph or its profile.",
    "insights.open_graph": "Open in the graph",
    "insights.open_graph_help": "Explore the network around it.",
    "insights.open_profile": "Open its profile",
    "insights.open_profile_help": "Its row and relations on the Directory page.",
    "insights.timeline": "How the network grew",
    "insights.timeline_help": "From the dates in the data: relations' since and until, projects' start.",
    "insights.tl_relations": "Relations active per year, by type",
    "insights.tl_projects": "Projects per programme, by start year",
    "insights.tl_new": "New partner organisations per year (their first dated relation or project)",
    "insights.tl_undated": "{count} relations have no since date and are not in the chart.",
    "insights.tl_empty": "No dates yet. Fill in since and until in relations.csv and start in projects.csv to see "
                         "the timeline.",
    "insights.col.community": "Group",
    "map.title": "Map",
    "map.intro": "Partners per country (darker = more organisations) and a dot for every organisation with "
                 "coordinates. Click a dot to see its profile. The map works offline: there is no background map.",
    "map.filters_note": "The same filters as Explore: only organisations the filters keep are counted.",
    "map.scope": "Show",
    "map.scope_help": "The whole directory, or the organisations within the radius of the focus (as in Explore).",
    "map.scope.all": "Whole directory",
    "map.scope.focus": "Around the focus",
    "map.points": "Dots for organisations with coordinates",
    "map.points_help": "Organisations with lat and lon in organisations.csv are drawn as dots.",
    "map.counts": "Organisations per country",
    "map.no_orgs": "No organisations match. Clear some filters, or add organisations (organisations.csv or the Edit "
                   "page).",
    "map.no_points": "No organisation has coordinates yet. Add lat and lon (decimal degrees, 59.27 or 59,27) to "
                     "organisations.csv, or map them in an import, to see dots.",
    "map.unavailable": "The map cannot be drawn here ({detail}); the table below has the same counts.",
    "map.clicked": "Profile of the dot you clicked:",
    "map.pick": "Or choose an organisation on the map",
    "map.pick_help": "Every organisation drawn as a dot, by name.",
    "map.tooltip": "{label}: {count} organisations",
    "map.col.country": "Country",
    "map.col.count": "Organisations",
    "colour.by": "Colour by",
    "colour.by_help": "Kind (shapes always show the kind), group (community, from the Insights page) or centrality "
                      "(betweenness in this view, measured exactly).",
    "colour.kind": "Kind",
    "colour.community": "Group",
    "colour.centrality": "Centrality",
    "colour.legend_community": "Colour: group",
    "colour.legend_centrality": "Colour: centrality in this view",
    "colour.other_groups": "Other groups",
    "colour.low": "low",
    "colour.high": "high",
    "colour.waiting": "The groups are still being computed (Insights page); colours show the kind until they are "
                      "ready.",
    "year.toggle": "Show the network as it was in a year",
    "year.toggle_help": "Keep only relations active in the chosen year (from since and until). Relations without "
                        "dates are kept.",
    "year.slider": "Year",
    "year.slider_help": "Drag to watch the network grow.",
    "year.no_dates": "No relation has a since date, so the network cannot be shown by year.",
    "views.title": "Saved views",
    "views.help": "Views colleagues saved: focus, radius, filters and colouring. Opening one is like opening its "
                  "link.",
    "views.none": "No saved views yet. Set up a view and save it below (needs the editor role) so colleagues can "
                  "open it.",
    "views.open": "Open a saved view",
    "views.open_help": "Choose a view to open it or copy its link.",
    "views.link": "Link: `{link}`",
    "views.save_name": "Name for this view",
    "views.save_name_help": "A name colleagues recognise, such as 'REVES members in the Nordics'.",
    "views.save": "Save this view",
    "views.save_help": "Saves the focus, radius, filters and colouring into the directory (views.csv), with a backup "
                       "and a change-log entry.",
    "views.saved": "Saved the view '{name}'.",
    "views.rename": "New name",
    "views.rename_help": "The link stays the same.",
    "views.rename_button": "Rename",
    "views.rename_button_help": "Give the chosen view the new name.",
    "views.delete": "Delete",
    "views.delete_help": "Removes the chosen view (a backup keeps it).",
    "views.deleted": "Deleted the view '{name}'.",
    "views.failed": "The view was not saved: {detail}",
    "views.conflict": "Someone saved the files just now. Nothing was changed: try again.",
    "views.workbook": "The data is a workbook, which the dashboard does not write. Convert it to a folder of CSV "
                      "files to save views.",
    "views.edit_needed": "Saving, renaming and deleting views needs the editor role.",
    "col.lat": "Latitude",
    "col.lon": "Longitude",
})
SV.update({
    "page.insights": "Insikter",
    "page.help.insights": "Vilka som binder ihop våra grupper, vilka grupper som finns, partner vi tappat kontakt "
                          "med, länder vi saknar och hur nätverket har vuxit.",
    "page.map": "Karta",
    "page.help.map": "Partner per land och organisationer med koordinater, på en karta som fungerar utan internet.",
    "insights.title": "Insikter",
    "insights.intro": "Vad nätverkets form säger: mäklare mellan grupper, grupperna själva, partner vi kan ha tappat "
                      "kontakten med och vad vi saknar. Varje namn öppnar grafen eller profilen.",
    "insights.computing": "Nätverksmåtten beräknas i bakgrunden ({step}, {percent} %). Andra sidor fungerar under "
                          "tiden; sidan uppdateras själv när de är klara.",
    "insights.failed": "Nätverksmåtten kunde inte beräknas. Ladda om sidan för att försöka igen; om felet kvarstår, "
                       "kontakta administratören (serverloggen har feltypen).",
    "insights.empty": "Katalogen har inga relationer än, så det finns inget att mäta. Lägg till relationer "
                      "(relations.csv eller sidan Redigera) och kom tillbaka.",
    "insights.brokers": "Mäklare: vilka som binder ihop våra grupper",
    "insights.brokers_help": "Poster som ligger på många kortaste vägar mellan andra (betweenness), och hur många "
                             "grupper (communities) deras relationer når. Försvinner en mäklare kan nätverket "
                             "delas.",
    "insights.broker_line": "**{name}** ({kind}) binder ihop {groups} grupper; {unlinked} par av dem har ingen annan "
                            "länk.",
    "insights.broker_line_linked": "**{name}** ({kind}) binder ihop {groups} grupper som också har andra länkar.",
    "insights.broker_detail": "Betweenness {betweenness} · {degree} länkar · constraint {constraint} (lägre = mer "
                              "mäklarroll)",
    "insights.sampled": "Betweenness för hela katalogen uppskattas från {sources} slumpvis valda startpunkter; "
                        "Utforska med 'färg efter centralitet' mäter en vy exakt.",
    "insights.none_brokers": "Ingen post binder ihop annars åtskilda delar än. Lägg till relationer mellan "
                             "organisationer för att se mäklare.",
    "insights.communities": "Grupper (communities)",
    "insights.communities_help": "Grupper av poster som har fler länkar till varandra än till resten "
                                 "(Louvain-metoden; samma data ger alltid samma grupper).",
    "insights.community_line": "**{name}**: {size} poster · teman: {themes} · länder: {countries}",
    "insights.community_members": "Mest kända: {members}",
    "insights.community_name": "Grupp {number}",
    "insights.none_communities": "Inga grupper med två eller fler poster än. Lägg till relationer för att se "
                                 "grupper.",
    "insights.stale": "Partner vi kan ha tappat kontakten med",
    "insights.stale_help": "Organisationer och nätverk inom två steg från {home} vars rad inte har kontrollerats på "
                           "{years} år, eller vars relationer alla upphörde för mer än {years} år sedan.",
    "insights.stale_reason.not-verified": "inte kontrollerad sedan {verified}",
    "insights.stale_reason.not-verified-never": "aldrig kontrollerad",
    "insights.stale_reason.no-recent-relation": "senast aktiv {last}",
    "insights.stale_line": "**{name}** ({kind}, {distance} steg): {reasons}",
    "insights.none_stale": "Alla partner nära oss har kontrollerats och varit aktiva nyligen.",
    "insights.missing": "Länder och teman vi saknar",
    "insights.missing_help": "Länder som är behöriga i ett program (dess landgrupp) utan någon organisation i "
                             "katalogen; teman i katalogen som ingen partner nära oss arbetar med.",
    "insights.programme": "Jämfört med programmet",
    "insights.programme_help": "Vilket programs behöriga länder som ska jämföras (programmes.csv, eligible_group).",
    "insights.programme_all": "Alla program",
    "insights.missing_countries": "Behöriga länder utan någon organisation: {countries}",
    "insights.none_missing": "Alla behöriga länder har minst en organisation i katalogen.",
    "insights.no_programmes": "Inget program anger en landgrupp än. Fyll i eligible_group i programmes.csv för att "
                              "jämföra.",
    "insights.missing_themes": "Teman som ingen partner nära oss arbetar med: {themes}",
    "insights.none_missing_themes": "Partner nära oss täcker alla teman i katalogen.",
    "insights.reach": "Vår räckvidd",
    "insights.reach_help": "Hur många poster {home} når i ett, två, tre … steg (relationer åt båda hållen).",
    "insights.reach_line": "{steps} steg: {count} ({kinds})",
    "insights.no_home": "Ange home i directory.toml (id för er egen organisation) för att se partner vi tappat "
                        "kontakten med och vår räckvidd.",
    "insights.open": "Öppna en post",
    "insights.open_help": "Välj en mäklare, gruppmedlem eller partner ovan och öppna den i grafen eller dess profil.",
    "insights.open_graph": "Öppna i grafen",
    "insights.open_graph_help": "Utforska nätverket runt den.",
    "insights.open_profile": "Öppna profilen",
    "insights.open_profile_help": "Dess rad och relationer på sidan Katalog.",
    "insights.timeline": "Hur nätverket har vuxit",
    "insights.timeline_help": "Från datumen i data: relationernas since och until, projektens start.",
    "insights.tl_relations": "Aktiva relationer per år, efter typ",
    "insights.tl_projects": "Projekt per program, efter startår",
    "insights.tl_new": "Nya partnerorganisationer per år (deras första daterade relation eller projekt)",
    "insights.tl_undated": "{count} relationer saknar since-datum och finns inte med i diagrammet.",
    "insights.tl_empty": "Inga datum än. Fyll i since och until i relations.csv och start i projects.csv för att se "
                         "tidslinjen.",
    "insights.col.community": "Grupp",
    "map.title": "Karta",
    "map.intro": "Partner per land (mörkare = fler organisationer) och en prick för varje organisation med "
                 "koordinater. Klicka på en prick för att se profilen. Kartan fungerar utan internet: den har ingen "
                 "bakgrundskarta.",
    "map.filters_note": "Samma filter som i Utforska: bara organisationer som filtren behåller räknas.",
    "map.scope": "Visa",
    "map.scope_help": "Hela katalogen, eller organisationerna inom radien från fokus (som i Utforska).",
    "map.scope.all": "Hela katalogen",
    "map.scope.focus": "Runt fokus",
    "map.points": "Prickar för organisationer med koordinater",
    "map.points_help": "Organisationer med lat och lon i organisations.csv ritas som prickar.",
    "map.counts": "Organisationer per land",
    "map.no_orgs": "Inga organisationer matchar. Ta bort några filter, eller lägg till organisationer "
                   "(organisations.csv eller sidan Redigera).",
    "map.no_points": "Ingen organisation har koordinater än. Lägg till lat och lon (decimalgrader, 59.27 eller "
                     "59,27) i organisations.csv, eller mappa dem vid en import, för att se prickar.",
    "map.unavailable": "Kartan kan inte ritas här ({detail}); tabellen nedan har samma antal.",
    "map.clicked": "Profil för pricken du klickade på:",
    "map.pick": "Eller välj en organisation på kartan",
    "map.pick_help": "Alla organisationer som ritas som prickar, efter namn.",
    "map.tooltip": "{label}: {count} organisationer",
    "map.col.country": "Land",
    "map.col.count": "Organisationer",
    "colour.by": "Färg efter",
    "colour.by_help": "Typ (formen visar alltid typen), grupp (community, från sidan Insikter) eller centralitet "
                      "(betweenness i den här vyn, exakt mätt).",
    "colour.kind": "Typ",
    "colour.community": "Grupp",
    "colour.centrality": "Centralitet",
    "colour.legend_community": "Färg: grupp",
    "colour.legend_centrality": "Färg: centralitet i vyn",
    "colour.other_groups": "Övriga grupper",
    "colour.low": "låg",
    "colour.high": "hög",
    "colour.waiting": "Grupperna beräknas fortfarande (sidan Insikter); färgerna visar typ tills de är klara.",
    "year.toggle": "Visa nätverket som det såg ut ett visst år",
    "year.toggle_help": "Behåll bara relationer som var aktiva det valda året (från since och until). Relationer "
                        "utan datum behålls.",
    "year.slider": "År",
    "year.slider_help": "Dra för att se nätverket växa.",
    "year.no_dates": "Ingen relation har ett since-datum, så nätverket kan inte visas per år.",
    "views.title": "Sparade vyer",
    "views.help": "Vyer som kolleger har sparat: fokus, radie, filter och färgläggning. Att öppna en är som att "
                  "öppna dess länk.",
    "views.none": "Inga sparade vyer än. Ställ in en vy och spara den nedan (kräver rollen redaktör) så att kolleger "
                  "kan öppna den.",
    "views.open": "Öppna en sparad vy",
    "views.open_help": "Välj en vy för att öppna den eller kopiera dess länk.",
    "views.link": "Länk: `{link}`",
    "views.save_name": "Namn på vyn",
    "views.save_name_help": "Ett namn som kolleger känner igen, till exempel 'REVES-medlemmar i Norden'.",
    "views.save": "Spara vyn",
    "views.save_help": "Sparar fokus, radie, filter och färgläggning i katalogen (views.csv), med säkerhetskopia och "
                       "en rad i ändringsloggen.",
    "views.saved": "Vyn '{name}' sparades.",
    "views.rename": "Nytt namn",
    "views.rename_help": "Länken förblir densamma.",
    "views.rename_button": "Byt namn",
    "views.rename_button_help": "Ge den valda vyn det nya namnet.",
    "views.delete": "Ta bort",
    "views.delete_help": "Tar bort den valda vyn (en säkerhetskopia behåller den).",
    "views.deleted": "Vyn '{name}' togs bort.",
    "views.failed": "Vyn sparades inte: {detail}",
    "views.conflict": "Någon sparade filerna just nu. Inget ändrades: försök igen.",
    "views.workbook": "Data är en arbetsbok, som instrumentpanelen inte skriver i. Konvertera den till en mapp med "
                      "CSV-filer för att spara vyer.",
    "views.edit_needed": "Att spara, byta namn på och ta bort vyer kräver rollen redaktör.",
    "col.lat": "Latitud",
    "col.lon": "Longitud",
})


def _core_reason_templates() -> dict[str, str]:
    """The English templates of the partner finder's reasons and the consortium check's findings, from the core."""
    from network.partners import ENGLISH as REASONS

    return {f"reason.{code}": text for code, text in REASONS.items() if not code.startswith("theme.")}  # theme names
    # are words, not reasons: they come from the vocabulary below


EN.update(_core_reason_templates())

# Theme names come from the theme vocabulary (network/themes.csv), the one place that holds them with their synonyms.
EN.update({f"theme.{tag}": name for tag, name in themes.labels("en").items()})
SV.update({f"theme.{tag}": name for tag, name in themes.labels("sv").items()})

# --- partner ranking at scale: lineage, evidence, filters, paging (issue 11) ----------------------------------------
EN.update({
    "col.lineage": "Lineage",
    "value.horizon-2020": "Horizon 2020",
    "partners.filters": "More filters",
    "partners.filters_help": "Narrow the list down by region, experience and period.",
    "partners.nuts": "NUTS regions",
    "partners.nuts_help": "Only organisations whose NUTS code starts with one of these, separated by commas: SE12 is "
                          "Östra Mellansverige, DE3 Berlin. Organisations without a NUTS code are left out.",
    "partners.nuts_placeholder": "for example SE12, DE3",
    "partners.experienced": "Only with experience of the programme",
    "partners.experienced_help": "Only organisations that took part in a funded project of the call's programme, its "
                                 "family or its lineage (Horizon 2020 counts for Horizon Europe, Europe for Citizens "
                                 "for CERV).",
    "partners.coordinators": "Only those that have coordinated",
    "partners.coordinators_help": "Only organisations that coordinated (led) at least one funded project.",
    "partners.period_on": "Only active in a period",
    "partners.period_on_help": "Only organisations that took part in a funded project that ran, at least partly, in "
                               "these years. Projects without dates do not count.",
    "partners.period": "Years",
    "partners.period_help": "The first and last year of the period.",
    "partners.page": "Page",
    "partners.page_help": "The suggestions come in pages of the chosen size; equal scores are ordered by evidence "
                          "(relevant projects, coordination, how recent, programme experience), never by name.",
    "partners.showing": "Showing {first}–{last} of {total} that match, best first.",
    "partners.past_end": "Only {total} organisations match: go back to page {pages}.",
})
SV.update({
    "col.lineage": "Programlinje",
    "value.horizon-2020": "Horisont 2020",
    "partners.filters": "Fler filter",
    "partners.filters_help": "Begränsa listan efter region, erfarenhet och period.",
    "partners.nuts": "NUTS-regioner",
    "partners.nuts_help": "Bara organisationer vars NUTS-kod börjar med någon av dessa, åtskilda med komma: SE12 är "
                          "Östra Mellansverige, DE3 Berlin. Organisationer utan NUTS-kod tas bort.",
    "partners.nuts_placeholder": "till exempel SE12, DE3",
    "partners.experienced": "Bara med erfarenhet av programmet",
    "partners.experienced_help": "Bara organisationer som varit med i ett beviljat projekt i utlysningens program, "
                                 "programfamilj eller programlinje (Horisont 2020 räknas för Horisont Europa, Europa "
                                 "för medborgarna för CERV).",
    "partners.coordinators": "Bara de som har samordnat",
    "partners.coordinators_help": "Bara organisationer som samordnat (lett) minst ett beviljat projekt.",
    "partners.period_on": "Bara aktiva under en period",
    "partners.period_on_help": "Bara organisationer som varit med i ett beviljat projekt som pågick, åtminstone "
                               "delvis, under dessa år. Projekt utan datum räknas inte.",
    "partners.period": "År",
    "partners.period_help": "Periodens första och sista år.",
    "partners.page": "Sida",
    "partners.page_help": "Förslagen visas sida för sida i vald storlek; lika poäng ordnas efter belägg (relevanta "
                          "projekt, samordning, hur nyligen, programerfarenhet), aldrig efter namn.",
    "partners.showing": "Visar {first}–{last} av {total} som matchar, bästa först.",
    "partners.past_end": "Bara {total} organisationer matchar: gå tillbaka till sida {pages}.",
    "reason.lineage-projects": "Partner i {count} {programme}-projekt, programmet före {call}: {projects}.",
    "reason.lineage-projects.one": "Partner i ett {programme}-projekt, programmet före {call}: {projects}.",
    "reason.coordinator-experience": "Har samordnat {count} beviljade projekt.",
    "reason.coordinator-experience.one": "Har samordnat ett beviljat projekt.",
    "reason.theme-project-topics": "Arbetar med {themes}: ett tema i projektet {project}.",
    "reason.theme-project-text": "Arbetar med {themes}: projektet {project} handlar om det (\u201d{word}\u201d).",
    "reason.theme-project-topics-text": "Arbetar med {themes}: projektet {project} handlar om det.",
    "reason.theme-own-text": "Arbetar med {themes}: namnet eller beskrivningen säger \u201d{word}\u201d.",
    "reason.theme-programme": "Arbetar med {themes}: projektet {project} fick stöd från {programme}, som handlar om det.",
    "reason.theme-network": "Arbetar med {themes}: medlem i {network}, ett nätverk om det.",
    "reason.relevant-projects": "{count} av dess projekt handlar om de valda temana.",
    "reason.relevant-projects.one": "Ett av dess projekt handlar om de valda temana.",
})

CATALOGUES: dict[str, Mapping[str, str]] = {"sv": SV, "en": EN}


def current_language() -> str:
    """The chosen language for this session ("sv" unless the switch or the link says otherwise)."""
    try:
        value = st.session_state.get(LANGUAGE_KEY, DEFAULT_LANGUAGE)
    except Exception:  # outside a Streamlit run (a plain import in a test or a notebook)
        value = DEFAULT_LANGUAGE
    return value if value in LANGUAGES else DEFAULT_LANGUAGE


def set_language(language: str) -> None:
    """Choose the language for this session (before the switch is drawn in this run)."""
    if language in LANGUAGES:
        st.session_state[LANGUAGE_KEY] = language


def t(key: str, **values: object) -> str:
    """The text for ``key`` in the chosen language, with ``{placeholders}`` filled in from ``values``."""
    text = CATALOGUES[current_language()].get(key) or EN.get(key) or key
    return text.format(**values) if values else text


def tm(key: str, **values: object) -> str:
    """Like ``t``, for Markdown elements (st.markdown, captions, alerts, headings, labels, help): the values are
    escaped (``ui.safe_text``), so a name, a path or a message from the data shows as written and cannot add links,
    pictures, headings or formatting."""
    return t(key, **{name: escape_markdown(value) for name, value in values.items()})


def _lookup(key: str, fallback: str) -> str:
    text = CATALOGUES[current_language()].get(key) or EN.get(key)
    return text if text else fallback


def match_reason_text(reason: object) -> str:
    """Why matching scored a pair as it did (a ``network.matching.Reason``), in the chosen language and escaped for
    Markdown; the core's English text when the catalogue has no entry for the reason's code."""
    code, params = getattr(reason, "code", ""), dict(getattr(reason, "params", {}) or {})
    key = f"matches.reason.{code}"
    text = CATALOGUES[current_language()].get(key) or EN.get(key)
    if not text:
        return escape_markdown(str(getattr(reason, "text", code)))
    return text.format(**{k: escape_markdown(str(v)) for k, v in params.items()})


def kind_label(kind: str, plural: bool = False) -> str:
    """"Organisation" / "Organisationer" for ``organisation``."""
    return _lookup(f"{'kinds' if plural else 'kind'}.{kind}", kind)


def relation_label(relation: str) -> str:
    """The relation read from source to target, as short words ("member of" / "medlem i")."""
    return _lookup(f"rel.{relation}", relation.replace("_", " "))


def relation_phrase(relation: str, outgoing: bool) -> str:
    """The relation as seen from one end: "member of" from the member, "has member" from the network."""
    return relation_label(relation) if outgoing else _lookup(f"relinv.{relation}", relation.replace("_", " "))


def value_label(value: str) -> str:
    """A vocabulary value (an organisation type, a status, a role) in words; unknown values as written."""
    return _lookup(f"value.{value}", value.replace("-", " ")) if value else ""


def theme_label(theme: str) -> str:
    return _lookup(f"theme.{theme}", theme.replace("-", " "))


def column_label(column: str) -> str:
    return _lookup(f"col.{column}", column.replace("_", " ").capitalize())


def problem_label(code: str) -> str:
    return _lookup(f"problem.{code}", _lookup("problem.other", code))


def language_switch() -> str:
    """The Svenska / English switch in the sidebar; returns the chosen language."""
    if st.session_state.get(LANGUAGE_KEY) not in LANGUAGES:
        st.session_state[LANGUAGE_KEY] = DEFAULT_LANGUAGE
    return st.sidebar.segmented_control(
        t("app.language"),
        list(LANGUAGES),
        format_func=LANGUAGES.__getitem__,
        key=LANGUAGE_KEY,
        required=True,
        help=t("app.language_help"),
    )
