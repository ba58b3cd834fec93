"""Whole-map checks: values a map uses that its vocabularies do not define.

Such values are kept (a file from elsewhere may use its own sectors) but the user is told, so
a typo such as ``thrid_sector`` does not silently become a sector of its own.
"""

from __future__ import annotations

from collections import Counter

from sysmap.model.map_parts import CheckingMap
from sysmap.model.vocab import PLACE_LEVELS, STATUSES, Vocabulary


def vocabulary_problems(system_map: CheckingMap) -> list[str]:
    """Return one sentence per field whose values fall outside the map's vocabulary.

    Parameters
    ----------
    system_map : CheckingMap

    Returns
    -------
    list of str
        Empty when every value is known.
    """
    nodes = system_map.graph.nodes(data=True)
    edges = system_map.graph.edges(data=True)
    checks: list[tuple[str, str, Vocabulary, Counter[str]]] = [
        (
            "stakeholder",
            "sector",
            system_map.sectors,
            Counter(str(d["sector"]) for _, d in nodes if "sector" in d),
        ),
        (
            "stakeholder",
            "place level",
            PLACE_LEVELS,
            Counter(str(d["place_level"]) for _, d in nodes if "place_level" in d),
        ),
        (
            "stakeholder",
            "kind",
            system_map.kinds,
            Counter(str(d["kind"]) for _, d in nodes if "kind" in d),
        ),
        (
            "relationship",
            "status",
            STATUSES,
            Counter(str(d["status"]) for _, _, d in edges if "status" in d),
        ),
        (
            "relationship",
            "type",
            system_map.relation_types,
            Counter(str(d["relation"]) for _, _, d in edges if "relation" in d),
        ),
    ]
    problems = []
    for thing, field_name, vocabulary, counts in checks:
        unknown = {value: n for value, n in counts.items() if value not in vocabulary}
        if unknown:
            total = sum(unknown.values())
            listed = ", ".join(f"'{v}'" for v in sorted(unknown)[:5])
            more = "" if len(unknown) <= 5 else f" and {len(unknown) - 5} more"
            noun, verb = (f"{thing}s", "use") if total != 1 else (thing, "uses")
            problems.append(
                f"{total} {noun} {verb} a {field_name} this map does not define "
                f"({listed}{more}); they are kept as they are."
            )
    return problems
