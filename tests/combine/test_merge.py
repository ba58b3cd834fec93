"""Merging maps: one stakeholder per organisation, relationships once with their sources,
conflicts listed and settled, and the merged file remembering how it was made."""

from __future__ import annotations

import json

import pytest

from sysmap.combine.merge import merge_maps
from sysmap.io import load_map, save_map
from sysmap.model.errors import ValidationError
from tests.combine.helpers import CG, EW, GM, LPS, VCS, small_map

JUSTICE = small_map(
    "Reducing reoffending – justice table",
    [
        ("HMPPS", CG, EW),
        ("Probation Service – Greater Manchester", LPS, GM),
        ("Prison leaver", "citizens", "Manchester"),
        ("DWP", CG, "Great Britain"),
    ],
    [
        ("HMPPS", "Probation Service – Greater Manchester", "manages", "active"),
        ("Probation Service – Greater Manchester", "Prison leaver", "supervises", "weak"),
        ("DWP", "Prison leaver", "funds", "weak"),
    ],
    author="Justice table (Sam)",
)
HEALTH = small_map(
    "Reducing reoffending – health table",
    [
        ("HM Prison & Probation Service", CG, EW),
        ("GM Probation", LPS, GM),
        ("Prison leaver", "citizens", "Salford"),
        ("Department for Work and Pensions", VCS, "Great Britain"),
        ("RECONNECT", LPS, GM),
    ],
    [
        ("GM Probation", "Prison leaver", "supervises", "active"),
        ("RECONNECT", "Prison leaver", "delivers", "active"),
        ("Department for Work and Pensions", "Prison leaver", "funds", "weak"),
    ],
    author="Health table (Priya)",
)
NAMES = ["justice", "health"]


@pytest.fixture(scope="module")
def merged():  # type: ignore[no-untyped-def]
    return merge_maps([JUSTICE, HEALTH], NAMES)


def test_each_organisation_becomes_one_stakeholder_keeping_every_name(merged) -> None:  # type: ignore[no-untyped-def]
    result = merged.map
    assert result.stakeholder_count == 5
    hmpps = result.stakeholder("hmpps")
    assert hmpps.label == "HM Prison & Probation Service"  # the full name, not the acronym
    assert hmpps.short_name == "HMPPS"
    assert hmpps.attributes["source_maps"] == "justice|health"
    probation = result.stakeholder("probation-service-greater-manchester")
    assert probation.attributes["also_known_as"] == "GM Probation"
    reconnect = result.stakeholder("reconnect")
    assert reconnect.attributes["source_maps"] == "health"


def test_relationships_are_combined_with_where_they_came_from(merged) -> None:  # type: ignore[no-untyped-def]
    result = merged.map
    assert result.relationship_count == 4
    (supervises,) = [r for r in result.relationships() if r.relation == "supervises"]
    assert supervises.attributes["source_maps"] == "justice|health"
    assert supervises.attributes["seen_by"] == 2
    assert supervises.attributes["said_by"] == "Justice table (Sam)|Health table (Priya)"
    (delivers,) = [r for r in result.relationships() if r.relation == "delivers"]
    assert delivers.attributes["seen_by"] == 1
    assert merged.combined == 2


def test_disagreements_are_listed_and_the_first_map_kept_until_settled(merged) -> None:  # type: ignore[no-untyped-def]
    found = {(c.name, c.field): c for c in merged.conflicts}
    status = found[
        ("Probation Service – Greater Manchester → Prison leaver (supervises)", "status")
    ]
    assert [o.value for o in status.options] == ["weak", "active"]
    assert (status.chosen, status.decided) == ("weak", "first map")
    sector = found[("Department for Work and Pensions", "sector")]
    assert [o.maps for o in sector.options] == [("justice",), ("health",)]
    assert "kept the first map's Central government" in sector.sentence()
    assert ("Prison leaver", "place") in found
    assert merged.map.stakeholder("dwp").sector == CG


def test_choices_settle_conflicts_and_the_file_records_them(merged, tmp_path) -> None:  # type: ignore[no-untyped-def]
    sector = next(c for c in merged.conflicts if c.field == "sector")
    status = next(c for c in merged.conflicts if c.field == "status")
    choices = {sector.key: "health", status.key: "Active"}
    result = merge_maps([JUSTICE, HEALTH], NAMES, choices=choices)
    assert result.map.stakeholder("dwp").sector == VCS
    (supervises,) = [r for r in result.map.relationships() if r.relation == "supervises"]
    assert supervises.status == "active"
    path = tmp_path / "merged.graphml"
    save_map(result.map, path)
    reopened = load_map(path).map
    record = json.loads(str(reopened.metadata["merge_record"]))
    assert [m["name"] for m in record["maps"]] == NAMES
    settled = {(c["field"], c["decided"], c["chosen"]) for c in record["conflicts"]}
    assert ("sector", "you", VCS) in settled
    assert ("status", "you", "active") in settled
    assert {m["decided"] for m in record["matches"]} == {"automatic"}
    assert reopened.metadata["author"] == "Justice table (Sam); Health table (Priya)"


def test_a_choice_that_names_no_value_is_refused_with_a_sentence(merged) -> None:  # type: ignore[no-untyped-def]
    sector = next(c for c in merged.conflicts if c.field == "sector")
    with pytest.raises(ValidationError, match="'private' is not one of the values"):
        merge_maps([JUSTICE, HEALTH], NAMES, choices={sector.key: "private"})


def test_the_first_maps_layout_is_kept_and_newcomers_placed_apart(merged) -> None:  # type: ignore[no-untyped-def]
    result = merged.map
    for person in JUSTICE.stakeholders():
        placed = result.stakeholder(person.id)
        assert (placed.x, placed.y) == (person.x, person.y)
    new = result.stakeholder("reconnect")
    others = [(s.x, s.y) for s in result.stakeholders() if s.id != "reconnect"]
    assert all(abs(new.x - x) + abs(new.y - y) > 50 for x, y in others)


def test_the_title_is_what_the_maps_share(merged) -> None:  # type: ignore[no-untyped-def]
    assert merged.map.title == "Reducing reoffending"
    assert merge_maps([JUSTICE, HEALTH], NAMES, title="GM workshop").map.title == "GM workshop"


def test_a_map_merged_with_itself_is_refused() -> None:
    with pytest.raises(ValidationError, match="merged with itself"):
        merge_maps([JUSTICE, JUSTICE], ["justice", "justice"])
    with pytest.raises(ValidationError, match="at least two maps"):
        merge_maps([JUSTICE], ["justice"])


def test_a_copy_merged_in_changes_nothing_but_the_counts() -> None:
    result = merge_maps([JUSTICE, JUSTICE.copy()], ["justice", "copy"])
    assert result.map.stakeholder_count == JUSTICE.stakeholder_count
    assert result.map.relationship_count == JUSTICE.relationship_count
    assert {r.attributes["seen_by"] for r in result.map.relationships()} == {2}
    assert result.conflicts == []


def test_maps_with_nothing_in_common_sit_side_by_side_with_a_warning() -> None:
    elsewhere = small_map(
        "Leeds", [("Leeds Library", VCS, "Leeds"), ("Bus operator", "private", "Leeds")]
    )
    result = merge_maps([JUSTICE, elsewhere], ["justice", "leeds"])
    assert result.map.stakeholder_count == 6
    assert any("No stakeholder matched" in line for line in result.summary())


def test_ten_maps_at_once() -> None:
    maps = [JUSTICE.copy() for _ in range(10)]
    result = merge_maps(maps, [f"table-{i}" for i in range(10)])
    assert result.map.stakeholder_count == JUSTICE.stakeholder_count
    assert {r.attributes["seen_by"] for r in result.map.relationships()} == {10}


def test_merging_a_merged_map_again_adds_up_its_record(merged) -> None:  # type: ignore[no-untyped-def]
    again = merge_maps([merged.map, HEALTH.copy()], ["merged", "late"])
    (supervises,) = [r for r in again.map.relationships() if r.relation == "supervises"]
    assert supervises.attributes["seen_by"] == 3
    assert supervises.attributes["source_maps"] == "justice|health|late"


def test_merged_stakeholders_linked_to_each_other_lose_that_link_with_a_note() -> None:
    from sysmap.combine.matching import Decision, propose

    plan = propose([JUSTICE, HEALTH], NAMES)
    reconnect = next(p for p in plan.proposals if p.member.label == "RECONNECT").member
    leaver = "prison-leaver"
    result = merge_maps(
        [JUSTICE, HEALTH], NAMES, decisions={(reconnect.map, reconnect.id): Decision((0, leaver))}
    )
    assert any("left out" in note for note in result.summary())
    assert all(r.source != r.target for r in result.map.relationships())


def test_a_maps_own_parallel_relationships_stay_apart() -> None:
    from sysmap.model import Relationship

    pots = small_map(
        "A", [("MHCLG", CG, "England"), ("Middlesbrough Council", LPS, "Middlesbrough")]
    )
    pots.add_relationship(Relationship("mhclg", "middlesbrough-council", "funds", evidence="LUP"))
    pots.add_relationship(Relationship("mhclg", "middlesbrough-council", "funds", status="weak"))
    other = pots.copy()
    result = merge_maps([pots, other], ["a", "b"])
    assert result.map.relationship_count == 2
    assert [r.status for r in result.map.relationships()] == ["active", "weak"]
    assert {r.attributes["seen_by"] for r in result.map.relationships()} == {2}
    assert result.conflicts == []


def test_a_merge_into_the_open_map_is_a_patch_that_reverts_exactly() -> None:
    from sysmap.combine.patch import MapPatch

    base = JUSTICE.copy()
    before = base.copy()
    result = merge_maps([base, HEALTH], NAMES)
    patch = MapPatch.between(base, result.map)
    patch.apply(base)
    assert list(base.stakeholders()) == list(result.map.stakeholders())
    assert list(base.relationships()) == list(result.map.relationships())
    assert base.title == before.title  # the open map keeps its own title
    assert base.metadata["merge_record"] == result.map.metadata["merge_record"]
    patch.revert(base)
    assert base == before


def test_a_big_merge_keeps_its_record_small_enough_to_reopen(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from sysmap.combine.record import MAX_RECORD_CHARS
    from sysmap.model.synthetic import synthetic_map

    big = synthetic_map(1500, seed=3)
    result = merge_maps([big, big.copy()], ["a", "b"], lay_out=False)
    record = json.loads(str(result.map.metadata["merge_record"]))
    assert len(str(result.map.metadata["merge_record"])) <= MAX_RECORD_CHARS
    assert len(record["matches"]) + record["matches_not_listed"] == 1500
    save_map(result.map, tmp_path / "big.graphml")
    assert load_map(tmp_path / "big.graphml").map.stakeholder_count == 1500
