"""What every mark of an overlay means, as rows for the legend.

A picture for a board paper must explain each mark it draws: the halos, rings and their
captions, badges, dashed suggested links and the numbers on them, routes and the boundary
tags on them, hulls, thick and faded lines. :func:`overlay_key` reads an overlay and returns
one row per kind of mark it holds (an overlay's own ``key`` rows, such as a comparison's,
come first and are not repeated).
"""

from __future__ import annotations

import re

from sysmap.canvas.overlay import (
    GROUP_COLOUR,
    ROLE_STYLES,
    ROUTE_COLOUR,
    KeyEntry,
    MarkStyle,
    Overlay,
)
from sysmap.canvas.overlay_routes import CROSSING_COLOUR, HALO_COLOUR

BADGE_COLOUR = "#0072B2"
RING_WORDS = {
    "broker": "broker: many shortest routes run through it",
    "single point of failure": "single point of failure: without it the map splits",
    "introducer": "introducer: already works with both ends",
    "citizen": "citizen (people the services exist for)",
    "every route runs through": "every route to the services runs through it",
    "no ties": "no working tie to anyone",
    "reaches no service": "a citizen with no working tie to any service",
}
"""Plain words for a ring's caption (or the part after "·")."""
BADGE_WORDS = {
    "no route": "no route: no citizen reaches it over working ties",
    "steps": "N steps: ties on the route from the citizen",
    "out of reach": "N out of reach: services this citizen cannot reach over working ties",
}


def overlay_key(overlay: Overlay) -> tuple[KeyEntry, ...]:
    """The legend rows explaining ``overlay``'s marks, its own ``key`` first."""
    rows = list(overlay.key)
    own = {row.label for row in rows}
    if overlay.sizes:
        rows.append(KeyEntry("halo: larger for more brokerage (betweenness)", HALO_COLOUR, "halo"))
    rows += _ring_rows(overlay)
    rows += _badge_rows(overlay)
    rows += _link_rows(overlay)
    if overlay.routes:
        rows.append(KeyEntry("a citizen's shortest route to a service", ROUTE_COLOUR, "band"))
        if any(route.crossings for route in overlay.routes):
            rows.append(
                KeyEntry("sector / place: a boundary the step crosses", CROSSING_COLOUR, "tag")
            )
    if overlay.groups:
        rows.append(KeyEntry("shaded: the group named on it", GROUP_COLOUR, "hull"))
    if overlay.relationships:
        rows.append(KeyEntry("thick: the relationships shown", "#3C3C3C", "line"))
    if overlay.fade_others:
        rows.append(KeyEntry("faded: not part of what is shown", BADGE_COLOUR, "fade"))
    return tuple(row for row in rows if row.label not in own or row in overlay.key)


def _ring_rows(overlay: Overlay) -> list[KeyEntry]:
    """One row per ring role shown, drawn as its ring is (a single point of failure's double
    blue ring, every other role's single vermillion one)."""
    rows: dict[str, KeyEntry] = {}
    for node_id, caption in overlay.rings.items():
        if node_id in overlay.ring_styles:  # a comparison explains its own rings
            continue
        for part in caption.split(" · ") if caption else ():
            role = next((k for k in RING_WORDS if part.endswith(k)), None)
            if role is not None and RING_WORDS[role] not in rows:
                style = ROLE_STYLES.get(role, MarkStyle())
                mark = "double ring" if style.double else "ring"
                rows[RING_WORDS[role]] = KeyEntry(RING_WORDS[role], style.colour, mark)
    return list(rows.values())


def _badge_rows(overlay: Overlay) -> list[KeyEntry]:
    texts = set(overlay.badges.values())
    texts |= {c.split(" · ", 1)[1] for c in overlay.rings.values() if " · " in c}
    rows = []
    if any(re.fullmatch(r"\d+ steps?", t) for t in texts):
        rows.append(KeyEntry(BADGE_WORDS["steps"], BADGE_COLOUR, "tag"))
    if any(re.fullmatch(r"[\d,]+ out of reach", t) for t in texts):  # a ring's caption tag
        rows.append(KeyEntry(BADGE_WORDS["out of reach"], GROUP_COLOUR, "tag"))
    if "no route" in texts:
        rows.append(KeyEntry(BADGE_WORDS["no route"], BADGE_COLOUR, "tag"))
    return rows


def _link_rows(overlay: Overlay) -> list[KeyEntry]:
    rows = []
    numbered = [link for link in overlay.links if link.label.isdigit()]
    if numbered:
        colour = numbered[0].colour
        rows.append(KeyEntry("suggested introduction (dashed)", colour, "line", dashed=True))
        rows.append(KeyEntry("1, 2…: its rank in the findings list", colour, "tag"))
    elif any(link.dashed and not link.label for link in overlay.links) and not overlay.key:
        colour = overlay.links[0].colour
        rows.append(KeyEntry("suggested link (dashed)", colour, "line", dashed=True))
    joins = [link for link in overlay.links if link.label == "join here"]
    if joins:
        rows.append(
            KeyEntry(
                "join here: a tie that would join separate parts",
                joins[0].colour,
                "line",
                dashed=True,
            )
        )
    return rows
