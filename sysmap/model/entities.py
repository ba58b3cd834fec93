"""Stakeholder and Relationship: the values a map is made of.

Both are frozen dataclasses. A :class:`~sysmap.model.system_map.SystemMap` stores their
fields in its networkx graph and hands out fresh values on request, so a value held by a view
never changes under it.

One piece (about 440 lines): the two values and the checks they run on every field; the
checks (``check_text``, ``check_number``…) could move to a module of their own if it grows.
"""

from __future__ import annotations

import math
import re
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from types import MappingProxyType
from typing import Any, TypeAlias, TypeVar

from sysmap.model.errors import ValidationError
from sysmap.model.limits import (
    MAX_COORDINATE,
    MAX_LABEL_CHARS,
    MAX_TEXT_CHARS,
    MAX_WHOLE_NUMBER,
)

AttrValue: TypeAlias = str | int | float | bool
"""The types a user attribute can hold (GraphML's string, int/long, float/double, boolean)."""

_EMPTY: Mapping[str, AttrValue] = MappingProxyType({})

# Characters XML 1.0 cannot carry, even as character references, plus lone surrogates that
# UTF-8 cannot encode. Text holding them could not be saved, so it is refused up front.
_FORBIDDEN_CHARS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]")


def check_text(value: object, what: str, max_chars: int = MAX_TEXT_CHARS) -> str:
    """Return ``value`` if it is text a map file can hold, else raise ValidationError.

    Examples
    --------
    >>> check_text("Council", "A name")
    'Council'
    >>> try:
    ...     check_text("x" * 11, "A name", max_chars=10)
    ... except ValidationError as refused:
    ...     print(refused)
    A name is 11 characters long, more than the 10 sysmap accepts.
    """
    if not isinstance(value, str):
        raise ValidationError(f"{what} must be text, not {type(value).__name__}.")
    if len(value) > max_chars:
        raise ValidationError(
            f"{what} is {len(value):,} characters long, more than the {max_chars:,} sysmap accepts."
        )
    if _FORBIDDEN_CHARS.search(value):
        raise ValidationError(f"{what} contains control characters that cannot be saved.")
    return value


def has_forbidden_chars(text: str) -> bool:
    """Whether ``text`` holds a character a map file cannot carry (see :func:`check_text`)."""
    return _FORBIDDEN_CHARS.search(text) is not None


def is_clean(value: object, max_chars: int = MAX_TEXT_CHARS) -> bool:
    """Whether :func:`check_text` would accept ``value``: the quick test a reader makes for
    every text of a big file, building the message only for one that fails it."""
    # A printable text has none of the forbidden characters (controls, surrogates and the
    # two non-characters are all unprintable): one C call settles the usual text.
    return (
        isinstance(value, str)
        and len(value) <= max_chars
        and (value.isprintable() or not _FORBIDDEN_CHARS.search(value))
    )


def shown(value: object, limit: int = 40) -> str:
    """A value as a message quotes it: its repr, cut short.

    Examples
    --------
    >>> shown("red"), shown("x" * 50, 5)
    ("'red'", "'xxxxx…'")
    """
    if isinstance(value, str) and len(value) > limit:
        return repr(value[:limit] + "…")
    text = repr(value)
    return text if len(text) <= limit + 2 else text[:limit] + "…"


def check_name(value: object, what: str) -> str:
    """Return ``value`` if it is a name (a label, a key, a tag), at most 10,000 characters."""
    return check_text(value, what, MAX_LABEL_CHARS)


def check_number(
    value: object, what: str, low: float | None = None, high: float | None = None
) -> float:
    """Return ``value`` as a finite float within ``[low, high]``, else raise ValidationError."""
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise ValidationError(f"{what} must be a number, not {shown(value)}.")
    try:
        number = float(value)
    except OverflowError:  # a whole number beyond any float
        raise ValidationError(f"{what} is a number too big to use.") from None
    if not math.isfinite(number):
        raise ValidationError(f"{what} must be a finite number, not {value!r}.")
    if high is not None and high > 0 and low == -high and not -high <= number <= high:
        beyond = f"beyond the ±{_readable(high)} sysmap accepts"
        raise ValidationError(f"{what} is {number:g}, {beyond}.")
    if low is not None and high is not None and high <= 1000 and not low <= number <= high:
        raise ValidationError(f"{what} must be between {low:g} and {high:g}; got {number:g}.")
    if low is not None and number < low:
        raise ValidationError(f"{what} must be at least {_readable(low)}; got {number:g}.")
    if high is not None and number > high:
        raise ValidationError(f"{what} must be at most {_readable(high)}; got {number:g}.")
    return number


def _readable(bound: float) -> str:
    return f"{bound:,.0f}" if bound.is_integer() and abs(bound) < 1e15 else f"{bound:g}"


def fine_attribute(name: object, value: object, reserved: frozenset[str]) -> bool:
    """Whether :func:`check_attribute` would accept the attribute, tested without building
    any of its messages (most attributes of a big file are fine)."""
    if not is_clean(name, MAX_LABEL_CHARS) or name in reserved or not str(name).strip():
        return False
    kind = type(value)
    if kind is str:
        return is_clean(value)
    if kind is float:
        return math.isfinite(value)  # type: ignore[arg-type]
    if kind is int:
        return abs(value) <= MAX_WHOLE_NUMBER  # type: ignore[arg-type]
    return kind is bool


def check_attribute(name: object, value: object, reserved: frozenset[str], whose: str = "") -> None:
    """Check one user attribute: a usable name and a value of a type GraphML can store.

    ``whose`` names the owner in messages ("of 'Council'").
    """
    if fine_attribute(name, value, reserved):
        return
    of = f" of {whose}" if whose else ""
    check_name(name, f"An attribute's name{of}")
    assert isinstance(name, str)
    if not name.strip():
        raise ValidationError(f"An attribute{of} needs a name.")
    if name in reserved:
        raise ValidationError(f"'{name}' is a built-in field and cannot be a custom attribute.")
    what = f"The attribute '{name[:40]}'{of}"
    if isinstance(value, str):
        check_text(value, what)
    elif isinstance(value, float):
        if not math.isfinite(value):
            raise ValidationError(f"{what} must be a finite number.")
    elif isinstance(value, int) and not isinstance(value, bool):
        if abs(value) > MAX_WHOLE_NUMBER:
            raise ValidationError(
                f"{what} is a whole number too big to keep (more than {MAX_WHOLE_NUMBER:,})."
            )
    elif not isinstance(value, bool):
        raise ValidationError(
            f"{what} must be text, a whole number, a number or true/false, "
            f"not {type(value).__name__}."
        )


def check_tags(tags: object, what: str) -> tuple[str, ...]:
    """Return tags as a tuple of non-empty strings without ``|`` (the file's separator)."""
    if isinstance(tags, str) or not isinstance(tags, tuple | list):
        raise ValidationError(f"{what} tags must be a list of words.")
    result = []
    for tag in tags:
        check_name(tag, f"A tag of {what}")
        if "|" in tag or not tag.strip():
            raise ValidationError(f"The tag {tag!r} of {what} is empty or contains '|'.")
        result.append(tag)
    return tuple(result)


def check_colour(value: object, what: str) -> str:
    """Return a ``#RRGGBB`` colour in upper case, else raise ValidationError."""
    if not isinstance(value, str) or not re.fullmatch(r"#[0-9A-Fa-f]{6}", value):
        raise ValidationError(f"{what} colour must look like #1A2B3C, not {shown(value)}.")
    return value.upper()


_Entity = TypeVar("_Entity", "Stakeholder", "Relationship")


def with_changes(entity: _Entity, **changes: Any) -> _Entity:
    """A copy of a stakeholder or relationship with some fields changed.

    What :func:`dataclasses.replace` does, without running ``__init__`` and ``__post_init__``
    again: the values given are already checked, and the attributes are already a read-only
    copy of their own. Reading a 5,000-stakeholder file made 25,000 such copies, a sixth of
    building the map.
    """
    copy = object.__new__(type(entity))
    copy.__dict__.update(entity.__dict__)
    copy.__dict__.update(changes)
    return copy


@dataclass(frozen=True)
class Stakeholder:
    """An individual, group or organisation in the system.

    Parameters
    ----------
    label : str
        The name people read. Labels may repeat; ids may not.
    id : str
        Stable, readable id; empty means "let the map choose one from the label".
    kind : str, optional
        ``organisation``, ``group`` or ``individual`` (or a map's own kind).
    sector, place, place_level : str, optional
        Where the stakeholder sits: a sector key, a place name and ``national`` /
        ``regional`` / ``local``.
    description, evidence : str
        One line on what they do; the source for it.
    short_name : str
        A short form of the name (HMPPS, GMCA) written where space is short and matched
        when maps are merged; empty when the name is short enough.
    tags : tuple of str
        Free keywords.
    influence, interest : float, optional
        0–1, for the power/interest grid.
    x, y : float
        Position in scene coordinates.
    pinned : bool
        Layouts leave pinned stakeholders where they are.
    colour : str, optional
        A fill colour that overrides the sector's (kept from files drawn elsewhere).
    size : float, optional
        A display size kept from files drawn elsewhere.
    attributes : mapping
        Any other attribute, kept with its type.
    """

    label: str
    id: str = ""
    kind: str | None = None
    sector: str | None = None
    place: str | None = None
    place_level: str | None = None
    description: str = ""
    tags: tuple[str, ...] = ()
    influence: float | None = None
    interest: float | None = None
    evidence: str = ""
    short_name: str = ""
    x: float = 0.0
    y: float = 0.0
    pinned: bool = False
    colour: str | None = None
    size: float | None = None
    attributes: Mapping[str, AttrValue] = field(default_factory=lambda: _EMPTY)

    def __post_init__(self) -> None:
        object.__setattr__(self, "attributes", MappingProxyType(dict(self.attributes)))

    def validated(self) -> Stakeholder:
        """Return this stakeholder with values normalised, or raise ValidationError."""
        label = check_name(self.label, "A stakeholder's name").strip()
        if not label:
            raise ValidationError("A stakeholder needs a name.")
        what = f"'{label[:40]}'"
        for name in ("id", "kind", "sector", "place", "place_level", "short_name"):
            value = getattr(self, name)
            if value is not None and not is_clean(value, MAX_LABEL_CHARS):
                check_name(value, f"The {name.replace('_', ' ')} of {what}")
        for name in ("description", "evidence"):
            value = getattr(self, name)
            if not is_clean(value):
                check_text(value, f"The {name} of {what}")
        for name in ("influence", "interest"):
            value = getattr(self, name)
            if value is not None:
                check_number(value, f"The {name} of {what}", 0.0, 1.0)
        if not isinstance(self.pinned, bool):
            raise ValidationError(f"Whether {what} is pinned must be true or false.")
        for key, value in self.attributes.items():
            check_attribute(key, value, STAKEHOLDER_FIELDS, what)
        far = MAX_COORDINATE
        return with_changes(
            self,
            label=label,
            short_name=self.short_name.strip(),
            x=check_number(self.x, f"The x position of {what}", -far, far),
            y=check_number(self.y, f"The y position of {what}", -far, far),
            tags=check_tags(self.tags, what),
            colour=None if self.colour is None else check_colour(self.colour, f"The {what}"),
            size=self._checked_size(what),
            influence=None if self.influence is None else float(self.influence),
            interest=None if self.interest is None else float(self.interest),
        )

    def _checked_size(self, what: str) -> float | None:
        if self.size is None:
            return None
        return check_number(self.size, f"The size of {what}", 0.0, MAX_COORDINATE)

    def to_data(self) -> dict[str, Any]:
        """Return the fields to store on a graph node: unset fields are left out."""
        data: dict[str, Any] = {}
        for name in STAKEHOLDER_FIELD_ORDER:
            value = getattr(self, name)
            if value is None or value == "" or value == () or (name == "pinned" and not value):
                continue
            data[name] = value
        data.update(self.attributes)
        return data

    @classmethod
    def from_data(cls, node_id: str, data: Mapping[str, Any]) -> Stakeholder:
        """Build a stakeholder from a graph node's data (the inverse of :meth:`to_data`)."""
        known = {k: v for k, v in data.items() if k in _STAKEHOLDER_FIELD_SET}
        extra = {k: v for k, v in data.items() if k not in _STAKEHOLDER_FIELD_SET}
        return cls(id=node_id, attributes=extra, **known)


@dataclass(frozen=True)
class Relationship:
    """A tie between two stakeholders: who funds, refers to, or works with whom.

    Parameters
    ----------
    source, target : str
        Stakeholder ids. For a mutual relationship (``directed=False``) the order is only
        how it was drawn.
    relation : str, optional
        The type key (``funds``, ``refers``, ``partners``…).
    id : str
        Stable id; empty means "let the map choose one". Two stakeholders may have several
        relationships, each with its own id.
    status : str
        ``active``, ``weak`` (exists but often fails), ``missing`` (needed but absent) or
        ``proposed`` (planned).
    weight : float, optional
        Strength, a positive number.
    description, evidence : str
        What the relationship is; the source that documents it.
    directed : bool, optional
        Whether it runs one way; ``None`` means "as the relationship type says".
    tags : tuple of str
        Free keywords.
    attributes : mapping
        Any other attribute, kept with its type.
    """

    source: str
    target: str
    relation: str | None = None
    id: str = ""
    status: str = "active"
    weight: float | None = None
    description: str = ""
    evidence: str = ""
    directed: bool | None = None
    tags: tuple[str, ...] = ()
    attributes: Mapping[str, AttrValue] = field(default_factory=lambda: _EMPTY)

    def __post_init__(self) -> None:
        object.__setattr__(self, "attributes", MappingProxyType(dict(self.attributes)))

    def validated(self) -> Relationship:
        """Return this relationship with values normalised, or raise ValidationError."""
        # The sentence naming it is worded only for a value that fails (a reader validates
        # 20,000 relationships of a big map, nearly always all clean).
        for name in ("source", "target", "id", "relation", "status"):
            value = getattr(self, name)
            if value is not None and not is_clean(value, MAX_LABEL_CHARS):
                check_name(value, f"The {name} of {self._what()}")
        for name in ("description", "evidence"):
            value = getattr(self, name)
            if not is_clean(value):
                check_text(value, f"The {name} of {self._what()}")
        if not self.status:
            raise ValidationError(f"The status of {self._what()} cannot be empty.")
        if self.directed is not None and not isinstance(self.directed, bool):
            raise ValidationError(f"Whether {self._what()} is directed must be true or false.")
        plain = self.tags == () and self.weight is None and not self.attributes
        what = "" if plain else self._what()  # nothing left below that could name it
        for key, value in self.attributes.items():
            check_attribute(key, value, RELATIONSHIP_FIELDS, what)
        weight = self.weight
        if weight is not None:
            weight = check_number(weight, f"The weight of {what}", 0.0)
        return with_changes(self, weight=weight, tags=check_tags(self.tags, what))

    def _what(self) -> str:
        return f"the relationship {str(self.source)[:40]} → {str(self.target)[:40]}"

    @property
    def ends(self) -> tuple[str, str]:
        """The two stakeholder ids, as drawn."""
        return (self.source, self.target)

    def to_data(self) -> dict[str, Any]:
        """Return the fields to store on a graph edge (without source, target and id)."""
        data: dict[str, Any] = {}
        for name in RELATIONSHIP_FIELD_ORDER:
            value = getattr(self, name)
            if value is None or value == "" or value == ():
                continue
            data[name] = value
        data.update(self.attributes)
        return data

    @classmethod
    def from_data(
        cls, rel_id: str, source: str, target: str, data: Mapping[str, Any]
    ) -> Relationship:
        """Build a relationship from a graph edge's data (the inverse of :meth:`to_data`)."""
        known = {k: v for k, v in data.items() if k in _RELATIONSHIP_FIELD_SET}
        extra = {k: v for k, v in data.items() if k not in _RELATIONSHIP_FIELD_SET}
        return cls(source=source, target=target, id=rel_id, attributes=extra, **known)


STAKEHOLDER_FIELD_ORDER: tuple[str, ...] = tuple(
    f.name for f in fields(Stakeholder) if f.name not in ("id", "attributes")
)
RELATIONSHIP_FIELD_ORDER: tuple[str, ...] = tuple(
    f.name for f in fields(Relationship) if f.name not in ("source", "target", "id", "attributes")
)
_STAKEHOLDER_FIELD_SET = frozenset(STAKEHOLDER_FIELD_ORDER)
_RELATIONSHIP_FIELD_SET = frozenset(RELATIONSHIP_FIELD_ORDER)
# Names a custom attribute may not take: the fields above, plus what the file derives for
# other tools (Cytoscape's name; Gephi's colour and size; an edge's display label).
STAKEHOLDER_FIELDS = _STAKEHOLDER_FIELD_SET | {"id", "name", "r", "g", "b"}
RELATIONSHIP_FIELDS = _RELATIONSHIP_FIELD_SET | {"id", "source", "target", "label"}
