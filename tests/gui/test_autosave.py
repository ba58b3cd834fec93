"""Autosave and recovery in the real window: copies kept away from the map, removed when the
map is saved, undone, discarded or closed; after a crash, Restore / Discard / Later.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from sysmap.gui import dialogs
from sysmap.gui.main_window import MainWindow
from sysmap.gui.preferences import PreferencesDialog
from sysmap.gui.recovery import (
    RecoverySession,
    current_session,
    manifest,
    orphaned_entries,
    recovery_root,
)
from sysmap.gui.recovery_dialog import RecoveryDialog, offer_recovery
from sysmap.io import load_map, write_graphml
from sysmap.io.file_state import FileState
from sysmap.model import SystemMap
from tests.gui.conftest import small_system
from tests.gui.helpers import answer, when_modal
from tests.gui.test_window_files import add_one


def copies() -> list[Path]:
    """Every recovery copy of a map on disk."""
    return sorted(recovery_root().rglob("*.graphml")) if recovery_root().is_dir() else []


def copy_now(window: MainWindow, qtbot: QtBot) -> Path:
    """Write the window's recovery copy now and return it."""
    with qtbot.waitSignal(window.autosave.written, timeout=10_000):
        assert window.autosave.save_now()
    assert window.autosave.key is not None
    return current_session().folder / f"{window.autosave.key}.graphml"


def test_unsaved_changes_are_copied_away_from_the_map_and_removed_on_save(
    window: MainWindow, saved_map: Path, qtbot: QtBot
) -> None:
    window.files.open_path(saved_map)
    assert not window.autosave.save_now()  # nothing to keep: the map is as on disk
    add_one(window)
    copy = copy_now(window, qtbot)
    assert copies() == [copy]
    assert recovery_root() in copy.parents
    assert sorted(p.name for p in saved_map.parent.iterdir()) == ["small.graphml"]
    assert copy.parent.stat().st_mode & 0o777 == 0o700  # maps are sensitive
    assert load_map(copy).map == window.document.map  # type: ignore[union-attr]
    about = json.loads(copy.with_suffix(".json").read_text())
    assert about["title"] == "Test map"
    assert about["original_path"] == str(saved_map)
    assert about["native"] is True
    assert about["stakeholders"] == 4
    assert not window.autosave.save_now()  # nothing changed since the last copy
    window.action("file.save").trigger()
    assert copies() == []


def test_the_timer_keeps_a_copy_of_each_window_on_its_own(
    window: MainWindow, saved_map: Path, qtbot: QtBot, tmp_path: Path
) -> None:
    window.settings.set_value("autosave_seconds", 1)
    window.autosave.apply_settings()
    window.files.open_path(saved_map)
    other = MainWindow()
    qtbot.addWidget(other)
    other.files.new_map()
    add_one(other, "Citizens Advice")
    add_one(window)
    with qtbot.waitSignals([window.autosave.written, other.autosave.written], timeout=5000):
        pass
    assert len(copies()) == 2
    titles = sorted(json.loads(p.with_suffix(".json").read_text())["title"] for p in copies())
    assert titles == ["Test map", "Untitled map"]
    other.show_start_page()  # the other map closed unsaved (as after Discard): its copy goes
    assert len(copies()) == 1
    other.close()


def test_undo_back_to_the_saved_map_removes_the_copy(
    window: MainWindow, saved_map: Path, qtbot: QtBot
) -> None:
    window.files.open_path(saved_map)
    add_one(window)
    copy_now(window, qtbot)
    window.action("edit.undo").trigger()
    assert copies() == []
    window.action("edit.redo").trigger()
    copy_now(window, qtbot)
    assert len(copies()) == 1


def test_discarding_or_closing_removes_the_copy(
    window: MainWindow, saved_map: Path, qtbot: QtBot
) -> None:
    window.files.open_path(saved_map)
    add_one(window)
    copy_now(window, qtbot)
    answer(QMessageBox.StandardButton.Discard)
    window.action("file.close").trigger()
    assert copies() == []
    window.files.open_path(saved_map)
    add_one(window)
    copy_now(window, qtbot)
    answer(QMessageBox.StandardButton.Discard)
    assert window.close()
    assert copies() == []


def leave_orphan(system_map: SystemMap, original: Path | None, native: bool = True) -> Path:
    """A recovery copy as a killed run leaves it: in a session folder nobody holds.

    The record notes what the original file held (as the app's autosave does).
    """
    session = RecoverySession()
    key = session.new_key()
    state = FileState.of(original) if original is not None else None
    about = manifest(system_map, original, native, "", state)
    session.write(key, write_graphml(system_map), about)
    session._lock.unlock()  # the run is gone
    return session.folder / f"{key}.graphml"


def choose(button: str, seen: list[list[str]]) -> None:
    """Answer the recovery dialog with one of its buttons, noting the rows it listed."""

    def act(widget: QWidget) -> None:
        assert isinstance(widget, RecoveryDialog), type(widget)
        seen.append([" | ".join(item.text(c) for c in range(4)) for item in widget.items])
        getattr(widget, f"{button}_button").click()

    when_modal(act)


def test_restore_opens_the_map_modified_with_its_file_remembered(
    window: MainWindow, saved_map: Path, qtbot: QtBot
) -> None:
    edited = load_map(saved_map).map
    edited.set_properties(title="Edited before the crash")
    orphan = leave_orphan(edited, saved_map)
    seen: list[list[str]] = []
    choose("restore", seen)
    assert offer_recovery(window) == 1
    ((row,),) = seen
    title, copied, file, holds = row.split(" | ")
    assert title == "Edited before the crash"
    assert copied.startswith("today at ")
    assert file == "small.graphml"
    assert holds == "3 stakeholders, 2 relationships"
    document = window.document
    assert document is not None
    assert document.map == edited
    assert document.path == saved_map
    assert document.native
    assert document.modified
    assert window.isWindowModified()
    assert not orphan.exists()  # the copy now belongs to this run
    assert copies() == [current_session().folder / orphan.name]
    window.action("file.save").trigger()  # Save writes to the original file
    assert load_map(saved_map).map == edited
    assert copies() == []


def test_restore_a_never_saved_map_and_one_from_another_tool(
    window: MainWindow, tmp_path: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    leave_orphan(small_system(), None)
    foreign = tmp_path / "from-kumu.json"
    leave_orphan(SystemMap("From Kumu"), foreign, native=False)
    seen: list[list[str]] = []
    choose("restore", seen)
    assert offer_recovery(window) == 2
    assert len(seen[0]) == 2
    from sysmap.gui.app import windows

    restored = [w for w in [window, *windows()] if w.document is not None]
    by_title = {w.document.map.title: w for w in restored}  # type: ignore[union-attr]
    untitled = by_title["Test map"].document
    assert untitled is not None
    assert untitled.path is None
    assert untitled.modified
    kumu = by_title["From Kumu"]
    assert kumu.document is not None
    assert kumu.document.path == foreign
    assert not kumu.document.native  # Save asks where, as for any file from another tool
    asked: list[Path] = []
    monkeypatch.setattr(dialogs, "ask_save_path", lambda p, s: asked.append(s))
    kumu.action("file.save").trigger()
    assert asked == [tmp_path / "from-kumu.graphml"]
    for each in restored:
        if each is not window:
            each.document.undo_stack.setClean()  # type: ignore[union-attr]
            each.close()


def test_later_keeps_the_copies_and_discard_deletes_them(
    window: MainWindow, saved_map: Path, qtbot: QtBot
) -> None:
    orphan = leave_orphan(small_system(), saved_map)
    seen: list[list[str]] = []
    choose("later", seen)
    assert offer_recovery(window) == 0
    assert orphan.exists()
    assert window.document is None
    choose("discard", seen)
    assert offer_recovery(window) == 0
    assert len(seen) == 2
    assert not orphan.exists()
    assert not orphan.parent.exists()
    assert orphaned_entries() == []
    assert offer_recovery(window) == 0  # nothing left to ask about


def test_unticked_copies_are_kept_for_next_time(window: MainWindow, saved_map: Path) -> None:
    leave_orphan(small_system(), saved_map)

    def untick_and_restore(widget: QWidget) -> None:
        assert isinstance(widget, RecoveryDialog)
        widget.items[0].setCheckState(0, Qt.CheckState.Unchecked)
        widget.restore_button.click()

    when_modal(untick_and_restore)
    assert offer_recovery(window) == 0
    assert len(orphaned_entries()) == 1


def test_a_copy_held_by_a_running_app_is_not_offered(window: MainWindow, saved_map: Path) -> None:
    session = RecoverySession()  # another run of sysmap, still open
    session.write("k", write_graphml(small_system()), manifest(small_system(), None, True, ""))
    assert orphaned_entries() == []
    session.close()


def test_preferences_set_the_interval_for_every_window(window: MainWindow, qtbot: QtBot) -> None:
    dialog = PreferencesDialog(window)
    assert dialog.autosave.isChecked()
    assert dialog.minutes.value() == 1
    assert str(recovery_root()) in " ".join(label.text() for label in dialog.findChildren(QLabel))
    dialog.minutes.setValue(5)
    dialog.accept()
    assert window.settings.value("autosave_seconds", 60) == 300
    assert window.autosave.timer.interval() == 300_000
    dialog = PreferencesDialog(window)
    dialog.autosave.setChecked(False)
    assert not dialog.minutes.isEnabled()
    dialog.accept()
    assert not window.autosave.timer.isActive()


def test_a_clean_exit_leaves_no_recovery_folder(
    window: MainWindow, saved_map: Path, qtbot: QtBot
) -> None:
    from sysmap.gui.recovery import close_session

    window.files.open_path(saved_map)
    add_one(window)
    folder = copy_now(window, qtbot).parent
    window.action("file.save").trigger()
    assert folder.is_dir()  # still this run's, and locked
    close_session()  # what quitting the app does
    assert not folder.exists()
    assert orphaned_entries() == []
