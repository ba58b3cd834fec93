"""The start page fits a 1366×768 laptop screen without scrolling, all of it shown."""

from __future__ import annotations

import pytest
from PySide6.QtWidgets import QLabel, QScrollArea

from tests.gui.test_laptop_screen import LAPTOP


@pytest.mark.parametrize(
    "size",
    [(1366, 768), LAPTOP, (1229, 691)],  # the whole screen, maximised, a first start's 90 %
)
def test_start_page_needs_no_scroll_bar_on_a_laptop(window, qtbot, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    window.resize(*size)
    height = size[1]
    page = window.start_page
    assert window.pages.currentWidget() is page
    scroll = page.findChild(QScrollArea)
    qtbot.waitUntil(lambda: page.height() > 0 and window.height() == height)
    qtbot.wait(20)  # the scroll area lays out after the resize
    bar = scroll.verticalScrollBar()
    assert bar.maximum() == 0, (bar.maximum(), scroll.viewport().height())
    # Nothing was hidden to make it fit: every card's picture, title and line is on show.
    for card in page.example_buttons.values():
        assert card.isVisible()
        assert card.picture.height() >= 120
        for label in card.findChildren(QLabel):
            assert label.isVisible()
