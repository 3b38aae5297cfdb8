"""Find or add suppliers in the shared register. Identifiers decide when present; otherwise the
exact normalised name among suppliers without an identifier. (Probabilistic linkage comes with the
spend capability.)"""

from suppliers.models import Supplier
from suppliers.names import normalise_name


class SupplierRegister:
    """Caches look-ups for one load, so a batch costs few queries."""

    def __init__(self):
        self._cache: dict[tuple[str, str, str], Supplier] = {}

    def find_or_add(
        self, name: str, scheme: str = "", identifier: str = "", scale: str = "", vcse=None
    ) -> Supplier:
        normalised = normalise_name(name) or name.strip().lower()
        key = (scheme, identifier, "" if identifier else normalised)
        if key in self._cache:
            return self._cache[key]
        if identifier:
            supplier = Supplier.objects.filter(scheme=scheme, identifier=identifier).first()
        else:
            supplier = Supplier.objects.filter(normalised_name=normalised, identifier="").first()
        if supplier is None:
            supplier = Supplier.objects.create(
                name=name.strip()[:300],
                normalised_name=normalised[:300],
                scheme=scheme[:40],
                identifier=identifier[:100],
                scale=scale[:20],
                is_vcse=vcse,
            )
        self._cache[key] = supplier
        return supplier
