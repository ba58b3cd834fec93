"""Charts in the window (matching the palette, real group names), the Analyse menu, and
File ▸ Export report… writing a self-contained report without freezing the window."""

from __future__ import annotations

from pathlib import Path

from matplotlib.colors import to_hex
from PySide6.QtGui import QColor, QPalette
from pytestqt.qtbot import QtBot

from sysmap.charts import CHARTS
from sysmap.gui.main_window import MainWindow
from tests.gui.test_analysis_panel import WAIT_MS, open_example
from tests.report.conftest import parse_report
from tests.report.test_report import assert_self_contained


def menu_texts(window: MainWindow, title: str) -> list[str]:
    menu = next(a.menu() for a in window.menuBar().actions() if a.text() == title)
    return [a.text().replace("&", "") for a in menu.actions() if not a.isSeparator()]


def test_menus_offer_the_analysis_and_the_report(window: MainWindow, qtbot: QtBot) -> None:
    assert "Analyse" in [a.text().replace("&", "") for a in window.menuBar().actions()]
    file_menu = menu_texts(window, "&File")
    position = file_menu.index("Export as other format…")
    assert file_menu[position + 1] == "Export report…"
    assert menu_texts(window, "A&nalyse")[:2] == ["Analysis", "Charts"]
    assert not window.action("file.export_report").isEnabled()  # no map open
    open_example(window, qtbot, "reoffending")
    assert window.action("file.export_report").isEnabled()


def test_charts_follow_the_analysis_and_the_palette(window: MainWindow, qtbot: QtBot) -> None:
    analysis = open_example(window, qtbot, "reoffending")
    analysis.charts_dock.show()
    analysis.charts_dock.raise_()
    charts = analysis.charts
    qtbot.waitUntil(lambda: charts.figure is not None and bool(charts.figure.axes), timeout=WAIT_MS)
    sectors = set(analysis.runner.outcome.result.group_labels["sector"].values())
    for kind in CHARTS:
        charts.set_chart(kind, "sector")
        axes = charts.figure.axes[0]
        labels = {t.get_text().replace("\n", " ") for t in axes.get_yticklabels()}
        if kind in ("ties", "ties_ratio"):  # a short panel names every other row: columns
            columns = {t.get_text().replace("\n", " ") for t in axes.get_xticklabels()}
            assert columns == sectors
        elif kind == "ei":
            assert {label.rsplit(" (", 1)[0] for label in labels} == sectors
        else:
            assert labels <= set(analysis.runner.outcome.result.labels.values())
    # A dark desktop gets dark charts.
    palette = QPalette(charts.palette())
    for role, colour in (
        (QPalette.ColorRole.Base, "#202124"),
        (QPalette.ColorRole.Window, "#202124"),
    ):
        palette.setColor(role, QColor(colour))
    palette.setColor(QPalette.ColorRole.WindowText, QColor("#EEEEEE"))
    charts.setPalette(palette)
    qtbot.waitUntil(lambda: to_hex(charts.figure.get_facecolor()) == "#202124", timeout=5000)
    tick = charts.figure.axes[0].get_yticklabels()[0]
    assert to_hex(tick.get_color()) == "#eeeeee"


def test_export_report_from_the_app(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    analysis = open_example(window, qtbot, "rough-sleeping")
    out = tmp_path / "rough-sleeping-report.html"
    monkeypatch.setattr(analysis.report, "ask_path", lambda: out)
    window.action("file.export_report").trigger()
    qtbot.waitUntil(lambda: out.exists() and not analysis.report.busy, timeout=60_000)
    html = out.read_text(encoding="utf-8")
    assert_self_contained(html)
    text = parse_report(html).plain
    for finding in analysis.panel.findings.findings():
        assert finding.title in text
    assert "Wrote the report" in window.statusBar().currentMessage()
    assert not window.document.modified  # writing a report is not an edit
    alts = parse_report(html).attributes("alt")
    # Each map's legend and enlarged parts, for print (names at 6.5 pt on A4).
    assert sum(alt.startswith("Legend of") for alt in alts) == 5
    assert any("enlarged" in alt for alt in alts)


def test_export_report_waits_for_an_up_to_date_analysis(
    window: MainWindow, qtbot: QtBot, tmp_path: Path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    analysis = open_example(window, qtbot, "levelling-up")
    document = window.document
    first = document.map.stakeholder_ids()[0]
    from sysmap.gui.commands import EditStakeholders

    document.push(EditStakeholders(document.map, [first], {"label": "Renamed for the report"}))
    out = tmp_path / "report.html"
    monkeypatch.setattr(analysis.report, "ask_path", lambda: out)
    window.action("file.export_report").trigger()
    assert analysis.report.waiting
    qtbot.waitUntil(lambda: out.exists() and not analysis.report.busy, timeout=60_000)
    assert "Renamed for the report" in parse_report(out.read_text(encoding="utf-8")).plain
