"""Responses: a supplier's own sealed proposal and its attached files, written while engagement is
open; a file is opened only by the respondent and cleared evaluators."""

from __future__ import annotations

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST

from challenges import access, rules
from challenges.forms import ResponseForm
from challenges.models import Attachment, Response
from core.permissions import MEMBERS, allow
from core.uploads import AttachmentForm


@allow(rules.SUPPLIERS)
def response_edit(request, reference):
    challenge = access.viewable(request.user, reference)
    organisation = request.user.organisation
    response = challenge.responses.filter(lead=organisation).first()
    open_now = challenge.is_open_for_engagement()
    if not open_now and (response is None or request.method == "POST"):
        raise PermissionDenied(rules.closed_message(challenge.status))
    form = ResponseForm(request.POST or None, instance=response) if open_now else None
    if request.method == "POST" and form.is_valid():
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


@allow(rules.SUPPLIERS)
@require_POST
def attachment_upload(request, reference):
    challenge = access.viewable(request.user, reference)
    response = get_object_or_404(Response, challenge=challenge, lead=request.user.organisation)
    access.engagement_open_or_403(challenge)
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


@allow(rules.SUPPLIERS)
@require_POST
def attachment_delete(request, reference, pk):
    challenge = access.viewable(request.user, reference)
    attachment = get_object_or_404(
        Attachment, pk=pk, response__challenge=challenge, response__lead=request.user.organisation
    )
    access.engagement_open_or_403(challenge)
    attachment.file.delete(save=False)
    attachment.delete()
    messages.success(request, "File removed.")
    return redirect("challenges:response", reference=reference)


@allow(MEMBERS)
def attachment_download(request, reference, pk):
    """The respondent's own organisation, or a panel member cleared to see responses."""
    challenge = access.viewable(request.user, reference)
    attachment = get_object_or_404(Attachment, pk=pk, response__challenge=challenge)
    if not access.may_read_response(request.user, attachment.response):
        raise PermissionDenied("Only the respondent and cleared evaluators can open this file.")
    return attachment.download()
