"""pyproject.toml lists every package, so a wheel never silently drops one."""

from __future__ import annotations

import tomllib
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_every_package_on_disk_is_listed_for_the_wheel() -> None:
    config = tomllib.loads((REPO / "pyproject.toml").read_text(encoding="utf-8"))
    listed = set(config["tool"]["setuptools"]["packages"])
    on_disk = {
        ".".join(init.parent.relative_to(REPO).parts)
        for init in (REPO / "sysmap").rglob("__init__.py")
    }
    assert on_disk <= listed, f"add to pyproject.toml packages: {sorted(on_disk - listed)}"
    assert listed - on_disk == {"sysmap.examples", "sysmap.resources"}
    package_dir = config["tool"]["setuptools"]["package-dir"]
    assert package_dir["sysmap.examples"] == "examples"
    assert package_dir["sysmap.resources"] == "resources"
