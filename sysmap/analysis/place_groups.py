"""Places as groups: one national tier, tiers of government, the map's home, and which places
should be working together.

Places nest (:mod:`sysmap.model.places`): Salford sits within Greater Manchester, which sits
within the North West, within England, within the United Kingdom. So the analysis must not
treat them as flat labels:

- **One national tier.** The United Kingdom, Great Britain, England & Wales and each nation
  are where national bodies sit, not separate places that fail to talk: they form one group,
  ``National``, unless the map splits them (``national_as_one`` in its should-talk list).
- **Place gaps** compare places at the same tier (Manchester and Salford; Greater Manchester
  and Cheshire), never a place with one that contains it.
- **Tier gaps** compare a tier with the tier above it: local bodies with regional ones
  (combined authority, region, NHS area), regional bodies with national ones; where a map has
  no regional tier, local with national.
- **The home** is the place the map is about: the map's declared focus place
  (``focus_place``), else the place below national level that most stakeholders sit in. The
  home is where the system works, not a silo candidate.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import combinations, pairwise
from typing import TYPE_CHECKING

import numpy as np

from sysmap.analysis.grouping import NOT_SET, Grouping, value_text
from sysmap.analysis.ties import TieGraph
from sysmap.model.places import LEVELS, PlaceTree
from sysmap.model.vocab import Term, Vocabulary

if TYPE_CHECKING:
    from sysmap.model.system_map import SystemMap

NATIONAL = "national"
FOCUS_KEY = "focus_place"
"""Map metadata naming the place the map is about."""
TIERS = Vocabulary(
    "place tier",
    (
        Term("national", "National bodies"),
        Term("regional", "Regional bodies"),
        Term("local", "Local bodies"),
    ),
)


@dataclass(frozen=True)
class Places:
    """A map's places as the analysis groups them.

    Attributes
    ----------
    grouping : Grouping
        Stakeholders by place, national places merged into one ``national`` group.
    tiers : Grouping
        Stakeholders by tier (``national``, ``regional``, ``local``), attribute ``place_level``.
    tree : PlaceTree
        Where each place sits.
    levels : tuple of str or None
        The level of each group of ``grouping``.
    home : str or None
        The group value of the map's home place.
    """

    grouping: Grouping
    tiers: Grouping
    tree: PlaceTree
    levels: tuple[str | None, ...]
    home: str | None

    def pairs(self) -> list[tuple[str, str]]:
        """Place groups that should talk: the same tier, neither containing the other."""
        found = []
        for g, h in combinations(range(self.grouping.count), 2):
            a, b = self.grouping.values[g], self.grouping.values[h]
            if self.levels[g] != self.levels[h] or NATIONAL in (a, b):
                continue
            if not self.tree.nested(a, b):
                found.append((a, b))
        return found

    def around_home(self) -> set[str]:
        """The home place: where the system works, never a silo candidate."""
        return set() if self.home is None else {self.home}


def tier_pairs(present: Sequence[str]) -> list[tuple[str, str]]:
    """Each tier with the tier above it, among the tiers present.

    Examples
    --------
    >>> tier_pairs(["national", "regional", "local"])
    [('national', 'regional'), ('regional', 'local')]
    >>> tier_pairs(["local", "national"])
    [('national', 'local')]
    """
    tiers = [t for t in LEVELS if t in present]
    return list(pairwise(tiers))


def map_places(
    ties: TieGraph, system_map: SystemMap | None, national_as_one: bool = True
) -> Places | None:
    """Group a tie graph's stakeholders by place, or ``None`` when nobody has a place."""
    vocabulary = system_map.places if system_map is not None else Vocabulary("place")
    tree = PlaceTree(vocabulary)
    raw = [value_text(d.get("place")) for d in ties.data]
    if not any(raw):
        return None
    names = [None if v is None else tree.key(v) for v in raw]
    level_of = {n: _level(tree, n, ties, names) for n in set(names) if n is not None}
    merged = [
        NATIONAL if n is not None and national_as_one and level_of[n] == NATIONAL else n
        for n in names
    ]
    grouping = _grouping(merged, vocabulary, level_of)
    levels = tuple(NATIONAL if v == NATIONAL else level_of.get(v) for v in grouping.values)
    focus = system_map.metadata.get(FOCUS_KEY) if system_map is not None else None
    return Places(
        grouping=grouping,
        tiers=_tiers(ties, names, level_of),
        tree=tree,
        levels=levels,
        home=_home(grouping, levels, tree, focus if isinstance(focus, str) else None),
    )


def _level(tree: PlaceTree, name: str, ties: TieGraph, names: list[str | None]) -> str | None:
    """A place's level: the map's or sysmap's word, else what its stakeholders say."""
    level = tree.level(name)
    if level is not None:
        return level
    said = Counter(
        str(d.get("place_level"))
        for d, n in zip(ties.data, names, strict=True)
        if n == name and d.get("place_level") in LEVELS
    )
    return said.most_common(1)[0][0] if said else None


def _grouping(
    merged: list[str | None], vocabulary: Vocabulary, level_of: dict[str, str | None]
) -> Grouping:
    """Place groups: national first, then by level, in the vocabulary's order, then A–Z."""
    present = {v for v in merged if v is not None}
    listed = [t.key for t in vocabulary if t.key in present]
    order = {key: i for i, key in enumerate(listed)}
    rank: dict[str | None, int] = {level: i for i, level in enumerate(LEVELS)}
    rank[None] = len(LEVELS)

    def sort_key(value: str) -> tuple[int, int, str]:
        level = NATIONAL if value == NATIONAL else level_of.get(value)
        return (rank[level], order.get(value, len(order)), value.casefold())

    values = sorted(present, key=sort_key)
    position = {v: i for i, v in enumerate(values)}
    codes = np.array([NOT_SET if v is None else position[v] for v in merged], dtype=np.int64)
    labels = tuple("National" if v == NATIONAL else vocabulary.label(v) for v in values)
    return Grouping("place", codes.reshape(-1), tuple(values), labels)


def _tiers(ties: TieGraph, names: list[str | None], level_of: dict[str, str | None]) -> Grouping:
    """Stakeholders by tier: their own ``place_level``, else their place's level."""
    tiers = []
    for data, name in zip(ties.data, names, strict=True):
        own = data.get("place_level")
        tiers.append(own if own in LEVELS else level_of.get(name) if name else None)
    present = [t for t in LEVELS if t in tiers]
    position = {t: i for i, t in enumerate(present)}
    codes = np.array([NOT_SET if t is None else position[t] for t in tiers], dtype=np.int64)
    return Grouping(
        "place_level", codes.reshape(-1), tuple(present), tuple(TIERS.label(t) for t in present)
    )


def _home(
    grouping: Grouping, levels: tuple[str | None, ...], tree: PlaceTree, focus: str | None
) -> str | None:
    """The declared focus place if the map uses it, else the busiest place below national."""
    if focus:
        wanted = tree.key(focus)
        if wanted in grouping.values:
            return wanted
    sizes = grouping.sizes
    candidates = [
        g for g in range(grouping.count) if levels[g] != NATIONAL and grouping.values[g] != NATIONAL
    ]
    if not candidates:
        return None
    best = max(candidates, key=lambda g: (int(sizes[g]), -g))
    return grouping.values[best]
