"""Files in the real window: open, save, save as, recent, drag and drop, prompts, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtCore import QMimeData, QPointF, Qt, QUrl
from PySide6.QtGui import QDragEnterEvent, QDropEvent
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QAbstractButton, QApplication, QDockWidget, QMessageBox
from pytestqt.qtbot import QtBot

from sysmap.gui import dialogs
from sysmap.gui.commands import AddStakeholder, new_stakeholder
from sysmap.gui.main_window import MainWindow
from sysmap.gui.resources import stylesheet
from sysmap.io import load_map
from tests.gui.helpers import LEFT, NO_MODIFIER, answer, when_modal

SAVE = QMessageBox.StandardButton.Save
DISCARD = QMessageBox.StandardButton.Discard
CANCEL = QMessageBox.StandardButton.Cancel


def add_one(window: MainWindow, label: str = "Jobcentre Plus") -> None:
    doc = window.document
    assert doc is not None
    doc.push(AddStakeholder(doc.map, new_stakeholder(label, 10, 10)))


def test_start_page_first(window: MainWindow) -> None:
    assert window.pages.currentWidget() is window.start_page
    assert window.windowTitle() == "sysmap"
    assert not window.action("file.save").isEnabled()


def test_open_shows_map_and_title(window: MainWindow, saved_map: Path) -> None:
    assert window.files.open_path(saved_map)
    assert window.document is not None
    assert window.document.map == load_map(saved_map).map
    assert window.windowTitle() == "Test map — small.graphml[*]"
    assert window.document.native  # a map sysmap saved: Save writes back to it
    assert not window.isWindowModified()
    add_one(window)
    assert window.isWindowModified()
    window.action("edit.undo").trigger()
    assert not window.isWindowModified()


def test_save_writes_in_place_and_clears_modified(window: MainWindow, saved_map: Path) -> None:
    window.files.open_path(saved_map)
    add_one(window)
    window.action("file.save").trigger()
    assert not window.isWindowModified()
    assert load_map(saved_map).map == window.document.map  # type: ignore[union-attr]
    assert saved_map.with_name("small.graphml.bak").exists()


def test_new_map_save_goes_to_save_as(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.action("file.new").trigger()
    add_one(window)
    target = tmp_path / "fresh"
    monkeypatch.setattr(
        dialogs, "ask_save_path", lambda parent, suggested: target.with_suffix(".graphml")
    )
    window.action("file.save").trigger()
    saved = tmp_path / "fresh.graphml"
    assert saved.exists()
    assert window.document.path == saved  # type: ignore[union-attr]
    assert window.windowTitle().startswith("Untitled map — fresh.graphml")
    assert window.settings.recent_files()[0] == saved.resolve()


def test_foreign_file_saves_as_graphml(
    window: MainWindow,
    tmp_path: Path,
    small_map,
    monkeypatch: pytest.MonkeyPatch,  # type: ignore[no-untyped-def]
) -> None:
    from sysmap.io import save_map

    json_path = tmp_path / "from-elsewhere.json"
    save_map(small_map, json_path)
    original = json_path.read_bytes()
    window.files.open_path(json_path)
    asked: list[Path] = []

    def ask(parent: object, suggested: Path) -> Path:
        asked.append(suggested)
        return tmp_path / "converted.graphml"

    monkeypatch.setattr(dialogs, "ask_save_path", ask)
    window.action("file.save").trigger()
    assert asked == [tmp_path / "from-elsewhere.graphml"]
    assert (tmp_path / "converted.graphml").exists()
    assert json_path.read_bytes() == original  # the other tool's file is left alone


@pytest.mark.parametrize(
    ("button", "closes", "saved"),
    [(SAVE, True, True), (DISCARD, True, False), (CANCEL, False, False)],
)
def test_save_changes_prompt_on_close(
    qtbot: QtBot, saved_map: Path, button: QMessageBox.StandardButton, closes: bool, saved: bool
) -> None:
    from sysmap.gui.app import application

    application()
    win = MainWindow()
    qtbot.addWidget(win)
    win.show()
    win.files.open_path(saved_map)
    add_one(win)
    answer(button)
    assert win.close() is closes
    assert (len(load_map(saved_map).map.stakeholder_ids()) == 4) is saved
    if not closes:
        win.document.undo_stack.setClean()  # type: ignore[union-attr]


def test_save_changes_prompt_on_new_and_open(
    window: MainWindow, saved_map: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.files.open_path(saved_map)
    add_one(window)
    answer(CANCEL)
    window.action("file.new").trigger()
    assert window.document.file_name == "small.graphml"  # type: ignore[union-attr]
    opened: list[bool] = []
    monkeypatch.setattr(dialogs, "ask_open_path", lambda p, f: opened.append(True) or saved_map)
    answer(CANCEL)
    window.action("file.open").trigger()
    assert opened == []  # cancelled before the file dialog
    answer(DISCARD)
    window.action("file.new").trigger()
    assert window.document.map.stakeholder_count == 0  # type: ignore[union-attr]


def test_recent_files_menu_and_start_page(
    window: MainWindow, qtbot: QtBot, saved_map: Path, tmp_path: Path
) -> None:
    window.files.open_path(saved_map)
    window.action("file.close").trigger()
    assert window.pages.currentWidget() is window.start_page
    recent = window.start_page.recent_list
    assert recent.count() == 1
    assert recent.item(0).text().splitlines()[0] == "small.graphml"
    recent.itemActivated.emit(recent.item(0))
    qtbot.waitUntil(lambda: window.document is not None)  # read by a worker
    assert window.document.path == saved_map  # type: ignore[union-attr]
    window.files._fill_recent()
    titles = [a.text() for a in window.files.recent_menu.actions()]
    assert titles[0] == "&1 small.graphml"
    window.files.clear_recent()
    assert window.settings.recent_files() == []


def test_missing_recent_file_is_dropped_with_a_message(window: MainWindow, tmp_path: Path) -> None:
    gone = tmp_path / "gone.graphml"
    window.settings.add_recent_file(gone)
    messages: list[str] = []
    when_modal(lambda box: (messages.append(box.text()), box.accept()))  # type: ignore[attr-defined]
    assert not window.files.open_path(gone)
    assert messages
    assert messages[0].startswith(f"Cannot open {gone}")
    assert window.settings.recent_files() == []


def test_broken_file_shows_one_sentence_not_a_traceback(window: MainWindow, tmp_path: Path) -> None:
    broken = tmp_path / "broken.graphml"
    broken.write_text("<graphml><graph><node id='a'>", encoding="utf-8")
    seen: list[tuple[str, str]] = []
    when_modal(lambda box: (seen.append((box.windowTitle(), box.text())), box.accept()))  # type: ignore[attr-defined]
    assert not window.files.open_path(broken)
    title, text = seen[0]
    assert title == "Cannot open the map"
    assert text.startswith(f"Cannot open {broken}")
    assert "Traceback" not in text
    assert window.document is None


def test_drag_and_drop_opens_a_file(window: MainWindow, qtbot: QtBot, saved_map: Path) -> None:
    mime = QMimeData()
    mime.setUrls([QUrl.fromLocalFile(str(saved_map))])
    assert window.files.droppable(mime) == saved_map
    where = window.rect().center()
    enter = QDragEnterEvent(where, Qt.DropAction.CopyAction, mime, LEFT, NO_MODIFIER)
    QApplication.sendEvent(window, enter)
    assert enter.isAccepted()
    drop = QDropEvent(QPointF(where), Qt.DropAction.CopyAction, mime, LEFT, NO_MODIFIER)
    QApplication.sendEvent(window, drop)
    qtbot.waitUntil(lambda: window.document is not None)
    assert window.document.path == saved_map  # type: ignore[union-attr]


def test_settings_keep_window_geometry(qtbot: QtBot) -> None:
    from sysmap.gui.app import application

    application()
    first = MainWindow()
    qtbot.addWidget(first)
    first.resize(640, 470)
    first.show()
    first.viewing.legend.setChecked(False)
    first.close()
    second = MainWindow()
    qtbot.addWidget(second)
    assert second.size().width() == 640
    assert not second.viewing.legend.isChecked()


def test_export_other_format(
    window: MainWindow, saved_map: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    window.files.open_path(saved_map)
    out = tmp_path / "copy.json"
    monkeypatch.setattr(dialogs, "ask_export_path", lambda p, s: (out, "json"))
    window.action("file.export_other").trigger()
    assert load_map(out).map == window.document.map  # type: ignore[union-attr]
    assert window.document.path == saved_map  # type: ignore[union-attr]


@pytest.mark.parametrize("fmt", ["png", "svg", "pdf"])
def test_export_picture_dialog(
    window: MainWindow, saved_map: Path, tmp_path: Path, fmt: str
) -> None:
    from sysmap.gui.export_dialog import ExportPictureDialog

    window.files.open_path(saved_map)
    target = tmp_path / f"picture.{fmt}"

    def fill(dialog: object) -> None:
        assert isinstance(dialog, ExportPictureDialog)
        dialog.format.setCurrentIndex(dialog.format.findData(fmt))
        dialog.path.setText(str(target.with_suffix("")))
        dialog.pixel_width.setValue(800)
        dialog.transparent.setChecked(True)
        dialog.accept()

    when_modal(fill)
    window.action("file.export_picture").trigger()
    assert target.exists()
    head = target.read_bytes()[:8]
    expected = {"png": b"\x89PNG", "svg": b"<?xml", "pdf": b"%PDF"}[fmt]
    assert head.startswith(expected) or (fmt == "svg" and b"<svg" in target.read_bytes()[:400])
    if fmt == "png":
        from PySide6.QtGui import QImage

        image = QImage(str(target))
        assert image.width() == 800
        assert image.hasAlphaChannel()


def test_every_file_opens_off_the_window_thread(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Issue 14, finding 5: files under 2 MB were read on the window's thread, so a slow one
    # froze it. Now any file, however small, is read by a worker.
    import threading

    from sysmap.gui import window_files
    from sysmap.io import save_map
    from sysmap.model.synthetic import synthetic_map

    small = tmp_path / "small.graphml"
    save_map(synthetic_map(60, seed=5), small)
    readers: list[str] = []
    real_open = window_files.open_map

    def spied(text: str) -> object:
        readers.append(threading.current_thread().name)
        return real_open(text)

    monkeypatch.setattr(window_files, "open_map", spied)
    assert window.files.open_path(small, wait=False)
    assert window.files.loading is not None  # reading in a worker; the window stays live
    qtbot.waitUntil(lambda: window.document is not None, timeout=30000)
    assert window.document.map.stakeholder_count == 60  # type: ignore[union-attr]
    qtbot.waitUntil(lambda: window.files.loading is None)
    assert window.files.open_path(small, asked=True)  # waiting for the outcome: the same
    assert readers
    assert threading.main_thread().name not in readers


def test_cancel_an_open(
    window: MainWindow, qtbot: QtBot, saved_map: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert window.files.open_path(saved_map, wait=False)
    task = window.files.loading
    assert task is not None
    window.progress.cancel()
    qtbot.waitUntil(lambda: window.files.loading is None, timeout=10000)
    assert window.document is None


def test_first_map_gives_the_canvas_the_room(qtbot: QtBot, saved_map: Path, tmp_path: Path) -> None:
    from sysmap.gui.settings import Settings

    # A first start: no remembered window layout.
    window = MainWindow(Settings(tmp_path / "fresh.conf"))
    qtbot.addWidget(window)
    window.show()
    qtbot.waitExposed(window)
    window.activateWindow()
    qtbot.waitUntil(window.isActiveWindow)  # for the shortcuts
    assert window.files.open_path(saved_map)
    analysis, inspector = window.analysis.dock, window.inspector_dock
    qtbot.waitUntil(analysis.isVisible)
    # One panel on the right, findings in front, the inspector a tab behind them.
    assert window.dockWidgetArea(analysis) == Qt.DockWidgetArea.RightDockWidgetArea
    assert inspector in window.tabifiedDockWidgets(analysis)
    qtbot.waitUntil(lambda: inspector.visibleRegion().isEmpty())  # a tab behind
    assert not analysis.visibleRegion().isEmpty()
    assert not inspector.isHidden()
    # The tables and charts are a shortcut away, not taking the map's height.
    assert not window.tables_dock.isVisible()
    assert not window.analysis.charts_dock.isVisible()
    # A panel behind a tab is still wanted: the next map shows it again.
    window.show_start_page()
    assert window.files.open_path(saved_map)
    assert not inspector.isHidden()
    window.action("view.dock_TablesDock").trigger()
    assert window.tables_dock.isVisible()
    # The inspector's shortcut brings its tab forward; pressed again, it closes the panel.
    qtbot.waitUntil(lambda: inspector.visibleRegion().isEmpty())
    QTest.keyClick(
        window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    qtbot.waitUntil(lambda: not inspector.visibleRegion().isEmpty())
    assert window.action("view.dock_InspectorDock").isChecked()
    QTest.keyClick(
        window, Qt.Key.Key_I, Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.AltModifier
    )
    assert inspector.isHidden()
    assert not window.action("view.dock_InspectorDock").isChecked()
    window.show_start_page()


@pytest.mark.parametrize("how", ["click", "enter", "double-click"])
def test_one_click_or_enter_opens_a_recent_map_once(
    window: MainWindow, qtbot: QtBot, saved_map: Path, how: str
) -> None:
    window.files.open_path(saved_map)
    window.action("file.close").trigger()
    recent = window.start_page.recent_list
    requests: list[str] = []
    window.start_page.recent_requested.connect(requests.append)
    where = recent.visualItemRect(recent.item(0)).center()
    if how == "click":
        qtbot.mouseClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=where)
    elif how == "enter":
        recent.setCurrentRow(0)
        recent.setFocus()
        qtbot.keyClick(recent, Qt.Key.Key_Return)
    else:  # what a window system sends for a double-click: press, release, press, release
        qtbot.mouseClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=where)
        qtbot.mouseClick(recent.viewport(), Qt.MouseButton.LeftButton, pos=where)
    qtbot.waitUntil(lambda: window.document is not None)  # read by a worker
    assert window.document.path == saved_map  # type: ignore[union-attr]
    assert requests == [str(saved_map)]


def test_every_panel_can_be_closed_from_its_title_bar(window: MainWindow, qtbot: QtBot) -> None:
    # The stylesheet once hid the close button's icon: a float button and no way to close.
    window.setStyleSheet(stylesheet())
    window.files.open_path(Path(__file__).parents[2] / "examples" / "reoffending.graphml")
    docks = window.findChildren(QDockWidget)
    assert len(docks) >= 4
    for dock in docks:
        dock.show()
        assert dock.features() & QDockWidget.DockWidgetFeature.DockWidgetClosable, dock.objectName()
        button = dock.findChild(QAbstractButton, "qt_dockwidget_closebutton")
        assert button is not None, dock.objectName()
        assert not button.icon().isNull(), dock.objectName()
        button.click()
        assert not dock.isVisible(), dock.objectName()
