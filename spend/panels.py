"""What spend adds to pages of lower apps (core/panels.py), registered in SpendConfig.ready():
the home page's payment files and what to publish, the coordinator's anchors without payment
files, the organisation page's published summaries and the "My activity" page's imports."""

from __future__ import annotations

from django.db.models import Count, Max, Min, Sum
from django.urls import reverse
from django.utils import timezone

from core.formatting import fy_label
from core.panels import Figure, Item, Panel, counted
from core.roles import Role, role_of
from network.models import Organisation
from spend.ledger import financial_year
from spend.models import Payment, PublishedSummary, SpendImport

SHOWN = 5


def _import_item(spend_import) -> Item:
    read = spend_import.rows_read
    detail = (
        f"{timezone.localtime(spend_import.created_at):%-d %B %Y}: "
        f"{spend_import.rows_imported:,} of {read:,} rows imported"
        + (
            f", {counted(spend_import.rows_rejected, 'row')} rejected"
            if spend_import.rows_rejected
            else ""
        )
    )
    return Item(spend_import.source_name, reverse("spend:import", args=[spend_import.pk]), detail)


def _buyer_panels(user) -> list[Panel]:
    organisation = user.organisation
    imports = SpendImport.objects.filter(buyer=organisation, withdrawn_at__isnull=True)
    span = Payment.objects.filter(buyer=organisation).aggregate(
        first=Min("payment_date"), last=Max("payment_date"), count=Count("pk")
    )
    files = imports.aggregate(count=Count("pk"), rejected=Sum("rows_rejected"))
    summary = ""
    if span["count"]:
        summary = (
            f"{counted(span['count'], 'payment')} from {counted(files['count'], 'file')}, "
            f"paid from {span['first']:%-d %B %Y} to {span['last']:%-d %B %Y}."
        )
    ledger = reverse("spend:ledger", args=[organisation.slug])
    found = [
        Panel(
            "Payment files",
            summary=summary,
            items=[_import_item(i) for i in imports.order_by("-created_at")[:3]],
            actions=[
                ("Upload a payment file", reverse("spend:upload")),
                ("Ledger", ledger),
            ],
            empty=(
                "No payment files yet. Upload your published spend over £500 to see where the "
                "money goes."
            ),
            order=60,
        )
    ]
    if role_of(user) is Role.ANCHOR_ADMIN and span["count"]:
        years = range(financial_year(span["first"]), financial_year(span["last"]) + 1)
        published = set(
            PublishedSummary.objects.filter(buyer=organisation).values_list(
                "financial_year", flat=True
            )
        )
        ready = [year for year in reversed(years) if year not in published]
        found.append(
            Panel(
                "Spend summaries to publish",
                items=[
                    Item(f"The {fy_label(year)} summary", f"{ledger}?year={year}", "Not published")
                    for year in ready[:SHOWN]
                ],
                empty="Every year's summary is published.",
                order=75,
            )
        )
    return found


def _coordinator_panels() -> list[Panel]:
    without = (
        Organisation.objects.network_members()
        .exclude(pk__in=SpendImport.objects.filter(withdrawn_at__isnull=True).values("buyer_id"))
        .order_by("name")
    )
    count = without.count()
    return [
        Panel(
            "Anchors with no payment files",
            summary=f"{counted(count, 'anchor')} of the network." if count else "",
            items=[Item(o.name, o.get_absolute_url()) for o in without[:SHOWN]],
            actions=[("Network comparison", reverse("spend:network"))],
            empty="Every anchor has imported payment files.",
            order=45,
        )
    ]


def home(user) -> list[Panel]:
    role = role_of(user)
    if role in (Role.BUYER, Role.ANCHOR_ADMIN):
        return _buyer_panels(user)
    if role is Role.COORDINATOR:
        return _coordinator_panels()
    return []


def home_figures(user) -> list[Figure]:
    if role_of(user) is not Role.COORDINATOR:
        return []
    with_files = (
        SpendImport.objects.filter(withdrawn_at__isnull=True, buyer__is_network_member=True)
        .values("buyer_id")
        .distinct()
        .count()
    )
    return [
        Figure(
            "Anchors with payment files",
            f"{with_files:,} of {Organisation.objects.network_members().count():,}",
            reverse("spend:ledger_home"),
            order=20,
        )
    ]


def organisation_page(user, organisation) -> dict:
    """Slot "organisation_page": an anchor's published spend summaries, for anyone."""
    if not organisation.is_anchor:
        return {}
    summaries = PublishedSummary.objects.filter(buyer=organisation).order_by("-financial_year")
    return {
        "spend_summaries": [
            (
                fy_label(s.financial_year),
                reverse("spend:published_detail", args=[organisation.slug, s.financial_year]),
            )
            for s in summaries[:SHOWN]
        ]
    }


def my_activity(user) -> list[Panel]:
    if role_of(user) not in (Role.BUYER, Role.ANCHOR_ADMIN, Role.COORDINATOR):
        return []
    imports = SpendImport.objects.filter(imported_by=user).order_by("-created_at")
    return [
        Panel(
            "Payment files you imported",
            items=[_import_item(i) for i in imports[:20]],
            actions=[("All payment files", reverse("spend:imports"))],
            empty="You have not imported a payment file.",
            order=50,
        )
    ]
