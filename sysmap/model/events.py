"""Change events: how views learn that a map changed.

A :class:`~sysmap.model.system_map.SystemMap` emits one small event per change. Views (the
canvas, tables, the analysis panel) subscribe and update themselves; they never change the
map in response. Events carry ids, not values: a listener asks the map for the new state.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass


@dataclass(frozen=True)
class StakeholderAdded:
    """A stakeholder was added, at ``index`` in the map's order (``None``: at the end)."""

    stakeholder_id: str
    index: int | None = None


@dataclass(frozen=True)
class StakeholderRemoved:
    """A stakeholder was removed (its relationships were removed first, each with its event)."""

    stakeholder_id: str


@dataclass(frozen=True)
class StakeholderChanged:
    """Some fields of a stakeholder changed."""

    stakeholder_id: str
    fields: frozenset[str]


@dataclass(frozen=True)
class StakeholdersMoved:
    """Several stakeholders moved at once (a drag of many, or a layout)."""

    stakeholder_ids: tuple[str, ...]


@dataclass(frozen=True)
class RelationshipAdded:
    """A relationship was added, at ``index`` in the map's order (``None``: at the end)."""

    relationship_id: str
    index: int | None = None


@dataclass(frozen=True)
class RelationshipRemoved:
    """A relationship was removed."""

    relationship_id: str
    source: str
    target: str


@dataclass(frozen=True)
class RelationshipChanged:
    """Some fields of a relationship changed."""

    relationship_id: str
    fields: frozenset[str]


@dataclass(frozen=True)
class MapChanged:
    """Map-level properties changed: title, description, vocabularies or metadata."""

    fields: frozenset[str]


MapEvent = (
    StakeholderAdded
    | StakeholderRemoved
    | StakeholderChanged
    | StakeholdersMoved
    | RelationshipAdded
    | RelationshipRemoved
    | RelationshipChanged
    | MapChanged
)

Listener = Callable[[MapEvent], None]


class EventHub:
    """A list of listeners called, in order, with each event."""

    def __init__(self) -> None:
        self._listeners: list[Listener] = []

    def subscribe(self, listener: Listener) -> Callable[[], None]:
        """Call ``listener`` with every future event; return a function that stops it."""
        self._listeners.append(listener)

        def unsubscribe() -> None:
            if listener in self._listeners:
                self._listeners.remove(listener)

        return unsubscribe

    @property
    def listening(self) -> bool:
        """Whether anyone listens (a map being read has nobody yet, so needs no events)."""
        return bool(self._listeners)

    def emit(self, event: MapEvent) -> None:
        """Send ``event`` to every listener."""
        for listener in list(self._listeners):
            listener(event)
