"""Issue 14's findings about the app's own windows, each with its own hostile file.

1. A bad vocabulary colour crashed the app (a segmentation fault) when the map was drawn.
3. HTML in a relationship status was shown as rich text in the "Opened with notes" box, with a
   link that opened a browser on the attacker's address.
4. Restoring after a crash, from another working folder, saved over a different map.
6. Two windows on one file: the second save silently overwrote the first.
7. (the start) Temporary files a killed save left beside a map were never removed.

The other findings (files read by the command line) are in ``tests/io/test_stranger_files.py``.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest
from PySide6.QtCore import QObject, QPoint, Qt, QUrl, Slot
from PySide6.QtGui import QDesktopServices
from PySide6.QtTest import QTest
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from sysmap.gui import dialogs
from sysmap.gui.main_window import MainWindow
from sysmap.gui.recovery import RecoverySession, manifest, tidy_recent_folders
from sysmap.gui.recovery_dialog import offer_recovery
from sysmap.io import load_map, save_map, write_graphml
from sysmap.model import Relationship, Stakeholder, SystemMap
from tests.gui.helpers import button_with_text, when_modal
from tests.gui.test_window_files import add_one

LINK = "http://127.0.0.1:9/repair"
HTML = (
    '<h1 style="color:red">This map is damaged</h1><img src="file:///etc/hostname">'
    f'<a href="{LINK}">Click here to repair it</a>'
)


class _Browser(QObject):
    """Stands in for the web browser: records every address the app asks it to open."""

    def __init__(self) -> None:
        super().__init__()
        self.opened: list[str] = []

    @Slot(QUrl)
    def open(self, url: QUrl) -> None:
        self.opened.append(url.toString())


@pytest.fixture
def browser() -> object:
    handler = _Browser()
    for scheme in ("http", "https", "file"):
        QDesktopServices.setUrlHandler(scheme, handler, "open")
    yield handler
    for scheme in ("http", "https", "file"):
        QDesktopServices.unsetUrlHandler(scheme)


def _html_status_map(folder: Path) -> Path:
    m = SystemMap("Status")
    a = m.add_stakeholder(Stakeholder("Council"))
    b = m.add_stakeholder(Stakeholder(f"Clinic {HTML}", x=120.0))
    m.add_relationship(Relationship(a.id, b.id, "refers", status=HTML))
    path = folder / "status.graphml"
    save_map(m, path)
    return path


def _click_everywhere(label: QLabel) -> None:
    """Click a label across its whole surface, where a link could be."""
    for x in range(2, max(label.width(), 3), 12):
        for y in range(2, max(label.height(), 3), 6):
            QTest.mouseClick(label, Qt.MouseButton.LeftButton, Qt.KeyboardModifier.NoModifier,
                             QPoint(x, y))  # fmt: skip


def test_html_from_a_file_is_shown_as_text_and_opens_nothing(
    window: MainWindow, tmp_path: Path, browser: _Browser
) -> None:
    seen: list[str] = []

    def read_notes(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        assert box.windowTitle() == "Opened with notes"
        for label in box.findChildren(QLabel):
            if label.text():
                assert label.textFormat() == Qt.TextFormat.PlainText, label.text()[:80]
                assert not label.openExternalLinks()
                _click_everywhere(label)
                seen.append(label.text())
        box.accept()

    when_modal(read_notes)
    assert window.files.open_path(_html_status_map(tmp_path))
    assert any(f'<a href="{LINK}">Click here to repair it</a>' in text for text in seen), seen
    assert browser.opened == []
    # The inspector names the stakeholder as written.
    assert window.document is not None
    clinic = [s.id for s in window.document.map.stakeholders() if s.label.startswith("Clinic")]
    window.scene.select(clinic, [])
    named = [w for w in window.inspector.findChildren(QLabel) if "map is damaged" in w.text()]
    assert named
    assert all(w.textFormat() == Qt.TextFormat.PlainText for w in named)


def test_a_bad_colour_in_a_map_is_drawn_without_crashing(
    window: MainWindow, tmp_path: Path
) -> None:
    # A sector colour "red" crashed the app with a segmentation fault when it drew the map.
    text = json.dumps(
        {
            "directed": True,
            "multigraph": True,
            "graph": {"sectors": [{"key": "third_sector", "label": "Third", "colour": "red"}]},
            "nodes": [{"id": "a", "label": "Shelter", "sector": "third_sector"}],
            "links": [],
        }
    )
    path = tmp_path / "red.json"
    path.write_text(text, encoding="utf-8")
    when_modal(lambda box: box.accept())  # the note that the colour was dropped
    assert window.files.open_path(path)
    assert window.document is not None
    window.view.viewport().grab()  # painted, legend and all
    assert window.document.map.sectors.get("third_sector").colour is None  # type: ignore[union-attr]


# ------------------------------------------------------------------ finding 4: restore
def _orphan(system_map: SystemMap, about: dict[str, object]) -> None:
    session = RecoverySession()
    key = session.new_key()
    session.write(key, write_graphml(system_map), about)
    session._lock.unlock()  # the run that wrote it was killed


def _restore(window: MainWindow) -> None:
    when_modal(lambda dialog: button_with_text(dialog, "Restore").click())  # type: ignore[arg-type]
    assert offer_recovery(window) == 1


def test_a_copy_recorded_with_a_relative_path_never_saves_over_another_map(
    window: MainWindow, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # The record kept the path as typed (save/gui.graphml); restored from another working
    # folder, Ctrl+S overwrote a different map there and said "Saved".
    other = tmp_path / "elsewhere" / "save" / "gui.graphml"
    other.parent.mkdir(parents=True)
    save_map(SystemMap("Someone else's map"), other)
    before = other.read_bytes()
    edited = SystemMap("My unsaved changes")
    about = manifest(edited, None, True, "GRAPHML")
    about["original_path"] = "save/gui.graphml"  # as older versions wrote it
    _orphan(edited, about)
    monkeypatch.chdir(other.parent.parent)
    asked: list[Path] = []
    chosen = tmp_path / "kept.graphml"
    monkeypatch.setattr(
        dialogs, "ask_save_path", lambda parent, suggested: asked.append(suggested) or chosen
    )
    _restore(window)
    assert "Save will ask where to keep it" in window.statusBar().currentMessage()
    window.action("file.save").trigger()
    assert asked  # Save asked where, rather than guess
    assert other.read_bytes() == before
    assert load_map(chosen).map.title == "My unsaved changes"


def test_a_restored_map_whose_file_changed_asks_before_saving(
    window: MainWindow, saved_map: Path
) -> None:
    edited = load_map(saved_map).map
    edited.set_properties(title="Edited before the crash")
    state_then = saved_map.read_bytes()
    from sysmap.io.file_state import FileState

    about = manifest(edited, saved_map, True, "GRAPHML", FileState.of(saved_map))
    assert about["original_path"] == str(saved_map.resolve())  # absolute, resolved
    _orphan(edited, about)
    save_map(SystemMap("Changed by a colleague"), saved_map)  # after the crash
    theirs = saved_map.read_bytes()
    assert theirs != state_then
    _restore(window)
    assert "has changed since: Save will ask" in window.statusBar().currentMessage()
    asked: list[str] = []

    def cancel(box: QWidget) -> None:
        asked.append(box.windowTitle())
        button_with_text(box, "Cancel").click()  # type: ignore[arg-type]

    when_modal(cancel)
    window.action("file.save").trigger()
    assert asked == ["The file has changed"]
    assert saved_map.read_bytes() == theirs


def test_a_restored_map_whose_file_is_gone_asks_where_to_save(
    window: MainWindow, saved_map: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sysmap.io.file_state import FileState

    edited = load_map(saved_map).map
    _orphan(edited, manifest(edited, saved_map, True, "GRAPHML", FileState.of(saved_map)))
    saved_map.unlink()
    suggested: list[Path] = []
    monkeypatch.setattr(
        dialogs, "ask_save_path", lambda parent, where: suggested.append(where) or None
    )
    _restore(window)
    window.action("file.save").trigger()
    assert suggested == [saved_map]  # proposed where it was; nothing written unasked
    assert not saved_map.exists()


# ------------------------------------------------------------------ finding 6: two writers
@pytest.fixture
def second(qtbot: QtBot) -> MainWindow:
    """Another real window, as File ▸ New window opens one."""
    other = MainWindow()
    qtbot.addWidget(other)
    other.show()
    qtbot.waitExposed(other)
    yield other
    other.show_start_page()
    other.close()


def _two_edits(window: MainWindow, second: MainWindow, saved_map: Path) -> tuple[str, str]:
    assert window.files.open_path(saved_map)
    assert second.files.open_path(saved_map)
    add_one(window, "Jobcentre Plus")  # A's edit
    window.action("file.save").trigger()
    assert not window.isWindowModified()
    add_one(second, "Citizens Advice")  # B's edit, on the map as B read it
    return "jobcentre-plus", "citizens-advice"


def _answer(button: str, seen: list[str]) -> None:
    def act(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        button_with_text(box, button).click()

    when_modal(act)


def test_two_windows_on_one_file_never_lose_an_edit_silently(
    window: MainWindow, second: MainWindow, saved_map: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A saves, then B saves: A's edit was gone without a word (only in .bak).
    a_edit, b_edit = _two_edits(window, second, saved_map)
    seen: list[str] = []
    _answer("Cancel", seen)
    second.action("file.save").trigger()
    assert len(seen) == 1
    assert seen[0].startswith("“small.graphml” was changed by another window or program")
    assert load_map(saved_map).map.has_stakeholder(a_edit)  # nothing written
    assert second.isWindowModified()
    # Save As keeps both.
    copy = saved_map.with_name("mine.graphml")
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggested: copy)
    _answer("Save as…", seen)
    second.action("file.save").trigger()
    assert load_map(saved_map).map.has_stakeholder(a_edit)
    assert not load_map(saved_map).map.has_stakeholder(b_edit)
    assert load_map(copy).map.has_stakeholder(b_edit)
    assert second.document.path == copy.resolve()  # type: ignore[union-attr]


def test_overwrite_writes_this_window_over_the_other(
    window: MainWindow, second: MainWindow, saved_map: Path
) -> None:
    a_edit, b_edit = _two_edits(window, second, saved_map)
    _answer("Overwrite", [])
    second.action("file.save").trigger()
    on_disk = load_map(saved_map).map
    assert on_disk.has_stakeholder(b_edit)
    assert not on_disk.has_stakeholder(a_edit)
    assert not second.isWindowModified()
    add_one(second, "Food bank")  # from now on this window wrote it last: no question
    second.action("file.save").trigger()
    assert load_map(saved_map).map.has_stakeholder("food-bank")


def test_reload_shows_the_other_windows_version(
    window: MainWindow, second: MainWindow, saved_map: Path
) -> None:
    a_edit, b_edit = _two_edits(window, second, saved_map)
    _answer("Reload", [])
    second.action("file.save").trigger()
    assert second.document is not None
    assert second.document.map.has_stakeholder(a_edit)
    assert not second.document.map.has_stakeholder(b_edit)
    assert not second.isWindowModified()
    # Only the time touched (a sync tool): no question, the save goes ahead.
    add_one(second, "Food bank")
    os.utime(saved_map, (1_000_000_000, 1_000_000_000))
    second.action("file.save").trigger()
    assert load_map(saved_map).map.has_stakeholder("food-bank")


# ------------------------------------------------------------------ finding 7: at start
def test_the_start_tidies_what_killed_saves_left_beside_recent_maps(
    window: MainWindow, saved_map: Path
) -> None:
    stale = saved_map.with_name(f".{saved_map.name}.k1ll3d99.saving")
    stale.write_bytes(b"half a map" * 1000)
    window.settings.add_recent_file(saved_map)
    tidy_recent_folders(window.settings.recent_files()).join(10)
    assert not stale.exists()
    assert saved_map.exists()
    QApplication.processEvents()
