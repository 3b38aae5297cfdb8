"""Rings of the ledger in the measures (spend/measures/rings.py): whether a payee is in a ring
from its known places, and each ring's share, known share, addressable share and coverage, by
hand on a small table. Pure."""

from dataclasses import dataclass

import polars as pl
import pytest

from reference.area_rules import AUTHORITIES, POSTCODES, RADIUS, WARDS, Definition, Where
from spend.measures import leaking_categories, names, report, table
from spend.measures import rings as rm
from tests.spend.measures.frames import PLACED, frame


@dataclass(frozen=True)
class Ring:
    key: str
    label: str
    column: str


EAST = Ring("area:east-birmingham", "East Birmingham", "in_area_east_birmingham")
WARD = Ring("area:wards", "Wards", "in_area_wards")
UK = Ring("uk", "UK", "in_uk")

# PLACED: 400 (payee 1, private), 100 (2, private), 200 (3, public), 300 (4, sector not known).
# East Birmingham: payee 1 in, payee 2 out, payees 3 and 4 not known.
# Wards: payee 1 in, the others not known (no ward).
RINGS = {1: (True, True), 2: (False, None), 3: (None, None), 4: (None, None)}


def placed():
    flags = pl.DataFrame(
        [(pk, *answers) for pk, answers in RINGS.items()],
        schema={"payee_id": pl.Int64, EAST.column: pl.Boolean, WARD.column: pl.Boolean},
        orient="row",
    )
    return frame(PLACED).join(flags, on="payee_id", how="left")


def test_a_rings_share_known_share_addressable_share_and_coverage_by_hand():
    figures = report(placed(), rm.measures_for([EAST, WARD]))
    east, ward = rm.figures(figures, [EAST, WARD])
    # analysed 1,000; in East Birmingham 400; known in or out 400 + 100 = 500
    assert east["share"] == pytest.approx(400 / 1000)
    assert east["known_share"] == pytest.approx(400 / 500)
    # addressable: all but the public body's 200 = 800
    assert east["addressable_share"] == pytest.approx(400 / 800)
    assert east["unknown_share"] == pytest.approx(500 / 1000)
    assert east["coverage"] == pytest.approx(500 / 1000)
    # the ward-defined ring knows only payee 1's ward: coverage 400 of 1,000
    assert ward["share"] == pytest.approx(0.4)
    assert ward["known_share"] == 1.0
    assert ward["coverage"] == pytest.approx(0.4)
    assert (east["key"], east["label"]) == ("area:east-birmingham", "East Birmingham")


def test_a_standard_ring_gives_the_ledgers_own_figures():
    figures = report(placed(), rm.measures_for([UK]))
    (uk,) = rm.figures(figures, [UK])
    assert uk["share"] == figures["uk_share"]
    assert uk["known_share"] == figures["uk_known_share"]
    assert uk["coverage"] == figures["location_coverage"]


def test_the_fixed_measures_are_unchanged_by_rings():
    plain = report(placed())
    with_rings = report(placed(), rm.measures_for([EAST]))
    assert {k: with_rings[k] for k in plain} == plain
    assert set(names(rm.measures_for([EAST]))) - set(names()) == {
        "in_area_east_birmingham_share",
        "in_area_east_birmingham_known_share",
        "in_area_east_birmingham_addressable_share",
        "in_area_east_birmingham_unknown_share",
        "in_area_east_birmingham_coverage",
    }


def test_a_ring_known_for_no_one_has_no_share():
    unknown = placed().with_columns(pl.lit(None, dtype=pl.Boolean).alias(EAST.column))
    (east,) = rm.figures(report(unknown, rm.measures_for([EAST])), [EAST])
    assert east["share"] is None and east["known_share"] is None and east["coverage"] == 0


def test_rings_grouped_by_a_column():
    grouped = table(
        placed().with_columns(group=pl.Series(["a", "a", "b", "b"])),
        "group",
        rm.measures_for([EAST]),
    )
    rows = {row["group"]: row for row in grouped.to_dicts()}
    assert rows["a"]["in_area_east_birmingham_share"] == pytest.approx(400 / 500)
    assert rows["b"]["in_area_east_birmingham_share"] is None


def test_leakage_per_ring_counts_only_spend_known_outside():
    categories = placed().with_columns(category=pl.Series(["Care", "Care", "Care", "Care"]))
    (care,) = leaking_categories(categories, flag=EAST.column)
    assert (care["outside"], care["not_known"]) == (100.0, 500.0)


def places(rows):
    return pl.DataFrame(rows, schema=rm.PLACES, orient="row")


def test_a_payee_is_in_a_ring_when_one_known_place_is_inside():
    east = Definition(POSTCODES, members=("B9 4", "B8"))
    wards = Definition(WARDS, members=("E05011127",))
    wheres = {
        "B9 4RL": Where(postcode="B9 4RL", la="E08000025", ward="E05011127"),
        "B1 1BB": Where(postcode="B1 1BB", la="E08000025", ward="E05011151"),
    }
    found = rm.payee_rings(
        places(
            [
                (1, "B1 1BB", "E08000025"),  # registered outside...
                (1, "B9 4RL", None),  # ...a site inside
                (2, "B1 1BB", None),  # every place outside
                (3, None, "E08000025"),  # only its authority: not known for postcodes
                (4, "CV1 2GN", None),  # a postcode in no directory: known by itself
            ]
        ),
        wheres,
        {"in_east": east, "in_wards": wards},
        payee_ids=[1, 2, 3, 4, 5],
    )
    rows = {row["payee_id"]: row for row in found.to_dicts()}
    assert (rows[1]["in_east"], rows[1]["in_wards"]) == (True, True)
    assert (rows[2]["in_east"], rows[2]["in_wards"]) == (False, False)
    assert (rows[3]["in_east"], rows[3]["in_wards"]) == (None, None)
    assert (rows[4]["in_east"], rows[4]["in_wards"]) == (False, None)
    assert (rows[5]["in_east"], rows[5]["in_wards"]) == (None, None)  # no place at all


def test_an_authority_only_place_counts_for_an_area_of_authorities():

    found = rm.payee_rings(
        places([(1, None, "E08000025"), (2, None, "E08000026")]),
        {},
        {"in_las": Definition(AUTHORITIES, members=("E08000025",))},
    )
    assert found.sort("payee_id")["in_las"].to_list() == [True, False]


def test_a_radius_needs_a_grid_reference():
    # B9 4RL is 2,000 m east of the centre: 1.24 miles, inside 5 miles; B1 1BB has no grid
    # reference known, so is not known.
    ring = Definition(RADIUS, centres=((410000, 287000),), miles=5)
    wheres = {
        "B9 4RL": Where(postcode="B9 4RL", easting=412000, northing=287000),
        "B1 1BB": Where(postcode="B1 1BB"),
    }
    found = rm.payee_rings(
        places([(1, "B9 4RL", None), (2, "B1 1BB", None)]), wheres, {"in_sites_5mi": ring}
    )
    assert found.sort("payee_id")["in_sites_5mi"].to_list() == [True, None]
