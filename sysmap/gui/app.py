"""Starting the desktop app: ``sysmap [MAP]`` and ``sysmap-gui [MAP]``."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path
from types import TracebackType

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

import sysmap
from sysmap.gui import dialogs
from sysmap.gui.main_window import MainWindow
from sysmap.gui.resources import app_icon, stylesheet
from sysmap.gui.settings import APPLICATION, ORGANISATION, testing
from sysmap.io import find_example

_windows: list[MainWindow] = []
_log = logging.getLogger(__name__)


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
    app.setAttribute(Qt.ApplicationAttribute.AA_DontShowIconsInMenus, False)
    return app


def open_window(map_arg: str | None = None) -> MainWindow:
    """Open a new main window, with a map if one is named (a path or an example's name)."""
    window = MainWindow()
    window.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose, True)
    _windows.append(window)
    window.destroyed.connect(lambda _obj=None, w=window: _forget(w))
    window.show()
    if map_arg:
        open_in(window, map_arg)
    return window


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
    return list(_windows)


def _forget(window: MainWindow) -> None:
    if window in _windows:
        _windows.remove(window)


def _report_unexpected(
    kind: type[BaseException], error: BaseException, trace: TracebackType | None
) -> None:
    """Show an unexpected error as a sentence (details go to the log), and keep running."""
    _log.error("Unexpected error", exc_info=(kind, error, trace))
    if isinstance(error, KeyboardInterrupt):
        QApplication.quit()
        return
    parent = QApplication.activeWindow()
    dialogs.show_error(
        parent,
        "Something went wrong",
        f"sysmap hit an unexpected problem ({kind.__name__}: {error}). Your map is still "
        "open; save it under a new name to be safe, and please report what you were doing.",
    )


def run_app(map_arg: str | None = None) -> int:
    """Open the app (with ``map_arg`` if given) and run it until the last window closes."""
    app = application(sys.argv[:1])
    open_window(map_arg)
    if testing():
        return 0  # tests drive the window themselves
    sys.excepthook = _report_unexpected
    return int(app.exec())


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of ``sysmap-gui``."""
    parser = argparse.ArgumentParser(prog="sysmap-gui", description="Open the sysmap app.")
    parser.add_argument("map", nargs="?", help="a map file, or an example's short name")
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    return run_app(args.map)


if __name__ == "__main__":
    raise SystemExit(main())
