"""Completer suggestions ranked for the text being typed."""

from __future__ import annotations

from PySide6.QtCore import QModelIndex, QPersistentModelIndex, QSortFilterProxyModel
from PySide6.QtWidgets import QWidget


class RankedSuggestions(QSortFilterProxyModel):
    """A combo's items ordered for the text being typed: exact match, then prefix, then others.

    The completer still does the filtering ("contains"); this only orders what it filters,
    so typing "England" lists England above "England & Wales".
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._typed = ""
        self.sort(0)

    def set_typed(self, text: str) -> None:
        """Re-rank for ``text`` (case-insensitive)."""
        typed = text.casefold()
        if typed != self._typed:
            self._typed = typed
            self.invalidate()

    def _rank(self, row: int) -> tuple[int, int]:
        text = str(self.sourceModel().index(row, 0).data() or "").casefold()
        if text == self._typed:
            return (0, row)
        return (1 if text.startswith(self._typed) else 2, row)

    def lessThan(
        self,
        left: QModelIndex | QPersistentModelIndex,
        right: QModelIndex | QPersistentModelIndex,
    ) -> bool:
        """Order by rank, then keep the vocabulary's own order."""
        return self._rank(left.row()) < self._rank(right.row())
