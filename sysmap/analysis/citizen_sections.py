"""Building the citizen's-view sections of an AnalysisResult: summaries per citizen, and the
weak relationships their routes to services depend on."""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

from sysmap.analysis import explain
from sysmap.analysis.analysis_result import CitizenResult, CitizenSummary
from sysmap.analysis.citizen import CitizenView, is_citizen
from sysmap.analysis.results import WeakLinkResult
from sysmap.analysis.sections import Names


def weak_link_results(
    names: Names, view: CitizenView, details: Callable[[str], tuple[str, str]]
) -> list[WeakLinkResult]:
    """Every tie with a weak relationship, the most used by citizens' routes first.

    Routes count only over ties made wholly of weak relationships: beside an active one, a
    weak relationship failing cuts no route (it is still a documented weakness).
    ``details`` gives a relationship's description and evidence by id.
    """
    ties = names.ties
    marked = ties.weak_relationships
    weak = np.array(
        [row for row, ids in enumerate(ties.relationships) if marked & set(ids)]
        if marked
        else np.flatnonzero(ties.weak).tolist(),
        dtype=np.int64,
    )
    used = np.where(ties.weak[weak], view.routes_over(weak), 0) if weak.size else weak
    order = np.lexsort((weak, -used))
    found = []
    for k in order.tolist():
        row = int(weak[k])
        a, b = int(ties.source[row]), int(ties.target[row])
        ids = tuple(r for r in ties.relationships[row] if not marked or r in marked)
        texts = [details(rid) for rid in ids]
        description = "; ".join(t[0].strip().rstrip(".") for t in texts if t[0].strip())
        evidence = "; ".join(t[1].strip().rstrip(".") for t in texts if t[1].strip())
        found.append(
            WeakLinkResult(
                source=names.id(a),
                target=names.id(b),
                relationships=ids,
                routes=int(used[k]),
                explanation=explain.weak_link(
                    names.label(a), names.label(b), int(used[k]), description, evidence
                ),
                documented=bool(evidence),
                to_citizen=is_citizen(ties.data[a]) or is_citizen(ties.data[b]),
            )
        )
    return found


def citizen_result(names: Names, view: CitizenView) -> CitizenResult:
    """Per-citizen summaries of the citizen's view."""
    reached = view.steps >= 0
    counts = reached.sum(axis=1)
    with np.errstate(invalid="ignore", divide="ignore"):
        mean_steps = np.where(reached, view.steps, 0).sum(axis=1) / counts
        mean_sector = np.where(reached, view.sector_crossings, 0).sum(axis=1) / counts
    # Farthest service: most steps, then most sector crossings, then first in the map.
    # Widened first: the tables are 16-bit, and steps × (n + 1) is not.
    key = np.where(
        reached, view.steps.astype(np.int64) * (names.ties.n + 1) + view.sector_crossings, -1
    )
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
