"""Edit ▸ Preferences: how often recovery copies are kept, and where sysmap keeps its files."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from sysmap.gui.app_log import log_path
from sysmap.gui.autosave import INTERVAL_KEY, interval_seconds
from sysmap.gui.recovery import recovery_root
from sysmap.gui.window_base import WindowBase, windows


class PreferencesDialog(QDialog):
    """Autosave on or off and its interval in minutes; the recovery and log folders."""

    def __init__(self, window: WindowBase, parent: QWidget | None = None) -> None:
        super().__init__(parent or window)
        self.main_window = window
        self.setWindowTitle("Preferences")
        self.setObjectName("PreferencesDialog")
        seconds = interval_seconds(window)
        self.autosave = QCheckBox("Keep a recovery copy of maps with unsaved changes")
        self.autosave.setChecked(seconds > 0)
        self.minutes = QSpinBox()
        self.minutes.setRange(1, 60)
        self.minutes.setSuffix(" min")
        self.minutes.setValue(max(1, min(60, round((seconds or 60) / 60))))
        self.minutes.setAccessibleName("Minutes between recovery copies")
        self.minutes.setEnabled(seconds > 0)
        self.autosave.toggled.connect(self.minutes.setEnabled)
        where = QLabel(
            f"Recovery copies are kept in <code>{recovery_root()}</code>, never beside your "
            f"maps, and deleted once a map is saved or closed.<br>"
            f"Problems are logged in <code>{log_path()}</code>."
        )
        where.setWordWrap(True)
        where.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        form = QFormLayout()
        form.addRow(self.autosave)
        form.addRow("Every", self.minutes)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(form)
        layout.addWidget(where)
        layout.addWidget(buttons)
        self.setMinimumWidth(480)

    def accept(self) -> None:
        """Save the interval and apply it to every window."""
        seconds = self.minutes.value() * 60 if self.autosave.isChecked() else 0
        self.main_window.settings.set_value(INTERVAL_KEY, seconds)
        self.main_window.settings.qsettings.sync()
        for each in [*windows(), self.main_window]:
            each.autosave.apply_settings()
        super().accept()


def show_preferences(window: WindowBase) -> None:
    """Open the Preferences dialog."""
    PreferencesDialog(window).exec()
