"""One map to draw a comparison on: the later map with what was removed put back.

A picture of what changed needs the stakeholders that left, too: :func:`diff_map` copies the
later map, puts each removed stakeholder back (placed among the stakeholders it used to work
with; the later map's layout does not move) and lists what the picture marks: added, removed
and changed stakeholders, added and changed relationships, and the removed relationships as
pairs of stakeholders (drawn as lines that are not relationships).
"""

from __future__ import annotations

from dataclasses import dataclass, replace

from sysmap.combine.compare import MapComparison
from sysmap.layout import force_directed
from sysmap.model.ids import unique_id
from sysmap.model.system_map import SystemMap
from sysmap.model.vocab import VOCABULARY_NAMES


@dataclass(frozen=True)
class DiffMap:
    """The later map with the removed stakeholders back, and what to mark on it (ids in
    ``map``)."""

    map: SystemMap
    before_name: str
    added: tuple[str, ...]
    removed: tuple[str, ...]
    changed: tuple[str, ...]
    relationships_added: tuple[str, ...]
    relationships_changed: tuple[str, ...]
    removed_links: tuple[tuple[str, str], ...]


def diff_map(before: SystemMap, after: SystemMap, comparison: MapComparison) -> DiffMap:
    """The map to draw ``comparison`` on (see the module)."""
    union = after.copy()
    for name in VOCABULARY_NAMES:
        vocabulary = union.vocabulary(name)
        for term in before.vocabulary(name):
            if term.key not in vocabulary:
                vocabulary = vocabulary.with_term(term)
        union.set_vocabulary(name, vocabulary)
    where = dict(comparison.paired)
    put_back = []
    for diff in comparison.stakeholders_removed:
        person = before.stakeholder(diff.before)
        new_id = unique_id(person.id, union.network())
        union.add_stakeholder(replace(person, id=new_id, pinned=False))
        where[person.id] = new_id
        put_back.append(new_id)
    links = []
    for gone in comparison.relationships_removed:
        rel = before.relationship(gone.before)
        links.append((where[rel.source], where[rel.target]))
    _place(union, put_back, links)
    return DiffMap(
        union,
        comparison.names[0],
        tuple(d.after for d in comparison.stakeholders_added),
        tuple(put_back),
        tuple(d.after for d in comparison.stakeholders_changed),
        tuple(d.after for d in comparison.relationships_added),
        tuple(d.after for d in comparison.relationships_changed),
        tuple(links),
    )


def _place(union: SystemMap, put_back: list[str], links: list[tuple[str, str]]) -> None:
    """Place the removed stakeholders near those they were linked with; nothing else moves."""
    if not put_back:
        return
    graph = union.network().copy()
    graph.add_edges_from(links)
    fresh = set(put_back)
    fixed = {n: (d["x"], d["y"]) for n, d in graph.nodes(data=True) if n not in fresh}
    positions = force_directed(graph, fixed=fixed)
    union.move_stakeholders({n: positions[n] for n in put_back})
