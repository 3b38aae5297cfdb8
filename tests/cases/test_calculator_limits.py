"""The invest-to-save calculator's inputs are capped before any work: rows, years and the number
of fields a request may send, each refused with a clear message, never a 500."""

import pytest
from django.urls import reverse

from cases.forms import CalculatorForm
from cases.models import Calculation

pytestmark = pytest.mark.django_db

ONE_ROW = {
    "project_type": "standard_buildings",
    "holder_0": "Estates",
    "kind_0": "capex",
    "year_0": "0",
    "amount_0": "1000",
}
TOO_MANY = "A calculation can have at most 60 rows"


def test_asking_for_100000_rows_makes_no_more_than_60_and_is_a_form_error():
    form = CalculatorForm(ONE_ROW, rows=100_000)
    assert len(form.fields) <= 2 + 60 * 5
    assert not form.is_valid()
    assert TOO_MANY in form.non_field_errors()[0]
    assert CalculatorForm(ONE_ROW, rows=60).is_valid()


def test_a_field_beyond_the_last_row_is_refused_not_ignored():
    form = CalculatorForm({**ONE_ROW, "amount_60": "5"})
    assert not form.is_valid()
    assert TOO_MANY in form.non_field_errors()[0]


def test_saving_with_100000_rows_shows_the_error_summary_and_saves_nothing(client_for):
    client = client_for("buyer")
    page = client.post(reverse("cases:calculator_save"), {**ONE_ROW, "rows": "100000"}, follow=True)
    text = page.content.decode()
    assert page.status_code == 200
    assert "govuk-error-summary" in text and TOO_MANY in text
    assert not Calculation.objects.exists()


@pytest.mark.parametrize("rows", ["100000", "9" * 5000, "abc", "-5", "١٢"])
def test_the_calculator_page_answers_any_rows_parameter(client, rows):
    page = client.get(reverse("cases:calculator"), {**ONE_ROW, "rows": rows})
    assert page.status_code == 200
    text = page.content.decode()
    assert (TOO_MANY in text) == (rows in {"100000", "9" * 5000})
    assert ("Results" in text) == (TOO_MANY not in text)


def test_a_bad_rows_value_when_saving_is_not_a_server_error(client_for):
    page = client_for("buyer").post(
        reverse("cases:calculator_save"), {**ONE_ROW, "rows": "abc", "name": "Wards"}
    )
    assert page.status_code == 302
    assert Calculation.objects.get().name == "Wards"


def test_years_are_capped_with_a_message(client):
    page = client.get(reverse("cases:calculator"), {**ONE_ROW, "until_0": "100000"})
    text = page.content.decode()
    assert "govuk-error-summary" in text and "The until year in row 1 must be 400 or less" in text
    assert "Results" not in text


def test_more_fields_than_django_accepts_is_a_400_with_a_message(client_for):
    client = client_for("buyer")
    fields = {f"holder_{i}": "x" for i in range(2_100)}
    for page in (
        client.post(reverse("cases:calculator_save"), fields),
        client.get(reverse("cases:calculator"), fields),
    ):
        assert page.status_code == 400
        assert "The form sent more than 2,000 fields" in page.content.decode()
