"""Put a file's column onto a stakeholder's label or position, or a relationship's weight or
direction.

Files from elsewhere often hold these under other names: a station's name in ``station
name``, its place in ``x coordinate`` and ``y coordinate`` (or ``longitude`` and
``latitude``), a tie's strength in ``strength``, its direction in ``arrow``. The user says
which column is which (``--map-attr "station name=label"``, or the dialog on opening), and
this module does it, value by value: a label must be text, a position or weight a number (a
weight 0 or more), a direction a word such as "directed", "one-way", "mutual" or "both".
A value that does not fit is left where it was and reported. A column named as a latitude or
northing is mirrored, so that north is up on screen (sysmap's y axis points down).
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any

from sysmap.model.entities import Relationship, Stakeholder
from sysmap.model.errors import ValidationError
from sysmap.model.limits import MAX_COORDINATE
from sysmap.model.system_map import SystemMap

STAKEHOLDER_FIELDS = ("label", "x", "y")
RELATIONSHIP_FIELDS = ("weight", "direction")
FIELD_NOUNS = {
    "label": "label",
    "x": "x position",
    "y": "y position",
    "weight": "weight",
    "direction": "direction",
}
DIRECTION_WORDS = {
    **dict.fromkeys(("directed", "one-way", "one way", "->", "true", "yes", "1"), True),
    **dict.fromkeys(
        ("undirected", "mutual", "two-way", "two way", "both", "<->", "false", "no", "0"), False
    ),
}
_NORTH_UP = ("lat", "latitude", "northing")


@dataclass
class FieldReport:
    """What putting a column onto a field did, or would do."""

    column: str
    target: str
    changed: list[str] = field(default_factory=list)
    """Ids of the stakeholders or relationships given a value."""
    unusable: Counter[str] = field(default_factory=Counter)
    """Values that do not fit the field, and how often each occurs."""
    mirrored: bool = False
    applied: bool = False

    @property
    def unknown(self) -> list[str]:
        """The values that do not fit."""
        return list(self.unusable)

    def sentences(self) -> list[str]:
        """The report in plain English, one sentence per line."""
        verb = "were" if self.applied else "would be"
        noun = FIELD_NOUNS[self.target]
        things = "stakeholder(s)" if self.target in STAKEHOLDER_FIELDS else "relationship(s)"
        lines = []
        if self.changed:
            north = " (mirrored, so that north is up)" if self.mirrored else ""
            lines.append(
                f"'{self.column}' → {noun}: {len(self.changed)} {things} {verb} given their "
                f"{noun} from it{north}."
            )
        if self.unusable:
            listed = ", ".join(f"'{v}'" for v in list(self.unusable)[:6])
            lines.append(
                f"'{self.column}' → {noun}: {sum(self.unusable.values())} {things} have values "
                f"that are not a {_what(self.target)} ({listed}); they {verb} left as they are."
            )
        if not self.changed and not self.unusable:
            lines.append(f"Nothing has a value in '{self.column}'; nothing to change.")
        return lines


def _what(target: str) -> str:
    return {
        "label": "label",
        "x": "number",
        "y": "number",
        "weight": "number from 0 up",
        "direction": "direction sysmap knows (directed, one-way, mutual, both…)",
    }[target]


def relationship_columns(system_map: SystemMap) -> dict[str, Counter[str]]:
    """Every relationship attribute and how often each of its values occurs."""
    return _columns(system_map.relationships())


def stakeholder_columns(system_map: SystemMap) -> dict[str, Counter[str]]:
    """Every stakeholder attribute and how often each of its values occurs."""
    return _columns(system_map.stakeholders())


def _columns(items: Iterable[Stakeholder | Relationship]) -> dict[str, Counter[str]]:
    found: dict[str, Counter[str]] = {}
    for item in items:
        for name, value in item.attributes.items():
            found.setdefault(name, Counter())[str(value)] += 1
    return found


def remap_field(system_map: SystemMap, column: str, target: str, apply: bool) -> FieldReport:
    """Put ``column`` onto ``target`` (see the module docstring); change nothing unless
    ``apply``.

    Raises
    ------
    ValidationError
        If nothing has an attribute called ``column``.
    """
    on_stakeholders = target in STAKEHOLDER_FIELDS
    columns = (
        stakeholder_columns(system_map) if on_stakeholders else relationship_columns(system_map)
    )
    column = find_column(columns, column, "stakeholder" if on_stakeholders else "relationship")
    report = FieldReport(column, target, applied=apply)
    report.mirrored = target == "y" and column.casefold().strip() in _NORTH_UP
    items: list[Stakeholder | Relationship] = [
        *(system_map.stakeholders() if on_stakeholders else system_map.relationships())
    ]
    for item in items:
        if column not in item.attributes:
            continue
        raw = item.attributes[column]
        value = _value(target, raw)
        if value is None:
            report.unusable[str(raw)] += 1
            continue
        if report.mirrored:
            value = 0.0 - value
        report.changed.append(item.id)
        if apply:
            _move(system_map, item.id, column, target, value, on_stakeholders)
    return report


def find_column(columns: Iterable[str], column: str, noun: str) -> str:
    """The name among ``columns`` meant by ``column``: exact, or the one equal but for case.

    Raises
    ------
    ValidationError
        If none (or several) fit; the sentence lists the attributes the ``noun`` has.
    """
    names = set(columns)
    if column in names:
        return column
    folded = [n for n in names if n.casefold() == column.casefold()]
    if len(folded) == 1:
        return folded[0]
    available = ", ".join(f"'{n}'" for n in sorted(names)[:12]) or "none"
    raise ValidationError(
        f"No {noun} has an attribute called '{column}'; the attributes are: {available}."
    )


def _value(target: str, raw: Any) -> Any:
    if target == "label":
        text = str(raw).strip()
        return text or None
    if target == "direction":
        return DIRECTION_WORDS.get(str(raw).strip().casefold())
    number = _number(raw)
    if number is None or abs(number) > MAX_COORDINATE:
        return None
    if target == "weight" and number < 0:
        return None
    return number


def _number(raw: Any) -> float | None:
    if isinstance(raw, bool):
        return None
    try:
        number = float(str(raw).strip()) if isinstance(raw, str) else float(raw)
    except (TypeError, ValueError):
        return None
    return number if math.isfinite(number) else None


def _move(
    system_map: SystemMap, item_id: str, column: str, target: str, value: Any, node: bool
) -> None:
    item = system_map.stakeholder(item_id) if node else system_map.relationship(item_id)
    attributes: dict[str, Any] = dict(item.attributes)
    attributes.pop(column, None)
    old_label = getattr(item, "label", None)
    if target == "label" and old_label not in (item_id, value):
        attributes["label (original)"] = old_label  # a name the file gave is not thrown away
    name = "directed" if target == "direction" else target
    if node:
        system_map.update_stakeholder(item_id, attributes=attributes, **{name: value})
    else:
        system_map.update_relationship(item_id, attributes=attributes, **{name: value})
