"""Each chart of the report also as a table of its numbers (WCAG 1.1.1: a picture of data needs
the data in text, for screen readers, for copying, and for anyone who cannot tell colours apart).

The tables read the same :class:`~sysmap.charts.ChartData` the charts are drawn from, so a
number in a table is the number behind the picture.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from html import escape

from sysmap.charts import ChartData

Row = Sequence[str]


def _number(value: float, places: int = 2) -> str:
    return "—" if not math.isfinite(value) else f"{value:.{places}f}"


def _count(value: float) -> str:
    return f"{value:.1f}".removesuffix(".0")


def data_table(caption: str, headers: Row, rows: Sequence[Row], numeric_from: int = 1) -> str:
    """A table with a caption, a header row and a header cell on each row (all text escaped)."""
    numeric = ' class="num"'
    head = "".join(
        f'<th scope="col"{numeric if i >= numeric_from else ""}>{escape(h)}</th>'
        for i, h in enumerate(headers)
    )
    body = "".join(
        '<tr><th scope="row">'
        + escape(row[0])
        + "</th>"
        + "".join(f'<td class="num">{escape(cell)}</td>' for cell in row[1:])
        + "</tr>"
        for row in rows
    )
    return (
        f'<table class="chart-data"><caption>{escape(caption)}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )


def chart_table(kind: str, attribute: str | None, data: ChartData) -> str:
    """The numbers of one chart, as the report's table for it ("" for a chart without data)."""
    if kind in ("ties", "ties_ratio") and attribute is not None and attribute in data.matrices:
        matrix = data.matrices[attribute]
        labels = matrix.labels
        values = matrix.observed if kind == "ties" else matrix.ratio
        show = _count if kind == "ties" else _number
        caption = (
            "Ties counted within and between groups"
            if kind == "ties"
            else "Ties between groups divided by the number random ties would give"
        )
        rows = [[label, *(show(float(v)) for v in values[i])] for i, label in enumerate(labels)]
        return data_table(caption, ["Group", *labels], rows)
    if kind == "ei" and attribute is not None and attribute in data.mixing:
        mixing = data.mixing[attribute]
        rows = [
            [
                label,
                str(mixing.sizes[i]),
                _number(float(mixing.ei[i])),
                _number(float(mixing.expected[i])),
                f"{_number(float(mixing.low[i]))} to {_number(float(mixing.high[i]))}",
                _number(float(mixing.p_values[i]), 3),
                "yes" if mixing.silo[i] else "no",
            ]
            for i, label in enumerate(mixing.labels)
        ]
        headers = ["Group", "Members", "E-I index", "Expected", "95% of shuffles", "p", "Silo"]
        return data_table("Each group's E-I index against random mixing", headers, rows)
    if kind in data.rankings:
        ranking = data.rankings[kind]
        rows = [
            [label, _number(float(value), 3 if kind == "betweenness" else 0)]
            for label, value in zip(ranking.labels, ranking.values, strict=True)
        ]
        return data_table(ranking.title, ["Stakeholder", ranking.title], rows)
    return ""
