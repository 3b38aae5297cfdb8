"""The KPI pages: a programme's KPIs (seen by whoever sees the programme) and an anchor's own
KPIs (signed-in buyers of any anchor and coordinators, `programmes/kpi_rules.py`), each KPI with
its source, how it is calculated, baseline, target, latest figure, progress and trend; and their
downloads (CSV and XLSX)."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import get_object_or_404, render

from core.downloads import table_download
from core.permissions import ANYONE, BUYERS, allow
from network.models import Organisation
from programmes import kpi_reading
from programmes.kpi_views.presenting import shown_all, summary_table, trend_table
from programmes.models import Programme

TABLES = ("kpis", "trend")
FORMATS = ("csv", "xlsx")


def visible_programme(request, slug) -> Programme:
    programme = get_object_or_404(Programme, slug=slug)
    if not kpi_reading.can_see(request.user, programme):
        raise Http404("No programme here")
    return programme


def anchor(slug) -> Organisation:
    organisation = get_object_or_404(Organisation, slug=slug)
    if not organisation.is_anchor:
        raise Http404("Only anchors set KPIs")
    return organisation


def _context(request, owner, rows) -> dict:
    user = request.user
    is_programme = isinstance(owner, Programme)
    return {
        "owner": owner,
        "programme": owner if is_programme else None,
        "organisation": None if is_programme else owner,
        "rows": rows,
        "summary": summary_table(rows, "KPIs: baseline, target and progress"),
        "trend": trend_table(rows, "Every snapshot taken"),
        "may_manage": kpi_reading.can_manage(user, owner),
        "may_enter": kpi_reading.can_enter_results(user, owner),
        "may_snapshot": kpi_reading.can_take_snapshots(user),
        "download_base": "downloads/",
    }


@allow(ANYONE)
def programme_kpis(request, slug):
    programme = visible_programme(request, slug)
    rows = shown_all(programme.kpis.all())
    return render(request, "programmes/kpis.html", _context(request, programme, rows))


@allow(BUYERS)
def anchor_kpis(request, slug):
    organisation = anchor(slug)
    rows = shown_all(organisation.kpis.all())
    return render(request, "programmes/kpis.html", _context(request, organisation, rows))


def _download(rows, stem: str, name: str, fmt: str):
    if name not in TABLES or fmt not in FORMATS:
        raise Http404("No such table")
    table = summary_table(rows, "KPIs") if name == "kpis" else trend_table(rows, "KPI snapshots")
    return table_download(table, f"{stem}-{name}", fmt)


@allow(ANYONE)
def programme_kpis_download(request, slug, name, fmt):
    programme = visible_programme(request, slug)
    return _download(shown_all(programme.kpis.all()), f"{programme.slug}-kpis", name, fmt)


@allow(BUYERS)
def anchor_kpis_download(request, slug, name, fmt):
    organisation = anchor(slug)
    return _download(shown_all(organisation.kpis.all()), f"{organisation.slug}-kpis", name, fmt)
