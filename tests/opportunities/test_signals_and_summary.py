"""SME-friendliness signals and the plain-English summary: pure, plain objects stand in for processes."""

from datetime import UTC, datetime, timedelta
from decimal import Decimal
from types import SimpleNamespace

from opportunities.signals import SIGNALS, how_judged, signals_for
from opportunities.summary import money, summary, when

NOW = datetime(2026, 3, 2, 12, 0, tzinfo=UTC)


def process(**fields):
    base = dict(
        ocid="ocds-h6vhtk-000123",
        title="Heat pumps for schools",
        buyer_name="Walsall Council",
        lot_count=0,
        above_threshold=None,
        threshold_estimated=False,
        sme_suitable=None,
        vcse_suitable=None,
        reserved_for_sme_vcse=False,
        reserved_location="",
        deadline=None,
        tender_start=None,
        first_published=None,
        phase="tender",
        value=None,
        value_gross=None,
        min_value=None,
        contract_start=None,
        contract_end=None,
        enquiry_end=None,
        expected_tender_date=None,
        procedure="",
        notice_url="",
    )
    return SimpleNamespace(**(base | fields))


def names(found):
    return {s.name: s for s in found}


def test_each_signal_has_an_explanation_for_users():
    assert set(dict(how_judged())) == set(SIGNALS)
    assert all(len(text) > 40 for _, text in how_judged())


def test_lots_reservation_suitability():
    found = names(
        signals_for(
            process(
                lot_count=3,
                sme_suitable=True,
                vcse_suitable=True,
                reserved_for_sme_vcse=True,
                reserved_location="Walsall",
            ),
            NOW,
        )
    )
    assert found["lots"].headline == "Divided into 3 lots" and found["lots"].good
    assert found["suitability"].headline == "Marked suitable for SMEs and VCSEs"
    assert found["reserved"].headline == "Reserved for SMEs and VCSEs and suppliers in Walsall"


def test_below_threshold_cites_s85_only_under_the_act():
    act = names(signals_for(process(above_threshold=False), NOW))["below_threshold"]
    assert "s.85" in act.explanation and act.good
    cf = names(
        signals_for(
            process(ocid="ocds-b5fd17-1", above_threshold=False, threshold_estimated=True), NOW
        )
    )
    assert "Public Contracts Regulations 2015" in cf["below_threshold"].explanation
    assert "worked out by AnchorHub" in cf["below_threshold"].headline
    assert "payment_terms" not in cf  # s.68 applies only under the Procurement Act


def test_tender_period():
    start = NOW - timedelta(days=5)
    short = names(
        signals_for(process(tender_start=start, deadline=start + timedelta(days=12)), NOW)
    )
    assert short["tender_period"].good is False and "12 days" in short["tender_period"].headline
    long = names(signals_for(process(tender_start=start, deadline=start + timedelta(days=35)), NOW))
    assert long["tender_period"].good is True
    assert "tender_period" not in names(
        signals_for(process(phase="awarded", tender_start=start, deadline=NOW), NOW)
    )


def test_notices_under_the_2015_regulations_are_not_judged_by_the_act():
    start = NOW - timedelta(days=5)
    old = {"ocid": "ocds-b5fd17-1", "tender_start": start, "deadline": start + timedelta(days=24)}
    found = names(signals_for(process(above_threshold=True, **old), NOW))
    assert "Public Contracts Regulations 2015" in found["below_threshold"].explanation
    assert "Procurement Act 2023 apply" not in found["below_threshold"].explanation
    assert (
        found["tender_period"].good is None and "25 days" not in found["tender_period"].explanation
    )
    new = names(signals_for(process(above_threshold=True, legal_basis="UKPGA", **old), NOW))
    assert "Procurement Act 2023 apply" in new["below_threshold"].explanation
    assert new["tender_period"].good is False


def test_money_and_dates_in_plain_english():
    assert money(Decimal(118000000)) == "£118 million"
    assert money(Decimal(2500000)) == "£2.5 million"
    assert money(Decimal("49999.6")) == "£50,000"
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
