"""Sample challenges at every stage, with questions, an event, interest, responses, a consortium,
an evaluation and an adoption: demo content, labelled as sample (`is_sample`). Used by the
`demo_challenges` command and tests only."""

from __future__ import annotations

from datetime import timedelta

from django.db import transaction
from django.utils import timezone

from challenges import lifecycle, sample_challenge_activity
from challenges.models import Challenge, Criterion, StatusChange

Status = lifecycle.Status
CRITERIA = [
    ("Impact on the outcomes", "How far and how surely the proposal reaches the outcomes", 40),
    ("Deliverability", "Team, plan, risks, readiness (TRL) and evidence", 30),
    ("Cost and value", "Indicative cost against the value of the outcomes", 20),
    ("Social value", "Local jobs, skills, supply chain and carbon", 10),
]

CHALLENGES = [
    {
        "key": "draft",
        "status": Status.DRAFT,
        "owner": "Birmingham City Council",
        "title": "Less food wasted in school kitchens",
        "summary": "School kitchens throw away about a fifth of the food they prepare; we want to halve that without hungry children.",
        "problem": "Our 190 school kitchens prepare about 60,000 meals a day. Kitchen audits in 2024 found 18-22% of prepared food was thrown away, costing about £2.1m a year and 1,900 tonnes of CO2e.",
        "affected": "Pupils, kitchen staff, school business managers, the council's catering service.",
        "outcomes": "Prepared food thrown away falls from about 20% to 10% within two school years, with no fall in pupils' take-up of meals.",
        "success_measures": "Weighed waste per meal from kitchen audits each term; take-up from the meals system; baseline 2024 audits.",
        "must": "Must work in kitchens without new building work; must meet food safety rules.",
        "must_not": "Must not rely on pupils installing an app.",
        "tried": "Pre-ordering at two primary schools in 2023 cut waste by a third but was dropped when staff changed.",
        "budget": (50000, 120000),
        "timeline": "Engagement in the spring term; pilot in 10 schools from September.",
        "sectors": ["education", "low-carbon"],
        "cpv": ["55520000", "90500000"],
        "days": 40,
    },
    {
        "key": "published",
        "status": Status.PUBLISHED,
        "owner": "Coventry City Council",
        "co_owners": ["Birmingham City Council"],
        "title": "Keeping older residents warm at home for less",
        "summary": "Older residents in cold homes fall ill and end up in hospital; we want them warm at a cost they can afford.",
        "problem": "About 9,000 households with someone over 75 in our two cities live in homes rated EPC E or worse. Cold homes raise falls, strokes and respiratory admissions in winter.",
        "affected": "Older residents, their carers, GP practices, housing and adult social care teams.",
        "outcomes": "Fewer winter admissions for cold-related illness among the people reached; lower heating bills; warmer rooms.",
        "success_measures": "Indoor temperature readings (with consent), heating bills, and emergency admissions from NHS data, against matched homes.",
        "must": "Must work for tenants and owner-occupiers; must respect residents' consent and privacy.",
        "must_not": "Must not need residents to pay up front.",
        "tried": "Grant-funded loft insulation reached few older owner-occupiers.",
        "budget": (150000, 400000),
        "timeline": "Engagement this winter; pilot next autumn.",
        "sectors": ["low-carbon", "healthcare"],
        "cpv": ["45321000", "85300000"],
        "days": 45,
    },
    {
        "key": "open",
        "status": Status.ENGAGEMENT_OPEN,
        "owner": "Birmingham City Council",
        "title": "Fewer missed home care visits",
        "summary": "About one in twenty home care visits is late or missed; we want people to get the care they are due, when they need it.",
        "problem": "We commission 45,000 hours of home care a week from 80 providers. Late and missed visits, about 5%, leave people without medicines or meals and lead to avoidable hospital admissions.",
        "affected": "People receiving home care, their families, care workers, providers and our brokerage team.",
        "outcomes": "Late or missed visits fall from about 5% to 2% within a year, with care workers' travel time no higher than today.",
        "success_measures": "Visit records from providers' electronic call monitoring, monthly; baseline this year's 5%.",
        "must": "Must work with the many providers' own rostering systems; must meet data protection law.",
        "must_not": "Must not add unpaid time to care workers' days.",
        "tried": "A shared rota pilot in one ward; providers found double entry too slow.",
        "budget": (80000, 180000),
        "timeline": "Engagement until next month; a six-month pilot from the spring.",
        "sectors": ["social-care", "digital"],
        "cpv": ["85312000", "72000000"],
        "days": 30,
        "route": {
            "value": "216000",
            "buyer_type": "sub-central",
            "category": "services",
            "light_touch": False,
            "solution": "needs_development",
            "urgent": False,
            "framework": False,
            "council": True,
        },
    },
    {
        "key": "evaluating",
        "status": Status.ENGAGEMENT_CLOSED,
        "owner": "Birmingham City Council",
        "co_owners": ["Coventry City Council"],
        "title": "Faster repairs to council homes",
        "summary": "Tenants wait weeks for repairs and often need several visits; we want repairs right first time, sooner.",
        "problem": "We receive 250,000 repair requests a year. Average time to complete a routine repair is 38 days and a third need more than one visit, mostly because the job was not diagnosed right.",
        "affected": "Council tenants, repairs operatives, contact centre staff.",
        "outcomes": "Routine repairs done within 20 days on average, 80% right first time.",
        "success_measures": "Repairs system data, monthly; baseline 38 days and 66% first time.",
        "must": "Must work with our repairs management system.",
        "must_not": "Must not require tenants to have a smartphone.",
        "tried": "Video diagnosis by phone in 2022: tenants liked it but operatives were not given the images.",
        "budget": (100000, 250000),
        "timeline": "Evaluation now; pilot in two housing areas next quarter.",
        "sectors": ["digital"],
        "cpv": ["50700000", "72000000"],
        "days": -10,
    },
    {
        "key": "awarded",
        "status": Status.AWARDED,
        "owner": "Coventry City Council",
        "title": "Heat community buildings without gas",
        "summary": "Our community centres burn gas; we want them warm, cheaper to run and low-carbon.",
        "problem": "Twenty community centres use 2.4 GWh of gas a year; boilers are near the end of their lives.",
        "affected": "Community groups using the centres, facilities staff.",
        "outcomes": "Carbon from heating the centres falls by 80%, with running costs no higher than today.",
        "success_measures": "Metered energy and carbon per square metre, yearly.",
        "must": "Must keep the centres open during installation.",
        "must_not": "",
        "tried": "One air-source heat pump trial in 2021 was undersized.",
        "budget": (300000, 900000),
        "timeline": "Awarded; rolling out over two years.",
        "sectors": ["low-carbon"],
        "cpv": ["45331000", "09332000"],
        "days": -120,
        "route_used": "competitive_flexible_phased",
    },
    {
        "key": "withdrawn",
        "status": Status.WITHDRAWN,
        "owner": "Birmingham City Council",
        "title": "Cleaner air outside schools at drop-off",
        "summary": "Withdrawn: now part of the city's clean air programme.",
        "problem": "Nitrogen dioxide outside many primary schools exceeds guidance at drop-off and pick-up.",
        "affected": "Pupils, parents, residents.",
        "outcomes": "Lower exposure at school gates.",
        "success_measures": "Diffusion tube readings at 30 schools.",
        "budget": (None, 60000),
        "sectors": ["low-carbon"],
        "cpv": ["90731000"],
        "days": -60,
    },
    {
        "key": "not_awarded",
        "status": Status.NOT_AWARDED,
        "owner": "Coventry City Council",
        "title": "Predicting potholes before they form",
        "summary": "Closed without an award: no proposal met the budget; we learnt a lot and will return to it.",
        "problem": "We repair 15,000 potholes a year, mostly after complaints.",
        "affected": "Road users, highways teams.",
        "outcomes": "Fewer potholes reported by the public; repairs planned before damage.",
        "success_measures": "Public reports and planned repairs, monthly.",
        "budget": (40000, 90000),
        "sectors": ["digital"],
        "cpv": ["45233141"],
        "days": -90,
    },
]

# The way every sample went, as far as its stage; withdrawn ones left while engagement was open.
ROAD = (Status.PUBLISHED, Status.ENGAGEMENT_OPEN, Status.ENGAGEMENT_CLOSED)


def _path(status) -> tuple:
    if status == Status.DRAFT:
        return ()
    if status in ROAD:
        return ROAD[: ROAD.index(status) + 1]
    return (*(ROAD[:2] if status == Status.WITHDRAWN else ROAD), status)


def create(anchors: dict, users: dict, suppliers: list, sectors: dict) -> dict[str, Challenge]:
    """Replace earlier sample challenges with these; returns them by key. `anchors` by name,
    `users` by the local part of their sample email address, `sectors` by slug."""
    with transaction.atomic():
        Challenge.objects.filter(is_sample=True).delete()
        made = {spec["key"]: _challenge(spec, anchors, users, sectors) for spec in CHALLENGES}
        sample_challenge_activity.engagement(made["open"], users, suppliers)
        sample_challenge_activity.evaluation(made["evaluating"], users, suppliers)
        sample_challenge_activity.award(made["awarded"], users, suppliers, anchors)
    return made


def _challenge(spec, anchors, users, sectors) -> Challenge:
    now = timezone.now()
    owner = anchors[spec["owner"]]
    creator = (
        users["buyer"]
        if owner.name == "Birmingham City Council"
        else users.get("buyer-coventry", users["buyer"])
    )
    low, high = spec["budget"]
    status = spec["status"]
    challenge = Challenge.objects.create(
        owner=owner,
        created_by=creator,
        title=spec["title"],
        summary=spec["summary"],
        problem=spec["problem"],
        affected=spec["affected"],
        outcomes=spec["outcomes"],
        success_measures=spec["success_measures"],
        must=spec.get("must", ""),
        must_not=spec.get("must_not", ""),
        tried=spec.get("tried", ""),
        budget_min=low,
        budget_max=high,
        timeline=spec.get("timeline", ""),
        cpv_codes=spec["cpv"],
        status=status,
        engagement_closes_at=(now + timedelta(days=spec["days"])).replace(
            hour=12, minute=0, second=0, microsecond=0
        ),
        route_answers=spec.get("route", {}),
        route_used=spec.get("route_used", ""),
        is_sample=True,
    )
    challenge.co_owners.set([anchors[name] for name in spec.get("co_owners", [])])
    challenge.sectors.set([sectors[s] for s in spec["sectors"] if s in sectors])
    for position, (name, description, weight) in enumerate(CRITERIA):
        Criterion.objects.create(
            challenge=challenge,
            name=name,
            description=description,
            weight=weight,
            position=position,
        )
    # History: created, then each move up to its stage, a few days apart.
    path = _path(status)
    start = now - timedelta(days=max(60, -spec["days"] + 40))
    StatusChange.objects.create(
        challenge=challenge, to_status=Status.DRAFT, by=creator, at=start, note="Created"
    )
    previous = Status.DRAFT
    for step, target in enumerate(path, start=1):
        at = start + timedelta(days=7 * step)
        StatusChange.objects.create(
            challenge=challenge, from_status=previous, to_status=target, by=creator, at=at
        )
        if target == Status.PUBLISHED:
            challenge.published_at = challenge.criteria_locked_at = at
        previous = target
    challenge.save()
    return challenge
