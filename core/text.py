"""Words of a text for comparing texts (the consortium finder, similar cases): lower case, stop
words out, lightly stemmed. Pure."""

from __future__ import annotations

import re

STOP_WORDS = frozenset(
    [
        "a",
        "an",
        "and",
        "or",
        "the",
        "of",
        "to",
        "for",
        "in",
        "on",
        "with",
        "by",
        "from",
        "at",
        "as",
        "is",
        "are",
        "be",
        "we",
        "our",
        "us",
        "you",
        "your",
        "they",
        "their",
        "it",
        "its",
        "this",
        "that",
        "these",
        "those",
        "who",
        "what",
        "which",
        "need",
        "needs",
        "want",
        "wants",
        "offer",
        "offers",
        "can",
        "will",
        "would",
        "help",
        "partner",
        "partners",
        "partnering",
        "looking",
        "seeking",
        "someone",
        "company",
        "companies",
        "experience",
        "experienced",
        "skills",
        "skill",
        "work",
        "working",
        "across",
        "also",
        "more",
        "than",
        "other",
        "into",
        "have",
        "has",
    ]
)


def tokens(text: str) -> list[str]:
    """Every meaningful word, in order, lightly stemmed ("sensors" meets "sensor")."""
    return [
        word[:-1] if word.endswith("s") and len(word) > 4 else word
        for word in re.findall(r"[a-z][a-z0-9+-]{2,}", text.lower())
        if word not in STOP_WORDS
    ]


def words(text: str) -> set[str]:
    return set(tokens(text))
