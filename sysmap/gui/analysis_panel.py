"""The Analysis panel: how to group, as is or to be, whether it is up to date, and the findings.

The top row chooses the grouping attributes and the scenario; a status line says whether the
findings describe the map as it is now or are being brought up to date; two tabs hold the
findings and the as-is / to-be comparison.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QButtonGroup,
    QHBoxLayout,
    QLabel,
    QMenu,
    QProgressBar,
    QSizePolicy,
    QTabWidget,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from sysmap.analysis.grouping import MAX_GROUPS, NOT_CATEGORICAL, attribute_label, value_text
from sysmap.analysis.ties import Scenario
from sysmap.gui.findings_view import FindingsView
from sysmap.gui.plain_text import plain_label
from sysmap.gui.resources import icon, mute
from sysmap.gui.scenario_view import ScenarioView
from sysmap.model.system_map import SystemMap

PREFERRED = ("sector", "place", "place_level", "kind")


def grouping_choices(system_map: SystemMap) -> list[str]:
    """Attributes a map can be grouped by: sector, place, place level, kind, then any column
    with 2 to 20 values that are not numbers."""
    values: dict[str, set[str]] = {}
    numeric: set[str] = set()
    for _node, data in system_map.stakeholder_rows():
        for name, value in data.items():
            if name in NOT_CATEGORICAL:
                continue
            if isinstance(value, int | float) and not isinstance(value, bool):
                numeric.add(name)
                continue
            text = value_text(value)
            if text is not None:
                values.setdefault(name, set()).add(text)
    usable = [n for n, v in values.items() if n not in numeric and 2 <= len(v) <= MAX_GROUPS]
    first = [a for a in PREFERRED if a in usable]
    return first + sorted((a for a in usable if a not in PREFERRED), key=str.casefold)


class AnalysisPanel(QWidget):
    """Options, status, findings and the scenario comparison."""

    options_changed = Signal()
    stop_requested = Signal()
    """The user pressed Stop while the analysis runs."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.group_button = QToolButton()
        self.group_button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        self.group_button.setAccessibleName("Group by")
        self.group_button.setObjectName("GroupButton")  # room for its arrow: sysmap.qss
        self.group_button.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Fixed)
        self.group_button.setToolTip("Which attributes split stakeholders into groups")
        self.group_menu = QMenu(self.group_button)
        self.group_button.setMenu(self.group_menu)
        self.as_is = self._toggle("As is", "Analyse the map as it is: proposed links do not count")
        self.to_be = self._toggle("To be", "Count proposed relationships as if they were made")
        self.as_is.setChecked(True)
        self.scenario_group = QButtonGroup(self)
        self.scenario_group.setExclusive(True)
        self.scenario_group.addButton(self.as_is)
        self.scenario_group.addButton(self.to_be)
        top = QHBoxLayout()
        top.addWidget(self.group_button, 1)
        top.addWidget(self.as_is)
        top.addWidget(self.to_be)
        self.status = plain_label(QLabel(""))  # notes quoting the map's own values
        self.status.setWordWrap(True)
        self.status.setAccessibleName("Analysis status")
        mute(self.status)
        self.busy = QProgressBar()
        self.busy.setRange(0, 100)
        self.busy.setMaximumHeight(6)
        self.busy.setTextVisible(False)
        self.busy.setAccessibleName("Analysis progress")
        self.stop = QToolButton()
        self.stop.setIcon(icon("cancel"))
        self.stop.setText("Stop")
        self.stop.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        self.stop.setAccessibleName("Stop the analysis")
        self.stop.setToolTip("Stop this analysis; it runs again after your next edit, or with F5")
        self.stop.clicked.connect(self.stop_requested)
        running = QHBoxLayout()
        running.addWidget(self.busy, 1)
        running.addWidget(self.stop)
        self.busy.hide()
        self.stop.hide()
        self.findings = FindingsView()
        self.scenario = ScenarioView()
        self.tabs = QTabWidget()
        self.tabs.setAccessibleName("Analysis views")
        self.tabs.tabBar().setAccessibleName("Analysis views")
        self.tabs.addTab(self.findings, "Findings")
        self.tabs.addTab(self.scenario, "As is → to be")
        layout = QVBoxLayout(self)
        layout.setContentsMargins(4, 4, 4, 4)
        layout.addLayout(top)
        layout.addWidget(self.status)
        layout.addLayout(running)
        layout.addWidget(self.tabs, 1)
        self._choices: list[str] = []
        self._choices_known = False  # until the first analysis says what the map offers
        self._chosen: list[str] = []
        self._shown: list[str] = []
        self.scenario_group.buttonClicked.connect(lambda _b: self.options_changed.emit())
        self._update_group_button()

    def _toggle(self, text: str, tip: str) -> QToolButton:
        button = QToolButton()
        button.setText(text)
        button.setCheckable(True)
        button.setObjectName("ScenarioToggle")  # styled so its two states differ by 3:1
        button.setToolTip(tip)
        button.setAccessibleName(text)
        button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextOnly)
        return button

    # ------------------------------------------------------------------ options
    def scenario_choice(self) -> Scenario:
        """The scenario chosen."""
        return "to-be" if self.to_be.isChecked() else "as-is"

    def set_scenario(self, scenario: Scenario) -> None:
        """Choose a scenario (as clicking its button would)."""
        (self.to_be if scenario == "to-be" else self.as_is).setChecked(True)
        self.options_changed.emit()

    def grouping(self) -> list[str] | None:
        """The attributes chosen, or ``None`` for the defaults."""
        return list(self._chosen) or None

    def set_choices(self, choices: Sequence[str], used: Sequence[str] = ()) -> None:
        """Offer these attributes; tick the ones the analysis used (chosen ones stay ticked)."""
        self._choices = list(choices)
        self._choices_known = True
        self._chosen = [a for a in self._chosen if a in self._choices]
        ticked = self._chosen or [a for a in used if a in self._choices]
        self.group_menu.clear()
        for attribute in self._choices:
            action = QAction(attribute_label(attribute).capitalize(), self.group_menu)
            action.setCheckable(True)
            action.setChecked(attribute in ticked)
            action.toggled.connect(lambda on, a=attribute: self._toggle_attribute(a, on))
            self.group_menu.addAction(action)
        if not self._choices:
            self.group_menu.addAction("No attribute splits the map into groups").setEnabled(False)
        self._shown = ticked
        self._update_group_button()

    def set_grouping(self, attributes: Sequence[str] | None) -> None:
        """Group by these attributes (``None``: the defaults)."""
        self._chosen = list(attributes or [])
        self.set_choices(self._choices)
        self.options_changed.emit()

    def _toggle_attribute(self, attribute: str, on: bool) -> None:
        current = self._chosen or list(self._shown)
        chosen = [
            a for a in self._choices if (a in current and a != attribute) or (a == attribute and on)
        ]
        if not chosen:  # at least one grouping: put the tick back
            self.set_choices(self._choices, current)
            return
        self._chosen = chosen
        self._shown = chosen
        self._update_group_button()
        self.options_changed.emit()

    def _update_group_button(self) -> None:
        shown = self._chosen or list(self._shown)
        # The same words as the status line: a map with nothing to group by says so.
        names = ", ".join(attribute_label(a) for a in shown) or (
            "no grouping" if self._choices_known and not self._choices else "sector and place"
        )
        self.group_button.setText(f"Group by: {names}")

    # ------------------------------------------------------------------ status
    def show_status(self, text: str, busy: float | None = None) -> None:
        """Say how the analysis stands; ``busy`` is its progress (0–1) while it runs."""
        self.status.setText(text)
        self.busy.setVisible(busy is not None)
        self.stop.setVisible(busy is not None)
        if busy is not None:
            self.busy.setValue(round(max(0.0, min(1.0, busy)) * 100))
