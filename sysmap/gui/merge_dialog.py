"""File ▸ Merge maps…: bring maps drawn by other tables or teams into the open map.

The open map comes first (its layout, ids and values win by default). Add the other maps;
the matcher proposes which stakeholders are the same, uncertain ones listed first; tick,
untick, pick another partner or search, settle the conflicts, then Merge. Matching and
merging run off the GUI thread with progress and Cancel. Nothing changes until Merge, and
then as one step that Edit ▸ Undo takes back (:class:`~sysmap.gui.commands.merge.MergeMaps`).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableView,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

from sysmap.combine.conflicts import ConflictKey
from sysmap.combine.matching import MatchPlan, propose
from sysmap.combine.merge import MergeResult, build_merge, check_maps, map_names, merge_maps
from sysmap.gui import dialogs
from sysmap.gui.merge_delegates import KeepDelegate, PartnerDelegate, review_table
from sysmap.gui.merge_review import (
    KEEP,
    MERGE,
    PARTNER,
    ConflictModel,
    MatchFilter,
    MatchModel,
)
from sysmap.gui.tasks import ProgressPanel, Task, launch
from sysmap.io import WORKSHOP_TABLES
from sysmap.model.system_map import SystemMap
from sysmap.workspace import open_map


class MergeDialog(QDialog):
    """Review the proposed matches and conflicts, then merge (see the module)."""

    def __init__(
        self,
        base: SystemMap,
        base_name: str,
        folder: Path,
        parent: QWidget | None = None,
        base_file: Path | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle("Merge maps")
        self.base, self.base_name, self.folder = base, base_name, folder
        self.base_file = base_file
        self.paths: list[Path] = []
        self.maps: list[SystemMap] = []
        self.names: list[str] = []
        self.plan: MatchPlan | None = None
        self.matches: MatchModel | None = None
        self.choices: dict[ConflictKey, str] = {}
        self.conflicts = ConflictModel([], self.choices)
        self.merged: MergeResult | None = None
        self.task: Task | None = None
        self._conflicts_stale = True
        self._build()
        self.resize(1060, 640)

    # ------------------------------------------------------------------ building
    def _build(self) -> None:
        intro = QLabel(
            f"Bring maps drawn by other tables or teams into “{self.base.title}”. "
            "Stakeholders that are the same become one; check the uncertain matches (listed "
            "first) and the conflicts, then Merge. Edit ▸ Undo takes the whole merge back."
        )
        intro.setTextFormat(Qt.TextFormat.PlainText)
        intro.setWordWrap(True)
        self.map_list = QListWidget()
        self.map_list.setAccessibleName("Maps to merge")
        self.map_list.setMaximumHeight(92)
        self.add_button = QPushButton("Add maps…")
        self.example_button = QPushButton("Add the workshop example")
        self.example_button.setToolTip(
            "The reoffending example as three workshop tables drew it, to try merging"
        )
        self.remove_button = QPushButton("Remove")
        self.add_button.clicked.connect(self._ask_paths)
        self.example_button.clicked.connect(self.add_workshop_tables)
        self.remove_button.clicked.connect(self._remove_selected)
        buttons = QVBoxLayout()
        for button in (self.add_button, self.example_button, self.remove_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        maps_row = QHBoxLayout()
        maps_row.addWidget(self.map_list, 1)
        maps_row.addLayout(buttons)
        self.summary = QLabel("Add the maps to merge into this one.")
        self.summary.setTextFormat(Qt.TextFormat.PlainText)
        self.summary.setWordWrap(True)
        self.tabs = QTabWidget()
        self.tabs.addTab(self._matches_tab(), "Matches")
        self.tabs.addTab(self._conflicts_tab(), "Conflicts")
        self.tabs.currentChanged.connect(self._tab_changed)
        self.progress = ProgressPanel()
        self.box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.merge_button = self.box.addButton("Merge", QDialogButtonBox.ButtonRole.AcceptRole)
        self.merge_button.setEnabled(False)
        self.box.accepted.connect(self._merge)
        self.box.rejected.connect(self.reject)
        bottom = QHBoxLayout()
        bottom.addWidget(self.progress)
        bottom.addStretch(1)
        bottom.addWidget(self.box)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(maps_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addLayout(bottom)
        self._show_maps()

    def _matches_tab(self) -> QWidget:
        self.search = QLineEdit()
        self.search.setPlaceholderText("Search names…")
        self.search.setClearButtonEnabled(True)
        self.search.setAccessibleName("Search names")
        self.uncertain_only = QCheckBox("Only uncertain")
        self.accept_all = QPushButton("Accept all uncertain")
        self.accept_all.setToolTip("Merge every uncertain stakeholder with its proposed partner")
        self.filter = MatchFilter()
        self.search.textChanged.connect(self.filter.set_text)
        self.uncertain_only.toggled.connect(self.filter.set_uncertain_only)
        self.accept_all.clicked.connect(self._accept_uncertain)
        self.match_view = review_table("Proposed matches")
        self.match_view.setModel(self.filter)
        self.match_view.setItemDelegateForColumn(PARTNER, PartnerDelegate(self, self))
        row = QHBoxLayout()
        row.addWidget(self.search, 1)
        row.addWidget(self.uncertain_only)
        row.addWidget(self.accept_all)
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addLayout(row)
        layout.addWidget(self.match_view)
        return page

    def _conflicts_tab(self) -> QWidget:
        note = QLabel(
            "Where the maps disagree about a stakeholder's sector, place or kind, or a "
            "relationship's status, nothing is overwritten silently: choose what to keep. "
            "Until you do, the first map's value stands. The merged map records each choice."
        )
        note.setWordWrap(True)
        self.conflict_view = review_table("Conflicts")
        self.conflict_view.setItemDelegateForColumn(KEEP, KeepDelegate(self, self))
        page = QWidget()
        layout = QVBoxLayout(page)
        layout.addWidget(note)
        layout.addWidget(self.conflict_view)
        return page

    # ------------------------------------------------------------------ maps
    def _ask_paths(self) -> None:
        names, _ = QFileDialog.getOpenFileNames(
            self, "Maps to merge in", str(self.folder), dialogs.open_filters()
        )
        self.add_paths([Path(n) for n in names])

    def add_workshop_tables(self) -> None:
        """Add the workshop tables of the reoffending example (other than the open one)."""
        mine = self.base_file.resolve() if self.base_file is not None else None
        self.add_paths([t.path for t in WORKSHOP_TABLES if t.path.resolve() != mine])

    def add_paths(self, paths: Sequence[Path]) -> None:
        """Add maps to merge in (a file already listed is left out), then match again."""
        known = {p.resolve() for p in self.paths}
        fresh = [p for p in paths if p.resolve() not in known]
        if not fresh:
            return
        self.paths += fresh
        self._show_maps()
        self._propose()

    def _remove_selected(self) -> None:
        row = self.map_list.currentRow()
        if row >= 1:  # the open map stays
            del self.paths[row - 1]
            self._show_maps()
            self._propose()

    def _show_maps(self) -> None:
        self.map_list.clear()
        self.map_list.addItem(f"{self.base_name} — the open map (its layout and values come first)")
        for path in self.paths:
            self.map_list.addItem(f"{path.name}    ({path.parent})")

    # ------------------------------------------------------------------ matching
    def _run(self, title: str, work: Callable[[], Any], done: Callable[[Any], None]) -> None:
        """Run ``work`` off the GUI thread with progress and Cancel; then call ``done``.

        Work already running is cancelled (its result is dropped): the newest question wins.
        """
        if self.task is not None:
            self.task.cancel()
        self.merge_button.setEnabled(False)

        def body(_progress: object) -> Any:
            return work()

        def failed(message: str) -> None:
            dialogs.show_error(self, "Cannot merge these maps", message)

        task = Task(title, body, self)
        self.task = task
        launch(task, self.progress, done, failed, lambda: None, lambda: self._over(task))

    def _over(self, task: Task) -> None:
        task.wait()  # its thread has signalled the end; let it finish before it goes
        task.deleteLater()
        if self.task is not task:
            return  # a newer task is running
        self.task = None
        if self.merged is not None:
            self.accept()  # only now: closing deletes the dialog, and its task with it
            return
        self.merge_button.setEnabled(self.plan is not None)

    def _propose(self) -> None:
        self.plan = None
        if not self.paths:
            self.matches = None
            self.match_view.setModel(None)
            self.summary.setText("Add the maps to merge into this one.")
            return
        paths = list(self.paths)

        def work() -> tuple[list[SystemMap], list[str], MatchPlan]:
            # The open map's own file, given again, is a map merged with itself: refused.
            names = map_names([str(self.base_file or self.base_name), *map(str, paths)])
            names[0] = self.base_name
            maps = [self.base, *(open_map(str(p)).map for p in paths)]
            check_maps(maps, names)
            return maps, names, propose(maps, names)

        self._run("Matching stakeholders", work, self._proposed)

    def _proposed(self, found: tuple[list[SystemMap], list[str], MatchPlan]) -> None:
        self.maps, self.names, self.plan = found
        partners = [m for group in self.plan.groups for m in group]
        self.matches = MatchModel(self.plan, partners)
        self.filter.setSourceModel(self.matches)
        self.match_view.setModel(self.filter)
        self.matches.dataChanged.connect(self._decided)
        self._fit_columns(self.match_view)
        self._decided()

    def _decided(self) -> None:
        """Say how things stand; the conflicts follow the decisions when next shown."""
        self._conflicts_stale = True
        if self.matches is None or self.plan is None:
            return
        self.match_view.resizeColumnToContents(MERGE)
        rows = self.matches.rows
        merged = sum(1 for r in rows if self.matches.partner(r) is not None)
        uncertain = sum(1 for r in rows if r.proposal.status == "uncertain")
        yours = sum(1 for r in rows if r.decision is not None)
        self.summary.setText(
            f"{len(rows)} stakeholders in the other maps: {merged} to merge with one already "
            f"here, {len(rows) - merged} to add. {uncertain} uncertain (listed first); "
            f"{yours} decided by you."
        )
        if self.tabs.currentIndex() == 1:
            self._refresh_conflicts()

    def _accept_uncertain(self) -> None:
        if self.matches is not None:
            self.matches.accept_uncertain()

    # ------------------------------------------------------------------ conflicts
    def _tab_changed(self, index: int) -> None:
        if index == 1 and self._conflicts_stale:
            self._refresh_conflicts()

    def _refresh_conflicts(self) -> None:
        if self.matches is None:
            return
        maps, names = self.maps, self.names
        decisions, choices = self.matches.decisions(), dict(self.choices)
        self._conflicts_stale = False

        def work() -> MergeResult:
            plan = propose(maps, names, decisions)
            return build_merge(maps, names, plan, choices, lay_out=False)

        self._run("Finding conflicts", work, self._show_conflicts)

    def _show_conflicts(self, preview: MergeResult) -> None:
        self.conflicts = ConflictModel(preview.conflicts, self.choices)
        self.conflict_view.setModel(self.conflicts)
        self._fit_columns(self.conflict_view, stretch=2)
        self.tabs.setTabText(1, f"Conflicts ({len(preview.conflicts)})")

    # ------------------------------------------------------------------ merging
    def _merge(self) -> None:
        if self.matches is None:
            return
        maps, names = self.maps, self.names
        decisions, choices = self.matches.decisions(), dict(self.choices)

        def work() -> MergeResult:
            return merge_maps(maps, names, decisions, choices)

        self._run("Merging the maps", work, self._merged)

    def _merged(self, result: MergeResult) -> None:
        self.merged = result  # accepted once the task is over (see _over)

    def reject(self) -> None:
        if self.task is not None:
            self.task.cancel()
            self.task.wait(5000)
        super().reject()

    @staticmethod
    def _fit_columns(view: QTableView, stretch: int | None = None) -> None:
        """Columns as wide as their contents (within reason); ``stretch`` takes the rest."""
        header = view.horizontalHeader()
        header.resizeSections(QHeaderView.ResizeMode.ResizeToContents)
        for column in range(header.count()):
            header.resizeSection(column, min(header.sectionSize(column), 250))
        if stretch is None:
            header.setStretchLastSection(True)
        else:
            header.setSectionResizeMode(stretch, QHeaderView.ResizeMode.Stretch)
