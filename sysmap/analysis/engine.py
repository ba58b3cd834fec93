"""Running the whole analysis: :func:`analyse` for a map, :func:`analyse_ties` for a tie graph."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

import numpy as np

from sysmap.analysis import citizen_sections, explain, resilience, sections
from sysmap.analysis.analysis_result import AnalysisResult, MapSummary
from sysmap.analysis.brokerage import brokerage_roles
from sysmap.analysis.centrality import Sample, broker_betweenness, constraint, effective_size
from sysmap.analysis.citizen import citizen_view
from sysmap.analysis.communities import louvain
from sysmap.analysis.ei import ei_report
from sysmap.analysis.gaps import (
    GroupGap,
    KnownGap,
    group_gaps,
    is_gap,
    known_gaps,
    same_place_gaps,
    separate_parts,
    sort_gaps,
)
from sysmap.analysis.grouping import Grouping, default_attributes, make_grouping, vocabulary_for
from sysmap.analysis.links import suggest_links
from sysmap.analysis.mixing import tie_table
from sysmap.analysis.permutation import PERMUTATIONS, SEED, Shuffles
from sysmap.analysis.place_groups import NATIONAL, Places, map_places
from sysmap.analysis.should_talk import ShouldTalk, should_talk_of
from sysmap.analysis.size_limit import check_analysable
from sysmap.analysis.strength import weight_notes
from sysmap.analysis.ties import SCENARIOS, Scenario, TieGraph
from sysmap.model.errors import ValidationError
from sysmap.model.progress import NO_PROGRESS, Progress

if TYPE_CHECKING:
    from sysmap.model.system_map import SystemMap

SAMPLED_ERRORS = 20
"""On a big map, the standard errors of this many top brokers' estimates go in the settings."""


@dataclass(frozen=True)
class Context:
    """What an analysis needs besides the ties: groupings, rules and names.

    Parameters
    ----------
    title : str
        The map's title.
    relationships : int
        How many relationships the map records (of any status).
    groupings : sequence of Grouping
        The grouping attributes to analyse.
    should_talk : ShouldTalk
        Which groups should be working together.
    known : sequence of KnownGap
        Relationships recorded as missing.
    places : Places, optional
        Stakeholders by place and by tier, with where places sit and the map's home: for
        place and tier gaps, same-place gaps (even when place is not analysed) and silos.
    relation_label : callable
        Turns a relationship type key into words (``refers`` → ``refers to``).
    details : callable
        A relationship's description and evidence, by relationship id.
    notes : sequence of str
        Sentences about the map's data to put before the findings (weights set aside).
    """

    title: str
    relationships: int
    groupings: Sequence[Grouping]
    should_talk: ShouldTalk = field(default_factory=ShouldTalk)
    known: Sequence[KnownGap] = ()
    places: Places | None = None
    relation_label: Callable[[str | None], str] = lambda key: key or "is linked to"
    details: Callable[[str], tuple[str, str]] = lambda relationship: ("", "")
    notes: Sequence[str] = ()


def analyse(
    system_map: SystemMap,
    by: Sequence[str] | None = None,
    scenario: Scenario = "as-is",
    seed: int = SEED,
    permutations: int = PERMUTATIONS,
    compare: bool = True,
    progress: Progress | None = None,
) -> AnalysisResult:
    """Analyse a map: silos, missing links, brokers, fragility and the citizen's view.

    Parameters
    ----------
    system_map : SystemMap
    by : sequence of str, optional
        Grouping attributes; by default ``sector`` and ``place`` where they split the map,
        else every categorical attribute with 2–20 values.
    scenario : {"as-is", "to-be"}
        ``to-be`` counts proposed relationships as ties.
    seed : int
        Seed for the permutation tests and community detection: same map, same result.
    permutations : int
        Label shuffles per permutation test.
    compare : bool
        When the map has proposed relationships, also analyse the other scenario and report
        what changes.
    progress : Progress, optional
        Hears how far the analysis has got between stages, with a few words such as
        "Brokers", and stops it (raising :class:`~sysmap.model.progress.Cancelled`) when
        the user cancels: see :mod:`sysmap.model.progress`.

    Raises
    ------
    ValidationError
        If the scenario is unknown or a grouping attribute is not used by any stakeholder.

    Examples
    --------
    A prison leaver reaches a food bank only through probation:

    >>> from sysmap.model import Relationship, Stakeholder, SystemMap
    >>> m = SystemMap("Tiny")
    >>> for name, sector in [("Leaver", "citizens"), ("Probation", "local_public_services"),
    ...                      ("Food bank", "third_sector")]:
    ...     _ = m.add_stakeholder(Stakeholder(name, sector=sector))
    >>> _ = m.add_relationship(Relationship("probation", "leaver", "supervises"))
    >>> _ = m.add_relationship(Relationship("probation", "food-bank", "refers"))
    >>> result = analyse(m, permutations=99)
    >>> print(result.single_points_of_failure[0].explanation)
    If Probation leaves, 1 stakeholder loses every route to the rest of the system: Food bank.
    >>> [(r.service, r.steps, r.only_through) for r in result.citizen.routes()]
    [('food-bank', 2, ('probation',)), ('probation', 1, ())]
    """
    if scenario not in SCENARIOS:
        raise ValidationError(f"The scenario must be 'as-is' or 'to-be', not '{scenario}'.")
    check_analysable(system_map.stakeholder_count)
    both = compare and _has_proposed(system_map)
    whole = progress or NO_PROGRESS
    primary = _analyse_map(
        system_map, by, scenario, seed, permutations, whole.part(0.0, 0.5 if both else 1.0)
    )
    comparison = None
    other = None
    if both:
        other_name: Scenario = "to-be" if scenario == "as-is" else "as-is"
        other = _analyse_map(system_map, by, other_name, seed, permutations, whole.part(0.5, 1.0))
        from sysmap.analysis.scenario import compare_scenarios

        as_is, to_be = (primary, other) if scenario == "as-is" else (other, primary)
        comparison = compare_scenarios(as_is, to_be, system_map)
    from sysmap.analysis.findings import build_findings

    result = replace(primary, comparison=comparison, other=other)
    result = replace(result, findings=build_findings(result))
    whole.report(1.0, "Done")
    return result


def _has_proposed(system_map: SystemMap) -> bool:
    return any(d.get("status") == "proposed" for *_, d in system_map.relationship_rows())


def _analyse_map(
    system_map: SystemMap,
    by: Sequence[str] | None,
    scenario: Scenario,
    seed: int,
    permutations: int,
    progress: Progress | None = None,
) -> AnalysisResult:
    ties = TieGraph.from_map(system_map, scenario)
    attributes = list(by) if by else default_attributes(ties)
    for attribute in attributes:
        if not any(d.get(attribute) not in (None, "") for d in ties.data):
            raise ValidationError(f"No stakeholder in the map has a value for '{attribute}'.")
    should_talk = should_talk_of(system_map)
    places = map_places(ties, system_map, should_talk.national_as_one)
    groupings = [
        places.grouping
        if a == "place" and places is not None
        else make_grouping(ties, a, vocabulary_for(system_map, a))
        for a in attributes
    ]
    context = Context(
        title=system_map.title,
        relationships=system_map.relationship_count,
        groupings=groupings,
        should_talk=should_talk,
        known=known_gaps(system_map),
        places=places,
        relation_label=lambda key: system_map.relation_types.label(key) if key else "is linked to",
        details=lambda rid: _details(system_map, rid),
        notes=weight_notes(system_map),
    )
    return analyse_ties(ties, context, seed=seed, permutations=permutations, progress=progress)


def _details(system_map: SystemMap, relationship_id: str) -> tuple[str, str]:
    if not system_map.has_relationship(relationship_id):
        return "", ""
    # The two stored texts, without making a Relationship of each of thousands of weak
    # links (a missing text is stored as no field at all, as a Relationship reads it).
    fields = system_map.relationship_fields(relationship_id)
    return fields.get("description", ""), fields.get("evidence", "")


def analyse_ties(
    ties: TieGraph,
    context: Context,
    seed: int = SEED,
    permutations: int = PERMUTATIONS,
    progress: Progress | None = None,
) -> AnalysisResult:
    """Analyse a tie graph (used by :func:`analyse`, and directly for published networks).

    Findings and the scenario comparison are left empty; :func:`analyse` adds them.
    """
    whole = progress or NO_PROGRESS
    step = whole.report
    step(0.0, "Silos")
    names = sections.Names(ties)
    shuffles = Shuffles(permutations, seed)
    groups = {}
    silos = []
    boundaries: list[GroupGap] = []
    tables = {}
    places = context.places
    home = set() if places is None else places.around_home()
    for grouping in context.groupings:
        report = ei_report(ties, grouping, shuffles=shuffles)
        table = tie_table(ties, grouping)
        tables[grouping.attribute] = table
        at_home = home if grouping.attribute == "place" else set()
        groups[grouping.attribute] = sections.grouping_result(
            names, grouping, report, table, at_home
        )
        silos += sections.silos(names, grouping, report, at_home)
        boundaries += group_gaps(
            grouping, table, context.should_talk, _pairs(context, grouping), every=True
        )
    silos.sort(key=lambda s: (-(s.expected_ei - s.ei_index), s.attribute, s.group))
    boundaries += _place_gaps(ties, context)
    gaps = sort_gaps([b for b in boundaries if is_gap(b.observed, b.expected)])

    step(0.25, "Brokers")
    between, sample = broker_betweenness(ties, seed, whole.part(0.25, 0.55, "Brokers"))
    tight = constraint(ties)
    esize = effective_size(ties)
    roles = [brokerage_roles(ties, g) for g in context.groupings]
    links, needed = suggest_links(
        ties,
        boundaries,
        between,
        tight,
        codes={g.attribute: g.codes for g in context.groupings},
        places=None if places is None else places.grouping.codes,
    )

    step(0.6, "Single points of failure")
    tree = resilience.BlockCutTree(ties)
    true_bridges = resilience.bridges(ties)
    crossing = np.zeros(ties.m, dtype=bool)
    for grouping in context.groupings:
        cu, cv = grouping.codes[ties.source], grouping.codes[ties.target]
        crossing |= (cu >= 0) & (cv >= 0) & (cu != cv)
    local = resilience.local_bridges(ties, crossing, exclude=true_bridges)
    step(0.7, "Communities")
    communities = louvain(ties, seed=seed)
    step(0.75, "The citizen's view")
    view = citizen_view(ties, tree, whole.part(0.75, 0.9, "The citizen's view"))
    step(0.9, "Findings")
    label_of = dict(zip(ties.nodes, ties.display_labels, strict=True))

    return AnalysisResult(
        map=MapSummary(
            context.title, ties.n, context.relationships, ties.m, ties.components[0], ties.scenario
        ),
        settings={
            "scenario": ties.scenario,
            "seed": seed,
            "permutations": permutations,
            "attributes": [g.attribute for g in context.groupings],
            "weak_tie_factor": 0.5,
            "home_place": None if places is None else places.home,
            **_sample_settings(ties, between, sample),
        },
        groups=groups,
        silos=tuple(silos),
        communities=sections.community_result(names, communities, context.groupings),
        group_gaps=tuple(sections.gap_result(names, g) for g in gaps),
        missing_links=tuple(
            sections.missing_link(names, link, context.groupings) for link in links
        ),
        brokers_needed=tuple(sections.broker_needed(names, n) for n in needed),
        separate_parts=tuple(sections.part_result(names, p) for p in separate_parts(ties)),
        known_gaps=tuple(
            sections.known_gap_result(k, lambda i: label_of.get(i, i), context.relation_label)
            for k in context.known
        ),
        brokers=tuple(sections.broker_results(names, between, tight, esize, roles)),
        single_points_of_failure=tuple(
            sections.point_results(names, resilience.points_of_failure(ties, tree))
        ),
        bridges=tuple(sections.bridge_results(names, true_bridges, tree)),
        local_bridges=tuple(sections.local_bridge_results(names, local, context.groupings)),
        weak_links=tuple(citizen_sections.weak_link_results(names, view, context.details)),
        isolates=names.ids(resilience.isolates(ties)),
        citizen=citizen_sections.citizen_result(names, view),
        labels=label_of,
        group_labels={
            g.attribute: dict(zip(g.values, g.labels, strict=True)) for g in context.groupings
        },
        should_talk=_should_talk_used(context),
        notes=(
            *context.notes,
            *ties.notes,
            *sections.two_mode_notes(groups.values()),
            *_sample_notes(sample),
        ),
        kinds=sections.field_values(ties, "kind"),
        sectors=sections.field_values(ties, "sector"),
    )


def _sample_settings(
    ties: TieGraph, between: np.ndarray, sample: Sample | None
) -> dict[str, object]:
    """How betweenness was estimated on a big map, with the top brokers' standard errors."""
    if sample is None:
        return {}
    top = np.lexsort((np.arange(ties.n), -between))[:SAMPLED_ERRORS].tolist()
    return {
        "betweenness_sample": {
            "pivots": sample.pivots,
            "stakeholders": sample.stakeholders,
            "seed": sample.seed,
            "standard_errors": {ties.nodes[i]: float(sample.standard_error[i]) for i in top},
        }
    }


def _sample_notes(sample: Sample | None) -> list[str]:
    if sample is None:
        return []
    return [
        explain.betweenness_sample(sample.pivots, sample.stakeholders, sample.seed, sample.groups)
    ]


def _pairs(context: Context, grouping: Grouping) -> list[tuple[str, str]] | None:
    """Place groups that should talk, unless the map has set its own (then ``None``)."""
    places = context.places
    if (
        grouping.attribute == "place"
        and places is not None
        and context.should_talk.is_default("place")
    ):
        return places.pairs()
    return None


def _place_gaps(ties: TieGraph, context: Context) -> list[GroupGap]:
    """Tiers and the tier above them, and sectors within one place: every such boundary."""
    places = context.places
    if places is None:
        return []
    found: list[GroupGap] = []
    if not any(g.attribute == "place_level" for g in context.groupings):
        tiers = places.tiers
        found += group_gaps(tiers, tie_table(ties, tiers), context.should_talk, every=True)
    sectors = next((g for g in context.groupings if g.attribute == "sector"), None)
    if context.should_talk.same_place and sectors is not None:
        local = [v for v in places.grouping.values if v != NATIONAL]
        found += same_place_gaps(ties, sectors, places.grouping, local, every=True)
    return found


def _should_talk_used(context: Context) -> dict[str, object]:
    """The should-talk pairs the analysis used, per attribute, and where they came from."""
    used: dict[str, object] = {}
    for grouping in context.groupings:
        pairs = _pairs(context, grouping) or context.should_talk.pairs_for(
            grouping.attribute, list(grouping.values)
        )
        used[grouping.attribute] = {
            "pairs": [list(p) for p in pairs],
            "source": "guidance defaults"
            if context.should_talk.is_default(grouping.attribute)
            else "this map",
        }
    used["same_place"] = context.should_talk.same_place
    used["national_as_one"] = context.should_talk.national_as_one
    return used
