"""Held-out evaluation: do sysmap's suggested links recover ties removed from real maps at
least as well as plain link prediction? (See :mod:`tests.benchmarks.link_prediction`.)

Run: ``python -m pytest tests/benchmarks/test_link_prediction_bench.py -p no:cacheprovider
-o addopts="" -s``; the table it prints is the one in README.
"""

from __future__ import annotations

import pytest

from tests.benchmarks.link_prediction import METHODS, cases, damaged, evaluate, table

CASES = {case.name: case for case in cases()}
RESULTS: dict[str, dict] = {}


@pytest.mark.parametrize("name", list(CASES))
def test_sysmap_is_at_least_as_good_as_the_best_plain_baseline(name: str) -> None:
    scores = evaluate(CASES[name])
    RESULTS[name] = scores
    best = max(scores[m].precision_at_10 for m in METHODS if m != "sysmap")
    assert scores["sysmap"].precision_at_10 >= best - 1e-9, scores
    # And never worse than chance: recovering the removed ties is the point.
    assert scores["sysmap"].precision_at_10 >= scores["random"].precision_at_10


def test_print_the_table() -> None:
    for name in CASES:
        RESULTS.setdefault(name, evaluate(CASES[name]))
    print()
    print(table(RESULTS, lambda name: len(damaged(CASES[name], 1)[1])))
