"""The KPI pages: a programme's and an anchor's KPIs with source, how calculated, baseline,
target, latest, progress and trend; adding and changing a KPI (a share typed as a percentage),
entering a manual result with its evidence, taking a snapshot now, the downloads, who sees an
anchor's KPIs, and the report's KPIs section."""

import csv
import io
from datetime import date

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from python_calamine import CalamineWorkbook

from programmes.models import Kpi, KpiSnapshot, ManualResult, ResultEvidence
from programmes.report_sections import registered
from tests.programmes.test_kpi_sources import kpi_of, make_programme

pytestmark = pytest.mark.django_db


def _dated(prefix: str, day: date) -> dict:
    return {
        f"{prefix}_0": str(day.day),
        f"{prefix}_1": str(day.month),
        f"{prefix}_2": str(day.year),
    }


@pytest.fixture
def measured(world):
    programme = make_programme(world)
    kpi = kpi_of(
        programme,
        "local_spend_share",
        baseline_value=0.20,
        baseline_date=date(2025, 3, 31),
        target_value=0.30,
        target_date=date(2027, 3, 31),
    )
    for day, value in ((date(2025, 9, 30), 0.22), (date(2026, 3, 31), 0.26)):
        KpiSnapshot.objects.create(
            kpi=kpi, taken_on=day, value=value, basis=f"Spend with local suppliers {day}"
        )
    KpiSnapshot.objects.create(kpi=kpi, taken_on=date(2026, 4, 30), error="The ledger was away")
    manual = kpi_of(
        programme, "manual", unit="number", target_value=50, target_date=date(2027, 3, 31)
    )
    ManualResult.objects.create(
        kpi=manual, period_end=date(2026, 3, 31), value=12, evidence_note="Survey of homes"
    )
    return programme, kpi, manual


def test_a_programme_s_kpis_show_source_how_baseline_target_latest_progress_and_trend(
    client_for, measured
):
    programme, _kpi, _ = measured
    html = client_for("buyer").get(f"/programmes/{programme.slug}/kpis/").content.decode()
    assert "KPIs: Healthy homes pilot" in html
    assert f'href="/programmes/{programme.slug}/"' in html  # back to the programme
    assert "Share of spend with local suppliers" in html
    assert "How it is calculated" in html and "total analysed spend" in html
    assert "20.0% (31 March 2025)" in html and "30.0% by 31 March 2027" in html
    assert "26.0% (period ending 31 March 2026)" in html
    assert "On track" in html and "60% of the way" in html and "Improving" in html
    assert "+4.0 points" in html  # the change between snapshots
    assert "could not be taken: The ledger was away" in html
    assert "Homes warmed" not in html and "Survey of homes" in html  # the manual KPI's result
    assert "Add a KPI" not in html and "Take a snapshot now" not in html  # a buyer reads


def test_coordinators_add_a_kpi_with_a_share_typed_as_a_percentage(client_for, world):
    programme = make_programme(world)
    client = client_for("coordinator")
    page = client.get(f"/programmes/{programme.slug}/kpis/")
    assert "Add a KPI" in page.content.decode()
    data = {
        "title": "Local spend",
        "source": "local_spend_share",
        "window": "year",
        "direction": "higher",
        "baseline_entered": "20",
        **_dated("baseline_date", date(2025, 3, 31)),
        "target_entered": "30",
        **_dated("target_date", date(2027, 3, 31)),
        "notes": "",
    }
    response = client.post(f"/programmes/{programme.slug}/kpis/new/", data)
    assert response.status_code == 302
    kpi = Kpi.objects.get(title="Local spend")
    assert (kpi.programme, kpi.unit, kpi.baseline_value, kpi.target_value) == (
        programme,
        "share",
        0.2,
        0.3,
    )
    # a practice KPI names its indicator; errors say how to fix them
    bad = client.post(
        f"/programmes/{programme.slug}/kpis/new/",
        {**data, "source": "practice_indicator", "target_entered": "130"},
    ).content.decode()
    assert "Choose the practice indicator the KPI follows" in bad
    assert "Enter a percentage from 0 to 100, like 25" in bad
    empty = client.post(f"/programmes/{programme.slug}/kpis/new/", {}).content.decode()
    assert "name, like Share of spend with local suppliers" in empty
    assert "figure comes from" in empty and "Choose what period each figure covers" in empty
    # changing it: the percentage is shown as typed
    edit = client.get(f"/kpis/{kpi.pk}/edit/").content.decode()
    assert 'value="20.0"' in edit or 'value="20"' in edit
    changed = client.post(
        f"/kpis/{kpi.pk}/edit/",
        {**data, "source": "practice_indicator", "indicator": "lots_share", "target_entered": "60"},
    )
    assert changed.status_code == 302
    kpi.refresh_from_db()
    assert (kpi.parameters, kpi.target_value) == ({"indicator": "lots_share"}, 0.6)


def test_what_a_kpi_measures_is_fixed_once_it_has_snapshots(client_for, measured):
    _programme, kpi, _manual = measured  # local spend share, with snapshots
    client = client_for("coordinator")
    data = {
        "title": "Local spend",
        "source": "challenges_published",
        "window": "all",
        "direction": "higher",
        "baseline_entered": "20",
        **_dated("baseline_date", date(2025, 3, 31)),
        "target_entered": "35",
        **_dated("target_date", date(2027, 3, 31)),
        "notes": "",
    }
    assert (
        "Fixed now that figures are recorded"
        in client.get(f"/kpis/{kpi.pk}/edit/").content.decode()
    )
    assert client.post(f"/kpis/{kpi.pk}/edit/", data).status_code == 302
    kpi.refresh_from_db()
    assert (kpi.source, kpi.window, kpi.target_value) == ("local_spend_share", "year", 0.35)
    backwards = client.post(f"/kpis/{kpi.pk}/edit/", {**data, "target_entered": "10"})
    assert "Enter a target above the baseline, or choose that a lower figure is better" in (
        backwards.content.decode()
    )


def test_contributors_enter_a_manual_result_with_evidence(client_for, measured):
    programme, kpi, manual = measured
    client = client_for("anchor_admin")  # Home is a partner: its administrators contribute
    url = f"/kpis/{manual.pk}/results/new/"
    missing = client.post(url, {**_dated("period_end", date(2026, 6, 30)), "value": "14"})
    assert "Give a link to the evidence, or upload a file" in missing.content.decode()
    upload = SimpleUploadedFile("survey.pdf", b"%PDF-1.4 survey", content_type="application/pdf")
    response = client.post(
        url,
        {
            **_dated("period_end", date(2026, 6, 30)),
            "value": "14",
            "evidence_note": "Second survey",
            "file": upload,
        },
    )
    assert response.status_code == 302
    result = ManualResult.objects.get(kpi=manual, value=14)
    assert result.entered_by.email == "anchor-admin@example.org"
    evidence = result.files.get()
    page = client.get(f"/programmes/{programme.slug}/kpis/").content.decode()
    assert f"/kpis/{manual.pk}/evidence/{evidence.pk}/" in page
    download = client.get(f"/kpis/{manual.pk}/evidence/{evidence.pk}/")
    assert b"".join(download.streaming_content if download.streaming else [download.content])
    fake = SimpleUploadedFile("fake.pdf", b"not a pdf", content_type="application/pdf")
    refused = client.post(
        url,
        {
            **_dated("period_end", date(2026, 6, 30)),
            "value": "1",
            "evidence_note": "x",
            "file": fake,
        },
    )
    assert "its contents are not: upload the real file" in refused.content.decode()
    # a computed KPI takes no results
    assert client.get(f"/kpis/{kpi.pk}/results/new/").status_code == 404


def test_evidence_files_open_only_for_the_partners_even_on_a_published_programme(
    client_for, measured
):
    programme, _kpi, manual = measured
    result = ManualResult.objects.get(kpi=manual)
    upload = SimpleUploadedFile("log.pdf", b"%PDF-1.4 log", content_type="application/pdf")
    evidence = ResultEvidence(
        result=result, original_name="log.pdf", content_type="application/pdf", size=12
    )
    evidence.file.save("log.pdf", upload)
    programme.is_published = True
    programme.save()
    url = f"/kpis/{manual.pk}/evidence/{evidence.pk}/"
    assert client_for("anonymous").get(url).status_code == 403  # sees the KPI, not the file
    assert client_for("supplier").get(url).status_code == 403  # not a partner
    assert client_for("buyer").get(url).status_code == 200  # Home is a partner
    assert client_for("other_buyer").get(url).status_code == 200  # so is Other Trust
    assert client_for("coordinator").get(url).status_code == 200


def test_take_a_snapshot_now(client_for, measured):
    programme, _kpi, manual = measured
    published = kpi_of(programme, "challenges_published", window="all")
    client = client_for("coordinator")
    page = client.post(f"/kpis/{published.pk}/snapshot/", follow=True).content.decode()
    assert "Snapshot of “Challenges published” taken" in page
    again = client.post(f"/kpis/{published.pk}/snapshot/", follow=True).content.decode()
    assert "was already taken: it is kept" in again
    assert KpiSnapshot.objects.filter(kpi=published).count() == 1
    refused = client.post(f"/kpis/{manual.pk}/snapshot/", follow=True).content.decode()
    assert "A manual KPI takes results, not snapshots" in refused


def test_downloads_of_the_kpi_tables(client_for, measured):
    programme, *_ = measured
    client = client_for("coordinator")
    summary = client.get(f"/programmes/{programme.slug}/kpis/downloads/kpis.csv")
    rows = list(csv.reader(io.StringIO(summary.content.decode())))
    assert rows[0] == [
        "KPI",
        "Source",
        "Baseline",
        "Target",
        "Latest",
        "Progress",
        "Share of the way",
        "Trend",
    ]
    assert rows[1][0] == "Share of spend with local suppliers" and rows[1][5] == "On track"
    trend = client.get(f"/programmes/{programme.slug}/kpis/downloads/trend.xlsx")
    sheet = CalamineWorkbook.from_filelike(io.BytesIO(trend.content)).get_sheet_by_index(0)
    values = sheet.to_python()
    assert values[0][:3] == ["KPI", "Period end", "Figure"]
    assert [row[1] for row in values[1:]] == ["2025-09-30", "2026-03-31", "2026-03-31"]
    assert client.get(f"/programmes/{programme.slug}/kpis/downloads/kpis.pdf").status_code == 404


def test_an_anchor_s_own_kpis(client_for, world):
    kpi_of(world.home, "sme_spend_share", target_value=0.4, target_date=date(2027, 3, 31))
    page = client_for("other_buyer").get(f"/organisations/{world.home.slug}/kpis/")
    html = page.content.decode()
    assert "KPIs: Home Council" in html and "Share of spend with SMEs" in html
    assert "Add a KPI" not in html
    admin = client_for("anchor_admin").get(f"/organisations/{world.home.slug}/kpis/")
    assert "Add a KPI" in admin.content.decode()
    response = client_for("anchor_admin").post(
        f"/organisations/{world.home.slug}/kpis/new/",
        {"title": "Alerts", "source": "alerts_sent", "window": "year", "direction": "higher"},
    )
    assert response.status_code == 302
    alerts = Kpi.objects.get(title="Alerts")
    assert alerts.organisation == world.home
    # the anchor's administrators change its KPIs; an anchor's buyer does not
    edit = f"/kpis/{alerts.pk}/edit/"
    assert client_for("anchor_admin").get(edit).status_code == 200
    client_for("anchor_admin").logout()
    assert client_for("buyer").get(edit).status_code == 403
    # its buyers enter results of its manual KPIs; others' buyers do not
    manual = kpi_of(world.home, "manual", unit="number")
    assert client_for("buyer").get(f"/kpis/{manual.pk}/results/new/").status_code == 200
    client_for("buyer").logout()
    assert client_for("other_buyer").get(f"/kpis/{manual.pk}/results/new/").status_code == 403


def test_the_report_s_kpis_section(measured, world):
    programme, *_ = measured
    build = dict(registered())["kpis"]
    found = build(programme)
    assert found.key == "kpis" and found.title == "KPIs with targets and trends"
    summary, *trends = found.tables
    assert summary.headers == ("KPI", "Source", "Baseline", "Target", "Latest", "Progress")
    assert summary.rows[0][0] == "Share of spend with local suppliers"
    assert summary.rows[0][5].startswith("On track (60% of the way")
    assert len(trends) == 2  # the computed KPI's snapshots and the manual KPI's result
    local = trends[0]
    assert local.chart_column == 1 and local.headers[1] == "Figure (%)"
    assert [row[1] for row in local.rows] == [22.0, 26.0]
    assert all(len(table.key) <= 31 for table in found.tables)
    assert ("On track", "1") in found.facts
    assert build(make_programme(world, slug="empty")) is None
    # the report lists its sections in order: KPIs at 60
    orders = [key for key, _ in registered()]
    assert "kpis" in orders
