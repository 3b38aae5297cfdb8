"""A KPI whose results people enter, each with its evidence (a file, or a link, and a note)."""

from __future__ import annotations

from programmes.kpi_sources.registry import Inputs, Result, source


@source("manual", "Entered by people, with evidence", unit="number", needs="results", window="all")
def manual(inputs: Inputs) -> Result:
    """Not computed: the result a partner entered, with its evidence, for the latest period
    ending in the period (a later entry for the same period replaces the earlier one)."""
    chosen = sorted(
        (entry for entry in inputs.results if inputs.period.holds(entry.period_end)),
        key=lambda entry: entry.period_end,
    )
    if not chosen:
        return Result(None, note=f"No result entered for {inputs.period.words}")
    entry = chosen[-1]
    evidence = f"; evidence: {entry.evidence}" if entry.evidence else ""
    return Result(
        entry.value,
        basis=f"Entered for the period ending {entry.period_end.day} {entry.period_end:%B %Y}"
        f"{evidence}",
    )
