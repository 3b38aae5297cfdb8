"""spend_report: one anchor's ledger from its payments and what is known of its suppliers."""

import json
from io import StringIO

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError

from network.models import OperatingSite, Organisation
from registers.models import PostcodePlace
from spend.ledger import financial_year, payments_frame
from tests.conftest import require_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def ledger(tmp_path):
    require_data("reference", "imd", "File_1_-_IMD2019_Index_of_Multiple_Deprivation.csv.gz")
    # Deprivation is judged by LSOA: Brum Builders' postcode is in the directory with its LSOA
    # (one of Birmingham's most deprived tenth); the others' LSOAs are not known.
    PostcodePlace.objects.create(
        postcode="B5 5SE", local_authority_code="E08000025", lsoa11="E01008882"
    )
    Organisation.objects.create(
        name="Anytown Council", kind="council", registered_postcode="B1 1BB"
    )
    Organisation.objects.create(
        name="Brum Builders Ltd", kind="company", size_band="small", registered_postcode="B5 5SE"
    )
    branch = Organisation.objects.create(
        name="National Care Ltd", kind="company", size_band="large", registered_postcode="SW1A 1AA"
    )
    OperatingSite.objects.create(organisation=branch, name="Depot", postcode="B9 4AA")
    Organisation.objects.create(
        name="Kind Hands CIC",
        kind="cic",
        size_band="micro",
        is_vcse=True,
        registered_postcode="CV1 2GT",
    )
    path = tmp_path / "payments.csv"
    path.write_text(
        "Supplier Name,Net Amount,Payment Date\n"
        "Brum Builders Limited,400.00,15/04/2025\n"
        "NATIONAL CARE LTD,300.00,15/07/2025\n"
        "Kind Hands CIC,200.00,15/10/2025\n"
        "Faraway Widgets plc,100.00,15/01/2026\n"
        "Redacted Personal Information,999.00,15/01/2026\n"
        "Brum Builders Ltd,50.00,15/03/2025\n"  # the previous financial year
    )
    call_command("import_spend", str(path), "--buyer", "Anytown Council", stdout=StringIO())
    call_command("resolve_suppliers", stdout=StringIO())


def report(*extra):
    out = StringIO()
    call_command("spend_report", "--buyer", "Anytown Council", "--json", *extra, stdout=out)
    return json.loads(out.getvalue())


def test_the_ledger_of_one_financial_year(ledger):
    result = report("--year", "2025")
    measures = result["measures"]
    assert result["payments"] == 5 and measures["total_spend"] == 1000.0
    assert measures["local_share_registered"] == pytest.approx(0.4)  # Brum Builders
    assert measures["local_share_operational"] == pytest.approx(0.7)  # + National Care's depot
    assert measures["combined_authority_share"] == pytest.approx(0.9)  # + Kind Hands (Coventry)
    assert measures["sme_share"] == pytest.approx(0.6)
    assert measures["vcse_share"] == pytest.approx(0.2)
    # Only Brum Builders' LSOA is known: a Birmingham address alone is not a deprived area.
    assert measures["deprived_area_share"] == pytest.approx(0.4)
    assert result["deprivation_level"] == "LSOA"
    assert measures["location_coverage"] == pytest.approx(0.9)  # Faraway Widgets: not known
    # unknown is unknown: Faraway Widgets counts neither in nor outside the UK
    assert measures["uk_share"] == pytest.approx(0.9)
    assert measures["uk_unknown_share"] == pytest.approx(0.1)
    assert measures["uk_known_share"] == 1.0
    assert measures["local_operational_known_share"] == pytest.approx(0.7 / 0.9)
    assert measures["sme_addressable_share"] == pytest.approx(0.6)  # no public-sector payee
    assert result["unknown_share"]["uk"] == pytest.approx(0.1)
    assert set(result["coverage"]) == {
        "coverage",
        "location_coverage",
        "size_coverage",
        "sector_coverage",
    }
    split = {row["sector"]: row["spend"] for row in result["sector_split"]}
    assert split["Individual or name withheld"] == 999.0  # the withheld name
    # Faraway Widgets plc: placed nowhere, but "plc" is a public limited company's legal form
    assert split["Sector not known"] == 0.0
    assert split["Private sector"] == 800.0 and split["Public sector"] == 0.0
    assert split["Third sector (charities, social enterprises)"] == 200.0  # Kind Hands CIC
    assert [row["supplier"] for row in result["unplaced"]] == ["Faraway Widgets plc"]
    assert result["quarter_labels"]["2025-Q4"] == "Q4 2025-26 (January to March 2026)"
    assert set(result["by_quarter"]) == {"2025-Q1", "2025-Q2", "2025-Q3", "2025-Q4"}
    assert "operate" in result["how_calculated"]["local_share_operational"]
    sizes = {row["size"]: row for row in result["size"]}
    assert sizes["Size not known"]["spend"] == 100.0  # Faraway Widgets: never counted as large
    assert sizes["SME"]["spend"] == 600.0 and sizes["Large"]["spend"] == 300.0
    assert result["top_suppliers"][0]["supplier"].startswith("Brum Builders")
    assert result["by_financial_year"] == {"2025-26": result["by_financial_year"]["2025-26"]}
    assert result["lm3"] is None


def test_years_and_errors(ledger):
    assert report()["payments"] == 6
    assert financial_year(__import__("datetime").date(2026, 3, 31)) == 2025
    with pytest.raises(
        CommandError, match="No payments for Anytown Council in the financial year 2030-31"
    ):
        report("--year", "2030")
    out = StringIO()
    call_command("spend_report", "--buyer", "Anytown Council", "--year", "2025", stdout=out)
    text = out.getvalue()
    assert "Share with local suppliers (operating locally)" in text and "70.0%" in text
    assert "Coverage: place, size and sector known for" in text
    assert "Q1 2025-26 (April to June 2025)" in text and "Faraway Widgets plc" in text
    assert "Judged by the LSOA of the supplier's postcode (IMD 2019)" in text
    assert payments_frame()["payments"].sum() == 6
