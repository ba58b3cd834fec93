"""After a crash: offer to restore the maps whose changes were never saved.

At start-up the app looks for recovery copies left by a run that did not close its maps
(:func:`sysmap.gui.recovery.orphaned_entries`). If there are any, :class:`RecoveryDialog`
lists what and when, with *Restore*, *Discard* and *Later*. A restored map opens with its
changes not saved (the title shows it) and remembers the file it came from, so Save writes
there; its copy becomes the window's recovery copy until it is saved. *Later* leaves the
copies for the next start.
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from sysmap.gui import dialogs
from sysmap.gui.commands import plural
from sysmap.gui.document import MapDocument
from sysmap.gui.recovery import RecoveryEntry, discard, orphaned_entries
from sysmap.model.errors import SysmapError

if TYPE_CHECKING:
    from sysmap.gui.main_window import MainWindow

RESTORE, DISCARD, LATER = "restore", "discard", "later"


def when(moment: datetime, now: datetime | None = None) -> str:
    """A time as people say it: "today at 14:32", "yesterday at 09:05", "3 March at 10:00".

    Examples
    --------
    >>> now = datetime(2026, 3, 4, 12, 0)
    >>> when(datetime(2026, 3, 4, 9, 5), now), when(datetime(2026, 3, 3, 18, 0), now)
    ('today at 09:05', 'yesterday at 18:00')
    >>> when(datetime(2025, 12, 25, 8, 30), now)
    '25 December 2025 at 08:30'
    """
    local = moment.astimezone() if moment.tzinfo is not None else moment
    now = now or datetime.now()
    clock = local.strftime("%H:%M")
    if local.date() == now.date():
        return f"today at {clock}"
    if local.date() == (now - timedelta(days=1)).date():
        return f"yesterday at {clock}"
    year = f" {local.year}" if local.year != now.year else ""
    return f"{local.day} {local.strftime('%B')}{year} at {clock}"


class RecoveryDialog(QDialog):
    """Lists recovery copies with Restore, Discard and Later; each can be left unticked."""

    def __init__(self, entries: list[RecoveryEntry], parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.entries = entries
        self.choice = LATER
        self.setWindowTitle("Restore unsaved maps?")
        self.setObjectName("RecoveryDialog")
        count = plural(len(entries), "map")
        intro = QLabel(
            f"sysmap did not close properly last time. It kept a copy of the unsaved changes "
            f"in {count}. Restore them to carry on where you left off."
        )
        intro.setWordWrap(True)
        self.list = QTreeWidget()
        self.list.setAccessibleName("Maps with unsaved changes")
        self.list.setHeaderLabels(["Map", "Changes copied", "File", "Holds"])
        self.list.setRootIsDecorated(False)
        self.items: list[QTreeWidgetItem] = []
        for entry in entries:
            holds = (
                f"{plural(entry.stakeholders, 'stakeholder')}, "
                f"{plural(entry.relationships, 'relationship')}"
            )
            item = QTreeWidgetItem([entry.title, when(entry.saved_at), _file_text(entry), holds])
            self.items.append(item)
            item.setCheckState(0, Qt.CheckState.Checked)
            item.setToolTip(2, str(entry.original) if entry.original else "Never saved")
            self.list.addTopLevelItem(item)
        for column in range(4):
            self.list.resizeColumnToContents(column)
        self.list.setColumnWidth(0, min(self.list.columnWidth(0), 320))  # long titles elide
        note = QLabel("Unticked maps are kept for next time.")
        note.setEnabled(False)
        buttons = QDialogButtonBox()
        self.restore_button = self._button(buttons, "&Restore", RESTORE, "AcceptRole")
        self.discard_button = self._button(buttons, "&Discard", DISCARD, "DestructiveRole")
        self.later_button = self._button(buttons, "&Later", LATER, "RejectRole")
        self.restore_button.setDefault(True)
        self.restore_button.setToolTip("Open the ticked maps with their unsaved changes")
        self.discard_button.setToolTip("Delete the copies of the ticked maps for good")
        self.later_button.setToolTip("Keep the copies and ask again next time")
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addWidget(self.list)
        layout.addWidget(note)
        layout.addWidget(buttons)
        self.resize(860, 260)

    def _button(self, box: QDialogButtonBox, text: str, choice: str, role: str) -> QPushButton:
        button = QPushButton(text)
        box.addButton(button, getattr(QDialogButtonBox.ButtonRole, role))
        button.clicked.connect(lambda: self._choose(choice))
        return button

    def _choose(self, choice: str) -> None:
        self.choice = choice
        if choice == LATER:
            self.reject()
        else:
            self.accept()

    def reject(self) -> None:
        self.choice = LATER  # Escape and the close box mean "not now"
        super().reject()

    def chosen(self) -> list[RecoveryEntry]:
        """The ticked entries."""
        return [
            entry
            for entry, item in zip(self.entries, self.items, strict=True)
            if item.checkState(0) == Qt.CheckState.Checked
        ]


def _file_text(entry: RecoveryEntry) -> str:
    return entry.original.name if entry.original is not None else "never saved"


def offer_recovery(window: MainWindow) -> int:
    """If a run left unsaved maps, ask what to do with them; return how many were restored."""
    entries = orphaned_entries()
    if not entries:
        return 0
    dialog = RecoveryDialog(entries, window)
    dialog.exec()
    chosen = dialog.chosen()
    if dialog.choice == RESTORE:
        return restore(chosen, window)
    if dialog.choice == DISCARD:
        for entry in chosen:
            discard(entry)
    return 0


def restore(entries: list[RecoveryEntry], window: MainWindow) -> int:
    """Open each copy with its changes unsaved: in ``window`` if it is free, else in a new one."""
    from sysmap.gui.app import open_window

    restored = 0
    for entry in entries:
        try:
            system_map = entry.load()
        except SysmapError as exc:
            dialogs.show_error(window, "Cannot restore the map", str(exc))
            continue
        target = window if window.document is None else open_window()
        document = MapDocument(system_map, entry.original, native=entry.native)
        document.undo_stack.resetClean()  # not saved: the title shows it, closing asks
        target.set_document(document)
        target.autosave.adopt(entry)
        target.show_message(
            f"Restored “{entry.title}” with the changes copied {when(entry.saved_at)}. "
            "Save it to keep them.",
            15000,
        )
        restored += 1
    return restored
