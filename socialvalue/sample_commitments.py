"""The demo's social-value commitments (sample data, labelled as such): one contract from the
demo's awarded challenge, one from an awarded sample notice and one entered by hand between
Birmingham City Council and Digbeth Care (so the demo's buyer and supplier accounts see it), with
delivery reports in each review state and one reporting period overdue. Pure: today in, plain
specifications out; `demo_socialvalue` stores them."""

from __future__ import annotations

from datetime import date, timedelta
from decimal import Decimal

from socialvalue.measures import add_months

SAMPLE_NOTE = "Sample data: an illustrative figure for the demonstration, not a published proxy"
HAND_BUYER = "Birmingham City Council"
HAND_SUPPLIER = "Digbeth Care Co-operative CIC"


def _quarters_back(today: date, quarters: int) -> date:
    """The first day of the month `quarters` × 3 months before today's month."""
    month = today.month - 1 - quarters * 3
    return date(today.year + month // 12, month % 12 + 1, 1)


def plan(today: date) -> list[dict]:
    """Contracts by origin, each with its commitments, each with its reports: (quarter number
    from the commitment's start, quantity, state, narrative)."""
    start = _quarters_back(today, 3)  # three quarters ago: Q1 and Q2 ended, Q3 in progress
    end = date(start.year + 2, start.month, 1) - timedelta(days=1)
    return [
        {
            "origin": "challenge",
            "title": None,  # the challenge's own
            "commitments": [
                {
                    "metric": "apprenticeships",
                    "quantity": Decimal(6),
                    "start": start,
                    "end": end,
                    "every": 3,
                    "proxy": None,
                    "reports": [
                        (0, Decimal(1), "accepted", "Sample data: one heating apprentice started."),
                        (1, Decimal(2), "submitted", "Sample data: two more apprentices started."),
                    ],
                },
                {
                    "metric": "emissions-reduced",
                    "quantity": Decimal(120),
                    "start": start,
                    "end": end,
                    "every": 6,
                    "proxy": Decimal("250.00"),
                    "reports": [
                        (
                            0,
                            Decimal(20),
                            "queried",
                            (
                                "Sample data: gas meter readings before and "
                                "after the first four centres."
                            ),
                        ),
                    ],
                },
            ],
        },
        {
            "origin": "notice",
            "title": None,  # the notice's own
            "commitments": [
                {
                    "metric": "sme-vcse-spend",
                    "quantity": Decimal(50000),
                    "unit": "£",
                    "start": start,
                    "end": end,
                    "every": 3,
                    "proxy": None,
                    "reports": [],  # nothing reported: the first quarters are overdue
                },
            ],
        },
        {
            "origin": "hand",
            "title": "Sample data: Home care visits, south Birmingham",
            "reference": "SAMPLE-HC-2026",
            "value": Decimal(420000),
            "commitments": [
                {
                    "metric": "jobs-living-wage",
                    "quantity": Decimal(40),
                    "start": start,
                    "end": end,
                    "every": 3,
                    "proxy": None,
                    "reports": [
                        (
                            0,
                            Decimal(38),
                            "accepted",
                            (
                                "Sample data: 38 carers paid the real Living "
                                "Wage; payroll extract attached."
                            ),
                        ),
                        (1, Decimal(40), "accepted", "Sample data: all 40 carers on the contract."),
                    ],
                },
                {
                    "metric": "volunteering-hours",
                    "quantity": Decimal(200),
                    "start": start,
                    "end": end,
                    "every": 6,
                    "proxy": Decimal("15.00"),
                    "reports": [
                        (
                            0,
                            Decimal(35),
                            "submitted",
                            "Sample data: staff helped at two lunch clubs.",
                        ),
                    ],
                },
            ],
        },
    ]


def period_of(start: date, every: int, number: int, end: date) -> tuple[date, date]:
    """The `number`th reporting period (from 0) of `every` months from `start`."""
    first = add_months(start, every * number)
    last = min(add_months(first, every) - timedelta(days=1), end)
    return first, last
