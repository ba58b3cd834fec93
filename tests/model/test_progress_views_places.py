"""The model's small services, tested where they live: progress and cancel, the read-only
views of a map, and places that nest.

Mutation testing of ``model`` with its own tests (README, "Tests that catch what breaks")
found these tested only through the GUI, layouts and readers, so no change to them was seen.
"""

from __future__ import annotations

import networkx as nx
import pytest

from sysmap.model import Relationship, Stakeholder, SystemMap
from sysmap.model.errors import UnknownRelationshipError, UnknownStakeholderError
from sysmap.model.places import NestingError, PlaceTree, check_nesting, shipped_place
from sysmap.model.progress import (
    NO_PROGRESS,
    Cancelled,
    Progress,
    current,
    part,
    report,
    reporting,
    wanted,
)
from sysmap.model.vocab import Term, Vocabulary


# ---------------------------------------------------------------------------- progress
def test_parts_report_their_share_of_the_whole_job() -> None:
    seen: list[tuple[float, str]] = []
    progress = Progress(lambda f, s: seen.append((f, s)), stage="Whole")
    progress.report(0.25)
    progress.report(-1.0, "Too low")  # clamped to the part's ends
    progress.report(2.0, "Too high")
    inner = progress.part(0.2, 0.6, "Inner").part(0.5, 1.0)
    inner.report(0.5)
    inner.report(1.0, "Done")
    assert seen == [
        (0.25, "Whole"),
        (0.0, "Too low"),
        (1.0, "Too high"),
        (pytest.approx(0.5), "Inner"),  # 0.2 + 0.4·(0.5 + 0.5·0.5)
        (pytest.approx(0.6), "Done"),
    ]


def test_cancel_stops_at_the_next_report_or_check() -> None:
    pressed = [False]
    seen: list[float] = []
    progress = Progress(lambda f, s: seen.append(f), lambda: pressed[0])
    progress.check()
    progress.report(0.5)
    assert not progress.is_cancelled()
    pressed[0] = True
    assert progress.is_cancelled()
    assert progress.part(0.5, 1.0).is_cancelled()
    with pytest.raises(Cancelled, match=r"^Cancelled; nothing was changed\.$"):
        progress.report(0.75)
    with pytest.raises(Cancelled):
        progress.check()
    assert seen == [0.5]
    assert not Progress().is_cancelled()


def test_wanted_only_when_someone_listens() -> None:
    assert not NO_PROGRESS.wanted
    assert Progress(on_progress=lambda f, s: None).wanted
    assert Progress(cancelled=lambda: False).wanted
    assert not NO_PROGRESS.part(0.0, 0.5).wanted


def test_the_current_progress_follows_the_block() -> None:
    seen: list[tuple[float, str]] = []
    progress = Progress(lambda f, s: seen.append((f, s)))
    assert current() is NO_PROGRESS
    assert not wanted()
    report(0.5)  # nobody listens: nothing happens
    with reporting(progress):
        assert current() is progress
        assert wanted()
        with part(0.5, 1.0):
            report(0.5, "Reading")
        report(0.1)
    with reporting(None):
        assert current() is NO_PROGRESS
    assert current() is NO_PROGRESS
    assert seen == [(0.75, "Reading"), (pytest.approx(0.1), "")]


# ---------------------------------------------------------------------------- views
def small_map() -> SystemMap:
    system_map = SystemMap()
    for sid, x in (("a", 1.0), ("b", 2.0), ("c", 3.0)):
        system_map.add_stakeholder(Stakeholder(id=sid, label=sid.upper(), x=x, y=-x))
    system_map.add_relationship(Relationship(id="ab", source="a", target="b"))
    system_map.add_relationship(Relationship(id="cb", source="c", target="b", status="weak"))
    return system_map


def test_views_read_the_storage_in_order_and_refuse_writes() -> None:
    system_map = small_map()
    assert system_map.stakeholder_fields("b")["label"] == "B"
    assert [sid for sid, _ in system_map.stakeholder_rows()] == ["a", "b", "c"]
    assert system_map.positions() == {"a": (1.0, -1.0), "b": (2.0, -2.0), "c": (3.0, -3.0)}
    assert system_map.positions(["c"]) == {"c": (3.0, -3.0)}
    assert system_map.relationship_fields("cb")["status"] == "weak"
    rows = [(key, s, t) for key, s, t, _ in system_map.relationship_rows()]
    assert rows == [("ab", "a", "b"), ("cb", "c", "b")]
    assert dict(system_map.all_ends()) == {"ab": ("a", "b"), "cb": ("c", "b")}
    with pytest.raises(TypeError):
        system_map.stakeholder_fields("a")["label"] = "changed"  # type: ignore[index]
    with pytest.raises(TypeError):
        system_map.all_ends()["ab"] = ("b", "a")  # type: ignore[index]
    network = system_map.network()
    assert sorted(network.edges(keys=True)) == [("a", "b", "ab"), ("c", "b", "cb")]
    with pytest.raises(nx.NetworkXError):
        network.add_node("d")


def test_views_name_what_is_not_there() -> None:
    system_map = small_map()
    with pytest.raises(UnknownStakeholderError, match=r"^There is no stakeholder with id 'z'\.$"):
        system_map.stakeholder_fields("z")
    with pytest.raises(UnknownStakeholderError, match=r"^There is no stakeholder with id 'z'\.$"):
        system_map.positions(["a", "z"])
    with pytest.raises(
        UnknownRelationshipError, match=r"^There is no relationship with id 'zz'\.$"
    ):
        system_map.relationship_fields("zz")


# ---------------------------------------------------------------------------- places
def test_shipped_places_nest_up_to_the_united_kingdom() -> None:
    assert shipped_place("salford") is not None
    assert shipped_place("SALFORD").within == "Greater Manchester"  # type: ignore[union-attr]
    assert shipped_place("Tyne & Wear") == shipped_place("tyne and wear")
    tree = PlaceTree()
    assert tree.chain("salford")[:3] == ["Salford", "Greater Manchester", "North West"]
    assert tree.chain("Salford")[-1] == "United Kingdom"
    assert tree.contains("England", "Salford")
    assert not tree.contains("Salford", "England")
    assert tree.nested("Salford", "England")
    assert tree.nested("England", "Salford")
    assert not tree.nested("Salford", "Leeds")
    assert tree.level("Salford") == "local"
    assert tree.level("Atlantis") is None
    assert tree.parent("Atlantis") is None
    assert tree.key("atlantis") == "atlantis"


def test_the_maps_own_places_win_over_the_shipped_ones() -> None:
    places = Vocabulary(
        "place",
        (
            Term("hood", "Our Neighbourhood", level="local", within="salford"),
            Term("Salford", "Salford", level="regional"),  # the map says otherwise
            Term("odd", "Odd", level="galactic"),
        ),
    )
    tree = PlaceTree(places)
    assert tree.key("our neighbourhood") == "hood"
    assert tree.parent("hood") == "Salford"
    assert tree.level("Salford") == "regional"
    assert tree.level("odd") is None  # not one of the three levels
    assert tree.chain("hood")[:3] == ["hood", "Salford", "Greater Manchester"]
    assert tree.contains("greater manchester", "Our Neighbourhood")


def test_nesting_that_loops_or_leads_nowhere_is_refused_by_name() -> None:
    # Every places vocabulary passes check_nesting as it is built.
    check_nesting(Vocabulary("place", (Term("hood", "Hood", within="Salford"),)))
    loop = (Term("a", "A", within="b"), Term("b", "B", within="c"), Term("c", "C", within="a"))
    with pytest.raises(
        NestingError,
        match=r"^The place 'a' would end up within itself \(a within b within c within a\)\.",
    ) as caught:
        Vocabulary("place", loop)
    assert caught.value.place == "a"
    with pytest.raises(NestingError, match=r"^The place 'x' is within 'Narnia', which is neither"):
        Vocabulary("place", (Term("x", "X", within="Narnia"),))
    # Two places each within the other.
    with pytest.raises(NestingError, match=r"within itself \(x within y within x\)"):
        Vocabulary("place", (Term("x", "X", within="y"), Term("y", "Y", within="x")))
