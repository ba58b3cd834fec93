"""The look of a chart: paper, ink and accent colours for light and dark, and label helpers.

Charts are matplotlib :class:`~matplotlib.figure.Figure` objects made without pyplot, so no
global backend is chosen: the report renders them with Agg, the app embeds them in Qt.
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass
from typing import TYPE_CHECKING

from sysmap.model.style import DARK_PAPER, LIGHT_PAPER

if TYPE_CHECKING:
    from matplotlib.axes import Axes
    from matplotlib.figure import Figure


@dataclass(frozen=True)
class ChartStyle:
    """Colours and type of a chart.

    Parameters
    ----------
    background : str
        Paper colour.
    text : str
        Titles, labels and tick labels.
    muted : str
        Grid lines, axes and secondary notes.
    band : str
        The random-mixing range behind E-I values.
    observed, silo, expected : str
        Markers: an E-I value, a silo's E-I, what random mixing gives.
    dark : bool
        Whether the paper is dark (heatmap text picks its colour by cell instead).
    font_size : float
        Base font size in points.
    """

    background: str = LIGHT_PAPER.background
    text: str = LIGHT_PAPER.text
    muted: str = LIGHT_PAPER.muted
    band: str = "#D9D9D9"
    observed: str = "#0072B2"
    silo: str = "#D55E00"
    expected: str = LIGHT_PAPER.text
    dark: bool = False
    font_size: float = 9.5


LIGHT = ChartStyle()
DARK = ChartStyle(
    background=DARK_PAPER.background,
    text=DARK_PAPER.text,
    muted=DARK_PAPER.muted,
    band="#4A4D52",
    observed="#56B4E9",
    silo="#E69F00",
    expected=DARK_PAPER.text,
    dark=True,
)


def new_figure(style: ChartStyle, width: float, height: float) -> Figure:
    """An empty figure on the style's paper, ``width`` × ``height`` inches."""
    from matplotlib.figure import Figure  # matplotlib is loaded when a chart is first drawn

    return Figure(figsize=(width, height), facecolor=style.background, layout="constrained")


def dress(axes: Axes, style: ChartStyle, title: str) -> None:
    """Colour an axes' frame, ticks and title for the style."""
    axes.set_facecolor(style.background)
    axes.set_title(title, color=style.text, fontsize=style.font_size + 1.5, loc="left", pad=10)
    axes.tick_params(colors=style.text, labelsize=style.font_size, length=3)
    for spine in axes.spines.values():
        spine.set_color(style.muted)
    axes.xaxis.label.set_color(style.text)
    axes.yaxis.label.set_color(style.text)
    axes.xaxis.label.set_fontsize(style.font_size)
    axes.yaxis.label.set_fontsize(style.font_size)


def wrap(label: str, width: int = 22, lines: int = 3) -> str:
    """Break a long group or stakeholder name over lines so axis labels stay readable.

    At most ``lines`` lines, the last cut with an ellipsis: a name from a file can be
    thousands of characters, and a tick label that tall leaves the chart no room at all.

    Examples
    --------
    >>> wrap("Probation Service – Greater Manchester", 20)
    'Probation Service –\\nGreater Manchester'
    >>> wrap("word " * 40, 10, lines=2)
    'word word\\nword word…'
    """
    return "\n".join(textwrap.wrap(label, width, max_lines=lines, placeholder="…")) or label[:width]


def shorten(label: str, limit: int = 42) -> str:
    """Cut a very long name with an ellipsis.

    Examples
    --------
    >>> shorten("A" * 50, 10)
    'AAAAAAAAA…'
    """
    return label if len(label) <= limit else label[: limit - 1].rstrip() + "…"
