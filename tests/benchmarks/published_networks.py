"""Real networks with groups, for the held-out evaluation of suggested links.

- **Zachary's karate club** (Zachary 1977, *J. Anthropol. Res.* 33:452), grouped by the club
  each member joined after the split; shipped with networkx (BSD licence).
- **American college football** (Girvan & Newman 2002, *PNAS* 99:7821): Division I-A teams,
  a tie for each regular-season game of 2000, grouped by conference. Written here from the
  data set as M. E. J. Newman distributes it (115 teams, 613 games, the ``value`` field as
  the conference); Evans (2010, *J. Stat. Mech.* P12037) notes that a few labels follow the
  2001 conferences. The distributor states no licence; the data are public facts (who
  played whom), rewritten here as adjacency lists.
"""

from __future__ import annotations

import networkx as nx

CONFERENCES = (
    "Atlantic Coast",
    "Big East",
    "Big Ten",
    "Big 12",
    "Conference USA",
    "Independents",
    "Mid-American",
    "Mountain West",
    "Pacific Ten",
    "Southeastern",
    "Sun Belt",
    "Western Athletic",
)


_CONF = [
    7,
    0,
    2,
    3,
    7,
    3,
    2,
    8,
    8,
    7,
    3,
    10,
    6,
    2,
    6,
    2,
    7,
    9,
    6,
    1,
    9,
    8,
    8,
    7,
    10,
    0,
    6,
    9,
    11,
    1,
    1,
    6,
    2,
    0,
    6,
    1,
    5,
    0,
    6,
    2,
    3,
    7,
    5,
    6,
    4,
    0,
    11,
    2,
    4,
    11,
    10,
    8,
    3,
    11,
    6,
    1,
    9,
    4,
    11,
    10,
    2,
    6,
    9,
    10,
    2,
    9,
    4,
    11,
    8,
    10,
    9,
    6,
    3,
    11,
    3,
    4,
    9,
    8,
    8,
    1,
    5,
    3,
    5,
    11,
    3,
    6,
    4,
    9,
    11,
    0,
    5,
    4,
    4,
    7,
    1,
    9,
    9,
    10,
    3,
    6,
    2,
    1,
    3,
    0,
    7,
    0,
    2,
    3,
    8,
    0,
    4,
    8,
    4,
    9,
    11,
]

# Each team's opponents with a higher number (every game listed once).
_GAMES = """
0: 1 4 9 16 23 33 35 41 65 90 93 104
1: 25 27 33 37 45 57 89 101 103 105 109
2: 3 6 13 14 15 47 60 64 72 74 100 106
3: 5 11 26 40 52 58 72 74 81 84 102
4: 5 9 16 23 28 41 69 93 104 108
5: 10 11 52 74 81 84 90 97 98 107
6: 7 32 39 47 55 58 60 64 85 100 106
7: 8 21 22 40 68 73 77 78 82 108 111
8: 9 21 22 41 51 68 77 78 90 111
9: 16 22 23 41 64 93 104 108
10: 11 60 72 74 81 84 98 102 107
11: 24 28 50 69 90 97 104
12: 13 14 17 18 26 34 36 38 43 85
13: 15 32 39 45 60 64 100 106 110
14: 15 26 38 43 54 71 85 99
15: 32 39 47 60 68 92 100 106 114
16: 17 23 38 41 67 81 93 104
17: 20 27 58 62 65 87 95 96 113
18: 19 31 34 36 38 42 54 61 71 99
19: 29 30 33 35 36 44 55 79 94 101
20: 21 36 62 65 70 75 76 87 96 113
21: 22 32 46 51 68 77 108 111
22: 23 47 51 68 77 78 108
23: 41 78 90 93 104 111
24: 25 28 50 66 69 84 87 90 110
25: 33 37 45 53 89 103 105 106 109
26: 27 34 38 42 43 61 85
27: 56 62 63 65 70 76 95 96
28: 38 50 69 78 90 113
29: 30 35 42 55 79 80 82 91 94 101
30: 35 44 50 55 79 82 94 101 109
31: 32 34 43 54 55 61 71 79 85 99
32: 39 47 49 64 100 106
33: 37 45 89 103 105 109
34: 35 42 54 61 71 94 99
35: 44 55 79 92 94 101
36: 37 43 58 59
37: 45 80 89 95 103 105 109
38: 39 43 54 71 85
39: 47 54 60 82 100 106
40: 41 51 52 72 74 81 98 102 107
41: 67 93 104
42: 43 57 63
43: 61 70 79 85
44: 45 48 57 66 75 86 91 112
45: 62 89 103 105 109
46: 47 49 53 67 73 83 88 110 111 114
47: 60 61 64 100
48: 49 53 57 66 75 86 91 92 96 98
49: 53 67 73 83 84 88 110 114
50: 51 68 69 78 90
51: 68 77 78 101 108 111
52: 53 72 74 84 98 102 112
53: 67 73 83 86 88 110 114
54: 55 61 71 99
55: 79 89 94 101
56: 57 62 65 70 76 87 95 96 106
57: 75 86 91 92 112
58: 59 63 88 97 101 114
59: 60 63 66 76 97 113
60: 64 71 106
61: 62 71 92 99
62: 70 76 87 95 105
63: 64 65 97 109 112
64: 100 106 111
65: 66 70 87 96 113
66: 75 76 86 91 92 112
67: 68 73 83 88 104 110 114
68: 78 108 111
69: 70 83 88 90 91 95
70: 76 95 103 113
71: 72 99
72: 74 81 102 104 107
73: 74 77 83 88 110 114
74: 82 84 102
75: 76 86 92 107 112
76: 95 96 113
77: 78 82 98 108 111
78: 108 111
79: 80 94 101 109
80: 82 85 86 91 93 94 105 110
81: 82 83 84 98 107
82: 93 94 100
83: 84 88 110 114
84: 98 107
85: 99
86: 87 91 92 97
87: 95 96 104 113
88: 89 107 110 114
89: 99 103 105 109
91: 92 93 112
92: 106 112
93: 104
94: 101
95: 113
96: 112 113
97: 98 112
98: 102 107
99: 100
100: 102
102: 103 107
103: 105 109
104: 114
105: 109
108: 111
110: 114
"""


def karate_club() -> nx.Graph:
    """Zachary's karate club, members grouped by ``club``."""
    return nx.karate_club_graph()


def college_football() -> nx.Graph:
    """American college football 2000, teams grouped by ``conference``."""
    graph = nx.Graph()
    for team, conference in enumerate(_CONF):
        graph.add_node(team, conference=CONFERENCES[conference])
    for line in _GAMES.strip().splitlines():
        team, opponents = line.split(":")
        graph.add_edges_from((int(team), int(other)) for other in opponents.split())
    return graph


NETWORKS = {
    "Karate club (club)": (karate_club, "club"),
    "College football (conference)": (college_football, "conference"),
}
"""Published networks by name: (builder, the attribute that groups them)."""
