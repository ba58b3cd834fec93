"""Should-talk pairs: which groups ought to be working together, per grouping attribute.

Missing links are judged against what *should* be connected. The defaults follow the
systems-leadership guidance:

- **sector**: citizens & communities ↔ every sector that serves them (central government,
  local public services, private sector, third sector); central government ↔ local public
  services; public (central and local) ↔ private ↔ third sector.
- **sector within a place**: any two sectors in the same place (``same_place``).
- **place level** (tiers): each tier with the tier above it — local ↔ regional ↔ national,
  or local ↔ national where a map has no regional tier (local bodies, their combined
  authority and the national departments for the same service should talk; the map does
  not say which service a body provides, so the tiers are compared as wholes).
- **place**: places at the same tier, never a place with one that contains it (worked out
  from where places sit: :mod:`.place_groups`). The national places are one tier unless
  ``national_as_one`` is false.
- any other attribute (a user column such as department or programme): every pair of its
  groups.

A map can edit the pairs; they are kept in the map's metadata under ``should_talk`` as JSON
text, so they travel with the file::

    {"pairs": {"sector": [["citizens", "central_government"], ...]}, "same_place": true}

An attribute missing from ``pairs`` takes its defaults.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from itertools import combinations
from types import MappingProxyType
from typing import TYPE_CHECKING

from sysmap.analysis.place_groups import tier_pairs
from sysmap.model.errors import ValidationError

if TYPE_CHECKING:
    from sysmap.model.system_map import SystemMap

METADATA_KEY = "should_talk"

_PUBLIC = ("central_government", "local_public_services")
_SERVING = ("central_government", "local_public_services", "private", "third_sector")
_SECTOR_DEFAULTS: tuple[tuple[str, str], ...] = (
    *(("citizens", s) for s in _SERVING),
    ("central_government", "local_public_services"),
    *((p, "private") for p in _PUBLIC),
    *((p, "third_sector") for p in _PUBLIC),
    ("private", "third_sector"),
)
GUIDANCE_DEFAULTS: Mapping[str, tuple[tuple[str, str], ...]] = MappingProxyType(
    {"sector": _SECTOR_DEFAULTS}
)
"""Pairs the guidance names for sectors; tiers and places follow from where places sit, and
other attributes default to every pair."""


def pair_key(a: str, b: str) -> tuple[str, str]:
    """The order-free key of a pair of groups.

    Examples
    --------
    >>> pair_key("b", "a") == pair_key("a", "b")
    True
    """
    return (a, b) if a <= b else (b, a)


@dataclass(frozen=True)
class ShouldTalk:
    """The groups that should be working together, for every grouping attribute.

    Parameters
    ----------
    pairs : mapping of str to tuple of (str, str)
        Pairs a map has set, per attribute; attributes not listed take the defaults.
    same_place : bool
        Whether any two sectors in the same place should talk.
    national_as_one : bool
        Whether the national places (United Kingdom, Great Britain, England & Wales, each
        nation) are one national tier, as the guidance treats them, or places of their own.

    Examples
    --------
    >>> st = ShouldTalk()
    >>> st.wants("sector", "third_sector", "citizens")
    True
    >>> st.wants("sector", "citizens", "independent")
    False
    >>> st.wants("team", "a", "b")  # a user column: every pair
    True
    >>> st.with_pairs("team", [("a", "b")]).wants("team", "a", "c")
    False
    """

    pairs: Mapping[str, tuple[tuple[str, str], ...]] = field(
        default_factory=lambda: MappingProxyType({})
    )
    same_place: bool = True
    national_as_one: bool = True

    def __post_init__(self) -> None:
        object.__setattr__(self, "pairs", MappingProxyType(dict(self.pairs)))

    def is_default(self, attribute: str) -> bool:
        """Whether ``attribute`` uses the default pairs (the map has not set its own)."""
        return attribute not in self.pairs

    def pairs_for(self, attribute: str, groups: Sequence[str]) -> list[tuple[str, str]]:
        """The should-talk pairs among ``groups`` (values present in the map), in order."""
        present = set(groups)
        if attribute in self.pairs:
            listed = self.pairs[attribute]
        elif attribute == "place_level":
            listed = tuple(tier_pairs(list(present)))
        elif attribute in GUIDANCE_DEFAULTS:
            listed = GUIDANCE_DEFAULTS[attribute]
        else:
            return list(combinations(groups, 2))
        wanted = {pair_key(a, b) for a, b in listed if a != b}
        position = {g: i for i, g in enumerate(groups)}
        found = [p for p in wanted if p[0] in present and p[1] in present]
        ordered = [(a, b) if position[a] < position[b] else (b, a) for a, b in found]
        return sorted(ordered, key=lambda p: (position[p[0]], position[p[1]]))

    def wants(self, attribute: str, a: str, b: str) -> bool:
        """Whether groups ``a`` and ``b`` of ``attribute`` should talk."""
        return a != b and bool(self.pairs_for(attribute, [a, b]))

    def with_pairs(self, attribute: str, pairs: Iterable[tuple[str, str]] | None) -> ShouldTalk:
        """Return a copy with ``attribute``'s pairs replaced (``None``: back to defaults)."""
        updated = dict(self.pairs)
        if pairs is None:
            updated.pop(attribute, None)
        else:
            updated[attribute] = tuple(sorted({pair_key(a, b) for a, b in pairs if a != b}))
        return ShouldTalk(updated, self.same_place, self.national_as_one)

    def with_same_place(self, same_place: bool) -> ShouldTalk:
        """Return a copy saying whether any two sectors in the same place should talk."""
        return ShouldTalk(self.pairs, same_place, self.national_as_one)

    def to_json(self) -> str:
        """Serialise as the compact, deterministic JSON text stored in the map."""
        data = {
            "pairs": {a: [list(p) for p in sorted(ps)] for a, ps in sorted(self.pairs.items())},
            "same_place": self.same_place,
        }
        if not self.national_as_one:
            data["national_as_one"] = False
        return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))

    @classmethod
    def from_json(cls, text: str) -> ShouldTalk:
        """Read the text written by :meth:`to_json`.

        Raises
        ------
        ValidationError
            If the text is not a should-talk list sysmap can read.
        """
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            raise ValidationError(
                "The map's list of groups that should talk is not valid JSON."
            ) from exc
        if not isinstance(data, dict) or not isinstance(data.get("pairs", {}), dict):
            raise ValidationError(
                "The map's list of groups that should talk is not laid out as expected."
            )
        pairs: dict[str, tuple[tuple[str, str], ...]] = {}
        for attribute, listed in data.get("pairs", {}).items():
            if not isinstance(listed, list) or not all(_is_pair(p) for p in listed):
                raise ValidationError(
                    f"The groups that should talk for '{attribute}' must be a list of pairs "
                    "of names."
                )
            pairs[str(attribute)] = tuple(pair_key(str(a), str(b)) for a, b in listed)
        same_place = data.get("same_place", True)
        if not isinstance(same_place, bool):
            raise ValidationError(
                "'same_place' in the map's should-talk list must be true or false."
            )
        national_as_one = data.get("national_as_one", True)
        if not isinstance(national_as_one, bool):
            raise ValidationError(
                "'national_as_one' in the map's should-talk list must be true or false."
            )
        return cls(pairs, same_place, national_as_one)


def _is_pair(item: object) -> bool:
    return isinstance(item, list) and len(item) == 2 and all(isinstance(x, str) for x in item)


def read_should_talk(metadata: Mapping[str, object]) -> ShouldTalk:
    """The should-talk pairs stored in a map's metadata, or the guidance defaults.

    Examples
    --------
    >>> read_should_talk({}).same_place
    True
    """
    text = metadata.get(METADATA_KEY)
    if not isinstance(text, str) or not text.strip():
        return ShouldTalk()
    return ShouldTalk.from_json(text)


def should_talk_of(system_map: SystemMap) -> ShouldTalk:
    """The should-talk pairs of a map."""
    return read_should_talk(system_map.metadata)


def should_talk_text(should_talk: ShouldTalk | None) -> str | None:
    """The metadata value that stores ``should_talk`` in a map (``None``: the defaults).

    Analysis never edits a map: the app stores the pairs with an undoable command
    (:class:`sysmap.gui.commands.SetShouldTalk`) under :data:`METADATA_KEY`.

    Examples
    --------
    >>> should_talk_text(ShouldTalk()) is None
    True
    >>> should_talk_text(ShouldTalk(same_place=False))
    '{"pairs":{},"same_place":false}'
    """
    if should_talk is None or should_talk == ShouldTalk():
        return None
    return should_talk.to_json()
