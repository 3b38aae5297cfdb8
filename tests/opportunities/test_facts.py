"""facts.py: what AnchorHub takes from a process's releases and compiled release. First on the real
Find a Tender day (../shared/data, read in place; figures checked by hand against the JSON are
named as such), then branch by branch on small releases written here. No database."""

import json
from datetime import UTC, datetime, timedelta, timezone
from decimal import Decimal

import ocdsmerge

from opportunities.fact_records import NoticeFacts
from opportunities.facts import (
    _cpvs,
    _locations,
    _phase,
    _with_all_items,
    award_conflicts,
    bid_statistics,
    latest_notice_type,
    notice_type_of,
    process_facts,
    release_facts,
)
from tests.opportunities.conftest import document_types

# --- The real day ---------------------------------------------------------------------------------


def test_notice_types_are_told_apart_under_one_tag(fts_releases, fts_facts):
    """UK5, UK6 and UK7 share the tag award,contract; each gets its own type from its documents."""
    seen = set()
    for release_id, release in fts_releases.items():
        published = document_types(release)
        facts = fts_facts(release_id)
        if published:
            assert len(published) == 1
            assert facts.notice_type == next(iter(published)), release_id
            assert facts.notices[0].notice_type == facts.notice_type
        else:  # the 2015 Regulations: no notice type published, the stage is kept as before
            assert facts.notice_type == ""
            assert release["tender"]["legalBasis"]["scheme"] == "CELEX"
        if release["tag"] == ["award", "contract"]:
            seen.add(facts.notice_type)
    assert {"UK5", "UK6", "UK7"} <= seen


def test_awarded_values_by_hand(fts_facts):
    # UK7: the value is in contracts[].value (checked by hand: amount 92811.25, gross 111373.5)
    uk7 = fts_facts("075961-2026")
    assert (uk7.notice_type, uk7.awarded_value, uk7.awarded_value_gross) == (
        "UK7",
        Decimal("92811.25"),
        Decimal("111373.5"),
    )
    assert uk7.contracts[0].value == Decimal("92811.25")
    # UK6: ten awards over three lots, values in awards[].value; summed by hand: 411,500 / 498,450
    uk6 = fts_facts("075946-2026")
    assert (uk6.awarded_value, uk6.awarded_value_gross) == (Decimal(411500), Decimal(498450))
    # UK6 with amountGross only
    gross_only = fts_facts("075956-2026")
    assert gross_only.awarded_value is None and gross_only.awarded_value_gross == Decimal(2379600)
    # UK11: the final value of an ended contract
    ended = fts_facts("075918-2026")
    assert ended.contracts[0].status == "terminated"
    assert ended.contracts[0].final_value == Decimal(78497)


def test_every_award_or_contract_value_published_is_kept(fts_releases, fts_facts):
    for release_id, release in fts_releases.items():
        values = [
            entry.get("value")
            for part in ("awards", "contracts")
            for entry in release.get(part) or []
            if entry.get("status") not in ("cancelled", "unsuccessful")
        ]
        if any(v and ("amount" in v or "amountGross" in v) for v in values):
            facts = fts_facts(release_id)
            assert facts.awarded_value is not None or facts.awarded_value_gross is not None


def test_buyer_from_the_party_with_the_buyer_role(fts_releases, fts_facts):
    without = [r for r in fts_releases.values() if not r.get("buyer")]
    assert without  # termination and performance notices carry only buyerID or nothing
    for release in without:
        buyers = [p for p in release["parties"] if "buyer" in p.get("roles", [])]
        facts = fts_facts(release["id"])
        assert facts.buyer_name == buyers[0]["name"]
        assert facts.buyer_identifiers[0]["scheme"] == buyers[0]["identifier"]["scheme"]


def test_ppon_and_companies_house_identifiers_kept(fts_releases, fts_facts):
    both = 0
    for release_id, release in fts_releases.items():
        facts = fts_facts(release_id)
        parties = {p["id"]: p for p in release.get("parties", [])}
        for award, published in zip(facts.awards, release.get("awards") or [], strict=True):
            for supplier, reference in zip(
                award.suppliers, published.get("suppliers") or [], strict=True
            ):
                party = parties.get(reference.get("id"), {})
                schemes = {party.get("identifier", {}).get("scheme")} | {
                    i["scheme"] for i in party.get("additionalIdentifiers", [])
                }
                kept = {i["scheme"] for i in supplier.identifiers}
                assert kept == schemes - {None}, release_id
                both += {"GB-PPON", "GB-COH"} <= kept
    assert both > 50  # the day has 191 supplier parties with both


def test_bid_statistics_per_lot(fts_facts):
    lots = {lot.lot_id: lot for lot in fts_facts("075946-2026").lots}
    # by hand from bids.statistics: LOT-0000 10 bids, 10 at the final stage, 7 from SMEs, 0 VCSE
    first = lots["LOT-0000"]
    assert [
        first.statistic(m)
        for m in ("bids", "finalStageBids", "smeFinalStageBids", "vcseFinalStageBids")
    ] == [10, 10, 7, 0]
    assert lots["LOT-0001"].statistic("bids") == 7


def test_later_statistics_of_a_lot_replace_earlier_ones(fts_facts, fts_releases, ocds_schema):
    first = fts_releases["075946-2026"]
    later = json.loads(json.dumps(first))
    later["id"], later["date"] = "later", "2026-08-20T10:00:00+01:00"
    later["bids"] = {
        "statistics": [{"id": "1", "measure": "bids", "value": 3, "relatedLot": "LOT-0001"}]
    }
    merger = ocdsmerge.Merger(ocds_schema)
    facts = process_facts(
        first["ocid"], [first, later], merger.create_compiled_release([first, later])
    )
    lots = {lot.lot_id: lot for lot in facts.lots}
    assert lots["LOT-0001"].bid_statistics == {"bids": 3}
    assert lots["LOT-0000"].statistic("bids") == 10  # not touched by the later notice


def test_contract_performance_uk9(fts_releases, fts_facts):
    for release_id in ("076141-2026", "076113-2026"):
        release = fts_releases[release_id]
        facts = fts_facts(release_id)
        assert facts.notice_type == "UK9" and facts.buyer_name
        published = release["contracts"][0]["implementation"]["metrics"]
        metrics = facts.contracts[0].metrics
        assert [m["title"] for m in metrics] == [m["title"] for m in published]
        ratings = [o["rating"] for m in metrics for o in m["observations"]]
        assert ratings == [
            o["measureClassification"]["id"] for m in published for o in m["observations"]
        ]
    assert "slightlyBelow" in {
        o["rating"]
        for m in fts_facts("076141-2026").contracts[0].metrics
        for o in m["observations"]
    }


def test_ended_notices(fts_facts):
    assert fts_facts("075954-2026").phase == "cancelled"  # UK12: tender "complete", award cancelled
    assert fts_facts("075918-2026").phase == "awarded"  # UK11: the contract ended


def test_suitability_is_read_from_lots(fts_releases, fts_facts):
    flagged = [
        rid
        for rid, r in fts_releases.items()
        if any((lot.get("suitability") or {}).get("sme") for lot in r["tender"].get("lots", []))
    ]
    assert flagged and all(fts_facts(rid).sme_suitable for rid in flagged)


def test_official_notice_link_of_releases_that_publish_none(fts_releases, fts_facts):
    celex = next(r for r in fts_releases.values() if not document_types(r))
    facts = fts_facts(celex["id"])
    assert facts.notices[0].url == f"https://www.find-tender.service.gov.uk/Notice/{celex['id']}"


def test_what_and_where_of_award_and_contract_notices_come_from_their_items(
    fts_releases, fts_facts
):
    """UK6 and UK7 notices classify and place what was bought in awards[].items or
    contracts[].items: those codes and regions are the notice's CPV codes and delivery places."""
    checked = 0
    for release_id, release in fts_releases.items():
        items = [
            item
            for part in ("awards", "contracts")
            for entry in release.get(part) or []
            for item in entry.get("items") or []
        ]
        published_codes = {
            c["id"][:8]
            for item in items
            for c in [
                item.get("classification") or {},
                *(item.get("additionalClassifications") or []),
            ]
            if c.get("scheme") == "CPV" and c.get("id")
        }
        published_regions = {
            a["region"]
            for item in items
            for a in item.get("deliveryAddresses") or []
            if a.get("region")
        }
        if not published_codes and not published_regions:
            continue
        facts = fts_facts(release_id)
        assert published_codes <= {c.code for c in facts.cpvs}, release_id
        assert published_regions <= set(facts.delivery_regions), release_id
        checked += 1
    assert checked > 100


# --- Notice types and notices ---------------------------------------------------------------------


def _doc(notice_type, release_id="other", published="2026-08-10T09:00:00+01:00", **extra):
    return {"id": release_id, "noticeType": notice_type, "datePublished": published, **extra}


def test_notice_type_is_the_releases_own_document_first():
    release = {
        "id": "n2",
        "tender": {"documents": [_doc("UK4", "n1", "2026-08-12T09:00:00Z")]},
        "awards": [{"documents": [_doc("UK6", "n2", "2026-08-01T09:00:00Z")]}],
    }
    assert notice_type_of(release) == "UK6"  # its own, though the other is later


def test_notice_type_is_else_the_latest_published_and_ignores_other_types():
    release = {
        "id": "n9",
        "planning": {"documents": [_doc("UK2", published="2026-01-01T00:00:00Z")]},
        "contracts": [
            {
                "documents": [
                    _doc("UK10", published="2026-03-01T00:00:00Z"),
                    _doc("biddingDocuments", published="2026-09-01T00:00:00Z"),
                    _doc("UK123", published="2026-09-02T00:00:00Z"),  # not a UK notice type
                    "not a document",
                ]
            }
        ],
    }
    assert notice_type_of(release) == "UK10"


def test_the_latest_notice_type_is_read_by_the_moment_published_not_as_text():
    release = {
        "id": "n10",
        "tender": {
            "documents": [
                _doc("UK4", published="2026-03-01T09:30:00Z"),
                _doc("UK2", published="2026-03-01T10:00:00+01:00"),  # 09:00Z: the earlier
                _doc("UK3", published="no date"),
            ]
        },
    }
    assert notice_type_of(release) == "UK4"


def test_notice_type_without_documents_is_the_stage_of_the_last_tag():
    assert notice_type_of({"tag": ["tender", "awardUpdate"]}) == "Award update"
    assert notice_type_of({"tag": ["compiled"]}) == "Compiled"
    assert notice_type_of({"tag": ["somethingNew"]}) == "somethingNew"  # unknown: as published
    assert notice_type_of({"tag": [3, "planning"]}) == "Planning"
    assert notice_type_of({"tag": []}) == "Notice"
    assert notice_type_of({"tag": "tender"}) == "Notice"  # not a list
    assert notice_type_of({}) == "Notice"


def test_release_facts_title_falls_back_to_the_planning_rationale():
    release = {
        "id": " r1 ",
        "date": "2026-08-10T10:00:00+01:00",
        "tag": ["planning"],
        "planning": {"rationale": "R" * 250},
    }
    notice = release_facts(release)
    assert notice.release_id == "r1"
    assert notice.notice_type == "Planning"
    assert notice.published == datetime(2026, 8, 10, 9, tzinfo=UTC)
    assert notice.title == "R" * 200
    assert notice.url == ""  # no official prefix, no document link
    titled = release_facts({**release, "tender": {"title": "Care &amp; support"}})
    assert titled.title == "Care & support"


def test_latest_notice_type_skips_stage_labels():
    def notice(notice_type):
        return NoticeFacts("r", notice_type, None, "", "")

    assert latest_notice_type([notice("UK4"), notice("UK6"), notice("Award update")]) == "UK6"
    assert latest_notice_type([notice("Tender"), notice("Award")]) == ""
    assert latest_notice_type([]) == ""


# --- Award conflicts and bid statistics -----------------------------------------------------------


def _award(award_id, supplier, value=100):
    return {"id": award_id, "suppliers": [{"id": supplier}], "value": {"amount": value}}


def test_award_conflicts_name_each_reused_award_id_once():
    releases = [
        {"id": "n1", "awards": [_award("1", "S1"), _award("2", "S2")]},
        {"id": "n2", "awards": [_award("1", "S9"), _award("2", "S2")]},  # 2: the same award again
        {"id": "n3", "awards": [_award("1", "S1"), {"value": 5}, "x"]},  # back to S1; no id
    ]
    assert award_conflicts(releases) == [
        "award 1: release n1 and release n2 describe different awards",
        "award 1: release n2 and release n3 describe different awards",
    ]
    assert award_conflicts(releases[:1]) == []
    assert award_conflicts([releases[0], releases[0]]) == []


def test_bid_statistics_by_lot_later_releases_replace_a_lot_whole():
    def stats(*entries):
        return {"bids": {"statistics": list(entries)}}

    releases = [
        stats(
            {"measure": "bids", "value": 4, "relatedLot": "L1"},
            {"measure": "smeFinalStageBids", "value": "2", "relatedLot": "L1"},
            {"measure": "bids", "value": 9},  # no lot
            {"measure": "bids", "value": "many", "relatedLot": "L2"},  # not a number
            {"measure": "", "value": 1, "relatedLot": "L2"},  # no measure
            {"measure": "bids", "value": float("nan"), "relatedLot": "L3"},
        ),
        stats({"measure": "finalStageBids", "value": 3, "relatedLot": "L1"}),
        {"bids": "none"},
    ]
    assert bid_statistics(releases) == {"L1": {"finalStageBids": 3}, "": {"bids": 9}}
    assert bid_statistics(releases[:1]) == {
        "L1": {"bids": 4, "smeFinalStageBids": 2.0},
        "": {"bids": 9},
    }


# --- Phase ----------------------------------------------------------------------------------------


def test_phase_cancelled():
    assert _phase({"tender": {"status": "cancelled"}}, {"tender"}) == "cancelled"
    assert _phase({"tender": {"status": "withdrawn"}}, set()) == "cancelled"
    assert _phase({"tender": {"status": "complete"}}, set(), "UK12") == "cancelled"
    every_award_ended = {"awards": [{"status": "cancelled"}, {"status": "unsuccessful"}]}
    assert _phase(every_award_ended, {"award"}) == "cancelled"
    # ... unless a contract was signed all the same
    assert _phase({**every_award_ended, "contracts": [{"id": "c"}]}, {"award"}) == "awarded"


def test_phase_awarded():
    assert _phase({"awards": [{"status": "cancelled"}, {"status": "active"}]}, set()) == "awarded"
    assert _phase({"awards": [{"status": "pending"}]}, set()) == "awarded"
    assert _phase({"contracts": [{}]}, {"contract"}) == "awarded"
    assert _phase({"tender": {"status": "complete"}}, {"tender"}) == "awarded"


def test_phase_planned_and_tender():
    assert _phase({"tender": {"status": "planned"}}, {"tender"}) == "planned"
    assert _phase({"tender": {"status": "planning"}}, set()) == "planned"
    assert _phase({}, {"planning", "planningUpdate"}) == "planned"
    assert _phase({}, {"planning", "tender"}) == "tender"
    assert _phase({}, set()) == "tender"  # no tags: not "planned" by the empty subset
    assert _phase({"tender": {"status": "active"}}, {"tender"}) == "tender"
    # an award without a status is neither cancelled nor awarded
    assert _phase({"awards": [{"id": "1"}]}, {"award"}) == "tender"


# --- CPV codes and places -------------------------------------------------------------------------


def test_cpvs_main_first_then_items_and_additional_codes():
    tender = {
        "classification": {"scheme": "cpv", "id": "45000000"},
        "items": [
            {
                "classification": {"scheme": "CPV", "id": "45000000-7"},  # adds the check digit
                "additionalClassifications": [
                    {"scheme": "CPV", "id": "45210000-2"},
                    {"scheme": "CPV", "id": "not a code"},
                    {"scheme": "UNSPSC", "id": "72000000"},
                ],
            },
            "not an item",
        ],
        "additionalClassifications": [{"scheme": "CPV", "id": "45210000"}],
    }
    found = [(c.code, c.check_digit, c.is_main) for c in _cpvs(tender)]
    assert found == [("45000000", "7", True), ("45210000", "2", False)]


def test_cpvs_without_a_main_classification_take_the_first_items():
    tender = {
        "items": [
            {"classification": {"scheme": "CPV", "id": "79411000-8"}},
            {"classification": {"scheme": "CPV", "id": "72000000"}},
        ],
        "additionalClassifications": [{"scheme": "CPV", "id": "79411000"}],
    }
    found = [(c.code, c.check_digit, c.is_main) for c in _cpvs(tender)]
    assert found == [("79411000", "8", True), ("72000000", "", False)]
    assert _cpvs({}) == []


def test_no_code_is_main_once_an_additional_code_came_first():
    tender = {
        "items": [
            {"additionalClassifications": [{"scheme": "CPV", "id": "72000000-5"}]},
            {"classification": {"scheme": "CPV", "id": "72000000"}},
        ]
    }
    # an item's classification is main only while nothing has been found: here the first item's
    # additional code came first, so the process has no main code (kept as the module does it)
    (cpv,) = _cpvs(tender)
    assert (cpv.code, cpv.check_digit, cpv.is_main) == ("72000000", "5", False)


def test_locations_from_items_addresses_and_delivery_locations():
    tender = {
        "items": [
            {
                "deliveryAddresses": [
                    {"region": "UKG31", "postalCode": "b1 1bb"},
                    {"region": "UKG31", "locality": "Birmingham", "postalCode": "B1 1BB"},
                ],
                "deliveryAddress": {"locality": "Walsall", "postalCode": " ws1 1aa "},
                "deliveryLocations": [
                    {"description": "West Midlands", "address": {"region": "UKG"}},
                    {"description": ""},
                ],
            },
            "not an item",
        ]
    }
    regions, postcodes = _locations(tender)
    assert regions == ["West Midlands", "UKG31", "Birmingham", "Walsall", "UKG"]
    assert postcodes == ["B1 1BB", "WS1 1AA"]
    assert _locations({}) == ([], [])


def test_award_and_contract_items_count_as_the_tenders():
    compiled = {
        "tender": {"title": "T", "items": [{"id": "1"}]},
        "awards": [{"items": [{"id": "2"}]}, "x"],
        "contracts": [{"items": [{"id": "3"}]}],
    }
    merged = _with_all_items(compiled)
    assert merged["title"] == "T" and [i["id"] for i in merged["items"]] == ["1", "2", "3"]
    assert compiled["tender"]["items"] == [{"id": "1"}]  # not changed
    assert _with_all_items({}) == {"items": []}


# --- A whole process, written here ----------------------------------------------------------------


LONDON = timezone(timedelta(hours=1))


def _tender_release():
    return {
        "ocid": "ocds-h6vhtk-000001",
        "id": "000001-2026",
        "date": "2026-08-01T09:00:00+01:00",
        "tag": ["tender"],
        "buyer": {"id": "B1"},
        "parties": [
            {
                "id": "B1",
                "name": "Walsall Council",
                "roles": ["buyer"],
                "identifier": {"scheme": "GB-PPON", "id": "PABC-1234-DEFG"},
                "additionalIdentifiers": [{"scheme": "gb-coh", "id": "01234567"}],
                "address": {"postalCode": "ws1 1tp"},
            },
            {"id": "S1", "name": "Party name", "details": {"scale": "sme", "vcse": "yes"}},
        ],
        "tender": {
            "title": "Grounds maintenance",
            "description": "Mowing &amp; hedges",
            "status": "active",
            "legalBasis": {"scheme": "ukpga", "id": "2023/54"},
            "procurementMethod": "open",
            "mainProcurementCategory": "services",
            "value": {"amount": 100000, "amountGross": 120000, "currency": "GBP"},
            "minValue": {"amount": 50000},
            "tenderPeriod": {"startDate": "2026-08-01T09:00:00+01:00", "endDate": "2026-08-24"},
            "suitability": {"sme": "yes"},
            "lots": [
                {
                    "id": "L1",
                    "title": "North",
                    "value": {"amount": 60000},
                    "suitability": {"sme": False, "vcse": True},
                },
                {"id": "L2", "title": "South", "status": "active"},
            ],
            "items": [
                {"relatedLot": "L1", "classification": {"scheme": "CPV", "id": "77314000-4"}},
                {"relatedLot": "L2", "classification": {"scheme": "CPV", "id": "77310000"}},
            ],
            "otherRequirements": {
                "reservedParticipation": ["smeVcse", ""],
                "reservedParticipationLocation": {"address": {"region": "West Midlands"}},
            },
            "aboveThreshold": "yes",
            "documents": [_doc("UK4", "000001-2026", url="https://example.org/tender")],
        },
    }


def _award_release():
    return {
        "ocid": "ocds-h6vhtk-000001",
        "id": "000002-2026",
        "date": "2026-09-01T09:00:00+01:00",
        "tag": ["award"],
        "parties": [{"id": "S1", "address": {"postalCode": "B5 5SE"}, "name": "Own name"}],
        "awards": [
            {
                "id": "A1",
                "status": "active",
                "date": "2026-08-30T12:00:00Z",
                "value": {"amount": 55000, "currency": "GBP"},
                "suppliers": [{"id": "S1", "name": "Green Spaces Ltd"}],
                "relatedLots": ["L1", ""],
            },
            {"id": "A2", "status": "cancelled", "relatedLots": ["L2"]},
        ],
        "contracts": [{"id": "C1", "awardID": "A1", "value": {"amount": 54000}}],
        "bids": {"statistics": [{"measure": "bids", "value": 6, "relatedLot": "L1"}]},
        "tender": {"documents": [_doc("UK6", "000002-2026", "2026-09-01T09:00:00+01:00")]},
    }


def test_process_facts_of_two_releases():
    releases = [_tender_release(), _award_release()]
    compiled = {
        **releases[0],
        "awards": releases[1]["awards"],
        "contracts": releases[1]["contracts"],
    }
    facts = process_facts("ocds-h6vhtk-000001", releases, compiled)
    assert (facts.title, facts.description) == ("Grounds maintenance", "Mowing & hedges")
    assert (facts.buyer_name, facts.buyer_scheme, facts.buyer_identifier) == (
        "Walsall Council",
        "GB-PPON",
        "PABC-1234-DEFG",
    )
    assert facts.buyer_postcode == "WS1 1TP"
    assert facts.buyer_identifiers == [
        {"scheme": "GB-PPON", "id": "PABC-1234-DEFG"},
        {"scheme": "GB-COH", "id": "01234567"},
    ]
    assert (facts.notice_type, facts.legal_basis, facts.legal_basis_id) == (
        "UK6",
        "UKPGA",
        "2023/54",
    )
    assert [n.notice_type for n in facts.notices] == ["UK4", "UK6"]
    assert facts.phase == "awarded" and facts.tender_status == "active"
    assert (facts.value, facts.value_gross, facts.min_value, facts.currency) == (
        Decimal(100000),
        Decimal(120000),
        Decimal(50000),
        "GBP",
    )
    assert facts.tender_start == datetime(2026, 8, 1, 9, tzinfo=LONDON)
    assert facts.deadline == datetime(2026, 8, 24, tzinfo=UTC)  # a bare date is read as UTC
    # a lot's True wins over another's False; "yes" is not a flag
    assert (facts.sme_suitable, facts.vcse_suitable) == (False, True)
    assert facts.reserved_participation == ["smeVcse"]
    assert facts.reserved_location == "West Midlands"
    assert facts.above_threshold is None  # "yes" is not a boolean
    assert facts.expected_tender_date is None  # not planned
    north, south = facts.lots
    assert (north.lot_id, north.title, north.value, north.cpvs) == (
        "L1",
        "North",
        Decimal(60000),
        ["77314000-4"],
    )
    assert north.statistic("bids") == 6 and south.bid_statistics == {}
    assert (south.status, south.cpvs) == ("active", ["77310000"])
    # the contract's value, not the awards' (55,000); the cancelled award counts for nothing
    assert (facts.awarded_value, facts.awarded_value_gross) == (Decimal(54000), None)
    assert [a.award_id for a in facts.awards] == ["A1", "A2"]
    award = facts.awards[0]
    assert (award.release_id, award.lots, award.currency) == ("000002-2026", ["L1"], "GBP")
    (supplier,) = award.suppliers
    # the release's own party gives the postcode; the compiled one the scale
    assert (supplier.name, supplier.postcode, supplier.scale) == ("Green Spaces Ltd", "B5 5SE", "")
    assert [c.contract_id for c in facts.contracts] == ["C1"]
    assert [(d.release_id, d.notice_type) for d in facts.documents] == [
        ("000001-2026", "UK4"),
        ("000002-2026", "UK6"),
    ]
    assert facts.first_published == datetime(2026, 8, 1, 8, tzinfo=UTC)
    assert facts.last_updated == datetime(2026, 9, 1, 8, tzinfo=UTC)
    assert facts.award_date == datetime(2026, 8, 30, 12, tzinfo=UTC)  # from the awards
    assert facts.notice_url == "https://www.find-tender.service.gov.uk/Notice/000002-2026"
    assert {c.code for c in facts.cpvs} == {"77314000", "77310000"}
    assert facts.award_conflicts == []


def test_process_facts_of_a_planning_notice():
    release = {
        "ocid": "ocds-b5fd17-x",
        "id": "p1",
        "date": "2026-01-05T10:00:00Z",
        "tag": ["planning"],
        "planning": {
            "rationale": "Why: " + "w" * 400,
            "budget": {"amount": {"amount": 7000, "currency": "GBP"}},
        },
        "tender": {"communication": {"futureNoticeDate": "2026-03-01T00:00:00Z"}},
    }
    facts = process_facts(release["ocid"], [release], release)
    assert facts.phase == "planned"
    assert facts.title == release["planning"]["rationale"][:300]
    assert facts.description == release["planning"]["rationale"]
    assert (facts.value, facts.currency) == (Decimal(7000), "GBP")
    assert facts.expected_tender_date == datetime(2026, 3, 1, tzinfo=UTC)
    assert facts.notice_type == "" and facts.notices[0].notice_type == "Planning"
    assert facts.lots == [] and facts.awards == [] and facts.buyer_name == ""
    # a tender start, when published, is the expected date
    release["tender"]["tenderPeriod"] = {"startDate": "2026-02-01T00:00:00Z"}
    facts = process_facts(release["ocid"], [release], release)
    assert facts.expected_tender_date == datetime(2026, 2, 1, tzinfo=UTC)


def test_statistics_without_a_lot_and_of_unlisted_lots():
    release = {
        "id": "r1",
        "date": "2026-01-05T10:00:00Z",
        "tender": {
            "lots": [{"id": "L1"}],
            "items": [{"classification": {"scheme": "CPV", "id": "72000000"}}],
        },
        "bids": {
            "statistics": [
                {"measure": "bids", "value": 5},
                {"measure": "finalStageBids", "value": 2},
                {"measure": "finalStageBids", "value": 3, "relatedLot": "L1"},
                {"measure": "bids", "value": 1, "relatedLot": "L7"},
            ]
        },
    }
    facts = process_facts("ocds-x", [release], release)
    only, unlisted = facts.lots
    # the one lot takes the statistics (and CPV codes) without a lot; its own figures win
    assert only.bid_statistics == {"bids": 5, "finalStageBids": 3}
    assert only.cpvs == ["72000000"]
    assert (unlisted.lot_id, unlisted.title, unlisted.bid_statistics) == ("L7", "", {"bids": 1})


def test_process_facts_of_nothing_usable():
    facts = process_facts("ocds-x", [{"id": 5, "tender": "none", "awards": "none"}], {"tender": []})
    assert facts.ocid == "ocds-x" and facts.phase == "tender" and facts.title == ""
    assert facts.first_published is None and facts.last_updated is None
    assert facts.notices[0].release_id == "5" and facts.notices[0].notice_type == "Notice"
    assert (facts.awarded_value, facts.awarded_value_gross) == (None, None)
