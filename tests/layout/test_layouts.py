"""What every layout promises: everyone placed, finite, apart, pinned ones still, repeatable."""

from __future__ import annotations

import pytest

from sysmap.io import EXAMPLES, load_map
from sysmap.layout import LAYOUTS, LayoutResult, compute_layout
from sysmap.model import Relationship, Stakeholder, SystemMap, ValidationError
from tests.layout.helpers import all_finite, aspect, overlaps
from tests.layout.maps import chain_map, two_islands, workshop_map

NAMES = list(LAYOUTS)
PRESENT_EXAMPLES = [e for e in EXAMPLES if e.path.exists()]


def small_maps() -> dict[str, SystemMap]:
    one = SystemMap("One")
    one.add_stakeholder(Stakeholder("Only stakeholder", sector="citizens"))
    loops = chain_map(3)
    loops.add_relationship(Relationship("s0", "s0", "other"), allow_self_loop=True)
    loops.add_relationship(Relationship("s0", "s1", "funds"))  # a second, parallel tie
    return {
        "empty": SystemMap("Empty"),
        "one": one,
        "pair": chain_map(2),
        "chain": chain_map(12),
        "loops": loops,
        "islands": two_islands(),
        "workshop": workshop_map(),
    }


SMALL = small_maps()


def check(system_map: SystemMap, result: LayoutResult) -> None:
    assert set(result.positions) == set(system_map.graph.nodes)
    assert all_finite(result.positions)
    assert overlaps(system_map, result.positions) == []


def test_the_six_layouts_are_registered_under_their_menu_names() -> None:
    assert NAMES == ["force", "sector", "place", "circular", "citizen", "power-interest"]
    for layout in LAYOUTS.values():
        assert layout.title
        assert layout.summary.endswith(".")


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("which", list(SMALL))
def test_every_stakeholder_placed_apart(name: str, which: str) -> None:
    system_map = SMALL[which]
    check(system_map, compute_layout(name, system_map))


@pytest.mark.parametrize("name", NAMES)
@pytest.mark.parametrize("example", PRESENT_EXAMPLES, ids=lambda e: e.name)
def test_example_maps_lay_out_readably(name: str, example: object) -> None:
    system_map = load_map(example.path).map  # type: ignore[attr-defined]
    result = compute_layout(name, system_map)
    check(system_map, result)
    if name != "citizen":  # rings are round
        assert aspect(system_map, result.positions) >= 1.05
    if name != "force":
        assert result.guides


@pytest.mark.parametrize("name", NAMES)
def test_workshop_map_is_landscape_and_explained(name: str) -> None:
    system_map = SMALL["workshop"]
    result = compute_layout(name, system_map)
    if name != "citizen":
        assert aspect(system_map, result.positions) >= 1.05
    if name == "force":
        assert result.guides == ()
    else:
        assert result.guides
        assert all(g.label for g in result.guides)


@pytest.mark.parametrize("name", NAMES)
def test_pinned_stakeholders_never_move(name: str) -> None:
    system_map = workshop_map()
    pins = {"moj": (-3000.0, 2500.0), "leaver": (10.0, 20.0), "bank": (10.0, 20.0)}
    for sid, (x, y) in pins.items():
        system_map.update_stakeholder(sid, x=x, y=y, pinned=True)
    result = compute_layout(name, system_map)
    for sid, xy in pins.items():
        assert result.positions[sid] == xy
    others = {k: v for k, v in result.positions.items() if k not in ("leaver", "bank")}
    # leaver and bank were pinned on top of each other: only they may overlap.
    assert {frozenset(p) for p in overlaps(system_map, result.positions)} <= {
        frozenset(("leaver", "bank"))
    }
    assert all_finite(others)


@pytest.mark.parametrize("name", NAMES)
def test_fixed_positions_can_be_given_directly(name: str) -> None:
    system_map = workshop_map()
    result = compute_layout(name, system_map, fixed={"hmpps": (123.0, 456.0), "nobody": (0, 0)})
    assert result.positions["hmpps"] == (123.0, 456.0)
    assert "nobody" not in result.positions
    check(system_map, result)


@pytest.mark.parametrize("name", NAMES)
def test_same_map_same_picture(name: str) -> None:
    first = compute_layout(name, workshop_map())
    second = compute_layout(name, workshop_map())
    assert first == second


@pytest.mark.parametrize("name", NAMES)
def test_layout_reads_but_never_changes_the_map(name: str) -> None:
    system_map = workshop_map()
    before = system_map.copy()
    compute_layout(name, system_map)
    assert system_map == before


def test_unknown_layout_is_a_plain_error() -> None:
    with pytest.raises(ValidationError, match="no layout called 'spiral'"):
        compute_layout("spiral", workshop_map())
