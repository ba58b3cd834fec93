"""The reference workload (README, Performance): policy-like, the promised shape, deterministic."""

from __future__ import annotations

import pytest

from sysmap.model.synthetic import CROSS_SECTOR_SHARE, synthetic_map
from sysmap.model.vocab import DEFAULT_SECTORS


@pytest.fixture(scope="module")
def thousand():  # type: ignore[no-untyped-def]
    return synthetic_map(1000, seed=1)


def test_size_and_mean_degree(thousand) -> None:  # type: ignore[no-untyped-def]
    assert thousand.stakeholder_count == 1000
    assert thousand.relationship_count == 4000  # mean degree 8
    degrees = [d for _, d in thousand.graph.degree()]
    assert sum(degrees) / len(degrees) == pytest.approx(8.0)


def test_about_fifteen_percent_of_ties_cross_sectors(thousand) -> None:  # type: ignore[no-untyped-def]
    graph = thousand.graph
    cross = sum(1 for u, v in graph.edges() if graph.nodes[u]["sector"] != graph.nodes[v]["sector"])
    assert abs(cross / graph.number_of_edges() - CROSS_SECTOR_SHARE) < 0.03


def test_six_sectors_several_places_positions_and_varied_names(thousand) -> None:  # type: ignore[no-untyped-def]
    nodes = [d for _, d in thousand.graph.nodes(data=True)]
    assert {d["sector"] for d in nodes} == {t.key for t in DEFAULT_SECTORS.terms}
    assert len({d["place"] for d in nodes}) >= 6
    assert all(isinstance(d["x"], float) and isinstance(d["y"], float) for d in nodes)
    labels = {d["label"] for d in nodes}
    assert len(labels) > 500  # most organisations have a name of their own
    assert all(label[0].isupper() for label in labels)
    assert thousand.problems() == []  # every sector, place and relation type is in the vocabulary


def test_same_size_and_seed_give_the_same_map() -> None:
    first, again, other = synthetic_map(400, seed=3), synthetic_map(400, seed=3), synthetic_map(400)
    assert first == again
    assert first != other


def test_a_map_of_its_own_keeps_the_promised_shares() -> None:
    # The shares written in the generator's table and docstring, within sampling error. Its
    # own map, not the shared fixture: mutmut credits a fixture's calls to its first user.
    thousand = synthetic_map(1000, seed=2)
    nodes = [d for _, d in thousand.graph.nodes(data=True)]
    shares = {"central_government": 0.08, "local_public_services": 0.30, "third_sector": 0.25}
    for sector, share in shares.items():
        assert abs(sum(d["sector"] == sector for d in nodes) / 1000 - share) < 0.04, sector
    for d in nodes:
        assert (d["place_level"] == "national") == (d["sector"] == "central_government")
        assert d["influence"] == round(d["influence"], 2)
        assert d["interest"] == round(d["interest"], 2)
    # Ratings spread over the scale, not rounded to its ends.
    assert sum(0 < d["influence"] < 1 for d in nodes) > 900
    assert sum(0 < d["interest"] < 1 for d in nodes) > 900
    others = [d for d in nodes if d["sector"] != "central_government"]
    regional = sum(d["place_level"] == "regional" for d in others) / len(others)
    assert abs(regional - 0.15) < 0.04
    assert {d["place_level"] for d in others} == {"regional", "local"}
    citizens = [d for d in nodes if d["sector"] == "citizens"]
    individuals = sum(d["kind"] == "individual" for d in citizens) / len(citizens)
    assert abs(individuals - 0.3) < 0.1
    statuses = [d["status"] for _, _, d in thousand.graph.edges(data=True)]
    assert set(statuses) == {"active", "weak"}
    assert abs(statuses.count("weak") / len(statuses) - 0.1) < 0.03
