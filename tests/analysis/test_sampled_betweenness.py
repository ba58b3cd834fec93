"""Betweenness on a big map is estimated from pivots, and the findings say so (issue 17).

Brandes & Pich (2007): counting routes from k stakeholders chosen at random and scaling by
n / k estimates betweenness without bias. The size above which sysmap samples is made small
here, so a hand-checkable map takes the path a 50,000-stakeholder map takes.
"""

from __future__ import annotations

import numpy as np
import pytest

from sysmap.analysis import analyse, centrality
from sysmap.analysis.centrality import betweenness, broker_betweenness
from sysmap.analysis.permutation import SEED
from sysmap.analysis.ties import TieGraph
from sysmap.model import SystemMap
from sysmap.model.progress import Cancelled, Progress
from sysmap.model.synthetic import synthetic_map


@pytest.fixture
def sampled(monkeypatch: pytest.MonkeyPatch) -> None:
    """Sample above 10 stakeholders, from 10 pivots in 5 groups."""
    monkeypatch.setattr(centrality, "SAMPLE_ABOVE", 10)
    monkeypatch.setattr(centrality, "PIVOTS", 10)
    monkeypatch.setattr(centrality, "PIVOT_GROUPS", 5)


def test_small_maps_are_counted_exactly() -> None:
    ties = TieGraph.from_map(synthetic_map(120, seed=3))
    values, sample = broker_betweenness(ties, seed=1)
    assert sample is None
    assert np.array_equal(values, betweenness(ties))


def test_every_stakeholder_as_a_pivot_gives_the_exact_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ties = TieGraph.from_map(synthetic_map(120, seed=3))  # weak ties: the subdivided count
    assert len(set((1 / ties.strength).tolist())) > 1
    monkeypatch.setattr(centrality, "SAMPLE_ABOVE", 10)
    monkeypatch.setattr(centrality, "PIVOTS", ties.n)
    values, sample = broker_betweenness(ties, seed=1)
    assert sample is not None
    assert sample.pivots == ties.n
    np.testing.assert_allclose(values, betweenness(ties), rtol=1e-9, atol=1e-12)


def test_an_estimate_is_repeatable_and_near_the_exact_value(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ties = TieGraph.from_map(synthetic_map(300, seed=2))
    monkeypatch.setattr(centrality, "SAMPLE_ABOVE", 100)
    monkeypatch.setattr(centrality, "PIVOTS", 100)
    first, sample = broker_betweenness(ties, seed=7)
    again, _ = broker_betweenness(ties, seed=7)
    other, _ = broker_betweenness(ties, seed=8)
    assert sample is not None
    assert (sample.pivots, sample.groups) == (100, 10)
    assert np.array_equal(first, again)
    assert not np.array_equal(first, other)
    exact = betweenness(ties)
    top = np.argsort(-exact)[:10]
    # Deterministic (seeded); the exact value lies within four standard errors of each
    # top estimate, and the top stakeholder by the estimate is among the exact top three.
    assert np.all(np.abs(first[top] - exact[top]) <= 4 * sample.standard_error[top])
    assert int(np.argmax(first)) in np.argsort(-exact)[:3].tolist()


def test_the_analysis_of_a_big_map_states_the_sample(sampled: None, salford: SystemMap) -> None:
    result = analyse(salford, permutations=99)
    again = analyse(salford, permutations=99)
    sample = result.settings["betweenness_sample"]
    assert (sample["pivots"], sample["stakeholders"], sample["seed"]) == (10, 15, SEED)
    assert [b.betweenness for b in result.brokers] == [b.betweenness for b in again.brokers]
    note = next(n for n in result.notes if n.startswith("Betweenness"))
    assert "15 stakeholders is an estimate" in note
    assert f"counted from 10 stakeholders chosen at random (seed {SEED})" in note
    assert "Brandes & Pich 2007" in note
    broker = next(f for f in result.findings if f.kind == "broker")
    assert "estimated from routes out of 10 of the 15 stakeholders, give or take" in (
        broker.explanation
    )
    assert "betweenness_sample" in result.to_json()["settings"]


def test_a_small_map_says_nothing_of_samples(salford: SystemMap) -> None:
    result = analyse(salford, permutations=99)
    assert "betweenness_sample" not in result.settings
    assert not any(n.startswith("Betweenness") for n in result.notes)
    broker = next(f for f in result.findings if f.kind == "broker")
    assert "estimated" not in broker.explanation


def test_an_estimate_reports_progress_and_can_be_cancelled(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    ties = TieGraph.from_map(synthetic_map(300, seed=2))
    monkeypatch.setattr(centrality, "SAMPLE_ABOVE", 100)
    monkeypatch.setattr(centrality, "PIVOTS", 100)
    heard: list[float] = []
    broker_betweenness(ties, seed=1, progress=Progress(lambda done, _: heard.append(done)))
    assert heard == sorted(heard)
    assert len(heard) >= 10  # at least once per group of pivots
    assert heard[-1] == pytest.approx(1.0)
    with pytest.raises(Cancelled):
        broker_betweenness(ties, seed=1, progress=Progress(cancelled=lambda: True))
