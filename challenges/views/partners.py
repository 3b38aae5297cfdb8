"""The consortium finder: suppliers list what they offer and need, see suggested partners with
reasons, and write to them through the platform; contact details pass only when one accepts."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db import IntegrityError, transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from challenges import access, rules, services
from challenges.forms import IntroductionForm, ListingForm
from challenges.models import Introduction
from core.mail import MailNotSent
from core.permissions import allow


@allow(rules.SUPPLIERS)
def partners(request, reference):
    challenge = access.viewable(request.user, reference)
    if not rules.partners_may_be_found(challenge.status):
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


@allow(rules.SUPPLIERS)
@require_POST
def introduce(request, reference):
    challenge = access.viewable(request.user, reference)
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


@allow(rules.SUPPLIERS)
@require_POST
def introduction_reply(request, reference, pk):
    challenge = access.viewable(request.user, reference)
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
