"""The report's "Changes since …" section, when it is given an earlier map."""

from __future__ import annotations

from pathlib import Path

import pytest

from sysmap.cli.main import main
from sysmap.io import save_map
from sysmap.model import Relationship, Stakeholder
from sysmap.report import build_report
from sysmap.workspace import open_map
from tests.report.conftest import parse_report
from tests.report.test_report import assert_self_contained


def test_a_report_given_an_earlier_map_says_what_changed() -> None:
    before = open_map("levelling-up").map
    after = before.copy()
    after.remove_stakeholder("vcs-body")
    hostile = after.add_stakeholder(
        Stakeholder("<script>alert(1)</script> forum", sector="citizens", x=400.0, y=900.0)
    )
    after.add_relationship(Relationship(hostile.id, "mbc", "advocates"))
    after.update_stakeholder("college", place="Tees Valley")
    html = build_report(
        after, by=["sector"], permutations=50, compare_with=(before, "levelling-up-2024")
    )
    assert_self_contained(html)
    assert "<script>" not in html
    report = parse_report(html)
    text = report.plain
    assert "Changes since levelling-up-2024" in text  # in the contents and as a heading
    assert "Stakeholders: 1 added, 1 removed, 1 changed" in text
    assert "<script>alert(1)</script> forum" in text  # shown as written, as text
    assert "place: Middlesbrough → Tees Valley" in text
    assert "What changed in the analysis" in text
    assert "#changes" in report.attributes("href")
    plain = build_report(after, by=["sector"], permutations=50)
    assert len(report.images()) == len(parse_report(plain).images()) + 1


def test_report_command_compare(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    before = open_map("addiction").map
    after = before.copy()
    after.update_relationship(after.relationship_ids()[0], status="missing")
    old = tmp_path / "addiction-2024.graphml"
    save_map(before, old)
    new = tmp_path / "addiction-2025.graphml"
    save_map(after, new)
    out = tmp_path / "report.html"
    argv = ["report", str(new), "--compare", str(old), "-o", str(out), "--permutations", "50"]
    assert main(argv) == 0
    text = parse_report(out.read_text(encoding="utf-8")).plain
    assert "Changes since addiction-2024" in text
    assert "1 changed, 56 the same" in text
    assert "Active → Missing" in text
