"""Import igraph without its drawing's matplotlib, which the analysis never uses.

Importing igraph imports ``matplotlib.pyplot`` for igraph's own plotting: about half a
second of processor time and 30 MB, a twentieth of ``sysmap analyse`` on a 5,000-stakeholder
map, for drawing code sysmap never calls (its pictures are its own). While igraph is
imported, ``matplotlib`` is hidden from the import system, so igraph records it as absent
(its plotting functions then say matplotlib is missing); the entry is put back straight
after, and a later ``import matplotlib`` anywhere works as usual.

Hiding a module from :data:`sys.modules` affects every thread, so it is done only when this is
the sole running Python thread and Qt is not loaded (whose threads the :mod:`threading` module
may not count): the command line, not the window. Once matplotlib is loaded there is nothing
to save.
"""

from __future__ import annotations

import sys
import threading
from typing import Any

_HIDDEN = "matplotlib"


def load_igraph() -> Any:  # igraph has no type hints
    """Return the ``igraph`` module, imported without matplotlib where that is safe.

    Examples
    --------
    >>> load_igraph().Graph(n=3, edges=[(0, 1)]).ecount()
    1
    """
    if "igraph" in sys.modules:
        return sys.modules["igraph"]
    shared = threading.active_count() > 1 or "PySide6.QtCore" in sys.modules
    if _HIDDEN in sys.modules or shared:
        import igraph

        return igraph
    sys.modules[_HIDDEN] = None  # type: ignore[assignment]  # "import matplotlib" now fails
    try:
        import igraph
    finally:
        del sys.modules[_HIDDEN]
    return igraph
