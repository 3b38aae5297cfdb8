"""SME-friendliness signals (opportunities/sme_signals.py): pure, plain objects stand in for processes."""

from datetime import timedelta

from opportunities.sme_signals import SIGNALS, how_judged, signals_for
from tests.opportunities.plain_processes import NOW, process


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
