"""What the charts show, as plain numbers: tie tables, E-I against chance, rankings (no Qt).

Computed once per analysis (off the GUI thread in the app) and drawn by :mod:`.figures`.

The **random-mixing range** of a group's E-I index is the middle 95% of the E-I values the
group gets when the map's group labels are shuffled among its stakeholders, with the same
seeded shuffles as the analysis's permutation test (Krackhardt & Stern 1988): a group whose
E-I lies below its range keeps to itself more than chance would make it.
"""

from __future__ import annotations

import warnings
from collections.abc import Mapping
from dataclasses import dataclass, field

import numpy as np

from sysmap.analysis import AnalysisResult, Grouping, TieGraph
from sysmap.analysis.grouping import make_grouping, vocabulary_for
from sysmap.analysis.permutation import PERMUTATIONS, SEED, LabelledTies, Shuffles, group_ei
from sysmap.analysis.ties import FloatArray, Scenario
from sysmap.model.system_map import SystemMap

MIN_EXPECTED = 0.5
"""Below this many expected ties, observed ÷ expected says nothing and is left blank."""
INTERVAL = (2.5, 97.5)
"""Percentiles of the shuffled E-I values that make a group's random-mixing range."""


@dataclass(frozen=True)
class TieMatrix:
    """Ties within and between the groups of one attribute: observed and expected.

    ``observed[i, j]`` counts ties between groups i and j (the diagonal: inside group i);
    ``expected`` is what random ties with the same degrees would give (Newman 2010).
    """

    attribute: str
    labels: tuple[str, ...]
    observed: FloatArray
    expected: FloatArray

    @property
    def ratio(self) -> FloatArray:
        """Observed ÷ expected; NaN where under half a tie is expected (no tie there is no gap).

        Examples
        --------
        >>> m = TieMatrix("x", ("a", "b"), np.array([[0.0, 2.0], [2.0, 0.0]]),
        ...               np.array([[0.2, 4.0], [4.0, 1.0]]))
        >>> m.ratio.round(2).tolist()
        [[nan, 0.5], [0.5, 0.0]]
        """
        with np.errstate(invalid="ignore", divide="ignore"):
            return np.where(self.expected >= MIN_EXPECTED, self.observed / self.expected, np.nan)


@dataclass(frozen=True)
class GroupMixing:
    """Each group's E-I index beside what random mixing gives.

    ``low`` and ``high`` bound the middle 95% of the group's E-I over label shuffles (NaN
    where the group has no ties); ``expected`` is Krackhardt & Stern's expected value.
    """

    attribute: str
    labels: tuple[str, ...]
    sizes: tuple[int, ...]
    ei: FloatArray
    expected: FloatArray
    low: FloatArray
    high: FloatArray
    p_values: FloatArray
    silo: tuple[bool, ...]
    permutations: int


@dataclass(frozen=True)
class Ranking:
    """Stakeholders ranked by one measure, highest first."""

    measure: str
    title: str
    labels: tuple[str, ...]
    values: FloatArray
    colours: tuple[str, ...]


@dataclass(frozen=True)
class ChartData:
    """Everything the charts of one analysis need."""

    matrices: Mapping[str, TieMatrix] = field(default_factory=dict)
    mixing: Mapping[str, GroupMixing] = field(default_factory=dict)
    rankings: Mapping[str, Ranking] = field(default_factory=dict)

    @property
    def attributes(self) -> tuple[str, ...]:
        """The grouping attributes charted, in the analysis's order."""
        return tuple(self.matrices)


def chart_data(
    result: AnalysisResult,
    system_map: SystemMap,
    permutations: int | None = None,
    seed: int | None = None,
    top: int = 15,
) -> ChartData:
    """Gather the numbers for every chart of an analysis of ``system_map``.

    ``permutations`` and ``seed`` default to those the analysis used.
    """
    settings = result.settings
    permutations = int(
        settings.get("permutations", PERMUTATIONS) if permutations is None else permutations
    )
    seed = int(settings.get("seed", SEED) if seed is None else seed)
    ties = _ties(result, system_map)
    matrices = {a: tie_matrix(result, a) for a in result.groups}
    shuffles = Shuffles(max(permutations, 1), seed)
    mixing = {a: group_mixing(result, a, ties, system_map, shuffles) for a in result.groups}
    colours = _sector_colours(system_map, ties)
    rankings = {
        "betweenness": Ranking(
            "betweenness",
            "Who sits between others (betweenness)",
            tuple(result.label(b.id) for b in result.brokers[:top]),
            np.array([b.betweenness for b in result.brokers[:top]], dtype=np.float64),
            tuple(colours.get(b.id, "#7F7F7F") for b in result.brokers[:top]),
        ),
        "degree": _degree_ranking(ties, colours, top),
    }
    return ChartData(matrices, mixing, rankings)


def _ties(result: AnalysisResult, system_map: SystemMap) -> TieGraph:
    if result.citizen.view is not None:
        return result.citizen.view.ties
    scenario: Scenario = "to-be" if result.map.scenario == "to-be" else "as-is"
    return TieGraph.from_map(system_map, scenario)


def tie_matrix(result: AnalysisResult, attribute: str) -> TieMatrix:
    """The group × group tie table of one grouping attribute."""
    grouping = result.groups[attribute]
    names = [g.name for g in grouping.groups]
    position = {name: i for i, name in enumerate(names)}
    observed = np.zeros((len(names), len(names)))
    expected = np.zeros((len(names), len(names)))
    for tie in grouping.ties:
        i, j = position.get(tie.a), position.get(tie.b)
        if i is None or j is None:
            continue
        observed[i, j] = observed[j, i] = tie.observed
        expected[i, j] = expected[j, i] = tie.expected
    return TieMatrix(attribute, tuple(g.label for g in grouping.groups), observed, expected)


def group_mixing(
    result: AnalysisResult,
    attribute: str,
    ties: TieGraph,
    system_map: SystemMap,
    shuffles: Shuffles,
) -> GroupMixing:
    """Each group's E-I with its random-mixing range from label shuffles."""
    measured = result.groups[attribute].groups
    grouping = make_grouping(ties, attribute, vocabulary_for(system_map, attribute))
    low, high = shuffled_ranges(ties, grouping, shuffles)
    order = {value: i for i, value in enumerate(grouping.values)}
    rows = [order.get(g.name, -1) for g in measured]
    pick = np.array(rows, dtype=np.int64)

    def at(values: FloatArray) -> FloatArray:
        out = np.full(len(rows), np.nan)
        ok = pick >= 0
        out[ok] = values[pick[ok]]
        return out

    return GroupMixing(
        attribute,
        tuple(g.label for g in measured),
        tuple(g.size for g in measured),
        np.array([g.ei_index for g in measured], dtype=np.float64),
        np.array([g.expected_ei for g in measured], dtype=np.float64),
        at(low),
        at(high),
        np.array([g.p_value for g in measured], dtype=np.float64),
        tuple(g.is_silo for g in measured),
        shuffles.permutations,
    )


def shuffled_ranges(
    ties: TieGraph, grouping: Grouping, shuffles: Shuffles
) -> tuple[FloatArray, FloatArray]:
    """The middle 95% of each group's E-I over shuffles of the group labels.

    Examples
    --------
    Two triangles joined by one tie: shuffled labels mix far more than the real ones.

    >>> import networkx as nx
    >>> from sysmap.analysis.grouping import make_grouping
    >>> g = nx.Graph([(0, 1), (1, 2), (0, 2), (3, 4), (4, 5), (3, 5), (2, 3)])
    >>> nx.set_node_attributes(g, {i: "ab"[i // 3] for i in g}, "team")
    >>> tg = TieGraph.from_networkx(g)
    >>> low, high = shuffled_ranges(tg, make_grouping(tg, "team"), Shuffles(999, 1))
    >>> bool(low[0] > -0.72), bool(high[0] <= 1.0)
    (True, True)
    """
    data = LabelledTies.of(ties, grouping)
    count = data.groups
    if data.labels.size < 2 or data.u.size == 0:
        empty = np.full(count, np.nan)
        return empty, empty.copy()
    orderings = shuffles.orderings(data.labels.size)
    values = np.empty((orderings.shape[0], count))
    for row, ordering in enumerate(orderings):
        inside, degree = data.counts(data.labels[ordering], weighted=False)
        values[row] = group_ei(inside, degree)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", RuntimeWarning)  # a group without ties: all NaN
        low, high = np.nanpercentile(values, INTERVAL, axis=0)
    return np.asarray(low, dtype=np.float64), np.asarray(high, dtype=np.float64)


def _sector_colours(system_map: SystemMap, ties: TieGraph) -> dict[str, str]:
    colours = {}
    for node, data in zip(ties.nodes, ties.data, strict=True):
        term = system_map.sectors.get(str(data.get("sector") or ""))
        colours[node] = term.colour if term is not None and term.colour else "#7F7F7F"
    return colours


def _degree_ranking(ties: TieGraph, colours: Mapping[str, str], top: int) -> Ranking:
    degree = ties.degree
    order = np.argsort(-degree, kind="stable")[:top]
    order = order[degree[order] > 0]
    return Ranking(
        "degree",
        "Who works with most others (degree)",
        tuple(ties.display_labels[i] for i in order),
        degree[order].astype(np.float64),
        tuple(colours.get(ties.nodes[i], "#7F7F7F") for i in order),
    )
