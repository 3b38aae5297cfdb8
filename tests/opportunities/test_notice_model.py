"""The Procurement Act notice model on the real Find a Tender day (../shared/data, section 5): notice
types told apart, awarded values, buyers without a `buyer` object, PPON and Companies House
identifiers, legal basis, bid statistics per lot, contract performance; and how to respond.

The real files are read in place. Figures checked by hand against the JSON are named as such; no
officer's name, email or phone is written here (contact points are asserted on their structure)."""

import json
from decimal import Decimal

import ocdsmerge
import pytest

from opportunities.facts import process_facts
from opportunities.notice_model import legal_basis_words, notice_name, notice_names, taxonomy
from opportunities.responding import outside_link, response_of, time_left
from tests.conftest import require_data

FTS = ("ocds", "find-a-tender")
DAY_FILES = [f"2026-08-10/page-00{n}.json" for n in range(1, 6)] + ["2026-08-11/page-004.json"]


def _document_types(release: dict) -> set[str]:
    documents = []
    for part in ("tender", "planning"):
        documents += (release.get(part) or {}).get("documents") or []
    for part in ("awards", "contracts"):
        for entry in release.get(part) or []:
            documents += entry.get("documents") or []
    return {d["noticeType"] for d in documents if d.get("noticeType")}


@pytest.fixture(scope="module")
def real_releases():
    """Every release of the shared days, read with Python's own JSON reader (which takes 1e9999)."""
    releases = []
    for name in DAY_FILES:
        releases += json.loads(require_data(*FTS, name).read_text())["releases"]
    return {r["id"]: r for r in releases}


@pytest.fixture(scope="module")
def facts_of(real_releases, ocds_schema):
    merger = ocdsmerge.Merger(ocds_schema)

    def facts(release_id):
        release = real_releases[release_id]
        return process_facts(release["ocid"], [release], merger.create_compiled_release([release]))

    return facts


def test_notice_types_are_told_apart_under_one_tag(real_releases, facts_of):
    """UK5, UK6 and UK7 share the tag award,contract; each gets its own type from its documents."""
    seen = set()
    for release_id, release in real_releases.items():
        published = _document_types(release)
        facts = facts_of(release_id)
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


def test_awarded_values_by_hand(facts_of):
    # UK7: the value is in contracts[].value (checked by hand: amount 92811.25, gross 111373.5)
    uk7 = facts_of("075961-2026")
    assert (uk7.notice_type, uk7.awarded_value, uk7.awarded_value_gross) == (
        "UK7",
        Decimal("92811.25"),
        Decimal("111373.5"),
    )
    assert uk7.contracts[0].value == Decimal("92811.25")
    # UK6: ten awards over three lots, values in awards[].value; summed by hand: 411,500 / 498,450
    uk6 = facts_of("075946-2026")
    assert (uk6.awarded_value, uk6.awarded_value_gross) == (Decimal(411500), Decimal(498450))
    # UK6 with amountGross only
    gross_only = facts_of("075956-2026")
    assert gross_only.awarded_value is None and gross_only.awarded_value_gross == Decimal(2379600)
    # UK11: the final value of an ended contract
    ended = facts_of("075918-2026")
    assert ended.contracts[0].status == "terminated"
    assert ended.contracts[0].final_value == Decimal(78497)


def test_every_award_or_contract_value_published_is_kept(real_releases, facts_of):
    for release_id, release in real_releases.items():
        values = [
            entry.get("value")
            for part in ("awards", "contracts")
            for entry in release.get(part) or []
            if entry.get("status") not in ("cancelled", "unsuccessful")
        ]
        if any(v and ("amount" in v or "amountGross" in v) for v in values):
            facts = facts_of(release_id)
            assert facts.awarded_value is not None or facts.awarded_value_gross is not None


def test_buyer_from_the_party_with_the_buyer_role(real_releases, facts_of):
    without = [r for r in real_releases.values() if not r.get("buyer")]
    assert without  # termination and performance notices carry only buyerID or nothing
    for release in without:
        buyers = [p for p in release["parties"] if "buyer" in p.get("roles", [])]
        facts = facts_of(release["id"])
        assert facts.buyer_name == buyers[0]["name"]
        assert facts.buyer_identifiers[0]["scheme"] == buyers[0]["identifier"]["scheme"]


def test_ppon_and_companies_house_identifiers_kept(real_releases, facts_of):
    both = 0
    for release_id, release in real_releases.items():
        facts = facts_of(release_id)
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


def test_legal_basis_in_words(real_releases, facts_of):
    schemes = {facts_of(rid).legal_basis for rid in real_releases}
    assert schemes == {"UKPGA", "CELEX"}
    assert legal_basis_words("UKPGA") == "Procurement Act 2023"
    assert legal_basis_words("CELEX").startswith("Public Contracts Regulations 2015")
    assert legal_basis_words("XYZ", "1") == "XYZ 1"  # unknown: as published


def test_bid_statistics_per_lot(facts_of):
    lots = {lot.lot_id: lot for lot in facts_of("075946-2026").lots}
    # by hand from bids.statistics: LOT-0000 10 bids, 10 at the final stage, 7 from SMEs, 0 VCSE
    first = lots["LOT-0000"]
    assert [
        first.statistic(m)
        for m in ("bids", "finalStageBids", "smeFinalStageBids", "vcseFinalStageBids")
    ] == [10, 10, 7, 0]
    assert lots["LOT-0001"].statistic("bids") == 7


def test_later_statistics_of_a_lot_replace_earlier_ones(facts_of, real_releases, ocds_schema):
    first = real_releases["075946-2026"]
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


def test_contract_performance_uk9(real_releases, facts_of):
    for release_id in ("076141-2026", "076113-2026"):
        release = real_releases[release_id]
        facts = facts_of(release_id)
        assert facts.notice_type == "UK9" and facts.buyer_name
        published = release["contracts"][0]["implementation"]["metrics"]
        metrics = facts.contracts[0].metrics
        assert [m["title"] for m in metrics] == [m["title"] for m in published]
        ratings = [o["rating"] for m in metrics for o in m["observations"]]
        assert ratings == [
            o["measureClassification"]["id"] for m in published for o in m["observations"]
        ]
    assert "slightlyBelow" in {
        o["rating"] for m in facts_of("076141-2026").contracts[0].metrics for o in m["observations"]
    }


def test_ended_notices(facts_of):
    assert facts_of("075954-2026").phase == "cancelled"  # UK12: tender "complete", award cancelled
    assert facts_of("075918-2026").phase == "awarded"  # UK11: the contract ended


def test_suitability_is_read_from_lots(real_releases, facts_of):
    flagged = [
        rid
        for rid, r in real_releases.items()
        if any((lot.get("suitability") or {}).get("sme") for lot in r["tender"].get("lots", []))
    ]
    assert flagged and all(facts_of(rid).sme_suitable for rid in flagged)


def test_official_notice_link_of_releases_that_publish_none(real_releases, facts_of):
    celex = next(r for r in real_releases.values() if not _document_types(r))
    facts = facts_of(celex["id"])
    assert facts.notices[0].url == f"https://www.find-tender.service.gov.uk/Notice/{celex['id']}"


def test_how_to_respond_on_a_real_tender_notice(real_releases, ocds_schema):
    release = real_releases["075962-2026"]
    compiled = ocdsmerge.Merger(ocds_schema).create_compiled_release([release])
    response = response_of(compiled)
    assert response.submission_details == release["tender"]["submissionMethodDetails"]
    assert response.submission_link == f"https://{release['tender']['submissionMethodDetails']}"
    assert response.electronic_submission == "Tenders may be sent electronically"
    assert response.award_criteria and response.award_criteria[0].lot == "1"
    assert response.selection  # the lot's restriction to local suppliers
    assert response.contact is not None and "@" in response.contact.email
    assert response.says_how


def test_how_to_respond_on_every_tender_notice(real_releases, ocds_schema):
    merger = ocdsmerge.Merger(ocds_schema)
    for release in real_releases.values():
        if "UK4" in _document_types(release):
            response = response_of(merger.create_compiled_release([release]))
            assert response.says_how, release["id"]


@pytest.mark.parametrize(
    ("url", "link"),
    [
        ("www.the-chest.org.uk", "https://www.the-chest.org.uk"),
        ("https://example.org/tenders?id=1", "https://example.org/tenders?id=1"),
        ("http://example.org", "http://example.org"),
        ("javascript:alert(1)", ""),
        ("data:text/html,hi", ""),
        ("someone@example.org", ""),
        ("see the tender documents", ""),
        ("https://user:pw@example.org", ""),
        ("ftp://example.org", ""),
        ("", ""),
        (None, ""),
        ('https://example.org/"onmouseover=x', ""),
    ],
)
def test_outside_links(url, link):
    assert outside_link(url) == link


def test_time_left():
    from datetime import UTC, datetime, timedelta

    now = datetime(2026, 8, 11, 9, tzinfo=UTC)
    assert time_left(now + timedelta(days=13, hours=3), now) == "13 days left"
    assert time_left(now + timedelta(hours=5), now) == "5 hours left"
    assert time_left(now - timedelta(days=2, hours=1), now) == "closed 2 days ago"
    assert time_left(None, now) == ""


def test_notice_names_come_from_the_route_rules_and_the_data_file_has_sources():
    assert sorted(notice_names(), key=lambda c: int(c[2:])) == [f"UK{n}" for n in range(1, 18)]
    assert notice_name("UK6") == "UK6 Contract award notice"
    assert notice_name("Tender update") == "Tender update"
    data = taxonomy()
    for entries in data.values():
        if isinstance(entries, dict):
            for code, entry in entries.items():
                assert entry.get("source") and entry.get("marker") in {"V", "S", "U"}, code


# --- Stored, searched and shown: the real day loaded into the database ---------------------------


@pytest.fixture
def real_day(db, ocds_schema):
    from opportunities.loading import Loader

    paths = [(require_data(*FTS, name), name) for name in DAY_FILES]
    Loader().load(paths)


def _process_of(release_id):
    from opportunities.models import Notice

    return Notice.objects.select_related("process").get(release__release_id=release_id).process


def test_the_notice_model_is_stored(real_day):
    from opportunities.models import Award, Contract, Lot, Process

    uk7 = _process_of("075961-2026")
    assert (uk7.notice_type, uk7.legal_basis, uk7.legal_basis_id) == ("UK7", "UKPGA", "2023/54")
    assert (uk7.awarded_value, uk7.awarded_value_gross) == (
        Decimal("92811.25"),
        Decimal("111373.50"),
    )
    contract = Contract.objects.get(process=uk7)
    assert (contract.value, contract.value_gross) == (Decimal("92811.25"), Decimal("111373.50"))
    uk6 = _process_of("075946-2026")
    assert uk6.notice_type == "UK6" and uk6.awarded_value == Decimal(411500)
    lot = Lot.objects.get(process=uk6, lot_id="LOT-0000")
    assert (
        lot.bids,
        lot.final_stage_bids,
        lot.sme_final_stage_bids,
        lot.vcse_final_stage_bids,
    ) == (
        10,
        10,
        7,
        0,
    )
    assert lot.bid_statistics["bids"] == 10
    award = Award.objects.filter(process=uk6).first()
    schemes = {i["scheme"] for i in award.supplier_identifiers[0]["identifiers"]}
    assert schemes == {"GB-COH", "GB-PPON"}
    uk9 = _process_of("076141-2026")
    assert uk9.buyer_name and uk9.buyer_identifiers[0]["scheme"] == "GB-PPON"
    assert Contract.objects.get(process=uk9).metrics[0]["observations"][0]["rating"] == "met"
    assert _process_of("075954-2026").phase == "cancelled"
    # UK5, UK6 and UK7 processes all present and told apart
    types = set(Process.objects.values_list("notice_type", flat=True))
    assert {"UK4", "UK5", "UK6", "UK7", "UK9", "UK10", "UK11", "UK12"} <= types


def test_awarded_value_filter_and_search_results(real_day):
    from django.core.management import call_command
    from django.db.models.functions import Coalesce

    from opportunities.models import Process
    from opportunities.search import search
    from opportunities.search_request import OpportunitySearch

    expected = set(
        Process.objects.annotate(a=Coalesce("awarded_value", "awarded_value_gross"))
        .filter(a__gte=100_000, a__lte=500_000)
        .values_list("ocid", flat=True)
    )
    assert expected
    found = search(OpportunitySearch(awarded_min=Decimal(100_000), awarded_max=Decimal(500_000)))
    assert {p.ocid for p in found[:1000]} == expected
    assert all(
        (p.awarded_value if p.awarded_value is not None else p.awarded_value_gross) >= 100_000
        for p in found[:1000]
    )

    import io

    out = io.StringIO()
    call_command(
        "search_opportunities", "--awarded-min", "90000", "--json", "--limit", "100", stdout=out
    )
    results = json.loads(out.getvalue())["results"]
    assert results and all("awarded_value" in row for row in results)
    row = next(r for r in results if r["ocid"] == _process_of("075961-2026").ocid)
    assert row["awarded_value"] == 92811.25 and row["awarded_value_gross"] == 111373.5


def test_awarded_value_filter_refuses_a_wrong_range(client, real_day):
    from django.urls import reverse

    html = client.get(
        reverse("opportunities:opportunities"), {"awarded_min": "500", "awarded_max": "10"}
    ).content.decode()
    assert "govuk-error-summary" in html and "must be the same as or more than" in html
    html = client.get(reverse("opportunities:opportunities"), {"awarded_min": "lots"}).content
    assert b"govuk-error-summary" in html


def test_search_results_show_the_awarded_value(client, real_day):
    from django.urls import reverse

    html = client.get(
        reverse("opportunities:opportunities"), {"awarded_min": "92000", "awarded_max": "93000"}
    ).content.decode()
    assert _process_of("075961-2026").title in html
    assert "Awarded for £92,811" in html


def test_api_returns_the_awarded_value(client, real_day):
    body = client.get("/api/opportunities", {"awarded_min": "90000", "limit": 100}).json()
    items = body["items"]
    assert items and all("awarded_value" in item and "notice_type" in item for item in items)
    assert client.get("/api/opportunities", {"awarded_min": "-1"}).status_code == 422


def _page(client, release_id):
    from django.urls import reverse

    process = _process_of(release_id)
    response = client.get(reverse("opportunities:opportunity", kwargs={"ocid": process.ocid}))
    assert response.status_code == 200
    return response.content.decode()


def test_page_of_an_open_tender_notice_says_how_to_respond(client, real_day, real_releases):
    import time_machine

    release = real_releases["075962-2026"]  # UK4, deadline 24 August 2026 at 12pm
    with time_machine.travel("2026-08-11T09:00:00+01:00", tick=False):
        html = _page(client, "075962-2026")
    assert "How to respond" in html and "Tender deadline" in html
    assert "13 days left" in html  # 11 August 9am to 24 August 12pm
    assert 'href="https://www.find-tender.service.gov.uk/Notice/075962-2026"' in html
    assert f'href="https://{release["tender"]["submissionMethodDetails"]}"' in html
    assert "Tenders may be sent electronically" in html
    assert "What the buyer wants" in html
    assert "contact point, as published" in html and ">Email</dt>" in html
    assert "Conditions for taking part" in html and "How tenders are judged" in html
    assert "Documents" in html and "Tender documents" in html
    assert "Questions by" in html
    assert "UK4 Tender notice" in html and "Procurement Act 2023" in html
    assert "CPV 79411000" in html  # the lot's CPV code, as published on its item
    assert "Is it a good fit for a small organisation?" in html


def test_pages_of_ended_notices_say_what_happened(client, real_day):
    uk7 = _page(client, "075961-2026")
    assert "It was awarded to" in uk7 and "£92,811 excluding VAT (£111,374 including VAT)" in uk7
    assert "Awarded value" in uk7 and "PPON " in uk7
    uk6 = _page(client, "075946-2026")
    assert "£411,500 excluding VAT" in uk6 and "10 received" in uk6 and "7 from SMEs" in uk6
    assert "Companies House " in uk6
    uk9 = _page(client, "076141-2026")
    assert "How the supplier is performing" in uk9 and "Approaching target" in uk9
    uk10 = _page(client, "075600-2026")
    assert "UK10 Contract change notice" in uk10
    uk11 = _page(client, "075918-2026")
    assert "the contract has ended" in uk11 and "Final: £78,497" in uk11
    uk12 = _page(client, "075954-2026")
    assert "ended this procurement without awarding a contract" in uk12
    assert "govuk-tag--red" in uk12  # the cancelled status
    celex = _page(client, "075932-2026")
    assert "Public Contracts Regulations 2015" in celex
    assert 'href="https://www.find-tender.service.gov.uk/Notice/075932-2026"' in celex


def test_what_and_where_of_award_and_contract_notices_come_from_their_items(
    real_releases, facts_of
):
    """UK6 and UK7 notices classify and place what was bought in awards[].items or
    contracts[].items: those codes and regions are the notice's CPV codes and delivery places."""
    checked = 0
    for release_id, release in real_releases.items():
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
        facts = facts_of(release_id)
        assert published_codes <= {c.code for c in facts.cpvs}, release_id
        assert published_regions <= set(facts.delivery_regions), release_id
        checked += 1
    assert checked > 100


def test_every_procurement_act_notice_type_can_be_searched_for(client, real_day):
    """UK8 is not in the shared days, yet a search (or a saved search) for it is valid: no results,
    no error. The list names each type, in order."""
    from django.urls import reverse

    html = client.get(reverse("opportunities:opportunities"), {"notice_type": "UK8"}).content
    assert b"govuk-error-summary" not in html and b"No opportunities match" in html
    page = client.get(reverse("opportunities:opportunities")).content.decode()
    assert page.index(">UK2 ") < page.index(">UK10 ") and ">UK4 Tender notice<" in page
    assert b"govuk-error-summary" in (
        client.get(reverse("opportunities:opportunities"), {"notice_type": "UK99"}).content
    )


def test_reservation_by_location_is_put_into_words(real_releases):
    """Four of the five real reservations by location publish only a gazetteer (description null)."""
    from opportunities.responding import place_words

    found = {
        r["ocid"]: response_of(r).reserved_location
        for r in real_releases.values()
        if ((r.get("tender") or {}).get("otherRequirements") or {}).get(
            "reservedParticipationLocation"
        )
    }
    assert (
        found["ocds-h6vhtk-06e0b1"] == "the United Kingdom"
    )  # gazetteer K02000001, no description
    assert found["ocds-h6vhtk-06e0a3"] == "Havering"  # the published description wins
    assert all(found.values())
    unknown = {"gazetteer": {"scheme": "GB-ONS", "identifiers": ["E99999999"]}}
    assert place_words(unknown) == "the area with GB-ONS E99999999"
    council = {"gazetteer": {"scheme": "GB-ONS", "identifiers": ["E08000030", "E92000001"]}}
    assert place_words(council) == "Walsall or England"  # names from the place register


def test_page_says_who_may_take_part_by_location(client, real_day):
    from django.urls import reverse

    html = client.get(
        reverse("opportunities:opportunity", kwargs={"ocid": "ocds-h6vhtk-06e0b1"})
    ).content.decode()
    assert "Who may take part" in html
    assert "Reserved for suppliers based in the United Kingdom." in html


def test_contract_changes_and_endings_are_read(real_releases):
    from opportunities.responding import changes_of, endings_of

    (change,) = changes_of(real_releases["075600-2026"])  # UK10
    assert change.date.date().isoformat() == "2026-07-28"
    assert change.rationale.startswith("Following the tender award")
    assert change.reasons == [
        "The contract was transferred to another supplier after a corporate restructuring"
    ]
    (ending,) = endings_of(real_releases["075918-2026"])  # UK11, checked by hand in the JSON
    assert ending.end.date().isoformat() == "2026-06-30"
    assert (ending.final_value, ending.final_value_gross) == (78497, 94196.4)
    assert ending.reasons == ["The contract was completed"]
    (agreed,) = endings_of(real_releases["075768-2026"])
    assert agreed.reasons == ["The buyer and the supplier agreed to end it"] and agreed.details
    assert endings_of(real_releases["075600-2026"]) == []


def test_pages_of_changed_and_ended_contracts_say_what_happened(client, real_day):
    uk10 = _page(client, "075600-2026")
    assert "What changed in the contract" in uk10 and "28 July 2026" in uk10
    assert "corporate restructuring" in uk10 and "Why: Following the tender award" in uk10
    uk11 = _page(client, "075918-2026")
    assert "The contract has ended: on 30 June 2026" in uk11
    assert "The contract was completed." in uk11
    assert "Final value: £78,497 excluding VAT (£94,196 including VAT)." in uk11
    assert "Awarded, contract ended" in uk11 and " bought: " in uk11 and "is buying" not in uk11


def test_ended_notices_speak_in_the_past(client, real_day):
    from opportunities.models import Process

    uk6 = Process.objects.filter(notice_type="UK6", lot_count__gt=1).first()
    assert uk6 is not None
    html = _page(client, uk6.notices.first().release.release_id)
    assert f"It was split into {uk6.lot_count} lots." in html
    assert "which you can bid for separately" not in html and "is buying" not in html
    uk12 = _page(client, "075954-2026")
    assert "What was awarded" not in uk12 and " was buying: " in uk12


def test_labels_and_timeline_read_as_words(client, real_day, real_releases):
    from opportunities.models import Lot

    html = _page(client, "075962-2026")
    for code_like in ("Belowthreshold", "Tenderperiod", "Paymentterms"):
        assert code_like not in html
    assert "Below the threshold" in html and "Time to respond" in html
    assert "read this notice" in html and "- notice" not in html
    lot = (
        Lot.objects.filter(title="", process__lot_count=1)
        .exclude(process__title="")
        .select_related("process")
        .first()
    )
    assert lot is not None
    html = _page(client, lot.process.notices.first().release.release_id)
    lots_table = html.split('<h2 class="govuk-heading-m">Lots</h2>')[1].split("</table>")[0]
    from django.utils.html import escape

    assert f'<td class="govuk-table__cell">{escape(lot.process.title)}' in lots_table


def test_api_search_lists_every_bad_filter_at_once(client, real_day):
    query = {
        "awarded_min": "lots",
        "deadline_from": "soon",
        "cpv": "notacode",
        "status": "maybe",
        "location": "Atlantis-on-Sea-Nowhere",
    }
    response = client.get("/api/opportunities", query)
    assert response.status_code == 422
    fields = {error["field"] for error in response.json()["errors"]}
    assert {"awarded_min", "deadline_from", "cpv", "status", "location"} <= fields, response.json()
    good = client.get("/api/opportunities", {"awarded_min": "90000", "deadline_from": "2026-08-01"})
    assert good.status_code == 200
