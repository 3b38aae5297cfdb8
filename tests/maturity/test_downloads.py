"""Downloads: an assessment and the network's picture as CSV and XLSX, with the same figures."""

import csv
import io

from django.urls import reverse
from openpyxl import load_workbook

from maturity import questions
from tests.maturity.helpers import completed

SET = questions.current()


def rows_of(response) -> list[list[str]]:
    return list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))


def test_an_assessment_downloads_as_csv_with_answers_and_scores(world, client_for):
    assessment = completed(world.home, 3, (2026, 5, 1), is_sample=True)
    url = reverse("maturity:download", args=[world.home.slug, assessment.pk, "csv"])
    response = client_for("buyer").get(url)
    assert response["Content-Type"].startswith("text/csv")
    assert f"maturity-{world.home.slug}-2026-05-01.csv" in response["Content-Disposition"]
    rows = rows_of(response)
    assert rows[0][:3] == ["Theme", "Question", "Level"]
    assert rows[1][1] == SET.questions[0].title and rows[1][2] == "3"
    assert rows[1][4] == SET.questions[0].level(3).good and rows[1][5] == "Notes"
    assert rows[-1][:4] == ["Overall", "Overall score", "3", "Established"]
    assert len(rows) == 1 + len(SET.questions) + len(SET.themes) + 1


def test_an_assessment_downloads_as_xlsx(world, client_for):
    assessment = completed(world.home, 2, (2026, 5, 1))
    url = reverse("maturity:download", args=[world.home.slug, assessment.pk, "xlsx"])
    response = client_for("coordinator").get(url)
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert sheet.cell(1, 1).value == "Theme" and sheet.cell(2, 3).value == 2


def test_an_unknown_format_is_not_found(world, client_for):
    assessment = completed(world.home, 2, (2026, 5, 1))
    url = reverse("maturity:download", args=[world.home.slug, assessment.pk, "pdf"])
    assert client_for("buyer").get(url).status_code == 404
    assert (
        client_for("buyer").get(reverse("maturity:network_download", args=["ods"])).status_code
        == 404
    )


def test_the_network_picture_downloads_with_counts_per_level_and_median(world, client_for):
    completed(world.home, 1, (2026, 1, 1))
    completed(world.other, 4, (2026, 1, 1))
    rows = rows_of(client_for("buyer").get(reverse("maturity:network_download", args=["csv"])))
    assert rows[0] == [
        "Theme",
        "Question",
        "Anchors at level 1 (Starting)",
        "Anchors at level 2 (Developing)",
        "Anchors at level 3 (Established)",
        "Anchors at level 4 (Leading)",
        "Anchors answering",
        "Median level",
    ]
    assert rows[1][2:] == ["1", "0", "0", "1", "2", "2.5"]
    assert len(rows) == 1 + len(SET.questions)
    xlsx = client_for("buyer").get(reverse("maturity:network_download", args=["xlsx"]))
    assert load_workbook(io.BytesIO(xlsx.content)).active.cell(2, 7).value == 2
