"""Cases in and out: a spreadsheet of cases imported (and its template), the library exported as
CSV or JSON, and the Atom feed of public cases."""

from __future__ import annotations

import io

from django.contrib import messages
from django.db import transaction
from django.http import Http404, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.feedgenerator import Atom1Feed

from cases import exports, importing
from cases.forms import ImportForm
from cases.models import Case
from cases.sharing import Level, Status
from cases.views.library import found_cases
from core import csvfile
from core.downloads import attachment
from core.permissions import ANYONE, MEMBERS, allow


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
                        submit=form.cleaned_data["submit_for_review"],
                    )
                owner = (
                    request.user.organisation.name if request.user.organisation else "the network"
                )
                state = (
                    "submitted for review"
                    if form.cleaned_data["submit_for_review"]
                    else "saved as drafts"
                )
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
    return attachment(out.getvalue(), "cases-template.csv")


@allow(ANYONE)
def export(request, fmt):
    if fmt not in {"csv", "json"}:
        raise Http404("Cases export as csv or json")
    _, _, found = found_cases(request)
    absolute = request.build_absolute_uri
    if fmt == "json":
        return JsonResponse(
            {"cases": [exports.as_dict(c, absolute) for c in found]},
            json_dumps_params={"indent": 2, "ensure_ascii": False},
        )
    return attachment(exports.as_csv(found, absolute), "cases.csv")


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
    public = Case.objects.filter(status=Status.PUBLISHED, level=Level.PUBLIC).order_by(
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
