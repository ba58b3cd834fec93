"""What changing a map did to its analysis: silo scores, group gaps, single points of
failure, citizens' routes, and findings that appeared or went.

Both maps are analysed with the same settings and compared through the stakeholder pairs
of a :class:`~sysmap.combine.compare.MapComparison`. Findings are compared by their kind and
what they point at, not by their wording (:mod:`sysmap.combine.finding_changes`), so
rewording a finding never makes it look new.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from sysmap.analysis import AnalysisResult
from sysmap.analysis.wording import count, decimal, signed
from sysmap.combine.finding_changes import numbers_changed, pair_findings

SCORE_CHANGE = 0.05
"""E-I index changes smaller than this are not reported."""

TOPICS = (
    "silo scores",
    "group gaps",
    "single points of failure",
    "citizens' routes",
    "findings",
)


@dataclass(frozen=True)
class AnalysisChange:
    """One difference between the two analyses, in a sentence, with its numbers.

    ``stakeholders`` are ids in the map after (or before, for one that left).
    """

    topic: str
    kind: str
    text: str
    before: Any = None
    after: Any = None
    stakeholders: tuple[str, ...] = ()


@dataclass
class AnalysisChanges:
    """Every difference between two analyses, by topic (:data:`TOPICS`)."""

    changes: list[AnalysisChange] = field(default_factory=list)
    findings: tuple[int, int] = (0, 0)

    def topic(self, name: str) -> list[AnalysisChange]:
        """The changes about one topic."""
        return [c for c in self.changes if c.topic == name]


def analysis_changes(
    before: AnalysisResult, after: AnalysisResult, paired: Mapping[str, str]
) -> AnalysisChanges:
    """Compare the analyses of two maps whose stakeholders ``paired`` maps before → after."""
    changes = [
        *_silo_scores(before, after),
        *_gaps(before, after),
        *_points(before, after, paired),
        *_routes(before, after, paired),
        *_findings(before, after, paired),
    ]
    return AnalysisChanges(changes, (len(before.findings), len(after.findings)))


def _silo_scores(before: AnalysisResult, after: AnalysisResult) -> list[AnalysisChange]:
    found = []
    for attribute in [a for a in before.groups if a in after.groups]:
        old = {g.name: g for g in before.groups[attribute].groups}
        new = {g.name: g for g in after.groups[attribute].groups}
        for value in [*old, *(v for v in new if v not in old)]:
            a, b = old.get(value), new.get(value)
            label = (b or a).label or value  # type: ignore[union-attr]
            was, now = bool(a and a.is_silo), bool(b and b.is_silo)
            score_a = a.ei_index if a else math.nan
            score_b = b.ei_index if b else math.nan
            moved = not (math.isnan(score_a) or math.isnan(score_b)) and (
                abs(score_b - score_a) >= SCORE_CHANGE
            )
            if not moved and was == now:
                continue
            status = (
                "; now a silo"
                if now and not was
                else "; no longer a silo"
                if was and not now
                else ""
            )
            scores = f"E-I index {_score(score_a)} → {_score(score_b)}"
            found.append(
                AnalysisChange(
                    "silo scores",
                    "silo_score",
                    f"{label}: {scores}{status}.",
                    _plain(score_a),
                    _plain(score_b),
                )
            )
    return found


def _score(value: float) -> str:
    return "—" if math.isnan(value) else signed(value)


def _plain(value: float) -> float | None:
    return None if math.isnan(value) else round(value, 3)


def _gaps(before: AnalysisResult, after: AnalysisResult) -> list[AnalysisChange]:
    def key(gap: Any) -> tuple[str, ...]:
        a, b = sorted((gap.a, gap.b))
        return (gap.attribute, a, b, gap.place or "")

    old = {key(g): g for g in before.group_gaps}
    new = {key(g): g for g in after.group_gaps}
    found = []
    for gaps, others, kind, verb in (
        (old, new, "gap_closed", "no longer a gap"),
        (new, old, "gap_opened", "now a gap"),
    ):
        for gap_key, gap in gaps.items():
            if gap_key in others:
                continue
            where = f" in {gap.place}" if gap.place else ""
            found.append(
                AnalysisChange(
                    "group gaps",
                    kind,
                    f"{gap.a_label} and {gap.b_label}{where}: {verb} "
                    f"({count(gap.observed, 'working relationship')}, "
                    f"{decimal(gap.expected, 1)} expected).",
                    list(gap_key),
                    None,
                )
            )
    return found


def _points(
    before: AnalysisResult, after: AnalysisResult, paired: Mapping[str, str]
) -> list[AnalysisChange]:
    old = {paired.get(p.id, p.id): p for p in before.single_points_of_failure}
    new = {p.id: p for p in after.single_points_of_failure}
    found = []
    for point_id, point in old.items():
        if point_id not in new:
            name = before.label(point.id)
            found.append(
                AnalysisChange(
                    "single points of failure",
                    "point_removed",
                    f"{name} is no longer a single point of failure "
                    f"(its loss cut off {point.cut_off}).",
                    point.cut_off,
                    0,
                    (point_id,),
                )
            )
    for point_id, point in new.items():
        was = old.get(point_id)
        if was is None or was.cut_off != point.cut_off:
            text = (
                f"{after.label(point_id)} became a single point of failure: its loss would cut "
                f"off {point.cut_off}."
                if was is None
                else f"Losing {after.label(point_id)} would now cut off {point.cut_off}, "
                f"not {was.cut_off}."
            )
            kind = "point_added" if was is None else "point_changed"
            found.append(
                AnalysisChange(
                    "single points of failure",
                    kind,
                    text,
                    was.cut_off if was else 0,
                    point.cut_off,
                    (point_id,),
                )
            )
    return found


def _routes(
    before: AnalysisResult, after: AnalysisResult, paired: Mapping[str, str]
) -> list[AnalysisChange]:
    found = []
    old_steps, new_steps = before.citizen.mean_steps(), after.citizen.mean_steps()
    if not (math.isnan(old_steps) or math.isnan(new_steps)) and abs(new_steps - old_steps) >= 0.05:
        found.append(
            AnalysisChange(
                "citizens' routes",
                "mean_steps",
                f"A citizen's route to a service takes {decimal(old_steps, 1)} → "
                f"{decimal(new_steps, 1)} steps on average.",
                round(old_steps, 3),
                round(new_steps, 3),
            )
        )
    lost, kept = before.citizen.unreachable_pairs(), after.citizen.unreachable_pairs()
    if lost != kept:
        found.append(
            AnalysisChange(
                "citizens' routes",
                "unreachable",
                f"Citizen–service pairs with no route at all: {lost} → {kept}.",
                lost,
                kept,
            )
        )
    new = {s.citizen: s for s in after.citizen.summaries}
    for old in before.citizen.summaries:
        now = new.get(paired.get(old.citizen, ""))
        if now is None or now.reachable == old.reachable:
            continue
        found.append(
            AnalysisChange(
                "citizens' routes",
                "citizen_reach",
                f"{after.label(now.citizen)} reaches {old.reachable} → {now.reachable} services.",
                old.reachable,
                now.reachable,
                (now.citizen,),
            )
        )
    return found


def _findings(
    before: AnalysisResult, after: AnalysisResult, paired: Mapping[str, str]
) -> list[AnalysisChange]:
    gone_ids = {s: f"(removed) {s}" for s in before.labels if s not in paired}
    rename = {**gone_ids, **paired}
    pairs, gone, fresh = pair_findings(before.findings, after.findings, rename)
    found = [
        AnalysisChange(
            "findings",
            "finding_appeared",
            f"New: {f.title}",
            None,
            f.severity,
            f.highlight.nodes[:2],
        )
        for f in fresh
    ]
    found += [
        AnalysisChange(
            "findings",
            "finding_changed",
            f"Now: {b.title} (was: {a.title})",
            dict(a.numbers),
            dict(b.numbers),
            b.highlight.nodes[:2],
        )
        for a, b in pairs
        if numbers_changed(a, b) and a.title != b.title
    ]
    found += [
        AnalysisChange(
            "findings",
            "finding_went",
            f"Gone: {f.title}",
            f.severity,
            None,
            tuple(rename.get(n, n) for n in f.highlight.nodes[:2]),
        )
        for f in gone
    ]
    return found
