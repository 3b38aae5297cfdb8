"""Evaluation: the panel, each member's declaration of interests and independent scores, the
moderator's agreed scores, shortlist and feedback, and the score sheet as CSV or XLSX."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone

from challenges import access, rules, services
from challenges.forms import DeclarationForm, FeedbackForm, PanelMemberForm, ScoreForm
from challenges.models import ModeratedScore, PanelMember, Response, Score
from core.confirming import Confirmation, confirmation_page, confirmed
from core.downloads import table_download
from core.mail import MailNotSent
from core.permissions import BUYERS, allow


@allow(BUYERS)
def panel(request, reference):
    challenge = access.managed(request.user, reference)
    form = PanelMemberForm(request.POST or None, challenge=challenge)
    if request.method == "POST" and form.is_valid():
        PanelMember.objects.create(
            challenge=challenge,
            user=form.cleaned_data["user"],
            is_moderator=form.cleaned_data["is_moderator"],
        )
        messages.success(request, f"{form.cleaned_data['email']} added to the panel.")
        return redirect("challenges:panel", reference=reference)
    return render(
        request,
        "challenges/panel.html",
        {
            "challenge": challenge,
            "form": form,
            "members": challenge.panel.select_related("user__organisation"),
        },
    )


def _seat_or_refuse(request, challenge) -> PanelMember:
    seat = access.seat(request.user, challenge)
    if seat is None:
        raise PermissionDenied(rules.NOT_ON_PANEL)
    return seat


@allow(BUYERS)
def declare(request, reference):
    challenge = access.viewable(request.user, reference)
    seat = _seat_or_refuse(request, challenge)
    if seat.declared_at:
        messages.info(request, "You have already made your declaration.")
        return redirect("challenges:evaluate", reference=reference)
    form = DeclarationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        seat.has_conflict = form.cleaned_data["has_conflict"]
        seat.conflict_details = form.cleaned_data.get("details", "")
        seat.declared_at = timezone.now()
        seat.save()
        if seat.has_conflict:
            messages.success(
                request,
                "Conflict declared. You will not see any response; tell the challenge owner.",
            )
            return redirect(challenge)
        messages.success(request, "Declaration recorded. You can now score the responses.")
        return redirect("challenges:evaluate", reference=reference)
    respondents = challenge.responses.filter(status=Response.Status.SUBMITTED).select_related(
        "lead"
    )
    return render(
        request,
        "challenges/declare.html",
        {
            "challenge": challenge,
            "form": form,
            "respondents": respondents,
            "heading": "Declare any conflict of interest",
        },
    )


def _cleared_seat(request, challenge) -> PanelMember:
    """The user's seat, if they may read and score the responses now."""
    seat = access.seat(request.user, challenge)
    refusal = rules.evaluation_refusal(challenge.status, access.seat_facts(seat))
    if refusal:
        raise PermissionDenied(refusal)
    return seat


@allow(BUYERS)
def evaluate(request, reference):
    challenge = access.viewable(request.user, reference)
    seat = access.seat(request.user, challenge)
    if seat is not None and seat.declared_at is None:
        return redirect("challenges:declare", reference=reference)
    seat = _cleared_seat(request, challenge)
    if request.method == "POST":
        problems = services.submit_scores(seat)
        for problem in problems:
            messages.error(request, problem)
        if not problems:
            messages.success(request, "Your scores are submitted to the moderator.")
        return redirect("challenges:evaluate", reference=reference)
    return render(
        request,
        "challenges/evaluate.html",
        {"challenge": challenge, "seat": seat, "rows": services.my_scores(seat)},
    )


@allow(BUYERS)
def score(request, reference, pk):
    challenge = access.viewable(request.user, reference)
    seat = _cleared_seat(request, challenge)
    response = get_object_or_404(
        Response, pk=pk, challenge=challenge, status=Response.Status.SUBMITTED
    )
    mine = {
        s.criterion_id: (s.score, s.comment)
        for s in Score.objects.filter(panel_member=seat, response=response)
    }
    locked = seat.scores_submitted_at is not None
    form = ScoreForm(
        None if locked else (request.POST or None),
        criteria=challenge.criteria.all(),
        initial_scores=mine,
    )
    if request.method == "POST":
        if locked:
            raise PermissionDenied("You have submitted your scores; the moderator now has them.")
        if form.is_valid():
            services.save_scores(seat, response, form.scores())
            messages.success(request, f"Scores saved for {response.lead.name}.")
            return redirect("challenges:evaluate", reference=reference)
    return render(
        request,
        "challenges/score.html",
        {
            "challenge": challenge,
            "response": response,
            "form": form,
            "locked": locked,
        },
    )


def _moderator_seat(request, challenge) -> PanelMember:
    """The user's seat, if they may moderate the scores now."""
    seat = access.seat(request.user, challenge)
    refusal = rules.moderation_refusal(challenge.status, access.seat_facts(seat))
    if refusal:
        raise PermissionDenied(refusal)
    return seat


@allow(BUYERS)
def moderation(request, reference):
    challenge = access.viewable(request.user, reference)
    _moderator_seat(request, challenge)
    sheet = services.score_sheet(challenge)
    if request.method == "POST" and request.POST.get("action") == "send_feedback":
        problems = services.feedback_problems(challenge)
        if not problems and not confirmed(request):
            return _confirm_feedback(request, challenge)
        if not problems:
            try:
                problems = services.send_feedback(challenge, request.build_absolute_uri)
            except MailNotSent:
                problems = [
                    (
                        "The feedback could not be sent because the mail server did not answer. "
                        "No proposal is marked as having feedback; try again later."
                    )
                ]
        for problem in problems:
            messages.error(request, problem)
        if not problems:
            messages.success(request, "Feedback sent to every respondent.")
        return redirect("challenges:moderation", reference=reference)
    return render(request, "challenges/moderation.html", {"challenge": challenge, "sheet": sheet})


def _confirm_feedback(request, challenge):
    """Feedback goes by email to every respondent at once and cannot be called back."""
    count = challenge.responses.filter(status=Response.Status.SUBMITTED).count()
    respondents = f"{count} respondent{'s' if count != 1 else ''}"
    return confirmation_page(
        request,
        Confirmation(
            heading="Send feedback to every respondent?",
            caption=challenge.title,
            what_happens=(
                (
                    f"The written feedback you saved for each proposal will be emailed to the "
                    f"{respondents}' members and shown with their proposal; shortlisted "
                    "respondents are told so."
                ),
            ),
            warning="Feedback cannot be changed or called back once it is sent.",
            button="Yes, send the feedback",
            cancel_url=reverse("challenges:moderation", args=[challenge.reference]),
            fields={"action": "send_feedback"},
        ),
    )


@allow(BUYERS)
def moderate(request, reference, pk):
    challenge = access.viewable(request.user, reference)
    _moderator_seat(request, challenge)
    response = get_object_or_404(
        Response, pk=pk, challenge=challenge, status=Response.Status.SUBMITTED
    )
    waiting = services.waiting_evaluators(challenge)
    agreed = {m.criterion_id: (m.score, m.reason) for m in response.moderated.all()}
    scores_form = ScoreForm(
        request.POST if request.POST.get("action") == "moderate" else None,
        criteria=challenge.criteria.all(),
        initial_scores=agreed,
        reason_label="Reason for the agreed score",
        prefix="moderated",
    )
    feedback_form = FeedbackForm(
        request.POST if request.POST.get("action") == "feedback" else None,
        initial={"shortlisted": response.shortlisted, "feedback": response.feedback},
        prefix="feedback",
    )
    if request.method == "POST":
        if request.POST.get("action") == "moderate":
            if waiting:
                raise PermissionDenied("Every evaluator must submit their scores first.")
            if scores_form.is_valid():
                for criterion_id, (value, reason) in scores_form.scores().items():
                    ModeratedScore.objects.update_or_create(
                        response=response,
                        criterion_id=criterion_id,
                        defaults={"score": value, "reason": reason, "by": request.user},
                    )
                messages.success(request, f"Agreed scores saved for {response.lead.name}.")
                return redirect("challenges:moderation", reference=reference)
        elif request.POST.get("action") == "feedback" and feedback_form.is_valid():
            response.shortlisted = feedback_form.cleaned_data["shortlisted"]
            response.feedback = feedback_form.cleaned_data["feedback"]
            response.save(update_fields=["shortlisted", "feedback", "updated_at"])
            messages.success(request, f"Feedback saved for {response.lead.name}.")
            return redirect("challenges:moderation", reference=reference)
    for form in (scores_form, feedback_form):
        form.helper.form_tag = False
        form.helper.inputs = []
    return render(
        request,
        "challenges/moderate.html",
        {
            "challenge": challenge,
            "response": response,
            "evaluations": services.evaluations_of(response),
            "waiting": waiting,
            "scores_form": scores_form,
            "feedback_form": feedback_form,
        },
    )


@allow(BUYERS)
def score_sheet_download(request, reference, fmt):
    if fmt not in {"csv", "xlsx"}:
        raise Http404("Score sheets download as csv or xlsx")
    challenge = access.viewable(request.user, reference)
    _moderator_seat(request, challenge)
    return table_download(
        services.score_sheet_table(challenge), f"{challenge.reference}-score-sheet", fmt
    )
