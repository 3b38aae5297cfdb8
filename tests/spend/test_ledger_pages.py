"""The ledger's pages: one anchor's figures with charts and their tables, downloads, the printable
report, LM3 survey inputs, publishing a summary, and the network comparison."""

import csv
import io
from io import StringIO

import pytest
from django.core.management import call_command
from python_calamine import CalamineWorkbook

from network.models import OperatingSite, Organisation, Sector
from spend.models import Lm3Survey, PublishedSummary
from tests.conftest import require_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def paid(world, tmp_path):
    """Home Council (Birmingham) pays a local builder, a national firm with a Birmingham depot,
    a Coventry CIC, a firm with no known place and a withheld name; Other Trust pays one firm."""
    require_data("reference", "imd", "English IMD - Local Authorities.csv")
    Organisation.objects.create(
        name="Brum Builders Ltd", kind="company", size_band="small", registered_postcode="B5 5SE"
    )
    national = Organisation.objects.create(
        name="National Care Ltd", kind="company", size_band="large", registered_postcode="SW1A 1AA"
    )
    OperatingSite.objects.create(organisation=national, name="Depot", postcode="B9 4AA")
    Organisation.objects.create(
        name="Kind Hands CIC",
        kind="cic",
        size_band="micro",
        is_vcse=True,
        registered_postcode="CV1 2GT",
    )
    local_carer = Organisation.objects.create(
        name="Selly Oak Care Co-operative",
        kind="company",
        size_band="small",
        registered_postcode="B29 6BD",
    )
    local_carer.sectors.add(Sector.objects.get(slug="social-care"))
    path = tmp_path / "home.csv"
    path.write_text(
        "Supplier Name,Net Amount,Payment Date,Category,Directorate\n"
        "Brum Builders Limited,400.00,15/04/2025,Construction,Place\n"
        "NATIONAL CARE LTD,300.00,15/07/2025,Social Care,Adults\n"
        "Kind Hands CIC,200.00,15/10/2025,Social Care,Adults\n"
        "Faraway Widgets plc,100.00,15/01/2026,Equipment,Place\n"
        "Redacted Personal Information,999.00,15/01/2026,Social Care,Adults\n"
        "Brum Builders Ltd,50.00,15/03/2025,Construction,Place\n"
    )
    call_command("import_spend", str(path), "--buyer", world.home.name, stdout=StringIO())
    other = tmp_path / "other.csv"
    other.write_text("Supplier Name,Net Amount,Payment Date\nKind Hands CIC,80.00,01/05/2025\n")
    call_command("import_spend", str(other), "--buyer", world.other.name, stdout=StringIO())
    call_command("resolve_suppliers", stdout=StringIO())
    return world


def test_the_ledger_shows_each_figure_with_how_it_is_calculated_and_a_table_per_chart(
    client_for, paid
):
    page = client_for("buyer").get(f"/spend/ledger/{paid.home.slug}/?year=2025")
    html = page.content.decode()
    assert page.status_code == 200
    assert "Home Council, 2025-26" in html
    assert "£1,000" in html  # analysed spend: the withheld name is left out
    assert "How this is calculated" in html and "total analysed spend" in html
    # every chart is hidden from screen readers and followed by its table
    assert html.count('<figure class="app-chart" aria-hidden="true">') == html.count(
        "(the figures in the chart above)"
    )
    assert "Size not known" in html  # unknown size is its own category
    assert "Brum Builders" in html and "Top 25 suppliers" in html
    # leakage: Social Care spend outside Birmingham (Kind Hands, Coventry), with the local
    # co-operative whose profile is in social care
    leakage = html[html.index('id="leakage"') :]
    assert "Social Care" in leakage and "Selly Oak Care Co-operative" in leakage
    assert "2024-25" in html and "2025-26" in html  # trend over years


def test_the_sample_notice_follows_the_year_shown(client_for, paid, tmp_path):
    from spend.models import SpendImport

    sample = tmp_path / "sample.csv"
    sample.write_text("Supplier Name,Net Amount,Payment Date\nAcme Ltd,10.00,01/05/2023\n")
    call_command("import_spend", str(sample), "--buyer", paid.home.name, stdout=StringIO())
    SpendImport.objects.filter(source_name="sample.csv").update(is_sample=True)
    client = client_for("buyer")
    notice = "These figures include generated sample payments"
    assert notice in client.get(f"/spend/ledger/{paid.home.slug}/?year=2023").content.decode()
    assert notice not in client.get(f"/spend/ledger/{paid.home.slug}/?year=2025").content.decode()


def test_each_table_downloads_as_csv_and_xlsx(client_for, paid):
    client = client_for("buyer")
    base = f"/spend/ledger/{paid.home.slug}"
    csv_file = client.get(f"{base}/size.csv?year=2025")
    assert csv_file["Content-Type"].startswith("text/csv")
    lines = csv_file.content.decode().splitlines()
    assert lines[0] == "Size,Suppliers,Analysed spend,Share"
    assert any(line.startswith("SME,") for line in lines)
    workbook = client.get(f"{base}/suppliers.xlsx?year=2025")
    assert "attachment" in workbook["Content-Disposition"]
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(workbook.content))
    rows = sheet.get_sheet_by_index(0).to_python()
    assert rows[0][0] == "Supplier" and len(rows) == 5  # four named suppliers
    assert client.get(f"{base}/nothing.csv").status_code == 404
    assert client.get(f"{base}/size.pdf").status_code == 404


def test_the_printable_report_leaves_out_forms_and_downloads(client_for, paid):
    html = (
        client_for("coordinator")
        .get(f"/spend/ledger/{paid.home.slug}/print/?year=2025")
        .content.decode()
    )
    assert "Local spend report" in html and "Home Council" in html
    assert "Download this table" not in html and "Publish this year" not in html


def test_lm3_from_survey_inputs(client_for, paid):
    client = client_for("buyer")
    url = f"/spend/ledger/{paid.home.slug}/lm3/?year=2025"
    wrong = client.post(
        url, {"total_spend": "1000", "local_first_round": "400", "local_second_round": "500"}
    )
    assert "R3 cannot be more than R2" in wrong.content.decode()
    done = client.post(
        url,
        {"total_spend": "1000000", "local_first_round": "400000", "local_second_round": "150000"},
        follow=True,
    )
    survey = Lm3Survey.objects.get(buyer=paid.home, financial_year=2025)
    assert survey.lm3 == pytest.approx(1.55)  # RULES.md section 5's worked example
    assert "1.55" in done.content.decode()


def test_an_anchor_admin_publishes_a_summary_anyone_can_read(client_for, client, paid):
    buyer = client_for("buyer")
    url = f"/spend/ledger/{paid.home.slug}/publish/?year=2025"
    assert buyer.post(url, {"action": "publish", "confirm": "yes"}).status_code == 403
    admin = client_for("anchor_admin")
    # The ledger's button asks first; the same page comes from a GET or a POST not confirmed.
    ledger = admin.get(f"/spend/ledger/{paid.home.slug}/?year=2025").content.decode()
    assert f'action="{url}"' in ledger
    for asked in (admin.get(url), admin.post(url, {"action": "publish"})):
        text = asked.content.decode()
        assert asked.status_code == 200 and ">Publish the 2025-26 summary?</h1>" in text
        assert "Payment-level data is never published" in text and "govuk-warning-text" in text
        assert ">Yes, publish the summary</button>" in text and 'value="publish"' in text
        cancel = f'href="/spend/ledger/{paid.home.slug}/?year=2025">Cancel</a>'
        assert cancel in text
    assert not PublishedSummary.objects.exists()
    admin.post(url, {"action": "publish", "confirm": "yes"})
    summary = PublishedSummary.objects.get(buyer=paid.home, financial_year=2025)
    assert summary.summary["measures"]["total_spend"]["value"] == 1000.0
    client.logout()
    public = client.get(f"/spend/published/{paid.home.slug}/2025/").content.decode()
    assert "Home Council, 2025-26" in public and "Share with SMEs" in public
    assert "Brum Builders" not in public  # no payment-level data in public
    sizes = client.get(f"/spend/published/{paid.home.slug}/2025/size.csv").content.decode()
    assert sizes.splitlines()[0] == "Size,Suppliers,Analysed spend,Share"
    figures = client.get(f"/spend/published/{paid.home.slug}/2025/measures.xlsx")
    assert figures["Content-Type"].startswith("application/vnd.openxmlformats")
    assert paid.home.name in client.get("/spend/published/").content.decode()
    admin = client_for("anchor_admin")
    asked = admin.post(url, {"action": "withdraw"}).content.decode()
    assert ">Stop publishing the 2025-26 summary?</h1>" in asked
    assert "Anyone with a link to the summary will be told it cannot be found" in asked
    assert PublishedSummary.objects.exists()
    admin.post(url, {"action": "withdraw", "confirm": "yes"})
    assert not PublishedSummary.objects.exists()
    client.logout()
    assert client.get(f"/spend/published/{paid.home.slug}/2025/").status_code == 404


def test_the_network_compares_anchors_with_aggregates_only(client_for, paid):
    Organisation.objects.create(name="Quiet NHS Trust", kind="nhs_trust")
    page = client_for("other_buyer").get("/spend/network/?year=2025").content.decode()
    assert "Home Council" in page and "Other Trust" in page
    assert "Brum Builders" not in page
    # every anchor listed, with no data yet where it has none
    assert "Quiet NHS Trust" in page and "No data yet" in page
    assert "Network total" in page
    # the chart says what it measures and when, in its title, axis and caption
    assert (
        "Share with local suppliers (operating locally) (share of analysed spend), "
        "financial year 2025-26" in page
    )
    assert "Bar length: Share with local suppliers (operating locally)" in page
    assert "not as an average of their shares" in page
    download = client_for("other_buyer").get("/spend/network.csv?year=2025").content.decode()
    assert download.splitlines()[0].startswith("Anchor,Payment data,Payments,Analysed spend")
    lines = list(csv.reader(io.StringIO(download)))
    assert len(lines) == 5  # Home Council, Other Trust, Quiet NHS Trust, the network total
    rows = {line[0]: line for line in lines[1:]}
    assert rows["Quiet NHS Trust"][1:4] == ["No data yet", "No data yet", ""]
    total = rows["Network total (all anchors' payments together)"]
    # pooled: (700 local of Home's 1,000 + Other's 80) / 1,080, not the mean of 70% and 100%
    assert float(total[4]) == pytest.approx(round(780 / 1080, 4))
    assert total[3] == "1080.0"


def test_the_network_is_drawn_for_the_measure_chosen(client_for, paid):
    client = client_for("coordinator")
    page = client.get("/spend/network/?year=2025&measure=sme_share").content.decode()
    assert "Share with SMEs (share of analysed spend), financial year 2025-26" in page
    assert '<option value="sme_share" selected>' in page
    sheet = client.get("/spend/network.xlsx?year=2025&measure=sme_share")
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(sheet.content)).get_sheet_by_index(0).to_python()
    )
    assert rows[0][4] == "Share with SMEs: of analysed spend"
    home = next(row for row in rows if row[0] == "Home Council")
    assert home[4] == pytest.approx(0.6) and home[5] == pytest.approx(0.1)  # size not known
    wrong = client.get("/spend/network/?measure=nonsense")
    assert wrong.status_code == 200
    assert "Choose a measure from the list" in wrong.content.decode()


def test_a_buyer_cannot_see_another_anchors_ledger(client_for, paid):
    assert client_for("other_buyer").get(f"/spend/ledger/{paid.home.slug}/").status_code == 404
    assert (
        client_for("other_buyer").get(f"/spend/ledger/{paid.home.slug}/size.csv").status_code == 404
    )


def test_spend_home_sends_a_buyer_to_their_own_ledger(client_for, paid):
    page = client_for("buyer").get("/spend/", follow=True)
    assert page.redirect_chain[-1][0] == f"/spend/ledger/{paid.home.slug}/"
