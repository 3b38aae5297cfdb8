"""The funding page: partners' contributions, the funding position by source and year, the bids
for match and levered funding, the leverage ratio and how it is calculated; each table as CSV or
XLSX."""

from __future__ import annotations

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse

from core.downloads import table_download
from core.formatting import pounds
from core.permissions import ANYONE, allow
from programmes import access, money
from programmes.models import BidStatus
from programmes.money_views import figures, visible_programme


@allow(ANYONE)
def funding(request, slug):
    programme = visible_programme(request, slug)
    found = figures.funding_of(programme)
    user = request.user
    rows = [
        {
            "contribution": c,
            "by_year": figures.by_year_words({y.financial_year: y.amount for y in c.years.all()}),
            "in_kind": figures.in_kind_words(c),
            "status": figures.status_words(c),
            "may_change": access.can_contribute_for(user, programme, c.partner.organisation_id),
            "next": money.next_statuses(money.CONTRIBUTION_MOVES, c.status),
        }
        for c in found.contributions
    ]
    manages = access.can_manage(user, programme)
    bids = [
        {
            "bid": b,
            "range": figures.range_words(b),
            "match": figures.match_words(b),
            "status": figures.status_words(b),
            "awarded": pounds(b.amount_awarded) if b.amount_awarded is not None else "",
            "next": money.next_statuses(money.BID_MOVES, b.status) if manages else (),
        }
        for b in found.bids
    ]
    return render(
        request,
        "programmes/funding.html",
        {
            "programme": programme,
            "rows": rows,
            "bids": bids,
            "position": figures.position_table(found),
            "years": figures.years_table(found),
            "leverage": found.leverage,
            "shown": {
                "external": pounds(found.leverage.external_secured),
                "cash": pounds(found.leverage.partner_cash),
            },
            "leverage_definition": money.LEVERAGE_DEFINITION,
            "awarded": [b for b in found.bids if b.status == BidStatus.AWARDED],
            "may_contribute": access.can_contribute(user, programme),
            "may_open_evidence": money.can_open_evidence(
                access.viewer_of(user), access.facts_of(programme)
            ),
            "manages": manages,
            "download_base": reverse("programmes:funding", args=[programme.slug]) + "download/",
        },
    )


@allow(ANYONE)
def funding_download(request, slug, table, fmt):
    programme = visible_programme(request, slug)
    if table not in figures.FUNDING_TABLES or fmt not in ("csv", "xlsx"):
        raise Http404("No such table")
    chosen = figures.funding_tables(programme)[table]
    return table_download(chosen, f"{programme.slug}-funding-{table}", fmt)
