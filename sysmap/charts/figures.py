"""The charts: group × group tie heatmaps, E-I against random mixing, rankings.

Each function returns a matplotlib :class:`~matplotlib.figure.Figure` drawn in a
:class:`~sysmap.charts.style.ChartStyle`; axis labels use the groups' and stakeholders' real
names, wrapped so they stay readable.
"""

from __future__ import annotations

import math

import numpy as np
from matplotlib.colors import Normalize, TwoSlopeNorm
from matplotlib.figure import Figure
from matplotlib.lines import Line2D
from matplotlib.patches import Patch
from matplotlib.text import Text

from sysmap.analysis.wording import p_value
from sysmap.charts.data import GroupMixing, Ranking, TieMatrix
from sysmap.charts.squeezed import HeatmapLabels, fit_labels
from sysmap.charts.style import LIGHT, ChartStyle, dress, new_figure, shorten, wrap

MAX_SIDE = 14.0
"""Inches: a heatmap of many groups is capped at this size (about a page wide)."""
MAX_ANNOTATED = 14
"""Above this many groups the heatmap's cells carry no numbers."""
ROW_INCHES = {"heatmap": 0.42, "ei": 0.38, "ranking": 0.21}
"""Height of a chart's row: room for its name (a heatmap's wrapped over two lines, 0.33 in at
9.5 pt) and a little air, no more. A chart's height follows its rows, so the report prints
it no taller than its content needs (at 0.6, 0.5 and 0.36 in the first chart of a report
was too tall for the rest of its page and left that page half blank on A4)."""


def _noun(attribute: str) -> str:
    """``sectors``, ``places``, ``place levels``: how a chart title names the groups."""
    return attribute.replace("_", " ") + "s"


def tie_heatmap(matrix: TieMatrix, style: ChartStyle = LIGHT, ratio: bool = False) -> Figure:
    """Ties within and between groups as a heatmap: counts, or observed ÷ expected.

    Cells below 1× (red) are pairs of groups with fewer ties than their connectedness would
    give; a 0× cell is a gap where ties were expected.
    """
    n = len(matrix.labels)
    width = min(MAX_SIDE, max(5.6, 2.8 + 0.68 * n))
    height = min(MAX_SIDE * 0.85, max(3.4, 1.8 + ROW_INCHES["heatmap"] * n))
    figure = new_figure(style, width, height)
    axes = figure.add_subplot()
    values = matrix.ratio if ratio else matrix.observed
    shown = np.ma.masked_invalid(values)
    if ratio:
        top = float(np.nanmax(values)) if np.isfinite(values).any() else 2.0
        norm: Normalize = TwoSlopeNorm(vmin=0.0, vcenter=1.0, vmax=max(2.0, top))
        cmap = "RdBu"
        title = f"Ties between {_noun(matrix.attribute)}: observed ÷ expected"
        bar_forms = [
            "observed ÷\nexpected\n(1 = as expected)",
            "observed ÷\nexpected",
            "÷ expected",
        ]
    else:
        norm = Normalize(vmin=0.0, vmax=max(1.0, float(np.nanmax(values)) if n else 1.0))
        cmap = "viridis" if style.dark else "Blues"
        title = f"Ties within and between {_noun(matrix.attribute)}"
        bar_forms = ["relationships"]
    image = axes.imshow(shown, cmap=cmap, norm=norm, aspect="auto")
    palette = image.get_cmap()
    # With many groups the cells are too small for numbers: the colours and the scale say it.
    cells = range(n) if n <= MAX_ANNOTATED else range(0)
    cell_texts: list[Text] = []
    for i in cells:
        for j in range(n):
            value = values[i, j]
            text = "—" if not math.isfinite(value) else f"{value:.1f}×" if ratio else f"{value:.0f}"
            rgba = palette(norm(value)) if math.isfinite(value) else (1, 1, 1, 0)
            ink = "#FFFFFF" if _luminance(rgba) < 0.5 else "#1A1A1A"
            if not math.isfinite(value):
                ink = style.muted
            cell_texts.append(
                axes.text(j, i, text, ha="center", va="center", color=ink, fontsize=style.font_size)
            )
    labels = [
        wrap(label, 18) if n <= MAX_ANNOTATED else shorten(label, 28) for label in matrix.labels
    ]
    axes.set_xticks(range(n), labels, rotation=35, ha="right", rotation_mode="anchor")
    axes.set_yticks(range(n), labels)
    dress(axes, style, title)

    bar = figure.colorbar(image, ax=axes, shrink=0.85)
    bar.set_label(bar_forms[0], color=style.text, fontsize=style.font_size)
    bar.ax.tick_params(colors=style.text, labelsize=style.font_size - 0.5)
    bar.outline.set_edgecolor(style.muted)
    # Squeezed into a short panel, wrapped row names would run into each other.
    fitted = HeatmapLabels(labels, list(matrix.labels), bar.ax.yaxis.label, bar_forms, cell_texts)
    figure.canvas.mpl_connect("resize_event", lambda _event: fit_labels(figure, axes, fitted))
    return figure


def _luminance(rgba: tuple[float, ...]) -> float:
    r, g, b = rgba[:3]
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def ei_chart(mixing: GroupMixing, style: ChartStyle = LIGHT) -> Figure:
    """Each group's E-I index against its random-mixing range and expected value.

    Groups are listed most inward-looking (relative to chance) first; a silo's dot is drawn
    in the silo colour; the right-hand column gives the permutation p-value.
    """
    order = np.argsort(np.nan_to_num(mixing.ei - mixing.expected, nan=9.0), kind="stable")
    n = len(order)
    figure = new_figure(style, 7.6, max(2.6, 1.5 + ROW_INCHES["ei"] * n))
    axes = figure.add_subplot()
    rows = np.arange(n)
    for row, g in zip(rows, order, strict=True):
        low, high = mixing.low[g], mixing.high[g]
        if math.isfinite(low) and math.isfinite(high):
            axes.plot(
                [low, high], [row, row], color=style.band, linewidth=11, solid_capstyle="butt"
            )
        if math.isfinite(mixing.expected[g]):
            axes.plot(
                mixing.expected[g], row, marker="|", markersize=16, mew=2.2, color=style.expected
            )
        if math.isfinite(mixing.ei[g]):
            colour = style.silo if mixing.silo[g] else style.observed
            axes.plot(mixing.ei[g], row, "o", markersize=9, color=colour, mec=style.background)
    axes.axvline(0.0, color=style.muted, linewidth=0.8, linestyle=(0, (3, 3)))
    axes.set_xlim(-1.08, 1.08)
    axes.set_ylim(n - 0.5, -0.5)
    axes.set_yticks(rows, [wrap(f"{mixing.labels[g]} ({mixing.sizes[g]})", 26) for g in order])
    axes.set_xlabel("E-I index: −1 every tie stays inside the group, +1 every tie crosses")
    axes.grid(axis="x", color=style.muted, alpha=0.25)
    dress(axes, style, f"Do {_noun(mixing.attribute)} keep to themselves?")
    right = axes.twinx()
    right.set_ylim(axes.get_ylim())
    right.set_yticks(rows, [_p_text(mixing, g) for g in order])
    right.tick_params(colors=style.muted, labelsize=style.font_size - 0.5, length=0)
    for spine in right.spines.values():
        spine.set_visible(False)
    handles = [
        Line2D([], [], marker="o", linestyle="", color=style.observed, label="E-I index"),
        Line2D([], [], marker="o", linestyle="", color=style.silo, label="E-I index of a silo"),
        Line2D(
            [],
            [],
            marker="|",
            linestyle="",
            mew=2.2,
            markersize=12,
            color=style.expected,
            label="random mixing would give",
        ),
        Patch(color=style.band, label=f"95% of {mixing.permutations:,} label shuffles"),
    ]
    legend = figure.legend(
        handles=handles,
        loc="outside lower center",
        ncol=2,
        frameon=False,
        fontsize=style.font_size - 0.5,
    )
    for text in legend.get_texts():
        text.set_color(style.text)
    return figure


def _p_text(mixing: GroupMixing, g: int) -> str:
    if not math.isfinite(mixing.ei[g]):
        return "no ties"
    return p_value(float(mixing.p_values[g]))


def ranking_chart(ranking: Ranking, style: ChartStyle = LIGHT) -> Figure:
    """The stakeholders highest on one measure, as bars in their sector colours."""
    n = len(ranking.labels)
    figure = new_figure(style, 7.6, max(2.2, 1.1 + ROW_INCHES["ranking"] * n))
    axes = figure.add_subplot()
    rows = np.arange(n)
    axes.barh(
        rows, ranking.values, color=list(ranking.colours), edgecolor=style.muted, linewidth=0.5
    )
    top = float(ranking.values.max()) if n else 1.0
    for row, value in zip(rows, ranking.values, strict=True):
        text = f"{value:.0f}" if ranking.measure == "degree" else f"{value:.2f}"
        axes.text(
            value + top * 0.01,
            float(row),
            text,
            va="center",
            color=style.text,
            fontsize=style.font_size - 0.5,
        )
    axes.set_xlim(0, top * 1.12 if top > 0 else 1)
    axes.set_ylim(n - 0.5, -0.5)
    axes.set_yticks(rows, [shorten(label, 44) for label in ranking.labels])
    axes.set_xlabel(
        "stakeholders worked with"
        if ranking.measure == "degree"
        else "betweenness (share of shortest routes through them, 0–1)"
    )
    axes.grid(axis="x", color=style.muted, alpha=0.25)
    dress(axes, style, ranking.title)
    return figure
