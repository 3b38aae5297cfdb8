"""The funding and costing pages with the database: what each reader sees, the forms (and their
error messages), status moves with confirmation, evidence files, the downloads, and that the
figures on the page are the pure module's."""

from datetime import date, timedelta
from decimal import Decimal

import pytest
from django.core.files.base import ContentFile
from django.urls import reverse

from programmes.models import (
    BudgetAllocation,
    BudgetLine,
    BudgetLineYear,
    Contribution,
    ContributionEvidence,
    ContributionYear,
    CostingSettings,
    FundingSource,
    Partner,
    Programme,
)
from tests.challenges.factories import PDF

D = Decimal


def money_programme(w, published=False):
    """A pilot with Home Council and a catapult (not in the directory) as partners: Home
    Council's cash committed (with an evidence file), the catapult's staff days proposed, one bid
    awarded and one being applied for, and a two-year budget with one allocation."""
    programme = Programme.objects.create(
        slug="pilot",
        title="Healthy homes pilot",
        summary="A pilot.",
        aims="Warmer homes.",
        starts_on=date(2026, 4, 1),
        ends_on=date(2028, 3, 31),
        is_published=published,
    )
    home = Partner.objects.create(
        programme=programme, organisation=w.home, kind="anchor", role="Lead", is_lead=True
    )
    catapult = Partner.objects.create(
        programme=programme, name="Energy Catapult", kind="intermediary", role="Advice"
    )
    cash = Contribution.objects.create(
        programme=programme,
        partner=home,
        kind="funded",
        description="Grant towards trials",
        status="committed",
        committed_on=date(2026, 5, 1),
    )
    ContributionYear.objects.create(contribution=cash, financial_year=2026, amount=D("20000"))
    ContributionYear.objects.create(contribution=cash, financial_year=2027, amount=D("10000"))
    evidence = ContributionEvidence(
        contribution=cash, original_name="letter.pdf", content_type="application/pdf", size=len(PDF)
    )
    evidence.file.save("letter.pdf", ContentFile(PDF))
    days = Contribution.objects.create(
        programme=programme,
        partner=catapult,
        kind="in_kind",
        description="Technical advice",
        in_kind_type="staff_days",
        quantity=D("40"),
        unit="staff days",
        valuation_method="40 days at £350 a day",
    )
    ContributionYear.objects.create(contribution=days, financial_year=2026, amount=D("14000"))
    awarded = FundingSource.objects.create(
        programme=programme,
        funder="Innovate UK",
        scheme="Smart grants",
        status="awarded",
        amount_awarded=D("60000"),
        awarded_on=date(2026, 9, 1),
    )
    applying = FundingSource.objects.create(
        programme=programme, funder="Health Foundation", scheme="Q Exchange", status="applying"
    )
    line = BudgetLine.objects.create(programme=programme, category="staff", description="Manager")
    BudgetLineYear.objects.create(line=line, financial_year=2026, amount=D("40000"))
    BudgetLineYear.objects.create(line=line, financial_year=2027, amount=D("40000"))
    BudgetAllocation.objects.create(
        line=line, financial_year=2026, contribution=cash, amount=D("20000")
    )
    CostingSettings.objects.create(
        programme=programme, optimism_bias_percent=D("41"), optimism_bias_basis="Outsourcing"
    )
    return {
        "programme": programme,
        "home": home,
        "catapult": catapult,
        "cash": cash,
        "days": days,
        "evidence": evidence,
        "awarded": awarded,
        "applying": applying,
        "line": line,
    }


@pytest.fixture
def made(world):
    return money_programme(world)


def url(name, made, *args):
    return reverse(f"programmes:{name}", args=[made["programme"].slug, *args])


def test_the_funding_page_shows_contributions_position_bids_and_leverage(made, client_for):
    page = client_for("buyer").get(url("funding", made))
    assert page.status_code == 200
    text = page.content.decode()
    assert "Grant towards trials" in text and "40 days at £350 a day" in text
    # Leverage: 60,000 awarded over 30,000 committed cash.
    assert "£2.00 of external funding for every £1 of partners&#x27; cash" in text
    assert "The leverage ratio is the external funding secured" in text
    assert "Innovate UK: Smart grants" in text and "Applying" in text
    assert "letter.pdf" in text
    assert "Add a contribution" not in text  # a buyer reads
    assert 'href="/programmes/pilot/"' in text


def test_the_evidence_file_is_for_partners_and_coordinators(world, client_for):
    made = money_programme(world, published=True)
    address = url("contribution_evidence_file", made, made["cash"].pk, made["evidence"].pk)
    assert client_for("buyer").get(address).status_code == 200
    client_for("anonymous").logout()
    assert client_for("other_buyer").get(address).status_code == 403
    # The published page names the file but does not link it for outsiders.
    text = client_for("other_buyer").get(url("funding", made)).content.decode()
    assert "letter.pdf (for partners)" in text


def test_a_partner_admin_adds_a_contribution_with_clear_errors(made, world, client_for):
    client = client_for("anchor_admin")
    address = url("contribution_add", made)
    page = client.get(address)
    assert page.status_code == 200
    options = page.context["form"].fields["partner"].queryset
    assert list(options) == [made["home"]]  # not the catapult (no organisation: coordinators)
    page = client.post(
        address,
        {
            "partner": made["home"].pk,
            "kind": "in_kind",
            "description": "Meeting rooms",
            "year_2026": "12,000",
        },
    )
    errors = page.context["form"].errors
    assert errors["year_2026"] == ["Enter the amount for 2026 to 2027 in pounds, like 25000"]
    assert errors["in_kind_type"] == ["Choose what is given in kind"]
    assert "Enter how the value was worked out" in errors["valuation_method"][0]
    page = client.post(address, {"partner": made["home"].pk, "kind": "funded", "description": "X"})
    assert (
        page.context["form"]
        .errors["year_2026"][0]
        .startswith("Enter the amount for 2026 to 2027 in pounds, like 25000")
    )
    page = client.post(
        address,
        {
            "partner": made["home"].pk,
            "kind": "in_kind",
            "description": "Meeting rooms",
            "in_kind_type": "facilities",
            "quantity": "12",
            "unit": "room days",
            "valuation_method": "12 days at the published room rate of £200",
            "year_2027": "2400",
        },
    )
    assert page.status_code == 302
    added = Contribution.objects.get(description="Meeting rooms")
    assert added.status == "proposed" and added.proposed_on is not None
    assert {y.financial_year: y.amount for y in added.years.all()} == {2027: D("2400")}


def test_an_admin_cannot_change_another_partners_contribution(made, client_for):
    client = client_for("anchor_admin")
    assert client.get(url("contribution_edit", made, made["days"].pk)).status_code == 403
    assert client.get(url("contribution_edit", made, made["cash"].pk)).status_code == 200
    assert (
        client_for("coordinator").get(url("contribution_edit", made, made["days"].pk)).status_code
        == 200
    )


def test_moving_a_contribution_asks_to_confirm_and_keeps_the_date(made, client_for):
    client = client_for("anchor_admin")
    address = url("contribution_move", made, made["cash"].pk)
    page = client.get(address)
    assert "Mark as received?" in page.content.decode()
    page = client.post(address, {})
    assert page.context["form"].errors["on"] == ["Enter the date it was received, like 3 12 2026"]
    early = client.post(address, {"on_0": "30", "on_1": "4", "on_2": "2026"})  # committed 1 May
    assert early.context["form"].errors["on"] == [
        "The date it was received must be on or after the date of its last change, 1 May 2026"
    ]
    ahead = date.today() + timedelta(days=40)
    later = client.post(address, {"on_0": ahead.day, "on_1": ahead.month, "on_2": ahead.year})
    assert "cannot be in the future" in later.context["form"].errors["on"][0]
    client.post(address, {"on_0": "2", "on_1": "6", "on_2": "2026"})
    made["cash"].refresh_from_db()
    assert made["cash"].status == "received" and made["cash"].received_on == date(2026, 6, 2)
    assert client.get(address).status_code == 403  # nothing after received


def test_evidence_upload_checks_the_file(made, client_for):
    from django.core.files.uploadedfile import SimpleUploadedFile

    client = client_for("anchor_admin")
    address = url("contribution_evidence", made, made["cash"].pk)
    fake = SimpleUploadedFile("letter.pdf", b"not a pdf", content_type="application/pdf")
    page = client.post(address, {"file": fake})
    assert "its contents are not" in page.context["form"].errors["file"][0]
    real = SimpleUploadedFile("minutes.pdf", PDF, content_type="application/pdf")
    assert client.post(address, {"file": real}).status_code == 302
    assert made["cash"].evidence_files.count() == 2


def test_a_coordinator_moves_a_bid_to_awarded_with_its_amount(made, client_for):
    client = client_for("coordinator")
    address = url("bid_move", made, made["applying"].pk) + "?to=awarded"
    page = client.post(address, {"on_0": "1", "on_1": "10", "on_2": "2026"})
    assert page.context["form"].errors["amount"] == [
        "Enter the amount awarded in pounds, like 25000"
    ]
    client.post(address, {"on_0": "1", "on_1": "10", "on_2": "2026", "amount": "15000"})
    made["applying"].refresh_from_db()
    assert made["applying"].status == "awarded" and made["applying"].amount_awarded == D("15000")
    assert made["applying"].awarded_on == date(2026, 10, 1)


def test_a_bid_form_checks_the_range(made, client_for):
    page = client_for("coordinator").post(
        url("bid_add", made),
        {"funder": "F", "scheme": "S", "amount_min": "50000", "amount_max": "10000"},
    )
    assert page.context["form"].errors["amount_max"] == [
        "Enter a largest award that is at least the smallest award"
    ]
    page = client_for("coordinator").post(url("bid_add", made), {"scheme": "S"})
    assert page.context["form"].errors["funder"] == ["Enter the funder's name, like Innovate UK"]


def test_the_costing_page_shows_gaps_optimism_bias_and_present_value(made, client_for):
    from programmes import money

    page = client_for("anchor_admin").get(url("costing", made))
    text = page.content.decode()
    found = page.context["found"]
    assert [(y.year, y.cost, y.secured, y.gap) for y in found.years] == [
        (2026, D(40000), D(20000), D(20000)),
        (2027, D(40000), 0, D(40000)),
    ]
    expected = money.appraise({2026: D(40000), 2027: D(40000)}, D(41))
    assert page.context["appraisal"].present_value == pytest.approx(expected.present_value)
    assert "3.5% a year" in text and "Green Book" in text
    assert "41%: Outsourcing" in text
    assert "Add a budget line" not in text


def test_budget_line_and_allocation_forms(made, client_for):
    client = client_for("coordinator")
    page = client.post(
        url("budget_line_add", made),
        {"category": "evaluation", "description": "Eval", "year_2027": "ten"},
    )
    assert page.context["form"].errors["year_2027"] == [
        "Enter the amount for 2027 to 2028 in pounds, like 25000"
    ]
    client.post(
        url("budget_line_add", made),
        {"category": "evaluation", "description": "Eval", "year_2027": "10000"},
    )
    line = BudgetLine.objects.get(description="Eval")
    page = client.post(
        url("allocation_add", made, line.pk), {"financial_year": "2027", "amount": "5000"}
    )
    assert page.context["form"].errors["source"] == [
        "Select what it is funded from: the contribution or funding bid that pays for it"
    ]
    client.post(
        url("allocation_add", made, line.pk),
        {"financial_year": "2027", "source": f"f{made['awarded'].pk}", "amount": "5000"},
    )
    assert line.allocations.get().funding_source == made["awarded"]
    page = client.post(url("costing_settings", made), {"optimism_bias_percent": "300"})
    assert page.context["form"].errors["optimism_bias_percent"] == [
        "Enter the optimism bias as a percentage from 0 to 200, like 41"
    ]


@pytest.mark.parametrize(
    ("name", "table"),
    [("funding_download", t) for t in ("contributions", "position", "years", "bids")]
    + [("costing_download", t) for t in ("budget", "allocations", "gaps", "categories")],
)
def test_every_table_downloads(made, client_for, name, table):
    client = client_for("buyer")
    csv = client.get(url(name, made, table, "csv"))
    assert csv.status_code == 200 and csv["Content-Type"].startswith("text/csv")
    xlsx = client.get(url(name, made, table, "xlsx"))
    assert xlsx.content[:2] == b"PK"
    assert client.get(url(name, made, "nothing", "csv")).status_code == 404


def test_the_position_download_has_committed_and_received(made, client_for):
    body = client_for("buyer").get(url("funding_download", made, "position", "csv")).content
    text = body.decode()
    assert "Home Council,Partner cash,2026-27,20000.0,0.0,0.0" in text
    assert "Innovate UK: Smart grants,External funding,Whole award,60000.0,,0.0" in text


def test_the_report_sections_of_money(made):
    from programmes import report_money, report_sections

    keys = [key for key, _ in report_sections.registered()]
    assert [k for k in keys if k in {"commitments", "funding", "leverage", "costing"}] == [
        "commitments",
        "funding",
        "leverage",
        "costing",
    ]
    programme = made["programme"]
    commitments = report_money.commitments(programme)
    assert dict(commitments.facts) == {"Proposed": "1", "Committed": "1", "Received": "0"}
    assert commitments.tables[0].rows[0][0] == "Home Council"
    funding = report_money.funding(programme)
    chart = funding.tables[0]
    assert chart.chart_column == 1
    assert chart.rows[:2] == (("2026-27 committed", D(20000)), ("2026-27 received", 0))
    assert dict(funding.facts)["Total committed"] == "£90,000"  # 30,000 cash + 60,000 awarded
    leverage = report_money.leverage(programme)
    assert dict(leverage.facts)["Leverage ratio"].startswith("£2.00")
    assert leverage.paragraphs[0].startswith("The leverage ratio is")
    costing = report_money.costing(programme)
    facts = dict(costing.facts)
    assert facts["Total cost (undiscounted)"] == "£80,000"
    assert facts["Gap"] == "£60,000"
    assert facts["Optimism bias"] == "41% (Outsourcing)"
    assert facts["Cost with optimism bias"] == "£112,800"
    assert "3.5% a year" in facts["Discount rate"]
    gaps = costing.tables[0]
    assert gaps.headers[gaps.chart_column] == "Gap"
    assert all(
        len(t.key) <= 31 for s in (commitments, funding, leverage, costing) for t in s.tables
    )


def test_the_money_sections_are_left_out_of_an_empty_programme(db):
    from programmes import report_money

    empty = Programme.objects.create(slug="empty", title="Empty", summary="-", aims="-")
    assert report_money.commitments(empty) is None
    assert report_money.funding(empty) is None
    assert report_money.leverage(empty) is None
    assert report_money.costing(empty) is None


def test_a_new_programme_s_costing_page_works_before_its_settings_are_saved(world, client_for):
    from programmes.models import Partner, Programme
    from programmes.report import gather

    programme = Programme.objects.create(slug="fresh", title="Fresh", summary="S", aims="A")
    Partner.objects.create(programme=programme, organisation=world.home, kind="anchor", role="L")
    BudgetLine.objects.create(programme=programme, category="staff", description="Manager")
    page = client_for("coordinator").get(reverse("programmes:costing", args=["fresh"]))
    assert page.status_code == 200 and "0%" in page.content.decode()
    costing = next(p for p in gather(programme).parts if p.key == "costing")
    assert costing.failure == ""
