"""Mapping files: which columns of a foreign table fill which fields of the directory (TOML).

A mapping has four sections and two optional ones (``docs/editing.md`` is the reference for people)::

    [organisation]                 # who takes part: one organisation per row
    name = "Project Partner"       # a column of the source
    country = "Country code"       # "DE Germany / DEUTSCHLAND", "EL", "UK" are normalised to DE, GR, GB
    type = "Legal Status"
    type_map = { public = "public-body", private = "other" }

    [group]                        # what it takes part in: a project or a network
    kind = "project"
    key = ["Programme", "Acronym"] # several columns joined: the group's identity
    name = "Acronym"
    programme = "Programme"        # projects: the funding programme (created if new)

    [relation]
    type = "partner_in"
    role = "Lead Partner"
    role_map = { Yes = "coordinator", No = "partner" }

    ended = "Status"               # optional: "Former Member", "former", "ended", "yes" → the relation ended

    [programme]                    # optional: more fields of the programmes that are created
    family = { value = "interreg" }

    [lookups.orgs]                 # optional: another file joined on a key ("orgs.name" in a field)
    file = "organizations.csv"     # next to the source file
    key = "organisationID"         # its key column
    on = "pic"                     # the source column whose value is looked up

    [source]                       # optional: sheet = "Partners", delimiter = ";", encoding = "utf-8"

A field is a column name, a list of columns (joined with spaces), or an inline table with one of ``column``,
``columns`` (and ``separator``), ``template`` ("pic-{pic}": columns in braces) or ``value`` (a constant), and
optionally ``pattern`` (a regular expression; its first group is kept), ``map`` (value → value; ``<field>_map`` is
the same), ``fallback`` (another field used when this one is empty) and ``default``. A mapping that is wrong gives a
``MappingError`` that names the key and says what to write, never a traceback.
"""

from __future__ import annotations

import difflib
import re
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any, Iterable, Mapping

import tomli_w

from . import schema
from .errors import UsageError
from .messages import Message, message
from .patterns import PatternError, compile_pattern
from .reading import decode
from .textnorm import fold
from .toml_syntax import syntax_error

__all__ = [
    "Spec",
    "Lookup",
    "ImportMapping",
    "MappingError",
    "load_mapping",
    "parse_mapping",
    "guess_mapping",
    "guess_kind",
    "header_key",
    "HEADER_SYNONYMS",
    "to_toml",
    "GROUP_KINDS",
]

GROUP_KINDS = ("project", "network")
_SPEC_KEYS = ("column", "columns", "separator", "template", "value", "pattern", "map", "default", "fallback")
_PLACEHOLDER = re.compile(r"\{([^{}]+)\}")
#: ``ended``: not a column but a status ("Former Member"); a relation whose status says it ended gets ``until``.
_RELATION_FIELDS = tuple(
    c for c in schema.RELATIONS_TABLE.column_names if c not in ("source", "relation", "target")
) + ("ended",)


class MappingError(UsageError):
    """A mapping file that cannot be used; the message names the key and the fix. Raised with a code and parameters
    (``network.messages``), kept as ``note`` (``NetworkError``) for the dashboard's language."""


@dataclass(frozen=True)
class Spec:
    """How one field gets its value from a row (see the module docs)."""

    where: str  # the key in the mapping file, for messages ("organisation.name")
    column: str = ""
    columns: tuple[str, ...] = ()
    separator: str = " "
    template: str = ""
    value: str | None = None
    pattern: str = ""
    map: Mapping[str, str] = field(default_factory=dict)
    default: str = ""
    fallback: "Spec | None" = None

    def columns_used(self) -> list[str]:
        """Every column (``lookup.column`` included) this field reads, fallback included."""
        used = [self.column] if self.column else list(self.columns)
        used += _PLACEHOLDER.findall(self.template)
        if self.fallback is not None:
            used += self.fallback.columns_used()
        return [c for c in used if c]


@dataclass(frozen=True)
class Lookup:
    """Another table joined on a key: rows of ``file`` whose ``key`` column equals the source's ``on`` column."""

    name: str
    file: str
    key: str
    on: str
    optional: bool = False
    sheet: str = ""


@dataclass(frozen=True)
class ImportMapping:
    """A checked mapping file."""

    name: str
    organisation: dict[str, Spec]
    group_kind: str
    group: dict[str, Spec]
    relation_type: str
    relation: dict[str, Spec]
    programme: dict[str, Spec] = field(default_factory=dict)
    lookups: dict[str, Lookup] = field(default_factory=dict)
    sheet: str = ""
    delimiter: str = ""
    encoding: str = ""

    def fields(self) -> Iterable[Spec]:
        for section in (self.organisation, self.group, self.relation, self.programme):
            yield from section.values()

    def source_columns(self) -> dict[str, list[str]]:
        """Source columns the mapping reads (not lookup columns) → the keys that read them."""
        used: dict[str, list[str]] = {}
        for spec in self.fields():
            for column in spec.columns_used():
                prefix = column.split(".", 1)[0]
                if "." in column and prefix in self.lookups:
                    continue
                used.setdefault(column, []).append(spec.where)
        for lookup in self.lookups.values():
            used.setdefault(lookup.on, []).append(f"lookups.{lookup.name}.on")
        return used

    def lookup_columns(self) -> dict[str, dict[str, list[str]]]:
        """Lookup name → its columns that the mapping reads → the keys that read them."""
        used: dict[str, dict[str, list[str]]] = {}
        for spec in self.fields():
            for column in spec.columns_used():
                prefix, _, rest = column.partition(".")
                if rest and prefix in self.lookups:
                    used.setdefault(prefix, {}).setdefault(rest, []).append(spec.where)
        return used

    def check_columns(self, header: list[str], lookup_headers: Mapping[str, list[str]] | None = None) -> None:
        """Raise ``MappingError`` if a column the mapping names is not in the source (or lookup) header."""
        for column, keys in self.source_columns().items():
            if column not in header:
                raise MappingError(_missing_column(self.name, keys[0], column, header))
        for name, columns in self.lookup_columns().items():
            found = (lookup_headers or {}).get(name)
            if found is None:
                continue
            if self.lookups[name].key not in found:
                raise MappingError(
                    _missing_column(
                        self.name, f"lookups.{name}.key", self.lookups[name].key, found, self.lookups[name].file
                    )
                )
            for column, keys in columns.items():
                if column not in found:
                    raise MappingError(_missing_column(self.name, keys[0], column, found, self.lookups[name].file))


def _missing_column(name: str, key: str, column: str, header: list[str], lookup: str = "") -> Message:
    """The mapping names a column the source (or the lookup file ``lookup``) does not have."""
    close = difflib.get_close_matches(column, header, 1, 0.5)
    found = {"mapping": name, "key": key, "column": column, "header": ", ".join(f"'{h}'" for h in header[:40])}
    if lookup:
        found["file"] = lookup
    code = "mapping.missing-lookup-column" if lookup else "mapping.missing-column"
    return message(f"{code}.close", close=close[0], **found) if close else message(code, **found)


# --- parsing ---------------------------------------------------------------------------------------------------


def load_mapping(source: str | Path | bytes, name: str | None = None) -> ImportMapping:
    """Read and check a mapping file (a path, or the file's bytes as uploaded)."""
    if isinstance(source, bytes):
        text, label = decode(source), name or "mapping"
    else:
        path = Path(source)
        if not path.is_file():
            raise MappingError(message("mapping.missing-file", path=path))
        text, label = decode(path.read_bytes()), name or path.name
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise MappingError(_toml_error(label, str(exc), text)) from exc
    return parse_mapping(data, label)


def _toml_error(label: str, detail: str, text: str) -> Message:
    """A TOML syntax error as a code with the line and column (``mapping.bad-toml.<what>``, ``toml_syntax``), so
    the dashboard can say it in Swedish. An error tomllib words otherwise keeps its English ``detail``."""
    found = syntax_error(detail, text)
    if found:
        return message(f"mapping.bad-toml.{found[0]}", mapping=label, **found[1])
    return message("mapping.bad-toml", mapping=label, detail=detail)


def _unknown_key(label: str, section: str, key: str, allowed: Iterable[str]) -> MappingError:
    allowed = sorted(allowed)
    close = difflib.get_close_matches(key, allowed, 1, 0.6)
    found = {"mapping": label, "section": section, "key": key, "keys": ", ".join(allowed)}
    if close:
        return MappingError(message("mapping.unknown-key.close", close=close[0], **found))
    return MappingError(message("mapping.unknown-key", **found))


def _text(label: str, where: str, value: Any) -> str:
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        raise MappingError(message("mapping.not-text", mapping=label, where=where, found=type(value).__name__))
    return str(value)


def parse_spec(label: str, where: str, value: Any) -> Spec:
    """One field: a column, a list of columns, or an inline table (see the module docs)."""
    if isinstance(value, str):
        if not value.strip():
            raise MappingError(message("mapping.empty-column", mapping=label, where=where))
        return Spec(where, column=value)
    if isinstance(value, list):
        if not value or not all(isinstance(v, str) and v.strip() for v in value):
            raise MappingError(message("mapping.bad-column-list", mapping=label, where=where))
        return Spec(where, columns=tuple(value))
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        return Spec(where, value=str(value))
    if not isinstance(value, dict):
        raise MappingError(message("mapping.bad-field", mapping=label, where=where))
    for key in value:
        if key not in _SPEC_KEYS:
            raise _unknown_key(label, where, key, _SPEC_KEYS)
    sources = [k for k in ("column", "columns", "template", "value") if k in value]
    if len(sources) > 1:
        raise MappingError(message("mapping.several-sources", mapping=label, where=where, found=" + ".join(sources)))
    if not sources and "default" not in value:
        raise MappingError(message("mapping.no-source", mapping=label, where=where))
    columns = value.get("columns", ())
    if "columns" in value and (not isinstance(columns, list) or not all(isinstance(c, str) for c in columns)):
        raise MappingError(message("mapping.bad-columns", mapping=label, where=where))
    mapped = value.get("map", {})
    if not isinstance(mapped, dict):
        raise MappingError(message("mapping.bad-map", mapping=label, where=f"{where}.map"))
    pattern = _text(label, f"{where}.pattern", value.get("pattern", ""))
    if pattern:
        try:
            compile_pattern(pattern)  # the engine the importer runs it with (patterns.py)
        except PatternError as exc:
            raise MappingError(message("mapping.bad-pattern", mapping=label, where=where, detail=exc)) from exc
    template = _text(label, f"{where}.template", value.get("template", ""))
    if "template" in value and not _PLACEHOLDER.search(template):
        raise MappingError(message("mapping.template-without-column", mapping=label, where=where))
    fallback = parse_spec(label, f"{where}.fallback", value["fallback"]) if "fallback" in value else None
    constant = value.get("value", value.get("default") if not sources else None)
    return Spec(
        where,
        column=_text(label, f"{where}.column", value.get("column", "")),
        columns=tuple(columns),
        separator=_text(label, f"{where}.separator", value.get("separator", " ")),
        template=template,
        value=None if constant is None else _text(label, f"{where}.value", constant),
        pattern=pattern,
        map={str(k): _text(label, f"{where}.map.{k}", v) for k, v in mapped.items()},
        default=_text(label, f"{where}.default", value.get("default", "")),
        fallback=fallback,
    )


def _section(
    label: str, data: Mapping[str, Any], name: str, allowed: Iterable[str], constants: Iterable[str] = ()
) -> tuple[dict[str, Spec], dict[str, Any]]:
    """Parse one section's fields; ``<field>_map`` keys are folded into their field's map."""
    raw = data.get(name, {})
    if not isinstance(raw, dict):
        raise MappingError(message("mapping.not-a-section", mapping=label, section=name))
    allowed, constants = set(allowed), set(constants)
    specs: dict[str, Spec] = {}
    kept: dict[str, Any] = {}
    maps = {k: v for k, v in raw.items() if k.endswith("_map") and k[:-4] in allowed}
    for key, value in raw.items():
        if key in maps:
            continue
        if key in constants:
            kept[key] = value
            continue
        if key not in allowed:
            raise _unknown_key(label, name, key, allowed | constants | {f"{a}_map" for a in allowed})
        specs[key] = parse_spec(label, f"{name}.{key}", value)
    for key, value in maps.items():
        target = key[:-4]
        if target not in specs:
            raise MappingError(message("mapping.map-without-field", mapping=label, section=name, key=key, field=target))
        if not isinstance(value, dict):
            raise MappingError(message("mapping.bad-map", mapping=label, where=f"{name}.{key}"))
        merged = {**specs[target].map, **{str(k): _text(label, f"{name}.{key}.{k}", v) for k, v in value.items()}}
        specs[target] = replace(specs[target], map=merged)
    return specs, kept


def _lookups(label: str, data: Mapping[str, Any]) -> dict[str, Lookup]:
    raw = data.get("lookups", {})
    if not isinstance(raw, dict):
        raise MappingError(message("mapping.bad-lookups", mapping=label))
    found = {}
    for name, spec in raw.items():
        where = f"lookups.{name}"
        if not re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", name):
            raise MappingError(message("mapping.bad-lookup-name", mapping=label, where=where))
        if not isinstance(spec, dict):
            raise MappingError(message("mapping.bad-lookup", mapping=label, where=where))
        for key in spec:
            if key not in ("file", "key", "on", "optional", "sheet"):
                raise _unknown_key(label, where, key, ("file", "key", "on", "optional", "sheet"))
        for key in ("file", "key", "on"):
            if not isinstance(spec.get(key), str) or not spec[key].strip():
                raise MappingError(message("mapping.lookup-needs", mapping=label, where=where, key=key))
        optional = spec.get("optional", False)
        if not isinstance(optional, bool):
            raise MappingError(message("mapping.bad-optional", mapping=label, where=where))
        found[name] = Lookup(name, spec["file"], spec["key"], spec["on"], optional, str(spec.get("sheet", "")))
    return found


def parse_mapping(data: Mapping[str, Any], label: str = "mapping") -> ImportMapping:
    """Check a mapping given as a dict (as TOML parses it)."""
    known = ("organisation", "group", "relation", "programme", "lookups", "source")
    for key in data:
        if key not in known:
            close = difflib.get_close_matches(key, known, 1, 0.6)
            found = {"mapping": label, "section": key, "sections": ", ".join(known)}
            if close:
                raise MappingError(message("mapping.unknown-section.close", close=close[0], **found))
            raise MappingError(message("mapping.unknown-section", **found))
    organisation, _ = _section(label, data, "organisation", ("id", *schema.ORGANISATIONS.column_names))
    group_columns = set(schema.PROJECTS.column_names) | set(schema.NETWORKS.column_names)
    group, constants = _section(label, data, "group", ("key", *sorted(group_columns)), constants=("kind",))
    relation, rel_constants = _section(label, data, "relation", _RELATION_FIELDS, constants=("type",))
    programme, _ = _section(label, data, "programme", schema.PROGRAMMES.column_names)
    for required in ("organisation", "group", "relation"):
        if required not in data:
            raise MappingError(message("mapping.missing-section", mapping=label, section=required))
    kind = constants.get("kind", "")
    if kind not in GROUP_KINDS:
        raise MappingError(message("mapping.bad-group-kind", mapping=label, found=repr(kind)))
    table = schema.table_for_kind(kind)
    for key in group:
        if key not in table.column_names and key != "key":
            raise MappingError(
                message(
                    "mapping.not-a-group-field",
                    mapping=label,
                    key=key,
                    kind=kind,
                    columns=", ".join(table.column_names),
                )
            )
    for key, where in (("name", organisation), ("country", organisation)):
        if key not in where:
            raise MappingError(message(f"mapping.missing-organisation-{key}", mapping=label))
    if "name" not in group:
        raise MappingError(message("mapping.missing-group-name", mapping=label, kind=kind))
    if "programme" in group and "name" not in programme:
        programme["name"] = group["programme"]
    rel_type = rel_constants.get("type", "")
    if rel_type not in schema.RELATION_TYPES:
        raise MappingError(
            message(
                "mapping.bad-relation-type", mapping=label, types=", ".join(schema.RELATION_TYPES), found=repr(rel_type)
            )
        )
    if not schema.relation_allowed(rel_type, "organisation", kind):
        allowed = [r for r in schema.RELATION_TYPES if schema.relation_allowed(r, "organisation", kind)]
        raise MappingError(
            message("mapping.relation-not-allowed", mapping=label, type=rel_type, kind=kind, types=", ".join(allowed))
        )
    source = data.get("source", {})
    if not isinstance(source, dict):
        raise MappingError(message("mapping.bad-source", mapping=label))
    for key in source:
        if key not in ("sheet", "delimiter", "encoding"):
            raise _unknown_key(label, "source", key, ("sheet", "delimiter", "encoding"))
    delimiter = _text(label, "source.delimiter", source.get("delimiter", ""))
    if delimiter and len(delimiter.replace("\\t", "\t")) != 1:
        raise MappingError(message("mapping.bad-delimiter", mapping=label))
    encoding = _text(label, "source.encoding", source.get("encoding", ""))
    if encoding:
        try:
            "".encode(encoding)
        except LookupError as exc:
            raise MappingError(message("mapping.bad-encoding", mapping=label, found=repr(encoding))) from exc
    mapping = ImportMapping(
        label,
        organisation,
        kind,
        group,
        rel_type,
        relation,
        programme,
        _lookups(label, data),
        _text(label, "source.sheet", source.get("sheet", "")),
        delimiter.replace("\\t", "\t"),
        encoding,
    )
    return mapping


# --- guessing a mapping from a header, and writing one ---------------------------------------------------------

#: The one table of header words (English and Swedish) that suggest each field, in order of preference. Headers and
#: words are compared after ``header_key``: case, accents, "_", "-", "." and ":" do not matter ("E-post" is "epost").
HEADER_SYNONYMS: dict[tuple[str, str], tuple[str, ...]] = {
    ("organisation", "name"): (
        "project partner",
        "partner name",
        "organisation name",
        "organization name",
        "organisationsnamn",
        "organisationens namn",
        "legal name",
        "partner",
        "partnernamn",
        "organisation",
        "organization",
        "beneficiary",
        "member",
        "medlem",
        "name",
        "namn",
    ),
    ("organisation", "country"): ("country code", "landskod", "country", "land", "nation"),
    ("organisation", "city"): ("city", "town", "municipality", "ort", "stad", "postort", "kommun"),
    ("organisation", "type"): (
        "legal status",
        "organisation type",
        "organization type",
        "organisationstyp",
        "activity type",
        "type",
        "typ",
        "organisationsform",
    ),
    ("organisation", "website"): (
        "website",
        "organizationurl",
        "url",
        "homepage",
        "web",
        "webbplats",
        "webbsida",
        "hemsida",
        "webbadress",
        "webb",
    ),
    ("organisation", "email"): ("email", "e-post", "mail", "mejl"),
    ("organisation", "id"): ("pic", "organisationid", "organizationid"),
    ("group", "name"): (
        "acronym",
        "project acronym",
        "akronym",
        "project",
        "projekt",
        "projektnamn",
        "network",
        "natverk",
        "natverksnamn",
        "title",
        "titel",
    ),
    ("group", "programme"): ("programme", "program", "funding programme", "finansieringsprogram"),
    ("group", "start"): ("start date", "start", "startdatum"),
    ("group", "end"): ("end date", "end", "slutdatum", "slut"),
    ("relation", "role"): ("lead partner", "role", "roll", "partner role", "coordinator"),
    ("relation", "since"): (
        "year_of_joining",
        "member since",
        "medlem sedan",
        "since",
        "sedan",
        "joined",
        "year",
        "ar",
        "joining year",
        "anslot",
    ),
    ("relation", "ended"): ("membership status", "member status", "medlemsstatus", "status"),
}
#: Header words that say the rows are memberships of networks rather than partners in projects.
_NETWORK_WORDS = frozenset(
    {
        "network",
        "natverk",
        "natverksnamn",
        "member since",
        "medlem sedan",
        "membership status",
        "medlemsstatus",
        "year_of_joining",
    }
)
_PROJECT_WORDS = frozenset(
    {
        "project",
        "projekt",
        "projektnamn",
        "acronym",
        "project acronym",
        "akronym",
        "programme",
        "program",
        "lead partner",
    }
)
_HEADER_NOISE = re.compile(r"[\s_\-.:*]+")


def header_key(text: str) -> str:
    """How a header is compared with the words of ``HEADER_SYNONYMS``: "Nätverk:" and "natverk" are the same."""
    return _HEADER_NOISE.sub(" ", fold(text)).strip().replace(" ", "")


def guess_kind(header: list[str]) -> str:
    """ "network" when the header speaks of networks (Nätverk, Member since) and not of projects; else "project"."""
    keys = {header_key(h) for h in header}
    network = any(header_key(w) in keys for w in _NETWORK_WORDS)
    project = any(header_key(w) in keys for w in _PROJECT_WORDS)
    return "network" if network and not project else "project"


def guess_mapping(header: list[str], kind: str = "project") -> dict[str, Any]:
    """A first mapping (as a dict) from a header: the dashboard offers these guesses, the person corrects them."""
    folded: dict[str, str] = {}
    for column in header:
        folded.setdefault(header_key(column), column)
    used: set[str] = set()
    guessed: dict[str, Any] = {"organisation": {}, "group": {"kind": kind}, "relation": {}}
    for (section, key), words in HEADER_SYNONYMS.items():
        if kind == "network" and key in ("programme", "start", "end"):
            continue
        if kind == "project" and key == "ended":  # a project's status column is not a membership's
            continue
        for word in words:
            column = folded.get(header_key(word))
            if column is not None and column not in used:
                guessed[section][key] = column
                used.add(column)
                break
    if kind == "project" and "programme" in guessed["group"] and "name" in guessed["group"]:
        guessed["group"]["key"] = [guessed["group"]["programme"], guessed["group"]["name"]]
    guessed["relation"]["type"] = "partner_in" if kind == "project" else "member_of"
    role = guessed["relation"].get("role")
    if role and fold(role) == "lead partner":
        guessed["relation"]["role_map"] = {"Yes": "coordinator", "No": "partner"}
    return guessed


def to_toml(mapping: Mapping[str, Any]) -> str:
    """A mapping dict (as ``guess_mapping`` makes, or TOML parses) written as a TOML file that ``load_mapping``
    reads back as the same dict. ``tomli_w`` writes it, so any header (quotes, backslashes, ``]``, carriage
    returns, å ä ö) is escaped correctly."""
    return tomli_w.dumps(dict(mapping))
