"""Cut, copy and paste: within a map, between windows, and from other programs.

The clipboard carries a sysmap fragment (the stakeholders, the relationships among them and
the vocabulary terms they use) and the same stakeholders as tab-separated text, so a copy
pastes into another sysmap window as a map and into a spreadsheet as rows. Pasted text that
is not from sysmap becomes one stakeholder a line.
"""

from __future__ import annotations

import atexit
import json
from typing import Any

from PySide6.QtCore import QMimeData, QObject, QPointF
from PySide6.QtGui import QGuiApplication, QKeySequence

from sysmap.gui.actions import make_action
from sysmap.gui.commands import (
    copy_fragment,
    delete_command,
    paste_command,
    plural,
    text_fragment,
    text_rows,
)
from sysmap.gui.commands.paste import fragment_as_text
from sysmap.gui.document import MapDocument
from sysmap.gui.window_base import WindowBase
from sysmap.model.errors import SysmapError

MIME_TYPE = "application/x-sysmap-fragment+json"
PASTE_STEP = 30.0


class ClipboardController(QObject):
    """The Cut, Copy and Paste actions of one window."""

    def __init__(self, window: WindowBase) -> None:
        super().__init__(window)
        self.window = window
        self._paste_count = 0
        w, reg = window, window.register
        reg(
            "edit.cut",
            make_action(
                w,
                "Cu&t",
                self.cut,
                icon_name="cut",
                keys=QKeySequence.StandardKey.Cut,
                tip="Move the selected stakeholders to the clipboard",
            ),
        )
        reg(
            "edit.copy",
            make_action(
                w,
                "&Copy",
                self.copy,
                icon_name="copy",
                keys=QKeySequence.StandardKey.Copy,
                tip="Copy the selected stakeholders and the relationships among them",
            ),
        )
        reg(
            "edit.paste",
            make_action(
                w,
                "&Paste",
                self.paste,
                icon_name="paste",
                keys=QKeySequence.StandardKey.Paste,
                tip="Paste stakeholders, or a list of names, one a line",
            ),
        )
        QGuiApplication.clipboard().dataChanged.connect(self._clipboard_changed)

    @property
    def document(self) -> MapDocument | None:
        return self.window.document

    def copy(self) -> bool:
        doc = self.document
        stakeholders, _ = self.window.selected()
        if doc is None or not stakeholders:
            return False
        fragment = copy_fragment(doc.map, stakeholders)
        mime = QMimeData()
        mime.setData(MIME_TYPE, json.dumps(fragment, ensure_ascii=False).encode("utf-8"))
        mime.setText(fragment_as_text(fragment, doc.map))
        QGuiApplication.clipboard().setMimeData(mime)
        _release_clipboard_at_exit()
        self._paste_count = 0
        self.window.show_message(f"Copied {plural(len(stakeholders), 'stakeholder')}.")
        return True

    def cut(self) -> None:
        doc = self.document
        stakeholders, _ = self.window.selected()
        if doc is not None and self.copy():
            command = delete_command(doc.map, stakeholders)
            command.setText(command.text().replace("Delete", "Cut", 1))
            doc.push(command)

    def _clipboard_changed(self) -> None:
        self._paste_count = 0

    def paste(self) -> None:
        doc = self.document
        if doc is None:
            return
        mime = QGuiApplication.clipboard().mimeData()
        try:
            if mime is not None and mime.hasFormat(MIME_TYPE):
                fragment = json.loads(bytes(mime.data(MIME_TYPE).data()).decode("utf-8"))
            elif mime is not None and mime.hasText() and text_rows(mime.text()):
                fragment = text_fragment(doc.map, text_rows(mime.text()))
            else:
                self.window.show_message("There is nothing on the clipboard to paste.")
                return
            offset = self._paste_offset(fragment)
            command, new_ids = paste_command(doc.map, fragment, offset)
        except (SysmapError, ValueError) as exc:
            doc.edit_refused.emit(
                str(exc)
                if isinstance(exc, SysmapError)
                else "The clipboard holds something sysmap cannot paste."
            )
            return
        if doc.push(command):
            self.window.select(new_ids)

    def _paste_offset(self, fragment: dict[str, Any]) -> tuple[float, float]:
        """Shift a paste a little from its original when that is in view, else to the middle."""
        points = [
            (float(s.get("x", 0.0)), float(s.get("y", 0.0))) for s in fragment["stakeholders"]
        ]
        if not points:
            return (0.0, 0.0)
        cx = sum(p[0] for p in points) / len(points)
        cy = sum(p[1] for p in points) / len(points)
        view = self.window.view
        visible = view.mapToScene(view.viewport().rect()).boundingRect()
        self._paste_count += 1
        step = PASTE_STEP * self._paste_count
        if visible.contains(QPointF(cx + step, cy + step)):
            return (step, step)
        centre = visible.center()
        return (centre.x() - cx, centre.y() - cy)


_release_registered = False


def _release_clipboard_at_exit() -> None:
    """Leave plain text on the clipboard when Python exits, not a Python-made object.

    Qt deletes the clipboard's data after the interpreter has gone; deleting data that Python
    made then crashes. The names stay on the clipboard for other programs; only the sysmap
    format goes.
    """
    global _release_registered
    if _release_registered:
        return
    _release_registered = True

    def release() -> None:
        app = QGuiApplication.instance()
        if app is None:
            return
        clipboard = QGuiApplication.clipboard()
        mime = clipboard.mimeData()
        if mime is not None and mime.hasFormat(MIME_TYPE):
            clipboard.setText(mime.text())

    atexit.register(release)
