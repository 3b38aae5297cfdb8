"""Social value's pages: adding a contract three ways, a commitment, a delivery report with
evidence, the review with its confirmation, the taxonomy, the tables and their downloads."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from challenges.models import Challenge
from opportunities.models import Award, Process, Release
from socialvalue.models import (
    Commitment,
    Contract,
    ContractKpiResult,
    DeliveryReport,
    LocalAddition,
)
from tests.socialvalue.factories import PDF, commitment, contract, report

pytestmark = pytest.mark.django_db


def dated(name, day: date) -> dict:
    return {f"{name}_0": day.day, f"{name}_1": day.month, f"{name}_2": day.year}


def test_the_taxonomy_is_public_and_attributed(client):
    page = client.get(reverse("socialvalue:taxonomy")).content.decode()
    assert "Open Government Licence v3.0" in page and "Crown copyright" in page
    assert "Apprenticeship starts on the contract" in page
    assert "Check before relying on this" in page
    assert "TOMs" in page  # only to say they are not used
    assert "not used here" in page


def test_a_coordinator_adds_a_metric_of_the_networks_own(world, client_for):
    client = client_for("coordinator")
    response = client.post(
        reverse("socialvalue:local_add"),
        {
            "kind": "metric",
            "key": "food-miles",
            "title": "Food miles saved",
            "outcome": "sustainable-procurement",
            "unit": "miles",
            "source": "Network board, March 2026",
        },
        follow=True,
    )
    assert "Food miles saved added" in response.content.decode()
    assert LocalAddition.objects.get().key == "food-miles"
    page = client.get(reverse("socialvalue:taxonomy")).content.decode()
    assert "Food miles saved" in page and "The network's own" in page
    refused = client.post(
        reverse("socialvalue:local_add"),
        {"kind": "metric", "key": "nt1", "title": "x", "unit": "y", "source": "z"},
    )
    assert "not a TOMs code" in refused.content.decode()


def test_a_buyer_records_a_contract_by_hand_and_adds_a_commitment(world, client_for):
    client = client_for("buyer")
    page = client.post(reverse("socialvalue:contract_add"), {"origin": "hand"}).content.decode()
    assert "Enter the contract&#x27;s title" in page
    assert "Choose the supplier in the network or enter the supplier&#x27;s name" in page
    response = client.post(
        reverse("socialvalue:contract_add"),
        {
            "origin": "hand",
            "title": "Meals",
            "supplier": world.supplier_org.pk,
            "value": "25000",
            **dated("starts_on", date(2026, 4, 1)),
            **dated("ends_on", date(2027, 3, 31)),
        },
    )
    made = Contract.objects.get()
    assert response.url == reverse("socialvalue:commitment_add", kwargs={"pk": made.pk})
    assert made.buyer == world.home and made.supplier == world.supplier_org
    url = reverse("socialvalue:commitment_add", kwargs={"pk": made.pk})
    errors = client.post(url, {"metric": "apprenticeships", "quantity": "-1"}).content.decode()
    assert "Enter a quantity greater than 0" in errors
    assert "Enter the start of the period, like 1 4 2026" in errors
    client.post(
        url,
        {
            "metric": "apprenticeships",
            "quantity": "3",
            "report_every_months": "6",
            "proxy_value": "1200",
            **dated("period_start", date(2026, 4, 1)),
            **dated("period_end", date(2027, 3, 31)),
        },
    )
    assert (
        "Enter where the proxy value comes from"
        in client.post(
            url,
            {
                "metric": "apprenticeships",
                "quantity": "3",
                "report_every_months": "6",
                "proxy_value": "1200",
                **dated("period_start", date(2026, 4, 1)),
                **dated("period_end", date(2027, 3, 31)),
            },
        ).content.decode()
    )
    client.post(
        url,
        {
            "metric": "apprenticeships",
            "quantity": "3",
            "report_every_months": "6",
            "proxy_value": "1200",
            "proxy_source": "Network board",
            **dated("period_start", date(2026, 4, 1)),
            **dated("period_end", date(2027, 3, 31)),
        },
    )
    saved = Commitment.objects.get()
    assert saved.unit == "apprentices" and saved.metric_title.startswith("Apprenticeship")
    assert saved.proxy_value == Decimal(1200) and saved.report_every_months == 6


def test_a_contract_from_a_challenges_award(world, client_for):
    challenge = Challenge.objects.create(
        owner=world.home,
        title="Warm halls",
        summary="s",
        problem="p",
        affected="a",
        outcomes="o",
        success_measures="m",
        status="awarded",
        awarded_to=world.supplier_org,
        award_value=Decimal(90000),
        award_date=date(2026, 2, 1),
        ocid="ocds-x-1",
    )
    client = client_for("buyer")
    page = client.post(reverse("socialvalue:contract_add"), {"origin": "challenge"})
    assert "Choose the awarded challenge" in page.content.decode()
    client.post(
        reverse("socialvalue:contract_add"), {"origin": "challenge", "challenge": challenge.pk}
    )
    made = Contract.objects.get()
    assert (made.title, made.supplier, made.value, made.ocid) == (
        "Warm halls",
        world.supplier_org,
        Decimal(90000),
        "ocds-x-1",
    )
    assert made.starts_on == date(2026, 2, 1)


def test_a_contract_from_an_awarded_notice(world, client_for):
    process = Process.objects.create(
        ocid="ocds-award-1", compiled={}, phase="awarded", title="Grounds care", buyer=world.home
    )
    release = Release.objects.create(
        ocid=process.ocid,
        release_id="r1",
        date="2026-03-01T00:00Z",
        data={},
        digest="d",
        source="s",
        location="l",
    )
    award = Award.objects.create(
        process=process,
        release=release,
        award_id="1",
        value=Decimal(5000),
        supplier_identifiers=[{"name": "Green Ltd", "identifiers": []}],
    )
    client = client_for("buyer")
    client.post(reverse("socialvalue:contract_add"), {"origin": "notice", "award": award.pk})
    made = Contract.objects.get()
    assert (made.title, made.supplier_name, made.ocid, made.award) == (
        "Grounds care",
        "Green Ltd",
        "ocds-award-1",
        award,
    )
    other = client_for("other_buyer")
    page = other.post(reverse("socialvalue:contract_add"), {"origin": "notice", "award": award.pk})
    assert "Choose an award in a notice your anchor published" in page.content.decode()


def test_the_supplier_reports_with_evidence_and_the_buyer_reviews_with_confirmation(
    world, client, client_for
):
    item = commitment(world)
    supplier = client_for("supplier")
    url = reverse("socialvalue:report_add", kwargs={"pk": item.pk})
    errors = supplier.post(url, {"quantity": "x"}).content.decode()
    assert "Enter the quantity delivered as a number, like 3" in errors
    assert "Describe what was delivered in the period" in errors
    outside = supplier.post(
        url,
        {
            "quantity": "1",
            "narrative": "n",
            **dated("period_start", date(2025, 1, 1)),
            **dated("period_end", date(2025, 3, 31)),
        },
    ).content.decode()
    assert "The period must fall within the commitment" in outside
    supplier.post(
        url,
        {
            "quantity": "2",
            "narrative": "Two apprentices started.",
            **dated("period_start", date(2026, 1, 1)),
            **dated("period_end", date(2026, 3, 31)),
            "file": SimpleUploadedFile("starts.pdf", PDF, content_type="application/pdf"),
        },
    )
    made = DeliveryReport.objects.get()
    assert made.status == "submitted" and made.evidence.get().original_name == "starts.pdf"
    client.logout()
    buyer = client_for("buyer")
    review = reverse("socialvalue:report_review", kwargs={"pk": made.pk})
    asked = buyer.post(review, {"decision": "queried"}).content.decode()
    assert "Say what the supplier must explain or add" in asked
    confirm = buyer.post(review, {"decision": "accepted", "note": ""}).content.decode()
    assert "Accept this report?" in confirm
    made.refresh_from_db()
    assert made.status == "submitted"  # nothing changes before the confirmation
    buyer.post(review, {"decision": "accepted", "note": "", "confirm": "yes"})
    made.refresh_from_db()
    assert made.status == "accepted" and made.reviewed_by == world.users["buyer"]
    page = buyer.get(reverse("socialvalue:contract", kwargs={"pk": item.contract_id}))
    assert "2 of 4" in page.content.decode()
    assert buyer.get(review).status_code == 403  # reviewed already


def test_queried_report_goes_back_for_review_when_evidence_is_added(world, client_for):
    made = report(commitment(world), status="queried")
    supplier = client_for("supplier")
    supplier.post(
        reverse("socialvalue:evidence_add", kwargs={"pk": made.pk}),
        {"file": SimpleUploadedFile("more.pdf", PDF, content_type="application/pdf")},
    )
    made.refresh_from_db()
    assert made.status == "submitted" and made.evidence.count() == 1


def test_the_tables_show_committed_delivered_and_overdue_and_download(world, client_for):
    item = commitment(world)
    report(item, status="accepted", quantity=1)
    page = client_for("buyer").get(reverse("socialvalue:commitments")).content.decode()
    for words in (
        "By metric",
        "By contract",
        "By supplier",
        "By anchor",
        "Reports overdue",
        "Home Council repairs",
    ):
        assert words in page
    csv = client_for("buyer").get(
        reverse("socialvalue:download", kwargs={"table": "metric", "fmt": "csv"})
    )
    assert csv["Content-Type"].startswith("text/csv")
    assert "Apprenticeship starts on the contract" in csv.content.decode()
    xlsx = client_for("buyer").get(
        reverse("socialvalue:download", kwargs={"table": "overdue", "fmt": "xlsx"})
    )
    assert xlsx.content[:2] == b"PK"
    missing = client_for("buyer").get(
        reverse("socialvalue:download", kwargs={"table": "nothing", "fmt": "csv"})
    )
    assert missing.status_code == 404
    assert (
        "Home Council repairs"
        not in client_for("other_buyer").get(reverse("socialvalue:commitments")).content.decode()
    )


def test_uk9_kpis_are_shown_beside_the_contracts_commitments(world, client_for):
    made = contract(world, ocid="ocds-h6vhtk-059d41", contract_id="1")
    commitment(world, made)
    ContractKpiResult.objects.create(
        ocid=made.ocid,
        contract_id="1",
        release_id="076113-2026",
        metric_id="4",
        title="Number of training opportunities",
        measure="1500",
        classification="met",
        classification_text="Good - performance is meeting or exceeding the KPI",
    )
    ContractKpiResult.objects.create(
        ocid="ocds-other", release_id="x", metric_id="1", title="Someone else's KPI"
    )
    page = client_for("buyer").get(reverse("socialvalue:contract", kwargs={"pk": made.pk}))
    text = page.content.decode()
    assert "Number of training opportunities" in text and "Someone else" not in text
    listing = client_for("buyer").get(reverse("socialvalue:kpi_results")).content.decode()
    assert "Someone else&#x27;s KPI" in listing and "Home Council repairs" in listing


def test_a_coordinator_chooses_the_anchor_and_a_notice_needs_a_network_buyer(world, client_for):
    client = client_for("coordinator")
    page = client.post(
        reverse("socialvalue:contract_add"), {"origin": "hand", "title": "Parks"}
    ).content.decode()
    assert "Choose the anchor that let the contract" in page
    client.post(
        reverse("socialvalue:contract_add"),
        {"origin": "hand", "title": "Parks", "buyer": world.other.pk, "supplier_name": "Parks Ltd"},
    )
    made = Contract.objects.get()
    assert made.buyer == world.other and made.supplier is None
    assert made.supplier_name == "Parks Ltd"
    process = Process.objects.create(
        ocid="ocds-elsewhere", compiled={}, phase="awarded", title="Elsewhere"
    )
    release = Release.objects.create(
        ocid=process.ocid,
        release_id="r1",
        date="2026-03-01T00:00Z",
        data={},
        digest="d",
        source="s",
        location="l",
    )
    award = Award.objects.create(process=process, release=release, award_id="1")
    page = client.post(
        reverse("socialvalue:contract_add"), {"origin": "notice", "award": award.pk}
    ).content.decode()
    assert "The notice names no anchor in the network as its buyer" in page
    assert Contract.objects.count() == 1


def test_a_contract_entered_by_hand_with_its_ocid_shows_its_uk9_kpis(world, client_for):
    from socialvalue.models import ContractKpiResult

    ContractKpiResult.objects.create(
        ocid="ocds-h6vhtk-04f7de", release_id="r1", metric_id="1", title="Uptime", measure="99.7%"
    )
    client = client_for("buyer")
    fields = {"origin": "hand", "title": "Network", "supplier_name": "Acme Ltd"}
    wrong = client.post(reverse("socialvalue:contract_add"), {**fields, "ocid": "04f7de"})
    assert "Enter the ocid as Find a Tender shows it, like ocds-h6vhtk-04f7de" in (
        wrong.content.decode()
    )
    client.post(reverse("socialvalue:contract_add"), {**fields, "ocid": "ocds-h6vhtk-04f7de"})
    made = Contract.objects.get()
    assert made.ocid == "ocds-h6vhtk-04f7de"
    page = client.get(reverse("socialvalue:contract", kwargs={"pk": made.pk})).content.decode()
    assert "Uptime" in page and "99.7%" in page
