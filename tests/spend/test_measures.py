"""The ledger's measures (pure: a table in, numbers out), with the method's worked examples."""

import polars as pl
import pytest

from spend.measures import FLAGS, MEASURES, by, lm3, report


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


def test_shares_of_analysed_spend_leave_out_withheld_names_and_never_count_unknown():
    found = report(payments(ROWS[:4]))
    assert found["total_spend"] == 1000.0
    assert found["local_share_operational"] == pytest.approx(0.9)
    assert found["local_share_registered"] == pytest.approx(0.6)
    assert found["combined_authority_share"] == pytest.approx(0.9)
    assert found["sme_share"] == pytest.approx(0.6)
    assert found["vcse_share"] == 0.0
    assert found["deprived_area_share"] == pytest.approx(0.6)
    assert found["location_coverage"] == pytest.approx(0.9)
    assert found["size_coverage"] == pytest.approx(0.9)


def test_by_anchor_and_credit_notes():
    split = by(payments(ROWS), "anchor")
    assert split["B"]["total_spend"] == 200.0 and split["B"]["vcse_share"] == 1.0
    assert split["A"]["total_spend"] == 1000.0


def test_a_flag_known_for_no_supplier_gives_no_share_rather_than_zero():
    unknown = (100.0, False, 3, None, None, None, None, None, None, None, None, "A")
    found = report(payments([unknown, unknown]))
    assert found["total_spend"] == 200.0
    assert found["local_share_operational"] is None and found["sme_share"] is None
    assert found["location_coverage"] == 0.0


def test_no_analysed_spend_gives_no_share_rather_than_zero():
    assert report(payments(ROWS[3:4]))["local_share_operational"] is None


def test_every_measure_explains_how_it_is_calculated():
    for measure in MEASURES.values():
        assert len(measure.how) > 40 and measure.label


def test_lm3_worked_example():
    # RULES.md section 5: (1,000,000 + 400,000 + 150,000) / 1,000,000 = 1.55
    assert lm3(1_000_000, 400_000, 150_000) == pytest.approx(1.55)
    with pytest.raises(ValueError, match="R3"):
        lm3(100, 50, 60)
    with pytest.raises(ValueError, match="above zero"):
        lm3(0, 0, 0)
