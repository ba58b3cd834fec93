"""Fitting a map to the view around the on-screen legend.

Reserving a strip for the legend down the whole right-hand side wastes most of it: the legend
is a box in the top corner, and most maps leave that corner empty. So a fit first tries the
whole view (below the title) at the largest zoom where no stakeholder lands under the legend
— the map centred, or pushed to the bottom or the top — and only falls back to the strip
beside the legend when every such zoom would hide someone.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
from PySide6.QtCore import QPointF, QRectF

STEPS = 10
"""Zoom levels tried between the whole view and the strip beside the legend."""
CLEARANCE = 8.0
"""Pixels kept between a stakeholder and the legend."""


@dataclass(frozen=True)
class Fit:
    """A zoom, and the scene point to put at the centre of the viewport."""

    scale: float
    centre: QPointF


def fit_in(rect: QRectF, room: QRectF, viewport: QRectF, margin: float, cap: float) -> Fit:
    """Show ``rect`` whole, centred in ``room`` (viewport pixels)."""
    scale = min(
        cap,
        (room.width() - 2 * margin) / rect.width(),
        (room.height() - 2 * margin) / rect.height(),
    )
    return Fit(scale, _centre_for(rect, room.center(), viewport, scale))


def fit_around_legend(
    rect: QRectF,
    boxes: np.ndarray,
    full: QRectF,
    strip: QRectF,
    legend: QRectF,
    viewport: QRectF,
    margin: float,
    cap: float,
) -> Fit:
    """The largest fit of ``rect`` in ``full`` with no box under ``legend``, else the strip.

    Parameters
    ----------
    rect : QRectF
        What to show, in scene coordinates.
    boxes : ndarray of shape (n, 4)
        Stakeholders' boxes in scene coordinates (left, top, right, bottom).
    full, strip, legend, viewport : QRectF
        The room below the title, the room beside the legend, the legend's box and the
        viewport, all in viewport pixels.
    margin : float
        Pixels left around the map.
    cap : float
        The largest zoom allowed (a tiny map is not blown up).
    """
    fallback = fit_in(rect, strip, viewport, margin, cap)
    best = fit_in(rect, full, viewport, margin, cap)
    if len(boxes) == 0 or best.scale <= fallback.scale:
        return fallback
    guard = legend.adjusted(-CLEARANCE, -CLEARANCE, CLEARANCE, CLEARANCE)
    for scale in np.geomspace(best.scale, fallback.scale, STEPS, endpoint=False):
        width, height = rect.width() * scale, rect.height() * scale
        left = full.center().x() - width / 2
        for top in (
            full.center().y() - height / 2,
            full.bottom() - margin - height,
            full.top() + margin,
        ):
            if _clear(boxes, rect, float(scale), left, top, guard):
                centre = QPointF(left + width / 2, top + height / 2)
                return Fit(float(scale), _centre_for(rect, centre, viewport, float(scale)))
    return fallback


def _clear(
    boxes: np.ndarray, rect: QRectF, scale: float, left: float, top: float, guard: QRectF
) -> bool:
    """Whether no box, drawn at ``scale`` with ``rect``'s corner at (left, top), hits ``guard``."""
    x0 = left + (boxes[:, 0] - rect.left()) * scale
    y0 = top + (boxes[:, 1] - rect.top()) * scale
    x1 = left + (boxes[:, 2] - rect.left()) * scale
    y1 = top + (boxes[:, 3] - rect.top()) * scale
    hits = (x1 > guard.left()) & (x0 < guard.right()) & (y1 > guard.top()) & (y0 < guard.bottom())
    return not bool(hits.any())


def _centre_for(rect: QRectF, where: QPointF, viewport: QRectF, scale: float) -> QPointF:
    """The scene point to centre the view on so that ``rect``'s centre lands at ``where``."""
    shift = viewport.center() - where
    return rect.center() + shift / scale
