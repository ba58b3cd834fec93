"""Run mutation testing (mutmut) over one package with that package's own fast tests.

Usage (from the repository root, with mutmut installed)::

    python tests/mutation/run.py model                 # every mutant; or layout, analysis…
    python tests/mutation/run.py model --sample 500 --at a6530e4    # before: old tests
    python tests/mutation/run.py model --sample 500 --after a6530e4  # after: new tests

``--sample N`` tests a fixed random sample of N mutants (seed 19, the same sample every
time), for packages too big to test whole on a shared machine. ``--at REV`` measures with
that commit's sources and tests (in ``.mutation/<scope>@REV/``); ``--after REV`` measures
the current tree on the sample drawn at ``REV``, rerunning only the mutants that survived
there and counting the others as killed (sound when only tests were added since, or the
product code changed only in functions named in ``survivors.md``). The last lines printed are the
counts, the score and every sampled mutant not killed. ``again.py`` re-runs mutants on
today's code found by the change they make rather than by name (the survivors listed in
``survivors.md``, or a whole sample drawn at an older commit).

mutmut reads its scope from ``[tool.mutmut]`` in the ``pyproject.toml`` of the folder it runs
in, one scope per run. So each scope gets its own work folder, ``.mutation/<scope>/`` (ignored
by git): links to the sources and tests, and a copy of this ``pyproject.toml`` whose
``[tool.mutmut]`` names that scope. mutmut keeps its results there, so a second run only
tests what changed. The scopes, and why some tests are left out, are in ``SCOPES`` below;
README ("Tests that catch what breaks") has the scores and ``survivors.md`` the survivors.
"""

from __future__ import annotations

import argparse
import json
import random
import subprocess
import sys
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
LINKED = ("sysmap", "tests", "examples", "resources")
SEED = 19

# The analysis modules measured first: the silo rule and what it stands on, the rankings, the
# suggested links, centrality, brokerage and resilience.
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
# The other 21, measured as a second scope ("analysis-rest"): the wording, findings and
# briefing modules, the result containers, the engine and the rest of what it computes.
ANALYSIS_REST = [
    "__init__",
    "analysis_result",
    "briefing",
    "citizen",
    "citizen_findings",
    "citizen_sections",
    "communities",
    "engine",
    "explain",
    "finding_kinds",
    "findings",
    "fragility_findings",
    "gaps",
    "glossary",
    "place_groups",
    "results",
    "scenario",
    "sections",
    "strength",
    "ties",
    "wording",
]
# The command's tests run the whole pipeline on every example: minutes per mutant.
ANALYSIS_TESTS = [
    "tests/analysis",
    "--ignore=tests/analysis/test_analyse_command.py",
    "--ignore=tests/analysis/test_examples_analysis.py",
]

SCOPES: dict[str, tuple[list[str], list[str]]] = {
    "atomic": (
        ["sysmap/io/atomic.py"],
        # The kill -9 loop takes half a minute a run and adds nothing a mutant could break.
        [
            "tests/io/test_safe_files.py",
            "tests/io/test_crash_safety.py",
            "tests/io/test_double_faults.py",
            "-k",
            "not kill_9",
        ],
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
    "analysis": ([f"sysmap/analysis/{name}.py" for name in ANALYSIS], ANALYSIS_TESTS),
    "analysis-rest": ([f"sysmap/analysis/{name}.py" for name in ANALYSIS_REST], ANALYSIS_TESTS),
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


def prepare(scope: str, revision: str | None = None) -> Path:
    """Make (or refresh) the scope's work folder and return it.

    With ``revision``, the folder holds that commit's sources and tests (``git archive``),
    so a score "before" is measured with the tests as they were.
    """
    work = ROOT / ".mutation" / (f"{scope}@{revision}" if revision else scope)
    work.mkdir(parents=True, exist_ok=True)
    if revision and not (work / "sysmap").exists():
        archive = subprocess.run(
            ["git", "archive", revision, *LINKED], cwd=ROOT, capture_output=True, check=True
        )
        subprocess.run(["tar", "-x", "-C", str(work)], input=archive.stdout, check=True)
    for name in LINKED:
        link = work / name
        if not link.exists():
            link.symlink_to(ROOT / name, target_is_directory=True)
    text = without_mutmut((ROOT / "pyproject.toml").read_text("utf-8")) + mutmut_section(scope)
    (work / "pyproject.toml").write_text(text, "utf-8")
    return work


def statuses(work: Path) -> dict[str, str]:
    """Every mutant of the work folder and its status (``killed``, ``survived``…)."""
    listing = subprocess.run(
        ["mutmut", "results", "--all", "true"], cwd=work, capture_output=True, text=True
    ).stdout
    found = {}
    for line in listing.splitlines():
        name, _, status = line.strip().rpartition(": ")
        if "__mutmut_" in name:
            found[name] = status
    return found


def generated(work: Path) -> dict[str, str]:
    """The work folder's mutants, made first if need be (mutmut makes them as it starts)."""
    if not (work / "mutants").exists():
        subprocess.call(["mutmut", "run", "no-such-mutant"], cwd=work)  # makes, runs none
    return statuses(work)


def sample(names: list[str], size: int) -> list[str]:
    """A fixed random sample of mutant names (the same every run, for before and after)."""
    return sorted(random.Random(SEED).sample(sorted(names), min(size, len(names))))


def summary(found: dict[str, str], names: list[str]) -> str:
    """Counts of each status among ``names``, and the score (killed, timeouts included)."""
    counts = Counter(found.get(n, "not checked") for n in names)
    killed = counts["killed"] + counts["timeout"]
    lines = [f"{status}: {count}" for status, count in sorted(counts.items())]
    lines.append(f"score: {killed}/{len(names)} = {100 * killed / max(1, len(names)):.1f} %")
    lines += [f"  {status} {n}" for n in names if (status := found.get(n)) != "killed"]
    return "\n".join(lines)


def main(argv: list[str]) -> int:
    """Run mutmut for the scope named in ``argv`` (see the module docstring for options)."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scope", choices=sorted(SCOPES))
    parser.add_argument("--at", help="measure with this commit's sources and tests")
    parser.add_argument("--sample", type=int, help="test only this many mutants, at random")
    parser.add_argument("--after", help="count mutants killed at this commit as killed")
    parser.add_argument("--summary", action="store_true", help="only print the last results")
    args = parser.parse_args(argv)
    work = prepare(args.scope, args.at)
    if not args.sample:
        return subprocess.call(["mutmut", "run", "--max-children", "2"], cwd=work)
    found = generated(work)
    names = sample(list(found), args.sample)
    done: dict[str, str] = {}
    if args.after:
        # The sample drawn at REV: a function added or removed since shifts the list of
        # mutants, and a sample of today's list would be a different one.
        before = generated(prepare(args.scope, args.after))  # made, not run, if new here
        names = sample(list(before), args.sample)
        done = {n: "killed" for n in names if before.get(n) in ("killed", "timeout")}
    pending = [n for n in names if n not in done and found.get(n) == "not checked"]
    if pending and not args.summary:
        subprocess.call(["mutmut", "run", "--max-children", "2", *pending], cwd=work)
    print(summary({**statuses(work), **done}, names))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
