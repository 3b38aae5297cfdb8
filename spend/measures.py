"""The local-wealth ledger's measures (the CLES method, RULES.md section 5), for every supplier.

Each measure is one small pure function over a table of payments, registered by name; its
docstring is what users read as "how this is calculated". Pure: a Polars DataFrame in, numbers out.

The payments table has one row per payment, or per group of payments alike in every column below
(then `amount` is their sum): amount (float, net of VAT), payments (how many), is_redacted (bool), supplier_key and supplier (who was paid: the
    register entry, else the name as written), category,
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
    function: Callable[[], pl.Expr]

    @property
    def how(self) -> str:
        """How this is calculated, in the words shown to users."""
        return " ".join((self.function.__doc__ or "").split())

    @property
    def is_share(self) -> bool:
        return self.name != "total_spend"

    def expression(self) -> pl.Expr:
        """The measure as a Polars aggregation over analysed payments (one row per group)."""
        return self.function().alias(self.name)

    def __call__(self, payments: pl.DataFrame) -> float | None:
        return analysed(payments).select(self.expression()).item()


MEASURES: dict[str, Measure] = {}


def measure(name: str, label: str):
    def register(function):
        MEASURES[name] = Measure(name, label, function)
        return function

    return register


def analysed(payments: pl.DataFrame) -> pl.DataFrame:
    """Payments that count for supplier measures: not redacted (no supplier to judge)."""
    return payments.filter(~pl.col("is_redacted"))


_AMOUNT = pl.col("amount")
_TOTAL = _AMOUNT.sum()


def _ratio(part: pl.Expr) -> pl.Expr:
    """part ÷ total analysed spend; null (not zero) when there is no analysed spend."""
    return pl.when(_TOTAL != 0).then(part / _TOTAL).otherwise(None)


def _share(flag: str) -> pl.Expr:
    """Spend with `flag` true ÷ analysed spend; no figure at all (rather than 0%) when the flag is
    known for none of the suppliers, as a share of nothing known would read as "none"."""
    return (
        pl.when(pl.col(flag).is_not_null().any())
        .then(_ratio(_AMOUNT.filter(pl.col(flag).fill_null(False)).sum()))
        .otherwise(None)
    )


def _known(flag: str) -> pl.Expr:
    return _ratio(_AMOUNT.filter(pl.col(flag).is_not_null()).sum())


@measure("total_spend", "Total analysed spend")
def total_spend() -> pl.Expr:
    """The sum of the net amounts of all payments whose supplier is named. Payments with the
    supplier's name withheld (personal data) are left out, as they cannot be placed or sized."""
    return _TOTAL.cast(pl.Float64)


@measure("local_share_operational", "Share with local suppliers (operating locally)")
def local_share_operational() -> pl.Expr:
    """Spend with suppliers that operate in the anchor's own local authority (a registered office
    or a site with substantive operations there) ÷ total analysed spend. The headline measure, as
    CLES counts a supplier as local when it is based or branched in the area."""
    return _share("operational_local")


@measure("local_share_registered", "Share with local suppliers (registered locally)")
def local_share_registered() -> pl.Expr:
    """Spend with suppliers whose registered address is in the anchor's own local authority ÷
    total analysed spend. Shown beside the operational measure: a branch of a national firm is
    operationally local but not registered locally."""
    return _share("registered_local")


@measure("combined_authority_share", "Share with suppliers in the WMCA area")
def combined_authority_share() -> pl.Expr:
    """Spend with suppliers operating in one of the seven constituent councils of the West
    Midlands Combined Authority ÷ total analysed spend."""
    return _share("in_combined_authority")


@measure("region_share", "Share with suppliers in the West Midlands")
def region_share() -> pl.Expr:
    """Spend with suppliers operating in the West Midlands region ÷ total analysed spend."""
    return _share("in_region")


@measure("uk_share", "Share with suppliers in the UK")
def uk_share() -> pl.Expr:
    """Spend with suppliers with a UK address ÷ total analysed spend."""
    return _share("in_uk")


@measure("sme_share", "Share with SMEs")
def sme_share() -> pl.Expr:
    """Spend with suppliers known to be small or medium-sized (fewer than 250 staff and turnover up
    to £44m or balance sheet up to £38m, Procurement Act 2023 s.123) ÷ total analysed spend.
    Suppliers of unknown size are not counted as SMEs, nor as large: see the coverage measure."""
    return _share("is_sme")


@measure("vcse_share", "Share with VCSEs")
def vcse_share() -> pl.Expr:
    """Spend with voluntary, community and social enterprise suppliers (charities, community
    interest companies and others that reinvest surpluses in social aims) ÷ total analysed spend."""
    return _share("is_vcse")


@measure("deprived_area_share", "Share with suppliers in the most deprived areas")
def deprived_area_share() -> pl.Expr:
    """Spend with suppliers that are registered or operate in the most deprived tenth of areas by
    the English Index of Multiple Deprivation 2019, at the finest level known for the supplier
    (shown with the figure) ÷ total analysed spend."""
    return _share("in_deprived_area")


@measure("location_coverage", "Spend whose supplier's location is known")
def location_coverage() -> pl.Expr:
    """Spend with suppliers whose location is known ÷ total analysed spend. The local shares are
    lower bounds when this is below 100%: unknown is never counted as local."""
    return _known("in_uk")


@measure("size_coverage", "Spend whose supplier's size is known")
def size_coverage() -> pl.Expr:
    """Spend with suppliers whose size (SME or not) is known ÷ total analysed spend."""
    return _known("is_sme")


def report(payments: pl.DataFrame) -> dict[str, float | None]:
    """Every measure for one set of payments."""
    return analysed(payments).select(m.expression() for m in MEASURES.values()).row(0, named=True)


def table(payments: pl.DataFrame, column: str) -> pl.DataFrame:
    """Every measure for each value of `column` (anchor, financial year, quarter, category...),
    one row per value with its payments, largest analysed spend first."""
    return (
        analysed(payments)
        .group_by(column)
        .agg(pl.col("payments").sum(), *(m.expression() for m in MEASURES.values()))
        .sort(["total_spend", column], descending=[True, False], nulls_last=True)
    )


def by(payments: pl.DataFrame, column: str) -> dict[object, dict[str, float | None]]:
    """Every measure for each value of `column`, as {value: {measure: figure}}."""
    return {
        row.pop(column): {name: row[name] for name in MEASURES}
        for row in table(payments, column).iter_rows(named=True)
    }


SIZES = {True: "SME", False: "Large", None: "Size not known"}


def by_size(payments: pl.DataFrame) -> list[dict]:
    """Analysed spend by supplier size: SME, large, and not known as its own category (never
    counted as either). Each with its share of total analysed spend."""
    frame = analysed(payments)
    total = float(frame["amount"].sum() or 0.0)
    sums = {
        row["is_sme"]: (row["amount"], row["suppliers"])
        for row in frame.group_by("is_sme")
        .agg(pl.col("amount").sum(), pl.col("supplier_key").n_unique().alias("suppliers"))
        .iter_rows(named=True)
    }
    return [
        {
            "size": label,
            "spend": float(sums.get(key, (0.0, 0))[0]),
            "suppliers": sums.get(key, (0.0, 0))[1],
            "share": (float(sums.get(key, (0.0, 0))[0]) / total) if total else None,
        }
        for key, label in SIZES.items()
    ]


def top_suppliers(payments: pl.DataFrame, limit: int = 20) -> pl.DataFrame:
    """The suppliers with the most analysed spend, with what is known of each: whether it is local
    (operating in the anchor's area), in the WMCA area, an SME (or not known) and a VCSE."""
    frame = analysed(payments)
    total = frame["amount"].sum() or 0.0
    return (
        frame.group_by("supplier_key")
        .agg(
            pl.col("supplier").first(),
            pl.col("amount").sum().alias("spend"),
            pl.col("payments").sum(),
            *(pl.col(flag).first() for flag in ("operational_local", "in_combined_authority")),
            pl.col("is_sme").first(),
            pl.col("is_vcse").first(),
        )
        .with_columns((pl.col("spend") / total if total else pl.lit(None)).alias("share"))
        .sort(["spend", "supplier"], descending=[True, False])
        .head(limit)
        .drop("supplier_key")
    )


def leakage(
    payments: pl.DataFrame,
    local_suppliers: pl.DataFrame,
    flag: str = "operational_local",
    limit: int = 10,
    per_category: int = 5,
) -> list[dict]:
    """The categories with the most analysed spend with suppliers known to be outside the area
    (`flag` false), with the spend whose supplier's place is not known shown apart, and for each
    the local suppliers registered in that category (`local_suppliers`: category, supplier,
    evidence), the first candidates to bring that spend home."""
    return with_local_suppliers(
        leaking_categories(payments, flag, limit), local_suppliers, per_category
    )


def leaking_categories(
    payments: pl.DataFrame, flag: str = "operational_local", limit: int = 10
) -> list[dict]:
    """The categories with the most analysed spend with suppliers known to be outside the area,
    each with its spend, the spend outside and the spend whose supplier's place is not known."""
    frame = analysed(payments).filter(pl.col("category") != "")
    grouped = (
        frame.group_by("category")
        .agg(
            pl.col("amount").sum().alias("category_spend"),
            pl.col("amount").filter(pl.col(flag) == False).sum().alias("outside"),  # noqa: E712
            pl.col("amount").filter(pl.col(flag).is_null()).sum().alias("not_known"),
        )
        .filter(pl.col("outside") > 0)
        .sort(["outside", "category"], descending=[True, False])
        .head(limit)
    )
    return [
        {
            **row,
            "outside_share": row["outside"] / row["category_spend"]
            if row["category_spend"]
            else None,
        }
        for row in grouped.iter_rows(named=True)
    ]


def with_local_suppliers(
    categories: list[dict], local_suppliers: pl.DataFrame, per_category: int = 5
) -> list[dict]:
    """Each leaking category with the first local suppliers registered in it."""
    return [
        {
            **row,
            "local_suppliers": local_suppliers.filter(pl.col("category") == row["category"])
            .head(per_category)
            .select("supplier", "evidence")
            .to_dicts(),
        }
        for row in categories
    ]


def lm3(total: float, local_first_round: float, local_second_round: float) -> float:
    """Local Multiplier 3 (New Economics Foundation): (R1 + R2 + R3) ÷ R1, where R1 is the total
    spent, R2 the part of it spent with local suppliers and local-resident staff, and R3 the part
    of R2 that they spend locally in turn (from a supplier survey). Between 1 and 3."""
    if total <= 0:
        raise ValueError("LM3 needs a total spend above zero")
    if not 0 <= local_first_round <= total or not 0 <= local_second_round <= local_first_round:
        raise ValueError("LM3 needs 0 ≤ R3 ≤ R2 ≤ R1")
    return (total + local_first_round + local_second_round) / total
