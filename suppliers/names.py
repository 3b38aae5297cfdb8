"""Supplier name normalisation, for matching the same organisation across notices and payments.
Pure: no database."""

import re
import unicodedata
from functools import lru_cache

LEGAL_SUFFIXES = [
    "public limited company",
    "limited liability partnership",
    "community interest company",
    "limited",
    "ltd",
    "plc",
    "llp",
    "lp",
    "cic",
    "cio",
    "inc",
    "incorporated",
    "llc",
    "gmbh",
    "ag",
    "sa",
    "bv",
    "nv",
    "aps",
    "as",
    "co",
    "company",
    "corp",
    "corporation",
    "group",
    "holdings",
]
_TRADING_AS = re.compile(r"\b(t/a|ta|trading as)\b.*$")
_BRACKETED = re.compile(r"\((uk|gb|england|the)\)")
_PUNCTUATION = re.compile(r"[^\w\s&]")
_SUFFIX = re.compile(r"(\s+(" + "|".join(re.escape(s) for s in LEGAL_SUFFIXES) + r"))+$")


@lru_cache(maxsize=65_536)  # loads meet the same few thousand names again and again
def normalise_name(name: str) -> str:
    """'The Acme (UK) Ltd.' -> 'acme'; 'J Smith t/a Smith Plumbing' -> 'j smith'."""
    text = unicodedata.normalize("NFKD", name or "").encode("ascii", "ignore").decode().lower()
    text = _BRACKETED.sub(" ", text)
    text = _TRADING_AS.sub(" ", text.replace("t/a", " t/a "))
    text = text.replace("&", " and ")
    text = _PUNCTUATION.sub(" ", text)
    text = re.sub(r"\s+", " ", text).strip()
    text = re.sub(r"^the\s+", "", text)
    text = re.sub(r"\b(\w) (?=\w\b)", r"\1", text)  # initials: "a b c cleaning" -> "abc cleaning"
    previous = None
    while previous != text:
        previous, text = text, _SUFFIX.sub("", text).strip()
    return text
