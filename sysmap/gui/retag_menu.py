"""Retagging in one pick: sector, place and kind straight from the canvas.

With stakeholders selected, a right-click shows every sector, place and kind of the map as
flat sections of the menu (no submenus): one click sets it for all of them, as one undo
step. The first nine sectors are also on the number keys 1–9 (the menu shows each one's
number), so select + one key retags.
"""

from __future__ import annotations

from functools import partial

from PySide6.QtWidgets import QMenu

from sysmap.gui.editing import stakeholder_field_command
from sysmap.gui.inspector_widgets import swatch
from sysmap.gui.window_base import WindowBase
from sysmap.model.errors import SysmapError

RETAG_FIELDS = (
    ("sector", "sectors", "Sector"),
    ("place", "places", "Place"),
    ("kind", "kinds", "Kind"),
)
MAX_PLACES = 12
"""Places listed in the menu (a national map has hundreds: the inspector finds the rest)."""


def retag(window: WindowBase, stakeholder_ids: list[str], field: str, label: str) -> None:
    """Set ``field`` of the stakeholders to the term shown as ``label``: one undo step."""
    document = window.document
    if document is None or not stakeholder_ids:
        return
    try:
        command = stakeholder_field_command(document.map, stakeholder_ids, field, label)
    except SysmapError as exc:
        document.edit_refused.emit(str(exc))
        return
    if command is not None:
        document.push(command)


def sector_by_number(window: WindowBase, number: int) -> bool:
    """Set the selected stakeholders' sector to the map's ``number``-th sector (1-based)."""
    document = window.document
    chosen, _ = window.selected()
    if document is None or not chosen:
        return False
    terms = list(document.map.sectors)
    if not 1 <= number <= len(terms):
        window.show_message(f"This map has {len(terms)} sectors; there is no sector {number}.")
        return False
    retag(window, chosen, "sector", terms[number - 1].label)
    return True


def add_retag_sections(menu: QMenu, window: WindowBase, stakeholder_ids: list[str]) -> None:
    """Append a section per field, each term one click away; the current value is ticked."""
    document = window.document
    if document is None or not stakeholder_ids:
        return
    system_map = document.map
    for field, vocabulary_name, heading in RETAG_FIELDS:
        terms = list(getattr(system_map, vocabulary_name))
        if field == "place":
            terms = terms[:MAX_PLACES]
        if not terms:
            continue
        current = {getattr(system_map.stakeholder(i), field) for i in stakeholder_ids}
        menu.addSection(f"{heading} of {_who(len(stakeholder_ids))}")
        for number, term in enumerate(terms, start=1):
            text = term.label.replace("&", "&&")
            if field == "sector" and number <= 9:
                text = f"&{number}  {text}"
            action = menu.addAction(swatch(term.colour), text)
            action.setCheckable(True)
            action.setChecked(current == {term.key})
            action.triggered.connect(partial(retag, window, stakeholder_ids, field, term.label))


def _who(count: int) -> str:
    return "this stakeholder" if count == 1 else f"these {count} stakeholders"
