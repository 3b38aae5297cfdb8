"""Bad request parameters get a 4xx and a message saying which and what is allowed, never a 500."""

from datetime import date

import pytest
from django.core.exceptions import BadRequest, ValidationError
from django.urls import reverse

from core.params import (
    EARLIEST_DATE,
    LATEST_DATE,
    MAX_PAGE,
    DateParameterField,
    DayMonthYearField,
    whole_number,
)

HUGE = str(10**30)


# --- the shared parsers (no database) ---


@pytest.mark.parametrize("text", ["abc", "1e400", "1_000", "٣", " ", "-", "nan", HUGE, "12.5"])
def test_whole_number_refuses_anything_but_digits_in_range(text):
    if not text.strip():
        assert whole_number(text, name="year", minimum=1, maximum=9, default=4) == 4
        return
    with pytest.raises(BadRequest, match=r"'year' must be a whole number from 1 to 9"):
        whole_number(text, name="year", minimum=1, maximum=9)


def test_whole_number_reads_a_value_within_its_bounds():
    assert whole_number(" 2025 ", name="year", minimum=1900, maximum=2198) == 2025
    assert whole_number(None, name="year", minimum=1900, maximum=2198) is None
    assert whole_number("-3", name="offset", minimum=-5, maximum=5) == -3
    with pytest.raises(BadRequest):
        whole_number("0", name="page", minimum=1, maximum=MAX_PAGE)


def test_dates_outside_the_range_are_refused_with_the_range():
    field = DateParameterField(required=False)
    assert field.clean(EARLIEST_DATE.isoformat()) == EARLIEST_DATE
    assert field.clean(LATEST_DATE.isoformat()) == LATEST_DATE
    for text in ("9999-12-31", "0001-01-01", "2101-01-01"):
        with pytest.raises(ValidationError, match="between 1 January 2000"):
            field.clean(text)
    for text in ("99999-01-01", "9999-99-99"):
        with pytest.raises(ValidationError, match="Enter a valid date"):
            field.clean(text)
    assert field.clean("2025-03-31") == date(2025, 3, 31)


@pytest.mark.parametrize("year", [HUGE, "9999", "1999"])
def test_day_month_year_boxes_refuse_a_year_out_of_range(year):
    field = DayMonthYearField(required=False)
    with pytest.raises(ValidationError, match="between 1 January 2000 and 31 December 2100"):
        field.clean(["1", "1", year])
    assert field.clean(["31", "3", "2025"]) == date(2025, 3, 31)
    assert field.clean(["", "", ""]) is None
    with pytest.raises(ValidationError, match="The date must be a real date"):
        field.clean(["1", "1", "99999"])  # beyond date.max


@pytest.mark.parametrize("boxes", [["30", "2", "2028"], ["1", "13", "2027"]])
def test_day_month_year_boxes_name_the_field_for_a_day_the_month_does_not_have(boxes):
    field = DayMonthYearField(label="Target date")
    with pytest.raises(ValidationError) as refused:
        field.clean(boxes)
    assert refused.value.messages == [
        (
            "Target date must be a real date: check the day and the month (1 to 12), "
            "for example 27 3 2027"
        )
    ]


# --- the HTML pages ---


OUT_OF_RANGE = "must be between 1 January 2000 and 31 December 2100"
NOT_A_DATE = "must be a real date, like 2027-03-27"


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ({"deadline_from": "9999-12-31"}, f"Deadline from {OUT_OF_RANGE}"),
        ({"deadline_to": "9999-12-31"}, f"Deadline to {OUT_OF_RANGE}"),
        ({"deadline_from": "0001-01-01"}, f"Deadline from {OUT_OF_RANGE}"),
        ({"deadline_to": "0001-01-01"}, f"Deadline to {OUT_OF_RANGE}"),
        ({"deadline_from": "99999-01-01"}, f"Deadline from {NOT_A_DATE}"),
        ({"deadline_to": "9999-99-99"}, f"Deadline to {NOT_A_DATE}"),
    ],
)
def test_search_page_reports_a_date_out_of_range_on_the_form(client, world, query, message):
    response = client.get(reverse("opportunities:opportunities"), query)
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html and message in html


@pytest.mark.parametrize("page", [HUGE, "-1", "abc", "0"])
def test_listing_pages_accept_any_page_number(client, world, page):
    for name in ["opportunities:opportunities", "network:organisations", "challenges:list"]:
        assert client.get(reverse(name), {"page": page}).status_code == 200, name


@pytest.mark.parametrize("value", ["abc", "1e400", HUGE, "-1", "0001-01-01"])
def test_calculator_refuses_a_calculation_that_is_not_an_id(client, world, value):
    response = client.get(reverse("cases:calculator"), {"calculation": value})
    assert response.status_code == 400
    assert "&#x27;calculation&#x27; must be a whole number" in response.content.decode()


def test_calculator_with_an_unknown_calculation_is_not_found(client, world):
    assert client.get(reverse("cases:calculator"), {"calculation": "999"}).status_code == 404


def test_calculator_ignores_a_row_count_that_is_not_a_number(client_for, world):
    assert (
        client_for("supplier").get(reverse("cases:calculator"), {"rows": "abc"}).status_code == 200
    )
    response = client_for("supplier").post(reverse("cases:calculator_save"), {"rows": "abc"})
    assert response.status_code == 302  # back to the form with its errors


@pytest.mark.parametrize("year", ["abc", "-1", "0", HUGE, "1999", "2100"])
def test_ledger_refuses_a_year_it_cannot_show(client_for, world, year):
    client = client_for("buyer")
    for name in ["spend:ledger", "spend:ledger_print"]:
        response = client.get(reverse(name, kwargs={"slug": world.home.slug}), {"year": year})
        assert response.status_code == 400, name
        assert "&#x27;year&#x27; must be a whole number from 2000 to 2099" in (
            response.content.decode()
        )


def test_a_challenge_closing_in_a_year_too_large_is_a_form_error(client_for, world):
    response = client_for("buyer").post(
        reverse("challenges:create"),
        {
            "title": "Fewer missed visits",
            "closes_on_0": "1",
            "closes_on_1": "1",
            "closes_on_2": HUGE,
        },
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "govuk-error-summary" in html and "between 1 January 2000 and 31 December 2100" in html


# --- the API ---


def _errors(response):
    return {error["field"]: error["message"] for error in response.json()["errors"]}


@pytest.mark.parametrize(
    "path", ["/api/organisations", "/api/champions", "/api/opportunities", "/api/challenges"]
)
def test_api_refuses_page_numbers_beyond_the_last_possible_page(client, world, path):
    response = client.get(path, {"page": HUGE})
    assert response.status_code == 422
    assert _errors(response)["page"] == "Page must be 100000 or less"
    assert client.get(path, {"page": MAX_PAGE}).json()["items"] == []


def test_api_quarantine_refuses_huge_page_numbers(client, world):
    response = client.get(
        "/api/quarantine",
        {"page": HUGE},
        HTTP_AUTHORIZATION=f"Bearer {world.api_secret}",
    )
    assert response.status_code == 422 and "page" in _errors(response)


@pytest.mark.parametrize(
    "query",
    [
        {"deadline_from": "9999-12-31"},
        {"deadline_to": "9999-12-31"},
        {"deadline_from": "0001-01-01"},
        {"deadline_to": "99999-01-01"},
        {"deadline_from": "9999-99-99"},
    ],
)
def test_api_search_refuses_dates_out_of_range(client, world, query):
    response = client.get("/api/opportunities", query)
    assert response.status_code == 422
    assert set(_errors(response)) == set(query)


def test_route_finder_refuses_a_date_out_of_range(client, db):
    response = client.post(
        "/api/route-finder",
        {
            "value_incl_vat": 1000,
            "buyer_type": "central",
            "category": "goods",
            "date": "9999-12-31",
        },
        content_type="application/json",
    )
    assert response.status_code == 422
    assert "date" in _errors(response)


def test_api_refuses_a_body_that_is_not_json_with_a_documented_400(client, db):
    response = client.post("/api/route-finder", "\x00", content_type="application/json")
    assert response.status_code == 400 and response.json()["detail"]
    spec = client.get("/api/openapi.json").json()
    assert "400" in spec["paths"]["/api/route-finder"]["post"]["responses"]


def test_openapi_documents_every_refusal_with_its_body(client, db):
    spec = client.get("/api/openapi.json").json()
    operations = spec["paths"]
    me = operations["/api/me"]["get"]["responses"]
    assert set(me) == {"200", "400", "401"}
    patch = operations["/api/organisations/{slug}"]["patch"]["responses"]
    assert set(patch) == {"200", "400", "401", "403", "404", "422"}
    invalid = patch["422"]["content"]["application/json"]["schema"]["$ref"].rsplit("/", 1)[1]
    assert set(spec["components"]["schemas"][invalid]["required"]) == {"detail", "errors"}
    page = next(
        p for p in operations["/api/organisations"]["get"]["parameters"] if p["name"] == "page"
    )
    assert page["schema"]["maximum"] == MAX_PAGE


# --- NUL characters (PostgreSQL cannot store or compare them) ---


@pytest.mark.parametrize(
    "url",
    [
        "/organisations/?q=%00",
        "/account/organisation/join/?q=a%00b",
        "/opportunities/quarantine/?source=%00",
        "/suppliers/review/?status=%00",
        "/cases/across-sectors/?from=%00",
        "/organisations/home%00council/",
    ],
)
def test_pages_refuse_a_nul_character_with_the_400_page(client_for, world, url):
    response = client_for("coordinator").get(url)
    assert response.status_code == 400
    assert "NUL character" in response.content.decode()


def test_a_posted_form_field_with_a_nul_character_is_refused(client_for, world):
    response = client_for("buyer").post(reverse("accounts:token_create"), {"name": "CRM\x00sync"})
    assert response.status_code == 400
    assert not world.users["buyer"].api_tokens.filter(name__startswith="CRM").exists()


@pytest.mark.parametrize(
    "url",
    [
        "/api/challenges?status=%00",
        "/api/organisations?sector=%00",
        "/api/champions?organisation=%00",
        "/api/cases?q=%00",
        "/api/organisations/%00",
        "/api/me?x=%00",
    ],
)
def test_api_refuses_a_nul_character_with_a_json_400(client, world, url):
    response = client.get(url)
    assert response.status_code == 400
    assert "NUL character" in response.json()["detail"]
