"""How the spring engine scales with the map: its documented size thresholds, at their edges.

``springs.py`` pushes every pair exactly up to ``EXACT_LIMIT`` stakeholders and through a
grid above (32 cells a side below 2,000 stakeholders, 64 below 10,000, 128 from 10,000, each
a power of two for the FFT), and runs 400 steps up to ``EXACT_LIMIT``, 250 up to 2,000 and 150
above. Each threshold is tested one stakeholder either side, so moving one (``<`` for ``<=``,
2,001 for 2,000) or changing a grid to a size the docstring does not name fails here. A
random start fills a box ``aspect`` times as wide as it is tall, as ``random_start`` says.
"""

from __future__ import annotations

import numpy as np
import pytest

from sysmap.layout.springs import (
    EXACT_LIMIT,
    _ExactPush,
    _MeshPush,
    _push_for,
    iterations_for,
    random_start,
)


@pytest.mark.parametrize(
    ("n", "cells"),
    [
        (EXACT_LIMIT + 1, 32),
        (1_999, 32),
        (2_000, 64),
        (9_999, 64),
        (10_000, 128),
        (40_000, 128),
    ],
)
def test_the_grid_has_the_documented_cells_a_side(n: int, cells: int) -> None:
    push = _push_for(n)
    assert isinstance(push, _MeshPush)
    assert push.size == cells


def test_the_push_is_exact_up_to_the_limit_and_through_a_grid_above() -> None:
    assert isinstance(_push_for(EXACT_LIMIT), _ExactPush)
    assert isinstance(_push_for(EXACT_LIMIT + 1), _MeshPush)


@pytest.mark.parametrize(
    ("n", "steps"),
    [(1, 400), (EXACT_LIMIT, 400), (EXACT_LIMIT + 1, 250), (2_000, 250), (2_001, 150)],
)
def test_a_map_gets_the_documented_number_of_steps(n: int, steps: int) -> None:
    assert iterations_for(n) == steps


def test_a_random_start_is_aspect_times_as_wide_as_tall() -> None:
    # 400 stakeholders: a box 20 spring units tall, and 60 wide at aspect 3.
    start = random_start(400, seed=2, aspect=3.0)
    width, height = np.ptp(start, axis=0)
    assert 19 < height <= 20
    assert 57 < width <= 60
    assert np.array_equal(random_start(400, seed=2)[:, 1], start[:, 1])
