"""On a 1366×768 laptop screen: the examples open readable, with the title and legend whole.

The window is given the room a maximised window has on such a screen (the desktop's panel
and the title bar take about 60 px), with the panels that open by default.
"""

from __future__ import annotations

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QFontMetricsF
from pytestqt.qtbot import QtBot

from sysmap.canvas.legend_place import title_size
from sysmap.canvas.theme import TITLE_PIXEL_SIZE, canvas_font
from sysmap.gui.main_window import MainWindow
from sysmap.io import EXAMPLES

LAPTOP = (1366, 708)
"""A maximised window's size on a 1366×768 screen."""
NAMES = [example.name for example in EXAMPLES]


def open_on_laptop(window: MainWindow, qtbot: QtBot, name: str) -> None:
    window.resize(*LAPTOP)
    window.files.open_example(name)
    qtbot.waitUntil(lambda: window.document is not None, timeout=30_000)
    qtbot.wait(50)  # the fit after the window settles
    window.view.fit_map()


def named(window: MainWindow) -> dict[str, str]:
    """Each stakeholder's id and the name the canvas writes for it (tag or label)."""
    view, scene = window.view, window.scene
    if view.level_of_detail() == "full":
        return {
            i: " ".join(item.label_lines()) for i, item in scene.items_model.stakeholders.items()
        }
    found: dict[str, str] = {}
    for tag in view.name_tags():
        for node_id, item in scene.items_model.stakeholders.items():
            box = QRectF(view.mapFromScene(item.sceneBoundingRect()).boundingRect())
            near = tag.rect.intersects(box.adjusted(-4, -4, 4, 4)) and node_id not in found
            if near and _names(tag.text, item.label, item.short_name):
                found[node_id] = tag.text
                break
    return found


def _names(text: str, label: str, short: str) -> bool:
    """Whether a tag's text is the stakeholder's whole name (on one or two lines) or short name."""
    flat = " ".join(text.split())
    return flat == " ".join(label.split()) or (bool(short) and flat == short)


@pytest.mark.parametrize("name", NAMES)
def test_every_stakeholder_is_named_at_the_opening_fit(window, qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    open_on_laptop(window, qtbot, name)
    found = named(window)
    items = window.scene.items_model.stakeholders
    missing = sorted(items[i].label for i in items if i not in found)
    assert not missing, f"{len(missing)} of {len(items)} unnamed: {missing}"
    for text in found.values():
        assert "…" not in text  # a whole name or a deliberate short one, never cut short


@pytest.mark.parametrize("name", NAMES)
def test_title_and_legend_are_whole_and_clear_of_stakeholders(window, qtbot, name: str) -> None:  # type: ignore[no-untyped-def]
    open_on_laptop(window, qtbot, name)
    view = window.view
    viewport = QRectF(view.viewport().rect())
    legend, title = view._legend_box(), view._title_box()
    assert viewport.contains(legend)
    assert viewport.contains(title)
    assert not legend.intersects(title)
    text = window.document.map.title
    size = view.title_pixel_size()
    width = QFontMetricsF(canvas_font(size, bold=True)).horizontalAdvance(text)
    assert width <= title.width()  # the whole title, not "Tees Val…"
    assert size == title_size(text, title.width(), TITLE_PIXEL_SIZE) >= 16
    for node_id, item in window.scene.items_model.stakeholders.items():
        shown = QRectF(view.mapFromScene(item.sceneBoundingRect()).boundingRect())
        assert not shown.intersects(legend), node_id
        assert not shown.intersects(title), node_id


def test_hovering_a_named_stakeholder_adds_no_second_name_over_its_tag(window, qtbot) -> None:  # type: ignore[no-untyped-def]
    open_on_laptop(window, qtbot, "reoffending")
    view, scene = window.view, window.scene
    tagged = {tag.ident for tag in view.name_tags()}
    item = scene.items_model.stakeholders["jobcentre"]
    assert "jobcentre" in tagged
    at = view.mapFromScene(item.sceneBoundingRect().center())
    qtbot.mouseMove(view.viewport(), at)
    qtbot.waitUntil(lambda: scene.state.hovered == "jobcentre")
    assert not scene._callout.isVisible()  # its tag names it already
