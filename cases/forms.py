"""Forms for the case library. The same form validates the web form and each spreadsheet row."""

from __future__ import annotations

import re
from decimal import Decimal

from django import forms
from django.utils import timezone

from cases import greenbook, lines
from cases.models import Barrier, BuyerType, Case
from cases.sharing import Level
from challenges.models import Challenge
from challenges.routefinder import route_names
from core.forms import GovukErrorsMixin, GovukForm, GovukModelForm
from network.models import Organisation, Sector


def route_choices():
    return [("", "Choose a route"), *route_names()]


class CaseForm(GovukModelForm):
    submit_label = "Save the case"

    route = forms.ChoiceField(label="Route used", choices=route_choices)
    sectors = forms.ModelMultipleChoiceField(
        queryset=Sector.objects.all(), widget=forms.CheckboxSelectMultiple, required=False
    )
    barriers = forms.ModelMultipleChoiceField(
        label="Barriers met",
        queryset=Barrier.objects.all(),
        widget=forms.CheckboxSelectMultiple,
        required=False,
    )
    named_organisations = forms.ModelMultipleChoiceField(
        label="Organisations it is shared with (for 'named organisations')",
        queryset=Organisation.objects.order_by("name"),
        widget=forms.SelectMultiple(attrs={"size": 6}),
        required=False,
    )
    outcomes_text = forms.CharField(
        label="Outcomes as measured results",
        required=False,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=(
            "One per line: measure | baseline | result | unit | kind | claim. For example: "
            "Cost per bed cleaned | 100 | 65 | % of former cost | money. Kind is one of money, "
            "carbon, service, local, health, other; write 'claim' last when an interested party "
            "stated it and nobody evaluated it"
        ),
    )
    sources_text = forms.CharField(
        label="Sources",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="One per line: title | address (https://...)",
    )
    challenges = forms.ModelMultipleChoiceField(
        label="Challenges this case came from or led to",
        queryset=None,
        widget=forms.SelectMultiple(attrs={"size": 5}),
        required=False,
    )
    ocids_text = forms.CharField(
        label="Notices (OCDS process ids)",
        required=False,
        help_text="Separated by commas, for example ocds-h6vhtk-04f1e2",
    )
    consent = forms.BooleanField(
        label="I agree, for my organisation, to share this case at the level chosen",
        required=False,
    )

    class Meta:
        model = Case
        fields = [
            "title",
            "summary",
            "problem",
            "buyer_names",
            "buyer_type",
            "supplier_names",
            "supplier_is_sme",
            "sectors",
            "place",
            "route",
            "route_details",
            "value",
            "value_note",
            "start_year",
            "end_year",
            "barriers",
            "barriers_overcome",
            "lessons",
            "contacts",
            "level",
            "named_organisations",
            "challenges",
        ]
        labels = {
            "value": "Value, in pounds",
            "supplier_is_sme": "Is the supplier an SME?",
            "level": "Who may see this case",
        }
        widgets = {
            "summary": forms.Textarea(attrs={"rows": 3}),
            "problem": forms.Textarea(attrs={"rows": 4}),
            "barriers_overcome": forms.Textarea(attrs={"rows": 3}),
            "lessons": forms.Textarea(attrs={"rows": 4}),
            "contacts": forms.Textarea(attrs={"rows": 2}),
            "supplier_is_sme": forms.Select(
                choices=[("unknown", "Not known"), ("true", "Yes"), ("false", "No")]
            ),
            "level": forms.RadioSelect,
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["buyer_type"].choices = [("", "Choose a type"), *BuyerType.choices]
        self.fields["challenges"].queryset = Challenge.objects.public().order_by("title")
        if self.instance.pk:
            self.fields["outcomes_text"].initial = lines.outcomes_text(self.instance.outcomes.all())
            self.fields["sources_text"].initial = lines.sources_text(self.instance.sources.all())
            self.fields["ocids_text"].initial = ", ".join(self.instance.ocids)

    def clean_outcomes_text(self):
        parsed, problems = lines.parse_outcomes(self.cleaned_data["outcomes_text"])
        if problems:
            raise forms.ValidationError(problems)
        return parsed

    def clean_sources_text(self):
        parsed, problems = lines.parse_sources(self.cleaned_data["sources_text"])
        if problems:
            raise forms.ValidationError(problems)
        return parsed

    def clean_ocids_text(self):
        ocids = [
            part.strip() for part in self.cleaned_data["ocids_text"].split(",") if part.strip()
        ]
        bad = [o for o in ocids if not o.startswith("ocds-")]
        if bad:
            raise forms.ValidationError(f"An ocid starts with 'ocds-': {', '.join(bad)}")
        return ocids

    def clean(self):
        data = super().clean()
        start, end = data.get("start_year"), data.get("end_year")
        this_year = timezone.localdate().year
        for name in ("start_year", "end_year"):
            year = data.get(name)
            if year is not None and not 1950 <= year <= this_year + 10:
                self.add_error(name, f"Enter a year between 1950 and {this_year + 10}")
        if start and end and end < start:
            self.add_error("end_year", "The end year must not be before the start year")
        level = data.get("level")
        if level == Level.NAMED and not data.get("named_organisations"):
            self.add_error("named_organisations", "Choose the organisations it is shared with")
        if level and level != Level.PRIVATE and not data.get("consent"):
            self.add_error(
                "consent",
                "Agree to share for your organisation, or choose 'Private draft'",
            )
        return data


class CaseSearchForm(GovukErrorsMixin, forms.Form):
    error_names = {"q": "the search words"}
    VALUE_BANDS = [
        ("", "Any value"),
        ("under-100k", "Under £100,000"),
        ("100k-1m", "£100,000 to £1 million"),
        ("1m-10m", "£1 million to £10 million"),
        ("over-10m", "Over £10 million"),
    ]
    q = forms.CharField(label="Search cases", required=False, max_length=200)
    sector = forms.CharField(required=False)
    route = forms.CharField(required=False)
    barrier = forms.CharField(required=False)
    buyer_type = forms.CharField(required=False)
    value = forms.ChoiceField(choices=VALUE_BANDS, required=False)
    year = forms.IntegerField(required=False, min_value=1950, max_value=2100)
    outcome = forms.CharField(required=False)


class ReviewForm(GovukForm):
    submit_label = "Send the decision"
    decision = forms.ChoiceField(
        label="Decision",
        choices=[("publish", "Publish"), ("changes", "Ask for changes")],
        widget=forms.RadioSelect,
    )
    note = forms.CharField(
        label="Note to the submitter",
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        help_text="Required when you ask for changes",
    )

    def clean(self):
        data = super().clean()
        if data.get("decision") == "changes" and not data.get("note", "").strip():
            self.add_error("note", "Say what needs to change")
        return data


class ImportForm(GovukForm):
    submit_label = "Check and import"
    file = forms.FileField(
        label="Spreadsheet of cases (CSV or XLSX)",
        help_text="One case per row, with the columns of the template; up to 5 MB",
    )
    # Not named "submit": the form's button is, and a browser always sends the button's value,
    # which would tick this box for every import.
    submit_for_review = forms.BooleanField(
        label="Submit them for review now (otherwise they are kept as drafts)", required=False
    )

    def clean_file(self):
        upload = self.cleaned_data["file"]
        if upload.size > 5 * 1024 * 1024:
            raise forms.ValidationError("The file must be smaller than 5 MB")
        name = upload.name.lower()
        if not name.endswith((".csv", ".xlsx")):
            raise forms.ValidationError("The file must be a CSV or XLSX spreadsheet")
        return upload


class CalculatorForm(GovukForm):
    """Lines of costs and savings, one per row: budget holder, kind, year, amount."""

    submit_label = "Calculate"
    name = forms.CharField(label="Name of this calculation", max_length=200, required=False)
    project_type = forms.ChoiceField(
        label="Project type (for optimism bias)",
        choices=[(k, v["label"]) for k, v in greenbook.load()["optimism_bias"]["types"].items()],
        initial="none",
    )
    ROWS = 12
    # The page adds rows 12 at a time. 60 rows (300 fields, well under Django's
    # DATA_UPLOAD_MAX_NUMBER_FIELDS) are more than an appraisal needs, since a row repeats to an
    # 'until' year; more is refused before any field is made (100,000 rows once cost 20 s of CPU
    # and 740 MB for one request).
    MAX_ROWS = 60
    # The last year a line may reach: the Green Book schedule has rates past year 300, and 400
    # bounds the table of results (and the lines a row can repeat into).
    MAX_YEAR = 400
    _ROW_FIELD = re.compile(r"(?:holder|kind|year|until|amount)_(\d{1,7})")

    def __init__(self, *args, rows: int | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        requested = max(rows or 0, self.ROWS)
        highest = max(
            (int(m.group(1)) for m in map(self._ROW_FIELD.fullmatch, self.data) if m), default=-1
        )
        self.too_many_rows = requested > self.MAX_ROWS or highest >= self.MAX_ROWS
        self.row_count = min(requested, self.MAX_ROWS)
        # The table names each cell by its column and row; its messages do the same.
        self.error_names = {}
        for i in range(self.row_count):
            self.error_names.update(
                {
                    f"holder_{i}": f"the budget holder in row {i + 1}",
                    f"kind_{i}": f"the kind in row {i + 1}",
                    f"year_{i}": f"the year in row {i + 1}",
                    f"until_{i}": f"the until year in row {i + 1}",
                    f"amount_{i}": f"the amount in row {i + 1}",
                }
            )
            self.fields[f"holder_{i}"] = forms.CharField(required=False, max_length=100)
            self.fields[f"kind_{i}"] = forms.ChoiceField(
                required=False, choices=[("", "-"), *greenbook.KINDS.items()]
            )
            for name, words in (("year", "The year"), ("until", "The until year")):
                self.fields[f"{name}_{i}"] = forms.IntegerField(
                    required=False,
                    min_value=0,
                    max_value=self.MAX_YEAR,
                    error_messages={
                        "max_value": f"{words} in row {i + 1} must be {self.MAX_YEAR} or less",
                        "min_value": f"{words} in row {i + 1} must be 0 (now) or more",
                        "invalid": f"{words} in row {i + 1} must be a whole number, like 3",
                    },
                )
            self.fields[f"amount_{i}"] = forms.DecimalField(
                required=False, min_value=0, max_digits=15, decimal_places=2
            )

    def rows(self):
        for i in range(self.row_count):
            yield (
                i,
                [self[f"{name}_{i}"] for name in ("holder", "kind", "year", "until", "amount")],
            )

    @classmethod
    def requested_rows(cls, value: str | None) -> int:
        """The number of rows a request asks for: digits only (a longer number than a form could
        have counts as too many)."""
        value = (value or "").strip()
        if not value.isascii() or not value.isdigit():
            return 0
        return int(value) if len(value) <= 6 else cls.MAX_ROWS + 1

    def clean(self):
        if self.too_many_rows:
            raise forms.ValidationError(
                f"A calculation can have at most {self.MAX_ROWS} rows. Use 'until year' for a "
                "cost or saving that repeats, or split the calculation in two."
            )
        data = super().clean()
        found, rows = [], []
        for i in range(self.row_count):
            cells = [data.get(f"{n}_{i}") for n in ("holder", "kind", "year", "amount")]
            until = data.get(f"until_{i}")
            if all(c in (None, "") for c in cells) and until is None:
                continue
            if any(c in (None, "") for c in cells):
                self.add_error(
                    f"holder_{i}",
                    f"Row {i + 1}: give the budget holder, the kind, the year and the amount",
                )
                continue
            holder, kind, year, amount = (
                cells[0].strip(),
                cells[1],
                int(cells[2]),
                Decimal(cells[3]),
            )
            if until is not None and until < year:
                self.add_error(
                    f"holder_{i}", f"Row {i + 1}: 'until year' must not be before the year"
                )
                continue
            # A row may repeat every year from `year` to `until year`.
            for each in range(year, (until if until is not None else year) + 1):
                found.append(greenbook.Line(holder, kind, each, amount))
            rows.append(
                {
                    "holder": holder,
                    "kind": kind,
                    "year": year,
                    "until": until,
                    "amount": str(amount),
                }
            )
        if not found and not self.errors:
            raise forms.ValidationError("Enter at least one cost or saving")
        data["lines"], data["rows"] = found, rows
        return data

    @staticmethod
    def data_from(lines_json: list[dict], project_type: str, name: str = "") -> dict:
        """Form data for saved lines, to show a saved calculation again."""
        data = {"project_type": project_type, "name": name}
        for i, line in enumerate(lines_json):
            for key in ("holder", "kind", "year", "until", "amount"):
                if line.get(key) is not None:
                    data[f"{key}_{i}"] = str(line[key])
        return data
