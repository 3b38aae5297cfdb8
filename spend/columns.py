"""Finding the header row of a payment file and suggesting which column holds each field of the
payment model. Pure: rows in, a suggestion out. The names publishers use are data
(spend/data/columns.json); a column's values confirm or overrule what its name suggests."""

from __future__ import annotations

import re
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cache
from itertools import pairwise, zip_longest
from pathlib import Path

from core import datafiles
from spend.values import ValueProblem, parse_amount, parse_date

DATA = Path(__file__).resolve().parent / "data" / "columns.json"
HEADER_SEARCH_ROWS = 40
REQUIRED = ("payment_date", "amount", "supplier_name")


def normalise(header: str) -> str:
    return re.sub(r"[^a-z0-9£]", "", (header or "").lower())


@cache
def field_data() -> dict:
    return datafiles.load(DATA)


def field_names() -> dict:
    return field_data()["fields"]


def labels() -> dict[str, str]:
    return {name: spec["label"] for name, spec in field_names().items()}


@cache
def _exact() -> dict[str, dict[str, int]]:
    """normalised header → {field: strength}; earlier names in a field's list are stronger."""
    found: dict[str, dict[str, int]] = {}
    for name, spec in field_names().items():
        for position, header in enumerate(spec["exact"]):
            found.setdefault(normalise(header), {})[name] = 100 - position
    return found


def header_score(row: list[str]) -> int:
    return sum(1 for cell in row if normalise(cell) in _exact())


@cache
def _hint_words() -> tuple[str, ...]:
    return tuple(
        dict.fromkeys(normalise(word) for spec in field_names().values() for word in spec["words"])
    )


def _header_weight(row: list[str]) -> float:
    """Known names count one; a cell that only has a known word in it (a name never seen, such
    as 'Invoice GL Date') counts half, if it is not a value (numbers, long text)."""
    weight = 0.0
    for cell in row:
        key = normalise(cell)
        if key in _exact():
            weight += 1
        elif key and len(cell) <= 40 and not re.search(r"\d", cell):
            weight += 0.5 * any(word in key for word in _hint_words())
    return weight


def find_header(rows: list[list[str]]) -> int | None:
    """The index of the header row among the first rows: the one that names most known columns
    (at least two; a column only hinted at by a word counts half). Title lines and column-code
    lines above it are preamble."""
    best, best_score = None, 1.5
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = _header_weight(row)
        if score > best_score:
            best, best_score = index, score
    # Some exports put a line of column codes above the people's labels: take the lower line.
    while best is not None and best + 1 < len(rows) and header_score(rows[best + 1]) >= 2:
        best += 1
    return _by_shape(rows) if best is None else best


def _by_shape(rows: list[list[str]]) -> int | None:
    """When no column name is one we know: the first row of at least three different labels (no
    digits in them) with a row of values below it that holds a date or an amount."""
    filled = [
        (i, row) for i, row in enumerate(rows[:HEADER_SEARCH_ROWS]) if any(c.strip() for c in row)
    ]
    for (index, row), (_next, below) in pairwise(filled):
        labels = [cell.strip() for cell in row if cell.strip()]
        if len(labels) < 3 or len(set(labels)) < len(labels):
            continue
        if any(re.search(r"\d", label) or len(label) > 60 for label in labels):
            continue
        values = [cell for cell in below if cell.strip()]
        if any(_share([v], parse_date) or _share([v], parse_amount) for v in values):
            return index
    return None


def _share(values: list[str], test) -> float | None:
    """The share of the non-empty values that pass `test`; None when every value is empty."""
    values = [v for v in values if v.strip()]
    if not values:
        return None
    good = 0
    for value in values:
        with suppress(ValueProblem):
            good += bool(test(value))
    return good / len(values)


def _is_name(value: str) -> bool:
    return bool(re.search(r"[A-Za-z]{2}", value)) and not re.fullmatch(r"[A-Z]{0,3}\d+", value)


def _at_least(share: float, required: bool = True):
    def test(found: float | None) -> bool:
        return not required if found is None else found >= share

    return test


def _optional_amount(value: str) -> bool:
    return value.strip().upper() in ("N/A", "NA", "-") or bool(parse_amount(value) is not None)


# field → (how to test one value, what share must pass, whether an all-empty column is refused)
FITS = {
    "amount": (parse_amount, _at_least(0.9)),
    "vat": (_optional_amount, _at_least(0.9, required=False)),
    "payment_date": (parse_date, _at_least(0.9)),
    "supplier_name": (_is_name, _at_least(0.6)),
}


@dataclass
class Suggestion:
    header_row: int | None
    headers: list[str]
    mapping: dict[str, int] = field(default_factory=dict)  # field → column index
    missing: list[str] = field(default_factory=list)  # required fields not found
    # Fields found from their column's values alone (the name said nothing): field → why.
    inferred: dict[str, str] = field(default_factory=dict)
    # Required fields that more than one column could hold, from their values: field → columns.
    candidates: dict[str, list[str]] = field(default_factory=dict)

    def by_name(self) -> dict[str, str]:
        """field → source column name, as shown to people and printed by --json."""
        return {name: self.headers[column] for name, column in self.mapping.items()}


def suggest(rows: list[list[str]], sample_size: int = 200) -> Suggestion:
    """Which column holds each field, from the header names, checked against the values below."""
    header_row = find_header(rows)
    if header_row is None:
        return Suggestion(None, [], missing=list(REQUIRED))
    headers = [cell.strip() for cell in rows[header_row]]
    sample = [row for row in rows[header_row + 1 : header_row + 1 + sample_size] if any(row)]

    def column(index: int) -> list[str]:
        return [row[index] if index < len(row) else "" for row in sample]

    def fits(name: str, index: int, named: bool) -> bool:
        """Named columns need most values to fit; a column only hinted at by a word, nearly all."""
        if name not in FITS or not sample:
            return True
        test, enough = FITS[name]
        share = _share(column(index), test)
        return enough(share) or (named and share is not None and share >= 0.5)

    candidates = []  # (strength, field, column)
    for index, header in enumerate(headers):
        key = normalise(header)
        for name, strength in _exact().get(key, {}).items():
            candidates.append((strength, name, index))
        for name, spec in field_names().items():
            if any(normalise(word) in key for word in spec["words"]):
                candidates.append((10, name, index))
    mapping: dict[str, int] = {}
    used: set[int] = set()
    for strength, name, index in sorted(candidates, key=lambda c: (-c[0], c[2])):
        if name in mapping or index in used or not headers[index]:
            continue
        if fits(name, index, named=strength > 10):
            mapping[name] = index
            used.add(index)
    _prefer_words_to_codes(mapping, used, candidates, headers, column)
    found = Suggestion(header_row, headers, mapping)
    if sample and any(name not in mapping for name in REQUIRED):
        free = [i for i, header in enumerate(headers) if header and i not in used]
        _infer_from_values(found, {i: column(i) for i in free})
    found.missing = [name for name in REQUIRED if name not in found.mapping]
    return found


# Fields people read as words: when the column chosen for one holds codes (R5010) and another
# column named for the same field holds words (TPP - Other), as finance systems export a code
# and its text side by side ("Account", "Account(T)"), the words are taken.
DESCRIPTIVE = ("expense_type", "category", "directorate", "service_area")
_CODE = re.compile(r"[A-Za-z]{0,4}[-/.]?\d[\w./-]*")


def _is_code(value: str) -> bool:
    return bool(_CODE.fullmatch(value.strip()))


def _prefer_words_to_codes(mapping, used, candidates, headers, column) -> None:
    for name in DESCRIPTIVE:
        chosen = mapping.get(name)
        if chosen is None or not ((_share(column(chosen), _is_code) or 0) >= 0.9):
            continue
        for _strength, wanted, index in sorted(candidates, key=lambda c: (-c[0], c[2])):
            if wanted != name or index in used or not headers[index]:
                continue
            words = _share(column(index), lambda v: not _is_code(v) and any(c.isalpha() for c in v))
            if (words or 0) >= 0.9:
                used.discard(chosen)
                mapping[name] = index
                used.add(index)
                break


# Inferring a column from its values, when its name says nothing we know.
_PLAIN_INTEGER = re.compile(r"-?\d+")
_PENCE = re.compile(r"[.,]\d{1,2}\s*$|^\s*[-(£]|,\d{3}")


def _profile(values: list[str]) -> dict:
    """What a column's values are: how many are dates, amounts (and with pence or a sign), names,
    how many are different, and their length."""
    values = [value.strip() for value in values if value.strip()]
    dates, amounts, pence, names, integers = [], 0, 0, 0, 0
    for value in values:
        integer = bool(_PLAIN_INTEGER.fullmatch(value))
        integers += integer
        with suppress(ValueProblem):
            dates.append(parse_date(value)[0])
        with suppress(ValueProblem):
            parse_amount(value)
            amounts += 1
            pence += bool(_PENCE.search(value))
        names += _is_name(value)
    return {
        "count": len(values),
        "dates": dates,
        "amounts": amounts,
        "pence": pence,
        "names": names,
        "integers": integers,
        "distinct": len(set(values)),
        "length": sum(map(len, values)) / len(values) if values else 0,
    }


def _is_date_column(profile: dict) -> bool:
    """Most values are dates, and numbers read as spreadsheet dates only when they span a year or
    two (a column of codes such as 31572 would otherwise read as dates in 1986)."""
    dates = profile["dates"]
    if not profile["count"] or len(dates) < 0.9 * profile["count"]:
        return False
    if profile["integers"] >= 0.5 * profile["count"]:
        return (max(dates) - min(dates)).days <= 800
    return True


def _infer_from_values(found: Suggestion, columns: dict[int, list[str]]) -> None:
    """Fill the required fields the names did not give, from the values of the columns left: the
    date column, the amount column (amounts with pence or a sign, not whole numbers that could be
    codes), and the supplier as the text column with most different names (not numbers or codes,
    not long descriptions). Only an unambiguous column is taken; otherwise the candidates are
    kept for a person to choose."""
    profiles = {index: _profile(values) for index, values in columns.items()}
    profiles = {index: p for index, p in profiles.items() if p["count"]}
    taken: set[int] = set()

    def take(name: str, ranked: list[tuple[float, int]], why) -> None:
        ranked = sorted((r for r in ranked if r[1] not in taken), key=lambda r: (-r[0], r[1]))
        if not ranked:
            return
        best = ranked[0]
        close = [r for r in ranked[1:] if r[0] >= 0.8 * best[0]]
        if close:
            found.candidates[name] = [found.headers[i] for _s, i in [best, *close]]
            return
        found.mapping[name] = best[1]
        found.inferred[name] = why(profiles[best[1]])
        taken.add(best[1])

    def describe_dates(p: dict) -> str:
        first, last = min(p["dates"]), max(p["dates"])
        return (
            f"{len(p['dates'])} of its {p['count']} values are dates "
            f"({first:%-d %B %Y} to {last:%-d %B %Y})"
        )

    if "payment_date" not in found.mapping:
        dates = [
            (len(p["dates"]) / p["count"], i) for i, p in profiles.items() if _is_date_column(p)
        ]
        take("payment_date", dates, describe_dates)
    if "amount" not in found.mapping:
        amounts = [
            (p["pence"] / p["count"], i)
            for i, p in profiles.items()
            if i not in taken
            and p["amounts"] >= 0.9 * p["count"]
            and p["pence"] >= 0.2 * p["count"]
            and not _is_date_column(p)
        ]
        take(
            "amount",
            amounts,
            lambda p: (
                f"{p['amounts']} of its {p['count']} values are sums of money, "
                f"{p['pence']} of them with pence or a sign"
            ),
        )
    if "supplier_name" not in found.mapping:
        names = [
            (p["distinct"], i)
            for i, p in profiles.items()
            if p["names"] >= 0.8 * p["count"] and p["length"] <= 60 and p["distinct"] > 1
        ]
        take(
            "supplier_name",
            names,
            lambda p: (
                f"its values are names, not numbers or codes, and {p['distinct']} of its "
                f"{p['count']} values are different (more than in any other text column)"
            ),
        )


def mapping_from_names(headers: list[str], names: dict[str, str]) -> dict[str, int]:
    """A remembered or given mapping (field → column name) applied to this file's header.
    Raises KeyError naming a column the file does not have."""
    positions = {normalise(header): index for index, header in enumerate(headers)}
    mapping = {}
    for name, header in names.items():
        if not header:
            continue
        if normalise(header) not in positions:
            raise KeyError(header)
        mapping[name] = positions[normalise(header)]
    return mapping


def join_split_header(rows: list[list[str]]) -> list[list[str]]:
    """A header written over two rows ('Supplier' above 'ID', 'Payment' above 'Date', 'Amount'
    above 'excl vat', as WMCA publishes some months): when the row below the header holds only
    short words (no digits) under named columns, and the joined names name more known columns,
    that row becomes the header with the joined names. The upper row stays where it is, as
    preamble, so every record keeps its number. The rows are changed in place and returned."""
    top_index = find_header(rows)
    if top_index is None or top_index + 2 >= len(rows):
        return rows
    top, below = rows[top_index], rows[top_index + 1]
    filled = [i for i, cell in enumerate(below) if cell.strip()]
    if not filled or any(
        i >= len(top) or not top[i].strip() or re.search(r"\d", below[i]) or len(below[i]) > 30
        for i in filled
    ):
        return rows
    joined = [
        " ".join(part for part in (upper.strip(), lower.strip()) if part)
        for upper, lower in zip_longest(top, below, fillvalue="")
    ]
    if header_score(joined) > header_score(top):
        rows[top_index + 1] = joined
    return rows
