"""Progress against commitments, worked by hand; one buyer's part of every buyer's tables; the
adoption picture as a table. No database."""

from datetime import date

from scorecard.charter_progress import (
    adoption_by_anchor,
    adoption_table,
    met,
    progress,
    shown,
    target_words,
)
from scorecard.indicators.registry import Figure


def test_met_at_least_and_at_most():
    assert met(0.5, 0.4, "at_least") is True
    assert met(0.4, 0.4, "at_least") is True
    assert met(0.3, 0.4, "at_least") is False
    assert met(0.3, 0.4, "at_most") is True
    assert met(0.5, 0.4, "at_most") is False
    assert met(None, 0.4, "at_least") is None
    assert met(0.3, None, "at_most") is None


def test_progress_reads_figures_adoptions_and_units():
    commitments = [
        {
            "slug": "lots",
            "title": "Divide into lots",
            "indicator": "lots_share",
            "target": 0.5,
            "comparison": "at_least",
        },
        {
            "slug": "award",
            "title": "Award quickly",
            "indicator": "days_to_award",
            "target": 30,
            "comparison": "at_most",
        },
        {
            "slug": "engage",
            "title": "Engage the market",
            "indicator": "",
            "target": None,
            "comparison": "at_least",
        },
    ]
    figures = {"lots_share": Figure(0.25, 1, 4), "days_to_award": Figure(None, note="no award")}
    units = {"lots_share": "share", "days_to_award": "days"}
    found = progress(commitments, {"lots": date(2026, 4, 1)}, figures, units)
    assert [(p.slug, p.value, p.met, p.adopted_on, p.unit) for p in found] == [
        ("lots", 0.25, False, date(2026, 4, 1), "share"),
        ("award", None, None, None, "days"),
        ("engage", None, None, None, "share"),
    ]
    assert [(p.target_shown, p.value_shown, p.note) for p in found] == [
        ("At least 50%", "25%", ""),
        ("At most 30 days", "", "no award"),
        ("No target", "", ""),
    ]


def test_targets_and_figures_in_their_units():
    assert shown(0.95, "share") == "95%"
    assert shown(0.125, "share") == "12.5%"
    assert shown(15, "days") == "15 days"
    assert shown(1, "days") == "1 day"
    assert shown(1.0, "yes_no") == "Yes"
    assert shown(0.0, "yes_no") == "No"
    assert shown(0.1834, "index") == "0.1834"
    assert shown(None, "share") == ""
    assert target_words(0.05, "at_most", "share") == "At most 5%"
    assert target_words(1, "at_least", "yes_no") == "Yes"
    assert target_words(None, "at_least", "share") == "No target"


def _tender(ocid, buyer, lots):
    return {
        "ocid": ocid,
        "id": f"{ocid}-1",
        "date": "2026-08-10T10:00:00Z",
        "tender": {
            "id": "t",
            "lots": [{"id": str(n)} for n in range(lots)],
            "documents": [{"id": "d", "noticeType": "UK4"}],
        },
        "buyer": {"name": buyer},
    }


def test_the_adoption_picture():
    table = adoption_table(
        [("lots", "Divide into lots"), ("pay", "Pay within 30 days")],
        [(1, "Birmingham City Council"), (2, "Aston University")],
        {
            ("lots", 1): date(2026, 4, 1),
            ("lots", 2): date(2026, 5, 2),
            ("pay", 2): date(2026, 6, 3),
        },
    )
    assert [c.label for c in table.columns] == [
        "Commitment",
        "Birmingham City Council",
        "Aston University",
        "Anchors adopting",
    ]
    assert table.csv().splitlines() == [
        "Commitment,Birmingham City Council,Aston University,Anchors adopting",
        "Divide into lots,2026-04-01,2026-05-02,2",
        "Pay within 30 days,Not adopted,2026-06-03,1",
    ]
    assert table.xlsx()[:2] == b"PK"
    assert adoption_table([], [(1, "A")], {}).rows == []


def test_the_adoption_picture_by_anchor():
    commitments = [("lots", "Divide into lots"), ("pay", "Pay within 30 days")]
    adopted = {("pay", 2): date(2026, 6, 3), ("lots", 2): date(2026, 5, 2)}
    found = adoption_by_anchor(commitments, [(1, "Birmingham"), (2, "Aston")], adopted)
    assert [(a.name, a.adopted, a.of) for a in found] == [
        ("Birmingham", [], 2),
        (
            "Aston",
            [("Divide into lots", date(2026, 5, 2)), ("Pay within 30 days", date(2026, 6, 3))],
            2,
        ),
    ]
