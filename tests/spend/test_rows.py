"""spend/rows.py: one source row to one payment, or the reason it cannot be one. No database."""

from datetime import date
from decimal import Decimal

import pytest

from spend.rows import DIGEST_HEX, TEXT_LIMITS, Rejected, company_number, read_payment, row_digest

MAPPING = {
    "amount": 0,
    "payment_date": 1,
    "supplier_name": 2,
    "company_number": 3,
    "supplier_postcode": 4,
    "vat": 5,
    "supplier_id": 6,
}


def row(
    amount="1,234.50", when="03/04/2024", name="Acme Ltd", number="", postcode="", vat="", ref=""
):
    return [amount, when, name, number, postcode, vat, ref]


def test_a_payment_with_its_text_made_comparable():
    payment = read_payment(row(number="123456", postcode="b1 1aa", ref="S-9"), MAPPING, 7)
    assert payment.row_number == 7
    assert payment.payment_date == date(2024, 4, 3)
    assert payment.date_precision == "day"
    assert payment.amount == Decimal("1234.50")
    assert payment.vat is None
    assert payment.is_redacted is False
    assert payment.text["company_number"] == "00123456"
    assert payment.text["supplier_postcode"] == "B1 1AA"
    assert (
        payment.text["supplier_ref"] == "S-9"
    )  # the mapping's supplier_id, stored as supplier_ref
    assert "supplier_id" not in payment.text
    assert payment.text["description"] == ""  # fields not in the mapping are empty
    assert len(payment.digest) == DIGEST_HEX


def test_a_month_only_date_is_kept_with_its_precision():
    payment = read_payment(
        ["10", "2024-04", "Acme"], {"amount": 0, "payment_date": 1, "supplier_name": 2}, 1
    )
    assert payment.date_precision == "month"


def test_cells_beyond_the_row_read_as_empty():
    payment = read_payment(["10", "03/04/2024", "Acme"], MAPPING, 1)
    assert payment.text["supplier_ref"] == "" and payment.vat is None


@pytest.mark.parametrize(
    ("cells", "reason"),
    [
        (["99", "", "", "", "", "", ""], "a totals row (only the amount is filled), not a payment"),
        (row(amount="x"), "amount: 'x' is not an amount"),
        (row(when="nope"), "payment date: 'nope' is not a date this importer knows"),
        (row(vat="abc"), "VAT: 'abc' is not an amount"),
        (row(name=""), "supplier name: empty"),
        (row(name="#N/A"), "supplier name: '#N/A' is a spreadsheet error, not a name"),
        (row(name="#div/0!"), "supplier name: '#div/0!' is a spreadsheet error, not a name"),
    ],
)
def test_rows_that_are_not_payments_say_why(cells, reason):
    with pytest.raises(Rejected) as raised:
        read_payment(cells, MAPPING, 1)
    assert str(raised.value) == reason


def test_a_redacted_name_is_a_payment_flagged_as_redacted():
    assert read_payment(row(name="REDACTED"), MAPPING, 1).is_redacted is True


def test_text_is_cut_to_its_field_length():
    payment = read_payment(row(name="N" * 400, ref="R" * 150), MAPPING, 1)
    assert len(payment.text["supplier_name"]) == TEXT_LIMITS["supplier_name"]
    assert len(payment.text["supplier_ref"]) == TEXT_LIMITS["supplier_ref"]


@pytest.mark.parametrize(
    ("text", "number"),
    [(" sc 123 ", "SC000123"), ("n/a", ""), ("-", ""), ("0", ""), ("", ""), ("ZZZ-NOT", "ZZZ-NOT")],
)
def test_company_number(text, number):
    assert company_number(text) == number


def test_an_unrecognisable_company_number_is_kept_as_published_up_to_20_characters():
    assert company_number("X" * 30) == "X" * 20


def test_row_digest_is_stable_and_tells_repeated_rows_apart():
    cells = ["10", "03/04/2024", "Acme"]
    assert row_digest(cells, 0) == row_digest([" 10 ", "03/04/2024", "Acme ", ""], 0)
    assert row_digest(cells, 0) != row_digest(cells, 1)
    assert row_digest(cells, 0) != row_digest(["11", "03/04/2024", "Acme"], 0)
    assert len(row_digest(cells, 0)) == DIGEST_HEX
