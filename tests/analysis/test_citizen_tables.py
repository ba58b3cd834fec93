"""The citizen's-view tables are 16-bit, and nothing computed from them wraps round."""

from __future__ import annotations

import networkx as nx
import numpy as np

from sysmap.analysis import analyse
from sysmap.analysis.analysis_result import CitizenResult
from sysmap.analysis.citizen import citizen_view
from sysmap.analysis.citizen_sections import citizen_result
from sysmap.analysis.sections import Names
from sysmap.analysis.ties import TieGraph
from sysmap.model import SystemMap

LENGTH = 300
"""A chain this long: 299 steps × 301 is past 32,767, the largest 16-bit number."""


def chain() -> TieGraph:
    """A citizen at one end of a line of services, each a different sector from the last."""
    graph = nx.path_graph([f"s{i}" for i in range(LENGTH)])
    sectors = ("local_public_services", "third_sector", "private")
    for i, node in enumerate(graph.nodes):
        graph.nodes[node]["sector"] = "citizens" if i == 0 else sectors[i % 3]
        graph.nodes[node]["label"] = f"Service {i}" if i else "Residents"
    return TieGraph.from_networkx(graph)


def test_tables_are_16_bit_and_routes_run_the_whole_chain() -> None:
    view = citizen_view(chain())
    for table in (view.steps, view.sector_crossings, view.place_crossings, view.predecessors):
        assert table.dtype == np.int16
    assert view.node_steps.dtype == np.int16
    assert view.steps[0].tolist() == list(range(1, LENGTH))
    assert view.sector_crossings[0, -1] == LENGTH - 1  # every tie crosses a sector
    assert view.route(0, LENGTH - 2) == list(range(LENGTH))
    # Routes to a service and to all the services beyond it run through it.
    assert view.route_counts[0].tolist() == [LENGTH - 1] + [LENGTH - i for i in range(1, LENGTH)]


def test_the_farthest_service_is_the_far_end_of_the_chain() -> None:
    ties = chain()
    view = citizen_view(ties)
    summary = citizen_result(Names(ties), view).summaries[0]
    assert (summary.farthest, summary.farthest_steps) == ("s299", LENGTH - 1)
    assert summary.farthest_sector_crossings == LENGTH - 1
    result = CitizenResult(("s0",), tuple(ties.nodes[1:]), (summary,), view)
    notable = [route.service for route in result.routes(notable_only=True)]
    assert "s299" in notable


def test_a_citizen_result_without_routes_has_no_average_and_no_unreachable_pairs() -> None:
    """A result held without its routes (summaries only) answers as a map with no routes."""
    result = CitizenResult(citizens=("a",), services=("s",), summaries=())
    assert np.isnan(result.mean_steps())
    assert result.unreachable_pairs() == 0
    assert list(result.routes()) == []


def test_a_service_out_of_reach_has_no_route_figures(salford: SystemMap) -> None:
    """Victims cannot reach the food bank: no steps, no crossings, no weak ties to count
    (not zero of each, which would read as a route with none); the leaver's route to
    housing runs over one weak tie (Probation to Council Housing Options)."""
    routes = {(r.citizen, r.service): r for r in analyse(salford, permutations=99).citizen.routes()}
    cut_off = routes[("victims", "food-bank")]
    assert (cut_off.steps, cut_off.route, cut_off.weak) == (None, (), None)
    assert cut_off.crossings == {"sector": None, "place": None}
    reached = routes[("leaver", "housing")]
    assert (reached.steps, reached.weak) == (2, 1)


def test_each_citizen_averages_only_the_services_it_reaches(salford: SystemMap) -> None:
    """The leaver reaches 8 services in 19 steps crossing sectors 13 times; the victims reach
    only Victim Support, one step and one sector away. Services out of reach count neither
    as steps nor as crossings."""
    summaries = {
        s.citizen: (s.mean_steps, s.mean_sector_crossings, len(s.unreachable))
        for s in analyse(salford, permutations=99, compare=False).citizen.summaries
    }
    assert summaries == {"leaver": (19 / 8, 13 / 8, 2), "victims": (1.0, 1.0, 9)}


def test_a_body_tagged_as_a_service_is_one_whatever_its_sector(salford: SystemMap) -> None:
    services = analyse(salford, permutations=99, compare=False).citizen.services
    assert "hmip" not in services  # an inspectorate is not a service a citizen needs
    salford.update_stakeholder("hmip", tags=("service",))
    assert "hmip" in analyse(salford, permutations=99, compare=False).citizen.services
