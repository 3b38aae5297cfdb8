"""The programme report's parts. Each part of the programmes app (and the social-value and
maturity apps below it, through the modules here that read them) registers a section: a title,
some words, and tables (a chart is drawn from a table and shown with the table beside it). The
report page, its PDF and its XLSX are built from the same sections, so every figure printed is
also downloadable. Pure: no database here; a section's `build` function reads what it needs.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class Table:
    key: str  # the XLSX sheet name, at most 31 characters
    title: str
    headers: tuple[str, ...]
    rows: tuple[tuple[Any, ...], ...]
    # A bar chart of one numeric column against the first column, drawn beside the table.
    chart_column: int | None = None
    note: str = ""
    money_columns: tuple[int, ...] = ()  # printed as £1,234; written to XLSX in a pounds format


@dataclass(frozen=True)
class Section:
    key: str
    title: str
    paragraphs: tuple[str, ...] = ()
    tables: tuple[Table, ...] = ()
    facts: tuple[tuple[str, str], ...] = field(default=())  # a summary list: label, value


Builder = Callable[..., Section | None]

# key: (order, build, for_viewer): for_viewer sections are built as `build(programme, viewer)`.
_SECTIONS: dict[str, tuple[int, Builder, bool]] = {}


def section(key: str, order: int, *, for_viewer: bool = False) -> Callable[[Builder], Builder]:
    """Register `build(programme) -> Section | None` at `order` (aims 10, partners 20, funding 30,
    leverage 40, costing 50, KPIs 60, social value 70, maturity 75, risks 80, appraisal 90).
    A section showing what other apps show only to some people (a contract's social value, an
    anchor's maturity) registers `for_viewer=True` and is built as `build(programme, viewer)`,
    keeping to those apps' rules for the reader (`viewer` None: everything, for the command)."""

    def register(build: Builder) -> Builder:
        _SECTIONS[key] = (order, build, for_viewer)
        return build

    return register


def registered() -> list[tuple[str, Builder]]:
    return [(key, entry[1]) for key, entry in sorted(_SECTIONS.items(), key=lambda i: i[1][0])]


def is_for_viewer(key: str) -> bool:
    return key in _SECTIONS and _SECTIONS[key][2]
