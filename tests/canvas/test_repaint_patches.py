"""An edit repaints a few patches of the view; the edge layer draws only the lines crossing
them, and the picture is what a repaint of the whole view gives."""

from __future__ import annotations

import random
import time

import numpy as np
import pytest
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication

from sysmap.canvas import edge_layer, line_routes
from sysmap.canvas.line_cuts import cut_lines, dash_period, segment_inside
from sysmap.canvas.scene import MapScene
from sysmap.canvas.view import MapView
from sysmap.model import Stakeholder
from sysmap.model.synthetic import synthetic_map


def test_lines_are_cut_to_each_patch_as_one_by_one() -> None:
    rng = random.Random(5)
    clips = [QRectF(100, 80, 150, 120), QRectF(600, 400, 200, 90)]
    ends, periods, patterns = [], [], []
    for _ in range(400):
        ends.append(tuple(rng.uniform(-300, 1200) for _ in range(4)))
        pattern = rng.choice(("solid", "dashed", "dotted"))
        patterns.append(pattern)
        periods.append(dash_period(pattern, 2.0))
    ends.append((150.0, 100.0, 150.0, 100.0))  # a line of no length
    patterns.append("dashed")
    periods.append(dash_period("dashed", 2.0))
    cuts = cut_lines(ends, periods, clips)
    crossing = 0
    for (x1, y1, x2, y2), pattern, cut in zip(ends, patterns, cuts, strict=True):
        start, end = QPointF(x1, y1), QPointF(x2, y2)
        expected = [segment_inside(start, end, clip, pattern, 2.0) for clip in clips]
        expected = [line for line in expected if line is not None]
        assert len(cut) == len(expected)
        for got, want in zip(cut, expected, strict=True):
            assert np.allclose(
                [got.x1(), got.y1(), got.x2(), got.y2()],
                [want.x1(), want.y1(), want.x2(), want.y2()],
                atol=1e-9,
            )
        crossing += bool(cut)
    assert 50 < crossing < 400  # some lines cross a patch, some miss both


def _settle(app: QApplication, seconds: float = 0.4, scene: MapScene | None = None) -> None:
    """At least ``seconds`` of events, then on until ``scene`` has no picture half drawn."""
    until = time.perf_counter() + seconds
    while time.perf_counter() < until or (scene is not None and _drawing(scene)):
        app.processEvents()
        assert time.perf_counter() < until + 120, "the view never finished drawing"


def _drawing(scene: MapScene) -> bool:
    items = scene.items_model
    return bool(
        items.overview.picture.redrawing or items.edge_layer._passing_cache._job is not None
    )


def _edited_picture(
    qtbot, max_parts: int, monkeypatch: pytest.MonkeyPatch
) -> tuple[QImage, list[int]]:  # type: ignore[no-untyped-def]
    """What the window shows after a stakeholder is added at 100 % (its backing store)."""
    monkeypatch.setattr(edge_layer, "MAX_PARTS", max_parts)
    # Lines left straight: a stakeholder added on lines bends them, and each bent line is
    # repainted over its whole old and new extent (tests/gui/test_redraw_property.py checks
    # that); here the patches of an edit that bends nothing are the subject.
    monkeypatch.setattr(line_routes, "ROUTE_LIMIT", 0)
    patches: list[int] = []
    table_lines_in = edge_layer.EdgeTable.lines_in

    def lines_in(self, visible, exposed, rows=None, parts=()):  # type: ignore[no-untyped-def]
        if rows is None:
            patches.append(len(parts))
        return table_lines_in(self, visible, exposed, rows, parts)

    monkeypatch.setattr(edge_layer.EdgeTable, "lines_in", lines_in)
    system_map = synthetic_map(400, 3)
    scene = MapScene()
    scene.set_map(system_map)
    view = MapView(scene)
    qtbot.addWidget(view)
    # Whichever view holds the keyboard focus wears a focus frame; the two compared must not
    # differ in that (the first one shown would otherwise take the focus).
    view.setFocusPolicy(Qt.FocusPolicy.NoFocus)
    view.resize(900, 700)
    view.show()
    app = QApplication.instance()
    assert isinstance(app, QApplication)
    _settle(app, scene=scene)
    item = scene.item_for_stakeholder(system_map.stakeholder_ids()[0])
    assert item is not None
    view.centerOn(item.pos())
    view.zoom_by(1.0 / view.zoom_level())
    _settle(app, 0.8, scene)
    patches.clear()
    centre = view.mapToScene(view.viewport().rect().center())
    system_map.add_stakeholder(
        Stakeholder("New one", x=centre.x() + 10, y=centre.y() - 40, sector="private")
    )
    _settle(app, scene=scene)
    shot = view.screen().grabWindow(view.winId()).toImage()
    scene.close()
    return shot.convertToFormat(QImage.Format.Format_RGB32), patches


def _pixels(image: QImage) -> np.ndarray:  # type: ignore[type-arg]
    """The image's colour channels as a height × width × 4 array of signed numbers."""
    data = np.frombuffer(image.constBits(), dtype=np.uint8, count=image.sizeInBytes())
    rows = data.reshape(image.height(), image.bytesPerLine())[:, : image.width() * 4]
    return rows.reshape(image.height(), image.width(), 4).astype(np.int16)


def test_an_edit_repaints_its_patches_as_the_whole_box_would(
    qtbot, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    patched, patches = _edited_picture(qtbot, edge_layer.MAX_PARTS, monkeypatch)
    assert patches
    assert all(count >= 2 for count in patches)  # the stakeholder, the legend
    whole, patches = _edited_picture(qtbot, 0, monkeypatch)
    assert patches
    assert not any(patches)
    assert patched.size() == whole.size()
    worst = int(np.abs(_pixels(patched) - _pixels(whole)).max())
    # Lines cut at another place round their antialiased edges a little differently.
    assert worst <= 3
