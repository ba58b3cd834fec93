"""Fixtures for canvas tests: a small map, a scene and a view shown offscreen, mouse helpers."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import QEvent, QPoint, QPointF, Qt
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QApplication, QWidget

from sysmap.canvas.scene import MapScene
from sysmap.canvas.view import MapView
from sysmap.model import Relationship, Stakeholder, SystemMap


def small_map() -> SystemMap:
    """Eight stakeholders of a reoffending system, with parallel and styled relationships."""
    m = SystemMap("Reducing reoffending in Greater Manchester")

    def add(label: str, **fields: object) -> str:
        return m.add_stakeholder(Stakeholder(label, **fields)).id  # type: ignore[arg-type]

    hmpps = add("HM Prison and Probation Service", sector="central_government", x=0, y=0)
    probation = add(
        "Probation Service – Greater Manchester",
        sector="local_public_services",
        kind="organisation",
        place="Greater Manchester",
        description="Supervises people on licence",
        x=320,
        y=140,
    )
    leaver = add("Person leaving prison", sector="citizens", kind="individual", x=640, y=0)
    board = add(
        "Reducing Reoffending Board", sector="local_public_services", kind="group", x=0, y=300
    )
    shelter = add("Shelter", sector="third_sector", x=660, y=300, pinned=True)
    landlords = add("Private landlords", sector="private", kind="group", x=960, y=120)
    for source, target, relation, status in [
        (hmpps, probation, "manages", "active"),
        (hmpps, probation, "funds", "active"),
        (probation, hmpps, "accountable_to", "active"),
        (probation, leaver, "supervises", "active"),
        (probation, board, "part_of", "active"),
        (shelter, leaver, "supports", "weak"),
        (landlords, leaver, "houses", "missing"),
        (board, shelter, "funds", "proposed"),
    ]:
        m.add_relationship(Relationship(source, target, relation, status=status))
    return m


@pytest.fixture
def system_map() -> SystemMap:
    return small_map()


@pytest.fixture
def scene(qapp: QApplication, system_map: SystemMap) -> Iterator[MapScene]:
    s = MapScene(system_map)
    yield s
    s.close()


@pytest.fixture
def view(qtbot: object, scene: MapScene) -> MapView:
    v = MapView(scene)
    qtbot.addWidget(v)  # type: ignore[attr-defined]
    v.resize(1200, 800)
    v.show()
    qtbot.waitExposed(v)  # type: ignore[attr-defined]
    v.resetTransform()
    v.centerOn(QPointF(480, 150))
    return v


def _send(
    widget: QWidget,
    kind: QEvent.Type,
    pos: QPoint,
    button: Qt.MouseButton,
    buttons: Qt.MouseButton,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
) -> None:
    local = QPointF(pos)
    event = QMouseEvent(kind, local, QPointF(widget.mapToGlobal(pos)), button, buttons, modifiers)
    QApplication.sendEvent(widget, event)


def view_point(view: MapView, scene_pos: QPointF) -> QPoint:
    """Viewport pixel of a scene point."""
    return view.mapFromScene(scene_pos)


def drag(
    view: MapView,
    start: QPointF,
    end: QPointF,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    button: Qt.MouseButton = Qt.MouseButton.LeftButton,
    steps: int = 6,
) -> None:
    """Press at ``start``, move in steps with the button held, release at ``end`` (scene points).

    ``QTest.mouseMove`` sends moves with no buttons held, which Qt's item dragging ignores;
    this sends real press/move/release events carrying the button state.
    """
    viewport = view.viewport()
    a, b = view_point(view, start), view_point(view, end)
    _send(viewport, QEvent.Type.MouseButtonPress, a, button, button, modifiers)
    for i in range(1, steps + 1):
        p = a + (b - a) * i / steps
        _send(viewport, QEvent.Type.MouseMove, p, Qt.MouseButton.NoButton, button, modifiers)
    _send(viewport, QEvent.Type.MouseButtonRelease, b, button, Qt.MouseButton.NoButton, modifiers)


def click(
    view: MapView,
    at: QPointF,
    modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier,
    button: Qt.MouseButton = Qt.MouseButton.LeftButton,
) -> None:
    """Press and release at a scene point."""
    viewport = view.viewport()
    p = view_point(view, at)
    _send(viewport, QEvent.Type.MouseButtonPress, p, button, button, modifiers)
    _send(viewport, QEvent.Type.MouseButtonRelease, p, button, Qt.MouseButton.NoButton, modifiers)


def double_click(view: MapView, at: QPointF) -> None:
    """A left double-click at a scene point, as Qt delivers it (press, release, double, release)."""
    viewport = view.viewport()
    p = view_point(view, at)
    left, none = Qt.MouseButton.LeftButton, Qt.MouseButton.NoButton
    _send(viewport, QEvent.Type.MouseButtonPress, p, left, left)
    _send(viewport, QEvent.Type.MouseButtonRelease, p, left, none)
    _send(viewport, QEvent.Type.MouseButtonDblClick, p, left, left)
    _send(viewport, QEvent.Type.MouseButtonRelease, p, left, none)
