"""Fixtures for the desktop app's tests: a small map, a document, and settings kept apart."""

from __future__ import annotations

import pytest

from sysmap.gui.document import MapDocument
from sysmap.model import Relationship, Stakeholder, SystemMap


def small_system() -> SystemMap:
    """Three stakeholders, two relationships, one pinned; enough to exercise every edit."""
    m = SystemMap("Test map")
    m.add_stakeholder(
        Stakeholder("Probation Service", sector="local_public_services", kind="organisation")
    )
    m.add_stakeholder(
        Stakeholder("Council housing options", sector="local_public_services", x=200.0)
    )
    m.add_stakeholder(Stakeholder("Shelter", sector="third_sector", x=100.0, y=150.0, pinned=True))
    m.add_relationship(Relationship("probation-service", "council-housing-options", "refers"))
    m.add_relationship(Relationship("shelter", "probation-service", "supports", status="weak"))
    return m


@pytest.fixture(autouse=True)
def _no_thumbnails(monkeypatch: pytest.MonkeyPatch) -> None:
    """Start pages skip drawing example thumbnails, except in the test that checks them."""
    from sysmap.gui.start_page import StartPage

    monkeypatch.setattr(StartPage, "draw_thumbnails", False)


@pytest.fixture
def small_map() -> SystemMap:
    return small_system()


@pytest.fixture
def document(small_map: SystemMap) -> MapDocument:
    return MapDocument(small_map)


@pytest.fixture
def window(qtbot):  # type: ignore[no-untyped-def]
    """The real main window, shown; closed at the end without asking about changes."""
    from sysmap.gui.app import application
    from sysmap.gui.main_window import MainWindow

    application()
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    qtbot.waitExposed(win)
    yield win
    if win.document is not None:
        win.document.undo_stack.setClean()  # no "Save changes?" while tearing down
    win.layouts.cancel()


@pytest.fixture
def saved_map(tmp_path, small_map: SystemMap):  # type: ignore[no-untyped-def]
    """The small map saved as a native GraphML file."""
    from sysmap.io import save_map

    path = tmp_path / "small.graphml"
    save_map(small_map, path)
    return path
