"""A window let go with its map open (not closed first) dies quietly.

A helper's screenshot script, reopening the examples quickly in fresh windows, printed
"Internal C++ object (PySide6.QtGui.QUndoStack) already deleted" from
``LayoutController.refresh_guides`` (and twice from ``update_undo_actions``). Reproduced:
open an example, apply a layout, then let the window go without closing it. The garbage
collector then took the window and its map apart together, the map first: its undo stack,
dying with commands on it, emitted ``indexChanged`` and ``cleanChanged`` one last time, into
the window's slots, which were still connected (only closing the window or opening another
map disconnected them) and read the stack being deleted. The window now cuts its
connections to a map's stack as the map starts to go, whatever takes it.
"""

from __future__ import annotations

import sys
from types import TracebackType

import pytest
import shiboken6
from pytestqt.qtbot import QtBot

from sysmap.gui.document import MapDocument
from sysmap.gui.main_window import MainWindow
from tests.gui.conftest import small_system

Caught = list[tuple[type[BaseException], BaseException, TracebackType | None]]


@pytest.fixture
def caught(monkeypatch: pytest.MonkeyPatch) -> Caught:
    """Errors raised in Qt's calls into Python (printed, and otherwise lost)."""
    found: Caught = []
    monkeypatch.setattr(sys, "excepthook", lambda *error: found.append(error))
    return found


def map_with_a_layout(qtbot: QtBot) -> MainWindow:
    """A shown window holding an example opened from the start page, with a layout applied."""
    from sysmap.gui.app import application

    application()
    window = MainWindow()
    window.resize(1366, 708)
    window.show()
    qtbot.waitExposed(window)
    window.start_page.example_requested.emit("reoffending")
    qtbot.waitUntil(lambda: window.document is not None, timeout=30_000)
    window.action("layout.sector").trigger()
    qtbot.waitUntil(lambda: window.layouts.task is None, timeout=60_000)
    assert window.document is not None
    assert window.document.undo_stack.count() == 1
    return window


def test_a_map_deleted_under_its_window_calls_none_of_the_windows_slots(
    qtbot: QtBot, caught: Caught
) -> None:
    """The map goes first, as the collector may take it (its wrapper's C++ object deleted
    while the window still holds the wrapper). Letting a real window go reproduced the errors
    in about half of the runs of a script (the collector's order varies), and not under
    pytest, which keeps a reference to the window: this makes it certain."""
    window = map_with_a_layout(qtbot)
    document = window.document
    shiboken6.delete(document)  # its stack dies with a command on it, and says so
    assert not caught, [str(error) for _kind, error, _tb in caught]
    window.show_start_page()  # the window goes on: its next map is followed as before
    window.set_document(MapDocument(small_system()))
    window.action("layout.sector").trigger()
    qtbot.waitUntil(lambda: window.layouts.task is None, timeout=60_000)
    assert window.action("edit.undo").isEnabled()  # the undo action follows the new stack
    assert window.scene.guides  # and the layout's guides are drawn
    window.show_start_page()  # drop the map unasked: no "Save changes?" while tearing down
    window.close()
    assert not caught, [str(error) for _kind, error, _tb in caught]
