"""Merging maps drawn by different hands into one: ``merge_maps(maps, names)``.

::

    from sysmap.combine import merge_maps
    result = merge_maps([justice, health, community], ["justice", "health", "community"])
    result.map            # the merged SystemMap
    result.plan           # every proposed match, with its score and reason
    result.conflicts      # where the maps disagree, and what was kept

Stakeholders the matcher is sure of become one; uncertain pairs stay apart until a person
accepts them (``decisions``, from the app's review table or a matches CSV). Relationships
are combined without duplicates, each saying which maps drew it and how many. The first
map's layout is kept and the newcomers are placed around it. The merged map records the
maps, the matches and every conflict with its choice (:mod:`sysmap.combine.record`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from sysmap.combine.combining import (
    Version,
    combine_relationships,
    combine_stakeholders,
)
from sysmap.combine.conflicts import Conflict, ConflictKey
from sysmap.combine.matching import Decision, MatchPlan, StakeholderKey, propose
from sysmap.combine.record import (
    MapSource,
    author_of,
    merged_description,
    merged_title,
    write_record,
)
from sysmap.io import resolve_map_path
from sysmap.layout import force_directed
from sysmap.model.entities import Relationship, Stakeholder
from sysmap.model.errors import ValidationError
from sysmap.model.ids import relationship_id
from sysmap.model.system_map import SystemMap
from sysmap.model.vocab import STATUSES, VOCABULARY_NAMES

MAX_MAPS = 50
"""More maps than this in one merge is refused: merge them in batches."""


@dataclass
class MergeResult:
    """A merged map, the matches behind it and the conflicts it settled."""

    map: SystemMap
    plan: MatchPlan
    conflicts: list[Conflict]
    sources: list[MapSource]
    combined: int = 0
    """Relationships drawn by more than one map, now one each."""
    notes: list[str] = field(default_factory=list)

    def summary(self) -> list[str]:
        """What the merge did, in sentences for the command line and the app."""
        done = self.plan.outcomes()
        total = sum(s.stakeholders for s in self.sources)
        lines = [
            f"Merged {len(self.sources)} maps ({total:,} stakeholders in all) into "
            f"{self.map.stakeholder_count:,} stakeholders and "
            f"{self.map.relationship_count:,} relationships.",
        ]
        parts = [f"{_count(done['matched'], 'stakeholder')} matched"]
        if done["joined"] or done["kept apart"]:
            parts.append(
                f"{done['joined']} merged and {done['kept apart']} kept apart by your review"
            )
        if done["waiting"]:
            parts.append(f"{done['waiting']} uncertain left apart until reviewed")
        parts.append(f"{done['new']} new")
        lines.append("; ".join(parts) + ".")
        if self.combined:
            lines.append(f"{_count(self.combined, 'relationship')} drawn by more than one map.")
        if self.conflicts:
            open_ = sum(1 for c in self.conflicts if c.decided == "first map")
            lines.append(
                f"{_count(len(self.conflicts), 'conflict')} between the maps"
                + (f"; {open_} kept the first map's value until you settle them." if open_ else ".")
            )
        if not (done["matched"] or done["joined"]) and len(self.sources) > 1:
            lines.append(
                "No stakeholder matched one in another map: the maps sit side by side. "
                "Check they are maps of the same system."
            )
        return lines + self.notes


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def merge_maps(
    maps: Sequence[SystemMap],
    names: Sequence[str],
    decisions: Mapping[StakeholderKey, Decision] | None = None,
    choices: Mapping[ConflictKey, str] | None = None,
    title: str | None = None,
    lay_out: bool = True,
) -> MergeResult:
    """Merge ``maps`` (first map first: its layout and values win by default).

    Parameters
    ----------
    maps : sequence of SystemMap
    names : sequence of str
        A short, distinct name for each map (its file name without the extension).
    decisions : mapping, optional
        A person's match decisions, by (map index, stakeholder id).
    choices : mapping, optional
        A person's choices in conflicts, by :attr:`Conflict.key`.
    title : str, optional
        The merged map's title (by default what the maps' titles share).
    lay_out : bool
        Place the newcomers around the first map's stakeholders (a preview may skip it).

    Raises
    ------
    ValidationError
        If fewer than two maps are given, the names repeat, or a decision or choice names
        something that is not there.
    """
    check_maps(maps, names)
    plan = propose(maps, names, decisions)
    return build_merge(maps, names, plan, choices or {}, title, lay_out)


def check_maps(maps: Sequence[SystemMap], names: Sequence[str]) -> None:
    """Refuse merges that cannot make sense, with a sentence saying why."""
    if len(maps) < 2:
        raise ValidationError("A merge needs at least two maps.")
    if len(maps) > MAX_MAPS:
        raise ValidationError(
            f"{len(maps)} maps is more than the {MAX_MAPS} sysmap merges at once; "
            "merge them in batches and then merge the results."
        )
    if len(names) != len(maps) or len(set(names)) != len(names):
        repeated = sorted({n for n in names if list(names).count(n) > 1})
        raise ValidationError(
            f"Each map needs its own name; {', '.join(repeated) or 'some'} is given twice. "
            "A map merged with itself adds nothing: give each map once."
        )


def map_names(texts: Sequence[str], repeats: bool = False) -> list[str]:
    """A short name for each map (its file name without the extension), distinct.

    Raises
    ------
    ValidationError
        If one file is given twice (unless ``repeats``: comparing a map with itself is
        pointless but harmless).

    Examples
    --------
    >>> map_names(["a/justice.graphml", "b/justice.graphml", "health.xlsx"])
    ['justice', 'justice-2', 'health']
    """
    seen: dict[Path, str] = {}
    names: list[str] = []
    for text in texts:
        path = resolve_map_path(text)
        where = path.resolve() if path.exists() else path
        if where in seen and not repeats:
            raise ValidationError(
                f"{text} is given twice: a map merged with itself adds nothing. Give each map once."
            )
        name, n = path.stem, 2
        while name in names:
            name, n = f"{path.stem}-{n}", n + 1
        seen[where] = name
        names.append(name)
    return names


def build_merge(
    maps: Sequence[SystemMap],
    names: Sequence[str],
    plan: MatchPlan,
    choices: Mapping[ConflictKey, str],
    title: str | None = None,
    lay_out: bool = True,
) -> MergeResult:
    """Build the merged map from a match plan (see :func:`merge_maps`)."""
    sources = [MapSource.of(n, m) for n, m in zip(names, maps, strict=True)]
    merged = SystemMap(
        title or merged_title([m.title for m in maps]), merged_description(sources, maps)
    )
    _vocabularies(merged, maps)
    labels = {
        "sector": {t.key: t.label for t in merged.sectors},
        "place": {t.key: t.label for t in merged.places},
        "kind": {t.key: t.label for t in merged.kinds},
    }
    authors = [author_of(m) for m in maps]
    conflicts: list[Conflict] = []
    where: dict[StakeholderKey, str] = {}
    newcomers: list[str] = []
    people: list[Stakeholder] = []
    taken: set[str] = set()
    for group in plan.groups:
        versions = [
            Version(names[m.map], authors[m.map], maps[m.map].stakeholder(m.id)) for m in group
        ]
        person, found = combine_stakeholders(versions, choices, labels)
        person = _with_free_id(person, taken)
        people.append(person)
        conflicts += [_placed(c, person.id) for c in found]
        for member in group:
            where[(member.map, member.id)] = person.id
        if group[0].map != 0:
            newcomers.append(person.id)
    ties, combined, notes = _relationships(maps, names, authors, where, people, choices)
    merged.add_many(people, [t for t, _ in ties], allow_self_loops=True)
    conflicts += [c for _, found in ties for c in found]
    if lay_out:
        _place(merged, newcomers)
    result = MergeResult(merged, plan, conflicts, sources, combined, notes)
    write_record(merged, maps, result.sources, plan, conflicts)
    return result


def _with_free_id(person: Stakeholder, taken: set[str]) -> Stakeholder:
    base, n = person.id, 2
    new_id = base
    while new_id in taken:
        new_id, n = f"{base}-{n}", n + 1
    taken.add(new_id)
    return person if new_id == base else replace(person, id=new_id)


def _placed(conflict: Conflict, merged_id: str) -> Conflict:
    return replace(conflict, merged_id=merged_id)


def _vocabularies(merged: SystemMap, maps: Sequence[SystemMap]) -> None:
    """The first map's vocabularies, plus any term a later map adds."""
    for name in VOCABULARY_NAMES:
        if name == "statuses":
            continue
        vocabulary = maps[0].vocabulary(name)
        for other in maps[1:]:
            for term in other.vocabulary(name):
                if term.key not in vocabulary:
                    vocabulary = vocabulary.with_term(term)
        merged.set_vocabulary(name, vocabulary)


def _relationships(
    maps: Sequence[SystemMap],
    names: Sequence[str],
    authors: Sequence[str],
    where: Mapping[StakeholderKey, str],
    people: Sequence[Stakeholder],
    choices: Mapping[ConflictKey, str],
) -> tuple[list[tuple[Relationship, list[Conflict]]], int, list[str]]:
    """Every relationship once, between merged stakeholders, with its versions combined."""
    label = {p.id: p.label for p in people}
    by_key: dict[tuple[str, str, str, str], list[Version]] = {}
    ends_of: dict[tuple[str, str, str, str], tuple[str, str]] = {}
    loops: list[str] = []
    for index, system_map in enumerate(maps):
        # A map's own parallel relationships (MHCLG funds the council through two pots)
        # stay two: the n-th of a kind in one map pairs with the n-th in another.
        seen: dict[tuple[str, str, str], int] = {}
        for rel in system_map.relationships():
            source, target = where[(index, rel.source)], where[(index, rel.target)]
            if source == target and rel.source != rel.target:
                loops.append(f"{label[source]} ({rel.relation or 'relationship'})")
                continue
            kind = relationship_key(source, target, rel.relation, rel.directed)
            seen[kind] = seen.get(kind, 0) + 1
            key = (*kind, str(seen[kind]))
            by_key.setdefault(key, []).append(Version(names[index], authors[index], rel))
            ends_of.setdefault(key, (source, target))
    statuses = {t.key: t.label for t in STATUSES}
    result = []
    taken: set[str] = set()
    for key, versions in by_key.items():
        source, target = ends_of[key]
        name = f"{label[source]} → {label[target]} ({key[2] or 'relationship'})"
        rel, found = combine_relationships(versions, (source, target), name, choices, statuses)
        rel_id = rel.id if rel.id and rel.id not in taken else ""
        rel_id = rel_id or relationship_id(source, rel.relation, target, taken)
        taken.add(rel_id)
        result.append((replace(rel, id=rel_id), found))
    notes = []
    if loops:
        notes.append(
            f"{_count(len(loops), 'relationship')} between stakeholders now merged into one "
            f"left out: {', '.join(loops[:5])}{'…' if len(loops) > 5 else ''}."
        )
    combined = sum(1 for versions in by_key.values() if len(versions) > 1)
    return result, combined, notes


def relationship_key(
    source: str, target: str, relation: str | None, directed: bool | None
) -> tuple[str, str, str]:
    """What makes two relationships the same: their ends and type (ends in either order for
    a mutual one).

    Examples
    --------
    >>> relationship_key("b", "a", "partners", False)
    ('a', 'b', 'partners')
    >>> relationship_key("b", "a", "funds", True)
    ('b', 'a', 'funds')
    """
    if directed is False and target < source:
        source, target = target, source
    return (source, target, relation or "")


def _place(merged: SystemMap, newcomers: Sequence[str]) -> None:
    """Lay the newcomers out around the first map's stakeholders, which stay put."""
    if not newcomers:
        return
    fresh = set(newcomers)
    fixed = {
        n: (d.get("x", 0.0), d.get("y", 0.0))
        for n, d in merged.stakeholder_rows()
        if n not in fresh
    }
    positions = force_directed(merged.network(), fixed=fixed)
    merged.move_stakeholders({n: positions[n] for n in newcomers})
