"""The programmes and the record of one: the list (what each viewer may see), creating and
editing a programme, its page, and publishing it."""

from __future__ import annotations

from django.contrib import messages
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone

from challenges.models import Challenge
from core import datafiles
from core.confirming import Confirmation, confirmation_page, confirmed
from core.permissions import ANYONE, COORDINATORS, allow
from programmes import access, record_rules
from programmes.forms import ProgrammeForm
from programmes.models import Programme
from programmes.views.common import MANAGE, posted, programme_for


@allow(ANYONE)
def programme_list(request):
    programmes = list(
        Programme.objects.visible_to(request.user).prefetch_related("sectors", "partners")
    )
    return render(
        request,
        "programmes/list.html",
        {
            "programmes": programmes,
            "may_create": access.viewer_of(request.user).role in COORDINATORS,
        },
    )


@allow(COORDINATORS)
def programme_create(request):
    form = ProgrammeForm(posted(request))
    if request.method == "POST" and form.is_valid():
        programme = form.save(commit=False)
        programme.created_by = request.user
        programme.save()
        form.save_m2m()
        messages.success(request, f"“{programme.title}” is created. Add its partners next.")
        return redirect(programme)
    return render(
        request,
        "programmes/programme_form.html",
        {"form": form, "heading": "Create a programme", "back_url": reverse("programmes:list")},
    )


def visible_challenges(user, programme) -> list[Challenge]:
    """The programme's challenges the viewer may open: published ones, and drafts for their
    owners (a draft is left out for everyone else)."""
    linked = list(programme.challenges.select_related("owner").order_by("title"))
    public = set(programme.challenges.public().values_list("pk", flat=True))
    managed = set(programme.challenges.managed_by(user).values_list("pk", flat=True))
    return [challenge for challenge in linked if challenge.pk in public | managed]


def _milestone_rows(programme, today):
    rows = []
    for milestone in programme.milestones.all():
        facts = milestone.facts()
        rows.append(
            {
                "milestone": milestone,
                "lateness": record_rules.lateness(facts, today),
                "days_late": record_rules.days_late(facts, today),
            }
        )
    return rows


@allow(ANYONE)
def programme_detail(request, slug):
    programme = programme_for(request, slug)
    today = timezone.localdate()
    milestones = list(programme.milestones.all())
    summary = record_rules.timeline_summary(
        [m.facts() for m in milestones], today, programme.starts_on, programme.ends_on
    )
    decision = getattr(programme, "decision", None)  # the reverse one-to-one, when taken
    return render(
        request,
        "programmes/detail.html",
        {
            "programme": programme,
            "sectors": list(programme.sectors.all()),
            "challenges": visible_challenges(request.user, programme),
            "partners": list(programme.partners.all()),
            "milestones": _milestone_rows(programme, today),
            "timeline": summary,
            "risks": list(programme.risks.select_related("owner_partner__organisation")),
            "bands": record_rules.risk_bands(),
            "bands_source": datafiles.for_readers(record_rules.risk_bands()[0].source),
            "options": list(programme.appraisal_options.all()),
            "decision": decision,
            "may_manage": access.can_manage(request.user, programme),
            "may_contribute": access.can_contribute(request.user, programme),
        },
    )


@allow(COORDINATORS)
def programme_edit(request, slug):
    programme = programme_for(request, slug, MANAGE)
    form = ProgrammeForm(posted(request), instance=programme)
    if request.method == "POST" and form.is_valid():
        form.save()
        messages.success(request, "The programme's record is saved.")
        return redirect(programme)
    return render(
        request,
        "programmes/programme_form.html",
        {
            "form": form,
            "heading": "Edit the programme",
            "caption": programme.title,
            "back_url": programme.get_absolute_url(),
        },
    )


@allow(COORDINATORS)
def programme_publish(request, slug):
    """Publish (anyone may then read it and its report) or unpublish, after a confirmation page.
    The page names what it does, so a second click or an old tab cannot undo it."""
    programme = programme_for(request, slug, MANAGE)
    if request.method not in ("GET", "POST"):
        return HttpResponseNotAllowed(["GET", "POST"])
    if confirmed(request) and request.POST.get("action") in ("publish", "unpublish"):
        programme.is_published = request.POST["action"] == "publish"
        programme.save(update_fields=["is_published", "updated_at"])
        messages.success(
            request,
            f"“{programme.title}” is {'published' if programme.is_published else 'unpublished'}.",
        )
        return redirect(programme)
    if programme.is_published:
        confirmation = Confirmation(
            heading="Unpublish this programme?",
            what_happens=(
                (
                    "Only its partners and the network's coordinators will see the programme "
                    "and its report."
                ),
            ),
            warning="Anyone who has a link to it will be told it cannot be found.",
            button="Yes, unpublish the programme",
            destructive=True,
            fields={"action": "unpublish"},
            cancel_url=programme.get_absolute_url(),
            caption=programme.title,
        )
    else:
        confirmation = Confirmation(
            heading="Publish this programme?",
            what_happens=(
                (
                    "Anyone, without signing in, will be able to read the programme's page and "
                    "its report: its aims, partners, milestones, risks, appraisal and decision, "
                    "and the parts its partners have recorded."
                ),
            ),
            warning="Check that nothing in the record is confidential before you publish it.",
            button="Yes, publish the programme",
            fields={"action": "publish"},
            cancel_url=programme.get_absolute_url(),
            caption=programme.title,
        )
    return confirmation_page(request, confirmation)
