"""sysmap: map the system behind a policy problem and find its silos and missing links.

The package is layered (see ``ARCHITECTURE``): :mod:`sysmap.model` holds the map,
:mod:`sysmap.analysis`, :mod:`sysmap.layout` and :mod:`sysmap.io` work on it without Qt,
:mod:`sysmap.canvas` draws it and :mod:`sysmap.gui` is the desktop app around the canvas.
"""

from __future__ import annotations

__version__ = "0.1.0"

__all__ = ["__version__"]
