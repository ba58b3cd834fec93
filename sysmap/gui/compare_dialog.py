"""View ▸ Compare with…: what differs between the open map and another, and what it did to
the analysis.

The dialog lists the stakeholders and relationships added, removed and changed (choose one
to find it on the map), possible renames to check, and what changed in the analysis; its
Picture tab shows the changes drawn on the map (removed ones put back, dashed), as ``sysmap
export --compare`` draws them. "Mark on the map" shows the same marks on the canvas (not an
edit). The comparison and both analyses run off the GUI thread.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from PySide6.QtCore import Qt
from PySide6.QtGui import QPixmap, QResizeEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
)

from sysmap.analysis import analyse
from sysmap.canvas.compare_overlay import comparison_overlay
from sysmap.canvas.export import export_image, render_image
from sysmap.canvas.overlay import Overlay
from sysmap.canvas.scene import MapScene
from sysmap.combine.analysis_changes import TOPICS, AnalysisChanges, analysis_changes
from sysmap.combine.compare import FieldChange, MapComparison, compare_maps
from sysmap.combine.compare_text import render_markdown, render_text, summary_line, to_json
from sysmap.combine.diff_map import DiffMap, diff_map
from sysmap.combine.merge import map_names
from sysmap.gui import dialogs
from sysmap.gui.plain_text import plain_tooltip
from sysmap.gui.tasks import ProgressPanel, Task, launch
from sysmap.gui.window_base import WindowBase
from sysmap.io import atomic_write
from sysmap.model.errors import SysmapError
from sysmap.model.progress import Progress, reporting
from sysmap.workspace import open_map

PICTURE_WIDTH = 1400
ID_ROLE = Qt.ItemDataRole.UserRole


@dataclass(frozen=True)
class Compared:
    """What the comparison found, and the map to draw it on."""

    comparison: MapComparison
    diff: DiffMap


class CompareDialog(QDialog):
    """The differences between the open map and ``earlier`` (see the module)."""

    def __init__(self, window: WindowBase, earlier: Path) -> None:
        super().__init__(window)
        self.main = window
        self.earlier = earlier
        self.found: Compared | None = None
        self.overlay: Overlay | None = None
        self.task: Task | None = None
        self.setWindowTitle(f"Compare with {earlier.name}")
        self._build()
        self.resize(900, 620)
        self.compare()

    def _build(self) -> None:
        self.summary = QLabel(f"Comparing with {self.earlier}…")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.tree = QTreeWidget()
        self.tree.setHeaderLabels(["Difference", "Details"])
        self.tree.setAccessibleName("Differences")
        self.tree.itemSelectionChanged.connect(self._find_on_map)
        self.picture = QLabel("The picture appears when the comparison is done.")
        self.picture.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.image = QPixmap()
        scroll = QScrollArea()
        scroll.setWidget(self.picture)
        scroll.setWidgetResizable(True)
        self.picture_area = scroll
        self.tabs = QTabWidget()
        self.tabs.addTab(self.tree, "Differences")
        self.tabs.addTab(scroll, "Picture")
        self.tabs.currentChanged.connect(lambda _tab: self._fit_picture())
        self.mark = QPushButton("Mark on the map")
        self.mark.setCheckable(True)
        self.mark.setToolTip("Show what was added and changed on the map (not an edit)")
        self.mark.toggled.connect(self._mark)
        self.again = QPushButton("Compare again")
        self.again.setToolTip("Compare the map as it is now (after your edits)")
        self.again.clicked.connect(self.compare)
        self.save_picture = QPushButton("Export picture…")
        self.save_picture.clicked.connect(self._export_picture)
        self.save_text_button = QPushButton("Save as text…")
        self.save_text_button.clicked.connect(self._save_text)
        self.progress = ProgressPanel()
        box = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        box.rejected.connect(self.reject)
        row = QHBoxLayout()
        for button in (self.mark, self.again, self.save_picture, self.save_text_button):
            row.addWidget(button)
        row.addWidget(self.progress)
        row.addStretch(1)
        row.addWidget(box)
        layout = QVBoxLayout(self)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(row)
        self._enable(False)

    def _enable(self, ready: bool) -> None:
        for button in (self.mark, self.save_picture, self.save_text_button):
            button.setEnabled(ready)

    # ------------------------------------------------------------------ comparing
    def compare(self) -> None:
        """Compare the open map, as it is now, with the earlier one."""
        document = self.main.document
        if document is None or self.task is not None:
            return
        current = document.map.copy()
        path = self.earlier
        here = document.path or Path(f"{document.display_name}.graphml")
        names = map_names([str(path), str(here)], repeats=True)

        def work(progress: Progress) -> Compared:
            with reporting(progress.part(0.0, 0.1, "Reading")):
                earlier = open_map(str(path)).map
            comparison = compare_maps(earlier, current, (names[0], names[1]))
            before = analyse(earlier, progress=progress.part(0.2, 0.6))
            after = analyse(current, progress=progress.part(0.6, 1.0))
            comparison.analysis = analysis_changes(before, after, comparison.paired)
            return Compared(comparison, diff_map(earlier, current, comparison))

        self._enable(False)
        task = Task(f"Comparing with {path.name}", work, self)
        self.task = task
        launch(
            task,
            self.progress,
            self._show,
            lambda message: self.summary.setText(message),
            lambda: self.summary.setText("Comparison stopped."),
            lambda: self._over(task),
        )

    def _over(self, task: Task) -> None:
        task.wait()  # its thread has signalled the end; let it finish before it goes
        task.deleteLater()
        if self.task is task:
            self.task = None

    def _show(self, found: Compared) -> None:
        self.found = found
        comparison = found.comparison
        self.summary.setText(f"{comparison.names[0]} → this map. {summary_line(comparison)}")
        self._fill_tree(comparison)
        self.overlay = comparison_overlay(found.diff)
        scene = MapScene(found.diff.map)
        try:
            scene.set_overlay(self.overlay)
            self.image = QPixmap.fromImage(render_image(scene, PICTURE_WIDTH))
        finally:
            scene.close()
        self._fit_picture()
        self._enable(True)
        if self.mark.isChecked():
            self._mark(True)

    def _fill_tree(self, comparison: MapComparison) -> None:
        self.tree.clear()
        people = [
            ("added", comparison.stakeholders_added),
            ("removed", comparison.stakeholders_removed),
            ("changed", comparison.stakeholders_changed),
        ]
        for verb, items in people:
            self._section(
                f"Stakeholders {verb} ({len(items)})",
                [(d.label, _changes(d.changes), d.after) for d in items],
            )
        ties = [
            ("added", comparison.relationships_added),
            ("removed", comparison.relationships_removed),
            ("changed", comparison.relationships_changed),
        ]
        for verb, links in ties:
            self._section(
                f"Relationships {verb} ({len(links)})",
                [(d.name, _changes(d.changes), "") for d in links],
            )
        self._section(
            f"Possibly the same, to check ({len(comparison.possible_renames)})",
            [
                (f"{r.before_label} → {r.after_label}", r.reason, r.after)
                for r in comparison.possible_renames
            ],
        )
        if isinstance(comparison.analysis, AnalysisChanges):
            for topic in TOPICS:
                changes = comparison.analysis.topic(topic)
                rows = [(c.text, "", c.stakeholders[0] if c.stakeholders else "") for c in changes]
                self._section(f"Analysis: {topic} ({len(changes)})", rows)
        self.tree.setColumnWidth(0, max(320, self.tree.width() // 2))

    def _section(self, title: str, rows: list[tuple[str, str, str]]) -> None:
        if not rows:
            return
        top = QTreeWidgetItem([title, ""])
        self.tree.addTopLevelItem(top)  # first: spanning needs the item in the tree
        top.setFirstColumnSpanned(True)
        for text, details, stakeholder in rows:
            item = QTreeWidgetItem([text, details])
            item.setData(0, ID_ROLE, stakeholder)
            item.setToolTip(0, plain_tooltip(text))  # names, as the maps spell them
            item.setToolTip(1, plain_tooltip(details))
            top.addChild(item)
            item.setFirstColumnSpanned(not details)  # a sentence reads across the whole row
        top.setExpanded(True)

    def _fit_picture(self) -> None:
        """The picture as wide as the tab (it scrolls down if it is tall)."""
        if self.image.isNull():
            return
        bar = self.picture_area.verticalScrollBar().sizeHint().width()
        width = max(200, self.picture_area.width() - bar - 6)
        mode = Qt.TransformationMode.SmoothTransformation
        self.picture.setPixmap(self.image.scaledToWidth(min(width, self.image.width()), mode))

    def resizeEvent(self, event: QResizeEvent) -> None:
        super().resizeEvent(event)
        self._fit_picture()

    # ------------------------------------------------------------------ actions
    def _find_on_map(self) -> None:
        items = self.tree.selectedItems()
        document = self.main.document
        if not items or document is None:
            return
        stakeholder = items[0].data(0, ID_ROLE)
        if stakeholder and document.map.has_stakeholder(stakeholder):
            self.main.select([stakeholder])
            item = self.main.scene.item_for_stakeholder(stakeholder)
            if item is not None:
                self.main.view.centerOn(item)

    def _mark(self, on: bool) -> None:
        scene = self.main.scene
        if on and self.overlay is not None:
            scene.set_overlay(self.overlay)
        elif scene.overlay is self.overlay and self.overlay is not None:
            scene.set_overlay(None)

    def _export_picture(self) -> None:
        if self.found is None:
            return
        suggested = self.main.settings.last_folder() / f"changes-since-{self.earlier.stem}.png"
        name, _ = QFileDialog.getSaveFileName(
            self, "Export the picture", str(suggested), "PNG (*.png);;SVG (*.svg);;PDF (*.pdf)"
        )
        if name:
            self.export_picture(Path(name))

    def export_picture(self, path: Path) -> None:
        """Write the picture of the changes (PNG, SVG or PDF by the extension)."""
        assert self.found is not None
        try:
            export_image(self.found.diff.map, path, overlay=self.overlay)
        except SysmapError as exc:
            dialogs.show_error(self, "Cannot export the picture", str(exc))
            return
        self.main.show_message(f"Exported the changes as {path.name}.")

    def _save_text(self) -> None:
        if self.found is None:
            return
        suggested = self.main.settings.last_folder() / f"changes-since-{self.earlier.stem}.md"
        name, _ = QFileDialog.getSaveFileName(
            self,
            "Save the comparison",
            str(suggested),
            "Markdown (*.md);;Text (*.txt);;JSON (*.json)",
        )
        if name:
            self.save_text(Path(name))

    def save_text(self, path: Path) -> None:
        """Write the comparison as Markdown, text or JSON (by the extension)."""
        assert self.found is not None
        comparison = self.found.comparison
        suffix = path.suffix.lower()
        if suffix == ".json":
            text = json.dumps(to_json(comparison), ensure_ascii=False, indent=2) + "\n"
        elif suffix == ".md":
            text = render_markdown(comparison)
        else:
            text = render_text(comparison)
        try:
            atomic_write(path, text.encode("utf-8"), keep_backup=False)
        except SysmapError as exc:
            dialogs.show_error(self, "Cannot save the comparison", str(exc))
            return
        self.main.show_message(f"Saved the comparison as {path.name}.")

    def done(self, result: int) -> None:
        self._mark(False)
        if self.task is not None:
            self.task.cancel()
            self.task.wait(5000)
        super().done(result)


def _changes(changes: tuple[FieldChange, ...]) -> str:
    return "; ".join(
        f"{'name' if c.field == 'label' else c.field.replace('_', ' ')}: "
        f"{c.before_text} → {c.after_text}"
        for c in changes
    )
