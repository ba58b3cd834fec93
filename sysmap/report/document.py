"""The report as one HTML document: title, summary, map, findings, charts and tables.

Everything is inline — the stylesheet in ``<style>``, every picture a ``data:`` URI — and
there is no script, so the file opens the same in any browser, offline, and fetches nothing.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import datetime
from html import escape

from sysmap import __version__
from sysmap.analysis import AnalysisResult, Finding
from sysmap.analysis.glossary import GLOSSARY, terms_in
from sysmap.analysis.grouping import attribute_label
from sysmap.analysis.wording import count, listing
from sysmap.canvas.finding_list import Section, by_section, numbers_of, visible_findings
from sysmap.model.system_map import SystemMap
from sysmap.report.comparison import ReportComparison, comparison_section
from sysmap.report.pictures import ChartPicture, Pictures
from sysmap.report.printed import chart_print_mm, figure_html, printed_map
from sysmap.report.style import CSS
from sysmap.report.tables import comparison_table, relationship_table, stakeholder_table

CONTENT_POLICY = (
    "default-src 'none'; img-src data:; style-src 'unsafe-inline'; base-uri 'none'; "
    "form-action 'none'"
)
"""What a browser may load for the report: its own pictures and styles, nothing from a
network, whatever a map's text might smuggle in (the report is written offline, read
anywhere)."""
SEVERITY_WORDS = {"high": "High", "medium": "Medium", "low": "Low", "info": "Note"}
THEME_SECTIONS = {
    "silos": ("silos",),
    "missing-links": ("links", "gaps"),
    "brokers": ("brokers", "fragility"),
    "citizen": ("citizen",),
}
"""Which findings section each overlay picture illustrates (the first one present)."""


def html_document(
    system_map: SystemMap,
    result: AnalysisResult,
    pictures: Pictures,
    charts: Sequence[ChartPicture],
    generated: datetime,
    compared: ReportComparison | None = None,
) -> str:
    """Assemble the report (with a section on what changed, when ``compared``)."""
    findings = visible_findings(result, system_map)
    sections = by_section(findings)
    changes = comparison_section(compared) if compared is not None else ""
    parts = [
        _head(system_map.title),
        _title(system_map, result, generated),
        _contents(sections, bool(charts), compared),
        '<main id="main">',
        _summary(result, findings),
        _map(system_map, pictures),
        region("changes", changes) if changes else "",
        _findings(sections, pictures),
        _charts(charts),
        _tables(system_map),
        _to_be(result),
        _glossary(findings, charts),
        "</main>",
        _method(result),
        "</body>\n</html>\n",
    ]
    return "\n".join(p for p in parts if p)


def _head(title: str) -> str:
    return (
        '<!DOCTYPE html>\n<html lang="en-GB">\n<head>\n<meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{CONTENT_POLICY}">\n'
        '<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)} — sysmap report</title>\n<style>{CSS}</style>\n</head>\n<body>"
    )


def _title(system_map: SystemMap, result: AnalysisResult, generated: datetime) -> str:
    attributes = listing([attribute_label(a) for a in result.groups]) or "no grouping"
    scenario = (
        "the to-be map (proposed relationships counted as working ties)"
        if result.map.scenario == "to-be"
        else "the map as it is (proposed relationships not counted)"
    )
    when = f"{generated.day} {generated:%B %Y}, {generated:%H:%M}"
    description = (
        f'<p class="lead">{escape(system_map.description)}</p>' if system_map.description else ""
    )
    return (
        f"<header><h1>{escape(system_map.title)}</h1>\n"
        f'<p class="meta">Systems map report · {escape(when)} · grouped by {escape(attributes)} '
        f"· analysing {escape(scenario)}</p>\n{description}</header>"
    )


def _summary(result: AnalysisResult, findings: Sequence[Finding]) -> str:
    serious = sum(1 for f in findings if f.severity == "high")
    summary = result.map
    items = [
        (f"{summary.stakeholders:,}", "stakeholders"),
        (f"{summary.relationships:,}", "relationships recorded"),
        (f"{summary.ties:,}", "working ties counted"),
        (
            f"{summary.components:,}",
            "separate part" if summary.components == 1 else "separate parts",
        ),
        (f"{len(findings):,}", "findings"),
        (f"{serious:,}", "serious"),
    ]
    cells = "".join(f"<li><b>{escape(v)}</b> {escape(k)}</li>" for v, k in items)
    return f'<ul class="summary">{cells}</ul>'


def _contents(
    sections: Sequence[tuple[Section, list[Finding]]],
    charts: bool,
    compared: ReportComparison | None = None,
) -> str:
    entries = [("map", "The map")]
    if compared is not None:
        entries.append(("changes", f"Changes since {compared.comparison.names[0]}"))
    entries += [(f"findings-{s.key}", s.title) for s, _ in sections]
    if charts:
        entries.append(("charts", "Charts"))
    entries += [("stakeholders", "Stakeholders"), ("relationships", "Relationships")]
    items = "".join(f'<li><a href="#{k}">{escape(t)}</a></li>' for k, t in entries)
    return (
        '<nav aria-labelledby="contents"><h2 id="contents" class="nav-title">Contents</h2>'
        f"<ol>{items}</ol></nav>"
    )


def region(heading_id: str, body: str) -> str:
    """A labelled region of the report: a ``<section>`` named by its heading (``id``)."""
    return f'<section aria-labelledby="{heading_id}">{body}</section>'


def _map(system_map: SystemMap, pictures: Pictures) -> str:
    caption = (
        "The map as drawn in sysmap, coloured by sector, with its legend. Lines: active "
        "relationships solid, weak ones dotted, missing ones red dashed with a bar near the end, "
        "proposed ones blue dash-dotted with a dot."
    )
    picture = figure_html(pictures.map, f"Map of {system_map.title}", caption, "map")
    parts = printed_map(pictures.prints.get("map"), "the map")
    return region("map", f'<h2 id="map">The map</h2>\n{picture}{parts}')


def _findings(sections: Sequence[tuple[Section, list[Finding]]], pictures: Pictures) -> str:
    present = [s.key for s, _ in sections]
    placed: dict[str, list[tuple[str, bytes, str]]] = {}
    for theme, (title, png) in pictures.themes.items():
        home = next((key for key in THEME_SECTIONS[theme] if key in present), None)
        if home is not None:
            parts = printed_map(
                pictures.prints.get(theme), f"the map with {title[0].lower()}{title[1:]}"
            )
            placed.setdefault(home, []).append((title, png, parts))
    blocks = ['<h2 id="findings">Findings</h2>']
    if not sections:
        blocks.append("<p>The analysis found nothing to report on this map.</p>")
    for section, findings in sections:
        key = f"findings-{section.key}"
        blocks.append(
            f'<section aria-labelledby="{key}"><h3 id="{key}">{escape(section.title)}</h3>'
        )
        blocks.append(f'<p class="muted">{escape(section.blurb)}</p>')
        for title, png, parts in placed.get(section.key, []):
            kind = "map whole" if parts else "map"  # printed as its parts alone
            blocks.append(figure_html(png, title, f"On the map — {title}.", kind) + parts)
        links = [f for f in findings if f.kind == "suggested_link"]
        blocks += [_finding(f, links.index(f) + 1 if f in links else None) for f in findings]
        blocks.append("</section>")
    return region("findings", "\n".join(blocks))


def _finding(finding: Finding, rank: int | None = None) -> str:
    numbers = "".join(
        f"<span>{escape(name)}: <b>{escape(value)}</b></span>"
        for name, value in numbers_of(finding)
    )
    numbers_html = f'<div class="numbers">{numbers}</div>' if numbers else ""
    measure = (
        f'<p class="measure">Measure: {escape(finding.measure)}</p>' if finding.measure else ""
    )
    severity = SEVERITY_WORDS.get(finding.severity, finding.severity)
    # Suggested links carry the number they have on the missing-links picture.
    number = f'<span class="rank" title="Number on the map">{rank}</span>' if rank else ""
    why = (
        f'<p class="measure">Why it ranks here: {escape(finding.rank_reason)}</p>'
        if finding.rank_reason
        else ""
    )
    return (
        f'<article class="finding {escape(finding.severity)}">'
        f'<h4><span class="severity">{escape(severity)}</span>{number}{escape(finding.title)}</h4>'
        f"<p>{escape(finding.explanation)}</p>{numbers_html}{why}{measure}</article>"
    )


def _glossary(findings: Sequence[Finding], charts: Sequence[ChartPicture]) -> str:
    """A plain line on each technical word the report uses (the shared glossary)."""
    texts = [t for f in findings for t in (f.title, f.explanation, f.measure)]
    texts += list(CHART_CAPTIONS.values()) if charts else []
    used = terms_in(texts)
    if not used:
        return ""
    items = "".join(f"<dt>{escape(t)}</dt><dd>{escape(GLOSSARY[t])}</dd>" for t in used)
    return (
        f'<section class="glossary" aria-labelledby="words"><h2 id="words">Words used</h2>'
        f"<dl>{items}</dl></section>"
    )


CHART_CAPTIONS = {
    "ties": "Relationships within (the diagonal) and between {groups}: active and weak "
    "relationships, each counted once.",
    "ties_ratio": "Ties between {groups} divided by what random ties with the same "
    "connectedness would give (configuration model, Newman 2010). Red: fewer than expected; "
    "0× where ties were expected is a gap; — where under half a tie would be expected.",
    "ei": "Each group's E-I index (Krackhardt & Stern 1988) against random mixing: the tick is "
    "the expected value, the grey band holds 95% of shuffles of the group labels. A dot left "
    "of its band keeps to itself more than chance would; p is the permutation p-value.",
    "betweenness": "Share of the shortest routes between other stakeholders that run through "
    "each (Freeman 1977); bars in sector colours.",
    "degree": "How many other stakeholders each works with; bars in sector colours.",
}


CHART_NAMES = {
    "ties": "ties within and between groups",
    "ties_ratio": "ties against random",
    "ei": "E-I index",
    "betweenness": "brokers",
    "degree": "connections",
}
"""Short names of the charts, to tell their tables apart."""


def _charts(charts: Sequence[ChartPicture]) -> str:
    if not charts:
        return ""
    blocks = ['<section class="charts" aria-labelledby="charts"><h2 id="charts">Charts</h2>']
    last = None
    for chart in charts:
        if chart.attribute != last and chart.attribute is not None:
            blocks.append(f"<h3>By {escape(attribute_label(chart.attribute))}</h3>")
        elif chart.attribute is None and last is not None:
            blocks.append("<h3>Brokers and connections</h3>")
        last = chart.attribute
        groups = attribute_label(chart.attribute or "group") + "s"
        caption = CHART_CAPTIONS[chart.kind].format(groups=groups)
        blocks.append(figure_html(chart.png, caption, caption, print_mm=chart_print_mm(chart.png)))
        if chart.table:
            by = f" by {attribute_label(chart.attribute)}" if chart.attribute else ""
            label = f"The numbers of the chart: {CHART_NAMES[chart.kind]}{by}"
            blocks.append(scrolling(chart.table, label))
    blocks.append("</section>")
    return "\n".join(blocks)


def scrolling(table_html: str, label: str) -> str:
    """A table that scrolls sideways on a narrow screen rather than breaking its words; the
    scrolling box takes the keyboard focus so it can be scrolled without a mouse."""
    return (
        f'<div class="scroll" role="region" aria-label="{escape(label)}" tabindex="0">'
        f"{table_html}</div>"
    )


def _tables(system_map: SystemMap) -> str:
    stakeholders = f"Stakeholders ({system_map.stakeholder_count:,})"
    relationships = f"Relationships ({system_map.relationship_count:,})"
    return (
        '<div class="tables">'
        + region(
            "stakeholders",
            f'<h2 id="stakeholders">{stakeholders}</h2>\n'
            + scrolling(stakeholder_table(system_map), f"Table of {stakeholders.lower()}"),
        )
        + region(
            "relationships",
            f'<h2 id="relationships">{relationships}</h2>\n'
            + scrolling(relationship_table(system_map), f"Table of {relationships.lower()}"),
        )
        + "</div>"
    )


def _to_be(result: AnalysisResult) -> str:
    comparison = comparison_table(result)
    if not comparison or result.comparison is None:
        return ""
    proposed = count(len(result.comparison.proposed), "proposed relationship")
    return region(
        "to-be",
        '<h2 id="to-be">As is and to be</h2>\n'
        f"<p>What making the {proposed} would change.</p>\n"
        + scrolling(comparison, "What the proposed relationships would change"),
    )


def _method(result: AnalysisResult) -> str:
    settings = result.settings
    return (
        "<footer><p><b>How this was worked out.</b> Working ties are active and weak "
        "relationships (weak ones count half); missing relationships never count and proposed "
        "ones count only in the to-be map. Direction is set aside, and a relationship drawn "
        "both ways counts once; a tie's strength adds up its relationships' weights. National "
        "places are one national tier. "
        + "".join(f"{escape(note)} " for note in result.notes)
        + "p-values come from "
        f"{int(settings.get('permutations', 0)):,} shuffles of the group labels (seed "
        f"{settings.get('seed', '')}); the same map and seed always give the same report. Each "
        "finding names the published measure behind it.</p>"
        f"<p>Made with sysmap {escape(__version__)}. Nothing in this file is loaded from the "
        "internet.</p></footer>"
    )
