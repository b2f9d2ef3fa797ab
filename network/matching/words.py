"""The word lists matching uses: legal forms, municipal and regional patterns, words shared across languages.

All lists are data, written in *folded* form (``textnorm.fold``: lower case, no accents) and passed through the same
``names.tokens`` function as names, so "S.p.A.", "SpA" and "s p a" all become the token ``spa``. Legal forms come from the
maintained term list of ``cleanco`` (MIT licence, pinned in requirements.txt), for every country, plus the few
European forms it lacks.
"""

from __future__ import annotations

__all__ = [
    "EXTRA_LEGAL_FORMS",
    "NOT_LEGAL_FORMS",
    "MUNICIPAL_PREFIXES",
    "MUNICIPAL_SUFFIXES",
    "REGIONAL_PREFIXES",
    "REGIONAL_SUFFIXES",
    "CANONICAL_WORDS",
    "STOP_WORDS",
    "GENERIC_WORDS",
    "BODY_WORDS",
    "COUNTRY_WORDS",
]

#: Legal forms cleanco lacks (EU/EEA forms and the European cross-border ones: EWIV/EEIG, EGTC in four languages).
EXTRA_LEGAL_FORMS = (
    "ewiv", "eeig", "geie", "aeie", "egtc", "gect", "aect", "evtz", "egts", "ggmbh", "gemeinnutzige gmbh", "ug",
    "ohg", "gbr", "ek", "asbl", "vzw", "vof", "ry", "rf", "ideell forening", "ekonomisk forening", "aktiebolag",
    "aktiebolaget", "publ", "ab publ", "hf", "ehf", "ses", "onlus", "odv", "aps", "scarl", "scrl", "sccl", "scoop",
    "soc coop", "societa cooperativa", "societa consortile a responsabilita limitata",
    "societa a responsabilita limitata", "societa per azioni", "sociedad limitada", "sociedad anonima", "slu",
    "sociedade anonima", "lda", "unipessoal lda", "fp", "ip", "cic", "cio", "plc", "limited", "ltd", "eood", "ead",
    "ad", "ood", "doo", "dd", "sro", "as", "zs", "ops", "po", "prispevkova organizace", "sp zoo", "spolka z oo",
    "sa", "sas", "sarl", "sasu", "eurl", "sci", "scop", "sem", "spl", "epic", "gip", "oy", "oyj", "ay", "ky",
    "tmi", "rs", "ou", "mtu", "uab", "ab", "vsi", "ii", "sia", "biedriba", "nodibinajums", "kft", "zrt", "nyrt",
    "bt", "kkt", "nonprofit kft", "srl", "sc", "ra", "ike", "epe", "ae", "oe", "ee", "amke", "npo", "nv", "bv",
    "cvba", "bvba", "srl", "sprl", "scrl", "stichting", "kg", "gmbh", "ag", "se", "kgaa", "ev", "gmbh co kg",
    "agrupacion europea de cooperacion territorial", "european grouping of territorial cooperation",
    "groupement europeen de cooperation territoriale", "europaischer verbund fur territoriale zusammenarbeit",
    "gruppo europeo di cooperazione territoriale", "vsi", "pi",
)
#: Terms of cleanco's list that are also ordinary words or place names in European names ("Novi Sad").
NOT_LEGAL_FORMS = frozenset({"sad", "og", "da", "sd", "et", "pt", "co", "company", "private", "group", "unlimited",
                              "ses", "se"})
# "stichting" (Dutch foundation) is a form of legal person that names often carry before the name.


#: Before the place name: "City of X", "Comune di X", "Stadt X" ... (folded, as tokens after transliteration).
MUNICIPAL_PREFIXES = (
    "city of", "town of", "municipality of", "municipality", "the municipality of", "city council of", "borough of",
    "comune di", "comune de", "citta di", "citta", "ville de", "ville d", "mairie de", "commune de", "commune d",
    "stadt", "landeshauptstadt", "hansestadt", "freie und hansestadt", "stadtgemeinde", "marktgemeinde", "gemeinde",
    "gemeente", "stad", "ayuntamiento de", "ajuntament de", "concello de", "municipio de", "municipio do",
    "camara municipal de", "camara municipal do", "concelho de", "gmina", "gmina miasto", "miasto", "urzad miasta",
    "mesto", "statutarni mesto", "obec", "grad", "opcina", "obcina", "mestna obcina", "municipiul", "primaria",
    "primaria municipiului", "comuna", "kommune", "kaupunki", "municipal district",
)
#: After the place name: "X kommun", "X Municipality", "X City Council" ...
MUNICIPAL_SUFFIXES = (
    "kommun", "kommune", "kommuna", "stad", "kaupunki", "kaupunginhallitus", "municipality", "city", "city council",
    "town council", "municipal council", "borough council", "city municipality", "gemeente", "commune", "byen",
    "municipality administration", "district municipality", "district municipality administration",
)
#: Before the place name: "Region X", "Regione X", "County of X", "Provincia di X" ...
REGIONAL_PREFIXES = (
    "region", "region of", "the region of", "regione", "regione di", "regione del", "region de", "la region",
    "region del", "regio", "county of", "province of", "provincia di", "provincia de", "provincie", "departement de",
    "departement des", "departement du", "landkreis", "kreis", "land", "bezirk", "kanton", "canton of", "canton",
    "wojewodztwo", "voivodeship", "regional council of", "county council of", "comunidad de", "junta de",
    "generalitat de", "diputacion de", "diputacio de", "diputacion provincial de", "conseil regional",
    "conseil departemental", "conseil regional de", "conseil departemental de", "regional government of",
    "government of", "landskapet", "fylkeskommune",
)
#: After the place name: "X län", "X County", "X Region" ...
REGIONAL_SUFFIXES = (
    "lan", "lans landsting", "landsting", "county", "county council", "county administration", "region", "regionen",
    "regional council", "maakunta", "maakuntaliitto", "megye", "fylke", "fylkeskommune", "regio", "province",
    "voivodeship", "canton", "county government", "region government", "regional government",
)

#: One word for the same word in several languages, so "Universität Freiburg" and "Freiburg University" agree.
_SYNONYMS = {
    "university": ("university", "universitet", "universitetet", "universitat", "universite", "universidad",
                   "universidade", "uniwersytet", "universita", "universiteit", "univerzita", "univerza",
                   "univerzitet", "universitatea", "yliopisto", "egyetem", "ulikool", "universitetas", "universitate",
                   "universiti", "univ", "universitaet"),
    "tech": ("technology", "technical", "technological", "tekniska", "teknisk", "technische", "technologie",
             "technologies", "tecnologia", "tecnologica", "tecnico", "technik", "technique", "technicka",
             "tehnicka", "tehniska", "technologii", "technologijos", "tecnologico", "technologique", "teknillinen",
             "tekniikka"),
    "hospital": ("hospital", "sjukhus", "sjukhuset", "krankenhaus", "hopital", "ospedale", "ziekenhuis", "szpital",
                 "nemocnice", "sygehus", "sykehus", "sairaala"),
    "museum": ("museum", "museet", "museo", "musee", "muzeum", "muzej", "museu", "museon"),
    "library": ("library", "bibliotek", "biblioteket", "biblioteca", "bibliotheque", "bibliothek", "biblioteka"),
    "foundation": ("foundation", "stiftelse", "stiftelsen", "stiftung", "fondation", "fundacion", "fondazione",
                   "fundacja", "fundacao", "fundatia", "fonden", "fond", "nadace", "saatio"),
    "association": ("association", "forening", "foreningen", "forbund", "verein", "verband", "associazione",
                    "asociacion", "associacao", "stowarzyszenie", "asociatia", "vereniging", "associacio", "udruga",
                    "zdruzenje", "yhdistys", "sdruzeni", "egyesulet"),
    "institute": ("institute", "institut", "instituto", "istituto", "instytut", "institutet", "instituut", "inštitut",
                  "institutas", "instituts"),
    "centre": ("centre", "center", "centrum", "zentrum", "centro", "centr", "keskus", "kozpont", "centras"),
    "school": ("school", "skola", "skolan", "schule", "ecole", "escuela", "scuola", "szkola", "skole", "koulu"),
    "agriculture": ("agriculture", "agricultural", "lantbruk", "landwirtschaft", "agricole", "agraria", "agricola",
                    "agrar", "rolnictwa"),
    "agriculture university": ("lantbruksuniversitet", "lantbruksuniversitetet"),
    "development": ("development", "utveckling", "entwicklung", "developpement", "desarrollo", "sviluppo",
                    "desenvolvimento", "rozwoju", "razvoj", "razvojni", "kehittamis"),
    "agency": ("agency", "agentur", "agence", "agencia", "agenzia", "agentura", "agencja", "agentia", "byra",
               "agencija", "virasto"),
    "chamber": ("chamber", "kammer", "chambre", "camara", "camera", "kamer", "izba", "komora", "kamara"),
    "commerce": ("commerce", "handel", "handels", "commercio", "comercio", "handelskammer"),
    "national": ("national", "nationale", "nazionale", "nacional", "narodowy", "narodni", "nacionalni", "rikets",
                 "kansallinen", "nemzeti"),
    "europe": ("europe", "europa", "eurooppa", "european", "europeiska", "europaische", "europaeische", "europeen", "europeenne", "europea",
                 "europeo", "europejski", "evropska", "europese", "euroopan"),
    "research": ("research", "forskning", "forschung", "recherche", "investigacion", "ricerca", "investigacao",
                 "badan", "onderzoek", "vyzkum", "raziskovalni", "tutkimus"),
    "science": ("science", "sciences", "vetenskap", "wissenschaft", "wissenschaften", "scienze", "ciencias",
                "sciences", "nauk", "wetenschappen", "tiede"),
    "applied": ("applied", "tillampad", "angewandte", "appliquees", "aplicadas", "applicate"),
    "college": ("college", "hogskola", "hogskolan", "hochschule", "fachhochschule", "hogeschool", "hoyskole",
                "ammattikorkeakoulu", "hojskole", "politecnico"),
    "region": ("region", "regione", "regio", "regional", "regionale", "regionalny"),
    "sweden": ("sweden", "swedish", "sveriges", "svenska", "svensk", "sverige"),
    "denmark": ("denmark", "danish", "danmarks", "dansk", "danske", "danmark"),
    "norway": ("norway", "norwegian", "norges", "norsk", "norske", "norge"),
    "finland": ("finland", "finnish", "suomen", "suomi", "finlands"),
    "germany": ("germany", "german", "deutsche", "deutsches", "deutscher", "deutschland"),
    "medical": ("medical", "medicine", "medizinische", "medicina", "medical", "medicinska", "lekarska"),
    "clinic": ("clinic", "klinikum", "klinik", "clinique", "clinica", "kliniken", "uniklinik"),
    "council": ("council", "rad", "radet", "rat", "conseil", "consiglio", "consejo", "rada"),
    "economics": ("economics", "economy", "economic", "ekonomi", "wirtschaft", "economie", "economia", "gospodarczy"),
    "ministry": ("ministry", "ministerium", "ministere", "ministero", "ministerio", "ministerstwo", "ministerstvo",
                 "ministrstvo", "departementet"),
}
CANONICAL_WORDS: dict[str, str] = {word: canonical for canonical, words in _SYNONYMS.items() for word in words}

#: Words that carry no identity: articles and prepositions of the main European languages.
STOP_WORDS = frozenset(
    "the of and for in at on to a an de di da del della delle dei degli des du la le les l d der die das den dem "
    "des und fur zu zur zum im am von vom och i for pa av af og y e et van voor het en op te een del do dos das na "
    "no ao w z ze na dla v ve s se pri za o u ja ning ir per al els degli dello dell".split()
)

#: Words that say what kind of body it is rather than which one: an extra one of these in one name (and nothing
#: else) still means the same organisation ("Public Institution X" and "X").
GENERIC_WORDS = frozenset(
    "public institution ltd limited company official publ inc group sweden denmark norway finland germany the "
    "society ry county office head main studi studies municipal government governement pi degli general district"
    .split()
)

#: Canonical words that say what *kind of body* it is: one name adding one of these ("Foundation of the Faculty
#: of X", "Riga Medical College of the University of Latvia") names another body, not the same one.
BODY_WORDS = frozenset({
    "university", "hospital", "museum", "library", "foundation", "association", "institute", "centre", "school",
    "agency", "chamber", "college", "clinic", "council", "ministry", "faculty", "department", "office", "company",
})

#: Country names and adjectives a name may carry ("Stockholm University, Sweden") which say nothing within one
#: country: the canonical words above, the English names are added from pycountry where needed.
COUNTRY_WORDS = frozenset({"sweden", "denmark", "norway", "finland", "germany"})
