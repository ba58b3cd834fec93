"""What the window system shows equals a fresh view's picture: one test per cause the redraw
property test (``tests/gui/test_redraw_property.py``) found.

Each test reads the window's own pixels (:func:`tests.gui.screen_compare.screen_pixels`,
stale wherever Qt did not repaint), not ``viewport().grab()``, which repaints everything.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator

import numpy as np
import pytest
from PySide6.QtCore import QEvent, QPointF, QRect, QRectF
from PySide6.QtGui import QColor, QImage, QPainter
from PySide6.QtWidgets import QApplication, QWidget

from sysmap.canvas.line_drawing import draw_relationships
from sysmap.canvas.scene import MapScene
from sysmap.canvas.view import MapView
from sysmap.model import Relationship, Stakeholder, SystemMap
from tests.gui.screen_compare import as_array, difference, screen_pixels


def _paint_now(view: MapView) -> None:
    """Let Qt paint what was asked for, now, as a frame would."""
    for _ in range(2):
        QApplication.processEvents()
        QApplication.sendEvent(view.window(), QEvent(QEvent.Type.UpdateRequest))


def _matches_a_picture(view: MapView) -> None:
    """The window's pixels of ``view`` equal a fresh picture of it, pixel for pixel."""
    found = difference(screen_pixels(view), as_array(view.viewport().grab().toImage()))
    assert found.pixels == 0, f"{found.pixels} px differ in {found.box}"


def _repaint(view: MapView) -> None:
    """Ask for the whole view and let Qt paint it."""
    view.viewport().update()
    _paint_now(view)


def _bare_view(qtbot: object, system_map: SystemMap, width: int, height: int) -> MapView:
    """``system_map`` in a view of its own, shown at ``width`` × ``height``, no legend."""
    view = MapView(MapScene(system_map))
    qtbot.addWidget(view)  # type: ignore[attr-defined]
    view.set_legend_visible(False)
    view.resize(width, height)
    view.show()
    qtbot.waitExposed(view)  # type: ignore[attr-defined]
    view.resetTransform()
    return view


Framed = tuple[QWidget, MapScene, MapView]
PlaceView = Callable[..., Framed]


@pytest.fixture
def place_view(qtbot: object) -> Iterator[PlaceView]:
    """A maker of views placed inside a window at an odd offset, as the main window's docks
    place them: ``place(system_map, offset, zoom, centre, window_size, view_size)``."""
    scenes: list[MapScene] = []

    def place(
        system_map: SystemMap,
        offset: tuple[int, int],
        zoom: float,
        centre: QPointF,
        window_size: tuple[int, int] = (640, 480),
        view_size: tuple[int, int] = (520, 380),
    ) -> Framed:
        scene = MapScene(system_map)
        scenes.append(scene)
        window = QWidget()
        qtbot.addWidget(window)  # type: ignore[attr-defined]
        window.resize(*window_size)
        view = MapView(scene, window)
        view.set_legend_visible(False)
        view.setGeometry(*offset, *view_size)
        window.show()
        qtbot.waitExposed(window)  # type: ignore[attr-defined]
        view.resetTransform()
        view.scale(zoom, zoom)
        view.centerOn(centre)
        return window, scene, view

    yield place
    for scene in scenes:
        scene.close()


@pytest.fixture
def framed(place_view: PlaceView) -> Framed:
    """A view placed inside a window at an odd offset, as the main window's docks place it."""
    system_map = SystemMap("")
    system_map.add_stakeholder(Stakeholder("Sector not set yet", x=0.0, y=0.0))
    system_map.add_stakeholder(Stakeholder("Probation", sector="local_public_services", x=200.0))
    return place_view(system_map, (1, 63), 1.37, QPointF(100, 0))


def test_a_not_set_hatch_is_the_same_on_screen_as_in_a_picture(
    framed: Framed,
) -> None:
    """The hatch of a stakeholder whose sector is not set was laid from the window's corner on
    screen and from the view's in a picture: at an offset of (1, 63) the two differed by a
    pixel's shift, 137 pixels on one stakeholder, although the map was drawn right."""
    _window, _scene, view = framed
    _repaint(view)
    _matches_a_picture(view)


@pytest.fixture
def dashed(place_view: PlaceView) -> Framed:
    """Dash-dot (proposed) and dotted (weak) lines that start off screen, at 45 %."""
    system_map = SystemMap("")
    ids = [
        system_map.add_stakeholder(Stakeholder(label, sector="third_sector", x=x, y=y)).id
        for label, x, y in [("A", -1400.0, 40.0), ("B", 300.0, 210.0), ("C", -1300.0, 400.0)]
    ]
    system_map.add_relationship(Relationship(ids[0], ids[1], "supports", status="proposed"))
    system_map.add_relationship(Relationship(ids[2], ids[1], "funds", status="weak"))
    # At 0.45 the lines are thinner than a pixel.
    return place_view(system_map, (3, 57), 0.45, QPointF(0, 220))


def test_thin_dashed_lines_are_the_same_on_screen_as_in_a_picture(
    dashed: Framed,
) -> None:
    """Qt dashes a line no wider than a pixel from where it enters the device: the window
    on screen, the view in a picture. The same dash-dot line came out with its dashes in
    other places (40–400 px apart over a line) until such lines were widened to a pixel."""
    _window, _scene, view = dashed
    _repaint(view)
    _matches_a_picture(view)


def test_a_repainted_patch_meets_the_rest_of_a_thin_dashed_line(
    dashed: Framed,
) -> None:
    """A patch repainted alone (as after an edit nearby) cuts the lines crossing it; their
    dashes must fall where the whole line's do."""
    _window, _scene, view = dashed
    _repaint(view)
    for patch in (QRect(150, 60, 90, 300), QRect(300, 100, 61, 200)):
        view.viewport().update(patch)
        _paint_now(view)
    _matches_a_picture(view)


def test_a_name_tag_uncovered_by_a_deletion_is_painted(
    qtbot: object, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Zoomed out, names are written under stakeholders where they fit. With none shown,
    an edit repainted only its own patch, yet deleting the stakeholder that covered
    another's tag makes that tag appear outside the patch: it was left half painted."""
    import sysmap.canvas.name_tags as name_tags

    spots = name_tags._spots  # a tag that can go only below its box, as tags once did
    monkeypatch.setattr(
        name_tags, "_spots", lambda box, text, metrics: spots(box, text, metrics)[:1]
    )
    system_map = SystemMap("")
    system_map.add_stakeholder(Stakeholder("Leeds City Council", x=0.0, y=0.0))
    below = system_map.add_stakeholder(Stakeholder("Catch22", x=0.0, y=60.0)).id
    view = _bare_view(qtbot, system_map, 400, 300)
    view.scale(0.3, 0.3)  # below the labels' zoom: names go in tags
    # The lower stakeholder sits on the view's bottom edge (no room for its tag) and
    # covers the upper one's: no tag at all.
    for y in range(-250, -600, -5):
        view.centerOn(QPointF(0.0, float(y)))
        view._update_detail()
        if not view.name_tags():
            break
    _paint_now(view)
    assert view.name_tags() == []
    system_map.remove_stakeholder(below)
    _paint_now(view)
    assert [tag.text for tag in view.name_tags()] == ["Leeds City Council"]
    _matches_a_picture(view)
    view.map_scene().close()


@pytest.mark.parametrize("zoom", [1.0, 0.6])
def test_a_line_passing_through_is_the_same_on_screen_as_in_a_picture(
    place_view: PlaceView, zoom: float
) -> None:
    """Lines that only pass through are hairlines, which Qt steps pixel by pixel from where
    they enter the device: cut 20 px beyond the view, one entered the window (taller than
    the view) and the picture (the view's size) at different places and took other pixels
    all along (166 px of one line)."""
    system_map = SystemMap("")
    a = system_map.add_stakeholder(Stakeholder("A", sector="private", x=-1300.0, y=900.0)).id
    b = system_map.add_stakeholder(Stakeholder("B", sector="private", x=1250.0, y=-700.0)).id
    system_map.add_relationship(Relationship(a, b, "funds", status="missing"))
    _window, _scene, view = place_view(
        system_map, (1, 63), zoom, QPointF(37.3, 11.7), window_size=(640, 520), view_size=(460, 380)
    )
    _repaint(view)
    _matches_a_picture(view)


def _picture_of(system_map: SystemMap, qtbot: object) -> np.ndarray:
    view = _bare_view(qtbot, system_map, 500, 300)
    scene = view.map_scene()
    view.centerOn(QPointF(0.0, 0.0))
    picture = as_array(view.viewport().grab().toImage())
    view.hide()
    view.setScene(None)
    scene.close()
    return picture


def test_overlapping_lines_are_drawn_in_the_same_order_whatever_the_history(
    qtbot: object,
) -> None:
    """Two lines of different statuses meeting a stakeholder from the same side put their
    arrow heads on the same spot; the one drawn last shows. Pens were drawn in the order
    their lines were met, which follows the edit history (an undo brings a line back last),
    so the screen after edits showed the grey head and a fresh view the blue one."""
    pictures = []
    for order in ((0, 1), (1, 0)):
        system_map = SystemMap("")
        ids = [
            system_map.add_stakeholder(Stakeholder(label, sector="third_sector", x=x)).id
            for label, x in [("Far", -200.0), ("Near", -60.0), ("Target", 150.0)]
        ]
        lines = [
            Relationship(ids[0], ids[2], "funds", status="active", directed=True),
            Relationship(ids[1], ids[2], "supports", status="proposed", directed=True),
        ]
        for index in order:
            system_map.add_relationship(lines[index])
        pictures.append(_picture_of(system_map, qtbot))
    found = difference(*pictures)
    assert found.pixels == 0, f"{found.pixels} px differ in {found.box}"


def test_curved_lines_are_not_filled_with_a_brush_left_by_another_item(qapp: object) -> None:
    """The view does not save the painter's state between items, so the edge layer found the
    brush of the item painted before it (a layout guide's fill) and filled the bow of each
    curved line with it, covering the lines it crossed, depending on what was painted last."""
    system_map = SystemMap("")
    a = system_map.add_stakeholder(Stakeholder("A", sector="private", x=0.0)).id
    b = system_map.add_stakeholder(Stakeholder("B", sector="private", x=400.0)).id
    system_map.add_relationship(Relationship(a, b, "funds"))
    system_map.add_relationship(Relationship(a, b, "refers"))  # two: both bow out
    scene = MapScene(system_map)
    items = list(scene.items_model.relationships.values())
    assert not any(item.is_straight() for item in items)
    image = QImage(600, 300, QImage.Format.Format_ARGB32_Premultiplied)
    image.fill(QColor("#FFFFFF"))
    painter = QPainter(image)
    painter.translate(100, 150)
    painter.setBrush(QColor("#FF0000"))  # left by the item painted before
    draw_relationships(painter, items, scene.state, QRectF(-100, -150, 600, 300))
    painter.end()
    pixels = as_array(image)
    red = (pixels[..., 0] > 200) & (pixels[..., 1] < 80) & (pixels[..., 2] < 80)
    assert int(red.sum()) == 0
    scene.close()
