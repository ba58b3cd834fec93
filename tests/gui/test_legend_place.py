"""The legend owns its corner: folded or moved by the mouse, remembered, never over anyone.

Also: a whole-map fit is kept when the canvas changes size (the Charts panel opens or closes).
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter
from pytestqt.qtbot import QtBot

from sysmap.canvas.legend_place import LegendBox, LegendPlace, paint_box
from sysmap.canvas.theme import DARK, LIGHT
from sysmap.canvas.view import MapView
from sysmap.gui.findings_view import FINDING_ROLE
from sysmap.gui.main_window import MainWindow
from tests.canvas.conftest import click, drag
from tests.gui.test_laptop_screen import open_on_laptop


def _scene_at(view: MapView, point: QPointF) -> QPointF:
    return view.mapToScene(point.toPoint())


def _clear(view: MapView) -> None:
    """Every stakeholder whole in the view and off the legend and title."""
    legend, title = view._legend_box(), view._title_box()
    viewport = QRectF(view.viewport().rect())
    for node_id, item in view.map_scene().items_model.stakeholders.items():
        shown = QRectF(view.mapFromScene(item.sceneBoundingRect()).boundingRect())
        assert viewport.contains(shown), node_id
        assert not shown.intersects(legend), node_id
        assert not shown.intersects(title), node_id


def test_a_click_folds_the_legend_and_the_map_takes_the_room(
    window: MainWindow, qtbot: QtBot
) -> None:
    open_on_laptop(window, qtbot, "reoffending")
    view = window.view
    open_box, zoom = view._legend_box(), view.zoom_level()
    stakeholders = len(list(window.document.map.stakeholders()))
    click(view, _scene_at(view, open_box.center()))
    assert view.legend_place() == LegendPlace("top-right", True)
    folded = view._legend_box()
    assert folded.width() < open_box.width() / 2
    assert folded.height() < 40
    assert view.zoom_level() > zoom  # refitted into the room the legend gave back
    _clear(view)
    # A double-click on it adds no stakeholder under it.
    qtbot.mouseDClick(view.viewport(), Qt.MouseButton.LeftButton, pos=folded.center().toPoint())
    assert len(list(window.document.map.stakeholders())) == stakeholders
    assert window.document.undo_stack.count() == 0  # a view preference, not an edit
    click(view, _scene_at(view, view._legend_box().center()))
    assert view.legend_place().folded is False
    assert view._legend_box().size() == open_box.size()


def test_a_drag_moves_the_legend_to_a_corner_and_it_is_remembered(
    window: MainWindow, qtbot: QtBot
) -> None:
    open_on_laptop(window, qtbot, "levelling-up")
    view = window.view
    start = view._legend_box().center()
    corner = QPointF(60, view.viewport().height() - 60)
    drag(view, _scene_at(view, start), _scene_at(view, corner))
    assert view.legend_place() == LegendPlace("bottom-left", False)
    legend = view._legend_box()
    viewport = QRectF(view.viewport().rect())
    assert legend.left() < 20  # in the bottom-left corner
    assert legend.bottom() > viewport.bottom() - 20
    assert viewport.contains(legend)
    _clear(view)
    # The title has the whole top row now.
    assert view._title_box().width() > viewport.width() - 40
    # Remembered: the next window puts it there.
    other = MainWindow()
    qtbot.addWidget(other)
    assert other.view.legend_place() == LegendPlace("bottom-left", False)


def test_the_legend_folds_itself_rather_than_be_cut_off(window: MainWindow, qtbot: QtBot) -> None:
    open_on_laptop(window, qtbot, "reoffending")
    view = window.view
    view.resize(view.width(), 260)  # a short canvas: the column does not fit
    qtbot.wait(10)
    layout = view._legend_layout()
    assert layout.mode in ("columns", "folded")
    assert QRectF(view.viewport().rect()).contains(layout.rect)
    view.resize(420, 600)  # a narrow one: the legend would take most of it
    qtbot.wait(10)
    assert view._legend_layout().mode == "folded"
    assert QRectF(view.viewport().rect()).contains(view._legend_box())


def test_opening_the_charts_refits_the_map(window: MainWindow, qtbot: QtBot) -> None:
    open_on_laptop(window, qtbot, "rough-sleeping")
    view = window.view
    height = view.viewport().height()
    window.analysis.charts_action.trigger()
    qtbot.waitUntil(lambda: view.viewport().height() < height - 50)
    qtbot.wait(20)
    _clear(view)  # refitted into the smaller canvas, clear of the legend
    window.analysis.charts_action.trigger()
    qtbot.waitUntil(lambda: view.viewport().height() >= height - 2)
    _clear(view)


def test_the_legend_is_opaque_in_both_themes(qapp) -> None:  # type: ignore[no-untyped-def]
    from sysmap.canvas.legend import Legend, LegendEntry

    legend = Legend("Sector", (LegendEntry("Central government", colour="#0072B2", count=3),))
    for theme in (LIGHT, DARK):
        for mode in ("open", "folded"):
            image = QImage(300, 200, QImage.Format.Format_ARGB32)
            image.fill(QColor("#FF00FF"))  # what lies under it must not show through
            painter = QPainter(image)
            box = LegendBox(QRectF(10, 10, 200, 120 if mode == "open" else 30), mode)
            paint_box(painter, legend, box, theme)
            painter.end()
            for x, y in ((30, 20), (150, 25), (190, 20)):
                assert QColor(image.pixel(x, y)) != QColor("#FF00FF"), (theme.name, mode)


def test_a_legend_grown_by_a_finding_does_not_cover_stakeholders(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Showing a finding adds a "Highlighted" section, and with it the legend grows down over
    the map; at the whole-map fit, the map is fitted again clear of it, and back when the
    finding is cleared (a click on the finding, then on Clear)."""
    open_on_laptop(window, qtbot, "reoffending")
    analysis = window.analysis
    qtbot.waitUntil(lambda: analysis.runner.is_current(), timeout=30_000)
    view, findings = window.view, analysis.panel.findings
    _clear(view)
    before = view._legend_box()
    link = next(f for f in findings.findings() if f.kind == "suggested_link")
    item = next(i for i in findings._items() if i.data(0, FINDING_ROLE) == link)
    findings.tree.scrollToItem(item)
    spot = findings.tree.visualItemRect(item).center()
    qtbot.mouseClick(findings.tree.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    qtbot.waitUntil(lambda: view._legend_box().height() > before.height() + 60)
    qtbot.waitUntil(lambda: _no_stakeholder_under_legend(view), timeout=3000)
    _clear(view)
    qtbot.mouseClick(findings.clear_button, Qt.MouseButton.LeftButton)
    qtbot.waitUntil(lambda: view._legend_box() == before, timeout=3000)
    _clear(view)
    assert window.document is not None
    assert window.document.undo_stack.count() == 0


def test_showing_a_finding_names_its_stakeholders_and_not_the_faded_ones(
    window: MainWindow, qtbot: QtBot
) -> None:
    """Zoomed out, names are tags; a finding names its own first and the faded ones not at all.

    The tags were placed for the map before the finding and kept until the next zoom, so the
    screen went on naming faded stakeholders (and not the finding's where room was short)
    while a fresh view of the same map named only the finding's. Folded, the legend does not
    grow with the finding, so nothing else makes the view place its tags again.
    """
    open_on_laptop(window, qtbot, "reoffending")
    analysis = window.analysis
    qtbot.waitUntil(lambda: analysis.runner.is_current(), timeout=30_000)
    view, findings = window.view, analysis.panel.findings
    click(view, _scene_at(view, view._legend_box().center()))  # fold the legend
    assert view.legend_place().folded
    assert view.level_of_detail() == "shapes"
    named_before = {tag.ident for tag in view.name_tags()}
    link = next(f for f in findings.findings() if f.kind == "suggested_link")
    item = next(i for i in findings._items() if i.data(0, FINDING_ROLE) == link)
    findings.tree.scrollToItem(item)
    spot = findings.tree.visualItemRect(item).center()
    qtbot.mouseClick(findings.tree.viewport(), Qt.MouseButton.LeftButton, pos=spot)
    state = window.scene.state
    qtbot.waitUntil(lambda: state.overlay is not None)
    faded = {i for i in named_before if state.stakeholder_emphasis(i) < 0}
    assert faded  # the finding fades most of the map
    named = {tag.ident for tag in view.name_tags()}
    assert not named & faded
    assert {i for i in named_before if state.stakeholder_emphasis(i) > 0} <= named


def _no_stakeholder_under_legend(view: MapView) -> bool:
    try:
        _clear(view)
    except AssertionError:
        return False
    return True
