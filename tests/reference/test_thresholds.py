from datetime import date
from decimal import Decimal

from reference.thresholds import table_for, threshold_test


def test_worked_example_from_rules():
    # Council services £180k ex VAT = £216k incl VAT: above the 2025 (£214,904) and 2026 (£207,720) tables.
    for on, threshold in [(date(2025, 6, 1), 214904), (date(2026, 6, 1), 207720)]:
        test = threshold_test(Decimal(180000), None, "services", "council", on)
        assert (
            test.above
            and test.threshold == threshold
            and test.value_incl_vat == Decimal("216000.00")
        )
        assert test.estimated  # VAT added by us


def test_nhs_trusts_use_the_central_threshold_and_works_their_own():
    test = threshold_test(None, Decimal(140000), "goods", "nhs_trust", date(2025, 3, 1))
    assert test.above and test.kind == "goods_services_central" and not test.estimated
    assert not threshold_test(None, Decimal(5_000_000), "works", "council", date(2026, 2, 1)).above


def test_unknown_value_or_date():
    assert threshold_test(None, None, "services", "council", date(2025, 1, 1)) is None
    assert table_for(date(2030, 1, 1))["effective_from"] == "2026-01-01"
