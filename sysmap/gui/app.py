"""Starting the desktop app: ``sysmap [MAP]`` and ``sysmap-gui [MAP]``."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path

from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtWidgets import QApplication

import sysmap
from sysmap.gui import errors
from sysmap.gui.app_log import install_logging
from sysmap.gui.main_window import MainWindow
from sysmap.gui.recovery import close_session, tidy_recent_folders
from sysmap.gui.recovery_dialog import offer_recovery
from sysmap.gui.resources import app_icon, readable_highlight, stylesheet
from sysmap.gui.settings import APPLICATION, ORGANISATION, testing
from sysmap.gui.window_base import set_opener, track
from sysmap.gui.window_base import windows as open_windows
from sysmap.io import find_example


def application(argv: Sequence[str] | None = None) -> QApplication:
    """The running QApplication, made and dressed the first time (name, icon, stylesheet)."""
    existing = QApplication.instance()
    app = existing if isinstance(existing, QApplication) else QApplication(list(argv or ["sysmap"]))
    app.setOrganizationName(ORGANISATION)
    app.setApplicationName(APPLICATION)
    app.setApplicationDisplayName("sysmap")
    app.setApplicationVersion(sysmap.__version__)
    app.setDesktopFileName("sysmap")
    app.setWindowIcon(app_icon())
    app.setStyleSheet(stylesheet())
    app.setPalette(readable_highlight(app.palette()))
    app.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus, False)
    return app


def open_window(map_arg: str | None = None) -> MainWindow:
    """Open a new main window, with a map if one is named (a path or an example's name)."""
    window = MainWindow()
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    track(window)
    if opens_maximised(window):
        # Where no window manager maximises, filling the screen's free area is the same thing.
        window.setGeometry(window.screen().availableGeometry())
        window.showMaximized()
    else:
        window.show()
    if map_arg:
        open_in(window, map_arg)
    return window


LAPTOP_SCREEN = QSize(1600, 1000)
"""A screen's free area below which a first window opens maximised."""


def opens_maximised(window: MainWindow) -> bool:
    """Whether a window with no remembered size opens maximised: on a laptop's screen.

    At nine tenths of a 1366×768 screen the map's canvas loses 140 px of width, and three
    stakeholders of an example go unnamed at the opening fit; maximised, all are named.
    A size the user left the window at is kept as it was.
    """
    saved, _ = window.settings.window_state()
    free = window.screen().availableGeometry().size()
    small = free.width() < LAPTOP_SCREEN.width() or free.height() < LAPTOP_SCREEN.height()
    return saved is None and small


def open_in(window: MainWindow, map_arg: str) -> bool:
    """Open what the user named: a file, or an example (as an untitled copy)."""
    path = Path(map_arg).expanduser()
    example = find_example(map_arg)
    if not path.exists() and example is not None:
        window.files.open_example(example.name)
        return window.document is not None
    return window.files.open_path(path)


def windows() -> list[MainWindow]:
    """The open main windows."""
    return [w for w in open_windows() if isinstance(w, MainWindow)]


set_opener(open_window)  # how a controller opens another window (sysmap.gui.window_base)


def run_app(map_arg: str | None = None) -> int:
    """Open the app (with ``map_arg`` if given) and run it until the last window closes.

    Problems are logged to the per-user log file; maps a crashed run left unsaved are
    offered back as soon as the window shows.
    """
    app = application(sys.argv[:1])
    install_logging()
    window = open_window(map_arg)
    QTimer.singleShot(0, window, lambda: offer_recovery(window))
    tidy_recent_folders(window.settings.recent_files())
    if testing():
        return 0  # tests drive the window themselves
    errors.install()
    app.aboutToQuit.connect(close_session)
    return int(app.exec())


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``sysmap-gui``."""
    parser = argparse.ArgumentParser(prog="sysmap-gui", description="Open the sysmap app.")
    parser.add_argument("map", nargs="?", help="a map file, or an example's short name")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    return run_app(args.map)


if __name__ == "__main__":
    raise SystemExit(main())
