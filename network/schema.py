"""The data format: the one place that says which files, columns and relations a directory has.

Reading, validation, graph building, the docs (``docs/data-format.md`` is generated from this module by
``python -m network schema --format markdown``) and the dashboard all derive from these definitions, so a change
to the format is made here and nowhere else.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Iterable

__all__ = [
    "Column",
    "Table",
    "RelationType",
    "TABLES",
    "ENTITY_TABLES",
    "RELATIONS_TABLE",
    "RELATION_TYPES",
    "KINDS",
    "table_for_file",
    "table_for_kind",
    "LIST_SEPARATOR",
    "ID_PATTERN",
    "DATE_PATTERN",
    "RELATION_KEY",
    "STALE_AFTER_DAYS",
    "COUNTRY_GROUPS",
    "LOOKUP_TABLES",
    "GROUP_ID_PATTERN",
    "BUILTIN_GROUPS",
    "OUTSIDE_COUNTRIES",
    "LEGAL_BASES",
    "COORDINATE",
    "VIEWS",
    "coordinate_range",
    "MATCHES",
    "MATCH_DECISIONS",
    "MATCH_KINDS",
]

#: Separator for multi-valued cells (themes, languages, coordinator types).
LIST_SEPARATOR = "|"
#: An id is a slug: lower-case letters, digits and ``-``, ``_`` or ``.`` (``region-orebro``, ``pic-999999999``).
ID_PATTERN = r"[a-z0-9][a-z0-9._-]*"
#: Dates are ``YYYY-MM-DD``, ``YYYY-MM`` or ``YYYY``.
DATE_PATTERN = r"\d{4}(?:-\d{2}(?:-\d{2})?)?"
#: A row whose ``verified`` date is older than this gets a warning.
STALE_AFTER_DAYS = 3 * 365

# Column types. Each one has a validator in ``validation.py``.
TEXT = "text"  # free text, NFC-normalised, stripped
NAME = "name"  # like text, and used as the display name
ID = "id"  # a slug, unique across all files
REF = "ref"  # the id of another entity (see ``Column.ref_kinds``)
LIST = "list"  # several values separated by ``|``
COUNTRY = "country"  # ISO 3166-1 alpha-2 (EL and UK accepted, normalised to GR and GB)
DATE = "date"
EMAIL = "email"
URL = "url"  # an http(s) link
REFERENCE = "reference"  # an http(s) link or the name of a document
INTEGER = "integer"
NUMBER = "number"
VOCAB = "vocab"  # one value from ``Column.vocabulary``
GROUP = "group"  # the id of a country group (country_groups.csv); in that file, the group's own id
COUNTRY_LIST = "country-list"  # several country codes separated by ``|``
COORDINATE = "coordinate"  # decimal degrees; a decimal comma is accepted (59,27); lat -90..90, lon -180..180

#: A country group id: like an id, and ``+`` is allowed too (``eu+eea``).
GROUP_ID_PATTERN = r"[a-z0-9][a-z0-9.+_-]*"
#: Groups every directory has even without country_groups.csv (countries.EU_MEMBERS and EEA_MEMBERS).
#: A row in country_groups.csv with the same id replaces the built-in list.
BUILTIN_GROUPS = ("eu", "eu+eea")


@dataclass(frozen=True)
class Column:
    """One column of a file: its name, type, whether it is required, and what it means."""

    name: str
    type: str = TEXT
    required: bool = False
    help: str = ""
    #: For ``vocab`` (and ``list`` of known values): the known values.
    vocabulary: tuple[str, ...] = ()
    #: For ``vocab``: an unknown value is an error (True) or only a warning (False).
    strict: bool = False
    #: For ``ref``: the kinds the referenced id may have.
    ref_kinds: tuple[str, ...] = ()
    #: For ``ref``: the relation type this column also creates (source = this row, target = the referenced id).
    makes_relation: str = ""
    #: A contact detail (an e-mail address, a phone number, notes about a contact): left out of exports and of the
    #: command line's ``show`` unless contact details are asked for (``Table.contact_columns``).
    contact: bool = False


@dataclass(frozen=True)
class Table:
    """One file of a directory (``organisations.csv``) or, in a workbook, one sheet (``organisations``)."""

    file: str
    kind: str  # the entity kind of its rows ("organisation"), or "relation" for relations.csv
    columns: tuple[Column, ...]
    help: str = ""
    #: A lookup table (country_groups.csv): validated and kept with the directory, but its rows are not entities.
    lookup: bool = False
    #: For a table of personal data (people.csv): the columns everyone who may read the directory sees. Every other
    #: column is personal data, for users who may see contact details only (``network.access``: see_contacts).
    public_columns: tuple[str, ...] | None = None

    @property
    def sheet(self) -> str:
        """The sheet name in a workbook: the file name without ``.csv``."""
        return self.file.removesuffix(".csv")

    @property
    def is_entity(self) -> bool:
        return self.kind != "relation" and not self.lookup

    @property
    def column_names(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns)

    @property
    def personal_columns(self) -> tuple[str, ...]:
        """The columns only users allowed to see contact details see: all but ``public_columns`` (none for a table
        without personal data). Any value in them, or quoted from them, is hidden from viewers."""
        if self.public_columns is None:
            return ()
        return tuple(c for c in self.column_names if c not in self.public_columns)

    @property
    def contact_columns(self) -> tuple[str, ...]:
        """The contact details of this table (``Column.contact``), in file order: hidden unless asked for."""
        return tuple(c.name for c in self.columns if c.contact)

    @property
    def required_columns(self) -> tuple[str, ...]:
        return tuple(c.name for c in self.columns if c.required)

    def column(self, name: str) -> Column:
        for col in self.columns:
            if col.name == name:
                return col
        raise KeyError(name)


@dataclass(frozen=True)
class RelationType:
    """A relation type, the kinds it may join (source → target) and whether it has a direction."""

    name: str
    sources: frozenset[str]
    targets: frozenset[str]
    directed: bool = True
    roles: tuple[str, ...] = ()
    help: str = ""
    #: The reading of the relation from target to source, for sentences ("REVES has member Region Örebro län").
    inverse_help: str = ""
    #: When not every source kind may join every target kind: the allowed (source kind, target kind) pairs
    #: (``part_of`` joins organisation → organisation and network → network, not across).
    pairs: frozenset[tuple[str, str]] | None = None

    def allows(self, source_kind: str, target_kind: str) -> bool:
        """Whether this relation may join an entity of ``source_kind`` to one of ``target_kind`` (the one rule;
        ``relation_allowed``, validation, the docs and the edit forms use it)."""
        if self.pairs is not None:
            pairs = self.pairs if self.directed else self.pairs | {(t, s) for s, t in self.pairs}
            return (source_kind, target_kind) in pairs
        if source_kind in self.sources and target_kind in self.targets:
            return True
        return not self.directed and source_kind in self.targets and target_kind in self.sources


def _kinds(*names: str) -> frozenset[str]:
    return frozenset(names)


ORGANISATION_TYPES = (
    "region",
    "municipality",
    "public-body",
    "eu-body",
    "university",
    "research-institute",
    "school",
    "cultural-institution",
    "artist-residency",
    "museum",
    "theatre",
    "library",
    "ngo",
    "association",
    "foundation",
    "social-enterprise",
    "company",
    "self-employed",
    "network-office",
    "other",
)
NETWORK_TYPES = (
    "association",
    "expert-group",
    "platform",
    "eu-office",
    "informal",
    "alliance",
    "other",
)
NETWORK_SCOPES = ("european", "international", "nordic", "national", "regional", "local")
PROJECT_STATUSES = ("idea", "in-preparation", "submitted", "granted", "rejected", "running", "completed")
PROGRAMME_FAMILIES = (
    "creative-europe",
    "erasmus-plus",
    "horizon-europe",
    "horizon-2020",
    "interreg",
    "cerv",
    "europe-for-citizens",
    "esf-plus",
    "national",
    "other",
)
PARTNER_ROLES = ("coordinator", "partner", "associated")
#: What a consortium rule does with organisations from countries outside its eligible group.
OUTSIDE_COUNTRIES = ("excluded", "not-counted")

_REFERENCE = Column("reference", REFERENCE, help="Where the facts in this row come from: a URL or a document name.")
_VERIFIED = Column("verified", DATE, help="When someone last checked this row (YYYY-MM-DD).")
_THEMES = Column("themes", LIST, help="Themes, separated by | (for example: dance|children-youth).")
_WEBSITE = Column("website", URL, help="Home page, starting with https://.")
_ALIASES = Column(
    "aliases",
    LIST,
    help="Other names it is known by, separated by | (English name, former name, "
    "acronym, a spelling another source uses). Search finds them; matching uses them; a merge adds "
    "the merged row's name here.",
)
_DESCRIPTION = Column("description", TEXT, help="A sentence or two. Invented sample rows say 'fictional'.")


def _id(help: str) -> Column:
    return Column("id", ID, required=True, help=help)


def _name(help: str) -> Column:
    return Column("name", NAME, required=True, help=help)


ORGANISATIONS = Table(
    "organisations.csv",
    "organisation",
    (
        _id("Unique id, a slug such as region-orebro."),
        _name("The organisation's official name, in its own language."),
        _ALIASES,
        Column(
            "type",
            VOCAB,
            required=True,
            vocabulary=ORGANISATION_TYPES,
            help="What kind of body it is. A "
            "source's own word (City, Kommun, Regional public authority, HES) is read as one of these "
            "(network/vocabularies.py).",
        ),
        Column(
            "source_type",
            TEXT,
            help="The type in the source's own words, when an import read it as another "
            "type or did not know it (then type is other): 'Regional public authority', 'PRC', 'Sports club'.",
        ),
        Column("country", COUNTRY, required=True, help="ISO 3166-1 alpha-2 code such as SE (EL and UK accepted)."),
        Column("city", TEXT, help="City or town."),
        Column("nuts", TEXT, help="NUTS region code such as SE124."),
        Column("lat", COORDINATE, help="Latitude in decimal degrees (59.2753 or 59,2753), for a point on the map."),
        Column("lon", COORDINATE, help="Longitude in decimal degrees (15.2134 or 15,2134), for a point on the map."),
        Column(
            "founded",
            DATE,
            help="When it was set up as a legal entity (YYYY is enough); checks rules such as "
            "'the coordinator must have existed for 2 years'.",
        ),
        _THEMES,
        _WEBSITE,
        Column("email", EMAIL, contact=True, help="A general (functional) e-mail address of the organisation."),
        Column(
            "pic",
            TEXT,
            help="The EU Participant Identification Code (9 digits), if it has one. Matching treats "
            "the same PIC as the same organisation; ids such as pic-999650088 (CORDIS imports) count too.",
        ),
        Column(
            "vat",
            TEXT,
            help="The VAT number (SE202100292401), if known. The same VAT number is the same "
            "organisation when matching.",
        ),
        _DESCRIPTION,
        _REFERENCE,
        _VERIFIED,
    ),
    help="Organisations: public bodies, cultural institutions, associations, companies.",
)
NETWORKS = Table(
    "networks.csv",
    "network",
    (
        _id("Unique id, a slug such as reves."),
        _name("The network's name."),
        _ALIASES,
        Column("type", VOCAB, required=True, vocabulary=NETWORK_TYPES, help="What kind of network it is."),
        Column("scope", VOCAB, vocabulary=NETWORK_SCOPES, help="Geographic scope."),
        _WEBSITE,
        _THEMES,
        _DESCRIPTION,
        _REFERENCE,
        _VERIFIED,
    ),
    help="Networks, platforms and expert groups that organisations and people belong to.",
)
PROJECTS = Table(
    "projects.csv",
    "project",
    (
        _id("Unique id, a slug such as dance-bridges-2023."),
        _name("The project's full title."),
        Column("acronym", TEXT, help="Short name."),
        Column(
            "programme",
            REF,
            ref_kinds=("programme",),
            makes_relation="funded_by",
            help="Id of the funding programme (creates a funded_by relation).",
        ),
        Column("status", VOCAB, required=True, vocabulary=PROJECT_STATUSES, strict=True, help="Where it stands."),
        Column("start", DATE, help="Start date."),
        Column("end", DATE, help="End date."),
        Column("budget_eur", NUMBER, help="Total budget in euro, digits only (12500.50)."),
        _THEMES,
        _WEBSITE,
        _DESCRIPTION,
        _REFERENCE,
        _VERIFIED,
    ),
    help="EU and other projects, from idea to completed.",
)
PROGRAMMES = Table(
    "programmes.csv",
    "programme",
    (
        _id("Unique id, a slug such as creative-europe-small."),
        _name("The programme and call type."),
        Column(
            "family",
            VOCAB,
            vocabulary=PROGRAMME_FAMILIES,
            help="Programme family. Funded projects of the "
            "same family count as experience for a call (other and national do not group programmes).",
        ),
        Column(
            "lineage",
            TEXT,
            help="The programme line across programming periods, a slug that a programme "
            "shares with its predecessor and successor: horizon (Horizon 2020 → Horizon Europe), "
            "interreg-europe (Interreg Europe 2014–2020 → 2021–2027), creative-europe, citizens (Europe for "
            "Citizens → CERV). Funded projects of any programme of the same lineage count as experience for a "
            "call, and the reasons say which programme they were in.",
        ),
        Column(
            "themes",
            LIST,
            help="Themes the programme (or programme part) is about, separated by | "
            "(Horizon 2020 SC6: inclusion|culture|social-innovation). Its projects' partners get them as "
            "evidence, named as coming from the programme.",
        ),
        Column("call", TEXT, help="The call (and year) the rule below was read from, such as CREA-CULT-2025-COOP-1."),
        Column(
            "min_partners",
            INTEGER,
            help="Minimum number of partners in a consortium (counting only the roles in counted_roles).",
        ),
        Column("min_countries", INTEGER, help="Minimum number of distinct eligible countries among those partners."),
        Column("min_eu_countries", INTEGER, help="Minimum number of distinct EU member states among those partners."),
        Column(
            "min_eu_partners",
            INTEGER,
            help="Minimum number of those partners established in EU member states (Interreg Europe: 2).",
        ),
        Column(
            "eligible_group",
            GROUP,
            help="The country group whose organisations may take part and count "
            "(a group of country_groups.csv, such as erasmus-programme-countries); empty means any country.",
        ),
        Column(
            "outside_countries",
            VOCAB,
            vocabulary=OUTSIDE_COUNTRIES,
            strict=True,
            help="Organisations from countries outside eligible_group: excluded (cannot be coordinator or "
            "partner; the default) or not-counted (may be partners, but do not count toward the minimums).",
        ),
        Column(
            "partner_types",
            LIST,
            vocabulary=ORGANISATION_TYPES,
            help="Organisation types that may be coordinator or partner, separated by | (empty: any type).",
        ),
        Column(
            "coordinator_types",
            LIST,
            vocabulary=ORGANISATION_TYPES,
            help="Organisation types that may "
            "coordinate (lead), separated by | (region|municipality|public-body); empty: any type.",
        ),
        Column(
            "coordinator_group", GROUP, help="The country group the coordinator must be in (empty: the eligible_group)."
        ),
        Column(
            "coordinator_min_age_years",
            INTEGER,
            help="How many years the coordinator must have existed as a "
            "legal entity (compared with organisations' founded column), where the call says so.",
        ),
        Column("max_months", INTEGER, help="Maximum project duration in months."),
        Column(
            "counted_roles",
            LIST,
            vocabulary=PARTNER_ROLES,
            strict=True,
            help="Which partner roles count "
            "toward the minimums, separated by | (empty: coordinator|partner; associated partners never count "
            "unless listed).",
        ),
        Column("rule_note", TEXT, help="The consortium rule in words, and the call it was read from."),
        Column("url", URL, help="The programme's or call's page."),
        _REFERENCE,
        _VERIFIED,
    ),
    help="Funding programmes and call types, with their consortium rules.",
)
#: GDPR art. 6 legal bases for keeping a person's data (people.csv ``legal_basis``).
LEGAL_BASES: tuple[str, ...] = (
    "consent",
    "legitimate-interest",
    "public-task",
    "contract",
    "legal-obligation",
    "vital-interest",
)
PEOPLE = Table(
    "people.csv",
    "person",
    (
        _id("Unique id, a slug such as anna-exempel."),
        _name("First and last name."),
        Column(
            "organisation",
            REF,
            ref_kinds=("organisation",),
            makes_relation="works_at",
            help="Id of the employer (creates a works_at relation).",
        ),
        Column("role", TEXT, help="Job title or role."),
        Column(
            "email",
            EMAIL,
            contact=True,
            help="Personal data: shown only to editors and left out of exports by default.",
        ),
        Column(
            "phone", TEXT, contact=True, help="Personal data: shown only to editors and left out of exports by default."
        ),
        Column("languages", LIST, help="Languages spoken, separated by | (sv|en|de)."),
        _THEMES,
        Column("notes", TEXT, contact=True, help="Personal data: free notes about the contact."),
        Column(
            "legal_basis",
            VOCAB,
            vocabulary=LEGAL_BASES,
            help="The GDPR legal basis (art. 6) for keeping this person's data: consent, legitimate-interest, "
            "public-task, contract, legal-obligation or vital-interest. Empty: listed on the Overview page "
            "as missing.",
        ),
        _VERIFIED,
    ),
    help="Contact persons. Personal data under the GDPR.",
    public_columns=("id", "name", "organisation", "role"),
)
_REL = RelationType
RELATION_TYPES: dict[str, RelationType] = {
    r.name: r
    for r in (
        _REL(
            "member_of",
            _kinds("organisation", "person"),
            _kinds("network", "organisation"),
            help="is a member of",
            inverse_help="has member",
        ),
        _REL("works_at", _kinds("person"), _kinds("organisation"), help="works at", inverse_help="employs"),
        _REL(
            "represents",
            _kinds("person"),
            _kinds("network", "organisation"),
            help="represents (or sits in, for)",
            inverse_help="is represented by",
        ),
        _REL(
            "partner_in",
            _kinds("organisation"),
            _kinds("project"),
            roles=PARTNER_ROLES,
            help="is a partner in",
            inverse_help="has partner",
        ),
        _REL(
            "participates_in",
            _kinds("person"),
            _kinds("project"),
            help="takes part in",
            inverse_help="has participant",
        ),
        _REL("funded_by", _kinds("project"), _kinds("programme"), help="is funded by", inverse_help="funds"),
        _REL(
            "collaborates_with",
            _kinds("organisation"),
            _kinds("organisation"),
            directed=False,
            help="collaborates with",
            inverse_help="collaborates with",
        ),
        _REL("knows", _kinds("person"), _kinds("person"), directed=False, help="knows", inverse_help="knows"),
        _REL(
            "part_of",
            _kinds("organisation", "network"),
            _kinds("organisation", "network"),
            help="is part of",
            inverse_help="includes",
            pairs=frozenset({("organisation", "organisation"), ("network", "network")}),
        ),
        _REL(
            "coordinates",
            _kinds("organisation"),
            _kinds("network"),
            help="coordinates (runs the secretariat or office of)",
            inverse_help="is coordinated by",
        ),
    )
}

#: The columns that identify a relation row: two rows with the same source, relation, target and since are one
#: relation written twice (validation's duplicate check, editing's and storage's row keys).
RELATION_KEY = ("source", "relation", "target", "since")
RELATIONS_TABLE = Table(
    "relations.csv",
    "relation",
    (
        Column("source", REF, required=True, help="Id of the entity the relation starts from."),
        Column(
            "relation",
            VOCAB,
            required=True,
            strict=True,
            vocabulary=tuple(RELATION_TYPES),
            help="The relation type (see the list of types).",
        ),
        Column("target", REF, required=True, help="Id of the entity the relation points to."),
        Column("role", TEXT, help="Role in the relation (partner_in: coordinator, partner or associated)."),
        Column("since", DATE, help="When the relation began."),
        Column("until", DATE, help="When it ended; empty if it is still active."),
        Column("note", TEXT, help="Free note."),
        _REFERENCE,
        _VERIFIED,
    ),
    help="Everything that links two entities: memberships, partnerships, employment, acquaintance.",
)

COUNTRY_GROUPS = Table(
    "country_groups.csv",
    "country_group",
    (
        Column(
            "group",
            GROUP,
            required=True,
            help="The group's id, as programmes.csv names it (eligible_group, "
            "coordinator_group): lower-case letters, digits, - and + (eu+eea).",
        ),
        _name("What the group is, in words."),
        Column("countries", COUNTRY_LIST, required=True, help="Its countries as ISO codes separated by | (SE|NO|IS)."),
        Column(
            "note",
            TEXT,
            help="What the list cannot show: only some regions of a country (Interreg programme "
            "areas), countries associated for only part of a programme, suspended countries.",
        ),
        _REFERENCE,
        _VERIFIED,
    ),
    help="Country groups that the consortium rules in programmes.csv name (which countries are eligible for a "
    "programme), one row per group. eu and eu+eea are built in; a row with their id replaces the built-in list.",
    lookup=True,
)

VIEWS = Table(
    "views.csv",
    "view",
    (
        Column("view", TEXT, required=True, help="The view's id, a slug such as reves-members (unique)."),
        _name("The view's name, as colleagues see it in the list of saved views."),
        Column("page", TEXT, required=True, help="The dashboard page the view opens: explore or map."),
        Column(
            "query",
            TEXT,
            help="The view's settings as a link's query string (focus=region-orebro&radius=2&"
            "colour=community): focus, radius, filters and colouring.",
        ),
        Column("note", TEXT, help="What the view shows, in a sentence."),
        _VERIFIED,
    ),
    help="Saved views of the network (Explore and Map pages), so colleagues can open the same picture. Written by "
    "the dashboard; editing by hand is fine.",
    lookup=True,
)


#: What a person decided about a pair that matching suggested (matches.csv ``decision``).
MATCH_DECISIONS = ("same", "different")
#: The kinds matching compares (matches.csv ``kind``; ``python -m network matches --kind``).
MATCH_KINDS = ("organisation", "network", "project")
MATCHES = Table(
    "matches.csv",
    "match",
    (
        Column("a", TEXT, required=True, help="Id of one row of the pair (after a merge: the row that was kept)."),
        Column(
            "b",
            TEXT,
            required=True,
            help="Id of the other row (after a merge: the row merged into a, which no longer exists).",
        ),
        Column(
            "decision",
            VOCAB,
            required=True,
            vocabulary=MATCH_DECISIONS,
            strict=True,
            help="same (merged, or to be merged) or different (never suggest this pair again).",
        ),
        Column("kind", VOCAB, vocabulary=MATCH_KINDS, strict=True, help="What the two rows are."),
        Column("name_a", TEXT, help="a's name when the decision was made, so the decision stays readable."),
        Column("name_b", TEXT, help="b's name when the decision was made."),
        Column("score", NUMBER, help="The match score (0 to 1) when the decision was made."),
        Column("decided", DATE, help="When it was decided (YYYY-MM-DD)."),
        Column("by", TEXT, help="Who decided: a user name, or 'import' for an automatic merge."),
        Column("note", TEXT, help="Why, in a few words."),
    ),
    help="Decisions about pairs that matching suggested (python -m network matches, the Matches page): pairs "
    "that are the same organisation (merged) and pairs that are not, so a rejected pair is never suggested again "
    "and a re-import uses every decision. Written by the tool; one row per decision.",
    lookup=True,
)

ENTITY_TABLES: tuple[Table, ...] = (ORGANISATIONS, NETWORKS, PROJECTS, PROGRAMMES, PEOPLE)
#: Tables that are validated and kept with the directory but do not become graph nodes.
LOOKUP_TABLES: tuple[Table, ...] = (COUNTRY_GROUPS, MATCHES, VIEWS)
TABLES: tuple[Table, ...] = ENTITY_TABLES + (RELATIONS_TABLE,) + LOOKUP_TABLES
KINDS: tuple[str, ...] = tuple(t.kind for t in ENTITY_TABLES)


def coordinate_range(column: str) -> tuple[float, float]:
    """The allowed range of a ``coordinate`` column: latitudes (``lat``) ±90, longitudes ±180."""
    return (-90.0, 90.0) if column == "lat" else (-180.0, 180.0)


def relation_allowed(relation: str, source_kind: str, target_kind: str) -> bool:
    """Whether ``relation`` may join an entity of ``source_kind`` to one of ``target_kind``."""
    rel = RELATION_TYPES.get(relation)
    if rel is None:
        return False
    return rel.allows(source_kind, target_kind)


def allowed_kind_pairs() -> set[tuple[str, str, str]]:
    """Every allowed (relation, source kind, target kind) triple, for vectorised checks."""
    return {(name, s, t) for name in RELATION_TYPES for s in KINDS for t in KINDS if relation_allowed(name, s, t)}


def table_for_file(file: str) -> Table | None:
    """The table for a file name (``Organisations.CSV``) or sheet name (``organisations``), if any."""
    key = file.strip().lower()
    for table in TABLES:
        if key in (table.file, table.sheet):
            return table
    return None


def table_for_kind(kind: str) -> Table:
    for table in TABLES:
        if table.kind == kind:
            return table
    raise KeyError(kind)


def reference_columns() -> Iterable[tuple[Table, Column]]:
    """Every (table, column) whose values are ids of other entities."""
    for table in TABLES:
        for col in table.columns:
            if col.type == REF:
                yield table, col


@dataclass(frozen=True)
class DirectoryConfig:
    """What ``directory.toml`` says: the directory's name and its home organisation."""

    name: str = "Network directory"
    home: str = ""
    extra: dict = field(default_factory=dict)
