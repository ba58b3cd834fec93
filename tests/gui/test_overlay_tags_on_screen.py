"""A finding's tags on screen: readable at any zoom, clear of each other, names and boxes.

At the opening fit of an example (about 37 %) the tags of a finding shown ("recorded gap",
"broker", "citizen") were drawn in scene units, 4 px high, and slid under the name tags.
The view now writes them at a readable size and places them, then the names round them.
"""

from __future__ import annotations

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPoint, QRectF
from PySide6.QtGui import QFontMetricsF, QHelpEvent
from PySide6.QtWidgets import QApplication, QToolTip
from pytestqt.qtbot import QtBot

from sysmap.canvas import furniture, screen_tags
from sysmap.canvas.scene import MapScene
from sysmap.canvas.screen_tags import ScreenTags, tag_font
from sysmap.canvas.view import MapView
from sysmap.gui.main_window import MainWindow
from tests.gui.helpers import drag, stakeholder_point
from tests.gui.screen_compare import as_array, difference, screen_pixels

LAPTOP = (1366, 708)
"""A maximised window's size on a 1366×768 screen."""
KINDS = (
    "known_gap",
    "broker",
    "citizen_single_route",
    "suggested_link",
    "point_of_failure",
    "group_gap",
)


def open_reoffending(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(*LAPTOP)
    window.files.open_example("reoffending")
    qtbot.waitUntil(lambda: window.document is not None, timeout=30_000)
    qtbot.waitUntil(lambda: window.analysis.runner.is_current(), timeout=30_000)
    qtbot.wait(50)  # the fit after the window settles
    window.view.fit_map()


def show(window: MainWindow, qtbot: QtBot, kind: str) -> None:
    findings = window.analysis.panel.findings
    finding = next(f for f in findings.findings() if f.kind == kind)
    findings.select(finding)
    assert window.scene.overlay is not None
    qtbot.wait(10)  # the legend grown by the finding may refit the view


def boxes(window: MainWindow) -> list[QRectF]:
    view, items = window.view, window.scene.items_model.stakeholders.values()
    transform = view.viewportTransform()
    return [transform.mapRect(item.mapRectToScene(item.box_rect())) for item in items]


def assert_tidy(window: MainWindow, tags: ScreenTags) -> None:
    view = window.view
    placed = [t.rect for t in tags.placed]
    assert placed, "the finding's tags are written"
    for tag in tags.placed:
        text = QFontMetricsF(tag_font(tag.pixel_size)).height()
        assert tag.pixel_size >= 10
        assert text >= 10
        assert tag.rect.height() >= text
    for i, rect in enumerate(placed):
        assert not any(rect.intersects(other) for other in placed[i + 1 :]), "tags overlap"
        assert not any(rect.intersects(t.rect) for t in view.name_tags()), "over a name"
        assert not any(rect.intersects(box) for box in boxes(window)), "over a stakeholder"
        assert not rect.intersects(view._legend_box()), "under the legend"
        assert QRectF(view.viewport().rect()).contains(rect)


@pytest.mark.parametrize("kind", KINDS)
def test_tags_are_readable_and_clear_at_the_fit_and_at_100(
    window: MainWindow, qtbot: QtBot, kind: str
) -> None:
    open_reoffending(window, qtbot)
    show(window, qtbot, kind)
    view = window.view
    assert view.zoom_level() < 0.6  # the opening fit: labels too small, names in tags
    assert view.name_tags()
    assert_tidy(window, view.overlay_tags())
    assert not view.overlay_tags().dropped  # there is room on the example's map
    view.zoom_by(1.0 / view.zoom_level())
    tagged = next(m for m in window.scene.decorations() if getattr(m, "screen_tags", list)())
    view.centerOn(tagged.sceneBoundingRect().center())  # its tags in sight
    assert view.zoom_level() == pytest.approx(1.0)
    assert_tidy(window, view.overlay_tags())


def test_a_tag_with_no_room_is_left_out_and_shown_on_hover(
    window: MainWindow, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    open_reoffending(window, qtbot)
    show(window, qtbot, "broker")
    view = window.view
    assert len(view.overlay_tags().placed) == 1
    # Every spot taken (a stand-in for a crowded map): the whole view blocked.
    plan = screen_tags.plan_screen_tags

    def crowded(anchors, to_view, zoom, boxes, viewport, covers, names=()):  # type: ignore[no-untyped-def]
        everywhere = [viewport.left(), viewport.top(), viewport.right(), viewport.bottom()]
        crowd = np.vstack([boxes, everywhere])
        return plan(anchors, to_view, zoom, crowd, viewport, covers, names)

    monkeypatch.setattr(furniture, "plan_screen_tags", crowded)
    view._overlay_tags = None
    tags = view.overlay_tags()
    assert not tags.placed
    (dropped,) = tags.dropped
    at = dropped.anchor.center()
    assert tags.hover_text(at) == "broker"
    help_event = QHelpEvent(
        QEvent.Type.ToolTip, at.toPoint(), view.viewport().mapToGlobal(at.toPoint())
    )
    assert view.viewportEvent(help_event)  # handled: the tooltip says what was left out
    qtbot.waitUntil(QToolTip.isVisible)
    assert QToolTip.text() == "broker"
    QToolTip.hideText()


def test_tags_follow_a_drag_and_match_a_fresh_view(window: MainWindow, qtbot: QtBot) -> None:
    open_reoffending(window, qtbot)
    show(window, qtbot, "broker")
    view, scene = window.view, window.scene
    broker = next(iter(scene.overlay.rings))
    before = view.overlay_tags().placed
    start = stakeholder_point(window, broker)
    drag(view.viewport(), start, start + QPoint(60, 40))  # a real move, on the undo stack
    assert window.document.undo_stack.count() == 1
    after = view.overlay_tags().placed
    assert after[0].rect != before[0].rect  # placed again where the ring is now
    assert_tidy(window, view.overlay_tags())
    # The window shows what a full repaint shows (no tag left behind at its old spot).
    for _ in range(2):
        QApplication.processEvents()
        QApplication.sendEvent(view.window(), QEvent(QEvent.Type.UpdateRequest))
    found = difference(screen_pixels(view), as_array(view.viewport().grab().toImage()))
    assert found.pixels == 0, f"{found.pixels} px differ in {found.box}"
    # And a fresh view of the same map and finding places the same tags.
    fresh = MapView(MapScene(window.document.map))
    qtbot.addWidget(fresh)
    fresh.resize(view.size())
    fresh.show()
    fresh.setHorizontalScrollBarPolicy(view.horizontalScrollBarPolicy())
    fresh.setVerticalScrollBarPolicy(view.verticalScrollBarPolicy())
    fresh.map_scene().set_overlay(scene.overlay)
    fresh.set_legend_place(view.legend_place())
    fresh.setTransform(view.transform())
    assert fresh.viewport().size() == view.viewport().size()
    fresh.horizontalScrollBar().setValue(view.horizontalScrollBar().value())
    fresh.verticalScrollBar().setValue(view.verticalScrollBar().value())
    assert fresh.viewportTransform() == view.viewportTransform()
    assert fresh._legend_box() == view._legend_box()
    assert [t.rect for t in fresh.overlay_tags().placed] == [t.rect for t in after]


@pytest.mark.parametrize("kind", ["broker", "point_of_failure", "suggested_link", "known_gap"])
def test_a_highlighted_stakeholders_name_keeps_its_first_choice(
    window: MainWindow, qtbot: QtBot, kind: str
) -> None:
    """Placed after the finding's tags, a highlighted stakeholder's name was often pushed to
    a second-choice spot (HMPPS's by its own "broker" tag; the prison leaver's by "single
    point of failure"). The names of the stakeholders a finding is about (ringed, badged, at
    a suggested link's end) now go first, each where it would be with no finding's tags;
    the tags go round them."""
    open_reoffending(window, qtbot)
    show(window, qtbot, kind)
    view, overlay = window.view, window.scene.overlay
    assert overlay is not None
    shown = {t.ident: t.rect for t in view.name_tags()}
    highlighted = [i for i in shown if i in overlay.marked_stakeholders()]
    assert highlighted
    assert_tidy(window, view.overlay_tags())
    assert not view.overlay_tags().dropped
    # The same view with no finding's tags: where each highlighted name would be.
    view._forget_tags()
    view._overlay_tags = ScreenTags()
    alone = {t.ident: t.rect for t in view.name_tags()}
    assert {i: shown[i] for i in highlighted} == {i: alone[i] for i in highlighted}
