"""A comparison drawn on the map: what was added, removed and changed (plain data, no Qt).

Added stakeholders wear a solid green ring and added relationships a solid green line;
removed ones a dashed purple ring and a dashed purple line; changed stakeholders a blue
"changed" tag; everything the same is faded. The legend says so (:class:`KeyEntry`). The
colours are Okabe–Ito's bluish green and reddish purple, told apart with common colour
blindness and distinct from the red of missing relationships.
"""

from __future__ import annotations

from sysmap.analysis.wording import count
from sysmap.canvas.overlay import KeyEntry, MarkStyle, Overlay, OverlayLink
from sysmap.combine.diff_map import DiffMap

ADDED_COLOUR = "#009E73"
REMOVED_COLOUR = "#CC79A7"
CHANGED_COLOUR = "#0072B2"
"""The colour of a badge (:class:`~sysmap.canvas.overlay_items.BadgeItem`)."""


def comparison_overlay(diff: DiffMap) -> Overlay:
    """The overlay that marks ``diff``'s additions, removals and changes."""
    added = MarkStyle(ADDED_COLOUR)
    removed = MarkStyle(REMOVED_COLOUR, dashed=True)
    rings = dict.fromkeys(diff.added, "new") | dict.fromkeys(diff.removed, "removed")
    styles = dict.fromkeys(diff.added, added) | dict.fromkeys(diff.removed, removed)
    ends = {
        (r.source, r.target) for r in (diff.map.relationship(i) for i in diff.relationships_added)
    }
    links_added = tuple(OverlayLink(a, b, colour=ADDED_COLOUR, dashed=False) for a, b in ends)
    links = links_added + tuple(
        OverlayLink(a, b, colour=REMOVED_COLOUR) for a, b in diff.removed_links
    )
    changed_ties = len(diff.relationships_changed)
    key = (
        KeyEntry("Stakeholder added", ADDED_COLOUR, "ring", count=len(diff.added)),
        KeyEntry("Stakeholder removed", REMOVED_COLOUR, "ring", True, len(diff.removed)),
        KeyEntry("Stakeholder changed", CHANGED_COLOUR, "badge", count=len(diff.changed)),
        KeyEntry("Relationship added", ADDED_COLOUR, "line", count=len(links_added)),
        KeyEntry("Relationship removed", REMOVED_COLOUR, "line", True, len(diff.removed_links)),
        KeyEntry("Relationship changed (drawn thick)", "#5A5A5A", "line", count=changed_ties),
    )
    title = (
        f"Changes since {diff.before_name}: {count(len(diff.added), 'stakeholder')} added, "
        f"{len(diff.removed)} removed, {len(diff.changed)} changed"
    )
    return Overlay(
        title,
        stakeholders=frozenset(diff.added) | frozenset(diff.removed) | frozenset(diff.changed),
        relationships=frozenset(diff.relationships_added) | frozenset(diff.relationships_changed),
        links=links,
        rings=rings,
        badges=dict.fromkeys(diff.changed, "changed"),
        ring_styles=styles,
        key=key,
    )
