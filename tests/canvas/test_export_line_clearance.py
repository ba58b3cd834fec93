"""The exported picture keeps lines off stakeholders too (issue 13): ``sysmap export EXAMPLE
--layout force -o x.png`` draws a scene whose items sit where the layout put them, and no
line passes through a stakeholder it does not join, measured with the sizes and shapes the
canvas really draws (font metrics, not the layouts' estimate)."""

from __future__ import annotations

import re
from pathlib import Path

import networkx as nx
import numpy as np
import pytest

import sysmap.canvas.export as export
from sysmap.canvas import line_routes
from sysmap.canvas.scene import MapScene
from sysmap.canvas.stakeholder_item import MARGIN as SELECTION_MARGIN
from sysmap.cli.main import main
from sysmap.layout.line_clearance import (
    LINE_CLEARANCE,
    PARALLEL_SPACING,
    Boxes,
    bows,
    line_crossings,
)
from sysmap.layout.nodes import drawn_lines
from sysmap.model.style import STATUS_STYLES


def _drawn_crossings(scene: MapScene) -> list[str]:
    """Crossings in what the scene draws: item positions, the items' own sizes and shapes."""
    items = scene.items_model.stakeholders
    ids = sorted(items)
    index = {node: i for i, node in enumerate(ids)}
    xy = np.array([(items[i].pos().x(), items[i].pos().y()) for i in ids])
    size = np.array([items[i].half_size() for i in ids]) * 2
    ellipse = np.array([items[i].shape_name == "ellipse" for i in ids])
    drawn = nx.MultiGraph()
    drawn.add_nodes_from(ids)
    drawn.add_edges_from(
        (r.source_id, r.target_id) for r in scene.items_model.relationships.values()
    )
    lines, parallel = drawn_lines(drawn, index)
    found = line_crossings(Boxes(xy, size[:, 0], size[:, 1], ellipse), lines, bows(parallel))
    return [f"{ids[k]} under {ids[lines[e, 0]]} – {ids[lines[e, 1]]}" for k, e in found.tolist()]


@pytest.mark.parametrize("example", ["addiction", "levelling-up", "reoffending", "rough-sleeping"])
def test_the_exported_force_picture_has_no_line_through_a_stakeholder(
    qapp: object, example: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    drawn: list[list[str]] = []
    positions: list[dict[str, tuple[float, float]]] = []
    real_export_scene = export.export_scene

    def spy(scene: MapScene, *args: object, **kwargs: object) -> Path:
        drawn.append(_drawn_crossings(scene))
        positions.append(
            {k: (v.pos().x(), v.pos().y()) for k, v in scene.items_model.stakeholders.items()}
        )
        return real_export_scene(scene, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(export, "export_scene", spy)
    out = tmp_path / f"{example}.png"
    assert main(["export", example, "--layout", "force", "-o", str(out)]) == 0
    assert out.stat().st_size > 0
    assert drawn == [[]]
    from sysmap.io import load_map, resolve_map_path
    from sysmap.layout import compute_layout

    expected = compute_layout("force", load_map(resolve_map_path(example)).map).positions
    assert sorted(positions[0]) == sorted(expected)
    for node, (x, y) in expected.items():
        assert positions[0][node] == pytest.approx((x, y), abs=1e-6)


def test_the_clearance_clears_what_is_drawn_round_a_stakeholder_and_the_lines() -> None:
    widest_line = max(style.width for style in STATUS_STYLES.values())
    assert SELECTION_MARGIN + widest_line / 2 <= LINE_CLEARANCE  # ring and pin reach 7 px
    from sysmap.canvas.geometry import PARALLEL_SPACING as CANVAS_SPACING

    assert PARALLEL_SPACING == CANVAS_SPACING


@pytest.mark.parametrize("layout", ["sector", "place"])
def test_the_exported_grouped_pictures_bend_lines_round_stakeholders(
    qapp: object, layout: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """After the grouped layouts some straight lines would pass through a stakeholder: the
    picture draws them bent round it (issue 13), in the SVG as curves."""
    from tests.canvas.drawn_paths import drawn_path_crossings

    found: list[tuple[list[str], int]] = []
    real_export_scene = export.export_scene

    def spy(scene: MapScene, *args: object, **kwargs: object) -> Path:
        bent = sum(1 for r in scene.items_model.relationships.values() if r.bend is not None)
        found.append((drawn_path_crossings(scene), bent))
        return real_export_scene(scene, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(export, "export_scene", spy)
    out = tmp_path / "reoffending.svg"
    assert main(["export", "reoffending", "--layout", layout, "-o", str(out)]) == 0
    [(crossings, bent)] = found
    assert crossings == []
    assert bent >= 1
    monkeypatch.setattr(line_routes, "ROUTE_LIMIT", -1)  # the same picture, lines straight
    straight = tmp_path / "straight.svg"
    assert main(["export", "reoffending", "--layout", layout, "-o", str(straight)]) == 0
    assert found[1][1] == 0
    # Bent lines are curves in the file (rounded boxes are curves in both; a few curves of
    # lines that pass out of the page may be cut away by the SVG writer).
    assert _curves(out) >= _curves(straight) + bent * 3 // 4


def _curves(svg: Path) -> int:
    paths = re.findall(r'<path[^>]* d="([^"]*)"', svg.read_text(encoding="utf-8"))
    return sum(d.count("C") for d in paths)
