"""The registered measures: analysed and addressable spend, each fact's share of spend (local,
WMCA area, region, UK, SME, VCSE, most deprived areas, public sector) and the coverage of what
they rest on. Each is one small function; its docstring is what users read as "how this is
calculated". Unknown is unknown: a payee whose place (or size) is not known is never counted as
inside or outside a ring. Pure."""

from __future__ import annotations

import polars as pl

from spend.measures.expressions import ADDRESSABLE, AMOUNT, TOTAL, known, ratio, share
from spend.measures.registry import measure


@measure("total_spend", "Total analysed spend", kind="money")
def total_spend() -> pl.Expr:
    """The sum of the net amounts of all payments whose supplier is named. Payments with the
    supplier's name withheld (personal data) are left out, as they cannot be placed or sized."""
    return TOTAL.cast(pl.Float64)


@measure("addressable_spend", "Addressable spend (payees outside the public sector)", kind="money")
def addressable_spend() -> pl.Expr:
    """Analysed spend with payees not known to be public bodies (councils, NHS bodies, schools,
    government departments and other public bodies are left out, as spend with them is not
    spend an anchor could place with local businesses). Payees whose sector is not known stay in."""
    return AMOUNT.filter(ADDRESSABLE).sum().cast(pl.Float64)


@measure("public_sector_share", "Share with public-sector bodies", basis="sector")
def public_sector_share() -> pl.Expr:
    """Spend with payees known to be public bodies ÷ total analysed spend. This spend is shown
    apart: the addressable figures leave it out. No figure when no payee's sector is known."""
    return (
        pl.when(pl.col("sector").is_not_null().any())
        .then(ratio(AMOUNT.filter(pl.col("sector") == "public").sum()))
        .otherwise(None)
    )


@measure(
    "local_share_operational",
    "Share with local suppliers (operating locally)",
    flag="operational_local",
    stem="local_operational",
    basis="place",
)
def local_share_operational() -> pl.Expr:
    """Spend with suppliers that operate in the anchor's own local authority (a registered office
    or a site with substantive operations there) ÷ total analysed spend. The headline measure, as
    CLES counts a supplier as local when it is based or branched in the area. Suppliers whose place
    is not known are counted neither in nor out: that spend is shown as its own figure."""
    return share("operational_local")


@measure(
    "local_share_registered",
    "Share with local suppliers (registered locally)",
    flag="registered_local",
    stem="local_registered",
    basis="place",
)
def local_share_registered() -> pl.Expr:
    """Spend with suppliers whose registered address is in the anchor's own local authority ÷
    total analysed spend. Shown beside the operational measure: a branch of a national firm is
    operationally local but not registered locally."""
    return share("registered_local")


@measure(
    "combined_authority_share",
    "Share with suppliers in the WMCA area",
    flag="in_combined_authority",
    stem="combined_authority",
    basis="place",
)
def combined_authority_share() -> pl.Expr:
    """Spend with suppliers operating in one of the seven constituent councils of the West
    Midlands Combined Authority ÷ total analysed spend."""
    return share("in_combined_authority")


@measure(
    "region_share",
    "Share with suppliers in the West Midlands",
    flag="in_region",
    stem="region",
    basis="place",
)
def region_share() -> pl.Expr:
    """Spend with suppliers operating in the West Midlands region ÷ total analysed spend."""
    return share("in_region")


@measure("uk_share", "Share with suppliers in the UK", flag="in_uk", stem="uk", basis="place")
def uk_share() -> pl.Expr:
    """Spend with suppliers known to have a UK address ÷ total analysed spend. A supplier whose
    place is not known is not counted as outside the UK: that spend is shown as not known."""
    return share("in_uk")


@measure("sme_share", "Share with SMEs", flag="is_sme", stem="sme", basis="size")
def sme_share() -> pl.Expr:
    """Spend with suppliers known to be small or medium-sized (fewer than 250 staff and turnover up
    to £44m or balance sheet up to £38m, Procurement Act 2023 s.123) ÷ total analysed spend.
    Suppliers of unknown size are not counted as SMEs, nor as large: that spend is shown apart."""
    return share("is_sme")


@measure("vcse_share", "Share with VCSEs", flag="is_vcse", stem="vcse", basis="vcse")
def vcse_share() -> pl.Expr:
    """Spend with voluntary, community and social enterprise suppliers (charities, community
    interest companies and others that reinvest surpluses in social aims) ÷ total analysed spend."""
    return share("is_vcse")


@measure(
    "deprived_area_share",
    "Share with suppliers in the most deprived areas",
    flag="in_deprived_area",
    stem="deprived_area",
    basis="deprivation",
)
def deprived_area_share() -> pl.Expr:
    """Spend with suppliers whose postcode lies in the most deprived tenth of small areas (LSOAs)
    by the English Index of Multiple Deprivation 2019 ÷ total analysed spend. Judged only at the
    LSOA of the supplier's own postcode: never by its whole local authority, which would count
    every supplier of a deprived borough."""
    return share("in_deprived_area")


@measure("location_coverage", "Spend whose supplier's place is known", basis="place")
def location_coverage() -> pl.Expr:
    """Spend with suppliers whose place is known ÷ total analysed spend. The rest is neither
    counted as local nor as outside: the shares over analysed spend are lower bounds."""
    return known("in_uk")


@measure("size_coverage", "Spend whose supplier's size is known", basis="size")
def size_coverage() -> pl.Expr:
    """Spend with suppliers whose size (SME or not) is known ÷ total analysed spend."""
    return known("is_sme")


@measure("sector_coverage", "Spend whose payee's sector is known", basis="sector")
def sector_coverage() -> pl.Expr:
    """Spend with payees whose sector (public, private, third sector, individual) is known ÷
    total analysed spend."""
    return known("sector")


@measure("coverage", "Coverage: spend whose payee's place, size and sector are known")
def coverage() -> pl.Expr:
    """Spend with payees whose place, size and sector are all known ÷ total analysed spend: how
    much of the ledger rests on known facts. Shown beside every figure."""
    every = pl.col("in_uk").is_not_null() & pl.col("is_sme").is_not_null()
    return ratio(AMOUNT.filter(every & pl.col("sector").is_not_null()).sum())


COVERAGE = {
    "place": "location_coverage",
    "size": "size_coverage",
    "sector": "sector_coverage",
    "deprivation": "location_coverage",
}
