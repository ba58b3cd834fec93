"""Contrast (WCAG 2.2 1.4.3, 1.4.11) and colour blindness (1.4.1), measured from the palettes.

Ratios are computed from the colours the app and the report actually use: the canvas's light and
dark themes, the widget palette and the stylesheet's rules, the report's CSS. Text needs 4.5:1,
outlines, rings, lines and toggle states 3:1.
"""

from __future__ import annotations

import re

import pytest
from PySide6.QtCore import QRectF
from PySide6.QtGui import QColor, QImage, QPainter, QPainterPath, QPalette
from PySide6.QtWidgets import QApplication, QLabel

from sysmap.canvas.theme import DARK, LIGHT, CanvasTheme, paint_not_set
from sysmap.gui.findings_view import SEVERITY_COLOURS
from sysmap.gui.resources import mute, readable_highlight, stylesheet
from sysmap.model.colour_vision import (
    DEFICIENCIES,
    blend,
    closest_pair,
    contrast_ratio,
    simulate,
)
from sysmap.model.style import STATUS_STYLES, text_colour_on
from sysmap.model.vocab import DEFAULT_SECTORS, UNKNOWN_COLOUR
from sysmap.report.style import CSS

pytestmark = pytest.mark.gui

TEXT, GRAPHIC = 4.5, 3.0
THEMES = {"light": LIGHT, "dark": DARK}
SECTOR_COLOURS = {t.label: t.colour for t in DEFAULT_SECTORS if t.colour}
OUTLINE_ALPHA = 0.85  # stakeholder_item paints its outline at this opacity


@pytest.mark.parametrize("name", THEMES)
def test_canvas_text_outline_ring_and_lines_contrast_in_both_themes(name: str) -> None:
    theme: CanvasTheme = THEMES[name]
    paper = theme.background
    assert contrast_ratio(theme.text, paper) >= TEXT
    assert contrast_ratio(theme.text, theme.panel) >= TEXT  # legend and line captions
    assert contrast_ratio(theme.muted, paper) >= TEXT
    outline = blend(theme.outline, OUTLINE_ALPHA, paper)
    assert contrast_ratio(outline, paper) >= GRAPHIC, f"{name} outline {outline} on {paper}"
    # The selection ring and the map's focus frame (the ring sits on a band of paper colour).
    assert contrast_ratio(theme.selection, paper) >= GRAPHIC
    for status, style in STATUS_STYLES.items():
        line = theme.line_style(style).colour
        assert contrast_ratio(line, paper) >= GRAPHIC, f"{name}: {status} line {line}"


def test_stakeholder_labels_read_on_every_sector_fill() -> None:
    for label, fill in {**SECTOR_COLOURS, "Not set": UNKNOWN_COLOUR}.items():
        assert contrast_ratio(text_colour_on(fill), fill) >= TEXT, label


@pytest.mark.parametrize("name", THEMES)
def test_finding_severity_marks_stand_out_in_both_themes(name: str) -> None:
    paper = THEMES[name].panel
    for severity, fill in SEVERITY_COLOURS.items():
        edge = "#1A1A1A"  # findings_view draws each shape with this edge
        best = max(contrast_ratio(fill, paper), contrast_ratio(edge, paper))
        assert best >= GRAPHIC, f"{severity} on {paper}"


def _palette_ratios(palette: QPalette) -> dict[str, float]:
    def c(role: QPalette.ColorRole) -> str:
        return palette.color(role).name()

    roles = QPalette.ColorRole
    label = QLabel()
    label.setPalette(palette)
    mute(label)
    muted = label.palette().color(roles.WindowText).name()
    return {
        "text on base": contrast_ratio(c(roles.Text), c(roles.Base)),
        "window text": contrast_ratio(c(roles.WindowText), c(roles.Window)),
        "muted text": contrast_ratio(muted, c(roles.Window)),
        "chosen text": contrast_ratio(c(roles.HighlightedText), c(roles.Highlight)),
        "toggle states": contrast_ratio(c(roles.Highlight), c(roles.Window)),
        "focus border": contrast_ratio(c(roles.Highlight), c(roles.Base)),
    }


def _dark_palette() -> QPalette:
    """A dark desktop palette (Breeze Dark's colours), as a dark system would give sysmap."""
    palette = QPalette()
    roles = QPalette.ColorRole
    for role, colour in (
        (roles.Window, "#202326"),
        (roles.WindowText, "#FCFCFC"),
        (roles.Base, "#141618"),
        (roles.Text, "#FCFCFC"),
        (roles.Button, "#292C30"),
        (roles.ButtonText, "#FCFCFC"),
        (roles.Highlight, "#3DAEE9"),
        (roles.HighlightedText, "#0E1012"),
    ):
        palette.setColor(role, QColor(colour))
    return palette


def test_widget_palette_text_toggle_and_focus_contrast_light_and_dark(qapp) -> None:  # type: ignore[no-untyped-def]
    from sysmap.gui.app import application

    application()
    dark = readable_highlight(_dark_palette())  # what application() does to any palette
    for name, palette in (("light", QApplication.palette()), ("dark", dark)):
        ratios = _palette_ratios(palette)
        for what, ratio in ratios.items():
            need = GRAPHIC if what in ("toggle states", "focus border") else TEXT
            assert ratio >= need, f"{name}: {what} {ratio:.2f}:1"
    # The stylesheet fills the chosen toggle and draws focus borders with those roles.
    qss = stylesheet()
    assert re.search(r"#ScenarioToggle:checked\s*{[^}]*background: palette\(highlight\)", qss)
    assert re.search(r"\[flat=\"true\"\]:focus\s*{[^}]*border: 2px solid palette\(highlight\)", qss)


def _css_rules(css: str) -> list[tuple[str, dict[str, str]]]:
    rules = []
    for selector, body in re.findall(r"([^{}@]+)\{([^{}]*)\}", css):
        props = dict(re.findall(r"([\w-]+)\s*:\s*([^;]+);?", body))
        rules.append((selector.strip(), {k: v.strip() for k, v in props.items()}))
    return rules


def _hex(value: str) -> str | None:
    match = re.search(r"#([0-9a-fA-F]{6}|[0-9a-fA-F]{3})\b", value)
    if match is None:
        return None
    digits = match.group(1)
    return "#" + (digits if len(digits) == 6 else "".join(d * 2 for d in digits))


def test_report_text_and_focus_outlines_contrast() -> None:
    checked = 0
    page = "#ffffff"
    for selector, props in _css_rules(CSS):
        colour = _hex(props.get("color", ""))
        back = _hex(props.get("background", "")) or page
        if colour is not None:
            assert contrast_ratio(colour, back) >= TEXT, f"{selector}: {colour} on {back}"
            checked += 1
        outline = _hex(props.get("outline", ""))
        if outline is not None:
            assert contrast_ratio(outline, page) >= GRAPHIC, selector
            checked += 1
        if ".severity" in selector and colour is None and back != page:
            assert contrast_ratio("#ffffff", back) >= TEXT, selector  # white words on it
            checked += 1
    assert checked >= 15


@pytest.mark.parametrize("deficiency", [None, *DEFICIENCIES])
def test_sector_palette_stays_apart_for_colour_blind_readers(deficiency: str | None) -> None:
    difference, first, second = closest_pair(SECTOR_COLOURS, deficiency)
    assert difference >= 15, f"{deficiency}: {first} and {second} differ by ΔE {difference:.1f}"


def test_not_set_is_hatched_not_grey_alone(qapp) -> None:  # type: ignore[no-untyped-def]
    # Grey "Not set" comes within ΔE 8 of Citizens' pink for deuteranopes: it wears a hatch.
    assert (
        min(
            closest_pair({"Not set": UNKNOWN_COLOUR, k: v}, "deuteranopia")[0]
            for k, v in SECTOR_COLOURS.items()
        )
        < 15
    )
    image = QImage(40, 40, QImage.Format.Format_RGB32)
    image.fill(QColor(UNKNOWN_COLOUR))
    painter = QPainter(image)
    path = QPainterPath()
    path.addRect(QRectF(0, 0, 40, 40))
    paint_not_set(painter, path)
    painter.end()
    colours = {image.pixelColor(x, y).name() for x in range(40) for y in range(40)}
    assert len(colours) > 1
    lighter = [c for c in colours if QColor(c).lightness() > QColor(UNKNOWN_COLOUR).lightness()]
    assert lighter, "the hatch lines"
    line = max(lighter, key=lambda c: QColor(c).lightness())
    for deficiency in DEFICIENCIES:  # the hatch shows whatever the reader's colour vision
        assert (
            contrast_ratio(simulate(line, deficiency), simulate(UNKNOWN_COLOUR, deficiency)) > 1.5
        )
