"""Where maps disagree about one stakeholder or relationship, and what was chosen.

When two tables tag the same organisation with different sectors or places, or draw the same
relationship with different statuses, neither is silently overwritten: each disagreement is
a :class:`Conflict` listing every value with the maps that gave it. Until someone settles it
the first map's value stands (maps are given in order of precedence); a choice names the value
to keep, by its key, its label or the map that gave it. The merged map records every conflict
and its choice (:mod:`sysmap.combine.record`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from sysmap.combine.names import fold
from sysmap.model.entities import AttrValue
from sysmap.model.errors import ValidationError

STAKEHOLDER_FIELDS = ("sector", "place", "kind", "influence", "interest")
"""Stakeholder fields whose disagreement is a conflict (place level follows the place)."""
RELATIONSHIP_FIELDS = ("status", "weight", "directed")
"""Relationship fields whose disagreement is a conflict."""

ConflictKey = tuple[str, str, str, str]
"""(``stakeholder`` or ``relationship``, map name, id in that map, field)."""


@dataclass(frozen=True)
class Option:
    """One value a field had, the maps that gave it, and how to show it."""

    value: AttrValue
    label: str
    maps: tuple[str, ...]


@dataclass(frozen=True)
class Conflict:
    """Maps that disagree about one field of one stakeholder or relationship.

    ``map`` and ``id`` name it where it first appears (which identifies it in a matches
    file); ``merged_id`` is its id in the merged map.
    """

    what: str
    map: str
    id: str
    name: str
    field: str
    options: tuple[Option, ...]
    chosen: AttrValue
    decided: str
    merged_id: str = ""

    @property
    def key(self) -> ConflictKey:
        """How a choice refers to this conflict."""
        return (self.what, self.map, self.id, self.field)

    @property
    def chosen_label(self) -> str:
        """The chosen value as people read it."""
        return next((o.label for o in self.options if o.value == self.chosen), str(self.chosen))

    def sentence(self) -> str:
        """One line: "HMPPS: sector Central government (justice), Local public services
        (health); kept Central government."."""
        seen = "; ".join(f"{o.label} ({', '.join(o.maps)})" for o in self.options)
        how = {"you": "you chose", "confirmed": "you kept"}.get(
            self.decided, "kept the first map's"
        )
        return f"{self.name}: {self.field.replace('_', ' ')} {seen}; {how} {self.chosen_label}."


def options_of(
    values: Sequence[tuple[str, AttrValue | None]], label: Mapping[str, str] | None = None
) -> tuple[Option, ...]:
    """The distinct values among ``(map name, value)`` pairs, first seen first; unset
    values are not a disagreement and are left out.

    Examples
    --------
    >>> [o.maps for o in options_of([("a", "x"), ("b", None), ("c", "y"), ("d", "x")])]
    [('a', 'd'), ('c',)]
    """
    names = label or {}
    found: dict[AttrValue, list[str]] = {}
    for map_name, value in values:
        if value is None or value == "":
            continue
        found.setdefault(value, []).append(map_name)
    return tuple(
        Option(value, names.get(str(value), str(value)), tuple(maps))
        for value, maps in found.items()
    )


@dataclass(frozen=True)
class Where:
    """A merged stakeholder or relationship: its name, and (map, id) of each version, first
    map first. A choice made for any version applies, so a choice survives a review that
    changes which map's version comes first."""

    name: str
    versions: tuple[tuple[str, str], ...]


def settle(
    what: str,
    where: Where,
    field: str,
    options: tuple[Option, ...],
    choices: Mapping[ConflictKey, str],
) -> Conflict:
    """The conflict over ``field`` of the item ``where``, with the choice made for it:
    ``decided`` is ``"first map"`` (no choice), ``"confirmed"`` (the choice is the first
    map's value) or ``"you"``.

    Raises
    ------
    ValidationError
        If the choice names none of the values.
    """
    map_name, item_id = where.versions[0]
    chosen, decided = options[0].value, "first map"
    for version_map, version_id in where.versions:
        text = choices.get((what, version_map, version_id, field))
        if text is not None:
            chosen = pick(options, text, where.name, field)
            decided = "confirmed" if chosen == options[0].value else "you"
            break
    return Conflict(what, map_name, item_id, where.name, field, options, chosen, decided)


def pick(options: Sequence[Option], text: str, name: str, field: str) -> AttrValue:
    """The value ``text`` names: a value, its label, or a map that gave it.

    Examples
    --------
    >>> third, private = ("third_sector", "Third sector", ("a",)), ("private", "Private", ("b",))
    >>> opts = (Option(*third), Option(*private))
    >>> pick(opts, "private", "X", "sector"), pick(opts, "Third Sector", "X", "sector")
    ('private', 'third_sector')
    >>> pick(opts, "b", "X", "sector")
    'private'
    """
    wanted = fold(text.strip())
    for option in options:
        if wanted in (fold(str(option.value)), fold(option.label)):
            return option.value
    for option in options:
        if wanted in (fold(m) for m in option.maps):
            return option.value
    shown = ", ".join(o.label for o in options)
    raise ValidationError(
        f"'{text}' is not one of the values of {name}'s {field.replace('_', ' ')} "
        f"({shown}): write one of them, or the name of the map whose value to keep."
    )
