"""Write files so that a crash, a full disk or a locked folder never leaves half a map.

The bytes go to a temporary file in the same folder, which is flushed and fsynced and then
renamed over the target in one step. The previous version is kept beside it as
``<name>.bak`` (a hard link where the file system allows, so the target never disappears
even for an instant). If anything fails, the original is left byte for byte as it was.
"""

from __future__ import annotations

import contextlib
import errno
import os
import shutil
import tempfile
from pathlib import Path

from sysmap.model.errors import MapFileError


def backup_path(path: Path) -> Path:
    """Return where the previous version of ``path`` is kept."""
    return path.with_name(path.name + ".bak")


def atomic_write(path: Path, data: bytes, *, keep_backup: bool = True) -> None:
    """Replace ``path`` with ``data`` atomically, keeping the old file as a backup.

    Parameters
    ----------
    path : pathlib.Path
        The file to write. Its folder must exist.
    data : bytes
        The complete new content.
    keep_backup : bool
        Keep the previous version as ``<name>.bak``.

    Raises
    ------
    MapFileError
        With a sentence saying why (read-only folder, full disk…); the original is untouched.
    """
    path = Path(path)
    folder = path.parent if str(path.parent) else Path(".")
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".saving", dir=folder)
    except OSError as exc:
        raise _save_error(path, exc) from None
    tmp = Path(tmp_name)
    try:
        with os.fdopen(fd, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            shutil.copymode(path, tmp)
            if keep_backup:
                _keep_backup(path)
        else:
            # mkstemp makes the file private (0600); a new map gets the usual permissions.
            os.chmod(tmp, 0o666 & ~_current_umask())
        os.replace(tmp, path)
    except OSError as exc:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise _save_error(path, exc) from None
    _sync_folder(folder)


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _keep_backup(path: Path) -> None:
    backup = backup_path(path)
    staging = backup.with_name(backup.name + ".new")
    with contextlib.suppress(FileNotFoundError):
        staging.unlink()
    try:
        try:
            os.link(path, staging)
        except OSError:
            shutil.copy2(path, staging)
        os.replace(staging, backup)
    except OSError:
        with contextlib.suppress(OSError):
            staging.unlink()  # leave nothing behind but the file as it was
        raise


def _sync_folder(folder: Path) -> None:
    # Make the rename itself durable; not every platform can open a folder, which is fine.
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)


_IN_USE = "the file is locked by another program"


def _save_error(path: Path, exc: OSError) -> MapFileError:
    reasons = {
        errno.ENOSPC: ("the disk is full", "Free some space, or save somewhere else."),
        errno.EDQUOT: ("your disk quota is used up", "Free some space, or save elsewhere."),
        errno.EACCES: ("you do not have permission to write there", "Save it in another folder."),
        errno.EPERM: ("the file or folder is locked or read-only", "Save it in another folder."),
        errno.EROFS: ("the disk is read-only", "Save it in another folder."),
        errno.ENOENT: ("the folder does not exist", "Choose an existing folder."),
        errno.EISDIR: ("that name is a folder", "Choose a file name."),
        errno.ENOTDIR: ("part of the path is a file, not a folder", "Choose an existing folder."),
        errno.EBUSY: (_IN_USE, "Close it there, or save it under another name."),
        errno.ETXTBSY: (_IN_USE, "Close it there, or save it under another name."),
    }
    if getattr(exc, "winerror", None) in (32, 33):  # Windows: sharing or lock violation
        problem, hint = reasons[errno.EBUSY]
    else:
        problem, hint = reasons.get(exc.errno or 0, (f"the system said: {exc.strerror}", ""))
    return MapFileError(
        str(path),
        f"{problem}, so nothing was written and the file on disk is unchanged",
        hint=hint,
        action="save",
    )
