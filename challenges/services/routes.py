"""The route finder's answers saved on a challenge: their routes, value, query and names."""

from __future__ import annotations

from decimal import Decimal

from django.http import QueryDict
from django.utils import timezone

from challenges import routefinder
from challenges.models import Challenge


def route_result(challenge: Challenge) -> routefinder.Result | None:
    answers = challenge.route_answers
    if not answers:
        return None
    on = (
        timezone.localdate(challenge.published_at)
        if challenge.published_at
        else timezone.localdate()
    )
    checked = routefinder.validate(answers, on)
    if isinstance(checked, routefinder.Invalid):
        return None  # answers saved under older rules that no longer pass them
    return routefinder.find_routes(checked)


def route_value(challenge: Challenge) -> Decimal | None:
    try:
        return Decimal(challenge.route_answers["value"])
    except (KeyError, ArithmeticError, TypeError):
        return None


def route_query(challenge: Challenge) -> str:
    """The saved answers as a query for the public route finder page."""
    query = QueryDict(mutable=True)
    for key, value in (challenge.route_answers or {}).items():
        if value is True:
            query[key] = "on"
        elif value not in (False, None, ""):
            query[key] = str(value)
    return query.urlencode()


def route_name(route_id: str) -> str:
    return dict(routefinder.route_names()).get(route_id, route_id)
