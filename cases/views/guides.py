"""The hands-on guides (content files in cases/guides/, read by cases/guides.py) and the cases
each one relates to."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from cases import guides, services
from cases.sharing import Status
from challenges import rules as challenge_rules
from core import panels
from core.permissions import ANYONE, allow
from core.roles import role_of


@allow(ANYONE)
def guide_list(request):
    return render(request, "cases/guides.html", {"guides": guides.all_guides()})


@allow(ANYONE)
def guide_detail(request, slug):
    guide = guides.get(slug)
    if guide is None:
        raise Http404("No such guide")
    related = [
        c
        for c in services.visible(request.user).filter(status=Status.PUBLISHED)
        if c.source_key in guide.cases or c.route in guide.routes
    ][:6]
    context = {
        "guide": guide,
        "related": related,
        "can_describe_challenge": challenge_rules.creation_refusal(role_of(request.user)) is None,
    }
    context |= panels.gather("guide_page", request.user, guide.slug)  # interpretations (scorecard)
    return render(request, "cases/guide.html", context)
