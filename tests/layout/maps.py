"""Hand-made maps for layout tests: a workshop-sized system and the awkward small cases."""

from __future__ import annotations

from sysmap.model import Relationship, Stakeholder, SystemMap

# (id, label, sector, place, level, kind, influence, interest)
_PEOPLE = [
    (
        "leaver",
        "Prison leaver on licence",
        "citizens",
        "Manchester",
        "local",
        "individual",
        0.1,
        1.0,
    ),
    ("woman", "Woman on probation", "citizens", "Salford", "local", "individual", 0.1, 0.9),
    ("family", "Family & children", "citizens", "Manchester", "local", "group", 0.2, 0.8),
    ("victims", "Victims", "citizens", "Manchester", "local", "group", 0.2, 0.7),
    ("peers", "Peer mentors", "citizens", "Salford", "local", "group", None, None),
    (
        "moj",
        "Ministry of Justice",
        "central_government",
        "England",
        "national",
        "organisation",
        1.0,
        0.6,
    ),
    (
        "hmpps",
        "HM Prison & Probation Service",
        "central_government",
        "England",
        "national",
        "organisation",
        0.95,
        0.9,
    ),
    ("ho", "Home Office", "central_government", "England", "national", "organisation", 0.8, 0.3),
    (
        "dwp",
        "Dept for Work & Pensions",
        "central_government",
        "England",
        "national",
        "organisation",
        0.8,
        0.4,
    ),
    (
        "dhsc",
        "Dept of Health & Social Care",
        "central_government",
        "England",
        "national",
        "organisation",
        0.85,
        0.35,
    ),
    (
        "mhclg",
        "Ministry of Housing, Communities & Local Government",
        "central_government",
        "England",
        "national",
        "organisation",
        0.75,
        0.45,
    ),
    (
        "nhse",
        "NHS England Health & Justice",
        "central_government",
        "England",
        "national",
        "organisation",
        0.7,
        0.6,
    ),
    (
        "probation",
        "Probation Service – Greater Manchester",
        "local_public_services",
        "Greater Manchester",
        "regional",
        "organisation",
        0.7,
        0.95,
    ),
    (
        "gmca",
        "Greater Manchester Combined Authority",
        "local_public_services",
        "Greater Manchester",
        "regional",
        "organisation",
        0.75,
        0.8,
    ),
    (
        "police",
        "Greater Manchester Police",
        "local_public_services",
        "Greater Manchester",
        "regional",
        "organisation",
        0.7,
        0.6,
    ),
    (
        "icb",
        "NHS Greater Manchester",
        "local_public_services",
        "Greater Manchester",
        "regional",
        "organisation",
        0.65,
        0.5,
    ),
    (
        "hmp",
        "HMP Manchester",
        "local_public_services",
        "Manchester",
        "local",
        "organisation",
        0.6,
        0.7,
    ),
    (
        "housing",
        "Manchester City Council housing options",
        "local_public_services",
        "Manchester",
        "local",
        "organisation",
        0.55,
        0.65,
    ),
    (
        "salford-housing",
        "Salford City Council housing",
        "local_public_services",
        "Salford",
        "local",
        "organisation",
        0.5,
        0.6,
    ),
    (
        "jobcentre",
        "Jobcentre Plus Manchester",
        "local_public_services",
        "Manchester",
        "local",
        "organisation",
        0.45,
        0.4,
    ),
    ("gp", "GP practice", "local_public_services", "Salford", "local", "organisation", 0.3, 0.3),
    (
        "treatment",
        "Drug & alcohol treatment service",
        "third_sector",
        "Manchester",
        "local",
        "organisation",
        0.35,
        0.75,
    ),
    ("nacro", "Nacro", "third_sector", "England", "national", "organisation", 0.4, 0.8),
    ("womens", "Women's Centre", "third_sector", "Salford", "local", "organisation", 0.25, 0.9),
    ("foodbank", "Food bank", "third_sector", "Manchester", "local", "organisation", 0.1, 0.5),
    ("shelter", "Shelter", "third_sector", "England", "national", "organisation", 0.4, 0.7),
    ("recovery", "Recovery community", "third_sector", "Manchester", "local", "group", None, 0.6),
    ("landlord", "Private landlords", "private", "Manchester", "local", "group", 0.4, 0.1),
    (
        "employer",
        "Local employers",
        "private",
        "Greater Manchester",
        "regional",
        "group",
        0.45,
        0.2,
    ),
    (
        "contractor",
        "Prison maintenance contractor",
        "private",
        "England",
        "national",
        "organisation",
        0.2,
        0.1,
    ),
    ("bank", "High street bank", "private", None, None, "organisation", None, None),
    (
        "court",
        "Manchester Magistrates' Court",
        "independent",
        "Manchester",
        "local",
        "organisation",
        0.6,
        0.2,
    ),
    (
        "hmip",
        "HM Inspectorate of Probation",
        "independent",
        "England",
        "national",
        "organisation",
        0.55,
        0.5,
    ),
    (
        "imb",
        "Independent Monitoring Board",
        "independent",
        "Manchester",
        "local",
        "group",
        0.15,
        0.45,
    ),
    (
        "ombudsman",
        "Housing Ombudsman",
        "independent",
        "England",
        "national",
        "organisation",
        0.3,
        0.25,
    ),
]

# (source, relation, target, status)
_TIES = [
    ("moj", "funds", "hmpps", "active"),
    ("hmpps", "manages", "probation", "active"),
    ("hmpps", "manages", "hmp", "active"),
    ("probation", "supervises", "leaver", "active"),
    ("probation", "supervises", "woman", "active"),
    ("hmp", "releases", "leaver", "active"),
    ("court", "sentences", "leaver", "active"),
    ("court", "sentences", "woman", "active"),
    ("hmp", "refers", "housing", "weak"),
    ("probation", "refers", "housing", "weak"),
    ("housing", "houses", "leaver", "weak"),
    ("salford-housing", "houses", "woman", "active"),
    ("landlord", "houses", "leaver", "weak"),
    ("jobcentre", "supports", "leaver", "weak"),
    ("dwp", "funds", "jobcentre", "active"),
    ("employer", "employs", "leaver", "missing"),
    ("treatment", "supports", "leaver", "active"),
    ("icb", "commissions", "treatment", "active"),
    ("nhse", "commissions", "hmp", "active"),
    ("dhsc", "funds", "nhse", "active"),
    ("gp", "supports", "woman", "weak"),
    ("womens", "supports", "woman", "active"),
    ("probation", "commissions", "womens", "active"),
    ("probation", "commissions", "nacro", "active"),
    ("nacro", "houses", "leaver", "active"),
    ("family", "supports", "leaver", "active"),
    ("peers", "supports", "leaver", "active"),
    ("peers", "supports", "woman", "active"),
    ("police", "partners", "probation", "active"),
    ("gmca", "partners", "probation", "active"),
    ("gmca", "partners", "icb", "active"),
    ("gmca", "partners", "police", "active"),
    ("ho", "funds", "police", "active"),
    ("mhclg", "funds", "housing", "active"),
    ("mhclg", "funds", "salford-housing", "active"),
    ("mhclg", "funds", "gmca", "active"),
    ("hmip", "inspects", "probation", "active"),
    ("imb", "inspects", "hmp", "active"),
    ("ombudsman", "inspects", "housing", "active"),
    ("victims", "advocates", "probation", "weak"),
    ("shelter", "advocates", "mhclg", "active"),
    ("foodbank", "supports", "family", "active"),
    ("recovery", "supports", "treatment", "active"),
    ("contractor", "delivers", "hmp", "active"),
    ("treatment", "shares_data", "probation", "proposed"),
    ("housing", "shares_data", "hmp", "missing"),
]


def workshop_map() -> SystemMap:
    """A reoffending-style map of 35 stakeholders, with unrated and unplaced ones.

    ``bank`` has no relationships (an isolate); ``leaver`` and ``woman`` are the citizens
    most services reach; ``employer`` reaches the citizens only through a missing tie.
    """
    system_map = SystemMap("Reducing reoffending (test)")
    for sid, label, sector, place, level, kind, influence, interest in _PEOPLE:
        system_map.add_stakeholder(
            Stakeholder(
                label,
                id=sid,
                sector=sector,
                place=place,
                place_level=level,
                kind=kind,
                influence=influence,
                interest=interest,
            )
        )
    for source, relation, target, status in _TIES:
        system_map.add_relationship(Relationship(source, target, relation, status=status))
    return system_map


def chain_map(n: int, prefix: str = "Stakeholder") -> SystemMap:
    """``n`` organisations in a line, each linked to the next."""
    system_map = SystemMap("Chain")
    for i in range(n):
        system_map.add_stakeholder(Stakeholder(f"{prefix} {i}", id=f"s{i}", sector="private"))
    for i in range(n - 1):
        system_map.add_relationship(Relationship(f"s{i}", f"s{i + 1}", "partners"))
    return system_map


def two_islands() -> SystemMap:
    """Two separate triangles and a lone stakeholder: a disconnected map."""
    system_map = SystemMap("Islands")
    for sid, sector in [
        ("a1", "citizens"),
        ("a2", "third_sector"),
        ("a3", "third_sector"),
        ("b1", "private"),
        ("b2", "private"),
        ("b3", "central_government"),
        ("alone", "independent"),
    ]:
        system_map.add_stakeholder(Stakeholder(f"Stakeholder {sid}", id=sid, sector=sector))
    for a, b in [
        ("a1", "a2"),
        ("a2", "a3"),
        ("a3", "a1"),
        ("b1", "b2"),
        ("b2", "b3"),
        ("b3", "b1"),
    ]:
        system_map.add_relationship(Relationship(a, b, "partners"))
    return system_map
