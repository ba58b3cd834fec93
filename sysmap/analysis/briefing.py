"""The analysis as a briefing for a policy lead: plain text for a terminal, Markdown for papers.

Both renderings are built from the same blocks (headings, paragraphs, lists, tables), so they
always say the same thing. They lead with the ranked findings, then give a short section per
topic with its top entries; the JSON output holds everything.
"""

from __future__ import annotations

import math
import textwrap
from collections.abc import Sequence
from dataclasses import dataclass

from sysmap.analysis.analysis_result import AnalysisResult
from sysmap.analysis.glossary import GLOSSARY, terms_in
from sysmap.analysis.ranking import CLASS_HEADINGS
from sysmap.analysis.wording import count, decimal, listing, one_line, p_value, signed

TOP_FINDINGS = 12
_SEVERITY_WORDS = {"high": "High", "medium": "Medium", "low": "Low", "info": "Note"}
TOP_ITEMS = 5
TOP_WEAK = 20
WIDTH = 88


@dataclass(frozen=True)
class Heading:
    text: str
    level: int = 2


@dataclass(frozen=True)
class Paragraph:
    text: str


@dataclass(frozen=True)
class Bullets:
    items: tuple[str, ...]
    numbered: bool = False


@dataclass(frozen=True)
class Table:
    headers: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


Block = Heading | Paragraph | Bullets | Table


def render_text(result: AnalysisResult) -> str:
    """The briefing as plain text (88 columns)."""
    lines: list[str] = []
    for block in briefing_blocks(result):
        if isinstance(block, Heading):
            rule = "=" if block.level == 1 else "-"
            lines += ["", block.text, rule * len(block.text)]
        elif isinstance(block, Paragraph):
            lines += ["", *textwrap.wrap(block.text, WIDTH)]
        elif isinstance(block, Bullets):
            lines.append("")
            for n, item in enumerate(block.items, 1):
                mark = f"{n:>2}. " if block.numbered else "  - "
                wrapped = textwrap.wrap(item, WIDTH - len(mark))
                lines.append(mark + wrapped[0])
                lines += [" " * len(mark) + rest for rest in wrapped[1:]]
        else:
            lines += ["", *_text_table(block)]
    return "\n".join(lines).strip("\n") + "\n"


def render_markdown(result: AnalysisResult) -> str:
    """The briefing as Markdown, for pasting into documents."""
    parts: list[str] = []
    for block in briefing_blocks(result):
        if isinstance(block, Heading):
            parts.append("#" * block.level + " " + _md(block.text))
        elif isinstance(block, Paragraph):
            parts.append(_md(block.text))
        elif isinstance(block, Bullets):
            parts.append(
                "\n".join(
                    f"{f'{n}.' if block.numbered else '-'} {_md(item)}"
                    for n, item in enumerate(block.items, 1)
                )
            )
        else:
            header = "| " + " | ".join(_md(h) for h in block.headers) + " |"
            rule = "|" + "|".join("---" for _ in block.headers) + "|"
            rows = ["| " + " | ".join(_md(c) for c in row) + " |" for row in block.rows]
            parts.append("\n".join([header, rule, *rows]))
    return "\n\n".join(parts) + "\n"


def _md(text: str) -> str:
    return one_line(text).replace("|", "\\|").replace("*", "\\*").replace("_", "\\_")


def _text_table(table: Table) -> list[str]:
    table = Table(
        tuple(one_line(h) for h in table.headers),
        tuple(tuple(one_line(c) for c in row) for row in table.rows),
    )
    widths = [
        max(len(r[i]) for r in (table.headers, *table.rows)) for i in range(len(table.headers))
    ]

    def line(cells: Sequence[str]) -> str:
        return (
            "  "
            + "  ".join(
                c.ljust(w) if i == 0 else c.rjust(w)
                for i, (c, w) in enumerate(zip(cells, widths, strict=True))
            ).rstrip()
        )

    rule = ("  " + "  ".join("-" * w for w in widths)).rstrip()
    return [line(table.headers), rule, *map(line, table.rows)]


def briefing_blocks(result: AnalysisResult) -> list[Block]:
    """The briefing as blocks, in reading order."""
    blocks: list[Block] = [
        Heading(f"Analysis: {result.map.title}", 1),
        Paragraph(_overview(result)),
        *(Paragraph(f"Note: {note}") for note in result.notes),
    ]
    blocks += _key_findings(result)
    blocks += _silo_section(result)
    blocks += _gap_section(result)
    blocks += _fragility_section(result)
    blocks += _citizen_section(result)
    blocks += _to_be_section(result)
    blocks += _method_section(result)
    blocks += _glossary_section(blocks)
    return blocks


def _glossary_section(blocks: list[Block]) -> list[Block]:
    """One line on each technical word the briefing used."""
    texts: list[str] = []
    for block in blocks:
        if isinstance(block, Heading | Paragraph):
            texts.append(block.text)
        elif isinstance(block, Bullets):
            texts += block.items
        else:
            texts += [*block.headers, *(c for row in block.rows for c in row)]
    used = terms_in(texts)
    if not used:
        return []
    return [
        Heading("Words used"),
        Bullets(tuple(f"{term}: {GLOSSARY[term]}" for term in used)),
    ]


def _overview(result: AnalysisResult) -> str:
    m = result.map
    parts = "in one connected part" if m.components <= 1 else f"in {m.components} separate parts"
    attributes = [a.replace("_", " ") for a in result.settings["attributes"]]
    scenario = (
        "as it is today"
        if m.scenario == "as-is"
        else "as it would be with the proposed relationships"
    )
    return (
        f"The map has {count(m.stakeholders, 'stakeholder')} and "
        f"{count(m.relationships, 'relationship')}, "
        f"of which {count(m.ties, 'working tie')} join pairs of stakeholders {parts}. "
        "It is analysed "
        f"{scenario}, grouped by {listing(attributes) or 'nothing'}."
    )


def _key_findings(result: AnalysisResult) -> list[Block]:
    shown = [f for f in result.findings if f.key][:TOP_FINDINGS]
    if not shown:
        return [
            Heading("Key findings"),
            Paragraph("Nothing stands out: no silos, gaps or single points of failure were found."),
        ]
    items = tuple(f"{_SEVERITY_WORDS[f.severity]}: {f.explanation}" for f in shown)
    blocks: list[Block] = [Heading("Key findings"), Bullets(items, numbered=True)]
    rest = [f for f in result.findings if not f.key]
    if rest:
        blocks.append(Heading("Other findings", 3))
        for key, heading in CLASS_HEADINGS.items():
            titles = tuple(f.title for f in rest if f.rank_class == key)
            if titles:
                blocks += [Paragraph(f"{heading} ({len(titles)}):"), Bullets(titles)]
        blocks.append(Paragraph("Each is explained in full in the JSON output (--format json)."))
    return blocks


def _silo_section(result: AnalysisResult) -> list[Block]:
    blocks: list[Block] = [Heading("Silos")]
    for attribute, grouping in result.groups.items():
        word = attribute.replace("_", " ")
        blocks.append(
            Paragraph(
                f"By {word}: E-I index {signed(grouping.ei_index)} for the whole map "
                "(random mixing "
                f"would give {signed(grouping.expected_ei)}, {p_value(grouping.p_value)}); "
                f"assortativity {decimal(grouping.assortativity)}; "
                f"modularity {decimal(grouping.modularity)}."
            )
        )
        rows = tuple(
            (
                g.label,
                str(g.size),
                str(g.internal),
                str(g.external),
                signed(g.ei_index),
                signed(g.expected_ei),
                ""
                if math.isnan(g.p_value)
                else p_value(g.p_value).removeprefix("p ").removeprefix("= "),
                "silo" if g.is_silo else "home" if g.is_home else "",
            )
            for g in grouping.groups
        )
        blocks.append(
            Table(
                (
                    word.capitalize(),
                    "members",
                    "ties inside",
                    "ties out",
                    "E-I",
                    "random mixing",
                    "p",
                    "finding",
                ),
                rows,
            )
        )
    if not result.silos:
        blocks.append(
            Paragraph(
                "No group meets the silo test (at least 3 members, E-I below zero and below "
                "random mixing, p < 0.05)."
            )
        )
    return blocks


def _gap_section(result: AnalysisResult) -> list[Block]:
    blocks: list[Block] = [Heading("Missing links")]
    if result.separate_parts:
        blocks.append(Bullets(tuple(p.explanation for p in result.separate_parts[:TOP_ITEMS])))
    if result.known_gaps:
        blocks.append(Paragraph(f"Gaps the map records as missing ({len(result.known_gaps)}):"))
        blocks.append(Bullets(tuple(g.explanation for g in result.known_gaps[: TOP_ITEMS * 2])))
    if result.group_gaps:
        blocks.append(
            Paragraph("Groups that should work together but share fewer ties than expected:")
        )
        blocks.append(Bullets(tuple(g.explanation for g in result.group_gaps[:TOP_ITEMS])))
    else:
        blocks.append(
            Paragraph(
                "Every pair of groups that should talk shares at least half the ties expected."
            )
        )
    if result.missing_links:
        blocks.append(Paragraph("Suggested introductions:"))
        blocks.append(Bullets(tuple(link.explanation for link in result.missing_links[:TOP_ITEMS])))
    if result.brokers_needed:
        blocks.append(Bullets(tuple(n.explanation for n in result.brokers_needed[:TOP_ITEMS])))
    return blocks


def _fragility_section(result: AnalysisResult) -> list[Block]:
    blocks: list[Block] = [Heading("Brokers and single points of failure")]
    rows = tuple(
        (
            result.label(b.id),
            decimal(b.betweenness),
            decimal(b.constraint),
            decimal(b.effective_size, 1),
        )
        for b in result.brokers[:TOP_ITEMS]
    )
    blocks.append(Table(("Stakeholder", "betweenness", "constraint", "effective size"), rows))
    points = result.single_points_of_failure
    if points:
        blocks.append(Bullets(tuple(p.explanation for p in points[:TOP_ITEMS])))
    else:
        blocks.append(Paragraph("No single stakeholder's departure would cut anyone off."))
    if result.weak_links:
        shown = result.weak_links[:TOP_WEAK]
        blocks.append(
            Paragraph(
                "Weak relationships: they exist, but evidence says they often fail "
                f"({len(result.weak_links)}):"
            )
        )
        blocks.append(Bullets(tuple(w.explanation for w in shown)))
    if result.isolates:
        blocks.append(
            Paragraph(
                "Stakeholders with no working relationship: "
                f"{listing([result.label(i) for i in result.isolates], 8)}."
            )
        )
    return blocks


def _citizen_section(result: AnalysisResult) -> list[Block]:
    citizen = result.citizen
    blocks: list[Block] = [Heading("The citizen's view")]
    if not citizen.citizens:
        return [
            *blocks,
            Paragraph(
                "The map has no citizens (no stakeholder in the citizens & communities "
                "sector), so routes to services cannot be traced."
            ),
        ]
    rows = []
    for s in citizen.summaries[: TOP_ITEMS * 2]:
        rows.append(
            (
                result.label(s.citizen),
                f"{s.reachable} of {len(citizen.services)}",
                decimal(s.mean_steps, 1),
                decimal(s.mean_sector_crossings, 1),
                ", ".join(result.label(p) for p in list(s.single_points)[:2]),
            )
        )
    blocks.append(
        Table(
            ("Citizen", "services reached", "mean steps", "mean sector changes", "only through"),
            tuple(rows),
        )
    )
    return blocks


def _to_be_section(result: AnalysisResult) -> list[Block]:
    comparison = result.comparison
    if comparison is None:
        return []
    blocks: list[Block] = [Heading("If the proposed relationships are made")]
    if not comparison.changes:
        return [
            *blocks,
            Paragraph(
                f"The {count(len(comparison.proposed), 'proposed relationship')} would change "
                "none of the measures above."
            ),
        ]
    return [*blocks, Bullets(tuple(c.explanation for c in comparison.changes))]


def _method_section(result: AnalysisResult) -> list[Block]:
    settings = result.settings
    return [
        Heading("How this was worked out"),
        Paragraph(
            "Ties are active and weak relationships (weak ones count half); missing relationships "
            "never count and proposed ones only in the to-be view. Direction is set aside: a "
            "tie joins two stakeholders whichever way its relationships run, and a relationship "
            "drawn both ways (two opposite one-way relationships of one type) counts once. A "
            "tie's strength adds up its relationships' weights (1 where none is given), so "
            "funding and referring is a closer tie than either alone; strengths weigh "
            "betweenness (as distance 1/strength), communities and the weighted E-I index, "
            "never the counts of ties. National places (the United Kingdom, Great Britain, "
            "England & Wales, each nation) are one national tier. E-I index: Krackhardt & Stern "
            f"(1988), with p-values from {settings['permutations']:,} shuffles of group labels "
            f"(seed {settings['seed']}). Group gaps compare observed ties with those expected from "
            "each side's connections (Newman 2010). Introductions are ranked by their own "
            "evidence: resource allocation (Zhou, Lü & Zhang 2009), then Adamic–Adar. "
            "Findings lead with documented gaps, then the gaps the guidance names, then "
            "single points of failure weighted by who they cut off. Betweenness: Freeman "
            "(1977); constraint: Burt "
            "(1992); brokerage roles: Gould & Fernandez (1989), where on undirected ties the "
            "gatekeeper and representative roles are one; communities: Louvain (Blondel et al. "
            "2008)."
        ),
    ]
