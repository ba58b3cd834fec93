"""Unexpected errors become a calm dialog, never a traceback, and the work stays open.

:func:`install` makes every uncaught exception — in a slot, an event handler, a plain
function or another thread — land in :func:`report_unexpected`: it is written with its
traceback to the log file (:mod:`sysmap.gui.app_log`), and the user sees one plain sentence,
where the log is, and a *Copy details* button that puts the traceback on the clipboard for a
bug report. Nothing closes: the map stays open, so the user can save it.

The same error repeating (a drawing error hit on every repaint) is shown once, then only
logged for a while, so the user is never trapped in a stream of dialogs.
"""

from __future__ import annotations

import logging
import platform
import sys
import threading
import time
import traceback
from types import TracebackType

from PySide6 import __version__ as pyside_version
from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import (
    QApplication,
    QDialog,
    QDialogButtonBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QStyle,
    QVBoxLayout,
    QWidget,
)

import sysmap
from sysmap.gui.app_log import install_logging, log_path

_log = logging.getLogger("sysmap.unexpected")
WIDTH = 540
QUIET_SECONDS = 30.0
"""How long the same error is only logged after its dialog was shown."""
SENTENCE = (
    "sysmap hit a problem it did not expect and stopped what it was doing. "
    "Your map is still open: save it, under a new name if you want to be safe, and carry on."
)


class UnexpectedErrorDialog(QDialog):
    """One sentence, where the log is, and a button that copies the details."""

    def __init__(self, details: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.details = details
        self.setWindowTitle("Something went wrong")
        self.setObjectName("UnexpectedErrorDialog")
        icon = QLabel()
        size = self.style().pixelMetric(QStyle.PixelMetric.PM_MessageBoxIconSize)
        icon.setPixmap(
            self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxWarning).pixmap(size)
        )
        icon.setAlignment(Qt.AlignmentFlag.AlignTop)
        self.sentence = QLabel(SENTENCE)
        self.sentence.setWordWrap(True)
        self.log_label = QLabel(
            f"The details were written to the log file:<br><code>{log_path()}</code><br>"
            "Please send them with a note of what you were doing."
        )
        self.log_label.setWordWrap(True)
        self.log_label.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.copy_button = QPushButton("Copy details")
        self.copy_button.setToolTip("Put the technical details on the clipboard, for a report")
        self.copy_button.setAutoDefault(False)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.copy_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        self.copy_button.clicked.connect(self.copy_details)
        text = QVBoxLayout()
        text.addWidget(self.sentence)
        text.addWidget(self.log_label)
        row = QHBoxLayout()
        row.addWidget(icon)
        row.addLayout(text, 1)
        layout = QVBoxLayout(self)
        layout.addLayout(row)
        layout.addWidget(buttons)
        self.setMinimumWidth(WIDTH)
        self.resize(WIDTH, max(self.heightForWidth(WIDTH), 0))  # wrapped text, no gap below

    def copy_details(self) -> None:
        """Put the traceback and versions on the clipboard."""
        QApplication.clipboard().setText(self.details)
        self.copy_button.setText("Copied")


class _Reporter(QObject):
    """Carries an error from any thread to the GUI thread."""

    raised = Signal(object, object, object)


_reporter: _Reporter | None = None
_showing = False
_last_shown: dict[str, float] = {}


def install() -> None:
    """Route every uncaught exception to :func:`report_unexpected` (call once, at start)."""
    global _reporter
    install_logging()
    _reporter = _Reporter()
    _reporter.raised.connect(report_unexpected, Qt.ConnectionType.QueuedConnection)
    sys.excepthook = report_unexpected
    threading.excepthook = _from_thread


def _from_thread(args: threading.ExceptHookArgs) -> None:
    if args.exc_value is None or _reporter is None:
        return
    _reporter.raised.emit(args.exc_type, args.exc_value, args.exc_traceback)


def report_unexpected(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """Log an unexpected error with its details and tell the user in a sentence."""
    global _showing
    if isinstance(error, KeyboardInterrupt):
        QApplication.quit()
        return
    details = describe(kind, error, trace)
    _log.error("Unexpected error\n%s", details)
    if QApplication.instance() is None:
        print(SENTENCE, file=sys.stderr)
        return
    signature = _signature(kind, trace)
    if _showing or time.monotonic() - _last_shown.get(signature, -QUIET_SECONDS) < QUIET_SECONDS:
        return  # logged; one dialog at a time, and not the same one over and over
    _showing = True
    try:
        UnexpectedErrorDialog(details, QApplication.activeWindow()).exec()
    finally:
        _showing = False
        _last_shown[signature] = time.monotonic()


def describe(kind: type[BaseException], error: BaseException, trace: TracebackType | None) -> str:
    """The details a developer needs: versions and the traceback."""
    lines = traceback.format_exception(kind, error, trace)
    header = (
        f"sysmap {sysmap.__version__}, Python {platform.python_version()}, "
        f"PySide6 {pyside_version}, {platform.platform()}\n"
    )
    return header + "".join(lines)


def _signature(kind: type[BaseException], trace: TracebackType | None) -> str:
    frames = traceback.extract_tb(trace)[-1:] if trace is not None else []
    where = f"{frames[0].filename}:{frames[0].lineno}" if frames else ""
    return f"{kind.__name__}@{where}"
