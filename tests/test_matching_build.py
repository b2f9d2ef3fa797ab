"""Building the matcher from scratch (an empty cache folder) column by column must give exactly what building it
row by row gave: the same records (``scoring.records_from_columns`` against ``Record.from_row``), the same website
domains (``domain_of``'s fast path against ``urlsplit``) and the same blocking index (``Matcher._index`` against the
loop it replaced, with the words of a row as they were made before), on the sample, on a generated directory and on
awkward cells."""

from __future__ import annotations

import shutil
import sys
from collections import defaultdict
from pathlib import Path
from urllib.parse import urlsplit

import pandas as pd
import pyarrow as pa
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from network import schema, storage
from network.matching import Matcher
from network.matching import matcher as matcher_module
from network.matching.scoring import Record, domain_of, records_from_columns

REPO = Path(__file__).resolve().parent.parent


def _domain_by_urlsplit(url: str) -> str:
    """``domain_of`` as it was: every address through ``urlsplit``."""
    url = url.strip().lower()
    if not url:
        return ""
    if "://" not in url:
        url = "http://" + url
    try:
        host = urlsplit(url).hostname or ""
    except ValueError:
        return ""
    return host.removeprefix("www.").strip(".")


def _records_row_by_row(frame: pd.DataFrame, kind: str) -> list[Record]:
    """The records as the matcher made them before: a dict of strings per row, then ``Record.from_row``."""
    columns = [c for c in matcher_module._RECORD_COLUMNS if c in frame.columns]
    arrays = [frame[c].astype(object).fillna("").to_numpy(dtype=object) for c in columns]
    return [Record.from_row(dict(zip(columns, (str(v) for v in values))), kind) for values in zip(*arrays)]


def _words_as_before(record: Record, shared_domains: frozenset[str]) -> set[str]:
    """``Matcher._words`` as it was written before its loops were made plain."""
    found: set[str] = set()
    for form in record.forms:
        found.update(f"w:{w}" for w in form.distinctive if len(w) > 2)
        found.add(f"k:{form.key}")
        found.add(f"k:{''.join(form.core)}")
        found.update(f"k:{a}" for a in form.acronyms)
        if len(form.core) > 2:
            found.add(f"k:{form.initials}")
    if record.pic:
        found.add(f"pic:{record.pic}")
    if record.vat:
        found.add(f"vat:{record.vat}")
    if record.domain and record.domain not in shared_domains:
        found.add(f"d:{record.domain}")
    return found


def _index_posting_by_posting(records: list[Record], matcher: Matcher) -> tuple[dict, dict]:
    postings: dict = defaultdict(list)
    countries: dict = defaultdict(set)
    for i, record in enumerate(records):
        for word in _words_as_before(record, matcher.shared_domains):
            postings[(record.country, word)].append(i)
            countries[word].add(record.country)
    return dict(postings), dict(countries)


@pytest.fixture(scope="module")
def generated(tmp_path_factory: pytest.TempPathFactory) -> Path:
    sys.path.insert(0, str(REPO / "bench"))
    from generate import generate

    out = tmp_path_factory.mktemp("generated") / "data"
    generate(out, orgs=3000, projects=200, people=100, relations=2000, seed=7)
    return out


AWKWARD = pd.DataFrame(
    {
        "id": ["pic-999650088", " PIC-123456789 ", "a", "b", "c", "d", "İd-x", "e"],
        "name": ["UAB CIVITTA", "OREBRO UNIVERSITY", " Spaced  Name ", "", "Comune di Mantova", "X", "Y", "Z"],
        "aliases": ["CIVITTA| Civitta UAB |", "", "|", "only alias", None, "a|a", " ", "Zed (Z)|Z – Zed"],
        "acronym": ["", "ORU", " SLU ", None, "", "", "", "ZZ"],
        "country": ["lt", " se", "SE ", "", None, "de", "İt", "fr"],
        "city": ["Vilnius", "", " Örebro ", None, "", "", "", ""],
        "website": [
            "https://www.civitta.lt/x",
            "oru.se",
            "HTTP://WWW.Example.COM:8080/",
            "ftp://files.example.org",
            "http://[::1]/",
            "www.a.se/x://y",
            "http://user@host.se",
            "https://xn--rebro-jua.se?q=1#f",
        ],
        "pic": ["", "999 650 088", "12345", "", "", "", "", "abc123456789"],
        "vat": ["LT 100001", "", " se-556 ", "", None, "", "", ""],
        "type": ["company", "university", "", "", "municipality", "", "", ""],
    }
)


def test_records_from_columns_equal_records_row_by_row(generated: Path, tmp_path: Path) -> None:
    sample = storage.load(shutil.copytree(REPO / "data", tmp_path / "data")).tables
    big = storage.load(generated).tables
    frames = [
        (sample[schema.ORGANISATIONS.file], "organisation"),
        (sample[schema.NETWORKS.file], "network"),
        (big[schema.ORGANISATIONS.file], "organisation"),
        (AWKWARD, "organisation"),
        (AWKWARD.drop(columns=["aliases", "acronym", "pic"]), "network"),
    ]
    for frame, kind in frames:
        expected = _records_row_by_row(frame, kind)
        assert records_from_columns(matcher_module._columns(frame), kind) == expected
    assert {r.pic for r in records_from_columns(matcher_module._columns(AWKWARD))} >= {"999650088", "123456789"}


URL_TEXT = st.lists(
    st.sampled_from(list("abcwW.-:/?#@[]1%_ \tHTPSxn-ö") + ["http://", "https://", "www.", "://", "\n", ":80"]),
    max_size=14,
).map("".join)


@settings(max_examples=200, deadline=None)
@given(URL_TEXT)
def test_domain_of_equals_urlsplit(url: str) -> None:
    assert domain_of(url) == _domain_by_urlsplit(url)


def test_domain_of_equals_urlsplit_on_awkward_addresses(generated: Path) -> None:
    websites = storage.load(generated).tables[schema.ORGANISATIONS.file]["website"].dropna().astype(str).tolist()
    for url in [*AWKWARD["website"], *websites, "http://a.se\t/x", "https://.www.x.se.", "a.se:80", "HTTPS://B.SE#"]:
        assert domain_of(url) == _domain_by_urlsplit(url), url


def test_the_index_equals_the_one_built_posting_by_posting(generated: Path, tmp_path: Path) -> None:
    sample = storage.load(shutil.copytree(REPO / "data", tmp_path / "data")).tables
    for tables, kind in (
        (sample, "organisation"),
        (sample, "network"),
        (storage.load(generated).tables, "organisation"),
    ):
        matcher = Matcher(tables, kind)
        postings, countries = _index_posting_by_posting(matcher.records, matcher)
        assert dict(matcher._postings) == postings and len(postings) > 10
        assert dict(matcher._countries_of) == countries


@settings(max_examples=200, deadline=None)
@given(st.lists(st.lists(st.integers(0, 2**31 - 1), max_size=6), max_size=30))
def test_the_stored_postings_equal_arrow_converting_each_list(lists: list[list[int]]) -> None:
    """``Matcher.state`` stores the index's row lists through ``_int_lists`` (one flat array and offsets)."""
    assert matcher_module._int_lists(lists).equals(pa.array(lists, pa.list_(pa.int32())))
