"""The label shuffles are made once and kept: a map analysed again after an edit (the same seed,
count and number of stakeholders) reuses them rather than shuffling every stakeholder a
thousand times again, as ``Shuffles.orderings`` promises."""

from __future__ import annotations

import numpy as np

from sysmap.analysis.permutation import Shuffles


def test_a_second_analysis_reuses_the_orderings_the_first_made() -> None:
    first = Shuffles(50, seed=3).orderings(41)
    again = Shuffles(50, seed=3).orderings(41)
    assert again is first
    assert not again.flags.writeable  # shared by every analysis, so nobody may change them


def test_orderings_for_other_sizes_are_made_afresh_and_the_same_each_time() -> None:
    kept = Shuffles(50, seed=3).orderings(42)
    for size in (43, 44):  # the two most recent are kept, so 42 is dropped
        Shuffles(50, seed=3).orderings(size)
    made_again = Shuffles(50, seed=3).orderings(42)
    assert made_again is not kept
    assert np.array_equal(made_again, kept)
    assert sorted(made_again[0].tolist()) == list(range(42))
