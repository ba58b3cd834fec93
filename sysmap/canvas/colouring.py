"""Which colour each stakeholder gets: by sector (default), place, or any attribute.

A :class:`Colouring` keeps the values of one attribute, how many stakeholders use each, and
the colour of each value. Sector and place take the map's vocabulary colours; other values
take the Okabe–Ito palette in order of first use, so a value keeps its colour while the map
is edited. Updates are O(1) per stakeholder, so colouring a 10,000-stakeholder map and then
editing one of them does no whole-map work.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Mapping
from typing import Any

from sysmap.model.system_map import SystemMap
from sysmap.model.vocab import OKABE_ITO, PLACE_LEVELS, UNKNOWN_COLOUR

NOT_SET = "Not set"
OTHER_COLOUR = "#C8C8C8"

# Attributes whose stored value is a vocabulary key, and the vocabulary that names it.
_VOCABULARY_OF = {"sector": "sectors", "place": "places", "kind": "kinds"}
ATTRIBUTE_TITLES = {
    "sector": "Sector",
    "place": "Place",
    "place_level": "Place level",
    "kind": "Kind",
}


class Colouring:
    """Colours stakeholders by the value of one attribute.

    Parameters
    ----------
    system_map : SystemMap
        The map whose vocabularies name and colour the values.
    attribute : str
        ``"sector"``, ``"place"``, ``"place_level"``, ``"kind"`` or a custom attribute.

    Examples
    --------
    >>> from sysmap.model import Stakeholder
    >>> m = SystemMap()
    >>> _ = m.add_stakeholder(Stakeholder("A", sector="private"))
    >>> c = Colouring(m, "sector")
    >>> c.add(m.stakeholder_fields("a"))
    '#E69F00'
    >>> [(label, colour, count) for _key, label, colour, count in c.entries()]
    [('Private sector', '#E69F00', 1)]
    """

    def __init__(self, system_map: SystemMap, attribute: str = "sector") -> None:
        self.system_map = system_map
        self.attribute = attribute
        self._counts: Counter[Any] = Counter()
        self._assigned: dict[Any, str] = {}

    @property
    def title(self) -> str:
        """What the legend calls the attribute ("Sector", "Place", "Department")."""
        return ATTRIBUTE_TITLES.get(self.attribute, self.attribute.replace("_", " ").capitalize())

    def value_of(self, data: Mapping[str, Any]) -> Any:
        """Return the value this colouring reads from a stakeholder's data (``None`` if unset)."""
        value = data.get(self.attribute)
        return None if value == "" else value

    def colour_for(self, data: Mapping[str, Any]) -> str:
        """Return the fill for a stakeholder, without counting it."""
        own = data.get("colour")
        if self.attribute == "sector" and isinstance(own, str):
            return own  # a colour kept from a file drawn elsewhere
        return self._colour_of_value(self.value_of(data))

    def add(self, data: Mapping[str, Any]) -> str:
        """Count a stakeholder shown on the map; return its fill."""
        self._counts[self.value_of(data)] += 1
        return self.colour_for(data)

    def remove(self, data: Mapping[str, Any]) -> None:
        """Stop counting a stakeholder (before it changes or leaves the map)."""
        value = self.value_of(data)
        self._counts[value] -= 1
        if self._counts[value] <= 0:
            del self._counts[value]

    def entries(self) -> list[tuple[Any, str, str, int]]:
        """Return ``(value, label, colour, count)`` for each value in use, in legend order."""
        order = self._legend_order()
        return [(v, self.label_of(v), self._colour_of_value(v), self._counts[v]) for v in order]

    def label_of(self, value: Any) -> str:
        """Return how the legend names a value."""
        if value is None:
            return NOT_SET
        if isinstance(value, bool):
            return "Yes" if value else "No"
        vocabulary = _VOCABULARY_OF.get(self.attribute)
        if vocabulary is not None:
            return self.system_map.vocabulary(vocabulary).label(str(value))
        if self.attribute == "place_level":
            return PLACE_LEVELS.label(str(value))
        return str(value)

    # ------------------------------------------------------------------ internals
    def _vocabulary_colour(self, value: Any) -> str | None:
        vocabulary = _VOCABULARY_OF.get(self.attribute)
        if vocabulary is None or value is None:
            return None
        term = self.system_map.vocabulary(vocabulary).get(str(value))
        return term.colour if term is not None and term.colour else None

    def _vocabulary_colours(self) -> set[str]:
        vocabulary = _VOCABULARY_OF.get(self.attribute)
        if vocabulary is None:
            return set()
        return {t.colour for t in self.system_map.vocabulary(vocabulary) if t.colour}

    def _colour_of_value(self, value: Any) -> str:
        if value is None:
            return UNKNOWN_COLOUR
        own = self._vocabulary_colour(value)
        if own is not None:
            return own
        if value not in self._assigned:
            # Black (the palette's last colour) would hide the outline; later values share grey.
            taken = set(self._assigned.values()) | self._vocabulary_colours()
            free = [c for c in OKABE_ITO[:-1] if c not in taken]
            self._assigned[value] = free[0] if free else OTHER_COLOUR
        return self._assigned[value]

    def _legend_order(self) -> list[Any]:
        vocabulary = _VOCABULARY_OF.get(self.attribute)
        known: list[Any] = []
        if vocabulary is not None:
            terms = self.system_map.vocabulary(vocabulary)
            known = [t.key for t in terms if t.key in self._counts]
        elif self.attribute == "place_level":
            known = [t.key for t in PLACE_LEVELS if t.key in self._counts]
        rest = [v for v in self._counts if v not in known and v is not None]
        rest.sort(key=lambda v: (-self._counts[v], str(v)))
        tail = [None] if None in self._counts else []
        return known + rest + tail
