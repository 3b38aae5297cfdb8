"""The ledger says what it knows: coverage beside every figure, unknown shown apart, addressable
spend, the sector split, the largest unplaced payees with how to place them, financial quarters
in words, deprivation at the level judged; on the page, in downloads, the printable report and
published summaries (old snapshots still shown)."""

import io

import polars as pl
import pytest
from python_calamine import CalamineWorkbook

from spend import dashboard
from spend.models import Payee, PublishedSummary
from tests.spend.test_ledger_pages import paid  # noqa: F401  (the fixture)

pytestmark = pytest.mark.django_db


def test_every_headline_figure_has_its_coverage_and_unknown_part(client_for, paid):  # noqa: F811
    html = client_for("buyer").get(f"/spend/ledger/{paid.home.slug}/?year=2025").content.decode()
    # Faraway Widgets (£100 of £1,000) has no known place: counted neither in nor out
    assert "Coverage: 90.0% of analysed spend" in html
    # its sector is known all the same: "plc" in its name is a public limited company's form
    assert "place 90.0%, size 90.0%, sector 100.0%" in html
    assert "Not known: 10.0% of analysed spend" in html
    assert "77.8% of the spend where it is known" in html  # local: 700 of the 900 placed
    assert "Place known for 90.0% of analysed spend; place, size and sector for 90.0%." in html
    assert "Addressable spend (payees outside the public sector)" in html
    # deprivation: no LSOA known here, so not known, never judged by the whole authority
    assert (
        "Not known: no postcode directory with LSOAs is loaded — load the ONSPD or NSPL with "
        "load_registers." in html
    )
    assert "local authority level" not in html
    # a figure not known is not said to be "Not known of analysed spend"
    assert "Not known</strong> of analysed spend" not in html
    assert "Not known of the spend where it is known" not in html
    assert "Of the spend where it is known: none is known yet" in html
    assert "VCSE status known for" in html  # the VCSE share's own basis, not size
    # quarters in words
    assert (
        "Q1 2025-26 (April to June 2025)" in html and "Q4 2025-26 (January to March 2026)" in html
    )
    sectors = html[html.index('id="sectors"') :]
    assert "Individual or name withheld" in sectors and "Sector not known" in sectors
    unplaced = html[html.index('id="unplaced"') : html.index('id="sectors"')]
    assert "Faraway Widgets plc" in unplaced and "load_registers --download" in unplaced
    assert 'href="/suppliers/places/"' in unplaced  # the review queue
    faraway = Payee.objects.get(supplier_name="Faraway Widgets plc")
    assert f'href="/suppliers/payees/{faraway.pk}/">Add a postcode' in unplaced


def test_downloads_carry_coverage_and_quarter_labels(client_for, paid):  # noqa: F811
    client = client_for("buyer")
    base = f"/spend/ledger/{paid.home.slug}"
    figures = client.get(f"{base}/measures.csv?year=2025").content.decode().splitlines()
    assert figures[0] == (
        "Measure,Of analysed spend,Not known,Of spend where known,Of addressable spend,"
        'Known for,"Coverage (place, size and sector known)",Note,How this is calculated'
    )
    uk = next(line for line in figures if line.startswith("Share with suppliers in the UK"))
    assert uk.startswith("Share with suppliers in the UK,90.0%,10.0%,100.0%,90.0%")
    quarters = client.get(f"{base}/quarters.xlsx?year=2025")
    rows = (
        CalamineWorkbook.from_filelike(io.BytesIO(quarters.content))
        .get_sheet_by_index(0)
        .to_python()
    )
    assert [row[0] for row in rows[1:]] == [
        "Q1 2025-26 (April to June 2025)",
        "Q2 2025-26 (July to September 2025)",
        "Q3 2025-26 (October to December 2025)",
        "Q4 2025-26 (January to March 2026)",
    ]
    assert "Coverage (place, size and sector known)" in rows[0]
    unplaced = client.get(f"{base}/unplaced.csv?year=2025").content.decode().splitlines()
    assert unplaced[0].startswith("Payee,Payments,Analysed spend,Share of analysed spend")
    assert unplaced[1].startswith("Faraway Widgets plc,1,100.0,0.1,")
    sectors = client.get(f"{base}/sectors.csv?year=2025").content.decode()
    assert "Individual or name withheld,1,999.0," in sectors


def test_the_printable_report_has_coverage_unplaced_payees_and_quarters(client_for, paid):  # noqa: F811
    html = (
        client_for("coordinator")
        .get(f"/spend/ledger/{paid.home.slug}/print/?year=2025")
        .content.decode()
    )
    assert "Coverage: 90.0% of analysed spend" in html
    assert "Faraway Widgets plc" in html[html.index('id="unplaced"') :]
    assert "Q3 2025-26 (October to December 2025)" in html
    assert "Not known: 10.0% of analysed spend" in html
    assert "Download this table" not in html


def test_an_unplaced_payee_links_to_its_page_with_how_to_place_it(paid):  # noqa: F811
    suggested, bare = Payee.objects.filter(buyer=paid.home, is_redacted=False)[:2]
    Payee.objects.filter(pk=suggested.pk).update(match_status="suggested")
    frame = pl.DataFrame(
        {
            "amount": [500.0, 200.0],
            "payments": [2, 1],
            "is_redacted": [False, False],
            "payee_id": [suggested.pk, bare.pk],
            "supplier_key": ["a", "b"],
            "supplier": ["Suggested Ltd", "Bare Ltd"],
            "in_uk": [None, None],
            "is_sme": [None, None],
        },
        schema_overrides={"in_uk": pl.Boolean, "is_sme": pl.Boolean},
    )
    table = dashboard.unplaced_table(frame)
    first, second = table.rows
    assert first["how"] == "Confirm the suggested match"
    assert first["page"] == f"/suppliers/payees/{suggested.pk}/"
    assert second["how"].startswith("Add a postcode")
    cells = table.display()[0]
    assert cells[0] == ("Suggested Ltd", False, f"/suppliers/payees/{suggested.pk}/")


def test_a_published_summary_carries_the_new_figures(client_for, client, paid):  # noqa: F811
    client_for("anchor_admin").post(
        f"/spend/ledger/{paid.home.slug}/publish/?year=2025",
        {"action": "publish", "confirm": "yes"},
    )
    summary = PublishedSummary.objects.get(buyer=paid.home, financial_year=2025).summary
    assert summary["measures"]["uk_share"]["unknown"] == pytest.approx(0.1)
    assert summary["coverage"]["location_coverage"] == pytest.approx(0.9)
    client.logout()
    public = client.get(f"/spend/published/{paid.home.slug}/2025/").content.decode()
    assert "Coverage: 90.0% of analysed spend" in public
    assert "Not known: 10.0% of analysed spend" in public and "Spend by payee" in public
    assert "Brum Builders" not in public and "Faraway" not in public  # no payee named
    figures = client.get(f"/spend/published/{paid.home.slug}/2025/measures.csv").content.decode()
    assert "Of addressable spend" in figures.splitlines()[0]


def test_a_summary_published_before_these_figures_still_shows(client, paid):  # noqa: F811
    old = {
        "financial_year": 2024,
        "measures": {
            "total_spend": {"label": "Total analysed spend", "value": 50.0, "how": "Sum."},
            "uk_share": {
                "label": "Share with suppliers in the UK",
                "value": 1.0,
                "how": "UK ÷ all.",
                "note": "",
            },
        },
        "size": [{"size": "SME", "spend": 50.0, "suppliers": 1, "share": 1.0}],
        "trends": [
            {"financial_year": "2024-25", "payments": 1, "total_spend": 50.0, "uk_share": 1.0}
        ],
        "lm3": None,
    }
    PublishedSummary.objects.create(buyer=paid.home, financial_year=2024, summary=old)
    page = client.get(f"/spend/published/{paid.home.slug}/2024/")
    html = page.content.decode()
    assert page.status_code == 200 and "Share with suppliers in the UK" in html
    assert "Coverage:" not in html  # not measured then: nothing made up
    trend = client.get(f"/spend/published/{paid.home.slug}/2024/trends.csv").content.decode()
    assert trend.splitlines()[0] == "Financial year,Payments,Analysed spend,UK"
    assert client.get(f"/spend/published/{paid.home.slug}/2024/measures.xlsx").status_code == 200
