"""Opening a map the way every front end wants it: names resolved, every stakeholder placed.

The command line and the desktop app both open maps through :func:`open_map`, so an
example's short name works everywhere, a file's own columns can be put onto sectors and
places as it opens, and a file without positions arrives laid out.
"""

from __future__ import annotations

from collections.abc import Sequence

from sysmap.io import LoadResult, load_map, resolve_map_path
from sysmap.io.remap import AttributeRemap, apply_remap
from sysmap.io.remap_fields import FieldReport
from sysmap.model.progress import current, part, report


def open_map(
    text: str, fmt: str | None = None, remaps: Sequence[AttributeRemap] = ()
) -> LoadResult:
    """Open a map from a path or an example's short name (``reoffending``…).

    Stakeholders the file left without a position are laid out around the placed ones.

    Parameters
    ----------
    text : str
        A path, or an example's short name.
    fmt : str, optional
        A format key, to override detection.
    remaps : sequence of AttributeRemap
        Columns to put onto sector, place, place level or kind (``Type=sector``); what
        each did is added to the result's notes.

    Raises
    ------
    MapFileError
        If the file cannot be used; the message says why.
    ValidationError
        If a remap names a column no stakeholder has.
    """
    with part(0.0, 0.8):  # of the whole opening, for a progress bar (sysmap.model.progress)
        result = load_map(resolve_map_path(text), fmt)
    if remaps:
        remap_columns(result, remaps)
    if result.unpositioned:
        from sysmap.layout import force_directed  # here: it loads scipy, which most maps skip

        graph = result.map.network()
        fixed = {
            n: (d["x"], d["y"]) for n, d in graph.nodes(data=True) if n not in result.unpositioned
        }
        with part(0.8, 1.0):
            positions = force_directed(graph, fixed=fixed, progress=current())
        result.map.move_stakeholders({n: positions[n] for n in result.unpositioned})
    report(1.0)
    return result


def remap_columns(
    result: LoadResult, remaps: Sequence[AttributeRemap], add_terms: bool = False
) -> None:
    """Put columns of a map just read onto its fields; notes and warnings follow suit.

    Raises
    ------
    ValidationError
        If a remap names a column no stakeholder has.
    """
    before = set(result.map.problems())
    placed: dict[str, set[str]] = {"x": set(), "y": set()}
    for remap in remaps:
        done = apply_remap(result.map, remap, add_terms=add_terms)
        result.notes += done.sentences()
        if isinstance(done, FieldReport) and done.target in placed:
            placed[done.target].update(done.changed)
    # A stakeholder given both coordinates from columns is placed: it is not laid out.
    result.unpositioned = result.unpositioned - (placed["x"] & placed["y"])
    _renew_reading_notes(result)
    # The map's vocabulary checks ran when it was read; say what is still true after remapping.
    result.warnings[:] = [w for w in result.warnings if w not in before]
    result.warnings += result.map.problems()


_NO_POSITION = " stakeholder(s) had no position and were placed automatically."
_NO_LABEL = " stakeholder(s) had no label; their ids are used as names."


def _renew_reading_notes(result: LoadResult) -> None:
    """Say again what the file lacked, now that columns may have filled it in."""
    kept = [w for w in result.warnings if not w.endswith((_NO_POSITION, _NO_LABEL))]
    count = result.map.stakeholder_count
    if result.unpositioned and len(result.unpositioned) < count:
        kept.append(f"{len(result.unpositioned)}{_NO_POSITION}")
    unlabelled = sum(1 for s in result.map.stakeholders() if s.label == s.id)
    if any(w.endswith(_NO_LABEL) for w in result.warnings) and unlabelled:
        kept.append(f"{unlabelled}{_NO_LABEL}")
    result.warnings[:] = kept
