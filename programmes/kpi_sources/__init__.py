"""The sources of KPIs (issue 17, item 5): each one small pure function over what was read for an
anchor or a programme and a period, registered by key (`registry.py`); its docstring is what users
read as "how this is calculated"; its words and source are data (`programmes/data/kpi_sources.json`).
By family:

- `ledger.py`: the shares of spend with local suppliers, SMEs and VCSEs (the ledger's measures);
- `practice.py`: any practice indicator of the scorecard;
- `activity.py`: challenges published and awarded, adoptions by other anchors (spread), cases
  shared, local suppliers registered, opportunity alerts sent;
- `manual.py`: results entered by people with evidence.
"""

from programmes.kpi_sources import activity, ledger, manual, practice  # noqa: F401 (they register)
from programmes.kpi_sources.registry import (
    SOURCES,
    WINDOWS,
    Event,
    Inputs,
    ManualEntry,
    Period,
    Result,
    Source,
    SourceProblem,
    period_for,
)

__all__ = [
    "SOURCES",
    "WINDOWS",
    "Event",
    "Inputs",
    "ManualEntry",
    "Period",
    "Result",
    "Source",
    "SourceProblem",
    "period_for",
]
