"""Acceptance on real data (issue 11): with keep.eu and CORDIS imported into the sample, real organisations with
relevant experience reach the top 10 for Interreg and Horizon calls, with reasons a culture officer understands.

Skipped when ../shared/realdata is absent. To stay fast, the directory is imported once per session: the sample,
keep.eu's whole partner list (8,621 rows) and the CORDIS participations of the programme parts a culture officer
would look at (SC6, inclusive and reflective societies, and SWAFS, science with and for society: a few thousand of
the 144,726 rows), with the names joined from CORDIS's organisation file, through the shipped mappings.
"""

from __future__ import annotations

import csv
import datetime as dt
import gzip
import os
import shutil
from pathlib import Path

import pytest

from core_helpers import EDITOR
from network import importing, load_directory
from network.import_mapping import load_mapping
from network.partners import PartnerQuery, describe, find_partners

REPO = Path(__file__).resolve().parent.parent
#: ../shared/realdata next to the checkout; $NETWORK_REALDATA points elsewhere (a git worktree lives in another folder).
REALDATA = Path(os.environ.get("NETWORK_REALDATA") or REPO.parent / "shared" / "realdata")
KEEP = REALDATA / "keep-interreg-2014-2020" / "keep_closed_1420_Partnership.csv"
CORDIS = REALDATA / "cordis-h2020"
TODAY = dt.date(2026, 11, 28)
PARTS = {"SC6", "SWAFS"}

pytestmark = [
    pytest.mark.realdata,
    pytest.mark.skipif(
        not (KEEP.is_file() and (CORDIS / "h2020.csv.gz").is_file()),
        reason="../shared/realdata (keep.eu and CORDIS) is not present",
    ),
]


def _cordis_subset(folder: Path) -> Path:
    """The participations of the chosen programme parts, with the lookup files next to them."""
    with gzip.open(CORDIS / "programme_parts.csv.gz", "rt", encoding="utf-8") as handle:
        wanted = {row["rcn"] for row in csv.DictReader(handle) if row["programme_part"] in PARTS}
    source = folder / "h2020-subset.csv"
    with (
        gzip.open(CORDIS / "h2020.csv.gz", "rt", encoding="utf-8") as handle,
        source.open("w", encoding="utf-8", newline="") as out,
    ):
        reader = csv.DictReader(handle)
        writer = csv.DictWriter(out, reader.fieldnames or [])
        writer.writeheader()
        writer.writerows(row for row in reader if row["rcn"] in wanted)
    for lookup in ("programme_parts.csv.gz", "organizations_sample_2023.csv"):
        shutil.copy(CORDIS / lookup, folder / lookup)
    return source


@pytest.fixture(scope="session")
def combined(tmp_path_factory: pytest.TempPathFactory):
    root = tmp_path_factory.mktemp("realdata-partners")
    data = root / "data"
    shutil.copytree(REPO / "data", data)
    keep = importing.run_import(
        data, KEEP, REPO / "mappings" / "keep-interreg-partners.toml", today=TODAY, actor=EDITOR
    )
    assert keep.rows_imported > 8000
    cordis = importing.run_import(
        data, _cordis_subset(root), load_mapping(REPO / "mappings" / "cordis-h2020.toml"), today=TODAY, actor=EDITOR
    )
    assert cordis.rows_imported > 2000
    directory = load_directory(data, today=TODAY)
    assert not directory.report.errors
    sample = {row["id"] for row in csv.DictReader((REPO / "data" / "organisations.csv").open(encoding="utf-8"))}
    return directory, sample


def _top(directory, programme: str, themes: tuple[str, ...]):
    return find_partners(directory, PartnerQuery(programme=programme, themes=themes, top=10), today=TODAY)


def test_imported_programmes_carry_their_lineage(combined) -> None:
    directory, _ = combined
    programmes = directory.tables["programme"].set_index("id")
    h2020 = programmes[programmes.index.str.startswith("horizon-2020")]
    assert len(h2020) and set(h2020["family"]) == {"horizon-2020"} and set(h2020["lineage"]) == {"horizon"}
    assert "culture" in programmes.loc["horizon-2020-sc6", "themes"].split("|")
    assert programmes.loc["2014-2020-interreg-vb-baltic-sea", "lineage"] == "interreg-baltic-sea"


@pytest.mark.parametrize(
    "programme, line",
    [
        ("interreg-europe", "earlier Interreg project"),
        ("interreg-baltic-sea", "earlier Interreg project"),
        ("horizon-europe-ria", "Horizon 2020 project"),
    ],
)
def test_real_organisations_with_relevant_experience_reach_the_top_10(combined, programme: str, line: str) -> None:
    directory, sample = combined
    found = _top(directory, programme, ("culture",))
    real = [c for c in found if c.id not in sample]
    assert len(real) >= 3, [(c.name, c.score) for c in found]
    for candidate in real:
        said = [describe(r) for r in candidate.reasons]
        assert any(line in s for s in said), said  # experience in the programme (or the one before it), named
        assert any(s.startswith("Works on culture") for s in said), said  # and where the theme came from
        assert not any(s.startswith("Works on culture: its name or description says \u201c\u201d") for s in said)


def test_a_regional_grant_does_not_count_horizon_2020(combined) -> None:
    directory, sample = combined
    found = find_partners(directory, PartnerQuery(programme="region-orebro-international-grant", top=50), today=TODAY)
    said = [describe(r) for c in found for r in c.reasons]
    assert not any("Horizon 2020" in s or "Interreg" in s for s in said)


def test_swedish_theme_words_find_real_organisations(combined) -> None:
    directory, sample = combined
    found = find_partners(
        directory, PartnerQuery(programme="interreg-baltic-sea", themes=("kulturarv",), top=50), today=TODAY
    )
    assert any(c.id not in sample for c in found)
