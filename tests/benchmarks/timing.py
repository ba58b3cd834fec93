"""What every benchmark shares: the reference maps, medians on two clocks, paired runs.

The machine has two cores shared with other work, so a budget that compares sysmap with a
baseline runs the two in alternation (the baseline in the untimed set-up of each sysmap
round), so that whatever load there is falls on both alike, and checks the ratio of their
**process CPU** medians (``time.process_time``); wall-clock medians are recorded beside them.

Each benchmark records its row of the budget table in ``extra_info`` under the same keys
(``work``, ``sysmap``, ``baseline``, ``ratio``, ``budget``, ``met``, ``clock``), so one
``--benchmark-json`` file holds the whole table.
"""

from __future__ import annotations

import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from sysmap.model import SystemMap
from sysmap.model.synthetic import synthetic_map

_MAPS: dict[int, SystemMap] = {}


def reference_map(n: int) -> SystemMap:
    """The reference workload of ``n`` stakeholders (seed 1), made once per run.

    Benchmarks that edit a map must edit a ``copy()``.
    """
    if n not in _MAPS:
        _MAPS[n] = synthetic_map(n, seed=1)
    return _MAPS[n]


def median_time(
    fn: Callable[[], object], rounds: int, clock: Callable[[], float] = time.process_time
) -> float:
    """The median seconds ``fn`` takes on ``clock`` over ``rounds`` calls."""
    times = []
    for _ in range(rounds):
        start = clock()
        fn()
        times.append(clock() - start)
    return statistics.median(times)


@dataclass
class Clocks:
    """Seconds on both clocks, one sample a run."""

    cpu: list[float] = field(default_factory=list)
    wall: list[float] = field(default_factory=list)

    def time(self, fn: Callable[[], object]) -> object:
        """Run ``fn`` once, recording how long it took on both clocks; return its result."""
        wall, cpu = time.perf_counter(), time.process_time()
        result = fn()
        self.cpu.append(time.process_time() - cpu)
        self.wall.append(time.perf_counter() - wall)
        return result

    @property
    def cpu_median(self) -> float:
        return statistics.median(self.cpu)

    @property
    def wall_median(self) -> float:
        return statistics.median(self.wall)


@dataclass
class Paired:
    """sysmap's runs and its baseline's, taken in alternation."""

    ours: Clocks = field(default_factory=Clocks)
    theirs: Clocks = field(default_factory=Clocks)

    @property
    def ratio(self) -> float:
        """sysmap's CPU median over the baseline's."""
        return self.ours.cpu_median / self.theirs.cpu_median

    @property
    def wall_ratio(self) -> float:
        return self.ours.wall_median / self.theirs.wall_median


def paired(
    benchmark: Any, ours: Callable[[], object], theirs: Callable[[], object], rounds: int
) -> Paired:
    """Time ``ours`` with pytest-benchmark, and ``theirs`` before each of its rounds."""
    runs = Paired()

    def baseline() -> None:  # pytest-benchmark reads a set-up's return value as arguments
        runs.theirs.time(theirs)

    benchmark.pedantic(lambda: runs.ours.time(ours), setup=baseline, rounds=rounds, iterations=1)
    return runs


def record(
    benchmark: Any,
    work: str,
    sysmap: float,
    budget: str,
    met: bool,
    *,
    baseline: float | None = None,
    clock: str = "cpu",
    **details: object,
) -> None:
    """Put one row of the budget table (seconds) and any details in ``extra_info``."""
    benchmark.extra_info.update(
        {
            "work": work,
            "sysmap": sysmap,
            "baseline": baseline,
            "ratio": None if baseline is None else sysmap / baseline,
            "budget": budget,
            "met": met,
            "clock": clock,
            **details,
        }
    )
    against = "" if baseline is None else f", baseline {baseline:.4f} s"
    print(f"\n{work}: sysmap {sysmap:.4f} s ({clock}){against}; budget {budget}; met: {met}")
