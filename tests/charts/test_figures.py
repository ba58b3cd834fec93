"""The charts draw with real group names, in light and dark, as PNG, without Qt or pyplot."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from matplotlib.colors import to_hex

from sysmap.analysis import analyse
from sysmap.charts import CHARTS, DARK, GROUP_CHARTS, LIGHT, chart_data, make_chart, png_bytes
from sysmap.workspace import open_map


@pytest.fixture(scope="module")
def data():
    system_map = open_map("addiction").map
    return chart_data(analyse(system_map, permutations=199), system_map)


def tick_texts(axis) -> list[str]:
    return [t.get_text().replace("\n", " ") for t in axis.get_ticklabels()]


def test_heatmap_rows_and_columns_are_named_groups_with_counts(data) -> None:
    figure = make_chart("ties", data, "sector")
    axes = figure.axes[0]
    matrix = data.matrices["sector"]
    assert tick_texts(axes.xaxis) == list(matrix.labels)
    assert tick_texts(axes.yaxis) == list(matrix.labels)
    cells = [t.get_text() for t in axes.texts]
    assert cells == [f"{v:.0f}" for v in matrix.observed.ravel()]
    ratio = make_chart("ties_ratio", data, "sector").axes[0]
    assert ratio.texts[0].get_text().endswith("×")


def test_ei_chart_lists_every_group_with_its_p_value(data) -> None:
    figure = make_chart("ei", data, "sector")
    axes, right = figure.axes[0], figure.axes[1]
    mixing = data.mixing["sector"]
    names = tick_texts(axes.yaxis)
    rows = zip(mixing.labels, mixing.sizes, strict=True)
    assert sorted(names) == sorted(f"{label} ({size})" for label, size in rows)
    assert all(t.startswith(("p ", "no ties")) for t in tick_texts(right.yaxis))
    assert axes.get_xlim() == pytest.approx((-1.08, 1.08))
    assert "random mixing" in " ".join(t.get_text() for t in figure.legends[0].get_texts())


def test_rankings_use_stakeholder_labels(data) -> None:
    axes = make_chart("betweenness", data).axes[0]
    assert tick_texts(axes.yaxis)[0] == data.rankings["betweenness"].labels[0]


@pytest.mark.parametrize("style", [LIGHT, DARK])
@pytest.mark.parametrize("kind", list(CHARTS))
def test_every_chart_renders_to_png_on_its_paper(data, kind: str, style) -> None:
    attribute = "place" if kind in GROUP_CHARTS else None
    figure = make_chart(kind, data, attribute, style)
    assert to_hex(figure.get_facecolor()) == style.background.lower()
    tick = figure.axes[0].yaxis.get_ticklabels()[0]
    assert to_hex(tick.get_color()) == style.text.lower()
    png = png_bytes(figure, dpi=72)
    assert png.startswith(b"\x89PNG\r\n\x1a\n")
    assert len(png) > 5000


def test_unknown_chart_is_refused(data) -> None:
    with pytest.raises(KeyError):
        make_chart("pie", data)


def test_charts_never_load_qt_nor_use_pyplot() -> None:
    # pyplot would pick a global backend (igraph imports it, but never draws with it).
    source = Path(sys.modules["sysmap.charts"].__file__).parent
    for path in source.glob("*.py"):
        text = path.read_text(encoding="utf-8")
        assert "import pyplot" not in text, path
        assert "matplotlib.pyplot" not in text, path
    code = (
        "import sys\n"
        "from sysmap.workspace import open_map\n"
        "from sysmap.analysis import analyse\n"
        "from sysmap.charts import chart_data, make_chart, png_bytes\n"
        "m = open_map('reoffending').map\n"
        "png_bytes(make_chart('ei', chart_data(analyse(m, permutations=99), m)))\n"
        "print(sorted(n for n in sys.modules if n.startswith(('PySide6', 'shiboken6'))))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=120
    )
    assert out.stdout.strip() == "[]"
