"""Reading request parameters with bounds: dates, whole numbers and page numbers.

One definition for the HTML forms, the views that read a bare parameter, and the JSON API, so a
hostile or mistyped value (`?deadline_to=9999-12-31`, `?page=10**30`, `?year=abc`) is refused with
a message saying what is wrong instead of overflowing somewhere deeper and answering 500.
"""

from __future__ import annotations

from datetime import date
from typing import Annotated

from crispy_forms_gds.fields import DateInputField
from django import forms
from django.core.exceptions import BadRequest, ValidationError
from django.core.validators import MaxValueValidator, MinValueValidator
from django.http import JsonResponse
from ninja import Field, Schema
from ninja.pagination import PageNumberPagination

# The dates a search, filter, saved search or form may name. A day is turned into the start of that
# day in the site's time zone, the day after it, and an index timestamp: near date.min or date.max
# that overflows (a search with 9999-12-31 or 0001-01-01 answered 500; a saved one broke
# send_alerts). Wider than any real notice, payment, challenge or plan, which are all from 2000 on.
EARLIEST_DATE = date(2000, 1, 1)
LATEST_DATE = date(2100, 12, 31)
DATE_RANGE = (
    f"between {EARLIEST_DATE.day} {EARLIEST_DATE:%B %Y} and {LATEST_DATE.day} {LATEST_DATE:%B %Y}"
)
DATE_RANGE_MESSAGE = f"Enter a date {DATE_RANGE}"

# The last page any listing serves. An offset beyond a 64-bit integer overflows the database
# driver (page=10**30 answered 500); no listing has anywhere near this many pages of results.
MAX_PAGE = 100_000

# The largest key a 64-bit (BigAutoField) column holds: an id parameter beyond it cannot name a row.
LARGEST_ID = 2**63 - 1


class DateParameterField(forms.DateField):
    """A form's date field (YYYY-MM-DD) limited to EARLIEST_DATE..LATEST_DATE, with the range in its
    message and on the browser's date picker."""

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.DateInput(
                attrs={
                    "type": "date",
                    "min": EARLIEST_DATE.isoformat(),
                    "max": LATEST_DATE.isoformat(),
                }
            ),
        )
        super().__init__(**kwargs)
        self.validators += [
            MinValueValidator(EARLIEST_DATE, message=DATE_RANGE_MESSAGE),
            MaxValueValidator(LATEST_DATE, message=DATE_RANGE_MESSAGE),
        ]


class DayMonthYearField(DateInputField):
    """The GOV.UK date input (day, month and year boxes) limited to EARLIEST_DATE..LATEST_DATE.

    crispy-forms-gds turns a year too large for a C integer into an OverflowError (a 500); here it
    is the same message as any date out of range. A day the month does not have (30 February,
    month 13) is said in words, with the field's label, instead of Python's "day is out of range"."""

    def compress(self, data_list):
        try:
            day = super().compress(data_list)
        except OverflowError:
            day = date.max
        except ValidationError as error:
            label = str(self.label or "the date")
            message = self.error_messages.get("impossible") or (
                f"{label[:1].upper()}{label[1:]} must be a real date: check the day and the month "
                "(1 to 12), for example 27 3 2027"
            )
            raise ValidationError(message, code="impossible") from error
        if day is not None and not EARLIEST_DATE <= day <= LATEST_DATE:
            code = "min_value" if day < EARLIEST_DATE else "max_value"
            raise ValidationError(self.error_messages.get(code, DATE_RANGE_MESSAGE), code=code)
        return day


# The same bounds for a date in the JSON API (query or body): a 422 naming the field otherwise.
ApiDate = Annotated[
    date,
    Field(
        ge=EARLIEST_DATE,
        le=LATEST_DATE,
        description=f"A date (YYYY-MM-DD) from {EARLIEST_DATE} to {LATEST_DATE}",
    ),
]


def whole_number(
    value: str | None, *, name: str, minimum: int, maximum: int, default: int | None = None
) -> int | None:
    """A whole-number request parameter within minimum..maximum; `default` when absent or blank.

    Anything else is a BadRequest (the 400 page) saying which parameter and what it may be."""
    if value is None or not str(value).strip():
        return default
    text = str(value).strip()
    # Digits only (and a sign): int() would accept "1_000" and spend time on a million digits.
    digits = text.removeprefix("-")
    if not digits.isascii() or not digits.isdigit() or len(digits) > len(str(maximum)) + 1:
        raise BadRequest(f"'{name}' must be a whole number from {minimum} to {maximum}.")
    number = int(text)
    if not minimum <= number <= maximum:
        raise BadRequest(f"'{name}' must be a whole number from {minimum} to {maximum}.")
    return number


class Paging(PageNumberPagination):
    """The API's page-number paging, with page numbers bounded by MAX_PAGE (a 422 beyond it)."""

    class Input(Schema):
        page: int = Field(1, ge=1, le=MAX_PAGE, description=f"Page number, 1 to {MAX_PAGE}")
        page_size: int | None = Field(
            None, ge=1, description="Items per page (capped at the endpoint's maximum)"
        )


class RefuseNulCharacters:
    """Answer 400 to a request whose path, query or form fields hold a NUL character.

    NUL is never valid text here, and PostgreSQL cannot store or even compare it (a `?q=%00` that
    reached a filter answered 500). Forms already refuse it field by field; this covers every bare
    parameter and path at once. API paths get the API's JSON error body, pages the 400 page."""

    MESSAGE = "The address or form holds a NUL character (%00), which is never valid text."
    API_PREFIX = "/api/"  # where core/urls.py mounts the JSON API

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if self._holds_nul(request):
            if request.path.startswith(self.API_PREFIX):
                return JsonResponse({"detail": self.MESSAGE}, status=400)
            from core.views import bad_request  # noqa: PLC0415 (core.views imports this module's neighbours at start-up: only when a request holds a NUL)

            return bad_request(request, BadRequest(self.MESSAGE))
        return self.get_response(request)

    @staticmethod
    def _holds_nul(request) -> bool:
        if "\x00" in request.path:
            return True
        fields = [request.GET]
        if request.method == "POST":
            fields.append(request.POST)  # form fields only; uploaded files are not text
        return any(
            "\x00" in key or any("\x00" in value for value in values)
            for data in fields
            for key, values in data.lists()
        )
