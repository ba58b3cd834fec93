"""The app never shows a traceback: unexpected errors become a sentence, a log entry and a
"Copy details" button, and the map stays open and unchanged; failed saves say why.
"""

from __future__ import annotations

import errno
import os
import sys
import threading
from pathlib import Path

import pytest
from PySide6.QtCore import QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QApplication, QLabel, QMessageBox, QWidget
from pytestqt.qtbot import QtBot

from sysmap.gui import errors
from sysmap.gui.app_log import log_path
from sysmap.gui.main_window import MainWindow
from sysmap.io import load_map
from tests.gui.helpers import when_modal
from tests.gui.test_window_files import add_one
from tests.io.hostile_files import replace_in_file, small_file
from tests.io.test_hostile_xml import LAUGHS


@pytest.fixture
def error_handling(monkeypatch: pytest.MonkeyPatch) -> None:
    """The app's own handling of uncaught exceptions, as ``run_app`` installs it."""
    monkeypatch.setattr(sys, "excepthook", sys.excepthook)
    monkeypatch.setattr(threading, "excepthook", threading.excepthook)
    monkeypatch.setattr(errors, "_last_shown", {})
    errors.install()


def dialog_texts(widget: QWidget) -> str:
    """Every label's text in a dialog."""
    return " ".join(label.text() for label in widget.findChildren(QLabel))


def answer_unexpected(seen: list[str], copy: bool = True) -> None:
    """When the error dialog shows: note its text, press Copy details, then Close."""

    def act(widget: QWidget) -> None:
        assert isinstance(widget, errors.UnexpectedErrorDialog), type(widget)
        seen.append(dialog_texts(widget))
        if copy:
            widget.copy_button.click()
            seen.append(widget.copy_button.text())
        widget.reject()

    when_modal(act)


@pytest.mark.qt_no_exception_capture
def test_an_exception_in_a_slot_becomes_a_dialog_and_the_map_stays(
    window: MainWindow, saved_map: Path, qtbot: QtBot, error_handling: None
) -> None:
    window.files.open_path(saved_map)
    add_one(window)
    document, before = window.document, window.document.map.copy()  # type: ignore[union-attr]

    def broken_slot() -> None:
        raise ZeroDivisionError("a bug deep inside sysmap")

    action = QAction("Broken", window)
    action.triggered.connect(broken_slot)
    seen: list[str] = []
    answer_unexpected(seen)
    action.trigger()
    qtbot.waitUntil(lambda: len(seen) == 2)
    assert errors.SENTENCE in seen[0]
    assert str(log_path()) in seen[0]
    assert "Traceback" not in seen[0]
    assert "ZeroDivisionError" not in seen[0]  # the details are for the clipboard and log
    assert seen[1] == "Copied"
    copied = QApplication.clipboard().text()
    assert "Traceback (most recent call last)" in copied
    assert "ZeroDivisionError: a bug deep inside sysmap" in copied
    assert "sysmap 0." in copied
    assert "ZeroDivisionError: a bug deep inside sysmap" in log_path().read_text()
    assert window.document is document
    assert document.map == before  # type: ignore[union-attr]
    assert window.isWindowModified()
    assert window.isVisible()


@pytest.mark.qt_no_exception_capture
def test_the_same_error_again_is_logged_not_shown_again(
    window: MainWindow, qtbot: QtBot, error_handling: None
) -> None:
    def paint_bug() -> None:
        raise ValueError("every repaint")

    seen: list[str] = []
    answer_unexpected(seen, copy=False)
    QTimer.singleShot(0, paint_bug)
    qtbot.waitUntil(lambda: len(seen) == 1)
    for _ in range(3):
        QTimer.singleShot(0, paint_bug)
    qtbot.wait(200)
    assert QApplication.activeModalWidget() is None
    assert len(seen) == 1
    assert log_path().read_text().count("ValueError: every repaint") == 4


@pytest.mark.qt_no_exception_capture
def test_an_error_in_another_thread_is_shown_in_the_window(
    window: MainWindow, qtbot: QtBot, error_handling: None
) -> None:
    def worker() -> None:
        raise RuntimeError("lost in a thread")

    seen: list[str] = []
    answer_unexpected(seen, copy=False)
    thread = threading.Thread(target=worker)
    thread.start()
    thread.join()
    qtbot.waitUntil(lambda: len(seen) == 1)
    assert errors.SENTENCE in seen[0]
    assert "RuntimeError: lost in a thread" in log_path().read_text()


def test_about_says_where_the_log_is(window: MainWindow, qtbot: QtBot) -> None:
    seen: list[str] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.informativeText())
        box.accept()

    when_modal(read)
    window.action("help.about").trigger()
    qtbot.waitUntil(lambda: bool(seen))
    assert str(log_path()) in seen[0]


# ---------------------------------------------------------------------- failed saves
def _refuse(error: OSError):  # type: ignore[no-untyped-def]
    def refuse(*args: object, **kwargs: object) -> None:
        raise error

    return refuse


FAILURES = {
    "read-only folder": ("tempfile.mkstemp", PermissionError(errno.EACCES, "Permission denied")),
    "full disk": ("os.fsync", OSError(errno.ENOSPC, "No space left on device")),
    "file locked": ("os.replace", OSError(errno.EBUSY, "Device or resource busy")),
}
SENTENCES = {
    "read-only folder": "you do not have permission to write there",
    "full disk": "the disk is full",
    "file locked": "the file is locked by another program",
}


@pytest.mark.parametrize("failure", list(FAILURES))
def test_a_failed_save_says_why_and_keeps_the_map_open_and_modified(
    window: MainWindow,
    saved_map: Path,
    qtbot: QtBot,
    monkeypatch: pytest.MonkeyPatch,
    failure: str,
) -> None:
    window.files.open_path(saved_map)
    add_one(window)
    document = window.document
    assert document is not None
    before = saved_map.read_bytes()
    folder_before = sorted(p.name for p in saved_map.parent.iterdir())
    if failure == "read-only folder" and os.geteuid() != 0:
        saved_map.parent.chmod(0o500)  # a real read-only folder (root would write anyway)
    else:
        monkeypatch.setattr(*FAILURES[failure][:1], _refuse(FAILURES[failure][1]))
    seen: list[str] = []

    def read(box: QWidget) -> None:
        assert isinstance(box, QMessageBox)
        seen.append(box.text())
        box.accept()

    when_modal(read)
    try:
        assert window.files.save() is False
    finally:
        saved_map.parent.chmod(0o700)
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0].startswith(f"Cannot save {saved_map}: {SENTENCES[failure]}")
    assert "nothing was written and the file on disk is unchanged" in seen[0]
    assert "Traceback" not in seen[0]
    assert saved_map.read_bytes() == before
    assert sorted(p.name for p in saved_map.parent.iterdir()) == folder_before
    assert window.document is document
    assert not document.undo_stack.isClean()
    assert window.isWindowModified()
    assert len(load_map(saved_map).map.stakeholder_ids()) == 3


def test_save_as_into_a_folder_nobody_may_write_keeps_the_map_where_it_was(
    window: MainWindow, saved_map: Path, qtbot: QtBot, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sysmap.gui import dialogs

    window.files.open_path(saved_map)
    add_one(window)
    forbidden = Path("/sys/kernel/sysmap-test.graphml")  # read-only even for root
    monkeypatch.setattr(dialogs, "ask_save_path", lambda parent, suggested: forbidden)
    seen: list[str] = []
    when_modal(lambda box: (seen.append(box.text()), box.accept()))  # type: ignore[attr-defined]
    window.action("file.save_as").trigger()
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0].startswith(f"Cannot save {forbidden}: ")
    assert not forbidden.exists()
    assert window.document is not None
    assert window.document.path == saved_map  # still attached to its own file
    assert window.isWindowModified()


# ---------------------------------------------------------------------- hostile files
@pytest.mark.parametrize(
    ("fmt", "prolog", "label", "phrase"),
    [
        ("graphml", LAUGHS, b"&lol9;", "declares XML entities"),
        ("gexf", LAUGHS, b"&lol9;", "declares XML entities"),
        ("kumu-xlsx", LAUGHS, b"&lol9;", "declares XML entities"),
        ("yed", b"", b"<x>" * 500 + b"</x>" * 500, "nested more than"),
    ],
)
def test_a_hostile_file_gets_a_dialog_and_the_open_map_stays(
    window: MainWindow,
    saved_map: Path,
    tmp_path: Path,
    qtbot: QtBot,
    fmt: str,
    prolog: bytes,
    label: bytes,
    phrase: str,
) -> None:
    window.files.open_path(saved_map)
    document, before = window.document, window.document.map.copy()  # type: ignore[union-attr]
    folder = tmp_path / "received"
    folder.mkdir()
    hostile = small_file(fmt, folder)
    replace_in_file(hostile, b"Probation Service", label, prolog)
    received = hostile.read_bytes()
    seen: list[str] = []
    when_modal(lambda box: (seen.append(box.text()), box.accept()))  # type: ignore[attr-defined]
    assert window.files.open_path(hostile) is False
    qtbot.waitUntil(lambda: bool(seen))
    assert seen[0].startswith(f"Cannot open {hostile}")
    assert phrase in seen[0]
    assert window.document is document
    assert document.map == before  # type: ignore[union-attr]
    assert hostile.read_bytes() == received
