"""The result of an analysis as plain data: dataclasses that turn into JSON.

Every stakeholder is referred to by its id (as in the map file) and every relationship by its
relationship id; explanations name stakeholders by label. :meth:`AnalysisResult.to_json`
returns the structure of methods.md §6 (with more keys beside it).
"""

from __future__ import annotations

import math
from collections.abc import Iterator, Mapping
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

import numpy as np

from sysmap.analysis.communities import Stability
from sysmap.analysis.ei import EIValues, GroupEI
from sysmap.analysis.gaps import GapFields, KnownGap

JsonValue = Any


@dataclass(frozen=True)
class GroupRef:
    """One group of one grouping attribute, e.g. ``sector`` = ``third_sector``."""

    attribute: str
    value: str
    label: str


@dataclass(frozen=True)
class Highlight:
    """What a view should highlight for a finding.

    ``nodes`` are stakeholder ids, ``edges`` relationship ids, ``groups`` whole groups, and
    ``suggested`` pairs of stakeholder ids for links that do not exist yet (draw them dashed).
    """

    nodes: tuple[str, ...] = ()
    edges: tuple[str, ...] = ()
    groups: tuple[GroupRef, ...] = ()
    suggested: tuple[tuple[str, str], ...] = ()


SEVERITIES = ("high", "medium", "low", "info")


@dataclass(frozen=True)
class Finding:
    """One thing a policy lead should know, ready for a list, an overlay or a report.

    Attributes
    ----------
    severity : {"high", "medium", "low", "info"}
        ``info`` is context or good news rather than a problem.
    kind : str
        What sort of finding (``silo``, ``group_gap``, ``suggested_link``…); see
        :data:`sysmap.analysis.findings.KINDS`.
    title : str
        A short headline.
    explanation : str
        One or two plain-English sentences with the numbers behind them.
    highlight : Highlight
        The stakeholders, relationships and groups to show.
    numbers : mapping
        The figures quoted, by name, for tables and charts.
    introducer : str, optional
        For a suggested link, the id of the stakeholder who could make the introduction.
    measure : str
        The published measure behind the finding, with its source.
    rank : int
        Its place in the one ranking (1 = read first).
    key : bool
        Whether it is one of the key findings (at most 12, none repeating another).
    rank_reason : str
        Why it ranks where it does, in one sentence.
    rank_class : str
        ``documented``, ``guidance``, ``fragility`` or ``context`` (see
        :mod:`sysmap.analysis.ranking`).
    """

    severity: str
    kind: str
    title: str
    explanation: str
    highlight: Highlight = field(default_factory=Highlight)
    numbers: Mapping[str, JsonValue] = field(default_factory=dict)
    introducer: str | None = None
    measure: str = ""
    rank: int = 0
    key: bool = False
    rank_reason: str = ""
    rank_class: str = ""


@dataclass(frozen=True)
class TieCount:
    """Observed and expected ties between two groups (``a == b``: inside one group)."""

    a: str
    b: str
    observed: int
    expected: float
    density: float
    weighted: float


@dataclass(frozen=True)
class GroupingResult(EIValues):
    """Everything measured for one grouping attribute (the whole-map E-I is inherited)."""

    attribute: str = ""
    assortativity: float = float("nan")
    modularity: float = float("nan")
    weighted_modularity: float = float("nan")
    not_set: int = 0
    groups: tuple[GroupEI, ...] = ()
    ties: tuple[TieCount, ...] = ()
    stakeholder_ei: Mapping[str, float] = field(default_factory=dict)
    permutations: int = 0


@dataclass(frozen=True)
class Silo:
    """A group that keeps its ties to itself (methods.md §1 rule)."""

    attribute: str
    group: str
    label: str
    members: tuple[str, ...]
    internal: int
    external: int
    ei_index: float
    expected_ei: float
    p_value: float
    explanation: str


@dataclass(frozen=True)
class DetectedCommunity:
    """A working cluster found by the Louvain method."""

    members: tuple[str, ...]
    dominant: Mapping[str, Mapping[str, JsonValue]]
    silo_of: tuple[str, ...]


@dataclass(frozen=True)
class CommunityResult(Stability):
    """Detected communities and how they compare with the declared groupings (NMI, ARI)."""

    detected: tuple[DetectedCommunity, ...] = ()
    comparison: Mapping[str, Mapping[str, float]] = field(default_factory=dict)


@dataclass(frozen=True)
class GapResult(GapFields):
    """A group gap with its explanation.

    ``members`` lists both sides' stakeholders for a same-place gap (where whole groups
    would highlight too much); it is empty otherwise.
    """

    explanation: str = ""
    members: tuple[str, ...] = ()


@dataclass(frozen=True)
class MissingLink:
    """A suggested introduction."""

    source: str
    target: str
    score: float
    method: str
    adamic_adar: float
    common_neighbours: int
    introducer: str
    crosses: tuple[str, ...]
    gap: Mapping[str, JsonValue]
    explanation: str


@dataclass(frozen=True)
class BrokerNeededResult:
    """A gap no existing contact can bridge."""

    attribute: str
    a: str
    b: str
    place: str | None
    side_a: tuple[str, ...]
    side_b: tuple[str, ...]
    explanation: str


@dataclass(frozen=True)
class PartResult:
    """A part of the map with no route to the main part."""

    members: tuple[str, ...]
    join_from: str
    join_to: str
    explanation: str


@dataclass(frozen=True)
class KnownGapResult(KnownGap):
    """A relationship the map records as missing, with its explanation."""

    explanation: str = ""


@dataclass(frozen=True)
class BrokerResult:
    """Brokerage measures of one stakeholder."""

    id: str
    betweenness: float
    constraint: float
    effective_size: float
    roles: Mapping[str, Mapping[str, int]]


@dataclass(frozen=True)
class PointOfFailureResult:
    """An articulation point and whom its loss would cut off."""

    id: str
    cut_off: int
    separated: tuple[str, ...]
    explanation: str


@dataclass(frozen=True)
class BridgeResult:
    """A tie whose loss would split the map."""

    source: str
    target: str
    relationships: tuple[str, ...]
    cut_off: int


@dataclass(frozen=True)
class LocalBridgeResult:
    """A cross-group tie whose ends share no contact (Granovetter's local bridge)."""

    source: str
    target: str
    span: int
    crosses: tuple[str, ...]
    relationships: tuple[str, ...]
    groups: Mapping[str, tuple[str, str]] = field(default_factory=dict)


@dataclass(frozen=True)
class WeakLinkResult:
    """A weak tie (it exists, but evidence says it often fails): ``routes`` of the reported
    routes from citizens to services run over it (possibly none)."""

    source: str
    target: str
    relationships: tuple[str, ...]
    routes: int
    explanation: str
    documented: bool = False
    to_citizen: bool = False


@dataclass(frozen=True)
class CitizenRoute:
    """The route from one citizen to one service."""

    citizen: str
    service: str
    steps: int | None
    crossings: Mapping[str, int | None]
    route: tuple[str, ...]
    only_through: tuple[str, ...]
    weak: int | None = None


@dataclass(frozen=True)
class Change:
    """One difference between the as-is and the to-be map."""

    kind: str
    title: str
    explanation: str
    before: JsonValue
    after: JsonValue
    highlight: Highlight = field(default_factory=Highlight)


@dataclass(frozen=True)
class ScenarioComparison:
    """What making the proposed relationships would change."""

    proposed: tuple[str, ...]
    changes: tuple[Change, ...]


def to_plain(value: Any) -> JsonValue:
    """Turn a result value into JSON-ready data (NaN becomes ``None``, floats 6 places).

    Examples
    --------
    >>> to_plain({"a": (1, float("nan"), np.float64(0.1234567))})
    {'a': [1, None, 0.123457]}
    """
    kind = type(value)
    # Most values are plain str, int, bool or None: answered first, as the checks below
    # would (a result of 5,000 stakeholders has half a million of them).
    if kind in _AS_THEY_ARE:
        return value
    if kind is float:
        return None if not math.isfinite(value) else round(value, 6)
    if kind is list or kind is tuple:  # before the dataclass test, which they would fail
        return [to_plain(v) for v in value]
    if kind is dict:
        return {str(k): to_plain(v) for k, v in value.items()}
    names = _FIELDS.get(kind)
    if names is None and is_dataclass(value) and not isinstance(value, type):
        names = _FIELDS[kind] = tuple(f.name for f in fields(value))
    if names is not None:
        return {name: to_plain(getattr(value, name)) for name in names}
    if isinstance(value, Mapping):
        return {str(k): to_plain(v) for k, v in value.items()}
    if isinstance(value, tuple | list | Iterator):
        return [to_plain(v) for v in value]
    if isinstance(value, np.ndarray):
        return [to_plain(v) for v in value.tolist()]
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        number = float(value)
        return None if not math.isfinite(number) else round(number, 6)
    return value


_AS_THEY_ARE = frozenset({str, int, bool, type(None)})
_FIELDS: dict[type, tuple[str, ...]] = {}
"""The field names of each result dataclass, looked up once."""
