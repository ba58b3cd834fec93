"""Should-talk pairs: guidance defaults, editing, and storage in the map file."""

from __future__ import annotations

from pathlib import Path

import pytest

from sysmap.analysis import (
    ShouldTalk,
    analyse,
    read_should_talk,
    should_talk_of,
    should_talk_text,
)
from sysmap.analysis.should_talk import METADATA_KEY
from sysmap.io import load_map, save_map
from sysmap.model import DEFAULT_SECTORS, SystemMap, ValidationError

SECTORS = DEFAULT_SECTORS.keys()


def test_guidance_defaults_for_sectors() -> None:
    pairs = ShouldTalk().pairs_for("sector", SECTORS)
    # Citizens with every sector that serves them; central with local public services;
    # public, private and third sectors with each other. Independent bodies: none.
    assert set(pairs) == {
        ("central_government", "citizens"),
        ("local_public_services", "citizens"),
        ("private", "citizens"),
        ("third_sector", "citizens"),
        ("central_government", "local_public_services"),
        ("central_government", "private"),
        ("central_government", "third_sector"),
        ("local_public_services", "private"),
        ("local_public_services", "third_sector"),
        ("private", "third_sector"),
    }
    assert all(SECTORS.index(a) < SECTORS.index(b) for a, b in pairs)


def test_place_levels_and_user_columns() -> None:
    # Each tier with the tier above it; local with national only where there is no region.
    levels = ShouldTalk().pairs_for("place_level", ["national", "regional", "local"])
    assert levels == [("national", "regional"), ("regional", "local")]
    assert ShouldTalk().pairs_for("place_level", ["local", "national"]) == [("local", "national")]
    assert ShouldTalk().pairs_for("programme", ["a", "b", "c"]) == [
        ("a", "b"),
        ("a", "c"),
        ("b", "c"),
    ]
    assert ShouldTalk().pairs_for("sector", ["citizens"]) == []


def test_edit_and_reset_pairs() -> None:
    custom = ShouldTalk().with_pairs("sector", [("independent", "citizens")])
    assert custom.wants("sector", "citizens", "independent")
    assert not custom.wants("sector", "citizens", "third_sector")
    assert not custom.is_default("sector")
    assert custom.with_pairs("sector", None) == ShouldTalk()
    assert not ShouldTalk().with_same_place(False).same_place


def test_json_round_trip_and_bad_text() -> None:
    custom = ShouldTalk({"team": (("a", "b"),)}, same_place=False)
    assert ShouldTalk.from_json(custom.to_json()) == custom
    assert read_should_talk({}) == ShouldTalk()
    for bad in (
        "{not json",
        '{"pairs": []}',
        '{"pairs": {"sector": [["a"]]}}',
        '{"same_place": 1}',
    ):
        with pytest.raises(ValidationError):
            ShouldTalk.from_json(bad)


def test_stored_in_the_map_and_survives_saving(salford: SystemMap, tmp_path: Path) -> None:
    custom = ShouldTalk().with_pairs("sector", [("citizens", "independent")])
    assert should_talk_of(salford) == ShouldTalk()
    salford.set_metadata(METADATA_KEY, should_talk_text(custom))
    assert METADATA_KEY in salford.metadata
    path = tmp_path / "salford.graphml"
    save_map(salford, path, "graphml")
    reopened = load_map(path).map
    assert should_talk_of(reopened) == custom
    assert should_talk_text(ShouldTalk()) is None  # the defaults are not stored


def test_analysis_uses_the_map_pairs(salford: SystemMap) -> None:
    default = analyse(salford, by=["sector"], permutations=99)
    assert {(g.a, g.b) for g in default.group_gaps if g.place is None} == {
        ("central_government", "third_sector"),
        ("local_public_services", "third_sector"),
    }
    pairs = ShouldTalk({"sector": (("central_government", "third_sector"),)})
    salford.set_metadata(METADATA_KEY, should_talk_text(pairs))
    custom = analyse(salford, by=["sector"], permutations=99)
    assert {(g.a, g.b) for g in custom.group_gaps if g.place is None} == {
        ("central_government", "third_sector")
    }
    assert custom.should_talk["sector"]["source"] == "this map"
    assert default.should_talk["sector"]["source"] == "guidance defaults"
