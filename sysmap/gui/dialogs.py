"""The app's questions and messages: save changes, errors, file choosers, About.

They live here, one function each, so the window's logic reads plainly and tests can answer
a question the way a user would.
"""

from __future__ import annotations

from datetime import datetime
from pathlib import Path

from PySide6.QtWidgets import (
    QAbstractButton,
    QFileDialog,
    QMessageBox,
    QPushButton,
    QWidget,
)

import sysmap
from sysmap.gui.app_log import log_path
from sysmap.gui.plain_text import plain_message_box
from sysmap.gui.resources import app_icon
from sysmap.io import FORMATS

SAVE, DISCARD, CANCEL = "save", "discard", "cancel"
SAVE_AS, OVERWRITE, RELOAD = "save as", "overwrite", "reload"
GRAPHML_FILTER = "sysmap map (*.graphml)"


def open_filters() -> str:
    """File-type choices for Open: every format sysmap reads, and all of them together."""
    readable = [f for f in FORMATS if f.read is not None]
    every = " ".join(f"*{ext}" for f in readable for ext in f.extensions)
    rows = [f"Maps sysmap can open ({every})"]
    rows += [f"{f.title} ({' '.join('*' + e for e in f.extensions)})" for f in readable]
    rows.append("All files (*)")
    return ";;".join(rows)


def export_filters() -> list[tuple[str, str]]:
    """(filter, format key) for every format sysmap can write other than its own."""
    return [
        (f"{f.title} (*{f.extensions[0]})", f.key)
        for f in FORMATS
        if f.write is not None and f.key != "graphml"
    ]


def ask_open_path(parent: QWidget, folder: Path) -> Path | None:
    """Ask which map to open."""
    name, _ = QFileDialog.getOpenFileName(parent, "Open a map", str(folder), open_filters())
    return Path(name) if name else None


def ask_save_path(parent: QWidget, suggested: Path) -> Path | None:
    """Ask where to save the map as GraphML; the extension is added when left out."""
    name, _ = QFileDialog.getSaveFileName(parent, "Save the map as", str(suggested), GRAPHML_FILTER)
    if not name:
        return None
    path = Path(name)
    return path if path.suffix.lower() in (".graphml", ".xml") else path.with_suffix(".graphml")


def ask_export_path(parent: QWidget, suggested: Path) -> tuple[Path, str] | None:
    """Ask where to write a copy in another format; return the path and format key."""
    choices = export_filters()
    if not choices:
        return None
    name, chosen = QFileDialog.getSaveFileName(
        parent, "Export the map as", str(suggested), ";;".join(c[0] for c in choices)
    )
    if not name:
        return None
    key = next((k for f, k in choices if f == chosen), choices[0][1])
    fmt = next(f for f in FORMATS if f.key == key)
    path = Path(name)
    if path.suffix.lower() not in fmt.extensions:
        path = path.with_suffix(fmt.extensions[0])
    return path, key


def ask_save_changes(parent: QWidget, name: str) -> str:
    """Ask whether to save changes: returns ``SAVE``, ``DISCARD`` or ``CANCEL``."""
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle("Save changes?")
    box.setText(f"Do you want to save the changes to “{name}”?")
    box.setInformativeText("If you don't save, your changes since the last save will be lost.")
    box.setStandardButtons(
        QMessageBox.StandardButton.Save
        | QMessageBox.StandardButton.Discard
        | QMessageBox.StandardButton.Cancel
    )
    box.setDefaultButton(QMessageBox.StandardButton.Save)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    box.setObjectName("SaveChangesBox")
    answer = plain_message_box(box).exec()  # the name may be a map's title, from a file
    if answer == QMessageBox.StandardButton.Save:
        return SAVE
    if answer == QMessageBox.StandardButton.Discard:
        return DISCARD
    return CANCEL


def ask_changed_on_disk(
    parent: QWidget, name: str, *, missing: bool = False, when: datetime | None = None
) -> str:
    """The file changed (or went) since this window read or saved it: what now?

    Returns ``SAVE_AS`` (keep both: this map goes to a new file), ``OVERWRITE`` (this map
    replaces what is on disk), ``RELOAD`` (what is on disk replaces this window's changes)
    or ``CANCEL``. A missing file offers Save As and saving there again.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setObjectName("ChangedOnDiskBox")
    if missing:
        box.setWindowTitle("The file has gone")
        box.setText(f"“{name}” is no longer where it was opened from.")
        box.setInformativeText(
            "It was moved, renamed or deleted since this window read it. Save your map under "
            "a name you choose, or save it there again."
        )
    else:
        box.setWindowTitle("The file has changed")
        stamp = f" ({when.strftime('%d %B at %H:%M').lstrip('0')})" if when else ""
        box.setText(f"“{name}” was changed by another window or program{stamp}.")
        box.setInformativeText(
            "Saving over it would lose those changes. Save your map as a new file to keep "
            "both, overwrite theirs with yours, or reload theirs and lose your changes."
        )
    choices: dict[QAbstractButton, str] = {
        box.addButton("Save &as…", QMessageBox.ButtonRole.AcceptRole): SAVE_AS,
        box.addButton(
            "&Save there again" if missing else "&Overwrite", QMessageBox.ButtonRole.DestructiveRole
        ): OVERWRITE,
    }
    if not missing:
        choices[box.addButton("&Reload", QMessageBox.ButtonRole.ResetRole)] = RELOAD
    cancel = box.addButton(QMessageBox.StandardButton.Cancel)
    first = next(iter(choices))
    assert isinstance(first, QPushButton)
    box.setDefaultButton(first)
    box.setEscapeButton(cancel)
    plain_message_box(box).exec()
    return choices.get(box.clickedButton(), CANCEL)


def show_error(parent: QWidget | None, title: str, message: str) -> None:
    """Tell the user something went wrong, in their words: one sentence, no traceback.

    The sentence quotes the file's name and values, so it is shown as plain text.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Warning)
    box.setWindowTitle(title)
    box.setText(message)
    box.setObjectName("ErrorBox")
    plain_message_box(box).exec()


def show_warnings(parent: QWidget, name: str, warnings: list[str]) -> None:
    """List what a reader had to say about a file it opened, as plain text.

    The notes quote the file's own values (a status, a sector), which may hold markup.
    """
    box = QMessageBox(parent)
    box.setIcon(QMessageBox.Icon.Information)
    box.setWindowTitle("Opened with notes")
    box.setText(f"“{name}” opened. Some things you should know:")
    box.setInformativeText("\n".join(f"• {w}" for w in warnings[:12]))
    if len(warnings) > 12:
        box.setDetailedText("\n".join(warnings))
    box.setObjectName("WarningsBox")
    plain_message_box(box).exec()


def show_about(parent: QWidget) -> None:
    """The About box: what sysmap is, its version and licence."""
    box = QMessageBox(parent)
    box.setIconPixmap(app_icon().pixmap(64, 64))
    box.setWindowTitle("About sysmap")
    box.setText(f"<b>sysmap {sysmap.__version__}</b>")
    box.setInformativeText(
        "Map the system behind a policy problem: the stakeholders, their sectors and places, "
        "and how they relate. Find silos, missing links, brokers and single points of "
        "failure, explained in plain English.<br><br>"
        "Everything runs on your own computer; nothing is sent anywhere.<br><br>"
        "Released under the MIT licence. Colours from the Okabe–Ito palette, chosen to stay "
        "distinguishable with colour blindness.<br><br>"
        f"If something goes wrong, the details are logged in <code>{log_path()}</code>."
    )
    box.setObjectName("AboutBox")
    box.exec()
