"""The places of a payee or a supplier (issue 19), gathered once for the ledger's rings, the
areas' SME pages and the scorecard's awards in each ring, so that all three agree: an
organisation's registered and sites' postcodes (`site_postcodes`), a supplier register entry's
postcodes (its own, those of entries merged into it, its network profile's and sites';
`supplier_postcodes`), and those postcodes as places (`supplier_places`, through
registers/areas.where and the pure reference/area_rules.places_of: a postcode that cannot be
read is kept as a place not known). A payee's places are spend/ledger.payee_places. I/O: a few
queries, one per thousand postcodes placed."""

from __future__ import annotations

from collections.abc import Iterable

from django.db.models import Q

from network.models import Organisation
from reference.area_rules import Where, places_of
from registers import areas as area_places
from suppliers.models import Supplier


def site_postcodes(organisation: Organisation) -> list[str]:
    """An organisation's registered postcode and its sites' postcodes, as written (give
    organisations with their sites prefetched to read them without a query each)."""
    found = [organisation.registered_postcode]
    found += [site.postcode for site in organisation.sites.all()]
    return list(dict.fromkeys(postcode for postcode in found if postcode))


def supplier_postcodes(supplier_ids: Iterable[int]) -> dict[int, list[str]]:
    """Supplier register entry → its postcodes as written: its own and those of entries merged
    into it, and its network profile's registered and sites' postcodes (site_postcodes)."""
    ids = sorted({pk for pk in supplier_ids if pk is not None})
    found: dict[int, list[str]] = {pk: [] for pk in ids}
    profiles: dict[int, list[int]] = {}
    entries = Supplier.objects.filter(Q(pk__in=ids) | Q(merged_into_id__in=ids)).values_list(
        "pk", "merged_into_id", "postcode", "organisation_id"
    )
    for pk, merged_into, postcode, organisation in entries.iterator(chunk_size=2000):
        owner = pk if pk in found else merged_into
        if owner not in found:
            continue
        if postcode:
            found[owner].append(postcode)
        if organisation is not None:
            profiles.setdefault(organisation, []).append(owner)
    if profiles:
        for organisation in Organisation.objects.filter(pk__in=profiles).prefetch_related("sites"):
            for owner in profiles[organisation.pk]:
                found[owner] += site_postcodes(organisation)
    return {pk: list(dict.fromkeys(postcodes)) for pk, postcodes in found.items() if postcodes}


def supplier_places(
    supplier_ids: Iterable[int], more: Iterable[str] = ()
) -> tuple[dict[str, Where], dict[int, list[Where]]]:
    """(where each postcode is, normalised postcode → Where, for the entries' postcodes and
    `more`; register entry → its places), one look-up for all."""
    postcodes = supplier_postcodes(supplier_ids)
    every = area_places.where([*more, *(p for found in postcodes.values() for p in found)])
    return every, {pk: places_of(found, every) for pk, found in postcodes.items()}
