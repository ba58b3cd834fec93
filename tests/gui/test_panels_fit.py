"""Panels fit their content: names first, nothing squeezed to "S…" or "Ministr…"."""

from __future__ import annotations

from PySide6.QtWidgets import QTreeWidgetItem
from pytestqt.qtbot import QtBot

from sysmap.gui.analysis_panel import AnalysisPanel
from sysmap.gui.document import MapDocument
from sysmap.gui.main_window import MainWindow
from sysmap.gui.scenario_view import ScenarioView
from sysmap.gui.table_dock import TableDock
from sysmap.model import Stakeholder, SystemMap
from tests.gui.test_laptop_screen import open_on_laptop

LONG_NAME = "Ministry of Housing, Communities and Local Government"


def test_what_would_change_comes_first_and_long_figures_wrap(qtbot: QtBot) -> None:
    view = ScenarioView()
    qtbot.addWidget(view)
    view.resize(330, 400)
    view.show()
    qtbot.waitExposed(view)
    rows = [
        ("Citizens' routes would shorten", "2.63", "2.55"),
        (
            "Prison leaver on licence would no longer be a single point of failure",
            "Prison leaver on licence",
            "none",
        ),
    ]
    for row in rows:
        view.table.addTopLevelItem(QTreeWidgetItem(list(row)))
    view.fit_columns()
    header, room = view.table.header(), view.table.viewport().width()
    metrics = view.table.fontMetrics()
    assert header.sectionSize(0) >= room // 2  # the changes, not the figures, get the width
    assert header.sectionSize(0) >= metrics.horizontalAdvance(rows[0][0])
    for column, title in enumerate(("What would change", "As is", "To be")):
        assert metrics.horizontalAdvance(title) <= header.sectionSize(column)
    assert sum(header.sectionSize(c) for c in range(3)) <= room
    short, long = (view.table.visualItemRect(view.table.topLevelItem(i)) for i in (0, 1))
    assert long.height() > short.height() * 1.5  # the long ones wrap rather than end in "…"
    view.resize(600, 400)  # a wider panel: the changes take the extra width
    qtbot.waitUntil(lambda: header.sectionSize(0) >= view.table.viewport().width() * 0.6)


def test_tables_widen_to_names_as_a_map_is_drawn(qtbot: QtBot) -> None:
    dock = TableDock()
    qtbot.addWidget(dock)
    dock.resize(926, 220)  # the panel under the canvas on a 1366×768 screen
    dock.show()
    document = MapDocument(SystemMap("Blank page"))
    dock.set_document(document)  # empty columns, sized to their titles
    document.map.add_stakeholder(Stakeholder(LONG_NAME))
    view = dock.stakeholder_view
    header = view.horizontalHeader()
    wanted = view.fontMetrics().horizontalAdvance(LONG_NAME)
    qtbot.waitUntil(lambda: header.sectionSize(0) >= min(wanted, header.maximumSectionSize()))
    pinned = header.count() - 1
    assert header.sectionSize(pinned) < 150  # the last column is not stretched over the width
    for column in range(header.count()):  # every column title whole
        title = str(view.model().headerData(column, header.orientation()))
        assert view.fontMetrics().horizontalAdvance(title) <= header.sectionSize(column)
    for _ in range(6):
        document.map.add_stakeholder(Stakeholder(f"Council {_}"))
    rows = view.viewport().height() // view.rowHeight(0)
    assert rows >= 4  # the filter sits beside the tabs: a short panel shows a row more


def test_a_long_name_added_far_down_a_big_table_widens_its_column(qtbot: QtBot) -> None:
    # Only the new row is measured, wherever it is: Qt's own fit measures the rows in view
    # and a few beside them, and missed a name added below the first screenful.
    document = MapDocument(SystemMap("Many"))
    document.map.add_many([Stakeholder(f"S{i}") for i in range(150)])
    dock = TableDock()
    qtbot.addWidget(dock)
    dock.resize(926, 220)
    dock.show()
    dock.set_document(document)
    view = dock.stakeholder_view
    header = view.horizontalHeader()
    before = header.sectionSize(0)
    document.map.add_stakeholder(Stakeholder(LONG_NAME))
    wanted = min(view.fontMetrics().horizontalAdvance(LONG_NAME), header.maximumSectionSize())
    assert wanted > before
    qtbot.waitUntil(lambda: header.sectionSize(0) >= wanted)


def test_group_by_keeps_its_words_clear_of_its_arrow(qtbot: QtBot) -> None:
    from sysmap.gui.app import application

    application()  # the app's stylesheet
    panel = AnalysisPanel()
    qtbot.addWidget(panel)
    panel.resize(420, 500)
    panel.set_choices(["sector", "place"], ("sector", "place"))
    panel.show()
    qtbot.waitExposed(panel)
    button = panel.group_button
    assert button.text() == "Group by: sector, place"
    words = button.fontMetrics().horizontalAdvance(button.text())
    assert button.width() >= words + 8 + 22  # its padding keeps the arrow's own room
    assert button.width() > panel.width() / 2  # and it takes the room beside the toggles


def test_an_example_names_its_window(window: MainWindow, qtbot: QtBot) -> None:
    open_on_laptop(window, qtbot, "levelling-up")
    assert "Levelling up a place" in window.windowTitle()
    assert "Untitled" not in window.windowTitle()


def test_a_short_name_is_typed_in_the_tables_as_one_undo_step(qtbot: QtBot) -> None:
    from PySide6.QtCore import Qt

    dock = TableDock()
    qtbot.addWidget(dock)
    document = MapDocument(SystemMap("Map"))
    document.map.add_stakeholder(Stakeholder("HM Prison & Probation Service"))
    dock.set_document(document)
    model = dock.stakeholders
    assert model is not None
    column = [c.header for c in model.columns].index("Short name")
    assert model.setData(model.index(0, column), "HMPPS", Qt.ItemDataRole.EditRole)
    (stakeholder,) = document.map.stakeholders()
    assert stakeholder.short_name == "HMPPS"
    assert document.undo_stack.count() == 1
    document.undo_stack.undo()
    assert next(iter(document.map.stakeholders())).short_name == ""
