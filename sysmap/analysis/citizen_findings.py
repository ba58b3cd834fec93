"""Findings from the citizen's view: parts of the system cut off, services citizens cannot
reach, organisations every route runs through, and the longest routes.

One fact is said once: citizens cut off because a part of the map has no route to the rest
are named in that part's finding, and citizens with the same services out of reach (or the
same organisation on every route) share one finding.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterator

from sysmap.analysis import explain
from sysmap.analysis.analysis_result import AnalysisResult
from sysmap.analysis.finding_kinds import make_finding
from sysmap.analysis.ranking import Candidate
from sysmap.analysis.results import Highlight
from sysmap.analysis.wording import agree, count, is_plural, listing

LISTED = 6


def _names(result: AnalysisResult, ids: list[str] | tuple[str, ...]) -> str:
    return listing([result.label(i) for i in ids], LISTED)


def part_findings(result: AnalysisResult) -> Iterator[Candidate]:
    """Separate parts, each with the citizens it leaves unable to reach services."""
    for part in result.separate_parts:
        members = set(part.members)
        stranded = _stranded(result, members)
        extra = ""
        if stranded:
            extra = " So " + "; ".join(stranded) + "."
        yield Candidate(
            "guidance",
            1000.0 + len(part.members),
            make_finding(
                "high",
                "separate_part",
                f"{count(len(part.members), 'stakeholder')} have no route to the rest of "
                "the system",
                part.explanation + extra,
                highlight=Highlight(
                    nodes=part.members, suggested=((part.join_from, part.join_to),)
                ),
                numbers={"stakeholders": len(part.members)},
            ),
            "part of the system has no route to the rest",
        )


def _stranded(result: AnalysisResult, part: set[str]) -> list[str]:
    """Who the part leaves cut off: '3 citizens cannot reach BCC adult social care'."""
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for summary in result.citizen.summaries:
        if summary.unreachable and (summary.citizen in part or set(summary.unreachable) <= part):
            groups[summary.unreachable].append(summary.citizen)
    sentences = []
    for services, citizens in groups.items():
        sentences.append(
            f"{_names(result, citizens)} cannot reach {count(len(services), 'service')}"
            + (f" ({_names(result, services)})" if len(services) <= LISTED else "")
        )
    return sentences


def unreachable_findings(result: AnalysisResult) -> Iterator[Candidate]:
    """Citizens cut off from services no separate part explains, folded by services."""
    parts = set().union(*(set(p.members) for p in result.separate_parts))
    groups: dict[tuple[str, ...], list[str]] = defaultdict(list)
    for summary in result.citizen.summaries:
        if not summary.unreachable:
            continue
        if summary.citizen in parts or set(summary.unreachable) <= parts:
            continue
        groups[summary.unreachable].append(summary.citizen)
    for services, citizens in groups.items():
        who = _names(result, citizens)
        yield Candidate(
            "guidance",
            400.0 + len(services) * len(citizens),
            make_finding(
                "high",
                "citizen_unreachable",
                f"{who} cannot reach {count(len(services), 'service')}",
                f"{who} cannot reach {count(len(services), 'service')} by any route: "
                f"{_names(result, services)}.",
                highlight=Highlight(nodes=(*citizens, *services)),
                numbers={"unreachable": len(services), "citizens": len(citizens)},
            ),
            "citizens cut off from a service",
        )


def single_route_findings(result: AnalysisResult) -> Iterator[Candidate]:
    """Organisations every route from some citizens to some services runs through."""
    by_point: dict[str, dict[str, tuple[str, ...]]] = defaultdict(dict)
    citizens_all = set(result.citizen.citizens)
    for summary in result.citizen.summaries:
        for point, through in summary.single_points.items():
            # A citizen on every route is said once, as the connection resting on citizens.
            if point not in citizens_all:
                by_point[point][summary.citizen] = through
    cut_off = {p.id: set(p.separated) for p in result.single_points_of_failure}
    for point, reached in by_point.items():
        citizens = sorted(reached)
        services = sorted({s for ss in reached.values() for s in ss})
        if set(services) <= cut_off.get(point, set()):
            continue  # the single point of failure's own finding says it
        who = _names(result, citizens)
        plural = len(citizens) > 1 or is_plural(who, result.kind(citizens[0]))
        yield Candidate(
            "fragility",
            float(len(services)),
            make_finding(
                "medium",
                "citizen_single_route",
                f"{who} {'reach' if plural else 'reaches'} {count(len(services), 'service')} "
                f"only through {result.label(point)}",
                explain.only_through(who, result.label(point), [result.label(s) for s in services]),
                highlight=Highlight(nodes=(*citizens, point, *services)),
                numbers={"services": len(services), "citizens": len(citizens)},
            ),
            "citizens whose every route to some services runs through one organisation",
        )


def long_route_findings(result: AnalysisResult) -> Iterator[Candidate]:
    """Each citizen's farthest service, where it is three steps or more away."""
    for summary in result.citizen.summaries:
        if summary.farthest is None or summary.farthest_steps < 3:
            continue
        name = result.label(summary.citizen)
        kind = result.kind(summary.citizen)
        yield Candidate(
            "context",
            summary.farthest_steps + summary.farthest_sector_crossings / 10,
            make_finding(
                "low",
                "citizen_route",
                f"{name} {agree(name, kind, 'is', 'are')} {summary.farthest_steps} steps from "
                f"{result.label(summary.farthest)}",
                explain.long_route(
                    name,
                    result.label(summary.farthest),
                    summary.farthest_steps,
                    summary.farthest_sector_crossings,
                    summary.farthest_place_crossings,
                    kind,
                ),
                highlight=Highlight(nodes=(summary.citizen, summary.farthest)),
                numbers={
                    "steps": summary.farthest_steps,
                    "sector_crossings": summary.farthest_sector_crossings,
                    "place_crossings": summary.farthest_place_crossings,
                },
            ),
            "how far a citizen is from the service hardest to reach",
        )


def isolate_findings(result: AnalysisResult) -> Iterator[Candidate]:
    if not result.isolates:
        return
    names = [result.label(i) for i in result.isolates]
    yield Candidate(
        "guidance",
        500.0 + len(names),
        make_finding(
            "medium",
            "isolate",
            f"{len(names)} stakeholders have no working relationship"
            if len(names) > 1
            else f"{names[0]} has no working relationship",
            explain.isolates(names),
            highlight=Highlight(nodes=result.isolates),
            numbers={"stakeholders": len(names)},
        ),
        "stakeholders cut off from the whole system",
    )
