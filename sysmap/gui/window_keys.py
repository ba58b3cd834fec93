"""The window's keyboard layer: panel cycling, shortcuts for what the mouse reaches in one click,
Alt keys kept to their panels, and the map described to assistive technology.

A keyboard user moves between the map and the panels with Ctrl+Tab or F6, walks the map with
Ctrl+arrow keys (nearest stakeholder in that direction) and opens one in the inspector with
Enter. Screen readers hear the stakeholder the map's focus is on: its name, sector, place,
relationships and the findings it is in.
"""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import QDockWidget

from sysmap.analysis.wording import count, listing
from sysmap.gui.actions import make_action
from sysmap.gui.keyboard import PanelMnemonics, cycle_panels, focus_into
from sysmap.gui.window_base import WindowBase
from sysmap.model.vocab import PLACE_LEVELS

LAYOUT_KEYS = ("Alt+1", "Alt+2", "Alt+3", "Alt+4", "Alt+5", "Alt+6")
"""Layouts in the Layout menu's order."""
MENU_SHORTCUTS = {
    "view.legend": "Ctrl+Shift+L",
    "analyse.to_be": "Ctrl+Shift+B",
}
"""Shortcuts given here to actions other controllers make (the keys all live in one place)."""


class KeyboardController(QObject):
    """The keyboard rules and extra shortcuts of one window."""

    def __init__(self, window: WindowBase) -> None:
        super().__init__(window)
        self.window = window
        self._mnemonics: list[PanelMnemonics] = []
        reg = window.register
        self.next_panel = reg(
            "view.next_panel",
            make_action(
                window,
                "&Next panel",
                lambda: self.cycle(True),
                keys=["Ctrl+Tab", "F6"],
                tip="Move the keyboard to the next panel: the map, then each panel shown",
            ),
        )
        self.previous_panel = reg(
            "view.previous_panel",
            make_action(
                window,
                "P&revious panel",
                lambda: self.cycle(False),
                keys=["Ctrl+Shift+Tab", "Shift+F6"],
                tip="Move the keyboard to the previous panel",
            ),
        )
        self.open_stakeholder = reg(
            "edit.open_in_inspector",
            make_action(
                window,
                "Open in the inspector",
                self.open_in_inspector,
                tip="Edit the selected stakeholder in the inspector (Enter on the map)",
            ),
        )
        self._finding_actions()
        window.scene.open_requested.connect(lambda _id: self.open_in_inspector())

    def _finding_actions(self) -> None:
        window, analysis = self.window, self.window.analysis
        findings = analysis.panel.findings
        for name, text, slot, keys, tip in (
            (
                "analyse.findings",
                "Go to the &findings",
                self.focus_findings,
                "Ctrl+Alt+F",
                "Show the Analysis panel and put the keyboard on its list of findings",
            ),
            (
                "analyse.zoom",
                "&Zoom to the finding",
                findings.zoom_button.click,
                "Ctrl+Shift+G",
                "Fit the chosen finding in view",
            ),
            (
                "analyse.accept",
                "A&ccept the suggestion",
                findings.accept_button.click,
                "Ctrl+Shift+Y",
                "Add the chosen suggested link to the map as a proposed relationship",
            ),
            (
                "analyse.dismiss",
                "&Dismiss the suggestion",
                findings.dismiss_button.click,
                "Ctrl+Shift+D",
                "Hide the chosen suggested link for this map",
            ),
        ):
            window.register(name, make_action(window, text, slot, keys=keys, tip=tip))

    def focus_findings(self) -> None:
        """Ctrl+Alt+F: the Analysis panel in front, the keyboard on its findings."""
        dock = self.window.analysis.dock
        dock.show()
        dock.raise_()
        panel = self.window.analysis.panel
        panel.tabs.setCurrentIndex(0)
        tree = panel.findings.tree
        tree.setFocus(Qt.FocusReason.ShortcutFocusReason)
        top = tree.topLevelItem(0)
        if tree.currentItem() is None and top is not None:
            first = top.child(0) if top.childCount() else None
            tree.setCurrentItem(first or top)

    # -------------------------------------------------------------- wiring, once built
    def finish(self) -> None:
        """Give keys to actions made elsewhere and keep each panel's Alt keys to itself
        (called once the menus and panels exist)."""
        window = self.window
        for name, keys in MENU_SHORTCUTS.items():
            _add_shortcut(window.action(name), keys)
        for action, keys in zip(window.layouts.layout_actions, LAYOUT_KEYS, strict=False):
            _add_shortcut(action, keys)
        for dock in window.findChildren(QDockWidget):
            widget = dock.widget()
            if widget is not None:
                self._mnemonics.append(PanelMnemonics(widget))

    # -------------------------------------------------------------- moving about
    def cycle(self, forward: bool) -> None:
        """Ctrl+Tab / F6: the map, then each panel on screen, and round again."""
        window = self.window
        centre = window.view if window.document is not None else window.start_page
        cycle_panels(window, centre, forward)

    def open_in_inspector(self) -> None:
        """Show the inspector with its name field focused, for the selected stakeholder."""
        window = self.window
        stakeholders, _ = window.selected()
        if not stakeholders:
            return
        dock = window.inspector_dock
        dock.show()
        dock.raise_()
        page = window.inspector.stakeholder_page
        if not focus_into(page.name):
            focus_into(window.inspector)

    # -------------------------------------------------------------- assistive technology
    def describe_selection(self) -> None:
        """Tell assistive technology what the map's selection is: the map's accessible name
        and description follow the selected stakeholder."""
        window, view = self.window, self.window.view
        document = window.document
        stakeholders, relationships = window.selected()
        if document is None or len(stakeholders) != 1:
            view.setAccessibleName("Map")
            view.setAccessibleDescription(
                _many(len(stakeholders), len(relationships))
                + " Ctrl+arrow keys step between stakeholders; Enter opens one in the inspector."
            )
            return
        node_id = stakeholders[0]
        name = document.map.label(node_id)
        view.setAccessibleName(f"Map: {name}")
        view.setAccessibleDescription(self.stakeholder_description(node_id))

    def stakeholder_description(self, node_id: str) -> str:
        """One stakeholder in words: sector, place, relationships and findings it is in."""
        document = self.window.document
        if document is None:
            return ""
        system_map = document.map
        data = system_map.stakeholder_fields(node_id)
        sector = system_map.sectors.get(str(data.get("sector") or ""))
        sector_text = sector.label if sector is not None else "no sector set"
        place = str(data.get("place") or "") or "no place set"
        level = PLACE_LEVELS.get(str(data.get("place_level") or ""))
        where = f"{place} ({level.label.lower()})" if level is not None else place
        ties = system_map.network().degree(node_id)
        findings = [
            f.title
            for f in self.window.analysis.panel.findings.findings()
            if node_id in f.highlight.nodes
        ]
        in_findings = (
            f"In {count(len(findings), 'finding')}: {listing(findings[:3])}"
            + ("…" if len(findings) > 3 else ".")
            if findings
            else "In no finding."
        )
        return f"{sector_text}; {where}; {count(ties, 'relationship')}. {in_findings}"


def _many(stakeholders: int, relationships: int) -> str:
    if not stakeholders and not relationships:
        return "Nothing selected."
    parts = [count(stakeholders, "stakeholder")] if stakeholders else []
    parts += [count(relationships, "relationship")] if relationships else []
    return " and ".join(parts) + " selected."


def _add_shortcut(action: QAction, keys: str) -> None:
    """Give ``action`` its shortcut and name the key in its tooltip, as make_action does."""
    action.setShortcut(keys)
    action.setShortcutContext(Qt.ShortcutContext.WindowShortcut)
    tip = action.toolTip()
    if "(" not in tip:
        action.setToolTip(f"{tip} ({action.shortcut().toString()})")
