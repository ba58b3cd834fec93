"""PRSM: plain and lz-string-compressed maps, and PRSM's Factors/Links workbook."""

from __future__ import annotations

import json
from collections import Counter
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sysmap.io import load_map
from sysmap.io.lzstring import LZStringError, decompress_from_utf16
from sysmap.model import MapFileError
from tests.io.lz_compress import compress_to_utf16


def test_prsm_191_plain_json(interop_dir: Path) -> None:
    result = load_map(interop_dir / "prsm-1.9.1_supply-chain_plain-json.prsm")
    m = result.map
    assert (m.stakeholder_count, m.relationship_count) == (16, 26)
    assert result.format == "PRSM map (version 1.9.1)"
    assert m.title == "Supply Chain and Logistics System"
    labels = {s.label for s in m.stakeholders()}
    # PRSM draws a label over the lines its author broke it into; sysmap keeps them.
    assert "Staff engagement &\namount of information provision" in labels
    assert not [s.id for s in m.stakeholders() if len(s.id) == 36 and s.id.count("-") == 4]
    focal = next(s for s in m.stakeholders() if s.label.startswith("Energy efficiency"))
    assert (focal.x, focal.y, focal.colour) == (-86.0, 47.0, "#FFFF99")
    assert focal.attributes["style"] == "Focal Factor"
    assert Counter(s.attributes["style"] for s in m.stakeholders()) == {
        "Intermediate factors": 10,
        "Focal Factor": 4,
        "Policy actions": 2,
    }
    assert sum(bool(s.description) for s in m.stakeholders()) == 4  # the notes
    assert "Need to motivate the staff" in {s.description for s in m.stakeholders()}
    assert not result.unpositioned
    # Arrows come from the link styles; the styles' legend names are the relationship types.
    assert all(r.directed for r in m.relationships())
    assert Counter(r.relation for r in m.relationships()) == {
        "Positive influence": 16,
        None: 7,
        "Reciprocal influence": 2,
        "Negative influence": 1,
    }


def test_prsm_303_compressed(interop_dir: Path) -> None:
    path = interop_dir / "prsm_cluster-example_lz-compressed.prsm"
    assert not path.read_text(encoding="utf-8").startswith("{")
    result = load_map(path)
    m = result.map
    assert (m.stakeholder_count, m.relationship_count) == (6, 7)
    assert result.format == "PRSM map (version 3.0.3)"
    assert m.title == "Example map"
    climate = next(s for s in m.stakeholders() if s.label == "Climate change")
    assert (climate.x, climate.y, climate.colour) == (-250.0, -400.0, "#9ADBB4")
    assert climate.attributes["shape"] == "box"
    assert {s.label for s in m.stakeholders()} >= {"Climate change", "Drought"}
    assert all(r.directed for r in m.relationships())  # each edge's own arrows ('to', vee)
    assert all(s.colour for s in m.stakeholders())
    assert not result.unpositioned


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=400) | st.text(alphabet='ab{}":, ', max_size=3000))
def test_lz_string_decompression_inverts_compress_to_utf16(text: str) -> None:
    assert decompress_from_utf16(compress_to_utf16(text)) == text


def test_lz_string_refuses_truncated_and_overlong_input() -> None:
    packed = compress_to_utf16(json.dumps({"nodes": ["x" * 50] * 100}))
    with pytest.raises(LZStringError):
        decompress_from_utf16(packed[: len(packed) // 2])
    with pytest.raises(LZStringError, match="expands to more than"):
        decompress_from_utf16(compress_to_utf16("a" * 100_000), max_chars=1_000)
    with pytest.raises(LZStringError):
        decompress_from_utf16("\x01\x02")


def prsm_document(**overrides: object) -> dict:
    document = {
        "version": "2.0.0",
        "mapTitle": "Reoffending",
        "attributeTitles": {"att1": "Budget"},
        "styles": {
            "nodes": {
                "group1": {"groupLabel": "Statutory", "color": {"background": "rgb(0,114,178)"}}
            },
            "edges": {"edge1": {"groupLabel": "Funds", "arrows": "to"}},
        },
        "nodes": [
            {"id": "u1", "label": "Probation\nService", "grp": "group1", "x": 1, "y": 2, "att1": 5},
            {
                "id": "u2",
                "label": "Prison",
                "x": 3,
                "y": 4,
                "color": {"background": "white"},
                "note": {"ops": [{"insert": "Category C\n"}]},
            },
        ],
        "edges": [
            {"id": "e1", "from": "u1", "to": "u2", "grp": "edge1"},
            {"id": "e2", "from": "u1", "to": "u2", "arrows": {"from": {"enabled": True}}},
            {"id": "e3", "from": "u2", "to": "u1", "label": "talks to", "arrows": {}},
        ],
    }
    document.update(overrides)
    return document


def test_prsm_styles_notes_attributes_and_arrows(tmp_path: Path) -> None:
    path = tmp_path / "map.prsm"
    path.write_text(compress_to_utf16(json.dumps(prsm_document())), encoding="utf-8")
    m = load_map(path).map
    probation = m.stakeholder("probation-service")
    assert probation.label == "Probation\nService"  # PRSM's line break is kept
    assert probation.colour == "#0072B2"
    assert probation.attributes == {"style": "Statutory", "Budget": 5}
    prison = m.stakeholder("prison")
    assert (prison.colour, prison.description) == ("#FFFFFF", "Category C")
    rels = {r.relation or r.attributes.get("link label", ""): r for r in m.relationships()}
    assert rels["funds"].directed is True  # the style "Funds" is sysmap's own type
    # An arrow only at the start runs the other way; no arrows at all is mutual.
    backwards = next(r for r in m.relationships() if r.relation is None)
    assert (backwards.source, backwards.target) == ("prison", "probation-service")
    assert rels["talks to"].directed is False


def test_a_plain_prsm_file_named_json_is_still_prsm(tmp_path: Path) -> None:
    path = tmp_path / "workshop.json"
    path.write_text(json.dumps(prsm_document()), encoding="utf-8")
    assert load_map(path).format == "PRSM map (version 2.0.0)"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ('{"version": "1", "room": "x", "nodes": 3}', "not a PRSM map"),
        ("\u1be1\u083d\u420c", "sysmap can unpack"),
        ('{"room": "x", "version": "1", "nodes": [{"label": "a"}], "edges": []}', "PRSM's shape"),
    ],
)
def test_broken_prsm_is_refused_with_a_sentence(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bad.prsm"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(MapFileError, match=message):
        load_map(path)


def test_prsm_excel_layout(tmp_path: Path) -> None:
    # As PRSM's exportExcel writes it: lower-case keys from its nodes, Note for notes.
    book = openpyxl.Workbook()
    factors = book.active
    factors.title = "Factors"
    factors.append(["label", "x", "y", "shape", "style", "Note", "creator", "Budget"])
    factors.append(["Council", 10, 20, "box", 1, "Owns the problem", "Ann", 3.5])
    factors.append(["Housing association", -5, 0, "ellipse", 2, None, "Ann", None])
    links = book.create_sheet("Links")
    links.append(["from", "to", "label", "style", "Note"])
    links.append(["Council", "Housing association", "commissions", 1, "Since 2019"])
    path = tmp_path / "prsm-export.xlsx"
    book.save(path)
    result = load_map(path)
    m = result.map
    assert result.format == "PRSM spreadsheet (Factors and Links)"
    council = m.stakeholder("council")
    assert (council.x, council.y, council.description) == (10.0, 20.0, "Owns the problem")
    assert council.attributes == {"shape": "box", "style": 1, "creator": "Ann", "Budget": 3.5}
    (link,) = m.relationships()
    assert (link.relation, link.description) == ("commissions", "Since 2019")
