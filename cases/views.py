"""Case library, guides and the invest-to-save calculator. Each view declares its roles; whether a
case may be seen is decided by sharing.py (through services and Case.objects.visible_to)."""

from __future__ import annotations

import io
from datetime import timedelta

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.views.decorators.http import require_POST

from cases import greenbook, guides, importing, services, sharing
from cases.forms import CalculatorForm, CaseForm, CaseSearchForm, ImportForm, ReviewForm
from cases.models import Calculation, Case, Version
from challenges.access import manages
from challenges.models import Challenge
from challenges.routefinder import route_names
from core import csvfile
from core.params import LARGEST_ID, whole_number
from core.permissions import ANYONE, COORDINATORS, MEMBERS, Role, allow, role_of
from core.uploads import AttachmentForm

Status = sharing.Status


def _visible_case(request, slug) -> Case:
    case = Case.objects.visible_to(request.user).filter(slug=slug).first()
    if case is None:
        raise Http404("No such case")
    return case


def _editable_case(request, slug) -> Case:
    case = _visible_case(request, slug)
    if not services.can_edit(request.user, case):
        raise PermissionDenied("Only the organisation that submitted this case can change it.")
    return case


def _found(request):
    """The cases this viewer may see that match the search, and the facets over them."""
    form = CaseSearchForm(request.GET or None)
    cases = [c for c in services.visible(request.user) if c.status == Status.PUBLISHED]
    filters = form.cleaned_data if form.is_valid() else {}
    if filters.get("q"):
        cases = services.rank(cases, filters["q"])
    found = [c for c in cases if services.matches(c, filters)]
    return form, filters, found


@allow(ANYONE)
def case_list(request):
    form, filters, found = _found(request)
    page = Paginator(found, 20).get_page(request.GET.get("page"))
    query = request.GET.copy()
    query.pop("page", None)
    user = request.user
    mine = []
    if getattr(user, "is_authenticated", False):
        mine = [
            c
            for c in Case.objects.visible_to(user).exclude(status=Status.PUBLISHED)
            if services.can_edit(user, c)
        ]
    chosen = {k: v for k, v in filters.items() if v and k != "q"}
    return render(
        request,
        "cases/list.html",
        {
            "form": form,
            "page": page,
            "query": query.urlencode(),
            "facets": services.facets(found),
            "chosen": chosen,
            "mine": mine,
            "routes": dict(route_names()),
            "can_submit": role_of(user) in MEMBERS,
        },
    )


@allow(ANYONE)
def case_detail(request, slug):
    case = _visible_case(request, slug)
    candidates = list(services.visible(request.user).filter(status=Status.PUBLISHED))
    editor = services.can_edit(request.user, case)
    from opportunities.models import Process

    processes = list(Process.objects.filter(ocid__in=case.ocids))
    found = {p.ocid for p in processes}
    return render(
        request,
        "cases/detail.html",
        {
            "case": case,
            "route_name": dict(route_names()).get(case.route, case.route),
            "similar": services.similar(case, candidates),
            "editor": editor,
            "consents": case.consents.all()
            if editor or role_of(request.user) is Role.COORDINATOR
            else [],
            "processes": processes,
            "unmatched_ocids": [o for o in case.ocids if o not in found],
            "challenges": case.challenges.public(),
            "calculations": case.calculations.all(),
        },
    )


@allow(ANYONE)
def cross_sector(request):
    """'This worked in one sector: who tried the same route or met the same barriers in another?'"""
    from network.models import Sector

    sectors = Sector.objects.all()
    source = request.GET.get("from", "")
    target = request.GET.get("to", "")
    cases = [c for c in services.visible(request.user) if c.status == Status.PUBLISHED]
    pairs = []
    if source and target and source != target:
        left = [c for c in cases if source in {s.slug for s in c.sectors.all()}]
        right = [c for c in cases if target in {s.slug for s in c.sectors.all()}]
        routes = dict(route_names())
        for case in left:
            links = []
            for other in right:
                if other.pk == case.pk:
                    continue
                reasons = []
                if other.route == case.route:
                    reasons.append(f"same route: {routes.get(case.route, case.route)}")
                shared = {b.name for b in case.barriers.all()} & {
                    b.name for b in other.barriers.all()
                }
                if shared:
                    reasons.append("same barriers: " + ", ".join(sorted(shared)))
                if reasons:
                    links.append((other, reasons))
            pairs.append((case, links))
    return render(
        request,
        "cases/cross_sector.html",
        {"sectors": sectors, "source": source, "target": target, "pairs": pairs},
    )


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
    case = _editable_case(request, slug)
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
    case = _editable_case(request, slug)
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


@allow(MEMBERS)
def case_import(request):
    form = ImportForm(request.POST or None, request.FILES or None)
    report = None
    if request.method == "POST" and form.is_valid():
        try:
            rows = importing.read_rows(form.cleaned_data["file"])
        except importing.Unreadable as problem:
            form.add_error("file", str(problem))
        else:
            report = importing.check(rows, request.user.organisation)
            if report.ok:
                with transaction.atomic():
                    made = importing.save(
                        report,
                        request.user,
                        request.user.organisation,
                        submit=form.cleaned_data["submit"],
                    )
                owner = (
                    request.user.organisation.name if request.user.organisation else "the network"
                )
                state = "submitted for review" if form.cleaned_data["submit"] else "saved as drafts"
                messages.success(
                    request,
                    f"{len(made)} case{'s' if len(made) != 1 else ''} of {owner} {state}.",
                )
                return redirect("cases:list")
    return render(
        request,
        "cases/import.html",
        {"form": form, "report": report, "columns": importing.COLUMNS},
    )


@allow(ANYONE)
def import_template(request):
    out = io.StringIO()
    csvfile.Writer(out).writerow([column for column, _ in importing.COLUMNS])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="cases-template.csv"'
    return response


@allow(ANYONE)
def export(request, fmt):
    if fmt not in {"csv", "json"}:
        raise Http404("Cases export as csv or json")
    _, _, found = _found(request)
    absolute = request.build_absolute_uri
    if fmt == "json":
        return JsonResponse(
            {"cases": [services.as_dict(c, absolute) for c in found]},
            json_dumps_params={"indent": 2, "ensure_ascii": False},
        )
    response = HttpResponse(
        services.as_csv(found, absolute), content_type="text/csv; charset=utf-8"
    )
    response["Content-Disposition"] = 'attachment; filename="cases.csv"'
    return response


@allow(ANYONE)
def feed(request):
    """Atom feed of new public cases only, whoever asks."""
    feed = Atom1Feed(
        title="AnchorHub: new innovation procurement cases",
        link=request.build_absolute_uri(reverse("cases:list")),
        description="Public cases in the West Midlands anchor network's library",
        language="en-gb",
        feed_url=request.build_absolute_uri(reverse("cases:feed")),
    )
    public = Case.objects.filter(status=Status.PUBLISHED, level=sharing.Level.PUBLIC).order_by(
        "-published_at"
    )[:50]
    for case in public:
        feed.add_item(
            title=case.title,
            link=request.build_absolute_uri(case.get_absolute_url()),
            description=case.summary,
            pubdate=case.published_at,
            updateddate=case.updated_at,
            unique_id=request.build_absolute_uri(case.get_absolute_url()),
        )
    return HttpResponse(
        feed.writeString("utf-8"), content_type="application/atom+xml; charset=utf-8"
    )


# ---------------------------------------------------------------------------------------------
# Guides


@allow(ANYONE)
def guide_list(request):
    return render(request, "cases/guides.html", {"guides": guides.all_guides()})


@allow(ANYONE)
def guide_detail(request, slug):
    guide = guides.get(slug)
    if guide is None:
        raise Http404("No such guide")
    related = [
        c
        for c in services.visible(request.user).filter(status=Status.PUBLISHED)
        if c.source_key in guide.cases or c.route in guide.routes
    ][:6]
    return render(request, "cases/guide.html", {"guide": guide, "related": related})


# ---------------------------------------------------------------------------------------------
# Invest-to-save calculator


def _saved_targets(user):
    """Cases and challenges this user may attach a calculation to."""
    if not getattr(user, "is_authenticated", False):
        return [], []
    cases = [c for c in Case.objects.visible_to(user) if services.can_edit(user, c)]
    challenges = [c for c in Challenge.objects.all().select_related("owner") if manages(user, c)]
    return cases, challenges


@allow(ANYONE)
def calculator(request):
    saved = None
    calculation = whole_number(
        request.GET.get("calculation"), name="calculation", minimum=1, maximum=LARGEST_ID
    )
    if calculation:
        saved = get_object_or_404(Calculation, pk=calculation)
        if not _may_see_calculation(request.user, saved):
            raise Http404("No such calculation")
        form = CalculatorForm(
            CalculatorForm.data_from(saved.lines, saved.project_type, saved.name),
            rows=len(saved.lines) + 3,
        )
    else:
        rows = CalculatorForm.requested_rows(request.GET.get("rows"))
        form = CalculatorForm(request.GET or None, rows=rows)
    result = None
    if form.is_bound and form.is_valid():
        result = greenbook.calculate(form.cleaned_data["lines"], form.cleaned_data["project_type"])
        if request.GET.get("format") == "csv":
            return _calculation_csv(result)
    cases, challenges = _saved_targets(request.user)
    return render(
        request,
        "cases/calculator.html",
        {
            "form": form,
            "result": result,
            "chart": _chart(result) if result else None,
            "query": request.GET.urlencode(),
            "cases": cases,
            "challenges": challenges,
            "saved": saved,
            "kinds": greenbook.KINDS,
        },
    )


def _may_see_calculation(user, calculation) -> bool:
    if calculation.case_id:
        return Case.objects.visible_to(user).filter(pk=calculation.case_id).exists()
    if calculation.challenge_id:
        challenge = calculation.challenge
        return challenge.is_public or manages(user, challenge)
    return getattr(user, "is_authenticated", False) and calculation.created_by_id == user.pk


@allow(MEMBERS)
@require_POST
def calculator_save(request):
    form = CalculatorForm(
        request.POST, rows=CalculatorForm.requested_rows(request.POST.get("rows"))
    )
    if not form.is_valid():
        messages.error(request, "The calculation has errors: correct them, then save.")
        return redirect(f"{reverse('cases:calculator')}?{_form_query(request.POST)}")
    target = request.POST.get("target", "")
    cases, challenges = _saved_targets(request.user)
    calculation = Calculation(
        name=form.cleaned_data.get("name") or "Invest-to-save calculation",
        project_type=form.cleaned_data["project_type"],
        lines=[
            {
                "holder": line.holder,
                "kind": line.kind,
                "year": line.year,
                "amount": str(line.amount),
            }
            for line in form.cleaned_data["lines"]
        ],
        created_by=request.user,
    )
    if target.startswith("case:"):
        calculation.case = next((c for c in cases if str(c.pk) == target[5:]), None)
        if calculation.case is None:
            raise PermissionDenied(
                "You can save calculations only to cases your organisation submitted."
            )
    elif target.startswith("challenge:"):
        calculation.challenge = next((c for c in challenges if str(c.pk) == target[10:]), None)
        if calculation.challenge is None:
            raise PermissionDenied("You can save calculations only to challenges you manage.")
    calculation.save()
    messages.success(request, f"Calculation “{calculation.name}” saved.")
    return redirect(f"{reverse('cases:calculator')}?calculation={calculation.pk}")


def _form_query(data) -> str:
    query = data.copy()
    query.pop("csrfmiddlewaretoken", None)
    query.pop("target", None)
    return query.urlencode()


def _calculation_csv(result) -> HttpResponse:
    out = io.StringIO()
    writer = csvfile.Writer(out)
    writer.writerow(
        [
            "Year",
            "Costs",
            "Costs with optimism bias",
            "Savings",
            "Net",
            "Discount factor",
            "Present value",
            "Cumulative present value",
        ]
    )
    for row in result.rows:
        writer.writerow(
            [
                row["year"],
                f"{row['costs']:.2f}",
                f"{row['costs_with_bias']:.2f}",
                f"{row['savings']:.2f}",
                f"{row['net']:.2f}",
                f"{row['discount_factor']:.4f}",
                f"{row['present_value']:.2f}",
                f"{row['cumulative_present_value']:.2f}",
            ]
        )
    writer.writerow([])
    writer.writerow(["Budget holder", "Present value of costs", "Present value of savings", "NPV"])
    for holder in result.holders:
        writer.writerow(
            [
                holder.holder,
                f"{holder.pv_costs:.2f}",
                f"{holder.pv_savings:.2f}",
                f"{holder.npv:.2f}",
            ]
        )
    writer.writerow(
        [
            "Whole public sector",
            f"{result.pv_costs:.2f}",
            f"{result.pv_savings:.2f}",
            f"{result.npv:.2f}",
        ]
    )
    writer.writerow([])
    writer.writerow(["Savings change", "NPV"])
    for point in result.sensitivity:
        writer.writerow([f"{point['savings_change']:+.0%}", f"{point['npv']:.2f}"])
    response = HttpResponse(out.getvalue(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = 'attachment; filename="invest-to-save.csv"'
    return response


def _chart(result) -> dict:
    """Bars of NPV by budget holder (the whole public sector last), drawn left of or right of a
    zero line, for an SVG hidden from screen readers with the table beside it."""
    bars = [(h.holder, h.npv) for h in result.holders] + [("Whole public sector", result.npv)]
    top = max((abs(v) for _, v in bars), default=0) or 1
    half = 200
    rows = []
    for i, (label, value) in enumerate(bars):
        width = round(half * abs(value) / top, 1)
        rows.append(
            {
                "label": label,
                "shown": f"-£{abs(value):,.0f}" if value < 0 else f"£{value:,.0f}",
                "x": 260 + half if value >= 0 else 260 + half - width,
                "width": width,
                "negative": value < 0,
                "y": 28 * i,
                "value_x": 260 + half + (width + 6 if value >= 0 else 6),
            }
        )
    return {"rows": rows, "height": 28 * len(rows), "zero": 260 + half}


# ---------------------------------------------------------------------------------------------
# Files on a case (the same type and size checks as proposals' files)


@allow(MEMBERS)
@require_POST
def attachment_upload(request, slug):
    from cases.models import Attachment

    case = _editable_case(request, slug)
    form = AttachmentForm(request.POST, request.FILES, existing=case.attachments.count())
    if form.is_valid():
        upload = form.cleaned_data["file"]
        Attachment.objects.create(
            case=case,
            file=upload,
            original_name=form.cleaned_data["original_name"],
            content_type=form.cleaned_data["content_type"],
            size=upload.size,
        )
        services.record_version(
            case, request.user, f"Attached {form.cleaned_data['original_name']}"
        )
        messages.success(request, f"{form.cleaned_data['original_name']} attached.")
    else:
        for error in form.errors.get("file", []):
            messages.error(request, error)
    return redirect(f"{case.get_absolute_url()}#files")


@allow(ANYONE)
def attachment_download(request, slug, pk):
    case = _visible_case(request, slug)
    attachment = get_object_or_404(case.attachments, pk=pk)
    return attachment.download()
