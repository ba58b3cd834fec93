"""The report's "Changes since …" section, when the report is given an earlier map.

It holds the comparison in a sentence, the map with what changed marked (the picture
``sysmap export --compare`` draws), tables of the stakeholders and relationships added,
removed and changed, and what that did to the analysis. Every name from a file is escaped.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from sysmap.analysis import AnalysisResult, analyse
from sysmap.canvas.compare_overlay import comparison_overlay
from sysmap.combine.analysis_changes import TOPICS, AnalysisChanges, analysis_changes
from sysmap.combine.compare import FieldChange, MapComparison, compare_maps
from sysmap.combine.compare_text import summary_line
from sysmap.combine.diff_map import diff_map
from sysmap.model.progress import NO_PROGRESS, Progress
from sysmap.model.system_map import SystemMap
from sysmap.report.pictures import data_uri, map_png
from sysmap.report.tables import table


@dataclass(frozen=True)
class ReportComparison:
    """A comparison ready for the report: the differences and the picture of them."""

    comparison: MapComparison
    picture: bytes


def compare_for_report(
    before: SystemMap,
    after: SystemMap,
    names: tuple[str, str],
    result: AnalysisResult,
    progress: Progress = NO_PROGRESS,
) -> ReportComparison:
    """Compare ``before`` with ``after`` (analysed as ``result``), analysing ``before`` with
    the same settings, and draw the picture (needs Qt)."""
    progress.report(0.0, f"Comparing with {names[0]}")
    comparison = compare_maps(before, after, names)
    settings = result.settings
    earlier = analyse(
        before,
        by=list(settings.get("attributes") or []) or None,
        scenario=settings.get("scenario", "as-is"),
        seed=settings.get("seed", 0),
        permutations=settings.get("permutations", 1),
    )
    comparison.analysis = analysis_changes(earlier, result, comparison.paired)
    progress.report(0.5, f"Drawing the changes since {names[0]}")
    drawn = diff_map(before, after, comparison)
    return ReportComparison(comparison, map_png(drawn.map, comparison_overlay(drawn)))


def comparison_section(compared: ReportComparison) -> str:
    """The section as HTML."""
    c = compared.comparison
    before = escape(c.names[0])
    caption = (
        f"What changed since {c.names[0]}: added stakeholders and relationships in solid green, "
        "removed ones (put back where they were) in dashed purple, changed ones tagged; "
        "everything else faded."
    )
    blocks = [
        f'<h2 id="changes">Changes since {before}</h2>',
        f"<p>{escape(summary_line(c))}</p>",
        f'<figure class="map"><img src="{data_uri(compared.picture)}" alt="{escape(caption)}">'
        f"<figcaption>{escape(caption)}</figcaption></figure>",
    ]
    rows = [("Added", escape(d.label), "") for d in c.stakeholders_added]
    rows += [("Removed", escape(d.label), "") for d in c.stakeholders_removed]
    rows += [("Changed", escape(d.label), _changes(d.changes)) for d in c.stakeholders_changed]
    if rows:
        blocks += [
            "<h3>Stakeholders</h3>",
            table(("", "Stakeholder", "What changed"), rows, (12, 38, 50)),
        ]
    ties = [("Added", escape(d.name), "") for d in c.relationships_added]
    ties += [("Removed", escape(d.name), "") for d in c.relationships_removed]
    ties += [("Changed", escape(d.name), _changes(d.changes)) for d in c.relationships_changed]
    if ties:
        blocks += [
            "<h3>Relationships</h3>",
            table(("", "Relationship", "What changed"), ties, (12, 48, 40)),
        ]
    if c.possible_renames:
        names = "".join(
            f"<li>{escape(r.before_label)} → {escape(r.after_label)} ({escape(r.reason)})</li>"
            for r in c.possible_renames
        )
        blocks.append(f"<p>Possibly the same, listed as removed and added:</p><ul>{names}</ul>")
    if isinstance(c.analysis, AnalysisChanges):
        blocks.append(_analysis(c.analysis))
    return "\n".join(blocks)


def _changes(changes: tuple[FieldChange, ...]) -> str:
    return "<br>".join(
        f"{escape('name' if f.field == 'label' else f.field.replace('_', ' '))}: "
        f"{escape(f.before_text)} → {escape(f.after_text)}"
        for f in changes
    )


def _analysis(changes: AnalysisChanges) -> str:
    if not changes.changes:
        return (
            "<h3>What changed in the analysis</h3><p>The analysis finds the same silos, gaps, "
            "single points of failure and routes.</p>"
        )
    blocks = ["<h3>What changed in the analysis</h3>"]
    for topic in TOPICS:
        found = changes.topic(topic)
        if found:
            items = "".join(f"<li>{escape(change.text)}</li>" for change in found)
            blocks.append(f"<p><b>{escape(topic.capitalize())}</b></p><ul>{items}</ul>")
    return "\n".join(blocks)
