"""Every shipped example exports as a legible picture at 1,600 px: title, legend, no overlaps."""

from __future__ import annotations

from pathlib import Path

import pytest
from PySide6.QtGui import QImage

from sysmap._data import data_dir
from sysmap.canvas.export import export_scene, layout_page
from sysmap.canvas.scene import MapScene
from sysmap.canvas.theme import LABEL_PIXEL_SIZE
from sysmap.io import load_map

EXAMPLES = sorted(data_dir("examples").glob("*.graphml"))


@pytest.mark.parametrize("path", EXAMPLES, ids=[p.stem for p in EXAMPLES])
def test_example_picture_is_legible(qapp, tmp_path: Path, path: Path) -> None:
    system_map = load_map(path).map
    scene = MapScene(system_map)
    try:
        boxes = [
            (item.label, item.box_rect().translated(item.scenePos()))
            for item in scene.items_model.stakeholders.values()
        ]
        overlaps = [
            (a, b)
            for i, (a, ra) in enumerate(boxes)
            for b, rb in boxes[i + 1 :]
            if ra.intersects(rb)
        ]
        assert overlaps == []
        legend = scene.legend()
        assert system_map.title
        assert len(legend.colours) >= 3
        page = layout_page(scene.map_rect(), legend)
        # Labels are drawn at 12 px at 100 %: at 1,600 px they must stay at least 9 px.
        scale = page.map_target.width() / page.map_source.width()
        assert LABEL_PIXEL_SIZE * scale >= 9
        out = export_scene(scene, tmp_path / f"{path.stem}.png", width=1600)
        image = QImage(str(out))
        assert image.width() == 1600
        assert image.height() <= 1600 * 1.6 + 1
        svg = export_scene(scene, tmp_path / f"{path.stem}.svg").read_text(encoding="utf-8")
        assert system_map.title.replace("&", "&amp;") in svg
        for entry in legend.colours:
            assert entry.label.replace("&", "&amp;") in svg
        for stakeholder in list(system_map.stakeholders())[:5]:
            first_line = scene.item_for_stakeholder(stakeholder.id).label_lines()[0]
            assert (
                first_line.replace("&", "&amp;").replace("'", "&#39;") in svg or first_line in svg
            )
    finally:
        scene.close()
