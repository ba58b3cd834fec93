"""Find the data folders that ship with sysmap (example maps, icons, stylesheet).

In a wheel they are installed inside the package (``sysmap/examples``,
``sysmap/resources``); in a source checkout or an editable install they sit at the top
level of the repository. One function hides the difference from the rest of the code.
"""

from __future__ import annotations

import importlib.resources
from pathlib import Path


def data_dir(name: str) -> Path:
    """Return the folder ``name`` (``"examples"`` or ``"resources"``) that ships with sysmap.

    Parameters
    ----------
    name : str
        The folder's name at the top of the repository.

    Returns
    -------
    pathlib.Path
        An existing folder.

    Raises
    ------
    FileNotFoundError
        If the installation is incomplete and the folder is in neither place.
    """
    installed = Path(str(importlib.resources.files("sysmap"))) / name
    if installed.is_dir():
        return installed
    checkout = Path(__file__).resolve().parent.parent / name
    if checkout.is_dir():
        return checkout
    raise FileNotFoundError(f"sysmap's {name} folder is missing; reinstall sysmap.")
