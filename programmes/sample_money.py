"""The sample programme's money (labelled sample data): partners' contributions at each status,
funded and in kind with their valuations; four funding bids (identified, applying, awarded,
declined); a two-year budget with staff, delivery, evaluation and contingency lines whose
allocations fund the first year fully and leave a gap in the second. Pure: the financial year
the budget starts in, in; plain records out. `demo_programme_money` writes them.

Partners are named by their place in the programme: the lead anchor, another anchor, a
university and an intermediary (whichever the sample programme has)."""

from __future__ import annotations

from decimal import Decimal

D = Decimal
SLUG = "sample-healthy-homes-pilot"
PARTNER_PLACES = ("lead", "anchor", "university", "intermediary")


def generate(first_year: int) -> dict:
    y0, y1 = first_year, first_year + 1
    contributions = [
        {
            "key": "lead-grant",
            "partner": "lead",
            "kind": "funded",
            "description": "Pilot grant from the lead anchor's transformation fund",
            "years": {y0: D("25000")},
            "status": "received",
            "evidence_note": "Sample data: the fund's award letter and the payment's remittance",
        },
        {
            "key": "lead-cash",
            "partner": "lead",
            "kind": "funded",
            "description": "Match funding over two years",
            "years": {y0: D("15000"), y1: D("20000")},
            "status": "committed",
            "evidence_note": "Sample data: cabinet decision recorded in the minutes",
        },
        {
            "key": "anchor-days",
            "partner": "anchor",
            "kind": "in_kind",
            "description": "Procurement leads' time",
            "in_kind_type": "staff_days",
            "quantity": D("60"),
            "unit": "staff days",
            "valuation_method": "60 staff days at £320 a day, the grade's day rate with on-costs",
            "years": {y0: D("9600"), y1: D("9600")},
            "status": "committed",
            "evidence_note": "Sample data: letter of commitment from the director of finance",
        },
        {
            "key": "university-lab",
            "partner": "university",
            "kind": "in_kind",
            "description": "Building performance laboratory",
            "in_kind_type": "facilities",
            "quantity": D("20"),
            "unit": "laboratory days",
            "valuation_method": "20 days at the laboratory's published external rate of £500",
            "years": {y1: D("10000")},
            "status": "proposed",
        },
        {
            "key": "university-cash",
            "partner": "university",
            "kind": "funded",
            "description": "Research studentship towards the evaluation",
            "years": {y1: D("10000")},
            "status": "proposed",
        },
        {
            "key": "intermediary-days",
            "partner": "intermediary",
            "kind": "in_kind",
            "description": "Market engagement and supplier events",
            "in_kind_type": "staff_days",
            "quantity": D("15"),
            "unit": "staff days",
            "valuation_method": "15 staff days at £450 a day, the alliance's consultancy rate",
            "years": {y0: D("6750")},
            "status": "committed",
            "evidence_note": "Sample data: memorandum of understanding",
        },
    ]
    bids = [
        {
            "key": "agency",
            "funder": "Sample Innovation Agency",
            "scheme": "Contracts for innovation",
            "amount_min": D("25000"),
            "amount_max": D("100000"),
            "amount_awarded": D("80000"),
            "eligibility": "Public bodies buying innovation with a supplier selected openly",
            "match_required": "Partners' cash of at least 30% of the award",
            "match_percent": D("30"),
            "status": "awarded",
        },
        {
            "key": "charity",
            "funder": "Sample Health Charity",
            "scheme": "Warm homes, healthy lives",
            "amount_min": D("10000"),
            "amount_max": D("50000"),
            "eligibility": "Partnerships including an NHS body",
            "match_required": "None",
            "status": "applying",
        },
        {
            "key": "regional",
            "funder": "Sample Regional Fund",
            "scheme": "Scale-up programme",
            "amount_max": D("250000"),
            "eligibility": "Programmes with a completed, evaluated pilot",
            "match_required": "Equal match from partners",
            "match_amount": D("100000"),
            "status": "identified",
        },
        {
            "key": "lottery",
            "funder": "Sample Community Fund",
            "scheme": "Community energy",
            "amount_max": D("40000"),
            "eligibility": "Community-led groups",
            "status": "declined",
            "notes": "Sample data: declined because public bodies may not lead a bid",
        },
    ]
    lines = [
        {
            "key": "manager",
            "category": "staff",
            "description": "Programme manager (0.6 FTE)",
            "years": {y0: D("32000"), y1: D("33000")},
        },
        {
            "key": "backfill",
            "category": "staff",
            "description": "Backfill for procurement leads",
            "years": {y0: D("12000"), y1: D("12000")},
        },
        {
            "key": "trials",
            "category": "delivery",
            "description": "Innovation trials in 40 homes",
            "years": {y0: D("60000"), y1: D("40000")},
        },
        {
            "key": "evaluation",
            "category": "evaluation",
            "description": "Independent evaluation",
            "years": {y0: D("8000"), y1: D("22000")},
        },
        {
            "key": "contingency",
            "category": "contingency",
            "description": "Contingency (10% of delivery)",
            "years": {y0: D("6000"), y1: D("4000")},
        },
    ]
    # (line, year, contribution or bid key, amount): the first year fully funded from secured
    # sources; the second year part secured, part expected, with a gap.
    allocations = [
        ("manager", y0, "c:lead-grant", D("25000")),
        ("manager", y0, "b:agency", D("7000")),
        ("backfill", y0, "c:anchor-days", D("9600")),
        ("backfill", y0, "c:lead-cash", D("2400")),
        ("trials", y0, "b:agency", D("50000")),
        ("trials", y0, "c:lead-cash", D("10000")),
        ("evaluation", y0, "c:intermediary-days", D("6750")),
        ("evaluation", y0, "c:lead-cash", D("1250")),
        ("contingency", y0, "b:agency", D("6000")),
        ("manager", y1, "c:lead-cash", D("20000")),
        ("backfill", y1, "c:anchor-days", D("9600")),
        ("trials", y1, "b:agency", D("17000")),
        ("trials", y1, "b:charity", D("20000")),
        ("evaluation", y1, "c:university-cash", D("10000")),
        ("evaluation", y1, "c:university-lab", D("10000")),
    ]
    settings = {
        "optimism_bias_percent": D("41"),
        "optimism_bias_basis": "Sample data: the Green Book upper bound for outsourcing (41% of "
        "running costs), kept until the pilot has evidence for a lower figure",
    }
    return {
        "contributions": contributions,
        "bids": bids,
        "lines": lines,
        "allocations": allocations,
        "settings": settings,
    }
