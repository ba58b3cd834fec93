"""A map's first picture, taken from a file's parsed records before the map is built.

Opening a 5,000-stakeholder map, the window's first picture needs only where each
stakeholder is, how big its box is (its name and kind), what colours it (its sector, place,
kind or own colour), and which stakeholders each relationship joins and its status.
Building and checking the map itself takes as long again as parsing the file. So a reader
that parsed a sysmap file hands these columns over at once (:func:`offer_preview`), to
whoever listens in this context (:func:`previewing`: the window's reading process, which
sends them home while it builds the map); the window paints them, and the map, built and
checked as always, replaces the picture when it arrives.

Only what the map will certainly hold is offered: a sysmap file whose stakeholders all
have a position, with no nested graphs. Anything else (a file from another tool, where
labels and colours come from many places) gives no preview, and the window waits for the
map as before. A file the map refuses later may have been previewed: the window then goes
back to where it was. No Qt here (the reading process runs it).
"""

from __future__ import annotations

import math
from array import array
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sysmap.io.graphml_schema import ORIGINAL_ID, is_colour
from sysmap.model.ids import relationship_id
from sysmap.model.limits import MAX_COORDINATE
from sysmap.model.system_map import SystemMap

if TYPE_CHECKING:
    from sysmap.io.graphml_parse import RawGraph, RawNode

LOOKS = ("kind", "sector", "place", "place_level")
"""The stakeholder fields a picture may be coloured or shaped by (besides ``colour``)."""


@dataclass(frozen=True)
class MapPreview:
    """What a map's first picture needs, in the map's order, as plain columns.

    Attributes
    ----------
    header : SystemMap
        An empty map with the file's title and vocabularies (which colour a sector, a place
        or a kind).
    ids, labels : list of str
        Each stakeholder's id and name.
    looks : list of dict
        Each stakeholder's kind, sector, place, place level and own colour, where set.
    x, y : array.array
        Each stakeholder's position (its box's centre), as doubles.
    pinned : int
        How many stakeholders are pinned (the legend says so).
    relationship_ids, statuses : list of str
        Each relationship's id and status.
    sources, targets : array.array
        Each relationship's source and target, as rows of ``ids``.
    """

    header: SystemMap
    ids: list[str]
    labels: list[str]
    looks: list[dict[str, str]]
    x: array[float]
    y: array[float]
    pinned: int
    relationship_ids: list[str]
    statuses: list[str]
    sources: array[int]
    targets: array[int]

    @property
    def stakeholder_count(self) -> int:
        """How many stakeholders the map will hold."""
        return len(self.ids)


Listener = Callable[[MapPreview], object]
_listener: ContextVar[Listener | None] = ContextVar("sysmap_preview_listener", default=None)


@contextmanager
def previewing(listener: Listener) -> Iterator[None]:
    """Hand ``listener`` the preview of every sysmap file read in this context."""
    token = _listener.set(listener)
    try:
        yield
    finally:
        _listener.reset(token)


def wanted() -> bool:
    """Whether anything listens for a preview (else a reader need not make one)."""
    return _listener.get() is not None


def offer_preview(raw: RawGraph, header: SystemMap | None, flip_y: bool = False) -> None:
    """Give the listener the preview of parsed records, if they allow a sure one.

    ``header`` is the map as its graph data make it (title, vocabularies), or ``None`` for a
    file that is not sysmap's own; ``flip_y``, whether the file's y axis points up.
    """
    listener = _listener.get()
    if listener is None or header is None:
        return
    preview = preview_of_records(raw, header, flip_y)
    if preview is not None:
        listener(preview)


def preview_of_records(raw: RawGraph, header: SystemMap, flip_y: bool = False) -> MapPreview | None:
    """The preview of a sysmap file's records, or ``None`` where it could differ from the map.

    Reads the records as :mod:`sysmap.io.graphml_read` does for sysmap's own files (whose
    y axis points up, as in yEd: ``flip_y``).
    """
    rows: dict[str, int] = {}
    ids: list[str] = []
    labels: list[str] = []
    looks: list[dict[str, str]] = []
    xs: list[float] = []
    ys: list[float] = []
    pinned = 0
    for node in raw.nodes:
        data = node.data
        x, y = _coordinate(data.get("x")), _coordinate(data.get("y"))
        if x is None or y is None or node.is_group or node.parent is not None:
            return None  # laid out, grouped or refused by the reader: not known yet
        if node.id in rows:
            return None  # refused by the reader
        rows[node.id] = len(ids)
        own = data.get(ORIGINAL_ID)
        ids.append(own if isinstance(own, str) else node.id)
        labels.append(_label(node))
        looks.append(_looks(data))
        xs.append(x)
        ys.append(0.0 - y if flip_y else y)
        pinned += data.get("pinned") is True
    sources, targets = array("l"), array("l")
    relationship_ids: list[str] = []
    statuses: list[str] = []
    taken: set[str] = set()
    for edge in raw.edges:
        source, target = rows.get(edge.source), rows.get(edge.target)
        if source is None or target is None:
            return None  # refused by the reader
        sources.append(source)
        targets.append(target)
        data = edge.data
        own = data.get(ORIGINAL_ID)
        rel_id = own if isinstance(own, str) else edge.id
        if not rel_id or rel_id in taken:  # as the reader names it
            relation = str(data["relation"]) if "relation" in data else None
            rel_id = relationship_id(ids[source], relation, ids[target], taken)
        taken.add(rel_id)
        relationship_ids.append(rel_id)
        statuses.append(str(data.get("status", "active")))
    return MapPreview(
        header,
        ids,
        labels,
        looks,
        array("d", xs),
        array("d", ys),
        pinned,
        relationship_ids,
        statuses,
        sources,
        targets,
    )


def _coordinate(value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float):
        return None  # text (read as a number by the reader), missing or refused
    number = float(value)
    # Beyond the map's bounds the reader refuses it, and a picture that wide cannot be drawn.
    return number if math.isfinite(number) and abs(number) <= MAX_COORDINATE else None


def _label(node: RawNode) -> str:
    label = node.data.get("label")
    return label.strip() if isinstance(label, str) and label.strip() else node.id


def _looks(data: dict[str, Any]) -> dict[str, str]:
    looks = {name: str(data[name]) for name in LOOKS if name in data and str(data[name])}
    colour = data.get("colour")
    if isinstance(colour, str) and is_colour(colour):
        looks["colour"] = colour.upper()
    return looks
