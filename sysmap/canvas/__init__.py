"""The map canvas: Qt graphics items and scene that draw a map, its overlays and exports."""
