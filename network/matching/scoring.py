"""Scoring one pair: a number from 0 to 1 and the reasons for it, as data.

Strong identifiers decide first (the same PIC or VAT number is the same organisation; different ones are not),
then the names (``names.normalise``: the same name after normalisation, an acronym of the other, a spelling
variant measured with rapidfuzz), then the website domain, city and type adjust the score. Every step that counts
adds a ``Reason`` with a code, its parameters and an English sentence, so the dashboard can say it in Swedish.

Thresholds (measured on the labelled pairs in tests/fixtures/matching, see docs/matching.md):
``AUTO_MERGE_THRESHOLD`` is where a pair may be merged without a person looking (precision ≥ 0.98);
``SUGGEST_THRESHOLD`` is where a pair is shown for review (recall ≥ 0.90).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Mapping, Sequence
from urllib.parse import urlsplit

from rapidfuzz import fuzz, process

from ..textnorm import fold
from . import words
from .names import NameForm, computed_once, legal_forms, normalise, tokens

__all__ = [
    "AUTO_MERGE_THRESHOLD",
    "SUGGEST_THRESHOLD",
    "Reason",
    "Record",
    "score_pair",
    "name_score",
    "domain_of",
    "records_from_columns",
    "pic_of",
]

AUTO_MERGE_THRESHOLD = 0.95
SUGGEST_THRESHOLD = 0.6

#: Organisation types that one body can be listed as in different sources (CORDIS calls a university "REC").
_COMPATIBLE_TYPES = (
    frozenset({"university", "research-institute", "school"}),
    frozenset({"region", "public-body", "eu-body"}),
    frozenset({"municipality", "public-body"}),
    frozenset({"cultural-institution", "museum", "theatre", "library", "artist-residency"}),
    frozenset({"ngo", "association", "foundation", "social-enterprise", "network-office"}),
    frozenset({"company", "self-employed", "social-enterprise"}),
)
_GENERIC = words.GENERIC_WORDS | words.COUNTRY_WORDS | frozenset(words.CANONICAL_WORDS.values())
_GENERIC_LONG = sorted(w for w in _GENERIC if len(w) >= 5)
_PIC_ID = re.compile(r"^pic-(\d{9})$")


@dataclass(frozen=True)
class Reason:
    """Why a pair scored as it did: a code the UI translates, its parameters, and the same in English."""

    code: str
    text: str
    params: Mapping[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, object]:
        return {"code": self.code, "params": dict(self.params), "text": self.text}


@dataclass(frozen=True)
class Record:
    """One row as matching sees it: every name it is known by (name and aliases) and its identifiers."""

    id: str
    kind: str = "organisation"
    names: tuple[str, ...] = ()
    country: str = ""
    city: str = ""
    domain: str = ""
    pic: str = ""
    vat: str = ""
    type: str = ""

    @computed_once
    def forms(self) -> tuple[NameForm, ...]:
        return tuple(normalise(n) for n in self.names if n.strip())

    @staticmethod
    def from_row(row: Mapping[str, object], kind: str = "organisation") -> "Record":
        """A record from a table row (organisations.csv columns; ``aliases`` |-separated; ``pic``/``vat`` if
        present, else the PIC from an id such as ``pic-999650088``)."""

        def get(column: str) -> str:
            value = row.get(column, "")
            return "" if value is None or value != value else str(value).strip()

        names = [get("name"), *[a.strip() for a in get("aliases").split("|")]]
        acronym = get("acronym")
        if acronym:
            names.append(acronym)
        return Record(
            id=get("id"),
            kind=kind,
            names=tuple(n for n in names if n),
            country=get("country").upper(),
            city=get("city"),
            domain=domain_of(get("website")),
            pic=pic_of(get("pic"), get("id")),
            vat=re.sub(r"[^0-9A-Z]", "", get("vat").upper()),
            type=get("type"),
        )


#: A plain web address (``http(s)://`` or none, a host of letters, digits, dots and dashes, then the end or a path,
#: query or fragment): its host is what ``urlsplit`` would find, read without it.
_PLAIN_HOST = re.compile(r"(?:https?://)?([a-z0-9.-]+)(?:[/?#]|$)")


def domain_of(url: str) -> str:
    """The host of a website without ``www.``: "https://www.oru.se/en" → "oru.se"."""
    url = url.strip().lower()
    if not url:
        return ""
    if (url.startswith(("http://", "https://")) or "://" not in url) and (plain := _PLAIN_HOST.match(url)):
        return plain.group(1).removeprefix("www.").strip(".")  # most addresses: no urlsplit needed
    if "://" not in url:
        url = "http://" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.").strip(".")


def records_from_columns(columns: Mapping[str, Sequence[str]], kind: str = "organisation") -> list[Record]:
    """``Record.from_row`` for every row of a table given column by column (each cell a string, empty cells "",
    the columns ``from_row`` reads that the table has): the same records, made without a dict per row, a website
    read once per distinct address and identifiers looked at only where a cell holds one."""
    size = len(next(iter(columns.values()), ()))

    def cells(column: str) -> list[str]:
        return [v.strip() for v in columns[column]] if column in columns else [""] * size

    ids, names, aliases, acronyms = cells("id"), cells("name"), cells("aliases"), cells("acronym")
    countries, cities, websites, pics, vats, types = (
        cells(c) for c in ("country", "city", "website", "pic", "vat", "type")
    )
    domains: dict[str, str] = {}
    out = []
    for i, name, alias, acronym, country, city, website, pic, vat, type_ in zip(
        ids, names, aliases, acronyms, countries, cities, websites, pics, vats, types
    ):
        every = [name, *[a.strip() for a in alias.split("|")]]
        if acronym:
            every.append(acronym)
        if website and (domain := domains.get(website)) is None:
            domain = domains[website] = domain_of(website)
        out.append(
            Record(
                id=i,
                kind=kind,
                names=tuple(n for n in every if n),
                country=country.upper(),
                city=city,
                domain=domain if website else "",
                pic=pic_of(pic, i) if pic or i.lower().startswith("pic-") else "",
                vat=re.sub(r"[^0-9A-Z]", "", vat.upper()) if vat else "",
                type=type_,
            )
        )
    return out


def pic_of(pic: str, entity_id: str = "") -> str:
    """The EU participant identification code: the ``pic`` column, else from an id such as ``pic-999650088``."""
    digits = re.sub(r"\D", "", pic)
    if len(digits) == 9:
        return digits
    found = _PIC_ID.match(entity_id.strip().lower())
    return found.group(1) if found else ""


def _quoted(items: object) -> str:
    return ", ".join(f"'{i}'" for i in items)  # type: ignore[union-attr]


def _normalised_reasons(a: NameForm, b: NameForm) -> list[Reason]:
    """What normalisation removed or changed to make the two names equal, one reason per kind of step."""
    out: list[Reason] = []
    seen: set[str] = set()
    for code, value in (*a.steps, *b.steps):
        if code in seen and code != "legal-form":
            continue
        seen.add(code)
        if code == "legal-form":
            out.append(
                Reason(
                    "legal-form", f"same name after removing the legal form '{value.upper()}'", {"form": value.upper()}
                )
            )
        elif code.endswith("-pattern"):
            pattern = value.replace("X", "").strip()
            out.append(Reason("place-pattern", f"same name after removing '{pattern}'", {"pattern": pattern}))
        elif code == "same-word":
            out.append(
                Reason(
                    "same-word", "same words in another language (" + value.replace("=", " = ") + ")", {"words": value}
                )
            )
        elif code == "transliteration":
            out.append(Reason("transliteration", "same name apart from accents and spelling (ä = ae, ö = oe ...)"))
        elif code == "acronym":
            out.append(Reason("acronym-removed", f"same name apart from the acronym {value}", {"acronym": value}))
    return out


def name_score(a: NameForm, b: NameForm, ignore: frozenset[str] = frozenset()) -> tuple[float, list[Reason]]:
    """How alike two names are (0..1) and why. ``ignore``: words that are no difference (the city's name)."""
    if a.folded == b.folded:
        return 1.0, [Reason("same-name", "same name")]
    if a.place_kind and b.place_kind and a.place_kind != b.place_kind:
        return 0.2, [
            Reason(
                "place-kind-differs",
                f"one is a {a.place_kind} body, the other a {b.place_kind} one",
                {"a": a.place_kind, "b": b.place_kind},
            )
        ]
    if a.key and a.key == b.key:
        reasons = _normalised_reasons(a, b) or [Reason("same-normalised-name", "same name after normalisation")]
        if a.place_kind == b.place_kind:
            return 0.97, reasons
        # One name is bare ("Copenhagen"), the other says what body it is ("City of Copenhagen").
        return (0.96 if "municipal" in (a.place_kind, b.place_kind) else 0.85), reasons
    for x, y in ((a, b), (b, a)):
        whole = x.joined
        if x.acronyms & y.acronyms and fuzz.token_sort_ratio(x.key, y.key) >= 60:
            acronym = sorted(x.acronyms & y.acronyms)[0].upper()
            return 0.9, [Reason("same-acronym", f"same acronym {acronym} and similar names", {"acronym": acronym})]
        if len(x.core) == 1 and len(whole) >= 3 and (whole in y.acronyms or whole == y.initials):
            return 0.93, [Reason("acronym", f"'{x.name}' is the acronym of '{y.name}'", {"acronym": x.name})]
    for x, y in ((a, b), (b, a)):
        if x.key and x.key in y.parts:
            return 0.7, [
                Reason(
                    "part-of-name",
                    f"'{x.name}' is one part of '{y.name}' (a department, or the same body under a longer name)",
                    {"part": x.name},
                )
            ]
    return _word_score(a, b, ignore)


@lru_cache(maxsize=100_000)
def _generic(word: str) -> bool:
    """A word that says what kind of body it is, or a misspelling of one ("insitute", "governement")."""
    if word in _GENERIC:
        return True
    return len(word) >= 5 and process.extractOne(word, _GENERIC_LONG, scorer=fuzz.ratio, score_cutoff=85) is not None


def _meaningless(word: str) -> bool:
    """A word that identifies nothing: a legal form, a country, "public", "ltd", "studi"."""
    return word in words.GENERIC_WORDS or word in words.COUNTRY_WORDS or (word,) in legal_forms()


@lru_cache(maxsize=100_000)
def _respelt(word: str) -> str:
    """A misspelt generic word corrected ("scinces" → "science"); other words as they are."""
    if word in _GENERIC or len(word) < 5:
        return word
    found = process.extractOne(word, _GENERIC_LONG, scorer=fuzz.ratio, score_cutoff=85)
    return found[0] if found else word


def _respell(words_of: set[str], other: set[str]) -> set[str]:
    """``words_of`` with misspelt generic words corrected ("Scinces" → science) where the other name lacks them."""
    return {w if w in other else _respelt(w) for w in words_of}


def _genitive(words_of: set[str], other: set[str]) -> set[str]:
    """``words_of`` with a Nordic genitive ``s`` dropped where the other name has the bare word ("Lunds" → "lund")."""
    return {w[:-1] if w.endswith("s") and w not in other and w[:-1] in other else w for w in words_of}


def _word_score(a: NameForm, b: NameForm, ignore: frozenset[str]) -> tuple[float, list[Reason]]:
    """Names that differ in words: one adds words to the other, or they are spelt differently."""
    # A word of one name that is the other's acronym ("UiT", "CNRS", "DIL") is no difference.
    core_a = [w for w in a.core if w not in b.acronyms and w != b.initials] or list(a.core)
    core_b = [w for w in b.core if w not in a.acronyms and w != a.initials] or list(b.core)
    if "".join(core_a) == "".join(core_b):
        return 0.95, [Reason("same-letters", "same name apart from spaces and punctuation")]
    set_a, set_b = _respell(set(core_a), set(core_b)), _respell(set(core_b), set(core_a))
    set_a, set_b = _genitive(set_a, set_b), _genitive(set_b, set_a)
    if set_a == set_b:
        return 0.95, _normalised_reasons(a, b) or [Reason("same-normalised-name", "same name after normalisation")]
    extra = sorted((set_a ^ set_b) - ignore)
    common = set_a & set_b
    if not extra:
        return 0.95, [Reason("extra-city", "same name apart from the city's name")]
    if set_a <= set_b | ignore or set_b <= set_a | ignore:
        # Only words that say nothing ("Ltd", "Sweden", a misspelt "insitute"): the same body.
        if all(_meaningless(w) for w in extra) and len(common) >= 2:
            return 0.9, [
                Reason("extra-generic-word", f"same name apart from {_quoted(extra)}", {"words": "|".join(extra)})
            ]
        # Describing words ("Economic", "Technology"), not what kind of body: the same if enough else is shared.
        described = [w for w in extra if not _meaningless(w)]
        if (
            all(_generic(w) and w not in words.BODY_WORDS for w in described)
            and not (a.place_kind or b.place_kind)
            and (common - _GENERIC - ignore or len(common) >= 3)
        ):
            score = 0.9 if len(described) == 1 else 0.7
            return score, [
                Reason("extra-generic-word", f"same name apart from {_quoted(extra)}", {"words": "|".join(extra)})
            ]
        if not all(any(fuzz.ratio(w, v) >= 85 for v in (set_b if w in set_a else set_a)) for w in extra):
            return 0.55, [
                Reason(
                    "extra-words",
                    f"one name adds {_quoted(extra)}: perhaps a department or another body",
                    {"words": "|".join(extra)},
                )
            ]
    key_a, key_b = " ".join(sorted(set_a)), " ".join(sorted(set_b))
    r_all = fuzz.token_sort_ratio(key_a, key_b) / 100
    da = " ".join(sorted(w for w in set_a if w not in _GENERIC))
    db = " ".join(sorted(w for w in set_b if w not in _GENERIC))
    r_dist = fuzz.ratio(da, db) / 100 if da and db else r_all
    r = r_all if r_all >= 0.9 and r_dist >= 0.6 else min(r_all, r_dist)
    if r >= 0.9:
        score = 0.8 + (r - 0.9)
    elif r >= 0.8:
        score = 0.6 + (r - 0.8) * 2
    else:
        score = r * 0.7
    percent = f"{round(r * 100)}"
    return score, [Reason("similar-name", f"similar names ({percent} % alike)", {"similarity": percent})]


def _types_compatible(a: str, b: str) -> bool:
    if not a or not b or a == b or "other" in (a, b):
        return True
    return any(a in group and b in group for group in _COMPATIBLE_TYPES)


@lru_cache(maxsize=100_000)
def _city_words(city: str) -> frozenset[str]:
    return frozenset(w for w in tokens(city) if len(w) > 2)


@lru_cache(maxsize=200_000)
def _same_city(a: str, b: str) -> bool:
    fa, fb = fold(a).strip(" ,."), fold(b).strip(" ,.")
    if not fa or not fb:
        return True
    return fa in fb or fb in fa or fuzz.ratio(fa, fb) >= 80


def score_pair(a: Record, b: Record, shared_domains: frozenset[str] = frozenset()) -> tuple[float, list[Reason]]:
    """Score two records (0..1) with the reasons. ``shared_domains`` are domains many rows use (a programme's
    site that an import filled in for every partner): they prove nothing and are ignored."""
    if a.pic and a.pic == b.pic:
        return 1.0, [Reason("same-pic", f"same PIC {a.pic}", {"pic": a.pic})]
    if a.vat and a.vat == b.vat:
        return 1.0, [Reason("same-vat", f"same VAT number {a.vat}", {"vat": a.vat})]
    best, reasons = 0.0, [Reason("no-names", "no names to compare")]
    # The city's name in one name only is no difference ("Development Agency of Una-Sana Canton Bihać"), when
    # both rows are in that city.
    ignore = _city_words(a.city) & _city_words(b.city)
    for fa in a.forms:
        for fb in b.forms:
            score, why = name_score(fa, fb, ignore)
            if score > best:
                best, reasons = score, why
    reasons = list(reasons)
    if a.country and b.country and a.country != b.country:
        best = min(best, 0.3)
        reasons.append(
            Reason(
                "different-country", f"different countries ({a.country}, {b.country})", {"a": a.country, "b": b.country}
            )
        )
    if a.pic and b.pic:
        best = min(best, 0.5)
        reasons.append(Reason("different-pic", f"different PICs ({a.pic}, {b.pic})", {"a": a.pic, "b": b.pic}))
    elif a.vat and b.vat:
        best = min(best, 0.5)
        reasons.append(Reason("different-vat", "different VAT numbers", {"a": a.vat, "b": b.vat}))
    if a.domain and a.domain == b.domain and a.domain not in shared_domains:
        best = min(0.97, max(best, best + 0.3))
        reasons.append(Reason("same-domain", f"same website domain ({a.domain})", {"domain": a.domain}))
    if not _same_city(a.city, b.city):
        best -= 0.05
        reasons.append(Reason("different-city", f"different cities ({a.city}, {b.city})", {"a": a.city, "b": b.city}))
    if not _types_compatible(a.type, b.type):
        best = min(best, 0.7)
        reasons.append(Reason("different-type", f"different types ({a.type}, {b.type})", {"a": a.type, "b": b.type}))
    return round(max(0.0, min(1.0, best)), 3), reasons
