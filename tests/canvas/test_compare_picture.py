"""A comparison on the map: added, removed and changed marked in distinct styles, explained
in the legend, on screen and in the exported picture."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QColor, QImage

from sysmap.canvas.compare_overlay import ADDED_COLOUR, REMOVED_COLOUR, comparison_overlay
from sysmap.canvas.overlay_items import BadgeItem, RingItem, SuggestedLinkItem
from sysmap.canvas.scene import MapScene
from sysmap.cli.main import main
from sysmap.combine.compare import compare_maps
from sysmap.combine.diff_map import DiffMap, diff_map
from sysmap.io import find_example, load_map, save_map
from sysmap.model import Relationship, Stakeholder, SystemMap


@pytest.fixture(scope="module")
def maps() -> tuple[SystemMap, SystemMap]:
    example = find_example("rough-sleeping")
    assert example is not None
    before = load_map(example.path).map
    after = before.copy()
    after.remove_stakeholder("streetlink")
    new = after.add_stakeholder(
        Stakeholder("Night shelter", sector="third_sector", place="Birmingham", x=900, y=900)
    )
    after.add_relationship(Relationship(new.id, "rough-sleeper", "houses"))
    after.update_stakeholder("sifa", sector="private")
    return before, after


@pytest.fixture(scope="module")
def diff(maps: tuple[SystemMap, SystemMap]) -> DiffMap:
    before, after = maps
    return diff_map(before, after, compare_maps(before, after, ("2024", "2025")))


def test_the_removed_come_back_to_be_drawn_and_nothing_else_moves(
    maps: tuple[SystemMap, SystemMap], diff: DiffMap
) -> None:
    before, after = maps
    assert diff.removed == ("streetlink",)
    assert diff.map.stakeholder_count == after.stakeholder_count + 1
    for person in after.stakeholders():
        assert (diff.map.stakeholder(person.id).x, diff.map.stakeholder(person.id).y) == (
            person.x,
            person.y,
        )
    assert diff.added == ("night-shelter",)
    assert diff.changed == ("sifa",)
    assert len(diff.removed_links) == len(before.relationships_of("streetlink"))


def test_marks_and_legend(qapp, diff: DiffMap) -> None:  # type: ignore[no-untyped-def]
    scene = MapScene(diff.map)
    try:
        scene.set_overlay(comparison_overlay(diff))
        marks = scene.decorations()
        rings = {m.member_ids: m for m in marks if isinstance(m, RingItem)}
        assert rings[frozenset({"night-shelter"})].style.colour == ADDED_COLOUR
        removed = rings[frozenset({"streetlink"})].style
        assert (removed.colour, removed.dashed) == (REMOVED_COLOUR, True)
        assert any(isinstance(m, BadgeItem) and m.text == "changed" for m in marks)
        lines = [m.link for m in marks if isinstance(m, SuggestedLinkItem)]
        assert {(line.colour, line.dashed) for line in lines} == {
            (ADDED_COLOUR, False),
            (REMOVED_COLOUR, True),
        }
        labels = scene.legend().labels()
        for row in ("Stakeholder added", "Stakeholder removed", "Stakeholder changed"):
            assert row in labels
        assert "Relationship removed" in labels
        assert scene.state.stakeholder_emphasis("bvsc") == -1  # the unchanged fade
    finally:
        scene.close()


def test_export_compare_draws_both_styles(
    maps: tuple[SystemMap, SystemMap], tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before, after = maps
    old, new = tmp_path / "2024.graphml", tmp_path / "2025.graphml"
    save_map(before, old)
    save_map(after, new)
    out = tmp_path / "diff.png"
    assert main(["export", str(new), "--compare", str(old), "-o", str(out), "--width", "800"]) == 0
    image = QImage(str(out))
    colours = {
        image.pixelColor(x, y).name() for x in range(0, 800, 2) for y in range(0, image.height(), 2)
    }
    assert QColor(ADDED_COLOUR).name() in colours
    assert QColor(REMOVED_COLOUR).name() in colours


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["-o", "diff.graphml"], "a comparison can only be drawn on a picture"),
        (["-o", "diff.png", "--overlay", "silos"], "either an analysis overlay or a comparison"),
    ],
)
def test_export_compare_refuses_what_cannot_work(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], extra: list[str], message: str
) -> None:
    extra = [str(tmp_path / e) if e.startswith("diff") else e for e in extra]
    assert main(["export", "reoffending", "--compare", "reoffending", *extra]) == 1
    assert message in capsys.readouterr().err
