"""Zoom, fit, pan and level of detail; the legend and title stay on screen."""

from __future__ import annotations

from PySide6.QtCore import QPoint, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter, QPalette
from PySide6.QtWidgets import QApplication

from sysmap.canvas.scene import MapScene
from sysmap.canvas.theme import DARK, LIGHT
from sysmap.canvas.view import MapView
from sysmap.model.synthetic import synthetic_map
from tests.canvas.conftest import drag


def _grab(view: MapView) -> QImage:
    return view.viewport().grab().toImage()


def _clear_of_legend_and_title(
    view: MapView, scene: MapScene, ids: list[str] | None = None
) -> None:
    full, _strip = view._free_areas()
    legend = view._legend_box()
    assert not legend.isEmpty()
    for node_id, item in scene.items_model.stakeholders.items():
        if ids is not None and node_id not in ids:
            continue
        shown = QRectF(view.mapFromScene(item.sceneBoundingRect()).boundingRect())
        assert full.contains(shown), node_id  # whole, and below the title
        assert not legend.intersects(shown), node_id  # never under the legend


def test_fit_shows_every_stakeholder_clear_of_the_legend(view: MapView, scene: MapScene) -> None:
    view.fit_map()
    _clear_of_legend_and_title(view, scene)


def test_fit_uses_the_legend_corner_when_no_one_would_be_under_it() -> None:
    import numpy as np

    from sysmap.canvas.fitting import fit_around_legend, fit_in

    viewport = QRectF(0, 0, 1000, 700)
    full = QRectF(0, 40, 1000, 660)  # below the title
    legend = QRectF(780, 14, 206, 290)
    strip = QRectF(0, 40, 766, 660)
    rect = QRectF(0, 0, 1600, 1000)  # a wide map that fills the view's height
    # Stakeholders along the bottom and the left: the top-right corner is empty.
    boxes = np.array([[x, 900, x + 100, 940] for x in range(0, 1600, 200)] + [[0, 0, 100, 40]])
    fit = fit_around_legend(rect, boxes, full, strip, legend, viewport, 40.0, 1.5)
    beside = fit_in(rect, strip, viewport, 40.0, 1.5)
    assert fit.scale > beside.scale * 1.2  # the whole width is used
    # With stakeholders all down the right-hand edge, no zoom keeps them clear of the
    # legend: the fit falls back to the strip beside it.
    crowded = np.vstack([boxes, [[1500, y, 1600, y + 40] for y in range(0, 1000, 60)]])
    assert fit_around_legend(rect, crowded, full, strip, legend, viewport, 40.0, 1.5) == beside


def test_wheel_zooms_around_the_cursor(qtbot, view: MapView, scene: MapScene) -> None:
    from PySide6.QtGui import QWheelEvent

    anchor = QPoint(300, 200)
    under = view.mapToScene(anchor)
    event = QWheelEvent(
        QPointF(anchor),
        QPointF(view.viewport().mapToGlobal(anchor)),
        QPoint(0, 0),
        QPoint(0, 240),
        Qt.MouseButton.NoButton,
        Qt.KeyboardModifier.NoModifier,
        Qt.ScrollPhase.NoScrollPhase,
        False,
    )
    before = view.zoom_level()
    QApplication.sendEvent(view.viewport(), event)
    assert view.zoom_level() > before * 1.4
    after = view.mapToScene(anchor)
    assert abs(after.x() - under.x()) < 2
    assert abs(after.y() - under.y()) < 2


def test_zoom_steps_reset_and_selection(view: MapView, scene: MapScene) -> None:
    view.zoom_in()
    assert abs(view.zoom_level() - 1.25) < 1e-6
    view.zoom_out()
    view.zoom_out()
    assert abs(view.zoom_level() - 0.8) < 1e-6
    view.reset_zoom()
    assert abs(view.zoom_level() - 1.0) < 1e-6
    scene.select(["shelter"], [])
    view.zoom_to_selection()
    assert view.zoom_level() == 1.5  # capped: one small stakeholder is not blown up
    _clear_of_legend_and_title(view, scene, ["shelter"])


def test_middle_drag_pans(view: MapView) -> None:
    before = view.mapToScene(view.viewport().rect().center())
    drag(view, before, before + QPointF(100, 0), button=Qt.MouseButton.MiddleButton)
    after = view.mapToScene(view.viewport().rect().center())
    assert abs((before.x() - after.x()) - 100) < 3


def test_space_drag_pans_instead_of_selecting(qtbot, view: MapView, scene: MapScene) -> None:
    qtbot.keyPress(view, Qt.Key.Key_Space)
    before = view.mapToScene(view.viewport().rect().center())
    drag(view, QPointF(660, 300), QPointF(660, 200))
    qtbot.keyRelease(view, Qt.Key.Key_Space)
    after = view.mapToScene(view.viewport().rect().center())
    assert abs((after.y() - before.y()) - 100) < 3
    assert scene.item_for_stakeholder("shelter").pos() == QPointF(660, 300)


def test_level_of_detail_switches_with_zoom(qtbot, qapp) -> None:
    big = synthetic_map(2000, seed=2)
    scene = MapScene(big)
    view = MapView(scene)
    qtbot.addWidget(view)
    view.resize(1600, 1000)
    view.show()
    qtbot.waitExposed(view)
    view.resetTransform()
    view.zoom_by(1.0)
    view.centerOn(scene.item_for_stakeholder(big.stakeholder_ids()[0]).pos())
    view._zoomed()
    assert view.level_of_detail() == "full"
    view.fit_map()
    assert view.level_of_detail() == "overview"
    assert scene.state.overview
    # Items stay clickable in the overview: a click selects the stakeholder under it.
    item = scene.item_for_stakeholder(big.stakeholder_ids()[5])
    from tests.canvas.conftest import click

    click(view, item.scenePos())
    assert scene.selected_stakeholder_ids() == [item.stakeholder_id]
    # The overview paints sector colours; zooming back in restores item painting.
    image = _grab(view)
    assert image.width() >= 1500
    view.centerOn(item.scenePos())
    view.zoom_by(1.0 / view.zoom_level())
    assert view.level_of_detail() == "full"
    assert not scene.state.overview
    scene.close()


def test_labels_drawn_only_when_readable(qtbot, view: MapView, scene: MapScene) -> None:
    def dark_in(rect: QRectF) -> int:
        image = QImage(view.viewport().size(), QImage.Format.Format_ARGB32)
        image.fill(QColor("#FFFFFF"))
        painter = QPainter(image)
        view.render(painter)
        painter.end()
        r = view.mapFromScene(rect).boundingRect()
        return sum(
            1
            for y in range(max(0, r.top()), min(image.height(), r.bottom()))
            for x in range(max(0, r.left()), min(image.width(), r.right()))
            if QColor(image.pixel(x, y)).lightness() < 60
        )

    shelter = scene.item_for_stakeholder("shelter")  # green box, black text
    box = shelter.box_rect().translated(shelter.pos()).adjusted(8, 8, -8, -8)
    view.set_legend_visible(False)
    view.set_title_visible(False)
    view.centerOn(shelter.pos())
    assert dark_in(box) > 20
    view.zoom_by(0.3)
    assert view.level_of_detail() == "shapes"
    assert dark_in(box) == 0


def test_legend_and_title_drawn_on_screen(view: MapView) -> None:
    image = _grab(view)
    width = image.width()
    title = sum(
        1
        for x in range(14, 500, 2)
        for y in range(10, 34, 2)
        if QColor(image.pixel(x, y)).lightness() < 80
    )
    legend = sum(
        1
        for x in range(width - 200, width - 20, 2)
        for y in range(20, 120, 2)
        if QColor(image.pixel(x, y)).lightness() < 80
    )
    assert title > 30
    assert legend > 30


def test_follows_a_dark_palette(qtbot, view: MapView, scene: MapScene) -> None:
    assert scene.state.theme == LIGHT
    palette = QPalette()
    palette.setColor(QPalette.ColorRole.Window, QColor("#202124"))
    palette.setColor(QPalette.ColorRole.Base, QColor("#202124"))
    view.setPalette(palette)
    assert scene.state.theme == DARK
    assert scene.backgroundBrush().color() == QColor(DARK.background)


def test_name_tags_say_who_is_who_when_labels_are_too_small(
    qtbot, view: MapView, scene: MapScene
) -> None:
    view.resetTransform()
    view.scale(0.35, 0.35)
    view.centerOn(scene.map_rect().center())
    view._update_detail()
    assert view.level_of_detail() == "shapes"
    tags = view.name_tags()
    assert tags
    boxes = {  # the shapes drawn (not the invisible hover margin round them)
        node_id: QRectF(view.mapFromScene(item.mapRectToScene(item.box_rect())).boundingRect())
        for node_id, item in scene.items_model.stakeholders.items()
    }
    labels = {item.label for item in scene.items_model.stakeholders.values()}
    legend = view._legend_box()
    for i, tag in enumerate(tags):
        assert " ".join(tag.text.split()) in labels or tag.text.endswith("…")  # on 1 or 2 lines
        assert not tag.rect.intersects(legend)
        assert QRectF(view.viewport().rect()).contains(tag.rect)
        assert not any(tag.rect.intersects(other.rect) for other in tags[i + 1 :])
        assert not any(tag.rect.intersects(box) for box in boxes.values())
    assert _grab(view).width() > 0  # they paint
    # Moving a stakeholder places them again; at readable zoom there are none.
    first = next(iter(scene.items_model.stakeholders))
    scene.system_map.move_stakeholders({first: (5000.0, 5000.0)})
    qtbot.wait(10)
    assert view.name_tags() is not tags
    view.reset_zoom()
    assert view.level_of_detail() == "full"
    assert view.name_tags() == []


def test_each_scroll_bar_policy_goes_to_its_own_side(view: MapView) -> None:
    # The bar's side comes from its orientation; each call sets its own side's policy only.
    off, on = Qt.ScrollBarPolicy.ScrollBarAlwaysOff, Qt.ScrollBarPolicy.ScrollBarAlwaysOn
    view.fit_map()
    assert (view.horizontalScrollBarPolicy(), view.verticalScrollBarPolicy()) == (off, off)
    view._set_bar_policy(view.verticalScrollBar(), on)
    assert (view.horizontalScrollBarPolicy(), view.verticalScrollBarPolicy()) == (off, on)
    view._set_bar_policy(view.horizontalScrollBar(), on)
    assert (view.horizontalScrollBarPolicy(), view.verticalScrollBarPolicy()) == (on, on)
