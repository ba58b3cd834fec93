"""What every map layout shares: reading the map, grouping, and the final tidy-up."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterable, Mapping
from typing import Any

import numpy as np

from sysmap.layout.force import force_positions
from sysmap.layout.line_nudge import clear_table_lines
from sysmap.layout.nodes import FloatArray, IntArray, NodeTable, Position, node_table
from sysmap.layout.overlap import remove_overlaps
from sysmap.layout.result import Guide, LayoutResult
from sysmap.model.progress import NO_PROGRESS, Progress
from sysmap.model.system_map import SystemMap
from sysmap.model.vocab import Vocabulary

NOT_TIES = ("missing", "proposed")
"""Statuses that are not (yet) real relationships: they do not count as steps or ties."""


def map_table(
    system_map: SystemMap, fixed: Mapping[str, Position] | None, skip: Iterable[str] = ()
) -> NodeTable:
    """Read a map into a :class:`NodeTable`, holding ``fixed`` stakeholders in place."""
    known = {k: v for k, v in (fixed or {}).items() if system_map.has_stakeholder(k)}
    return node_table(system_map.network(), known, skip)


def finish(
    table: NodeTable, xy: FloatArray, guides: Iterable[Guide], tracker: Progress
) -> LayoutResult:
    """Clear any remaining overlaps (pinned stakeholders stay put) and build the result."""
    return LayoutResult(by_id(table.positions(tidy(table, xy, tracker))), tuple(guides))


def tidy(
    table: NodeTable,
    xy: FloatArray,
    tracker: Progress,
    clear: bool = False,
    bounds: FloatArray | None = None,
) -> FloatArray:
    """Clear any remaining overlaps (pinned stakeholders stay put); return the centres.

    With ``clear``, stakeholders are then moved off the lines that pass through them
    (:func:`sysmap.layout.line_nudge.clear_table_lines`), their centres kept within
    ``bounds`` (rows of ``x_min, x_max, y_min, y_max``) if given.
    """
    xy = np.where(table.fixed[:, None], table.start, xy)
    boxes = tracker.part(0.0, 0.5) if clear else tracker
    xy = remove_overlaps(xy, table.width, table.height, ~table.fixed, tracker=boxes)
    if clear:
        xy = clear_table_lines(table, xy, tracker.part(0.5, 1.0), bounds)
    return xy


def force_layout(
    system_map: SystemMap,
    fixed: Mapping[str, Position] | None = None,
    progress: Progress | None = None,
) -> LayoutResult:
    """Force-directed: related stakeholders sit together; unrelated ones spread out.

    Every relationship pulls, whatever its status (a missing or proposed link is drawn, so
    its two ends are best kept near each other). Finally stakeholders are moved off the
    lines that pass through them (:mod:`sysmap.layout.line_nudge`).
    """
    tracker = progress or NO_PROGRESS
    table = map_table(system_map, fixed)
    xy = force_positions(table, tracker=tracker.part(0.0, 0.9))
    xy = clear_table_lines(table, xy, tracker.part(0.9, 1.0))
    return LayoutResult(by_id(table.positions(xy)))


def groups_in_order(
    table: NodeTable,
    key: Callable[[Mapping[str, Any]], str | None],
    order: Iterable[str],
    among: IntArray | None = None,
) -> list[tuple[str | None, IntArray]]:
    """Group stakeholders by ``key(data)``: known keys in ``order``, others A–Z, None last.

    Only the stakeholders in ``among`` (default: every one that is free to move) are grouped.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_nodes_from([("a", {"s": "y"}), ("b", {"s": "x"}), ("c", {}), ("d", {"s": "z"})])
    >>> t = node_table(g)
    >>> [(k, m.tolist()) for k, m in groups_in_order(t, lambda d: d.get("s"), ["z", "y"])]
    [('z', [3]), ('y', [0]), ('x', [1]), (None, [2])]
    """
    if among is None:
        among = np.flatnonzero(~table.fixed)
    members: dict[str | None, list[int]] = {}
    for i in among.tolist():
        members.setdefault(key(table.data[i]), []).append(i)
    ranked = {k: r for r, k in enumerate(order)}
    keys = sorted(
        members,
        key=lambda k: (k is None, ranked.get(k, len(ranked)) if k is not None else 0, k or ""),
    )
    return [(k, np.asarray(members[k], dtype=np.int64)) for k in keys]


def text_of(data: Mapping[str, Any], name: str) -> str | None:
    """A stakeholder's text field, or ``None`` when it is missing or blank."""
    value = data.get(name)
    if value is None:
        return None
    text = str(value).strip()
    return text or None


def sector_of(data: Mapping[str, Any]) -> str | None:
    """A stakeholder's sector key, or ``None``."""
    return text_of(data, "sector")


def group_label(vocabulary: Vocabulary, key: str | None, missing: str) -> str:
    """What people read for a group: the vocabulary's label, or ``missing`` for none."""
    return missing if key is None else vocabulary.label(key)


def reading_order(table: NodeTable, members: IntArray, sectors: Vocabulary) -> IntArray:
    """Sort stakeholders by sector (in the map's order), then by label."""
    ranked = {k: r for r, k in enumerate(sectors.keys())}

    def sort_key(i: int) -> tuple[int, str, str]:
        sector = sector_of(table.data[i])
        rank = ranked.get(sector, len(ranked)) if sector is not None else len(ranked) + 1
        return (rank, sector or "", str(table.data[i].get("label", table.ids[i])).casefold())

    return np.asarray(sorted(members.tolist(), key=sort_key), dtype=np.int64)


def by_id(positions: Mapping[Hashable, Position]) -> dict[str, Position]:
    return {str(node): xy for node, xy in positions.items()}
