"""Small maps for the merge and compare tests."""

from __future__ import annotations

from collections.abc import Sequence

from sysmap.model import Relationship, Stakeholder, SystemMap

Row = tuple[str, str | None, str | None]


def small_map(
    title: str,
    people: Sequence[Row],
    ties: Sequence[tuple[str, str, str, str]] = (),
    author: str = "",
) -> SystemMap:
    """A map of ``(label, sector, place)`` stakeholders and ``(source label, target label,
    relation, status)`` relationships, laid out in a row."""
    system_map = SystemMap(title)
    ids = {}
    for at, (label, sector, place) in enumerate(people):
        added = system_map.add_stakeholder(
            Stakeholder(label, sector=sector, place=place, x=at * 200.0, y=0.0)
        )
        ids[label] = added.id
    for source, target, relation, status in ties:
        system_map.add_relationship(Relationship(ids[source], ids[target], relation, status=status))
    if author:
        system_map.set_metadata("author", author)
    return system_map


CG, LPS, VCS = "central_government", "local_public_services", "third_sector"
GM, EW = "Greater Manchester", "England & Wales"
