"""The Analyse menu and the Analysis and Charts panels, wired to the open map.

Findings follow the map: each edit re-runs the analysis off the GUI thread (see
:mod:`.analysis_runner`). Choosing a finding shows it on the canvas as an overlay — never an
edit. Accepting or dismissing a suggested link is an edit, on the undo stack like any other.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, QRectF, Qt, QTimer
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget, QMenu, QToolBar

from sysmap.analysis import Finding
from sysmap.analysis.grouping import attribute_label
from sysmap.analysis.results import Change
from sysmap.analysis.ties import Scenario
from sysmap.analysis.wording import count, listing
from sysmap.canvas.finding_list import visible_findings
from sysmap.canvas.finding_overlay import overlay_for_finding
from sysmap.gui.actions import dock_action, make_action
from sysmap.gui.analysis_panel import AnalysisPanel, grouping_choices
from sysmap.gui.analysis_runner import AnalysisOutcome, AnalysisRunner
from sysmap.gui.chart_panel import ChartPanel
from sysmap.gui.commands.suggestions import AcceptSuggestedLink, DismissSuggestedLink
from sysmap.gui.document import MapDocument
from sysmap.gui.report_export import ReportExport
from sysmap.gui.resources import icon
from sysmap.gui.window_base import WindowBase

PANEL_WIDTH = 420
CHARTS_HEIGHT = 380


class AnalysisController(QObject):
    """Runs the analysis for one window and shows what it finds."""

    def __init__(self, window: WindowBase) -> None:
        super().__init__(window)  # destroyed with the window, and its connections with it
        self.window = window
        self.runner = AnalysisRunner(self)
        self.panel = AnalysisPanel()
        self.charts = ChartPanel()
        self.dock = self._dock("Analysis", "AnalysisDock", self.panel)
        self.charts_dock = self._dock("Charts", "ChartsDock", self.charts)
        # The findings share the right-hand side with the inspector, as tabs: on a laptop a
        # panel on each side leaves the map too small to show its names.
        window.addDockWidget(Qt.DockWidgetArea.RightDockWidgetArea, self.dock)
        window.tabifyDockWidget(window.inspector_dock, self.dock)
        window.addDockWidget(Qt.DockWidgetArea.BottomDockWidgetArea, self.charts_dock)
        window.tabifyDockWidget(window.tables_dock, self.charts_dock)
        window.tables_dock.raise_()
        window.resizeDocks([self.dock], [PANEL_WIDTH], Qt.Orientation.Horizontal)
        self.report = ReportExport(self)
        self._wanted = {
            dock: bool(window.settings.value(f"dock/{dock.objectName()}", dock is self.dock))
            for dock in (self.dock, self.charts_dock)  # charts: a shortcut away, like the tables
        }
        self._first_map = True
        self.every_suggestion = False
        """Whether the findings list every suggested link, not the best few."""
        self._make_actions()
        self._connect()

    def _dock(self, title: str, name: str, widget: QObject) -> QDockWidget:
        dock = QDockWidget(title, self.window)
        dock.setObjectName(name)
        dock.setWidget(widget)  # type: ignore[arg-type]
        dock.setAccessibleName(title)
        return dock

    def _make_actions(self) -> None:
        w, reg = self.window, self.window.register
        panel_action = dock_action(self.dock)
        panel_action.setIcon(icon("find"))
        panel_action.setShortcut("Ctrl+Alt+A")
        panel_action.setStatusTip("Show or hide the findings: silos, gaps, suggested links")
        panel_action.setToolTip("Show or hide the Analysis panel (Ctrl+Alt+A)")
        self.panel_action = reg("analyse.panel", panel_action)
        charts_action = dock_action(self.charts_dock)
        charts_action.setShortcut("Ctrl+Alt+C")
        charts_action.setStatusTip("Show or hide the charts of the analysis")
        self.charts_action = reg("analyse.charts", charts_action)
        for dock, action in ((self.dock, panel_action), (self.charts_dock, charts_action)):
            action.triggered.connect(lambda _on, d=dock: self._remember(d, not d.isHidden()))
        self.now_action = reg(
            "analyse.now",
            make_action(
                w,
                "&Analyse now",
                self.runner.run_now,
                keys="F5",
                tip="Analyse the map again now",
            ),
        )
        self.to_be_action = reg(
            "analyse.to_be",
            make_action(
                w,
                "Analyse the &to-be map",
                self._to_be_toggled,
                checkable=True,
                tip="Count proposed relationships as if they were made",
            ),
        )
        self.clear_action = reg(
            "analyse.clear",
            make_action(
                w,
                "C&lear the highlight",
                self.clear_overlay,
                icon_name="close",
                keys="Ctrl+Shift+H",
                tip="Stop highlighting a finding on the map",
            ),
        )
        self.report_action = reg(
            "file.export_report",
            make_action(
                w,
                "Export r&eport…",
                self.report.start,
                icon_name="export",
                keys="Ctrl+Shift+R",
                tip="Write an HTML report: the map, findings, charts and tables, ready to print",
            ),
        )

    def _connect(self) -> None:
        runner, panel, findings = self.runner, self.panel, self.panel.findings
        runner.started.connect(lambda: panel.show_status("Analysing the map…", 0.0))
        runner.progressed.connect(
            lambda fraction, stage: panel.show_status(f"Analysing the map: {stage}…", fraction)
        )
        runner.finished.connect(self._outcome)
        runner.failed.connect(lambda message: panel.show_status(f"Could not analyse: {message}"))
        runner.stale_changed.connect(self._stale)
        runner.presentation_changed.connect(self._refresh)
        panel.options_changed.connect(self._options)
        panel.stop_requested.connect(self.stop)
        findings.finding_selected.connect(self._show_finding)
        findings.accept_requested.connect(self.accept)
        findings.dismiss_requested.connect(self.dismiss)
        findings.zoom_requested.connect(self.zoom_to_overlay)
        findings.more_requested.connect(self.show_every_suggestion)
        panel.scenario.change_selected.connect(self._show_change)
        for dock in (self.dock, self.charts_dock):
            dock.visibilityChanged.connect(lambda _v: self.update_activity())

    # ------------------------------------------------------------------ menus
    def fill_menu(self, menu: QMenu) -> None:
        """Fill the Analyse menu."""
        menu.addActions([self.panel_action, self.charts_action])
        menu.addSeparator()
        menu.addActions([self.now_action, self.to_be_action, self.clear_action])
        menu.addSeparator()
        menu.addAction(self.report_action)

    def add_to_file_menu(self, menu: QMenu) -> None:
        """Put Export report… after the File menu's other exports."""
        after = self.window.action("file.export_other")
        actions = menu.actions()
        index = actions.index(after) if after in actions else len(actions) - 1
        before = actions[index + 1] if index + 1 < len(actions) else None
        menu.insertAction(before, self.report_action)  # type: ignore[arg-type]

    def add_toolbar_button(self, toolbar: QToolBar) -> None:
        """The Analysis panel's toggle, for the toolbar."""
        toolbar.addAction(self.panel_action)

    def actions(self) -> list[QAction]:
        """Actions that need a map."""
        return [self.now_action, self.to_be_action, self.clear_action, self.report_action]

    # ------------------------------------------------------------------ documents
    def set_document(self, document: MapDocument | None, show_docks: bool = True) -> None:
        """Follow the open map (or none: the start page).

        ``show_docks``: show the panels the user wants, or hide them with no map (False:
        leave them be; a big map shows them with its first frame, and the user may have
        closed them since).
        """
        self.report.cancel()
        self.every_suggestion = False
        self.panel.findings.set_findings([])
        self.panel.scenario.set_result(None)
        self.charts.set_data(None)
        self.panel.show_status("")
        if document is not None:
            self.panel.set_choices(grouping_choices(document.map), ("sector", "place"))
        if show_docks:
            self.show_docks(document is not None)
        for action in self.actions():
            action.setEnabled(document is not None)
        self.runner.set_options(self.panel.grouping(), self.panel.scenario_choice())
        self.runner.set_document(document)
        self.update_activity()

    def show_docks(self, shown: bool) -> None:
        """Show the panels the user wants with a map open (``shown``), or hide them."""
        for dock, wanted in self._wanted.items():
            dock.setVisible(shown and wanted)
        if shown and self._first_map:
            self._first_map = False
            # The charts are a click away on their tab (once the window has shown its docks).
            QTimer.singleShot(0, self, self._settle_docks)
        if shown and self.dock.width() < PANEL_WIDTH:
            self.window.resizeDocks([self.dock], [PANEL_WIDTH], Qt.Orientation.Horizontal)

    def stop(self) -> None:
        """The user stopped the analysis: keep what was shown, say how to run it again."""
        self.runner.cancel()
        self.panel.show_status(
            "Analysis stopped. It runs again after your next edit, or now with F5 (Analyse now)."
        )

    def cancel(self) -> None:
        """Stop any analysis or report being made (the map is closing)."""
        self.runner.cancel()
        self.report.cancel()

    def _settle_docks(self) -> None:
        self.window.tables_dock.raise_()
        if not self.dock.isHidden():  # shown, perhaps as a tab behind the inspector
            self.dock.raise_()  # what the map's analysis finds comes first
        self.charts_dock.visibilityChanged.connect(self._charts_shown)

    def _charts_shown(self, visible: bool) -> None:
        # Charts need more height than the tables they share the bottom with.
        if visible and self.charts_dock.height() < CHARTS_HEIGHT:
            self.window.resizeDocks([self.charts_dock], [CHARTS_HEIGHT], Qt.Orientation.Vertical)

    def _remember(self, dock: QDockWidget, wanted: bool) -> None:
        self._wanted[dock] = wanted
        self.window.settings.set_value(f"dock/{dock.objectName()}", wanted)

    def update_activity(self) -> None:
        """Run the analysis while someone can see it (or a report waits for it)."""
        visible = self.dock.isVisible() or self.charts_dock.isVisible()
        self.runner.set_active(visible or self.report.waiting)

    # ------------------------------------------------------------------ results
    def _options(self) -> None:
        self.to_be_action.setChecked(self.panel.scenario_choice() == "to-be")
        self.runner.set_options(self.panel.grouping(), self.panel.scenario_choice())

    def _to_be_toggled(self) -> None:
        wanted: Scenario = "to-be" if self.to_be_action.isChecked() else "as-is"
        if self.panel.scenario_choice() != wanted:
            self.panel.set_scenario(wanted)

    def _stale(self, stale: bool) -> None:
        if stale and self.runner.task is None and self.runner.outcome is not None:
            self.panel.show_status("The map has changed: the findings will update in a moment…")

    def _outcome(self, outcome: AnalysisOutcome) -> None:
        document = self.window.document
        if document is None:
            return
        result = outcome.result
        used = [str(a) for a in result.settings.get("attributes", [])]
        self.panel.set_choices(grouping_choices(document.map), used)
        self._refresh()
        self.panel.scenario.set_result(result)
        self.charts.set_data(outcome.charts)
        shown = len(self.panel.findings.findings())
        scenario = "to-be map" if outcome.scenario == "to-be" else "map as it is"
        groups = listing([attribute_label(a) for a in used]) or "no grouping"
        notes = "".join(f" Note: {note}" for note in outcome.result.notes)
        self.panel.show_status(
            f"Up to date: {count(shown, 'finding')} on the {scenario}, by {groups} "
            f"({outcome.seconds:.1f} s).{notes}"
        )
        self.report.outcome_ready(outcome)

    def _refresh(self) -> None:
        """List the findings of the latest analysis, leaving out dismissed or made links."""
        document, outcome = self.window.document, self.runner.outcome
        if document is None or outcome is None:
            return
        result = outcome.result
        shown = visible_findings(result, document.map, self.every_suggestion)
        listed = sum(f.kind == "suggested_link" for f in shown)
        more = 0 if self.every_suggestion else max(0, len(result.missing_links) - listed)
        self.panel.findings.set_findings(shown, more)
        if self.panel.findings.selected() is None and self.window.scene.overlay is not None:
            self.window.scene.set_overlay(None)  # its finding has gone (accepted, dismissed)

    def show_every_suggestion(self) -> None:
        """List every suggested link the analysis found (the "Show more" item)."""
        self.every_suggestion = True
        QTimer.singleShot(0, self, self._refresh)  # not while the tree is handling the click

    # ------------------------------------------------------------------ show me
    def _show_finding(self, finding: Finding | None) -> None:
        document, outcome = self.window.document, self.runner.outcome
        if finding is None or document is None or outcome is None:
            self.window.scene.set_overlay(None)
            return
        self.window.scene.set_overlay(overlay_for_finding(finding, outcome.result, document.map))

    def _show_change(self, change: Change | None) -> None:
        if change is None:
            self.window.scene.set_overlay(None)
            return
        finding = Finding("info", "to_be", change.title, change.explanation, change.highlight)
        self._show_finding(finding)

    def clear_overlay(self) -> None:
        """Stop highlighting (not an edit)."""
        self.panel.findings.clear_selection()
        self.window.scene.set_overlay(None)

    def zoom_to_overlay(self) -> None:
        """Fit what the overlay is about in the view (a silo's hull, not all its partners)."""
        scene, overlay = self.window.scene, self.window.scene.overlay
        if overlay is None:
            return
        core: set[str] = {i for g in overlay.groups for i in g.stakeholder_ids}
        core |= set(overlay.rings) | set(overlay.sizes) | set(overlay.badges)
        core |= {i for link in overlay.links for i in (link.source, link.target)}
        core |= {i for route in overlay.routes for i in route.stakeholder_ids}
        rect = QRectF()
        for stakeholder_id in core or overlay.emphasised_stakeholders():
            item = scene.item_for_stakeholder(stakeholder_id)
            if item is not None:
                rect = rect.united(item.sceneBoundingRect())
        if not rect.isNull():
            self.window.view.fit_rect(rect.adjusted(-60, -60, 60, 60))

    # ------------------------------------------------------------------ act on it
    def accept(self, finding: Finding) -> None:
        """Add a suggested link to the map as a proposed relationship (undoable)."""
        document = self.window.document
        if document is None or not document.push(AcceptSuggestedLink(document.map, finding)):
            return
        self.clear_overlay()
        self._refresh()
        self.window.show_message(
            f"Proposed: {finding.title.removeprefix('Introduce ')}. "
            "See “As is → to be” for what it would change; Ctrl+Z takes it back.",
            8000,
        )

    def dismiss(self, finding: Finding) -> None:
        """Hide a suggested link for this map (undoable, saved with the map)."""
        document = self.window.document
        if document is None or not document.push(DismissSuggestedLink(document.map, finding)):
            return
        self.clear_overlay()
        self._refresh()
        self.window.show_message("Dismissed the suggestion for this map; Ctrl+Z brings it back.")
