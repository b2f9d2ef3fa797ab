"""The warm start of matching (``network.matching.form_cache``): the forms of the names and the whole matcher kept
in the cache folder between imports must give exactly what computing them again gives, and a damaged or foreign
file must be a miss."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from core_helpers import TODAY
from network import cache, importing, storage
from network.import_mapping import parse_mapping
from network.matching import Matcher, normalise
from network.matching import names as names_module
from network.matching.form_cache import (
    forms_from_table,
    forms_table,
    load_forms,
    load_matcher,
    store_forms,
    store_matcher,
)

REPO = Path(__file__).resolve().parent.parent

SOURCE = (
    "Programme;Acronym;Partner;Country\n"
    "Interreg Europe;CULT-BRIDGE;OREBRO UNIVERSITY;SE\n"
    "Interreg Europe;CULT-BRIDGE;REGION OREBRO COUNTY;SE\n"
    "Interreg Europe;CULT-BRIDGE;Central Sweden EU Office;BE\n"
    "Interreg Europe;CULT-BRIDGE;Teatro Nuovo di Esempio;IT\n"
)
MAPPING = parse_mapping(
    {
        "organisation": {"name": "Partner", "country": "Country"},
        "group": {
            "kind": "project",
            "key": ["Programme", "Acronym"],
            "name": "Acronym",
            "programme": "Programme",
            "status": {"value": "completed"},
        },
        "relation": {"type": "partner_in"},
    },
    "mapping.toml",
)
NAMES = [
    "Örebro universitet",
    "UAB CIVITTA",
    "Swedish University of Agricultural Sciences (SLU)",
    "REVES – European Network of Cities and Regions for the Social Economy",
    "Comune di Mantova",
    "UNIVERSITAETSKLINIKUM FREIBURG",
    "Region Örebro län",
    "S.p.A. Esempio",
]


@pytest.fixture
def sample(tmp_path: Path) -> Path:
    return Path(shutil.copytree(REPO / "data", tmp_path / "data"))


@pytest.fixture
def folder(tmp_path: Path) -> Path:
    made = tmp_path / "cache"
    made.mkdir(mode=0o700)
    return made


@pytest.fixture(autouse=True)
def _no_known_forms():
    yield
    names_module.use_known_forms({})


def _plan(data: Path, cache_dir: Path | None) -> importing.ImportPlan:
    source = data.parent / "partners.csv"
    source.write_text(SOURCE, "utf-8")
    table = importing.read_table(source)
    return importing.plan_import(data, table, MAPPING, today=TODAY, match="auto", cache_dir=cache_dir)


def test_forms_read_back_equal_the_computed_ones() -> None:
    forms = [normalise(n) for n in NAMES]
    assert any(f.steps and f.acronyms for f in forms)  # the sample exercises steps and acronyms
    back = forms_from_table(forms_table(forms))
    assert [back[f.name] for f in forms] == forms


def test_stored_forms_are_used_by_normalise(sample: Path, folder: Path) -> None:
    forms = [normalise(n) for n in NAMES]
    assert store_forms(sample, folder, forms) is not None
    assert load_forms(sample, folder) == len(forms)
    assert normalise(NAMES[0]) is names_module._known[forms[0].name]  # the stored one, not computed again


def test_a_matcher_from_its_state_finds_the_same_pairs_and_candidates(sample: Path) -> None:
    tables = storage.load(sample).tables
    built = Matcher(tables)
    restored = Matcher.from_state(tables, "organisation", built.state())
    assert restored.records == built.records
    assert restored.pairs(min_score=0.3) == built.pairs(min_score=0.3)
    for row in ({"name": "OREBRO UNIVERSITY", "country": "SE"}, {"name": "Central Sweden EU Office", "country": "BE"}):
        assert restored.candidates(row, min_score=0.3) == built.candidates(row, min_score=0.3)


def test_an_import_with_the_cache_plans_what_one_without_it_plans(sample: Path, folder: Path) -> None:
    without = _plan(sample, None).report.to_dict()
    first = _plan(sample, folder).report.to_dict()  # builds and stores the matcher
    snapshot = storage.load(sample)
    assert load_matcher(sample, folder, snapshot.fingerprint, snapshot.tables, "organisation") is not None
    second = _plan(sample, folder).report.to_dict()  # reads it back
    for report in (first, second):
        report.pop("seconds", None)
    without.pop("seconds", None)
    assert first == without and second == without
    assert without["match_suggestions"]  # matching did something here


def test_a_changed_directory_or_a_damaged_part_is_a_miss(sample: Path, folder: Path) -> None:
    snapshot = storage.load(sample)
    store_matcher(sample, folder, snapshot.fingerprint, Matcher(snapshot.tables))
    assert load_matcher(sample, folder, snapshot.fingerprint, snapshot.tables, "organisation") is not None
    assert load_matcher(sample, folder, "another version", snapshot.tables, "organisation") is None
    part = next(folder.glob("matcher-postings-*"))
    data = bytearray(part.read_bytes())
    data[-10] ^= 0xFF
    part.write_bytes(bytes(data))
    assert load_matcher(sample, folder, snapshot.fingerprint, snapshot.tables, "organisation") is None


def test_a_part_others_may_read_is_not_used(sample: Path, folder: Path) -> None:
    forms = [normalise(n) for n in NAMES]
    store_forms(sample, folder, forms)
    part = next(folder.glob("names-*"))
    assert part.stat().st_mode & 0o777 == 0o600
    os.chmod(part, 0o644)
    assert load_forms(sample, folder) == 0


def test_forget_removes_the_parts(sample: Path, folder: Path) -> None:
    snapshot = storage.load(sample)
    store_forms(sample, folder, [normalise(n) for n in NAMES])
    store_matcher(sample, folder, snapshot.fingerprint, Matcher(snapshot.tables))
    assert len(list(folder.iterdir())) == 3
    assert cache.forget(sample, folder) == 3
    assert not list(folder.iterdir())
