"""A drag step on maps whose lines bend round boxes (issue 13; README, Performance).

Run: ``python -m pytest tests/benchmarks/test_drag_bench.py --benchmark-only
-p no:cacheprovider -o addopts="" -s``.

Each of the first :data:`DRAGGED` stakeholders of the map, after the by place layout, is
dragged :data:`STEPS` steps of (9, 6) px and let go, twice in alternation (so the machine's
load falls on both alike): as a drag is now routed (single bends each step, the lines that
went without the two-waypoint search routed in full on the drop) and with every step routed
in full (as drags were before). A step is timed as the item's ``setPos``, which is what
each mouse move of a drag does (Qt moves the selected item, which re-routes its lines);
the drop is timed on its own. Wall-clock, what the user waits for.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable

import pytest
from PySide6.QtCore import QPointF

from sysmap.canvas.items import MapItems
from sysmap.canvas.scene import MapScene
from sysmap.model import SystemMap
from tests.canvas.test_line_routes import MAPS, _laid_out

DRAGGED = 60
STEPS = 6
BUDGET = 0.020
"""README, Performance: moving one stakeholder, ≤ 20 ms (checked on the median step)."""


def _drag(items: MapItems, node_id: str, rough: bool) -> tuple[list[float], float]:
    """Drag one stakeholder and let go; return each step's seconds and the drop's."""
    item = items.stakeholders[node_id]
    start = item.pos()
    if rough:
        items.drag.begin()
    steps = []
    for i in range(1, STEPS + 1):
        began = time.perf_counter()
        item.setPos(start + QPointF(9.0 * i, 6.0 * i))
        steps.append(time.perf_counter() - began)
    began = time.perf_counter()
    items.drag.end()
    drop = time.perf_counter() - began
    item.setPos(start)  # back, routed in full: each drag starts from the same canvas
    return steps, drop


def _ms(values: list[float], pick: Callable[[list[float]], float]) -> float:
    return round(pick(values) * 1000, 1)


@pytest.mark.parametrize(
    "name", ["addiction", "levelling-up", "reoffending", "rough-sleeping", "dense-cluster"]
)
def test_drag_step_after_by_place(benchmark, qapp, name: str) -> None:
    system_map: SystemMap = _laid_out(MAPS[name](), "place")
    scene = MapScene(system_map)
    items = scene.items_model
    timed: dict[bool, tuple[list[float], list[float]]] = {True: ([], []), False: ([], [])}
    try:
        for node_id in list(items.stakeholders)[:DRAGGED]:
            for rough in (False, True):
                steps, drop = _drag(items, node_id, rough)
                timed[rough][0].extend(steps)
                timed[rough][1].append(drop)
    finally:
        scene.close()
    benchmark.pedantic(lambda: None, rounds=1, iterations=1)
    (now, drops), (before, _) = timed[True], timed[False]
    row = {
        "step_median_ms": _ms(now, statistics.median),
        "step_max_ms": _ms(now, max),
        "full_step_median_ms": _ms(before, statistics.median),
        "full_step_max_ms": _ms(before, max),
        "drop_median_ms": _ms(drops, statistics.median),
        "drop_max_ms": _ms(drops, max),
        "median_ratio": round(statistics.median(now) / statistics.median(before), 2),
        "max_ratio": round(max(now) / max(before), 2),
    }
    benchmark.extra_info.update(work=f"drag step, {name} after by place", **row)
    print(f"\n{name}: {row}")
    assert statistics.median(now) <= BUDGET
