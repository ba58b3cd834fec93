"""The report's tables: every stakeholder and every relationship, and the scenario changes."""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from html import escape

from sysmap.analysis import AnalysisResult
from sysmap.analysis.results import Change, GroupRef, Highlight
from sysmap.analysis.wording import decimal, listing, signed
from sysmap.model.system_map import SystemMap
from sysmap.model.vocab import STATUSES

_HEX_COLOUR = re.compile(r"#[0-9A-Fa-f]{6}")


def table(headers: Sequence[str], rows: Sequence[Sequence[str]], widths: Sequence[int]) -> str:
    """An HTML table; cells are already HTML, column widths in percent."""
    cols = "".join(f'<col style="width:{w}%">' for w in widths)
    head = "".join(f'<th scope="col">{h}</th>' if h else "<td></td>" for h in headers)
    body = "\n".join("<tr>" + "".join(f"<td>{c}</td>" for c in row) + "</tr>" for row in rows)
    return (
        f"<table><colgroup>{cols}</colgroup><thead><tr>{head}</tr></thead>\n"
        f"<tbody>\n{body}\n</tbody></table>"
    )


def stakeholder_table(system_map: SystemMap) -> str:
    """Every stakeholder: name, kind, sector (with its colour), place and description."""
    rows = []
    for s in sorted(system_map.stakeholders(), key=lambda s: s.label.casefold()):
        sector = system_map.sectors.get(s.sector or "")
        swatch = _swatch(sector.colour if sector is not None else None)
        rows.append(
            (
                f"<b>{escape(s.label)}</b>",
                escape(system_map.kinds.label(s.kind) if s.kind else ""),
                swatch + escape(sector.label if sector else (s.sector or "")),
                escape(system_map.places.label(s.place) if s.place else ""),
                escape(s.description),
            )
        )
    return table(
        ("Stakeholder", "Kind", "Sector", "Place", "Description"), rows, (24, 12, 17, 14, 33)
    )


def relationship_table(system_map: SystemMap) -> str:
    """Every relationship: who, what, to whom, its status and its evidence."""
    rows = []
    relationships = sorted(
        system_map.relationships(),
        key=lambda r: (
            system_map.label(r.source).casefold(),
            system_map.label(r.target).casefold(),
        ),
    )
    for r in relationships:
        kind = system_map.relation_types.label(r.relation) if r.relation else "is linked to"
        notes = escape(r.description)
        if r.evidence:
            notes += ("<br>" if notes else "") + (
                f'<span class="evidence">Evidence: {escape(r.evidence)}</span>'
            )
        rows.append(
            (
                escape(system_map.label(r.source)),
                escape(kind),
                escape(system_map.label(r.target)),
                _status(r.status),
                notes,
            )
        )
    return table(
        ("From", "Relationship", "To", "Status", "Description and evidence"),
        rows,
        (22, 14, 22, 10, 32),
    )


def _swatch(colour: str | None) -> str:
    """A sector's colour square; CSS is written only from a colour that is #RRGGBB.

    The model's gate already refuses any other colour; the report checks again, as the one
    place where file text would otherwise become CSS.

    Examples
    --------
    >>> _swatch("#0072B2")
    '<span class="swatch" style="background:#0072B2"></span>'
    >>> _swatch("#0072B2;position:fixed"), _swatch(None)
    ('', '')
    """
    if colour is None or not _HEX_COLOUR.fullmatch(colour):
        return ""
    return f'<span class="swatch" style="background:{colour}"></span>'


def _status(status: str) -> str:
    """A relationship's status, styled by the report's own class for it, never the file's.

    Examples
    --------
    >>> _status("missing")
    '<span class="status-missing">missing</span>'
    >>> _status('x" onmouseover="alert(1)')
    '<span>x&quot; onmouseover=&quot;alert(1)</span>'
    """
    if status in STATUSES:
        return f'<span class="status-{status}">{escape(status)}</span>'
    return f"<span>{escape(status)}</span>"


def comparison_table(result: AnalysisResult) -> str:
    """What the proposed relationships would change, as a before / after table."""
    changes = comparison_changes(result)
    if not changes:
        return ""
    rows = [
        (
            f"<b>{escape(c.title)}</b><br>{escape(c.explanation)}",
            escape(change_value(result, c, c.before)),
            escape(change_value(result, c, c.after)),
        )
        for c in changes
    ]
    return table(("What changes", "As is", "To be"), rows, (64, 18, 18))


def comparison_changes(result: AnalysisResult) -> list[Change]:
    """The analysis's comparison, with every group whose E-I index would move added.

    The analysis names changes to silos; a team proposing links also wants to see each
    group open up (or turn inward) even where no silo is involved.
    """
    if result.comparison is None:
        return []
    changes = list(result.comparison.changes)
    if result.other is None:
        return changes
    as_is, to_be = (
        (result, result.other) if result.map.scenario == "as-is" else (result.other, result)
    )
    named = {g.group for g in as_is.silos} | {g.group for g in to_be.silos}
    for attribute, grouping in as_is.groups.items():
        after = {g.name: g.ei_index for g in to_be.groups.get(attribute, grouping).groups}
        for group in grouping.groups:
            old, new = group.ei_index, after.get(group.name, math.nan)
            if group.name in named or math.isnan(old) or math.isnan(new):
                continue
            if math.isclose(old, new, abs_tol=1e-9):
                continue
            verb = "mix more" if new > old else "turn inward"
            changes.append(
                Change(
                    "ei",
                    f"{group.label} would {verb}",
                    f"{group.label}'s E-I index would move from {signed(old)} to {signed(new)}.",
                    old,
                    new,
                    Highlight(groups=(GroupRef(attribute, group.name, group.label),)),
                )
            )
    return changes


def change_value(result: AnalysisResult, change: Change, value: object) -> str:
    """A before or after figure of a scenario change, as people read it."""
    if value is None:
        return "—"
    if isinstance(value, list | tuple):
        return listing([result.label(str(v)) for v in value]) if value else "none"
    if isinstance(value, float):
        if math.isnan(value):
            return "n/a"
        return signed(value) if change.kind in ("silo", "ei") else decimal(value, 2)
    return str(value)
