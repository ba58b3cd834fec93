"""The United Kingdom's places, as sysmap ships them: nations, English regions, combined and
mayoral authorities, and the local areas the example maps use, each within the one above.

Written from public facts (no file is read at run time): the UK's constitutional make-up;
the nine English regions of the Office for National Statistics' geography (the former
Government Office regions, ITL1); the combined and mayoral authorities in England as their
establishment orders made them (legislation.gov.uk; the English Devolution White Paper,
December 2024), with their constituent councils where an example map uses one; NHS
integrated care board and police force areas the examples name. Boundaries that do not nest
(an NHS area spanning two regions) are placed within the smallest area that holds them all.

A map's own places vocabulary can name a parent (``within``) from this list without copying
it, and a map's entry with the same name takes precedence. National labels (the UK, Great
Britain, England and Wales, each nation) are one national tier unless a map splits them.
"""

from __future__ import annotations

from sysmap.model.term import Term

# (name, level, within, one line on what it is). Names are as people write them; a map's
# place value matches one ignoring case, spacing and punctuation.
ROWS: tuple[tuple[str, str, str | None, str], ...] = (
    # The United Kingdom and its nations.
    ("United Kingdom", "national", None, "England, Wales, Scotland and Northern Ireland"),
    ("Great Britain", "national", "United Kingdom", "England, Wales and Scotland"),
    ("England & Wales", "national", "Great Britain", "One legal jurisdiction: courts, prisons"),
    ("England", "national", "England & Wales", "The nation; most domestic policy is England-only"),
    ("Wales", "national", "England & Wales", "Nation with a devolved Senedd and Government"),
    ("Scotland", "national", "Great Britain", "Nation with a devolved Parliament and Government"),
    ("Northern Ireland", "national", "United Kingdom", "Nation with a devolved Assembly"),
    # The nine English regions (ONS; former Government Office regions).
    ("North East", "regional", "England", "English region"),
    ("North West", "regional", "England", "English region"),
    ("Yorkshire and the Humber", "regional", "England", "English region"),
    ("East Midlands", "regional", "England", "English region"),
    ("West Midlands", "regional", "England", "English region"),
    ("East of England", "regional", "England", "English region"),
    ("London", "regional", "England", "English region; the Greater London Authority and Mayor"),
    ("South East", "regional", "England", "English region"),
    ("South West", "regional", "England", "English region"),
    # Combined and mayoral authorities (with the year established).
    ("Greater Manchester", "regional", "North West", "Combined authority (2011), mayor 2017"),
    ("Liverpool City Region", "regional", "North West", "Combined authority (2014), mayor 2017"),
    ("Lancashire", "regional", "North West", "County; combined county authority (2025)"),
    ("Cheshire", "regional", "North West", "County (Cheshire East; Cheshire West and Chester)"),
    ("West Midlands Combined Authority", "regional", "West Midlands", "Combined authority (2016)"),
    ("West Yorkshire", "regional", "Yorkshire and the Humber", "Combined authority (2014)"),
    ("South Yorkshire", "regional", "Yorkshire and the Humber", "Mayoral combined authority"),
    ("York and North Yorkshire", "regional", "Yorkshire and the Humber", "Combined auth. (2023)"),
    ("Hull and East Yorkshire", "regional", "Yorkshire and the Humber", "Combined auth. (2025)"),
    ("Tees Valley", "regional", "North East", "Combined authority (2016), mayor 2017"),
    ("North East Combined Authority", "regional", "North East", "Combined authority (2024)"),
    ("East Midlands Combined County Authority", "regional", "East Midlands", "Formed 2024"),
    ("Greater Lincolnshire", "regional", "East Midlands", "Combined county authority (2025)"),
    ("Cambridgeshire and Peterborough", "regional", "East of England", "Combined auth. (2017)"),
    ("West of England", "regional", "South West", "Combined authority (2017)"),
    # NHS and police areas the examples use.
    ("Cleveland", "regional", "North East", "Police force area (Teesside)"),
    ("Lancashire & South Cumbria", "regional", "North West", "NHS integrated care board area"),
    ("North East & North Cumbria", "regional", "England", "NHS ICB area across two regions"),
    ("Birmingham & Solihull", "regional", "West Midlands Combined Authority", "NHS ICB area"),
    # Local areas: Greater Manchester's ten boroughs.
    ("Bolton", "local", "Greater Manchester", "Metropolitan borough"),
    ("Bury", "local", "Greater Manchester", "Metropolitan borough"),
    ("Manchester", "local", "Greater Manchester", "City council area"),
    ("Oldham", "local", "Greater Manchester", "Metropolitan borough"),
    ("Rochdale", "local", "Greater Manchester", "Metropolitan borough"),
    ("Salford", "local", "Greater Manchester", "City council area"),
    ("Stockport", "local", "Greater Manchester", "Metropolitan borough"),
    ("Tameside", "local", "Greater Manchester", "Metropolitan borough"),
    ("Trafford", "local", "Greater Manchester", "Metropolitan borough"),
    ("Wigan", "local", "Greater Manchester", "Metropolitan borough"),
    # The West Midlands Combined Authority's seven constituent councils.
    ("Birmingham", "local", "West Midlands Combined Authority", "City council area"),
    ("Coventry", "local", "West Midlands Combined Authority", "City council area"),
    ("Dudley", "local", "West Midlands Combined Authority", "Metropolitan borough"),
    ("Sandwell", "local", "West Midlands Combined Authority", "Metropolitan borough"),
    ("Solihull", "local", "West Midlands Combined Authority", "Metropolitan borough"),
    ("Walsall", "local", "West Midlands Combined Authority", "Metropolitan borough"),
    ("Wolverhampton", "local", "West Midlands Combined Authority", "City council area"),
    # Tees Valley's five boroughs.
    ("Darlington", "local", "Tees Valley", "Unitary authority"),
    ("Hartlepool", "local", "Tees Valley", "Unitary authority"),
    ("Middlesbrough", "local", "Tees Valley", "Unitary authority with an elected mayor"),
    ("Redcar and Cleveland", "local", "Tees Valley", "Unitary authority"),
    ("Stockton-on-Tees", "local", "Tees Valley", "Unitary authority"),
    # Lancashire's unitary authorities.
    ("Blackpool", "local", "Lancashire", "Unitary authority on the coast"),
    ("Blackburn with Darwen", "local", "Lancashire", "Unitary authority"),
)

UK_PLACES: tuple[Term, ...] = tuple(
    Term(name, name, None, text, level, None, within) for name, level, within, text in ROWS
)
"""The shipped places, each with its level and the place it sits within (terms, not a
vocabulary: a vocabulary checks its places' nesting against these; the tests check theirs)."""
