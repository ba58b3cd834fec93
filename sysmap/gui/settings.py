"""What the app remembers between runs: recent files, last folder, window layout, view options.

Settings live in an INI file in the platform's per-user config folder. When ``SYSMAP_TESTING``
is set (the test suite sets it), Qt's test mode sends them to a throwaway ``~/.qttest`` folder,
and tests point ``HOME`` at a temporary directory, so a test never touches a user's settings.
"""

from __future__ import annotations

import os
from pathlib import Path

from PySide6.QtCore import QByteArray, QSettings, QStandardPaths

MAX_RECENT = 10
ORGANISATION = "sysmap"
APPLICATION = "sysmap"


def testing() -> bool:
    """Whether the app runs under the test suite."""
    return bool(os.environ.get("SYSMAP_TESTING"))


def settings_path() -> Path:
    """The settings file, in the per-user config folder (or the test-mode one)."""
    QStandardPaths.setTestModeEnabled(testing())
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericConfigLocation)
    return Path(folder) / ORGANISATION / f"{APPLICATION}.ini"


def cache_dir() -> Path:
    """A per-user folder for things sysmap can always make again (thumbnails)."""
    QStandardPaths.setTestModeEnabled(testing())
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericCacheLocation)
    return Path(folder) / ORGANISATION


class Settings:
    """Typed access to the app's settings."""

    def __init__(self, path: Path | None = None) -> None:
        self.path = path or settings_path()
        self.qsettings = QSettings(str(self.path), QSettings.Format.IniFormat)

    # -------------------------------------------------------------- recent files
    def recent_files(self) -> list[Path]:
        """Recently opened or saved maps, newest first (missing ones included)."""
        value = self.qsettings.value("files/recent", [])
        if isinstance(value, str):  # QSettings returns a lone string for one item
            value = [value]
        if not isinstance(value, list):
            return []
        return [Path(v) for v in value if isinstance(v, str) and v]

    def add_recent_file(self, path: Path) -> None:
        """Put ``path`` at the top of the recent list."""
        path = Path(path).resolve()
        files = [path] + [p for p in self.recent_files() if p != path]
        self._set_recent(files[:MAX_RECENT])
        self.set_last_folder(path.parent)

    def remove_recent_file(self, path: Path) -> None:
        """Forget one recent file (it was moved or deleted)."""
        self._set_recent([p for p in self.recent_files() if p != Path(path)])

    def clear_recent_files(self) -> None:
        """Forget every recent file."""
        self._set_recent([])

    def _set_recent(self, files: list[Path]) -> None:
        self.qsettings.setValue("files/recent", [str(p) for p in files])
        self.qsettings.sync()

    # -------------------------------------------------------------- folders
    def last_folder(self) -> Path:
        """Where Open and Save As start: the last folder used, else the home folder."""
        value = self.qsettings.value("files/last_folder", "")
        folder = Path(str(value)) if value else Path.home()
        return folder if folder.is_dir() else Path.home()

    def set_last_folder(self, folder: Path) -> None:
        """Remember the folder a file was opened from or saved to."""
        self.qsettings.setValue("files/last_folder", str(folder))

    # -------------------------------------------------------------- window
    def window_state(self) -> tuple[QByteArray | None, QByteArray | None]:
        """The main window's saved geometry and dock layout, if any."""
        geometry = self.qsettings.value("window/geometry")
        state = self.qsettings.value("window/state")
        return (
            geometry if isinstance(geometry, QByteArray) else None,
            state if isinstance(state, QByteArray) else None,
        )

    def set_window_state(self, geometry: QByteArray, state: QByteArray) -> None:
        """Remember the main window's geometry and dock layout."""
        self.qsettings.setValue("window/geometry", geometry)
        self.qsettings.setValue("window/state", state)
        self.qsettings.sync()

    # -------------------------------------------------------------- options
    def value(self, key: str, default: str | bool | int) -> str | bool | int:
        """A view option (legend shown, colour by…), with the type of ``default``."""
        raw = self.qsettings.value(f"options/{key}", default)
        if isinstance(default, bool):
            return raw in (True, "true", "1", 1)
        if isinstance(default, int):
            try:
                return int(str(raw))
            except ValueError:
                return default
        return str(raw)

    def set_value(self, key: str, value: str | bool | int) -> None:
        """Remember a view option."""
        self.qsettings.setValue(f"options/{key}", value)
