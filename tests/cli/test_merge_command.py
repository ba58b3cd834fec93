"""``sysmap merge``: the workshop's three tables back into one map, reviewed through a CSV."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest

from sysmap.cli.main import main
from sysmap.io import WORKSHOP_TABLES, find_example, load_map

TABLES = [t.name for t in WORKSHOP_TABLES]


def run(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    code = main(argv)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def review(path: Path) -> None:
    """Decide as the workshop's facilitator would: every uncertain match is right, "Courts"
    are the Magistrates' & Crown Courts, and the prison leaver lives in Manchester."""
    with path.open(encoding="utf-8-sig") as handle:
        rows = list(csv.DictReader(handle))
    for row in rows:
        if row["kind"] == "uncertain":
            row["decision"] = "accept"
        if row["name"] == "Courts":
            row.update(
                decision="accept",
                partner_map="justice-table",
                partner_id="magistrates-crown-courts",
            )
        if row["kind"] == "stakeholder conflict" and row["field"] == "place":
            row["decision"] = "Manchester"
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


def test_review_first_then_merge_gives_back_the_whole_system(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out, matches = tmp_path / "merged.graphml", tmp_path / "matches.csv"
    command = ["merge", *TABLES, "-o", str(out), "--matches", str(matches)]
    code, said, _ = run(command, capsys)
    assert code == 0
    assert "(5 uncertain, listed first)" in said
    assert matches.exists()
    assert not out.exists()
    review(matches)
    code, said, err = run(command, capsys)
    assert (code, err) == (0, "")
    assert "into 41 stakeholders and 63 relationships" in said
    assert "6 merged and 0 kept apart by your review" in said
    merged = load_map(out).map
    original = load_map(find_example("reoffending").path).map  # type: ignore[union-attr]
    assert merged.stakeholder_count == original.stakeholder_count
    assert merged.relationship_count == original.relationship_count
    assert sorted(r.relation or "" for r in merged.relationships()) == sorted(
        r.relation or "" for r in original.relationships()
    )
    twice = [r for r in merged.relationships() if r.attributes["seen_by"] == 2]
    assert len(twice) == 7
    assert all("|" in str(r.attributes["said_by"]) for r in twice)
    leaver = next(s for s in merged.stakeholders() if s.label == "Prison leaver on licence")
    assert leaver.place == "Manchester"
    assert leaver.attributes["source_maps"] == "justice-table|health-table|community-table"
    record = json.loads(str(merged.metadata["merge_record"]))
    assert {m["name"] for m in record["maps"]} == {
        "justice-table",
        "health-table",
        "community-table",
    }


def test_without_review_uncertain_matches_stay_apart_and_the_command_says_so(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "merged.json"
    code, said, _ = run(["merge", *TABLES, "-o", str(out)], capsys)
    assert code == 0
    assert "5 uncertain left apart until reviewed" in said
    assert "Review the 5 uncertain matches, and settle the conflicts, with --matches FILE." in said
    assert "kept the first map's Salford" in said
    assert json.loads(out.read_text(encoding="utf-8"))["nodes"]


def test_a_map_given_twice_is_refused_in_a_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(["merge", TABLES[0], TABLES[0], "-o", str(tmp_path / "m.graphml")], capsys)
    assert code == 1
    assert err.startswith("sysmap: reoffending-justice is given twice")
    assert "Traceback" not in err


def test_one_map_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as stopped:
        main(["merge", TABLES[0], "-o", str(tmp_path / "m.graphml")])
    assert stopped.value.code == 2


def test_a_broken_matches_file_is_refused_with_its_line(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    matches = tmp_path / "matches.csv"
    command = ["merge", *TABLES, "-o", str(tmp_path / "m.graphml"), "--matches", str(matches)]
    run(command, capsys)
    lines = matches.read_text(encoding="utf-8-sig").splitlines()
    lines[2] = lines[2].replace("health-table", "finance-table", 1)
    matches.write_text("\n".join(lines), encoding="utf-8")
    code, _, err = run(command, capsys)
    assert code == 1
    assert f"Cannot open {matches} (line 3): there is no map called 'finance-table'" in err
    assert not (tmp_path / "m.graphml").exists()


def test_a_missing_map_file_is_refused_in_a_sentence(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    code, _, err = run(
        ["merge", TABLES[0], "nowhere.graphml", "-o", str(tmp_path / "m.graphml")], capsys
    )
    assert code == 1
    assert "nowhere.graphml" in err
    assert "Traceback" not in err
