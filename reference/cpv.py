"""CPV 2008 (Common Procurement Vocabulary) codes. Pure functions: no database.

A code is 8 digits, optionally followed by a hyphen and a check digit ("45000000-7"). Its place in
the hierarchy is given by its trailing zeros: 45000000 (division) > 45200000 (group) >
45210000 (class) > 45214000 (category) > 45214100 and beyond. A code's descendants are exactly the
codes that start with its significant prefix ("45" for 45000000, "4521" for 45210000).
"""

import csv
import re
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

_CPV = re.compile(r"^\s*(\d{8})(?:\s*-\s*(\d))?\s*$")


def split_cpv(raw: str) -> tuple[str, str]:
    """'45000000-7' -> ('45000000', '7'); '45000000' -> ('45000000', ''). ValueError otherwise."""
    match = _CPV.match(str(raw or ""))
    if not match:
        raise ValueError(
            f"Not a CPV code: {raw!r} (expected 8 digits, optionally '-' and a check digit)"
        )
    return match.group(1), match.group(2) or ""


def significant_prefix(code: str) -> str:
    """The digits that identify the code's branch: at least the 2-digit division."""
    stripped = code.rstrip("0")
    return stripped if len(stripped) >= 2 else code[:2]


def depth(code: str) -> int:
    """1 for a division (XX000000), 2 for a group, 3 class, 4 category, 5+ below."""
    return max(1, len(significant_prefix(code)) - 1)


def is_within(code: str, ancestor: str) -> bool:
    """True when `code` is `ancestor` or one of its descendants."""
    return code.startswith(significant_prefix(ancestor))


@dataclass(frozen=True)
class CpvEntry:
    code: str
    check_digit: str
    parent: str
    description: str


def read_cpv_list(lines: Iterable[str]) -> Iterator[CpvEntry]:
    """Read either the pipe-delimited list (code|parent|hasChildren|description) kept in
    ../shared/data/reference, or the official CSV export with columns CODE ('03000000-1') and EN.
    Parents missing from the official export are derived from the trailing zeros."""
    lines = iter(lines)
    first = next(lines, "")
    if "|" in first:
        for number, line in enumerate([first, *lines], start=1):
            if not line.strip():
                continue
            parts = line.rstrip("\r\n").split("|")
            if len(parts) != 4:
                raise ValueError(
                    f"line {number}: expected 4 fields separated by '|', found {len(parts)}"
                )
            code, check = split_cpv(parts[0])
            yield CpvEntry(code, check, parts[1].strip(), parts[3].strip())
        return
    reader = csv.DictReader([first, *lines])
    columns = {name.strip().upper(): name for name in reader.fieldnames or []}
    if "CODE" not in columns or "EN" not in columns:
        raise ValueError("Expected a pipe-delimited CPV list or a CSV with columns CODE and EN")
    for row in reader:
        code, check = split_cpv(row[columns["CODE"]])
        yield CpvEntry(code, check, derived_parent(code), row[columns["EN"]].strip())


def derived_parent(code: str) -> str:
    prefix = significant_prefix(code)
    if len(prefix) <= 2:
        return ""
    return prefix[:-1].ljust(8, "0")
