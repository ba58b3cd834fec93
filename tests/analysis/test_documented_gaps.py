"""Every gap the example fact sheet documents, and that a map's data can show, is among that
map's key findings; no key finding pairs a place with one that contains it, and no example
calls its own home a silo.

The gaps are those of ``../shared/facts/example-systems.md`` ("Known silos / missing
links"), each named here by the relationships (or stakeholders) in the example that carry
it. A gap the data cannot show (funding erosion over years, missions without metrics that no
relationship records) is listed as such, so the table says which and where.
"""

from __future__ import annotations

from functools import cache

import pytest

from sysmap.analysis import AnalysisResult, Finding, analyse
from sysmap.io import find_example, load_map
from sysmap.model.places import PlaceTree

# example → [(fact-sheet gap, relationship ids that show it)]; any one of them suffices.
GAPS: dict[str, list[tuple[str, tuple[str, ...]]]] = {
    "reoffending": [
        ("1 release into homelessness", ("hmp-forest-bank-partners-housing-options",)),
        ("2 prison-probation handover", ("pom-shares-data-com",)),
        ("3 health continuity prison to community", ("hmp-manchester-shares-data-nhs-gm",)),
        ("4 risk information probation-police", ("probation-gm-shares-data-gmp",)),
        (
            "4 risk information probation-children's",
            ("probation-gm-shares-data-childrens-services",),
        ),
        ("5 employment support with no owner", ("dwp-partners-hmpps",)),
        ("6 IOM patchy", ("iom-accountable-to-home-office",)),
    ],
    "rough-sleeping": [
        ("1 exempt housing", ("bcc-housing-commissions-exempt-providers",)),
        ("2 duty to refer notify-only", ("hospital-partners-bcc-housing",)),
        ("3 no cross-government plan", ("mhclg-partners-dwp",)),
        ("4 benefits and housing market (LHA)", ("dwp-funds-private-landlords",)),
        ("5 NRPF", ("bcc-housing-houses-nrpf-person", "home-office-funds-bcc-adult-care")),
    ],
    "addiction": [
        ("1 prison to community treatment", ("prison-refers-horizon",)),
        ("2 mental health and substance use", ("mh-trust-shares-data-horizon",)),
        ("3 funding erosion, short-termism", ("dhsc-ohid-funds-public-health",)),
        ("4 cross-government ownership", ("home-office-partners-dhsc-ohid",)),
        ("5 housing in coastal towns", ("dhsc-ohid-partners-mhclg",)),
        ("6 alcohol policy", ("home-office-conditions-alcohol-trade",)),
    ],
    "levelling-up": [
        ("1 fragmented funding pots", ("mhclg-funds-mbc-pots",)),
        ("2 Whitehall not joined up", ("mhclg-partners-dfe", "mhclg-partners-dwp")),
        ("3 development corporation accountability", ("scrutiny-inspects-stdc",)),
        ("4 local capacity", ("mhclg-inspects-mbc",)),
        ("5 missions without owners", ("mhclg-accountable-to-residents",)),
    ],
}


@cache
def analysed(name: str) -> AnalysisResult:
    example = find_example(name)
    assert example is not None
    return analyse(load_map(example.path).map, permutations=499)


def key_findings(result: AnalysisResult) -> list[Finding]:
    return [f for f in result.findings if f.key]


@pytest.mark.parametrize(
    ("name", "gap", "relationships"),
    [(name, gap, rels) for name, gaps in GAPS.items() for gap, rels in gaps],
)
def test_each_documented_gap_is_a_key_finding(
    name: str, gap: str, relationships: tuple[str, ...]
) -> None:
    example = find_example(name)
    assert example is not None
    system_map = load_map(example.path).map
    for rid in relationships:
        assert system_map.has_relationship(rid), f"{name}: no relationship {rid}"
    keys = key_findings(analysed(name))
    where = [f.rank for f in keys if set(relationships) & set(f.highlight.edges)]
    assert where, f"{name}: gap {gap} is not among the key findings"
    assert min(where) <= 12


@pytest.mark.parametrize("name", sorted(GAPS))
def test_key_findings_are_few_and_none_repeats_another(name: str) -> None:
    keys = key_findings(analysed(name))
    assert 0 < len(keys) <= 12
    shown = [(frozenset(f.highlight.nodes), frozenset(f.highlight.edges)) for f in keys]
    shown = [s for s in shown if s != (frozenset(), frozenset())]  # whole-map findings
    assert len(set(shown)) == len(shown)
    assert len({f.title for f in keys}) == len(keys)


@pytest.mark.parametrize("name", sorted(GAPS))
def test_no_key_finding_pairs_a_place_with_one_that_contains_it(name: str) -> None:
    example = find_example(name)
    assert example is not None
    tree = PlaceTree(load_map(example.path).map.places)
    result = analysed(name)
    for finding in result.findings:
        places = [g.value for g in finding.highlight.groups if g.attribute == "place"]
        for i, a in enumerate(places):
            for b in places[i + 1 :]:
                assert not tree.nested(a, b), f"{finding.title} pairs {a} with {b}"
    for gap in result.group_gaps:
        if gap.attribute == "place":
            assert not tree.nested(gap.a, gap.b)


@pytest.mark.parametrize(
    ("name", "home"),
    [
        ("reoffending", "Greater Manchester"),
        ("rough-sleeping", "Birmingham"),
        ("addiction", "Blackpool"),
        ("levelling-up", "Middlesbrough"),
    ],
)
def test_no_example_calls_its_home_a_silo(name: str, home: str) -> None:
    result = analysed(name)
    assert result.settings["home_place"] == home
    assert not [s for s in result.silos if s.attribute == "place" and s.group == home]
    assert not [f for f in result.findings if f.kind == "silo" and home in f.title]
    (row,) = [g for g in result.groups["place"].groups if g.name == home]
    assert row.is_home
    assert not row.is_silo
