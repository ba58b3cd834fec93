"""A small slice of the merge evaluation runs with every test run, so the matcher cannot
quietly get worse (the full table is in tests/benchmarks/test_merge_bench.py)."""

from __future__ import annotations

import pytest

from sysmap.combine.matching import propose
from sysmap.io import EXAMPLES, load_map
from tests.benchmarks.merge_cases import REWRITES, pair_scores, split_map


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_partial_maps_merge_back(example) -> None:  # type: ignore[no-untyped-def]
    system_map = load_map(example.path).map
    correct = found = pairs = 0
    for seed in (0, 1, 2):
        cases = split_map(system_map, seed)
        assert set(cases.rewrites.values()) <= set(REWRITES)
        scores = pair_scores(propose(cases.maps, cases.names), cases)
        correct, found, pairs = (
            correct + scores.correct,
            found + scores.found,
            pairs + scores.true_pairs,
        )
    assert correct / found >= 0.95
    assert correct / pairs >= 0.9  # a few ambiguous acronyms (MC, HMIP) go to review


def test_the_partial_maps_are_what_the_evaluation_says() -> None:
    system_map = load_map(EXAMPLES[0].path).map
    cases = split_map(system_map, 5)
    assert len(cases.maps) == 3
    covered = set(cases.truth.values())
    assert covered == set(system_map.stakeholder_ids())  # every stakeholder is drawn somewhere
    assert sum(m.stakeholder_count for m in cases.maps) > system_map.stakeholder_count  # overlap
    for (table, stakeholder), how in cases.rewrites.items():
        original = system_map.label(cases.truth[(table, stakeholder)])
        assert cases.maps[table].label(stakeholder) != original, how
    renamed = len(cases.rewrites) / sum(m.stakeholder_count for m in cases.maps)
    assert 0.28 <= renamed <= 0.38  # a third of each table's names
