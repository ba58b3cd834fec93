"""The report's figures, and how they print on A4: the map in enlarged parts, the charts.

A figure never splits across pages (``break-inside: avoid``), so a figure too tall for the
rest of a page leaves that rest blank. Two things keep those gaps small: no printed figure is
taller than its content needs (charts are drawn to their rows, and print at a fixed scale
that keeps their text at 6.5 pt), and a map's legend, a small figure, is put where it can
fill the page before the parts (:func:`legend_first`).
"""

from __future__ import annotations

from html import escape

from sysmap.report.pictures import CHART_DPI, PRINT_WIDTH_MM, PrintMap, data_uri

A4_TEXT_HEIGHT_MM = 297.0 - 15.0 - 16.0
"""The height an A4 page prints on, inside the report's ``@page`` margins."""
CAPTION_LINE_MM = 4.5
"""A line of a printed caption (8.5 pt, line height 1.5)."""
FIGURE_EXTRA_MM = 4.5
"""What a printed figure takes besides its picture and its caption's lines: the caption's
gap (1.5 mm) and the figure's margins (3 mm between two figures)."""
CHART_FONT_PT = 9.5
"""The charts' text at their own size (:class:`sysmap.charts.style.ChartStyle`)."""
CHART_PRINT_PT = 6.5
"""The size charts' text prints at, as the map's names (at least 6 pt, issue 13)."""
CHART_PRINT_SCALE = CHART_PRINT_PT / CHART_FONT_PT
"""Charts print at this fraction of their own size (about 68 %)."""
CHART_MAX_HEIGHT_MM = 240.0
"""The print stylesheet's cap on a chart's height (keeping its shape): a page less a heading
and a caption of three lines. Up to it a chart prints at its text size, however many groups
it has (text comes first: a tall chart fills most of its page anyway); only a chart of very
many groups shrinks. Charts of the example maps print under 80 mm."""


def figure_html(png: bytes, alt: str, caption: str, kind: str = "", print_mm: float = 0.0) -> str:
    """A ``<figure>`` of one picture with its caption.

    Parameters
    ----------
    png : bytes
        The picture, embedded as a ``data:`` URI.
    alt, caption : str
        Its text alternative and its caption.
    kind : str
        The figure's classes (``"map"``, ``"part"``, …), which the stylesheet reads.
    print_mm : float
        The width it prints at in millimetres (0: the stylesheet decides).
    """
    opening = f'<figure class="{kind}">' if kind else "<figure>"
    # The width it prints at (a custom property only the print rules read).
    size = f' style="--print-width: {print_mm:.1f}mm"' if print_mm else ""
    return (
        f'{opening}<img src="{data_uri(png)}" alt="{escape(alt)}"{size}>'
        f"<figcaption>{escape(caption)}</figcaption></figure>"
    )


def legend_first(printed: PrintMap) -> bool:
    """Whether a map's legend prints before its parts rather than after the last.

    First, the legend can fill the rest of the page before the parts (a part too tall for
    it left it 34-40 % blank); but only if the legend and two parts then share a page when
    the legend does not fit there: with tall parts the legend and one part held a page
    that stayed a third blank, so for them the legend comes last.
    """
    tallest = max((p.height_mm for p in printed.parts), default=0.0)
    # Three figures, one line of caption each, and a second line under the legend.
    needed = printed.legend.height_mm + 2 * tallest + 3 * (FIGURE_EXTRA_MM + CAPTION_LINE_MM)
    needed += CAPTION_LINE_MM
    return needed <= A4_TEXT_HEIGHT_MM


def printed_map(printed: PrintMap | None, what: str) -> str:
    """The map in enlarged parts, for print only: each part at a size whose names print at
    6.5 pt (the whole picture on A4 printed them near 4 pt), with its legend.

    The first caption (the legend's, or the first part's when the legend comes last) says
    what the parts are; a part's own caption names its place in one line, so three parts
    and their captions share a page.
    """
    if printed is None:
        return ""
    count = len(printed.parts)
    first = legend_first(printed)
    several = f"in {count} parts " if count > 1 else ""
    overlap = " (they overlap a little)" if count > 1 else ""
    about = f"enlarged so names print at 6.5 pt{overlap}"
    key = f"Legend of {what}; the map follows {several}{about}."
    if not first:
        key = f"Legend of {what} above."
    legend = figure_html(
        printed.legend.png, f"Legend of {what}", key, "part key", printed.legend.width_mm
    )
    blocks = [legend] if first else []
    for number, part in enumerate(printed.parts, 1):
        where = f", part {number} of {count}" if count > 1 else ""
        alt = f"{what.capitalize()}{where}, enlarged so names print at 6.5 pt"
        caption = f"{what.capitalize()}{where}."
        if number == 1 and not first:
            last = "last" if count > 1 else "map"
            caption = f"{what.capitalize()}{where}, {about}; the legend follows the {last}."
        blocks.append(figure_html(part.png, alt, caption, "part", part.width_mm))
    if not first:
        blocks.append(legend)
    return f'<div class="print-only">{"".join(blocks)}</div>'


def chart_print_mm(png: bytes) -> float:
    """The width a chart prints at: its own size (drawn at :data:`CHART_DPI`) times
    :data:`CHART_PRINT_SCALE`, so its text prints at :data:`CHART_PRINT_PT`, at most the
    page's width."""
    width = int.from_bytes(png[16:20], "big")  # the PNG header's width
    return min(PRINT_WIDTH_MM, width / CHART_DPI * 25.4 * CHART_PRINT_SCALE)
