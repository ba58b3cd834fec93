"""A small, hand-checkable system for the analysis tests.

Salford, in words: four charities work closely with each other (a silo) and one of them with
Probation; Probation is the hub a prison leaver, an inspectorate and central government reach
the rest through; a landlord works only with the council; victims and their support service
are cut off; an employer has no ties at all. The map records one missing relationship (DWP and
the prison leaver) and proposes one (the prison leaver and the food bank).
"""

from __future__ import annotations

import pytest

from sysmap.model import Relationship, Stakeholder, SystemMap

STAKEHOLDERS = [
    # id, label, sector, place, level
    ("food-bank", "Salford Food Bank", "third_sector", "Salford", "local"),
    ("womens-centre", "Women's Centre", "third_sector", "Salford", "local"),
    ("recovery", "Recovery Network", "third_sector", "Salford", "local"),
    ("mind", "Salford Mind", "third_sector", "Salford", "local"),
    ("probation", "Probation Service", "local_public_services", "Salford", "local"),
    ("housing", "Council Housing Options", "local_public_services", "Salford", "local"),
    ("police", "Greater Manchester Police", "local_public_services", "Manchester", "regional"),
    ("moj", "Ministry of Justice", "central_government", "England", "national"),
    ("dwp", "Department for Work and Pensions", "central_government", "England", "national"),
    ("leaver", "Prison leaver", "citizens", "Salford", "local"),
    ("hmip", "HM Inspectorate of Probation", "independent", "England", "national"),
    ("landlord", "Private landlords", "private", "Salford", "local"),
    ("victims", "Victims", "citizens", "Salford", "local"),
    ("victim-support", "Victim Support", "third_sector", "Salford", "local"),
    ("employer", "Local employers", "private", "Salford", "local"),
]

RELATIONSHIPS = [
    # source, target, relation, status
    ("food-bank", "womens-centre", "partners", "active"),
    ("food-bank", "recovery", "partners", "active"),
    ("food-bank", "mind", "partners", "active"),
    ("womens-centre", "recovery", "partners", "active"),
    ("womens-centre", "mind", "partners", "active"),
    ("recovery", "mind", "partners", "active"),
    ("probation", "food-bank", "refers", "active"),
    ("probation", "housing", "refers", "weak"),
    ("probation", "police", "shares_data", "active"),
    ("housing", "police", "shares_data", "active"),
    ("housing", "womens-centre", "refers", "weak"),
    ("moj", "probation", "funds", "active"),
    ("moj", "dwp", "partners", "active"),
    ("probation", "leaver", "supervises", "active"),
    ("hmip", "probation", "inspects", "active"),
    ("housing", "landlord", "refers", "active"),
    ("victim-support", "victims", "supports", "active"),
    ("dwp", "leaver", "supports", "missing"),
    ("leaver", "food-bank", "refers", "proposed"),
]


def build_salford() -> SystemMap:
    """The hand-checkable Salford map described in the module notes."""
    system_map = SystemMap("Reoffending in Salford (test)")
    for node_id, label, sector, place, level in STAKEHOLDERS:
        system_map.add_stakeholder(
            Stakeholder(label, id=node_id, sector=sector, place=place, place_level=level)
        )
    for source, target, relation, status in RELATIONSHIPS:
        evidence = (
            "Claims are not started before release (test evidence)" if status == "missing" else ""
        )
        system_map.add_relationship(
            Relationship(source, target, relation, status=status, evidence=evidence)
        )
    return system_map


@pytest.fixture
def salford() -> SystemMap:
    return build_salford()
