"""A big sysmap file's first picture is painted before its map exists, and the map replaces it.

Opened over the start page, a file read in the child process sends the columns of its first
picture as soon as it is parsed (:mod:`sysmap.io.map_preview`); the window paints them while
the child builds and checks the map. Until the map arrives nothing can be selected or edited.
What is checked: the order (a frame of the picture with no document and no item), that the
map which arrives is the one read directly (content and order) and draws the same records,
and that a file refused after its picture, or a Cancel, goes back to the start page. Nothing
is timed (the budget is ``tests/benchmarks/test_gui_bench.py``). The child-process threshold
is lowered so a 300-stakeholder file (1.3 MB, streamed as big files are) takes that path.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest
from pytestqt.qtbot import QtBot

from sysmap.canvas.stakeholder_item import StakeholderItem
from sysmap.gui.main_window import MainWindow
from sysmap.io import save_map
from sysmap.io.graphml_read import STREAM_FROM, read_graphml
from sysmap.io.map_preview import MapPreview
from sysmap.model import SystemMap
from sysmap.model.synthetic import synthetic_map
from tests.gui.helpers import when_modal
from tests.gui.screen_compare import screen_pixels

LOCKED = ("file.save", "file.save_as", "edit.add", "edit.select_all", "edit.paste", "edit.undo")
"""Actions that would read or change the map: off while only its picture is shown."""


@pytest.fixture
def regional(tmp_path: Path) -> Path:
    path = tmp_path / "regional.graphml"
    save_map(synthetic_map(300, seed=5), path)
    assert path.stat().st_size >= STREAM_FROM
    return path


@pytest.fixture
def seen(window: MainWindow, monkeypatch: pytest.MonkeyPatch) -> list[dict[str, Any]]:
    """What the window looked like each time it showed a preview (painted on the spot)."""
    monkeypatch.setattr(window.files, "PROCESS_BYTES", 1)  # every file is read in the child
    window.resize(1600, 1000)
    window.analysis.runner.set_active(False)
    shown: list[dict[str, Any]] = []
    show = window.show_preview

    def show_preview(preview: MapPreview) -> bool:
        answer = show(preview)
        window.view.viewport().repaint()  # a real frame, through the view's paintEvent
        scene, sketch = window.scene, window.scene.items_model.overview.sketch
        shown.append(
            {
                "shown": answer,
                "document": window.document,
                "previewing": scene.previewing,
                "items": sum(isinstance(i, StakeholderItem) for i in scene.items()),
                "interactive": window.view.isInteractive(),
                "enabled": [name for name in LOCKED if window.action(name).isEnabled()],
                "page": window.pages.currentIndex(),
                "scale": window.view.transform().m11(),
                "rect": window.scene.map_rect(),
                "pixels": screen_pixels(window.view),
                "records": (list(sketch.node_records()), list(sketch.edge_records())),
            }
        )
        return answer

    monkeypatch.setattr(window, "show_preview", show_preview)
    return shown


def assert_same_map(opened: SystemMap, read: SystemMap) -> None:
    """The same map, field for field, and in the same order throughout."""
    assert opened == read
    assert list(opened.stakeholder_rows()) == list(read.stakeholder_rows())
    assert [(*r[:3], dict(r[3])) for r in opened.relationship_rows()] == [
        (*r[:3], dict(r[3])) for r in read.relationship_rows()
    ]
    assert list(opened.network().edges(keys=True)) == list(read.network().edges(keys=True))
    assert opened.attribute_types == read.attribute_types
    assert opened.title == read.title


def test_the_picture_comes_first_then_the_map_read_as_directly(
    window: MainWindow, qtbot: QtBot, regional: Path, seen: list[dict[str, Any]]
) -> None:
    assert window.files.open_path(regional, wait=False)
    qtbot.waitUntil(lambda: window.document is not None, timeout=60000)
    qtbot.waitUntil(lambda: not window.scene.building, timeout=60000)
    # The picture was painted over the start page, before the map existed: no document,
    # no item, nothing to click, no action that reads or edits the map.
    assert len(seen) == 1
    first = seen[0]
    assert first["shown"]
    assert first["previewing"]
    assert first["document"] is None
    assert first["items"] == 0
    assert not first["interactive"]
    assert first["enabled"] == []
    assert first["page"] == 1
    pixels = first["pixels"]
    paper = pixels[pixels.shape[0] - 20, 20, :3].astype(int)
    drawn = np.abs(pixels[..., :3].astype(int) - paper).max(axis=2) > 40
    assert drawn[drawn.shape[0] // 2 :, : drawn.shape[1] // 2].mean() > 0.03  # the map
    # The map that replaced it is the map read directly, and draws the very same records.
    assert_same_map(window.document.map, read_graphml(regional).map)  # type: ignore[union-attr]
    sketch = window.scene.items_model.overview.sketch
    assert (list(sketch.node_records()), list(sketch.edge_records())) == first["records"]
    assert not window.scene.previewing
    # Fitted alike: the panels the map has were up around its picture, nothing jumps.
    assert window.scene.map_rect() == first["rect"]
    assert window.view.transform().m11() == pytest.approx(first["scale"])
    assert window.view.isInteractive()
    assert window.action("edit.add").isEnabled()
    assert window.action("file.save_as").isEnabled()


def test_a_file_refused_after_its_picture_goes_back_to_the_start_page(
    window: MainWindow, qtbot: QtBot, regional: Path, tmp_path: Path, seen: list[dict[str, Any]]
) -> None:
    # A relationship with an empty status: the picture is made (its line is drawn as any
    # other); building the map refuses it, with the reader's sentence naming the file.
    text = regional.read_text(encoding="utf-8")
    empty = tmp_path / "empty.graphml"
    active = '<data key="status">active</data>'
    assert active in text
    empty.write_text(text.replace(active, '<data key="status"></data>', 1), encoding="utf-8")
    messages: list[str] = []

    def read_dialog(dialog: Any) -> None:
        messages.append(dialog.text() + " " + dialog.informativeText())
        dialog.accept()

    when_modal(read_dialog, 60000)
    assert window.files.open_path(empty, wait=False)
    qtbot.waitUntil(lambda: bool(messages) and window.files.loading is None, timeout=60000)
    assert len(seen) == 1
    assert seen[0]["shown"]
    assert "empty.graphml" in messages[0]
    assert "status" in messages[0]
    assert window.document is None
    assert not window.scene.previewing
    assert window.pages.currentIndex() == 0  # the start page again
    # Cancel once the picture is up: the reading stops and the start page comes back.
    show = window.show_preview

    def cancel_on_sight(preview: MapPreview) -> bool:
        answer = show(preview)
        window.progress.cancel()
        return answer

    window.show_preview = cancel_on_sight  # type: ignore[method-assign]
    assert window.files.open_path(regional, wait=False)
    qtbot.waitUntil(lambda: window.files.loading is None, timeout=60000)
    assert len(seen) == 2
    assert window.document is None
    assert not window.scene.previewing
    assert window.pages.currentIndex() == 0


def test_the_open_dialog_starts_the_reading_process_while_the_user_chooses(
    window: MainWindow,
    qtbot: QtBot,
    regional: Path,
    seen: list[dict[str, Any]],
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    import multiprocessing

    from sysmap.gui import dialogs

    spawn = multiprocessing.get_context("spawn").Process
    started: list[Any] = []
    start = spawn.start

    def noted(process: Any) -> None:
        started.append(process)
        start(process)

    monkeypatch.setattr(spawn, "start", noted)
    chosen: list[Path | None] = [None, regional]
    alive_while_choosing: list[bool] = []

    def choose(parent: Any, folder: Path) -> Path | None:
        alive_while_choosing.append(len(started) == 1 and started[-1].is_alive())
        return chosen.pop(0)

    monkeypatch.setattr(dialogs, "ask_open_path", choose)
    # Cancelled in the dialog: the process started for it ends, unused.
    window.files.open_dialog()
    assert alive_while_choosing == [True]
    qtbot.waitUntil(lambda: not started[0].is_alive(), timeout=10000)
    assert window.document is None
    # Chosen: the file is read in the process started as the dialog showed, no other.
    started.clear()
    window.files.open_dialog()
    assert alive_while_choosing == [True, True]
    assert window.document is not None
    assert [process.name for process in started] == ["sysmap-open"]
    assert len(seen) == 1
    assert_same_map(window.document.map, read_graphml(regional).map)
