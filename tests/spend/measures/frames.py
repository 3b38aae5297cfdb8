"""Small payments tables for the measures' tests."""

import polars as pl

from spend.measures import FLAGS


def payments(rows):
    columns = ["amount", "is_redacted", "supplier_id", *FLAGS, "anchor"]
    return pl.DataFrame(rows, schema=columns, orient="row").with_columns(payments=pl.lit(1))


# amount, redacted, supplier, registered_local, operational_local, wmca, region, uk, sme, vcse,
# deprived, anchor
ROWS = [
    (600.0, False, 1, True, True, True, True, True, True, False, True, "A"),
    (300.0, False, 2, False, True, True, True, True, False, False, False, "A"),
    (100.0, False, 3, None, None, None, None, None, None, None, None, "A"),
    (5000.0, True, None, None, None, None, None, None, None, None, None, "A"),  # name withheld
    (250.0, False, 4, False, False, False, False, True, True, True, False, "B"),
    (-50.0, False, 4, False, False, False, False, True, True, True, False, "B"),  # credit note
]


def frame(rows, **extra):
    """Payments with a payee, a sector and the level deprivation was judged at."""
    columns = ["amount", "payee_id", "sector", *FLAGS]
    built = pl.DataFrame(rows, schema=columns, orient="row")
    return built.with_columns(
        payments=pl.lit(1),
        is_redacted=pl.lit(False),
        supplier_key=pl.format("payee:{}", "payee_id"),
        supplier=pl.format("Payee {}", "payee_id"),
        deprivation_level=pl.lit(extra.get("level")),
        **{k: pl.lit(v) for k, v in extra.items() if k != "level"},
    )


# amount, payee, sector, registered_local, operational_local, wmca, region, uk, sme, vcse,
# deprived
PLACED = [
    (400.0, 1, "private", True, True, True, True, True, True, False, True),
    (100.0, 2, "private", False, False, False, False, False, False, False, False),  # abroad
    (200.0, 3, "public", False, False, False, True, True, False, False, False),  # a county council
    (300.0, 4, None, None, None, None, None, None, None, None, None),  # place not known
]
