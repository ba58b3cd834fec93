"""Failures long runs of ``tests/gui/test_redraw_property.py`` found, replayed step by step.

Each test takes the steps a long run reported (hand-shrunk where a shorter sequence fails
alike) from the property test's start map, checking the screen against a fresh view after
each step, at the step's zoom and at the other two.
"""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from sysmap.gui.main_window import MainWindow
from tests.gui.test_redraw_property import (
    add_by_keys,
    connect_from_menu,
    rename,
    replay,
    suggestion,
    undo,
)


def test_undoing_an_accepted_suggestion_repaints_a_dashed_curve_as_it_runs(
    window: MainWindow, qtbot: QtBot
) -> None:
    """The undo repainted a patch crossed by a proposed (dash-dot) line bowed round a
    neighbour; Qt dashed the part in the patch from another phase than the whole curve's
    (387 px differed at 100 %). Curves are now dashed alike on any repaint
    (:func:`sysmap.canvas.line_pens.draw_dashed_path`)."""
    steps = [
        (rename, 39, 1),
        (add_by_keys, 5, False),
        (connect_from_menu, 26, 32, "mentors"),
        (add_by_keys, 1, False),
        (suggestion, 23, 44, True),
        (undo,),
    ]
    replay(window, qtbot, steps, "100%")
