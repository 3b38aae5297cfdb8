"""Outcomes and sources written one per line (in the form and in spreadsheets). Pure."""

from __future__ import annotations

from typing import Literal
from urllib.parse import urlsplit

OutcomeKind = Literal["money", "carbon", "service", "local", "health", "other"]
# Each kind in words, as the pages show them (the model's choices).
OUTCOME_KINDS: dict[OutcomeKind, str] = {
    "money": "Money saved or spent",
    "carbon": "Carbon and energy",
    "service": "Service quality and time",
    "local": "Local economy, jobs and skills",
    "health": "Health and wellbeing",
    "other": "Other",
}


def _cells(line: str) -> list[str]:
    return [cell.strip() for cell in line.split("|")]


def parse_outcomes(text: str) -> tuple[list[dict], list[str]]:
    """'measure | baseline | result | unit | kind | claim' per line; baseline, unit, kind
    (money, carbon, service, local, health, other) and claim ('claim' when an interested
    party stated it) may be left empty. Returns (outcomes, problems by line)."""
    outcomes, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        cells = _cells(line) + [""] * 6
        measure, baseline, result, unit, kind, claim = cells[:6]
        if not measure or not result:
            problems.append(
                f"Outcome line {number}: give at least the measure and the result, as "
                "'measure | baseline | result | unit'"
            )
            continue
        kind = kind.lower() or "other"
        if kind not in OUTCOME_KINDS:
            problems.append(
                f"Outcome line {number}: the kind must be one of {', '.join(sorted(OUTCOME_KINDS))}"
            )
            continue
        outcomes.append(
            {
                "measure": measure[:200],
                "baseline": baseline[:100],
                "result": result[:100],
                "unit": unit[:60],
                "kind": kind,
                "is_claim": claim.lower() in {"claim", "yes", "true"},
            }
        )
    return outcomes, problems


def parse_sources(text: str) -> tuple[list[dict], list[str]]:
    """'title | address' per line; the address may be left out."""
    sources, problems = [], []
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        cells = [*_cells(line), ""]
        title, url = cells[0], cells[1]
        if not title:
            problems.append(f"Source line {number}: give a title")
            continue
        if url:
            parts = urlsplit(url)
            if parts.scheme not in {"http", "https"} or not parts.netloc:
                problems.append(f"Source line {number}: the address must start with https://")
                continue
        sources.append({"title": title[:300], "url": url[:500]})
    return sources, problems


def outcomes_text(outcomes) -> str:
    return "\n".join(
        " | ".join(
            [o.measure, o.baseline, o.result, o.unit, o.kind, "claim" if o.is_claim else ""]
        ).rstrip(" |")
        for o in outcomes
    )


def sources_text(sources) -> str:
    return "\n".join(f"{s.title} | {s.url}".rstrip(" |") for s in sources)
