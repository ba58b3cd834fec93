"""A heatmap's labels, fitted to the height the chart is given.

A heatmap is drawn at a height that gives each row room for a name wrapped over two or
three lines. Squeezed into a short panel (a laptop's Charts panel, about 220 px), those names
would run into each other. So when the figure changes size the row labels are measured as
drawn and, until no two overlap, made shorter: first one line each, then cut shorter, then
only every second (third, …) row named, the column labels naming every column still.
The colour bar's label, written along the bar, likewise takes a shorter form when the bar
is shorter than it, and the numbers in the cells are left out when a row is too short
for them (the colours and the bar still say it). Growing the figure again brings all back.
"""

from __future__ import annotations

import itertools
import math
from collections.abc import Sequence
from dataclasses import dataclass

from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.text import Text
from matplotlib.transforms import Bbox

from sysmap.charts.style import shorten

ONE_LINE = 28
"""Characters of a row name on one line, the first step down from wrapped names."""
CUT = 16
"""Characters of a row name cut short, the step before rows go unnamed."""
GAP = 1.0
"""Pixels kept between two row labels."""


@dataclass(frozen=True)
class HeatmapLabels:
    """What a heatmap may shorten: its rows' labels and its colour bar's label."""

    wrapped: Sequence[str]
    """The row labels as first drawn (names wrapped over lines)."""
    names: Sequence[str]
    """The rows' whole names, one line each."""
    bar: Text
    """The colour bar's label."""
    bar_forms: Sequence[str]
    """The bar's label, longest first."""
    cells: Sequence[Text] = ()
    """The numbers written in the cells (hidden where a row is too short for them)."""


def fit_labels(figure: Figure, axes: Axes, labels: HeatmapLabels) -> int:
    """Fit the bar's label and the row labels to the figure's size; see :func:`fit_row_labels`."""
    for form in labels.bar_forms:
        labels.bar.set_text(form)
        figure.draw_without_rendering()
        box = labels.bar.get_window_extent(figure.canvas.get_renderer())  # type: ignore[attr-defined]
        if box.y0 >= 0 and box.y1 <= figure.bbox.height:
            break
    step = fit_row_labels(figure, axes, labels.wrapped, labels.names)
    _fit_cells(figure, axes, labels.cells)
    return step


def _fit_cells(figure: Figure, axes: Axes, cells: Sequence[Text]) -> None:
    """Show the cells' numbers only if a row is taller than them."""
    if not cells:
        return
    for text in cells:
        text.set_visible(True)
    rows = len(axes.get_yticks()) or 1
    row = axes.get_window_extent().height / rows
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    tall = max(text.get_window_extent(renderer).height for text in cells)
    for text in cells:
        text.set_visible(tall + GAP <= row)


def fit_row_labels(figure: Figure, axes: Axes, wrapped: Sequence[str], names: Sequence[str]) -> int:
    """Give ``axes`` the longest row labels that do not overlap at the figure's size.

    Parameters
    ----------
    figure, axes : Figure, Axes
        The chart, and the axes whose y tick labels are the rows.
    wrapped : sequence of str
        The labels as first drawn (names wrapped over lines).
    names : sequence of str
        The rows' whole names, one line each.

    Returns
    -------
    int
        Every how many rows a label is shown (1: all of them).
    """
    forms = [list(wrapped), [shorten(n, ONE_LINE) for n in names], [shorten(n, CUT) for n in names]]
    for form in forms:
        axes.set_yticklabels(form)
        if not _overlap(figure, axes):
            return 1
    cut = forms[-1]
    step = max(2, _step_needed(figure, axes))
    while step < len(cut):
        axes.set_yticklabels([text if i % step == 0 else "" for i, text in enumerate(cut)])
        if not _overlap(figure, axes):
            return step
        step += 1
    axes.set_yticklabels([cut[0]] + [""] * (len(cut) - 1))
    return len(cut)


def _extents(figure: Figure, axes: Axes) -> list[Bbox]:
    """The drawn boxes of the row labels that say something, after the layout has run."""
    figure.draw_without_rendering()
    renderer = figure.canvas.get_renderer()  # type: ignore[attr-defined]
    labels = [t for t in axes.get_yticklabels() if t.get_visible() and t.get_text().strip()]
    return [label.get_window_extent(renderer) for label in labels]


def _overlap(figure: Figure, axes: Axes) -> bool:
    boxes = sorted(_extents(figure, axes), key=lambda b: -b.y1)
    return any(lower.y1 > upper.y0 - GAP for upper, lower in itertools.pairwise(boxes))


def _step_needed(figure: Figure, axes: Axes) -> int:
    """Every how many rows a label fits, from the rows' pitch and the tallest label."""
    boxes = sorted(_extents(figure, axes), key=lambda b: -b.y1)
    if len(boxes) < 2:
        return 1
    pitch = abs((boxes[0].y0 + boxes[0].y1) - (boxes[1].y0 + boxes[1].y1)) / 2 or 1.0
    tallest = max(b.height for b in boxes)
    return math.ceil((tallest + GAP) / pitch)
