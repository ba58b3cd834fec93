"""The inspector: edit every attribute of what is selected, or of the map when nothing is.

Stakeholders: name, short name, kind, sector, place, place level, description, tags, evidence,
influence, interest, pinned and custom attributes. With several selected, each field shows the
shared value (or "Mixed") and a change applies to all of them as one undo step. Relationships: type,
status, direction, weight, description, tags, evidence.

One piece (just over 400 lines): the three pages (stakeholder, relationship, map) share the
base page and the scroll area that switches between them; their field widgets live in
:mod:`.inspector_widgets`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFormLayout,
    QLabel,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from sysmap.gui.commands import MapCommand, SetMapProperties, plural
from sysmap.gui.document import MapDocument
from sysmap.gui.editing import (
    attribute_command,
    format_tags,
    relationship_field_command,
    stakeholder_field_command,
)
from sysmap.gui.inspector_widgets import (
    AttributeEditor,
    OptionalNumber,
    TriStateCheck,
    TypingLine,
    TypingText,
    VocabularyCombo,
)
from sysmap.gui.places_dialog import places_button
from sysmap.gui.plain_text import plain_label
from sysmap.gui.resources import mute
from sysmap.model import events as ev
from sysmap.model.errors import SysmapError
from sysmap.model.system_map import SystemMap
from sysmap.model.vocab import PLACE_LEVELS, STATUSES

Build = Callable[[SystemMap, list[str]], MapCommand | None]


class _Page(QWidget):
    """A form with a heading, and a way to push edits to the document."""

    def __init__(self, heading: str) -> None:
        super().__init__()
        self.document: MapDocument | None = None
        self.ids: list[str] = []
        outer = QVBoxLayout(self)
        outer.setContentsMargins(10, 8, 10, 8)
        self.heading = plain_label(QLabel(heading))  # a stakeholder's name, from a file
        self.heading.setProperty("heading", True)
        self.heading.setWordWrap(True)
        self.heading.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.note = QLabel("")
        self.note.setWordWrap(True)
        mute(self.note)
        self.form = QFormLayout()
        self.form.setFieldGrowthPolicy(QFormLayout.FieldGrowthPolicy.AllNonFixedFieldsGrow)
        self.form.setRowWrapPolicy(QFormLayout.RowWrapPolicy.WrapLongRows)
        outer.addWidget(self.heading)
        outer.addWidget(self.note)
        outer.addLayout(self.form)
        outer.addStretch(1)

    def add_row(self, label: str, widget: QWidget, tip: str = "") -> None:
        """Add a labelled field; the label is its accessible name, the tip its tooltip."""
        widget.setAccessibleName(label.rstrip(":").replace("&", ""))
        if tip:
            widget.setToolTip(tip)
            widget.setStatusTip(tip)
        self.form.addRow(label, widget)

    def run(self, build: Build) -> None:
        """Build an edit of the map and the ids shown, push it, and report a refusal."""
        document = self.document
        if document is None:
            return
        try:
            command = build(document.map, list(self.ids))
        except SysmapError as exc:
            document.edit_refused.emit(str(exc))
            return
        if command is not None:
            document.push(command)


class StakeholderPage(_Page):
    """Edit one or several stakeholders."""

    def __init__(self) -> None:
        super().__init__("Stakeholder")
        self.ids: list[str] = []
        self.name = TypingLine()
        self.short_name = TypingLine()
        self.kind = VocabularyCombo()
        self.sector = VocabularyCombo()
        self.place = VocabularyCombo()
        self.place_level = VocabularyCombo(editable=False)
        self.description = TypingText()
        self.description.setFixedHeight(74)
        self.tags = TypingLine()
        self.evidence = TypingLine()
        self.influence = OptionalNumber()
        self.interest = OptionalNumber()
        self.pinned = TriStateCheck("Layouts leave it where it is")
        self.attributes = AttributeEditor()
        self.add_row("Na&me:", self.name, "What people call this stakeholder")
        self.add_row(
            "Sh&ort name:", self.short_name, "Written on the map where the name has no room (HMPPS)"
        )
        self.add_row("&Kind:", self.kind, "Organisation, group or partnership, or individual")
        self.add_row("&Sector:", self.sector, "Choose a sector, or type a new one")
        self.add_row("&Place:", self.place, "The area it works in; type a new place to add it")
        self.add_row("Pla&ce level:", self.place_level, "National, regional or local")
        self.add_row("&Description:", self.description, "One line on what they do")
        self.add_row("&Tags:", self.tags, "Keywords, separated by commas")
        self.add_row("Ev&idence:", self.evidence, "Where this comes from: a report, a link")
        self.add_row("Infl&uence:", self.influence, "Power over the outcome, 0 to 1")
        self.add_row("Inte&rest:", self.interest, "How much the outcome matters to them, 0 to 1")
        self.add_row("Pinned:", self.pinned, "Pinned stakeholders stay put when you apply a layout")
        self.form.addRow(QLabel("Custom attributes:"))
        self.form.addRow(self.attributes)
        self.place_level.set_vocabulary(PLACE_LEVELS)
        self._connect()

    def _connect(self) -> None:
        def text_field(field: str) -> Callable[[str, object], None]:
            return lambda text, session: self._set(field, text, session)

        self.name.typed.connect(self._rename)
        self.description.typed.connect(text_field("description"))
        self.evidence.typed.connect(text_field("evidence"))
        self.short_name.typed.connect(text_field("short_name"))
        self.tags.editingFinished.connect(lambda: self._set("tags", self.tags.text(), None))
        for field in ("kind", "sector", "place", "place_level"):
            combo: VocabularyCombo = getattr(self, field)
            combo.chosen.connect(lambda text, f=field: self._set(f, text, None))
        self.influence.changed.connect(text_field("influence"))
        self.interest.changed.connect(text_field("interest"))
        self.pinned.toggled_by_user.connect(lambda on: self._set("pinned", on, None))
        self.attributes.value_set.connect(self._set_attribute)

    def _rename(self, text: str, session: object) -> None:
        if text.strip():  # a name being retyped is briefly empty; that is not an edit
            self._set("label", text, session)

    def _set(self, field: str, value: Any, session: object | None) -> None:
        self.run(lambda m, ids: stakeholder_field_command(m, ids, field, value, typing=session))

    def _set_attribute(self, name: str, text: str) -> None:
        self.run(lambda m, ids: attribute_command(m, ids, name, text))

    def refresh(self) -> None:
        """Show the selected stakeholders as the map has them now."""
        doc = self.document
        if doc is None or not self.ids:
            return
        system_map = doc.map
        people = [system_map.stakeholder(i) for i in self.ids if system_map.has_stakeholder(i)]
        if not people:
            return
        one = len(people) == 1
        self.heading.setText(people[0].label if one else plural(len(people), "stakeholder"))
        self.note.setText(
            "" if one else "A change here applies to all of them, as one step you can undo."
        )
        self.note.setVisible(not one)
        self.name.setEnabled(one)
        self.name.show_value(people[0].label if one else "", mixed=not one)
        self.short_name.setEnabled(one)  # each its own, like the name
        self.short_name.show_value(people[0].short_name if one else "", mixed=not one)
        for field, vocab in (("kind", "kinds"), ("sector", "sectors"), ("place", "places")):
            combo: VocabularyCombo = getattr(self, field)
            vocabulary = system_map.vocabulary(vocab)
            combo.set_vocabulary(vocabulary)
            value, mixed = _common([getattr(p, field) for p in people])
            combo.show_value(vocabulary.label(value) if value else "", mixed)
        level, mixed = _common([p.place_level for p in people])
        self.place_level.show_value(PLACE_LEVELS.label(level) if level else "", mixed)
        for field in ("description", "evidence"):
            value, mixed = _common([getattr(p, field) for p in people])
            getattr(self, field).show_value(value or "", mixed)
        tags, mixed = _common([p.tags for p in people])
        self.tags.show_value(format_tags(tags or ()), mixed)
        for field in ("influence", "interest"):
            value, mixed = _common([getattr(p, field) for p in people])
            getattr(self, field).show_value(value, mixed)
        self.pinned.show_values([p.pinned for p in people])
        names = {n for p in people for n in p.attributes}
        self.attributes.show_attributes({n: [p.attributes.get(n) for p in people] for n in names})


class RelationshipPage(_Page):
    """Edit one or several relationships."""

    def __init__(self) -> None:
        super().__init__("Relationship")
        self.ids: list[str] = []
        self.relation = VocabularyCombo()
        self.status = VocabularyCombo(editable=False)
        self.directed = TriStateCheck("Runs one way (an arrow)")
        self.weight = TypingLine()
        self.weight.setPlaceholderText("Not set")
        self.description = TypingText()
        self.description.setFixedHeight(74)
        self.tags = TypingLine()
        self.evidence = TypingLine()
        self.add_row("&Type:", self.relation, "What the relationship is; type a new one to add it")
        self.add_row("&Status:", self.status, "Active, weak, missing (needed) or proposed")
        self.add_row("Direction:", self.directed, "Whether it runs from one to the other")
        self.add_row("&Weight:", self.weight, "Strength, a positive number")
        self.add_row("&Description:", self.description, "What passes between them")
        self.add_row("T&ags:", self.tags, "Keywords, separated by commas")
        self.add_row("Ev&idence:", self.evidence, "Where this comes from")
        self.attributes = AttributeEditor()
        self.form.addRow(QLabel("Custom attributes:"))
        self.form.addRow(self.attributes)
        self.attributes.value_set.connect(
            lambda name, text: self.run(
                lambda m, ids: attribute_command(m, ids, name, text, of="relationship")
            )
        )
        self.status.set_vocabulary(STATUSES, allow_empty=False)
        self.relation.chosen.connect(lambda text: self._set("relation", text))
        self.status.chosen.connect(lambda text: self._set("status", text))
        self.directed.toggled_by_user.connect(lambda on: self._set("directed", on))
        self.weight.editingFinished.connect(lambda: self._set("weight", self.weight.text()))
        self.tags.editingFinished.connect(lambda: self._set("tags", self.tags.text()))
        self.description.left.connect(lambda text: self._set("description", text))
        self.evidence.editingFinished.connect(lambda: self._set("evidence", self.evidence.text()))

    def _set(self, field: str, value: Any) -> None:
        self.run(lambda m, ids: relationship_field_command(m, ids, field, value))

    def refresh(self) -> None:
        """Show the selected relationships as the map has them now."""
        doc = self.document
        if doc is None or not self.ids:
            return
        system_map = doc.map
        rels = [system_map.relationship(i) for i in self.ids if system_map.has_relationship(i)]
        if not rels:
            return
        if len(rels) == 1:
            rel = rels[0]
            arrow = "→" if rel.directed else "–"
            self.heading.setText(
                f"{system_map.label(rel.source)} {arrow} {system_map.label(rel.target)}"
            )
        else:
            self.heading.setText(plural(len(rels), "relationship"))
        self.relation.set_vocabulary(system_map.relation_types)
        value, mixed = _common([r.relation for r in rels])
        self.relation.show_value(system_map.relation_types.label(value) if value else "", mixed)
        value, mixed = _common([r.status for r in rels])
        self.status.show_value(STATUSES.label(value) if value else "", mixed)
        self.directed.show_values([bool(r.directed) for r in rels])
        value, mixed = _common([r.weight for r in rels])
        self.weight.show_value("" if value is None else f"{value:g}", mixed)
        value, mixed = _common([r.description for r in rels])
        self.description.show_value(value or "", mixed)
        value, mixed = _common([r.tags for r in rels])
        self.tags.show_value(format_tags(value or ()), mixed)
        value, mixed = _common([r.evidence for r in rels])
        self.evidence.show_value(value or "", mixed)
        names = {n for r in rels for n in r.attributes}
        self.attributes.show_attributes({n: [r.attributes.get(n) for r in rels] for n in names})


class MapPage(_Page):
    """The map itself: its title and description, and what it holds."""

    def __init__(self) -> None:
        super().__init__("This map")
        self.title = TypingLine()
        self.description = TypingText()
        self.description.setMinimumHeight(110)
        self.counts = QLabel("")
        self.counts.setWordWrap(True)
        self.problems = plain_label(QLabel(""))  # quotes values outside the vocabularies
        self.problems.setWordWrap(True)
        self.add_row("&Title:", self.title, "What the map is about")
        self.add_row("&Description:", self.description, "Purpose, scope and sources")
        self.places_button = places_button(self, lambda: self.document)
        self.form.addRow(self.places_button)
        self.form.addRow(self.counts)
        self.form.addRow(self.problems)
        self.note.setText("Select a stakeholder or relationship to edit it.")
        self.title.editingFinished.connect(
            lambda: self._set_map(title=self.title.text().strip() or None)
        )
        self.description.left.connect(lambda text: self._set_map(description=text))
        # Checking every value against the vocabularies reads the whole map: do it once the
        # user pauses, never once per edit.
        self.problems_stale = True
        self._problems_timer = QTimer(self)
        self._problems_timer.setSingleShot(True)
        self._problems_timer.setInterval(700)
        self._problems_timer.timeout.connect(self.check_problems)

    def _set_map(self, title: str | None = None, description: str | None = None) -> None:
        def build(m: SystemMap, _ids: list[str]) -> MapCommand | None:
            if (title is None or title == m.title) and (
                description is None or description == m.description
            ):
                return None
            return SetMapProperties(m, title=title, description=description)

        self.run(build)

    def refresh(self) -> None:
        """Show the map's title, description and counts."""
        doc = self.document
        if doc is None:
            return
        system_map = doc.map
        self.title.show_value(system_map.title)
        self.description.show_value(system_map.description)
        self.counts.setText(
            f"{plural(system_map.stakeholder_count, 'stakeholder')} and "
            f"{plural(system_map.relationship_count, 'relationship')}."
        )
        if self.problems_stale:
            self._problems_timer.start()

    def check_problems(self) -> None:
        """List values outside the map's vocabularies (only while this page is on show)."""
        doc = self.document
        if doc is None or not self.isVisible():
            return
        problems = doc.map.problems()
        self.problems_stale = False
        self.problems.setText("\n".join(problems))
        self.problems.setVisible(bool(problems))


class Inspector(QScrollArea):
    """The inspector dock's content: one page for stakeholders, relationships or the map."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("Inspector")
        self.setWidgetResizable(True)
        self.setFrameShape(QScrollArea.Shape.NoFrame)
        self.setAccessibleName("Inspector")
        self.setFocusPolicy(Qt.FocusPolicy.NoFocus)  # Tab goes to its fields, which scroll in
        self.stack = QStackedWidget()
        self.stack.setObjectName("Inspector")
        self.stakeholder_page = StakeholderPage()
        self.relationship_page = RelationshipPage()
        self.map_page = MapPage()
        for page in (self.map_page, self.stakeholder_page, self.relationship_page):
            self.stack.addWidget(page)
        self.setWidget(self.stack)
        self.document: MapDocument | None = None
        self._unsubscribe: Callable[[], None] | None = None
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(0)
        self._timer.timeout.connect(self.refresh_now)

    def set_document(self, document: MapDocument | None) -> None:
        """Edit this document's map (``None`` when no map is open)."""
        if self._unsubscribe is not None:
            self._unsubscribe()
            self._unsubscribe = None
        self.document = document
        for page in (self.map_page, self.stakeholder_page, self.relationship_page):
            page.document = document
        self.map_page.problems_stale = True
        if document is not None:
            self._unsubscribe = document.map.events.subscribe(self._on_event)
        self.show_selection((), ())

    def show_selection(
        self, stakeholder_ids: Sequence[str], relationship_ids: Sequence[str]
    ) -> None:
        """Show the page for what is selected: stakeholders first, then relationships."""
        self.stakeholder_page.ids = list(stakeholder_ids)
        self.relationship_page.ids = list(relationship_ids)
        self.refresh_now()

    def current_page(self) -> _Page:
        """The page on show."""
        page = self.stack.currentWidget()
        assert isinstance(page, _Page)
        return page

    def refresh_now(self) -> None:
        """Show the current state at once (changes are otherwise shown once per event loop)."""
        self._timer.stop()
        if self.stakeholder_page.ids:
            page: _Page = self.stakeholder_page
            self.stakeholder_page.refresh()
        elif self.relationship_page.ids:
            page = self.relationship_page
            self.relationship_page.refresh()
        else:
            page = self.map_page
            self.map_page.refresh()
        self.stack.setCurrentWidget(page)

    def _on_event(self, event: ev.MapEvent) -> None:
        if isinstance(event, ev.StakeholdersMoved):
            return  # nothing the inspector shows depends on position
        self.map_page.problems_stale = True
        if isinstance(event, ev.StakeholderRemoved | ev.RelationshipRemoved):
            gone_s = getattr(event, "stakeholder_id", None)
            gone_r = getattr(event, "relationship_id", None)
            self.stakeholder_page.ids = [i for i in self.stakeholder_page.ids if i != gone_s]
            self.relationship_page.ids = [i for i in self.relationship_page.ids if i != gone_r]
        # A paste or delete of hundreds sends hundreds of events: show the result once.
        self._timer.start()


def _common(values: list[Any]) -> tuple[Any, bool]:
    """The value all share (and False), or None and True when they differ."""
    first = values[0] if values else None
    if all(v == first for v in values):
        return first, False
    return None, True
