"""Whole commands on big maps: ``sysmap info`` and ``sysmap analyse`` at 20k, 50k and the caps.

Run: ``nice -n 10 python -m tests.benchmarks.big_maps FOLDER [SIZE ...]`` (sizes in
stakeholders; default 20000 50000 100000). Each map is the reference workload
(:mod:`sysmap.model.synthetic`) saved as sysmap's own GraphML file; at the reader's caps
(100,000 stakeholders) the mean degree is 10, which makes the 500,000 relationships the
reader accepts. Each command runs under ``/usr/bin/time -v``; the seconds (wall and CPU) and
the peak resident memory are printed as a table, and the files are kept in FOLDER for reruns.

Too slow for any test run (the maps take minutes to make and the commands minutes to run):
the figures go into README's "Big maps" section by hand.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from sysmap.io import save_map
from sysmap.io.map_limits import MAX_RELATIONSHIPS, MAX_STAKEHOLDERS
from sysmap.model.synthetic import MEAN_DEGREE, synthetic_map

SIZES = (20_000, 50_000, MAX_STAKEHOLDERS)
LIMIT_S = 900
"""A command still running after this many seconds is stopped (exit 124)."""


def map_file(folder: Path, n: int) -> Path:
    """The saved map of ``n`` stakeholders in ``folder``, made if it is not there yet."""
    path = folder / f"map-{n}.graphml"
    if not path.exists():
        degree = 2 * MAX_RELATIONSHIPS / MAX_STAKEHOLDERS if n >= MAX_STAKEHOLDERS else MEAN_DEGREE
        save_map(synthetic_map(n, seed=1, mean_degree=degree * 0.99), path)
    return path


def measure(command: list[str]) -> dict[str, str]:
    """Run ``command`` under ``/usr/bin/time -v``: exit code, wall, CPU seconds, peak RSS."""
    done = subprocess.run(
        ["/usr/bin/time", "-v", "timeout", str(LIMIT_S), *command],
        capture_output=True,
        text=True,
        check=False,
    )
    report = done.stderr

    def field(name: str) -> str:
        found = re.search(rf"{re.escape(name)}: (.+)", report)
        return found.group(1).strip() if found else "?"

    cpu = float(field("User time (seconds)")) + float(field("System time (seconds)"))
    return {
        "exit": str(done.returncode),
        "wall": field("Elapsed (wall clock) time (h:mm:ss or m:ss)"),
        "cpu_s": f"{cpu:.1f}",
        "peak_mb": f"{int(field('Maximum resident set size (kbytes)')) / 1024:.0f}",
        "said": (done.stdout.strip().splitlines() or [""])[-1][:120],
        "err": report.split("\tCommand being timed")[0].strip()[-300:],
    }


def main(argv: list[str]) -> None:
    folder = Path(argv[0])
    folder.mkdir(parents=True, exist_ok=True)
    sizes = [int(a) for a in argv[1:]] or list(SIZES)
    sysmap = [sys.executable, "-m", "sysmap"]
    print("| stakeholders | command | exit | wall | CPU s | peak MB | said |")
    print("|---|---|---|---|---|---|---|")
    for n in sizes:
        path = map_file(folder, n)
        for args in (["info", str(path)], ["analyse", str(path), "-o", str(folder / f"a-{n}.txt")]):
            row = measure([*sysmap, *args])
            print(
                f"| {n:,} | {args[0]} | {row['exit']} | {row['wall']} | {row['cpu_s']} | "
                f"{row['peak_mb']} | {row['said'] or row['err']} |",
                flush=True,
            )


if __name__ == "__main__":
    main(sys.argv[1:])
