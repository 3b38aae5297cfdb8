"""The network's picture: the levels anchors gave each question in their latest completed
self-assessments, without naming them; the question set itself."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render

from core.downloads import table_download
from core.permissions import ANYONE, BUYERS, Role, allow, role_of
from maturity import presenting, questions, scoring
from maturity.models import Assessment
from network.models import Organisation


def _picture():
    question_set = questions.current()
    latest = Assessment.objects.filter(
        organisation__in=Organisation.objects.network_members()
    ).latest_completed_per_anchor()
    picture = scoring.network_picture(question_set, [a.levels() for a in latest])
    return question_set, latest, picture


@allow(BUYERS)
def network_picture(request):
    question_set, latest, picture = _picture()
    user = request.user
    own = None
    if role_of(user) in {Role.BUYER, Role.ANCHOR_ADMIN} and user.organisation.is_network_member:
        own = user.organisation
    mine = next((a.levels() for a in latest if own and a.organisation_id == own.pk), {})
    rows = [
        {
            "spread": spread,
            "theme": question_set.theme_title(spread.question.theme),
            "own": mine.get(spread.question.key),
        }
        for spread in picture
    ]
    return render(
        request,
        "maturity/network.html",
        {
            "rows": rows,
            "anchors": len(latest),
            "sample": any(a.is_sample for a in latest),
            "questions": question_set,
            "own": own,
            "own_assessed": bool(mine),
        },
    )


@allow(BUYERS)
def network_download(request, fmt):
    if fmt not in {"csv", "xlsx"}:
        raise Http404("Downloads are CSV or XLSX")
    question_set, _, picture = _picture()
    return table_download(presenting.network_table(picture, question_set), "maturity-network", fmt)


@allow(ANYONE)
def question_list(request):
    question_set = questions.current()
    themes = [
        {"theme": theme, "questions": question_set.in_theme(theme.key)}
        for theme in question_set.themes
    ]
    return render(
        request,
        "maturity/questions.html",
        {
            "questions": question_set,
            "themes": themes,
            "help": {
                (q.key, level.level): presenting.help_for(level)
                for q in question_set.questions
                for level in q.levels
            },
        },
    )
