"""Comparing two maps: exactly the edits, and what they did to the analysis."""

from __future__ import annotations

import pytest

from sysmap.analysis import analyse
from sysmap.combine.analysis_changes import analysis_changes
from sysmap.combine.compare import compare_maps
from sysmap.combine.compare_text import render_markdown, render_text, to_json
from sysmap.combine.finding_changes import numbers_changed, pair_findings
from sysmap.io import EXAMPLES, load_map
from sysmap.model import Relationship, Stakeholder, SystemMap


def edited(original: SystemMap) -> tuple[SystemMap, dict[str, set[str]]]:
    """A copy with one edit of every kind, and the edits a comparison must list."""
    copy = original.copy()
    people = original.stakeholder_ids()
    ties = original.relationship_ids()
    removed = people[0]
    renamed, retagged, moved = people[1], people[2], people[3]
    gone_ties = {r.id for r in original.relationships_of(removed)}
    restatus = next(r for r in ties if r not in gone_ties)
    retyped = next(r for r in ties if r not in gone_ties and r != restatus)
    copy.remove_stakeholder(removed)
    copy.update_stakeholder(renamed, label=original.label(renamed) + " (renamed)")
    new_sector = "private" if original.stakeholder(retagged).sector != "private" else "third_sector"
    copy.update_stakeholder(retagged, sector=new_sector, attributes={"budget": 12})
    old = copy.stakeholder(moved)
    copy.move_stakeholders({moved: (old.x + 300.0, old.y - 40.0)})  # not a change of the system
    new = copy.add_stakeholder(Stakeholder("Nacro resettlement service", sector="third_sector"))
    added_tie = copy.add_relationship(Relationship(new.id, people[4], "supports"))
    status = copy.relationship(restatus).status
    copy.update_relationship(restatus, status="missing" if status != "missing" else "active")
    copy.update_relationship(retyped, relation="advises")
    return copy, {
        "stakeholders_added": {new.id},
        "stakeholders_removed": {removed},
        "stakeholders_changed": {renamed, retagged},
        "relationships_added": {added_tie.id},
        "relationships_removed": gone_ties,
        "relationships_changed": {restatus, retyped},
    }


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_a_compare_with_an_edited_copy_lists_exactly_the_edits(example) -> None:  # type: ignore[no-untyped-def]
    original = load_map(example.path).map
    copy, edits = edited(original)
    diff = compare_maps(original, copy)
    for name, expected in edits.items():
        items = getattr(diff, name)
        ids = {item.after or item.before for item in items}
        assert ids == expected, name
    changed = {d.before: {c.field for c in d.changes} for d in diff.stakeholders_changed}
    assert sorted(changed.values(), key=len) == [{"label"}, {"sector", "budget"}]
    ties = {d.before: [c.field for c in d.changes] for d in diff.relationships_changed}
    assert sorted(ties.values()) == [["relation"], ["status"]]
    assert diff.possible_renames == []
    assert diff.unchanged_stakeholders == original.stakeholder_count - 3


def test_a_map_compared_with_itself_is_the_same() -> None:
    original = load_map(EXAMPLES[0].path).map
    diff = compare_maps(original, original.copy())
    assert diff.same
    assert "hold the same stakeholders and relationships" in render_text(diff)


def test_a_respelt_organisation_is_changed_not_removed_and_added() -> None:
    before = SystemMap("2024")
    before.add_stakeholder(
        Stakeholder("Department for Work & Pensions", sector="central_government")
    )
    after = SystemMap("2025")
    after.add_stakeholder(Stakeholder("Dept. for Work and Pensions", sector="central_government"))
    diff = compare_maps(before, after)
    (change,) = diff.stakeholders_changed
    assert change.changes[0].before_text == "Department for Work & Pensions"
    assert change.reason == "same name after normalising, same sector"


def test_what_the_edits_did_to_the_analysis() -> None:
    original = load_map(EXAMPLES[0].path).map
    copy = original.copy()
    copy.add_relationship(Relationship("hmp-manchester", "nhs-gm", "shares_data"))  # join health
    copy.remove_stakeholder("clinks")
    diff = compare_maps(original, copy)
    settings = {"permutations": 200}
    changes = analysis_changes(
        analyse(original, **settings), analyse(copy, **settings), diff.paired
    )
    texts = [c.text for c in changes.changes]
    assert any(
        c.kind == "point_changed" and "HM Prison & Probation Service" in c.text
        for c in changes.changes
    ), texts
    assert {c.topic for c in changes.changes} <= {
        "silo scores",
        "group gaps",
        "single points of failure",
        "citizens' routes",
        "findings",
    }
    gone = [c for c in changes.changes if c.kind == "finding_went"]
    assert all(c.text.startswith("Gone: ") for c in gone)
    diff.analysis = changes
    assert "What changed in the analysis" in render_text(diff)
    assert to_json(diff)["analysis"]["changes"]


def test_findings_are_compared_by_what_they_are_about_not_their_wording() -> None:
    original = load_map(EXAMPLES[0].path).map
    result = analyse(original, permutations=200)
    from dataclasses import replace

    reworded = [replace(f, title=f.title.upper(), explanation="") for f in result.findings]
    pairs, gone, fresh = pair_findings(result.findings, reworded, {})
    assert (gone, fresh) == ([], [])
    assert all(a.title.upper() == b.title for a, b in pairs)
    assert not any(numbers_changed(a, b) for a, b in pairs)


def test_markdown_shows_names_as_written() -> None:
    before = SystemMap("A")
    after = SystemMap("B")
    after.add_stakeholder(Stakeholder("*Bold* [link](http://x) <b>"))
    text = render_markdown(compare_maps(before, after))
    assert r"\*Bold\* \[link\](http://x) \<b\>" in text
