"""Challenges and the route finder in the JSON API. Reading is open (public challenges only)."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.http import Http404
from django.utils import timezone
from ninja import Field, Router, Schema
from ninja.pagination import paginate

from challenges import routefinder, services
from challenges.models import Challenge
from core.api_auth import InvalidInput
from core.api_errors import responses
from core.params import ApiDate, Paging

router = Router(tags=["Challenges"])


class ChallengeOut(Schema):
    reference: str
    title: str
    summary: str
    problem: str
    affected: str
    outcomes: str
    success_measures: str
    must: str
    must_not: str
    tried: str
    budget_min: Decimal | None
    budget_max: Decimal | None
    timeline: str
    status: str
    owner: str
    co_owners: list[str]
    sectors: list[str]
    cpv_codes: list[str]
    engagement_closes_at: dt.datetime | None
    published_at: dt.datetime | None
    criteria: list[dict]
    route_used: str
    ocid: str
    adoptions: list[dict]
    is_sample: bool
    url: str = Field(alias="get_absolute_url")

    @staticmethod
    def resolve_owner(challenge):
        return challenge.owner.name

    @staticmethod
    def resolve_co_owners(challenge):
        return [o.name for o in challenge.co_owners.all()]

    @staticmethod
    def resolve_sectors(challenge):
        return [s.slug for s in challenge.sectors.all()]

    @staticmethod
    def resolve_criteria(challenge):
        return [{"name": c.name, "weight": c.weight} for c in challenge.criteria.all()]

    @staticmethod
    def resolve_adoptions(challenge):
        return [
            {
                "organisation": a.organisation.name,
                "adopted_on": a.adopted_on.isoformat(),
                "scale": a.scale,
            }
            for a in challenge.adoptions.all()
        ]


def _public():
    return (
        Challenge.objects.public()
        .select_related("owner")
        .prefetch_related("co_owners", "sectors", "criteria", "adoptions__organisation")
    )


@router.get(
    "/challenges", response=responses(list[ChallengeOut], 422), summary="Published challenges"
)
@paginate(Paging, page_size=50)
def list_challenges(request, status: str = ""):
    challenges = _public()
    if status:
        challenges = challenges.filter(status=status)
    return challenges


@router.get(
    "/challenges/{reference}",
    response=responses(ChallengeOut, 404),
    summary="One published challenge",
)
def get_challenge(request, reference: str):
    challenge = _public().filter(reference=reference).first()
    if challenge is None:
        raise Http404("No published challenge with this reference")
    return challenge


@router.get(
    "/challenges/{reference}/uk2",
    response=responses(dict, 404),
    summary="The challenge as a UK2 preliminary market engagement notice (OCDS 1.1 release package)",
)
def get_challenge_uk2(request, reference: str):
    challenge = _public().filter(reference=reference).first()
    if challenge is None:
        raise Http404("No published challenge with this reference")
    return services.uk2_package(challenge, request.build_absolute_uri)


class RouteFinderIn(Schema):
    value_incl_vat: Decimal = Field(
        ..., ge=0, description="Estimated value including VAT, in pounds"
    )
    buyer_type: routefinder.BuyerType
    category: routefinder.Category
    light_touch: bool = False
    solution: routefinder.Solution = "not_known"
    urgent: bool = False
    framework: bool = Field(False, description="An existing framework covers it")
    dynamic_market: bool = Field(False, description="A dynamic market the buyer may use covers it")
    planned_notice: bool = Field(
        False, description="A qualifying planned procurement notice (UK3) was published"
    )
    council: bool = Field(False, description="An English council (local reservation options)")
    date: ApiDate | None = Field(None, description="Plan from this day (default today)")


@router.post(
    "/route-finder",
    response=responses(dict, 422),
    summary="Lawful procurement routes for the answers, ranked, with notices and timelines",
)
def route_finder(request, answers: RouteFinderIn):
    checked = routefinder.validate(answers.dict(), answers.date or timezone.localdate())
    if isinstance(checked, routefinder.Invalid):
        raise InvalidInput(
            [
                {"field": name, "message": message}
                for name, messages in checked.errors.items()
                for message in messages
            ]
        )
    return routefinder.find_routes(checked).as_json()
