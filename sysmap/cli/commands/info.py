"""``sysmap info MAP``: what a map holds, and anything sysmap had to warn about."""

from __future__ import annotations

import argparse
from collections import Counter
from collections.abc import Callable, Iterable
from itertools import chain
from typing import TYPE_CHECKING

from sysmap.cli.command import Command, add_map_argument, load, say

if TYPE_CHECKING:  # the rest is imported when the command runs: 'sysmap --help' stays quick
    from sysmap.io import LoadResult
    from sysmap.model import SystemMap

TIE_STATUSES = ("active", "weak")


def _add_arguments(parser: argparse.ArgumentParser) -> None:
    add_map_argument(parser)


def _run(args: argparse.Namespace) -> int:
    for line in describe(load(args), args.map):
        say(line)
    return 0


def describe(result: LoadResult, source: str) -> list[str]:
    """Return the lines of the ``info`` report for a loaded map."""
    from sysmap.analysis.strength import weight_notes
    from sysmap.io.summary import came_through

    system_map = result.map
    lines = [system_map.title, "=" * len(system_map.title)]
    lines.append(f"Read from {source} as {result.format}.")
    if system_map.description:
        lines.append(system_map.description)
    lines.append("")
    lines.append(_counts_line(system_map))
    lines.append(_components_line(system_map))
    lines += _table(
        "Sectors", _counted(system_map, "sector", lambda v: system_map.sectors.label(v))
    )
    levels = _place_levels(system_map)
    lines += _table("Places", _counted(system_map, "place", lambda v: _place(levels, v)))
    lines += _table("Other attributes", _other_attributes(system_map))
    rows = came_through(result)
    width = max(len(what) for what, _ in rows)
    lines += ["", "What came through"] + [f"  {what:<{width}}  {much}" for what, much in rows]
    notes = [*result.notes, *weight_notes(system_map, lambda: _rescaling(system_map))]
    if notes:
        lines += ["", "Notes"] + [f"  - {n}" for n in notes]
    if result.warnings:
        lines += ["", "Warnings"] + [f"  - {w}" for w in result.warnings]
    else:
        lines += ["", "No warnings."]
    return lines


def _counts_line(system_map: SystemMap) -> str:
    from sysmap.model.vocab import STATUSES

    statuses = Counter(str(d.get("status", "active")) for *_, d in system_map.relationship_rows())
    detail = ", ".join(f"{statuses[t.key]} {t.key}" for t in STATUSES if t.key != "active")
    return (
        f"{system_map.stakeholder_count} stakeholders, "
        f"{system_map.relationship_count} relationships ({detail})."
    )


def _components_line(system_map: SystemMap) -> str:
    ties = (
        (u, v)
        for _, u, v, d in system_map.relationship_rows()
        if d.get("status", "active") in TIE_STATUSES
    )
    parts = _part_sizes(system_map.stakeholder_ids(), ties)
    if len(parts) <= 1:
        return "Everyone is connected in one part (counting active and weak relationships)."
    sizes = ", ".join(str(p) for p in parts[:8]) + ("…" if len(parts) > 8 else "")
    return (
        f"{len(parts)} separate parts of {sizes} stakeholders "
        "(counting active and weak relationships)."
    )


def _part_sizes(ids: Iterable[str], ties: Iterable[tuple[str, str]]) -> list[int]:
    """Sizes of the connected parts, largest first (union–find: a fifth of a networkx graph's
    time, which mattered for ``info`` on a big map)."""
    parent = {i: i for i in ids}

    def root(item: str) -> str:
        while parent[item] != item:
            parent[item] = item = parent[parent[item]]  # halve the path as we go
        return item

    for u, v in ties:
        a, b = root(u), root(v)
        if a != b:
            parent[a] = b
    return sorted(Counter(root(i) for i in parent).values(), reverse=True)


def _counted(
    system_map: SystemMap, field: str, label: Callable[[str], str]
) -> list[tuple[str, int]]:
    counts = Counter(d.get(field) for _, d in system_map.stakeholder_rows())
    missing = counts.pop(None, 0)
    rows = [(label(str(v)), n) for v, n in counts.most_common()]
    if missing and rows:
        rows.append(("(not set)", missing))
    return rows


def _place_levels(system_map: SystemMap) -> dict[str, set[str]]:
    """The levels (national, regional, local) each place is given, in one pass."""
    levels: dict[str, set[str]] = {}
    for _, data in system_map.stakeholder_rows():
        place, level = data.get("place"), data.get("place_level")
        if place is not None and level is not None:
            levels.setdefault(str(place), set()).add(str(level))
    return levels


def _place(levels: dict[str, set[str]], place: str) -> str:
    found = levels.get(place)
    return f"{place} ({', '.join(sorted(found))})" if found else place


def _other_attributes(system_map: SystemMap) -> list[tuple[str, int]]:
    # Read from the graph's own records: making a Stakeholder of each (as .stakeholders()
    # does) took a quarter of 'sysmap info' on a national map.
    from sysmap.model.entities import RELATIONSHIP_FIELD_ORDER, STAKEHOLDER_FIELD_ORDER

    # One Counter over all the keys at once (iterating a record gives its keys): an update
    # per record cost a Python call for each of a big map's 25,000 records.
    counts = Counter(chain.from_iterable(data for _, data in system_map.stakeholder_rows()))
    links = Counter(chain.from_iterable(data for *_, data in system_map.relationship_rows()))
    for field in STAKEHOLDER_FIELD_ORDER:
        counts.pop(field, None)
    for field in RELATIONSHIP_FIELD_ORDER:
        links.pop(field, None)
    return [(f"{name} (stakeholders)", n) for name, n in sorted(counts.items())] + [
        (f"{name} (relationships)", n) for name, n in sorted(links.items())
    ]


def _table(title: str, rows: list[tuple[str, int]]) -> list[str]:
    if not rows:
        return []
    width = max(len(name) for name, _ in rows)
    return ["", title] + [f"  {name:<{width}}  {count:>5}" for name, count in rows]


COMMAND = Command(
    "info",
    "describe a map: counts, sectors, places, parts and warnings",
    _add_arguments,
    _run,
    order=20,
)


def _rescaling(system_map: SystemMap) -> tuple[str, ...]:
    """What the analysis says when it rescales extreme tie strengths: it rescales its ties'
    strengths (a relationship without a weight counts 1, a pair's relationships add up), not
    the weights the file gives, so the same ties give the same sentence."""
    from sysmap.analysis.ties import TieGraph  # numpy: only for a map with extreme weights

    return TieGraph.from_map(system_map).notes
