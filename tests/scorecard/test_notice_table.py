"""What the scorecard reads from each release: a worked release, and the real Find a Tender day
against a plain loop over the files. No database."""

from collections import Counter

from scorecard.notice_table import notice_types, rows_of, tables, tender_days
from tests.scorecard.realdata import real_releases, types_by_plain_loop

RELEASE = {
    "ocid": "ocds-test-1",
    "id": "r1",
    "date": "2026-08-10T09:00:00+01:00",
    "tag": ["award", "contract"],
    "tender": {
        "title": "Cleaning",
        "lots": [{"id": "1"}, {"id": "2"}],
        "tenderPeriod": {"startDate": "2026-07-01T12:00:00Z", "endDate": "2026-07-26T12:00:00Z"},
        "documents": [{"id": "d1", "noticeType": "UK4"}],
    },
    "awards": [
        {
            "id": "a1",
            "status": "active",
            "date": "2026-08-09T00:00:00Z",
            "value": {"amount": 1000},
            "suppliers": [{"id": "s1", "name": "Acme Ltd"}, {"id": "s2", "name": "Beta CIC"}],
            "documents": [{"id": "d2", "noticeType": "UK6"}, {"id": "d3", "noticeType": "UK6"}],
        }
    ],
    "parties": [
        {
            "id": "s1",
            "identifier": {"scheme": "GB-COH", "id": "01234567"},
            "details": {"scale": "sme"},
            "address": {"postalCode": "b1 1aa"},
        },
        {"id": "s2", "details": {"vcse": True}},
    ],
    "bids": {
        "statistics": [
            {"id": "1", "measure": "bids", "value": 3, "relatedLot": "1"},
            {"id": "2", "measure": "finalStageBids", "value": 2, "relatedLot": "1"},
            {"id": "3", "measure": "smeFinalStageBids", "value": 1, "relatedLot": "1"},
            {"id": "4", "measure": "bids", "value": "1e9999", "relatedLot": "2"},
        ]
    },
}


def test_one_release_read_by_hand():
    rows = rows_of(RELEASE, "org:1", "A council", in_period=True)
    [notice] = rows.notices
    assert notice["notice_types"] == ["UK4", "UK6"]
    assert notice["lots_in_tender"] == 2
    assert notice["tender_days"] == 25.0
    assert [(lot["lot_id"], lot["bids"], lot["sme_final_stage_bids"]) for lot in rows.lots] == [
        ("1", 3.0, 1.0)
    ]  # "1e9999" is not a number of bids: lot 2 publishes none
    assert [
        (a["supplier_name"], a["scale"], a["vcse"], a["suppliers_in_award"]) for a in rows.awards
    ] == [
        ("Acme Ltd", "sme", None, 2),
        ("Beta CIC", "", True, 2),
    ]
    assert rows.awards[0]["supplier_ids"] == ["GB-COH:01234567"]
    assert [a["name_key"] for a in rows.awards] == ["acme", "beta"]  # suppliers.names
    assert all(a["supplier_id"] is None and a["published_local"] is None for a in rows.awards)


def test_values_in_another_currency_are_kept_with_it_and_not_added_as_pounds():
    release = {
        **RELEASE,
        "tender": {**RELEASE["tender"], "value": {"amount": 500, "currency": "usd"}},
        "awards": [
            {**RELEASE["awards"][0], "value": {"amount": 221291, "currency": "USD"}},
            {"id": "a2", "value": {"amount": 10, "currency": "GBP"}, "suppliers": [{"id": "s1"}]},
        ],
        "contracts": [{"awardID": "a1", "value": {"amount": 221291, "currency": "USD"}}],
    }
    rows = rows_of(release, "org:1", "A council", in_period=True)
    assert (rows.notices[0]["value"], rows.notices[0]["currency"]) == (None, "USD")
    assert [(a["award_id"], a["value"], a["currency"]) for a in rows.awards] == [
        ("a1", None, "USD"),
        ("a1", None, "USD"),
        ("a2", 10.0, "GBP"),
    ]


def test_tender_days_from_duration_when_no_dates():
    assert tender_days({"tenderPeriod": {"durationInDays": 30}}) == 30
    assert tender_days({"tenderPeriod": {"durationInDays": "1e9999"}}) is None
    assert tender_days({}) is None


def test_hostile_shapes_give_empty_rows_not_errors():
    rows = rows_of({"tender": [], "awards": "x", "bids": {"statistics": [None, 3]}}, "k", "", True)
    assert rows.notices[0]["notice_types"] == [] and rows.lots == [] and rows.awards == []


def test_the_real_day_every_release_and_type_against_a_plain_loop():
    releases = real_releases()
    table = tables((r, "k", "", True, False) for r in releases)
    assert table.notices.height == len(releases) == 559 + 206  # Find a Tender, Contracts Finder
    plain = Counter(t for r in releases for t in types_by_plain_loop(r))
    ours = Counter(t for types in table.notices["notice_types"].to_list() for t in types)
    assert ours == plain
    assert all(
        notice_types(r) == sorted(types_by_plain_loop(r), key=lambda t: int(t[2:]))
        for r in releases
    )
    awarded = sum(len(a.get("suppliers") or []) for r in releases for a in r.get("awards") or [])
    assert table.awards.height == awarded > 0


def test_the_tender_itself_and_its_updates():
    from scorecard.notice_table import is_tender

    tender = {"tenderPeriod": {"endDate": "2026-03-26T00:00:00Z"}}
    base = {"id": "1", "ocid": "o", "date": "2026-03-01T00:00:00Z", "tender": tender}
    assert is_tender(base | {"tag": ["tender"]}) and is_tender(
        base | {"tag": ["planning", "tender"]}
    )
    assert not is_tender(base | {"tag": ["tenderUpdate"]}) and not is_tender(base)
    [own] = rows_of(base | {"tag": ["tender"]}, "k", "", True).notices
    [update] = rows_of(base | {"tag": ["tenderUpdate"]}, "k", "", True).notices
    assert (own["tender_days"], own["tender_start"] is not None) == (25.0, True)
    assert (update["tender_days"], update["tender_start"]) == (None, None)


def test_which_awards_a_release_ends():
    from scorecard.notice_table import award_ended, awards_said

    assert award_ended("Cancelled", []) and award_ended("withdrawn", ["active"])
    assert award_ended("active", ["cancelled", "cancelled"])
    assert not award_ended("active", ["cancelled", "active"])
    assert not award_ended("active", ["terminated"]) and not award_ended("", [])
    release = {
        "awards": [{"id": "1", "status": "active", "date": "2026-03-01T00:00:00Z"}],
        "contracts": [
            {"id": "c1", "awardID": "1", "status": "cancelled"},
            {"id": "c2", "awardID": "2", "status": "active"},
        ],
    }
    assert [(a["award_id"], a["ended"]) for a in awards_said(release)] == [
        ("1", True),
        ("2", False),
    ]
    [notice] = rows_of(release | {"id": "r", "ocid": "o"}, "k", "", True).notices
    assert notice["first_award_date"] is None  # its one dated award is ended


def test_a_payments_share_is_read_by_its_words_not_its_size():
    from scorecard.notice_table import within_30_days_kind

    assert within_30_days_kind({"measure": "percentageInvoicesPaidWithin30Days"}) == "percent"
    assert within_30_days_kind({"measure": "paidWithin30Days", "unit": {"name": "%"}}) == "percent"
    assert within_30_days_kind({"measure": "paidWithin30Days", "unit": {"id": "share"}}) == "share"
    assert within_30_days_kind({"measure": "paidWithin30Days", "value": 0.5}) == "count"
    one = {
        "id": "r",
        "ocid": "o",
        "bids": {"statistics": [{"measure": "percentageInvoicesPaidWithin30Days", "value": 1}]},
    }
    assert [(c["measure"], c["value"]) for c in rows_of(one, "k", "", True).compliance] == [
        ("paid_within_30_days_share", 0.01)
    ]
