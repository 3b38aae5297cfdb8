"""Finding the header row of a payment file and suggesting which column holds each field of the
payment model. Pure: rows in, a suggestion out. The names publishers use are data
(spend/data/columns.json); a column's values confirm or overrule what its name suggests."""

from __future__ import annotations

import json
import re
from contextlib import suppress
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

from spend.values import ValueProblem, parse_amount, parse_date

DATA = Path(__file__).resolve().parent / "data" / "columns.json"
HEADER_SEARCH_ROWS = 40
REQUIRED = ("payment_date", "amount", "supplier_name")


def normalise(header: str) -> str:
    return re.sub(r"[^a-z0-9£]", "", (header or "").lower())


@cache
def field_names() -> dict:
    return json.loads(DATA.read_text())["fields"]


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


def find_header(rows: list[list[str]]) -> int | None:
    """The index of the header row among the first rows: the one that names most known columns
    (at least two). Title lines and column-code lines above it are preamble."""
    best, best_score = None, 1
    for index, row in enumerate(rows[:HEADER_SEARCH_ROWS]):
        score = header_score(row)
        if score > best_score:
            best, best_score = index, score
    # Some exports put a line of column codes above the people's labels: take the lower line.
    while best is not None and best + 1 < len(rows) and header_score(rows[best + 1]) >= 2:
        best += 1
    return best


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
    missing = [name for name in REQUIRED if name not in mapping]
    return Suggestion(header_row, headers, mapping, missing)


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
