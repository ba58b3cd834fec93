"""Findings: the ranked list a policy lead reads first, built from an AnalysisResult.

Each finding has a severity (``high`` problems first, ``info`` context and good news last), a
kind, a title, an explanation with the numbers, the published measure behind it, and the ids
to highlight. Within a severity, findings are ordered by how large the problem is. Each kind
is capped (:data:`MAX_PER_KIND`) so a large map's list stays readable; the full detail is in
the result's other sections.
"""

from __future__ import annotations

import math
from collections.abc import Iterator

from sysmap.analysis import explain
from sysmap.analysis.finding_kinds import KINDS, MAX_PER_KIND, Ranked, make_finding
from sysmap.analysis.fragility_findings import (
    bridge_findings,
    broker_findings,
    citizen_findings,
    isolate_findings,
    local_bridge_findings,
    point_findings,
    weak_link_findings,
)
from sysmap.analysis.report import AnalysisResult
from sysmap.analysis.results import Finding, GroupRef, Highlight
from sysmap.analysis.wording import count, decimal


def build_findings(result: AnalysisResult) -> tuple[Finding, ...]:
    """Rank every finding of an analysis, most serious first."""
    ranked: list[Ranked] = []
    for builder in (
        _parts,
        _silos,
        _known_gaps,
        _group_gaps,
        citizen_findings,
        weak_link_findings,
        point_findings,
        bridge_findings,
        isolate_findings,
        _mixing,
        _brokers_needed,
        _links,
        _communities,
        local_bridge_findings,
        broker_findings,
        _to_be,
    ):
        found = list(builder(result))
        found.sort(key=lambda item: (item[0], -item[1], item[2].title))
        # Gaps the map itself records are evidence a user curated: never cut them.
        ranked += found if builder is _known_gaps else found[:MAX_PER_KIND]
    kind_order = list(KINDS)
    ranked.sort(key=lambda item: (item[0], kind_order.index(item[2].kind), -item[1], item[2].title))
    return tuple(item[2] for item in ranked)


def _parts(result: AnalysisResult) -> Iterator[Ranked]:
    for part in result.separate_parts:
        yield make_finding(
            "high",
            "separate_part",
            f"{count(len(part.members), 'stakeholder')} have no route to the rest of the system",
            part.explanation,
            len(part.members),
            highlight=Highlight(nodes=part.members, suggested=((part.join_from, part.join_to),)),
            numbers={"stakeholders": len(part.members)},
        )


def _silos(result: AnalysisResult) -> Iterator[Ranked]:
    for silo in result.silos:
        gap = silo.expected_ei - silo.ei_index
        severity = "high" if gap >= 0.5 and silo.p_value < 0.01 else "medium"
        yield make_finding(
            severity,
            "silo",
            f"{silo.label} is a silo",
            silo.explanation,
            gap,
            highlight=Highlight(
                nodes=silo.members, groups=(GroupRef(silo.attribute, silo.group, silo.label),)
            ),
            numbers={
                "internal": silo.internal,
                "external": silo.external,
                "ei_index": silo.ei_index,
                "expected_ei": silo.expected_ei,
                "p_value": silo.p_value,
            },
        )


def _known_gaps(result: AnalysisResult) -> Iterator[Ranked]:
    total = len(result.known_gaps)
    for position, gap in enumerate(result.known_gaps):
        yield make_finding(
            "high",
            "known_gap",
            f"Missing: {result.label(gap.source)} and {result.label(gap.target)}",
            gap.explanation,
            total - position,
            highlight=Highlight(nodes=(gap.source, gap.target), edges=(gap.relationship,)),
        )


def _group_gaps(result: AnalysisResult) -> Iterator[Ranked]:
    for gap in result.group_gaps:
        if gap.observed == 0:
            severity = "high" if gap.expected >= 3 else "medium"
            title = f"{gap.a_label} and {gap.b_label} share no working relationship"
        else:
            severity = "medium" if gap.observed < 0.25 * gap.expected else "low"
            title = f"{gap.a_label} and {gap.b_label} barely work together"
        if gap.place:
            title = f"In {result.group_label('place', gap.place)}, {title}"
        groups = (
            GroupRef(gap.attribute, gap.a, gap.a_label),
            GroupRef(gap.attribute, gap.b, gap.b_label),
        )
        yield make_finding(
            severity,
            "group_gap",
            title,
            gap.explanation,
            gap.expected - gap.observed,
            highlight=Highlight(nodes=gap.members, groups=groups),
            numbers={"observed": gap.observed, "expected": gap.expected, "p_value": gap.p_value},
        )


def _mixing(result: AnalysisResult) -> Iterator[Ranked]:
    for attribute, grouping in result.groups.items():
        if math.isnan(grouping.ei_index) or not grouping.ei_index < grouping.expected_ei:
            continue
        significant = grouping.p_value < 0.05
        word = attribute.replace("_", " ")
        yield make_finding(
            "medium" if significant else "low",
            "mixing",
            f"Ties stay inside {word}s",
            explain.mixing(
                word,
                grouping.internal,
                grouping.external,
                grouping.ei_index,
                grouping.expected_ei,
                grouping.p_value,
            )
            + f" Assortativity {decimal(grouping.assortativity)}; modularity of the {word} split "
            f"{decimal(grouping.modularity)}.",
            grouping.expected_ei - grouping.ei_index,
            numbers={
                "ei_index": grouping.ei_index,
                "expected_ei": grouping.expected_ei,
                "p_value": grouping.p_value,
                "assortativity": grouping.assortativity,
                "modularity": grouping.modularity,
            },
        )


def _brokers_needed(result: AnalysisResult) -> Iterator[Ranked]:
    for needed in result.brokers_needed:
        a, b = (
            result.group_label(needed.attribute, needed.a),
            result.group_label(needed.attribute, needed.b),
        )
        yield make_finding(
            "medium",
            "broker_needed",
            f"Nobody links {a} and {b}: a new broker is needed",
            needed.explanation,
            len(needed.side_a) + len(needed.side_b),
            highlight=Highlight(
                nodes=(*needed.side_a, *needed.side_b),
                groups=(
                    GroupRef(needed.attribute, needed.a, a),
                    GroupRef(needed.attribute, needed.b, b),
                ),
            ),
        )


def _links(result: AnalysisResult) -> Iterator[Ranked]:
    for rank, link in enumerate(result.missing_links[: MAX_PER_KIND * 2]):
        yield make_finding(
            "medium" if rank < 3 else "low",
            "suggested_link",
            f"Introduce {result.label(link.source)} to {result.label(link.target)}",
            link.explanation,
            link.score,
            highlight=Highlight(
                nodes=(link.source, link.target, link.introducer),
                suggested=((link.source, link.target),),
            ),
            numbers={
                "resource_allocation": link.score,
                "adamic_adar": link.adamic_adar,
                "common_neighbours": link.common_neighbours,
            },
            introducer=link.introducer,
        )


def _communities(result: AnalysisResult) -> Iterator[Ranked]:
    communities = result.communities
    for community in communities.detected:
        if not community.silo_of:
            continue
        tops = [community.dominant[a] for a in community.silo_of]
        shares = [(float(t["share"]), str(t["label"])) for t in tops]
        yield make_finding(
            "medium",
            "silo_community",
            f"A working cluster of {len(community.members)} is mostly {shares[0][1]}",
            explain.silo_community(len(community.members), shares),
            len(community.members) * shares[0][0],
            highlight=Highlight(
                nodes=community.members,
                groups=tuple(
                    GroupRef(a, str(t["value"]), str(t["label"]))
                    for a, t in zip(community.silo_of, tops, strict=True)
                ),
            ),
            numbers={"members": len(community.members), "share": shares[0][0]},
        )
    for attribute, scores in communities.comparison.items():
        nmi = scores["nmi"]
        if math.isnan(nmi):
            continue
        word = attribute.replace("_", " ")
        follows = nmi >= 0.5
        yield make_finding(
            "low" if follows else "info",
            "communities",
            f"Working clusters {'follow' if follows else 'cut across'} {word} lines",
            explain.communities_follow(word, nmi),
            nmi,
            numbers={
                "nmi": nmi,
                "ari": scores["ari"],
                "agreement_across_seeds": communities.agreement,
            },
        )


def _to_be(result: AnalysisResult) -> Iterator[Ranked]:
    if result.comparison is None:
        return
    for change in result.comparison.changes:
        yield make_finding(
            "info",
            "to_be",
            change.title,
            "If the proposed relationships are made: "
            + change.explanation[:1].lower()
            + change.explanation[1:],
            0.0,
            highlight=change.highlight,
            numbers={"before": change.before, "after": change.after},
        )
