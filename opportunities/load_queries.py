"""What the loader reads from the database besides releases: the network's buyers for the
compiler, and rows by a long list of keys."""

from __future__ import annotations

from django.db import connection

from network.models import Organisation
from opportunities.compiling import Buyers
from suppliers.names import normalise_name


def network_buyers() -> Buyers:
    """What the compiler needs to link notices' buyers to the network's organisations."""
    buyers = Buyers()
    for organisation in Organisation.objects.all().only(
        "id",
        "name",
        "kind",
        "slug",
        "is_network_member",
        "companies_house_number",
        "charity_number",
        "vat_number",
        "ppon",
    ):
        buyers.kinds[organisation.pk] = organisation.kind
        buyers.slugs[organisation.pk] = organisation.slug
        if organisation.is_network_member:
            buyers.members.add(organisation.pk)
        for _label, value, scheme in organisation.identifiers:
            buyers.by_identifier[(scheme, value.upper())] = organisation.pk
        buyers.by_name.setdefault(normalise_name(organisation.name), organisation.pk)
    return buyers


def _in(column: str, values) -> tuple[str, list]:
    """`column IN values` as one array parameter on PostgreSQL (long IN lists cost more to send
    and plan than to run), a plain IN list elsewhere."""
    values = list(values)
    if connection.vendor == "postgresql":
        return f"{column} = ANY(%s)", [values]
    return f"{column} IN ({', '.join(['%s'] * len(values))})", values


def select_in(sql: str, column: str, values) -> list[tuple]:
    if not values:
        return []
    condition, params = _in(column, values)
    with connection.cursor() as cursor:
        cursor.execute(sql.format(condition=condition), params)
        return cursor.fetchall()
