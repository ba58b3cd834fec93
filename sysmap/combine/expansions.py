"""Short forms the maps themselves explain: "GM" where another name says "Greater Manchester".

People shorten the places and phrases everyone at the table knows: "GM Probation",
"WM Housing First", "NHS GM". Rather than a fixed list, the maps being merged teach the
short forms: every run of two to four capitalised words in any name or place ("Greater
Manchester", "Combined Authority") is filed under its initials, and a word written in
capitals inside a longer name is read as the phrase, when exactly one phrase has those
initials.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Iterable, Sequence

from sysmap.combine.names import PREFIXES, Word, fold, raw_words

_CAPITALISED = re.compile(r"^[A-Z][a-z]")


class Expansions:
    """Short forms (``gm``) and the phrase each stands for (``["greater", "manchester"]``).

    Examples
    --------
    >>> e = Expansions.learn(["Greater Manchester Police", "West Midlands"])
    >>> e.expand(raw_words("GM Probation"))
    ['greater', 'manchester', 'probation']
    >>> e.expand(raw_words("GMP"))  # a name that is one short form is left to acronyms
    ['gmp']
    """

    def __init__(self, phrases: dict[str, list[str]]) -> None:
        self.phrases = phrases

    @classmethod
    def learn(cls, texts: Iterable[str]) -> Expansions:
        """Learn the phrases behind short forms from names and place names."""
        found: dict[str, set[tuple[str, ...]]] = defaultdict(set)
        for text in texts:
            run: list[Word] = []
            for word in [*raw_words(text), None]:
                if word is not None and _CAPITALISED.match(word.written) and not word.is_caps:
                    run.append(word)
                    continue
                _file_runs(run, found)
                run = []
        return cls({k: list(v.pop()) for k, v in found.items() if len(v) == 1})

    def expand(self, written: Sequence[Word]) -> list[str]:
        """The compared words of a name, with short forms inside a longer name written out."""
        if len(written) < 2:
            return [w.plain for w in written]
        result: list[str] = []
        for word in written:
            short = fold(word.written)
            # HM and NHS are prefixes, compared as written ("NHS GM" keys on "nhs").
            phrase = self.phrases.get(short) if word.is_caps and short not in PREFIXES else None
            if phrase is not None and 2 <= len(word.written) <= 4:
                result += phrase
            else:
                result.append(word.plain)
        return result


def _file_runs(run: list[Word], found: dict[str, set[tuple[str, ...]]]) -> None:
    """File every stretch of two to four words of a capitalised run under its initials."""
    for start in range(len(run)):
        for end in range(start + 2, min(len(run), start + 4) + 1):
            part = run[start:end]
            initials = "".join(w.plain[0] for w in part)
            found[initials].add(tuple(w.plain for w in part))
