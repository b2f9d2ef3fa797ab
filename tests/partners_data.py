"""A small directory for the partner finder and consortium check tests, where every number can be worked out by hand.

Region Örebro län (SE, the home) has a unit (KIS) and a member of staff, Anna Exempel, who knows Pedro Ruiz, the
director of Teatro del Sur (ES). Teatro del Sur and Flamenco Sevilla are both Spanish dance organisations, so a
consortium with both has two countries, not three. Tanz Berlin and Danshuset Oslo were partners with the region in
the completed Creative Europe project Dance Bridges; Ljubljana Lab is only in a project idea. Comune di X and
Kultur Wien are members of REVES, like the region. Dance USA is outside every programme's countries.

Country groups: ``creative`` (EU + NO + RS), ``erasmus`` (EU + NO + RS + TR), ``horizon`` (EU + NO + GB + RS + TR),
``interreg-europe`` (EU + NO + CH), ``cerv`` (EU + RS).
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path

from network import load_directory
from network.directory import Directory

__all__ = ["TODAY", "FILES", "write", "load", "PROGRAMME_HEADER"]

TODAY = dt.date(2026, 1, 15)
EU = "AT|BE|BG|HR|CY|CZ|DK|EE|FI|FR|DE|GR|HU|IE|IT|LV|LT|LU|MT|NL|PL|PT|RO|SK|SI|ES|SE"

PROGRAMME_HEADER = (
    "id,name,family,call,min_partners,min_countries,min_eu_countries,min_eu_partners,eligible_group,"
    "outside_countries,partner_types,coordinator_types,coordinator_group,coordinator_min_age_years,"
    "max_months,counted_roles,rule_note,url,reference,verified\n"
)

FILES: dict[str, str] = {
    "directory.toml": 'name = "Partner test"\nhome = "region-orebro"\n',
    "organisations.csv": (
        "id,name,type,country,city,founded,themes,verified\n"
        "region-orebro,Region Örebro län,region,SE,Örebro,1863,dance|social-economy,2025-12-01\n"
        "kis,KIS,public-body,SE,Örebro,2019,culture,2025-12-01\n"
        "teatro-sur,Teatro del Sur,ngo,ES,Sevilla,2010,dance|theatre,2025-11-01\n"
        "flamenco-sevilla,Flamenco Sevilla,association,ES,Sevilla,2001,dance,\n"
        "danshuset-oslo,Danshuset Oslo,cultural-institution,NO,Oslo,1990,dance,2019-05-01\n"
        "tanz-berlin,Tanz Berlin,cultural-institution,DE,Berlin,2024-06,dance|children-youth,\n"
        "ljubljana-lab,Ljubljana Lab,ngo,SI,Ljubljana,2015,contemporary-dance,\n"
        "kultur-wien,Kultur Wien,municipality,AT,Wien,1900,theatre,\n"
        "comune-x,Comune di X,municipality,IT,X,1950,social-economy,\n"
        "geneve-ville,Ville de Genève,municipality,CH,Genève,1900,theatre,\n"
        "beograd-ples,Beograd Ples,association,RS,Beograd,2000,dance,\n"
        "istanbul-dans,Istanbul Dans,association,TR,Istanbul,2000,dance,\n"
        "london-dance,London Dance,ngo,GB,London,2000,dance,\n"
        "dance-usa,Dance USA,ngo,US,New York,2000,dance,\n"
        "alpha-dans,Alpha Dans,association,NL,Utrecht,2000,dance,\n"
        "beta-dans,Beta Dans,association,BE,Gent,2000,dance,\n"
    ),
    "networks.csv": "id,name,type\nreves,REVES,association\n",
    "people.csv": (
        "id,name,organisation,role\n"
        "anna-exempel,Anna Exempel,region-orebro,International coordinator\n"
        "pedro-ruiz,Pedro Ruiz,teatro-sur,Director\n"
    ),
    "projects.csv": (
        "id,name,acronym,programme,status,themes\n"
        "dance-bridges,Dance Bridges,DB,ce-small,completed,dance\n"
        "dance-idea,Dance Idea,DI,ce-small,idea,dance\n"
    ),
    "programmes.csv": PROGRAMME_HEADER
    + (
        "ce-small,Creative Europe small,creative-europe,CREA-CULT-2025-COOP-1,3,3,,,creative,excluded,,,,2,48,"
        "coordinator|partner,At least 3 from 3.,https://culture.ec.europa.eu,https://culture.ec.europa.eu/calls,"
        "2025-10-01\n"
        "erasmus-ka220,Erasmus+ KA220,erasmus-plus,Programme Guide 2026,3,3,,,erasmus,not-counted,,,erasmus,,36,,"
        "At least 3 from 3.,https://erasmus-plus.ec.europa.eu,,\n"
        "horizon-ria,Horizon Europe RIA,horizon-europe,WP 2025,3,3,1,,horizon,not-counted,,,,,,,,,,\n"
        "interreg-europe,Interreg Europe,interreg,Fourth call,3,3,,2,interreg-europe,excluded,,"
        "region|municipality|public-body,,,,,,,,\n"
        "cerv-tt,CERV town twinning,cerv,CERV-2026-CITIZENS-TOWN-TT,2,2,1,,cerv,excluded,municipality,,,,12,,,,,\n"
        "regional-grant,Regional grant,other,,,,,,,,,,,,,,No consortium rule.,,,\n"
    ),
    "country_groups.csv": (
        "group,name,countries,note,reference\n"
        f"creative,Creative Europe countries,{EU}|NO|RS,,https://culture.ec.europa.eu\n"
        f"erasmus,Erasmus+ programme countries,{EU}|NO|RS|TR,,\n"
        f"horizon,Horizon Europe countries,{EU}|NO|GB|RS|TR,,\n"
        f"interreg-europe,Interreg Europe area,{EU}|NO|CH,,\n"
        f"cerv,CERV countries,{EU}|RS,,\n"
    ),
    "relations.csv": (
        "source,relation,target,role,since,until,note,reference,verified\n"
        "kis,part_of,region-orebro,,,,,,\n"
        "anna-exempel,knows,pedro-ruiz,,2024,,,,\n"
        "region-orebro,member_of,reves,,2001,,,,2025-12-01\n"
        "comune-x,member_of,reves,,2015,,,,\n"
        "kultur-wien,member_of,reves,,2010,,,,2023-01-10\n"
        "region-orebro,partner_in,dance-bridges,coordinator,2022,2024,,,\n"
        "tanz-berlin,partner_in,dance-bridges,partner,2022,2024,,,\n"
        "danshuset-oslo,partner_in,dance-bridges,partner,2022,2024,,,\n"
        "ljubljana-lab,partner_in,dance-idea,partner,,,,,\n"
        "kis,collaborates_with,ljubljana-lab,,2025-06,,,,\n"
    ),
}


def write(path: Path, files: dict[str, str] | None = None) -> Path:
    path.mkdir(parents=True, exist_ok=True)
    for name, text in (files or FILES).items():
        (path / name).write_text(text, encoding="utf-8")
    return path


def load(path: Path) -> Directory:
    return load_directory(path, today=TODAY)
