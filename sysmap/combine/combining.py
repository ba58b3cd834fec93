"""Making one stakeholder or relationship out of several maps' versions of it.

Nothing is silently lost: names all kept (the fullest as the label, the others under
``also_known_as``, an acronym as the short name), descriptions and evidence joined, tags
combined, and every field the maps disagree about (sector, place, kind; status, weight) a
:class:`~sysmap.combine.conflicts.Conflict`. Each merged item says where it came from:
``source_maps`` (the maps that had it) and, for a relationship, ``seen_by`` (how many maps
drew it) and ``said_by`` (who, when the maps name their authors). Merging a merged map again
adds up these records rather than starting them afresh.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, replace

from sysmap.combine.conflicts import (
    RELATIONSHIP_FIELDS,
    STAKEHOLDER_FIELDS,
    Conflict,
    ConflictKey,
    Where,
    options_of,
    settle,
)
from sysmap.combine.names import looks_like_acronym
from sysmap.model.entities import AttrValue, Relationship, Stakeholder

SOURCE_MAPS = "source_maps"
SEEN_BY = "seen_by"
SAID_BY = "said_by"
ALSO_KNOWN_AS = "also_known_as"
PROVENANCE = frozenset({SOURCE_MAPS, SEEN_BY, SAID_BY, ALSO_KNOWN_AS})
"""Attributes the merge writes; values from earlier merges are added up, never conflicts."""


@dataclass(frozen=True)
class Version:
    """One map's version of a stakeholder or relationship."""

    map: str
    author: str
    item: Stakeholder | Relationship


def split(value: AttrValue | None) -> list[str]:
    """A ``|``-separated attribute as a list (Kumu's convention for several values)."""
    return [v for v in str(value).split("|") if v] if value not in (None, "") else []


def _joined(values: Sequence[str]) -> str:
    return "|".join(dict.fromkeys(v for v in values if v))


def _distinct_text(texts: Sequence[str], separator: str) -> str:
    return separator.join(dict.fromkeys(t.strip() for t in texts if t.strip()))


def _labels_of(version: Version) -> list[str]:
    item = version.item
    assert isinstance(item, Stakeholder)
    return [item.label, *split(item.attributes.get(ALSO_KNOWN_AS))]


def combine_stakeholders(
    versions: Sequence[Version],
    choices: Mapping[ConflictKey, str],
    vocab_labels: Mapping[str, Mapping[str, str]],
) -> tuple[Stakeholder, list[Conflict]]:
    """One stakeholder from its versions (first map first), and the conflicts found."""
    people = [v.item for v in versions if isinstance(v.item, Stakeholder)]
    first = people[0]
    names = list(dict.fromkeys(n for v in versions for n in _labels_of(v)))
    label = next((n for n in names if not looks_like_acronym(n)), names[0])
    short = next((p.short_name for p in people if p.short_name), "")
    if not short:
        short = next((n for n in names if n != label and looks_like_acronym(n)), "")
    where = Where(label, tuple((v.map, v.item.id) for v in versions))
    fields, conflicts = _settled(
        "stakeholder", STAKEHOLDER_FIELDS, versions, where, choices, vocab_labels
    )
    level = next(
        (p.place_level for p in people if p.place == fields["place"] and p.place_level),
        next((p.place_level for p in people if p.place_level), None),
    )
    attributes, clashes = _attributes(versions, where, "stakeholder", choices)
    attributes[SOURCE_MAPS] = _joined([m for v in versions for m in _source_maps(v)])
    others = [n for n in names if n not in (label, short)]
    if others:
        attributes[ALSO_KNOWN_AS] = _joined(others)
    merged = replace(
        first,
        label=label,
        short_name=short,
        place_level=level,
        description=_distinct_text([p.description for p in people], "\n"),
        evidence=_distinct_text([p.evidence for p in people], "; "),
        tags=tuple(dict.fromkeys(t for p in people for t in p.tags)),
        attributes=attributes,
        **fields,  # type: ignore[arg-type]
    )
    return merged, conflicts + clashes


def combine_relationships(
    versions: Sequence[Version],
    ends: tuple[str, str],
    name: str,
    choices: Mapping[ConflictKey, str],
    status_labels: Mapping[str, str],
) -> tuple[Relationship, list[Conflict]]:
    """One relationship from its versions, between the merged ``ends``, and its conflicts."""
    rels = [v.item for v in versions if isinstance(v.item, Relationship)]
    first = rels[0]
    where = Where(name, tuple((v.map, v.item.id) for v in versions))
    labels = {"status": status_labels}
    fields, conflicts = _settled(
        "relationship", RELATIONSHIP_FIELDS, versions, where, choices, labels
    )
    fields = {k: getattr(first, k) if v is None else v for k, v in fields.items()}
    attributes, clashes = _attributes(versions, where, "relationship", choices)
    attributes[SOURCE_MAPS] = _joined([m for v in versions for m in _source_maps(v)])
    attributes[SEEN_BY] = sum(_seen_by(v) for v in versions)
    authors = [a for v in versions for a in _authors(v)]
    if authors:
        attributes[SAID_BY] = _joined(authors)
    merged = replace(
        first,
        source=ends[0],
        target=ends[1],
        description=_distinct_text([r.description for r in rels], "\n"),
        evidence=_distinct_text([r.evidence for r in rels], "; "),
        tags=tuple(dict.fromkeys(t for r in rels for t in r.tags)),
        attributes=attributes,
        **fields,  # type: ignore[arg-type]
    )
    return merged, conflicts + clashes


def _settled(
    what: str,
    names: Sequence[str],
    versions: Sequence[Version],
    where: Where,
    choices: Mapping[ConflictKey, str],
    labels: Mapping[str, Mapping[str, str]],
) -> tuple[dict[str, AttrValue | None], list[Conflict]]:
    """The value of each field: the one value the versions agree on (unset ones aside), or,
    where they disagree, the choice made (the first map's by default) and the conflict."""
    fields: dict[str, AttrValue | None] = {}
    conflicts: list[Conflict] = []
    for name in names:
        options = options_of([(v.map, getattr(v.item, name)) for v in versions], labels.get(name))
        if len(options) > 1:
            conflicts.append(settle(what, where, name, options, choices))
            fields[name] = conflicts[-1].chosen
        else:
            fields[name] = options[0].value if options else None
    return fields, conflicts


def _attributes(
    versions: Sequence[Version],
    where: Where,
    what: str,
    choices: Mapping[ConflictKey, str],
) -> tuple[dict[str, AttrValue], list[Conflict]]:
    """Every custom attribute of any version; differing values are conflicts."""
    names = list(dict.fromkeys(k for v in versions for k in v.item.attributes))
    result: dict[str, AttrValue] = {}
    conflicts: list[Conflict] = []
    for name in names:
        if name in PROVENANCE:
            continue
        options = options_of([(v.map, v.item.attributes.get(name)) for v in versions])
        if len(options) > 1:
            conflicts.append(settle(what, where, name, options, choices))
            result[name] = conflicts[-1].chosen
        elif options:
            result[name] = options[0].value
    return result, conflicts


def _source_maps(version: Version) -> list[str]:
    return split(version.item.attributes.get(SOURCE_MAPS)) or [version.map]


def _seen_by(version: Version) -> int:
    value = version.item.attributes.get(SEEN_BY)
    return value if isinstance(value, int) and not isinstance(value, bool) and value > 0 else 1


def _authors(version: Version) -> list[str]:
    said = split(version.item.attributes.get(SAID_BY))
    return said or ([version.author] if version.author else [])
