"""Opening a map from another tool: say which of its columns means sector, place or kind,
and which holds the labels, positions, weights or directions.

Kumu calls a sector ``Type``, Gephi has a ``Modularity Class``, yEd a ``group``; a network of
stations keeps its names in ``station name`` and its places in ``x coordinate``. sysmap does
not guess: when a file leaves most stakeholders without a sector or a place and has columns
that could hold one, or leaves labels, positions or weights out while a column's name says it
holds them, the user is asked which column (if any) to use, with a preview of what each value
becomes. The file itself is never changed; the choice applies to the map opened.
"""

from __future__ import annotations

from collections import Counter

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from sysmap.gui.field_columns import FIELDS, field_candidates, suggested_fields
from sysmap.gui.plain_text import plain_label
from sysmap.io.remap import AttributeRemap, column_values, plan_remap
from sysmap.io.result import LoadResult
from sysmap.model import SystemMap
from sysmap.workspace import remap_columns

OFFERED = {"sector": "Sector", "place": "Place", "place_level": "Place level", "kind": "Kind"}
"""The fields a column can fill, with the names the dialog shows."""
MAX_VALUES = 30
"""A column with more distinct values than this is a name or a note, not a grouping."""
UNIQUE_UP_TO = 12
"""Up to this many stakeholders, a column may give each stakeholder a group of its own."""
SAMPLE_CHARS = 60


def candidate_columns(system_map: SystemMap) -> dict[str, Counter[str]]:
    """Columns whose values repeat, like a grouping does (not ids, links or free text)."""
    found = {}
    small = system_map.stakeholder_count <= UNIQUE_UP_TO
    for column, values in column_values(system_map).items():
        used = sum(values.values())
        distinct = {" ".join(value.casefold().split()) for value in values}
        if not 0 < len(distinct) <= MAX_VALUES or _measure(values):
            continue
        # In a big file a column with a different value on every row is an id or a name,
        # and one that few stakeholders fill is a note about them.
        if small or (len(distinct) < used and used * 4 >= system_map.stakeholder_count):
            found[column] = values
    return dict(sorted(found.items(), key=lambda item: item[0].casefold()))


def _measure(values: Counter[str]) -> bool:
    """Whether the values are amounts (0.4, 1.8), not classes (1, 2, 3) or names."""
    try:
        numbers = [float(value) for value in values]
    except ValueError:
        return False
    return any(not number.is_integer() for number in numbers)


def needs_mapping(system_map: SystemMap, unpositioned: frozenset[str] = frozenset()) -> bool:
    """Whether most stakeholders lack a sector or a place and some column could give one,
    or a column's name says it holds labels, positions, weights or directions the map lacks."""
    count = system_map.stakeholder_count
    if suggested_fields(system_map, unpositioned):
        return True
    if count == 0 or not candidate_columns(system_map):
        return False
    rows = [data for _, data in system_map.stakeholder_rows()]
    return any(sum(1 for data in rows if not data.get(f)) * 2 > count for f in ("sector", "place"))


class ColumnMappingDialog(QDialog):
    """Choose a column for sector, place, place level and kind, with a preview."""

    def __init__(
        self,
        system_map: SystemMap,
        file_name: str,
        parent: QWidget | None = None,
        unpositioned: frozenset[str] = frozenset(),
    ):
        super().__init__(parent)
        self.setWindowTitle("Use the file's columns")
        self.setObjectName("ColumnMappingDialog")
        self.system_map = system_map
        self.columns = candidate_columns(system_map)
        self.suggested = suggested_fields(system_map, unpositioned)
        intro = QLabel(
            f"“{file_name}” may keep what sysmap calls a sector, place, label, position, "
            "weight or direction under other names. If one of its columns holds one, choose "
            "it here. The file itself is not changed."
        )
        intro.setWordWrap(True)
        plain_label(intro)  # it names the file
        form = QFormLayout()
        self.choices: dict[str, QComboBox] = {}
        for target, label in OFFERED.items():
            combo = self._combo(target, self.columns, self._named(target))
            combo.setAccessibleName(f"Column for {label.lower()}")
            form.addRow(f"{label}:", combo)
            self.choices[target] = combo
        for target, label in FIELDS.items():
            columns = field_candidates(system_map, target)
            if not columns:
                continue  # no column could fill it: no row to puzzle over
            combo = self._combo(target, columns, self.suggested.get(target))
            combo.setAccessibleName(f"Column for {label.lower()}")
            form.addRow(f"{label}:", combo)
            self.choices[target] = combo
        self.new_terms = QCheckBox("Add values that match nothing as new sectors and kinds")
        self.new_terms.toggled.connect(self._preview)
        self.preview = plain_label(QLabel(""))  # quotes the file's values
        self.preview.setWordWrap(True)
        self.preview.setObjectName("MappingPreview")
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self._use = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        self._use.setText("Use these columns")
        cancel = self.buttons.button(QDialogButtonBox.StandardButton.Cancel)
        cancel.setText("Keep the file as it is")
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(intro)
        layout.addLayout(form)
        layout.addWidget(self.new_terms)
        layout.addWidget(self.preview)
        layout.addWidget(self.buttons)
        self.setMinimumWidth(560)
        self._preview()

    def _named(self, target: str) -> str | None:
        """A grouping column already called by the field's name."""
        names = (target, OFFERED[target].casefold())
        return next((c for c in self.columns if c.casefold() in names), None)

    def _combo(
        self, target: str, columns: dict[str, Counter[str]], chosen: str | None
    ) -> QComboBox:
        combo = QComboBox()
        combo.addItem("Leave as it is", "")
        for column, values in columns.items():
            shown = ", ".join(value for value, _ in values.most_common(4))
            if len(values) > 4 or len(shown) > SAMPLE_CHARS:
                shown = shown[:SAMPLE_CHARS].rstrip(", ") + ", …"
            combo.addItem(f"{column} ({shown})", column)
            # A column whose name says it is the field is chosen already; the user confirms.
            if column == chosen:
                combo.setCurrentIndex(combo.count() - 1)
        combo.currentIndexChanged.connect(self._preview)
        return combo

    def remaps(self) -> list[AttributeRemap]:
        """The columns chosen, one instruction per field."""
        return [
            AttributeRemap(str(combo.currentData()), target)
            for target, combo in self.choices.items()
            if combo.currentData()
        ]

    def add_terms(self) -> bool:
        """Whether unmatched values become new terms of the map's vocabularies."""
        return self.new_terms.isChecked()

    def _preview(self) -> None:
        remaps = self.remaps()
        columns = [(r.target in ("weight", "direction"), r.column) for r in remaps]
        if len(set(columns)) < len(columns):
            self.preview.setText("Choose a different column for each field.")
            self._use.setEnabled(False)
            return
        self._use.setEnabled(bool(remaps))
        lines: list[str] = []
        for remap in remaps:
            lines += plan_remap(self.system_map, remap, add_terms=self.add_terms()).sentences()
        self.preview.setText(
            "\n".join(lines) or "Nothing is changed: choose a column for a field above."
        )


def offer_column_mapping(parent: QWidget, result: LoadResult, file_name: str) -> None:
    """Ask which columns to use when the map needs it; apply the answer to ``result``."""
    if not needs_mapping(result.map, result.unpositioned):
        return
    dialog = ColumnMappingDialog(result.map, file_name, parent, result.unpositioned)
    if dialog.exec() != QDialog.DialogCode.Accepted:
        return
    remap_columns(result, dialog.remaps(), add_terms=dialog.add_terms())
