"""Countries: ISO 3166-1 alpha-2 codes, their names in English and Swedish, and the EU's groupings.

The EU writes Greece as ``EL`` and the United Kingdom as ``UK``; both are accepted and normalised to ``GR`` and ``GB``.
"""

from __future__ import annotations

import gettext
from functools import lru_cache

import pycountry

from .textnorm import fold

__all__ = ["normalise_code", "is_valid_code", "country_name", "guess_code", "EU_MEMBERS", "EEA_MEMBERS", "ALIASES"]

#: EU-style and common non-ISO codes → ISO 3166-1 alpha-2.
ALIASES = {"EL": "GR", "UK": "GB"}
#: Codes in use but not (yet) in ISO 3166-1.
_EXTRA = {"XK": ("Kosovo", "Kosovo")}

EU_MEMBERS = frozenset(
    "AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split()
)
EEA_MEMBERS = EU_MEMBERS | {"IS", "LI", "NO"}


@lru_cache(maxsize=1)
def _codes() -> frozenset[str]:
    return frozenset(c.alpha_2 for c in pycountry.countries) | frozenset(_EXTRA)


@lru_cache(maxsize=1)
def _swedish() -> gettext.NullTranslations:
    try:
        return gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=["sv"])
    except OSError:  # pragma: no cover - pycountry always ships sv
        return gettext.NullTranslations()


def normalise_code(value: str) -> str:
    """Upper-case and map EU-style codes: "el" → "GR", "UK" → "GB". Does not check validity."""
    code = value.strip().upper()
    return ALIASES.get(code, code)


def is_valid_code(code: str) -> bool:
    return code in _codes()


@lru_cache(maxsize=None)
def country_name(code: str, language: str = "en") -> str:
    """The country's common name in English ("en") or Swedish ("sv"); the code itself if unknown."""
    if code in _EXTRA:
        return _EXTRA[code][0 if language == "en" else 1]
    country = pycountry.countries.get(alpha_2=code)
    if country is None:
        return code
    english = getattr(country, "common_name", None) or country.name
    if language == "sv":
        return _swedish().gettext(country.name)
    return english


@lru_cache(maxsize=1)
def _by_name() -> dict[str, str]:
    names: dict[str, str] = {}
    for code in _codes():
        for language in ("en", "sv"):
            names[fold(country_name(code, language))] = code
    country_objects = list(pycountry.countries)
    for country in country_objects:
        for attr in ("name", "official_name", "common_name"):
            value = getattr(country, attr, None)
            if value:
                names.setdefault(fold(value), country.alpha_2)
    return names


def guess_code(value: str) -> str | None:
    """The code for a country written as a name ("Sweden", "Tyskland", "DE Germany / DEUTSCHLAND"), if any."""
    text = value.strip()
    head = text.split(" ", 1)[0].upper()
    if len(text) > 2 and len(head) == 2 and is_valid_code(normalise_code(head)):
        return normalise_code(head)
    return _by_name().get(fold(text))
