"""Put a file's own column onto sysmap's sector, place, place level or kind.

Maps drawn elsewhere rarely say "sector": Kumu has ``Type``, PRSM a ``style``, yEd a
``group``, Gephi a ``Modularity Class``. Rather than guess, sysmap lets the user say which
column means what (``--map-attr Type=sector`` on the command line; the import dialog in the
app). This module is the engine behind both:

- :func:`column_values` lists the columns a map could remap and the values in each;
- :func:`plan_remap` says, without changing anything, what each value would become;
- :func:`apply_remap` does it and returns the same report.

Each value is matched against the map's vocabulary by key or label, ignoring case and
spacing (``"Third Sector"`` → ``third_sector``). A value that matches nothing is kept as it is
and reported (so the map's checks flag it), unless ``add_terms`` asks for it to become a new
sector, place or kind. When the column moves onto the field it is removed from the
stakeholders' attributes (the value lives on in the field), and a stakeholder given a sector
loses any colour the file gave it, so that it is drawn in its sector's colour.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from sysmap.io.remap_fields import (
    RELATIONSHIP_FIELDS,
    STAKEHOLDER_FIELDS,
    FieldReport,
    find_column,
    remap_field,
)
from sysmap.model.errors import ValidationError
from sysmap.model.ids import slugify, unique_id
from sysmap.model.system_map import SystemMap
from sysmap.model.vocab import OKABE_ITO, PLACE_LEVELS, Term, Vocabulary

TARGETS: dict[str, str] = {
    "sector": "sectors",
    "place": "places",
    "place_level": "",
    "kind": "kinds",
    "label": "",
    "x": "",
    "y": "",
    "weight": "",
    "direction": "",
}
"""The fields a column can be put onto, with the map vocabulary each is matched against.
Label, position, weight and direction take values as they are (:mod:`sysmap.io.remap_fields`)."""


@dataclass(frozen=True)
class AttributeRemap:
    """One instruction: put the values of ``column`` onto the field ``target``."""

    column: str
    target: str

    def __post_init__(self) -> None:
        if self.target not in TARGETS:
            raise ValidationError(
                f"'{self.target}' is not a field sysmap can fill from a column; "
                f"use one of {', '.join(TARGETS)}."
            )
        if not self.column.strip():
            raise ValidationError("Say which column to use, as COLUMN=FIELD.")

    @classmethod
    def parse(cls, text: str) -> AttributeRemap:
        """Read ``COLUMN=FIELD`` (the command line's form), e.g. ``Type=sector``.

        Examples
        --------
        >>> AttributeRemap.parse("Element Type = sector")
        AttributeRemap(column='Element Type', target='sector')
        """
        column, sep, target = text.rpartition("=")
        if not sep:
            raise ValidationError(f"'{text}' should look like COLUMN=sector.")
        return cls(column.strip(), target.strip().lower().replace(" ", "_"))


@dataclass(frozen=True)
class ValueMatch:
    """What one value of the column becomes."""

    value: str
    """The value as the file has it."""
    key: str
    """What the field gets: a vocabulary key, or the value itself when nothing matched."""
    known: bool
    """Whether ``key`` is in the vocabulary (possibly because ``add_terms`` added it)."""
    count: int
    """How many stakeholders have this value."""


@dataclass
class RemapReport:
    """What a remap did, or would do (``applied`` tells which)."""

    column: str
    target: str
    matches: list[ValueMatch] = field(default_factory=list)
    without_value: int = 0
    replaced: int = 0
    added_terms: list[str] = field(default_factory=list)
    applied: bool = False

    @property
    def unknown(self) -> list[ValueMatch]:
        """Values that match nothing in the vocabulary."""
        return [m for m in self.matches if not m.known]

    def sentences(self) -> list[str]:
        """The report in plain English, one sentence per line."""
        noun = self.target.replace("_", " ")
        verb = "were" if self.applied else "would be"
        matched = [m for m in self.matches if m.known]
        lines = []
        if matched:
            listed = ", ".join(f"{m.value} → {m.key}" for m in matched[:8])
            count = sum(m.count for m in matched)
            lines.append(
                f"'{self.column}' → {noun}: {count} stakeholder(s) {verb} given a known "
                f"{noun} ({listed}{', …' if len(matched) > 8 else ''})."
            )
        if self.unknown:
            listed = ", ".join(f"'{m.value}'" for m in self.unknown[:8])
            count = sum(m.count for m in self.unknown)
            if self.target == "place":  # places are free names; a new one is no problem
                lines.append(
                    f"'{self.column}' → place: {count} stakeholder(s) {verb} given a place "
                    f"by name ({listed})."
                )
            else:
                lines.append(
                    f"'{self.column}' → {noun}: {count} stakeholder(s) have values that are "
                    f"not a {noun} this map defines ({listed}); they {verb} kept as they are."
                )
        if self.added_terms:
            lines.append(
                f"New {noun}(s) {verb} added to the map: {', '.join(self.added_terms[:8])}."
            )
        if self.replaced:
            lines.append(f"{self.replaced} stakeholder(s) {verb} given a different {noun}.")
        if not self.matches:
            lines.append(f"No stakeholder has a value in '{self.column}'; nothing to change.")
        return lines


def column_values(system_map: SystemMap) -> dict[str, Counter[str]]:
    """Return every stakeholder attribute and how often each of its values occurs."""
    found: dict[str, Counter[str]] = {}
    for _, data in system_map.graph.nodes(data=True):
        for name, value in data.items():
            if name not in _FIELD_NAMES:
                found.setdefault(name, Counter())[str(value)] += 1
    return found


def plan_remap(
    system_map: SystemMap, remap: AttributeRemap, *, add_terms: bool = False
) -> RemapReport | FieldReport:
    """Say what :func:`apply_remap` would do, changing nothing (a dry run)."""
    if remap.target in STAKEHOLDER_FIELDS + RELATIONSHIP_FIELDS:
        return remap_field(system_map, remap.column, remap.target, apply=False)
    return _remap(system_map, remap, add_terms=add_terms, apply=False)


def apply_remap(
    system_map: SystemMap, remap: AttributeRemap, *, add_terms: bool = False
) -> RemapReport | FieldReport:
    """Put the column's values onto the field, through the map's own methods.

    Raises
    ------
    ValidationError
        If no stakeholder attribute has the column's name.
    """
    if remap.target in STAKEHOLDER_FIELDS + RELATIONSHIP_FIELDS:
        return remap_field(system_map, remap.column, remap.target, apply=True)
    return _remap(system_map, remap, add_terms=add_terms, apply=True)


_FIELD_NAMES = frozenset(
    {"label", "kind", "sector", "place", "place_level", "description", "tags", "influence"}
    | {"interest", "evidence", "x", "y", "pinned", "colour", "size"}
)


def _remap(
    system_map: SystemMap, remap: AttributeRemap, *, add_terms: bool, apply: bool
) -> RemapReport:
    column = find_column(column_values(system_map), remap.column, "stakeholder")
    values: dict[str, str] = {}
    report = RemapReport(column, remap.target, applied=apply)
    for node_id, data in system_map.graph.nodes(data=True):
        value = str(data.get(column, "")).strip()
        if value:
            values[node_id] = value
        else:
            report.without_value += 1
    vocabulary = _vocabulary(system_map, remap.target)
    keys: dict[str, str] = {}
    for value, count in Counter(values.values()).most_common():
        key = vocabulary.key_for(value)
        if key is None and add_terms and TARGETS[remap.target]:
            key = unique_id(_term_key(value, remap.target), vocabulary.keys())
            vocabulary = vocabulary.with_term(_new_term(key, value, remap.target, vocabulary))
            report.added_terms.append(value)
        keys[value] = key if key is not None else value
        report.matches.append(ValueMatch(value, keys[value], key is not None, count))
    report.replaced = sum(
        1
        for node_id, value in values.items()
        if system_map.graph.nodes[node_id].get(remap.target) not in (None, keys[value])
    )
    if apply:
        if report.added_terms and TARGETS[remap.target]:
            system_map.set_vocabulary(TARGETS[remap.target], vocabulary)
        for node_id, value in values.items():
            _move(system_map, node_id, column, remap.target, keys[value])
    return report


def _vocabulary(system_map: SystemMap, target: str) -> Vocabulary:
    name = TARGETS[target]
    return system_map.vocabulary(name) if name else PLACE_LEVELS


def _term_key(value: str, target: str) -> str:
    # Sector and kind keys are snake_case like the defaults; places are keyed by their name.
    return value if target == "place" else slugify(value, "term").replace("-", "_")


def _new_term(key: str, value: str, target: str, vocabulary: Vocabulary) -> Term:
    colour = OKABE_ITO[len(vocabulary) % len(OKABE_ITO)] if target == "sector" else None
    return Term(key, value, colour)


def _move(system_map: SystemMap, node_id: str, column: str, target: str, key: str) -> None:
    stakeholder = system_map.stakeholder(node_id)
    attributes: dict[str, Any] = dict(stakeholder.attributes)
    attributes.pop(column, None)
    changes: dict[str, Any] = {"attributes": attributes, target: key}
    if target == "sector":
        changes["colour"] = None
    system_map.update_stakeholder(node_id, **changes)
