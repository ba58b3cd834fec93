"""Opening a map the way every front end wants it: names resolved, every stakeholder placed.

The command line and the desktop app both open maps through :func:`open_map`, so an
example's short name works everywhere and a file without positions arrives laid out.
"""

from __future__ import annotations

from sysmap.io import LoadResult, load_map, resolve_map_path
from sysmap.layout import force_directed


def open_map(text: str, fmt: str | None = None) -> LoadResult:
    """Open a map from a path or an example's short name (``reoffending``…).

    Stakeholders the file left without a position are laid out around the placed ones.

    Raises
    ------
    MapFileError
        If the file cannot be used; the message says why.
    """
    result = load_map(resolve_map_path(text), fmt)
    if result.unpositioned:
        graph = result.map.graph
        fixed = {
            n: (d["x"], d["y"]) for n, d in graph.nodes(data=True) if n not in result.unpositioned
        }
        positions = force_directed(graph, fixed=fixed)
        result.map.move_stakeholders({n: positions[n] for n in result.unpositioned})
    return result
