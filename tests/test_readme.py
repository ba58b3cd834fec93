"""README's quick-start commands are the ones CI runs."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def quick_start_commands() -> list[str]:
    readme = (REPO / "README.md").read_text(encoding="utf-8")
    section = readme.split("## Quick start", 1)[1].split("\n## ", 1)[0]
    return re.findall(r"```sh\n(.+?)\n```", section)


def test_quick_start_has_exactly_two_commands() -> None:
    commands = quick_start_commands()
    assert len(commands) == 2
    assert "sysmap reoffending" in commands[0]
    assert "pytest" in commands[1]


def test_ci_runs_the_readme_test_command_verbatim() -> None:
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    assert ci.startswith("#!/usr/bin/env bash")
    assert "set -euo pipefail" in ci.splitlines()[:6]
    assert quick_start_commands()[1] in ci.splitlines()


def test_ci_stops_when_the_install_fails(tmp_path: Path) -> None:
    # Under `set -e`, `install && test` carries on after a failed install; CI must not.
    ci = (REPO / ".ci" / "run").read_text(encoding="utf-8")
    command = quick_start_commands()[1]
    lines = ci.splitlines()
    after = lines[lines.index(command) + 1 :]
    script = "\n".join(["set -euo pipefail", "false && true", *after[:2], "echo went-on"])
    result = subprocess.run(["bash", "-c", script], capture_output=True, text=True)
    assert result.returncode == 1
    assert "went-on" not in result.stdout
