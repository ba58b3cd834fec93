"""The matches file: written for a person to review, read back as their decisions."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from sysmap.combine.merge import merge_maps
from sysmap.combine.review_file import COLUMNS, read_matches, write_matches
from sysmap.model.errors import MapFileError
from tests.combine.helpers import CG, EW, small_map
from tests.combine.test_merge import HEALTH, JUSTICE, NAMES

MAPS = [JUSTICE, HEALTH]


def _rows(data: bytes) -> list[dict[str, str]]:
    return list(csv.DictReader(io.StringIO(data.decode("utf-8-sig"))))


def _write(path: Path, rows: list[dict[str, str]], delimiter: str = ",") -> Path:
    out = io.StringIO()
    writer = csv.DictWriter(out, COLUMNS, delimiter=delimiter)
    writer.writeheader()
    writer.writerows(rows)
    path.write_text(out.getvalue(), encoding="utf-8")
    return path


@pytest.fixture
def proposed() -> list[dict[str, str]]:
    result = merge_maps(MAPS, NAMES)
    return _rows(write_matches(result.plan, result.conflicts))


def test_uncertain_matches_come_first_then_conflicts(proposed: list[dict[str, str]]) -> None:
    kinds = [row["kind"] for row in proposed]
    order = {
        "uncertain": 0,
        "stakeholder conflict": 1,
        "relationship conflict": 1,
        "new": 2,
        "match": 3,
    }
    assert [order[k] for k in kinds] == sorted(order[k] for k in kinds)
    match = next(r for r in proposed if r["name"] == "HM Prison & Probation Service")
    assert match["decision"] == "accept"
    assert match["partner_name"] == "HMPPS"
    assert match["reason"].startswith("acronym of")
    sector = next(r for r in proposed if r["field"] == "sector")
    assert sector["decision"] == "Central government"
    assert "Third sector (health)" in sector["reason"]


def test_an_unedited_file_merges_as_the_matcher_proposed(
    proposed: list[dict[str, str]], tmp_path: Path
) -> None:
    review = read_matches(_write(tmp_path / "m.csv", proposed), MAPS, NAMES)
    reviewed = merge_maps(MAPS, NAMES, review.decisions, review.choices).map
    automatic = merge_maps(MAPS, NAMES).map
    assert list(reviewed.stakeholders()) == list(automatic.stakeholders())
    assert list(reviewed.relationships()) == list(automatic.relationships())
    assert review.decisions  # recorded as the reviewer's: they passed the file back


def test_edits_reject_accept_repartner_and_choose(
    proposed: list[dict[str, str]], tmp_path: Path
) -> None:
    for row in proposed:
        if row["name"] == "GM Probation":
            row["decision"] = "reject"
        if row["name"] == "RECONNECT":  # a person knows it is part of probation here
            row.update(decision="accept", partner_map="justice", partner_id="hmpps")
        if row["field"] == "sector":
            row["decision"] = "health"
    review = read_matches(_write(tmp_path / "m.csv", proposed, ";"), MAPS, NAMES)
    result = merge_maps(MAPS, NAMES, review.decisions, review.choices).map
    assert result.has_stakeholder("gm-probation")
    assert result.stakeholder("hmpps").attributes["also_known_as"] == "RECONNECT"
    assert result.stakeholder("dwp").sector == "third_sector"


def test_a_name_that_looks_like_a_formula_is_written_as_text(tmp_path: Path) -> None:
    hostile = small_map("B", [('=HYPERLINK("http://x")', CG, EW), ("HMPPS", CG, EW)])
    result = merge_maps([JUSTICE, hostile], ["a", "b"])
    data = write_matches(result.plan, result.conflicts)
    assert b"'=HYPERLINK" in data
    review = read_matches(_write(tmp_path / "m.csv", _rows(data)), [JUSTICE, hostile], ["a", "b"])
    assert all(key[1] in {s.id for s in hostile.stakeholders()} for key in review.decisions)


@pytest.mark.parametrize(
    ("edit", "message"),
    [
        ({"map": "finance"}, "line 2): there is no map called 'finance'"),
        ({"id": "nobody"}, "line 2): health has no stakeholder with the id 'nobody'"),
        ({"decision": "perhaps"}, "line 2): the decision 'perhaps' is neither accept nor reject"),
        (
            {"decision": "accept", "partner_map": "health", "partner_id": "reconnect"},
            "is not a stakeholder of a map before health",
        ),
        ({"map": "justice", "id": "hmpps"}, "justice is the first map"),
    ],
)
def test_a_bad_line_is_refused_with_its_number(
    proposed: list[dict[str, str]], tmp_path: Path, edit: dict[str, str], message: str
) -> None:
    row = next(r for r in proposed if r["kind"] in ("match", "uncertain", "new"))
    proposed.remove(row)
    row.update(edit)
    path = _write(tmp_path / "m.csv", [row, *proposed])
    with pytest.raises(MapFileError, match=message.replace("(", r"\(").replace(")", r"\)")):
        read_matches(path, MAPS, NAMES)


def test_a_file_that_is_not_a_matches_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.csv"
    path.write_text("Label,Type\nDWP,Department\n", encoding="utf-8")
    with pytest.raises(MapFileError, match=r"other.csv \(line 1\): it is not a matches file"):
        read_matches(path, MAPS, NAMES)


def test_a_stakeholder_decided_twice_is_refused(
    proposed: list[dict[str, str]], tmp_path: Path
) -> None:
    row = next(r for r in proposed if r["kind"] == "match")
    with pytest.raises(MapFileError, match="decided twice"):
        read_matches(_write(tmp_path / "m.csv", [*proposed, row]), MAPS, NAMES)
