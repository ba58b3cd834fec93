"""A big map shows its first frame before its items are made, and works the same afterwards.

Opening a national map used to make all of its items (25,000 for 5,000 stakeholders) and
fill every panel before the first frame. Now the first frame shows the whole map drawn
straight from its data; the panels are filled after it and the items are made in slices
after that, the window painting in between. Nothing here is timed (the budget, first frame
≤ 2 s at 5,000 stakeholders, is ``tests/benchmarks/test_gui_bench.py``): what is checked is
the order of what happens, and that the map ends up drawn and editable exactly as if it had
been built in one go. The threshold is lowered so a small map takes the big maps' path.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sysmap.canvas.item_build import SlicedBuild
from sysmap.canvas.scene import MapScene
from sysmap.canvas.stakeholder_item import StakeholderItem
from sysmap.canvas.view import FOCUS_FRAME_WIDTH
from sysmap.gui import main_window
from sysmap.gui.commands import delete_command, move_command
from sysmap.gui.document import MapDocument
from sysmap.gui.main_window import MainWindow
from sysmap.model import SystemMap
from sysmap.model.synthetic import synthetic_map
from tests.gui.screen_compare import FreshView, difference, screen_pixels


@pytest.fixture
def big_from_300(monkeypatch: pytest.MonkeyPatch) -> SystemMap:
    """A 300-stakeholder map, opened the way a national map is."""
    monkeypatch.setattr(main_window, "BIG_MAP", 200)
    return synthetic_map(300, seed=7)


class _Journal(QObject):
    """Notes, in order, the map view's paints and the steps of opening a big map."""

    def __init__(self, window: MainWindow) -> None:
        super().__init__()
        self.window = window
        self.entries: list[str] = []
        window.view.viewport().installEventFilter(self)
        self.first_frame: np.ndarray | None = None
        window.scene.sketch_shown.connect(self._sketch_shown)
        window.scene.items_made.connect(lambda: self.entries.append("items made"))
        fill = window._fill_docks

        def filled(document: MapDocument | None) -> None:
            fill(document)
            self.entries.append("panels filled")

        window._fill_docks = filled  # type: ignore[method-assign]

    def _sketch_shown(self) -> None:
        self.entries.append("sketch shown")
        self.first_frame = screen_pixels(self.window.view)  # what the window system shows

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint and self.window.document is not None:
            scene = self.window.scene
            made = sum(isinstance(item, StakeholderItem) for item in scene.items())
            tables = self.window.tables.stakeholders is not None
            self.entries.append(f"paint: {made} items, tables {'filled' if tables else 'empty'}")
        return False


def test_the_first_frame_comes_before_the_items_and_the_panels(
    window: MainWindow, qtbot: QtBot, big_from_300: SystemMap
) -> None:
    journal = _Journal(window)
    document = MapDocument(big_from_300)
    window.set_document(document)
    assert window.scene.building
    assert window.docks_waiting
    qtbot.waitUntil(lambda: "items made" in journal.entries, timeout=30000)
    qtbot.waitUntil(lambda: not window.docks_waiting, timeout=30000)
    entries = journal.entries
    # The first frame shows the map with no item made and the panels still empty…
    assert entries[0] == "paint: 0 items, tables empty", entries
    assert journal.first_frame is not None
    paper = journal.first_frame[journal.first_frame.shape[0] - 20, 20, :3].astype(int)
    drawn = np.abs(journal.first_frame[..., :3].astype(int) - paper).max(axis=2) > 40
    below_legend = drawn[drawn.shape[0] // 2 :, : drawn.shape[1] // 2]
    assert below_legend.mean() > 0.03  # boxes and lines: the map, not a blank canvas
    # …then the items are made and the panels filled, in turns of the event loop after it.
    assert entries.index("sketch shown") < entries.index("items made")
    assert entries.index("sketch shown") < entries.index("panels filled")
    assert window.tables.stakeholders is not None
    assert window.tables.stakeholders.rowCount() == 300
    items = window.scene.items_model
    assert items.stakeholders.keys() == set(big_from_300.stakeholder_ids())
    assert len(items.relationships) == big_from_300.relationship_count
    assert window.view.isInteractive()


def test_the_first_frame_shows_every_stakeholder_where_its_item_will_be(
    window: MainWindow, qtbot: QtBot, big_from_300: SystemMap
) -> None:
    window.set_document(MapDocument(big_from_300))
    scene = window.scene
    assert scene.building
    sketched = scene.map_rect()
    boxes = scene.stakeholder_boxes()
    overview = scene._items.overview.sketch  # the records the first frame draws
    before = (list(overview.node_records()), list(overview.edge_records()))
    assert len(before[0]) == 300
    assert len(before[1]) == big_from_300.relationship_count
    qtbot.waitUntil(lambda: not scene.building, timeout=30000)
    # The sketch was the finished scene's own picture: the same records in the same order…
    assert (list(overview.node_records()), list(overview.edge_records())) == before
    whole = MapScene(big_from_300)
    sketch = whole.items_model.overview.sketch
    assert (list(sketch.node_records()), list(sketch.edge_records())) == before
    # …and the extent and boxes the first frame was fitted to are the items'.
    assert scene.map_rect() == sketched
    made = scene.stakeholder_boxes()
    assert np.allclose(made[np.lexsort(made.T)], boxes[np.lexsort(boxes.T)])
    whole.close()


def _delete_first_stakeholder(window: MainWindow, qtbot: QtBot) -> str:
    """Select the first stakeholder's row in the table, then Edit > Delete, as a user would."""
    table = window.tables.stakeholder_view
    table.setFocus()
    table.selectRow(0)
    chosen = window.scene.selected_stakeholder_ids()
    assert len(chosen) == 1
    window.action("edit.delete").trigger()
    return chosen[0]


def test_an_edit_before_the_items_are_made_makes_them_first(
    window: MainWindow, qtbot: QtBot, big_from_300: SystemMap
) -> None:
    document = MapDocument(big_from_300)
    window.set_document(document)
    assert window.scene.building
    # Ctrl+A (select all) needs every item: the rest are made on the spot.
    window.action("edit.select_all").trigger()
    assert not window.scene.building
    assert len(window.scene.selected_stakeholder_ids()) == 300
    window.scene.select([], [])
    qtbot.waitUntil(lambda: not window.docks_waiting, timeout=30000)
    gone = _delete_first_stakeholder(window, qtbot)
    assert not big_from_300.has_stakeholder(gone)
    assert window.scene.item_for_stakeholder(gone) is None
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert big_from_300.has_stakeholder(gone)
    assert window.scene.item_for_stakeholder(gone) is not None


def test_an_edit_that_comes_while_the_items_are_made_is_drawn_as_a_fresh_view_draws_it(
    window: MainWindow, qtbot: QtBot, big_from_300: SystemMap
) -> None:
    # A change to the map that arrives with half the items made (an undo, an edit in a
    # panel) finishes the rest from the map as it is now, then follows the change.
    window.resize(900, 640)
    window.analysis.runner.set_active(False)  # no finding highlighted meanwhile
    document = MapDocument(big_from_300)
    window.set_document(document)
    scene = window.scene
    build = scene._build
    assert isinstance(build, SlicedBuild)
    build._make(150)  # half the stakeholders made, as when a slice has just ended
    assert scene.building
    victim = big_from_300.stakeholder_ids()[-1]  # not made yet
    moved = big_from_300.stakeholder_ids()[0]  # made already
    assert document.push(delete_command(big_from_300, [victim], []))
    assert not scene.building
    assert document.push(move_command(big_from_300, {moved: (40.0, -60.0)}))
    items = scene.items_model
    assert items.stakeholders.keys() == set(big_from_300.stakeholder_ids())
    assert len(items.relationships) == big_from_300.relationship_count
    fresh = FreshView(window.view)
    try:
        window.view.fit_map()
        qtbot.waitUntil(lambda: not items.overview.picture.redrawing, timeout=10000)
        for _ in range(3):
            QApplication.processEvents()
            QApplication.sendEvent(window, QEvent(QEvent.Type.UpdateRequest))
        screen, expected = screen_pixels(window.view), fresh.pixels(big_from_300)
        inside = slice(FOCUS_FRAME_WIDTH + 1, -FOCUS_FRAME_WIDTH - 1)  # not the focus frame
        found = difference(screen[inside, inside], expected[inside, inside])
        assert found.acceptable, found
    finally:
        fresh.close()
