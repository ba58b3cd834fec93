"""Why each finding ranks where it does, and the figures it quotes, on Salford made larger.

- Group gaps: the reason names the kind of gap the guidance cares about. Citizens and a
  sector that serves them are their own kind; sectors within one place another; other pairs
  the guidance says should talk a third. Each quotes its tie counts.
- A citizen who is the only link of two charities to the rest of the system is a single
  point of failure the guidance names ("the connection rests on citizens"), with the number
  cut off as a figure; Probation's wider single point of failure gives its weight, saying
  whom it cuts off by kind (a citizen, services, others).
- One weak relationship with evidence is a documented gap, in the singular throughout, with
  its figures (relationships, documented, carrying routes).
- Citizens cut off from services are told how many and which; suggested introductions say
  their place among all suggestions (1 of 21, 2 of 21…); every finding names the published
  measure behind it.
- Two groups with no tie and no shared contact (a new university cluster) need a new broker:
  one finding per pair, naming both groups and highlighting them.
- A gap within a place is headed by the place's name as the map gives it ("City of
  Salford"), not its key.
- Ties staying inside groups is a medium finding only when p < 0.05 (with 19 shuffles p is
  at least 0.05, so never); a grouping with one group says nothing, and the next grouping
  still gets its own finding.
- Context comes in a fixed order of kinds; clusters that follow sectors say "sector lines";
  ties across groups whose ends are four or more steps apart without them are folded into
  one finding that lists eight and counts the rest.
- A silo is high when its E-I is at least 0.5 below random mixing (p < 0.01): exactly 0.5
  counts.
"""

from __future__ import annotations

from itertools import combinations

from sysmap.analysis import analyse
from sysmap.analysis.findings import suggestion_finding
from sysmap.analysis.results import Finding
from sysmap.model import Relationship, Stakeholder, SystemMap
from sysmap.model.vocab import Term


def findings(system_map: SystemMap, kind: str) -> list[Finding]:
    return [f for f in analyse(system_map, permutations=99).findings if f.kind == kind]


def test_each_group_gap_says_which_kind_of_gap_it_is(salford: SystemMap) -> None:
    for i in range(4):  # families who deal with charities only
        salford.add_stakeholder(Stakeholder(f"Family {i}", id=f"f{i}", sector="citizens"))
        salford.add_relationship(Relationship(f"f{i}", "victim-support", "supports"))
        salford.add_relationship(Relationship(f"f{i}", "mind", "supports"))
    reasons = {f.title: f.rank_reason for f in findings(salford, "group_gap")}
    should_talk = "A gap the guidance names: groups the guidance says should talk share fewer ties"
    assert reasons == {
        "Local public services and Third sector barely work together": (
            f"{should_talk} than expected (2 ties where about 5.5 are expected)."
        ),
        "Central government and Third sector share no working relationship": (
            f"{should_talk} than expected (0 ties where about 1.4 are expected)."
        ),
        "Local public services and Citizens & communities barely work together": (
            "Context: citizens and a sector that serves them barely meet "
            "(1 ties where about 2.4 are expected)."
        ),
        "In Salford, Local public services and Third sector barely work together": (
            "Context: sectors in one place that do not talk (2 ties where about 4.6 are expected)."
        ),
    }


def test_a_citizen_who_alone_joins_two_charities_is_a_named_gap(salford: SystemMap) -> None:
    for node_id, label in (("mentor", "Mentoring charity"), ("peers", "Peer group")):
        salford.add_stakeholder(Stakeholder(label, id=node_id, sector="third_sector"))
    salford.add_relationship(Relationship("mentor", "leaver", "supports"))
    salford.add_relationship(Relationship("mentor", "peers", "partners"))
    points = {f.title: f for f in findings(salford, "point_of_failure")}
    leaver = points["Only Prison leaver joins 2 stakeholders to the rest of the system"]
    assert (leaver.severity, dict(leaver.numbers)) == ("high", {"cut_off": 2})
    assert leaver.rank_reason == (
        "A gap the guidance names: no organisation links these stakeholders to the system: "
        "the connection rests on citizens."
    )
    probation = points["If Probation Service leaves, 6 stakeholders are cut off"]
    assert probation.rank_reason == (
        "Fragility: a single point of failure that cuts off 1 citizen, 2 services and "
        "3 other stakeholders (weight 6.5: a citizen counts 3, a service 1, anyone else ½)."
    )


def test_one_weak_relationship_with_evidence_is_a_documented_gap(salford: SystemMap) -> None:
    salford.remove_relationship("housing-refers-womens-centre")
    salford.remove_relationship("probation-refers-housing")
    evidence = "Referrals lost in 2024 (test evidence)"
    salford.add_relationship(
        Relationship("probation", "housing", "refers", status="weak", evidence=evidence)
    )
    (weak,) = findings(salford, "weak_link")
    assert (weak.severity, weak.title) == (
        "high",
        "1 weak relationship between organisations often fails",
    )
    assert weak.explanation == (
        "The map records 1 relationship between organisations as weak: it exists, but the "
        "evidence says it often fails; it carries citizens' shortest routes to services. "
        "Council Housing Options ↔ Probation Service (2 routes)."
    )
    assert dict(weak.numbers) == {"relationships": 1, "documented": 1, "carry_routes": 1}
    assert weak.rank_reason == (
        "Documented gap: 1 weak relationship with evidence, folded into one "
        "(handovers that often fail)."
    )


def test_citizens_cut_off_suggestions_in_order_and_each_measure_named(salford: SystemMap) -> None:
    salford.add_stakeholder(Stakeholder("Carer", id="carer", sector="citizens"))
    salford.add_relationship(Relationship("carer", "leaver", "supports"))
    result = analyse(salford, permutations=99)
    (cut_off,) = [f for f in result.findings if f.kind == "citizen_unreachable"]
    assert cut_off.explanation == (
        "Carer and Prison leaver cannot reach 2 services by any route: "
        "Local employers and Victim Support."
    )
    suggestions = [f.rank_reason for f in result.findings if f.kind == "suggested_link"]
    total = len(result.missing_links)
    assert suggestions == [
        f"Context: suggestion {k} of {total}, ranked by its own evidence (resource allocation)."
        for k in range(1, len(suggestions) + 1)
    ]
    measures = {f.kind: f.measure for f in result.findings}
    assert all(measures.values())
    assert measures["silo"] == "E-I index (Krackhardt & Stern 1988) with a permutation test"
    assert measures["citizen_unreachable"] == "Shortest routes (Dijkstra 1959)"


def test_groups_nobody_can_introduce_need_a_new_broker(salford: SystemMap) -> None:
    for i in range(3):
        salford.add_stakeholder(
            Stakeholder(f"Uni {i}", id=f"u{i}", sector="academic", place="Salford")
        )
    salford.add_relationship(Relationship("u0", "u1", "partners"))
    salford.add_relationship(Relationship("u1", "u2", "partners"))
    needed = findings(salford, "broker_needed")
    assert [(f.severity, f.title) for f in needed] == [
        ("medium", "Nobody links Local public services and academic: a new broker is needed"),
        ("medium", "Nobody links Third sector and academic: a new broker is needed"),
    ]
    assert {g.value for g in needed[0].highlight.groups} == {"local_public_services", "academic"}
    assert needed[0].explanation.startswith(
        "No member of Local public services in Salford shares a contact with any member of "
        "academic in Salford, so nobody in the map can make an introduction"
    )


def test_a_gap_within_a_place_is_headed_by_the_places_own_name(salford: SystemMap) -> None:
    places = salford.places.with_term(Term("Salford", "City of Salford", level="local"))
    salford.set_vocabulary("places", places)
    titles = [f.title for f in findings(salford, "group_gap")]
    assert "In City of Salford, Local public services and Third sector barely work together" in (
        titles
    )


def test_mixing_is_significant_only_below_p_0_05(salford: SystemMap) -> None:
    """With 19 shuffles the smallest p is exactly 0.05: not below 0.05, so context only."""
    result = analyse(salford, permutations=19, compare=False)
    mixing = {
        f.title: (f.severity, f.numbers["p_value"]) for f in result.findings if f.kind == "mixing"
    }
    assert mixing["Ties stay inside sectors"] == ("low", 0.05)


def test_places_mixing_is_reported_when_every_stakeholder_shares_a_sector(
    salford: SystemMap,
) -> None:
    for node_id in salford.stakeholder_ids():
        salford.update_stakeholder(node_id, sector="third_sector")
    result = analyse(salford, by=["sector", "place"], permutations=99, compare=False)
    titles = [f.title for f in result.findings if f.kind == "mixing"]
    assert titles == ["Ties stay inside places"]


def test_places_mixing_is_reported_when_sectors_mix_well() -> None:
    """Two towns whose ties all cross sector lines but none crosses town lines: the sectors
    say nothing (they mix more than chance), the towns still get their finding."""
    system_map = SystemMap("Two towns")
    for town in ("Bury", "Wigan"):
        for i in range(4):
            sector = ("third_sector", "local_public_services")[i % 2]
            system_map.add_stakeholder(
                Stakeholder(f"{town} {i}", id=f"{town}{i}", sector=sector, place=town)
            )
        for i in range(4):
            system_map.add_relationship(
                Relationship(f"{town}{i}", f"{town}{(i + 1) % 4}", "refers")
            )
    result = analyse(system_map, by=["sector", "place"], permutations=99, compare=False)
    titles = [f.title for f in result.findings if f.kind == "mixing"]
    assert titles == ["Ties stay inside places"]


def test_context_findings_come_in_the_documented_order(salford: SystemMap) -> None:
    """Within context: gaps, then suggested introductions, mixing, the longest citizen's
    route, a cluster of one group, clusters against groups, brokers, and what the proposals
    would change."""
    result = analyse(salford, permutations=99)
    kinds = [f.kind for f in result.findings if f.rank_class == "context"]
    assert list(dict.fromkeys(kinds)) == [
        "group_gap",
        "suggested_link",
        "mixing",
        "citizen_route",
        "silo_community",
        "communities",
        "broker",
        "to_be",
    ]


def test_clusters_that_follow_sectors_say_so(salford: SystemMap) -> None:
    (follow,) = findings(salford, "communities")
    assert follow.explanation == (
        "The working clusters the ties form follow sector lines closely (normalised mutual "
        "information 0.64, where 1 means identical)."
    )


def ring(n: int) -> SystemMap:
    """``n`` bodies in a ring, charities and public services in turn."""
    system_map = SystemMap("Ring")
    for i in range(n):
        sector = ("third_sector", "local_public_services")[i % 2]
        system_map.add_stakeholder(Stakeholder(f"Body {i}", id=f"b{i}", sector=sector))
    for i in range(n):
        system_map.add_relationship(Relationship(f"b{i}", f"b{(i + 1) % n}", "partners"))
    return system_map


def test_ties_four_steps_round_hold_groups_together() -> None:
    """In a ring of five, each tie across sectors is four steps round: the least that counts.
    In a ring of ten, ten such ties are folded into one finding that lists eight."""
    (five,) = findings(ring(5), "local_bridge")
    assert five.title == "4 ties alone hold groups together"
    assert five.explanation.endswith(
        "between groups): Body 0 ↔ Body 1 (4 steps round), Body 1 ↔ Body 2 (4 steps round), "
        "Body 2 ↔ Body 3 (4 steps round) and Body 3 ↔ Body 4 (4 steps round)."
    )
    (ten,) = findings(ring(10), "local_bridge")
    assert (ten.title, dict(ten.numbers)) == (
        "10 ties alone hold groups together",
        {"ties": 10, "span": 9},
    )
    assert ten.explanation.endswith("Body 6 ↔ Body 7 (9 steps round) and 2 others.")


def test_a_silo_exactly_half_below_random_mixing_is_high() -> None:
    """Seven charities among twelve would give +0.25 under random mixing; with 10 ties inside
    and 6 out their E-I is −0.25, exactly 0.5 below: at p < 0.01 that is the high mark."""
    system_map = SystemMap("Exactly half")
    for i in range(7):
        system_map.add_stakeholder(Stakeholder(f"Charity {i}", id=f"c{i}", sector="third_sector"))
    for i in range(5):
        system_map.add_stakeholder(
            Stakeholder(f"Council {i}", id=f"p{i}", sector="local_public_services")
        )
    for a, b in list(combinations(range(7), 2))[:10]:
        system_map.add_relationship(Relationship(f"c{a}", f"c{b}", "partners"))
    for k in range(6):
        system_map.add_relationship(Relationship(f"c{k}", f"p{k % 5}", "refers"))
    for a, b in combinations(range(5), 2):
        system_map.add_relationship(Relationship(f"p{a}", f"p{b}", "partners"))
    result = analyse(system_map, by=["sector"], permutations=999, compare=False)
    (silo,) = [f for f in result.findings if f.title == "Third sector is a silo"]
    assert (silo.numbers["ei_index"], silo.numbers["expected_ei"]) == (-0.25, 0.25)
    assert silo.numbers["p_value"] < 0.01
    assert silo.severity == "high"


def test_suggestions_beyond_the_list_say_their_place_like_the_listed_ones(
    salford: SystemMap,
) -> None:
    """The panel shows the rest of the suggestions a click away (``suggestion_finding``): each
    says its place among all of them, as the listed ones do."""
    result = analyse(salford, permutations=99, compare=False)
    total = len(result.missing_links)
    listed = [f.rank_reason for f in result.findings if f.kind == "suggested_link"]
    every = [suggestion_finding(result, p).rank_reason for p in range(total)]
    assert every[: len(listed)] == listed
    assert every[-1] == (
        f"Context: suggestion {total} of {total}, ranked by its own evidence (resource allocation)."
    )
