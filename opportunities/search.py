"""Opportunity search: one function for the web page, the API, the command and the benchmark.

On PostgreSQL: weighted full text (title > buyer and lots > description) with a GIN index, ranked
with ts_rank_cd. On SQLite (demo and tests): every word must appear; title matches rank first.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta
from decimal import Decimal
from functools import cached_property

from django.contrib.postgres.search import SearchQuery, SearchRank
from django.core.paginator import Paginator
from django.db import connection
from django.db.models import Case, Exists, F, IntegerField, OuterRef, Q, QuerySet, Value, When
from django.db.models.functions import Coalesce
from django.utils import timezone

from opportunities.models import Notice, Phase, Process, ProcessCpv
from reference.cpv import significant_prefix

STATUSES = {
    "planned": "Planned",
    "open": "Open",
    "closing": "Closing within 7 days",
    "closed": "Closed, not awarded",
    "awarded": "Awarded",
    "cancelled": "Cancelled",
}
VALUE_BANDS = {
    "under-30k": ("Under £30,000", None, Decimal(30_000)),
    "30k-100k": ("£30,000 to £100,000", Decimal(30_000), Decimal(100_000)),
    "100k-500k": ("£100,000 to £500,000", Decimal(100_000), Decimal(500_000)),
    "500k-2m": ("£500,000 to £2 million", Decimal(500_000), Decimal(2_000_000)),
    "over-2m": ("Over £2 million", Decimal(2_000_000), None),
}
PROCEDURES = {
    "open": "Open",
    "selective": "Selective (restricted or competitive flexible)",
    "limited": "Limited",
    "direct": "Direct award",
}
LIST_DEFERRED = (
    "compiled",
    "search_vector",
    "description",
    "search_text",
    "delivery_text",
    "buyer__description",
)
SORTS = {
    "relevance": "Best match",
    "deadline": "Closing soonest",
    "value": "Highest value",
    "date": "Newest",
}


@dataclass
class OpportunitySearch:
    text: str = ""
    statuses: list[str] = field(default_factory=list)
    cpv: list[str] = field(default_factory=list)
    buyer: str = ""  # network organisation slug, or words in the buyer's name
    anchors_only: bool = False
    location: str = ""
    value_band: str = ""
    procedure: str = ""
    notice_type: str = ""
    sme: bool = False
    vcse: bool = False
    threshold: str = ""  # "above" or "below"
    deadline_from: date | None = None
    deadline_to: date | None = None
    sort: str = "relevance"


def _day_start(day: date) -> datetime:
    return timezone.make_aware(datetime.combine(day, time.min))


def filtered(query: OpportunitySearch, now: datetime | None = None) -> QuerySet:
    now = now or timezone.now()
    processes = Process.objects.all()
    if query.statuses:
        conditions = Q()
        for status in query.statuses:
            if status == "planned":
                conditions |= Q(phase=Phase.PLANNED)
            elif status == "open":
                conditions |= Q(phase=Phase.TENDER) & (
                    Q(deadline__gte=now) | Q(deadline__isnull=True)
                )
            elif status == "closing":
                conditions |= Q(
                    phase=Phase.TENDER, deadline__gte=now, deadline__lte=now + timedelta(days=7)
                )
            elif status == "closed":
                conditions |= Q(phase=Phase.TENDER, deadline__lt=now)
            elif status in ("awarded", "cancelled"):
                conditions |= Q(phase=status)
        processes = processes.filter(conditions)
    if query.cpv:
        within = Q()
        for code in query.cpv:
            within |= Q(code__startswith=significant_prefix(code))
        processes = processes.filter(
            Exists(ProcessCpv.objects.filter(within, process=OuterRef("pk")))
        )
    if query.buyer:
        processes = processes.filter(
            Q(buyer__slug=query.buyer) | Q(buyer_name__icontains=query.buyer)
        )
    if query.anchors_only:
        processes = processes.filter(buyer__is_network_member=True)
    if query.location:
        processes = processes.filter(
            Q(delivery_text__icontains=query.location)
            | Q(buyer_postcode__istartswith=query.location)
        )
    if query.value_band in VALUE_BANDS:
        _label, low, high = VALUE_BANDS[query.value_band]
        processes = processes.annotate(_value=Coalesce("value", "value_gross"))
        if low is not None:
            processes = processes.filter(_value__gte=low)
        if high is not None:
            processes = processes.filter(_value__lt=high)
    if query.procedure:
        processes = processes.filter(procedure=query.procedure)
    if query.notice_type:
        processes = processes.filter(
            Exists(Notice.objects.filter(process=OuterRef("pk"), notice_type=query.notice_type))
        )
    if query.sme:
        processes = processes.filter(Q(sme_suitable=True) | Q(reserved_for_sme_vcse=True))
    if query.vcse:
        processes = processes.filter(Q(vcse_suitable=True) | Q(reserved_for_sme_vcse=True))
    if query.threshold in ("above", "below"):
        processes = processes.filter(above_threshold=query.threshold == "above")
    if query.deadline_from:
        processes = processes.filter(deadline__gte=_day_start(query.deadline_from))
    if query.deadline_to:
        processes = processes.filter(deadline__lt=_day_start(query.deadline_to + timedelta(days=1)))
    return processes


def _with_text(processes: QuerySet, text: str) -> QuerySet:
    if connection.vendor == "postgresql":
        tsquery = SearchQuery(text, search_type="websearch", config="english")
        return processes.filter(search_vector=tsquery).annotate(
            rank=SearchRank(F("search_vector"), tsquery, cover_density=True)
        )
    words = [word for word in text.split() if word.strip('"')]
    for word in words:
        word = word.strip('"')
        processes = processes.filter(
            Q(title__icontains=word)
            | Q(search_text__icontains=word)
            | Q(description__icontains=word)
        )
    score = Value(0, output_field=IntegerField())
    for word in words:
        word = word.strip('"')
        score = score + Case(
            When(title__icontains=word, then=Value(3)),
            default=Value(0),
            output_field=IntegerField(),
        )
        score = score + Case(
            When(search_text__icontains=word, then=Value(2)),
            default=Value(0),
            output_field=IntegerField(),
        )
    return processes.annotate(rank=score)


def search(query: OpportunitySearch, now: datetime | None = None) -> QuerySet:
    processes = filtered(query, now)
    text = query.text.strip()
    if text:
        processes = _with_text(processes, text)
    sort = query.sort if query.sort in SORTS else "relevance"
    if sort == "relevance" and text:
        ordering = [F("rank").desc(), F("first_published").desc(nulls_last=True)]
    elif sort == "deadline":
        ordering = [F("deadline").asc(nulls_last=True)]
    elif sort == "value":
        ordering = [Coalesce("value", "value_gross").desc(nulls_last=True)]
    else:
        ordering = [F("first_published").desc(nulls_last=True)]
    # Lists never show these; leaving them out keeps the rows that are ranked and sorted narrow.
    return processes.order_by(*ordering, "id").select_related("buyer").defer(*LIST_DEFERRED)


class EstimatingPaginator(Paginator):
    """Counts exactly up to EXACT_UP_TO results; beyond that, PostgreSQL's planner estimate is used
    (the page says "about"), because counting half a million matches costs more than the search."""

    EXACT_UP_TO = 10_000
    estimated = False

    @cached_property
    def count(self) -> int:
        self.estimated = False
        if connection.vendor == "postgresql" and hasattr(self.object_list, "query"):
            sql, params = self.object_list.order_by().values("pk").query.sql_with_params()
            with connection.cursor() as cursor:
                cursor.execute("EXPLAIN (FORMAT JSON) " + sql, params)
                estimate = int(cursor.fetchone()[0][0]["Plan"]["Plan Rows"])
            if estimate > self.EXACT_UP_TO * 2:
                exact = self.object_list.order_by()[: self.EXACT_UP_TO + 1].count()
                if exact > self.EXACT_UP_TO:
                    self.estimated = True
                    return max(estimate, exact)
                return exact
        return super().count


def search_page(query: OpportunitySearch, page: int | str = 1, per_page: int = 20, now=None):
    return EstimatingPaginator(search(query, now), per_page).get_page(page)
