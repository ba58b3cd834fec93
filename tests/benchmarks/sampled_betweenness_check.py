"""How close the pivot estimate of betweenness is to the exact value (issue 17).

Run: ``nice -n 10 python -m tests.benchmarks.sampled_betweenness_check [N]`` (default
10,000 stakeholders: the biggest map counted exactly). On the reference workload of N
stakeholders it counts betweenness exactly and from :data:`~sysmap.analysis.centrality.PIVOTS`
random pivots (as maps above :data:`~sysmap.analysis.centrality.SAMPLE_ABOVE` are), and
prints, for the 20 top stakeholders by exact value: the largest error in percentage points,
the largest error relative to the value, how often the exact value lies within one and two
of the estimate's own standard errors, and how many of the exact top 10 the estimate's top
10 holds. Processor seconds of both are printed too. The figures go into README by hand.
"""

from __future__ import annotations

import sys
import time

import numpy as np

from sysmap.analysis import centrality
from sysmap.analysis.ties import TieGraph
from sysmap.model.synthetic import synthetic_map


def main(argv: list[str]) -> None:
    n = int(argv[0]) if argv else 10_000
    ties = TieGraph.from_map(synthetic_map(n, seed=1))
    started = time.process_time()
    exact = centrality.betweenness(ties)
    exact_s = time.process_time() - started
    centrality.SAMPLE_ABOVE = 0  # estimate this map as a bigger one would be
    started = time.process_time()
    estimate, sample = centrality.broker_betweenness(ties, seed=20240601)
    estimate_s = time.process_time() - started
    assert sample is not None
    top = np.argsort(-exact)[:20]
    error = np.abs(estimate[top] - exact[top])
    within = error / sample.standard_error[top]
    kept = len(set(np.argsort(-exact)[:10].tolist()) & set(np.argsort(-estimate)[:10].tolist()))
    print(f"{n:,} stakeholders, {ties.m:,} ties; {sample.pivots} pivots in {sample.groups} groups")
    print(f"exact {exact_s:.1f} s CPU, estimate {estimate_s:.1f} s CPU")
    print(f"top 20: exact values {exact[top].min():.4f}-{exact[top].max():.4f}")
    print(
        f"largest error {error.max() * 100:.2f} percentage points; "
        f"largest relative error {np.max(error / exact[top]) * 100:.1f}%"
    )
    print(f"within 1 SE: {np.mean(within <= 1):.0%}; within 2 SE: {np.mean(within <= 2):.0%}")
    print(f"top 10 shared: {kept} of 10")


if __name__ == "__main__":
    main(sys.argv[1:])
