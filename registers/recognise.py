"""Which format a table is, from its header (the first of its first rows that a format knows) or,
for headerless files, from the shape of its first rows. Pure."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from dataclasses import dataclass

from registers.formats import FORMATS, Format

LOOK_AHEAD = 30  # rows searched for a header (workbooks put titles above it)
SAMPLE = 20


class NotRecognised(Exception):
    """No format knows the table; the message names it and lists what each format expects."""


@dataclass
class Recognised:
    format: Format
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]  # (row number, cells) of the data after the header


def expected() -> str:
    return "\n".join(f"  - {f.expects}" for f in FORMATS.values())


def recognise(label: str, rows: Iterator[list[str]]) -> Recognised:
    numbered = enumerate(rows, start=1)
    head = list(itertools.islice(numbered, LOOK_AHEAD + SAMPLE))
    formats = sorted(FORMATS.values(), key=lambda f: -f.priority)
    filled = [(n, r) for n, r in head if any(c.strip() for c in r)]
    for position, (number, cells) in enumerate(filled[:LOOK_AHEAD]):
        stripped = [c.strip().lstrip("\ufeff") for c in cells]
        sample = [r for _, r in filled[position + 1 : position + 1 + SAMPLE]]
        for fmt in formats:
            if fmt.headerless:
                if position == 0 and fmt.recognise(stripped, sample):
                    rest = [(n, r) for n, r in head if n >= number]
                    return Recognised(fmt, stripped, _chain(rest, numbered))
            elif fmt.recognise(stripped, sample):
                rest = [(n, r) for n, r in head if n > number]
                return Recognised(fmt, stripped, _chain(rest, numbered))
    first = next((", ".join(c.strip() for c in r[:6]) for _, r in filled), "")
    raise NotRecognised(
        f"{label}: not a register file AnchorHub knows"
        + (f" (its first row is: {first[:200]})" if first else " (it is empty)")
        + ". Expected one of:\n"
        + expected()
    )


def _chain(head, rest) -> Iterator[tuple[int, list[str]]]:
    for number, cells in itertools.chain(head, rest):
        if "".join(cells).strip():  # one C-level pass: this runs for every row of every file
            yield number, cells
