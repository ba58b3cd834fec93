"""How relationships become tie strengths, and the sentences that say so.

A map can hold several relationships between two stakeholders, in either direction. The
analysis runs on one undirected tie per pair, whose **strength** is worked out here:

- Each relationship adds its weight (1 when unset); a weak one (exists, but evidence says it
  often fails) counts half. Different kinds of relationship add up: an organisation that
  funds *and* refers to another is more closely tied to it than one that only refers.
- A relationship drawn both ways (two opposite one-way relationships of the same type, as a
  file from a tool that only knows arrows records a mutual tie) counts **once**, with the
  stronger of its two directions: a reciprocated tie is one tie, not two.
- A relationship of weight 0 is not a tie. A weight a file held but sysmap could not read
  (negative, not a number, text) was set aside by the reader as ``weight (original)``; that
  relationship counts as an ordinary tie of strength 1, and a note says so.
- Strengths must stay within what floating-point arithmetic compares exactly (shortest
  routes add up ``1 / strength``). When any falls outside ``[1e-6, 1e6]``, every strength is
  divided by their median, which changes no finding (all the measures compare strengths
  with each other), and any still more than a million times the median (or a millionth of
  it) counts as exactly that; a note says so.
"""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from sysmap.analysis.wording import count, listing

if TYPE_CHECKING:
    import numpy as np

    from sysmap.model.system_map import SystemMap

WEAK_FACTOR = 0.5
"""A weak relationship counts for this fraction of its weight."""
SANE_LOW, SANE_HIGH = 1e-6, 1e6
"""Strengths outside this range are rescaled (and, if need be, clamped) before analysis."""
SET_ASIDE = "weight (original)"
"""Where a reader keeps a weight it could not use (see :mod:`sysmap.io.graphml_read`)."""


@dataclass
class _Bundle:
    """The relationships of one type between one pair, by direction."""

    forward: float = 0.0
    backward: float = 0.0
    mutual: float = 0.0

    @property
    def strength(self) -> float:
        return self.mutual + max(self.forward, self.backward)


def relationship_strength(data: Mapping[str, Any]) -> float:
    """Return the strength one relationship adds to its tie (weak ones count half).

    Examples
    --------
    >>> relationship_strength({}), relationship_strength({"status": "weak", "weight": 3})
    (1.0, 1.5)
    """
    weight = data.get("weight")
    strength = 1.0 if weight is None else float(weight)
    return strength * WEAK_FACTOR if data.get("status") == "weak" else strength


def pair_strength(relationships: Sequence[tuple[bool, bool, str | None, float]]) -> float:
    """The strength of one tie from its relationships.

    Each relationship is ``(directed, forward, type, strength)``, ``forward`` saying whether
    it runs from the pair's first stakeholder to its second.

    Examples
    --------
    Two opposite one-way referrals are one mutual referral; funding adds to it:

    >>> pair_strength([(True, True, "refers", 1.0), (True, False, "refers", 1.0)])
    1.0
    >>> pair_strength([(True, True, "refers", 1.0), (True, False, "funds", 1.0)])
    2.0
    """
    if len(relationships) == 1 and relationships[0][3] > 0:
        # The usual tie: one relationship's bundle is its own (positive) strength whichever
        # way it runs (the other two are 0), and fsum of one value is that value.
        return relationships[0][3]
    bundles: dict[str | None, _Bundle] = {}
    for directed, forward, relation, strength in relationships:
        bundle = bundles.setdefault(relation, _Bundle())
        if not directed:
            bundle.mutual += strength
        elif forward:
            bundle.forward += strength
        else:
            bundle.backward += strength
    return math.fsum(b.strength for b in bundles.values())


def sane_strengths(strength: np.ndarray) -> tuple[np.ndarray, list[str]]:
    """Bring strengths into the range the arithmetic handles exactly; say what was done.

    Examples
    --------
    >>> import numpy as np
    >>> s, notes = sane_strengths(np.array([1.0, 2.0]))
    >>> s.tolist(), notes
    ([1.0, 2.0], [])
    >>> s, notes = sane_strengths(np.array([1e300, 2e300, 4e300]))
    >>> s.tolist(), len(notes)
    ([0.5, 1.0, 2.0], 1)
    """
    import numpy as np  # here: 'sysmap info' reads weights without loading numpy

    if strength.size == 0:
        return strength, []
    finite = np.nan_to_num(strength, nan=1.0, posinf=np.finfo(np.float64).max)
    low, high = float(finite.min()), float(finite.max())
    if low >= SANE_LOW and high <= SANE_HIGH:
        return finite, []
    median = float(np.median(finite))
    scaled = finite / median
    clamped = np.clip(scaled, SANE_LOW, SANE_HIGH)
    notes = [
        f"Tie strengths run from {_number(low)} to {_number(high)}, too far apart to compare "
        f"exactly, so every strength was divided by their median ({_number(median)}); that "
        "changes no finding."
    ]
    changed = int(np.count_nonzero(clamped != scaled))
    if changed:
        notes.append(
            f"{count(changed, 'tie')} more than a million times stronger or weaker than the "
            f"median {'counts' if changed == 1 else 'count'} as exactly a million times "
            "(or a millionth)."
        )
    return clamped, notes


def weight_notes(system_map: SystemMap, extremes: bool = True) -> list[str]:
    """Sentences about weights a user should know before trusting weighted measures.

    Relationships of weight 0 (not ties), weights a reader set aside (negative, not a number,
    text) and, with ``extremes``, the rescaling :func:`sane_strengths` does for extreme
    weights (the analysis says that itself, from the strengths of its ties).
    """
    zero: list[str] = []
    unread: list[str] = []
    weights: list[float] = []
    weighed = (
        edge
        for edge in system_map.network().edges(keys=True, data=True)
        if "weight" in edge[3] or SET_ASIDE in edge[3]
    )
    for _, _, key, data in sorted(weighed, key=_by_key):  # only those that have a say
        weight = data.get("weight")
        if SET_ASIDE in data:
            unread.append(_shown(data[SET_ASIDE]))
        if weight is None:
            continue
        if float(weight) == 0.0:
            zero.append(str(key))
        else:
            weights.append(float(weight))
    notes = []
    if unread:
        notes.append(
            f"{count(len(unread), 'relationship')} {_have(len(unread))} a weight sysmap "
            f"cannot use ({listing(sorted(set(unread)))}): a weight must be a positive "
            "number. Each counts as an ordinary tie of strength 1; the value is kept as "
            f"'{SET_ASIDE}'."
        )
    if zero:
        notes.append(
            f"{count(len(zero), 'relationship')} {_have(len(zero))} weight 0 and "
            f"{'does' if len(zero) == 1 else 'do'} not count as a working tie."
        )
    if extremes and not all(SANE_LOW <= w <= SANE_HIGH for w in weights):
        # The analysis rescales the strengths of its ties (relationships without a weight
        # count 1, a pair's relationships add up), so its median is theirs, not the median of
        # the weights the file gives: the same ties give the same sentence here.
        from sysmap.analysis.ties import TieGraph

        notes += TieGraph.from_map(system_map).notes
    return notes


def _by_key(edge: tuple[Any, Any, Any, Any]) -> str:
    return str(edge[2])


def _have(n: int) -> str:
    return "has" if n == 1 else "have"


def _shown(value: object) -> str:
    """A set-aside weight as a user would recognise it: ``-1``, ``'abc'``, ``'NaN'``."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        return "'" + " ".join(str(value).split())[:20] + "'"
    return f"{value:g}".replace("-", "\u2212")


def _number(value: float) -> str:
    """A strength in words: ordinary numbers as they are, extreme ones in scientific form.

    Examples
    --------
    >>> _number(2.5), _number(1e300), _number(3e-12)
    ('2.5', '1e+300', '3e-12')
    """
    if 1e-3 <= abs(value) < 1e6:
        return f"{value:g}"
    return f"{value:.3g}"
