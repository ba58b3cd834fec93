"""No false comfort and plain English: good news only where ties support it, two-mode maps
recognised, verbs that agree with plural names, names that cannot break a table, and every
technical word the briefing uses explained in one line."""

from __future__ import annotations

from collections.abc import Callable

import networkx as nx

from sysmap.analysis import analyse, render_markdown, render_text
from sysmap.analysis.glossary import GLOSSARY, terms_in
from sysmap.analysis.strength import weight_notes
from sysmap.analysis.ties import TieGraph
from sysmap.model import Relationship, Stakeholder, SystemMap


def good_news(system_map: SystemMap, by: list[str] | None = None) -> list[str]:
    result = analyse(system_map, by=by, permutations=99)
    return [f.title for f in result.findings if f.kind == "communities" and "cut across" in f.title]


def test_a_map_with_no_ties_gets_no_good_news() -> None:
    m = SystemMap("No ties")
    for i, sector in enumerate(["citizens", "third_sector", "private", "citizens"]):
        m.add_stakeholder(Stakeholder(f"S{i}", sector=sector))
    assert good_news(m) == []


def test_a_single_sector_map_gets_neither_good_news_nor_a_silo() -> None:
    m = SystemMap("One sector")
    for i in range(6):
        m.add_stakeholder(Stakeholder(f"S{i}", sector="third_sector"))
    for i in range(5):
        m.add_relationship(Relationship(f"s{i}", f"s{i + 1}", "partners"))
    result = analyse(m, permutations=99)
    assert not result.silos
    assert not [f for f in result.findings if f.kind in ("silo", "mixing", "communities")]


def test_a_two_mode_map_is_recognised_and_gets_no_good_news() -> None:
    graph = nx.davis_southern_women_graph()
    m = SystemMap("Southern women")
    kind = {0: "woman", 1: "event"}
    for number, (node, data) in enumerate(graph.nodes(data=True)):
        m.add_stakeholder(
            Stakeholder(node, id=f"n{number}", attributes={"mode": kind[data["bipartite"]]})
        )
    ids = {s.label: s.id for s in m.stakeholders()}
    for u, v in graph.edges():
        m.add_relationship(Relationship(ids[u], ids[v], "partners"))
    result = analyse(m, by=["mode"], permutations=99)
    assert any("two-mode map" in note for note in result.notes)
    assert "two-mode map" in render_text(result)
    assert not [f for f in result.findings if f.kind in ("communities", "silo")]


def six_cliques(title: str, tags: Callable[[int, int, int], dict[str, str]]) -> SystemMap:
    """Three groups ``a``, ``b``, ``c`` of two five-member cliques each, the cliques of a group
    joined by one tie and the groups in a chain; ``tags(group, half, i)`` gives each member's."""
    m = SystemMap(title)
    for number, group in enumerate("abc"):
        for half in range(2):
            ids = [f"{group}{half}{i}" for i in range(5)]
            for i, key in enumerate(ids):
                m.add_stakeholder(Stakeholder(key, attributes=tags(number, half, i)))
            for i, a in enumerate(ids):
                for b in ids[i + 1 :]:
                    m.add_relationship(Relationship(a, b, "partners"))
        m.add_relationship(Relationship(f"{group}00", f"{group}10", "partners"))
    m.add_relationship(Relationship("a00", "b00", "partners"))
    m.add_relationship(Relationship("b00", "c00", "partners"))
    return m


def test_clusters_that_are_one_group_each_are_not_good_news() -> None:
    # Three groups, each a dense clique split into two clusters: NMI below 0.5 but every
    # cluster is 100% one group.
    m = six_cliques("Pure clusters", lambda group, half, i: {"team": "abc"[group]})
    assert good_news(m, ["team"]) == []


def test_verbs_agree_with_plural_names() -> None:
    m = SystemMap("Plurals")
    m.add_stakeholder(Stakeholder("Residents", kind="group", sector="citizens"))
    m.add_stakeholder(Stakeholder("Families & carers", kind="group", sector="citizens"))
    m.add_stakeholder(Stakeholder("Community & faith groups", kind="group", sector="citizens"))
    m.add_stakeholder(Stakeholder("Council", kind="organisation", sector="local_public_services"))
    m.add_stakeholder(Stakeholder("Food bank", kind="organisation", sector="third_sector"))
    m.add_stakeholder(Stakeholder("Clinic", kind="organisation", sector="local_public_services"))
    m.add_relationship(Relationship("council", "residents", "delivers"))
    m.add_relationship(Relationship("residents", "food-bank", "supports"))
    m.add_relationship(Relationship("community-faith-groups", "clinic", "supports"))
    m.add_relationship(Relationship("council", "families-carers", "delivers"))
    m.add_relationship(Relationship("families-carers", "community-faith-groups", "supports"))
    text = render_text(analyse(m, permutations=99))
    for wrong in ("Residents joins", "Residents reaches", "Residents is ", "carers joins",
                  "groups joins", "groups reaches", "carers is ", "groups is "):  # fmt: skip
        assert wrong not in " ".join(text.split()), wrong
    assert "Only Residents join" in " ".join(text.split())


def test_names_with_line_breaks_cannot_break_a_table() -> None:
    m = SystemMap("Line breaks")
    m.add_stakeholder(Stakeholder("Leeds City\nCouncil | housing", sector="local_public_services"))
    m.add_stakeholder(Stakeholder("Tenants\r\nunion", sector="citizens"))
    m.add_stakeholder(Stakeholder("Food\tbank", sector="third_sector"))
    m.add_relationship(Relationship("leeds-city-council-housing", "tenants-union", "delivers"))
    m.add_relationship(Relationship("tenants-union", "food-bank", "supports"))
    result = analyse(m, permutations=99)
    markdown = render_markdown(result)
    for line in markdown.splitlines():
        if line.startswith("|"):
            assert line.endswith("|")
            assert line.count("|") - line.count("\\|") == markdown.splitlines()[
                markdown.splitlines().index(line)
            ].count("|") - line.count("\\|")
    assert "Leeds City Council \\| housing" in markdown
    assert "Leeds City\nCouncil" not in render_text(result)


def test_every_technical_word_in_a_briefing_is_explained() -> None:
    from sysmap.io import EXAMPLES, load_map

    result = analyse(load_map(EXAMPLES[0].path).map, permutations=99)
    text = render_text(result)
    words = text.split("Words used")[1]
    for term in ("E-I index", "random mixing", "assortativity", "modularity", "betweenness",
                 "constraint", "effective size", "resource allocation"):  # fmt: skip
        assert term in terms_in([" ".join(text.split("Words used")[0].split())])
        assert f"{term}: {GLOSSARY[term][:30]}" in " ".join(words.split())


def test_weights_set_aside_are_quoted_as_the_file_had_them(salford: SystemMap) -> None:
    """A weight sysmap cannot use is named as the user would know it: text in quotes (its
    spacing tidied), a number with a true minus sign."""
    set_aside = "weight (original)"
    salford.add_relationship(
        Relationship("police", "mind", "refers", attributes={set_aside: "abc   def"})
    )
    salford.add_relationship(
        Relationship("landlord", "recovery", "refers", attributes={set_aside: -1.5})
    )
    notes = [n for n in analyse(salford, permutations=99).notes if "cannot use" in n]
    assert notes == [
        "2 relationships have a weight sysmap cannot use ('abc def' and −1.5): a weight must "
        "be a positive number. Each counts as an ordinary tie of strength 1; the value is kept "
        "as 'weight (original)'."
    ]


def test_strengths_too_far_apart_are_rescaled_and_said_so(salford: SystemMap) -> None:
    """Both in the analysis's notes and in the weight notes ``sysmap info`` prints, with the
    same figures: both are over every tie's strength (a relationship without a weight counts
    1), not over the weights the file gives (whose median here would be 5e+299)."""
    salford.update_relationship("moj-funds-probation", weight=1e300)
    salford.update_relationship("moj-partners-dwp", weight=2)
    notes = analyse(salford, permutations=99, compare=False).notes
    assert [n for n in notes if "far apart" in n] == [
        "Tie strengths run from 0.5 to 1e+300, too far apart to compare exactly, so every "
        "strength was divided by their median (1); that changes no finding."
    ]
    rescaling = lambda: TieGraph.from_map(salford).notes  # noqa: E731  as sysmap info does
    assert [n for n in weight_notes(salford, rescaling) if "far apart" in n] == [
        "Tie strengths run from 0.5 to 1e+300, too far apart to compare exactly, so every "
        "strength was divided by their median (1); that changes no finding."
    ]


def test_a_grouping_passed_over_does_not_silence_the_next() -> None:
    # Six cliques: "crew" has one value (nothing to compare), no tie joins two of the same
    # "seat" (a two-mode pattern: no good news), and "half" is exactly the clusters. The first
    # two are passed over; the third must still be reported.
    def tags(group: int, half: int, i: int) -> dict[str, str]:
        seat = str((i + 2 * half + group) % 5)
        return {"seat": seat, "half": f"{group}{half}", "crew": "all"}

    m = six_cliques("Three groupings", tags)
    result = analyse(m, by=["crew", "seat", "half"], permutations=99)
    titles = [f.title for f in result.findings if f.kind == "communities"]
    assert titles == ["Working clusters follow half lines"]
