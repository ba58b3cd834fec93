"""The whole analysis: result shape (methods.md §6), findings, wording, determinism, scenarios."""

from __future__ import annotations

import json
import re

import pytest

from sysmap.analysis import AnalysisResult, analyse, render_markdown, render_text
from sysmap.analysis.finding_kinds import KINDS
from sysmap.analysis.ranking import CLASSES, KEY_FINDINGS
from sysmap.model import Relationship, Stakeholder, SystemMap, ValidationError
from sysmap.model.progress import Cancelled, Progress
from sysmap.model.synthetic import synthetic_map

SECTION_6 = {
    "map": {"title", "stakeholders", "relationships", "components"},
    "groups": None,
    "silos": {"attribute", "group", "members", "ei_index", "expected_ei", "p_value", "explanation"},
    "communities": {"detected", "comparison"},
    "group_gaps": {"attribute", "a", "b", "observed", "expected", "explanation"},
    "missing_links": {
        "source",
        "target",
        "score",
        "method",
        "introducer",
        "crosses",
        "explanation",
    },
    "brokers": {"id", "betweenness", "constraint", "effective_size", "roles"},
    "single_points_of_failure": {"id", "cut_off"},
    "bridges": {"source", "target"},
    "local_bridges": {"source", "target", "span", "crosses"},
    "isolates": None,
    "citizen": {"citizen", "service", "steps", "crossings", "route", "only_through"},
    "findings": {"severity", "kind", "title", "explanation", "highlight"},
}
AMERICAN = re.compile(
    r"\b(organization|neighbor|center|analyze|program|behavior|color|favor|labor|prioritize)s?\b",
    re.IGNORECASE,
)


@pytest.fixture
def result(salford: SystemMap) -> AnalysisResult:
    return analyse(salford, permutations=999, seed=11)


def test_json_has_the_keys_of_section_6(result: AnalysisResult) -> None:
    data = json.loads(json.dumps(result.to_json(), allow_nan=False))
    for key, fields in SECTION_6.items():
        assert key in data, key
        if fields is None:
            continue
        records = data[key] if isinstance(data[key], list) else [data[key]]
        assert records, key
        for record in records:
            assert fields <= set(record), (key, fields - set(record))
    for attribute in ("sector", "place"):
        grouping = data["groups"][attribute]
        assert {"ei_index", "expected_ei", "p_value", "assortativity", "modularity"} <= set(
            grouping
        )
        assert {
            "name",
            "size",
            "internal",
            "external",
            "ei_index",
            "expected_ei",
            "p_value",
            "is_silo",
        } <= set(grouping["groups"][0])
        assert {"a", "b", "observed", "expected"} <= set(grouping["ties"][0])
        assert {"nmi", "ari"} <= set(data["communities"]["comparison"][attribute])
    assert {"members", "dominant"} <= set(data["communities"]["detected"][0])
    assert {"nodes", "edges", "groups"} <= set(data["findings"][0]["highlight"])
    assert data["map"] == {
        "title": "Reoffending in Salford (test)",
        "stakeholders": 15,
        "relationships": 19,
        "ties": 17,
        "components": 3,
        "scenario": "as-is",
    }


def test_sections_hold_what_the_map_shows(result: AnalysisResult) -> None:
    assert [(s.attribute, s.group) for s in result.silos] == [("sector", "third_sector")]
    assert result.single_points_of_failure[0].id == "probation"
    assert result.single_points_of_failure[0].cut_off == 4
    assert result.isolates == ("employer",)
    assert [k.relationship for k in result.known_gaps] == ["dwp-supports-leaver"]
    assert result.separate_parts[0].members == ("victim-support", "victims")
    link = next(link for link in result.missing_links if link.gap["a"] == "central_government")
    # Ranked by their own evidence: DWP and Probation share only MoJ (3 ties, RA 1/3 + …),
    # ahead of MoJ and the food bank, who share only Probation (6 ties, RA 1/6).
    assert (link.source, link.target, link.introducer) == ("dwp", "probation", "moj")
    scores = [link.score for link in result.missing_links]
    assert scores == sorted(scores, reverse=True)
    assert link.crosses == ("sector", "place")
    betweenness = [b.betweenness for b in result.brokers]
    assert betweenness == sorted(betweenness, reverse=True)
    assert result.brokers[0].id == "probation"
    assert result.brokers[0].roles["sector"]["liaison"] == 6
    routes = {(r.citizen, r.service): r for r in result.citizen.routes()}
    landlord = routes[("leaver", "landlord")]
    assert (landlord.steps, landlord.crossings) == (3, {"sector": 2, "place": 0})
    assert landlord.route == ("leaver", "probation", "housing", "landlord")
    assert landlord.only_through == ("probation", "housing")
    assert routes[("leaver", "employer")].steps is None


def test_findings_are_ranked_and_carry_valid_ids(
    result: AnalysisResult, salford: SystemMap
) -> None:
    classes = [list(CLASSES).index(f.rank_class) for f in result.findings]
    assert classes == sorted(classes)
    assert [f.rank for f in result.findings] == list(range(1, len(result.findings) + 1))
    assert 0 < sum(f.key for f in result.findings) <= KEY_FINDINGS
    assert all(f.rank_reason.startswith(CLASSES[f.rank_class]) for f in result.findings)
    kinds = {f.kind for f in result.findings}
    assert kinds <= set(KINDS)
    expected_kinds = {"silo", "known_gap", "group_gap", "point_of_failure", "separate_part",
                      "isolate", "suggested_link", "citizen_unreachable", "citizen_single_route",
                      "to_be"}  # fmt: skip
    assert expected_kinds <= kinds
    for finding in result.findings:
        assert finding.title
        assert finding.explanation.endswith((".", ")"))
        assert all(salford.has_stakeholder(n) for n in finding.highlight.nodes)
        assert all(salford.has_relationship(e) for e in finding.highlight.edges)
        for group in finding.highlight.groups:
            assert group.value in result.group_labels[group.attribute]
        for a, b in finding.highlight.suggested:
            assert salford.has_stakeholder(a)
            assert salford.has_stakeholder(b)
    link = next(f for f in result.findings if f.kind == "suggested_link")
    assert link.introducer is not None
    assert link.introducer in link.highlight.nodes
    known = next(f for f in result.findings if f.kind == "known_gap")
    assert known.highlight.edges == ("dwp-supports-leaver",)


def test_messages_are_british_and_name_stakeholders_by_label(result: AnalysisResult) -> None:
    texts = [f.title + " " + f.explanation for f in result.findings]
    texts += [render_text(result), render_markdown(result)]
    ids_with_hyphens = [i for i in result.labels if "-" in i]
    for text in texts:
        assert not AMERICAN.search(text), AMERICAN.search(text)
        for node_id in ids_with_hyphens:
            assert node_id not in text, node_id
    silo = next(f for f in result.findings if f.kind == "silo")
    assert silo.explanation.startswith(
        "Third sector is inward-looking: 6 of its 9 ties stay inside it"
    )
    assert "E-I −0.33" in silo.explanation
    assert "random mixing would give +0.67" in silo.explanation
    point = next(f for f in result.findings if f.kind == "point_of_failure")
    assert point.explanation.startswith(
        "If Probation Service leaves, 4 stakeholders lose every route"
    )


def test_same_map_same_result_and_seed_is_recorded(salford: SystemMap) -> None:
    first = json.dumps(analyse(salford, permutations=499, seed=5).to_json(), sort_keys=True)
    second = json.dumps(analyse(salford.copy(), permutations=499, seed=5).to_json(), sort_keys=True)
    assert first == second
    other = analyse(salford, permutations=499, seed=6).to_json()
    assert other["settings"]["seed"] == 6
    assert (
        json.loads(first)["groups"]["sector"]["ei_index"] == other["groups"]["sector"]["ei_index"]
    )


def test_synthetic_map_is_deterministic() -> None:
    system_map = synthetic_map(300, seed=4)
    first = json.dumps(analyse(system_map).to_json(), sort_keys=True)
    assert first == json.dumps(analyse(synthetic_map(300, seed=4)).to_json(), sort_keys=True)


def test_to_be_counts_proposed_ties_and_reports_changes(salford: SystemMap) -> None:
    as_is = analyse(salford, permutations=199)
    to_be = analyse(salford, scenario="to-be", permutations=199)
    assert (as_is.map.ties, to_be.map.ties) == (17, 18)
    assert as_is.comparison is not None
    assert to_be.comparison is not None
    assert as_is.comparison.proposed == ("leaver-refers-food-bank",)
    changes = {c.kind: c for c in as_is.comparison.changes}
    assert changes["silo"].before == pytest.approx(-1 / 3)
    assert changes["silo"].after == pytest.approx(-0.2)
    assert "Third sector's E-I index would move from −0.33 to −0.20" in changes["silo"].explanation
    assert changes["citizen_steps"].after < changes["citizen_steps"].before
    assert [c.kind for c in to_be.comparison.changes] == [c.kind for c in as_is.comparison.changes]
    no_proposals = salford.copy()
    no_proposals.remove_relationship("leaver-refers-food-bank")
    assert analyse(no_proposals, permutations=99).comparison is None


def test_groupings_default_and_chosen(salford: SystemMap) -> None:
    assert analyse(salford, permutations=99).settings["attributes"] == ["sector", "place"]
    for node in ("food-bank", "mind", "probation"):
        salford.set_attribute(node, "programme", "Changing Futures")
    for node in ("womens-centre", "recovery", "housing", "police"):
        salford.set_attribute(node, "programme", "Project ADDER")
    chosen = analyse(salford, by=["programme", "place_level"], permutations=99)
    assert list(chosen.groups) == ["programme", "place_level"]
    assert chosen.groups["programme"].not_set == 8
    assert chosen.group_label("place_level", "national") == "National"
    with pytest.raises(ValidationError, match="No stakeholder in the map has a value for 'budget'"):
        analyse(salford, by=["budget"])
    with pytest.raises(ValidationError, match="scenario"):
        analyse(salford, scenario="maybe")  # type: ignore[arg-type]


def test_without_sector_or_place_every_categorical_attribute_is_used() -> None:
    system_map = SystemMap("Teams")
    for i, team in enumerate("aabbcc"):
        system_map.add_stakeholder(
            Stakeholder(f"Person {i}", id=f"p{i}", attributes={"team": team, "score": i * 1.5})
        )
    for a, b in [(0, 1), (2, 3), (4, 5), (1, 2)]:
        system_map.add_relationship(Relationship(f"p{a}", f"p{b}", "partners"))
    result = analyse(system_map, permutations=99)
    assert result.settings["attributes"] == ["team"]
    assert result.citizen.citizens == ()
    assert "The map has no citizens" in render_text(result)


@pytest.mark.parametrize("size", [0, 1, 2])
def test_tiny_maps_do_not_break(size: int) -> None:
    system_map = SystemMap("Tiny")
    for i in range(size):
        system_map.add_stakeholder(Stakeholder(f"S{i}", sector="citizens" if i else "third_sector"))
    if size == 2:
        system_map.add_relationship(Relationship("s0", "s1", "supports"))
    result = analyse(system_map, permutations=99)
    json.dumps(result.to_json(), allow_nan=False)
    assert render_text(result).startswith("Analysis: Tiny")


def test_briefings_lead_with_findings(result: AnalysisResult) -> None:
    text = render_text(result)
    headings = ("Key findings", "Silos", "Missing links", "Brokers and single points of failure",
                "The citizen's view", "If the proposed relationships are made")  # fmt: skip
    for heading in headings:
        assert f"\n{heading}\n" in text
    assert text.index("Key findings") < text.index("Silos")
    assert " 1. High: " in text
    markdown = render_markdown(result)
    assert markdown.startswith("# Analysis: Reoffending in Salford (test)\n")
    assert "\n## Key findings\n" in markdown
    assert "| Sector | members | ties inside |" in markdown
    assert "\n1. High: " in markdown
    assert "\n2. " in markdown


def test_weak_links_on_citizens_routes(result: AnalysisResult) -> None:
    # Probation–Council Housing is weak; the leaver's routes to housing and the landlords use it.
    top = result.weak_links[0]
    assert {top.source, top.target} == {"probation", "housing"}
    assert top.routes >= 2
    assert top.relationships == ("probation-refers-housing",)
    assert "is weak (it exists, but evidence says it often fails)" in top.explanation
    routes = {(r.citizen, r.service): r for r in result.citizen.routes()}
    assert routes[("leaver", "landlord")].weak == 1
    assert routes[("leaver", "probation")].weak == 0
    finding = next(f for f in result.findings if f.kind == "weak_link")
    assert "probation-refers-housing" in finding.highlight.edges


def test_a_citizen_who_alone_links_services_is_named(salford: SystemMap) -> None:
    salford.add_stakeholder(
        Stakeholder("Jobcentre Plus", id="jcp", sector="central_government", place_level="local")
    )
    salford.add_relationship(Relationship("jcp", "leaver", "supports"))
    result = analyse(salford, permutations=99)
    finding = next(f for f in result.findings if f.highlight.nodes[:1] == ("leaver",)
                   and f.kind == "point_of_failure")  # fmt: skip
    assert finding.explanation == (
        "Only Prison leaver joins Jobcentre Plus to the rest of the system: no organisation "
        "links it, so the connection rests on citizens themselves."
    )


def test_large_maps_list_only_notable_routes(
    result: AnalysisResult, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sysmap.analysis import analysis_result as report

    monkeypatch.setattr(report, "MAX_ROUTES", 5)
    data = result.to_json()
    assert data["citizen_routes"] == {
        "pairs": 20,
        "listed": "unreachable, single-organisation and farthest",
    }
    listed = {(r["citizen"], r["service"]) for r in data["citizen"]}
    assert ("leaver", "employer") in listed  # unreachable
    assert ("leaver", "landlord") in listed  # only through Probation and Housing
    assert len(listed) < 20


def test_progress_is_reported_and_can_cancel(salford: SystemMap) -> None:
    seen: list[tuple[float, str]] = []
    analyse(salford, permutations=99, progress=Progress(lambda f, stage: seen.append((f, stage))))
    fractions = [f for f, _ in seen]
    assert fractions == sorted(fractions)
    assert fractions[0] == 0.0
    assert seen[-1] == (1.0, "Done")
    assert "Brokers" in {stage for _, stage in seen}

    stages: list[str] = []
    cancel = Progress(lambda f, stage: stages.append(stage), lambda: "Brokers" in stages)
    with pytest.raises(Cancelled):
        analyse(salford, permutations=99, progress=cancel)
    assert stages[-1] == "Brokers"  # stopped at the next report, not at the end


def test_same_place_gaps_highlight_only_that_place(result: AnalysisResult) -> None:
    finding = next(f for f in result.findings if f.title.startswith("In Salford, "))
    assert "probation" in finding.highlight.nodes
    assert "police" not in finding.highlight.nodes  # local public services, but in Manchester
    assert {g.value for g in finding.highlight.groups} == {"local_public_services", "third_sector"}


def test_a_weak_links_description_and_evidence_reach_its_explanation(salford: SystemMap) -> None:
    salford.update_relationship(
        "probation-refers-housing",
        description="Referrals lapse when a case worker leaves",
        evidence="Inspection report 2023",
    )
    top = analyse(salford, permutations=99).weak_links[0]
    assert top.relationships == ("probation-refers-housing",)
    assert "Referrals lapse when a case worker leaves" in top.explanation
    assert "Inspection report 2023" in top.explanation
    assert top.documented
