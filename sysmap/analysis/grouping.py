"""Groupings: splitting stakeholders into groups by any attribute (sector, place, a user column).

Every silo and missing-link measure compares groups. A grouping gives each stakeholder the
position of its group (``-1`` when the attribute is not set: such stakeholders, and their ties,
are left out of that grouping's measures rather than lumped into a group of their own) and each
group its stored value and the name people read.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import TYPE_CHECKING, Any

import numpy as np

from sysmap.analysis.ties import IntArray, TieGraph
from sysmap.model.vocab import PLACE_LEVELS, Vocabulary

if TYPE_CHECKING:
    from sysmap.model.system_map import SystemMap

NOT_SET = -1
DEFAULT_ATTRIBUTES = ("sector", "place")
MAX_GROUPS = 20
# Stakeholder fields that are never groupings: free text, numbers and drawing details.
NOT_CATEGORICAL = frozenset(
    {
        "label",
        "description",
        "evidence",
        "tags",
        "x",
        "y",
        "pinned",
        "colour",
        "size",
        "influence",
        "interest",
        "name",
        "r",
        "g",
        "b",
    }
)

Labeller = Callable[[str], str]


@dataclass(frozen=True, eq=False)
class Grouping:
    """Stakeholders split into groups by one attribute.

    Parameters
    ----------
    attribute : str
        The attribute grouped on (``"sector"``).
    codes : numpy.ndarray of int
        The group position of each stakeholder, ``-1`` where the attribute is not set.
    values : tuple of str
        The stored value of each group (``"third_sector"``).
    labels : tuple of str
        The name of each group people read (``"Third sector"``).

    Examples
    --------
    >>> import networkx as nx
    >>> tg = TieGraph.from_networkx(nx.Graph([(1, 2)]))
    >>> tg.data[0]["club"] = "A"
    >>> g = make_grouping(tg, "club")
    >>> g.codes.tolist(), g.values, g.sizes.tolist()
    ([0, -1], ('A',), [1])
    """

    attribute: str
    codes: IntArray
    values: tuple[str, ...]
    labels: tuple[str, ...]

    @property
    def count(self) -> int:
        """Number of groups."""
        return len(self.values)

    @cached_property
    def sizes(self) -> IntArray:
        """Number of stakeholders in each group."""
        return np.bincount(self.codes[self.codes >= 0], minlength=self.count).astype(np.int64)

    @cached_property
    def code_list(self) -> list[int]:
        """The codes as a Python list (fast to read one at a time)."""
        return [int(c) for c in self.codes.tolist()]

    @cached_property
    def labelled(self) -> IntArray:
        """Positions of the stakeholders that have a value."""
        return np.flatnonzero(self.codes >= 0).astype(np.int64)

    def label(self, group: int) -> str:
        """The readable name of group ``group``."""
        return self.labels[group]

    def position(self, value: str) -> int:
        """The position of the group with stored value ``value`` (-1 when absent)."""
        try:
            return self.values.index(value)
        except ValueError:
            return NOT_SET


def value_text(value: Any) -> str | None:
    """Turn an attribute value into a group value: text, or ``None`` when unset or empty."""
    if value is None:
        return None
    if isinstance(value, bool):
        return "true" if value else "false"
    text = str(value).strip()
    return text or None


def make_grouping(ties: TieGraph, attribute: str, vocabulary: Vocabulary | None = None) -> Grouping:
    """Group stakeholders by ``attribute``.

    Groups come in the vocabulary's order (sectors as the guidance lists them), then any other
    values alphabetically; their names come from the vocabulary where it knows them.
    """
    raw = [value_text(v) for v in ties.attribute(attribute)]
    present = {v for v in raw if v is not None}
    ordered: list[str] = []
    if vocabulary is not None:
        ordered = [term.key for term in vocabulary if term.key in present]
    ordered += sorted(present - set(ordered), key=lambda v: (v.casefold(), v))
    position = {value: i for i, value in enumerate(ordered)}
    codes = np.array([NOT_SET if v is None else position[v] for v in raw], dtype=np.int64).reshape(
        -1
    )
    label: Labeller = vocabulary.label if vocabulary is not None else _humanise
    return Grouping(attribute, codes, tuple(ordered), tuple(label(v) for v in ordered))


def _humanise(value: str) -> str:
    return value


def vocabulary_for(system_map: SystemMap | None, attribute: str) -> Vocabulary | None:
    """The vocabulary that names the values of ``attribute`` in this map, if any."""
    if attribute == "place_level":
        return PLACE_LEVELS
    if system_map is None:
        return None
    names = {"sector": "sectors", "place": "places", "kind": "kinds"}
    return system_map.vocabulary(names[attribute]) if attribute in names else None


def attribute_label(attribute: str) -> str:
    """A readable name for a grouping attribute (``place_level`` → ``place level``)."""
    return attribute.replace("_", " ")


def default_attributes(ties: TieGraph) -> list[str]:
    """The groupings to analyse when the user names none (methods.md §6).

    ``sector`` and ``place`` where they split the map into at least two groups; otherwise every
    categorical attribute with 2 to 20 values.

    Examples
    --------
    >>> import networkx as nx
    >>> g = nx.Graph()
    >>> g.add_nodes_from([(1, {"team": "x", "size": 3.0}), (2, {"team": "y"})])
    >>> default_attributes(TieGraph.from_networkx(g))
    ['team']
    """
    chosen = [a for a in DEFAULT_ATTRIBUTES if _splits(ties.data, a)]
    if chosen:
        return chosen
    counts = _distinct_values(ties.data)
    return [
        name
        for name, values in sorted(counts.items())
        if name not in NOT_CATEGORICAL and 2 <= len(values) <= MAX_GROUPS
    ]


def _splits(datas: Sequence[Any], attribute: str) -> bool:
    """Whether ``attribute`` takes at least two values."""
    first = None
    for data in datas:
        value = value_text(data.get(attribute))
        if value is None:
            continue
        if first is None:
            first = value
        elif value != first:
            return True
    return False


def _distinct_values(datas: Sequence[Any]) -> dict[str, set[str]]:
    seen: dict[str, set[str]] = {}
    numeric: Counter[str] = Counter()
    for data in datas:
        for name, value in data.items():
            if isinstance(value, float):
                numeric[name] += 1
                continue
            text = value_text(value)
            if text is not None:
                seen.setdefault(name, set()).add(text)
    return {name: values for name, values in seen.items() if not numeric[name]}
