"""Writing a case and its way to publication: create, edit, history, and the coordinators' review
(submit → review → publish, or changes asked for)."""

from __future__ import annotations

from datetime import timedelta

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone

from cases import services, sharing
from cases.forms import CaseForm, ReviewForm
from cases.models import Case, Version
from cases.sharing import Status
from cases.views.access import editable_case
from core.permissions import COORDINATORS, MEMBERS, Role, allow, role_of


@allow(MEMBERS)
def case_create(request):
    form = CaseForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        case = services.save_case(
            form,
            request.user,
            organisation=request.user.organisation,
            note="Created",
            status=Status.SUBMITTED if submit else Status.DRAFT,
        )
        messages.success(
            request,
            "Case submitted: a coordinator will review it before it is published."
            if submit
            else "Case saved as a draft: only your organisation can see it.",
        )
        return redirect(case)
    form.helper.form_tag = False
    form.helper.inputs = []
    return render(request, "cases/case_form.html", {"form": form, "heading": "Share a case"})


@allow(MEMBERS)
def case_edit(request, slug):
    case = editable_case(request, slug)
    was_published, old_level = case.status == Status.PUBLISHED, case.level
    form = CaseForm(request.POST or None, instance=case)
    if request.method == "POST" and form.is_valid():
        submit = request.POST.get("action") == "submit"
        status = Status.SUBMITTED if submit and not was_published else None
        wider = (
            was_published
            and role_of(request.user) is not Role.COORDINATOR
            and sharing.widens(old_level, form.cleaned_data["level"])
        )
        if wider:
            status = Status.SUBMITTED
        services.save_case(
            form, request.user, note=request.POST.get("note", "") or "Edited", status=status
        )
        if wider:
            messages.success(
                request,
                "Case saved. Sharing it more widely needs a coordinator's review: until then only "
                "your organisation sees it.",
            )
        else:
            messages.success(request, "Case saved." + (" Submitted for review." if status else ""))
        return redirect(case)
    form.helper.form_tag = False
    form.helper.inputs = []
    return render(
        request,
        "cases/case_form.html",
        {"form": form, "heading": f"Edit {case.title}", "case": case},
    )


@allow(MEMBERS)
def case_history(request, slug):
    case = editable_case(request, slug)
    return render(
        request,
        "cases/history.html",
        {"case": case, "versions": case.versions.select_related("by")},
    )


@allow(COORDINATORS)
def review_queue(request):
    waiting = Case.objects.filter(status=Status.SUBMITTED).select_related("organisation")
    changes = Case.objects.filter(status=Status.CHANGES_REQUESTED).select_related("organisation")
    # Published cases their owners changed since: live, versioned, worth a look.
    since = timezone.now() - timedelta(days=30)
    edited = (
        Version.objects.filter(case__status=Status.PUBLISHED, at__gte=since, number__gt=1)
        .exclude(by__is_coordinator=True)
        .exclude(by__isnull=True)
        .select_related("case", "by")
        .order_by("-at")[:50]
    )
    return render(
        request, "cases/review.html", {"waiting": waiting, "changes": changes, "edited": edited}
    )


@allow(COORDINATORS)
def review_case(request, slug):
    case = get_object_or_404(Case, slug=slug)
    form = ReviewForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        note = form.cleaned_data.get("note", "")
        if form.cleaned_data["decision"] == "publish":
            services.publish(case, request.user, note)
            messages.success(request, f"“{case.title}” is published at its sharing level.")
        else:
            case.status = Status.CHANGES_REQUESTED
            case.review_note = note
            case.save()
            services.record_version(case, request.user, f"Changes requested: {note}")
            messages.success(request, "Changes requested; the submitter sees your note.")
        return redirect("cases:review")
    return render(
        request,
        "form_page.html",
        {
            "form": form,
            "heading": f"Review: {case.title}",
            "caption": f"{case.get_level_display()}; submitted by {case.organisation or 'the network'}",
            "back_url": case.get_absolute_url(),
        },
    )
