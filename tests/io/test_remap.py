"""Putting a file's column onto sector, place, place level or kind: matched, never guessed."""

from __future__ import annotations

from pathlib import Path

import pytest

from sysmap.io import load_map
from sysmap.io.remap import AttributeRemap, apply_remap, column_values, plan_remap
from sysmap.model import Stakeholder, SystemMap, ValidationError
from sysmap.workspace import open_map


def kumu_like_map() -> SystemMap:
    m = SystemMap("Imported")
    rows = [
        ("DWP", "Central Government", "#123456"),
        ("Council", "local public services", None),
        ("Shelter", "Third sector", None),
        ("Crisis", "third_sector", None),
        ("Tesco", "Company", "#ABCDEF"),
        ("Anon", "", None),
        ("Nobody", None, None),
    ]
    for label, kind, colour in rows:
        attributes = {"Type": kind} if kind is not None else {}
        m.add_stakeholder(
            Stakeholder(label, colour=colour, attributes={**attributes, "Region": "North"})
        )
    return m


def test_dry_run_reports_without_changing_anything() -> None:
    m = kumu_like_map()
    before = m.copy()
    report = plan_remap(m, AttributeRemap("type", "sector"))  # the column name's case is free
    assert m == before
    assert not report.applied
    assert report.column == "Type"
    matches = {v.value: (v.key, v.known, v.count) for v in report.matches}
    assert matches == {
        "Central Government": ("central_government", True, 1),
        "local public services": ("local_public_services", True, 1),
        "Third sector": ("third_sector", True, 1),
        "third_sector": ("third_sector", True, 1),
        "Company": ("Company", False, 1),
    }
    assert report.without_value == 2  # an empty cell, and no cell at all
    text = " ".join(report.sentences())
    assert "would be given a known sector" in text
    assert "'Company'" in text
    assert "would be kept as they are" in text


def test_applying_moves_the_column_onto_the_field() -> None:
    m = kumu_like_map()
    report = apply_remap(m, AttributeRemap("Type", "sector"))
    assert report.applied
    dwp = m.stakeholder("dwp")
    assert dwp.sector == "central_government"
    assert "Type" not in dwp.attributes
    assert dwp.colour is None  # drawn in its sector's colour now
    assert m.stakeholder("tesco").sector == "Company"  # kept as it was, and flagged
    assert any("'Company'" in p for p in m.problems())
    anon = m.stakeholder("anon")
    assert anon.sector is None  # an empty cell leaves the field alone…
    assert anon.attributes == {"Type": "", "Region": "North"}  # …and the column as it was
    assert m.stakeholder("nobody").attributes == {"Region": "North"}


def test_unknown_values_can_become_new_terms() -> None:
    m = kumu_like_map()
    report = apply_remap(m, AttributeRemap("Type", "sector"), add_terms=True)
    assert report.added_terms == ["Company"]
    tesco = m.stakeholder("tesco")
    assert tesco.sector == "company"
    assert m.sectors.label("company") == "Company"
    assert m.sectors.get("company").colour
    assert not m.problems()


def test_place_level_and_kind_match_their_vocabularies() -> None:
    m = SystemMap()
    m.add_stakeholder(
        Stakeholder("GMCA", attributes={"Tier": "Regional", "Form": "Group or partnership"})
    )
    apply_remap(m, AttributeRemap.parse("Tier=place_level"))
    apply_remap(m, AttributeRemap.parse("Form = kind"))
    gmca = m.stakeholder("gmca")
    assert (gmca.place_level, gmca.kind) == ("regional", "group")
    assert gmca.attributes == {}


def test_places_are_free_names() -> None:
    m = kumu_like_map()
    report = apply_remap(m, AttributeRemap("Region", "place"))
    assert {s.place for s in m.stakeholders()} == {"North"}
    assert "given a place by name ('North')" in " ".join(report.sentences())
    assert not m.problems()


def test_columns_are_listed_for_the_import_dialog() -> None:
    values = column_values(kumu_like_map())
    assert values["Region"] == {"North": 7}
    assert values["Type"]["Company"] == 1
    assert "label" not in values


@pytest.mark.parametrize(
    ("text", "message"),
    [("Type", "COLUMN=sector"), ("Type=colour", "not a field"), ("=sector", "which column")],
)
def test_bad_instructions_say_what_is_wrong(text: str, message: str) -> None:
    with pytest.raises(ValidationError, match=message):
        AttributeRemap.parse(text)


def test_a_missing_column_lists_the_ones_there_are() -> None:
    with pytest.raises(ValidationError, match="the attributes are: 'Region', 'Type'"):
        plan_remap(kumu_like_map(), AttributeRemap("Sector", "sector"))


def test_opening_a_kumu_workbook_with_its_type_as_sector(tmp_path: Path, interop_dir: Path) -> None:
    path = interop_dir / "kumu_changelabs-stakeholder-template_project-export.json"
    result = open_map(str(path), remaps=[AttributeRemap("Type", "kind")])
    assert {s.kind for s in result.map.stakeholders()} >= {"Stakeholder", "Interviewee"}
    assert any("'Type' → kind" in n for n in result.notes)
    # The vocabulary check is redone after the remap, not left as it was when read.
    assert any("kind this map does not define" in w for w in result.warnings)
    plain = load_map(path)
    assert not any("kind this map does not define" in w for w in plain.warnings)
