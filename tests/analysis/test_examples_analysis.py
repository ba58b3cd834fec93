"""On each shipped example, the findings name the silos and gaps the fact sheet documents.

The fact sheet is ``../shared/facts/example-systems.md`` ("Known silos / missing links" for each
system). Each test below takes one documented gap and asserts the analysis surfaces it in the
way the map's data can show it: a relationship recorded as missing (a known gap), a weak
relationship on citizens' routes, a gap between groups, a part of the system cut off, or a
single point of failure. Gaps the data cannot show (funding trends, time horizons, the
absence of a national strategy) are noted beside the system's tests.
"""

from __future__ import annotations

from functools import cache

import pytest

from sysmap.analysis import AnalysisResult, analyse, render_text
from sysmap.io import EXAMPLES, find_example, load_map


@cache
def analysed(name: str) -> AnalysisResult:
    example = find_example(name)
    assert example is not None
    return analyse(load_map(example.path).map)


def known(result: AnalysisResult) -> set[str]:
    return {k.relationship for k in result.known_gaps}


def weak_ties(result: AnalysisResult) -> dict[frozenset[str], int]:
    """Every weak tie, with how many citizen routes run over it."""
    return {frozenset((w.source, w.target)): w.routes for w in result.weak_links}


def findings_about(result: AnalysisResult, *ids: str) -> list[str]:
    """Explanations of findings that highlight every one of these ids (nodes or edges)."""
    return [
        f.explanation
        for f in result.findings
        if set(ids) <= set(f.highlight.nodes) | set(f.highlight.edges)
    ]


def point_of_failure(result: AnalysisResult, stakeholder: str) -> tuple[str, ...]:
    return next(p.separated for p in result.single_points_of_failure if p.id == stakeholder)


@pytest.mark.parametrize("example", [e.name for e in EXAMPLES])
def test_every_example_analyses_and_every_known_gap_is_a_finding(example: str) -> None:
    result = analysed(example)
    assert result.findings
    assert result.known_gaps
    for gap in result.known_gaps:
        assert findings_about(result, gap.relationship), gap.relationship
        assert result.label(gap.source) in gap.explanation
    text = render_text(result)
    assert "Key findings" in text
    assert "Weak relationships" in text


# --- Reducing reoffending, Greater Manchester ----------------------------------------------------
# Not shown by the data: the scale of each gap (11,435 released homeless; 29% of probation
# posts vacant; 8% into work) lives in the evidence text the findings quote, not in the ties.


def test_reoffending_release_into_homelessness() -> None:
    result = analysed("reoffending")
    assert "hmp-forest-bank-partners-housing-options" in known(result)
    weak = weak_ties(result)
    assert weak[frozenset(("hmp-forest-bank", "prison-leaver"))] > 0  # Friday releases
    assert weak[frozenset(("hmp-forest-bank", "housing-options"))] > 0  # duty to refer


def test_reoffending_prison_probation_handover() -> None:
    result = analysed("reoffending")
    assert weak_ties(result)[frozenset(("com", "pom"))] > 0
    spans = {frozenset((b.source, b.target)): b.span for b in result.local_bridges}
    assert spans[frozenset(("com", "pom"))] >= 4  # nothing else joins the two officers


def test_reoffending_health_continuity_and_risk_information() -> None:
    result = analysed("reoffending")
    assert "hmp-manchester-shares-data-nhs-gm" in known(result)
    weak = weak_ties(result)
    assert weak[frozenset(("gmp", "probation-gm"))] > 0
    assert weak[frozenset(("childrens-services", "probation-gm"))] > 0
    assert "childrens-services" in point_of_failure(result, "probation-gm")


def test_reoffending_employment_support_and_iom() -> None:
    result = analysed("reoffending")
    assert {"dwp-partners-hmpps", "iom-accountable-to-home-office"} <= known(result)
    # Only the prison leaver links the job centre and DWP to the rest of the system.
    assert {"dwp", "jobcentre"} <= set(point_of_failure(result, "prison-leaver"))
    (explanation,) = [
        e for e in findings_about(result, "prison-leaver", "jobcentre") if e.startswith("Only")
    ]
    assert "rests on citizens themselves" in explanation


# --- Ending rough sleeping, Birmingham -----------------------------------------------------------
# Not shown by the data: short-term, fragmented funding and the lack of a cross-government plan
# (gap 3) are only partly visible — the weak MHCLG–DWP partnership is reported as a weak
# relationship, but funding periods and strategy are not in the ties.


def test_rough_sleeping_exempt_housing() -> None:
    result = analysed("rough-sleeping")
    assert "bcc-housing-commissions-exempt-providers" in known(result)
    assert weak_ties(result)[frozenset(("exempt-providers", "rough-sleeper"))] > 0


def test_rough_sleeping_duty_to_refer_only_notifies() -> None:
    result = analysed("rough-sleeping")
    assert "hospital-partners-bcc-housing" in known(result)
    weak = weak_ties(result)
    assert weak[frozenset(("bcc-housing", "hospital"))] > 0
    assert weak[frozenset(("bcc-housing", "hmpps-wm"))] > 0


def test_rough_sleeping_funding_benefits_and_no_recourse() -> None:
    result = analysed("rough-sleeping")
    weak = weak_ties(result)
    assert frozenset(("dwp", "mhclg")) in weak  # no cross-government plan: recorded as weak
    assert weak[frozenset(("private-landlords", "rough-sleeper"))] > 0  # housing benefit gap
    # No recourse to public funds: cut off from the system, by law.
    (part,) = result.separate_parts
    assert set(part.members) == {"nrpf-person", "home-office", "bcc-adult-care"}
    assert {"bcc-housing-houses-nrpf-person", "home-office-funds-bcc-adult-care"} <= known(result)
    summary = next(s for s in result.citizen.summaries if s.citizen == "nrpf-person")
    assert len(summary.unreachable) > 10


# --- Tackling addiction, Blackpool ---------------------------------------------------------------
# Not shown by the data: funding erosion and short-termism (gap 3) is a trend over time; the map
# records the OHID grant to public health as weak, which the analysis reports as such.


def test_addiction_prison_to_community_treatment() -> None:
    result = analysed("addiction")
    assert weak_ties(result)[frozenset(("horizon", "prison"))] > 0


def test_addiction_mental_health_and_substance_use() -> None:
    result = analysed("addiction")
    weak = weak_ties(result)
    assert weak[frozenset(("horizon", "mh-trust"))] > 0
    assert weak[frozenset(("dependent-user", "mh-trust"))] > 0


def test_addiction_ownership_housing_and_alcohol() -> None:
    result = analysed("addiction")
    assert frozenset(("dhsc-ohid", "public-health")) in weak_ties(result)  # funding
    gaps = {(g.a, g.b): g.observed for g in result.group_gaps if g.place is None}
    assert gaps[("central_government", "citizens")] == 0  # drugs owned by no department
    assert {"dhsc-ohid-partners-mhclg", "home-office-conditions-alcohol-trade"} <= known(result)
    assert weak_ties(result)[frozenset(("dependent-user", "hmo-landlords"))] > 0
    assert "alcohol-trade" in point_of_failure(result, "dependent-drinker")


# --- Levelling up, Middlesbrough / Tees Valley ---------------------------------------------------
# Not shown by the data: how many pots there are and their bidding rounds (gap 1) — the map
# shows their effect, everything funnelling through the council.


def test_levelling_up_pots_and_a_stretched_council() -> None:
    result = analysed("levelling-up")
    assert len(point_of_failure(result, "mbc")) >= 5
    assert result.brokers[0].id == "mbc"
    gaps = {(g.a, g.b): (g.observed, g.expected) for g in result.group_gaps if g.place is None}
    observed, expected = gaps[("central_government", "local_public_services")]
    assert observed < expected / 2


def test_levelling_up_whitehall_not_joined_up_for_places() -> None:
    result = analysed("levelling-up")
    # The national bodies are one tier, not "United Kingdom" failing to meet Middlesbrough.
    assert not [g for g in result.group_gaps if g.attribute == "place"]
    assert frozenset(("cabinet-committee", "mhclg")) in weak_ties(result)


def test_levelling_up_accountability_and_missions() -> None:
    result = analysed("levelling-up")
    assert {"scrutiny-inspects-stdc", "mhclg-accountable-to-residents"} <= known(result)
    assert weak_ties(result)[frozenset(("stdc", "teesworks"))] > 0
    assert "teesworks" in point_of_failure(result, "stdc")
