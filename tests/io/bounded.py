"""Open files with ``sysmap info`` in a separate process whose memory is capped.

A refusal that comes only after the damage (a billion laughs expanded, then rejected) would
pass an in-process test on a big machine; here the process may use only ``memory_mb`` more
address space than sysmap itself needs (``RLIMIT_AS``), so any such expansion dies with a
MemoryError, which the test sees as an unexpected error instead of a sentence.

Time is measured as the processor time the child spent on each file (``cpu_seconds``). On a
shared machine even that is not steady: with other processes on the same cores (caches,
hyper-threads, a virtual machine's stolen cycles) the same work took from 0.047 s to 0.115 s of
processor time here. So each file is timed between two runs of a fixed **reference** piece of
work (networkx parsing a 220 KB GraphML text, 0.045 s on this machine when quiet), and the caps
are checked on ``quiet_seconds``: the file's processor time in units of that reference, i.e.
the seconds it would take on this machine when quiet. A busy (or slower) machine slows the
reference as much as the file, so the caps hold however loaded the machine is. Wall-clock and
raw processor times are kept for reports.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

_RUNNER = r"""
import contextlib, io, json, resource, sys, time
import networkx as nx
from sysmap.cli.main import main

def reference_text():  # a fixed, honest GraphML text of 220 KB
    graph = nx.gnm_random_graph(1200, 3000, seed=1)
    for node in graph:
        graph.nodes[node]["label"] = f"Organisation number {node}"
    return "\n".join(nx.generate_graphml(graph))

def reference(text):  # processor seconds networkx takes to parse it
    cpu = time.process_time()
    nx.parse_graphml(text)
    return time.process_time() - cpu

def vm_bytes():
    for line in open("/proc/self/status"):
        if line.startswith("VmSize:"):
            return int(line.split()[1]) * 1024
    raise RuntimeError("no VmSize")

def load(path):  # what every front end does first: read the file, or refuse it
    from sysmap.io import load_map
    from sysmap.model import MapFileError
    try:
        load_map(path)
    except MapFileError as exc:
        print(f"sysmap: {exc}", file=sys.stderr)
        return 1
    return 0

budget, how = int(sys.argv[1]) * 1024 * 1024, sys.argv[2]
import sysmap.io, openpyxl  # loaded before the baseline: their memory is not the file's
resource.setrlimit(resource.RLIMIT_AS, (vm_bytes() + budget, resource.RLIM_INFINITY))
text = reference_text()
reference(text)  # warm: the first parse also loads modules
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
results = []
for path in sys.argv[3:]:
    out, err = io.StringIO(), io.StringIO()
    before = reference(text)
    start, cpu = time.perf_counter(), time.process_time()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["info", path]) if how == "info" else load(path)
    spent, took = time.process_time() - cpu, time.perf_counter() - start
    results.append({
        "path": path,
        "code": code,
        "stdout": out.getvalue()[:2000],
        "stderr": err.getvalue(),
        "seconds": took,
        "cpu_seconds": spent,
        "reference_cpu_seconds": max(before, reference(text)),
        "rss_growth_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) / 1024,
    })
print(json.dumps(results))
"""


QUIET_REFERENCE_SECONDS = 0.045
"""Processor seconds the reference work takes on this 2-core machine when quiet (the fastest of
40 runs)."""


@dataclass(frozen=True)
class Outcome:
    """What ``sysmap info`` did with one file."""

    path: str
    code: int
    stdout: str
    stderr: str
    seconds: float
    """Wall-clock time, for reports."""
    cpu_seconds: float
    """Processor time spent on this file."""
    reference_cpu_seconds: float
    """Processor time of the reference work just before and after it (the slower of the two)."""
    rss_growth_mb: float
    """How far the process's peak memory had grown since start-up, after this file."""

    @property
    def quiet_seconds(self) -> float:
        """The processor time this file would take on this machine when quiet: what the caps
        are checked against (see the module's docstring)."""
        return self.cpu_seconds * QUIET_REFERENCE_SECONDS / max(self.reference_cpu_seconds, 1e-4)


def open_bounded(
    paths: list[Path], memory_mb: int = 500, timeout: float = 120, how: str = "info"
) -> list[Outcome]:
    """Open each path in one capped process; return what happened to each.

    ``how`` is ``"info"`` (the command ``sysmap info``: read, lay out what has no position,
    describe) or ``"load"`` (only read the file, or refuse it, as every front end first does).
    """
    process = subprocess.run(
        [sys.executable, "-c", _RUNNER, str(memory_mb), how, *map(str, paths)],
        capture_output=True,
        text=True,
        timeout=timeout,
        check=False,
    )
    assert process.returncode == 0, process.stderr[-3000:]
    return [Outcome(**item) for item in json.loads(process.stdout.splitlines()[-1])]


def assert_refused(outcome: Outcome, phrase: str, seconds: float = 5.0) -> None:
    """One line on standard error naming the file and saying ``phrase``, in little time.

    ``seconds`` caps the processor time the child spent on the file, in quiet-machine
    seconds (:attr:`Outcome.quiet_seconds`).
    """
    lines = outcome.stderr.strip().splitlines()
    assert outcome.code == 1, outcome
    assert len(lines) == 1, outcome.stderr
    assert lines[0].startswith(f"sysmap: Cannot open {outcome.path}"), lines[0][:300]
    assert phrase in lines[0], lines[0][:300]
    assert "Traceback" not in outcome.stderr
    assert outcome.quiet_seconds < seconds, outcome
