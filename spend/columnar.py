"""A table of source rows → payments, a column at a time (Polars), with exactly the meaning of
spend/rows.py's read_payment, which stays the one definition: rows in the common shapes (a plain
amount such as 1,234.56 or -12.50, a date as dd/mm/yyyy, yyyy-mm-dd or 16-Jan-2013, a named
supplier) are read
here in bulk; every other row goes through read_payment one at a time, so unusual values and every
rejection reason come from the same code. A test checks both paths agree row for row.

Pure: no database, no files.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal
from typing import TYPE_CHECKING

import polars as pl

if TYPE_CHECKING:
    from polars._typing import PolarsDataType

from spend.rows import (
    DIGEST_HEX,
    MAPPED_AS,
    TEXT_LIMITS,
    PaymentRow,
    Rejected,
    company_number,
    read_payment,
)
from spend.values import is_redacted

# The payment's text fields, as read_payment fills them ("supplier_id" is stored as supplier_ref).
TEXT_FIELDS = list(dict.fromkeys(MAPPED_AS.get(n, n) for n in (*TEXT_LIMITS, "supplier_id")))
SCHEMA: dict[str, PolarsDataType] = {
    "row_number": pl.Int64,
    "payment_date": pl.Date,
    "date_precision": pl.String,
    "amount": pl.Decimal(18, 2),
    "vat": pl.Decimal(18, 2),
    "is_redacted": pl.Boolean,
    "row_digest": pl.String,
    **dict.fromkeys(TEXT_FIELDS, pl.String),
}
_PLAIN_AMOUNT = r"^-?\d{1,15}(\.\d{1,2})?$"
_NO_VAT = ["", "N/A", "NA", "-", "NONE", "NIL"]
_SPREADSHEET_ERROR = r"(?i)^#(N/A|REF!|VALUE!|NAME\?|DIV/0!|NULL!|NUM!)$"


@dataclass
class Parsed:
    payments: pl.DataFrame  # SCHEMA, in source order
    rejected: list[tuple[int, str, list[str]]] = field(default_factory=list)
    rows_read: int = 0
    blank_rows: int = 0


def digest(content: str, occurrence: int) -> str:
    """spend/rows.py's row_digest, from the row's stripped cells already joined."""
    return hashlib.sha256(f"{content}\x1e{occurrence}".encode()).hexdigest()[:DIGEST_HEX]


def parse_rows(rows: list[list[str]], header_row: int, mapping: dict[str, int]) -> Parsed:
    data = rows[header_row + 1 :]
    if not data:
        return Parsed(pl.DataFrame(schema=SCHEMA))
    width = max(max(len(row) for row in data), max(mapping.values()) + 1)  # noqa: PLW3301 (two different maxima)
    padded = [row if len(row) == width else row + [""] * (width - len(row)) for row in data]
    names = [f"c{i}" for i in range(width)]
    frame = pl.DataFrame(padded, schema=dict.fromkeys(names, pl.String), orient="row")
    frame = frame.with_columns(pl.col(names).str.strip_chars()).with_columns(
        row_number=pl.int_range(header_row + 2, header_row + 2 + len(data), dtype=pl.Int64),
        key=pl.concat_str(names, separator="\x1f"),
        source=pl.int_range(0, len(data), dtype=pl.Int64),
    )
    blank = frame["key"].str.replace_all("\x1f", "", literal=True) == ""
    frame = frame.filter(~blank)
    blank_rows = int(blank.sum())
    frame = frame.with_columns(occurrence=pl.int_range(pl.len()).over("key"))

    def column(name: str) -> pl.Expr:
        index = mapping.get(name)
        return pl.col(f"c{index}") if index is not None else pl.lit("")

    amount = column("amount").str.replace_all(r"[£,\s]", "")
    vat = column("vat")
    supplier = column("supplier_name")
    others_filled = pl.sum_horizontal(
        [(pl.col(n) != "").cast(pl.Int32) for i, n in enumerate(names) if i != mapping["amount"]]
    )
    day = column("payment_date")
    parsed_day = (
        pl.when(day.str.contains(r"^\d{4}-\d{2}-\d{2}$"))
        .then(day.str.to_date("%Y-%m-%d", strict=False))
        .when(day.str.contains(r"^\d{1,2}/\d{1,2}/\d{4}$"))
        .then(day.str.to_date("%d/%m/%Y", strict=False))
        .when(day.str.contains(r"^\d{1,2}-[A-Za-z]{3}-(\d{2}|\d{4})$"))
        .then(  # 16-Jan-2013, 20-Dec-13 (two-digit years are this century, as in parse_date)
            day.str.replace(r"-(\d{2})$", "-20$1").str.to_date("%d-%b-%Y", strict=False)
        )
    )
    frame = frame.with_columns(
        _amount=pl.when(amount.str.contains(_PLAIN_AMOUNT)).then(amount),
        _day=parsed_day,
        _vat_plain=vat.str.to_uppercase().is_in(_NO_VAT)
        | vat.str.replace_all(r"[£,\s]", "").str.contains(_PLAIN_AMOUNT),
        _vat=pl.when(vat.str.to_uppercase().is_in(_NO_VAT))
        .then(None)
        .otherwise(vat.str.replace_all(r"[£,\s]", "")),
        _named=(supplier != "") & ~supplier.str.contains(_SPREADSHEET_ERROR),
        _others=others_filled,
    )
    fast_rows = (
        pl.col("_amount").is_not_null()
        & pl.col("_day").is_not_null()
        & pl.col("_vat_plain")
        & pl.col("_named")
        & (pl.col("_others") > 0)
    )
    fast = frame.filter(fast_rows)
    slow = frame.filter(~fast_rows)
    texts = {}
    for name in (*TEXT_LIMITS, "supplier_id"):
        if name == "supplier_ref":
            continue
        texts[MAPPED_AS.get(name, name)] = column(name)
    numbers = fast.select(texts["company_number"].unique())[:, 0].to_list()
    companies = {raw: company_number(raw) for raw in numbers}
    names_seen = fast.select(texts["supplier_name"].unique())[:, 0].to_list()
    withheld = {name: is_redacted(name) for name in names_seen}
    contents = fast.select(pl.col("key").str.strip_chars_end("\x1f"), "occurrence")
    digests = [digest(c, o) for c, o in contents.iter_rows()]
    payments = fast.select(
        "row_number",
        pl.col("_day").alias("payment_date"),
        pl.lit("day").alias("date_precision"),
        pl.col("_amount").cast(pl.Decimal(18, 2)).alias("amount"),
        pl.col("_vat").cast(pl.Decimal(18, 2)).alias("vat"),
        texts["supplier_name"]
        .replace_strict(withheld, return_dtype=pl.Boolean, default=False)
        .alias("is_redacted"),
        pl.Series("row_digest", digests, dtype=pl.String),
        *(
            (
                texts[name].replace_strict(companies, return_dtype=pl.String, default="")
                if name == "company_number"
                else texts[name].str.to_uppercase()
                if name == "supplier_postcode"
                else texts[name]
            )
            .str.slice(0, TEXT_LIMITS.get(name, 100))
            .alias(name)
            for name in TEXT_FIELDS
        ),
    )
    rejected, slow_payments = [], []
    for number, source, occurrence in slow.select("row_number", "source", "occurrence").iter_rows():
        cells = data[source]
        try:
            slow_payments.append(read_payment(cells, mapping, number, occurrence))
        except Rejected as reason:
            rejected.append((number, str(reason), cells))
    if slow_payments:
        payments = pl.concat([payments, _frame(slow_payments)]).sort("row_number")
    return Parsed(payments, rejected, frame.height, blank_rows)


def _cents(value: Decimal | None) -> Decimal | None:
    """As the database stores it: to the penny, halves away from zero."""
    return None if value is None else value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _frame(payments: list[PaymentRow]) -> pl.DataFrame:
    return pl.DataFrame(
        {
            "row_number": [p.row_number for p in payments],
            "payment_date": [p.payment_date for p in payments],
            "date_precision": [p.date_precision for p in payments],
            "amount": [_cents(p.amount) for p in payments],
            "vat": [_cents(p.vat) for p in payments],
            "is_redacted": [p.is_redacted for p in payments],
            "row_digest": [p.digest for p in payments],
            **{name: [p.text[name] for p in payments] for name in TEXT_FIELDS},
        },
        schema=SCHEMA,
    )
