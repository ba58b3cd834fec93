"""Proposing matches: scored, explained, one partner each, uncertain ones held for review."""

from __future__ import annotations

import pytest

from sysmap.combine.matching import AUTO, Decision, propose
from sysmap.model.errors import ValidationError
from tests.combine.helpers import CG, EW, GM, LPS, VCS, small_map

TABLE_A = small_map(
    "Reoffending – justice table",
    [
        ("DWP", CG, "Great Britain"),
        ("HMPPS", CG, EW),
        ("Probation Service – Greater Manchester", LPS, GM),
        ("Greater Manchester Police", LPS, GM),
        ("HMP Manchester", LPS, "Manchester"),
        ("Clinks", VCS, EW),
    ],
)
TABLE_B = small_map(
    "Reoffending – health table",
    [
        ("Department for Work and Pensions", CG, "Great Britain"),
        ("HM Prison & Probation Service", CG, EW),
        ("GM Probation", LPS, GM),
        ("Manchester prison", LPS, "Manchester"),
        ("Clniks", VCS, EW),
        ("NHS England", CG, "England"),
    ],
)


def _by_label(plan):  # type: ignore[no-untyped-def]
    return {p.member.label: p for p in plan.proposals}


def test_the_ways_people_name_one_organisation_are_matched_with_reasons() -> None:
    plan = propose([TABLE_A, TABLE_B], ["justice", "health"])
    found = _by_label(plan)
    expected = {
        "Department for Work and Pensions": ("DWP", "acronym of"),
        "HM Prison & Probation Service": ("HMPPS", "acronym of"),
        "GM Probation": ("Probation Service – Greater Manchester", "% similar"),
        "Manchester prison": ("HMP Manchester", "same name after normalising"),
        "Clniks": ("Clinks", "% similar"),
    }
    for label, (partner, reason) in expected.items():
        proposal = found[label]
        assert proposal.status == "match", (label, proposal)
        assert proposal.best is not None
        assert proposal.best.partner.label == partner
        assert reason in proposal.best.reason
        assert "same sector" in proposal.best.reason
        assert proposal.best.score >= AUTO
    assert found["NHS England"].status == "new"
    assert len(plan.groups) == 7  # six of the first table, and NHS England


def test_a_third_map_matches_the_group_through_any_of_its_names() -> None:
    third = small_map("Community table", [("Dept. for Work & Pensions", CG, "Great Britain")])
    plan = propose([TABLE_A, TABLE_B, third], ["justice", "health", "community"])
    dwp = next(g for g in plan.groups if g[0].label == "DWP")
    assert [m.label for m in dwp] == [
        "DWP",
        "Department for Work and Pensions",
        "Dept. for Work & Pensions",
    ]


def test_two_of_one_map_wanting_one_partner_are_both_left_for_review() -> None:
    from sysmap.model import Stakeholder, SystemMap

    gephi = SystemMap("From Gephi")  # numbered ids say nothing
    gephi.add_stakeholder(Stakeholder("Clinks", id="n1", sector=VCS, place=EW))
    doubled = small_map("B", [("Clinks", VCS, EW), ("clinks", VCS, EW)])
    plan = propose([gephi, doubled], ["a", "b"])
    # Each group takes at most one partner from a map, and which one is a person's call.
    assert [p.status for p in plan.proposals] == ["uncertain", "new"]
    assert len(plan.groups) == 3


def test_the_same_id_tells_twins_apart() -> None:
    doubled = small_map("B", [("Clinks", VCS, EW), ("clinks", VCS, EW)])  # clinks, clinks-2
    plan = propose([TABLE_A, doubled], ["a", "b"])
    assert [p.status for p in plan.proposals] == ["match", "new"]
    assert plan.proposals[0].best is not None
    assert plan.proposals[0].best.reason.startswith("same id")


def test_two_bodies_with_the_same_initials_are_left_for_review() -> None:
    first = small_map(
        "A",
        [
            ("HM Inspectorate of Prisons", "independent", EW),
            ("HM Inspectorate of Probation", "independent", EW),
        ],
    )
    second = small_map("B", [("HMIP", "independent", EW)])
    plan = propose([first, second], ["a", "b"])
    proposal = plan.proposals[0]
    assert proposal.status == "uncertain"
    assert proposal.best is not None
    assert "stands for more than one stakeholder" in proposal.best.reason
    assert len(plan.groups) == 3


def test_a_different_sector_lowers_the_score_and_says_so() -> None:
    other = small_map("B", [("Clinks", "private", EW)])
    plan = propose([TABLE_A, other], ["a", "b"])
    best = plan.proposals[0].best
    assert best is not None
    assert best.score < 1.0
    assert "sector differs" in best.reason


def test_decisions_override_the_proposals() -> None:
    names = ["justice", "health"]
    auto = _by_label(propose([TABLE_A, TABLE_B], names))
    prison = auto["Manchester prison"].member
    england = auto["NHS England"].member
    decisions = {
        (prison.map, prison.id): Decision(None),  # not the same after all
        (england.map, england.id): Decision((0, "hmpps")),  # a person knows better
    }
    plan = propose([TABLE_A, TABLE_B], names, decisions)
    groups = {g[0].label: [m.label for m in g] for g in plan.groups}
    assert groups["HMP Manchester"] == ["HMP Manchester"]
    assert groups["Manchester prison"] == ["Manchester prison"]
    assert groups["HMPPS"] == ["HMPPS", "HM Prison & Probation Service", "NHS England"]
    assert plan.decided[(prison.map, prison.id)] == "you"


def test_a_decision_naming_a_stakeholder_not_there_is_refused_with_a_sentence() -> None:
    member = propose([TABLE_A, TABLE_B], ["a", "b"]).proposals[0].member
    with pytest.raises(ValidationError, match="'nobody' of a is not a stakeholder"):
        propose([TABLE_A, TABLE_B], ["a", "b"], {(member.map, member.id): Decision((0, "nobody"))})


def test_maps_with_nothing_in_common_propose_nothing() -> None:
    other = small_map(
        "Elsewhere", [("Leeds Library", VCS, "Leeds"), ("Bus operator", "private", "Leeds")]
    )
    plan = propose([TABLE_A, other], ["a", "b"])
    assert plan.counts() == {"match": 0, "uncertain": 0, "new": 2}
    assert len(plan.groups) == 8


def test_numbered_ids_from_other_tools_are_not_evidence() -> None:
    from sysmap.model import Stakeholder, SystemMap

    one, two = SystemMap("yEd"), SystemMap("Gephi")
    one.add_stakeholder(Stakeholder("Home Office", id="n0", sector=CG))
    two.add_stakeholder(Stakeholder("Salford food bank", id="n0", sector=VCS))
    plan = propose([one, two], ["a", "b"])
    assert plan.proposals[0].status == "new"
