"""Query expansion for opportunity search (pure: no database, no index).

A query is widened, within fixed bounds, by data rather than by hand:
- synonyms (`data/synonyms.json`, each group with its source): a query that contains one term of
  a group also searches the group's other terms;
- CPV descriptions: a CPV code whose description's words are in the query (words every
  description uses, such as "services" or "work", apart) brings in the notices classified under
  that code and its children, weighted by how much of the query the description covers (and of
  the description the query covers: half its words at least).

Terms are compared after the search analyzer (passed in as `analyze`: text -> stemmed words), so
"retrofits" matches "retrofit" and "cleaning services" matches "Cleaning services". The caller
scores expanded terms below the words typed (opportunities/index_queries.py).
"""

from __future__ import annotations

import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from core import datafiles
from reference.cpv import depth, significant_prefix

Analyze = Callable[[str], list[str]]

SYNONYMS_FILE = Path(__file__).resolve().parent / "data" / "synonyms.json"
MAX_SYNONYMS = 6  # other terms searched for one query, at most
MAX_CPV_CODES = 4  # CPV branches searched for one query, at most
MIN_DESCRIPTION_SHARE = 0.5  # of a CPV description's own words, found in the query
MIN_WEIGHT = 0.25  # a CPV match's weight (see CpvVocabulary.matches), at least
# Words of CPV descriptions that say what kind of thing, not what: a description needs only its
# other words in the query ("Cleaning services" is matched by "cleaning").
GENERIC = frozenset(
    [
        "service",
        "services",
        "work",
        "works",
        "product",
        "products",
        "related",
        "supply",
        "supplies",
        "various",
        "other",
        "miscellaneous",
        "associated",
    ]
)
_BRACKETS = re.compile(r"\([^)]*\)")


@dataclass(frozen=True)
class SynonymGroup:
    terms: tuple[str, ...]
    source: str
    narrower: tuple[str, ...] = ()  # searched for the terms, not the other way round


@dataclass(frozen=True)
class CpvMatch:
    code: str
    prefix: str  # the code's significant prefix: it and every code under it
    description: str
    coverage: float  # share of the query's own words the description accounts for, 0..1


@dataclass
class Expansion:
    synonyms: list[str] = field(default_factory=list)  # terms to search, as written in the data
    cpv: list[CpvMatch] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.synonyms or self.cpv)


def read_synonyms(text: str | dict) -> list[SynonymGroup]:
    """The groups of a synonyms file's content (its text, or as read); every group needs two
    terms or more and a source."""
    groups = []
    content = json.loads(text) if isinstance(text, str) else text
    for number, entry in enumerate(content["groups"], start=1):
        terms = tuple(term.strip() for term in entry["terms"] if term.strip())
        if len(terms) < 2 or not str(entry.get("source", "")).strip():
            raise ValueError(f"synonym group {number}: needs two terms or more and a source")
        narrower = tuple(term.strip() for term in entry.get("narrower", ()) if term.strip())
        groups.append(SynonymGroup(terms, entry["source"].strip(), narrower))
    return groups


@cache
def default_synonyms() -> tuple[SynonymGroup, ...]:
    return tuple(read_synonyms(datafiles.load(SYNONYMS_FILE, cited=True)))


def _contains(words: list[str], part: list[str]) -> bool:
    size = len(part)
    return size > 0 and any(words[n : n + size] == part for n in range(len(words) - size + 1))


def synonyms_for(words: list[str], groups: Iterable[SynonymGroup], analyze: Analyze) -> list[str]:
    """Terms (then narrower terms) of the groups whose terms occur (as consecutive analysed
    words) in `words`, other than those already in it; in the data's order, at most MAX_SYNONYMS."""
    found: list[str] = []
    seen: set[tuple[str, ...]] = set()
    for group in groups:
        analysed = [analyze(term) for term in group.terms]
        if not any(_contains(words, term) for term in analysed):
            continue
        searched = zip(
            group.terms + group.narrower,
            analysed + [analyze(term) for term in group.narrower],
            strict=True,
        )
        for term, tokens in searched:
            key = tuple(tokens)
            if tokens and key not in seen and not _contains(words, tokens):
                seen.add(key)
                found.append(term)
    return found[:MAX_SYNONYMS]


class CpvVocabulary:
    """CPV descriptions as analysed words, to find the codes a query names."""

    def __init__(self, entries: Iterable[tuple[str, str]], analyze: Analyze):
        self.codes: dict[str, tuple[str, frozenset[str]]] = {}
        self.by_word: dict[str, list[str]] = defaultdict(list)
        generic = {word for term in GENERIC for word in analyze(term)}
        for code, description in entries:
            words = frozenset(analyze(_BRACKETS.sub(" ", description))) - generic
            if not words:
                continue
            self.codes[code] = (description, words)
            for word in words:
                self.by_word[word].append(code)
        self.generic = frozenset(generic)

    def matches(self, words: Iterable[str]) -> list[CpvMatch]:
        """Codes whose description shares words with the query (at least MIN_DESCRIPTION_SHARE of
        the description's own words), the broadest of a branch unless a narrower one fits better,
        best first, at most MAX_CPV_CODES. A match's weight (`coverage`) is the share of the
        description found in the query times the share of the query found in the description."""
        query = set(words) - self.generic
        if not query:
            return []
        candidates = {code for word in query for code in self.by_word.get(word, ())}
        scored = {}
        for code in candidates:
            described = self.codes[code][1]
            shared = len(described & query)
            weight = (shared / len(described)) * (shared / len(query))
            if shared / len(described) >= MIN_DESCRIPTION_SHARE and weight >= MIN_WEIGHT:
                scored[code] = weight
        prefixes = {code: significant_prefix(code) for code in scored}
        broadest = [
            code
            for code in scored
            if not any(
                other != code
                and prefixes[code].startswith(prefixes[other])
                and scored[other] >= scored[code]
                for other in scored
            )
        ]
        matches = [
            CpvMatch(code, prefixes[code], self.codes[code][0], scored[code]) for code in broadest
        ]
        matches.sort(key=lambda m: (-m.coverage, depth(m.code), m.code))
        return matches[:MAX_CPV_CODES]


def expand(
    words: list[str],
    analyze: Analyze,
    groups: Iterable[SynonymGroup] = (),
    cpv: CpvVocabulary | None = None,
) -> Expansion:
    """What to search besides the query's own analysed `words`."""
    synonyms = synonyms_for(words, groups, analyze)
    codes = cpv.matches(words) if cpv is not None else []
    return Expansion(synonyms, codes)
