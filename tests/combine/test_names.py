"""How names are normalised, and which short forms spell which long names."""

from __future__ import annotations

import pytest

from sysmap.combine.expansions import Expansions
from sysmap.combine.names import (
    acronym_of,
    initials,
    looks_like_acronym,
    name_keys,
    raw_words,
)


@pytest.mark.parametrize(
    "variant",
    [
        "Department for Work and Pensions",
        "Dept. for Work & Pensions",
        "department for work & pensions",
        "Dept for Work and Pension",
        "The Department for Work and Pensions",
    ],
)
def test_ways_of_writing_dwp_share_a_key(variant: str) -> None:
    assert name_keys(variant) & name_keys("Department for Work & Pensions")


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("DWP", "Department for Work & Pensions"),
        ("HMPPS", "HM Prison & Probation Service"),
        ("MoJ", "Ministry of Justice"),
        ("DfE", "Department for Education"),
        ("NHSE", "NHS England"),
        ("CAS3AP", "CAS3 accommodation provider"),
        ("PAB", "Project ADDER Blackpool"),
    ],
)
def test_acronyms_spell_initials(short: str, long: str) -> None:
    assert looks_like_acronym(short)
    assert acronym_of(short, long)


@pytest.mark.parametrize(
    ("short", "long"),
    [
        ("DWP", "Home Office"),
        ("HMRC", "HM Prison & Probation Service"),
        ("DfT", "Department for Education"),
    ],
)
def test_acronyms_do_not_spell_other_names(short: str, long: str) -> None:
    assert not acronym_of(short, long)


def test_a_name_typed_in_lower_case_keeps_its_abbreviations() -> None:
    assert "hmpps" in initials("hm prison & probation service")


def test_word_order_and_prefixes_do_not_change_the_key() -> None:
    keys = name_keys("Probation Service – Greater Manchester")
    assert keys & name_keys("Greater Manchester Probation Service")
    assert name_keys("HM Inspectorate of Prisons") & name_keys("Inspectorate of Prisons")
    assert name_keys("HMP Manchester") & name_keys("Manchester Prison")


def test_short_forms_the_maps_explain_are_written_out() -> None:
    learnt = Expansions.learn(["Probation Service – Greater Manchester", "West Midlands Police"])
    assert learnt.expand(raw_words("GM Probation")) == ["greater", "manchester", "probation"]
    west = learnt.expand(raw_words("WM Housing First"))
    assert west == ["west", "midland", "housing", "first"]  # words are compared singular
    # A word that two phrases could stand for is left alone.
    both = Expansions.learn(["Greater Manchester", "General Medicine"])
    assert both.expand(raw_words("GM Probation")) == ["gm", "probation"]
