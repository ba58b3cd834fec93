"""As-is against to-be: the changes a policy lead reads, word for word, on Salford.

Salford proposes one relationship (the prison leaver and the food bank): the charities' silo
opens up without ceasing to be one, and citizens' routes shorten; nothing else changes, so
nothing else is reported (no gap, part, reach or single point of failure). With four more
proposals every kind of change appears once, in the order the comparison lists them: the silo
dissolves, three gaps close (two across the map, with the working relationships before and
after; one within Salford, where the map-wide counts would mislead and are not given), two of
the three parts join, citizens reach nine more services (and, reaching the far ones, take
longer routes on average), and one single point of failure goes while another appears.
Proposals between members of one sector can make it a silo. A map without citizens has no
routes to compare (their average is not a number), so it reports no change to them.
"""

from __future__ import annotations

import math

import pytest

from sysmap.analysis import analyse
from sysmap.model import Relationship, Stakeholder, SystemMap

MORE_PROPOSALS = [
    ("dwp", "food-bank"),
    ("victim-support", "probation"),
    ("housing", "mind"),
    ("police", "recovery"),
]


def changes(system_map: SystemMap) -> list[tuple[str, str, str]]:
    """The comparison's changes, as the report lists them: kind, headline, sentence."""
    comparison = analyse(system_map, permutations=199).comparison
    assert comparison is not None
    return [(c.kind, c.title, c.explanation) for c in comparison.changes]


def test_one_proposal_opens_the_silo_up_and_shortens_routes(salford: SystemMap) -> None:
    assert changes(salford) == [
        (
            "silo",
            "Third sector would open up",
            "Third sector's E-I index would move from −0.33 to −0.20.",
        ),
        (
            "citizen_steps",
            "Citizens' routes would shorten",
            "The average route from a citizen to a service would go from 2.2 to 1.8 steps.",
        ),
    ]


def test_more_proposals_report_every_kind_of_change(salford: SystemMap) -> None:
    for a, b in MORE_PROPOSALS:
        salford.add_relationship(Relationship(a, b, "partners", status="proposed"))
    assert changes(salford) == [
        (
            "silo",
            "Third sector would no longer be a silo",
            "Third sector's E-I index would move from −0.33 to +0.14 "
            "and would no longer be a silo.",
        ),
        (
            "gap_closed",
            "Central government and Third sector would start working together",
            "The gap between Central government and Third sector would close "
            "(0 → 1 working relationships).",
        ),
        (
            "gap_closed",
            "Local public services and Third sector would start working together",
            "The gap between Local public services and Third sector would close "
            "(2 → 5 working relationships).",
        ),
        (
            "gap_closed",
            "Local public services and Third sector in Salford would start working together",
            "The gap between Local public services and Third sector in Salford would close.",
        ),
        (
            "parts",
            "Separate parts would join (3 → 2)",
            "The map's 3 separate parts would become 2.",
        ),
        (
            "citizen_steps",
            "Citizens' routes would lengthen",
            "The average route from a citizen to a service would go from 2.2 to 2.5 steps.",
        ),
        (
            "citizen_reach",
            "More services would be within citizens' reach",
            "Citizen–service pairs with no route at all would go from 11 to 2.",
        ),
        (
            "points_removed",
            "Ministry of Justice would no longer be a single point of failure",
            "Ministry of Justice would no longer be a single point of failure.",
        ),
        (
            "points_added",
            "New single points of failure: Victim Support",
            "Victim Support would become a single point of failure.",
        ),
    ]


def test_a_map_without_citizens_reports_no_change_to_their_routes(salford: SystemMap) -> None:
    for citizen in ("leaver", "victims"):
        salford.remove_stakeholder(citizen)
    salford.add_relationship(Relationship("dwp", "food-bank", "partners", status="proposed"))
    result = analyse(salford, permutations=99)
    assert math.isnan(result.citizen.mean_steps())
    assert result.comparison is not None
    kinds = [c.kind for c in result.comparison.changes]
    assert "gap_closed" in kinds
    assert not {"citizen_steps", "citizen_reach"} & set(kinds)


def test_proposals_inside_a_sector_can_make_it_a_silo(salford: SystemMap) -> None:
    for node_id, label in (("yjs", "Youth Justice"), ("council", "Salford Council")):
        salford.add_stakeholder(Stakeholder(label, id=node_id, sector="local_public_services"))
    salford.add_relationship(Relationship("yjs", "probation", "refers"))
    salford.add_relationship(Relationship("council", "housing", "funds"))
    for a, b in [("yjs", "council"), ("yjs", "police"), ("council", "police"), ("yjs", "housing")]:
        salford.add_relationship(Relationship(a, b, "partners", status="proposed"))
    salford.add_relationship(Relationship("council", "probation", "partners", status="proposed"))
    silo = changes(salford)[0]
    assert silo[:2] == ("silo", "Local public services would become a silo")
    assert silo[2] == (
        "Local public services' E-I index would move from +0.09 to −0.25 and would become a silo."
    )


def test_the_changes_are_findings_that_keep_names_capitalised(salford: SystemMap) -> None:
    """Each change is also a finding, "If the proposed relationships are made: …": a sentence
    that starts with a common word goes on in lower case, one that starts with a name keeps
    it as it is ("Third sector's", not "third sector's")."""
    to_be = [f for f in analyse(salford, permutations=199).findings if f.kind == "to_be"]
    assert {f.title: f.explanation for f in to_be} == {
        "Citizens' routes would shorten": "If the proposed relationships are made: the average "
        "route from a citizen to a service would go from 2.2 to 1.8 steps.",
        "Third sector would open up": "If the proposed relationships are made: Third sector's "
        "E-I index would move from −0.33 to −0.20.",
    }
    assert {f.rank_reason for f in to_be} == {
        "Context: what the proposed relationships would change."
    }
    routes = next(f for f in to_be if f.title == "Citizens' routes would shorten")
    assert dict(routes.numbers) == pytest.approx({"before": 20 / 9, "after": 16 / 9})


def test_a_gap_that_goes_without_a_tie_is_not_said_to_start_working_together(
    salford: SystemMap,
) -> None:
    """Proposals elsewhere (the prison leaver and the police, a landlord and an employer)
    change what would be expected between the council's services and the charities in
    Salford, so that gap is no longer flagged; no proposal joins them, and the comparison says
    so rather than that they "would start working together"."""
    salford.add_relationship(Relationship("leaver", "police", "partners", status="proposed"))
    salford.add_relationship(Relationship("landlord", "employer", "partners", status="proposed"))
    gaps = [c for c in changes(salford) if c[0] == "gap_closed"]
    assert gaps == [
        (
            "gap_closed",
            "Local public services and Third sector in Salford would no longer stand out as a gap",
            "The gap between Local public services and Third sector in Salford would no longer "
            "be flagged, though no proposed relationship joins them: the proposals change what "
            "would be expected between them, not the ties they have.",
        )
    ]
