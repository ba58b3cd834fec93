"""What came through when a file was read: the fields a map now holds, counted.

``sysmap info`` prints this after reading a file from another tool, and the app's import
dialog can show it, so a user sees at once whether labels, positions, colours, groups and
relationship types survived the trip.
"""

from __future__ import annotations

from collections import Counter
from itertools import chain

from sysmap.io.result import LoadResult
from sysmap.model.system_map import SystemMap


def came_through(result: LoadResult) -> list[tuple[str, str]]:
    """Return (what, how much) rows describing what the map holds after reading.

    Examples
    --------
    >>> from sysmap.model import Stakeholder, SystemMap
    >>> m = SystemMap()
    >>> _ = m.add_stakeholder(Stakeholder("Jobcentre Plus", colour="#112233"))
    >>> came_through(LoadResult(m, "GraphML"))[1]
    ('Own colours', '1 of 1 stakeholders')
    """
    system_map = result.map
    total = system_map.stakeholder_count
    nodes = [d for _, d in system_map.graph.nodes(data=True)]
    edges = [d for _, _, d in system_map.graph.edges(data=True)]
    placed = total - len(result.unpositioned)
    present = Counter(chain.from_iterable(nodes))  # how many stakeholders have each field
    rows = [
        ("Positions", f"{placed} of {total} stakeholders placed as in the file"),
        ("Own colours", f"{present['colour']} of {total} stakeholders"),
    ]
    for name, field in (
        ("Sizes", "size"),
        ("Descriptions", "description"),
        ("Tags", "tags"),
        ("Sectors", "sector"),
        ("Places", "place"),
        ("Kinds", "kind"),
    ):
        count = present[field]
        if count:
            rows.append((name, f"{count} of {total} stakeholders"))
    groups = Counter(str(d["group"]) for d in nodes if "group" in d)
    if groups:
        rows.append(("Groups", f"{len(groups)} groups with {sum(groups.values())} members"))
    types = Counter(str(d["relation"]) for d in edges if "relation" in d)
    if edges:
        listed = ", ".join(system_map.relation_types.label(t) for t, _ in types.most_common(5))
        rows.append(
            (
                "Relationship types",
                f"{sum(types.values())} of {len(edges)} relationships have a type"
                + (f" ({len(types)}: {listed}{', …' if len(types) > 5 else ''})" if types else ""),
            )
        )
        rows.append(("Directions", _directions(system_map)))
        weights = sum("weight" in d for d in edges)
        if weights:
            rows.append(("Weights", f"{weights} of {len(edges)} relationships"))
    return rows


def _directions(system_map: SystemMap) -> str:
    """``3 one-way, 4 mutual (2 of them drawn as a pair of opposite one-way relationships)``.

    A relationship drawn both ways, as two opposite one-way relationships of the same type (a
    file from a tool that only knows arrows records a mutual tie so), counts as one mutual
    relationship, as the analysis counts it.

    Examples
    --------
    >>> from sysmap.model import Relationship, Stakeholder, SystemMap
    >>> m = SystemMap()
    >>> for name in "ABC":
    ...     _ = m.add_stakeholder(Stakeholder(name))
    >>> for a, b in [("a", "b"), ("b", "a"), ("a", "c")]:
    ...     _ = m.add_relationship(Relationship(a, b, "refers"))
    >>> _directions(m)
    '1 one-way, 1 mutual (1 of them drawn as a pair of opposite one-way relationships)'
    """
    one_way: dict[tuple[str, str, str | None], int] = {}
    mutual = 0
    for source, target, data in system_map.graph.edges(data=True):
        relation = data.get("relation")
        directed = data.get("directed")
        if directed is None:
            directed = system_map.default_directed(relation)
        if not directed:
            mutual += 1
        else:
            key = (str(source), str(target), relation)
            one_way[key] = one_way.get(key, 0) + 1
    paired = 0
    for (source, target, relation), n in one_way.items():
        if source < target:
            paired += min(n, one_way.get((target, source, relation), 0))
    single = sum(one_way.values()) - 2 * paired
    text = f"{single} one-way, {mutual + paired} mutual"
    if paired:
        drawn = "a pair" if paired == 1 else "pairs"
        text += f" ({paired} of them drawn as {drawn} of opposite one-way relationships)"
    return text
