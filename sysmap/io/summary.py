"""What came through when a file was read: the fields a map now holds, counted.

``sysmap info`` prints this after reading a file from another tool, and the app's import
dialog can show it, so a user sees at once whether labels, positions, colours, groups and
relationship types survived the trip.
"""

from __future__ import annotations

from collections import Counter

from sysmap.io.result import LoadResult


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
    rows = [
        ("Positions", f"{placed} of {total} stakeholders placed as in the file"),
        ("Own colours", f"{sum('colour' in d for d in nodes)} of {total} stakeholders"),
    ]
    for name, field in (
        ("Sizes", "size"),
        ("Descriptions", "description"),
        ("Tags", "tags"),
        ("Sectors", "sector"),
        ("Places", "place"),
        ("Kinds", "kind"),
    ):
        count = sum(field in d for d in nodes)
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
        mutual = sum(d.get("directed") is False for d in edges)
        rows.append(("Directions", f"{len(edges) - mutual} one-way, {mutual} mutual"))
        weights = sum("weight" in d for d in edges)
        if weights:
            rows.append(("Weights", f"{weights} of {len(edges)} relationships"))
    return rows
