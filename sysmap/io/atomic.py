"""Write files so that a crash, a full disk or a locked folder never leaves half a map.

The bytes go to a temporary file in the same folder (``.NAME.XXXXXXXX.saving``), which is
flushed and fsynced and then renamed over the target in one step. The previous version is
kept beside it as ``<name>.bak`` (a hard link where the file system allows, so the target
never disappears even for an instant). If anything fails, the original is left byte for byte
as it was.

An export made of several files (a CSV table of stakeholders and one of relationships) is
written with :func:`atomic_write_many`: every temporary file is written first, and only when
all are on disk are they renamed, so a full disk leaves every old file as it was rather than
a new table beside an old one.

A temporary file is locked while it is written. One left behind by a save that was killed
(no lock holds it) is removed by the next save into that folder, or by :func:`tidy_folder`
when the app starts.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import tempfile
from pathlib import Path

from sysmap.model.errors import MapFileError

try:  # POSIX: a lock says a temporary file is being written
    import fcntl
except ImportError:  # Windows: a file being written cannot be deleted anyway
    fcntl = None  # type: ignore[assignment]

_SUFFIX = ".saving"
_TEMPORARY = re.compile(r"\..+\.[a-z0-9_]{8}\.saving")
"""sysmap's own temporary files (``tempfile.mkstemp`` adds eight such characters)."""


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
    atomic_write_many({Path(path): data}, keep_backup=keep_backup)


def atomic_write_many(files: dict[Path, bytes], *, keep_backup: bool = True) -> None:
    """Replace several files together: all of them, or (if any cannot be written) none.

    Raises
    ------
    MapFileError
        Naming the file that could not be written; every file on disk is as it was.
    """
    folders = {_folder(path) for path in files}
    for folder in folders:
        tidy_folder(folder)
    pending: list[tuple[Path, Path, int]] = []
    try:
        for path, data in files.items():
            tmp, fd = _write_temporary(path, data)
            pending.append((path, tmp, fd))
        _replace_all([(path, tmp) for path, tmp, _ in pending], keep_backup)
    finally:
        for _, tmp, fd in pending:
            with contextlib.suppress(OSError):
                os.close(fd)  # releases the lock
            with contextlib.suppress(OSError):
                tmp.unlink()  # gone already when it was renamed into place
    for folder in folders:
        _sync_folder(folder)


def _folder(path: Path) -> Path:
    return path.parent  # Path("map.graphml").parent is Path("."), never empty


def _write_temporary(path: Path, data: bytes) -> tuple[Path, int]:
    """Write ``data`` to a locked, fsynced temporary file beside ``path``.

    Returns the temporary file and a descriptor that holds its lock, for the caller to close.
    """
    try:
        fd, tmp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=_SUFFIX, dir=_folder(path))
    except OSError as exc:
        raise _save_error(path, exc) from None
    tmp = Path(tmp_name)
    try:
        if fcntl is not None:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
        view = memoryview(data)
        while view:
            view = view[os.write(fd, view) :]
        os.fsync(fd)
        if path.exists():
            shutil.copymode(path, tmp)
        else:
            # mkstemp makes the file private (0600); a new map gets the usual permissions.
            os.chmod(tmp, 0o666 & ~_current_umask())
    except OSError as exc:
        os.close(fd)
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise _save_error(path, exc) from None
    if os.name == "nt":  # Windows cannot rename a file that is open
        os.close(fd)
        fd = os.open(os.devnull, os.O_RDONLY)
    return tmp, fd


def _replace_all(pairs: list[tuple[Path, Path]], keep_backup: bool) -> None:
    """Rename each temporary file over its target; undo the ones done if one fails."""
    done: list[tuple[Path, Path | None]] = []
    try:
        for path, tmp in pairs:
            previous = None
            if path.exists():
                previous = _keep_backup(path) if keep_backup or len(pairs) > 1 else None
            os.replace(tmp, path)
            done.append((path, previous))
    except OSError as exc:
        for target, previous in reversed(done):  # put back what was there before
            with contextlib.suppress(OSError):
                if previous is not None:
                    shutil.copy2(previous, target)
                else:
                    target.unlink()
        raise _save_error(path, exc) from None


def tidy_folder(folder: Path) -> int:
    """Remove temporary files a killed save left in ``folder``; return how many.

    Only sysmap's own pattern (``.NAME.XXXXXXXX.saving``) is touched, and only files no
    save holds locked; anything that cannot be removed is left, quietly.
    """
    removed = 0
    try:
        candidates = [p for p in folder.iterdir() if _TEMPORARY.fullmatch(p.name)]
    except OSError:
        return 0
    for candidate in candidates:
        if _remove_if_stale(candidate):
            removed += 1
    return removed


def _remove_if_stale(path: Path) -> bool:
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0))
    except OSError:
        return False
    try:
        if fcntl is not None:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except OSError:
                return False  # a save is writing it right now
        os.unlink(path)
        return True
    except OSError:
        return False
    finally:
        os.close(fd)


def _current_umask() -> int:
    mask = os.umask(0)
    os.umask(mask)
    return mask


def _keep_backup(path: Path) -> Path:
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
    return backup


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
