"""Awards to suppliers in each ring, worked by hand: three awards, one to a supplier in B9 4
(inside East Birmingham by postcode sector), one in B1 (outside it), one with no postcode (not
placed). No database."""

from dataclasses import replace

import polars as pl
import pytest

from reference.area_rules import AUTHORITIES, POSTCODES, Definition, Where
from scorecard.notice_table import tables
from scorecard.ring_awards import RingRule, in_uk, placed, ring_awards
from scorecard.ring_tables import comparison_rings_table, ring_awards_table

EAST_BIRMINGHAM = RingRule(
    "area:east-birmingham-postcodes",
    "East Birmingham (postcode sectors)",
    Definition(POSTCODES, ("B8 1", "B9 4", "B9 5", "B10 0")),
)
BIRMINGHAM = RingRule("authority", "Birmingham", Definition(AUTHORITIES, ("E08000025",)))
UK = RingRule("uk", "UK", uk=True)


def _release(ocid, award_id, value, supplier, address):
    return {
        "ocid": ocid,
        "id": f"{ocid}-award",
        "date": "2026-06-01T10:00:00Z",
        "awards": [
            {
                "id": award_id,
                "status": "active",
                "value": {"amount": value, "currency": "GBP"},
                "suppliers": [{"id": supplier, "name": supplier}],
            }
        ],
        "parties": [
            {
                "id": supplier,
                "name": supplier,
                "roles": ["supplier"],
                "identifier": {"scheme": "GB-COH", "id": supplier},
                "address": address,
            }
        ],
    }


def _three():
    releases = [
        _release("a", "1", 1000, "S1", {"postalCode": "b9 4rl", "country": "GB"}),
        _release("b", "1", 3000, "S2", {"postalCode": "B1 1BB", "country": "GB"}),
        _release("c", "1", 6000, "S3", {}),
    ]
    return tables((r, "org:1", "Home", True, False) for r in releases)


# What the registers say of the two postcodes (as registers.areas.where gives them).
PLACES = {
    "B9 4RL": Where(postcode="B9 4RL", la="E08000025", ward="E05011127"),
    "B1 1BB": Where(postcode="B1 1BB", la="E08000025", ward="E05011151"),
}


def test_three_awards_by_hand():
    east, home, uk = ring_awards(_three(), [EAST_BIRMINGHAM, BIRMINGHAM, UK], PLACES, {})
    # East Birmingham: S1 inside (£1,000 of £10,000), S2 outside, S3 not placed (£6,000).
    assert (east.awards, east.value, east.share) == (1, 1000, pytest.approx(0.1))
    assert (east.unplaced_awards, east.unplaced_value) == (1, 6000)
    assert (east.total_awards, east.total_value) == (3, 10000)
    # Birmingham: S1 and S2 inside (£4,000), S3 not placed.
    assert (home.awards, home.value, home.share) == (2, 4000, pytest.approx(0.4))
    assert (home.unplaced_awards, home.unplaced_value) == (1, 6000)
    # The UK: S1 and S2 have UK postcodes; S3's notice names no country, so it is not placed.
    assert (uk.awards, uk.value, uk.unplaced_awards) == (2, 4000, 1)
    assert east.as_json() == {
        "ring": "area:east-birmingham-postcodes",
        "label": "East Birmingham (postcode sectors)",
        "awards": 1,
        "value": 1000,
        "share": pytest.approx(0.1),
        "unplaced_awards": 1,
        "unplaced_value": 6000,
        "source": "",
        "confidence": "",
    }


def test_a_postcode_not_in_a_directory_still_places_for_postcode_areas():
    (east,) = ring_awards(_three(), [EAST_BIRMINGHAM], {}, {})
    assert (east.awards, east.unplaced_awards) == (1, 1)
    (home,) = ring_awards(_three(), [BIRMINGHAM], {}, {})
    assert (home.awards, home.unplaced_awards) == (0, 3)  # no authority known: none outside


def test_the_register_entry_places_a_supplier_the_notice_did_not():
    found = _three()
    awards = found.awards.with_columns(
        supplier_id=found.awards["supplier_name"].replace_strict(
            {"S1": 1, "S2": 2, "S3": 3}, return_dtype=found.awards["supplier_id"].dtype
        )
    )
    registered = {3: [Where(postcode="B8 1AA")]}
    (east,) = ring_awards(replace(found, awards=awards), [EAST_BIRMINGHAM], PLACES, registered)
    assert (east.awards, east.value, east.unplaced_awards) == (2, 7000, 0)


def test_abroad_is_outside_every_ring_and_unknown_is_never_outside():
    assert in_uk("NL", []) is False and in_uk("United Kingdom", []) is True
    assert in_uk("", []) is None and in_uk("NL", [Where(postcode="B1 1BB")]) is True
    assert placed(EAST_BIRMINGHAM, "NL", []) is False
    assert placed(BIRMINGHAM, "GB", []) is None
    assert placed(RingRule("authority", "Own local authority"), "GB", [Where(la="X")]) is None
    assert placed(BIRMINGHAM, "", [Where(la="E08000026")]) is False


def test_no_valued_award_gives_no_share():
    releases = [_release("a", "1", None, "S1", {"postalCode": "B9 4RL"})]
    (east,) = ring_awards(
        tables((r, "org:1", "H", True, False) for r in releases), [EAST_BIRMINGHAM], {}, {}
    )
    assert (east.awards, east.value, east.share) == (1, 0, None)


def test_the_tables_show_every_ring():
    rings = ring_awards(_three(), [EAST_BIRMINGHAM, BIRMINGHAM, UK], PLACES, {})
    table = ring_awards_table(rings, "2026-27")
    assert [c.label for c in table.columns] == [
        "Ring",
        "Awards inside",
        "Value inside",
        "Share of value awarded",
        "Awards not placed",
        "Value not placed",
    ]
    assert table.display()[0][:4] == [
        ("East Birmingham (postcode sectors)", False, ""),
        ("1", True, ""),
        ("£1,000", True, ""),
        ("10.0%", True, ""),
    ]
    assert "Of 3 awards in the period, worth £10,000 in all." in table.note
    assert not table.printed_wide  # six columns: every header prints on a portrait page
    both = comparison_rings_table([("Home", rings), ("Other", rings[:1])])
    assert [row["buyer"] for row in both.rows] == ["Home", "Home", "Home", "Other"]
    assert len(both.printed_parts()) == 1  # seven columns print in one part, landscape


def test_the_ledger_s_authority_adds_a_place_only_when_no_postcode_is_in_it():
    found = _three()
    awards = found.awards.with_columns(
        supplier_id=found.awards["supplier_name"].replace_strict(
            {"S1": 1, "S2": 2, "S3": 3}, return_dtype=found.awards["supplier_id"].dtype
        )
    )
    facts = pl.DataFrame(
        {"buyer_key": ["org:1"] * 3, "supplier_id": [1, 2, 3], "place": ["E08000025"] * 3}
    )
    chosen = replace(found, awards=awards, suppliers=facts)
    east, home = ring_awards(chosen, [EAST_BIRMINGHAM, BIRMINGHAM], PLACES, {})
    # S2 at B1 1BB, registered in Birmingham: still outside East Birmingham, not "not placed";
    # S3, known only by its authority, is placed in Birmingham but not for postcode sectors.
    assert (east.awards, east.unplaced_awards, east.unplaced_value) == (1, 1, 6000)
    assert (home.awards, home.value, home.unplaced_awards) == (3, 10000, 0)
    assert "a supplier needs" not in ring_awards_table([home]).note
    needs = replace(east, needs="a postcode")
    assert "To be placed in East Birmingham (postcode sectors), a supplier needs a postcode." in (
        ring_awards_table([needs]).note
    )


def test_an_areas_check_and_source_reach_the_table_and_the_api():
    marked = replace(EAST_BIRMINGHAM, source="Drawn from the strategy's map", confidence="U")
    (east, home) = ring_awards(_three(), [marked, BIRMINGHAM], PLACES, {})
    assert (east.as_json()["confidence"], east.as_json()["source"]) == (
        "U",
        "Drawn from the strategy's map",
    )
    table = ring_awards_table([east, home])
    assert [c.label for c in table.columns][:2] == ["Ring", "Check"]
    assert [row["confidence"] for row in table.rows] == ["U", ""]
    assert (
        "East Birmingham (postcode sectors) (U): Check before relying on this: the boundary "
        "could not be read from a primary source. Its definition: Drawn from the strategy's map."
    ) in table.note


def test_an_unreadable_published_postcode_is_not_known_not_outside():
    assert in_uk("", [Where()]) is None
    assert placed(BIRMINGHAM, "", [Where(postcode="CV1 1AA", la="E08000026"), Where()]) is None
    assert placed(BIRMINGHAM, "", [Where(postcode="CV1 1AA", la="E08000026")]) is False
