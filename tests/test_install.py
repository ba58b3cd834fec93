"""A plain (non-editable) install ships the example maps, and the CLI finds them.

An editable install reads ``examples/`` from the checkout, so only a real wheel shows whether
the package data made it in. The wheel is built and installed into a throwaway virtual
environment, then ``sysmap`` is run from an unrelated folder.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import sysconfig
from pathlib import Path

import pytest

from sysmap.io import EXAMPLES, WORKSHOP_TABLES

REPO = Path(__file__).resolve().parent.parent
# What the build needs; tests, caches and virtual environments stay behind.
SOURCES = ("pyproject.toml", "README.md", "sysmap", "examples", "resources")


def _run(args: list[str], cwd: Path, timeout: float = 120) -> str:
    env = {k: v for k, v in os.environ.items() if k not in ("PYTHONPATH", "PYTHONHOME")}
    env["PIP_DISABLE_PIP_VERSION_CHECK"] = "1"
    result = subprocess.run(
        args, cwd=cwd, env=env, capture_output=True, text=True, timeout=timeout, check=False
    )
    assert result.returncode == 0, f"{args} failed:\n{result.stdout}\n{result.stderr}"
    return result.stdout


def _throwaway_venv(folder: Path) -> Path:
    """Create a venv that can import this environment's packages, but not its editable sysmap.

    A ``.pth`` line puts this environment's site-packages on the venv's path without running
    the ``.pth`` files inside it, so the editable-install hook stays off and ``import
    sysmap`` can only find what the wheel installs.
    """
    _run(
        [sys.executable, "-m", "venv", "--system-site-packages", "--without-pip", str(folder)],
        cwd=folder.parent,
    )
    python = folder / ("Scripts/python.exe" if os.name == "nt" else "bin/python")
    purelib = Path(
        _run(
            [str(python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
            cwd=folder,
        ).strip()
    )
    (purelib / "_sysmap_test_parent.pth").write_text(
        sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8"
    )
    return python


@pytest.mark.slow
def test_wheel_ships_the_examples(tmp_path: Path) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name in SOURCES:
        path = REPO / name
        if path.is_dir():
            shutil.copytree(path, source / name, ignore=shutil.ignore_patterns("__pycache__"))
        else:
            shutil.copy2(path, source / name)
    python = _throwaway_venv(tmp_path / "venv")
    _run(
        [
            str(python),
            "-m",
            "pip",
            "install",
            "--quiet",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            str(source),
        ],
        cwd=tmp_path,
    )
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()

    where = _run([str(python), "-c", "import sysmap; print(sysmap.__file__)"], cwd=elsewhere)
    assert Path(where.strip()).is_relative_to(tmp_path / "venv"), where

    sysmap_command = python.parent / ("sysmap.exe" if os.name == "nt" else "sysmap")
    listing = _run([str(sysmap_command), "examples"], cwd=elsewhere)
    for example in EXAMPLES:
        assert any(line.split()[0] == example.name for line in listing.splitlines()), listing

    info = _run([str(sysmap_command), "info", "reoffending"], cwd=elsewhere)
    assert info.startswith("Reducing reoffending – Greater Manchester\n"), info
    assert "No warnings." in info

    for table in WORKSHOP_TABLES:  # in a folder of their own inside the examples
        info = _run([str(sysmap_command), "info", table.name], cwd=elsewhere)
        assert "No warnings." in info, info

    methods = _run(
        [
            str(python),
            "-c",
            "from importlib.resources import files; "
            "print(files('sysmap.analysis').joinpath('methods.md').read_text('utf-8')[:40])",
        ],
        cwd=elsewhere,
    )
    assert methods.startswith("# How sysmap analyses a map"), methods
    file_format = _run(
        [
            str(python),
            "-c",
            "from importlib.resources import files; "
            "print(files('sysmap.io').joinpath('format.md').read_text('utf-8')[:40])",
        ],
        cwd=elsewhere,
    )
    assert file_format.startswith("# The map file"), file_format
