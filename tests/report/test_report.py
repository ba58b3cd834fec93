"""The HTML report: self-contained, complete (every finding, stakeholder and relationship),
with real pictures and charts, and laid out to print on A4."""

from __future__ import annotations

import re
from datetime import datetime

import pytest

from sysmap.analysis import analyse
from sysmap.canvas.finding_list import visible_findings
from sysmap.io import EXAMPLES
from sysmap.model import Relationship
from sysmap.report import build_report, write_report
from sysmap.workspace import open_map
from tests.report.conftest import parse_report

PNG = b"\x89PNG\r\n\x1a\n"
WHEN = datetime(2025, 3, 14, 9, 30)


def assert_self_contained(html: str) -> None:
    """Nothing in the report reaches outside the file."""
    parsed = parse_report(html)
    for name in ("src", "href", "srcset", "data", "poster", "action"):
        for value in parsed.attributes(name):
            assert not re.match(r"\s*(https?:)?//", value, re.I), f"{name}={value[:80]}"
            assert value.startswith(("data:image/png;base64,", "#")), f"{name}={value[:80]}"
    css = " ".join(parsed.styles)
    assert "url(" not in css
    assert "@import" not in css
    tags = [tag for tag, _ in parsed.tags]
    assert "script" not in tags
    assert "link" not in tags
    assert "iframe" not in tags
    assert not re.search(r"<script[^>]*\bsrc=", html, re.I)
    assert not re.search(r"<link[^>]*rel=.?stylesheet", html, re.I)


@pytest.fixture(scope="module", params=[e.name for e in EXAMPLES])
def example_report(request):  # type: ignore[no-untyped-def]
    system_map = open_map(request.param).map
    result = analyse(system_map, permutations=199)
    html = build_report(system_map, result, generated=WHEN)
    return system_map, result, html


def test_every_example_report_is_self_contained(example_report) -> None:
    _map, _result, html = example_report
    assert_self_contained(html)


def test_every_example_report_holds_every_finding_title(example_report) -> None:
    system_map, result, html = example_report
    text = parse_report(html).plain
    findings = visible_findings(result, system_map)
    assert findings
    for finding in findings:
        assert finding.title in text, finding.title
        assert finding.explanation in text, finding.explanation


def test_report_has_title_date_map_charts_and_tables(example_report) -> None:
    system_map, result, html = example_report
    parsed = parse_report(html)
    text = parsed.plain
    assert parsed.tags[0][0] == "html"
    assert system_map.title in text
    assert "14 March 2025, 09:30" in text
    images = parsed.images()
    alts = parsed.attributes("alt")
    printed = sum(1 for alt in alts if "enlarged" in alt or alt.startswith("Legend of"))
    assert printed >= 2 * 5  # each map's legend and parts, printed at a readable size
    # The map, one picture per overlay theme, three charts per grouping and two rankings.
    assert len(images) == 1 + 4 + 3 * len(result.groups) + 2 + printed
    assert all(image.startswith(PNG) and len(image) > 10_000 for image in images)
    for stakeholder in system_map.stakeholders():
        assert stakeholder.label in text
    rows = [t for t, _ in parsed.tags if t == "tr"]
    # Header rows of two tables, then one row per stakeholder and per relationship.
    assert len(rows) >= 2 + system_map.stakeholder_count + system_map.relationship_count
    for label in result.group_labels["sector"].values():
        assert label in text  # chart captions and tables name groups as people do
    alts = parsed.attributes("alt")
    assert any("Map of" in alt for alt in alts)


def test_report_prints_on_a4_without_cutting_tables(example_report) -> None:
    _map, _result, html = example_report
    css = " ".join(parse_report(html).styles)
    assert re.search(r"@page\s*{[^}]*size:\s*A4", css)
    assert "@media print" in css
    assert "thead { display: table-header-group; }" in css  # headers repeat on every page
    assert re.search(r"tr\s*{[^}]*break-inside:\s*avoid", css)
    assert re.search(r"table\s*{[^}]*table-layout:\s*fixed", css)  # never wider than the page
    assert re.search(r"\.finding\s*{[^}]*break-inside:\s*avoid", css, re.S)


def test_proposed_links_bring_the_as_is_and_to_be_table(tmp_path) -> None:
    system_map = open_map("reoffending").map
    link = next(
        f
        for f in visible_findings(analyse(system_map, permutations=99), system_map)
        if f.kind == "suggested_link"
    )
    source, target = link.highlight.suggested[0]
    system_map.add_relationship(
        Relationship(source, target, "partners", status="proposed", evidence=link.explanation)
    )
    out = write_report(system_map, tmp_path / "to-be.html", permutations=99, generated=WHEN)
    html = out.read_text(encoding="utf-8")
    text = parse_report(html).plain
    assert "As is and to be" in text
    assert "What making the 1 proposed relationship would change" in text
    # The accepted suggestion is done with: it is no longer suggested.
    assert link.title not in text
    assert_self_contained(html)


def test_dismissed_links_are_left_out(tmp_path) -> None:
    system_map = open_map("addiction").map
    result = analyse(system_map, permutations=99)
    links = [f for f in visible_findings(result, system_map) if f.kind == "suggested_link"]
    source, target = links[0].highlight.suggested[0]
    system_map.set_metadata("dismissed_links", f'[["{source}", "{target}"]]')
    text = parse_report(build_report(system_map, result, generated=WHEN)).plain
    assert links[0].title not in text
    assert links[1].title in text


def test_to_be_scenario_is_named(tmp_path) -> None:
    system_map = open_map("levelling-up").map
    html = build_report(system_map, scenario="to-be", by=["sector"], permutations=99)
    text = parse_report(html).plain
    assert "analysing the to-be map" in text
    assert "grouped by sector ·" in text


def test_every_example_report_explains_its_words_and_its_ranking(example_report) -> None:
    from sysmap.analysis.glossary import GLOSSARY

    _map, result, html = example_report
    text = " ".join(parse_report(html).plain.split())
    assert "Words used" in text
    assert GLOSSARY["E-I index"][:40] in text
    key = next(f for f in result.findings if f.key)
    assert f"Why it ranks here: {key.rank_reason}" in text
    assert "a relationship drawn both ways counts once" in text


def test_every_example_report_has_landmarks_and_labelled_regions(example_report) -> None:
    _map, _result, html = example_report
    parsed = parse_report(html)
    tags = [tag for tag, _ in parsed.tags]
    assert tags.count("main") == 1
    assert tags.count("nav") == 1
    assert tags.count("header") == 1
    assert tags.count("footer") == 1
    assert tags.index("header") < tags.index("nav") < tags.index("main") < tags.index("footer")
    ids = set(parsed.attributes("id"))
    sections = [attrs for tag, attrs in parsed.tags if tag == "section"]
    assert sections
    for attrs in sections:  # each section is a region named by its own heading
        assert attrs.get("aria-labelledby") in ids, attrs
    regions = [attrs["aria-label"] for _tag, attrs in parsed.tags if attrs.get("role") == "region"]
    assert len(regions) == len(set(regions)), "two regions with the same name"
    # The main content sits in main; nothing but header, nav and footer outside it.
    body = html.split("<body>", 1)[1]
    outside = re.sub(r"<(header|nav|main|footer)\b.*?</\1>", "", body, flags=re.S)
    assert re.sub(r"<[^>]+>|\s", "", outside) == ""


def test_every_chart_is_also_a_table_of_its_numbers(example_report) -> None:
    _map, result, html = example_report
    parsed = parse_report(html)
    chart_tables = [a for t, a in parsed.tags if t == "table" and a.get("class") == "chart-data"]
    assert len(chart_tables) == 3 * len(result.groups) + 2  # one for each chart picture
    text = parsed.plain
    assert "E-I index" in text
    for label in result.group_labels["sector"].values():
        assert label in text
    # Numbers are there as text: the E-I table of sectors holds each sector's E-I value.
    matrix_rows = re.findall(r'<tr><th scope="row">([^<]+)</th>', html)
    assert len(matrix_rows) >= len(result.group_labels["sector"])


def test_report_tables_keep_words_whole_on_a_phone(example_report) -> None:
    _map, _result, html = example_report
    css = " ".join(parse_report(html).styles)
    assert "anywhere" not in css  # overflow-wrap: anywhere broke "refers" into "refer s"
    assert "hyphens: auto" not in css
    assert re.search(r"@media \(max-width: 700px\)\s*{[^@]*\.scroll table", css)
    assert 'class="scroll" role="region"' in html
    assert 'tabindex="0"' in html  # a scrolling table can be scrolled from the keyboard
