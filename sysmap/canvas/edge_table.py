"""Where every relationship runs, as numpy arrays: which lines cross the view, in a millisecond.

A 5,000-stakeholder map has 20,000 lines, most of them long. Asking the scene's index which
line items touch the view returns thousands, and classifying each from Python cost more than
a frame. :class:`EdgeTable` keeps the two ends of every line in arrays, kept in step one row
per change, and answers "which lines end near the view, and which only pass through it
(and where, cut to the view)" with a few vectorised comparisons.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QRectF

from sysmap.canvas.line_cuts import spans_inside

if TYPE_CHECKING:
    from sysmap.canvas.relationship_item import Ends, RelationshipItem

NEAR_MARGIN = 180.0
"""A line whose end's centre is this close to the view is drawn in full (a shape's border,
where the line starts, lies within about 120 px of its centre)."""
CAPTION_REACH = 200.0
"""A straight line with an end near the view is drawn if it comes this close to the part
being painted: its caption and arrowhead, drawn beside it, may reach in."""
CURVE_PAD = 160.0
"""How far a curved line or a loop may bow out of the box spanned by its two centres, its
arrow and caption included, beyond its control point's reach (``RelationshipItem.reach``)."""

FloatArray = np.ndarray[Any, np.dtype[np.float64]]
IntArray = np.ndarray[Any, np.dtype[np.int64]]


@dataclass(frozen=True)
class LinesInView:
    """The answer to :meth:`EdgeTable.lines_in`.

    Attributes
    ----------
    near : list of RelationshipItem
        Lines with an end near the view, or curved, that touch the part being drawn.
    passing : list of RelationshipItem
        Straight lines that only pass through the view.
    passing_rows : numpy.ndarray
        Their rows in the table.
    segments : numpy.ndarray
        ``len(passing) × 4``: the part of each passing line inside the part being drawn.
    boxed : list of RelationshipItem
        Lines left out of ``near`` because they cross none of the patches being repainted,
        though their box meets one (see :meth:`EdgeTable.lines_in`).
    """

    near: list[RelationshipItem]
    passing: list[RelationshipItem]
    segments: FloatArray
    passing_rows: IntArray
    boxed: list[RelationshipItem] = field(default_factory=list)


class EdgeTable:
    """The ends of every relationship line, one row each, reused after removals."""

    def __init__(self) -> None:
        self._reset()

    def _reset(self) -> None:
        self._slots: dict[str, int] = {}
        self._items: list[RelationshipItem | None] = []
        self._free: list[int] = []
        self._ends = np.zeros((0, 4))
        self._box = np.zeros((0, 4))  # left, top, right, bottom: where a line may be drawn
        self._straight = np.zeros(0, dtype=bool)
        self._alive = np.zeros(0, dtype=bool)
        self.version = 0
        """Counts changes, so a cache of drawn lines can tell it is out of date."""
        self.touched: set[int] = set()
        """Rows changed since the owner last cleared this set."""

    def __len__(self) -> int:
        return len(self._slots)

    def _grow(self, size: int) -> None:
        if size <= self._alive.size:
            return
        size = max(size, 2 * self._alive.size, 1024)
        ends = np.zeros((size, 4))
        ends[: self._ends.shape[0]] = self._ends
        box = np.zeros((size, 4))
        box[: self._box.shape[0]] = self._box
        self._box = box
        straight = np.zeros(size, dtype=bool)
        straight[: self._straight.size] = self._straight
        alive = np.zeros(size, dtype=bool)
        alive[: self._alive.size] = self._alive
        self._ends, self._straight, self._alive = ends, straight, alive

    def _slot_for(self, rel_id: str) -> int:
        slot = self._slots.get(rel_id)
        if slot is None:
            slot = self._free.pop() if self._free else len(self._items)
            if slot == len(self._items):
                self._items.append(None)
                self._grow(slot + 1)
            self._slots[rel_id] = slot
        return slot

    def put(self, item: RelationshipItem, ends: Ends | None = None) -> None:
        """Note where a line runs now (it was added, an end moved, or it bowed out).

        ``ends`` (the two centres) saves asking the items where they are.
        """
        slot = self._slot_for(item.relationship_id)
        if ends is None:
            a, b = item.source_item.pos(), item.target_item.pos()
            ends = (a.x(), a.y(), b.x(), b.y())
        self._ends[slot] = ends
        straight = item.is_straight()
        self._straight[slot] = straight
        pad = 0.0 if straight else CURVE_PAD + item.reach()
        x1, y1, x2, y2 = ends
        self._box[slot] = (
            min(x1, x2) - pad,
            min(y1, y2) - pad,
            max(x1, x2) + pad,
            max(y1, y2) + pad,
        )
        self._alive[slot] = True
        self._items[slot] = item
        self.version += 1
        self.touched.add(slot)

    def load(self, items: Iterable[RelationshipItem]) -> None:
        """Note many lines at once (a map opened)."""
        for item in items:
            self.put(item)

    def remove(self, rel_id: str) -> None:
        """Forget a line."""
        slot = self._slots.pop(rel_id, None)
        if slot is None:
            return
        self._alive[slot] = False
        self._items[slot] = None
        self._free.append(slot)
        self.version += 1
        self.touched.add(slot)

    def clear(self) -> None:
        """Forget every line."""
        self._reset()

    def item(self, slot: int) -> RelationshipItem | None:
        """The line in a row (None for a free row)."""
        return self._items[slot]

    # ------------------------------------------------------------------ queries
    def take_touched(self) -> set[int]:
        """The rows changed since the last call (and forget them)."""
        touched, self.touched = self.touched, set()
        return touched

    def lines_in(
        self,
        visible: QRectF,
        exposed: QRectF,
        rows: IntArray | None = None,
        parts: Sequence[QRectF] = (),
    ) -> LinesInView:
        """Lines to draw when ``visible`` is on screen and ``exposed`` is being painted.

        ``rows`` asks about some rows only (by default, every line). ``parts``, when given,
        are the rectangles actually being repainted inside ``exposed`` (their bounding box):
        a straight line is then returned only if it crosses one of them, and ``boxed`` holds
        the lines with an end near the view that cross the box but none of the parts (their
        captions, drawn beside the line, may still reach into a part).
        """
        el, et, er, eb = _edges(exposed.adjusted(-20, -20, 20, 20))
        # Only lines whose box meets the part being drawn (or comes within a caption's reach
        # of it) are looked at further: at 100 % that is a few hundred of a big map's 20,000.
        reach = _edges(
            exposed.adjusted(-CAPTION_REACH, -CAPTION_REACH, CAPTION_REACH, CAPTION_REACH)
        )
        if rows is None:
            count = len(self._items)
            drawn = self._alive[:count] & _meets(self._box[:count].T, reach)
            rows = np.flatnonzero(drawn)
        else:
            rows = rows[self._alive[rows]]
            rows = rows[_meets(self._box[rows].T, reach)]
        padded = [_edges(part.adjusted(-20, -20, 20, 20)) for part in parts]
        if padded:
            box = self._box[rows].T
            rows = rows[np.logical_or.reduce([_meets(box, part) for part in padded])]
        ends = self._ends[rows]
        ax, ay, bx, by = ends[:, 0], ends[:, 1], ends[:, 2], ends[:, 3]
        straight = self._straight[rows]
        margin = NEAR_MARGIN
        nl, nt, nr, nb = _edges(visible.adjusted(-margin, -margin, margin, margin))
        end_near = ((ax >= nl) & (ax <= nr) & (ay >= nt) & (ay <= nb)) | (
            (bx >= nl) & (bx <= nr) & (by >= nt) & (by <= nb)
        )
        close = _meets(self._box[rows].T, (el, et, er, eb))
        near = end_near | (~straight & close)
        boxed = np.zeros(0, dtype=np.int64)
        if padded:
            # A long line's box covers much of the view: keep only lines that cross a part.
            lines = np.flatnonzero(near & straight)
            missed = lines[~_crosses_any(ends[lines], padded)]
            near[missed] = False
            boxed = rows[missed]
        candidates = straight & ~end_near
        crossing, segments = _clip_segments(ends[candidates], (el, et, er, eb))
        if padded:
            crossing &= _crosses_any(ends[candidates], padded)
        passing_rows = rows[candidates][crossing]
        return LinesInView(
            self._items_at(rows[near]),
            self._items_at(passing_rows),
            segments[crossing],
            passing_rows,
            self._items_at(boxed),
        )

    def _items_at(self, rows: IntArray) -> list[RelationshipItem]:
        items = self._items
        return [item for row in rows.tolist() if (item := items[row]) is not None]


def _edges(rect: QRectF) -> tuple[float, float, float, float]:
    return rect.left(), rect.top(), rect.right(), rect.bottom()


def _meets(
    box: FloatArray, rect: tuple[float, float, float, float]
) -> np.ndarray[Any, np.dtype[np.bool_]]:
    """Which boxes (rows of left, top, right, bottom, transposed) meet ``rect``."""
    left, top, right, bottom = box
    met: np.ndarray[Any, np.dtype[np.bool_]] = (
        (left <= rect[2]) & (right >= rect[0]) & (top <= rect[3]) & (bottom >= rect[1])
    )
    return met


def _crosses_any(
    ends: FloatArray, rects: Sequence[tuple[float, float, float, float]]
) -> np.ndarray[Any, np.dtype[np.bool_]]:
    """Which segments (rows of x1, y1, x2, y2) cross at least one of ``rects``."""
    hit = np.zeros(ends.shape[0], dtype=bool)
    for rect in rects:
        hit |= _clip_segments(ends, rect)[0]
    return hit


def _clip_segments(
    ends: FloatArray, box: tuple[float, float, float, float]
) -> tuple[np.ndarray[Any, np.dtype[np.bool_]], FloatArray]:
    """Which segments cross ``box``, and their parts inside it."""
    ax, ay = ends[:, 0], ends[:, 1]
    dx, dy = ends[:, 2] - ax, ends[:, 3] - ay
    crossing, t0, t1 = spans_inside(ax, ay, dx, dy, box)
    segments = np.column_stack([ax + dx * t0, ay + dy * t0, ax + dx * t1, ay + dy * t1])
    return crossing, segments
