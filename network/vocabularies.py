"""The vocabularies other sources use, mapped to the directory's own (``schema.ORGANISATION_TYPES``).

Sources describe organisations in their own words: Interreg's standard partner types ("Regional public authority",
"SME"), CORDIS activity types (HES, REC, PRC, PUB, OTH), keep.eu's legal status (public, private, n/a), and people
write "City", "Municipal Authority", "Kommun" or "Comune". ``ORGANISATION_TYPE_SYNONYMS`` is the one table that
says which directory type each of those means; importing (``importing.py``) and loading (``validation.py``) both
read types through ``organisation_type``, so a synonym added here works everywhere. A value that is neither a
directory type nor a synonym is *unknown*: an import stores ``other`` and keeps the source's word in
``source_type``, and its report lists the unknown values with counts.

Keys are compared folded (case, accents and punctuation ignored: "Education/training centre and school" and
"education training centre and school" are one key).
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import schema
from .textnorm import fold

__all__ = ["ORGANISATION_TYPE_SYNONYMS", "BROADER_TYPES", "organisation_type", "type_key", "is_broader"]

#: Source word → directory organisation type. Grouped by where the words come from.
ORGANISATION_TYPE_SYNONYMS: dict[str, str] = {
    # Interreg's standard partner types (2014–2020 and the harmonised 2021–2027 list, keep.eu and jems)
    "Local public authority": "municipality",
    "Regional public authority": "region",
    "National public authority": "public-body",
    "Sectoral agency": "public-body",
    "Infrastructure and (public) service provider": "public-body",
    "Infrastructure and public service provider": "public-body",
    "Interest groups including NGOs": "ngo",
    "Higher education and research": "university",
    "Higher education and research organisations": "university",
    "Education/training centre and school": "school",
    "Enterprise, except SME": "company",
    "SME": "company",
    "Small and medium enterprise": "company",
    "Small and medium-sized enterprise": "company",
    "Business support organisation": "association",
    "EGTC": "public-body",
    "European grouping of territorial cooperation": "public-body",
    "International organisation, EEIG under national law": "other",
    "International organisation under international law": "other",
    "International organisation": "other",
    "Hospitals and medical centres": "other",
    "General public": "other",
    # CORDIS activity types, as codes and in words
    "HES": "university",
    "Higher or Secondary Education Establishments": "university",
    "REC": "research-institute",
    "Research Organisations": "research-institute",
    "PRC": "company",
    "Private for-profit entities (excluding Higher or Secondary Education Establishments)": "company",
    "PUB": "public-body",
    "Public bodies (excluding Research Organisations and Secondary or Higher Education Establishments)": "public-body",
    "OTH": "other",
    # keep.eu legal status
    "public": "public-body",
    "private": "other",
    "n/a": "other",
    # municipal terms in the languages of Europe
    "City": "municipality",
    "Town": "municipality",
    "Municipality": "municipality",
    "Municipal authority": "municipality",
    "Municipal council": "municipality",
    "Local authority": "municipality",
    "Local government": "municipality",
    "City council": "municipality",
    "Town council": "municipality",
    "City hall": "municipality",
    "Kommun": "municipality",
    "Kommune": "municipality",
    "Kunta": "municipality",
    "Kaupunki": "municipality",
    "Sveitarfélag": "municipality",
    "Gemeente": "municipality",
    "Gemeinde": "municipality",
    "Stadt": "municipality",
    "Stadtverwaltung": "municipality",
    "Comune": "municipality",
    "Commune": "municipality",
    "Ville": "municipality",
    "Mairie": "municipality",
    "Ayuntamiento": "municipality",
    "Municipio": "municipality",
    "Concello": "municipality",
    "Ajuntament": "municipality",
    "Câmara Municipal": "municipality",
    "Gmina": "municipality",
    "Miasto": "municipality",
    "Obec": "municipality",
    "Město": "municipality",
    "Mesto": "municipality",
    "Občina": "municipality",
    "Općina": "municipality",
    "Grad": "municipality",
    "Savivaldybė": "municipality",
    "Pašvaldība": "municipality",
    "Vald": "municipality",
    "Linn": "municipality",
    "Δήμος": "municipality",
    "Dimos": "municipality",
    "Önkormányzat": "municipality",
    "Primăria": "municipality",
    "Община": "municipality",
    # regional terms
    "Region": "region",
    "Regional authority": "region",
    "Regional council": "region",
    "Regional government": "region",
    "County": "region",
    "County council": "region",
    "Landsting": "region",
    "Regionkommun": "region",
    "Län": "region",
    "Fylkeskommune": "region",
    "Fylke": "region",
    "Maakunta": "region",
    "Maakuntaliitto": "region",
    "Regione": "region",
    "Région": "region",
    "Conseil régional": "region",
    "Département": "region",
    "Provincia": "region",
    "Province": "region",
    "Provincie": "region",
    "Diputación": "region",
    "Comunidad autónoma": "region",
    "Landkreis": "region",
    "Bundesland": "region",
    "Województwo": "region",
    "Voivodeship": "region",
    "Kraj": "region",
    "Megye": "region",
    "Județ": "region",
    "Maakond": "region",
    # other public bodies
    "Public body": "public-body",
    "Public authority": "public-body",
    "Public administration": "public-body",
    "Government agency": "public-body",
    "National authority": "public-body",
    "Ministry": "public-body",
    "Agency": "public-body",
    "Länsstyrelse": "public-body",
    "Myndighet": "public-body",
    "EU body": "eu-body",
    "EU institution": "eu-body",
    "EU agency": "eu-body",
    # education, research, culture
    "University": "university",
    "Universitet": "university",
    "Högskola": "university",
    "Higher education institution": "university",
    "Research centre": "research-institute",
    "Research center": "research-institute",
    "Research institute": "research-institute",
    "Research organisation": "research-institute",
    "School": "school",
    "Skola": "school",
    "Folkhögskola": "school",
    "Museum": "museum",
    "Theatre": "theatre",
    "Theater": "theatre",
    "Teater": "theatre",
    "Library": "library",
    "Bibliotek": "library",
    "Cultural institution": "cultural-institution",
    "Cultural centre": "cultural-institution",
    "Kulturinstitution": "cultural-institution",
    "Artist residency": "artist-residency",
    # civil society and business
    "NGO": "ngo",
    "Non-governmental organisation": "ngo",
    "Non-governmental organization": "ngo",
    "Non-profit organisation": "ngo",
    "Civil society organisation": "ngo",
    "Association": "association",
    "Förening": "association",
    "Ideell förening": "association",
    "Verein": "association",
    "Asociación": "association",
    "Foundation": "foundation",
    "Stiftelse": "foundation",
    "Stiftung": "foundation",
    "Fundación": "foundation",
    "Fondazione": "foundation",
    "Social enterprise": "social-enterprise",
    "Company": "company",
    "Enterprise": "company",
    "Private company": "company",
    "Business": "company",
    "Large enterprise": "company",
    "Företag": "company",
    "Self-employed": "self-employed",
    "Freelancer": "self-employed",
    "Other": "other",
}

#: A broad type → the narrower types it covers. keep.eu's "public" (public-body) says nothing against a region or a
#: municipality that the directory already knows: an import does not report it as a difference.
BROADER_TYPES: dict[str, frozenset[str]] = {
    "public-body": frozenset(
        {
            "region",
            "municipality",
            "eu-body",
            "school",
            "university",
            "research-institute",
            "museum",
            "library",
            "theatre",
            "cultural-institution",
            "network-office",
        }
    ),
    "company": frozenset({"social-enterprise", "self-employed"}),
    "ngo": frozenset(
        {"association", "foundation", "social-enterprise", "network-office", "cultural-institution", "artist-residency"}
    ),
    "university": frozenset({"research-institute"}),
}


def is_broader(source: str, known: str) -> bool:
    """Whether the source's type only says less than the directory's (public-body for a region), not otherwise."""
    return known in BROADER_TYPES.get(source, frozenset())


_PUNCTUATION = re.compile(r"[^0-9a-z]+")


def type_key(value: str) -> str:
    """The key a type word is compared under: folded, punctuation as single spaces ("Education/training" →
    "education training")."""
    return _PUNCTUATION.sub(" ", fold(value)).strip()


@lru_cache(maxsize=1)
def _table() -> dict[str, str]:
    table = {type_key(word): kind for word, kind in ORGANISATION_TYPE_SYNONYMS.items()}
    for kind in schema.ORGANISATION_TYPES:
        table[type_key(kind)] = kind
    return table


def organisation_type(value: str) -> str | None:
    """The directory type for a source's word ("Regional public authority" → region, "HES" → university,
    "Comune" → municipality, "public-body" → public-body); None if the word is unknown (or empty)."""
    key = type_key(value)
    return _table().get(key) if key else None
