"""Who a stakeholder works with, as evidence of who it is.

"MC" in one table could be Middlesbrough Council or Middlesbrough College; if that table
links MC to the Live Well Centre and the Town Deal Board, and the council (not the college)
works with the same two elsewhere, MC is the council. After the sure matches of a round are
known, a candidate that shares more already-matched partners with a stakeholder than any of
its rivals gains :data:`NEIGHBOUR_AGREES` for each (at most :data:`MOST_FROM_NEIGHBOURS`),
and the reason says so (collective entity
resolution: Bhattacharya & Getoor 2007, "Collective entity resolution in relational data").
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from sysmap.model.system_map import SystemMap

NEIGHBOUR_AGREES = 0.06
MOST_FROM_NEIGHBOURS = 0.15
Key = tuple[int, str]
Scores = list[list[tuple[float, int, str]]]
"""For each stakeholder of the round, its (score, group, reason) candidates, best first."""


def neighbour_table(maps: Sequence[SystemMap]) -> dict[Key, frozenset[Key]]:
    """Every stakeholder's partners in its own map (either direction, any relationship)."""
    table: dict[Key, set[Key]] = {}
    for index, system_map in enumerate(maps):
        for source, target in system_map.all_ends().values():
            if source != target:
                table.setdefault((index, source), set()).add((index, target))
                table.setdefault((index, target), set()).add((index, source))
    return {key: frozenset(value) for key, value in table.items()}


def with_neighbours(
    scored: Scores,
    queries: Sequence[Key],
    settled: Mapping[Key, int],
    group_partners: Mapping[int, frozenset[int]],
    neighbours: Mapping[Key, frozenset[Key]],
) -> Scores:
    """The scores, the candidate sharing the most matched partners raised (if it alone does).

    ``settled`` puts this round's sure matches (and nothing else) in their groups;
    ``group_partners`` gives each group the groups its members work with.
    """
    result: Scores = []
    for key, row in zip(queries, scored, strict=True):
        mine = {settled[n] for n in neighbours.get(key, ()) if n in settled}
        shared = [len(mine & group_partners.get(group, frozenset())) for _, group, _ in row]
        best = max(shared, default=0)
        if best == 0 or shared.count(best) > 1 or key in settled:
            result.append(row)
            continue
        boosted = []
        for (score, group, reason), overlap in zip(row, shared, strict=True):
            if overlap == best:
                partners = f"{best} of the same partners" if best > 1 else "a partner in common"
                gain = min(MOST_FROM_NEIGHBOURS, NEIGHBOUR_AGREES * best)
                score, reason = score + gain, f"{reason}, and {partners}"
            boosted.append((round(score, 3), group, reason))
        boosted.sort(key=lambda item: (-item[0], item[1]))
        result.append(boosted)
    return result
