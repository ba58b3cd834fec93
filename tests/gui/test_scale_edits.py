"""One edit costs the same on a map of 1,000 stakeholders as on one of 5,000.

No single edit does whole-map work anywhere on its way: the map, the undo stack, the tables,
the inspector, the canvas and the frame painted after it. Each edit (add, move, retag and
delete one stakeholder, and undo and redo of each, kept apart by kind) is measured with the
frame that follows, in two windows side by side, each at 100 % on a neighbourhood of the map.
Undoing a delete once rebuilt the map's whole storage to put the stakeholder back in its
place (12,100 calls at 1,000, 44,100 at 5,000); it now puts back only what it removed.

The measure is the number of function calls (Python and built-in) made on the GUI thread for
the edit and its frame, not its time: a count no load on the machine changes, and one that
whole-map work inflates as surely as it does the time, since every item painted and every
row looked at is a call. Work done by Qt alone, in C++, is not counted; the absolute budget
(20 ms at 5,000 on the clock, with the whole map in view too) is checked by the benchmarks
(``tests/benchmarks/test_gui_bench.py``).
"""

from __future__ import annotations

from contextlib import ExitStack

from pytestqt.qtbot import QtBot

from sysmap.model.synthetic import synthetic_map
from tests.gui.edit_timing import EditTimes, centre_on, counted, time_edits, window_with

ROUNDS = 5
GROWTH = 2.5
"""How much more work an edit may do at 5,000 than at 1,000: a neighbourhood at 100 % holds
about twice as much in the denser big map (medians measured 2.0-2.2×); whole-map work is 5×."""
SLACK_CALLS = 2000
MOST_CALLS = 30_000
"""The most calls one edit and its frame may make (medians measured 2,200-4,100 at 5,000). It
catches work that is the same at every size yet far more than one edit needs: the tables
measured sixty rows in each of their 21 columns whenever a row came, 115,000 calls for one
added stakeholder, which no comparison of sizes can see."""


def test_single_edits_do_not_grow_with_the_map(qtbot: QtBot) -> None:
    small, big = EditTimes(scale=1.0), EditTimes(scale=1.0)
    with ExitStack() as stack:
        one_k = stack.enter_context(window_with(synthetic_map(1000, seed=1)))
        five_k = stack.enter_context(window_with(synthetic_map(5000, seed=1)))
        for window in (one_k, five_k):
            # At 100 % a view shows one neighbourhood, much the same in both maps; the
            # whole map in view (5× the things on screen) is timed by the benchmarks.
            centre_on(window, window.scene.system_map.stakeholder_ids()[0], 1.0)
        for _ in range(ROUNDS):
            time_edits(one_k, 1, small, counted)
            time_edits(five_k, 1, big, counted)
    grown = {
        kind: (small.median(kind), big.median(kind))
        for kind in small.samples
        if big.median(kind) > GROWTH * small.median(kind) + SLACK_CALLS
    }
    assert not grown, f"edits do more work at 5,000 than at 1,000 (calls, medians): {grown}"
    heavy = {kind: calls for kind, calls in big.medians().items() if calls > MOST_CALLS}
    assert not heavy, f"edits at 5,000 doing more than {MOST_CALLS:,} calls (medians): {heavy}"
