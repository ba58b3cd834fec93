"""Run mutants again on today's code, each found by the change it makes, not by its name.

mutmut names a mutant by its function and a number, so once a function is edited, or a sample
drawn at an older commit is to be run on today's code, names no longer say which change is
meant. This script finds each change among today's mutants (the file, the function, the lines
taken out and put in) and runs mutmut on exactly those, in the scope's work folder of
``run.py``. Usage (from the repository root)::

    python tests/mutation/again.py layout --listed
    python tests/mutation/again.py model --remeasure a6530e4 --sample 250

``--listed`` re-runs the mutants ``survivors.md`` lists for the scope (its tables' rows,
"Killed since" included) and prints each row with its mutant, today's line and mutmut's
verdict; a row no mutant matches any more says so.

``--remeasure REV --sample N`` measures the whole sample drawn at ``REV`` again: the mutants
of ``REV`` are made (not run), the sample drawn from them as ``run.py`` draws it, each
sampled mutant found among today's by its function and change, and mutmut runs every one of
them with today's tests. Sampled mutants whose change no longer exists today (their line was
rewritten) are printed and left out of the score. (Making mutants without running them uses
mutmut's own functions: written for mutmut 3.8.)
"""

from __future__ import annotations

import argparse
import json
import re
import subprocess
import sys
from pathlib import Path

try:  # collected by pytest (--doctest-modules imports every module under tests)
    from tests.mutation.run import ROOT, SCOPES, generated, prepare, sample, statuses, summary
except ImportError:  # run as a script: its own folder is on the path, the repository is not
    from run import ROOT, SCOPES, generated, prepare, sample, statuses, summary  # type: ignore[no-redef]

MAKE = """
import os
from mutmut.__main__ import create_mutants
from mutmut.mutation.trampoline import set_mutant_under_test
from mutmut.utils.file_utils import copy_also_copy_files, copy_src_dir, setup_source_paths
set_mutant_under_test("mutant_generation")
os.makedirs("mutants", exist_ok=True)
copy_src_dir()
copy_also_copy_files()
setup_source_paths()
create_mutants(1)
"""
LISTED = ROOT / "tests" / "mutation" / "survivors.md"
ROW = re.compile(r"^\| `(sysmap/[^`:]+):(\d+)` \| `(.*?)` → `(.*?)` \|")
DIFFS = """
import json, sys
from mutmut.mutation.diff_apply import get_diff_for_mutant
found = {}
for name, path in json.loads(sys.stdin.read()):
    found[name] = get_diff_for_mutant(name, path=path)
print(json.dumps(found))
"""


def row_of(line: str) -> tuple[str, int, str, str] | None:
    """The (file, line, code before, code after) of one table row (None if not a change's).

    The change ends at its first closing backtick, so a last column in backticks is not read
    into it.

    Examples
    --------
    >>> row_of("| `sysmap/a.py:7` | `x < 1` → `x <= 1` | `tests/t.py::test_x` |")
    ('sysmap/a.py', 7, 'x < 1', 'x <= 1')
    """
    match = ROW.match(line)
    return (match[1], int(match[2]), match[3], match[4]) if match else None


def listed_rows(scope: str) -> list[tuple[str, int, str, str]]:
    """The (file, line, code before, code after) of each row of ``survivors.md`` in ``scope``."""
    sources = SCOPES[scope][0]
    rows = []
    for line in LISTED.read_text("utf-8").splitlines():
        if (row := row_of(line)) and any(row[0].startswith(src) for src in sources):
            rows.append(row)
    return rows


def changed_line(diff: str) -> tuple[str, str] | None:
    """The lines a mutant's diff takes out and puts in, stripped and joined (None if none)."""
    lines = diff.splitlines()[2:]  # past the ---/+++ header
    gone = [line[1:].strip() for line in lines if line.startswith("-")]
    added = [line[1:].strip() for line in lines if line.startswith("+")]
    return (" ".join(gone), " ".join(added)) if gone or added else None


def source_of(work: Path, name: str) -> str:
    """The source file (relative to the work folder) a mutant's name belongs to."""
    module = name.rpartition(".")[0].replace(".", "/")
    return f"{module}.py" if (work / f"{module}.py").exists() else f"{module}/__init__.py"


def changes(work: Path, names: list[str]) -> dict[str, tuple[str, str, str | None]]:
    """Each mutant's file, function and one-line change (``None`` if not one line)."""
    wanted = [(name, source_of(work, name)) for name in names]
    diffs = json.loads(
        subprocess.run(
            [sys.executable, "-c", DIFFS],
            cwd=work,
            input=json.dumps(wanted),
            capture_output=True,
            text=True,
            check=True,
        ).stdout
    )
    found = {}
    for name, path in wanted:
        line = changed_line(diffs[name])
        function = name.rpartition(".")[2].rpartition("__mutmut_")[0]
        found[name] = (path, function, None if line is None else " → ".join(line))
    return found


def listed_mutants(work: Path, scope: str) -> list[tuple[tuple[str, int, str, str], list[str]]]:
    """Each listed row of the scope with the names of today's mutants that make its change."""
    rows = listed_rows(scope)
    files = {row[0] for row in rows}
    today = changes(work, [n for n in generated(work) if source_of(work, n) in files])
    return [
        (
            row,
            [
                n
                for n, (path, _, change) in today.items()
                if (path, change) == (row[0], f"{row[2]} → {row[3]}")
            ],
        )
        for row in rows
    ]


def made(work: Path) -> dict[str, str]:
    """The work folder's mutants, made if need be without running anything (no stats)."""
    if not (work / "mutants").exists():
        subprocess.run([sys.executable, "-c", MAKE], cwd=work, check=True, capture_output=True)
    found: dict[str, str] = statuses(work)
    return found


def matched_today(
    then: dict[str, tuple[str, str, str | None]], today: dict[str, tuple[str, str, str | None]]
) -> dict[str, str]:
    """Today's mutant making the same change as each of ``then`` (same file and function first,
    then the same function moved to another file).

    Two mutants of one function can make the same change (the same line twice); they are
    paired in the order mutmut numbers them.
    """
    pools: dict[tuple[str | None, ...], list[str]] = {}
    for name, (path, function, change) in sorted(today.items(), key=lambda kv: _number(kv[0])):
        pools.setdefault((path, function, change), []).append(name)
        pools.setdefault((function, change), []).append(name)
    found: dict[str, str] = {}
    taken: set[str] = set()
    for name, (path, function, change) in sorted(then.items(), key=lambda kv: _number(kv[0])):
        if change is None:
            continue
        for key in ((path, function, change), (function, change)):
            free = [n for n in pools.get(key, []) if n not in taken]
            if free:
                found[name] = free[0]
                taken.add(free[0])
                break
    return found


def _number(name: str) -> int:
    return int(name.rpartition("__mutmut_")[2])


def remeasure(work: Path, scope: str, revision: str, size: int) -> None:
    """Run the sample drawn at ``revision`` again, every mutant, on today's code and tests."""
    old = prepare(scope, revision)
    names = sample(list(made(old)), size)
    then = changes(old, names)
    today_names = list(generated(work))
    functions = {function for _, function, _ in then.values()}
    # Only today's mutants of the sampled functions: a diff each takes a while.
    today = changes(
        work,
        [n for n in today_names if n.rpartition(".")[2].rpartition("__mutmut_")[0] in functions],
    )
    pairs = matched_today(then, today)
    run_names = sorted(set(pairs.values()))
    if run_names:
        subprocess.call(["mutmut", "run", "--max-children", "2", *run_names], cwd=work)
    status = statuses(work)
    measured = {n: status.get(pairs[n], "not checked") for n in names if n in pairs}
    print(summary(measured, [n for n in names if n in pairs]))
    for n in names:
        if n not in pairs:
            print(f"  gone today: {n} ({then[n][0]}: {then[n][2]})")
        elif measured[n] != "killed":
            print(f"  {n} is today's {pairs[n]}: {then[n][0]}: {then[n][2]}")


def today_line(path: str, code: str, near: int) -> int | None:
    """The line of ``path`` holding ``code`` (the one nearest ``near`` if several)."""
    lines = (ROOT / path).read_text("utf-8").splitlines()
    hits = [i + 1 for i, line in enumerate(lines) if line.strip() == code]
    return min(hits, key=lambda i: abs(i - near)) if hits else None


def rerun_listed(work: Path, scope: str) -> None:
    """Run mutmut on today's mutants that make the changes ``survivors.md`` lists; print them."""
    matched = listed_mutants(work, scope)
    names = sorted({n for _, found in matched for n in found})
    if names:
        subprocess.call(["mutmut", "run", "--max-children", "2", *names], cwd=work)
    status = statuses(work)
    for (path, line, before, _after), found in matched:
        now = today_line(path, before, line)
        verdicts = ", ".join(f"{n} {status.get(n)}" for n in found) or "no such mutant today"
        print(f"{path}:{line} (today {now}): {verdicts}")


def main(argv: list[str]) -> int:
    """Re-run the listed survivors, or a whole old sample, of the scope named in ``argv``."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("scope", choices=sorted(SCOPES))
    parser.add_argument("--listed", action="store_true", help="re-run survivors.md's mutants")
    parser.add_argument("--remeasure", help="run the sample drawn at this commit on today's code")
    parser.add_argument("--sample", type=int, default=150, help="the sample's size")
    args = parser.parse_args(argv)
    work = prepare(args.scope)
    if args.remeasure:
        remeasure(work, args.scope, args.remeasure, args.sample)
    else:
        rerun_listed(work, args.scope)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
