"""The local-wealth ledger's measures (the CLES method, RULES.md section 5), for every supplier.

Each measure is one small pure function over a table of payments, registered by name; its
docstring is what users read as "how this is calculated". Pure: a Polars DataFrame in, numbers out.

The payments table has one row per payment, or per group of payments alike in every column below
(then `amount` is their sum): amount (float, net of VAT), payments (how many), is_redacted (bool),
payee_id (who the file names, or null), supplier_key and supplier (who was paid: the register
entry, else the name as written), category, sector ("public", "private", "third", "individual",
or null: not known), deprivation_level ("LSOA" when deprivation was judged for the supplier's
postcode, else null), and the flags registered_local, operational_local, in_combined_authority,
in_region, in_uk, is_sme, is_vcse, in_deprived_area (bool or null: null means not known).

Unknown is unknown: a payee whose place (or size) is not known is never counted as inside or
outside a ring. Every share is given three ways, as CLES-style analyses do: over all analysed
spend (with the part not known shown as its own figure), over the spend where the fact is known,
and over addressable spend (payees not known to be in the public sector).
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
SECTORS = {
    "public": "Public sector",
    "private": "Private sector",
    "third": "Third sector (charities, social enterprises)",
    "individual": "Individual or name withheld",
    None: "Sector not known",
}
# Columns the measures read beyond the flags, with their value when a table lacks them.
OPTIONAL = {
    "payee_id": pl.Int64,
    "sector": pl.String,
    "deprivation_level": pl.String,
    "category": pl.String,
}
FINEST_LEVEL = "LSOA"


def conform(payments: pl.DataFrame) -> pl.DataFrame:
    """The table with every column the measures read (a missing flag or optional column as not
    known), and
    deprivation counted only where it was judged at the finest level (LSOA): a flag set for a
    whole local authority would count every supplier of a deprived borough."""
    wanted = OPTIONAL | dict.fromkeys(FLAGS, pl.Boolean)
    frame = payments.with_columns(
        (pl.col(n) if n in payments else pl.lit(None)).cast(kind).alias(n)
        for n, kind in wanted.items()
    )
    return frame.with_columns(
        in_deprived_area=pl.when(pl.col("deprivation_level") == FINEST_LEVEL)
        .then(pl.col("in_deprived_area"))
        .otherwise(None)
    )


@dataclass(frozen=True)
class Measure:
    name: str
    label: str
    function: Callable[[], pl.Expr]
    kind: str = "share"  # share or money
    flag: str | None = None  # for a share of spend: the fact it counts
    stem: str = ""  # the stem of its variants' names: uk → uk_known_share
    basis: str = ""  # what must be known for it: place, size, sector, deprivation, vcse
    do_not_call_in_templates = True  # a template reads its name and label

    @property
    def how(self) -> str:
        """How this is calculated, in the words shown to users."""
        return " ".join((self.function.__doc__ or "").split())

    @property
    def is_share(self) -> bool:
        return self.kind == "share"

    def variants(self) -> dict[str, str]:
        """The names of the same share over other bases: {"known": ..., "addressable": ...,
        "unknown": ...}; none for a measure that is not a share of spend with a fact."""
        if not self.flag:
            return {}
        return {
            "known": f"{self.stem}_known_share",
            "addressable": f"{self.stem}_addressable_share",
            "unknown": f"{self.stem}_unknown_share",
        }

    def expressions(self) -> list[pl.Expr]:
        """The measure and its variants as Polars aggregations over analysed payments."""
        out = [self.function().alias(self.name)]
        if self.flag:
            names = self.variants()
            out += [
                _known_share(self.flag).alias(names["known"]),
                _addressable_share(self.flag).alias(names["addressable"]),
                _ratio(_AMOUNT.filter(pl.col(self.flag).is_null()).sum()).alias(names["unknown"]),
            ]
        return out

    def __call__(self, payments: pl.DataFrame) -> float | None:
        return analysed(payments).select(self.function()).item()


MEASURES: dict[str, Measure] = {}


def measure(name: str, label: str, kind="share", flag=None, stem="", basis=""):
    def register(function):
        MEASURES[name] = Measure(name, label, function, kind, flag, stem, basis)
        return function

    return register


def analysed(payments: pl.DataFrame) -> pl.DataFrame:
    """Payments that count for supplier measures: not redacted (no supplier to judge)."""
    return conform(payments).filter(~pl.col("is_redacted"))


def names() -> list[str]:
    """Every figure the measures give: each measure and each share's variants."""
    return [n for m in MEASURES.values() for n in (m.name, *m.variants().values())]


_AMOUNT = pl.col("amount")
_TOTAL = _AMOUNT.sum()
# Addressable: payees not known to be public bodies (a payee of unknown sector stays in).
_ADDRESSABLE = pl.col("sector").fill_null("") != "public"


def _over(part: pl.Expr, whole: pl.Expr) -> pl.Expr:
    """part ÷ whole; null (not zero) when the whole is nothing."""
    return pl.when(whole != 0).then(part / whole).otherwise(None)


def _ratio(part: pl.Expr) -> pl.Expr:
    return _over(part, _TOTAL)


def _true(flag: str) -> pl.Expr:
    return pl.col(flag).fill_null(False)


def _share(flag: str) -> pl.Expr:
    """Spend with `flag` true ÷ analysed spend; no figure at all (rather than 0%) when the flag is
    known for none of the suppliers, as a share of nothing known would read as "none"."""
    return (
        pl.when(pl.col(flag).is_not_null().any())
        .then(_ratio(_AMOUNT.filter(_true(flag)).sum()))
        .otherwise(None)
    )


def _known_share(flag: str) -> pl.Expr:
    """Spend with `flag` true ÷ spend where `flag` is known."""
    return _over(
        _AMOUNT.filter(_true(flag)).sum(), _AMOUNT.filter(pl.col(flag).is_not_null()).sum()
    )


def _addressable_share(flag: str) -> pl.Expr:
    """Spend with `flag` true ÷ addressable spend; none when the flag is known for no
    addressable payee."""
    known = (pl.col(flag).is_not_null() & _ADDRESSABLE).any()
    return (
        pl.when(known)
        .then(
            _over(
                _AMOUNT.filter(_true(flag) & _ADDRESSABLE).sum(),
                _AMOUNT.filter(_ADDRESSABLE).sum(),
            )
        )
        .otherwise(None)
    )


def _known(column: str) -> pl.Expr:
    return _ratio(_AMOUNT.filter(pl.col(column).is_not_null()).sum())


@measure("total_spend", "Total analysed spend", kind="money")
def total_spend() -> pl.Expr:
    """The sum of the net amounts of all payments whose supplier is named. Payments with the
    supplier's name withheld (personal data) are left out, as they cannot be placed or sized."""
    return _TOTAL.cast(pl.Float64)


@measure("addressable_spend", "Addressable spend (payees outside the public sector)", kind="money")
def addressable_spend() -> pl.Expr:
    """Analysed spend with payees not known to be public bodies (councils, NHS bodies, schools,
    government departments and other public bodies are left out, as spend with them is not
    spend an anchor could place with local businesses). Payees whose sector is not known stay in."""
    return _AMOUNT.filter(_ADDRESSABLE).sum().cast(pl.Float64)


@measure("public_sector_share", "Share with public-sector bodies", basis="sector")
def public_sector_share() -> pl.Expr:
    """Spend with payees known to be public bodies ÷ total analysed spend. This spend is shown
    apart: the addressable figures leave it out. No figure when no payee's sector is known."""
    return (
        pl.when(pl.col("sector").is_not_null().any())
        .then(_ratio(_AMOUNT.filter(pl.col("sector") == "public").sum()))
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
    return _share("operational_local")


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
    return _share("registered_local")


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
    return _share("in_combined_authority")


@measure(
    "region_share",
    "Share with suppliers in the West Midlands",
    flag="in_region",
    stem="region",
    basis="place",
)
def region_share() -> pl.Expr:
    """Spend with suppliers operating in the West Midlands region ÷ total analysed spend."""
    return _share("in_region")


@measure("uk_share", "Share with suppliers in the UK", flag="in_uk", stem="uk", basis="place")
def uk_share() -> pl.Expr:
    """Spend with suppliers known to have a UK address ÷ total analysed spend. A supplier whose
    place is not known is not counted as outside the UK: that spend is shown as not known."""
    return _share("in_uk")


@measure("sme_share", "Share with SMEs", flag="is_sme", stem="sme", basis="size")
def sme_share() -> pl.Expr:
    """Spend with suppliers known to be small or medium-sized (fewer than 250 staff and turnover up
    to £44m or balance sheet up to £38m, Procurement Act 2023 s.123) ÷ total analysed spend.
    Suppliers of unknown size are not counted as SMEs, nor as large: that spend is shown apart."""
    return _share("is_sme")


@measure("vcse_share", "Share with VCSEs", flag="is_vcse", stem="vcse", basis="vcse")
def vcse_share() -> pl.Expr:
    """Spend with voluntary, community and social enterprise suppliers (charities, community
    interest companies and others that reinvest surpluses in social aims) ÷ total analysed spend."""
    return _share("is_vcse")


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
    return _share("in_deprived_area")


@measure("location_coverage", "Spend whose supplier's place is known", basis="place")
def location_coverage() -> pl.Expr:
    """Spend with suppliers whose place is known ÷ total analysed spend. The rest is neither
    counted as local nor as outside: the shares over analysed spend are lower bounds."""
    return _known("in_uk")


@measure("size_coverage", "Spend whose supplier's size is known", basis="size")
def size_coverage() -> pl.Expr:
    """Spend with suppliers whose size (SME or not) is known ÷ total analysed spend."""
    return _known("is_sme")


@measure("sector_coverage", "Spend whose payee's sector is known", basis="sector")
def sector_coverage() -> pl.Expr:
    """Spend with payees whose sector (public, private, third sector, individual) is known ÷
    total analysed spend."""
    return _known("sector")


@measure("coverage", "Coverage: spend whose payee's place, size and sector are known")
def coverage() -> pl.Expr:
    """Spend with payees whose place, size and sector are all known ÷ total analysed spend: how
    much of the ledger rests on known facts. Shown beside every figure."""
    every = pl.col("in_uk").is_not_null() & pl.col("is_sme").is_not_null()
    return _ratio(_AMOUNT.filter(every & pl.col("sector").is_not_null()).sum())


COVERAGE = {
    "place": "location_coverage",
    "size": "size_coverage",
    "sector": "sector_coverage",
    "deprivation": "location_coverage",
}


def _expressions() -> list[pl.Expr]:
    return [e for m in MEASURES.values() for e in m.expressions()]


def report(payments: pl.DataFrame) -> dict[str, float | None]:
    """Every measure (and every share's variants) for one set of payments."""
    return analysed(payments).select(_expressions()).row(0, named=True)


def table(payments: pl.DataFrame, column: str) -> pl.DataFrame:
    """Every measure for each value of `column` (anchor, financial year, quarter, category...),
    one row per value with its payments, largest analysed spend first."""
    return (
        analysed(payments)
        .group_by(column)
        .agg(pl.col("payments").sum(), *_expressions())
        .sort(["total_spend", column], descending=[True, False], nulls_last=True)
    )


def by(payments: pl.DataFrame, column: str) -> dict[object, dict[str, float | None]]:
    """Every measure for each value of `column`, as {value: {measure: figure}}."""
    wanted = names()
    return {
        row.pop(column): {name: row[name] for name in wanted}
        for row in table(payments, column).iter_rows(named=True)
    }


def deprivation_level(payments: pl.DataFrame) -> str | None:
    """The finest level deprivation was judged at for any analysed payee ("LSOA"), else None."""
    frame = analysed(payments)
    return FINEST_LEVEL if (frame["deprivation_level"] == FINEST_LEVEL).any() else None


_MONTHS = ("April–June", "July–September", "October–December", "January–March")


def quarter_label(key: str) -> str:
    """A financial quarter's key ("2024-Q1": financial year 2024-25, quarter 1) in words:
    "Q1 2024-25 (April–June 2024)". Q1 is April to June, Q4 January to March of the next year."""
    year, quarter = key.split("-Q")
    start, number = int(year), int(quarter)
    if not 1 <= number <= 4:
        raise ValueError(f"No quarter {number}: a financial year has quarters 1 to 4")
    calendar = start + 1 if number == 4 else start
    return f"Q{number} {start}-{(start + 1) % 100:02d} ({_MONTHS[number - 1]} {calendar})"


SIZES = {True: "SME", False: "Large", None: "Size not known"}


def by_size(payments: pl.DataFrame) -> list[dict]:
    """Analysed spend by supplier size: SME, large, and not known as its own category (never
    counted as either). Each with its share of total analysed spend."""
    return _split(analysed(payments), "is_sme", SIZES, "size")


def by_sector(payments: pl.DataFrame) -> list[dict]:
    """All spend by the payee's sector: public, private, third sector, individual or name withheld
    (payments whose payee's name is withheld count here, though left out of analysed spend), and
    not known as its own category. Each with its share of all spend."""
    frame = conform(payments).with_columns(
        sector=pl.when(pl.col("is_redacted")).then(pl.lit("individual")).otherwise("sector")
    )
    return _split(frame, "sector", SECTORS, "sector")


def _split(frame: pl.DataFrame, column: str, labels: dict, key: str) -> list[dict]:
    total = float(frame["amount"].sum() or 0.0)
    sums = {
        row[column]: (float(row["amount"]), row["suppliers"])
        for row in frame.group_by(column)
        .agg(pl.col("amount").sum(), pl.col("supplier_key").n_unique().alias("suppliers"))
        .iter_rows(named=True)
    }
    return [
        {
            key: label,
            "spend": sums.get(value, (0.0, 0))[0],
            "suppliers": sums.get(value, (0.0, 0))[1],
            "share": (sums.get(value, (0.0, 0))[0] / total) if total else None,
        }
        for value, label in labels.items()
    ]


def unplaced(payments: pl.DataFrame, limit: int = 10) -> list[dict]:
    """The payees with the most analysed spend whose place is not known (each payee as its files
    name it), with their spend and its share of analysed spend: placing these first raises the
    coverage most."""
    frame = analysed(payments)
    total = float(frame["amount"].sum() or 0.0)
    key = pl.coalesce(pl.col("payee_id").cast(pl.String), pl.col("supplier_key"))
    rows = (
        frame.filter(pl.col("in_uk").is_null())
        .group_by(key.alias("key"))
        .agg(
            pl.col("payee_id").first(),
            pl.col("supplier").first(),
            pl.col("sector").first(),
            pl.col("amount").sum().alias("spend"),
            pl.col("payments").sum(),
        )
        .sort(["spend", "supplier"], descending=[True, False])
        .head(limit)
    )
    return [
        {**row, "share": row["spend"] / total if total else None}
        for row in rows.drop("key").iter_rows(named=True)
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
