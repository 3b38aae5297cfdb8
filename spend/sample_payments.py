"""Generated payment files for the demonstration: a year of "payments over £500" for a few of the
real anchors, to the sample suppliers (with the spellings that real files show: Ltd / LIMITED,
upper case), larger generated firms and withheld individuals. Pure and seeded: the same files every
time. Sample data, not real payments."""

from __future__ import annotations

import io
import random
from datetime import date, timedelta

from core import csvfile

SEED = 2026
ANCHORS = [
    "Birmingham City Council",
    "West Midlands Combined Authority",
    "University of Birmingham",
]
# The rings the sample anchors report (all in Birmingham or the WMCA area): the four standard ones,
# East Birmingham by postcode sector and within 5 miles of their sites (spend/rings.py keys).
SAMPLE_RINGS = (
    "authority",
    "combined_authority",
    "region",
    "uk",
    "area:east-birmingham-postcodes",
    "sites:5",
)
LARGE_FIRMS = [
    ("Northgate Facilities Group Ltd", "09000001"),
    ("Meridian Highways Ltd", "09000002"),
    ("Albion Care Homes Ltd", "09000003"),
    ("Crown Fleet Leasing plc", "09000004"),
    ("Severn Energy Supplies Ltd", "09000005"),
    ("Pennine Waste Services Ltd", "09000006"),
]
DIRECTORATES = [
    "Adult Social Care",
    "Children and Families",
    "City Operations",
    "Place, Prosperity and Sustainability",
    "Strategy, Equalities and Partnerships",
]
CATEGORIES = [
    "Construction",
    "Facilities & Management Services",
    "Social Community Care Supplies & Services",
    "Information Communication & Technology",
    "Transport",
    "Utilities",
    "Consultancy",
]
HEADER = [
    "Body Name",
    "Directorate",
    "Payment Date",
    "Transaction Number",
    "Net Amount",
    "Supplier Name",
    "Company Number",
    "Procurement Category",
]


def _spelling(name: str, rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.15:
        return name.upper()
    if roll < 0.25 and name.endswith(" Ltd"):
        return name[: -len(" Ltd")] + " Limited"
    return name


def payment_file(anchor: str, suppliers: list[str], year: int = 2025, seed: int = SEED) -> str:
    """One financial year (April to March) of payments for `anchor`, as CSV text."""
    rng = random.Random(f"{seed}:{anchor}")
    out = io.StringIO()
    writer = csvfile.Writer(out)
    writer.writerow([f"{anchor}: payments over £500 (AnchorHub sample data, not real payments)"])
    writer.writerow([])
    writer.writerow(HEADER)
    start = date(year, 4, 1)
    for number in range(rng.randint(320, 420)):
        roll = rng.random()
        company = ""
        if roll < 0.06:
            supplier = "Redacted Personal Information"
        elif roll < 0.45:
            supplier, company = rng.choice(LARGE_FIRMS)
            company = company if rng.random() < 0.7 else ""
        else:
            supplier = rng.choice(suppliers)
        amount = round(rng.lognormvariate(8.3, 1.2), 2)
        if rng.random() < 0.03:
            amount = -amount  # credit notes
        writer.writerow(
            [
                anchor,
                rng.choice(DIRECTORATES),
                (start + timedelta(days=rng.randrange(365))).strftime("%d/%m/%Y"),
                f"{year % 100:02d}{number + 1:06d}",
                f"{amount:,.2f}",
                _spelling(supplier, rng),
                company,
                rng.choice(CATEGORIES),
            ]
        )
    return out.getvalue()
