"""In-place renaming: a text box over a stakeholder; Enter keeps the name, Esc cancels.

The box is drawn at screen size whatever the zoom (it ignores the view's scaling), so the
name being typed stays readable on a map zoomed far out.
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import (
    QFocusEvent,
    QKeyEvent,
    QPainter,
    QPen,
    QTextCursor,
    QTextOption,
    QTransform,
)
from PySide6.QtWidgets import (
    QGraphicsItem,
    QGraphicsTextItem,
    QStyleOptionGraphicsItem,
    QWidget,
)

from sysmap.canvas.in_place import InPlaceEditing
from sysmap.canvas.stakeholder_item import StakeholderItem
from sysmap.canvas.state import CanvasState
from sysmap.canvas.theme import canvas_font, qcolor

Z_EDITOR = 50.0
MIN_WIDTH = 160.0


class LabelEditor(InPlaceEditing, QGraphicsTextItem):
    """Edits one stakeholder's name over its shape.

    Parameters
    ----------
    item : StakeholderItem
        The stakeholder being renamed.
    state : CanvasState
        For the theme's colours.
    done : callable
        Called once with ``(stakeholder_id, text, keep)`` when editing ends.
    """

    def __init__(
        self,
        item: StakeholderItem,
        state: CanvasState,
        done: Callable[[str, str, bool], None],
    ) -> None:
        super().__init__(item.label)
        self.stakeholder_id = item.stakeholder_id
        self._state = state
        self._done = done
        self.setFont(canvas_font())
        self.setDefaultTextColor(qcolor(state.theme.text))
        width = max(MIN_WIDTH, item.box_rect().width())
        self.setTextWidth(width)
        option = QTextOption(Qt.AlignmentFlag.AlignHCenter)
        option.setWrapMode(QTextOption.WrapMode.WrapAtWordBoundaryOrAnywhere)
        self.document().setDefaultTextOption(option)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextEditorInteraction)
        self.setZValue(Z_EDITOR)
        # Anchored at the stakeholder's centre, drawn in screen pixels around it.
        self.setFlag(QGraphicsItem.GraphicsItemFlag.ItemIgnoresTransformations)
        self.setPos(item.scenePos())
        self._centre()
        self.document().contentsChanged.connect(self._centre)
        self.setToolTip("Type the stakeholder's name; Enter to keep it, Esc to cancel.")

    def _centre(self) -> None:
        """Keep the box centred on its anchor as the typed name grows or wraps."""
        rect = self.boundingRect()
        self.setTransform(QTransform.fromTranslate(-rect.width() / 2, -rect.height() / 2))

    def start(self) -> None:
        """Take the keyboard focus and select the whole name, ready to type over it."""
        self.setFocus(Qt.FocusReason.OtherFocusReason)
        cursor = self.textCursor()
        cursor.select(QTextCursor.SelectionType.Document)
        self.setTextCursor(cursor)

    def _report(self, keep: bool) -> None:
        self._done(self.stakeholder_id, self.toPlainText().strip(), keep)

    def keyPressEvent(self, event: QKeyEvent) -> None:
        if not self.key_ends_editing(event):
            super().keyPressEvent(event)

    def focusOutEvent(self, event: QFocusEvent) -> None:
        super().focusOutEvent(event)
        self.finish(True)  # clicking away keeps the name, as in file managers

    def paint(
        self, painter: QPainter, option: QStyleOptionGraphicsItem, widget: QWidget | None = None
    ) -> None:
        theme = self._state.theme
        painter.setPen(QPen(qcolor(theme.selection), 2.0))
        painter.setBrush(qcolor(theme.panel))
        painter.drawRoundedRect(QRectF(self.boundingRect()).adjusted(1, 1, -1, -1), 4, 4)
        super().paint(painter, option, widget)  # type: ignore[arg-type]  # Qt accepts None
