"""A challenge's moves through its life cycle (lifecycle.py's rules), recorded in its history."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone

from challenges import lifecycle
from challenges.models import Challenge, StatusChange

Status = lifecycle.Status


def record(challenge: Challenge, from_status: str, to_status: str, user, note: str = "") -> None:
    StatusChange.objects.create(
        challenge=challenge, from_status=from_status, to_status=to_status, by=user, note=note[:300]
    )


def facts(challenge: Challenge, now=None) -> lifecycle.Facts:
    return lifecycle.Facts(
        status=challenge.status,
        criteria_weights=tuple(c.weight for c in challenge.criteria.all()),
        engagement_closes_at=challenge.engagement_closes_at,
        now=now or timezone.now(),
        has_award=bool(
            challenge.awarded_to_id and challenge.award_value is not None and challenge.award_date
        ),
        has_cpv=bool(challenge.cpv_codes),
    )


def moves(challenge: Challenge) -> list[dict]:
    """The moves open to the owners now, with what stands in the way of each."""
    now_facts = facts(challenge)
    return [
        {
            "to": target.value,
            "label": lifecycle.ACTIONS[target],
            "problems": lifecycle.problems_with_move(now_facts, target),
            "warning": lifecycle.CONFIRMATIONS[target].destructive,
        }
        for target in lifecycle.MOVES[Status(challenge.status)]
    ]


@transaction.atomic
def move(challenge: Challenge, target: str, user, note: str = "") -> list[str]:
    challenge = Challenge.objects.select_for_update().get(pk=challenge.pk)
    problems = lifecycle.problems_with_move(facts(challenge), target)
    if problems:
        return problems
    previous = challenge.status
    challenge.status = target
    fields = ["status", "updated_at"]
    if target == Status.PUBLISHED:
        challenge.published_at = timezone.now()
        challenge.criteria_locked_at = challenge.published_at
        fields += ["published_at", "criteria_locked_at"]
    challenge.save(update_fields=fields)
    record(challenge, previous, target, user, note)
    return []
