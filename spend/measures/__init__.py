"""The local-wealth ledger's measures (the CLES method, RULES.md section 5), for every supplier.

Each measure is one small pure function over a table of payments (`payments.py` says what it
holds), registered by name (`registry.py`); its docstring is what users read as "how this is
calculated". Pure: a Polars DataFrame in, numbers out. By family:

- `shares.py`: analysed and addressable spend, each fact's share of spend, and coverage;
- `splits.py`: spend by supplier size and by payee sector;
- `payees.py`: the largest unplaced payees and the top suppliers;
- `leakage.py`: categories with spend outside a ring, and the suppliers in it in each;
- `rings.py`: the anchor's chosen rings (spend/rings.py): whether each payee is in each ring,
  and each ring's share and coverage, built as registry measures (`report(frame, extra)`);
- `multiplier.py`: Local Multiplier 3; `quarters.py`: financial quarters in words.

Unknown is unknown: a payee whose place (or size) is not known is never counted as inside or
outside a ring. Every share is given three ways, as CLES-style analyses do: over all analysed
spend (with the part not known shown as its own figure), over the spend where the fact is known,
and over addressable spend (payees not known to be in the public sector).
"""

from spend.measures.leakage import leaking_categories, with_local_suppliers
from spend.measures.multiplier import lm3
from spend.measures.payees import top_suppliers, unplaced
from spend.measures.payments import FINEST_LEVEL, FLAGS, Sector, analysed, deprivation_level
from spend.measures.quarters import quarter_label
from spend.measures.registry import MEASURES, Measure, by, measure, names, report, table
from spend.measures.shares import COVERAGE
from spend.measures.splits import by_sector, by_size

__all__ = [
    "COVERAGE",
    "FINEST_LEVEL",
    "FLAGS",
    "MEASURES",
    "Measure",
    "Sector",
    "analysed",
    "by",
    "by_sector",
    "by_size",
    "deprivation_level",
    "leaking_categories",
    "lm3",
    "measure",
    "names",
    "quarter_label",
    "report",
    "table",
    "top_suppliers",
    "unplaced",
    "with_local_suppliers",
]
