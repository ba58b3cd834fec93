"""Run mutation testing (mutmut) over one package with that package's own fast tests.

Usage (from the repository root, with mutmut installed)::

    python tests/mutation/run.py model      # or layout, analysis, atomic
    python tests/mutation/run.py model --results

mutmut reads its scope from ``[tool.mutmut]`` in the ``pyproject.toml`` of the folder it runs
in, one scope per run. So each scope gets its own work folder, ``.mutation/<scope>/`` (ignored
by git): links to the sources and tests, and a copy of this ``pyproject.toml`` whose
``[tool.mutmut]`` names that scope. mutmut keeps its results there, so a second run only
tests what changed. The scopes, and why some tests are left out, are in ``SCOPES`` below;
README ("Tests that catch what breaks") has the scores and ``survivors.md`` the survivors.
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINKED = ("sysmap", "tests", "examples", "resources")

# The analysis modules measured: the silo rule and what it stands on, the rankings, the
# suggested links, centrality, brokerage and resilience. The wording, briefing and report
# modules are not in scope (see README).
ANALYSIS = [
    "ei",
    "mixing",
    "permutation",
    "grouping",
    "ranking",
    "should_talk",
    "links",
    "centrality",
    "brokerage",
    "resilience",
]

SCOPES: dict[str, tuple[list[str], list[str]]] = {
    "atomic": (
        ["sysmap/io/atomic.py"],
        # The kill -9 loop takes half a minute a run and adds nothing a mutant could break.
        ["tests/io/test_safe_files.py", "tests/io/test_crash_safety.py", "-k", "not kill_9"],
    ),
    "model": (
        ["sysmap/model"],
        # Three tests repeat the small ones on maps of thousands (8 of the 9 seconds a run).
        [
            "tests/model",
            "-k",
            "not same_order and not same_size_and_seed and not on_a_big_map",
        ],
    ),
    "layout": (
        ["sysmap/layout"],
        # The 10,000-stakeholder maps take a minute a run; smaller maps test the same code.
        ["tests/layout", "--ignore=tests/layout/test_cli_export.py", "-k", "not national_map"],
    ),
    "analysis": (
        [f"sysmap/analysis/{name}.py" for name in ANALYSIS],
        # The command's tests run the whole pipeline on every example: minutes per mutant.
        [
            "tests/analysis",
            "--ignore=tests/analysis/test_analyse_command.py",
            "--ignore=tests/analysis/test_examples_analysis.py",
        ],
    ),
}


def mutmut_section(scope: str) -> str:
    """The ``[tool.mutmut]`` table for one scope, in TOML."""
    sources, tests = SCOPES[scope]
    lines = [
        "[tool.mutmut]",
        f"source_paths = {json.dumps(sources)}",
        f"pytest_add_cli_args_test_selection = {json.dumps(tests)}",
        'pytest_add_cli_args = ["-p", "no:randomly", "-q", "-o", "addopts=", '
        '"-p", "no:cacheprovider"]',
        f"also_copy = {json.dumps(list(LINKED))}",
    ]
    return "\n".join(lines) + "\n"


def without_mutmut(pyproject: str) -> str:
    """``pyproject.toml`` without its ``[tool.mutmut]`` table (the scope's replaces it)."""
    kept: list[str] = []
    skipping = False
    for line in pyproject.splitlines():
        if line.startswith("["):
            skipping = line.strip() == "[tool.mutmut]"
        if not skipping:
            kept.append(line)
    return "\n".join(kept) + "\n"


def prepare(scope: str) -> Path:
    """Make (or refresh) the scope's work folder and return it."""
    work = ROOT / ".mutation" / scope
    work.mkdir(parents=True, exist_ok=True)
    for name in LINKED:
        link = work / name
        if not link.exists():
            link.symlink_to(ROOT / name, target_is_directory=True)
    text = without_mutmut((ROOT / "pyproject.toml").read_text("utf-8")) + mutmut_section(scope)
    (work / "pyproject.toml").write_text(text, "utf-8")
    return work


def main(argv: list[str]) -> int:
    """Run mutmut for the scope named in ``argv`` (``--results`` lists results only)."""
    if not argv or argv[0] not in SCOPES:
        print(f"Name a scope: {', '.join(SCOPES)} (add --results to list the last run's).")
        return 2
    work = prepare(argv[0])
    if "--results" in argv:
        command = ["mutmut", "results", "--all", "true"]
    else:
        command = ["mutmut", "run", "--max-children", "2"]
    return subprocess.call(command, cwd=work)


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
