"""Each layout shows what it says: sectors in their areas, levels in their bands, citizens
in the middle, everyone in the quadrant their values put them in."""

from __future__ import annotations

import math

import numpy as np
import pytest

from sysmap.io import EXAMPLES, load_map
from sysmap.layout import Guide, LayoutResult, compute_layout
from sysmap.layout.circular import ELLIPSE
from sysmap.layout.citizen import UNREACHED, ring_caption
from sysmap.layout.place import NO_LEVEL, level_of
from sysmap.layout.power_interest import NOT_RATED, quadrant_of
from sysmap.model import PLACE_LEVELS, Stakeholder, SystemMap
from sysmap.model.synthetic import synthetic_map
from tests.layout.helpers import box_array, caption_area, citizen_steps, inside, overlaps
from tests.layout.maps import chain_map, two_islands, workshop_map


@pytest.fixture(scope="module")
def workshop() -> SystemMap:
    return workshop_map()


def rects(result: LayoutResult) -> dict[str, Guide]:
    return {g.label: g for g in result.guides if g.shape == "rect"}


def texts(result: LayoutResult) -> list[Guide]:
    return [g for g in result.guides if g.shape == "text"]


def rects_overlap(a: Guide, b: Guide) -> bool:
    return not (
        a.x + a.width <= b.x
        or b.x + b.width <= a.x
        or a.y + a.height <= b.y
        or b.y + b.height <= a.y
    )


# ---------------------------------------------------------------------------- sector
def test_each_sector_has_its_own_labelled_area(workshop: SystemMap) -> None:
    result = compute_layout("sector", workshop)
    areas = rects(result)
    assert set(areas) == {
        "Central government",
        "Local public services",
        "Private sector",
        "Third sector",
        "Citizens & communities",
        "Independent bodies",
    }
    for node, sector in workshop.graph.nodes(data="sector"):
        assert inside(areas[workshop.sectors.label(sector)], result.positions[node]), node
    boxes = list(areas.values())
    assert not any(rects_overlap(a, b) for i, a in enumerate(boxes) for b in boxes[i + 1 :])


def test_stakeholders_without_a_sector_get_an_area_of_their_own() -> None:
    system_map = two_islands()
    system_map.add_stakeholder(Stakeholder("Unsorted body", id="unsorted"))
    system_map.add_stakeholder(Stakeholder("Faith network", id="faith", sector="faith_groups"))
    result = compute_layout("sector", system_map)
    areas = rects(result)
    assert inside(areas["No sector"], result.positions["unsorted"])
    assert inside(areas["faith_groups"], result.positions["faith"])
    assert list(areas)[-1] == "No sector"  # after every named sector


def test_sector_areas_hold_a_big_crowd_without_overlaps() -> None:
    system_map = SystemMap("Crowd")
    for i in range(150):
        system_map.add_stakeholder(
            Stakeholder(f"Neighbourhood organisation number {i}", id=f"n{i}", sector="third_sector")
        )
    result = compute_layout("sector", system_map)
    assert overlaps(system_map, result.positions) == []
    area = rects(result)["Third sector"]
    assert all(inside(area, p) for p in result.positions.values())


# ---------------------------------------------------------------------------- place
def test_levels_are_bands_from_national_down_to_local(workshop: SystemMap) -> None:
    result = compute_layout("place", workshop)
    bands = rects(result)
    assert list(bands) == ["National", "Regional", "Local", NO_LEVEL]
    tops = [bands[name].y for name in bands]
    assert tops == sorted(tops)
    for node, data in workshop.graph.nodes(data=True):
        level = level_of(data, workshop.places)
        label = PLACE_LEVELS.label(level) if level else NO_LEVEL
        assert inside(bands[label], result.positions[node]), node


def test_each_place_is_a_captioned_column_in_its_band(workshop: SystemMap) -> None:
    result = compute_layout("place", workshop)
    captions = [g.label for g in texts(result)]
    assert captions.count("Manchester") == 1
    assert {"England", "Greater Manchester", "Manchester", "Salford", "No place"} <= set(captions)
    # Manchester's and Salford's local stakeholders do not mix: their columns are apart.
    manchester = [n for n, p in workshop.graph.nodes(data="place") if p == "Manchester"]
    salford = [n for n, p in workshop.graph.nodes(data="place") if p == "Salford"]
    m_box = _bbox(result, manchester)
    s_box = _bbox(result, salford)
    assert m_box[2] < s_box[0] or s_box[2] < m_box[0] or m_box[3] < s_box[1] or s_box[3] < m_box[1]


def test_a_places_level_comes_from_the_map_when_a_stakeholder_has_none() -> None:
    from sysmap.model import Term

    system_map = SystemMap("Levels")
    system_map.set_vocabulary(
        "places", system_map.places.with_term(Term("wigan", "Wigan", level="local"))
    )
    system_map.add_stakeholder(Stakeholder("Wigan Council", id="wc", place="wigan"))
    system_map.add_stakeholder(Stakeholder("A national body", id="nb", place_level="national"))
    result = compute_layout("place", system_map)
    bands = rects(result)
    assert inside(bands["Local"], result.positions["wc"])
    assert inside(bands["National"], result.positions["nb"])
    assert "Wigan" in [g.label for g in texts(result)]


def _bbox(result: LayoutResult, ids: list[str]) -> tuple[float, float, float, float]:
    xy = np.array([result.positions[i] for i in ids])
    return xy[:, 0].min(), xy[:, 1].min(), xy[:, 0].max(), xy[:, 1].max()


# ---------------------------------------------------------------------------- circular
def test_circular_puts_everyone_on_one_wide_ring_sector_by_sector(workshop: SystemMap) -> None:
    result = compute_layout("circular", workshop)
    xy = np.array([result.positions[n] for n in workshop.graph.nodes])
    reach = np.hypot(xy[:, 0], xy[:, 1] * ELLIPSE)  # the same for every point of the ellipse
    assert np.allclose(reach, reach.mean(), rtol=1e-9)
    # Going round from the top, each sector's stakeholders come together in one run.
    angle = np.mod(np.arctan2(xy[:, 1] * ELLIPSE, xy[:, 0]) + math.pi / 2, 2 * math.pi)
    sectors = [
        workshop.graph.nodes[n]["sector"] for n in np.array(workshop.graph.nodes)[np.argsort(angle)]
    ]
    runs = [s for i, s in enumerate(sectors) if i == 0 or s != sectors[i - 1]]
    assert len(runs) == len(set(sectors))
    assert [g.label for g in texts(result)] == [workshop.sectors.label(s) for s in runs]


# ---------------------------------------------------------------------------- citizen
@pytest.mark.parametrize("make", [workshop_map, two_islands, lambda: chain_map(5)])
def test_citizen_rings_match_steps_from_the_citizens(make: object) -> None:
    system_map: SystemMap = make()  # type: ignore[operator]
    result = compute_layout("citizen", system_map)
    steps = citizen_steps(system_map)
    rings = {g.label: g.width / 2 for g in result.guides if g.shape == "circle"}
    for node, xy in result.positions.items():
        caption = ring_caption(steps[node], system_map)
        radius = math.hypot(*xy)
        if caption in rings:
            assert radius == pytest.approx(rings[caption], rel=1e-6), node
        else:  # a lone citizen sits in the middle
            assert steps[node] == 0
            assert radius == pytest.approx(0.0, abs=1e-6)
    # Rings grow outwards with the steps, and the unreached are outside them all.
    radii = [
        rings[ring_caption(k, system_map)]
        for k in sorted(set(steps.values()))
        if ring_caption(k, system_map) in rings
    ]
    assert radii == sorted(radii)


def test_missing_and_proposed_links_are_not_steps(workshop: SystemMap) -> None:
    result = compute_layout("citizen", workshop)
    rings = {g.label: g.width / 2 for g in result.guides if g.shape == "circle"}
    # Local employers reach the prison leaver only through a *missing* relationship.
    assert math.hypot(*result.positions["employer"]) == pytest.approx(rings[UNREACHED])
    assert rings[UNREACHED] == max(rings.values())
    assert ring_caption(1, workshop) == "1 step from a citizen"
    assert ring_caption(2, workshop) == "2 steps from a citizen"


def test_a_map_without_citizens_says_so() -> None:
    system_map = chain_map(4)
    result = compute_layout("citizen", system_map)
    assert [g.label for g in result.guides if g.shape == "circle"] == [UNREACHED]
    assert "No stakeholder is in the Citizens & communities sector" in [
        g.label for g in texts(result)
    ]


def test_inner_rings_order_follows_contacts(workshop: SystemMap) -> None:
    """Each stakeholder sits closer to its contacts on the ring inside than the average one."""
    result = compute_layout("citizen", workshop)
    steps = citizen_steps(workshop)
    near, far = [], []
    for u, v in workshop.graph.to_undirected().edges():
        su, sv = steps[u], steps[v]
        if math.isinf(su) or math.isinf(sv) or abs(su - sv) != 1 or min(su, sv) == 0:
            continue
        au, av = (math.atan2(*reversed(result.positions[n])) for n in (u, v))
        near.append(abs(math.remainder(au - av, 2 * math.pi)))
        far.append(math.pi / 2)  # the mean gap for unrelated angles
    assert near
    assert np.mean(near) < 0.6 * np.mean(far)


# ---------------------------------------------------------------------------- power/interest
def test_quadrants_match_influence_and_interest(workshop: SystemMap) -> None:
    result = compute_layout("power-interest", workshop)
    quadrants = rects(result)
    assert {"Manage closely", "Keep satisfied", "Keep informed", "Monitor", NOT_RATED} == set(
        quadrants
    )
    top_right = quadrants["Manage closely"]
    top_left = quadrants["Keep satisfied"]
    assert top_left.x < top_right.x
    assert top_left.y == top_right.y
    assert quadrants["Monitor"].y > top_left.y
    assert quadrants["Keep informed"].x == top_right.x
    unrated = []
    for node, data in workshop.graph.nodes(data=True):
        influence, interest = data.get("influence"), data.get("interest")
        if influence is None or interest is None:
            unrated.append(node)
            assert inside(quadrants[NOT_RATED], result.positions[node])
        else:
            assert inside(quadrants[quadrant_of(influence, interest)], result.positions[node]), node
    assert sorted(unrated) == ["bank", "peers", "recovery"]
    strip = quadrants[NOT_RATED]
    assert strip.y >= quadrants["Monitor"].y + quadrants["Monitor"].height


def test_more_interest_sits_further_right_within_a_quadrant(workshop: SystemMap) -> None:
    result = compute_layout("power-interest", workshop)
    # Both "manage closely"; HMPPS has more interest and influence than the Ministry of Justice.
    assert result.positions["hmpps"][0] > result.positions["moj"][0]
    # The prison leaver (interest 1.0) is further right than the victims (0.7).
    assert result.positions["leaver"][0] > result.positions["victims"][0]


def test_crowded_quadrant_grows_instead_of_spilling() -> None:
    system_map = SystemMap("Same scores")
    for i in range(40):
        system_map.add_stakeholder(
            Stakeholder(f"Equally keen body {i}", id=f"b{i}", influence=0.5, interest=0.5)
        )
    result = compute_layout("power-interest", system_map)
    area = rects(result)["Manage closely"]
    assert all(inside(area, p) for p in result.positions.values())
    assert overlaps(system_map, result.positions) == []


def test_axes_are_labelled(workshop: SystemMap) -> None:
    labels = {g.label for g in texts(compute_layout("power-interest", workshop))}
    assert {"Low interest", "High interest →", "High influence", "Low influence"} <= labels


# ---------------------------------------------------------------------------- captions
def captioned_maps() -> dict[str, SystemMap]:
    maps = {"workshop": workshop_map(), "synthetic": synthetic_map(1500, seed=4)}
    for example in EXAMPLES:
        if example.path.exists():
            maps[example.name] = load_map(example.path).map
    return maps


CAPTIONED = captioned_maps()
GUIDED = ["sector", "place", "citizen", "power-interest", "circular"]


@pytest.mark.parametrize("name", GUIDED)
@pytest.mark.parametrize("which", list(CAPTIONED))
def test_captions_never_sit_under_a_stakeholder(name: str, which: str) -> None:
    system_map = CAPTIONED[which]
    result = compute_layout(name, system_map)
    boxes = box_array(system_map, result.positions)
    for guide in result.guides:
        x0, y0, x1, y1 = caption_area(guide)
        hit = (boxes[:, 0] < x1) & (boxes[:, 2] > x0) & (boxes[:, 1] < y1) & (boxes[:, 3] > y0)
        assert not hit.any(), f"{guide.label!r} is drawn under a stakeholder"


@pytest.mark.parametrize("name", GUIDED)
@pytest.mark.parametrize("which", list(CAPTIONED))
def test_captions_never_overlap_each_other(name: str, which: str) -> None:
    guides = compute_layout(name, CAPTIONED[which]).guides
    areas = [caption_area(g) for g in guides]
    for i, (ax0, ay0, ax1, ay1) in enumerate(areas):
        for j, (bx0, by0, bx1, by1) in enumerate(areas[i + 1 :], start=i + 1):
            apart = ax1 <= bx0 or bx1 <= ax0 or ay1 <= by0 or by1 <= ay0
            assert apart, f"{guides[i].label!r} and {guides[j].label!r} captions overlap"
