"""Write a synthetic directory of a chosen size, in the project's format, for benchmarks.

    python bench/generate.py --orgs 100000 --projects 20000 --people 50000 --relations 1000000 --out bench/out/big

The directory is valid (no errors; a few rows are deliberately stale so the warning path runs) and looks like the
real thing where it matters for speed: Swedish and other European names with å, ä, ö, é, ł, ...; a realistic
degree spread (a few networks with thousands of members, a few huge projects, some organisations that collaborate
with thousands of others, most with a handful: preferential, power-law-like picks); every relation type of the
format joining the kinds ``schema.relation_allowed`` says it may join; dates in all three forms; themes.

The same seed always writes the same bytes (dates are fixed, not relative to today; the ``verified`` dates are in
2025-2026, so the directory starts to get "stale" warnings in 2028).
"""

from __future__ import annotations

import argparse
import csv
import sys
import time
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from network import schema  # noqa: E402
from network.textnorm import name_key, slugify  # noqa: E402

__all__ = ["generate", "main"]

# --- vocabularies ----------------------------------------------------------------------------------------------

#: country → (weight, cities, NUTS prefix). Sweden dominates, as in a Swedish region's directory.
COUNTRIES: dict[str, tuple[float, tuple[str, ...], str]] = {
    "SE": (
        30,
        (
            "Örebro",
            "Västerås",
            "Göteborg",
            "Malmö",
            "Umeå",
            "Linköping",
            "Jönköping",
            "Norrköping",
            "Luleå",
            "Gävle",
            "Karlstad",
            "Växjö",
            "Borås",
            "Sundsvall",
            "Östersund",
            "Kiruna",
            "Lidköping",
            "Kumla",
            "Askersund",
            "Hallsberg",
            "Lindesberg",
            "Nora",
            "Karlskoga",
            "Degerfors",
            "Laxå",
            "Hällefors",
            "Skövde",
            "Härnösand",
            "Ystad",
            "Strängnäs",
        ),
        "SE",
    ),
    "FI": (5, ("Helsinki", "Tampere", "Turku", "Jyväskylä", "Oulu", "Mariehamn", "Hämeenlinna", "Seinäjoki"), "FI"),
    "NO": (3, ("Tromsø", "Bodø", "Trondheim", "Bergen", "Lillehammer", "Ålesund"), "NO"),
    "DK": (3, ("Aarhus", "Køge", "Næstved", "Odense", "Aalborg", "Helsingør"), "DK"),
    "IS": (1, ("Reykjavík", "Akureyri", "Ísafjörður"), "IS"),
    "DE": (8, ("München", "Köln", "Düsseldorf", "Nürnberg", "Lübeck", "Göttingen", "Würzburg", "Münster"), "DE"),
    "PL": (6, ("Łódź", "Kraków", "Wrocław", "Gdańsk", "Poznań", "Białystok", "Toruń", "Rzeszów", "Szczecin"), "PL"),
    "FR": (5, ("Orléans", "Besançon", "Nîmes", "Créteil", "Saint-Étienne", "Montpellier", "Angoulême"), "FR"),
    "ES": (5, ("Málaga", "Córdoba", "León", "Cádiz", "A Coruña", "Logroño", "Donostia"), "ES"),
    "IT": (5, ("Forlì", "Cantù", "Bologna", "Torino", "Pescara", "Cagliari", "Matera"), "IT"),
    "PT": (2, ("Évora", "Guimarães", "Setúbal", "Braga", "Óbidos"), "PT"),
    "CZ": (2, ("Brno", "Plzeň", "České Budějovice", "Ústí nad Labem", "Olomouc"), "CZ"),
    "SK": (1, ("Košice", "Žilina", "Banská Bystrica"), "SK"),
    "HU": (2, ("Győr", "Pécs", "Szeged", "Debrecen"), "HU"),
    "RO": (2, ("Brașov", "Timișoara", "Iași", "Cluj-Napoca"), "RO"),
    "HR": (1, ("Split", "Osijek", "Čakovec", "Rijeka"), "HR"),
    "SI": (1, ("Ljubljana", "Kranj", "Maribor"), "SI"),
    "LT": (1, ("Šiauliai", "Kaunas", "Klaipėda", "Vilnius"), "LT"),
    "LV": (1, ("Rīga", "Liepāja", "Cēsis"), "LV"),
    "EE": (1, ("Tartu", "Pärnu", "Tallinn", "Võru"), "EE"),
    "AT": (2, ("Wien", "Graz", "Linz", "Innsbruck"), "AT"),
    "BE": (2, ("Liège", "Gent", "Leuven", "Namur"), "BE"),
    "NL": (2, ("Utrecht", "'s-Hertogenbosch", "Groningen", "Leeuwarden"), "NL"),
    "IE": (1, ("Galway", "Cork", "Limerick"), "IE"),
    "GR": (1, ("Thessaloniki", "Pátra", "Irákleio"), "EL"),
    "GB": (1, ("Glasgow", "Cardiff", "Belfast", "Newcastle upon Tyne"), "UK"),
}
#: Written as the EU does in some rows ("EL", "UK"); the loader normalises them.
EU_STYLE = {"GR": "EL", "GB": "UK"}

WORDS = (
    "Nordljus",
    "Ängen",
    "Björken",
    "Älven",
    "Fyren",
    "Kärnan",
    "Bryggan",
    "Skogsrå",
    "Vågen",
    "Gläntan",
    "Horisont",
    "Mosaik",
    "Polstjärnan",
    "Källan",
    "Örnen",
    "Sjöbris",
    "Månsken",
    "Regnbåge",
    "Sälgen",
    "Tranan",
    "Aurora",
    "Babel",
    "Cirkus",
    "Delta",
    "Echo",
    "Forum",
    "Galaxia",
    "Hélios",
    "Iris",
    "Jasmín",
    "Kosmos",
    "Lumière",
    "Mistral",
    "Nova",
    "Odyssée",
    "Pegaz",
    "Quercus",
    "Rosa",
    "Sirius",
    "Tęcza",
    "Utopía",
    "Vértice",
    "Wawel",
    "Żuraw",
    "Zéphyr",
    "Ægir",
    "Brú",
    "Łąka",
    "Škoda",
    "Ćma",
)
THEMES = (
    "culture",
    "dance",
    "visual-arts",
    "theatre",
    "music",
    "film",
    "literature",
    "heritage",
    "children-youth",
    "social-economy",
    "civil-society",
    "democracy",
    "inclusion",
    "migration",
    "climate",
    "rural-development",
    "education",
    "digitalisation",
    "health",
    "gender-equality",
)
LANGUAGES = ("sv", "en", "de", "fr", "es", "it", "pl", "fi", "da", "no", "pt", "cs", "hu", "ro", "lt", "et")

FIRST_NAMES = (
    "Åsa",
    "Märta",
    "Björn",
    "Göran",
    "Gunnel",
    "Örjan",
    "Sofia",
    "Lars",
    "Anna",
    "Erik",
    "Maja",
    "Jöns",
    "Łukasz",
    "Małgorzata",
    "Wojciech",
    "Agnieszka",
    "Jiří",
    "Tomáš",
    "Šárka",
    "Élodie",
    "Jérôme",
    "François",
    "Hélène",
    "José",
    "María",
    "Begoña",
    "Iñaki",
    "João",
    "Conceição",
    "Jürgen",
    "Jörg",
    "Søren",
    "Bjørn",
    "Þórunn",
    "Zoltán",
    "Ștefan",
    "Jūratė",
    "Mārtiņš",
    "Chiara",
    "Niccolò",
    "Aoife",
    "Siobhán",
    "Eleni",
    "Kateřina",
    "Matej",
    "Ana",
    "Ivana",
    "Marek",
    "Ülle",
    "Päivi",
)
LAST_NAMES = (
    "Lindqvist",
    "Öberg",
    "Åkesson",
    "Järvinen",
    "Björklund",
    "Sjöström",
    "Karlsson",
    "Nilsson",
    "Ström",
    "Wąsowski",
    "Kowalczyk",
    "Łapińska",
    "Dvořák",
    "Novotná",
    "Lefèvre",
    "Gaudí",
    "Muñoz",
    "Peña",
    "Gonçalves",
    "Müller",
    "Schäfer",
    "Jørgensen",
    "Sæther",
    "Guðmundsdóttir",
    "Kovács",
    "Szabó",
    "Popescu",
    "Țurcanu",
    "Kazlauskienė",
    "Bērziņš",
    "Rossi",
    "De Luca",
    "Ó Briain",
    "Papadopoulou",
    "Horváth",
    "Novak",
    "Kask",
    "Mäkelä",
    "Virtanen",
    "Østergaard",
)

ORG_TEMPLATES: dict[str, tuple[tuple[str, str], ...]] = {
    # type → (template, country group); {c} city, {w} word. The default group fits any country.
    "SE": (
        ("municipality", "{c} kommun"),
        ("association", "Kulturföreningen {w} i {c}"),
        ("foundation", "Stiftelsen {w}"),
        ("theatre", "Teater {w} {c}"),
        ("museum", "{c}s museum {w}"),
        ("school", "Folkhögskolan {w} i {c}"),
        ("ngo", "Studieförbundet {w} {c}"),
        ("company", "{w} Kultur AB"),
        ("artist-residency", "Residens {w} {c}"),
        ("library", "{c} stadsbibliotek {w}"),
        ("social-enterprise", "Kooperativet {w} {c}"),
        ("cultural-institution", "Kulturhuset {w} {c}"),
    ),
    "PL": (
        ("municipality", "Urząd Miasta {c} {w}"),
        ("association", "Stowarzyszenie {w} w {c}"),
        ("foundation", "Fundacja {w}"),
        ("theatre", "Teatr Miejski {w} w {c}"),
        ("museum", "Muzeum {w} w {c}"),
    ),
    "DE": (
        ("municipality", "Kulturamt {c} {w}"),
        ("association", "Kulturverein {w} {c} e.V."),
        ("foundation", "Stiftung {w} {c}"),
        ("theatre", "Theater {w} {c}"),
        ("museum", "Museum {w} {c}"),
    ),
    "FR": (
        ("municipality", "Ville de {c} {w}"),
        ("association", "Association {w} de {c}"),
        ("theatre", "Théâtre {w} de {c}"),
        ("museum", "Musée {w} de {c}"),
    ),
    "ES": (
        ("municipality", "Ayuntamiento de {c} {w}"),
        ("association", "Asociación Cultural {w} de {c}"),
        ("foundation", "Fundación {w} {c}"),
        ("theatre", "Teatro {w} de {c}"),
    ),
    "IT": (
        ("municipality", "Comune di {c} {w}"),
        ("association", "Associazione {w} di {c}"),
        ("foundation", "Fondazione {w} {c}"),
        ("theatre", "Teatro {w} di {c}"),
    ),
    "*": (
        ("association", "{w} Cultural Association {c}"),
        ("university", "University of {c} {w} Centre"),
        ("ngo", "{w} Civil Society Forum {c}"),
        ("cultural-institution", "{w} Arts Centre {c}"),
        ("research-institute", "{w} Institute {c}"),
        ("company", "{w} Creative Studio {c}"),
        ("public-body", "{c} {w} Culture Agency"),
        ("region", "{w} Regional Council {c}"),
    ),
}

NETWORK_TYPES = schema.NETWORK_TYPES
NETWORK_SCOPES = schema.NETWORK_SCOPES
STATUSES = schema.PROJECT_STATUSES
PROGRAMMES = (
    (
        "creative-europe-small",
        "Creative Europe: European cooperation projects, small scale",
        "creative-europe",
        3,
        3,
        3,
        48,
    ),
    (
        "creative-europe-medium",
        "Creative Europe: European cooperation projects, medium scale",
        "creative-europe",
        5,
        5,
        5,
        48,
    ),
    (
        "creative-europe-large",
        "Creative Europe: European cooperation projects, large scale",
        "creative-europe",
        10,
        10,
        10,
        48,
    ),
    ("erasmus-ka2-small", "Erasmus+ KA2: small-scale partnerships", "erasmus-plus", 2, 2, 2, 24),
    ("erasmus-ka2-coop", "Erasmus+ KA2: cooperation partnerships", "erasmus-plus", 3, 3, 3, 36),
    ("horizon-europe-ria", "Horizon Europe: research and innovation action", "horizon-europe", 3, 3, 3, 60),
    ("interreg-baltic-sea", "Interreg Baltic Sea Region", "interreg", 3, 3, 3, 36),
    ("interreg-europe", "Interreg Europe", "interreg", 3, 3, 3, 48),
    ("interreg-north", "Interreg Aurora (Sápmi, Norrbotten, Västerbotten)", "interreg", 2, 2, 1, 36),
    ("cerv-town-twinning", "CERV: town twinning", "cerv", 2, 2, 1, 12),
    ("cerv-networks-of-towns", "CERV: networks of towns", "cerv", 4, 4, 3, 24),
    ("esf-plus-sweden", "ESF+ Sverige", "esf-plus", 1, 1, 1, 36),
    ("kulturradet-internationellt", "Kulturrådet: internationellt kulturutbyte", "national", 1, 1, 1, 12),
    ("nordisk-kulturfond", "Nordisk kulturfond: Opstart", "other", 2, 2, 1, 24),
)
PROJECT_WORDS = (
    "Bridges",
    "Voices",
    "Roots",
    "Horizons",
    "Crossroads",
    "Echoes",
    "Pathways",
    "Commons",
    "Futures",
    "Tides",
    "Northern",
    "Rural",
    "Young",
    "Shared",
    "Open",
    "Living",
    "Moving",
    "Sound",
    "Stories",
    "Places",
)

#: How relations.csv is split between types: (relation, source kind, target kind, share of the rows).
RELATION_MIX = (
    ("member_of", "organisation", "network", 0.24),
    ("member_of", "person", "network", 0.03),
    ("member_of", "organisation", "organisation", 0.01),
    ("partner_in", "organisation", "project", 0.25),
    ("participates_in", "person", "project", 0.10),
    ("collaborates_with", "organisation", "organisation", 0.20),
    ("knows", "person", "person", 0.08),
    ("represents", "person", "network", 0.02),
    ("represents", "person", "organisation", 0.01),
    ("part_of", "organisation", "organisation", 0.02),
    ("part_of", "network", "network", 0.002),
    ("coordinates", "organisation", "network", 0.002),
    ("works_at", "person", "organisation", 0.036),
)
#: Power-law exponents for how popular an entity is as a relation's target (higher = fewer, bigger hubs).
SKEW = {"network": 0.75, "project": 0.6, "organisation": 0.8, "person": 0.5, "programme": 0.5}


# --- helpers ---------------------------------------------------------------------------------------------------


def _powerlaw_picks(rng: np.random.Generator, n: int, size: int, skew: float) -> np.ndarray:
    """``size`` indices into ``range(n)``, entity ``i`` picked with weight (rank+1)^-skew (rank: a fixed shuffle)."""
    if n == 0 or size == 0:
        return np.zeros(0, dtype=np.int64)
    weights = np.arange(1, n + 1, dtype=np.float64) ** -skew
    cumulative = np.cumsum(weights)
    ranks = np.searchsorted(cumulative, rng.random(size) * cumulative[-1], side="right")
    return np.minimum(ranks, n - 1)


def _dates(rng: np.random.Generator, size: int, first: int, last: int) -> tuple[np.ndarray, list[str]]:
    """Dates in all three forms (YYYY, YYYY-MM, YYYY-MM-DD), and their years."""
    years = rng.integers(first, last + 1, size)
    months = rng.integers(1, 13, size)
    days = rng.integers(1, 29, size)
    form = rng.random(size)
    text = [
        f"{y}" if f < 0.45 else f"{y}-{m:02d}" if f < 0.65 else f"{y}-{m:02d}-{d:02d}"
        for y, m, d, f in zip(years.tolist(), months.tolist(), days.tolist(), form.tolist())
    ]
    return years, text


def _full_dates(rng: np.random.Generator, size: int, first: str, days: int) -> list[str]:
    start = np.datetime64(first)
    return np.datetime_as_string(start + rng.integers(0, days, size).astype("timedelta64[D]")).tolist()


def _verified(rng: np.random.Generator, size: int) -> list[str]:
    """Mostly checked in 2025-2026, some never, 2 % years ago (they get "stale" warnings)."""
    recent = _full_dates(rng, size, "2025-01-01", 640)
    old = _full_dates(rng, size, "2018-01-01", 1000)
    pick = rng.random(size)
    return [r if p < 0.83 else "" if p < 0.98 else o for r, o, p in zip(recent, old, pick.tolist())]


def _themes(rng: np.random.Generator, size: int) -> list[str]:
    count = rng.integers(0, 4, size)
    picks = rng.integers(0, len(THEMES), (size, 3))
    return ["|".join(dict.fromkeys(THEMES[j] for j in row[:c])) for row, c in zip(picks.tolist(), count.tolist())]


class _Ids:
    """Unique slugs across every file: the name's slug, shortened, with ``-2``, ``-3`` ... on a clash."""

    def __init__(self) -> None:
        self.used: set[str] = set()
        self._next: dict[str, int] = {}

    def make(self, text: str, limit: int = 48) -> str:
        base = slugify(text)[:limit].strip("-") or "x"
        candidate = base
        while candidate in self.used:
            n = self._next.get(base, 2)
            self._next[base] = n + 1
            candidate = f"{base}-{n}"
        self.used.add(candidate)
        return candidate


def _unique_names(names: list[str], extra: list[str]) -> list[str]:
    """Names whose duplicate keys differ (so they raise no near-duplicate warnings): append a word, then a number."""
    seen: set[str] = set()
    out = []
    for name, word in zip(names, extra):
        key = name_key(name)
        if key in seen:
            base = name = f"{name} {word}"
            key, n = name_key(name), 2
            while key in seen:
                name = f"{base} {n}"
                key, n = name_key(name), n + 1
        seen.add(key)
        out.append(name)
    return out


# --- tables ----------------------------------------------------------------------------------------------------


def _organisations(rng: np.random.Generator, n: int, ids: _Ids) -> dict[str, list]:
    codes = list(COUNTRIES)
    weights = np.array([COUNTRIES[c][0] for c in codes], dtype=float)
    country_idx = rng.choice(len(codes), n, p=weights / weights.sum())
    city_pick, tmpl_pick, word_pick, word2 = (rng.integers(0, 1 << 30, n) for _ in range(4))
    names, types, countries, cities, nuts = [], [], [], [], []
    spelling = rng.random(n)
    for ci, cp, tp, wp, sp in zip(
        country_idx.tolist(), city_pick.tolist(), tmpl_pick.tolist(), word_pick.tolist(), spelling.tolist()
    ):
        code = codes[ci]
        cities_here = COUNTRIES[code][1]
        city = cities_here[cp % len(cities_here)]
        templates = ORG_TEMPLATES.get(code, ()) + ORG_TEMPLATES["*"]
        kind, template = templates[tp % len(templates)]
        names.append(template.format(c=city, w=WORDS[wp % len(WORDS)]))
        types.append(kind)
        countries.append(EU_STYLE[code] if code in EU_STYLE and sp < 0.5 else code)
        cities.append(city)
        nuts.append(f"{COUNTRIES[code][2]}{1 + cp % 3}{cp % 9}" if sp < 0.6 else "")
    if n:  # the home organisation, a hub
        names[0], types[0], countries[0], cities[0], nuts[0] = "Region Örebro län", "region", "SE", "Örebro", "SE124"
    names = _unique_names(
        names, [f"{WORDS[w % len(WORDS)]} {PROJECT_WORDS[w % len(PROJECT_WORDS)]}" for w in word2.tolist()]
    )
    org_ids = [ids.make("region-orebro" if i == 0 else name) for i, name in enumerate(names)]
    return {
        "id": org_ids,
        "name": names,
        "type": types,
        "country": countries,
        "city": cities,
        "nuts": nuts,
        "founded": [str(y) if y < 2022 else "" for y in rng.integers(1850, 2040, n).tolist()],
        "themes": _themes(rng, n),
        "website": [f"https://www.{i}.example" if p < 0.7 else "" for i, p in zip(org_ids, rng.random(n).tolist())],
        "email": [f"info@{i}.example" if p < 0.5 else "" for i, p in zip(org_ids, rng.random(n).tolist())],
        "description": ["Fictional organisation, generated for benchmarks; not a real body."] * n,
        "reference": ["" for _ in range(n)],
        "verified": _verified(rng, n),
    }


def _networks(rng: np.random.Generator, n: int, ids: _Ids) -> dict[str, list]:
    prefixes = (
        "European Network of",
        "Nordic Alliance for",
        "Baltic Platform for",
        "Forum för",
        "Réseau européen",
        "Red Europea de",
        "Rete europea per",
        "Europäisches Netzwerk für",
    )
    picks = rng.integers(0, 1 << 30, (n, 3)).tolist()
    names = [
        f"{prefixes[a % len(prefixes)]} {THEMES[b % len(THEMES)].replace('-', ' ')} {WORDS[c % len(WORDS)]}"
        for a, b, c in picks
    ]
    names = _unique_names(names, [str(i) for i in range(n)])
    net_ids = [ids.make(name, 40) for name in names]
    return {
        "id": net_ids,
        "name": names,
        "type": [NETWORK_TYPES[x % len(NETWORK_TYPES)] for x in rng.integers(0, 100, n).tolist()],
        "scope": [NETWORK_SCOPES[x % len(NETWORK_SCOPES)] for x in rng.integers(0, 100, n).tolist()],
        "website": [f"https://{i}.example" for i in net_ids],
        "themes": _themes(rng, n),
        "description": ["Fictional network, generated for benchmarks."] * n,
        "reference": [""] * n,
        "verified": _verified(rng, n),
    }


def _programmes(rng: np.random.Generator, ids: _Ids) -> dict[str, list]:
    rows = PROGRAMMES
    for row in rows:
        ids.used.add(row[0])
    return {
        "id": [r[0] for r in rows],
        "name": [r[1] for r in rows],
        "family": [r[2] for r in rows],
        "min_partners": [str(r[3]) for r in rows],
        "min_countries": [str(r[4]) for r in rows],
        "min_eu_countries": [str(r[5]) for r in rows],
        "max_months": [str(r[6]) for r in rows],
        "rule_note": ["Synthetic rule for benchmarks; read the call for the real one."] * len(rows),
        "url": ["https://commission.europa.eu/funding-tenders_en"] * len(rows),
        "reference": [""] * len(rows),
        "verified": _verified(rng, len(rows)),
    }


def _projects(rng: np.random.Generator, n: int, ids: _Ids, programme_ids: list[str]) -> dict[str, list]:
    words = rng.integers(0, len(PROJECT_WORDS), (n, 2)).tolist()
    places = rng.integers(0, 1 << 30, n).tolist()
    years = rng.integers(2008, 2027, n).tolist()
    places_all = [c for _, cities, _ in COUNTRIES.values() for c in cities]
    names = [
        f"{PROJECT_WORDS[a]} {PROJECT_WORDS[b]} – {places_all[p % len(places_all)]} {y}"
        for (a, b), p, y in zip(words, places, years)
    ]
    acronyms = [f"{PROJECT_WORDS[a][:4].upper()}{PROJECT_WORDS[b][:3].upper()}" for a, b in words]
    project_ids = [ids.make(f"{acronym}-{year}") for acronym, year in zip(acronyms, years)]
    programme = _powerlaw_picks(rng, len(programme_ids), n, SKEW["programme"]).tolist()
    length = rng.integers(1, 4, n).tolist()
    status_pick = rng.random(n).tolist()
    statuses = [STATUSES[min(int(s * len(STATUSES)), len(STATUSES) - 1)] for s in status_pick]
    return {
        "id": project_ids,
        "name": names,
        "acronym": acronyms,
        "programme": [programme_ids[p] if s < 0.9 else "" for p, s in zip(programme, status_pick)],
        "status": statuses,
        "start": [f"{y}-{m:02d}-01" for y, m in zip(years, rng.integers(1, 13, n).tolist())],
        "end": [f"{y + d}-12-31" for y, d in zip(years, length)],
        "budget_eur": [f"{b}" if b % 7 else f"{b}.50" for b in rng.integers(20_000, 3_000_000, n).tolist()],
        "themes": _themes(rng, n),
        "website": [""] * n,
        "description": ["Fictional project, generated for benchmarks."] * n,
        "reference": [""] * n,
        "verified": _verified(rng, n),
    }


def _people(rng: np.random.Generator, n: int, ids: _Ids, org_ids: list[str]) -> dict[str, list]:
    first = rng.integers(0, len(FIRST_NAMES), n).tolist()
    last = rng.integers(0, len(LAST_NAMES), n).tolist()
    names = [f"{FIRST_NAMES[a]} {LAST_NAMES[b]}" for a, b in zip(first, last)]
    person_ids = [ids.make(name) for name in names]
    employer = _powerlaw_picks(rng, len(org_ids), n, SKEW["organisation"]).tolist()
    has_employer = rng.random(n).tolist()
    roles = (
        "International coordinator",
        "Kulturstrateg",
        "Project manager",
        "Utvecklingsledare",
        "Director",
        "Verksamhetschef",
        "Producer",
        "EU-samordnare",
    )
    role = rng.integers(0, len(roles), n).tolist()
    langs = rng.integers(0, len(LANGUAGES), (n, 2)).tolist()
    return {
        "id": person_ids,
        "name": names,
        "organisation": [org_ids[e] if h < 0.92 and org_ids else "" for e, h in zip(employer, has_employer)],
        "role": [roles[r] for r in role],
        "email": [f"{i}@example.org" for i in person_ids],
        "phone": [f"+46 19 {i % 900 + 100} {i % 97:02d} {i % 89:02d}" for i in range(n)],
        "languages": ["|".join(dict.fromkeys(("sv", LANGUAGES[a], LANGUAGES[b]))) for a, b in langs],
        "themes": _themes(rng, n),
        "notes": [""] * n,
        "verified": _verified(rng, n),
    }


def _pairs(
    rng: np.random.Generator,
    relation: str,
    n_sources: int,
    n_targets: int,
    same_kind: bool,
    count: int,
    skew: float,
    taken: set[int],
) -> tuple[np.ndarray, np.ndarray]:
    """``count`` (source, target) index pairs, or fewer when the kinds are too small: no self-loops, no repeats."""
    draw = int(count * 1.15) + 10
    if relation == "part_of":  # a forest: each child has one parent, earlier in the list
        s = rng.permutation(np.arange(1, n_sources))[:count] if n_sources > 1 else np.zeros(0, np.int64)
        t = (s * rng.random(len(s))).astype(np.int64)
        return s, t
    s = rng.permutation(n_sources)[_powerlaw_picks(rng, n_sources, draw, 0.35)]  # busy sources ≠ popular targets
    t = _powerlaw_picks(rng, n_targets, draw, skew)
    keep = (s != t) if same_kind else np.ones(draw, bool)
    s, t = s[keep], t[keep]
    codes = s * (n_targets + 1) + t
    _, first = np.unique(codes, return_index=True)
    first = np.sort(first)
    fresh = [i for i in first.tolist() if int(codes[i]) not in taken][:count]
    taken.update(int(codes[i]) for i in fresh)
    return s[fresh], t[fresh]


def _relations(rng: np.random.Generator, total: int, ids_by_kind: dict[str, list[str]]) -> dict[str, list]:
    """relations.csv: ``total`` rows split by RELATION_MIX, ends picked by popularity, no self-loops or repeats."""
    out: dict[str, list] = {c: [] for c in schema.RELATIONS_TABLE.column_names}
    counts = [int(round(total * share)) for *_, share in RELATION_MIX]
    counts[0] += total - sum(counts)
    plan = list(zip(RELATION_MIX, counts))
    taken: dict[tuple, set[int]] = {}
    written = 0
    while plan:
        (relation, source_kind, target_kind, _share), count = plan.pop(0)
        assert schema.relation_allowed(relation, source_kind, target_kind), (relation, source_kind, target_kind)
        sources, targets = ids_by_kind[source_kind], ids_by_kind[target_kind]
        if not sources or not targets or count <= 0:
            continue
        s, t = _pairs(
            rng,
            relation,
            len(sources),
            len(targets),
            source_kind == target_kind,
            count,
            SKEW[target_kind],
            taken.setdefault((relation, source_kind, target_kind), set()),
        )
        written += _relation_rows(
            rng, out, relation, [sources[i] for i in s.tolist()], [targets[i] for i in t.tolist()]
        )
        if not plan and written < total and len(s):  # small kinds ran out of pairs: top up with collaborations
            plan.append((("collaborates_with", "organisation", "organisation", 0), total - written))
    return out


def _relation_rows(
    rng: np.random.Generator, out: dict[str, list], relation: str, sources: list[str], targets: list[str]
) -> int:
    size = len(sources)
    out["source"] += sources
    out["relation"] += [relation] * size
    out["target"] += targets
    if relation == "partner_in":
        pick = rng.random(size).tolist()
        out["role"] += ["coordinator" if p < 0.06 else "associated" if p > 0.9 else "partner" for p in pick]
    else:
        out["role"] += [""] * size
    years, since = _dates(rng, size, 1995, 2026)
    ended = rng.random(size) < 0.3
    length = rng.integers(1, 9, size)
    out["since"] += [d if p < 0.8 else "" for d, p in zip(since, rng.random(size).tolist())]
    out["until"] += [f"{y + n}-12-31" if e else "" for y, n, e in zip(years.tolist(), length.tolist(), ended.tolist())]
    out["note"] += [
        "Introduced at the REVES general assembly, Bruxelles; follow up in spring." if p < 0.05 else ""
        for p in rng.random(size).tolist()
    ]
    out["reference"] += ["Synthetic; see bench/generate.py" if p < 0.1 else "" for p in rng.random(size).tolist()]
    out["verified"] += _verified(rng, size)
    return size


def _write(path: Path, columns: dict[str, list]) -> int:
    names = list(columns)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle, lineterminator="\n")
        writer.writerow(names)
        writer.writerows(zip(*columns.values()))
    return len(columns[names[0]])


def generate(
    out: Path, orgs: int, projects: int, people: int, relations: int, seed: int = 1, networks: int | None = None
) -> dict[str, int]:
    """Write the directory into ``out`` (created if needed). Returns the number of rows per file."""
    rng = np.random.default_rng(seed)
    ids = _Ids()
    networks = max(8, orgs // 200) if networks is None else networks
    programme_rows = _programmes(rng, ids)
    org_rows = _organisations(rng, orgs, ids)
    network_rows = _networks(rng, networks, ids)
    project_rows = _projects(rng, projects, ids, programme_rows["id"])
    people_rows = _people(rng, people, ids, org_rows["id"])
    ids_by_kind = {
        "organisation": org_rows["id"],
        "network": network_rows["id"],
        "project": project_rows["id"],
        "person": people_rows["id"],
        "programme": programme_rows["id"],
    }
    relation_rows = _relations(rng, relations, ids_by_kind)
    out.mkdir(parents=True, exist_ok=True)
    counts = {}
    for table, rows in (
        (schema.ORGANISATIONS, org_rows),
        (schema.NETWORKS, network_rows),
        (schema.PROJECTS, project_rows),
        (schema.PROGRAMMES, programme_rows),
        (schema.PEOPLE, people_rows),
        (schema.RELATIONS_TABLE, relation_rows),
    ):
        unknown = set(rows) - set(table.column_names)
        assert not unknown, (table.file, unknown)
        size = len(rows["id"] if "id" in rows else rows["source"])
        ordered = {c: rows.get(c) or [""] * size for c in table.column_names}  # columns added to the format later
        counts[table.file] = _write(out / table.file, ordered)
    home = org_rows["id"][0] if org_rows["id"] else ""
    (out / "directory.toml").write_text(
        f'name = "Syntetisk katalog: {orgs} organisationer, {relations} relationer"\nhome = "{home}"\n',
        encoding="utf-8",
    )
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Write a synthetic directory for benchmarks.")
    parser.add_argument("--orgs", type=int, default=5000, help="organisations (default 5000)")
    parser.add_argument("--projects", type=int, default=1000, help="projects (default 1000)")
    parser.add_argument("--people", type=int, default=2500, help="people (default 2500)")
    parser.add_argument("--relations", type=int, default=50000, help="rows of relations.csv (default 50000)")
    parser.add_argument("--networks", type=int, default=None, help="networks (default orgs/200, at least 8)")
    parser.add_argument("--out", type=Path, required=True, help="folder to write (created if needed)")
    parser.add_argument("--seed", type=int, default=1, help="random seed (default 1); same seed, same bytes")
    args = parser.parse_args(argv)
    started = time.perf_counter()
    counts = generate(args.out, args.orgs, args.projects, args.people, args.relations, args.seed, args.networks)
    took = time.perf_counter() - started
    print(", ".join(f"{n} {f}" for f, n in counts.items()) + f" written to {args.out} in {took:.1f} s")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
