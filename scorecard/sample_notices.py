"""Sample contracting processes for the scorecard's demonstration, as an OCDS release package:
for five of the real anchors, over the last six quarters (dates relative to the day given), the
notices every indicator reads (scorecard/notice_table.py): pipeline (UK1), preliminary market
engagement (UK2), planned procurement (UK3), tender (UK4, with lots, tender periods, above or
below threshold, urgency), transparency (UK5), contract award (UK6, with bid statistics per lot
and awards to the sample suppliers) and contract details (UK7) notices, and payments compliance
notices (UK17).

Each anchor has a profile (how often it divides into lots, engages the market, awards directly,
gets a single bid...) so that figures and bands differ between anchors. Each flag falls on
round(n × share) of an anchor's n processes or lots (`_exactly`, `_spread`), so each figure is
known from the profile; amounts and days come from a seeded generator. Everything is sample data: ocids start with
`SCORECARD_PREFIX` (within `SAMPLE_PREFIX`), titles with "Sample:", contacts are at example.org.

The suppliers awarded are given by the caller (`suppliers`): the sample network's suppliers and
the larger firms the sample payment files pay, so that awards link to the supplier register and
the ledger's payees; a few suppliers of this module's own (`NEW_SUPPLIERS`) are paid by no
ledger. Pure and deterministic for a given day, supplier list and seed.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta
from typing import Any

from network.sample_data import ANCHORS
from network.sample_data import generate as network_data
from opportunities.ocid_prefixes import SAMPLE_PREFIX

SEED = 2026
SCORECARD_PREFIX = f"{SAMPLE_PREFIX}scorecard-"
SPAN_DAYS = 6 * 91  # six quarters back from the day given
CONTACT = {"name": "Sample procurement team", "email": "sample-procurement@example.org"}
UKPGA = {
    "id": "2023/54",
    "scheme": "UKPGA",
    "uri": "https://www.legislation.gov.uk/ukpga/2023/54/contents",
}


@dataclass(frozen=True)
class Profile:
    """How one anchor buys, as shares of its processes or lots."""

    code: str
    name: str
    tenders: int  # competitive processes (a UK4 each)
    direct: int  # direct awards (a UK5 each)
    lots: float  # tenders divided into two or more lots
    engaged: float  # tenders with a UK2 before the UK4
    planned: float  # above-threshold tenders with a qualifying UK3 (and a 15-day period)
    urgent: float  # above-threshold tenders cut to 12 days for urgency
    short: float  # above-threshold tenders of 20 days with neither
    above: float  # tenders above the threshold
    single_bid: float  # lots that received one bid
    sme: float  # chance that a final-stage bid is an SME's
    vcse: float  # chance that a final-stage bid is a VCSE's
    award_days: tuple[int, int]  # days from the tender deadline to the award
    pipeline: bool  # publishes a pipeline notice (UK1) each financial year
    paid_on_time: tuple[float, ...]  # UK17 share paid within 30 days, one per period, oldest first
    suppliers: int  # how many of the suppliers given it awards
    favourite: float  # weight of its most-awarded supplier against 1 for each other


PROFILES = [
    Profile(
        "bcc", "Birmingham City Council", 19, 1, 0.55, 0.65, 0.25, 0.1, 0.1, 0.6, 0.08, 0.6,
        0.2, (25, 60), True, (0.88, 0.92, 0.94), 10, 2.0,
    ),
    Profile(
        "wmca", "West Midlands Combined Authority", 12, 1, 0.35, 0.45, 0.2, 0.1, 0.2, 0.7, 0.17,
        0.45, 0.12, (35, 90), True, (0.84, 0.86), 8, 3.0,
    ),
    Profile(
        "uob", "University of Birmingham", 10, 3, 0.2, 0.2, 0.1, 0.1, 0.4, 0.7, 0.3, 0.25, 0.05,
        (60, 150), False, (0.71, 0.77), 7, 4.0,
    ),
    Profile(
        "cov", "Coventry City Council", 12, 2, 0.45, 0.5, 0.25, 0.0, 0.15, 0.5, 0.12, 0.5, 0.15,
        (30, 75), True, (0.9,), 8, 2.0,
    ),
    Profile(
        "uhb", "University Hospitals Birmingham NHS Foundation Trust", 14, 1, 0.3, 0.3, 0.15,
        0.15, 0.25, 0.8, 0.2, 0.3, 0.15, (45, 120), False, (0.79, 0.83), 7, 4.0,
    ),
]  # fmt: skip

# What each kind of anchor buys, as (title, description, CPV, category, lot names when divided):
# a council's housing, highways and social care; an NHS trust's clinical services, medical
# equipment and estates; a university's research equipment and student services; the combined
# authority's transport, skills and net-zero programmes. Every tender and direct award of an
# anchor is one of its kind's.
WORK: dict[str, list[tuple[str, str, str, str, list[str]]]] = {
    "council": [
        ("Home care and reablement", "Help at home for adults leaving hospital.", "85312000",
         "services", ["North", "South", "East", "West"]),
        ("Community meals service", "Fresh meals delivered to people at home.", "55521100",
         "services", ["City centre", "Outer wards"]),
        ("Highways resurfacing and footway repairs", "Planned resurfacing of roads and repairs to footways.",
         "45233141", "works", ["Roads", "Footways", "Cycleways"]),
        ("Cleaning of public buildings", "Regular and deep cleaning at the Real Living Wage.",
         "90910000", "services", ["Offices", "Libraries", "Depots"]),
        ("Repairs to council homes between tenancies", "Repairs and refurbishment of empty council homes.",
         "45453000", "works", ["North", "South"]),
        ("Home energy retrofit surveys", "Surveys and designs for insulation and heat pumps.",
         "71314300", "services", ["Surveys", "Designs", "Advice"]),
        ("Supported accommodation for care leavers", "Supported homes and key workers for young people leaving care.",
         "85311000", "services", ["Under 18", "18 to 25"]),
        ("Furniture reuse and recycling", "Collection, repair and reuse of office furniture.",
         "90500000", "services", ["Collection", "Repair"]),
        ("Accessible website and data services", "User research, design and data engineering.",
         "72413000", "services", ["Discovery", "Build"]),
        ("Electric vehicle charging at depots", "Supply and installation of charging points.",
         "31158100", "goods", ["Depots", "Car parks"]),
    ],
    "combined_authority": [
        ("Electric vehicle charging hubs", "Public charging hubs at transport interchanges.",
         "31158100", "goods", ["Interchanges", "Park and ride"]),
        ("Adult skills bootcamps", "Short courses for adults moving into new jobs.", "80530000",
         "services", ["Digital", "Green construction", "Health and care"]),
        ("Youth employability programme", "Coaching and placements for young people.", "80530000",
         "services", ["Coaching", "Placements"]),
        ("Journey planning data platform", "Open data on buses, trams and trains.", "72300000",
         "services", ["Discovery", "Build"]),
        ("Regional home energy retrofit advice", "Surveys and advice for households planning insulation and heat pumps.",
         "71314300", "services", ["Surveys", "Advice"]),
        ("Accessible website and data services", "User research, design and data engineering.",
         "72413000", "services", ["Discovery", "Build"]),
    ],
    "nhs_trust": [
        ("Remote monitoring for community teams", "Software and devices to monitor patients.",
         "72212000", "services", ["Software", "Devices"]),
        ("Clinical waste collection", "Collection and disposal of clinical waste.", "90524000",
         "services", ["Hospitals", "Community clinics"]),
        ("Patient meals and ward catering", "Fresh meals for patients on wards.", "55320000",
         "services", ["Wards", "Day units"]),
        ("Wound care consumables", "Dressings and wound care products for wards and clinics.",
         "33140000", "goods", ["Dressings", "Negative pressure"]),
        ("Social prescribing link workers", "Link workers connecting patients to community groups.",
         "85323000", "services", ["Central", "East"]),
        ("Estates maintenance", "Planned and reactive maintenance of hospital buildings.",
         "50700000", "services", ["Mechanical", "Electrical"]),
        ("Portable ultrasound scanners", "Point-of-care ultrasound for emergency and maternity teams.",
         "33112200", "goods", ["Emergency", "Maternity"]),
    ],
    "university": [
        ("Precision engineering for research labs", "Prototypes and small-batch parts.", "42000000",
         "goods", ["Prototypes", "Parts"]),
        ("Laboratory equipment for research groups", "Analysers, balances and cold storage.",
         "38000000", "goods", ["Analysers", "Cold storage"]),
        ("Student mental health and wellbeing support", "Counselling and wellbeing sessions for students.",
         "85312300", "services", ["Counselling", "Workshops"]),
        ("Campus catering from local growers", "Cafés and events catering on campus.", "55520000",
         "services", ["Cafés", "Events"]),
        ("Cleaning of student accommodation", "Regular and end-of-term cleaning of halls.",
         "90910000", "services", ["Halls", "Teaching buildings"]),
        ("Facilities maintenance", "Planned and reactive maintenance of campus buildings.",
         "50700000", "services", ["Mechanical", "Electrical"]),
        ("Accessible student web services", "Accessible pages for applicants and students.",
         "72413000", "services", ["Discovery", "Build"]),
    ],
}  # fmt: skip
KIND_OF = {name: kind for name, kind, _postcode, _sectors, _buys in ANCHORS}

# Suppliers no sample payment file pays: awards to them are never followed by a payment.
NEW_SUPPLIERS = [
    {"name": "Sample Lighting Co-operative", "scale": "sme", "vcse": True, "postcode": "B7 4BB"},
    {"name": "Sample Transport Services Ltd", "scale": "large", "vcse": False, "postcode": ""},
]


def network_suppliers() -> list[dict]:
    """The sample network's suppliers (network/sample_data.py) as this module takes them: name,
    scale, VCSE and postcode; none has an identifier."""
    return [
        {
            "name": row["name"],
            "scale": "large" if row["size_band"] == "large" else "sme",
            "vcse": row["is_vcse"],
            "postcode": row["registered_postcode"],
        }
        for row in network_data()["suppliers"]
    ]


def _iso(moment: datetime) -> str:
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def _spread(index: int, share: float) -> bool:
    """Whether the index-th of a run of items (0, 1, 2...) is one of the `share` of them: true for
    round(n × share) of the first n, for every n, spaced evenly."""
    return round((index + 1) * share) > round(index * share)


def _exactly(count: int, share: float, rng: random.Random) -> list[bool]:
    """round(count × share) True and the rest False, in a shuffled order."""
    chosen = round(count * share)
    flags = [True] * chosen + [False] * (count - chosen)
    rng.shuffle(flags)
    return flags


def _party_id(supplier: dict) -> str:
    if supplier.get("company_number"):
        return f"GB-COH-{supplier['company_number']}"
    slug = "".join(ch for ch in supplier["name"].upper() if ch.isalnum())
    return f"SAMPLE-SUPPLIER-{slug}"


def _supplier_party(supplier: dict) -> dict:
    party: dict[str, Any] = {
        "id": _party_id(supplier),
        "name": supplier["name"],
        "roles": ["supplier"],
        "details": {"scale": supplier["scale"], "vcse": bool(supplier["vcse"])},
    }
    if supplier.get("company_number"):
        party["identifier"] = {"scheme": "GB-COH", "id": supplier["company_number"]}
    if supplier.get("postcode"):
        party["address"] = {"postalCode": supplier["postcode"], "country": "GB"}
    return party


def _document(release_id: str, document_type: str, notice_type: str, when: datetime) -> dict:
    return {
        "id": release_id,
        "documentType": document_type,
        "noticeType": notice_type,
        "description": f"Sample {notice_type} notice (AnchorHub sample data, not a real notice)",
        "url": f"https://example.org/sample-notice/{release_id}",
        "datePublished": _iso(when),
        "format": "text/html",
    }


class _Anchor:
    """The releases of one anchor's profile."""

    def __init__(self, profile: Profile, postcode: str, suppliers: list[dict], today: date, seed):
        self.profile = profile
        self.work = WORK[KIND_OF[profile.name]]
        self.rng = random.Random(f"{seed}:{profile.code}")  # noqa: S311 (sample data, no secret)
        self.noon = datetime.combine(today, time(12), tzinfo=UTC)
        self.buyer = {"id": f"SAMPLE-BUYER-{profile.code.upper()}", "name": profile.name}
        self.buyer_party = {
            **self.buyer,
            "roles": ["buyer"],
            "address": {"postalCode": postcode, "region": "West Midlands", "country": "GB"},
            "contactPoint": dict(CONTACT),
        }
        chosen = self.rng.sample(range(len(suppliers)), min(profile.suppliers, len(suppliers)))
        for wanted in (lambda s: s["vcse"], lambda s: s["scale"] == "large"):
            if not any(wanted(suppliers[i]) for i in chosen):  # some of each kind, always
                chosen[-1] = next((i for i, s in enumerate(suppliers) if wanted(s)), chosen[-1])
        self.pool = [suppliers[i] for i in chosen] + NEW_SUPPLIERS
        # One supplier outside the pool, awarded only a small direct award (see direct_awards).
        self.spare = next((s for i, s in enumerate(suppliers) if i not in chosen), self.pool[0])
        self.weights = [profile.favourite] + [1.0] * (len(self.pool) - 1)
        self.releases: list[dict] = []
        self.lots_with_bids = 0  # the anchor's lots given bid statistics so far

    def ago(self, days: float) -> datetime:
        return self.noon - timedelta(days=days)

    def release(
        self, ocid: str, suffix: str, when: datetime, tags: list[str], **parts: Any
    ) -> dict:
        release = {
            "ocid": ocid,
            "id": f"{ocid}-{suffix}",
            "date": _iso(when),
            "tag": tags,
            "initiationType": "tender",
            "language": "en",
            "buyer": dict(self.buyer),
            "parties": [dict(self.buyer_party)],
            **parts,
        }
        self.releases.append(release)
        return release

    def winner(self) -> dict:
        return self.rng.choices(self.pool, weights=self.weights)[0]

    # Competitive processes: UK2?, UK3?, UK4, then UK6 and UK7 once awarded.
    def tenders(self) -> None:
        p = self.profile
        rng = self.rng
        above = _exactly(p.tenders, p.above, rng)
        divided = _exactly(p.tenders, p.lots, rng)
        engaged = _exactly(p.tenders, p.engaged, rng)
        # Above the threshold, one way each: a qualifying UK3, urgency, short, or long enough.
        count = sum(above)
        ways = (
            ["planned"] * round(count * p.planned)
            + ["urgent"] * round(count * p.urgent)
            + ["short"] * round(count * p.short)
        )
        ways = (ways + ["normal"] * count)[:count]
        rng.shuffle(ways)
        found = iter(ways)
        for i in range(p.tenders):
            way = next(found) if above[i] else "below"
            self._tender(self._plan(i, way, divided[i], engaged[i]))

    def _plan(self, i: int, way: str, divided: bool, engaged: bool) -> dict:
        p, rng = self.profile, self.rng
        title, description, cpv, category, lot_names = self.work[(i + len(p.code)) % len(self.work)]
        above = way != "below"
        lots = lot_names[: rng.randint(2, len(lot_names))] if divided else []
        value = round(
            rng.uniform(300_000, 2_500_000) if above else rng.uniform(25_000, 160_000), -3
        )
        planned, urgent, short = way == "planned", way == "urgent", way == "short"
        if planned:
            days = 15
        elif urgent:
            days = 12
        elif short:
            days = 20
        elif above:
            days = rng.randint(30, 42)
        else:
            days = rng.choice([14, 21, 28, 30, 35])  # no statutory minimum below the threshold
        # Published from about six quarters ago up to ten days ago, evenly.
        published = self.ago(SPAN_DAYS - 20 - i * (SPAN_DAYS - 30) / max(p.tenders - 1, 1))
        return {
            "index": i,
            "ocid": f"{SCORECARD_PREFIX}{p.code}-{i + 1:03d}",
            "title": f"Sample: {title}",
            "description": f"{description} (AnchorHub sample data, not a real notice.)",
            "cpv": cpv,
            "category": category,
            "above": above,
            "lots": lots or ["Whole contract"],
            "value": value,
            "engaged": engaged,
            "planned": planned,
            "late_uk3": short and i % 2 == 0,  # a UK3 too late to qualify (under 40 days)
            "urgent": urgent,
            "days": days,
            "published": published,
            "selective": above and rng.random() < 0.5,
        }

    def _tender_part(self, plan: dict, status: str) -> dict:
        value = plan["value"]
        lots = plan["lots"]
        share = round(value / len(lots), -2)
        tender: dict[str, Any] = {
            "id": f"{plan['ocid']}-tender",
            "legalBasis": dict(UKPGA),
            "title": plan["title"],
            "description": plan["description"],
            "status": status,
            "classification": {"scheme": "CPV", "id": plan["cpv"]},
            "items": [
                {
                    "id": "1",
                    "additionalClassifications": [{"scheme": "CPV", "id": plan["cpv"]}],
                    "deliveryAddresses": [{"region": "UKG31", "country": "GB"}],
                }
            ],
            "mainProcurementCategory": plan["category"],
            "value": {"amount": value, "amountGross": round(value * 1.2, 2), "currency": "GBP"},
            "aboveThreshold": plan["above"],
            "procurementMethod": "selective" if plan["selective"] else "open",
            "procurementMethodDetails": (
                ("Competitive flexible procedure" if plan["selective"] else "Open procedure")
                if plan["above"]
                else "Below threshold - open competition"
            ),
            "lots": [
                {
                    "id": str(n),
                    "title": f"{plan['title']}: {name}" if len(lots) > 1 else plan["title"],
                    "status": "active" if status == "active" else status,
                    "value": {"amount": share, "currency": "GBP"},
                    "suitability": {"sme": True, "vcse": n % 2 == 1},
                }
                for n, name in enumerate(lots, 1)
            ],
        }
        return tender

    def _tender(self, plan: dict) -> None:
        ocid, published, rng = plan["ocid"], plan["published"], self.rng
        if plan["engaged"]:
            when = published - timedelta(days=rng.randint(30, 90))
            tender = self._tender_part(plan, "planning")
            self.release(
                ocid,
                "uk2",
                when,
                ["planning"],
                planning={
                    "milestones": [
                        {
                            "id": "engagement",
                            "type": "engagement",
                            "description": "Sample supplier event and questions (sample data).",
                            "dateMet": _iso(when + timedelta(days=21)),
                            "status": "met",
                        }
                    ],
                    "documents": [_document(f"{ocid}-uk2", "marketEngagementNotice", "UK2", when)],
                },
                tender=tender,
            )
        if plan["planned"] or plan["late_uk3"]:
            before = rng.randint(50, 150) if plan["planned"] else rng.randint(10, 30)
            when = published - timedelta(days=before)
            tender = self._tender_part(plan, "planned")
            tender["tenderPeriod"] = {"startDate": _iso(published)}
            tender["communication"] = {"futureNoticeDate": _iso(published)}
            self.release(
                ocid,
                "uk3",
                when,
                ["planning"],
                planning={
                    "documents": [_document(f"{ocid}-uk3", "plannedProcurementNotice", "UK3", when)]
                },
                tender=tender,
            )
        deadline = published + timedelta(days=plan["days"])
        tender = self._tender_part(plan, "active")
        tender["tenderPeriod"] = {"startDate": _iso(published), "endDate": _iso(deadline)}
        tender["enquiryPeriod"] = {"endDate": _iso(deadline - timedelta(days=5))}
        tender["submissionTerms"] = {"electronicSubmissionPolicy": "required"}
        if plan["urgent"]:
            tender["tenderPeriod"]["description"] = "Shortened for urgency (s.54(5)): sample data."
        tender["documents"] = [_document(f"{ocid}-uk4", "tenderNotice", "UK4", published)]
        self.release(ocid, "uk4", published, ["tender"], tender=tender)
        awarded = deadline + timedelta(days=rng.randint(*self.profile.award_days))
        if awarded > self.noon - timedelta(days=2):
            return  # not awarded yet
        self._award(plan, tender, self._lot_results(plan), awarded)

    def _lot_results(self, plan: dict) -> list[dict]:
        p, rng = self.profile, self.rng
        results = []
        for n, _name in enumerate(plan["lots"], 1):
            single = _spread(self.lots_with_bids, p.single_bid)
            self.lots_with_bids += 1
            bids = 1 if single else rng.randint(2, 9)
            final = bids if not plan["selective"] else max(1, min(bids, rng.randint(2, 5)))
            sme = sum(rng.random() < p.sme for _ in range(final))
            vcse = min(sme, sum(rng.random() < p.vcse for _ in range(final)))
            results.append({"lot": str(n), "bids": bids, "final": final, "sme": sme, "vcse": vcse})
        return results

    def _award(self, plan: dict, tender: dict, lots: list[dict], awarded: datetime) -> None:
        ocid, rng = plan["ocid"], self.rng
        statistics: list[dict] = []
        for result in lots:
            for measure, key in (
                ("bids", "bids"),
                ("finalStageBids", "final"),
                ("smeFinalStageBids", "sme"),
                ("vcseFinalStageBids", "vcse"),
            ):
                statistics.append(
                    {
                        "id": str(len(statistics) + 1),
                        "measure": measure,
                        "value": result[key],
                        "relatedLot": result["lot"],
                    }
                )
        awards, parties = [], [dict(self.buyer_party)]
        for lot in tender["lots"]:
            supplier = self.winner()
            party = _supplier_party(supplier)
            if party["id"] not in {p["id"] for p in parties}:
                parties.append(party)
            amount = round(lot["value"]["amount"] * rng.uniform(0.8, 1.0), -2)
            awards.append(
                {
                    "id": lot["id"],
                    "title": lot["title"],
                    "status": "active",
                    "date": _iso(awarded),
                    "value": {
                        "amount": amount,
                        "amountGross": round(amount * 1.2, 2),
                        "currency": "GBP",
                    },
                    "suppliers": [{"id": party["id"], "name": party["name"]}],
                    "relatedLots": [lot["id"]],
                }
            )
        closed = {
            **tender,
            "status": "complete",
            "lots": [{**lot, "status": "complete"} for lot in tender["lots"]],
        }
        closed.pop("documents", None)
        published = awarded + timedelta(days=1)
        uk6 = [
            {**award, "documents": [_document(f"{ocid}-uk6", "awardNotice", "UK6", published)]}
            for award in awards
        ]
        self.release(
            ocid,
            "uk6",
            published,
            ["award"],
            parties=parties,
            tender=closed,
            bids={"statistics": statistics},
            awards=uk6,
        )
        signed = awarded + timedelta(days=rng.randint(12, 25))
        if signed > self.noon:
            return  # the contract is not signed yet
        self._contracts(ocid, parties, closed, awards, signed)

    def _contracts(self, ocid, parties, tender, awards, signed: datetime) -> None:
        contracts = [
            {
                "id": f"{award['id']}-contract",
                "awardID": award["id"],
                "title": award["title"],
                "status": "active",
                "value": dict(award["value"]),
                "dateSigned": _iso(signed),
                "period": {
                    "startDate": _iso(signed + timedelta(days=14)),
                    "endDate": _iso(signed + timedelta(days=14 + 730)),
                },
                "documents": [_document(f"{ocid}-uk7", "contractNotice", "UK7", signed)],
            }
            for award in awards
        ]
        self.release(
            ocid,
            "uk7",
            signed,
            ["contract"],
            parties=parties,
            tender=tender,
            awards=awards,
            contracts=contracts,
        )

    # Direct awards: a UK5 (award pending), then the UK7 once the contract is signed.
    def direct_awards(self) -> None:
        p, rng = self.profile, self.rng
        for i in range(p.direct):
            ocid = f"{SCORECARD_PREFIX}{p.code}-direct-{i + 1:02d}"
            title, description, cpv, category, _lots = self.work[(i * 5 + 3) % len(self.work)]
            published = self.ago(SPAN_DAYS - 60 - i * (SPAN_DAYS - 90) / max(p.direct, 1))
            # The first is small, to a supplier awarded nothing else: the ledger may pay it more
            # than the award's value (payments beyond the contract).
            supplier = self.spare if i == 0 else self.winner()
            party = _supplier_party(supplier)
            value = round(
                rng.uniform(15_000, 30_000) if i == 0 else rng.uniform(40_000, 400_000), -3
            )
            tender = {
                "id": f"{ocid}-tender",
                "legalBasis": dict(UKPGA),
                "title": f"Sample: {title} (direct award)",
                "description": f"{description} (AnchorHub sample data, not a real notice.)",
                "status": "complete",
                "mainProcurementCategory": category,
                "classification": {"scheme": "CPV", "id": cpv},
                "procurementMethod": "direct",
                "procurementMethodDetails": "Direct award",
                "procurementMethodRationale": "Sample data: continuity of a service (s.41).",
                "aboveThreshold": value * 1.2 > 214_904,
                "lots": [{"id": "1", "status": "complete"}],
            }
            award = {
                "id": "1",
                "title": tender["title"],
                "status": "pending",
                "value": {"amount": value, "amountGross": round(value * 1.2, 2), "currency": "GBP"},
                "suppliers": [{"id": party["id"], "name": party["name"]}],
                "relatedLots": ["1"],
            }
            parties = [dict(self.buyer_party), party]
            self.release(
                ocid,
                "uk5",
                published,
                ["award"],
                parties=parties,
                tender=tender,
                awards=[
                    {
                        **award,
                        "documents": [_document(f"{ocid}-uk5", "awardNotice", "UK5", published)],
                    }
                ],
            )
            signed = published + timedelta(days=rng.randint(10, 20))
            if signed <= self.noon:
                self._contracts(
                    ocid,
                    parties,
                    tender,
                    [{**award, "status": "active", "date": _iso(signed)}],
                    signed,
                )

    # A pipeline notice (UK1) each financial year, within 56 days of its start (s.93).
    def pipelines(self) -> None:
        p = self.profile
        if not p.pipeline:
            return
        year = self.noon.year if self.noon.month >= 4 else self.noon.year - 1
        for start in (year - 1, year):
            when = datetime(start, 5, 12, 12, tzinfo=UTC)
            if when > self.noon:
                continue
            ocid = f"{SCORECARD_PREFIX}{p.code}-uk1-{start}"
            label = f"{start}-{(start + 1) % 100:02d}"
            self.release(
                ocid,
                "uk1",
                when,
                ["planning"],
                planning={
                    "documents": [_document(f"{ocid}-uk1", "plannedProcurementNotice", "UK1", when)]
                },
                tender={
                    "id": f"{ocid}-tender",
                    "legalBasis": dict(UKPGA),
                    "title": f"Sample: pipeline of procurements over £2 million, {label}",
                    "description": "Planned procurements for the financial year (sample data).",
                    "status": "planned",
                    "mainProcurementCategory": "services",
                },
            )

    # Payments compliance notices (UK17): one per six-month period to 31 March and 30 September,
    # published within 30 days of its end. The figures are read as notice_table.COMPLIANCE_MEASURES
    # names them, from `paymentsCompliance.statistics` (one of the places it reads).
    def compliance(self) -> None:
        p = self.profile
        ends = _period_ends(self.noon.date() - timedelta(days=30), len(p.paid_on_time))
        for number, (end, share) in enumerate(zip(ends, p.paid_on_time, strict=True)):
            start = _six_months_before(end)
            when = datetime.combine(end + timedelta(days=25), time(12), tzinfo=UTC)
            ocid = f"{SCORECARD_PREFIX}{p.code}-uk17-{end:%Y-%m}"
            period = {
                "startDate": _iso(datetime.combine(start, time(0), tzinfo=UTC)),
                "endDate": _iso(datetime.combine(end, time(23, 59, 59), tzinfo=UTC)),
            }
            invoices = 1800 + 150 * number + self.rng.randint(0, 400)
            measures = [
                ("invoicesPaidWithin30Days", round(share * 100, 1)),
                ("averageDaysToPay", round(14 + (1 - share) * 60, 1)),
                ("invoicesPaid", invoices),
            ]
            self.release(
                ocid,
                "uk17",
                when,
                ["implementation"],
                tender={
                    "id": f"{ocid}-tender",
                    "title": f"Sample: payments compliance, {start:%B %Y} to {end:%B %Y}",
                    "status": "complete",
                    "documents": [_document(f"{ocid}-uk17", "paymentsCompliance", "UK17", when)],
                },
                paymentsCompliance={
                    "statistics": [
                        {"id": str(n), "measure": measure, "value": value, "period": period}
                        for n, (measure, value) in enumerate(measures, 1)
                    ]
                },
            )


def _period_ends(latest: date, count: int) -> list[date]:
    """The last `count` reporting period ends (31 March, 30 September) on or before `latest`,
    oldest first."""
    ends: list[date] = []
    year = latest.year
    while len(ends) < count:
        for end in (date(year, 9, 30), date(year, 3, 31)):
            if end <= latest and len(ends) < count:
                ends.append(end)
        year -= 1
    return sorted(ends)


def _six_months_before(end: date) -> date:
    return date(end.year, 4, 1) if end.month == 9 else date(end.year - 1, 10, 1)


def generate(today: date, suppliers: list[dict], seed: int = SEED) -> dict:
    """The sample releases as one OCDS release package. `suppliers`: dicts with name, scale
    ("sme" or "large"), vcse, postcode and, where known, company_number."""
    postcodes = {name: postcode for name, _kind, postcode, _sectors, _buys in ANCHORS}
    releases: list[dict] = []
    for profile in PROFILES:
        anchor = _Anchor(profile, postcodes[profile.name], suppliers, today, seed)
        anchor.pipelines()
        anchor.tenders()
        anchor.direct_awards()
        anchor.compliance()
        releases += anchor.releases
    noon = datetime.combine(today, time(12), tzinfo=UTC)
    return {
        "uri": "https://example.org/anchorhub/sample-scorecard-notices.json",
        "version": "1.1",
        "publishedDate": _iso(noon),
        "publisher": {"name": "AnchorHub sample data (not real notices)"},
        "releases": sorted(releases, key=lambda r: (r["date"], r["id"])),
    }
