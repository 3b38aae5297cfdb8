"""The registered measures (spend/measures/shares.py): shares over analysed, known and
addressable spend, and coverage, with the method's worked examples. Pure."""

import pytest

from spend.measures import deprivation_level, report
from tests.spend.measures.frames import PLACED, ROWS, frame, payments


def test_shares_of_analysed_spend_leave_out_withheld_names_and_never_count_unknown():
    found = report(payments(ROWS[:4]))
    assert found["total_spend"] == 1000.0
    assert found["local_share_operational"] == pytest.approx(0.9)
    assert found["local_share_registered"] == pytest.approx(0.6)
    assert found["combined_authority_share"] == pytest.approx(0.9)
    assert found["sme_share"] == pytest.approx(0.6)
    assert found["vcse_share"] == 0.0
    # deprivation judged at no level here (no LSOA): not known, never counted
    assert found["deprived_area_share"] is None
    assert found["location_coverage"] == pytest.approx(0.9)
    assert found["size_coverage"] == pytest.approx(0.9)


def test_a_flag_known_for_no_supplier_gives_no_share_rather_than_zero():
    unknown = (100.0, False, 3, None, None, None, None, None, None, None, None, "A")
    found = report(payments([unknown, unknown]))
    assert found["total_spend"] == 200.0
    assert found["local_share_operational"] is None and found["sme_share"] is None
    assert found["location_coverage"] == 0.0


def test_no_analysed_spend_gives_no_share_rather_than_zero():
    assert report(payments(ROWS[3:4]))["local_share_operational"] is None


def test_unknown_place_is_not_counted_as_outside_the_uk():
    found = report(frame(PLACED, level="LSOA"))
    # Old code: unknown counted as not in the UK, so uk_share equalled the coverage; here one
    # known supplier is abroad and 300 of 1,000 is not known.
    assert found["uk_share"] == pytest.approx(0.6)
    assert found["uk_unknown_share"] == pytest.approx(0.3)
    assert found["uk_known_share"] == pytest.approx(600 / 700)
    assert found["location_coverage"] == pytest.approx(0.7)
    assert found["uk_share"] != found["location_coverage"]
    assert found["combined_authority_share"] == pytest.approx(0.4)
    assert found["combined_authority_known_share"] == pytest.approx(400 / 700)
    assert found["sme_known_share"] == pytest.approx(400 / 700)


def test_addressable_spend_leaves_public_bodies_out_and_keeps_unknown_sector_in():
    found = report(frame(PLACED, level="LSOA"))
    assert found["addressable_spend"] == 800.0  # the public body's 200 left out
    assert found["public_sector_share"] == pytest.approx(0.2)
    assert found["local_share_operational"] == pytest.approx(0.4)
    assert found["uk_addressable_share"] == pytest.approx(400 / 800)  # the abroad 100 is out
    assert found["local_operational_addressable_share"] == pytest.approx(400 / 800)
    assert found["sector_coverage"] == pytest.approx(0.7)
    # place, size and sector all known for payees 1, 2, 3
    assert found["coverage"] == pytest.approx(0.7)


def test_coverage_needs_place_size_and_sector_all_known():
    rows = [
        (100.0, 1, "private", True, True, True, True, True, None, False, False),  # size unknown
        (100.0, 2, None, True, True, True, True, True, True, False, False),  # sector unknown
        (100.0, 3, "third", True, True, True, True, True, True, True, False),
    ]
    found = report(frame(rows))
    assert found["coverage"] == pytest.approx(1 / 3)
    assert found["public_sector_share"] == 0.0
    assert report(frame([(100.0, 4, None, *[None] * 8)]))["public_sector_share"] is None
    assert found["location_coverage"] == 1.0 and found["size_coverage"] == pytest.approx(2 / 3)


def test_deprivation_counts_only_where_judged_at_lsoa():
    at_lsoa = report(frame(PLACED, level="LSOA"))
    assert at_lsoa["deprived_area_share"] == pytest.approx(0.4)
    assert deprivation_level(frame(PLACED, level="LSOA")) == "LSOA"
    # a flag set for a whole local authority (no LSOA) counts for nothing
    by_authority = report(frame(PLACED))
    assert by_authority["deprived_area_share"] is None
    assert by_authority["deprived_area_unknown_share"] == 1.0
    assert deprivation_level(frame(PLACED)) is None
