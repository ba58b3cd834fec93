"""Building the citizen's-view sections of an AnalysisResult: summaries per citizen, and the
weak relationships their routes to services depend on."""

from __future__ import annotations

import numpy as np

from sysmap.analysis import explain
from sysmap.analysis.citizen import CitizenView
from sysmap.analysis.report import CitizenResult, CitizenSummary
from sysmap.analysis.results import WeakLinkResult
from sysmap.analysis.sections import Names


def weak_link_results(names: Names, view: CitizenView) -> list[WeakLinkResult]:
    """Weak ties that citizens' routes to services run over, most used first."""
    ties = names.ties
    weak = np.flatnonzero(ties.weak)
    used = view.routes_over(weak)
    order = np.lexsort((weak, -used))
    return [
        WeakLinkResult(
            source=names.id(int(ties.source[weak[k]])),
            target=names.id(int(ties.target[weak[k]])),
            relationships=ties.relationships[int(weak[k])],
            routes=int(used[k]),
            explanation=explain.weak_link(
                names.label(int(ties.source[weak[k]])),
                names.label(int(ties.target[weak[k]])),
                int(used[k]),
            ),
        )
        for k in order.tolist()
        if used[k] > 0
    ]


def citizen_result(names: Names, view: CitizenView) -> CitizenResult:
    """Per-citizen summaries of the citizen's view."""
    reached = view.steps >= 0
    counts = reached.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_steps = np.where(reached, view.steps, 0).sum(axis=1) / counts
        mean_sector = np.where(reached, view.sector_crossings, 0).sum(axis=1) / counts
    # Farthest service: most steps, then most sector crossings, then first in the map.
    key = np.where(reached, view.steps * (names.ties.n + 1) + view.sector_crossings, -1)
    farthest = np.argmax(key, axis=1) if view.services.size else np.zeros(0, dtype=np.int64)
    single: list[dict[str, list[str]]] = [{} for _ in range(view.citizens.size)]
    for (row, column), points in sorted(view.single_points.items()):
        service = names.id(int(view.services[column]))
        for point in points:
            single[row].setdefault(names.id(point), []).append(service)
    summaries = []
    for row, citizen in enumerate(view.citizens.tolist()):
        column = int(farthest[row]) if counts[row] else -1
        summaries.append(
            CitizenSummary(
                citizen=names.id(citizen),
                reachable=int(counts[row]),
                unreachable=names.ids(view.services[~reached[row]].tolist()),
                mean_steps=float(mean_steps[row]),
                mean_sector_crossings=float(mean_sector[row]),
                farthest=names.id(int(view.services[column])) if column >= 0 else None,
                farthest_steps=int(view.steps[row, column]) if column >= 0 else 0,
                farthest_sector_crossings=int(view.sector_crossings[row, column])
                if column >= 0
                else 0,
                farthest_place_crossings=int(view.place_crossings[row, column])
                if column >= 0
                else 0,
                single_points={k: tuple(v) for k, v in single[row].items()},
            )
        )
    return CitizenResult(
        citizens=names.ids(view.citizens.tolist()),
        services=names.ids(view.services.tolist()),
        summaries=tuple(summaries),
        view=view,
    )
