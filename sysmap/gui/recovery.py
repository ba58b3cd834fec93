"""Recovery copies of unsaved maps, kept in the user's own data folder, never beside a map.

Each run of the app owns a *session* folder under ``<data>/sysmap/recovery/``, locked
(:class:`QLockFile`) for as long as the run lasts. Every open map with unsaved changes has
one *entry* in it: the map as native GraphML (``<key>.graphml``) and a small manifest
(``<key>.json``: title, the file it came from, its format, when it was copied), each written
atomically, the map first. A run that ends normally removes its entries as maps are saved,
discarded or closed, then its folder. A run that was killed leaves its folder behind with a
stale lock; the next run finds those entries (:func:`orphaned_entries`) and offers them.

The folder is private to the user (mode 0700): maps are sensitive.
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import shutil
import threading
import uuid
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from PySide6.QtCore import QLockFile, QStandardPaths

from sysmap.gui.settings import ORGANISATION, testing
from sysmap.io import atomic_write, load_map, tidy_folder
from sysmap.io.file_state import FileState
from sysmap.model.system_map import SystemMap

MANIFEST_VERSION = 1
_log = logging.getLogger(__name__)
_LOCK = "session.lock"


def recovery_root() -> Path:
    """Where recovery copies live: the per-user data folder (``~/.local/share/sysmap``)."""
    QStandardPaths.setTestModeEnabled(testing())
    folder = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.GenericDataLocation)
    return Path(folder) / ORGANISATION / "recovery"


@dataclass(frozen=True)
class RecoveryEntry:
    """One recovery copy: a map and what the manifest says about it."""

    folder: Path
    key: str
    title: str
    original: Path | None
    """The file the map was opened from or saved to, if any."""
    native: bool
    """Whether Save may write straight back to ``original`` (a sysmap GraphML map)."""
    original_state: FileState | None
    """What ``original`` held when the map was opened or last saved, if known."""
    format: str
    saved_at: datetime
    stakeholders: int
    relationships: int

    @property
    def map_path(self) -> Path:
        """The copy of the map."""
        return self.folder / f"{self.key}.graphml"

    @property
    def manifest_path(self) -> Path:
        """What the copy is."""
        return self.folder / f"{self.key}.json"

    def load(self) -> SystemMap:
        """Read the copied map back.

        Raises
        ------
        MapFileError
            If the copy is missing or damaged.
        """
        return load_map(self.map_path).map


def manifest(
    system_map: SystemMap,
    original: Path | None,
    native: bool,
    fmt: str,
    original_state: FileState | None = None,
) -> dict[str, Any]:
    """What a recovery copy records about the map it holds.

    The original's path is kept absolute and resolved (the app may be restarted from another
    folder), with what the file held, so a restore can tell whether it changed since.
    """
    return {
        "sysmap_recovery": MANIFEST_VERSION,
        "title": system_map.title,
        "original_path": str(original.resolve()) if original is not None else None,
        "original_state": original_state.to_json() if original_state is not None else None,
        "native": native,
        "format": fmt,
        "saved_at": datetime.now(UTC).isoformat(timespec="seconds"),
        "stakeholders": system_map.stakeholder_count,
        "relationships": system_map.relationship_count,
    }


class RecoverySession:
    """This run's folder of recovery copies, locked while the app runs."""

    def __init__(self, root: Path | None = None) -> None:
        self.root = root or recovery_root()
        _private_folder(self.root)
        self.folder = self.root / f"{os.getpid()}-{uuid.uuid4().hex[:8]}"
        _private_folder(self.folder)
        self._lock = QLockFile(str(self.folder / _LOCK))
        self._lock.setStaleLockTime(0)  # only a dead process makes the lock stale
        self._lock.tryLock(0)

    def new_key(self) -> str:
        """A name for a new entry."""
        return uuid.uuid4().hex[:12]

    def write(self, key: str, graphml: bytes, about: dict[str, Any]) -> None:
        """Write (or replace) an entry atomically: the map first, then its manifest.

        Raises
        ------
        MapFileError
            If the folder cannot be written (a full disk, for instance).
        """
        _private_folder(self.folder)
        atomic_write(self.folder / f"{key}.graphml", graphml, keep_backup=False)
        text = json.dumps(about, ensure_ascii=False, indent=1).encode("utf-8")
        atomic_write(self.folder / f"{key}.json", text, keep_backup=False)

    def remove(self, key: str) -> None:
        """Delete an entry (the map was saved, discarded or closed)."""
        for suffix in (".json", ".graphml"):  # manifest first: a half-removed entry is ignored
            with contextlib.suppress(FileNotFoundError):
                (self.folder / f"{key}{suffix}").unlink()

    def adopt(self, entry: RecoveryEntry) -> str:
        """Move an entry from a dead run into this one; return its key here."""
        _private_folder(self.folder)
        os.replace(entry.map_path, self.folder / entry.map_path.name)
        os.replace(entry.manifest_path, self.folder / entry.manifest_path.name)
        tidy(entry.folder)
        return entry.key

    def close(self) -> None:
        """At a normal exit: unlock, and remove the folder if nothing is left in it."""
        self._lock.unlock()
        if not any(self.folder.glob("*.json")) and not any(self.folder.glob("*.graphml")):
            shutil.rmtree(self.folder, ignore_errors=True)


_session: RecoverySession | None = None


def current_session() -> RecoverySession:
    """This run's session (made the first time; again if the data folder moved, as in tests)."""
    global _session
    if _session is None or _session.root != recovery_root():
        _session = RecoverySession()
    return _session


def close_session() -> None:
    """End this run's session, if one was started (connected to the app's quit)."""
    global _session
    if _session is not None:
        _session.close()
        _session = None


def orphaned_entries(root: Path | None = None) -> list[RecoveryEntry]:
    """Entries left by runs that ended without closing their maps, newest first."""
    root = root or recovery_root()
    own = _session.folder if _session is not None else None
    found: list[RecoveryEntry] = []
    for folder in sorted(root.glob("*")) if root.is_dir() else []:
        if folder == own or not folder.is_dir() or _alive(folder):
            continue
        tidy_folder(folder)  # half-written copies of a save the crash interrupted
        found += [e for m in sorted(folder.glob("*.json")) if (e := _read_entry(m)) is not None]
        tidy(folder)
    return sorted(found, key=lambda e: e.saved_at, reverse=True)


def tidy_recent_folders(paths: list[Path]) -> threading.Thread:
    """Remove, in the background, what saves killed by a crash left beside recent maps.

    Only sysmap's own unlocked temporary files go (:func:`sysmap.io.tidy_folder`); a folder
    on a slow network drive only delays this thread, never the window.
    """

    def work() -> None:
        for folder in sorted({path.parent for path in paths}):
            try:
                tidy_folder(folder)
            except Exception:  # tidying must never stop the app
                _log.warning("Could not tidy %s", folder, exc_info=True)

    thread = threading.Thread(target=work, name="sysmap-tidy", daemon=True)
    thread.start()
    return thread


def discard(entry: RecoveryEntry) -> None:
    """Delete an entry the user chose not to restore."""
    for path in (entry.manifest_path, entry.map_path):
        with contextlib.suppress(FileNotFoundError):
            path.unlink()
    tidy(entry.folder)


def tidy(folder: Path) -> None:
    """Remove a session folder that holds no entry any more (nor a run that holds it)."""
    if not folder.is_dir() or any(folder.glob("*.json")) or any(folder.glob("*.graphml")):
        return
    if folder != (_session.folder if _session is not None else None) and not _alive(folder):
        shutil.rmtree(folder, ignore_errors=True)


def _alive(folder: Path) -> bool:
    """Whether a running app holds this session's lock."""
    lock = QLockFile(str(folder / _LOCK))
    lock.setStaleLockTime(0)
    if lock.tryLock(0):
        lock.unlock()
        return False
    return lock.error() == QLockFile.LockError.LockFailedError


def _read_entry(manifest_path: Path) -> RecoveryEntry | None:
    try:
        about = json.loads(manifest_path.read_text(encoding="utf-8"))
        original = about.get("original_path")
        entry = RecoveryEntry(
            folder=manifest_path.parent,
            key=manifest_path.stem,
            title=str(about.get("title") or "Untitled map"),
            original=Path(original) if isinstance(original, str) else None,
            native=bool(about.get("native")),
            original_state=FileState.from_json(about.get("original_state")),
            format=str(about.get("format") or ""),
            saved_at=datetime.fromisoformat(str(about["saved_at"])),
            stakeholders=int(about.get("stakeholders") or 0),
            relationships=int(about.get("relationships") or 0),
        )
    except (OSError, ValueError, KeyError, TypeError):
        return None  # a manifest cut short by the crash: its copy cannot be described
    return entry if entry.map_path.is_file() else None


def _private_folder(folder: Path) -> None:
    folder.mkdir(parents=True, exist_ok=True, mode=0o700)
    with contextlib.suppress(OSError):
        folder.chmod(0o700)
