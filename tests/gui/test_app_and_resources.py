"""Starting the app, its start page, thumbnails, icons and stylesheet."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from PySide6.QtCore import QSize
from PySide6.QtGui import QImage
from PySide6.QtWidgets import QApplication
from pytestqt.qtbot import QtBot

from sysmap.gui import app as gui_app
from sysmap.gui.resources import icon, icon_path, resources_dir, stylesheet
from sysmap.io import EXAMPLES, find_example

GUI = Path(gui_app.__file__).parent


def _close_all() -> None:
    for window in gui_app.windows():
        if window.document is not None:
            window.document.undo_stack.setClean()
        window.close()
    QApplication.processEvents()


def test_run_app_opens_an_example_by_name(qtbot: QtBot) -> None:
    example = next((e for e in EXAMPLES if e.path.exists()), None)
    if example is None:
        pytest.skip("no example map has been built yet")
    try:
        assert gui_app.run_app(example.name) == 0  # SYSMAP_TESTING: returns without exec()
        (window,) = gui_app.windows()
        assert window.document is not None
        assert window.document.path is None  # an untitled copy: Save never writes into sysmap
        assert window.document.source == example.path
        assert window.windowTitle().endswith("— not saved yet[*]")
    finally:
        _close_all()


def test_main_with_no_map_shows_the_start_page(qtbot: QtBot) -> None:
    try:
        assert gui_app.main([]) == 0
        (window,) = gui_app.windows()
        assert window.pages.currentWidget() is window.start_page
        assert QApplication.instance().styleSheet() == stylesheet()
    finally:
        _close_all()


def test_main_with_a_file(qtbot: QtBot, saved_map: Path) -> None:
    try:
        assert gui_app.main([str(saved_map)]) == 0
        (window,) = gui_app.windows()
        assert window.document is not None
        assert window.document.path == saved_map
    finally:
        _close_all()


def test_a_first_window_on_a_laptop_screen_opens_maximised(qtbot: QtBot) -> None:
    try:
        window = gui_app.open_window()
        free = window.screen().availableGeometry().size()
        assert free.width() < gui_app.LAPTOP_SCREEN.width()  # the offscreen screen is small
        assert window.isMaximized()
    finally:
        _close_all()


def test_a_first_window_on_a_large_screen_takes_nine_tenths(qtbot: QtBot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(gui_app, "LAPTOP_SCREEN", QSize(100, 100))
    try:
        window = gui_app.open_window()
        free = window.screen().availableGeometry().size()
        assert not window.isMaximized()
        assert window.size() == QSize(round(free.width() * 0.9), round(free.height() * 0.9))
    finally:
        _close_all()


def test_the_size_a_window_was_left_at_is_kept(qtbot: QtBot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setattr(gui_app, "LAPTOP_SCREEN", QSize(100, 100))
    try:
        first = gui_app.open_window()
        first.resize(640, 480)
        first.close()  # remembers its size
        monkeypatch.setattr(gui_app, "LAPTOP_SCREEN", QSize(1600, 1000))  # a laptop again
        again = gui_app.open_window()
        assert not again.isMaximized()
        assert again.width() == 640  # (the offscreen platform's frame adds to the height)
    finally:
        _close_all()


def test_thumbnails_are_drawn_once_and_cached(window, qtbot: QtBot, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    from sysmap.gui import thumbnails
    from sysmap.gui.start_page import StartPage

    example = next((e for e in EXAMPLES if e.path.exists()), None)
    if example is None:
        pytest.skip("no example map has been built yet")
    path = thumbnails.make_thumbnail(example)
    assert path is not None
    image = QImage(str(path))
    assert image.width() == thumbnails.THUMBNAIL_WIDTH
    assert image.height() == round(thumbnails.THUMBNAIL_WIDTH * thumbnails.THUMBNAIL_ASPECT)
    colours = {image.pixelColor(x, y).name() for x in range(0, 360, 7) for y in range(0, 216, 7)}
    assert len(colours) > 5  # a map was drawn, not a blank card
    stamp = path.stat().st_mtime_ns
    assert thumbnails.make_thumbnail(example) == path
    assert path.stat().st_mtime_ns == stamp  # reused, not redrawn
    monkeypatch.setattr(StartPage, "draw_thumbnails", True)
    page = StartPage()
    qtbot.addWidget(page)
    page.show()
    qtbot.waitUntil(lambda: not page._pending, timeout=20000)
    card = page.example_buttons[example.name]
    assert card.picture.pixmap().width() > 64


def test_start_page_cards_say_what_each_example_is(window) -> None:  # type: ignore[no-untyped-def]
    page = window.start_page
    assert list(page.example_buttons) == [e.name for e in EXAMPLES]
    card = page.example_buttons["reoffending"]
    assert card.title.text() == "Reducing reoffending"
    assert card.accessibleName() == "Open the example: Reducing reoffending"
    assert find_example("reoffending") is not None


def test_every_icon_the_app_uses_exists() -> None:
    used = set()
    for source in GUI.rglob("*.py"):
        text = source.read_text(encoding="utf-8")
        used |= set(re.findall(r'icon_name="([a-z-]+)"', text))
        used |= set(re.findall(r'\bicon\("([a-z-]+)"\)', text))
    used |= {"layout-force", "layout-sector", "layout-place", "layout-circular"}
    used |= {"layout-citizen", "layout-grid", "sysmap"}
    missing = sorted(name for name in used if not icon_path(name).is_file())
    assert not missing
    assert not icon("stakeholder").isNull()


def test_icons_are_line_drawings_in_the_text_colour() -> None:
    for path in (resources_dir() / "icons").glob("*.svg"):
        if path.stem == "sysmap":
            continue  # the app's own logo keeps its colours
        text = path.read_text(encoding="utf-8")
        assert 'stroke="currentColor"' in text, path.name
        assert not re.search(r"#[0-9A-Fa-f]{3,6}", text), path.name


def test_stylesheet_follows_the_palette() -> None:
    qss = stylesheet()
    assert "palette(" in qss
    # Only one fixed colour is allowed: the Okabe–Ito vermillion for "not found".
    fixed = set(re.findall(r"#[0-9A-Fa-f]{6}\b", qss))
    assert fixed <= {"#D55E00"}
    assert not re.search(r"\b(white|black)\b", qss)


def test_resources_ship_in_the_wheel() -> None:
    import tomllib

    config = tomllib.loads((GUI.parent.parent / "pyproject.toml").read_text(encoding="utf-8"))
    globs = config["tool"]["setuptools"]["package-data"]["sysmap.resources"]
    assert "icons/*.svg" in globs
    assert "*.qss" in globs
