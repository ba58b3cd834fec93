"""Held-out evaluation: do sysmap's suggested links recover ties removed from real maps at
least as well as plain link prediction? (See :mod:`tests.benchmarks.link_prediction`.)

Run: ``python -m pytest tests/benchmarks/test_link_prediction_bench.py -p no:cacheprovider
-o addopts="" -s``; the tables it prints are the ones in README.
"""

from __future__ import annotations

import pytest

from tests.benchmarks.link_prediction import (
    FIRST_FIVE,
    METHODS,
    Score,
    cases,
    damaged,
    evaluate,
    table,
)

CASES = {case.name: case for case in cases()}
RESULTS: dict[str, dict[str, Score]] = {}


@pytest.mark.parametrize("name", list(CASES))
def test_sysmap_is_at_least_as_good_as_the_best_plain_baseline(name: str) -> None:
    scores = evaluate(CASES[name])
    RESULTS[name] = scores
    best = max(scores[m].precision_at_10 for m in METHODS if m != "sysmap")
    # Compared as the table reports them (two decimals): sysmap ranks by resource allocation
    # and breaks its equal scores in a fixed order, the plain methods are credited with the
    # mean over every order, so beyond two decimals the two differ by which way a few equal
    # scores at the tenth place fall (under 0.005 either way, depending on the seeds).
    assert round(scores["sysmap"].precision_at_10, 2) >= round(best, 2), scores
    assert scores["sysmap"].recall_at_20 >= scores["random"].recall_at_20


def test_print_the_tables() -> None:
    for name in CASES:
        RESULTS.setdefault(name, evaluate(CASES[name]))
    removed = {name: len(damaged(CASES[name], 1)[1]) for name in CASES}
    print("\nThirty seeds:\n" + table(RESULTS, removed.__getitem__))
    first = {name: evaluate(CASES[name], FIRST_FIVE) for name in CASES}
    print("\nThe first five seeds:\n" + table(first, removed.__getitem__))
