"""Hand a table's slots out by where each member's ties go: a start for trading places.

:mod:`sysmap.layout.slot_swap` improves an assignment of stakeholders to slots by single
trades, so where it starts matters: a table filled sector by sector puts a stakeholder
whose ties all run to the left on the right as often as not, and its lines then cross the
whole row. Here each member of a group is pulled towards the barycentre of the stakeholders
it is tied to, and the group's slots (its members' spots and its table's empty slots) are
handed out to minimise the total squared distance from slot to barycentre (an assignment
problem, solved exactly by :func:`scipy.optimize.linear_sum_assignment`). A member only
gets a slot its box fits (the slot's column and row are as wide and tall as the box and its
margin), so no boxes overlap. Groups are done one after another and the whole repeated
``ROUNDS`` times, each time from where the others now are; everything is in a fixed order,
so the same map gives the same slots.

Shorter lines cross fewer boxes, and members tied to each other end up side by side, with
members tied outside the table on its edge facing their ties; the caller keeps whichever
start leaves fewer crossings after the search.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from scipy import sparse
from scipy.optimize import linear_sum_assignment

from sysmap.layout.nodes import BoolArray, FloatArray, IntArray, NodeTable

ROUNDS = 3
"""Times every group's slots are handed out again (more changed nothing on the examples)."""
_CANNOT = 1e18
"""The cost of a slot too small for a box: never chosen while a fitting slot is free."""


def order_by_ties(
    table: NodeTable,
    xy: FloatArray,
    groups: Sequence[IntArray],
    spares: Sequence[FloatArray] | None = None,
    rounds: int = ROUNDS,
) -> tuple[FloatArray, list[FloatArray]]:
    """Hand each group's slots out again so that members sit nearest their ties.

    Parameters
    ----------
    table : NodeTable
        The map's stakeholders and lines (pinned stakeholders keep their spots).
    xy : ndarray, shape (n, 2)
        Centres, each group's members on the slots of its table.
    groups : sequence of ndarray of int
        Members of each table.
    spares : sequence of ndarray, shape (s, 2), optional
        Each table's empty slots (in a row and a column that hold members: a slot's room
        is measured from them), default none.
    rounds : int
        Times every group's slots are handed out.

    Returns
    -------
    (ndarray, list of ndarray)
        The new centres, and each table's empty slots after the handing out.
    """
    xy = np.array(xy, dtype=float)
    given = spares if spares else [np.zeros((0, 2))] * len(groups)
    spares = [np.array(s, dtype=float).reshape(-1, 2) for s in given]
    if len(table.lines) == 0:
        return xy, spares
    ties = _tie_matrix(table)
    frees = [members[~table.fixed[members]] for members in groups]
    slots = [np.concatenate([xy[free], spare]) for free, spare in zip(frees, spares, strict=True)]
    fits = [_fits(table, free, spots) for free, spots in zip(frees, slots, strict=True)]
    for _ in range(rounds):
        for number, free in enumerate(frees):
            if len(slots[number]) > 1:
                spares[number] = _hand_out(xy, free, slots[number], fits[number], ties)
    return xy, spares


def _tie_matrix(table: NodeTable) -> sparse.csr_matrix:
    """Row ``i`` averages the centres of ``i``'s ties (an empty row: no ties)."""
    a, b = table.lines[:, 0], table.lines[:, 1]
    ends = (np.concatenate([a, b]), np.concatenate([b, a]))
    matrix = sparse.csr_matrix((np.ones(2 * len(a)), ends), shape=(table.count,) * 2)
    total = np.asarray(matrix.sum(axis=1)).ravel()
    return sparse.diags(1.0 / np.maximum(total, 1.0)) @ matrix


def _fits(table: NodeTable, free: IntArray, slots: FloatArray) -> BoolArray:
    """Which slots each member's box fits: a slot's room is the widest box of its column
    and the tallest of its row (the table's grid), ``free`` holding the first slots."""
    columns = np.unique(np.round(slots[:, 0], 3), return_inverse=True)[1]
    rows = np.unique(np.round(slots[:, 1], 3), return_inverse=True)[1]
    wide, tall = np.zeros(columns.max() + 1), np.zeros(rows.max() + 1)
    np.maximum.at(wide, columns[: len(free)], table.width[free])
    np.maximum.at(tall, rows[: len(free)], table.height[free])
    fit_w = table.width[free][:, None] <= wide[columns][None, :] + 1e-6
    fit_h = table.height[free][:, None] <= tall[rows][None, :] + 1e-6
    result: BoolArray = fit_w & fit_h
    return result


def _hand_out(
    xy: FloatArray, free: IntArray, slots: FloatArray, fits: BoolArray, ties: sparse.csr_matrix
) -> FloatArray:
    """Give each of ``free`` a slot nearest its ties' barycentre (in place); return the
    slots left empty. A member with no ties is drawn to where it is."""
    rows_of = ties[free]
    tied = np.diff(rows_of.indptr) > 0
    target = np.where(tied[:, None], rows_of @ xy, xy[free])
    cost = ((target[:, None, :] - slots[None, :, :]) ** 2).sum(axis=2)
    # a hair of distance from its own spot breaks ties between equal slots the same way
    cost += 1e-6 * ((xy[free][:, None, :] - slots[None, :, :]) ** 2).sum(axis=2)
    cost = np.where(fits, cost, _CANNOT)
    rows, chosen = linear_sum_assignment(cost)
    xy[free[rows]] = slots[chosen]
    empty = np.setdiff1d(np.arange(len(slots)), chosen)
    result: FloatArray = slots[empty]
    return result
