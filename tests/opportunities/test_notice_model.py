"""The Procurement Act notice model on the real Find a Tender day (../shared/data, section 5): its
words (legal bases, notice names) and the real day loaded into the database, searched and shown.
What is taken from a notice without the database is tested beside its module: the facts in
test_facts.py, how to respond and what happened in test_responding.py.

The real files are read in place. Figures checked by hand against the JSON are named as such; no
officer's name, email or phone is written here (contact points are asserted on their structure)."""

import json
from decimal import Decimal

import pytest

from opportunities.notice_model import legal_basis_words, notice_name, notice_names, taxonomy
from tests.conftest import require_data
from tests.opportunities.conftest import DAY_FILES, FTS


def test_legal_basis_in_words(fts_releases, fts_facts):
    schemes = {fts_facts(rid).legal_basis for rid in fts_releases}
    assert schemes == {"UKPGA", "CELEX"}
    assert legal_basis_words("UKPGA") == "Procurement Act 2023"
    assert legal_basis_words("CELEX").startswith("Public Contracts Regulations 2015")
    assert legal_basis_words("XYZ", "1") == "XYZ 1"  # unknown: as published


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


def test_page_of_an_open_tender_notice_says_how_to_respond(client, real_day, fts_releases):
    import time_machine

    release = fts_releases["075962-2026"]  # UK4, deadline 24 August 2026 at 12pm
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


def test_page_says_who_may_take_part_by_location(client, real_day):
    from django.urls import reverse

    html = client.get(
        reverse("opportunities:opportunity", kwargs={"ocid": "ocds-h6vhtk-06e0b1"})
    ).content.decode()
    assert "Who may take part" in html
    assert "Reserved for suppliers based in the United Kingdom." in html


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


def test_labels_and_timeline_read_as_words(client, real_day, fts_releases):
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
