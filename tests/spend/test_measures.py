"""The ledger's measures (pure: a table in, numbers out), with the method's worked examples."""

import polars as pl
import pytest

from spend.measures import (
    FLAGS,
    MEASURES,
    by,
    by_sector,
    deprivation_level,
    lm3,
    quarter_label,
    report,
    unplaced,
)


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
    # deprivation judged at no level here (no LSOA): not known, never counted
    assert found["deprived_area_share"] is None
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


def test_sector_split_with_withheld_names_and_not_known_apart():
    withheld = frame([(500.0, 9, None, *[None] * 8)]).with_columns(is_redacted=pl.lit(True))
    split = {row["sector"]: row for row in by_sector(pl.concat([frame(PLACED), withheld]))}
    assert split["Public sector"]["spend"] == 200.0
    assert split["Private sector"]["spend"] == 500.0 and split["Private sector"]["suppliers"] == 2
    assert split["Individual or name withheld"]["spend"] == 500.0
    assert split["Sector not known"]["spend"] == 300.0
    assert split["Third sector (charities, social enterprises)"]["spend"] == 0.0
    assert sum(row["share"] for row in split.values()) == pytest.approx(1.0)


def test_the_largest_unplaced_payees_first():
    rows = [*PLACED, (50.0, 5, "private", *[None] * 8), (300.0, 4, None, *[None] * 8)]
    found = unplaced(frame(rows), limit=10)
    assert [row["payee_id"] for row in found] == [4, 5]
    assert found[0]["spend"] == 600.0 and found[0]["payments"] == 2
    assert found[0]["share"] == pytest.approx(600 / 1350)


def test_a_network_total_pools_payments_rather_than_averaging_shares():
    big = frame([(900.0, 1, "private", *[True] * 8)]).with_columns(anchor=pl.lit("A"))
    small = frame([(100.0, 2, "private", *[False] * 8)]).with_columns(anchor=pl.lit("B"))
    both = pl.concat([big, small])
    split = by(both, "anchor")
    average = (split["A"]["uk_share"] + split["B"]["uk_share"]) / 2
    assert report(both)["uk_share"] == pytest.approx(0.9) != pytest.approx(average)


@pytest.mark.parametrize(
    ("key", "label"),
    [
        ("2024-Q1", "Q1 2024-25 (April–June 2024)"),
        ("2024-Q2", "Q2 2024-25 (July–September 2024)"),
        ("2024-Q3", "Q3 2024-25 (October–December 2024)"),
        ("2024-Q4", "Q4 2024-25 (January–March 2025)"),
        ("1999-Q4", "Q4 1999-00 (January–March 2000)"),
    ],
)
def test_financial_quarters_in_words(key, label):
    assert quarter_label(key) == label


def test_a_quarter_out_of_range_is_refused():
    with pytest.raises(ValueError, match="quarters 1 to 4"):
        quarter_label("2024-Q5")
