"""Charts of an analysis, drawn with matplotlib (no Qt): for the app's Charts panel and the report.

::

    from sysmap.charts import CHARTS, chart_data, make_chart, png_bytes
    data = chart_data(result, system_map)           # the numbers, once per analysis
    figure = make_chart("ei", data, "sector")        # a matplotlib Figure
    picture = png_bytes(figure)                      # PNG for a report

Charts: ``ties`` (the group × group tie table as a heatmap), ``ties_ratio`` (observed ÷
expected), ``ei`` (each group's E-I against its random-mixing range), ``betweenness`` and
``degree`` (rankings of stakeholders). Figures are made without pyplot, so importing this
never picks a GUI backend; :func:`png_bytes` renders with Agg. Importing this package does not
import matplotlib (about 50 MB): that happens when the first chart is drawn.
"""

from __future__ import annotations

import importlib
import io
from typing import TYPE_CHECKING, Any

from sysmap.charts.data import ChartData, GroupMixing, Ranking, TieMatrix, chart_data
from sysmap.charts.style import DARK, LIGHT, ChartStyle

if TYPE_CHECKING:
    from matplotlib.figure import Figure

    from sysmap.charts.figures import ei_chart, ranking_chart, tie_heatmap

_DRAWING = frozenset({"ei_chart", "ranking_chart", "tie_heatmap"})
"""Names from :mod:`.figures`, which imports matplotlib, looked up only when first asked for."""


def __getattr__(name: str) -> Any:
    if name in _DRAWING:
        return getattr(importlib.import_module("sysmap.charts.figures"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


CHARTS: dict[str, str] = {
    "ties": "Ties between groups",
    "ties_ratio": "Ties: observed ÷ expected",
    "ei": "E-I index against random mixing",
    "betweenness": "Brokers (betweenness)",
    "degree": "Most connected (degree)",
}
"""Every chart, with the name a menu shows."""
GROUP_CHARTS = ("ties", "ties_ratio", "ei")
"""Charts drawn once per grouping attribute."""


def make_chart(
    kind: str, data: ChartData, attribute: str | None = None, style: ChartStyle = LIGHT
) -> Figure:
    """Draw the chart called ``kind`` (see :data:`CHARTS`) for one grouping ``attribute``.

    Raises
    ------
    KeyError
        If the chart or the attribute is unknown.
    """
    from sysmap.charts.figures import ei_chart, ranking_chart, tie_heatmap

    if kind in GROUP_CHARTS:
        attribute = attribute or data.attributes[0]
        if kind == "ei":
            return ei_chart(data.mixing[attribute], style)
        return tie_heatmap(data.matrices[attribute], style, ratio=kind == "ties_ratio")
    if kind in CHARTS:
        return ranking_chart(data.rankings[kind], style)
    raise KeyError(kind)


def png_bytes(figure: Figure, dpi: float = 144) -> bytes:
    """Render a figure to PNG with Agg."""
    from matplotlib.backends.backend_agg import FigureCanvasAgg

    buffer = io.BytesIO()
    FigureCanvasAgg(figure)  # attaches an Agg canvas to the figure
    figure.savefig(buffer, format="png", dpi=dpi, facecolor=figure.get_facecolor())
    return buffer.getvalue()


__all__ = [
    "CHARTS",
    "DARK",
    "GROUP_CHARTS",
    "LIGHT",
    "ChartData",
    "ChartStyle",
    "GroupMixing",
    "Ranking",
    "TieMatrix",
    "chart_data",
    "ei_chart",
    "make_chart",
    "png_bytes",
    "ranking_chart",
    "tie_heatmap",
]
