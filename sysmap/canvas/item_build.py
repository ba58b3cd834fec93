"""A big map's first frame drawn from its data, then its items made in slices behind it.

Making the 25,000 items of a 5,000-stakeholder map takes over a second of the window's
thread, and the first frame used to wait for all of them. Zoomed out to fit, though, a map
that big is drawn by the overview's cached picture, which needs no item: its sketch can be
made straight from the map (:func:`~sysmap.canvas.sketch.sketch_of_map`, a tenth of the
cost). So :class:`SlicedBuild` files that sketch, the map's extent and the legend's counts at
once, and the first frame shows the whole map; the items are then made a slice at a time
between events, the window painting, zooming and panning in between, and the scene stays in
overview until they are all made.

The sketch's records are the ones the finished items give, filed in the same order, so the
finished scene draws the same picture as one built in one go and the build leaves it alone.
Anything that needs the items before then (an edit's change event, a selection, a picture)
finishes the build on the spot (:meth:`SlicedBuild.finish`); the map may have changed by
then, so what is left is made from the map as it is, and the overview is filed afresh.
"""

from __future__ import annotations

import time
from collections import Counter
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

import numpy as np
from PySide6.QtCore import QRectF, QTimer

from sysmap.canvas.colouring import Colouring
from sysmap.canvas.sketch import Sketch, sketch_of_map
from sysmap.canvas.stakeholder_item import MARGIN
from sysmap.canvas.theme import CanvasTheme

if TYPE_CHECKING:
    from sysmap.canvas.items import MapItems, RelationshipRow

SLICE_S = 0.03
"""Longest stretch of item making between two events (the window paints in between)."""
CHUNK = 100
"""Items made between two looks at the clock."""


class SlicedBuild:
    """The first frame's sketch of a map, and the making of its items in slices.

    Parameters
    ----------
    items : MapItems
        The scene's (still empty) items for the map; their overview gets the sketch.
    theme : CanvasTheme
        The paper and line colours the sketch is drawn in.
    done : callable
        Called once every item is made (by a slice, or by :meth:`finish`).
    """

    def __init__(self, items: MapItems, theme: CanvasTheme, done: Callable[[], None]) -> None:
        self.items = items
        self._done = done
        system_map = items.map
        self._rows: list[RelationshipRow] = list(system_map.relationship_rows())
        self.colouring = Colouring(system_map, items.colouring.attribute)
        sketch = items.overview.sketch
        _, self.rect = sketch_of_map(system_map, self.colouring, theme, sketch, self._rows)
        # What the legend counts, as the items will.
        self.kinds: Counter[str] = Counter()
        self.pinned = 0
        for _, data in system_map.stakeholder_rows():
            self.kinds[str(data.get("kind") or "")] += 1
            self.pinned += bool(data.get("pinned", False))
        self.statuses = Counter(str(row[3].get("status", "active")) for row in self._rows)
        self._nodes = system_map.stakeholder_ids()
        self._steps: Iterator[Callable[[], None]] | None = None
        items.set_overview(True)  # no item paints until all are made
        items.fit_scene_rect(self.rect)
        self._timer = QTimer()
        self._timer.setInterval(0)
        self._timer.timeout.connect(self._slice)

    # ------------------------------------------------------------------ what it shows
    def boxes(self) -> np.ndarray:
        """Each stakeholder's item box (left, top, right, bottom), as the items will have."""
        return sketched_boxes(self.items.overview.sketch)

    @property
    def started(self) -> bool:
        """Whether items are being made (the first frame has been shown)."""
        return self._timer.isActive()

    # ------------------------------------------------------------------ making the items
    def start(self) -> None:
        """Make the items in slices from now on, between events."""
        self._timer.start()

    def stop(self) -> None:
        """Stop making items (the scene shows another map)."""
        self._timer.stop()

    def _slice(self, seconds: float = SLICE_S) -> None:
        until = time.perf_counter() + seconds
        while time.perf_counter() < until:
            if not self._make(CHUNK):
                self._timer.stop()
                self._done()
                return

    def _make(self, count: int) -> bool:
        """Make up to ``count`` items, or take a finishing step; False once all is done."""
        items = self.items
        if self._nodes:
            items.build_part(self._nodes[:count], ())
            del self._nodes[:count]
        elif self._rows:
            items.build_part((), self._rows[:count])
            del self._rows[:count]
        else:
            if self._steps is None:
                self._steps = iter(items.finishing_steps(sketched=True))
            step = next(self._steps, None)
            if step is None:
                return False
            step()
        return True

    def finish(self) -> None:
        """Make every item left now, from the map as it is (it may have been edited)."""
        self._timer.stop()
        items, system_map = self.items, self.items.map
        nodes = [n for n in self._nodes if system_map.has_stakeholder(n)]
        rows = [
            (r, *system_map.all_ends()[r], system_map.relationship_fields(r))
            for r, *_ in self._rows
            if system_map.has_relationship(r)
        ]
        self._nodes, self._rows = [], []
        items.build_part(nodes, rows)
        for step in items.finishing_steps(sketched=True):
            step()
        items.overview.restyle_all()  # what an edit changed before its items were made
        self._done()

    @property
    def extent(self) -> QRectF:
        """The rectangle the items will cover."""
        return QRectF(self.rect)


def sketched_boxes(sketch: Sketch) -> np.ndarray:
    """Each sketched stakeholder's item box (left, top, right, bottom), one row each."""
    records = [record[:4] for record in sketch.node_records()]
    if not records:
        return np.zeros((0, 4))
    x, y, w, h = np.array(records, dtype=float).T
    return np.column_stack((x - MARGIN, y - MARGIN, x + w + MARGIN, y + h + MARGIN))
