"""Counting what the canvas draws: relationship paths that pass through a stakeholder's shape
they do not join (issue 13), measured on the items' own paths, sizes and shapes."""

from __future__ import annotations

import numpy as np

from sysmap.canvas.scene import MapScene
from sysmap.layout.route_hits import Obstacles
from sysmap.layout.routes import drawn_crossings


def drawn_path_crossings(scene: MapScene) -> list[str]:
    """Each crossing as 'stakeholder under source – target': every drawn path, flattened by
    Qt into a polyline, tested against every shape but its ends (no margin)."""
    items = scene.items_model.stakeholders
    ids = sorted(items)
    index = {node: i for i, node in enumerate(ids)}
    centre = np.array([(items[i].pos().x(), items[i].pos().y()) for i in ids])
    half = np.array([items[i].half_size() for i in ids])
    ellipse = np.array([items[i].shape_name == "ellipse" for i in ids])
    shapes = Obstacles(centre, half, ellipse)
    found: list[str] = []
    for line in scene.items_model.relationships.values():
        if line.source_item is line.target_item:
            continue
        polygons = line.path().toSubpathPolygons()
        points = np.array([(p.x(), p.y()) for polygon in polygons for p in polygon])
        ends = np.array([[index[line.source_id], index[line.target_id]]])
        for _, k in drawn_crossings(shapes, points[None], ends).tolist():
            found.append(f"{ids[k]} under {line.source_id} – {line.target_id}")
    return found
