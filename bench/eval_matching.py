"""Compare matchers on the labelled pairs in tests/fixtures/matching/labelled_pairs.csv: precision, recall, time.

    python bench/eval_matching.py            # the project's scorer and a plain rapidfuzz baseline
    # Splink (probabilistic record linkage on DuckDB) is not a dependency of the project; to include it:
    python -m venv /tmp/splinkenv && /tmp/splinkenv/bin/pip install splink==5.0.0 \
        -r requirements.txt && /tmp/splinkenv/bin/python bench/eval_matching.py

Matchers compared (each gives every pair a score; higher = more likely the same):

- ``network.matching`` (chosen): name normalisation (legal forms, municipal/regional patterns, words across
  languages, acronyms, transliteration) + rapidfuzz + rules on identifiers, city, type; fixed thresholds
  ``AUTO_MERGE_THRESHOLD`` and ``SUGGEST_THRESHOLD``.
- ``rapidfuzz WRatio``: the same library on folded names only (what "fuzzy matching" without normalisation gives).
- ``Splink (raw names)`` and ``Splink (normalised names)``: a Fellegi-Sunter model with Jaro-Winkler levels on the
  name (folded, or normalised by ``network.matching``), city and website domain, exact country; u estimated by
  random sampling and m by expectation maximisation (unsupervised, as Splink is meant to be used), blocked on
  country; the labelled pairs are then scored with ``block_on("pair")``.

For each, the table gives precision/recall at its thresholds (for Splink: match probability 0.99 for automatic
merges and 0.5 for suggestions) and, threshold-free, the best recall at precision ≥ 0.98 and the best precision at
recall ≥ 0.90, plus the time to score the pairs (for Splink including training).
"""

from __future__ import annotations

import argparse
import logging
import sys
import time
from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Callable, Sequence

import pandas as pd

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from rapidfuzz import fuzz  # noqa: E402

from network.matching import AUTO_MERGE_THRESHOLD, SUGGEST_THRESHOLD, normalise  # noqa: E402
from network.matching.scoring import Record, domain_of, score_pair  # noqa: E402
from network.textnorm import fold  # noqa: E402

__all__ = ["load_pairs", "score_with_project", "measure", "Measure", "main"]

PAIRS = ROOT / "tests" / "fixtures" / "matching" / "labelled_pairs.csv"
SHARED_DOMAIN_MIN = 4


def load_pairs(path: Path = PAIRS) -> pd.DataFrame:
    return pd.read_csv(path, dtype=str, keep_default_na=False)


def _shared_domains(pairs: pd.DataFrame) -> frozenset[str]:
    counts = Counter(domain_of(w) for side in "ab" for w in pairs[f"website_{side}"])
    return frozenset(d for d, n in counts.items() if d and n >= SHARED_DOMAIN_MIN)


def score_with_project(pairs: pd.DataFrame) -> list[float]:
    """The project's scorer on every labelled pair (as ``Matcher`` would score it)."""
    shared = _shared_domains(pairs)
    scores = []
    for row in pairs.itertuples():
        a = Record("a", row.kind, (row.name_a,), row.country_a, row.city_a, domain_of(row.website_a))
        b = Record("b", row.kind, (row.name_b,), row.country_b, row.city_b, domain_of(row.website_b))
        scores.append(score_pair(a, b, shared)[0])
    return scores


def score_with_wratio(pairs: pd.DataFrame) -> list[float]:
    return [fuzz.WRatio(fold(a), fold(b)) / 100 for a, b in zip(pairs["name_a"], pairs["name_b"])]


def score_with_splink(pairs: pd.DataFrame, normalised: bool) -> list[float]:
    """Splink's match probability for every labelled pair (unsupervised training, see the module docs)."""
    import splink.comparison_library as cl
    from splink import DuckDBAPI, Linker, SettingsCreator, block_on

    def side(letter: str) -> pd.DataFrame:
        names = pairs[f"name_{letter}"]
        return pd.DataFrame(
            {
                "unique_id": [f"{letter}{i}" for i in range(len(pairs))],
                "pair": [str(i) for i in range(len(pairs))],
                "name": [normalise(n).key if normalised else fold(n) for n in names],
                "country": pairs[f"country_{letter}"].replace("", None),
                "city": [fold(c).strip(" ,.") or None for c in pairs[f"city_{letter}"]],
                "domain": [domain_of(w) or None for w in pairs[f"website_{letter}"]],
            }
        )

    settings = SettingsCreator(
        link_type="link_only",
        comparisons=[
            cl.JaroWinklerAtThresholds("name", [0.97, 0.9, 0.8]),
            cl.ExactMatch("country"),
            cl.JaroWinklerAtThresholds("city", [0.9]),
            cl.ExactMatch("domain"),
        ],
        blocking_rules_to_generate_predictions=[block_on("pair")],
    )
    db_api = DuckDBAPI()
    tables = [
        db_api.register(side("a"), dataset_display_name="a"),
        db_api.register(side("b"), dataset_display_name="b"),
    ]
    linker = Linker(tables, settings, log_level=logging.ERROR)
    linker.training.estimate_probability_two_random_records_match([block_on("name")], recall=0.6)
    linker.training.estimate_u_using_random_sampling(max_pairs=1e6)
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("country"))
    linker.training.estimate_parameters_using_expectation_maximisation(block_on("city"))
    predicted = linker.inference.predict(threshold_match_probability=0.0).as_pandas_dataframe()
    by_pair = dict(zip(predicted["pair_l"], predicted["match_probability"]))
    return [float(by_pair.get(str(i), 0.0)) for i in range(len(pairs))]


@dataclass
class Measure:
    name: str
    auto_precision: float
    auto_recall: float
    suggest_recall: float
    suggest_precision: float
    best_recall_at_p98: float
    best_precision_at_r90: float
    seconds: float


def _pr(scores: Sequence[float], labels: Sequence[int], threshold: float) -> tuple[float, float]:
    chosen = [label for score, label in zip(scores, labels) if score >= threshold]
    positives = sum(labels)
    precision = sum(chosen) / len(chosen) if chosen else 1.0
    return precision, (sum(chosen) / positives if positives else 0.0)


def measure(
    name: str, scores: Sequence[float], labels: Sequence[int], auto: float, suggest: float, seconds: float
) -> Measure:
    auto_p, auto_r = _pr(scores, labels, auto)
    suggest_p, suggest_r = _pr(scores, labels, suggest)
    curve = [_pr(scores, labels, t) for t in sorted(set(scores))]
    best_recall = max((r for p, r in curve if p >= 0.98), default=0.0)
    best_precision = max((p for p, r in curve if r >= 0.90), default=0.0)
    return Measure(name, auto_p, auto_r, suggest_r, suggest_p, best_recall, best_precision, seconds)


def _timed(func: Callable[[], list[float]]) -> tuple[list[float], float]:
    started = time.perf_counter()
    scores = func()
    return scores, time.perf_counter() - started


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-errors", action="store_true", help="list the pairs the project's scorer gets wrong")
    args = parser.parse_args(argv)
    pairs = load_pairs()
    labels = [int(v) for v in pairs["label"]]
    results = []
    project, seconds = _timed(lambda: score_with_project(pairs))
    results.append(
        measure(
            "network.matching (rapidfuzz + normalisation)",
            project,
            labels,
            AUTO_MERGE_THRESHOLD,
            SUGGEST_THRESHOLD,
            seconds,
        )
    )
    scores, seconds = _timed(lambda: score_with_wratio(pairs))
    results.append(measure("rapidfuzz WRatio on folded names", scores, labels, 0.95, 0.85, seconds))
    try:
        import splink  # noqa: F401
    except ImportError:
        print("Splink is not installed: see this script's docstring to include it.\n")
    else:
        for normalised in (False, True):
            scores, seconds = _timed(lambda: score_with_splink(pairs, normalised))
            label = "Splink (names normalised by network.matching)" if normalised else "Splink (folded names)"
            results.append(measure(label, scores, labels, 0.99, 0.5, seconds))
    print(f"{len(pairs)} labelled pairs ({sum(labels)} the same, {len(labels) - sum(labels)} different)\n")
    print(
        "| matcher | auto: precision | auto: recall | suggest: recall | suggest: precision | best recall at "
        "precision ≥ 0.98 | best precision at recall ≥ 0.90 | time |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for m in results:
        print(
            f"| {m.name} | {m.auto_precision:.3f} | {m.auto_recall:.3f} | {m.suggest_recall:.3f} | "
            f"{m.suggest_precision:.3f} | {m.best_recall_at_p98:.3f} | {m.best_precision_at_r90:.3f} | "
            f"{m.seconds:.2f} s |"
        )
    if args.show_errors:
        for score, label, a, b in zip(project, labels, pairs["name_a"], pairs["name_b"]):
            if (label and score < SUGGEST_THRESHOLD) or (not label and score >= AUTO_MERGE_THRESHOLD):
                print(f"{'missed' if label else 'wrongly merged'} {score:.2f}: {a} | {b}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
