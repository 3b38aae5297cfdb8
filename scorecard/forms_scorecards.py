"""The period chooser of the scorecard pages and their downloads: a financial year, one of its
quarters, or dates from and to, checked by `scorecard.periods.period` (as the API is)."""

from __future__ import annotations

from django import forms

from core.forms import GovukErrorsMixin
from core.params import DateParameterField
from scorecard import periods

WHOLE_YEAR = "Choose a financial year from the list"


class PeriodForm(GovukErrorsMixin, forms.Form):
    error_names = {"since": "the date from", "until": "the date to"}
    year = forms.IntegerField(
        required=False,
        label="Financial year (April to March)",
        error_messages={"invalid": WHOLE_YEAR},
    )
    quarter = forms.TypedChoiceField(
        required=False,
        label="Quarter of that year",
        coerce=int,
        empty_value=None,
        choices=[("", "The whole year")]
        + [(str(q), f"Q{q}: {months}") for q, months in periods.QUARTER_MONTHS.items()],
        error_messages={"invalid_choice": "Choose a quarter from the list"},
    )
    since = DateParameterField(
        required=False,
        label="From",
        error_messages={"invalid": "Enter the date from as a real date, like 2026-04-01"},
    )
    until = DateParameterField(
        required=False,
        label="To",
        error_messages={"invalid": "Enter the date to as a real date, like 2027-03-31"},
    )

    def __init__(self, data=None, years: list[int] | None = None):
        super().__init__(data)
        self.years = years or []
        self.chosen: periods.Period = periods.EVERYTHING

    def clean(self):
        data = super().clean()
        if self.errors:
            return data
        chosen, errors = periods.period(
            data.get("year"), data.get("quarter"), data.get("since"), data.get("until")
        )
        for name, message in errors.items():
            self.add_error(name, message)
        if chosen is not None:
            self.chosen = chosen
        return data

    def year_choices(self) -> list[tuple[int, str]]:
        """The financial years with releases, and the one asked for."""
        chosen = self.cleaned_data.get("year") if self.is_bound and self.is_valid() else None
        years = sorted({*self.years, *([chosen] if chosen is not None else [])}, reverse=True)
        return [(year, periods.fy_label(year)) for year in years]

    def error_list(self) -> list[tuple[str, str]]:
        """(field id, message) for the error summary, in the fields' order."""
        return [
            (f"id_{name}", str(error))
            for name in self.fields
            for error in self.errors.get(name, [])
        ]
