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
from functools import partial

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
from sysmap.gui.plain_text import plain_tooltip
from sysmap.gui.recovery import RecoveryEntry, discard, orphaned_entries
from sysmap.gui.tasks import Task, finish
from sysmap.gui.window_base import WindowBase, open_window
from sysmap.io.file_state import FileState
from sysmap.model.errors import SysmapError
from sysmap.model.progress import Cancelled
from sysmap.model.system_map import SystemMap

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
            where = str(entry.original) if entry.original else "Never saved"
            item.setToolTip(2, plain_tooltip(where))
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


def offer_recovery(window: WindowBase) -> int:
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


def restore(entries: list[RecoveryEntry], window: WindowBase) -> int:
    """Open each copy with its changes unsaved: in ``window`` if it is free, else in a new one.

    Each copy is read off the window's thread. Save writes back to the file the map came
    from only if that file is where it was and still holds what the map was read from; if
    it has gone, or changed since, Save asks (see :func:`restored_document`).
    """
    restored = 0
    for entry in entries:
        try:
            task = Task(f"Restoring {entry.title}", partial(_read, entry), window)
            system_map, now = finish(task, window.progress)
        except Cancelled:
            continue
        except SysmapError as exc:
            dialogs.show_error(window, "Cannot restore the map", str(exc))
            continue
        document, note = restored_document(entry, system_map, now)
        target = window if window.document is None else open_window()
        document.undo_stack.resetClean()  # not saved: the title shows it, closing asks
        target.set_document(document)
        target.autosave.adopt(entry)
        target.show_message(
            f"Restored “{entry.title}” with the changes copied {when(entry.saved_at)}. "
            f"{note or 'Save it to keep them.'}",
            15000,
        )
        restored += 1
    return restored


def _read(entry: RecoveryEntry, _progress: object = None) -> tuple[SystemMap, FileState | None]:
    """The copied map, and what its original file holds now (run off the window's thread)."""
    original = entry.original
    now = None
    if original is not None and original.is_absolute():
        try:
            now = FileState.of(original)
        except SysmapError:
            now = None
    return entry.load(), now


def restored_document(
    entry: RecoveryEntry, system_map: SystemMap, now: FileState | None
) -> tuple[MapDocument, str]:
    """The document a copy becomes, and what the user should know about saving it.

    - never saved: an untitled map;
    - its file is gone, or the record does not say where it is (an older record kept the
      path as typed, relative to a folder long forgotten): Save asks where to save;
    - its file holds something else than when the copy was made (or the record cannot
      tell): Save asks whether to save as a new file, overwrite, or reload;
    - its file is as it was: Save writes there, as before the crash.
    """
    original = entry.original
    if original is None:
        return MapDocument(system_map), ""
    name = original.name
    if not original.is_absolute() or now is None:
        where = original if original.is_absolute() else None
        return MapDocument(system_map, where, native=False, source=where), (
            f"Its file “{name}” is no longer where it was: Save will ask where to keep it."
        )
    if entry.original_state is None:  # an older record: no way to tell it is unchanged
        return MapDocument(system_map, original, native=False), (
            f"sysmap cannot tell whether “{name}” changed since: Save will ask where to keep it."
        )
    if not entry.original_state.same_content(now):
        document = MapDocument(system_map, original, native=entry.native, disk=entry.original_state)
        return document, f"“{name}” has changed since: Save will ask what to do."
    return MapDocument(system_map, original, native=entry.native, disk=now), ""
