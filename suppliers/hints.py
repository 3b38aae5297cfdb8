"""What a buyer's payment file says about a payee beyond its plain name, read as the matcher's
hints. Pure functions, no database.

Payment files write names as their finance systems hold them: "J SMITH T/A SMITH PLUMBING",
"TESCO STORES LTD 2345", "WALSALL HEALTHCARE NHS TRUST 001", a postcode in the company-number
column. Each function here undoes one such habit; `variants` gives every normalised form of a name
with the words that say which hints were used (shown to people in the match evidence).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from network.identifiers import (
    normalise_charity_number,
    normalise_company_number,
)
from reference.postcodes import normalise_postcode
from suppliers.names import normalise_name

_TRADING = re.compile(r"\s*(?:\bt\s*/\s*a\b|\btrading\s+as\b|\bt/as\b)\s*", re.IGNORECASE)
# "STORE 1234", "Branch No. 12", "#0456", "(Store 12)" at the end of a name.
_STORE = re.compile(
    r"[\s,\-]*\(?\s*(?:store|branch|shop|depot|site|unit)\s*(?:no\.?|number|#)?\s*\d{1,6}\s*\)?\s*$"
    r"|[\s,\-]*(?:no\.?|#)\s*\d{1,6}\s*$",
    re.IGNORECASE,
)
# A last word that is a code rather than a name: digits with a leading zero or three or more
# digits ("001", "2345"), a letter-and-digit code ("A12", "VAL106"), or the same in brackets.
_TRAILING_CODE = re.compile(
    r"[\s,\-]+\(?(?:0\d*|\d{3,}|[a-z]{1,3}\s?\d{2,}|\d+[a-z]{1,2})\)?\s*$", re.IGNORECASE
)
_LEADING_CODE = re.compile(r"^\s*\(?(?:\d{3,}|[a-z]{1,3}\d{3,})\)?[\s\-:]+(?=[a-z])", re.IGNORECASE)
_POSTCODE_LIKE = re.compile(r"^[A-Z]{1,2}\d[A-Z\d]?\s*\d[A-Z]{2}$", re.IGNORECASE)


@dataclass(frozen=True)
class Variant:
    normalised: str
    hint: str  # "" for the name as written; else what was removed, in words


def trading_as(name: str) -> tuple[str, str]:
    """'J Smith t/a Smith Plumbing' -> ('J Smith', 'Smith Plumbing'); no 't/a' -> (name, '')."""
    parts = _TRADING.split(name or "", maxsplit=1)
    if len(parts) == 2 and parts[0].strip() and parts[1].strip():
        return parts[0].strip(), parts[1].strip()
    return (name or "").strip(), ""


def without_store_number(name: str) -> str:
    """'TESCO STORES LTD STORE 2345' -> 'TESCO STORES LTD'; 'Boots #0456' -> 'Boots'."""
    stripped = _STORE.sub("", name or "").strip()
    return stripped if re.search(r"[a-z]", stripped, re.IGNORECASE) else (name or "").strip()


def without_trailing_code(name: str) -> tuple[str, str]:
    """'WALSALL HEALTHCARE NHS TRUST 001' -> ('WALSALL HEALTHCARE NHS TRUST', '001'); also a
    leading code ('100234 - ACME LTD'). Short numbers that are part of names ('Route 66', 'Unit 4')
    stay. Returns (name, the code removed or '')."""
    text = (name or "").strip()
    codes = []
    for pattern in (_TRAILING_CODE, _LEADING_CODE):
        match = pattern.search(text)
        if match:
            rest = (text[: match.start()] + text[match.end() :]).strip()
            if re.search(r"[a-z]{2}", rest, re.IGNORECASE):
                codes.append(match.group(0).strip(" ,-:()"))
                text = rest
    return text, " ".join(codes)


def variants(name: str) -> list[Variant]:
    """The name normalised (suppliers/names.normalise_name: case, punctuation, '&'/'and', 'The',
    Ltd/Limited and other legal forms), then the forms each hint gives, first one first; each
    normalised form once, with what was done in words ("removing 't/a …' and the store number")."""
    out: dict[str, str] = {}

    def add(text: str, done: list[str]) -> None:
        normalised = normalise_name(text)
        if normalised and normalised not in out:
            out[normalised] = " and ".join(done)

    add(name, [])
    proprietor, trading = trading_as(name)
    starts: list[tuple[str, list[str]]] = [(name, [])]
    if trading:
        starts = [(proprietor, ["removing 't/a …'"]), (trading, ["using the name after 't/a'"])]
    for text, done in starts:
        add(text, done)
        stored = without_store_number(text)
        if stored != text:
            done = [*done, "the store number" if done else "removing the store number"]
            add(stored, done)
        coded, code = without_trailing_code(stored)
        if code:
            add(coded, [*done, f"the code '{code}'" if done else f"removing the code '{code}'"])
    return [Variant(normalised, hint) for normalised, hint in out.items()]


def file_company_number(raw: str) -> tuple[str, str]:
    """A company number as the buyer's file gives it -> (number, note). The number is '' when the
    value cannot be one (a postcode, a VAT-like number, a stray code); the note says what was done
    ('leading zeros restored') or why it was ignored."""
    value = re.sub(r"\s+", "", raw or "").upper()
    if value in ("", "N/A", "NA", "0", "-", "NONE"):
        return "", ""
    if _POSTCODE_LIKE.match(raw.strip()):
        try:
            shown = normalise_postcode(raw)
        except ValueError:
            shown = raw.strip()
        return "", f"'{shown}' in the company number column is a postcode, not a number"
    if value.isdigit() and len(value) > 8:
        return "", f"'{raw.strip()}' in the company number column has too many digits"
    try:
        number = normalise_company_number(value)
    except ValueError:
        return "", f"'{raw.strip()}' in the company number column is not a company number"
    if number != value:
        return number, f"leading zeros restored: {value} → {number}"
    return number, ""


def file_charity_number(raw: str) -> tuple[str, str]:
    """A charity number from the buyer's file -> (number, note), as file_company_number."""
    value = (raw or "").strip()
    if value.upper() in ("", "N/A", "NA", "0", "-", "NONE"):
        return "", ""
    try:
        number = normalise_charity_number(value)
    except ValueError:
        return "", f"'{value}' in the charity number column is not a charity number"
    if not re.match(r"^(\d{6,7}(-\d{1,2})?|SC\d{6}|1\d{5})$", number):
        return "", f"'{value}' in the charity number column is not a charity number"
    return number, ""


# Words that say a payee is a public body; the matcher lets a public register entry win over a
# same-named company only when the name carries one of them (or a postcode or number agrees).
PUBLIC_WORDS = frozenset(
    [
        "council",
        "borough",
        "county",
        "nhs",
        "trust",
        "foundation",
        "police",
        "fire",
        "rescue",
        "school",
        "academy",
        "college",
        "university",
        "authority",
        "parish",
        "ccg",
        "icb",
        "constabulary",
        "hmrc",
        "department",
        "ministry",
    ]
)


def says_public(normalised: str) -> str:
    """The public-body word in a normalised name ('council'), or ''."""
    return next((word for word in normalised.split() if word in PUBLIC_WORDS), "")


_BRACKETS = re.compile(r"\([^)]*\)?|\[[^\]]*\]?")
_DANGLING = re.compile(r"\s+(?:t/a|t/as|ta|t|trading as|re|acc|account)\s*$", re.IGNORECASE)
# What finance systems add after a name: an account, a division, a place in brackets.
_QUALIFIER = re.compile(r"\s+(?:acc(?:ount)?|a/c)\b.*$", re.IGNORECASE)
# What follows a legal form, when two words or more come before it: 'Virgin Media Ltd Network',
# 'Four Seasons 2000 Limited re Triangle Care Home', 'Groundwork Yorkshire Limited RC'.
_AFTER_LEGAL_FORM = re.compile(
    r"^(\S+(?:\s+\S+)+?\s+(?:ltd|limited|plc|llp|cic))\b.+$", re.IGNORECASE
)


def core_name(name: str) -> str:
    """The name as its supplier would write it, for telling which payment names are one supplier:
    bracketed qualifiers ('(Batley)', '(Acc 2804)', '(SB)', a code cut short: '(YED'), account
    numbers, what follows a legal form ('Ltd LCV Division'), store numbers and trailing codes
    removed, and a dangling 't/a' cut off; then normalised. '' when nothing would be left."""
    text = _BRACKETS.sub(" ", name or "")
    text = _QUALIFIER.sub("", text)
    text = _AFTER_LEGAL_FORM.sub(r"\1", text.strip())
    text = without_store_number(text)
    text, _code = without_trailing_code(text)
    previous = None
    while previous != text:
        previous, text = text, _DANGLING.sub("", text).strip()
    proprietor, _trading = trading_as(text)
    return normalise_name(proprietor)


# Words whose presence or absence does not make another organisation: a country after a name,
# legal forms, a VAT marker, web-address parts.
GENERIC_WORDS = frozenset(
    ["uk", "gb", "england", "ltd", "limited", "plc", "vat", "the", "and", "of", "co", "com", "www"]
)


def _one_slip(a: str, b: str) -> bool:
    """One letter changed, added, removed or two swapped, in words of six letters or more."""
    if min(len(a), len(b)) < 5 or max(len(a), len(b)) < 6 or abs(len(a) - len(b)) > 1:
        return False
    if len(a) == len(b):
        diff = [i for i in range(len(a)) if a[i] != b[i]]
        return len(diff) == 1 or (
            len(diff) == 2 and diff[1] == diff[0] + 1 and a[diff[0]] == b[diff[1]]
        )
    short, long_ = (a, b) if len(a) < len(b) else (b, a)
    return any(long_[:i] + long_[i + 1 :] == short for i in range(len(long_)))


def same_but_for_generic_words(a: str, b: str) -> bool:
    """Two normalised names that are one organisation's, written two ways: the same words but for
    generic ones ('jacobs' / 'jacobs uk', 'change grow and live' / 'change grow live ltd vat'),
    in any order, with one slip of spelling in a long word ('eradication' / 'erradication'), or
    the shorter cut off by a finance system's field length ('gallagher bassett int' /
    'gallagher bassett international'). A word more that is not generic ('colas' / 'colas
    siac', 'edf energy' / 'edf energy 1') says another organisation may be meant: not the same."""
    wa = [w for w in a.split() if w not in GENERIC_WORDS]
    wb = [w for w in b.split() if w not in GENERIC_WORDS]
    if not wa or not wb:
        return False
    if len(" ".join(wa)) > len(" ".join(wb)):
        wa, wb = wb, wa
    truncated = a.rsplit(maxsplit=1)[-1] if len(a) <= len(b) else b.rsplit(maxsplit=1)[-1]
    rest = list(wb)
    for i, word in enumerate(wa):
        if word in rest:
            rest.remove(word)
            continue
        slip = next((w for w in rest if _one_slip(word, w)), None)
        cut = (
            next((w for w in rest if len(word) >= 3 and w.startswith(word)), None)
            if i == len(wa) - 1 and word == truncated
            else None
        )
        if found := slip or cut:
            rest.remove(found)
            continue
        return False
    return not rest
