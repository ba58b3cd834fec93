"""A workshop runs at the speed of talk: a 20-stakeholder map built with counted input events.

Every key press and every mouse gesture (a click, a double-click, a drag, a right-click) sent
to the window is counted; typing a name counts as typing, not as actions. The counts asserted
here are the ones README's "Workshop speed" table quotes.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtCore import QPoint, Qt
from PySide6.QtGui import QContextMenuEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QMenu
from pytestqt.qtbot import QtBot

from sysmap.gui.connect_dialog import ConnectDialog
from sysmap.gui.main_window import MainWindow
from tests.gui.helpers import drag, stakeholder_point

CTRL = Qt.KeyboardModifier.ControlModifier
SHIFT = Qt.KeyboardModifier.ShiftModifier
NONE = Qt.KeyboardModifier.NoModifier
NAMES = [
    "Youth Justice Service",
    "West Yorkshire Police",
    "A&E Leeds General Infirmary",
    "Redthread",
    "Catch22",
    "Leeds City Council",
    "Violence Reduction Unit",
    "St Giles Trust",
    "Schools",
    "Children's social care",
    "CAMHS",
    "Youth workers",
    "Parents",
    "Young people",
    "Probation Service",
    "Crown Prosecution Service",
    "Magistrates",
    "Housing options",
    "Faith groups",
    "Sports clubs",
]


class Hands:
    """Sends real input to the window and counts it, by what the user was doing."""

    def __init__(self, window: MainWindow, qtbot: QtBot) -> None:
        self.window, self.qtbot = window, qtbot
        self.counts: Counter[str] = Counter()
        self.typed = 0

    @property
    def viewport(self):  # type: ignore[no-untyped-def]
        return self.window.view.viewport()

    def key(
        self, task: str, key: Qt.Key, modifiers: Qt.KeyboardModifier = NONE, widget=None
    ) -> None:  # type: ignore[no-untyped-def]
        QTest.keyClick(widget or self.viewport, key, modifiers)
        self.counts[task] += 1

    def type(self, text: str, widget=None) -> None:  # type: ignore[no-untyped-def]
        QTest.keyClicks(widget or self.viewport, text)
        self.typed += len(text)

    def click(self, task: str, stakeholder_id: str, modifiers: Qt.KeyboardModifier = NONE) -> None:
        QTest.mouseClick(
            self.viewport,
            Qt.MouseButton.LeftButton,
            modifiers,
            stakeholder_point(self.window, stakeholder_id),
        )
        self.counts[task] += 1

    def drag(
        self, task: str, start: QPoint, end: QPoint, modifiers: Qt.KeyboardModifier = NONE
    ) -> None:
        drag(self.viewport, start, end, modifiers)
        self.counts[task] += 1

    def right_click_pick(self, task: str, stakeholder_id: str, entry: str) -> None:
        """Right-click a stakeholder, then click ``entry`` in the menu: two gestures."""
        point = stakeholder_point(self.window, stakeholder_id)
        QTest.mouseClick(self.viewport, Qt.MouseButton.RightButton, NONE, point)
        # A desktop turns the right-click into a context-menu event; QTest does not.
        menu_event = QContextMenuEvent(
            QContextMenuEvent.Reason.Mouse, point, self.viewport.mapToGlobal(point)
        )
        QApplication.sendEvent(self.viewport, menu_event)
        self.counts[task] += 1
        self.qtbot.waitUntil(lambda: isinstance(QApplication.activePopupWidget(), QMenu))
        menu = QApplication.activePopupWidget()
        assert isinstance(menu, QMenu)
        texts = [_plain(a.text()) for a in menu.actions()]
        assert any(t.endswith(entry) for t in texts), texts
        action = next(a for a, t in zip(menu.actions(), texts, strict=True) if t.endswith(entry))
        QTest.mouseClick(
            menu, Qt.MouseButton.LeftButton, NONE, menu.actionGeometry(action).center()
        )
        self.counts[task] += 1


def _plain(text: str) -> str:
    """A menu entry's text without its mnemonic marks ("&&" is a real "&")."""
    return text.replace("&&", "\0").replace("&", "").replace("\0", "&").strip()


def _connect_dialog(window: MainWindow) -> ConnectDialog | None:
    return next((d for d in window.findChildren(ConnectDialog) if d.isVisible()), None)


def test_a_twenty_stakeholder_map_in_counted_events(window: MainWindow, qtbot: QtBot) -> None:
    window.resize(1366, 768)
    hands = Hands(window, qtbot)
    hands.key("new map", Qt.Key.Key_N, CTRL)
    document = window.document
    assert document is not None
    stack, system_map = document.undo_stack, document.map
    window.view.setFocus()

    # Add: Ctrl+Shift+A, type the name, Enter. Each lands on a free spot, none on another.
    ids: list[str] = []
    for name in NAMES:
        window.scene.select([])
        hands.key("add", Qt.Key.Key_A, CTRL | SHIFT)
        hands.type(name)
        hands.key("add", Qt.Key.Key_Return)
        ids.append(system_map.stakeholder_ids()[-1])
        assert system_map.label(ids[-1]) == name
    boxes = [window.scene.item_for_stakeholder(i).sceneBoundingRect() for i in ids]  # type: ignore[union-attr]
    assert not any(a.intersects(b) for n, a in enumerate(boxes) for b in boxes[n + 1 :])
    assert hands.counts["add"] == 2 * len(NAMES)
    assert stack.count() == len(NAMES)

    # Esc cancels a new stakeholder: nothing left, nothing on the undo stack.
    hands.key("cancelled add", Qt.Key.Key_A, CTRL | SHIFT)
    hands.type("Nobody")
    hands.key("cancelled add", Qt.Key.Key_Escape)
    assert system_map.stakeholder_count == len(NAMES)
    assert stack.count() == len(NAMES)
    assert not stack.canRedo()

    hands.key("fit", Qt.Key.Key_0, CTRL)

    # Connect: the first names its type (one pick: typed), later ones are one drag + Enter.
    pairs = [(i, (i * 7 + 3) % len(ids)) for i in range(len(ids))]
    pairs = [(a, b) for a, b in pairs if a != b][:19]
    for n, (a, b) in enumerate(pairs):
        task = "first connect" if n == 0 else "connect"
        start, end = stakeholder_point(window, ids[a]), stakeholder_point(window, ids[b])
        hands.drag(task, start, end, SHIFT)
        qtbot.waitUntil(lambda: _connect_dialog(window) is not None)
        dialog = _connect_dialog(window)
        assert dialog is not None
        if n == 0:
            line = dialog.relation.lineEdit()
            line.selectAll()
            hands.type("refers to", line)
        hands.key(task, Qt.Key.Key_Return, widget=dialog.relation)
        qtbot.waitUntil(lambda d=dialog: not d.isVisible())  # type: ignore[misc]
        window.activateWindow()  # the offscreen platform does not hand activation back
        qtbot.waitUntil(window.isActiveWindow)
        window.view.setFocus()
    assert system_map.relationship_count == len(pairs)
    assert {r.relation for r in system_map.relationships()} == {"refers"}
    per_connect = hands.counts["connect"] / (len(pairs) - 1)
    assert per_connect == 2  # one drag, one Enter

    # Retag one: click it, press the sector's number (the right-click menu shows it).
    hands.click("retag one by key", ids[0])
    hands.key("retag one by key", Qt.Key.Key_3)
    third = list(system_map.sectors)[2].key
    assert system_map.stakeholder(ids[0]).sector == third
    assert hands.counts["retag one by key"] == 2

    # Type a place in the inspector: an exact match wins over a longer known place.
    place = window.inspector.stakeholder_page.place
    for stakeholder_id, text in ((ids[1], "England & Wales"), (ids[2], "England")):
        hands.click("type a place", stakeholder_id)
        line = place.lineEdit()
        line.setFocus()
        line.selectAll()
        hands.type(text, line)
        hands.key("type a place", Qt.Key.Key_Return, widget=line)
        assert system_map.places.label(system_map.stakeholder(stakeholder_id).place) == text
    window.view.setFocus()

    # Retag by mouse: right-click it, click the place or kind: one gesture and one pick.
    hands.right_click_pick("retag place by menu", ids[3], "England & Wales")
    assert system_map.places.label(system_map.stakeholder(ids[3]).place) == "England & Wales"
    assert hands.counts["retag place by menu"] == 2
    hands.right_click_pick("retag kind by menu", ids[4], "Individual")
    assert system_map.stakeholder(ids[4]).kind == "individual"
    assert hands.counts["retag kind by menu"] == 2

    # Retag five: Ctrl+click each, one key.
    window.scene.select([])
    for stakeholder_id in ids[5:10]:
        hands.click("retag five", stakeholder_id, CTRL)
    before = stack.count()
    hands.key("retag five", Qt.Key.Key_5)
    fifth = list(system_map.sectors)[4].key
    assert {system_map.stakeholder(i).sector for i in ids[5:10]} == {fifth}
    assert stack.count() == before + 1  # one undo step for all five
    assert hands.counts["retag five"] == 6

    # Rename the map in place: double-click its title, type, Enter. No stakeholder is added.
    steps = stack.count()
    title_point = window.view._title_box().center().toPoint()
    QTest.mouseDClick(window.view.viewport(), Qt.MouseButton.LeftButton, NONE, title_point)
    hands.counts["retitle"] += 1
    editor = window.view.viewport().focusWidget()
    assert editor is not None
    assert editor.accessibleName() == "Map title"
    hands.type("Youth violence in Leeds", editor)
    hands.key("retitle", Qt.Key.Key_Return, widget=editor)
    assert system_map.title == "Youth violence in Leeds"
    assert stack.count() == steps + 1
    assert system_map.stakeholder_count == 20
    assert sum(hands.counts.values()) == 100  # README's workshop speed table
    assert hands.typed == 358
