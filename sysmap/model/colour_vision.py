"""Measuring colours as WCAG and people with colour-vision deficiencies see them.

Contrast ratios follow WCAG 2.2 (relative luminance of sRGB). Colour blindness is simulated
with the matrices of Machado, Oliveira & Fernandes (2009, severity 1.0) applied in linear
RGB, and colour differences are CIE 1976 ΔE*ab in CIELAB (D65).
"""

from __future__ import annotations

import math
from functools import lru_cache

from sysmap.model.style import hex_to_rgb, rgb_to_hex

Matrix = tuple[tuple[float, float, float], ...]

DEFICIENCIES: dict[str, Matrix] = {
    "protanopia": (
        (0.152286, 1.052583, -0.204868),
        (0.114503, 0.786281, 0.099216),
        (-0.003882, -0.048116, 1.051998),
    ),
    "deuteranopia": (
        (0.367322, 0.860646, -0.227968),
        (0.280085, 0.672501, 0.047413),
        (-0.011820, 0.042940, 0.968881),
    ),
    "tritanopia": (
        (1.255528, -0.076749, -0.178779),
        (-0.078411, 0.930809, 0.147602),
        (0.004733, 0.691367, 0.303900),
    ),
}
"""Machado et al. (2009), full severity: linear RGB in, linear RGB out."""


def _linear(channel: int) -> float:
    s = channel / 255
    return s / 12.92 if s <= 0.04045 else ((s + 0.055) / 1.055) ** 2.4


def _gamma(value: float) -> int:
    v = min(1.0, max(0.0, value))
    s = v * 12.92 if v <= 0.0031308 else 1.055 * v ** (1 / 2.4) - 0.055
    return round(s * 255)


def relative_luminance(colour: str) -> float:
    """WCAG relative luminance of ``#RRGGBB``, from 0 (black) to 1 (white)."""
    r, g, b = (_linear(c) for c in hex_to_rgb(colour))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast_ratio(first: str, second: str) -> float:
    """WCAG contrast ratio of two colours, from 1 to 21.

    Examples
    --------
    >>> round(contrast_ratio("#000000", "#FFFFFF"), 1)
    21.0
    >>> round(contrast_ratio("#777777", "#FFFFFF"), 2)
    4.48
    """
    a, b = sorted((relative_luminance(first), relative_luminance(second)), reverse=True)
    return (a + 0.05) / (b + 0.05)


def blend(colour: str, alpha: float, background: str) -> str:
    """The colour seen when ``colour`` is painted at opacity ``alpha`` over ``background``.

    Examples
    --------
    >>> blend("#000000", 0.5, "#FFFFFF")
    '#808080'
    """
    top, bottom = hex_to_rgb(colour), hex_to_rgb(background)
    mixed = (round(t * alpha + b * (1 - alpha)) for t, b in zip(top, bottom, strict=True))
    return rgb_to_hex(*mixed)


def simulate(colour: str, deficiency: str) -> str:
    """``colour`` as someone with ``deficiency`` (a key of :data:`DEFICIENCIES`) sees it."""
    matrix = DEFICIENCIES[deficiency]
    linear = [_linear(c) for c in hex_to_rgb(colour)]
    seen = (sum(m * v for m, v in zip(row, linear, strict=True)) for row in matrix)
    return rgb_to_hex(*(_gamma(v) for v in seen))


def _lab(colour: str) -> tuple[float, float, float]:
    r, g, b = (_linear(c) for c in hex_to_rgb(colour))
    x = (0.4124 * r + 0.3576 * g + 0.1805 * b) / 0.95047
    y = 0.2126 * r + 0.7152 * g + 0.0722 * b
    z = (0.0193 * r + 0.1192 * g + 0.9505 * b) / 1.08883

    def f(t: float) -> float:
        return t ** (1 / 3) if t > 0.008856 else 7.787 * t + 16 / 116

    return 116 * f(y) - 16, 500 * (f(x) - f(y)), 200 * (f(y) - f(z))


def colour_difference(first: str, second: str) -> float:
    """CIE76 ΔE*ab between two colours: about 2.3 is just noticeable; 15 and more reads as a
    different colour at a glance.

    Examples
    --------
    >>> colour_difference("#0072B2", "#0072B2")
    0.0
    """
    return math.dist(_lab(first), _lab(second))


def closest_pair(colours: dict[str, str], deficiency: str | None = None) -> tuple[float, str, str]:
    """The two named colours least different (as seen with ``deficiency``, if given)."""
    seen = {k: simulate(c, deficiency) if deficiency else c for k, c in colours.items()}
    names = sorted(seen)
    return min(
        (colour_difference(seen[a], seen[b]), a, b)
        for i, a in enumerate(names)
        for b in names[i + 1 :]
    )


READABLE = 4.5
"""WCAG 2.2 AA contrast for body text: a label must reach this against its backing."""


@lru_cache(maxsize=512)  # painted for every faded stakeholder on every frame
def faded_label(fill: str, paper: str, ink: str, opacity: float) -> tuple[str, str]:
    """The face and the label colour of a stakeholder faded to ``opacity`` on ``paper``.

    The face is ``fill`` seen through ``opacity``; the label is the faintest mix of ``ink``
    (the paper's text colour) into the paper that still reads at :data:`READABLE` contrast on
    that face, so a faded stakeholder stays in the background yet its name can be read
    (white text faded with a dark-blue box left a blank pale box).

    Examples
    --------
    >>> face, text = faded_label("#0072B2", "#FFFFFF", "#1A1A1A", 0.18)
    >>> face, contrast_ratio(face, text) >= READABLE
    ('#D1E6F1', True)
    """
    face = blend(fill, opacity, paper)
    for step in range(40, 101, 4):
        text = blend(ink, step / 100, paper)
        if contrast_ratio(face, text) >= READABLE + 0.1:
            return face, text
    return face, ink


@lru_cache(maxsize=64)
def under_white_text(colour: str) -> str:
    """``colour``, darkened just enough for white text on it to read at :data:`READABLE`
    contrast (an overlay's tags: vermilion #D55E00 gave white text 3.8:1).

    Examples
    --------
    >>> under_white_text("#0072B2")
    '#0072B2'
    >>> contrast_ratio(under_white_text("#D55E00"), "#FFFFFF") >= READABLE
    True
    """
    r, g, b = hex_to_rgb(colour)
    shade = colour
    for step in range(20):
        if contrast_ratio(shade, "#FFFFFF") >= READABLE + 0.05:
            return shade
        factor = 0.95 ** (step + 1)
        shade = rgb_to_hex(round(r * factor), round(g * factor), round(b * factor))
    return shade
