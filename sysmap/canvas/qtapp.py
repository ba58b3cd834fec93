"""A Qt application for drawing, created on demand — with no display when there is none."""

from __future__ import annotations

import os
import sys

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QApplication


def ensure_qt_application() -> QApplication:
    """Return the running ``QApplication``, creating one if needed.

    Drawing a map (``sysmap export``) needs Qt but no window. On Linux and other X11/Wayland
    systems a new application uses Qt's ``offscreen`` platform unless ``QT_QPA_PLATFORM``
    says otherwise, so export works over SSH, in CI and on servers with no display.

    Raises
    ------
    RuntimeError
        If a non-widget Qt application (``QCoreApplication``/``QGuiApplication``) is
        already running, which cannot draw graphics scenes.
    """
    existing = QCoreApplication.instance()
    if existing is not None:
        if not isinstance(existing, QApplication):
            raise RuntimeError("sysmap needs a QApplication to draw maps; another kind is running.")
        return existing
    if sys.platform not in ("win32", "darwin") and not os.environ.get("QT_QPA_PLATFORM"):
        os.environ["QT_QPA_PLATFORM"] = "offscreen"
    return QApplication([sys.argv[0] if sys.argv else "sysmap"])
