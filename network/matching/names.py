"""Name normalisation for matching: one name → the forms two spellings of one organisation share.

Folding (case, accents, ``ß`` → ``ss``) is ``textnorm.fold``, the same rule search and the near-duplicate warning
use. On top of it, for matching only:

- transliteration both ways: ``ae``/``ä`` → ``a``, ``oe``/``ö`` → ``o``, ``ue``/``ü`` → ``u``, ``aa``/``å`` → ``a``,
  so "UNIVERSITAETSKLINIKUM" and "Universitätsklinikum" agree;
- punctuation becomes space and runs of single letters join ("S.p.A." → ``spa``, "e.V." → ``ev``);
- acronyms in parentheses ("Swedish University of Agricultural Sciences (SLU)") and before or after a dash
  ("REVES – European Network of ...") are set aside as acronyms;
- legal forms (``legal_forms``, from cleanco) are removed at the start and end;
- municipal and regional patterns ("City of X", "Comune di X", "X kommun", "Region X", "X län") are removed and
  remembered as the name's *place kind*, so "Örebro kommun" and "Region Örebro län" keep apart;
- words that mean the same across languages become one word (``words.CANONICAL_WORDS``), stop words go.

Each step that changed something is recorded (``NameForm.steps``) so a match can say why it matched.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Callable, Generic, TypeVar

from ..textnorm import clean, fold
from . import words

__all__ = [
    "NameForm",
    "normalise",
    "use_known_forms",
    "tokens",
    "legal_forms",
    "initials",
    "same_name_groups",
    "quick_keys",
    "FULL_NORMALISE_MAX",
    "computed_once",
]

_GENERIC = frozenset(words.CANONICAL_WORDS.values()) | words.GENERIC_WORDS
_NON_ALNUM = re.compile(r"[^0-9a-z]+")
_TRANSLIT = re.compile(r"ae|oe|ue|aa")
_PARENS = re.compile(r"\(([^()]*)\)")
_DASH = re.compile(r"\s+[-–—]+\s+|\s*[–—]\s*|\s+-(?=\S)|(?<=\S)-\s+")
_ACRONYM = re.compile(r"^[A-Za-zÀ-ÿ0-9.&-]{2,12}$")


@lru_cache(maxsize=65_536)
def _translit(word: str) -> str:
    """A word with ae/oe/ue/aa as a/o/u/a; kept per word (a directory's names share most of their words)."""
    return _TRANSLIT.sub(lambda m: m.group(0)[0], word)


def tokens(text: str) -> list[str]:
    """Folded, transliterated word tokens, with runs of single letters joined ("s.r.l." → ["srl"])."""
    raw = [w for w in _NON_ALNUM.split(fold(text.replace("&", " and "))) if w]
    out: list[str] = []
    run: list[str] = []
    for word in raw:
        if len(word) == 1 and word.isalpha():
            run.append(word)
            continue
        if run:
            out.append("".join(run))
            run = []
        out.append(_translit(word))
    if run:
        out.append("".join(run))
    return out


@lru_cache(maxsize=1)
def legal_forms() -> frozenset[tuple[str, ...]]:
    """Every legal form as a token tuple (``("sp", "zoo")``), from cleanco's term list and ``words``' extras
    (here rather than in ``words``, which is data only: the forms go through ``tokens`` like names do)."""
    from cleanco import termdata  # imported here: only matching needs it

    terms: set[str] = set(words.EXTRA_LEGAL_FORMS)
    for values in termdata.terms_by_type.values():
        terms.update(values)
    for values in termdata.terms_by_country.values():
        terms.update(values)
    found = set()
    for term in terms:
        form = tuple(tokens(term))
        if form and len(form) <= 6 and " ".join(form) not in words.NOT_LEGAL_FORMS:
            found.add(form)
    return frozenset(found)


def initials(core: tuple[str, ...]) -> str:
    """The initials of a name's words, for comparing with an acronym."""
    return "".join(w[0] for w in core if w)


_T = TypeVar("_T")


class computed_once(Generic[_T]):  # noqa: N801 - used as a decorator, like functools.cached_property
    """``functools.cached_property`` without its lock: the value is computed on first reading and kept in the
    instance, so later readings never reach this descriptor. Python 3.11's ``cached_property`` takes a lock on
    every first reading (about 1 µs each; a matcher over 100,000 names makes 400,000 of them). Two threads may both
    compute a value the first time; the values here are pure functions of frozen fields, so either is the same."""

    def __init__(self, func: Callable[[Any], _T]) -> None:
        self.func = func
        self.name = func.__name__
        self.__doc__ = func.__doc__

    def __set_name__(self, owner: type, name: str) -> None:
        self.name = name

    def __get__(self, instance: Any, owner: type | None = None) -> Any:
        if instance is None:
            return self
        value = instance.__dict__[self.name] = self.func(instance)
        return value


@dataclass(frozen=True)
class NameForm:
    """A name as matching compares it."""

    name: str
    #: The identifying words, canonical and sorted into a set-like key order.
    core: tuple[str, ...]
    #: ``" ".join(sorted(set(core)))``: two names with the same key are the same name after normalisation.
    key: str
    acronyms: frozenset[str]
    #: "municipal", "regional" or "" (no pattern): what kind of public body the name says it is.
    place_kind: str
    #: (code, value) for each normalisation step that changed the name: ("legal-form", "BV") ...
    steps: tuple[tuple[str, str], ...]
    #: Parts of the name between dashes (" – "), each normalised, for "X – Department of Y" style names.
    parts: tuple[str, ...] = ()
    #: ``textnorm.fold`` of the whole name.
    folded: str = ""

    @computed_once
    def initials(self) -> str:
        return initials(self.core)

    @computed_once
    def joined(self) -> str:
        return "".join(self.core)

    @computed_once
    def distinctive(self) -> tuple[str, ...]:
        """The core words that are not generic (university, institute ...): what tells two bodies apart."""
        return tuple(w for w in self.core if w not in _GENERIC)


@lru_cache(maxsize=16)
def _edges(patterns: frozenset[tuple[str, ...]]) -> tuple[frozenset[str], frozenset[str]]:
    """The first and the last words of the patterns: a name whose edge word is in neither needs no search."""
    return frozenset(p[0] for p in patterns), frozenset(p[-1] for p in patterns)


def _strip_sequence(seq: list[str], patterns: frozenset[tuple[str, ...]], at_end: bool) -> tuple[list[str], str]:
    """Remove the longest pattern at the start (or end) of ``seq`` if something is left. Returns the rest and what
    was removed (as words)."""
    if len(seq) < 2:
        return seq, ""
    firsts, lasts = _edges(patterns)
    if (seq[-1] not in lasts) if at_end else (seq[0] not in firsts):
        return seq, ""
    for length in range(min(6, len(seq) - 1), 0, -1):
        part = tuple(seq[-length:]) if at_end else tuple(seq[:length])
        if part in patterns:
            return (seq[:-length] if at_end else seq[length:]), " ".join(part)
    return seq, ""


@lru_cache(maxsize=1)
def _place_patterns() -> dict[str, tuple[frozenset, frozenset]]:
    def as_tokens(items: tuple[str, ...]) -> frozenset[tuple[str, ...]]:
        return frozenset(tuple(tokens(p)) for p in items)

    return {
        "municipal": (as_tokens(words.MUNICIPAL_PREFIXES), as_tokens(words.MUNICIPAL_SUFFIXES)),
        "regional": (as_tokens(words.REGIONAL_PREFIXES), as_tokens(words.REGIONAL_SUFFIXES)),
    }


def _acronyms(name: str) -> tuple[str, set[str], list[str]]:
    """Set aside acronyms in parentheses and before/after a dash. Returns the rest, the acronyms, the dash parts."""
    found: set[str] = set()

    def paren(match: re.Match) -> str:
        inner = match.group(1).strip()
        if _ACRONYM.match(inner) and len(inner.replace(".", "")) <= 12:
            found.add("".join(tokens(inner)))
            return " "
        return " "  # a longer remark in parentheses ("ex- Autorità portuale di Livorno") is not the name

    text = _PARENS.sub(paren, name) if "(" in name else name  # most names: neither parentheses nor dashes
    if "-" in text or "–" in text or "—" in text:
        parts = [p.strip() for p in _DASH.split(text) if p.strip()]
    else:
        parts = [text.strip()] if text.strip() else []
    kept = []
    for part in parts:
        words_in = part.split()
        # A single short word in capitals next to a longer part is an acronym: "REVES – European Network ...".
        if (
            len(parts) > 1
            and len(words_in) == 1
            and _ACRONYM.match(part)
            and part.upper() == part
            and any(len(p.split()) > 1 for p in parts)
        ):
            found.add("".join(tokens(part)))
        else:
            kept.append(part)
    rest = " ".join(kept) if kept else text
    # A trailing word in capitals after a mixed-case name: "Zenica Economic Development Agency ZEDA".
    last = rest.split()
    if (
        len(last) > 2
        and last[-1].isupper()
        and last[-1].isalpha()
        and len(last[-1]) >= 3
        and not rest.isupper()
        and any(w[:1].isupper() and not w.isupper() for w in last[:-1])
    ):
        found.add(last[-1].lower())
        rest = " ".join(last[:-1])
    return rest, {a for a in found if a}, kept if len(kept) > 1 else []


def _core(text: str, steps: list[tuple[str, str]]) -> tuple[tuple[str, ...], str]:
    """The identifying words of ``text`` and its place kind; appends the steps taken to ``steps``."""
    seq = tokens(text)
    legal = legal_forms()
    for at_end in (True, True, False):
        seq, removed = _strip_sequence(seq, legal, at_end)
        if removed:
            steps.append(("legal-form", removed))
    kind = ""
    for place_kind, (prefixes, suffixes) in _place_patterns().items():
        rest, before = _strip_sequence(seq, prefixes, at_end=False)
        rest, after = _strip_sequence(rest, suffixes, at_end=True)
        if before or after:
            if kind and kind != place_kind:
                kind = "mixed"
                break
            kind = place_kind
            seq = rest
            steps.append((f"{place_kind}-pattern", " ".join(filter(None, (before, "X", after)))))
            if after and len(seq) == 1 and len(seq[0]) > 4 and seq[0].endswith("s"):
                seq = [seq[0][:-1]]  # Nordic genitive: "Örebro läns", "Göteborgs stad", "Københavns Kommune"
    core: list[str] = []
    for word in seq:
        same, kept = _word(word)
        if same:
            steps.append(("same-word", same))
        core.extend(kept)
    return tuple(core), kind


@lru_cache(maxsize=65_536)
def _word(word: str) -> tuple[str, tuple[str, ...]]:
    """One word of a name: the "word=canonical" step if it has another canonical form (``words.CANONICAL_WORDS``),
    and the core words it gives (none for a stop word). Kept per word: a directory's names share most words."""
    canonical = words.CANONICAL_WORDS.get(word, word)
    same = f"{word}={canonical}" if canonical != word else ""
    return same, () if word in words.STOP_WORDS else tuple(canonical.split())


#: Forms read back from the warm-start cache (``form_cache``), by cleaned name: looked up before computing one.
_known: dict[str, NameForm] = {}


def normalise(name: str) -> NameForm:
    """The matching form of one name (see the module docs)."""
    cleaned = clean(name)
    return _known.get(cleaned) or _normalise(cleaned)


def use_known_forms(forms: dict[str, NameForm]) -> None:
    """Take ``forms`` (cleaned name → its form, as ``normalise`` made them with this code) as already computed.
    Replaces what an earlier call gave, so the memory held is one directory's names at most."""
    global _known
    _known = forms


@lru_cache(maxsize=200_000)
def _normalise(name: str) -> NameForm:
    steps: list[tuple[str, str]] = []
    rest, acronyms, parts = _acronyms(name)
    if acronyms:
        steps.append(("acronym", "|".join(sorted(acronyms)).upper()))
    core, kind = _core(rest, steps)
    if not core:  # the whole name was a legal form or an acronym: keep its words
        core = tuple(tokens(name))
    folded = fold(name)
    if folded != name.lower() or _TRANSLIT.search(folded):
        steps.append(("transliteration", ""))
    key = " ".join(sorted(set(core)))
    part_keys = tuple(" ".join(sorted(set(_core(p, [])[0]))) for p in parts)
    return NameForm(name, core, key, frozenset(acronyms), kind, tuple(steps), part_keys, folded)


#: Above this many names, ``same_name_groups`` uses ``textnorm.name_key`` (fast) instead of ``normalise``
#: (about 0.1 ms a name): loading a very large directory must stay fast; ``python -m network matches`` still
#: finds every pair.
FULL_NORMALISE_MAX = 10_000


def quick_keys(names: list[str]) -> list[str]:
    """The keys under which ``same_name_groups(..., quick=True)`` groups names ("" for a name it never groups)."""
    from ..textnorm import name_keys

    return name_keys(names)


def same_name_groups(names: list[str], kinds: list[str] | None = None, quick: bool | None = None) -> list[list[int]]:
    """Positions of names that are the same after normalisation, in groups of two or more (first position first).

    "UAB CIVITTA" and "CIVITTA", "Universitätsklinikum Freiburg" and "UNIVERSITAETSKLINIKUM FREIBURG" group;
    "Region Örebro län" and "Örebro kommun" do not (a region and a municipality). ``quick``: group by
    ``textnorm.name_key`` instead of ``normalise``; by default when there are more than ``FULL_NORMALISE_MAX`` names
    (validation decides by the size of the file, so that validating some of its rows groups them alike).
    """
    groups: dict[tuple[str, str], list[int]] = {}
    if len(names) > FULL_NORMALISE_MAX if quick is None else quick:  # the names folded all at once, not one by one
        for position, key in enumerate(quick_keys(names)):
            if key:
                groups.setdefault((key, ""), []).append(position)
        return [rows for rows in groups.values() if len(rows) > 1]
    for position, name in enumerate(names):
        form = normalise(name)
        key = (form.key, form.place_kind or (kinds[position] if kinds else ""))
        if key[0]:
            groups.setdefault(key, []).append(position)
    return [rows for rows in groups.values() if len(rows) > 1]
