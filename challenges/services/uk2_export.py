"""A challenge as a UK2 preliminary market engagement notice (uk2.py builds the release)."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse
from django.utils import timezone

from challenges import uk2
from challenges.models import Challenge
from challenges.services.routes import route_result
from network.models import Organisation
from reference.models import CpvCode


def uk2_notice(challenge: Challenge, absolute) -> uk2.Notice:
    def party(org: Organisation) -> uk2.Party:
        return uk2.Party(
            name=org.name,
            slug=org.slug,
            postcode=org.registered_postcode,
            ppon=org.ppon,
            companies_house_number=org.companies_house_number,
            charity_number=org.charity_number,
        )

    descriptions = dict(
        CpvCode.objects.filter(code__in=challenge.cpv_codes).values_list("code", "description")
    )
    result = route_result(challenge)
    return uk2.Notice(
        reference=challenge.reference,
        title=challenge.title,
        summary=challenge.summary,
        problem=challenge.problem,
        outcomes=challenge.outcomes,
        success_measures=challenge.success_measures,
        buyer=party(challenge.owner),
        co_buyers=tuple(party(o) for o in challenge.co_owners.all()),
        published_at=challenge.published_at or timezone.now(),
        engagement_closes_at=challenge.engagement_closes_at,
        url=absolute(challenge.get_absolute_url()),
        cpv_codes=tuple((code, descriptions.get(code, "")) for code in challenge.cpv_codes),
        budget_max=challenge.budget_max,
        above_threshold=result.above_threshold if result else None,
        main_category=(challenge.route_answers or {}).get("category"),
        events=tuple((e.title, e.starts_at) for e in challenge.events.all()),
    )


def uk2_package(challenge: Challenge, absolute) -> dict:
    return uk2.release_package(
        [uk2_notice(challenge, absolute)],
        settings.OCDS_OCID_PREFIX,
        uri=absolute(reverse("challenges:uk2", kwargs={"reference": challenge.reference})),
        publisher=settings.SERVICE_NAME,
        published=timezone.now(),
    )
