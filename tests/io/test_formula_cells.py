"""Text that looks like a formula stays text in every spreadsheet, and comes back unchanged.

Issue 14, finding 8: a description ``ok;=cmd|' /C calc'!A0`` was written unquoted at the end
of a CSV line, so a spreadsheet splitting on ";" saw a formula. Issue 16, 6: the apostrophe
that kept formulas out of workbooks changed the text in Excel and Kumu ("'= Anzahl…").

CSV: every place where a reader using any common separator could start a cell is checked by
reading the file back with that separator, quote-aware (as spreadsheets do) and naively.
Workbooks: the text is stored exactly, as text, with Excel's quote prefix.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from sysmap.io import load_map, save_map
from sysmap.io.cells import FORMULA_TRIGGERS, csv_cell, neutralise_csv, restore_csv
from sysmap.model import Relationship, Stakeholder, SystemMap

DDE = "ok;=cmd|' /C calc'!A0"
# Text made of what matters here: separators, quotes, apostrophes, breaks, formula starts.
RISKY_TEXT = st.text(alphabet=st.sampled_from(list(",;\t\r\n\"' =+-@aZ|!(")), max_size=30)


def fields_any_reader_sees(data: str) -> list[str]:
    """Every cell a spreadsheet could make of the file: each common separator, quote-aware
    (as Excel and LibreOffice read) and naive (split on lines and the separator)."""
    fields: list[str] = []
    for separator in (",", ";", "\t"):
        for row in csv.reader(io.StringIO(data, newline=""), delimiter=separator):
            fields += row
        if separator != ",":  # the comma the file was written with is always quote-aware
            for line in data.replace("\r", "\n").split("\n"):
                fields += line.split(separator)
    return fields


def starts_a_formula(field: str) -> bool:
    return field.lstrip(' "').startswith(FORMULA_TRIGGERS)


def test_a_formula_after_a_semicolon_stays_text_under_every_separator(tmp_path: Path) -> None:
    m = SystemMap("Injection")
    a = m.add_stakeholder(Stakeholder("Council", description=DDE))
    b = m.add_stakeholder(Stakeholder("Clinic", description='Needs:\n- housing\n"=1+1"'))
    m.add_relationship(Relationship(a.id, b.id, "refers", description=DDE))
    save_map(m, tmp_path / "map.csv")
    for name in ("map.csv", "map-connections.csv"):
        data = (tmp_path / name).read_text(encoding="utf-8-sig")
        assert "\"ok;'=cmd|' /C calc'!A0\"" in data  # quoted, and neutral after the ";"
        risky = [f for f in fields_any_reader_sees(data) if starts_a_formula(f)]
        assert not risky, (name, risky)
    back = load_map(tmp_path / "map.csv").map
    assert back.stakeholder(a.id).description == DDE
    assert back.stakeholder(b.id).description == 'Needs:\n- housing\n"=1+1"'
    assert next(back.relationships()).description == DDE


@settings(max_examples=300, deadline=None)
@given(RISKY_TEXT)
def test_a_neutralised_cell_is_neutral_whatever_the_separator(text: str) -> None:
    line = ",".join([csv_cell("x"), csv_cell(text), csv_cell(text), csv_cell("y")]) + "\r\n"
    risky = [f for f in fields_any_reader_sees(line) if starts_a_formula(f)]
    assert not risky, (text, line, risky)
    assert restore_csv(neutralise_csv(text)) == text
    assert next(csv.reader(io.StringIO(line, newline="")))[1:3] == [neutralise_csv(text)] * 2


@pytest.mark.parametrize(
    "text",
    [
        "'Pick up at the gate' transport",
        "Jobcentre Plus",
        "x = y + 1",
        "a, b and c",
        "'tis the season",
        "£5m - £7m",
    ],
)
def test_text_no_spreadsheet_would_evaluate_is_written_unchanged(text: str) -> None:
    assert neutralise_csv(text) == text
    assert next(csv.reader(io.StringIO(csv_cell(text), newline=""))) == [text]


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(RISKY_TEXT.filter(lambda t: t.strip() and "|" not in t), min_size=1, max_size=4))
def test_every_risky_text_comes_back_from_csv_and_xlsx(tmp_path: Path, texts: list[str]) -> None:
    m = SystemMap("Round trip")
    for n, text in enumerate(texts):
        m.add_stakeholder(Stakeholder(f"S{n}", description=text, evidence=text, place=text))
    for suffix in (".csv", ".xlsx", ".zip"):
        path = tmp_path / f"map{suffix}"
        save_map(m, path)
        back = load_map(path).map
        for before in m.stakeholders():
            after = back.stakeholder(before.id)
            assert (after.description, after.evidence) == (before.description, before.evidence)


def test_a_workbook_holds_the_text_exactly_with_the_quote_prefix(tmp_path: Path) -> None:
    m = SystemMap("Kumu")
    texts = ["= Anzahl der Fälle", "'Pick up at the gate' transport", "+44 20 7946 0000", "#N/A"]
    for text in texts:
        m.add_stakeholder(Stakeholder(text, description=text))
    path = tmp_path / "kumu.xlsx"
    save_map(m, path)
    sheet = openpyxl.load_workbook(path)["Elements"]
    cells = {c.value: c for row in sheet.iter_rows() for c in row if c.value in texts}
    assert set(cells) == set(texts)  # not one apostrophe added
    assert {t for t, c in cells.items() if c.quotePrefix} == {texts[0], texts[2]}
    assert all(c.data_type == "s" for c in cells.values())
    assert sorted(s.label for s in load_map(path).map.stakeholders()) == sorted(texts)


def test_a_workbook_sysmap_wrote_with_apostrophes_still_reads_back(tmp_path: Path) -> None:
    # Before the quote prefix, sysmap's workbooks carried an apostrophe (and doubled one).
    book = openpyxl.Workbook()
    book.active.title = "Elements"
    book.active.append(["ID", "Label", "Description"])
    book.active.append(["a", "'=SUM(1)", "''Pick up at the gate'"])
    details = book.create_sheet("Map (ignore)")
    for row in (["Property", "Value"], ["sysmap_format", 1], ["title", "'+Old"]):
        details.append(row)
    path = tmp_path / "old.xlsx"
    book.save(path)
    back = load_map(path).map
    assert back.title == "+Old"
    assert back.stakeholder("a").label == "=SUM(1)"
    assert back.stakeholder("a").description == "'Pick up at the gate'"
    assert "cell_escaping" not in back.metadata


def test_a_workbook_from_elsewhere_keeps_its_apostrophes(tmp_path: Path) -> None:
    book = openpyxl.Workbook()
    book.active.append(["Label", "Description"])
    book.active.append(["'=not ours", "'tis"])
    path = tmp_path / "theirs.xlsx"
    book.save(path)
    (stakeholder,) = load_map(path).map.stakeholders()
    assert (stakeholder.label, stakeholder.description) == ("'=not ours", "'tis")
