"""A big map's first picture painted from the file's columns, before the map exists.

The reading process sends a :class:`~sysmap.io.map_preview.MapPreview` (positions, names,
kinds, colours, line ends) as soon as it has parsed the file, and builds the map meanwhile.
:class:`PreviewBuild` stands in the scene where a :class:`~sysmap.canvas.item_build.SlicedBuild`
would: it files the preview's sketch in the overview, the map's extent and the legend's
counts, and has no items to make. The scene shows an empty map (the file's title and
vocabularies) behind it, so nothing can be clicked, selected or edited; when the map
arrives the scene shows it instead, drawn again from the map itself.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator, Mapping
from typing import TYPE_CHECKING, Any

import numpy as np
from PySide6.QtCore import QRectF

from sysmap.canvas.colouring import Colouring
from sysmap.canvas.item_build import sketched_boxes
from sysmap.canvas.sketch import EdgeRecord, Sketch, line_colours, sketch_stakeholders
from sysmap.canvas.theme import CanvasTheme

if TYPE_CHECKING:
    from sysmap.canvas.items import MapItems
    from sysmap.io.map_preview import MapPreview


class PreviewBuild:
    """The first picture of a map still being read: a sketch, an extent and legend counts.

    Parameters
    ----------
    items : MapItems
        The scene's items for the preview's (empty) header map; their overview gets the
        sketch and stays on.
    preview : MapPreview
        What the reading process sent.
    theme : CanvasTheme
        The paper and line colours the sketch is drawn in.
    """

    def __init__(self, items: MapItems, preview: MapPreview, theme: CanvasTheme) -> None:
        self.items = items
        self.preview = preview
        self.colouring = Colouring(items.map, items.colouring.attribute)
        self.rect = sketch_of_preview(preview, self.colouring, theme, items.overview.sketch)
        self.kinds: Counter[str] = Counter(look.get("kind", "") for look in preview.looks)
        self.statuses: Counter[str] = Counter(preview.statuses)
        self.pinned = preview.pinned
        items.set_overview(True)
        items.fit_scene_rect(self.rect)

    def boxes(self) -> np.ndarray:
        """Each stakeholder's box (left, top, right, bottom), as its item will have."""
        return sketched_boxes(self.items.overview.sketch)

    @property
    def started(self) -> bool:
        """Always: there are no items to make (the map they need is not there yet)."""
        return True

    def start(self) -> None:
        """Nothing to make."""

    def stop(self) -> None:
        """Nothing is being made."""

    def finish(self) -> None:
        """Nothing to make: the map's own items come with the map."""

    @property
    def extent(self) -> QRectF:
        """The rectangle the map's items will cover."""
        return QRectF(self.rect)


def sketch_of_preview(
    preview: MapPreview, colouring: Colouring, theme: CanvasTheme, sketch: Sketch
) -> QRectF:
    """File the preview's boxes and lines in ``sketch`` as :func:`sketch_of_map` would the
    map's (the same records, in the same order); return the rectangle the items would cover.
    """
    x, y = preview.x.tolist(), preview.y.tolist()

    def stakeholders() -> Iterator[tuple[str, Mapping[str, Any]]]:
        for node_id, label, look, at_x, at_y in zip(
            preview.ids, preview.labels, preview.looks, x, y, strict=True
        ):
            yield node_id, {"label": label, "x": at_x, "y": at_y, **look}

    rect = sketch_stakeholders(sketch, stakeholders(), colouring)
    colour_of = line_colours(theme)
    ends = zip(preview.sources, preview.targets, strict=True)

    def lines() -> Iterator[tuple[str, EdgeRecord]]:
        for rel_id, status, (a, b) in zip(
            preview.relationship_ids, preview.statuses, ends, strict=True
        ):
            yield rel_id, (x[a], y[a], x[b], y[b], colour_of(status), 0)

    sketch.set_edges(lines())
    return rect
