"""Leakage (spend/measures/leakage.py): the categories with most spend with suppliers known to be
outside the area, and the local suppliers registered in each. Pure."""

import polars as pl
import pytest

from spend.measures.leakage import leaking_categories, with_local_suppliers
from tests.spend.measures.frames import frame

# amount, payee, sector, registered_local, operational_local, wmca, region, uk, sme, vcse, deprived
ROWS = [
    (500.0, 1, "private", False, False, False, False, True, True, False, False),  # outside
    (100.0, 2, "private", True, True, True, True, True, True, False, False),  # local
    (200.0, 3, "private", None, None, None, None, None, None, None, None),  # not known
    (300.0, 4, "private", False, False, False, True, True, False, False, False),  # outside
    (700.0, 5, "private", True, True, True, True, True, False, False, False),  # local only
    (900.0, 6, "private", False, False, False, False, False, False, False, False),  # no category
]
CATEGORIES = ["Care", "Care", "Care", "Roads", "Parks", ""]


def table(rows=ROWS, categories=CATEGORIES, redacted=None):
    built = frame(rows).with_columns(category=pl.Series(categories))
    if redacted is not None:
        built = built.with_columns(is_redacted=pl.Series(redacted))
    return built


def test_categories_with_spend_outside_most_first():
    found = leaking_categories(table())
    assert [row["category"] for row in found] == ["Care", "Roads"]
    care, roads = found
    assert (care["category_spend"], care["outside"], care["not_known"]) == (800.0, 500.0, 200.0)
    assert care["outside_share"] == pytest.approx(500 / 800)
    assert (roads["category_spend"], roads["outside"], roads["not_known"]) == (300.0, 300.0, 0.0)
    assert roads["outside_share"] == 1.0
    # a category all local (Parks) and payments with no category (900 outside) are no leak


def test_the_flag_sets_the_ring():
    # In the region, Roads' supplier is inside; only Care leaks.
    assert [row["category"] for row in leaking_categories(table(), flag="in_region")] == ["Care"]


def test_the_limit_and_ties_in_name_order():
    rows = [ROWS[0], ROWS[0], ROWS[0]]
    found = leaking_categories(table(rows, ["Zoo", "Art", "Mid"]), limit=2)
    assert [row["category"] for row in found] == ["Art", "Mid"]


def test_withheld_names_are_not_analysed():
    # The payment outside the area in Care is withheld: Care no longer leaks.
    found = leaking_categories(table(redacted=[True, False, False, False, False, False]))
    assert [row["category"] for row in found] == ["Roads"]


def test_a_category_whose_refunds_cancel_it_has_no_share():
    rows = [ROWS[0], (-500.0, *ROWS[0][1:]), ROWS[3]]
    found = leaking_categories(table(rows, ["Care", "Care", "Roads"]))
    # Care's outside spend nets to nothing: no longer a leak
    assert [row["category"] for row in found] == ["Roads"]
    rows = [ROWS[0], (-500.0, 2, *ROWS[1][2:])]  # outside 500, local refund -500: spend 0
    found = leaking_categories(table(rows, ["Care", "Care"]))
    assert found[0]["category_spend"] == 0.0 and found[0]["outside_share"] is None


def test_nothing_leaks_from_no_payments():
    assert leaking_categories(table(ROWS[4:5], ["Parks"])) == []


def test_local_suppliers_are_listed_beside_each_category():
    categories = leaking_categories(table())
    local = pl.DataFrame(
        {
            "category": ["Care", "Care", "Care", "Parks"],
            "supplier": ["A Care CIC", "B Care Ltd", "C Care Ltd", "Park Co"],
            "evidence": ["registered in Walsall", "operates in Dudley", "x", "y"],
            "other": [1, 2, 3, 4],
        }
    )
    found = with_local_suppliers(categories, local, per_category=2)
    assert [row["category"] for row in found] == ["Care", "Roads"]
    assert found[0]["local_suppliers"] == [
        {"supplier": "A Care CIC", "evidence": "registered in Walsall"},
        {"supplier": "B Care Ltd", "evidence": "operates in Dudley"},
    ]
    assert found[1]["local_suppliers"] == []
    assert found[0]["outside"] == categories[0]["outside"]  # the category's figures are kept
    assert with_local_suppliers([], local) == []


def test_payments_without_categories_leak_from_none():
    assert leaking_categories(frame(ROWS)) == []
