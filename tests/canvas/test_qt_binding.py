"""The Qt binding the canvas runs on keeps Python's reference counts straight.

PySide6 6.12.0 on Python 3.11 released a reference to ``None`` on every call of a Qt method
that returns nothing (``setPos``, ``moveBy``, ``setRect``…). A canvas makes tens of thousands
of such calls, so the interpreter aborted ("deallocating None") a few seconds into any real
map. pyproject.toml excludes that release; this test catches a binding that does it again.
"""

from __future__ import annotations

import sys

import pytest
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtWidgets import QGraphicsRectItem


@pytest.mark.skipif(sys.version_info >= (3, 12), reason="None is immortal from Python 3.12")
def test_void_qt_calls_keep_none_alive(qapp: object) -> None:
    item = QGraphicsRectItem()
    before = sys.getrefcount(None)
    for i in range(500):
        item.setPos(QPointF(i, i))
        item.moveBy(1.0, 1.0)
        item.setRect(QRectF(0, 0, i, i))
    # A few references come and go with the interpreter's own work; 1,500 lost ones do not.
    assert sys.getrefcount(None) - before > -50
