"""Open files with ``sysmap info`` in a separate process whose memory is capped.

A refusal that comes only after the damage (a billion laughs expanded, then rejected) would
pass an in-process test on a big machine; here the process may use only ``memory_mb`` more
address space than sysmap itself needs (``RLIMIT_AS``), so any such expansion dies with a
MemoryError, which the test sees as an unexpected error instead of a sentence.

Time is measured as the processor time the child spent on each file (``cpu_seconds``), which
other work on a busy machine does not inflate, so a cap on it proves the work is small
without failing when the machine is loaded; the wall-clock time is kept for reports.
"""

from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

_RUNNER = r"""
import contextlib, io, json, resource, sys, time
from sysmap.cli.main import main

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
base = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
results = []
for path in sys.argv[3:]:
    out, err = io.StringIO(), io.StringIO()
    start, cpu = time.perf_counter(), time.process_time()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        code = main(["info", path]) if how == "info" else load(path)
    results.append({
        "path": path,
        "code": code,
        "stdout": out.getvalue()[:2000],
        "stderr": err.getvalue(),
        "seconds": time.perf_counter() - start,
        "cpu_seconds": time.process_time() - cpu,
        "rss_growth_mb": (resource.getrusage(resource.RUSAGE_SELF).ru_maxrss - base) / 1024,
    })
print(json.dumps(results))
"""


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
    """Processor time spent on this file: what the caps are checked against."""
    rss_growth_mb: float
    """How far the process's peak memory had grown since start-up, after this file."""


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

    ``seconds`` caps the processor time the child spent on the file.
    """
    lines = outcome.stderr.strip().splitlines()
    assert outcome.code == 1, outcome
    assert len(lines) == 1, outcome.stderr
    assert lines[0].startswith(f"sysmap: Cannot open {outcome.path}"), lines[0][:300]
    assert phrase in lines[0], lines[0][:300]
    assert "Traceback" not in outcome.stderr
    assert outcome.cpu_seconds < seconds, f"{outcome.path} took {outcome.cpu_seconds:.1f} s"
