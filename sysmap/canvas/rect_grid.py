"""Rectangles filed by the cells they touch, and the gap between two rectangles: the quick
overlap tests that placing names and a finding's tags rely on."""

from __future__ import annotations

from PySide6.QtCore import QRectF

_CELL = 64.0
"""Pixels a side of the grid's cells."""


def rect_gap(a: QRectF, b: QRectF) -> float:
    """The distance between two rectangles' nearest edges (0 where they touch or overlap)."""
    dx = max(0.0, max(a.left(), b.left()) - min(a.right(), b.right()))
    dy = max(0.0, max(a.top(), b.top()) - min(a.bottom(), b.bottom()))
    return float((dx * dx + dy * dy) ** 0.5)


class RectGrid:
    """Rectangles filed by the 64-pixel cells they touch, for quick overlap tests."""

    def __init__(self) -> None:
        self._cells: dict[tuple[int, int], list[QRectF]] = {}

    def _keys(self, rect: QRectF) -> list[tuple[int, int]]:
        x0, x1 = int(rect.left() // _CELL), int(rect.right() // _CELL)
        y0, y1 = int(rect.top() // _CELL), int(rect.bottom() // _CELL)
        return [(x, y) for x in range(x0, x1 + 1) for y in range(y0, y1 + 1)]

    def add(self, rect: QRectF) -> None:
        for key in self._keys(rect):
            self._cells.setdefault(key, []).append(rect)

    def remove(self, rect: QRectF) -> None:
        for key in self._keys(rect):
            cell = self._cells.get(key, [])
            for i, other in enumerate(cell):
                if other is rect:
                    del cell[i]
                    break

    def hits(self, rect: QRectF, ignore: QRectF) -> bool:
        for key in self._keys(rect):
            for other in self._cells.get(key, ()):
                if other is not ignore and other.intersects(rect):
                    return True
        return False

    def blockers(self, rect: QRectF, ignore: QRectF, most: int | None = None) -> list[QRectF]:
        """The rectangles ``rect`` overlaps (each once), ``ignore`` aside.

        With ``most``, the search stops once more than that many are found.
        """
        found: dict[int, QRectF] = {}
        for key in self._keys(rect):
            for other in self._cells.get(key, ()):
                if other is not ignore and other.intersects(rect):
                    found[id(other)] = other
                    if most is not None and len(found) > most:
                        return list(found.values())
        return list(found.values())

    def near(self, rect: QRectF, distance: float, ignore: QRectF) -> bool:
        """Whether a filed rectangle other than ``ignore`` is within ``distance`` of ``rect``."""
        wide = rect.adjusted(-distance, -distance, distance, distance)
        for key in self._keys(wide):
            for other in self._cells.get(key, ()):
                close = other is not ignore and other.intersects(wide)
                if close and rect_gap(rect, other) < distance:
                    return True
        return False

    def overlap(self, rect: QRectF) -> float:
        """The area of ``rect`` the filed rectangles cover (counted once per rectangle)."""
        seen: set[int] = set()
        area = 0.0
        for key in self._keys(rect):
            for other in self._cells.get(key, ()):
                if id(other) not in seen and other.intersects(rect):
                    seen.add(id(other))
                    common = other.intersected(rect)
                    area += common.width() * common.height()
        return area
