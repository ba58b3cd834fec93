"""From what a user typed or chose to the edit that makes it, shared by inspector and tables.

A user sets a field by text ("Third sector", "0.7", "housing, employment"); this module reads
that text as the field's type, matches vocabulary values by key or label, and builds one undo
step — adding a new sector, place or kind to the map's vocabulary in the same step when the
user typed one the map does not have yet.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from sysmap.gui.commands import (
    EditRelationships,
    EditStakeholders,
    MacroCommand,
    MapCommand,
    SetAttribute,
    SetRelationshipAttribute,
    add_term_command,
    retag_command,
    term_for_text,
)
from sysmap.model.entities import AttrValue
from sysmap.model.errors import ValidationError
from sysmap.model.system_map import SystemMap
from sysmap.model.vocab import PLACE_LEVELS, STATUSES

# Stakeholder fields whose values come from one of the map's vocabularies.
VOCABULARY_FIELDS = {"sector": "sectors", "place": "places", "kind": "kinds"}
RELATIONSHIP_VOCABULARY_FIELDS = {"relation": "relation_types"}
NUMBER_FIELDS = ("influence", "interest", "weight", "size")
TEXT_FIELDS = ("label", "description", "evidence")


def parse_tags(text: str) -> tuple[str, ...]:
    """Read tags typed as a comma- or ``|``-separated list.

    Examples
    --------
    >>> parse_tags("housing, employment | health,,")
    ('housing', 'employment', 'health')
    """
    parts = text.replace("|", ",").split(",")
    return tuple(dict.fromkeys(p.strip() for p in parts if p.strip()))


def format_tags(tags: Sequence[str]) -> str:
    """Show tags as the user types them.

    Examples
    --------
    >>> format_tags(("housing", "health"))
    'housing, health'
    """
    return ", ".join(tags)


def parse_number(text: str, what: str) -> float | None:
    """Read a number typed by a user; an empty field means "not set"."""
    text = text.strip().replace(",", ".")
    if not text:
        return None
    try:
        return float(text)
    except ValueError:
        raise ValidationError(f"The {what} must be a number, such as 0.5.") from None


def parse_attribute(text: str, like: AttrValue | None = None) -> AttrValue | None:
    """Read a custom attribute's value, keeping the type it had (or guessing one).

    Examples
    --------
    >>> parse_attribute("12"), parse_attribute("1.5"), parse_attribute("yes", True)
    (12, 1.5, True)
    >>> parse_attribute("DLUHC"), parse_attribute("")
    ('DLUHC', None)
    """
    text = text.strip()
    if not text:
        return None
    if isinstance(like, bool):
        return text.lower() in ("true", "yes", "1", "y")
    if isinstance(like, str):
        return text
    for kind in (int, float):
        try:
            return kind(text)
        except ValueError:
            continue
    return text if not isinstance(like, int | float) else _refuse_number(text)


def _refuse_number(text: str) -> AttrValue:
    raise ValidationError(f"This attribute holds numbers; '{text}' is not one.")


def stakeholder_field_command(
    system_map: SystemMap,
    ids: Sequence[str],
    field: str,
    value: Any,
    *,
    typing: object | None = None,
) -> MapCommand | None:
    """Build the edit that sets ``field`` of the stakeholders ``ids`` to what the user gave.

    ``value`` is text for text, vocabulary, number and tag fields, a bool for ``pinned``.
    Returns ``None`` when nothing would change.

    Raises
    ------
    ValidationError
        If the text cannot be read as the field's type.
    """
    if not ids:
        return None
    if field in VOCABULARY_FIELDS:
        return _vocabulary_edit(system_map, ids, field, VOCABULARY_FIELDS[field], str(value))
    if field == "place_level":
        key = PLACE_LEVELS.key_for(str(value)) if str(value).strip() else None
        if str(value).strip() and key is None:
            raise ValidationError("The place level must be national, regional or local.")
        new: Any = key
    elif field in NUMBER_FIELDS:
        new = parse_number(str(value), field)
    elif field == "tags":
        new = parse_tags(str(value))
    elif field == "pinned":
        new = bool(value)
    elif field == "label":
        new = str(value).strip()
        if not new:
            raise ValidationError("A stakeholder needs a name.")
    else:
        new = str(value)
    if all(getattr(system_map.stakeholder(i), field) == new for i in ids):
        return None
    if field in ("place_level", *NUMBER_FIELDS):
        shown = PLACE_LEVELS.label(new) if field == "place_level" and new else ""
        return retag_command(system_map, ids, field, new, shown, typing)
    return EditStakeholders(system_map, ids, {field: new}, typing=typing)


def _vocabulary_edit(
    system_map: SystemMap, ids: Sequence[str], field: str, vocabulary: str, text: str
) -> MapCommand | None:
    if not text.strip():
        if all(getattr(system_map.stakeholder(i), field) is None for i in ids):
            return None
        return retag_command(system_map, ids, field, None)
    key, term = term_for_text(system_map, vocabulary, text)
    if all(getattr(system_map.stakeholder(i), field) == key for i in ids):
        return None
    shown = term.label if term else system_map.vocabulary(vocabulary).label(key)
    retag = retag_command(system_map, ids, field, key, shown)
    if term is None:
        return retag
    return MacroCommand(
        system_map, retag.text(), [add_term_command(system_map, vocabulary, term), retag]
    )


def attribute_command(
    system_map: SystemMap, ids: Sequence[str], name: str, text: str, *, of: str = "stakeholder"
) -> MapCommand | None:
    """Set a custom attribute of stakeholders (or ``of="relationship"``) from text.

    Empty text removes the attribute. The value keeps the type the attribute already has.
    """
    name = name.strip()
    if not name:
        raise ValidationError("An attribute needs a name.")
    read = system_map.stakeholder if of == "stakeholder" else system_map.relationship
    current = [read(i).attributes for i in ids]
    like = next((attrs[name] for attrs in current if name in attrs), None)
    value = parse_attribute(text, like)
    if all(attrs.get(name) == value for attrs in current):
        return None
    if of == "stakeholder":
        return SetAttribute(system_map, ids, name, value)
    return SetRelationshipAttribute(system_map, ids, name, value)


def relationship_field_command(
    system_map: SystemMap, ids: Sequence[str], field: str, value: Any
) -> MapCommand | None:
    """Build the edit that sets ``field`` of relationships ``ids`` to what the user gave."""
    if not ids:
        return None
    extra: list[MapCommand] = []
    if field == "relation":
        text = str(value).strip()
        new: Any = None
        if text:
            new, term = term_for_text(system_map, "relation_types", text)
            if term is not None:
                extra.append(add_term_command(system_map, "relation_types", term))
    elif field == "status":
        new = STATUSES.key_for(str(value)) or str(value).strip()
        if not new:
            raise ValidationError("A relationship needs a status, such as active or weak.")
    elif field == "weight":
        new = parse_number(str(value), "weight")
    elif field == "tags":
        new = parse_tags(str(value))
    elif field == "directed":
        new = bool(value)
    else:
        new = str(value)
    if all(getattr(system_map.relationship(i), field) == new for i in ids):
        return None
    edit = EditRelationships(system_map, ids, {field: new})
    return MacroCommand(system_map, edit.text(), [*extra, edit]) if extra else edit
