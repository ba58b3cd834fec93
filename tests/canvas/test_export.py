"""Pictures of a map: PNG at the asked width (optionally transparent), SVG with real text, PDF."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree

import pytest
from PySide6.QtGui import QColor, QImage

from sysmap.canvas.export import export_image, export_scene, layout_page
from sysmap.canvas.overlay import Overlay
from sysmap.canvas.scene import MapScene
from sysmap.io import save_map
from sysmap.layout.registry import Guide
from sysmap.model import MapFileError, SystemMap
from sysmap.model.synthetic import synthetic_map

REPO = Path(__file__).resolve().parents[2]


def _dark_pixels(image: QImage, x0: int, y0: int, x1: int, y1: int) -> int:
    count = 0
    for y in range(y0, y1, 2):
        for x in range(x0, x1, 2):
            if QColor(image.pixel(x, y)).lightness() < 80:
                count += 1
    return count


def test_png_width_title_and_legend(qapp, tmp_path: Path, system_map: SystemMap) -> None:
    out = export_image(system_map, tmp_path / "map.png", width=1600)
    image = QImage(str(out))
    assert image.width() == 1600
    assert 400 < image.height() < 1600 * 1.7
    # Dark title text in the top-left band; legend text where the page puts the legend.
    assert _dark_pixels(image, 30, 20, 700, 60) > 100
    scene = MapScene(system_map)
    page = layout_page(scene.map_rect(), scene.legend())
    scene.close()
    assert page.legend_at is not None
    x, y = int(page.legend_at.x()), int(page.legend_at.y())
    assert _dark_pixels(image, x, y, x + 300, y + 120) > 100
    assert QColor(image.pixel(5, 5)) == QColor("#FFFFFF")
    small = QImage(str(export_image(system_map, tmp_path / "small.png", width=640)))
    assert small.width() == 640
    assert abs(small.height() / small.width() - image.height() / image.width()) < 0.01


def test_transparent_png(qapp, tmp_path: Path, system_map: SystemMap) -> None:
    image = QImage(str(export_image(system_map, tmp_path / "t.png", transparent=True)))
    assert image.hasAlphaChannel()
    assert QColor.fromRgba(image.pixel(3, 3)).alpha() == 0
    opaque = QImage(str(export_image(system_map, tmp_path / "o.png")))
    assert QColor.fromRgba(opaque.pixel(3, 3)).alpha() == 255


def test_svg_is_xml_with_the_labels_as_text(qapp, tmp_path: Path, system_map: SystemMap) -> None:
    out = export_image(system_map, tmp_path / "map.svg")
    root = ElementTree.parse(out).getroot()
    assert root.tag.endswith("svg")
    text = " ".join(t for t in root.itertext())
    for words in (
        "Reducing reoffending",
        "Shelter",
        "Private landlords",
        "Third sector",
        "Missing",
    ):
        assert words in text


def test_pdf(qapp, tmp_path: Path, system_map: SystemMap) -> None:
    out = export_image(system_map, tmp_path / "map.pdf")
    data = out.read_bytes()
    assert data.startswith(b"%PDF")
    assert b"%%EOF" in data[-64:]


def test_unknown_picture_format(qapp, tmp_path: Path, system_map: SystemMap) -> None:
    with pytest.raises(MapFileError, match="not a picture format"):
        export_image(system_map, tmp_path / "map.bmp")


def test_export_scene_keeps_the_scene_as_it_was(qapp, tmp_path: Path, scene: MapScene) -> None:
    scene.colour_by("place")
    scene.select(["shelter"], [])
    scene.set_overlay(Overlay("Silo: local services", stakeholders=frozenset({"shelter"})))
    out = export_scene(scene, tmp_path / "scene.svg")
    text = " ".join(ElementTree.parse(out).getroot().itertext())
    assert "Place" in text
    assert "Silo: local services" in text
    assert scene.selected_stakeholder_ids() == ["shelter"]
    assert scene.colour_attribute == "place"


def test_guides_are_drawn(qapp, tmp_path: Path, system_map: SystemMap) -> None:
    guides = (Guide("rect", "Manage closely", -300, -300, 600, 400),)
    out = export_image(system_map, tmp_path / "g.svg", guides=guides)
    assert "Manage closely" in " ".join(ElementTree.parse(out).getroot().itertext())


def test_big_map_picture_is_drawn_in_batches(qapp, tmp_path: Path) -> None:
    big = synthetic_map(1500, seed=3)
    image = QImage(str(export_image(big, tmp_path / "big.png", width=1200)))
    assert image.width() == 1200
    # Sector colours are there, in quantity (boxes drawn for every stakeholder).
    blues = sum(
        1
        for y in range(100, image.height() - 20, 3)
        for x in range(20, 900, 3)
        if QColor(image.pixel(x, y)).name() == "#56b4e9"
    )
    assert blues > 200


def test_page_is_never_absurdly_tall(qapp) -> None:
    from PySide6.QtCore import QRectF

    page = layout_page(QRectF(0, 0, 100, 10000), None)
    assert page.size.height() <= 1600 * 1.6 + 1


def test_cli_export_headless_in_a_subprocess(tmp_path: Path, system_map: SystemMap) -> None:
    source = tmp_path / "map.graphml"
    save_map(system_map, source, "graphml")
    env = {
        k: v
        for k, v in os.environ.items()
        if k not in ("DISPLAY", "WAYLAND_DISPLAY", "QT_QPA_PLATFORM")
    }
    for suffix in ("png", "svg", "pdf"):
        out = tmp_path / f"out.{suffix}"
        args = [sys.executable, "-m", "sysmap", "export", str(source), "-o", str(out)]
        if suffix == "png":
            args += ["--width", "900", "--transparent"]
        result = subprocess.run(
            args, capture_output=True, text=True, env=env, cwd=REPO, timeout=120, check=False
        )
        assert result.returncode == 0, result.stderr
        assert out.stat().st_size > 1000
    image = QImage(str(tmp_path / "out.png"))
    assert image.width() == 900
    assert QColor.fromRgba(image.pixel(2, 2)).alpha() == 0
