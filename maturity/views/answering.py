"""Answering a draft self-assessment question by question, checking the answers, completing it."""

from __future__ import annotations

from django.http import Http404, HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse

from core.permissions import ANCHOR_ADMINS, allow
from maturity import access, questions, scoring, services
from maturity.forms import AnswerForm, lower_first


def _next_key(question_set, key: str, levels: dict) -> str | None:
    """After answering `key`: the next question in order still unanswered, else None."""
    keys = [q.key for q in question_set.questions]
    after = keys[keys.index(key) + 1 :] + keys[: keys.index(key)]
    return next((k for k in after if k not in levels), None)


@allow(ANCHOR_ADMINS)
def answer(request, slug, pk, key):
    assessment = access.draft_to_answer(request.user, slug, pk)
    question_set = questions.current()
    question = question_set.question(key)
    if question is None:
        raise Http404("No such question")
    existing = assessment.answers.filter(question=key).first()
    initial = {"level": existing.level, "evidence": existing.evidence} if existing else None
    form = AnswerForm(
        request.POST or None, initial=initial, question=question, questions=question_set
    )
    if request.method == "POST" and form.is_valid():
        services.answer(
            assessment, key, form.cleaned_data["level"], form.cleaned_data["evidence"], request.user
        )
        following = _next_key(question_set, key, assessment.levels())
        if following is None or request.GET.get("from") == "check":
            return redirect("maturity:check", slug=slug, pk=pk)
        return redirect("maturity:answer", slug=slug, pk=pk, key=following)
    keys = [q.key for q in question_set.questions]
    number = keys.index(key) + 1
    return render(
        request,
        "maturity/answer.html",
        {
            "form": form,
            "assessment": assessment,
            "anchor": assessment.organisation,
            "question": question,
            "theme": question_set.theme_title(question.theme),
            "number": number,
            "of": len(keys),
            "previous_key": keys[number - 2] if number > 1 else None,
        },
    )


@allow(ANCHOR_ADMINS)
def check(request, slug, pk):
    assessment = access.draft_to_answer(request.user, slug, pk)
    question_set = questions.current()
    answers = {a.question: a for a in assessment.answers.all()}
    missing = scoring.unanswered(question_set, {k: a.level for k, a in answers.items()})
    errors = []
    if request.method == "POST":
        if not missing:
            services.complete(assessment, request.user, question_set)
            return redirect("maturity:completed", slug=slug, pk=pk)
        errors = [
            (
                f"Select a level for {lower_first(q.title)}",
                reverse("maturity:answer", args=[slug, pk, q.key]) + "?from=check",
            )
            for q in missing
        ]
    elif request.method != "GET":
        return HttpResponseNotAllowed(["GET", "POST"])
    rows = []
    for question in question_set.questions:
        answer = answers.get(question.key)
        rows.append(
            {
                "question": question,
                "theme": question_set.theme_title(question.theme),
                "answer": answer,
                "level_name": question_set.level_name(answer.level) if answer else "",
            }
        )
    return render(
        request,
        "maturity/check.html",
        {
            "errors": errors,
            "assessment": assessment,
            "anchor": assessment.organisation,
            "rows": rows,
            "missing": missing,
        },
    )
