"""Challenge pages. Each view declares its roles with @allow; object rules come from access.py."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import IntegrityError, transaction
from django.db.models import Count, Q
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from challenges import access, lifecycle, routefinder, services
from challenges.forms import (
    AdoptionForm,
    AnswerForm,
    ChallengeForm,
    ChallengeSearchForm,
    CriterionForm,
    DeclarationForm,
    EventForm,
    FeedbackForm,
    InterestForm,
    IntroductionForm,
    ListingForm,
    OutcomeForm,
    PanelMemberForm,
    QuestionForm,
    ResponseForm,
    RouteFinderForm,
    ScoreForm,
)
from challenges.models import (
    Attachment,
    Challenge,
    Criterion,
    EngagementEvent,
    Interest,
    Introduction,
    ModeratedScore,
    PanelMember,
    Question,
    Registration,
    Response,
    Score,
)
from core.mail import MailNotSent
from core.permissions import ANYONE, BUYERS, MEMBERS, Role, allow, role_of
from core.uploads import AttachmentForm

SUPPLIERS = frozenset({Role.SUPPLIER})
ANCHOR_BUYERS = frozenset({Role.BUYER, Role.ANCHOR_ADMIN})
Status = lifecycle.Status


def _challenge(reference) -> Challenge:
    return get_object_or_404(
        Challenge.objects.select_related("owner", "awarded_to"), reference=reference
    )


def _viewable(request, reference) -> Challenge:
    return access.viewable_or_404(request.user, _challenge(reference))


def _managed(request, reference) -> Challenge:
    return access.managed_or_404(request.user, _challenge(reference))


def _closed_message(challenge) -> str:
    if challenge.status == Status.ENGAGEMENT_OPEN:
        return "Market engagement on this challenge has closed."
    return "Market engagement on this challenge is not open."


# ---------------------------------------------------------------------------------------------
# Finding and reading challenges


@allow(ANYONE)
def challenge_list(request):
    form = ChallengeSearchForm(request.GET or None)
    challenges = (
        Challenge.objects.filter(status__in=lifecycle.PUBLIC)
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
    drafts = []
    user = request.user
    if role_of(user) is Role.COORDINATOR:
        drafts = Challenge.objects.filter(status=Status.DRAFT).select_related("owner")
    elif role_of(user) in ANCHOR_BUYERS:
        drafts = Challenge.objects.filter(
            Q(owner=user.organisation) | Q(co_owners=user.organisation), status=Status.DRAFT
        ).distinct()
    page = Paginator(challenges.distinct(), 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    return render(
        request,
        "challenges/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "drafts": drafts,
            "can_create": role_of(user) in BUYERS,
        },
    )


@allow(ANYONE)
def challenge_detail(request, reference):
    challenge = _viewable(request, reference)
    user = request.user
    manager = access.manages(user, challenge)
    supplier = access.supplier_organisation(user)
    seat = access.seat(user, challenge)
    context = {
        "challenge": challenge,
        "manager": manager,
        "criteria": challenge.criteria.all(),
        "events": challenge.events.annotate(registered=Count("registrations")),
        "answered": challenge.questions.exclude(answer=""),
        "adoptions": challenge.adoptions.select_related("organisation"),
        "open": challenge.is_open_for_engagement(),
        "seat": seat,
        "supplier": supplier,
        "process": services.linked_process(challenge),
        "route": services.route_result(challenge),
        "route_value": services.route_value(challenge),
        "route_query": services.route_query(challenge),
        "route_used_name": services.route_name(challenge.route_used),
        "spread": services.spread(challenge),
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
    if role_of(user) in ANCHOR_BUYERS and challenge.status == Status.AWARDED:
        owners = {o.pk for o in challenge.owners}
        context["can_adopt"] = (
            user.organisation_id not in owners
            and not challenge.adoptions.filter(organisation=user.organisation).exists()
        )
    return render(request, "challenges/detail.html", context)


@allow(ANYONE)
def challenge_uk2(request, reference):
    challenge = _viewable(request, reference)
    if not challenge.is_public:
        raise PermissionDenied("A draft challenge has no notice yet; publish it first.")
    package = services.uk2_package(challenge, request.build_absolute_uri)
    response = JsonResponse(package, json_dumps_params={"indent": 2, "ensure_ascii": False})
    response["Content-Disposition"] = f'attachment; filename="{challenge.reference}-UK2.json"'
    return response


# ---------------------------------------------------------------------------------------------
# Writing and moving a challenge (its owners)


@allow(BUYERS)
def challenge_create(request):
    user = request.user
    if role_of(user) is Role.COORDINATOR:
        raise PermissionDenied(
            "Challenges belong to an anchor: ask a buyer at the anchor to create it, then add "
            "yourself to its panel if needed."
        )
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
    challenge = _managed(request, reference)
    if challenge.status != Status.DRAFT:
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
    challenge = _managed(request, reference)
    editable = lifecycle.criteria_editable(challenge.status)
    form = CriterionForm(request.POST or None) if editable else None
    if request.method == "POST":
        if not editable:
            raise PermissionDenied("The criteria were fixed when the challenge was published.")
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
    challenge = _managed(request, reference)
    if not lifecycle.criteria_editable(challenge.status):
        raise PermissionDenied("The criteria were fixed when the challenge was published.")
    get_object_or_404(Criterion, pk=pk, challenge=challenge).delete()
    messages.success(request, "Criterion removed.")
    return redirect("challenges:criteria", reference=reference)


@allow(BUYERS)
@require_POST
def challenge_move(request, reference):
    challenge = _managed(request, reference)
    target = request.POST.get("to", "")
    if target not in Status.values:
        messages.error(request, "Choose what should happen to the challenge.")
        return redirect(challenge)
    problems = services.move(challenge, target, request.user, request.POST.get("note", ""))
    if problems:
        for problem in problems:
            messages.error(request, problem)
    else:
        messages.success(request, f"The challenge is now {Status(target).label.lower()}.")
    return redirect(challenge)


# ---------------------------------------------------------------------------------------------
# The route finder


@allow(ANYONE)
def route_finder(request):
    form = RouteFinderForm(request.GET or None)
    result = routefinder.find_routes(form.answers()) if form.is_valid() else None
    return render(
        request,
        "challenges/route_finder.html",
        {"form": form, "result": result, "notices": routefinder.load()["notices"]},
    )


@allow(BUYERS)
def challenge_route(request, reference):
    challenge = _managed(request, reference)
    initial = challenge.route_answers or {}
    form = RouteFinderForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        challenge.route_answers = form.stored()
        challenge.save(update_fields=["route_answers", "updated_at"])
        messages.success(request, "Route finder answers saved on the challenge.")
        return redirect(f"{challenge.get_absolute_url()}#route")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "heading": "Find a lawful route for this challenge",
            "caption": challenge.title,
            "back_url": challenge.get_absolute_url(),
        },
    )


# ---------------------------------------------------------------------------------------------
# Market engagement: questions, events, interest


@allow(SUPPLIERS)
@require_POST
def question_ask(request, reference):
    challenge = _viewable(request, reference)
    if not challenge.is_open_for_engagement():
        raise PermissionDenied(_closed_message(challenge))
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
    challenge = _managed(request, reference)
    questions = challenge.questions.all()
    return render(
        request,
        "challenges/questions.html",
        {"challenge": challenge, "questions": questions, "form": AnswerForm()},
    )


@allow(BUYERS)
@require_POST
def question_answer(request, reference, pk):
    challenge = _managed(request, reference)
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
    challenge = _managed(request, reference)
    if challenge.status in lifecycle.FINAL:
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
    challenge = _managed(request, reference)
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
    challenge = _viewable(request, reference)
    event = get_object_or_404(EngagementEvent, pk=pk, challenge=challenge)
    if event.starts_at <= timezone.now():
        raise PermissionDenied("This event has already started.")
    if event.capacity and event.registrations.count() >= event.capacity:
        messages.error(request, "This event is full.")
    else:
        Registration.objects.get_or_create(event=event, user=request.user)
        messages.success(request, f"You are registered for “{event.title}”.")
    return redirect(f"{challenge.get_absolute_url()}#events")


@allow(SUPPLIERS)
@require_POST
def interest_express(request, reference):
    challenge = _viewable(request, reference)
    if not challenge.is_open_for_engagement():
        raise PermissionDenied(_closed_message(challenge))
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
    challenge = _managed(request, reference)
    interests = challenge.interests.select_related("organisation", "user").order_by("created_at")
    return render(
        request, "challenges/interests.html", {"challenge": challenge, "interests": interests}
    )


# ---------------------------------------------------------------------------------------------
# Responses (a supplier's own proposal)


@allow(SUPPLIERS)
def response_edit(request, reference):
    challenge = _viewable(request, reference)
    organisation = request.user.organisation
    response = challenge.responses.filter(lead=organisation).first()
    open_now = challenge.is_open_for_engagement()
    if response is None and not open_now:
        raise PermissionDenied(_closed_message(challenge))
    form = ResponseForm(request.POST or None, instance=response) if open_now else None
    if request.method == "POST":
        if not open_now:
            raise PermissionDenied(_closed_message(challenge))
        if form.is_valid():
            proposal = form.save(commit=False)
            proposal.challenge = challenge
            proposal.lead = organisation
            proposal.submitted_by = request.user
            if request.POST.get("action") == "submit":
                proposal.status = Response.Status.SUBMITTED
                proposal.submitted_at = timezone.now()
            proposal.save()
            if proposal.status == Response.Status.SUBMITTED:
                messages.success(
                    request,
                    "Your proposal is submitted. You can change it until engagement closes.",
                )
            else:
                messages.success(request, "Draft saved. Submit it before engagement closes.")
            return redirect("challenges:response", reference=reference)
    if form is not None:
        form.helper.form_tag = False
        form.helper.inputs = []
    return render(
        request,
        "challenges/response_form.html",
        {
            "challenge": challenge,
            "form": form,
            "response": response,
            "attachment_form": AttachmentForm(
                existing=response.attachments.count() if response else 0
            ),
            "open": open_now,
        },
    )


@allow(SUPPLIERS)
@require_POST
def attachment_upload(request, reference):
    challenge = _viewable(request, reference)
    response = get_object_or_404(Response, challenge=challenge, lead=request.user.organisation)
    if not challenge.is_open_for_engagement():
        raise PermissionDenied(_closed_message(challenge))
    form = AttachmentForm(request.POST, request.FILES, existing=response.attachments.count())
    if form.is_valid():
        upload = form.cleaned_data["file"]
        Attachment.objects.create(
            response=response,
            file=upload,
            original_name=form.cleaned_data["original_name"],
            content_type=form.cleaned_data["content_type"],
            size=upload.size,
        )
        messages.success(request, f"{form.cleaned_data['original_name']} attached.")
    else:
        for error in form.errors.get("file", []):
            messages.error(request, error)
    return redirect("challenges:response", reference=reference)


@allow(SUPPLIERS)
@require_POST
def attachment_delete(request, reference, pk):
    challenge = _viewable(request, reference)
    attachment = get_object_or_404(
        Attachment, pk=pk, response__challenge=challenge, response__lead=request.user.organisation
    )
    if not challenge.is_open_for_engagement():
        raise PermissionDenied(_closed_message(challenge))
    attachment.file.delete(save=False)
    attachment.delete()
    messages.success(request, "File removed.")
    return redirect("challenges:response", reference=reference)


@allow(MEMBERS)
def attachment_download(request, reference, pk):
    """The respondent's own organisation, or a panel member cleared to see responses."""
    challenge = _viewable(request, reference)
    attachment = get_object_or_404(Attachment, pk=pk, response__challenge=challenge)
    if not services.may_read_response(request.user, attachment.response):
        raise PermissionDenied("Only the respondent and cleared evaluators can open this file.")
    return attachment.download()


# ---------------------------------------------------------------------------------------------
# Consortium finder


@allow(SUPPLIERS)
def partners(request, reference):
    challenge = _viewable(request, reference)
    if challenge.status in lifecycle.FINAL or challenge.status == Status.DRAFT:
        raise PermissionDenied("Partners can be found while a challenge is published and open.")
    organisation = request.user.organisation
    listing = challenge.listings.filter(organisation=organisation).first()
    form = ListingForm(request.POST or None, instance=listing)
    if request.method == "POST" and form.is_valid():
        listing = form.save(commit=False)
        listing.challenge = challenge
        listing.organisation = organisation
        listing.save()
        messages.success(request, "You are listed as seeking partners on this challenge.")
        return redirect("challenges:partners", reference=reference)
    suggestions = services.partner_suggestions(challenge, listing) if listing else []
    return render(
        request,
        "challenges/partners.html",
        {
            "challenge": challenge,
            "form": form,
            "listing": listing,
            "suggestions": suggestions,
            "received": challenge.introductions.filter(recipient=organisation).select_related(
                "sender"
            ),
            "sent": challenge.introductions.filter(sender=organisation).select_related("recipient"),
        },
    )


@allow(SUPPLIERS)
@require_POST
def introduce(request, reference):
    challenge = _viewable(request, reference)
    organisation = request.user.organisation
    if not challenge.listings.filter(organisation=organisation, active=True).exists():
        raise PermissionDenied("List what you offer and need before asking for introductions.")
    form = IntroductionForm(request.POST)
    if not form.is_valid():
        messages.error(request, "Write a message to send with the introduction.")
        return redirect("challenges:partners", reference=reference)
    recipient = services.introducible(challenge, organisation, form.cleaned_data["recipient"])
    if recipient is None:
        raise PermissionDenied("You can only contact suppliers suggested to you.")
    try:
        with transaction.atomic():
            introduction = Introduction.objects.create(
                challenge=challenge,
                sender=organisation,
                sender_user=request.user,
                recipient=recipient,
                message=form.cleaned_data["message"],
            )
            services.relay_introduction(introduction, request.build_absolute_uri)
    except IntegrityError:
        messages.error(request, f"You have already written to {recipient.name} on this challenge.")
    except MailNotSent as problem:
        messages.error(request, str(problem))
    else:
        messages.success(
            request,
            f"Message passed on to {recipient.name}. Your contact details are shared only if "
            "they accept.",
        )
    return redirect("challenges:partners", reference=reference)


@allow(SUPPLIERS)
@require_POST
def introduction_reply(request, reference, pk):
    challenge = _viewable(request, reference)
    introduction = get_object_or_404(
        Introduction, pk=pk, challenge=challenge, recipient=request.user.organisation
    )
    decision = request.POST.get("decision")
    if introduction.status != Introduction.Status.PENDING or decision not in {
        "accept",
        "decline",
    }:
        messages.error(request, "This introduction has already been answered.")
        return redirect("challenges:partners", reference=reference)
    introduction.status = (
        Introduction.Status.ACCEPTED if decision == "accept" else Introduction.Status.DECLINED
    )
    introduction.replied_by = request.user
    introduction.replied_at = timezone.now()
    try:
        with transaction.atomic():
            introduction.save()
            if decision == "accept":
                services.share_contacts(introduction, request.build_absolute_uri)
    except MailNotSent as problem:
        messages.error(request, str(problem))
    else:
        messages.success(
            request,
            "Accepted: you can now see each other's contact details."
            if decision == "accept"
            else "Declined; they are told no more than that.",
        )
    return redirect("challenges:partners", reference=reference)


# ---------------------------------------------------------------------------------------------
# Evaluation


@allow(BUYERS)
def panel(request, reference):
    challenge = _managed(request, reference)
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
        raise PermissionDenied("Only the challenge's evaluation panel can do this.")
    return seat


@allow(BUYERS)
def declare(request, reference):
    challenge = _viewable(request, reference)
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
    seat = _seat_or_refuse(request, challenge)
    if seat.declared_at is None:
        raise PermissionDenied("Declare any conflict of interest before you see the responses.")
    if seat.has_conflict:
        raise PermissionDenied(
            "You declared a conflict of interest, so you cannot see any response."
        )
    if not services.evaluation_open(challenge):
        raise PermissionDenied("Responses can be evaluated once market engagement has closed.")
    return seat


@allow(BUYERS)
def evaluate(request, reference):
    challenge = _viewable(request, reference)
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
    challenge = _viewable(request, reference)
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
    seat = _cleared_seat(request, challenge)
    if not seat.is_moderator:
        raise PermissionDenied("Only the panel's moderator can do this.")
    return seat


@allow(BUYERS)
def moderation(request, reference):
    challenge = _viewable(request, reference)
    _moderator_seat(request, challenge)
    sheet = services.score_sheet(challenge)
    if request.method == "POST" and request.POST.get("action") == "send_feedback":
        problems = services.send_feedback(challenge, request.build_absolute_uri)
        for problem in problems:
            messages.error(request, problem)
        if not problems:
            messages.success(request, "Feedback sent to every respondent.")
        return redirect("challenges:moderation", reference=reference)
    return render(request, "challenges/moderation.html", {"challenge": challenge, "sheet": sheet})


@allow(BUYERS)
def moderate(request, reference, pk):
    challenge = _viewable(request, reference)
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
    challenge = _viewable(request, reference)
    _moderator_seat(request, challenge)
    table = services.score_sheet_table(challenge)
    if fmt == "csv":
        response = HttpResponse(table.csv(), content_type="text/csv; charset=utf-8")
    else:
        response = HttpResponse(
            table.xlsx(),
            content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        )
    response["Content-Disposition"] = (
        f'attachment; filename="{challenge.reference}-score-sheet.{fmt}"'
    )
    return response


# ---------------------------------------------------------------------------------------------
# Outcome and adoption


@allow(BUYERS)
def outcome(request, reference):
    challenge = _managed(request, reference)
    if challenge.status == Status.DRAFT:
        raise PermissionDenied("Publish the challenge before recording its outcome.")
    form = OutcomeForm(request.POST or None, instance=challenge)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "Outcome saved.")
        return redirect(f"{challenge.get_absolute_url()}#outcome")
    return render(
        request,
        "challenges/outcome.html",
        {
            "form": form,
            "challenge": challenge,
            "heading": "Record the outcome",
            "candidates": services.candidate_processes(challenge),
        },
    )


@allow(ANCHOR_BUYERS)
def adopt(request, reference):
    challenge = _viewable(request, reference)
    organisation = request.user.organisation
    if organisation.pk in {o.pk for o in challenge.owners}:
        raise PermissionDenied("Your organisation owns this challenge; adoption is by others.")
    if challenge.status != Status.AWARDED:
        messages.error(request, "A solution can be adopted once the challenge has been awarded.")
        return redirect(challenge)
    if challenge.adoptions.filter(organisation=organisation).exists():
        messages.info(request, f"{organisation.name} has already recorded its adoption.")
        return redirect(f"{challenge.get_absolute_url()}#spread")
    form = AdoptionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        adoption = form.save(commit=False)
        adoption.challenge = challenge
        adoption.organisation = organisation
        adoption.recorded_by = request.user
        adoption.save()
        messages.success(request, f"Adoption by {organisation.name} recorded.")
        return redirect(f"{challenge.get_absolute_url()}#spread")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "heading": "Record that you adopted this solution",
            "caption": challenge.title,
            "back_url": challenge.get_absolute_url(),
        },
    )
