"""What a file on disk was when a map was opened from it or saved to it.

Two windows (or sysmap and another program) can have the same map file open. Before Save
writes over the file, the window checks the file is still the one it opened or last saved:
same size and same content (a SHA-256 of its bytes). The time it was last changed is kept to
tell the user when the other writer saved. A file that only had its time touched, by a sync
tool for instance, counts as unchanged.
"""

from __future__ import annotations

import hashlib
import os
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path
from typing import Any

from sysmap.io.safe_xml import check_regular
from sysmap.model.errors import MapFileError

_CHUNK = 1 << 20


@dataclass(frozen=True)
class FileState:
    """A file's size, last change and content hash, at one moment."""

    size: int
    mtime_ns: int
    sha256: str

    @classmethod
    def of(cls, path: Path) -> FileState | None:
        """The state of the file at ``path`` now, or ``None`` if there is no such file.

        Raises
        ------
        MapFileError
            If the path is not a regular file or cannot be read.
        """
        try:
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise MapFileError(str(path), f"the file cannot be read ({exc.strerror})") from None
        with os.fdopen(fd, "rb") as stream:
            status = os.fstat(fd)
            check_regular(status.st_mode, str(path))
            digest = hashlib.sha256()
            while chunk := stream.read(_CHUNK):
                digest.update(chunk)
        return cls(status.st_size, status.st_mtime_ns, digest.hexdigest())

    def same_content(self, other: FileState | None) -> bool:
        """Whether ``other`` holds the same bytes (whatever its time says)."""
        return other is not None and (other.size, other.sha256) == (self.size, self.sha256)

    @property
    def changed_at(self) -> datetime:
        """When the file was last written, in local time."""
        return datetime.fromtimestamp(self.mtime_ns / 1e9).astimezone()

    def to_json(self) -> dict[str, Any]:
        """The state as a JSON object (kept in a recovery copy's manifest)."""
        return {"size": self.size, "mtime_ns": self.mtime_ns, "sha256": self.sha256}

    @classmethod
    def from_json(cls, data: object) -> FileState | None:
        """Read :meth:`to_json`'s object back; ``None`` if it is missing or malformed."""
        if not isinstance(data, dict):
            return None
        size, mtime, digest = data.get("size"), data.get("mtime_ns"), data.get("sha256")
        if not (isinstance(size, int) and isinstance(mtime, int) and isinstance(digest, str)):
            return None
        return cls(size, mtime, digest)
