"""The app's log file: what went wrong, with details, in the per-user state folder.

Unexpected errors and Qt's own warnings go to a small rotating log (at most four files of
a megabyte each), so a user can send it with a report; Help ▸ About and every error dialog
say where it is. Nothing is logged about the maps themselves beyond file names.
"""

from __future__ import annotations

import logging
import logging.handlers
from pathlib import Path

from PySide6.QtCore import QMessageLogContext, QStandardPaths, QtMsgType, qInstallMessageHandler

from sysmap.gui.settings import ORGANISATION, testing

LOG_NAME = "sysmap.log"
MAX_BYTES = 1_000_000
BACKUPS = 3
_QT_LEVELS = {
    QtMsgType.QtDebugMsg: logging.DEBUG,
    QtMsgType.QtInfoMsg: logging.INFO,
    QtMsgType.QtWarningMsg: logging.WARNING,
    QtMsgType.QtCriticalMsg: logging.ERROR,
    QtMsgType.QtFatalMsg: logging.CRITICAL,
}
_handler: logging.Handler | None = None


def log_dir() -> Path:
    """The per-user folder for the log (``~/.local/state/sysmap`` on Linux)."""
    QStandardPaths.setTestModeEnabled(testing())
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericStateLocation)
    return Path(folder) / ORGANISATION


def log_path() -> Path:
    """The current log file."""
    return log_dir() / LOG_NAME


def install_logging() -> Path:
    """Send sysmap's log records and Qt's warnings to the rotating log file; return its path.

    Safe to call more than once: a second call moves the log if the folder changed (tests
    give every test its own home folder) and otherwise does nothing.
    """
    global _handler
    path = log_path()
    root = logging.getLogger()
    if isinstance(_handler, logging.FileHandler) and Path(_handler.baseFilename) == path:
        return path
    if _handler is not None:
        root.removeHandler(_handler)
        _handler.close()
    path.parent.mkdir(parents=True, exist_ok=True)
    _handler = logging.handlers.RotatingFileHandler(
        path, maxBytes=MAX_BYTES, backupCount=BACKUPS, encoding="utf-8", delay=True
    )
    _handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    _handler.setLevel(logging.INFO)
    root.addHandler(_handler)  # the root logger's level (warnings and worse) is left alone
    qInstallMessageHandler(_qt_message)
    return path


_qt_log = logging.getLogger("qt")


def _qt_message(kind: QtMsgType, context: QMessageLogContext, message: str) -> None:
    """Qt's own messages: to the log rather than the terminal nobody sees."""
    _qt_log.log(_QT_LEVELS.get(kind, logging.WARNING), "%s", message)
