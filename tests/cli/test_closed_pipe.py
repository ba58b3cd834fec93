"""A command whose reader stops early ends quietly (``sysmap analyse MAP | head``)."""

from __future__ import annotations

import subprocess
import sys


def test_a_closed_pipe_ends_the_command_quietly() -> None:
    # The JSON briefing of an example is far larger than a pipe's buffer (64 KB), so the
    # command is still writing when the reader goes away.
    command = [sys.executable, "-m", "sysmap", "analyse", "reoffending", "--format", "json"]
    process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert process.stdout is not None
    assert process.stderr is not None
    assert process.stdout.read(100).startswith(b"{")
    process.stdout.close()
    error = process.stderr.read().decode()
    assert process.wait(timeout=120) == 141
    assert error == ""
