"""The scorecard's inputs read from the database: which buyers the notices name, and one buyer's
releases (with the period marked), awards' suppliers as the ledger knows them, and payments.

A buyer is the buyer of a contracting process as compiled (`opportunities.Process`): linked to a
network organisation by identifier first, then by name, when loading (opportunities/compiling.py);
else known by its first published identifier (a PPON, say), else by its name. Every release of a
process counts for that process's buyer.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, time

from django.db.models import Q
from django.utils import timezone

from network.models import Organisation
from opportunities.models import Process, Release
from opportunities.ocid_prefixes import SAMPLE_PREFIX
from scorecard import notice_table
from scorecard.notice_table import Tables
from suppliers.names import normalise_name


@dataclass(frozen=True)
class Buyer:
    """A buyer as the scorecard knows it: `key` org:<pk>, <SCHEME>:<id> or name:<normalised>."""

    key: str
    name: str
    organisation_id: int | None = None
    organisation_slug: str = ""

    @property
    def is_network(self) -> bool:
        return self.organisation_id is not None


def buyer_of(process: dict, organisations: dict[int, tuple[str, str]]) -> Buyer:
    """The buyer of one process (a dict of Process's buyer fields)."""
    if process["buyer_id"] is not None and process["buyer_id"] in organisations:
        name, slug = organisations[process["buyer_id"]]
        return Buyer(f"org:{process['buyer_id']}", name, process["buyer_id"], slug)
    if process["buyer_scheme"] and process["buyer_identifier"]:
        key = f"{process['buyer_scheme'].upper()}:{process['buyer_identifier'].upper()}"
        return Buyer(key, process["buyer_name"] or key)
    name = process["buyer_name"] or "Buyer not named"
    return Buyer(f"name:{normalise_name(name) or name.lower()}", name)


BUYER_FIELDS = ("ocid", "buyer_id", "buyer_scheme", "buyer_identifier", "buyer_name")


def _organisations() -> dict[int, tuple[str, str]]:
    return {
        pk: (name, slug)
        for pk, name, slug in Organisation.objects.values_list("pk", "name", "slug")
    }


def process_buyers(processes=None) -> dict[str, Buyer]:
    """{ocid: Buyer} for every process (or those chosen)."""
    organisations = _organisations()
    chosen = Process.objects.all() if processes is None else processes
    return {row["ocid"]: buyer_of(row, organisations) for row in chosen.values(*BUYER_FIELDS)}


def buyers() -> list[Buyer]:
    """Every buyer the notices name, network organisations first, then by name."""
    found = {buyer.key: buyer for buyer in process_buyers().values()}
    return sorted(found.values(), key=lambda b: (not b.is_network, b.name.lower(), b.key))


def find_buyer(text: str) -> Buyer | None:
    """The buyer a person names: a network organisation by slug or name (exact, then contained),
    else a buyer in the notices by its key or name."""
    text = text.strip()
    if not text:
        return None
    organisation = (
        Organisation.objects.filter(Q(slug=text) | Q(name__iexact=text)).first()
        or Organisation.objects.anchors().filter(name__icontains=text).order_by("name").first()
    )
    if organisation is not None:
        return Buyer(
            f"org:{organisation.pk}", organisation.name, organisation.pk, organisation.slug
        )
    wanted = normalise_name(text)
    for buyer in buyers():
        if buyer.key.upper() == text.upper() or normalise_name(buyer.name) == wanted:
            return buyer
    return None


def organisation_buyer(organisation: Organisation) -> Buyer:
    return Buyer(f"org:{organisation.pk}", organisation.name, organisation.pk, organisation.slug)


def _bounds(since: date | None, until: date | None) -> tuple[datetime | None, datetime | None]:
    zone = timezone.get_current_timezone()
    start = timezone.make_aware(datetime.combine(since, time.min), zone) if since else None
    end = timezone.make_aware(datetime.combine(until, time.max), zone) if until else None
    return start, end


def releases_of(
    buyer: Buyer | None, since: date | None, until: date | None
) -> Iterator[tuple[dict, str, str, bool, bool]]:
    """(release data, buyer key, buyer name, in period, sample) for every release of the buyer's
    processes (every buyer's when `buyer` is None) dated up to `until`; those before `since` are
    given with in_period False, for look-backs (a UK2 before the UK4, suppliers new to the buyer)."""
    owners = process_buyers()
    wanted = {ocid for ocid, owner in owners.items() if buyer is None or owner.key == buyer.key}
    start, end = _bounds(since, until)
    chosen = Release.objects.all()
    if end is not None:
        chosen = chosen.filter(date__lte=end)
    if buyer is not None:
        chosen = chosen.filter(ocid__in=wanted)
    for ocid, data, when in (
        chosen.order_by("date", "pk").values_list("ocid", "data", "date").iterator(chunk_size=500)
    ):
        owner = owners.get(ocid)
        if owner is None:
            continue
        yield (
            data,
            owner.key,
            owner.name,
            start is None or when >= start,
            ocid.startswith(SAMPLE_PREFIX),
        )


def tables_for(buyer: Buyer | None, since: date | None, until: date | None) -> Tables:
    """The scorecard's tables for one buyer (every buyer when None) over the period."""
    return notice_table.tables(releases_of(buyer, since, until), settings=settings_for(buyer))


def settings_for(buyer: Buyer | None) -> dict:
    """What indicators need to know of the buyer beyond its notices: its kind (for thresholds)."""
    kind = None
    if buyer is not None and buyer.organisation_id is not None:
        kind = (
            Organisation.objects.filter(pk=buyer.organisation_id)
            .values_list("kind", flat=True)
            .first()
        )
    return {"buyer_kind": kind}
