"""As-is and to-be: what making the proposed relationships would change.

The to-be map counts ``proposed`` relationships as ties; everything else is the same. The
comparison reports changes in silo scores, gaps closed, parts joined, the citizen's routes and
single points of failure removed.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

from sysmap.analysis.analysis_result import AnalysisResult
from sysmap.analysis.results import Change, GapResult, GroupRef, Highlight, ScenarioComparison
from sysmap.analysis.wording import count, decimal, listing, possessive, signed

if TYPE_CHECKING:
    from sysmap.model.system_map import SystemMap


def compare_scenarios(
    as_is: AnalysisResult, to_be: AnalysisResult, system_map: SystemMap
) -> ScenarioComparison:
    """List what changes between the as-is and the to-be analysis of one map."""
    proposed = tuple(
        sorted(
            str(key)
            for _, _, key, data in system_map.network().edges(keys=True, data=True)
            if data.get("status") == "proposed"
        )
    )
    changes = [
        *_silo_changes(as_is, to_be),
        *_gap_changes(as_is, to_be, system_map),
        *_part_changes(as_is, to_be),
        *_citizen_changes(as_is, to_be),
        *_point_changes(as_is, to_be),
    ]
    return ScenarioComparison(proposed, tuple(changes))


def _silo_changes(as_is: AnalysisResult, to_be: AnalysisResult) -> list[Change]:
    changes = []
    before = {(s.attribute, s.group): s for s in as_is.silos}
    after = {(s.attribute, s.group): s for s in to_be.silos}
    for key in sorted(set(before) | set(after)):
        attribute, value = key
        old = _group_ei(as_is, attribute, value)
        new = _group_ei(to_be, attribute, value)
        if math.isclose(old, new, abs_tol=1e-9) and (key in before) == (key in after):
            continue
        label = as_is.group_label(attribute, value)
        status = (
            " and would no longer be a silo"
            if key in before and key not in after
            else " and would become a silo"
            if key in after and key not in before
            else ""
        )
        title = (
            f"{label} would no longer be a silo"
            if status.startswith(" and would no")
            else f"{label} would become a silo"
            if status
            else f"{label} would {'open up' if new > old else 'turn inward'}"
        )
        changes.append(
            Change(
                "silo",
                title,
                f"{possessive(label)} E-I index would move "
                f"from {signed(old)} to {signed(new)}{status}.",
                old,
                new,
                Highlight(groups=(GroupRef(attribute, value, label),)),
            )
        )
    return changes


def _group_ei(result: AnalysisResult, attribute: str, value: str) -> float:
    grouping = result.groups.get(attribute)
    if grouping is None:
        return float("nan")
    return next((g.ei_index for g in grouping.groups if g.name == value), float("nan"))


def _gap_changes(
    as_is: AnalysisResult, to_be: AnalysisResult, system_map: SystemMap
) -> list[Change]:
    remaining = {(g.attribute, g.a, g.b, g.place) for g in to_be.group_gaps}
    after = {(t.a, t.b, a): t.observed for a, gr in to_be.groups.items() for t in gr.ties}
    proposed = [
        (u, v)
        for u, v, data in system_map.network().edges(data=True)
        if data.get("status") == "proposed"
    ]
    changes = []
    for gap in as_is.group_gaps:
        if (gap.attribute, gap.a, gap.b, gap.place) in remaining:
            continue
        new = after.get((gap.a, gap.b, gap.attribute), after.get((gap.b, gap.a, gap.attribute)))
        title, body = _gap_words(gap, new, _joined(gap, new, proposed, system_map))
        changes.append(
            Change(
                "gap_closed",
                title,
                body,
                gap.observed,
                new,
                Highlight(
                    groups=(
                        GroupRef(gap.attribute, gap.a, gap.a_label),
                        GroupRef(gap.attribute, gap.b, gap.b_label),
                    )
                ),
            )
        )
    return changes


def _joined(
    gap: GapResult, new: int | None, proposed: list[tuple[str, str]], system_map: SystemMap
) -> bool:
    """Whether a proposed relationship joins the two sides of a gap that would go.

    Across the map the working relationships before and after tell; within a place (whose
    map-wide counts would mislead) a proposal must join a member of each side there.
    """
    if not gap.place:
        return new is None or new > gap.observed
    members = set(gap.members)

    def side(stakeholder: str) -> object:
        return getattr(system_map.stakeholder(stakeholder), gap.attribute, None)

    return any(u in members and v in members and side(u) != side(v) for u, v in proposed)


def _gap_words(gap: GapResult, new: int | None, joined: bool) -> tuple[str, str]:
    """The headline and sentence for a gap that would go."""
    pair = f"{gap.a_label} and {gap.b_label}{f' in {gap.place}' if gap.place else ''}"
    if not joined:
        # No proposal joins them: the gap goes only because fewer ties would be expected on
        # the map as proposed, and "would start working together" would mislead.
        still = (
            f"they would still have {count(new, 'working relationship')}"
            if new is not None and not gap.place
            else "no proposed relationship joins them"
        )
        return (
            f"{pair} would no longer stand out as a gap",
            f"The gap between {pair} would no longer be flagged, though {still}: the proposals "
            "change what would be expected between them, not the ties they have.",
        )
    now = (
        f" ({gap.observed} → {new} working relationships)"
        if new is not None and not gap.place
        else ""
    )
    return f"{pair} would start working together", f"The gap between {pair} would close{now}."


def _part_changes(as_is: AnalysisResult, to_be: AnalysisResult) -> list[Change]:
    before, after = as_is.map.components, to_be.map.components
    if before == after:
        return []
    return [
        Change(
            "parts",
            f"Separate parts would join ({before} → {after})",
            f"The map's {count(before, 'separate part')} would become {after}.",
            before,
            after,
        )
    ]


def _citizen_changes(as_is: AnalysisResult, to_be: AnalysisResult) -> list[Change]:
    changes = []
    old, new = as_is.citizen.mean_steps(), to_be.citizen.mean_steps()
    if not (math.isnan(old) or math.isnan(new)) and not math.isclose(old, new, abs_tol=1e-9):
        changes.append(
            Change(
                "citizen_steps",
                f"Citizens' routes would {'shorten' if new < old else 'lengthen'}",
                f"The average route from a citizen to a service would go from {decimal(old, 1)} "
                f"to {decimal(new, 1)} steps.",
                old,
                new,
            )
        )
    lost, kept = as_is.citizen.unreachable_pairs(), to_be.citizen.unreachable_pairs()
    if lost != kept:
        changes.append(
            Change(
                "citizen_reach",
                "More services would be within citizens' reach"
                if kept < lost
                else "Fewer services would be within citizens' reach",
                f"Citizen–service pairs with no route at all would go from {lost} to {kept}.",
                lost,
                kept,
            )
        )
    return changes


def _point_changes(as_is: AnalysisResult, to_be: AnalysisResult) -> list[Change]:
    before = {p.id for p in as_is.single_points_of_failure}
    after = {p.id for p in to_be.single_points_of_failure}
    removed = [p for p in as_is.single_points_of_failure if p.id not in after]
    added = [p for p in to_be.single_points_of_failure if p.id not in before]
    changes = []
    if removed:
        names = [as_is.label(p.id) for p in removed]
        verb = (
            "would no longer be a single point of failure"
            if len(names) == 1
            else ("would no longer be single points of failure")
        )
        changes.append(
            Change(
                "points_removed",
                f"{listing(names)} {verb}",
                f"{listing(names)} {verb}.",
                [p.id for p in removed],
                [],
                Highlight(nodes=tuple(p.id for p in removed)),
            )
        )
    if added:
        names = [to_be.label(p.id) for p in added]
        changes.append(
            Change(
                "points_added",
                f"New single points of failure: {listing(names)}",
                f"{listing(names)} would become "
                f"{'a single point' if len(names) == 1 else 'single points'} of failure.",
                [],
                [p.id for p in added],
                Highlight(nodes=tuple(p.id for p in added)),
            )
        )
    return changes
