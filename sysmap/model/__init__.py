"""The map model: stakeholders, relationships, vocabularies and change events. No Qt here."""

from __future__ import annotations

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
