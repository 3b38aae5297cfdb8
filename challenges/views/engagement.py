"""Market engagement: clarification questions (answered to all without the asker), events with
registrations, and expressions of interest."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from challenges import access, rules
from challenges.forms import AnswerForm, EventForm, InterestForm, QuestionForm
from challenges.models import EngagementEvent, Interest, Question, Registration
from core.permissions import BUYERS, MEMBERS, allow


@allow(rules.SUPPLIERS)
@require_POST
def question_ask(request, reference):
    challenge = access.viewable(request.user, reference)
    access.engagement_open_or_403(challenge)
    form = QuestionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Enter your question (up to 2,000 characters).")
        return redirect(f"{challenge.get_absolute_url()}#questions")
    Question.objects.create(
        challenge=challenge, asked_by=request.user, text=form.cleaned_data["text"]
    )
    messages.success(
        request, "Question sent. The buyer will publish the answer here without your name."
    )
    return redirect(f"{challenge.get_absolute_url()}#questions")


@allow(BUYERS)
def question_list(request, reference):
    challenge = access.managed(request.user, reference)
    questions = challenge.questions.all()
    return render(
        request,
        "challenges/questions.html",
        {"challenge": challenge, "questions": questions, "form": AnswerForm()},
    )


@allow(BUYERS)
@require_POST
def question_answer(request, reference, pk):
    challenge = access.managed(request.user, reference)
    question = get_object_or_404(Question, pk=pk, challenge=challenge)
    form = AnswerForm(request.POST)
    if form.is_valid():
        question.answer = form.cleaned_data["answer"]
        question.answered_by = request.user
        question.answered_at = timezone.now()
        question.save()
        messages.success(request, "Answer published to everyone, without the asker's name.")
    else:
        messages.error(request, "Enter the answer.")
    return redirect("challenges:questions", reference=reference)


@allow(BUYERS)
def event_create(request, reference):
    challenge = access.managed(request.user, reference)
    if not rules.events_may_be_added(challenge.status):
        raise PermissionDenied("This challenge has ended.")
    form = EventForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        event = form.save(commit=False)
        event.challenge = challenge
        event.save()
        messages.success(request, f"Event “{event.title}” added.")
        return redirect(f"{challenge.get_absolute_url()}#events")
    return render(
        request,
        "challenges/event_form.html",
        {"form": form, "heading": "Add an engagement event", "challenge": challenge},
    )


@allow(BUYERS)
def event_registrations(request, reference, pk):
    challenge = access.managed(request.user, reference)
    event = get_object_or_404(EngagementEvent, pk=pk, challenge=challenge)
    registrations = event.registrations.select_related("user__organisation").order_by("created_at")
    return render(
        request,
        "challenges/registrations.html",
        {"challenge": challenge, "event": event, "registrations": registrations},
    )


@allow(MEMBERS)
@require_POST
def event_register(request, reference, pk):
    challenge = access.viewable(request.user, reference)
    event = get_object_or_404(EngagementEvent, pk=pk, challenge=challenge)
    if rules.event_started(event.starts_at, timezone.now()):
        raise PermissionDenied("This event has already started.")
    if rules.event_full(event.capacity, event.registrations.count()):
        messages.error(request, "This event is full.")
    else:
        Registration.objects.get_or_create(event=event, user=request.user)
        messages.success(request, f"You are registered for “{event.title}”.")
    return redirect(f"{challenge.get_absolute_url()}#events")


@allow(rules.SUPPLIERS)
@require_POST
def interest_express(request, reference):
    challenge = access.viewable(request.user, reference)
    access.engagement_open_or_403(challenge)
    form = InterestForm(request.POST)
    form.is_valid()
    Interest.objects.update_or_create(
        challenge=challenge,
        organisation=request.user.organisation,
        defaults={"user": request.user, "message": form.cleaned_data.get("message", "")},
    )
    messages.success(request, "Your interest is recorded; the buyer can see it.")
    return redirect(challenge)


@allow(BUYERS)
def interest_list(request, reference):
    challenge = access.managed(request.user, reference)
    interests = challenge.interests.select_related("organisation", "user").order_by("created_at")
    return render(
        request, "challenges/interests.html", {"challenge": challenge, "interests": interests}
    )
