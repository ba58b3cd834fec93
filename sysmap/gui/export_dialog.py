"""File ▸ Export picture: PNG (chosen pixel width, optional transparency), SVG or PDF."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QFileDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QPushButton,
    QSpinBox,
    QWidget,
)

from sysmap.gui.inspector_widgets import dialog_layout
from sysmap.gui.resources import mute
from sysmap.model.errors import ValidationError

PICTURE_FORMATS = (
    ("png", "PNG image"),
    ("svg", "SVG drawing (scales without blur)"),
    ("pdf", "PDF document (for printing)"),
)


class ExportPictureDialog(QDialog):
    """Choose the picture's format, size, background and file."""

    def __init__(self, suggested: Path, width: int = 1600, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle("Export picture")
        self.setObjectName("ExportPictureDialog")
        self.format = QComboBox()
        for key, title in PICTURE_FORMATS:
            self.format.addItem(title, key)
        self.format.setAccessibleName("Picture format")
        self.pixel_width = QSpinBox()
        self.pixel_width.setRange(100, 20000)
        self.pixel_width.setSingleStep(100)
        self.pixel_width.setValue(width)
        self.pixel_width.setSuffix(" px")
        self.pixel_width.setAccessibleName("Width in pixels")
        self.transparent = QCheckBox("Transparent background")
        self.path = QLineEdit(str(suggested.with_suffix(".png")))
        self.path.setAccessibleName("File to write")
        browse = QPushButton("Choose…")
        browse.clicked.connect(self._browse)
        row = QHBoxLayout()
        row.addWidget(self.path, 1)
        row.addWidget(browse)
        form = QFormLayout()
        form.addRow("&Format:", self.format)
        form.addRow("&Width:", self.pixel_width)
        form.addRow("", self.transparent)
        where = QLabel("&Save to:")
        where.setBuddy(self.path)  # a label beside a row of widgets needs its buddy named
        form.addRow(where, row)
        note = QLabel(
            "The picture shows the whole map as the canvas draws it now, with its title and legend."
        )
        note.setWordWrap(True)
        mute(note)
        dialog_layout(self, "Export", form, note)
        self.setMinimumWidth(520)
        self.format.currentIndexChanged.connect(self._format_chosen)
        self._format_chosen()

    def fmt(self) -> str:
        """The chosen format key: png, svg or pdf."""
        return str(self.format.currentData())

    def _format_chosen(self) -> None:
        png = self.fmt() == "png"
        self.pixel_width.setEnabled(png)
        self.transparent.setEnabled(png)
        text = self.path.text().strip()
        if text:
            self.path.setText(str(Path(text).with_suffix("." + self.fmt())))

    def _browse(self) -> None:
        kind = f"{self.format.currentText()} (*.{self.fmt()})"
        name, _ = QFileDialog.getSaveFileName(self, "Export picture", self.path.text(), kind)
        if name:
            self.path.setText(name)
            self._format_chosen()

    def target(self) -> Path:
        """The file to write, with the chosen format's extension."""
        text = self.path.text().strip()
        if not text:
            raise ValidationError("Choose a file to export the picture to.")
        path = Path(text).expanduser()
        suffix = "." + self.fmt()
        return path if path.suffix.lower() == suffix else path.with_suffix(suffix)
