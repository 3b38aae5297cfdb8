"""Finding and reading challenges, and their owners writing and moving them: the list, the
challenge page, the statement, its criteria and its moves through the life cycle."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Count, Q
from django.http import HttpResponseNotAllowed
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_POST

from challenges import access, lifecycle, rules, services, uk2
from challenges.forms import (
    ChallengeForm,
    ChallengeSearchForm,
    CriterionForm,
    InterestForm,
    QuestionForm,
    WithdrawalForm,
)
from challenges.models import Challenge, Criterion, Registration, Response
from core.confirming import Confirmation, confirmation_page, confirmed
from core.paging import page_of
from core.permissions import ANYONE, BUYERS, allow, role_of

Status = lifecycle.Status

CRITERIA_FIXED = "The criteria were fixed when the challenge was published."


@allow(ANYONE)
def challenge_list(request):
    form = ChallengeSearchForm(request.GET or None)
    challenges = (
        Challenge.objects.public()
        .select_related("owner")
        .prefetch_related("sectors", "co_owners")
        .annotate(adoption_count=Count("adoptions"))
        .order_by("-published_at", "-pk")
    )
    if form.is_valid():
        data = form.cleaned_data
        if data["q"]:
            challenges = challenges.filter(
                Q(title__icontains=data["q"])
                | Q(summary__icontains=data["q"])
                | Q(problem__icontains=data["q"])
                | Q(outcomes__icontains=data["q"])
            )
        status = data["status"]
        if status == "open":
            challenges = challenges.filter(status=Status.ENGAGEMENT_OPEN)
        elif status == "published":
            challenges = challenges.filter(status=Status.PUBLISHED)
        elif status == "closed":
            challenges = challenges.filter(status=Status.ENGAGEMENT_CLOSED)
        elif status == "done":
            challenges = challenges.filter(status__in=lifecycle.FINAL)
        if data["sector"]:
            challenges = challenges.filter(sectors=data["sector"])
    user = request.user
    drafts = Challenge.objects.managed_by(user).filter(status=Status.DRAFT).select_related("owner")
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "challenges/list.html",
        {
            "form": form,
            "page": page_of(request, challenges.distinct(), 20),
            "query": query.urlencode(),
            "drafts": drafts,
            "can_create": rules.creation_refusal(role_of(user)) is None,
        },
    )


@allow(ANYONE)
def challenge_detail(request, reference):
    user = request.user
    challenge = access.viewable(user, reference)
    manager = access.manages(user, challenge)
    supplier = access.supplier_organisation(user)
    context = {
        "challenge": challenge,
        "manager": manager,
        "criteria": challenge.criteria.all(),
        "events": challenge.events.annotate(registered=Count("registrations")),
        "answered": challenge.questions.exclude(answer=""),
        "adoptions": challenge.adoptions.select_related("organisation"),
        "open": challenge.is_open_for_engagement(),
        "partners_open": rules.partners_may_be_found(challenge.status),
        "seat": access.seat(user, challenge),
        "supplier": supplier,
        "process": services.linked_process(challenge),
        "route": (route := services.route_result(challenge)),
        "uk2_requirement": uk2.requirement(route.above_threshold if route else None),
        "uk2_law": uk2.S17,
        "route_value": services.route_value(challenge),
        "route_query": services.route_query(challenge),
        "route_used_name": services.route_name(challenge.route_used),
        "spread": services.spread(challenge),
        "can_adopt": access.can_adopt(user, challenge) is rules.CanAdopt.YES,
        "actions": rules.actions_in(challenge.status),
        # Why a withdrawn challenge stopped, for everyone who can see it.
        "withdrawal": (
            challenge.history.filter(to_status=Status.WITHDRAWN).order_by("-at", "-pk").first()
            if challenge.status == Status.WITHDRAWN
            else None
        ),
    }
    if manager:
        context.update(
            moves=services.moves(challenge),
            history=challenge.history.select_related("by"),
            counts={
                "questions": challenge.questions.filter(answer="").count(),
                "interests": challenge.interests.count(),
                "responses": challenge.responses.filter(status=Response.Status.SUBMITTED).count(),
                "drafts": challenge.responses.filter(status=Response.Status.DRAFT).count(),
                "panel": challenge.panel.count(),
            },
        )
    if supplier is not None:
        context.update(
            interest=challenge.interests.filter(organisation=supplier).first(),
            response=challenge.responses.filter(lead=supplier).first(),
            registered=set(
                Registration.objects.filter(event__challenge=challenge, user=user).values_list(
                    "event_id", flat=True
                )
            ),
            listing=challenge.listings.filter(organisation=supplier, active=True).first(),
            asked=challenge.questions.filter(asked_by=user),
            question_form=QuestionForm(),
            interest_form=InterestForm(),
        )
    return render(request, "challenges/detail.html", context)


@allow(BUYERS)
def challenge_create(request):
    user = request.user
    refusal = rules.creation_refusal(role_of(user))
    if refusal:
        raise PermissionDenied(refusal)
    form = ChallengeForm(request.POST or None, owner=user.organisation)
    if request.method == "POST" and form.is_valid():
        with transaction.atomic():
            challenge = form.save(commit=False)
            challenge.owner = user.organisation
            challenge.created_by = user
            challenge.save()
            form.save_m2m()
            services.record(challenge, "", Status.DRAFT, user, "Created")
        messages.success(request, "Challenge saved as a draft. Next, add its evaluation criteria.")
        return redirect("challenges:criteria", reference=challenge.reference)
    return render(
        request,
        "challenges/challenge_form.html",
        {"form": form, "heading": "Describe a challenge"},
    )


@allow(BUYERS)
def challenge_edit(request, reference):
    challenge = access.managed(request.user, reference)
    if not rules.statement_editable(challenge.status):
        messages.error(
            request,
            "A published challenge's statement is fixed, so every supplier answers the same one; "
            "publish answers to questions to clarify it.",
        )
        return redirect(challenge)
    form = ChallengeForm(request.POST or None, instance=challenge, owner=challenge.owner)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Challenge saved.")
        return redirect(challenge)
    return render(
        request,
        "challenges/challenge_form.html",
        {"form": form, "heading": f"Edit {challenge.title}", "challenge": challenge},
    )


@allow(BUYERS)
def challenge_criteria(request, reference):
    challenge = access.managed(request.user, reference)
    editable = rules.criteria_editable(challenge.status)
    form = CriterionForm(request.POST or None) if editable else None
    if request.method == "POST":
        if not editable:
            raise PermissionDenied(CRITERIA_FIXED)
        if form.is_valid():
            criterion = form.save(commit=False)
            criterion.challenge = challenge
            criterion.position = challenge.criteria.count()
            criterion.save()
            messages.success(request, f"Criterion “{criterion.name}” added.")
            return redirect("challenges:criteria", reference=reference)
    return render(
        request,
        "challenges/criteria.html",
        {"challenge": challenge, "form": form, "editable": editable},
    )


@allow(BUYERS)
@require_POST
def criterion_delete(request, reference, pk):
    challenge = access.managed(request.user, reference)
    if not rules.criteria_editable(challenge.status):
        raise PermissionDenied(CRITERIA_FIXED)
    get_object_or_404(Criterion, pk=pk, challenge=challenge).delete()
    messages.success(request, "Criterion removed.")
    return redirect("challenges:criteria", reference=reference)


@allow(BUYERS)
def challenge_move(request, reference):
    """Move a challenge to another stage, after a confirmation page: none of the moves can be
    undone. The page's buttons link here (`?to=published`); the confirmation page posts back."""
    challenge = access.managed(request.user, reference)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    data = request.POST if request.method == "POST" else request.GET
    target = data.get("to", "")
    if target not in set(Status):
        messages.error(request, "Choose what should happen to the challenge.")
        return redirect(challenge)
    note = data.get("note", "")
    # Withdrawing asks why, and the reason is kept in the challenge's history.
    reason = None
    if target == Status.WITHDRAWN:
        reason = WithdrawalForm(request.POST if confirmed(request) else None)
    if not confirmed(request) or (reason is not None and not reason.is_valid()):
        problems = lifecycle.problems_with_move(services.facts(challenge), target)
        if problems:
            for problem in problems:
                messages.error(request, problem)
            return redirect(challenge)
        route = services.route_result(challenge) if target == Status.PUBLISHED else None
        words = lifecycle.confirmation(target, route.above_threshold if route else None)
        return confirmation_page(
            request,
            Confirmation(
                heading=words.heading,
                caption=challenge.title,
                what_happens=words.what_happens,
                warning=words.cannot_be_undone,
                button=words.button,
                destructive=words.destructive,
                cancel_url=challenge.get_absolute_url(),
                fields={"to": target, **({"note": note} if note and reason is None else {})},
                action_url=reverse("challenges:move", args=[challenge.reference]),
            ),
            form=reason,
        )
    if reason is not None:
        note = reason.cleaned_data["note"]
    problems = services.move(challenge, target, request.user, note)
    if problems:
        for problem in problems:
            messages.error(request, problem)
    else:
        messages.success(request, f"The challenge is now {Status(target).label.lower()}.")
    return redirect(challenge)
