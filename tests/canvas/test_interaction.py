"""Real mouse and keyboard input becomes intent signals; the map itself never changes."""

from __future__ import annotations

from PySide6.QtCore import QPointF, Qt

from sysmap.canvas.scene import MapScene
from sysmap.canvas.view import MapView
from sysmap.model import SystemMap
from tests.canvas.conftest import click, double_click, drag

PROBATION = "probation-service-greater-manchester"
SHELTER = "shelter"


def _centre(scene: MapScene, node_id: str) -> QPointF:
    return scene.item_for_stakeholder(node_id).scenePos()


def _handle(scene: MapScene, node_id: str) -> QPointF:
    """A point on the stakeholder's border handle (just inside its right edge)."""
    item = scene.item_for_stakeholder(node_id)
    return item.scenePos() + QPointF(item.box_rect().width() / 2 - 2, 0)


def test_drag_emits_one_move_and_leaves_the_map_alone(
    qtbot, view: MapView, scene: MapScene, system_map: SystemMap
) -> None:
    snapshot = system_map.copy()
    with qtbot.waitSignal(scene.stakeholders_moved) as blocker:
        drag(view, _centre(scene, SHELTER), _centre(scene, SHELTER) + QPointF(60, 40))
    old, new = blocker.args
    assert old == {SHELTER: (660.0, 300.0)}
    assert new == {SHELTER: (720.0, 340.0)}
    assert system_map == snapshot  # the GUI, not the canvas, applies the move
    # When the GUI applies it, the item is already there and stays put.
    system_map.move_stakeholders(new)
    assert scene.item_for_stakeholder(SHELTER).scenePos() == QPointF(720, 340)


def test_multi_item_drag_is_one_signal(qtbot, view: MapView, scene: MapScene) -> None:
    scene.select([SHELTER, PROBATION], [])
    signals = []
    scene.stakeholders_moved.connect(lambda old, new: signals.append((old, new)))
    drag(view, _centre(scene, PROBATION), _centre(scene, PROBATION) + QPointF(-30, 50))
    assert len(signals) == 1
    old, new = signals[0]
    assert set(new) == {SHELTER, PROBATION}
    assert new[SHELTER] == (old[SHELTER][0] - 30, old[SHELTER][1] + 50)


def test_relationships_follow_a_drag(view: MapView, scene: MapScene) -> None:
    rel = scene.item_for_relationship("shelter-supports-person-leaving-prison")
    before = rel.path().pointAtPercent(0.0)
    drag(view, _centre(scene, SHELTER), _centre(scene, SHELTER) + QPointF(0, 120))
    assert rel.path().pointAtPercent(0.0).y() > before.y() + 100


def test_double_click_on_empty_canvas_asks_for_a_stakeholder(
    qtbot, view: MapView, scene: MapScene
) -> None:
    with qtbot.waitSignal(scene.add_stakeholder_requested) as blocker:
        double_click(view, QPointF(400, -200))
    x, y = blocker.args
    assert abs(x - 400) <= 1
    assert abs(y + 200) <= 1


def test_double_click_between_stakeholders_inside_the_map(
    qtbot, view: MapView, scene: MapScene
) -> None:
    assert scene.items_model.edge_layer.boundingRect().contains(QPointF(800, 250))
    assert scene.items(QPointF(800, 250)) == []  # the batch-drawing layers are not "things"
    with qtbot.waitSignal(scene.add_stakeholder_requested) as blocker:
        double_click(view, QPointF(800, 250))
    assert abs(blocker.args[0] - 800) <= 1


def test_rename_in_place_with_enter_and_escape(qtbot, view: MapView, scene: MapScene) -> None:
    double_click(view, _centre(scene, SHELTER))
    editor = scene.label_editor()
    assert editor is not None
    assert editor.stakeholder_id == SHELTER
    with qtbot.waitSignal(scene.rename_requested) as blocker:
        qtbot.keyClicks(view.viewport(), "Shelter Manchester")
        qtbot.keyClick(view.viewport(), Qt.Key.Key_Return)
    assert blocker.args == [SHELTER, "Shelter Manchester"]
    assert scene.label_editor() is None

    renames = []
    scene.rename_requested.connect(lambda *a: renames.append(a))
    scene.select([SHELTER], [])
    qtbot.keyClick(view.viewport(), Qt.Key.Key_F2)
    assert scene.label_editor() is not None
    qtbot.keyClicks(view.viewport(), "Something else")
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert scene.label_editor() is None
    assert renames == []


def test_connect_by_dragging_the_border_handle(qtbot, view: MapView, scene: MapScene) -> None:
    with qtbot.waitSignal(scene.connect_requested) as blocker:
        drag(view, _handle(scene, SHELTER), _centre(scene, "private-landlords"))
    assert blocker.args == [SHELTER, "private-landlords"]
    # The rubber line is gone and nothing moved.
    assert scene.item_for_stakeholder(SHELTER).scenePos() == QPointF(660, 300)
    assert not [i for i in scene.items() if type(i).__name__ == "QGraphicsLineItem"]


def test_connect_with_shift_and_in_connect_mode(qtbot, view: MapView, scene: MapScene) -> None:
    with qtbot.waitSignal(scene.connect_requested) as blocker:
        drag(
            view,
            _centre(scene, SHELTER),
            _centre(scene, PROBATION),
            modifiers=Qt.KeyboardModifier.ShiftModifier,
        )
    assert blocker.args == [SHELTER, PROBATION]
    scene.set_mode("connect")
    with qtbot.waitSignal(scene.connect_requested) as blocker:
        drag(view, _centre(scene, PROBATION), _centre(scene, SHELTER))
    assert blocker.args == [PROBATION, SHELTER]


def test_never_connects_to_itself_or_to_nothing(view: MapView, scene: MapScene) -> None:
    asked = []
    scene.connect_requested.connect(lambda *a: asked.append(a))
    scene.set_mode("connect")
    drag(view, _centre(scene, SHELTER), _centre(scene, SHELTER) + QPointF(5, 5))
    drag(view, _centre(scene, SHELTER), QPointF(300, -400))
    assert asked == []


def test_add_mode_click_and_escape(qtbot, view: MapView, scene: MapScene) -> None:
    modes = []
    scene.mode_changed.connect(modes.append)
    scene.set_mode("add")
    with qtbot.waitSignal(scene.add_stakeholder_requested):
        click(view, QPointF(300, 500))
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert scene.mode_name == "select"
    assert modes == ["add", "select"]


def test_arrow_keys_nudge_the_selection(qtbot, view: MapView, scene: MapScene) -> None:
    scene.select([SHELTER], [])
    drags: list[object] = []
    scene.stakeholders_moved.connect(drags.append)  # a nudge is not a drag
    with qtbot.waitSignal(scene.stakeholders_nudged) as blocker:
        qtbot.keyClick(view.viewport(), Qt.Key.Key_Right)
    assert blocker.args == [{SHELTER: (660.0, 300.0)}, {SHELTER: (670.0, 300.0)}]
    assert drags == []
    with qtbot.waitSignal(scene.stakeholders_nudged) as blocker:
        qtbot.keyClick(view.viewport(), Qt.Key.Key_Up, Qt.KeyboardModifier.ShiftModifier)
    assert blocker.args[1] == {SHELTER: (660.0, 299.0)}


def test_selection_helpers(view: MapView, scene: MapScene) -> None:
    rel = "shelter-supports-person-leaving-prison"
    scene.select([SHELTER, PROBATION], [rel])
    assert scene.selected_stakeholder_ids() == [PROBATION, SHELTER]  # map order
    assert scene.selected_relationship_ids() == [rel]
    view.set_legend_visible(False)  # it covers this stakeholder; a click on it folds it
    click(view, _centre(scene, "private-landlords"))
    assert scene.selected_stakeholder_ids() == ["private-landlords"]
    # Rubber band on empty canvas selects what it touches.
    drag(view, QPointF(560, 220), QPointF(760, 380))
    assert SHELTER in scene.selected_stakeholder_ids()


def test_name_box_stays_screen_sized_when_zoomed_out(qtbot, view: MapView, scene: MapScene) -> None:
    view.resetTransform()
    view.scale(0.3, 0.3)
    view.centerOn(_centre(scene, SHELTER))
    scene.select([SHELTER], [])
    qtbot.keyClick(view.viewport(), Qt.Key.Key_F2)
    editor = scene.label_editor()
    assert editor is not None
    box = editor.deviceTransform(view.viewportTransform()).mapRect(editor.boundingRect())
    assert box.height() >= 16  # one readable line in screen pixels, not 30 % of one
    centre = view.mapFromScene(_centre(scene, SHELTER))
    assert abs(box.center().x() - centre.x()) <= 2  # centred on the stakeholder
    # A click inside the box places the cursor; it does not end the rename.
    qtbot.mouseClick(view.viewport(), Qt.MouseButton.LeftButton, pos=box.center().toPoint())
    assert scene.label_editor() is editor
    qtbot.keyClick(view.viewport(), Qt.Key.Key_Escape)
    assert scene.label_editor() is None
