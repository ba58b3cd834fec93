"""Colours and looks without a toolkit: published colour science and the drawing rules.

These modules were tested only through the GUI and the canvas; mutation testing of ``model``
with its own tests (README, "Tests that catch what breaks") found every change to them unseen.
Values are published ones (WCAG, CIELAB of the sRGB primaries) or worked by hand from the
formula in the module's docstring.
"""

from __future__ import annotations

import pytest

from sysmap.model.colour_vision import (
    DEFICIENCIES,
    blend,
    closest_pair,
    colour_difference,
    contrast_ratio,
    relative_luminance,
    simulate,
)
from sysmap.model.style import (
    DEFAULT_SHAPE,
    estimate_box,
    fill_colour,
    hex_to_rgb,
    line_style,
    rgb_to_hex,
    shape_for,
    text_colour_on,
    wrap_label,
)
from sysmap.model.vocab import UNKNOWN_COLOUR, Term, Vocabulary


def test_wcag_luminance_and_contrast() -> None:
    assert relative_luminance("#FFFFFF") == pytest.approx(1.0)
    assert relative_luminance("#000000") == 0.0
    # Pure primaries give the sRGB luminance weights.
    assert relative_luminance("#FF0000") == pytest.approx(0.2126)
    assert relative_luminance("#00FF00") == pytest.approx(0.7152)
    assert relative_luminance("#0000FF") == pytest.approx(0.0722)
    # #777777 on white is WCAG's classic near miss (4.48, just under AA's 4.5), either order.
    assert contrast_ratio("#777777", "#FFFFFF") == pytest.approx(4.478, abs=1e-3)
    assert contrast_ratio("#FFFFFF", "#777777") == pytest.approx(4.478, abs=1e-3)
    assert contrast_ratio("#000000", "#FFFFFF") == pytest.approx(21.0)
    # A dark channel uses the straight part of the curve: 10/255/12.92.
    assert relative_luminance("#0A0A0A") == pytest.approx(10 / 255 / 12.92)


def test_cielab_of_the_srgb_primaries_matches_published_values() -> None:
    # ΔE from black is the length of the Lab vector: red is (53.24, 80.09, 67.20),
    # blue (32.30, 79.19, −107.86), white (100, 0, 0) in D65 (Lindbloom's tables).
    assert colour_difference("#FF0000", "#000000") == pytest.approx(
        (53.24**2 + 80.09**2 + 67.20**2) ** 0.5, abs=0.05
    )
    assert colour_difference("#0000FF", "#000000") == pytest.approx(
        (32.30**2 + 79.19**2 + 107.86**2) ** 0.5, abs=0.05
    )
    assert colour_difference("#FFFFFF", "#000000") == pytest.approx(100.0, abs=0.01)
    # Red against white: (53.24 − 100, 80.09, 67.20).
    assert colour_difference("#FF0000", "#FFFFFF") == pytest.approx(
        (46.76**2 + 80.09**2 + 67.20**2) ** 0.5, abs=0.05
    )
    # A very dark grey uses the straight part of f: L* = 903.3·Y.
    y = 10 / 255 / 12.92
    assert colour_difference("#0A0A0A", "#000000") == pytest.approx(903.3 * y, abs=0.01)


@pytest.mark.parametrize("deficiency", sorted(DEFICIENCIES))
def test_colour_blindness_keeps_greys_black_and_white(deficiency: str) -> None:
    # Each row of Machado's matrices sums to 1, so a grey is seen as itself.
    for grey in ("#000000", "#404040", "#808080", "#C0C0C0", "#FFFFFF"):
        assert simulate(grey, deficiency) == grey


def test_colour_blindness_of_pure_red_by_hand() -> None:
    # Linear red (1, 0, 0) picks the first column of each matrix; sRGB-encode and clip:
    # protanopia (0.152286, 0.114503, −0.003882) → (109, 95, 0).
    assert simulate("#FF0000", "protanopia") == "#6D5F00"
    # deuteranopia (0.367322, 0.280085, −0.011820) → (163, 144, 0).
    assert simulate("#FF0000", "deuteranopia") == "#A39000"
    # tritanopia (1.255528, −0.078411, 0.004733) → (255, 0, 15), red clipped at 255.
    assert simulate("#FF0000", "tritanopia") == "#FF000F"
    # A dark channel stays on the straight part: 12.92 · 0.0722 · 0.0001 ≈ 0.
    assert simulate("#010101", "protanopia") == "#010101"


def test_blend_and_the_closest_pair() -> None:
    assert blend("#000000", 0.5, "#FFFFFF") == "#808080"
    assert blend("#FF0000", 1.0, "#0000FF") == "#FF0000"
    assert blend("#FF0000", 0.0, "#0000FF") == "#0000FF"
    assert blend("#FF0000", 0.25, "#0000FF") == "#4000BF"
    colours = {"black": "#000000", "white": "#FFFFFF", "near black": "#0A0A0A"}
    difference, first, second = closest_pair(colours)
    assert (first, second) == ("black", "near black")
    assert difference == pytest.approx(colour_difference("#000000", "#0A0A0A"))
    # Red and green look alike to someone with deuteranopia, not to everyone else.
    pair = {"red": "#D55E00", "green": "#009E73", "blue": "#0072B2"}
    assert closest_pair(pair)[1:] == ("blue", "green")
    difference, first, second = closest_pair(pair, "deuteranopia")
    assert (first, second) == ("green", "red")
    seen = (simulate(pair[k], "deuteranopia") for k in ("green", "red"))
    assert difference == pytest.approx(colour_difference(*seen))
    assert difference < closest_pair(pair)[0]


def test_shapes_lines_and_fills() -> None:
    assert shape_for("organisation") == "roundrectangle"
    assert shape_for("individual") == "ellipse"
    assert shape_for(None) == DEFAULT_SHAPE == "rectangle"
    assert shape_for("spaceship") == "rectangle"
    assert line_style("missing").pattern == "dashed"
    assert line_style("proposed").pattern == "dashdot"
    assert line_style(None) == line_style("active") == line_style("unheard-of")
    assert (line_style("active").colour, line_style("active").width) == ("#5A5A5A", 1.6)
    sectors = Vocabulary("sector", (Term("health", "Health", "#112233"), Term("none", "None")))
    assert fill_colour({"colour": "#ABCDEF", "sector": "health"}, sectors) == "#ABCDEF"
    assert fill_colour({"sector": "health"}, sectors) == "#112233"
    assert fill_colour({"sector": "none"}, sectors) == UNKNOWN_COLOUR
    assert fill_colour({"sector": "unknown"}, sectors) == UNKNOWN_COLOUR
    assert fill_colour({}, sectors) == UNKNOWN_COLOUR


def test_hex_and_text_colour() -> None:
    assert hex_to_rgb("#0A141E") == (10, 20, 30)
    assert hex_to_rgb("0A141E") == (10, 20, 30)
    assert rgb_to_hex(10, 20, 30) == "#0A141E"
    assert rgb_to_hex(-5, 300, 255) == "#00FFFF"  # clamped to 0–255
    # Black text from a luminance of 0.179 up: #767676 is 0.181, #757575 is 0.178.
    assert text_colour_on("#767676") == "#000000"
    assert text_colour_on("#757575") == "#FFFFFF"
    assert text_colour_on("#FFFF00") == "#000000"
    assert text_colour_on("#000080") == "#FFFFFF"


def test_labels_wrap_within_eighteen_characters_and_three_lines() -> None:
    assert wrap_label("") == [""]
    assert wrap_label("x" * 18) == ["x" * 18]
    assert wrap_label("abc " + "x" * 14) == ["abc " + "x" * 14]
    assert wrap_label("abc " + "x" * 15) == ["abc", "x" * 15]
    assert wrap_label("a" * 40) == ["a" * 18, "a" * 18, "a" * 4]
    assert wrap_label("aaaa-" + "b" * 28) == ["aaaa-", "b" * 18, "b" * 10]
    assert wrap_label("ab " + "c" * 20) == ["ab", "c" * 18, "cc"]
    assert wrap_label("ab cccc-" + "d" * 16) == ["ab cccc-", "d" * 16]
    assert wrap_label("one two three four five six seven eight nine ten eleven twelve") == [
        "one two three four",
        "five six seven",
        "eight nine ten…",
    ]
    assert wrap_label("aaaa bbbb", width=4) == ["aaaa", "bbbb"]
    assert wrap_label("aaaa bbbb cccc", width=4, max_lines=2) == ["aaaa", "bbb…"]


def test_box_sizes_from_the_wrapped_label() -> None:
    # Width: 7 px a character plus 10 px padding each side, at least 90; 15 px a line + 20.
    assert estimate_box("GMCA") == (90.0, 35.0)
    assert estimate_box("x" * 18) == (18 * 7 + 20, 35.0)
    assert estimate_box("x" * 11) == (97.0, 35.0)
    assert estimate_box("Probation Service – Greater Manchester") == (139.0, 65.0)
