"""The parts layouts are built from: the spring engine, overlap removal, packing and rings."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sysmap.layout.overlap import overlapping_pairs, remove_overlaps
from sysmap.layout.packing import grid_block, landscape_shelves, shelves
from sysmap.layout.rings import on_ring, ring, ring_near
from sysmap.layout.springs import (
    EXACT_LIMIT,
    Springs,
    _ExactPush,
    _MeshPush,
    iterations_for,
    random_start,
    relax,
)

# ------------------------------------------------------------------ the spring engine


def test_mesh_push_matches_the_exact_push() -> None:
    """The particle–mesh approximation points the same way and is about as strong."""
    rng = np.random.default_rng(5)
    x, y = rng.uniform(0, 30, 600), rng.uniform(0, 20, 600)
    exact_x, exact_y = _ExactPush()(x, y)
    mesh_x, mesh_y = _MeshPush(64)(x, y)
    exact = np.hypot(exact_x, exact_y)
    cosine = (exact_x * mesh_x + exact_y * mesh_y) / (exact * np.hypot(mesh_x, mesh_y))
    assert np.median(cosine) > 0.97
    assert np.median(np.abs(np.hypot(mesh_x, mesh_y) / exact - 1)) < 0.15


def test_relax_holds_fixed_stakeholders_and_bounds() -> None:
    n = 30
    edges = np.array([[i, i + 1] for i in range(n - 1)])
    fixed = np.zeros(n, dtype=bool)
    fixed[0] = True
    bounds = np.tile([-np.inf, np.inf, -np.inf, np.inf], (n, 1))
    bounds[1:] = [0.0, 4.0, -1.0, 1.0]
    start = random_start(n, 1)
    start[0] = (-50.0, 7.0)
    xy = relax(Springs(edges, fixed, bounds=bounds), start, 100)
    assert tuple(xy[0]) == (-50.0, 7.0)
    assert (xy[1:, 0] >= 0).all()
    assert (xy[1:, 0] <= 4).all()
    assert (np.abs(xy[1:, 1]) <= 1).all()


def test_where_a_map_sits_does_not_change_the_picture_it_relaxes_into() -> None:
    """Moving every stakeholder by the same offset moves the relaxed picture by that offset.

    The springs' first steps may each go a tenth of the map's widest extent, measured along
    each axis; a map dragged far off the origin (a wide, short one here) must settle exactly as
    it would in place, not take steps scaled by how far from the origin it sits.
    """
    n = 12
    edges = np.array([[i, (i + 1) % n] for i in range(n)] + [[0, 6], [3, 9]])
    springs = Springs(edges, np.zeros(n, dtype=bool))
    start = random_start(n, 7) * np.array([3.0, 0.5])  # wider than tall
    offset = np.array([0.0, 400.0])
    here = relax(springs, start, 40)
    there = relax(springs, start + offset, 40)
    assert np.allclose(there - offset, here, atol=1e-6)


@pytest.mark.parametrize("n", [50, EXACT_LIMIT + 50])
def test_relax_is_repeatable(n: int) -> None:
    rng = np.random.default_rng(0)
    edges = np.unique(np.sort(rng.integers(0, n, (3 * n, 2)), axis=1), axis=0)
    edges = edges[edges[:, 0] != edges[:, 1]]
    springs = Springs(edges, np.zeros(n, dtype=bool))
    first = relax(springs, random_start(n, 4), 60)
    assert np.array_equal(first, relax(springs, random_start(n, 4), 60))
    assert np.isfinite(first).all()


def test_bigger_maps_take_fewer_steps() -> None:
    assert iterations_for(40) >= iterations_for(1000) >= iterations_for(20000) > 50


# ------------------------------------------------------------------ overlap removal

boxes = st.integers(min_value=2, max_value=60).flatmap(
    lambda n: st.tuples(
        st.lists(st.tuples(st.floats(-400, 400), st.floats(-300, 300)), min_size=n, max_size=n),
        st.lists(st.floats(20, 200), min_size=n, max_size=n),
        st.lists(st.floats(10, 70), min_size=n, max_size=n),
        st.lists(st.booleans(), min_size=n, max_size=n),
    )
)


@settings(max_examples=60, deadline=None)
@given(boxes)
def test_overlaps_are_always_cleared(case: tuple[list, list, list, list]) -> None:
    points, widths, heights, pinned = case
    xy, w, h = np.array(points), np.array(widths), np.array(heights)
    movable = ~np.array(pinned)
    out = remove_overlaps(xy, w, h, movable, margin=20.0)
    assert np.array_equal(out[~movable], xy[~movable])
    left = overlapping_pairs(out, w, h, margin=19.99)
    # Only two pinned boxes may still overlap: nothing may move them.
    assert not any(movable[i] or movable[j] for i, j in left)


def test_boxes_on_one_spot_fan_out() -> None:
    xy = np.zeros((25, 2))
    w, h = np.full(25, 120.0), np.full(25, 40.0)
    out = remove_overlaps(xy, w, h, np.ones(25, dtype=bool))
    assert len(overlapping_pairs(out, w, h, margin=35.9)) == 0
    assert np.isfinite(out).all()


def test_a_box_boxed_in_by_pinned_ones_escapes_to_the_nearest_free_spot() -> None:
    # Eight pinned boxes round a ninth, leaving it no room where it is.
    ring = [(-1, -1), (0, -1), (1, -1), (-1, 0), (1, 0), (-1, 1), (0, 1), (1, 1)]
    # 100 and 40 apart: each overlaps the ninth by the margin (110 and 45 apart would only touch).
    xy = np.array([(0.0, 0.0)] + [(x * 100.0, y * 40.0) for x, y in ring])
    w, h = np.full(9, 100.0), np.full(9, 35.0)
    movable = np.zeros(9, dtype=bool)
    movable[0] = True
    out = remove_overlaps(xy, w, h, movable, margin=10.0)
    assert np.array_equal(out[1:], xy[1:])
    assert not any(0 in pair for pair in overlapping_pairs(out, w, h, margin=9.99).tolist())
    assert np.hypot(*out[0]) < 400  # just outside the ring, not far away
    assert not np.array_equal(out[0], xy[0])


# ------------------------------------------------------------------ packing and rings


def test_grid_block_keeps_boxes_apart_and_honours_min_width() -> None:
    members = np.arange(7)
    w = np.array([100.0, 150, 90, 120, 100, 140, 95])
    h = np.array([35.0, 50, 35, 65, 35, 35, 50])
    block = grid_block(members, w, h, min_width=2000)
    assert block.width == 2000
    assert len(overlapping_pairs(block.offsets, w, h, margin=35.9)) == 0
    assert (block.offsets[:, 1] + h / 2 <= block.height).all()


def test_shelves_wrap_and_landscape_shelves_aim_wide() -> None:
    sizes = np.tile([300.0, 200.0], (9, 1))
    _corners, width, height = landscape_shelves(sizes, 20)
    assert width / height == pytest.approx(1.6, rel=0.35)
    _, _, one_row = shelves(sizes, 10_000, 20)
    assert one_row == 200


@pytest.mark.parametrize("aspect", [1.0, 1.5])
def test_ring_fits_boxes_without_overlap(aspect: float) -> None:
    rng = np.random.default_rng(1)
    w, h = rng.uniform(90, 150, 40), rng.uniform(35, 65, 40)
    angles, radius = ring(w, h, np.zeros(40), aspect)
    xy = on_ring(angles, radius, aspect)
    assert len(overlapping_pairs(xy, w, h, margin=35.9)) == 0
    # Not much bigger than it needs to be: every neighbour is close to touching.
    assert radius < (w + 36).sum() / 3


def test_ring_near_keeps_order_and_stays_close_to_wanted_angles() -> None:
    wanted = np.array([0.0, 0.05, 0.1, 2.0, 2.05])
    w, h = np.full(5, 100.0), np.full(5, 35.0)
    angles, radius = ring_near(w, h, wanted, min_radius=800.0)
    assert radius == 800.0
    assert np.all(np.diff(angles) > 0)
    assert np.abs(angles - wanted).max() < 0.25
    assert len(overlapping_pairs(on_ring(angles, radius), w, h, margin=35.9)) == 0
