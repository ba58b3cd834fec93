"""A broker and a single point of failure wear different rings (issue 13, pictures for a board
paper): told apart by the mark alone, in the legend and on the map, on screen and in exports.

Both wore the same solid vermillion ring; only their tags said which was which. A single point
of failure now wears a double blue ring: it differs from the broker's single vermillion ring
in shape (two lines, not one) as well as in colour, so it reads in grey print and to readers
who cannot tell the colours apart.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest

from sysmap.analysis import AnalysisResult, analyse
from sysmap.canvas.export import export_image
from sysmap.canvas.finding_list import visible_findings
from sysmap.canvas.finding_overlay import overlay_for_finding
from sysmap.canvas.overlay import FAILURE_COLOUR, GROUP_COLOUR, POINT_OF_FAILURE, MarkStyle
from sysmap.canvas.overlay_items import RingItem
from sysmap.canvas.overlay_themes import overlay_for_theme
from sysmap.canvas.scene import MapScene
from sysmap.canvas.theme import DARK, LIGHT
from sysmap.model import SystemMap
from sysmap.model.colour_vision import DEFICIENCIES, colour_difference, contrast_ratio, simulate
from sysmap.workspace import open_map

BROKER = "broker: many shortest routes run through it"
FAILURE = "single point of failure: without it the map splits"


@pytest.fixture(scope="module")
def reoffending() -> tuple[SystemMap, AnalysisResult]:
    system_map = open_map("reoffending").map
    return system_map, analyse(system_map, permutations=19)


@pytest.fixture
def scene(qapp, reoffending) -> Iterator[MapScene]:  # type: ignore[no-untyped-def]
    made = MapScene(reoffending[0])
    yield made
    made.close()


def rings(scene: MapScene) -> dict[str, RingItem]:
    return {next(iter(m.member_ids)): m for m in scene.decorations() if isinstance(m, RingItem)}


def key_rows(scene: MapScene) -> dict[str, tuple[str, str]]:
    return {e.label: (e.mark, e.colour) for e in scene.legend().key}


def test_the_brokers_picture_draws_each_role_its_own_ring_and_legend_row(
    scene: MapScene, reoffending: tuple[SystemMap, AnalysisResult]
) -> None:
    system_map, result = reoffending
    overlay = overlay_for_theme("brokers", result, system_map)
    scene.set_overlay(overlay)
    drawn = rings(scene)
    captions = {node: ring.caption for node, ring in drawn.items()}
    # On this map the three brokers ringed are single points of failure as well.
    assert set(captions.values()) == {"single point of failure", "broker · single point of failure"}
    for node, ring in drawn.items():
        looks = list(ring.styles)
        if captions[node] == "broker":
            assert looks == [MarkStyle()]  # one solid vermillion ring, as before
        elif captions[node] == "single point of failure":
            assert looks == [POINT_OF_FAILURE]
        else:  # both roles: both rings, the broker's inside
            assert looks == [MarkStyle(), POINT_OF_FAILURE]
            lines = ring.strokes()
            assert len(lines) == 3  # one line, then the double's two, each further out
            widths = [rect.width() for rect, _style, _pen in lines]
            assert widths == sorted(widths)
            assert len(set(widths)) == 3
    rows = key_rows(scene)
    assert rows[BROKER] == ("ring", GROUP_COLOUR)
    assert rows[FAILURE] == ("double ring", FAILURE_COLOUR)
    # The mark alone (its shape) tells the two apart.
    assert rows[BROKER][0] != rows[FAILURE][0]


@pytest.mark.parametrize(("kind", "look"), [("broker", MarkStyle()), ("point_of_failure", None)])
def test_a_finding_shown_wears_the_same_ring_as_in_the_picture(
    scene: MapScene, reoffending: tuple[SystemMap, AnalysisResult], kind: str, look: object
) -> None:
    system_map, result = reoffending
    finding = next(f for f in visible_findings(result, system_map) if f.kind == kind)
    scene.set_overlay(overlay_for_finding(finding, result, system_map))
    (ring,) = rings(scene).values()
    assert ring.styles == ((look or POINT_OF_FAILURE),)
    rows = key_rows(scene)
    if kind == "broker":
        assert rows[BROKER] == ("ring", GROUP_COLOUR)
        assert FAILURE not in rows
    else:
        assert rows[FAILURE] == ("double ring", FAILURE_COLOUR)
        assert BROKER not in rows


def test_the_two_rings_read_on_light_and_dark_paper_and_to_colour_blind_readers() -> None:
    for paper in (LIGHT.background, DARK.background):
        assert contrast_ratio(FAILURE_COLOUR, paper) >= 3.0  # a graphic's 3:1 (WCAG 1.4.11)
        assert contrast_ratio(GROUP_COLOUR, paper) >= 3.0
    for deficiency in DEFICIENCIES:
        seen = simulate(FAILURE_COLOUR, deficiency), simulate(GROUP_COLOUR, deficiency)
        assert colour_difference(*seen) > 30, deficiency


def test_an_exported_svg_draws_the_double_rings(
    tmp_path: Path, qapp, reoffending: tuple[SystemMap, AnalysisResult]
) -> None:  # type: ignore[no-untyped-def]
    system_map, result = reoffending
    overlay = overlay_for_theme("brokers", result, system_map)
    failures = sum("single point of failure" in c for c in overlay.rings.values())
    path = export_image(system_map, tmp_path / "brokers.svg", overlay=overlay)
    svg = path.read_text(encoding="utf-8").lower()
    groups = re.findall(r'<g fill="none" stroke="#0072b2"[^>]*>(.*?)</g>', svg, re.DOTALL)
    blue = sum(group.count("<ellipse") for group in groups)
    # Two lines per single point of failure on the map, and two in the legend's sample.
    assert blue >= 2 * failures + 2
