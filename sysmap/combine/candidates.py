"""Which stakeholders are worth comparing at all: blocking, so big maps merge in seconds.

Comparing every stakeholder of one map with every one of another grows with the product of
their sizes (25 million pairs for two maps of 5,000). Instead each stakeholder is compared
only with those that share something with it:

- an exact form: a normalised key, an id, an acronym and the initials it spells;
- or a close spelling: the most similar names by the cosine of their character trigrams
  weighted by rarity (TF-IDF), found with one sparse matrix product per batch — typos,
  dropped words and reordered words all keep most of a name's trigrams.
"""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence

import numpy as np
from scipy import sparse

from sysmap.combine.profiles import Member, Profile

NEAREST = 8
"""Close spellings kept per stakeholder."""
MIN_COSINE = 0.1
BATCH = 512
COMMON_TRIGRAM = 0.05
"""Trigrams on more than this share of names (and on more than 50) are left out of the
search: "cou", "unc", "nci" would otherwise make every council a neighbour of every other."""


def trigrams(text: str) -> list[str]:
    """The character trigrams of a text, padded so first and last letters count.

    Examples
    --------
    >>> trigrams("gmp")
    ['  g', ' gm', 'gmp', 'mp ']
    """
    padded = f"  {text} "
    return [padded[i : i + 3] for i in range(len(padded) - 2)]


class Blocker:
    """Finds, for stakeholders of one map, the groups already formed worth scoring."""

    def __init__(self, groups: Sequence[Profile]) -> None:
        self.groups = groups
        self._exact: dict[str, set[int]] = defaultdict(set)
        for index, profile in enumerate(groups):
            for form in _exact_forms(profile):
                self._exact[form].add(index)
            for initials in profile.initials:
                self._exact["initials-start:" + initials[:-1]].add(index)

    def candidates(self, queries: Sequence[tuple[Member, Profile]]) -> list[set[int]]:
        """For each query, the indices of the groups to score it against."""
        found = [self._exact_hits(member, profile) for member, profile in queries]
        for at, near in enumerate(self._nearest([p for _, p in queries])):
            found[at] |= near
        return found

    def _exact_hits(self, member: Member, profile: Profile) -> set[int]:
        hits: set[int] = set()
        for form in _query_forms(member, profile):
            hits |= self._exact.get(form, set())
        return hits

    def _nearest(self, queries: Sequence[Profile]) -> list[set[int]]:
        rows_g, owner = _texts(self.groups)
        rows_q, asker = _texts(queries)
        result: list[set[int]] = [set() for _ in queries]
        if not rows_g or not rows_q:
            return result
        matrix_g, matrix_q = _tfidf(rows_g, rows_q)
        owner_array = np.asarray(owner)
        for start in range(0, len(rows_q), BATCH):
            block = (matrix_q[start : start + BATCH] @ matrix_g.T).tocsr()
            for row in range(block.shape[0]):
                lo, hi = block.indptr[row], block.indptr[row + 1]
                if lo == hi:
                    continue
                values, columns = block.data[lo:hi], block.indices[lo:hi]
                keep = min(len(values), NEAREST * 3)
                top = np.argpartition(-values, keep - 1)[:keep]
                top = top[values[top] >= MIN_COSINE]
                ranked = top[np.argsort(-values[top], kind="stable")]
                groups = list(dict.fromkeys(owner_array[columns[ranked]].tolist()))
                result[asker[start + row]].update(groups[:NEAREST])
        return result


def _exact_forms(profile: Profile) -> set[str]:
    forms = {"key:" + k for k in profile.keys}
    forms |= {"name:" + f for f in profile.labels}
    forms |= {"id:" + i for i in profile.ids}
    forms |= {"acronym:" + a for a in profile.acronyms}
    forms |= {"initials:" + i for i in profile.initials}
    return forms


def _query_forms(member: Member, profile: Profile) -> set[str]:
    forms = {"key:" + k for k in profile.keys}
    forms |= {"name:" + f for f in profile.labels}
    forms.add("id:" + member.id)
    forms |= {"initials:" + a for a in profile.acronyms}  # DWP → Department for Work…
    forms |= {"acronym:" + a for a in profile.acronyms}
    forms |= {"acronym:" + i for i in profile.initials}  # Department for Work… → DWP
    forms |= {"initials-start:" + a for a in profile.acronyms}  # GMCA → GM Combined Auth…
    return forms


def _texts(profiles: Sequence[Profile]) -> tuple[list[str], list[int]]:
    """One text per full name and acronym of each profile, and the profile each belongs to."""
    texts, owners = [], []
    for index, profile in enumerate(profiles):
        for text in [" ".join(sorted(w)) for w in profile.word_sets] + sorted(profile.acronyms):
            texts.append(text)
            owners.append(index)
    return texts, owners


def _tfidf(groups: list[str], queries: list[str]) -> tuple[sparse.csr_matrix, sparse.csr_matrix]:
    """Row-normalised TF-IDF trigram matrices of both sides, over one vocabulary."""
    vocabulary: dict[str, int] = {}
    counts: list[dict[int, int]] = []
    for text in (*groups, *queries):
        row: dict[int, int] = defaultdict(int)
        for gram in trigrams(text):
            row[vocabulary.setdefault(gram, len(vocabulary))] += 1
        counts.append(row)
    frequency = np.zeros(len(vocabulary))
    for row in counts:
        frequency[list(row)] += 1
    total = len(counts)
    idf = np.log(total / frequency) + 1.0
    idf[frequency > max(50.0, COMMON_TRIGRAM * total)] = 0.0
    matrix = _matrix(counts, idf, len(vocabulary))
    return matrix[: len(groups)], matrix[len(groups) :]


def _matrix(counts: list[dict[int, int]], idf: np.ndarray, width: int) -> sparse.csr_matrix:
    indptr, indices, data = [0], [], []
    for row in counts:
        values = [(column, count * idf[column]) for column, count in row.items()]
        norm = math.sqrt(sum(v * v for _, v in values)) or 1.0
        for column, value in values:
            if value > 0:
                indices.append(column)
                data.append(value / norm)
        indptr.append(len(indices))
    return sparse.csr_matrix((data, indices, indptr), shape=(len(counts), width))
