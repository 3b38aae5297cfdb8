"""The local-wealth ledger's measures (the CLES method, RULES.md section 5), for every supplier.

Each measure is one small pure function over a table of payments, registered by name; its
docstring is what users read as "how this is calculated". Pure: a Polars DataFrame in, numbers out.

The payments table has one row per payment with these columns:
    amount (float, net of VAT), is_redacted (bool), supplier_id (int or null),
    registered_local, operational_local, in_combined_authority, in_region, in_uk,
    is_sme, is_vcse, in_deprived_area (bool or null: null means not known).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

import polars as pl

FLAGS = (
    "registered_local",
    "operational_local",
    "in_combined_authority",
    "in_region",
    "in_uk",
    "is_sme",
    "is_vcse",
    "in_deprived_area",
)


@dataclass(frozen=True)
class Measure:
    name: str
    label: str
    function: Callable[[pl.DataFrame], float | None]

    @property
    def how(self) -> str:
        """How this is calculated, in the words shown to users."""
        return " ".join((self.function.__doc__ or "").split())

    def __call__(self, payments: pl.DataFrame) -> float | None:
        return self.function(payments)


MEASURES: dict[str, Measure] = {}


def measure(name: str, label: str):
    def register(function):
        MEASURES[name] = Measure(name, label, function)
        return function

    return register


def analysed(payments: pl.DataFrame) -> pl.DataFrame:
    """Payments that count for supplier measures: not redacted (no supplier to judge)."""
    return payments.filter(~pl.col("is_redacted"))


def _total(payments: pl.DataFrame) -> float:
    return float(payments["amount"].sum() or 0.0)


def _share(payments: pl.DataFrame, flag: str) -> float | None:
    frame = analysed(payments)
    total = _total(frame)
    if not total:
        return None
    return _total(frame.filter(pl.col(flag).fill_null(False))) / total


@measure("total_spend", "Total analysed spend")
def total_spend(payments: pl.DataFrame) -> float:
    """The sum of the net amounts of all payments whose supplier is named. Payments with the
    supplier's name withheld (personal data) are left out, as they cannot be placed or sized."""
    return _total(analysed(payments))


@measure("local_share_operational", "Share with local suppliers (operating locally)")
def local_share_operational(payments: pl.DataFrame) -> float | None:
    """Spend with suppliers that operate in the anchor's own local authority (a registered office
    or a site with substantive operations there) ÷ total analysed spend. The headline measure, as
    CLES counts a supplier as local when it is based or branched in the area."""
    return _share(payments, "operational_local")


@measure("local_share_registered", "Share with local suppliers (registered locally)")
def local_share_registered(payments: pl.DataFrame) -> float | None:
    """Spend with suppliers whose registered address is in the anchor's own local authority ÷
    total analysed spend. Shown beside the operational measure: a branch of a national firm is
    operationally local but not registered locally."""
    return _share(payments, "registered_local")


@measure("combined_authority_share", "Share with suppliers in the WMCA area")
def combined_authority_share(payments: pl.DataFrame) -> float | None:
    """Spend with suppliers operating in one of the seven constituent councils of the West
    Midlands Combined Authority ÷ total analysed spend."""
    return _share(payments, "in_combined_authority")


@measure("region_share", "Share with suppliers in the West Midlands")
def region_share(payments: pl.DataFrame) -> float | None:
    """Spend with suppliers operating in the West Midlands region ÷ total analysed spend."""
    return _share(payments, "in_region")


@measure("uk_share", "Share with suppliers in the UK")
def uk_share(payments: pl.DataFrame) -> float | None:
    """Spend with suppliers with a UK address ÷ total analysed spend."""
    return _share(payments, "in_uk")


@measure("sme_share", "Share with SMEs")
def sme_share(payments: pl.DataFrame) -> float | None:
    """Spend with suppliers known to be small or medium-sized (fewer than 250 staff and turnover up
    to £44m or balance sheet up to £38m, Procurement Act 2023 s.123) ÷ total analysed spend.
    Suppliers of unknown size are not counted as SMEs, nor as large: see the coverage measure."""
    return _share(payments, "is_sme")


@measure("vcse_share", "Share with VCSEs")
def vcse_share(payments: pl.DataFrame) -> float | None:
    """Spend with voluntary, community and social enterprise suppliers (charities, community
    interest companies and others that reinvest surpluses in social aims) ÷ total analysed spend."""
    return _share(payments, "is_vcse")


@measure("deprived_area_share", "Share with suppliers in the most deprived areas")
def deprived_area_share(payments: pl.DataFrame) -> float | None:
    """Spend with suppliers that are registered or operate in the most deprived tenth of areas by
    the English Index of Multiple Deprivation 2019, at the finest level known for the supplier
    (shown with the figure) ÷ total analysed spend."""
    return _share(payments, "in_deprived_area")


def _known_share(payments: pl.DataFrame, flag: str) -> float | None:
    frame = analysed(payments)
    total = _total(frame)
    if not total:
        return None
    return _total(frame.filter(pl.col(flag).is_not_null())) / total


@measure("location_coverage", "Spend whose supplier's location is known")
def location_coverage(payments: pl.DataFrame) -> float | None:
    """Spend with suppliers whose location is known ÷ total analysed spend. The local shares are
    lower bounds when this is below 100%: unknown is never counted as local."""
    return _known_share(payments, "in_uk")


@measure("size_coverage", "Spend whose supplier's size is known")
def size_coverage(payments: pl.DataFrame) -> float | None:
    """Spend with suppliers whose size (SME or not) is known ÷ total analysed spend."""
    return _known_share(payments, "is_sme")


def report(payments: pl.DataFrame) -> dict[str, float | None]:
    """Every measure for one set of payments."""
    return {name: measure(payments) for name, measure in MEASURES.items()}


def by(payments: pl.DataFrame, column: str) -> dict[object, dict[str, float | None]]:
    """Every measure for each value of `column` (anchor, financial year, quarter, category...)."""
    return {
        key[0]: report(group)
        for key, group in payments.partition_by(column, as_dict=True, maintain_order=True).items()
    }


def lm3(total: float, local_first_round: float, local_second_round: float) -> float:
    """Local Multiplier 3 (New Economics Foundation): (R1 + R2 + R3) ÷ R1, where R1 is the total
    spent, R2 the part of it spent with local suppliers and local-resident staff, and R3 the part
    of R2 that they spend locally in turn (from a supplier survey). Between 1 and 3."""
    if total <= 0:
        raise ValueError("LM3 needs a total spend above zero")
    if not 0 <= local_first_round <= total or not 0 <= local_second_round <= local_first_round:
        raise ValueError("LM3 needs 0 ≤ R3 ≤ R2 ≤ R1")
    return (total + local_first_round + local_second_round) / total
