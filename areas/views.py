"""The network's areas (issue 19): the list and each area's page for everyone (an area is a
public definition); defining and changing one, with a preview of what it holds before saving, for
coordinators; the suppliers known to be in an area, with a CSV, for buyers of the network's
anchors and coordinators (the same people who see payees across the network, as on the
places-of-payees and network-comparison pages)."""

from __future__ import annotations

import io
from datetime import date

from django.contrib import messages
from django.db import transaction
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse

from areas.forms import AreaForm, SupplierFilterForm, area_slug, initial_of
from areas.inside import inside
from areas.smes import SOURCES, Row, smes_of
from core.csvfile import Writer
from core.downloads import attachment
from core.permissions import ANYONE, BUYERS, COORDINATORS, allow, role_of
from core.roles import Role
from reference.area_rules import CHECKS, KINDS, NEEDS, Definition, describe
from reference.area_sync import save_version
from reference.models import Area
from registers.areas import definition, radius

PURPOSE = (
    "Before reserving a below-threshold competition for local suppliers, a buyer needs to know "
    "which suppliers are there and what they already supply to the network's anchors."
)


def _area(slug: str) -> Area:
    return get_object_or_404(Area, slug=slug)


def _holds(area: Area) -> str:
    if area.kind == "radius":
        miles = f"{area.miles:g}" if area.miles is not None else "?"
        return f"Within {miles} miles of {', '.join(area.centre_postcodes)}"
    count = len(area.members)
    shown = ", ".join(area.members[:6]) + (f" and {count - 6} more" if count > 6 else "")
    return f"{count} {KINDS[area.kind].lower()}: {shown}"


@allow(ANYONE)
def area_list(request):
    rows = [
        {"area": area, "holds": _holds(area), "check": CHECKS[area.confidence]}
        for area in Area.objects.all()
    ]
    return render(
        request,
        "areas/list.html",
        {"rows": rows, "is_coordinator": role_of(request.user) is Role.COORDINATOR},
    )


@allow(ANYONE)
def area_detail(request, slug):
    area = _area(slug)
    role = role_of(request.user)
    return render(
        request,
        "areas/detail.html",
        {
            "area": area,
            "holds": _holds(area),
            "kind": KINDS[area.kind],
            "check": CHECKS[area.confidence],
            "needs": NEEDS[area.kind],
            "versions": area.versions.select_related("saved_by"),
            "is_coordinator": role is Role.COORDINATOR,
            "sees_suppliers": role in BUYERS,
            "sees_names": role in BUYERS,  # who saved a version: people of the network only
        },
    )


def _definition_of(values: dict) -> Definition:
    if values["kind"] == "radius":
        return radius(values["centre_postcodes"], float(values["miles"]))
    return Definition(kind=values["kind"], members=tuple(values["members"]))


def _edit(request, area: Area | None):
    is_new = area is None
    form = AreaForm(
        request.POST or None,
        is_new=is_new,
        area=area,
        initial=initial_of(area) if area else {"confidence": "U"},
    )
    preview = None
    if request.method == "POST" and form.is_valid():
        values = form.values()
        previewed = request.POST.get("previewed") == form.digest()
        if request.POST.get("action") == "save" and previewed:
            return _save(request, area, values, form.cleaned_data["note"])
        if request.POST.get("action") == "save":
            messages.info(request, "The area changed since its preview: check it, then save it.")
        preview = inside(_definition_of(values), tuple(values["centre_postcodes"]))
    heading = "Define an area" if is_new else f"Change {area.name}"
    return render(
        request,
        "areas/form.html",
        {
            "form": form,
            "heading": heading,
            "preview": preview,
            "digest": form.digest() if preview else "",
            "back_url": reverse("areas:detail", args=[area.slug])
            if area
            else reverse("areas:list"),
        },
    )


def _save(request, area: Area | None, values: dict, note: str):
    with transaction.atomic():
        if area is None:
            area = Area(slug=area_slug(values["name"]), version=0)
            note = note or "Defined in the product"
        for name, value in values.items():
            setattr(area, name, value)
        area.version += 1
        area.edited = True
        area.save()
        save_version(area, request.user, note)
    messages.success(request, f"{area.name}: version {area.version} is saved.")
    return redirect("areas:detail", area.slug)


@allow(COORDINATORS)
def area_new(request):
    return _edit(request, None)


@allow(COORDINATORS)
def area_edit(request, slug):
    return _edit(request, _area(slug))


def _chosen(request, rows: list[Row]) -> tuple[SupplierFilterForm, list[Row]]:
    form = SupplierFilterForm(request.GET or None)
    sme = vcse = False
    if form.is_valid():
        sme, vcse = form.cleaned_data["sme"], form.cleaned_data["vcse"]
    return form, [
        row for row in rows if (not sme or row.is_sme is True) and (not vcse or row.is_vcse is True)
    ]


@allow(BUYERS)
def area_suppliers(request, slug):
    area = _area(slug)
    defined = definition(area)
    found = smes_of(defined)
    form, rows = _chosen(request, found.rows)
    counts = found.counts()
    return render(
        request,
        "areas/suppliers.html",
        {
            "area": area,
            "purpose": PURPOSE,
            "form": form,
            "rows": rows,
            "listed": len(found.rows),
            "sources": [
                {
                    "label": label,
                    "inside": counts[key],
                    "checked": found.checked[key],
                    "not_placed": found.not_placed[key],
                }
                for key, label in SOURCES.items()
            ],
            "not_placed": sum(found.not_placed.values()),
            "needs": NEEDS[area.kind],
            "words": describe(defined),
            "query": request.GET.urlencode(),
        },
    )


CSV_HEADER = [
    "Supplier",
    "Size",
    "VCSE",
    "How it is known to be in the area",
    "Postcodes in the area",
    "Categories it already supplies",
]


@allow(BUYERS)
def area_suppliers_download(request, slug):
    area = _area(slug)
    _form, rows = _chosen(request, smes_of(definition(area)).rows)
    out = io.StringIO()
    writer = Writer(out)
    writer.writerow(CSV_HEADER)
    for row in rows:
        writer.writerow(
            [
                row.name,
                row.size,
                row.vcse,
                "; ".join(row.known_by),
                "; ".join(sorted(row.postcodes)),
                "; ".join(row.category_lines()),
            ]
        )
    return attachment(out.getvalue(), f"suppliers-in-{area.slug}-{date.today():%Y-%m-%d}.csv")
