"""A programme's money: funding (contributions, bids, leverage) and costing."""

from django.urls import path

from programmes.money_views import bids, contributions, costing, funding

P = "programmes/<slug:slug>/"

urlpatterns = [
    path(P + "funding/", funding.funding, name="funding"),
    path(
        P + "funding/download/<str:table>.<str:fmt>",
        funding.funding_download,
        name="funding_download",
    ),
    path(
        P + "funding/contributions/add/",
        contributions.contribution_add,
        name="contribution_add",
    ),
    path(
        P + "funding/contributions/<int:pk>/edit/",
        contributions.contribution_edit,
        name="contribution_edit",
    ),
    path(
        P + "funding/contributions/<int:pk>/status/",
        contributions.contribution_move,
        name="contribution_move",
    ),
    path(
        P + "funding/contributions/<int:pk>/evidence/",
        contributions.contribution_evidence,
        name="contribution_evidence",
    ),
    path(
        P + "funding/contributions/<int:pk>/evidence/<int:file_pk>/",
        contributions.contribution_evidence_file,
        name="contribution_evidence_file",
    ),
    path(
        P + "funding/contributions/<int:pk>/evidence/<int:file_pk>/remove/",
        contributions.contribution_evidence_delete,
        name="contribution_evidence_delete",
    ),
    path(P + "funding/bids/add/", bids.bid_add, name="bid_add"),
    path(P + "funding/bids/<int:pk>/edit/", bids.bid_edit, name="bid_edit"),
    path(P + "funding/bids/<int:pk>/status/", bids.bid_move, name="bid_move"),
    path(P + "costing/", costing.costing, name="costing"),
    path(
        P + "costing/download/<str:table>.<str:fmt>",
        costing.costing_download,
        name="costing_download",
    ),
    path(P + "costing/settings/", costing.costing_settings, name="costing_settings"),
    path(P + "costing/lines/add/", costing.line_add, name="budget_line_add"),
    path(P + "costing/lines/<int:pk>/edit/", costing.line_edit, name="budget_line_edit"),
    path(
        P + "costing/lines/<int:pk>/allocations/add/",
        costing.allocation_add,
        name="allocation_add",
    ),
    path(
        P + "costing/allocations/<int:pk>/remove/",
        costing.allocation_delete,
        name="allocation_delete",
    ),
]
