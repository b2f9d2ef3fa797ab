"""Programme consortium rules as data, and the consortium check.

A rule is one row of ``programmes.csv`` (minimum partners, countries, EU member states, which country group is
eligible, who may coordinate, which roles count); the country groups come from ``country_groups.csv`` (``eu`` and
``eu+eea`` are built in). ``check_consortium`` turns a draft consortium into findings, one per rule, each met or
not met with its numbers and, when not met, what is missing.

Every sentence the check produces is data (a ``Sentence``: a code and its parameters), so the command line renders
it in English with ``render`` and the dashboard in Swedish or English with its own templates. Rules change per call:
the rule carries the call it was read from and its source, and the official call text always decides.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Iterable, Mapping, Sequence

from . import countries, schema
from .errors import UsageError
from .textnorm import fold

if TYPE_CHECKING:
    from .directory import Directory

__all__ = [
    "Sentence",
    "CountryGroup",
    "ConsortiumRule",
    "Member",
    "Want",
    "Finding",
    "ConsortiumCheck",
    "MET",
    "NOT_MET",
    "UNKNOWN",
    "INFO",
    "DEFAULT_COUNTED_ROLES",
    "ENGLISH",
    "country_groups",
    "rule_for",
    "rule_from_row",
    "programme_rules",
    "parse_member",
    "check_consortium",
    "render",
]

MET, NOT_MET, UNKNOWN, INFO = "met", "not-met", "unknown", "info"
DEFAULT_COUNTED_ROLES = ("coordinator", "partner")
_PROJECT_ROLES = schema.PARTNER_ROLES


@dataclass(frozen=True)
class Sentence:
    """A sentence as data: ``code`` picks the template, ``params`` fill it (see ``render``)."""

    code: str
    params: Mapping[str, object] = field(default_factory=dict)

    def text(self, templates: Mapping[str, str] | None = None, language: str = "en") -> str:
        return render(self, templates, language)


@dataclass(frozen=True)
class CountryGroup:
    """A named set of countries a rule refers to (``erasmus-programme-countries``)."""

    id: str
    name: str
    countries: frozenset[str]
    note: str = ""
    reference: str = ""
    verified: str = ""
    builtin: bool = False


@dataclass(frozen=True)
class ConsortiumRule:
    """One call type's consortium rule, read from a row of programmes.csv. ``None`` means "no such requirement"."""

    programme: str
    name: str
    family: str = ""
    call: str = ""
    min_partners: int | None = None
    min_countries: int | None = None
    min_eu_countries: int | None = None
    min_eu_partners: int | None = None
    eligible_group: str = ""
    outside_countries: str = "excluded"
    partner_types: tuple[str, ...] = ()
    coordinator_types: tuple[str, ...] = ()
    coordinator_group: str = ""
    coordinator_min_age_years: int | None = None
    max_months: int | None = None
    counted_roles: tuple[str, ...] = DEFAULT_COUNTED_ROLES
    rule_note: str = ""
    url: str = ""
    reference: str = ""
    verified: str = ""

    @property
    def has_rule(self) -> bool:
        """Whether the row says anything about the consortium (a grant without partners has no rule)."""
        return any(
            v is not None for v in (self.min_partners, self.min_countries, self.min_eu_countries, self.min_eu_partners)
        ) or bool(self.eligible_group or self.coordinator_types)

    def counts(self, role: str) -> bool:
        """Whether a member with this role counts toward the minimums."""
        return role in self.counted_roles


@dataclass(frozen=True)
class Member:
    """One organisation in a draft consortium and its role: coordinator, partner or associated."""

    id: str
    role: str = "partner"


@dataclass(frozen=True)
class Want:
    """What would fix a finding, as a partner search: organisations from these countries (None: any eligible),
    not from those, of these types (empty: any allowed type)."""

    countries: frozenset[str] | None = None
    not_countries: frozenset[str] = frozenset()
    types: tuple[str, ...] = ()
    count: int = 1
    #: The suggestion would become the coordinator (not an extra partner).
    as_coordinator: bool = False


@dataclass(frozen=True)
class Finding:
    """One requirement of the rule, checked: met, not met, unknown (cannot be checked from the data) or info."""

    code: str
    status: str
    sentence: Sentence
    #: What to do about it, when not met.
    fix: Sentence | None = None
    #: The partner search that would help, when not met (used by ``partners.suggest_fixes``).
    want: Want | None = None


@dataclass(frozen=True)
class ConsortiumCheck:
    """The result of checking a consortium against a rule."""

    rule: ConsortiumRule
    members: tuple[Member, ...]
    findings: tuple[Finding, ...]
    #: Members that count toward the minimums (ids).
    counted: tuple[str, ...]
    #: The eligible country group, if the rule names one that exists.
    group: CountryGroup | None = None

    @property
    def eligible(self) -> bool:
        """True when no requirement is unmet (unknowns are reminders, not failures)."""
        return not any(f.status == NOT_MET for f in self.findings)

    @property
    def unmet(self) -> list[Finding]:
        return [f for f in self.findings if f.status == NOT_MET]

    def finding(self, code: str) -> Finding | None:
        return next((f for f in self.findings if f.code == code), None)


# --- country groups and rules from the directory ---------------------------------------------------------------

_BUILTIN = {
    "eu": ("EU member states", countries.EU_MEMBERS),
    "eu+eea": ("EU member states and the EEA countries (Iceland, Liechtenstein, Norway)", countries.EEA_MEMBERS),
}
#: The built-in groups' ids by their English name (a finding names its group; the dashboard says it in words).
_BUILTIN_NAMES = {name: group_id for group_id, (name, _) in _BUILTIN.items()}


def country_groups(directory: "Directory") -> dict[str, CountryGroup]:
    """The directory's country groups by id: the built-in ``eu`` and ``eu+eea``, then country_groups.csv rows."""
    return directory.memo("country_groups", directory.fingerprint, lambda: _country_groups(directory))


def _country_groups(directory: "Directory") -> dict[str, CountryGroup]:
    groups = {gid: CountryGroup(gid, name, frozenset(codes), builtin=True) for gid, (name, codes) in _BUILTIN.items()}
    frame = getattr(directory, "lookups", {}).get("country_group")
    if frame is not None:
        for row in frame.to_dict("records"):
            codes = frozenset(c for c in row["countries"].split(schema.LIST_SEPARATOR) if c)
            groups[row["group"]] = CountryGroup(
                row["group"], row["name"], codes, row.get("note", ""), row.get("reference", ""), row.get("verified", "")
            )
    return groups


def _int(value: str) -> int | None:
    return int(value) if value and value.isdigit() else None


def _list(value: str) -> tuple[str, ...]:
    return tuple(v for v in value.split(schema.LIST_SEPARATOR) if v) if value else ()


def rule_from_row(row: Mapping[str, str]) -> ConsortiumRule:
    """A programme's rule from its row of programmes.csv (column name → cell)."""
    get = lambda name: str(row.get(name, "") or "")  # noqa: E731 - columns missing from an old file read as ""
    return ConsortiumRule(
        programme=get("id"),
        name=get("name"),
        family=get("family"),
        call=get("call"),
        min_partners=_int(get("min_partners")),
        min_countries=_int(get("min_countries")),
        min_eu_countries=_int(get("min_eu_countries")),
        min_eu_partners=_int(get("min_eu_partners")),
        eligible_group=get("eligible_group"),
        outside_countries=get("outside_countries") or "excluded",
        partner_types=_list(get("partner_types")),
        coordinator_types=_list(get("coordinator_types")),
        coordinator_group=get("coordinator_group"),
        coordinator_min_age_years=_int(get("coordinator_min_age_years")),
        max_months=_int(get("max_months")),
        counted_roles=_list(get("counted_roles")) or DEFAULT_COUNTED_ROLES,
        rule_note=get("rule_note"),
        url=get("url"),
        reference=get("reference"),
        verified=get("verified"),
    )


def rule_for(directory: "Directory", programme_id: str) -> ConsortiumRule:
    """The rule of one programme (call type). Raises NotFoundError (with suggestions) for an unknown id."""
    if directory.kind_of(programme_id) != "programme":  # kind_of raises NotFoundError for unknown ids
        raise UsageError(
            f"'{programme_id}' is a {directory.kind_of(programme_id)}, not a programme. Programmes "
            f"with a consortium rule: {', '.join(r.programme for r in programme_rules(directory))}."
        )
    return rule_from_row(directory.record(programme_id))


def programme_rules(directory: "Directory") -> list[ConsortiumRule]:
    """Every programme that has a consortium rule, by name."""
    frame = directory.tables.get("programme")
    if frame is None or frame.empty:
        return []
    rules = [rule_from_row(row) for row in frame.to_dict("records")]
    return sorted((r for r in rules if r.has_rule), key=lambda r: (r.name.casefold(), r.programme))


def parse_member(text: str) -> Member:
    """``org-id`` or ``org-id:role`` (role: coordinator, partner or associated)."""
    org, _, role = text.strip().partition(":")
    role = (role or "partner").strip().lower()
    if role not in _PROJECT_ROLES:
        raise UsageError(
            f"'{role}' in '{text}' is not a role. Write ORG_ID:coordinator, ORG_ID:partner or ORG_ID:associated."
        )
    if not org:
        raise UsageError(f"'{text}' has no organisation id. Write ORG_ID or ORG_ID:ROLE.")
    return Member(org.strip().lower(), role)


# --- the check -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class _Org:
    id: str
    name: str
    type: str
    country: str
    founded: str
    role: str


def _members(directory: "Directory", members: Sequence[Member]) -> list[_Org]:
    found, seen = [], set()
    for member in members:
        if directory.kind_of(member.id) != "organisation":  # raises NotFoundError for unknown ids
            raise UsageError(
                f"'{member.id}' is a {directory.kind_of(member.id)}; a consortium is made of organisations."
            )
        if member.id in seen:
            raise UsageError(f"'{member.id}' is in the consortium twice. List each organisation once.")
        seen.add(member.id)
        record = directory.record(member.id)
        found.append(
            _Org(
                member.id,
                record["name"],
                record.get("type", ""),
                record.get("country", ""),
                record.get("founded", "") or "",
                member.role,
            )
        )
    return found


def _who(orgs: Iterable[_Org]) -> tuple[tuple[str, str], ...]:
    """Members as (name, country code) pairs, the form ``render`` shows as "Name (Country)"."""
    return tuple((o.name, o.country) for o in orgs)


def check_consortium(
    directory: "Directory", rule: ConsortiumRule | str, members: Sequence[Member], today: dt.date | None = None
) -> ConsortiumCheck:
    """Check a draft consortium against a rule: every requirement as a finding with its numbers."""
    rule = rule_for(directory, rule) if isinstance(rule, str) else rule
    today = today or dt.date.today()
    orgs = _members(directory, members)
    groups = country_groups(directory)
    eu = groups["eu"].countries
    group = groups.get(rule.eligible_group) if rule.eligible_group else None
    findings: list[Finding] = []
    if rule.eligible_group and group is None:
        findings.append(Finding("group-unknown", UNKNOWN, Sentence("group-unknown", {"group": rule.eligible_group})))
    in_group = (lambda o: True) if group is None else (lambda o: o.country in group.countries)
    role_counts = [o for o in orgs if rule.counts(o.role)]
    outside = [o for o in role_counts if not in_group(o)]
    counted = [o for o in role_counts if in_group(o)]
    group_name = group.name if group else ""
    findings += _eligibility(rule, group, outside, counted, group_name)
    findings += _type_findings(rule, role_counts)
    findings += _count_findings(rule, counted, group, eu)
    findings += _coordinator_findings(rule, orgs, groups, group, today)
    not_counted = [o for o in orgs if not rule.counts(o.role)]
    if not_counted:
        findings.append(
            Finding(
                "not-counted",
                INFO,
                Sentence("not-counted", {"roles": rule.counted_roles, "members": _who(not_counted)}),
            )
        )
    if outside and rule.outside_countries == "not-counted":
        findings.append(
            Finding(
                "not-counted-outside",
                INFO,
                Sentence("not-counted-outside", {"group": group_name, "members": _who(outside)}),
            )
        )
    if rule.max_months:
        findings.append(Finding("max-months", INFO, Sentence("max-months", {"months": rule.max_months})))
    return ConsortiumCheck(rule, tuple(members), tuple(findings), tuple(o.id for o in counted), group)


def _eligibility(
    rule: ConsortiumRule, group: CountryGroup | None, outside: list[_Org], counted: list[_Org], group_name: str
) -> list[Finding]:
    if group is None:
        return []
    if outside and rule.outside_countries != "not-counted":
        return [
            Finding(
                "eligible-countries",
                NOT_MET,
                Sentence("eligible-countries.not-met", {"group": group_name, "members": _who(outside)}),
                Sentence("eligible-countries.fix", {"group": group_name}),
                Want(countries=group.countries, count=len(outside)),
            )
        ]
    return [
        Finding(
            "eligible-countries", MET, Sentence("eligible-countries.met", {"group": group_name, "count": len(counted)})
        )
    ]


def _type_findings(rule: ConsortiumRule, role_counts: list[_Org]) -> list[Finding]:
    if not rule.partner_types:
        return []
    wrong = [o for o in role_counts if o.type not in rule.partner_types]
    if wrong:
        return [
            Finding(
                "partner-types",
                NOT_MET,
                Sentence("partner-types.not-met", {"types": rule.partner_types, "members": _who(wrong)}),
                Sentence("partner-types.fix", {"types": rule.partner_types}),
                Want(types=rule.partner_types, count=len(wrong)),
            )
        ]
    return [Finding("partner-types", MET, Sentence("partner-types.met", {"types": rule.partner_types}))]


def _count(code: str, count: int, required: int | None, want: Want, extra: dict | None = None) -> list[Finding]:
    if required is None:
        return []
    params = {"count": count, "required": required, **(extra or {})}
    if count >= required:  # "3 of 3 countries", or "4 countries; at least 3 needed"
        return [Finding(code, MET, Sentence(code if count == required else f"{code}.more", params))]
    missing = required - count
    return [
        Finding(
            code,
            NOT_MET,
            Sentence(code, params),
            Sentence(f"{code}.fix", {"missing": missing}),
            Want(want.countries, want.not_countries, want.types, missing),
        )
    ]


def _count_findings(
    rule: ConsortiumRule, counted: list[_Org], group: CountryGroup | None, eu: frozenset[str]
) -> list[Finding]:
    covered = frozenset(o.country for o in counted)
    eligible = group.countries if group else None
    eu_covered = covered & eu
    eu_eligible = eu if eligible is None else eu & eligible
    types = rule.partner_types
    roles = tuple(r for r in rule.counted_roles)
    findings = _count(
        "min-partners", len(counted), rule.min_partners, Want(eligible, frozenset(), types), {"roles": roles}
    )
    findings += _count(
        "min-countries",
        len(covered),
        rule.min_countries,
        Want(eligible, covered, types),
        {"countries": tuple(sorted(covered))},
    )
    findings += _count(
        "min-eu-countries",
        len(eu_covered),
        rule.min_eu_countries,
        Want(eu_eligible, covered, types),
        {"countries": tuple(sorted(eu_covered))},
    )
    findings += _count(
        "min-eu-partners",
        sum(o.country in eu for o in counted),
        rule.min_eu_partners,
        Want(eu_eligible, frozenset(), types),
    )
    return findings


def _coordinator_findings(
    rule: ConsortiumRule, orgs: list[_Org], groups: dict[str, CountryGroup], group: CountryGroup | None, today: dt.date
) -> list[Finding]:
    leads = [o for o in orgs if o.role == "coordinator"]
    lead_group = groups.get(rule.coordinator_group) if rule.coordinator_group else group
    lead_countries = lead_group.countries if lead_group else None
    if not leads:
        return [
            Finding(
                "coordinator",
                NOT_MET,
                Sentence("coordinator.none"),
                Sentence("coordinator.none.fix"),
                Want(lead_countries, frozenset(), rule.coordinator_types, 1, as_coordinator=True),
            )
        ]
    if len(leads) > 1:
        return [
            Finding(
                "coordinator",
                NOT_MET,
                Sentence("coordinator.several", {"members": _who(leads)}),
                Sentence("coordinator.several.fix"),
            )
        ]
    lead = leads[0]
    findings = [Finding("coordinator", MET, Sentence("coordinator.one", {"name": lead.name}))]
    if rule.coordinator_types:
        params = {"types": rule.coordinator_types, "name": lead.name, "type": lead.type}
        if lead.type in rule.coordinator_types:
            findings.append(Finding("coordinator-type", MET, Sentence("coordinator-type.met", params)))
        else:
            findings.append(
                Finding(
                    "coordinator-type",
                    NOT_MET,
                    Sentence("coordinator-type.not-met", params),
                    Sentence("coordinator-type.fix", params),
                    Want(lead_countries, frozenset(), rule.coordinator_types, 1, as_coordinator=True),
                )
            )
    if lead_group is not None:
        params = {"name": lead.name, "country": lead.country, "group": lead_group.name}
        if lead.country in lead_group.countries:
            findings.append(Finding("coordinator-country", MET, Sentence("coordinator-country.met", params)))
        else:
            findings.append(
                Finding(
                    "coordinator-country",
                    NOT_MET,
                    Sentence("coordinator-country.not-met", params),
                    Sentence("coordinator-country.fix", params),
                    Want(lead_countries, frozenset(), rule.coordinator_types, 1, as_coordinator=True),
                )
            )
    if rule.coordinator_min_age_years:
        findings.append(_age_finding(lead, rule.coordinator_min_age_years, today))
    return findings


def _age_finding(lead: _Org, years: int, today: dt.date) -> Finding:
    params = {"name": lead.name, "years": years, "founded": lead.founded}
    if not lead.founded:
        return Finding("coordinator-age", UNKNOWN, Sentence("coordinator-age.unknown", params))
    from .dates import latest_day  # here: dates needs pandas, which a partner search on a stored index does not

    founded = latest_day(lead.founded)
    old_enough = (today.year - founded.year - ((today.month, today.day) < (founded.month, founded.day))) >= years
    if old_enough:
        return Finding("coordinator-age", MET, Sentence("coordinator-age.met", params))
    return Finding(
        "coordinator-age", NOT_MET, Sentence("coordinator-age.not-met", params), Sentence("coordinator-age.fix", params)
    )


# --- rendering -------------------------------------------------------------------------------------------------

#: English templates, by sentence code. ``CODE.one`` is used instead of ``CODE`` when ``missing`` (or ``count``)
#: is 1. Parameters are filled by ``render``.
ENGLISH: dict[str, str] = {
    "_or": " or ",
    "_and": " and ",
    "group-unknown": "The rule names the country group '{group}', which is not defined in country_groups.csv, so "
    "the country requirements cannot be checked.",
    "eligible-countries.met": "Every member that counts is in an eligible country ({group}).",
    "eligible-countries.not-met": "Not in an eligible country ({group}): {members}.",
    "eligible-countries.fix": "Replace them with organisations from {group}, or make them associated partners.",
    "partner-types.met": "All counted members are of a type that may take part ({types}).",
    "partner-types.not-met": "Only {types} may take part; not allowed: {members}.",
    "partner-types.fix": "Replace them with organisations of these types: {types}, or make them associated partners.",
    "min-partners": "{count} of {required} partners that count ({roles}).",
    "min-partners.more": "{count} partners that count ({roles}); at least {required} needed.",
    "min-partners.fix": "Add {missing} more partners from eligible countries.",
    "min-partners.fix.one": "Add one more partner from an eligible country.",
    "min-countries": "{count} of {required} countries ({countries}).",
    "min-countries.more": "{count} countries ({countries}); at least {required} needed.",
    "min-countries.fix": "Add partners from {missing} more eligible countries.",
    "min-countries.fix.one": "Add one partner from another eligible country.",
    "min-eu-countries": "{count} of {required} EU member states ({countries}).",
    "min-eu-countries.more": "{count} EU member states ({countries}); at least {required} needed.",
    "min-eu-countries.fix": "Add partners from {missing} more EU member states.",
    "min-eu-countries.fix.one": "Add one partner from another EU member state.",
    "min-eu-partners": "{count} of {required} partners in EU member states.",
    "min-eu-partners.more": "{count} partners in EU member states; at least {required} needed.",
    "min-eu-partners.fix": "Add {missing} more partners from EU member states.",
    "min-eu-partners.fix.one": "Add one more partner from an EU member state.",
    "coordinator.none": "There is no coordinator.",
    "coordinator.none.fix": "Choose one organisation as coordinator.",
    "coordinator.several": "A consortium has one coordinator; these are all coordinators: {members}.",
    "coordinator.several.fix": "Keep one coordinator and make the others partners.",
    "coordinator.one": "Coordinator: {name}.",
    "coordinator-type.met": "The coordinator must be {a_types}: {name} is {a_type}.",
    "coordinator-type.not-met": "The coordinator must be {a_types}: {name} is {a_type}.",
    "coordinator-type.fix": "Choose a coordinator that is {a_types}, and make {name} a partner.",
    "coordinator-country.met": "The coordinator is in {country}, one of {group}.",
    "coordinator-country.not-met": "The coordinator must be in {group}: {name} is in {country}.",
    "coordinator-country.fix": "Choose a coordinator from {group}, and make {name} a partner.",
    "coordinator-age.met": "The coordinator must have existed for {years} years: {name} was founded in {founded}.",
    "coordinator-age.not-met": "The coordinator must have existed for {years} years: {name} was founded in {founded}.",
    "coordinator-age.fix": "Choose a coordinator that has existed for at least {years} years.",
    "coordinator-age.unknown": "The coordinator must have existed as a legal entity for {years} years; the "
    "directory has no founding date for {name} (column founded): check it.",
    "not-counted": "Only {roles} count toward the minimums; these do not: {members}.",
    "not-counted-outside": "From outside {group}: may take part but do not count toward the minimums: {members}.",
    "max-months": "Projects may last at most {months} months.",
}


def _join(items: Sequence[str], last: str) -> str:
    items = [str(i) for i in items]
    if len(items) <= 1:
        return "".join(items)
    return ", ".join(items[:-1]) + last + items[-1]


def _type_word(value: str) -> str:
    return value.replace("-", " ")


def _article(word: str) -> str:
    """ "a region", "an association", "an ngo" (said en-gee-oh), "a eu body" (said you)."""
    lowered = word.lower()
    vowel_sound = lowered.startswith(("ngo", "a", "e", "i", "o", "u")) and not lowered.startswith(("eu", "uni"))
    return ("an " if vowel_sound else "a ") + word


def _value(key: str, value: object, templates: Mapping[str, str], language: str) -> str:
    """One parameter as text: country codes become names, types become words, lists are joined."""
    if key == "country" or key.endswith("_country"):
        return countries.country_name(str(value), language) if value else "?"
    if key == "countries":
        return (
            ", ".join(
                sorted(
                    (countries.country_name(c, language) for c in value),  # type: ignore[union-attr]
                    key=fold,
                )
            )
            or "–"
        )
    if key == "members":
        return ", ".join(f"{name} ({countries.country_name(code, language) if code else '?'})" for name, code in value)  # type: ignore[misc]
    if key in ("types", "roles"):
        words = [
            templates.get(f"type.{v}", _type_word(v)) if key == "types" else templates.get(f"role.{v}", v)
            for v in value
        ]  # type: ignore[union-attr]
        return _join(words, templates.get("_or" if key == "types" else "_and", " or "))
    if key == "type":
        return templates.get(f"type.{value}", _type_word(str(value))) or "?"
    if key == "themes":
        return ", ".join(templates.get(f"theme.{v}", str(v)) for v in value)  # type: ignore[union-attr]
    if key == "relation":
        return templates.get(f"relation.{value}", str(value).replace("_", " "))
    if key == "path":  # (name, kind) pairs: "REVES (network) → Anna Exempel"
        return " → ".join(
            f"{name} ({templates.get(f'kind.{kind}', kind)})" if kind in ("project", "network") else str(name)
            for name, kind in value
        )  # type: ignore[misc, union-attr]
    if isinstance(value, (tuple, list, frozenset, set)):
        return ", ".join(str(v) for v in value)
    return str(value)


def render(
    sentence: Sentence,
    templates: Mapping[str, str] | None = None,
    language: str = "en",
    fallback: Mapping[str, str] | None = None,
) -> str:
    """The sentence in words. ``templates`` maps codes to ``str.format`` templates (default: ``ENGLISH``); a code
    they lack is looked up in ``fallback`` (English), so a missing translation shows English, never a blank."""
    templates = ENGLISH if templates is None else templates
    chain = [templates, fallback or {}, ENGLISH]
    params = sentence.params
    number = params.get("missing", params.get("count"))
    template = ""
    for table in chain:
        template = (table.get(f"{sentence.code}.one") if number == 1 else None) or table.get(sentence.code) or ""
        if template:
            break
    template = template or sentence.code
    values = {key: _value(key, value, templates, language) for key, value in params.items()}
    builtin = _BUILTIN_NAMES.get(str(params.get("group", "")))
    if builtin and f"group.{builtin}" in templates:  # a built-in group's name in the reader's language
        values["group"] = templates[f"group.{builtin}"]
    if language == "en":
        if "type" in values:
            values["a_type"] = _article(values["type"])
        if "types" in values:
            values["a_types"] = _article(values["types"])
    values.setdefault("a_type", values.get("type", ""))
    values.setdefault("a_types", values.get("types", ""))
    try:
        return template.format(**values)
    except (KeyError, IndexError, ValueError):  # a template that names a missing parameter: show what we have
        return f"{template} ({', '.join(f'{k}: {v}' for k, v in values.items())})"
