"""What a merged map remembers about how it was made.

The merged map carries a ``merge_record`` (JSON text at map level, as the file format stores
structured map data): the maps merged (name, title, author, counts), every match with its
score, reason and who decided it, and every conflict with the values seen and the one kept.
A map's author is read from its ``author`` attribute (or ``creator``, ``drawn_by``), which
the merge also uses for each relationship's ``said_by``.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from sysmap.combine.conflicts import Conflict
from sysmap.combine.matching import MatchPlan, Proposal
from sysmap.model.system_map import SystemMap

RECORD_KEY = "merge_record"
AUTHOR_KEYS = ("author", "authors", "creator", "drawn_by")
MAX_RECORD_CHARS = 600_000
"""The record's size at most: a file's texts are capped at a million characters when read
(:mod:`sysmap.io.map_limits`), so a national merge's record must stay well within it."""
MAX_CONFLICTS = 2000


@dataclass(frozen=True)
class MapSource:
    """One of the maps merged."""

    name: str
    title: str
    author: str
    stakeholders: int
    relationships: int

    @classmethod
    def of(cls, name: str, system_map: SystemMap) -> MapSource:
        """Describe ``system_map``, known as ``name``."""
        return cls(
            name,
            system_map.title,
            author_of(system_map),
            system_map.stakeholder_count,
            system_map.relationship_count,
        )


def author_of(system_map: SystemMap) -> str:
    """Who drew a map, if it says (its ``author``, ``creator`` or ``drawn_by`` attribute)."""
    metadata = {k.casefold(): v for k, v in system_map.metadata.items()}
    for key in AUTHOR_KEYS:
        value = metadata.get(key)
        if isinstance(value, str) and value.strip():
            return value.strip()
    return ""


def merged_title(titles: Sequence[str]) -> str:
    """The title the maps share, or the first one's.

    Examples
    --------
    >>> merged_title(["Reoffending – justice table", "Reoffending – health table"])
    'Reoffending'
    >>> merged_title(["Rough sleeping", "Rough sleeping"])
    'Rough sleeping'
    >>> merged_title(["Housing", "Health"])
    'Housing (merged)'
    >>> merged_title(["Reducing reoffending – GM – table 1", "Reducing reoffending – GM – table 2"])
    'Reducing reoffending – GM'
    """
    if all(t == titles[0] for t in titles):
        return titles[0]
    shared = _common_start(titles)
    cuts = [shared.rfind(mark) for mark in (" – ", " - ", ": ", " (", ", ")]
    if max(cuts) > 0:
        shared = shared[: max(cuts)]  # "Reoffending – justice table" → "Reoffending"
    elif " " in shared.strip():
        shared = shared[: shared.rstrip().rfind(" ")]
    shared = shared.rstrip(" –-:,(/")
    if len(shared) >= 6:
        return shared
    return f"{titles[0]} (merged)"


def merged_description(sources: Sequence[MapSource], maps: Sequence[SystemMap]) -> str:
    """Which maps were merged, then each map's own description.

    Examples
    --------
    >>> a, b = SystemMap("A", "Prisons."), SystemMap("B")
    >>> print(merged_description([MapSource.of("justice", a), MapSource.of("health", b)], [a, b]))
    Merged from 2 maps: justice and health.
    <BLANKLINE>
    justice: Prisons.
    """
    drawn = [f"{s.name} ({s.author})" if s.author else s.name for s in sources]
    listed = ", ".join(drawn[:-1]) + f" and {drawn[-1]}" if len(drawn) > 1 else drawn[0]
    parts = [f"Merged from {len(sources)} maps: {listed}."]
    parts += [
        f"{s.name}: {m.description}" for s, m in zip(sources, maps, strict=True) if m.description
    ]
    return "\n\n".join(parts)


def _common_start(texts: Sequence[str]) -> str:
    """The characters all ``texts`` start with."""
    first = texts[0]
    for at, char in enumerate(first):
        if any(len(t) <= at or t[at] != char for t in texts[1:]):
            return first[:at]
    return first


def write_record(
    merged: SystemMap,
    maps: Sequence[SystemMap],
    sources: Sequence[MapSource],
    plan: MatchPlan,
    conflicts: Sequence[Conflict],
) -> None:
    """Store how ``merged`` was made in its ``merge_record``, and carry over the maps' other
    map-level attributes (the first map's value wins)."""
    for system_map in reversed(maps):
        for key, value in system_map.metadata.items():
            if key != RECORD_KEY and key.casefold() not in AUTHOR_KEYS:
                merged.set_metadata(key, value)
    authors = [s.author for s in sources if s.author]
    if authors:
        merged.set_metadata("author", "; ".join(dict.fromkeys(authors)))
    text = json.dumps(record(sources, plan, conflicts), ensure_ascii=False)
    merged.set_metadata(RECORD_KEY, text)


def record(
    sources: Sequence[MapSource], plan: MatchPlan, conflicts: Sequence[Conflict]
) -> dict[str, Any]:
    """The merge record as JSON-ready data, within :data:`MAX_RECORD_CHARS`.

    A person's decisions, the uncertain proposals and the conflicts come first; automatic
    matches fill what room is left (each merged stakeholder's ``source_maps`` and
    ``also_known_as`` keep that story anyway), and the record says how many it leaves out.
    """
    entries = [_match(plan, p) for p in plan.proposals]
    matches = [e for e in entries if e is not None]
    matches.sort(key=lambda e: e["decided"] == "automatic" and e["status"] == "match")
    data: dict[str, Any] = {
        "maps": [s.__dict__ for s in sources],
        "matches": [],
        "conflicts": [_conflict(c) for c in conflicts][:MAX_CONFLICTS],
        "conflicts_not_listed": max(0, len(conflicts) - MAX_CONFLICTS),
        "matches_not_listed": 0,
    }
    room = MAX_RECORD_CHARS - len(json.dumps(data, ensure_ascii=False))
    for at, entry in enumerate(matches):
        room -= len(json.dumps(entry, ensure_ascii=False)) + 2
        if room < 0:
            data["matches_not_listed"] = len(matches) - at
            break
        data["matches"].append(entry)
    return data


def _match(plan: MatchPlan, proposal: Proposal) -> dict[str, Any] | None:
    best = proposal.best
    decided = plan.decided.get((proposal.member.map, proposal.member.id), "automatic")
    if best is None and decided == "automatic":
        return None
    return {
        "map": plan.map_names[proposal.member.map],
        "id": proposal.member.id,
        "partner_map": plan.map_names[best.partner.map] if best else None,
        "partner_id": best.partner.id if best else None,
        "score": best.score if best else None,
        "reason": best.reason if best else "",
        "status": proposal.status,
        "decided": decided,
    }


def _conflict(conflict: Conflict) -> dict[str, Any]:
    return {
        "what": conflict.what,
        "map": conflict.map,
        "id": conflict.id,
        "merged_id": conflict.merged_id,
        "field": conflict.field,
        "values": [{"value": o.value, "maps": list(o.maps)} for o in conflict.options],
        "chosen": conflict.chosen,
        "decided": conflict.decided,
    }
