"""The canvas always shows the map as it is: random edits, then the screen against a fresh view.

Random sequences of what a workshop does — add (double-click, Ctrl+Shift+A), connect (Shift+drag,
Ctrl+L, the Edit menu's dialog), retag, rename in place, move by drag (also onto the middle of
a line, which then bends round the stakeholder), delete, copy and paste, accept and dismiss a
suggested link, undo, redo, lay out, rename the map — are driven through
the real window with mouse and keyboard. After each step the pixels the window system holds
for the canvas (see :mod:`tests.gui.screen_compare`: stale wherever Qt did not repaint) are
compared with a view of the same map built from scratch, at the zoom in force during the
step; then the same is done at the two other zooms of fit, 30 % and 100 %.

Part of the default run: :data:`EXAMPLES` examples of 10-20 steps (a few hundred steps,
the same ones every time: derandomized, no example database), each failure reported at once
without shrinking. ``SYSMAP_REDRAW_EXAMPLES`` (more examples, new ones each run) and
``SYSMAP_REDRAW_STEPS`` (longer sequences) make a long run; ``SYSMAP_REDRAW_SHRINK=1``
shrinks a failure; ``SYSMAP_REDRAW_DUMP=folder`` keeps the pictures and steps of one.
"""

from __future__ import annotations

import os
from collections.abc import Callable

import numpy as np
from hypothesis import HealthCheck, Phase, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import QEvent, QObject, QPoint, QPointF, QRect, QRectF, Qt
from PySide6.QtGui import QGuiApplication, QImage
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QWidget
from pytestqt.qtbot import QtBot

from sysmap.analysis.results import Finding, Highlight
from sysmap.gui.commands import SetMapProperties
from sysmap.gui.connect_dialog import ConnectDialog
from sysmap.gui.document import MapDocument
from sysmap.gui.editing import stakeholder_field_command
from sysmap.gui.main_window import MainWindow
from sysmap.model import Relationship, Stakeholder, SystemMap
from tests.gui.helpers import drag, stakeholder_point
from tests.gui.screen_compare import FreshView, difference, screen_pixels

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
EXAMPLES = int(os.environ.get("SYSMAP_REDRAW_EXAMPLES", "16"))
STEPS = int(os.environ.get("SYSMAP_REDRAW_STEPS", "20"))
ZOOMS = ("fit", "30%", "100%")
LATE_FRAME_MS = 300
LATE_FRAME_TRIES = 3
WINDOW = (900, 640)
"""Smaller than a laptop screen, so a few hundred steps take about a minute."""
NAMES = [
    "Youth Justice Service",
    "West Yorkshire Police",
    "A&E at Leeds General Infirmary",
    "Redthread",
    "Catch22",
    "Leeds City Council",
    "St Giles Trust",
    "Violence Reduction Unit",
]
SECTORS = ["central_government", "local_public_services", "third_sector", "private", "citizens"]
PLACES = ["Leeds", "West Yorkshire", "England", ""]
KINDS = ["organisation", "individual", "group"]


def start_map() -> SystemMap:
    """Six stakeholders of a youth violence system, with a few ties of each status."""
    m = SystemMap("Reducing youth violence in Leeds")
    ids = []
    for i, (label, sector) in enumerate(zip(NAMES[:6], [*SECTORS, "third_sector"], strict=True)):
        s = Stakeholder(label, sector=sector, x=(i % 3) * 320.0, y=(i // 3) * 260.0)
        ids.append(m.add_stakeholder(s).id)
    for a, b, rel, status in [
        (0, 1, "refers", "active"),
        (1, 2, "funds", "weak"),
        (2, 3, "partners", "missing"),
        (3, 5, "supports", "proposed"),
        (4, 0, "refers", "active"),
    ]:
        m.add_relationship(Relationship(ids[a], ids[b], rel, status=status))
    return m


# ---------------------------------------------------------------------- driving the window
def _pointer_away(window: MainWindow) -> None:
    """Rest the pointer on the status bar, as a user's hand leaves the map (hover ends)."""
    bar = window.statusBar()
    QTest.mouseMove(bar, bar.rect().center())
    # The offscreen platform does not always say the pointer left: say it as a desktop does.
    QApplication.sendEvent(window.view.viewport(), QEvent(QEvent.Type.Leave))


class _Frames(QObject):
    """Notes the regions of the paint events the canvas receives (for failure messages)."""

    def __init__(self) -> None:
        super().__init__()
        self.regions: list[QRect] = []

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if event.type() == QEvent.Type.Paint:
            self.regions += list(event.region())  # type: ignore[attr-defined]
        return False


FRAMES = _Frames()


def _settle(window: QWidget) -> None:
    """Let Qt paint every region asked for, now (no waiting on the clock).

    The scene notes what changed in queued calls; the view then asks the window to repaint
    those regions in an update request. Sending that request at once paints just what a
    frame would paint, so a region nobody asked for stays stale, as on a screen.
    """
    for _ in range(3):
        QApplication.processEvents()
        QApplication.sendEvent(window, QEvent(QEvent.Type.UpdateRequest))


def _full_repaint(window: MainWindow) -> None:
    """Paint the whole canvas now, once (after a zoom, which repaints it all anyway)."""
    window.view.viewport().update()
    _settle(window)


def _ids(window: MainWindow) -> list[str]:
    assert window.document is not None
    return list(window.document.map.stakeholder_ids())


def _pick(window: MainWindow, index: int) -> str | None:
    ids = _ids(window)
    return ids[index % len(ids)] if ids else None


def _in_view(window: MainWindow, stakeholder_id: str) -> bool:
    item = window.scene.item_for_stakeholder(stakeholder_id)
    assert item is not None
    box = window.view.mapFromScene(item.sceneBoundingRect()).boundingRect()
    return window.view.viewport().rect().adjusted(20, 20, -20, -20).contains(box.center())


def _activate(window: MainWindow, qtbot: QtBot) -> None:
    # The offscreen platform does not hand activation back when a dialog closes.
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)
    window.view.setFocus()


def _select(window: MainWindow, ids: list[str]) -> None:
    window.select(ids)


def _key(
    window: MainWindow, key: Qt.Key, modifiers: Qt.KeyboardModifier = Qt.KeyboardModifier.NoModifier
) -> None:
    QTest.keyClick(window.view.viewport(), key, modifiers)


def _answer_connect(window: MainWindow, qtbot: QtBot, new_type: str) -> None:
    dialogs = [d for d in window.findChildren(ConnectDialog) if d.isVisible()]
    if not dialogs:
        return
    dialog = dialogs[0]
    if new_type:
        line = dialog.relation.lineEdit()
        line.selectAll()
        QTest.keyClicks(line, new_type)
    QTest.keyClick(dialog.relation, Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: not dialog.isVisible())
    _activate(window, qtbot)


def add_by_double_click(window: MainWindow, qtbot: QtBot, fx: float, fy: float, name: int) -> None:
    viewport = window.view.viewport()
    point = QPoint(int(viewport.width() * fx), int(viewport.height() * fy))
    centre = window.view.mapToScene(point)
    if window.scene.items(QRectF(centre - QPointF(90, 40), centre + QPointF(90, 40))):
        return
    QTest.mouseDClick(viewport, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier, point)
    if window.scene.label_editor() is None:
        return
    QTest.keyClicks(viewport, NAMES[name % len(NAMES)])
    _key(window, Qt.Key.Key_Return)


def add_by_keys(window: MainWindow, qtbot: QtBot, name: int, cancel: bool) -> None:
    _key(window, Qt.Key.Key_A, CTRL | SHIFT)
    if window.scene.label_editor() is None:
        return
    QTest.keyClicks(window.view.viewport(), NAMES[name % len(NAMES)])
    _key(window, Qt.Key.Key_Escape if cancel else Qt.Key.Key_Return)


def connect_by_drag(window: MainWindow, qtbot: QtBot, a: int, b: int, new_type: str) -> None:
    source, target = _pick(window, a), _pick(window, b)
    if source is None or target is None or source == target:
        return
    if not (_in_view(window, source) and _in_view(window, target)):
        return
    viewport = window.view.viewport()
    drag(viewport, stakeholder_point(window, source), stakeholder_point(window, target), SHIFT)
    _answer_connect(window, qtbot, new_type)


def connect_by_keys(window: MainWindow, qtbot: QtBot, a: int, b: int, new_type: str) -> None:
    source, target = _pick(window, a), _pick(window, b)
    if source is None or target is None or source == target:
        return
    _select(window, [source, target])
    _key(window, Qt.Key.Key_L, CTRL)
    _answer_connect(window, qtbot, new_type)


def connect_from_menu(window: MainWindow, qtbot: QtBot, a: int, b: int, new_type: str) -> None:
    source, target = _pick(window, a), _pick(window, b)
    if source is None or target is None or source == target:
        return
    _select(window, [source, target])
    window.action("edit.connect_selected").trigger()
    _answer_connect(window, qtbot, new_type)


def retag(window: MainWindow, qtbot: QtBot, a: int, field: str, value: int) -> None:
    chosen = _pick(window, a)
    if chosen is None or window.document is None:
        return
    values = {"sector": SECTORS, "place": PLACES, "kind": KINDS}[field]
    command = stakeholder_field_command(
        window.document.map, [chosen], field, values[value % len(values)]
    )
    if command is not None:
        window.document.push(command)


def rename(window: MainWindow, qtbot: QtBot, a: int, name: int) -> None:
    chosen = _pick(window, a)
    if chosen is None:
        return
    _select(window, [chosen])
    _key(window, Qt.Key.Key_F2)
    if window.scene.label_editor() is None:
        return
    QTest.keyClick(window.view.viewport(), Qt.Key.Key_A, CTRL)
    QTest.keyClicks(window.view.viewport(), NAMES[name % len(NAMES)] + " (lead)")
    _key(window, Qt.Key.Key_Return)


def move(window: MainWindow, qtbot: QtBot, a: int, dx: int, dy: int) -> None:
    chosen = _pick(window, a)
    if chosen is None or not _in_view(window, chosen):
        return
    start = stakeholder_point(window, chosen)
    _select(window, [])
    drag(window.view.viewport(), start, start + QPoint(dx, dy))


def move_onto_line(window: MainWindow, qtbot: QtBot, a: int, line: int) -> None:
    """Drag a stakeholder onto the middle of a line it does not join: the line bends round
    it (issue 13), and lines it leaves straighten."""
    chosen = _pick(window, a)
    lines = [
        item
        for item in window.scene.items_model.relationships.values()
        if chosen not in (item.source_id, item.target_id)
    ]
    if chosen is None or not lines or not _in_view(window, chosen):
        return
    target = lines[line % len(lines)]
    ends = target.source_item.pos(), target.target_item.pos()
    spot = (ends[0] + ends[1]) / 2
    middle = window.view.mapFromScene(spot)
    if not window.view.viewport().rect().adjusted(20, 20, -20, -20).contains(middle):
        return
    # Not onto another stakeholder: stacked stakeholders are another story (their name
    # tags' leaders were seen to differ from a fresh view's, see the issue 13 report).
    others = window.scene.items_model.stakeholders
    if any(
        item.sceneBoundingRect().adjusted(-60, -60, 60, 60).contains(spot)
        for node, item in others.items()
        if node != chosen
    ):
        return
    _select(window, [])
    drag(window.view.viewport(), stakeholder_point(window, chosen), middle)


def delete(window: MainWindow, qtbot: QtBot, a: int) -> None:
    chosen = _pick(window, a)
    if chosen is None or len(_ids(window)) <= 2:
        return
    _select(window, [chosen])
    _key(window, Qt.Key.Key_Delete)


def copy_paste(window: MainWindow, qtbot: QtBot, a: int) -> None:
    chosen = _pick(window, a)
    if chosen is None:
        return
    _select(window, [chosen])
    _key(window, Qt.Key.Key_C, CTRL)
    _key(window, Qt.Key.Key_V, CTRL)


def suggestion(window: MainWindow, qtbot: QtBot, a: int, b: int, accept: bool) -> None:
    source, target = _pick(window, a), _pick(window, b)
    if source is None or target is None or source == target or window.document is None:
        return
    if window.document.map.relationships_between(source, target):
        return
    finding = Finding(
        "medium",
        "suggested_link",
        "Introduce them",
        "They share partners but do not work together.",
        Highlight(nodes=(source, target), suggested=((source, target),)),
    )
    if accept:
        window.analysis.accept(finding)
    else:
        window.analysis.dismiss(finding)


def undo(window: MainWindow, qtbot: QtBot) -> None:
    _key(window, Qt.Key.Key_Z, CTRL)


def redo(window: MainWindow, qtbot: QtBot) -> None:
    _key(window, Qt.Key.Key_Z, CTRL | SHIFT)


def lay_out(window: MainWindow, qtbot: QtBot, name: str) -> None:
    window.layouts.apply(name)
    qtbot.waitUntil(lambda: window.layouts.task is None, timeout=20_000)


def rename_map(window: MainWindow, qtbot: QtBot, name: int) -> None:
    if window.document is not None:
        title = f"{NAMES[name % len(NAMES)]}: who works with whom"
        window.document.push(SetMapProperties(window.document.map, title=title))


def zoom(window: MainWindow, qtbot: QtBot, which: str) -> None:
    set_zoom(window, which)


def set_zoom(window: MainWindow, which: str) -> None:
    view = window.view
    if which == "fit":
        view.fit_map()
    else:
        view.zoom_by((0.3 if which == "30%" else 1.0) / view.zoom_level())
    view._settle.stop()
    view._settled()


index = st.integers(0, 50)
name = st.integers(0, len(NAMES) - 1)
new_type = st.sampled_from(["", "", "mentors"])
STEP = st.one_of(
    st.tuples(st.just(zoom), st.sampled_from(ZOOMS)),
    st.tuples(st.just(add_by_double_click), st.floats(0.1, 0.9), st.floats(0.15, 0.9), name),
    st.tuples(st.just(add_by_keys), name, st.booleans()),
    st.tuples(st.just(connect_by_drag), index, index, new_type),
    st.tuples(st.just(connect_by_keys), index, index, new_type),
    st.tuples(st.just(connect_from_menu), index, index, new_type),
    st.tuples(st.just(retag), index, st.sampled_from(["sector", "place", "kind"]), index),
    st.tuples(st.just(rename), index, name),
    st.tuples(st.just(move), index, st.integers(-150, 150), st.integers(-150, 150)),
    st.tuples(st.just(move_onto_line), index, index),
    st.tuples(st.just(delete), index),
    st.tuples(st.just(copy_paste), index),
    st.tuples(st.just(suggestion), index, index, st.booleans()),
    st.tuples(st.just(undo)),
    st.tuples(st.just(redo)),
    st.tuples(st.just(lay_out), st.sampled_from(["force", "sector", "place"])),
    st.tuples(st.just(rename_map), name),
)


def _describe(step: tuple[object, ...]) -> str:
    action = step[0]
    assert callable(action)
    return f"{action.__name__}{tuple(step[1:])}"


def dump(screen: np.ndarray, expected: np.ndarray) -> None:
    """Keep both pictures for a look when ``SYSMAP_REDRAW_DUMP`` names a folder."""
    folder = os.environ.get("SYSMAP_REDRAW_DUMP")
    if folder:
        for name, pixels in (("screen", screen), ("expected", expected)):
            height, width, _ = pixels.shape
            data = np.ascontiguousarray(pixels).tobytes()
            image = QImage(data, width, height, width * 4, QImage.Format.Format_RGBA8888)
            image.copy().save(os.path.join(folder, f"{name}.png"))


def _log(text: str) -> None:
    folder = os.environ.get("SYSMAP_REDRAW_DUMP")
    if folder:
        with open(os.path.join(folder, "steps.log"), "a", encoding="utf-8") as log:
            log.write(text + "\n")


def compare(
    window: MainWindow, fresh: FreshView, what: str, history: list[str], rebuild: bool = True
) -> None:
    """The window system's pixels of the canvas equal a fresh view's of the same map.

    A frame Qt has not painted yet (a busy machine delays it) gets :data:`LATE_FRAME_MS`;
    a region nobody asked to repaint stays wrong however long one waits. ``rebuild=False``:
    the fresh view built for this step's first comparison is seen again at another zoom.
    """
    assert window.document is not None
    expected = fresh.pixels(window.document.map, rebuild)
    screen = screen_pixels(window.view)
    found = difference(screen, expected)
    for _ in range(LATE_FRAME_TRIES):
        if found.acceptable:
            break
        QTest.qWait(LATE_FRAME_MS)
        _settle(window)
        screen = screen_pixels(window.view)
        found = difference(screen, expected)
    if not found.acceptable:
        dump(screen, expected)
    assert found.acceptable, (
        f"{what}: {found.pixels} px differ in {found.box} after "
        + " → ".join(history[-8:])
        + f"; repainted {FRAMES.regions[-16:]}"
    )


def check_screen(
    window: MainWindow, qtbot: QtBot, fresh: FreshView, history: list[str], zoom_now: str
) -> None:
    """Compare now (a region left unpainted shows); then at the other zooms (drawn in full)."""
    compare(window, fresh, f"stale or wrong pixels at {zoom_now}", history)
    for other in ZOOMS:
        if other != zoom_now:
            set_zoom(window, other)
            _full_repaint(window)
            compare(window, fresh, f"drawn wrong at {other}", history, rebuild=False)
    set_zoom(window, zoom_now)
    _full_repaint(window)


@settings(
    max_examples=EXAMPLES,
    deadline=None,
    # The default run takes the same steps every time (a CI failure can be rerun as it was);
    # a long run set by SYSMAP_REDRAW_EXAMPLES explores new ones.
    derandomize="SYSMAP_REDRAW_EXAMPLES" not in os.environ,
    database=None,
    # A failure reports at once with the steps taken; shrinking a GUI run takes longer than
    # the test's time limit. SYSMAP_REDRAW_SHRINK=1 shrinks (for a long look at a failure).
    phases=(
        tuple(Phase)
        if os.environ.get("SYSMAP_REDRAW_SHRINK")
        else (Phase.explicit, Phase.reuse, Phase.generate)
    ),
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
@given(
    steps=st.lists(STEP, min_size=min(10, STEPS), max_size=STEPS), start_zoom=st.sampled_from(ZOOMS)
)
def test_the_screen_equals_a_fresh_view_after_any_edits(
    window: MainWindow,
    qtbot: QtBot,
    steps: list[tuple[Callable[..., None], ...]],
    start_zoom: str,
) -> None:
    replay(window, qtbot, steps, start_zoom)


def replay(
    window: MainWindow, qtbot: QtBot, steps: list[tuple[Callable[..., None], ...]], start_zoom: str
) -> None:
    """Start from :func:`start_map` at ``start_zoom``, take ``steps`` and check the screen
    after each (also a fixed list: a failure found by a long run, kept as a regression test)."""
    window.resize(*WINDOW)
    window.view.viewport().installEventFilter(FRAMES)
    # Each example starts alike: nothing on the clipboard, no relationship type remembered.
    QGuiApplication.clipboard().clear()
    window.edit.last_relation = ""
    # The Analysis panel closed, as a user may: no analysis runs beside every step.
    window.analysis.runner.set_active(False)
    window.set_document(MapDocument(start_map()))
    window.analysis.runner.cancel()
    _pointer_away(window)
    _settle(window)
    _activate(window, qtbot)
    fresh = FreshView(window.view)
    set_zoom(window, start_zoom)
    _full_repaint(window)
    _log(f"-- example starting at {start_zoom}")
    try:
        run_steps(window, qtbot, fresh, steps, start_zoom, [])
    finally:
        fresh.close()
        window.layouts.cancel()
        window.analysis.cancel()  # nothing left running into the next example


def run_steps(
    window: MainWindow,
    qtbot: QtBot,
    fresh: FreshView,
    steps: list[tuple[Callable[..., None], ...]],
    zoom_now: str,
    history: list[str],
) -> None:
    """Take each step, then check the screen."""
    for step in steps:
        action, *arguments = step
        if action is zoom:
            zoom_now = str(arguments[0])
        history.append(_describe(step))
        _log(history[-1])
        FRAMES.regions = []
        action(window, qtbot, *arguments)
        _pointer_away(window)
        _settle(window)
        if window.scene.label_editor() is not None:  # a name left open: finish it as a user
            _key(window, Qt.Key.Key_Return)
            _settle(window)
        check_screen(window, qtbot, fresh, history, zoom_now)
