"""Broken and hostile files are refused with a sentence; saves never leave half a map."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sysmap.io import atomic_write, backup_path, load_map, save_map
from sysmap.model import MapFileError, Stakeholder, SystemMap

BILLION_LAUGHS = """<?xml version="1.0"?>
<!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;">
<!ENTITY lol3 "&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;&lol2;">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">
<node id="n0"><data key="label">&lol3;</data></node></graph></graphml>"""

EXTERNAL_ENTITY = """<?xml version="1.0"?>
<!DOCTYPE g [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns"><graph edgedefault="directed">
<node id="n0"><data key="label">&xxe;</data></node></graph></graphml>"""

GRAPHML_HEAD = (
    '<?xml version="1.0"?><graphml xmlns="http://graphml.graphdrawing.org/xmlns">'
    '<key id="x" for="node" attr.name="x" attr.type="double"/>'
    '<key id="y" for="node" attr.name="y" attr.type="double"/>'
    '<graph edgedefault="directed">'
)


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (BILLION_LAUGHS, "declares XML entities"),
        (EXTERNAL_ENTITY, "declares XML entities"),
        ("<graphml><graph>", "ends before the XML is complete"),
        ("\x89PNG\r\n\x1a\n\x00\x00binary", "binary data, not a map"),
        ('<?xml version="1.0"?><svg></svg>', "XML but not a GraphML map"),
        (GRAPHML_HEAD + '<node id="a"/><node id="a"/></graph></graphml>', "used twice"),
        (
            GRAPHML_HEAD + '<node id="a"/><edge source="a" target="b"/></graph></graphml>',
            "does not define",
        ),
        (
            GRAPHML_HEAD + '<node id="a"><data key="x">NaN</data><data key="y">1</data></node>'
            "</graph></graphml>",
            "not a number",
        ),
        ("<graphml>" + "<graph>" * 500 + "</graph>" * 500 + "</graphml>", "nested more than"),
        ("", "the file is empty"),
        ("   \n", "the file is empty"),
    ],
)
def test_bad_files_are_refused_with_one_sentence_and_left_untouched(
    tmp_path: Path, content: str, message: str
) -> None:
    path = tmp_path / "received.graphml"
    path.write_bytes(content.encode("utf-8", "surrogateescape"))
    before = path.read_bytes()
    with pytest.raises(MapFileError, match=message) as info:
        load_map(path)
    assert str(path) in str(info.value)
    assert "Traceback" not in str(info.value)
    assert path.read_bytes() == before


def test_a_missing_file_says_so(tmp_path: Path) -> None:
    with pytest.raises(MapFileError, match="does not exist"):
        load_map(tmp_path / "nowhere.graphml")


def test_save_keeps_the_previous_version_as_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "map.graphml"
    m = SystemMap("First")
    save_map(m, path)
    first = path.read_bytes()
    m.add_stakeholder(Stakeholder("Jobcentre Plus"))
    save_map(m, path)
    assert backup_path(path).read_bytes() == first
    assert load_map(path).map == m
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".saving")] == []


@pytest.mark.parametrize(
    ("where", "error", "message"),
    [
        ("tempfile.mkstemp", PermissionError(13, "Permission denied"), "permission"),
        ("os.replace", PermissionError(1, "Operation not permitted"), "locked or read-only"),
        ("tempfile.mkstemp", OSError(30, "Read-only file system"), "read-only"),
    ],
)
def test_a_failed_save_leaves_the_original_byte_identical(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, where: str, error: OSError, message: str
) -> None:
    path = tmp_path / "map.graphml"
    save_map(SystemMap("Original"), path)
    before = path.read_bytes()

    def refuse(*args: object, **kwargs: object) -> None:
        raise error

    monkeypatch.setattr(where, refuse)
    with pytest.raises(MapFileError, match=message) as info:
        save_map(SystemMap("Changed"), path)
    assert str(info.value).startswith(f"Cannot save {path}")
    assert path.read_bytes() == before
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".saving")]


def test_a_failed_write_mid_way_leaves_the_original(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "map.graphml"
    path.write_bytes(b"original")

    def full_disk(fd: int) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(MapFileError, match="the disk is full") as caught:
        atomic_write(path, b"new content")
    assert str(path) in str(caught.value)  # which file could not be saved
    assert path.read_bytes() == b"original"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.graphml"]


def test_a_new_file_gets_the_usual_permissions(tmp_path: Path) -> None:
    path = tmp_path / "new.graphml"
    save_map(SystemMap("New"), path)
    mask = os.umask(0)
    os.umask(mask)
    assert path.stat().st_mode & 0o777 == 0o666 & ~mask


def test_a_save_replaces_the_file_whole_rather_than_writing_into_it(tmp_path: Path) -> None:
    # A program reading the map while it is saved (a sync client, a second window) keeps
    # reading the whole old file: the new one is renamed into place, never written over it.
    path = tmp_path / "map.graphml"
    atomic_write(path, b"the old map, in full")
    with path.open("rb") as reader:
        atomic_write(path, b"the new map")
        assert reader.read() == b"the old map, in full"
    assert path.read_bytes() == b"the new map"
    assert backup_path(path).read_bytes() == b"the old map, in full"


def test_the_backup_is_named_after_the_map(tmp_path: Path) -> None:
    path = tmp_path / "reoffending.graphml"
    atomic_write(path, b"first")
    atomic_write(path, b"second")
    assert (tmp_path / "reoffending.graphml.bak").read_bytes() == b"first"
    assert backup_path(path) == tmp_path / "reoffending.graphml.bak"


def test_without_a_backup_no_backup_is_left(tmp_path: Path) -> None:
    path = tmp_path / "map.graphml"
    atomic_write(path, b"first", keep_backup=False)
    atomic_write(path, b"second", keep_backup=False)
    assert path.read_bytes() == b"second"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.graphml"]


def test_the_new_file_is_written_beside_the_map_under_a_name_tidying_knows(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Renamed into place from the same folder (a rename across disks is not atomic), under
    # a hidden name with the suffix tidy_folder looks for, so a crash leaves nothing visible.
    from sysmap.io import atomic

    renamed: list[tuple[Path, Path]] = []
    real_replace = os.replace

    def spy(source: str | Path, target: str | Path) -> None:
        renamed.append((Path(source), Path(target)))
        real_replace(source, target)

    monkeypatch.setattr(atomic.os, "replace", spy)
    path = tmp_path / "map.graphml"
    atomic_write(path, b"data", keep_backup=False)
    [source] = [s for s, t in renamed if t == path]
    assert source.parent == tmp_path
    assert source.name.startswith(".map.graphml.")
    assert source.name.endswith(atomic._SUFFIX)
    assert not source.exists()


@pytest.mark.parametrize("first_is_new", [False, True])
def test_writing_several_files_is_all_or_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, first_is_new: bool
) -> None:
    # The second rename fails: the first file, already replaced, is put back as it was (or,
    # if it did not exist before, removed again), and no temporary file is left behind.
    from sysmap.io import atomic

    first, second = tmp_path / "a.graphml", tmp_path / "b.graphml"
    if not first_is_new:
        atomic_write(first, b"old a", keep_backup=False)
    atomic_write(second, b"old b", keep_backup=False)
    real_replace = os.replace
    calls: list[Path] = []

    def failing(source: str | Path, target: str | Path) -> None:
        if Path(target).suffix == ".graphml":
            calls.append(Path(target))
            if len(calls) == 2:
                raise OSError(28, "No space left on device")
        real_replace(source, target)

    monkeypatch.setattr(atomic.os, "replace", failing)
    with pytest.raises(MapFileError, match=r"b\.graphml"):
        atomic.atomic_write_many({first: b"new a", second: b"new b"}, keep_backup=False)
    assert calls == [first, second]
    assert second.read_bytes() == b"old b"
    if first_is_new:
        assert not first.exists()
    else:
        assert first.read_bytes() == b"old a"
    left = sorted(p.name for p in tmp_path.iterdir() if not p.name.endswith(".bak"))
    assert left == (["b.graphml"] if first_is_new else ["a.graphml", "b.graphml"])


_CLOSE_IT = "Close it there, or save it under another name."


@pytest.mark.parametrize(
    ("code", "problem", "hint"),
    [
        ("ENOSPC", "the disk is full", "Free some space, or save somewhere else."),
        ("EDQUOT", "your disk quota is used up", "Free some space, or save elsewhere."),
        ("EACCES", "you do not have permission to write there", "Save it in another folder."),
        ("EPERM", "the file or folder is locked or read-only", "Save it in another folder."),
        ("EROFS", "the disk is read-only", "Save it in another folder."),
        ("ENOENT", "the folder does not exist", "Choose an existing folder."),
        ("EISDIR", "that name is a folder", "Choose a file name."),
        ("ENOTDIR", "part of the path is a file, not a folder", "Choose an existing folder."),
        ("EBUSY", "the file is locked by another program", _CLOSE_IT),
        ("ETXTBSY", "the file is locked by another program", _CLOSE_IT),
    ],
)
def test_each_failed_save_says_why_and_what_to_do(code: str, problem: str, hint: str) -> None:
    import errno

    from sysmap.io.atomic import _save_error

    error = _save_error(Path("plans") / "map.graphml", OSError(getattr(errno, code), "x"))
    text = str(error)
    assert text.startswith("Cannot save ")
    assert "map.graphml" in text
    assert f"{problem}, so nothing was written and the file on disk is unchanged" in text
    assert text.endswith(f"unchanged. {hint}")


@pytest.mark.parametrize("winerror", [32, 33])
def test_a_file_locked_on_windows_says_so(winerror: int) -> None:
    from sysmap.io.atomic import _save_error

    exc = OSError(13, "Access is denied")
    exc.winerror = winerror  # type: ignore[attr-defined]  # set by Python on Windows
    text = str(_save_error(Path("map.graphml"), exc))
    assert "the file is locked by another program" in text
    assert text.endswith(_CLOSE_IT)


def test_an_unknown_failure_quotes_the_system(tmp_path: Path) -> None:
    from sysmap.io.atomic import _save_error

    text = str(_save_error(tmp_path / "m.graphml", OSError(9999, "Gremlins in the disk")))
    assert "the system said: Gremlins in the disk, so nothing was written" in text
    assert text.endswith("the file on disk is unchanged.")  # no hint to add
    bare = str(_save_error(tmp_path / "m.graphml", OSError("no number")))
    assert "the system said" in bare  # not mistaken for a known reason


def test_a_backup_is_kept_where_hard_links_are_not_allowed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # Some shared drives refuse hard links: the previous version is copied instead.
    def no_links(source: object, target: object) -> None:
        raise OSError(1, "Operation not permitted")

    monkeypatch.setattr(os, "link", no_links)
    path = tmp_path / "map.graphml"
    atomic_write(path, b"first")
    atomic_write(path, b"second")
    assert backup_path(path).read_bytes() == b"first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.graphml", "map.graphml.bak"]


def test_tidying_never_follows_a_link(tmp_path: Path) -> None:
    # A link named like a left-over save is not sysmap's: it is left, and what it points
    # at is untouched.
    from sysmap.io.atomic import tidy_folder

    precious = tmp_path / "precious.graphml"
    precious.write_bytes(b"someone's map")
    link = tmp_path / ".map.graphml.abcd1234.saving"
    link.symlink_to(precious)
    assert tidy_folder(tmp_path) == 0
    assert link.is_symlink()
    assert precious.read_bytes() == b"someone's map"


def test_tidying_removes_only_stale_temporary_files(tmp_path: Path) -> None:
    from sysmap.io.atomic import tidy_folder

    stale = [tmp_path / ".map.graphml.abcd1234.saving", tmp_path / ".x.graphml.zz_00912.saving"]
    kept = [tmp_path / "map.graphml", tmp_path / ".map.graphml.short.saving", tmp_path / "a.saving"]
    for path in [*stale, *kept]:
        path.write_bytes(b"left by a save")
    assert tidy_folder(tmp_path) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(p.name for p in kept)
    assert tidy_folder(tmp_path) == 0
    assert tidy_folder(tmp_path / "missing") == 0


def test_a_backup_that_cannot_be_made_stops_the_save(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import shutil

    def refuse(*_args: object, **_kwargs: object) -> None:
        raise OSError(28, "No space left on device")

    path = tmp_path / "map.graphml"
    atomic_write(path, b"first")
    monkeypatch.setattr(os, "link", refuse)
    monkeypatch.setattr(shutil, "copy2", refuse)
    with pytest.raises(MapFileError, match="the disk is full"):
        atomic_write(path, b"second")
    assert path.read_bytes() == b"first"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["map.graphml"]  # nothing left


def test_tidying_counts_only_what_it_removed(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from sysmap.io import atomic

    left = tmp_path / ".map.graphml.abcd1234.saving"
    left.write_bytes(b"left by a save")

    def refuse(_path: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(atomic.os, "unlink", refuse)
    assert atomic.tidy_folder(tmp_path) == 0
    assert left.exists()
