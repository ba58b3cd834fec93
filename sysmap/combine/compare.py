"""Comparing two maps: what was added, removed and changed, and what that did to the analysis.

::

    from sysmap.combine.compare import compare_maps
    diff = compare_maps(last_year, this_year, ("2024", "2025"))
    diff.stakeholders_added, diff.stakeholders_removed, diff.stakeholders_changed
    diff.relationships_added, diff.relationships_removed, diff.relationships_changed
    diff.analysis            # silo scores, gaps, single points of failure, routes, findings

Stakeholders are paired with the matcher that merges maps (:mod:`sysmap.combine.matching`),
so a renamed or re-spelt organisation is "changed", not "removed and added"; pairs it is
unsure of are listed as possible renames for a person to check. Positions are not compared:
moving a box does not change the system; nor is a merge's record of where things came from
(``source_maps``, ``seen_by``, ``said_by``, ``also_known_as``). Relationships are paired by
their ends and type.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass, field

from sysmap.combine.combining import PROVENANCE
from sysmap.combine.matching import propose
from sysmap.combine.merge import relationship_key
from sysmap.model.entities import Relationship, Stakeholder
from sysmap.model.system_map import SystemMap
from sysmap.model.vocab import STATUSES

STAKEHOLDER_FIELDS = (
    "label",
    "short_name",
    "kind",
    "sector",
    "place",
    "place_level",
    "description",
    "evidence",
    "tags",
    "influence",
    "interest",
)
RELATIONSHIP_FIELDS = (
    "relation",
    "status",
    "weight",
    "directed",
    "description",
    "evidence",
    "tags",
)


@dataclass(frozen=True)
class FieldChange:
    """One field that differs: its values before and after, and as people read them."""

    field: str
    before: object
    after: object
    before_text: str
    after_text: str


@dataclass(frozen=True)
class StakeholderDiff:
    """A stakeholder added (``before`` is empty), removed (``after`` empty) or changed."""

    before: str
    after: str
    label: str
    changes: tuple[FieldChange, ...] = ()
    reason: str = ""


@dataclass(frozen=True)
class RelationshipDiff:
    """A relationship added, removed or changed, named by its ends and type."""

    before: str
    after: str
    name: str
    changes: tuple[FieldChange, ...] = ()


@dataclass(frozen=True)
class PossibleRename:
    """A removed and an added stakeholder the matcher thinks may be one (not paired)."""

    before: str
    after: str
    before_label: str
    after_label: str
    score: float
    reason: str


@dataclass
class MapComparison:
    """Everything that differs between two maps (``before`` and ``after``)."""

    names: tuple[str, str]
    titles: tuple[str, str]
    stakeholders_added: list[StakeholderDiff] = field(default_factory=list)
    stakeholders_removed: list[StakeholderDiff] = field(default_factory=list)
    stakeholders_changed: list[StakeholderDiff] = field(default_factory=list)
    unchanged_stakeholders: int = 0
    relationships_added: list[RelationshipDiff] = field(default_factory=list)
    relationships_removed: list[RelationshipDiff] = field(default_factory=list)
    relationships_changed: list[RelationshipDiff] = field(default_factory=list)
    unchanged_relationships: int = 0
    possible_renames: list[PossibleRename] = field(default_factory=list)
    paired: dict[str, str] = field(default_factory=dict)
    """Before id → after id of every stakeholder in both maps."""
    analysis: object | None = None
    """The :class:`~sysmap.combine.analysis_changes.AnalysisChanges`, when analysed."""

    @property
    def same(self) -> bool:
        """Whether nothing differs."""
        return not (
            self.stakeholders_added
            or self.stakeholders_removed
            or self.stakeholders_changed
            or self.relationships_added
            or self.relationships_removed
            or self.relationships_changed
        )


def compare_maps(
    before: SystemMap, after: SystemMap, names: tuple[str, str] = ("before", "after")
) -> MapComparison:
    """List what differs between ``before`` and ``after`` (see the module).

    The analysis is compared separately (:func:`sysmap.combine.analysis_changes.analysis_changes`)
    because it takes longer.
    """
    plan = propose([before, after], list(names))
    paired: dict[str, str] = {}
    reasons: dict[str, str] = {}
    for proposal in plan.proposals:
        best = proposal.best
        if best is not None and proposal.certain:
            paired[best.partner.id] = proposal.member.id
            reasons[best.partner.id] = best.reason
    result = MapComparison(names, (before.title, after.title), paired=paired)
    _stakeholders(before, after, paired, reasons, result)
    _relationships(before, after, paired, result)
    result.possible_renames = [
        PossibleRename(
            p.best.partner.id,
            p.member.id,
            p.best.partner.label,
            p.member.label,
            p.best.score,
            p.best.reason,
        )
        for p in plan.proposals
        if p.best is not None and not p.certain
    ]
    return result


def _stakeholders(
    before: SystemMap,
    after: SystemMap,
    paired: Mapping[str, str],
    reasons: Mapping[str, str],
    result: MapComparison,
) -> None:
    found = set(paired.values())
    for person in before.stakeholders():
        if person.id not in paired:
            result.stakeholders_removed.append(StakeholderDiff(person.id, "", person.label))
            continue
        now = after.stakeholder(paired[person.id])
        changes = tuple(_differences(person, now, STAKEHOLDER_FIELDS, before, after))
        if changes:
            diff = StakeholderDiff(person.id, now.id, now.label, changes, reasons[person.id])
            result.stakeholders_changed.append(diff)
        else:
            result.unchanged_stakeholders += 1
    for person in after.stakeholders():
        if person.id not in found:
            result.stakeholders_added.append(StakeholderDiff("", person.id, person.label))


def _relationships(
    before: SystemMap, after: SystemMap, paired: Mapping[str, str], result: MapComparison
) -> None:
    def key(rel: Relationship, ends: Mapping[str, str] | None) -> tuple[str, str, str]:
        source = ends.get(rel.source, "-" + rel.source) if ends is not None else rel.source
        target = ends.get(rel.target, "-" + rel.target) if ends is not None else rel.target
        return relationship_key(source, target, rel.relation, rel.directed)

    waiting: dict[tuple[str, str, str], list[Relationship]] = {}
    for rel in after.relationships():
        waiting.setdefault(key(rel, None), []).append(rel)
    gone: list[Relationship] = []
    for rel in before.relationships():
        twins = waiting.get(key(rel, paired))
        if not twins:
            gone.append(rel)
            continue
        now = twins.pop(0)
        changes = tuple(_differences(rel, now, RELATIONSHIP_FIELDS, before, after))
        if changes:
            result.relationships_changed.append(
                RelationshipDiff(rel.id, now.id, _name(now, after), changes)
            )
        else:
            result.unchanged_relationships += 1
    arrived = [rel for rels in waiting.values() for rel in rels]
    _retyped(gone, arrived, paired, before, after, result)


def _retyped(
    gone: list[Relationship],
    arrived: list[Relationship],
    paired: Mapping[str, str],
    before: SystemMap,
    after: SystemMap,
    result: MapComparison,
) -> None:
    """Pair a removed and an added relationship between the same two stakeholders as one
    whose type changed (funds → commissions); list the rest as removed and added."""
    left = list(arrived)
    for rel in gone:
        ends = {paired.get(rel.source), paired.get(rel.target)}
        twin = next((a for a in left if {a.source, a.target} == ends), None)
        if twin is None:
            result.relationships_removed.append(RelationshipDiff(rel.id, "", _name(rel, before)))
            continue
        left.remove(twin)
        changes = tuple(_differences(rel, twin, RELATIONSHIP_FIELDS, before, after))
        result.relationships_changed.append(
            RelationshipDiff(rel.id, twin.id, _name(twin, after), changes)
        )
    result.relationships_added += [RelationshipDiff("", a.id, _name(a, after)) for a in left]


def _name(rel: Relationship, system_map: SystemMap) -> str:
    relation = system_map.relation_types.label(rel.relation) if rel.relation else "related"
    return f"{system_map.label(rel.source)} → {system_map.label(rel.target)} ({relation})"


def _differences(
    old: Stakeholder | Relationship,
    new: Stakeholder | Relationship,
    names: Sequence[str],
    before: SystemMap,
    after: SystemMap,
) -> Iterator[FieldChange]:
    for name in names:
        a, b = getattr(old, name), getattr(new, name)
        if a != b:
            yield FieldChange(name, a, b, _text(name, a, before), _text(name, b, after))
    for name in sorted((set(old.attributes) | set(new.attributes)) - PROVENANCE):
        a, b = old.attributes.get(name), new.attributes.get(name)
        if a != b:
            yield FieldChange(name, a, b, _text(name, a, before), _text(name, b, after))


def _text(name: str, value: object, system_map: SystemMap) -> str:
    """A value as people read it (vocabulary labels, tags joined, "(none)" for unset)."""
    if value is None or value == "" or value == ():
        return "(none)"
    vocabulary = {
        "sector": system_map.sectors,
        "place": system_map.places,
        "kind": system_map.kinds,
        "relation": system_map.relation_types,
    }.get(name)
    if vocabulary is not None:
        return vocabulary.label(str(value))
    if name == "status":
        return STATUSES.label(str(value))
    if isinstance(value, tuple):
        return ", ".join(str(v) for v in value)
    return str(value)
