"""Fixtures for the desktop app's tests: a small map, a document, and settings kept apart."""

from __future__ import annotations

import pytest

from sysmap.gui.document import MapDocument
from sysmap.model import Relationship, Stakeholder, SystemMap


def small_system() -> SystemMap:
    """Three stakeholders, two relationships, one pinned; enough to exercise every edit."""
    m = SystemMap("Test map")
    m.add_stakeholder(
        Stakeholder("Probation Service", sector="local_public_services", kind="organisation")
    )
    m.add_stakeholder(
        Stakeholder("Council housing options", sector="local_public_services", x=200.0)
    )
    m.add_stakeholder(Stakeholder("Shelter", sector="third_sector", x=100.0, y=150.0, pinned=True))
    m.add_relationship(Relationship("probation-service", "council-housing-options", "refers"))
    m.add_relationship(Relationship("shelter", "probation-service", "supports", status="weak"))
    return m


@pytest.fixture
def small_map() -> SystemMap:
    return small_system()


@pytest.fixture
def document(small_map: SystemMap) -> MapDocument:
    return MapDocument(small_map)
