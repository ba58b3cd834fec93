"""Building the sections of an AnalysisResult from the measures (with their explanations).

Each function here turns the numbers one topic module computes into result records keyed by
stakeholder id and explained by label. :mod:`.engine` calls them in order.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Sequence
from dataclasses import dataclass, fields, replace

import numpy as np

from sysmap.analysis import explain
from sysmap.analysis.brokerage import Brokerage
from sysmap.analysis.citizen import is_citizen
from sysmap.analysis.communities import (
    Communities,
    Stability,
    compare,
    dominant,
    is_silo_community,
)
from sysmap.analysis.ei import EIReport, EIValues
from sysmap.analysis.gaps import GapFields, GroupGap, KnownGap, SeparatePart
from sysmap.analysis.grouping import Grouping
from sysmap.analysis.links import BrokerNeeded, SuggestedLink
from sysmap.analysis.mixing import TieTable, assortativity, modularity
from sysmap.analysis.resilience import BlockCutTree, PointOfFailure
from sysmap.analysis.results import (
    BridgeResult,
    BrokerNeededResult,
    BrokerResult,
    CommunityResult,
    DetectedCommunity,
    GapResult,
    GroupingResult,
    KnownGapResult,
    LocalBridgeResult,
    MissingLink,
    PartResult,
    PointOfFailureResult,
    Silo,
    TieCount,
)
from sysmap.analysis.ties import FloatArray, TieGraph


@dataclass(frozen=True)
class Names:
    """Ids and labels of a tie graph's stakeholders, by position."""

    ties: TieGraph

    def id(self, position: int) -> str:
        """The id of the stakeholder at ``position``."""
        return self.ties.nodes[position]

    def ids(self, positions: Sequence[int]) -> tuple[str, ...]:
        """The ids of the stakeholders at ``positions``."""
        return tuple(self.ties.nodes[p] for p in positions)

    def label(self, position: int) -> str:
        """The name of the stakeholder at ``position`` (with its id if the name repeats)."""
        return self.ties.display_labels[position]

    def labels(self, positions: Sequence[int]) -> list[str]:
        """The names of the stakeholders at ``positions``."""
        return [self.ties.display_labels[p] for p in positions]


def grouping_result(
    names: Names,
    grouping: Grouping,
    report: EIReport,
    table: TieTable,
    home: Collection[str] = (),
) -> GroupingResult:
    """Everything measured for one grouping attribute (``home``: groups that are the map's
    home place, or contain it, and so are never silos)."""
    ties = tuple(
        TieCount(
            grouping.values[g],
            grouping.values[h],
            int(table.observed[g, h]),
            float(table.expected[g, h]),
            float(table.density[g, h]),
            float(table.weighted[g, h]),
        )
        for g in range(grouping.count)
        for h in range(g, grouping.count)
    )
    stakeholder_ei = {
        names.id(i): float(v) for i, v in enumerate(report.stakeholders.tolist()) if v == v
    }
    whole = {f.name: getattr(report, f.name) for f in fields(EIValues)}
    return GroupingResult(
        **whole,
        attribute=grouping.attribute,
        assortativity=assortativity(table),
        modularity=modularity(table),
        weighted_modularity=modularity(table, weighted=True),
        not_set=int(np.count_nonzero(grouping.codes < 0)),
        groups=tuple(
            replace(g, is_silo=False, is_home=True) if g.name in home else g for g in report.groups
        ),
        ties=ties,
        stakeholder_ei=stakeholder_ei,
        permutations=report.permutations,
    )


def silos(
    names: Names, grouping: Grouping, report: EIReport, home: Collection[str] = ()
) -> list[Silo]:
    """The groups of one grouping that meet the silo rule (never the map's home)."""
    found = []
    for position, g in enumerate(report.groups):
        if not g.is_silo or g.name in home:
            continue
        members = np.flatnonzero(grouping.codes == position).tolist()
        found.append(
            Silo(
                attribute=grouping.attribute,
                group=g.name,
                label=g.label,
                members=names.ids(members),
                internal=g.internal,
                external=g.external,
                ei_index=g.ei_index,
                expected_ei=g.expected_ei,
                p_value=g.p_value,
                explanation=explain.silo(
                    g.label, g.internal, g.external, g.ei_index, g.expected_ei, g.p_value
                ),
            )
        )
    return found


def community_result(
    names: Names, communities: Communities, groupings: Sequence[Grouping]
) -> CommunityResult:
    """Detected communities (two or more members), their make-up and the comparisons."""
    detected = []
    for c in range(communities.count):
        members = communities.members(c)
        if members.size < 2:
            continue
        shares = {}
        silo_of = []
        for grouping in groupings:
            top = dominant(members, grouping)
            if top is None:
                continue
            shares[grouping.attribute] = {
                "value": top.value,
                "label": top.label,
                "share": top.share,
            }
            if is_silo_community(int(members.size), top):
                silo_of.append(grouping.attribute)
        detected.append(DetectedCommunity(names.ids(members.tolist()), shares, tuple(silo_of)))
    comparison = {}
    for grouping in groupings:
        result = compare(communities, grouping)
        comparison[grouping.attribute] = {"nmi": result.nmi, "ari": result.ari}
    stability = {f.name: getattr(communities, f.name) for f in fields(Stability)}
    return CommunityResult(**stability, detected=tuple(detected), comparison=comparison)


def gap_result(names: Names, gap: GroupGap) -> GapResult:
    """A group gap with its explanation (and, within a place, its members)."""
    common = {f.name: getattr(gap, f.name) for f in fields(GapFields)}
    explanation = explain.gap(gap.a_label, gap.b_label, gap.observed, gap.expected, gap.place_label)
    members = names.ids([*gap.members_a, *gap.members_b]) if gap.place else ()
    return GapResult(**common, explanation=explanation, members=members)


def gap_ref(gap: GroupGap) -> dict[str, str | None]:
    """The short reference to a gap that a suggested link carries."""
    return {"attribute": gap.attribute, "a": gap.a, "b": gap.b, "place": gap.place}


def crossed(groupings: Sequence[Grouping], a: int, b: int) -> tuple[str, ...]:
    """The grouping attributes on which two stakeholders have different (set) values."""
    found = []
    for g in groupings:
        codes = g.code_list
        if codes[a] >= 0 and codes[b] >= 0 and codes[a] != codes[b]:
            found.append(g.attribute)
    return tuple(found)


def missing_link(names: Names, link: SuggestedLink, groupings: Sequence[Grouping]) -> MissingLink:
    """A suggested introduction with its explanation."""
    gap = link.gap
    return MissingLink(
        source=names.id(link.source),
        target=names.id(link.target),
        score=link.resource_allocation,
        method="resource_allocation",
        adamic_adar=link.adamic_adar,
        common_neighbours=link.common_neighbours,
        introducer=names.id(link.introducer),
        crosses=crossed(groupings, link.source, link.target),
        gap=gap_ref(gap),
        explanation=explain.introduction(
            names.label(link.source),
            names.label(link.target),
            names.label(link.introducer),
            int(names.ties.degree[link.introducer]),
            gap.a_label,
            gap.b_label,
            link.common_neighbours,
            citizen=is_citizen(names.ties.data[link.introducer]),
        ),
    )


def broker_needed(names: Names, needed: BrokerNeeded) -> BrokerNeededResult:
    """A gap that needs a new broker, with the best-placed members of each side."""
    gap = needed.gap
    return BrokerNeededResult(
        attribute=gap.attribute,
        a=gap.a,
        b=gap.b,
        place=gap.place,
        side_a=names.ids(needed.side_a),
        side_b=names.ids(needed.side_b),
        explanation=explain.broker_needed(
            gap.a_label,
            gap.b_label,
            names.labels(needed.side_a),
            names.labels(needed.side_b),
            gap.place_label,
        ),
    )


def part_result(names: Names, part: SeparatePart) -> PartResult:
    """A separate part with the link that would join it."""
    return PartResult(
        members=names.ids(part.members),
        join_from=names.id(part.join_from),
        join_to=names.id(part.join_to),
        explanation=explain.separate_part(
            names.labels(part.members), names.label(part.join_from), names.label(part.join_to)
        ),
    )


def known_gap_result(
    gap: KnownGap, label: Callable[[str], str], relation: Callable[[str | None], str]
) -> KnownGapResult:
    """A relationship recorded as missing, with its evidence."""
    common = {f.name: getattr(gap, f.name) for f in fields(KnownGap)}
    explanation = explain.known_gap(
        label(gap.source), relation(gap.relation), label(gap.target), gap.evidence, gap.description
    )
    return KnownGapResult(**common, explanation=explanation)


def broker_results(
    names: Names,
    betweenness: FloatArray,
    constraint: FloatArray,
    effective_size: FloatArray,
    roles: Sequence[Brokerage],
) -> list[BrokerResult]:
    """Brokerage measures of every stakeholder, highest betweenness first."""
    order = np.lexsort((np.arange(names.ties.n), -betweenness))
    tables = [(r.attribute, r.all_roles()) for r in roles]
    values = zip(betweenness.tolist(), constraint.tolist(), effective_size.tolist(), strict=True)
    rows = list(values)
    return [
        BrokerResult(
            id=names.id(i),
            betweenness=rows[i][0],
            constraint=rows[i][1],
            effective_size=rows[i][2],
            roles={attribute: table[i] for attribute, table in tables},
        )
        for i in order.tolist()
    ]


def point_results(names: Names, points: Sequence[PointOfFailure]) -> list[PointOfFailureResult]:
    """Articulation points with whom they cut off."""
    return [
        PointOfFailureResult(
            id=names.id(p.node),
            cut_off=p.cut_off,
            separated=names.ids(p.separated),
            explanation=explain.point_of_failure(names.label(p.node), names.labels(p.separated)),
        )
        for p in points
    ]


def bridge_results(names: Names, rows: Sequence[int], tree: BlockCutTree) -> list[BridgeResult]:
    """True bridges, with how many stakeholders each one's loss would cut off."""
    ties = names.ties
    found = []
    for row in rows:
        a, b = int(ties.source[row]), int(ties.target[row])
        found.append(
            BridgeResult(
                names.id(a), names.id(b), ties.relationships[row], _bridge_cut(ties, tree, a, b)
            )
        )
    return sorted(found, key=lambda r: -r.cut_off)


def _bridge_cut(ties: TieGraph, tree: BlockCutTree, a: int, b: int) -> int:
    """Stakeholders on the smaller side of a bridge."""
    if ties.degree[a] == 1 or ties.degree[b] == 1:
        return 1
    graph = ties.igraph_graph.copy()
    graph.delete_edges([(a, b)])
    parts = graph.connected_components()
    sizes, membership = parts.sizes(), parts.membership
    return int(min(sizes[membership[a]], sizes[membership[b]]))


def local_bridge_results(
    names: Names, found: Sequence[tuple[int, int]], groupings: Sequence[Grouping]
) -> list[LocalBridgeResult]:
    """Cross-group local bridges with their span, widest first."""
    ties = names.ties
    results = []
    for row, span in found:
        a, b = int(ties.source[row]), int(ties.target[row])
        crosses = crossed(groupings, a, b)
        groups = {
            g.attribute: (g.values[g.code_list[a]], g.values[g.code_list[b]])
            for g in groupings
            if g.attribute in crosses
        }
        results.append(
            LocalBridgeResult(
                names.id(a), names.id(b), span, crosses, ties.relationships[row], groups
            )
        )
    return results


def two_mode_notes(groupings: Iterable[GroupingResult]) -> list[str]:
    """Say so when every tie joins one group to the other (people × events)."""
    notes = []
    for grouping in groupings:
        if len(grouping.groups) == 2 and grouping.internal == 0 and grouping.external > 0:
            a, b = (g.label for g in grouping.groups)
            notes.append(
                f"Every tie joins {a} to {b}: by {grouping.attribute.replace('_', ' ')} this is "
                "a two-mode map (people and the events they attend, say). Silo and mixing "
                "measures assume ties inside a group could exist, so they say nothing here; "
                "link the people who share events first and analyse that."
            )
    return notes


def field_values(ties: TieGraph, attribute: str) -> dict[str, str]:
    """Each stakeholder's value of a text field, where set."""
    return {
        node: str(data[attribute])
        for node, data in zip(ties.nodes, ties.data, strict=True)
        if isinstance(data.get(attribute), str) and data[attribute]
    }
