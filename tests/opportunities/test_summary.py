"""The plain-English summary (opportunities/summary.py): pure, plain objects stand in for processes."""

from datetime import UTC, datetime
from decimal import Decimal

from core.formatting import pounds_in_words
from opportunities.summary import summary, when
from tests.opportunities.plain_processes import process


def test_money_and_dates_in_plain_english():
    assert pounds_in_words(Decimal(118000000)) == "£118 million"
    assert pounds_in_words(Decimal(2500000)) == "£2.5 million"
    assert pounds_in_words(Decimal("49999.6")) == "£50,000"
    assert when(datetime(2025, 2, 17, 17, 0, tzinfo=UTC)) == "17 February 2025 at 5pm"
    assert when(datetime(2025, 7, 1, 11, 30, tzinfo=UTC)) == "1 July 2025 at 12:30pm"  # BST
    assert when(datetime(2020, 10, 21, 23, 0, tzinfo=UTC)) == "22 October 2020"  # midnight UK time


def test_summary_for_an_open_tender():
    text = " ".join(
        summary(
            process(
                value=Decimal(180000),
                lot_count=2,
                procedure="open",
                deadline=datetime(2026, 4, 1, 11, 0, tzinfo=UTC),
                notice_url="https://x",
            ),
            "open",
        )
    )
    assert "Walsall Council is buying: Heat pumps for schools." in text
    assert "worth £180,000 excluding VAT" in text and "2 lots" in text
    assert "Tenders must arrive by 1 April 2026 at 12pm" in text
    assert "How to respond: read the official notice" in text


def test_summary_for_planned_and_awarded():
    planned = " ".join(
        summary(
            process(phase="planned", expected_tender_date=datetime(2026, 9, 1, tzinfo=UTC)),
            "planned",
        )
    )
    assert "expects to invite tenders around 1 September 2026" in planned
    assert "How to respond" not in planned
    assert "has been awarded" in " ".join(summary(process(), "awarded"))
