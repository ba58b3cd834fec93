"""Whole commands on big maps: ``sysmap info`` and ``sysmap analyse`` at 20k, 30k, 50k, 100k.

Run: ``nice -n 10 python -m tests.benchmarks.big_maps FOLDER [SIZE ...]`` (sizes in
stakeholders; default 20000 30000 50000 100000). Each map is a plain GraphML file shaped like
the reference workload (:mod:`sysmap.model.synthetic`: its sector shares, places and
relationship types, mean degree 8, most ties within a sector and place, one in ten weak) but
written straight from numpy, since building a :class:`SystemMap` of 100,000 stakeholders one
by one takes longer than the commands measured. At 100,000 stakeholders (the reader's cap
until issue 17, now 50,000) the mean degree is 10: the 500,000 relationships that cap allowed.

Each command runs under ``/usr/bin/time -v`` (stopped after :data:`LIMIT_S`); the seconds
(wall and CPU) and the peak resident memory are printed as a Markdown table, and the files
are kept in FOLDER for reruns. Too slow for any test run: the figures go into README's
"Big maps" section by hand.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path
from xml.sax.saxutils import escape

import numpy as np

from sysmap.model.synthetic import _PLACES, _RELATIONS, _SECTOR_SHARE

SIZES = (20_000, 30_000, 50_000, 100_000)
LIMIT_S = 1200
"""A command still running after this many seconds is stopped (exit 124)."""
SAME_GROUP = 0.85
"""Share of ties that stay within the stakeholder's sector and place."""


def write_plain_map(path: Path, n: int, mean_degree: float, seed: int = 1) -> None:
    """Write a plain GraphML map of ``n`` stakeholders (as networkx writes one)."""
    rng = np.random.default_rng(seed)
    sectors = np.array(list(_SECTOR_SHARE))
    share = np.array(list(_SECTOR_SHARE.values()))
    sector = rng.choice(len(sectors), size=n, p=share / share.sum())
    place = rng.integers(0, len(_PLACES), size=n)
    xy = rng.normal(0, 120 * np.sqrt(n), size=(n, 2))
    m = round(n * mean_degree / 2)
    source = rng.integers(0, n, size=m)
    group = sector * len(_PLACES) + place
    order = np.argsort(group, kind="stable")
    starts = np.searchsorted(group[order], np.arange(group.max() + 2))
    g = group[source]
    inside = order[starts[g] + (rng.random(m) * (starts[g + 1] - starts[g])).astype(np.int64)]
    target = np.where(rng.random(m) < SAME_GROUP, inside, rng.integers(0, n, size=m))
    keep = source != target
    source, target = source[keep], target[keep]
    weak = rng.random(source.size) < 0.1
    with open(path, "w", encoding="utf-8") as out:
        out.write(
            '<?xml version="1.0" encoding="utf-8"?>\n'
            '<graphml xmlns="http://graphml.graphdrawing.org/xmlns">\n'
            '<key id="d0" for="node" attr.name="label" attr.type="string"/>\n'
            '<key id="d1" for="node" attr.name="sector" attr.type="string"/>\n'
            '<key id="d2" for="node" attr.name="place" attr.type="string"/>\n'
            '<key id="d3" for="node" attr.name="x" attr.type="double"/>\n'
            '<key id="d4" for="node" attr.name="y" attr.type="double"/>\n'
            '<key id="d5" for="edge" attr.name="relation" attr.type="string"/>\n'
            '<key id="d6" for="edge" attr.name="status" attr.type="string"/>\n'
            '<graph edgedefault="directed">\n'
        )
        for i in range(n):
            s, p = sectors[sector[i]], _PLACES[place[i]]
            out.write(
                f'<node id="n{i}"><data key="d0">{escape(p)} {s} {i}</data>'
                f'<data key="d1">{s}</data><data key="d2">{escape(p)}</data>'
                f'<data key="d3">{xy[i, 0]:.1f}</data><data key="d4">{xy[i, 1]:.1f}</data></node>\n'
            )
        for k, (a, b) in enumerate(zip(source.tolist(), target.tolist(), strict=True)):
            out.write(
                f'<edge source="n{a}" target="n{b}" id="e{k}">'
                f'<data key="d5">{_RELATIONS[sectors[sector[a]]]}</data>'
                f'<data key="d6">{"weak" if weak[k] else "active"}</data></edge>\n'
            )
        out.write("</graph>\n</graphml>\n")


def map_file(folder: Path, n: int) -> Path:
    """The plain map of ``n`` stakeholders in ``folder``, written if it is not there yet."""
    path = folder / f"plain-{n}.graphml"
    if not path.exists():
        write_plain_map(path, n, 10.0 if n >= 100_000 else 8.0)
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
    said = report.split("\tCommand being timed")[0].strip() or done.stdout.strip()
    said = "\n".join(x for x in said.splitlines() if not x.startswith("Command exited"))
    return {
        "exit": str(done.returncode),
        "wall": field("Elapsed (wall clock) time (h:mm:ss or m:ss)"),
        "cpu_s": f"{cpu:.1f}",
        "peak_mb": f"{int(field('Maximum resident set size (kbytes)')) / 1024:.0f}",
        "said": said.splitlines()[-1][:160] if said else "",
    }


def main(argv: list[str]) -> None:
    folder = Path(argv[0])
    folder.mkdir(parents=True, exist_ok=True)
    sizes = [int(a) for a in argv[1:]] or list(SIZES)
    sysmap = [sys.executable, "-m", "sysmap"]
    print("| stakeholders | command | exit | wall | CPU s | peak MB | said |", flush=True)
    print("|---|---|---|---|---|---|---|", flush=True)
    for n in sizes:
        path = map_file(folder, n)
        output = str(folder / f"analysis-{n}.txt")
        for args in (["info", str(path)], ["analyse", str(path), "-o", output]):
            row = measure([*sysmap, *args])
            print(
                f"| {n:,} | {args[0]} | {row['exit']} | {row['wall']} | {row['cpu_s']} | "
                f"{row['peak_mb']} | {row['said']} |",
                flush=True,
            )


if __name__ == "__main__":
    main(sys.argv[1:])
