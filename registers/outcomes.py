"""What became of each register file a load was given: each table loaded, with its counts, and
each file of a folder passed over, with why."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class Outcome:
    """What became of one table of a file."""

    path: str
    register: str = ""
    format: str = ""
    rows_read: int = 0
    new: int = 0
    updated: int = 0
    unchanged: int = 0
    rejected: int = 0
    repeated: int = 0  # rows whose key an earlier row of the same file had (the last one counts)
    seconds: float = 0.0
    merge_seconds: float = 0.0  # of which: merging the staged rows into the register
    load_id: int | None = None

    def as_json(self) -> dict:
        return {
            k: getattr(self, k)
            for k in (
                "path",
                "register",
                "format",
                "rows_read",
                "new",
                "updated",
                "unchanged",
                "rejected",
                "repeated",
                "seconds",
                "merge_seconds",
            )
        }


@dataclass
class Skipped:
    path: str
    reason: str


@dataclass
class Report:
    loaded: list[Outcome] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)
