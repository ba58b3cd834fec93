"""One edit costs the same on a map of 1,000 stakeholders as on one of 5,000.

No single edit does whole-map work anywhere on its way: the map, the undo stack, the tables,
the inspector, the canvas and the frame painted after it. Each edit (add, move, retag and
delete one stakeholder, and undo and redo of each) is timed with the frame that follows, as
medians of many, in two windows side by side so that the machine's load falls on both,
each at 100 % on a neighbourhood of the map. The absolute budget (20 ms at 5,000, with the
whole map in view too) is checked by the benchmarks.
"""

from __future__ import annotations

from contextlib import ExitStack

from pytestqt.qtbot import QtBot

from sysmap.model.synthetic import synthetic_map
from tests.gui.edit_timing import EditTimes, centre_on, time_edits, window_with

ROUNDS = 7
GROWTH = 2.0
"""How much slower an edit may be at 5,000 than at 1,000 (noise; whole-map work is 5×)."""
SLACK_MS = 3.0


def test_single_edits_do_not_grow_with_the_map(qtbot: QtBot) -> None:
    small, big = EditTimes(), EditTimes()
    with ExitStack() as stack:
        one_k = stack.enter_context(window_with(synthetic_map(1000, seed=1)))
        five_k = stack.enter_context(window_with(synthetic_map(5000, seed=1)))
        for window in (one_k, five_k):
            # At 100 % a view shows one neighbourhood, much the same in both maps; the
            # whole map in view (5× the things on screen) is timed by the benchmarks.
            centre_on(window, window.scene.system_map.stakeholder_ids()[0], 1.0)
        for _ in range(ROUNDS):  # alternate, so both meet the same load
            time_edits(one_k, 1, small)
            time_edits(five_k, 1, big)
    grown = {
        kind: (round(small.median(kind), 1), round(big.median(kind), 1))
        for kind in small.samples
        if big.median(kind) > GROWTH * small.median(kind) + SLACK_MS
    }
    assert not grown, f"edits slower at 5,000 than at 1,000 (ms, medians): {grown}"
