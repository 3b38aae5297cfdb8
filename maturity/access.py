"""The database side of maturity/rules.py: the viewer from the user record, and the anchor or
assessment a page names, refused with "not found" when the rules say it is not theirs to see."""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404

from core.roles import role_of
from maturity import rules
from maturity.models import Assessment
from network.models import Organisation


def viewer(user) -> rules.Viewer:
    role = role_of(user)
    return rules.Viewer(role, getattr(user, "organisation_id", None) if role else None)


def anchor_for(user, slug: str) -> Organisation:
    anchor = get_object_or_404(Organisation.objects.network_members(), slug=slug)
    if not rules.can_see(viewer(user), anchor.pk):
        raise Http404("No such anchor's self-assessments")
    return anchor


def assessment_for(user, slug: str, pk: int) -> Assessment:
    anchor = anchor_for(user, slug)
    return get_object_or_404(
        Assessment.objects.select_related("organisation", "started_by", "completed_by"),
        organisation=anchor,
        pk=pk,
    )


def may_assess(user, anchor: Organisation) -> bool:
    return rules.can_assess(viewer(user), anchor.pk)


def refuse_reader():
    raise PermissionDenied("Only the anchor's administrators and coordinators do this.")


def draft_to_answer(user, slug: str, pk: int) -> Assessment:
    """A draft the user may answer; a completed one, or a reader, is refused."""
    assessment = assessment_for(user, slug, pk)
    if not rules.can_answer(viewer(user), assessment.organisation_id, assessment.is_draft):
        if not assessment.is_draft:
            raise PermissionDenied("A completed self-assessment is not changed: start a new one.")
        raise PermissionDenied("Only the anchor's administrators answer its self-assessment.")
    return assessment
