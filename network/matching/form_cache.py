"""A warm start for matching: the normalised forms of a directory's names, and the matcher itself, kept beside
its cached directory.

An import with ``--match auto|review`` builds a ``Matcher`` over every existing organisation, and normalising a
name costs about 0.1 ms: 100,000 organisations take about 10 s of CPU before the first imported row is looked up,
on every import, although the names barely change between two imports. ``load_forms`` reads the forms stored by
the last ``store_forms`` for the same data path and hands them to ``names.use_known_forms``, so only new names are
normalised; ``store_forms`` keeps the forms of the matcher's records.

The forms depend only on the name and on the code that normalises it, not on the rest of the data or the day, so
the part's key is the code (``cache.part_key``: the package's modules, this package's modules and cleanco's
version). The file is the ``names`` part of ``cache.py`` (Arrow IPC, mode 0600, this user's own folder; a damaged
or foreign file is a miss). Names of organisations are not personal data; ``cache.forget`` removes the part with
the directory's cache.

``store_matcher``/``load_matcher`` keep the whole matcher (its records and its blocking index, ``Matcher.state``)
for one version of the files (``reading.fingerprint``): a dry run and then the real import, or a second import into
unchanged files, build it once. A record's forms are then made only when it is scored.
"""

from __future__ import annotations

import hashlib
from functools import lru_cache
from importlib import metadata
from pathlib import Path
from typing import Iterable, Mapping

import pandas as pd
import pyarrow as pa

from .. import cache
from .matcher import Matcher
from .names import NameForm, use_known_forms

__all__ = [
    "load_forms",
    "store_forms",
    "forms_table",
    "forms_from_table",
    "load_matcher",
    "store_matcher",
    "part_code_key",
]

_KIND = "names"


@lru_cache(maxsize=1)
def _key() -> str:
    digest = hashlib.blake2b(digest_size=16)
    for module in sorted(Path(__file__).parent.glob("*.py")):
        digest.update(module.name.encode())
        digest.update(module.read_bytes())
    try:
        digest.update(metadata.version("cleanco").encode())
    except metadata.PackageNotFoundError:  # pragma: no cover - cleanco is a requirement
        pass
    return cache.part_key("matching-forms", digest.hexdigest())


def part_code_key() -> str:
    """The key of the code that normalises, blocks and scores (this package's modules and cleanco's version): a
    stored result of matching made by other code is a miss (``stored_pairs`` keys its pairs with it)."""
    return _key()


def forms_table(forms: Iterable[NameForm]) -> pa.Table:
    """The forms as one Arrow table (a row per form; lists as list columns; steps as two parallel lists)."""
    forms = list(forms)
    return pa.table(
        {
            "name": pa.array([f.name for f in forms], pa.string()),
            "core": pa.array([list(f.core) for f in forms], pa.list_(pa.string())),
            "key": pa.array([f.key for f in forms], pa.string()),
            "acronyms": pa.array([sorted(f.acronyms) for f in forms], pa.list_(pa.string())),
            "place_kind": pa.array([f.place_kind for f in forms], pa.string()),
            "step_codes": pa.array([[c for c, _ in f.steps] for f in forms], pa.list_(pa.string())),
            "step_values": pa.array([[v for _, v in f.steps] for f in forms], pa.list_(pa.string())),
            "parts": pa.array([list(f.parts) for f in forms], pa.list_(pa.string())),
            "folded": pa.array([f.folded for f in forms], pa.string()),
        }
    )


def forms_from_table(table: pa.Table) -> dict[str, NameForm]:
    """``forms_table`` read back: name → its form, equal to the one stored."""
    c = {name: table.column(name).to_pylist() for name in table.column_names}
    return {
        name: NameForm(
            name,
            tuple(core),
            key,
            frozenset(acronyms),
            place_kind,
            tuple(zip(codes, values)),
            tuple(parts),
            folded,
        )
        for name, core, key, acronyms, place_kind, codes, values, parts, folded in zip(
            c["name"],
            c["core"],
            c["key"],
            c["acronyms"],
            c["place_kind"],
            c["step_codes"],
            c["step_values"],
            c["parts"],
            c["folded"],
        )
    }


def load_forms(path: str | Path, cache_dir: str | Path | None) -> int:
    """Use the forms stored for the directory at ``path`` (if any, and made by this code); returns how many."""
    table = cache.load_part(path, cache_dir, _KIND, _key()) if cache_dir is not None else None
    if table is None:
        return 0
    try:
        forms = forms_from_table(table)
    except (KeyError, TypeError, ValueError, pa.ArrowException):
        return 0  # a table of another layout: a miss
    use_known_forms(forms)
    return len(forms)


def store_forms(path: str | Path, cache_dir: str | Path | None, forms: Iterable[NameForm]) -> Path | None:
    """Keep ``forms`` (those of the matcher's records) for the next import into ``path``."""
    if cache_dir is None:
        return None
    unique = {f.name: f for f in forms}
    return cache.store_part(path, cache_dir, _KIND, _key(), forms_table(unique.values()))


# --- the whole matcher, per data version -------------------------------------------------------------------------

_MATCHER_PARTS = {"records": "matcher-records", "postings": "matcher-postings"}


def _matcher_key(fingerprint: str, kind: str) -> str:
    return cache.part_key(_key(), "matcher", kind, fingerprint)


def load_matcher(
    path: str | Path, cache_dir: str | Path | None, fingerprint: str, tables: Mapping[str, pd.DataFrame], kind: str
) -> Matcher | None:
    """The matcher of ``kind`` stored for these exact files (``fingerprint``) and this code, or None (a miss)."""
    if cache_dir is None or not fingerprint:
        return None
    key = _matcher_key(fingerprint, kind)
    state = {name: cache.load_part(path, cache_dir, part, key) for name, part in _MATCHER_PARTS.items()}
    if any(table is None for table in state.values()):
        return None
    try:
        return Matcher.from_state(tables, kind, state)  # type: ignore[arg-type]
    except (KeyError, TypeError, ValueError, pa.ArrowException):
        return None  # a table of another layout: a miss


def store_matcher(path: str | Path, cache_dir: str | Path | None, fingerprint: str, matcher: Matcher) -> None:
    """Keep ``matcher`` (built from the files with ``fingerprint``) for the next import into the same files."""
    if cache_dir is None or not fingerprint:
        return
    key = _matcher_key(fingerprint, matcher.kind)
    for name, table in matcher.state().items():
        cache.store_part(path, cache_dir, _MATCHER_PARTS[name], key, table)
