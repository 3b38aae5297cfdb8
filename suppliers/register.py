"""Find or add suppliers in the shared register. Identifiers decide when present; otherwise the
exact normalised name among suppliers without an identifier. (Probabilistic linkage comes with the
spend capability.)"""

from suppliers.models import Supplier
from suppliers.names import normalise_name


class SupplierRegister:
    """Caches look-ups for one load, so a batch costs few queries."""

    def __init__(self):
        self._cache: dict[tuple[str, str, str], Supplier] = {}

    def resolve_many(
        self, entries: list[tuple[str, str, str, str, object, str]]
    ) -> dict[tuple[str, str, str], int]:
        """(name, scheme, identifier, scale, vcse, postcode) for many suppliers at once: a few
        queries in all. Returns {key: supplier id} where key is (scheme, identifier, normalised
        name or ""). A known supplier without a postcode takes the one published now."""
        wanted = {}
        for name, scheme, identifier, scale, vcse, postcode in entries:
            normalised = normalise_name(name) or name.strip().lower()
            key = (scheme[:40], identifier[:100], "" if identifier else normalised[:300])
            if key in wanted and postcode and not wanted[key][3]:
                wanted[key] = (*wanted[key][:3], postcode)
            wanted.setdefault(key, (name, scale, vcse, postcode))
        found = {key: s.pk for key, s in self._cache.items() if key in wanted}
        missing = [key for key in wanted if key not in found]
        with_ids = [key for key in missing if key[1]]
        by_name = [key[2] for key in missing if not key[1]]
        if with_ids:
            for scheme, identifier, pk in Supplier.objects.filter(
                identifier__in={k[1] for k in with_ids}
            ).values_list("scheme", "identifier", "pk"):
                if (scheme, identifier, "") in wanted:
                    found[(scheme, identifier, "")] = pk
        if by_name:
            for normalised, pk in Supplier.objects.filter(
                identifier="", normalised_name__in=by_name
            ).values_list("normalised_name", "pk"):
                found.setdefault(("", "", normalised), pk)
        self._fill_postcodes({found[key]: wanted[key][3] for key in found if wanted[key][3]})
        new = [key for key in wanted if key not in found]
        if new:
            Supplier.objects.bulk_create(
                [
                    Supplier(
                        name=wanted[key][0].strip()[:300],
                        normalised_name=(key[2] or normalise_name(wanted[key][0]))[:300],
                        scheme=key[0],
                        identifier=key[1],
                        scale=str(wanted[key][1])[:20],
                        is_vcse=wanted[key][2],
                        postcode=wanted[key][3][:8],
                    )
                    for key in new
                ],
                ignore_conflicts=True,
            )
            for supplier in Supplier.objects.filter(
                normalised_name__in={(k[2] or normalise_name(wanted[k][0]))[:300] for k in new}
            ):
                key = (
                    supplier.scheme,
                    supplier.identifier,
                    "" if supplier.identifier else supplier.normalised_name,
                )
                if key in wanted:
                    found.setdefault(key, supplier.pk)
        return found

    @staticmethod
    def _fill_postcodes(postcodes: dict[int, str]) -> None:
        if not postcodes:
            return
        blank = Supplier.objects.filter(pk__in=postcodes, postcode="").values_list("pk", flat=True)
        Supplier.objects.bulk_update(
            [Supplier(pk=pk, postcode=postcodes[pk][:8]) for pk in blank],
            ["postcode"],
            batch_size=1000,
        )
