"""The procurement-practice scorecard's indicators (issue 16): each one small pure function over
the scorecard's tables (`scorecard/notice_table.py`), registered by name (`registry.py`); its
docstring is what users read as "how this is calculated"; its words, source and bands are data
(`scorecard/data/indicators.json`). By family:

- `notices.py`: lots, direct awards, tender periods, engagement (UK2), time to award, pipeline;
- `bids.py`: single bidding and final-stage SME and VCSE bids, per lot (latest release wins);
- `suppliers.py`: awards to SMEs, VCSEs and local suppliers, concentration, new suppliers;
- `payments.py`: award to payment, spend with no notice, payment within 30 days (UK17).
"""

from scorecard.indicators import bids, notices, payments, suppliers  # noqa: F401 (they register)
from scorecard.indicators.registry import (
    INDICATORS,
    Figure,
    Indicator,
    band_of,
    evaluate,
    indicator,
)

__all__ = ["INDICATORS", "Figure", "Indicator", "band_of", "evaluate", "indicator"]
