"""What a KPI's source reads, from the database: for one KPI's subject (an anchor, or a programme:
its partner anchors and the challenges it tackles) and one period, the `Inputs` its pure source
function (`programmes/kpi_sources/`) computes over. Each source reads only what it needs:

- the ledger's payments table (`spend.ledger.payments_frame`, the payees' own facts, each anchor
  judged against its own local authority), the payments dated in the period;
- the scorecard's tables (`scorecard.gathering.tables_for`): one anchor's, or every buyer's
  sliced to the partner anchors (`scorecard.slicing.only`), as the comparison does;
- dated events: challenges published and awarded, adoptions, cases, suppliers signing up,
  alerts sent;
- people's results of a manual KPI.

Also the questions views ask of a user and a KPI (who sees and changes it, `kpi_rules.py` and
`programmes/rules.py` asked of database records).
"""

from __future__ import annotations

from datetime import date

from django.db.models import Min, Q
from django.utils import timezone

from challenges.lifecycle import PUBLIC, Status
from challenges.models import Adoption, Challenge, StatusChange
from network.models import Organisation
from opportunities.models.profiles import AlertSent
from programmes import access, kpi_rules
from programmes.kpi_sources import SOURCES, Event, Inputs, ManualEntry, Period, period_for
from programmes.models import Kpi, Programme
from reference.geography import locate
from spend.ledger import Homes, payee_facts, payments_frame
from spend.models import Payee, Payment


def anchors_of(kpi: Kpi) -> list[Organisation]:
    """The anchors a KPI is measured over: the anchor itself, or the programme's partner anchors."""
    if kpi.organisation_id:
        return [kpi.organisation]
    return [
        partner.organisation
        for partner in kpi.programme.partners.select_related("organisation")
        if partner.organisation_id and partner.organisation.is_anchor
    ]


def subject_words(kpi: Kpi, anchors: list[Organisation]) -> str:
    if kpi.organisation_id:
        return kpi.organisation.name
    count = len(anchors)
    return f"{kpi.programme.title}: {count} partner anchor{'' if count == 1 else 's'}"


def period_of(kpi: Kpi, end: date) -> Period:
    return period_for(kpi.window, end, kpi.baseline_date)


def _day(moment) -> date | None:
    if moment is None:
        return None
    return timezone.localdate(moment) if timezone.is_aware(moment) else moment.date()


def _challenges(kpi: Kpi, anchor_ids: list[int]):
    if kpi.programme_id:
        return kpi.programme.challenges.all()
    return Challenge.objects.filter(Q(owner_id__in=anchor_ids) | Q(co_owners__in=anchor_ids))


def _owners(challenges) -> dict[int, frozenset[int]]:
    owners: dict[int, set[int]] = {}
    for pk, owner, co_owner in challenges.values_list("pk", "owner_id", "co_owners"):
        owners.setdefault(pk, set()).add(owner)
        if co_owner is not None:
            owners[pk].add(co_owner)
    return {pk: frozenset(ids) for pk, ids in owners.items()}


def events_for(kpi: Kpi, anchors: list[Organisation], period: Period) -> list[Event]:
    """The dated events the KPI's activity source counts (its pure function picks the period)."""
    ids = [anchor.pk for anchor in anchors]
    key = kpi.source
    if key == "challenges_published":
        chosen = _challenges(kpi, ids).filter(status__in=[s.value for s in PUBLIC]).distinct()
        return [
            Event(_day(at), title)
            for at, title in chosen.values_list("published_at", "title")
            if at is not None
        ]
    if key == "challenges_awarded":
        chosen = _challenges(kpi, ids).filter(status=Status.AWARDED.value).distinct()
        recorded = dict(
            StatusChange.objects.filter(challenge__in=chosen, to_status=Status.AWARDED.value)
            .values("challenge_id")
            .annotate(at=Min("at"))
            .values_list("challenge_id", "at")
        )
        return [
            Event(award_date or _day(recorded.get(pk)), title)
            for pk, award_date, title in chosen.values_list("pk", "award_date", "title")
            if award_date or recorded.get(pk)
        ]
    if key == "adoptions_by_others":
        chosen = _challenges(kpi, ids).distinct()
        owners = _owners(chosen)
        return [
            Event(on, name, organisation_id, owners.get(challenge_id, frozenset()))
            for on, name, organisation_id, challenge_id in Adoption.objects.filter(
                challenge__in=chosen
            ).values_list("adopted_on", "organisation__name", "organisation_id", "challenge_id")
        ]
    if key == "cases_shared":
        from cases.models import Case  # noqa: PLC0415 (cases sits below; read only here)

        cases = Case.objects.filter(status="published").exclude(level="private")
        if kpi.programme_id:
            cases = cases.filter(challenges__in=kpi.programme.challenges.all())
        else:
            cases = cases.filter(Q(organisation_id__in=ids) | Q(buyers__in=ids))
        return [
            Event(_day(at), title)
            for at, title in cases.distinct().values_list("published_at", "title")
            if at is not None
        ]
    if key == "suppliers_registered":
        signed_up = (
            Organisation.objects.suppliers()
            .annotate(joined=Min("members__date_joined"))
            .filter(joined__isnull=False)
        )
        if period.start is not None:
            signed_up = signed_up.filter(joined__date__gte=period.start)
        signed_up = signed_up.filter(joined__date__lte=period.end)
        events = []
        for name, postcode, joined in signed_up.values_list(
            "name", "registered_postcode", "joined"
        ):
            place = locate(postcode) if postcode else None
            events.append(Event(_day(joined), name, place=place.local_authority if place else None))
        return events
    if key == "alerts_sent":
        sent = AlertSent.objects.filter(process__buyer_id__in=ids)
        if period.start is not None:
            sent = sent.filter(sent_at__date__gte=period.start)
        return [
            Event(_day(at))
            for at in sent.filter(sent_at__date__lte=period.end).values_list("sent_at", flat=True)
        ]
    return []


def payments_for(anchors: list[Organisation], period: Period):
    """The ledger's payments table for the anchors' payments dated in the period."""
    ids = [anchor.pk for anchor in anchors]
    chosen = Payment.objects.filter(buyer_id__in=ids, payment_date__lte=period.end)
    if period.start is not None:
        chosen = chosen.filter(payment_date__gte=period.start)
    return payments_frame(
        payments=chosen, facts=payee_facts(Payee.objects.filter(buyer_id__in=ids))
    )


def tables_for(anchors: list[Organisation], period: Period):
    """The scorecard's tables for one anchor, or every buyer's sliced to the anchors."""
    from scorecard import gathering, slicing  # noqa: PLC0415 (heavy: only for practice KPIs)

    if len(anchors) == 1:
        return gathering.tables_for(
            gathering.organisation_buyer(anchors[0]), period.start, period.end
        )
    every = gathering.tables_for(None, period.start, period.end)
    return slicing.only(every, [f"org:{anchor.pk}" for anchor in anchors])


def results_for(kpi: Kpi) -> list[ManualEntry]:
    entries = []
    for result in kpi.results.prefetch_related("files").order_by("period_end", "entered_at"):
        files = [f.original_name for f in result.files.all()]
        evidence = "; ".join(
            [*(f"a file ({name})" for name in files), *(["a link"] if result.evidence_link else [])]
        )
        entries.append(ManualEntry(result.period_end, result.value, evidence))
    return entries


def data_note(anchors: list[Organisation], needs: str, period: Period | None = None) -> str:
    """The state of the data read, in words, kept with the snapshot: for the ledger, how many
    payments there are and the latest's date (and when that is before the period's end, that
    the figure covers only part of the period)."""
    ids = [anchor.pk for anchor in anchors]
    if needs == "payments":
        latest = Payment.objects.filter(buyer_id__in=ids).order_by("-payment_date").first()
        count = Payment.objects.filter(buyer_id__in=ids).count()
        if latest is None:
            return "No payments imported yet"
        said = f"{count:,} payments imported, the latest dated {latest.payment_date:%d %B %Y}"
        if period is not None and latest.payment_date < period.end:
            said += ": the figure covers only the part of the period with payments imported"
        return said
    if needs == "scorecard":
        from opportunities.models import Release  # noqa: PLC0415

        latest = Release.objects.order_by("-date").values_list("date", flat=True).first()
        return f"Notices loaded up to {_day(latest):%d %B %Y}" if latest else "No notices loaded"
    return f"Read on {timezone.localdate():%d %B %Y}"


def inputs_for(kpi: Kpi, end: date) -> Inputs:
    """Everything the KPI's source needs for the period ending `end`."""
    item = SOURCES[kpi.source]
    anchors = anchors_of(kpi)
    period = period_of(kpi, end)
    inputs = Inputs(period, subject_words(kpi, anchors), dict(kpi.parameters or {}))
    if item.needs == "payments" and anchors:
        inputs.payments = payments_for(anchors, period)
    elif item.needs == "scorecard" and anchors:
        inputs.tables = tables_for(anchors, period)
    elif item.needs == "events":
        inputs.events = events_for(kpi, anchors, period)
        homes = Homes.of([anchor.pk for anchor in anchors]).by_buyer
        inputs.homes = frozenset(code for code in homes.values() if code)
    elif item.needs == "results":
        inputs.results = results_for(kpi)
    inputs.data_note = data_note(anchors, item.needs, period)
    return inputs


# Who sees and changes KPIs (kpi_rules.py and programmes/rules.py asked of records).


def can_see(user, kpi_owner) -> bool:
    if isinstance(kpi_owner, Programme):
        return access.can_see(user, kpi_owner)
    return kpi_rules.can_see_anchor_kpis(access.viewer_of(user))


def can_manage(user, kpi_owner) -> bool:
    if isinstance(kpi_owner, Programme):
        return access.can_manage(user, kpi_owner)
    return kpi_rules.can_manage_anchor_kpis(access.viewer_of(user), kpi_owner.pk)


def can_enter_results(user, kpi_owner) -> bool:
    if isinstance(kpi_owner, Programme):
        return access.can_contribute(user, kpi_owner)
    return kpi_rules.can_enter_anchor_results(access.viewer_of(user), kpi_owner.pk)


def can_take_snapshots(user) -> bool:
    return kpi_rules.can_take_snapshots(access.viewer_of(user))


def owner_of(kpi: Kpi):
    return kpi.programme if kpi.programme_id else kpi.organisation
