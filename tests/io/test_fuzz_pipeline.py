"""A crash-proof pipeline: damaged real files through everything a user does with a file.

Each example takes a real file (an example map, a file another tool wrote, or one sysmap
wrote in each format), damages it as in ``test_fuzz_readers.py``, and runs it, in a child
process, through the commands a user runs: ``info``; ``export`` to PNG, SVG and PDF;
``report``; and ``export`` to every format sysmap writes. A file may be refused (exit 1, one
sentence); the test fails on a signal (a segmentation fault, an abort), a Python traceback,
an "unexpected error", or any other exit status. A bad colour once crashed every picture with
a segmentation fault, which no in-process test can survive to report.

A few examples run by default; for a long run (random examples, not the same every time)::

    SYSMAP_PIPELINE_EXAMPLES=400 python -m pytest tests/io/test_fuzz_pipeline.py
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.io.test_fuzz_readers import (
    EXTENSIONS,
    SEEDS,
    mutate,
    needs_interop,
    seed_bytes,
    write_case,
)

EXAMPLES = int(os.environ.get("SYSMAP_PIPELINE_EXAMPLES", "6"))
PIPELINE = settings(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize="SYSMAP_PIPELINE_EXAMPLES" not in os.environ,
    suppress_health_check=[
        HealthCheck.function_scoped_fixture,
        HealthCheck.too_slow,
        HealthCheck.data_too_large,
    ],
)
OUTPUTS = (".png", ".svg", ".pdf", ".html", ".graphml", ".gexf", ".json", ".xlsx", ".zip", ".csv")

# Runs in the child: every step in turn, each step's exit status and words kept; a signal
# kills the child, and the parent sees it in the return code and the last step begun.
_RUNNER = r"""
import contextlib, io, json, sys
from sysmap.cli.main import main

source, folder = sys.argv[1], sys.argv[2]
steps = [["info", source]]
for suffix in sys.argv[3:]:
    command = "report" if suffix == ".html" else "export"
    extra = ["--permutations", "50"] if command == "report" else []
    steps.append([command, source, "-o", f"{folder}/out{suffix}", *extra])
results = []
for step in steps:
    print("step", " ".join(step[:1] + step[3:4]), file=sys.__stderr__, flush=True)
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(step)
        except SystemExit as exc:
            code = exc.code
    results.append({"step": step[0] + " " + (step[3] if len(step) > 3 else ""),
                    "code": code, "stderr": err.getvalue()[-2000:]})
print(json.dumps(results))
"""


def run_pipeline(path: Path, out: Path) -> list[dict[str, object]]:
    """Run every step on ``path``; fail on a signal, a traceback or an unexpected error."""
    out.mkdir(exist_ok=True)
    done = subprocess.run(
        [sys.executable, "-c", _RUNNER, str(path), str(out), *OUTPUTS],
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    last = [line for line in done.stderr.splitlines() if line.startswith("step ")][-1:]
    assert done.returncode >= 0, f"killed by signal {-done.returncode} at {last}: {path}"
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(done.stdout.splitlines()[-1])
    for result in results:
        said = str(result["stderr"])
        assert result["code"] in (0, 1), result
        assert "Traceback" not in said, result
        assert "unexpected error" not in said, result
        if result["code"] == 1:  # refused: one sentence that names the file
            assert said.startswith("sysmap: Cannot "), result
    return results


@pytest.mark.parametrize("seed", ["reoffending.graphml"])
def test_the_pipeline_runs_on_an_undamaged_map(tmp_path: Path, seed: str) -> None:
    results = run_pipeline(write_case(tmp_path, seed, seed_bytes(seed)), tmp_path / "out")
    assert [r["code"] for r in results] == [0] * (1 + len(OUTPUTS))
    assert all((tmp_path / "out" / f"out{suffix}").stat().st_size > 0 for suffix in OUTPUTS)


@pytest.mark.timeout(max(300, 60 * EXAMPLES))  # a long run takes as long as it takes
@PIPELINE
@given(data=st.data())
def test_damaged_files_never_crash_any_step(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, data: st.DataObject
) -> None:
    seed = data.draw(st.sampled_from(SEEDS), label="seed")
    needs_interop(request, seed)
    content = mutate(data, seed_bytes(seed))
    suffix = data.draw(st.sampled_from([Path(seed).suffix] * 3 + EXTENSIONS), label="ext")
    folder = tmp_path_factory.mktemp("case")
    path = write_case(folder, Path(seed).stem + suffix, content)
    run_pipeline(path, folder / "out")
