"""Hostile files: read or refused within budget, on the wall clock a user waits on.

Run: ``python -m pytest tests/benchmarks/test_hostile_bench.py --benchmark-only
-p no:cacheprovider -o addopts="" -s``.

Every file of ``tests/io/adversarial.py`` is opened three times in a child process whose
memory may grow by at most 300 MB per megabyte of file (300 MB at 1 MB, as in
``tests/io/test_bounds.py``); the median of each file's wall-clock seconds is checked:

- **≤ 2 s** for every hostile file of 1 MB;
- **linear**: from 1 MB to 8 MB, no file's processor time grows more than twentyfold
  (eightfold is linear, sixty-four-fold quadratic).

The dense files (valid maps packed with stakeholders) are reported beside them: their time is
what building that many stakeholders costs, not what a hostile file can add.
"""

from __future__ import annotations

import statistics
from pathlib import Path
from typing import Any

import pytest

from tests.benchmarks.timing import record
from tests.io.adversarial import DENSE, HOSTILE, make
from tests.io.bounded import open_bounded

BUDGET_SECONDS = 2.0
GROWTH = 20.0
ROUNDS = 3
SIZES = (1_000_000, 8_000_000)


def _medians(folder: Path, size: int) -> dict[str, tuple[float, float, int]]:
    """name -> (median wall seconds, median processor seconds, exit code) at ``size``.

    The memory cap is 300 MB at 1 MB and grows with the size (linear, not fixed, beyond).
    """
    files = make({**HOSTILE, **DENSE}, folder / str(size), size)
    memory = 300 * max(1, size // 1_000_000)
    runs = [open_bounded(list(files.values()), memory, 1800, "load") for _ in range(ROUNDS)]
    found = {}
    for index, name in enumerate(files):
        outcomes = [run[index] for run in runs]
        found[name] = (
            statistics.median(o.seconds for o in outcomes),
            statistics.median(o.cpu_seconds for o in outcomes),
            outcomes[0].code,
        )
    return found


@pytest.fixture(scope="module")
def measured(tmp_path_factory: pytest.TempPathFactory) -> dict[int, dict[str, Any]]:
    folder = tmp_path_factory.mktemp("hostile")
    return {size: _medians(folder, size) for size in SIZES}


@pytest.mark.timeout(3600)  # the corpus, three times at two sizes, on a busy machine
def test_hostile_files_of_1_mb_within_2_s(benchmark, measured) -> None:  # type: ignore[no-untyped-def]
    at_1mb = measured[SIZES[0]]
    benchmark.pedantic(lambda: None, rounds=1, iterations=1)
    worst = max(HOSTILE, key=lambda name: at_1mb[name][0])
    for name, (wall, cpu, code) in sorted(at_1mb.items()):
        print(f"{name:20} 1 MB: {wall:6.2f} s wall, {cpu:6.2f} s cpu, exit {code}")
    met = at_1mb[worst][0] <= BUDGET_SECONDS
    record(
        benchmark,
        "read or refuse each hostile file of 1 MB (worst case)",
        at_1mb[worst][0],
        f"≤ {BUDGET_SECONDS} s",
        met,
        clock="wall",
        worst=worst,
        dense={name: at_1mb[name][0] for name in DENSE},
    )
    assert met, (worst, at_1mb[worst])


@pytest.mark.timeout(3600)
def test_time_grows_linearly_from_1_to_8_mb(benchmark, measured) -> None:  # type: ignore[no-untyped-def]
    small, large = measured[SIZES[0]], measured[SIZES[1]]
    benchmark.pedantic(lambda: None, rounds=1, iterations=1)
    growth = {
        name: large[name][1] / max(small[name][1], 0.01)
        for name in small
        if large[name][1] >= 0.25  # below that, refused at once whatever the size
    }
    for name in sorted(small):
        print(f"{name:20} 1 MB {small[name][1]:6.2f} s, 8 MB {large[name][1]:6.2f} s cpu")
    worst = max(growth, key=growth.__getitem__) if growth else "none"
    met = not growth or growth[worst] <= GROWTH
    record(
        benchmark,
        "growth of reading time from 1 MB to 8 MB (worst file)",
        growth.get(worst, 0.0),
        f"≤ {GROWTH}× (8× is linear)",
        met,
        clock="cpu",
        worst=worst,
    )
    assert met, (worst, growth)
