"""An anchor's self-assessments: its current picture and history; starting a new one."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render

from core.permissions import ANCHOR_ADMINS, BUYERS, allow
from maturity import access, presenting, questions, scoring, services
from maturity.models import Assessment


@allow(BUYERS)
def anchor_assessments(request, slug):
    anchor = access.anchor_for(request.user, slug)
    question_set = questions.current()
    assessments = list(
        Assessment.objects.filter(organisation=anchor)
        .select_related("started_by", "completed_by")
        .prefetch_related("answers")
    )
    completed = [a for a in assessments if not a.is_draft]
    draft = next((a for a in assessments if a.is_draft), None)
    current = completed[0] if completed else None
    history = []
    for number, assessment in enumerate(completed):
        before = completed[number + 1].levels() if number + 1 < len(completed) else None
        result = scoring.score(question_set, assessment.levels(), before)
        history.append({"assessment": assessment, "overall": result.overall})
    return render(
        request,
        "maturity/anchor.html",
        {
            "anchor": anchor,
            "current": current,
            "parts": presenting.result_of(current, question_set) if current else None,
            "draft": draft,
            "draft_answered": len(draft.levels()) if draft else 0,
            "history": history,
            "questions": question_set,
            "may_assess": access.may_assess(request.user, anchor),
        },
    )


@allow(ANCHOR_ADMINS)
def start(request, slug):
    anchor = access.anchor_for(request.user, slug)
    if not access.may_assess(request.user, anchor):
        return access.refuse_reader()
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    question_set = questions.current()
    assessment, started = services.start(anchor, request.user, question_set)
    if not started:
        messages.info(request, "The anchor already has a draft self-assessment: carry on with it.")
    first = scoring.unanswered(question_set, assessment.levels())
    key = first[0].key if first else question_set.questions[0].key
    return redirect("maturity:answer", slug=slug, pk=assessment.pk, key=key)
