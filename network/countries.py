"""Countries: ISO 3166-1 alpha-2 codes, their names in English and Swedish, and the EU's groupings.

Country names are read in the languages of Europe (``guess_code``: pycountry's translations and a short table of
endonyms); this module is the one place that does it, for imports, validation and search.

The EU writes Greece as ``EL`` and the United Kingdom as ``UK``; both are accepted and normalised to ``GR`` and ``GB``.
"""

from __future__ import annotations

import gettext
from functools import lru_cache

import pycountry

from .textnorm import fold

__all__ = [
    "normalise_code",
    "is_valid_code",
    "country_name",
    "guess_code",
    "EU_MEMBERS",
    "EEA_MEMBERS",
    "ALIASES",
    "NAME_LANGUAGES",
    "ENDONYMS",
]

#: EU-style and common non-ISO codes → ISO 3166-1 alpha-2.
ALIASES = {"EL": "GR", "UK": "GB"}
#: Codes in use but not (yet) in ISO 3166-1.
_EXTRA = {"XK": ("Kosovo", "Kosovo")}

EU_MEMBERS = frozenset("AT BE BG HR CY CZ DK EE FI FR DE GR HU IE IT LV LT LU MT NL PL PT RO SK SI ES SE".split())
EEA_MEMBERS = EU_MEMBERS | {"IS", "LI", "NO"}

#: Languages whose country names are read ("Sverige", "Deutschland", "España", "Polska", "Suomi"): the languages of
#: Europe that pycountry translates. English and Swedish come first: when two languages give one spelling to two
#: countries, the earlier language wins.
NAME_LANGUAGES = (
    "en",
    "sv",
    "da",
    "nb_NO",
    "nn",
    "fi",
    "is",
    "de",
    "fr",
    "nl",
    "it",
    "es",
    "pt",
    "ca",
    "eu",
    "gl",
    "pl",
    "cs",
    "sk",
    "hu",
    "ro",
    "bg",
    "el",
    "hr",
    "sl",
    "sr",
    "sr@latin",
    "bs",
    "mk",
    "sq",
    "et",
    "lv",
    "lt",
    "ga",
    "cy",
    "mt",
    "fy",
    "uk",
    "ru",
    "be",
    "tr",
    "lb",
)
#: Names countries give themselves that no translation above spells (short forms, other official languages).
ENDONYMS = {
    "Norge": "NO",
    "Noreg": "NO",
    "Danmark": "DK",
    "Island": "IS",
    "Ísland": "IS",
    "Suomi": "FI",
    "Deutschland": "DE",
    "Österreich": "AT",
    "Schweiz": "CH",
    "Suisse": "CH",
    "Svizzera": "CH",
    "Svizra": "CH",
    "Belgique": "BE",
    "België": "BE",
    "Belgien": "BE",
    "Nederland": "NL",
    "Lëtzebuerg": "LU",
    "Luxemburg": "LU",
    "Česko": "CZ",
    "Česká republika": "CZ",
    "Slovensko": "SK",
    "Slovenská republika": "SK",
    "Magyarország": "HU",
    "Polska": "PL",
    "Hrvatska": "HR",
    "Slovenija": "SI",
    "Eesti": "EE",
    "Latvija": "LV",
    "Lietuva": "LT",
    "Éire": "IE",
    "Ellada": "GR",
    "Hellas": "GR",
    "Ελλάδα": "GR",
    "Ελλάς": "GR",
    "Κύπρος": "CY",
    "Kıbrıs": "CY",
    "България": "BG",
    "Balgariya": "BG",
    "România": "RO",
    "Moldova": "MD",
    "Shqipëria": "AL",
    "Crna Gora": "ME",
    "Србија": "RS",
    "Srbija": "RS",
    "Bosna i Hercegovina": "BA",
    "Sjeverna Makedonija": "MK",
    "Северна Македонија": "MK",
    "Türkiye": "TR",
    "Україна": "UA",
    "Ukraina": "UA",
    "Kosova": "XK",
    "Italia": "IT",
    "España": "ES",
    "Portugal": "PT",
    "Sverige": "SE",
    "Føroyar": "FO",
    "Kalaallit Nunaat": "GL",
    "Great Britain": "GB",
    "England": "GB",
    "Scotland": "GB",
    "Wales": "GB",
    "Northern Ireland": "GB",
    "Czech Republic": "CZ",
    "Holland": "NL",
    "Macedonia": "MK",
    "FYROM": "MK",
    "Turkey": "TR",
}


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
    """Folded country name → code, in every language of ``NAME_LANGUAGES`` and the ``ENDONYMS``."""
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
    for name, code in ENDONYMS.items():
        names.setdefault(fold(name), code)
    for language in NAME_LANGUAGES[2:]:
        try:
            translation = gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[language])
        except OSError:  # a language this pycountry does not ship
            continue
        for country in country_objects:
            for attr in ("name", "common_name", "official_name"):
                value = getattr(country, attr, None)
                if value:
                    translated = translation.gettext(value)
                    if translated and translated != value:
                        names.setdefault(fold(translated), country.alpha_2)
    names.pop("", None)
    return names


def guess_code(value: str) -> str | None:
    """The code for a country written as a name in a language of Europe ("Sweden", "Tyskland", "Sverige",
    "Deutschland", "España", "Polska", "Suomi") or as keep.eu writes it ("DE Germany / DEUTSCHLAND"), if any."""
    text = value.strip()
    head = text.split(" ", 1)[0].upper()
    if len(text) > 2 and len(head) == 2 and is_valid_code(normalise_code(head)):
        return normalise_code(head)
    return _by_name().get(fold(text))
