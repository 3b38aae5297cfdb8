"""What opportunities add to pages of lower apps (core/panels.py), registered in
OpportunitiesConfig.ready(): the home page's panels, the organisation page's opportunities and
the "My activity" page's saved searches and interest."""

from __future__ import annotations

from datetime import datetime, timedelta
from urllib.parse import urlencode

from django.db.models import F, Q
from django.db.models.functions import Coalesce
from django.urls import reverse
from django.utils import timezone

from core.formatting import fy_label
from core.panels import Figure, Item, Panel, counted
from core.roles import BUYERS, Role, role_of
from network.models import Organisation
from opportunities import capability_profile
from opportunities.models import Interest, Phase, Process, SavedSearch, SupplierProfile
from opportunities.recommend import live, recommended

SHOWN = 5  # items listed in a panel; the rest are a link away
NEW_FOR_DAYS = 7


def _deadline(process) -> str:
    return f"Closes {timezone.localtime(process.deadline):%-d %B %Y at %H:%M}"


def missing_capabilities(profile: SupplierProfile | None, organisation) -> list[str]:
    """What a supplier has not yet said about itself, in words, for the prompt to finish it
    (`capability_profile`, the one definition of a complete profile)."""
    missing = capability_profile.unanswered(capability_profile.of(profile, organisation))
    return [capability_profile.WORDS[question] for question in missing]


def _supplier_panels(user) -> list[Panel]:
    now = timezone.now()
    profile = SupplierProfile.objects.filter(organisation_id=user.organisation_id).first()
    found = []
    missing = missing_capabilities(profile, user.organisation)
    if missing:
        found.append(
            Panel(
                "Finish your capability profile",
                summary=(
                    "Buyers find you, and you are told of opportunities that fit, from what you "
                    f"say your organisation does. Still to tell us: {', '.join(missing)}."
                ),
                actions=[("Set up your capabilities", reverse("opportunities:capabilities_setup"))],
                empty="",
                order=5,
            )
        )
    new = []
    if profile is not None and (profile.cpv_codes or profile.keywords or profile.areas):
        new = recommended(
            profile, live(now).filter(first_published__gte=now - timedelta(days=NEW_FOR_DAYS))
        )
    found.append(
        Panel(
            "New matches",
            summary=(
                f"{counted(len(new), 'opportunity', 'opportunities')} published in the last "
                f"{NEW_FOR_DAYS} days fit{'s' if len(new) == 1 else ''} your capabilities."
                if new
                else ""
            ),
            items=[
                Item(process.title or process.ocid, process.get_absolute_url(), process.buyer_name)
                for process, _match in new[:SHOWN]
            ],
            actions=[("All recommended opportunities", reverse("opportunities:recommended"))],
            empty=f"No new opportunities matching your capabilities in the last {NEW_FOR_DAYS} days.",
            order=10,
        )
    )
    closing = (
        Process.objects.filter(
            interests__organisation_id=user.organisation_id,
            phase=Phase.TENDER,
            deadline__gte=now,
            deadline__lt=now + timedelta(days=7),
        )
        .order_by("deadline")
        .distinct()[:SHOWN]
    )
    found.append(
        Panel(
            "Deadlines this week",
            items=[Item(p.title or p.ocid, p.get_absolute_url(), _deadline(p)) for p in closing],
            empty="None of the opportunities you registered interest in closes this week.",
            actions=[("Everything you registered interest in", reverse("my_activity"))],
            order=20,
        )
    )
    return found


def _buyer_panels(user) -> list[Panel]:
    now = timezone.now()
    organisation = user.organisation
    open_ones = Process.objects.open(now).filter(buyer=organisation)
    planned = Process.objects.filter(buyer=organisation, phase=Phase.PLANNED)
    interests = Interest.objects.filter(
        process__buyer=organisation, created_at__gte=now - timedelta(days=NEW_FOR_DAYS)
    )
    open_count, planned_count, interest_count = (
        open_ones.count(),
        planned.count(),
        interests.count(),
    )
    search = reverse("opportunities:opportunities")
    items = []
    if interest_count:
        # The newest registration, said outright: the latest time, then the latest made.
        newest = interests.select_related("process").order_by("-created_at", "-pk").first()
        items.append(
            Item(
                f"{counted(interest_count, 'supplier registration')} of interest in the last "
                f"{NEW_FOR_DAYS} days",
                reverse("opportunities:opportunity", args=[newest.process.ocid]),
                "The newest; each opportunity's page lists who registered.",
            )
        )
    for process in open_ones.order_by("deadline")[:SHOWN]:
        items.append(
            Item(process.title or process.ocid, process.get_absolute_url(), _deadline(process))
        )
    return [
        Panel(
            f"{organisation.name}'s opportunities",
            summary=(
                f"{counted(open_count, 'opportunity', 'opportunities')} open and "
                f"{planned_count:,} in the pipeline."
            ),
            items=items,
            actions=[
                (
                    "All open",
                    f"{search}?{urlencode({'buyer': organisation.slug, 'status': 'open'})}",
                ),
                ("Pipeline", reverse("opportunities:pipeline") + "?anchors_only=on"),
            ],
            empty="No open opportunities.",
            order=20,
        )
    ]


def home(user) -> list[Panel]:
    role = role_of(user)
    if role is Role.SUPPLIER:
        return _supplier_panels(user)
    if role in (Role.BUYER, Role.ANCHOR_ADMIN):
        return _buyer_panels(user)
    return []


def home_figures(user) -> list[Figure]:
    if role_of(user) is not Role.COORDINATOR:
        return []
    open_count = Process.objects.open().filter(buyer__is_network_member=True).count()
    return [
        Figure(
            "Open opportunities from anchors",
            f"{open_count:,}",
            reverse("opportunities:opportunities") + "?status=open",
            order=30,
        )
    ]


def coordinator_home(user) -> list[Panel]:
    """Anchors that have published no notice the platform has loaded."""
    if role_of(user) is not Role.COORDINATOR:
        return []
    without = (
        Organisation.objects.network_members()
        .exclude(pk__in=Process.objects.filter(buyer__isnull=False).values("buyer_id"))
        .order_by("name")
    )
    return [
        Panel(
            "Anchors with no notices loaded",
            summary=f"{counted(without.count(), 'anchor')} of the network." if without else "",
            items=[Item(o.name, o.get_absolute_url()) for o in without[:SHOWN]],
            empty="Every anchor has notices loaded.",
            order=40,
        )
    ]


def _financial_year(day) -> int:
    """The financial year (April to March) a day falls in, by the year it starts."""
    return day.year if day.month >= 4 else day.year - 1


def _year_start(year: int) -> datetime:
    return datetime(year, 4, 1, tzinfo=timezone.get_current_timezone())


def organisation_page(user, organisation) -> dict:
    """Slot "organisation_page": what an anchor is buying now (open) and soon (planned)."""
    if not organisation.is_anchor:
        return {}
    open_ones = Process.objects.open().filter(buyer=organisation).order_by("deadline")
    # Plans are shown from the current financial year on: a plan's year is its expected tender
    # date's, else (a pipeline notice without dates) its publication's. Past years' plans are
    # shown only when nothing newer is published, and said to be past.
    year = _financial_year(timezone.localdate())
    year_start = _year_start(year)
    plans = Process.objects.filter(buyer=organisation, phase=Phase.PLANNED)
    current = (
        Q(expected_tender_date__gte=year_start)
        | Q(expected_tender_date__isnull=True, first_published__gte=year_start)
        | Q(expected_tender_date__isnull=True, first_published__isnull=True)
    )
    planned = plans.filter(current).order_by(F("expected_tender_date").asc(nulls_last=True))
    past_plans, past_year = [], None
    if not planned.exists():
        dated = plans.exclude(current).annotate(
            planned_for=Coalesce("expected_tender_date", "first_published")
        )
        latest = dated.order_by("-planned_for").first()
        if latest is not None:
            past_year = _financial_year(timezone.localtime(latest.planned_for).date())
            start = _year_start(past_year)
            past_plans = list(dated.filter(planned_for__gte=start).order_by("planned_for")[:SHOWN])
    search = reverse("opportunities:opportunities")
    return {
        "buying_now": list(open_ones[:SHOWN]),
        "buying_now_count": open_ones.count(),
        "buying_now_url": f"{search}?{urlencode({'buyer': organisation.slug, 'status': 'open'})}",
        "buying_soon": list(planned[:SHOWN]),
        "buying_soon_count": planned.count(),
        "plans_year": fy_label(year),
        "past_plans": past_plans,
        "past_plans_year": fy_label(past_year) if past_year is not None else "",
        "pipeline_url": reverse("opportunities:pipeline") + "?anchors_only=on",
        "all_notices_url": f"{search}?{urlencode({'buyer': organisation.slug})}",
    }


def my_activity(user) -> list[Panel]:
    searches = SavedSearch.objects.filter(user=user).order_by("-created_at")
    found = [
        Panel(
            "Saved searches",
            items=[
                Item(
                    s.name,
                    f"{reverse('opportunities:opportunities')}?{s.query}",
                    "Alerts on" if s.alerts_enabled else "Alerts off",
                )
                for s in searches[:20]
            ],
            actions=[("Manage saved searches", reverse("opportunities:saved_searches"))],
            empty="You have not saved a search. Search the opportunities and save the search.",
            order=10,
        )
    ]
    if user.organisation_id and role_of(user) not in BUYERS:
        interests = Interest.objects.filter(organisation_id=user.organisation_id).select_related(
            "process"
        )
        found.append(
            Panel(
                "Interest registered in opportunities",
                items=[
                    Item(
                        i.process.title or i.process.ocid,
                        i.process.get_absolute_url(),
                        f"Registered {timezone.localtime(i.created_at):%-d %B %Y}",
                    )
                    for i in interests[:20]
                ],
                empty="Your organisation has not registered interest in an opportunity.",
                order=20,
            )
        )
    return found
