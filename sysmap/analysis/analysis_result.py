"""AnalysisResult: everything one analysis found, as data, with ``to_json()``."""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any

import numpy as np

from sysmap.analysis.citizen import CitizenView
from sysmap.analysis.results import (
    BridgeResult,
    BrokerNeededResult,
    BrokerResult,
    CitizenRoute,
    CommunityResult,
    Finding,
    GapResult,
    GroupingResult,
    KnownGapResult,
    LocalBridgeResult,
    MissingLink,
    PartResult,
    PointOfFailureResult,
    ScenarioComparison,
    Silo,
    WeakLinkResult,
    to_plain,
)


@dataclass(frozen=True)
class MapSummary:
    """What was analysed."""

    title: str
    stakeholders: int
    relationships: int
    ties: int
    components: int
    scenario: str


@dataclass(frozen=True)
class CitizenSummary:
    """How one citizen reaches the services in the map.

    ``single_points`` maps each organisation that every route to some services runs through
    to those services.
    """

    citizen: str
    reachable: int
    unreachable: tuple[str, ...]
    mean_steps: float
    mean_sector_crossings: float
    farthest: str | None
    farthest_steps: int
    farthest_sector_crossings: int
    farthest_place_crossings: int
    single_points: Mapping[str, tuple[str, ...]]


FARTHEST = 5
"""Farthest services listed per citizen when a map is too large to list every route."""
MAX_ROUTES = 50_000
"""Above this many citizen–service pairs, JSON lists only the notable routes."""


@dataclass(frozen=True, eq=False)
class CitizenResult:
    """The citizen's view: summaries per citizen, and every route on request."""

    citizens: tuple[str, ...]
    services: tuple[str, ...]
    summaries: tuple[CitizenSummary, ...]
    view: CitizenView | None = None

    @property
    def pairs(self) -> int:
        """Number of citizen–service pairs."""
        return len(self.citizens) * len(self.services)

    def routes(self, notable_only: bool = False) -> Iterator[CitizenRoute]:
        """Citizen–service routes, citizens and services in canonical (id) order.

        With ``notable_only``, just the routes a briefing would mention: services a citizen
        cannot reach, those reached only through one organisation, and each citizen's
        :data:`FARTHEST` farthest services.
        """
        view = self.view
        if view is None:
            return
        nodes = view.ties.nodes
        single: dict[int, set[int]] = {}
        for r, c in view.single_points if notable_only else ():
            single.setdefault(r, set()).add(c)
        farthest = _farthest(view) if notable_only else []
        for row, citizen in enumerate(self.citizens):
            columns = (
                sorted(
                    set(np.flatnonzero(view.steps[row] < 0).tolist())
                    | single.get(row, set())
                    | farthest[row]
                )
                if notable_only
                else range(len(self.services))
            )
            for column in columns:
                service = self.services[column]
                steps = int(view.steps[row, column])
                reached = steps >= 0
                path = view.route(row, column)
                yield CitizenRoute(
                    citizen=citizen,
                    service=service,
                    steps=steps if reached else None,
                    crossings={
                        "sector": int(view.sector_crossings[row, column]) if reached else None,
                        "place": int(view.place_crossings[row, column]) if reached else None,
                    },
                    route=tuple(nodes[i] for i in path),
                    only_through=tuple(nodes[i] for i in view.only_through(row, column)),
                    weak=view.weak_steps(path) if reached else None,
                )

    def mean_steps(self) -> float:
        """Mean steps over every reachable citizen–service pair (NaN when none)."""
        if self.view is None:
            return float("nan")
        reached = self.view.steps[self.view.steps >= 0]
        return float(reached.mean()) if reached.size else float("nan")

    def unreachable_pairs(self) -> int:
        """Citizen–service pairs with no route at all."""
        return 0 if self.view is None else int(np.count_nonzero(self.view.steps < 0))


def _farthest(view: CitizenView) -> list[set[int]]:
    """Each citizen's :data:`FARTHEST` farthest services (most steps, then most sector
    crossings, then first in the map): the columns a stable sort would put first, found
    without sorting every citizen's row."""
    steps = view.steps.astype(np.int64)  # the tables are 16-bit: widen first
    key = np.where(steps >= 0, steps * 1000 + view.sector_crossings, -1)
    k = min(FARTHEST, key.shape[1])
    if k == 0:
        return [set() for _ in range(key.shape[0])]
    cut = -np.partition(-key, k - 1, axis=1)[:, k - 1]  # each row's k-th largest key
    found = []
    for row, bar in zip(key, cut.tolist(), strict=True):
        above = np.flatnonzero(row > bar).tolist()  # fewer than k
        found.append({*above, *np.flatnonzero(row == bar)[: k - len(above)].tolist()})
    return found


@dataclass(frozen=True, eq=False)
class AnalysisResult:
    """The whole analysis of a map (see :mod:`sysmap.analysis` for the tour).

    Stakeholders are referred to by id and relationships by relationship id; ``labels`` maps
    ids to names for display (a name two stakeholders share carries the id in brackets).
    ``other`` is the analysis of the other scenario when a comparison was made.
    """

    map: MapSummary
    settings: Mapping[str, Any]
    groups: Mapping[str, GroupingResult]
    silos: tuple[Silo, ...]
    communities: CommunityResult
    group_gaps: tuple[GapResult, ...]
    missing_links: tuple[MissingLink, ...]
    brokers_needed: tuple[BrokerNeededResult, ...]
    separate_parts: tuple[PartResult, ...]
    known_gaps: tuple[KnownGapResult, ...]
    brokers: tuple[BrokerResult, ...]
    single_points_of_failure: tuple[PointOfFailureResult, ...]
    bridges: tuple[BridgeResult, ...]
    local_bridges: tuple[LocalBridgeResult, ...]
    weak_links: tuple[WeakLinkResult, ...]
    isolates: tuple[str, ...]
    citizen: CitizenResult
    labels: Mapping[str, str]
    group_labels: Mapping[str, Mapping[str, str]]
    should_talk: Mapping[str, Any]
    kinds: Mapping[str, str] = field(default_factory=dict)
    sectors: Mapping[str, str] = field(default_factory=dict)
    findings: tuple[Finding, ...] = ()
    notes: tuple[str, ...] = ()
    comparison: ScenarioComparison | None = None
    other: AnalysisResult | None = field(default=None, repr=False)

    def label(self, stakeholder: str) -> str:
        """The name of a stakeholder (its id if unknown)."""
        return self.labels.get(stakeholder, stakeholder)

    def kind(self, stakeholder: str) -> str | None:
        """A stakeholder's kind (organisation, group, individual), if set."""
        return self.kinds.get(stakeholder)

    def group_label(self, attribute: str, value: str) -> str:
        """The readable name of a group."""
        return self.group_labels.get(attribute, {}).get(value, value)

    def to_json(self) -> dict[str, Any]:
        """The result as JSON-ready data, with the keys of methods.md §6 and a few more.

        ``citizen`` lists every citizen–service route, unless there are more than
        :data:`MAX_ROUTES` pairs; then only the notable ones (``citizen_routes`` says which).
        """
        notable = self.citizen.pairs > MAX_ROUTES
        return {
            "map": to_plain(self.map),
            "settings": to_plain(self.settings),
            "groups": to_plain(self.groups),
            "silos": to_plain(self.silos),
            "communities": to_plain(self.communities),
            "group_gaps": to_plain(self.group_gaps),
            "missing_links": to_plain(self.missing_links),
            "brokers_needed": to_plain(self.brokers_needed),
            "separate_parts": to_plain(self.separate_parts),
            "known_gaps": to_plain(self.known_gaps),
            "brokers": to_plain(self.brokers),
            "single_points_of_failure": to_plain(self.single_points_of_failure),
            "bridges": to_plain(self.bridges),
            "local_bridges": to_plain(self.local_bridges),
            "weak_links": to_plain(self.weak_links),
            "isolates": list(self.isolates),
            "citizen": [to_plain(r) for r in self.citizen.routes(notable_only=notable)],
            "citizen_routes": {
                "pairs": self.citizen.pairs,
                "listed": "all" if not notable else "unreachable, single-organisation and farthest",
            },
            "citizen_summary": to_plain(self.citizen.summaries),
            "should_talk": to_plain(self.should_talk),
            "notes": list(self.notes),
            "findings": to_plain(self.findings),
            "comparison": to_plain(self.comparison),
            "labels": dict(self.labels),
        }
