"""A self-assessment's result (or a draft's progress), its confirmation and its downloads."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import redirect, render

from core.downloads import table_download
from core.permissions import ANCHOR_ADMINS, BUYERS, allow
from maturity import access, presenting, questions, rules


def _stem(assessment) -> str:
    day = (assessment.completed_at or assessment.started_at).date().isoformat()
    return f"maturity-{assessment.organisation.slug}-{day}"


@allow(BUYERS)
def assessment_detail(request, slug, pk):
    assessment = access.assessment_for(request.user, slug, pk)
    question_set = questions.current()
    viewer = access.viewer(request.user)
    return render(
        request,
        "maturity/assessment.html",
        {
            "assessment": assessment,
            "anchor": assessment.organisation,
            "questions": question_set,
            "may_answer": rules.can_answer(viewer, assessment.organisation_id, assessment.is_draft),
            **presenting.result_of(assessment, question_set),
        },
    )


@allow(ANCHOR_ADMINS)
def completed(request, slug, pk):
    assessment = access.assessment_for(request.user, slug, pk)
    if not access.may_assess(request.user, assessment.organisation):
        access.refuse_reader()
    if assessment.is_draft:
        return redirect("maturity:check", slug=slug, pk=pk)
    parts = presenting.result_of(assessment, questions.current())
    return render(
        request,
        "maturity/completed.html",
        {"assessment": assessment, "anchor": assessment.organisation, **parts},
    )


@allow(BUYERS)
def assessment_download(request, slug, pk, fmt):
    if fmt not in {"csv", "xlsx"}:
        raise Http404("Downloads are CSV or XLSX")
    assessment = access.assessment_for(request.user, slug, pk)
    table = presenting.assessment_table(assessment, questions.current())
    return table_download(table, _stem(assessment), fmt)
