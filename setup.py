"""Package list for setuptools; everything else is in pyproject.toml.

The example maps (``examples/``) and resources (``resources/``) sit at the top of the
repository but install as ``sysmap.examples`` and ``sysmap.resources`` (see ``package-dir``
in pyproject.toml). Package discovery only sees folders under ``sysmap/``, so they are added
here by name.
"""

from setuptools import find_packages, setup

setup(
    packages=[
        *find_packages(include=["sysmap", "sysmap.*"]),
        "sysmap.examples",
        "sysmap.resources",
    ]
)
