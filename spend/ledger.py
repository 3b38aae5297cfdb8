"""The payments table the ledger's measures read (spend/measures.py): each payment with what is
known of its supplier's places and size, judged against the buying anchor's own local authority.

Places and sizes come from the supplier's network profile (registered postcode, operating sites,
size band, VCSE flag) and, failing that, from what notices published (SME or not)."""

from __future__ import annotations

from datetime import date

import polars as pl
from django.conf import settings

from network.models import OperatingSite, Organisation
from reference.geography import imd_deciles, locate
from spend.measures import FLAGS
from spend.models import Payment
from suppliers.models import Supplier


def financial_year(day: date) -> int:
    """The year a UK public-sector financial year starts in (April to March)."""
    return day.year if day.month >= 4 else day.year - 1


def _deciles() -> dict[str, int]:
    path = settings.DATA_DIR / "reference" / "imd" / "English IMD - Local Authorities.csv"
    return imd_deciles(path) if path.exists() else {}


def payments_frame(buyer: Organisation | None = None, year: int | None = None) -> pl.DataFrame:
    """One row per payment: amount, is_redacted, supplier_id, the measures' flags, and buyer,
    financial_year, quarter, category and directorate for grouping."""
    payments = Payment.objects.all()
    if buyer is not None:
        payments = payments.filter(buyer=buyer)
    if year is not None:
        payments = payments.filter(
            payment_date__gte=date(year, 4, 1), payment_date__lt=date(year + 1, 4, 1)
        )
    rows = list(
        payments.values_list(
            "buyer_id",
            "payment_date",
            "amount",
            "is_redacted",
            "supplier_id",
            "category",
            "directorate",
        ).order_by()
    )
    deciles = _deciles()
    places = _supplier_places(deciles)
    buyers = {
        org.pk: (locate(org.registered_postcode) if org.registered_postcode else None)
        for org in Organisation.objects.filter(pk__in={r[0] for r in rows})
    }
    columns: dict[str, list] = {
        name: []
        for name in (
            "buyer_id",
            "financial_year",
            "quarter",
            "amount",
            "is_redacted",
            "supplier_id",
            "category",
            "directorate",
            *FLAGS,
        )
    }
    unknown = dict.fromkeys(FLAGS)
    for buyer_id, day, amount, redacted, supplier_id, category, directorate in rows:
        home = buyers.get(buyer_id)
        flags = places.get(supplier_id, unknown) if supplier_id else unknown
        registered, operating = flags.get("_registered"), flags.get("_operating") or []
        values = dict(flags)
        if home is not None and (registered or operating):
            values["registered_local"] = bool(registered) and registered == home.local_authority
            values["operational_local"] = home.local_authority in {registered, *operating}
        else:
            values["registered_local"] = values["operational_local"] = None
        fy = financial_year(day)
        for name, value in (
            ("buyer_id", buyer_id),
            ("financial_year", fy),
            ("quarter", f"{fy}-Q{((day.month - 4) % 12) // 3 + 1}"),
            ("amount", float(amount)),
            ("is_redacted", redacted),
            ("supplier_id", supplier_id),
            ("category", category),
            ("directorate", directorate),
        ):
            columns[name].append(value)
        for name in FLAGS:
            columns[name].append(values.get(name))
    return pl.DataFrame(
        columns,
        schema_overrides={name: pl.Boolean for name in (*FLAGS, "is_redacted")}
        | {"amount": pl.Float64, "supplier_id": pl.Int64},
    )


def _supplier_places(deciles: dict[str, int]) -> dict[int, dict]:
    """Supplier id → flags (in the WMCA, region, UK; SME; VCSE; most deprived tenth), with the
    local authorities of its registered office and operating sites for the local measures."""
    sites: dict[int, list[str]] = {}
    for org_id, postcode in OperatingSite.objects.values_list("organisation_id", "postcode"):
        sites.setdefault(org_id, []).append(postcode)
    found = {}
    for supplier in Supplier.objects.select_related("organisation"):
        org = supplier.organisation
        registered = (
            locate(org.registered_postcode, deciles) if org and org.registered_postcode else None
        )
        operating = (
            [p for p in (locate(pc, deciles) for pc in sites.get(org.pk, [])) if p] if org else []
        )
        every = [p for p in (registered, *operating) if p]
        is_sme = (
            org.is_sme
            if org and org.is_sme is not None
            else ({"sme": True, "large": False}.get(supplier.scale.lower()))
        )
        is_vcse = org.is_vcse if org else supplier.is_vcse
        # Like the headline local measure, a site with substantive operations counts.
        known = [p.deprivation_decile for p in every if p.deprivation_decile]
        found[supplier.pk] = {
            "_registered": registered.local_authority if registered else None,
            "_operating": [p.local_authority for p in operating],
            "in_combined_authority": any(p.in_combined_authority for p in every) if every else None,
            "in_region": any(p.in_region for p in every) if every else None,
            "in_uk": True if every else None,
            "is_sme": is_sme,
            "is_vcse": is_vcse,
            "in_deprived_area": (min(known) == 1) if known else None,
        }
    # Payments to entries merged into another read the surviving entry's facts.
    for pk, target in Supplier.objects.filter(merged_into__isnull=False).values_list(
        "pk", "merged_into_id"
    ):
        if target in found:
            found[pk] = found[target]
    return found
