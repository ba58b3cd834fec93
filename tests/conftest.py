"""Shared test set-up: offscreen Qt, isolated settings, and paths to shared fixtures."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, settings

# Hypothesis times each example by default (a 200 ms deadline, and a health check that fails a
# test whose data is slow to generate): timings that a busy machine breaks. Tests assert
# behaviour; budgets live in tests/benchmarks.
settings.register_profile("sysmap", deadline=None, suppress_health_check=[HealthCheck.too_slow])
settings.load_profile("sysmap")

# Qt must never try to reach a display in tests, and must never touch a user's settings.
os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("SYSMAP_TESTING", "1")

REPO = Path(__file__).resolve().parent.parent
INTEROP = REPO.parent / "shared" / "interop"


@pytest.fixture(autouse=True)
def _isolated_home(
    tmp_path_factory: pytest.TempPathFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Point every per-user location (settings, recovery files, logs) at a temp folder."""
    home = tmp_path_factory.mktemp("home")
    monkeypatch.setenv("HOME", str(home))
    monkeypatch.setenv("XDG_CONFIG_HOME", str(home / ".config"))
    monkeypatch.setenv("XDG_DATA_HOME", str(home / ".local" / "share"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(home / ".cache"))
    monkeypatch.setenv("XDG_STATE_HOME", str(home / ".local" / "state"))


PATIENT_MS = 30_000
"""How long a test waits for something the app does by itself (a worker's result, a repaint)
when the test names no limit: pytest-qt's default of 5 s is a timing a busy machine can
miss. A wait that succeeds returns as soon as its condition holds, so this costs nothing."""


@pytest.fixture(autouse=True)
def _patient_waits(monkeypatch: pytest.MonkeyPatch) -> None:
    """Give pytest-qt's waits :data:`PATIENT_MS` unless a test says otherwise."""
    try:
        from pytestqt.qtbot import QtBot
    except ImportError:  # pragma: no cover - the Qt tests need pytest-qt anyway
        return
    for name in ("waitUntil", "waitSignal", "waitSignals", "waitExposed", "waitActive"):
        monkeypatch.setattr(QtBot, name, _patient(getattr(QtBot, name)))


def _patient(wait):  # type: ignore[no-untyped-def]
    def patient(self, *args, timeout: int = PATIENT_MS, **kwargs):  # type: ignore[no-untyped-def]
        return wait(self, *args, timeout=timeout, **kwargs)

    return patient


@pytest.fixture
def interop_dir() -> Path:
    """The folder of real files written by other tools; skip only where it is absent."""
    if not INTEROP.is_dir():
        pytest.skip("../shared/interop is not present in this checkout")
    return INTEROP
