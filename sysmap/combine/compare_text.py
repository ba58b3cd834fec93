"""A comparison of two maps as text, Markdown or JSON.

Text reads as a note to a policy lead ("2 stakeholders added: …"); Markdown is the same for
pasting into a document; JSON carries every difference with its ids and values.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import asdict
from typing import Any

from sysmap.combine.analysis_changes import TOPICS, AnalysisChanges
from sysmap.combine.compare import FieldChange, MapComparison, RelationshipDiff, StakeholderDiff

LISTED = 40
"""Items listed per section of the text (the JSON has them all)."""


def _count(n: int, noun: str) -> str:
    return f"{n:,} {noun}" + ("" if n == 1 else "s")


def _changes(changes: Sequence[FieldChange]) -> str:
    parts = []
    for change in changes:
        what = "name" if change.field == "label" else change.field.replace("_", " ")
        parts.append(f"{what} {change.before_text} → {change.after_text}")
    return "; ".join(parts)


def _heading(items: Sequence[StakeholderDiff | RelationshipDiff], noun: str, verb: str) -> str:
    return f"{_count(len(items), noun)} {verb}"


def summary_line(comparison: MapComparison) -> str:
    """One sentence: how many stakeholders and relationships were added, removed, changed."""
    c = comparison
    if c.same:
        return "The two maps hold the same stakeholders and relationships."
    return (
        f"Stakeholders: {len(c.stakeholders_added)} added, {len(c.stakeholders_removed)} "
        f"removed, {len(c.stakeholders_changed)} changed, {c.unchanged_stakeholders} the same. "
        f"Relationships: {len(c.relationships_added)} added, {len(c.relationships_removed)} "
        f"removed, {len(c.relationships_changed)} changed, {c.unchanged_relationships} the same."
    )


def sections(comparison: MapComparison) -> list[tuple[str, list[str]]]:
    """The comparison as (heading, lines) sections, the shared body of text and Markdown."""
    c = comparison
    found = [
        (
            _heading(c.stakeholders_added, "stakeholder", "added"),
            [d.label for d in c.stakeholders_added],
        ),
        (
            _heading(c.stakeholders_removed, "stakeholder", "removed"),
            [d.label for d in c.stakeholders_removed],
        ),
        (
            _heading(c.stakeholders_changed, "stakeholder", "changed"),
            [f"{d.label}: {_changes(d.changes)}" for d in c.stakeholders_changed],
        ),
        (
            _heading(c.relationships_added, "relationship", "added"),
            [d.name for d in c.relationships_added],
        ),
        (
            _heading(c.relationships_removed, "relationship", "removed"),
            [d.name for d in c.relationships_removed],
        ),
        (
            _heading(c.relationships_changed, "relationship", "changed"),
            [f"{d.name}: {_changes(d.changes)}" for d in c.relationships_changed],
        ),
    ]
    if c.possible_renames:
        found.append(
            (
                "Possibly the same (listed as removed and added; check them)",
                [
                    f"{r.before_label} → {r.after_label} ({round(r.score * 100)} %: {r.reason})"
                    for r in c.possible_renames
                ],
            )
        )
    if isinstance(c.analysis, AnalysisChanges):
        for topic in TOPICS:
            lines = [change.text for change in c.analysis.topic(topic)]
            if lines:
                found.append((f"What changed in the analysis: {topic}", lines))
    return [(heading, lines) for heading, lines in found if lines]


def render_text(comparison: MapComparison) -> str:
    """The comparison as plain text."""
    before, after = comparison.names
    out = [
        f"Comparing {before} ({comparison.titles[0]})",
        f"     with {after} ({comparison.titles[1]})",
        "",
    ]
    out.append(summary_line(comparison))
    for heading, lines in sections(comparison):
        out += ["", heading[0].upper() + heading[1:] + ":"]
        out += [f"  {line}" for line in lines[:LISTED]]
        if len(lines) > LISTED:
            out.append(f"  … and {len(lines) - LISTED} more (--format json lists them all)")
    if isinstance(comparison.analysis, AnalysisChanges) and not comparison.analysis.changes:
        out += ["", "The analysis finds the same silos, gaps, single points of failure and routes."]
    return "\n".join(out) + "\n"


def render_markdown(comparison: MapComparison) -> str:
    """The comparison as Markdown."""
    before, after = comparison.names
    out = [
        f"# {before} → {after}",
        "",
        f"*{comparison.titles[0]}* compared with *{comparison.titles[1]}*.",
        "",
    ]
    out.append(summary_line(comparison))
    for heading, lines in sections(comparison):
        out += ["", f"## {heading[0].upper() + heading[1:]}", ""]
        out += [f"- {_escape(line)}" for line in lines]
    return "\n".join(out) + "\n"


def _escape(text: str) -> str:
    """Markdown that shows a name as written (no emphasis, links or HTML from a label)."""
    for char in "\\`*_[]<>#|":
        text = text.replace(char, "\\" + char)
    return text


def to_json(comparison: MapComparison) -> dict[str, Any]:
    """The comparison as JSON-ready data."""
    data: dict[str, Any] = {
        "before": {"name": comparison.names[0], "title": comparison.titles[0]},
        "after": {"name": comparison.names[1], "title": comparison.titles[1]},
        "same": comparison.same,
    }
    for name in (
        "stakeholders_added",
        "stakeholders_removed",
        "stakeholders_changed",
        "relationships_added",
        "relationships_removed",
        "relationships_changed",
        "possible_renames",
    ):
        data[name] = [_plain(asdict(item)) for item in getattr(comparison, name)]
    data["unchanged"] = {
        "stakeholders": comparison.unchanged_stakeholders,
        "relationships": comparison.unchanged_relationships,
    }
    if isinstance(comparison.analysis, AnalysisChanges):
        data["analysis"] = {
            "findings": {
                "before": comparison.analysis.findings[0],
                "after": comparison.analysis.findings[1],
            },
            "changes": [_plain(asdict(c)) for c in comparison.analysis.changes],
        }
    return data


def _plain(value: Any) -> Any:
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value
