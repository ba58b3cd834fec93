"""On a 1366×768 laptop: a fitted map shows no scroll bar, and every name reads as its own.

A scroll bar at the fit says there is more map to see, when there is not; a name written
between two boxes reads as either one's. The window is given a maximised window's room.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from pytestqt.qtbot import QtBot

from sysmap.canvas.name_tags import TIE_MARGIN
from sysmap.canvas.rect_grid import rect_gap
from sysmap.gui.main_window import MainWindow
from tests.canvas.conftest import drag
from tests.gui.test_laptop_screen import LAPTOP, NAMES, open_on_laptop


def _bars(window: MainWindow) -> tuple[bool, bool]:
    view = window.view
    return view.horizontalScrollBar().isVisible(), view.verticalScrollBar().isVisible()


@pytest.mark.parametrize("name", NAMES)
def test_no_scroll_bar_at_the_fit_until_zoomed_or_panned_past_the_map(
    window: MainWindow, qtbot: QtBot, name: str
) -> None:
    window.resize(*LAPTOP)
    window.files.open_example(name)
    qtbot.waitUntil(lambda: window.document is not None, timeout=30_000)
    qtbot.wait(50)
    assert _bars(window) == (False, False)  # the opening fit
    view = window.view
    for _ in range(3):
        view.zoom_in()
    assert _bars(window) == (True, True)  # zoomed past the map: the bars say there is more
    view.fit_map()
    assert _bars(window) == (False, False)  # Fit
    centre = view.mapToScene(view.viewport().rect().center())
    left = view.mapToScene(view.viewport().rect().center() - QPoint(400, 0))
    drag(view, QPointF(centre), QPointF(left), button=Qt.MouseButton.MiddleButton)
    assert _bars(window)[0]  # panned past the map: the way back is shown


@pytest.mark.parametrize("name", NAMES)
def test_each_name_is_nearer_its_own_box_than_any_other(
    window: MainWindow, qtbot: QtBot, name: str
) -> None:
    open_on_laptop(window, qtbot, name)
    view = window.view
    boxes = {
        node_id: QRectF(view.mapFromScene(item.mapRectToScene(item.box_rect())).boundingRect())
        for node_id, item in window.scene.items_model.stakeholders.items()
    }
    tags = view.name_tags()
    assert len(tags) == len(boxes)
    near, tied = [], 0
    for tag in tags:
        own = rect_gap(tag.rect, boxes[tag.ident])
        other, who = min((rect_gap(tag.rect, b), i) for i, b in boxes.items() if i != tag.ident)
        if tag.tie is not None:  # a leader to a ring in its own box, and in no other
            tied += 1
            inside = [i for i, b in boxes.items() if b.contains(tag.tie)]
            assert inside == [tag.ident], (tag.text, inside)
        elif other < own + TIE_MARGIN:
            near.append(f"{tag.text!r}: {own:.1f} px from its box, {other:.1f} px from {who}")
    assert not near, near
    assert tied <= len(tags) // 4  # a leader is the exception: most names sit clear of others


def test_scroll_bars_come_back_when_an_edit_puts_a_stakeholder_out_of_view(
    window: MainWindow, qtbot: QtBot
) -> None:
    """The fit hid the bars; a move that takes a stakeholder past the view's edge shows them.

    Dragged to the viewport's corner, the box hangs over the edge: there is more map to see
    than the view shows, and the bars say so again; Undo puts it back and hides them.
    """
    open_on_laptop(window, qtbot, "reoffending")
    view = window.view
    assert _bars(window) == (False, False)
    items = window.scene.items_model.stakeholders
    ident, item = max(items.items(), key=lambda pair: pair[1].sceneBoundingRect().right())
    start = item.sceneBoundingRect().center()
    corner = view.mapToScene(view.viewport().rect().bottomRight() - QPoint(2, 2))
    drag(view, start, QPointF(corner))
    qtbot.waitUntil(lambda: window.document.undo_stack.count() == 1)  # type: ignore[union-attr]
    box = QRectF(view.mapFromScene(item.sceneBoundingRect()).boundingRect())
    assert not QRectF(view.viewport().rect()).contains(box), ident  # really past the edge
    qtbot.waitUntil(lambda: _bars(window) == (True, True), timeout=3000)
    window.document.undo_stack.undo()  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: _bars(window) == (False, False), timeout=3000)
