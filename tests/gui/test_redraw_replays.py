"""Edits a long run of :mod:`tests.gui.test_redraw_property` found drawn wrong, replayed as
they were (shrunk by hand), the screen checked against a fresh view after each step."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from sysmap.gui.main_window import MainWindow
from tests.gui.test_redraw_property import move_onto_line, rename, replay


def test_a_name_leader_ring_is_drawn_again_when_its_box_alone_is_repainted(
    window: MainWindow, qtbot: QtBot
) -> None:
    """At 30 %, the stakeholder dragged onto a line gets its name below it, tied by a leader
    to a ring in its box; the box alone is then repainted (as the drag ends). The ring
    lies outside the tag's rectangle, so the tag was left out of that repaint and the box's
    fill covered the ring (found with 7 more steps before these two)."""
    replay(window, qtbot, [(rename, 5, 4), (move_onto_line, 0, 15)], "30%")
