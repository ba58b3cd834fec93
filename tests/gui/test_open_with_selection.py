"""Opening another map while stakeholders are selected (found by the redraw property test)."""

from __future__ import annotations

from pytestqt.qtbot import QtBot

from sysmap.gui.document import MapDocument
from sysmap.gui.main_window import MainWindow
from sysmap.model import Stakeholder, SystemMap
from tests.gui.conftest import small_system


def test_another_map_opens_over_a_selection_without_an_error(
    window: MainWindow, qtbot: QtBot
) -> None:
    """The old map's selected items went with a "selection changed" while the window
    already held the new map, whose lookup of the old ids raised (an error dialog in use)."""
    window.set_document(MapDocument(small_system()))
    assert window.document is not None
    window.select(list(window.document.map.stakeholder_ids())[:2])
    assert window.selection_label.text() == "2 stakeholders selected"
    other = SystemMap("Another map")
    other.add_stakeholder(Stakeholder("Shelter", sector="third_sector"))
    with qtbot.captureExceptions() as errors:
        window.set_document(MapDocument(other))
    assert errors == []
    assert window.selected() == ([], [])
    assert window.selection_label.text() == ""
