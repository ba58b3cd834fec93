"""Which of a file's columns could hold a stakeholder's label or position, or a
relationship's weight or direction, and which one a column's name says does.

A column is a candidate when its values fit the field (numbers for a position or a weight,
direction words for a direction, names for a label). It is suggested, chosen already in the
dialog for the user to confirm, only when its name says so (``station name``, ``x
coordinate``, ``latitude``, ``strength``, ``arrow``) and the map lacks that field: labels
that are only ids, stakeholders without a position, relationships without a weight.
"""

from __future__ import annotations

import re
from collections import Counter

from sysmap.io.remap_fields import (
    DIRECTION_WORDS,
    relationship_columns,
    stakeholder_columns,
)
from sysmap.model import SystemMap

FIELDS = {
    "label": "Label",
    "x": "X position",
    "y": "Y position",
    "weight": "Weight",
    "direction": "Direction",
}
"""The fields a column can fill as it is, with the names the dialog shows."""
NAME_WORDS = {
    "label": ("name", "label", "title"),
    "x": ("x", "lon", "lng", "long", "longitude", "easting"),
    "y": ("y", "lat", "latitude", "northing"),
    "weight": ("weight", "strength", "intensity"),
    "direction": ("direction", "directed", "arrow", "arrows"),
}


def field_candidates(system_map: SystemMap, target: str) -> dict[str, Counter[str]]:
    """The columns whose every value fits ``target``, by name."""
    on_stakeholders = target in ("label", "x", "y")
    columns = (
        stakeholder_columns(system_map) if on_stakeholders else relationship_columns(system_map)
    )
    fits = {
        "label": _names,
        "x": _numbers,
        "y": _numbers,
        "weight": _weights,
        "direction": _directions,
    }[target]
    return {name: values for name, values in sorted(columns.items()) if fits(values)}


def suggested_fields(system_map: SystemMap, unpositioned: frozenset[str]) -> dict[str, str]:
    """Field → the column whose name says it fills a field the map lacks."""
    lacking = {
        "label": _labels_are_ids(system_map),
        "x": bool(unpositioned),
        "y": bool(unpositioned),
        "weight": system_map.relationship_count > 0
        and all(r.weight is None for r in system_map.relationships()),
        "direction": True,
    }
    found = {}
    for target, words in NAME_WORDS.items():
        if not lacking[target]:
            continue
        for column in field_candidates(system_map, target):
            if set(re.findall(r"[a-z]+", column.casefold())) & set(words):
                found[target] = column
                break
    return found


def _labels_are_ids(system_map: SystemMap) -> bool:
    count = system_map.stakeholder_count
    same = sum(1 for s in system_map.stakeholders() if s.label == s.id)
    return count > 0 and same * 2 > count


def _numbers(values: Counter[str]) -> bool:
    try:
        return all(float(v) == float(v) for v in values)
    except ValueError:
        return False


def _weights(values: Counter[str]) -> bool:
    return _numbers(values) and all(float(v) >= 0 for v in values)


def _directions(values: Counter[str]) -> bool:
    return all(v.strip().casefold() in DIRECTION_WORDS for v in values)


def _names(values: Counter[str]) -> bool:
    """Text that names things: not numbers, and mostly different from one another."""
    if _numbers(values):
        return False
    return len(values) * 2 >= sum(values.values())
