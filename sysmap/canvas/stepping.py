"""Moving the selection from stakeholder to stakeholder with the keyboard.

Ctrl+arrow goes to the nearest stakeholder in that direction, so a keyboard user can walk the
map the way a mouse user glances across it. "In that direction" means within 60 degrees either
side of the arrow; among those, nearness counts the sideways distance twice, so the step
follows the arrow rather than jumping to a close neighbour off to the side.
"""

from __future__ import annotations

import math
from collections.abc import Mapping

Point = tuple[float, float]

DIRECTIONS: Mapping[str, Point] = {
    "left": (-1.0, 0.0),
    "right": (1.0, 0.0),
    "up": (0.0, -1.0),
    "down": (0.0, 1.0),
}
CONE = math.cos(math.radians(60))


def nearest_in_direction(centres: Mapping[str, Point], origin: str, direction: Point) -> str | None:
    """The stakeholder to step to from ``origin`` towards ``direction`` (``None`` at the edge).

    Examples
    --------
    >>> centres = {"a": (0, 0), "b": (100, 10), "c": (40, 90), "d": (-50, 0)}
    >>> nearest_in_direction(centres, "a", (1, 0)), nearest_in_direction(centres, "a", (0, 1))
    ('b', 'c')
    >>> nearest_in_direction(centres, "d", (-1, 0)) is None
    True
    """
    ox, oy = centres[origin]
    dx, dy = direction
    best: tuple[float, str] | None = None
    for node_id, (x, y) in centres.items():
        if node_id == origin:
            continue
        vx, vy = x - ox, y - oy
        distance = math.hypot(vx, vy)
        if distance == 0:
            continue
        along = vx * dx + vy * dy
        if along / distance < CONE:
            continue
        across = abs(vx * dy - vy * dx)
        score = along + 2 * across
        if best is None or (score, node_id) < best:
            best = (score, node_id)
    return best[1] if best is not None else None


def nearest_to(centres: Mapping[str, Point], point: Point) -> str | None:
    """The stakeholder closest to ``point`` (where stepping starts with nothing selected)."""
    if not centres:
        return None
    px, py = point
    return min(centres, key=lambda n: (math.hypot(centres[n][0] - px, centres[n][1] - py), n))
