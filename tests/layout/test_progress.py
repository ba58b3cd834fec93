"""Progress and Cancel: large layouts report how far they are and stop when asked."""

from __future__ import annotations

import numpy as np
import pytest

from sysmap.layout import LAYOUTS, compute_layout, force_directed
from sysmap.layout.nodes import node_table
from sysmap.layout.overlap import overlapping_pairs
from sysmap.model import SysmapError, SystemMap
from sysmap.model.progress import Cancelled, Progress
from sysmap.model.synthetic import synthetic_map

NAMES = list(LAYOUTS)


@pytest.fixture(scope="module")
def big_map() -> SystemMap:
    return synthetic_map(1500, seed=7)


@pytest.mark.parametrize("name", NAMES)
def test_progress_climbs_from_zero_to_one(name: str, big_map: SystemMap) -> None:
    seen: list[float] = []
    result = compute_layout(name, big_map, progress=Progress(lambda f, _stage: seen.append(f)))
    assert len(result.positions) == big_map.stakeholder_count
    assert seen, "a layout of 1,500 stakeholders must report progress"
    assert all(0.0 <= f <= 1.0 for f in seen)
    assert seen == sorted(seen)
    assert seen[-1] >= 0.8


@pytest.mark.parametrize("name", NAMES)
def test_cancel_stops_the_layout_and_leaves_the_map_alone(name: str, big_map: SystemMap) -> None:
    before = big_map.copy()
    calls: list[float] = []

    # Cancel is pressed after the first report: the second stops the layout.
    give_up = Progress(lambda f, _stage: calls.append(f), lambda: len(calls) >= 1)
    with pytest.raises(Cancelled) as caught:
        compute_layout(name, big_map, progress=give_up)
    assert len(calls) == 1  # stopped straight away, not at the end
    assert isinstance(caught.value, SysmapError)
    assert big_map == before


def test_a_long_force_layout_reports_often() -> None:
    system_map = synthetic_map(3000, seed=3)
    seen: list[float] = []
    force_directed(system_map.graph, progress=Progress(lambda f, _stage: seen.append(f)))
    assert len(seen) >= 100  # at least once per step: a Cancel is noticed within a step
    reached: list[float] = []
    late = Progress(
        lambda f, _stage: reached.append(f), lambda: bool(reached) and reached[-1] >= 0.3
    )
    with pytest.raises(Cancelled):
        force_directed(system_map.graph, progress=late)
    assert reached[-1] < 0.5


def test_a_progress_that_is_never_cancelled_carries_on() -> None:
    system_map = synthetic_map(300)
    assert compute_layout("force", system_map, progress=Progress(cancelled=lambda: False)).positions


@pytest.mark.slow
@pytest.mark.parametrize("name", NAMES)
def test_national_map_of_10k_lays_out_without_overlaps(name: str) -> None:
    # How long it takes is a budget, checked by tests/benchmarks/test_layout_bench.py.
    system_map = _national_map()
    result = compute_layout(name, system_map)
    table = node_table(system_map.graph)
    xy = np.array([result.positions[i] for i in table.ids])
    assert np.isfinite(xy).all()
    assert len(overlapping_pairs(xy, table.width, table.height, margin=35.9)) == 0


_NATIONAL: list[SystemMap] = []


def _national_map() -> SystemMap:
    if not _NATIONAL:
        _NATIONAL.append(synthetic_map(10_000, seed=1))
    return _NATIONAL[0]


def test_the_force_layout_bar_moves_in_small_steps_while_the_springs_run() -> None:
    # Without pinned stakeholders the springs run once, for the first four fifths of the bar
    # (overlap removal has the rest): the bar must not sit still and then leap.
    seen: list[float] = []
    force_directed(synthetic_map(60, seed=3).graph, progress=Progress(lambda f, _s: seen.append(f)))
    steps = [(a, b) for a, b in zip([0.0, *seen], seen, strict=False) if a < 0.8]
    assert steps
    assert max(b - a for a, b in steps) < 0.1, steps[-3:]
