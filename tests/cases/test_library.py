"""The case library through its pages and commands: workflow with versions and consent, bulk
import with a row-by-row report, starting content, finding, guides, the calculator page."""

import csv
import io
import json
import re
from io import StringIO

import pytest
import xlsxwriter
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.core.management.base import CommandError
from django.test import Client
from django.urls import reverse

from cases import guides, importing, services, starting
from cases.models import Calculation, Case, Consent, Version
from cases.sharing import Level, Status
from tests.cases.factories import case
from tests.challenges.factories import PDF, challenge
from tests.hostile_files import FAR_CELL

pytestmark = pytest.mark.django_db

FORM = {
    "title": "Robots wash hospital beds",
    "summary": "Beds cleaned by robots.",
    "problem": "Hand washing was slow.",
    "buyer_names": "Home Council",
    "buyer_type": "health",
    "supplier_names": "Bed Robots Ltd",
    "supplier_is_sme": "true",
    "route": "competitive_dialogue",
    "start_year": "2012",
    "end_year": "2014",
    "outcomes_text": "Cost per bed | 100 | 65 | % of former cost | money\nCO2 | | 65 lower | % | carbon | claim",
    "sources_text": "Award report | https://example.org/award",
    "level": "network",
    "consent": "on",
}


def _client_as(world, role):
    client = Client()
    client.force_login(world.users[role], backend="accounts.backends.EmailBackend")
    return client


def test_a_member_submits_a_coordinator_asks_for_changes_then_publishes(world, client):
    anonymous = client
    client = _client_as(world, "supplier")
    refused = client.post(reverse("cases:create"), {**FORM, "consent": "", "action": "submit"})
    assert "Agree to share for your organisation" in refused.content.decode()
    bad = client.post(
        reverse("cases:create"), {**FORM, "outcomes_text": "only a measure", "action": "submit"}
    )
    assert "Outcome line 1: give at least the measure and the result" in bad.content.decode()
    client.post(reverse("cases:create"), {**FORM, "action": "submit"})
    made = Case.objects.get()
    assert (made.status, made.level, made.organisation) == (
        Status.SUBMITTED,
        Level.NETWORK,
        world.supplier_org,
    )
    assert [(o.measure, o.is_claim) for o in made.outcomes.all()] == [
        ("Cost per bed", False),
        ("CO2", True),
    ]
    [consent] = Consent.objects.all()
    assert (consent.level, consent.organisation, consent.agreed_by) == (
        "network",
        world.supplier_org,
        world.users["supplier"],
    )
    # Not visible to other members until published.
    other = _client_as(world, "other_buyer")
    assert other.get(made.get_absolute_url()).status_code == 404
    coordinator = _client_as(world, "coordinator")
    assert made.title in coordinator.get(reverse("cases:review")).content.decode()
    review = reverse("cases:review_case", kwargs={"slug": made.slug})
    assert (
        "Say what needs to change"
        in coordinator.post(review, {"decision": "changes"}).content.decode()
    )
    coordinator.post(review, {"decision": "changes", "note": "Name the source of the cost figure."})
    made.refresh_from_db()
    assert made.status == Status.CHANGES_REQUESTED
    client.force_login(world.users["supplier"], backend="accounts.backends.EmailBackend")
    assert (
        "Name the source of the cost figure."
        in client.get(made.get_absolute_url()).content.decode()
    )
    client.post(
        reverse("cases:edit", kwargs={"slug": made.slug}),
        {
            **FORM,
            "sources_text": "Award report | https://example.org/award\nCosts | https://example.org/costs",
            "action": "submit",
            "note": "Added the cost source",
        },
    )
    coordinator.post(review, {"decision": "publish"})
    made.refresh_from_db()
    assert made.status == Status.PUBLISHED and made.published_at
    assert other.get(made.get_absolute_url()).status_code == 200
    assert anonymous.get(made.get_absolute_url()).status_code == 404  # network members only
    notes = list(
        Version.objects.filter(case=made).order_by("number").values_list("note", flat=True)
    )
    assert (
        notes[0] == "Created"
        and "Added the cost source" in notes
        and notes[-1].startswith("Published")
    )
    history = client.get(reverse("cases:history", kwargs={"slug": made.slug})).content.decode()
    assert "Added the cost source" in history


def test_saving_the_same_again_adds_no_version(world, client_for):
    client = client_for("supplier")
    client.post(reverse("cases:create"), {**FORM, "action": "save"})
    made = Case.objects.get()
    edit = reverse("cases:edit", kwargs={"slug": made.slug})
    client.post(edit, {**FORM, "action": "save"})
    assert made.versions.count() == 1
    client.post(edit, {**FORM, "lessons": "Ask suppliers early.", "action": "save"})
    assert made.versions.count() == 2


def test_only_the_submitting_organisation_edits(world, client_for):
    made = case(world, Level.PUBLIC)
    assert (
        client_for("supplier").get(reverse("cases:edit", kwargs={"slug": made.slug})).status_code
        == 403
    )


def _upload(rows, name="cases.csv"):
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(rows[0]))
    writer.writeheader()
    writer.writerows(rows)
    return SimpleUploadedFile(name, out.getvalue().encode())


ROW = {
    "title": "Lighting in wards",
    "summary": "LED lighting bought by outcome.",
    "problem": "Lighting used a fifth of the power.",
    "buyers": "Home Council",
    "buyer_type": "health",
    "sectors": "healthcare; Low carbon, energy and environment",
    "route": "Forward commitment procurement",
    "barriers": "risk-appetite",
    "outcomes": "Energy | 100 | 70 | % | carbon; Cost | | 20 lower | % | money",
    "sources": "Trust report | https://example.org/report",
    "sharing_level": "public",
    "consent": "yes",
    "value": "£2,000,000",
}


def test_a_bad_spreadsheet_is_rejected_row_by_row_and_nothing_is_imported(world, client_for):
    rows = [
        ROW,
        {**ROW, "title": "Second", "route": "Magic route", "sectors": "Astrology"},
        {**ROW, "title": "Third", "sharing_level": "named", "consent": ""},
    ]
    page = client_for("buyer").post(reverse("cases:import"), {"file": _upload(rows)})
    text = page.content.decode()
    assert "Nothing was imported: 2 rows need correcting" in text
    assert "Sector: “Astrology” is not one we know" in text
    assert "Route used: Select route used from the options given" in text
    assert "Choose the organisations it is shared with" in text
    assert not Case.objects.exists()


def test_a_good_spreadsheet_imports_and_again_changes_nothing(world, client_for):
    client = client_for("buyer")
    client.post(reverse("cases:import"), {"file": _upload([ROW, {**ROW, "title": "Second"}])})
    assert Case.objects.count() == 2
    made = Case.objects.get(title="Lighting in wards")
    assert (made.status, made.organisation, made.route, int(made.value)) == (
        "draft",
        world.home,
        "forward_commitment",
        2000000,
    )
    assert sorted(s.slug for s in made.sectors.all()) == ["healthcare", "low-carbon"]
    assert [o.measure for o in made.outcomes.all()] == ["Energy", "Cost"]
    versions = Version.objects.count()
    client.post(reverse("cases:import"), {"file": _upload([ROW, {**ROW, "title": "Second"}])})
    assert Case.objects.count() == 2 and Version.objects.count() == versions


def test_unreadable_files_get_a_clear_message(world, client_for):
    client = client_for("buyer")
    text = client.post(
        reverse("cases:import"), {"file": SimpleUploadedFile("x.pdf", b"%PDF")}
    ).content.decode()
    assert "must be a CSV or XLSX" in text
    text = client.post(
        reverse("cases:import"), {"file": SimpleUploadedFile("x.csv", b"name,colour\nA,red\n")}
    ).content.decode()
    assert "These columns are missing: title, summary, problem, buyers" in text
    template = client.get(reverse("cases:import_template")).content.decode()
    assert template.startswith("title,summary,problem,buyers")


def test_the_starting_content_loads_every_case_once_with_sources(db):
    out = StringIO()
    call_command("import_cases", "--json", stdout=out)
    assert json.loads(out.getvalue()) == {"cases": 25, "new": 25, "updated": 0, "unchanged": 0}
    out = StringIO()
    call_command("import_cases", "--json", stdout=out)
    assert json.loads(out.getvalue())["unchanged"] == 25
    assert Version.objects.count() == 25
    cases = Case.objects.all()
    assert all(c.level == Level.PUBLIC and c.status == Status.PUBLISHED for c in cases)
    assert all(
        c.sources.exists() and all(s.url.startswith("https://") for s in c.sources.all())
        for c in cases
    )
    claims = Case.objects.get(source_key="cases-md-03").outcomes.filter(is_claim=True).count()
    assert claims == 3  # projections stated by the contractor are marked as claims
    birmingham_cases = Case.objects.filter(buyer_names__icontains="Birmingham City Council")
    assert birmingham_cases.count() >= 3


def test_a_wrong_starting_file_loads_nothing(db, tmp_path):
    entries = starting.load()
    entries[3]["route"] = "bribery"
    path = tmp_path / "cases.json"
    path.write_text(json.dumps({"cases": entries}))
    with pytest.raises(CommandError, match="cases-md-04: route 'bribery'"):
        call_command("import_cases", str(path))
    assert not Case.objects.exists()


def test_search_facets_similar_and_across_sectors(db, client):
    call_command("import_cases", stdout=StringIO())
    page = client.get(reverse("cases:list"), {"q": "hospital solar"}).content.decode()
    results = page[page.index('id="results"') :]
    assert "New Cross Hospital solar farm" in results and "Preston Model" not in results
    sbri = client.get(reverse("cases:list"), {"route": "sbri"}).content.decode()
    assert "3 cases" in sbri and "SBRI Healthcare" in sbri
    health = client.get(
        reverse("cases:list"), {"sector": "healthcare", "outcome": "money", "buyer_type": "health"}
    )
    assert "Healthcare and life sciences (" in health.content.decode()
    money = client.get(
        reverse("cases:list"), {"value": "over-10m", "year": "2015"}
    ).content.decode()
    assert "Birmingham&#x27;s Business Charter" in money or "Birmingham's Business Charter" in money
    detail = client.get(
        Case.objects.get(source_key="cases-md-10").get_absolute_url()
    ).content.decode()
    similar = detail[detail.index("Similar cases") :]
    assert "More nurse time with patients" in similar and "same route" in similar  # both SBRI
    across = client.get(
        reverse("cases:cross_sector"), {"from": "healthcare", "to": "low-carbon"}
    ).content.decode()
    assert "same route" in across or "same barriers" in across


def test_guides_are_content_files_linking_cases_and_the_route_finder(db, client):
    call_command("import_cases", stdout=StringIO())
    found = guides.all_guides()
    assert [g.slug for g in found] == [
        "outcome-based-specification",
        "preliminary-market-engagement",
        "phased-innovation-competition",
        "local-reservation-below-threshold",
        "smes-in-supply-chains",
    ]
    page = client.get(
        reverse("cases:guide", kwargs={"slug": "phased-innovation-competition"})
    ).content.decode()
    assert "SBRI Healthcare" in page and reverse("challenges:route_finder") in page
    assert '<h2 class="govuk-heading-l">' in page
    assert client.get(reverse("cases:guide", kwargs={"slug": "nope"})).status_code == 404


def test_guides_render_no_raw_html():
    assert "<script>" not in guides.render("<script>alert(1)</script>")


WORKED = {
    "project_type": "standard_buildings",
    "holder_0": "Estates",
    "kind_0": "capex",
    "year_0": "0",
    "amount_0": "1000000",
}
for _year in range(1, 11):
    WORKED |= {
        f"holder_{_year}": "Estates",
        f"kind_{_year}": "saving",
        f"year_{_year}": str(_year),
        f"amount_{_year}": "150000",
    }


def test_the_calculator_page_reproduces_the_worked_example_and_exports_it(db, client):
    page = client.get(reverse("cases:calculator"), WORKED).content.decode()
    assert "£1,247,491" in page and "£7,491" in page and "£1,240,000" in page
    assert "Year 10" in page
    exported = client.get(reverse("cases:calculator"), {**WORKED, "format": "csv"}).content.decode()
    rows = list(csv.reader(io.StringIO(exported)))
    assert (
        rows[0][0] == "Year"
        and ["Whole public sector", "1240000.00", "1247490.80", "7490.80"] in rows
    )
    bad = client.get(
        reverse("cases:calculator"), {"holder_0": "Estates", "amount_0": "5"}
    ).content.decode()
    assert "Row 1: give the budget holder, the kind, the year and the amount" in bad


def test_a_calculation_is_saved_to_a_case_or_challenge_only_by_their_editors(world, client_for):
    mine = case(world, Level.PUBLIC)
    owned = challenge(world)
    buyer = client_for("buyer")
    buyer.post(
        reverse("cases:calculator_save"), {**WORKED, "name": "Wards", "target": f"case:{mine.pk}"}
    )
    buyer.post(
        reverse("cases:calculator_save"),
        {**WORKED, "name": "Visits", "target": f"challenge:{owned.pk}"},
    )
    assert sorted(Calculation.objects.values_list("name", "case_id", "challenge_id")) == [
        ("Visits", None, owned.pk),
        ("Wards", mine.pk, None),
    ]
    saved = Calculation.objects.get(name="Wards")
    assert (
        "£7,491"
        in buyer.get(reverse("cases:calculator"), {"calculation": saved.pk}).content.decode()
    )
    assert "Wards" in buyer.get(mine.get_absolute_url()).content.decode()
    buyer.logout()
    supplier = client_for("supplier")
    refused = supplier.post(
        reverse("cases:calculator_save"), {**WORKED, "target": f"case:{mine.pk}"}
    )
    assert refused.status_code == 403


def test_files_on_a_case_are_checked_and_shared_at_its_level(world, client_for):
    made = case(world, Level.NETWORK)
    buyer = client_for("buyer")
    upload = reverse("cases:attachment_upload", kwargs={"slug": made.slug})
    refused = buyer.post(upload, {"file": SimpleUploadedFile("x.exe", b"MZ")}, follow=True)
    assert "must be a PDF" in refused.content.decode()
    buyer.post(upload, {"file": SimpleUploadedFile("plan.pdf", PDF)})
    attachment = made.attachments.get()
    url = reverse("cases:attachment", kwargs={"slug": made.slug, "pk": attachment.pk})
    assert buyer.get(url).content == PDF
    buyer.logout()
    assert buyer.get(url).status_code == 404  # anonymous: network members only


def test_named_network_organisations_and_challenges_are_linked(world, client_for):
    owned = challenge(world, status="engagement_open")
    client = client_for("buyer")
    client.post(
        reverse("cases:create"),
        {
            **FORM,
            "buyer_names": "Home Council, A Trust Abroad",
            "supplier_names": "Supplier Ltd",
            "challenges": [owned.pk],
            "action": "save",
        },
    )
    made = Case.objects.get()
    assert list(made.buyers.all()) == [world.home]
    assert list(made.suppliers.all()) == [world.supplier_org]
    page = client.get(made.get_absolute_url()).content.decode()
    assert owned.get_absolute_url() in page


def test_an_organisation_page_lists_its_cases_within_their_level(world, client_for):
    public = case(world, Level.PUBLIC, title="Open lighting case")
    private = case(world, Level.PRIVATE, title="Closed lighting case")
    for item in (public, private):
        item.buyers.add(world.home)
    page = client_for("anonymous").get(world.home.get_absolute_url()).content.decode()
    assert "Open lighting case" in page and "Closed lighting case" not in page


def test_an_xlsx_spreadsheet_imports_like_a_csv(world, client_for):
    out = io.BytesIO()
    book = xlsxwriter.Workbook(out, {"in_memory": True})
    sheet = book.add_worksheet()
    for col, key in enumerate(ROW):
        sheet.write(0, col, key)
        sheet.write(1, col, ROW[key])
    sheet.write_number(1, list(ROW).index("value"), 2000000)
    book.close()
    upload = SimpleUploadedFile("cases.xlsx", out.getvalue())
    client_for("buyer").post(reverse("cases:import"), {"file": upload})
    made = Case.objects.get()
    assert (made.title, int(made.value)) == ("Lighting in wards", 2000000)


def test_exported_text_cannot_run_as_a_spreadsheet_formula(world, client_for):
    case(world, Level.PUBLIC, title='=HYPERLINK("http://evil")')
    exported = client_for("anonymous").get(reverse("cases:export", kwargs={"fmt": "csv"}))
    assert "'=HYPERLINK" in exported.content.decode()


def test_a_row_can_repeat_until_a_later_year(db, client):
    short = {
        "project_type": "standard_buildings",
        "holder_0": "Estates",
        "kind_0": "capex",
        "year_0": "0",
        "amount_0": "1000000",
        "holder_1": "Estates",
        "kind_1": "saving",
        "year_1": "1",
        "until_1": "10",
        "amount_1": "150000",
    }
    page = client.get(reverse("cases:calculator"), short).content.decode()
    assert "£7,491" in page and "£1,247,491" in page
    bad = client.get(reverse("cases:calculator"), {**short, "until_1": "0"}).content.decode()
    assert "must not be before the year" in bad


@pytest.mark.parametrize(
    ("ticked", "status"), [(True, Status.SUBMITTED), (False, Status.DRAFT)], ids=["ticked", "not"]
)
def test_an_import_submits_the_cases_for_review_only_when_the_box_is_ticked(
    world, client_for, ticked, status
):
    client = client_for("buyer")
    form = client.get(reverse("cases:import")).content.decode()
    button = re.search(r'type="submit"\s+name="(\w+)"\s+value="Check and import"', form)
    box = re.search(r'type="checkbox" name="(\w+)"[^>]*>\s*<label[^>]*>\s*Submit them for', form)
    assert button and box and button[1] != box[1]
    # As a browser sends it: the button's name and value always, the box only when ticked.
    data = {"file": _upload([ROW]), button[1]: "Check and import"}
    if ticked:
        data[box[1]] = "on"
    page = client.post(reverse("cases:import"), data, follow=True).content.decode()
    assert Case.objects.get().status == status
    assert ("submitted for review" if ticked else "saved as drafts") in page


def test_sharing_a_published_case_more_widely_goes_back_to_review(world, client):
    supplier = _client_as(world, "supplier")
    supplier.post(
        reverse("cases:create"),
        {**FORM, "level": "named", "named_organisations": [world.other.pk], "action": "save"},
    )
    made = Case.objects.get()
    services.publish(made, world.users["coordinator"])
    edit = reverse("cases:edit", kwargs={"slug": made.slug})
    # Narrower or the same: stays published, versioned, listed for coordinators to look at.
    supplier.post(
        edit,
        {
            **FORM,
            "level": "named",
            "named_organisations": [world.other.pk],
            "lessons": "Start early.",
            "action": "save",
        },
    )
    made.refresh_from_db()
    assert made.status == Status.PUBLISHED
    coordinator = _client_as(world, "coordinator")
    assert "Start early." not in coordinator.get(reverse("cases:review")).content.decode()
    assert made.title in coordinator.get(reverse("cases:review")).content.decode()
    # Wider (named -> public): back to review, hidden beyond its owners until published again.
    page = supplier.post(edit, {**FORM, "level": "public", "action": "save"}, follow=True)
    assert "needs a coordinator" in page.content.decode()
    made.refresh_from_db()
    assert (made.status, made.level) == (Status.SUBMITTED, "public")
    assert client.get(made.get_absolute_url()).status_code == 404
    assert _client_as(world, "other_buyer").get(made.get_absolute_url()).status_code == 404
    assert Consent.objects.filter(case=made, level="public").exists()


def test_an_over_long_csv_line_in_a_case_import_is_a_clear_error(world, client_for):
    header = ",".join(column for column, _ in importing.COLUMNS)
    content = f'{header}\nA case,"{"x" * 200_000}"\n'.encode()
    page = client_for("buyer").post(
        reverse("cases:import"), {"file": SimpleUploadedFile("cases.csv", content)}
    )
    assert page.status_code == 200
    assert "Line 2 cannot be read as CSV (field larger than field limit" in page.content.decode()
    assert not Case.objects.exists()


def test_a_case_spreadsheet_with_a_far_cell_is_refused_by_the_bounded_reader(world, client_for):
    page = client_for("supplier").post(
        reverse("cases:import"), {"file": SimpleUploadedFile("cases.xlsx", FAR_CELL)}
    )
    assert page.status_code == 200
    assert "Sheet &#x27;Payments&#x27; is 16,384 columns wide (to cell XFD1048576)" in (
        page.content.decode()
    )
