"""Text that came from a file is shown as text: never as markup, never as a link.

Qt guesses whether a label, a message box or a tooltip holds rich text (a tag anywhere in its
first line is enough), and then draws headings, loads images and opens links. A stakeholder
named ``<h1>This map is damaged</h1>`` or a status holding ``<a href=…>Click here</a>`` would
be shown as the sender wrote it, not as what it is. Every widget that can carry a file's text
goes through one of these.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import Qt as QtGuiFunctions
from PySide6.QtWidgets import QLabel, QMessageBox, QWidget

_SELECTABLE = Qt.TextInteractionFlag.TextSelectableByMouse


def plain_label(label: QLabel) -> QLabel:
    """Make ``label`` show its text as typed: no markup, no links. Returns it."""
    label.setTextFormat(Qt.TextFormat.PlainText)
    label.setOpenExternalLinks(False)
    return label


def plain_message_box(box: QMessageBox) -> QMessageBox:
    """Make every text of a message box plain (its text, informative and detailed text)."""
    box.setTextFormat(Qt.TextFormat.PlainText)
    for label in box.findChildren(QLabel):
        if label.text():  # the icon label holds a picture, not text
            plain_label(label)
            label.setTextInteractionFlags(_SELECTABLE)
    return box


def plain_tooltip(text: str) -> str:
    """A tooltip that shows ``text`` as written, wrapped like any long tooltip.

    Tooltips cannot be told their format, so the text is escaped into a paragraph: Qt then
    draws the escaped characters as the characters they stand for.
    """
    return QtGuiFunctions.convertFromPlainText(text, Qt.WhiteSpaceMode.WhiteSpaceNormal)


def set_plain_tooltip(widget: QWidget, text: str) -> None:
    """Give ``widget`` a tooltip that shows ``text`` as written."""
    widget.setToolTip(plain_tooltip(text))
