"""The map model: stakeholders, relationships, vocabularies and change events. No Qt here."""

from __future__ import annotations

from typing import TYPE_CHECKING

from sysmap._lazy import lazy_exports

if TYPE_CHECKING:  # loaded on first use (see sysmap._lazy): commands start at once
    from sysmap.model import events
    from sysmap.model.entities import AttrValue, Relationship, Stakeholder
    from sysmap.model.errors import (
        MapFileError,
        SysmapError,
        UnknownRelationshipError,
        UnknownStakeholderError,
        ValidationError,
    )
    from sysmap.model.ids import slugify, unique_id
    from sysmap.model.system_map import SystemMap
    from sysmap.model.vocab import (
        CITIZEN_SECTOR,
        DEFAULT_PLACES,
        DEFAULT_RELATION_TYPES,
        DEFAULT_SECTORS,
        KINDS,
        OKABE_ITO,
        PLACE_LEVELS,
        STATUSES,
        UNKNOWN_COLOUR,
        VOCABULARY_NAMES,
        Term,
        Vocabulary,
    )

__all__ = [
    "CITIZEN_SECTOR",
    "DEFAULT_PLACES",
    "DEFAULT_RELATION_TYPES",
    "DEFAULT_SECTORS",
    "KINDS",
    "OKABE_ITO",
    "PLACE_LEVELS",
    "STATUSES",
    "UNKNOWN_COLOUR",
    "VOCABULARY_NAMES",
    "AttrValue",
    "MapFileError",
    "Relationship",
    "Stakeholder",
    "SysmapError",
    "SystemMap",
    "Term",
    "UnknownRelationshipError",
    "UnknownStakeholderError",
    "ValidationError",
    "Vocabulary",
    "events",
    "slugify",
    "unique_id",
]

__getattr__ = lazy_exports(
    __name__,
    {
        "events": "sysmap.model.events",
        "AttrValue": "sysmap.model.entities",
        "Relationship": "sysmap.model.entities",
        "Stakeholder": "sysmap.model.entities",
        "MapFileError": "sysmap.model.errors",
        "SysmapError": "sysmap.model.errors",
        "UnknownRelationshipError": "sysmap.model.errors",
        "UnknownStakeholderError": "sysmap.model.errors",
        "ValidationError": "sysmap.model.errors",
        "slugify": "sysmap.model.ids",
        "unique_id": "sysmap.model.ids",
        "SystemMap": "sysmap.model.system_map",
        "CITIZEN_SECTOR": "sysmap.model.vocab",
        "DEFAULT_PLACES": "sysmap.model.vocab",
        "DEFAULT_RELATION_TYPES": "sysmap.model.vocab",
        "DEFAULT_SECTORS": "sysmap.model.vocab",
        "KINDS": "sysmap.model.vocab",
        "OKABE_ITO": "sysmap.model.vocab",
        "PLACE_LEVELS": "sysmap.model.vocab",
        "STATUSES": "sysmap.model.vocab",
        "UNKNOWN_COLOUR": "sysmap.model.vocab",
        "VOCABULARY_NAMES": "sysmap.model.vocab",
        "Term": "sysmap.model.vocab",
        "Vocabulary": "sysmap.model.vocab",
    },
)
