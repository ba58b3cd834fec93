"""Run sysmap as ``python -m sysmap``."""

from __future__ import annotations

from sysmap.cli.main import main

if __name__ == "__main__":
    raise SystemExit(main())
