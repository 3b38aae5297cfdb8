"""The UK9 reader on the real Find a Tender page and on what it must not drop."""

import json
from decimal import Decimal

from socialvalue import uk9_metrics
from tests.conftest import require_data

PAGE = ("ocds", "find-a-tender", "2026-08-11", "page-004.json")


def test_the_real_page_holds_eight_kpis_in_two_uk9_notices():
    package = json.loads(require_data(*PAGE).read_text())
    rows, rejects = uk9_metrics.read_package(package)
    # Counted by hand: 076141-2026 and 076113-2026 each publish 4 metrics with 1 observation.
    assert len(rows) == 8 and rejects == []
    assert {r.release_id for r in rows} == {"076141-2026", "076113-2026"}
    assert {r.ocid for r in rows} == {"ocds-h6vhtk-04f7de", "ocds-h6vhtk-059d41"}
    assert all(r.contract_id == "1" and r.award_id == "1" and not r.flags for r in rows)
    by_key = {(r.release_id, r.metric_id): r for r in rows}
    slight = by_key[("076141-2026", "2")]
    assert slight.measure == "75%" and slight.value == Decimal(75) and slight.unit == "%"
    assert slight.classification == "slightlyBelow"
    training = by_key[("076113-2026", "4")]
    assert training.title.startswith("Number of training opportunities")
    assert training.value == Decimal(1500) and training.unit == ""
    assert training.period_start.isoformat() == "2026-04-01T00:00:00+01:00"
    assert training.notice_url == "https://www.find-tender.service.gov.uk/Notice/076113-2026"
    assert sum(r.classification == "met" for r in rows) == 7


def release(metrics):
    return {
        "ocid": "ocds-x",
        "id": "r1",
        "contracts": [{"id": "c1", "implementation": {"metrics": metrics}}],
    }


def test_nothing_is_dropped_silently():
    rows, rejects = uk9_metrics.read_release(
        release(
            [
                {"title": "No id", "observations": [{"measure": "good", "period": {}}]},
                {"id": "2", "title": "No observations"},
                "not an object",
                {
                    "id": "4",
                    "title": "Odd",
                    "weight": 3,
                    "observations": [
                        {"measure": "12 visits", "period": {"startDate": "soon"}, "colour": "red"},
                        7,
                    ],
                },
            ]
        )
    )
    assert len(rows) == 4 and len(rejects) == 1
    assert rejects[0].location.endswith("metrics/2") and "not an object" in rejects[0].reason
    no_id, none, odd, not_object = rows
    assert no_id.metric_id == "#1" and "the metric has no id: numbered by its place" in no_id.flags
    assert "the measure states no number" in no_id.flags
    assert "the observation has no period" in no_id.flags
    assert none.flags == ["the metric has no observations"]
    assert odd.value == Decimal(12) and odd.extra == {"weight": 3, "colour": "red"}
    assert "period start is not a date: soon" in odd.flags
    assert "the observation is not an object" in not_object.flags


def test_a_value_object_is_read_before_the_measure():
    rows, _ = uk9_metrics.read_release(
        release(
            [
                {
                    "id": "1",
                    "observations": [
                        {"measure": "about 10", "value": {"amount": 9.5, "currency": "GBP"}}
                    ],
                }
            ]
        )
    )
    assert rows[0].value == Decimal("9.5") and rows[0].unit == "GBP"


def test_releases_without_metrics_give_nothing():
    assert uk9_metrics.read_release({"ocid": "o", "id": "r", "tender": {}}) == ([], [])
    rows, rejects = uk9_metrics.read_package({"releases": ["x"]})
    assert rows == [] and rejects[0].reason == "the release is not an object"


def test_a_period_that_is_not_an_object_is_flagged_and_the_row_kept():
    rows, rejects = uk9_metrics.read_release(
        release(
            [{"id": "1", "title": "Uptime", "observations": [{"measure": "99%", "period": "Q1"}]}]
        )
    )
    assert len(rows) == 1 and rejects == []
    assert "the observation's period is not an object" in rows[0].flags
    assert rows[0].period_start is None and rows[0].value == Decimal(99)
