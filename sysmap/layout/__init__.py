"""Layouts: pure functions from a map's graph to positions. No Qt here.

Every layout takes the map's graph and returns ``{stakeholder id: (x, y)}`` in scene
coordinates (pixels at 100% zoom). Stakeholders given in ``fixed`` (pinned ones, or those a
file already placed) keep their positions.
"""

from __future__ import annotations

from sysmap.layout.force import force_directed
from sysmap.layout.registry import LAYOUTS, Guide, Layout, LayoutResult, compute_layout

__all__ = ["LAYOUTS", "Guide", "Layout", "LayoutResult", "compute_layout", "force_directed"]
