"""The example systems that ship with sysmap, by short name."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from sysmap._data import data_dir


@dataclass(frozen=True)
class Example:
    """A shipped example map: its short name, file and one line on what it shows."""

    name: str
    file_name: str
    summary: str

    @property
    def path(self) -> Path:
        """Where the example's GraphML file is installed."""
        return data_dir("examples") / self.file_name


EXAMPLES: tuple[Example, ...] = (
    # A summary is "Title: one line"; the start page and the Examples menu split it there.
    Example(
        "reoffending",
        "reoffending.graphml",
        "Reducing reoffending: a prison leaver's way back in Greater Manchester",
    ),
    Example(
        "rough-sleeping",
        "rough-sleeping.graphml",
        "Ending rough sleeping: Birmingham's homelessness system and exempt housing",
    ),
    Example(
        "addiction",
        "addiction.graphml",
        "Tackling addiction: drug and alcohol treatment and recovery in Blackpool",
    ),
    Example(
        "levelling-up",
        "levelling-up.graphml",
        "Levelling up a place: regeneration in Middlesbrough and the Tees Valley",
    ),
)


WORKSHOP_TABLES: tuple[Example, ...] = (
    # The reoffending system as three tables of a workshop drew it: partial maps that name
    # things their own way, for trying out ``sysmap merge`` and File ▸ Merge maps.
    Example(
        "reoffending-justice",
        "reoffending-workshop/justice-table.graphml",
        "Reoffending workshop, justice & probation table: prisons, probation, courts, police",
    ),
    Example(
        "reoffending-health",
        "reoffending-workshop/health-table.graphml",
        "Reoffending workshop, health & housing table: health care, treatment, a first night's bed",
    ),
    Example(
        "reoffending-community",
        "reoffending-workshop/community-table.graphml",
        "Reoffending workshop, community & work table: benefits, jobs, charities, families",
    ),
)


def find_example(name: str) -> Example | None:
    """Return the example (or workshop table) with this short name (case-insensitive), or
    ``None``."""
    wanted = name.strip().lower().replace("_", "-")
    return next((e for e in (*EXAMPLES, *WORKSHOP_TABLES) if e.name == wanted), None)


def resolve_map_path(text: str) -> Path:
    """Turn what a user typed (a path, or an example's short name) into a path.

    A file that exists wins over an example of the same name.
    """
    path = Path(text).expanduser()
    if path.exists():
        return path
    example = find_example(text)
    return example.path if example is not None else path
