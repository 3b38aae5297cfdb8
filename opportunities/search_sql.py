"""A search's filters stated in SQL (a network area of any kind but postcodes through the ids
area_search.py placed): the benchmark's naive baseline (bench/bench_search.py) uses it,
and a test checks the search index agrees with it."""

from __future__ import annotations

import re
from datetime import datetime, timedelta

from django.db.models import Exists, OuterRef, Q, QuerySet, TextField
from django.db.models.functions import Cast, Coalesce
from django.utils import timezone

from opportunities import area_search
from opportunities.models import Notice, Phase, Process, ProcessCpv
from opportunities.search_request import (
    VALUE_BANDS,
    OpportunitySearch,
    day_end,
    day_start,
)
from reference import places
from reference.cpv import significant_prefix


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
        processes = processes.annotate(
            _regions=Cast("delivery_regions", TextField()),
            _postcodes=Cast("delivery_postcodes", TextField()),
        ).filter(_location_sql(query.location))
    if query.area:
        processes = _area_sql(processes, query.area)
    if query.value_band in VALUE_BANDS:
        _label, low, high = VALUE_BANDS[query.value_band]
        processes = processes.annotate(_value=Coalesce("value", "value_gross"))
        if low is not None:
            processes = processes.filter(_value__gte=low)
        if high is not None:
            processes = processes.filter(_value__lt=high)
    if query.awarded_min is not None or query.awarded_max is not None:
        processes = processes.annotate(_awarded=Coalesce("awarded_value", "awarded_value_gross"))
        if query.awarded_min is not None:
            processes = processes.filter(_awarded__gte=query.awarded_min)
        if query.awarded_max is not None:
            processes = processes.filter(_awarded__lte=query.awarded_max)
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
        processes = processes.filter(deadline__gte=day_start(query.deadline_from))
    if query.deadline_to:
        processes = processes.filter(deadline__lt=day_end(query.deadline_to))
    return processes


def _area_sql(processes: QuerySet, slug: str) -> QuerySet:
    """Delivered in a network area: a postcode area by its districts and sectors over the
    postcodes stated (else the buyer's, when no place is stated); another kind by the ids
    area_search placed."""
    area = area_search.find(slug)
    if area is None:
        return processes.none()
    found = area_search.prepared(area)
    if found.inside_ids is not None:
        return processes.filter(pk__in=sorted(found.inside_ids))
    options = []
    for member in area.members:
        district, _, digit = member.partition(" ")
        inward = f"{re.escape(digit)}[A-Z]{{2}}" if digit else "[0-9][A-Z]{2}"
        options.append(f"{re.escape(district)} ?{inward}")
    if not options:
        return processes.none()
    postcode = "(" + "|".join(options) + ")"
    processes = processes.annotate(
        _area_regions=Cast("delivery_regions", TextField()),
        _area_postcodes=Cast("delivery_postcodes", TextField()),
    )
    unstated = Q(_area_regions="[]", _area_postcodes="[]")
    return processes.filter(
        Q(_area_postcodes__iregex=f'"{postcode}"')
        | (unstated & Q(buyer_postcode__iregex=f"^{postcode}$"))
    )


def _alternatives(values) -> str:
    return "|".join(re.escape(value) for value in sorted(values, key=len, reverse=True))


def _location_sql(location: str) -> Q:
    """The location filter over the regions and postcodes a process states (their JSON text,
    where each value is quoted) and, when it states none, the buyer's postcode. Postcodes are
    placed by their district's main local authority here, by the postcode directory in the index:
    they differ only for the few postcodes of a district split between local authorities."""
    place = places.resolve(location)
    if place is None:
        return Q(delivery_text__icontains=location) | Q(buyer_postcode__istartswith=location)
    forms = places.stated_forms(place)
    stated = Q(_regions__iregex=f'"({_alternatives(forms.inside_names + forms.wider_names)})"')
    if forms.inside_code_prefixes:
        stated |= Q(
            _regions__iregex=f'"({_alternatives(forms.inside_code_prefixes)})[0-9A-Z]{{0,3}}"'
        )
    if not forms.inside_postcodes:
        return stated
    districts = [p for p in forms.inside_postcodes if " " not in p and p[-1].isdigit()]
    options = []
    if districts:
        options.append(f"({_alternatives(districts)}) ?[0-9][A-Z]{{2}}")
    for prefix in forms.inside_postcodes:
        if prefix in districts:
            continue
        if " " in prefix:  # a sector (B1 1) or a whole postcode (B1 1AA)
            district, inward = prefix.split(" ")
            rest = "[A-Z]{2}" if len(inward) == 1 else ""
            options.append(f"{re.escape(district)} ?{re.escape(inward)}{rest}")
        else:  # a postcode area (B): its letters, then a district's digit
            options.append(f"{re.escape(prefix)}[0-9][0-9A-Z]? ?[0-9][A-Z]{{2}}")
    postcode = "(" + "|".join(options) + ")"
    unstated = Q(_regions="[]", _postcodes="[]")
    return (
        stated
        | Q(_postcodes__iregex=f'"{postcode}"')
        | (unstated & Q(buyer_postcode__iregex=f"^{postcode}$"))
    )
