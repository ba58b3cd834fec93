"""After an edit, the view repaints every region whose picture changed.

``viewport().grab()`` repaints the whole widget, so a picture taken that way looks right even
when the screen keeps a stale region. These tests record the regions Qt really sent to the
viewport in paint events and check they cover what changed.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, QRect
from PySide6.QtGui import QRegion
from PySide6.QtWidgets import QWidget

from sysmap.canvas.scene import MapScene
from sysmap.canvas.view import MapView
from sysmap.model import Relationship


class PaintRecorder(QObject):
    """Collects the regions of the paint events a widget receives."""

    def __init__(self, widget: QWidget) -> None:
        super().__init__(widget)
        self.region = QRegion()
        widget.installEventFilter(self)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.region = self.region.united(event.region())  # type: ignore[attr-defined]
        return False

    def forget(self) -> None:
        self.region = QRegion()

    def covers(self, rect: QRect) -> bool:
        return QRegion(rect).subtracted(self.region).isEmpty()


def _settled(qtbot: object, view: MapView) -> PaintRecorder:
    recorder = PaintRecorder(view.viewport())
    qtbot.wait(50)  # type: ignore[attr-defined]
    recorder.forget()
    return recorder


def _line_rect(view: MapView, scene: MapScene, rel_id: str) -> QRect:
    item = scene.item_for_relationship(rel_id)
    assert item is not None
    return view.mapFromScene(item.boundingRect()).boundingRect() & view.viewport().rect()


def test_a_new_relationship_is_repainted_where_it_runs(
    qtbot: object, view: MapView, scene: MapScene
) -> None:
    system_map = scene.system_map
    ids = list(system_map.stakeholder_ids())
    recorder = _settled(qtbot, view)
    # Two stakeholders with no tie yet, far apart: the line crosses the middle of the view.
    rel = system_map.add_relationship(Relationship(ids[0], ids[5], "funds"))
    qtbot.waitUntil(lambda: not recorder.region.isEmpty())  # type: ignore[attr-defined]
    qtbot.wait(20)  # type: ignore[attr-defined]
    rect = _line_rect(view, scene, rel.id)
    assert not rect.isEmpty()
    assert recorder.covers(rect), (rect, recorder.region.boundingRect())


def test_a_removed_relationship_is_repainted_where_it_ran(
    qtbot: object, view: MapView, scene: MapScene
) -> None:
    system_map = scene.system_map
    rel_id = next(iter(system_map.relationship_ids()))
    rect = _line_rect(view, scene, rel_id)
    recorder = _settled(qtbot, view)
    system_map.remove_relationship(rel_id)
    qtbot.waitUntil(lambda: not recorder.region.isEmpty())  # type: ignore[attr-defined]
    qtbot.wait(20)  # type: ignore[attr-defined]
    assert recorder.covers(rect)


def test_a_renamed_map_repaints_its_title(qtbot: object, view: MapView, scene: MapScene) -> None:
    recorder = _settled(qtbot, view)
    scene.system_map.set_properties(title="Youth violence in Leeds: who works with whom")
    qtbot.waitUntil(lambda: not recorder.region.isEmpty())  # type: ignore[attr-defined]
    qtbot.wait(20)  # type: ignore[attr-defined]
    assert recorder.covers(view._title_box().toAlignedRect())
