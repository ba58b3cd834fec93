"""Typing in a vocabulary box lists an exact match first, then prefix matches, then others."""

from __future__ import annotations

from PySide6.QtCore import Qt

from sysmap.gui.inspector_widgets import VocabularyCombo
from sysmap.model.vocab import Term, Vocabulary

PLACES = Vocabulary(
    "place",
    (
        Term("ew", "England & Wales"),
        Term("ne", "North East England"),
        Term("leeds", "Leeds"),
        Term("eng", "England"),
        Term("engs", "Englandshire"),
    ),
)


def _listed(combo: VocabularyCombo) -> list[str]:
    completer = combo.completer()
    assert completer is not None
    model = completer.completionModel()
    return [model.index(row, 0).data() for row in range(model.rowCount())]


def _shown_places(qtbot):  # type: ignore[no-untyped-def]
    """A place box of :data:`PLACES`, shown, with the focus in its text."""
    combo = VocabularyCombo()
    qtbot.addWidget(combo)
    combo.set_vocabulary(PLACES)
    combo.show()
    qtbot.waitExposed(combo)
    line = combo.lineEdit()
    line.setFocus()
    return combo, line


def test_exact_match_listed_first_then_prefix_then_others(qtbot) -> None:
    combo, line = _shown_places(qtbot)
    qtbot.keyClicks(line, "England")
    assert _listed(combo) == ["England", "England & Wales", "Englandshire", "North East England"]
    popup = combo.completer().popup()
    assert popup.isVisible()
    assert popup.model().index(0, 0).data() == "England"
    # Narrowing keeps the rule: "Englands" has no exact match, only a prefix one.
    qtbot.keyClick(line, Qt.Key.Key_S)
    assert _listed(combo) == ["Englandshire"]
    # Enter keeps what was typed when it is known.
    qtbot.keyClick(line, Qt.Key.Key_Backspace)
    with qtbot.waitSignal(combo.chosen) as chosen:
        qtbot.keyClick(line, Qt.Key.Key_Escape)
        qtbot.keyClick(line, Qt.Key.Key_Return)
    assert chosen.args == ["England"]


def test_picking_a_ranked_suggestion_chooses_that_term(qtbot) -> None:
    combo, line = _shown_places(qtbot)
    qtbot.keyClicks(line, "england")
    popup = combo.completer().popup()
    assert popup.isVisible()
    # The second suggestion is "England & Wales" (its row in the vocabulary is the first).
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    qtbot.keyClick(popup, Qt.Key.Key_Down)
    chosen: list[str] = []
    combo.chosen.connect(chosen.append)
    qtbot.keyClick(popup, Qt.Key.Key_Return)
    # Return reaches the line first (the typed text), then the pick settles the choice.
    assert chosen[-1] == "England & Wales"
    assert combo.currentData() == "ew"
