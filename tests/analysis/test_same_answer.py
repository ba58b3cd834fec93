"""Same map, same answer: the analysis depends on what the map says, never on the order its
stakeholders and relationships were added (an undone delete puts one back at the end)."""

from __future__ import annotations

import json
import os
import random
from collections.abc import Sequence

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sysmap.analysis import analyse
from sysmap.io import EXAMPLES, load_map
from sysmap.model import Relationship, Stakeholder, SystemMap

EXAMPLES_RUN = int(os.environ.get("SYSMAP_PROPERTY_EXAMPLES", "8"))
PROPERTY = settings(
    max_examples=EXAMPLES_RUN,
    deadline=None,
    derandomize="SYSMAP_PROPERTY_EXAMPLES" not in os.environ,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
PERMUTATIONS = 199


def as_cli_json(system_map: SystemMap) -> str:
    """What ``sysmap analyse MAP --format json`` prints for this map (the same dump)."""
    result = analyse(system_map, permutations=PERMUTATIONS)
    return json.dumps(result.to_json(), ensure_ascii=False, indent=2)


def rebuilt(
    system_map: SystemMap,
    stakeholders: Sequence[Stakeholder],
    relationships: Sequence[Relationship],
) -> SystemMap:
    """The same map, its stakeholders and relationships added in the order given."""
    copy = SystemMap(system_map.title, system_map.description)
    for name in ("sectors", "places", "kinds", "relation_types"):
        copy.set_vocabulary(name, system_map.vocabulary(name))
    for key, value in sorted(system_map.metadata.items()):
        copy.set_metadata(key, value)
    for stakeholder in stakeholders:
        copy.add_stakeholder(stakeholder)
    for relationship in relationships:
        copy.add_relationship(relationship)
    assert copy == system_map
    return copy


SECTORS = ["central_government", "local_public_services", "third_sector", "citizens", "private"]
PLACES = ["Salford", "Manchester", "Greater Manchester", "England"]


@st.composite
def small_maps(draw: st.DrawFn) -> SystemMap:
    """Maps of 4–12 stakeholders with sectors, places and ties of every status and weight."""
    m = SystemMap("Permuted")
    count = draw(st.integers(4, 12))
    for i in range(count):
        m.add_stakeholder(
            Stakeholder(
                f"S{i}",
                sector=draw(st.sampled_from(SECTORS)),
                place=draw(st.none() | st.sampled_from(PLACES)),
            )
        )
    ids = m.stakeholder_ids()
    for _ in range(draw(st.integers(2, 24))):
        a, b = draw(st.lists(st.sampled_from(ids), min_size=2, max_size=2, unique=True))
        m.add_relationship(
            Relationship(
                a,
                b,
                draw(st.sampled_from(["refers", "partners", "funds"])),
                status=draw(st.sampled_from(["active", "active", "weak", "missing", "proposed"])),
                weight=draw(st.none() | st.sampled_from([0.5, 1.0, 2.0, 3.0])),
            )
        )
    return m


@PROPERTY
@given(small_maps(), st.randoms(use_true_random=False))
def test_any_order_of_the_same_map_gives_identical_json(
    system_map: SystemMap, rng: random.Random
) -> None:
    stakeholders = list(system_map.stakeholders())
    relationships = list(system_map.relationships())
    rng.shuffle(stakeholders)
    rng.shuffle(relationships)
    assert as_cli_json(rebuilt(system_map, stakeholders, relationships)) == as_cli_json(system_map)


@pytest.mark.parametrize("name", [e.name for e in EXAMPLES])
def test_every_example_drawn_in_reverse_gives_identical_json(name: str) -> None:
    example = next(e for e in EXAMPLES if e.name == name)
    system_map = load_map(example.path).map
    backwards = rebuilt(
        system_map,
        list(reversed(list(system_map.stakeholders()))),
        list(reversed(list(system_map.relationships()))),
    )
    assert as_cli_json(backwards) == as_cli_json(system_map)


def test_delete_then_undo_gives_the_same_analysis() -> None:
    system_map = load_map(EXAMPLES[0].path).map
    before = as_cli_json(system_map)
    # The model's delete and its undo, as the app's RemoveStakeholder does: the stakeholder
    # and its relationships come back at the end of the graph.
    stakeholder, relationships = system_map.remove_stakeholder("probation-gm")
    system_map.add_stakeholder(stakeholder)
    for relationship in relationships:
        system_map.add_relationship(relationship)
    assert list(system_map.stakeholder_ids())[-1] == "probation-gm"
    assert as_cli_json(system_map) == before
