"""What a search asks for (words, filters, sort) and the choices the form offers, for the page,
the API, the command, saved searches and alerts alike."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from typing import Literal

from django.utils import timezone

from core.params import EARLIEST_DATE, LATEST_DATE

STATUSES = {
    "planned": "Planned",
    "open": "Open",
    "closing": "Closing within 7 days",
    "closed": "Closed, not awarded",
    "awarded": "Awarded",
    "cancelled": "Cancelled",
}


VALUE_BANDS = {
    "under-30k": ("Under £30,000", None, Decimal(30_000)),
    "30k-100k": ("£30,000 to £100,000", Decimal(30_000), Decimal(100_000)),
    "100k-500k": ("£100,000 to £500,000", Decimal(100_000), Decimal(500_000)),
    "500k-2m": ("£500,000 to £2 million", Decimal(500_000), Decimal(2_000_000)),
    "over-2m": ("Over £2 million", Decimal(2_000_000), None),
}


PROCEDURES = {
    "open": "Open",
    "selective": "Selective (restricted or competitive flexible)",
    "limited": "Limited",
    "direct": "Direct award",
}


SORTS = {
    "relevance": "Best match",
    "deadline": "Closing soonest",
    "value": "Highest value",
    "date": "Newest",
}


@dataclass
class OpportunitySearch:
    text: str = ""
    statuses: list[str] = field(default_factory=list)
    cpv: list[str] = field(default_factory=list)
    buyer: str = ""  # network organisation slug, or words in the buyer's name
    anchors_only: bool = False
    location: str = ""
    area: str = ""  # a network area's slug (reference.Area): delivered in it (area_search.py)
    value_band: str = ""
    awarded_min: Decimal | None = None  # awarded value (contracts', else awards'), £, at least
    awarded_max: Decimal | None = None  # and at most
    procedure: str = ""
    notice_type: str = ""
    sme: bool = False
    vcse: bool = False
    threshold: Literal["", "above", "below"] = ""
    deadline_from: date | None = None
    deadline_to: date | None = None
    sort: str = "relevance"


# The deadlines a search may ask about (the search form refuses others; core/params.py says why).
# A value out of range stored before the form checked it is taken as the nearest end.
def day_start(day: date) -> datetime:
    day = min(max(day, EARLIEST_DATE), LATEST_DATE)
    return timezone.make_aware(datetime.combine(day, time.min))


def day_end(day: date) -> datetime:
    """The start of the day after `day`."""
    return day_start(day) + timedelta(days=1)
