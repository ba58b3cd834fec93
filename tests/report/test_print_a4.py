"""The report printed on A4: map names at 6 pt or more (the map in enlarged parts), page 1
holding the map's overview, charts as tall as their content at 6 pt or more, and no page
left half blank before a figure too tall for it."""

from __future__ import annotations

import base64
import re
import shutil
import struct
import subprocess
from pathlib import Path

import pytest
from matplotlib.text import Text
from PySide6.QtCore import QRectF

from sysmap.analysis import analyse
from sysmap.canvas.scene import MapScene
from sysmap.canvas.theme import LABEL_PIXEL_SIZE
from sysmap.charts import CHARTS, GROUP_CHARTS, chart_data, make_chart
from sysmap.io import EXAMPLES
from sysmap.report import build_report
from sysmap.report.pictures import (
    CHART_DPI,
    PRINT_HEIGHT_MM,
    PRINT_MM_PER_UNIT,
    PRINT_PIXELS_PER_UNIT,
    PRINT_WIDTH_MM,
    SEAM,
    SEAM_Y,
    PrintMap,
    PrintPart,
    print_tiles,
)
from sysmap.report.printed import (
    A4_TEXT_HEIGHT_MM,
    CAPTION_LINE_MM,
    CHART_FONT_PT,
    CHART_MAX_HEIGHT_MM,
    CHART_PRINT_SCALE,
    FIGURE_EXTRA_MM,
    legend_first,
    printed_map,
)
from sysmap.workspace import open_map
from tests.report.conftest import ParsedReport, parse_report

MM_PER_PT = 25.4 / 72


def png_size(png: bytes) -> tuple[int, int]:
    return struct.unpack(">II", png[16:24])


def test_names_print_at_6_pt_or_more() -> None:
    assert LABEL_PIXEL_SIZE * PRINT_MM_PER_UNIT / MM_PER_PT >= 6.0
    # The whole picture on the page printed them near 4 pt: 12 px × 0.94 × 184 / 1600 mm.
    assert 12 * 0.94 * PRINT_WIDTH_MM / 1600 / MM_PER_PT < 4.0


@pytest.mark.parametrize("name", [e.name for e in EXAMPLES])
def test_every_example_map_is_cut_into_parts_that_fit_the_page(qapp, name) -> None:  # type: ignore[no-untyped-def]
    scene = MapScene(open_map(name).map)
    try:
        whole = scene.map_rect()
        boxes = [i.box_rect() for i in scene.items_model.stakeholders.values()]
        widest = max(b.width() for b in boxes)
        tallest = max(b.height() for b in boxes)
    finally:
        scene.close()
    tiles = print_tiles(whole)
    assert len(tiles) >= 2  # every example is too big for one page at 6 pt
    cover = QRectF()
    for tile in tiles:
        assert tile.width() * PRINT_MM_PER_UNIT <= PRINT_WIDTH_MM + 0.01
        assert tile.height() * PRINT_MM_PER_UNIT <= PRINT_HEIGHT_MM + 0.01
        cover = cover.united(tile)
    assert cover.contains(whole.adjusted(1, 1, -1, -1))
    assert widest <= SEAM  # a stakeholder cut by one part's edge is whole in its neighbour
    assert tallest <= SEAM_Y


def test_print_tiles_of_a_small_map_are_one() -> None:
    assert len(print_tiles(QRectF(0, 0, 800, 400))) == 1
    tall = print_tiles(QRectF(0, 0, 900, 2500))
    assert len(tall) >= 3
    # Three parts and their captions share a page.
    for tile in tall:
        assert three_parts_mm(tile.height() * PRINT_MM_PER_UNIT) <= A4_TEXT_HEIGHT_MM


def three_parts_mm(height_mm: float) -> float:
    """The height three printed parts take, each with a line of caption."""
    return 3 * (height_mm + FIGURE_EXTRA_MM + CAPTION_LINE_MM)


@pytest.fixture(scope="module")
def report() -> str:
    system_map = open_map("levelling-up").map
    return build_report(system_map, analyse(system_map, permutations=49))


def test_printed_parts_are_sized_in_millimetres_at_their_scale(report: str) -> None:
    parsed = parse_report(report)
    images = [a for t, a in parsed.tags if t == "img"]
    parts = [a for a in images if "enlarged" in a["alt"]]
    assert parts
    for attrs in parts:
        width_mm = float(re.search(r"--print-width: ([\d.]+)mm", attrs["style"]).group(1))
        png = base64.b64decode(attrs["src"].partition(",")[2])
        width_px, height_px = png_size(png)
        units = width_px / PRINT_PIXELS_PER_UNIT
        assert abs(units * PRINT_MM_PER_UNIT - width_mm) < 1.0
        assert width_mm <= PRINT_WIDTH_MM
        assert height_px / PRINT_PIXELS_PER_UNIT * PRINT_MM_PER_UNIT <= PRINT_HEIGHT_MM + 1


def test_page_one_holds_the_overview_and_charts_share_pages(report: str) -> None:
    parsed = parse_report(report)
    css = " ".join(parsed.styles)
    print_css = css[css.index("@media print") :]
    # The overview is short enough to sit under the title and summary.
    overview = re.search(r"figure\.map img \{[^}]*max-height: (\d+)mm", print_css)
    assert overview is not None
    assert int(overview.group(1)) <= 60
    assert ".print-only { display: block; }" in print_css
    assert re.search(r"\.print-only \{ display: none; \}", css[: css.index("@media print")])
    charts = chart_images(parsed)
    assert len(charts) == 3 * 2 + 2  # three charts by sector, three by place, two rankings
    for png, width_mm in charts:
        width_px, height_px = png_size(png)
        height_mm = height_px * width_mm / width_px
        assert width_mm <= PRINT_WIDTH_MM
        # Under the stylesheet's cap, so the cap never shrinks a chart's text.
        assert height_mm <= CHART_MAX_HEIGHT_MM
        # As tall as its rows need: one that does not fit under the text before it leaves
        # at most about a third of that page blank (the first chart, 100 mm, left half).
        assert height_mm + FIGURE_EXTRA_MM + 2 * CAPTION_LINE_MM <= 0.35 * A4_TEXT_HEIGHT_MM
        # Printed at the scale whose smallest text is 6 pt or more.
        assert width_mm / (width_px / CHART_DPI * 25.4) == pytest.approx(CHART_PRINT_SCALE, 0.01)


def chart_images(parsed: ParsedReport) -> list[tuple[bytes, float]]:
    """Each chart's picture in a report and the width it prints at, in mm."""
    charts = []
    for tag, attrs in parsed.tags:
        style = attrs.get("style", "")
        if tag != "img" or "--print-width" not in style or "enlarged" in attrs["alt"]:
            continue
        if attrs["alt"].startswith("Legend of"):
            continue
        png = base64.b64decode(attrs["src"].partition(",")[2])
        charts.append((png, float(re.search(r"--print-width: ([\d.]+)mm", style).group(1))))
    return charts


@pytest.mark.parametrize("kind", list(CHARTS))
def test_every_text_of_a_chart_prints_at_6_pt_or_more(kind: str) -> None:
    system_map = open_map("reoffending").map
    data = chart_data(analyse(system_map, permutations=19), system_map)
    figure = make_chart(kind, data, "sector" if kind in GROUP_CHARTS else None)
    figure.draw_without_rendering()  # the heatmap fits its labels when drawn
    texts = [t for t in figure.findobj(Text) if t.get_visible() and t.get_text().strip()]
    assert texts
    smallest = min(t.get_fontsize() for t in texts)
    assert smallest * CHART_PRINT_SCALE >= 6.0, (kind, smallest)
    assert CHART_FONT_PT * CHART_PRINT_SCALE >= 6.5


def test_a_chart_shrinks_to_fit_the_page_keeping_its_shape() -> None:
    # With its width set, a capped height squashed a chart; now it prints at its print
    # width (never wider) unless that makes it taller than the cap, and then narrower.
    from sysmap.report.style import CSS

    printed = CSS[CSS.index("@media print") :]
    rule = re.search(r"\.charts figure img \{([^}]*)\}", printed)
    assert rule is not None
    pairs = (d.partition(":") for d in rule.group(1).split(";"))
    declarations = {k.strip(): v.strip() for k, _, v in pairs if k.strip()}
    assert declarations["width"] == "auto"
    assert declarations["max-width"].startswith("var(--print-width")
    assert declarations["max-height"] == f"{CHART_MAX_HEIGHT_MM:.0f}mm"
    assert "height" not in declarations


def test_printed_parts_come_three_to_a_page_with_their_legend_first(report: str) -> None:
    """Parts of up to 110 mm came two to a page: the page before them was left up to 40 %
    blank when the first did not fit, and two of 84 mm filled two thirds of a page."""
    parsed = parse_report(report)
    groups: list[list[str]] = []
    inside = False
    for tag, attrs in parsed.tags:
        if tag == "div" and attrs.get("class") == "print-only":
            groups.append([])
            inside = True
        elif tag == "figure" and inside:
            groups[-1].append(attrs.get("class", ""))
        elif tag == "section":
            inside = False
    groups = [g for g in groups if g]
    assert groups
    for kinds in groups:
        parts = [k for k in kinds if k == "part"]
        assert len(parts) >= 2
        # Parts this short share a page with their legend: it fills the page before them.
        assert kinds == ["part key"] + ["part"] * len(parts)
    # Three parts with their captions and margins fill most of a page.
    assert three_parts_mm(PRINT_HEIGHT_MM) <= A4_TEXT_HEIGHT_MM
    assert three_parts_mm(PRINT_HEIGHT_MM * 0.95) >= 0.8 * A4_TEXT_HEIGHT_MM


def _print_map(part_mm: float, legend_mm: float) -> PrintMap:
    def part(height: float) -> PrintPart:
        return PrintPart(b"", 180.0, height)

    return PrintMap(part(legend_mm), (part(part_mm), part(part_mm), part(part_mm)))


def test_the_legend_goes_first_only_if_it_and_two_parts_share_a_page() -> None:
    assert legend_first(_print_map(PRINT_HEIGHT_MM, 40.0))
    # Tall parts: the legend and one part held a page that stayed a third blank.
    assert not legend_first(_print_map(110.0, 35.0))
    assert not legend_first(_print_map(PRINT_HEIGHT_MM, 120.0))  # a legend of many sectors
    html = printed_map(_print_map(110.0, 35.0), "the map")
    assert html.index('class="part key"') > html.rindex('class="part"')
    assert "the legend follows the last" in html


def test_printing_forces_no_page_break() -> None:
    # A forced break leaves the page before it as empty as the last block left it: the
    # Tables' own page left addiction's page 24 55 % blank on A4 (Chromium's print). Blocks
    # that must not split say so with break-inside or break-after: avoid instead.
    from sysmap.report.style import CSS

    printed = CSS[CSS.index("@media print") :]
    assert not re.search(r"break-before:\s*(page|always)|page-break-before:\s*always", printed)
    assert not re.search(r"break-after:\s*(page|always)|page-break-after:\s*always", printed)


def blank_bottoms(pdf: Path, folder: Path) -> list[float]:
    """How much of each page's text area is blank at its bottom (0-1), from pictures of the
    pages at 20 dpi."""
    from PIL import Image

    subprocess.run(["pdftoppm", "-r", "20", "-gray", str(pdf), str(folder / "page")], check=True)
    fractions = []
    for path in sorted(folder.glob("page-*.pgm")):
        with Image.open(path) as picture:
            width, height = picture.size
            pixels = picture.load()
            top, bottom = round(height * 15 / 297), round(height * (297 - 16) / 297)
            inked = [y for y in range(top, bottom) if any(pixels[x, y] < 235 for x in range(width))]
            fractions.append((bottom - max(inked, default=top)) / (bottom - top))
    return fractions


@pytest.mark.slow
def test_chromium_prints_no_page_half_blank(report: str, tmp_path: Path) -> None:
    """Print the report with Chromium and measure each page's blank bottom (issue 13)."""
    chromium = shutil.which("chromium") or shutil.which("chromium-browser")
    if chromium is None or shutil.which("pdftoppm") is None:
        pytest.skip("needs chromium and pdftoppm (poppler-utils) to print the report to PDF")
    page = tmp_path / "report.html"
    page.write_text(report, encoding="utf-8")
    pdf = tmp_path / "report.pdf"
    command = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--no-pdf-header-footer"]
    command += [f"--user-data-dir={tmp_path / 'profile'}", f"--print-to-pdf={pdf}", page.as_uri()]
    subprocess.run(command, check=True, capture_output=True, timeout=240)
    blank = blank_bottoms(pdf, tmp_path)
    assert len(blank) >= 10
    # In Debian's Chromium no page but the last is over 28 % blank; the bound leaves room for
    # other fonts moving the breaks. Before, page 12 was 36 % blank: a part of the map (up
    # to 110 mm) too tall for the rest of the page (and a chart, up to 120 mm, left page 18
    # 33 % blank here and another report's page 51 %).
    over = {number: round(100 * b) for number, b in enumerate(blank[:-1], 1) if b > 0.34}
    assert not over, f"pages over 34 % blank (page: %): {over}"
