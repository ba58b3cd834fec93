"""Packages that load their modules when a name is first used, not when they are imported.

``sysmap --help`` must start at once, and ``sysmap info`` on a small map must not load the
analysis, the layouts or numpy: a package's ``__init__`` that imported every module it
re-exports would load them all for the one name a command needs. A package lists what it
offers and where each name lives; :func:`lazy_exports` gives it the module ``__getattr__``
(PEP 562) that imports the right module on first use. The imports are repeated under
``TYPE_CHECKING`` in the package, so type checkers and the layer contracts see them.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Callable, Mapping


def lazy_exports(package: str, exports: Mapping[str, str]) -> Callable[[str], object]:
    """The ``__getattr__`` for ``package``: ``exports`` maps each name to its module.

    A name that is itself a module of the package (``sysmap.model.events``) maps to that
    module's full name.
    """

    def find(name: str) -> object:
        module_name = exports.get(name)
        if module_name is None:
            raise AttributeError(f"module {package!r} has no attribute {name!r}")
        module = importlib.import_module(module_name)
        value = module if module_name == f"{package}.{name}" else getattr(module, name)
        setattr(sys.modules[package], name, value)  # found directly from now on
        return value

    return find
