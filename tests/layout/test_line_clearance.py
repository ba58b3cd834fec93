"""Lines kept off stakeholders (issue 13): the counter on hand-made geometry, the pass that
clears crossings, zero crossings after the force layout of every example and of awkward
synthetic maps, and fewer crossings (not zero) after the grouped layouts (sector, place),
partly by trading stakeholders between the spots of their group."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sysmap.io import load_map, resolve_map_path
from sysmap.layout import compute_layout, place, sector, slot_order, slot_swap
from sysmap.layout.common import map_table
from sysmap.layout.line_clearance import (
    LINE_CLEARANCE,
    Boxes,
    line_crossings,
    segment_hits,
    table_crossings,
)
from sysmap.layout.line_nudge import AIM, clear_lines
from sysmap.layout.overlap import overlapping_pairs
from sysmap.layout.result import LayoutResult
from sysmap.model import Relationship, Stakeholder, SystemMap
from tests.layout.helpers import inside, overlaps
from tests.layout.synthetic_shapes import SHAPES

EXAMPLES = ["addiction", "levelling-up", "reoffending", "rough-sleeping"]
BOX = np.full(3, 100.0), np.full(3, 40.0)


def _three(y: float, ellipse: bool = False) -> tuple[np.ndarray, ...]:
    """A line from (0, 0) to (400, 0) and a 100 × 40 shape centred at (200, y)."""
    xy = np.array([[0.0, 0.0], [400.0, 0.0], [200.0, y]])
    return xy, *BOX, np.array([False, False, ellipse])


def _count(*geometry: np.ndarray, parallel: int = 1) -> int:
    bow = np.array([(parallel - 1) / 2 * 26.0])
    return len(line_crossings(Boxes(*geometry), np.array([[0, 1]]), bow))


# ---------------------------------------------------------------------- the counter
def test_a_line_through_a_box_is_one_crossing_and_its_own_ends_are_none() -> None:
    xy, w, h, ellipse = _three(0.0)
    assert line_crossings(Boxes(xy, w, h, ellipse), np.array([[0, 1]])).tolist() == [[2, 0]]


@pytest.mark.parametrize("ellipse", [False, True])
def test_the_clearance_is_measured_from_the_drawn_edge(ellipse: bool) -> None:
    edge = 20.0  # half the height: the line grazes the shape's top or bottom
    assert _count(*_three(edge + LINE_CLEARANCE - 1, ellipse)) == 1
    assert _count(*_three(edge + LINE_CLEARANCE + 1, ellipse)) == 0
    assert _count(*_three(-(edge + LINE_CLEARANCE - 1), ellipse)) == 1


def test_an_ellipse_leaves_its_box_corners_free() -> None:
    # A diagonal line past the corner of the 100 × 40 box: it cuts the box, not the ellipse.
    xy = np.array([[0.0, 60.0], [60.0, 0.0], [0.0, 0.0]])
    line = np.array([[0, 1]])
    w, h = np.array([1.0, 1.0, 100.0]), np.array([1.0, 1.0, 40.0])
    box = line_crossings(Boxes(xy, w, h, np.zeros(3, bool)), line, clearance=0.0)
    oval = line_crossings(Boxes(xy, w, h, np.array([False, False, True])), line, clearance=0.0)
    assert (len(box), len(oval)) == (1, 0)


def test_parallel_relationships_bow_out_and_need_more_room() -> None:
    clear_of_one = 20.0 + LINE_CLEARANCE + 1
    assert _count(*_three(clear_of_one)) == 0
    assert _count(*_three(clear_of_one), parallel=2) == 1  # the outer curve bows 13 px


def test_vertical_and_horizontal_lines_beside_a_box() -> None:
    xy = np.array([[200.0, -300.0], [200.0, 300.0], [255.0, 0.0], [300.0, 0.0]])
    w, h = np.full(4, 100.0), np.full(4, 40.0)
    found = line_crossings(Boxes(xy, w, h, np.zeros(4, bool)), np.array([[0, 1]]))
    assert found.tolist() == [
        [2, 0]
    ]  # 5 px from the line, inside the clearance; the other 50 px clear


@settings(max_examples=60, deadline=None)
@given(st.integers(0, 10_000), st.integers(3, 25), st.integers(1, 30))
def test_the_grid_search_finds_what_testing_every_pair_finds(seed: int, n: int, m: int) -> None:
    rng = np.random.default_rng(seed)
    xy = rng.uniform(-600, 600, (n, 2))
    w, h = rng.uniform(60, 180, n), rng.uniform(30, 70, n)
    ellipse = rng.random(n) < 0.4
    lines = np.unique(np.sort(rng.integers(0, n, (m, 2)), axis=1), axis=0)
    lines = lines[lines[:, 0] != lines[:, 1]]
    bow = rng.choice([0.0, 13.0, 26.0], len(lines))
    node, line = (a.ravel() for a in np.meshgrid(np.arange(n), np.arange(len(lines))))
    keep = (lines[line, 0] != node) & (lines[line, 1] != node)
    node, line = node[keep], line[keep]
    grow = LINE_CLEARANCE + bow[line]
    half = np.column_stack([w[node] / 2 + grow, h[node] / 2 + grow])
    hit = segment_hits(xy[node], half, ellipse[node], xy[lines[line, 0]], xy[lines[line, 1]])
    brute = sorted(zip(node[hit].tolist(), line[hit].tolist(), strict=True))
    found = line_crossings(Boxes(xy, w, h, ellipse), lines, bow)
    assert sorted(map(tuple, found.tolist())) == brute


# ---------------------------------------------------------------------- the pass
def test_a_crossed_stakeholder_moves_straight_off_the_line_just_enough() -> None:
    xy, w, h, ellipse = _three(10.0)
    out = clear_lines(Boxes(xy, w, h, ellipse), np.array([[0, 1]]), np.ones(3, bool))
    assert _count(out, w, h, ellipse) == 0
    assert out[:2].tolist() == xy[:2].tolist()
    assert out[2, 0] == 200.0
    assert 20 + AIM < out[2, 1] < 20 + AIM + 5  # the aim leaves room for wider labels


def test_a_pinned_stakeholder_stays_and_the_line_moves_off_it() -> None:
    xy, w, h, ellipse = _three(10.0)
    movable = np.array([True, True, False])
    out = clear_lines(Boxes(xy, w, h, ellipse), np.array([[0, 1]]), movable)
    assert _count(out, w, h, ellipse) == 0
    assert out[2].tolist() == [200.0, 10.0]


def test_clearing_is_deterministic_and_keeps_boxes_apart() -> None:
    system_map = SHAPES["dense-cluster"]()
    table = map_table(system_map, None)
    rng = np.random.default_rng(4)
    start = rng.uniform(-500, 500, (table.count, 2))
    args = (Boxes.of(table, start), table.lines, ~table.fixed, table.parallel)
    first, second = clear_lines(*args), clear_lines(*args)
    assert first.tolist() == second.tolist()
    assert len(table_crossings(table, first)) < len(table_crossings(table, start))


# ---------------------------------------------------------------------- the layouts
def _crossings(system_map: SystemMap, positions: dict[str, tuple[float, float]]) -> list[str]:
    """Each crossing as 'stakeholder under source – target', for a readable failure."""
    table = map_table(system_map, None)
    xy = np.array([positions[str(node)] for node in table.ids])
    return [
        f"{table.ids[k]} under {table.ids[table.lines[e, 0]]} – {table.ids[table.lines[e, 1]]}"
        for k, e in table_crossings(table, xy).tolist()
    ]


def _maps() -> list[tuple[str, SystemMap]]:
    examples = [(name, load_map(resolve_map_path(name)).map) for name in EXAMPLES]
    return examples + [(name, build()) for name, build in SHAPES.items()]


MAPS = dict(_maps())


@pytest.mark.parametrize("name", list(MAPS))
def test_no_line_passes_through_a_stakeholder_after_the_force_layout(name: str) -> None:
    system_map = MAPS[name]
    result = compute_layout("force", system_map)
    assert _crossings(system_map, result.positions) == []
    assert overlaps(system_map, result.positions) == []


# Crossings left after the grouped layouts (issue 13, measured 2026-12-07; before the first
# round: sector 12/6/1/10, place 50/17/61/63 on the examples; before the second: sector
# 9/5/1/7, place 25/7/30/21). Not zero: a sector's area and a place's table are fitted round
# their stakeholders (and spread into their band's or row's spare room), and what is left needs
# more room than that gives (more room made labels unreadable at fit).
LEFT = {
    "sector": {"addiction": 3, "levelling-up": 0, "reoffending": 1, "rough-sleeping": 1},
    "place": {"addiction": 14, "levelling-up": 5, "reoffending": 21, "rough-sleeping": 15},
}
LEFT["sector"] |= {"random": 1, "dense-cluster": 0, "star": 4, "long-chain": 0, "leeds": 0}
LEFT["place"] |= {"random": 25, "dense-cluster": 25, "star": 12, "long-chain": 6, "leeds": 5}


def _with_and_without_clearing(
    layout: str, system_map: SystemMap, monkeypatch: pytest.MonkeyPatch
) -> tuple[LayoutResult, LayoutResult]:
    """The layout as it is, and with no line clearing (neither trading places nor moving)."""
    result = compute_layout(layout, system_map)
    for module in (sector, place, slot_swap):
        monkeypatch.setattr(module, "clears", lambda table: False)
    return result, compute_layout(layout, system_map)


@pytest.mark.parametrize("name", list(MAPS))
def test_the_sector_layout_takes_lines_off_stakeholders_within_its_areas(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    system_map = MAPS[name]
    result, untouched = _with_and_without_clearing("sector", system_map, monkeypatch)
    after, before = (
        _crossings(system_map, result.positions),
        _crossings(system_map, untouched.positions),
    )
    assert len(after) <= max(2, len(before) // 3)  # not all: see sysmap.layout.sector
    assert len(after) <= LEFT["sector"][name]
    assert overlaps(system_map, result.positions) == []
    areas = {guide.label: guide for guide in result.guides}
    for node, key in system_map.graph.nodes(data="sector"):
        label = system_map.sectors.label(key) if key else "No sector"
        assert inside(areas[label], result.positions[node]), node
    rects = [(g.x, g.y, g.x + g.width, g.y + g.height) for g in result.guides]
    for i, a in enumerate(rects):  # areas never overlap each other
        for b in rects[i + 1 :]:
            assert a[2] <= b[0] or b[2] <= a[0] or a[3] <= b[1] or b[3] <= a[1]


def _extent(system_map: SystemMap, positions: dict[str, tuple[float, float]]) -> float:
    table = map_table(system_map, None)
    xy = np.array([positions[str(node)] for node in table.ids])
    half = np.column_stack([table.width, table.height]) / 2
    return float(np.prod((xy + half).max(axis=0) - (xy - half).min(axis=0)))


@pytest.mark.parametrize("name", list(MAPS))
def test_the_place_layout_takes_lines_off_stakeholders_without_growing_much(
    name: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    system_map = MAPS[name]
    result, untouched = _with_and_without_clearing("place", system_map, monkeypatch)
    after = _crossings(system_map, result.positions)
    before = _crossings(system_map, untouched.positions)
    assert len(after) <= len(before) * 9 // 10  # not all: a place's table is a tight grid
    assert len(after) <= LEFT["place"][name]
    assert overlaps(system_map, result.positions) == []
    growth = _extent(system_map, result.positions) / _extent(system_map, untouched.positions)
    assert growth <= place.GROWTH_LIMIT + 1e-9


def test_trading_places_clears_a_line_and_keeps_the_spots() -> None:
    # 0 — 1 along a row with 2 between them; 3 is at the row's end: 2 and 3 trade places.
    system_map = _small_map(4, [(0, 1)], ["organisation"])
    table = map_table(system_map, None)
    xy = np.array([[0.0, 0.0], [600.0, 0.0], [300.0, 0.0], [300.0, 300.0]])
    groups = [np.array([0, 1, 2, 3])]
    out = slot_swap.swap_slots(table, xy, groups)
    assert len(table_crossings(table, xy)) == 1
    assert len(table_crossings(table, out)) == 0
    assert sorted(map(tuple, out.tolist())) == sorted(map(tuple, xy.tolist()))
    assert out.tolist() == slot_swap.swap_slots(table, xy, groups).tolist()
    apart = [np.array([0, 1]), np.array([2]), np.array([3])]  # 2 has no one to trade with
    assert slot_swap.swap_slots(table, xy, apart).tolist() == xy.tolist()


def test_a_stakeholder_moves_into_a_spare_slot_or_steps_off_its_slot() -> None:
    # 0 — 1 along a row with 2 between them and no one to trade with: a spare spot below
    # takes it; with no spare, a sideways step of under half a slot clears the line.
    system_map = _small_map(3, [(0, 1)], ["organisation"])
    table = map_table(system_map, None)
    xy = np.array([[0.0, 0.0], [600.0, 0.0], [300.0, 0.0]])
    groups = [np.array([0]), np.array([1]), np.array([2])]
    spare = [np.zeros((0, 2)), np.zeros((0, 2)), np.array([[300.0, 200.0]])]
    moved = slot_swap.swap_slots(table, xy, groups, spares=spare)
    assert moved[2].tolist() == [300.0, 200.0]
    assert slot_swap.swap_slots(table, xy, groups).tolist() == xy.tolist()  # no room given
    stepped = slot_swap.swap_slots(table, xy, groups, steps=True)
    assert len(table_crossings(table, stepped)) == 0
    slot = np.array([table.width[2], table.height[2]]) + 36.0
    assert (np.abs(stepped[2] - xy[2]) < slot / 2).all()  # under half a slot either way


def test_ae_to_redthread_no_longer_runs_under_the_home_office() -> None:
    system_map = SHAPES["leeds"]()
    positions = compute_layout("force", system_map).positions
    table = map_table(system_map, None)
    xy = np.array([positions[str(node)] for node in table.ids])
    under = {
        (table.ids[k], tuple(table.ids[j] for j in table.lines[e]))
        for k, e in table_crossings(table, xy).tolist()
    }
    assert ("ho", ("ae", "redthread")) not in under
    assert under == set()


def _small_map(n: int, pairs: list[tuple[int, int]], kinds: list[str]) -> SystemMap:
    system_map = SystemMap("Small")
    for i in range(n):
        system_map.add_stakeholder(
            Stakeholder(f"Organisation number {i}", id=f"s{i}", kind=kinds[i % len(kinds)])
        )
    for a, b in pairs:
        if a % n != b % n:
            system_map.add_relationship(Relationship(f"s{a % n}", f"s{b % n}", "partners"))
    return system_map


@settings(max_examples=12, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    st.integers(3, 14),
    st.lists(st.tuples(st.integers(0, 13), st.integers(0, 13)), max_size=24),
    st.lists(st.sampled_from(["organisation", "group", "individual"]), min_size=1, max_size=3),
)
def test_small_random_maps_come_out_of_the_force_layout_with_no_crossing(
    n: int, pairs: list[tuple[int, int]], kinds: list[str]
) -> None:
    system_map = _small_map(n, pairs, kinds)
    positions = compute_layout("force", system_map).positions
    assert _crossings(system_map, positions) == []
    table = map_table(system_map, None)
    xy = np.array([positions[str(node)] for node in table.ids])
    assert len(overlapping_pairs(xy, table.width, table.height, margin=35.0)) == 0


@pytest.mark.parametrize("layout", ["sector", "place"])
def test_grouped_layouts_clear_lines_the_same_way_every_time(layout: str) -> None:
    system_map = SHAPES["leeds"]()
    first = compute_layout(layout, system_map).positions
    assert compute_layout(layout, system_map).positions == first


def test_slots_are_handed_out_by_where_each_members_ties_go() -> None:
    # A 2 × 2 table: 0 (tied far right) and 1 (tied far left) swap their slots; 4, tied to
    # no one, keeps its slot, and the empty slot stays empty.
    system_map = _small_map(5, [(0, 2), (1, 3)], ["organisation"])
    table = map_table(system_map, None)
    xy = np.array([[0.0, 0.0], [200.0, 0.0], [1000.0, 0.0], [-1000.0, 0.0], [0.0, 100.0]])
    groups = [np.array([0, 1, 4]), np.array([2]), np.array([3])]
    spares = [np.array([[200.0, 100.0]]), np.zeros((0, 2)), np.zeros((0, 2))]
    out, left = slot_order.order_by_ties(table, xy, groups, spares)
    assert out[[0, 1, 4]].tolist() == [[200.0, 0.0], [0.0, 0.0], [0.0, 100.0]]
    assert left[0].tolist() == [[200.0, 100.0]]
    assert out.tolist() == slot_order.order_by_ties(table, xy, groups, spares)[0].tolist()
    assert len(table_crossings(table, out)) < len(table_crossings(table, xy))


def test_a_box_only_gets_a_slot_it_fits() -> None:
    system_map = _small_map(3, [(0, 2)], ["organisation"])
    table = map_table(system_map, None)
    table.width[0] = 400.0  # wider than the other column
    xy = np.array([[0.0, 0.0], [400.0, 0.0], [2000.0, 0.0]])
    out, _ = slot_order.order_by_ties(table, xy, [np.array([0, 1]), np.array([2])])
    assert out[0].tolist() == [0.0, 0.0]  # pulled right by its tie, but too wide to go


def test_roaming_finds_a_free_spot_anywhere_in_the_bounds() -> None:
    # 2 sits on the line 0 — 1 and a step of under half a slot does not clear it (the line
    # bows for three parallel ties); roaming over its bounds finds a spot off the line.
    system_map = _small_map(3, [(0, 1)], ["organisation"])
    table = map_table(system_map, None)
    xy = np.array([[0.0, 0.0], [900.0, 0.0], [450.0, 0.0]])
    groups = [np.array([0]), np.array([1]), np.array([2])]
    bounds = np.tile([-1000.0, 1000.0, -400.0, 400.0], (3, 1))
    table.height[:] = 200.0  # a tall box: half a slot up or down is not enough
    stepped = slot_swap.swap_slots(table, xy, groups, steps=True, bounds=bounds)
    roamed = slot_swap.swap_slots(table, xy, groups, steps=True, bounds=bounds, roam=True)
    assert len(table_crossings(table, stepped)) == 1
    assert len(table_crossings(table, roamed)) == 0
    assert roamed[:2].tolist() == xy[:2].tolist()


def test_place_tables_spread_into_their_bands_spare_room_and_the_bands_keep_their_size(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    system_map = MAPS["reoffending"]
    spread = compute_layout("place", system_map)
    monkeypatch.setattr(place, "STRETCH", 0.0)
    tight = compute_layout("place", system_map)
    assert [g for g in spread.guides if g.shape == "rect"] == [
        g for g in tight.guides if g.shape == "rect"
    ]
    assert _extent(system_map, spread.positions) > _extent(system_map, tight.positions)
    assert len(_crossings(system_map, spread.positions)) < len(
        _crossings(system_map, tight.positions)
    )


def test_sector_areas_fill_their_rows_and_spread_their_stakeholders_into_them() -> None:
    # Two areas in the top row (the second ends at x = 800), one narrower and shorter below:
    # the lower one widens to x = 800, the upper ones share a bottom; stakeholders spread.
    system_map = _small_map(4, [(0, 1), (2, 3)], ["organisation"])
    table = map_table(system_map, None)
    groups = [np.array([0, 1]), np.array([2]), np.array([3])]
    regions = np.array(
        [
            [0.0, 0.0, 500.0, 300.0, 20.0],
            [570.0, 0.0, 800.0, 200.0, 20.0],
            [0.0, 370.0, 300.0, 500.0, 20.0],
        ]
    )
    xy = np.array([[150.0, 150.0], [280.0, 150.0], [680.0, 100.0], [150.0, 440.0]])
    out, filled = sector._fill(table, groups, xy, regions)
    assert filled[[0, 1], 3].tolist() == [300.0, 300.0]  # the row's bottom
    assert filled[2, 2] == 800.0  # the lower row reaches the picture's right edge
    assert filled[:, 2].max() == regions[:, 2].max()  # the picture is no wider
    assert out[1, 0] - out[0, 0] > 130.0  # sector 0 spread out
    for number, members in enumerate(groups):  # everyone still well inside their area
        x0, y0, x1, y1, _ = filled[number]
        assert ((out[members, 0] > x0) & (out[members, 0] < x1)).all()
        assert ((out[members, 1] > y0) & (out[members, 1] < y1)).all()
