"""Sample notices for the demonstration, as an OCDS release package (pure, deterministic for a given
seed and day). They go through the same loader as real data, and are marked as sample data."""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from network.sample_data import ANCHORS, SUPPLIER_STEMS, SUPPLIER_TRADES
from opportunities.ocid_prefixes import SAMPLE_PREFIX

SEED = 2026


@dataclass(frozen=True)
class Subject:
    """Something an anchor of one kind buys: a plausible notice for that kind of buyer."""

    title: str
    description: str
    cpv: str
    category: str  # goods, services or works
    typical: int  # typical value in pounds, excluding VAT
    lots: tuple[str, ...] = ()
    shares: tuple[float, ...] = ()  # of the value, per lot; equal when not given


# What each kind of anchor buys (the anchors' own words in network.sample_data: a council's
# housing, highways and social care; an NHS trust's clinical services, medical equipment and
# estates; a university's research equipment and student services; the combined authority's
# transport, skills and net-zero programmes). Every sample notice's subject is its buyer's kind's.
SUBJECTS: dict[str, tuple[Subject, ...]] = {
    "council": (
        Subject("Retrofit of council homes", "Insulation, heat pumps and solar panels for up to 400 council homes.", "45321000", "works", 3_800_000, ("North", "South", "East", "Surveys and resident liaison"), (0.32, 0.32, 0.32, 0.04)),
        Subject("Home care and reablement", "Help at home for adults leaving hospital, by area.", "85312000", "services", 4_500_000, ("Area 1", "Area 2", "Area 3", "Area 4", "Reablement pilot with carers' groups"), (0.24625, 0.24625, 0.24625, 0.24625, 0.015)),
        Subject("Highways resurfacing and footway repairs", "Planned resurfacing of roads and repairs to footways across the borough.", "45233141", "works", 1_600_000, ("Roads", "Footways"), (0.85, 0.15)),
        Subject("Supported accommodation for care leavers", "Supported homes and key workers for young people leaving care.", "85311000", "services", 850_000, ("Under 18", "18 to 25")),
        Subject("School meals pilot with local growers", "Fresh meals for 12 primary schools, sourced locally.", "55523100", "services", 180_000),
        Subject("Accessible council website redesign", "User research, design and build of an accessible council website.", "72413000", "services", 120_000),
        Subject("Cleaning of libraries and community centres", "Regular and deep cleaning, Real Living Wage.", "90910000", "services", 75_000),
        Subject("Furniture reuse service", "Collection, repair and reuse of office furniture.", "90500000", "services", 60_000),
        Subject("Air quality sensors network", "Low-cost sensors and an open data platform.", "38430000", "goods", 140_000),
    ),
    "combined_authority": (
        Subject("Electric vehicle charging hubs", "Design, supply and installation of public charging hubs at transport interchanges.", "31158100", "goods", 900_000, ("Interchanges", "Park and ride")),
        Subject("Adult skills bootcamps", "Short courses for adults moving into new jobs, by sector.", "80530000", "services", 600_000, ("Digital", "Green construction", "Health and care")),
        Subject("Youth employability programme", "Coaching and placements for 200 young people.", "80530000", "services", 95_000),
        Subject("Journey planning data platform", "Open data on buses, trams and trains for journey planning.", "72300000", "services", 250_000),
        Subject("Regional home energy retrofit advice", "Surveys and advice for households planning insulation and heat pumps.", "71314300", "services", 350_000, ("Surveys", "Advice"), (0.75, 0.25)),
    ),
    "nhs_trust": (
        Subject("Remote monitoring for community health teams", "Software and devices to monitor patients at home.", "72212000", "services", 450_000),
        Subject("Clinical waste collection", "Collection and disposal of clinical waste from clinics.", "90524000", "services", 650_000),
        Subject("Portable ultrasound scanners", "Point-of-care ultrasound units for emergency and maternity teams.", "33112200", "goods", 280_000),
        Subject("Patient meals and ward catering", "Fresh meals for patients on wards, with local produce.", "55320000", "services", 500_000, ("Wards", "Day units"), (0.8, 0.2)),
        Subject("Social prescribing link workers", "Link workers connecting patients to community groups.", "85323000", "services", 320_000, ("Central", "East")),
        Subject("Estates maintenance at community clinics", "Planned and reactive maintenance of heating, lighting and water at clinics.", "50700000", "services", 150_000),
    ),
    "university": (
        Subject("Precision engineering for research laboratories", "Prototypes and small-batch parts for research groups.", "42000000", "goods", 200_000, ("Prototypes", "Parts")),
        Subject("Laboratory equipment for research groups", "Analysers, balances and cold storage for laboratories.", "38000000", "goods", 160_000),
        Subject("Student mental health and wellbeing support", "Counselling and wellbeing sessions for students.", "85312300", "services", 220_000),
        Subject("Campus catering from local growers", "Cafés and events catering on campus, sourced locally.", "55520000", "services", 400_000, ("Cafés", "Events")),
        Subject("Accessible student web services", "User research and design of accessible pages for applicants and students.", "72413000", "services", 90_000),
        Subject("Cleaning of student accommodation", "Regular and end-of-term cleaning of halls of residence.", "90910000", "services", 110_000),
        Subject("Campus furniture reuse", "Collection, repair and reuse of teaching and office furniture.", "90500000", "services", 50_000),
    ),
}  # fmt: skip

REGIONS = {
    "council": "West Midlands",
    "combined_authority": "West Midlands",
    "nhs_trust": "West Midlands",
    "university": "West Midlands",
}


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _notice(ocid, buyer, party, suffix, tags, when, notice_type, tender) -> dict:
    """One release = one notice, with its UK notice type on the notice document."""
    document = {
        "id": f"{ocid}-{suffix}",
        "documentType": "tenderNotice",
        "noticeType": notice_type,
        "datePublished": _iso(when),
        "url": f"https://example.org/sample-notice/{ocid}-{suffix}",
    }
    return {
        "ocid": ocid,
        "id": f"{ocid}-{suffix}",
        "date": _iso(when),
        "tag": tags,
        "initiationType": "tender",
        "buyer": buyer,
        "parties": [party],
        "tender": {**tender, "documents": [document]},
    }


def generate(today: date, seed: int = SEED) -> dict:
    rng = random.Random(seed)
    noon = datetime.combine(today, time(12), tzinfo=UTC)
    suppliers = [
        f"{stem} {trade[0]}"
        for stem, trade in zip(SUPPLIER_STEMS, SUPPLIER_TRADES * 2, strict=False)
    ]
    releases = []
    scenarios = ["planned", "engagement", "open", "open", "closing", "awarded", "awarded", "closed"]
    number = 0
    seen: dict[str, int] = {}  # notices so far per kind of buyer, so that its anchors differ
    for anchor_name, kind, postcode, _sectors, _buys in ANCHORS:
        subjects = SUBJECTS[kind]
        for _ in range(2):
            number += 1
            subject = subjects[seen.get(kind, 0) % len(subjects)]
            seen[kind] = seen.get(kind, 0) + 1
            title, description, cpv, category, typical, lots = (
                subject.title,
                subject.description,
                subject.cpv,
                subject.category,
                subject.typical,
                subject.lots,
            )
            scenario = scenarios[number % len(scenarios)]
            ocid = f"{SAMPLE_PREFIX}{number:04d}"
            value = round(typical * rng.uniform(0.6, 1.4), -3)
            buyer = {"id": f"GB-SAMPLE-{number}", "name": anchor_name}
            party = {
                **buyer,
                "roles": ["buyer"],
                "address": {"postalCode": postcode, "region": "West Midlands"},
            }
            below = value * 1.2 < 207_720
            tender: dict[str, Any] = {
                "id": f"{ocid}-tender",
                "title": title,
                "description": description,
                "classification": {"scheme": "CPV", "id": cpv},
                "mainProcurementCategory": category,
                "value": {"amount": value, "amountGross": round(value * 1.2, 2), "currency": "GBP"},
                "procurementMethod": "open" if below or rng.random() < 0.5 else "selective",
                "items": [
                    {
                        "id": "1",
                        "deliveryAddresses": [
                            {"region": REGIONS.get(kind, "West Midlands"), "postalCode": postcode}
                        ],
                    }
                ],
                "suitability": {"sme": below or rng.random() < 0.6, "vcse": rng.random() < 0.4},
                "aboveThreshold": not below,
            }
            if lots:
                shares = subject.shares or (1 / len(lots),) * len(lots)
                tender["lots"] = [
                    {
                        "id": str(n),
                        "title": f"{title}: {lot}",
                        "value": {"amount": round(value * share, -3), "currency": "GBP"},
                        "status": "active",
                    }
                    for n, (lot, share) in enumerate(zip(lots, shares, strict=True), 1)
                ]
            if below and number % 3 == 0:
                tender["otherRequirements"] = {"reservedParticipation": ["smeVcse"]}
            if below and number % 4 == 0:
                tender.setdefault("otherRequirements", {})["reservedParticipationLocation"] = {
                    "description": "the West Midlands"
                }

            if scenario in ("planned", "engagement"):
                expected = noon + timedelta(days=rng.randint(30, 200))
                planning_tender = {
                    **tender,
                    "status": "planning",
                    "tenderPeriod": {"startDate": _iso(expected)},
                    "communication": {"futureNoticeDate": _iso(expected)},
                }
                notice_type = "UK2" if scenario == "engagement" else "UK3"
                releases.append(
                    _notice(
                        ocid,
                        buyer,
                        party,
                        "plan",
                        ["planning"],
                        noon - timedelta(days=rng.randint(2, 20)),
                        notice_type,
                        planning_tender,
                    )
                )
                continue
            start = noon - timedelta(days=rng.randint(5, 40))
            deadline = {
                "open": noon + timedelta(days=rng.randint(12, 45)),
                "closing": noon + timedelta(days=rng.randint(1, 6)),
            }.get(scenario, start + timedelta(days=30))
            open_tender = {
                **tender,
                "status": "active",
                "tenderPeriod": {"startDate": _iso(start), "endDate": _iso(deadline)},
                "enquiryPeriod": {"endDate": _iso(deadline - timedelta(days=7))},
                "contractPeriod": {
                    "startDate": _iso(deadline + timedelta(days=60)),
                    "endDate": _iso(deadline + timedelta(days=60 + 730)),
                },
            }
            releases.append(
                _notice(
                    ocid,
                    buyer,
                    party,
                    "uk2",
                    ["planning"],
                    start - timedelta(days=60),
                    "UK2",
                    {**tender, "status": "planning"},
                )
            )
            releases.append(
                _notice(ocid, buyer, party, "uk4", ["tender"], start, "UK4", open_tender)
            )
            if scenario == "awarded":
                winner = suppliers[number % len(suppliers)]
                award_day = deadline + timedelta(days=20)
                awarded = _notice(
                    ocid,
                    buyer,
                    party,
                    "uk6",
                    ["award"],
                    award_day,
                    "UK6",
                    {**open_tender, "status": "complete"},
                )
                awarded["awards"] = [
                    {
                        "id": "1",
                        "status": "active",
                        "date": _iso(award_day),
                        "value": {"amount": value, "currency": "GBP"},
                        "suppliers": [{"id": f"GB-SAMPLE-S{number}", "name": winner}],
                    }
                ]
                awarded["parties"] = [
                    party,
                    {
                        "id": f"GB-SAMPLE-S{number}",
                        "name": winner,
                        "roles": ["supplier"],
                        "details": {"scale": "sme"},
                    },
                ]
                releases.append(awarded)
    return {
        "uri": "https://example.org/anchorhub/sample-notices.json",
        "version": "1.1",
        "publishedDate": _iso(noon),
        "publisher": {"name": "AnchorHub sample data (not real notices)"},
        "releases": releases,
    }


# Capabilities of the sample suppliers, by the trade in their name (see network.sample_data).
TRADE_CAPABILITIES = {
    "Care Co-operative": (["85300000"], ["home care", "reablement"]),
    "Retrofit": (["45300000", "09330000"], ["retrofit", "insulation", "heat pumps"]),
    "Health Tech": (["72000000", "33000000"], ["remote monitoring", "software"]),
    "Community Kitchen": (["55500000"], ["meals", "catering"]),
    "Data Studio": (["72000000"], ["website", "user research", "data"]),
    "Fleet Electric": (["31158000"], ["charging", "electric vehicle"]),
    "Facilities Services": (["90900000"], ["cleaning"]),
    "Youth Skills Trust": (["80500000"], ["employability", "young people"]),
    "Engineering": (["42000000"], ["prototype", "engineering"]),
    "Recycling": (["90500000"], ["reuse", "recycling", "waste"]),
}


def sample_capabilities(organisation) -> dict:
    cpv, keywords = next(
        (found for trade, found in TRADE_CAPABILITIES.items() if trade in organisation.name),
        ([], []),
    )
    limit = {"micro": 100_000, "small": 500_000, "medium": 5_000_000}.get(organisation.size_band)
    return {
        "cpv_codes": cpv,
        "keywords": keywords,
        "areas": ["West Midlands", "Birmingham"],
        "max_contract_value": limit,
    }
