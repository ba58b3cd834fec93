"""``sysmap report`` writes the HTML report; ``sysmap export --overlay`` draws an overlay."""

from __future__ import annotations

import subprocess
import sys

import pytest
from PySide6.QtGui import QColor, QImage

from sysmap.canvas.finding_overlay import HULL_COLOURS
from sysmap.canvas.overlay import ROUTE_COLOUR
from sysmap.canvas.overlay_routes import HALO_COLOUR
from sysmap.canvas.overlay_themes import THEMES
from sysmap.cli.commands.export import LAYOUT_NAMES, OVERLAYS
from sysmap.cli.main import main
from tests.report.conftest import parse_report
from tests.report.test_report import assert_self_contained


def test_report_command_writes_a_self_contained_report(tmp_path, capsys) -> None:
    out = tmp_path / "reoffending.html"
    code = main(["report", "reoffending", "-o", str(out), "--by", "sector", "--permutations", "99"])
    assert code == 0
    assert "Wrote the report on Reducing reoffending" in capsys.readouterr().out
    html = out.read_text(encoding="utf-8")
    assert_self_contained(html)
    text = parse_report(html).plain
    assert "grouped by sector ·" in text
    assert "By place" not in text  # only the grouping asked for is charted


def test_report_command_refuses_what_it_cannot_do(tmp_path, capsys) -> None:
    assert main(["report", "reoffending", "-o", str(tmp_path / "r.pdf")]) == 1
    assert "a report is an HTML file" in capsys.readouterr().err
    assert main(["report", "reoffending", "-o", str(tmp_path / "r.html"), "--by", "colour"]) == 1
    assert "No stakeholder in the map has a value for 'colour'" in capsys.readouterr().err
    assert not (tmp_path / "r.html").exists()


def test_report_command_loads_qt_only_to_draw(tmp_path) -> None:
    # A map that cannot be read fails before the report (and Qt) is loaded.
    code = (
        "import sys\n"
        "import sysmap.cli.commands.report\n"
        "from sysmap.cli.main import main\n"
        f"assert main(['report', {str(tmp_path / 'none.graphml')!r}, '-o', 'y.html']) == 1\n"
        "print(any(m.startswith('PySide6') for m in sys.modules))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=False)
    assert out.stdout.strip() == "False", out.stderr


def test_overlay_choices_are_the_canvas_themes() -> None:
    assert set(OVERLAYS) == set(THEMES)


def test_layout_choices_are_the_layouts() -> None:
    from sysmap.layout import LAYOUTS

    assert set(LAYOUT_NAMES) == set(LAYOUTS)


def colour_share(image: QImage, colour: str, tolerance: int = 40) -> float:
    """Share of sampled pixels close to ``colour`` (every 4th pixel in each direction)."""
    target = QColor(colour)
    hits = total = 0
    for y in range(0, image.height(), 4):
        for x in range(0, image.width(), 4):
            pixel = image.pixelColor(x, y)
            total += 1
            if (
                abs(pixel.red() - target.red())
                + abs(pixel.green() - target.green())
                + abs(pixel.blue() - target.blue())
                < tolerance
            ):
                hits += 1
    return hits / total


@pytest.mark.parametrize("overlay", OVERLAYS)
def test_export_draws_each_overlay(tmp_path, capsys, overlay: str) -> None:
    plain, marked = tmp_path / "plain.png", tmp_path / f"{overlay}.png"
    assert main(["export", "reoffending", "-o", str(plain), "--width", "800"]) == 0
    assert (
        main(["export", "reoffending", "-o", str(marked), "--width", "800", "--overlay", overlay])
        == 0
    )
    before, after = QImage(str(plain)), QImage(str(marked))
    assert not after.isNull()
    # Each overlay draws its own marks, in colours the plain picture hardly has.
    marks = {
        "silos": over_white(HULL_COLOURS[0], 0.12),  # a hull's wash
        "missing-links": RING_COLOUR,  # the introducers' rings and captions
        "brokers": over_white(HALO_COLOUR, 0.28),  # haloes
        "citizen": over_white(ROUTE_COLOUR, 0.35),  # route bands
    }
    assert colour_share(after, marks[overlay], 24) > 2 * colour_share(before, marks[overlay], 24)


RING_COLOUR = "#D55E00"
"""Rings and their captions (introducer, broker, citizen)."""


def over_white(colour: str, alpha: float) -> str:
    """What a translucent colour looks like painted on white paper."""
    c = QColor(colour)
    mix = [round(255 * (1 - alpha) + v * alpha) for v in (c.red(), c.green(), c.blue())]
    return "#{:02X}{:02X}{:02X}".format(*mix)


def test_export_refuses_an_overlay_on_a_map_file(tmp_path, capsys) -> None:
    out = tmp_path / "map.graphml"
    assert main(["export", "reoffending", "-o", str(out), "--overlay", "silos"]) == 1
    assert "an overlay can only be drawn on a picture" in capsys.readouterr().err
