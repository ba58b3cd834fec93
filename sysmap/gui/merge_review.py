"""The review tables of File ▸ Merge maps: proposed matches, and conflicts to settle.

:class:`MatchModel` lists one row per stakeholder of the maps being merged in, uncertain
matches first: tick or untick "Merge", or pick another partner (or none) in "Same as".
:class:`ConflictModel` lists where the maps disagree, with the value to keep. Both are plain
Qt models over the core's :class:`~sysmap.combine.matching.MatchPlan` and
:class:`~sysmap.combine.conflicts.Conflict`; names from files are shown as plain text.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    QSortFilterProxyModel,
    Qt,
)

from sysmap.combine.conflicts import Conflict, ConflictKey
from sysmap.combine.matching import Decision, MatchPlan, Proposal, StakeholderKey
from sysmap.combine.profiles import Member

Index = QModelIndex | QPersistentModelIndex
ORDER = {"uncertain": 0, "new": 1, "match": 2}
STATUS_WORDS = {"uncertain": "uncertain", "new": "new", "match": "matched"}
MERGE, NAME, MAP, PARTNER, PARTNER_MAP, SCORE, WHY = range(7)
HEADERS = ("Merge", "Stakeholder", "In map", "Same as", "From map", "Score", "Why")
SEARCH_ROLE = Qt.ItemDataRole.UserRole + 1
STATUS_ROLE = Qt.ItemDataRole.UserRole + 2


@dataclass
class MatchRow:
    """One stakeholder of a later map, what the matcher proposed, and the decision."""

    proposal: Proposal
    decision: Decision | None = None

    @property
    def key(self) -> StakeholderKey:
        return (self.proposal.member.map, self.proposal.member.id)


class MatchModel(QAbstractTableModel):
    """The proposed matches, uncertain first; a person's decisions override them."""

    def __init__(self, plan: MatchPlan, partners: Sequence[Member]) -> None:
        super().__init__()
        self.map_names = plan.map_names
        self.partners = {(m.map, m.id): m for m in partners}
        order = sorted(plan.proposals, key=lambda p: (ORDER[p.status], p.member.map))
        self.rows = [MatchRow(p) for p in order]

    # ------------------------------------------------------------------ decisions
    def partner(self, row: MatchRow) -> Member | None:
        """Who the stakeholder will be merged with (None: kept apart)."""
        if row.decision is not None:
            return self.partners.get(row.decision.partner) if row.decision.partner else None
        best = row.proposal.best
        return best.partner if best is not None and row.proposal.certain else None

    def candidate(self, row: MatchRow) -> Member | None:
        """The partner the row offers: the one picked, else the matcher's best guess."""
        if row.decision is not None and row.decision.partner is not None:
            return self.partners.get(row.decision.partner)
        return row.proposal.best.partner if row.proposal.best is not None else None

    def decisions(self) -> dict[StakeholderKey, Decision]:
        """Every decision a person made."""
        return {row.key: row.decision for row in self.rows if row.decision is not None}

    def set_partner(self, at: int, partner: Member | None) -> None:
        """Merge row ``at`` with ``partner`` (None: keep it apart)."""
        row = self.rows[at]
        row.decision = Decision((partner.map, partner.id) if partner else None)
        self.dataChanged.emit(self.index(at, 0), self.index(at, len(HEADERS) - 1))

    def accept_uncertain(self) -> int:
        """Merge every uncertain stakeholder with its proposed partner; return how many."""
        done = 0
        for at, row in enumerate(self.rows):
            best = row.proposal.best
            if row.proposal.status == "uncertain" and best is not None:
                self.set_partner(at, best.partner)
                done += 1
        return done

    def choices_for(self, at: int) -> list[Member]:
        """Partners to offer for row ``at``: the likely ones first, then every stakeholder of
        an earlier map, by name."""
        proposal = self.rows[at].proposal
        likely = [c.partner for c in (proposal.best, *proposal.alternatives) if c is not None]
        earlier = [m for m in self.partners.values() if m.map < proposal.member.map]
        rest = sorted((m for m in earlier if m not in likely), key=lambda m: m.label.casefold())
        return list(dict.fromkeys(likely)) + rest

    def describe(self, member: Member) -> str:
        """A partner as the "Same as" list shows it."""
        return f"{member.label} ({self.map_names[member.map]})"

    # ------------------------------------------------------------------ Qt model
    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if index.column() == MERGE:
            flags |= Qt.ItemFlag.ItemIsUserCheckable
        if index.column() == PARTNER:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        row = self.rows[index.row()]
        proposal, partner = row.proposal, self.candidate(row)
        column = index.column()
        if role == Qt.ItemDataRole.CheckStateRole and column == MERGE:
            merged = self.partner(row) is not None
            return Qt.CheckState.Checked if merged else Qt.CheckState.Unchecked
        if role == SEARCH_ROLE:
            return f"{proposal.member.label} {partner.label if partner else ''}".casefold()
        if role == STATUS_ROLE:
            return proposal.status
        if role == Qt.ItemDataRole.ToolTipRole:
            return _TIPS.get(column) or (proposal.best.reason if proposal.best else None)
        if role != Qt.ItemDataRole.DisplayRole:
            return None
        best = proposal.best
        picked = row.decision is not None and row.decision.partner != (
            (best.partner.map, best.partner.id) if best else None
        )
        return {
            MERGE: STATUS_WORDS[proposal.status] + (" (yours)" if row.decision else ""),
            NAME: proposal.member.label,
            MAP: self.map_names[proposal.member.map],
            PARTNER: partner.label if partner else "—",
            PARTNER_MAP: self.map_names[partner.map] if partner else "",
            SCORE: f"{round(best.score * 100)} %" if best and not picked else "",
            WHY: "picked by you"
            if picked and partner
            else best.reason
            if best
            else "no likely partner",
        }[column]

    def setData(self, index: Index, value: object, role: int = Qt.ItemDataRole.EditRole) -> bool:
        if index.column() != MERGE or role != Qt.ItemDataRole.CheckStateRole:
            return False
        row = self.rows[index.row()]
        if Qt.CheckState(value) == Qt.CheckState.Checked:
            best = row.proposal.best
            if best is None:
                return False  # no partner yet: pick one under "Same as"
            self.set_partner(index.row(), best.partner)
        else:
            self.set_partner(index.row(), None)
        return True


_TIPS = {
    MERGE: "Ticked: merged with the stakeholder under Same as. Space ticks or unticks.",
    PARTNER: "Double-click (or F2) to pick another partner; type to search.",
}


class MatchFilter(QSortFilterProxyModel):
    """Rows whose names contain the search text, optionally only the uncertain ones."""

    def __init__(self) -> None:
        super().__init__()
        self.text = ""
        self.uncertain_only = False

    def set_text(self, text: str) -> None:
        self._refilter(lambda: setattr(self, "text", text.casefold().strip()))

    def set_uncertain_only(self, on: bool) -> None:
        self._refilter(lambda: setattr(self, "uncertain_only", on))

    def _refilter(self, change: Callable[[], None]) -> None:
        # Qt 6.10 replaced invalidateFilter() with a begin/end pair around the change.
        if hasattr(self, "beginFilterChange"):
            self.beginFilterChange()
            change()
            self.endFilterChange()
        else:  # older Qt (sysmap supports PySide6 6.7 on)
            change()
            self.invalidateFilter()

    def filterAcceptsRow(self, source_row: int, source_parent: Index) -> bool:
        model = self.sourceModel()
        index = model.index(source_row, 0, source_parent)
        if self.uncertain_only and model.data(index, STATUS_ROLE) != "uncertain":
            return False
        return not self.text or self.text in str(model.data(index, SEARCH_ROLE))


CONFLICT_HEADERS = ("Stakeholder or relationship", "Field", "What each map says", "Keep")
KEEP = 3


class ConflictModel(QAbstractTableModel):
    """Where the maps disagree; "Keep" says which value the merged map takes."""

    def __init__(self, conflicts: Sequence[Conflict], choices: dict[ConflictKey, str]) -> None:
        super().__init__()
        self.conflicts = list(conflicts)
        self.choices = choices

    def chosen(self, at: int) -> str:
        """The label of the value kept for conflict ``at``."""
        conflict = self.conflicts[at]
        return self.choices.get(conflict.key, conflict.chosen_label)

    def options(self, at: int) -> list[str]:
        """The values to choose from, as labels."""
        return [o.label for o in self.conflicts[at].options]

    def choose(self, at: int, label: str) -> None:
        """Keep the value called ``label``."""
        self.choices[self.conflicts[at].key] = label
        self.dataChanged.emit(self.index(at, KEEP), self.index(at, KEEP))

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.conflicts)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(CONFLICT_HEADERS)

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> object:
        if orientation == Qt.Orientation.Horizontal and role == Qt.ItemDataRole.DisplayRole:
            return CONFLICT_HEADERS[section]
        return None

    def flags(self, index: Index) -> Qt.ItemFlag:
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        return flags | Qt.ItemFlag.ItemIsEditable if index.column() == KEEP else flags

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> object:
        if role not in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.EditRole):
            return None
        conflict = self.conflicts[index.row()]
        return (
            conflict.name,
            conflict.field.replace("_", " "),
            "; ".join(f"{o.label} ({', '.join(o.maps)})" for o in conflict.options),
            self.chosen(index.row()),
        )[index.column()]
