"""The ranking's rules one by one (sysmap/analysis/ranking.py's docstring), on hand-made findings.

Before issue 19 the ranking was tested only through whole analyses, where many of its rules
(caps per kind, repeats skipped, tie-breaks) are never at their edge.
"""

from __future__ import annotations

from sysmap.analysis.ranking import Candidate, rank
from sysmap.analysis.results import Finding, Highlight


def candidate(
    kind_class: str, score: float, kind: str, title: str, nodes: tuple[str, ...] = ()
) -> Candidate:
    finding = Finding("info", kind, title, "", highlight=Highlight(nodes=nodes))
    return Candidate(kind_class, score, finding, f"why {title}")


def test_classes_in_reading_order_then_score_then_kind_then_title() -> None:
    found = rank(
        [
            candidate("context", 9.0, "broker", "ctx"),
            candidate("fragility", 1.0, "point_of_failure", "small cut"),
            candidate("fragility", 5.0, "point_of_failure", "big cut"),
            candidate("guidance", 2.0, "silo", "b silo"),
            candidate("guidance", 2.0, "silo", "a silo"),
            candidate("guidance", 2.0, "group_gap", "z gap"),
            candidate("documented", 0.0, "known_gap", "recorded"),
        ]
    )
    assert [f.title for f in found] == [
        "recorded",
        "z gap",  # group_gap before silo at the same score
        "a silo",
        "b silo",
        "big cut",
        "small cut",
        "ctx",
    ]
    assert [f.rank for f in found] == list(range(1, 8))
    assert found[0].rank_reason == "Documented gap: why recorded."
    assert found[4].rank_reason == "Fragility: why big cut."
    assert [f.rank_class for f in found][::3] == ["documented", "guidance", "context"]


def test_a_reason_ends_with_one_full_stop() -> None:
    finding = Finding("info", "broker", "B", "")
    (ranked,) = rank([Candidate("context", 1.0, finding, "a broker.")])
    assert ranked.rank_reason == "Context: a broker."


def test_eight_of_a_kind_are_listed_but_every_documented_gap() -> None:
    brokers = [candidate("context", float(i), "broker", f"b{i}", (f"n{i}",)) for i in range(10)]
    gaps = [candidate("documented", 0.0, "known_gap", f"g{i}", (f"g{i}",)) for i in range(10)]
    found = rank(brokers + gaps)
    assert sum(f.kind == "known_gap" for f in found) == 10
    kept = [f.title for f in found if f.kind == "broker"]
    assert kept == [f"b{i}" for i in range(9, 1, -1)]  # the best eight, best first


def test_key_findings_are_twelve_at_most_with_caps_per_kind() -> None:
    kinds = {
        "weak_link": 2,
        "group_gap": 3,
        "point_of_failure": 4,
        "suggested_link": 1,
        "citizen_single_route": 1,
        "broker": 2,  # any other kind
    }
    candidates = [
        candidate("guidance", 10.0 - i, kind, f"{kind} {i}", (f"{kind}{i}",))
        for kind in kinds
        for i in range(6)
    ]
    found = rank(candidates)
    keys = [f for f in found if f.key]
    assert len(keys) == 12
    per_kind = {kind: sum(f.kind == kind for f in keys) for kind in kinds}
    # Filled in ranking order (kind names A–Z within a score) until twelve are chosen.
    assert all(per_kind[kind] <= cap for kind, cap in kinds.items())
    assert per_kind["broker"] == 2
    assert per_kind["citizen_single_route"] == 1
    assert per_kind["group_gap"] == 3
    many_gaps = [
        candidate("documented", 0.0, "known_gap", f"g{i:02}", (f"g{i}",)) for i in range(15)
    ]
    assert sum(f.key for f in rank(many_gaps)) == 12  # known gaps may fill all twelve


def test_a_finding_showing_the_same_things_as_a_key_one_is_not_key_again() -> None:
    found = rank(
        [
            candidate("guidance", 3.0, "silo", "first", ("a", "b")),
            candidate("guidance", 2.0, "group_gap", "same things", ("b", "a")),
            candidate("guidance", 1.0, "group_gap", "nothing shown"),
            candidate("guidance", 0.5, "group_gap", "nothing shown either"),
        ]
    )
    assert [(f.title, f.key) for f in found] == [
        ("first", True),
        ("same things", False),
        ("nothing shown", True),  # findings that highlight nothing never count as repeats
        ("nothing shown either", True),
    ]
